/*
 * Mailing lists (the config's `list` sections): consent recorded when a
 * client joins (when, where from, for which list, how often), kept when
 * they leave, so the clinic can show both; the subscribers of a list for
 * whatever newsletter tool the clinic uses; a list's welcome message with
 * its gift, through the outbox.  Who is the same client is identity.h's
 * rule (email and name).
 */
#ifndef FRONTDESK_LISTS_H
#define FRONTDESK_LISTS_H

#include <frontdesk/ops.h>

#include <stdbool.h>
#include <stdio.h>

/* A sign-up as typed or imported; every field is text so that errors can
 * name it ("email: …"). */
struct subscribe_input {
    const char *name;
    const char *email;
    const char *list;
    const char *frequency;  /* one of the list's; NULL: its first */
    const char *subscribed; /* "YYYY-MM-DD HH:MM"; NULL or empty: now */
    const char *source;     /* "web" or "desk"; NULL: desk */
};
/* Checks an input into a subscription ready to store (client_id 0; name
 * and email filled).  Errors start with the field's name. */
int ops_subscribe_check(struct fd_context *ctx, const struct subscribe_input *in,
                        struct fd_subscription *out, struct fd_error *err);

struct subscribe_result {
    struct fd_subscription subscription;
    bool already;       /* they were subscribed: nothing changed */
    int64_t welcome_id; /* the welcome queued in the outbox, or 0 */
};
int ops_subscribe(struct fd_context *ctx, const struct subscribe_input *in,
                  struct subscribe_result *out, struct fd_error *err);
/* Ends every current subscription of the clients with this email (to one
 * list, or to all with list NULL); the records stay.  *count receives how
 * many ended; none is -FD_ERR_RULE. */
int ops_unsubscribe(struct fd_context *ctx, const char *email, const char *list, size_t *count,
                    struct fd_error *err);
/* Current subscribers (with former, those who left too), by list and
 * name.  list NULL: every list. */
int ops_subscribers(struct fd_context *ctx, const char *list, bool former,
                    struct fd_subscription **out, size_t *count, struct fd_error *err);

/* The CSV of current subscribers (never one who left): header
 * "name,email,list,frequency,subscribed,source", CRLF line ends. */
#define SUBSCRIBERS_CSV_HEADER "name,email,list,frequency,subscribed,source"
int ops_export_subscribers(struct fd_context *ctx, const char *list, FILE *out, size_t *count,
                           struct fd_error *err);

#endif
