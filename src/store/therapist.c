/* Therapists in the store: insert, find by handle or id, list. */
#include "store_internal.h"

#include <string.h>

#define THERAPIST_SELECT "SELECT id, handle, name, email, active FROM therapist"

static void read_therapist(struct db_statement *statement, void *row)
{
    struct fd_therapist *out = row;
    out->id = db_column_int64(statement, 0);
    store_column_text(statement, 1, out->handle, sizeof out->handle);
    store_column_text(statement, 2, out->name, sizeof out->name);
    store_column_text(statement, 3, out->email, sizeof out->email);
    out->active = db_column_int64(statement, 4) != 0;
}

int store_therapist_insert(struct fd_store *store, struct fd_therapist *therapist,
                           struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_THERAPIST_INSERT,
                        "INSERT INTO therapist(handle, name, email, active) VALUES (?1, ?2, ?3, ?4)"
                        " RETURNING id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, therapist->handle, false);
    db_bind_text(statement, 2, therapist->name, false);
    db_bind_text(statement, 3, therapist->email, true);
    db_bind_int64(statement, 4, therapist->active);
    struct fd_error why;
    int rc = store_step_insert(statement, &therapist->id, &why, "adding the therapist");
    if (rc < 0 && db_last_failure(store->db) == DB_FAILURE_UNIQUE)
        return fd_fail(err, FD_ERR_RULE, "a therapist with the handle \"%s\" already exists",
                       therapist->handle);
    if (rc < 0 && err)
        *err = why;
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_THERAPIST, therapist->id, err);
}

int store_therapist_find(struct fd_store *store, const char *handle, struct fd_therapist *out,
                         struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_THERAPIST_FIND, THERAPIST_SELECT " WHERE handle = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, handle, false);
    struct fd_error why;
    int rc = store_fetch_one(statement, out, sizeof *out, read_therapist, &why, "therapist", 0);
    if (rc == -FD_ERR_DATA)
        return fd_fail(err, FD_ERR_DATA, "no therapist has the handle \"%s\"", handle);
    if (rc < 0 && err)
        *err = why;
    return rc;
}

int store_therapist_get(struct fd_store *store, int64_t id, struct fd_therapist *out,
                        struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_THERAPIST_GET, THERAPIST_SELECT " WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_therapist, err, "therapist", id);
}

int store_therapist_list(struct fd_store *store, struct fd_therapist **out, size_t *count,
                         struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_THERAPIST_LIST, THERAPIST_SELECT " ORDER BY handle", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    return store_collect(statement, (void **)out, count, sizeof **out, read_therapist, err,
                         "listing therapists");
}
