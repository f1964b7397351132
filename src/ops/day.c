/*
 * The day at a glance: for each therapist on shift, off, or with
 * appointments that day, the shifts, the time off, the appointments (each
 * marked when no shift holds it) and the free time between them, counted
 * only where a booking could really go: the therapist and a room free for
 * the shortest service the clinic offers.  Read in one snapshot so that
 * they agree with each other.
 */
#include "ops_internal.h"
#include <frontdesk/sort.h>

#include <stdlib.h>
#include <string.h>

static struct day_column *column_for(struct day_view *view, size_t *capacity,
                                     const struct fd_therapist *therapists, size_t therapist_count,
                                     int64_t therapist_id)
{
    for (size_t i = 0; i < view->count; i++)
        if (view->columns[i].therapist.id == therapist_id)
            return &view->columns[i];
    if (view->count == *capacity) {
        size_t wanted = *capacity ? *capacity * 2 : 8;
        struct day_column *grown = realloc(view->columns, wanted * sizeof *grown);
        if (!grown)
            return NULL;
        view->columns = grown;
        *capacity = wanted;
    }
    struct day_column *column = &view->columns[view->count++];
    memset(column, 0, sizeof *column);
    for (size_t i = 0; i < therapist_count; i++)
        if (therapists[i].id == therapist_id)
            column->therapist = therapists[i];
    return column;
}

static int compare_columns(const void *a, const void *b)
{
    const struct day_column *x = a, *y = b;
    return strcmp(x->therapist.handle, y->therapist.handle);
}

static int build_columns(struct fd_context *ctx, struct day_view *view, struct fd_error *err)
{
    struct fd_therapist *therapists = NULL;
    size_t therapist_count = 0, capacity = 0;
    int rc = store_therapist_list(ops_store(ctx), &therapists, &therapist_count, err);
    for (size_t i = 0; rc == 0 && i < view->shifts.count; i++)
        if (!column_for(view, &capacity, therapists, therapist_count,
                        view->shifts.items[i].therapist_id))
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; rc == 0 && i < view->appointment_count; i++)
        if (!column_for(view, &capacity, therapists, therapist_count,
                        view->appointments[i].therapist_id))
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; rc == 0 && i < view->time_off_count; i++)
        if (!column_for(view, &capacity, therapists, therapist_count,
                        view->time_off[i].off.therapist_id))
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    free(therapists);
    if (rc < 0)
        return rc;
    fd_sort(view->columns, view->count, sizeof *view->columns, compare_columns);
    /* Shifts and appointments are sorted by therapist id; point each
     * column at its run. */
    for (size_t c = 0; c < view->count; c++) {
        struct day_column *column = &view->columns[c];
        int64_t id = column->therapist.id;
        for (size_t i = 0; i < view->shifts.count; i++) {
            if (view->shifts.items[i].therapist_id != id)
                continue;
            if (!column->shifts)
                column->shifts = &view->shifts.items[i];
            column->shift_count++;
        }
        for (size_t i = 0; i < view->appointment_count; i++) {
            if (view->appointments[i].therapist_id != id)
                continue;
            if (!column->appointments)
                column->appointments = &view->appointments[i];
            column->appointment_count++;
        }
        for (size_t i = 0; i < view->time_off_count; i++) {
            if (view->time_off[i].off.therapist_id != id)
                continue;
            if (!column->time_off)
                column->time_off = &view->time_off[i];
            column->time_off_count++;
        }
    }
    return 0;
}

static int compare_time_off(const void *a, const void *b)
{
    const struct fd_time_off_record *x = a, *y = b;
    if (x->off.therapist_id != y->off.therapist_id)
        return x->off.therapist_id < y->off.therapist_id ? -1 : 1;
    return x->off.from < y->off.from ? -1 : x->off.from > y->off.from;
}

/* The shortest service (in minutes, buffer included) offered at a clinic:
 * free time shorter than that cannot be booked. */
static int shortest_service(const struct fd_config *config, const struct fd_clinic *clinic)
{
    int shortest = 0;
    for (size_t i = 0; clinic && i < config->service_count; i++) {
        const struct fd_service *service = &config->services[i];
        int length = service->minutes;
        if (config_service_offered_at(service, clinic->name) && (!shortest || length < shortest))
            shortest = length;
    }
    return shortest;
}

static int compare_by_therapist(const void *a, const void *b)
{
    const struct fd_appointment *x = a, *y = b;
    if (x->therapist_id != y->therapist_id)
        return x->therapist_id < y->therapist_id ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int compare_shifts(const void *a, const void *b)
{
    const struct shift *x = a, *y = b;
    if (x->therapist_id != y->therapist_id)
        return x->therapist_id < y->therapist_id ? -1 : 1;
    return x->start - y->start;
}

static int fill_free(struct fd_context *ctx, struct day_view *view, struct fd_error *err)
{
    struct busy *busy = NULL;
    size_t count = 0;
    int rc = store_busy_list(ops_store(ctx), time_make(view->day, 0), time_make(view->day + 1, 0),
                             &busy, &count, err);
    if (rc < 0)
        return rc;
    for (size_t c = 0; c < view->count; c++) {
        struct day_column *column = &view->columns[c];
        for (size_t s = 0; s < column->shift_count; s++) {
            const struct shift *shift = &column->shifts[s];
            const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, shift->clinic_id);
            int shortest = shortest_service(&ctx->config, clinic);
            size_t room = sizeof column->free / sizeof column->free[0] - column->free_count;
            if (!clinic || !shortest)
                continue; /* nothing can be booked there */
            column->free_count +=
                slots_bookable_in_shift(shift, busy, count, clinic->rooms, shortest,
                                        column->free + column->free_count, room);
        }
        for (size_t i = 0; i < column->appointment_count; i++) {
            struct fd_appointment *a = &column->appointments[i];
            a->outside_rota = appointment_holds_slot(a->status) &&
                              !slots_covering_shift(&view->shifts, a->therapist_id, a->clinic_id,
                                                    a->start, a->end);
        }
    }
    free(busy);
    return 0;
}

/* A desk at one site sees that site's day: its shifts and appointments,
 * and the time off of the therapists who have either there. */
static void keep_site(const struct fd_context *ctx, struct day_view *view)
{
    const struct fd_clinic *site = config_site(&ctx->config);
    if (!site)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < view->shifts.count; i++)
        if (view->shifts.items[i].clinic_id == site->id)
            view->shifts.items[kept++] = view->shifts.items[i];
    view->shifts.count = kept;
    kept = 0;
    for (size_t i = 0; i < view->appointment_count; i++)
        if (view->appointments[i].clinic_id == site->id)
            view->appointments[kept++] = view->appointments[i];
    view->appointment_count = kept;
    kept = 0;
    for (size_t i = 0; i < view->time_off_count; i++) {
        int64_t therapist = view->time_off[i].off.therapist_id;
        bool here = false;
        for (size_t s = 0; !here && s < view->shifts.count; s++)
            here = view->shifts.items[s].therapist_id == therapist;
        for (size_t a = 0; !here && a < view->appointment_count; a++)
            here = view->appointments[a].therapist_id == therapist;
        if (here)
            view->time_off[kept++] = view->time_off[i];
    }
    view->time_off_count = kept;
}

int ops_day(struct fd_context *ctx, fd_day day, int64_t therapist_id, struct day_view *out,
            struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    struct fd_therapist only = {0};
    if (therapist_id) {
        int rc = store_therapist_get(ops_store(ctx), therapist_id, &only, err);
        if (rc < 0)
            return rc;
    }
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc < 0)
        return rc;
    rc = ops_shifts(ctx, day, day, only.id, &out->shifts, err);
    if (rc == 0) {
        struct fd_appointment_filter filter = {
            .from = time_make(day, 0), .to = time_make(day + 1, 0), .therapist_id = only.id};
        rc = store_appointment_list(ops_store(ctx), &filter, &out->appointments,
                                    &out->appointment_count, err);
    }
    if (rc == 0)
        rc = store_time_off_list(ops_store(ctx), only.id, time_make(day, 0), time_make(day + 1, 0),
                                 &out->time_off, &out->time_off_count, err);
    if (rc == 0)
        keep_site(ctx, out);
    if (rc == 0) {
        fd_sort(out->appointments, out->appointment_count, sizeof *out->appointments,
                compare_by_therapist);
        fd_sort(out->time_off, out->time_off_count, sizeof *out->time_off, compare_time_off);
        fd_sort(out->shifts.items, out->shifts.count, sizeof *out->shifts.items, compare_shifts);
        rc = build_columns(ctx, out, err);
    }
    if (rc == 0)
        rc = fill_free(ctx, out, err);
    store_rollback(ops_store(ctx));
    if (config_clinic_closed(&ctx->config, config_site(&ctx->config), day))
        out->closure = "closed";
    if (rc < 0)
        day_view_free(out);
    return rc;
}

void day_view_free(struct day_view *view)
{
    free(view->columns);
    free(view->appointments);
    free(view->time_off);
    shift_list_free(&view->shifts);
    memset(view, 0, sizeof *view);
}
