/* Therapists, rota rules and time off: adding, removing and expanding. */
#include "ops_internal.h"

#include <frontdesk/clock.h>
#include <frontdesk/text.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool handle_is_valid(const char *handle)
{
    /* Words of the command line that a handle would hide ("rota off
     * list"). */
    static const char *const RESERVED[] = {"list", "remove", "add", "edit", "show", "off"};
    size_t length = strlen(handle);
    if (length == 0 || length >= FD_HANDLE_SIZE || !isalpha((unsigned char)handle[0]))
        return false;
    for (size_t i = 0; i < sizeof RESERVED / sizeof RESERVED[0]; i++)
        if (strcasecmp(handle, RESERVED[i]) == 0)
            return false;
    for (const char *p = handle; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
            return false;
    return true;
}

static int therapist_add(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct fd_therapist *therapist = arg;
    int rc = store_therapist_insert(ops_store(ctx), therapist, err);
    if (rc == 0)
        rc = ops_audit(ctx, "therapist", therapist->id, err, "therapist %s added",
                       therapist->handle);
    return rc;
}

int ops_therapist_add(struct fd_context *ctx, const char *handle, const char *name,
                      const char *email, struct fd_therapist *out, struct fd_error *err)
{
    struct fd_therapist therapist = {.active = true};
    if (!handle || !handle_is_valid(handle))
        return fd_fail(
            err, FD_ERR_USAGE,
            "handle: \"%s\" must be a short word of letters, digits, - or _ (such as prim)",
            handle ? handle : "");
    text_copy_trimmed(therapist.name, sizeof therapist.name, name);
    if (!therapist.name[0])
        return fd_fail(err, FD_ERR_USAGE, "--name: the therapist's full name is required");
    if (!text_is_clean_utf8(therapist.name, strlen(therapist.name), false))
        return fd_fail(err, FD_ERR_DATA, "--name: not valid UTF-8 text");
    if (email && *email && text_check_email("--email", email, FD_ERR_DATA, err) < 0)
        return -FD_ERR_DATA;
    text_copy(therapist.handle, sizeof therapist.handle, handle);
    text_copy(therapist.email, sizeof therapist.email, email);
    int rc = ops_run(ctx, therapist_add, &therapist, err);
    if (rc == 0 && out)
        *out = therapist;
    return rc;
}

/* ---- rules ------------------------------------------------------------------ */

void ops_rule_describe(const struct rota_rule *rule, char *out, size_t size)
{
    char pattern[96], from[FD_HM_LEN], to[FD_HM_LEN];
    rota_describe(rule, pattern, sizeof pattern);
    time_format_hm(rule->start, from);
    time_format_hm(rule->end, to);
    snprintf(out, size, "%s %s-%s", pattern, from, to);
}

/* Checks the rule's shape and that its therapist and clinic exist. */
static int check_rule(struct fd_context *ctx, const struct rota_rule *rule, struct fd_error *err)
{
    struct fd_therapist therapist;
    int rc = store_therapist_get(ops_store(ctx), rule->therapist_id, &therapist, err);
    if (rc < 0)
        return rc;
    if (!config_clinic_by_id(&ctx->config, rule->clinic_id))
        return fd_fail(err, FD_ERR_DATA, "--clinic: there is no clinic %lld in %s",
                       (long long)rule->clinic_id, ctx->config.source);
    if (rule->start >= rule->end)
        return fd_fail(err, FD_ERR_USAGE, "--to: the shift must end after it starts");
    if (rule->valid_from != FD_DAY_NONE && rule->valid_until != FD_DAY_NONE &&
        rule->valid_until < rule->valid_from)
        return fd_fail(err, FD_ERR_USAGE, "--valid-until: must not be before --valid-from");
    if (rule->pattern == ROTA_WEEKLY && (rule->weekdays & 0x7Fu) == 0)
        return fd_fail(err, FD_ERR_USAGE, "--weekly: name at least one day");
    return 0;
}

/* Inside the transaction: no other rule of the therapist (at any clinic)
 * puts them somewhere else at the same time, and none is the same rule.
 * `self` is the rule being edited (0: a new one); its old versions are not
 * others. */
static int check_clashes(struct fd_context *ctx, const struct rota_rule *rule, int64_t self,
                         struct fd_error *err)
{
    struct rota_rule *rules = NULL;
    size_t count = 0;
    int rc = store_rule_list(ops_store(ctx), rule->therapist_id, &rules, &count, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        const struct rota_rule *other = &rules[i];
        if (other->id == self || (self && other->superseded_by == self))
            continue;
        char text[160];
        ops_rule_describe(other, text, sizeof text);
        const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, other->clinic_id);
        fd_day on;
        if (rota_rules_same(rule, other)) {
            rc = fd_fail(err, FD_ERR_RULE, "that is the same as rota rule %lld (%s at %s)",
                         (long long)other->id, text, clinic ? clinic->name : "?");
        } else if (rota_rules_clash(rule, other, time_day(ctx->now), &on)) {
            char day[FD_DATE_LEN];
            date_format(on, day);
            rc = fd_fail(err, FD_ERR_RULE,
                         "that clashes with rota rule %lld (%s at %s): both would put the "
                         "therapist in two places on %s %s",
                         (long long)other->id, text, clinic ? clinic->name : "?",
                         date_weekday_name(date_weekday(on)), day);
        }
    }
    free(rules);
    return rc;
}

static int rota_add(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct rota_rule *rule = arg;
    int rc = check_clashes(ctx, rule, 0, err);
    if (rc == 0)
        rc = store_rule_insert(ops_store(ctx), rule, err);
    if (rc == 0) {
        char text[160];
        ops_rule_describe(rule, text, sizeof text);
        rc = ops_audit(ctx, "shift_rule", rule->id, err, "rota rule added: %s", text);
    }
    return rc;
}

int ops_rota_add(struct fd_context *ctx, struct rota_rule *rule, struct fd_error *err)
{
    rule->superseded_by = 0;
    int rc = check_rule(ctx, rule, err);
    return rc < 0 ? rc : ops_run(ctx, rota_add, rule, err);
}

/* The day a change takes effect: the one asked for, or today. */
static fd_day effective_day(const struct fd_context *ctx, const struct rota_change *change)
{
    return change->from_date != FD_DAY_NONE ? change->from_date : time_day(ctx->now);
}

struct rule_edit {
    int64_t id;
    struct rota_rule *rule; /* NULL: remove */
    struct rota_change *change;
};

/* Ends an old rule the day before `from`, keeping it for the weeks it
 * made; or, when it never applied before `from`, deletes it. */
static int end_rule(struct fd_context *ctx, struct rota_rule *old, fd_day from,
                    struct fd_error *err)
{
    if (!rota_rule_applies_before(old, from))
        return store_rule_delete(ops_store(ctx), old->id, err);
    old->valid_until = from - 1;
    return store_rule_update(ops_store(ctx), old, err);
}

static int rule_edit_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct rule_edit *edit = arg;
    struct rota_rule old;
    int rc = store_rule_get(ops_store(ctx), edit->id, &old, err);
    if (rc == 0 && old.superseded_by)
        rc = fd_fail(err, FD_ERR_RULE, "rota rule %lld is an old version of rule %lld; change that",
                     (long long)edit->id, (long long)old.superseded_by);
    fd_day from = effective_day(ctx, edit->change);
    if (rc == 0 && old.valid_until != FD_DAY_NONE && old.valid_until < from)
        rc = fd_fail(err, FD_ERR_RULE, "rota rule %lld already ended", (long long)edit->id);
    struct strand_check check = {0};
    if (rc == 0)
        rc = ops_strand_before(ctx, old.therapist_id, from, &check, err);
    char before[160], day[FD_DATE_LEN], what[FD_TEXT_SIZE], audit[FD_TEXT_SIZE];
    ops_rule_describe(&old, before, sizeof before);
    date_format(from, day);
    if (rc == 0 && !edit->rule) {
        rc = end_rule(ctx, &old, from, err);
        snprintf(what, sizeof what, "removing rota rule %lld (%s) from %s", (long long)old.id,
                 before, day);
        snprintf(audit, sizeof audit, "rota rule removed from %s: %s", day, before);
    } else if (rc == 0) {
        /* The edited rule keeps its id; the weeks before `from` keep the
         * old version as a row of its own. */
        struct rota_rule *rule = edit->rule;
        rule->id = old.id;
        rule->superseded_by = 0;
        if (rota_rule_applies_before(&old, from)) {
            struct rota_rule history = old;
            history.valid_until = from - 1;
            history.superseded_by = old.id;
            rc = store_rule_insert(ops_store(ctx), &history, err);
            if (rc == 0 && (rule->valid_from == FD_DAY_NONE || rule->valid_from < from))
                rule->valid_from = from;
        }
        if (rc == 0)
            rc = check_clashes(ctx, rule, old.id, err);
        if (rc == 0)
            rc = store_rule_update(ops_store(ctx), rule, err);
        char after[160];
        ops_rule_describe(rule, after, sizeof after);
        snprintf(what, sizeof what, "changing rota rule %lld from %s (%s → %s)", (long long)old.id,
                 day, before, after);
        snprintf(audit, sizeof audit, "rota rule changed from %s: %s → %s", day, before, after);
    }
    if (rc == 0)
        rc = ops_strand_after(ctx, &check, what, edit->change, err);
    if (rc == 0)
        rc = ops_audit(ctx, "shift_rule", old.id, err, "%s%s", audit,
                       edit->change->stranded_count ? " (bookings kept outside the rota)" : "");
    ops_strand_free(&check);
    return rc;
}

int ops_rota_edit(struct fd_context *ctx, int64_t id, struct rota_rule *rule,
                  struct rota_change *change, struct fd_error *err)
{
    int rc = check_rule(ctx, rule, err);
    struct rule_edit edit = {id, rule, change};
    return rc < 0 ? rc : ops_run(ctx, rule_edit_step, &edit, err);
}

int ops_rota_remove(struct fd_context *ctx, int64_t rule_id, struct rota_change *change,
                    struct fd_error *err)
{
    struct rule_edit edit = {rule_id, NULL, change};
    return ops_run(ctx, rule_edit_step, &edit, err);
}

/* ---- time off ----------------------------------------------------------------- */

struct time_off_change {
    struct time_off off;
    const char *reason;
    struct rota_change *change;
};

static int rota_off(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct time_off_change *change = arg;
    struct strand_check check;
    int rc =
        ops_strand_before(ctx, change->off.therapist_id, time_day(change->off.from), &check, err);
    if (rc == 0)
        rc = store_time_off_insert(ops_store(ctx), &change->off, change->reason, err);
    char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN], what[FD_TEXT_SIZE];
    datetime_format(change->off.from, from);
    datetime_format(change->off.to, to);
    snprintf(what, sizeof what, "time off from %s to %s", from, to);
    if (rc == 0)
        rc = ops_strand_after(ctx, &check, what, change->change, err);
    if (rc == 0)
        rc = ops_audit(ctx, "time_off", change->off.id, err, "%s added%s%s", what,
                       change->reason && *change->reason ? ": " : "",
                       change->reason ? change->reason : "");
    ops_strand_free(&check);
    return rc;
}

int ops_rota_off(struct fd_context *ctx, int64_t therapist_id, fd_time from, fd_time to,
                 const char *reason, struct rota_change *change, int64_t *id, struct fd_error *err)
{
    struct fd_therapist therapist;
    int rc = store_therapist_get(ops_store(ctx), therapist_id, &therapist, err);
    if (rc < 0)
        return rc;
    if (to <= from)
        return fd_fail(err, FD_ERR_USAGE, "--to: the time off must end after it starts");
    rc = clock_check_local_time("--from", from, ctx->config.timezone, err);
    if (rc == 0)
        rc = clock_check_local_time("--to", to, ctx->config.timezone, err);
    if (rc < 0)
        return rc;
    struct time_off_change off = {.off = {.therapist_id = therapist.id, .from = from, .to = to},
                                  .reason = reason,
                                  .change = change};
    rc = ops_run(ctx, rota_off, &off, err);
    if (rc == 0 && id)
        *id = off.off.id;
    return rc;
}

static int time_off_remove(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    int64_t id = *(int64_t *)arg;
    struct fd_time_off_record record;
    int rc = store_time_off_get(ops_store(ctx), id, &record, err);
    if (rc == 0)
        rc = store_time_off_delete(ops_store(ctx), id, err);
    if (rc == 0) {
        char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN];
        datetime_format(record.off.from, from);
        datetime_format(record.off.to, to);
        rc = ops_audit(ctx, "time_off", id, err, "time off from %s to %s removed", from, to);
    }
    return rc;
}

int ops_time_off_remove(struct fd_context *ctx, int64_t id, struct fd_error *err)
{
    return ops_run(ctx, time_off_remove, &id, err);
}

int ops_shifts(struct fd_context *ctx, fd_day from, fd_day to, int64_t therapist_id,
               struct shift_list *out, struct fd_error *err)
{
    struct rota_rule *rules = NULL;
    struct fd_time_off_record *records = NULL;
    size_t rule_count = 0, record_count = 0;
    int rc = store_rule_list(ops_store(ctx), therapist_id, &rules, &rule_count, err);
    if (rc == 0)
        rc = store_time_off_list(ops_store(ctx), therapist_id, time_make(from, 0),
                                 time_make(to + 1, 0), &records, &record_count, err);
    struct time_off *offs = NULL;
    if (rc == 0 && record_count) {
        offs = calloc(record_count, sizeof *offs);
        if (!offs)
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        for (size_t i = 0; offs && i < record_count; i++)
            offs[i] = records[i].off;
    }
    if (rc == 0)
        rc = rota_expand(rules, rule_count, offs, record_count, &ctx->config.calendar, from, to,
                         out, err);
    /* A site's own closures take its shifts away too. */
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < out->count; i++) {
        const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, out->items[i].clinic_id);
        if (!clinic || !config_clinic_closed(&ctx->config, clinic, out->items[i].day))
            out->items[kept++] = out->items[i];
    }
    if (rc == 0)
        out->count = kept;
    free(offs);
    free(records);
    free(rules);
    return rc;
}
