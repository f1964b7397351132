/*
 * Clients: looking people up, their history, correcting their details and
 * merging two records that are one person.  Who is the same client is
 * identity.h's rule; these operations never merge anyone on their own: a
 * merge is asked for by name (two ids) and written to the audit log.
 */
#ifndef FRONTDESK_CLIENTS_H
#define FRONTDESK_CLIENTS_H

#include <frontdesk/ops.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int ops_client_get(struct fd_context *ctx, int64_t id, struct fd_client *out, struct fd_error *err);

/* Everyone else with this email address (a family shares one); exclude_id
 * (0: none) leaves one client out.  Allocates *out. */
int ops_clients_at_address(struct fd_context *ctx, const char *email, int64_t exclude_id,
                           struct fd_client **out, size_t *count, struct fd_error *err);

/* A client with everything the desk has of them, read in one snapshot. */
struct client_history {
    struct fd_client client;
    struct fd_appointment *appointments; /* oldest first, cancelled ones too */
    size_t appointment_count;
    struct fd_request *requests; /* newest first */
    size_t request_count;
    struct fd_waitlist_entry *waitlist; /* newest first */
    size_t waitlist_count;
    struct fd_client *same_address; /* others with the same email */
    size_t same_address_count;
};
int ops_client_history(struct fd_context *ctx, int64_t id, struct client_history *out,
                       struct fd_error *err);
void client_history_free(struct client_history *history);

/* What to change; NULL leaves a detail as it is, "" clears phone. */
struct client_change {
    const char *name;
    const char *email;
    const char *phone;
    const char *contact; /* "email" or "sms" */
};
/* Corrects a client's details.  Refused (-FD_ERR_RULE) when the new details
 * are another client's (identity.h): merge those two instead.  *out (may
 * be NULL) receives the client as saved. */
int ops_client_edit(struct fd_context *ctx, int64_t id, const struct client_change *change,
                    struct fd_client *out, struct fd_error *err);

/* What a merge moved. */
struct client_merge {
    struct fd_client kept;
    int64_t appointments;
    int64_t requests;
    int64_t waitlist_entries;
};
/* Makes other part of keep: its appointments, requests and waitlist
 * entries move to keep, a missing phone is taken over, and other is
 * removed.  Audited on both. */
int ops_client_merge(struct fd_context *ctx, int64_t keep, int64_t other, struct client_merge *out,
                     struct fd_error *err);

#endif
