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

int cmd_rota_add(struct cli_call *call)
{
    const char *handle, *clinic = NULL, *weekly = NULL, *monthly = NULL, *once = NULL;
    const char *from = NULL, *to = NULL, *valid_from = NULL, *valid_until = NULL;
    const struct cli_option options[] = {{"clinic", 0, &clinic, NULL},
                                         {"weekly", 0, &weekly, NULL},
                                         {"monthly", 0, &monthly, NULL},
                                         {"once", 0, &once, NULL},
                                         {"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},
                                         {"valid-from", 0, &valid_from, NULL},
                                         {"valid-until", 0, &valid_until, NULL},
                                         {0}};
    int rc = cli_parse(call, options, &handle, 1, 1);
    if (rc < 0)
        return rc;
    if ((weekly != NULL) + (monthly != NULL) + (once != NULL) != 1)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "rota add: give exactly one of --weekly, --monthly or --once");
    if (!clinic || !from || !to)
        return fd_fail(&call->err, FD_ERR_USAGE, "rota add: %s is required",
                       !clinic ? "--clinic"
                       : !from ? "--from"
                               : "--to");
    struct rota_rule rule = {.valid_from = FD_DAY_NONE, .valid_until = FD_DAY_NONE};
    if (weekly) {
        rule.pattern = ROTA_WEEKLY;
        rc = rota_parse_weekdays(weekly, &rule.weekdays, &call->err);
    } else if (monthly) {
        rule.pattern = ROTA_MONTHLY;
        rc = rota_parse_monthly(monthly, &rule.nth, &rule.weekday, &call->err);
    } else {
        rule.pattern = ROTA_ONCE;
        rc = cli_parse_day(call, "--once", once, &rule.once_day);
    }
    if (rc < 0) {
        if (weekly || monthly) {
            char message[sizeof call->err.message + 16];
            snprintf(message, sizeof message, "%s: %s", weekly ? "--weekly" : "--monthly",
                     call->err.message);
            fd_fail(&call->err, FD_ERR_USAGE, "%s", message);
        }
        return -FD_ERR_USAGE;
    }
    rc = cli_parse_minute(call, "--from", from, &rule.start);
    if (rc == 0)
        rc = cli_parse_minute(call, "--to", to, &rule.end);
    if (rc == 0 && valid_from)
        rc = cli_parse_day(call, "--valid-from", valid_from, &rule.valid_from);
    if (rc == 0 && valid_until)
        rc = cli_parse_day(call, "--valid-until", valid_until, &rule.valid_until);
    struct fd_ids ids;
    if (rc == 0)
        rc =
            ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle, .clinic = clinic},
                              &ids, &call->err);
    if (rc == 0) {
        rule.therapist_id = ids.therapist_id;
        rule.clinic_id = ids.clinic->id;
        rc = ops_rota_add(&call->ctx, &rule, &call->err);
    }
    if (rc == 0) {
        char description[96];
        rota_describe(&rule, description, sizeof description);
        printf("Added rota rule %lld: %s %s-%s at %s\n", (long long)rule.id, description, from, to,
               clinic);
    }
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
    const struct cli_option options[] = {
        {"from", 0, &from, NULL}, {"to", 0, &to, NULL}, {"reason", 0, &reason, NULL}, {0}};
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
        rc = ops_rota_off(&call->ctx, ids.therapist_id, start, end, reason, &id, &call->err);
    if (rc == 0) {
        char a[FD_DATETIME_LEN], b[FD_DATETIME_LEN];
        datetime_format(start, a);
        datetime_format(end, b);
        printf("Recorded time off %lld for %s from %s to %s\n", (long long)id, handle, a, b);
    }
    return rc;
}

int cmd_rota_list(struct cli_call *call)
{
    const char *handle = NULL;
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, &handle, 0, 1);
    struct fd_ids ids = {0};
    if (rc == 0 && handle)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    struct rota_rule *rules = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_rules(&call->ctx, ids.therapist_id, &rules, &count, &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct rota_rule *r = &rules[i];
        char description[96], from[FD_HM_LEN], to[FD_HM_LEN];
        char valid_from[FD_DATE_LEN] = "", valid_until[FD_DATE_LEN] = "";
        rota_describe(r, description, sizeof description);
        time_format_hm(r->start, from);
        time_format_hm(r->end, to);
        const char *who = cli_therapist_handle(call, r->therapist_id);
        if (r->valid_from != FD_DAY_NONE)
            date_format(r->valid_from, valid_from);
        if (r->valid_until != FD_DAY_NONE)
            date_format(r->valid_until, valid_until);
        const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, r->clinic_id);
        const char *clinic_name = clinic ? clinic->name : "?";
        if (json) {
            json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id,
                                  "therapist", who, "clinic", clinic_name, "pattern", description,
                                  "start", from, "end", to);
            json_object_set_new(o, "valid_from",
                                valid_from[0] ? json_string(valid_from) : json_null());
            json_object_set_new(o, "valid_until",
                                valid_until[0] ? json_string(valid_until) : json_null());
            json_array_append_new(list, o);
        } else {
            printf("%4lld  ", (long long)r->id);
            cli_print_cell(stdout, who, 9);
            cli_print_cell(stdout, description, 22);
            printf("%s-%s  ", from, to);
            cli_print_cell(stdout, clinic_name, 16);
            if (valid_from[0] || valid_until[0])
                printf(" valid %s..%s", valid_from[0] ? valid_from : "", valid_until);
            putchar('\n');
        }
    }
    if (json)
        cli_print_json(list);
    else if (count == 0)
        printf("No rota rules yet: add one with 'frontdesk rota add'.\n");
    free(rules);
    return 0;
}

int cmd_rota_remove(struct cli_call *call)
{
    int64_t id = 0;
    int rc = cli_parse_with_id(call, NULL, "RULE_ID", &id);
    if (rc == 0)
        rc = ops_rota_remove(&call->ctx, id, &call->err);
    if (rc == 0)
        printf("Removed rota rule %lld\n", (long long)id);
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
    {"therapist list", cmd_therapist_list, DB_OPEN, "[--json]", "list therapists", ""},
    {"rota add", cmd_rota_add, DB_OPEN,
     "HANDLE --clinic C (--weekly mon,thu | --monthly \"1st sun\" | --once D) --from HH:MM --to "
     "HH:MM [--valid-from D] [--valid-until D]",
     "add a shift rule", ""},
    {"rota off", cmd_rota_off, DB_OPEN, "HANDLE --from D[ HH:MM] --to D[ HH:MM] [--reason TEXT]",
     "record time off (whole days, or hours)", ""},
    {"rota list", cmd_rota_list, DB_OPEN, "[HANDLE] [--json]", "list shift rules with their ids",
     ""},
    {"rota remove", cmd_rota_remove, DB_OPEN, "RULE_ID", "remove a shift rule", ""},
    {"rota show", cmd_rota_show, DB_OPEN,
     "[--week D | --from D --to D] [--therapist HANDLE] [--json]",
     "show the expanded shifts (default: this week)", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
