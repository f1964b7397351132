/*
 * The preferred-times lexer: splits what a client typed into tokens and says
 * what each word is, without deciding what it means next to its neighbours
 * (that is prefer.c's clause grammar).
 *
 * A word is any run of bytes that is not blank, a separator ("," ";" and the
 * line break), a joiner ("&" "+" "/") or a dash, so "lündi" or "mon." is one
 * bad word that the error can point at.  Brackets count as blanks, so
 * "(not fri)" reads as "not fri".  Positions in errors count characters
 * (UTF-8 code points) from 1, as the receptionist sees them.  Clock times
 * are read here in every form people type ("5", "17:30", "10.30am", "5p.m.",
 * "noon"), but an hour without am/pm is only given its meaning when the
 * grammar knows whether a range end lends it one.
 */
#include "prefer_lexer.h"

#include <frontdesk/date.h>

#include <ctype.h>
#include <string.h>

/* ---- Tokens ----------------------------------------------------------- */

static bool lexer_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Skipped between tokens: spaces except the line break, and brackets. */
static bool lexer_is_blank(unsigned char c)
{
    return (lexer_is_space(c) && c != '\n') || c == '(' || c == ')';
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

static enum token_kind lexer_punctuation(char c)
{
    switch (c) {
    case '\0':
        return TOKEN_END;
    case ',':
    case ';':
        return TOKEN_SEPARATOR;
    case '\n':
        return TOKEN_BREAK;
    case '&':
    case '+':
    case '/':
        return TOKEN_JOIN;
    default:
        return TOKEN_WORD;
    }
}

struct token prefer_lexer_next(const char *text, size_t *offset)
{
    size_t i = *offset;
    while (lexer_is_blank((unsigned char)text[i]))
        i++;
    struct token token = {lexer_punctuation(text[i]), i, 0};
    size_t dash = lexer_dash_length(text + i);
    if (token.kind == TOKEN_END) {
        /* nothing to take */
    } else if (token.kind != TOKEN_WORD) {
        token.length = 1;
    } else if (dash > 0) {
        token.kind = TOKEN_DASH;
        token.length = dash;
    } else {
        size_t end = i;
        while (lexer_punctuation(text[end]) == TOKEN_WORD &&
               !lexer_is_blank((unsigned char)text[end]) && lexer_dash_length(text + end) == 0)
            end++;
        token.length = end - i;
    }
    *offset = token.offset + token.length;
    return token;
}

/* ---- Words ------------------------------------------------------------ */

#define WEEKEND_DAYS ((1u << FD_SAT) | (1u << FD_SUN))

static const struct {
    const char *text;
    enum word_kind kind;
    int value;
} KEYWORDS[] = {
    {"not", WORD_NOT, 0},
    {"except", WORD_NOT, 0},
    {"no", WORD_NOT, 1}, /* 1: "no preference" means nothing */
    {"and", WORD_JOIN, JOIN_AND},
    {"or", WORD_JOIN, JOIN_OR},
    {"any", WORD_ANY, 0},
    {"anytime", WORD_ANY, 0},
    {"flexible", WORD_ANY, 0},
    {"time", WORD_TIME, 0},
    {"preference", WORD_PREFERENCE, 0},
    {"weekday", WORD_DAY_GROUP, FD_WEEKDAYS_MON_FRI},
    {"weekdays", WORD_DAY_GROUP, FD_WEEKDAYS_MON_FRI},
    {"weekend", WORD_DAY_GROUP, WEEKEND_DAYS},
    {"weekends", WORD_DAY_GROUP, WEEKEND_DAYS},
    {"day", WORD_DAY_GROUP, 0x7F},
    {"days", WORD_DAY_GROUP, 0x7F},
    {"daily", WORD_DAY_GROUP, 0x7F},
    {"everyday", WORD_DAY_GROUP, 0x7F},
    {"morning", WORD_PART, PART_MORNING},
    {"mornings", WORD_PART, PART_MORNING},
    {"afternoon", WORD_PART, PART_AFTERNOON},
    {"afternoons", WORD_PART, PART_AFTERNOON},
    {"evening", WORD_PART, PART_EVENING},
    {"evenings", WORD_PART, PART_EVENING},
    {"lunch", WORD_PART, PART_LUNCH},
    {"lunches", WORD_PART, PART_LUNCH},
    {"lunchtime", WORD_PART, PART_LUNCH},
    {"lunchtimes", WORD_PART, PART_LUNCH},
    {"early", WORD_SHADE, SHADE_EARLY},
    {"late", WORD_SHADE, SHADE_LATE},
    {"after", WORD_AFTER, 0},
    {"from", WORD_FROM, 0},
    {"before", WORD_BEFORE, 0},
    {"until", WORD_BEFORE, 1},
    {"till", WORD_BEFORE, 1},
    {"til", WORD_BEFORE, 1},
    {"to", WORD_TO, 0},
    {"through", WORD_TO, 0},
    {"thru", WORD_TO, 0},
    {"between", WORD_BETWEEN, 0},
    {"work", WORD_WORK, 0},
    /* The fillers: words that change nothing about when the client can
     * come.  Keep this list short; "and" and "or" are joiners, above. */
    {"please", WORD_FILLER, 0},
    {"ideally", WORD_FILLER, 0},
    {"preferably", WORD_FILLER, 0},
    {"only", WORD_FILLER, 0},
    {"on", WORD_FILLER, 0},
    {"in", WORD_FILLER, 0},
    {"the", WORD_FILLER, 0},
    {"at", WORD_FILLER, 0},
    {"but", WORD_FILLER, 0},
    {"every", WORD_FILLER, 0},
    {"each", WORD_FILLER, 0},
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

enum meridiem prefer_meridiem_parse(const char *word, size_t length)
{
    static const char *const AM[] = {"am", "a.m.", "a.m"}, *const PM[] = {"pm", "p.m.", "p.m"};
    for (size_t i = 0; i < sizeof AM / sizeof AM[0]; i++) {
        if (word_equals(word, length, AM[i]))
            return MERIDIEM_AM;
        if (word_equals(word, length, PM[i]))
            return MERIDIEM_PM;
    }
    return MERIDIEM_NONE;
}

/* H, HH, then optionally :MM or .MM, then optionally am/pm: "5", "17:30",
 * "10.30am", "5p.m.".  False for anything else, including 24:30 and 13pm. */
static bool clock_parse(const char *word, size_t length, struct clock *clock)
{
    size_t i = 0;
    int hour = 0, minute = 0;
    for (; i < length && i < 2 && digit_value(word[i]) >= 0; i++)
        hour = hour * 10 + digit_value(word[i]);
    if (i == 0)
        return false;
    if (i + 2 < length && (word[i] == ':' || word[i] == '.') && digit_value(word[i + 1]) >= 0 &&
        digit_value(word[i + 2]) >= 0) {
        minute = digit_value(word[i + 1]) * 10 + digit_value(word[i + 2]);
        i += 3;
    }
    enum meridiem meridiem = prefer_meridiem_parse(word + i, length - i);
    if (i < length && meridiem == MERIDIEM_NONE)
        return false;
    if (minute > 59 || hour > 24 || (hour == 24 && minute > 0))
        return false;
    if (meridiem != MERIDIEM_NONE && (hour < 1 || hour > 12))
        return false;
    *clock = (struct clock){hour, minute, meridiem,
                            meridiem == MERIDIEM_NONE && hour >= 1 && hour <= 12 && word[0] != '0'};
    return true;
}

int prefer_clock_minute(const struct clock *clock, enum meridiem meridiem)
{
    if (clock->meridiem != MERIDIEM_NONE || !clock->may_be_pm)
        meridiem = clock->meridiem;
    if (meridiem != MERIDIEM_NONE)
        return (clock->hour % 12 + (meridiem == MERIDIEM_PM ? 12 : 0)) * 60 + clock->minute;
    if (clock->may_be_pm && clock->hour <= 7)
        return (clock->hour + 12) * 60 + clock->minute;
    return clock->hour * 60 + clock->minute;
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

struct word prefer_word_classify(const char *word, size_t length)
{
    struct word result = {WORD_UNKNOWN, 0, {0, 0, MERIDIEM_NONE, false}};
    for (size_t i = 0; i < sizeof KEYWORDS / sizeof KEYWORDS[0]; i++) {
        if (word_equals(word, length, KEYWORDS[i].text)) {
            result.kind = KEYWORDS[i].kind;
            result.value = KEYWORDS[i].value;
            return result;
        }
    }
    enum meridiem meridiem = prefer_meridiem_parse(word, length);
    if (meridiem != MERIDIEM_NONE) {
        result.kind = WORD_PART;
        result.value = meridiem == MERIDIEM_AM ? PART_MORNING : PART_AFTERNOON;
    } else if (word_equals(word, length, "noon") || word_equals(word, length, "midday")) {
        result.kind = WORD_CLOCK;
        result.clock = (struct clock){12, 0, MERIDIEM_PM, false};
    } else if ((result.value = day_parse(word, length)) >= 0) {
        result.kind = WORD_DAY;
    } else if (digit_value(word[0]) >= 0) {
        result.kind = clock_parse(word, length, &result.clock) ? WORD_CLOCK : WORD_BAD_TIME;
    }
    return result;
}

/* ---- Quoting in error messages ---------------------------------------- */

size_t prefer_character_position(const char *text, size_t offset)
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

/* Blanks become spaces, other control bytes and broken UTF-8 become '?', so
 * the message is always printable, valid UTF-8 (JSON output needs that). */
void prefer_text_quote(const char *text, size_t length, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t used = 0, characters = 0, i = 0;
    while (i < length && characters < PREFER_QUOTE_CHARACTERS && used + 5 < size) {
        size_t sequence = s[i] >= 0x80 ? utf8_sequence_length(s + i, length - i) : 1;
        if (sequence > 1) {
            memcpy(out + used, s + i, sequence);
            used += sequence;
            i += sequence;
        } else {
            unsigned char c = s[i++];
            out[used++] = lexer_is_space(c) ? ' ' : c < 0x20 || c >= 0x7F ? '?' : (char)c;
        }
        characters++;
    }
    if (i < length && used + 4 <= size) {
        memcpy(out + used, "...", 3);
        used += 3;
    }
    out[used] = '\0';
}
