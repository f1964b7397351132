/*
 * The records every layer shares: therapists, clients, appointments,
 * requests, waitlist entries, contact messages and audit lines, as plain
 * structs with fixed-size text fields.  The store fills them, operations
 * check and change them, the command line and the interface show them.
 * Their states are the named constants of state.h.
 *
 * Lists of records are one allocated array that the caller frees with
 * free().
 */
#ifndef FRONTDESK_RECORDS_H
#define FRONTDESK_RECORDS_H

#include <frontdesk/date.h>
#include <frontdesk/rota.h>
#include <frontdesk/state.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FD_HANDLE_SIZE  33
#define FD_NAME_SIZE    128
#define FD_EMAIL_SIZE   256
#define FD_PHONE_SIZE   64
#define FD_SERVICE_SIZE 96
#define FD_STATUS_SIZE  16
#define FD_TEXT_SIZE    512

struct fd_audit_entry {
    int64_t id;
    fd_time at;
    char who[64];
    char what[FD_TEXT_SIZE];
    char entity[32];
    int64_t entity_id;
};

struct fd_therapist {
    int64_t id;
    char handle[FD_HANDLE_SIZE];
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    bool active;
};

struct fd_time_off_record {
    struct time_off off;
    char reason[FD_TEXT_SIZE];
};

/* How a client wants to hear from the clinic. */
enum contact_channel { CONTACT_EMAIL, CONTACT_SMS };

struct fd_client {
    int64_t id;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char notes[FD_TEXT_SIZE];
    enum contact_channel contact;
    fd_time no_reminders_at; /* opted out of reminders then (0: not) */
};

/* Who cancelled an appointment: the client (their request, if any, is
 * withdrawn; late cancellations owe a fee) or the clinic (their request is
 * open again: the desk owes them a new slot). */
enum cancelled_by { CANCELLED_BY_CLIENT, CANCELLED_BY_CLINIC };

struct fd_appointment {
    int64_t id;
    int64_t therapist_id;
    int64_t clinic_id;
    int room;
    int64_t client_id;
    int64_t request_id;  /* 0: none */
    int64_t waitlist_id; /* the waitlist entry it was booked from; 0: none */
    char service[FD_SERVICE_SIZE];
    int minutes;
    int price_pence;
    int buffer;
    fd_time start;
    fd_time end;
    enum appointment_status status;
    enum confirmation_state confirmation;
    fd_time confirmation_at; /* 0: never */
    char confirmation_via[FD_STATUS_SIZE];
    char confirmation_error[FD_TEXT_SIZE];
    bool forced;
    fd_time created;
    int64_t series_id;           /* 0: not one of a series of repeating sessions */
    fd_time scheduled_at;        /* when it was booked or last moved */
    fd_time client_confirmed_at; /* the client confirmed it (by text); 0: not */
    /* Its outcome: when it was recorded (0: none yet), and for a
     * cancellation who made it, why, and whether it was late. */
    fd_time outcome_at;
    enum cancelled_by cancelled_by;
    char cancel_reason[FD_TEXT_SIZE];
    bool late;
    int fee_pence; /* owed for a no-show or late cancellation */
    char fee_note[FD_TEXT_SIZE];
    /* What an offer took off: the price before it (0: no offer), and the
     * offer's name. */
    int list_price_pence;
    char offer[FD_NAME_SIZE];
    /* Worked out, not stored: the appointment lies outside its therapist's
     * shifts (ops_day() and the worklist fill it). */
    bool outside_rota;
    /* Joined for display, filled by the list and get functions. */
    char therapist[FD_HANDLE_SIZE];
    char therapist_name[FD_NAME_SIZE];
    char clinic[FD_NAME_SIZE];
    char client[FD_NAME_SIZE];
    char client_email[FD_EMAIL_SIZE];
    char client_phone[FD_PHONE_SIZE];
};

struct fd_note {
    int64_t id;
    int64_t client_id;      /* a note on the client, or 0 */
    int64_t appointment_id; /* a note on one appointment, or 0 */
    fd_time at;
    char who[64];
    char text[FD_TEXT_SIZE];
    /* Joined for display: the client (of the appointment, for one). */
    int64_t about_client_id;
    char client[FD_NAME_SIZE];
};

/* A message owed to a client (outbox.h).  kind is an enum message_kind
 * of config.h. */
struct fd_outbox_message {
    int64_t id;
    int kind;
    int64_t client_id;
    int64_t appointment_id; /* the appointment it is about, or 0 */
    int64_t request_id;     /* the request it answers, or 0 */
    int64_t waitlist_id;    /* the waitlist entry it tells, or 0 */
    int64_t subscription_id;
    fd_time for_start;    /* reminder: the start it reminds of; offer: the slot offered */
    fd_time old_start;    /* change: the time it moved from */
    int64_t therapist_id; /* offer: who would see them */
    int64_t clinic_id;    /* offer: where */
    char service[FD_SERVICE_SIZE];
    char details[FD_TEXT_SIZE]; /* a reason, a correction */
    char reply_code[8];
    enum outbox_state state;
    fd_time due;
    fd_time created;
    enum contact_channel channel;  /* once tried: how it went */
    char recipient[FD_EMAIL_SIZE]; /* once tried: the address or number */
    fd_time claimed_at;
    fd_time sent_at;
    int attempts;
    char error[FD_TEXT_SIZE];
    /* Joined for display. */
    char client[FD_NAME_SIZE];
    char client_email[FD_EMAIL_SIZE];
    char client_phone[FD_PHONE_SIZE];
    enum contact_channel client_contact;
    fd_time appointment_start; /* 0 when not about an appointment */
};

/* A client's consent to a mailing list (the config's `list` sections). */
struct fd_subscription {
    int64_t id;
    int64_t client_id;
    char list[FD_NAME_SIZE];
    char frequency[32]; /* "" when the list offers no choice */
    char source[16];    /* "web" or "desk" */
    fd_time subscribed_at;
    fd_time unsubscribed_at; /* 0: still subscribed */
    char import_key[80];     /* set when imported from a file */
    /* Joined for display. */
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
};

/* A change a desk may undo: who made it and when, what it was (the first
 * line it wrote to the audit log), and the audit lines it wrote. */
struct fd_undo {
    int64_t id;
    fd_time at;
    char who[64];
    char kind[32];
    char summary[FD_TEXT_SIZE];
    int64_t audit_from, audit_to;
    fd_time undone_at; /* 0: not undone */
};

/* Which appointments a listing wants. */
struct fd_appointment_filter {
    fd_time from;         /* start >= from */
    fd_time to;           /* start < to */
    int64_t therapist_id; /* 0: all */
    int64_t client_id;    /* 0: all */
    bool include_cancelled;
    bool confirmation_queue; /* only unsent/failed, not cancelled */
    int64_t series_id;       /* 0: all */
};

#define FD_PREFER_CODE_SIZE 2048
struct fd_request {
    int64_t id;
    int64_t client_id; /* the client these details belong to (identity.h) */
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char contact[8]; /* "email" or "sms" as asked when added; "": not said */
    char service[FD_SERVICE_SIZE];
    char prefer[FD_TEXT_SIZE];                /* as typed */
    char prefer_windows[FD_PREFER_CODE_SIZE]; /* prefer_encode(); empty when not understood */
    bool prefer_not_understood;               /* the text could not be read */
    int64_t therapist_id;                     /* preferred; 0: anyone */
    char therapist[FD_HANDLE_SIZE];
    fd_time received;
    fd_time due;
    char source[FD_STATUS_SIZE]; /* one of REQUEST_SOURCES */
    enum request_status status;
    char message[FD_TEXT_SIZE * 4]; /* as long as a contact message's */
    char reason[FD_TEXT_SIZE];
    fd_time answered;       /* 0: not yet */
    fd_time answer_sent_at; /* the answer went out to the client; 0: not yet */
    char import_key[80];
};

/* Where a request came from, as stored and typed; the first is the
 * default. */
#define REQUEST_SOURCE_COUNT 4
extern const char *const REQUEST_SOURCES[REQUEST_SOURCE_COUNT];

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
    enum waitlist_status status;
    /* An entry with no service ("") waits for the clinic to open for
     * bookings; notified_at is when it was told (0: not yet). */
    fd_time notified_at;
};

struct fd_message {
    int64_t id;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char text[FD_TEXT_SIZE * 4];
    fd_time received;
    fd_time handled;           /* 0: not yet */
    char import_key[80];       /* set when imported from a file */
    char phone[FD_PHONE_SIZE]; /* a text message's sender ("" for email) */
};

/* Counts for the interface's header. */
struct fd_counts {
    int pending;
    int overdue;
    int unsent;
    int messages; /* contact messages and texts not yet handled */
};

#endif
