/*
 * Confirmations (SPEC §1 rule 8): the queue of upcoming appointments whose
 * confirmation has not gone out, the message rendered from the config's
 * template, sending it through the configured sendmail command, and
 * marking a confirmation given by phone or in person.
 *
 * Sending never holds the database's write lock while sendmail runs: the
 * message is rendered and piped outside any transaction, and the outcome is
 * recorded afterwards in a short transaction of its own, one per
 * appointment, with an audit line.  A failure is recorded as `failed` with
 * the error kept, so the appointment stays in the queue; nothing is
 * silently dropped.  Like every operation these return results and never
 * print.
 */
#ifndef FRONTDESK_CONFIRM_H
#define FRONTDESK_CONFIRM_H

#include <frontdesk/ops.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Upcoming (start >= now) booked appointments whose confirmation is
 * failed or unsent, failed first, then unsent, each by start; with `all`,
 * every upcoming booked appointment, the sent ones last.  Allocates *out
 * (free with free()). */
int ops_confirmations(struct fd_context *ctx, bool all, struct fd_appointment **out, size_t *count,
                      struct fd_error *err);

/* The confirmation of one appointment as an RFC 5322 message, ready for
 * `sendmail -t` (allocated; free with free()).  -FD_ERR_CONFIG naming the
 * template for a bad template, -FD_ERR_RULE when the client has no email
 * address. */
int ops_confirmation_render(struct fd_context *ctx, const struct fd_appointment *appointment,
                            char **out, struct fd_error *err);

/* What happened to one appointment's confirmation. */
enum confirmation_outcome {
    SEND_NOT_TRIED,  /* the run stopped before reaching it */
    SEND_SENT,       /* sendmail took it (dry run: it would be sent) */
    SEND_FAILED,     /* recorded as failed: it stays in the queue */
    SEND_UNSENDABLE, /* no email address: nothing was tried or recorded */
    SEND_SKIPPED,    /* another desk sent or cancelled it meanwhile */
};
struct confirmation_result {
    struct fd_appointment appointment;
    enum confirmation_outcome outcome;
    char *message; /* the rendered message (NULL when unsendable) */
    char error[FD_TEXT_SIZE];
};
struct confirmation_report {
    struct confirmation_result *items;
    size_t count;
    size_t sent;
    size_t failed; /* failed and unsendable */
    size_t skipped;
    bool stopped; /* the progress callback asked to stop: the rest are SEND_NOT_TRIED */
};
void confirmation_report_free(struct confirmation_report *report);

/* Sends the confirmation of one appointment (id > 0; it may be sent again
 * even when it was sent before) or of the whole queue (id 0).  With
 * dry_run the messages are rendered into the report and nothing is sent
 * or changed.  The report is filled even when this fails; when any
 * confirmation failed or could not be sent it returns -FD_ERR_RULE saying
 * how many, so that a script notices.  A bad template fails before anything
 * is sent. */
struct send_options {
    bool dry_run;
    /* Called before each message (done of total) and about ten times a
     * second while one is on its way, so that a screen stays alive; false
     * stops the run once the message under way is done.  May be NULL. */
    bool (*progress)(void *data, size_t done, size_t total);
    void *progress_data;
};
int ops_confirm_send(struct fd_context *ctx, int64_t id, const struct send_options *options,
                     struct confirmation_report *report, struct fd_error *err);

/* Runs the mail program argv (argv[0] looked up in PATH, no shell) with
 * message on its standard input.  true when it exited with status 0 after
 * taking the whole message; otherwise false with error saying why, e.g.
 * "sendmail exited with status 75: <the first line it printed>", "sendmail:
 * cannot start "/usr/sbin/sendmail": No such file or directory".  A program
 * still running after timeout_seconds (the config's sendmail_timeout) is
 * killed.  No database access. */
bool confirm_sendmail(char *const argv[], const char *message, int timeout_seconds, char *error,
                      size_t size);

/* Records a confirmation given by hand: via "phone" (the default when
 * NULL) or "in-person".  Only booked appointments; *out (may be NULL)
 * receives the appointment as recorded. */
int ops_confirm_mark_sent(struct fd_context *ctx, int64_t id, const char *via,
                          struct fd_appointment *out, struct fd_error *err);

#endif
