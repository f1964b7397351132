/* What the operation files share: the session behind a context (the open
 * store), running one step as one transaction, and the audit line. */
#ifndef FRONTDESK_OPS_INTERNAL_H
#define FRONTDESK_OPS_INTERNAL_H

#include <frontdesk/ops.h>
#include <frontdesk/outbox.h>
#include <frontdesk/store.h>

#include <stdio.h>

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
 * back, so an operation happens wholly or not at all.  The change is kept
 * for its desk to undo (transaction.c). */
int ops_run(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err);
/* The same for a change that is never undone (a message sent, an undo). */
int ops_run_final(struct fd_context *ctx, ops_step step, void *arg, struct fd_error *err);

/* Stores a checked request, tied to its client (created when new);
 * *inserted (may be NULL) is false when its import key was there. */
int ops_store_request(struct fd_context *ctx, struct fd_request *request, bool *inserted,
                      struct fd_error *err);

/* Sets outside_rota on each appointment (all of one therapist, or of
 * anyone with therapist_id 0) that holds its slot but lies in no shift of
 * its therapist at its clinic (outside_rota.c). */
int ops_mark_outside_rota(struct fd_context *ctx, int64_t therapist_id, struct fd_appointment *list,
                          size_t count, struct fd_error *err);

/* The bookings a rota change must not strand: those still to come (from
 * from_day on) that a shift of the therapist holds before the change. */
struct strand_check {
    int64_t therapist_id;
    struct fd_appointment *list;
    size_t count;
};
int ops_strand_before(struct fd_context *ctx, int64_t therapist_id, fd_day from_day,
                      struct strand_check *check, struct fd_error *err);
/* After the change, inside its transaction: refuses it (-FD_ERR_RULE,
 * listing them) when bookings fell outside the shifts, unless
 * change->keep_bookings, which keeps them in change->stranded and audits
 * it.  change_text describes the change ("time off from …"). */
int ops_strand_after(struct fd_context *ctx, struct strand_check *check, const char *change_text,
                     struct rota_change *change, struct fd_error *err);
void ops_strand_free(struct strand_check *check);

/* A time an appointment is to take, and what the checks found
 * (slot_check.c). */
struct slot_plan {
    const struct fd_service *service;
    struct fd_therapist therapist;
    bool force;        /* outside the rota */
    int64_t except_id; /* the appointment being moved: its own time is free */
    /* Set by ops_slot_check(): */
    const struct fd_clinic *named;  /* the clinic asked for, or NULL */
    const struct fd_clinic *clinic; /* the clinic it will be at */
    fd_time start, end, until;      /* until: end plus the buffer */
    int room;
    bool about_time; /* refused for the time itself: others may do */
};
/* Reads the therapist (who must still work here) and checks the named
 * clinic offers the service; plan->service must be set. */
int ops_slot_prepare(struct fd_context *ctx, struct slot_plan *plan, int64_t therapist_id,
                     struct fd_error *err);
/* Before the transaction: start is not past, and it and the end happen
 * exactly once on the clinic's clock. */
int ops_slot_check_time(struct fd_context *ctx, struct slot_plan *plan, fd_time start,
                        struct fd_error *err);
/* Inside the write transaction: every check a booking at start must pass
 * (at the named clinic, or NULL), settling the clinic and room. */
int ops_slot_check(struct fd_context *ctx, struct slot_plan *plan, fd_time start,
                   const struct fd_clinic *named, struct fd_error *err);
/* Fills refusal (may be NULL) after a failed check or write: whether it
 * was about the time, and then the nearest free times instead. */
void ops_slot_refused(struct fd_context *ctx, const struct slot_plan *plan,
                      struct booking_refusal *refusal);
/* Busy intervals without those of one appointment (0: none dropped);
 * returns the new count. */
size_t ops_busy_without(struct busy *busy, size_t count, int64_t appointment_id);
/* The free times nearest plan->start for the plan's therapist and service
 * (at plan->named if set), within three days either side, nearest first
 * (suggest.c). */
void ops_nearest_slots(struct fd_context *ctx, const struct slot_plan *plan, struct slot *out,
                       size_t max, size_t *count);

/* ---- the outbox (outbox.c, send.c) ---- */
/* Queues a message (created and, unless set, due now; a reply code for
 * the kinds answered by text), inside the caller's transaction. */
int ops_queue_message(struct fd_context *ctx, struct fd_outbox_message *m, struct fd_error *err);
/* Voids the messages still to go about an appointment whose kind is in the
 * mask (1 << kind), with an audit line each. */
int ops_void_messages(struct fd_context *ctx, int64_t appointment_id, unsigned kinds,
                      struct fd_error *err);
/* The same for the messages to a waitlist entry, or to a client. */
int ops_void_entry_messages(struct fd_context *ctx, int64_t entry_id, unsigned kinds,
                            struct fd_error *err);
int ops_void_client_messages(struct fd_context *ctx, int64_t client_id, unsigned kinds,
                             struct fd_error *err);
#define KIND_BIT(kind) (1u << (kind))
/* Messages about an appointment that die with it. */
#define KINDS_ABOUT_BOOKING                                                                        \
    (KIND_BIT(MESSAGE_KIND_CONFIRMATION) | KIND_BIT(MESSAGE_KIND_CHANGE) |                         \
     KIND_BIT(MESSAGE_KIND_REMINDER))
/* Gives m a reply code no recent message to its client carries. */
void ops_assign_reply_code(struct fd_context *ctx, struct fd_outbox_message *m);
/* Renders, claims, sends and records each of messages, in order. */
int ops_send_messages(struct fd_context *ctx, struct fd_outbox_message *messages, size_t count,
                      const struct send_options *options, struct send_report *report,
                      struct fd_error *err);

/* Books inside the caller's transaction (booking.c); *about_time says
 * whether a refusal was about the time itself. */
int ops_book_within(struct fd_context *ctx, const struct booking *booking,
                    struct fd_appointment *out, bool *about_time, struct fd_error *err);
/* Cancels one appointment inside the caller's transaction (outcome.c);
 * *a receives it as cancelled. */
int ops_cancel_within(struct fd_context *ctx, int64_t id, const struct cancellation *cancellation,
                      struct fd_appointment *a, struct fd_error *err);

/* ---- clients' details (clients.c) ---- */
/* A phone number as typed, checked and rewritten in place as the network
 * knows it (+447700900123); "" stays "".  -FD_ERR_DATA "FIELD: "…" is not
 * a phone number (why)". */
int ops_check_phone(const char *field, char *phone, size_t size, struct fd_error *err);
/* "email" or "sms" (NULL or "": nothing said, *out untouched). */
int ops_parse_contact(const char *field, const char *text, enum contact_channel *out,
                      struct fd_error *err);
/* Records how the client wants to hear, when it was said. */
int ops_apply_contact(struct fd_context *ctx, int64_t client_id, const char *contact,
                      struct fd_error *err);

/* ---- CSV out (export.c) ---- */
struct export_csv {
    FILE *out;
    size_t rows;
};
#define EXPORT_PUBLIC(column) (1u << (column))
/* One row of a NULL-terminated list of fields, CRLF ended, quoted as RFC
 * 4180 asks; the columns in public_mask hold text typed by the public and
 * are guarded against spreadsheet formulas. */
void export_csv_row(struct export_csv *csv, const char *const *fields, unsigned public_mask);
/* -FD_ERR_IO when anything could not be written. */
int export_csv_done(struct export_csv *csv, struct fd_error *err);

/* ---- mailing lists (lists.c) ---- */
/* Stores a checked subscription (its client found or made); one already
 * current changes nothing (*inserted false).  With welcome, a new one
 * queues the list's welcome (its id in *welcome_id, else 0). */
int ops_store_subscription(struct fd_context *ctx, struct fd_subscription *s, bool welcome,
                           bool *inserted, int64_t *welcome_id, struct fd_error *err);

/* Audits with a formatted description. */
/* "weekly mon,thu 09:00-17:00" */
void ops_rule_describe(const struct rota_rule *rule, char *out, size_t size);

int ops_audit(struct fd_context *ctx, const char *entity, int64_t id, struct fd_error *err,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
