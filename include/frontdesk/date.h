/*
 * Civil dates and wall-clock times as plain integers.
 *
 * A date (fd_day) is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar; a time of day is minutes after midnight (0..1440); a
 * moment (fd_time) is day * 1440 + minutes, in the clinic's wall-clock time.
 * There are no time zones here: the clinic's zone matters only for reading
 * "now" and for calendar feeds.  Everything is pure: no I/O, no globals.
 */
#ifndef FRONTDESK_DATE_H
#define FRONTDESK_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t fd_day;
typedef int64_t fd_time;

#define FD_MINUTES_PER_DAY 1440
#define FD_DAY_NONE        INT32_MIN
#define FD_TIME_MAX        INT64_MAX /* later than any moment */

/* Weekdays are 0 = Monday … 6 = Sunday; masks use bit (1 << weekday). */
enum fd_weekday { FD_MON, FD_TUE, FD_WED, FD_THU, FD_FRI, FD_SAT, FD_SUN };
#define FD_WEEKDAYS_MON_FRI 0x1Fu

fd_day date_from_civil(int year, int month, int day);
void date_to_civil(fd_day day, int *year, int *month, int *mday);
int date_weekday(fd_day day);
bool date_is_leap_year(int year);
int date_days_in_month(int year, int month);
/* Monday of the week holding day. */
fd_day date_week_start(fd_day day);

/* The nth (1..5) given weekday of a month, or the last one when n is -1;
 * FD_DAY_NONE when the month has no such day (a 5th Monday, say). */
fd_day date_nth_weekday(int year, int month, int weekday, int n);

static inline fd_time time_make(fd_day day, int minute)
{
    return (fd_time)day * FD_MINUTES_PER_DAY + minute;
}
static inline fd_day time_day(fd_time t)
{
    return (fd_day)(t >= 0 ? t / FD_MINUTES_PER_DAY
                           : -((-t + FD_MINUTES_PER_DAY - 1) / FD_MINUTES_PER_DAY));
}
static inline int time_minute(fd_time t)
{
    return (int)(t - (fd_time)time_day(t) * FD_MINUTES_PER_DAY);
}

/* Strict parsers: the whole string must match, fields must be in range.
 * Each returns 0 or -1. */
int date_parse(const char *text, fd_day *out);      /* YYYY-MM-DD */
int time_parse_hm(const char *text, int *minute);   /* HH:MM, 00:00..24:00 */
int datetime_parse(const char *text, fd_time *out); /* YYYY-MM-DD HH:MM */
/* A date alone or a date and time; a date alone means its midnight. */
int date_or_datetime_parse(const char *text, fd_time *out, bool *has_time);

/* Weekday names: "mon", "monday", "Mon" … → 0..6, or -1. */
int date_weekday_parse(const char *word, int length);
const char *date_weekday_name(int weekday); /* "mon" … "sun" */

/* Formatting into caller buffers. */
#define FD_DATE_LEN     11 /* "YYYY-MM-DD" */
#define FD_HM_LEN       6  /* "HH:MM" */
#define FD_DATETIME_LEN 17 /* "YYYY-MM-DD HH:MM" */
void date_format(fd_day day, char out[FD_DATE_LEN]);
void time_format_hm(int minute, char out[FD_HM_LEN]);
void datetime_format(fd_time t, char out[FD_DATETIME_LEN]);

#endif
