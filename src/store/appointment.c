/*
 * Appointments in the store.  Overlaps are refused by the schema itself
 * (see schema.c); the engine turns that refusal into the "slot was just
 * taken" error a receptionist sees.
 */
#include "store_internal.h"

#include <string.h>

#define INSERT_SQL                                                                                 \
    "INSERT INTO appointment(therapist_id, clinic_id, room, client_id, request_id, service,"       \
    " minutes, price_pence, buffer, start, \"end\", busy_until, status, confirmation, forced,"     \
    " created, waitlist_id, series_id, list_price_pence, offer, scheduled_at) VALUES (?1, ?2, ?3," \
    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?16)"         \
    " RETURNING id"

static void bind_appointment(struct db_statement *statement, const struct fd_appointment *a)
{
    db_bind_int64(statement, 1, a->therapist_id);
    db_bind_int64(statement, 2, a->clinic_id);
    db_bind_int64(statement, 3, a->room);
    db_bind_int64(statement, 4, a->client_id);
    db_bind_id(statement, 5, a->request_id);
    db_bind_text(statement, 6, a->service, false);
    db_bind_int64(statement, 7, a->minutes);
    db_bind_int64(statement, 8, a->price_pence);
    db_bind_int64(statement, 9, a->buffer);
    db_bind_int64(statement, 10, a->start);
    db_bind_int64(statement, 11, a->end);
    db_bind_int64(statement, 12, a->end + a->buffer);
    db_bind_text(statement, 13, state_name(MACHINE_APPOINTMENT, (int)a->status), false);
    db_bind_text(statement, 14, state_name(MACHINE_CONFIRMATION, (int)a->confirmation), false);
    db_bind_int64(statement, 15, a->forced);
    db_bind_int64(statement, 16, a->created);
    db_bind_id(statement, 17, a->waitlist_id);
    db_bind_id(statement, 18, a->series_id);
    if (a->list_price_pence)
        db_bind_int64(statement, 19, a->list_price_pence);
    else
        db_bind_null(statement, 19);
    db_bind_text(statement, 20, a->offer, true);
}

int store_appointment_insert(struct fd_store *store, struct fd_appointment *appointment,
                             struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_INSERT, INSERT_SQL, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bind_appointment(statement, appointment);
    int rc = store_step_insert(statement, &appointment->id, err, "booking the appointment");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_APPOINTMENT, appointment->id, err);
}

#define SELECT_SQL                                                                                 \
    "SELECT a.id, a.therapist_id, a.clinic_id, a.room, a.client_id, a.request_id, a.service,"      \
    " a.minutes, a.price_pence, a.buffer, a.start, a.\"end\", a.status, a.confirmation,"           \
    " a.confirmation_at, a.confirmation_via, a.confirmation_error, a.forced, a.created,"           \
    " t.handle, t.name, c.name, cl.name, cl.email, cl.phone, a.waitlist_id, a.series_id,"          \
    " a.outcome_at, a.cancelled_by, a.cancel_reason, a.late, a.fee_pence, a.fee_note,"             \
    " a.list_price_pence, a.offer, coalesce(a.scheduled_at, a.created),"                           \
    " coalesce(a.client_confirmed_at, 0)"                                                          \
    " FROM appointment a JOIN therapist t ON t.id = a.therapist_id"                                \
    " JOIN clinic c ON c.id = a.clinic_id JOIN client cl ON cl.id = a.client_id"

static void read_appointment(struct db_statement *statement, void *row)
{
    struct fd_appointment *a = row;
    a->id = db_column_int64(statement, 0);
    a->therapist_id = db_column_int64(statement, 1);
    a->clinic_id = db_column_int64(statement, 2);
    a->room = (int)db_column_int64(statement, 3);
    a->client_id = db_column_int64(statement, 4);
    a->request_id = db_column_int64(statement, 5);
    store_column_text(statement, 6, a->service, sizeof a->service);
    a->minutes = (int)db_column_int64(statement, 7);
    a->price_pence = (int)db_column_int64(statement, 8);
    a->buffer = (int)db_column_int64(statement, 9);
    a->start = db_column_int64(statement, 10);
    a->end = db_column_int64(statement, 11);
    a->status = (enum appointment_status)store_column_state(statement, 12, MACHINE_APPOINTMENT);
    a->confirmation =
        (enum confirmation_state)store_column_state(statement, 13, MACHINE_CONFIRMATION);
    a->confirmation_at = db_column_int64(statement, 14);
    store_column_text(statement, 15, a->confirmation_via, sizeof a->confirmation_via);
    store_column_text(statement, 16, a->confirmation_error, sizeof a->confirmation_error);
    a->forced = db_column_int64(statement, 17) != 0;
    a->created = db_column_int64(statement, 18);
    store_column_text(statement, 19, a->therapist, sizeof a->therapist);
    store_column_text(statement, 20, a->therapist_name, sizeof a->therapist_name);
    store_column_text(statement, 21, a->clinic, sizeof a->clinic);
    store_column_text(statement, 22, a->client, sizeof a->client);
    store_column_text(statement, 23, a->client_email, sizeof a->client_email);
    store_column_text(statement, 24, a->client_phone, sizeof a->client_phone);
    a->waitlist_id = db_column_int64(statement, 25);
    a->series_id = db_column_int64(statement, 26);
    a->outcome_at = db_column_int64(statement, 27);
    a->cancelled_by = store_column_cancelled_by(statement, 28);
    store_column_text(statement, 29, a->cancel_reason, sizeof a->cancel_reason);
    a->late = db_column_int64(statement, 30) != 0;
    a->fee_pence = (int)db_column_int64(statement, 31);
    store_column_text(statement, 32, a->fee_note, sizeof a->fee_note);
    a->list_price_pence = (int)db_column_int64(statement, 33);
    store_column_text(statement, 34, a->offer, sizeof a->offer);
    a->scheduled_at = db_column_int64(statement, 35);
    a->client_confirmed_at = db_column_int64(statement, 36);
}

int store_appointment_get(struct fd_store *store, int64_t id, struct fd_appointment *out,
                          struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_GET, SELECT_SQL " WHERE a.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_appointment, err, "appointment", id);
}

int store_appointment_list(struct fd_store *store, const struct fd_appointment_filter *filter,
                           struct fd_appointment **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(
        store, STMT_APPOINTMENT_LIST,
        SELECT_SQL " WHERE a.start >= ?1 AND a.start < ?2 AND (?3 = 0 OR a.therapist_id = ?3)"
                   " AND (?4 = 0 OR a.client_id = ?4) AND (?5 = 1 OR a.status <> 'cancelled')"
                   " AND (?6 = 0 OR (a.confirmation <> 'sent' AND a.status = 'booked'))"
                   " AND (?7 = 0 OR a.series_id = ?7) ORDER BY a.start, t.handle",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, filter->from);
    db_bind_int64(statement, 2, filter->to);
    db_bind_int64(statement, 3, filter->therapist_id);
    db_bind_int64(statement, 4, filter->client_id);
    db_bind_int64(statement, 5, filter->include_cancelled);
    db_bind_int64(statement, 6, filter->confirmation_queue);
    db_bind_int64(statement, 7, filter->series_id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_appointment, err,
                         "listing appointments");
}

int store_appointments_without_outcome(struct fd_store *store, fd_time before,
                                       struct fd_appointment **out, size_t *count,
                                       struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_NO_OUTCOME,
                        SELECT_SQL " WHERE a.status IN ('booked', 'arrived') AND a.start < ?1"
                                   " AND a.start >= coalesce((SELECT value FROM setting"
                                   " WHERE name = 'outcomes_from'), 0) ORDER BY a.start, t.handle",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, before);
    return store_collect(statement, (void **)out, count, sizeof **out, read_appointment, err,
                         "listing appointments without an outcome");
}

int store_appointment_set_outcome(struct fd_store *store, int64_t id,
                                  const struct appointment_outcome *outcome, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_APPOINTMENT_SET_OUTCOME,
        "UPDATE appointment SET status = ?2, outcome_at = ?3, cancelled_by = ?4,"
        " cancelled_at = CASE WHEN ?2 = 'cancelled' THEN ?3 END, cancel_reason = ?5, late = ?6,"
        " fee_pence = ?7, fee_note = ?8 WHERE id = ?1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bool cancelled = outcome->status == APPOINTMENT_CANCELLED;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, state_name(MACHINE_APPOINTMENT, (int)outcome->status), false);
    if (outcome->at)
        db_bind_int64(statement, 3, outcome->at);
    else
        db_bind_null(statement, 3);
    db_bind_text(statement, 4,
                 !cancelled                           ? NULL
                 : outcome->by == CANCELLED_BY_CLINIC ? "clinic"
                                                      : "client",
                 false);
    db_bind_text(statement, 5, cancelled ? outcome->reason : NULL, true);
    db_bind_int64(statement, 6, outcome->late);
    db_bind_int64(statement, 7, outcome->fee_pence);
    db_bind_text(statement, 8, outcome->fee_note, true);
    int rc = store_step_done(statement, err, "recording the outcome");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", id, err);
}

int store_appointment_set_fee(struct fd_store *store, int64_t id, int fee_pence, const char *note,
                              struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_SET_FEE,
                        "UPDATE appointment SET fee_pence = ?2, fee_note = ?3 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, fee_pence);
    db_bind_text(statement, 3, note, true);
    int rc = store_step_done(statement, err, "changing the fee");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", id, err);
}

int store_appointment_move(struct fd_store *store, const struct fd_appointment *a,
                           struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, a->id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_APPOINTMENT_MOVE,
        "UPDATE appointment SET therapist_id = ?2, clinic_id = ?3, room = ?4, start = ?5,"
        " \"end\" = ?6, busy_until = ?7, forced = ?8, scheduled_at = ?9 WHERE id = ?1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, a->id);
    db_bind_int64(statement, 2, a->therapist_id);
    db_bind_int64(statement, 3, a->clinic_id);
    db_bind_int64(statement, 4, a->room);
    db_bind_int64(statement, 5, a->start);
    db_bind_int64(statement, 6, a->end);
    db_bind_int64(statement, 7, a->end + a->buffer);
    db_bind_int64(statement, 8, a->forced);
    db_bind_int64(statement, 9, a->scheduled_at);
    int rc = store_step_done(statement, err, "moving the appointment");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", a->id, err);
}

int store_appointment_set_confirmation(struct fd_store *store, int64_t id,
                                       enum confirmation_state state, fd_time at, const char *via,
                                       const char *error, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_SET_CONFIRMATION,
                        "UPDATE appointment SET confirmation = ?2, confirmation_at = ?3,"
                        " confirmation_via = ?4, confirmation_error = ?5 WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, state_name(MACHINE_CONFIRMATION, (int)state), false);
    db_bind_int64(statement, 3, at);
    db_bind_text(statement, 4, via, true);
    db_bind_text(statement, 5, error, true);
    int rc = store_step_done(statement, err, "recording the confirmation");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", id, err);
}

bool store_client_has_sessions(struct fd_store *store, int64_t client_id)
{
    struct fd_error ignored = {0};
    struct db_statement *statement = store_statement(
        store, STMT_APPOINTMENT_EARLIER,
        "SELECT count(*) FROM appointment WHERE client_id = ?1 AND status <> 'cancelled'",
        &ignored);
    if (!statement)
        return true; /* when in doubt, not a first session */
    db_bind_int64(statement, 1, client_id);
    int64_t count = 1;
    store_fetch_int(statement, &count, &ignored, "looking for earlier sessions");
    return count > 0;
}

bool store_slot_was_taken(struct fd_store *store)
{
    return db_last_failure(store->db) == DB_FAILURE_OVERLAP;
}

int store_appointment_set_price(struct fd_store *store, int64_t id,
                                const struct fd_appointment *price, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_APPOINTMENT_SET_PRICE,
        "UPDATE appointment SET price_pence = ?2, list_price_pence = ?3, offer = ?4 WHERE id = ?1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, price->price_pence);
    if (price->list_price_pence)
        db_bind_int64(statement, 3, price->list_price_pence);
    else
        db_bind_null(statement, 3);
    db_bind_text(statement, 4, price->offer, true);
    int rc = store_step_done(statement, err, "changing the price");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", id, err);
}

int store_appointment_next_series(struct fd_store *store, int64_t *out, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_NEXT_SERIES,
                        "SELECT coalesce(max(series_id), 0) + 1 FROM appointment"
                        " WHERE series_id IS NOT NULL",
                        err);
    return statement ? store_fetch_int(statement, out, err, "numbering the series")
                     : -FD_ERR_SOFTWARE;
}

static void read_busy(struct db_statement *statement, void *row)
{
    struct busy *b = row;
    b->therapist_id = db_column_int64(statement, 0);
    b->clinic_id = db_column_int64(statement, 1);
    b->room = (int)db_column_int64(statement, 2);
    b->start = db_column_int64(statement, 3);
    b->until = db_column_int64(statement, 4);
    b->appointment_id = db_column_int64(statement, 5);
}

int store_busy_list(struct fd_store *store, fd_time from, fd_time to, struct busy **out,
                    size_t *count, struct fd_error *err)
{
    return store_collect_range(
        store, STMT_BUSY_LIST,
        "SELECT therapist_id, clinic_id, room, start, busy_until, id FROM appointment"
        " WHERE start >= ?1 - 1440 AND start < ?2 AND busy_until > ?1 AND status <> 'cancelled'"
        " ORDER BY therapist_id, start",
        from, to, (void **)out, count, sizeof **out, read_busy, err, "reading the bookings");
}

int store_appointment_client_confirmed(struct fd_store *store, int64_t id, fd_time at,
                                       struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_APPOINTMENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_APPOINTMENT_CLIENT_CONFIRMED,
                        "UPDATE appointment SET client_confirmed_at = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, at);
    int rc = store_step_done(statement, err, "recording the client's confirmation");
    return rc < 0 ? rc : store_expect_change(statement, "appointment", id, err);
}
