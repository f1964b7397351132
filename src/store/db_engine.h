/*
 * What an engine under db.h provides: one table of functions, and the
 * head of its connection and statement structs.  db.c picks the engine
 * from the target (a postgresql:// or postgres:// URI is PostgreSQL,
 * anything else an SQLite file) and every db_ call goes through the
 * table; the state all engines share (read-only, the last failure, the
 * target as errors may show it) lives in the heads, which each engine's
 * own structs begin with.  Not part of the public API.
 */
#ifndef FRONTDESK_DB_ENGINE_H
#define FRONTDESK_DB_ENGINE_H

#include "db.h"

struct db_engine;

/* The first member of every engine's connection struct. */
struct db {
    const struct db_engine *engine;
    bool read_only;
    enum db_failure failure;
    char label[4096]; /* the target, without a password: what errors show */
};

/* The first member of every engine's statement struct. */
struct db_statement {
    struct db *db;
};

struct db_engine {
    int (*open)(const char *target, const char *label, const struct db_open_options *options,
                struct db **out, struct fd_error *err);
    void (*close)(struct db *db);
    int (*exec)(struct db *db, const char *sql, struct fd_error *err, const char *doing);
    int (*prepare)(struct db *db, const char *sql, struct db_statement **out, struct fd_error *err);
    void (*finalize)(struct db_statement *statement);
    void (*reset)(struct db_statement *statement);
    void (*bind_int64)(struct db_statement *statement, int index, int64_t value);
    void (*bind_text)(struct db_statement *statement, int index, const char *text); /* not NULL */
    void (*bind_null)(struct db_statement *statement, int index);
    int (*step)(struct db_statement *statement, struct fd_error *err, const char *doing);
    int64_t (*changes)(struct db_statement *statement);
    int64_t (*column_int64)(struct db_statement *statement, int column);
    const char *(*column_text)(struct db_statement *statement, int column);
    bool (*column_is_null)(struct db_statement *statement, int column);
    int (*column_count)(struct db_statement *statement);
    const char *(*column_name)(struct db_statement *statement, int column);
    enum db_value (*column_kind)(struct db_statement *statement, int column);
    int (*begin_write)(struct db *db, db_wait_notice notice, void *data, struct fd_error *err);
    int (*begin_read)(struct db *db, struct fd_error *err);
    int (*commit)(struct db *db, struct fd_error *err);
    void (*rollback)(struct db *db);
    int64_t (*change_token)(struct db *db);
    bool (*connected)(struct db *db); /* NULL: always (a file) */
    int (*schema_version)(struct db *db, struct fd_error *err);
    int (*set_schema_version)(struct db *db, int version, struct fd_error *err);
    int (*bulk_load)(struct db *db, int cache_mib, struct fd_error *err);
    int (*foreign_keys)(struct db *db, bool on, struct fd_error *err);
    int (*check_references)(struct db *db, struct fd_error *err);
    int (*keep_ids)(struct db *db, const char *table, struct fd_error *err);
    /* The engine's schema: one NULL-terminated list of scripts per version. */
    const char *const *const *migrations;
};

extern const struct db_engine DB_ENGINE_SQLITE;
extern const struct db_engine DB_ENGINE_POSTGRESQL;

/* The error a refusal by the schema's own rules reads, the same on every
 * engine: what is the refusal's text after "frontdesk: " ("therapist
 * busy", "room busy", "room out of range", "transition …").  Sets
 * db->failure. */
int db_fail_refusal(struct db *db, struct fd_error *err, const char *what);

/* The error for a database that is not frontdesk's, the same on every
 * engine: marked by another program (mark, when not 0), or holding
 * tables of its own. */
int db_fail_foreign(struct db *db, struct fd_error *err, int64_t mark);

/* Milliseconds since a CLOCK_MONOTONIC moment: how long a desk has waited
 * for the write lock. */
struct timespec;
long db_elapsed_ms(const struct timespec *since);

#endif
