/*
 * The rota: a newly joined therapist works the Low Cost Clinic on Mondays and
 * Thursdays 08:30–14:30 and on the first Sunday of each month 10:00–16:00
 * (SPEC, introduction).  Expanding her rules over a winter must give exactly
 * the shifts she will work: none on bank holidays or the clinic's own closed
 * days, and none (or shorter ones) while she is off.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/rota.h>

#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PRIM = 1, ANNA = 2 };                    /* therapist ids */
enum { CLINIC = 10, LOW_COST_CLINIC = 11 };     /* clinic ids */
enum { PRIM_WEEKLY = 100, PRIM_MONTHLY = 101 }; /* rule ids */

/* ---- helpers ---------------------------------------------------------- */

static struct rota_rule weekly_rule(int64_t id, int64_t therapist, int64_t clinic, unsigned days,
                                    const char *start, const char *end)
{
    struct rota_rule rule = {
        .id = id,
        .therapist_id = therapist,
        .clinic_id = clinic,
        .pattern = ROTA_WEEKLY,
        .weekdays = days,
        .start = minute_of(start),
        .end = minute_of(end),
        .valid_from = FD_DAY_NONE,
        .valid_until = FD_DAY_NONE,
    };
    return rule;
}

static struct rota_rule monthly_rule(int64_t id, int64_t therapist, int64_t clinic, int nth,
                                     int weekday, const char *start, const char *end)
{
    struct rota_rule rule = weekly_rule(id, therapist, clinic, 0, start, end);
    rule.pattern = ROTA_MONTHLY;
    rule.nth = nth;
    rule.weekday = weekday;
    return rule;
}

static struct rota_rule once_rule(int64_t id, int64_t therapist, int64_t clinic, const char *day,
                                  const char *start, const char *end)
{
    struct rota_rule rule = weekly_rule(id, therapist, clinic, 0, start, end);
    rule.pattern = ROTA_ONCE;
    rule.once_day = day_of(day);
    return rule;
}

/* `frontdesk rota off prim --from D --to D`: whole days, both included. */
static struct time_off days_off(int64_t therapist, const char *first, const char *last)
{
    struct time_off off = {
        .therapist_id = therapist,
        .from = time_make(day_of(first), 0),
        .to = time_make(day_of(last) + 1, 0),
    };
    return off;
}

/* `frontdesk rota off prim --from "D HH:MM" --to "D HH:MM"`. */
static struct time_off hours_off(int64_t therapist, const char *from, const char *to)
{
    struct time_off off = {.therapist_id = therapist, .from = moment(from), .to = moment(to)};
    return off;
}

/* Mon–Fri, England and Wales bank holidays; no closures of its own. */
static struct fd_calendar bank_holiday_calendar(void)
{
    struct fd_calendar calendar = {.working_days = FD_WEEKDAYS_MON_FRI,
                                   .close_of_business = 18 * 60};
    char path[1024];
    char *text = read_data_file("holidays/england-and-wales", path, sizeof path);
    struct fd_error err = {0};
    if (calendar_parse_holidays(&calendar, text, "england-and-wales", &err) != 0)
        fail_msg("%s", err.message);
    free(text);
    return calendar;
}

/* The example config: bank holidays plus closed = {"2026-12-24"}. */
static struct fd_calendar example_clinic_calendar(void)
{
    struct fd_calendar calendar = bank_holiday_calendar();
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-24")), 0);
    return calendar;
}

/* Prim's rota at the Low Cost Clinic, as the receptionist enters it:
 *   rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
 *   rota add prim --clinic "Low Cost Clinic" --monthly "1st sun" --from 10:00 --to 16:00 */
static void prim_rules(struct rota_rule rules[2])
{
    rules[0] = weekly_rule(PRIM_WEEKLY, PRIM, LOW_COST_CLINIC, 1u << FD_MON | 1u << FD_THU, "08:30",
                           "14:30");
    rules[1] = monthly_rule(PRIM_MONTHLY, PRIM, LOW_COST_CLINIC, 1, FD_SUN, "10:00", "16:00");
}

/* Expands and returns the list; the caller frees it. */
static struct shift_list expand(const struct rota_rule *rules, size_t rule_count,
                                const struct time_off *off, size_t off_count,
                                const struct fd_calendar *calendar, const char *from,
                                const char *to)
{
    struct shift_list shifts = {0};
    struct fd_error err = {0};
    if (rota_expand(rules, rule_count, off, off_count, calendar, day_of(from), day_of(to), &shifts,
                    &err) != 0)
        fail_msg("rota_expand failed: %s", err.message);
    return shifts;
}

/* One shift as "2026-11-02 08:30-14:30", for readable comparisons. */
static void describe_shift(const struct shift *shift, char *out, size_t size)
{
    char date[FD_DATE_LEN], start[FD_HM_LEN], end[FD_HM_LEN];
    date_format(shift->day, date);
    time_format_hm(shift->start, start);
    time_format_hm(shift->end, end);
    snprintf(out, size, "%s %s-%s", date, start, end);
}

/* Checks the shifts are exactly `expected`, in order. */
static void assert_shifts(const struct shift_list *shifts, const char *const *expected,
                          size_t expected_count)
{
    for (size_t i = 0; i < shifts->count || i < expected_count; i++) {
        char got[64] = "(nothing)";
        if (i < shifts->count)
            describe_shift(&shifts->items[i], got, sizeof got);
        const char *want = i < expected_count ? expected[i] : "(nothing)";
        if (strcmp(got, want) != 0)
            fail_msg("shift %zu: got %s, expected %s (%zu shifts, expected %zu)", i, got, want,
                     shifts->count, expected_count);
    }
}

#define ASSERT_SHIFTS(shifts, ...)                                                                 \
    do {                                                                                           \
        static const char *const expected_[] = {__VA_ARGS__};                                      \
        assert_shifts((shifts), expected_, sizeof expected_ / sizeof expected_[0]);                \
    } while (0)

static bool has_shift_on(const struct shift_list *shifts, const char *day)
{
    for (size_t i = 0; i < shifts->count; i++)
        if (shifts->items[i].day == day_of(day))
            return true;
    return false;
}

/* ---- the Low Cost Clinic therapist ------------------------------------ */

static void test_low_cost_clinic_winter_rota(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct fd_calendar calendar = example_clinic_calendar();
    struct shift_list shifts = expand(rules, 2, NULL, 0, &calendar, "2026-11-01", "2027-01-31");

    /* Thu 24 Dec (the clinic's closed day) and Mon 28 Dec (Boxing Day
     * substitute) are gone; Christmas and New Year's Day fall on Fridays. */
    ASSERT_SHIFTS(&shifts, "2026-11-01 10:00-16:00", "2026-11-02 08:30-14:30",
                  "2026-11-05 08:30-14:30", "2026-11-09 08:30-14:30", "2026-11-12 08:30-14:30",
                  "2026-11-16 08:30-14:30", "2026-11-19 08:30-14:30", "2026-11-23 08:30-14:30",
                  "2026-11-26 08:30-14:30", "2026-11-30 08:30-14:30", "2026-12-03 08:30-14:30",
                  "2026-12-06 10:00-16:00", "2026-12-07 08:30-14:30", "2026-12-10 08:30-14:30",
                  "2026-12-14 08:30-14:30", "2026-12-17 08:30-14:30", "2026-12-21 08:30-14:30",
                  "2026-12-31 08:30-14:30", "2027-01-03 10:00-16:00", "2027-01-04 08:30-14:30",
                  "2027-01-07 08:30-14:30", "2027-01-11 08:30-14:30", "2027-01-14 08:30-14:30",
                  "2027-01-18 08:30-14:30", "2027-01-21 08:30-14:30", "2027-01-25 08:30-14:30",
                  "2027-01-28 08:30-14:30");
    assert_int_equal(shifts.count, 27);

    /* Every shift says who, where and which rule made it. */
    for (size_t i = 0; i < shifts.count; i++) {
        const struct shift *shift = &shifts.items[i];
        assert_int_equal(shift->therapist_id, PRIM);
        assert_int_equal(shift->clinic_id, LOW_COST_CLINIC);
        int expected_rule = date_weekday(shift->day) == FD_SUN ? PRIM_MONTHLY : PRIM_WEEKLY;
        assert_int_equal(shift->rule_id, expected_rule);
    }
    shift_list_free(&shifts);
    calendar_free(&calendar);
}

static void test_bank_holidays_alone_keep_christmas_eve(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct fd_calendar calendar = bank_holiday_calendar();
    struct shift_list shifts = expand(rules, 2, NULL, 0, &calendar, "2026-11-01", "2027-01-31");
    assert_int_equal(shifts.count, 28);
    assert_true(has_shift_on(&shifts, "2026-12-24"));
    assert_false(has_shift_on(&shifts, "2026-12-28"));
    shift_list_free(&shifts);
    calendar_free(&calendar);
}

static void test_without_closures_every_rule_day_is_worked(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    /* No calendar at all: 26 Mondays and Thursdays, 3 first Sundays. */
    struct shift_list shifts = expand(rules, 2, NULL, 0, NULL, "2026-11-01", "2027-01-31");
    assert_int_equal(shifts.count, 29);
    assert_true(has_shift_on(&shifts, "2026-12-24"));
    assert_true(has_shift_on(&shifts, "2026-12-28"));
    shift_list_free(&shifts);
}

static void test_christmas_boxing_day_and_new_year_on_a_full_week_rota(void **state)
{
    (void)state;
    /* Anna works the main clinic Monday to Friday. */
    struct rota_rule rule = weekly_rule(200, ANNA, CLINIC, FD_WEEKDAYS_MON_FRI, "09:00", "17:00");
    struct fd_calendar calendar = example_clinic_calendar();
    struct shift_list shifts = expand(&rule, 1, NULL, 0, &calendar, "2026-12-21", "2027-01-08");
    ASSERT_SHIFTS(&shifts, "2026-12-21 09:00-17:00", "2026-12-22 09:00-17:00",
                  "2026-12-23 09:00-17:00", /* 24 closed, 25 Christmas, 28 Boxing Day */
                  "2026-12-29 09:00-17:00", "2026-12-30 09:00-17:00",
                  "2026-12-31 09:00-17:00", /* 1 Jan New Year's Day */
                  "2027-01-04 09:00-17:00", "2027-01-05 09:00-17:00", "2027-01-06 09:00-17:00",
                  "2027-01-07 09:00-17:00", "2027-01-08 09:00-17:00");
    shift_list_free(&shifts);

    /* 2027: Christmas and Boxing Day fall at the weekend, both substituted. */
    shifts = expand(&rule, 1, NULL, 0, &calendar, "2027-12-20", "2028-01-04");
    ASSERT_SHIFTS(&shifts, "2027-12-20 09:00-17:00", "2027-12-21 09:00-17:00",
                  "2027-12-22 09:00-17:00", "2027-12-23 09:00-17:00", "2027-12-24 09:00-17:00",
                  "2027-12-29 09:00-17:00", "2027-12-30 09:00-17:00", "2027-12-31 09:00-17:00",
                  "2028-01-04 09:00-17:00"); /* Mon 3 Jan: New Year substitute */
    shift_list_free(&shifts);
    calendar_free(&calendar);
}

static void test_a_closure_on_a_sunday_cancels_the_sunday_shift(void **state)
{
    (void)state;
    /* Sundays are not working days for the reply promise, but a closure
     * still closes the clinic on a Sunday. */
    struct rota_rule rules[2];
    prim_rules(rules);
    struct fd_calendar calendar = example_clinic_calendar();
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-06")), 0);
    struct shift_list shifts = expand(rules, 2, NULL, 0, &calendar, "2026-12-01", "2026-12-10");
    ASSERT_SHIFTS(&shifts, "2026-12-03 08:30-14:30", "2026-12-07 08:30-14:30",
                  "2026-12-10 08:30-14:30");
    shift_list_free(&shifts);
    calendar_free(&calendar);
}

/* ---- valid from / until, once, last ----------------------------------- */

static void test_rules_only_apply_between_valid_from_and_valid_until(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    /* She starts on Thu 12 Nov and her Mondays/Thursdays end on Thu 19 Nov,
     * both days included. */
    rules[0].valid_from = day_of("2026-11-12");
    rules[0].valid_until = day_of("2026-11-19");
    /* Her Sundays start in December. */
    rules[1].valid_from = day_of("2026-12-01");
    struct shift_list shifts = expand(rules, 2, NULL, 0, NULL, "2026-11-01", "2026-12-31");
    ASSERT_SHIFTS(&shifts, "2026-11-12 08:30-14:30", "2026-11-16 08:30-14:30",
                  "2026-11-19 08:30-14:30", "2026-12-06 10:00-16:00");
    shift_list_free(&shifts);

    assert_false(rota_rule_applies(&rules[0], day_of("2026-11-09")));
    assert_true(rota_rule_applies(&rules[0], day_of("2026-11-12")));
    assert_true(rota_rule_applies(&rules[0], day_of("2026-11-19")));
    assert_false(rota_rule_applies(&rules[0], day_of("2026-11-23")));
    assert_false(rota_rule_applies(&rules[1], day_of("2026-11-01")));
    assert_true(rota_rule_applies(&rules[1], day_of("2026-12-06")));
}

static void test_a_once_rule_gives_one_shift(void **state)
{
    (void)state;
    /* rota add anna --clinic "Clinic" --once 2026-12-05 --from 09:00 --to 13:00 */
    struct rota_rule rule = once_rule(300, ANNA, CLINIC, "2026-12-05", "09:00", "13:00");
    struct shift_list shifts = expand(&rule, 1, NULL, 0, NULL, "2026-12-01", "2026-12-31");
    ASSERT_SHIFTS(&shifts, "2026-12-05 09:00-13:00");
    assert_int_equal(shifts.items[0].rule_id, 300);
    assert_int_equal(shifts.items[0].therapist_id, ANNA);
    assert_int_equal(shifts.items[0].clinic_id, CLINIC);
    shift_list_free(&shifts);

    /* Range boundaries are inclusive, and outside them there is nothing. */
    shifts = expand(&rule, 1, NULL, 0, NULL, "2026-12-05", "2026-12-05");
    assert_int_equal(shifts.count, 1);
    shift_list_free(&shifts);
    shifts = expand(&rule, 1, NULL, 0, NULL, "2026-12-06", "2026-12-31");
    assert_int_equal(shifts.count, 0);
    shift_list_free(&shifts);

    assert_true(rota_rule_applies(&rule, day_of("2026-12-05")));
    assert_false(rota_rule_applies(&rule, day_of("2026-12-12")));

    /* A once rule on a closure is not worked either. */
    struct rota_rule boxing = once_rule(301, ANNA, CLINIC, "2026-12-28", "09:00", "13:00");
    struct fd_calendar calendar = bank_holiday_calendar();
    shifts = expand(&boxing, 1, NULL, 0, &calendar, "2026-12-01", "2026-12-31");
    assert_int_equal(shifts.count, 0);
    shift_list_free(&shifts);
    calendar_free(&calendar);
}

static void test_last_weekday_of_the_month(void **state)
{
    (void)state;
    /* rota add anna --monthly "last fri" and --monthly "last sun" */
    struct rota_rule rules[2] = {
        monthly_rule(400, ANNA, CLINIC, -1, FD_FRI, "09:00", "12:00"),
        monthly_rule(401, ANNA, LOW_COST_CLINIC, -1, FD_SUN, "13:00", "16:00"),
    };
    struct shift_list shifts = expand(rules, 2, NULL, 0, NULL, "2026-11-01", "2027-02-28");
    /* November 2026 has five Sundays: "last" is the fifth, the 29th. */
    ASSERT_SHIFTS(&shifts, "2026-11-27 09:00-12:00", "2026-11-29 13:00-16:00",
                  "2026-12-25 09:00-12:00", "2026-12-27 13:00-16:00", "2027-01-29 09:00-12:00",
                  "2027-01-31 13:00-16:00", "2027-02-26 09:00-12:00", "2027-02-28 13:00-16:00");
    shift_list_free(&shifts);

    /* With the bank holidays, the last Friday of December is Christmas Day. */
    struct fd_calendar calendar = bank_holiday_calendar();
    shifts = expand(rules, 1, NULL, 0, &calendar, "2026-11-01", "2027-01-31");
    ASSERT_SHIFTS(&shifts, "2026-11-27 09:00-12:00", "2027-01-29 09:00-12:00");
    shift_list_free(&shifts);
    calendar_free(&calendar);

    /* The 4th Sunday is not the last one when there are five. */
    struct rota_rule fourth = monthly_rule(402, ANNA, CLINIC, 4, FD_SUN, "09:00", "12:00");
    assert_true(rota_rule_applies(&fourth, day_of("2026-11-22")));
    assert_false(rota_rule_applies(&fourth, day_of("2026-11-29")));
    assert_true(rota_rule_applies(&rules[1], day_of("2026-11-29")));
    assert_false(rota_rule_applies(&rules[1], day_of("2026-11-22")));
}

/* ---- time off --------------------------------------------------------- */

static void test_whole_days_off_remove_shifts(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    /* rota off prim --from 2026-11-05 --to 2026-11-09 (Thu to Mon) */
    struct time_off off = days_off(PRIM, "2026-11-05", "2026-11-09");
    struct shift_list shifts = expand(rules, 2, &off, 1, NULL, "2026-11-01", "2026-11-16");
    ASSERT_SHIFTS(&shifts, "2026-11-01 10:00-16:00", "2026-11-02 08:30-14:30",
                  "2026-11-12 08:30-14:30", "2026-11-16 08:30-14:30");
    shift_list_free(&shifts);
}

static void test_an_appointment_in_the_middle_of_a_shift_splits_it(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    /* A dentist appointment 11:00–12:00 on Mon 9 Nov. */
    struct time_off off = hours_off(PRIM, "2026-11-09 11:00", "2026-11-09 12:00");
    struct shift_list shifts = expand(rules, 2, &off, 1, NULL, "2026-11-09", "2026-11-12");
    ASSERT_SHIFTS(&shifts, "2026-11-09 08:30-11:00", "2026-11-09 12:00-14:30",
                  "2026-11-12 08:30-14:30");
    /* Both halves still belong to the weekly rule at the Low Cost Clinic. */
    assert_int_equal(shifts.items[0].rule_id, PRIM_WEEKLY);
    assert_int_equal(shifts.items[1].rule_id, PRIM_WEEKLY);
    assert_int_equal(shifts.items[1].clinic_id, LOW_COST_CLINIC);
    shift_list_free(&shifts);
}

static void test_time_off_at_the_start_or_end_shortens_the_shift(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct time_off off[] = {
        hours_off(PRIM, "2026-11-09 07:00", "2026-11-09 10:00"), /* comes in late */
        hours_off(PRIM, "2026-11-12 13:00", "2026-11-12 18:00"), /* leaves early */
        hours_off(PRIM, "2026-11-16 08:30", "2026-11-16 09:00"), /* exactly the first half hour */
        hours_off(PRIM, "2026-11-19 14:30", "2026-11-19 16:00"), /* after the shift: no change */
    };
    struct shift_list shifts = expand(rules, 2, off, 4, NULL, "2026-11-09", "2026-11-19");
    ASSERT_SHIFTS(&shifts, "2026-11-09 10:00-14:30", "2026-11-12 08:30-13:00",
                  "2026-11-16 09:00-14:30", "2026-11-19 08:30-14:30");
    shift_list_free(&shifts);
}

static void test_time_off_covering_the_shift_removes_it(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct time_off off[] = {
        hours_off(PRIM, "2026-11-09 08:00", "2026-11-09 15:00"),
        hours_off(PRIM, "2026-11-12 08:30", "2026-11-12 14:30"), /* exactly the shift */
    };
    struct shift_list shifts = expand(rules, 2, off, 2, NULL, "2026-11-09", "2026-11-16");
    ASSERT_SHIFTS(&shifts, "2026-11-16 08:30-14:30");
    shift_list_free(&shifts);
}

static void test_time_off_across_several_days(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    /* Off from Monday noon to Thursday 10:00. */
    struct time_off off = hours_off(PRIM, "2026-11-16 12:00", "2026-11-19 10:00");
    struct shift_list shifts = expand(rules, 2, &off, 1, NULL, "2026-11-16", "2026-11-19");
    ASSERT_SHIFTS(&shifts, "2026-11-16 08:30-12:00", "2026-11-19 10:00-14:30");
    shift_list_free(&shifts);
}

static void test_several_time_offs_on_one_shift(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct time_off off[] = {
        hours_off(PRIM, "2026-11-09 13:00", "2026-11-09 13:30"),
        hours_off(PRIM, "2026-11-09 09:00", "2026-11-09 10:00"),
        hours_off(PRIM, "2026-11-09 09:30", "2026-11-09 11:00"), /* overlaps the one before */
        hours_off(PRIM, "2026-11-09 14:00", "2026-11-09 14:00"), /* empty: ignored */
    };
    struct shift_list shifts = expand(rules, 2, off, 4, NULL, "2026-11-09", "2026-11-09");
    ASSERT_SHIFTS(&shifts, "2026-11-09 08:30-09:00", "2026-11-09 11:00-13:00",
                  "2026-11-09 13:30-14:30");
    shift_list_free(&shifts);
}

static void test_time_off_is_only_for_that_therapist(void **state)
{
    (void)state;
    struct rota_rule rules[2] = {
        weekly_rule(1, PRIM, LOW_COST_CLINIC, 1u << FD_MON, "08:30", "14:30"),
        weekly_rule(2, ANNA, CLINIC, 1u << FD_MON, "09:00", "17:00"),
    };
    struct time_off off = days_off(ANNA, "2026-11-09", "2026-11-09");
    struct shift_list shifts = expand(rules, 2, &off, 1, NULL, "2026-11-09", "2026-11-09");
    assert_int_equal(shifts.count, 1);
    assert_int_equal(shifts.items[0].therapist_id, PRIM);
    shift_list_free(&shifts);
}

/* ---- order and bookkeeping -------------------------------------------- */

static void test_shifts_are_sorted_by_day_therapist_and_start(void **state)
{
    (void)state;
    /* Rules given in no particular order: Anna (2) works the main clinic in
     * the afternoon and the Low Cost Clinic in the morning; Prim (1) works
     * Mondays. */
    struct rota_rule rules[] = {
        weekly_rule(3, ANNA, CLINIC, 1u << FD_MON | 1u << FD_TUE, "13:00", "17:00"),
        weekly_rule(2, ANNA, LOW_COST_CLINIC, 1u << FD_MON, "08:00", "12:00"),
        weekly_rule(1, PRIM, LOW_COST_CLINIC, 1u << FD_MON, "08:30", "14:30"),
    };
    struct shift_list shifts = expand(rules, 3, NULL, 0, NULL, "2026-11-09", "2026-11-10");
    assert_int_equal(shifts.count, 4);
    const struct {
        int64_t therapist, clinic;
        const char *text;
    } expected[] = {
        {PRIM, LOW_COST_CLINIC, "2026-11-09 08:30-14:30"},
        {ANNA, LOW_COST_CLINIC, "2026-11-09 08:00-12:00"},
        {ANNA, CLINIC, "2026-11-09 13:00-17:00"},
        {ANNA, CLINIC, "2026-11-10 13:00-17:00"},
    };
    for (size_t i = 0; i < 4; i++) {
        char got[64];
        describe_shift(&shifts.items[i], got, sizeof got);
        assert_string_equal(got, expected[i].text);
        assert_int_equal(shifts.items[i].therapist_id, expected[i].therapist);
        assert_int_equal(shifts.items[i].clinic_id, expected[i].clinic);
    }
    shift_list_free(&shifts);
}

static void test_expansion_appends_to_the_list(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    struct shift_list shifts = {0};
    struct fd_error err = {0};
    assert_int_equal(rota_expand(rules, 2, NULL, 0, NULL, day_of("2026-11-01"),
                                 day_of("2026-11-05"), &shifts, &err),
                     0);
    assert_int_equal(shifts.count, 3);
    assert_int_equal(rota_expand(rules, 2, NULL, 0, NULL, day_of("2026-11-06"),
                                 day_of("2026-11-12"), &shifts, &err),
                     0);
    ASSERT_SHIFTS(&shifts, "2026-11-01 10:00-16:00", "2026-11-02 08:30-14:30",
                  "2026-11-05 08:30-14:30", "2026-11-09 08:30-14:30", "2026-11-12 08:30-14:30");

    /* An empty or backwards range adds nothing. */
    assert_int_equal(rota_expand(rules, 2, NULL, 0, NULL, day_of("2026-11-20"),
                                 day_of("2026-11-19"), &shifts, &err),
                     0);
    assert_int_equal(shifts.count, 5);
    shift_list_free(&shifts);
    assert_null(shifts.items);
    assert_int_equal(shifts.count, 0);
}

static void test_a_rule_with_no_hours_gives_no_shift(void **state)
{
    (void)state;
    struct rota_rule rules[] = {
        weekly_rule(1, PRIM, CLINIC, FD_WEEKDAYS_MON_FRI, "14:30", "08:30"),
        weekly_rule(2, PRIM, CLINIC, FD_WEEKDAYS_MON_FRI, "10:00", "10:00"),
    };
    struct shift_list shifts = expand(rules, 2, NULL, 0, NULL, "2026-11-09", "2026-11-15");
    assert_int_equal(shifts.count, 0);
    shift_list_free(&shifts);
}

static void test_shift_list_grows(void **state)
{
    (void)state;
    struct shift_list list = {0};
    for (int i = 0; i < 1000; i++) {
        struct shift shift = {.therapist_id = PRIM, .day = i, .start = 0, .end = 60};
        assert_int_equal(shift_list_push(&list, &shift), 0);
    }
    assert_int_equal(list.count, 1000);
    assert_true(list.capacity >= 1000);
    assert_int_equal(list.items[999].day, 999);
    shift_list_free(&list);
    shift_list_free(&list); /* freeing twice is harmless */
}

/* ---- parsing what the receptionist types ------------------------------ */

static void test_monthly_patterns_accepted(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int nth, weekday;
    } cases[] = {
        {"1st sun", 1, FD_SUN},          {"2nd mon", 2, FD_MON},   {"3rd Wed", 3, FD_WED},
        {"4th sat", 4, FD_SAT},          {"last fri", -1, FD_FRI}, {"LAST SAT", -1, FD_SAT},
        {"  1st   sunday  ", 1, FD_SUN}, {"first sun", 1, FD_SUN}, {"last\tthurs", -1, FD_THU},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int nth = 0, weekday = -1;
        struct fd_error err = {0};
        if (rota_parse_monthly(cases[i].text, &nth, &weekday, &err) != 0)
            fail_msg("\"%s\" refused: %s", cases[i].text, err.message);
        assert_int_equal(nth, cases[i].nth);
        assert_int_equal(weekday, cases[i].weekday);
    }
}

static void test_monthly_patterns_refused_name_the_bad_word(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"5th sun", "\"5th\" is not 1st, 2nd, 3rd, 4th or last"},
        {"sun 1st", "\"sun\" is not 1st, 2nd, 3rd, 4th or last"},
        {"every sun", "\"every\" is not 1st, 2nd, 3rd, 4th or last"},
        {"1st sunny", "\"sunny\" is not a weekday"},
        {"last", "\"last\" needs a weekday"},
        {"1st sun and mon", "\"and\" is not expected after \"1st sun\""},
        {"", "the monthly pattern is empty"},
        {"   ", "the monthly pattern is empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int nth = 99, weekday = 99;
        struct fd_error err = {0};
        assert_int_equal(rota_parse_monthly(cases[i].text, &nth, &weekday, &err), -FD_ERR_USAGE);
        assert_int_equal(err.code, FD_ERR_USAGE);
        if (strstr(err.message, cases[i].message) != err.message)
            fail_msg("\"%s\": message \"%s\" does not start with \"%s\"", cases[i].text,
                     err.message, cases[i].message);
        assert_int_equal(nth, 99); /* untouched on error */
        assert_int_equal(weekday, 99);
    }
}

static void test_weekday_lists_accepted(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned mask;
    } cases[] = {
        {"mon,thu", 1u << FD_MON | 1u << FD_THU},
        {"Mon, Thu", 1u << FD_MON | 1u << FD_THU},
        {"monday thursday", 1u << FD_MON | 1u << FD_THU},
        {"thu,mon,thu", 1u << FD_MON | 1u << FD_THU},
        {"sun", 1u << FD_SUN},
        {"mon-fri", FD_WEEKDAYS_MON_FRI},
        {"mon - wed,sat", 1u << FD_MON | 1u << FD_TUE | 1u << FD_WED | 1u << FD_SAT},
        {"fri-mon", 1u << FD_FRI | 1u << FD_SAT | 1u << FD_SUN | 1u << FD_MON},
        {"mon,", 1u << FD_MON},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned mask = 0;
        struct fd_error err = {0};
        if (rota_parse_weekdays(cases[i].text, &mask, &err) != 0)
            fail_msg("\"%s\" refused: %s", cases[i].text, err.message);
        if (mask != cases[i].mask)
            fail_msg("\"%s\" gave mask %#x, expected %#x", cases[i].text, mask, cases[i].mask);
    }
}

static void test_weekday_lists_refused_name_the_bad_word(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"mon,thurday", "\"thurday\" is not a weekday"},
        {"mon;thu", "\"mon;thu\" is not a weekday"},
        {"weekends", "\"weekends\" is not a weekday"},
        {"mon-", "\"mon-\" needs a weekday after the dash"},
        {"mon-xyz", "\"xyz\" is not a weekday"},
        {"-fri", "\"-\" is not a weekday"},
        {"", "no weekdays given"},
        {" , ", "no weekdays given"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned mask = 12345;
        struct fd_error err = {0};
        assert_int_equal(rota_parse_weekdays(cases[i].text, &mask, &err), -FD_ERR_USAGE);
        assert_int_equal(err.code, FD_ERR_USAGE);
        if (strstr(err.message, cases[i].message) != err.message)
            fail_msg("\"%s\": message \"%s\" does not start with \"%s\"", cases[i].text,
                     err.message, cases[i].message);
        assert_int_equal(mask, 12345);
    }
}

static void test_rules_described_for_people(void **state)
{
    (void)state;
    struct rota_rule rules[2];
    prim_rules(rules);
    char text[64];
    rota_describe(&rules[0], text, sizeof text);
    assert_string_equal(text, "weekly mon,thu");
    rota_describe(&rules[1], text, sizeof text);
    assert_string_equal(text, "monthly 1st sun");

    struct rota_rule last = monthly_rule(1, PRIM, CLINIC, -1, FD_FRI, "09:00", "12:00");
    rota_describe(&last, text, sizeof text);
    assert_string_equal(text, "monthly last fri");

    struct rota_rule once = once_rule(1, PRIM, CLINIC, "2026-12-05", "09:00", "13:00");
    rota_describe(&once, text, sizeof text);
    assert_string_equal(text, "once 2026-12-05");

    struct rota_rule all = weekly_rule(1, PRIM, CLINIC, 0x7F, "09:00", "13:00");
    rota_describe(&all, text, sizeof text);
    assert_string_equal(text, "weekly mon,tue,wed,thu,fri,sat,sun");

    /* A small buffer gets a cut-short, terminated text. */
    char small[8];
    rota_describe(&rules[0], small, sizeof small);
    assert_string_equal(small, "weekly ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_low_cost_clinic_winter_rota),
        cmocka_unit_test(test_bank_holidays_alone_keep_christmas_eve),
        cmocka_unit_test(test_without_closures_every_rule_day_is_worked),
        cmocka_unit_test(test_christmas_boxing_day_and_new_year_on_a_full_week_rota),
        cmocka_unit_test(test_a_closure_on_a_sunday_cancels_the_sunday_shift),
        cmocka_unit_test(test_rules_only_apply_between_valid_from_and_valid_until),
        cmocka_unit_test(test_a_once_rule_gives_one_shift),
        cmocka_unit_test(test_last_weekday_of_the_month),
        cmocka_unit_test(test_whole_days_off_remove_shifts),
        cmocka_unit_test(test_an_appointment_in_the_middle_of_a_shift_splits_it),
        cmocka_unit_test(test_time_off_at_the_start_or_end_shortens_the_shift),
        cmocka_unit_test(test_time_off_covering_the_shift_removes_it),
        cmocka_unit_test(test_time_off_across_several_days),
        cmocka_unit_test(test_several_time_offs_on_one_shift),
        cmocka_unit_test(test_time_off_is_only_for_that_therapist),
        cmocka_unit_test(test_shifts_are_sorted_by_day_therapist_and_start),
        cmocka_unit_test(test_expansion_appends_to_the_list),
        cmocka_unit_test(test_a_rule_with_no_hours_gives_no_shift),
        cmocka_unit_test(test_shift_list_grows),
        cmocka_unit_test(test_monthly_patterns_accepted),
        cmocka_unit_test(test_monthly_patterns_refused_name_the_bad_word),
        cmocka_unit_test(test_weekday_lists_accepted),
        cmocka_unit_test(test_weekday_lists_refused_name_the_bad_word),
        cmocka_unit_test(test_rules_described_for_people),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
