/*
 * The clinic's wall clock against real time.  Everything else counts in
 * wall-clock minutes (date.h); these functions are where a clock change
 * matters: a local time that never happens (clocks go forward) or happens
 * twice (clocks go back), and lengths in real minutes across a change.
 *
 * They read the process's time zone, which main sets to the clinic's
 * (config `timezone`) before any of them runs.
 */
#ifndef FRONTDESK_CLOCK_H
#define FRONTDESK_CLOCK_H

#include <frontdesk/date.h>
#include <frontdesk/error.h>

#include <stdint.h>

enum local_time_kind {
    LOCAL_TIME_OK,      /* happens once */
    LOCAL_TIME_SKIPPED, /* never happens: the clocks jump over it */
    LOCAL_TIME_TWICE,   /* happens twice: the clocks go back over it */
};

/* Which of the three a wall-clock moment is. */
enum local_time_kind clock_local_time_kind(fd_time local);

/* The real instant (minutes since 1970-01-01 00:00 UTC) of a wall-clock
 * moment: the first of the two when it happens twice, the moment the
 * clocks jumped to when it never happens. */
int64_t clock_instant(fd_time local);
/* The wall-clock moment of a real instant. */
fd_time clock_local(int64_t instant);

/* Real minutes between two wall-clock moments. */
int64_t clock_real_minutes(fd_time from, fd_time to);
/* The wall-clock moment `minutes` real minutes after start. */
fd_time clock_add_minutes(fd_time start, int64_t minutes);

/* 0, or -FD_ERR_DATA "WHAT: 2026-03-29 01:30 does not exist in
 * Europe/London (the clocks go forward …)" when the moment never or twice
 * happens.  zone names the zone in the message. */
int clock_check_local_time(const char *what, fd_time local, const char *zone, struct fd_error *err);

#endif
