/*
 * `frontdesk move`, `arrive`, `complete`, `no-show`, `fee`, and
 * `appointment show|suggest`: the life of one appointment after it is
 * booked.
 */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmd_move(struct cli_call *call)
{
    const char *at = NULL, *therapist = NULL, *clinic = NULL;
    bool force = false, json = false;
    const struct cli_option options[] = {
        {"at", 0, &at, NULL},         {"therapist", 0, &therapist, NULL},
        {"clinic", 0, &clinic, NULL}, {"force", 0, NULL, &force},
        {"json", 0, NULL, &json},     {0}};
    struct move move = {.force = force};
    int rc = cli_parse_with_id(call, options, "APPOINTMENT_ID", &move.appointment_id);
    if (rc == 0 && !at)
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "move: --at is required (see 'frontdesk appointment suggest %lld' for free "
                     "times)",
                     (long long)move.appointment_id);
    if (rc == 0)
        rc = cli_parse_time(call, "--at", at, &move.start);
    struct fd_ids ids = {0};
    if (rc == 0)
        rc = ops_resolve_names(&call->ctx,
                               &(struct fd_names){.therapist = therapist, .clinic = clinic}, &ids,
                               &call->err);
    if (rc < 0)
        return rc;
    move.force = force;
    move.therapist_id = ids.therapist_id;
    move.clinic = ids.clinic;
    struct fd_appointment before = {0}, after = {0};
    struct booking_refusal refusal = {0};
    rc = ops_move(&call->ctx, &move, &before, &after, &refusal, &call->err);
    if (rc < 0)
        return cli_report_refusal(call, &refusal);
    if (json) {
        cli_print_json(cli_json_appointment(&after));
        return 0;
    }
    char was[FD_DATETIME_LEN];
    datetime_format(before.start, was);
    printf("Moved ");
    cli_print_appointment_line(&after);
    printf("  (was %s with %s at %s)\n", was, before.therapist, before.clinic);
    if (before.confirmation != CONFIRMATION_UNSENT)
        printf("  The client heard about the old time: a change message is due.\n");
    cli_print_waitlist_matches(call, &before);
    return 0;
}

/* arrive, complete and no-show differ only in the outcome. */
static int record_outcome(struct cli_call *call, enum appointment_status outcome)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "APPOINTMENT_ID", &id);
    struct fd_appointment a = {0};
    if (rc == 0)
        rc = ops_record_outcome(&call->ctx, id, outcome, &a, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        cli_print_json(cli_json_appointment(&a));
        return 0;
    }
    printf("%s ", outcome == APPOINTMENT_ARRIVED     ? "Arrived:"
                  : outcome == APPOINTMENT_COMPLETED ? "Completed:"
                                                     : "No-show:");
    cli_print_appointment_line(&a);
    if (a.fee_pence) {
        char fee[32];
        config_format_price(a.fee_pence, fee, sizeof fee);
        printf("  A fee of %s is due (waive or change it with 'frontdesk fee %lld').\n", fee,
               (long long)a.id);
    }
    return 0;
}

static int cmd_arrive(struct cli_call *call)
{
    return record_outcome(call, APPOINTMENT_ARRIVED);
}

static int cmd_complete(struct cli_call *call)
{
    return record_outcome(call, APPOINTMENT_COMPLETED);
}

static int cmd_no_show(struct cli_call *call)
{
    return record_outcome(call, APPOINTMENT_NO_SHOW);
}

static int cmd_fee(struct cli_call *call)
{
    const char *set = NULL, *reason = NULL;
    bool waive = false, json = false;
    const struct cli_option options[] = {{"waive", 0, NULL, &waive},
                                         {"set", 0, &set, NULL},
                                         {"reason", 0, &reason, NULL},
                                         {"json", 0, NULL, &json},
                                         {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "APPOINTMENT_ID", &id);
    struct fee_change change = {.waive = waive, .reason = reason};
    if (rc == 0 && waive == (set != NULL))
        rc = fd_fail(&call->err, FD_ERR_USAGE, "fee: give --waive or --set AMOUNT (one of them)");
    if (rc == 0 && set && (change.pence = config_parse_price(set)) < 0)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--set: \"%s\" is not an amount (like 20.00)", set);
    struct fd_appointment a = {0};
    if (rc == 0)
        rc = ops_fee_change(&call->ctx, id, &change, &a, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        cli_print_json(cli_json_appointment(&a));
        return 0;
    }
    char fee[32];
    config_format_price(a.fee_pence, fee, sizeof fee);
    if (waive)
        printf("Appointment %lld: fee %s\n", (long long)a.id, a.fee_note);
    else
        printf("Appointment %lld: fee %s (%s)\n", (long long)a.id, fee, a.fee_note);
    return 0;
}

static json_t *note_json(const struct fd_note *note)
{
    char at[FD_DATETIME_LEN];
    datetime_format(note->at, at);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)note->id, "at", at,
                          "who", note->who, "text", note->text, "client_id",
                          (json_int_t)note->about_client_id, "client", note->client);
    json_object_set_new(o, "appointment_id",
                        note->appointment_id ? json_integer(note->appointment_id) : json_null());
    return o;
}

void cli_print_note(const struct fd_note *note)
{
    char at[FD_DATETIME_LEN];
    datetime_format(note->at, at);
    if (note->appointment_id)
        printf("  %s  %s, on appointment %lld: %s\n", at, note->who,
               (long long)note->appointment_id, note->text);
    else
        printf("  %s  %s: %s\n", at, note->who, note->text);
}

json_t *cli_json_notes(const struct fd_note *notes, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, note_json(&notes[i]));
    return list;
}

static void print_outcome(const struct fd_appointment *a)
{
    char when[FD_DATETIME_LEN] = "";
    if (a->outcome_at)
        datetime_format(a->outcome_at, when);
    printf("Status:  %s%s%s", state_name(MACHINE_APPOINTMENT, (int)a->status),
           when[0] ? " at " : "", when);
    if (a->status == APPOINTMENT_CANCELLED)
        printf(" by the %s%s%s%s", a->cancelled_by == CANCELLED_BY_CLINIC ? "clinic" : "client",
               a->late ? ", late" : "", a->cancel_reason[0] ? ": " : "", a->cancel_reason);
    putchar('\n');
    if (a->fee_pence || a->fee_note[0]) {
        char fee[32];
        config_format_price(a->fee_pence, fee, sizeof fee);
        printf("Fee:     %s%s%s%s\n", fee, a->fee_note[0] ? " (" : "", a->fee_note,
               a->fee_note[0] ? ")" : "");
    }
}

static void print_details(const struct fd_appointment *a, const struct fd_note *notes,
                          size_t note_count, const struct fd_audit_entry *history,
                          size_t history_count)
{
    char when[FD_DATETIME_LEN], until[FD_HM_LEN], price[32];
    datetime_format(a->start, when);
    time_format_hm(time_minute(a->end), until);
    config_format_price(a->price_pence, price, sizeof price);
    printf("Appointment %lld\n", (long long)a->id);
    printf("When:    %s %s-%s\n", date_weekday_name(date_weekday(time_day(a->start))), when, until);
    printf("Client:  %s  %s  %s\n", a->client, a->client_email, a->client_phone);
    if (a->offer[0]) {
        char list[32];
        config_format_price(a->list_price_pence, list, sizeof list);
        printf("Service: %s, %s (offer %s; list price %s)\n", a->service, price, a->offer, list);
    } else {
        printf("Service: %s, %s\n", a->service, price);
    }
    printf("With:    %s at %s, room %d\n", a->therapist, a->clinic, a->room);
    print_outcome(a);
    printf("Message: %s\n", state_name(MACHINE_CONFIRMATION, (int)a->confirmation));
    if (a->series_id)
        printf("Series:  %lld\n", (long long)a->series_id);
    if (a->request_id)
        printf("Request: %lld\n", (long long)a->request_id);
    if (note_count)
        printf("Notes:\n");
    for (size_t i = 0; i < note_count; i++)
        cli_print_note(&notes[i]);
    if (history_count)
        printf("History:\n");
    for (size_t i = 0; i < history_count; i++) {
        char at[FD_DATETIME_LEN];
        datetime_format(history[i].at, at);
        printf("  %s  %s: %s\n", at, history[i].who, history[i].what);
    }
}

static int cmd_appointment_show(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "APPOINTMENT_ID", &id);
    struct fd_appointment a = {0};
    if (rc == 0)
        rc = ops_appointment_get(&call->ctx, id, &a, &call->err);
    struct fd_note *notes = NULL;
    struct fd_audit_entry *history = NULL;
    size_t note_count = 0, history_count = 0;
    if (rc == 0)
        rc = ops_notes(&call->ctx, 0, id, &notes, &note_count, &call->err);
    if (rc == 0)
        rc = ops_history(&call->ctx, "appointment", id, &history, &history_count, &call->err);
    if (rc == 0 && json) {
        json_t *o = cli_json_appointment(&a);
        json_object_set_new(o, "notes", cli_json_notes(notes, note_count));
        json_t *lines = json_array();
        for (size_t i = 0; i < history_count; i++) {
            char at[FD_DATETIME_LEN];
            datetime_format(history[i].at, at);
            json_array_append_new(lines, json_pack("{s:s, s:s, s:s}", "at", at, "who",
                                                   history[i].who, "what", history[i].what));
        }
        json_object_set_new(o, "history", lines);
        cli_print_json(o);
    } else if (rc == 0) {
        print_details(&a, notes, note_count, history, history_count);
    }
    free(notes);
    free(history);
    return rc;
}

static int cmd_appointment_suggest(struct cli_call *call)
{
    return cli_suggest(call, ops_appointment_suggest, NULL);
}

static int cmd_undo(struct cli_call *call)
{
    const struct cli_option options[] = {{0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct undo_result result = {0};
    if (rc == 0)
        rc = ops_undo(&call->ctx, &result, &call->err);
    if (rc < 0)
        return rc;
    char when[FD_DATETIME_LEN];
    datetime_format(result.undone.at, when);
    printf("Undid %s (%s, %s)\n", result.undone.summary, result.undone.who, when);
    if (result.corrections)
        printf("  A message about it had gone out: %zu correction%s queued for the client.\n",
               result.corrections, result.corrections == 1 ? "" : "s");
    return 0;
}

const struct cli_command CLI_APPOINTMENT_COMMANDS[] = {
    {"move", cmd_move, DB_OPEN,
     "APPOINTMENT_ID --at \"D HH:MM\" [--therapist H] [--clinic C] [--force] [--json]",
     "move an appointment to another time, therapist or clinic",
     "  --at \"D HH:MM\"  the new time (free times: 'frontdesk appointment suggest ID')\n"
     "  --therapist H   another therapist (default: the same)\n"
     "  --clinic C      the clinic (default: where the therapist's shift is)\n"
     "  --force         outside the therapist's shifts (recorded in the audit log)\n"
     "It keeps its id, client, request and notes; a client who heard about the old time\n"
     "is owed a change message.  A time that cannot be had is refused with the nearest\n"
     "free times.\n"},
    {"arrive", cmd_arrive, DB_OPEN, "APPOINTMENT_ID [--json]",
     "the client has arrived (on the day)", ""},
    {"complete", cmd_complete, DB_OPEN, "APPOINTMENT_ID [--json]",
     "the session took place (after its start)", ""},
    {"no-show", cmd_no_show, DB_OPEN, "APPOINTMENT_ID [--json]",
     "the client did not come (after the start; no_show_fee is due)", ""},
    {"fee", cmd_fee, DB_OPEN, "APPOINTMENT_ID (--waive | --set AMOUNT) --reason TEXT [--json]",
     "waive or change the fee of a no-show or late cancellation",
     "  --waive         no fee is due\n"
     "  --set AMOUNT    the fee due instead, like 20.00\n"
     "  --reason TEXT   why (required; it goes to the audit log)\n"},
    {"undo", cmd_undo, DB_OPEN, "",
     "undo the latest change made at this desk (within undo_minutes)",
     "A desk is the login name, or the config's desk, or FRONTDESK_DESK when people\n"
     "share a login.  Refused, with the reason, when something it touched has changed\n"
     "since; a message about it that has gone out stays sent, and the client is sent\n"
     "a correction.  Undo again to go one change further back.\n"},
    {"appointment show", cmd_appointment_show, DB_READ, "APPOINTMENT_ID [--json]",
     "an appointment's details, notes and history", ""},
    {"appointment suggest", cmd_appointment_suggest, DB_READ, "APPOINTMENT_ID [--limit N] [--json]",
     "free times to move an appointment to, ranked for its client", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
