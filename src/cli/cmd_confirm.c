/*
 * `frontdesk confirmations` and `confirm send | mark-sent`: the queue of
 * confirmations still to go out, sending them (or, with --dry-run, showing
 * exactly what would be sent) and recording one given by phone.
 *
 * When some confirmations fail, every outcome is still printed on stdout,
 * one line per appointment, before the operation's error reaches stderr
 * and the exit status: a script sees both what went out and that it must
 * look again.
 */
#include "cli_internal.h"

#include <frontdesk/confirm.h>

#include <stdlib.h>
#include <string.h>

static json_t *json_text_or_null(const char *text)
{
    return text && *text ? json_string(text) : json_null();
}

static json_t *confirmation_json(const struct fd_appointment *a)
{
    json_t *o = cli_json_appointment(a);
    bool sent = a->confirmation == CONFIRMATION_SENT;
    char at[FD_DATETIME_LEN] = "";
    if (sent && a->confirmation_at)
        datetime_format(a->confirmation_at, at);
    json_object_set_new(o, "email", json_text_or_null(a->client_email));
    json_object_set_new(o, "error", json_text_or_null(sent ? "" : a->confirmation_error));
    json_object_set_new(o, "sent_at", json_text_or_null(at));
    json_object_set_new(o, "via", json_text_or_null(sent ? a->confirmation_via : ""));
    return o;
}

static void print_queue(const struct fd_appointment *items, size_t count, bool all)
{
    if (count == 0) {
        printf(all ? "No upcoming appointments.\n"
                   : "Nothing to send: every upcoming appointment is confirmed.\n");
        return;
    }
    /* 80 columns up to the state; the error, when there is one, runs on. */
    printf("%-6s %-10s %-5s  ", "ID", "DATE", "TIME");
    cli_print_cell(stdout, "CLIENT", 17);
    printf(" %-9s ", "THERAPIST");
    cli_print_cell(stdout, "SERVICE", 19);
    printf(" %-7s LAST ERROR\n", "STATE");
    for (size_t i = 0; i < count; i++) {
        const struct fd_appointment *a = &items[i];
        char date[FD_DATE_LEN], time[FD_HM_LEN], id[24];
        date_format(time_day(a->start), date);
        time_format_hm(time_minute(a->start), time);
        snprintf(id, sizeof id, "#%lld", (long long)a->id);
        printf("%-6s %s %s  ", id, date, time);
        cli_print_cell(stdout, a->client, 17);
        putchar(' ');
        cli_print_cell(stdout, a->therapist, 9);
        putchar(' ');
        cli_print_cell(stdout, a->service, 19);
        const char *state = state_name(MACHINE_CONFIRMATION, (int)a->confirmation);
        const char *error = a->confirmation == CONFIRMATION_SENT ? "" : a->confirmation_error;
        if (*error)
            printf(" %-7s %s\n", state, error);
        else
            printf(" %s\n", state);
    }
}

static int cmd_confirmations(struct cli_call *call)
{
    bool all = false, json = false;
    const struct cli_option options[] = {{"all", 0, NULL, &all}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_appointment *items = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_confirmations(&call->ctx, all, &items, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, confirmation_json(&items[i]));
        cli_print_json(list);
    } else {
        print_queue(items, count, all);
    }
    free(items);
    return 0;
}

static int cmd_confirm_send(struct cli_call *call)
{
    bool all = false, dry_run = false;
    const char *id_text = NULL;
    const struct cli_option options[] = {
        {"all", 0, NULL, &all}, {"dry-run", 0, NULL, &dry_run}, {0}};
    int rc = cli_parse(call, options, &id_text, 0, 1);
    if (rc < 0)
        return rc;
    if (!id_text == !all)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "confirm send: give an appointment ID or --all (usage: frontdesk confirm "
                       "send %s)",
                       call->command->usage);
    int64_t id = 0;
    if (id_text)
        rc = cli_parse_id(call, "ID", id_text, &id);
    if (rc < 0)
        return rc;
    struct send_report report;
    rc = ops_confirm_send(&call->ctx, id, &(struct send_options){.dry_run = dry_run}, &report,
                          &call->err);
    if (report.count == 0 && rc == 0)
        printf("Nothing to send: every upcoming appointment is confirmed.\n");
    else
        cli_print_send_report(&report, dry_run, true);
    send_report_free(&report);
    return rc;
}

static int cmd_confirm_mark_sent(struct cli_call *call)
{
    const char *by = NULL;
    const struct cli_option options[] = {{"by", 0, &by, NULL}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "ID", &id);
    struct fd_appointment a;
    if (rc == 0)
        rc = ops_confirm_mark_sent(&call->ctx, id, by, &a, &call->err);
    if (rc != 0)
        return rc;
    char when[FD_DATETIME_LEN];
    datetime_format(a.start, when);
    printf("Marked #%lld as confirmed %s%s (%s, %s)\n", (long long)a.id,
           strcmp(a.confirmation_via, "phone") == 0 ? "by " : "", a.confirmation_via, a.client,
           when);
    return 0;
}

const struct cli_command CLI_CONFIRM_COMMANDS[] = {
    {"confirmations", cmd_confirmations, DB_READ, "[--all] [--json]",
     "upcoming appointments whose confirmation has not gone out",
     "  --all    every upcoming appointment with its confirmation state\n"
     "  --json   one JSON array of appointments, with error, sent_at and via\n"},
    {"confirm send", cmd_confirm_send, DB_OPEN, "(ID | --all) [--dry-run]",
     "email confirmations through the configured sendmail",
     "  --all       every confirmation in the queue (failed and unsent)\n"
     "  --dry-run   print the messages instead; nothing is sent or changed\n"
     "Exits 1 when any confirmation failed; those stay in the queue.\n"},
    {"confirm mark-sent", cmd_confirm_mark_sent, DB_OPEN, "ID [--by phone|in-person]",
     "record a confirmation given by hand", "  --by   phone (the default) or in-person\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
