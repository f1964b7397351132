/*
 * Moving an appointment to another time, therapist or clinic: "can I move
 * Thursday to Friday?".  One transaction that keeps the appointment's id,
 * client, request, notes and history, and re-checks everything a booking
 * checks (slot_check.c) as if the appointment's own time were free; the
 * schema's overlap guard has the last word, so a desk that took the time
 * a moment earlier wins and this move is refused with the nearest free
 * times instead.  The client hears once about the new time: a change
 * message replaces whatever was still to go about it.
 */
#include "ops_internal.h"

#include <frontdesk/offer.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct move_plan {
    const struct move *in;
    struct slot_plan slot;
    struct fd_appointment *before;
    struct fd_appointment *after;
};

static void describe(const struct fd_appointment *a, const char *therapist, const char *clinic,
                     char *out, size_t size)
{
    char when[FD_DATETIME_LEN];
    datetime_format(a->start, when);
    snprintf(out, size, "%s with %s at %s", when, therapist, clinic);
}

/* The time the client last heard of (0: none): that of a change still to
 * go, or the appointment's own when its confirmation went out. */
static int told_of(struct fd_context *ctx, const struct fd_appointment *a, fd_time *told,
                   struct fd_error *err)
{
    *told = 0;
    struct fd_outbox_message *pending = NULL;
    size_t count = 0;
    struct outbox_filter filter = {
        .unsent_only = true, .kind = MESSAGE_KIND_CHANGE, .appointment_id = a->id};
    int rc = store_outbox_list(ops_store(ctx), &filter, &pending, &count, err);
    for (size_t i = 0; rc == 0 && i < count && !*told; i++)
        if (pending[i].state != OUTBOX_SENDING)
            *told = pending[i].old_start;
    free(pending);
    if (rc == 0 && !*told && a->confirmation == CONFIRMATION_SENT)
        *told = a->start;
    return rc;
}

static int check_movable(const struct fd_appointment *a, struct fd_error *err)
{
    if (a->status == APPOINTMENT_BOOKED)
        return 0;
    return fd_fail(err, FD_ERR_RULE, "appointment %lld is %s; only a booked appointment can move",
                   (long long)a->id, state_name(MACHINE_APPOINTMENT, (int)a->status));
}

static int move_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct move_plan *plan = arg;
    const struct move *in = plan->in;
    /* Read again under the lock: another desk may have moved or cancelled
     * it since. */
    int rc = store_appointment_get(ops_store(ctx), in->appointment_id, plan->before, err);
    if (rc == 0)
        rc = check_movable(plan->before, err);
    if (rc == 0)
        rc = ops_slot_check(ctx, &plan->slot, in->start, in->clinic, err);
    if (rc < 0)
        return rc;
    struct fd_appointment moved = *plan->before;
    moved.therapist_id = plan->slot.therapist.id;
    moved.clinic_id = plan->slot.clinic->id;
    moved.room = plan->slot.room;
    moved.start = plan->slot.start;
    moved.end = plan->slot.end;
    moved.minutes = plan->slot.service->minutes;
    moved.buffer = plan->slot.service->buffer;
    moved.forced = in->force;
    moved.scheduled_at = ctx->now;
    rc = store_appointment_move(ops_store(ctx), &moved, err);
    if (rc < 0) {
        if (store_slot_was_taken(ops_store(ctx)))
            plan->slot.about_time = true;
        return rc;
    }
    /* The client hears once about the new time.  What was still to go is
     * voided (a reminder too: remind plans one for the new start); a
     * client who had heard of a time is sent a change from the time they
     * heard of, one who had not a confirmation of the new one. */
    fd_time told = 0;
    rc = told_of(ctx, plan->before, &told, err);
    if (rc == 0)
        rc = ops_void_messages(ctx, moved.id, KINDS_ABOUT_BOOKING, err);
    struct fd_outbox_message message = {.kind =
                                            told ? MESSAGE_KIND_CHANGE : MESSAGE_KIND_CONFIRMATION,
                                        .client_id = moved.client_id,
                                        .appointment_id = moved.id,
                                        .request_id = told ? 0 : moved.request_id,
                                        .old_start = told};
    if (rc == 0)
        rc = ops_queue_message(ctx, &message, err);
    /* An offer holds only inside its window: moved out of it, the
     * appointment is back at its list price (an offer the config no longer
     * has keeps the price it gave). */
    const struct fd_offer *offer =
        moved.offer[0] ? config_find_offer(&ctx->config, moved.offer) : NULL;
    if (rc == 0 && offer &&
        (time_day(moved.start) < offer->from || time_day(moved.start) > offer->to)) {
        struct fd_appointment price = {.price_pence = moved.list_price_pence};
        rc = store_appointment_set_price(ops_store(ctx), moved.id, &price, err);
        if (rc == 0)
            rc = ops_audit(ctx, "appointment", moved.id, err,
                           "the offer %s no longer applies on the new day", moved.offer);
    }
    char from[320], to[320];
    describe(plan->before, plan->before->therapist, plan->before->clinic, from, sizeof from);
    describe(&moved, plan->slot.therapist.handle, plan->slot.clinic->name, to, sizeof to);
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", moved.id, err, "moved from %s to %s%s", from, to,
                       in->force ? " (rota check overridden with --force)" : "");
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), moved.id, plan->after, err);
    return rc;
}

int ops_move(struct fd_context *ctx, const struct move *move, struct fd_appointment *before,
             struct fd_appointment *after, struct booking_refusal *refusal, struct fd_error *err)
{
    if (refusal)
        memset(refusal, 0, sizeof *refusal);
    struct fd_appointment scratch_before = {0}, scratch_after = {0};
    struct move_plan plan = {.in = move,
                             .before = before ? before : &scratch_before,
                             .after = after ? after : &scratch_after};
    int rc = store_appointment_get(ops_store(ctx), move->appointment_id, plan.before, err);
    if (rc == 0)
        rc = check_movable(plan.before, err);
    if (rc < 0)
        return rc;
    plan.slot.service = config_find_service(&ctx->config, plan.before->service);
    if (!plan.slot.service)
        return fd_fail(err, FD_ERR_CONFIG,
                       "the service \"%s\" is no longer in the config; cancel and book anew",
                       plan.before->service);
    plan.slot.force = move->force;
    plan.slot.except_id = move->appointment_id;
    plan.slot.named = move->clinic;
    plan.slot.clinic = move->clinic;
    rc = ops_slot_prepare(ctx, &plan.slot,
                          move->therapist_id ? move->therapist_id : plan.before->therapist_id, err);
    if (rc < 0)
        return rc;
    if (move->start == plan.before->start && plan.slot.therapist.id == plan.before->therapist_id &&
        (!move->clinic || move->clinic->id == plan.before->clinic_id))
        return fd_fail(err, FD_ERR_USAGE,
                       "appointment %lld is already then with %s; give another --at, "
                       "--therapist or --clinic",
                       (long long)move->appointment_id, plan.before->therapist);
    rc = ops_slot_check_time(ctx, &plan.slot, move->start, err);
    if (rc == 0)
        rc = ops_run(ctx, move_step, &plan, err);
    if (rc < 0) {
        plan.slot.start = move->start;
        ops_slot_refused(ctx, &plan.slot, refusal);
    }
    return rc;
}
