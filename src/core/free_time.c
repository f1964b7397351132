/*
 * Availability's simple questions: the free gaps of a shift, the time in it
 * a booking could really take (the therapist and a room both free), a free
 * room, whether a therapist is free, and which shift holds an appointment.
 * None allocates, so none can fail.  Pure: no I/O, no globals.
 */
#include <frontdesk/slots.h>

#include <string.h>

/* ---- small helpers over the public arrays ----------------------------- */

static bool intervals_overlap(fd_time a_start, fd_time a_end, fd_time b_start, fd_time b_end)
{
    return a_start < b_end && b_start < a_end;
}

int slots_room_count(const struct clinic_rooms *rooms, size_t room_count, int64_t clinic_id)
{
    for (size_t i = 0; i < room_count; i++)
        if (rooms[i].clinic_id == clinic_id)
            return rooms[i].rooms > 0 ? rooms[i].rooms : 0;
    return 0;
}

/* ---- the simple, allocation-free queries ------------------------------ */

/* Each round takes the earliest-starting busy interval still reaching past
 * `cursor`: a gap lies before it when it starts later, and the cursor jumps
 * to its end.  Every round consumes at least one interval, so this is
 * O(k × busy_count) for k intervals of this therapist in the shift — fine
 * for a day view, and it needs no allocation (and so no error path). */
size_t slots_free_in_shift(const struct shift *shift, const struct busy *busy, size_t busy_count,
                           struct interval *out, size_t max)
{
    if (!shift || (busy_count && !busy))
        return 0;
    fd_time cursor = time_make(shift->day, shift->start);
    fd_time end = time_make(shift->day, shift->end);
    size_t found = 0;

    while (cursor < end) {
        const struct busy *first = NULL;
        for (size_t i = 0; i < busy_count; i++) {
            const struct busy *b = &busy[i];
            if (b->therapist_id != shift->therapist_id || b->until <= cursor || b->start >= end ||
                b->until <= b->start)
                continue;
            if (!first || b->start < first->start)
                first = b;
        }
        fd_time gap_end = first ? first->start : end;
        if (gap_end > cursor) {
            if (found < max && out)
                out[found] = (struct interval){cursor, gap_end};
            found++;
        }
        if (!first)
            break;
        if (first->until > cursor)
            cursor = first->until;
    }
    return found;
}

int slots_free_room(const struct busy *busy, size_t busy_count, const struct clinic_rooms *rooms,
                    size_t room_count, int64_t clinic_id, fd_time start, fd_time until)
{
    if ((busy_count && !busy) || (room_count && !rooms))
        return 0;
    int total = slots_room_count(rooms, room_count, clinic_id);
    for (int room = 1; room <= total; room++) {
        bool taken = false;
        for (size_t i = 0; i < busy_count && !taken; i++)
            taken = busy[i].clinic_id == clinic_id && busy[i].room == room &&
                    intervals_overlap(busy[i].start, busy[i].until, start, until);
        if (!taken)
            return room;
    }
    return 0;
}

bool slots_therapist_free(const struct busy *busy, size_t busy_count, int64_t therapist_id,
                          fd_time start, fd_time until)
{
    for (size_t i = 0; busy && i < busy_count; i++)
        if (busy[i].therapist_id == therapist_id &&
            intervals_overlap(busy[i].start, busy[i].until, start, until))
            return false;
    return true;
}

/* An empty or reversed interval is held by no shift: an appointment always
 * has a length. */
const struct shift *slots_covering_shift(const struct shift_list *shifts, int64_t therapist_id,
                                         int64_t clinic_id, fd_time start, fd_time end)
{
    if (!shifts || !shifts->items || end <= start)
        return NULL;
    for (size_t i = 0; i < shifts->count; i++) {
        const struct shift *s = &shifts->items[i];
        if (s->therapist_id == therapist_id && s->clinic_id == clinic_id &&
            time_make(s->day, s->start) <= start && end <= time_make(s->day, s->end))
            return s;
    }
    return NULL;
}

/* Adds [start, end) to a sorted list of disjoint intervals, merging what
 * touches it; false when the list is full. */
static bool union_add(struct interval *list, size_t *count, size_t max, fd_time start, fd_time end)
{
    size_t i = 0;
    while (i < *count && list[i].end < start)
        i++;
    size_t j = i;
    while (j < *count && list[j].start <= end) {
        if (list[j].start < start)
            start = list[j].start;
        if (list[j].end > end)
            end = list[j].end;
        j++;
    }
    if (j == i && *count == max)
        return false;
    memmove(&list[i + 1], &list[j], (*count - j) * sizeof *list);
    *count = *count - (j - i) + 1;
    list[i] = (struct interval){start, end};
    return true;
}

/* For each room, the therapist's free gaps minus the room's bookings are
 * stretches that room could hold a booking in; keeping those long enough
 * for the shortest service and joining them over the rooms gives the time
 * a receptionist can actually book. */
size_t slots_bookable_in_shift(const struct shift *shift, const struct busy *busy,
                               size_t busy_count, int rooms, int min_minutes, struct interval *out,
                               size_t max)
{
    struct interval gaps[64];
    size_t gap_count = slots_free_in_shift(shift, busy, busy_count, gaps, 64);
    if (gap_count > 64)
        gap_count = 64;
    size_t count = 0;
    for (int room = 1; room <= rooms; room++) {
        for (size_t g = 0; g < gap_count; g++) {
            fd_time cursor = gaps[g].start;
            while (cursor < gaps[g].end) {
                /* The first booking of this room that reaches past cursor. */
                const struct busy *first = NULL;
                for (size_t i = 0; i < busy_count; i++) {
                    const struct busy *b = &busy[i];
                    if (b->clinic_id != shift->clinic_id || b->room != room || b->until <= cursor ||
                        b->start >= gaps[g].end)
                        continue;
                    if (!first || b->start < first->start)
                        first = b;
                }
                fd_time stop = first && first->start < gaps[g].end ? first->start : gaps[g].end;
                if (stop - cursor >= min_minutes && !union_add(out, &count, max, cursor, stop))
                    return count;
                if (!first)
                    break;
                cursor = first->until > cursor ? first->until : cursor + 1;
            }
        }
    }
    return count;
}
