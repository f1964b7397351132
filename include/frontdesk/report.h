/*
 * Reports for the clinic owner: how well the desk keeps the reply promise
 * (SPEC §1 rule 4), and how much of the therapists' rostered time is
 * booked.  Both read one snapshot of the store and return plain figures;
 * drawing them (text, bars, JSON) is the caller's business.
 *
 * Reports are "as of now" (ctx->now, so --now reproduces an old report):
 * a request received after now does not exist yet, and one answered after
 * now was still open at now.
 */
#ifndef FRONTDESK_REPORT_H
#define FRONTDESK_REPORT_H

#include <frontdesk/export.h>
#include <frontdesk/ops.h>

#include <stddef.h>
#include <stdint.h>

/* ---- reply promise (SLA) ---- */

/* The requests of one ISO week (or of the whole range).  A request counts
 * when its answer (the confirmation of its booking, its decline, or the
 * note that it is on the waitlist) was sent to the client, or when it is
 * still unanswered after its due time (missed).  Pending requests not yet due and withdrawn
 * ones do not count.  Reply times are in working minutes (working days,
 * from opening to close of business) between received and answered, over
 * the answered requests only. */
struct sla_figures {
    fd_day week_start;   /* Monday; the range's first day for the total */
    int counted;         /* in_time + late + missed */
    int in_time;         /* answered by the due time */
    int late;            /* answered after the due time */
    int missed;          /* still pending past the due time */
    int answered;        /* in_time + late: how many reply times there are */
    long median_minutes; /* -1 when nothing was answered */
    long worst_minutes;  /* -1 when nothing was answered */
};

struct sla_report {
    struct fd_day_range range; /* requests received on these days */
    struct sla_figures total;
    struct sla_figures *weeks; /* every ISO week touching the range, oldest first */
    size_t week_count;
    int not_yet_due; /* pending, still within the promise: not counted */
    int withdrawn;   /* not counted */
};

/* Default: the current ISO week and the seven before it, up to today. */
#define REPORT_SLA_WEEKS 8

/* Computes the report over requests received in *range (resolved in
 * place).  Allocates report->weeks; free with sla_report_free(). */
int ops_report_sla(struct fd_context *ctx, struct fd_day_range *range, struct sla_report *out,
                   struct fd_error *err);
void sla_report_free(struct sla_report *report);

/* ---- utilisation ---- */

/* Booked against rostered minutes of one therapist at one clinic in one
 * week, or of a whole clinic (therapist_id 0, therapist "").  Rostered
 * minutes are the expanded shifts (closures and time off taken out);
 * booked minutes are the service minutes (no buffer) of appointments that
 * are not cancelled, counted where they lie inside a shift of that
 * therapist at that clinic; no-shows count as booked, and their share is
 * given too.  A booking forced outside the rota therefore
 * adds nothing, and no figure passes 100%. */
struct utilisation_row {
    int64_t therapist_id;
    char therapist[FD_HANDLE_SIZE];
    int64_t clinic_id;
    char clinic[FD_NAME_SIZE];
    fd_day week_start; /* Monday */
    long rostered_minutes;
    long booked_minutes;
    long no_show_minutes; /* of booked_minutes, those the client did not come to */
};

struct utilisation_report {
    struct fd_day_range range;
    struct utilisation_row *rows; /* by therapist, clinic, week; rostered > 0 */
    size_t row_count;
    struct utilisation_row *clinics; /* totals by clinic, week */
    size_t clinic_count;
};

/* Default: the current week and the three before it. */
#define REPORT_UTILISATION_WEEKS 4

/* Shifts and appointments on the days of *range (resolved in place); a
 * week cut by the range counts only its days inside it.  Allocates the
 * rows; free with utilisation_report_free(). */
int ops_report_utilisation(struct fd_context *ctx, struct fd_day_range *range,
                           struct utilisation_report *out, struct fd_error *err);
void utilisation_report_free(struct utilisation_report *report);

/* ---- attendance ---- */

/* What became of the appointments of one therapist or one client.
 * booked: every appointment except those cancelled in time (by the client
 * before late_cancel_hours, or by the clinic), so booked = attended +
 * no_shows + late_cancellations + open. */
struct attendance_row {
    int64_t id; /* the therapist's or the client's */
    char name[FD_NAME_SIZE];
    int booked;
    int attended; /* arrived or completed */
    int no_shows;
    int late_cancellations;
    int open; /* no outcome yet */
    long fees_pence;
};

struct attendance_report {
    struct fd_day_range range; /* appointments starting on these days */
    struct attendance_row total;
    struct attendance_row *therapists; /* by handle */
    size_t therapist_count;
    struct attendance_row *clients; /* most no-shows and late cancellations first */
    size_t client_count;
};

/* Default: this week and the three before it. */
#define REPORT_ATTENDANCE_WEEKS 4

int ops_report_attendance(struct fd_context *ctx, struct fd_day_range *range,
                          struct attendance_report *out, struct fd_error *err);
void attendance_report_free(struct attendance_report *report);

/* ---- offers ---- */

/* How many appointments (not cancelled) starting on the days each offer
 * of the config applied to, and the discount given: every offer the
 * config names (0 when unused), and any no longer in it that appointments
 * still carry. */
struct offer_row {
    char offer[FD_NAME_SIZE];
    bool in_config;
    long appointments;
    long discount_pence;
    long list_pence;
};
struct offers_report {
    struct fd_day_range range;
    struct offer_row *rows;
    size_t count;
    struct offer_row total;
};
/* Default: this week and the three before it. */
int ops_report_offers(struct fd_context *ctx, struct fd_day_range *range, struct offers_report *out,
                      struct fd_error *err);
void offers_report_free(struct offers_report *report);

/* booked / rostered as a whole percentage, rounded; 0 when nothing was
 * rostered. */
int report_percent(long part, long whole);
/* The ISO 8601 week of a day: its year (which may differ from the day's
 * near New Year) and number 1..53. */
void report_iso_week(fd_day day, int *year, int *week);

#endif
