/*
 * Opening the database, migrating it, transactions and the helpers every
 * store file uses.
 *
 * Concurrency: the database runs in WAL mode so that readers (a therapist's
 * read-only view, the other desk's screen) never block the writer.  Every
 * change starts with BEGIN IMMEDIATE, which takes the write lock before
 * reading anything, so a check-then-insert cannot interleave with another
 * desk's.  SQLite's busy handler waits for the lock; on top of it we retry
 * a few times, and only then report "busy" (exit 75).
 */
#include "schema.h"
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000
#define BEGIN_RETRIES   6

sqlite3_stmt *store_statement(struct fd_store *store, int id, const char *sql, struct fd_error *err)
{
    sqlite3_stmt *statement = store->statements[id];
    if (statement) {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        return statement;
    }
    if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) !=
        SQLITE_OK) {
        store_fail(store, err, "preparing a query");
        return NULL;
    }
    store->statements[id] = statement;
    return statement;
}

int store_fail(struct fd_store *store, struct fd_error *err, const char *doing)
{
    int code = sqlite3_errcode(store->db);
    const char *message = sqlite3_errmsg(store->db);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return fd_fail(err, FD_ERR_BUSY,
                       "the database is busy (another desk is writing); try again");
    if (code == SQLITE_READONLY)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    if (code == SQLITE_CONSTRAINT && strncmp(message, "frontdesk: ", 11) == 0) {
        const char *what = message + 11;
        if (strcmp(what, "room out of range") == 0)
            return fd_fail(err, FD_ERR_RULE, "no such room at that clinic");
        return fd_fail(err, FD_ERR_RULE, "that slot was just taken (%s); choose another",
                       strcmp(what, "room busy") == 0 ? "the room is in use"
                                                      : "the therapist is booked");
    }
    return fd_fail(err, FD_ERR_SOFTWARE, "database error while %s: %s", doing, message);
}

void store_column_text(sqlite3_stmt *statement, int column, char *out, size_t size)
{
    const unsigned char *text = sqlite3_column_text(statement, column);
    if (!text) {
        out[0] = '\0';
        return;
    }
    size_t length = strlen((const char *)text);
    if (length >= size) {
        /* Cut on a UTF-8 character boundary. */
        length = size - 1;
        while (length > 0 && (text[length] & 0xC0) == 0x80)
            length--;
    }
    memcpy(out, text, length);
    out[length] = '\0';
}

int store_bind_text(sqlite3_stmt *statement, int index, const char *text, bool empty_is_null)
{
    if (!text || (empty_is_null && !*text))
        return sqlite3_bind_null(statement, index);
    return sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}

int store_step_done(struct fd_store *store, sqlite3_stmt *statement, struct fd_error *err,
                    const char *doing)
{
    int rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        rc = store_fail(store, err, doing);
        sqlite3_reset(statement);
        return rc;
    }
    sqlite3_reset(statement);
    return 0;
}

int store_grow(void **array, size_t *capacity, size_t count, size_t element)
{
    if (count < *capacity)
        return 0;
    size_t wanted = *capacity ? *capacity * 2 : 16;
    void *grown = realloc(*array, wanted * element);
    if (!grown)
        return -1;
    *array = grown;
    *capacity = wanted;
    return 0;
}

/* Runs a SELECT and appends each row through read_row into a grown array. */
int store_collect(struct fd_store *store, sqlite3_stmt *statement, void **out, size_t *count,
                  size_t element, store_row_reader read_row, struct fd_error *err,
                  const char *doing)
{
    size_t capacity = 0;
    int rc;
    *out = NULL;
    *count = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        if (store_grow(out, &capacity, *count, element) < 0) {
            sqlite3_reset(statement);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
        void *row = (char *)*out + element * (*count)++;
        memset(row, 0, element);
        read_row(statement, row);
    }
    sqlite3_reset(statement);
    return rc == SQLITE_DONE ? 0 : store_fail(store, err, doing);
}

int store_fetch_one(struct fd_store *store, sqlite3_stmt *statement, void *out, size_t element,
                    store_row_reader read_row, struct fd_error *err, const char *what, int64_t id)
{
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        memset(out, 0, element);
        read_row(statement, out);
    }
    sqlite3_reset(statement);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return fd_fail(err, FD_ERR_DATA, "there is no %s %lld", what, (long long)id);
    return store_fail(store, err, "reading");
}

static int exec(struct fd_store *store, const char *sql, struct fd_error *err)
{
    if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(store, err, "setting up the database");
    return 0;
}

/* Creates path's missing folders (0700) and the file itself (0600), so the
 * database is never readable by others, not even for an instant. */
static int create_private_file(const char *path, struct fd_error *err)
{
    char *copy = strdup(path);
    if (!copy)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
            int rc =
                fd_fail(err, FD_ERR_IO, "%s: cannot create the folder: %s", copy, strerror(errno));
            free(copy);
            return rc;
        }
        *p = '/';
    }
    free(copy);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
        return fd_fail(err, FD_ERR_IO, "%s: cannot create the database: %s", path, strerror(errno));
    close(fd);
    return 0;
}

static int migrate(struct fd_store *store, struct fd_error *err)
{
    int version = store_schema_version(store);
    if (version > SCHEMA_VERSION)
        return fd_fail(err, FD_ERR_DATA,
                       "the database was made by a newer frontdesk (schema %d, this knows %d)",
                       version, SCHEMA_VERSION);
    if (version == SCHEMA_VERSION)
        return 0;
    if (store->read_only)
        return fd_fail(err, FD_ERR_DATA,
                       "the database needs upgrading; open it once without read-only mode");
    int rc = store_begin(store, err);
    if (rc < 0)
        return rc;
    /* Another desk may have migrated while we waited for the lock. */
    for (version = store_schema_version(store); version < SCHEMA_VERSION; version++) {
        char pragma[64];
        rc = 0;
        for (const char *const *script = SCHEMA_MIGRATIONS[version]; rc == 0 && *script; script++)
            rc = exec(store, *script, err);
        if (rc == 0) {
            snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
            rc = exec(store, pragma, err);
        }
        if (rc < 0) {
            store_rollback(store);
            return rc;
        }
    }
    return store_commit(store, err);
}

int store_open(const char *path, bool read_only, struct fd_store **out, struct fd_error *err)
{
    *out = NULL;
    if (read_only && access(path, F_OK) != 0)
        return fd_fail(err, FD_ERR_NOINPUT, "%s: no such database", path);
    if (!read_only) {
        int rc = create_private_file(path, err);
        if (rc < 0)
            return rc;
    }
    struct fd_store *store = calloc(1, sizeof *store);
    if (!store)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    store->read_only = read_only;
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        int rc = fd_fail(err, FD_ERR_IO, "%s: cannot open the database: %s", path,
                         store->db ? sqlite3_errmsg(store->db) : "out of memory");
        store_close(store);
        return rc;
    }
    sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(store->db, 0);
    int rc = exec(store, "PRAGMA foreign_keys = ON", err);
    if (rc == 0) {
        /* A file that is not a database fails on its first read; check
         * before the journal mode, which reads it too and would report a
         * software error instead. */
        if (sqlite3_exec(store->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
            SQLITE_OK)
            rc = fd_fail(err, FD_ERR_DATA, "%s: not a frontdesk database (%s)", path,
                         sqlite3_errmsg(store->db));
    }
    if (rc == 0 && !read_only)
        rc = exec(store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", err);
    if (rc == 0)
        rc = migrate(store, err);
    if (rc < 0) {
        store_close(store);
        return rc;
    }
    *out = store;
    return 0;
}

void store_close(struct fd_store *store)
{
    if (!store)
        return;
    for (int i = 0; i < STMT_COUNT; i++)
        sqlite3_finalize(store->statements[i]);
    sqlite3_close(store->db);
    free(store);
}

int store_schema_version(struct fd_store *store)
{
    sqlite3_stmt *statement;
    int version = -1;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &statement, NULL) == SQLITE_OK) {
        if (sqlite3_step(statement) == SQLITE_ROW)
            version = sqlite3_column_int(statement, 0);
        sqlite3_finalize(statement);
    }
    return version;
}

int64_t store_data_version(struct fd_store *store)
{
    sqlite3_stmt *statement;
    int64_t version = -1;
    if (sqlite3_prepare_v2(store->db, "PRAGMA data_version", -1, &statement, NULL) == SQLITE_OK) {
        if (sqlite3_step(statement) == SQLITE_ROW)
            version = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    return version;
}

int store_begin(struct fd_store *store, struct fd_error *err)
{
    if (store->read_only)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    for (int attempt = 0; attempt < BEGIN_RETRIES; attempt++) {
        int rc = sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            return store_fail(store, err, "starting a change");
        usleep((useconds_t)(20000 * (attempt + 1)));
    }
    return fd_fail(err, FD_ERR_BUSY,
                   "the database stayed busy (another desk is writing); try again");
}

int store_begin_read(struct fd_store *store, struct fd_error *err)
{
    if (sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(store, err, "starting to read");
    return 0;
}

int store_commit(struct fd_store *store, struct fd_error *err)
{
    for (int attempt = 0; attempt < BEGIN_RETRIES; attempt++) {
        int rc = sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY) {
            rc = store_fail(store, err, "saving the change");
            store_rollback(store);
            return rc;
        }
        usleep((useconds_t)(20000 * (attempt + 1)));
    }
    store_rollback(store);
    return fd_fail(err, FD_ERR_BUSY, "the database stayed busy; nothing was changed");
}

void store_rollback(struct fd_store *store)
{
    if (!sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The clinic's id and rooms, or id 0 when it is not in the table yet. */
static int clinic_row(struct fd_store *store, const char *name, int64_t *id, int *rooms,
                      struct fd_error *err)
{
    sqlite3_stmt *statement =
        store_statement(store, STMT_CLINIC_ID, "SELECT id, rooms FROM clinic WHERE name = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    store_bind_text(statement, 1, name, false);
    int rc = sqlite3_step(statement);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
    *rooms = rc == SQLITE_ROW ? sqlite3_column_int(statement, 1) : 0;
    sqlite3_reset(statement);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(store, err, "reading clinics");
}

int store_sync_clinics(struct fd_store *store, struct fd_config *config, struct fd_error *err)
{
    /* Writes only when the config changed, so that opening never competes
     * with the other desk for the write lock. */
    for (size_t i = 0; i < config->clinic_count; i++) {
        struct fd_clinic *clinic = &config->clinics[i];
        int rooms;
        int rc = clinic_row(store, clinic->name, &clinic->id, &rooms, err);
        if (rc < 0)
            return rc;
        if (store->read_only || (clinic->id && rooms == clinic->rooms))
            continue;
        sqlite3_stmt *statement =
            store_statement(store, STMT_CLINIC_UPSERT,
                            "INSERT INTO clinic(name, rooms) VALUES (?1, ?2)"
                            " ON CONFLICT(name) DO UPDATE SET rooms = excluded.rooms",
                            err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        store_bind_text(statement, 1, clinic->name, false);
        sqlite3_bind_int(statement, 2, clinic->rooms);
        rc = store_step_done(store, statement, err, "saving the clinics");
        if (rc == 0)
            rc = clinic_row(store, clinic->name, &clinic->id, &rooms, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int store_audit(struct fd_store *store, fd_time at, const char *who, const char *what,
                const char *entity, int64_t entity_id, struct fd_error *err)
{
    sqlite3_stmt *statement = store_statement(
        store, STMT_AUDIT_INSERT,
        "INSERT INTO audit(at, who, what, entity, entity_id) VALUES (?1, ?2, ?3, ?4, ?5)", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, at);
    store_bind_text(statement, 2, who, false);
    store_bind_text(statement, 3, what, false);
    store_bind_text(statement, 4, entity, false);
    sqlite3_bind_int64(statement, 5, entity_id);
    return store_step_done(store, statement, err, "writing the audit log");
}

static void read_audit(sqlite3_stmt *statement, void *row)
{
    struct fd_audit_entry *entry = row;
    entry->id = sqlite3_column_int64(statement, 0);
    entry->at = sqlite3_column_int64(statement, 1);
    store_column_text(statement, 2, entry->who, sizeof entry->who);
    store_column_text(statement, 3, entry->what, sizeof entry->what);
    store_column_text(statement, 4, entry->entity, sizeof entry->entity);
    entry->entity_id = sqlite3_column_int64(statement, 5);
}

int store_audit_list(struct fd_store *store, size_t limit, struct fd_audit_entry **out,
                     size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *statement = store_statement(
        store, STMT_AUDIT_LIST,
        "SELECT id, at, who, what, entity, entity_id FROM audit ORDER BY id DESC LIMIT ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, (sqlite3_int64)limit);
    return store_collect(store, statement, (void **)out, count, sizeof **out, read_audit, err,
                         "reading the audit log");
}

int store_counts(struct fd_store *store, fd_time now, struct fd_counts *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *statement = store_statement(
        store, STMT_COUNT_PENDING,
        "SELECT count(*), coalesce(sum(due < ?1), 0) FROM request WHERE status = 'pending'", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    sqlite3_bind_int64(statement, 1, now);
    if (sqlite3_step(statement) == SQLITE_ROW) {
        out->pending = sqlite3_column_int(statement, 0);
        out->overdue = sqlite3_column_int(statement, 1);
    }
    sqlite3_reset(statement);
    statement = store_statement(store, STMT_COUNT_UNSENT,
                                "SELECT count(*) FROM appointment WHERE confirmation <> 'sent'"
                                " AND status = 'booked'",
                                err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    if (sqlite3_step(statement) == SQLITE_ROW)
        out->unsent = sqlite3_column_int(statement, 0);
    sqlite3_reset(statement);
    return 0;
}
