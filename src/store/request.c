/* Booking requests, waitlist entries and contact messages in the store. */
#include "store_internal.h"

#include <string.h>

static void bind_id(sqlite3_stmt *statement, int index, int64_t id)
{
    if (id)
        sqlite3_bind_int64(statement, index, id);
    else
        sqlite3_bind_null(statement, index);
}

int store_request_insert(struct fd_store *store, struct fd_request *r, bool *inserted,
                         struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_REQUEST_INSERT,
        "INSERT INTO request(client_id, name, email, phone, service, prefer, prefer_windows,"
        " therapist_id, received, due, source, status, message, import_key)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        " ON CONFLICT(import_key) DO NOTHING",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bind_id(statement, 1, r->client_id);
    store_bind_text(statement, 2, r->name, false);
    store_bind_text(statement, 3, r->email, false);
    store_bind_text(statement, 4, r->phone, true);
    store_bind_text(statement, 5, r->service, false);
    store_bind_text(statement, 6, r->prefer, false);
    store_bind_text(statement, 7, r->prefer_windows, false);
    bind_id(statement, 8, r->therapist_id);
    sqlite3_bind_int64(statement, 9, r->received);
    sqlite3_bind_int64(statement, 10, r->due);
    store_bind_text(statement, 11, r->source[0] ? r->source : "web", false);
    store_bind_text(statement, 12, r->status[0] ? r->status : "pending", false);
    store_bind_text(statement, 13, r->message, true);
    store_bind_text(statement, 14, r->import_key, true);
    int rc = store_step_done(store, statement, err, "adding the request");
    if (rc < 0)
        return rc;
    bool added = sqlite3_changes(store->db) > 0;
    if (added)
        r->id = sqlite3_last_insert_rowid(store->db);
    if (inserted)
        *inserted = added;
    return 0;
}

#define REQUEST_SELECT                                                                             \
    "SELECT r.id, r.client_id, r.name, r.email, r.phone, r.service, r.prefer, r.prefer_windows,"   \
    " r.therapist_id, t.handle, r.received, r.due, r.source, r.status, r.message, r.reason,"       \
    " r.answered, r.import_key FROM request r LEFT JOIN therapist t ON t.id = r.therapist_id"

static void read_request(sqlite3_stmt *statement, void *row)
{
    struct fd_request *r = row;
    r->id = sqlite3_column_int64(statement, 0);
    r->client_id = sqlite3_column_int64(statement, 1);
    store_column_text(statement, 2, r->name, sizeof r->name);
    store_column_text(statement, 3, r->email, sizeof r->email);
    store_column_text(statement, 4, r->phone, sizeof r->phone);
    store_column_text(statement, 5, r->service, sizeof r->service);
    store_column_text(statement, 6, r->prefer, sizeof r->prefer);
    store_column_text(statement, 7, r->prefer_windows, sizeof r->prefer_windows);
    r->therapist_id = sqlite3_column_int64(statement, 8);
    store_column_text(statement, 9, r->therapist, sizeof r->therapist);
    r->received = sqlite3_column_int64(statement, 10);
    r->due = sqlite3_column_int64(statement, 11);
    store_column_text(statement, 12, r->source, sizeof r->source);
    store_column_text(statement, 13, r->status, sizeof r->status);
    store_column_text(statement, 14, r->message, sizeof r->message);
    store_column_text(statement, 15, r->reason, sizeof r->reason);
    r->answered = sqlite3_column_int64(statement, 16);
    store_column_text(statement, 17, r->import_key, sizeof r->import_key);
}

int store_request_get(struct fd_store *store, int64_t id, struct fd_request *out,
                      struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_REQUEST_GET, REQUEST_SELECT " WHERE r.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    return store_fetch_one(store, statement, out, sizeof *out, read_request, err, "request", id);
}

int store_request_list(struct fd_store *store, const char *status, struct fd_request **out,
                       size_t *count, struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_REQUEST_LIST,
        REQUEST_SELECT " WHERE ?1 IS NULL OR r.status = ?1 ORDER BY r.due, r.received, r.id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, status, false);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_request, err,
                         "listing requests");
}

int store_request_set_status(struct fd_store *store, int64_t id, const char *status,
                             const char *reason, fd_time answered, int64_t client_id,
                             struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_REQUEST_SET_STATUS,
                        "UPDATE request SET status = ?2, reason = ?3, answered = ?4,"
                        " client_id = coalesce(?5, client_id) WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    store_bind_text(statement, 2, status, false);
    store_bind_text(statement, 3, reason, true);
    sqlite3_bind_int64(statement, 4, answered);
    bind_id(statement, 5, client_id);
    int rc = store_step_done(store, statement, err, "updating the request");
    if (rc == 0 && sqlite3_changes(store->db) == 0)
        return fd_fail(err, FD_ERR_DATA, "there is no request %lld", (long long)id);
    return rc;
}

int store_waitlist_insert(struct fd_store *store, struct fd_waitlist_entry *e, struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_WAITLIST_INSERT,
        "INSERT INTO waitlist(client_id, service, clinic_id, therapist_id, prefer,"
        " prefer_windows, added, request_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, e->client_id);
    store_bind_text(statement, 2, e->service, false);
    bind_id(statement, 3, e->clinic_id);
    bind_id(statement, 4, e->therapist_id);
    store_bind_text(statement, 5, e->prefer, false);
    store_bind_text(statement, 6, e->prefer_windows, false);
    sqlite3_bind_int64(statement, 7, e->added);
    bind_id(statement, 8, e->request_id);
    store_bind_text(statement, 9, e->status[0] ? e->status : "waiting", false);
    int rc = store_step_done(store, statement, err, "adding to the waitlist");
    if (rc == 0)
        e->id = sqlite3_last_insert_rowid(store->db);
    return rc;
}

#define WAITLIST_SELECT                                                                            \
    "SELECT w.id, w.client_id, c.name, c.email, w.service, w.clinic_id, w.therapist_id,"           \
    " t.handle, w.prefer, w.prefer_windows, w.added, w.request_id, w.status"                       \
    " FROM waitlist w JOIN client c ON c.id = w.client_id"                                         \
    " LEFT JOIN therapist t ON t.id = w.therapist_id"

static void read_waitlist(sqlite3_stmt *statement, void *row)
{
    struct fd_waitlist_entry *e = row;
    e->id = sqlite3_column_int64(statement, 0);
    e->client_id = sqlite3_column_int64(statement, 1);
    store_column_text(statement, 2, e->name, sizeof e->name);
    store_column_text(statement, 3, e->email, sizeof e->email);
    store_column_text(statement, 4, e->service, sizeof e->service);
    e->clinic_id = sqlite3_column_int64(statement, 5);
    e->therapist_id = sqlite3_column_int64(statement, 6);
    store_column_text(statement, 7, e->therapist, sizeof e->therapist);
    store_column_text(statement, 8, e->prefer, sizeof e->prefer);
    store_column_text(statement, 9, e->prefer_windows, sizeof e->prefer_windows);
    e->added = sqlite3_column_int64(statement, 10);
    e->request_id = sqlite3_column_int64(statement, 11);
    store_column_text(statement, 12, e->status, sizeof e->status);
}

int store_waitlist_get(struct fd_store *store, int64_t id, struct fd_waitlist_entry *out,
                       struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_WAITLIST_GET, WAITLIST_SELECT " WHERE w.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    return store_fetch_one(store, statement, out, sizeof *out, read_waitlist, err, "waitlist entry",
                           id);
}

int store_waitlist_list(struct fd_store *store, const char *status, struct fd_waitlist_entry **out,
                        size_t *count, struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_WAITLIST_LIST,
        WAITLIST_SELECT " WHERE ?1 IS NULL OR w.status = ?1 ORDER BY w.added, w.id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, status, false);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_waitlist, err,
                         "listing the waitlist");
}

int store_waitlist_set_status(struct fd_store *store, int64_t id, const char *status,
                              struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(store, STMT_WAITLIST_SET_STATUS,
                                              "UPDATE waitlist SET status = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    store_bind_text(statement, 2, status, false);
    int rc = store_step_done(store, statement, err, "updating the waitlist");
    if (rc == 0 && sqlite3_changes(store->db) == 0)
        return fd_fail(err, FD_ERR_DATA, "there is no waitlist entry %lld", (long long)id);
    return rc;
}

int store_message_insert(struct fd_store *store, struct fd_message *m, bool *inserted,
                         struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_MESSAGE_INSERT,
                        "INSERT INTO message(name, email, text, received, handled, import_key)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(import_key) DO NOTHING",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, m->name, false);
    store_bind_text(statement, 2, m->email, false);
    store_bind_text(statement, 3, m->text, false);
    sqlite3_bind_int64(statement, 4, m->received);
    bind_id(statement, 5, m->handled);
    store_bind_text(statement, 6, m->import_key, true);
    int rc = store_step_done(store, statement, err, "adding the message");
    if (rc < 0)
        return rc;
    bool added = sqlite3_changes(store->db) > 0;
    if (added)
        m->id = sqlite3_last_insert_rowid(store->db);
    if (inserted)
        *inserted = added;
    return 0;
}

static void read_message(sqlite3_stmt *statement, void *row)
{
    struct fd_message *m = row;
    m->id = sqlite3_column_int64(statement, 0);
    store_column_text(statement, 1, m->name, sizeof m->name);
    store_column_text(statement, 2, m->email, sizeof m->email);
    store_column_text(statement, 3, m->text, sizeof m->text);
    m->received = sqlite3_column_int64(statement, 4);
    m->handled = sqlite3_column_int64(statement, 5);
}

int store_message_list(struct fd_store *store, bool include_handled, struct fd_message **out,
                       size_t *count, struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_MESSAGE_LIST,
                        "SELECT id, name, email, text, received, handled FROM message"
                        " WHERE ?1 OR handled IS NULL ORDER BY received, id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int(statement, 1, include_handled);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_message, err,
                         "listing messages");
}

int store_message_set_handled(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(store, STMT_MESSAGE_SET_HANDLED,
                                              "UPDATE message SET handled = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    sqlite3_bind_int64(statement, 2, at);
    int rc = store_step_done(store, statement, err, "updating the message");
    if (rc == 0 && sqlite3_changes(store->db) == 0)
        return fd_fail(err, FD_ERR_DATA, "there is no message %lld", (long long)id);
    return rc;
}
