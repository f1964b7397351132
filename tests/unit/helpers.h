/*
 * What several unit tests need and none of them is about: dates and times
 * written as text, whole files read back, and a clinic's database built in
 * a temporary folder.  Every helper fails the running test (cmocka's
 * fail_msg) on anything unexpected, so a test reads as its story with no
 * error handling of its own.  Built once (tests/unit/helpers.c) and linked
 * into every test program; include it after <cmocka.h>.
 */
#ifndef FRONTDESK_TEST_HELPERS_H
#define FRONTDESK_TEST_HELPERS_H

#include <frontdesk/config.h>
#include <frontdesk/date.h>
#include <frontdesk/store.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- text to dates and times (a bad one is a bug in the test) ---------- */

fd_day day_of(const char *text);  /* "2026-11-24" */
int minute_of(const char *text);  /* "08:30": minutes after midnight */
fd_time moment(const char *text); /* "2026-11-24 10:00" */

/* ---- files ------------------------------------------------------------- */

/* The whole file at path, NUL-terminated, in memory the caller frees. */
char *read_whole_file(const char *path);

/* The whole file data/RELATIVE (e.g. "holidays/england-and-wales"), found
 * through FRONTDESK_DATA_DIR as ctest sets it, or else the source tree's
 * data/ compiled in as FD_DATA_DIR; the path read is left in path.  The
 * caller frees the text. */
char *read_data_file(const char *relative, char *path, size_t path_size);

/* ---- a clinic in a temporary folder ------------------------------------ */

enum { FIXTURE_FOLDER_SIZE = 64, FIXTURE_PATH_SIZE = 128 };

/* Makes a fresh folder /tmp/frontdesk-NAME-XXXXXX, its path in folder. */
void fixture_folder_create(char folder[FIXTURE_FOLDER_SIZE], const char *name);

/* Removes folder and everything in it, even what a test made unreadable. */
void fixture_folder_remove(const char *folder);

/* Loads a config from text, as if read from a file named "test config". */
void fixture_config_load(const char *text, struct fd_config *config);

/* ---- the engine under test ------------------------------------------- */

/* Whether the tests run on PostgreSQL: FRONTDESK_TEST_ENGINE=pg, with
 * FRONTDESK_TEST_PG naming the test server's state file, as ctest sets
 * for the pg/unit/ tests (tests/pg-server.sh). */
bool fixture_engine_is_pg(void);

/* On PostgreSQL, skips the running test, saying why (it is about SQLite's
 * files); on SQLite, nothing. */
void fixture_sqlite_only(const char *why);
/* The other way round: skips the running test on SQLite (it is about a
 * connection to a server). */
void fixture_pg_only(const char *why);

/* Where a new database goes: path_in_folder (a file path) on SQLite, or
 * on PostgreSQL a fresh empty database on the test server; its target in
 * path. */
void fixture_database_target(const char *path_in_folder, char path[FIXTURE_PATH_SIZE]);

/* Opens (creating if needed) the database at path. */
struct fd_store *fixture_store_open(const char *path, bool read_only);

/* A new clinic database: a fresh folder (fixture_folder_create) and a
 * new database (its target in path: clinic.db in the folder, or a fresh
 * PostgreSQL database, see fixture_database_target), the config loaded from config_text into
 * config, and the config's clinics entered into the store.  Undo with
 * fixture_store_destroy(). */
struct fd_store *fixture_store_create(const char *name, const char *config_text,
                                      struct fd_config *config, char folder[FIXTURE_FOLDER_SIZE],
                                      char path[FIXTURE_PATH_SIZE]);

/* Closes the store, frees the config and removes the folder. */
void fixture_store_destroy(struct fd_store *store, struct fd_config *config, const char *folder);

/* Adds an active therapist and returns their id. */
int64_t fixture_therapist_add(struct fd_store *store, const char *handle, const char *name);

#endif
