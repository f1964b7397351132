/*
 * The store: the only code that speaks SQL.  One SQLite database holds
 * every entity; this module opens it (creating it with mode 0600), migrates
 * it (PRAGMA user_version), runs transactions with retries, and offers one
 * function per query.  Statements are prepared once per connection and
 * always bound, never formatted with user data.
 *
 * No double booking is guaranteed here, by triggers in the schema: an
 * appointment that overlaps another non-cancelled one of the same
 * therapist, or of the same room of a clinic, is refused by the database
 * itself, whichever desk or program inserts it.  Writers take the write
 * lock up front (BEGIN IMMEDIATE), so the check and the insert are one
 * atomic step.
 *
 * Records are plain structs with fixed-size text fields; list functions
 * allocate one array that the caller frees with free().
 */
#ifndef FRONTDESK_STORE_H
#define FRONTDESK_STORE_H

#include <frontdesk/config.h>
#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/rota.h>
#include <frontdesk/slots.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fd_store;

#define FD_HANDLE_SIZE  33
#define FD_NAME_SIZE    128
#define FD_EMAIL_SIZE   256
#define FD_PHONE_SIZE   64
#define FD_SERVICE_SIZE 96
#define FD_STATUS_SIZE  16
#define FD_TEXT_SIZE    512

/* Opens (and creates, unless read_only) the database at path, migrating it
 * to the current schema.  A new file gets mode 0600 and its folder 0700. */
int store_open(const char *path, bool read_only, struct fd_store **out, struct fd_error *err);
void store_close(struct fd_store *store);
int store_schema_version(struct fd_store *store);
/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t store_data_version(struct fd_store *store);

/* One write transaction: BEGIN IMMEDIATE, retried while another desk holds
 * the lock; FD_ERR_BUSY when it never frees. */
int store_begin(struct fd_store *store, struct fd_error *err);
int store_commit(struct fd_store *store, struct fd_error *err);
void store_rollback(struct fd_store *store);
/* A read snapshot (BEGIN DEFERRED): consistent reads across queries. */
int store_begin_read(struct fd_store *store, struct fd_error *err);

/* Makes the clinic table match the config (adds new clinics, updates rooms)
 * and fills each clinic's id.  Read-only stores only fill the ids. */
int store_sync_clinics(struct fd_store *store, struct fd_config *config, struct fd_error *err);

/* ---- audit ---- */
int store_audit(struct fd_store *store, fd_time at, const char *who, const char *what,
                const char *entity, int64_t entity_id, struct fd_error *err);
struct fd_audit_entry {
    int64_t id;
    fd_time at;
    char who[64];
    char what[FD_TEXT_SIZE];
    char entity[32];
    int64_t entity_id;
};
int store_audit_list(struct fd_store *store, size_t limit, struct fd_audit_entry **out,
                     size_t *count, struct fd_error *err);

/* ---- therapists ---- */
struct fd_therapist {
    int64_t id;
    char handle[FD_HANDLE_SIZE];
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    bool active;
};
int store_therapist_insert(struct fd_store *store, struct fd_therapist *therapist,
                           struct fd_error *err);
/* 0 and *out filled, or -FD_ERR_DATA "no therapist with the handle …". */
int store_therapist_find(struct fd_store *store, const char *handle, struct fd_therapist *out,
                         struct fd_error *err);
int store_therapist_list(struct fd_store *store, struct fd_therapist **out, size_t *count,
                         struct fd_error *err);

/* ---- rota ---- */
int store_rule_insert(struct fd_store *store, struct rota_rule *rule, struct fd_error *err);
int store_rule_delete(struct fd_store *store, int64_t id, struct fd_error *err);
int store_rule_get(struct fd_store *store, int64_t id, struct rota_rule *out, struct fd_error *err);
/* Rules of one therapist, or of everyone when therapist_id is 0. */
int store_rule_list(struct fd_store *store, int64_t therapist_id, struct rota_rule **out,
                    size_t *count, struct fd_error *err);
struct fd_time_off_record {
    struct time_off off;
    char reason[FD_TEXT_SIZE];
};
int store_time_off_insert(struct fd_store *store, struct time_off *off, const char *reason,
                          struct fd_error *err);
/* Time off overlapping [from, to), of one therapist or everyone (0). */
int store_time_off_list(struct fd_store *store, int64_t therapist_id, fd_time from, fd_time to,
                        struct fd_time_off_record **out, size_t *count, struct fd_error *err);
int store_time_off_delete(struct fd_store *store, int64_t id, struct fd_error *err);

/* ---- clients ---- */
struct fd_client {
    int64_t id;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char notes[FD_TEXT_SIZE];
};
/* Finds a client by email (case-insensitive) or else phone; *id is 0 when
 * neither matches. */
int store_client_find(struct fd_store *store, const char *email, const char *phone, int64_t *id,
                      struct fd_error *err);
/* Finds a client by email (case-insensitive) or else phone; creates one
 * when neither matches.  Fills the missing phone of a found client. */
int store_client_find_or_create(struct fd_store *store, const char *name, const char *email,
                                const char *phone, int64_t *id, struct fd_error *err);
int store_client_get(struct fd_store *store, int64_t id, struct fd_client *out,
                     struct fd_error *err);
/* Clients whose name, email or phone contains text (case-insensitive). */
int store_client_search(struct fd_store *store, const char *text, size_t limit,
                        struct fd_client **out, size_t *count, struct fd_error *err);

/* ---- appointments ---- */
struct fd_appointment {
    int64_t id;
    int64_t therapist_id;
    int64_t clinic_id;
    int room;
    int64_t client_id;
    int64_t request_id; /* 0: none */
    char service[FD_SERVICE_SIZE];
    int minutes;
    int price_pence;
    int buffer;
    fd_time start;
    fd_time end;
    char status[FD_STATUS_SIZE];       /* booked, cancelled, completed, no-show */
    char confirmation[FD_STATUS_SIZE]; /* unsent, sent, failed */
    fd_time confirmation_at;           /* 0: never */
    char confirmation_via[FD_STATUS_SIZE];
    char confirmation_error[FD_TEXT_SIZE];
    bool forced;
    fd_time created;
    /* Joined for display, filled by the list and get functions. */
    char therapist[FD_HANDLE_SIZE];
    char therapist_name[FD_NAME_SIZE];
    char clinic[FD_NAME_SIZE];
    char client[FD_NAME_SIZE];
    char client_email[FD_EMAIL_SIZE];
};

/* Inserts and sets ->id.  The schema's triggers refuse overlaps:
 * -FD_ERR_RULE "that slot was just taken …". */
int store_appointment_insert(struct fd_store *store, struct fd_appointment *appointment,
                             struct fd_error *err);
int store_appointment_get(struct fd_store *store, int64_t id, struct fd_appointment *out,
                          struct fd_error *err);
struct fd_appointment_filter {
    fd_time from;         /* start >= from */
    fd_time to;           /* start < to */
    int64_t therapist_id; /* 0: all */
    int64_t client_id;    /* 0: all */
    bool include_cancelled;
    bool confirmation_queue; /* only unsent/failed, not cancelled */
};
/* Ordered by start, then therapist. */
int store_appointment_list(struct fd_store *store, const struct fd_appointment_filter *filter,
                           struct fd_appointment **out, size_t *count, struct fd_error *err);
int store_appointment_set_status(struct fd_store *store, int64_t id, const char *status,
                                 struct fd_error *err);
int store_appointment_set_confirmation(struct fd_store *store, int64_t id, const char *state,
                                       fd_time at, const char *via, const char *error,
                                       struct fd_error *err);
/* Busy intervals (start .. end + buffer) of non-cancelled appointments
 * overlapping [from, to). */
int store_busy_list(struct fd_store *store, fd_time from, fd_time to, struct busy **out,
                    size_t *count, struct fd_error *err);
/* The client's most recent therapist, or 0. */
int64_t store_client_last_therapist(struct fd_store *store, int64_t client_id);

/* ---- requests ---- */
#define FD_PREFER_CODE_SIZE 2048
struct fd_request {
    int64_t id;
    int64_t client_id; /* 0 until booked */
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char service[FD_SERVICE_SIZE];
    char prefer[FD_TEXT_SIZE];                /* as typed */
    char prefer_windows[FD_PREFER_CODE_SIZE]; /* prefer_encode() */
    int64_t therapist_id;                     /* preferred; 0: anyone */
    char therapist[FD_HANDLE_SIZE];
    fd_time received;
    fd_time due;
    char source[FD_STATUS_SIZE]; /* web, phone, email, walk-in */
    char status[FD_STATUS_SIZE]; /* pending, booked, declined, withdrawn */
    char message[FD_TEXT_SIZE];
    char reason[FD_TEXT_SIZE];
    fd_time answered; /* 0: not yet */
    char import_key[80];
};
/* Inserts (id set).  A request whose import_key exists already is not
 * inserted again: *inserted tells which happened (may be NULL). */
int store_request_insert(struct fd_store *store, struct fd_request *request, bool *inserted,
                         struct fd_error *err);
int store_request_get(struct fd_store *store, int64_t id, struct fd_request *out,
                      struct fd_error *err);
/* status NULL: every request; otherwise that status.  Ordered by due. */
int store_request_list(struct fd_store *store, const char *status, struct fd_request **out,
                       size_t *count, struct fd_error *err);
int store_request_set_status(struct fd_store *store, int64_t id, const char *status,
                             const char *reason, fd_time answered, int64_t client_id,
                             struct fd_error *err);

/* ---- waitlist ---- */
struct fd_waitlist_entry {
    int64_t id;
    int64_t client_id;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char service[FD_SERVICE_SIZE];
    int64_t clinic_id;    /* 0: any */
    int64_t therapist_id; /* 0: any */
    char therapist[FD_HANDLE_SIZE];
    char prefer[FD_TEXT_SIZE];
    char prefer_windows[FD_PREFER_CODE_SIZE];
    fd_time added;
    int64_t request_id;
    char status[FD_STATUS_SIZE]; /* waiting, offered, booked, removed */
};
int store_waitlist_insert(struct fd_store *store, struct fd_waitlist_entry *entry,
                          struct fd_error *err);
int store_waitlist_get(struct fd_store *store, int64_t id, struct fd_waitlist_entry *out,
                       struct fd_error *err);
/* status NULL: all; ordered oldest first. */
int store_waitlist_list(struct fd_store *store, const char *status, struct fd_waitlist_entry **out,
                        size_t *count, struct fd_error *err);
int store_waitlist_set_status(struct fd_store *store, int64_t id, const char *status,
                              struct fd_error *err);

/* ---- contact messages ---- */
struct fd_message {
    int64_t id;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char text[FD_TEXT_SIZE * 4];
    fd_time received;
    fd_time handled;     /* 0: not yet */
    char import_key[80]; /* set when imported from a file */
};
/* Inserts (id set).  A message whose import_key exists already is not
 * inserted again: *inserted tells which happened (may be NULL). */
int store_message_insert(struct fd_store *store, struct fd_message *message, bool *inserted,
                         struct fd_error *err);
int store_message_list(struct fd_store *store, bool include_handled, struct fd_message **out,
                       size_t *count, struct fd_error *err);
int store_message_set_handled(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err);

/* Counts for the header. */
struct fd_counts {
    int pending;
    int overdue;
    int unsent;
};
int store_counts(struct fd_store *store, fd_time now, struct fd_counts *out, struct fd_error *err);

/* Bulk loading (`demo --appointments N`, `import requests`): call
 * store_bulk_load_begin() before the transaction starts; it keeps statement
 * journals in memory and sets the page cache to cache_mib MiB for the rest
 * of this connection.  The inserts themselves are the ordinary ones. */
int store_bulk_load_begin(struct fd_store *store, int cache_mib, struct fd_error *err);

#endif
