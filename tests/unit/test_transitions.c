/*
 * The one table of allowed moves (state.h) and the schema's copy of it.
 * For each machine (appointment, confirmation, request, waitlist entry,
 * message in the outbox) and every pair of two different states, a record is put
 * in the first state and an UPDATE to the second is tried straight through
 * the database layer, as any code below the operations could: the
 * database lets exactly the moves of state.c's table through and refuses
 * the others, leaving the record as it was.  The copy of the table the
 * database keeps is state.c's table, no more and no less; and a refusal by
 * state_check() names the record's current state.
 *
 * An UPDATE that leaves a state as it is changes nothing, so the pairs of
 * a state with itself are not moves the schema is asked about.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/config.h>
#include <frontdesk/state.h>
#include <frontdesk/store.h>

#include "helpers.h"

#include "../../src/store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLINICS                                                                                    \
    "holidays = \"\"\n"                                                                            \
    "clinic \"Clinic\" { rooms = 3 }\n"                                                            \
    "service \"Sports massage 60\" { minutes = 60 price = \"55.00\" buffer = 15"                   \
    " clinics = {\"Clinic\"} }\n"

/* How each machine's records are made and moved in SQL: the table's
 * name for the machine in state_move, a record inserted with id ?1 in
 * state ?2, the update to state ?2 of record ?1, and its state read back. */
struct machine_sql {
    const char *name;
    const char *insert;
    const char *update;
    const char *select;
};

/* Appointments lie a day apart (start ?1 days after 2026-12-01), so that
 * no overlap ever stands in for a refused move. */
#define APPOINTMENT_ROW                                                                            \
    "INSERT INTO appointment(id, therapist_id, clinic_id, room, client_id, service, minutes,"      \
    " price_pence, buffer, start, \"end\", busy_until, created, status, confirmation)"             \
    " VALUES (?1, 1, (SELECT id FROM clinic WHERE name = 'Clinic'), 1, 1, 'Sports massage 60',"    \
    " 60, 5500, 15, 29934720 + ?1 * 1440 + 600, 29934720 + ?1 * 1440 + 660,"                       \
    " 29934720 + ?1 * 1440 + 675, 29925240, "

static const struct machine_sql MACHINE_SQL[MACHINE_COUNT] = {
    [MACHINE_APPOINTMENT] = {"appointment", APPOINTMENT_ROW "?2, 'unsent')",
                             "UPDATE appointment SET status = ?2 WHERE id = ?1",
                             "SELECT status FROM appointment WHERE id = ?1"},
    [MACHINE_CONFIRMATION] = {"confirmation", APPOINTMENT_ROW "'booked', ?2)",
                              "UPDATE appointment SET confirmation = ?2 WHERE id = ?1",
                              "SELECT confirmation FROM appointment WHERE id = ?1"},
    [MACHINE_REQUEST] = {"request",
                         "INSERT INTO request(id, client_id, name, email, service, received, due,"
                         " source, status) VALUES (?1, 1, 'Ann Lee', 'ann@example.com',"
                         " 'Sports massage 60', 29925000, 29928000, 'web', ?2)",
                         "UPDATE request SET status = ?2 WHERE id = ?1",
                         "SELECT status FROM request WHERE id = ?1"},
    [MACHINE_WAITLIST] = {"waitlist",
                          "INSERT INTO waitlist(id, client_id, service, added, status)"
                          " VALUES (?1, 1, 'Sports massage 60', 29925000, ?2)",
                          "UPDATE waitlist SET status = ?2 WHERE id = ?1",
                          "SELECT status FROM waitlist WHERE id = ?1"},
    [MACHINE_OUTBOX] = {"outbox",
                        "INSERT INTO outbox(id, kind, client_id, state, due, created)"
                        " VALUES (?1, 'confirmation', 1, ?2, 29925000, 29925000)",
                        "UPDATE outbox SET state = ?2 WHERE id = ?1",
                        "SELECT state FROM outbox WHERE id = ?1"},
};

struct desk {
    char dir[FIXTURE_FOLDER_SIZE];
    char path[FIXTURE_PATH_SIZE];
    struct fd_store *store;
    struct fd_config config;
    struct db *db; /* a second connection, below the store */
    int64_t next_id;
};

/* Every machine of state.h must have its SQL here: a new one fails the
 * test until it is added, rather than going untested. */
static void expect_every_machine_known(void)
{
    for (int m = 0; m < MACHINE_COUNT; m++)
        if (!MACHINE_SQL[m].name)
            fail_msg("state machine %d (%s) has no SQL in this test: add it to MACHINE_SQL", m,
                     state_record((enum state_machine)m));
}

static int setup_desk(void **state)
{
    struct desk *desk = calloc(1, sizeof *desk);
    assert_non_null(desk);
    desk->store =
        fixture_store_create("transitions", CLINICS, &desk->config, desk->dir, desk->path);
    fixture_therapist_add(desk->store, "jose", "José Núñez");
    struct fd_error err = {0};
    int64_t client = 0;
    if (store_client_find_or_create(desk->store, "Ann Lee", "ann@example.com", "", &client, &err) !=
        0)
        fail_msg("adding the client failed: %s", err.message);
    assert_int_equal(client, 1);
    struct db_open_options options = {.read_only = false, .create = false};
    if (db_open(desk->path, &options, &desk->db, &err) != 0)
        fail_msg("opening the database below the store failed: %s", err.message);
    desk->next_id = 1;
    *state = desk;
    expect_every_machine_known();
    return 0;
}

static int teardown_desk(void **state)
{
    struct desk *desk = *state;
    db_close(desk->db);
    fixture_store_destroy(desk->store, &desk->config, desk->dir);
    free(desk);
    return 0;
}

/* Runs sql with ?1 = id and ?2 = text; 0 or the negative error, err filled. */
static int run_sql(struct desk *desk, const char *sql, int64_t id, const char *text,
                   struct fd_error *err)
{
    struct db_statement *statement = NULL;
    int rc = db_prepare(desk->db, sql, &statement, err);
    if (rc < 0)
        return rc;
    db_bind_int64(statement, 1, id);
    if (text)
        db_bind_text(statement, 2, text, false);
    rc = db_step(statement, err, "testing a move");
    db_finalize(statement);
    return rc < 0 ? rc : 0;
}

/* The text the one-column query sql gives for id, copied into out. */
static void read_text(struct desk *desk, const char *sql, int64_t id, char *out, size_t size)
{
    struct fd_error err = {0};
    struct db_statement *statement = NULL;
    if (db_prepare(desk->db, sql, &statement, &err) != 0)
        fail_msg("preparing %s: %s", sql, err.message);
    db_bind_int64(statement, 1, id);
    if (db_step(statement, &err, "reading back") != DB_ROW)
        fail_msg("no row for %lld in %s: %s", (long long)id, sql, err.message);
    const char *text = db_column_text(statement, 0);
    snprintf(out, size, "%s", text ? text : "(null)");
    db_finalize(statement);
}

/* For every pair of different states of the machine: a fresh record in
 * the first, an update to the second, allowed exactly when state.c says. */
static void check_every_pair(struct desk *desk, enum state_machine machine)
{
    const struct machine_sql *sql = &MACHINE_SQL[machine];
    int count = state_count(machine);
    assert_true(count >= 3);
    int allowed_seen = 0, refused_seen = 0;
    for (int from = 0; from < count; from++) {
        for (int to = 0; to < count; to++) {
            if (from == to)
                continue;
            const char *from_name = state_name(machine, from);
            const char *to_name = state_name(machine, to);
            int64_t id = desk->next_id++;
            struct fd_error err = {0};
            if (run_sql(desk, sql->insert, id, from_name, &err) != 0)
                fail_msg("%s: cannot make a record in state %s: %s", sql->name, from_name,
                         err.message);
            err = (struct fd_error){0};
            int rc = run_sql(desk, sql->update, id, to_name, &err);
            char now[32];
            read_text(desk, sql->select, id, now, sizeof now);
            if (state_allows(machine, from, to)) {
                if (rc != 0)
                    fail_msg("%s %s -> %s is in the table but the database refused it: %s",
                             sql->name, from_name, to_name, err.message);
                assert_string_equal(now, to_name);
                allowed_seen++;
            } else {
                if (rc == 0)
                    fail_msg("%s %s -> %s is not in the table but the database allowed it",
                             sql->name, from_name, to_name);
                assert_int_equal(rc, -FD_ERR_RULE);
                if (!strstr(err.message, "refused that change of state"))
                    fail_msg("%s %s -> %s was refused for another reason: %s", sql->name, from_name,
                             to_name, err.message);
                if (strcmp(now, from_name) != 0)
                    fail_msg("%s %s -> %s was refused but left the record %s", sql->name, from_name,
                             to_name, now);
                refused_seen++;
            }
        }
    }
    /* Both kinds were tried: a machine with nothing refused, or nothing
     * allowed, would mean the loop tested nothing worth testing. */
    assert_true(allowed_seen > 0);
    assert_true(refused_seen > 0);
}

static void test_appointment_moves_in_the_database(void **state)
{
    check_every_pair(*state, MACHINE_APPOINTMENT);
}

static void test_confirmation_moves_in_the_database(void **state)
{
    check_every_pair(*state, MACHINE_CONFIRMATION);
}

static void test_request_moves_in_the_database(void **state)
{
    check_every_pair(*state, MACHINE_REQUEST);
}

static void test_waitlist_moves_in_the_database(void **state)
{
    check_every_pair(*state, MACHINE_WAITLIST);
}

static void test_outbox_moves_in_the_database(void **state)
{
    check_every_pair(*state, MACHINE_OUTBOX);
}

/* The exact list of allowed appointment moves, written out here once more:
 * a change to state.c's table must be made on purpose, here too. */
static void test_the_appointment_table_is_the_one_drawn(void **state)
{
    (void)state;
    static const char *const EXPECTED[] = {"booked>arrived", "booked>completed", "booked>cancelled",
                                           "booked>no-show", "arrived>completed"};
    size_t n = sizeof EXPECTED / sizeof EXPECTED[0];
    int count = state_count(MACHINE_APPOINTMENT);
    assert_int_equal(count, 5);
    size_t found = 0;
    for (int from = 0; from < count; from++)
        for (int to = 0; to < count; to++) {
            if (!state_allows(MACHINE_APPOINTMENT, from, to))
                continue;
            char pair[64];
            snprintf(pair, sizeof pair, "%s>%s", state_name(MACHINE_APPOINTMENT, from),
                     state_name(MACHINE_APPOINTMENT, to));
            bool listed = false;
            for (size_t i = 0; i < n; i++)
                listed = listed || strcmp(pair, EXPECTED[i]) == 0;
            if (!listed)
                fail_msg("the table allows %s, which the drawing does not", pair);
            found++;
        }
    assert_int_equal(found, n);
}

/* The database's copy of the table: every move of state.c is in it, and
 * nothing else is. */
static void expect_the_same_table(struct desk *desk)
{
    struct fd_error err = {0};
    struct db_statement *statement = NULL;
    assert_int_equal(db_prepare(desk->db,
                                "SELECT machine, from_state, to_state FROM state_move"
                                " ORDER BY machine, from_state, to_state",
                                &statement, &err),
                     0);
    int rows = 0;
    while (db_step(statement, &err, "reading the table of moves") == DB_ROW) {
        const char *machine_name = db_column_text(statement, 0);
        const char *from_name = db_column_text(statement, 1);
        const char *to_name = db_column_text(statement, 2);
        int machine = -1;
        for (int m = 0; m < MACHINE_COUNT; m++)
            if (strcmp(MACHINE_SQL[m].name, machine_name) == 0)
                machine = m;
        if (machine < 0)
            fail_msg("the database has moves of an unknown machine \"%s\"", machine_name);
        int from = state_parse((enum state_machine)machine, from_name);
        int to = state_parse((enum state_machine)machine, to_name);
        if (from < 0 || to < 0 || !state_allows((enum state_machine)machine, from, to))
            fail_msg("the database allows %s %s -> %s, which state.c does not", machine_name,
                     from_name, to_name);
        rows++;
    }
    db_finalize(statement);
    int moves = 0;
    for (int m = 0; m < MACHINE_COUNT; m++) {
        int from, to;
        for (int i = 0; state_transition((enum state_machine)m, i, &from, &to); i++) {
            assert_true(state_allows((enum state_machine)m, from, to));
            moves++;
        }
    }
    /* Every row is a move of the table and the rows are distinct (the
     * primary key), so equal counts mean equal tables. */
    assert_int_equal(rows, moves);
}

static void test_the_database_keeps_the_same_table(void **state)
{
    expect_the_same_table(*state);
}

/* A database made by an earlier frontdesk holds that version's table; a
 * version whose table differs (a move added, one taken away) must not
 * leave the schema enforcing the old one.  Here the copy is made stale by
 * hand, and the database opened again. */
static void test_a_stale_copy_of_the_table_is_renewed_on_opening(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    assert_int_equal(
        db_exec(desk->db,
                "DELETE FROM state_move WHERE machine = 'appointment'"
                " AND from_state = 'arrived' AND to_state = 'completed';"
                "INSERT INTO state_move VALUES ('appointment', 'cancelled', 'booked');",
                &err, "making the table stale"),
        0);
    db_close(desk->db);
    store_close(desk->store);
    desk->store = fixture_store_open(desk->path, false);
    struct db_open_options options = {.read_only = false, .create = false};
    if (db_open(desk->path, &options, &desk->db, &err) != 0)
        fail_msg("opening the database again failed: %s", err.message);
    expect_the_same_table(desk);
}

/* Whatever code writes, the schema stands: the store's own outcome
 * function cannot complete a cancelled appointment either. */
static void test_the_store_cannot_bypass_the_table(void **state)
{
    struct desk *desk = *state;
    struct fd_error err = {0};
    int64_t id = desk->next_id++;
    assert_int_equal(run_sql(desk, MACHINE_SQL[MACHINE_APPOINTMENT].insert, id, "cancelled", &err),
                     0);
    struct appointment_outcome outcome = {.status = APPOINTMENT_COMPLETED, .at = 29925300};
    assert_int_equal(store_appointment_set_outcome(desk->store, id, &outcome, &err), -FD_ERR_RULE);
    char now[32];
    read_text(desk, MACHINE_SQL[MACHINE_APPOINTMENT].select, id, now, sizeof now);
    assert_string_equal(now, "cancelled");
}

/* Names: each state's name parses back to it, no two are alike, and an
 * unknown one is refused. */
static void test_every_state_has_its_own_name(void **state)
{
    (void)state;
    for (int m = 0; m < MACHINE_COUNT; m++) {
        enum state_machine machine = (enum state_machine)m;
        for (int s = 0; s < state_count(machine); s++) {
            assert_int_equal(state_parse(machine, state_name(machine, s)), s);
            for (int t = s + 1; t < state_count(machine); t++)
                assert_string_not_equal(state_name(machine, s), state_name(machine, t));
        }
        assert_int_equal(state_parse(machine, "nonsense"), -1);
        assert_int_equal(state_parse(machine, NULL), -1);
        assert_string_equal(state_name(machine, state_count(machine)), "?");
        assert_string_equal(state_name(machine, -1), "?");
    }
}

/* A refusal names the record, its id and the state it is in. */
static void test_a_refusal_names_the_current_state(void **state)
{
    (void)state;
    struct fd_error err = {0};
    assert_int_equal(
        state_check(MACHINE_APPOINTMENT, 12, APPOINTMENT_CANCELLED, APPOINTMENT_COMPLETED, &err),
        -FD_ERR_RULE);
    assert_non_null(strstr(err.message, "appointment 12 is cancelled"));
    err = (struct fd_error){0};
    assert_int_equal(
        state_check(MACHINE_APPOINTMENT, 7, APPOINTMENT_ARRIVED, APPOINTMENT_NO_SHOW, &err),
        -FD_ERR_RULE);
    assert_non_null(strstr(err.message, "appointment 7 is arrived"));
    err = (struct fd_error){0};
    assert_int_equal(state_check(MACHINE_WAITLIST, 3, WAITLIST_REMOVED, WAITLIST_BOOKED, &err),
                     -FD_ERR_RULE);
    assert_non_null(strstr(err.message, "3 is removed"));
    /* Every allowed move passes. */
    for (int m = 0; m < MACHINE_COUNT; m++) {
        int from, to;
        for (int i = 0; state_transition((enum state_machine)m, i, &from, &to); i++)
            assert_int_equal(state_check((enum state_machine)m, 1, from, to, &err), 0);
    }
}

int main(void)
{
#define DESK_TEST(name) cmocka_unit_test_setup_teardown(name, setup_desk, teardown_desk)
    const struct CMUnitTest tests[] = {
        DESK_TEST(test_appointment_moves_in_the_database),
        DESK_TEST(test_confirmation_moves_in_the_database),
        DESK_TEST(test_request_moves_in_the_database),
        DESK_TEST(test_waitlist_moves_in_the_database),
        DESK_TEST(test_outbox_moves_in_the_database),
        DESK_TEST(test_the_database_keeps_the_same_table),
        DESK_TEST(test_a_stale_copy_of_the_table_is_renewed_on_opening),
        DESK_TEST(test_the_store_cannot_bypass_the_table),
        cmocka_unit_test(test_the_appointment_table_is_the_one_drawn),
        cmocka_unit_test(test_every_state_has_its_own_name),
        cmocka_unit_test(test_a_refusal_names_the_current_state),
    };
#undef DESK_TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
