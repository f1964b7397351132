/*
 * Operations: what a receptionist does, each validated and run as one
 * transaction, and the reads the screens and listings need.  This is the
 * only door to the data: the command line and the interface both come
 * here, so a business rule lives in exactly one place, and neither of them
 * sees the store.  Operations return results and errors; they never print.
 *
 * Operations speak ids (a therapist id, a clinic id, a service of the
 * config).  The command line, which has names, turns them into ids with
 * ops_resolve_names(), whose errors name the option.
 */
#ifndef FRONTDESK_OPS_H
#define FRONTDESK_OPS_H

#include <frontdesk/config.h>
#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/records.h>
#include <frontdesk/rota.h>
#include <frontdesk/slots.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What only the operations see: the open store (ops_internal.h). */
struct fd_session;

/* Everything an operation needs, passed explicitly. */
struct fd_context {
    struct fd_config config;
    char *database_path;
    char database_label[512]; /* the path as shown: a server URI without its password */
    fd_time now;
    bool now_fixed; /* --now given: the clock does not move */
    bool read_only;
    char who[64]; /* the desk, for the audit log: login name or desk name */
    struct fd_session *session;
    /* Set by the face: called once when a change has to wait for another
     * desk's lock long enough for a person to notice. */
    void (*waiting)(void *data);
    void *waiting_data;
};

struct fd_open_options {
    const char *config_path; /* --config, or NULL */
    const char *database;    /* --db, or NULL */
    const char *now;         /* --now text, or NULL */
    const char *site;        /* --site: the clinic this desk is at (config `site`), or NULL */
    bool read_only;
    /* The command only reads: it opens the database read-only when the
     * user may read it but not write it (and normally otherwise, so that
     * an old database is upgraded as usual). */
    bool only_reads;
    bool create; /* create the database if missing (init, demo) */
    /* Process-wide set-up that depends on the config (the clinic's time
     * zone); main supplies it, ops_open calls it once the config is read. */
    int (*prepare_process)(const struct fd_config *config, struct fd_error *err);
};

/* Loads the config, finds and opens the database, sets the clock. */
int ops_open(struct fd_context *ctx, const struct fd_open_options *options, struct fd_error *err);
void ops_close(struct fd_context *ctx);
/* The database path ops_open would use (allocated). */
char *ops_database_path(const struct fd_config *config, const char *explicit_path);
/* Whether path names a database file (SQLite) rather than a database
 * server (a postgresql:// URI). */
bool ops_database_is_file(const char *path);
/* path as it may be shown to a person: a URI without its password. */
void ops_database_label(const char *path, char *out, size_t size);
/* Re-reads the wall clock unless --now fixed it. */
void ops_tick(struct fd_context *ctx);
/* A number that changes whenever another desk commits a change. */
int64_t ops_change_token(struct fd_context *ctx);
/* Whether the database is reachable; a lost server connection is made
 * again by ops_change_token(), which moves once it is back. */
bool ops_connected(struct fd_context *ctx);

/* ---- names → ids ---- */
/* Names as the command line gives them (NULL: not given). */
struct fd_names {
    const char *therapist; /* a handle */
    const char *clinic;
    const char *service;
};
struct fd_ids {
    int64_t therapist_id;             /* 0 when not named */
    const struct fd_clinic *clinic;   /* NULL when not named */
    const struct fd_service *service; /* NULL when not named */
};
/* Resolves each name given; the first unknown one is -FD_ERR_DATA naming
 * the option ("--clinic: no clinic is named …"). */
int ops_resolve_names(struct fd_context *ctx, const struct fd_names *names, struct fd_ids *out,
                      struct fd_error *err);

/* ---- reads ---- */
int ops_therapist_list(struct fd_context *ctx, struct fd_therapist **out, size_t *count,
                       struct fd_error *err);
/* -FD_ERR_DATA "no therapist has the handle …" when there is none. */
int ops_therapist_find(struct fd_context *ctx, const char *handle, struct fd_therapist *out,
                       struct fd_error *err);
/* Look-ups in a list read by ops_therapist_list(): the handle of an id
 * ("?" when it is not there) and the id of a handle (0). */
const char *ops_therapist_handle(const struct fd_therapist *list, size_t count, int64_t id);
int64_t ops_therapist_id(const struct fd_therapist *list, size_t count, const char *handle);
/* Rules of one therapist, or of everyone when therapist_id is 0: those in
 * force today or later, or with all, ended ones and old versions too. */
int ops_rules(struct fd_context *ctx, int64_t therapist_id, bool all, struct rota_rule **out,
              size_t *count, struct fd_error *err);
int ops_rule_get(struct fd_context *ctx, int64_t id, struct rota_rule *out, struct fd_error *err);
/* Time off overlapping [from, to), of one therapist or everyone (0). */
int ops_time_off(struct fd_context *ctx, int64_t therapist_id, fd_time from, fd_time to,
                 struct fd_time_off_record **out, size_t *count, struct fd_error *err);
int ops_appointment_get(struct fd_context *ctx, int64_t id, struct fd_appointment *out,
                        struct fd_error *err);
int ops_request_get(struct fd_context *ctx, int64_t id, struct fd_request *out,
                    struct fd_error *err);
/* Ordered by start, then therapist. */
int ops_appointments(struct fd_context *ctx, const struct fd_appointment_filter *filter,
                     struct fd_appointment **out, size_t *count, struct fd_error *err);
/* Clients whose name, email or phone contains text (case-insensitive). */
int ops_client_search(struct fd_context *ctx, const char *text, size_t limit,
                      struct fd_client **out, size_t *count, struct fd_error *err);
/* Waiting entries (or every entry with all), oldest first. */
int ops_waitlist(struct fd_context *ctx, bool all, struct fd_waitlist_entry **out, size_t *count,
                 struct fd_error *err);
/* Unhandled contact messages (or every one with all), oldest first. */
int ops_messages(struct fd_context *ctx, bool all, struct fd_message **out, size_t *count,
                 struct fd_error *err);
/* The latest changes, newest first. */
int ops_audit_list(struct fd_context *ctx, size_t limit, struct fd_audit_entry **out, size_t *count,
                   struct fd_error *err);
/* The audit lines about one record ("appointment", 12), oldest first. */
int ops_history(struct fd_context *ctx, const char *entity, int64_t id, struct fd_audit_entry **out,
                size_t *count, struct fd_error *err);
/* Pending and overdue requests, confirmations still to go out. */
int ops_counts(struct fd_context *ctx, struct fd_counts *out, struct fd_error *err);

/* ---- therapists and rota ---- */
int ops_therapist_add(struct fd_context *ctx, const char *handle, const char *name,
                      const char *email, struct fd_therapist *out, struct fd_error *err);
/* How a rota change treats the bookings it would leave outside the
 * therapist's shifts: refused (-FD_ERR_RULE listing each) unless
 * keep_bookings, which records the change anyway.  Either way the
 * stranded bookings are handed back (free them with rota_change_free()),
 * so a refused change can be offered again with keep_bookings. */
struct rota_change {
    fd_day from_date;   /* edits and removals take effect from it; FD_DAY_NONE: today */
    bool keep_bookings; /* record it even if bookings fall outside the shifts */
    struct fd_appointment *stranded;
    size_t stranded_count;
};
void rota_change_free(struct rota_change *change);

/* Checks the rule (therapist_id and clinic_id set): no clash with another
 * of the therapist's rules at any clinic, not a duplicate; stores it
 * (rule->id set). */
int ops_rota_add(struct fd_context *ctx, struct rota_rule *rule, struct fd_error *err);
/* Changes rule id to *rule from change->from_date on; the weeks before
 * keep the old version (a row of its own), and the rule keeps its id. */
int ops_rota_edit(struct fd_context *ctx, int64_t id, struct rota_rule *rule,
                  struct rota_change *change, struct fd_error *err);
/* Ends the rule the day before change->from_date (or deletes it if it
 * never applied before then). */
int ops_rota_remove(struct fd_context *ctx, int64_t rule_id, struct rota_change *change,
                    struct fd_error *err);
int ops_rota_off(struct fd_context *ctx, int64_t therapist_id, fd_time from, fd_time to,
                 const char *reason, struct rota_change *change, int64_t *id, struct fd_error *err);
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
    const char *contact; /* "email" or "sms": how the client wants to hear; NULL: as before */
    const struct fd_service *service; /* NULL with a request or waitlist entry */
    int64_t therapist_id;
    const struct fd_clinic *clinic; /* NULL: the clinic of the therapist's shift */
    fd_time start;
    bool force; /* override the rota check (audited) */
    /* Offers (offer.h): the best one the booking qualifies for applies by
     * itself unless no_offer; offer names one to apply by hand
     * (audited), whatever its conditions. */
    bool no_offer;
    const char *offer;
};
/* What a booking would cost now: the price, and the list price and offer
 * when an offer applies (list_price 0, offer "" when none). */
struct price_quote {
    int price_pence;
    int list_price_pence;
    char offer[FD_NAME_SIZE];
};
int ops_booking_price(struct fd_context *ctx, const struct booking *booking,
                      struct price_quote *out, struct fd_error *err);
/* Why a booking or a move was refused, so that other times can be
 * offered: about_time when the time itself would not do (closed, time
 * off, outside the rota, taken, just taken by another desk), and then the
 * free times nearest the one asked for, nearest first. */
#define FD_ALTERNATIVES 3
struct booking_refusal {
    bool about_time;
    struct slot alternatives[FD_ALTERNATIVES];
    size_t alternative_count;
};
/* refusal may be NULL. */
int ops_book(struct fd_context *ctx, const struct booking *booking, struct fd_appointment *out,
             struct booking_refusal *refusal, struct fd_error *err);

/* Repeating sessions: the same local time every 1, 2 or 4 weeks, for
 * count sessions or up to and including the day until.  All or nothing:
 * one session that cannot be booked books none, unless skip_clashes. */
#define FD_SERIES_MAX 52
struct repeat {
    int every_weeks; /* 1, 2 or 4 */
    int count;       /* sessions (with until FD_DAY_NONE) */
    fd_day until;    /* last day (with count 0) */
    bool skip_clashes;
};
struct series_clash {
    fd_time start;          /* the session that could not be booked */
    char why[FD_TEXT_SIZE]; /* the refusal */
    bool has_alternative;   /* the nearest free time that day */
    struct slot alternative;
};
struct series_result {
    int64_t series_id;
    struct fd_appointment *booked; /* in order */
    size_t booked_count;
    struct series_clash *clashes; /* skipped, or the reasons nothing was booked */
    size_t clash_count;
};
/* Books booking->start and the sessions after it.  A clash without
 * skip_clashes is -FD_ERR_RULE with out->clashes filled (free out with
 * series_result_free() either way). */
int ops_book_series(struct fd_context *ctx, const struct booking *booking,
                    const struct repeat *repeat, struct series_result *out, struct fd_error *err);
void series_result_free(struct series_result *result);
/* "1w", "2w", "4w" → weeks; -1 otherwise. */
int ops_parse_every(const char *text);

/* Moving keeps the appointment's id, client, request, notes and history.
 * therapist_id 0 keeps the therapist; clinic NULL is settled as for a
 * booking.  The confirmation goes back to unsent if it had gone out, so
 * that the client hears once about the new time. */
struct move {
    int64_t appointment_id;
    fd_time start;
    int64_t therapist_id;
    const struct fd_clinic *clinic;
    bool force;
};
/* before and after the move; refusal may be NULL. */
int ops_move(struct fd_context *ctx, const struct move *move, struct fd_appointment *before,
             struct fd_appointment *after, struct booking_refusal *refusal, struct fd_error *err);
/* Free times for an appointment's client and service, ranked as for a
 * request (its request's preferred times, if it came from one), as if the
 * appointment's own time were free. */
int ops_appointment_suggest(struct fd_context *ctx, int64_t appointment_id, size_t limit,
                            struct slot **out, size_t *count, struct fd_error *err);

/* ---- outcomes ---- */
struct cancellation {
    enum cancelled_by by;
    const char *reason; /* may be NULL */
};
/* cancellation may be NULL: the client, no reason.  A client's
 * cancellation less than late_cancel_hours before the start is late and
 * owes late_cancel_fee. */
int ops_cancel(struct fd_context *ctx, int64_t appointment_id,
               const struct cancellation *cancellation, struct fd_appointment *out,
               struct fd_error *err);
/* Cancels the appointment and the later sessions of its series that are
 * still booked; *out lists them in order (free with free()). */
int ops_cancel_following(struct fd_context *ctx, int64_t appointment_id,
                         const struct cancellation *cancellation, struct fd_appointment **out,
                         size_t *count, struct fd_error *err);
/* The client arrived (on the appointment's day), the session took place
 * (after its start), or the client did not come (after its start;
 * no_show_fee is owed).  outcome is APPOINTMENT_ARRIVED, _COMPLETED or
 * _NO_SHOW. */
int ops_record_outcome(struct fd_context *ctx, int64_t appointment_id,
                       enum appointment_status outcome, struct fd_appointment *out,
                       struct fd_error *err);
/* Waives the fee of a no-show or late cancellation, or sets it to another
 * amount; the reason is required and goes to the audit log. */
/* Whether an appointment owes a fee that can be waived or changed: a
 * no-show or a late cancellation. */
bool ops_fee_applies(const struct fd_appointment *a);
/* Whether cancelling now (by whom) would be late. */
bool ops_cancel_is_late(const struct fd_context *ctx, const struct fd_appointment *a,
                        enum cancelled_by by);
struct fee_change {
    bool waive;
    int pence; /* the new fee, without waive */
    const char *reason;
};
int ops_fee_change(struct fd_context *ctx, int64_t appointment_id, const struct fee_change *change,
                   struct fd_appointment *out, struct fd_error *err);

/* ---- undo ---- */
/* Puts the latest change made at this desk (ctx->who) back as it was,
 * when it is at most undo_minutes old and nothing it touched has changed
 * since (refused naming that change otherwise).  A message about it that
 * has gone out stays sent; the client is queued a correction. */
struct undo_result {
    struct fd_undo undone;
    size_t corrections; /* corrections queued */
};
int ops_undo(struct fd_context *ctx, struct undo_result *out, struct fd_error *err);

/* ---- notes ---- */
/* A note on a client or on one appointment ("left calf tight, check
 * orthotics"): exactly one of client_id and appointment_id is set. */
int ops_note_add(struct fd_context *ctx, int64_t client_id, int64_t appointment_id,
                 const char *text, struct fd_note *out, struct fd_error *err);
/* Notes on a client (and on each of the client's appointments), or on one
 * appointment (and on its client), oldest first; both 0: every note. */
int ops_notes(struct fd_context *ctx, int64_t client_id, int64_t appointment_id,
              struct fd_note **out, size_t *count, struct fd_error *err);

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
    const char *source;    /* one of REQUEST_SOURCES; NULL: the first */
    const char *message;
    const char *contact; /* "email" or "sms"; NULL or empty: as before */
};
/* Checks and converts an input into a request ready to store (status
 * pending, due computed).  Errors carry FD_ERR_DATA (or FD_ERR_USAGE for a
 * missing field) and start with the field name.  Preferences that cannot
 * be read are no error: the request keeps the text and is flagged
 * prefer_not_understood. */
int ops_request_check(struct fd_context *ctx, const struct request_input *in,
                      struct fd_request *out, struct fd_error *err);
int ops_request_add(struct fd_context *ctx, const struct request_input *in, struct fd_request *out,
                    struct fd_error *err);
/* When preferred-times text cannot be read: true, with why (naming the
 * word and its position) in out. */
bool ops_prefer_problem(const struct fd_context *ctx, const char *text, char *out, size_t size);
enum request_filter { REQUESTS_PENDING, REQUESTS_OVERDUE, REQUESTS_ALL };
/* Ordered by due time. */
int ops_request_list(struct fd_context *ctx, enum request_filter filter, struct fd_request **out,
                     size_t *count, struct fd_error *err);
/* How pressing a request is: still pending past its reply-by time, or due
 * by close of business today. */
enum request_urgency { REQUEST_NOT_URGENT, REQUEST_DUE_TODAY, REQUEST_OVERDUE };
enum request_urgency ops_request_urgency(const struct fd_context *ctx,
                                         const struct fd_request *request);
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
    const char *contact;   /* "email" or "sms"; optional */
};
int ops_waitlist_add(struct fd_context *ctx, const struct waitlist_input *in,
                     struct fd_waitlist_entry *out, struct fd_error *err);
int ops_waitlist_remove(struct fd_context *ctx, int64_t id, struct fd_error *err);
/* Queues "we are open for bookings" (naming service, when not NULL) to
 * each entry of the opening waitlist (no service) not yet told, and marks
 * it told: at most one notice per entry however often this runs. */
int ops_waitlist_notify(struct fd_context *ctx, const char *service, size_t *count,
                        struct fd_error *err);
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
/* Turns a contact message that is really a booking request into one: the
 * client's details and text are kept, the reply promise counts from when
 * they wrote, and the message is marked handled. */
int ops_message_to_request(struct fd_context *ctx, int64_t id, const char *service,
                           const char *prefer, struct fd_request *out, struct fd_error *err);

/* ---- the day ---- */
struct day_column {
    struct fd_therapist therapist;
    struct shift *shifts; /* points into day_view.shifts */
    size_t shift_count;
    /* Each with outside_rota set when no shift of the therapist holds it. */
    struct fd_appointment *appointments; /* points into day_view.appointments */
    size_t appointment_count;
    struct fd_time_off_record *time_off; /* points into day_view.time_off */
    size_t time_off_count;
    /* Time a booking could really take: the therapist and a room free for
     * at least the shortest service offered at that clinic. */
    struct interval free[64];
    size_t free_count;
};
struct day_view {
    fd_day day;
    struct day_column *columns; /* therapists on shift, off, or with appointments */
    size_t count;
    struct shift_list shifts;
    struct fd_appointment *appointments; /* by therapist, then start */
    size_t appointment_count;
    struct fd_time_off_record *time_off; /* by therapist, then start */
    size_t time_off_count;
    const char *closure; /* non-NULL when the clinic is closed that day */
};
/* The day of every therapist, or of one (therapist_id not 0). */
int ops_day(struct fd_context *ctx, fd_day day, int64_t therapist_id, struct day_view *out,
            struct fd_error *err);
void day_view_free(struct day_view *view);

/* ---- moving a site in ---- */
#define OPS_MIGRATE_TABLES 16
struct ops_migrate_report {
    struct {
        const char *name; /* "appointment" */
        size_t copied;    /* new rows */
        size_t found;     /* already here: the same therapist, client or imported row */
        size_t before;    /* copied by an earlier run */
    } tables[OPS_MIGRATE_TABLES];
    size_t table_count;
    char **clashes; /* one line each, when refused */
    size_t clash_count;
};
/* Copies the database at source (a site's own, opened only to read) into
 * this one as the clinic site_name, in one transaction; the same site
 * copied again adds only what is new.  An appointment that clashes (the
 * therapist booked then at any site, the room taken, no such room)
 * refuses the whole copy before anything is written: -FD_ERR_RULE and
 * out->clashes says each.  dry_run checks and counts, and keeps nothing. */
int ops_migrate_site(struct fd_context *ctx, const char *source, const char *site_name,
                     bool dry_run, struct ops_migrate_report *out, struct fd_error *err);
void ops_migrate_report_free(struct ops_migrate_report *report);

/* ---- demo ---- */
/* Fills an empty database with a realistic clinic around ctx->now, and
 * with `synthetic` extra appointments of deterministic history. */
int ops_demo(struct fd_context *ctx, long synthetic, struct fd_error *err);

#endif
