/*
 * The SQLite engine (db.h): one file holds the clinic, every desk opens it.
 *
 * Concurrency: the file runs in WAL mode so that readers (a therapist's
 * read-only view, the other desk's screen) never block the writer.  Every
 * change starts with BEGIN IMMEDIATE, which takes the write lock before
 * reading anything, so a check-then-insert cannot interleave with another
 * desk's.  SQLite's busy handler waits for the lock; on top of it we retry
 * a few times, and only then report "busy" (exit 75).
 *
 * Durability: synchronous = FULL, so that a change reported as done is on
 * the disk before the command says so, and survives a power cut; in WAL
 * mode that costs one sync of the log per change.
 *
 * Whose file: frontdesk marks its databases with PRAGMA application_id.
 * Before anything is written, the file is checked: one of ours, an empty
 * database we may create, or an old frontdesk database (made before the
 * mark) is opened; any other SQLite file with tables, or a file that is
 * not SQLite at all, is refused and left exactly as it was.
 */
#include "db_engine.h"
#include "schema.h"

#include <frontdesk/text.h>

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000
#define BEGIN_RETRIES   6
/* "FDSK": the mark frontdesk writes in every database it creates. */
#define APPLICATION_ID 0x4644534B
/* After this long waiting for the lock, the desk is told. */
#define WAIT_NOTICE_MS 300

struct sqlite_db {
    struct db base;
    sqlite3 *handle;
};

struct sqlite_statement {
    struct db_statement base;
    sqlite3_stmt *statement;
    /* "INSERT … VALUES … RETURNING id" runs without its RETURNING clause,
     * which SQLite answers through a temporary table made and dropped on
     * every run (a sixth of a bulk import's time); the new rowid is handed
     * back as the one row the clause would have returned. */
    bool returns_id;
    enum { RETURNED_NOTHING, RETURNED_ROW, RETURNED_DONE } returned;
    int64_t returned_id;
};

#define RETURNING_ID " RETURNING id"

/* Whether sql is a one-row insert that ends in RETURNING id (an upsert
 * that may update is not: its row's id is not the last inserted). */
static bool returns_id_only(const char *sql)
{
    size_t length = strlen(sql), tail = strlen(RETURNING_ID);
    return strncmp(sql, "INSERT ", 7) == 0 && strstr(sql, " VALUES ") && !strstr(sql, "SELECT") &&
           !strstr(sql, "DO UPDATE") && length > tail &&
           strcmp(sql + length - tail, RETURNING_ID) == 0;
}

static struct sqlite_db *sqlite_db(struct db *db)
{
    return (struct sqlite_db *)db;
}

static struct sqlite_statement *sqlite_statement(struct db_statement *statement)
{
    return (struct sqlite_statement *)statement;
}

static sqlite3_stmt *handle_of(struct db_statement *statement)
{
    return sqlite_statement(statement)->statement;
}

static int sqlite_exec(struct db *base, const char *sql, struct fd_error *err, const char *doing);

/* Fills err from the connection's last error; returns the negative code. */
static int fail(struct sqlite_db *db, struct fd_error *err, const char *doing)
{
    int code = sqlite3_errcode(db->handle);
    const char *message = sqlite3_errmsg(db->handle);
    db->base.failure = DB_FAILURE_OTHER;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return fd_fail(err, FD_ERR_BUSY,
                       "the database is busy (another desk is writing); try again");
    if (code == SQLITE_READONLY)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    if (code == SQLITE_CONSTRAINT && strncmp(message, "frontdesk: ", 11) == 0)
        return db_fail_refusal(&db->base, err, message + 11);
    if (code == SQLITE_CONSTRAINT && strstr(message, "UNIQUE"))
        db->base.failure = DB_FAILURE_UNIQUE;
    if (code == SQLITE_CONSTRAINT && strstr(message, "FOREIGN KEY"))
        db->base.failure = DB_FAILURE_REFERENCED;
    if (code == SQLITE_FULL || code == SQLITE_IOERR)
        return fd_fail(err, FD_ERR_IO, "%s: cannot write the database while %s: %s", db->base.label,
                       doing, message);
    return fd_fail(err, FD_ERR_SOFTWARE, "database error while %s: %s", doing, message);
}

/* ---- opening ------------------------------------------------------------ */

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

/* One integer from a query without parameters; -1 when it fails. */
static int64_t query_int(struct sqlite_db *db, const char *sql, int *rc)
{
    sqlite3_stmt *statement;
    int64_t value = -1;
    *rc = sqlite3_prepare_v2(db->handle, sql, -1, &statement, NULL);
    if (*rc != SQLITE_OK)
        return -1;
    *rc = sqlite3_step(statement);
    if (*rc == SQLITE_ROW) {
        value = sqlite3_column_int64(statement, 0);
        *rc = SQLITE_OK;
    }
    sqlite3_finalize(statement);
    return value;
}

/* Is this file ours, or one we may make ours?  Reads only. */
static int check_owner(struct sqlite_db *db, const struct db_open_options *options,
                       struct fd_error *err)
{
    int rc;
    int64_t tables = query_int(db, "SELECT count(*) FROM sqlite_master", &rc);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return fd_fail(err, FD_ERR_BUSY, "%s: another program holds the database locked; try again",
                       db->base.label);
    if (rc != SQLITE_OK)
        return fd_fail(err, FD_ERR_DATA, "%s: not a frontdesk database (%s); nothing was changed",
                       db->base.label, sqlite3_errmsg(db->handle));
    int64_t mark = query_int(db, "PRAGMA application_id", &rc);
    if (mark == APPLICATION_ID)
        return 0;
    if (mark != 0)
        return db_fail_foreign(&db->base, err, mark);
    if (tables == 0) {
        if (options->create)
            return 0;
        return fd_fail(err, FD_ERR_DATA,
                       "%s: an empty file, not a frontdesk database; make one with "
                       "'frontdesk init'",
                       db->base.label);
    }
    /* Made before databases were marked: it has our tables. */
    int64_t ours = query_int(db,
                             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                             " ('therapist', 'shift_rule', 'appointment', 'audit')",
                             &rc);
    if (ours == 4)
        return 0;
    return db_fail_foreign(&db->base, err, 0);
}

/* Opens the connection (read-only, or as a frozen snapshot of the file
 * when `immutable`) with the settings every connection has. */
static int open_handle(struct sqlite_db *db, bool immutable, struct fd_error *err)
{
    int flags = db->base.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    char *uri = NULL;
    if (immutable) {
        uri = sqlite3_mprintf("file:%s?immutable=1", db->base.label);
        flags |= SQLITE_OPEN_URI;
    }
    int rc =
        sqlite3_open_v2(uri ? uri : db->base.label, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
    sqlite3_free(uri);
    if (rc != SQLITE_OK)
        return fd_fail(err, FD_ERR_IO, "%s: cannot open the database: %s", db->base.label,
                       db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
    sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db->handle, 0);
    return sqlite_exec(&db->base, "PRAGMA foreign_keys = ON", err, "opening the database");
}

static void sqlite_close(struct db *db);

/* target is a file path, shown as it is. */
static int sqlite_open(const char *target, const char *label, const struct db_open_options *options,
                       struct db **out, struct fd_error *err)
{
    (void)label;
    *out = NULL;
    bool exists = access(target, F_OK) == 0;
    if (!exists && !options->create)
        return fd_fail(err, FD_ERR_NOINPUT, "%s: no such database", target);
    if (!exists && !options->read_only) {
        int rc = create_private_file(target, err);
        if (rc < 0)
            return rc;
    }
    struct sqlite_db *db = calloc(1, sizeof *db);
    if (!db)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    db->base.engine = &DB_ENGINE_SQLITE;
    text_copy(db->base.label, sizeof db->base.label, target);
    db->base.read_only = options->read_only;
    int rc = open_handle(db, false, err);
    if (rc == 0)
        rc = check_owner(db, options, err);
    if (rc < 0 && options->read_only && exists && sqlite3_errcode(db->handle) == SQLITE_READONLY) {
        /* Readers of a WAL database share a -shm file beside it; a reader
         * who may not write there, with no desk writing (no -shm yet),
         * reads the file as it stands instead. */
        sqlite3_close_v2(db->handle);
        db->handle = NULL;
        rc = open_handle(db, true, err);
        if (rc == 0)
            rc = check_owner(db, options, err);
    }
    if (rc == 0 && !options->read_only)
        rc = sqlite_exec(&db->base, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err,
                         "opening the database");
    if (rc < 0) {
        sqlite_close(&db->base);
        return rc;
    }
    *out = &db->base;
    return 0;
}

static void sqlite_close(struct db *db)
{
    sqlite3_close_v2(sqlite_db(db)->handle);
    free(db);
}

static int sqlite_exec(struct db *base, const char *sql, struct fd_error *err, const char *doing)
{
    struct sqlite_db *db = sqlite_db(base);
    if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, err, doing);
    return 0;
}

/* ---- statements ----------------------------------------------------------- */

static int sqlite_prepare(struct db *base, const char *sql, struct db_statement **out,
                          struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    struct sqlite_statement *statement = calloc(1, sizeof *statement);
    *out = NULL;
    if (!statement)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    statement->base.db = base;
    statement->returns_id = returns_id_only(sql);
    int length = (int)strlen(sql) - (statement->returns_id ? (int)strlen(RETURNING_ID) : 0);
    if (sqlite3_prepare_v3(db->handle, sql, length, SQLITE_PREPARE_PERSISTENT,
                           &statement->statement, NULL) != SQLITE_OK) {
        free(statement);
        return fail(db, err, "preparing a query");
    }
    *out = &statement->base;
    return 0;
}

static void sqlite_finalize(struct db_statement *statement)
{
    sqlite3_finalize(handle_of(statement));
    free(statement);
}

static void sqlite_reset(struct db_statement *statement)
{
    sqlite_statement(statement)->returned = RETURNED_NOTHING;
    sqlite3_reset(handle_of(statement));
    sqlite3_clear_bindings(handle_of(statement));
}

static void sqlite_bind_int64(struct db_statement *statement, int index, int64_t value)
{
    sqlite3_bind_int64(handle_of(statement), index, value);
}

static void sqlite_bind_text(struct db_statement *statement, int index, const char *text)
{
    sqlite3_bind_text(handle_of(statement), index, text, -1, SQLITE_TRANSIENT);
}

static void sqlite_bind_null(struct db_statement *statement, int index)
{
    sqlite3_bind_null(handle_of(statement), index);
}

static int sqlite_step(struct db_statement *statement, struct fd_error *err, const char *doing)
{
    struct sqlite_statement *s = sqlite_statement(statement);
    if (s->returned != RETURNED_NOTHING) {
        s->returned = RETURNED_DONE;
        return DB_DONE;
    }
    int rc = sqlite3_step(s->statement);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    sqlite3 *handle = sqlite_db(statement->db)->handle;
    if (rc == SQLITE_DONE && s->returns_id && sqlite3_changes64(handle) > 0) {
        /* Inserted (not passed over by ON CONFLICT DO NOTHING). */
        s->returned_id = sqlite3_last_insert_rowid(handle);
        s->returned = RETURNED_ROW;
        return DB_ROW;
    }
    if (rc == SQLITE_DONE)
        return DB_DONE;
    rc = fail(sqlite_db(statement->db), err, doing);
    sqlite3_reset(handle_of(statement));
    return rc;
}

static int64_t sqlite_changes(struct db_statement *statement)
{
    return sqlite3_changes64(sqlite_db(statement->db)->handle);
}

static int64_t sqlite_column_int64(struct db_statement *statement, int column)
{
    if (sqlite_statement(statement)->returned == RETURNED_ROW)
        return column == 0 ? sqlite_statement(statement)->returned_id : 0;
    return sqlite3_column_int64(handle_of(statement), column);
}

static const char *sqlite_column_text(struct db_statement *statement, int column)
{
    return (const char *)sqlite3_column_text(handle_of(statement), column);
}

static bool sqlite_column_is_null(struct db_statement *statement, int column)
{
    if (sqlite_statement(statement)->returned == RETURNED_ROW)
        return column != 0;
    return sqlite3_column_type(handle_of(statement), column) == SQLITE_NULL;
}

static int sqlite_column_count(struct db_statement *statement)
{
    if (sqlite_statement(statement)->returns_id)
        return 1;
    return sqlite3_column_count(handle_of(statement));
}

static const char *sqlite_column_name(struct db_statement *statement, int column)
{
    return sqlite3_column_name(handle_of(statement), column);
}

static enum db_value sqlite_column_kind(struct db_statement *statement, int column)
{
    if (sqlite_statement(statement)->returned == RETURNED_ROW)
        return column == 0 ? DB_VALUE_INTEGER : DB_VALUE_NULL;
    switch (sqlite3_column_type(handle_of(statement), column)) {
    case SQLITE_NULL:
        return DB_VALUE_NULL;
    case SQLITE_INTEGER:
        return DB_VALUE_INTEGER;
    default:
        return DB_VALUE_TEXT;
    }
}

/* ---- transactions --------------------------------------------------------- */

/* The busy handler: SQLite calls it while another connection holds the
 * lock.  It sleeps a little each time, tells the desk once the wait is
 * long enough to notice, and gives up after the busy timeout. */
struct wait_state {
    struct timespec started;
    db_wait_notice notice;
    void *data;
    bool told;
};

static int on_busy(void *arg, int count)
{
    struct wait_state *wait = arg;
    long waited = db_elapsed_ms(&wait->started);
    if (waited >= BUSY_TIMEOUT_MS)
        return 0;
    if (!wait->told && waited >= WAIT_NOTICE_MS && wait->notice) {
        wait->told = true;
        wait->notice(wait->data);
    }
    usleep(count < 10 ? 2000 : 20000);
    return 1;
}

static void sqlite_rollback(struct db *db);

/* db.c has refused a read-only connection already. */
static int sqlite_begin_write(struct db *base, db_wait_notice notice, void *data,
                              struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    struct wait_state wait = {.notice = notice, .data = data};
    clock_gettime(CLOCK_MONOTONIC, &wait.started);
    sqlite3_busy_handler(db->handle, on_busy, &wait);
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < BEGIN_RETRIES && rc != SQLITE_OK; attempt++) {
        rc = sqlite3_exec(db->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        if (rc != SQLITE_OK)
            usleep((useconds_t)(20000 * (attempt + 1)));
    }
    sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK)
        return 0;
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        return fail(db, err, "starting a change");
    return fd_fail(err, FD_ERR_BUSY,
                   "the database stayed busy (another desk is writing); try again");
}

static int sqlite_begin_read(struct db *db, struct fd_error *err)
{
    return sqlite_exec(db, "BEGIN", err, "starting to read");
}

static int sqlite_commit(struct db *base, struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    for (int attempt = 0; attempt < BEGIN_RETRIES; attempt++) {
        int rc = sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY) {
            rc = fail(db, err, "saving the change");
            sqlite_rollback(base);
            return rc;
        }
        usleep((useconds_t)(20000 * (attempt + 1)));
    }
    sqlite_rollback(base);
    return fd_fail(err, FD_ERR_BUSY, "the database stayed busy; nothing was changed");
}

static void sqlite_rollback(struct db *base)
{
    struct sqlite_db *db = sqlite_db(base);
    if (!sqlite3_get_autocommit(db->handle))
        sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static int64_t sqlite_change_token(struct db *db)
{
    int rc;
    return query_int(sqlite_db(db), "PRAGMA data_version", &rc);
}

static int sqlite_schema_version(struct db *base, struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    int rc;
    int64_t version = query_int(db, "PRAGMA user_version", &rc);
    if (rc != SQLITE_OK)
        return fail(db, err, "reading the schema version");
    return (int)version;
}

static int sqlite_set_schema_version(struct db *db, int version, struct fd_error *err)
{
    char pragma[96];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d", version,
             APPLICATION_ID);
    return sqlite_exec(db, pragma, err, "recording the schema version");
}

/* A bulk load is one long transaction of inserts whose triggers may
 * RAISE, so every insert keeps a statement journal; by default that
 * journal spills to a temporary file and each insert costs a handful of
 * write() calls.  Kept in memory, and with a page cache large enough that
 * dirty pages are not spilled to the WAL mid-transaction, demo
 * --appointments 1000000 takes a third of the time.  The cache is a fixed
 * size, so memory stays flat however much is loaded. */
static int sqlite_bulk_load(struct db *db, int cache_mib, struct fd_error *err)
{
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -%d",
             cache_mib * 1024);
    return sqlite_exec(db, pragmas, err, "preparing a bulk load");
}

/* ---- schema changes that rebuild tables --------------------------------- */

static int sqlite_foreign_keys(struct db *db, bool on, struct fd_error *err)
{
    return sqlite_exec(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", err,
                       "upgrading the database");
}

static int sqlite_check_references(struct db *base, struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    sqlite3_stmt *check = NULL;
    int rc = sqlite3_prepare_v2(db->handle, "PRAGMA foreign_key_check", -1, &check, NULL);
    if (rc != SQLITE_OK)
        return fail(db, err, "checking the references");
    rc = sqlite3_step(check);
    const char *table = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(check, 0) : NULL;
    int result = rc == SQLITE_ROW
                     ? fd_fail(err, FD_ERR_DATA,
                               "the database is damaged: a row of %s refers to one that is gone; "
                               "nothing was changed",
                               table ? table : "?")
                 : rc == SQLITE_DONE ? 0
                                     : fail(db, err, "checking the references");
    sqlite3_finalize(check);
    return result;
}

/* The text of one column of one row of a query with one text parameter
 * (allocated), or NULL. */
static char **collect_sql(struct sqlite_db *db, const char *query, const char *table, size_t *count,
                          struct fd_error *err)
{
    sqlite3_stmt *statement = NULL;
    *count = 0;
    if (sqlite3_prepare_v2(db->handle, query, -1, &statement, NULL) != SQLITE_OK) {
        fail(db, err, "reading the schema");
        return NULL;
    }
    sqlite3_bind_text(statement, 1, table, -1, SQLITE_STATIC);
    char **out = calloc(64, sizeof *out);
    while (out && *count < 63 && sqlite3_step(statement) == SQLITE_ROW) {
        const char *sql = (const char *)sqlite3_column_text(statement, 0);
        if (sql && !(out[*count] = strdup(sql)))
            break;
        *count += sql != NULL;
    }
    sqlite3_finalize(statement);
    if (!out)
        fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    return out;
}

static void free_sql(char **list, size_t count)
{
    for (size_t i = 0; list && i < count; i++)
        free(list[i]);
    free(list);
}

static int sqlite_keep_ids(struct db *base, const char *table, struct fd_error *err)
{
    struct sqlite_db *db = sqlite_db(base);
    size_t found = 0, extra = 0;
    char **create = collect_sql(
        db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", table, &found, err);
    if (!create)
        return -FD_ERR_SOFTWARE;
    const char *key = found ? strstr(create[0], "id INTEGER PRIMARY KEY") : NULL;
    const char *open = found ? strchr(create[0], '(') : NULL;
    if (!found || !key || !open || strstr(create[0], "AUTOINCREMENT")) {
        free_sql(create, found);
        return 0; /* no such table, or its ids are kept already */
    }
    /* The indexes and triggers go with the old table: made again after. */
    char **others = collect_sql(db,
                                "SELECT sql FROM sqlite_master WHERE tbl_name = ?1"
                                " AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                                table, &extra, err);
    size_t key_at = (size_t)(key - create[0]) + strlen("id INTEGER PRIMARY KEY");
    size_t length = strlen(create[0]) + strlen(table) + 64;
    char *rebuilt = others ? malloc(length) : NULL;
    int rc = rebuilt ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (rc == 0) {
        snprintf(rebuilt, length, "CREATE TABLE %s_keep %.*s AUTOINCREMENT%s", table,
                 (int)(key_at - (size_t)(open - create[0])), open, create[0] + key_at);
        rc = sqlite_exec(base, rebuilt, err, "upgrading the database");
    }
    char copy[256];
    snprintf(
        copy, sizeof copy,
        "INSERT INTO %s_keep SELECT * FROM %s; DROP TABLE %s; ALTER TABLE %s_keep RENAME TO %s",
        table, table, table, table, table);
    if (rc == 0)
        rc = sqlite_exec(base, copy, err, "upgrading the database");
    for (size_t i = 0; rc == 0 && others && i < extra; i++)
        rc = sqlite_exec(base, others[i], err, "upgrading the database");
    free(rebuilt);
    free_sql(others, extra);
    free_sql(create, found);
    return rc;
}

const struct db_engine DB_ENGINE_SQLITE = {
    .open = sqlite_open,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .prepare = sqlite_prepare,
    .finalize = sqlite_finalize,
    .reset = sqlite_reset,
    .bind_int64 = sqlite_bind_int64,
    .bind_text = sqlite_bind_text,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .changes = sqlite_changes,
    .column_int64 = sqlite_column_int64,
    .column_text = sqlite_column_text,
    .column_is_null = sqlite_column_is_null,
    .column_count = sqlite_column_count,
    .column_name = sqlite_column_name,
    .column_kind = sqlite_column_kind,
    .begin_write = sqlite_begin_write,
    .begin_read = sqlite_begin_read,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .change_token = sqlite_change_token,
    .schema_version = sqlite_schema_version,
    .set_schema_version = sqlite_set_schema_version,
    .bulk_load = sqlite_bulk_load,
    .foreign_keys = sqlite_foreign_keys,
    .check_references = sqlite_check_references,
    .keep_ids = sqlite_keep_ids,
    .migrations = SCHEMA_MIGRATIONS,
};
