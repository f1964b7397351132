/*
 * The state machines of state.h: each state's name, and the one table of
 * allowed moves.  The store writes the same table into the database so
 * that the schema refuses what this refuses.
 */
#include <frontdesk/state.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct move {
    int from;
    int to;
};

struct machine {
    const char *record;
    const char *const *names;
    const struct move *moves;
    int count;
    int move_count;
};

static const char *const APPOINTMENT_NAMES[] = {"booked", "arrived", "completed", "cancelled",
                                                "no-show"};
static const struct move APPOINTMENT_MOVES[] = {
    {APPOINTMENT_BOOKED, APPOINTMENT_ARRIVED},    {APPOINTMENT_BOOKED, APPOINTMENT_COMPLETED},
    {APPOINTMENT_BOOKED, APPOINTMENT_CANCELLED},  {APPOINTMENT_BOOKED, APPOINTMENT_NO_SHOW},
    {APPOINTMENT_ARRIVED, APPOINTMENT_COMPLETED},
};

static const char *const CONFIRMATION_NAMES[] = {"unsent", "sent", "failed"};
static const struct move CONFIRMATION_MOVES[] = {
    {CONFIRMATION_UNSENT, CONFIRMATION_SENT},   {CONFIRMATION_UNSENT, CONFIRMATION_FAILED},
    {CONFIRMATION_FAILED, CONFIRMATION_SENT},   {CONFIRMATION_FAILED, CONFIRMATION_FAILED},
    {CONFIRMATION_SENT, CONFIRMATION_SENT},     {CONFIRMATION_SENT, CONFIRMATION_UNSENT},
    {CONFIRMATION_FAILED, CONFIRMATION_UNSENT},
};

static const char *const REQUEST_NAMES[] = {"pending", "booked", "declined", "withdrawn"};
static const struct move REQUEST_MOVES[] = {
    {REQUEST_PENDING, REQUEST_BOOKED},    {REQUEST_PENDING, REQUEST_DECLINED},
    {REQUEST_PENDING, REQUEST_WITHDRAWN}, {REQUEST_BOOKED, REQUEST_PENDING},
    {REQUEST_BOOKED, REQUEST_WITHDRAWN},
};

static const char *const WAITLIST_NAMES[] = {"waiting", "offered", "booked", "removed"};
static const struct move WAITLIST_MOVES[] = {
    {WAITLIST_WAITING, WAITLIST_OFFERED}, {WAITLIST_WAITING, WAITLIST_BOOKED},
    {WAITLIST_WAITING, WAITLIST_REMOVED}, {WAITLIST_OFFERED, WAITLIST_BOOKED},
    {WAITLIST_OFFERED, WAITLIST_WAITING}, {WAITLIST_OFFERED, WAITLIST_REMOVED},
};

static const char *const OUTBOX_NAMES[] = {"queued", "sending", "sent", "failed", "void"};
static const struct move OUTBOX_MOVES[] = {
    {OUTBOX_QUEUED, OUTBOX_SENDING}, {OUTBOX_QUEUED, OUTBOX_VOID},    {OUTBOX_SENDING, OUTBOX_SENT},
    {OUTBOX_SENDING, OUTBOX_FAILED}, {OUTBOX_SENDING, OUTBOX_QUEUED}, {OUTBOX_SENDING, OUTBOX_VOID},
    {OUTBOX_FAILED, OUTBOX_SENDING}, {OUTBOX_FAILED, OUTBOX_VOID},
};

#define MACHINE(record, names, moves)                                                              \
    {                                                                                              \
        (record), (names), (moves), (int)(sizeof(names) / sizeof((names)[0])),                     \
            (int)(sizeof(moves) / sizeof((moves)[0]))                                              \
    }

static const struct machine MACHINES[MACHINE_COUNT] = {
    [MACHINE_APPOINTMENT] = MACHINE("appointment", APPOINTMENT_NAMES, APPOINTMENT_MOVES),
    [MACHINE_CONFIRMATION] = MACHINE("confirmation", CONFIRMATION_NAMES, CONFIRMATION_MOVES),
    [MACHINE_REQUEST] = MACHINE("request", REQUEST_NAMES, REQUEST_MOVES),
    [MACHINE_WAITLIST] = MACHINE("waitlist entry", WAITLIST_NAMES, WAITLIST_MOVES),
    [MACHINE_OUTBOX] = MACHINE("message", OUTBOX_NAMES, OUTBOX_MOVES),
};

static const struct machine *machine_of(enum state_machine machine)
{
    return (unsigned)machine < MACHINE_COUNT ? &MACHINES[machine] : NULL;
}

int state_count(enum state_machine machine)
{
    const struct machine *m = machine_of(machine);
    return m ? m->count : 0;
}

const char *state_name(enum state_machine machine, int state)
{
    const struct machine *m = machine_of(machine);
    return m && state >= 0 && state < m->count ? m->names[state] : "?";
}

int state_parse(enum state_machine machine, const char *name)
{
    const struct machine *m = machine_of(machine);
    for (int i = 0; m && name && i < m->count; i++)
        if (strcmp(m->names[i], name) == 0)
            return i;
    return -1;
}

const char *state_record(enum state_machine machine)
{
    const struct machine *m = machine_of(machine);
    return m ? m->record : "record";
}

bool state_allows(enum state_machine machine, int from, int to)
{
    const struct machine *m = machine_of(machine);
    for (int i = 0; m && i < m->move_count; i++)
        if (m->moves[i].from == from && m->moves[i].to == to)
            return true;
    return false;
}

int state_check(enum state_machine machine, int64_t id, int from, int to, struct fd_error *err)
{
    if (state_allows(machine, from, to))
        return 0;
    /* Name the states the move is allowed from: "is cancelled, not booked". */
    char allowed[96] = "";
    size_t used = 0;
    for (int state = 0; state < state_count(machine); state++) {
        if (!state_allows(machine, state, to))
            continue;
        int n = snprintf(allowed + used, sizeof allowed - used, "%s%s", used ? " or " : "",
                         state_name(machine, state));
        if (n < 0 || (size_t)n >= sizeof allowed - used)
            break;
        used += (size_t)n;
    }
    if (!used)
        return fd_fail(err, FD_ERR_RULE, "%s %lld is %s; it cannot become %s",
                       state_record(machine), (long long)id, state_name(machine, from),
                       state_name(machine, to));
    return fd_fail(err, FD_ERR_RULE, "%s %lld is %s, not %s%s%s%s", state_record(machine),
                   (long long)id, state_name(machine, from), allowed,
                   from == to ? " (it was already " : "", from == to ? state_name(machine, to) : "",
                   from == to ? ")" : "");
}

bool state_transition(enum state_machine machine, int index, int *from, int *to)
{
    const struct machine *m = machine_of(machine);
    if (!m || index < 0 || index >= m->move_count)
        return false;
    *from = m->moves[index].from;
    *to = m->moves[index].to;
    return true;
}
