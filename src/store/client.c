/* Clients in the store: found again by email or phone, created otherwise. */
#include "store_internal.h"

#include <string.h>

static int find_by(struct fd_store *store, int id, const char *sql, const char *value,
                   int64_t *found, struct fd_error *err)
{
    *found = 0;
    if (!value || !*value)
        return 0;
    struct db_statement *statement = store_statement(store, id, sql, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, value, false);
    return store_fetch_int(statement, found, err, "finding the client");
}

int store_client_find(struct fd_store *store, const char *email, const char *phone, int64_t *id,
                      struct fd_error *err)
{
    int rc = find_by(store, STMT_CLIENT_BY_EMAIL,
                     "SELECT id FROM client WHERE email = ?1 ORDER BY id LIMIT 1", email, id, err);
    if (rc == 0 && *id == 0)
        rc = find_by(store, STMT_CLIENT_BY_PHONE,
                     "SELECT id FROM client WHERE phone = ?1 ORDER BY id LIMIT 1", phone, id, err);
    return rc;
}

int store_client_find_or_create(struct fd_store *store, const char *name, const char *email,
                                const char *phone, int64_t *id, struct fd_error *err)
{
    int rc = store_client_find(store, email, phone, id, err);
    if (rc < 0)
        return rc;
    if (*id) {
        if (!phone || !*phone)
            return 0;
        struct db_statement *statement = store_statement(
            store, STMT_CLIENT_SET_PHONE,
            "UPDATE client SET phone = ?2 WHERE id = ?1 AND (phone IS NULL OR phone = '')", err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_int64(statement, 1, *id);
        db_bind_text(statement, 2, phone, true);
        return store_step_done(statement, err, "updating the client");
    }
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_INSERT,
                        "INSERT INTO client(name, email, phone, created) VALUES (?1, ?2, ?3, 0)"
                        " RETURNING id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, name, false);
    db_bind_text(statement, 2, email, true);
    db_bind_text(statement, 3, phone, true);
    return store_step_insert(statement, id, err, "adding the client");
}

static void read_client(struct db_statement *statement, void *row)
{
    struct fd_client *out = row;
    out->id = db_column_int64(statement, 0);
    store_column_text(statement, 1, out->name, sizeof out->name);
    store_column_text(statement, 2, out->email, sizeof out->email);
    store_column_text(statement, 3, out->phone, sizeof out->phone);
    store_column_text(statement, 4, out->notes, sizeof out->notes);
}

int store_client_get(struct fd_store *store, int64_t id, struct fd_client *out,
                     struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_GET,
                        "SELECT id, name, email, phone, notes FROM client WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_client, err, "client", id);
}

int store_client_search(struct fd_store *store, const char *text, size_t limit,
                        struct fd_client **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    /* instr() rather than LIKE: the search text may hold % or _. */
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_SEARCH,
                        "SELECT id, name, email, phone, notes FROM client"
                        " WHERE instr(lower(name), lower(?1)) > 0"
                        " OR instr(lower(coalesce(email, '')), lower(?1)) > 0"
                        " OR instr(coalesce(phone, ''), ?1) > 0 ORDER BY name LIMIT ?2",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, text, false);
    db_bind_int64(statement, 2, (int64_t)limit);
    return store_collect(statement, (void **)out, count, sizeof **out, read_client, err,
                         "searching clients");
}

int64_t store_client_last_therapist(struct fd_store *store, int64_t client_id)
{
    struct db_statement *statement = store_statement(
        store, STMT_CLIENT_LAST_THERAPIST,
        "SELECT therapist_id FROM appointment WHERE client_id = ?1 AND status <> 'cancelled'"
        " ORDER BY start DESC LIMIT 1",
        NULL);
    if (!statement)
        return 0;
    db_bind_int64(statement, 1, client_id);
    int64_t therapist = 0;
    struct fd_error ignored;
    if (store_fetch_int(statement, &therapist, &ignored, "finding the last therapist") < 0)
        return 0;
    return therapist;
}
