/*
 * Clients in the store.  Who is the same client is identity.h's rule: the
 * email and the name both match (or, with no email, the phone and the
 * name).  Each row keeps the keys that rule compares, so that finding a
 * client is one indexed look-up.
 */
#include "store_internal.h"

#include <frontdesk/identity.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLIENT_SELECT                                                                              \
    "SELECT id, name, email, phone, notes, contact, coalesce(no_reminders_at, 0) FROM client"

static void read_client(struct db_statement *statement, void *row)
{
    struct fd_client *out = row;
    out->id = db_column_int64(statement, 0);
    store_column_text(statement, 1, out->name, sizeof out->name);
    store_column_text(statement, 2, out->email, sizeof out->email);
    store_column_text(statement, 3, out->phone, sizeof out->phone);
    store_column_text(statement, 4, out->notes, sizeof out->notes);
    const char *contact = db_column_text(statement, 5);
    out->contact = contact && strcmp(contact, "sms") == 0 ? CONTACT_SMS : CONTACT_EMAIL;
    out->no_reminders_at = db_column_int64(statement, 6);
}

struct client_keys {
    char name[FD_NAME_SIZE];
    char phone[FD_PHONE_SIZE];
};

static void client_keys(const char *name, const char *phone, struct client_keys *keys)
{
    identity_name_key(name, keys->name, sizeof keys->name);
    identity_phone_key(phone, keys->phone, sizeof keys->phone);
}

int store_client_find(struct fd_store *store, const char *name, const char *email,
                      const char *phone, int64_t *id, struct fd_error *err)
{
    *id = 0;
    struct client_keys keys;
    client_keys(name, phone, &keys);
    if (!keys.name[0])
        return 0;
    struct db_statement *statement;
    if (email && *email) {
        statement = store_statement(store, STMT_CLIENT_BY_EMAIL,
                                    "SELECT id FROM client WHERE email = ?1 AND name_key = ?2"
                                    " ORDER BY id LIMIT 1",
                                    err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_text(statement, 1, email, false);
    } else if (keys.phone[0]) {
        statement = store_statement(store, STMT_CLIENT_BY_PHONE,
                                    "SELECT id FROM client WHERE phone_key = ?1 AND name_key = ?2"
                                    " AND (email IS NULL OR email = '') ORDER BY id LIMIT 1",
                                    err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_text(statement, 1, keys.phone, false);
    } else {
        return 0;
    }
    db_bind_text(statement, 2, keys.name, false);
    return store_fetch_int(statement, id, err, "finding the client");
}

int store_client_find_or_create(struct fd_store *store, const char *name, const char *email,
                                const char *phone, int64_t *id, struct fd_error *err)
{
    int rc = store_client_find(store, name, email, phone, id, err);
    if (rc < 0)
        return rc;
    struct client_keys keys;
    client_keys(name, phone, &keys);
    if (*id) {
        if (!phone || !*phone)
            return 0;
        rc = store_journal_touch(store, JOURNAL_CLIENT, *id, err);
        if (rc < 0)
            return rc;
        struct db_statement *statement =
            store_statement(store, STMT_CLIENT_SET_PHONE,
                            "UPDATE client SET phone = ?2, phone_key = ?3"
                            " WHERE id = ?1 AND (phone IS NULL OR phone = '')",
                            err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_int64(statement, 1, *id);
        db_bind_text(statement, 2, phone, true);
        db_bind_text(statement, 3, keys.phone, true);
        return store_step_done(statement, err, "updating the client");
    }
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_INSERT,
                        "INSERT INTO client(name, email, phone, created, name_key, phone_key)"
                        " VALUES (?1, ?2, ?3, 0, ?4, ?5) RETURNING id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, name, false);
    db_bind_text(statement, 2, email, true);
    db_bind_text(statement, 3, phone, true);
    db_bind_text(statement, 4, keys.name, false);
    db_bind_text(statement, 5, keys.phone, true);
    rc = store_step_insert(statement, id, err, "adding the client");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_CLIENT, *id, err);
}

int store_client_update(struct fd_store *store, const struct fd_client *client,
                        struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_CLIENT, client->id, err);
    if (touched < 0)
        return touched;
    struct client_keys keys;
    client_keys(client->name, client->phone, &keys);
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_UPDATE,
                        "UPDATE client SET name = ?2, email = ?3, phone = ?4, notes = ?5,"
                        " name_key = ?6, phone_key = ?7, contact = ?8 WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, client->id);
    db_bind_text(statement, 2, client->name, false);
    db_bind_text(statement, 3, client->email, true);
    db_bind_text(statement, 4, client->phone, true);
    db_bind_text(statement, 5, client->notes, true);
    db_bind_text(statement, 6, keys.name, false);
    db_bind_text(statement, 7, keys.phone, true);
    db_bind_text(statement, 8, client->contact == CONTACT_SMS ? "sms" : "email", false);
    int rc = store_step_done(statement, err, "changing the client");
    return rc < 0 ? rc : store_expect_change(statement, "client", client->id, err);
}

int store_client_get(struct fd_store *store, int64_t id, struct fd_client *out,
                     struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_GET, CLIENT_SELECT " WHERE id = ?1", err);
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
                        CLIENT_SELECT " WHERE instr(lower(name), lower(?1)) > 0"
                                      " OR instr(lower(coalesce(email, '')), lower(?1)) > 0"
                                      " OR instr(coalesce(phone, ''), ?1) > 0"
                                      " OR instr(coalesce(phone_key, ''), ?2) > 0"
                                      " ORDER BY name, id LIMIT ?3",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    char phone[FD_PHONE_SIZE];
    identity_phone_key(text, phone, sizeof phone);
    db_bind_text(statement, 1, text, false);
    /* Digits typed without the spaces a number was stored with still
     * find it; a search with no digits must not match every phone. */
    db_bind_text(statement, 2, phone[0] ? phone : "\x01", false);
    db_bind_int64(statement, 3, (int64_t)limit);
    return store_collect(statement, (void **)out, count, sizeof **out, read_client, err,
                         "searching clients");
}

int store_clients_at_email(struct fd_store *store, const char *email, struct fd_client **out,
                           size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(
        store, STMT_CLIENT_AT_EMAIL, CLIENT_SELECT " WHERE email = ?1 ORDER BY name, id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, email ? email : "", false);
    return store_collect(statement, (void **)out, count, sizeof **out, read_client, err,
                         "finding clients at an address");
}

/* Notes (for an undo) the rows of a table that belong to the client. */
static int touch_rows_of(struct fd_store *store, enum journal_table table, int64_t client_id,
                         struct fd_error *err)
{
    if (!store->journal)
        return 0;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE client_id = ?1",
             store_journal_table_name(table));
    struct db_statement *statement = NULL;
    int rc = db_prepare(store->db, sql, &statement, err);
    int64_t *ids = NULL;
    size_t count = 0, capacity = 0;
    if (rc == 0)
        db_bind_int64(statement, 1, client_id);
    while (rc == 0 && (rc = db_step(statement, err, "reading the client's records")) == DB_ROW) {
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            int64_t *grown = realloc(ids, capacity * sizeof *ids);
            if (!grown) {
                rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
                break;
            }
            ids = grown;
        }
        ids[count++] = db_column_int64(statement, 0);
        rc = 0;
    }
    db_finalize(statement);
    for (size_t i = 0; rc == 0 && i < count; i++)
        rc = store_journal_touch(store, table, ids[i], err);
    free(ids);
    return rc < 0 ? rc : 0;
}

int store_client_merge(struct fd_store *store, int64_t keep, int64_t other, int64_t moved[3],
                       struct fd_error *err)
{
    /* Everything of other's becomes keep's: what the desk counts first. */
    static const char *const MOVES[] = {
        "UPDATE appointment SET client_id = ?1 WHERE client_id = ?2",
        "UPDATE request SET client_id = ?1 WHERE client_id = ?2",
        "UPDATE waitlist SET client_id = ?1 WHERE client_id = ?2",
        "UPDATE outbox SET client_id = ?1 WHERE client_id = ?2",
        "UPDATE note SET client_id = ?1 WHERE client_id = ?2",
        "UPDATE subscription SET client_id = ?1 WHERE client_id = ?2",
        "DELETE FROM client WHERE id = ?2",
    };
    static const enum journal_table TABLES[] = {JOURNAL_APPOINTMENT, JOURNAL_REQUEST,
                                                JOURNAL_WAITLIST,    JOURNAL_OUTBOX,
                                                JOURNAL_NOTE,        JOURNAL_SUBSCRIPTION};
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        int rc = touch_rows_of(store, TABLES[i], other, err);
        if (rc < 0)
            return rc;
    }
    int rc = store_journal_touch(store, JOURNAL_CLIENT, other, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < sizeof MOVES / sizeof MOVES[0]; i++) {
        struct db_statement *statement =
            store_statement(store, STMT_CLIENT_MERGE_FIRST + (int)i, MOVES[i], err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_int64(statement, 1, keep);
        db_bind_int64(statement, 2, other);
        rc = store_step_done(statement, err, "merging the clients");
        if (rc < 0)
            return rc;
        if (i < 3)
            moved[i] = db_changes(statement);
    }
    return 0;
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

/* Gives every client its identity keys, and every request its client:
 * part of the migration that introduced the keys. */
int store_client_backfill_identity(struct fd_store *store, struct fd_error *err)
{
    struct fd_client *clients = NULL;
    size_t count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_ALL, CLIENT_SELECT " ORDER BY id", err);
    int rc = statement ? store_collect(statement, (void **)&clients, &count, sizeof *clients,
                                       read_client, err, "reading clients")
                       : -FD_ERR_SOFTWARE;
    for (size_t i = 0; rc == 0 && i < count; i++)
        rc = store_client_update(store, &clients[i], err);
    free(clients);
    if (rc < 0)
        return rc;
    struct fd_request *requests = NULL;
    rc = store_request_list(store, true, REQUEST_PENDING, &requests, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        if (requests[i].client_id)
            continue;
        rc = store_client_find_or_create(store, requests[i].name, requests[i].email,
                                         requests[i].phone, &requests[i].client_id, err);
        if (rc == 0)
            rc = store_request_set_client(store, requests[i].id, requests[i].client_id, err);
    }
    free(requests);
    return rc;
}

int store_client_set_contact(struct fd_store *store, int64_t id, enum contact_channel contact,
                             struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_CLIENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_CLIENT_SET_CONTACT, "UPDATE client SET contact = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_text(statement, 2, contact == CONTACT_SMS ? "sms" : "email", false);
    int rc = store_step_done(statement, err, "changing the client");
    return rc < 0 ? rc : store_expect_change(statement, "client", id, err);
}

int store_client_set_no_reminders(struct fd_store *store, int64_t id, fd_time at,
                                  struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_CLIENT, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_CLIENT_SET_NO_REMINDERS,
                        "UPDATE client SET no_reminders_at = ?2 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    if (at)
        db_bind_int64(statement, 2, at);
    else
        db_bind_null(statement, 2);
    int rc = store_step_done(statement, err, "changing the client");
    return rc < 0 ? rc : store_expect_change(statement, "client", id, err);
}

int store_clients_at_phone(struct fd_store *store, const char *phone, struct fd_client **out,
                           size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    char key[FD_PHONE_SIZE];
    identity_phone_key(phone, key, sizeof key);
    struct db_statement *statement = store_statement(
        store, STMT_CLIENT_AT_PHONE, CLIENT_SELECT " WHERE phone_key = ?1 ORDER BY id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, key, false);
    return store_collect(statement, (void **)out, count, sizeof **out, read_client, err,
                         "finding clients by phone");
}
