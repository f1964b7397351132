/*
 * The wall clock against real time in Europe/London: the moments the
 * clocks jump over in March and go back over in October are refused by
 * name, and lengths across a change are real minutes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/clock.h>

#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *kind_name(enum local_time_kind kind)
{
    return kind == LOCAL_TIME_OK ? "ok" : kind == LOCAL_TIME_SKIPPED ? "skipped" : "twice";
}

static void test_the_clock_change_table(void **state)
{
    (void)state;
    static const struct {
        const char *at;
        const char *kind;
    } TABLE[] = {
        /* Spring 2026: at 01:00 GMT the clocks go forward to 02:00 BST. */
        {"2026-03-29 00:59", "ok"},
        {"2026-03-29 01:00", "skipped"},
        {"2026-03-29 01:30", "skipped"},
        {"2026-03-29 01:59", "skipped"},
        {"2026-03-29 02:00", "ok"},
        {"2026-03-29 10:00", "ok"},
        /* Autumn 2026: at 02:00 BST the clocks go back to 01:00 GMT. */
        {"2026-10-25 00:59", "ok"},
        {"2026-10-25 01:00", "twice"},
        {"2026-10-25 01:30", "twice"},
        {"2026-10-25 01:59", "twice"},
        {"2026-10-25 02:00", "ok"},
        /* And the next year's. */
        {"2027-03-28 01:15", "skipped"},
        {"2027-03-28 02:15", "ok"},
        {"2027-10-31 01:45", "twice"},
        {"2027-10-31 02:45", "ok"},
        /* An ordinary day, and the days either side of a change. */
        {"2026-12-01 01:30", "ok"},
        {"2026-03-28 01:30", "ok"},
        {"2026-10-26 01:30", "ok"},
    };
    for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++) {
        const char *got = kind_name(clock_local_time_kind(moment(TABLE[i].at)));
        if (strcmp(got, TABLE[i].kind) != 0)
            fail_msg("%s: %s, expected %s", TABLE[i].at, got, TABLE[i].kind);
    }
}

static void test_lengths_across_a_change_are_real_minutes(void **state)
{
    (void)state;
    /* 00:30 to 03:00 on the wall is 150 minutes, but an hour is skipped
     * in March and repeated in October. */
    assert_int_equal(clock_real_minutes(moment("2026-03-29 00:30"), moment("2026-03-29 03:00")),
                     90);
    assert_int_equal(clock_real_minutes(moment("2026-10-25 00:30"), moment("2026-10-25 03:00")),
                     210);
    assert_int_equal(clock_real_minutes(moment("2026-12-01 09:00"), moment("2026-12-01 10:00")),
                     60);
    /* An hour after 00:30 in March is 02:30 on the wall. */
    assert_int_equal(clock_add_minutes(moment("2026-03-29 00:30"), 60), moment("2026-03-29 02:30"));
    /* In October 00:30 + 30 minutes is 01:00 the first time round, and
     * + 90 is 01:00 the second time: the wall clock reads the same; the
     * 150 minutes of wall clock from 00:30 to 03:00 take 210 real ones. */
    assert_int_equal(clock_add_minutes(moment("2026-10-25 00:30"), 30), moment("2026-10-25 01:00"));
    assert_int_equal(clock_add_minutes(moment("2026-10-25 00:30"), 90), moment("2026-10-25 01:00"));
    assert_int_equal(clock_add_minutes(moment("2026-10-25 00:30"), 150),
                     moment("2026-10-25 02:00"));
    assert_int_equal(clock_add_minutes(moment("2026-10-25 00:30"), 210),
                     moment("2026-10-25 03:00"));
    /* A time that happens twice means the first; the real instant of a
     * skipped one is where the clocks jumped to. */
    assert_int_equal(
        clock_instant(moment("2026-10-25 02:30")) - clock_instant(moment("2026-10-25 01:30")), 120);
    assert_int_equal(clock_instant(moment("2026-03-29 01:30")),
                     clock_instant(moment("2026-03-29 02:00")));
    /* Round trips on an ordinary day. */
    fd_time t = moment("2026-07-14 09:45");
    assert_int_equal(clock_local(clock_instant(t)), t);
}

static void test_a_time_that_does_not_exist_is_refused_by_name(void **state)
{
    (void)state;
    struct fd_error err = {0};
    assert_int_equal(
        clock_check_local_time("--at", moment("2026-03-29 01:30"), "Europe/London", &err),
        -FD_ERR_DATA);
    assert_non_null(strstr(err.message, "--at: 2026-03-29 01:30 does not exist in Europe/London"));
    assert_non_null(strstr(err.message, "forward"));
    assert_int_equal(
        clock_check_local_time("--to", moment("2026-10-25 01:30"), "Europe/London", &err),
        -FD_ERR_DATA);
    assert_non_null(strstr(err.message, "--to: 2026-10-25 01:30 happens twice in Europe/London"));
    assert_int_equal(
        clock_check_local_time("--at", moment("2026-10-25 09:00"), "Europe/London", &err), 0);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_clock_change_table),
        cmocka_unit_test(test_lengths_across_a_change_are_real_minutes),
        cmocka_unit_test(test_a_time_that_does_not_exist_is_refused_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
