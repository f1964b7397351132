/*
 * The attendance report, and the offers report.
 *
 * Attendance: for each therapist and each client, the
 * appointments booked on the days asked for and what became of them —
 * attended, no-shows, late cancellations, those still without an outcome
 * — and the fees due.  One snapshot of the store, added up by sorting one
 * small record per appointment and merging runs, as the other reports do.
 */
#include "ops_internal.h"

#include <frontdesk/report.h>
#include <frontdesk/sort.h>
#include <frontdesk/store_report.h>
#include <frontdesk/text.h>

#include <stdlib.h>
#include <string.h>

/* One appointment into a row; false when it does not count (cancelled in
 * time, by the client or by the clinic). */
static bool count_into(struct attendance_row *row, const struct fd_attended *a)
{
    if (a->status == APPOINTMENT_CANCELLED && !a->late)
        return false;
    row->booked++;
    switch (a->status) {
    case APPOINTMENT_ARRIVED:
    case APPOINTMENT_COMPLETED:
        row->attended++;
        break;
    case APPOINTMENT_NO_SHOW:
        row->no_shows++;
        break;
    case APPOINTMENT_CANCELLED:
        row->late_cancellations++;
        break;
    case APPOINTMENT_BOOKED:
        row->open++;
        break;
    }
    row->fees_pence += a->fee_pence;
    return true;
}

static int compare_by_client(const void *a, const void *b)
{
    const struct fd_attended *x = a, *y = b;
    return (x->client_id > y->client_id) - (x->client_id < y->client_id);
}

static int compare_therapists(const void *a, const void *b)
{
    return strcmp(((const struct attendance_row *)a)->name,
                  ((const struct attendance_row *)b)->name);
}

/* Those who missed most first, then by name. */
static int compare_clients(const void *a, const void *b)
{
    const struct attendance_row *x = a, *y = b;
    int missed_x = x->no_shows + x->late_cancellations;
    int missed_y = y->no_shows + y->late_cancellations;
    if (missed_x != missed_y)
        return missed_y - missed_x;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Rows for runs of the same id (the list sorted by it): therapists or
 * clients.  Returns how many rows. */
static size_t add_up(const struct fd_attended *list, size_t count, bool by_client,
                     struct attendance_row *rows)
{
    size_t n = 0;
    int64_t current = -1;
    for (size_t i = 0; i < count; i++) {
        const struct fd_attended *a = &list[i];
        int64_t id = by_client ? a->client_id : a->therapist_id;
        if (id != current) {
            memset(&rows[n++], 0, sizeof rows[0]);
            rows[n - 1].id = id;
            text_copy(rows[n - 1].name, sizeof rows[n - 1].name,
                      by_client ? a->client : a->therapist);
            current = id;
        }
        count_into(&rows[n - 1], a);
    }
    /* A client whose every appointment was cancelled in time booked
     * nothing here. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].booked > 0)
            rows[kept++] = rows[i];
    return kept;
}

/* Without --from and --to, these reports cover the last
 * REPORT_ATTENDANCE_WEEKS weeks, this one included. */
static int resolve_recent_weeks(const struct fd_context *ctx, struct fd_day_range *range,
                                struct fd_error *err)
{
    fd_day monday = date_week_start(time_day(ctx->now));
    return ops_range_resolve(range, monday - 7 * (REPORT_ATTENDANCE_WEEKS - 1), monday + 6, err);
}

int ops_report_attendance(struct fd_context *ctx, struct fd_day_range *range,
                          struct attendance_report *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = resolve_recent_weeks(ctx, range, err);
    if (rc < 0)
        return rc;
    out->range = *range;
    struct fd_attended *list = NULL;
    size_t count = 0;
    rc = store_report_attendance(ops_store(ctx), time_make(range->from, 0),
                                 time_make(range->to + 1, 0), &list, &count, err);
    if (rc < 0)
        return rc;
    out->therapists = calloc(count ? count : 1, sizeof *out->therapists);
    out->clients = calloc(count ? count : 1, sizeof *out->clients);
    if (!out->therapists || !out->clients) {
        free(list);
        attendance_report_free(out);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    for (size_t i = 0; i < count; i++)
        count_into(&out->total, &list[i]);
    out->therapist_count = add_up(list, count, false, out->therapists);
    fd_sort(out->therapists, out->therapist_count, sizeof *out->therapists, compare_therapists);
    fd_sort(list, count, sizeof *list, compare_by_client);
    out->client_count = add_up(list, count, true, out->clients);
    fd_sort(out->clients, out->client_count, sizeof *out->clients, compare_clients);
    free(list);
    return 0;
}

void attendance_report_free(struct attendance_report *report)
{
    free(report->therapists);
    free(report->clients);
    memset(report, 0, sizeof *report);
}

/* ---- offers ---- */

static struct offer_row *row_named(struct offers_report *report, const char *name)
{
    for (size_t i = 0; i < report->count; i++)
        if (strcmp(report->rows[i].offer, name) == 0)
            return &report->rows[i];
    return NULL;
}

int ops_report_offers(struct fd_context *ctx, struct fd_day_range *range, struct offers_report *out,
                      struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = resolve_recent_weeks(ctx, range, err);
    if (rc < 0)
        return rc;
    out->range = *range;
    struct fd_offered *given = NULL;
    size_t given_count = 0;
    rc = store_report_offers(ops_store(ctx), time_make(range->from, 0), time_make(range->to + 1, 0),
                             &given, &given_count, err);
    if (rc < 0)
        return rc;
    out->rows = calloc(ctx->config.offer_count + given_count + 1, sizeof *out->rows);
    if (!out->rows) {
        free(given);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    for (size_t i = 0; i < ctx->config.offer_count; i++) {
        struct offer_row *row = &out->rows[out->count++];
        text_copy(row->offer, sizeof row->offer, ctx->config.offers[i].name);
        row->in_config = true;
    }
    for (size_t i = 0; i < given_count; i++) {
        struct offer_row *row = row_named(out, given[i].offer);
        if (!row) {
            row = &out->rows[out->count++];
            text_copy(row->offer, sizeof row->offer, given[i].offer);
        }
        row->appointments = (long)given[i].appointments;
        row->discount_pence = (long)given[i].discount_pence;
        row->list_pence = (long)given[i].list_pence;
        out->total.appointments += row->appointments;
        out->total.discount_pence += row->discount_pence;
        out->total.list_pence += row->list_pence;
    }
    free(given);
    return 0;
}

void offers_report_free(struct offers_report *report)
{
    free(report->rows);
    memset(report, 0, sizeof *report);
}
