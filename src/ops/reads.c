/*
 * The reads the faces need: listings and look-ups that change nothing.
 * They are thin on purpose (the store does the work), but they are the
 * only way the command line and the interface see the data, so that a
 * rule about what is shown (which requests count as pending, which
 * confirmations as unsent) lives in one place.
 */
#include "ops_internal.h"

#include <stdio.h>
#include <strings.h>

int ops_resolve_names(struct fd_context *ctx, const struct fd_names *names, struct fd_ids *out,
                      struct fd_error *err)
{
    *out = (struct fd_ids){0};
    if (names->therapist) {
        struct fd_therapist therapist;
        int rc = store_therapist_find(ops_store(ctx), names->therapist, &therapist, err);
        if (rc < 0)
            return rc;
        out->therapist_id = therapist.id;
    }
    if (names->clinic) {
        out->clinic = config_find_clinic(&ctx->config, names->clinic);
        if (!out->clinic)
            return fd_fail(err, FD_ERR_DATA, "--clinic: no clinic is named \"%s\" in %s",
                           names->clinic, ctx->config.source);
    }
    if (names->service) {
        out->service = config_find_service(&ctx->config, names->service);
        if (!out->service)
            return fd_fail(err, FD_ERR_DATA, "--service: no service is named \"%s\"",
                           names->service);
    }
    return 0;
}

int ops_therapist_list(struct fd_context *ctx, struct fd_therapist **out, size_t *count,
                       struct fd_error *err)
{
    return store_therapist_list(ops_store(ctx), out, count, err);
}

int ops_therapist_find(struct fd_context *ctx, const char *handle, struct fd_therapist *out,
                       struct fd_error *err)
{
    return store_therapist_find(ops_store(ctx), handle ? handle : "", out, err);
}

const char *ops_therapist_handle(const struct fd_therapist *list, size_t count, int64_t id)
{
    for (size_t i = 0; i < count; i++)
        if (list[i].id == id)
            return list[i].handle;
    return "?";
}

int64_t ops_therapist_id(const struct fd_therapist *list, size_t count, const char *handle)
{
    for (size_t i = 0; handle && i < count; i++)
        if (strcasecmp(list[i].handle, handle) == 0)
            return list[i].id;
    return 0;
}

int ops_rules(struct fd_context *ctx, int64_t therapist_id, bool all, struct rota_rule **out,
              size_t *count, struct fd_error *err)
{
    int rc = store_rule_list(ops_store(ctx), therapist_id, out, count, err);
    if (rc < 0 || all)
        return rc;
    fd_day today = time_day(ctx->now);
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++) {
        const struct rota_rule *rule = &(*out)[i];
        bool ended = rule->pattern == ROTA_ONCE
                         ? rule->once_day < today
                         : rule->valid_until != FD_DAY_NONE && rule->valid_until < today;
        if (!rule->superseded_by && !ended)
            (*out)[kept++] = *rule;
    }
    *count = kept;
    return 0;
}

int ops_rule_get(struct fd_context *ctx, int64_t id, struct rota_rule *out, struct fd_error *err)
{
    return store_rule_get(ops_store(ctx), id, out, err);
}

int ops_time_off(struct fd_context *ctx, int64_t therapist_id, fd_time from, fd_time to,
                 struct fd_time_off_record **out, size_t *count, struct fd_error *err)
{
    return store_time_off_list(ops_store(ctx), therapist_id, from, to, out, count, err);
}

int ops_appointment_get(struct fd_context *ctx, int64_t id, struct fd_appointment *out,
                        struct fd_error *err)
{
    return store_appointment_get(ops_store(ctx), id, out, err);
}

int ops_request_get(struct fd_context *ctx, int64_t id, struct fd_request *out,
                    struct fd_error *err)
{
    return store_request_get(ops_store(ctx), id, out, err);
}

int ops_appointments(struct fd_context *ctx, const struct fd_appointment_filter *filter,
                     struct fd_appointment **out, size_t *count, struct fd_error *err)
{
    return store_appointment_list(ops_store(ctx), filter, out, count, err);
}

int ops_client_search(struct fd_context *ctx, const char *text, size_t limit,
                      struct fd_client **out, size_t *count, struct fd_error *err)
{
    return store_client_search(ops_store(ctx), text, limit, out, count, err);
}

int ops_waitlist(struct fd_context *ctx, bool all, struct fd_waitlist_entry **out, size_t *count,
                 struct fd_error *err)
{
    return store_waitlist_list(ops_store(ctx), all, out, count, err);
}

int ops_messages(struct fd_context *ctx, bool all, struct fd_message **out, size_t *count,
                 struct fd_error *err)
{
    return store_message_list(ops_store(ctx), all, out, count, err);
}

int ops_audit_list(struct fd_context *ctx, size_t limit, struct fd_audit_entry **out, size_t *count,
                   struct fd_error *err)
{
    return store_audit_list(ops_store(ctx), limit, out, count, err);
}

int ops_history(struct fd_context *ctx, const char *entity, int64_t id, struct fd_audit_entry **out,
                size_t *count, struct fd_error *err)
{
    return store_audit_of(ops_store(ctx), entity, id, out, count, err);
}

int ops_counts(struct fd_context *ctx, struct fd_counts *out, struct fd_error *err)
{
    return store_counts(ops_store(ctx), ctx->now, out, err);
}
