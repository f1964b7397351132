/*
 * Mailing lists (lists.h): sign-ups with consent, leaving, listing and
 * the CSV for a newsletter tool.  A sign-up that is already current
 * changes nothing; a list with a welcome queues it in the outbox.
 */
#include "ops_internal.h"

#include <frontdesk/lists.h>
#include <frontdesk/text.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int check_field(const char *field, const char *value, char *out, size_t size,
                       struct fd_error *err)
{
    text_copy_trimmed(out, size, value);
    if (value && strlen(value) >= size)
        return fd_fail(err, FD_ERR_DATA, "%s: longer than %zu bytes", field, size - 1);
    if (!text_is_clean_utf8(out, strlen(out), false))
        return fd_fail(err, FD_ERR_DATA, "%s: not valid UTF-8 text (or has control characters)",
                       field);
    return 0;
}

/* The list's frequency the sign-up chose (its first when none was). */
static int check_frequency(const struct fd_mailing_list *list, const char *typed, char *out,
                           size_t size, struct fd_error *err)
{
    out[0] = '\0';
    if (!typed || !*typed) {
        if (list->frequency_count)
            text_copy(out, size, list->frequencies[0]);
        return 0;
    }
    for (size_t i = 0; i < list->frequency_count; i++)
        if (strcasecmp(list->frequencies[i], typed) == 0) {
            text_copy(out, size, list->frequencies[i]);
            return 0;
        }
    if (!list->frequency_count)
        return fd_fail(err, FD_ERR_DATA, "frequency: the list \"%s\" has no frequencies",
                       list->name);
    char choices[256] = "";
    for (size_t i = 0; i < list->frequency_count; i++) {
        size_t used = strlen(choices);
        snprintf(choices + used, sizeof choices - used, "%s%s", i ? ", " : "",
                 list->frequencies[i]);
    }
    return fd_fail(err, FD_ERR_DATA, "frequency: \"%s\" is not one of %s", typed, choices);
}

int ops_subscribe_check(struct fd_context *ctx, const struct subscribe_input *in,
                        struct fd_subscription *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = check_field("name", in->name, out->name, sizeof out->name, err);
    if (rc == 0 && !out->name[0])
        rc = fd_fail(err, FD_ERR_DATA, "name: is empty");
    if (rc == 0)
        rc = check_field("email", in->email, out->email, sizeof out->email, err);
    if (rc == 0 && !out->email[0])
        rc = fd_fail(err, FD_ERR_DATA, "email: is empty (a list needs an address)");
    if (rc == 0)
        rc = text_check_email("email", out->email, FD_ERR_DATA, err);
    char name[FD_NAME_SIZE];
    if (rc == 0)
        rc = check_field("list", in->list, name, sizeof name, err);
    if (rc < 0)
        return rc;
    const struct fd_mailing_list *list = config_find_list(&ctx->config, name);
    if (!list)
        return fd_fail(err, FD_ERR_DATA, "list: no list is named \"%s\" in the config", name);
    text_copy(out->list, sizeof out->list, list->name);
    rc = check_frequency(list, in->frequency, out->frequency, sizeof out->frequency, err);
    const char *source = in->source && *in->source ? in->source : "desk";
    if (rc == 0 && strcmp(source, "web") != 0 && strcmp(source, "desk") != 0)
        rc = fd_fail(err, FD_ERR_DATA, "source: \"%s\" is not web or desk", source);
    if (rc == 0)
        text_copy(out->source, sizeof out->source, source);
    out->subscribed_at = ctx->now;
    char when[32];
    if (rc == 0)
        rc = check_field("subscribed", in->subscribed, when, sizeof when, err);
    if (rc == 0 && when[0] && datetime_parse(when, &out->subscribed_at) < 0)
        rc = fd_fail(err, FD_ERR_DATA,
                     "subscribed: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)", when);
    if (rc == 0 && out->subscribed_at > ctx->now)
        rc = fd_fail(err, FD_ERR_DATA, "subscribed: \"%s\" is in the future", when);
    return rc;
}

/* The client's current subscription to the list, if any (id 0: none). */
static int current(struct fd_context *ctx, int64_t client_id, const char *list,
                   struct fd_subscription *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    struct fd_subscription *found = NULL;
    size_t count = 0;
    struct subscription_filter filter = {.list = list, .client_id = client_id};
    int rc = store_subscriptions(ops_store(ctx), &filter, &found, &count, err);
    if (rc == 0 && count)
        *out = found[0];
    free(found);
    return rc;
}

/* Whether the client left the list at or after s's sign-up moment. */
static int withdrawn_since(struct fd_context *ctx, const struct fd_subscription *s, bool *since,
                           struct fd_error *err)
{
    *since = false;
    struct fd_subscription *all = NULL;
    size_t count = 0;
    struct subscription_filter filter = {
        .list = s->list, .client_id = s->client_id, .with_former = true};
    int rc = store_subscriptions(ops_store(ctx), &filter, &all, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++)
        if (all[i].unsubscribed_at && all[i].unsubscribed_at >= s->subscribed_at)
            *since = true;
    free(all);
    return rc;
}

int ops_store_subscription(struct fd_context *ctx, struct fd_subscription *s, bool welcome,
                           bool *inserted, int64_t *welcome_id, struct fd_error *err)
{
    *inserted = false;
    *welcome_id = 0;
    int rc =
        store_client_find_or_create(ops_store(ctx), s->name, s->email, NULL, &s->client_id, err);
    struct fd_subscription now = {0};
    if (rc == 0)
        rc = current(ctx, s->client_id, s->list, &now, err);
    if (rc < 0 || now.id) {
        if (now.id)
            *s = now; /* already subscribed: nothing changes */
        return rc;
    }
    /* A sign-up dated before the client left that list (a file imported
     * again, say) does not bring them back. */
    bool left_since = false;
    rc = withdrawn_since(ctx, s, &left_since, err);
    if (rc < 0 || left_since)
        return rc;
    rc = store_subscription_insert(ops_store(ctx), s, inserted, err);
    if (rc == 0 && *inserted)
        rc = ops_audit(ctx, "subscription", s->id, err, "%s subscribed to %s%s%s (%s)", s->email,
                       s->list, s->frequency[0] ? ", " : "", s->frequency, s->source);
    const struct fd_mailing_list *list = config_find_list(&ctx->config, s->list);
    if (rc == 0 && *inserted && welcome && list && list->welcome) {
        struct fd_outbox_message welcome = {
            .kind = OUTBOX_KIND_WELCOME, .client_id = s->client_id, .subscription_id = s->id};
        rc = ops_queue_message(ctx, &welcome, err);
        *welcome_id = welcome.id;
    }
    return rc;
}

struct subscribe_plan {
    struct subscribe_result *out;
};

static int subscribe_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct subscribe_result *out = ((struct subscribe_plan *)arg)->out;
    bool inserted = false;
    int rc =
        ops_store_subscription(ctx, &out->subscription, true, &inserted, &out->welcome_id, err);
    out->already = rc == 0 && !inserted;
    return rc;
}

int ops_subscribe(struct fd_context *ctx, const struct subscribe_input *in,
                  struct subscribe_result *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = ops_subscribe_check(ctx, in, &out->subscription, err);
    struct subscribe_plan plan = {out};
    return rc < 0 ? rc : ops_run(ctx, subscribe_step, &plan, err);
}

struct unsubscribe_plan {
    const char *email;
    const char *list;
    size_t count;
};

static int unsubscribe_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct unsubscribe_plan *plan = arg;
    struct fd_client *clients = NULL;
    size_t client_count = 0;
    int rc = store_clients_at_email(ops_store(ctx), plan->email, &clients, &client_count, err);
    for (size_t c = 0; rc == 0 && c < client_count; c++) {
        struct fd_subscription *subs = NULL;
        size_t count = 0;
        struct subscription_filter filter = {.list = plan->list, .client_id = clients[c].id};
        rc = store_subscriptions(ops_store(ctx), &filter, &subs, &count, err);
        for (size_t i = 0; rc == 0 && i < count; i++) {
            rc = store_subscription_end(ops_store(ctx), subs[i].id, ctx->now, err);
            /* A welcome still to go goes no more. */
            if (rc == 0)
                rc = ops_void_client_messages(ctx, clients[c].id, KIND_BIT(OUTBOX_KIND_WELCOME),
                                              err);
            if (rc == 0)
                rc = ops_audit(ctx, "subscription", subs[i].id, err, "%s unsubscribed from %s",
                               plan->email, subs[i].list);
            plan->count++;
        }
        free(subs);
    }
    free(clients);
    if (rc == 0 && plan->count == 0)
        rc = fd_fail(err, FD_ERR_RULE, "%s is not subscribed to %s", plan->email,
                     plan->list ? plan->list : "any list");
    return rc;
}

int ops_unsubscribe(struct fd_context *ctx, const char *email, const char *list, size_t *count,
                    struct fd_error *err)
{
    *count = 0;
    char address[FD_EMAIL_SIZE];
    int rc = check_field("--email", email, address, sizeof address, err);
    if (rc == 0 && !address[0])
        rc = fd_fail(err, FD_ERR_USAGE, "--email: whose address is to leave?");
    const struct fd_mailing_list *found = list ? config_find_list(&ctx->config, list) : NULL;
    if (rc == 0 && list && !found)
        rc = fd_fail(err, FD_ERR_DATA, "--list: no list is named \"%s\" in the config", list);
    struct unsubscribe_plan plan = {address, found ? found->name : NULL, 0};
    if (rc == 0)
        rc = ops_run(ctx, unsubscribe_step, &plan, err);
    *count = plan.count;
    return rc;
}

static int check_list_name(struct fd_context *ctx, const char *list, const char **name,
                           struct fd_error *err)
{
    *name = NULL;
    if (!list)
        return 0;
    const struct fd_mailing_list *found = config_find_list(&ctx->config, list);
    if (!found)
        return fd_fail(err, FD_ERR_DATA, "--list: no list is named \"%s\" in the config", list);
    *name = found->name;
    return 0;
}

int ops_subscribers(struct fd_context *ctx, const char *list, bool former,
                    struct fd_subscription **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    const char *name = NULL;
    int rc = check_list_name(ctx, list, &name, err);
    struct subscription_filter filter = {.list = name, .with_former = former};
    return rc < 0 ? rc : store_subscriptions(ops_store(ctx), &filter, out, count, err);
}

int ops_export_subscribers(struct fd_context *ctx, const char *list, FILE *out, size_t *count,
                           struct fd_error *err)
{
    struct fd_subscription *subs = NULL;
    *count = 0;
    int rc = ops_subscribers(ctx, list, false, &subs, count, err);
    if (rc < 0)
        return rc;
    struct export_csv csv = {.out = out};
    export_csv_row(
        &csv, (const char *[]){"name", "email", "list", "frequency", "subscribed", "source", NULL},
        0);
    for (size_t i = 0; i < *count; i++) {
        char when[FD_DATETIME_LEN];
        datetime_format(subs[i].subscribed_at, when);
        export_csv_row(&csv,
                       (const char *[]){subs[i].name, subs[i].email, subs[i].list,
                                        subs[i].frequency, when, subs[i].source, NULL},
                       EXPORT_PUBLIC(0) | EXPORT_PUBLIC(1));
    }
    free(subs);
    return export_csv_done(&csv, err);
}
