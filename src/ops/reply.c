/*
 * Clients' text replies, and the offers of freed slots they answer
 * (outbox.h).
 *
 * A reply quotes the code of the message it answers ("C 4821"); the code
 * is looked up among the messages sent to the clients with the sender's
 * number, so a code names one message whoever else was sent the same four
 * digits.  Each reply is one transaction: confirming, cancelling (by the
 * client, so the late-cancellation rule holds), or taking an offered slot
 * — booked there and then if it is still free, else the client is told
 * it has gone.  What cannot be read, or comes from a number nobody has,
 * becomes a contact message in the inbox for a person to read.
 */
#include "ops_internal.h"

#include <frontdesk/sms.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reply_plan {
    char from[SMS_PHONE_SIZE]; /* E.164, or as typed when it is not a number */
    const char *text;
    struct reply_result *out;
};

/* Anything a person must read goes to the inbox. */
static int to_inbox(struct fd_context *ctx, struct reply_plan *plan, const char *name,
                    const char *why, struct fd_error *err)
{
    struct fd_message message = {.received = ctx->now};
    snprintf(message.name, sizeof message.name, "%s", name);
    text_copy(message.phone, sizeof message.phone, plan->from);
    text_copy(message.text, sizeof message.text, plan->text);
    int rc = store_message_insert(ops_store(ctx), &message, NULL, err);
    if (rc == 0)
        rc = ops_audit(ctx, "message", message.id, err, "text from %s to the inbox: %s", plan->from,
                       why);
    plan->out->action = REPLY_TO_INBOX;
    plan->out->message_id = message.id;
    snprintf(plan->out->summary, sizeof plan->out->summary,
             "text from %s put in the inbox (message %lld): %s", plan->from, (long long)message.id,
             why);
    return rc;
}

static int opt_out(struct fd_context *ctx, struct reply_plan *plan, struct fd_client *clients,
                   size_t count, struct fd_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        if (clients[i].no_reminders_at)
            continue;
        rc = store_client_set_no_reminders(ops_store(ctx), clients[i].id, ctx->now, err);
        if (rc == 0) /* reminders still to go, failed ones too, go no more */
            rc = ops_void_client_messages(ctx, clients[i].id, KIND_BIT(MESSAGE_KIND_REMINDER), err);
        if (rc == 0)
            rc = ops_audit(ctx, "client", clients[i].id, err,
                           "opted out of reminders by text from %s", plan->from);
    }
    plan->out->action = REPLY_OPTED_OUT;
    plan->out->client_id = clients[0].id;
    snprintf(plan->out->summary, sizeof plan->out->summary,
             "%s opted out of reminders: none will be sent to %s", clients[0].name, plan->from);
    return rc;
}

static int confirm(struct fd_context *ctx, struct reply_plan *plan,
                   const struct fd_outbox_message *m, struct fd_error *err)
{
    struct fd_appointment a;
    int rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
    if (rc < 0)
        return rc;
    if (a.status != APPOINTMENT_BOOKED || a.start < ctx->now)
        return to_inbox(ctx, plan, m->client, "a confirmation of an appointment no longer booked",
                        err);
    rc = store_appointment_client_confirmed(ops_store(ctx), a.id, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", a.id, err, "the client confirmed by text from %s",
                       plan->from);
    char when[FD_DATETIME_LEN];
    datetime_format(a.start, when);
    plan->out->action = REPLY_CONFIRMED;
    plan->out->appointment_id = a.id;
    snprintf(plan->out->summary, sizeof plan->out->summary, "%s confirmed appointment %lld (%s)",
             a.client, (long long)a.id, when);
    return rc;
}

static int cancel(struct fd_context *ctx, struct reply_plan *plan,
                  const struct fd_outbox_message *m, struct fd_error *err)
{
    struct fd_appointment a;
    int rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
    if (rc < 0)
        return rc;
    if (a.status != APPOINTMENT_BOOKED || a.start < ctx->now)
        return to_inbox(ctx, plan, m->client,
                        a.status != APPOINTMENT_BOOKED
                            ? "a cancellation of an appointment no longer booked"
                            : "a cancellation of an appointment that has started",
                        err);
    struct cancellation cancellation = {CANCELLED_BY_CLIENT, "by text"};
    rc = ops_cancel_within(ctx, a.id, &cancellation, &a, err);
    char when[FD_DATETIME_LEN];
    datetime_format(a.start, when);
    plan->out->action = REPLY_CANCELLED;
    plan->out->appointment_id = a.id;
    snprintf(plan->out->summary, sizeof plan->out->summary, "%s cancelled appointment %lld (%s)%s",
             a.client, (long long)a.id, when, a.late ? ", late" : "");
    return rc;
}

/* "Y code": the slot goes to the first who answers, if it is still free. */
static int take(struct fd_context *ctx, struct reply_plan *plan, const struct fd_outbox_message *m,
                struct fd_error *err)
{
    struct fd_waitlist_entry entry;
    int rc = store_waitlist_get(ops_store(ctx), m->waitlist_id, &entry, err);
    if (rc < 0)
        return rc;
    if (entry.status != WAITLIST_OFFERED && entry.status != WAITLIST_WAITING)
        return to_inbox(ctx, plan, m->client, "an answer to an offer for a waitlist entry closed",
                        err);
    struct booking booking = {.waitlist_id = entry.id,
                              .therapist_id = m->therapist_id,
                              .clinic = config_clinic_by_id(&ctx->config, m->clinic_id),
                              .start = m->for_start};
    struct fd_appointment a;
    struct fd_error why = {0};
    bool about_time = false;
    rc = ops_book_within(ctx, &booking, &a, &about_time, &why);
    if (rc == 0) {
        char when[FD_DATETIME_LEN];
        datetime_format(a.start, when);
        plan->out->action = REPLY_TOOK_SLOT;
        plan->out->appointment_id = a.id;
        snprintf(plan->out->summary, sizeof plan->out->summary,
                 "%s took the offered slot: appointment %lld (%s)", a.client, (long long)a.id,
                 when);
        return ops_audit(ctx, "appointment", a.id, err, "booked by text from %s (offer %lld)",
                         plan->from, (long long)m->id);
    }
    if (!about_time) {
        *err = why;
        return rc;
    }
    /* Too late: they are told, and wait on. */
    struct fd_outbox_message taken = *m;
    taken.id = 0;
    taken.kind = MESSAGE_KIND_TAKEN;
    taken.reply_code[0] = '\0';
    taken.due = 0;
    rc = ops_queue_message(ctx, &taken, err);
    if (rc == 0 && entry.status == WAITLIST_OFFERED)
        rc = store_waitlist_set_status(ops_store(ctx), entry.id, WAITLIST_WAITING, err);
    if (rc == 0)
        rc = ops_audit(ctx, "waitlist", entry.id, err,
                       "the offered slot had gone when %s answered: %s", m->client, why.message);
    plan->out->action = REPLY_SLOT_GONE;
    snprintf(plan->out->summary, sizeof plan->out->summary,
             "%.100s answered too late: the slot had gone (%.300s); they are told and wait on",
             m->client, why.message);
    return rc;
}

static int reply_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct reply_plan *plan = arg;
    struct fd_client *clients = NULL;
    size_t count = 0;
    int rc = store_clients_at_phone(ops_store(ctx), plan->from, &clients, &count, err);
    if (rc < 0)
        return rc;
    struct sms_reply reply;
    sms_parse_reply(plan->text, &reply);
    if (count == 0) {
        char name[64];
        snprintf(name, sizeof name, "Text from %s", plan->from);
        rc = to_inbox(ctx, plan, name, "no client has this number", err);
    } else if (reply.kind == SMS_REPLY_STOP) {
        rc = opt_out(ctx, plan, clients, count, err);
    } else if (reply.kind == SMS_REPLY_OTHER) {
        plan->out->client_id = clients[0].id;
        rc = to_inbox(ctx, plan, clients[0].name, "not a reply the program reads", err);
    } else {
        /* The message of one of the number's clients with that code. */
        struct fd_outbox_message m;
        int found = 1;
        for (size_t i = 0; found == 1 && i < count; i++)
            found = store_outbox_by_code(ops_store(ctx), reply.code, clients[i].id, &m, err);
        if (found < 0)
            rc = found;
        plan->out->client_id = found == 0 ? m.client_id : clients[0].id;
        bool offer = found == 0 && m.kind == MESSAGE_KIND_OFFER;
        if (rc < 0)
            ; /* the store's error stands */
        else if (found != 0)
            rc = to_inbox(ctx, plan, clients[0].name, "no message of theirs has that code", err);
        else if (reply.kind == SMS_REPLY_TAKE && offer)
            rc = take(ctx, plan, &m, err);
        else if (reply.kind == SMS_REPLY_CONFIRM && m.appointment_id && !offer)
            rc = confirm(ctx, plan, &m, err);
        else if (reply.kind == SMS_REPLY_CANCEL && m.appointment_id && !offer)
            rc = cancel(ctx, plan, &m, err);
        else
            rc = to_inbox(ctx, plan, clients[0].name, "that answer does not fit the message", err);
    }
    free(clients);
    return rc;
}

int ops_reply(struct fd_context *ctx, const char *from, const char *text, struct reply_result *out,
              struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    if (!from || !*from)
        return fd_fail(err, FD_ERR_USAGE, "--from: the sender's number is required");
    if (!text)
        return fd_fail(err, FD_ERR_USAGE, "--text: the text of the message is required");
    if (strlen(text) >= (size_t)FD_TEXT_SIZE * 4 || !text_is_clean_utf8(text, strlen(text), true))
        return fd_fail(err, FD_ERR_DATA, "--text: not valid UTF-8 text, or too long");
    struct reply_plan plan = {.text = text, .out = out};
    if (sms_phone_normalize(from, plan.from, sizeof plan.from, NULL) < 0) {
        if (strlen(from) >= sizeof plan.from || !text_is_clean_utf8(from, strlen(from), false))
            return fd_fail(err, FD_ERR_DATA, "--from: \"%.40s\" is not a phone number", from);
        text_copy(plan.from, sizeof plan.from, from);
    }
    return ops_run_final(ctx, reply_step, &plan, err);
}

/* ---- offering a freed slot ---- */

struct offer_plan {
    const struct slot_offer *in;
    struct slot_plan slot;
    struct fd_outbox_message *out;
};

static int offer_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct offer_plan *plan = arg;
    struct fd_waitlist_entry entry;
    int rc = store_waitlist_get(ops_store(ctx), plan->in->entry_id, &entry, err);
    if (rc == 0 && entry.status != WAITLIST_OFFERED)
        rc = state_check(MACHINE_WAITLIST, entry.id, (int)entry.status, WAITLIST_OFFERED, err);
    /* Offered only while it is free; it is not held. */
    if (rc == 0)
        rc = ops_slot_check(ctx, &plan->slot, plan->in->start, plan->slot.named, err);
    if (rc < 0)
        return rc;
    struct fd_outbox_message *m = plan->out;
    memset(m, 0, sizeof *m);
    m->kind = MESSAGE_KIND_OFFER;
    m->client_id = entry.client_id;
    m->waitlist_id = entry.id;
    m->for_start = plan->in->start;
    m->therapist_id = plan->slot.therapist.id;
    m->clinic_id = plan->slot.clinic->id;
    text_copy(m->service, sizeof m->service, entry.service);
    rc = ops_queue_message(ctx, m, err);
    if (rc == 0 && entry.status == WAITLIST_WAITING)
        rc = store_waitlist_set_status(ops_store(ctx), entry.id, WAITLIST_OFFERED, err);
    char when[FD_DATETIME_LEN];
    datetime_format(plan->in->start, when);
    if (rc == 0)
        rc = ops_audit(ctx, "waitlist", entry.id, err,
                       "offered %s with %s at %s (reply code %s); the slot is not held", when,
                       plan->slot.therapist.handle, plan->slot.clinic->name, m->reply_code);
    if (rc == 0)
        rc = store_outbox_get(ops_store(ctx), m->id, m, err);
    return rc;
}

int ops_waitlist_offer(struct fd_context *ctx, const struct slot_offer *offer,
                       struct fd_outbox_message *out, struct fd_error *err)
{
    struct fd_waitlist_entry entry;
    int rc = store_waitlist_get(ops_store(ctx), offer->entry_id, &entry, err);
    if (rc < 0)
        return rc;
    struct fd_outbox_message scratch = {0};
    struct offer_plan plan = {.in = offer, .out = out ? out : &scratch};
    plan.slot.service = config_find_service(&ctx->config, entry.service);
    if (!plan.slot.service)
        return fd_fail(err, FD_ERR_RULE,
                       "waitlist entry %lld has no service to offer a time for (\"%s\")",
                       (long long)entry.id, entry.service);
    int64_t therapist = offer->therapist_id ? offer->therapist_id : entry.therapist_id;
    if (!therapist)
        return fd_fail(err, FD_ERR_USAGE,
                       "--therapist: name who would see them (the entry names nobody)");
    plan.slot.named =
        offer->clinic ? offer->clinic : config_clinic_by_id(&ctx->config, entry.clinic_id);
    rc = ops_slot_prepare(ctx, &plan.slot, therapist, err);
    if (rc == 0)
        rc = ops_slot_check_time(ctx, &plan.slot, offer->start, err);
    return rc < 0 ? rc : ops_run(ctx, offer_step, &plan, err);
}
