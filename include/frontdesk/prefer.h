/*
 * Preferred times: the free text a client gives ("mon am, thu 12:00-14:00,
 * any sat, weekday evenings, not fri") parsed into windows (SPEC §1 rule 5).
 *
 * Grammar, comma separated clauses, case-insensitive:
 *   clause   := ["not"] [days] [part]        at least one of days/part
 *   days     := day | day "-" day | "weekday(s)" | "weekend(s)" | "any" day
 *               | "any" | "anytime" | "any time"
 *   day      := mon … sun, plural accepted ("mondays")
 *   part     := "am" | "morning(s)" | "pm" | "afternoon(s)" | "evening(s)"
 *               | HH:MM "-" HH:MM | "after" HH:MM | "before" HH:MM
 * `am` is opening–12:00, `pm` 12:00–17:00, `evening` 17:00–closing.  A
 * clause with no days means every day; one with no part means the whole
 * day.  "not" clauses subtract from the others; with only "not" clauses
 * every other time is preferred.  Empty text means "no preference".
 */
#ifndef FRONTDESK_PREFER_H
#define FRONTDESK_PREFER_H

#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>

#define PREFER_MAX_WINDOWS 64

struct prefer_window {
    unsigned weekdays; /* mask of (1 << weekday) */
    int start;         /* minute of day */
    int end;           /* minute of day, exclusive */
    bool exclude;      /* a "not" clause */
};

struct prefer {
    struct prefer_window windows[PREFER_MAX_WINDOWS];
    size_t count;
};

/* Parses text with the clinic's opening and closing minutes.  On error
 * returns -FD_ERR_DATA with a message naming the offending word and its
 * 1-based character position, `"tursday" at 5 is not a day or a time of
 * day`; the caller puts the field name in front ("prefer: "). */
int prefer_parse(const char *text, int opens, int closes, struct prefer *out, struct fd_error *err);

/* True when no preference was given (empty text). */
bool prefer_is_empty(const struct prefer *prefer);

/* Does [start, end) on a day with this weekday lie inside the preferred
 * windows (and outside every excluded one)?  An empty preference matches
 * everything. */
bool prefer_matches(const struct prefer *prefer, int weekday, int start, int end);

/* Serialises windows compactly ("w=31,540,720,0;…") for storage, and back. */
void prefer_encode(const struct prefer *prefer, char *out, size_t size);
int prefer_decode(const char *text, struct prefer *out);

#endif
