/*
 * Notes on clients and appointments in the store: treatment plans and
 * "left calf tight, check orthotics".  A note on an appointment belongs to
 * its client too, so each listing joins through the appointment.
 */
#include "store_internal.h"

int store_note_insert(struct fd_store *store, struct fd_note *note, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_NOTE_INSERT,
        "INSERT INTO note(client_id, appointment_id, at, who, text) VALUES (?1, ?2, ?3, ?4, ?5)"
        " RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_id(statement, 1, note->client_id);
    db_bind_id(statement, 2, note->appointment_id);
    db_bind_int64(statement, 3, note->at);
    db_bind_text(statement, 4, note->who, false);
    db_bind_text(statement, 5, note->text, false);
    int rc = store_step_insert(statement, &note->id, err, "writing the note");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_NOTE, note->id, err);
}

static void read_note(struct db_statement *statement, void *row)
{
    struct fd_note *note = row;
    note->id = db_column_int64(statement, 0);
    note->client_id = db_column_int64(statement, 1);
    note->appointment_id = db_column_int64(statement, 2);
    note->at = db_column_int64(statement, 3);
    store_column_text(statement, 4, note->who, sizeof note->who);
    store_column_text(statement, 5, note->text, sizeof note->text);
    note->about_client_id = db_column_int64(statement, 6);
    store_column_text(statement, 7, note->client, sizeof note->client);
}

int store_note_list(struct fd_store *store, int64_t client_id, int64_t appointment_id,
                    struct fd_note **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(
        store, STMT_NOTE_LIST,
        "SELECT n.id, n.client_id, n.appointment_id, n.at, n.who, n.text, c.id, c.name"
        " FROM note n LEFT JOIN appointment a ON a.id = n.appointment_id"
        " JOIN client c ON c.id = coalesce(n.client_id, a.client_id)"
        " WHERE (?1 = 0 OR c.id = ?1)"
        " AND (?2 = 0 OR n.appointment_id = ?2 OR n.client_id ="
        " (SELECT client_id FROM appointment WHERE id = ?2))"
        " ORDER BY n.at, n.id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, client_id);
    db_bind_int64(statement, 2, appointment_id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_note, err,
                         "reading the notes");
}
