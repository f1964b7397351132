/* Therapists in the store: insert, find by handle, list. */
#include "store_internal.h"

#include <string.h>

static void read_therapist(sqlite3_stmt *statement, void *row)
{
    struct fd_therapist *out = row;
    out->id = sqlite3_column_int64(statement, 0);
    store_column_text(statement, 1, out->handle, sizeof out->handle);
    store_column_text(statement, 2, out->name, sizeof out->name);
    store_column_text(statement, 3, out->email, sizeof out->email);
    out->active = sqlite3_column_int(statement, 4) != 0;
}

int store_therapist_insert(struct fd_store *store, struct fd_therapist *therapist,
                           struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_THERAPIST_INSERT,
        "INSERT INTO therapist(handle, name, email, active) VALUES (?1, ?2, ?3, ?4)", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, therapist->handle, false);
    store_bind_text(statement, 2, therapist->name, false);
    store_bind_text(statement, 3, therapist->email, true);
    sqlite3_bind_int(statement, 4, therapist->active);
    int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc == SQLITE_CONSTRAINT)
        return fd_fail(err, FD_ERR_RULE, "a therapist with the handle \"%s\" already exists",
                       therapist->handle);
    if (rc != SQLITE_DONE)
        return store_fail(store, err, "adding the therapist");
    therapist->id = sqlite3_last_insert_rowid(store->db);
    return 0;
}

int store_therapist_find(struct fd_store *store, const char *handle, struct fd_therapist *out,
                         struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_THERAPIST_FIND,
        "SELECT id, handle, name, email, active FROM therapist WHERE handle = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, handle, false);
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW)
        read_therapist(statement, out);
    sqlite3_reset(statement);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return fd_fail(err, FD_ERR_DATA, "no therapist has the handle \"%s\"", handle);
    return store_fail(store, err, "finding the therapist");
}

int store_therapist_list(struct fd_store *store, struct fd_therapist **out, size_t *count,
                         struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *statement = store_statement(
        store, STMT_THERAPIST_LIST,
        "SELECT id, handle, name, email, active FROM therapist ORDER BY handle", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_therapist, err,
                         "listing therapists");
}
