/* `frontdesk request …` and `frontdesk message …`: the receptionist's inbox. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

static json_t *json_time(fd_time t)
{
    char text[FD_DATETIME_LEN];
    datetime_format(t, text);
    return json_string(text);
}

static json_t *request_json(const struct fd_context *ctx, const struct fd_request *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "name", json_string(r->name));
    json_object_set_new(o, "email", json_string(r->email));
    json_object_set_new(o, "phone", json_string(r->phone));
    json_object_set_new(o, "service", json_string(r->service));
    json_object_set_new(o, "prefer", json_string(r->prefer));
    json_object_set_new(o, "prefer_ok", json_boolean(!r->prefer_not_understood));
    json_object_set_new(o, "therapist", r->therapist[0] ? json_string(r->therapist) : json_null());
    json_object_set_new(o, "source", json_string(r->source));
    json_object_set_new(o, "received", json_time(r->received));
    json_object_set_new(o, "due", json_time(r->due));
    json_object_set_new(o, "status", json_string(state_name(MACHINE_REQUEST, (int)r->status)));
    json_object_set_new(o, "overdue", json_boolean(ops_request_overdue(ctx, r)));
    json_object_set_new(o, "message", json_string(r->message));
    json_object_set_new(o, "answer_sent",
                        r->answer_sent_at ? json_time(r->answer_sent_at) : json_null());
    return o;
}

static int cmd_request_add(struct cli_call *call)
{
    struct request_input in = {0};
    const struct cli_option options[] = {{"name", 0, &in.name, NULL},
                                         {"email", 0, &in.email, NULL},
                                         {"phone", 0, &in.phone, NULL},
                                         {"service", 0, &in.service, NULL},
                                         {"prefer", 0, &in.prefer, NULL},
                                         {"therapist", 0, &in.therapist, NULL},
                                         {"received", 0, &in.received, NULL},
                                         {"source", 0, &in.source, NULL},
                                         {"message", 0, &in.message, NULL},
                                         {"contact", 0, &in.contact, NULL},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc < 0)
        return rc;
    if (!in.name || !in.email || !in.service)
        return fd_fail(&call->err, FD_ERR_USAGE, "request add: %s is required",
                       !in.name    ? "--name"
                       : !in.email ? "--email"
                                   : "--service");
    struct fd_request request;
    rc = ops_request_add(&call->ctx, &in, &request, &call->err);
    if (rc == 0) {
        char due[FD_DATETIME_LEN];
        datetime_format(request.due, due);
        printf("Added request %lld from %s for %s; reply due by %s\n", (long long)request.id,
               request.name, request.service, due);
        char why[FD_TEXT_SIZE];
        if (request.prefer_not_understood &&
            ops_prefer_problem(&call->ctx, request.prefer, why, sizeof why))
            printf("Its preferences were not understood (prefer: %s): kept as written, flagged "
                   "in 'frontdesk attention', and suggested at any time.\n",
                   why);
    }
    return rc;
}

static int cmd_request_list(struct cli_call *call)
{
    bool all = false, overdue = false, json = false;
    const struct cli_option options[] = {
        {"all", 0, NULL, &all}, {"overdue", 0, NULL, &overdue}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc < 0)
        return rc;
    if (all && overdue)
        return fd_fail(&call->err, FD_ERR_USAGE, "request list: give --all or --overdue, not both");
    struct fd_request *requests = NULL;
    size_t count = 0;
    rc = ops_request_list(&call->ctx,
                          all       ? REQUESTS_ALL
                          : overdue ? REQUESTS_OVERDUE
                                    : REQUESTS_PENDING,
                          &requests, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, request_json(&call->ctx, &requests[i]));
        cli_print_json(list);
    } else if (count == 0) {
        printf(overdue ? "No overdue requests.\n" : "No pending requests.\n");
    } else {
        printf("  ID  DUE               STATE     NAME                  SERVICE              "
               "PREFER\n");
        for (size_t i = 0; i < count; i++) {
            const struct fd_request *r = &requests[i];
            char due[FD_DATETIME_LEN];
            datetime_format(r->due, due);
            enum request_urgency urgency = ops_request_urgency(&call->ctx, r);
            const char *state = urgency == REQUEST_OVERDUE ? "OVERDUE"
                                : urgency == REQUEST_DUE_TODAY
                                    ? "due today"
                                    : state_name(MACHINE_REQUEST, (int)r->status);
            printf("%4lld  %s  %-9s ", (long long)r->id, due, state);
            cli_print_cell(stdout, r->name, 21);
            putchar(' ');
            cli_print_cell(stdout, r->service, 20);
            printf(" %s%s\n", r->prefer,
                   r->prefer_not_understood ? "  (preferences not understood)" : "");
        }
    }
    free(requests);
    return 0;
}

/* Prints suggestions as a table or JSON; shared by request and waitlist. */
int cli_print_slots(struct cli_call *call, const struct slot *slots, size_t count, bool json)
{
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct slot *s = &slots[i];
        char date[FD_DATE_LEN], from[FD_HM_LEN], to[FD_HM_LEN];
        date_format(time_day(s->start), date);
        time_format_hm(time_minute(s->start), from);
        time_format_hm(time_minute(s->end), to);
        const char *who = cli_therapist_handle(call, s->therapist_id);
        const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, s->clinic_id);
        const char *clinic_name = clinic ? clinic->name : "?";
        if (json) {
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b}", "date",
                                                  date, "start", from, "end", to, "therapist", who,
                                                  "clinic", clinic_name, "room", s->room,
                                                  "in_preferred", s->in_preferred));
        } else {
            printf("%2zu. %s %s %s-%s  ", i + 1,
                   date_weekday_name(date_weekday(time_day(s->start))), date, from, to);
            cli_print_cell(stdout, who, 9);
            cli_print_cell(stdout, clinic_name, 16);
            printf(" room %d%s\n", s->room, s->in_preferred ? "  * preferred" : "");
        }
    }
    if (json)
        cli_print_json(list);
    else if (count == 0)
        printf("No free slot fits within the next %d days.\n",
               call->ctx.config.suggest_horizon_days);
    return 0;
}

int cli_suggest(struct cli_call *call, slot_source source,
                void (*note)(struct cli_call *call, int64_t id))
{
    const char *limit_text = NULL;
    bool json = false;
    const struct cli_option options[] = {
        {"limit", 0, &limit_text, NULL}, {"json", 0, NULL, &json}, {0}};
    int64_t id = 0;
    long limit = 10;
    int rc = cli_parse_with_id(call, options, "ID", &id);
    if (rc == 0 && limit_text)
        rc = cli_parse_count(call, "--limit", limit_text, 1, 1000, &limit);
    struct slot *slots = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = source(&call->ctx, id, (size_t)limit, &slots, &count, &call->err);
    if (rc == 0 && note && !json)
        note(call, id);
    if (rc == 0)
        rc = cli_print_slots(call, slots, count, json);
    free(slots);
    return rc;
}

/* Say so when the preferences could not be read: the slots then ignore
 * them, and the desk should read the text itself. */
static void note_unread_preferences(struct cli_call *call, int64_t id)
{
    struct fd_request request;
    if (ops_request_get(&call->ctx, id, &request, &call->err) == 0 && request.prefer_not_understood)
        printf("Preferences not understood (\"%s\"): these slots are at any time.\n",
               request.prefer);
}

static int cmd_request_suggest(struct cli_call *call)
{
    return cli_suggest(call, ops_request_suggest, note_unread_preferences);
}

static int cmd_request_decline(struct cli_call *call)
{
    const char *reason = NULL;
    const struct cli_option options[] = {{"reason", 0, &reason, NULL}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "ID", &id);
    if (rc == 0)
        rc = ops_request_decline(&call->ctx, id, reason, &call->err);
    if (rc == 0)
        printf("Declined request %lld\n", (long long)id);
    return rc;
}

static int cmd_request_waitlist(struct cli_call *call)
{
    int64_t id = 0;
    int rc = cli_parse_with_id(call, NULL, "ID", &id);
    struct fd_waitlist_entry entry;
    if (rc == 0)
        rc = ops_request_to_waitlist(&call->ctx, id, &entry, &call->err);
    if (rc == 0)
        printf("Moved request %lld to the waitlist as entry %lld\n", (long long)id,
               (long long)entry.id);
    return rc;
}

static int cmd_message_add(struct cli_call *call)
{
    const char *name = NULL, *email = NULL, *text = NULL;
    const struct cli_option options[] = {
        {"name", 0, &name, NULL}, {"email", 0, &email, NULL}, {"text", 0, &text, NULL}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc == 0 && (!name || !email || !text))
        rc = fd_fail(&call->err, FD_ERR_USAGE, "message add: %s is required",
                     !name    ? "--name"
                     : !email ? "--email"
                              : "--text");
    struct fd_message message;
    if (rc == 0)
        rc = ops_message_add(&call->ctx, name, email, text, &message, &call->err);
    if (rc == 0)
        printf("Added message %lld from %s\n", (long long)message.id, message.name);
    return rc;
}

static int cmd_message_to_request(struct cli_call *call)
{
    const char *service = NULL, *prefer = NULL;
    const struct cli_option options[] = {
        {"service", 0, &service, NULL}, {"prefer", 0, &prefer, NULL}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "MESSAGE_ID", &id);
    if (rc == 0 && !service)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "message to-request: --service is required");
    struct fd_request request;
    if (rc == 0)
        rc = ops_message_to_request(&call->ctx, id, service, prefer, &request, &call->err);
    if (rc == 0) {
        char due[FD_DATETIME_LEN];
        datetime_format(request.due, due);
        printf("Made request %lld from message %lld (%s, %s); reply due by %s\n",
               (long long)request.id, (long long)id, request.name, request.service, due);
    }
    return rc;
}

static int cmd_message_list(struct cli_call *call)
{
    bool all = false, json = false;
    const struct cli_option options[] = {{"all", 0, NULL, &all}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_message *messages = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_messages(&call->ctx, all, &messages, &count, &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct fd_message *m = &messages[i];
        if (json) {
            json_t *o =
                json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)m->id, "name", m->name,
                          "email", m->email, "text", m->text, "received", json_time(m->received));
            json_object_set_new(o, "handled", m->handled ? json_time(m->handled) : json_null());
            json_object_set_new(o, "phone", m->phone[0] ? json_string(m->phone) : json_null());
            json_array_append_new(list, o);
        } else {
            char received[FD_DATETIME_LEN];
            datetime_format(m->received, received);
            /* A text shows the number it came from, an email its address. */
            printf("%4lld  %s  %s <%s>%s\n      %s\n", (long long)m->id, received, m->name,
                   m->email[0] ? m->email : m->phone, m->handled ? "  (handled)" : "", m->text);
        }
    }
    if (json)
        cli_print_json(list);
    else if (count == 0)
        printf("No messages waiting.\n");
    free(messages);
    return 0;
}

static int cmd_message_handle(struct cli_call *call)
{
    int64_t id = 0;
    int rc = cli_parse_with_id(call, NULL, "ID", &id);
    if (rc == 0)
        rc = ops_message_handle(&call->ctx, id, &call->err);
    if (rc == 0)
        printf("Marked message %lld handled\n", (long long)id);
    return rc;
}

const struct cli_command CLI_REQUEST_COMMANDS[] = {
    {"request add", cmd_request_add, DB_OPEN,
     "--name N --email E [--phone P] [--contact email|sms] --service S "
     "[--prefer \"mon am, thu\"] [--therapist H] "
     "[--received \"D HH:MM\"] [--source web|phone|email|walk-in] [--message TEXT]",
     "add a booking request (its reply is due by the promise)",
     "  --prefer   preferred times, e.g. \"mon am, thu 12:00-14:00, any sat, not fri\"\n"},
    {"request list", cmd_request_list, DB_READ, "[--all | --overdue] [--json]",
     "pending requests by due time", ""},
    {"request suggest", cmd_request_suggest, DB_READ, "ID [--limit N] [--json]",
     "free slots for a request, best first", ""},
    {"request decline", cmd_request_decline, DB_OPEN, "ID [--reason TEXT]", "decline a request",
     ""},
    {"request waitlist", cmd_request_waitlist, DB_OPEN, "ID",
     "answer a request by putting the client on the waitlist", ""},
    {"message add", cmd_message_add, DB_OPEN, "--name N --email E --text TEXT",
     "record a contact-form message", ""},
    {"message list", cmd_message_list, DB_READ, "[--all] [--json]", "messages not yet handled", ""},
    {"message handle", cmd_message_handle, DB_OPEN, "ID", "mark a message handled", ""},
    {"message to-request", cmd_message_to_request, DB_OPEN,
     "MESSAGE_ID --service S [--prefer TEXT]",
     "turn a contact message that is really a booking request into one",
     "The message's text is kept with the request, the reply promise counts from when\n"
     "the client wrote, and the message is marked handled.\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
