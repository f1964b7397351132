/*
 * Confirmations (SPEC §1 rule 8; see confirm.h): the queue of
 * appointments whose confirmation has not gone out, sending it through
 * the outbox (send.c does the sending), and marking one given by hand.
 */
#include "ops_internal.h"
#include <frontdesk/sort.h>

#include <frontdesk/confirm.h>
#include <frontdesk/message.h>
#include <frontdesk/program.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the queue -------------------------------------------------------- */

static int state_rank(enum confirmation_state confirmation)
{
    if (confirmation == CONFIRMATION_FAILED)
        return 0;
    return confirmation == CONFIRMATION_UNSENT ? 1 : 2;
}

/* Failed first (someone must act on them), then unsent, then sent; each
 * by start, then therapist, then id, so the order never wobbles. */
static int compare_queue(const void *left, const void *right)
{
    const struct fd_appointment *a = left, *b = right;
    int rank = state_rank(a->confirmation) - state_rank(b->confirmation);
    if (rank)
        return rank;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    int handle = strcmp(a->therapist, b->therapist);
    if (handle)
        return handle;
    return a->id < b->id ? -1 : a->id > b->id;
}

int ops_confirmations(struct fd_context *ctx, bool all, struct fd_appointment **out, size_t *count,
                      struct fd_error *err)
{
    struct fd_appointment_filter filter = {
        .from = ctx->now, .to = INT64_MAX, .confirmation_queue = !all};
    int rc = store_appointment_list(ops_store(ctx), &filter, out, count, err);
    if (rc < 0)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++)
        if ((*out)[i].status == APPOINTMENT_BOOKED)
            (*out)[kept++] = (*out)[i];
    *count = kept;
    fd_sort(*out, kept, sizeof **out, compare_queue);
    return 0;
}

/* ---- rendering and sending ------------------------------------------- */

int ops_confirmation_render(struct fd_context *ctx, const struct fd_appointment *appointment,
                            char **out, struct fd_error *err)
{
    struct fd_outbox_message m = {.kind = MESSAGE_KIND_CONFIRMATION,
                                  .client_id = appointment->client_id,
                                  .appointment_id = appointment->id};
    struct rendered_message rendered;
    *out = NULL;
    int rc = ops_message_render(ctx, &m, &rendered, err);
    if (rc == 0)
        *out = rendered.text;
    return rc;
}

/* The appointment's confirmation or change still to go, or a new
 * confirmation (sent again, even after one went). */
struct resend_plan {
    int64_t id;
    bool dry_run;
    struct fd_outbox_message *message;
};

static int resend_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct resend_plan *plan = arg;
    struct fd_appointment a;
    int rc = store_appointment_get(ops_store(ctx), plan->id, &a, err);
    if (rc == 0 && a.status != APPOINTMENT_BOOKED)
        rc = fd_fail(err, FD_ERR_RULE,
                     "appointment %lld is %s; only booked appointments are confirmed",
                     (long long)plan->id, state_name(MACHINE_APPOINTMENT, (int)a.status));
    if (rc == 0 && a.start < ctx->now) {
        char when[FD_DATETIME_LEN];
        datetime_format(a.start, when);
        rc = fd_fail(err, FD_ERR_RULE, "appointment %lld was at %s, in the past",
                     (long long)plan->id, when);
    }
    struct fd_outbox_message *pending = NULL;
    size_t count = 0;
    struct outbox_filter filter = {.unsent_only = true, .kind = -1, .appointment_id = a.id};
    if (rc == 0)
        rc = store_outbox_list(ops_store(ctx), &filter, &pending, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        int kind = pending[i].kind;
        if ((kind == MESSAGE_KIND_CONFIRMATION || kind == MESSAGE_KIND_CHANGE) &&
            pending[i].state != OUTBOX_SENDING) {
            *plan->message = pending[i];
            free(pending);
            return 0;
        }
    }
    free(pending);
    if (rc < 0)
        return rc;
    struct fd_outbox_message *m = plan->message;
    memset(m, 0, sizeof *m);
    m->kind = MESSAGE_KIND_CONFIRMATION;
    m->client_id = a.client_id;
    m->appointment_id = a.id;
    m->state = OUTBOX_QUEUED;
    if (plan->dry_run)
        return 0; /* shown, not queued */
    rc = ops_queue_message(ctx, m, err);
    return rc < 0 ? rc : store_outbox_get(ops_store(ctx), m->id, m, err);
}

int ops_confirm_send(struct fd_context *ctx, int64_t id, const struct send_options *options,
                     struct send_report *report, struct fd_error *err)
{
    memset(report, 0, sizeof *report);
    bool dry_run = options && options->dry_run;
    int rc;
    if (id == 0) {
        struct send_selection selection = {.kinds = KIND_BIT(MESSAGE_KIND_CONFIRMATION) |
                                                    KIND_BIT(MESSAGE_KIND_CHANGE)};
        rc = ops_send(ctx, &selection, options, report, err);
    } else {
        struct fd_outbox_message m;
        struct resend_plan plan = {id, dry_run, &m};
        rc = dry_run ? store_begin_read(ops_store(ctx), err) : 0;
        if (dry_run) {
            if (rc == 0)
                rc = resend_step(ctx, &plan, err);
            store_rollback(ops_store(ctx));
        } else {
            rc = ops_run_final(ctx, resend_step, &plan, err);
        }
        if (rc == 0)
            rc = ops_send_messages(ctx, &m, 1, options, report, err);
    }
    /* Said about confirmations, as the desk asked about them. */
    if (rc != -FD_ERR_RULE || report->failed == 0)
        return rc;
    if (id != 0)
        return report->items[0].outcome == SEND_UNSENDABLE
                   ? fd_fail(err, FD_ERR_RULE, "appointment %lld: %s", (long long)id,
                             report->items[0].error)
                   : fd_fail(err, FD_ERR_RULE, "confirmation of appointment %lld failed: %s",
                             (long long)id, report->items[0].error);
    return fd_fail(err, FD_ERR_RULE, "%zu of %zu confirmations %s; they stay in the queue",
                   report->failed, report->count, dry_run ? "cannot be sent" : "were not sent");
}

/* ---- by hand ---------------------------------------------------------- */

struct mark_plan {
    int64_t id;
    const char *via;
    struct fd_appointment *out;
};

static int mark_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct mark_plan *plan = arg;
    int rc = store_appointment_get(ops_store(ctx), plan->id, plan->out, err);
    if (rc < 0)
        return rc;
    const struct fd_appointment *a = plan->out;
    if (a->status != APPOINTMENT_BOOKED)
        return fd_fail(err, FD_ERR_RULE,
                       "appointment %lld is %s; only booked appointments are confirmed",
                       (long long)plan->id, state_name(MACHINE_APPOINTMENT, (int)a->status));
    /* Told by hand: what was still to go about it goes no more. */
    rc = ops_void_messages(
        ctx, a->id, KIND_BIT(MESSAGE_KIND_CONFIRMATION) | KIND_BIT(MESSAGE_KIND_CHANGE), err);
    if (rc == 0)
        rc = state_check(MACHINE_CONFIRMATION, a->id, (int)a->confirmation, CONFIRMATION_SENT, err);
    if (rc == 0)
        rc = store_appointment_set_confirmation(ops_store(ctx), a->id, CONFIRMATION_SENT, ctx->now,
                                                plan->via, NULL, err);
    if (rc == 0 && a->request_id)
        rc = store_request_answer_sent(ops_store(ctx), a->request_id, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", a->id, err, "confirmation given %s%s",
                       strcmp(plan->via, "phone") == 0 ? "by " : "", plan->via);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), plan->id, plan->out, err);
    return rc;
}

int ops_confirm_mark_sent(struct fd_context *ctx, int64_t id, const char *via,
                          struct fd_appointment *out, struct fd_error *err)
{
    if (!via)
        via = "phone";
    if (strcmp(via, "phone") != 0 && strcmp(via, "in-person") != 0)
        return fd_fail(err, FD_ERR_USAGE, "--by: \"%s\" is not phone or in-person", via);
    struct fd_appointment scratch = {0};
    struct mark_plan plan = {id, via, out ? out : &scratch};
    return ops_run(ctx, mark_step, &plan, err);
}
