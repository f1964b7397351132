/*
 * Appointments outside the rota: which bookings no shift of their
 * therapist holds any more, and the check every rota change runs so that
 * time off, a removed rule or an edited one never strands a booking
 * without the desk being told.
 *
 * The check compares before and after inside the change's transaction:
 * the booked appointments still to come that a shift held before the
 * change, and of those, the ones no shift holds after it.  Appointments
 * booked outside the rota on purpose (--force) are left out: they were
 * never inside it.
 */
#include "ops_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ops_mark_outside_rota(struct fd_context *ctx, int64_t therapist_id, struct fd_appointment *list,
                          size_t count, struct fd_error *err)
{
    if (count == 0)
        return 0;
    fd_day first = time_day(list[0].start), last = first;
    for (size_t i = 1; i < count; i++) {
        if (time_day(list[i].start) < first)
            first = time_day(list[i].start);
        if (time_day(list[i].start) > last)
            last = time_day(list[i].start);
    }
    struct shift_list shifts = {0};
    int rc = ops_shifts(ctx, first, last, therapist_id, &shifts, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        struct fd_appointment *a = &list[i];
        a->outside_rota =
            appointment_holds_slot(a->status) &&
            !slots_covering_shift(&shifts, a->therapist_id, a->clinic_id, a->start, a->end);
    }
    shift_list_free(&shifts);
    return rc;
}

int ops_strand_before(struct fd_context *ctx, int64_t therapist_id, fd_day from_day,
                      struct strand_check *check, struct fd_error *err)
{
    memset(check, 0, sizeof *check);
    check->therapist_id = therapist_id;
    fd_time from = time_make(from_day, 0);
    struct fd_appointment_filter filter = {.from = from > ctx->now ? from : ctx->now,
                                           .to = INT64_MAX / 2,
                                           .therapist_id = therapist_id};
    int rc = store_appointment_list(ops_store(ctx), &filter, &check->list, &check->count, err);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && i < check->count; i++)
        if (check->list[i].status == APPOINTMENT_BOOKED && !check->list[i].forced)
            check->list[kept++] = check->list[i];
    check->count = kept;
    if (rc == 0)
        rc = ops_mark_outside_rota(ctx, therapist_id, check->list, check->count, err);
    kept = 0;
    for (size_t i = 0; rc == 0 && i < check->count; i++)
        if (!check->list[i].outside_rota)
            check->list[kept++] = check->list[i];
    check->count = kept;
    return rc;
}

/* "#12 2026-12-03 10:00 Ann Lee, #15 …", cut with "and N more" to fit. */
static void describe_bookings(const struct fd_appointment *list, size_t count, char *out,
                              size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        char when[FD_DATETIME_LEN], item[FD_NAME_SIZE + 48];
        datetime_format(list[i].start, when);
        snprintf(item, sizeof item, "%s#%lld %s %s", i ? ", " : "", (long long)list[i].id, when,
                 list[i].client);
        if (used + strlen(item) + 24 >= size) {
            snprintf(out + used, size - used, " and %zu more", count - i);
            return;
        }
        memcpy(out + used, item, strlen(item) + 1);
        used += strlen(item);
    }
}

int ops_strand_after(struct fd_context *ctx, struct strand_check *check, const char *change_text,
                     struct rota_change *change, struct fd_error *err)
{
    int rc = ops_mark_outside_rota(ctx, check->therapist_id, check->list, check->count, err);
    if (rc < 0)
        return rc;
    size_t stranded = 0;
    for (size_t i = 0; i < check->count; i++)
        if (check->list[i].outside_rota)
            check->list[stranded++] = check->list[i];
    if (stranded == 0)
        return 0;
    char list[FD_TEXT_SIZE];
    describe_bookings(check->list, stranded, list, sizeof list);
    /* Handed back either way: refused, the caller can offer to keep them. */
    free(change->stranded);
    change->stranded = malloc(stranded * sizeof *change->stranded);
    if (!change->stranded)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    memcpy(change->stranded, check->list, stranded * sizeof *change->stranded);
    change->stranded_count = stranded;
    if (!change->keep_bookings)
        return fd_fail(err, FD_ERR_RULE,
                       "%s would leave %zu booking%s outside %s's shifts: %s; move or cancel "
                       "them first, or add --keep-bookings to record it anyway",
                       change_text, stranded, stranded == 1 ? "" : "s", check->list[0].therapist,
                       list);
    return ops_audit(ctx, "therapist", check->therapist_id, err,
                     "%s kept %zu booking%s outside the rota: %s", change_text, stranded,
                     stranded == 1 ? "" : "s", list);
}

void ops_strand_free(struct strand_check *check)
{
    free(check->list);
    memset(check, 0, sizeof *check);
}

void rota_change_free(struct rota_change *change)
{
    free(change->stranded);
    change->stranded = NULL;
    change->stranded_count = 0;
}
