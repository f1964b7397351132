/*
 * The wall clock against real time (clock.h), through the C library's view
 * of the process's time zone.  A wall-clock moment is turned into an
 * instant both ways it could be meant (standard time and summer time);
 * each candidate that reads back as the same wall-clock moment is real.
 * None: the moment is skipped; two different ones: it happens twice.
 */
#include <frontdesk/clock.h>

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static struct tm fields_of(fd_time local, int is_dst)
{
    int year, month, mday, minute = time_minute(local);
    date_to_civil(time_day(local), &year, &month, &mday);
    return (struct tm){.tm_year = year - 1900,
                       .tm_mon = month - 1,
                       .tm_mday = mday,
                       .tm_hour = minute / 60,
                       .tm_min = minute % 60,
                       .tm_isdst = is_dst};
}

fd_time clock_local(int64_t instant)
{
    time_t t = (time_t)instant * 60;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return instant;
    return time_make(date_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     tm.tm_hour * 60 + tm.tm_min);
}

/* The instants that read back as `local`; returns how many (0, 1 or 2),
 * earliest first. */
static int candidates(fd_time local, int64_t out[2])
{
    int count = 0;
    for (int is_dst = 0; is_dst <= 1; is_dst++) {
        struct tm tm = fields_of(local, is_dst);
        time_t t = mktime(&tm);
        if (t == (time_t)-1)
            continue;
        int64_t instant = (int64_t)t / 60;
        if (clock_local(instant) != local)
            continue;
        if (count == 1 && out[0] == instant)
            continue;
        out[count++] = instant;
    }
    if (count == 2 && out[1] < out[0]) {
        int64_t earlier = out[1];
        out[1] = out[0];
        out[0] = earlier;
    }
    return count;
}

enum local_time_kind clock_local_time_kind(fd_time local)
{
    int64_t found[2];
    int count = candidates(local, found);
    return count == 0 ? LOCAL_TIME_SKIPPED : count == 2 ? LOCAL_TIME_TWICE : LOCAL_TIME_OK;
}

int64_t clock_instant(fd_time local)
{
    int64_t found[2];
    if (candidates(local, found) > 0)
        return found[0];
    /* Skipped: the first real minute after the gap, found by walking the
     * wall clock forward to a moment that exists. */
    for (int step = 1; step <= 180; step++)
        if (candidates(local + step, found) > 0)
            return found[0];
    struct tm tm = fields_of(local, -1);
    return (int64_t)mktime(&tm) / 60;
}

int64_t clock_real_minutes(fd_time from, fd_time to)
{
    return clock_instant(to) - clock_instant(from);
}

fd_time clock_add_minutes(fd_time start, int64_t minutes)
{
    return clock_local(clock_instant(start) + minutes);
}

int clock_check_local_time(const char *what, fd_time local, const char *zone, struct fd_error *err)
{
    enum local_time_kind kind = clock_local_time_kind(local);
    if (kind == LOCAL_TIME_OK)
        return 0;
    char when[FD_DATETIME_LEN];
    datetime_format(local, when);
    if (kind == LOCAL_TIME_SKIPPED)
        return fd_fail(err, FD_ERR_DATA,
                       "%s: %s does not exist in %s: the clocks go forward over it; choose "
                       "another time",
                       what, when, zone);
    return fd_fail(err, FD_ERR_DATA,
                   "%s: %s happens twice in %s: the clocks go back over it; choose another time",
                   what, when, zone);
}
