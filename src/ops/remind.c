/*
 * Reminders (outbox.h): one message before each appointment, due at
 * reminder_time on the working day reminder_working_days working days
 * before it (working days as the reply promise counts them: the clinic's
 * weekdays less bank holidays and closures).
 *
 * Nothing plans a reminder when the appointment is booked: `remind` finds
 * the appointments whose reminder moment has come, plans each one (a row
 * of the outbox that a unique index keeps to one per appointment and
 * start, so two runs at once plan it once) and sends them.  A reminder is
 * not sent when its moment had already passed when the appointment was
 * booked or last moved, nor to a client who opted out; a cancellation
 * voids one still to go, and a move makes a new one due for the new start.
 */
#include "ops_internal.h"

#include <stdlib.h>
#include <string.h>

/* The reminder moment of appointments on `day`. */
static fd_time reminder_moment(const struct fd_context *ctx, fd_day day)
{
    int wanted = ctx->config.reminder_working_days;
    fd_day d = day;
    for (int found = 0; found < wanted && d > day - 400;) {
        d--;
        if (calendar_is_working_day(&ctx->config.calendar, d))
            found++;
    }
    return time_make(d, ctx->config.reminder_time);
}

fd_time ops_reminder_due(const struct fd_context *ctx, fd_time start)
{
    fd_time due = reminder_moment(ctx, time_day(start));
    return due < start ? due : 0;
}

/* The appointments whose reminder moment has come: those starting from
 * now up to the end of the last day whose moment is past. */
static fd_time window_end(const struct fd_context *ctx)
{
    fd_day today = time_day(ctx->now), last = today - 1;
    while (last < today + 400 && reminder_moment(ctx, last + 1) <= ctx->now)
        last++;
    return time_make(last + 1, 0);
}

struct plan {
    bool dry_run;
    /* Dry run: what would be planned, not stored. */
    struct fd_outbox_message *would;
    size_t would_count;
};

static int plan_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct plan *plan = arg;
    struct reminder_candidate *candidates = NULL;
    size_t count = 0;
    int rc = store_reminder_candidates(ops_store(ctx), ctx->now, window_end(ctx), &candidates,
                                       &count, err);
    if (rc == 0 && plan->dry_run && count) {
        plan->would = calloc(count, sizeof *plan->would);
        if (!plan->would) {
            free(candidates);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
    }
    for (size_t i = 0; rc == 0 && i < count; i++) {
        const struct reminder_candidate *c = &candidates[i];
        fd_time due = ops_reminder_due(ctx, c->start);
        /* Its moment must have come, and must not have passed already
         * when it was booked or moved. */
        if (!due || due > ctx->now || due <= c->scheduled_at)
            continue;
        struct fd_outbox_message m = {.kind = MESSAGE_KIND_REMINDER,
                                      .client_id = c->client_id,
                                      .appointment_id = c->appointment_id,
                                      .for_start = c->start,
                                      .state = OUTBOX_QUEUED,
                                      .due = ctx->now,
                                      .created = ctx->now};
        ops_assign_reply_code(ctx, &m); /* shown in a dry run as it would go */
        if (plan->dry_run && plan->would) {
            plan->would[plan->would_count++] = m;
            continue;
        }
        bool inserted = false;
        rc = store_outbox_insert_reminder(ops_store(ctx), &m, &inserted, err);
        if (rc == 0 && inserted)
            rc = ops_audit(ctx, "outbox", m.id, err, "reminder planned for appointment %lld",
                           (long long)c->appointment_id);
    }
    free(candidates);
    return rc;
}

int ops_reminders_due(struct fd_context *ctx, size_t *count, struct fd_error *err)
{
    struct plan plan = {.dry_run = true};
    *count = 0;
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc == 0)
        rc = plan_step(ctx, &plan, err);
    store_rollback(ops_store(ctx));
    *count = plan.would_count;
    free(plan.would);
    return rc;
}

int ops_remind(struct fd_context *ctx, const struct send_options *options,
               struct send_report *report, struct fd_error *err)
{
    memset(report, 0, sizeof *report);
    struct plan plan = {.dry_run = options && options->dry_run};
    int rc = plan.dry_run ? store_begin_read(ops_store(ctx), err) : 0;
    if (plan.dry_run) {
        if (rc == 0)
            rc = plan_step(ctx, &plan, err);
        store_rollback(ops_store(ctx));
    } else {
        rc = ops_run_final(ctx, plan_step, &plan, err);
    }
    /* Everything planned and still to go, whoever planned it. */
    struct fd_outbox_message *due = NULL;
    size_t count = 0;
    struct outbox_filter filter = {
        .unsent_only = true, .due_by = ctx->now, .kind = MESSAGE_KIND_REMINDER};
    if (rc == 0)
        rc = store_outbox_list(ops_store(ctx), &filter, &due, &count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < count; i++)
        if (due[i].state != OUTBOX_SENDING)
            due[kept++] = due[i];
    if (rc == 0 && plan.would_count) {
        struct fd_outbox_message *all = realloc(due, (kept + plan.would_count) * sizeof *all);
        if (!all) {
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        } else {
            due = all;
            memcpy(due + kept, plan.would, plan.would_count * sizeof *due);
            kept += plan.would_count;
        }
    }
    if (rc == 0)
        rc = ops_send_messages(ctx, due, kept, options, report, err);
    free(due);
    free(plan.would);
    return rc;
}
