/*
 * The clinic calendar and the reply promise: "we'll get back to you with a
 * confirmed booking within 2 working days".  A request that arrives on
 * Christmas Eve must not come due on Boxing Day, a Friday request is due on
 * Tuesday, and the bank holidays shipped in data/ must be the real ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/calendar.h>

#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

/* The default clinic: Mon–Fri, close of business 18:00, no closures. */
static struct fd_calendar default_calendar(void)
{
    struct fd_calendar calendar = {
        .working_days = FD_WEEKDAYS_MON_FRI,
        .close_of_business = 18 * 60,
    };
    return calendar;
}

/* The example clinic: England and Wales bank holidays plus the config's
 * closed = {"2026-12-24"}. */
static struct fd_calendar example_clinic_calendar(void)
{
    struct fd_calendar calendar = default_calendar();
    char path[1024];
    char *text = read_data_file("holidays/england-and-wales", path, sizeof path);
    struct fd_error err = {0};
    if (calendar_parse_holidays(&calendar, text, path, &err) != 0)
        fail_msg("%s", err.message);
    free(text);
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-24")), 0);
    return calendar;
}

static void assert_due(const struct fd_calendar *calendar, const char *received, int reply_days,
                       const char *expected)
{
    char got[FD_DATETIME_LEN];
    datetime_format(calendar_due(calendar, moment(received), reply_days), got);
    if (strcmp(got, expected) != 0)
        fail_msg("received %s, %d working days: due %s, expected %s", received, reply_days, got,
                 expected);
}

/* ---- closures --------------------------------------------------------- */

static void test_closures_stay_sorted_without_duplicates(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-28")), 0);
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-24")), 0);
    assert_int_equal(calendar_add_closure(&calendar, day_of("2027-01-01")), 0);
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-25")), 0);
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-24")), 0);
    assert_int_equal(calendar.closure_count, 4);
    assert_int_equal(calendar.closures[0], day_of("2026-12-24"));
    assert_int_equal(calendar.closures[1], day_of("2026-12-25"));
    assert_int_equal(calendar.closures[2], day_of("2026-12-28"));
    assert_int_equal(calendar.closures[3], day_of("2027-01-01"));

    assert_true(calendar_is_closure(&calendar, day_of("2026-12-25")));
    assert_false(calendar_is_closure(&calendar, day_of("2026-12-26")));
    assert_false(calendar_is_closure(&calendar, day_of("2026-12-23")));
    assert_false(calendar_is_closure(&calendar, day_of("2027-01-02")));
    calendar_free(&calendar);
    assert_null(calendar.closures);
    assert_int_equal(calendar.closure_count, 0);
}

static void test_working_days_are_weekdays_minus_closures(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-12-25")), 0);
    assert_true(calendar_is_working_day(&calendar, day_of("2026-12-24")));  /* Thu */
    assert_false(calendar_is_working_day(&calendar, day_of("2026-12-25"))); /* Fri, closed */
    assert_false(calendar_is_working_day(&calendar, day_of("2026-12-26"))); /* Sat */
    assert_false(calendar_is_working_day(&calendar, day_of("2026-12-27"))); /* Sun */
    assert_true(calendar_is_working_day(&calendar, day_of("2026-12-28")));  /* Mon */

    /* A clinic that also opens on Saturdays. */
    calendar.working_days |= 1u << FD_SAT;
    assert_true(calendar_is_working_day(&calendar, day_of("2026-12-26")));
    calendar_free(&calendar);
}

/* ---- the reply promise ------------------------------------------------ */

static void test_request_is_due_two_working_days_later(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    assert_due(&calendar, "2026-11-23 10:00", 2, "2026-11-25 18:00"); /* Mon → Wed */
    assert_due(&calendar, "2026-11-25 10:00", 2, "2026-11-27 18:00"); /* Wed → Fri */
    calendar_free(&calendar);
}

static void test_weekend_does_not_count(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    assert_due(&calendar, "2026-11-26 10:00", 2, "2026-11-30 18:00"); /* Thu → Mon */
    assert_due(&calendar, "2026-11-27 10:00", 2, "2026-12-01 18:00"); /* Fri → Tue */
    assert_due(&calendar, "2026-11-28 10:00", 2, "2026-12-01 18:00"); /* Sat → Tue */
    assert_due(&calendar, "2026-11-29 23:59", 2, "2026-12-01 18:00"); /* Sun → Tue */
    calendar_free(&calendar);
}

static void test_received_after_close_of_business_counts_from_that_day(void **state)
{
    (void)state;
    /* The promise counts working days after the day received, whatever the
     * hour: a web request at 19:30 on Monday is due Wednesday, like one at
     * 09:00. */
    struct fd_calendar calendar = default_calendar();
    assert_due(&calendar, "2026-11-23 19:30", 2, "2026-11-25 18:00");
    assert_due(&calendar, "2026-11-23 00:00", 2, "2026-11-25 18:00");
    assert_due(&calendar, "2026-11-23 23:59", 2, "2026-11-25 18:00");
    calendar_free(&calendar);
}

static void test_one_reply_day_and_other_settings(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    assert_due(&calendar, "2026-11-23 10:00", 1, "2026-11-24 18:00"); /* Mon → Tue */
    assert_due(&calendar, "2026-11-27 10:00", 1, "2026-11-30 18:00"); /* Fri → Mon */
    assert_due(&calendar, "2026-11-23 10:00", 5, "2026-11-30 18:00"); /* a week */

    /* close_of_business = "17:30" */
    calendar.close_of_business = 17 * 60 + 30;
    assert_due(&calendar, "2026-11-23 10:00", 1, "2026-11-24 17:30");

    /* reply_days 0: by close of business today, or the next working day. */
    calendar.close_of_business = 18 * 60;
    assert_due(&calendar, "2026-11-23 10:00", 0, "2026-11-23 18:00");
    assert_due(&calendar, "2026-11-28 10:00", 0, "2026-11-30 18:00");
    /* Received after close of business: never due before it arrived. */
    assert_due(&calendar, "2026-11-23 19:30", 0, "2026-11-24 18:00");
    assert_due(&calendar, "2026-11-23 18:00", 0, "2026-11-24 18:00");
    assert_due(&calendar, "2026-11-27 20:00", 0, "2026-11-30 18:00");
    calendar_free(&calendar);
}

static void test_christmas_eve_request_is_due_on_the_30th(void **state)
{
    (void)state;
    /* SPEC §1 rule 4: received Thu 2026-12-24 (closed by the config) → Fri 25
     * Christmas and Mon 28 the Boxing Day substitute are closures → Tue 29 is
     * the first working day, Wed 30 the second. */
    struct fd_calendar calendar = example_clinic_calendar();
    assert_due(&calendar, "2026-12-24 11:20", 2, "2026-12-30 18:00");
    assert_due(&calendar, "2026-12-23 16:00", 2, "2026-12-30 18:00");
    assert_due(&calendar, "2026-12-24 11:20", 1, "2026-12-29 18:00");
    calendar_free(&calendar);
}

static void test_new_year_2026_to_2027(void **state)
{
    (void)state;
    struct fd_calendar calendar = example_clinic_calendar();
    /* Wed 30 → Thu 31 (1), Fri 1 Jan closed, weekend, Mon 4 (2). */
    assert_due(&calendar, "2026-12-30 09:00", 2, "2027-01-04 18:00");
    assert_due(&calendar, "2026-12-31 09:00", 1, "2027-01-04 18:00");
    assert_due(&calendar, "2027-01-01 12:00", 2, "2027-01-05 18:00");
    calendar_free(&calendar);
}

static void test_christmas_2027_has_two_substitute_days(void **state)
{
    (void)state;
    struct fd_calendar calendar = example_clinic_calendar();
    /* Fri 24 Dec 2027 → Mon 27 and Tue 28 closed → Wed 29 (1), Thu 30 (2). */
    assert_due(&calendar, "2027-12-24 10:00", 2, "2027-12-30 18:00");
    calendar_free(&calendar);
}

static void test_a_clinic_without_working_days_still_answers(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    calendar.working_days = 0;
    assert_due(&calendar, "2026-11-23 10:00", 2, "2026-11-25 18:00");
    calendar_free(&calendar);
}

/* ---- working minutes -------------------------------------------------- */

static void test_working_minutes(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    const int opens = 9 * 60;
    /* Inside one working day. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 10:00"),
                                              moment("2026-11-23 11:30")),
                     90);
    /* Clipped to opening hours on both sides. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 07:00"),
                                              moment("2026-11-23 20:00")),
                     9 * 60);
    /* Received in the evening, answered next morning: only the morning counts. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 19:00"),
                                              moment("2026-11-24 09:45")),
                     45);
    /* Friday 17:00 to Monday 10:00: one hour Friday, one hour Monday. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-27 17:00"),
                                              moment("2026-11-30 10:00")),
                     120);
    /* A whole week, midnight to midnight: five days of nine hours. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 00:00"),
                                              moment("2026-11-30 00:00")),
                     5 * 9 * 60);
    /* A weekend only, an empty or backwards range. */
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-28 09:00"),
                                              moment("2026-11-29 18:00")),
                     0);
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 10:00"),
                                              moment("2026-11-23 10:00")),
                     0);
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-24 10:00"),
                                              moment("2026-11-23 10:00")),
                     0);
    /* A closure does not count. */
    assert_int_equal(calendar_add_closure(&calendar, day_of("2026-11-24")), 0);
    assert_int_equal(calendar_working_minutes(&calendar, opens, moment("2026-11-23 17:00"),
                                              moment("2026-11-25 10:00")),
                     120);
    calendar_free(&calendar);
}

/* ---- holiday files ---------------------------------------------------- */

static void test_holiday_file_with_comments_and_blank_lines(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    struct fd_error err = {0};
    const char *text = "# Our own holidays\n"
                       "\n"
                       "2026-12-25 Christmas Day\n"
                       "   # an indented comment\n"
                       "2026-12-28\tBoxing Day (substitute day)\r\n"
                       "  \t \n"
                       "2026-12-24\n"               /* a date without a name is still a closure */
                       "2027-01-01 New Year's Day"; /* no final newline */
    assert_int_equal(calendar_parse_holidays(&calendar, text, "ours", &err), 0);
    assert_int_equal(calendar.closure_count, 4);
    assert_true(calendar_is_closure(&calendar, day_of("2026-12-24")));
    assert_true(calendar_is_closure(&calendar, day_of("2026-12-25")));
    assert_true(calendar_is_closure(&calendar, day_of("2026-12-28")));
    assert_true(calendar_is_closure(&calendar, day_of("2027-01-01")));
    calendar_free(&calendar);

    assert_int_equal(calendar_parse_holidays(&calendar, "", "empty", &err), 0);
    assert_int_equal(calendar.closure_count, 0);
}

static void assert_holiday_error(const char *text, const char *expected_message)
{
    struct fd_calendar calendar = default_calendar();
    struct fd_error err = {0};
    assert_int_equal(calendar_parse_holidays(&calendar, text, "holidays/ours", &err),
                     -FD_ERR_CONFIG);
    assert_int_equal(err.code, FD_ERR_CONFIG);
    if (strstr(err.message, expected_message) != err.message)
        fail_msg("message \"%s\" does not start with \"%s\"", err.message, expected_message);
    /* All or nothing: the good lines before the bad one are not added. */
    assert_int_equal(calendar.closure_count, 0);
    calendar_free(&calendar);
}

static void test_holiday_file_errors_name_file_line_and_word(void **state)
{
    (void)state;
    assert_holiday_error("# header\n2026-12-25 Christmas Day\n2026-02-29 Leap day\n",
                         "holidays/ours:3: \"2026-02-29\" is not a date");
    assert_holiday_error("2026-12-25 Christmas\n\n25/12/2026 Christmas\n",
                         "holidays/ours:3: \"25/12/2026\" is not a date");
    assert_holiday_error("Christmas 2026-12-25\n", "holidays/ours:1: \"Christmas\" is not a date");
    assert_holiday_error("2026-12-25Christmas\n",
                         "holidays/ours:1: \"2026-12-25Christmas\" is not a date");
    assert_holiday_error("\r\n2026-13-01\r\n", "holidays/ours:2: \"2026-13-01\" is not a date");
}

static void test_shipped_england_and_wales_holidays(void **state)
{
    (void)state;
    struct fd_calendar calendar = default_calendar();
    char path[1024];
    char *text = read_data_file("holidays/england-and-wales", path, sizeof path);
    struct fd_error err = {0};
    if (calendar_parse_holidays(&calendar, text, path, &err) != 0)
        fail_msg("%s", err.message);
    free(text);

    /* Eight bank holidays a year, 2024 to 2030. */
    assert_int_equal(calendar.closure_count, 8 * 7);
    static const char *const expected[] = {
        "2024-03-29", "2024-04-01", /* Easter 2024-03-31 */
        "2025-04-18", "2025-04-21", /* Easter 2025-04-20 */
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
        "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28", /* Boxing Day substitute */
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
        "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28", /* both Christmas substitutes */
        "2028-01-03",                                           /* New Year substitute */
        "2028-04-14", "2028-04-17", "2029-03-30", "2029-04-02",
        "2030-04-19", "2030-04-22", "2030-12-25", "2030-12-26",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (!calendar_is_closure(&calendar, day_of(expected[i])))
            fail_msg("%s is missing from the bank holidays", expected[i]);

    static const char *const not_holidays[] = {"2026-12-26", "2026-12-24", "2027-12-25",
                                               "2027-12-26", "2028-01-01", "2026-04-05"};
    for (size_t i = 0; i < sizeof not_holidays / sizeof not_holidays[0]; i++)
        if (calendar_is_closure(&calendar, day_of(not_holidays[i])))
            fail_msg("%s is listed but is not a bank holiday", not_holidays[i]);

    /* Every bank holiday in England and Wales falls on a weekday. */
    for (size_t i = 0; i < calendar.closure_count; i++) {
        char date[FD_DATE_LEN];
        date_format(calendar.closures[i], date);
        if (date_weekday(calendar.closures[i]) > FD_FRI)
            fail_msg("%s falls on a weekend", date);
    }
    calendar_free(&calendar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closures_stay_sorted_without_duplicates),
        cmocka_unit_test(test_working_days_are_weekdays_minus_closures),
        cmocka_unit_test(test_request_is_due_two_working_days_later),
        cmocka_unit_test(test_weekend_does_not_count),
        cmocka_unit_test(test_received_after_close_of_business_counts_from_that_day),
        cmocka_unit_test(test_one_reply_day_and_other_settings),
        cmocka_unit_test(test_christmas_eve_request_is_due_on_the_30th),
        cmocka_unit_test(test_new_year_2026_to_2027),
        cmocka_unit_test(test_christmas_2027_has_two_substitute_days),
        cmocka_unit_test(test_a_clinic_without_working_days_still_answers),
        cmocka_unit_test(test_working_minutes),
        cmocka_unit_test(test_holiday_file_with_comments_and_blank_lines),
        cmocka_unit_test(test_holiday_file_errors_name_file_line_and_word),
        cmocka_unit_test(test_shipped_england_and_wales_holidays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
