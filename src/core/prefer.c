/*
 * Preferred times: turns what a client typed ("mon am, thu 12:00-14:00, not
 * fri") into windows, tests slots against them, and stores them compactly.
 *
 * The parser reads the text once, left to right, with a tiny lexer that
 * knows only four things: words, commas, range dashes and the end.  A word is
 * any run of bytes that is not blank, a comma or a dash, so "lündi" or
 * "mon." is one bad word that the error can point at; positions in errors
 * count characters (UTF-8 code points) from 1, as the receptionist sees them.
 * Each comma-separated clause becomes exactly one window, so the stored form
 * mirrors what was typed.  Beyond the header's grammar the parser forgives a
 * few things people really type: several days in one clause ("mon wed fri
 * am"), the time of day before the days ("evenings weekdays"), times with
 * am/pm ("after 4pm"), and the typographic dash of "12:00–14:00".
 */
#include <frontdesk/prefer.h>

#include <frontdesk/date.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ALL_WEEKDAYS   0x7Fu
#define WEEKEND_DAYS   ((1u << FD_SAT) | (1u << FD_SUN))
#define NOON           (12 * 60)
#define EVENING_STARTS (17 * 60)
/* Longest word quoted back in an error, in characters. */
#define QUOTE_CHARACTERS 40

/* ---- Lexer ------------------------------------------------------------ */

enum token_kind { TOKEN_END, TOKEN_COMMA, TOKEN_DASH, TOKEN_WORD };

struct token {
    enum token_kind kind;
    size_t offset; /* bytes from the start of the text */
    size_t length; /* bytes */
};

static bool lexer_is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Length of a range dash at s: "-", or the en or em dash that word
 * processors and phones substitute for it; 0 when s is no dash.  Every test
 * stops at the first byte that does not match, so it never reads past the
 * terminating NUL. */
static size_t lexer_dash_length(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '-')
        return 1;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
        return 3;
    return 0;
}

/* The token starting at or after *offset; moves *offset past it. */
static struct token lexer_next(const char *text, size_t *offset)
{
    size_t i = *offset;
    while (lexer_is_blank((unsigned char)text[i]))
        i++;
    struct token token = {TOKEN_WORD, i, 0};
    size_t dash = lexer_dash_length(text + i);
    if (text[i] == '\0') {
        token.kind = TOKEN_END;
    } else if (text[i] == ',') {
        token.kind = TOKEN_COMMA;
        token.length = 1;
    } else if (dash > 0) {
        token.kind = TOKEN_DASH;
        token.length = dash;
    } else {
        size_t end = i;
        while (text[end] != '\0' && text[end] != ',' && !lexer_is_blank((unsigned char)text[end]) &&
               lexer_dash_length(text + end) == 0)
            end++;
        token.length = end - i;
    }
    *offset = token.offset + token.length;
    return token;
}

static struct token lexer_peek(const char *text, size_t offset)
{
    return lexer_next(text, &offset);
}

/* ---- Words ------------------------------------------------------------ */

enum word_kind {
    WORD_UNKNOWN,
    WORD_BAD_TIME, /* starts with a digit but is no valid time */
    WORD_NOT,
    WORD_ANY,
    WORD_ANYTIME,
    WORD_TIME, /* the "time" of "any time" */
    WORD_DAY,
    WORD_WEEKDAYS,
    WORD_WEEKENDS,
    WORD_MORNING,
    WORD_AFTERNOON,
    WORD_EVENING,
    WORD_AFTER,
    WORD_BEFORE,
    WORD_CLOCK, /* a time of day such as 12:00 or 4pm */
};

struct word {
    enum word_kind kind;
    int value; /* weekday for WORD_DAY, minute of day for WORD_CLOCK */
};

static const struct {
    const char *text;
    enum word_kind kind;
} KEYWORDS[] = {
    {"not", WORD_NOT},
    {"any", WORD_ANY},
    {"anytime", WORD_ANYTIME},
    {"time", WORD_TIME},
    {"weekday", WORD_WEEKDAYS},
    {"weekdays", WORD_WEEKDAYS},
    {"weekend", WORD_WEEKENDS},
    {"weekends", WORD_WEEKENDS},
    {"am", WORD_MORNING},
    {"morning", WORD_MORNING},
    {"mornings", WORD_MORNING},
    {"pm", WORD_AFTERNOON},
    {"afternoon", WORD_AFTERNOON},
    {"afternoons", WORD_AFTERNOON},
    {"evening", WORD_EVENING},
    {"evenings", WORD_EVENING},
    {"after", WORD_AFTER},
    {"before", WORD_BEFORE},
};

static bool word_equals(const char *word, size_t length, const char *keyword)
{
    if (strlen(keyword) != length)
        return false;
    for (size_t i = 0; i < length; i++)
        if (tolower((unsigned char)word[i]) != keyword[i])
            return false;
    return true;
}

static int digit_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : -1;
}

/* "4pm", "10am", "4:30pm": hours 1..12 with an optional :MM; -1 if not. */
static int clock_parse_twelve_hour(const char *word, size_t length)
{
    bool pm = tolower((unsigned char)word[length - 2]) == 'p';
    if (!pm && tolower((unsigned char)word[length - 2]) != 'a')
        return -1;
    if (tolower((unsigned char)word[length - 1]) != 'm')
        return -1;
    size_t body = length - 2, hour_digits = body;
    int minutes = 0;
    if (body >= 4 && word[body - 3] == ':') {
        int tens = digit_value(word[body - 2]), ones = digit_value(word[body - 1]);
        if (tens < 0 || ones < 0 || tens > 5)
            return -1;
        minutes = tens * 10 + ones;
        hour_digits = body - 3;
    }
    if (hour_digits < 1 || hour_digits > 2)
        return -1;
    int hour = 0;
    for (size_t i = 0; i < hour_digits; i++) {
        if (digit_value(word[i]) < 0)
            return -1;
        hour = hour * 10 + digit_value(word[i]);
    }
    if (hour < 1 || hour > 12)
        return -1;
    return (hour % 12 + (pm ? 12 : 0)) * 60 + minutes;
}

/* HH:MM or H:MM (00:00..24:00), or a twelve-hour time; -1 if neither. */
static int clock_parse(const char *word, size_t length)
{
    if (length <= 5) {
        char copy[6];
        int minute;
        memcpy(copy, word, length);
        copy[length] = '\0';
        if (time_parse_hm(copy, &minute) == 0)
            return minute;
    }
    if (length >= 3 && length <= 7)
        return clock_parse_twelve_hour(word, length);
    return -1;
}

static int day_parse(const char *word, size_t length)
{
    /* Longer than "wednesdays" cannot be a day; also keeps the int cast safe. */
    if (length > 10)
        return -1;
    int day = date_weekday_parse(word, (int)length);
    /* Plurals: "mondays", "weds". */
    if (day < 0 && length >= 4 && tolower((unsigned char)word[length - 1]) == 's')
        day = date_weekday_parse(word, (int)length - 1);
    return day;
}

static struct word word_classify(const char *word, size_t length)
{
    struct word result = {WORD_UNKNOWN, 0};
    for (size_t i = 0; i < sizeof KEYWORDS / sizeof KEYWORDS[0]; i++) {
        if (word_equals(word, length, KEYWORDS[i].text)) {
            result.kind = KEYWORDS[i].kind;
            return result;
        }
    }
    if ((result.value = day_parse(word, length)) >= 0) {
        result.kind = WORD_DAY;
    } else if (digit_value(word[0]) >= 0) {
        result.value = clock_parse(word, length);
        result.kind = result.value >= 0 ? WORD_CLOCK : WORD_BAD_TIME;
    }
    return result;
}

static bool word_is_days(enum word_kind kind)
{
    return kind == WORD_DAY || kind == WORD_WEEKDAYS || kind == WORD_WEEKENDS;
}

/* ---- Error messages --------------------------------------------------- */

/* 1-based character position of a byte offset: UTF-8 continuation bytes
 * do not start a character. */
static size_t text_character_position(const char *text, size_t offset)
{
    size_t position = 1;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            position++;
    return position;
}

/* Length of a well-formed UTF-8 sequence at s (at most `left` bytes), or 0
 * for overlong forms, surrogates, code points past U+10FFFF and strays. */
static size_t utf8_sequence_length(const unsigned char *s, size_t left)
{
    size_t length = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (s[0] < 0xC2 || s[0] > 0xF4 || length > left)
        return 0;
    for (size_t i = 1; i < length; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return length;
}

/* Copies a slice of the text into out for quoting in a one-line message:
 * blanks become spaces, other control bytes and broken UTF-8 become '?', so
 * the message is always printable, valid UTF-8 (JSON output needs that). */
static void text_quote(const char *text, size_t length, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t used = 0, characters = 0, i = 0;
    while (i < length && characters < QUOTE_CHARACTERS && used + 5 < size) {
        size_t sequence = s[i] >= 0x80 ? utf8_sequence_length(s + i, length - i) : 1;
        if (sequence > 1) {
            memcpy(out + used, s + i, sequence);
            used += sequence;
            i += sequence;
        } else {
            unsigned char c = s[i++];
            out[used++] = lexer_is_blank(c) ? ' ' : c < 0x20 || c >= 0x7F ? '?' : (char)c;
        }
        characters++;
    }
    if (i < length && used + 4 <= size) {
        memcpy(out + used, "...", 3);
        used += 3;
    }
    out[used] = '\0';
}

struct parser {
    const char *text;
    size_t offset; /* lexer position */
    int opens, closes;
    struct fd_error *err;
};

/* Fails with `"<text from..to>" at <position> <complaint>`. */
static int parser_fail_at(const struct parser *parser, size_t from, size_t to,
                          const char *complaint)
{
    char quoted[4 * QUOTE_CHARACTERS + 8];
    text_quote(parser->text + from, to - from, quoted, sizeof quoted);
    return fd_fail(parser->err, FD_ERR_DATA, "\"%s\" at %zu %s", quoted,
                   text_character_position(parser->text, from), complaint);
}

static int parser_fail(const struct parser *parser, struct token token, const char *complaint)
{
    return parser_fail_at(parser, token.offset, token.offset + token.length, complaint);
}

static int parser_fail_word(const struct parser *parser, struct token token)
{
    struct word word = word_classify(parser->text + token.offset, token.length);
    return parser_fail(parser, token,
                       word.kind == WORD_BAD_TIME ? "is not a valid time (HH:MM)"
                                                  : "is not a day or a time of day");
}

/* ---- Clauses ---------------------------------------------------------- */

struct clause {
    bool exclude;
    unsigned weekdays; /* 0 until a day is named */
    bool has_hours;
    int start, end;
    struct token first;     /* for "too many windows" */
    size_t tokens;          /* 0 for an empty clause */
    struct token not_token; /* the "not", for a dangling one */
};

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

static unsigned days_of(struct word word)
{
    return word.kind == WORD_WEEKDAYS   ? FD_WEEKDAYS_MON_FRI
           : word.kind == WORD_WEEKENDS ? WEEKEND_DAYS
                                        : 1u << word.value;
}

static struct token parser_next(struct parser *parser, struct clause *clause)
{
    struct token token = lexer_next(parser->text, &parser->offset);
    if (token.kind == TOKEN_WORD || token.kind == TOKEN_DASH) {
        if (clause->tokens++ == 0)
            clause->first = token;
    }
    return token;
}

/* A day, optionally "-" and a second day. */
static int parser_read_days(struct parser *parser, struct clause *clause, struct word word)
{
    if (word.kind != WORD_DAY || lexer_peek(parser->text, parser->offset).kind != TOKEN_DASH) {
        clause->weekdays |= days_of(word);
        return 0;
    }
    struct token dash = parser_next(parser, clause);
    struct token last = lexer_peek(parser->text, parser->offset);
    if (last.kind != TOKEN_WORD)
        return parser_fail(parser, dash, "needs a day after it (as in \"mon-fri\")");
    parser_next(parser, clause);
    struct word to = word_classify(parser->text + last.offset, last.length);
    if (to.kind != WORD_DAY)
        return parser_fail(parser, last, "is not a day (as in \"mon-fri\")");
    clause->weekdays |= days_range(word.value, to.value);
    return 0;
}

/* The clock word after a dash, "after" or "before"; `lead` is blamed when
 * nothing follows it, and `example` shows what was expected. */
static int parser_read_clock(struct parser *parser, struct clause *clause, struct token lead,
                             const char *example, int *minute, struct token *clock)
{
    char complaint[80];
    *clock = lexer_peek(parser->text, parser->offset);
    if (clock->kind != TOKEN_WORD) {
        snprintf(complaint, sizeof complaint, "needs a time after it (as in \"%s\")", example);
        return parser_fail(parser, lead, complaint);
    }
    struct word word = word_classify(parser->text + clock->offset, clock->length);
    if (word.kind == WORD_BAD_TIME)
        return parser_fail_word(parser, *clock);
    if (word.kind != WORD_CLOCK) {
        snprintf(complaint, sizeof complaint, "is not a time (as in \"%s\")", example);
        return parser_fail(parser, *clock, complaint);
    }
    parser_next(parser, clause);
    *minute = word.value;
    return 0;
}

static int parser_set_hours(struct parser *parser, struct clause *clause, struct token from,
                            struct token to, int start, int end)
{
    if (clause->has_hours)
        return parser_fail(parser, from,
                           "is a second time of day in one clause (separate them with a comma)");
    if (start >= end)
        return parser_fail_at(parser, from.offset, to.offset + to.length,
                              "is an empty or reversed range");
    clause->has_hours = true;
    clause->start = start;
    clause->end = end;
    return 0;
}

/* Named parts of the day, bounded by the clinic's opening hours. */
static int parser_read_part(struct parser *parser, struct clause *clause, struct token token,
                            enum word_kind kind)
{
    int start = kind == WORD_MORNING     ? parser->opens
                : kind == WORD_AFTERNOON ? NOON
                                         : EVENING_STARTS;
    int end = kind == WORD_MORNING     ? NOON
              : kind == WORD_AFTERNOON ? EVENING_STARTS
                                       : parser->closes;
    if (start >= end && !clause->has_hours) {
        char complaint[64], opens[FD_HM_LEN], closes[FD_HM_LEN];
        time_format_hm(parser->opens, opens);
        time_format_hm(parser->closes, closes);
        snprintf(complaint, sizeof complaint, "is outside opening hours (%s-%s)", opens, closes);
        return parser_fail(parser, token, complaint);
    }
    return parser_set_hours(parser, clause, token, token, start, end);
}

static int parser_read_word(struct parser *parser, struct clause *clause, struct token token)
{
    struct word word = word_classify(parser->text + token.offset, token.length);
    struct token next = lexer_peek(parser->text, parser->offset);
    struct word after = next.kind == TOKEN_WORD
                            ? word_classify(parser->text + next.offset, next.length)
                            : (struct word){WORD_UNKNOWN, 0};
    int end = 0, rc;
    switch (word.kind) {
    case WORD_NOT:
        return parser_fail(parser, token, "can only start a clause (as in \"not fri\")");
    case WORD_DAY:
    case WORD_WEEKDAYS:
    case WORD_WEEKENDS:
        return parser_read_days(parser, clause, word);
    case WORD_ANY:
        /* "any sat" is just Saturday; "any" and "any time" are every day. */
        if (after.kind == WORD_TIME)
            parser_next(parser, clause);
        if (!word_is_days(after.kind))
            clause->weekdays |= ALL_WEEKDAYS;
        return 0;
    case WORD_ANYTIME:
        clause->weekdays |= ALL_WEEKDAYS;
        return 0;
    case WORD_MORNING:
    case WORD_AFTERNOON:
    case WORD_EVENING:
        return parser_read_part(parser, clause, token, word.kind);
    case WORD_AFTER:
    case WORD_BEFORE: {
        bool is_after = word.kind == WORD_AFTER;
        struct token clock;
        int minute = 0;
        rc = parser_read_clock(parser, clause, token, is_after ? "after 16:00" : "before 10:00",
                               &minute, &clock);
        if (rc < 0)
            return rc;
        if (minute == (is_after ? FD_MINUTES_PER_DAY : 0))
            return parser_fail_at(parser, token.offset, clock.offset + clock.length,
                                  "leaves no time in the day");
        return parser_set_hours(parser, clause, token, clock, is_after ? minute : 0,
                                is_after ? FD_MINUTES_PER_DAY : minute);
    }
    case WORD_CLOCK: {
        if (next.kind != TOKEN_DASH)
            return parser_fail(parser, token, "needs an end time (as in \"12:00-14:00\")");
        struct token dash = parser_next(parser, clause), clock;
        rc = parser_read_clock(parser, clause, dash, "12:00-14:00", &end, &clock);
        if (rc < 0)
            return rc;
        return parser_set_hours(parser, clause, token, clock, word.value, end);
    }
    case WORD_UNKNOWN:
    case WORD_BAD_TIME:
    case WORD_TIME:
        break;
    }
    return parser_fail_word(parser, token);
}

/* Reads one clause up to its comma or the end; *ended says which. */
static int parser_read_clause(struct parser *parser, struct clause *clause, struct token *ended)
{
    memset(clause, 0, sizeof *clause);
    struct token token = parser_next(parser, clause);
    if (token.kind == TOKEN_WORD &&
        word_classify(parser->text + token.offset, token.length).kind == WORD_NOT) {
        clause->exclude = true;
        clause->not_token = token;
        token = parser_next(parser, clause);
    }
    for (; token.kind == TOKEN_WORD || token.kind == TOKEN_DASH;
         token = parser_next(parser, clause)) {
        int rc = token.kind == TOKEN_DASH
                     ? parser_fail(parser, token, "is not between two days or two times")
                     : parser_read_word(parser, clause, token);
        if (rc < 0)
            return rc;
    }
    *ended = token;
    if (clause->exclude && clause->weekdays == 0 && !clause->has_hours)
        return parser_fail(parser, clause->not_token,
                           "needs a day or a time of day after it (as in \"not fri\")");
    return 0;
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
    struct token ended = {TOKEN_COMMA, 0, 0}, comma = {TOKEN_END, 0, 0};
    while (ended.kind == TOKEN_COMMA) {
        struct clause clause;
        int rc = parser_read_clause(&parser, &clause, &ended);
        if (rc < 0) {
            out->count = 0;
            return rc;
        }
        if (clause.tokens == 0) {
            /* Blank text is "no preference"; a blank clause is a typo. */
            if (ended.kind == TOKEN_END && comma.kind == TOKEN_END)
                return 0;
            out->count = 0;
            bool before = ended.kind == TOKEN_COMMA;
            return fd_fail(err, FD_ERR_DATA, "nothing %s the comma at %zu",
                           before ? "before" : "after",
                           text_character_position(parser.text, (before ? ended : comma).offset));
        }
        if (out->count == PREFER_MAX_WINDOWS) {
            out->count = 0;
            char complaint[48];
            snprintf(complaint, sizeof complaint, "is one window too many (at most %d)",
                     PREFER_MAX_WINDOWS);
            return parser_fail(&parser, clause.first, complaint);
        }
        out->windows[out->count++] = (struct prefer_window){
            .weekdays = clause.weekdays ? clause.weekdays : ALL_WEEKDAYS,
            .start = clause.has_hours ? clause.start : 0,
            .end = clause.has_hours ? clause.end : FD_MINUTES_PER_DAY,
            .exclude = clause.exclude,
        };
        comma = ended;
    }
    return 0;
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
    if (digit_value(s[0]) < 0 || (s[0] == '0' && digit_value(s[1]) >= 0))
        return false;
    int number = 0;
    for (; digit_value(*s) >= 0; s++) {
        number = number * 10 + digit_value(*s);
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
