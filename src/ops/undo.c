/*
 * Undo: the latest change made at this desk, within undo_minutes, put
 * back as it was (SPEC §6, the appointment's life).
 *
 * Every change run through ops_run left a journal (store journal.c): each
 * row it touched as it was before, and a fingerprint of each as it left
 * it.  An undo first checks that every one of those rows still has that
 * fingerprint — otherwise something changed since (another desk booked
 * the freed slot, the client was moved again), and the undo is refused,
 * naming that change from the audit log.  Then, in one transaction, the
 * rows are put back, newest first; the schema's own rules still hold (a
 * time taken meanwhile refuses it).
 *
 * What was said to a client stays said.  A message the change queued and
 * that has since gone out is kept, and a correction is queued for the
 * client instead of pretending it never happened; a booking the client
 * was already told of is cancelled rather than erased.
 */
#include "ops_internal.h"

#include <frontdesk/message.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The audit log's name for a table's records. */
static const char *audit_entity(enum journal_table table)
{
    switch (table) {
    case JOURNAL_OUTBOX:
        return "outbox";
    case JOURNAL_SHIFT_RULE:
        return "shift_rule";
    default:
        return store_journal_table_name(table);
    }
}

struct undo_plan {
    struct undo_result *out;
    struct fd_undo undo;
    char *data;
    struct journal_rows *rows;
    size_t count;
    /* Messages the change queued that went out since: kept, corrected. */
    int64_t *went; /* outbox ids */
    size_t went_count;
};

static bool went_out(const struct undo_plan *plan, int64_t outbox_id)
{
    for (size_t i = 0; i < plan->went_count; i++)
        if (plan->went[i] == outbox_id)
            return true;
    return false;
}

/* "something has changed since": the first later audit line about the
 * record, when there is one. */
static int refuse_changed(struct fd_context *ctx, const struct undo_plan *plan,
                          const struct journal_row *row, struct fd_error *err)
{
    struct fd_audit_entry since;
    const char *entity = audit_entity(row->table);
    int found =
        store_audit_since(ops_store(ctx), entity, row->id, plan->undo.audit_to, &since, err);
    if (found < 0)
        return found;
    if (found == 0) {
        char when[FD_DATETIME_LEN];
        datetime_format(since.at, when);
        return fd_fail(err, FD_ERR_RULE,
                       "cannot undo \"%.200s\": %s %lld has changed since (%s, %s: %.160s); "
                       "nothing was undone",
                       plan->undo.summary, entity, (long long)row->id, since.who, when, since.what);
    }
    return fd_fail(err, FD_ERR_RULE,
                   "cannot undo \"%.200s\": %s %lld has changed since; nothing was undone",
                   plan->undo.summary, entity, (long long)row->id);
}

/* Every row as the change left it, except messages that have gone out. */
static int check_rows(struct fd_context *ctx, struct undo_plan *plan, struct fd_error *err)
{
    plan->went = calloc(plan->count ? plan->count : 1, sizeof *plan->went);
    if (!plan->went)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; i < plan->count; i++) {
        struct journal_row row;
        if (store_journal_row(plan->rows, i, &row) < 0)
            return fd_fail(err, FD_ERR_DATA, "the undo record cannot be read");
        uint64_t hash;
        bool exists;
        int rc = store_row_fingerprint(ops_store(ctx), row.table, row.id, &hash, &exists, err);
        if (rc < 0)
            return rc;
        if (exists != !row.gone_after || (exists && hash != row.after_hash)) {
            if (row.table == JOURNAL_OUTBOX && exists) {
                struct fd_outbox_message m;
                rc = store_outbox_get(ops_store(ctx), row.id, &m, err);
                if (rc < 0)
                    return rc;
                if (m.state == OUTBOX_SENT) {
                    plan->went[plan->went_count++] = m.id;
                    continue;
                }
                if (m.state == OUTBOX_SENDING)
                    return fd_fail(err, FD_ERR_RULE,
                                   "cannot undo yet: a message about it is being sent right "
                                   "now; try again in a minute");
            }
            return refuse_changed(ctx, plan, &row, err);
        }
    }
    return 0;
}

/* The correction the client is owed for a message that went. */
static int correct(struct fd_context *ctx, const struct undo_plan *plan, int64_t outbox_id,
                   struct fd_error *err)
{
    struct fd_outbox_message sent;
    int rc = store_outbox_get(ops_store(ctx), outbox_id, &sent, err);
    if (rc < 0)
        return rc;
    struct fd_outbox_message m = {.kind = MESSAGE_KIND_CORRECTION,
                                  .client_id = sent.client_id,
                                  .appointment_id = sent.appointment_id,
                                  .request_id = sent.request_id,
                                  .waitlist_id = sent.waitlist_id};
    /* What stands now, in words: the correction's template carries no
     * details of its own, so it reads right whatever it corrects. */
    char what[FD_TEXT_SIZE];
    snprintf(what, sizeof what, "Please disregard it: %s",
             sent.kind == OUTBOX_KIND_WELCOME ? "you are not on that list."
                                              : "nothing has changed for you.");
    if (sent.appointment_id) {
        struct fd_appointment a;
        rc = store_appointment_get(ops_store(ctx), sent.appointment_id, &a, err);
        if (rc < 0)
            return rc;
        char date[MESSAGE_LONG_DATE_SIZE], time[FD_HM_LEN];
        message_long_date(time_day(a.start), date);
        time_format_hm(time_minute(a.start), time);
        if (a.status == APPOINTMENT_CANCELLED)
            snprintf(what, sizeof what,
                     "The appointment on %s at %s (%s) was booked by mistake and is cancelled.",
                     date, time, a.service);
        else
            snprintf(what, sizeof what,
                     "Your appointment stands as it was: %s with %s on %s at %s, at %s.", a.service,
                     a.therapist_name, date, time, a.clinic);
    } else if (sent.request_id) {
        snprintf(what, sizeof what, "Please disregard it: we are still finding a time for you.");
    }
    text_copy(m.details, sizeof m.details, what);
    rc = ops_queue_message(ctx, &m, err);
    if (rc == 0)
        rc = ops_audit(ctx, "outbox", m.id, err,
                       "correction queued: the %s to %s had gone out before undo #%lld",
                       ops_message_kind_name(sent.kind), sent.client, (long long)plan->undo.id);
    return rc;
}

/* Whether a message that went out is about the row: an appointment the
 * client was told of is then cancelled (by the clinic, booked by
 * mistake), a sign-up whose welcome went is ended, rather than erased. */
static bool told_of(const struct undo_plan *plan, struct fd_context *ctx,
                    const struct journal_row *row)
{
    for (size_t i = 0; i < plan->went_count; i++) {
        struct fd_outbox_message m;
        struct fd_error ignored;
        if (store_outbox_get(ops_store(ctx), plan->went[i], &m, &ignored) != 0)
            continue;
        if ((row->table == JOURNAL_APPOINTMENT && m.appointment_id == row->id) ||
            (row->table == JOURNAL_SUBSCRIPTION && m.subscription_id == row->id))
            return true;
    }
    return false;
}

static int put_back(struct fd_context *ctx, struct undo_plan *plan, struct fd_error *err)
{
    for (size_t k = plan->count; k-- > 0;) {
        struct journal_row row;
        store_journal_row(plan->rows, k, &row);
        if (row.table == JOURNAL_OUTBOX && went_out(plan, row.id))
            continue; /* what went out stays as it went */
        if (row.added && row.table == JOURNAL_APPOINTMENT && told_of(plan, ctx, &row)) {
            struct appointment_outcome outcome = {.status = APPOINTMENT_CANCELLED,
                                                  .at = ctx->now,
                                                  .by = CANCELLED_BY_CLINIC,
                                                  .reason = "booked by mistake (undone)"};
            int rc = store_appointment_set_outcome(ops_store(ctx), row.id, &outcome, err);
            if (rc < 0)
                return rc;
            continue;
        }
        if (row.added && row.table == JOURNAL_SUBSCRIPTION && told_of(plan, ctx, &row)) {
            int rc = store_subscription_end(ops_store(ctx), row.id, ctx->now, err);
            if (rc < 0)
                return rc;
            continue;
        }
        struct fd_error why = {0};
        int rc = store_row_restore(ops_store(ctx), &row, &why);
        if (rc == 0)
            continue;
        if (row.added && row.table == JOURNAL_CLIENT && store_failed_on_reference(ops_store(ctx)))
            continue; /* a client someone else's record needs since stays */
        if (store_slot_was_taken(ops_store(ctx)))
            return fd_fail(err, FD_ERR_RULE,
                           "cannot undo \"%.200s\": that time has been booked since; nothing was "
                           "undone",
                           plan->undo.summary);
        if (store_failed_on_reference(ops_store(ctx)))
            return fd_fail(err, FD_ERR_RULE,
                           "cannot undo \"%.200s\": %s %lld has been used since (a note, a "
                           "message or a booking refers to it); nothing was undone",
                           plan->undo.summary, audit_entity(row.table), (long long)row.id);
        *err = why;
        return rc;
    }
    return 0;
}

static int undo_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct undo_plan *plan = arg;
    int found = store_undo_latest(ops_store(ctx), ctx->who, &plan->undo, &plan->data, err);
    if (found < 0)
        return found;
    if (found == 1)
        return fd_fail(err, FD_ERR_RULE,
                       "nothing to undo: no change made at this desk (\"%s\") can be undone",
                       ctx->who);
    char when[FD_DATETIME_LEN];
    datetime_format(plan->undo.at, when);
    if (plan->undo.at < ctx->now - ctx->config.undo_minutes)
        return fd_fail(err, FD_ERR_RULE,
                       "nothing to undo: the last change at this desk (%.200s, %s) is more than "
                       "%d minutes old (undo_minutes)",
                       plan->undo.summary, when, ctx->config.undo_minutes);
    int rc = store_journal_open(plan->data, &plan->rows, &plan->count, err);
    if (rc == -FD_ERR_RULE) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        return fd_fail(err, FD_ERR_RULE, "cannot undo \"%.200s\": %.200s; nothing was undone",
                       plan->undo.summary, why);
    }
    if (rc == 0)
        rc = check_rows(ctx, plan, err);
    /* States may move back only while this undo applies. */
    if (rc == 0)
        rc = store_undo_applying(ops_store(ctx), plan->undo.id, true, 0, err);
    if (rc == 0)
        rc = put_back(ctx, plan, err);
    for (size_t i = 0; rc == 0 && i < plan->went_count; i++)
        rc = correct(ctx, plan, plan->went[i], err);
    if (rc == 0)
        rc = store_undo_applying(ops_store(ctx), plan->undo.id, false, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "undo", plan->undo.id, err, "undid: %.400s", plan->undo.summary);
    if (rc == 0) {
        plan->out->undone = plan->undo;
        plan->out->corrections = plan->went_count;
    }
    return rc;
}

int ops_undo(struct fd_context *ctx, struct undo_result *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    if (ctx->config.undo_minutes <= 0)
        return fd_fail(err, FD_ERR_RULE, "undo is turned off (undo_minutes is 0 in the config)");
    struct undo_plan plan = {.out = out};
    int rc = ops_run_final(ctx, undo_step, &plan, err);
    store_journal_close(plan.rows);
    free(plan.data);
    free(plan.went);
    return rc;
}
