/*
 * Exports: the iCalendar feed of a therapist (libical) and the CSV of all
 * appointments (libcsv's quoting).  Both stream: appointments are read a
 * few weeks at a time inside one read snapshot and written as they come,
 * so a twenty-year export of a busy clinic needs no more memory than a
 * month's.
 *
 * Times in the store are the clinic's wall clock.  The feed keeps them so
 * (DTSTART;TZID=Europe/London:…) and ships the zone's VTIMEZONE, cut to
 * the rules in force from the start of the range, so a phone in any zone
 * places each appointment right on both sides of a clock change.  Only
 * DTSTAMP and CREATED are UTC, as RFC 5545 asks.
 */
#include "ops_internal.h"

#include <frontdesk/clock.h>
#include <frontdesk/export.h>
#include <frontdesk/text.h>

#include <libical/ical.h>

#include "ical_api.h" /* libical is loaded on first use: see there */

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* How many days of appointments are read at a time. */
#define CHUNK_DAYS 28

int ops_range_resolve(struct fd_day_range *range, fd_day default_from, fd_day default_to,
                      struct fd_error *err)
{
    fd_day length = default_to - default_from;
    if (range->from == FD_DAY_NONE && range->to == FD_DAY_NONE) {
        range->from = default_from;
        range->to = default_to;
    } else if (range->from == FD_DAY_NONE) {
        range->from = range->to - length;
    } else if (range->to == FD_DAY_NONE) {
        range->to = range->from + length;
    }
    if (range->to < range->from)
        return fd_fail(err, FD_ERR_USAGE, "--to: must not be before --from");
    if ((int64_t)range->to - range->from >= (int64_t)FD_RANGE_MAX_DAYS)
        return fd_fail(err, FD_ERR_USAGE, "--to: the range may cover at most %d days",
                       FD_RANGE_MAX_DAYS);
    return 0;
}

static int resolve_export_range(struct fd_context *ctx, struct fd_day_range *range,
                                struct fd_error *err)
{
    fd_day today = time_day(ctx->now);
    return ops_range_resolve(range, today - EXPORT_DAYS_BEFORE, today + EXPORT_DAYS_AFTER, err);
}

/* Calls each() for every appointment starting in range, in start order,
 * reading CHUNK_DAYS at a time inside one snapshot. */
typedef int (*appointment_visitor)(const struct fd_appointment *a, void *arg, struct fd_error *err);

static int for_each_appointment(struct fd_context *ctx, const struct fd_day_range *range,
                                int64_t therapist_id, appointment_visitor each, void *arg,
                                struct fd_error *err)
{
    int rc = store_begin_read(ops_store(ctx), err);
    if (rc < 0)
        return rc;
    for (fd_day day = range->from; rc == 0 && day <= range->to; day += CHUNK_DAYS) {
        fd_day last = day + CHUNK_DAYS - 1 < range->to ? day + CHUNK_DAYS - 1 : range->to;
        struct fd_appointment_filter filter = {.from = time_make(day, 0),
                                               .to = time_make(last + 1, 0),
                                               .therapist_id = therapist_id,
                                               .include_cancelled = true};
        struct fd_appointment *list = NULL;
        size_t count = 0;
        rc = store_appointment_list(ops_store(ctx), &filter, &list, &count, err);
        for (size_t i = 0; rc == 0 && i < count; i++)
            rc = each(&list[i], arg, err);
        free(list);
    }
    store_rollback(ops_store(ctx));
    return rc;
}

static int check_written(FILE *out, struct fd_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return fd_fail(err, FD_ERR_IO, "writing the export: %s", strerror(errno ? errno : EIO));
    return 0;
}

/* ---- iCalendar ---- */

void export_event_uid(const struct fd_config *config, int64_t appointment_id, char *out,
                      size_t size)
{
    char slug[96];
    size_t length = 0;
    bool dash = false;
    const char *name = config->clinic_name ? config->clinic_name : "";
    for (const char *p = name; *p && length < sizeof slug - 2; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) && c < 128) {
            if (dash && length > 0)
                slug[length++] = '-';
            slug[length++] = (char)tolower(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    slug[length] = '\0';
    snprintf(out, size, "appointment-%lld@%s", (long long)appointment_id,
             length ? slug : "frontdesk");
}

struct ics_writer {
    struct fd_context *ctx;
    FILE *out;
    icaltimezone *zone; /* the clinic's zone, or UTC */
    bool utc;           /* the clinic keeps UTC: times carry Z, no VTIMEZONE */
    struct icaltimetype stamp;
    size_t count;
    bool whole_clinic; /* every therapist's appointments, not one's */
};

/* A wall-clock moment as a floating icaltimetype (no zone attached). */
static struct icaltimetype wall_time(fd_time t)
{
    struct icaltimetype it = icaltime_null_time();
    date_to_civil(time_day(t), &it.year, &it.month, &it.day);
    it.hour = time_minute(t) / 60;
    it.minute = time_minute(t) % 60;
    it.is_date = 0;
    return it;
}

static struct icaltimetype utc_time(const struct ics_writer *w, fd_time t)
{
    struct icaltimetype it = wall_time(t);
    it.zone = w->zone;
    return icaltime_convert_to_zone(it, icaltimezone_get_utc_timezone());
}

/* A real instant (minutes since 1970 UTC) as a UTC icaltimetype. */
static struct icaltimetype instant_time(int64_t instant)
{
    fd_day day =
        (fd_day)(instant >= 0 ? instant / FD_MINUTES_PER_DAY
                              : -((-instant + FD_MINUTES_PER_DAY - 1) / FD_MINUTES_PER_DAY));
    struct icaltimetype it = wall_time(time_make(day, (int)(instant - (int64_t)day * 1440)));
    it.zone = icaltimezone_get_utc_timezone();
    return it;
}

/* DTSTART or DTEND in the clinic's zone, named by the config's zone name
 * (which is also the VTIMEZONE's TZID). */
static icalproperty *zoned_property(const struct ics_writer *w, icalproperty_kind kind, fd_time t)
{
    struct icaltimetype it = w->utc ? utc_time(w, t) : wall_time(t);
    icalproperty *property =
        kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(it) : icalproperty_new_dtend(it);
    if (!w->utc)
        icalproperty_add_parameter(property, icalparameter_new_tzid(w->ctx->config.timezone));
    return property;
}

static int find_zone(struct ics_writer *w, struct fd_error *err)
{
    const char *name = w->ctx->config.timezone;
    icaltimezone *utc = icaltimezone_get_utc_timezone();
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
        w->zone = utc;
    } else {
        w->zone = icaltimezone_get_builtin_timezone(name);
        if (!w->zone || (w->zone != utc && !icaltimezone_get_component(w->zone)))
            return fd_fail(err, FD_ERR_CONFIG,
                           "%s: timezone: \"%s\" is not a time zone this system knows "
                           "(see /usr/share/zoneinfo)",
                           w->ctx->config.source, name);
    }
    w->utc = w->zone == utc;
    return 0;
}

/* The VTIMEZONE: the system's rules for the zone, cut to those in force
 * from a day before the range (the full history back to 1847 would only
 * make the feed heavy), renamed to the plain zone name that the events'
 * TZID parameters use. */
static icalcomponent *timezone_component(const struct ics_writer *w, fd_day first_day)
{
    icalcomponent *vtimezone = icalcomponent_new_clone(icaltimezone_get_component(w->zone));
    if (!vtimezone)
        return NULL;
    struct icaltimetype start = wall_time(time_make(first_day - 1, 0));
    start.zone = icaltimezone_get_utc_timezone();
    icaltimezone_truncate_vtimezone(vtimezone, start, icaltime_null_time(), 0);
    icalproperty *tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
    if (tzid)
        icalproperty_set_tzid(tzid, w->ctx->config.timezone);
    return vtimezone;
}

/* Writes a component's text and frees both. */
static int write_component(FILE *out, icalcomponent *component, struct fd_error *err)
{
    char *text = icalcomponent_as_ical_string_r(component);
    icalcomponent_free(component);
    if (!text)
        return fd_fail(err, FD_ERR_SOFTWARE, "libical could not write the feed");
    fputs(text, out);
    free(text);
    return ferror(out) ? fd_fail(err, FD_ERR_IO, "writing the export: %s", strerror(errno)) : 0;
}

/* The calendar's head: everything up to (not including) END:VCALENDAR.
 * libical writes whole components only, so the head is written from an
 * empty calendar cut before its last line; the events follow one by one. */
static int write_head(struct ics_writer *w, const struct fd_therapist *therapist, fd_day first_day,
                      struct fd_error *err)
{
    const struct fd_config *config = &w->ctx->config;
    icalcomponent *calendar = icalcomponent_new_vcalendar();
    icalcomponent_add_property(
        calendar, icalproperty_new_prodid("-//frontdesk//frontdesk " FD_VERSION "//EN"));
    icalcomponent_add_property(calendar, icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(calendar, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    char name[FD_NAME_SIZE * 2 + 8];
    snprintf(name, sizeof name, "%s – %s", config->clinic_name, therapist->name);
    icalproperty *calendar_name = icalproperty_new_x(name);
    icalproperty_set_x_name(calendar_name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar, calendar_name);
    icalproperty *calendar_zone = icalproperty_new_x(config->timezone);
    icalproperty_set_x_name(calendar_zone, "X-WR-TIMEZONE");
    icalcomponent_add_property(calendar, calendar_zone);
    if (!w->utc) {
        icalcomponent *vtimezone = timezone_component(w, first_day);
        if (!vtimezone) {
            icalcomponent_free(calendar);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
        icalcomponent_add_component(calendar, vtimezone);
    }
    char *text = icalcomponent_as_ical_string_r(calendar);
    icalcomponent_free(calendar);
    if (!text)
        return fd_fail(err, FD_ERR_SOFTWARE, "libical could not write the feed");
    char *end = NULL;
    for (char *p = strstr(text, "END:VCALENDAR"); p; p = strstr(p + 1, "END:VCALENDAR"))
        end = p;
    if (end)
        *end = '\0';
    fputs(text, w->out);
    free(text);
    return end ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "libical wrote an unexpected calendar");
}

static int write_event(const struct fd_appointment *a, void *arg, struct fd_error *err)
{
    struct ics_writer *w = arg;
    bool cancelled = a->status == APPOINTMENT_CANCELLED;
    char uid[160], first_name[FD_NAME_SIZE], text[FD_SERVICE_SIZE + FD_NAME_SIZE * 2 + 32];
    icalcomponent *event = icalcomponent_new_vevent();
    export_event_uid(&w->ctx->config, a->id, uid, sizeof uid);
    icalcomponent_add_property(event, icalproperty_new_uid(uid));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(w->stamp));
    if (a->created > 0)
        icalcomponent_add_property(event, icalproperty_new_created(utc_time(w, a->created)));
    if (clock_local_time_kind(a->start) == LOCAL_TIME_OK &&
        clock_local_time_kind(a->end) == LOCAL_TIME_OK &&
        clock_real_minutes(a->start, a->end) > 0) {
        icalcomponent_add_property(event, zoned_property(w, ICAL_DTSTART_PROPERTY, a->start));
        icalcomponent_add_property(event, zoned_property(w, ICAL_DTEND_PROPERTY, a->end));
    } else {
        /* A wall-clock time the clocks skip or repeat means nothing to a
         * phone: the event goes in real time (UTC), its end its length
         * after its start, so DTEND never comes before DTSTART. */
        int64_t start = clock_instant(a->start);
        int64_t length = a->minutes > 0 ? a->minutes : 1;
        icalcomponent_add_property(event, icalproperty_new_dtstart(instant_time(start)));
        icalcomponent_add_property(event, icalproperty_new_dtend(instant_time(start + length)));
    }
    text_first_name(a->client, first_name, sizeof first_name);
    /* The whole clinic's feed says whose appointment each one is. */
    char with[FD_HANDLE_SIZE + 8] = "";
    if (w->whole_clinic)
        snprintf(with, sizeof with, " (%s)", a->therapist);
    if (first_name[0])
        snprintf(text, sizeof text, "%s – %s%s", a->service, first_name, with);
    else
        snprintf(text, sizeof text, "%s%s", a->service, with);
    icalcomponent_add_property(event, icalproperty_new_summary(text));
    snprintf(text, sizeof text, "%s, room %d", a->clinic, a->room);
    icalcomponent_add_property(event, icalproperty_new_location(text));
    icalcomponent_add_property(
        event, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    /* Cancelling is the one change an appointment goes through after it
     * is booked, so the cancelled version is revision 1: a phone that
     * imported the booked one (revision 0) takes the cancellation. */
    icalcomponent_add_property(event, icalproperty_new_sequence(cancelled ? 1 : 0));
    icalcomponent_add_property(
        event, icalproperty_new_transp(cancelled ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE));
    w->count++;
    return write_component(w->out, event, err);
}

int ops_export_ics(struct fd_context *ctx, int64_t therapist_id, struct fd_day_range *range,
                   FILE *out, size_t *count, struct fd_error *err)
{
    /* Therapist 0: the whole clinic's calendar. */
    struct fd_therapist found = {0};
    snprintf(found.name, sizeof found.name, "all therapists");
    int rc = therapist_id ? store_therapist_get(ops_store(ctx), therapist_id, &found, err) : 0;
    if (rc == 0)
        rc = resolve_export_range(ctx, range, err);
    if (rc == 0)
        rc = ical_api_load(err);
    struct ics_writer w = {.ctx = ctx, .out = out, .whole_clinic = therapist_id == 0};
    if (rc == 0)
        rc = find_zone(&w, err);
    if (rc < 0)
        return rc;
    w.stamp = utc_time(&w, ctx->now);
    rc = write_head(&w, &found, range->from, err);
    if (rc == 0)
        rc = for_each_appointment(ctx, range, found.id, write_event, &w, err);
    if (rc == 0) {
        fputs("END:VCALENDAR\r\n", out);
        rc = check_written(out, err);
    }
    if (rc == 0 && count)
        *count = w.count;
    return rc;
}

/* ---- CSV ---- */

/* One field: quoted (by libcsv, quotes doubled) only when it holds a
 * delimiter, a quote or a line break, as RFC 4180 asks; bare otherwise.
 * Text typed by the public (a client's name, an email) that a spreadsheet
 * would run as a formula gets a leading apostrophe (OWASP's advice for
 * CSV injection); the apostrophe shows the cell is text. */
static void csv_field(FILE *out, const char *text, bool first, bool public)
{
    if (!first)
        fputc(',', out);
    char guarded[FD_TEXT_SIZE + 2];
    if (public && text[0] && strchr("=+-@", text[0])) {
        snprintf(guarded, sizeof guarded, "'%s", text);
        text = guarded;
    }
    if (strpbrk(text, ",\"\r\n"))
        csv_fwrite(out, text, strlen(text));
    else
        fputs(text, out);
}

void export_csv_row(struct export_csv *csv, const char *const *fields, unsigned public_mask)
{
    for (unsigned i = 0; fields[i]; i++)
        csv_field(csv->out, fields[i], i == 0, (public_mask & EXPORT_PUBLIC(i)) != 0);
    fputs("\r\n", csv->out);
    csv->rows++;
}

int export_csv_done(struct export_csv *csv, struct fd_error *err)
{
    return check_written(csv->out, err);
}

static int write_row(const struct fd_appointment *a, void *arg, struct fd_error *err)
{
    struct export_csv *csv = arg;
    char id[24], date[FD_DATE_LEN], start[FD_HM_LEN], end[FD_HM_LEN], room[16], minutes[16],
        price[24], list_price[24];
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    date_format(time_day(a->start), date);
    time_format_hm(time_minute(a->start), start);
    /* An appointment ending at midnight ends at 24:00 of its own day. */
    time_format_hm(time_day(a->end) > time_day(a->start) ? FD_MINUTES_PER_DAY : time_minute(a->end),
                   end);
    snprintf(room, sizeof room, "%d", a->room);
    snprintf(minutes, sizeof minutes, "%d", a->minutes);
    config_format_price(a->price_pence, price, sizeof price);
    config_format_price(a->list_price_pence ? a->list_price_pence : a->price_pence, list_price,
                        sizeof list_price);
    const char *fields[] = {id,
                            date,
                            start,
                            end,
                            a->therapist,
                            a->clinic,
                            room,
                            a->service,
                            minutes,
                            price,
                            a->client,
                            a->client_email,
                            state_name(MACHINE_APPOINTMENT, (int)a->status),
                            state_name(MACHINE_CONFIRMATION, (int)a->confirmation),
                            list_price,
                            a->offer,
                            NULL};
    export_csv_row(csv, fields, EXPORT_PUBLIC(10) | EXPORT_PUBLIC(11));
    return ferror(csv->out) ? fd_fail(err, FD_ERR_IO, "writing the export: %s", strerror(errno))
                            : 0;
}

int ops_export_csv(struct fd_context *ctx, struct fd_day_range *range, FILE *out, size_t *count,
                   struct fd_error *err)
{
    int rc = resolve_export_range(ctx, range, err);
    if (rc < 0)
        return rc;
    fputs(EXPORT_CSV_HEADER "\r\n", out);
    struct export_csv csv = {.out = out};
    rc = for_each_appointment(ctx, range, 0, write_row, &csv, err);
    if (rc == 0)
        rc = export_csv_done(&csv, err);
    if (rc == 0 && count)
        *count = csv.rows;
    return rc;
}
