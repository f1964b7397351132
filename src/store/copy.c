/*
 * Moving a site in: every row of one site's database copied into the
 * shared one, as one transaction of the shared database.
 *
 * Rows are read whole (SELECT *), so a column added by a later migration
 * is copied with no change here; what this file knows is which columns
 * point at other rows.  Each copied row gets a new id in the shared
 * database, and every reference is turned to the new ids: a clinic
 * reference to the site, a series to a new series.  The same therapist
 * (by handle) and the same client (identity.h) are found, not copied
 * twice; so are rows imported from the same file line.
 *
 * Every row copied, or found, is remembered in the migrated table under
 * the site's name, so that copying the same site again adds only what is
 * new.  Before anything is written, each appointment still holding its
 * slot is checked against the shared database: the therapist busy then
 * (at any site), the room taken, or no such room.  Every clash is listed
 * and nothing is copied.
 */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a column refers to: a copied table, the site, or a series. */
enum copy_ref { REF_SITE = -1, REF_SERIES = -2, REF_ENTITY = -3 };

struct column_ref {
    const char *column;
    int to; /* an enum copy_table, or an enum copy_ref */
};

/* How a row already in the shared database is found rather than copied. */
enum copy_match {
    MATCH_NONE,
    MATCH_HANDLE,       /* a therapist, by handle */
    MATCH_IDENTITY,     /* a client, as identity.h says */
    MATCH_IMPORT_KEY,   /* a row imported from the same line of a file */
    MATCH_TIME_OFF,     /* the same therapist off over the same time */
    MATCH_SUBSCRIPTION, /* the same client signed up to the same list, or the same import */
};

struct table_spec {
    const char *name;
    enum copy_match match;
    struct column_ref refs[8];
};

/* In the order they are copied: a row's references are copied before it. */
static const struct table_spec TABLES[STORE_COPY_TABLE_COUNT] = {
    [STORE_COPY_THERAPIST] = {"therapist", MATCH_HANDLE, {{0}}},
    [STORE_COPY_CLIENT] = {"client", MATCH_IDENTITY, {{0}}},
    [STORE_COPY_SHIFT_RULE] = {"shift_rule",
                               MATCH_NONE,
                               {{"therapist_id", STORE_COPY_THERAPIST},
                                {"clinic_id", REF_SITE},
                                {"superseded_by", STORE_COPY_SHIFT_RULE}}},
    [STORE_COPY_TIME_OFF] = {"time_off", MATCH_TIME_OFF, {{"therapist_id", STORE_COPY_THERAPIST}}},
    [STORE_COPY_REQUEST] = {"request",
                            MATCH_IMPORT_KEY,
                            {{"client_id", STORE_COPY_CLIENT},
                             {"therapist_id", STORE_COPY_THERAPIST}}},
    [STORE_COPY_WAITLIST] = {"waitlist",
                             MATCH_NONE,
                             {{"client_id", STORE_COPY_CLIENT},
                              {"clinic_id", REF_SITE},
                              {"therapist_id", STORE_COPY_THERAPIST},
                              {"request_id", STORE_COPY_REQUEST}}},
    [STORE_COPY_MESSAGE] = {"message", MATCH_IMPORT_KEY, {{0}}},
    [STORE_COPY_APPOINTMENT] = {"appointment",
                                MATCH_NONE,
                                {{"therapist_id", STORE_COPY_THERAPIST},
                                 {"clinic_id", REF_SITE},
                                 {"client_id", STORE_COPY_CLIENT},
                                 {"request_id", STORE_COPY_REQUEST},
                                 {"waitlist_id", STORE_COPY_WAITLIST},
                                 {"series_id", REF_SERIES}}},
    [STORE_COPY_NOTE] = {"note",
                         MATCH_NONE,
                         {{"client_id", STORE_COPY_CLIENT},
                          {"appointment_id", STORE_COPY_APPOINTMENT}}},
    [STORE_COPY_SUBSCRIPTION] = {"subscription",
                                 MATCH_SUBSCRIPTION,
                                 {{"client_id", STORE_COPY_CLIENT}}},
    [STORE_COPY_OUTBOX] = {"outbox",
                           MATCH_NONE,
                           {{"client_id", STORE_COPY_CLIENT},
                            {"appointment_id", STORE_COPY_APPOINTMENT},
                            {"request_id", STORE_COPY_REQUEST},
                            {"waitlist_id", STORE_COPY_WAITLIST},
                            {"subscription_id", STORE_COPY_SUBSCRIPTION},
                            {"therapist_id", STORE_COPY_THERAPIST},
                            {"clinic_id", REF_SITE}}},
    [STORE_COPY_AUDIT] = {"audit", MATCH_NONE, {{"entity_id", REF_ENTITY}}},
};

/* The tables a site's database has that are not copied: the clinic is
 * the site; undo records, settings and the table of moves are each
 * database's own; the record of copies is the shared database's. */
static const char *const NOT_COPIED[] = {"clinic",     "undo",     "setting",
                                         "state_move", "migrated", NULL};

const char *store_copy_table_name(enum store_copy_table table)
{
    return (unsigned)table < STORE_COPY_TABLE_COUNT ? TABLES[table].name : "?";
}

bool store_copy_knows_table(const char *name)
{
    for (int t = 0; t < STORE_COPY_TABLE_COUNT; t++)
        if (strcmp(TABLES[t].name, name) == 0)
            return true;
    for (const char *const *n = NOT_COPIED; *n; n++)
        if (strcmp(*n, name) == 0)
            return true;
    return false;
}

/* ---- old id → new id, one map per table (and one for series) ---- */

#define MAP_COUNT  (STORE_COPY_TABLE_COUNT + 1)
#define MAP_SERIES STORE_COPY_TABLE_COUNT

struct id_pair {
    int64_t key, value; /* key 0: an empty slot (ids start at 1) */
};

struct id_map {
    struct id_pair *slots; /* open addressing */
    size_t capacity, count;
};

static void map_free(struct id_map *map)
{
    free(map->slots);
    memset(map, 0, sizeof *map);
}

static size_t map_slot(const struct id_pair *slots, size_t capacity, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h >> 17) & (capacity - 1);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (capacity - 1);
    return i;
}

static int64_t map_get(const struct id_map *map, int64_t key)
{
    if (!map->capacity || key <= 0)
        return 0;
    const struct id_pair *pair = &map->slots[map_slot(map->slots, map->capacity, key)];
    return pair->key == key ? pair->value : 0;
}

static int map_put(struct id_map *map, int64_t key, int64_t value, struct fd_error *err)
{
    if (key <= 0)
        return 0;
    if ((map->count + 1) * 2 > map->capacity) {
        size_t capacity = map->capacity ? map->capacity * 2 : 64;
        struct id_pair *slots = calloc(capacity, sizeof *slots);
        if (!slots)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        for (size_t i = 0; i < map->capacity; i++)
            if (map->slots[i].key)
                slots[map_slot(slots, capacity, map->slots[i].key)] = map->slots[i];
        free(map->slots);
        map->slots = slots;
        map->capacity = capacity;
    }
    struct id_pair *pair = &map->slots[map_slot(map->slots, map->capacity, key)];
    if (!pair->key)
        map->count++;
    pair->key = key;
    pair->value = value;
    return 0;
}

/* ---- one copy ---- */

struct copy {
    struct fd_store *target, *source;
    const struct store_copy_site *site;
    struct store_copy_report *report;
    struct id_map maps[MAP_COUNT];
    int64_t next_series;
    struct db_statement *remember;                           /* INSERT INTO migrated */
    struct db_statement *finders[STORE_COPY_TABLE_COUNT][2]; /* find_existing's queries */
};

static const char *map_name(int map)
{
    return map == MAP_SERIES ? "series" : TABLES[map].name;
}

static int map_index(const char *name)
{
    for (int m = 0; m < MAP_COUNT; m++)
        if (strcmp(map_name(m), name) == 0)
            return m;
    return -1;
}

static void copy_free(struct copy *copy)
{
    for (int m = 0; m < MAP_COUNT; m++)
        map_free(&copy->maps[m]);
    db_finalize(copy->remember);
    copy->remember = NULL;
    for (int t = 0; t < STORE_COPY_TABLE_COUNT; t++)
        for (int k = 0; k < 2; k++) {
            db_finalize(copy->finders[t][k]);
            copy->finders[t][k] = NULL;
        }
}

/* Prepares sql on a store's connection, for this copy alone. */
static struct db_statement *prepare(struct fd_store *store, const char *sql, struct fd_error *err)
{
    struct db_statement *statement = NULL;
    return db_prepare(store->db, sql, &statement, err) < 0 ? NULL : statement;
}

/* The copies made before, of this site. */
static int load_maps(struct copy *copy, struct fd_error *err)
{
    struct db_statement *statement = prepare(
        copy->target, "SELECT old_id, new_id FROM migrated WHERE site = ?1 AND tbl = ?2", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int rc = 0;
    for (int m = 0; rc == 0 && m < MAP_COUNT; m++) {
        struct id_map *map = &copy->maps[m];
        db_reset(statement);
        db_bind_text(statement, 1, copy->site->name, false);
        db_bind_text(statement, 2, map_name(m), false);
        while ((rc = db_step(statement, err, "reading what was copied before")) == DB_ROW) {
            rc = map_put(map, db_column_int64(statement, 0), db_column_int64(statement, 1), err);
            if (rc < 0)
                break;
            if (m < STORE_COPY_TABLE_COUNT)
                copy->report->tables[m].before++;
        }
        rc = rc < 0 ? rc : 0;
    }
    db_finalize(statement);
    if (rc < 0)
        return rc;
    statement = prepare(copy->target, "SELECT coalesce(max(series_id), 0) FROM appointment", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    rc = store_fetch_int(statement, &copy->next_series, err, "reading the series");
    db_finalize(statement);
    copy->next_series++;
    return rc;
}

static int remember(struct copy *copy, int map, int64_t old_id, int64_t new_id,
                    struct fd_error *err)
{
    if (!copy->remember) {
        copy->remember = prepare(copy->target,
                                 "INSERT INTO migrated(site, tbl, old_id, new_id)"
                                 " VALUES (?1, ?2, ?3, ?4)",
                                 err);
        if (!copy->remember)
            return -FD_ERR_SOFTWARE;
    }
    db_bind_text(copy->remember, 1, copy->site->name, false);
    db_bind_text(copy->remember, 2, map_name(map), false);
    db_bind_int64(copy->remember, 3, old_id);
    db_bind_int64(copy->remember, 4, new_id);
    int rc = store_step_done(copy->remember, err, "recording the copy");
    return rc < 0 ? rc : map_put(&copy->maps[map], old_id, new_id, err);
}

/* ---- the clashes, found before anything is written ---- */

static int add_clash(struct copy *copy, const struct store_clash *clash, struct fd_error *err)
{
    struct store_copy_report *r = copy->report;
    struct store_clash *grown = realloc(r->clashes, (r->clash_count + 1) * sizeof *grown);
    if (!grown)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    r->clashes = grown;
    r->clashes[r->clash_count++] = *clash;
    return 0;
}

/* The first appointment of the shared database holding the slot, for the
 * therapist (by = 1) or the room (by = 2). */
static int find_holder(struct db_statement *statement, struct store_clash *clash, bool *found,
                       struct fd_error *err)
{
    db_bind_int64(statement, 2, clash->start);
    db_bind_int64(statement, 3, clash->busy_until);
    int rc = db_step(statement, err, "checking the shared database");
    *found = rc == DB_ROW;
    if (rc == DB_ROW) {
        clash->other_id = db_column_int64(statement, 0);
        clash->other_start = db_column_int64(statement, 1);
        clash->other_busy_until = db_column_int64(statement, 2);
        store_column_text(statement, 3, clash->other_clinic, sizeof clash->other_clinic);
        store_column_text(statement, 4, clash->other_client, sizeof clash->other_client);
    }
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

#define HOLDER_SQL                                                                                 \
    "SELECT a.id, a.start, a.busy_until, k.name, c.name FROM appointment a"                        \
    " JOIN clinic k ON k.id = a.clinic_id JOIN client c ON c.id = a.client_id"                     \
    " WHERE a.status <> 'cancelled' AND a.start > ?2 - 1440 AND a.start < ?3"                      \
    " AND a.busy_until > ?2 AND "

/* The shared database's therapist with this handle (which compares
 * without case): *id, or 0 when there is none. */
static int therapist_here(struct copy *copy, const char *handle, int64_t *id, struct fd_error *err)
{
    struct fd_therapist found;
    struct fd_error why = {0};
    int rc = store_therapist_find(copy->target, handle ? handle : "", &found, &why);
    *id = rc == 0 ? found.id : 0;
    if (rc < 0 && rc != -FD_ERR_DATA) /* a failure, not "no such therapist" */
        return fd_fail(err, -rc, "%s", why.message);
    return 0;
}

static int check_appointment(struct copy *copy, struct db_statement *by_therapist,
                             struct db_statement *by_room, struct store_clash *clash,
                             struct fd_error *err)
{
    int64_t therapist;
    int rc = therapist_here(copy, clash->therapist, &therapist, err);
    if (rc < 0)
        return rc;
    bool found = false;
    if (therapist) {
        db_bind_int64(by_therapist, 1, therapist);
        rc = find_holder(by_therapist, clash, &found, err);
        if (rc == 0 && found) {
            clash->kind = STORE_CLASH_THERAPIST;
            rc = add_clash(copy, clash, err);
        }
    }
    if (rc == 0 && !found && (clash->room < 1 || clash->room > copy->site->rooms)) {
        clash->kind = STORE_CLASH_NO_ROOM;
        return add_clash(copy, clash, err);
    }
    if (rc == 0 && !found) {
        db_bind_int64(by_room, 1, copy->site->id);
        db_bind_int64(by_room, 4, clash->room);
        rc = find_holder(by_room, clash, &found, err);
        if (rc == 0 && found) {
            clash->kind = STORE_CLASH_ROOM;
            rc = add_clash(copy, clash, err);
        }
    }
    return rc;
}

/* Two of the site's own appointments at different clinics of its
 * database become one site's: the same room at the same time clashes. */
static int check_own_rooms(struct copy *copy, struct fd_error *err)
{
    struct db_statement *statement = prepare(
        copy->source,
        "SELECT a.id, a.start, a.busy_until, a.room, t.handle, c.name,"
        " b.id, b.start, b.busy_until, k.name, d.name FROM appointment a"
        " JOIN appointment b ON b.room = a.room AND b.clinic_id <> a.clinic_id AND b.id > a.id"
        "  AND b.status <> 'cancelled' AND b.start > a.start - 1440 AND b.start < a.busy_until"
        "  AND b.busy_until > a.start"
        " JOIN therapist t ON t.id = a.therapist_id JOIN client c ON c.id = a.client_id"
        " JOIN clinic k ON k.id = b.clinic_id JOIN client d ON d.id = b.client_id"
        " WHERE a.status <> 'cancelled'"
        " AND (SELECT count(DISTINCT clinic_id) FROM appointment) > 1"
        " ORDER BY a.start",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int rc;
    while ((rc = db_step(statement, err, "checking the site's rooms")) == DB_ROW) {
        int64_t a = db_column_int64(statement, 0), b = db_column_int64(statement, 6);
        if (map_get(&copy->maps[STORE_COPY_APPOINTMENT], a) ||
            map_get(&copy->maps[STORE_COPY_APPOINTMENT], b))
            continue;
        struct store_clash clash = {.kind = STORE_CLASH_ROOM,
                                    .source_id = a,
                                    .start = db_column_int64(statement, 1),
                                    .busy_until = db_column_int64(statement, 2),
                                    .room = (int)db_column_int64(statement, 3),
                                    .other_in_source = true,
                                    .other_id = b,
                                    .other_start = db_column_int64(statement, 7),
                                    .other_busy_until = db_column_int64(statement, 8)};
        store_column_text(statement, 4, clash.therapist, sizeof clash.therapist);
        store_column_text(statement, 5, clash.client, sizeof clash.client);
        store_column_text(statement, 9, clash.other_clinic, sizeof clash.other_clinic);
        store_column_text(statement, 10, clash.other_client, sizeof clash.other_client);
        rc = add_clash(copy, &clash, err);
        if (rc < 0)
            break;
    }
    db_finalize(statement);
    return rc < 0 ? rc : 0;
}

static int check_clashes(struct copy *copy, struct fd_error *err)
{
    struct db_statement *appointments =
        prepare(copy->source,
                "SELECT a.id, a.start, a.busy_until, a.room, t.handle, c.name FROM appointment a"
                " JOIN therapist t ON t.id = a.therapist_id JOIN client c ON c.id = a.client_id"
                " WHERE a.status <> 'cancelled' ORDER BY a.start, a.id",
                err);
    struct db_statement *by_therapist =
        prepare(copy->target, HOLDER_SQL "a.therapist_id = ?1 ORDER BY a.start LIMIT 1", err);
    struct db_statement *by_room = prepare(
        copy->target, HOLDER_SQL "a.clinic_id = ?1 AND a.room = ?4 ORDER BY a.start LIMIT 1", err);
    int rc = appointments && by_therapist && by_room ? 0 : -FD_ERR_SOFTWARE;
    while (rc == 0 &&
           (rc = db_step(appointments, err, "reading the site's appointments")) == DB_ROW) {
        int64_t id = db_column_int64(appointments, 0);
        if (map_get(&copy->maps[STORE_COPY_APPOINTMENT], id)) {
            rc = 0;
            continue;
        }
        struct store_clash clash = {.source_id = id,
                                    .start = db_column_int64(appointments, 1),
                                    .busy_until = db_column_int64(appointments, 2),
                                    .room = (int)db_column_int64(appointments, 3)};
        store_column_text(appointments, 4, clash.therapist, sizeof clash.therapist);
        store_column_text(appointments, 5, clash.client, sizeof clash.client);
        rc = check_appointment(copy, by_therapist, by_room, &clash, err);
    }
    db_finalize(appointments);
    db_finalize(by_therapist);
    db_finalize(by_room);
    if (rc < 0)
        return rc;
    return check_own_rooms(copy, err);
}

/* ---- copying rows ---- */

struct value {
    enum db_value kind;
    int64_t number;
    char *text;
};

struct row {
    int count;
    char **names;
    struct value *values;
};

static void row_clear(struct row *row)
{
    for (int c = 0; c < row->count; c++) {
        free(row->names[c]);
        free(row->values[c].text);
    }
    free(row->names);
    free(row->values);
    memset(row, 0, sizeof *row);
}

/* Reads the current row of statement whole. */
static int row_read(struct db_statement *statement, struct row *row, struct fd_error *err)
{
    row_clear(row);
    int count = db_column_count(statement);
    row->names = calloc((size_t)count, sizeof *row->names);
    row->values = calloc((size_t)count, sizeof *row->values);
    if (!row->names || !row->values) {
        row_clear(row);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    row->count = count;
    for (int c = 0; c < count; c++) {
        struct value *v = &row->values[c];
        row->names[c] = strdup(db_column_name(statement, c));
        v->kind = db_column_kind(statement, c);
        if (v->kind == DB_VALUE_INTEGER)
            v->number = db_column_int64(statement, c);
        else if (v->kind == DB_VALUE_TEXT)
            v->text = strdup(db_column_text(statement, c));
        if (!row->names[c] || (v->kind == DB_VALUE_TEXT && !v->text)) {
            row_clear(row);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
    }
    return 0;
}

static int column_of(const struct row *row, const char *name)
{
    for (int c = 0; row->names && c < row->count; c++)
        if (strcmp(row->names[c], name) == 0)
            return c;
    return -1;
}

/* The value of the column name, or NULL when the row has none. */
static const struct value *value_of(const struct row *row, const char *name)
{
    int c = column_of(row, name);
    return c >= 0 && row->values ? &row->values[c] : NULL;
}

static int64_t row_int(const struct row *row, const char *name)
{
    const struct value *v = value_of(row, name);
    return v && v->kind == DB_VALUE_INTEGER ? v->number : 0;
}

static const char *row_text(const struct row *row, const char *name)
{
    const struct value *v = value_of(row, name);
    return v && v->kind == DB_VALUE_TEXT ? v->text : NULL;
}

static void set_int(struct value *value, int64_t number)
{
    free(value->text);
    value->text = NULL;
    value->kind = number ? DB_VALUE_INTEGER : DB_VALUE_NULL;
    value->number = number;
}

/* Runs a query of the shared database (prepared once into *slot) binding
 * the row's columns named in columns (as ?1, ?2 …), or where mapped has
 * an id, that id; *id is its first column, 0 when no row. */
static int find_by(struct copy *copy, struct db_statement **slot, const char *sql,
                   const struct row *row, const char *const *columns, const int64_t *mapped,
                   int64_t *id, struct fd_error *err)
{
    *id = 0;
    if (!*slot)
        *slot = prepare(copy->target, sql, err);
    struct db_statement *statement = *slot;
    if (!statement)
        return -FD_ERR_SOFTWARE;
    for (int i = 0; columns[i]; i++) {
        if (mapped && mapped[i]) {
            db_bind_int64(statement, i + 1, mapped[i]);
            continue;
        }
        const struct value *v = value_of(row, columns[i]);
        if (!v || v->kind == DB_VALUE_NULL)
            db_bind_null(statement, i + 1);
        else if (v->kind == DB_VALUE_INTEGER)
            db_bind_int64(statement, i + 1, v->number);
        else
            db_bind_text(statement, i + 1, v->text, false);
    }
    int rc = db_step(statement, err, "looking for the row in the shared database");
    if (rc == DB_ROW)
        *id = db_column_int64(statement, 0);
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

/* The row of the shared database this one is, if any. */
static int find_existing(struct copy *copy, enum store_copy_table table, const struct row *row,
                         int64_t *id, struct fd_error *err)
{
    *id = 0;
    switch (TABLES[table].match) {
    case MATCH_HANDLE:
        return therapist_here(copy, row_text(row, "handle"), id, err);
    case MATCH_IDENTITY:
        return store_client_find(copy->target, row_text(row, "name"), row_text(row, "email"),
                                 row_text(row, "phone"), id, err);
    case MATCH_IMPORT_KEY: {
        if (!row_text(row, "import_key"))
            return 0;
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE import_key = ?1", TABLES[table].name);
        return find_by(copy, &copy->finders[table][0], sql, row,
                       (const char *const[]){"import_key", NULL}, NULL, id, err);
    }
    case MATCH_TIME_OFF: {
        int64_t therapist =
            map_get(&copy->maps[STORE_COPY_THERAPIST], row_int(row, "therapist_id"));
        return find_by(copy, &copy->finders[table][0],
                       "SELECT id FROM time_off WHERE therapist_id = ?1 AND from_time = ?2"
                       " AND to_time = ?3",
                       row, (const char *const[]){"therapist_id", "from_time", "to_time", NULL},
                       (const int64_t[]){therapist, 0, 0}, id, err);
    }
    case MATCH_SUBSCRIPTION: {
        int rc = 0;
        if (row_text(row, "import_key"))
            rc = find_by(copy, &copy->finders[table][0],
                         "SELECT id FROM subscription WHERE import_key = ?1", row,
                         (const char *const[]){"import_key", NULL}, NULL, id, err);
        const struct value *unsubscribed = value_of(row, "unsubscribed_at");
        if (rc == 0 && !*id && unsubscribed && unsubscribed->kind == DB_VALUE_NULL) {
            int64_t client = map_get(&copy->maps[STORE_COPY_CLIENT], row_int(row, "client_id"));
            rc = find_by(copy, &copy->finders[table][1],
                         "SELECT id FROM subscription WHERE client_id = ?1 AND list = ?2"
                         " AND unsubscribed_at IS NULL",
                         row, (const char *const[]){"client_id", "list", NULL},
                         (const int64_t[]){client, 0}, id, err);
        }
        return rc;
    }
    case MATCH_NONE:
        break;
    }
    return 0;
}

/* A reference turned to the shared database's ids; a row it points at
 * that was not copied (an undone change's) reads as none. */
static int remap(struct copy *copy, enum store_copy_table table, struct row *row, int self_column,
                 int64_t *self_ref, struct fd_error *err)
{
    *self_ref = 0;
    for (const struct column_ref *ref = TABLES[table].refs; ref->column; ref++) {
        int c = column_of(row, ref->column);
        struct value *v = c >= 0 && row->values ? &row->values[c] : NULL;
        if (!v || v->kind != DB_VALUE_INTEGER)
            continue;
        int64_t old = v->number;
        if (ref->to == REF_SITE) {
            set_int(v, copy->site->id);
        } else if (ref->to == REF_SERIES) {
            int64_t series = map_get(&copy->maps[MAP_SERIES], old);
            if (!series) {
                series = copy->next_series++;
                int rc = remember(copy, MAP_SERIES, old, series, err);
                if (rc < 0)
                    return rc;
            }
            set_int(v, series);
        } else if (ref->to == REF_ENTITY) {
            const char *entity = row_text(row, "entity");
            int m = entity ? map_index(entity) : -1;
            set_int(v, m >= 0 && m != MAP_SERIES ? map_get(&copy->maps[m], old) : 0);
        } else if (c == self_column && !map_get(&copy->maps[ref->to], old)) {
            *self_ref = old; /* a row of this table not copied yet: set after */
            set_int(v, 0);
        } else {
            set_int(v, map_get(&copy->maps[ref->to], old));
        }
    }
    return 0;
}

/* INSERT INTO table (the row's columns but id) … RETURNING id, made from
 * the first row: every row of a table has the same columns. */
static struct db_statement *insert_statement(struct copy *copy, enum store_copy_table table,
                                             const struct row *row, struct fd_error *err)
{
    char *sql = NULL;
    size_t size = 0;
    FILE *text = open_memstream(&sql, &size);
    if (!text) {
        fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        return NULL;
    }
    fprintf(text, "INSERT INTO %s (", TABLES[table].name);
    int n = 0;
    for (int c = 0; c < row->count; c++) {
        if (strcmp(row->names[c], "id") == 0)
            continue;
        if (!store_plain_name(row->names[c])) {
            fclose(text);
            free(sql);
            fd_fail(err, FD_ERR_DATA, "the site's database has a column named \"%s\" in %s",
                    row->names[c], TABLES[table].name);
            return NULL;
        }
        fprintf(text, "%s\"%s\"", n++ ? ", " : "", row->names[c]);
    }
    fprintf(text, ") VALUES (");
    for (int i = 1; i <= n; i++)
        fprintf(text, "%s?%d", i > 1 ? ", " : "", i);
    fprintf(text, ") RETURNING id");
    fclose(text);
    struct db_statement *statement = prepare(copy->target, sql, err);
    free(sql);
    return statement;
}

static int insert_row(struct db_statement *insert, const struct row *row, int64_t *id,
                      struct fd_error *err)
{
    int index = 1;
    for (int c = 0; c < row->count; c++) {
        if (strcmp(row->names[c], "id") == 0)
            continue;
        const struct value *v = &row->values[c];
        if (v->kind == DB_VALUE_INTEGER)
            db_bind_int64(insert, index++, v->number);
        else if (v->kind == DB_VALUE_TEXT)
            db_bind_text(insert, index++, v->text, false);
        else
            db_bind_null(insert, index++);
    }
    return store_step_insert(insert, id, err, "copying a row into the shared database");
}

struct later {
    int64_t id, old_ref;
};

/* Rows that pointed at a row of their own table copied after them. */
static int set_later(struct copy *copy, enum store_copy_table table, const char *column,
                     const struct later *later, size_t count, struct fd_error *err)
{
    if (!count)
        return 0;
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE %s SET \"%s\" = ?1 WHERE id = ?2", TABLES[table].name,
             column);
    struct db_statement *statement = prepare(copy->target, sql, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        db_bind_id(statement, 1, map_get(&copy->maps[table], later[i].old_ref));
        db_bind_int64(statement, 2, later[i].id);
        rc = store_step_done(statement, err, "linking the copied rows");
    }
    db_finalize(statement);
    return rc;
}

static const char *self_column(enum store_copy_table table)
{
    for (const struct column_ref *ref = TABLES[table].refs; ref->column; ref++)
        if (ref->to == (int)table)
            return ref->column;
    return NULL;
}

static int copy_table(struct copy *copy, enum store_copy_table table, struct fd_error *err)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", TABLES[table].name);
    struct db_statement *rows = prepare(copy->source, sql, err);
    if (!rows)
        return -FD_ERR_SOFTWARE;
    struct db_statement *insert = NULL;
    struct row row = {0};
    struct later *later = NULL;
    size_t later_count = 0;
    const char *self = self_column(table);
    struct store_copy_count *counts = &copy->report->tables[table];
    int rc;
    while ((rc = db_step(rows, err, "reading the site's database")) == DB_ROW) {
        rc = row_read(rows, &row, err);
        int64_t old = row_int(&row, "id"), id = 0, self_ref = 0;
        if (rc == 0 && map_get(&copy->maps[table], old))
            continue;
        if (rc == 0)
            rc = find_existing(copy, table, &row, &id, err);
        if (rc == 0 && id) {
            counts->found++;
            rc = remember(copy, (int)table, old, id, err);
            if (rc < 0)
                break;
            continue;
        }
        if (rc == 0)
            rc = remap(copy, table, &row, self ? column_of(&row, self) : -1, &self_ref, err);
        if (rc == 0 && !insert) {
            insert = insert_statement(copy, table, &row, err);
            rc = insert ? 0 : -FD_ERR_SOFTWARE;
        }
        if (rc == 0)
            rc = insert_row(insert, &row, &id, err);
        if (rc == 0)
            rc = remember(copy, (int)table, old, id, err);
        if (rc == 0 && self_ref) {
            struct later *grown = realloc(later, (later_count + 1) * sizeof *grown);
            if (!grown)
                rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
            else
                (later = grown)[later_count++] = (struct later){id, self_ref};
        }
        if (rc < 0)
            break;
        counts->copied++;
    }
    row_clear(&row);
    db_finalize(rows);
    db_finalize(insert);
    if (rc == 0 && self)
        rc = set_later(copy, table, self, later, later_count, err);
    free(later);
    return rc < 0 ? rc : 0;
}

int store_copy_site(struct fd_store *target, struct fd_store *source,
                    const struct store_copy_site *site, struct store_copy_report *report,
                    struct fd_error *err)
{
    memset(report, 0, sizeof *report);
    struct copy copy = {.target = target, .source = source, .site = site, .report = report};
    int rc = load_maps(&copy, err);
    if (rc == 0)
        rc = check_clashes(&copy, err);
    if (rc == 0 && report->clash_count)
        rc = fd_fail(err, FD_ERR_RULE,
                     "%zu appointment%s of the site clash%s with the shared database",
                     report->clash_count, report->clash_count == 1 ? "" : "s",
                     report->clash_count == 1 ? "es" : "");
    for (int t = 0; rc == 0 && t < STORE_COPY_TABLE_COUNT; t++)
        rc = copy_table(&copy, (enum store_copy_table)t, err);
    copy_free(&copy);
    return rc;
}

void store_copy_report_free(struct store_copy_report *report)
{
    free(report->clashes);
    report->clashes = NULL;
    report->clash_count = 0;
}
