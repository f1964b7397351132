/*
 * Clients (clients.h): their history, correcting their details, and merging
 * two records the desk knows to be one person.
 */
#include "ops_internal.h"

#include <frontdesk/sms.h>

#include <frontdesk/clients.h>
#include <frontdesk/identity.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ops_client_get(struct fd_context *ctx, int64_t id, struct fd_client *out, struct fd_error *err)
{
    return store_client_get(ops_store(ctx), id, out, err);
}

int ops_clients_at_address(struct fd_context *ctx, const char *email, int64_t exclude_id,
                           struct fd_client **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    if (!email || !*email)
        return 0;
    int rc = store_clients_at_email(ops_store(ctx), email, out, count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < *count; i++)
        if ((*out)[i].id != exclude_id)
            (*out)[kept++] = (*out)[i];
    *count = kept;
    return rc;
}

int ops_client_history(struct fd_context *ctx, int64_t id, struct client_history *out,
                       struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc < 0)
        return rc;
    rc = store_client_get(ops_store(ctx), id, &out->client, err);
    struct fd_appointment_filter filter = {
        .from = INT64_MIN / 2, .to = INT64_MAX / 2, .client_id = id, .include_cancelled = true};
    if (rc == 0)
        rc = store_appointment_list(ops_store(ctx), &filter, &out->appointments,
                                    &out->appointment_count, err);
    if (rc == 0)
        rc = store_requests_of_client(ops_store(ctx), id, &out->requests, &out->request_count, err);
    if (rc == 0)
        rc =
            store_waitlist_of_client(ops_store(ctx), id, &out->waitlist, &out->waitlist_count, err);
    if (rc == 0)
        rc = ops_clients_at_address(ctx, out->client.email, id, &out->same_address,
                                    &out->same_address_count, err);
    store_rollback(ops_store(ctx));
    if (rc < 0)
        client_history_free(out);
    return rc;
}

void client_history_free(struct client_history *history)
{
    free(history->appointments);
    free(history->requests);
    free(history->waitlist);
    free(history->same_address);
    memset(history, 0, sizeof *history);
}

/* ---- edit ------------------------------------------------------------------- */

int ops_check_phone(const char *field, char *phone, size_t size, struct fd_error *err)
{
    if (!phone[0])
        return 0;
    char e164[SMS_PHONE_SIZE];
    struct fd_error why = {0};
    if (sms_phone_normalize(phone, e164, sizeof e164, &why) < 0)
        return fd_fail(err, FD_ERR_DATA, "%s: %s", field, why.message);
    text_copy(phone, size, e164);
    return 0;
}

int ops_parse_contact(const char *field, const char *text, enum contact_channel *out,
                      struct fd_error *err)
{
    if (!text || !*text)
        return 0;
    if (strcmp(text, "email") == 0)
        *out = CONTACT_EMAIL;
    else if (strcmp(text, "sms") == 0)
        *out = CONTACT_SMS;
    else
        return fd_fail(err, FD_ERR_USAGE, "%s: \"%s\" is not email or sms", field, text);
    return 0;
}

int ops_apply_contact(struct fd_context *ctx, int64_t client_id, const char *contact,
                      struct fd_error *err)
{
    enum contact_channel channel = CONTACT_EMAIL;
    if (!contact || !*contact)
        return 0;
    int rc = ops_parse_contact("--contact", contact, &channel, err);
    return rc < 0 ? rc : store_client_set_contact(ops_store(ctx), client_id, channel, err);
}

static int check_details(struct fd_client *c, struct fd_error *err)
{
    if (!c->name[0])
        return fd_fail(err, FD_ERR_USAGE, "--name: a client needs a name");
    if (!text_is_clean_utf8(c->name, strlen(c->name), false))
        return fd_fail(err, FD_ERR_DATA, "--name: not valid UTF-8 text");
    if (!c->email[0] && !c->phone[0])
        return fd_fail(err, FD_ERR_USAGE, "--email: a client needs an email address or a phone");
    if (c->email[0] && !text_is_email(c->email))
        return fd_fail(err, FD_ERR_DATA, "--email: \"%s\" is not an email address", c->email);
    return ops_check_phone("--phone", c->phone, sizeof c->phone, err);
}

struct edit_plan {
    int64_t id;
    const struct client_change *change;
    struct fd_client *out;
};

static void describe_change(const char *what, const char *from, const char *to, char *out,
                            size_t size)
{
    if (strcmp(from, to) == 0)
        return;
    size_t used = strlen(out);
    snprintf(out + used, size - used, "%s%s \"%s\" → \"%s\"", used ? ", " : "", what, from, to);
}

static int edit_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct edit_plan *plan = arg;
    struct fd_client before;
    int rc = store_client_get(ops_store(ctx), plan->id, &before, err);
    if (rc < 0)
        return rc;
    struct fd_client after = before;
    if (plan->change->name)
        text_copy_trimmed(after.name, sizeof after.name, plan->change->name);
    if (plan->change->email)
        text_copy_trimmed(after.email, sizeof after.email, plan->change->email);
    if (plan->change->phone)
        text_copy_trimmed(after.phone, sizeof after.phone, plan->change->phone);
    rc = ops_parse_contact("--contact", plan->change->contact, &after.contact, err);
    if (rc == 0)
        rc = check_details(&after, err);
    if (rc < 0)
        return rc;
    int64_t other = 0;
    rc = store_client_find(ops_store(ctx), after.name, after.email, after.phone, &other, err);
    if (rc == 0 && other && other != plan->id) {
        struct fd_client twin;
        rc = store_client_get(ops_store(ctx), other, &twin, err);
        if (rc == 0)
            rc = fd_fail(err, FD_ERR_RULE,
                         "those are the details of client %lld (%s <%s>); if they are one "
                         "person, merge them: frontdesk client merge %lld %lld",
                         (long long)other, twin.name, twin.email, (long long)other,
                         (long long)plan->id);
    }
    if (rc < 0)
        return rc;
    char what[FD_TEXT_SIZE] = "";
    describe_change("name", before.name, after.name, what, sizeof what);
    describe_change("email", before.email, after.email, what, sizeof what);
    describe_change("phone", before.phone, after.phone, what, sizeof what);
    describe_change("contact", before.contact == CONTACT_SMS ? "sms" : "email",
                    after.contact == CONTACT_SMS ? "sms" : "email", what, sizeof what);
    rc = store_client_update(ops_store(ctx), &after, err);
    if (rc == 0)
        rc = ops_audit(ctx, "client", plan->id, err, "client changed: %s",
                       what[0] ? what : "nothing");
    if (rc == 0)
        rc = store_client_get(ops_store(ctx), plan->id, plan->out, err);
    return rc;
}

int ops_client_edit(struct fd_context *ctx, int64_t id, const struct client_change *change,
                    struct fd_client *out, struct fd_error *err)
{
    if (!change->name && !change->email && !change->phone && !change->contact)
        return fd_fail(err, FD_ERR_USAGE,
                       "client edit: give --name, --email, --phone or --contact");
    struct fd_client scratch;
    struct edit_plan plan = {id, change, out ? out : &scratch};
    return ops_run(ctx, edit_step, &plan, err);
}

/* ---- merge ------------------------------------------------------------------ */

struct merge_plan {
    int64_t keep;
    int64_t other;
    struct client_merge *out;
};

static int merge_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct merge_plan *plan = arg;
    struct fd_client keep = {0}, other = {0};
    int rc = store_client_get(ops_store(ctx), plan->keep, &keep, err);
    if (rc == 0)
        rc = store_client_get(ops_store(ctx), plan->other, &other, err);
    if (rc < 0)
        return rc;
    if (!keep.phone[0] && other.phone[0]) {
        text_copy(keep.phone, sizeof keep.phone, other.phone);
        rc = store_client_update(ops_store(ctx), &keep, err);
    }
    int64_t moved[3] = {0};
    if (rc == 0)
        rc = store_client_merge(ops_store(ctx), plan->keep, plan->other, moved, err);
    if (rc == 0)
        rc = ops_audit(ctx, "client", plan->keep, err,
                       "client %lld (%s <%s>) merged into this one: %lld appointments, %lld "
                       "requests, %lld waitlist entries moved",
                       (long long)plan->other, other.name, other.email, (long long)moved[0],
                       (long long)moved[1], (long long)moved[2]);
    if (rc == 0)
        rc = ops_audit(ctx, "client", plan->other, err, "client merged into client %lld (%s <%s>)",
                       (long long)plan->keep, keep.name, keep.email);
    if (rc < 0)
        return rc;
    plan->out->kept = keep;
    plan->out->appointments = moved[0];
    plan->out->requests = moved[1];
    plan->out->waitlist_entries = moved[2];
    return 0;
}

int ops_client_merge(struct fd_context *ctx, int64_t keep, int64_t other, struct client_merge *out,
                     struct fd_error *err)
{
    if (keep == other)
        return fd_fail(err, FD_ERR_USAGE, "client merge: KEEP and OTHER are the same client");
    struct client_merge scratch;
    struct merge_plan plan = {keep, other, out ? out : &scratch};
    return ops_run(ctx, merge_step, &plan, err);
}
