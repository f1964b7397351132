/*
 * Lean store queries for the reports: only the few numbers a report adds
 * up, so that a report over a long history (100,000 imported requests, a
 * million appointments) holds small rows rather than whole records with
 * their text.  Part of the store: only src/ops includes it.
 */
#ifndef FRONTDESK_STORE_REPORT_H
#define FRONTDESK_STORE_REPORT_H

#include <frontdesk/store.h>

#include <stddef.h>
#include <stdint.h>

/* What the reply-promise report needs of a request. */
struct fd_request_times {
    int64_t id;
    fd_time received;
    fd_time due;
    fd_time answered; /* when the answer was sent to the client; 0: not yet */
    enum request_status status;
};
/* Requests received in [from, to), ordered by received.  Allocates *out;
 * free with free(). */
int store_report_request_times(struct fd_store *store, fd_time from, fd_time to,
                               struct fd_request_times **out, size_t *count, struct fd_error *err);

/* What the utilisation report needs of an appointment. */
struct fd_booked {
    int64_t therapist_id;
    int64_t clinic_id;
    fd_time start;
    int minutes;  /* the service's minutes, no buffer */
    bool no_show; /* booked time the client did not come to */
};
/* Appointments that are not cancelled and start in [from, to), ordered by
 * therapist, then start.  Allocates *out; free with free(). */
int store_report_booked(struct fd_store *store, fd_time from, fd_time to, struct fd_booked **out,
                        size_t *count, struct fd_error *err);

/* What the attendance report needs of an appointment. */
struct fd_attended {
    int64_t therapist_id;
    int64_t client_id;
    enum appointment_status status;
    bool late; /* a late cancellation */
    enum cancelled_by cancelled_by;
    int fee_pence;
    char therapist[FD_HANDLE_SIZE];
    char client[FD_NAME_SIZE];
};
/* Appointments starting in [from, to), ordered by therapist.  Allocates
 * *out; free with free(). */
int store_report_attendance(struct fd_store *store, fd_time from, fd_time to,
                            struct fd_attended **out, size_t *count, struct fd_error *err);

/* What each offer gave: appointments (not cancelled) starting in
 * [from, to) that it applied to, by offer name. */
struct fd_offered {
    char offer[FD_NAME_SIZE];
    int64_t appointments;
    int64_t discount_pence; /* list price less price, summed */
    int64_t list_pence;     /* the list prices, summed */
};
int store_report_offers(struct fd_store *store, fd_time from, fd_time to, struct fd_offered **out,
                        size_t *count, struct fd_error *err);

#endif
