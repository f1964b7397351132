/*
 * The waitlist: clients waiting for a slot to free up.  Adding and
 * removing entries, and — when an appointment is cancelled — finding the
 * waiting entries the freed slot fits, oldest first (SPEC §1 rule 7).
 * Booking an entry is ops_book() with booking.waitlist_id set.
 */
#include "ops_internal.h"

#include <frontdesk/prefer.h>
#include <frontdesk/text.h>

#include <stdlib.h>
#include <string.h>

struct waitlist_add {
    const struct waitlist_input *in;
    struct fd_waitlist_entry *entry;
};

static int waitlist_add_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct waitlist_add *add = arg;
    int rc = store_client_find_or_create(ops_store(ctx), add->in->name, add->in->email,
                                         add->in->phone, &add->entry->client_id, err);
    if (rc == 0)
        rc = ops_apply_contact(ctx, add->entry->client_id, add->in->contact, err);
    if (rc == 0)
        rc = store_waitlist_insert(ops_store(ctx), add->entry, err);
    if (rc == 0)
        rc = ops_audit(ctx, "waitlist", add->entry->id, err, "waitlist entry added: %s for %s",
                       add->in->name, add->entry->service[0] ? add->entry->service : "the opening");
    if (rc == 0)
        rc = store_waitlist_get(ops_store(ctx), add->entry->id, add->entry, err);
    return rc;
}

/* "Tell me when you open for bookings": a name and an email, nothing
 * more. */
static int opening_entry(struct fd_context *ctx, const struct waitlist_input *in,
                         struct fd_waitlist_entry *out, struct fd_error *err)
{
    if ((in->prefer && *in->prefer) || (in->therapist && *in->therapist) ||
        (in->clinic && *in->clinic))
        return fd_fail(err, FD_ERR_USAGE,
                       "--service: preferred times, a therapist or a clinic need a service (with "
                       "no service the entry only waits for the clinic to open)");
    if (!in->email || !*in->email)
        return fd_fail(err, FD_ERR_USAGE,
                       "--email: an entry waiting for the opening needs an address to hear at");
    /* The checks of a request, on the details there are. */
    struct request_input as_request = {
        .name = in->name,
        .email = in->email,
        .phone = in->phone,
        .service = ctx->config.service_count ? ctx->config.services[0].name : "",
        .contact = in->contact};
    struct fd_request checked;
    int rc = ops_request_check(ctx, &as_request, &checked, err);
    if (rc < 0)
        return rc;
    struct fd_waitlist_entry entry = {.added = ctx->now};
    struct waitlist_input cleaned = {.name = checked.name,
                                     .email = checked.email,
                                     .phone = checked.phone,
                                     .contact = in->contact};
    struct waitlist_add add = {.in = &cleaned, .entry = &entry};
    rc = ops_run(ctx, waitlist_add_step, &add, err);
    if (rc == 0 && out)
        *out = entry;
    return rc;
}

int ops_waitlist_add(struct fd_context *ctx, const struct waitlist_input *in,
                     struct fd_waitlist_entry *out, struct fd_error *err)
{
    if (!in->service || !*in->service)
        return opening_entry(ctx, in, out, err);
    /* The same checks as a request: one place for what a valid client and
     * service look like. */
    struct request_input as_request = {.name = in->name,
                                       .email = in->email,
                                       .phone = in->phone,
                                       .service = in->service,
                                       .prefer = in->prefer,
                                       .therapist = in->therapist,
                                       .contact = in->contact};
    struct fd_request checked;
    int rc = ops_request_check(ctx, &as_request, &checked, err);
    if (rc < 0)
        return rc;
    /* Typed at the desk, so it can be put right now: the list matches
     * freed slots against these windows. */
    char why[sizeof err->message];
    if (checked.prefer_not_understood && ops_prefer_problem(ctx, checked.prefer, why, sizeof why))
        return fd_fail(err, FD_ERR_DATA, "prefer: %s", why);
    struct fd_waitlist_entry entry = {.therapist_id = checked.therapist_id, .added = ctx->now};
    text_copy(entry.service, sizeof entry.service, checked.service);
    text_copy(entry.prefer, sizeof entry.prefer, checked.prefer);
    text_copy(entry.prefer_windows, sizeof entry.prefer_windows, checked.prefer_windows);
    if (in->clinic && *in->clinic) {
        const struct fd_clinic *clinic = config_find_clinic(&ctx->config, in->clinic);
        if (!clinic)
            return fd_fail(err, FD_ERR_DATA, "clinic: no clinic is named \"%s\"", in->clinic);
        if (!config_service_offered_at(config_find_service(&ctx->config, entry.service),
                                       clinic->name))
            return fd_fail(err, FD_ERR_DATA, "clinic: %s does not offer \"%s\"", clinic->name,
                           entry.service);
        entry.clinic_id = clinic->id;
    }
    struct waitlist_input cleaned = {.name = checked.name,
                                     .email = checked.email,
                                     .phone = checked.phone,
                                     .contact = in->contact};
    struct waitlist_add add = {.in = &cleaned, .entry = &entry};
    rc = ops_run(ctx, waitlist_add_step, &add, err);
    if (rc == 0 && out)
        *out = entry;
    return rc;
}

static int waitlist_remove_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    int64_t id = *(int64_t *)arg;
    struct fd_waitlist_entry entry;
    int rc = store_waitlist_get(ops_store(ctx), id, &entry, err);
    if (rc == 0)
        rc = state_check(MACHINE_WAITLIST, id, (int)entry.status, WAITLIST_REMOVED, err);
    if (rc == 0)
        rc = store_waitlist_set_status(ops_store(ctx), id, WAITLIST_REMOVED, err);
    if (rc == 0)
        rc = ops_void_entry_messages(
            ctx, id, KIND_BIT(MESSAGE_KIND_OFFER) | KIND_BIT(MESSAGE_KIND_NOTIFY), err);
    if (rc == 0)
        rc = ops_audit(ctx, "waitlist", id, err, "waitlist entry removed");
    return rc;
}

int ops_waitlist_remove(struct fd_context *ctx, int64_t id, struct fd_error *err)
{
    return ops_run(ctx, waitlist_remove_step, &id, err);
}

/* Does the freed slot suit this entry: same clinic and therapist when the
 * entry names them, a service offered there that fits in the freed time,
 * and inside the client's preferred times? */
static bool slot_fits(const struct fd_context *ctx, const struct fd_appointment *freed,
                      const struct fd_waitlist_entry *entry)
{
    const struct fd_service *service = config_find_service(&ctx->config, entry->service);
    if (!service || (entry->therapist_id && entry->therapist_id != freed->therapist_id) ||
        (entry->clinic_id && entry->clinic_id != freed->clinic_id) ||
        !config_service_offered_at(service, freed->clinic))
        return false;
    fd_time freed_until = freed->end + freed->buffer;
    if (freed->start + service->minutes + service->buffer > freed_until)
        return false;
    struct prefer prefer;
    if (!entry->prefer_windows[0] || prefer_decode(entry->prefer_windows, &prefer) < 0)
        return true;
    int start = time_minute(freed->start);
    return prefer_is_empty(&prefer) || prefer_matches(&prefer, date_weekday(time_day(freed->start)),
                                                      start, start + service->minutes);
}

int ops_waitlist_matches(struct fd_context *ctx, const struct fd_appointment *freed,
                         struct fd_waitlist_entry **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    if (freed->start < ctx->now)
        return 0; /* a slot in the past frees nothing */
    int rc = store_waitlist_list(ops_store(ctx), false, out, count, err);
    if (rc < 0)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++)
        if (slot_fits(ctx, freed, &(*out)[i]))
            (*out)[kept++] = (*out)[i];
    *count = kept;
    return 0;
}

/* ---- the opening waitlist ---- */

struct notify_plan {
    const char *service;
    size_t count;
};

static int notify_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct notify_plan *plan = arg;
    struct fd_waitlist_entry *entries = NULL;
    size_t count = 0;
    int rc = store_waitlist_list(ops_store(ctx), false, &entries, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        const struct fd_waitlist_entry *e = &entries[i];
        if (e->service[0] || e->notified_at)
            continue; /* not waiting for the opening, or told already */
        struct fd_outbox_message m = {
            .kind = MESSAGE_KIND_NOTIFY, .client_id = e->client_id, .waitlist_id = e->id};
        text_copy(m.service, sizeof m.service, plan->service ? plan->service : "");
        rc = ops_queue_message(ctx, &m, err);
        if (rc == 0)
            rc = store_waitlist_notified(ops_store(ctx), e->id, ctx->now, err);
        if (rc == 0)
            plan->count++;
    }
    free(entries);
    if (rc == 0 && plan->count)
        rc = ops_audit(ctx, "waitlist", 0, err,
                       "told %zu on the opening waitlist that the clinic is open%s%s", plan->count,
                       plan->service ? " for " : "", plan->service ? plan->service : "");
    return rc;
}

int ops_waitlist_notify(struct fd_context *ctx, const char *service, size_t *count,
                        struct fd_error *err)
{
    *count = 0;
    const struct fd_service *found = service ? config_find_service(&ctx->config, service) : NULL;
    if (service && !found)
        return fd_fail(err, FD_ERR_USAGE, "--service: no service is named \"%s\"", service);
    struct notify_plan plan = {found ? found->name : NULL, 0};
    int rc = ops_run(ctx, notify_step, &plan, err);
    *count = plan.count;
    return rc;
}
