/* `frontdesk therapist …` and `frontdesk rota …`. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

int cmd_therapist_add(struct cli_call *call)
{
    const char *handle, *name = NULL, *email = NULL;
    const struct cli_option options[] = {{"name", 0, &name, NULL}, {"email", 0, &email, NULL}, {0}};
    int rc = cli_parse(call, options, &handle, 1, 1);
    if (rc < 0)
        return rc;
    struct fd_therapist therapist;
    rc = ops_therapist_add(&call->ctx, handle, name, email, &therapist, &call->err);
    if (rc == 0)
        printf("Added therapist %s (%s)\n", therapist.handle, therapist.name);
    return rc;
}

int cmd_therapist_list(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_therapist *all = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_therapist_list(&call->ctx, &all, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "handle", all[i].handle,
                                                  "name", all[i].name, "email", all[i].email,
                                                  "active", all[i].active));
        cli_print_json(list);
    } else {
        for (size_t i = 0; i < count; i++) {
            cli_print_cell(stdout, all[i].handle, 10);
            cli_print_cell(stdout, all[i].name, 28);
            printf("%s%s\n", all[i].email, all[i].active ? "" : "  (inactive)");
        }
        if (count == 0)
            printf("No therapists yet: add one with 'frontdesk therapist add'.\n");
    }
    free(all);
    return 0;
}

/* The options that describe a rule, shared by `rota add` and `rota edit`. */
struct rule_text {
    const char *clinic, *weekly, *monthly, *once, *from, *to, *valid_from, *valid_until;
};

/* Fills the parts of *rule the text gives; with `whole`, every part a new
 * rule needs must be there. */
static int parse_rule(struct cli_call *call, const struct rule_text *t, bool whole,
                      struct rota_rule *rule)
{
    int patterns = (t->weekly != NULL) + (t->monthly != NULL) + (t->once != NULL);
    if (patterns > 1 || (whole && patterns == 0))
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "%s: give exactly one of --weekly, --monthly or --once",
                       call->command->name);
    if (whole && (!t->clinic || !t->from || !t->to))
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: %s is required", call->command->name,
                       !t->clinic ? "--clinic"
                       : !t->from ? "--from"
                                  : "--to");
    int rc = 0;
    struct fd_error why = {0};
    if (t->weekly) {
        rule->pattern = ROTA_WEEKLY;
        rc = rota_parse_weekdays(t->weekly, &rule->weekdays, &why);
    } else if (t->monthly) {
        rule->pattern = ROTA_MONTHLY;
        rc = rota_parse_monthly(t->monthly, &rule->nth, &rule->weekday, &why);
    } else if (t->once) {
        rule->pattern = ROTA_ONCE;
        rc = cli_parse_day(call, "--once", t->once, &rule->once_day);
    }
    if (rc < 0 && (t->weekly || t->monthly))
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: %s", t->weekly ? "--weekly" : "--monthly",
                       why.message);
    if (rc == 0 && t->from)
        rc = cli_parse_minute(call, "--from", t->from, &rule->start);
    if (rc == 0 && t->to)
        rc = cli_parse_minute(call, "--to", t->to, &rule->end);
    if (rc == 0 && t->valid_from)
        rc = cli_parse_day(call, "--valid-from", t->valid_from, &rule->valid_from);
    if (rc == 0 && t->valid_until)
        rc = cli_parse_day(call, "--valid-until", t->valid_until, &rule->valid_until);
    struct fd_ids ids;
    if (rc == 0 && t->clinic)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.clinic = t->clinic}, &ids,
                               &call->err);
    if (rc == 0 && t->clinic)
        rule->clinic_id = ids.clinic->id;
    return rc;
}

static void print_rule_line(struct cli_call *call, const char *verb, const struct rota_rule *rule)
{
    char description[96], from[FD_HM_LEN], to[FD_HM_LEN];
    rota_describe(rule, description, sizeof description);
    time_format_hm(rule->start, from);
    time_format_hm(rule->end, to);
    const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, rule->clinic_id);
    printf("%s rota rule %lld: %s %s-%s at %s\n", verb, (long long)rule->id, description, from, to,
           clinic ? clinic->name : "?");
}

int cmd_rota_add(struct cli_call *call)
{
    const char *handle;
    struct rule_text t = {0};
    const struct cli_option options[] = {{"clinic", 0, &t.clinic, NULL},
                                         {"weekly", 0, &t.weekly, NULL},
                                         {"monthly", 0, &t.monthly, NULL},
                                         {"once", 0, &t.once, NULL},
                                         {"from", 0, &t.from, NULL},
                                         {"to", 0, &t.to, NULL},
                                         {"valid-from", 0, &t.valid_from, NULL},
                                         {"valid-until", 0, &t.valid_until, NULL},
                                         {0}};
    int rc = cli_parse(call, options, &handle, 1, 1);
    struct rota_rule rule = {.valid_from = FD_DAY_NONE, .valid_until = FD_DAY_NONE};
    if (rc == 0)
        rc = parse_rule(call, &t, true, &rule);
    struct fd_ids ids;
    if (rc == 0)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    if (rc == 0) {
        rule.therapist_id = ids.therapist_id;
        rc = ops_rota_add(&call->ctx, &rule, &call->err);
    }
    if (rc == 0)
        print_rule_line(call, "Added", &rule);
    return rc;
}

/* After a change kept with --keep-bookings: the bookings now outside. */
static void print_stranded(const struct rota_change *change)
{
    if (!change->stranded_count)
        return;
    printf("Kept %zu booking%s now outside the rota (see 'frontdesk attention'):\n",
           change->stranded_count, change->stranded_count == 1 ? "" : "s");
    for (size_t i = 0; i < change->stranded_count; i++) {
        const struct fd_appointment *a = &change->stranded[i];
        char when[FD_DATETIME_LEN];
        datetime_format(a->start, when);
        printf("  #%lld %s %s  %s %s\n", (long long)a->id, when, a->client, a->client_phone,
               a->client_email);
    }
}

/* The options every rota change takes: --from-date and --keep-bookings. */
static int parse_change(struct cli_call *call, const char *from_date, struct rota_change *change)
{
    change->from_date = FD_DAY_NONE;
    return from_date ? cli_parse_day(call, "--from-date", from_date, &change->from_date) : 0;
}

static int cmd_rota_edit(struct cli_call *call)
{
    struct rule_text t = {0};
    const char *from_date = NULL;
    struct rota_change change = {0};
    const struct cli_option options[] = {{"clinic", 0, &t.clinic, NULL},
                                         {"weekly", 0, &t.weekly, NULL},
                                         {"monthly", 0, &t.monthly, NULL},
                                         {"once", 0, &t.once, NULL},
                                         {"from", 0, &t.from, NULL},
                                         {"to", 0, &t.to, NULL},
                                         {"valid-until", 0, &t.valid_until, NULL},
                                         {"from-date", 0, &from_date, NULL},
                                         {"keep-bookings", 0, NULL, &change.keep_bookings},
                                         {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "RULE_ID", &id);
    struct rota_rule rule;
    if (rc == 0 && !t.clinic && !t.weekly && !t.monthly && !t.once && !t.from && !t.to &&
        !t.valid_until)
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "rota edit: say what changes (--clinic, --weekly, --from, --to …)");
    if (rc == 0)
        rc = parse_change(call, from_date, &change);
    if (rc == 0)
        rc = ops_rule_get(&call->ctx, id, &rule, &call->err);
    if (rc == 0)
        rc = parse_rule(call, &t, false, &rule);
    if (rc == 0)
        rc = ops_rota_edit(&call->ctx, id, &rule, &change, &call->err);
    if (rc == 0) {
        print_rule_line(call, "Changed", &rule);
        print_stranded(&change);
    }
    rota_change_free(&change);
    return rc;
}

/* "D" (whole day: from its start, or to its end) or "D HH:MM". */
static int parse_bound(struct cli_call *call, const char *option, const char *text, bool is_end,
                       fd_time *out)
{
    bool has_time = false;
    if (date_or_datetime_parse(text, out, &has_time) < 0)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "%s: \"%s\" is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DD HH:MM)",
                       option, text);
    if (is_end && !has_time)
        *out += FD_MINUTES_PER_DAY;
    return 0;
}

int cmd_rota_off(struct cli_call *call)
{
    const char *handle, *from = NULL, *to = NULL, *reason = NULL;
    struct rota_change change = {.from_date = FD_DAY_NONE};
    const struct cli_option options[] = {{"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},
                                         {"reason", 0, &reason, NULL},
                                         {"keep-bookings", 0, NULL, &change.keep_bookings},
                                         {0}};
    int rc = cli_parse(call, options, &handle, 1, 1);
    if (rc < 0)
        return rc;
    if (!from)
        return fd_fail(&call->err, FD_ERR_USAGE, "rota off: --from is required");
    fd_time start, end;
    rc = parse_bound(call, "--from", from, false, &start);
    if (rc == 0)
        rc = parse_bound(call, "--to", to ? to : from, true, &end);
    int64_t id = 0;
    struct fd_ids ids;
    if (rc == 0)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    if (rc == 0)
        rc = ops_rota_off(&call->ctx, ids.therapist_id, start, end, reason, &change, &id,
                          &call->err);
    if (rc == 0) {
        char a[FD_DATETIME_LEN], b[FD_DATETIME_LEN];
        datetime_format(start, a);
        datetime_format(end, b);
        printf("Recorded time off %lld for %s from %s to %s\n", (long long)id, handle, a, b);
        print_stranded(&change);
    }
    rota_change_free(&change);
    return rc;
}

static int cmd_rota_off_list(struct cli_call *call)
{
    const char *handle = NULL;
    bool json = false, all = false;
    const struct cli_option options[] = {{"all", 0, NULL, &all}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, &handle, 0, 1);
    struct fd_ids ids = {0};
    if (rc == 0 && handle)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    struct fd_time_off_record *offs = NULL;
    size_t count = 0;
    /* Time off still to come (or under way); --all shows the past too. */
    fd_time from = all ? INT64_MIN / 2 : call->ctx.now;
    if (rc == 0)
        rc = ops_time_off(&call->ctx, ids.therapist_id, from, INT64_MAX / 2, &offs, &count,
                          &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct fd_time_off_record *r = &offs[i];
        char a[FD_DATETIME_LEN], b[FD_DATETIME_LEN];
        datetime_format(r->off.from, a);
        datetime_format(r->off.to, b);
        const char *who = cli_therapist_handle(call, r->off.therapist_id);
        if (json) {
            json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
                                                  (json_int_t)r->off.id, "therapist", who, "from",
                                                  a, "to", b, "reason", r->reason));
        } else {
            printf("%4lld  ", (long long)r->off.id);
            cli_print_cell(stdout, who, 9);
            printf(" %s  to %s  %s\n", a, b, r->reason);
        }
    }
    if (json)
        cli_print_json(list);
    else if (count == 0)
        printf("No time off%s.\n", all ? "" : " to come");
    free(offs);
    return 0;
}

static int cmd_rota_off_remove(struct cli_call *call)
{
    int64_t id = 0;
    int rc = cli_parse_with_id(call, NULL, "ID", &id);
    if (rc == 0)
        rc = ops_time_off_remove(&call->ctx, id, &call->err);
    if (rc == 0)
        printf("Removed time off %lld\n", (long long)id);
    return rc;
}

/* One row of `rota list`: its cells, measured before anything is printed
 * so that every column is as wide as its widest cell. */
enum { RULE_ID, RULE_WHO, RULE_PATTERN, RULE_HOURS, RULE_CLINIC, RULE_VALID, RULE_CELLS };

static void rule_cells(struct cli_call *call, const struct rota_rule *r,
                       char cells[RULE_CELLS][128])
{
    char from[FD_HM_LEN], to[FD_HM_LEN], valid_from[FD_DATE_LEN] = "",
                                         valid_until[FD_DATE_LEN] = "";
    snprintf(cells[RULE_ID], 128, "%lld", (long long)r->id);
    snprintf(cells[RULE_WHO], 128, "%s", cli_therapist_handle(call, r->therapist_id));
    rota_describe(r, cells[RULE_PATTERN], 128);
    time_format_hm(r->start, from);
    time_format_hm(r->end, to);
    snprintf(cells[RULE_HOURS], 128, "%s-%s", from, to);
    const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, r->clinic_id);
    snprintf(cells[RULE_CLINIC], 128, "%s", clinic ? clinic->name : "?");
    if (r->valid_from != FD_DAY_NONE)
        date_format(r->valid_from, valid_from);
    if (r->valid_until != FD_DAY_NONE)
        date_format(r->valid_until, valid_until);
    cells[RULE_VALID][0] = '\0';
    if (valid_from[0] || valid_until[0])
        snprintf(cells[RULE_VALID], 128, "valid %s..%s", valid_from, valid_until);
    if (r->superseded_by) {
        size_t used = strlen(cells[RULE_VALID]);
        snprintf(cells[RULE_VALID] + used, 128 - used, "%s(old version of rule %lld)",
                 used ? " " : "", (long long)r->superseded_by);
    }
}

static json_t *rule_json(struct cli_call *call, const struct rota_rule *r)
{
    char cells[RULE_CELLS][128], from[FD_HM_LEN], to[FD_HM_LEN];
    rule_cells(call, r, cells);
    time_format_hm(r->start, from);
    time_format_hm(r->end, to);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "therapist",
                          cells[RULE_WHO], "clinic", cells[RULE_CLINIC], "pattern",
                          cells[RULE_PATTERN], "start", from, "end", to);
    char day[FD_DATE_LEN];
    if (r->valid_from != FD_DAY_NONE)
        date_format(r->valid_from, day);
    json_object_set_new(o, "valid_from",
                        r->valid_from != FD_DAY_NONE ? json_string(day) : json_null());
    if (r->valid_until != FD_DAY_NONE)
        date_format(r->valid_until, day);
    json_object_set_new(o, "valid_until",
                        r->valid_until != FD_DAY_NONE ? json_string(day) : json_null());
    json_object_set_new(o, "superseded_by",
                        r->superseded_by ? json_integer(r->superseded_by) : json_null());
    return o;
}

int cmd_rota_list(struct cli_call *call)
{
    const char *handle = NULL;
    bool json = false, all = false;
    const struct cli_option options[] = {{"all", 0, NULL, &all}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, &handle, 0, 1);
    struct fd_ids ids = {0};
    if (rc == 0 && handle)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    struct rota_rule *rules = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_rules(&call->ctx, ids.therapist_id, all, &rules, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, rule_json(call, &rules[i]));
        cli_print_json(list);
        free(rules);
        return 0;
    }
    static const char *const HEADINGS[RULE_CELLS] = {"ID",    "THERAPIST", "PATTERN",
                                                     "HOURS", "CLINIC",    ""};
    int widths[RULE_CELLS];
    for (int c = 0; c < RULE_CELLS; c++)
        widths[c] = (int)strlen(HEADINGS[c]);
    for (size_t i = 0; i < count; i++) {
        char cells[RULE_CELLS][128];
        rule_cells(call, &rules[i], cells);
        for (int c = 0; c < RULE_CELLS; c++)
            if (cli_text_width(cells[c]) > widths[c])
                widths[c] = cli_text_width(cells[c]);
    }
    for (size_t i = 0; i <= count && count; i++) {
        char cells[RULE_CELLS][128];
        if (i == 0)
            for (int c = 0; c < RULE_CELLS; c++)
                snprintf(cells[c], 128, "%s", HEADINGS[c]);
        else
            rule_cells(call, &rules[i - 1], cells);
        for (int c = 0; c < RULE_CELLS - 1; c++) {
            cli_print_cell(stdout, cells[c], widths[c]);
            fputs("  ", stdout);
        }
        printf("%s\n", cells[RULE_VALID]);
    }
    if (count == 0)
        printf(all ? "No rota rules yet: add one with 'frontdesk rota add'.\n"
                   : "No rota rules in force: add one with 'frontdesk rota add' ('--all' shows "
                     "ended ones).\n");
    free(rules);
    return 0;
}

int cmd_rota_remove(struct cli_call *call)
{
    const char *from_date = NULL;
    struct rota_change change = {0};
    const struct cli_option options[] = {
        {"from-date", 0, &from_date, NULL}, {"keep-bookings", 0, NULL, &change.keep_bookings}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "RULE_ID", &id);
    if (rc == 0)
        rc = parse_change(call, from_date, &change);
    if (rc == 0)
        rc = ops_rota_remove(&call->ctx, id, &change, &call->err);
    if (rc == 0) {
        char day[FD_DATE_LEN];
        date_format(change.from_date != FD_DAY_NONE ? change.from_date : time_day(call->ctx.now),
                    day);
        printf("Removed rota rule %lld from %s\n", (long long)id, day);
        print_stranded(&change);
    }
    rota_change_free(&change);
    return rc;
}

int cmd_rota_show(struct cli_call *call)
{
    const char *week = NULL, *from = NULL, *to = NULL, *handle = NULL;
    bool json = false;
    const struct cli_option options[] = {{"week", 0, &week, NULL}, {"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},     {"therapist", 0, &handle, NULL},
                                         {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc < 0)
        return rc;
    if (week && (from || to))
        return fd_fail(&call->err, FD_ERR_USAGE, "rota show: give --week or --from/--to, not both");
    fd_day first = date_week_start(time_day(call->ctx.now)), last;
    if (week)
        rc = cli_parse_day(call, "--week", week, &first);
    if (rc == 0 && week)
        first = date_week_start(first);
    if (rc == 0 && from)
        rc = cli_parse_day(call, "--from", from, &first);
    last = first + 6;
    if (rc == 0 && to)
        rc = cli_parse_day(call, "--to", to, &last);
    if (rc == 0 && last < first)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--to: must not be before --from");
    if (rc == 0 && last - first > 366)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--to: show at most a year at a time");
    struct fd_ids ids = {0};
    if (rc == 0 && handle)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    struct shift_list shifts = {0};
    if (rc == 0)
        rc = ops_shifts(&call->ctx, first, last, ids.therapist_id, &shifts, &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    fd_day shown = FD_DAY_NONE;
    for (size_t i = 0; i < shifts.count; i++) {
        const struct shift *s = &shifts.items[i];
        const char *who = cli_therapist_handle(call, s->therapist_id);
        if (json) {
            json_array_append_new(list, cli_json_shift(&call->ctx, s, who));
            continue;
        }
        if (s->day != shown) {
            char date[FD_DATE_LEN];
            date_format(s->day, date);
            printf("%s%s %s\n", shown == FD_DAY_NONE ? "" : "\n",
                   date_weekday_name(date_weekday(s->day)), date);
            shown = s->day;
        }
        char a[FD_HM_LEN], b[FD_HM_LEN];
        time_format_hm(s->start, a);
        time_format_hm(s->end, b);
        const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, s->clinic_id);
        printf("  %s-%s  ", a, b);
        cli_print_cell(stdout, who, 9);
        printf("%s\n", clinic ? clinic->name : "?");
    }
    if (json)
        cli_print_json(list);
    else if (shifts.count == 0)
        printf("No shifts in that range.\n");
    shift_list_free(&shifts);
    return 0;
}

const struct cli_command CLI_ROTA_COMMANDS[] = {
    {"therapist add", cmd_therapist_add, DB_OPEN, "HANDLE --name \"Full Name\" [--email E]",
     "add a therapist", ""},
    {"therapist list", cmd_therapist_list, DB_READ, "[--json]", "list therapists", ""},
    {"rota add", cmd_rota_add, DB_OPEN,
     "HANDLE --clinic C (--weekly mon,thu | --monthly \"1st sun\" | --once D) --from HH:MM --to "
     "HH:MM [--valid-from D] [--valid-until D]",
     "add a shift rule",
     "A rule that would put the therapist in two places at once (its hours overlap another\n"
     "of their rules on a day both apply, at any clinic), or that repeats one, is refused.\n"},
    {"rota edit", cmd_rota_edit, DB_OPEN,
     "RULE_ID [--clinic C] [--weekly D,D | --monthly \"1st sun\" | --once D] [--from HH:MM] "
     "[--to HH:MM] [--valid-until D] [--from-date D] [--keep-bookings]",
     "change a shift rule from a date on",
     "  --from-date D     the change applies from this day (default: today); the weeks\n"
     "                    before keep the rule as it was, and the rule keeps its id\n"
     "  --keep-bookings   make the change even if bookings fall outside the new shifts;\n"
     "                    they are kept and listed by 'frontdesk attention'\n"},
    {"rota off", cmd_rota_off, DB_OPEN,
     "HANDLE --from D[ HH:MM] [--to D[ HH:MM]] [--reason TEXT] [--keep-bookings]",
     "record time off (whole days, or hours)",
     "  --keep-bookings   record it even if it falls on bookings; they are kept and listed\n"
     "                    by 'frontdesk attention'\n"},
    {"rota off list", cmd_rota_off_list, DB_READ, "[HANDLE] [--all] [--json]",
     "time off to come, with ids ('--all': past time off too)", ""},
    {"rota off remove", cmd_rota_off_remove, DB_OPEN, "ID", "remove time off", ""},
    {"rota list", cmd_rota_list, DB_READ, "[HANDLE] [--all] [--json]",
     "shift rules in force, with ids ('--all': ended rules and old versions too)", ""},
    {"rota remove", cmd_rota_remove, DB_OPEN, "RULE_ID [--from-date D] [--keep-bookings]",
     "stop a shift rule from a date on (default: today)",
     "  --from-date D     the rule stops applying on this day; the weeks before keep it\n"
     "  --keep-bookings   remove it even if bookings fall outside the shifts left\n"},
    {"rota show", cmd_rota_show, DB_READ,
     "[--week D | --from D --to D] [--therapist HANDLE] [--json]",
     "show the expanded shifts (default: this week)", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
