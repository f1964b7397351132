/*
 * Appointments in the store.  Overlaps are refused by the schema's triggers
 * (see schema.c); store_fail() turns their RAISE messages into the "slot
 * was just taken" error a receptionist sees.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#define INSERT_SQL                                                                                 \
    "INSERT INTO appointment(therapist_id, clinic_id, room, client_id, request_id, service,"       \
    " minutes, price_pence, buffer, start, end, busy_until, status, confirmation, forced,"         \
    " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"

static void bind_appointment(sqlite3_stmt *statement, const struct fd_appointment *a)
{
    sqlite3_bind_int64(statement, 1, a->therapist_id);
    sqlite3_bind_int64(statement, 2, a->clinic_id);
    sqlite3_bind_int(statement, 3, a->room);
    sqlite3_bind_int64(statement, 4, a->client_id);
    if (a->request_id)
        sqlite3_bind_int64(statement, 5, a->request_id);
    else
        sqlite3_bind_null(statement, 5);
    store_bind_text(statement, 6, a->service, false);
    sqlite3_bind_int(statement, 7, a->minutes);
    sqlite3_bind_int(statement, 8, a->price_pence);
    sqlite3_bind_int(statement, 9, a->buffer);
    sqlite3_bind_int64(statement, 10, a->start);
    sqlite3_bind_int64(statement, 11, a->end);
    sqlite3_bind_int64(statement, 12, a->end + a->buffer);
    store_bind_text(statement, 13, a->status[0] ? a->status : "booked", false);
    store_bind_text(statement, 14, a->confirmation[0] ? a->confirmation : "unsent", false);
    sqlite3_bind_int(statement, 15, a->forced);
    sqlite3_bind_int64(statement, 16, a->created);
}

int store_appointment_insert(struct fd_store *store, struct fd_appointment *appointment,
                             struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(store, STMT_APPOINTMENT_INSERT, INSERT_SQL, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bind_appointment(statement, appointment);
    int rc = store_step_done(store, statement, err, "booking the appointment");
    if (rc == 0)
        appointment->id = sqlite3_last_insert_rowid(store->db);
    return rc;
}

/* A bulk load is one long transaction of inserts whose triggers may
 * RAISE, so every insert keeps a statement journal; by default that
 * journal spills to a temporary file and each insert costs a handful of
 * write() calls.  Kept in memory, and with a page cache large enough that
 * dirty pages are not spilled to the WAL mid-transaction, demo
 * --appointments 1000000 takes a third of the time.  The cache is a fixed
 * size, so memory stays flat however much is loaded. */
int store_bulk_load_begin(struct fd_store *store, int cache_mib, struct fd_error *err)
{
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -%d",
             cache_mib * 1024);
    if (sqlite3_exec(store->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(store, err, "preparing a bulk load");
    return 0;
}

#define SELECT_SQL                                                                                 \
    "SELECT a.id, a.therapist_id, a.clinic_id, a.room, a.client_id, a.request_id, a.service,"      \
    " a.minutes, a.price_pence, a.buffer, a.start, a.end, a.status, a.confirmation,"               \
    " a.confirmation_at, a.confirmation_via, a.confirmation_error, a.forced, a.created,"           \
    " t.handle, t.name, c.name, cl.name, cl.email"                                                 \
    " FROM appointment a JOIN therapist t ON t.id = a.therapist_id"                                \
    " JOIN clinic c ON c.id = a.clinic_id JOIN client cl ON cl.id = a.client_id"

static void read_appointment(sqlite3_stmt *statement, void *row)
{
    struct fd_appointment *a = row;
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(statement, 0);
    a->therapist_id = sqlite3_column_int64(statement, 1);
    a->clinic_id = sqlite3_column_int64(statement, 2);
    a->room = sqlite3_column_int(statement, 3);
    a->client_id = sqlite3_column_int64(statement, 4);
    a->request_id = sqlite3_column_int64(statement, 5);
    store_column_text(statement, 6, a->service, sizeof a->service);
    a->minutes = sqlite3_column_int(statement, 7);
    a->price_pence = sqlite3_column_int(statement, 8);
    a->buffer = sqlite3_column_int(statement, 9);
    a->start = sqlite3_column_int64(statement, 10);
    a->end = sqlite3_column_int64(statement, 11);
    store_column_text(statement, 12, a->status, sizeof a->status);
    store_column_text(statement, 13, a->confirmation, sizeof a->confirmation);
    a->confirmation_at = sqlite3_column_int64(statement, 14);
    store_column_text(statement, 15, a->confirmation_via, sizeof a->confirmation_via);
    store_column_text(statement, 16, a->confirmation_error, sizeof a->confirmation_error);
    a->forced = sqlite3_column_int(statement, 17) != 0;
    a->created = sqlite3_column_int64(statement, 18);
    store_column_text(statement, 19, a->therapist, sizeof a->therapist);
    store_column_text(statement, 20, a->therapist_name, sizeof a->therapist_name);
    store_column_text(statement, 21, a->clinic, sizeof a->clinic);
    store_column_text(statement, 22, a->client, sizeof a->client);
    store_column_text(statement, 23, a->client_email, sizeof a->client_email);
}

int store_appointment_get(struct fd_store *store, int64_t id, struct fd_appointment *out,
                          struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_APPOINTMENT_GET, SELECT_SQL " WHERE a.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    return store_fetch_one(store, statement, out, sizeof *out, read_appointment, err, "appointment",
                           id);
}

int store_appointment_list(struct fd_store *store, const struct fd_appointment_filter *filter,
                           struct fd_appointment **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *statement = store_statement(
        store, STMT_APPOINTMENT_LIST,
        SELECT_SQL " WHERE a.start >= ?1 AND a.start < ?2 AND (?3 = 0 OR a.therapist_id = ?3)"
                   " AND (?4 = 0 OR a.client_id = ?4) AND (?5 OR a.status <> 'cancelled')"
                   " AND (NOT ?6 OR (a.confirmation <> 'sent' AND a.status = 'booked'))"
                   " ORDER BY a.start, t.handle",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, filter->from);
    sqlite3_bind_int64(statement, 2, filter->to);
    sqlite3_bind_int64(statement, 3, filter->therapist_id);
    sqlite3_bind_int64(statement, 4, filter->client_id);
    sqlite3_bind_int(statement, 5, filter->include_cancelled);
    sqlite3_bind_int(statement, 6, filter->confirmation_queue);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_appointment, err,
                         "listing appointments");
}

int store_appointment_set_status(struct fd_store *store, int64_t id, const char *status,
                                 struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_APPOINTMENT_SET_STATUS,
                        "UPDATE appointment SET status = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    store_bind_text(statement, 2, status, false);
    return store_step_done(store, statement, err, "changing the appointment");
}

int store_appointment_set_confirmation(struct fd_store *store, int64_t id, const char *state,
                                       fd_time at, const char *via, const char *error,
                                       struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_APPOINTMENT_SET_CONFIRMATION,
                        "UPDATE appointment SET confirmation = ?2, confirmation_at = ?3,"
                        " confirmation_via = ?4, confirmation_error = ?5 WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, id);
    store_bind_text(statement, 2, state, false);
    sqlite3_bind_int64(statement, 3, at);
    store_bind_text(statement, 4, via, true);
    store_bind_text(statement, 5, error, true);
    return store_step_done(store, statement, err, "recording the confirmation");
}

static void read_busy(sqlite3_stmt *statement, void *row)
{
    struct busy *b = row;
    b->therapist_id = sqlite3_column_int64(statement, 0);
    b->clinic_id = sqlite3_column_int64(statement, 1);
    b->room = sqlite3_column_int(statement, 2);
    b->start = sqlite3_column_int64(statement, 3);
    b->until = sqlite3_column_int64(statement, 4);
}

int store_busy_list(struct fd_store *store, fd_time from, fd_time to, struct busy **out,
                    size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *statement = store_statement(
        store, STMT_BUSY_LIST,
        "SELECT therapist_id, clinic_id, room, start, busy_until FROM appointment"
        " WHERE start >= ?1 - 1440 AND start < ?2 AND busy_until > ?1 AND status <> 'cancelled'"
        " ORDER BY therapist_id, start",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, from);
    sqlite3_bind_int64(statement, 2, to);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_busy, err,
                         "reading the bookings");
}
