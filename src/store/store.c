/*
 * Opening the store, migrating it, transactions, the clinics, the audit log,
 * the header's counts, and the helpers every store file uses to run a
 * statement and read its rows.  The engine underneath is db.h's.
 */
#include "schema.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

struct db_statement *store_statement(struct fd_store *store, int id, const char *sql,
                                     struct fd_error *err)
{
    struct db_statement *statement = store->statements[id];
    if (statement) {
        db_reset(statement);
        return statement;
    }
    if (db_prepare(store->db, sql, &statement, err) < 0)
        return NULL;
    store->statements[id] = statement;
    return statement;
}

int store_step_done(struct db_statement *statement, struct fd_error *err, const char *doing)
{
    int rc = db_step(statement, err, doing);
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

int store_step_insert(struct db_statement *statement, int64_t *id, struct fd_error *err,
                      const char *doing)
{
    int rc = db_step(statement, err, doing);
    *id = rc == DB_ROW ? db_column_int64(statement, 0) : 0;
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

bool store_plain_name(const char *name)
{
    if (!*name || strlen(name) > 40)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

void store_column_text(struct db_statement *statement, int column, char *out, size_t size)
{
    const char *text = db_column_text(statement, column);
    if (!text) {
        out[0] = '\0';
        return;
    }
    size_t length = strlen(text);
    if (length >= size) {
        /* Cut on a UTF-8 character boundary. */
        length = size - 1;
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
            length--;
    }
    memcpy(out, text, length);
    out[length] = '\0';
}

fd_day store_column_day(struct db_statement *statement, int column)
{
    return db_column_is_null(statement, column) ? FD_DAY_NONE
                                                : (fd_day)db_column_int64(statement, column);
}

void store_bind_day(struct db_statement *statement, int index, fd_day day)
{
    if (day == FD_DAY_NONE)
        db_bind_null(statement, index);
    else
        db_bind_int64(statement, index, day);
}

enum cancelled_by store_column_cancelled_by(struct db_statement *statement, int column)
{
    const char *by = db_column_text(statement, column);
    return by && strcmp(by, "clinic") == 0 ? CANCELLED_BY_CLINIC : CANCELLED_BY_CLIENT;
}

int store_column_state(struct db_statement *statement, int column, enum state_machine machine)
{
    int state = state_parse(machine, db_column_text(statement, column));
    return state < 0 ? 0 : state;
}

static int grow(void **array, size_t *capacity, size_t count, size_t element)
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

int store_collect(struct db_statement *statement, void **out, size_t *count, size_t element,
                  store_row_reader read_row, struct fd_error *err, const char *doing)
{
    size_t capacity = 0;
    int rc;
    *out = NULL;
    *count = 0;
    while ((rc = db_step(statement, err, doing)) == DB_ROW) {
        if (grow(out, &capacity, *count, element) < 0) {
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
            break;
        }
        void *row = (char *)*out + element * (*count)++;
        memset(row, 0, element);
        read_row(statement, row);
    }
    db_reset(statement);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *count = 0;
        return rc;
    }
    return 0;
}

int store_collect_range(struct fd_store *store, int id, const char *sql, fd_time from, fd_time to,
                        void **out, size_t *count, size_t element, store_row_reader read_row,
                        struct fd_error *err, const char *doing)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(store, id, sql, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, from);
    db_bind_int64(statement, 2, to);
    return store_collect(statement, out, count, element, read_row, err, doing);
}

int store_fetch_one(struct db_statement *statement, void *out, size_t element,
                    store_row_reader read_row, struct fd_error *err, const char *what, int64_t id)
{
    int rc = db_step(statement, err, "reading");
    if (rc == DB_ROW) {
        memset(out, 0, element);
        read_row(statement, out);
    }
    db_reset(statement);
    if (rc == DB_ROW)
        return 0;
    if (rc == DB_DONE)
        return fd_fail(err, FD_ERR_DATA, "there is no %s %lld", what, (long long)id);
    return rc;
}

int store_fetch_int(struct db_statement *statement, int64_t *out, struct fd_error *err,
                    const char *doing)
{
    int rc = db_step(statement, err, doing);
    *out = rc == DB_ROW ? db_column_int64(statement, 0) : 0;
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

int store_expect_change(struct db_statement *statement, const char *what, int64_t id,
                        struct fd_error *err)
{
    if (db_changes(statement) == 0)
        return fd_fail(err, FD_ERR_DATA, "there is no %s %lld", what, (long long)id);
    return 0;
}

/* ---- opening and migrating ------------------------------------------------ */

/* The schema's copy of the table of moves (state.c). */
static int fill_state_moves(struct fd_store *store, struct fd_error *err)
{
    static const char *const TABLES[MACHINE_COUNT] = {"appointment", "confirmation", "request",
                                                      "waitlist", "outbox"};
    struct db_statement *statement = NULL;
    int rc = db_prepare(store->db,
                        "INSERT INTO state_move(machine, from_state, to_state) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT DO NOTHING",
                        &statement, err);
    for (int m = 0; rc == 0 && m < MACHINE_COUNT; m++) {
        int from, to;
        for (int i = 0; rc == 0 && state_transition((enum state_machine)m, i, &from, &to); i++) {
            db_reset(statement);
            db_bind_text(statement, 1, TABLES[m], false);
            db_bind_text(statement, 2, state_name((enum state_machine)m, from), false);
            db_bind_text(statement, 3, state_name((enum state_machine)m, to), false);
            rc = store_step_done(statement, err, "writing the table of moves");
        }
    }
    db_finalize(statement);
    return rc;
}

int store_setting_set(struct fd_store *store, const char *name, int64_t value, struct fd_error *err)
{
    struct db_statement *statement = NULL;
    int rc = db_prepare(store->db,
                        "INSERT INTO setting(name, value) VALUES (?1, ?2)"
                        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        &statement, err);
    if (rc == 0) {
        db_bind_text(statement, 1, name, false);
        db_bind_int64(statement, 2, value);
        rc = store_step_done(statement, err, "recording a setting");
    }
    db_finalize(statement);
    return rc;
}

/* Whether (machine, from, to) is one of state.c's moves. */
static bool is_current_move(const char *const tables[MACHINE_COUNT], const char *machine,
                            const char *from, const char *to)
{
    for (int m = 0; m < MACHINE_COUNT; m++) {
        if (!machine || strcmp(machine, tables[m]) != 0)
            continue;
        int f, t;
        for (int i = 0; state_transition((enum state_machine)m, i, &f, &t); i++)
            if (from && to && strcmp(from, state_name((enum state_machine)m, f)) == 0 &&
                strcmp(to, state_name((enum state_machine)m, t)) == 0)
                return true;
    }
    return false;
}

/* Whether the database's table of moves is state.c's, row for row.  The
 * table is a few dozen rows, read in one query and compared here: a
 * question per move would be a round trip each to a database server, on
 * every opening. */
static int moves_are_current(struct fd_store *store, bool *current, struct fd_error *err)
{
    static const char *const TABLES[MACHINE_COUNT] = {"appointment", "confirmation", "request",
                                                      "waitlist", "outbox"};
    int64_t expected = 0;
    for (int m = 0; m < MACHINE_COUNT; m++) {
        int from, to;
        for (int i = 0; state_transition((enum state_machine)m, i, &from, &to); i++)
            expected++;
    }
    struct db_statement *statement = NULL;
    int rc = db_prepare(store->db, "SELECT machine, from_state, to_state FROM state_move",
                        &statement, err);
    int64_t stored = 0;
    bool all_current = true;
    while (rc == 0 && (rc = db_step(statement, err, "reading the table of moves")) == DB_ROW) {
        stored++;
        all_current = all_current &&
                      is_current_move(TABLES, db_column_text(statement, 0),
                                      db_column_text(statement, 1), db_column_text(statement, 2));
        rc = 0;
    }
    db_finalize(statement);
    /* The primary key makes the rows distinct: as many as state.c has,
     * each one of its moves, is all of them. */
    *current = rc >= 0 && all_current && stored == expected;
    return rc < 0 ? rc : 0;
}

/* The schema refuses what state.c refuses: a copy of the table left by an
 * older or newer build is renewed on opening. */
static int renew_state_moves(struct fd_store *store, struct fd_error *err)
{
    bool current = true;
    int rc = moves_are_current(store, &current, err);
    if (rc < 0 || current)
        return rc;
    rc = db_begin_write(store->db, NULL, NULL, err);
    if (rc < 0)
        return rc;
    rc = db_exec(store->db, "DELETE FROM state_move", err, "renewing the table of moves");
    if (rc == 0)
        rc = fill_state_moves(store, err);
    if (rc < 0) {
        db_rollback(store->db);
        return rc;
    }
    return db_commit(store->db, err);
}

/* Messages owed before the outbox existed become its first rows: the
 * confirmations of upcoming bookings not yet sent (a change, when an
 * earlier one had gone out), failed ones still failed. */
static int queue_owed_confirmations(struct fd_store *store, struct fd_error *err)
{
    struct db_statement *statement = NULL;
    int rc = db_prepare(
        store->db,
        "INSERT INTO outbox(kind, client_id, appointment_id, request_id, state, due, created,"
        " attempts, error)"
        " SELECT CASE WHEN confirmation = 'unsent' AND confirmation_at IS NOT NULL"
        " THEN 'change' ELSE 'confirmation' END, client_id, id, request_id,"
        " CASE confirmation WHEN 'failed' THEN 'failed' ELSE 'queued' END, ?1, ?1,"
        " CASE confirmation WHEN 'failed' THEN 1 ELSE 0 END, confirmation_error"
        " FROM appointment WHERE status = 'booked' AND confirmation <> 'sent' AND start >= ?1"
        " ORDER BY id",
        &statement, err);
    if (rc == 0) {
        db_bind_int64(statement, 1, store->opened_at);
        rc = store_step_done(statement, err, "queueing the confirmations owed");
    }
    db_finalize(statement);
    return rc;
}

/* What a migration needs done in C rather than SQL.  These run once every
 * script has (each in the order of its version), since the C speaks the
 * current schema. */
static int after_migration(struct fd_store *store, int version, struct fd_error *err)
{
    int rc = 0;
    if (version == 3)
        return store_client_backfill_identity(store, err);
    if (version == 4) {
        rc = fill_state_moves(store, err);
        return rc < 0 ? rc : store_setting_set(store, "outcomes_from", store->opened_at, err);
    }
    if (version == 8)
        return db_check_references(store->db, err); /* request was rebuilt */
    if (version == 6) {
        static const char *const TABLES[] = {"client",     "request",  "waitlist", "message",
                                             "shift_rule", "time_off", "therapist"};
        for (size_t i = 0; rc == 0 && i < sizeof TABLES / sizeof TABLES[0]; i++)
            rc = db_keep_ids(store->db, TABLES[i], err);
        return rc < 0 ? rc : db_check_references(store->db, err);
    }
    if (version == 5) {
        /* The new machine's moves; phone numbers now compare as E.164. */
        rc = fill_state_moves(store, err);
        if (rc == 0)
            rc = store_client_backfill_identity(store, err);
        return rc < 0 ? rc : queue_owed_confirmations(store, err);
    }
    return 0;
}

static int migrate(struct fd_store *store, bool read_only, struct fd_error *err)
{
    int version = db_schema_version(store->db, err);
    if (version < 0)
        return version;
    if (version > SCHEMA_VERSION)
        return fd_fail(err, FD_ERR_DATA,
                       "the database was made by a newer frontdesk (schema %d, this knows %d)",
                       version, SCHEMA_VERSION);
    if (version == SCHEMA_VERSION)
        return 0;
    if (read_only)
        return fd_fail(err, FD_ERR_DATA,
                       "the database needs upgrading; open it once without read-only mode");
    /* Rebuilding tables needs the checks of references off for the while
     * (they cannot change inside a transaction); they are checked whole
     * before the commit instead. */
    int rc = db_foreign_keys(store->db, false, err);
    if (rc == 0)
        rc = db_begin_write(store->db, NULL, NULL, err);
    if (rc < 0) {
        db_foreign_keys(store->db, true, NULL);
        return rc;
    }
    /* Another desk may have migrated while we waited for the lock. */
    version = db_schema_version(store->db, err);
    int from = version;
    for (; rc == 0 && version >= 0 && version < SCHEMA_VERSION; version++) {
        const char *const *script = db_migration(store->db, version);
        for (; rc == 0 && *script; script++)
            rc = db_exec(store->db, *script, err, "upgrading the database");
        if (rc == 0)
            rc = db_set_schema_version(store->db, version + 1, err);
    }
    for (int done = from + 1; rc == 0 && from >= 0 && done <= SCHEMA_VERSION; done++)
        rc = after_migration(store, done, err);
    if (rc < 0 || version < 0) {
        db_rollback(store->db);
        db_foreign_keys(store->db, true, NULL);
        return rc < 0 ? rc : version;
    }
    rc = db_commit(store->db, err);
    int on = db_foreign_keys(store->db, true, rc < 0 ? NULL : err);
    return rc < 0 ? rc : on;
}

bool store_target_is_server(const char *target)
{
    return db_target_is_server(target);
}

void store_target_label(const char *target, char *out, size_t size)
{
    db_target_label(target, out, size);
}

int store_open(const char *path, const struct store_open_options *options, struct fd_store **out,
               struct fd_error *err)
{
    *out = NULL;
    struct fd_store *store = calloc(1, sizeof *store);
    if (!store)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    struct db_open_options db_options = {.read_only = options->read_only,
                                         .create = options->create};
    store->opened_at = options->now;
    int rc = db_open(path, &db_options, &store->db, err);
    if (rc == 0)
        rc = migrate(store, options->read_only, err);
    if (rc == 0 && !options->read_only)
        rc = renew_state_moves(store, err);
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
        db_finalize(store->statements[i]);
    db_close(store->db);
    free(store);
}

int store_schema_version(struct fd_store *store)
{
    struct fd_error err;
    return db_schema_version(store->db, &err);
}

int64_t store_change_token(struct fd_store *store)
{
    return db_change_token(store->db);
}

bool store_connected(struct fd_store *store)
{
    return db_connected(store->db);
}

int store_begin(struct fd_store *store, store_wait_notice waiting, void *data, struct fd_error *err)
{
    return db_begin_write(store->db, waiting, data, err);
}

int store_begin_read(struct fd_store *store, struct fd_error *err)
{
    return db_begin_read(store->db, err);
}

int store_commit(struct fd_store *store, struct fd_error *err)
{
    return db_commit(store->db, err);
}

void store_rollback(struct fd_store *store)
{
    db_rollback(store->db);
}

int store_bulk_load_begin(struct fd_store *store, int cache_mib, struct fd_error *err)
{
    return db_bulk_load(store->db, cache_mib, err);
}

/* ---- clinics ---------------------------------------------------------------- */

/* The clinic's id and rooms, or id 0 when it is not in the table yet. */
static int clinic_row(struct fd_store *store, const char *name, int64_t *id, int *rooms,
                      struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_CLINIC_ID, "SELECT id, rooms FROM clinic WHERE name = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, name, false);
    int rc = db_step(statement, err, "reading clinics");
    *id = rc == DB_ROW ? db_column_int64(statement, 0) : 0;
    *rooms = rc == DB_ROW ? (int)db_column_int64(statement, 1) : 0;
    db_reset(statement);
    return rc < 0 ? rc : 0;
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
        if (db_read_only(store->db) || (clinic->id && rooms == clinic->rooms))
            continue;
        struct db_statement *statement =
            store_statement(store, STMT_CLINIC_UPSERT,
                            "INSERT INTO clinic(name, rooms) VALUES (?1, ?2)"
                            " ON CONFLICT(name) DO UPDATE SET rooms = excluded.rooms",
                            err);
        if (!statement)
            return -FD_ERR_SOFTWARE;
        db_bind_text(statement, 1, clinic->name, false);
        db_bind_int64(statement, 2, clinic->rooms);
        rc = store_step_done(statement, err, "saving the clinics");
        if (rc == 0)
            rc = clinic_row(store, clinic->name, &clinic->id, &rooms, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- the audit log ------------------------------------------------------------ */

int store_audit(struct fd_store *store, fd_time at, const char *who, const char *what,
                const char *entity, int64_t entity_id, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_AUDIT_INSERT,
        "INSERT INTO audit(at, who, what, entity, entity_id) VALUES (?1, ?2, ?3, ?4, ?5)"
        " RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, at);
    db_bind_text(statement, 2, who, false);
    db_bind_text(statement, 3, what, false);
    db_bind_text(statement, 4, entity, false);
    db_bind_int64(statement, 5, entity_id);
    int64_t id = 0;
    int rc = store_step_insert(statement, &id, err, "writing the audit log");
    if (rc == 0)
        store_journal_audit(store, id);
    return rc;
}

static void read_audit(struct db_statement *statement, void *row)
{
    struct fd_audit_entry *entry = row;
    entry->id = db_column_int64(statement, 0);
    entry->at = db_column_int64(statement, 1);
    store_column_text(statement, 2, entry->who, sizeof entry->who);
    store_column_text(statement, 3, entry->what, sizeof entry->what);
    store_column_text(statement, 4, entry->entity, sizeof entry->entity);
    entry->entity_id = db_column_int64(statement, 5);
}

int store_audit_get(struct fd_store *store, int64_t id, struct fd_audit_entry *out,
                    struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_AUDIT_GET,
        "SELECT id, at, who, what, entity, entity_id FROM audit WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_audit, err, "audit line", id);
}

int store_audit_naming(struct fd_store *store, int64_t from, int64_t to, struct fd_audit_entry *out,
                       struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_AUDIT_NAMING,
        "SELECT id, at, who, what, entity, entity_id FROM audit WHERE id BETWEEN ?1 AND ?2"
        " ORDER BY entity_id = 0 DESC, entity = 'outbox', id LIMIT 1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, from);
    db_bind_int64(statement, 2, to);
    return store_fetch_one(statement, out, sizeof *out, read_audit, err, "audit line", from);
}

int store_audit_of(struct fd_store *store, const char *entity, int64_t id,
                   struct fd_audit_entry **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_AUDIT_OF,
                        "SELECT id, at, who, what, entity, entity_id FROM audit"
                        " WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, entity, false);
    db_bind_int64(statement, 2, id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_audit, err,
                         "reading the audit log");
}

int store_audit_list(struct fd_store *store, size_t limit, struct fd_audit_entry **out,
                     size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(
        store, STMT_AUDIT_LIST,
        "SELECT id, at, who, what, entity, entity_id FROM audit ORDER BY id DESC LIMIT ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, (int64_t)limit);
    return store_collect(statement, (void **)out, count, sizeof **out, read_audit, err,
                         "reading the audit log");
}

/* ---- the header's counts ------------------------------------------------------ */

int store_counts(struct fd_store *store, fd_time now, struct fd_counts *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    struct db_statement *statement =
        store_statement(store, STMT_COUNT_PENDING,
                        "SELECT count(*), count(*) FILTER (WHERE due < ?1) FROM request"
                        " WHERE status = 'pending'",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, now);
    int rc = db_step(statement, err, "counting requests");
    if (rc == DB_ROW) {
        out->pending = (int)db_column_int64(statement, 0);
        out->overdue = (int)db_column_int64(statement, 1);
    }
    db_reset(statement);
    if (rc < 0)
        return rc;
    /* Every message still to go: queued, failed or left sending. */
    statement = store_statement(store, STMT_COUNT_UNSENT,
                                "SELECT count(*) FROM outbox"
                                " WHERE state IN ('queued', 'failed', 'sending')",
                                err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int64_t unsent = 0;
    rc = store_fetch_int(statement, &unsent, err, "counting confirmations");
    out->unsent = (int)unsent;
    if (rc < 0)
        return rc;
    statement = store_statement(store, STMT_COUNT_MESSAGES,
                                "SELECT count(*) FROM message WHERE handled IS NULL", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int64_t messages = 0;
    rc = store_fetch_int(statement, &messages, err, "counting messages");
    out->messages = (int)messages;
    return rc;
}
