/* Rota rules and time off in the store. */
#include "store_internal.h"

#include <string.h>

static const char *const PATTERN_NAMES[] = {"weekly", "monthly", "once"};

static void bind_rule(struct db_statement *statement, const struct rota_rule *rule);

int store_rule_insert(struct fd_store *store, struct rota_rule *rule, struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_RULE_INSERT,
        "INSERT INTO shift_rule(therapist_id, clinic_id, pattern, weekdays, nth, weekday,"
        " once_day, start_minute, end_minute, valid_from, valid_until, superseded_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bind_rule(statement, rule);
    int rc = store_step_insert(statement, &rule->id, err, "adding the rota rule");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_SHIFT_RULE, rule->id, err);
}

int store_rule_update(struct fd_store *store, const struct rota_rule *rule, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_SHIFT_RULE, rule->id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_RULE_UPDATE,
        "UPDATE shift_rule SET therapist_id = ?1, clinic_id = ?2, pattern = ?3, weekdays = ?4,"
        " nth = ?5, weekday = ?6, once_day = ?7, start_minute = ?8, end_minute = ?9,"
        " valid_from = ?10, valid_until = ?11, superseded_by = ?12 WHERE id = ?13",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    bind_rule(statement, rule);
    db_bind_int64(statement, 13, rule->id);
    int rc = store_step_done(statement, err, "changing the rota rule");
    return rc < 0 ? rc : store_expect_change(statement, "rota rule", rule->id, err);
}

static void bind_rule(struct db_statement *statement, const struct rota_rule *rule)
{
    db_bind_int64(statement, 1, rule->therapist_id);
    db_bind_int64(statement, 2, rule->clinic_id);
    db_bind_text(statement, 3, PATTERN_NAMES[rule->pattern], false);
    db_bind_int64(statement, 4, (int64_t)rule->weekdays);
    db_bind_int64(statement, 5, rule->nth);
    db_bind_int64(statement, 6, rule->weekday);
    store_bind_day(statement, 7, rule->pattern == ROTA_ONCE ? rule->once_day : FD_DAY_NONE);
    db_bind_int64(statement, 8, rule->start);
    db_bind_int64(statement, 9, rule->end);
    store_bind_day(statement, 10, rule->valid_from);
    store_bind_day(statement, 11, rule->valid_until);
    db_bind_id(statement, 12, rule->superseded_by);
}

int store_rule_delete(struct fd_store *store, int64_t id, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_SHIFT_RULE, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_RULE_DELETE, "DELETE FROM shift_rule WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    int rc = store_step_done(statement, err, "removing the rota rule");
    return rc < 0 ? rc : store_expect_change(statement, "rota rule", id, err);
}

#define RULE_COLUMNS                                                                               \
    "SELECT id, therapist_id, clinic_id, pattern, weekdays, nth, weekday, once_day,"               \
    " start_minute, end_minute, valid_from, valid_until, superseded_by FROM shift_rule"

static void read_rule(struct db_statement *statement, void *row)
{
    struct rota_rule *rule = row;
    rule->id = db_column_int64(statement, 0);
    rule->therapist_id = db_column_int64(statement, 1);
    rule->clinic_id = db_column_int64(statement, 2);
    const char *pattern = db_column_text(statement, 3);
    rule->pattern = ROTA_WEEKLY;
    for (int p = 0; p < 3; p++)
        if (pattern && strcmp(pattern, PATTERN_NAMES[p]) == 0)
            rule->pattern = (enum rota_pattern)p;
    rule->weekdays = (unsigned)db_column_int64(statement, 4);
    rule->nth = (int)db_column_int64(statement, 5);
    rule->weekday = (int)db_column_int64(statement, 6);
    rule->once_day = store_column_day(statement, 7);
    rule->start = (int)db_column_int64(statement, 8);
    rule->end = (int)db_column_int64(statement, 9);
    rule->valid_from = store_column_day(statement, 10);
    rule->valid_until = store_column_day(statement, 11);
    rule->superseded_by = db_column_int64(statement, 12);
}

int store_rule_get(struct fd_store *store, int64_t id, struct rota_rule *out, struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_RULE_GET, RULE_COLUMNS " WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_rule, err, "rota rule", id);
}

int store_rule_list(struct fd_store *store, int64_t therapist_id, struct rota_rule **out,
                    size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement = store_statement(
        store, STMT_RULE_LIST, RULE_COLUMNS " WHERE ?1 = 0 OR therapist_id = ?1 ORDER BY id", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, therapist_id);
    return store_collect(statement, (void **)out, count, sizeof **out, read_rule, err,
                         "listing the rota");
}

int store_time_off_insert(struct fd_store *store, struct time_off *off, const char *reason,
                          struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_TIME_OFF_INSERT,
                        "INSERT INTO time_off(therapist_id, from_time, to_time, reason)"
                        " VALUES (?1, ?2, ?3, ?4) RETURNING id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, off->therapist_id);
    db_bind_int64(statement, 2, off->from);
    db_bind_int64(statement, 3, off->to);
    db_bind_text(statement, 4, reason, true);
    int rc = store_step_insert(statement, &off->id, err, "adding the time off");
    return rc < 0 ? rc : store_journal_added(store, JOURNAL_TIME_OFF, off->id, err);
}

static void read_time_off(struct db_statement *statement, void *row)
{
    struct fd_time_off_record *record = row;
    record->off.id = db_column_int64(statement, 0);
    record->off.therapist_id = db_column_int64(statement, 1);
    record->off.from = db_column_int64(statement, 2);
    record->off.to = db_column_int64(statement, 3);
    store_column_text(statement, 4, record->reason, sizeof record->reason);
}

int store_time_off_list(struct fd_store *store, int64_t therapist_id, fd_time from, fd_time to,
                        struct fd_time_off_record **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_TIME_OFF_LIST,
                        "SELECT id, therapist_id, from_time, to_time, reason FROM time_off"
                        " WHERE (?1 = 0 OR therapist_id = ?1) AND from_time < ?3 AND to_time > ?2"
                        " ORDER BY from_time",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, therapist_id);
    db_bind_int64(statement, 2, from);
    db_bind_int64(statement, 3, to);
    return store_collect(statement, (void **)out, count, sizeof **out, read_time_off, err,
                         "listing time off");
}

int store_time_off_get(struct fd_store *store, int64_t id, struct fd_time_off_record *out,
                       struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_TIME_OFF_GET,
                        "SELECT id, therapist_id, from_time, to_time, reason FROM time_off"
                        " WHERE id = ?1",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_time_off, err, "time off", id);
}

int store_time_off_delete(struct fd_store *store, int64_t id, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_TIME_OFF, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement =
        store_statement(store, STMT_TIME_OFF_DELETE, "DELETE FROM time_off WHERE id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    int rc = store_step_done(statement, err, "removing the time off");
    return rc < 0 ? rc : store_expect_change(statement, "time off", id, err);
}
