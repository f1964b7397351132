/* `frontdesk attention`: everything the desk must act on. */
#include "cli_internal.h"

#include <frontdesk/attention.h>
#include <frontdesk/outbox.h>

static json_t *attention_json(struct cli_call *call, const struct attention *a)
{
    json_t *stranded = json_array(), *unread = json_array(), *no_outcome = json_array();
    json_t *unreachable = json_array();
    for (size_t i = 0; i < a->unreachable_count; i++) {
        const struct fd_outbox_message *m = &a->unreachable[i];
        json_array_append_new(unreachable,
                              json_pack("{s:I, s:s, s:I, s:s, s:s, s:s}", "message_id",
                                        (json_int_t)m->id, "kind", ops_message_kind_name(m->kind),
                                        "client_id", (json_int_t)m->client_id, "client", m->client,
                                        "email", m->client_email, "phone", m->client_phone));
    }
    for (size_t i = 0; i < a->no_outcome_count; i++)
        json_array_append_new(no_outcome, cli_json_appointment(&a->no_outcome[i]));
    for (size_t i = 0; i < a->outside_rota_count; i++) {
        json_t *o = cli_json_appointment(&a->outside_rota[i]);
        json_object_set_new(o, "outside_rota", json_true());
        json_object_set_new(o, "phone", json_string(a->outside_rota[i].client_phone));
        json_object_set_new(o, "email", json_string(a->outside_rota[i].client_email));
        json_array_append_new(stranded, o);
    }
    for (size_t i = 0; i < a->prefer_not_understood_count; i++) {
        const struct fd_request *r = &a->prefer_not_understood[i];
        char why[FD_TEXT_SIZE] = "";
        ops_prefer_problem(&call->ctx, r->prefer, why, sizeof why);
        json_array_append_new(unread,
                              json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id,
                                        "name", r->name, "email", r->email, "phone", r->phone,
                                        "prefer", r->prefer, "problem", why));
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "outside_rota", stranded, "no_outcome", no_outcome,
                     "unreachable", unreachable, "prefer_not_understood", unread);
}

/* "  #12    thu 2026-11-26 10:00  prim      Ann Lee             " */
static void print_appointment(const struct fd_appointment *x)
{
    char when[FD_DATETIME_LEN];
    datetime_format(x->start, when);
    printf("  #%-5lld %s %s  %-9s ", (long long)x->id,
           date_weekday_name(date_weekday(time_day(x->start))), when, x->therapist);
    cli_print_cell(stdout, x->client, 20);
}

static void attention_text(struct cli_call *call, const struct attention *a)
{
    if (attention_count(a) == 0) {
        printf("Nothing needs the desk.\n");
        return;
    }
    if (a->outside_rota_count) {
        printf("Bookings outside the rota (%zu): ring or write to move or cancel them\n",
               a->outside_rota_count);
        for (size_t i = 0; i < a->outside_rota_count; i++) {
            const struct fd_appointment *x = &a->outside_rota[i];
            print_appointment(x);
            printf(" %s%s%s\n", x->client_phone, x->client_phone[0] ? "  " : "", x->client_email);
        }
    }
    if (a->no_outcome_count) {
        printf("%sPast appointments with no outcome (%zu): say what happened with arrive, "
               "complete, no-show or cancel\n",
               a->outside_rota_count ? "\n" : "", a->no_outcome_count);
        for (size_t i = 0; i < a->no_outcome_count; i++) {
            print_appointment(&a->no_outcome[i]);
            printf(" %s\n", state_name(MACHINE_APPOINTMENT, (int)a->no_outcome[i].status));
        }
    }
    if (a->unreachable_count) {
        printf("%sMessages to clients with no way to reach them (%zu): ring them, or add an "
               "email address with 'frontdesk client edit'\n",
               a->outside_rota_count || a->no_outcome_count ? "\n" : "", a->unreachable_count);
        for (size_t i = 0; i < a->unreachable_count; i++) {
            const struct fd_outbox_message *m = &a->unreachable[i];
            printf("  message #%-5lld %-12s client %-5lld ", (long long)m->id,
                   ops_message_kind_name(m->kind), (long long)m->client_id);
            cli_print_cell(stdout, m->client, 20);
            printf(" %s\n", m->client_phone[0] ? m->client_phone : "(no phone)");
        }
    }
    if (a->prefer_not_understood_count) {
        printf("%sRequests whose preferred times were not understood (%zu): read them, then "
               "book\n",
               a->outside_rota_count || a->no_outcome_count || a->unreachable_count ? "\n" : "",
               a->prefer_not_understood_count);
        for (size_t i = 0; i < a->prefer_not_understood_count; i++) {
            const struct fd_request *r = &a->prefer_not_understood[i];
            char why[FD_TEXT_SIZE] = "";
            ops_prefer_problem(&call->ctx, r->prefer, why, sizeof why);
            printf("  #%-5lld ", (long long)r->id);
            cli_print_cell(stdout, r->name, 20);
            printf(" \"%s\": %s\n", r->prefer, why);
        }
    }
}

static int cmd_attention(struct cli_call *call)
{
    bool json = false;
    const struct cli_option options[] = {{"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct attention attention = {0};
    if (rc == 0)
        rc = ops_attention(&call->ctx, &attention, &call->err);
    if (rc < 0)
        return rc;
    if (json)
        cli_print_json(attention_json(call, &attention));
    else
        attention_text(call, &attention);
    attention_free(&attention);
    return 0;
}

const struct cli_command CLI_ATTENTION_COMMANDS[] = {
    {"attention", cmd_attention, DB_READ, "[--json]",
     "everything the desk must act on: bookings outside the rota, past appointments with no "
     "outcome, unreadable requests",
     ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
