/* Booking requests, waitlist entries and contact messages in the store. */
#include "store_internal.h"

#include <string.h>

int store_request_insert(struct fd_store *store, struct fd_request *r, bool *inserted,
                         struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_REQUEST_INSERT,
        "INSERT INTO request(client_id, name, email, phone, service, prefer, prefer_windows,"
        " therapist_id, received, due, source, status, message, import_key, prefer_ok)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        " ON CONFLICT(import_key) DO NOTHING RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_id(statement, 1, r->client_id);
    db_bind_text(statement, 2, r->name, false);
    db_bind_text(statement, 3, r->email, false);
    db_bind_text(statement, 4, r->phone, true);
    db_bind_text(statement, 5, r->service, false);
    db_bind_text(statement, 6, r->prefer, false);
    db_bind_text(statement, 7, r->prefer_windows, false);
    db_bind_id(statement, 8, r->therapist_id);
    db_bind_int64(statement, 9, r->received);
    db_bind_int64(statement, 10, r->due);
    db_bind_text(statement, 11, r->source[0] ? r->source : REQUEST_SOURCES[0], false);
    db_bind_text(statement, 12, state_name(MACHINE_REQUEST, (int)r->status), false);
    db_bind_text(statement, 13, r->message, true);
    db_bind_text(statement, 14, r->import_key, true);
    db_bind_int64(statement, 15, !r->prefer_not_understood);
    int64_t id = 0;
    int rc = store_step_insert(statement, &id, err, "adding the request");
    if (rc == 0 && id)
        rc = store_journal_added(store, JOURNAL_REQUEST, id, err);
    if (rc < 0)
        return rc;
    if (id)
        r->id = id;
    if (inserted)
        *inserted = id != 0;
    return 0;
}

#define REQUEST_SELECT                                                                             \
    "SELECT r.id, r.client_id, r.name, r.email, r.phone, r.service, r.prefer, r.prefer_windows,"   \
    " r.therapist_id, t.handle, r.received, r.due, r.source, r.status, r.message, r.reason,"       \
    " r.answered, r.import_key, r.prefer_ok, r.answer_sent_at"                                     \
    " FROM request r LEFT JOIN therapist t ON t.id = r.therapist_id"

static void read_request(struct db_statement *statement, void *row)
{
    struct fd_request *r = row;
    r->id = db_column_int64(statement, 0);
    r->client_id = db_column_int64(statement, 1);
    store_column_text(statement, 2, r->name, sizeof r->name);
    store_column_text(statement, 3, r->email, sizeof r->email);
    store_column_text(statement, 4, r->phone, sizeof r->phone);
    store_column_text(statement, 5, r->service, sizeof r->service);
    store_column_text(statement, 6, r->prefer, sizeof r->prefer);
    store_column_text(statement, 7, r->prefer_windows, sizeof r->prefer_windows);
    r->therapist_id = db_column_int64(statement, 8);
    store_column_text(statement, 9, r->therapist, sizeof r->therapist);
    r->received = db_column_int64(statement, 10);
    r->due = db_column_int64(statement, 11);
    store_column_text(statement, 12, r->source, sizeof r->source);
    r->status = (enum request_status)store_column_state(statement, 13, MACHINE_REQUEST);
    store_column_text(statement, 14, r->message, sizeof r->message);
    store_column_text(statement, 15, r->reason, sizeof r->reason);
    r->answered = db_column_int64(statement, 16);
    store_column_text(statement, 17, r->import_key, sizeof r->import_key);
    r->prefer_not_understood = db_column_int64(statement, 18) == 0;
    r->answer_sent_at = db_column_int64(statement, 19);
}

int store_request_get(struct fd_store *store, int64_t id, struct fd_request *out,
                      struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_REQUEST_GET, REQUEST_SELECT " WHERE r.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_request, err, "request", id);
}

int store_request_list(struct fd_store *store, bool all, enum request_status status,
                       struct fd_request **out, size_t *count, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_REQUEST_LIST,
        REQUEST_SELECT " WHERE ?1 = 1 OR r.status = ?2 ORDER BY r.due, r.received, r.id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, all);
    db_bind_text(statement, 2, state_name(MACHINE_REQUEST, (int)status), false);
    return store_collect(statement, (void **)out, count, sizeof **out, read_request, err,
                         "listing requests");
}

int store_request_set_status(struct fd_store *store, int64_t id, enum request_status status,
                             const char *reason, fd_time answered, int64_t client_id,
                             struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_REQUEST, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_REQUEST_SET_STATUS,
                        "UPDATE request SET status = ?2, reason = ?3, answered = ?4,"
                        " client_id = coalesce(?5, client_id) WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, state_name(MACHINE_REQUEST, (int)status), false);
    db_bind_text(statement, 3, reason, true);
    db_bind_id(statement, 4, answered);
    db_bind_id(statement, 5, client_id);
    int rc = store_step_done(statement, err, "updating the request");
    return rc < 0 ? rc : store_expect_change(statement, "request", id, err);
}

int store_request_reopen(struct fd_store *store, int64_t id, fd_time due, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_REQUEST, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_REQUEST_REOPEN,
                        "UPDATE request SET status = 'pending', answered = NULL, reason = NULL,"
                        " due = ?2 WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, due);
    int rc = store_step_done(statement, err, "opening the request again");
    return rc < 0 ? rc : store_expect_change(statement, "request", id, err);
}

int store_request_set_client(struct fd_store *store, int64_t id, int64_t client_id,
                             struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_REQUEST, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_REQUEST_SET_CLIENT, "UPDATE request SET client_id = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_id(statement, 2, client_id);
    int rc = store_step_done(statement, err, "linking the request to its client");
    return rc < 0 ? rc : store_expect_change(statement, "request", id, err);
}

int store_requests_of_client(struct fd_store *store, int64_t client_id, struct fd_request **out,
                             size_t *count, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_REQUEST_OF_CLIENT,
        REQUEST_SELECT " WHERE r.client_id = ?1 ORDER BY r.received DESC, r.id DESC", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, client_id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_request, err,
                         "listing the client's requests");
}

int store_waitlist_insert(struct fd_store *store, struct fd_waitlist_entry *e, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_WAITLIST_INSERT,
        "INSERT INTO waitlist(client_id, service, clinic_id, therapist_id, prefer,"
        " prefer_windows, added, request_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        " RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, e->client_id);
    db_bind_text(statement, 2, e->service, false);
    db_bind_id(statement, 3, e->clinic_id);
    db_bind_id(statement, 4, e->therapist_id);
    db_bind_text(statement, 5, e->prefer, false);
    db_bind_text(statement, 6, e->prefer_windows, false);
    db_bind_int64(statement, 7, e->added);
    db_bind_id(statement, 8, e->request_id);
    db_bind_text(statement, 9, state_name(MACHINE_WAITLIST, (int)e->status), false);
    int rc = store_step_insert(statement, &e->id, err, "adding to the waitlist");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_WAITLIST, e->id, err);
}

#define WAITLIST_SELECT                                                                            \
    "SELECT w.id, w.client_id, c.name, c.email, w.service, w.clinic_id, w.therapist_id,"           \
    " t.handle, w.prefer, w.prefer_windows, w.added, w.request_id, w.status,"                      \
    " coalesce(w.notified_at, 0)"                                                                  \
    " FROM waitlist w JOIN client c ON c.id = w.client_id"                                         \
    " LEFT JOIN therapist t ON t.id = w.therapist_id"

static void read_waitlist(struct db_statement *statement, void *row)
{
    struct fd_waitlist_entry *e = row;
    e->id = db_column_int64(statement, 0);
    e->client_id = db_column_int64(statement, 1);
    store_column_text(statement, 2, e->name, sizeof e->name);
    store_column_text(statement, 3, e->email, sizeof e->email);
    store_column_text(statement, 4, e->service, sizeof e->service);
    e->clinic_id = db_column_int64(statement, 5);
    e->therapist_id = db_column_int64(statement, 6);
    store_column_text(statement, 7, e->therapist, sizeof e->therapist);
    store_column_text(statement, 8, e->prefer, sizeof e->prefer);
    store_column_text(statement, 9, e->prefer_windows, sizeof e->prefer_windows);
    e->added = db_column_int64(statement, 10);
    e->request_id = db_column_int64(statement, 11);
    e->status = (enum waitlist_status)store_column_state(statement, 12, MACHINE_WAITLIST);
    e->notified_at = db_column_int64(statement, 13);
}

int store_waitlist_notified(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_WAITLIST, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_WAITLIST_NOTIFIED,
        "UPDATE waitlist SET notified_at = ?2 WHERE id = ?1 AND notified_at IS NULL", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, at);
    int rc = store_step_done(statement, err, "recording the notice");
    return rc < 0 ? rc : store_expect_change(statement, "waitlist entry", id, err);
}

int store_waitlist_get(struct fd_store *store, int64_t id, struct fd_waitlist_entry *out,
                       struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_WAITLIST_GET, WAITLIST_SELECT " WHERE w.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_waitlist, err, "waitlist entry", id);
}

int store_waitlist_list(struct fd_store *store, bool all, struct fd_waitlist_entry **out,
                        size_t *count, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_WAITLIST_LIST,
                        WAITLIST_SELECT " WHERE ?1 = 1 OR w.status IN ('waiting', 'offered')"
                                        " ORDER BY w.added, w.id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, all);
    return store_collect(statement, (void **)out, count, sizeof **out, read_waitlist, err,
                         "listing the waitlist");
}

int store_waitlist_of_client(struct fd_store *store, int64_t client_id,
                             struct fd_waitlist_entry **out, size_t *count, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_WAITLIST_OF_CLIENT,
        WAITLIST_SELECT " WHERE w.client_id = ?1 ORDER BY w.added DESC, w.id DESC", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, client_id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_waitlist, err,
                         "listing the client's waitlist entries");
}

int store_waitlist_set_status(struct fd_store *store, int64_t id, enum waitlist_status status,
                              struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_WAITLIST, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_WAITLIST_SET_STATUS, "UPDATE waitlist SET status = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, state_name(MACHINE_WAITLIST, (int)status), false);
    int rc = store_step_done(statement, err, "updating the waitlist");
    return rc < 0 ? rc : store_expect_change(statement, "waitlist entry", id, err);
}

int store_message_insert(struct fd_store *store, struct fd_message *m, bool *inserted,
                         struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_MESSAGE_INSERT,
        "INSERT INTO message(name, email, text, received, handled, import_key, phone)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(import_key) DO NOTHING RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, m->name, false);
    db_bind_text(statement, 2, m->email, false);
    db_bind_text(statement, 3, m->text, false);
    db_bind_int64(statement, 4, m->received);
    db_bind_id(statement, 5, m->handled);
    db_bind_text(statement, 6, m->import_key, true);
    db_bind_text(statement, 7, m->phone, true);
    int64_t id = 0;
    int rc = store_step_insert(statement, &id, err, "adding the message");
    if (rc == 0 && id)
        rc = store_journal_added(store, JOURNAL_MESSAGE, id, err);
    if (rc < 0)
        return rc;
    if (id)
        m->id = id;
    if (inserted)
        *inserted = id != 0;
    return 0;
}

static void read_message(struct db_statement *statement, void *row)
{
    struct fd_message *m = row;
    m->id = db_column_int64(statement, 0);
    store_column_text(statement, 1, m->name, sizeof m->name);
    store_column_text(statement, 2, m->email, sizeof m->email);
    store_column_text(statement, 3, m->text, sizeof m->text);
    m->received = db_column_int64(statement, 4);
    m->handled = db_column_int64(statement, 5);
    store_column_text(statement, 6, m->phone, sizeof m->phone);
}

int store_message_list(struct fd_store *store, bool include_handled, struct fd_message **out,
                       size_t *count, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_MESSAGE_LIST,
                        "SELECT id, name, email, text, received, handled, phone FROM message"
                        " WHERE ?1 = 1 OR handled IS NULL ORDER BY received, id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, include_handled);
    return store_collect(statement, (void **)out, count, sizeof **out, read_message, err,
                         "listing messages");
}

int store_message_get(struct fd_store *store, int64_t id, struct fd_message *out,
                      struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_MESSAGE_GET,
                        "SELECT id, name, email, text, received, handled, phone FROM message"
                        " WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_message, err, "message", id);
}

int store_message_set_handled(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_MESSAGE, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_MESSAGE_SET_HANDLED, "UPDATE message SET handled = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, at);
    int rc = store_step_done(statement, err, "updating the message");
    return rc < 0 ? rc : store_expect_change(statement, "message", id, err);
}
