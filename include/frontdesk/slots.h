/*
 * Availability: free time and bookable slots (SPEC §1 rules 3 and 6).
 *
 * Inputs are expanded shifts (rota.h) and the busy intervals of existing
 * non-cancelled appointments.  An appointment occupies its therapist and
 * its room from its start until its end plus the service's buffer; the
 * service itself (start..end) must lie inside one shift of the therapist
 * at that clinic, while the buffer only has to stay clear of other
 * appointments.  A clinic's `rooms` bounds how many run at once: a slot
 * needs one room (1..rooms) free for start..end+buffer.  Pure, no I/O.
 */
#ifndef FRONTDESK_SLOTS_H
#define FRONTDESK_SLOTS_H

#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/prefer.h>
#include <frontdesk/rota.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct busy {
    int64_t therapist_id;
    int64_t clinic_id;
    int room;
    fd_time start;
    fd_time until;          /* end of service plus buffer */
    int64_t appointment_id; /* whose time it is */
};

struct clinic_rooms {
    int64_t clinic_id;
    int rooms;
};

struct interval {
    fd_time start;
    fd_time end;
};

struct slot_query {
    int minutes;               /* service length */
    int buffer;                /* minutes kept free after it */
    int step;                  /* grid, minutes from midnight (slot_step) */
    const int64_t *clinic_ids; /* clinics offering the service */
    size_t clinic_count;
    int64_t therapist_id;        /* only this therapist; 0 = anyone */
    int64_t previous_therapist;  /* client's previous therapist; 0 = none */
    fd_time not_before;          /* usually "now" */
    const struct prefer *prefer; /* NULL = no preference */
    size_t limit;                /* at most this many results; 0 = all */
};

struct slot {
    int64_t therapist_id;
    int64_t clinic_id;
    int room;
    fd_time start;
    fd_time end; /* end of service (without buffer) */
    bool in_preferred;
};

/* Free gaps of one shift: the shift minus the busy intervals of that
 * therapist (buffers included).  Writes at most `max` intervals to out and
 * returns how many there are. */
size_t slots_free_in_shift(const struct shift *shift, const struct busy *busy, size_t busy_count,
                           struct interval *out, size_t max);

/* The time of one shift a booking could really take: the therapist free
 * and some room of the shift's clinic (rooms of them) free, in stretches
 * of at least min_minutes.  Writes at most max sorted, disjoint intervals
 * to out and returns how many. */
size_t slots_bookable_in_shift(const struct shift *shift, const struct busy *busy,
                               size_t busy_count, int rooms, int min_minutes, struct interval *out,
                               size_t max);

/* How many rooms the clinic has (0 when it is not in the list). */
int slots_room_count(const struct clinic_rooms *rooms, size_t room_count, int64_t clinic_id);

/* Lowest room of the clinic free for [start, until), or 0 when none is. */
int slots_free_room(const struct busy *busy, size_t busy_count, const struct clinic_rooms *rooms,
                    size_t room_count, int64_t clinic_id, fd_time start, fd_time until);

/* Is therapist free for [start, until) (ignoring appointment `except_id`
 * is not needed: callers pass busy lists without it)? */
bool slots_therapist_free(const struct busy *busy, size_t busy_count, int64_t therapist_id,
                          fd_time start, fd_time until);

/* The shift of therapist at clinic that holds [start, end), or NULL. */
const struct shift *slots_covering_shift(const struct shift_list *shifts, int64_t therapist_id,
                                         int64_t clinic_id, fd_time start, fd_time end);

/* Finds bookable slots on the step grid inside shifts, ranked: inside the
 * preferred windows first, then the previous therapist, then earliest,
 * then the therapist with fewer booked minutes that day.  Slots that touch
 * an excluded ("not …") window are left out.  One slot per therapist and
 * start time.  Allocates *out (free with free()); sets *count. */
int slots_find(const struct shift_list *shifts, const struct busy *busy, size_t busy_count,
               const struct clinic_rooms *rooms, size_t room_count, const struct slot_query *query,
               struct slot **out, size_t *count, struct fd_error *err);

#endif
