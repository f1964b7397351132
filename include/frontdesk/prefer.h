/*
 * Preferred times: the free text a client gives ("mon am, thu 12:00-14:00,
 * any sat, weekday evenings, not fri") parsed into windows (SPEC §1 rule 5).
 *
 * Grammar, case-insensitive; names of days and of parts of the day may be
 * plural ("mondays", "mornings", "weekends"); brackets count as spaces:
 *   text     := clause { separator clause } [separator]
 *   separator:= "," | ";" | line break | joiner | a "not" inside a clause
 *   joiner   := "and" | "or" | "&" | "+" | "/"
 *   clause   := [not] item { item }
 *   not      := "not" | "except" | "no"
 *   item     := days | part | time | "any" ["time"] | "anytime" | "flexible"
 *               | filler
 *   days     := day [("-" | "to" | "through" | "thru") day] | day joiner day
 *               | "weekday" | "weekend" | "day" | "daily" | "everyday"
 *   day      := mon … sun, monday … sunday, tues, thur, thurs, weds
 *   part     := ["early" | "late"] ("am" | "morning" | "pm" | "afternoon"
 *               | "evening" | "lunch" ["time"] | "lunchtime")
 *   time     := clock link clock | "between" clock ("and" | link) clock
 *               | ("after" | "from") clock | ("before" | "until" | "till" | "til") clock
 *               | "after work" | "before work"
 *   link     := "-" | "–" | "to" | "till" | "til" | "until"
 *   clock    := H | HH | H:MM | HH:MM | H.MM | HH.MM, each with an optional
 *               am/pm (a.m./p.m.), attached or as the next word; "noon",
 *               "midday"
 *   filler   := please, ideally, preferably, only, on, in, the, at, but,
 *               every, each; "from" before days ("from mon to fri");
 *               "no preference" at the start of a clause
 *
 * Meaning.  `am` is opening–12:00, `pm` 12:00–17:00, `evening`
 * 17:00–closing, `lunch` 12:00–14:00; "early"/"late" keep the first/last two
 * hours of a part.  "after X" runs to midnight, "before X" from midnight,
 * "after work" is after 17:00, "before work" before 09:00.  An hour without
 * am/pm is as written, except that 1 to 7 are afternoon hours ("after 5" is
 * 17:00, "before 10" is 10:00; write "07:00" for the early hour), and a range
 * start takes the end's am/pm when that leaves a range ("2-4pm" is
 * 14:00–16:00, "10-12pm" 10:00–12:00).  A time alone ("sat 10am") is refused:
 * it has no length, so say "10am-12" or "after 10am".
 *
 * One clause is one window.  A clause with no days means every day (or the
 * days it borrows, below); one with no time means the whole day; the times
 * of one clause narrow each other ("early mornings before 9" is opening to
 * 09:00), but each kind (part, range, after, before) may come once.  Single
 * days joined by a joiner share the time that follows ("mon or thu am"); a
 * joiner anywhere else ends the clause, except "and" between an after and a
 * before that leave time between them ("after 10 and before 2").  A clause
 * after a joiner keeps a "not" from the one before, and its days too when
 * that one had a time ("Saturday mornings and evenings"); a "not" inside a
 * clause starts an excluded clause on the same days unless it names its own
 * ("weekday evenings not fri", "mon not am").  Fillers and "and"/"or" at the
 * start of a clause change nothing; a clause of fillers makes no window.
 * "not" clauses subtract from the others; with only "not" clauses every
 * other time is preferred.  Empty text means "no preference".  Two commas
 * or semicolons in a row (",,"), or one at the start, are a typo.
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
