/*
 * Suggestions: free slots for a request or a waitlist entry (SPEC §1
 * rule 6).  This file gathers what the pure ranking in core/slots.c needs
 * — shifts over the horizon, busy intervals, rooms, the client's
 * preferences and previous therapist — in one read snapshot.
 */
#include "ops_internal.h"

#include <frontdesk/prefer.h>

#include <stdlib.h>
#include <string.h>

struct suggest_input {
    const char *service;
    int64_t therapist_id;
    int64_t client_id; /* 0: unknown */
    const char *prefer_windows;
    size_t limit;
    fd_day first, last;         /* the days to search; first FD_DAY_NONE: from today */
    int64_t except_id;          /* an appointment whose own time counts as free */
    const struct fd_clinic *at; /* only this clinic, or NULL */
};

static int suggest(struct fd_context *ctx, const struct suggest_input *in, struct slot **out,
                   size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    const struct fd_service *service = config_find_service(&ctx->config, in->service);
    if (!service)
        return fd_fail(err, FD_ERR_CONFIG,
                       "the service \"%s\" is no longer in the config; decline or rebook it",
                       in->service);
    int64_t clinic_ids[32];
    struct clinic_rooms rooms[32];
    size_t clinic_count = 0, room_count = 0;
    for (size_t i = 0; i < ctx->config.clinic_count && i < 32; i++) {
        const struct fd_clinic *clinic = &ctx->config.clinics[i];
        rooms[room_count++] = (struct clinic_rooms){clinic->id, clinic->rooms};
        if (config_service_offered_at(service, clinic->name) && (!in->at || in->at == clinic))
            clinic_ids[clinic_count++] = clinic->id;
    }
    struct prefer prefer = {0};
    if (in->prefer_windows && *in->prefer_windows && prefer_decode(in->prefer_windows, &prefer) < 0)
        memset(&prefer, 0, sizeof prefer);

    fd_day today = time_day(ctx->now);
    fd_day first = in->first == FD_DAY_NONE ? today : in->first;
    fd_day last = in->first == FD_DAY_NONE ? today + ctx->config.suggest_horizon_days : in->last;
    if (first < today)
        first = today;
    if (last < first)
        return 0;
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc < 0)
        return rc;
    int64_t previous =
        in->client_id ? store_client_last_therapist(ops_store(ctx), in->client_id) : 0;
    struct shift_list shifts = {0};
    struct busy *busy = NULL;
    size_t busy_count = 0;
    if (rc == 0)
        rc = ops_shifts(ctx, first, last, in->therapist_id, &shifts, err);
    if (rc == 0)
        rc = store_busy_list(ops_store(ctx), time_make(first, 0), time_make(last + 1, 0), &busy,
                             &busy_count, err);
    store_rollback(ops_store(ctx));
    busy_count = ops_busy_without(busy, busy_count, in->except_id);
    struct slot_query query = {.minutes = service->minutes,
                               .buffer = service->buffer,
                               .step = ctx->config.slot_step,
                               .clinic_ids = clinic_ids,
                               .clinic_count = clinic_count,
                               .therapist_id = in->therapist_id,
                               .previous_therapist = previous,
                               .not_before = ctx->now,
                               .prefer = &prefer,
                               .limit = in->limit};
    if (rc == 0)
        rc = slots_find(&shifts, busy, busy_count, rooms, room_count, &query, out, count, err);
    free(busy);
    shift_list_free(&shifts);
    return rc;
}

static int64_t distance(fd_time a, fd_time b)
{
    return a > b ? a - b : b - a;
}

void ops_nearest_slots(struct fd_context *ctx, const struct slot_plan *plan, struct slot *out,
                       size_t max, size_t *count)
{
    *count = 0;
    fd_day day = time_day(plan->start);
    struct suggest_input in = {.service = plan->service->name,
                               .therapist_id = plan->therapist.id,
                               .first = day - 3,
                               .last = day + 3,
                               .except_id = plan->except_id,
                               .at = plan->named};
    struct slot *found = NULL;
    size_t found_count = 0;
    struct fd_error ignored = {0};
    if (suggest(ctx, &in, &found, &found_count, &ignored) < 0)
        return; /* alternatives are a courtesy: the refusal stands without them */
    /* The nearest few, nearest first (earlier first on a tie). */
    for (size_t n = 0; n < max && n < found_count; n++) {
        size_t best = n;
        for (size_t i = n + 1; i < found_count; i++) {
            int64_t di = distance(found[i].start, plan->start);
            int64_t db = distance(found[best].start, plan->start);
            if (di < db || (di == db && found[i].start < found[best].start))
                best = i;
        }
        struct slot nearest = found[best];
        found[best] = found[n];
        found[n] = nearest;
        out[(*count)++] = nearest;
    }
    free(found);
}

int ops_appointment_suggest(struct fd_context *ctx, int64_t appointment_id, size_t limit,
                            struct slot **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct fd_appointment a;
    int rc = store_appointment_get(ops_store(ctx), appointment_id, &a, err);
    if (rc < 0)
        return rc;
    struct fd_request request = {0};
    if (a.request_id && store_request_get(ops_store(ctx), a.request_id, &request, err) < 0)
        return -FD_ERR_SOFTWARE;
    /* One more than asked: its own time, if found, is left out. */
    struct suggest_input in = {.service = a.service,
                               .client_id = a.client_id,
                               .prefer_windows = request.prefer_windows,
                               .limit = limit ? limit + 1 : 0,
                               .first = FD_DAY_NONE,
                               .except_id = a.id};
    rc = suggest(ctx, &in, out, count, err);
    /* Its own time is no move. */
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < *count; i++)
        if (!((*out)[i].start == a.start && (*out)[i].therapist_id == a.therapist_id))
            (*out)[kept++] = (*out)[i];
    if (rc == 0)
        *count = limit && kept > limit ? limit : kept;
    return rc;
}

int ops_request_suggest(struct fd_context *ctx, int64_t request_id, size_t limit, struct slot **out,
                        size_t *count, struct fd_error *err)
{
    struct fd_request request;
    int rc = store_request_get(ops_store(ctx), request_id, &request, err);
    if (rc < 0)
        return rc;
    struct suggest_input in = {.service = request.service,
                               .therapist_id = request.therapist_id,
                               .client_id = request.client_id,
                               .prefer_windows = request.prefer_windows,
                               .limit = limit,
                               .first = FD_DAY_NONE};
    return suggest(ctx, &in, out, count, err);
}

int ops_waitlist_suggest(struct fd_context *ctx, int64_t entry_id, size_t limit, struct slot **out,
                         size_t *count, struct fd_error *err)
{
    struct fd_waitlist_entry entry;
    int rc = store_waitlist_get(ops_store(ctx), entry_id, &entry, err);
    if (rc < 0)
        return rc;
    if (!entry.service[0])
        return fd_fail(err, FD_ERR_RULE,
                       "waitlist entry %lld is on the opening waitlist: there is no service to "
                       "suggest times for",
                       (long long)entry.id);
    struct suggest_input in = {.service = entry.service,
                               .therapist_id = entry.therapist_id,
                               .client_id = entry.client_id,
                               .prefer_windows = entry.prefer_windows,
                               .limit = limit,
                               .first = FD_DAY_NONE};
    rc = suggest(ctx, &in, out, count, err);
    /* An entry tied to one clinic only takes slots there. */
    if (rc == 0 && entry.clinic_id) {
        size_t kept = 0;
        for (size_t i = 0; i < *count; i++)
            if ((*out)[i].clinic_id == entry.clinic_id)
                (*out)[kept++] = (*out)[i];
        *count = kept;
    }
    return rc;
}
