/*
 * Preferred times: turns what a client typed ("mon am, thu 12:00-14:00, not
 * fri") into windows, tests slots against them, and stores them compactly.
 *
 * prefer_lexer.c says what each word is; here the words become clauses,
 * read once, left to right, and each clause becomes exactly one window, so
 * the stored form mirrors what was typed.  Three ideas carry the grammar:
 *
 *  - A clause ends at a separator (comma, semicolon, line break), at a "not"
 *    in its middle ("weekday evenings not fri"), or at a joiner ("and",
 *    "or", "&", "+", "/") unless the joiner links two single days that share
 *    what follows ("mon or thu am") or two bounds with time between them
 *    ("after 10 and before 2").
 *  - The times of one clause narrow each other: "early mornings before 9"
 *    is opening to 09:00.  Each kind (a part of the day, a range, "after",
 *    "before") may come once; a second one is a mistake to point at.
 *  - A clause that names no days borrows them from the clause before when
 *    the client plainly meant the same days: after a mid-clause "not", and
 *    after a joiner that follows days with a time ("Saturday mornings and
 *    evenings").  A joiner also carries a "not" over ("not fri or
 *    weekends").
 */
#include <frontdesk/prefer.h>

#include <frontdesk/date.h>

#include "prefer_lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ALL_WEEKDAYS   0x7Fu
#define NOON           (12 * 60)
#define LUNCH_ENDS     (14 * 60)
#define EVENING_STARTS (17 * 60)
/* "early" and "late" keep the first or last two hours of a part of the day. */
#define SHADE_MINUTES 120
/* "after work" and "before work". */
#define WORK_ENDS   (17 * 60)
#define WORK_STARTS (9 * 60)

/* ---- Reading tokens --------------------------------------------------- */

struct parser {
    const char *text;
    size_t offset; /* lexer position */
    int opens, closes;
    struct fd_error *err; /* NULL while trying a reading that may not fit */
};

/* Each kind of time of day a clause may be given, once. */
enum { TIME_PART = 1, TIME_RANGE = 2, TIME_AFTER = 4, TIME_BEFORE = 8 };

struct clause {
    bool exclude;
    bool any;                /* "any", "flexible": every day, all day */
    unsigned weekdays;       /* the days named; 0 until one is */
    bool grouped;            /* "weekdays" or the like was named: no day joins it */
    unsigned inherited;      /* the days meant when none is named; 0 for every day */
    unsigned times;          /* the TIME_* kinds given */
    int start, end;          /* the window they leave */
    struct token first_time; /* where the first of them starts */
    struct token first;      /* for "too many windows" */
    size_t tokens;           /* 0 for an empty clause */
    struct token not_token;  /* the clause's own "not", for a dangling one */
};

static struct word parser_word(const struct parser *parser, struct token token)
{
    struct word word = {WORD_UNKNOWN, 0, {0, 0, MERIDIEM_NONE, false}};
    if (token.kind == TOKEN_WORD)
        return prefer_word_classify(parser->text + token.offset, token.length);
    if (token.kind == TOKEN_JOIN) {
        word.kind = WORD_JOIN;
        word.value = parser->text[token.offset] == '/' ? JOIN_OR : JOIN_AND;
    }
    return word;
}

static struct token parser_peek(const struct parser *parser)
{
    size_t offset = parser->offset;
    return prefer_lexer_next(parser->text, &offset);
}

static struct word parser_peek_word(const struct parser *parser)
{
    return parser_word(parser, parser_peek(parser));
}

static struct token parser_next(struct parser *parser, struct clause *clause)
{
    struct token token = prefer_lexer_next(parser->text, &parser->offset);
    if (token.kind == TOKEN_WORD || token.kind == TOKEN_DASH || token.kind == TOKEN_JOIN) {
        if (clause->tokens++ == 0)
            clause->first = token;
    }
    return token;
}

/* ---- Error messages --------------------------------------------------- */

/* Fails with `"<text from..to>" at <position> <complaint>`. */
static int parser_fail_at(const struct parser *parser, size_t from, size_t to,
                          const char *complaint)
{
    char quoted[4 * PREFER_QUOTE_CHARACTERS + 8];
    prefer_text_quote(parser->text + from, to - from, quoted, sizeof quoted);
    return fd_fail(parser->err, FD_ERR_DATA, "\"%s\" at %zu %s", quoted,
                   prefer_character_position(parser->text, from), complaint);
}

static int parser_fail(const struct parser *parser, struct token token, const char *complaint)
{
    return parser_fail_at(parser, token.offset, token.offset + token.length, complaint);
}

static int parser_fail_word(const struct parser *parser, struct token token)
{
    return parser_fail(parser, token,
                       parser_word(parser, token).kind == WORD_BAD_TIME
                           ? "is not a valid time (HH:MM)"
                           : "is not a day or a time of day");
}

/* ---- Days ------------------------------------------------------------- */

static unsigned days_range(int from, int to)
{
    /* Wraps around the week: "fri-mon" is Friday to Monday. */
    unsigned mask = 0;
    for (int day = from;; day = (day + 1) % 7) {
        mask |= 1u << day;
        if (day == to)
            return mask;
    }
}

/* A group of days, or a day, optionally "-" or "to" and a second day. */
static int parser_read_days(struct parser *parser, struct clause *clause, struct word word)
{
    if (word.kind == WORD_DAY_GROUP) {
        clause->weekdays |= (unsigned)word.value;
        clause->grouped = true;
        return 0;
    }
    struct token link = parser_peek(parser);
    size_t offset = parser->offset;
    prefer_lexer_next(parser->text, &offset);
    struct token last = prefer_lexer_next(parser->text, &offset);
    struct word to = parser_word(parser, last);
    if (link.kind == TOKEN_DASH) {
        parser_next(parser, clause);
        if (last.kind != TOKEN_WORD)
            return parser_fail(parser, link, "needs a day after it (as in \"mon-fri\")");
        if (to.kind != WORD_DAY)
            return parser_fail(parser, last, "is not a day (as in \"mon-fri\")");
    } else if (parser_word(parser, link).kind == WORD_TO && to.kind == WORD_DAY) {
        parser_next(parser, clause);
    } else {
        clause->weekdays |= 1u << word.value;
        return 0;
    }
    parser_next(parser, clause);
    clause->weekdays |= days_range(word.value, to.value);
    return 0;
}

/* ---- Times of day ----------------------------------------------------- */

/* Narrows the clause's window to [start, end); `from` and `to` span the
 * words that said so. */
static int parser_add_time(struct parser *parser, struct clause *clause, unsigned kind, int start,
                           int end, struct token from, struct token to)
{
    if (clause->times & kind)
        return parser_fail(parser, from,
                           "is a second time of day in one clause (separate them with a comma)");
    if (clause->times == 0) {
        clause->start = start;
        clause->end = end;
        clause->first_time = from;
    } else {
        clause->start = start > clause->start ? start : clause->start;
        clause->end = end < clause->end ? end : clause->end;
    }
    clause->times |= kind;
    if (clause->start >= clause->end)
        return parser_fail_at(parser, clause->first_time.offset, to.offset + to.length,
                              "leaves no time in the day");
    return 0;
}

/* Named parts of the day, bounded by the clinic's opening hours; `shade`
 * is SHADE_EARLY, SHADE_LATE or -1, and `from` is where the words start. */
static int parser_read_part(struct parser *parser, struct clause *clause, struct token from,
                            struct token part_token, int part, int shade)
{
    int start = part == PART_MORNING ? parser->opens : part == PART_EVENING ? EVENING_STARTS : NOON;
    int end = part == PART_MORNING     ? NOON
              : part == PART_AFTERNOON ? EVENING_STARTS
              : part == PART_LUNCH     ? LUNCH_ENDS
                                       : parser->closes;
    if (start >= end && !(clause->times & TIME_PART)) {
        char complaint[64], opens[FD_HM_LEN], closes[FD_HM_LEN];
        time_format_hm(parser->opens, opens);
        time_format_hm(parser->closes, closes);
        snprintf(complaint, sizeof complaint, "is outside opening hours (%s-%s)", opens, closes);
        return parser_fail(parser, part_token, complaint);
    }
    if (shade == SHADE_EARLY && end - start > SHADE_MINUTES)
        end = start + SHADE_MINUTES;
    if (shade == SHADE_LATE && end - start > SHADE_MINUTES)
        start = end - SHADE_MINUTES;
    if (part == PART_LUNCH && parser_peek_word(parser).kind == WORD_TIME)
        part_token = parser_next(parser, clause); /* "lunch time" */
    return parser_add_time(parser, clause, TIME_PART, start, end, from, part_token);
}

/* "5 pm": an am or pm written apart belongs to the hour before it. */
static void parser_take_meridiem(struct parser *parser, struct clause *clause, struct clock *clock,
                                 struct token *span)
{
    struct token next = parser_peek(parser);
    enum meridiem meridiem = next.kind == TOKEN_WORD
                                 ? prefer_meridiem_parse(parser->text + next.offset, next.length)
                                 : MERIDIEM_NONE;
    if (!clock->may_be_pm || meridiem == MERIDIEM_NONE)
        return;
    parser_next(parser, clause);
    clock->meridiem = meridiem;
    clock->may_be_pm = false;
    span->length = next.offset + next.length - span->offset;
}

/* The clock after a dash, "after", "between"…; `lead` is blamed when
 * nothing follows it, and `example` shows what was expected.  "work" is a
 * time only where work_minute is not -1. */
static int parser_read_clock(struct parser *parser, struct clause *clause, struct token lead,
                             const char *example, int work_minute, struct clock *clock,
                             struct token *span)
{
    char complaint[80];
    *span = parser_peek(parser);
    if (span->kind != TOKEN_WORD) {
        snprintf(complaint, sizeof complaint, "needs a time after it (as in \"%s\")", example);
        return parser_fail(parser, lead, complaint);
    }
    struct word word = parser_word(parser, *span);
    if (word.kind == WORD_WORK && work_minute >= 0)
        word.clock = (struct clock){work_minute / 60, work_minute % 60, MERIDIEM_NONE, false};
    else if (word.kind == WORD_BAD_TIME)
        return parser_fail_word(parser, *span);
    else if (word.kind != WORD_CLOCK) {
        snprintf(complaint, sizeof complaint, "is not a time (as in \"%s\")", example);
        return parser_fail(parser, *span, complaint);
    }
    parser_next(parser, clause);
    *clock = word.clock;
    parser_take_meridiem(parser, clause, clock, span);
    return 0;
}

static int parser_add_bound(struct parser *parser, struct clause *clause, bool is_after,
                            const struct clock *clock, struct token lead, struct token span)
{
    int minute = prefer_clock_minute(clock, MERIDIEM_NONE);
    return parser_add_time(parser, clause, is_after ? TIME_AFTER : TIME_BEFORE,
                           is_after ? minute : 0, is_after ? FD_MINUTES_PER_DAY : minute, lead,
                           span);
}

/* "after 5pm", "before 10", "until 3", "after work". */
static int parser_read_bound(struct parser *parser, struct clause *clause, struct token lead,
                             bool is_after)
{
    struct clock clock = {0, 0, MERIDIEM_NONE, false};
    struct token span;
    int rc = parser_read_clock(parser, clause, lead, is_after ? "after 16:00" : "before 10:00",
                               is_after ? WORK_ENDS : WORK_STARTS, &clock, &span);
    return rc < 0 ? rc : parser_add_bound(parser, clause, is_after, &clock, lead, span);
}

/* Does this word link the two clocks of a range ("-", "to", "till", and
 * the "and" of "between")? */
static bool range_link(struct token token, struct word word, bool between)
{
    return token.kind == TOKEN_DASH || word.kind == WORD_TO ||
           (word.kind == WORD_BEFORE && word.value == 1) ||
           (between && word.kind == WORD_JOIN && word.value == JOIN_AND);
}

/* "12-2pm", "10am to 2pm", "from 9 till 11", "between 2 and 4": `lead` is
 * the first clock itself or the "from" or "between" before it; "from" with
 * no end is "after".  A start without am/pm takes the end's when that makes
 * a range ("2-4pm"), else the clinic's rule ("10-12pm"). */
static int parser_read_range(struct parser *parser, struct clause *clause, struct token lead,
                             struct word lead_word)
{
    struct clock first = lead_word.clock, last = {0, 0, MERIDIEM_NONE, false};
    struct token first_span = lead, last_span;
    int rc = 0;
    if (lead_word.kind == WORD_CLOCK)
        parser_take_meridiem(parser, clause, &first, &first_span);
    else
        rc = parser_read_clock(parser, clause, lead,
                               lead_word.kind == WORD_BETWEEN ? "between 12:00 and 14:00"
                                                              : "from 16:00",
                               -1, &first, &first_span);
    if (rc < 0)
        return rc;
    struct token link = parser_peek(parser);
    if (!range_link(link, parser_word(parser, link), lead_word.kind == WORD_BETWEEN)) {
        if (lead_word.kind == WORD_FROM)
            return parser_add_bound(parser, clause, true, &first, lead, first_span);
        return parser_fail(parser, first_span, "needs an end time (as in \"12:00-14:00\")");
    }
    parser_next(parser, clause);
    rc = parser_read_clock(parser, clause, link, "12:00-14:00", -1, &last, &last_span);
    if (rc < 0)
        return rc;
    int end = prefer_clock_minute(&last, MERIDIEM_NONE);
    int start = prefer_clock_minute(&first, last.meridiem);
    if (start >= end)
        start = prefer_clock_minute(&first, MERIDIEM_NONE);
    if (start >= end)
        return parser_fail_at(parser, lead.offset, last_span.offset + last_span.length,
                              "is an empty or reversed range");
    return parser_add_time(parser, clause, TIME_RANGE, start, end, lead, last_span);
}

/* ---- Clauses ---------------------------------------------------------- */

static bool clause_means_something(const struct clause *clause)
{
    return clause->weekdays != 0 || clause->times != 0 || clause->any;
}

static unsigned clause_days(const struct clause *clause)
{
    return clause->weekdays ? clause->weekdays : clause->inherited;
}

/* "not", "except", "no" where nothing meaningful came before in the
 * clause; "no preference" means nothing at all. */
static int parser_read_not(struct parser *parser, struct clause *clause, struct token token,
                           struct word word)
{
    struct token next = parser_peek(parser);
    if (word.value == 1 && parser_word(parser, next).kind == WORD_PREFERENCE) {
        parser_next(parser, clause);
        return 0;
    }
    clause->exclude = true;
    clause->not_token = token;
    return 0;
}

static int parser_read_word(struct parser *parser, struct clause *clause, struct token token,
                            struct word word)
{
    struct word next = parser_peek_word(parser);
    switch (word.kind) {
    case WORD_FILLER:
    case WORD_JOIN: /* one that starts a clause, or links two days */
        return 0;
    case WORD_NOT:
        return parser_read_not(parser, clause, token, word);
    case WORD_ANY:
        clause->any = true;
        if (next.kind == WORD_TIME)
            parser_next(parser, clause); /* "any time" */
        return 0;
    case WORD_DAY:
    case WORD_DAY_GROUP:
        return parser_read_days(parser, clause, word);
    case WORD_PART:
        return parser_read_part(parser, clause, token, token, word.value, -1);
    case WORD_SHADE:
        if (next.kind != WORD_PART)
            return parser_fail(parser, token,
                               "needs a part of the day after it (as in \"early mornings\")");
        return parser_read_part(parser, clause, token, parser_next(parser, clause), next.value,
                                word.value);
    case WORD_AFTER:
    case WORD_BEFORE:
        return parser_read_bound(parser, clause, token, word.kind == WORD_AFTER);
    case WORD_FROM: /* "from 10", "from 10 to 2"; "from mon to fri" is just days */
        if (next.kind != WORD_CLOCK && next.kind != WORD_BAD_TIME)
            return 0;
        return parser_read_range(parser, clause, token, word);
    case WORD_BETWEEN:
    case WORD_CLOCK:
        return parser_read_range(parser, clause, token, word);
    case WORD_UNKNOWN:
    case WORD_BAD_TIME:
    case WORD_TIME:
    case WORD_PREFERENCE:
    case WORD_TO:
    case WORD_WORK:
        break;
    }
    return parser_fail_word(parser, token);
}

/* Does the joiner just read keep the clause going?  Yes at its start ("and
 * thu pm"), between two single days ("mon or thu am"), and before a bound
 * that leaves time with the one already given ("after 10 and before 2"):
 * that bound is read here, on trial, and "before 9 and after 5" stays two
 * clauses. */
static bool parser_joins_within(struct parser *parser, struct clause *clause, struct word join)
{
    if (!clause_means_something(clause))
        return true;
    struct token next = parser_peek(parser);
    struct word word = parser_word(parser, next);
    if (word.kind == WORD_DAY && clause->weekdays && !clause->grouped && !clause->times)
        return true;
    enum word_kind wanted = clause->times == TIME_AFTER    ? WORD_BEFORE
                            : clause->times == TIME_BEFORE ? WORD_AFTER
                                                           : WORD_UNKNOWN;
    if (join.value != JOIN_AND || word.kind != wanted || wanted == WORD_UNKNOWN)
        return false;
    struct parser trial = *parser;
    struct clause narrowed = *clause;
    trial.err = NULL;
    parser_next(&trial, &narrowed);
    if (parser_read_bound(&trial, &narrowed, next, word.kind == WORD_AFTER) < 0)
        return false;
    parser->offset = trial.offset;
    *clause = narrowed;
    return true;
}

/* Reads one clause up to what ends it, which *ended is left at. */
static int parser_read_clause(struct parser *parser, struct clause *clause, struct token *ended)
{
    for (;;) {
        struct token token = parser_next(parser, clause);
        struct word word = parser_word(parser, token);
        if (token.kind == TOKEN_END || token.kind == TOKEN_SEPARATOR ||
            (token.kind == TOKEN_BREAK && clause->tokens > 0) ||
            (word.kind == WORD_NOT && clause_means_something(clause)) ||
            (word.kind == WORD_JOIN && !parser_joins_within(parser, clause, word))) {
            *ended = token;
            break;
        }
        int rc = token.kind == TOKEN_BREAK ? 0
                 : token.kind == TOKEN_DASH
                     ? parser_fail(parser, token, "is not between two days or two times")
                     : parser_read_word(parser, clause, token, word);
        if (rc < 0)
            return rc;
    }
    if (clause->not_token.length > 0 && !clause_means_something(clause))
        return parser_fail(parser, clause->not_token,
                           "needs a day or a time of day after it (as in \"not fri\")");
    return 0;
}

/* What a clause takes over from the one before, by what ended that one. */
static void clause_begin(struct clause *clause, const struct parser *parser, struct token ended,
                         const struct clause *previous)
{
    memset(clause, 0, sizeof *clause);
    struct word why = parser_word(parser, ended);
    if (why.kind == WORD_NOT) {
        clause->exclude = true;
        clause->not_token = clause->first = ended;
        clause->tokens = 1;
        clause->inherited = clause_days(previous);
    } else if (why.kind == WORD_JOIN) {
        clause->exclude = previous->exclude;
        clause->inherited = previous->times ? clause_days(previous) : 0;
    }
}

int prefer_parse(const char *text, int opens, int closes, struct prefer *out, struct fd_error *err)
{
    if (!out)
        return fd_fail(err, FD_ERR_SOFTWARE, "nowhere to put the windows");
    out->count = 0;
    if (opens < 0 || closes > FD_MINUTES_PER_DAY || opens >= closes)
        return fd_fail(err, FD_ERR_CONFIG, "opening hours %d-%d (minutes) are not valid", opens,
                       closes);
    struct parser parser = {text ? text : "", 0, opens, closes, err};
    /* The start of the text counts as a separator: ", mon" is a typo. */
    struct token ended = {TOKEN_SEPARATOR, 0, 0}, next;
    struct clause clause = {0}, previous;
    for (;;) {
        previous = clause;
        clause_begin(&clause, &parser, ended, &previous);
        int rc = parser_read_clause(&parser, &clause, &next);
        if (rc == 0 && clause.tokens == 0 && next.kind == TOKEN_SEPARATOR &&
            ended.kind == TOKEN_SEPARATOR)
            rc = fd_fail(err, FD_ERR_DATA, "nothing before the %s at %zu",
                         parser.text[next.offset] == ';' ? "semicolon" : "comma",
                         prefer_character_position(parser.text, next.offset));
        if (rc == 0 && clause_means_something(&clause) && out->count == PREFER_MAX_WINDOWS) {
            char complaint[48];
            snprintf(complaint, sizeof complaint, "is one window too many (at most %d)",
                     PREFER_MAX_WINDOWS);
            rc = parser_fail(&parser, clause.first, complaint);
        }
        if (rc < 0) {
            out->count = 0;
            return rc;
        }
        if (clause_means_something(&clause)) {
            unsigned days = clause_days(&clause);
            out->windows[out->count++] = (struct prefer_window){
                .weekdays = days ? days : ALL_WEEKDAYS,
                .start = clause.times ? clause.start : 0,
                .end = clause.times ? clause.end : FD_MINUTES_PER_DAY,
                .exclude = clause.exclude,
            };
        }
        if (next.kind == TOKEN_END)
            return 0;
        ended = next;
    }
}

/* ---- Matching --------------------------------------------------------- */

bool prefer_is_empty(const struct prefer *prefer)
{
    return !prefer || prefer->count == 0;
}

static size_t prefer_count(const struct prefer *prefer)
{
    return prefer->count < PREFER_MAX_WINDOWS ? prefer->count : PREFER_MAX_WINDOWS;
}

/* Include windows may be adjacent ("mon am, mon pm"): a slot from 11:30 to
 * 12:30 is still inside what the client asked for.  So walk forward from
 * start, each step jumping to the furthest end of a window that holds the
 * current minute, until end is reached or nothing holds it. */
static bool prefer_covers(const struct prefer *prefer, unsigned day, int start, int end)
{
    int covered = start;
    while (covered < end) {
        int reach = covered;
        for (size_t i = 0; i < prefer_count(prefer); i++) {
            const struct prefer_window *window = &prefer->windows[i];
            if (!window->exclude && (window->weekdays & day) && window->start <= covered &&
                covered < window->end && window->end > reach)
                reach = window->end;
        }
        if (reach == covered)
            return false;
        covered = reach;
    }
    return true;
}

bool prefer_matches(const struct prefer *prefer, int weekday, int start, int end)
{
    if (prefer_is_empty(prefer))
        return true;
    if (weekday < 0 || weekday > 6 || start < 0 || end > FD_MINUTES_PER_DAY || start >= end)
        return false;
    unsigned day = 1u << weekday;
    bool has_include = false;
    for (size_t i = 0; i < prefer_count(prefer); i++) {
        const struct prefer_window *window = &prefer->windows[i];
        if (!window->exclude)
            has_include = true;
        else if ((window->weekdays & day) && window->start < end && start < window->end)
            return false;
    }
    return !has_include || prefer_covers(prefer, day, start, end);
}

/* ---- Storage ---------------------------------------------------------- */

/* Writes every window or nothing: a cut-off list would silently mean
 * something else, so a buffer that is too small gets an empty string. */
void prefer_encode(const struct prefer *prefer, char *out, size_t size)
{
    if (!out || size == 0)
        return;
    out[0] = '\0';
    if (!prefer)
        return;
    size_t used = 0;
    for (size_t i = 0; i < prefer_count(prefer); i++) {
        const struct prefer_window *window = &prefer->windows[i];
        int n = snprintf(out + used, size - used, "%sw=%u,%d,%d,%d", i ? ";" : "", window->weekdays,
                         window->start, window->end, window->exclude ? 1 : 0);
        if (n < 0 || (size_t)n >= size - used) {
            out[0] = '\0';
            return;
        }
        used += (size_t)n;
    }
}

/* A decimal number without sign or leading zeros, at most max. */
static bool decode_number(const char **cursor, int max, int *value)
{
    const char *s = *cursor;
    if (!isdigit((unsigned char)s[0]) || (s[0] == '0' && isdigit((unsigned char)s[1])))
        return false;
    int number = 0;
    for (; isdigit((unsigned char)*s); s++) {
        number = number * 10 + (*s - '0');
        if (number > max)
            return false;
    }
    *cursor = s;
    *value = number;
    return true;
}

static bool decode_window(const char **cursor, struct prefer_window *window)
{
    const char *s = *cursor;
    int weekdays, start, end, exclude;
    if (s[0] != 'w' || s[1] != '=')
        return false;
    s += 2;
    if (!decode_number(&s, ALL_WEEKDAYS, &weekdays) || *s++ != ',' ||
        !decode_number(&s, FD_MINUTES_PER_DAY, &start) || *s++ != ',' ||
        !decode_number(&s, FD_MINUTES_PER_DAY, &end) || *s++ != ',' ||
        !decode_number(&s, 1, &exclude))
        return false;
    if (weekdays == 0 || start >= end)
        return false;
    *window = (struct prefer_window){(unsigned)weekdays, start, end, exclude == 1};
    *cursor = s;
    return true;
}

int prefer_decode(const char *text, struct prefer *out)
{
    if (!out)
        return -1;
    out->count = 0;
    if (!text)
        return -1;
    if (*text == '\0')
        return 0;
    const char *cursor = text;
    for (;;) {
        if (out->count == PREFER_MAX_WINDOWS ||
            !decode_window(&cursor, &out->windows[out->count])) {
            out->count = 0;
            return -1;
        }
        out->count++;
        if (*cursor == '\0')
            return 0;
        if (*cursor++ != ';') {
            out->count = 0;
            return -1;
        }
    }
}
