/*
 * What became of an appointment: the client arrived, the session took
 * place, the client did not come, or it was cancelled (SPEC §1 rule 7:
 * the freed slot lists its waitlist matches).  Each is a move of the
 * appointment's state machine (state.h), checked against the clock:
 * arrival only on the day, completion and no-shows only once it has
 * started.  A no-show, and a client's cancellation inside
 * late_cancel_hours, owe the fee the config sets; a fee can be waived or
 * changed with a reason, which the audit log keeps.  Nothing here ever
 * runs by itself: a past appointment with no outcome waits in the desk's
 * worklist (attention.c) for a person to say what happened.
 */
#include "ops_internal.h"

#include <frontdesk/clock.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A client's cancellation is late when it comes less than
 * late_cancel_hours (real hours) before the start; exactly that many
 * hours before is still in time. */
bool ops_cancel_is_late(const struct fd_context *ctx, const struct fd_appointment *a,
                        enum cancelled_by by)
{
    if (by != CANCELLED_BY_CLIENT || ctx->config.late_cancel_hours <= 0)
        return false;
    return clock_real_minutes(ctx->now, a->start) < (int64_t)ctx->config.late_cancel_hours * 60;
}

/* The request an appointment came from follows it: withdrawn when the
 * client cancels, open again (due anew from now) when the clinic does. */
static int cancel_request(struct fd_context *ctx, const struct fd_appointment *a,
                          enum cancelled_by by, struct fd_error *err)
{
    struct fd_request request;
    int rc = store_request_get(ops_store(ctx), a->request_id, &request, err);
    if (rc < 0 || request.status != REQUEST_BOOKED)
        return rc;
    if (by == CANCELLED_BY_CLIENT)
        return store_request_set_status(ops_store(ctx), request.id, REQUEST_WITHDRAWN,
                                        "the client cancelled the appointment", request.answered, 0,
                                        err);
    rc = state_check(MACHINE_REQUEST, request.id, (int)request.status, REQUEST_PENDING, err);
    if (rc == 0)
        rc = store_request_reopen(
            ops_store(ctx), request.id,
            calendar_due(&ctx->config.calendar, ctx->now, ctx->config.request_reply_days), err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", request.id, err,
                       "request open again: the clinic cancelled appointment %lld",
                       (long long)a->id);
    return rc;
}

int ops_cancel_within(struct fd_context *ctx, int64_t id, const struct cancellation *cancellation,
                      struct fd_appointment *a, struct fd_error *err)
{
    int rc = store_appointment_get(ops_store(ctx), id, a, err);
    if (rc == 0)
        rc = state_check(MACHINE_APPOINTMENT, id, (int)a->status, APPOINTMENT_CANCELLED, err);
    if (rc < 0)
        return rc;
    const char *reason = cancellation->reason;
    struct appointment_outcome outcome = {.status = APPOINTMENT_CANCELLED,
                                          .at = ctx->now,
                                          .by = cancellation->by,
                                          .reason = reason,
                                          .late = ops_cancel_is_late(ctx, a, cancellation->by)};
    if (outcome.late)
        outcome.fee_pence = config_fee_pence(&ctx->config.late_cancel_fee, a->price_pence);
    rc = store_appointment_set_outcome(ops_store(ctx), id, &outcome, err);
    /* What was still to go about it goes no more. */
    if (rc == 0)
        rc = ops_void_messages(ctx, id, KINDS_ABOUT_BOOKING, err);
    char fee[48] = "";
    if (outcome.fee_pence) {
        char amount[32];
        config_format_price(outcome.fee_pence, amount, sizeof amount);
        snprintf(fee, sizeof fee, " (fee %s)", amount);
    }
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", id, err, "cancelled by the %s%s%s%s%s",
                       cancellation->by == CANCELLED_BY_CLINIC ? "clinic" : "client",
                       outcome.late ? ", late" : "", fee, reason && *reason ? ": " : "",
                       reason ? reason : "");
    if (rc == 0 && a->request_id)
        rc = cancel_request(ctx, a, cancellation->by, err);
    /* When the clinic cancels, the client is told. */
    if (rc == 0 && cancellation->by == CANCELLED_BY_CLINIC) {
        struct fd_outbox_message m = {
            .kind = MESSAGE_KIND_CANCELLATION, .client_id = a->client_id, .appointment_id = id};
        text_copy(m.details, sizeof m.details, reason ? reason : "");
        rc = ops_queue_message(ctx, &m, err);
    }
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), id, a, err);
    return rc;
}

struct cancel_plan {
    int64_t id;
    struct cancellation cancellation;
    bool following;
    struct fd_appointment *list; /* following: grown as they are cancelled */
    size_t count;
    struct fd_appointment *out; /* the one named */
};

static int cancel_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct cancel_plan *plan = arg;
    if (!plan->following)
        return ops_cancel_within(ctx, plan->id, &plan->cancellation, plan->out, err);
    struct fd_appointment first;
    int rc = store_appointment_get(ops_store(ctx), plan->id, &first, err);
    if (rc < 0)
        return rc;
    if (!first.series_id)
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld is not one of a series; cancel it without --following",
                       (long long)plan->id);
    /* The one named must be cancellable itself. */
    rc = state_check(MACHINE_APPOINTMENT, first.id, (int)first.status, APPOINTMENT_CANCELLED, err);
    if (rc < 0)
        return rc;
    struct fd_appointment_filter filter = {
        .from = first.start, .to = FD_TIME_MAX, .series_id = first.series_id};
    struct fd_appointment *series = NULL;
    size_t count = 0;
    rc = store_appointment_list(ops_store(ctx), &filter, &series, &count, err);
    plan->list = calloc(count ? count : 1, sizeof *plan->list);
    if (!plan->list) {
        free(series);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    for (size_t i = 0; rc == 0 && i < count; i++) {
        /* The one named must be cancellable; later ones that already have
         * an outcome keep it. */
        if (series[i].id != plan->id && series[i].status != APPOINTMENT_BOOKED)
            continue;
        rc = ops_cancel_within(ctx, series[i].id, &plan->cancellation, &plan->list[plan->count],
                               err);
        if (rc == 0)
            plan->count++;
    }
    free(series);
    return rc;
}

int ops_cancel(struct fd_context *ctx, int64_t appointment_id,
               const struct cancellation *cancellation, struct fd_appointment *out,
               struct fd_error *err)
{
    struct fd_appointment scratch = {0};
    struct cancel_plan plan = {.id = appointment_id,
                               .cancellation = {CANCELLED_BY_CLIENT, NULL},
                               .out = out ? out : &scratch};
    if (cancellation)
        plan.cancellation = *cancellation;
    return ops_run(ctx, cancel_step, &plan, err);
}

int ops_cancel_following(struct fd_context *ctx, int64_t appointment_id,
                         const struct cancellation *cancellation, struct fd_appointment **out,
                         size_t *count, struct fd_error *err)
{
    struct fd_appointment scratch = {0};
    struct cancel_plan plan = {.id = appointment_id,
                               .cancellation = {CANCELLED_BY_CLIENT, NULL},
                               .following = true,
                               .out = &scratch};
    if (cancellation)
        plan.cancellation = *cancellation;
    int rc = ops_run(ctx, cancel_step, &plan, err);
    if (rc < 0) {
        free(plan.list);
        plan.list = NULL;
        plan.count = 0;
    }
    *out = plan.list;
    *count = plan.count;
    return rc;
}

/* ---- arrived, completed, no-show ---- */

struct outcome_plan {
    int64_t id;
    enum appointment_status to;
    struct fd_appointment *out;
};

/* The clock's say: arrival only on the day, the others once it started. */
static int check_outcome_time(const struct fd_context *ctx, const struct fd_appointment *a,
                              enum appointment_status to, struct fd_error *err)
{
    char when[FD_DATETIME_LEN];
    datetime_format(a->start, when);
    if (to == APPOINTMENT_ARRIVED && time_day(ctx->now) != time_day(a->start))
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld is on %.10s; a client can only arrive on the day",
                       (long long)a->id, when);
    if (to == APPOINTMENT_COMPLETED && ctx->now < a->start)
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld starts at %s; it cannot be completed before it starts",
                       (long long)a->id, when);
    if (to == APPOINTMENT_NO_SHOW && ctx->now < a->start)
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld starts at %s; a no-show can only be recorded after the "
                       "start",
                       (long long)a->id, when);
    return 0;
}

static int outcome_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct outcome_plan *plan = arg;
    struct fd_appointment *a = plan->out;
    int rc = store_appointment_get(ops_store(ctx), plan->id, a, err);
    if (rc == 0)
        rc = state_check(MACHINE_APPOINTMENT, plan->id, (int)a->status, (int)plan->to, err);
    if (rc == 0)
        rc = check_outcome_time(ctx, a, plan->to, err);
    if (rc < 0)
        return rc;
    struct appointment_outcome outcome = {.status = plan->to, .at = ctx->now};
    if (plan->to == APPOINTMENT_NO_SHOW)
        outcome.fee_pence = config_fee_pence(&ctx->config.no_show_fee, a->price_pence);
    rc = store_appointment_set_outcome(ops_store(ctx), plan->id, &outcome, err);
    char fee[48] = "";
    if (outcome.fee_pence) {
        char amount[32];
        config_format_price(outcome.fee_pence, amount, sizeof amount);
        snprintf(fee, sizeof fee, " (fee %s)", amount);
    }
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", plan->id, err, "%s%s",
                       plan->to == APPOINTMENT_ARRIVED     ? "the client arrived"
                       : plan->to == APPOINTMENT_COMPLETED ? "completed"
                                                           : "no-show: the client did not come",
                       fee);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), plan->id, a, err);
    return rc;
}

int ops_record_outcome(struct fd_context *ctx, int64_t appointment_id,
                       enum appointment_status outcome, struct fd_appointment *out,
                       struct fd_error *err)
{
    if (outcome != APPOINTMENT_ARRIVED && outcome != APPOINTMENT_COMPLETED &&
        outcome != APPOINTMENT_NO_SHOW)
        return fd_fail(err, FD_ERR_SOFTWARE, "not an outcome: %s",
                       state_name(MACHINE_APPOINTMENT, (int)outcome));
    struct fd_appointment scratch = {0};
    struct outcome_plan plan = {appointment_id, outcome, out ? out : &scratch};
    return ops_run(ctx, outcome_step, &plan, err);
}

/* ---- fees ---- */

bool ops_fee_applies(const struct fd_appointment *a)
{
    return a->status == APPOINTMENT_NO_SHOW || (a->status == APPOINTMENT_CANCELLED && a->late);
}

struct fee_plan {
    int64_t id;
    const struct fee_change *change;
    const char *reason; /* trimmed */
    struct fd_appointment *out;
};

static int fee_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct fee_plan *plan = arg;
    struct fd_appointment *a = plan->out;
    int rc = store_appointment_get(ops_store(ctx), plan->id, a, err);
    if (rc < 0)
        return rc;
    if (!ops_fee_applies(a))
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld owes no fee: it is %s%s; only a no-show or a late "
                       "cancellation does",
                       (long long)plan->id, state_name(MACHINE_APPOINTMENT, (int)a->status),
                       a->status == APPOINTMENT_CANCELLED ? " in time" : "");
    int pence = plan->change->waive ? 0 : plan->change->pence;
    char was[32], now[32], note[FD_TEXT_SIZE];
    config_format_price(a->fee_pence, was, sizeof was);
    config_format_price(pence, now, sizeof now);
    if (plan->change->waive)
        snprintf(note, sizeof note, "waived (was %s): %s", was, plan->reason);
    else
        snprintf(note, sizeof note, "changed from %s to %s: %s", was, now, plan->reason);
    rc = store_appointment_set_fee(ops_store(ctx), plan->id, pence, note, err);
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", plan->id, err, "fee %s", note);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), plan->id, a, err);
    return rc;
}

int ops_fee_change(struct fd_context *ctx, int64_t appointment_id, const struct fee_change *change,
                   struct fd_appointment *out, struct fd_error *err)
{
    char reason[FD_TEXT_SIZE];
    text_copy_trimmed(reason, sizeof reason, change->reason);
    if (!reason[0])
        return fd_fail(err, FD_ERR_USAGE, "--reason: say why the fee is %s",
                       change->waive ? "waived" : "changed");
    if (!change->waive && change->pence < 0)
        return fd_fail(err, FD_ERR_USAGE, "--set: the fee cannot be negative");
    struct fd_appointment scratch = {0};
    struct fee_plan plan = {appointment_id, change, reason, out ? out : &scratch};
    return ops_run(ctx, fee_step, &plan, err);
}
