/*
 * The reports' queries (store_report.h): only the few numbers a report
 * adds up, so that a report over a long history holds small rows rather
 * than whole records with their text.
 */
#include <frontdesk/store_report.h>

#include "store_internal.h"

static void read_request_times(struct db_statement *statement, void *row)
{
    struct fd_request_times *r = row;
    r->id = db_column_int64(statement, 0);
    r->received = db_column_int64(statement, 1);
    r->due = db_column_int64(statement, 2);
    r->answered = db_column_int64(statement, 3);
    r->status = (enum request_status)store_column_state(statement, 4, MACHINE_REQUEST);
}

int store_report_request_times(struct fd_store *store, fd_time from, fd_time to,
                               struct fd_request_times **out, size_t *count, struct fd_error *err)
{
    return store_collect_range(store, STMT_REPORT_REQUEST_TIMES,
                               "SELECT id, received, due, coalesce(answered, 0), status"
                               " FROM request WHERE received >= ?1 AND received < ?2"
                               " ORDER BY received, id",
                               from, to, (void **)out, count, sizeof **out, read_request_times, err,
                               "reading the requests");
}

static void read_booked(struct db_statement *statement, void *row)
{
    struct fd_booked *b = row;
    b->therapist_id = db_column_int64(statement, 0);
    b->clinic_id = db_column_int64(statement, 1);
    b->start = db_column_int64(statement, 2);
    b->minutes = (int)db_column_int64(statement, 3);
}

int store_report_booked(struct fd_store *store, fd_time from, fd_time to, struct fd_booked **out,
                        size_t *count, struct fd_error *err)
{
    /* The range is on start, so the appointment_start index answers it. */
    return store_collect_range(store, STMT_REPORT_BOOKED,
                               "SELECT therapist_id, clinic_id, start, minutes FROM appointment"
                               " WHERE start >= ?1 AND start < ?2 AND status <> 'cancelled'"
                               " ORDER BY therapist_id, start",
                               from, to, (void **)out, count, sizeof **out, read_booked, err,
                               "reading the appointments");
}
