/*
 * The outbox (outbox.h): queueing a message as an operation changes
 * something, voiding what no longer applies, and the desk's view of it —
 * the list, voiding and retrying by hand.  Sending is send.c's.
 */
#include "ops_internal.h"

#include <frontdesk/outbox.h>
#include <frontdesk/sms.h>
#include <frontdesk/text.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *ops_message_kind_name(int kind)
{
    return store_outbox_kind_name(kind);
}

int ops_message_kind_parse(const char *name)
{
    if (name && strcmp(name, "welcome") == 0)
        return OUTBOX_KIND_WELCOME;
    return config_message_kind_parse(name);
}

/* Kinds a client answers by text, so they carry a reply code. */
static bool takes_replies(int kind)
{
    return kind == MESSAGE_KIND_CONFIRMATION || kind == MESSAGE_KIND_CHANGE ||
           kind == MESSAGE_KIND_REMINDER || kind == MESSAGE_KIND_OFFER;
}

/* A random start for the codes: a code must not be guessable from the
 * message before it. */
static uint32_t random_seed(const struct fd_context *ctx)
{
    uint32_t seed = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &seed, sizeof seed) != (ssize_t)sizeof seed)
            seed = 0;
        close(fd);
    }
    return seed ^ (uint32_t)ctx->now ^ (uint32_t)getpid();
}

/* A code no other recent message to the client carries, so that "C 4821"
 * names one message whoever else has 4821. */
void ops_assign_reply_code(struct fd_context *ctx, struct fd_outbox_message *m)
{
    uint32_t seed = random_seed(ctx);
    fd_time since = ctx->now - (fd_time)180 * FD_MINUTES_PER_DAY;
    for (uint32_t tries = 0; tries < 10000; tries++) {
        char code[5];
        sms_reply_code(seed + tries, code);
        if (!store_outbox_code_in_use(ops_store(ctx), m->client_id, code, since)) {
            text_copy(m->reply_code, sizeof m->reply_code, code);
            return;
        }
    }
}

int ops_queue_message(struct fd_context *ctx, struct fd_outbox_message *m, struct fd_error *err)
{
    if (!m->client_id)
        return fd_fail(err, FD_ERR_SOFTWARE, "a %s message with no client",
                       ops_message_kind_name(m->kind));
    m->created = ctx->now;
    if (!m->due)
        m->due = ctx->now;
    if (takes_replies(m->kind) && !m->reply_code[0])
        ops_assign_reply_code(ctx, m);
    int rc = store_outbox_insert(ops_store(ctx), m, err);
    /* The appointment's confirmation state says a message is still to go. */
    if (rc == 0 && m->appointment_id &&
        (m->kind == MESSAGE_KIND_CONFIRMATION || m->kind == MESSAGE_KIND_CHANGE)) {
        struct fd_appointment a;
        rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
        if (rc == 0 && a.confirmation != CONFIRMATION_UNSENT)
            rc = store_appointment_set_confirmation(ops_store(ctx), a.id, CONFIRMATION_UNSENT,
                                                    a.confirmation_at, NULL, NULL, err);
    }
    return rc;
}

static int void_messages(struct fd_context *ctx, const struct outbox_filter *about, unsigned kinds,
                         const char *why, int64_t what, struct fd_error *err)
{
    int64_t *voided = NULL;
    size_t count = 0;
    int rc = store_outbox_void_about(ops_store(ctx), about, kinds, ctx->now, &voided, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++)
        rc = ops_audit(ctx, "outbox", voided[i], err, "voided: %s %lld changed", why,
                       (long long)what);
    free(voided);
    return rc;
}

int ops_void_messages(struct fd_context *ctx, int64_t appointment_id, unsigned kinds,
                      struct fd_error *err)
{
    struct outbox_filter about = {.appointment_id = appointment_id};
    return void_messages(ctx, &about, kinds, "appointment", appointment_id, err);
}

int ops_void_entry_messages(struct fd_context *ctx, int64_t entry_id, unsigned kinds,
                            struct fd_error *err)
{
    struct outbox_filter about = {.waitlist_id = entry_id};
    return void_messages(ctx, &about, kinds, "waitlist entry", entry_id, err);
}

int ops_void_client_messages(struct fd_context *ctx, int64_t client_id, unsigned kinds,
                             struct fd_error *err)
{
    struct outbox_filter about = {.client_id = client_id};
    return void_messages(ctx, &about, kinds, "client", client_id, err);
}

/* ---- the desk's view ---- */

bool ops_outbox_interrupted(const struct fd_context *ctx, const struct fd_outbox_message *m)
{
    /* The program is killed after sendmail_timeout: a run still "sending"
     * two minutes past that is gone. */
    fd_time stale = m->claimed_at + (ctx->config.sendmail_timeout + 59) / 60 + 2;
    return m->state == OUTBOX_SENDING && ctx->now >= stale;
}

int ops_outbox(struct fd_context *ctx, bool all, int kind, struct fd_outbox_message **out,
               size_t *count, struct fd_error *err)
{
    struct outbox_filter filter = {.unsent_only = !all, .kind = kind};
    return store_outbox_list(ops_store(ctx), &filter, out, count, err);
}

int ops_outbox_get(struct fd_context *ctx, int64_t id, struct fd_outbox_message *out,
                   struct fd_error *err)
{
    return store_outbox_get(ops_store(ctx), id, out, err);
}

struct by_hand {
    int64_t id;
    enum outbox_state to;
};

static int by_hand_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    const struct by_hand *plan = arg;
    struct fd_outbox_message m;
    int rc = store_outbox_get(ops_store(ctx), plan->id, &m, err);
    if (rc < 0)
        return rc;
    /* A message another run is sending right now is not the desk's yet. */
    if (m.state == OUTBOX_SENDING && !ops_outbox_interrupted(ctx, &m))
        return fd_fail(err, FD_ERR_RULE,
                       "message %lld is being sent right now; look again in a minute",
                       (long long)m.id);
    if (plan->to == OUTBOX_QUEUED && m.state == OUTBOX_FAILED)
        return fd_fail(err, FD_ERR_RULE,
                       "message %lld failed; the next send tries it again by itself",
                       (long long)m.id);
    rc = state_check(MACHINE_OUTBOX, m.id, (int)m.state, (int)plan->to, err);
    if (rc == 0)
        rc = store_outbox_set_state(ops_store(ctx), m.id, plan->to, ctx->now, err);
    if (rc == 0)
        rc = ops_audit(ctx, "outbox", m.id, err, "%s %s to %s%s",
                       plan->to == OUTBOX_VOID ? "voided the" : "queued again the",
                       ops_message_kind_name(m.kind), m.client,
                       m.state == OUTBOX_SENDING ? " (it was interrupted while sending)" : "");
    return rc;
}

int ops_outbox_void(struct fd_context *ctx, int64_t id, struct fd_error *err)
{
    struct by_hand plan = {id, OUTBOX_VOID};
    return ops_run(ctx, by_hand_step, &plan, err);
}

int ops_outbox_retry(struct fd_context *ctx, int64_t id, struct fd_error *err)
{
    struct by_hand plan = {id, OUTBOX_QUEUED};
    return ops_run(ctx, by_hand_step, &plan, err);
}
