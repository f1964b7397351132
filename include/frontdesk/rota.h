/*
 * Rota rules and their expansion into concrete shifts (SPEC §1 rule 1).
 *
 * A rule says "this therapist works this clinic from start to end on these
 * days": weekly on a set of weekdays, monthly on the nth (1..4) or last
 * weekday, or once on a date, valid from a day until an optional day.
 * Expansion walks a date range, drops shifts on closures, and cuts time off
 * out of them (which may remove a shift, shorten it, or split it in two).
 * Pure: rules, time off and closures come in as arrays.
 */
#ifndef FRONTDESK_ROTA_H
#define FRONTDESK_ROTA_H

#include <frontdesk/calendar.h>
#include <frontdesk/date.h>
#include <frontdesk/error.h>

#include <stddef.h>
#include <stdint.h>

enum rota_pattern { ROTA_WEEKLY, ROTA_MONTHLY, ROTA_ONCE };

struct rota_rule {
    int64_t id;
    int64_t therapist_id;
    int64_t clinic_id;
    enum rota_pattern pattern;
    unsigned weekdays;  /* ROTA_WEEKLY: mask of (1 << weekday) */
    int nth;            /* ROTA_MONTHLY: 1..4, or -1 for "last" */
    int weekday;        /* ROTA_MONTHLY: 0 = Monday … 6 = Sunday */
    fd_day once_day;    /* ROTA_ONCE */
    int start;          /* minute of day */
    int end;            /* minute of day, > start */
    fd_day valid_from;  /* FD_DAY_NONE: no lower bound */
    fd_day valid_until; /* inclusive; FD_DAY_NONE: open-ended */
    /* An old version kept for the weeks before an edit: the id of the rule
     * that carries on (0: this is a rule in its own right). */
    int64_t superseded_by;
};

struct time_off {
    int64_t id;
    int64_t therapist_id;
    fd_time from; /* inclusive */
    fd_time to;   /* exclusive; a whole day D is D 00:00 .. D+1 00:00 */
};

struct shift {
    int64_t therapist_id;
    int64_t clinic_id;
    int64_t rule_id;
    fd_day day;
    int start; /* minute of day */
    int end;
};

struct shift_list {
    struct shift *items; /* owned; sorted by day, therapist_id, start */
    size_t count;
    size_t capacity;
};

/* Parses a monthly pattern such as "1st sun", "2nd mon", "4th sat",
 * "last fri" (case-insensitive, extra spaces allowed).  Returns 0 or
 * -FD_ERR_USAGE with a message naming the bad word. */
int rota_parse_monthly(const char *text, int *nth, int *weekday, struct fd_error *err);
/* Parses "mon,thu" (names as in date_weekday_parse) into a mask. */
int rota_parse_weekdays(const char *text, unsigned *mask, struct fd_error *err);
/* Describes a rule for people: "weekly mon,thu", "monthly 1st sun",
 * "once 2026-12-05". */
void rota_describe(const struct rota_rule *rule, char *out, size_t size);

/* Does the rule produce a shift on this day (ignoring closures/time off)? */
bool rota_rule_applies(const struct rota_rule *rule, fd_day day);

/* Would the two rules put their therapist in two places at once: is there
 * a day, from `from` on, that both apply on with hours that overlap?  The
 * first such day goes to *on (may be NULL).  Closures and time off are not
 * looked at: a rota that double-books someone is wrong even in a week a
 * holiday happens to hide it.  Days before `from` (the past) are left
 * alone: nobody can be booked there any more. */
bool rota_rules_clash(const struct rota_rule *a, const struct rota_rule *b, fd_day from,
                      fd_day *on);
/* Do the two rules say the same thing (pattern, days, hours, clinic,
 * validity)? */
bool rota_rules_same(const struct rota_rule *a, const struct rota_rule *b);
/* Does the rule apply on any day before `day`? */
bool rota_rule_applies_before(const struct rota_rule *rule, fd_day day);

/* Expands rules over [from, to] (inclusive days) into out, which the caller
 * initialises to zero and frees with shift_list_free().  Appends.
 * Returns 0 or -FD_ERR_SOFTWARE when out of memory. */
int rota_expand(const struct rota_rule *rules, size_t rule_count, const struct time_off *time_off,
                size_t time_off_count, const struct fd_calendar *calendar, fd_day from, fd_day to,
                struct shift_list *out, struct fd_error *err);

int shift_list_push(struct shift_list *list, const struct shift *shift);
void shift_list_free(struct shift_list *list);

#endif
