/*
 * The desk's worklist: everything someone at the desk must act on, in one
 * place, so that nothing a rota change or an unreadable form left behind
 * waits unseen.  Read-only: it lists, it never changes anything.
 */
#ifndef FRONTDESK_ATTENTION_H
#define FRONTDESK_ATTENTION_H

#include <frontdesk/ops.h>

#include <stddef.h>

struct attention {
    /* Bookings still to come that no shift of their therapist holds (time
     * off or a rota change kept them), each with the client's phone and
     * email to ring or write. */
    struct fd_appointment *outside_rota;
    size_t outside_rota_count;
    /* Past appointments still without an outcome (arrived, completed,
     * no-show, cancelled): those of earlier days, and today's once close
     * of business has passed.  Nothing is ever marked for the desk. */
    struct fd_appointment *no_outcome;
    size_t no_outcome_count;
    /* Messages owed to clients the clinic has no way to reach (no valid
     * email address, no mobile number or no texts set up): ring them, or
     * add an address. */
    struct fd_outbox_message *unreachable;
    size_t unreachable_count;
    /* Pending requests whose preferred times could not be read. */
    struct fd_request *prefer_not_understood;
    size_t prefer_not_understood_count;
};

int ops_attention(struct fd_context *ctx, struct attention *out, struct fd_error *err);
void attention_free(struct attention *attention);
/* How many things the list holds. */
size_t attention_count(const struct attention *attention);

#endif
