/*
 * The clinic calendar: closures, working days and the reply promise.
 *
 * Closures are a sorted array of day numbers, so "is this day closed?" is a
 * binary search and adding the few dozen bank holidays of a holiday file is
 * cheap.  The reply promise counts working days one at a time: N is a
 * handful of days, and a loop reads exactly like the rule in SPEC §1 rule 4
 * ("close of business on the Nth working day after the day received").
 */
#include <frontdesk/calendar.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Index of the first closure >= day (closure_count when there is none). */
static size_t closure_lower_bound(const struct fd_calendar *calendar, fd_day day)
{
    size_t low = 0, high = calendar->closure_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (calendar->closures[middle] < day)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

int calendar_add_closure(struct fd_calendar *calendar, fd_day day)
{
    size_t at = closure_lower_bound(calendar, day);
    if (at < calendar->closure_count && calendar->closures[at] == day)
        return 0;
    /* Grown one at a time: the struct keeps no capacity, and a calendar
     * holds tens of closures, loaded once at start-up. */
    fd_day *grown = realloc(calendar->closures, (calendar->closure_count + 1) * sizeof *grown);
    if (!grown)
        return -FD_ERR_SOFTWARE;
    calendar->closures = grown;
    memmove(grown + at + 1, grown + at, (calendar->closure_count - at) * sizeof *grown);
    grown[at] = day;
    calendar->closure_count++;
    return 0;
}

void calendar_free(struct fd_calendar *calendar)
{
    if (!calendar)
        return;
    free(calendar->closures);
    calendar->closures = NULL;
    calendar->closure_count = 0;
}

bool calendar_is_closure(const struct fd_calendar *calendar, fd_day day)
{
    if (!calendar || calendar->closure_count == 0)
        return false;
    size_t at = closure_lower_bound(calendar, day);
    return at < calendar->closure_count && calendar->closures[at] == day;
}

bool calendar_is_working_day(const struct fd_calendar *calendar, fd_day day)
{
    return (calendar->working_days & (1u << date_weekday(day))) != 0 &&
           !calendar_is_closure(calendar, day);
}

/* The time of day the received moment falls on does not matter: a request
 * that arrives at 19:00 on Monday and one that arrives at 09:00 are both
 * "received Monday".  reply_days 0 means close of business on the day itself
 * when that is a working day, else on the next working day. */
fd_time calendar_due(const struct fd_calendar *calendar, fd_time received, int reply_days)
{
    fd_day day = time_day(received);
    /* A calendar with no working weekday would never come due; count plain
     * days instead so that the function always ends. */
    bool any_working_day = (calendar->working_days & 0x7Fu) != 0;
    if (reply_days <= 0) {
        /* The same working day; one received after close of business (or
         * on a day off) is answered by the next one's, never before it
         * arrived. */
        if (time_minute(received) >= calendar->close_of_business)
            day++;
        while (any_working_day && !calendar_is_working_day(calendar, day))
            day++;
        return time_make(day, calendar->close_of_business);
    }
    for (int counted = 0; counted < reply_days;) {
        day++;
        if (!any_working_day || calendar_is_working_day(calendar, day))
            counted++;
    }
    return time_make(day, calendar->close_of_business);
}

long calendar_working_minutes(const struct fd_calendar *calendar, int opens, fd_time from,
                              fd_time to)
{
    if (to <= from || opens >= calendar->close_of_business)
        return 0;
    long total = 0;
    for (fd_day day = time_day(from); day <= time_day(to); day++) {
        if (!calendar_is_working_day(calendar, day))
            continue;
        fd_time open = time_make(day, opens);
        fd_time close = time_make(day, calendar->close_of_business);
        fd_time start = from > open ? from : open;
        fd_time end = to < close ? to : close;
        if (end > start)
            total += (long)(end - start);
    }
    return total;
}

/* Walks the holiday text line by line.  With `commit` false it only checks
 * the lines; with it true it adds the dates.  Two passes make the parse all
 * or nothing: a file with a bad line on line 40 adds no closure at all. */
static int walk_holidays(struct fd_calendar *calendar, const char *text, const char *source,
                         bool commit, struct fd_error *err)
{
    int line_number = 0;
    const char *line = text;
    while (*line) {
        line_number++;
        const char *line_end = strchr(line, '\n');
        if (!line_end)
            line_end = line + strlen(line);
        const char *word = line;
        while (word < line_end && isspace((unsigned char)*word))
            word++;
        if (word < line_end && *word != '#') {
            const char *word_end = word;
            while (word_end < line_end && !isspace((unsigned char)*word_end))
                word_end++;
            int length = (int)(word_end - word);
            char date_text[FD_DATE_LEN];
            fd_day day;
            if (length != FD_DATE_LEN - 1)
                day = FD_DAY_NONE;
            else {
                memcpy(date_text, word, FD_DATE_LEN - 1);
                date_text[FD_DATE_LEN - 1] = '\0';
                if (date_parse(date_text, &day) < 0)
                    day = FD_DAY_NONE;
            }
            if (day == FD_DAY_NONE)
                return fd_fail(err, FD_ERR_CONFIG, "%s:%d: \"%.*s\" is not a date (YYYY-MM-DD)",
                               source, line_number, length > 40 ? 40 : length, word);
            if (commit && calendar_add_closure(calendar, day) < 0)
                return fd_fail(err, FD_ERR_SOFTWARE, "%s:%d: out of memory", source, line_number);
        }
        line = *line_end ? line_end + 1 : line_end;
    }
    return 0;
}

int calendar_parse_holidays(struct fd_calendar *calendar, const char *text, const char *source,
                            struct fd_error *err)
{
    if (!source)
        source = "holidays";
    if (!text)
        return 0;
    int status = walk_holidays(calendar, text, source, false, err);
    if (status < 0)
        return status;
    return walk_holidays(calendar, text, source, true, err);
}
