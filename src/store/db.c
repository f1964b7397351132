/*
 * The engine dispatch under db.h: the target picks the engine when the
 * database is opened (a postgresql:// or postgres:// URI is PostgreSQL,
 * anything else an SQLite file), and from then on every call goes through
 * that engine's table of functions (db_engine.h).  What every engine
 * shares lives here too: binding rules (NULL for "" when asked, for a 0
 * id), the target as errors may show it (never with its password), and
 * the words a refusal by the schema's own rules reads in, so that a
 * receptionist sees "that slot was just taken" whichever engine refused.
 */
#include "db_engine.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- targets ------------------------------------------------------------ */

static bool starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

bool db_target_is_server(const char *target)
{
    return target && (starts_with(target, "postgresql://") || starts_with(target, "postgres://"));
}

/* Appends length bytes of from to out (size bytes in all), cutting at the
 * end of out. */
static void append(char *out, size_t size, size_t *used, const char *from, size_t length)
{
    if (*used + 1 >= size)
        return;
    if (length > size - 1 - *used)
        length = size - 1 - *used;
    memcpy(out + *used, from, length);
    *used += length;
    out[*used] = '\0';
}

void db_target_label(const char *target, char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    if (!db_target_is_server(target)) {
        text_copy(out, size, target ? target : "");
        return;
    }
    size_t used = 0;
    const char *authority = strstr(target, "://") + 3;
    append(out, size, &used, target, (size_t)(authority - target));
    /* user:password@host — the userinfo ends at the authority's last @. */
    size_t authority_length = strcspn(authority, "/?");
    const char *at = NULL;
    for (const char *p = authority; p < authority + authority_length; p++)
        if (*p == '@')
            at = p;
    const char *host = authority;
    if (at) {
        const char *colon = memchr(authority, ':', (size_t)(at - authority));
        append(out, size, &used, authority, (size_t)((colon ? colon : at) - authority));
        host = at;
    }
    const char *query = strchr(host, '?');
    append(out, size, &used, host, query ? (size_t)(query - host) : strlen(host));
    if (!query)
        return;
    /* Query parameters, all but password=. */
    char separator = '?';
    for (const char *p = query + 1; *p;) {
        size_t length = strcspn(p, "&");
        if (!starts_with(p, "password=") && length > 0) {
            append(out, size, &used, &separator, 1);
            append(out, size, &used, p, length);
            separator = '&';
        }
        p += length;
        if (*p == '&')
            p++;
    }
}

/* ---- opening and the shared state ----------------------------------------- */

int db_open(const char *target, const struct db_open_options *options, struct db **out,
            struct fd_error *err)
{
    *out = NULL;
    char label[sizeof((struct db *)0)->label];
    db_target_label(target, label, sizeof label);
    const struct db_engine *engine =
        db_target_is_server(target) ? &DB_ENGINE_POSTGRESQL : &DB_ENGINE_SQLITE;
    return engine->open(target, label, options, out, err);
}

void db_close(struct db *db)
{
    if (db)
        db->engine->close(db);
}

bool db_read_only(const struct db *db)
{
    return db->read_only;
}

enum db_failure db_last_failure(const struct db *db)
{
    return db->failure;
}

int db_fail_refusal(struct db *db, struct fd_error *err, const char *what)
{
    db->failure = DB_FAILURE_OTHER;
    if (strcmp(what, "room out of range") == 0)
        return fd_fail(err, FD_ERR_RULE, "no such room at that clinic");
    if (strncmp(what, "transition", 10) == 0)
        return fd_fail(err, FD_ERR_RULE, "the database refused that change of state");
    db->failure = DB_FAILURE_OVERLAP;
    return fd_fail(err, FD_ERR_RULE, "that slot was just taken (%s); choose another",
                   strcmp(what, "room busy") == 0 ? "the room is in use"
                                                  : "the therapist is booked");
}

int db_fail_foreign(struct db *db, struct fd_error *err, int64_t mark)
{
    if (mark != 0)
        return fd_fail(err, FD_ERR_DATA,
                       "%s: another program's database (application id %lld); nothing was changed",
                       db->label, (long long)mark);
    return fd_fail(err, FD_ERR_DATA,
                   "%s: another program's database (it holds other tables); nothing was changed",
                   db->label);
}

long db_elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* ---- everything else: the engine's ------------------------------------------ */

int db_exec(struct db *db, const char *sql, struct fd_error *err, const char *doing)
{
    return db->engine->exec(db, sql, err, doing);
}

int db_prepare(struct db *db, const char *sql, struct db_statement **out, struct fd_error *err)
{
    return db->engine->prepare(db, sql, out, err);
}

void db_finalize(struct db_statement *statement)
{
    if (statement)
        statement->db->engine->finalize(statement);
}

void db_reset(struct db_statement *statement)
{
    statement->db->engine->reset(statement);
}

void db_bind_int64(struct db_statement *statement, int index, int64_t value)
{
    statement->db->engine->bind_int64(statement, index, value);
}

void db_bind_text(struct db_statement *statement, int index, const char *text, bool empty_is_null)
{
    if (!text || (empty_is_null && !*text))
        db_bind_null(statement, index);
    else
        statement->db->engine->bind_text(statement, index, text);
}

void db_bind_null(struct db_statement *statement, int index)
{
    statement->db->engine->bind_null(statement, index);
}

void db_bind_id(struct db_statement *statement, int index, int64_t id)
{
    if (id)
        db_bind_int64(statement, index, id);
    else
        db_bind_null(statement, index);
}

int db_step(struct db_statement *statement, struct fd_error *err, const char *doing)
{
    statement->db->failure = DB_FAILURE_NONE;
    return statement->db->engine->step(statement, err, doing);
}

int64_t db_changes(struct db_statement *statement)
{
    return statement->db->engine->changes(statement);
}

int64_t db_column_int64(struct db_statement *statement, int column)
{
    return statement->db->engine->column_int64(statement, column);
}

const char *db_column_text(struct db_statement *statement, int column)
{
    return statement->db->engine->column_text(statement, column);
}

bool db_column_is_null(struct db_statement *statement, int column)
{
    return statement->db->engine->column_is_null(statement, column);
}

int db_column_count(struct db_statement *statement)
{
    return statement->db->engine->column_count(statement);
}

const char *db_column_name(struct db_statement *statement, int column)
{
    return statement->db->engine->column_name(statement, column);
}

enum db_value db_column_kind(struct db_statement *statement, int column)
{
    return statement->db->engine->column_kind(statement, column);
}

int db_begin_write(struct db *db, db_wait_notice notice, void *data, struct fd_error *err)
{
    if (db->read_only)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    return db->engine->begin_write(db, notice, data, err);
}

int db_begin_read(struct db *db, struct fd_error *err)
{
    return db->engine->begin_read(db, err);
}

int db_commit(struct db *db, struct fd_error *err)
{
    return db->engine->commit(db, err);
}

void db_rollback(struct db *db)
{
    db->engine->rollback(db);
}

int64_t db_change_token(struct db *db)
{
    return db->engine->change_token(db);
}

bool db_connected(struct db *db)
{
    return !db->engine->connected || db->engine->connected(db);
}

int db_schema_version(struct db *db, struct fd_error *err)
{
    return db->engine->schema_version(db, err);
}

int db_set_schema_version(struct db *db, int version, struct fd_error *err)
{
    return db->engine->set_schema_version(db, version, err);
}

const char *const *db_migration(struct db *db, int version)
{
    return db->engine->migrations[version];
}

int db_bulk_load(struct db *db, int cache_mib, struct fd_error *err)
{
    return db->engine->bulk_load(db, cache_mib, err);
}

int db_foreign_keys(struct db *db, bool on, struct fd_error *err)
{
    return db->engine->foreign_keys(db, on, err);
}

int db_check_references(struct db *db, struct fd_error *err)
{
    return db->engine->check_references(db, err);
}

int db_keep_ids(struct db *db, const char *table, struct fd_error *err)
{
    return db->engine->keep_ids(db, table, err);
}
