/*
 * Booking and cancelling (SPEC §1 rules 2, 3 and 7).
 *
 * The checks a receptionist can understand (closed that day, time off,
 * outside the shift, therapist or room taken) run inside the same write
 * transaction as the insert, so they see exactly what the insert will
 * see.  The schema's triggers are the final word on overlaps: if another
 * program slipped something past these checks, the insert itself fails
 * with "that slot was just taken".
 */
#include "ops_internal.h"

#include <frontdesk/clock.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct book_plan {
    const struct booking *in;
    struct fd_appointment *out;
    const struct fd_service *service;
    struct fd_therapist therapist;
    const struct fd_clinic *clinic; /* NULL until chosen */
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char service_name[FD_SERVICE_SIZE];
};

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

/* Finds the shift that holds the appointment and settles the clinic.  A
 * booking never moves a therapist to another building by itself: when
 * she is rostered somewhere that does not offer the service, the error
 * says so; when --force books outside her shifts, the clinic is where she
 * works that day, or the one named with --clinic. */
static int check_rota(struct fd_context *ctx, struct book_plan *plan, fd_time start, fd_time end,
                      struct fd_error *err)
{
    fd_day day = time_day(start);
    struct shift_list shifts = {0};
    int rc = ops_shifts(ctx, day, day, plan->therapist.id, &shifts, err);
    if (rc < 0)
        return rc;
    const struct shift *covering = NULL;
    for (size_t i = 0; i < shifts.count && !covering; i++) {
        const struct fd_clinic *clinic =
            config_clinic_by_id(&ctx->config, shifts.items[i].clinic_id);
        if (!clinic || (plan->clinic && plan->clinic != clinic) ||
            !config_service_offered_at(plan->service, clinic->name))
            continue;
        covering = slots_covering_shift(&shifts, plan->therapist.id, clinic->id, start, end);
        if (covering)
            plan->clinic = clinic;
    }
    char when[FD_DATETIME_LEN], until[FD_HM_LEN];
    datetime_format(start, when);
    time_format_hm(time_minute(end), until);
    /* Rostered then, but at a clinic that does not do this service. */
    const struct shift *there = covering ? NULL : shift_holding(&shifts, start, end);
    const struct fd_clinic *there_clinic =
        there ? config_clinic_by_id(&ctx->config, there->clinic_id) : NULL;
    if (!covering && there_clinic && !plan->clinic) {
        rc = fd_fail(err, FD_ERR_RULE,
                     "%s works at %s at %s, which does not offer \"%s\"; choose a service it "
                     "offers, or name another clinic with --clinic (and --force)",
                     plan->therapist.handle, there_clinic->name, when, plan->service->name);
    } else if (!covering && !plan->in->force) {
        char worked[256];
        describe_shifts(ctx, &shifts, worked, sizeof worked);
        rc = fd_fail(
            err, FD_ERR_RULE,
            "%s has no shift%s%s covering %s-%s (%s%s); use --force to book outside the rota",
            plan->therapist.handle, plan->clinic ? " at " : "",
            plan->clinic ? plan->clinic->name : "", when, until,
            worked[0] ? "shifts that day: " : "no shifts that day", worked);
    } else if (!covering && !plan->clinic) {
        /* Forced outside the shifts: the building she works in that day,
         * if it offers the service; otherwise the desk must say where. */
        const struct fd_clinic *that_day =
            shifts.count ? config_clinic_by_id(&ctx->config, shifts.items[0].clinic_id) : NULL;
        for (size_t i = 1; that_day && i < shifts.count; i++)
            if (shifts.items[i].clinic_id != that_day->id)
                that_day = NULL; /* two buildings that day: not for us to pick */
        if (that_day && config_service_offered_at(plan->service, that_day->name))
            plan->clinic = that_day;
        else if (that_day)
            rc = fd_fail(err, FD_ERR_RULE,
                         "%s works at %s on %.10s, which does not offer \"%s\"; name the clinic "
                         "with --clinic",
                         plan->therapist.handle, that_day->name, when, plan->service->name);
        else
            rc = fd_fail(err, FD_ERR_USAGE,
                         "--clinic: name the clinic, since %s has no shift %s then to book "
                         "beside",
                         plan->therapist.handle, shifts.count ? "in one building" : "that day");
    }
    shift_list_free(&shifts);
    return rc;
}

static int check_time_off(struct fd_context *ctx, const struct book_plan *plan, fd_time start,
                          fd_time until, struct fd_error *err)
{
    struct fd_time_off_record *offs = NULL;
    size_t count = 0;
    int rc =
        store_time_off_list(ops_store(ctx), plan->therapist.id, start, until, &offs, &count, err);
    if (rc == 0 && count > 0) {
        char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN];
        datetime_format(offs[0].off.from, from);
        datetime_format(offs[0].off.to, to);
        rc = fd_fail(err, FD_ERR_RULE, "%s has time off from %s to %s%s%s", plan->therapist.handle,
                     from, to, offs[0].reason[0] ? ": " : "", offs[0].reason);
    }
    free(offs);
    return rc;
}

static int check_free(struct fd_context *ctx, struct book_plan *plan, fd_time start, fd_time until,
                      int *room, struct fd_error *err)
{
    struct busy *busy = NULL;
    size_t count = 0;
    int rc = store_busy_list(ops_store(ctx), start, until, &busy, &count, err);
    if (rc < 0)
        return rc;
    struct clinic_rooms rooms = {plan->clinic->id, plan->clinic->rooms};
    if (!slots_therapist_free(busy, count, plan->therapist.id, start, until))
        rc = fd_fail(err, FD_ERR_RULE, "that slot is taken: %s is already booked then",
                     plan->therapist.handle);
    else if ((*room = slots_free_room(busy, count, &rooms, 1, plan->clinic->id, start, until)) == 0)
        rc = fd_fail(err, FD_ERR_RULE, "that slot is taken: no room is free at %s then",
                     plan->clinic->name);
    free(busy);
    return rc;
}

/* Inside the transaction: the request or waitlist entry being booked is
 * still open (another desk may have booked it a moment ago). */
static int check_source_still_open(struct fd_context *ctx, const struct booking *in,
                                   struct fd_error *err)
{
    if (in->request_id) {
        struct fd_request request;
        int rc = store_request_get(ops_store(ctx), in->request_id, &request, err);
        return rc < 0 ? rc
                      : state_check(MACHINE_REQUEST, in->request_id, (int)request.status,
                                    REQUEST_BOOKED, err);
    }
    if (in->waitlist_id) {
        struct fd_waitlist_entry entry;
        int rc = store_waitlist_get(ops_store(ctx), in->waitlist_id, &entry, err);
        return rc < 0 ? rc
                      : state_check(MACHINE_WAITLIST, in->waitlist_id, (int)entry.status,
                                    WAITLIST_BOOKED, err);
    }
    return 0;
}

static int book_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct book_plan *plan = arg;
    const struct booking *in = plan->in;
    /* Lengths are real minutes: across a clock change the wall-clock end
     * is not start + minutes. */
    fd_time start = in->start, end = clock_add_minutes(start, plan->service->minutes);
    fd_time until = end + plan->service->buffer;
    fd_day day = time_day(start);
    char when[FD_DATETIME_LEN];
    datetime_format(start, when);

    if (calendar_is_closure(&ctx->config.calendar, day))
        return fd_fail(err, FD_ERR_RULE, "the clinic is closed on %.10s", when);
    int rc = check_time_off(ctx, plan, start, until, err);
    if (rc == 0)
        rc = check_rota(ctx, plan, start, end, err);
    int room = 0;
    if (rc == 0)
        rc = check_free(ctx, plan, start, until, &room, err);
    int64_t client_id = 0;
    if (rc == 0)
        rc = store_client_find_or_create(ops_store(ctx), plan->name, plan->email, plan->phone,
                                         &client_id, err);
    if (rc < 0)
        return rc;

    rc = check_source_still_open(ctx, in, err);
    if (rc < 0)
        return rc;

    struct fd_appointment *a = plan->out;
    memset(a, 0, sizeof *a);
    a->therapist_id = plan->therapist.id;
    a->clinic_id = plan->clinic->id;
    a->room = room;
    a->client_id = client_id;
    a->request_id = in->request_id;
    text_copy(a->service, sizeof a->service, plan->service->name);
    a->minutes = plan->service->minutes;
    a->price_pence = plan->service->price_pence;
    a->buffer = plan->service->buffer;
    a->start = start;
    a->end = end;
    a->forced = in->force;
    a->created = ctx->now;
    rc = store_appointment_insert(ops_store(ctx), a, err);
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", a->id, err, "booked %s with %s at %s, %s%s",
                       plan->service->name, plan->therapist.handle, plan->clinic->name, when,
                       in->force ? " (rota check overridden with --force)" : "");
    if (rc == 0 && in->request_id)
        rc = store_request_set_status(ops_store(ctx), in->request_id, REQUEST_BOOKED, NULL,
                                      ctx->now, client_id, err);
    if (rc == 0 && in->waitlist_id)
        rc = store_waitlist_set_status(ops_store(ctx), in->waitlist_id, WAITLIST_BOOKED, err);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), a->id, a, err);
    return rc;
}

static int validate_client(struct book_plan *plan, const struct booking *in, struct fd_error *err)
{
    text_copy_trimmed(plan->name, sizeof plan->name, in->name);
    text_copy_trimmed(plan->email, sizeof plan->email, in->email);
    text_copy_trimmed(plan->phone, sizeof plan->phone, in->phone);
    if (!plan->name[0])
        return fd_fail(err, FD_ERR_USAGE, "--name: the client's name is required");
    if (!text_is_clean_utf8(plan->name, strlen(plan->name), false))
        return fd_fail(err, FD_ERR_DATA, "--name: not valid UTF-8 text");
    if (!plan->email[0] && !plan->phone[0])
        return fd_fail(err, FD_ERR_USAGE, "--email: the client's email (or --phone) is required");
    if (plan->email[0] && text_check_email("--email", plan->email, FD_ERR_DATA, err) < 0)
        return -FD_ERR_DATA;
    if (plan->phone[0] && !text_is_phone(plan->phone))
        return fd_fail(err, FD_ERR_DATA, "--phone: \"%s\" is not a phone number", plan->phone);
    return 0;
}

/* A booking of a request or waitlist entry takes the client and service
 * from it; the copy lives in plan so the caller's booking is untouched. */
static int fill_from_source(struct fd_context *ctx, struct book_plan *plan,
                            struct booking *effective, struct fd_error *err)
{
    if (effective->request_id) {
        struct fd_request request;
        int rc = store_request_get(ops_store(ctx), effective->request_id, &request, err);
        if (rc < 0)
            return rc;
        rc = state_check(MACHINE_REQUEST, effective->request_id, (int)request.status,
                         REQUEST_BOOKED, err);
        if (rc < 0)
            return rc;
        text_copy(plan->name, sizeof plan->name, request.name);
        text_copy(plan->email, sizeof plan->email, request.email);
        text_copy(plan->phone, sizeof plan->phone, request.phone);
        text_copy(plan->service_name, sizeof plan->service_name, request.service);
    } else if (effective->waitlist_id) {
        struct fd_waitlist_entry entry;
        int rc = store_waitlist_get(ops_store(ctx), effective->waitlist_id, &entry, err);
        if (rc < 0)
            return rc;
        rc = state_check(MACHINE_WAITLIST, effective->waitlist_id, (int)entry.status,
                         WAITLIST_BOOKED, err);
        if (rc < 0)
            return rc;
        struct fd_client client;
        rc = store_client_get(ops_store(ctx), entry.client_id, &client, err);
        if (rc < 0)
            return rc;
        text_copy(plan->name, sizeof plan->name, client.name);
        text_copy(plan->email, sizeof plan->email, client.email);
        text_copy(plan->phone, sizeof plan->phone, client.phone);
        text_copy(plan->service_name, sizeof plan->service_name, entry.service);
    } else {
        return 0;
    }
    effective->name = plan->name;
    effective->email = plan->email;
    effective->phone = plan->phone;
    effective->service = config_find_service(&ctx->config, plan->service_name);
    if (!effective->service)
        return fd_fail(err, FD_ERR_CONFIG,
                       "the service \"%s\" is no longer in the config; decline or rebook it",
                       plan->service_name);
    return 0;
}

int ops_book(struct fd_context *ctx, const struct booking *request_in, struct fd_appointment *out,
             struct fd_error *err)
{
    struct booking effective = *request_in;
    const struct booking *booking = &effective;
    struct book_plan plan = {.in = booking, .out = out};
    int rc = fill_from_source(ctx, &plan, &effective, err);
    if (rc == 0)
        rc = validate_client(&plan, booking, err);
    if (rc < 0)
        return rc;
    plan.service = booking->service;
    if (!plan.service)
        return fd_fail(err, FD_ERR_USAGE, "--service: name the service to book");
    rc = store_therapist_get(ops_store(ctx), booking->therapist_id, &plan.therapist, err);
    if (rc < 0)
        return rc;
    if (!plan.therapist.active)
        return fd_fail(err, FD_ERR_RULE, "%s no longer works here", plan.therapist.handle);
    plan.clinic = booking->clinic;
    if (plan.clinic && !config_service_offered_at(plan.service, plan.clinic->name))
        return fd_fail(err, FD_ERR_RULE, "%s does not offer \"%s\"", plan.clinic->name,
                       plan.service->name);
    if (booking->start < ctx->now) {
        char when[FD_DATETIME_LEN];
        datetime_format(booking->start, when);
        return fd_fail(err, FD_ERR_RULE, "%s is in the past", when);
    }
    rc = clock_check_local_time("--at", booking->start, ctx->config.timezone, err);
    if (rc == 0)
        rc = clock_check_local_time("the appointment's end",
                                    clock_add_minutes(booking->start, plan.service->minutes),
                                    ctx->config.timezone, err);
    return rc < 0 ? rc : ops_run(ctx, book_step, &plan, err);
}

struct cancel_plan {
    int64_t id;
    struct cancellation cancellation;
    struct fd_appointment *out;
};

/* The request an appointment came from follows it: withdrawn when the
 * client cancels, open again (due anew from now) when the clinic does. */
static int cancel_request(struct fd_context *ctx, const struct cancel_plan *plan,
                          struct fd_error *err)
{
    struct fd_request request;
    int rc = store_request_get(ops_store(ctx), plan->out->request_id, &request, err);
    if (rc < 0 || request.status != REQUEST_BOOKED)
        return rc;
    if (plan->cancellation.by == CANCELLED_BY_CLIENT)
        return store_request_set_status(ops_store(ctx), request.id, REQUEST_WITHDRAWN,
                                        "the client cancelled the appointment", request.answered, 0,
                                        err);
    rc = state_check(MACHINE_REQUEST, request.id, (int)request.status, REQUEST_PENDING, err);
    if (rc == 0)
        rc = store_request_reopen(
            ops_store(ctx), request.id,
            calendar_due(&ctx->config.calendar, ctx->now, ctx->config.request_reply_days), err);
    if (rc == 0)
        rc = ops_audit(ctx, "request", request.id, err,
                       "request open again: the clinic cancelled appointment %lld",
                       (long long)plan->id);
    return rc;
}

static int cancel_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct cancel_plan *plan = arg;
    int rc = store_appointment_get(ops_store(ctx), plan->id, plan->out, err);
    if (rc < 0)
        return rc;
    rc = state_check(MACHINE_APPOINTMENT, plan->id, (int)plan->out->status, APPOINTMENT_CANCELLED,
                     err);
    if (rc == 0)
        rc = store_appointment_set_status(ops_store(ctx), plan->id, APPOINTMENT_CANCELLED, err);
    const char *reason = plan->cancellation.reason;
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", plan->id, err, "cancelled by the %s%s%s",
                       plan->cancellation.by == CANCELLED_BY_CLINIC ? "clinic" : "client",
                       reason && *reason ? ": " : "", reason ? reason : "");
    if (rc == 0 && plan->out->request_id)
        rc = cancel_request(ctx, plan, err);
    if (rc == 0)
        plan->out->status = APPOINTMENT_CANCELLED;
    return rc;
}

int ops_cancel(struct fd_context *ctx, int64_t appointment_id,
               const struct cancellation *cancellation, struct fd_appointment *out,
               struct fd_error *err)
{
    struct fd_appointment scratch = {0};
    struct cancel_plan plan = {appointment_id, {CANCELLED_BY_CLIENT, NULL}, out ? out : &scratch};
    if (cancellation)
        plan.cancellation = *cancellation;
    return ops_run(ctx, cancel_step, &plan, err);
}
