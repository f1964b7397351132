/*
 * The reports' queries (store_report.h).  Unlike the rest of the store,
 * these statements are prepared on each call and finalized before return
 * rather than kept in the connection's statement cache: the cache's slots
 * are an enum in store_internal.h shared by every store file, and a report
 * runs once per command, so preparing it each time costs nothing a person
 * could measure while keeping this file independent of that list.
 */
#include <frontdesk/store_report.h>

#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Prepares sql, binds [from, to) to ?1 and ?2, and hands each row to
 * read_row into a grown array of element-sized items. */
static int collect(struct fd_store *store, const char *sql, fd_time from, fd_time to, void **out,
                   size_t *count, size_t element, void (*read_row)(sqlite3_stmt *, void *),
                   struct fd_error *err, const char *doing)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK)
        return store_fail(store, err, doing);
    sqlite3_bind_int64(statement, 1, from);
    sqlite3_bind_int64(statement, 2, to);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        if (store_grow(out, &capacity, *count, element) < 0) {
            sqlite3_finalize(statement);
            free(*out);
            *out = NULL;
            *count = 0;
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
        void *row = (char *)*out + element * (*count)++;
        memset(row, 0, element);
        read_row(statement, row);
    }
    int result = rc == SQLITE_DONE ? 0 : store_fail(store, err, doing);
    sqlite3_finalize(statement);
    if (result < 0) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return result;
}

static void read_request_times(sqlite3_stmt *statement, void *row)
{
    struct fd_request_times *r = row;
    r->id = sqlite3_column_int64(statement, 0);
    r->received = sqlite3_column_int64(statement, 1);
    r->due = sqlite3_column_int64(statement, 2);
    r->answered = sqlite3_column_int64(statement, 3);
    store_column_text(statement, 4, r->status, sizeof r->status);
}

int store_report_request_times(struct fd_store *store, fd_time from, fd_time to,
                               struct fd_request_times **out, size_t *count, struct fd_error *err)
{
    return collect(store,
                   "SELECT id, received, due, coalesce(answered, 0), status FROM request"
                   " WHERE received >= ?1 AND received < ?2 ORDER BY received, id",
                   from, to, (void **)out, count, sizeof **out, read_request_times, err,
                   "reading the requests");
}

static void read_booked(sqlite3_stmt *statement, void *row)
{
    struct fd_booked *b = row;
    b->therapist_id = sqlite3_column_int64(statement, 0);
    b->clinic_id = sqlite3_column_int64(statement, 1);
    b->start = sqlite3_column_int64(statement, 2);
    b->minutes = sqlite3_column_int(statement, 3);
}

int store_report_booked(struct fd_store *store, fd_time from, fd_time to, struct fd_booked **out,
                        size_t *count, struct fd_error *err)
{
    /* The range is on start, so the appointment_start index answers it. */
    return collect(store,
                   "SELECT therapist_id, clinic_id, start, minutes FROM appointment"
                   " WHERE start >= ?1 AND start < ?2 AND status <> 'cancelled'"
                   " ORDER BY therapist_id, start",
                   from, to, (void **)out, count, sizeof **out, read_booked, err,
                   "reading the appointments");
}
