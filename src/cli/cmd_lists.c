/* `frontdesk subscribe`, `unsubscribe`, `subscribers`, and `export csv
 * subscribers`'s rows: the clinic's mailing lists and their consent. */
#include "cli_internal.h"

#include <frontdesk/lists.h>

#include <stdlib.h>
#include <string.h>

static json_t *subscription_json(const struct fd_subscription *s)
{
    char since[FD_DATETIME_LEN], until[FD_DATETIME_LEN];
    datetime_format(s->subscribed_at, since);
    if (s->unsubscribed_at)
        datetime_format(s->unsubscribed_at, until);
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)s->id,
                          "client_id", (json_int_t)s->client_id, "name", s->name, "email", s->email,
                          "list", s->list, "subscribed", since, "source", s->source);
    json_object_set_new(o, "frequency", s->frequency[0] ? json_string(s->frequency) : json_null());
    json_object_set_new(o, "unsubscribed", s->unsubscribed_at ? json_string(until) : json_null());
    return o;
}

static int cmd_subscribe(struct cli_call *call)
{
    struct subscribe_input in = {0};
    bool json = false;
    const struct cli_option options[] = {
        {"name", 0, &in.name, NULL},     {"email", 0, &in.email, NULL},
        {"list", 0, &in.list, NULL},     {"frequency", 0, &in.frequency, NULL},
        {"at", 0, &in.subscribed, NULL}, {"source", 0, &in.source, NULL},
        {"json", 0, NULL, &json},        {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc == 0 && (!in.name || !in.email || !in.list))
        rc = fd_fail(&call->err, FD_ERR_USAGE, "subscribe: %s is required",
                     !in.name    ? "--name"
                     : !in.email ? "--email"
                                 : "--list");
    struct subscribe_result result = {0};
    if (rc == 0)
        rc = ops_subscribe(&call->ctx, &in, &result, &call->err);
    if (rc < 0)
        return rc;
    const struct fd_subscription *s = &result.subscription;
    if (json) {
        json_t *o = subscription_json(s);
        json_object_set_new(o, "already", json_boolean(result.already));
        json_object_set_new(o, "welcome_message_id",
                            result.welcome_id ? json_integer(result.welcome_id) : json_null());
        cli_print_json(o);
        return 0;
    }
    char since[FD_DATETIME_LEN];
    datetime_format(s->subscribed_at, since);
    if (result.already)
        printf("%s <%s> is already subscribed to %s (since %s); nothing changed.\n", s->name,
               s->email, s->list, since);
    else
        printf("Subscribed %s <%s> to %s%s%s (%s, %s)%s\n", s->name, s->email, s->list,
               s->frequency[0] ? ", " : "", s->frequency, s->source, since,
               result.welcome_id ? "; a welcome message is queued" : "");
    return 0;
}

static int cmd_unsubscribe(struct cli_call *call)
{
    const char *email = NULL, *list = NULL;
    const struct cli_option options[] = {{"email", 0, &email, NULL}, {"list", 0, &list, NULL}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc == 0 && !email)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "unsubscribe: --email is required");
    size_t count = 0;
    if (rc == 0)
        rc = ops_unsubscribe(&call->ctx, email, list, &count, &call->err);
    if (rc == 0)
        printf("Unsubscribed %s from %zu list%s; the record of their consent is kept.\n", email,
               count, count == 1 ? "" : "s");
    return rc;
}

static int cmd_subscribers(struct cli_call *call)
{
    const char *list = NULL;
    bool json = false, former = false;
    const struct cli_option options[] = {
        {"list", 0, &list, NULL}, {"all", 0, NULL, &former}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_subscription *subs = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_subscribers(&call->ctx, list, former, &subs, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *array = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(array, subscription_json(&subs[i]));
        cli_print_json(array);
    } else if (count == 0) {
        printf("No subscribers%s%s.\n", list ? " to " : "", list ? list : "");
    } else {
        for (size_t i = 0; i < count; i++) {
            const struct fd_subscription *s = &subs[i];
            char since[FD_DATETIME_LEN], until[FD_DATETIME_LEN] = "";
            datetime_format(s->subscribed_at, since);
            if (s->unsubscribed_at)
                datetime_format(s->unsubscribed_at, until);
            cli_print_cell(stdout, s->list, 22);
            putchar(' ');
            cli_print_cell(stdout, s->name, 22);
            putchar(' ');
            cli_print_cell(stdout, s->email, 28);
            printf(" %-8s %s %s%s%s\n", s->frequency[0] ? s->frequency : "-", since, s->source,
                   until[0] ? "  left " : "", until);
        }
    }
    free(subs);
    return 0;
}

const struct cli_command CLI_LIST_COMMANDS[] = {
    {"subscribe", cmd_subscribe, DB_OPEN,
     "--name N --email E --list L [--frequency F] [--at \"D HH:MM\"] [--source web|desk] "
     "[--json]",
     "record a client's consent to join a mailing list",
     "  --frequency F   one of the list's frequencies (default: its first)\n"
     "  --at            when they signed up (default: now)\n"
     "  --source        where: web or desk (the default)\n"
     "Subscribing again changes nothing.  A list with a welcome queues it in the outbox.\n"},
    {"unsubscribe", cmd_unsubscribe, DB_OPEN, "--email E [--list L]",
     "take an address off one list, or off all; the record of when is kept", ""},
    {"subscribers", cmd_subscribers, DB_READ, "[--list L] [--all] [--json]",
     "the subscribers of the mailing lists", "  --all   those who left too, with when\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
