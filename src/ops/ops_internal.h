/* What the operation files share: the session behind a context (the open
 * store), running one step as one transaction, and the audit line. */
#ifndef FRONTDESK_OPS_INTERNAL_H
#define FRONTDESK_OPS_INTERNAL_H

#include <frontdesk/ops.h>
#include <frontdesk/store.h>

struct fd_session {
    struct fd_store *store;
};

/* The store of an open context. */
static inline struct fd_store *ops_store(const struct fd_context *ctx)
{
    return ctx->session->store;
}

typedef int (*ops_step)(struct fd_context *ctx, void *arg, struct fd_error *err);

/* Takes the write lock, runs step, commits; any failure rolls everything
 * back, so an operation happens wholly or not at all. */
int ops_run(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err);

/* Stores a checked request, tied to its client (created when new);
 * *inserted (may be NULL) is false when its import key was there. */
int ops_store_request(struct fd_context *ctx, struct fd_request *request, bool *inserted,
                      struct fd_error *err);

/* Audits with a formatted description. */
int ops_audit(struct fd_context *ctx, const char *entity, int64_t id, struct fd_error *err,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
