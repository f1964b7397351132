/*
 * The owner's reports: the reply promise kept (SLA) and utilisation of the
 * rota.  Each reads one snapshot of the store through the lean queries of
 * store_report.h and adds the figures up here; nothing is drawn.
 *
 * Weeks are ISO weeks (Monday to Sunday) and are keyed by their Monday.
 * Sums are built as one small record per request or shift, sorted, and
 * merged, which keeps the code free of hash tables and the cost at
 * n log n however long the range.
 */
#include "ops_internal.h"

#include <frontdesk/clock.h>
#include <frontdesk/report.h>
#include <frontdesk/sort.h>
#include <frontdesk/store_report.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report_percent(long part, long whole)
{
    if (whole <= 0)
        return 0;
    return (int)((part * 200 + whole) / (whole * 2));
}

void report_iso_week(fd_day day, int *year, int *week)
{
    /* The week belongs to the year of its Thursday. */
    fd_day thursday = date_week_start(day) + 3;
    int month, mday;
    date_to_civil(thursday, year, &month, &mday);
    *week = (int)((thursday - date_from_civil(*year, 1, 1)) / 7) + 1;
}

/* ---- reply promise (SLA) ---- */

struct reply {
    size_t week; /* index into report->weeks */
    long minutes;
};

static int compare_replies(const void *a, const void *b)
{
    const struct reply *x = a, *y = b;
    if (x->week != y->week)
        return x->week < y->week ? -1 : 1;
    return (x->minutes > y->minutes) - (x->minutes < y->minutes);
}

static int compare_minutes(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Median (the mean of the middle two, rounded, for an even count) and
 * worst of sorted minutes. */
static void fill_reply_times(struct sla_figures *figures, const long *sorted, size_t count)
{
    figures->median_minutes = -1;
    figures->worst_minutes = -1;
    if (count == 0)
        return;
    figures->median_minutes =
        count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2] + 1) / 2;
    figures->worst_minutes = sorted[count - 1];
}

/* One request into its week and the total.  Returns the reply minutes, or
 * -1 when the request has no reply time (missed, not counted). */
static long count_request(const struct fd_context *ctx, const struct fd_request_times *r,
                          struct sla_report *report, struct sla_figures *week)
{
    if (r->status == REQUEST_WITHDRAWN) {
        report->withdrawn++;
        return -1;
    }
    /* Answered when the answer went out to the client (a booking the
     * client was never told of is no answer); as of now, so a reply sent
     * after now had not been sent yet. */
    bool answered = r->answered > 0 && r->answered <= ctx->now;
    if (!answered) {
        if (r->due >= ctx->now) {
            report->not_yet_due++;
            return -1;
        }
        week->missed++;
        week->counted++;
        report->total.missed++;
        report->total.counted++;
        return -1;
    }
    bool in_time = r->answered <= r->due;
    week->counted++;
    week->answered++;
    report->total.counted++;
    report->total.answered++;
    if (in_time) {
        week->in_time++;
        report->total.in_time++;
    } else {
        week->late++;
        report->total.late++;
    }
    return calendar_working_minutes(&ctx->config.calendar, ctx->config.opens, r->received,
                                    r->answered);
}

static int sla_weeks(struct sla_report *report, struct fd_error *err)
{
    fd_day first = date_week_start(report->range.from);
    fd_day last = date_week_start(report->range.to);
    fd_day weeks = (last - first) / 7 + 1;
    report->week_count = (size_t)weeks;
    report->weeks = calloc(report->week_count, sizeof *report->weeks);
    if (!report->weeks)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; i < report->week_count; i++) {
        report->weeks[i].week_start = first + (fd_day)(7 * i);
        report->weeks[i].median_minutes = report->weeks[i].worst_minutes = -1;
    }
    report->total.week_start = report->range.from;
    report->total.median_minutes = report->total.worst_minutes = -1;
    return 0;
}

static int sla_add_up(struct fd_context *ctx, struct sla_report *report,
                      const struct fd_request_times *requests, size_t count, struct fd_error *err)
{
    struct reply *replies = calloc(count ? count : 1, sizeof *replies);
    long *all = calloc(count ? count : 1, sizeof *all);
    if (!replies || !all) {
        free(replies);
        free(all);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    fd_day first_week = report->weeks[0].week_start;
    size_t reply_count = 0;
    for (size_t i = 0; i < count; i++) {
        const struct fd_request_times *r = &requests[i];
        if (r->received > ctx->now)
            continue; /* not received yet, as of now */
        size_t week = (size_t)((date_week_start(time_day(r->received)) - first_week) / 7);
        long minutes = count_request(ctx, r, report, &report->weeks[week]);
        if (minutes >= 0) {
            replies[reply_count] = (struct reply){week, minutes};
            all[reply_count++] = minutes;
        }
    }
    fd_sort(replies, reply_count, sizeof *replies, compare_replies);
    fd_sort(all, reply_count, sizeof *all, compare_minutes);
    fill_reply_times(&report->total, all, reply_count);
    /* Each week's replies are a run of the sorted array. */
    for (size_t i = 0; i < reply_count;) {
        size_t j = i, n = 0;
        while (j < reply_count && replies[j].week == replies[i].week)
            all[n++] = replies[j++].minutes;
        fill_reply_times(&report->weeks[replies[i].week], all, n);
        i = j;
    }
    free(replies);
    free(all);
    return 0;
}

int ops_report_sla(struct fd_context *ctx, struct fd_day_range *range, struct sla_report *out,
                   struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    fd_day today = time_day(ctx->now);
    int rc =
        ops_range_resolve(range, date_week_start(today) - 7 * (REPORT_SLA_WEEKS - 1), today, err);
    if (rc < 0)
        return rc;
    out->range = *range;
    rc = sla_weeks(out, err);
    struct fd_request_times *requests = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = store_report_request_times(ops_store(ctx), time_make(range->from, 0),
                                        time_make(range->to + 1, 0), &requests, &count, err);
    if (rc == 0)
        rc = sla_add_up(ctx, out, requests, count, err);
    free(requests);
    if (rc < 0)
        sla_report_free(out);
    return rc;
}

void sla_report_free(struct sla_report *report)
{
    free(report->weeks);
    memset(report, 0, sizeof *report);
}

/* ---- utilisation ---- */

/* Shifts ordered by therapist, then when they start, for binary search. */
static int compare_shifts(const void *a, const void *b)
{
    const struct shift *x = a, *y = b;
    if (x->therapist_id != y->therapist_id)
        return x->therapist_id < y->therapist_id ? -1 : 1;
    fd_time p = time_make(x->day, x->start), q = time_make(y->day, y->start);
    return (p > q) - (p < q);
}

/* The first shift after every shift of the therapist that starts at or
 * before t. */
static size_t shifts_after(const struct shift *shifts, size_t count, int64_t therapist_id,
                           fd_time t)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct shift *s = &shifts[middle];
        bool before = s->therapist_id < therapist_id ||
                      (s->therapist_id == therapist_id && time_make(s->day, s->start) <= t);
        if (before)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* Adds each booking's minutes inside its shift to booked[shift]: the shift
 * of the same therapist and clinic that holds the booking's start. */
static void book_into_shifts(const struct shift *shifts, size_t shift_count,
                             const struct fd_booked *booked, size_t booked_count, long *minutes,
                             long *no_show_minutes)
{
    for (size_t i = 0; i < booked_count; i++) {
        const struct fd_booked *b = &booked[i];
        size_t k = shifts_after(shifts, shift_count, b->therapist_id, b->start);
        /* Walk back over the shifts of that day that started by then. */
        while (k-- > 0) {
            const struct shift *s = &shifts[k];
            if (s->therapist_id != b->therapist_id || s->day != time_day(b->start))
                break;
            fd_time end = time_make(s->day, s->end);
            if (s->clinic_id != b->clinic_id || b->start >= end)
                continue;
            fd_time booked_end = b->start + b->minutes;
            long inside = (long)((booked_end < end ? booked_end : end) - b->start);
            minutes[k] += inside;
            if (b->no_show)
                no_show_minutes[k] += inside;
            break;
        }
    }
}

static int compare_row_ids(const void *a, const void *b)
{
    const struct utilisation_row *x = a, *y = b;
    if (x->therapist_id != y->therapist_id)
        return x->therapist_id < y->therapist_id ? -1 : 1;
    if (x->clinic_id != y->clinic_id)
        return x->clinic_id < y->clinic_id ? -1 : 1;
    return (x->week_start > y->week_start) - (x->week_start < y->week_start);
}

static int compare_row_names(const void *a, const void *b)
{
    const struct utilisation_row *x = a, *y = b;
    int c = strcmp(x->therapist, y->therapist);
    if (c == 0)
        c = strcmp(x->clinic, y->clinic);
    if (c == 0)
        c = (x->week_start > y->week_start) - (x->week_start < y->week_start);
    return c;
}

/* Sorts rows by id, merges rows with the same therapist, clinic and week,
 * names them, and sorts them by name.  Returns the new count. */
static size_t merge_rows(struct fd_context *ctx, struct utilisation_row *rows, size_t count,
                         const struct fd_therapist *therapists, size_t therapist_count)
{
    fd_sort(rows, count, sizeof *rows, compare_row_ids);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept > 0 && compare_row_ids(&rows[kept - 1], &rows[i]) == 0) {
            rows[kept - 1].rostered_minutes += rows[i].rostered_minutes;
            rows[kept - 1].booked_minutes += rows[i].booked_minutes;
            rows[kept - 1].no_show_minutes += rows[i].no_show_minutes;
        } else {
            rows[kept++] = rows[i];
        }
    }
    for (size_t i = 0; i < kept; i++) {
        const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, rows[i].clinic_id);
        snprintf(rows[i].clinic, sizeof rows[i].clinic, "%s", clinic ? clinic->name : "?");
        rows[i].therapist[0] = '\0';
        for (size_t t = 0; rows[i].therapist_id && t < therapist_count; t++)
            if (therapists[t].id == rows[i].therapist_id)
                snprintf(rows[i].therapist, sizeof rows[i].therapist, "%s", therapists[t].handle);
    }
    fd_sort(rows, kept, sizeof *rows, compare_row_names);
    return kept;
}

static int utilisation_add_up(struct fd_context *ctx, struct utilisation_report *report,
                              struct shift_list *shifts, const struct fd_booked *booked,
                              size_t booked_count, struct fd_error *err)
{
    size_t n = shifts->count;
    fd_sort(shifts->items, n, sizeof *shifts->items, compare_shifts);
    long *minutes = calloc(n ? n * 2 : 1, sizeof *minutes);
    report->rows = calloc(n ? n : 1, sizeof *report->rows);
    report->clinics = calloc(n ? n : 1, sizeof *report->clinics);
    if (!minutes || !report->rows || !report->clinics) {
        free(minutes);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    struct fd_therapist *therapists = NULL;
    size_t therapist_count = 0;
    int rc = store_therapist_list(ops_store(ctx), &therapists, &therapist_count, err);
    if (rc == 0) {
        book_into_shifts(shifts->items, n, booked, booked_count, minutes, minutes + n);
        for (size_t i = 0; i < n; i++) {
            const struct shift *s = &shifts->items[i];
            struct utilisation_row row = {.therapist_id = s->therapist_id,
                                          .clinic_id = s->clinic_id,
                                          .week_start = date_week_start(s->day),
                                          /* Real minutes: a shift across a clock
                                           * change is an hour longer or shorter. */
                                          .rostered_minutes =
                                              (long)clock_real_minutes(time_make(s->day, s->start),
                                                                       time_make(s->day, s->end)),
                                          .booked_minutes = minutes[i],
                                          .no_show_minutes = minutes[n + i]};
            report->rows[i] = row;
            row.therapist_id = 0;
            report->clinics[i] = row;
        }
        report->row_count = merge_rows(ctx, report->rows, n, therapists, therapist_count);
        report->clinic_count = merge_rows(ctx, report->clinics, n, therapists, therapist_count);
    }
    free(therapists);
    free(minutes);
    return rc;
}

int ops_report_utilisation(struct fd_context *ctx, struct fd_day_range *range,
                           struct utilisation_report *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    fd_day monday = date_week_start(time_day(ctx->now));
    int rc = ops_range_resolve(range, monday - 7 * (REPORT_UTILISATION_WEEKS - 1), monday + 6, err);
    if (rc < 0)
        return rc;
    out->range = *range;
    rc = store_begin_read(ops_store(ctx), err);
    if (rc < 0)
        return rc;
    struct shift_list shifts = {0};
    struct fd_booked *booked = NULL;
    size_t booked_count = 0;
    rc = ops_shifts(ctx, range->from, range->to, 0, &shifts, err);
    if (rc == 0)
        rc = store_report_booked(ops_store(ctx), time_make(range->from, 0),
                                 time_make(range->to + 1, 0), &booked, &booked_count, err);
    if (rc == 0)
        rc = utilisation_add_up(ctx, out, &shifts, booked, booked_count, err);
    store_rollback(ops_store(ctx));
    shift_list_free(&shifts);
    free(booked);
    if (rc < 0)
        utilisation_report_free(out);
    return rc;
}

void utilisation_report_free(struct utilisation_report *report)
{
    free(report->rows);
    free(report->clinics);
    memset(report, 0, sizeof *report);
}
