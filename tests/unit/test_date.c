/*
 * Dates and times: the arithmetic every rota, reply promise and booking
 * rests on.  A receptionist types "2026-02-29" or "24:00" and expects the
 * first refused and the second to mean the end of the day; a rota of "last
 * fri" must land on the right Friday in every month.  These tests pin that.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/date.h>

#include <string.h>

static fd_day day_of(int year, int month, int mday)
{
    return date_from_civil(year, month, mday);
}

static void test_epoch_and_known_days(void **state)
{
    (void)state;
    assert_int_equal(date_from_civil(1970, 1, 1), 0);
    assert_int_equal(date_from_civil(1970, 1, 2), 1);
    assert_int_equal(date_from_civil(1969, 12, 31), -1);
    assert_int_equal(date_from_civil(2000, 3, 1), 11017);
    assert_int_equal(date_from_civil(2026, 12, 24), 20811);
}

static void test_every_day_round_trips_1900_to_2100(void **state)
{
    (void)state;
    fd_day expected = date_from_civil(1900, 1, 1);
    for (int year = 1900; year <= 2100; year++) {
        for (int month = 1; month <= 12; month++) {
            for (int mday = 1; mday <= date_days_in_month(year, month); mday++) {
                fd_day day = date_from_civil(year, month, mday);
                /* Consecutive civil days are consecutive day numbers. */
                assert_int_equal(day, expected);
                expected++;
                int y, m, d;
                date_to_civil(day, &y, &m, &d);
                assert_int_equal(y, year);
                assert_int_equal(m, month);
                assert_int_equal(d, mday);
            }
        }
    }
}

static void test_leap_years_follow_the_gregorian_rule(void **state)
{
    (void)state;
    assert_false(date_is_leap_year(1900)); /* divisible by 100, not by 400 */
    assert_true(date_is_leap_year(2000));  /* divisible by 400 */
    assert_true(date_is_leap_year(2024));
    assert_false(date_is_leap_year(2026));
    assert_false(date_is_leap_year(2100));
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2026, 2), 28);
    assert_int_equal(date_days_in_month(2026, 4), 30);
    assert_int_equal(date_days_in_month(2026, 12), 31);
    assert_int_equal(date_days_in_month(2026, 13), 0);
    /* 2024-02-29 exists and is followed by 1 March. */
    assert_int_equal(day_of(2024, 2, 29) + 1, day_of(2024, 3, 1));
    assert_int_equal(day_of(1900, 2, 28) + 1, day_of(1900, 3, 1));
}

static void test_weekdays_of_known_dates(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(day_of(1970, 1, 1)), FD_THU);
    assert_int_equal(date_weekday(day_of(1969, 12, 31)), FD_WED);
    assert_int_equal(date_weekday(day_of(2026, 12, 24)), FD_THU);
    assert_int_equal(date_weekday(day_of(2026, 12, 25)), FD_FRI);
    assert_int_equal(date_weekday(day_of(2026, 12, 26)), FD_SAT);
    assert_int_equal(date_weekday(day_of(2026, 11, 1)), FD_SUN);
    assert_int_equal(date_weekday(day_of(2000, 1, 1)), FD_SAT);
    assert_int_equal(date_weekday(day_of(1900, 1, 1)), FD_MON);
}

static void test_week_starts_on_monday(void **state)
{
    (void)state;
    fd_day monday = day_of(2026, 11, 23);
    for (int i = 0; i < 7; i++)
        assert_int_equal(date_week_start(monday + i), monday);
    assert_int_equal(date_week_start(monday + 7), monday + 7);
    assert_int_equal(date_week_start(monday - 1), monday - 7);
}

static void test_nth_weekday_of_a_month(void **state)
{
    (void)state;
    /* November 2026 starts on a Sunday: five Sundays and five Mondays. */
    assert_int_equal(date_nth_weekday(2026, 11, FD_SUN, 1), day_of(2026, 11, 1));
    assert_int_equal(date_nth_weekday(2026, 11, FD_MON, 1), day_of(2026, 11, 2));
    assert_int_equal(date_nth_weekday(2026, 11, FD_SAT, 1), day_of(2026, 11, 7));
    assert_int_equal(date_nth_weekday(2026, 11, FD_SUN, 4), day_of(2026, 11, 22));
    assert_int_equal(date_nth_weekday(2026, 11, FD_SUN, 5), day_of(2026, 11, 29));
    assert_int_equal(date_nth_weekday(2026, 11, FD_SUN, -1), day_of(2026, 11, 29));
    /* Only four Saturdays: the "last" one is the 4th. */
    assert_int_equal(date_nth_weekday(2026, 11, FD_SAT, 5), FD_DAY_NONE);
    assert_int_equal(date_nth_weekday(2026, 11, FD_SAT, -1), day_of(2026, 11, 28));
    /* Last day of the month is itself the weekday asked for. */
    assert_int_equal(date_nth_weekday(2026, 11, FD_MON, -1), day_of(2026, 11, 30));
    /* February in a leap year: 2024-02-29 is a Thursday, a fifth one. */
    assert_int_equal(date_nth_weekday(2024, 2, FD_THU, 5), day_of(2024, 2, 29));
    assert_int_equal(date_nth_weekday(2026, 2, FD_THU, 5), FD_DAY_NONE);
    /* Bank-holiday Mondays. */
    assert_int_equal(date_nth_weekday(2026, 5, FD_MON, 1), day_of(2026, 5, 4));
    assert_int_equal(date_nth_weekday(2026, 5, FD_MON, -1), day_of(2026, 5, 25));
    assert_int_equal(date_nth_weekday(2026, 8, FD_MON, -1), day_of(2026, 8, 31));
    /* Nonsense in, nothing out. */
    assert_int_equal(date_nth_weekday(2026, 13, FD_MON, 1), FD_DAY_NONE);
    assert_int_equal(date_nth_weekday(2026, 11, 7, 1), FD_DAY_NONE);
    assert_int_equal(date_nth_weekday(2026, 11, FD_MON, 0), FD_DAY_NONE);
    assert_int_equal(date_nth_weekday(2026, 11, FD_MON, 6), FD_DAY_NONE);
}

static void test_nth_weekday_lands_in_its_month_every_month(void **state)
{
    (void)state;
    for (int year = 2024; year <= 2030; year++) {
        for (int month = 1; month <= 12; month++) {
            for (int weekday = 0; weekday < 7; weekday++) {
                fd_day first = date_nth_weekday(year, month, weekday, 1);
                fd_day last = date_nth_weekday(year, month, weekday, -1);
                int y, m, d;
                date_to_civil(first, &y, &m, &d);
                assert_int_equal(m, month);
                assert_true(d <= 7);
                assert_int_equal(date_weekday(first), weekday);
                date_to_civil(last, &y, &m, &d);
                assert_int_equal(m, month);
                assert_true(d > date_days_in_month(year, month) - 7);
                assert_int_equal(date_weekday(last), weekday);
            }
        }
    }
}

static void test_dates_typed_at_the_desk(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year, month, mday; /* year 0: refused */
    } cases[] = {
        {"2026-11-24", 2026, 11, 24}, {"2024-02-29", 2024, 2, 29},  {"2000-02-29", 2000, 2, 29},
        {"1900-01-01", 1900, 1, 1},   {"2026-12-31", 2026, 12, 31}, {"2026-02-29", 0, 0, 0},
        {"1900-02-29", 0, 0, 0},      {"2026-04-31", 0, 0, 0},      {"2026-13-01", 0, 0, 0},
        {"2026-00-10", 0, 0, 0},      {"2026-01-00", 0, 0, 0},      {"2026-1-5", 0, 0, 0},
        {"26-11-24", 0, 0, 0},        {"2026/11/24", 0, 0, 0},      {"2026-11-24 ", 0, 0, 0},
        {" 2026-11-24", 0, 0, 0},     {"2026-11-2x", 0, 0, 0},      {"", 0, 0, 0},
        {"tomorrow", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fd_day day = 12345;
        int status = date_parse(cases[i].text, &day);
        if (cases[i].year) {
            assert_int_equal(status, 0);
            assert_int_equal(day, day_of(cases[i].year, cases[i].month, cases[i].mday));
        } else {
            if (status != -1)
                fail_msg("\"%s\" was accepted as a date", cases[i].text);
            assert_int_equal(day, 12345); /* untouched */
        }
    }
    fd_day day;
    assert_int_equal(date_parse(NULL, &day), -1);
}

static void test_times_typed_at_the_desk(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int minute; /* -1: refused */
    } cases[] = {
        {"00:00", 0},    {"08:30", 510},  {"8:30", 510}, {"14:30", 870},
        {"23:59", 1439}, {"24:00", 1440}, {"24:01", -1}, {"25:00", -1},
        {"12:60", -1},   {"12:5", -1},    {"1230", -1},  {"12:30 ", -1},
        {"noon", -1},    {"", -1},        {"-1:00", -1}, {"123:00", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int minute = -99;
        int status = time_parse_hm(cases[i].text, &minute);
        if (cases[i].minute >= 0) {
            if (status != 0)
                fail_msg("\"%s\" was refused as a time", cases[i].text);
            assert_int_equal(minute, cases[i].minute);
        } else {
            if (status != -1)
                fail_msg("\"%s\" was accepted as a time", cases[i].text);
        }
    }
}

static void test_date_times_typed_at_the_desk(void **state)
{
    (void)state;
    fd_time t;
    assert_int_equal(datetime_parse("2026-11-24 09:15", &t), 0);
    assert_int_equal(t, time_make(day_of(2026, 11, 24), 9 * 60 + 15));
    assert_int_equal(time_day(t), day_of(2026, 11, 24));
    assert_int_equal(time_minute(t), 555);

    /* 24:00 ends a day but does not start an appointment: write the next day. */
    assert_int_equal(datetime_parse("2026-11-24 24:00", &t), -1);
    assert_int_equal(datetime_parse("2026-02-29 09:00", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24 ", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24 9", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24  09:00", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24 09:00 ", &t), -1);
    assert_int_equal(datetime_parse("2026-11-24-09:00", &t), -1);
    assert_int_equal(datetime_parse(NULL, &t), -1);
}

static void test_date_or_date_time(void **state)
{
    (void)state;
    fd_time t;
    bool has_time = true;
    assert_int_equal(date_or_datetime_parse("2026-12-24", &t, &has_time), 0);
    assert_false(has_time);
    assert_int_equal(t, time_make(day_of(2026, 12, 24), 0));

    assert_int_equal(date_or_datetime_parse("2026-12-24 13:00", &t, &has_time), 0);
    assert_true(has_time);
    assert_int_equal(t, time_make(day_of(2026, 12, 24), 13 * 60));

    assert_int_equal(date_or_datetime_parse("2026-12-32", &t, &has_time), -1);
    assert_int_equal(date_or_datetime_parse("13:00", &t, &has_time), -1);
    assert_int_equal(date_or_datetime_parse("2026-12-24 13:00", &t, NULL), 0);
}

static void test_moments_before_1970_split_into_day_and_minute(void **state)
{
    (void)state;
    fd_time t = time_make(-1, 23 * 60 + 59); /* 1969-12-31 23:59 */
    assert_int_equal(t, -1);
    assert_int_equal(time_day(t), -1);
    assert_int_equal(time_minute(t), 1439);
    assert_int_equal(time_day(time_make(-1, 0)), -1);
    assert_int_equal(time_minute(time_make(-1, 0)), 0);
    assert_int_equal(time_day(time_make(0, 0)), 0);
}

static void test_weekday_names(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        int weekday;
    } cases[] = {
        {"mon", FD_MON},  {"Monday", FD_MON},  {"MON", FD_MON},   {"tue", FD_TUE},
        {"tues", FD_TUE}, {"tuesday", FD_TUE}, {"wed", FD_WED},   {"Wednesday", FD_WED},
        {"thu", FD_THU},  {"thur", FD_THU},    {"thurs", FD_THU}, {"thursday", FD_THU},
        {"fri", FD_FRI},  {"sat", FD_SAT},     {"sun", FD_SUN},   {"sunday", FD_SUN},
        {"mo", -1},       {"m", -1},           {"", -1},          {"mond", -1},
        {"mondays", -1},  {"sund", -1},        {"xyz", -1},       {"wedn", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = date_weekday_parse(cases[i].word, (int)strlen(cases[i].word));
        if (got != cases[i].weekday)
            fail_msg("\"%s\" parsed as %d, expected %d", cases[i].word, got, cases[i].weekday);
    }
    /* The length decides, so a word inside a longer text can be parsed. */
    assert_int_equal(date_weekday_parse("thu,fri", 3), FD_THU);
    assert_int_equal(date_weekday_parse(NULL, 3), -1);

    static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int w = 0; w < 7; w++) {
        assert_string_equal(date_weekday_name(w), names[w]);
        assert_int_equal(date_weekday_parse(names[w], 3), w);
    }
    assert_string_equal(date_weekday_name(7), "?");
    assert_string_equal(date_weekday_name(-1), "?");
}

static void test_formatting(void **state)
{
    (void)state;
    char date[FD_DATE_LEN], hm[FD_HM_LEN], both[FD_DATETIME_LEN];
    date_format(day_of(2026, 1, 5), date);
    assert_string_equal(date, "2026-01-05");
    date_format(day_of(1900, 2, 28), date);
    assert_string_equal(date, "1900-02-28");

    time_format_hm(0, hm);
    assert_string_equal(hm, "00:00");
    time_format_hm(510, hm);
    assert_string_equal(hm, "08:30");
    time_format_hm(1440, hm);
    assert_string_equal(hm, "24:00");

    datetime_format(time_make(day_of(2026, 12, 30), 18 * 60), both);
    assert_string_equal(both, "2026-12-30 18:00");
    datetime_format(time_make(day_of(2027, 1, 4), 9 * 60 + 5), both);
    assert_string_equal(both, "2027-01-04 09:05");
}

static void test_format_then_parse_gives_the_same_moment(void **state)
{
    (void)state;
    fd_time start = time_make(day_of(2024, 2, 27), 0);
    for (fd_time t = start; t < start + 4 * FD_MINUTES_PER_DAY; t += 7) {
        char text[FD_DATETIME_LEN];
        datetime_format(t, text);
        fd_time back;
        assert_int_equal(datetime_parse(text, &back), 0);
        assert_int_equal(back, t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_known_days),
        cmocka_unit_test(test_every_day_round_trips_1900_to_2100),
        cmocka_unit_test(test_leap_years_follow_the_gregorian_rule),
        cmocka_unit_test(test_weekdays_of_known_dates),
        cmocka_unit_test(test_week_starts_on_monday),
        cmocka_unit_test(test_nth_weekday_of_a_month),
        cmocka_unit_test(test_nth_weekday_lands_in_its_month_every_month),
        cmocka_unit_test(test_dates_typed_at_the_desk),
        cmocka_unit_test(test_times_typed_at_the_desk),
        cmocka_unit_test(test_date_times_typed_at_the_desk),
        cmocka_unit_test(test_date_or_date_time),
        cmocka_unit_test(test_moments_before_1970_split_into_day_and_minute),
        cmocka_unit_test(test_weekday_names),
        cmocka_unit_test(test_formatting),
        cmocka_unit_test(test_format_then_parse_gives_the_same_moment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
