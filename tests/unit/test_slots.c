/*
 * Availability as the receptionist sees it: which times can be offered to
 * a client, given the therapists' shifts, the appointments already booked
 * (each holding its therapist and its room until the end of its buffer) and
 * the client's preferred times.  Each test builds a small week at the
 * Riverside clinic by hand — shifts, bookings and preference windows are
 * filled in directly, so nothing here depends on the rota expander or the
 * preferred-times parser — then asks what would be suggested.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <frontdesk/slots.h>

#include "helpers.h"

#include <stdlib.h>
#include <string.h>

/* The example clinic: a main clinic with three rooms and a Low Cost Clinic
 * with one. */
enum { CLINIC = 1, LOW_COST = 2 };
/* Therapists; Prim is the newly joined one working the Low Cost Clinic. */
enum { PRIM = 1, ALEX = 2, SAM = 3, JO = 4 };

#define MONDAY   "2026-03-02"
#define THURSDAY "2026-03-05"
#define FRIDAY   "2026-03-06"

#define DESK_MAX 512

/* One front desk scenario: the week's shifts, the bookings, the request. */
struct desk {
    struct shift shifts[DESK_MAX];
    size_t shift_count;
    struct busy busy[DESK_MAX];
    size_t busy_count;
    struct clinic_rooms rooms[2];
    int64_t clinics[2];
    struct prefer prefer;
    struct slot_query query;
    struct slot *offered;
    size_t offered_count;
    struct slot remembered[DESK_MAX];
};

/* ---- helpers that make the stories readable ---------------------------- */

static fd_time at(const char *date, const char *hm)
{
    return time_make(day_of(date), minute_of(hm));
}

static void desk_rota(struct desk *d, int64_t therapist, int64_t clinic, const char *date,
                      const char *from, const char *to)
{
    assert_true(d->shift_count < DESK_MAX);
    d->shifts[d->shift_count++] = (struct shift){
        .therapist_id = therapist,
        .clinic_id = clinic,
        .rule_id = 1,
        .day = day_of(date),
        .start = minute_of(from),
        .end = minute_of(to),
    };
}

/* A booked appointment: it keeps therapist and room busy for the service
 * and the buffer after it. */
static void desk_booked(struct desk *d, int64_t therapist, int64_t clinic, int room,
                        const char *date, const char *hm, int minutes, int buffer)
{
    assert_true(d->busy_count < DESK_MAX);
    fd_time start = at(date, hm);
    d->busy[d->busy_count++] =
        (struct busy){therapist, clinic, room, start, start + minutes + buffer, 0};
}

/* The client's preferred or excluded times on some weekdays. */
static void desk_prefers(struct desk *d, unsigned weekdays, const char *from, const char *to,
                         bool exclude)
{
    assert_true(d->prefer.count < PREFER_MAX_WINDOWS);
    d->prefer.windows[d->prefer.count++] =
        (struct prefer_window){weekdays, minute_of(from), minute_of(to), exclude};
    d->query.prefer = &d->prefer;
}

static void desk_suggest(struct desk *d)
{
    struct shift_list shifts = {d->shifts, d->shift_count, d->shift_count};
    struct fd_error err;
    free(d->offered);
    d->offered = NULL;
    int rc = slots_find(&shifts, d->busy, d->busy_count, d->rooms, 2, &d->query, &d->offered,
                        &d->offered_count, &err);
    if (rc != 0)
        fail_msg("slots_find failed: %s", err.message);
}

/* The offered slot of therapist starting at start, or NULL. */
static const struct slot *desk_offer_at(const struct desk *d, int64_t therapist, fd_time start)
{
    for (size_t i = 0; i < d->offered_count; i++)
        if (d->offered[i].therapist_id == therapist && d->offered[i].start == start)
            return &d->offered[i];
    return NULL;
}

static const struct slot *desk_offer(const struct desk *d, int64_t therapist, const char *date,
                                     const char *hm)
{
    return desk_offer_at(d, therapist, at(date, hm));
}

static bool desk_offers(const struct desk *d, int64_t therapist, const char *date, const char *hm)
{
    return desk_offer(d, therapist, date, hm) != NULL;
}

static void assert_offer(const struct slot *slot, int64_t therapist, const char *date,
                         const char *hm)
{
    assert_non_null(slot);
    assert_int_equal(slot->therapist_id, therapist);
    assert_int_equal(slot->start, at(date, hm));
}

static void assert_same_slot(const struct slot *a, const struct slot *b)
{
    assert_int_equal(a->therapist_id, b->therapist_id);
    assert_int_equal(a->clinic_id, b->clinic_id);
    assert_int_equal(a->room, b->room);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->end, b->end);
    assert_int_equal(a->in_preferred, b->in_preferred);
}

/* Default request: "Low cost massage 45" (45 minutes, no buffer) at the
 * Low Cost Clinic, on a 15-minute grid, asked early on Monday. */
static int desk_open(void **state)
{
    struct desk *d = calloc(1, sizeof *d);
    if (!d)
        return -1;
    d->rooms[0] = (struct clinic_rooms){CLINIC, 3};
    d->rooms[1] = (struct clinic_rooms){LOW_COST, 1};
    d->clinics[0] = LOW_COST;
    d->query = (struct slot_query){
        .minutes = 45,
        .buffer = 0,
        .step = 15,
        .clinic_ids = d->clinics,
        .clinic_count = 1,
        .not_before = time_make(date_from_civil(2026, 3, 2), 0),
    };
    *state = d;
    return 0;
}

static int desk_close(void **state)
{
    struct desk *d = *state;
    free(d->offered);
    free(d);
    return 0;
}

/* Switches the request to "Sports massage 60" at the main clinic. */
static void desk_wants_sports_massage(struct desk *d)
{
    d->clinics[0] = CLINIC;
    d->query.minutes = 60;
    d->query.buffer = 15;
}

/* ---- the shift boundaries ---------------------------------------------- */

static void test_slot_ending_exactly_at_shift_end_is_offered(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    d->query.step = 1;
    desk_suggest(d);

    assert_true(desk_offers(d, PRIM, MONDAY, "08:30"));
    assert_true(desk_offers(d, PRIM, MONDAY, "13:45"));  /* ends 14:30 sharp */
    assert_false(desk_offers(d, PRIM, MONDAY, "13:46")); /* a minute past */
    assert_false(desk_offers(d, PRIM, MONDAY, "08:29"));
    assert_int_equal(d->offered_count, 13 * 60 + 45 - (8 * 60 + 30) + 1);
    assert_int_equal(d->offered[d->offered_count - 1].end, at(MONDAY, "14:30"));
}

static void test_grid_counts_from_midnight_not_shift_start(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:40", "14:30");
    d->query.step = 30;
    desk_suggest(d);

    assert_false(desk_offers(d, PRIM, MONDAY, "08:40"));
    assert_offer(&d->offered[0], PRIM, MONDAY, "09:00");
    assert_offer(&d->offered[d->offered_count - 1], PRIM, MONDAY, "13:30");
}

/* ---- buffers ------------------------------------------------------------ */

static void test_buffer_keeps_the_next_slot_away(void **state)
{
    struct desk *d = *state;
    desk_wants_sports_massage(d);
    desk_rota(d, ALEX, CLINIC, MONDAY, "08:00", "17:00");
    desk_booked(d, ALEX, CLINIC, 1, MONDAY, "10:00", 60, 15); /* busy 10:00-11:15 */
    desk_suggest(d);

    assert_true(desk_offers(d, ALEX, MONDAY, "08:45"));  /* its buffer ends 10:00 */
    assert_false(desk_offers(d, ALEX, MONDAY, "09:00")); /* buffer would hit 10:00 */
    assert_false(desk_offers(d, ALEX, MONDAY, "11:00"));
    assert_true(desk_offers(d, ALEX, MONDAY, "11:15")); /* 10:00 + 75 */

    d->query.step = 30; /* 11:15 is off the grid: rounded up */
    desk_suggest(d);
    assert_false(desk_offers(d, ALEX, MONDAY, "11:00"));
    assert_true(desk_offers(d, ALEX, MONDAY, "11:30"));
    assert_true(desk_offers(d, ALEX, MONDAY, "08:30"));
    assert_false(desk_offers(d, ALEX, MONDAY, "09:00"));
}

static void test_buffer_may_run_past_the_shift_end(void **state)
{
    struct desk *d = *state;
    desk_wants_sports_massage(d);
    desk_rota(d, ALEX, CLINIC, MONDAY, "09:00", "12:00");
    desk_suggest(d);

    const struct slot *last = &d->offered[d->offered_count - 1];
    assert_offer(last, ALEX, MONDAY, "11:00");
    assert_int_equal(last->end, at(MONDAY, "12:00"));

    /* …but not into an appointment straight after, even at another clinic */
    desk_booked(d, ALEX, LOW_COST, 1, MONDAY, "12:00", 45, 0);
    desk_suggest(d);
    assert_false(desk_offers(d, ALEX, MONDAY, "11:00"));
    assert_offer(&d->offered[d->offered_count - 1], ALEX, MONDAY, "10:45");
}

/* ---- rooms -------------------------------------------------------------- */

static void test_low_cost_clinic_single_room_is_shared(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, ALEX, LOW_COST, MONDAY, "08:30", "14:30");
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "10:00", 45, 0);
    d->query.therapist_id = ALEX;
    desk_suggest(d);

    /* Alex is free at 10:00, but the only room is not */
    assert_true(desk_offers(d, ALEX, MONDAY, "09:15")); /* done as Prim starts */
    assert_false(desk_offers(d, ALEX, MONDAY, "09:30"));
    assert_false(desk_offers(d, ALEX, MONDAY, "10:00"));
    assert_false(desk_offers(d, ALEX, MONDAY, "10:30"));
    const struct slot *next = desk_offer(d, ALEX, MONDAY, "10:45");
    assert_non_null(next);
    assert_int_equal(next->room, 1);
    for (size_t i = 0; i < d->offered_count; i++)
        assert_int_equal(d->offered[i].therapist_id, ALEX);
}

static void test_three_rooms_hold_three_at_once_but_not_four(void **state)
{
    struct desk *d = *state;
    desk_wants_sports_massage(d);
    desk_rota(d, PRIM, CLINIC, MONDAY, "09:00", "17:00");
    desk_rota(d, ALEX, CLINIC, MONDAY, "09:00", "17:00");
    desk_rota(d, SAM, CLINIC, MONDAY, "09:00", "17:00");
    desk_rota(d, JO, CLINIC, MONDAY, "09:00", "17:00");
    desk_booked(d, PRIM, CLINIC, 1, MONDAY, "10:00", 60, 15);
    desk_booked(d, ALEX, CLINIC, 2, MONDAY, "10:00", 60, 15);
    desk_suggest(d);

    const struct slot *third = desk_offer(d, SAM, MONDAY, "10:00");
    assert_non_null(third);
    assert_int_equal(third->room, 3);

    desk_booked(d, SAM, CLINIC, 3, MONDAY, "10:00", 60, 15);
    desk_suggest(d);
    assert_false(desk_offers(d, JO, MONDAY, "10:00"));
    assert_false(desk_offers(d, JO, MONDAY, "11:00")); /* rooms still in their buffer */
    assert_true(desk_offers(d, JO, MONDAY, "11:15"));
    assert_false(desk_offers(d, JO, MONDAY, "09:00")); /* would run into 10:00 */
}

static void test_free_room_picks_the_lowest(void **state)
{
    struct desk *d = *state;
    desk_booked(d, PRIM, CLINIC, 1, MONDAY, "10:00", 60, 15);
    desk_booked(d, ALEX, CLINIC, 3, MONDAY, "10:00", 60, 15);
    desk_booked(d, SAM, CLINIC, 2, MONDAY, "08:45", 60, 15); /* free again at 10:00 */

    assert_int_equal(slots_free_room(d->busy, d->busy_count, d->rooms, 2, CLINIC,
                                     at(MONDAY, "10:00"), at(MONDAY, "11:15")),
                     2);
    assert_int_equal(slots_free_room(d->busy, d->busy_count, d->rooms, 2, CLINIC,
                                     at(MONDAY, "09:30"), at(MONDAY, "10:30")),
                     0);
    assert_int_equal(slots_free_room(d->busy, d->busy_count, d->rooms, 2, CLINIC,
                                     at(MONDAY, "11:15"), at(MONDAY, "12:30")),
                     1);
    /* a room at another clinic with the same number is no obstacle */
    assert_int_equal(slots_free_room(d->busy, d->busy_count, d->rooms, 2, LOW_COST,
                                     at(MONDAY, "10:00"), at(MONDAY, "11:15")),
                     1);
    assert_int_equal(slots_free_room(d->busy, d->busy_count, d->rooms, 2, 99, at(MONDAY, "10:00"),
                                     at(MONDAY, "11:15")),
                     0);
}

static void test_therapist_free_respects_touching_intervals(void **state)
{
    struct desk *d = *state;
    desk_booked(d, ALEX, CLINIC, 1, MONDAY, "10:00", 60, 15);

    assert_true(slots_therapist_free(d->busy, d->busy_count, ALEX, at(MONDAY, "09:00"),
                                     at(MONDAY, "10:00")));
    assert_true(slots_therapist_free(d->busy, d->busy_count, ALEX, at(MONDAY, "11:15"),
                                     at(MONDAY, "12:15")));
    assert_false(slots_therapist_free(d->busy, d->busy_count, ALEX, at(MONDAY, "11:14"),
                                      at(MONDAY, "12:15")));
    assert_true(slots_therapist_free(d->busy, d->busy_count, PRIM, at(MONDAY, "10:00"),
                                     at(MONDAY, "11:00")));
}

/* ---- when the client can come ----------------------------------------- */

static void test_not_before_cuts_earlier_slots(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, PRIM, LOW_COST, THURSDAY, "08:30", "14:30");
    d->query.not_before = at(MONDAY, "10:07");
    desk_suggest(d);

    assert_offer(&d->offered[0], PRIM, MONDAY, "10:15");
    assert_false(desk_offers(d, PRIM, MONDAY, "10:00"));
    assert_true(desk_offers(d, PRIM, THURSDAY, "08:30"));

    d->query.not_before = at(MONDAY, "13:46"); /* Monday is over */
    desk_suggest(d);
    assert_offer(&d->offered[0], PRIM, THURSDAY, "08:30");
}

static void test_preferred_windows_rank_first(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, PRIM, LOW_COST, THURSDAY, "08:30", "14:30");
    desk_prefers(d, 1u << FD_THU, "12:00", "14:00", false); /* "thu 12:00-14:00" */
    desk_suggest(d);

    assert_offer(&d->offered[0], PRIM, THURSDAY, "12:00");
    assert_true(d->offered[0].in_preferred);
    assert_true(desk_offer(d, PRIM, THURSDAY, "13:15")->in_preferred); /* ends 14:00 */
    assert_false(desk_offer(d, PRIM, THURSDAY, "13:30")->in_preferred);
    assert_false(desk_offer(d, PRIM, THURSDAY, "11:30")->in_preferred);
    /* six preferred slots (12:00 … 13:15), then the rest from Monday morning */
    for (size_t i = 0; i < 6; i++)
        assert_true(d->offered[i].in_preferred);
    assert_offer(&d->offered[6], PRIM, MONDAY, "08:30");
    assert_false(d->offered[6].in_preferred);
}

static void test_adjoining_windows_count_as_one(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_prefers(d, 1u << FD_MON, "08:00", "12:00", false); /* "mon am" */
    desk_prefers(d, 1u << FD_MON, "12:00", "17:00", false); /* "mon pm" */
    desk_suggest(d);

    assert_true(desk_offer(d, PRIM, MONDAY, "11:30")->in_preferred);
    for (size_t i = 0; i < d->offered_count; i++)
        assert_true(d->offered[i].in_preferred);
}

static void test_excluded_windows_are_left_out(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, PRIM, LOW_COST, FRIDAY, "08:30", "14:30");
    desk_prefers(d, 1u << FD_FRI, "00:00", "24:00", true); /* "not fri" */
    desk_prefers(d, 1u << FD_MON, "12:00", "13:00", true); /* "not mon 12:00-13:00" */
    desk_suggest(d);

    for (size_t i = 0; i < d->offered_count; i++) {
        assert_int_equal(time_day(d->offered[i].start), day_of(MONDAY));
        /* with only "not" clauses every other time is preferred */
        assert_true(d->offered[i].in_preferred);
    }
    assert_true(desk_offers(d, PRIM, MONDAY, "11:15"));  /* ends as the window opens */
    assert_false(desk_offers(d, PRIM, MONDAY, "11:30")); /* runs into it */
    assert_false(desk_offers(d, PRIM, MONDAY, "12:45"));
    assert_true(desk_offers(d, PRIM, MONDAY, "13:00"));
}

/* ---- ranking -------------------------------------------------------------- */

static void test_previous_therapist_ranks_before_others(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, ALEX, LOW_COST, THURSDAY, "08:30", "14:30");
    d->query.previous_therapist = ALEX;
    desk_suggest(d);

    assert_offer(&d->offered[0], ALEX, THURSDAY, "08:30");
    assert_int_equal(d->offered[0].room, 1);

    d->query.previous_therapist = 0;
    desk_suggest(d);
    assert_offer(&d->offered[0], PRIM, MONDAY, "08:30");
}

static void test_lighter_day_wins_ties(void **state)
{
    struct desk *d = *state;
    desk_wants_sports_massage(d);
    desk_rota(d, PRIM, CLINIC, MONDAY, "09:00", "17:00");
    desk_rota(d, ALEX, CLINIC, MONDAY, "09:00", "17:00");
    desk_booked(d, PRIM, CLINIC, 1, MONDAY, "15:00", 60, 15);
    desk_suggest(d);

    /* both free at 09:00: Alex has the lighter day despite the higher id */
    assert_offer(&d->offered[0], ALEX, MONDAY, "09:00");
    assert_offer(&d->offered[1], PRIM, MONDAY, "09:00");

    desk_booked(d, ALEX, CLINIC, 2, MONDAY, "15:00", 60, 15);
    desk_suggest(d); /* equal days: the lower id, so the order is stable */
    assert_offer(&d->offered[0], PRIM, MONDAY, "09:00");
    assert_offer(&d->offered[1], ALEX, MONDAY, "09:00");
}

static void test_limit_trims_after_ranking(void **state)
{
    struct desk *d = *state;
    desk_wants_sports_massage(d);
    for (int64_t therapist = PRIM; therapist <= JO; therapist++) {
        desk_rota(d, therapist, CLINIC, MONDAY, "09:00", "17:00");
        desk_rota(d, therapist, CLINIC, THURSDAY, "09:00", "13:00");
    }
    desk_booked(d, SAM, CLINIC, 1, MONDAY, "09:00", 60, 15);
    desk_booked(d, JO, CLINIC, 2, THURSDAY, "11:30", 60, 15);
    desk_prefers(d, 1u << FD_THU, "10:00", "12:00", false);
    d->query.previous_therapist = JO;
    desk_suggest(d);

    /* preferred and previous, then preferred, each by time */
    assert_offer(&d->offered[0], JO, THURSDAY, "10:00");
    assert_offer(&d->offered[1], JO, THURSDAY, "10:15"); /* 10:30 would hit 11:30 */
    assert_offer(&d->offered[2], PRIM, THURSDAY, "10:00");
    assert_true(d->offered[2].in_preferred);

    size_t all_count = d->offered_count;
    assert_true(all_count <= DESK_MAX);
    struct slot *all = d->remembered;
    memcpy(all, d->offered, all_count * sizeof *all);

    for (size_t limit = 1; limit <= all_count + 1; limit++) {
        d->query.limit = limit;
        desk_suggest(d);
        size_t expected = limit < all_count ? limit : all_count;
        assert_int_equal(d->offered_count, expected);
        for (size_t i = 0; i < expected; i++)
            assert_same_slot(&d->offered[i], &all[i]);
    }
}

static void test_one_slot_per_therapist_and_start(void **state)
{
    struct desk *d = *state;
    d->clinics[1] = CLINIC;
    d->query.clinic_count = 2;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_rota(d, PRIM, CLINIC, MONDAY, "08:30", "10:00"); /* overlapping rules */
    desk_rota(d, PRIM, LOW_COST, MONDAY, "09:00", "10:00");
    desk_suggest(d);

    assert_int_equal(d->offered_count, (13 * 60 + 45 - (8 * 60 + 30)) / 15 + 1);
    for (size_t i = 1; i < d->offered_count; i++)
        assert_true(d->offered[i - 1].start < d->offered[i].start);
}

static void test_service_not_offered_at_the_clinic(void **state)
{
    struct desk *d = *state;
    desk_rota(d, ALEX, CLINIC, MONDAY, "09:00", "17:00");
    desk_suggest(d); /* the 45-minute low-cost massage is only at the Low Cost Clinic */
    assert_int_equal(d->offered_count, 0);
    assert_null(d->offered);
}

static void test_bad_query_is_refused(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    d->query.step = 0;
    struct shift_list shifts = {d->shifts, d->shift_count, d->shift_count};
    struct fd_error err = {0};
    struct slot *out = (struct slot *)&err; /* must be reset */
    size_t count = 7;
    assert_int_equal(slots_find(&shifts, NULL, 0, d->rooms, 2, &d->query, &out, &count, &err),
                     -FD_ERR_DATA);
    assert_int_equal(err.code, FD_ERR_DATA);
    assert_non_null(strstr(err.message, "step"));
    assert_null(out);
    assert_int_equal(count, 0);
}

/* ---- a day at a glance ----------------------------------------------------- */

static void test_free_gaps_around_appointments_at_start_middle_and_end(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "13:45", 45, 15); /* runs past the end */
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "11:00", 60, 15);
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "08:30", 45, 15);
    desk_booked(d, ALEX, LOW_COST, 1, MONDAY, "09:30", 45, 0); /* someone else's */
    desk_booked(d, PRIM, LOW_COST, 1, THURSDAY, "10:00", 45, 0);

    struct interval gaps[4];
    size_t n = slots_free_in_shift(&d->shifts[0], d->busy, d->busy_count, gaps, 4);
    assert_int_equal(n, 2);
    assert_int_equal(gaps[0].start, at(MONDAY, "09:30"));
    assert_int_equal(gaps[0].end, at(MONDAY, "11:00"));
    assert_int_equal(gaps[1].start, at(MONDAY, "12:15"));
    assert_int_equal(gaps[1].end, at(MONDAY, "13:45"));

    /* max bounds what is written; the result still says how many there are */
    struct interval one[1] = {{0, 0}};
    assert_int_equal(slots_free_in_shift(&d->shifts[0], d->busy, d->busy_count, one, 1), 2);
    assert_int_equal(one[0].start, at(MONDAY, "09:30"));
}

static void test_free_gaps_of_a_quiet_and_of_a_full_shift(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "14:30");
    struct interval gaps[2];
    assert_int_equal(slots_free_in_shift(&d->shifts[0], d->busy, 0, gaps, 2), 1);
    assert_int_equal(gaps[0].start, at(MONDAY, "08:30"));
    assert_int_equal(gaps[0].end, at(MONDAY, "14:30"));

    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "08:00", 240, 0); /* 08:00-12:00 */
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "09:00", 60, 0);  /* inside it */
    desk_booked(d, PRIM, LOW_COST, 1, MONDAY, "11:30", 200, 0); /* overlaps, to 14:50 */
    assert_int_equal(slots_free_in_shift(&d->shifts[0], d->busy, d->busy_count, gaps, 2), 0);
}

static void test_covering_shift_edges(void **state)
{
    struct desk *d = *state;
    desk_rota(d, PRIM, LOW_COST, MONDAY, "08:30", "11:00");
    desk_rota(d, PRIM, LOW_COST, MONDAY, "12:00", "14:30"); /* time off cut the day */
    desk_rota(d, ALEX, CLINIC, MONDAY, "08:30", "14:30");
    struct shift_list shifts = {d->shifts, d->shift_count, d->shift_count};

    assert_ptr_equal(
        slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "08:30"), at(MONDAY, "09:15")),
        &d->shifts[0]);
    assert_ptr_equal(
        slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "13:45"), at(MONDAY, "14:30")),
        &d->shifts[1]);
    assert_null(
        slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "08:29"), at(MONDAY, "09:14")));
    assert_null(
        slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "13:46"), at(MONDAY, "14:31")));
    assert_null(slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "10:30"),
                                     at(MONDAY, "12:30"))); /* across the break */
    assert_null(slots_covering_shift(&shifts, PRIM, CLINIC, at(MONDAY, "09:00"),
                                     at(MONDAY, "10:00"))); /* other clinic */
    assert_null(slots_covering_shift(&shifts, JO, LOW_COST, at(MONDAY, "09:00"),
                                     at(MONDAY, "10:00"))); /* not on the rota */
    assert_null(slots_covering_shift(&shifts, PRIM, LOW_COST, at(THURSDAY, "09:00"),
                                     at(THURSDAY, "10:00"))); /* another day */
    assert_null(slots_covering_shift(&shifts, PRIM, LOW_COST, at(MONDAY, "09:00"),
                                     at(MONDAY, "09:00"))); /* no length */
    struct shift_list none = {NULL, 0, 0};
    assert_null(
        slots_covering_shift(&none, PRIM, LOW_COST, at(MONDAY, "09:00"), at(MONDAY, "10:00")));
}

/* ---- a busy fortnight, checked against the simple one-slot questions ---- */

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fffu;
}

/* Every offered slot must pass the simple checks, and every grid time that
 * passes them must be offered (with the lowest free room). */
static void test_a_busy_fortnight_matches_the_simple_checks(void **state)
{
    struct desk *d = *state;
    d->clinics[1] = CLINIC;
    d->query.clinic_count = 2;
    d->query.minutes = 45;
    d->query.buffer = 10;
    desk_prefers(d, 1u << FD_WED, "00:00", "24:00", true); /* not wed */
    desk_prefers(d, FD_WEEKDAYS_MON_FRI, "12:00", "14:00", false);
    desk_prefers(d, 1u << FD_TUE, "14:00", "16:00", false);
    desk_prefers(d, 1u << FD_FRI, "13:00", "13:30", true); /* not fri 13:00-13:30 */
    uint32_t seed = 42;
    fd_day first = day_of(MONDAY);
    for (fd_day day = first; day < first + 14; day++)
        for (int64_t therapist = 1; therapist <= 8; therapist++) {
            if (next_random(&seed) % 4 == 0)
                continue;
            int start = 8 * 60 + (int)(next_random(&seed) % 8) * 15;
            int64_t clinic = therapist % 3 == 0 ? LOW_COST : CLINIC;
            d->shifts[d->shift_count++] =
                (struct shift){therapist, clinic, 1, day, start, start + 6 * 60};
            for (int k = 0; k < 4; k++) {
                int minute = start + (int)(next_random(&seed) % 330);
                fd_time t = time_make(day, minute);
                int room = 1 + (int)(next_random(&seed) % (clinic == CLINIC ? 3 : 1));
                d->busy[d->busy_count++] =
                    (struct busy){therapist, clinic, room, t, t + 30 + next_random(&seed) % 60, 0};
            }
        }
    d->query.not_before = time_make(first + 1, 11 * 60 + 3);
    desk_suggest(d);
    assert_true(d->offered_count > 100);

    struct shift_list shifts = {d->shifts, d->shift_count, d->shift_count};
    size_t expected = 0;
    for (size_t i = 0; i < d->shift_count; i++) {
        const struct shift *s = &d->shifts[i];
        int weekday = date_weekday(s->day);
        for (int m = s->start; m + 45 <= s->end; m += 15) {
            fd_time t = time_make(s->day, m);
            bool excluded =
                weekday == FD_WED || (weekday == FD_FRI && m < 13 * 60 + 30 && m + 45 > 13 * 60);
            if (excluded || t < d->query.not_before ||
                !slots_therapist_free(d->busy, d->busy_count, s->therapist_id, t, t + 55))
                continue;
            int room =
                slots_free_room(d->busy, d->busy_count, d->rooms, 2, s->clinic_id, t, t + 55);
            const struct slot *slot = desk_offer_at(d, s->therapist_id, t);
            if (room == 0) {
                assert_null(slot);
                continue;
            }
            assert_non_null(slot);
            assert_int_equal(slot->room, room);
            assert_int_equal(slot->clinic_id, s->clinic_id);
            assert_int_equal(slot->in_preferred, prefer_matches(&d->prefer, weekday, m, m + 45));
            assert_non_null(
                slots_covering_shift(&shifts, s->therapist_id, s->clinic_id, t, slot->end));
            expected++;
        }
    }
    assert_int_equal(d->offered_count, expected);
    size_t preferred = 0;
    for (size_t i = 0; i < d->offered_count; i++)
        preferred += d->offered[i].in_preferred;
    assert_true(preferred > 20 && preferred + 20 < d->offered_count);
    for (size_t i = 1; i < d->offered_count; i++) {
        const struct slot *a = &d->offered[i - 1], *b = &d->offered[i];
        assert_true(a->in_preferred >= b->in_preferred);
        if (a->in_preferred == b->in_preferred)
            assert_true(a->start <= b->start);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define DESK_TEST(name) cmocka_unit_test_setup_teardown(name, desk_open, desk_close)
        DESK_TEST(test_slot_ending_exactly_at_shift_end_is_offered),
        DESK_TEST(test_grid_counts_from_midnight_not_shift_start),
        DESK_TEST(test_buffer_keeps_the_next_slot_away),
        DESK_TEST(test_buffer_may_run_past_the_shift_end),
        DESK_TEST(test_low_cost_clinic_single_room_is_shared),
        DESK_TEST(test_three_rooms_hold_three_at_once_but_not_four),
        DESK_TEST(test_free_room_picks_the_lowest),
        DESK_TEST(test_therapist_free_respects_touching_intervals),
        DESK_TEST(test_not_before_cuts_earlier_slots),
        DESK_TEST(test_preferred_windows_rank_first),
        DESK_TEST(test_adjoining_windows_count_as_one),
        DESK_TEST(test_excluded_windows_are_left_out),
        DESK_TEST(test_previous_therapist_ranks_before_others),
        DESK_TEST(test_lighter_day_wins_ties),
        DESK_TEST(test_limit_trims_after_ranking),
        DESK_TEST(test_one_slot_per_therapist_and_start),
        DESK_TEST(test_service_not_offered_at_the_clinic),
        DESK_TEST(test_bad_query_is_refused),
        DESK_TEST(test_free_gaps_around_appointments_at_start_middle_and_end),
        DESK_TEST(test_free_gaps_of_a_quiet_and_of_a_full_shift),
        DESK_TEST(test_covering_shift_edges),
        DESK_TEST(test_a_busy_fortnight_matches_the_simple_checks),
#undef DESK_TEST
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
