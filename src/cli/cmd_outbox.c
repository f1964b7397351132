/*
 * `frontdesk outbox`, `send`, `remind`, `reply` and `waitlist offer`: the
 * messages owed to clients, sending them, reminders for cron, and what an
 * SMS gateway calls with a client's answer.
 *
 * When some messages fail, every outcome is still printed on stdout, one
 * line per message, before the operation's error reaches stderr and the
 * exit status: a script sees both what went out and that it must look
 * again.
 */
#include "cli_internal.h"

#include <frontdesk/outbox.h>

#include <stdlib.h>
#include <string.h>

static json_t *text_or_null(const char *text)
{
    return text && *text ? json_string(text) : json_null();
}

static json_t *time_or_null(fd_time t)
{
    char text[FD_DATETIME_LEN];
    if (!t)
        return json_null();
    datetime_format(t, text);
    return json_string(text);
}

static json_t *id_or_null(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

/* What the outbox shows for a message's state: interrupted is a sending
 * that never came back. */
static const char *shown_state(const struct fd_context *ctx, const struct fd_outbox_message *m)
{
    return ops_outbox_interrupted(ctx, m) ? "interrupted"
                                          : state_name(MACHINE_OUTBOX, (int)m->state);
}

static json_t *message_json(const struct fd_context *ctx, const struct fd_outbox_message *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(m->id));
    json_object_set_new(o, "kind", json_string(ops_message_kind_name(m->kind)));
    json_object_set_new(o, "state", json_string(shown_state(ctx, m)));
    json_object_set_new(o, "client", json_string(m->client));
    json_object_set_new(o, "client_id", json_integer(m->client_id));
    json_object_set_new(o, "appointment_id", id_or_null(m->appointment_id));
    json_object_set_new(o, "request_id", id_or_null(m->request_id));
    json_object_set_new(o, "waitlist_id", id_or_null(m->waitlist_id));
    json_object_set_new(o, "due", time_or_null(m->due));
    json_object_set_new(o, "created", time_or_null(m->created));
    json_object_set_new(o, "channel",
                        m->attempts ? json_string(m->channel == CONTACT_SMS ? "sms" : "email")
                                    : json_null());
    json_object_set_new(o, "recipient", text_or_null(m->recipient));
    json_object_set_new(o, "sent_at", time_or_null(m->sent_at));
    json_object_set_new(o, "attempts", json_integer(m->attempts));
    json_object_set_new(o, "error", text_or_null(m->error));
    json_object_set_new(o, "reply_code", text_or_null(m->reply_code));
    if (m->for_start)
        json_object_set_new(o, "slot", time_or_null(m->for_start));
    if (m->details[0])
        json_object_set_new(o, "details", json_string(m->details));
    return o;
}

static void print_outbox(const struct fd_context *ctx, const struct fd_outbox_message *list,
                         size_t count, bool all)
{
    if (count == 0) {
        printf(all ? "The outbox is empty.\n" : "Nothing to send: the outbox is empty.\n");
        return;
    }
    printf("%-6s %-12s %-11s %-16s  ", "ID", "KIND", "STATE", "DUE");
    cli_print_cell(stdout, "CLIENT", 20);
    printf(" ABOUT / LAST ERROR\n");
    for (size_t i = 0; i < count; i++) {
        const struct fd_outbox_message *m = &list[i];
        char id[24], due[FD_DATETIME_LEN], about[64] = "";
        snprintf(id, sizeof id, "#%lld", (long long)m->id);
        datetime_format(m->due, due);
        if (m->appointment_id)
            snprintf(about, sizeof about, "appointment %lld", (long long)m->appointment_id);
        else if (m->request_id)
            snprintf(about, sizeof about, "request %lld", (long long)m->request_id);
        else if (m->waitlist_id)
            snprintf(about, sizeof about, "waitlist %lld", (long long)m->waitlist_id);
        printf("%-6s %-12s %-11s %s  ", id, ops_message_kind_name(m->kind), shown_state(ctx, m),
               due);
        cli_print_cell(stdout, m->client, 20);
        printf(" %s%s%s\n", about, m->error[0] && m->state != OUTBOX_SENT ? ": " : "",
               m->state != OUTBOX_SENT ? m->error : "");
    }
}

static int cmd_outbox(struct cli_call *call)
{
    bool all = false, json = false;
    const char *kind_text = NULL;
    const struct cli_option options[] = {
        {"all", 0, NULL, &all}, {"kind", 0, &kind_text, NULL}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    int kind = -1;
    if (rc == 0 && kind_text && (kind = ops_message_kind_parse(kind_text)) < 0)
        rc =
            fd_fail(&call->err, FD_ERR_USAGE, "--kind: \"%s\" is not a kind of message", kind_text);
    struct fd_outbox_message *list = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_outbox(&call->ctx, all, kind, &list, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *array = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(array, message_json(&call->ctx, &list[i]));
        cli_print_json(array);
    } else {
        print_outbox(&call->ctx, list, count, all);
    }
    free(list);
    return 0;
}

static int cmd_outbox_show(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "MESSAGE_ID", &id);
    struct fd_outbox_message m = {0};
    if (rc == 0)
        rc = ops_outbox_get(&call->ctx, id, &m, &call->err);
    if (rc < 0)
        return rc;
    /* The text as it would go now; a client out of reach is said so. */
    struct rendered_message rendered;
    struct fd_error why = {0};
    int rendered_rc = ops_message_render(&call->ctx, &m, &rendered, &why);
    if (rendered_rc < 0 && rendered_rc != -FD_ERR_RULE) {
        call->err = why;
        return rendered_rc;
    }
    if (json) {
        json_t *o = message_json(&call->ctx, &m);
        json_object_set_new(o, "text", rendered_rc == 0 ? json_string(rendered.text) : json_null());
        json_object_set_new(o, "problem",
                            rendered_rc == 0 ? json_null() : json_string(why.message));
        cli_print_json(o);
    } else {
        print_outbox(&call->ctx, &m, 1, true);
        if (rendered_rc == 0)
            printf("\n======== as it would go now, by %s to %s ========\n%s%s",
                   rendered.channel == CONTACT_SMS ? "text" : "email", rendered.recipient,
                   rendered.text, rendered.channel == CONTACT_SMS ? "\n" : "");
        else
            printf("\nIt cannot go now: %s\n", why.message);
    }
    if (rendered_rc == 0)
        rendered_message_free(&rendered);
    return 0;
}

/* void and retry: one message by hand. */
static int by_hand(struct cli_call *call,
                   int (*op)(struct fd_context *, int64_t, struct fd_error *), const char *done)
{
    int64_t id = 0;
    const struct cli_option options[] = {{0}};
    int rc = cli_parse_with_id(call, options, "MESSAGE_ID", &id);
    if (rc == 0)
        rc = op(&call->ctx, id, &call->err);
    if (rc == 0)
        printf("Message %lld %s\n", (long long)id, done);
    return rc;
}

static int cmd_outbox_void(struct cli_call *call)
{
    return by_hand(call, ops_outbox_void, "voided: it will not be sent");
}

static int cmd_outbox_retry(struct cli_call *call)
{
    return by_hand(call, ops_outbox_retry, "is queued again: the next send sends it");
}

/* ---- send, remind ---- */

static const char *channel_word(enum contact_channel channel)
{
    return channel == CONTACT_SMS ? "text" : "email";
}

void cli_print_send_report(const struct send_report *report, bool dry_run, bool by_appointment)
{
    for (size_t i = 0; i < report->count; i++) {
        const struct send_result *r = &report->items[i];
        const struct fd_outbox_message *m = &r->message;
        long long id = by_appointment ? (long long)m->appointment_id : (long long)m->id;
        const char *kind = by_appointment ? "" : ops_message_kind_name(m->kind);
        const char *space = by_appointment ? "" : " ";
        if (dry_run && r->outcome == SEND_SENT) {
            /* A reminder not planned yet has no number: it is named by its
             * appointment. */
            char name[64];
            if (id)
                snprintf(name, sizeof name, "%s%s#%lld", kind, space, id);
            else
                snprintf(name, sizeof name, "%s for appointment %lld", kind,
                         (long long)m->appointment_id);
            printf("======== %s by %s to %s ========\n%s%s", name, channel_word(r->channel),
                   r->recipient, r->text, r->channel == CONTACT_SMS ? "\n" : "");
            printf("======== end of %s ========\n\n", name);
            continue;
        }
        switch (r->outcome) {
        case SEND_NOT_TRIED:
            break;
        case SEND_SENT:
            printf("sent %s%s#%lld to %s\n", kind, space, id, r->recipient);
            break;
        case SEND_SKIPPED:
            printf("skipped %s%s#%lld: %s\n", kind, space, id, r->error);
            break;
        case SEND_FAILED:
            printf("failed %s%s#%lld: %s\n", kind, space, id, r->error);
            break;
        case SEND_UNSENDABLE:
            printf("%s %s%s#%lld: %s\n", dry_run ? "cannot send" : "failed", kind, space, id,
                   r->error);
            break;
        }
    }
    if (dry_run)
        printf("Dry run: %zu message%s would be sent; nothing was sent or changed.\n", report->sent,
               report->sent == 1 ? "" : "s");
}

static json_t *report_json(const struct send_report *report)
{
    static const char *const OUTCOMES[] = {"not tried", "sent", "failed", "unsendable", "skipped"};
    json_t *items = json_array();
    for (size_t i = 0; i < report->count; i++) {
        const struct send_result *r = &report->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", id_or_null(r->message.id));
        json_object_set_new(o, "kind", json_string(ops_message_kind_name(r->message.kind)));
        json_object_set_new(o, "client", json_string(r->message.client));
        json_object_set_new(o, "appointment_id", id_or_null(r->message.appointment_id));
        json_object_set_new(o, "outcome", json_string(OUTCOMES[r->outcome]));
        json_object_set_new(o, "channel",
                            r->text ? json_string(channel_word(r->channel)) : json_null());
        json_object_set_new(o, "recipient", text_or_null(r->recipient));
        json_object_set_new(o, "error", text_or_null(r->error));
        json_array_append_new(items, o);
    }
    return json_pack("{s:I, s:I, s:I, s:o}", "sent", (json_int_t)report->sent, "failed",
                     (json_int_t)report->failed, "skipped", (json_int_t)report->skipped, "messages",
                     items);
}

static int cmd_send(struct cli_call *call)
{
    bool dry_run = false, json = false;
    const char *kind_text = NULL, *id_text = NULL;
    const struct cli_option options[] = {{"kind", 0, &kind_text, NULL},
                                         {"dry-run", 0, NULL, &dry_run},
                                         {"json", 0, NULL, &json},
                                         {0}};
    int rc = cli_parse(call, options, &id_text, 0, 1);
    struct send_selection selection = {0};
    int kind = -1;
    if (rc == 0 && kind_text && (kind = ops_message_kind_parse(kind_text)) < 0)
        rc =
            fd_fail(&call->err, FD_ERR_USAGE, "--kind: \"%s\" is not a kind of message", kind_text);
    if (rc == 0 && kind >= 0)
        selection.kinds = 1u << kind;
    if (rc == 0 && id_text)
        rc = cli_parse_id(call, "MESSAGE_ID", id_text, &selection.message_id);
    if (rc < 0)
        return rc;
    struct send_report report = {0};
    rc = ops_send(&call->ctx, &selection, &(struct send_options){.dry_run = dry_run}, &report,
                  &call->err);
    if (json)
        cli_print_json(report_json(&report));
    else if (report.count == 0 && rc == 0)
        printf("Nothing to send.\n");
    else
        cli_print_send_report(&report, dry_run, false);
    send_report_free(&report);
    return rc;
}

static int cmd_remind(struct cli_call *call)
{
    bool dry_run = false, json = false;
    const struct cli_option options[] = {
        {"dry-run", 0, NULL, &dry_run}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc < 0)
        return rc;
    struct send_report report = {0};
    rc = ops_remind(&call->ctx, &(struct send_options){.dry_run = dry_run}, &report, &call->err);
    if (json)
        cli_print_json(report_json(&report));
    else if (report.count == 0 && rc == 0)
        printf("No reminder is due.\n");
    else
        cli_print_send_report(&report, dry_run, false);
    send_report_free(&report);
    return rc;
}

/* ---- replies and offers ---- */

static int cmd_reply(struct cli_call *call)
{
    const char *from = NULL, *text = NULL;
    bool json = false;
    const struct cli_option options[] = {
        {"from", 0, &from, NULL}, {"text", 0, &text, NULL}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct reply_result result = {0};
    if (rc == 0)
        rc = ops_reply(&call->ctx, from, text, &result, &call->err);
    if (rc < 0)
        return rc;
    static const char *const ACTIONS[] = {"confirmed", "cancelled", "took_slot",
                                          "slot_gone", "opted_out", "to_inbox"};
    if (json)
        cli_print_json(json_pack("{s:s, s:o, s:o, s:o, s:s}", "action", ACTIONS[result.action],
                                 "client_id", id_or_null(result.client_id), "appointment_id",
                                 id_or_null(result.appointment_id), "message_id",
                                 id_or_null(result.message_id), "summary", result.summary));
    else
        printf("%s\n", result.summary);
    return 0;
}

static int cmd_waitlist_offer(struct cli_call *call)
{
    const char *at = NULL, *therapist = NULL, *clinic = NULL;
    bool json = false;
    const struct cli_option options[] = {{"at", 0, &at, NULL},
                                         {"therapist", 0, &therapist, NULL},
                                         {"clinic", 0, &clinic, NULL},
                                         {"json", 0, NULL, &json},
                                         {0}};
    struct slot_offer offer = {0};
    int rc = cli_parse_with_id(call, options, "ENTRY_ID", &offer.entry_id);
    if (rc == 0 && !at)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "waitlist offer: --at is required");
    if (rc == 0)
        rc = cli_parse_time(call, "--at", at, &offer.start);
    struct fd_ids ids = {0};
    if (rc == 0)
        rc = ops_resolve_names(&call->ctx,
                               &(struct fd_names){.therapist = therapist, .clinic = clinic}, &ids,
                               &call->err);
    offer.therapist_id = ids.therapist_id;
    offer.clinic = ids.clinic;
    struct fd_outbox_message m = {0};
    if (rc == 0)
        rc = ops_waitlist_offer(&call->ctx, &offer, &m, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        cli_print_json(message_json(&call->ctx, &m));
        return 0;
    }
    char when[FD_DATETIME_LEN];
    datetime_format(offer.start, when);
    printf("Offered %s to %s: message %lld queued (reply code %s); the slot is not held.\n", when,
           m.client, (long long)m.id, m.reply_code);
    return 0;
}

const struct cli_command CLI_OUTBOX_COMMANDS[] = {
    {"outbox", cmd_outbox, DB_READ, "[--all] [--kind K] [--json]",
     "messages owed to clients: still to go, or with --all every one",
     "  --all      every message, sent and void too\n"
     "  --kind K   only one kind: confirmation, change, cancellation, decline, waitlist,\n"
     "             offer, taken, reminder, correction, notify, welcome\n"
     "A message left sending by a run that was stopped shows as interrupted: it may\n"
     "have gone, so it is never sent again by itself ('outbox retry' or 'outbox void').\n"},
    {"outbox show", cmd_outbox_show, DB_READ, "MESSAGE_ID [--json]",
     "one message, and its text as it would go now", ""},
    {"outbox void", cmd_outbox_void, DB_OPEN, "MESSAGE_ID", "give up on a message", ""},
    {"outbox retry", cmd_outbox_retry, DB_OPEN, "MESSAGE_ID", "queue an interrupted message again",
     ""},
    {"send", cmd_send, DB_OPEN, "[MESSAGE_ID] [--kind K] [--dry-run] [--json]",
     "send the messages that are due, by email or text",
     "  --kind K    only messages of one kind\n"
     "  --dry-run   print the messages instead; nothing is sent or changed\n"
     "Each client gets their preferred channel when it works (text needs sms_command and a\n"
     "mobile number), else the other.  Exits 1 when any message failed; those stay queued\n"
     "and are tried again by the next send.\n"},
    {"remind", cmd_remind, DB_OPEN, "[--dry-run] [--json]",
     "send the reminders now due (run it from cron or a systemd timer)",
     "  --dry-run   print the reminders instead; nothing is planned, sent or changed\n"
     "A reminder is due at reminder_time, reminder_working_days working days before the\n"
     "appointment.  None goes when that moment had passed at booking, to a client who\n"
     "opted out, or twice for one appointment.\n"},
    {"reply", cmd_reply, DB_OPEN, "--from NUMBER --text TEXT [--json]",
     "a client's text message (for the SMS gateway to call)",
     "  \"C 4821\" confirms, \"X 4821\" cancels (late-cancellation rule applies),\n"
     "  \"Y 4821\" takes an offered slot if still free, \"STOP\" ends reminders;\n"
     "  anything else, or an unknown number, goes to the inbox.\n"},
    {"waitlist offer", cmd_waitlist_offer, DB_OPEN,
     "ENTRY_ID --at \"D HH:MM\" [--therapist H] [--clinic C] [--json]",
     "offer a free slot to a waiting client by message, with a reply code",
     "The slot is not held: the first to answer \"Y code\" gets it if it is still free;\n"
     "anyone later is told it was taken.  The desk can still book it by hand.\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
