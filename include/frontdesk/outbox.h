/*
 * Telling clients: the outbox of every message the clinic owes a client,
 * sending it by email or text, reminders, and the clients' text replies.
 *
 * Operations queue messages as they change things (a booking queues a
 * confirmation, a move a change, the clinic's cancellation a cancellation,
 * a decline a decline, putting a request on the waitlist a note; a
 * client's own cancellation voids what was still to go).  Nothing is sent
 * then: `send` (or `confirm send`, or `remind` for reminders) renders each
 * due message from its kind's template, chooses the channel the client
 * prefers and can be reached on, and runs the mail program or the SMS
 * command with no transaction open.  Each message is claimed first
 * (sending) in a short transaction of its own, so two runs at once never
 * both send it; its outcome is recorded after, sent or failed with the
 * error (a failed one is tried again by the next run).  One left sending
 * by a crash may or may not have gone: it is shown as interrupted and is
 * never sent again by itself; the desk retries or voids it.
 */
#ifndef FRONTDESK_OUTBOX_H
#define FRONTDESK_OUTBOX_H

#include <frontdesk/ops.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the outbox ---- */

/* Messages still to go (queued, failed, interrupted), by due time; with
 * all, every message, newest last.  kind -1: any. */
int ops_outbox(struct fd_context *ctx, bool all, int kind, struct fd_outbox_message **out,
               size_t *count, struct fd_error *err);
int ops_outbox_get(struct fd_context *ctx, int64_t id, struct fd_outbox_message *out,
                   struct fd_error *err);
/* A message left sending by a run that never came back: it may have gone. */
bool ops_outbox_interrupted(const struct fd_context *ctx, const struct fd_outbox_message *m);
/* The desk gives up on a message (queued, failed or interrupted). */
int ops_outbox_void(struct fd_context *ctx, int64_t id, struct fd_error *err);
/* The desk sends an interrupted message again (it goes with the next run;
 * a failed one is tried again anyway). */
int ops_outbox_retry(struct fd_context *ctx, int64_t id, struct fd_error *err);
/* The name of a kind ("confirmation"), and the kind of a name (-1). */
const char *ops_message_kind_name(int kind);
int ops_message_kind_parse(const char *name);

/* ---- rendering ---- */

/* A message as it would go now: the channel and recipient the client is
 * reached on, and the text (an RFC 5322 email for sendmail -t, or the SMS
 * text).  -FD_ERR_RULE when the client cannot be reached; -FD_ERR_CONFIG
 * for a bad template. */
struct rendered_message {
    enum contact_channel channel;
    char recipient[FD_EMAIL_SIZE];
    char *text; /* allocated */
};
int ops_message_render(struct fd_context *ctx, const struct fd_outbox_message *m,
                       struct rendered_message *out, struct fd_error *err);
void rendered_message_free(struct rendered_message *r);
/* Whether a client with this email and phone can be sent anything: a
 * valid email address, or a mobile number when texts are set up. */
bool ops_reachable(const struct fd_context *ctx, const char *email, const char *phone);

/* ---- sending ---- */

enum send_outcome {
    SEND_NOT_TRIED,  /* the run stopped before reaching it */
    SEND_SENT,       /* the program took it (dry run: it would be sent) */
    SEND_FAILED,     /* recorded as failed: it stays in the queue */
    SEND_UNSENDABLE, /* the client cannot be reached: nothing tried, it waits queued */
    SEND_SKIPPED,    /* another run has it, or it no longer applies (voided) */
};
struct send_result {
    struct fd_outbox_message message;
    struct fd_appointment appointment; /* the one it is about (id 0: none) */
    enum send_outcome outcome;
    enum contact_channel channel;
    char recipient[FD_EMAIL_SIZE];
    char *text; /* the rendered message (NULL when unsendable) */
    char error[FD_TEXT_SIZE];
};
struct send_report {
    struct send_result *items;
    size_t count;
    size_t sent;
    size_t failed; /* failed and unsendable */
    size_t skipped;
    bool stopped; /* the progress callback asked to stop: the rest are SEND_NOT_TRIED */
};
void send_report_free(struct send_report *report);

struct send_options {
    bool dry_run; /* render into the report; send and change nothing */
    /* Called before each message (done of total) and about ten times a
     * second while one is on its way, so that a screen stays alive; false
     * stops the run once the message under way is done.  May be NULL. */
    bool (*progress)(void *data, size_t done, size_t total);
    void *progress_data;
};

/* Which messages a run sends: those due now (queued, and failed ones
 * again) whose kind is in kinds (a mask of 1 << kind; 0: every kind), or
 * the one message named. */
struct send_selection {
    unsigned kinds;
    int64_t message_id;
};
/* Sends the selection.  Every message is rendered before any is sent, so
 * a bad template stops the run before anything leaves.  The report is
 * filled even when this fails; when any message failed or could not be
 * sent it returns -FD_ERR_RULE saying how many, so that a script notices. */
int ops_send(struct fd_context *ctx, const struct send_selection *selection,
             const struct send_options *options, struct send_report *report, struct fd_error *err);

/* Plans the reminders now due (at reminder_time, reminder_working_days
 * working days before each appointment; none when that moment had passed
 * when it was booked or moved, none to a client who opted out, never two
 * for one appointment and start) and sends them.  With dry_run, shows
 * what would go and plans nothing. */
int ops_remind(struct fd_context *ctx, const struct send_options *options,
               struct send_report *report, struct fd_error *err);
/* How many reminders are due now and not yet planned (what remind would
 * plan): the finding alone, for a look or a benchmark. */
int ops_reminders_due(struct fd_context *ctx, size_t *count, struct fd_error *err);
/* When the reminder of an appointment starting at start is due (0: it
 * never is, as with a start too close to any working day). */
fd_time ops_reminder_due(const struct fd_context *ctx, fd_time start);

/* ---- replies by text ---- */

enum reply_action {
    REPLY_CONFIRMED, /* "C code": the client confirmed the appointment */
    REPLY_CANCELLED, /* "X code": the client cancelled it */
    REPLY_TOOK_SLOT, /* "Y code": the offered slot is theirs, booked */
    REPLY_SLOT_GONE, /* "Y code", too late: they are told it was taken */
    REPLY_OPTED_OUT, /* "STOP": no more reminders to that number */
    REPLY_TO_INBOX,  /* anything else: a contact message for the desk */
};
struct reply_result {
    enum reply_action action;
    int64_t client_id;      /* 0: nobody has that number */
    int64_t appointment_id; /* confirmed, cancelled or booked */
    int64_t message_id;     /* REPLY_TO_INBOX: the contact message */
    char summary[FD_TEXT_SIZE];
};
/* What a gateway calls with a text a client sent.  The number may be
 * typed any way; an unknown number or an unreadable text becomes a
 * contact message in the inbox. */
int ops_reply(struct fd_context *ctx, const char *from, const char *text, struct reply_result *out,
              struct fd_error *err);

/* Offers a free slot to a waitlist entry by message, with a reply code;
 * the slot is not held.  therapist_id 0: the entry's therapist. */
struct slot_offer {
    int64_t entry_id;
    fd_time start;
    int64_t therapist_id;
    const struct fd_clinic *clinic; /* NULL: where the therapist's shift is */
};
int ops_waitlist_offer(struct fd_context *ctx, const struct slot_offer *offer,
                       struct fd_outbox_message *out, struct fd_error *err);

#endif
