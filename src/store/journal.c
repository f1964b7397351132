/*
 * The undo journal: while a change runs, the rows it touches are noted —
 * the image of each row before it changed (none for a row it added) — and
 * at its end, a fingerprint of each row as it left it.  An undo puts the
 * images back, after checking every row still has the fingerprint the
 * change left (otherwise something changed since, and the undo is
 * refused).  The journal is kept as JSON in the undo table.
 *
 * Rows are read whole (SELECT *), so the journal knows no table's columns
 * and a new column is journaled with no change here; the tables it may
 * touch are the fixed list below, never a name from outside.
 */
#include "store_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TABLES[JOURNAL_TABLE_COUNT] = {
    [JOURNAL_APPOINTMENT] = "appointment", [JOURNAL_CLIENT] = "client",
    [JOURNAL_REQUEST] = "request",         [JOURNAL_WAITLIST] = "waitlist",
    [JOURNAL_MESSAGE] = "message",         [JOURNAL_SHIFT_RULE] = "shift_rule",
    [JOURNAL_TIME_OFF] = "time_off",       [JOURNAL_NOTE] = "note",
    [JOURNAL_OUTBOX] = "outbox",           [JOURNAL_SUBSCRIPTION] = "subscription",
    [JOURNAL_THERAPIST] = "therapist",
};

/* Columns that record what was said to the client.  What went out is
 * history an undo never rewrites: they are left out of a row's
 * fingerprint (a message sent since is no change to undo around) and an
 * undo leaves them as they are. */
static const char *const APPOINTMENT_MESSAGE_COLUMNS[] = {
    "confirmation",       "confirmation_at",     "confirmation_via",
    "confirmation_error", "client_confirmed_at", NULL};
static const char *const REQUEST_MESSAGE_COLUMNS[] = {"answer_sent_at", NULL};

static const char *const *message_columns(enum journal_table table)
{
    if (table == JOURNAL_APPOINTMENT)
        return APPOINTMENT_MESSAGE_COLUMNS;
    if (table == JOURNAL_REQUEST)
        return REQUEST_MESSAGE_COLUMNS;
    return NULL;
}

static bool listed(const char *const *list, const char *name)
{
    for (const char *const *s = list; s && *s; s++)
        if (strcmp(*s, name) == 0)
            return true;
    return false;
}

const char *store_journal_table_name(enum journal_table table)
{
    return (unsigned)table < JOURNAL_TABLE_COUNT ? TABLES[table] : "?";
}

int store_journal_table_parse(const char *name)
{
    for (int i = 0; name && i < JOURNAL_TABLE_COUNT; i++)
        if (strcmp(TABLES[i], name) == 0)
            return i;
    return -1;
}

struct journal_entry {
    enum journal_table table;
    int64_t id;
    bool added;
    char *before; /* JSON object of the row before the change; NULL when added */
};

struct store_journal {
    struct journal_entry *entries;
    size_t count, capacity;
    /* An index of (table, id) → entry + 1, open addressing, for rows
     * touched more than once in one change (an import touches many). */
    size_t *slots;
    size_t slot_count;
    int64_t audit_first, audit_last;
    /* More rows than STORE_JOURNAL_MAX_ROWS: nothing more is kept, and the
     * change is recorded as too big to undo (memory stays flat however
     * many rows a bulk import adds). */
    bool too_big;
};

/* ---- reading a row whole ---- */

/* The row's statement, prepared once per table. */
static struct db_statement *row_statement(struct fd_store *store, enum journal_table table,
                                          struct fd_error *err)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?1", TABLES[table]);
    return store_statement(store, STMT_JOURNAL_ROW_FIRST + (int)table, sql, err);
}

static uint64_t fnv(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        hash ^= p[i];
        hash *= 1099511628211u;
    }
    return hash;
}

/* Reads the row: its JSON image (may be NULL: not wanted) and its
 * fingerprint.  *exists false when there is no such row. */
static int read_row(struct fd_store *store, enum journal_table table, int64_t id, json_t **image,
                    uint64_t *hash, bool *exists, struct fd_error *err)
{
    struct db_statement *statement = row_statement(store, table, err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    int rc = db_step(statement, err, "reading a row for undo");
    *exists = rc == DB_ROW;
    *hash = 14695981039346656037u;
    if (image)
        *image = NULL;
    if (rc == DB_ROW) {
        json_t *object = image ? json_object() : NULL;
        const char *const *unhashed = message_columns(table);
        for (int c = 0; c < db_column_count(statement); c++) {
            const char *name = db_column_name(statement, c);
            enum db_value kind = db_column_kind(statement, c);
            if (listed(unhashed, name)) {
                if (object && kind == DB_VALUE_INTEGER)
                    json_object_set_new(object, name, json_integer(db_column_int64(statement, c)));
                else if (object && kind == DB_VALUE_TEXT)
                    json_object_set_new(object, name, json_string(db_column_text(statement, c)));
                else if (object)
                    json_object_set_new(object, name, json_null());
                continue;
            }
            *hash = fnv(*hash, name, strlen(name) + 1);
            *hash = fnv(*hash, &(char){(char)kind}, 1);
            if (kind == DB_VALUE_INTEGER) {
                int64_t value = db_column_int64(statement, c);
                *hash = fnv(*hash, &value, sizeof value);
                if (object)
                    json_object_set_new(object, name, json_integer(value));
            } else if (kind == DB_VALUE_TEXT) {
                const char *value = db_column_text(statement, c);
                *hash = fnv(*hash, value, strlen(value) + 1);
                if (object)
                    json_object_set_new(object, name, json_string(value));
            } else if (object) {
                json_object_set_new(object, name, json_null());
            }
        }
        if (image)
            *image = object;
    }
    db_reset(statement);
    return rc < 0 ? rc : 0;
}

/* ---- recording ---- */

static void forget_entries(struct store_journal *j)
{
    for (size_t i = 0; i < j->count; i++)
        free(j->entries[i].before);
    free(j->entries);
    free(j->slots);
    j->entries = NULL;
    j->slots = NULL;
    j->count = j->capacity = j->slot_count = 0;
}

void store_journal_begin(struct fd_store *store)
{
    store_journal_stop(store);
    store->journal = calloc(1, sizeof *store->journal);
}

void store_journal_stop(struct fd_store *store)
{
    struct store_journal *j = store->journal;
    if (!j)
        return;
    forget_entries(j);
    free(j);
    store->journal = NULL;
}

static size_t slot_of(enum journal_table table, int64_t id, size_t slot_count)
{
    uint64_t key = (uint64_t)id * 0x9E3779B97F4A7C15u ^ (uint64_t)table;
    return (size_t)(key % slot_count);
}

/* The entry of (table, id), or NULL. */
static struct journal_entry *find(struct store_journal *j, enum journal_table table, int64_t id)
{
    if (!j->slot_count)
        return NULL;
    for (size_t s = slot_of(table, id, j->slot_count);; s = (s + 1) % j->slot_count) {
        if (!j->slots[s])
            return NULL;
        struct journal_entry *e = &j->entries[j->slots[s] - 1];
        if (e->table == table && e->id == id)
            return e;
    }
}

static int grow_index(struct store_journal *j)
{
    size_t count = j->slot_count ? j->slot_count * 2 : 64;
    size_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < j->count; i++) {
        size_t s = slot_of(j->entries[i].table, j->entries[i].id, count);
        while (slots[s])
            s = (s + 1) % count;
        slots[s] = i + 1;
    }
    free(j->slots);
    j->slots = slots;
    j->slot_count = count;
    return 0;
}

static int add_entry(struct store_journal *j, enum journal_table table, int64_t id, bool added,
                     char *before, struct fd_error *err)
{
    if (j->count == STORE_JOURNAL_MAX_ROWS) {
        free(before);
        forget_entries(j);
        j->too_big = true;
        return 0;
    }
    if (j->count == j->capacity) {
        size_t capacity = j->capacity ? j->capacity * 2 : 16;
        struct journal_entry *entries = realloc(j->entries, capacity * sizeof *entries);
        if (!entries) {
            free(before);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
        j->entries = entries;
        j->capacity = capacity;
    }
    if ((j->count + 1) * 2 > j->slot_count && grow_index(j) < 0) {
        free(before);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    j->entries[j->count] = (struct journal_entry){table, id, added, before};
    size_t s = slot_of(table, id, j->slot_count);
    while (j->slots[s])
        s = (s + 1) % j->slot_count;
    j->slots[s] = ++j->count;
    return 0;
}

int store_journal_touch(struct fd_store *store, enum journal_table table, int64_t id,
                        struct fd_error *err)
{
    struct store_journal *j = store->journal;
    if (!j || j->too_big || find(j, table, id))
        return 0;
    json_t *image = NULL;
    uint64_t hash;
    bool exists;
    int rc = read_row(store, table, id, &image, &hash, &exists, err);
    if (rc < 0 || !exists) {
        json_decref(image);
        return rc; /* no such row: the change itself will say so */
    }
    char *before = json_dumps(image, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(image);
    if (!before)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    return add_entry(j, table, id, false, before, err);
}

int store_journal_added(struct fd_store *store, enum journal_table table, int64_t id,
                        struct fd_error *err)
{
    struct store_journal *j = store->journal;
    if (!j || j->too_big || find(j, table, id))
        return 0;
    return add_entry(j, table, id, true, NULL, err);
}

void store_journal_audit(struct fd_store *store, int64_t audit_id)
{
    struct store_journal *j = store->journal;
    if (!j)
        return;
    if (!j->audit_first)
        j->audit_first = audit_id;
    j->audit_last = audit_id;
}

int store_journal_end(struct fd_store *store, char **json, int64_t *audit_first,
                      int64_t *audit_last, struct fd_error *err)
{
    *json = NULL;
    struct store_journal *j = store->journal;
    if (j && j->too_big) {
        /* Recorded all the same, so that undo refuses it rather than
         * reaching past it to the change before. */
        *json = strdup("{\"too_big\":true}");
        *audit_first = j->audit_first;
        *audit_last = j->audit_last;
        store_journal_stop(store);
        return *json ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    if (!j || j->count == 0) {
        store_journal_stop(store);
        return 0;
    }
    /* Written out as text, row by row: a big import journals a row per
     * request and client, and a tree of JSON objects for them all would
     * cost many times the memory of the text.  The "before" images are
     * JSON already; the rest is names, numbers and hex. */
    size_t size = 0;
    FILE *out = open_memstream(json, &size);
    if (!out) {
        store_journal_stop(store);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    int rc = 0;
    fputc('[', out);
    for (size_t i = 0; rc == 0 && i < j->count; i++) {
        const struct journal_entry *e = &j->entries[i];
        uint64_t hash;
        bool exists;
        rc = read_row(store, e->table, e->id, NULL, &hash, &exists, err);
        fprintf(out, "%s{\"table\":\"%s\",\"id\":%lld,\"after\":", i ? "," : "", TABLES[e->table],
                (long long)e->id);
        if (exists)
            fprintf(out, "\"%016llx\"", (unsigned long long)hash);
        else
            fputs("null", out);
        if (!e->added)
            fprintf(out, ",\"before\":%s", e->before);
        fputc('}', out);
    }
    fputc(']', out);
    if (fclose(out) != 0 && rc == 0)
        rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (rc < 0) {
        free(*json);
        *json = NULL;
    }
    *audit_first = j->audit_first;
    *audit_last = j->audit_last;
    store_journal_stop(store);
    return rc;
}

/* ---- putting rows back ---- */

struct journal_rows {
    json_t *rows;
};

int store_journal_open(const char *json, struct journal_rows **out, size_t *count,
                       struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    json_t *rows = json_loads(json, 0, NULL);
    if (json_is_object(rows) && json_is_true(json_object_get(rows, "too_big"))) {
        json_decref(rows);
        return fd_fail(err, FD_ERR_RULE, "it changed more than %d rows, too many to keep for undo",
                       STORE_JOURNAL_MAX_ROWS);
    }
    if (!json_is_array(rows)) {
        json_decref(rows);
        return fd_fail(err, FD_ERR_DATA, "the undo record cannot be read");
    }
    *out = malloc(sizeof **out);
    if (!*out) {
        json_decref(rows);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    (*out)->rows = rows;
    *count = json_array_size(rows);
    return 0;
}

void store_journal_close(struct journal_rows *rows)
{
    if (rows)
        json_decref(rows->rows);
    free(rows);
}

int store_journal_row(const struct journal_rows *rows, size_t index, struct journal_row *out)
{
    json_t *row = json_array_get(rows->rows, index);
    memset(out, 0, sizeof *out);
    int table = store_journal_table_parse(json_string_value(json_object_get(row, "table")));
    if (table < 0)
        return -1;
    out->table = (enum journal_table)table;
    out->id = json_integer_value(json_object_get(row, "id"));
    out->added = json_object_get(row, "before") == NULL;
    const char *after = json_string_value(json_object_get(row, "after"));
    out->gone_after = after == NULL;
    out->after_hash = after ? strtoull(after, NULL, 16) : 0;
    out->before = json_object_get(row, "before");
    return 0;
}

int store_journal_column(const struct journal_row *row, const char *column, int64_t *out)
{
    json_t *value = row->before ? json_object_get(row->before, column) : NULL;
    if (!json_is_integer(value))
        return -1;
    *out = json_integer_value(value);
    return 0;
}

int store_row_fingerprint(struct fd_store *store, enum journal_table table, int64_t id,
                          uint64_t *hash, bool *exists, struct fd_error *err)
{
    return read_row(store, table, id, NULL, hash, exists, err);
}

/* A column an undo writes: not the id, not one left as it is now. */
static bool written(const char *name, const char *const *skip)
{
    return strcmp(name, "id") != 0 && store_plain_name(name) && !listed(skip, name);
}

/* Binds the written values in the image's column order, from *index. */
static void bind_image(struct db_statement *statement, json_t *image, const char *const *skip,
                       int *index)
{
    const char *name;
    json_t *value;
    json_object_foreach(image, name, value)
    {
        if (!written(name, skip))
            continue;
        if (json_is_integer(value))
            db_bind_int64(statement, (*index)++, json_integer_value(value));
        else if (json_is_string(value))
            db_bind_text(statement, (*index)++, json_string_value(value), false);
        else
            db_bind_null(statement, (*index)++);
    }
}

int store_row_restore(struct fd_store *store, const struct journal_row *row, struct fd_error *err)
{
    const char *const *skip = message_columns(row->table);
    const char *table = TABLES[row->table];
    char *sql = NULL;
    size_t size = 0;
    FILE *text = open_memstream(&sql, &size);
    if (!text)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    int columns = 0;
    if (row->added) {
        fprintf(text, "DELETE FROM %s WHERE id = ?1", table);
    } else {
        /* Back as it was: updated in place, or inserted again if the
         * change deleted it. */
        bool exists;
        uint64_t hash;
        int rc = read_row(store, row->table, row->id, NULL, &hash, &exists, err);
        if (rc < 0) {
            fclose(text);
            free(sql);
            return rc;
        }
        const char *name;
        json_t *value;
        if (exists) {
            fprintf(text, "UPDATE %s SET", table);
            json_object_foreach(row->before, name, value)
            {
                if (!written(name, skip))
                    continue;
                fprintf(text, "%s \"%s\" = ?%d", columns ? "," : "", name, columns + 1);
                columns++;
            }
            fprintf(text, " WHERE id = ?%d", columns + 1);
        } else {
            skip = NULL; /* a row put back whole */
            fprintf(text, "INSERT INTO %s (", table);
            json_object_foreach(row->before, name, value)
            {
                if (!written(name, NULL))
                    continue;
                fprintf(text, "%s\"%s\"", columns ? ", " : "", name);
                columns++;
            }
            fprintf(text, ", id) VALUES (");
            for (int i = 1; i <= columns + 1; i++)
                fprintf(text, "%s?%d", i > 1 ? ", " : "", i);
            fprintf(text, ")");
        }
    }
    fclose(text);
    struct db_statement *statement = NULL;
    int rc = db_prepare(store->db, sql, &statement, err);
    free(sql);
    if (rc < 0)
        return rc;
    int index = 1;
    if (row->added) {
        db_bind_int64(statement, index++, row->id);
    } else {
        bind_image(statement, row->before, skip, &index);
        db_bind_int64(statement, index, row->id);
    }
    rc = db_step(statement, err, "putting a row back");
    db_finalize(statement);
    return rc < 0 ? rc : 0;
}

/* ---- undo records ---- */

int store_undo_insert(struct fd_store *store, struct fd_undo *undo, const char *data,
                      struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_UNDO_INSERT,
                        "INSERT INTO undo(at, who, kind, summary, data, audit_from, audit_to)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, undo->at);
    db_bind_text(statement, 2, undo->who, false);
    db_bind_text(statement, 3, undo->kind, false);
    db_bind_text(statement, 4, undo->summary, false);
    db_bind_text(statement, 5, data, false);
    db_bind_int64(statement, 6, undo->audit_from);
    db_bind_int64(statement, 7, undo->audit_to);
    return store_step_insert(statement, &undo->id, err, "recording what can be undone");
}

static void read_undo(struct db_statement *statement, void *row)
{
    struct fd_undo *u = row;
    u->id = db_column_int64(statement, 0);
    u->at = db_column_int64(statement, 1);
    store_column_text(statement, 2, u->who, sizeof u->who);
    store_column_text(statement, 3, u->kind, sizeof u->kind);
    store_column_text(statement, 4, u->summary, sizeof u->summary);
    u->audit_from = db_column_int64(statement, 5);
    u->audit_to = db_column_int64(statement, 6);
    u->undone_at = db_column_int64(statement, 7);
}

int store_undo_latest(struct fd_store *store, const char *who, struct fd_undo *out, char **data,
                      struct fd_error *err)
{
    *data = NULL;
    struct db_statement *statement = store_statement(
        store, STMT_UNDO_LATEST,
        "SELECT id, at, who, kind, summary, audit_from, audit_to, coalesce(undone_at, 0), data"
        " FROM undo WHERE who = ?1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, who, false);
    int rc = db_step(statement, err, "finding the last change");
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        read_undo(statement, out);
        const char *text = db_column_text(statement, 8);
        *data = strdup(text ? text : "[]");
        if (!*data)
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    db_reset(statement);
    return rc < 0 ? rc : rc == DB_ROW ? 0 : 1;
}

int store_undo_applying(struct fd_store *store, int64_t id, bool applying, fd_time undone_at,
                        struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_UNDO_APPLYING,
                        "UPDATE undo SET applying = ?2, undone_at = ?3 WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, applying);
    if (undone_at)
        db_bind_int64(statement, 3, undone_at);
    else
        db_bind_null(statement, 3);
    int rc = store_step_done(statement, err, "marking the undo");
    return rc < 0 ? rc : store_expect_change(statement, "undo record", id, err);
}

int store_undo_prune(struct fd_store *store, fd_time before, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_UNDO_PRUNE, "DELETE FROM undo WHERE at < ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, before);
    return store_step_done(statement, err, "forgetting old undo records");
}

int store_audit_since(struct fd_store *store, const char *entity, int64_t entity_id,
                      int64_t after_id, struct fd_audit_entry *out, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_AUDIT_SINCE,
                        "SELECT id, at, who, what, entity, entity_id FROM audit"
                        " WHERE entity = ?1 AND entity_id = ?2 AND id > ?3 ORDER BY id LIMIT 1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, entity, false);
    db_bind_int64(statement, 2, entity_id);
    db_bind_int64(statement, 3, after_id);
    int rc = db_step(statement, err, "reading the audit log");
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        out->id = db_column_int64(statement, 0);
        out->at = db_column_int64(statement, 1);
        store_column_text(statement, 2, out->who, sizeof out->who);
        store_column_text(statement, 3, out->what, sizeof out->what);
        store_column_text(statement, 4, out->entity, sizeof out->entity);
        out->entity_id = db_column_int64(statement, 5);
    }
    db_reset(statement);
    return rc < 0 ? rc : rc == DB_ROW ? 0 : 1;
}

bool store_failed_on_reference(struct fd_store *store)
{
    return db_last_failure(store->db) == DB_FAILURE_REFERENCED;
}
