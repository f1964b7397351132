/*
 * Civil-date arithmetic on day numbers (days since 1970-01-01).  The
 * conversions use the well-known era-based algorithm for the proleptic
 * Gregorian calendar, which is exact for every year we care about and has no
 * loops, so rota expansion over long ranges stays cheap.
 */
#include <frontdesk/date.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

fd_day date_from_civil(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (fd_day)(era * 146097 + doe - 719468);
}

void date_to_civil(fd_day days, int *year, int *month, int *mday)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    if (year)
        *year = yoe + era * 400 + (m <= 2);
    if (month)
        *month = m;
    if (mday)
        *mday = d;
}

int date_weekday(fd_day day)
{
    /* 1970-01-01 was a Thursday (3). */
    int w = (int)((day % 7 + 7 + 3) % 7);
    return w;
}

bool date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && date_is_leap_year(year) ? 29 : days[month - 1];
}

fd_day date_week_start(fd_day day)
{
    return day - date_weekday(day);
}

fd_day date_nth_weekday(int year, int month, int weekday, int n)
{
    if (month < 1 || month > 12 || weekday < 0 || weekday > 6)
        return FD_DAY_NONE;
    if (n == -1) {
        fd_day last = date_from_civil(year, month, date_days_in_month(year, month));
        return last - (date_weekday(last) - weekday + 7) % 7;
    }
    if (n < 1 || n > 5)
        return FD_DAY_NONE;
    fd_day first = date_from_civil(year, month, 1);
    fd_day day = first + (weekday - date_weekday(first) + 7) % 7 + 7 * (n - 1);
    int y, m;
    date_to_civil(day, &y, &m, NULL);
    return m == month ? day : FD_DAY_NONE;
}

/* Reads exactly `width` digits from text; -1 if any is not a digit. */
static int read_digits(const char *text, int width)
{
    int value = 0;
    for (int i = 0; i < width; i++) {
        if (!isdigit((unsigned char)text[i]))
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

static int parse_date_prefix(const char *text, fd_day *out)
{
    if (strlen(text) < 10 || text[4] != '-' || text[7] != '-')
        return -1;
    int y = read_digits(text, 4), m = read_digits(text + 5, 2), d = read_digits(text + 8, 2);
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
        return -1;
    *out = date_from_civil(y, m, d);
    return 0;
}

int date_parse(const char *text, fd_day *out)
{
    if (!text || strlen(text) != 10)
        return -1;
    return parse_date_prefix(text, out);
}

int time_parse_hm(const char *text, int *minute)
{
    if (!text)
        return -1;
    size_t len = strlen(text);
    /* Accept "9:30" as well as "09:30": people type both. */
    if (len == 4 && text[1] == ':') {
        int h = read_digits(text, 1), m = read_digits(text + 2, 2);
        if (h < 0 || m < 0 || m > 59)
            return -1;
        *minute = h * 60 + m;
        return 0;
    }
    if (len != 5 || text[2] != ':')
        return -1;
    int h = read_digits(text, 2), m = read_digits(text + 3, 2);
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *minute = h * 60 + m;
    return 0;
}

int datetime_parse(const char *text, fd_time *out)
{
    fd_day day;
    int minute;
    if (!text || strlen(text) < 11 || (text[10] != ' ' && text[10] != 'T'))
        return -1;
    if (parse_date_prefix(text, &day) < 0 || time_parse_hm(text + 11, &minute) < 0)
        return -1;
    if (minute >= FD_MINUTES_PER_DAY)
        return -1;
    *out = time_make(day, minute);
    return 0;
}

int date_or_datetime_parse(const char *text, fd_time *out, bool *has_time)
{
    fd_day day;
    if (date_parse(text, &day) == 0) {
        *out = time_make(day, 0);
        if (has_time)
            *has_time = false;
        return 0;
    }
    if (datetime_parse(text, out) == 0) {
        if (has_time)
            *has_time = true;
        return 0;
    }
    return -1;
}

static const char *const WEEKDAY_NAMES[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                             "friday", "saturday", "sunday"};

int date_weekday_parse(const char *word, int length)
{
    if (!word || length < 3)
        return -1;
    for (int w = 0; w < 7; w++) {
        const char *name = WEEKDAY_NAMES[w];
        int n = (int)strlen(name);
        if (length > n)
            continue;
        bool match = true;
        for (int i = 0; i < length && match; i++)
            match = tolower((unsigned char)word[i]) == name[i];
        /* "mon", "monday"; also the common short forms "tues", "thur", "thurs". */
        if (match && (length == 3 || length == n || (length == 4 && (w == FD_TUE || w == FD_THU)) ||
                      (length == 5 && w == FD_THU)))
            return w;
    }
    return -1;
}

const char *date_weekday_name(int weekday)
{
    static const char *const SHORT[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return weekday >= 0 && weekday < 7 ? SHORT[weekday] : "?";
}

void date_format(fd_day day, char out[FD_DATE_LEN])
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    unsigned year = (unsigned)y % 10000u, month = (unsigned)m % 100u, mday = (unsigned)d % 100u;
    snprintf(out, FD_DATE_LEN, "%04u-%02u-%02u", year, month, mday);
}

void time_format_hm(int minute, char out[FD_HM_LEN])
{
    if (minute < 0 || minute > FD_MINUTES_PER_DAY)
        minute = 0;
    int hours = minute / 60, minutes = minute % 60;
    out[0] = (char)('0' + hours / 10);
    out[1] = (char)('0' + hours % 10);
    out[2] = ':';
    out[3] = (char)('0' + minutes / 10);
    out[4] = (char)('0' + minutes % 10);
    out[5] = '\0';
}

void datetime_format(fd_time t, char out[FD_DATETIME_LEN])
{
    char date[FD_DATE_LEN], hm[FD_HM_LEN];
    date_format(time_day(t), date);
    time_format_hm(time_minute(t), hm);
    memcpy(out, date, FD_DATE_LEN - 1);
    out[FD_DATE_LEN - 1] = ' ';
    memcpy(out + FD_DATE_LEN, hm, FD_HM_LEN);
}
