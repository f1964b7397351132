/*
 * The clinic calendar: which days are closures (bank holidays shipped in
 * data/holidays/ plus the config's `closed` dates), which are working days,
 * and the reply promise (SPEC §1 rule 4) computed from them.  Pure: the
 * holiday file is read by the config module, which hands the days in.
 */
#ifndef FRONTDESK_CALENDAR_H
#define FRONTDESK_CALENDAR_H

#include <frontdesk/date.h>
#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>

struct fd_calendar {
    unsigned working_days; /* mask of (1 << weekday), Mon–Fri by default */
    int close_of_business; /* minute of day, 18:00 by default */
    fd_day *closures;      /* sorted, no duplicates; owned */
    size_t closure_count;
};

/* Adds a closure day, keeping the list sorted and free of duplicates.
 * Returns 0, or -FD_ERR_SOFTWARE when out of memory. */
int calendar_add_closure(struct fd_calendar *calendar, fd_day day);
void calendar_free(struct fd_calendar *calendar);

bool calendar_is_closure(const struct fd_calendar *calendar, fd_day day);
/* A working day is one of working_days that is not a closure. */
bool calendar_is_working_day(const struct fd_calendar *calendar, fd_day day);

/* The reply promise: close of business on the `reply_days`-th working day
 * after the day `received` falls on.  E.g. received Thu 2026-12-24 with
 * 25 and 28 closed and reply_days 2 → Wed 2026-12-30 18:00. */
fd_time calendar_due(const struct fd_calendar *calendar, fd_time received, int reply_days);

/* Working minutes between two moments: only the parts of working days
 * between `opens` and close of business count.  Used for reply-time reports. */
long calendar_working_minutes(const struct fd_calendar *calendar, int opens, fd_time from,
                              fd_time to);

/* Parses a holiday file: one "YYYY-MM-DD name" per line, '#' comments and
 * blank lines ignored.  `source` names the file for error messages
 * ("FILE:LINE: …").  Adds every date to the calendar. */
int calendar_parse_holidays(struct fd_calendar *calendar, const char *text, const char *source,
                            struct fd_error *err);

#endif
