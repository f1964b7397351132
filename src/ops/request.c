/*
 * Booking requests and contact messages: checking what was typed or
 * imported, storing it with its reply promise (due time), listing by due
 * time, and answering (declining, or moving the client to the waitlist).
 * Booking a request is ops_book() with booking.request_id set.
 */
#include "ops_internal.h"

#include <frontdesk/prefer.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_text(const char *field, const char *value, char *out, size_t size,
                      bool allow_newline, struct fd_error *err)
{
    text_copy_trimmed(out, size, value);
    if (value && strlen(value) >= size)
        return fd_fail(err, FD_ERR_DATA, "%s: longer than %zu bytes", field, size - 1);
    if (!text_is_clean_utf8(out, strlen(out), allow_newline))
        return fd_fail(err, FD_ERR_DATA, "%s: not valid UTF-8 text (or has control characters)",
                       field);
    return 0;
}

int ops_request_check(struct fd_context *ctx, const struct request_input *in,
                      struct fd_request *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = check_text("name", in->name, out->name, sizeof out->name, false, err);
    if (rc == 0 && !out->name[0])
        rc = fd_fail(err, FD_ERR_DATA, "name: is empty");
    if (rc == 0)
        rc = check_text("email", in->email, out->email, sizeof out->email, false, err);
    if (rc == 0)
        rc = text_check_email("email", out->email, FD_ERR_DATA, err);
    if (rc == 0)
        rc = check_text("phone", in->phone, out->phone, sizeof out->phone, false, err);
    if (rc == 0)
        rc = ops_check_phone("phone", out->phone, sizeof out->phone, err);
    enum contact_channel contact;
    if (rc == 0)
        rc = ops_parse_contact("contact", in->contact, &contact, err);
    if (rc == 0 && in->contact)
        text_copy(out->contact, sizeof out->contact, in->contact);
    if (rc < 0)
        return rc;

    char service[FD_SERVICE_SIZE];
    rc = check_text("service", in->service, service, sizeof service, false, err);
    if (rc < 0)
        return rc;
    const struct fd_service *found = config_find_service(&ctx->config, service);
    if (!found)
        return fd_fail(err, FD_ERR_DATA, "service: no service is named \"%s\"", service);
    text_copy(out->service, sizeof out->service, found->name);

    /* Preferences that cannot be read do not lose the request: it is kept
     * with the text as written, flagged for the desk, and suggested at any
     * time until someone reads it. */
    rc = check_text("prefer", in->prefer, out->prefer, sizeof out->prefer, true, err);
    if (rc < 0)
        return rc;
    struct prefer parsed;
    if (prefer_parse(out->prefer, ctx->config.opens, ctx->config.closes, &parsed, NULL) == 0)
        prefer_encode(&parsed, out->prefer_windows, sizeof out->prefer_windows);
    else
        out->prefer_not_understood = true;

    char handle[FD_HANDLE_SIZE];
    rc = check_text("therapist", in->therapist, handle, sizeof handle, false, err);
    if (rc == 0 && handle[0]) {
        struct fd_therapist therapist;
        if (store_therapist_find(ops_store(ctx), handle, &therapist, NULL) < 0)
            return fd_fail(err, FD_ERR_DATA, "therapist: no therapist has the handle \"%s\"",
                           handle);
        out->therapist_id = therapist.id;
        text_copy(out->therapist, sizeof out->therapist, therapist.handle);
    }
    if (rc < 0)
        return rc;

    char received[FD_DATETIME_LEN + 8];
    rc = check_text("received", in->received, received, sizeof received, false, err);
    if (rc == 0 && received[0] && datetime_parse(received, &out->received) < 0)
        rc = fd_fail(err, FD_ERR_DATA, "received: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)",
                     received);
    if (rc < 0)
        return rc;
    if (!received[0])
        out->received = ctx->now;
    if (out->received > ctx->now)
        return fd_fail(err, FD_ERR_DATA, "received: \"%s\" is in the future", received);

    const char *source = in->source && *in->source ? in->source : REQUEST_SOURCES[0];
    size_t s = 0;
    while (s < REQUEST_SOURCE_COUNT && strcmp(source, REQUEST_SOURCES[s]) != 0)
        s++;
    if (s == REQUEST_SOURCE_COUNT)
        return fd_fail(err, FD_ERR_DATA, "source: \"%s\" is not %s, %s, %s or %s", source,
                       REQUEST_SOURCES[0], REQUEST_SOURCES[1], REQUEST_SOURCES[2],
                       REQUEST_SOURCES[3]);
    text_copy(out->source, sizeof out->source, REQUEST_SOURCES[s]);

    if (in->message && strlen(in->message) >= sizeof out->message)
        return fd_fail(err, FD_ERR_DATA, "message: longer than %zu bytes", sizeof out->message - 1);
    text_copy_trimmed(out->message, sizeof out->message, in->message);
    if (!text_is_clean_utf8(out->message, strlen(out->message), true))
        return fd_fail(err, FD_ERR_DATA, "message: not valid UTF-8 text");

    out->status = REQUEST_PENDING;
    out->due = calendar_due(&ctx->config.calendar, out->received, ctx->config.request_reply_days);
    return 0;
}

bool ops_prefer_problem(const struct fd_context *ctx, const char *text, char *out, size_t size)
{
    struct prefer parsed;
    struct fd_error why = {0};
    if (prefer_parse(text ? text : "", ctx->config.opens, ctx->config.closes, &parsed, &why) == 0)
        return false;
    text_copy(out, size, why.message);
    return true;
}

int ops_store_request(struct fd_context *ctx, struct fd_request *request, bool *inserted,
                      struct fd_error *err)
{
    int rc = store_client_find_or_create(ops_store(ctx), request->name, request->email,
                                         request->phone, &request->client_id, err);
    if (rc == 0)
        rc = ops_apply_contact(ctx, request->client_id, request->contact, err);
    return rc < 0 ? rc : store_request_insert(ops_store(ctx), request, inserted, err);
}

static int request_add(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct fd_request *request = arg;
    int rc = ops_store_request(ctx, request, NULL, err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", request->id, err, "request added: %s for %s%s",
                       request->name, request->service,
                       request->prefer_not_understood ? " (preferences not understood)" : "");
    return rc;
}

int ops_request_add(struct fd_context *ctx, const struct request_input *in, struct fd_request *out,
                    struct fd_error *err)
{
    struct fd_request request;
    int rc = ops_request_check(ctx, in, &request, err);
    if (rc == 0)
        rc = ops_run(ctx, request_add, &request, err);
    if (rc == 0 && out)
        *out = request;
    return rc;
}

enum request_urgency ops_request_urgency(const struct fd_context *ctx,
                                         const struct fd_request *request)
{
    if (request->status != REQUEST_PENDING)
        return REQUEST_NOT_URGENT;
    if (request->due < ctx->now)
        return REQUEST_OVERDUE;
    return time_day(request->due) == time_day(ctx->now) ? REQUEST_DUE_TODAY : REQUEST_NOT_URGENT;
}

bool ops_request_overdue(const struct fd_context *ctx, const struct fd_request *request)
{
    return ops_request_urgency(ctx, request) == REQUEST_OVERDUE;
}

int ops_request_list(struct fd_context *ctx, enum request_filter filter, struct fd_request **out,
                     size_t *count, struct fd_error *err)
{
    int rc = store_request_list(ops_store(ctx), filter == REQUESTS_ALL, REQUEST_PENDING, out, count,
                                err);
    if (rc < 0 || filter != REQUESTS_OVERDUE)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++)
        if (ops_request_overdue(ctx, &(*out)[i]))
            (*out)[kept++] = (*out)[i];
    *count = kept;
    return 0;
}

struct answer {
    int64_t id;
    const char *reason;
    struct fd_waitlist_entry *entry; /* set: move to the waitlist */
};

/* The request, if it may move to `to` (another desk may have answered it). */
static int request_for(struct fd_context *ctx, int64_t id, enum request_status to,
                       struct fd_request *out, struct fd_error *err)
{
    int rc = store_request_get(ops_store(ctx), id, out, err);
    return rc < 0 ? rc : state_check(MACHINE_REQUEST, id, (int)out->status, (int)to, err);
}

static int decline_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct answer *answer = arg;
    struct fd_request request;
    int rc = request_for(ctx, answer->id, REQUEST_DECLINED, &request, err);
    if (rc == 0)
        rc = store_request_set_status(ops_store(ctx), answer->id, REQUEST_DECLINED, answer->reason,
                                      ctx->now, 0, err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", answer->id, err, "request declined%s%s",
                       answer->reason && *answer->reason ? ": " : "",
                       answer->reason ? answer->reason : "");
    /* The client hears why. */
    struct fd_outbox_message decline = {
        .kind = MESSAGE_KIND_DECLINE, .client_id = request.client_id, .request_id = request.id};
    text_copy(decline.service, sizeof decline.service, request.service);
    text_copy(decline.details, sizeof decline.details, answer->reason ? answer->reason : "");
    if (rc == 0 && !decline.client_id)
        rc = store_client_find_or_create(ops_store(ctx), request.name, request.email, request.phone,
                                         &decline.client_id, err);
    if (rc == 0)
        rc = ops_queue_message(ctx, &decline, err);
    return rc;
}

int ops_request_decline(struct fd_context *ctx, int64_t id, const char *reason,
                        struct fd_error *err)
{
    struct answer answer = {.id = id, .reason = reason};
    return ops_run(ctx, decline_step, &answer, err);
}

static int to_waitlist_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct answer *answer = arg;
    struct fd_request request;
    int rc = request_for(ctx, answer->id, REQUEST_DECLINED, &request, err);
    int64_t client_id = 0;
    if (rc == 0)
        rc = store_client_find_or_create(ops_store(ctx), request.name, request.email, request.phone,
                                         &client_id, err);
    if (rc < 0)
        return rc;
    struct fd_waitlist_entry *entry = answer->entry;
    memset(entry, 0, sizeof *entry);
    entry->client_id = client_id;
    text_copy(entry->service, sizeof entry->service, request.service);
    entry->therapist_id = request.therapist_id;
    text_copy(entry->prefer, sizeof entry->prefer, request.prefer);
    text_copy(entry->prefer_windows, sizeof entry->prefer_windows, request.prefer_windows);
    entry->added = ctx->now;
    entry->request_id = request.id;
    rc = store_waitlist_insert(ops_store(ctx), entry, err);
    char reason[64];
    snprintf(reason, sizeof reason, "moved to the waitlist (entry %lld)", (long long)entry->id);
    if (rc == 0)
        rc = store_request_set_status(ops_store(ctx), request.id, REQUEST_DECLINED, reason,
                                      ctx->now, client_id, err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", request.id, err, "request %s", reason);
    /* "You're on the list": the answer to the request. */
    struct fd_outbox_message note = {.kind = MESSAGE_KIND_WAITLIST,
                                     .client_id = client_id,
                                     .request_id = request.id,
                                     .waitlist_id = entry->id};
    text_copy(note.service, sizeof note.service, request.service);
    if (rc == 0)
        rc = ops_queue_message(ctx, &note, err);
    if (rc == 0)
        rc = store_waitlist_get(ops_store(ctx), entry->id, entry, err);
    return rc;
}

int ops_request_to_waitlist(struct fd_context *ctx, int64_t id, struct fd_waitlist_entry *out,
                            struct fd_error *err)
{
    struct fd_waitlist_entry scratch = {0};
    struct answer answer = {.id = id, .entry = out ? out : &scratch};
    return ops_run(ctx, to_waitlist_step, &answer, err);
}

static int message_add(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct fd_message *message = arg;
    int rc = store_message_insert(ops_store(ctx), message, NULL, err);
    if (rc == 0)
        rc = ops_audit(ctx, "message", message->id, err, "message from %s", message->name);
    return rc;
}

int ops_message_check(struct fd_context *ctx, const char *name, const char *email, const char *text,
                      const char *received, struct fd_message *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->received = ctx->now;
    int rc = check_text("name", name, out->name, sizeof out->name, false, err);
    if (rc == 0 && !out->name[0])
        rc = fd_fail(err, FD_ERR_DATA, "name: is empty");
    if (rc == 0)
        rc = check_text("email", email, out->email, sizeof out->email, false, err);
    if (rc == 0)
        rc = text_check_email("email", out->email, FD_ERR_DATA, err);
    if (rc == 0)
        rc = check_text("text", text, out->text, sizeof out->text, true, err);
    if (rc == 0 && !out->text[0])
        rc = fd_fail(err, FD_ERR_DATA, "text: is empty");
    char when[FD_DATETIME_LEN + 8];
    if (rc == 0)
        rc = check_text("received", received, when, sizeof when, false, err);
    if (rc == 0 && when[0] && datetime_parse(when, &out->received) < 0)
        rc = fd_fail(err, FD_ERR_DATA, "received: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)",
                     when);
    if (rc == 0 && out->received > ctx->now)
        rc = fd_fail(err, FD_ERR_DATA, "received: \"%s\" is in the future", when);
    return rc;
}

int ops_message_add(struct fd_context *ctx, const char *name, const char *email, const char *text,
                    struct fd_message *out, struct fd_error *err)
{
    struct fd_message message;
    int rc = ops_message_check(ctx, name, email, text, NULL, &message, err);
    if (rc == 0)
        rc = ops_run(ctx, message_add, &message, err);
    if (rc == 0 && out)
        *out = message;
    return rc;
}

static int message_handle(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    int64_t id = *(int64_t *)arg;
    struct fd_message message;
    int rc = store_message_get(ops_store(ctx), id, &message, err);
    /* Handled stays when it was first handled, and by whom the audit says. */
    if (rc == 0 && message.handled)
        rc = fd_fail(err, FD_ERR_RULE, "message %lld was handled already", (long long)id);
    if (rc == 0)
        rc = store_message_set_handled(ops_store(ctx), id, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "message", id, err, "message handled");
    return rc;
}

int ops_message_handle(struct fd_context *ctx, int64_t id, struct fd_error *err)
{
    return ops_run(ctx, message_handle, &id, err);
}

/* ---- a message that is really a booking request ---- */

struct to_request_plan {
    int64_t id;
    struct fd_request *request;
};

static int to_request_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct to_request_plan *plan = arg;
    struct fd_message message;
    int rc = store_message_get(ops_store(ctx), plan->id, &message, err);
    if (rc == 0 && message.handled)
        rc = fd_fail(err, FD_ERR_RULE, "message %lld was handled already", (long long)plan->id);
    if (rc == 0)
        rc = ops_store_request(ctx, plan->request, NULL, err);
    if (rc == 0)
        rc = store_message_set_handled(ops_store(ctx), plan->id, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", plan->request->id, err,
                       "request made from message %lld: %s for %s", (long long)plan->id,
                       plan->request->name, plan->request->service);
    return rc;
}

/* A text carries a number, not an email: the client the text is named for
 * (or the number's one client) lends the address a request is answered at. */
static int text_sender_email(struct fd_context *ctx, struct fd_message *message,
                             struct fd_error *err)
{
    struct fd_client *clients = NULL;
    size_t count = 0;
    int rc = store_clients_at_phone(ops_store(ctx), message->phone, &clients, &count, err);
    if (rc < 0)
        return rc;
    const struct fd_client *sender = NULL;
    for (size_t i = 0; i < count && !sender; i++)
        if (strcmp(clients[i].name, message->name) == 0)
            sender = &clients[i];
    if (!sender && count == 1)
        sender = &clients[0];
    if (sender && sender->email[0])
        snprintf(message->email, sizeof message->email, "%s", sender->email);
    free(clients);
    if (!message->email[0])
        return fd_fail(err, FD_ERR_RULE,
                       "message %lld came by text from %s with no email address, and a request"
                       " needs one: ask the client for it, then add the request",
                       (long long)message->id, message->phone);
    return 0;
}

int ops_message_to_request(struct fd_context *ctx, int64_t id, const char *service,
                           const char *prefer, struct fd_request *out, struct fd_error *err)
{
    struct fd_message message;
    int rc = store_message_get(ops_store(ctx), id, &message, err);
    if (rc < 0)
        return rc;
    if (message.handled)
        return fd_fail(err, FD_ERR_RULE, "message %lld was handled already", (long long)id);
    bool by_text = !message.email[0] && message.phone[0];
    if (by_text && text_sender_email(ctx, &message, err) < 0)
        return -FD_ERR_RULE;
    /* The reply promise counts from when the client wrote; the text is the
     * request's message. */
    char received[FD_DATETIME_LEN];
    datetime_format(message.received, received);
    const struct request_input in = {.name = message.name,
                                     .email = message.email,
                                     .phone = message.phone,
                                     .service = service,
                                     .prefer = prefer,
                                     .received = received,
                                     .source = by_text ? "phone" : "web",
                                     .message = message.text};
    struct fd_request scratch = {0};
    struct fd_request *request = out ? out : &scratch;
    rc = ops_request_check(ctx, &in, request, err);
    struct to_request_plan plan = {id, request};
    return rc < 0 ? rc : ops_run(ctx, to_request_step, &plan, err);
}
