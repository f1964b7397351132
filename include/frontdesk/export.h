/*
 * Exports: a therapist's appointments as an iCalendar feed (RFC 5545) for
 * the calendar on their phone, and every appointment as RFC 4180 CSV for a
 * spreadsheet.  Both write to a stream the caller opened and owns; where
 * that stream goes (a file, stdout) is the command line's business.
 *
 * The feed leaves the desk, so it names the client by first name only.
 * Each event's UID is derived from the appointment id and the clinic, so
 * exporting again updates the events a phone already holds instead of
 * adding copies; a cancelled appointment stays in the feed as
 * STATUS:CANCELLED, which is how a phone learns to remove it.
 */
#ifndef FRONTDESK_EXPORT_H
#define FRONTDESK_EXPORT_H

#include <frontdesk/ops.h>

#include <stdio.h>

/* A range of days, both ends included.  FD_DAY_NONE at either end asks for
 * the caller's default. */
struct fd_day_range {
    fd_day from;
    fd_day to;
};

/* The longest range an export or report accepts (about twenty years). */
#define FD_RANGE_MAX_DAYS (366 * 20)

/* Fills the missing ends of *range.  With neither end given the range is
 * [default_from, default_to]; with one end given the other is placed so
 * that the range keeps the default's length.  Refuses (-FD_ERR_USAGE) a
 * range that ends before it starts or is longer than FD_RANGE_MAX_DAYS. */
int ops_range_resolve(struct fd_day_range *range, fd_day default_from, fd_day default_to,
                      struct fd_error *err);

/* Default export range: from 30 days before today to 90 days after. */
#define EXPORT_DAYS_BEFORE 30
#define EXPORT_DAYS_AFTER  90

/* Writes the iCalendar feed of one therapist's appointments (or, with
 * therapist_id 0, every therapist's: the whole clinic) that start in
 * *range (resolved in place) to out: a VTIMEZONE for the clinic's zone and
 * one VEVENT per appointment, cancelled ones included.  *count (may be
 * NULL) receives the number of events.  -FD_ERR_DATA for an unknown
 * therapist id, -FD_ERR_CONFIG when the clinic's zone is unknown to libical,
 * -FD_ERR_IO when out cannot be written. */
int ops_export_ics(struct fd_context *ctx, int64_t therapist_id, struct fd_day_range *range,
                   FILE *out, size_t *count, struct fd_error *err);

/* The UID of an appointment's event: "appointment-ID@CLINIC-SLUG", where
 * the slug is the config's clinic_name in lower case with every run of
 * other characters turned into one '-'. */
void export_event_uid(const struct fd_config *config, int64_t appointment_id, char *out,
                      size_t size);

/* The CSV columns, in order (the header row). */
#define EXPORT_CSV_HEADER                                                                          \
    "id,date,start,end,therapist,clinic,room,service,minutes,price,client,email,status,"           \
    "confirmation,list_price,offer"

/* Writes every appointment that starts in *range (resolved in place),
 * cancelled ones included, as CSV to out: the header row, then one row per
 * appointment ordered by start, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break.  A client's name or email that a
 * spreadsheet would run as a formula (starting with = + - @) is written
 * with a leading apostrophe.  *count (may be NULL) receives the rows. */
int ops_export_csv(struct fd_context *ctx, struct fd_day_range *range, FILE *out, size_t *count,
                   struct fd_error *err);

#endif
