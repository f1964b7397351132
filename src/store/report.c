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
                               "SELECT id, received, due, coalesce(answer_sent_at, 0), status"
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
    b->no_show = db_column_int64(statement, 4) != 0;
}

int store_report_booked(struct fd_store *store, fd_time from, fd_time to, struct fd_booked **out,
                        size_t *count, struct fd_error *err)
{
    /* The range is on start, so the appointment_start index answers it. */
    return store_collect_range(store, STMT_REPORT_BOOKED,
                               "SELECT therapist_id, clinic_id, start, minutes, status = 'no-show'"
                               " FROM appointment"
                               " WHERE start >= ?1 AND start < ?2 AND status <> 'cancelled'"
                               " ORDER BY therapist_id, start",
                               from, to, (void **)out, count, sizeof **out, read_booked, err,
                               "reading the appointments");
}

static void read_attended(struct db_statement *statement, void *row)
{
    struct fd_attended *a = row;
    a->therapist_id = db_column_int64(statement, 0);
    a->client_id = db_column_int64(statement, 1);
    a->status = (enum appointment_status)store_column_state(statement, 2, MACHINE_APPOINTMENT);
    a->late = db_column_int64(statement, 3) != 0;
    a->cancelled_by = store_column_cancelled_by(statement, 4);
    a->fee_pence = (int)db_column_int64(statement, 5);
    store_column_text(statement, 6, a->therapist, sizeof a->therapist);
    store_column_text(statement, 7, a->client, sizeof a->client);
}

int store_report_attendance(struct fd_store *store, fd_time from, fd_time to,
                            struct fd_attended **out, size_t *count, struct fd_error *err)
{
    return store_collect_range(
        store, STMT_REPORT_ATTENDANCE,
        "SELECT a.therapist_id, a.client_id, a.status, a.late, a.cancelled_by, a.fee_pence,"
        " t.handle, c.name FROM appointment a JOIN therapist t ON t.id = a.therapist_id"
        " JOIN client c ON c.id = a.client_id WHERE a.start >= ?1 AND a.start < ?2"
        " ORDER BY a.therapist_id, a.start",
        from, to, (void **)out, count, sizeof **out, read_attended, err,
        "reading the appointments");
}

static void read_offered(struct db_statement *statement, void *row)
{
    struct fd_offered *o = row;
    store_column_text(statement, 0, o->offer, sizeof o->offer);
    o->appointments = db_column_int64(statement, 1);
    o->discount_pence = db_column_int64(statement, 2);
    o->list_pence = db_column_int64(statement, 3);
}

int store_report_offers(struct fd_store *store, fd_time from, fd_time to, struct fd_offered **out,
                        size_t *count, struct fd_error *err)
{
    return store_collect_range(
        store, STMT_REPORT_OFFERS,
        "SELECT offer, count(*), sum(list_price_pence - price_pence), sum(list_price_pence)"
        " FROM appointment WHERE start >= ?1 AND start < ?2 AND status <> 'cancelled'"
        " AND offer IS NOT NULL GROUP BY offer ORDER BY offer",
        from, to, (void **)out, count, sizeof **out, read_offered, err, "reading the offers given");
}
