/*
 * The preferred-times parser in two halves: this lexer turns the text into
 * tokens and classifies each word (a day, a part of the day, a clock time, a
 * filler…); prefer.c puts the words together into clauses and windows.  The
 * lexer knows no grammar, so what a word means next to its neighbours is
 * decided only in prefer.c.
 */
#ifndef FRONTDESK_PREFER_LEXER_H
#define FRONTDESK_PREFER_LEXER_H

#include <stdbool.h>
#include <stddef.h>

/* Longest word quoted back in an error, in characters. */
#define PREFER_QUOTE_CHARACTERS 40

enum token_kind {
    TOKEN_END,
    TOKEN_SEPARATOR, /* "," or ";" */
    TOKEN_BREAK,     /* a line break */
    TOKEN_DASH,      /* "-", or the en or em dash phones type */
    TOKEN_JOIN,      /* "&", "+" or "/" */
    TOKEN_WORD,
};

struct token {
    enum token_kind kind;
    size_t offset; /* bytes from the start of the text */
    size_t length; /* bytes */
};

/* The token starting at or after *offset; moves *offset past it. */
struct token prefer_lexer_next(const char *text, size_t *offset);

enum meridiem { MERIDIEM_NONE, MERIDIEM_AM, MERIDIEM_PM };

/* A time of day as written: "5", "17:30", "10.30am", "noon". */
struct clock {
    int hour, minute; /* as written: 5 and 30 for "5.30pm" */
    enum meridiem meridiem;
    /* No am/pm and an hour 1..12 without a leading zero: the hour may be an
     * afternoon one ("2" in "2-4pm", "5" in "after 5"). */
    bool may_be_pm;
};

enum word_kind {
    WORD_UNKNOWN,
    WORD_BAD_TIME,   /* starts with a digit but is no valid time */
    WORD_FILLER,     /* "please", "the": politeness, no meaning */
    WORD_ANY,        /* "any", "anytime", "flexible": every day, all day */
    WORD_TIME,       /* the "time" of "any time" and "lunch time" */
    WORD_PREFERENCE, /* the "preference" of "no preference" */
    WORD_NOT,        /* "not", "except", "no" */
    WORD_JOIN,       /* "and", "or"; value is the join_kind */
    WORD_DAY,        /* value is the weekday */
    WORD_DAY_GROUP,  /* "weekdays", "weekends", "day"; value is the mask */
    WORD_PART,       /* "am", "evening", "lunchtime"; value is the day_part */
    WORD_SHADE,      /* "early", "late"; value is the shade */
    WORD_AFTER,      /* "after" */
    WORD_FROM,       /* "from": a range's start, or "after" */
    WORD_BEFORE,     /* "before"; value 1 for "until", "till", which also join two times */
    WORD_TO,         /* "to", "through", "thru": between days or times */
    WORD_BETWEEN,    /* "between" */
    WORD_WORK,       /* the "work" of "after work" */
    WORD_CLOCK,      /* a time of day; clock says which */
};

enum join_kind { JOIN_AND, JOIN_OR };
enum day_part { PART_MORNING, PART_AFTERNOON, PART_EVENING, PART_LUNCH };
enum shade { SHADE_EARLY, SHADE_LATE };

struct word {
    enum word_kind kind;
    int value;
    struct clock clock; /* for WORD_CLOCK */
};

struct word prefer_word_classify(const char *word, size_t length);

/* "am", "pm", "a.m.", "p.m." as a word of its own ("5 pm"); MERIDIEM_NONE
 * for anything else. */
enum meridiem prefer_meridiem_parse(const char *word, size_t length);

/* Minute of day of a clock.  `meridiem` is the am/pm of the range end for
 * a start that was written without one ("2" in "2-4pm"); otherwise the
 * clinic's rule applies: hours 1..7 without am/pm are afternoon hours,
 * because no clinic opens at five in the morning. */
int prefer_clock_minute(const struct clock *clock, enum meridiem meridiem);

/* 1-based character position of a byte offset (UTF-8 aware). */
size_t prefer_character_position(const char *text, size_t offset);

/* Copies a slice of the text into out for quoting in a one-line message;
 * the result is always printable, valid UTF-8 and at most
 * PREFER_QUOTE_CHARACTERS characters (then "..."). */
void prefer_text_quote(const char *text, size_t length, char *out, size_t size);

#endif
