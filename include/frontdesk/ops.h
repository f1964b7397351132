/*
 * Operations: what a receptionist does, each validated and run as one
 * transaction.  The command line and the interface both come here, so a
 * business rule lives in exactly one place.  Operations return results and
 * errors; they never print.
 */
#ifndef FRONTDESK_OPS_H
#define FRONTDESK_OPS_H

#include <frontdesk/config.h>
#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/rota.h>
#include <frontdesk/slots.h>
#include <frontdesk/store.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Everything an operation needs, passed explicitly. */
struct fd_context {
    struct fd_config config;
    struct fd_store *store;
    char *database_path;
    fd_time now;
    bool now_fixed; /* --now given: the clock does not move */
    bool read_only;
    char who[64]; /* login name, for the audit log */
};

struct fd_open_options {
    const char *config_path; /* --config, or NULL */
    const char *database;    /* --db, or NULL */
    const char *now;         /* --now text, or NULL */
    bool read_only;
    bool create; /* create the database if missing (init, demo) */
};

/* Loads the config, finds and opens the database, sets the clock. */
int ops_open(struct fd_context *ctx, const struct fd_open_options *options, struct fd_error *err);
void ops_close(struct fd_context *ctx);
/* The database path ops_open would use (allocated). */
char *ops_database_path(const struct fd_config *config, const char *explicit_path);
/* Re-reads the wall clock unless --now fixed it. */
void ops_tick(struct fd_context *ctx);

/* ---- therapists and rota ---- */
int ops_therapist_add(struct fd_context *ctx, const char *handle, const char *name,
                      const char *email, struct fd_therapist *out, struct fd_error *err);
/* Resolves handle and clinic, checks the rule and stores it (rule->id set). */
int ops_rota_add(struct fd_context *ctx, const char *handle, const char *clinic,
                 struct rota_rule *rule, struct fd_error *err);
/* Edits a rule: the old one is removed and the new one added, together. */
int ops_rota_replace(struct fd_context *ctx, int64_t old_id, const char *handle, const char *clinic,
                     struct rota_rule *rule, struct fd_error *err);
int ops_rota_off(struct fd_context *ctx, const char *handle, fd_time from, fd_time to,
                 const char *reason, int64_t *id, struct fd_error *err);
int ops_rota_remove(struct fd_context *ctx, int64_t rule_id, struct fd_error *err);
int ops_time_off_remove(struct fd_context *ctx, int64_t id, struct fd_error *err);
/* Expanded shifts over [from, to] of one therapist (0: all). */
int ops_shifts(struct fd_context *ctx, fd_day from, fd_day to, int64_t therapist_id,
               struct shift_list *out, struct fd_error *err);

/* ---- bookings ---- */
struct booking {
    int64_t request_id;  /* book a request: client and service come from it */
    int64_t waitlist_id; /* book a waitlist entry: likewise */
    const char *name;
    const char *email;
    const char *phone;
    const char *service;
    const char *therapist; /* handle */
    const char *clinic;    /* NULL: the clinic of the therapist's shift */
    fd_time start;
    bool force; /* override the rota check (audited) */
};
int ops_book(struct fd_context *ctx, const struct booking *booking, struct fd_appointment *out,
             struct fd_error *err);
int ops_cancel(struct fd_context *ctx, int64_t appointment_id, const char *reason,
               struct fd_appointment *out, struct fd_error *err);

/* ---- requests ---- */
/* A request as typed or imported; every field is text so that errors can
 * name the field ("email: \"bob@\" is not an email address"). */
struct request_input {
    const char *name;
    const char *email;
    const char *phone;
    const char *service;
    const char *prefer;
    const char *therapist; /* handle, optional */
    const char *received;  /* "YYYY-MM-DD HH:MM"; NULL or empty: now */
    const char *source;    /* web, phone, email, walk-in; NULL: web */
    const char *message;
};
/* Checks and converts an input into a request ready to store (status
 * pending, due computed).  Errors carry FD_ERR_DATA (or FD_ERR_USAGE for a
 * missing field) and start with the field name. */
int ops_request_check(struct fd_context *ctx, const struct request_input *in,
                      struct fd_request *out, struct fd_error *err);
int ops_request_add(struct fd_context *ctx, const struct request_input *in, struct fd_request *out,
                    struct fd_error *err);
enum request_filter { REQUESTS_PENDING, REQUESTS_OVERDUE, REQUESTS_ALL };
/* Ordered by due time. */
int ops_request_list(struct fd_context *ctx, enum request_filter filter, struct fd_request **out,
                     size_t *count, struct fd_error *err);
bool ops_request_overdue(const struct fd_context *ctx, const struct fd_request *request);
int ops_request_decline(struct fd_context *ctx, int64_t id, const char *reason,
                        struct fd_error *err);
/* Puts the request's client on the waitlist and answers the request. */
int ops_request_to_waitlist(struct fd_context *ctx, int64_t id, struct fd_waitlist_entry *out,
                            struct fd_error *err);

/* ---- suggestions ---- */
/* Free slots for a request or a waitlist entry, ranked (SPEC §1 rule 6).
 * Allocates *out; free with free(). */
int ops_request_suggest(struct fd_context *ctx, int64_t request_id, size_t limit, struct slot **out,
                        size_t *count, struct fd_error *err);
int ops_waitlist_suggest(struct fd_context *ctx, int64_t entry_id, size_t limit, struct slot **out,
                         size_t *count, struct fd_error *err);

/* ---- waitlist ---- */
struct waitlist_input {
    const char *name;
    const char *email;
    const char *phone;
    const char *service;
    const char *prefer;
    const char *therapist; /* optional */
    const char *clinic;    /* optional */
};
int ops_waitlist_add(struct fd_context *ctx, const struct waitlist_input *in,
                     struct fd_waitlist_entry *out, struct fd_error *err);
int ops_waitlist_remove(struct fd_context *ctx, int64_t id, struct fd_error *err);
/* Waiting entries that the freed appointment's slot fits, oldest first
 * (SPEC §1 rule 7).  Allocates *out. */
int ops_waitlist_matches(struct fd_context *ctx, const struct fd_appointment *freed,
                         struct fd_waitlist_entry **out, size_t *count, struct fd_error *err);

/* ---- contact messages ---- */
/* Checks a message as typed or imported (received: NULL or empty means
 * now); errors name the field. */
int ops_message_check(struct fd_context *ctx, const char *name, const char *email, const char *text,
                      const char *received, struct fd_message *out, struct fd_error *err);
int ops_message_add(struct fd_context *ctx, const char *name, const char *email, const char *text,
                    struct fd_message *out, struct fd_error *err);
int ops_message_handle(struct fd_context *ctx, int64_t id, struct fd_error *err);

/* ---- the day ---- */
struct day_column {
    struct fd_therapist therapist;
    struct shift *shifts; /* points into day_view.shifts */
    size_t shift_count;
    struct fd_appointment *appointments; /* points into day_view.appointments */
    size_t appointment_count;
    struct interval free[64];
    size_t free_count;
};
struct day_view {
    fd_day day;
    struct day_column *columns; /* therapists on shift or with appointments */
    size_t count;
    struct shift_list shifts;
    struct fd_appointment *appointments; /* by therapist, then start */
    size_t appointment_count;
    const char *closure; /* non-NULL when the clinic is closed that day */
};
int ops_day(struct fd_context *ctx, fd_day day, const char *therapist, struct day_view *out,
            struct fd_error *err);
void day_view_free(struct day_view *view);

/* ---- demo ---- */
/* Fills an empty database with a realistic clinic around ctx->now, and
 * with `synthetic` extra appointments of deterministic history. */
int ops_demo(struct fd_context *ctx, long synthetic, struct fd_error *err);

#endif
