/*
 * Exports and reports on a small clinic built in a temporary database.
 *
 * The therapist's calendar feed is read back with libical, as a phone
 * would: the events are all there, re-exporting keeps their UIDs (so the
 * phone updates rather than duplicates), cancelled ones say so, clients
 * appear by first name only, and the times are right on both sides of the
 * October and March clock changes.  The CSV export is read back with
 * libcsv and gives names with commas, quotes and line breaks back intact.
 * The reports are checked against figures worked out by hand below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/export.h>
#include <frontdesk/report.h>

#include "../../src/ops/ops_internal.h"
#include "helpers.h"

#include <libical/ical.h>

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a clinic in a temporary database ---------------------------------- */

static const char CONFIG[] = "clinic_name = \"Riverside Sports Massage\"\n"
                             "timezone = \"Europe/London\"\n"
                             "holidays = \"\"\n"
                             "opens = \"08:00\"\n"
                             "close_of_business = \"18:00\"\n"
                             "request_reply_days = 2\n"
                             "clinic \"Clinic\" { rooms = 3 }\n"
                             "clinic \"Low Cost Clinic\" { rooms = 1 }\n"
                             "service \"Sports massage 60\" { minutes = 60 price = \"55.00\" "
                             "buffer = 15 clinics = {\"Clinic\"} }\n"
                             "service \"Low cost massage 45\" { minutes = 45 price = \"30.00\" "
                             "clinics = {\"Low Cost Clinic\"} }\n";

struct clinic {
    char folder[FIXTURE_FOLDER_SIZE];
    char path[FIXTURE_PATH_SIZE];
    struct fd_context ctx;
    int64_t prim, jose;
};

static void check(int rc, const struct fd_error *err)
{
    if (rc != 0)
        fail_msg("unexpected error %d: %s", rc, err->message);
}

static int setup(void **state)
{
    struct clinic *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->ctx.session = calloc(1, sizeof *c->ctx.session);
    assert_non_null(c->ctx.session);
    c->ctx.session->store =
        fixture_store_create("export", CONFIG, &c->ctx.config, c->folder, c->path);
    c->ctx.now = moment("2026-11-24 10:00"); /* a Tuesday */
    c->ctx.now_fixed = true;
    snprintf(c->ctx.who, sizeof c->ctx.who, "test");
    c->prim = fixture_therapist_add(ops_store(&c->ctx), "prim", "Primrose Okafor");
    c->jose = fixture_therapist_add(ops_store(&c->ctx), "jose", "José Núñez");
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct clinic *c = *state;
    fixture_store_destroy(ops_store(&c->ctx), &c->ctx.config, c->folder);
    free(c->ctx.session);
    free(c);
    return 0;
}

static int64_t add_client(struct clinic *c, const char *name, const char *email)
{
    struct fd_error err = {0};
    int64_t id = 0;
    check(store_client_find_or_create(ops_store(&c->ctx), name, email, NULL, &id, &err), &err);
    return id;
}

/* Inserts an appointment straight into the store (the store checks
 * overlaps only, so a test may place one outside the rota, as --force
 * would). */
static int64_t add_appointment(struct clinic *c, int64_t therapist, const char *clinic, int room,
                               const char *service, const char *at, int64_t client,
                               const char *status)
{
    const struct fd_service *s = config_find_service(&c->ctx.config, service);
    const struct fd_clinic *place = config_find_clinic(&c->ctx.config, clinic);
    assert_non_null(s);
    assert_non_null(place);
    struct fd_appointment a = {.therapist_id = therapist,
                               .clinic_id = place->id,
                               .room = room,
                               .client_id = client,
                               .minutes = s->minutes,
                               .price_pence = s->price_pence,
                               .buffer = s->buffer};
    snprintf(a.service, sizeof a.service, "%s", s->name);
    a.start = moment(at);
    a.end = a.start + s->minutes;
    a.created = a.start - 7 * FD_MINUTES_PER_DAY;
    a.status = (enum appointment_status)state_parse(MACHINE_APPOINTMENT, status);
    struct fd_error err = {0};
    check(store_appointment_insert(ops_store(&c->ctx), &a, &err), &err);
    return a.id;
}

/* Runs an export into memory; returns the text (free it). */
static char *export_ics(struct clinic *c, const char *therapist, const char *from, const char *to,
                        size_t *count, struct fd_day_range *range_out)
{
    struct fd_day_range range = {from ? day_of(from) : FD_DAY_NONE, to ? day_of(to) : FD_DAY_NONE};
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    assert_non_null(stream);
    struct fd_error err = {0};
    int64_t therapist_id = strcmp(therapist, "prim") == 0 ? c->prim : c->jose;
    int rc = ops_export_ics(&c->ctx, therapist_id, &range, stream, count, &err);
    fclose(stream);
    check(rc, &err);
    if (range_out)
        *range_out = range;
    return text;
}

/* ---- the calendar feed --------------------------------------------------- */

struct feed_event {
    char uid[128];
    char summary[256];
    char location[128];
    char tzid[64];
    icalproperty_status status;
    int sequence;
    time_t start_utc, end_utc;
};

/* Parses a feed as a phone would and returns its events in order. */
static size_t read_feed(const char *text, struct feed_event *events, size_t max,
                        bool *has_vtimezone)
{
    icalcomponent *calendar = icalparser_parse_string(text);
    assert_non_null(calendar);
    assert_int_equal(icalcomponent_isa(calendar), ICAL_VCALENDAR_COMPONENT);
    icalcomponent *vtimezone =
        icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
    *has_vtimezone = vtimezone != NULL;
    if (vtimezone) {
        icalproperty *tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
        assert_non_null(tzid);
        assert_string_equal(icalproperty_get_tzid(tzid), "Europe/London");
    }
    size_t n = 0;
    for (icalcomponent *e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        assert_true(n < max);
        struct feed_event *f = &events[n++];
        memset(f, 0, sizeof *f);
        snprintf(f->uid, sizeof f->uid, "%s", icalcomponent_get_uid(e));
        snprintf(f->summary, sizeof f->summary, "%s", icalcomponent_get_summary(e));
        snprintf(f->location, sizeof f->location, "%s", icalcomponent_get_location(e));
        f->status = icalcomponent_get_status(e);
        f->sequence = icalcomponent_get_sequence(e);
        icalproperty *dtstart = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
        icalparameter *tzid = icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER);
        assert_non_null(tzid);
        snprintf(f->tzid, sizeof f->tzid, "%s", icalparameter_get_tzid(tzid));
        /* The zone comes from the feed's own VTIMEZONE. */
        struct icaltimetype start = icalcomponent_get_dtstart(e);
        struct icaltimetype end = icalcomponent_get_dtend(e);
        assert_non_null(start.zone);
        f->start_utc = icaltime_as_timet_with_zone(start, start.zone);
        f->end_utc = icaltime_as_timet_with_zone(end, end.zone);
    }
    icalcomponent_free(calendar);
    return n;
}

/* Seconds since 1970 of a UTC date and time, worked out without any zone
 * code: the days from date.h, the rest by hand. */
static time_t utc(const char *text)
{
    return (time_t)moment(text) * 60;
}

struct feed_fixture {
    int64_t before_autumn, after_autumn, before_spring, after_spring, cancelled, other;
};

static struct feed_fixture add_feed_appointments(struct clinic *c)
{
    int64_t ana = add_client(c, "Ana María López", "ana@example.com");
    int64_t ben = add_client(c, "Ben Smith", "ben@example.com");
    struct feed_fixture f;
    /* Clocks go back on Sun 2026-10-25 (BST → GMT) and forward on Sun
     * 2027-03-28 (GMT → BST). */
    f.before_autumn = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                      "2026-10-24 10:00", ana, "completed");
    f.after_autumn = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                     "2026-10-26 10:00", ben, "completed");
    f.cancelled = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                  "2026-11-26 09:00", ana, "cancelled");
    f.before_spring = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                      "2027-03-27 10:00", ana, "booked");
    f.after_spring = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                     "2027-03-29 10:00", ben, "booked");
    f.other = add_appointment(c, c->jose, "Clinic", 1, "Sports massage 60", "2026-11-25 09:00", ben,
                              "booked");
    return f;
}

static const struct feed_event *event_with_uid(const struct feed_event *events, size_t n,
                                               const struct clinic *c, int64_t id)
{
    char uid[128];
    export_event_uid(&c->ctx.config, id, uid, sizeof uid);
    for (size_t i = 0; i < n; i++)
        if (strcmp(events[i].uid, uid) == 0)
            return &events[i];
    fail_msg("no event with UID %s", uid);
    return NULL;
}

static void test_feed_has_every_appointment_of_the_therapist(void **state)
{
    struct clinic *c = *state;
    add_feed_appointments(c);
    size_t count = 0;
    char *text = export_ics(c, "prim", "2026-10-01", "2027-04-30", &count, NULL);
    assert_non_null(strstr(text, "BEGIN:VCALENDAR\r\n"));
    assert_non_null(strstr(text, "PRODID:-//frontdesk//"));
    assert_non_null(strstr(text, "END:VCALENDAR\r\n"));
    struct feed_event events[16];
    bool vtimezone = false;
    size_t n = read_feed(text, events, 16, &vtimezone);
    assert_true(vtimezone);
    assert_int_equal(n, 5); /* jose's appointment is not in prim's feed */
    assert_int_equal(count, 5);
    free(text);
}

static void test_feed_uids_are_stable_across_exports(void **state)
{
    struct clinic *c = *state;
    struct feed_fixture f = add_feed_appointments(c);
    char *first = export_ics(c, "prim", "2026-10-01", "2027-04-30", NULL, NULL);
    /* A day later, with one more booking in between. */
    c->ctx.now += FD_MINUTES_PER_DAY;
    int64_t cara = add_client(c, "Cara Doyle", "cara@example.com");
    add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45", "2026-11-30 09:00",
                    cara, "booked");
    char *second = export_ics(c, "prim", "2026-10-01", "2027-04-30", NULL, NULL);
    struct feed_event a[16], b[16];
    bool vtimezone;
    size_t n = read_feed(first, a, 16, &vtimezone);
    size_t m = read_feed(second, b, 16, &vtimezone);
    assert_int_equal(n, 5);
    assert_int_equal(m, 6);
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        for (size_t j = 0; j < m; j++)
            found |= strcmp(a[i].uid, b[j].uid) == 0;
        if (!found)
            fail_msg("UID %s of the first export is missing from the second", a[i].uid);
    }
    /* UIDs are distinct, and say which appointment and which clinic. */
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++)
            assert_string_not_equal(b[i].uid, b[j].uid);
    char expected[128];
    snprintf(expected, sizeof expected, "appointment-%lld@riverside-sports-massage",
             (long long)f.before_autumn);
    assert_string_equal(event_with_uid(a, n, c, f.before_autumn)->uid, expected);
    free(first);
    free(second);
}

static void test_feed_marks_cancelled_and_shows_first_names_only(void **state)
{
    struct clinic *c = *state;
    struct feed_fixture f = add_feed_appointments(c);
    char *text = export_ics(c, "prim", "2026-10-01", "2027-04-30", NULL, NULL);
    struct feed_event events[16];
    bool vtimezone;
    size_t n = read_feed(text, events, 16, &vtimezone);
    const struct feed_event *cancelled = event_with_uid(events, n, c, f.cancelled);
    assert_int_equal(cancelled->status, ICAL_STATUS_CANCELLED);
    assert_int_equal(cancelled->sequence, 1);
    const struct feed_event *booked = event_with_uid(events, n, c, f.before_spring);
    assert_int_equal(booked->status, ICAL_STATUS_CONFIRMED);
    assert_int_equal(booked->sequence, 0);
    assert_string_equal(booked->summary, "Low cost massage 45 – Ana");
    assert_string_equal(booked->location, "Low Cost Clinic, room 1");
    /* Nothing but the first name leaves the desk: no surname, no email. */
    assert_null(strstr(text, "López"));
    assert_null(strstr(text, "María"));
    assert_null(strstr(text, "Smith"));
    assert_null(strstr(text, "@example.com"));
    free(text);
}

static void test_feed_times_survive_the_clock_changes(void **state)
{
    struct clinic *c = *state;
    struct feed_fixture f = add_feed_appointments(c);
    char *text = export_ics(c, "prim", "2026-10-01", "2027-04-30", NULL, NULL);
    struct feed_event events[16];
    bool vtimezone;
    size_t n = read_feed(text, events, 16, &vtimezone);
    /* 10:00 in London is 09:00 UTC in summer time (BST, +1) and 10:00 UTC
     * in winter (GMT). */
    const struct feed_event *e = event_with_uid(events, n, c, f.before_autumn);
    assert_string_equal(e->tzid, "Europe/London");
    assert_int_equal(e->start_utc, utc("2026-10-24 09:00"));
    assert_int_equal(e->end_utc, utc("2026-10-24 09:45"));
    e = event_with_uid(events, n, c, f.after_autumn);
    assert_int_equal(e->start_utc, utc("2026-10-26 10:00"));
    e = event_with_uid(events, n, c, f.before_spring);
    assert_int_equal(e->start_utc, utc("2027-03-27 10:00"));
    e = event_with_uid(events, n, c, f.after_spring);
    assert_int_equal(e->start_utc, utc("2027-03-29 09:00"));
    assert_int_equal(e->end_utc, utc("2027-03-29 09:45"));
    /* The wall-clock time is what the feed says. */
    assert_non_null(strstr(text, "DTSTART;TZID=Europe/London:20261024T100000"));
    assert_non_null(strstr(text, "DTSTART;TZID=Europe/London:20270329T100000"));
    free(text);
}

static void test_feed_default_range_and_errors(void **state)
{
    struct clinic *c = *state;
    add_feed_appointments(c);
    /* Now is 2026-11-24: 30 days back is 2026-10-25, 90 ahead 2027-02-22. */
    struct fd_day_range range;
    size_t count = 0;
    char *text = export_ics(c, "prim", NULL, NULL, &count, &range);
    assert_int_equal(range.from, day_of("2026-10-25"));
    assert_int_equal(range.to, day_of("2027-02-22"));
    assert_int_equal(count, 2); /* 2026-10-26 and the cancelled 2026-11-26 */
    free(text);

    struct fd_error err = {0};
    struct fd_day_range backwards = {day_of("2026-12-01"), day_of("2026-11-01")};
    FILE *sink = fopen("/dev/null", "w");
    assert_int_equal(ops_export_ics(&c->ctx, c->prim, &backwards, sink, NULL, &err), -FD_ERR_USAGE);
    assert_non_null(strstr(err.message, "--to"));
    struct fd_day_range any = {FD_DAY_NONE, FD_DAY_NONE};
    assert_int_equal(ops_export_ics(&c->ctx, 999, &any, sink, NULL, &err), -FD_ERR_DATA);
    assert_non_null(strstr(err.message, "therapist 999"));
    fclose(sink);
}

static void test_range_resolution_keeps_the_default_length(void **state)
{
    (void)state;
    struct fd_error err = {0};
    struct fd_day_range only_from = {day_of("2027-06-01"), FD_DAY_NONE};
    assert_int_equal(ops_range_resolve(&only_from, 100, 110, &err), 0);
    assert_int_equal(only_from.to, day_of("2027-06-11"));
    struct fd_day_range only_to = {FD_DAY_NONE, day_of("2027-06-11")};
    assert_int_equal(ops_range_resolve(&only_to, 100, 110, &err), 0);
    assert_int_equal(only_to.from, day_of("2027-06-01"));
    struct fd_day_range huge = {day_of("1990-01-01"), day_of("2030-01-01")};
    assert_int_equal(ops_range_resolve(&huge, 100, 110, &err), -FD_ERR_USAGE);
}

/* ---- CSV ----------------------------------------------------------------- */

#define CSV_MAX_ROWS   8
#define CSV_MAX_FIELDS 16

struct csv_table {
    char cells[CSV_MAX_ROWS][CSV_MAX_FIELDS][160];
    size_t fields[CSV_MAX_ROWS];
    size_t rows;
};

static void on_field(void *text, size_t length, void *data)
{
    struct csv_table *t = data;
    assert_true(t->rows < CSV_MAX_ROWS);
    size_t f = t->fields[t->rows]++;
    assert_true(f < CSV_MAX_FIELDS);
    assert_true(length < sizeof t->cells[0][0]);
    memcpy(t->cells[t->rows][f], text, length);
    t->cells[t->rows][f][length] = '\0';
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    struct csv_table *t = data;
    t->rows++;
}

static void read_csv(const char *text, struct csv_table *table)
{
    memset(table, 0, sizeof *table);
    struct csv_parser parser;
    assert_int_equal(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI), 0);
    size_t length = strlen(text);
    assert_int_equal(csv_parse(&parser, text, length, on_field, on_row, table), length);
    assert_int_equal(csv_fini(&parser, on_field, on_row, table), 0);
    csv_free(&parser);
}

static void test_csv_round_trip_keeps_awkward_names(void **state)
{
    struct clinic *c = *state;
    const char *awkward = "O'Brien, \"Jo\"\nsecond line";
    int64_t jo = add_client(c, awkward, "jo@example.com");
    int64_t eve = add_client(c, "=1+2", "eve@example.com");
    int64_t first = add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45",
                                    "2026-11-23 09:00", jo, "booked");
    add_appointment(c, c->jose, "Clinic", 2, "Sports massage 60", "2026-11-24 09:00", eve,
                    "cancelled");
    add_appointment(c, c->prim, "Low Cost Clinic", 1, "Low cost massage 45", "2027-06-01 09:00", jo,
                    "booked"); /* outside the range */

    struct fd_day_range range = {day_of("2026-11-01"), day_of("2026-11-30")};
    char *text = NULL;
    size_t size = 0, count = 0;
    FILE *stream = open_memstream(&text, &size);
    struct fd_error err = {0};
    check(ops_export_csv(&c->ctx, &range, stream, &count, &err), &err);
    fclose(stream);
    assert_int_equal(count, 2);
    /* RFC 4180: CRLF after every record, the header first. */
    assert_memory_equal(text, EXPORT_CSV_HEADER "\r\n", strlen(EXPORT_CSV_HEADER) + 2);
    assert_int_equal(text[size - 2], '\r');
    assert_int_equal(text[size - 1], '\n');

    struct csv_table table;
    read_csv(text, &table);
    assert_int_equal(table.rows, 3);
    static const char *const HEADER[] = {
        "id",      "date",  "start",  "end",   "therapist", "clinic",       "room",       "service",
        "minutes", "price", "client", "email", "status",    "confirmation", "list_price", "offer"};
    assert_int_equal(table.fields[0], 16);
    for (size_t i = 0; i < 16; i++)
        assert_string_equal(table.cells[0][i], HEADER[i]);
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)first);
    assert_int_equal(table.fields[1], 16);
    assert_string_equal(table.cells[1][0], id);
    assert_string_equal(table.cells[1][1], "2026-11-23");
    assert_string_equal(table.cells[1][2], "09:00");
    assert_string_equal(table.cells[1][3], "09:45");
    assert_string_equal(table.cells[1][4], "prim");
    assert_string_equal(table.cells[1][5], "Low Cost Clinic");
    assert_string_equal(table.cells[1][6], "1");
    assert_string_equal(table.cells[1][7], "Low cost massage 45");
    assert_string_equal(table.cells[1][8], "45");
    assert_string_equal(table.cells[1][9], "30.00");
    assert_string_equal(table.cells[1][10], awkward); /* back exactly as stored */
    assert_string_equal(table.cells[1][11], "jo@example.com");
    assert_string_equal(table.cells[1][12], "booked");
    assert_string_equal(table.cells[1][13], "unsent");
    /* Cancelled appointments are exported; a name a spreadsheet would run
     * as a formula is kept as text. */
    assert_string_equal(table.cells[2][4], "jose");
    assert_string_equal(table.cells[2][9], "55.00");
    assert_string_equal(table.cells[2][10], "'=1+2");
    assert_string_equal(table.cells[2][12], "cancelled");
    free(text);
}

/* ---- reply promise (SLA) --------------------------------------------------- */

static void add_request(struct clinic *c, const char *received, const char *status,
                        const char *answered)
{
    struct fd_request r = {0};
    snprintf(r.name, sizeof r.name, "Client");
    snprintf(r.email, sizeof r.email, "client@example.com");
    snprintf(r.service, sizeof r.service, "Sports massage 60");
    snprintf(r.source, sizeof r.source, "web");
    r.received = moment(received);
    r.due = calendar_due(&c->ctx.config.calendar, r.received, c->ctx.config.request_reply_days);
    struct fd_error err = {0};
    check(store_request_insert(ops_store(&c->ctx), &r, NULL, &err), &err);
    if (strcmp(status, "pending") != 0)
        check(store_request_set_status(ops_store(&c->ctx), r.id,
                                       (enum request_status)state_parse(MACHINE_REQUEST, status),
                                       NULL, answered ? moment(answered) : 0, 0, &err),
              &err);
    /* The answer went out when it was given. */
    if (answered && strcmp(status, "withdrawn") != 0)
        check(store_request_answer_sent(ops_store(&c->ctx), r.id, moment(answered), &err), &err);
}

/*
 * Now is Tue 2026-11-24 10:00; no closures; the promise is 2 working days
 * by 18:00; working hours 08:00-18:00 Mon-Fri.  Range 2026-11-02 .. 11-24.
 *
 *  req  received          due             status    answered         counts as   working minutes
 *  R0   Fri 10-30 10:00   -               booked    10-30 11:00      outside the range
 *  R1   Mon 11-02 09:00   Wed 11-04 18:00 booked    Mon 11-02 11:30  in time     150
 *  R2   Fri 11-06 16:00   Tue 11-10 18:00 declined  Mon 11-09 10:00  in time     120 + 120 = 240
 *  R3   Tue 11-10 09:00   Thu 11-12 18:00 booked    Fri 11-13 09:00  late        540+600+600+60 =
 * 1800 R4   Wed 11-11 12:00                   withdrawn                  not counted R5   Mon 11-16
 * 08:30   Wed 11-18 18:00 pending                    missed R6   Thu 11-19 14:00   Mon 11-23 18:00
 * booked    Thu 11-19 14:45  in time     45 R7   Mon 11-23 17:00   Wed 11-25 18:00 pending not yet
 * due R10  Mon 11-23 09:00   Wed 11-25 18:00 booked    Tue 11-24 15:00  after now: not yet due R8
 * Tue 11-24 09:00   Thu 11-26 18:00 booked    Tue 11-24 09:20  in time     20 R9   Tue 11-24 11:00
 * pending                    after now: ignored
 *
 * Total: 6 counted (R1 R2 R3 R5 R6 R8), 4 in time = 67%, 1 late, 1 missed;
 * replies 20 45 150 240 1800 → median 150 (2.5 h), worst 1800 (30.0 h).
 * Weeks: W45 (11-02) 2 of 2, median (150+240)/2 = 195, worst 240;
 *        W46 (11-09) 0 of 1, 1800; W47 (11-16) 1 of 2 (R5 missed), 45;
 *        W48 (11-23) 1 of 1, 20.  Not yet due 2, withdrawn 1.
 */
static void test_sla_report_by_hand(void **state)
{
    struct clinic *c = *state;
    add_request(c, "2026-10-30 10:00", "booked", "2026-10-30 11:00");
    add_request(c, "2026-11-02 09:00", "booked", "2026-11-02 11:30");
    add_request(c, "2026-11-06 16:00", "declined", "2026-11-09 10:00");
    add_request(c, "2026-11-10 09:00", "booked", "2026-11-13 09:00");
    add_request(c, "2026-11-11 12:00", "withdrawn", "2026-11-11 13:00");
    add_request(c, "2026-11-16 08:30", "pending", NULL);
    add_request(c, "2026-11-19 14:00", "booked", "2026-11-19 14:45");
    add_request(c, "2026-11-23 17:00", "pending", NULL);
    add_request(c, "2026-11-23 09:00", "booked", "2026-11-24 15:00");
    add_request(c, "2026-11-24 09:00", "booked", "2026-11-24 09:20");
    add_request(c, "2026-11-24 11:00", "pending", NULL);

    struct fd_day_range range = {day_of("2026-11-02"), day_of("2026-11-24")};
    struct sla_report report;
    struct fd_error err = {0};
    check(ops_report_sla(&c->ctx, &range, &report, &err), &err);
    assert_int_equal(report.total.counted, 6);
    assert_int_equal(report.total.in_time, 4);
    assert_int_equal(report.total.late, 1);
    assert_int_equal(report.total.missed, 1);
    assert_int_equal(report.total.answered, 5);
    assert_int_equal(report_percent(report.total.in_time, report.total.counted), 67);
    assert_int_equal(report.total.median_minutes, 150);
    assert_int_equal(report.total.worst_minutes, 1800);
    assert_int_equal(report.not_yet_due, 2);
    assert_int_equal(report.withdrawn, 1);

    assert_int_equal(report.week_count, 4);
    const struct sla_figures *w = report.weeks;
    assert_int_equal(w[0].week_start, day_of("2026-11-02"));
    assert_int_equal(w[0].counted, 2);
    assert_int_equal(w[0].in_time, 2);
    assert_int_equal(w[0].median_minutes, 195);
    assert_int_equal(w[0].worst_minutes, 240);
    assert_int_equal(w[1].counted, 1);
    assert_int_equal(w[1].in_time, 0);
    assert_int_equal(w[1].late, 1);
    assert_int_equal(w[1].median_minutes, 1800);
    assert_int_equal(w[2].counted, 2);
    assert_int_equal(w[2].in_time, 1);
    assert_int_equal(w[2].missed, 1);
    assert_int_equal(w[2].median_minutes, 45);
    assert_int_equal(w[3].week_start, day_of("2026-11-23"));
    assert_int_equal(w[3].counted, 1);
    assert_int_equal(w[3].in_time, 1);
    assert_int_equal(w[3].worst_minutes, 20);
    sla_report_free(&report);

    /* The default range is this ISO week and the seven before it. */
    struct fd_day_range defaults = {FD_DAY_NONE, FD_DAY_NONE};
    check(ops_report_sla(&c->ctx, &defaults, &report, &err), &err);
    assert_int_equal(defaults.from, day_of("2026-10-05"));
    assert_int_equal(defaults.to, day_of("2026-11-24"));
    assert_int_equal(report.week_count, 8);
    assert_int_equal(report.total.counted, 7); /* R0 is in range now */
    sla_report_free(&report);
}

static void test_iso_weeks(void **state)
{
    (void)state;
    int year, week;
    report_iso_week(day_of("2026-11-24"), &year, &week);
    assert_int_equal(year, 2026);
    assert_int_equal(week, 48);
    report_iso_week(day_of("2027-01-01"), &year, &week); /* a Friday: 2026's last week */
    assert_int_equal(year, 2026);
    assert_int_equal(week, 53);
    report_iso_week(day_of("2025-12-29"), &year, &week); /* a Monday: 2026's first week */
    assert_int_equal(year, 2026);
    assert_int_equal(week, 1);
}

/* ---- utilisation ---------------------------------------------------------- */

static void add_weekly_rule(struct clinic *c, int64_t therapist, const char *clinic,
                            const char *days, const char *from, const char *to)
{
    struct rota_rule rule = {.therapist_id = therapist,
                             .clinic_id = config_find_clinic(&c->ctx.config, clinic)->id,
                             .pattern = ROTA_WEEKLY,
                             .valid_from = FD_DAY_NONE,
                             .valid_until = FD_DAY_NONE};
    struct fd_error err = {0};
    check(rota_parse_weekdays(days, &rule.weekdays, &err), &err);
    assert_int_equal(time_parse_hm(from, &rule.start), 0);
    assert_int_equal(time_parse_hm(to, &rule.end), 0);
    check(store_rule_insert(ops_store(&c->ctx), &rule, &err), &err);
}

static void assert_row(const struct utilisation_row *row, const char *therapist, const char *clinic,
                       const char *week, long rostered, long booked)
{
    assert_string_equal(row->therapist, therapist);
    assert_string_equal(row->clinic, clinic);
    assert_int_equal(row->week_start, day_of(week));
    assert_int_equal(row->rostered_minutes, rostered);
    assert_int_equal(row->booked_minutes, booked);
}

/*
 * Rota: prim Mon+Thu 08:30-14:30 at the Low Cost Clinic (6 h), once Sat
 * 2026-11-21 09:00-13:00 at the Clinic (4 h), off all Thu 2026-11-26;
 * jose Tue 09:00-17:00 at the Clinic (8 h).  Range 2026-11-16 .. 11-29.
 *
 *  week 11-16: prim LCC Mon 16 + Thu 19 = 720 min rostered; booked 45
 *              (Mon 09:00) + 45 (Mon 10:00, completed) + 30 (Thu 14:00,
 *              45 min forced past the 14:30 end: only 30 inside) = 120
 *              → 17%; the cancelled Thu 11:00 and the forced Tue 17
 *              (no shift) add nothing.
 *              prim Clinic Sat 21: 240 rostered, 60 booked (the 15 min
 *              buffer is not counted) → 25%.
 *              jose Clinic Tue 17: 480 rostered, 3 × 60 = 180 → 38%.
 *  week 11-23: prim LCC Mon 23 only (Thu 26 off) = 360; 2 × 45 = 90 → 25%.
 *              jose Clinic Tue 24: 480; one no-show 60 → 13%.
 *  Clinics:    Clinic 11-16 720/240 → 33%; 11-23 480/60 → 13%;
 *              Low Cost Clinic 11-16 720/120 → 17%; 11-23 360/90 → 25%.
 */
static void test_utilisation_by_hand(void **state)
{
    struct clinic *c = *state;
    add_weekly_rule(c, c->prim, "Low Cost Clinic", "mon,thu", "08:30", "14:30");
    add_weekly_rule(c, c->jose, "Clinic", "tue", "09:00", "17:00");
    struct rota_rule once = {.therapist_id = c->prim,
                             .clinic_id = config_find_clinic(&c->ctx.config, "Clinic")->id,
                             .pattern = ROTA_ONCE,
                             .once_day = day_of("2026-11-21"),
                             .start = 9 * 60,
                             .end = 13 * 60,
                             .valid_from = FD_DAY_NONE,
                             .valid_until = FD_DAY_NONE};
    struct fd_error err = {0};
    check(store_rule_insert(ops_store(&c->ctx), &once, &err), &err);
    struct time_off off = {.therapist_id = c->prim,
                           .from = moment("2026-11-26 00:00"),
                           .to = moment("2026-11-27 00:00")};
    check(store_time_off_insert(ops_store(&c->ctx), &off, "Course", &err), &err);

    int64_t k = add_client(c, "Kofi Evans", "kofi@example.com");
    const char *lcc = "Low Cost Clinic", *m45 = "Low cost massage 45", *m60 = "Sports massage 60";
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-16 09:00", k, "booked");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-16 10:00", k, "completed");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-19 14:00", k, "booked");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-19 11:00", k, "cancelled");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-17 09:00", k, "booked");
    add_appointment(c, c->prim, "Clinic", 1, m60, "2026-11-21 09:00", k, "completed");
    add_appointment(c, c->jose, "Clinic", 1, m60, "2026-11-17 09:00", k, "completed");
    add_appointment(c, c->jose, "Clinic", 1, m60, "2026-11-17 10:15", k, "completed");
    add_appointment(c, c->jose, "Clinic", 1, m60, "2026-11-17 11:30", k, "completed");
    add_appointment(c, c->jose, "Clinic", 1, m60, "2026-11-24 09:00", k, "no-show");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-23 08:30", k, "completed");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-23 09:30", k, "completed");
    add_appointment(c, c->prim, lcc, 1, m45, "2026-11-30 09:00", k, "booked"); /* outside */

    struct fd_day_range range = {day_of("2026-11-16"), day_of("2026-11-29")};
    struct utilisation_report report;
    check(ops_report_utilisation(&c->ctx, &range, &report, &err), &err);
    assert_int_equal(report.row_count, 5);
    assert_row(&report.rows[0], "jose", "Clinic", "2026-11-16", 480, 180);
    assert_row(&report.rows[1], "jose", "Clinic", "2026-11-23", 480, 60);
    assert_row(&report.rows[2], "prim", "Clinic", "2026-11-16", 240, 60);
    assert_row(&report.rows[3], "prim", lcc, "2026-11-16", 720, 120);
    assert_row(&report.rows[4], "prim", lcc, "2026-11-23", 360, 90);
    assert_int_equal(report_percent(180, 480), 38);
    assert_int_equal(report_percent(60, 480), 13);
    assert_int_equal(report_percent(120, 720), 17);
    assert_int_equal(report.clinic_count, 4);
    assert_row(&report.clinics[0], "", "Clinic", "2026-11-16", 720, 240);
    assert_row(&report.clinics[1], "", "Clinic", "2026-11-23", 480, 60);
    assert_row(&report.clinics[2], "", lcc, "2026-11-16", 720, 120);
    assert_row(&report.clinics[3], "", lcc, "2026-11-23", 360, 90);
    assert_int_equal(report_percent(240, 720), 33);
    utilisation_report_free(&report);

    /* The default range is this week and the three before it. */
    struct fd_day_range defaults = {FD_DAY_NONE, FD_DAY_NONE};
    check(ops_report_utilisation(&c->ctx, &defaults, &report, &err), &err);
    assert_int_equal(defaults.from, day_of("2026-11-02"));
    assert_int_equal(defaults.to, day_of("2026-11-29"));
    utilisation_report_free(&report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_feed_has_every_appointment_of_the_therapist, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_feed_uids_are_stable_across_exports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_marks_cancelled_and_shows_first_names_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_feed_times_survive_the_clock_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_default_range_and_errors, setup, teardown),
        cmocka_unit_test(test_range_resolution_keeps_the_default_length),
        cmocka_unit_test_setup_teardown(test_csv_round_trip_keeps_awkward_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sla_report_by_hand, setup, teardown),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test_setup_teardown(test_utilisation_by_hand, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
