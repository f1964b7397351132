/*
 * Rota rules and their expansion into shifts (SPEC §1 rule 1).
 *
 * Expansion works rule by rule rather than day by day: a weekly rule walks
 * the days of its valid range, a monthly rule asks date_nth_weekday() once
 * per month, a once rule looks at one day.  Each candidate shift is dropped
 * on a closure (closures close the whole clinic, Sundays included), then the
 * therapist's time off is cut out of it in place in the output list, which
 * may remove the shift, shorten it or split it in two.  The list is sorted
 * at the end, so the order of the rules does not matter.
 */
#include <frontdesk/rota.h>
#include <frontdesk/sort.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest word quoted back in an error message. */
#define ROTA_QUOTE_MAX 40

static const char WEEKDAY_LIST[] = "mon, tue, wed, thu, fri, sat or sun";

/* ---- parsing ---------------------------------------------------------- */

/* Skips white space; returns the start of the next word (maybe "\0"). */
static const char *skip_blanks(const char *text)
{
    while (*text && isspace((unsigned char)*text))
        text++;
    return text;
}

static int word_length(const char *word, const char *stops)
{
    int length = 0;
    while (word[length] && !isspace((unsigned char)word[length]) && !strchr(stops, word[length]))
        length++;
    return length;
}

static bool word_is(const char *word, int length, const char *expected)
{
    if ((int)strlen(expected) != length)
        return false;
    for (int i = 0; i < length; i++)
        if (tolower((unsigned char)word[i]) != expected[i])
            return false;
    return true;
}

static int quoted_length(int length)
{
    return length > ROTA_QUOTE_MAX ? ROTA_QUOTE_MAX : length;
}

/* "1st".."4th", "first".."fourth" or "last" → 1..4 / -1; 0 if none. */
static int ordinal_parse(const char *word, int length)
{
    static const char *const SHORT[4] = {"1st", "2nd", "3rd", "4th"};
    static const char *const LONG[4] = {"first", "second", "third", "fourth"};
    for (int n = 0; n < 4; n++)
        if (word_is(word, length, SHORT[n]) || word_is(word, length, LONG[n]))
            return n + 1;
    return word_is(word, length, "last") ? -1 : 0;
}

int rota_parse_monthly(const char *text, int *nth, int *weekday, struct fd_error *err)
{
    const char *word = skip_blanks(text ? text : "");
    int length = word_length(word, "");
    if (length == 0)
        return fd_fail(err, FD_ERR_USAGE,
                       "the monthly pattern is empty: give e.g. \"1st sun\" or \"last fri\"");
    int ordinal = ordinal_parse(word, length);
    if (ordinal == 0)
        return fd_fail(err, FD_ERR_USAGE, "\"%.*s\" is not 1st, 2nd, 3rd, 4th or last",
                       quoted_length(length), word);

    const char *day_word = skip_blanks(word + length);
    int day_length = word_length(day_word, "");
    if (day_length == 0)
        return fd_fail(err, FD_ERR_USAGE, "\"%.*s\" needs a weekday after it, e.g. \"%.*s sun\"",
                       length, word, length, word);
    int day = date_weekday_parse(day_word, day_length);
    if (day < 0)
        return fd_fail(err, FD_ERR_USAGE, "\"%.*s\" is not a weekday (%s)",
                       quoted_length(day_length), day_word, WEEKDAY_LIST);

    const char *extra = skip_blanks(day_word + day_length);
    if (*extra) {
        int extra_length = word_length(extra, "");
        return fd_fail(err, FD_ERR_USAGE,
                       "\"%.*s\" is not expected after \"%.*s %.*s\" in a monthly pattern",
                       quoted_length(extra_length), extra, length, word, day_length, day_word);
    }
    *nth = ordinal;
    *weekday = day;
    return 0;
}

/* Days are separated by commas and/or spaces; "mon-fri" is a range, and
 * "fri-mon" wraps round the weekend. */
int rota_parse_weekdays(const char *text, unsigned *mask, struct fd_error *err)
{
    unsigned days = 0;
    const char *cursor = text ? text : "";
    for (;;) {
        while (*cursor == ',' || isspace((unsigned char)*cursor))
            cursor++;
        if (!*cursor)
            break;
        int length = word_length(cursor, ",-");
        if (length == 0)
            return fd_fail(err, FD_ERR_USAGE, "\"%c\" is not a weekday (%s)", *cursor,
                           WEEKDAY_LIST);
        const char *first_word = cursor;
        int first = date_weekday_parse(first_word, length);
        if (first < 0)
            return fd_fail(err, FD_ERR_USAGE, "\"%.*s\" is not a weekday (%s)",
                           quoted_length(length), first_word, WEEKDAY_LIST);
        cursor += length;
        int last = first;
        if (*skip_blanks(cursor) == '-') {
            cursor = skip_blanks(skip_blanks(cursor) + 1);
            int range_length = word_length(cursor, ",-");
            if (range_length == 0)
                return fd_fail(err, FD_ERR_USAGE, "\"%.*s-\" needs a weekday after the dash",
                               length, first_word);
            last = date_weekday_parse(cursor, range_length);
            if (last < 0)
                return fd_fail(err, FD_ERR_USAGE, "\"%.*s\" is not a weekday (%s)",
                               quoted_length(range_length), cursor, WEEKDAY_LIST);
            cursor += range_length;
        }
        for (int day = first;; day = (day + 1) % 7) {
            days |= 1u << day;
            if (day == last)
                break;
        }
    }
    if (days == 0)
        return fd_fail(err, FD_ERR_USAGE, "no weekdays given: write them as e.g. \"mon,thu\"");
    *mask = days;
    return 0;
}

void rota_describe(const struct rota_rule *rule, char *out, size_t size)
{
    if (!out || size == 0)
        return;
    switch (rule->pattern) {
    case ROTA_WEEKLY: {
        char days[7 * 4] = "";
        size_t used = 0;
        for (int day = 0; day < 7; day++) {
            if (!(rule->weekdays & (1u << day)))
                continue;
            used += (size_t)snprintf(days + used, sizeof days - used, "%s%s", used ? "," : "",
                                     date_weekday_name(day));
        }
        snprintf(out, size, "weekly %s", used ? days : "(no days)");
        break;
    }
    case ROTA_MONTHLY: {
        static const char *const ORDINALS[5] = {"1st", "2nd", "3rd", "4th", "5th"};
        const char *ordinal = rule->nth == -1                    ? "last"
                              : rule->nth >= 1 && rule->nth <= 5 ? ORDINALS[rule->nth - 1]
                                                                 : "?";
        snprintf(out, size, "monthly %s %s", ordinal, date_weekday_name(rule->weekday));
        break;
    }
    case ROTA_ONCE: {
        char date[FD_DATE_LEN];
        date_format(rule->once_day, date);
        snprintf(out, size, "once %s", date);
        break;
    }
    default:
        snprintf(out, size, "unknown pattern");
        break;
    }
}

/* ---- expansion -------------------------------------------------------- */

static bool rule_in_validity(const struct rota_rule *rule, fd_day day)
{
    return (rule->valid_from == FD_DAY_NONE || day >= rule->valid_from) &&
           (rule->valid_until == FD_DAY_NONE || day <= rule->valid_until);
}

bool rota_rule_applies(const struct rota_rule *rule, fd_day day)
{
    if (!rule_in_validity(rule, day))
        return false;
    switch (rule->pattern) {
    case ROTA_WEEKLY:
        return (rule->weekdays & (1u << date_weekday(day))) != 0;
    case ROTA_MONTHLY: {
        int year, month;
        date_to_civil(day, &year, &month, NULL);
        return date_nth_weekday(year, month, rule->weekday, rule->nth) == day;
    }
    case ROTA_ONCE:
        return rule->once_day == day;
    }
    return false;
}

/* Every pattern repeats within two years (a "4th sat" and a "last sat"
 * meet several times a year), so two rules that never meet in that long
 * never meet at all. */
#define CLASH_HORIZON_DAYS 800

bool rota_rules_clash(const struct rota_rule *a, const struct rota_rule *b, fd_day from_day,
                      fd_day *on)
{
    if (a->start >= b->end || b->start >= a->end)
        return false;
    fd_day from = a->valid_from, to = a->valid_until;
    if (from_day != FD_DAY_NONE && (from == FD_DAY_NONE || from < from_day))
        from = from_day;
    if (b->valid_from != FD_DAY_NONE && (from == FD_DAY_NONE || b->valid_from > from))
        from = b->valid_from;
    if (b->valid_until != FD_DAY_NONE && (to == FD_DAY_NONE || b->valid_until < to))
        to = b->valid_until;
    if (a->pattern == ROTA_ONCE || b->pattern == ROTA_ONCE) {
        fd_day day = a->pattern == ROTA_ONCE ? a->once_day : b->once_day;
        if ((from_day != FD_DAY_NONE && day < from_day) || !rota_rule_applies(a, day) ||
            !rota_rule_applies(b, day))
            return false;
        if (on)
            *on = day;
        return true;
    }
    if (from == FD_DAY_NONE)
        from = to != FD_DAY_NONE ? to - CLASH_HORIZON_DAYS : date_from_civil(2000, 1, 3);
    for (fd_day day = from; day < from + CLASH_HORIZON_DAYS; day++) {
        if (to != FD_DAY_NONE && day > to)
            break;
        if (rota_rule_applies(a, day) && rota_rule_applies(b, day)) {
            if (on)
                *on = day;
            return true;
        }
    }
    return false;
}

bool rota_rules_same(const struct rota_rule *a, const struct rota_rule *b)
{
    if (a->therapist_id != b->therapist_id || a->clinic_id != b->clinic_id ||
        a->pattern != b->pattern || a->start != b->start || a->end != b->end ||
        a->valid_from != b->valid_from || a->valid_until != b->valid_until)
        return false;
    switch (a->pattern) {
    case ROTA_WEEKLY:
        return (a->weekdays & 0x7Fu) == (b->weekdays & 0x7Fu);
    case ROTA_MONTHLY:
        return a->nth == b->nth && a->weekday == b->weekday;
    case ROTA_ONCE:
        return a->once_day == b->once_day;
    }
    return false;
}

bool rota_rule_applies_before(const struct rota_rule *rule, fd_day day)
{
    if (rule->pattern == ROTA_ONCE)
        return rule->once_day < day && rota_rule_applies(rule, rule->once_day);
    return rule->valid_from == FD_DAY_NONE || rule->valid_from < day;
}

int shift_list_push(struct shift_list *list, const struct shift *shift)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        if (capacity > SIZE_MAX / sizeof *list->items)
            return -FD_ERR_SOFTWARE;
        struct shift *grown = realloc(list->items, capacity * sizeof *grown);
        if (!grown)
            return -FD_ERR_SOFTWARE;
        list->items = grown;
        list->capacity = capacity;
    }
    list->items[list->count++] = *shift;
    return 0;
}

void shift_list_free(struct shift_list *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

/* Removes [off_from, off_to) from the pieces of one shift, which are
 * out->items[first..count).  A piece may vanish (swapped with the last
 * one), shrink, or split, the right half being appended. */
static int cut_time_off(struct shift_list *out, size_t first, fd_time off_from, fd_time off_to)
{
    for (size_t i = first; i < out->count;) {
        struct shift *piece = &out->items[i];
        fd_time start = time_make(piece->day, piece->start);
        fd_time end = time_make(piece->day, piece->end);
        if (off_to <= start || off_from >= end) {
            i++;
            continue;
        }
        bool keeps_left = off_from > start, keeps_right = off_to < end;
        if (keeps_left && keeps_right) {
            struct shift right = *piece;
            right.start = (int)(off_to - time_make(piece->day, 0));
            piece->end = (int)(off_from - time_make(piece->day, 0));
            if (shift_list_push(out, &right) < 0)
                return -FD_ERR_SOFTWARE;
            i++;
        } else if (keeps_left) {
            piece->end = (int)(off_from - time_make(piece->day, 0));
            i++;
        } else if (keeps_right) {
            piece->start = (int)(off_to - time_make(piece->day, 0));
            i++;
        } else {
            *piece = out->items[--out->count];
        }
    }
    return 0;
}

/* Adds the shift of `rule` on `day`, minus closures and time off. */
static int emit_shift(const struct rota_rule *rule, fd_day day, const struct time_off *time_off,
                      size_t time_off_count, const struct fd_calendar *calendar,
                      struct shift_list *out)
{
    if (calendar_is_closure(calendar, day))
        return 0;
    struct shift shift = {
        .therapist_id = rule->therapist_id,
        .clinic_id = rule->clinic_id,
        .rule_id = rule->id,
        .day = day,
        .start = rule->start,
        .end = rule->end,
    };
    size_t first = out->count;
    if (shift_list_push(out, &shift) < 0)
        return -FD_ERR_SOFTWARE;
    for (size_t i = 0; i < time_off_count && out->count > first; i++) {
        const struct time_off *off = &time_off[i];
        if (off->therapist_id != rule->therapist_id || off->to <= off->from)
            continue;
        if (cut_time_off(out, first, off->from, off->to) < 0)
            return -FD_ERR_SOFTWARE;
    }
    return 0;
}

static int expand_rule(const struct rota_rule *rule, const struct time_off *time_off,
                       size_t time_off_count, const struct fd_calendar *calendar, fd_day from,
                       fd_day to, struct shift_list *out)
{
    /* The ops layer refuses such rules; a bad row must not become an empty
     * or inside-out shift. */
    if (rule->start < 0 || rule->end > FD_MINUTES_PER_DAY || rule->end <= rule->start)
        return 0;
    int64_t low = from, high = to;
    if (rule->valid_from != FD_DAY_NONE && rule->valid_from > low)
        low = rule->valid_from;
    if (rule->valid_until != FD_DAY_NONE && rule->valid_until < high)
        high = rule->valid_until;
    if (low > high)
        return 0;

    switch (rule->pattern) {
    case ROTA_WEEKLY:
        for (int64_t day = low; day <= high; day++)
            if (rule->weekdays & (1u << date_weekday((fd_day)day)))
                if (emit_shift(rule, (fd_day)day, time_off, time_off_count, calendar, out) < 0)
                    return -FD_ERR_SOFTWARE;
        return 0;
    case ROTA_MONTHLY: {
        int year, month, last_year, last_month;
        date_to_civil((fd_day)low, &year, &month, NULL);
        date_to_civil((fd_day)high, &last_year, &last_month, NULL);
        while (year < last_year || (year == last_year && month <= last_month)) {
            fd_day day = date_nth_weekday(year, month, rule->weekday, rule->nth);
            if (day != FD_DAY_NONE && day >= low && day <= high)
                if (emit_shift(rule, day, time_off, time_off_count, calendar, out) < 0)
                    return -FD_ERR_SOFTWARE;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
        return 0;
    }
    case ROTA_ONCE:
        if (rule->once_day >= low && rule->once_day <= high)
            return emit_shift(rule, rule->once_day, time_off, time_off_count, calendar, out);
        return 0;
    }
    return 0;
}

static int compare_shifts(const void *left, const void *right)
{
    const struct shift *a = left, *b = right;
#define COMPARE_FIELD(field)                                                                       \
    if (a->field != b->field)                                                                      \
        return a->field < b->field ? -1 : 1;
    COMPARE_FIELD(day)
    COMPARE_FIELD(therapist_id)
    COMPARE_FIELD(start)
    COMPARE_FIELD(end)
    COMPARE_FIELD(clinic_id)
    COMPARE_FIELD(rule_id)
#undef COMPARE_FIELD
    return 0;
}

int rota_expand(const struct rota_rule *rules, size_t rule_count, const struct time_off *time_off,
                size_t time_off_count, const struct fd_calendar *calendar, fd_day from, fd_day to,
                struct shift_list *out, struct fd_error *err)
{
    size_t before = out->count;
    for (size_t i = 0; i < rule_count; i++) {
        if (expand_rule(&rules[i], time_off, time_off_count, calendar, from, to, out) < 0) {
            /* All or nothing: the caller's list is as it was. */
            out->count = before;
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory expanding the rota");
        }
    }
    /* The whole list, not only the new part, so that several calls (one
     * per therapist, say) still give one list in the documented order. */
    fd_sort(out->items, out->count, sizeof *out->items, compare_shifts);
    return 0;
}
