/* `frontdesk waitlist …`. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>

static int cmd_waitlist_add(struct cli_call *call)
{
    struct waitlist_input in = {0};
    const struct cli_option options[] = {{"name", 0, &in.name, NULL},
                                         {"email", 0, &in.email, NULL},
                                         {"phone", 0, &in.phone, NULL},
                                         {"service", 0, &in.service, NULL},
                                         {"prefer", 0, &in.prefer, NULL},
                                         {"therapist", 0, &in.therapist, NULL},
                                         {"clinic", 0, &in.clinic, NULL},
                                         {"contact", 0, &in.contact, NULL},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc == 0 && (!in.name || !in.email))
        rc = fd_fail(&call->err, FD_ERR_USAGE, "waitlist add: %s is required",
                     !in.name ? "--name" : "--email");
    struct fd_waitlist_entry entry;
    if (rc == 0)
        rc = ops_waitlist_add(&call->ctx, &in, &entry, &call->err);
    if (rc == 0 && entry.service[0])
        printf("Added %s to the waitlist as entry %lld for %s\n", entry.name, (long long)entry.id,
               entry.service);
    else if (rc == 0)
        printf("Added %s to the opening waitlist as entry %lld: they hear when the clinic opens "
               "('frontdesk waitlist notify')\n",
               entry.name, (long long)entry.id);
    return rc;
}

json_t *cli_json_waitlist_entry(const struct fd_waitlist_entry *e)
{
    char added[FD_DATETIME_LEN];
    datetime_format(e->added, added);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "name",
                          e->name, "email", e->email, "service", e->service, "prefer", e->prefer,
                          "added", added, "status", state_name(MACHINE_WAITLIST, (int)e->status));
    json_object_set_new(o, "therapist", e->therapist[0] ? json_string(e->therapist) : json_null());
    json_object_set_new(o, "opening", json_boolean(!e->service[0]));
    char notified[FD_DATETIME_LEN];
    if (e->notified_at)
        datetime_format(e->notified_at, notified);
    json_object_set_new(o, "notified", e->notified_at ? json_string(notified) : json_null());
    return o;
}

void cli_print_waitlist_entry(const struct fd_waitlist_entry *e)
{
    char added[FD_DATETIME_LEN];
    datetime_format(e->added, added);
    printf("%4lld  %s  ", (long long)e->id, added);
    cli_print_cell(stdout, e->name, 22);
    putchar(' ');
    char notified[FD_DATETIME_LEN + 16] = "";
    if (e->notified_at) {
        char when[FD_DATETIME_LEN];
        datetime_format(e->notified_at, when);
        snprintf(notified, sizeof notified, "told %s", when);
    }
    cli_print_cell(stdout, e->service[0] ? e->service : "(the opening)", 20);
    printf(" %s%s%s%s\n", e->prefer, e->therapist[0] ? "  with " : "", e->therapist, notified);
}

static int cmd_waitlist_list(struct cli_call *call)
{
    bool all = false, json = false;
    const struct cli_option options[] = {{"all", 0, NULL, &all}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_waitlist_entry *entries = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_waitlist(&call->ctx, all, &entries, &count, &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        if (json)
            json_array_append_new(list, cli_json_waitlist_entry(&entries[i]));
        else
            cli_print_waitlist_entry(&entries[i]);
    }
    if (json)
        cli_print_json(list);
    else if (count == 0)
        printf("Nobody is waiting.\n");
    free(entries);
    return 0;
}

static int cmd_waitlist_remove(struct cli_call *call)
{
    int64_t id = 0;
    int rc = cli_parse_with_id(call, NULL, "ID", &id);
    if (rc == 0)
        rc = ops_waitlist_remove(&call->ctx, id, &call->err);
    if (rc == 0)
        printf("Removed waitlist entry %lld\n", (long long)id);
    return rc;
}

static int cmd_waitlist_notify(struct cli_call *call)
{
    const char *service = NULL;
    const struct cli_option options[] = {{"service", 0, &service, NULL}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    size_t count = 0;
    if (rc == 0)
        rc = ops_waitlist_notify(&call->ctx, service, &count, &call->err);
    if (rc == 0 && count)
        printf("Queued %zu notice%s that the clinic is open for bookings (see 'frontdesk "
               "outbox').\n",
               count, count == 1 ? "" : "s");
    else if (rc == 0)
        printf("Nobody on the opening waitlist is still to be told.\n");
    return rc;
}

static int cmd_waitlist_suggest(struct cli_call *call)
{
    return cli_suggest(call, ops_waitlist_suggest, NULL);
}

const struct cli_command CLI_WAITLIST_COMMANDS[] = {
    {"waitlist add", cmd_waitlist_add, DB_OPEN,
     "--name N --email E [--phone P] [--contact email|sms] [--service S [--prefer ...] "
     "[--therapist H] [--clinic C]]",
     "put a client on the waitlist (with no service: the opening waitlist)",
     "With no --service the entry only waits to hear that the clinic is open for\n"
     "bookings ('waitlist notify').\n"},
    {"waitlist notify", cmd_waitlist_notify, DB_OPEN, "[--service S]",
     "tell the opening waitlist the clinic is open for bookings (once each)",
     "  --service S   name a service in the notice\n"},
    {"waitlist list", cmd_waitlist_list, DB_READ, "[--all] [--json]",
     "waiting entries, oldest first", ""},
    {"waitlist remove", cmd_waitlist_remove, DB_OPEN, "ID", "take an entry off the waitlist", ""},
    {"waitlist suggest", cmd_waitlist_suggest, DB_READ, "ID [--limit N] [--json]",
     "free slots for a waitlist entry (book with 'book --waitlist ID')", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
