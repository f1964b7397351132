/* `frontdesk client …`: finding people, their history, correcting and
 * merging records. */
#include "cli_internal.h"

#include <frontdesk/clients.h>

#include <stdlib.h>
#include <string.h>

static json_t *client_json(const struct fd_client *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "email", json_string(c->email));
    json_object_set_new(o, "phone", json_string(c->phone));
    json_object_set_new(o, "notes", json_string(c->notes));
    json_object_set_new(o, "contact", json_string(c->contact == CONTACT_SMS ? "sms" : "email"));
    json_object_set_new(o, "reminders", json_boolean(c->no_reminders_at == 0));
    return o;
}

static void print_client_row(const struct fd_client *c)
{
    printf("%5lld  ", (long long)c->id);
    cli_print_cell(stdout, c->name, 24);
    putchar(' ');
    cli_print_cell(stdout, c->email, 30);
    printf(" %s\n", c->phone);
}

static int cmd_client_list(struct cli_call *call)
{
    const char *find = NULL;
    bool json = false;
    const struct cli_option options[] = {{"find", 0, &find, NULL}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_client *clients = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_client_search(&call->ctx, find ? find : "", SIZE_MAX / 2, &clients, &count,
                               &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < count; i++)
            json_array_append_new(list, client_json(&clients[i]));
        cli_print_json(list);
    } else if (count == 0) {
        printf(find ? "No client matches \"%s\".\n" : "No clients yet.\n", find);
    } else {
        printf("%5s  %-24s %-30s %s\n", "ID", "NAME", "EMAIL", "PHONE");
        for (size_t i = 0; i < count; i++)
            print_client_row(&clients[i]);
    }
    free(clients);
    return 0;
}

static json_t *history_json(const struct client_history *h)
{
    json_t *o = client_json(&h->client);
    json_t *appointments = json_array(), *requests = json_array(), *waitlist = json_array();
    json_t *same = json_array();
    for (size_t i = 0; i < h->appointment_count; i++)
        json_array_append_new(appointments, cli_json_appointment(&h->appointments[i]));
    for (size_t i = 0; i < h->request_count; i++) {
        const struct fd_request *r = &h->requests[i];
        char received[FD_DATETIME_LEN];
        datetime_format(r->received, received);
        json_array_append_new(
            requests, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "service",
                                r->service, "prefer", r->prefer, "received", received, "status",
                                state_name(MACHINE_REQUEST, (int)r->status)));
    }
    for (size_t i = 0; i < h->waitlist_count; i++)
        json_array_append_new(waitlist, cli_json_waitlist_entry(&h->waitlist[i]));
    for (size_t i = 0; i < h->same_address_count; i++)
        json_array_append_new(same, client_json(&h->same_address[i]));
    json_object_set_new(o, "appointments", appointments);
    json_object_set_new(o, "requests", requests);
    json_object_set_new(o, "waitlist", waitlist);
    json_object_set_new(o, "same_address", same);
    return o;
}

static void print_history(const struct fd_context *ctx, const struct client_history *h)
{
    const struct fd_client *c = &h->client;
    printf("Client %lld: %s\n  email  %s\n  phone  %s\n  hears by %s%s\n", (long long)c->id,
           c->name, c->email[0] ? c->email : "-", c->phone[0] ? c->phone : "-",
           c->contact == CONTACT_SMS ? "text" : "email",
           c->no_reminders_at ? "; opted out of reminders" : "");
    if (c->notes[0])
        printf("  notes  %s\n", c->notes);
    if (h->same_address_count) {
        printf("  also at this address:");
        for (size_t i = 0; i < h->same_address_count; i++)
            printf("%s %s (#%lld)", i ? "," : "", h->same_address[i].name,
                   (long long)h->same_address[i].id);
        putchar('\n');
    }
    printf("\nAppointments (%zu)\n", h->appointment_count);
    for (size_t i = 0; i < h->appointment_count; i++) {
        const struct fd_appointment *a = &h->appointments[i];
        char when[FD_DATETIME_LEN];
        datetime_format(a->start, when);
        printf("  #%-6lld %s  %-9s ", (long long)a->id, when, a->therapist);
        cli_print_cell(stdout, a->service, 20);
        printf(" %s%s\n", state_name(MACHINE_APPOINTMENT, (int)a->status),
               a->start < ctx->now ? "" : "  (to come)");
    }
    printf("\nRequests (%zu)\n", h->request_count);
    for (size_t i = 0; i < h->request_count; i++) {
        const struct fd_request *r = &h->requests[i];
        char received[FD_DATETIME_LEN];
        datetime_format(r->received, received);
        printf("  #%-6lld %s  ", (long long)r->id, received);
        cli_print_cell(stdout, r->service, 20);
        printf(" %s\n", state_name(MACHINE_REQUEST, (int)r->status));
    }
    if (h->waitlist_count) {
        printf("\nWaitlist (%zu)\n", h->waitlist_count);
        for (size_t i = 0; i < h->waitlist_count; i++)
            cli_print_waitlist_entry(&h->waitlist[i]);
    }
}

static int cmd_client_show(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "ID", &id);
    struct client_history history = {0};
    if (rc == 0)
        rc = ops_client_history(&call->ctx, id, &history, &call->err);
    if (rc < 0)
        return rc;
    if (json)
        cli_print_json(history_json(&history));
    else
        print_history(&call->ctx, &history);
    client_history_free(&history);
    return 0;
}

static int cmd_client_edit(struct cli_call *call)
{
    struct client_change change = {0};
    bool json = false;
    const struct cli_option options[] = {
        {"name", 0, &change.name, NULL},   {"email", 0, &change.email, NULL},
        {"phone", 0, &change.phone, NULL}, {"contact", 0, &change.contact, NULL},
        {"json", 0, NULL, &json},          {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "ID", &id);
    struct fd_client client = {0};
    if (rc == 0)
        rc = ops_client_edit(&call->ctx, id, &change, &client, &call->err);
    if (rc < 0)
        return rc;
    if (json)
        cli_print_json(client_json(&client));
    else
        printf("Changed client %lld: %s <%s> %s\n", (long long)client.id, client.name, client.email,
               client.phone);
    return 0;
}

static int cmd_client_merge(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    const char *ids[2] = {NULL, NULL};
    int64_t keep = 0, other = 0;
    int rc = cli_parse(call, options, ids, 2, 2);
    if (rc == 0)
        rc = cli_parse_id(call, "KEEP", ids[0], &keep);
    if (rc == 0)
        rc = cli_parse_id(call, "OTHER", ids[1], &other);
    struct client_merge merged = {0};
    if (rc == 0)
        rc = ops_client_merge(&call->ctx, keep, other, &merged, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        json_t *o = client_json(&merged.kept);
        json_object_set_new(o, "merged", json_integer(other));
        json_object_set_new(o, "appointments_moved", json_integer(merged.appointments));
        json_object_set_new(o, "requests_moved", json_integer(merged.requests));
        json_object_set_new(o, "waitlist_moved", json_integer(merged.waitlist_entries));
        cli_print_json(o);
    } else {
        printf("Merged client %lld into %lld (%s): moved %lld appointment%s, %lld request%s, "
               "%lld waitlist entr%s\n",
               (long long)other, (long long)keep, merged.kept.name, (long long)merged.appointments,
               merged.appointments == 1 ? "" : "s", (long long)merged.requests,
               merged.requests == 1 ? "" : "s", (long long)merged.waitlist_entries,
               merged.waitlist_entries == 1 ? "y" : "ies");
    }
    return 0;
}

const struct cli_command CLI_CLIENT_COMMANDS[] = {
    {"client list", cmd_client_list, DB_READ, "[--find TEXT] [--json]",
     "clients, or those whose name, email or phone holds TEXT", ""},
    {"client show", cmd_client_show, DB_READ, "ID [--json]",
     "a client's details, who shares their address, and their history", ""},
    {"client edit", cmd_client_edit, DB_OPEN,
     "ID [--name N] [--email E] [--phone P] [--contact email|sms] [--json]",
     "correct a client's details", "  --phone \"\"   clears the phone number\n"},
    {"client merge", cmd_client_merge, DB_OPEN, "KEEP OTHER [--json]",
     "make OTHER part of KEEP (one person with two records); audited", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
