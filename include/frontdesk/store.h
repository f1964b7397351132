/*
 * The store: the only code that speaks SQL, and only the operations layer
 * (src/ops) and the store's own tests include this header.  The command
 * line and the interface reach data through ops.h.
 *
 * It opens the database (creating it with mode 0600), migrates it, runs
 * transactions with retries, and offers one function per query.
 * Statements are prepared once per connection and always bound, never
 * formatted with user data.  Underneath is one engine (src/store/db.h),
 * chosen when the database is opened; nothing above the store knows which.
 *
 * No double booking is guaranteed here, by the schema itself: an
 * appointment that overlaps another one holding its slot (any state but
 * cancelled), for the same therapist or the same room of a clinic, is
 * refused by the database, whichever desk or program inserts it.  Writers
 * take the write lock up front, so the check and the insert are one
 * atomic step.
 *
 * The records are the plain structs of records.h; list functions allocate
 * one array that the caller frees with free().
 */
#ifndef FRONTDESK_STORE_H
#define FRONTDESK_STORE_H

#include <frontdesk/config.h>
#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/records.h>
#include <frontdesk/rota.h>
#include <frontdesk/slots.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fd_store;

struct store_open_options {
    bool read_only; /* never write: listings, exports, a therapist's view */
    bool create;    /* a missing or empty database may be made (init, demo) */
    fd_time now;    /* the clock, recorded by the upgrade that began outcomes */
};

/* Whether target names a database server (a postgresql:// or postgres://
 * URI) rather than a file. */
bool store_target_is_server(const char *target);
/* target as it may be shown to a person: a URI without its password. */
void store_target_label(const char *target, char *out, size_t size);

/* Opens the database at path, migrating it to the current schema (unless
 * read-only).  A new file gets mode 0600 and its folder 0700.  A file that
 * is not a frontdesk database is refused (-FD_ERR_DATA) and left as it
 * was. */
int store_open(const char *path, const struct store_open_options *options, struct fd_store **out,
               struct fd_error *err);
void store_close(struct fd_store *store);
int store_schema_version(struct fd_store *store);
/* Changes whenever another connection commits, so that an open screen
 * notices another desk's change. */
int64_t store_change_token(struct fd_store *store);
/* Whether the database is reachable: false while a server's connection,
 * found lost by store_change_token(), is being made again. */
bool store_connected(struct fd_store *store);

/* One write transaction: the write lock is taken up front and waited for
 * while another desk holds it (waiting, when not NULL, is called once if
 * that takes long enough to notice); FD_ERR_BUSY when it never frees. */
typedef void (*store_wait_notice)(void *data);
int store_begin(struct fd_store *store, store_wait_notice waiting, void *data,
                struct fd_error *err);
int store_commit(struct fd_store *store, struct fd_error *err);
void store_rollback(struct fd_store *store);
/* A read snapshot (BEGIN DEFERRED): consistent reads across queries. */
int store_begin_read(struct fd_store *store, struct fd_error *err);

/* Makes the clinic table match the config (adds new clinics, updates rooms)
 * and fills each clinic's id.  Read-only stores only fill the ids. */
int store_sync_clinics(struct fd_store *store, struct fd_config *config, struct fd_error *err);

/* ---- moving a site in (store/copy.c) ---- */

/* The tables copied, in the order they are copied. */
enum store_copy_table {
    STORE_COPY_THERAPIST,
    STORE_COPY_CLIENT,
    STORE_COPY_SHIFT_RULE,
    STORE_COPY_TIME_OFF,
    STORE_COPY_REQUEST,
    STORE_COPY_WAITLIST,
    STORE_COPY_MESSAGE,
    STORE_COPY_APPOINTMENT,
    STORE_COPY_NOTE,
    STORE_COPY_SUBSCRIPTION,
    STORE_COPY_OUTBOX,
    STORE_COPY_AUDIT,
    STORE_COPY_TABLE_COUNT
};
const char *store_copy_table_name(enum store_copy_table table);
/* Whether a table of the schema is copied or deliberately left (a new
 * table must be one or the other). */
bool store_copy_knows_table(const char *name);

/* The site the rows go to: every clinic of the copied database becomes it. */
struct store_copy_site {
    const char *name;
    int64_t id;
    int rooms;
};

enum store_clash_kind {
    STORE_CLASH_THERAPIST, /* the therapist is booked then (at any site) */
    STORE_CLASH_ROOM,      /* the room is taken then */
    STORE_CLASH_NO_ROOM,   /* the site has no room of that number */
};

/* One appointment of the copied database that cannot join the shared one. */
struct store_clash {
    enum store_clash_kind kind;
    int64_t source_id;
    fd_time start, busy_until;
    int room;
    char therapist[FD_HANDLE_SIZE];
    char client[FD_NAME_SIZE];
    /* The appointment holding the slot: in the shared database, or (when
     * two clinics of the copied one become one site) in the copied one. */
    bool other_in_source;
    int64_t other_id;
    fd_time other_start, other_busy_until;
    char other_clinic[FD_NAME_SIZE];
    char other_client[FD_NAME_SIZE];
};

struct store_copy_count {
    size_t copied; /* new rows */
    size_t found;  /* already there: the same therapist, client or imported row */
    size_t before; /* copied or found by an earlier run */
};

struct store_copy_report {
    struct store_copy_count tables[STORE_COPY_TABLE_COUNT];
    struct store_clash *clashes;
    size_t clash_count;
};

/* Copies every row of source not copied before into target (inside the
 * target's write transaction, source in a read snapshot).  With clashes,
 * nothing is written: -FD_ERR_RULE and report->clashes lists each. */
int store_copy_site(struct fd_store *target, struct fd_store *source,
                    const struct store_copy_site *site, struct store_copy_report *report,
                    struct fd_error *err);
void store_copy_report_free(struct store_copy_report *report);

/* ---- audit ---- */
int store_audit(struct fd_store *store, fd_time at, const char *who, const char *what,
                const char *entity, int64_t entity_id, struct fd_error *err);
int store_audit_get(struct fd_store *store, int64_t id, struct fd_audit_entry *out,
                    struct fd_error *err);
/* The line that best names a change that wrote audit lines from..to: one
 * about the whole change (an import's, entity id 0), else its first that
 * is not about a message voided on the way. */
int store_audit_naming(struct fd_store *store, int64_t from, int64_t to, struct fd_audit_entry *out,
                       struct fd_error *err);
/* The audit lines about one record ("appointment", 12), oldest first. */
int store_audit_of(struct fd_store *store, const char *entity, int64_t id,
                   struct fd_audit_entry **out, size_t *count, struct fd_error *err);
int store_audit_list(struct fd_store *store, size_t limit, struct fd_audit_entry **out,
                     size_t *count, struct fd_error *err);

/* ---- therapists ---- */
int store_therapist_insert(struct fd_store *store, struct fd_therapist *therapist,
                           struct fd_error *err);
/* 0 and *out filled, or -FD_ERR_DATA "no therapist has the handle …". */
int store_therapist_find(struct fd_store *store, const char *handle, struct fd_therapist *out,
                         struct fd_error *err);
int store_therapist_get(struct fd_store *store, int64_t id, struct fd_therapist *out,
                        struct fd_error *err);
int store_therapist_list(struct fd_store *store, struct fd_therapist **out, size_t *count,
                         struct fd_error *err);

/* ---- rota ---- */
int store_rule_insert(struct fd_store *store, struct rota_rule *rule, struct fd_error *err);
int store_rule_delete(struct fd_store *store, int64_t id, struct fd_error *err);
/* Writes every field of the rule rule->id. */
int store_rule_update(struct fd_store *store, const struct rota_rule *rule, struct fd_error *err);
int store_rule_get(struct fd_store *store, int64_t id, struct rota_rule *out, struct fd_error *err);
/* Rules of one therapist, or of everyone when therapist_id is 0, old
 * versions included (they still make the weeks before an edit). */
int store_rule_list(struct fd_store *store, int64_t therapist_id, struct rota_rule **out,
                    size_t *count, struct fd_error *err);
int store_time_off_insert(struct fd_store *store, struct time_off *off, const char *reason,
                          struct fd_error *err);
/* Time off overlapping [from, to), of one therapist or everyone (0). */
int store_time_off_list(struct fd_store *store, int64_t therapist_id, fd_time from, fd_time to,
                        struct fd_time_off_record **out, size_t *count, struct fd_error *err);
int store_time_off_get(struct fd_store *store, int64_t id, struct fd_time_off_record *out,
                       struct fd_error *err);
int store_time_off_delete(struct fd_store *store, int64_t id, struct fd_error *err);

/* ---- clients ---- */
/* The client that identity.h says these details belong to: the same email
 * and name, or with no email the same phone and name; *id is 0 when none
 * is known. */
int store_client_find(struct fd_store *store, const char *name, const char *email,
                      const char *phone, int64_t *id, struct fd_error *err);
/* As store_client_find(), creating the client when none is known, and
 * filling the missing phone of one that is. */
int store_client_find_or_create(struct fd_store *store, const char *name, const char *email,
                                const char *phone, int64_t *id, struct fd_error *err);
int store_client_get(struct fd_store *store, int64_t id, struct fd_client *out,
                     struct fd_error *err);
/* Writes name, email, phone and notes of client->id. */
int store_client_update(struct fd_store *store, const struct fd_client *client,
                        struct fd_error *err);
/* Clients whose name, email or phone contains text (case-insensitive);
 * empty text lists everyone.  Ordered by name. */
int store_client_search(struct fd_store *store, const char *text, size_t limit,
                        struct fd_client **out, size_t *count, struct fd_error *err);
/* Every client with this email address (a family shares one). */
int store_clients_at_email(struct fd_store *store, const char *email, struct fd_client **out,
                           size_t *count, struct fd_error *err);
/* Moves other's appointments, requests and waitlist entries to keep
 * (moved[] counts each) and deletes other. */
int store_client_merge(struct fd_store *store, int64_t keep, int64_t other, int64_t moved[3],
                       struct fd_error *err);
int store_client_set_contact(struct fd_store *store, int64_t id, enum contact_channel contact,
                             struct fd_error *err);
/* Opts the client out of reminders from at on (0: back in). */
int store_client_set_no_reminders(struct fd_store *store, int64_t id, fd_time at,
                                  struct fd_error *err);
/* Every client whose phone is this number, however either was typed. */
int store_clients_at_phone(struct fd_store *store, const char *phone, struct fd_client **out,
                           size_t *count, struct fd_error *err);
/* The client's most recent therapist, or 0. */
int64_t store_client_last_therapist(struct fd_store *store, int64_t client_id);

/* ---- appointments ---- */

/* Inserts and sets ->id.  The schema's triggers refuse overlaps:
 * -FD_ERR_RULE "that slot was just taken …". */
int store_appointment_insert(struct fd_store *store, struct fd_appointment *appointment,
                             struct fd_error *err);
int store_appointment_get(struct fd_store *store, int64_t id, struct fd_appointment *out,
                          struct fd_error *err);
/* Ordered by start, then therapist. */
int store_appointment_list(struct fd_store *store, const struct fd_appointment_filter *filter,
                           struct fd_appointment **out, size_t *count, struct fd_error *err);
/* An appointment's outcome: its new state, when it was recorded (0: not
 * recorded, as when an undo puts it back), and the fee it owes.  For a
 * cancellation, who made it and why, and whether it was late. */
struct appointment_outcome {
    enum appointment_status status;
    fd_time at;
    enum cancelled_by by;
    const char *reason;
    bool late;
    int fee_pence;
    const char *fee_note;
};
int store_appointment_set_outcome(struct fd_store *store, int64_t id,
                                  const struct appointment_outcome *outcome, struct fd_error *err);
int store_appointment_set_fee(struct fd_store *store, int64_t id, int fee_pence, const char *note,
                              struct fd_error *err);
/* Moves the appointment to a's therapist, clinic, room, start and end
 * (busy until end + buffer); the schema refuses overlaps as for an
 * insert. */
int store_appointment_move(struct fd_store *store, const struct fd_appointment *a,
                           struct fd_error *err);
/* Whether the client has any appointment not cancelled (an offer for a
 * first session is then not theirs). */
bool store_client_has_sessions(struct fd_store *store, int64_t client_id);
/* Sets an appointment's price, list price and offer (from price). */
int store_appointment_set_price(struct fd_store *store, int64_t id,
                                const struct fd_appointment *price, struct fd_error *err);
/* After a failed insert or move: whether the schema's overlap guard
 * refused it (another desk took the time first). */
bool store_slot_was_taken(struct fd_store *store);
/* The client confirmed the appointment (by text) at `at`. */
int store_appointment_client_confirmed(struct fd_store *store, int64_t id, fd_time at,
                                       struct fd_error *err);
/* A number for a new series of repeating sessions (inside the write
 * transaction that books it). */
int store_appointment_next_series(struct fd_store *store, int64_t *out, struct fd_error *err);
int store_appointment_set_confirmation(struct fd_store *store, int64_t id,
                                       enum confirmation_state state, fd_time at, const char *via,
                                       const char *error, struct fd_error *err);
/* Busy intervals (start .. end + buffer) of non-cancelled appointments
 * overlapping [from, to). */
int store_busy_list(struct fd_store *store, fd_time from, fd_time to, struct busy **out,
                    size_t *count, struct fd_error *err);

/* Appointments still booked or arrived that started before `before` (and
 * after outcomes began to be recorded), oldest first: their outcome is
 * owed. */
int store_appointments_without_outcome(struct fd_store *store, fd_time before,
                                       struct fd_appointment **out, size_t *count,
                                       struct fd_error *err);
/* A named number the program keeps (setting table). */
int store_setting_set(struct fd_store *store, const char *name, int64_t value,
                      struct fd_error *err);

/* ---- the outbox ---- */
/* A list's welcome, the one message kind with no template of config.h. */
#define OUTBOX_KIND_WELCOME MESSAGE_KIND_COUNT
/* The stored name of a kind ("confirmation", "welcome"). */
const char *store_outbox_kind_name(int kind);
/* Inserts (id set, state queued). */
int store_outbox_insert(struct fd_store *store, struct fd_outbox_message *m, struct fd_error *err);
int store_outbox_get(struct fd_store *store, int64_t id, struct fd_outbox_message *out,
                     struct fd_error *err);
struct outbox_filter {
    bool unsent_only;       /* queued, sending or failed */
    fd_time due_by;         /* due at or before (0: any) */
    int kind;               /* -1: any */
    int64_t appointment_id; /* 0: any */
    int64_t client_id;      /* 0: any */
    int64_t request_id;     /* 0: any */
    int64_t waitlist_id;    /* 0: any */
    size_t limit;           /* 0: all */
};
/* By due time, then id. */
int store_outbox_list(struct fd_store *store, const struct outbox_filter *filter,
                      struct fd_outbox_message **out, size_t *count, struct fd_error *err);
/* Claims a queued or failed message for sending: 0, or 1 when another run
 * has it or it is no longer to send. */
int store_outbox_claim(struct fd_store *store, int64_t id, fd_time at, enum contact_channel channel,
                       const char *recipient, const char *reply_code, struct fd_error *err);
/* A claimed message went (sent) or did not (failed, with why). */
int store_outbox_finish(struct fd_store *store, int64_t id, bool sent, fd_time at,
                        const char *error, struct fd_error *err);
/* Voids, or puts back in the queue (due at), one message. */
int store_outbox_set_state(struct fd_store *store, int64_t id, enum outbox_state state, fd_time at,
                           struct fd_error *err);
/* Voids the queued and failed messages the filter picks (its ids; state
 * and kind are set here) whose kind is in the mask (1 << kind); *voided
 * lists their ids (allocated). */
int store_outbox_void_about(struct fd_store *store, const struct outbox_filter *about,
                            unsigned kinds, fd_time at, int64_t **voided, size_t *count,
                            struct fd_error *err);
/* The latest sent message to the client carrying the reply code: 0, or 1
 * when there is none. */
int store_outbox_by_code(struct fd_store *store, const char *code, int64_t client_id,
                         struct fd_outbox_message *out, struct fd_error *err);
/* Whether a message to the client created since `since` carries code. */
bool store_outbox_code_in_use(struct fd_store *store, int64_t client_id, const char *code,
                              fd_time since);
/* The request's answer went out at `at` (the first time counts). */
int store_request_answer_sent(struct fd_store *store, int64_t request_id, fd_time at,
                              struct fd_error *err);
/* Appointments that may be owed a reminder. */
struct reminder_candidate {
    int64_t appointment_id;
    int64_t client_id;
    fd_time start;
    fd_time scheduled_at; /* when it was booked or last moved */
};
/* Booked appointments starting in [from, to), of clients who did not opt
 * out, with no reminder planned for their start, by start. */
int store_reminder_candidates(struct fd_store *store, fd_time from, fd_time to,
                              struct reminder_candidate **out, size_t *count, struct fd_error *err);
/* Plans a reminder (kind, state and due set here; due = created): with
 * *inserted false when another run planned it first. */
int store_outbox_insert_reminder(struct fd_store *store, struct fd_outbox_message *m,
                                 bool *inserted, struct fd_error *err);

/* ---- the undo journal (journal.c) ---- */
/* The tables a change may touch, and so an undo put back. */
enum journal_table {
    JOURNAL_APPOINTMENT,
    JOURNAL_CLIENT,
    JOURNAL_REQUEST,
    JOURNAL_WAITLIST,
    JOURNAL_MESSAGE,
    JOURNAL_SHIFT_RULE,
    JOURNAL_TIME_OFF,
    JOURNAL_NOTE,
    JOURNAL_OUTBOX,
    JOURNAL_SUBSCRIPTION,
    JOURNAL_THERAPIST,
    JOURNAL_TABLE_COUNT
};
const char *store_journal_table_name(enum journal_table table);
int store_journal_table_parse(const char *name);
/* Recording, around one change (inside its transaction): the store's
 * write functions note each row before they change it (touch) or after
 * they add it (added); the end gives the journal as JSON (NULL when the
 * change touched nothing) and the ids of the audit lines it wrote. */
void store_journal_begin(struct fd_store *store);
void store_journal_stop(struct fd_store *store);
int store_journal_touch(struct fd_store *store, enum journal_table table, int64_t id,
                        struct fd_error *err);
int store_journal_added(struct fd_store *store, enum journal_table table, int64_t id,
                        struct fd_error *err);
void store_journal_audit(struct fd_store *store, int64_t audit_id);
int store_journal_end(struct fd_store *store, char **json, int64_t *audit_first,
                      int64_t *audit_last, struct fd_error *err);
/* Reading a journal back, row by row. */
struct journal_rows;
struct journal_row {
    enum journal_table table;
    int64_t id;
    bool added;          /* the change added it: the undo deletes it */
    bool gone_after;     /* the change deleted it */
    uint64_t after_hash; /* its fingerprint as the change left it */
    void *before;        /* its image before (opaque; NULL when added) */
};
/* A change that writes more rows than this keeps no record of them: it
 * cannot be undone (a big import), and store_journal_open says so. */
#define STORE_JOURNAL_MAX_ROWS 20000
int store_journal_open(const char *json, struct journal_rows **out, size_t *count,
                       struct fd_error *err);
void store_journal_close(struct journal_rows *rows);
/* -1 when the row cannot be read. */
int store_journal_row(const struct journal_rows *rows, size_t index, struct journal_row *out);
/* An integer column of the row's image before (-1: none). */
int store_journal_column(const struct journal_row *row, const char *column, int64_t *out);
/* The row's fingerprint now (*exists false: it is gone). */
int store_row_fingerprint(struct fd_store *store, enum journal_table table, int64_t id,
                          uint64_t *hash, bool *exists, struct fd_error *err);
/* Puts a row back as it was before (deletes one the change added).  The
 * columns that record what was said to the client (an appointment's
 * confirmation, a request's answer sent) are history: they keep their
 * value now, and a fingerprint leaves them out.  Refusals by the schema
 * come back as errors; see store_slot_was_taken() and
 * store_failed_on_reference(). */
int store_row_restore(struct fd_store *store, const struct journal_row *row, struct fd_error *err);
bool store_failed_on_reference(struct fd_store *store);
/* Undo records. */
int store_undo_insert(struct fd_store *store, struct fd_undo *undo, const char *data,
                      struct fd_error *err);
/* The latest change of `who` not undone: 0 (with its journal in *data,
 * allocated), or 1 when there is none. */
int store_undo_latest(struct fd_store *store, const char *who, struct fd_undo *out, char **data,
                      struct fd_error *err);
/* Marks an undo as being applied (the schema then lets states move back),
 * or done at undone_at. */
int store_undo_applying(struct fd_store *store, int64_t id, bool applying, fd_time undone_at,
                        struct fd_error *err);
int store_undo_prune(struct fd_store *store, fd_time before, struct fd_error *err);
/* The first audit line about a record after audit id `after_id`: 0, or 1
 * when there is none. */
int store_audit_since(struct fd_store *store, const char *entity, int64_t entity_id,
                      int64_t after_id, struct fd_audit_entry *out, struct fd_error *err);

/* The opening-waitlist entry was told the clinic is open, at `at`. */
int store_waitlist_notified(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err);

/* ---- mailing lists ---- */
/* Inserts (id set) unless its import key is there already (*inserted). */
int store_subscription_insert(struct fd_store *store, struct fd_subscription *s, bool *inserted,
                              struct fd_error *err);
struct subscription_filter {
    const char *list;  /* NULL: every list */
    int64_t client_id; /* 0: everyone */
    bool with_former;  /* those who left too */
};
/* By list, then name. */
int store_subscriptions(struct fd_store *store, const struct subscription_filter *filter,
                        struct fd_subscription **out, size_t *count, struct fd_error *err);
int store_subscription_get(struct fd_store *store, int64_t id, struct fd_subscription *out,
                           struct fd_error *err);
/* The client left the list at `at`; the record stays. */
int store_subscription_end(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err);

/* ---- notes ---- */
/* Inserts (id set); exactly one of client_id and appointment_id is set. */
int store_note_insert(struct fd_store *store, struct fd_note *note, struct fd_error *err);
/* Notes about a client (theirs and their appointments'), or about one
 * appointment (its own and its client's), oldest first; both 0: all. */
int store_note_list(struct fd_store *store, int64_t client_id, int64_t appointment_id,
                    struct fd_note **out, size_t *count, struct fd_error *err);

/* ---- requests ---- */
/* Inserts (id set).  A request whose import_key exists already is not
 * inserted again: *inserted tells which happened (may be NULL). */
int store_request_insert(struct fd_store *store, struct fd_request *request, bool *inserted,
                         struct fd_error *err);
int store_request_get(struct fd_store *store, int64_t id, struct fd_request *out,
                      struct fd_error *err);
/* Requests in one status, or every request when all.  Ordered by due. */
int store_request_list(struct fd_store *store, bool all, enum request_status status,
                       struct fd_request **out, size_t *count, struct fd_error *err);
int store_request_set_status(struct fd_store *store, int64_t id, enum request_status status,
                             const char *reason, fd_time answered, int64_t client_id,
                             struct fd_error *err);
/* Opens a booked request again (pending, not answered, due anew). */
int store_request_reopen(struct fd_store *store, int64_t id, fd_time due, struct fd_error *err);
int store_request_set_client(struct fd_store *store, int64_t id, int64_t client_id,
                             struct fd_error *err);
/* A client's requests, newest first. */
int store_requests_of_client(struct fd_store *store, int64_t client_id, struct fd_request **out,
                             size_t *count, struct fd_error *err);

/* ---- waitlist ---- */
int store_waitlist_insert(struct fd_store *store, struct fd_waitlist_entry *entry,
                          struct fd_error *err);
int store_waitlist_get(struct fd_store *store, int64_t id, struct fd_waitlist_entry *out,
                       struct fd_error *err);
/* Entries still on the list (waiting, or offered a slot not yet
 * answered), or every entry when all; oldest first. */
int store_waitlist_list(struct fd_store *store, bool all, struct fd_waitlist_entry **out,
                        size_t *count, struct fd_error *err);
int store_waitlist_set_status(struct fd_store *store, int64_t id, enum waitlist_status status,
                              struct fd_error *err);
/* A client's waitlist entries, newest first. */
int store_waitlist_of_client(struct fd_store *store, int64_t client_id,
                             struct fd_waitlist_entry **out, size_t *count, struct fd_error *err);

/* ---- contact messages ---- */
/* Inserts (id set).  A message whose import_key exists already is not
 * inserted again: *inserted tells which happened (may be NULL). */
int store_message_insert(struct fd_store *store, struct fd_message *message, bool *inserted,
                         struct fd_error *err);
int store_message_list(struct fd_store *store, bool include_handled, struct fd_message **out,
                       size_t *count, struct fd_error *err);
int store_message_get(struct fd_store *store, int64_t id, struct fd_message *out,
                      struct fd_error *err);
int store_message_set_handled(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err);

int store_counts(struct fd_store *store, fd_time now, struct fd_counts *out, struct fd_error *err);

/* Bulk loading (`demo --appointments N`, `import requests`): call
 * store_bulk_load_begin() before the transaction starts; it keeps statement
 * journals in memory and sets the page cache to cache_mib MiB for the rest
 * of this connection.  The inserts themselves are the ordinary ones. */
int store_bulk_load_begin(struct fd_store *store, int cache_mib, struct fd_error *err);

#endif
