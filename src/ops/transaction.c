/* One operation, one transaction; and the audit line every change writes. */
#include "ops_internal.h"

#include <stdarg.h>
#include <stdio.h>

int ops_run(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err)
{
    int rc = store_begin(ops_store(ctx), ctx->waiting, ctx->waiting_data, err);
    if (rc < 0)
        return rc;
    rc = step(ctx, arg, err);
    if (rc < 0) {
        store_rollback(ops_store(ctx));
        return rc;
    }
    return store_commit(ops_store(ctx), err);
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
