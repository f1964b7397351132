/*
 * The database engine under the store: a connection, statements prepared
 * once and stepped row by row, transactions, and errors turned into the
 * ones a receptionist reads.  The store's query files speak only this, so
 * they are the same whichever engine holds the data.  db.c picks the
 * engine from the target: a postgresql:// or postgres:// URI is
 * PostgreSQL (db_pg.c), anything else an SQLite file (db_sqlite.c); each
 * engine fills db_engine.h's table of functions.
 *
 * SQL given here uses numbered parameters (?1, ?2 …), RETURNING for new
 * ids, and only what both SQLite and PostgreSQL understand; what differs
 * (the schema, locking) lives with the engine.
 *
 * Errors: functions that can fail return 0 (or DB_ROW / DB_DONE) or a
 * negative FD_ERR_* code and fill err.  A refusal by the schema's own
 * rules (the overlap guard) reads "that slot was just taken …" whatever
 * the engine.  Not part of the public API.
 */
#ifndef FRONTDESK_DB_H
#define FRONTDESK_DB_H

#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_statement;

enum db_step { DB_DONE = 0, DB_ROW = 1 };

/* What a failed statement ran into, for the few callers that answer one
 * kind of failure themselves (a duplicate handle, say). */
enum db_failure {
    DB_FAILURE_NONE,
    DB_FAILURE_UNIQUE,     /* a UNIQUE constraint */
    DB_FAILURE_OVERLAP,    /* the schema's overlap guard: the slot was just taken */
    DB_FAILURE_REFERENCED, /* a row other rows still refer to (a foreign key) */
    DB_FAILURE_OTHER,
};

struct db_open_options {
    bool read_only;
    bool create; /* a missing database may be created (mode 0600) */
};

/* Whether target names a database server (a postgresql:// or postgres://
 * URI) rather than a file. */
bool db_target_is_server(const char *target);
/* target as a person may see it: a URI's password (user:PASSWORD@ or
 * password=…) left out. */
void db_target_label(const char *target, char *out, size_t size);

/* Opens the database at target.  Refuses a file that is not one of ours
 * (see the engine).  *out is NULL on failure. */
int db_open(const char *target, const struct db_open_options *options, struct db **out,
            struct fd_error *err);
void db_close(struct db *db);
bool db_read_only(const struct db *db);

/* Runs SQL without parameters (several statements allowed). */
int db_exec(struct db *db, const char *sql, struct fd_error *err, const char *doing);

/* Prepares sql; statements live until db_close() or db_finalize(). */
int db_prepare(struct db *db, const char *sql, struct db_statement **out, struct fd_error *err);
void db_finalize(struct db_statement *statement);
/* Makes a statement ready to bind and run again. */
void db_reset(struct db_statement *statement);

/* Parameters are numbered from 1. */
void db_bind_int64(struct db_statement *statement, int index, int64_t value);
/* NULL text binds NULL; so does "" when empty_is_null. */
void db_bind_text(struct db_statement *statement, int index, const char *text, bool empty_is_null);
void db_bind_null(struct db_statement *statement, int index);
/* Binds NULL for 0, the id otherwise (optional references). */
void db_bind_id(struct db_statement *statement, int index, int64_t id);

/* Runs the statement or moves to its next row: DB_ROW, DB_DONE, or a
 * negative code with err filled (doing names the work: "booking the
 * appointment"). */
int db_step(struct db_statement *statement, struct fd_error *err, const char *doing);
/* Why the last failed step failed. */
enum db_failure db_last_failure(const struct db *db);
/* Rows the last finished INSERT, UPDATE or DELETE changed. */
int64_t db_changes(struct db_statement *statement);

/* Columns of the current row, numbered from 0.  Text is NULL for NULL and
 * stays valid until the next step or reset. */
int64_t db_column_int64(struct db_statement *statement, int column);
const char *db_column_text(struct db_statement *statement, int column);
bool db_column_is_null(struct db_statement *statement, int column);

/* A row read whole (SELECT *), for the undo journal: how many columns,
 * each one's name, and what its value is (an integer, text — anything
 * else reads as text — or NULL). */
enum db_value { DB_VALUE_NULL, DB_VALUE_INTEGER, DB_VALUE_TEXT };
int db_column_count(struct db_statement *statement);
const char *db_column_name(struct db_statement *statement, int column);
enum db_value db_column_kind(struct db_statement *statement, int column);

/* Transactions.  A write transaction takes the write lock before reading
 * anything and waits (retrying) while another desk holds it; -FD_ERR_BUSY
 * when it never frees.  wait_notice, when given, is called once if the
 * wait is long enough for a person to notice. */
typedef void (*db_wait_notice)(void *data);
int db_begin_write(struct db *db, db_wait_notice notice, void *data, struct fd_error *err);
int db_begin_read(struct db *db, struct fd_error *err);
int db_commit(struct db *db, struct fd_error *err);
void db_rollback(struct db *db);

/* A number that changes whenever another connection commits, so that an
 * open screen notices another desk's change. */
int64_t db_change_token(struct db *db);
/* Whether the connection to the database is up: a file's always is; a
 * server's is not from the moment db_change_token() finds it lost until
 * a later call finds it made again (when the token moves). */
bool db_connected(struct db *db);

/* The schema version recorded in the database (0: empty), and setting it
 * inside a migration's transaction. */
int db_schema_version(struct db *db, struct fd_error *err);
int db_set_schema_version(struct db *db, int version, struct fd_error *err);
/* The engine's script for moving the schema from version to version + 1
 * (schema.h): a NULL-terminated list of SQL scripts. */
const char *const *db_migration(struct db *db, int version);

/* Bulk loading: a larger page cache and statement journals in memory for
 * the rest of the connection (see store_bulk_load_begin). */
int db_bulk_load(struct db *db, int cache_mib, struct fd_error *err);

/* Schema changes that rebuild tables: the checks of foreign keys off
 * (outside any transaction) while they run, on again after, and the
 * check that every reference still holds, inside the transaction. */
int db_foreign_keys(struct db *db, bool on, struct fd_error *err);
int db_check_references(struct db *db, struct fd_error *err);
/* Makes sure an id deleted from the table (an undone change) is never
 * given out again, so the audit log's lines about it stay its own.  An
 * engine whose ids come from a sequence has nothing to do; SQLite
 * rebuilds the table with AUTOINCREMENT once (foreign keys off). */
int db_keep_ids(struct db *db, const char *table, struct fd_error *err);

#endif
