/*
 * The outbox in the store: every message owed to a client, from queued to
 * sent (or failed, or void).  Sending claims a message first (sending),
 * inside a write transaction, so two runs at once never both send it; a
 * reminder is one row per appointment and start (a unique index), so two
 * runs at once never both plan it.
 */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds of config.h, and a list's welcome after them. */
static int kind_of(const char *name)
{
    if (name && strcmp(name, "welcome") == 0)
        return OUTBOX_KIND_WELCOME;
    int kind = config_message_kind_parse(name);
    return kind < 0 ? 0 : kind;
}

const char *store_outbox_kind_name(int kind)
{
    return kind == OUTBOX_KIND_WELCOME ? "welcome"
                                       : config_message_kind_name((enum message_kind)kind);
}

static void bind_time(struct db_statement *statement, int index, fd_time t)
{
    if (t)
        db_bind_int64(statement, index, t);
    else
        db_bind_null(statement, index);
}

int store_outbox_insert(struct fd_store *store, struct fd_outbox_message *m, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_INSERT,
        "INSERT INTO outbox(kind, client_id, appointment_id, request_id, waitlist_id,"
        " subscription_id, for_start, old_start, therapist_id, clinic_id, service, details,"
        " reply_code, state, due, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " ?11, ?12, ?13, 'queued', ?14, ?15) RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, store_outbox_kind_name(m->kind), false);
    db_bind_int64(statement, 2, m->client_id);
    db_bind_id(statement, 3, m->appointment_id);
    db_bind_id(statement, 4, m->request_id);
    db_bind_id(statement, 5, m->waitlist_id);
    db_bind_id(statement, 6, m->subscription_id);
    bind_time(statement, 7, m->for_start);
    bind_time(statement, 8, m->old_start);
    db_bind_id(statement, 9, m->therapist_id);
    db_bind_id(statement, 10, m->clinic_id);
    db_bind_text(statement, 11, m->service, true);
    db_bind_text(statement, 12, m->details, true);
    db_bind_text(statement, 13, m->reply_code, true);
    db_bind_int64(statement, 14, m->due);
    db_bind_int64(statement, 15, m->created);
    m->state = OUTBOX_QUEUED;
    int rc = store_step_insert(statement, &m->id, err, "queueing the message");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_OUTBOX, m->id, err);
}

#define OUTBOX_SELECT                                                                              \
    "SELECT o.id, o.kind, o.client_id, coalesce(o.appointment_id, 0),"                             \
    " coalesce(o.request_id, 0), coalesce(o.waitlist_id, 0), coalesce(o.subscription_id, 0),"      \
    " coalesce(o.for_start, 0), coalesce(o.old_start, 0), coalesce(o.therapist_id, 0),"            \
    " coalesce(o.clinic_id, 0), o.service, o.details, o.reply_code, o.state, o.due, o.created,"    \
    " o.channel, o.recipient, coalesce(o.claimed_at, 0), coalesce(o.sent_at, 0), o.attempts,"      \
    " o.error, c.name, c.email, c.phone, c.contact, coalesce(a.start, 0)"                          \
    " FROM outbox o JOIN client c ON c.id = o.client_id"                                           \
    " LEFT JOIN appointment a ON a.id = o.appointment_id"

static void read_outbox(struct db_statement *statement, void *row)
{
    struct fd_outbox_message *m = row;
    m->id = db_column_int64(statement, 0);
    m->kind = kind_of(db_column_text(statement, 1));
    m->client_id = db_column_int64(statement, 2);
    m->appointment_id = db_column_int64(statement, 3);
    m->request_id = db_column_int64(statement, 4);
    m->waitlist_id = db_column_int64(statement, 5);
    m->subscription_id = db_column_int64(statement, 6);
    m->for_start = db_column_int64(statement, 7);
    m->old_start = db_column_int64(statement, 8);
    m->therapist_id = db_column_int64(statement, 9);
    m->clinic_id = db_column_int64(statement, 10);
    store_column_text(statement, 11, m->service, sizeof m->service);
    store_column_text(statement, 12, m->details, sizeof m->details);
    store_column_text(statement, 13, m->reply_code, sizeof m->reply_code);
    m->state = (enum outbox_state)store_column_state(statement, 14, MACHINE_OUTBOX);
    m->due = db_column_int64(statement, 15);
    m->created = db_column_int64(statement, 16);
    const char *channel = db_column_text(statement, 17);
    m->channel = channel && strcmp(channel, "sms") == 0 ? CONTACT_SMS : CONTACT_EMAIL;
    store_column_text(statement, 18, m->recipient, sizeof m->recipient);
    m->claimed_at = db_column_int64(statement, 19);
    m->sent_at = db_column_int64(statement, 20);
    m->attempts = (int)db_column_int64(statement, 21);
    store_column_text(statement, 22, m->error, sizeof m->error);
    store_column_text(statement, 23, m->client, sizeof m->client);
    store_column_text(statement, 24, m->client_email, sizeof m->client_email);
    store_column_text(statement, 25, m->client_phone, sizeof m->client_phone);
    const char *contact = db_column_text(statement, 26);
    m->client_contact = contact && strcmp(contact, "sms") == 0 ? CONTACT_SMS : CONTACT_EMAIL;
    m->appointment_start = db_column_int64(statement, 27);
}

int store_outbox_get(struct fd_store *store, int64_t id, struct fd_outbox_message *out,
                     struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_OUTBOX_GET, OUTBOX_SELECT " WHERE o.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_outbox, err, "message", id);
}

/* The outbox's listings are built from the filters given, so that each
 * uses its index (the unsent ones, an appointment's, a client's …) and a
 * long history of sent messages is never read through; each combination
 * is prepared once. */
enum outbox_condition {
    BY_UNSENT,
    BY_DUE,
    BY_KIND,
    BY_APPOINTMENT,
    BY_CLIENT,
    BY_REQUEST,
    BY_WAITLIST,
    BY_COUNT
};

int store_outbox_list(struct fd_store *store, const struct outbox_filter *filter,
                      struct fd_outbox_message **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    static const char *const CONDITIONS[BY_COUNT] = {
        [BY_UNSENT] = "o.state IN ('queued', 'failed', 'sending')",
        [BY_DUE] = "o.due <= ?%d",
        [BY_KIND] = "o.kind = ?%d",
        [BY_APPOINTMENT] = "o.appointment_id = ?%d",
        [BY_CLIENT] = "o.client_id = ?%d",
        [BY_REQUEST] = "o.request_id = ?%d",
        [BY_WAITLIST] = "o.waitlist_id = ?%d",
    };
    bool used[BY_COUNT] = {
        [BY_UNSENT] = filter->unsent_only,       [BY_DUE] = filter->due_by != 0,
        [BY_KIND] = filter->kind >= 0,           [BY_APPOINTMENT] = filter->appointment_id != 0,
        [BY_CLIENT] = filter->client_id != 0,    [BY_REQUEST] = filter->request_id != 0,
        [BY_WAITLIST] = filter->waitlist_id != 0};
    unsigned mask = 0;
    char sql[1024];
    size_t used_length = (size_t)snprintf(sql, sizeof sql, "%s", OUTBOX_SELECT);
    int parameter = 1;
    for (int c = 0; c < BY_COUNT; c++) {
        if (!used[c])
            continue;
        mask |= 1u << c;
        char condition[96];
        int n = snprintf(condition, sizeof condition, CONDITIONS[c], parameter);
        if (strchr(CONDITIONS[c], '?'))
            parameter++;
        used_length += (size_t)snprintf(sql + used_length, sizeof sql - used_length, " %s %.*s",
                                        mask == 1u << c ? "WHERE" : "AND", n, condition);
    }
    snprintf(sql + used_length, sizeof sql - used_length, " ORDER BY o.due, o.id LIMIT ?%d",
             parameter);
    struct db_statement *statement =
        store_statement(store, STMT_OUTBOX_LIST_FIRST + (int)mask, sql, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int index = 1;
    if (used[BY_DUE])
        db_bind_int64(statement, index++, filter->due_by);
    if (used[BY_KIND])
        db_bind_text(statement, index++, store_outbox_kind_name(filter->kind), false);
    if (used[BY_APPOINTMENT])
        db_bind_int64(statement, index++, filter->appointment_id);
    if (used[BY_CLIENT])
        db_bind_int64(statement, index++, filter->client_id);
    if (used[BY_REQUEST])
        db_bind_int64(statement, index++, filter->request_id);
    if (used[BY_WAITLIST])
        db_bind_int64(statement, index++, filter->waitlist_id);
    db_bind_int64(statement, index, filter->limit ? (int64_t)filter->limit : INT64_MAX);
    return store_collect(statement, (void **)out, count, sizeof **out, read_outbox, err,
                         "listing the outbox");
}

int store_outbox_claim(struct fd_store *store, int64_t id, fd_time at, enum contact_channel channel,
                       const char *recipient, const char *reply_code, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_OUTBOX, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_CLAIM,
        "UPDATE outbox SET state = 'sending', claimed_at = ?2, attempts = attempts + 1,"
        " channel = ?3, recipient = ?4, reply_code = coalesce(reply_code, ?5)"
        " WHERE id = ?1 AND state IN ('queued', 'failed')",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, at);
    db_bind_text(statement, 3, channel == CONTACT_SMS ? "sms" : "email", false);
    db_bind_text(statement, 4, recipient, true);
    db_bind_text(statement, 5, reply_code, true);
    int rc = store_step_done(statement, err, "claiming the message");
    if (rc < 0)
        return rc;
    return db_changes(statement) == 1 ? 0 : 1; /* 1: another run has it, or it is gone */
}

int store_outbox_finish(struct fd_store *store, int64_t id, bool sent, fd_time at,
                        const char *error, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_OUTBOX, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_FINISH,
        "UPDATE outbox SET state = ?2, sent_at = CASE WHEN ?2 = 'sent' THEN ?3 END, error = ?4"
        " WHERE id = ?1 AND state = 'sending'",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, sent ? "sent" : "failed", false);
    db_bind_int64(statement, 3, at);
    db_bind_text(statement, 4, sent ? NULL : error, true);
    int rc = store_step_done(statement, err, "recording the message");
    return rc < 0 ? rc : store_expect_change(statement, "message", id, err);
}

int store_outbox_set_state(struct fd_store *store, int64_t id, enum outbox_state state, fd_time at,
                           struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_OUTBOX, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_SET_STATE,
        "UPDATE outbox SET state = ?2, voided_at = CASE WHEN ?2 = 'void' THEN ?3 END,"
        " due = CASE WHEN ?2 = 'queued' THEN ?3 ELSE due END WHERE id = ?1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, state_name(MACHINE_OUTBOX, (int)state), false);
    db_bind_int64(statement, 3, at);
    int rc = store_step_done(statement, err, "changing the message");
    return rc < 0 ? rc : store_expect_change(statement, "message", id, err);
}

int store_outbox_void_about(struct fd_store *store, const struct outbox_filter *about,
                            unsigned kinds, fd_time at, int64_t **voided, size_t *count,
                            struct fd_error *err)
{
    *voided = NULL;
    *count = 0;
    struct fd_outbox_message *list = NULL;
    size_t n = 0;
    struct outbox_filter filter = *about;
    filter.unsent_only = true;
    filter.kind = -1;
    int rc = store_outbox_list(store, &filter, &list, &n, err);
    int64_t *ids = calloc(n ? n : 1, sizeof *ids);
    if (rc == 0 && !ids) {
        free(list);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        /* A message being sent right now is left to its run. */
        if (!(kinds & (1u << list[i].kind)) || list[i].state == OUTBOX_SENDING)
            continue;
        rc = store_outbox_set_state(store, list[i].id, OUTBOX_VOID, at, err);
        if (rc == 0)
            ids[(*count)++] = list[i].id;
    }
    free(list);
    if (rc < 0) {
        free(ids);
        *count = 0;
        return rc;
    }
    *voided = ids;
    return 0;
}

int store_outbox_by_code(struct fd_store *store, const char *code, int64_t client_id,
                         struct fd_outbox_message *out, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_OUTBOX_BY_CODE,
                        OUTBOX_SELECT " WHERE o.reply_code = ?1 AND o.client_id = ?2"
                                      " AND o.state = 'sent' ORDER BY o.id DESC LIMIT 1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, code, false);
    db_bind_int64(statement, 2, client_id);
    int rc = db_step(statement, err, "finding the message");
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        read_outbox(statement, out);
    }
    db_reset(statement);
    return rc < 0 ? rc : rc == DB_ROW ? 0 : 1;
}

bool store_outbox_code_in_use(struct fd_store *store, int64_t client_id, const char *code,
                              fd_time since)
{
    struct fd_error ignored = {0};
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_CODE_IN_USE,
        "SELECT count(*) FROM outbox WHERE client_id = ?1 AND reply_code = ?2 AND created >= ?3",
        &ignored);
    if (!statement)
        return true;
    db_bind_int64(statement, 1, client_id);
    db_bind_text(statement, 2, code, false);
    db_bind_int64(statement, 3, since);
    int64_t used = 1;
    store_fetch_int(statement, &used, &ignored, "checking a reply code");
    return used > 0;
}

int store_request_answer_sent(struct fd_store *store, int64_t request_id, fd_time at,
                              struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_REQUEST, request_id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_REQUEST_ANSWER_SENT,
                        "UPDATE request SET answer_sent_at = coalesce(answer_sent_at, ?2)"
                        " WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, request_id);
    db_bind_int64(statement, 2, at);
    return store_step_done(statement, err, "recording the answer");
}

static void read_due(struct db_statement *statement, void *row)
{
    struct reminder_candidate *c = row;
    c->appointment_id = db_column_int64(statement, 0);
    c->client_id = db_column_int64(statement, 1);
    c->start = db_column_int64(statement, 2);
    c->scheduled_at = db_column_int64(statement, 3);
}

int store_reminder_candidates(struct fd_store *store, fd_time from, fd_time to,
                              struct reminder_candidate **out, size_t *count, struct fd_error *err)
{
    /* Booked appointments starting in [from, to) whose client has not
     * opted out and that have no reminder planned for this start. */
    return store_collect_range(
        store, STMT_REMINDER_CANDIDATES,
        "SELECT a.id, a.client_id, a.start, coalesce(a.scheduled_at, a.created)"
        " FROM appointment a JOIN client c ON c.id = a.client_id"
        " WHERE a.start >= ?1 AND a.start < ?2 AND a.status = 'booked'"
        " AND c.no_reminders_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
        " WHERE o.appointment_id = a.id AND o.kind = 'reminder' AND o.for_start = a.start"
        " AND o.state <> 'void') ORDER BY a.start, a.id",
        from, to, (void **)out, count, sizeof **out, read_due, err, "finding reminders");
}

int store_outbox_insert_reminder(struct fd_store *store, struct fd_outbox_message *m,
                                 bool *inserted, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_OUTBOX_INSERT_REMINDER,
        "INSERT INTO outbox(kind, client_id, appointment_id, for_start, reply_code, state, due,"
        " created) VALUES ('reminder', ?1, ?2, ?3, ?4, 'queued', ?5, ?5)"
        " ON CONFLICT DO NOTHING RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, m->client_id);
    db_bind_int64(statement, 2, m->appointment_id);
    db_bind_int64(statement, 3, m->for_start);
    db_bind_text(statement, 4, m->reply_code, true);
    db_bind_int64(statement, 5, m->created);
    int rc = db_step(statement, err, "planning the reminder");
    *inserted = rc == DB_ROW;
    if (rc == DB_ROW)
        m->id = db_column_int64(statement, 0);
    db_reset(statement);
    if (rc == DB_ROW)
        return store_journal_added(store, JOURNAL_OUTBOX, m->id, err);
    return rc < 0 ? rc : 0;
}
