/*
 * Confirmations (SPEC §1 rule 8): the queue of upcoming appointments whose
 * confirmation has not gone out, sending it (through the outbox, outbox.h)
 * and marking a confirmation given by phone or in person.  An
 * appointment's confirmation state sums up its messages: unsent while a
 * confirmation or change is still to go, sent once the latest went, failed
 * when it failed.  Like every operation these return results and never
 * print.
 */
#ifndef FRONTDESK_CONFIRM_H
#define FRONTDESK_CONFIRM_H

#include <frontdesk/ops.h>
#include <frontdesk/outbox.h>

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

/* Sends the confirmation of one appointment (id > 0): its confirmation or
 * change message still to go, or a new confirmation when none is (it may
 * be sent again even when it was sent before); or (id 0) every
 * confirmation and change message due.  As ops_send() (outbox.h). */
int ops_confirm_send(struct fd_context *ctx, int64_t id, const struct send_options *options,
                     struct send_report *report, struct fd_error *err);

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
