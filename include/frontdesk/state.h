/*
 * The states a record can be in, and the one table of moves between them.
 *
 * Five records have states: an appointment, its confirmation, a booking
 * request, a waitlist entry and a message in the outbox.  Each state is a named constant; its name
 * is the word stored in the database and shown in listings and JSON.  Which
 * moves are allowed is decided here and nowhere else (the schema refuses
 * the others too, from the same table):
 *
 *   appointment                          confirmation
 *
 *     booked ──► arrived ──► completed     unsent ──► sent
 *       │  └───────────────────► ▲           │  ▲       │
 *       ├──► cancelled                       ▼  │       │ (changed: the
 *       └──► no-show                       failed ──► sent  client must
 *                                                        hear again)
 *                                          sent ──► unsent
 *   request                                waitlist entry
 *
 *     pending ──► booked ──► pending         waiting ──► offered ──► booked
 *        │          │  (the clinic cancelled)   │  ▲        │
 *        │          └──► withdrawn              │  └────────┤ (not taken)
 *        ├──► declined  (the client cancelled)  ├──► booked  └──► removed
 *        └──► withdrawn                         └──► removed
 *
 *   message in the outbox
 *
 *     queued ──► sending ──► sent      A message is claimed (sending)
 *       │          │  │                before its program runs, so two
 *       │          │  └──► failed ─┐   runs never send it twice; one left
 *       │          │        ▲  │   │   sending by a crash may have gone:
 *       │          │        └──┘   │   the desk retries it (queued) or
 *       │          ├──► queued     │   voids it.  A failed one is tried
 *       ▼          ▼               ▼   again (sending) by the next run.
 *      void       void            void
 *
 * A move that is not in the table is refused with the record's current
 * state named ("appointment 12 is cancelled; it cannot become completed").
 */
#ifndef FRONTDESK_STATE_H
#define FRONTDESK_STATE_H

#include <frontdesk/error.h>

#include <stdbool.h>
#include <stdint.h>

enum appointment_status {
    APPOINTMENT_BOOKED,
    APPOINTMENT_ARRIVED,
    APPOINTMENT_COMPLETED,
    APPOINTMENT_CANCELLED,
    APPOINTMENT_NO_SHOW,
};

enum confirmation_state {
    CONFIRMATION_UNSENT,
    CONFIRMATION_SENT,
    CONFIRMATION_FAILED,
};

enum request_status {
    REQUEST_PENDING,
    REQUEST_BOOKED,
    REQUEST_DECLINED,
    REQUEST_WITHDRAWN,
};

enum waitlist_status {
    WAITLIST_WAITING,
    WAITLIST_OFFERED,
    WAITLIST_BOOKED,
    WAITLIST_REMOVED,
};

enum outbox_state {
    OUTBOX_QUEUED,
    OUTBOX_SENDING,
    OUTBOX_SENT,
    OUTBOX_FAILED,
    OUTBOX_VOID,
};

/* The five state machines. */
enum state_machine {
    MACHINE_APPOINTMENT,
    MACHINE_CONFIRMATION,
    MACHINE_REQUEST,
    MACHINE_WAITLIST,
    MACHINE_OUTBOX,
    MACHINE_COUNT
};

/* How many states the machine has (its states are 0 .. count - 1). */
int state_count(enum state_machine machine);
/* The stored and shown name of a state: "booked", "no-show" …; "?" when
 * out of range. */
const char *state_name(enum state_machine machine, int state);
/* The state of that name, or -1. */
int state_parse(enum state_machine machine, const char *name);
/* What the machine's records are called in messages: "appointment". */
const char *state_record(enum state_machine machine);

/* Is the move from one state to another in the table? */
bool state_allows(enum state_machine machine, int from, int to);
/* 0 when the move is allowed; otherwise -FD_ERR_RULE naming the record,
 * its id and its current state. */
int state_check(enum state_machine machine, int64_t id, int from, int to, struct fd_error *err);

/* The allowed moves, for the schema's copy of the table: fills *from and
 * *to with the index-th move and returns true, or false past the end. */
bool state_transition(enum state_machine machine, int index, int *from, int *to);

/* Does an appointment in this state hold its therapist and room?  Every
 * state but cancelled does: a no-show still used the time. */
static inline bool appointment_holds_slot(enum appointment_status status)
{
    return status != APPOINTMENT_CANCELLED;
}
/* Is the appointment still to happen (booked, not yet arrived)? */
static inline bool appointment_is_open(enum appointment_status status)
{
    return status == APPOINTMENT_BOOKED;
}

#endif
