/*
 * The desk's worklist (attention.h), read in one snapshot.
 */
#include "ops_internal.h"

#include <frontdesk/attention.h>
#include <frontdesk/outbox.h>

#include <stdlib.h>
#include <string.h>

static int stranded_bookings(struct fd_context *ctx, struct attention *out, struct fd_error *err)
{
    struct fd_appointment_filter filter = {.from = ctx->now, .to = INT64_MAX / 2};
    int rc = store_appointment_list(ops_store(ctx), &filter, &out->outside_rota,
                                    &out->outside_rota_count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < out->outside_rota_count; i++)
        if (out->outside_rota[i].status == APPOINTMENT_BOOKED && !out->outside_rota[i].forced)
            out->outside_rota[kept++] = out->outside_rota[i];
    out->outside_rota_count = kept;
    if (rc == 0)
        rc = ops_mark_outside_rota(ctx, 0, out->outside_rota, kept, err);
    kept = 0;
    for (size_t i = 0; rc == 0 && i < out->outside_rota_count; i++)
        if (out->outside_rota[i].outside_rota)
            out->outside_rota[kept++] = out->outside_rota[i];
    out->outside_rota_count = kept;
    return rc;
}

static int missing_outcomes(struct fd_context *ctx, struct attention *out, struct fd_error *err)
{
    fd_day today = time_day(ctx->now);
    fd_time close = time_make(today, ctx->config.calendar.close_of_business);
    fd_time before = ctx->now >= close ? ctx->now : time_make(today, 0);
    return store_appointments_without_outcome(ops_store(ctx), before, &out->no_outcome,
                                              &out->no_outcome_count, err);
}

static int unreachable_clients(struct fd_context *ctx, struct attention *out, struct fd_error *err)
{
    int rc = ops_outbox(ctx, false, -1, &out->unreachable, &out->unreachable_count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < out->unreachable_count; i++) {
        const struct fd_outbox_message *m = &out->unreachable[i];
        if (!ops_reachable(ctx, m->client_email, m->client_phone))
            out->unreachable[kept++] = *m;
    }
    out->unreachable_count = kept;
    return rc;
}

static int unread_requests(struct fd_context *ctx, struct attention *out, struct fd_error *err)
{
    int rc = store_request_list(ops_store(ctx), false, REQUEST_PENDING, &out->prefer_not_understood,
                                &out->prefer_not_understood_count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < out->prefer_not_understood_count; i++)
        if (out->prefer_not_understood[i].prefer_not_understood)
            out->prefer_not_understood[kept++] = out->prefer_not_understood[i];
    out->prefer_not_understood_count = kept;
    return rc;
}

int ops_attention(struct fd_context *ctx, struct attention *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc == 0)
        rc = stranded_bookings(ctx, out, err);
    if (rc == 0)
        rc = missing_outcomes(ctx, out, err);
    if (rc == 0)
        rc = unreachable_clients(ctx, out, err);
    if (rc == 0)
        rc = unread_requests(ctx, out, err);
    store_rollback(ops_store(ctx));
    if (rc < 0)
        attention_free(out);
    return rc;
}

void attention_free(struct attention *attention)
{
    free(attention->outside_rota);
    free(attention->no_outcome);
    free(attention->unreachable);
    free(attention->prefer_not_understood);
    memset(attention, 0, sizeof *attention);
}

size_t attention_count(const struct attention *attention)
{
    return attention->outside_rota_count + attention->no_outcome_count +
           attention->unreachable_count + attention->prefer_not_understood_count;
}
