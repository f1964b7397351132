/*
 * Moving a site in (frontdesk migrate): one site's own database copied
 * into the database this desk has open, all or nothing, as the site the
 * config names.  The copying is the store's (store/copy.c); here the
 * site is checked, the copied database opened only to read, the clashes
 * put in words and the move audited.
 */
#include "ops_internal.h"

#include <frontdesk/text.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether two database targets name the same file. */
static bool same_file(const char *a, const char *b)
{
    char real_a[PATH_MAX], real_b[PATH_MAX];
    if (strcmp(a, b) == 0)
        return true;
    return realpath(a, real_a) && realpath(b, real_b) && strcmp(real_a, real_b) == 0;
}

/* "2026-12-01 10:00-11:15" */
static void span(fd_time start, fd_time until, char *out, size_t size)
{
    char from[FD_DATETIME_LEN], to[FD_HM_LEN];
    datetime_format(start, from);
    time_format_hm(time_minute(until), to);
    snprintf(out, size, "%s-%s", from, to);
}

static void clash_words(const struct fd_context *ctx, const struct store_clash *c, const char *site,
                        char *out, size_t size)
{
    char when[48], other[48];
    span(c->start, c->busy_until, when, sizeof when);
    span(c->other_start, c->other_busy_until, other, sizeof other);
    (void)ctx;
    switch (c->kind) {
    case STORE_CLASH_THERAPIST:
        snprintf(out, size,
                 "appointment %lld, %s with %s for %s: %s is already booked then at %s"
                 " (appointment %lld, %s with %s)",
                 (long long)c->source_id, c->therapist, c->client, when, c->therapist,
                 c->other_clinic, (long long)c->other_id, other, c->other_client);
        break;
    case STORE_CLASH_ROOM:
        if (c->other_in_source)
            snprintf(out, size,
                     "appointment %lld, %s with %s for %s: room %d is also taken then by the"
                     " site's appointment %lld at %s (%s with %s), and both become %s",
                     (long long)c->source_id, c->therapist, c->client, when, c->room,
                     (long long)c->other_id, c->other_clinic, other, c->other_client, site);
        else
            snprintf(out, size,
                     "appointment %lld, %s with %s for %s: room %d of %s is taken then"
                     " (appointment %lld, %s with %s)",
                     (long long)c->source_id, c->therapist, c->client, when, c->room, site,
                     (long long)c->other_id, other, c->other_client);
        break;
    case STORE_CLASH_NO_ROOM:
        snprintf(out, size, "appointment %lld, %s with %s for %s: %s has no room %d",
                 (long long)c->source_id, c->therapist, c->client, when, site, c->room);
        break;
    }
}

struct migrate_plan {
    struct fd_store *source;
    const char *source_name;
    struct store_copy_site site;
    struct store_copy_report copied;
    char **rule_clashes; /* a copied rota rule that would put someone in two places */
    size_t rule_clash_count;
};

static int add_line(char ***lines, size_t *count, const char *line, struct fd_error *err)
{
    char **grown = realloc(*lines, (*count + 1) * sizeof *grown);
    if (!grown)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    *lines = grown;
    grown[*count] = strdup(line);
    if (!grown[*count])
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    (*count)++;
    return 0;
}

/* One therapist's copied rules against their rules at the other sites: the
 * same check `rota add` makes, so that nobody is rostered in two places. */
static int check_rules_of(struct fd_context *ctx, struct migrate_plan *plan,
                          const struct fd_therapist *from, const struct fd_therapist *here,
                          struct fd_error *err)
{
    struct rota_rule *copied = NULL, *others = NULL;
    size_t copied_count = 0, other_count = 0;
    int rc = store_rule_list(plan->source, from->id, &copied, &copied_count, err);
    if (rc == 0)
        rc = store_rule_list(ops_store(ctx), here->id, &others, &other_count, err);
    for (size_t i = 0; rc == 0 && i < copied_count; i++) {
        struct rota_rule rule = copied[i];
        rule.clinic_id = plan->site.id; /* every clinic of the copied database becomes the site */
        for (size_t j = 0; rc == 0 && j < other_count; j++) {
            const struct rota_rule *other = &others[j];
            fd_day on;
            if (other->clinic_id == plan->site.id ||
                !rota_rules_clash(&rule, other, time_day(ctx->now), &on))
                continue;
            const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, other->clinic_id);
            char mine[160], theirs[160], day[FD_DATE_LEN], line[512];
            ops_rule_describe(&rule, mine, sizeof mine);
            ops_rule_describe(other, theirs, sizeof theirs);
            date_format(on, day);
            snprintf(line, sizeof line,
                     "rota rule %lld, %s %s: %s is rostered then at %s (rota rule %lld, %s);"
                     " both would put them in two places on %s %s",
                     (long long)copied[i].id, from->handle, mine, here->handle,
                     clinic ? clinic->name : "another site", (long long)other->id, theirs,
                     date_weekday_name(date_weekday(on)), day);
            rc = add_line(&plan->rule_clashes, &plan->rule_clash_count, line, err);
        }
    }
    free(copied);
    free(others);
    return rc;
}

/* Every rota rule of the copied database whose therapist is already here. */
static int check_rules(struct fd_context *ctx, struct migrate_plan *plan, struct fd_error *err)
{
    struct fd_therapist *from = NULL;
    size_t from_count = 0;
    int rc = store_therapist_list(plan->source, &from, &from_count, err);
    for (size_t i = 0; rc == 0 && i < from_count; i++) {
        /* The handle compares without case, as migrate matches therapists. */
        struct fd_therapist here;
        struct fd_error why = {0};
        int found = store_therapist_find(ops_store(ctx), from[i].handle, &here, &why);
        if (found == 0)
            rc = check_rules_of(ctx, plan, &from[i], &here, err);
        else if (found != -FD_ERR_DATA) /* not "no such therapist": a failure */
            rc = fd_fail(err, -found, "%s", why.message);
    }
    free(from);
    return rc;
}

/* What each table's rows are, for people. */
static const char *const WORDS[STORE_COPY_TABLE_COUNT] = {
    [STORE_COPY_THERAPIST] = "therapists",
    [STORE_COPY_CLIENT] = "clients",
    [STORE_COPY_SHIFT_RULE] = "rota rules",
    [STORE_COPY_TIME_OFF] = "time off",
    [STORE_COPY_REQUEST] = "requests",
    [STORE_COPY_WAITLIST] = "waitlist entries",
    [STORE_COPY_MESSAGE] = "contact messages",
    [STORE_COPY_APPOINTMENT] = "appointments",
    [STORE_COPY_NOTE] = "notes",
    [STORE_COPY_SUBSCRIPTION] = "list sign-ups",
    [STORE_COPY_OUTBOX] = "messages to clients",
    [STORE_COPY_AUDIT] = "audit lines",
};

/* The clashes in words: the appointments', then the rota rules'. */
static int keep_clashes(const struct fd_context *ctx, const struct migrate_plan *plan,
                        struct ops_migrate_report *out, struct fd_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < plan->copied.clash_count; i++) {
        char line[1024];
        clash_words(ctx, &plan->copied.clashes[i], plan->site.name, line, sizeof line);
        rc = add_line(&out->clashes, &out->clash_count, line, err);
    }
    for (size_t i = 0; rc == 0 && i < plan->rule_clash_count; i++)
        rc = add_line(&out->clashes, &out->clash_count, plan->rule_clashes[i], err);
    return rc;
}

static int migrate_step(struct fd_context *ctx, struct migrate_plan *plan, struct fd_error *err)
{
    int rc = check_rules(ctx, plan, err);
    if (rc == 0)
        rc = store_copy_site(ops_store(ctx), plan->source, &plan->site, &plan->copied, err);
    if (rc == 0 && plan->rule_clash_count)
        rc = fd_fail(err, FD_ERR_RULE,
                     "%zu rota rule%s of the site clash%s with the shared database",
                     plan->rule_clash_count, plan->rule_clash_count == 1 ? "" : "s",
                     plan->rule_clash_count == 1 ? "es" : "");
    if (rc < 0)
        return rc;
    const struct store_copy_count *t = plan->copied.tables;
    size_t added = 0;
    for (int i = 0; i < STORE_COPY_TABLE_COUNT; i++)
        added += t[i].copied + t[i].found;
    if (!added)
        return 0; /* copied before, whole: nothing happened */
    return ops_audit(ctx, "database", 0, err,
                     "moved the site %s in from %s: %zu appointments, %zu new clients"
                     " (%zu already here), %zu new therapists (%zu already here)",
                     plan->site.name, plan->source_name, t[STORE_COPY_APPOINTMENT].copied,
                     t[STORE_COPY_CLIENT].copied, t[STORE_COPY_CLIENT].found,
                     t[STORE_COPY_THERAPIST].copied, t[STORE_COPY_THERAPIST].found);
}

int ops_migrate_site(struct fd_context *ctx, const char *source, const char *site_name,
                     bool dry_run, struct ops_migrate_report *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    const struct fd_clinic *site = config_find_clinic(&ctx->config, site_name);
    if (!site)
        return fd_fail(err, FD_ERR_USAGE,
                       "--site: no clinic is named \"%s\" in the config; add its clinic section"
                       " first",
                       site_name);
    if (same_file(source, ctx->database_path))
        return fd_fail(err, FD_ERR_USAGE, "%s is the database it would be copied into", source);
    struct migrate_plan plan = {.source_name = source,
                                .site = {.name = site->name, .id = site->id, .rooms = site->rooms}};
    const struct store_open_options read_only = {.read_only = true, .now = ctx->now};
    struct fd_error source_err = {0};
    int rc = store_open(source, &read_only, &plan.source, &source_err);
    /* The copied database's errors name it, whichever it is. */
    if (rc < 0 && strstr(source_err.message, source))
        return fd_fail(err, -rc, "%s", source_err.message);
    if (rc < 0)
        return fd_fail(err, -rc, "%s: %s", source, source_err.message);
    rc = store_begin_read(plan.source, err);
    if (rc == 0)
        rc = store_begin(ops_store(ctx), ctx->waiting, ctx->waiting_data, err);
    if (rc == 0) {
        rc = migrate_step(ctx, &plan, err);
        /* A trial run, or a refusal: nothing stays. */
        if (rc < 0 || dry_run)
            store_rollback(ops_store(ctx));
        else
            rc = store_commit(ops_store(ctx), err);
        if (rc == 0 || plan.copied.clash_count || plan.rule_clash_count) {
            int kept = keep_clashes(ctx, &plan, out, err);
            rc = kept < 0 ? kept : rc;
        }
    }
    for (int t = 0; t < STORE_COPY_TABLE_COUNT && t < OPS_MIGRATE_TABLES; t++) {
        out->tables[t].name = WORDS[t];
        out->tables[t].copied = plan.copied.tables[t].copied;
        out->tables[t].found = plan.copied.tables[t].found;
        out->tables[t].before = plan.copied.tables[t].before;
    }
    out->table_count = STORE_COPY_TABLE_COUNT;
    store_copy_report_free(&plan.copied);
    for (size_t i = 0; i < plan.rule_clash_count; i++)
        free(plan.rule_clashes[i]);
    free(plan.rule_clashes);
    store_rollback(plan.source);
    store_close(plan.source);
    return rc;
}

void ops_migrate_report_free(struct ops_migrate_report *report)
{
    for (size_t i = 0; i < report->clash_count; i++)
        free(report->clashes[i]);
    free(report->clashes);
    report->clashes = NULL;
    report->clash_count = 0;
}
