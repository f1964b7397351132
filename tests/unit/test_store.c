/*
 * The store: the database a desk opens is created private (0600 in a 0700
 * folder), migrated once and only once, and refused when it is not ours or
 * comes from a newer frontdesk.  Above all it guarantees the clinic's
 * promise of no double booking (SPEC §1 rule 2) by itself: whatever code
 * inserts an appointment, the schema's triggers refuse one that overlaps a
 * non-cancelled booking of the same therapist or the same room, with the
 * "slot was just taken" error the receptionist sees.
 *
 * Each test gets a fresh database in a temporary folder, with the example
 * clinics ("Clinic", 3 rooms; "Low Cost Clinic", 1 room), two therapists
 * (prim and anna) and one client.  sqlite3 (or libpq) is used directly
 * only to set up what no store function would do (a database from the
 * future).
 *
 * ctest runs these tests on both engines: as unit/test_store on SQLite
 * files, and as pg/unit/test_store on the test run's PostgreSQL server,
 * where the same refusals come from exclusion constraints (SQLSTATE
 * 23P01) and must read the same.  Tests about SQLite's files skip there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/config.h>
#include <frontdesk/store.h>

#include "helpers.h"

#include "../../src/store/schema.h"

#include <errno.h>
#include <ftw.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXAMPLE_CLINICS                                                                            \
    "holidays = \"\"\n"                                                                            \
    "clinic \"Clinic\"          { rooms = 3 }\n"                                                   \
    "clinic \"Low Cost Clinic\" { rooms = 1 }\n"                                                   \
    "service \"Sports massage 60\" { minutes = 60 price = \"55.00\" buffer = 15"                   \
    " clinics = {\"Clinic\"} }\n"

struct desk {
    char dir[FIXTURE_FOLDER_SIZE];
    char path[FIXTURE_PATH_SIZE]; /* the database */
    struct fd_store *store;
    struct fd_config config;
    int64_t clinic, low_cost_clinic;
    int64_t prim, anna;
    int64_t client;
};

/* ---- helpers ---------------------------------------------------------- */

/* How a desk opens the database: a writing desk may create it. */
static const struct store_open_options *opening(bool read_only)
{
    static const struct store_open_options WRITER = {.create = true};
    static const struct store_open_options READER = {.read_only = true};
    return read_only ? &READER : &WRITER;
}

static int setup_desk(void **state)
{
    struct desk *desk = calloc(1, sizeof *desk);
    assert_non_null(desk);
    desk->store =
        fixture_store_create("store", EXAMPLE_CLINICS, &desk->config, desk->dir, desk->path);
    desk->clinic = config_find_clinic(&desk->config, "Clinic")->id;
    desk->low_cost_clinic = config_find_clinic(&desk->config, "Low Cost Clinic")->id;
    desk->prim = fixture_therapist_add(desk->store, "prim", "Primrose Hill");
    desk->anna = fixture_therapist_add(desk->store, "anna", "Anna Kowalska");
    struct fd_error err = {0};
    if (store_client_find_or_create(desk->store, "Bob Smith", "bob@example.org", "07700 900001",
                                    &desk->client, &err) != 0)
        fail_msg("adding the client failed: %s", err.message);
    *state = desk;
    return 0;
}

static int teardown_desk(void **state)
{
    struct desk *desk = *state;
    fixture_store_destroy(desk->store, &desk->config, desk->dir);
    free(desk);
    return 0;
}

/* A booking of the Sports massage 60 (buffer 15) unless changed after. */
static struct fd_appointment appointment(int64_t therapist, int64_t clinic, int room,
                                         int64_t client, const char *start, int minutes)
{
    struct fd_appointment a = {
        .therapist_id = therapist,
        .clinic_id = clinic,
        .room = room,
        .client_id = client,
        .minutes = minutes,
        .price_pence = 5500,
        .buffer = 15,
        .start = moment(start),
        .end = moment(start) + minutes,
    };
    snprintf(a.service, sizeof a.service, "Sports massage 60");
    return a;
}

static int64_t book_or_fail(struct desk *desk, struct fd_appointment a)
{
    struct fd_error err = {0};
    if (store_appointment_insert(desk->store, &a, &err) != 0)
        fail_msg("booking failed: %s", err.message);
    assert_true(a.id > 0);
    return a.id;
}

/* The booking must be refused as a taken slot, naming why. */
static void expect_slot_taken(struct desk *desk, struct fd_appointment a, const char *why)
{
    struct fd_error err = {0};
    int rc = store_appointment_insert(desk->store, &a, &err);
    if (rc != -FD_ERR_RULE)
        fail_msg("expected the slot to be taken (%s), got %d: %s", why, rc, err.message);
    assert_int_equal(err.code, FD_ERR_RULE);
    if (!strstr(err.message, "just taken") || !strstr(err.message, why))
        fail_msg("the message should say the slot was just taken (%s): %s", why, err.message);
}

static size_t count_appointments(struct desk *desk, bool include_cancelled)
{
    struct fd_appointment_filter filter = {
        .from = moment("2000-01-01 00:00"),
        .to = moment("2100-01-01 00:00"),
        .include_cancelled = include_cancelled,
    };
    struct fd_appointment *list = NULL;
    size_t count = 0;
    struct fd_error err = {0};
    if (store_appointment_list(desk->store, &filter, &list, &count, &err) != 0)
        fail_msg("listing appointments failed: %s", err.message);
    free(list);
    return count;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        fail_msg("%s: %s", path, strerror(errno));
    return st.st_mode & 07777;
}

/* ---- opening and migrating -------------------------------------------- */

static void test_a_new_database_is_private_and_migrated(void **state)
{
    struct desk *desk = *state;
    /* `frontdesk --db` naming a file in folders that do not exist yet. */
    char folder[128], inner[160], file[200], path[FIXTURE_PATH_SIZE];
    snprintf(folder, sizeof folder, "%s/desk", desk->dir);
    snprintf(inner, sizeof inner, "%s/data", folder);
    snprintf(file, sizeof file, "%s/clinic.db", inner);
    fixture_database_target(file, path);
    mode_t old_umask = umask(0); /* the modes must not rely on the umask */
    struct fd_store *store = fixture_store_open(path, false);
    umask(old_umask);
    if (!fixture_engine_is_pg()) { /* a server's database has no file mode */
        assert_int_equal(mode_of(path), 0600);
        assert_int_equal(mode_of(inner), 0700);
        assert_int_equal(mode_of(folder), 0700);
    }

    assert_true(SCHEMA_VERSION >= 1);
    assert_int_equal(store_schema_version(store), SCHEMA_VERSION);

    /* Every table is there, empty. */
    struct fd_error err = {0};
    struct fd_therapist *therapists;
    struct rota_rule *rules;
    struct fd_time_off_record *time_off;
    struct fd_client *clients;
    struct fd_request *requests;
    struct fd_waitlist_entry *waitlist;
    struct fd_message *messages;
    struct fd_audit_entry *audit;
    size_t count = 99;
    assert_int_equal(store_therapist_list(store, &therapists, &count, &err), 0);
    assert_int_equal(count, 0);
    free(therapists);
    assert_int_equal(store_rule_list(store, 0, &rules, &count, &err), 0);
    assert_int_equal(count, 0);
    free(rules);
    assert_int_equal(
        store_time_off_list(store, 0, 0, moment("2100-01-01 00:00"), &time_off, &count, &err), 0);
    assert_int_equal(count, 0);
    free(time_off);
    assert_int_equal(store_client_search(store, "", 10, &clients, &count, &err), 0);
    assert_int_equal(count, 0);
    free(clients);
    assert_int_equal(store_request_list(store, true, REQUEST_PENDING, &requests, &count, &err), 0);
    assert_int_equal(count, 0);
    free(requests);
    assert_int_equal(store_waitlist_list(store, true, &waitlist, &count, &err), 0);
    assert_int_equal(count, 0);
    free(waitlist);
    assert_int_equal(store_message_list(store, true, &messages, &count, &err), 0);
    assert_int_equal(count, 0);
    free(messages);
    assert_int_equal(store_audit_list(store, 10, &audit, &count, &err), 0);
    assert_int_equal(count, 0);
    free(audit);
    struct fd_counts counts;
    assert_int_equal(store_counts(store, moment("2026-12-07 09:00"), &counts, &err), 0);
    assert_int_equal(counts.pending + counts.overdue + counts.unsent, 0);
    store_close(store);
}

static void test_reopening_changes_nothing(void **state)
{
    struct desk *desk = *state;
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    store_close(desk->store);
    desk->store = NULL;

    /* Opened again (the other desk, the next morning): no migration runs
     * twice, and everything is still there. */
    desk->store = fixture_store_open(desk->path, false);
    assert_int_equal(store_schema_version(desk->store), SCHEMA_VERSION);
    struct fd_therapist prim;
    struct fd_error err = {0};
    assert_int_equal(store_therapist_find(desk->store, "prim", &prim, &err), 0);
    assert_int_equal(prim.id, desk->prim);
    assert_int_equal(count_appointments(desk, true), 1);
    /* And the triggers still guard it. */
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 2, desk->client, "2026-12-07 10:30", 60),
        "therapist");
}

static void test_a_database_from_a_newer_frontdesk_is_refused(void **state)
{
    struct desk *desk = *state;
    store_close(desk->store);
    desk->store = NULL;
    char sql[96];
    if (fixture_engine_is_pg()) {
        PGconn *db = PQconnectdb(desk->path);
        snprintf(sql, sizeof sql, "UPDATE frontdesk_mark SET schema_version = %d",
                 SCHEMA_VERSION + 1);
        PGresult *result = PQexec(db, sql);
        assert_int_equal(PQresultStatus(result), PGRES_COMMAND_OK);
        PQclear(result);
        PQfinish(db);
    } else {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(desk->path, &db), SQLITE_OK);
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION + 1);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }

    for (int read_only = 0; read_only <= 1; read_only++) {
        struct fd_store *store = NULL;
        struct fd_error err = {0};
        assert_int_equal(store_open(desk->path, opening(read_only), &store, &err), -FD_ERR_DATA);
        assert_null(store);
        assert_int_equal(err.code, FD_ERR_DATA);
        assert_non_null(strstr(err.message, "newer"));
    }
}

static void test_a_file_that_is_not_a_database_is_refused(void **state)
{
    struct desk *desk = *state;
    fixture_sqlite_only("a file that is not an SQLite database");
    /* `--db notes.txt` by mistake: refused, and the notes are untouched. */
    char path[128];
    snprintf(path, sizeof path, "%s/notes.txt", desk->dir);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    for (int i = 0; i < 100; i++)
        fprintf(file, "%d. ring Mrs Jones back about Thursday's appointment\n", i);
    fclose(file);
    struct stat before;
    assert_int_equal(stat(path, &before), 0);

    for (int read_only = 0; read_only <= 1; read_only++) {
        struct fd_store *store = NULL;
        struct fd_error err = {0};
        int rc = store_open(path, opening(read_only), &store, &err);
        if (rc != -FD_ERR_DATA)
            fail_msg("read_only=%d: expected -FD_ERR_DATA, got %d: %s", read_only, rc, err.message);
        assert_null(store);
        assert_non_null(strstr(err.message, path));
    }
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
}

/* The open screen's change token: it stays put for the desk's own changes
 * and moves once another desk commits one (SQLite's data_version, or a
 * notification on PostgreSQL, which may take a moment to arrive). */
static bool token_moves(struct fd_store *store, int64_t from)
{
    for (int i = 0; i < 200; i++) {
        if (store_change_token(store) != from)
            return true;
        usleep(10000);
    }
    return false;
}

static void test_another_desks_change_moves_the_token(void **state)
{
    struct desk *desk = *state;
    struct fd_store *other = fixture_store_open(desk->path, false);
    struct fd_error err = {0};
    int64_t token = store_change_token(desk->store);

    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    usleep(100000);
    assert_int_equal(store_change_token(desk->store), token);

    /* A change on its own (no transaction)… */
    struct fd_therapist lee = {.active = true};
    snprintf(lee.handle, sizeof lee.handle, "lee");
    snprintf(lee.name, sizeof lee.name, "Lee Park");
    assert_int_equal(store_therapist_insert(other, &lee, &err), 0);
    assert_true(token_moves(desk->store, token));
    token = store_change_token(desk->store);

    /* … and a transaction, once it commits. */
    assert_int_equal(store_begin(other, NULL, NULL, &err), 0);
    assert_int_equal(store_audit(other, 0, "other desk", "a change", "test", 0, &err), 0);
    usleep(100000);
    assert_int_equal(store_change_token(desk->store), token);
    assert_int_equal(store_commit(other, &err), 0);
    assert_true(token_moves(desk->store, token));
    store_close(other);
}

/* The schema keeps the table of moves itself: whatever code tries a move
 * the table does not have (a completed treatment booked again), the
 * database refuses it, in the same words on both engines (SQLite's
 * trigger, PostgreSQL's plpgsql trigger), and the desk can go on. */
static void test_a_move_the_table_does_not_allow_is_refused(void **state)
{
    struct desk *desk = *state;
    int64_t id = book_or_fail(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    struct fd_error err = {0};
    assert_int_equal(store_begin(desk->store, NULL, NULL, &err), 0);
    struct appointment_outcome completed = {.status = APPOINTMENT_COMPLETED, .at = 1};
    struct appointment_outcome booked = {.status = APPOINTMENT_BOOKED, .at = 2};
    assert_int_equal(store_appointment_set_outcome(desk->store, id, &completed, &err), 0);
    assert_int_equal(store_appointment_set_outcome(desk->store, id, &booked, &err), -FD_ERR_RULE);
    assert_string_equal(err.message, "the database refused that change of state");
    /* The refused statement alone is undone: the transaction goes on. */
    assert_int_equal(store_commit(desk->store, &err), 0);
    struct fd_appointment a;
    assert_int_equal(store_appointment_get(desk->store, id, &a, &err), 0);
    assert_int_equal(a.status, APPOINTMENT_COMPLETED);
}

/* A server restarted under an open screen: the next read finds the
 * connection gone, makes it again and answers; the change token moves, so
 * the screen reloads everything; a change goes through as before. */
static void test_a_lost_connection_is_made_again(void **state)
{
    struct desk *desk = *state;
    fixture_pg_only("a connection to a server (an SQLite file has none to lose)");
    int64_t token = store_change_token(desk->store);
    PGconn *admin = PQconnectdb(desk->path);
    PGresult *result = PQexec(admin, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                     " WHERE datname = current_database()"
                                     " AND pid <> pg_backend_pid()");
    assert_int_equal(PQresultStatus(result), PGRES_TUPLES_OK);
    assert_string_equal(PQgetvalue(result, 0, 0), "1");
    PQclear(result);
    PQfinish(admin);
    usleep(100000);

    struct fd_therapist prim;
    struct fd_error err = {0};
    if (store_therapist_find(desk->store, "prim", &prim, &err) != 0)
        fail_msg("the read after the loss failed: %s", err.message);
    assert_int_equal(prim.id, desk->prim);
    assert_true(store_change_token(desk->store) != token);
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(count_appointments(desk, false), 1);
}

/* An id is never given out twice: a rule deleted (as an undo deletes
 * what a change added) leaves its id behind, and the next rule takes the
 * one after it, so the audit log's lines about the old one stay its own.
 * A refused insert gives out nothing: ids run on without gaps. */
static void test_an_id_is_never_given_out_twice(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    struct rota_rule rule = {.therapist_id = desk->prim,
                             .clinic_id = desk->clinic,
                             .pattern = ROTA_WEEKLY,
                             .weekdays = 1u << 0,
                             .start = 9 * 60,
                             .end = 17 * 60,
                             .valid_from = FD_DAY_NONE,
                             .valid_until = FD_DAY_NONE,
                             .once_day = FD_DAY_NONE};
    assert_int_equal(store_rule_insert(desk->store, &rule, &err), 0);
    int64_t first = rule.id;
    assert_int_equal(store_rule_delete(desk->store, first, &err), 0);
    rule.id = 0;
    assert_int_equal(store_rule_insert(desk->store, &rule, &err), 0);
    assert_int_equal(rule.id, first + 1);

    struct rota_rule bad = rule; /* ends before it starts: the schema refuses it */
    bad.id = 0;
    bad.end = 8 * 60;
    assert_int_not_equal(store_rule_insert(desk->store, &bad, &err), 0);
    rule.id = 0;
    assert_int_equal(store_rule_insert(desk->store, &rule, &err), 0);
    assert_int_equal(rule.id, first + 2);
}

/* A database server's address as errors show it: never its password. */
static void test_a_server_address_is_shown_without_its_password(void **state)
{
    (void)state;
    char shown[256];
    store_target_label("postgresql://ann:s3cret@db.example:5433/clinic?sslmode=require", shown,
                       sizeof shown);
    assert_string_equal(shown, "postgresql://ann@db.example:5433/clinic?sslmode=require");
    store_target_label("postgres:///clinic?host=/run/pg&password=s3cret&user=ann", shown,
                       sizeof shown);
    assert_string_equal(shown, "postgres:///clinic?host=/run/pg&user=ann");
    store_target_label("postgresql://ann:p%40ss@host/clinic", shown, sizeof shown);
    assert_string_equal(shown, "postgresql://ann@host/clinic");
    store_target_label("/home/desk/clinic.db", shown, sizeof shown);
    assert_string_equal(shown, "/home/desk/clinic.db");
    assert_true(store_target_is_server("postgresql:///clinic"));
    assert_true(store_target_is_server("postgres://db/clinic"));
    assert_false(store_target_is_server("postgresql.db"));
}

static void test_a_read_only_desk_changes_nothing(void **state)
{
    struct desk *desk = *state;
    /* `frontdesk --therapist prim` opens the same database read-only. */
    struct fd_store *viewer = fixture_store_open(desk->path, true);
    struct fd_error err = {0};

    struct fd_therapist prim;
    assert_int_equal(store_therapist_find(viewer, "prim", &prim, &err), 0);
    assert_int_equal(store_begin(viewer, NULL, NULL, &err), -FD_ERR_RULE);
    assert_int_equal(err.code, FD_ERR_RULE);
    assert_non_null(strstr(err.message, "read-only"));

    struct fd_therapist newcomer = {.handle = "zoe", .name = "Zoe", .active = true};
    assert_int_equal(store_therapist_insert(viewer, &newcomer, &err), -FD_ERR_RULE);
    struct fd_appointment a =
        appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60);
    assert_int_equal(store_appointment_insert(viewer, &a, &err), -FD_ERR_RULE);
    assert_non_null(strstr(err.message, "read-only"));
    store_close(viewer);
    assert_int_equal(store_therapist_find(desk->store, "zoe", &newcomer, &err), -FD_ERR_DATA);
    assert_int_equal(count_appointments(desk, true), 0);

    /* A read-only open never creates the file it was asked for. */
    char missing[128];
    snprintf(missing, sizeof missing, "%s/typo.db", desk->dir);
    struct fd_store *store = NULL;
    assert_int_equal(store_open(missing, opening(true), &store, &err), -FD_ERR_NOINPUT);
    assert_int_equal(err.code, FD_ERR_NOINPUT);
    assert_null(store);
    assert_int_equal(access(missing, F_OK), -1);
}

/* ---- no double booking ------------------------------------------------ */

static void test_a_therapist_cannot_be_in_two_places_at_once(void **state)
{
    struct desk *desk = *state;
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    /* Another room, another clinic, even: prim is still busy. */
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 2, desk->client, "2026-12-07 10:30", 60),
        "therapist");
    expect_slot_taken(
        desk,
        appointment(desk->prim, desk->low_cost_clinic, 1, desk->client, "2026-12-07 09:30", 45),
        "therapist");
    /* One that starts earlier and ends later covers it as well. */
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 3, desk->client, "2026-12-07 09:00", 180),
        "therapist");
    /* Exactly the same slot. */
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60),
        "therapist");
    /* Anna, in another room, at the same time, is fine. */
    book_or_fail(desk,
                 appointment(desk->anna, desk->clinic, 2, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(count_appointments(desk, true), 2);
}

static void test_a_room_cannot_hold_two_treatments_at_once(void **state)
{
    struct desk *desk = *state;
    book_or_fail(desk, appointment(desk->prim, desk->low_cost_clinic, 1, desk->client,
                                   "2026-12-07 08:30", 45));
    /* The Low Cost Clinic has one room: anna cannot use it meanwhile. */
    expect_slot_taken(
        desk,
        appointment(desk->anna, desk->low_cost_clinic, 1, desk->client, "2026-12-07 09:00", 45),
        "room");
    /* The same room number at the other clinic is another room. */
    book_or_fail(desk,
                 appointment(desk->anna, desk->clinic, 1, desk->client, "2026-12-07 09:00", 45));
    assert_int_equal(count_appointments(desk, true), 2);
}

static void test_the_buffer_ends_where_the_next_booking_may_start(void **state)
{
    struct desk *desk = *state;
    /* 10:00–11:00 plus a 15-minute buffer: busy until 11:15. */
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 2, desk->client, "2026-12-07 11:14", 30),
        "therapist");
    expect_slot_taken(
        desk, appointment(desk->anna, desk->clinic, 1, desk->client, "2026-12-07 11:00", 30),
        "room");
    /* Touching is not overlapping: the same therapist and room at 11:15. */
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 11:15", 30));
    /* And one that ends, buffer included, exactly at 10:00. */
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 08:45", 60));
    /* The new booking's own buffer counts too: 07:45–08:45 would leave no
     * time to turn the room round before the 08:45. */
    expect_slot_taken(
        desk, appointment(desk->prim, desk->clinic, 2, desk->client, "2026-12-07 07:45", 60),
        "therapist");
    expect_slot_taken(
        desk, appointment(desk->anna, desk->clinic, 1, desk->client, "2026-12-07 07:45", 60),
        "room");
    assert_int_equal(count_appointments(desk, true), 3);
}

static int set_status(struct desk *desk, int64_t id, enum appointment_status status,
                      struct fd_error *err)
{
    struct appointment_outcome outcome = {.status = status, .at = 1};
    return store_appointment_set_outcome(desk->store, id, &outcome, err);
}

static void test_a_cancelled_booking_frees_its_slot(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    int64_t first = book_or_fail(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(set_status(desk, first, APPOINTMENT_CANCELLED, &err), 0);
    int64_t second = book_or_fail(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    assert_true(second != first);

    /* A cancelled appointment never comes back: the table of moves has no
     * way out of cancelled, and the schema refuses it too. */
    assert_int_equal(set_status(desk, first, APPOINTMENT_BOOKED, &err), -FD_ERR_RULE);
    struct fd_appointment stored;
    assert_int_equal(store_appointment_get(desk->store, first, &stored, &err), 0);
    assert_int_equal(stored.status, APPOINTMENT_CANCELLED);

    /* Moving another booking onto the taken time is refused by the overlap
     * guard, and it stays where it was. */
    int64_t third = book_or_fail(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-07 12:00", 60));
    assert_int_equal(store_appointment_get(desk->store, third, &stored, &err), 0);
    stored.start = moment("2026-12-07 10:30");
    stored.end = stored.start + 60;
    assert_int_equal(store_appointment_move(desk->store, &stored, &err), -FD_ERR_RULE);
    assert_non_null(strstr(err.message, "just taken"));
    assert_true(store_slot_was_taken(desk->store));
    assert_int_equal(store_appointment_get(desk->store, third, &stored, &err), 0);
    assert_int_equal(stored.start, moment("2026-12-07 12:00"));

    /* A booking may be marked completed in its own slot. */
    assert_int_equal(set_status(desk, second, APPOINTMENT_COMPLETED, &err), 0);
    assert_int_equal(count_appointments(desk, false), 2);
    assert_int_equal(count_appointments(desk, true), 3);
}

static void test_a_room_the_clinic_does_not_have_is_refused(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    static const struct {
        int clinic_is_low_cost;
        int room;
    } NO_SUCH_ROOM[] = {{0, 4}, {1, 2}, {0, 0}, {0, -1}};
    for (size_t i = 0; i < sizeof NO_SUCH_ROOM / sizeof NO_SUCH_ROOM[0]; i++) {
        int64_t clinic = NO_SUCH_ROOM[i].clinic_is_low_cost ? desk->low_cost_clinic : desk->clinic;
        struct fd_appointment a = appointment(desk->prim, clinic, NO_SUCH_ROOM[i].room,
                                              desk->client, "2026-12-07 10:00", 60);
        int rc = store_appointment_insert(desk->store, &a, &err);
        if (rc != -FD_ERR_RULE || !strstr(err.message, "room"))
            fail_msg("room %d: expected a refusal, got %d: %s", NO_SUCH_ROOM[i].room, rc,
                     err.message);
    }
    book_or_fail(desk,
                 appointment(desk->prim, desk->clinic, 3, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(count_appointments(desk, true), 1);
}

/* ---- transactions ----------------------------------------------------- */

static void test_a_rolled_back_change_leaves_nothing(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    assert_int_equal(store_begin(desk->store, NULL, NULL, &err), 0);
    int64_t zoe = fixture_therapist_add(desk->store, "zoe", "Zoe Chen");
    book_or_fail(desk, appointment(zoe, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(count_appointments(desk, true), 1);
    store_rollback(desk->store);

    struct fd_therapist found;
    assert_int_equal(store_therapist_find(desk->store, "zoe", &found, &err), -FD_ERR_DATA);
    assert_int_equal(count_appointments(desk, true), 0);
    /* Rolling back with nothing under way is harmless. */
    store_rollback(desk->store);

    /* The same change committed stays. */
    assert_int_equal(store_begin(desk->store, NULL, NULL, &err), 0);
    zoe = fixture_therapist_add(desk->store, "zoe", "Zoe Chen");
    book_or_fail(desk, appointment(zoe, desk->clinic, 1, desk->client, "2026-12-07 10:00", 60));
    assert_int_equal(store_commit(desk->store, &err), 0);
    assert_int_equal(store_therapist_find(desk->store, "zoe", &found, &err), 0);
    assert_int_equal(found.id, zoe);
    assert_int_equal(count_appointments(desk, true), 1);
}

/* ---- clinics, clients, requests --------------------------------------- */

static void test_clinics_follow_the_config(void **state)
{
    struct desk *desk = *state;
    assert_true(desk->clinic > 0);
    assert_true(desk->low_cost_clinic > 0);
    assert_true(desk->clinic != desk->low_cost_clinic);
    assert_ptr_equal(config_clinic_by_id(&desk->config, desk->low_cost_clinic),
                     config_find_clinic(&desk->config, "Low Cost Clinic"));
    struct fd_error err = {0};
    struct fd_appointment fifth_room =
        appointment(desk->prim, desk->clinic, 5, desk->client, "2026-12-07 10:00", 60);
    assert_int_equal(store_appointment_insert(desk->store, &fifth_room, &err), -FD_ERR_RULE);

    /* The owner adds two rooms and an annex, then a desk starts again. */
    struct fd_config bigger;
    fixture_config_load("holidays = \"\"\n"
                        "clinic \"Annex\"           { rooms = 2 }\n"
                        "clinic \"Clinic\"          { rooms = 5 }\n"
                        "clinic \"Low Cost Clinic\" { rooms = 1 }\n",
                        &bigger);
    assert_int_equal(store_sync_clinics(desk->store, &bigger, &err), 0);
    assert_int_equal(config_find_clinic(&bigger, "Clinic")->id, desk->clinic);
    assert_int_equal(config_find_clinic(&bigger, "Low Cost Clinic")->id, desk->low_cost_clinic);
    int64_t annex = config_find_clinic(&bigger, "Annex")->id;
    assert_true(annex > 0 && annex != desk->clinic && annex != desk->low_cost_clinic);
    book_or_fail(desk, fifth_room);
    book_or_fail(desk, appointment(desk->anna, annex, 2, desk->client, "2026-12-07 10:00", 60));

    /* Syncing again changes nothing; a read-only desk only learns ids. */
    assert_int_equal(store_sync_clinics(desk->store, &bigger, &err), 0);
    assert_int_equal(config_find_clinic(&bigger, "Annex")->id, annex);
    struct fd_config unknown;
    fixture_config_load("holidays = \"\"\n"
                        "clinic \"Annex\" { rooms = 2 }\n"
                        "clinic \"Pop-up\" { rooms = 1 }\n",
                        &unknown);
    struct fd_store *viewer = fixture_store_open(desk->path, true);
    assert_int_equal(store_sync_clinics(viewer, &unknown, &err), 0);
    assert_int_equal(config_find_clinic(&unknown, "Annex")->id, annex);
    assert_int_equal(config_find_clinic(&unknown, "Pop-up")->id, 0);
    store_close(viewer);
    config_free(&unknown);
    config_free(&bigger);
}

static void test_a_client_is_the_same_email_and_name(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    int64_t ann = 0, again = 0, by_phone = 0, sister = 0, other = 0, phone_only = 0;
    assert_int_equal(
        store_client_find_or_create(desk->store, "Ann Lee", "ann@example.org", "", &ann, &err), 0);
    assert_true(ann > 0 && ann != desk->client);

    /* The same email and name typed differently is the same client; the
     * phone she gives this time is kept. */
    assert_int_equal(store_client_find_or_create(desk->store, "  ann   LEE ", "ANN@Example.ORG",
                                                 "07700 900123", &again, &err),
                     0);
    assert_int_equal(again, ann);
    struct fd_client client;
    assert_int_equal(store_client_get(desk->store, ann, &client, &err), 0);
    assert_string_equal(client.email, "ann@example.org");
    assert_string_equal(client.name, "Ann Lee");
    assert_string_equal(client.phone, "07700 900123");

    /* A phone number never identifies anyone on its own: a new email with
     * Ann's phone is someone new. */
    assert_int_equal(store_client_find_or_create(desk->store, "Bob Lee", "bob@example.org",
                                                 "07700 900123", &by_phone, &err),
                     0);
    assert_true(by_phone != ann);

    /* A family shares an address: same email, another name, another person. */
    assert_int_equal(
        store_client_find_or_create(desk->store, "Cara Lee", "ann@example.org", "", &sister, &err),
        0);
    assert_true(sister != ann && sister != by_phone);
    struct fd_client *at = NULL;
    size_t at_count = 0;
    assert_int_equal(store_clients_at_email(desk->store, "ANN@example.org", &at, &at_count, &err),
                     0);
    assert_int_equal(at_count, 2);
    free(at);

    /* With no email, the phone and the name together identify. */
    int64_t again_by_phone = 0;
    assert_int_equal(
        store_client_find_or_create(desk->store, "Dee Walk", "", "07700 900555", &phone_only, &err),
        0);
    assert_int_equal(store_client_find_or_create(desk->store, "dee walk", NULL, "07700900555",
                                                 &again_by_phone, &err),
                     0);
    assert_int_equal(again_by_phone, phone_only);

    /* Someone else entirely is a new client. */
    assert_int_equal(store_client_find_or_create(desk->store, "Carl Obi", "carl@example.org",
                                                 "07700 900999", &other, &err),
                     0);
    assert_true(other != ann && other != desk->client);
    struct fd_client *found;
    size_t count;
    assert_int_equal(store_client_search(desk->store, "ann lee", 10, &found, &count, &err), 0);
    assert_int_equal(count, 1);
    assert_int_equal(found[0].id, ann);
    free(found);
    /* Digits typed without spaces find a number stored with them. */
    assert_int_equal(store_client_search(desk->store, "07700900999", 10, &found, &count, &err), 0);
    assert_int_equal(count, 1);
    assert_int_equal(found[0].id, other);
    free(found);
}

static struct fd_request web_request(const char *name, const char *email, const char *received,
                                     const char *due, const char *import_key)
{
    struct fd_request r = {.received = moment(received), .due = moment(due)};
    snprintf(r.name, sizeof r.name, "%s", name);
    snprintf(r.email, sizeof r.email, "%s", email);
    snprintf(r.service, sizeof r.service, "Sports massage 60");
    snprintf(r.prefer, sizeof r.prefer, "mon am");
    snprintf(r.source, sizeof r.source, "web");
    if (import_key)
        snprintf(r.import_key, sizeof r.import_key, "%s", import_key);
    return r;
}

static void test_an_imported_request_is_added_once(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    bool inserted = false;
    struct fd_request first = web_request("Ann Lee", "ann@example.org", "2026-12-03 09:00",
                                          "2026-12-07 18:00", "requests.csv:2:9f3a");
    assert_int_equal(store_request_insert(desk->store, &first, &inserted, &err), 0);
    assert_true(inserted);
    assert_true(first.id > 0);

    /* `import requests` of the same file again. */
    struct fd_request again = web_request("Ann Lee", "ann@example.org", "2026-12-03 09:00",
                                          "2026-12-07 18:00", "requests.csv:2:9f3a");
    assert_int_equal(store_request_insert(desk->store, &again, &inserted, &err), 0);
    assert_false(inserted);
    /* Requests typed at the desk have no key, and two are two. */
    struct fd_request typed =
        web_request("Bob Smith", "bob@example.org", "2026-12-03 10:00", "2026-12-07 18:00", NULL);
    assert_int_equal(store_request_insert(desk->store, &typed, NULL, &err), 0);
    typed.id = 0;
    assert_int_equal(store_request_insert(desk->store, &typed, &inserted, &err), 0);
    assert_true(inserted);

    struct fd_request *list;
    size_t count;
    assert_int_equal(store_request_list(desk->store, true, REQUEST_PENDING, &list, &count, &err),
                     0);
    assert_int_equal(count, 3);
    assert_string_equal(list[0].import_key, "requests.csv:2:9f3a");
    assert_int_equal(list[0].status, REQUEST_PENDING);
    free(list);
}

static void test_the_header_counts(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    fd_time now = moment("2026-12-07 12:00");

    /* Pending: one overdue, one due exactly now (not yet overdue), one due
     * later; a declined one does not count. */
    struct fd_request overdue =
        web_request("A", "a@example.org", "2026-12-01 09:00", "2026-12-03 18:00", NULL);
    struct fd_request due_now =
        web_request("B", "b@example.org", "2026-12-03 09:00", "2026-12-07 12:00", NULL);
    struct fd_request later =
        web_request("C", "c@example.org", "2026-12-07 09:00", "2026-12-09 18:00", NULL);
    struct fd_request declined =
        web_request("D", "d@example.org", "2026-12-01 09:00", "2026-12-03 18:00", NULL);
    assert_int_equal(store_request_insert(desk->store, &overdue, NULL, &err), 0);
    assert_int_equal(store_request_insert(desk->store, &due_now, NULL, &err), 0);
    assert_int_equal(store_request_insert(desk->store, &later, NULL, &err), 0);
    assert_int_equal(store_request_insert(desk->store, &declined, NULL, &err), 0);
    assert_int_equal(
        store_request_set_status(desk->store, declined.id, REQUEST_DECLINED, "full", now, 0, &err),
        0);

    /* Unsent: the messages still to go, queued or failed; a sent one and a
     * voided one do not count. */
    int64_t booked = book_or_fail(
        desk, appointment(desk->prim, desk->clinic, 1, desk->client, "2026-12-08 10:00", 60));
    int64_t ids[4];
    for (int i = 0; i < 4; i++) {
        struct fd_outbox_message m = {.kind = MESSAGE_KIND_CONFIRMATION,
                                      .client_id = desk->client,
                                      .appointment_id = booked,
                                      .due = now,
                                      .created = now};
        assert_int_equal(store_outbox_insert(desk->store, &m, &err), 0);
        ids[i] = m.id;
    }
    for (int i = 1; i <= 2; i++)
        assert_int_equal(store_outbox_claim(desk->store, ids[i], now, CONTACT_EMAIL,
                                            "a@example.org", NULL, &err),
                         0);
    assert_int_equal(store_outbox_finish(desk->store, ids[1], false, now, "sendmail 75", &err), 0);
    assert_int_equal(store_outbox_finish(desk->store, ids[2], true, now, NULL, &err), 0);
    assert_int_equal(store_outbox_set_state(desk->store, ids[3], OUTBOX_VOID, now, &err), 0);

    struct fd_counts counts;
    assert_int_equal(store_counts(desk->store, now, &counts, &err), 0);
    assert_int_equal(counts.pending, 3);
    assert_int_equal(counts.overdue, 1);
    assert_int_equal(counts.unsent, 2);

    /* A minute later the one due now is overdue too. */
    assert_int_equal(store_counts(desk->store, now + 1, &counts, &err), 0);
    assert_int_equal(counts.overdue, 2);
}

/* Moving a site in copies each table or leaves it on purpose: a table a
 * later migration adds must be named in store/copy.c, or a site's rows in
 * it would be left behind without anyone deciding so. */
static void test_every_table_is_copied_or_left_on_purpose(void **state)
{
    struct desk *desk = *state;
    /* The tables a site's own database has: always an SQLite file. */
    fixture_sqlite_only("a site's own database, the one copied, is an SQLite file");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(desk->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *tables = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                                        " AND name NOT LIKE 'sqlite_%'",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    int seen = 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        if (!store_copy_knows_table(name))
            fail_msg("the table %s is neither copied nor left by store/copy.c", name);
        seen++;
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    assert_true(seen > STORE_COPY_TABLE_COUNT);
    assert_false(store_copy_knows_table("no_such_table"));
}

int main(void)
{
#define DESK_TEST(name) cmocka_unit_test_setup_teardown(name, setup_desk, teardown_desk)
    const struct CMUnitTest tests[] = {
        DESK_TEST(test_a_new_database_is_private_and_migrated),
        DESK_TEST(test_reopening_changes_nothing),
        DESK_TEST(test_a_database_from_a_newer_frontdesk_is_refused),
        DESK_TEST(test_a_file_that_is_not_a_database_is_refused),
        DESK_TEST(test_a_read_only_desk_changes_nothing),
        DESK_TEST(test_another_desks_change_moves_the_token),
        DESK_TEST(test_a_move_the_table_does_not_allow_is_refused),
        DESK_TEST(test_a_lost_connection_is_made_again),
        DESK_TEST(test_an_id_is_never_given_out_twice),
        cmocka_unit_test(test_a_server_address_is_shown_without_its_password),
        DESK_TEST(test_a_therapist_cannot_be_in_two_places_at_once),
        DESK_TEST(test_a_room_cannot_hold_two_treatments_at_once),
        DESK_TEST(test_the_buffer_ends_where_the_next_booking_may_start),
        DESK_TEST(test_a_cancelled_booking_frees_its_slot),
        DESK_TEST(test_a_room_the_clinic_does_not_have_is_refused),
        DESK_TEST(test_a_rolled_back_change_leaves_nothing),
        DESK_TEST(test_clinics_follow_the_config),
        DESK_TEST(test_a_client_is_the_same_email_and_name),
        DESK_TEST(test_an_imported_request_is_added_once),
        DESK_TEST(test_the_header_counts),
        DESK_TEST(test_every_table_is_copied_or_left_on_purpose),
    };
#undef DESK_TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
