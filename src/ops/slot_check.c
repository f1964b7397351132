/*
 * The checks a time must pass before an appointment may take it (SPEC §1
 * rules 2 and 3), shared by booking, moving and booking a series: the
 * clinic open that day, the therapist not on time off and rostered there
 * (unless forced), the therapist and a room free.  They run inside the
 * same write transaction as the change, so they see exactly what it will
 * see; the schema's triggers are the final word on overlaps.
 *
 * A refusal that is about the time itself sets plan->about_time, so that
 * the caller can offer the nearest times that would do instead.
 */
#include "ops_internal.h"

#include <frontdesk/calendar.h>
#include <frontdesk/clock.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ops_slot_prepare(struct fd_context *ctx, struct slot_plan *plan, int64_t therapist_id,
                     struct fd_error *err)
{
    if (!plan->service)
        return fd_fail(err, FD_ERR_USAGE, "--service: name the service to book");
    int rc = store_therapist_get(ops_store(ctx), therapist_id, &plan->therapist, err);
    if (rc < 0)
        return rc;
    if (!plan->therapist.active)
        return fd_fail(err, FD_ERR_RULE, "%s no longer works here", plan->therapist.handle);
    if (plan->clinic && !config_service_offered_at(plan->service, plan->clinic->name))
        return fd_fail(err, FD_ERR_RULE, "%s does not offer \"%s\"", plan->clinic->name,
                       plan->service->name);
    return 0;
}

int ops_slot_check_time(struct fd_context *ctx, struct slot_plan *plan, fd_time start,
                        struct fd_error *err)
{
    plan->about_time = true;
    if (start < ctx->now) {
        char when[FD_DATETIME_LEN];
        datetime_format(start, when);
        return fd_fail(err, FD_ERR_RULE, "%s is in the past", when);
    }
    int rc = clock_check_local_time("--at", start, ctx->config.timezone, err);
    if (rc == 0)
        rc = clock_check_local_time("the appointment's end",
                                    clock_add_minutes(start, plan->service->minutes),
                                    ctx->config.timezone, err);
    if (rc == 0)
        plan->about_time = false;
    return rc;
}

static void describe_shifts(struct fd_context *ctx, const struct shift_list *shifts, char *out,
                            size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < shifts->count && used + 1 < size; i++) {
        char from[FD_HM_LEN], to[FD_HM_LEN];
        const struct fd_clinic *clinic =
            config_clinic_by_id(&ctx->config, shifts->items[i].clinic_id);
        time_format_hm(shifts->items[i].start, from);
        time_format_hm(shifts->items[i].end, to);
        int n = snprintf(out + used, size - used, "%s%s-%s at %s", used ? ", " : "", from, to,
                         clinic ? clinic->name : "?");
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* A shift of the therapist that day whose hours hold [start, end), at any
 * clinic: where she is at that time. */
static const struct shift *shift_holding(const struct shift_list *shifts, fd_time start,
                                         fd_time end)
{
    for (size_t i = 0; i < shifts->count; i++) {
        const struct shift *s = &shifts->items[i];
        if (time_make(s->day, s->start) <= start && end <= time_make(s->day, s->end))
            return s;
    }
    return NULL;
}

/* Forced outside the shifts: the building she works in that day, if it
 * offers the service; otherwise the desk must say where. */
static int clinic_beside_shifts(struct fd_context *ctx, struct slot_plan *plan,
                                const struct shift_list *shifts, const char *when,
                                struct fd_error *err)
{
    const struct fd_clinic *that_day =
        shifts->count ? config_clinic_by_id(&ctx->config, shifts->items[0].clinic_id) : NULL;
    for (size_t i = 1; that_day && i < shifts->count; i++)
        if (shifts->items[i].clinic_id != that_day->id)
            that_day = NULL; /* two buildings that day: not for us to pick */
    if (that_day && config_service_offered_at(plan->service, that_day->name)) {
        plan->clinic = that_day;
        return 0;
    }
    if (that_day)
        return fd_fail(err, FD_ERR_RULE,
                       "%s works at %s on %.10s, which does not offer \"%s\"; name the clinic "
                       "with --clinic",
                       plan->therapist.handle, that_day->name, when, plan->service->name);
    return fd_fail(err, FD_ERR_USAGE,
                   "--clinic: name the clinic, since %s has no shift %s then to book beside",
                   plan->therapist.handle, shifts->count ? "in one building" : "that day");
}

/* Finds the shift that holds the appointment and settles the clinic.  A
 * booking never moves a therapist to another building by itself: when
 * she is rostered somewhere that does not offer the service, the error
 * says so; when forced outside her shifts, the clinic is where she works
 * that day, or the one named. */
static int check_rota(struct fd_context *ctx, struct slot_plan *plan, struct fd_error *err)
{
    fd_day day = time_day(plan->start);
    struct shift_list shifts = {0};
    int rc = ops_shifts(ctx, day, day, plan->therapist.id, &shifts, err);
    if (rc < 0)
        return rc;
    const struct fd_clinic *named = plan->clinic;
    const struct shift *covering = NULL;
    for (size_t i = 0; i < shifts.count && !covering; i++) {
        const struct fd_clinic *clinic =
            config_clinic_by_id(&ctx->config, shifts.items[i].clinic_id);
        if (!clinic || (named && named != clinic) ||
            !config_service_offered_at(plan->service, clinic->name))
            continue;
        covering =
            slots_covering_shift(&shifts, plan->therapist.id, clinic->id, plan->start, plan->end);
        if (covering)
            plan->clinic = clinic;
    }
    char when[FD_DATETIME_LEN], until[FD_HM_LEN];
    datetime_format(plan->start, when);
    time_format_hm(time_minute(plan->end), until);
    /* Rostered then, but at a clinic that does not do this service. */
    const struct shift *there = covering ? NULL : shift_holding(&shifts, plan->start, plan->end);
    const struct fd_clinic *there_clinic =
        there ? config_clinic_by_id(&ctx->config, there->clinic_id) : NULL;
    if (!covering && there_clinic && !named) {
        plan->about_time = true; /* she is elsewhere then: another time may do */
        rc = fd_fail(err, FD_ERR_RULE,
                     "%s works at %s at %s, which does not offer \"%s\"; choose a service it "
                     "offers, or name another clinic with --clinic (and --force)",
                     plan->therapist.handle, there_clinic->name, when, plan->service->name);
    } else if (!covering && !plan->force) {
        char worked[256];
        describe_shifts(ctx, &shifts, worked, sizeof worked);
        plan->about_time = true;
        rc = fd_fail(
            err, FD_ERR_RULE,
            "%s has no shift%s%s covering %s-%s (%s%s); use --force to book outside the rota",
            plan->therapist.handle, named ? " at " : "", named ? named->name : "", when, until,
            worked[0] ? "shifts that day: " : "no shifts that day", worked);
    } else if (!covering && !named) {
        rc = clinic_beside_shifts(ctx, plan, &shifts, when, err);
    }
    shift_list_free(&shifts);
    return rc;
}

static int check_time_off(struct fd_context *ctx, struct slot_plan *plan, struct fd_error *err)
{
    struct fd_time_off_record *offs = NULL;
    size_t count = 0;
    int rc = store_time_off_list(ops_store(ctx), plan->therapist.id, plan->start, plan->until,
                                 &offs, &count, err);
    if (rc == 0 && count > 0) {
        char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN];
        datetime_format(offs[0].off.from, from);
        datetime_format(offs[0].off.to, to);
        plan->about_time = true;
        rc = fd_fail(err, FD_ERR_RULE, "%s has time off from %s to %s%s%s", plan->therapist.handle,
                     from, to, offs[0].reason[0] ? ": " : "", offs[0].reason);
    }
    free(offs);
    return rc;
}

size_t ops_busy_without(struct busy *busy, size_t count, int64_t appointment_id)
{
    if (!appointment_id)
        return count;
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (busy[i].appointment_id != appointment_id)
            busy[kept++] = busy[i];
    return kept;
}

/* Where the therapist is booked in [start, until): the clinic, when it is
 * another site (NULL otherwise). */
static const struct fd_clinic *booked_elsewhere(const struct fd_context *ctx,
                                                const struct slot_plan *plan,
                                                const struct busy *busy, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (busy[i].therapist_id == plan->therapist.id && busy[i].start < plan->until &&
            busy[i].until > plan->start && busy[i].clinic_id != plan->clinic->id)
            return config_clinic_by_id(&ctx->config, busy[i].clinic_id);
    return NULL;
}

static int check_free(struct fd_context *ctx, struct slot_plan *plan, struct fd_error *err)
{
    struct busy *busy = NULL;
    size_t count = 0;
    int rc = store_busy_list(ops_store(ctx), plan->start, plan->until, &busy, &count, err);
    if (rc < 0)
        return rc;
    count = ops_busy_without(busy, count, plan->except_id);
    struct clinic_rooms rooms = {plan->clinic->id, plan->clinic->rooms};
    const struct fd_clinic *elsewhere = booked_elsewhere(ctx, plan, busy, count);
    if (!slots_therapist_free(busy, count, plan->therapist.id, plan->start, plan->until))
        rc = fd_fail(err, FD_ERR_RULE, "that slot is taken: %s is already booked then%s%s",
                     plan->therapist.handle, elsewhere ? " at " : "",
                     elsewhere ? elsewhere->name : "");
    else if ((plan->room = slots_free_room(busy, count, &rooms, 1, plan->clinic->id, plan->start,
                                           plan->until)) == 0)
        rc = fd_fail(err, FD_ERR_RULE, "that slot is taken: no room is free at %s then",
                     plan->clinic->name);
    if (rc < 0)
        plan->about_time = true;
    free(busy);
    return rc;
}

int ops_slot_check(struct fd_context *ctx, struct slot_plan *plan, fd_time start,
                   const struct fd_clinic *named, struct fd_error *err)
{
    /* Lengths are real minutes: across a clock change the wall-clock end
     * is not start + minutes. */
    plan->start = start;
    plan->end = clock_add_minutes(start, plan->service->minutes);
    plan->until = plan->end + plan->service->buffer;
    plan->named = named;
    plan->clinic = named;
    plan->room = 0;
    plan->about_time = false;
    if (config_clinic_closed(&ctx->config, named, time_day(start))) {
        char when[FD_DATETIME_LEN];
        datetime_format(start, when);
        plan->about_time = true;
        /* A closure for every site is "the clinic's"; one site's own
         * closure names that site. */
        bool everywhere = calendar_is_closure(&ctx->config.calendar, time_day(start));
        return fd_fail(err, FD_ERR_RULE, "%s is closed on %.10s",
                       named && !everywhere ? named->name : "the clinic", when);
    }
    int rc = check_time_off(ctx, plan, err);
    if (rc == 0)
        rc = check_rota(ctx, plan, err);
    if (rc == 0)
        rc = check_free(ctx, plan, err);
    return rc;
}

void ops_slot_refused(struct fd_context *ctx, const struct slot_plan *plan,
                      struct booking_refusal *refusal)
{
    if (!refusal)
        return;
    memset(refusal, 0, sizeof *refusal);
    refusal->about_time = plan->about_time;
    if (plan->about_time)
        ops_nearest_slots(ctx, plan, refusal->alternatives, FD_ALTERNATIVES,
                          &refusal->alternative_count);
}
