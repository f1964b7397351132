/*
 * `frontdesk export ics|csv` and `frontdesk report sla|utilisation`.
 *
 * Exports go to stdout, or with -o FILE to a temporary file (mode 0600) in
 * FILE's folder that is renamed over FILE only once it is complete, so a
 * phone calendar or a spreadsheet never reads half a file.  Reports print
 * a table with bar charts, or one JSON document with --json.  The bars are
 * drawn with block characters on a UTF-8 terminal and with ASCII
 * elsewhere; that choice belongs here, with the terminal, not in ops/.
 */
#include "cli_internal.h"

#include <frontdesk/export.h>
#include <frontdesk/report.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* ---- shared pieces ---- */

static int parse_range(struct cli_call *call, const char *from, const char *to,
                       struct fd_day_range *range)
{
    range->from = range->to = FD_DAY_NONE;
    int rc = 0;
    if (from)
        rc = cli_parse_day(call, "--from", from, &range->from);
    if (rc == 0 && to)
        rc = cli_parse_day(call, "--to", to, &range->to);
    if (rc == 0 && from && to && range->to < range->from)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--to: must not be before --from");
    return rc;
}

/* Where an export goes: stdout, or a temporary file renamed into place. */
struct output {
    FILE *file;
    const char *path; /* NULL: stdout */
    char *temporary;
};

static int output_open(struct cli_call *call, const char *path, struct output *out)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->file = stdout;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return fd_fail(&call->err, FD_ERR_USAGE, "-o: \"%s\" names a folder; name a file", path);
    /* The folder as written ("" for the root, "." for none). */
    int folder_length = slash ? (int)(slash - path) : 1;
    const char *folder = slash ? path : ".";
    size_t size = strlen(path) + 32;
    out->temporary = malloc(size);
    if (!out->temporary)
        return fd_fail(&call->err, FD_ERR_SOFTWARE, "out of memory");
    snprintf(out->temporary, size, "%.*s/.%s.XXXXXX", folder_length, folder, base);
    int fd = mkstemp(out->temporary); /* mode 0600 */
    if (fd < 0 || !(out->file = fdopen(fd, "w"))) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
            unlink(out->temporary);
        }
        free(out->temporary);
        out->temporary = NULL;
        if (saved == ENOENT || saved == ENOTDIR)
            return fd_fail(&call->err, FD_ERR_IO, "-o: %s: the folder %.*s does not exist", path,
                           folder_length ? folder_length : 1, folder_length ? folder : "/");
        return fd_fail(&call->err, FD_ERR_IO, "-o: cannot write %s in the folder %.*s: %s", base,
                       folder_length ? folder_length : 1, folder_length ? folder : "/",
                       strerror(saved));
    }
    out->path = path; /* only now is there a temporary file for output_close */
    return 0;
}

/* Completes the output when rc is 0 (the file replaces FILE), or throws the
 * temporary file away.  Returns rc, or the error of finishing. */
static int output_close(struct cli_call *call, struct output *out, int rc)
{
    if (!out->path) {
        if (fflush(stdout) != 0 && rc == 0)
            rc = fd_fail(&call->err, FD_ERR_IO, "writing to stdout: %s", strerror(errno));
        return rc;
    }
    if (rc == 0 && (fflush(out->file) != 0 || fsync(fileno(out->file)) != 0))
        rc = fd_fail(&call->err, FD_ERR_IO, "-o: writing %s: %s", out->path, strerror(errno));
    if (fclose(out->file) != 0 && rc == 0)
        rc = fd_fail(&call->err, FD_ERR_IO, "-o: writing %s: %s", out->path, strerror(errno));
    if (rc == 0 && rename(out->temporary, out->path) != 0)
        rc =
            fd_fail(&call->err, FD_ERR_IO, "-o: cannot replace %s: %s", out->path, strerror(errno));
    if (rc < 0)
        unlink(out->temporary);
    free(out->temporary);
    out->temporary = NULL;
    return rc;
}

static void format_range(const struct fd_day_range *range, char *out, size_t size)
{
    char from[FD_DATE_LEN], to[FD_DATE_LEN];
    date_format(range->from, from);
    date_format(range->to, to);
    snprintf(out, size, "%s to %s", from, to);
}

/* ---- exports ---- */

static int cmd_export_ics(struct cli_call *call)
{
    const char *therapist = NULL, *from = NULL, *to = NULL, *path = NULL;
    const struct cli_option options[] = {{"therapist", 0, &therapist, NULL},
                                         {"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},
                                         {"output", 'o', &path, NULL},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_day_range range;
    if (rc == 0)
        rc = parse_range(call, from, to, &range);
    /* The therapist is looked up before any file is made, so a typo
     * leaves nothing behind. */
    struct fd_therapist found = {0};
    snprintf(found.handle, sizeof found.handle, "the whole clinic");
    if (rc == 0 && therapist)
        rc = ops_therapist_find(&call->ctx, therapist, &found, &call->err);
    struct output output;
    if (rc == 0)
        rc = output_open(call, path, &output);
    if (rc != 0)
        return rc;
    size_t count = 0;
    rc = ops_export_ics(&call->ctx, found.id, &range, output.file, &count, &call->err);
    rc = output_close(call, &output, rc);
    if (rc == 0 && output.path) {
        char dates[32];
        format_range(&range, dates, sizeof dates);
        printf("Wrote %zu appointment%s of %s (%s) to %s\n", count, count == 1 ? "" : "s",
               found.handle, dates, output.path);
    }
    return rc;
}

static int cmd_export_csv(struct cli_call *call)
{
    const char *what = NULL, *from = NULL, *to = NULL, *path = NULL;
    const struct cli_option options[] = {
        {"from", 0, &from, NULL}, {"to", 0, &to, NULL}, {"output", 'o', &path, NULL}, {0}};
    int rc = cli_parse(call, options, &what, 1, 1);
    if (rc == 0 && strcmp(what, "appointments") != 0)
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "export csv: \"%s\" cannot be exported; only appointments can", what);
    struct fd_day_range range;
    if (rc == 0)
        rc = parse_range(call, from, to, &range);
    struct output output;
    if (rc == 0)
        rc = output_open(call, path, &output);
    if (rc != 0)
        return rc;
    size_t count = 0;
    rc = ops_export_csv(&call->ctx, &range, output.file, &count, &call->err);
    rc = output_close(call, &output, rc);
    if (rc == 0 && output.path) {
        char dates[32];
        format_range(&range, dates, sizeof dates);
        printf("Wrote %zu appointment%s (%s) to %s\n", count, count == 1 ? "" : "s", dates,
               output.path);
    }
    return rc;
}

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

/* Terminal columns of UTF-8 text. */
static int text_columns(const char *text)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int columns = 0;
    for (const char *p = text; *p;) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, strlen(p), &state);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            memset(&state, 0, sizeof state);
            n = 1;
            wc = L'?';
        }
        int w = wcwidth(wc);
        columns += w < 0 ? 1 : w;
        p += n;
    }
    return columns;
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
    format_range(&report->range, dates, sizeof dates);
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
    return rc < 0 ? rc : parse_range(call, from, to, range);
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
    printf("  %3d%%  (%.1fh of %.1fh)\n",
           report_percent(row->booked_minutes, row->rostered_minutes),
           (double)row->booked_minutes / 60.0, (double)row->rostered_minutes / 60.0);
}

static void utilisation_text(const struct utilisation_report *report)
{
    char dates[32];
    format_range(&report->range, dates, sizeof dates);
    printf("Utilisation: booked against rostered hours, %s\n", dates);
    if (report->row_count == 0) {
        printf("\nNobody is rostered on these days.\n");
        return;
    }
    int handle_width = 1, clinic_width = 1;
    for (size_t i = 0; i < report->row_count; i++) {
        int h = text_columns(report->rows[i].therapist), c = text_columns(report->rows[i].clinic);
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

const struct cli_command CLI_EXPORT_COMMANDS[] = {
    {"export ics", cmd_export_ics, DB_READ, "[--therapist H] [--from D --to D] [-o FILE]",
     "a therapist's calendar feed for their phone (iCalendar), or the whole clinic's",
     "  --therapist H   whose appointments (default: every therapist's, each event naming\n"
     "                  whose it is)\n"
     "  --from, --to D  days to include (default: 30 days back to 90 days ahead)\n"
     "  -o FILE         write FILE (replaced whole, private to you) instead of stdout\n"
     "Exporting again updates the events a calendar holds; cancelled appointments\n"
     "stay in the feed, marked cancelled.  Clients appear by first name only.\n"},
    {"export csv", cmd_export_csv, DB_READ, "appointments [--from D --to D] [-o FILE]",
     "appointments as CSV for a spreadsheet",
     "  --from, --to D  days to include (default: 30 days back to 90 days ahead)\n"
     "  -o FILE         write FILE (replaced whole, private to you) instead of stdout\n"
     "Columns: " EXPORT_CSV_HEADER "\n"},
    {"report sla", cmd_report_sla, DB_READ, "[--from D --to D] [--json]",
     "requests answered within the reply promise",
     "  --from, --to D  requests received on these days (default: the last 8 weeks)\n"
     "  --json          one JSON document\n"},
    {"report utilisation", cmd_report_utilisation, DB_READ, "[--from D --to D] [--json]",
     "booked against rostered hours, by week",
     "  --from, --to D  days to include (default: this week and the 3 before)\n"
     "  --json          one JSON document\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
