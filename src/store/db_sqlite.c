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
#include "db.h"

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

struct db {
    sqlite3 *handle;
    bool read_only;
    enum db_failure failure;
    char path[4096];
};

struct db_statement {
    struct db *db;
    sqlite3_stmt *statement;
};

/* Fills err from the connection's last error; returns the negative code. */
static int fail(struct db *db, struct fd_error *err, const char *doing)
{
    int code = sqlite3_errcode(db->handle);
    const char *message = sqlite3_errmsg(db->handle);
    db->failure = DB_FAILURE_OTHER;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return fd_fail(err, FD_ERR_BUSY,
                       "the database is busy (another desk is writing); try again");
    if (code == SQLITE_READONLY)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    if (code == SQLITE_CONSTRAINT && strncmp(message, "frontdesk: ", 11) == 0) {
        const char *what = message + 11;
        if (strcmp(what, "room out of range") == 0)
            return fd_fail(err, FD_ERR_RULE, "no such room at that clinic");
        if (strncmp(what, "transition", 10) == 0)
            return fd_fail(err, FD_ERR_RULE, "the database refused that change of state");
        db->failure = DB_FAILURE_OVERLAP;
        return fd_fail(err, FD_ERR_RULE, "that slot was just taken (%s); choose another",
                       strcmp(what, "room busy") == 0 ? "the room is in use"
                                                      : "the therapist is booked");
    }
    if (code == SQLITE_CONSTRAINT && strstr(message, "UNIQUE"))
        db->failure = DB_FAILURE_UNIQUE;
    if (code == SQLITE_CONSTRAINT && strstr(message, "FOREIGN KEY"))
        db->failure = DB_FAILURE_REFERENCED;
    if (code == SQLITE_FULL || code == SQLITE_IOERR)
        return fd_fail(err, FD_ERR_IO, "%s: cannot write the database while %s: %s", db->path,
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
static int64_t query_int(struct db *db, const char *sql, int *rc)
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
static int check_owner(struct db *db, const struct db_open_options *options, struct fd_error *err)
{
    int rc;
    int64_t tables = query_int(db, "SELECT count(*) FROM sqlite_master", &rc);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return fd_fail(err, FD_ERR_BUSY, "%s: another program holds the database locked; try again",
                       db->path);
    if (rc != SQLITE_OK)
        return fd_fail(err, FD_ERR_DATA, "%s: not a frontdesk database (%s); nothing was changed",
                       db->path, sqlite3_errmsg(db->handle));
    int64_t mark = query_int(db, "PRAGMA application_id", &rc);
    if (mark == APPLICATION_ID)
        return 0;
    if (mark != 0)
        return fd_fail(err, FD_ERR_DATA,
                       "%s: another program's database (application id %lld); nothing was changed",
                       db->path, (long long)mark);
    if (tables == 0) {
        if (options->create)
            return 0;
        return fd_fail(err, FD_ERR_DATA,
                       "%s: an empty file, not a frontdesk database; make one with "
                       "'frontdesk init'",
                       db->path);
    }
    /* Made before databases were marked: it has our tables. */
    int64_t ours = query_int(db,
                             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                             " ('therapist', 'shift_rule', 'appointment', 'audit')",
                             &rc);
    if (ours == 4)
        return 0;
    return fd_fail(err, FD_ERR_DATA,
                   "%s: another program's database (it holds other tables); nothing was changed",
                   db->path);
}

/* Opens the connection (read-only, or as a frozen snapshot of the file
 * when `immutable`) with the settings every connection has. */
static int open_handle(struct db *db, bool immutable, struct fd_error *err)
{
    int flags = db->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    char *uri = NULL;
    if (immutable) {
        uri = sqlite3_mprintf("file:%s?immutable=1", db->path);
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(uri ? uri : db->path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
    sqlite3_free(uri);
    if (rc != SQLITE_OK)
        return fd_fail(err, FD_ERR_IO, "%s: cannot open the database: %s", db->path,
                       db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
    sqlite3_busy_timeout(db->handle, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db->handle, 0);
    return db_exec(db, "PRAGMA foreign_keys = ON", err, "opening the database");
}

int db_open(const char *target, const struct db_open_options *options, struct db **out,
            struct fd_error *err)
{
    *out = NULL;
    bool exists = access(target, F_OK) == 0;
    if (!exists && !options->create)
        return fd_fail(err, FD_ERR_NOINPUT, "%s: no such database", target);
    if (!exists && !options->read_only) {
        int rc = create_private_file(target, err);
        if (rc < 0)
            return rc;
    }
    struct db *db = calloc(1, sizeof *db);
    if (!db)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    text_copy(db->path, sizeof db->path, target);
    db->read_only = options->read_only;
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
        rc = db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err,
                     "opening the database");
    if (rc < 0) {
        db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    sqlite3_close_v2(db->handle);
    free(db);
}

bool db_read_only(const struct db *db)
{
    return db->read_only;
}

int db_exec(struct db *db, const char *sql, struct fd_error *err, const char *doing)
{
    if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, err, doing);
    return 0;
}

/* ---- statements ----------------------------------------------------------- */

int db_prepare(struct db *db, const char *sql, struct db_statement **out, struct fd_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    (*out)->db = db;
    if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &(*out)->statement,
                           NULL) != SQLITE_OK) {
        free(*out);
        *out = NULL;
        return fail(db, err, "preparing a query");
    }
    return 0;
}

void db_finalize(struct db_statement *statement)
{
    if (!statement)
        return;
    sqlite3_finalize(statement->statement);
    free(statement);
}

void db_reset(struct db_statement *statement)
{
    sqlite3_reset(statement->statement);
    sqlite3_clear_bindings(statement->statement);
}

void db_bind_int64(struct db_statement *statement, int index, int64_t value)
{
    sqlite3_bind_int64(statement->statement, index, value);
}

void db_bind_text(struct db_statement *statement, int index, const char *text, bool empty_is_null)
{
    if (!text || (empty_is_null && !*text))
        sqlite3_bind_null(statement->statement, index);
    else
        sqlite3_bind_text(statement->statement, index, text, -1, SQLITE_TRANSIENT);
}

void db_bind_null(struct db_statement *statement, int index)
{
    sqlite3_bind_null(statement->statement, index);
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
    int rc = sqlite3_step(statement->statement);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    rc = fail(statement->db, err, doing);
    sqlite3_reset(statement->statement);
    return rc;
}

enum db_failure db_last_failure(const struct db *db)
{
    return db->failure;
}

int64_t db_changes(struct db_statement *statement)
{
    return sqlite3_changes64(statement->db->handle);
}

int64_t db_column_int64(struct db_statement *statement, int column)
{
    return sqlite3_column_int64(statement->statement, column);
}

const char *db_column_text(struct db_statement *statement, int column)
{
    return (const char *)sqlite3_column_text(statement->statement, column);
}

bool db_column_is_null(struct db_statement *statement, int column)
{
    return sqlite3_column_type(statement->statement, column) == SQLITE_NULL;
}

int db_column_count(struct db_statement *statement)
{
    return sqlite3_column_count(statement->statement);
}

const char *db_column_name(struct db_statement *statement, int column)
{
    return sqlite3_column_name(statement->statement, column);
}

enum db_value db_column_kind(struct db_statement *statement, int column)
{
    switch (sqlite3_column_type(statement->statement, column)) {
    case SQLITE_NULL:
        return DB_VALUE_NULL;
    case SQLITE_INTEGER:
        return DB_VALUE_INTEGER;
    default:
        return DB_VALUE_TEXT;
    }
}

/* ---- transactions --------------------------------------------------------- */

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

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
    long waited = elapsed_ms(&wait->started);
    if (waited >= BUSY_TIMEOUT_MS)
        return 0;
    if (!wait->told && waited >= WAIT_NOTICE_MS && wait->notice) {
        wait->told = true;
        wait->notice(wait->data);
    }
    usleep(count < 10 ? 2000 : 20000);
    return 1;
}

int db_begin_write(struct db *db, db_wait_notice notice, void *data, struct fd_error *err)
{
    if (db->read_only)
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
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

int db_begin_read(struct db *db, struct fd_error *err)
{
    return db_exec(db, "BEGIN", err, "starting to read");
}

int db_commit(struct db *db, struct fd_error *err)
{
    for (int attempt = 0; attempt < BEGIN_RETRIES; attempt++) {
        int rc = sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY) {
            rc = fail(db, err, "saving the change");
            db_rollback(db);
            return rc;
        }
        usleep((useconds_t)(20000 * (attempt + 1)));
    }
    db_rollback(db);
    return fd_fail(err, FD_ERR_BUSY, "the database stayed busy; nothing was changed");
}

void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->handle))
        sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

int64_t db_change_token(struct db *db)
{
    int rc;
    return query_int(db, "PRAGMA data_version", &rc);
}

int db_schema_version(struct db *db, struct fd_error *err)
{
    int rc;
    int64_t version = query_int(db, "PRAGMA user_version", &rc);
    if (rc != SQLITE_OK)
        return fail(db, err, "reading the schema version");
    return (int)version;
}

int db_set_schema_version(struct db *db, int version, struct fd_error *err)
{
    char pragma[96];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d", version,
             APPLICATION_ID);
    return db_exec(db, pragma, err, "recording the schema version");
}

/* A bulk load is one long transaction of inserts whose triggers may
 * RAISE, so every insert keeps a statement journal; by default that
 * journal spills to a temporary file and each insert costs a handful of
 * write() calls.  Kept in memory, and with a page cache large enough that
 * dirty pages are not spilled to the WAL mid-transaction, demo
 * --appointments 1000000 takes a third of the time.  The cache is a fixed
 * size, so memory stays flat however much is loaded. */
int db_bulk_load(struct db *db, int cache_mib, struct fd_error *err)
{
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -%d",
             cache_mib * 1024);
    return db_exec(db, pragmas, err, "preparing a bulk load");
}

/* ---- schema changes that rebuild tables --------------------------------- */

int db_foreign_keys(struct db *db, bool on, struct fd_error *err)
{
    return db_exec(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", err,
                   "upgrading the database");
}

int db_check_references(struct db *db, struct fd_error *err)
{
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
static char **collect_sql(struct db *db, const char *query, const char *table, size_t *count,
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

int db_keep_ids(struct db *db, const char *table, struct fd_error *err)
{
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
        rc = db_exec(db, rebuilt, err, "upgrading the database");
    }
    char copy[256];
    snprintf(
        copy, sizeof copy,
        "INSERT INTO %s_keep SELECT * FROM %s; DROP TABLE %s; ALTER TABLE %s_keep RENAME TO %s",
        table, table, table, table, table);
    if (rc == 0)
        rc = db_exec(db, copy, err, "upgrading the database");
    for (size_t i = 0; rc == 0 && others && i < extra; i++)
        rc = db_exec(db, others[i], err, "upgrading the database");
    free(rebuilt);
    free_sql(others, extra);
    free_sql(create, found);
    return rc;
}
