/*
 * `frontdesk report sla|utilisation|attendance`: the owner's figures, as a
 * table with bar charts or as one JSON document with --json.  The bars are
 * drawn with block characters on a UTF-8 terminal and with ASCII
 * elsewhere; that choice belongs here, with the terminal, not in ops/.
 */
#include "cli_internal.h"

#include <frontdesk/report.h>

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- drawing reports ---- */

#define BAR_CELLS 12

/* Block characters need a UTF-8 terminal.  main() switches LC_CTYPE to
 * C.UTF-8 when the environment names no UTF-8 locale (so that names can be
 * measured), so the environment's own locale is asked for here. */
static bool terminal_is_utf8(void)
{
    const char *current = setlocale(LC_CTYPE, NULL);
    char *saved = current ? strdup(current) : NULL;
    bool utf8 = setlocale(LC_CTYPE, "") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    if (saved) {
        setlocale(LC_CTYPE, saved);
        free(saved);
    }
    return utf8;
}

struct bar_style {
    const char *full, *empty;
};

/* A bar of BAR_CELLS cells filled in proportion; blank when whole is 0
 * (nothing to measure, which is not the same as 0%). */
static void print_bar(const struct bar_style *style, long part, long whole)
{
    if (whole <= 0) {
        printf("%*s", BAR_CELLS, "");
        return;
    }
    int filled = (int)((part * BAR_CELLS * 2 + whole) / (whole * 2));
    if (filled > BAR_CELLS)
        filled = BAR_CELLS;
    for (int i = 0; i < BAR_CELLS; i++)
        fputs(i < filled ? style->full : style->empty, stdout);
}

static struct bar_style bar_style(void)
{
    return terminal_is_utf8() ? (struct bar_style){"\xe2\x96\x88", "\xe2\x96\x91"} /* █ ░ */
                              : (struct bar_style){"#", "."};
}

static json_t *json_day(fd_day day)
{
    char text[FD_DATE_LEN];
    date_format(day, text);
    return json_string(text);
}

static json_t *json_iso_week(fd_day day)
{
    int year, week;
    char text[16];
    report_iso_week(day, &year, &week);
    snprintf(text, sizeof text, "%04d-W%02d", year, week);
    return json_string(text);
}

/* Minutes as hours with one decimal, or null when there is no figure. */
static json_t *json_hours(long minutes)
{
    return minutes < 0 ? json_null() : json_real(round((double)minutes / 6.0) / 10.0);
}

static json_t *json_share(int part, int whole)
{
    return whole > 0 ? json_real(round(part * 10000.0 / whole) / 10000.0) : json_null();
}

/* Like cli_print_json, with reals kept short (0.8, not 0.80000000000000004). */
static void print_report_json(json_t *document)
{
    json_dumpf(document, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(document);
}

/* ---- report sla ---- */

static json_t *sla_figures_json(json_t *o, const struct sla_figures *f)
{
    json_object_set_new(o, "requests", json_integer(f->counted));
    json_object_set_new(o, "in_time", json_integer(f->in_time));
    json_object_set_new(o, "late", json_integer(f->late));
    json_object_set_new(o, "missed", json_integer(f->missed));
    json_object_set_new(o, "share", json_share(f->in_time, f->counted));
    json_object_set_new(o, "median_reply_hours", json_hours(f->median_minutes));
    json_object_set_new(o, "worst_reply_hours", json_hours(f->worst_minutes));
    json_object_set_new(o, "median_reply_minutes",
                        f->median_minutes < 0 ? json_null() : json_integer(f->median_minutes));
    json_object_set_new(o, "worst_reply_minutes",
                        f->worst_minutes < 0 ? json_null() : json_integer(f->worst_minutes));
    return o;
}

static json_t *sla_json(const struct fd_context *ctx, const struct sla_report *report)
{
    json_t *o = json_object();
    json_object_set_new(o, "from", json_day(report->range.from));
    json_object_set_new(o, "to", json_day(report->range.to));
    json_object_set_new(o, "reply_days", json_integer(ctx->config.request_reply_days));
    sla_figures_json(o, &report->total);
    json_object_set_new(o, "not_yet_due", json_integer(report->not_yet_due));
    json_object_set_new(o, "withdrawn", json_integer(report->withdrawn));
    json_t *weeks = json_array();
    for (size_t i = 0; i < report->week_count; i++) {
        json_t *week = json_object();
        json_object_set_new(week, "week", json_iso_week(report->weeks[i].week_start));
        json_object_set_new(week, "week_start", json_day(report->weeks[i].week_start));
        json_array_append_new(weeks, sla_figures_json(week, &report->weeks[i]));
    }
    json_object_set_new(o, "weeks", weeks);
    return o;
}

static void print_hours(long minutes)
{
    if (minutes < 0)
        printf("%7s", "-");
    else
        printf("%6.1fh", (double)minutes / 60.0);
}

static void sla_text(const struct fd_context *ctx, const struct sla_report *report)
{
    const struct sla_figures *t = &report->total;
    char dates[32], close[FD_HM_LEN];
    cli_format_range(&report->range, dates, sizeof dates);
    time_format_hm(ctx->config.calendar.close_of_business, close);
    printf("Reply promise: requests received %s\n", dates);
    printf("(answered within %d working day%s, by %s)\n\n", ctx->config.request_reply_days,
           ctx->config.request_reply_days == 1 ? "" : "s", close);
    if (t->counted == 0)
        printf("In time:  no request to count yet\n");
    else
        printf("In time:  %d of %d  %d%%\n", t->in_time, t->counted,
               report_percent(t->in_time, t->counted));
    printf("Late:     %d answered after the promise\n", t->late);
    printf("Missed:   %d still waiting past the promise\n", t->missed);
    if (t->answered > 0)
        printf("Reply time in working hours: median %.1fh, worst %.1fh\n",
               (double)t->median_minutes / 60.0, (double)t->worst_minutes / 60.0);
    printf("Not counted: %d pending within the promise, %d withdrawn\n\n", report->not_yet_due,
           report->withdrawn);
    struct bar_style style = bar_style();
    printf("%-8s  %-10s  %8s  %7s  %-*s  %5s  %7s  %7s\n", "week", "w/c", "requests", "in time",
           BAR_CELLS, "", "share", "median", "worst");
    for (size_t i = 0; i < report->week_count; i++) {
        const struct sla_figures *w = &report->weeks[i];
        int year, number;
        char start[FD_DATE_LEN];
        report_iso_week(w->week_start, &year, &number);
        date_format(w->week_start, start);
        printf("%04d-W%02d  %s  %8d  %7d  ", year, number, start, w->counted, w->in_time);
        print_bar(&style, w->in_time, w->counted);
        if (w->counted > 0)
            printf("  %4d%%  ", report_percent(w->in_time, w->counted));
        else
            printf("  %5s  ", "-");
        print_hours(w->median_minutes);
        printf("  ");
        print_hours(w->worst_minutes);
        putchar('\n');
    }
}

/* `report … [--from D --to D] [--json]`, the options every report takes. */
static int parse_report_options(struct cli_call *call, struct fd_day_range *range, bool *json)
{
    const char *from = NULL, *to = NULL;
    const struct cli_option options[] = {
        {"from", 0, &from, NULL}, {"to", 0, &to, NULL}, {"json", 0, NULL, json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    return rc < 0 ? rc : cli_parse_range(call, from, to, range);
}

static int cmd_report_sla(struct cli_call *call)
{
    struct fd_day_range range;
    bool json = false;
    int rc = parse_report_options(call, &range, &json);
    struct sla_report report;
    if (rc == 0)
        rc = ops_report_sla(&call->ctx, &range, &report, &call->err);
    if (rc != 0)
        return rc;
    if (json)
        print_report_json(sla_json(&call->ctx, &report));
    else
        sla_text(&call->ctx, &report);
    sla_report_free(&report);
    return 0;
}

/* ---- report utilisation ---- */

static json_t *utilisation_row_json(const struct utilisation_row *row, bool therapist)
{
    json_t *o = json_object();
    if (therapist)
        json_object_set_new(o, "therapist", json_string(row->therapist));
    json_object_set_new(o, "clinic", json_string(row->clinic));
    json_object_set_new(o, "week", json_iso_week(row->week_start));
    json_object_set_new(o, "week_start", json_day(row->week_start));
    json_object_set_new(o, "rostered_minutes", json_integer(row->rostered_minutes));
    json_object_set_new(o, "booked_minutes", json_integer(row->booked_minutes));
    json_object_set_new(o, "rostered_hours", json_hours(row->rostered_minutes));
    json_object_set_new(o, "booked_hours", json_hours(row->booked_minutes));
    json_object_set_new(o, "percent",
                        json_integer(report_percent(row->booked_minutes, row->rostered_minutes)));
    json_object_set_new(o, "no_show_minutes", json_integer(row->no_show_minutes));
    json_object_set_new(o, "no_show_hours", json_hours(row->no_show_minutes));
    return o;
}

static json_t *utilisation_json(const struct utilisation_report *report)
{
    json_t *o = json_object(), *therapists = json_array(), *clinics = json_array();
    json_object_set_new(o, "from", json_day(report->range.from));
    json_object_set_new(o, "to", json_day(report->range.to));
    for (size_t i = 0; i < report->row_count; i++)
        json_array_append_new(therapists, utilisation_row_json(&report->rows[i], true));
    for (size_t i = 0; i < report->clinic_count; i++)
        json_array_append_new(clinics, utilisation_row_json(&report->clinics[i], false));
    json_object_set_new(o, "therapists", therapists);
    json_object_set_new(o, "clinics", clinics);
    return o;
}

/* prim  Low Cost Clinic  w/c 2026-11-23  ████████░░░░  62%  (11.2h of 18.0h) */
static void print_utilisation_row(const struct bar_style *style, const struct utilisation_row *row,
                                  int handle_width, int clinic_width)
{
    char start[FD_DATE_LEN];
    date_format(row->week_start, start);
    printf("  ");
    if (handle_width > 0) {
        cli_print_cell(stdout, row->therapist, handle_width);
        printf("  ");
    }
    cli_print_cell(stdout, row->clinic, clinic_width);
    printf("  w/c %s  ", start);
    print_bar(style, row->booked_minutes, row->rostered_minutes);
    printf("  %3d%%  (%.1fh of %.1fh", report_percent(row->booked_minutes, row->rostered_minutes),
           (double)row->booked_minutes / 60.0, (double)row->rostered_minutes / 60.0);
    if (row->no_show_minutes)
        printf("; %.1fh no-shows", (double)row->no_show_minutes / 60.0);
    printf(")\n");
}

static void utilisation_text(const struct utilisation_report *report)
{
    char dates[32];
    cli_format_range(&report->range, dates, sizeof dates);
    printf("Utilisation: booked against rostered hours, %s (no-shows count as booked)\n", dates);
    if (report->row_count == 0) {
        printf("\nNobody is rostered on these days.\n");
        return;
    }
    int handle_width = 1, clinic_width = 1;
    for (size_t i = 0; i < report->row_count; i++) {
        int h = cli_text_width(report->rows[i].therapist),
            c = cli_text_width(report->rows[i].clinic);
        handle_width = h > handle_width ? h : handle_width;
        clinic_width = c > clinic_width ? c : clinic_width;
    }
    if (clinic_width > 28)
        clinic_width = 28;
    struct bar_style style = bar_style();
    printf("\nTherapists\n");
    for (size_t i = 0; i < report->row_count; i++) {
        if (i > 0 && strcmp(report->rows[i].therapist, report->rows[i - 1].therapist) != 0)
            putchar('\n');
        print_utilisation_row(&style, &report->rows[i], handle_width, clinic_width);
    }
    printf("\nClinics\n");
    for (size_t i = 0; i < report->clinic_count; i++)
        print_utilisation_row(&style, &report->clinics[i], 0, clinic_width);
}

static int cmd_report_utilisation(struct cli_call *call)
{
    struct fd_day_range range;
    bool json = false;
    int rc = parse_report_options(call, &range, &json);
    struct utilisation_report report;
    if (rc == 0)
        rc = ops_report_utilisation(&call->ctx, &range, &report, &call->err);
    if (rc != 0)
        return rc;
    if (json)
        print_report_json(utilisation_json(&report));
    else
        utilisation_text(&report);
    utilisation_report_free(&report);
    return 0;
}

/* ---- report attendance ---- */

static json_t *attendance_row_json(const struct attendance_row *row, const char *key)
{
    json_t *o = json_object();
    if (key)
        json_object_set_new(o, key, json_string(row->name));
    if (key && strcmp(key, "client") == 0)
        json_object_set_new(o, "client_id", json_integer(row->id));
    json_object_set_new(o, "booked", json_integer(row->booked));
    json_object_set_new(o, "attended", json_integer(row->attended));
    json_object_set_new(o, "no_shows", json_integer(row->no_shows));
    json_object_set_new(o, "late_cancellations", json_integer(row->late_cancellations));
    json_object_set_new(o, "no_outcome_yet", json_integer(row->open));
    char fees[32];
    config_format_price((int)row->fees_pence, fees, sizeof fees);
    json_object_set_new(o, "fees_due", json_string(fees));
    return o;
}

static json_t *attendance_json(const struct attendance_report *report)
{
    json_t *o = json_object(), *therapists = json_array(), *clients = json_array();
    json_object_set_new(o, "from", json_day(report->range.from));
    json_object_set_new(o, "to", json_day(report->range.to));
    json_object_set_new(o, "total", attendance_row_json(&report->total, NULL));
    for (size_t i = 0; i < report->therapist_count; i++)
        json_array_append_new(therapists, attendance_row_json(&report->therapists[i], "therapist"));
    for (size_t i = 0; i < report->client_count; i++)
        json_array_append_new(clients, attendance_row_json(&report->clients[i], "client"));
    json_object_set_new(o, "therapists", therapists);
    json_object_set_new(o, "clients", clients);
    return o;
}

static void print_attendance_row(const struct attendance_row *row, int width)
{
    char fees[32];
    config_format_price((int)row->fees_pence, fees, sizeof fees);
    printf("  ");
    cli_print_cell(stdout, row->name, width);
    printf("  %6d  %8d  %8d  %4d  %10d  %9s\n", row->booked, row->attended, row->no_shows,
           row->late_cancellations, row->open, fees);
}

static void print_attendance_table(const char *title, const struct attendance_row *rows,
                                   size_t count)
{
    int width = 8;
    for (size_t i = 0; i < count; i++) {
        int w = cli_text_width(rows[i].name);
        width = w > width ? w : width;
    }
    if (width > 28)
        width = 28;
    printf("\n%s\n  ", title);
    cli_print_cell(stdout, "", width);
    printf("  booked  attended  no-shows  late  no outcome  fees due\n");
    for (size_t i = 0; i < count; i++)
        print_attendance_row(&rows[i], width);
}

static void attendance_text(const struct attendance_report *report)
{
    char dates[32];
    cli_format_range(&report->range, dates, sizeof dates);
    printf("Attendance: appointments on %s (cancellations in time not counted)\n", dates);
    if (report->total.booked == 0) {
        printf("\nNothing was booked on these days.\n");
        return;
    }
    struct attendance_row total = report->total;
    snprintf(total.name, sizeof total.name, "All");
    print_attendance_table("Clinic", &total, 1);
    print_attendance_table("Therapists", report->therapists, report->therapist_count);
    print_attendance_table("Clients (most missed first)", report->clients, report->client_count);
}

static int cmd_report_attendance(struct cli_call *call)
{
    struct fd_day_range range;
    bool json = false;
    int rc = parse_report_options(call, &range, &json);
    struct attendance_report report = {0};
    if (rc == 0)
        rc = ops_report_attendance(&call->ctx, &range, &report, &call->err);
    if (rc != 0)
        return rc;
    if (json)
        print_report_json(attendance_json(&report));
    else
        attendance_text(&report);
    attendance_report_free(&report);
    return 0;
}

/* ---- report offers ---- */

static json_t *offer_row_json(const struct offer_row *row)
{
    char discount[32], list[32];
    config_format_price((int)row->discount_pence, discount, sizeof discount);
    config_format_price((int)row->list_pence, list, sizeof list);
    json_t *o = json_object();
    if (row->offer[0]) {
        json_object_set_new(o, "offer", json_string(row->offer));
        json_object_set_new(o, "in_config", json_boolean(row->in_config));
    }
    json_object_set_new(o, "appointments", json_integer(row->appointments));
    json_object_set_new(o, "discount", json_string(discount));
    json_object_set_new(o, "list_price_total", json_string(list));
    return o;
}

static int cmd_report_offers(struct cli_call *call)
{
    struct fd_day_range range;
    bool json = false;
    int rc = parse_report_options(call, &range, &json);
    struct offers_report report = {0};
    if (rc == 0)
        rc = ops_report_offers(&call->ctx, &range, &report, &call->err);
    if (rc != 0)
        return rc;
    if (json) {
        json_t *o = json_object(), *rows = json_array();
        json_object_set_new(o, "from", json_day(report.range.from));
        json_object_set_new(o, "to", json_day(report.range.to));
        for (size_t i = 0; i < report.count; i++)
            json_array_append_new(rows, offer_row_json(&report.rows[i]));
        json_object_set_new(o, "offers", rows);
        json_object_set_new(o, "total", offer_row_json(&report.total));
        print_report_json(o);
    } else {
        char dates[32];
        cli_format_range(&report.range, dates, sizeof dates);
        printf("Offers given on appointments of %s (cancelled ones not counted)\n\n", dates);
        if (report.count == 0)
            printf("The config declares no offer, and none was given.\n");
        for (size_t i = 0; i < report.count; i++) {
            const struct offer_row *row = &report.rows[i];
            char discount[32];
            config_format_price((int)row->discount_pence, discount, sizeof discount);
            printf("  ");
            cli_print_cell(stdout, row->offer, 28);
            printf(" %5ld appointment%s  %10s off%s\n", row->appointments,
                   row->appointments == 1 ? " " : "s", discount,
                   row->in_config ? "" : "  (no longer in the config)");
        }
        char total[32];
        config_format_price((int)report.total.discount_pence, total, sizeof total);
        printf("\n  All offers: %ld appointment%s, %s off\n", report.total.appointments,
               report.total.appointments == 1 ? "" : "s", total);
    }
    offers_report_free(&report);
    return 0;
}

const struct cli_command CLI_REPORT_COMMANDS[] = {
    {"report sla", cmd_report_sla, DB_READ, "[--from D --to D] [--json]",
     "requests answered within the reply promise",
     "  --from, --to D  requests received on these days (default: the last 8 weeks)\n"
     "  --json          one JSON document\n"},
    {"report utilisation", cmd_report_utilisation, DB_READ, "[--from D --to D] [--json]",
     "booked against rostered hours, by week",
     "  --from, --to D  days to include (default: this week and the 3 before)\n"
     "  --json          one JSON document\n"},
    {"report attendance", cmd_report_attendance, DB_READ, "[--from D --to D] [--json]",
     "booked, attended, no-shows, late cancellations and fees, by therapist and client",
     "  --from, --to D  appointments starting on these days (default: this week and the 3\n"
     "                  before)\n"
     "  --json          one JSON document\n"},
    {"report offers", cmd_report_offers, DB_READ, "[--from D --to D] [--json]",
     "how many appointments each offer applied to, and the discount given",
     "  --from, --to D  appointments starting on these days (default: this week and the 3\n"
     "                  before)\n"
     "  --json          one JSON document\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
