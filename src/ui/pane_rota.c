/*
 * The Rota pane: the week as therapists × days, shifts coloured by clinic,
 * time off and closures marked.  Enter opens the selected therapist's
 * rules and coming time off as a list, where they can be edited (e) or
 * removed (r); n adds a rule and o time off from either place.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The therapist column; narrower on small terminals so a shift's times
 * still fit their day. */
static int name_width(int width)
{
    return width >= 100 ? 14 : 8;
}

/* The width of a day's column beside the therapist column. */
static int day_width(int width)
{
    int day = (width - name_width(width)) / 7;
    return day < 6 ? 6 : day;
}

/* "08:30-14:30", or "0830-1430" when the cell is narrow. */
static void format_shift(int start, int end, bool narrow, char *out, size_t size)
{
    char a[FD_HM_LEN], b[FD_HM_LEN];
    time_format_hm(start, a);
    time_format_hm(end, b);
    if (narrow)
        snprintf(out, size, "%.2s%.2s-%.2s%.2s", a, a + 3, b, b + 3);
    else
        snprintf(out, size, "%s-%s", a, b);
}

/* One row of the lower list: a rule or a stretch of time off. */
struct rota_item {
    bool is_rule;
    struct rota_rule rule;
    struct fd_time_off_record off;
};

struct rota_state {
    fd_day week;
    struct fd_therapist *therapists;
    size_t therapist_count;
    struct shift_list shifts;
    struct fd_time_off_record *offs; /* this week */
    size_t off_count;
    struct rota_item *items; /* the selected therapist's rules and coming time off */
    size_t item_count;
    struct list_view people;
    struct list_view list;
    bool in_list;
    char error[sizeof(struct fd_error){0}.message];
};

static const struct fd_therapist *selected_therapist(const struct rota_state *s)
{
    return s->therapist_count ? &s->therapists[s->people.selected] : NULL;
}

static void load_items(struct ui *ui, struct rota_state *s)
{
    free(s->items);
    s->items = NULL;
    s->item_count = 0;
    const struct fd_therapist *t = selected_therapist(s);
    if (!t)
        return;
    struct rota_rule *rules = NULL;
    struct fd_time_off_record *offs = NULL;
    size_t rule_count = 0, off_count = 0;
    struct fd_error err = {0};
    ops_rules(&ui->ctx, t->id, false, &rules, &rule_count, &err);
    ops_time_off(&ui->ctx, t->id, time_make(time_day(ui->ctx.now), 0), INT64_MAX / 2, &offs,
                 &off_count, &err);
    s->items = calloc(rule_count + off_count + 1, sizeof *s->items);
    for (size_t i = 0; s->items && i < rule_count; i++)
        s->items[s->item_count++] = (struct rota_item){.is_rule = true, .rule = rules[i]};
    for (size_t i = 0; s->items && i < off_count; i++)
        s->items[s->item_count++] = (struct rota_item){.is_rule = false, .off = offs[i]};
    free(rules);
    free(offs);
    list_clamp(&s->list, (int)s->item_count);
}

static void rota_load(struct ui *ui, void *state)
{
    struct rota_state *s = state;
    struct fd_error err = {0};
    free(s->therapists);
    free(s->offs);
    shift_list_free(&s->shifts);
    s->therapists = NULL;
    s->offs = NULL;
    s->therapist_count = s->off_count = 0;
    s->error[0] = '\0';
    s->week = date_week_start(ui->day);
    int rc = ops_therapist_list(&ui->ctx, &s->therapists, &s->therapist_count, &err);
    if (rc == 0 && ui->therapist_id) {
        /* The therapist's own view shows only their row. */
        size_t kept = 0;
        for (size_t i = 0; i < s->therapist_count; i++)
            if (s->therapists[i].id == ui->therapist_id)
                s->therapists[kept++] = s->therapists[i];
        s->therapist_count = kept;
    }
    int64_t only = ui->therapist && s->therapist_count ? s->therapists[0].id : 0;
    if (rc == 0)
        rc = ops_shifts(&ui->ctx, s->week, s->week + 6, only, &s->shifts, &err);
    if (rc == 0)
        rc = ops_time_off(&ui->ctx, only, time_make(s->week, 0), time_make(s->week + 7, 0),
                          &s->offs, &s->off_count, &err);
    if (rc < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    list_clamp(&s->people, (int)s->therapist_count);
    load_items(ui, s);
}

static attr_t clinic_attr(struct ui *ui, int64_t clinic_id)
{
    for (size_t i = 0; i < ui->ctx.config.clinic_count; i++)
        if (ui->ctx.config.clinics[i].id == clinic_id)
            return ui_attr(ui, i % 2 == 0 ? COLOR_CLINIC_A : COLOR_CLINIC_B) |
                   (ui->color ? 0 : (i % 2 ? A_UNDERLINE : 0));
    return A_NORMAL;
}

static bool off_on(const struct rota_state *s, int64_t therapist_id, fd_day day)
{
    for (size_t i = 0; i < s->off_count; i++)
        if (s->offs[i].off.therapist_id == therapist_id &&
            s->offs[i].off.from < time_make(day + 1, 0) && s->offs[i].off.to > time_make(day, 0))
            return true;
    return false;
}

static void draw_day_cell(struct ui *ui, const struct rota_state *s, WINDOW *win, int y, int x,
                          int width, int64_t therapist_id, fd_day day)
{
    const struct shift *first = NULL;
    int count = 0;
    for (size_t i = 0; i < s->shifts.count; i++)
        if (s->shifts.items[i].therapist_id == therapist_id && s->shifts.items[i].day == day) {
            if (!first)
                first = &s->shifts.items[i];
            count++;
        }
    char text[32];
    attr_t attr = A_NORMAL;
    if (first) {
        format_shift(first->start, first->end, width - 1 < 11 + (count > 1), text, sizeof text);
        if (count > 1)
            snprintf(text + strlen(text), sizeof text - strlen(text), "+");
        attr = clinic_attr(ui, first->clinic_id);
    } else if (calendar_is_closure(&ui->ctx.config.calendar, day)) {
        snprintf(text, sizeof text, "closed");
        attr = A_DIM;
    } else {
        snprintf(text, sizeof text, "·");
        attr = A_DIM;
    }
    if (off_on(s, therapist_id, day)) {
        /* Time off that leaves part of a shift still shows the shift,
         * marked; a whole day off says so. */
        if (!first)
            snprintf(text, sizeof text, "off");
        else
            snprintf(text + strlen(text), sizeof text - strlen(text), "*");
        attr = first ? attr : ui_attr(ui, COLOR_OFF);
    }
    wattr_on(win, attr, NULL);
    mvwhline(win, y, x, ' ', width - 1);
    wattr_off(win, attr, NULL);
    draw_text(win, y, x, text, width - 1, attr);
}

/* One therapist's row of the week: the handle, then a cell a day. */
static void people_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                       bool selected)
{
    struct rota_state *s = data;
    const struct fd_therapist *t = &s->therapists[index];
    int names = name_width(width), day = day_width(width);
    draw_text(win, y, 0, selected ? "▸" : " ", 1, A_BOLD);
    draw_text(win, y, 1, t->handle, names - 2,
              selected && !s->in_list ? ui_attr(ui, COLOR_SELECTED) | A_BOLD : A_BOLD);
    for (int d = 0; d < 7; d++)
        draw_day_cell(ui, s, win, y, names + d * day, day, t->id, s->week + d);
}

static void item_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                     bool selected)
{
    struct rota_state *s = data;
    const struct rota_item *item = &s->items[index];
    char line[FD_TEXT_SIZE + 160];
    if (item->is_rule) {
        char description[96], a[FD_HM_LEN], b[FD_HM_LEN], from[FD_DATE_LEN] = "",
                                                          until[FD_DATE_LEN] = "";
        rota_describe(&item->rule, description, sizeof description);
        time_format_hm(item->rule.start, a);
        time_format_hm(item->rule.end, b);
        if (item->rule.valid_from != FD_DAY_NONE)
            date_format(item->rule.valid_from, from);
        if (item->rule.valid_until != FD_DAY_NONE)
            date_format(item->rule.valid_until, until);
        const struct fd_clinic *clinic = config_clinic_by_id(&ui->ctx.config, item->rule.clinic_id);
        snprintf(line, sizeof line, "rule %-4lld %-18s %s-%s  %-16s %s%s%s",
                 (long long)item->rule.id, description, a, b, clinic ? clinic->name : "?",
                 from[0] || until[0] ? "valid " : "", from, from[0] || until[0] ? ".." : "");
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s", until);
    } else {
        char a[FD_DATETIME_LEN], b[FD_DATETIME_LEN];
        datetime_format(item->off.off.from, a);
        datetime_format(item->off.off.to, b);
        snprintf(line, sizeof line, "off  %-4lld %s → %s  %s", (long long)item->off.off.id, a, b,
                 item->off.reason);
    }
    attr_t attr = selected && s->in_list ? ui_attr(ui, COLOR_SELECTED) : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    draw_text(win, y, 1, line, width - 2, attr);
}

static void rota_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct rota_state *s = state;
    char title[96], date[FD_DATE_LEN];
    date_format(s->week, date);
    snprintf(title, sizeof title, "Week of Monday %s%s", date,
             s->week == date_week_start(time_day(ui->ctx.now)) ? "  (this week)" : "");
    int used = draw_text(win, 0, 1, title, width - 2, A_BOLD);
    int x = used + 3;
    for (size_t i = 0; i < ui->ctx.config.clinic_count && x < width; i++) {
        x += draw_text(win, 0, x, ui->ctx.config.clinics[i].name, width - x,
                       clinic_attr(ui, ui->ctx.config.clinics[i].id)) +
             1;
    }
    if (x + 12 < width) {
        x += draw_text(win, 0, x, "off", 3, ui_attr(ui, COLOR_OFF)) + 1;
        draw_text(win, 0, x, "*=part off", width - x, A_DIM);
    }
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    int names = name_width(width);
    for (int d = 0; d < 7; d++) {
        int y, m, dd;
        date_to_civil(s->week + d, &y, &m, &dd);
        char head[24];
        snprintf(head, sizeof head, "%s %d%s", date_weekday_name(d), dd,
                 calendar_is_closure(&ui->ctx.config.calendar, s->week + d) ? " closed" : "");
        draw_text(win, 1, names + d * day_width(width), head, day_width(width) - 1,
                  s->week + d == time_day(ui->ctx.now) ? A_BOLD | A_UNDERLINE : A_BOLD);
    }
    int grid_rows = (int)s->therapist_count;
    int list_rows = height - 4 - grid_rows;
    if (list_rows < 4) {
        grid_rows = height - 8 > 1 ? height - 8 : 1;
        list_rows = height - 4 - grid_rows;
    }
    list_draw(ui, &s->people, (int)s->therapist_count, win, 2, 0, grid_rows, width, people_row, s);
    if (s->therapist_count == 0) {
        draw_text(win, 3, 1,
                  "No therapists yet: n adds a rule once there is one "
                  "(frontdesk therapist add).",
                  width - 2, A_NORMAL);
        return;
    }
    int list_top = 3 + grid_rows;
    const struct fd_therapist *t = selected_therapist(s);
    char heading[FD_NAME_SIZE + 96];
    snprintf(heading, sizeof heading, "%s (%s): rules and time off%s", t->name, t->handle,
             s->in_list ? "" : "  (Enter to choose one)");
    draw_text(win, list_top, 1, heading, width - 2, A_BOLD);
    if (s->item_count == 0)
        draw_text(win, list_top + 1, 2, "No rules: n adds one.", width - 3, A_DIM);
    list_draw(ui, &s->list, (int)s->item_count, win, list_top + 1, 0, list_rows - 1, width,
              item_row, s);
}

/* ---- forms ---- */

enum {
    R_THERAPIST,
    R_CLINIC,
    R_PATTERN,
    R_DAYS,
    R_FROM,
    R_TO,
    R_VALID_FROM,
    R_VALID_UNTIL,
    R_BOOKINGS,     /* edits only: what to do with bookings left outside */
    R_APPLIES_FROM, /* edits only: the day the change starts */
    R_COUNT
};
static const char *const PATTERNS[] = {"weekly", "monthly", "once"};
/* What a change does with bookings it would leave outside the shifts. */
#define REFUSE "refuse the change"
#define KEEP   "keep them"
static const char *const BOOKING_CHOICES[] = {REFUSE, KEEP};

/* Parses the Days field according to the Pattern field beside it. */
static int parse_days(const struct form_field *fields, struct rota_rule *rule, struct fd_error *err)
{
    const char *pattern = fields[R_PATTERN].value, *days = fields[R_DAYS].value;
    if (strcmp(pattern, "weekly") == 0) {
        rule->pattern = ROTA_WEEKLY;
        return rota_parse_weekdays(days, &rule->weekdays, err);
    }
    if (strcmp(pattern, "monthly") == 0) {
        rule->pattern = ROTA_MONTHLY;
        return rota_parse_monthly(days, &rule->nth, &rule->weekday, err);
    }
    rule->pattern = ROTA_ONCE;
    if (date_parse(days, &rule->once_day) < 0)
        return fd_fail(err, FD_ERR_USAGE, "a date: YYYY-MM-DD");
    return 0;
}

static bool check_days(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    const struct form_field *fields = field - R_DAYS;
    struct rota_rule rule = {0};
    struct fd_error err = {0};
    if (parse_days(fields, &rule, &err) == 0)
        return true;
    snprintf(message, size, "%s", err.message);
    return false;
}

struct rule_form {
    struct rota_state *state;
    int64_t replacing; /* 0: a new rule */
    const struct ui_choices *choices;
};

static bool submit_rule(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    struct rule_form *rf = data;
    const struct form_field *f = form->fields;
    struct rota_rule rule = {.valid_from = FD_DAY_NONE, .valid_until = FD_DAY_NONE};
    struct fd_error err = {0};
    parse_days(f, &rule, &err);
    time_parse_hm(f[R_FROM].value, &rule.start);
    time_parse_hm(f[R_TO].value, &rule.end);
    if (f[R_VALID_FROM].value[0])
        date_parse(f[R_VALID_FROM].value, &rule.valid_from);
    if (f[R_VALID_UNTIL].value[0])
        date_parse(f[R_VALID_UNTIL].value, &rule.valid_until);
    rule.therapist_id = ops_therapist_id(rf->choices->therapist_rows,
                                         rf->choices->therapist_row_count, f[R_THERAPIST].value);
    const struct fd_clinic *clinic = config_find_clinic(&ui->ctx.config, f[R_CLINIC].value);
    rule.clinic_id = clinic ? clinic->id : 0;
    struct rota_change change = {.from_date = FD_DAY_NONE,
                                 .keep_bookings = strcmp(f[R_BOOKINGS].value, KEEP) == 0};
    if (rf->replacing && f[R_APPLIES_FROM].value[0])
        date_parse(f[R_APPLIES_FROM].value, &change.from_date);
    ui_tick_now(ui);
    int rc = rf->replacing ? ops_rota_edit(&ui->ctx, rf->replacing, &rule, &change, &err)
                           : ops_rota_add(&ui->ctx, &rule, &err);
    rota_change_free(&change);
    if (rc < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    ui_set_status(ui, false, "%s rota rule %lld for %s.", rf->replacing ? "Saved" : "Added",
                  (long long)rule.id, f[R_THERAPIST].value);
    ui->dirty = true;
    return true;
}

static void rule_form(struct ui *ui, struct rota_state *s, const struct rota_rule *editing)
{
    struct ui_choices choices;
    ui_choices_load(ui, &choices, false);
    if (choices.therapist_count == 0) {
        ui_set_status(ui, true, "Add a therapist first (frontdesk therapist add).");
        ui_choices_free(&choices);
        return;
    }
    struct form_field fields[R_COUNT] = {
        [R_THERAPIST] = {.label = "Therapist",
                         .choices = choices.therapists,
                         .choice_count = choices.therapist_count},
        [R_CLINIC] = {.label = "Clinic",
                      .choices = choices.clinics,
                      .choice_count = choices.clinic_count},
        [R_PATTERN] = {.label = "Repeats", .choices = PATTERNS, .choice_count = 3},
        [R_DAYS] = {.label = "Days",
                    .check = check_days,
                    .hint = "weekly: mon,thu  monthly: 1st sun, last fri  once: YYYY-MM-DD"},
        [R_FROM] = {.label = "From", .check = form_check_time, .hint = "HH:MM"},
        [R_TO] = {.label = "To", .check = form_check_time, .hint = "HH:MM"},
        [R_VALID_FROM] = {.label = "Valid from",
                          .check = form_check_optional_date,
                          .hint = "optional: YYYY-MM-DD"},
        [R_BOOKINGS] = {.label = "Bookings left outside",
                        .choices = BOOKING_CHOICES,
                        .choice_count = 2,
                        .hint = "keep them: the change is made and they are listed to act on"},
        [R_APPLIES_FROM] = {.label = "Change applies from",
                            .check = form_check_date,
                            .hint = "YYYY-MM-DD; the weeks before keep the rule as it was"},
        [R_VALID_UNTIL] = {.label = "Valid until",
                           .check = form_check_optional_date,
                           .hint = "optional: YYYY-MM-DD"},
    };
    const struct fd_therapist *t = selected_therapist(s);
    text_copy(fields[R_THERAPIST].value, FORM_VALUE_SIZE, t ? t->handle : choices.therapists[0]);
    text_copy(fields[R_CLINIC].value, FORM_VALUE_SIZE, choices.clinics[0]);
    text_copy(fields[R_PATTERN].value, FORM_VALUE_SIZE, "weekly");
    text_copy(fields[R_BOOKINGS].value, FORM_VALUE_SIZE, REFUSE);
    date_format(time_day(ui->ctx.now), fields[R_APPLIES_FROM].value);
    if (editing) {
        const struct fd_clinic *clinic = config_clinic_by_id(&ui->ctx.config, editing->clinic_id);
        if (clinic)
            text_copy(fields[R_CLINIC].value, FORM_VALUE_SIZE, clinic->name);
        char description[96];
        rota_describe(editing, description, sizeof description);
        /* "weekly mon,thu" → pattern "weekly", days "mon,thu". */
        char *space = strchr(description, ' ');
        if (space) {
            *space = '\0';
            text_copy(fields[R_PATTERN].value, FORM_VALUE_SIZE, description);
            text_copy(fields[R_DAYS].value, FORM_VALUE_SIZE, space + 1);
        }
        time_format_hm(editing->start, fields[R_FROM].value);
        time_format_hm(editing->end, fields[R_TO].value);
        if (editing->valid_from != FD_DAY_NONE)
            date_format(editing->valid_from, fields[R_VALID_FROM].value);
        if (editing->valid_until != FD_DAY_NONE)
            date_format(editing->valid_until, fields[R_VALID_UNTIL].value);
    }
    struct rule_form data = {s, editing ? editing->id : 0, &choices};
    struct form form = {.title = editing ? "Edit rota rule" : "New rota rule",
                        .fields = fields,
                        .count = editing ? R_COUNT : R_BOOKINGS,
                        .submit = submit_rule,
                        .data = &data};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Rota unchanged.");
    ui_choices_free(&choices);
}

enum { O_THERAPIST, O_FROM, O_TO, O_REASON, O_BOOKINGS, O_COUNT };

static bool check_bound(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    fd_time t;
    if (date_or_datetime_parse(field->value, &t, NULL) == 0)
        return true;
    snprintf(message, size, "a date (whole day) or YYYY-MM-DD HH:MM");
    return false;
}

static bool submit_time_off(struct ui *ui, struct form *form, void *data, char *message,
                            size_t size)
{
    const struct ui_choices *choices = data;
    const struct form_field *f = form->fields;
    fd_time from, to;
    bool to_has_time = false;
    date_or_datetime_parse(f[O_FROM].value, &from, NULL);
    date_or_datetime_parse(f[O_TO].value, &to, &to_has_time);
    if (!to_has_time)
        to += FD_MINUTES_PER_DAY; /* a date alone means to the end of that day */
    struct fd_error err = {0};
    int64_t id = 0;
    ui_tick_now(ui);
    int64_t therapist_id = ops_therapist_id(choices->therapist_rows, choices->therapist_row_count,
                                            f[O_THERAPIST].value);
    struct rota_change change = {.from_date = FD_DAY_NONE,
                                 .keep_bookings = strcmp(f[O_BOOKINGS].value, KEEP) == 0};
    int rc = ops_rota_off(&ui->ctx, therapist_id, from, to, f[O_REASON].value, &change, &id, &err);
    rota_change_free(&change);
    if (rc < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    ui_set_status(ui, false, "Recorded time off %lld for %s.", (long long)id, f[O_THERAPIST].value);
    ui->dirty = true;
    return true;
}

static void time_off_form(struct ui *ui, struct rota_state *s)
{
    struct ui_choices choices;
    ui_choices_load(ui, &choices, false);
    if (choices.therapist_count == 0) {
        ui_set_status(ui, true, "Add a therapist first (frontdesk therapist add).");
        ui_choices_free(&choices);
        return;
    }
    struct form_field fields[O_COUNT] = {
        [O_THERAPIST] = {.label = "Therapist",
                         .choices = choices.therapists,
                         .choice_count = choices.therapist_count},
        [O_FROM] = {.label = "From",
                    .check = check_bound,
                    .hint = "YYYY-MM-DD (whole day) or YYYY-MM-DD HH:MM"},
        [O_TO] = {.label = "To",
                  .check = check_bound,
                  .hint = "YYYY-MM-DD (to the end of that day) or YYYY-MM-DD HH:MM"},
        [O_REASON] = {.label = "Reason", .hint = "optional"},
        [O_BOOKINGS] = {.label = "Bookings in it",
                        .choices = BOOKING_CHOICES,
                        .choice_count = 2,
                        .hint =
                            "keep them: the time off is recorded and they are listed to act on"},
    };
    text_copy(fields[O_BOOKINGS].value, FORM_VALUE_SIZE, REFUSE);
    const struct fd_therapist *t = selected_therapist(s);
    text_copy(fields[O_THERAPIST].value, FORM_VALUE_SIZE, t ? t->handle : choices.therapists[0]);
    date_format(ui->day, fields[O_FROM].value);
    date_format(ui->day, fields[O_TO].value);
    struct form form = {.title = "Time off",
                        .fields = fields,
                        .count = O_COUNT,
                        .submit = submit_time_off,
                        .data = &choices};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Rota unchanged.");
    ui_choices_free(&choices);
}

static void remove_item(struct ui *ui, struct rota_state *s)
{
    if (!s->in_list || s->item_count == 0) {
        ui_set_status(ui, true, "Press Enter and choose a rule or time off to remove.");
        return;
    }
    const struct rota_item *item = &s->items[s->list.selected];
    char question[128];
    snprintf(question, sizeof question, "Remove %s %lld? (y/n)",
             item->is_rule ? "rota rule" : "time off",
             (long long)(item->is_rule ? item->rule.id : item->off.off.id));
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Rota unchanged.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    struct rota_change change = {.from_date = FD_DAY_NONE};
    int rc = item->is_rule ? ops_rota_remove(&ui->ctx, item->rule.id, &change, &err)
                           : ops_time_off_remove(&ui->ctx, item->off.off.id, &err);
    if (rc < 0 && change.stranded_count) {
        char question[160];
        snprintf(question, sizeof question,
                 "%zu booking%s would fall outside the rota. Remove anyway and keep them? (y/n)",
                 change.stranded_count, change.stranded_count == 1 ? "" : "s");
        if (ui_confirm(ui, question)) {
            change.keep_bookings = true;
            rc = ops_rota_remove(&ui->ctx, item->rule.id, &change, &err);
        }
    }
    if (rc < 0)
        ui_set_status(ui, true, "%s", err.message);
    else if (change.stranded_count)
        ui_set_status(ui, false, "Removed; %zu booking%s kept outside the rota (see attention).",
                      change.stranded_count, change.stranded_count == 1 ? "" : "s");
    else
        ui_set_status(ui, false, "Removed.");
    rota_change_free(&change);
    ui->dirty = true;
}

static bool rota_handle(struct ui *ui, void *state, enum action action)
{
    struct rota_state *s = state;
    switch (action) {
    case ACT_PREV_DAY:
    case ACT_NEXT_DAY:
        ui->day = date_week_start(ui->day) + (action == ACT_NEXT_DAY ? 7 : -7);
        rota_load(ui, s);
        return true;
    case ACT_TODAY:
        ui->day = time_day(ui->ctx.now);
        rota_load(ui, s);
        return true;
    case ACT_SELECT:
        if (s->item_count)
            s->in_list = true;
        else
            ui_set_status(ui, false, "No rules or time off for this therapist yet: n adds a rule.");
        return true;
    case ACT_BACK:
        s->in_list = false;
        return true;
    case ACT_NEW:
        rule_form(ui, s, NULL);
        return true;
    case ACT_TIME_OFF:
        time_off_form(ui, s);
        return true;
    case ACT_EDIT:
        if (s->in_list && s->item_count && s->items[s->list.selected].is_rule)
            rule_form(ui, s, &s->items[s->list.selected].rule);
        else
            ui_set_status(ui, true, "Press Enter and choose a rule to edit.");
        return true;
    case ACT_REMOVE:
        remove_item(ui, s);
        return true;
    default:
        break;
    }
    if (s->in_list)
        return list_handle(&s->list, (int)s->item_count, action);
    int before = s->people.selected;
    bool used = list_handle(&s->people, (int)s->therapist_count, action);
    if (before != s->people.selected) {
        s->list = (struct list_view){0};
        load_items(ui, s);
    }
    return used;
}

static void rota_free(void *state)
{
    struct rota_state *s = state;
    free(s->therapists);
    free(s->offs);
    free(s->items);
    shift_list_free(&s->shifts);
    free(s);
}

void *pane_rota_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct rota_state));
}

const struct pane_ops PANE_ROTA_OPS = {
    .title = "Rota",
    .load = rota_load,
    .draw = rota_draw,
    .handle = rota_handle,
    .free = rota_free,
};
