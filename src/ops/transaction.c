/*
 * One operation, one transaction; the audit line every change writes; and
 * the record of each change that lets its desk undo it (undo.c).
 *
 * ops_run journals the rows the change touches (store_journal_*) and, if
 * it wrote to the audit log, keeps an undo record naming the desk, the
 * moment and the change's first audit line.  ops_run_final runs changes
 * that are never undone: sending a message (it cannot be unsent), planning
 * reminders, the demo, and an undo itself.
 */
#include "ops_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Undo records are kept a day, or undo_minutes when that is longer. */
static fd_time undo_horizon(const struct fd_context *ctx)
{
    fd_time keep = ctx->config.undo_minutes > FD_MINUTES_PER_DAY ? ctx->config.undo_minutes
                                                                 : FD_MINUTES_PER_DAY;
    return ctx->now - keep;
}

static int keep_undo(struct fd_context *ctx, struct fd_error *err)
{
    char *journal = NULL;
    int64_t audit_first = 0, audit_last = 0;
    int rc = store_journal_end(ops_store(ctx), &journal, &audit_first, &audit_last, err);
    /* A change the audit log does not show (nothing the desk did) is
     * nothing to undo. */
    if (rc == 0 && journal && audit_first) {
        struct fd_undo undo = {.at = ctx->now, .audit_from = audit_first, .audit_to = audit_last};
        snprintf(undo.who, sizeof undo.who, "%s", ctx->who);
        snprintf(undo.kind, sizeof undo.kind, "change");
        struct fd_audit_entry first;
        rc = store_audit_naming(ops_store(ctx), audit_first, audit_last, &first, err);
        if (rc == 0) {
            if (first.entity_id)
                snprintf(undo.summary, sizeof undo.summary, "%.20s %lld: %.400s", first.entity,
                         (long long)first.entity_id, first.what);
            else
                snprintf(undo.summary, sizeof undo.summary, "%.400s", first.what);
            rc = store_undo_insert(ops_store(ctx), &undo, journal, err);
        }
        if (rc == 0)
            rc = store_undo_prune(ops_store(ctx), undo_horizon(ctx), err);
    }
    free(journal);
    return rc;
}

static int run(struct fd_context *ctx, ops_step step, void *arg, bool undoable,
               struct fd_error *err)
{
    int rc = store_begin(ops_store(ctx), ctx->waiting, ctx->waiting_data, err);
    if (rc < 0)
        return rc;
    if (undoable)
        store_journal_begin(ops_store(ctx));
    rc = step(ctx, arg, err);
    if (rc == 0 && undoable)
        rc = keep_undo(ctx, err);
    if (rc < 0) {
        store_journal_stop(ops_store(ctx));
        store_rollback(ops_store(ctx));
        return rc;
    }
    return store_commit(ops_store(ctx), err);
}

int ops_run(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err)
{
    return run(ctx, step, arg, true, err);
}

int ops_run_final(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err)
{
    return run(ctx, step, arg, false, err);
}

int ops_audit(struct fd_context *ctx, const char *entity, int64_t id, struct fd_error *err,
              const char *fmt, ...)
{
    char what[FD_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return store_audit(ops_store(ctx), ctx->now, ctx->who, what, entity, id, err);
}
