/* `frontdesk waitlist …`. */
#include "cli_internal.h"

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
    if (rc == 0 && (!in.name || !in.email || !in.service))
        rc = fd_fail(&call->err, FD_ERR_USAGE, "waitlist add: %s is required",
                     !in.name    ? "--name"
                     : !in.email ? "--email"
                                 : "--service");
    struct fd_waitlist_entry entry;
    if (rc == 0)
        rc = ops_waitlist_add(&call->ctx, &in, &entry, &call->err);
    if (rc == 0)
        printf("Added %s to the waitlist as entry %lld for %s\n", entry.name, (long long)entry.id,
               entry.service);
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
    return o;
}

void cli_print_waitlist_entry(const struct fd_waitlist_entry *e)
{
    char added[FD_DATETIME_LEN];
    datetime_format(e->added, added);
    printf("%4lld  %s  ", (long long)e->id, added);
    cli_print_cell(stdout, e->name, 22);
    putchar(' ');
    cli_print_cell(stdout, e->service, 20);
    printf(" %s%s%s\n", e->prefer, e->therapist[0] ? "  with " : "", e->therapist);
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

static int cmd_waitlist_suggest(struct cli_call *call)
{
    return cli_suggest(call, ops_waitlist_suggest, NULL);
}

const struct cli_command CLI_WAITLIST_COMMANDS[] = {
    {"waitlist add", cmd_waitlist_add, DB_OPEN,
     "--name N --email E [--phone P] [--contact email|sms] --service S [--prefer ...] "
     "[--therapist H] [--clinic C]",
     "put a client on the waitlist", ""},
    {"waitlist list", cmd_waitlist_list, DB_READ, "[--all] [--json]",
     "waiting entries, oldest first", ""},
    {"waitlist remove", cmd_waitlist_remove, DB_OPEN, "ID", "take an entry off the waitlist", ""},
    {"waitlist suggest", cmd_waitlist_suggest, DB_READ, "ID [--limit N] [--json]",
     "free slots for a waitlist entry (book with 'book --waitlist ID')", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
