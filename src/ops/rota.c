/* Therapists, rota rules and time off: adding, removing and expanding. */
#include "ops_internal.h"

#include <frontdesk/text.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool handle_is_valid(const char *handle)
{
    size_t length = strlen(handle);
    if (length == 0 || length >= FD_HANDLE_SIZE || !isalpha((unsigned char)handle[0]))
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

static int rota_add(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct rota_rule *rule = arg;
    int rc = store_rule_insert(ops_store(ctx), rule, err);
    if (rc == 0) {
        char description[96], from[FD_HM_LEN], to[FD_HM_LEN];
        rota_describe(rule, description, sizeof description);
        time_format_hm(rule->start, from);
        time_format_hm(rule->end, to);
        rc = ops_audit(ctx, "shift_rule", rule->id, err, "rota rule added: %s %s-%s", description,
                       from, to);
    }
    return rc;
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

int ops_rota_add(struct fd_context *ctx, struct rota_rule *rule, struct fd_error *err)
{
    int rc = check_rule(ctx, rule, err);
    return rc < 0 ? rc : ops_run(ctx, rota_add, rule, err);
}

struct rule_replacement {
    int64_t old_id;
    struct rota_rule *rule;
};

static int rota_replace(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct rule_replacement *change = arg;
    int rc = store_rule_delete(ops_store(ctx), change->old_id, err);
    if (rc == 0)
        rc = rota_add(ctx, change->rule, err);
    if (rc == 0)
        rc = ops_audit(ctx, "shift_rule", change->old_id, err, "rota rule replaced by rule %lld",
                       (long long)change->rule->id);
    return rc;
}

int ops_rota_replace(struct fd_context *ctx, int64_t old_id, struct rota_rule *rule,
                     struct fd_error *err)
{
    int rc = check_rule(ctx, rule, err);
    struct rule_replacement change = {old_id, rule};
    return rc < 0 ? rc : ops_run(ctx, rota_replace, &change, err);
}

struct time_off_change {
    struct time_off off;
    const char *reason;
};

static int rota_off(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct time_off_change *change = arg;
    int rc = store_time_off_insert(ops_store(ctx), &change->off, change->reason, err);
    if (rc == 0)
        rc = ops_audit(ctx, "time_off", change->off.id, err, "time off added");
    return rc;
}

int ops_rota_off(struct fd_context *ctx, int64_t therapist_id, fd_time from, fd_time to,
                 const char *reason, int64_t *id, struct fd_error *err)
{
    struct fd_therapist therapist;
    int rc = store_therapist_get(ops_store(ctx), therapist_id, &therapist, err);
    if (rc < 0)
        return rc;
    if (to <= from)
        return fd_fail(err, FD_ERR_USAGE, "--to: the time off must end after it starts");
    struct time_off_change change = {.off = {.therapist_id = therapist.id, .from = from, .to = to},
                                     .reason = reason};
    rc = ops_run(ctx, rota_off, &change, err);
    if (rc == 0 && id)
        *id = change.off.id;
    return rc;
}

static int rota_remove(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    int64_t id = *(int64_t *)arg;
    int rc = store_rule_delete(ops_store(ctx), id, err);
    if (rc == 0)
        rc = ops_audit(ctx, "shift_rule", id, err, "rota rule removed");
    return rc;
}

int ops_rota_remove(struct fd_context *ctx, int64_t rule_id, struct fd_error *err)
{
    return ops_run(ctx, rota_remove, &rule_id, err);
}

static int time_off_remove(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    int64_t id = *(int64_t *)arg;
    int rc = store_time_off_delete(ops_store(ctx), id, err);
    if (rc == 0)
        rc = ops_audit(ctx, "time_off", id, err, "time off removed");
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
    free(offs);
    free(records);
    free(rules);
    return rc;
}
