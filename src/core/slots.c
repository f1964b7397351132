/*
 * Availability: the bookable slots offered for a request (SPEC §1 rules 3
 * and 6).  The simpler questions (free time, a free room) are free_time.c's.
 *
 * slots_find walks every shift that can hold the service, on the slot_step
 * grid, and asks two questions per grid time t: is the therapist free, and
 * is one of the clinic's rooms free, both for [t, t + minutes + buffer)?
 * Scanning every appointment for every grid time would cost
 * O(slots × appointments), so the busy list is first copied into two sorted
 * indexes of "lanes": one lane per therapist, and one per (clinic, room).
 * Inside a lane the entries are sorted by start and each one carries the
 * largest `until` of the lane up to it.  "Does anything in the lane overlap
 * [t, u)?" is then "among the entries starting before u, does the largest
 * until exceed t?", and because t only grows inside a shift, a cursor per
 * lane only moves forward: O(1) amortised per grid time.  Ranking keeps the
 * best `limit` slots in a bounded heap instead of sorting everything.
 * Pure: no I/O, no globals.
 */
#include <frontdesk/slots.h>
#include <frontdesk/sort.h>

#include <stdlib.h>
#include <string.h>

/* ---- small helpers over the public arrays ----------------------------- */

static bool query_offers_clinic(const struct slot_query *query, int64_t clinic_id)
{
    for (size_t i = 0; i < query->clinic_count; i++)
        if (query->clinic_ids[i] == clinic_id)
            return true;
    return false;
}

/* ---- lane indexes (see the file comment) ------------------------------ */

struct lane_entry {
    int64_t key; /* therapist id, or clinic id in the room index */
    int room;    /* 0 in the therapist index */
    fd_time start;
    fd_time until;
    fd_time max_until; /* largest until from the lane's first entry to this one */
};

struct lane {
    const struct lane_entry *entries;
    size_t begin; /* first entry of the lane */
    size_t next;  /* first entry not yet known to start before the probe's end */
    size_t end;   /* one past the lane's last entry */
};

static int lane_entry_compare(const void *a, const void *b)
{
    const struct lane_entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->room != y->room)
        return x->room < y->room ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->until > y->until) - (x->until < y->until);
}

/* Sorts an index and fills the running maximum of until in each lane. */
static void lane_index_prepare(struct lane_entry *entries, size_t count)
{
    fd_sort(entries, count, sizeof *entries, lane_entry_compare);
    for (size_t i = 0; i < count; i++) {
        struct lane_entry *e = &entries[i];
        bool same_lane = i > 0 && entries[i - 1].key == e->key && entries[i - 1].room == e->room;
        e->max_until =
            same_lane && entries[i - 1].max_until > e->until ? entries[i - 1].max_until : e->until;
    }
}

/* First entry at or after (key, room, start) in index order. */
static size_t lane_lower_bound(const struct lane_entry *entries, size_t count, int64_t key,
                               int room, fd_time start)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        const struct lane_entry *e = &entries[mid];
        bool before = e->key < key ||
                      (e->key == key && (e->room < room || (e->room == room && e->start < start)));
        if (before)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* First entry past the whole lane (key, room). */
static size_t lane_upper_bound(const struct lane_entry *entries, size_t count, int64_t key,
                               int room)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        const struct lane_entry *e = &entries[mid];
        if (e->key < key || (e->key == key && e->room <= room))
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* Positions a cursor on lane (key, room) for probes starting at `from` or
 * later.  Entries before `next` are still covered by max_until. */
static struct lane lane_open(const struct lane_entry *entries, size_t count, int64_t key, int room,
                             fd_time from)
{
    struct lane lane = {entries, 0, 0, 0};
    lane.begin = lane_lower_bound(entries, count, key, room, INT64_MIN);
    lane.end = lane_upper_bound(entries, count, key, room);
    lane.next = lane_lower_bound(entries, count, key, room, from);
    return lane;
}

/* Moves the cursor past every entry starting before `from`. */
static void lane_skip_to(struct lane *lane, fd_time from)
{
    while (lane->next < lane->end && lane->entries[lane->next].start < from)
        lane->next++;
}

/* Is the lane clear for [start, until)?  Probes must not move backwards. */
static bool lane_is_free(struct lane *lane, fd_time start, fd_time until)
{
    while (lane->next < lane->end && lane->entries[lane->next].start < until)
        lane->next++;
    return lane->next == lane->begin || lane->entries[lane->next - 1].max_until <= start;
}

/* ---- preferred windows of one weekday --------------------------------- */

/* The client's windows that apply to one weekday, includes sorted by start.
 * slots.c reads struct prefer directly rather than calling prefer.c, with
 * the semantics prefer.h documents: inside the (union of) preferred
 * windows and outside every excluded one; only "not" clauses mean every
 * other time is preferred. */
struct day_windows {
    bool has_prefer;      /* a non-empty preference was given */
    bool only_exclusions; /* no include window on any weekday */
    size_t include_count, exclude_count;
    struct prefer_window include[PREFER_MAX_WINDOWS];
    struct prefer_window exclude[PREFER_MAX_WINDOWS];
};

static void day_windows_load(struct day_windows *dw, const struct prefer *prefer, int weekday)
{
    dw->has_prefer = prefer && prefer->count > 0;
    dw->only_exclusions = true;
    dw->include_count = dw->exclude_count = 0;
    if (!dw->has_prefer)
        return;
    size_t n = prefer->count < PREFER_MAX_WINDOWS ? prefer->count : PREFER_MAX_WINDOWS;
    for (size_t i = 0; i < n; i++) {
        const struct prefer_window *w = &prefer->windows[i];
        if (!w->exclude)
            dw->only_exclusions = false;
        if (!(w->weekdays & (1u << weekday)) || w->end <= w->start)
            continue;
        if (w->exclude) {
            dw->exclude[dw->exclude_count++] = *w;
        } else {
            /* insertion sort by start: at most 64 windows */
            size_t j = dw->include_count++;
            while (j > 0 && dw->include[j - 1].start > w->start) {
                dw->include[j] = dw->include[j - 1];
                j--;
            }
            dw->include[j] = *w;
        }
    }
}

static bool day_windows_excludes(const struct day_windows *dw, int start, int end)
{
    for (size_t i = 0; i < dw->exclude_count; i++)
        if (start < dw->exclude[i].end && dw->exclude[i].start < end)
            return true;
    return false;
}

/* Assumes the slot was already checked against the excluded windows. */
static bool day_windows_prefers(const struct day_windows *dw, int start, int end)
{
    if (!dw->has_prefer)
        return false;
    if (dw->only_exclusions)
        return true;
    int covered = start;
    for (size_t i = 0; i < dw->include_count && covered < end; i++) {
        const struct prefer_window *w = &dw->include[i];
        if (w->end <= covered)
            continue;
        if (w->start > covered)
            break;
        covered = w->end;
    }
    return covered >= end;
}

/* ---- ranking ---------------------------------------------------------- */

struct candidate {
    struct slot slot;
    bool previous;    /* the client's previous therapist */
    int64_t day_load; /* busy minutes of the therapist that day */
};

/* Negative when a ranks before b: preferred, previous therapist, earliest,
 * lighter day, then ids so that equal inputs always give equal output. */
static int candidate_compare(const struct candidate *a, const struct candidate *b)
{
    if (a->slot.in_preferred != b->slot.in_preferred)
        return a->slot.in_preferred ? -1 : 1;
    if (a->previous != b->previous)
        return a->previous ? -1 : 1;
    if (a->slot.start != b->slot.start)
        return a->slot.start < b->slot.start ? -1 : 1;
    if (a->day_load != b->day_load)
        return a->day_load < b->day_load ? -1 : 1;
    if (a->slot.therapist_id != b->slot.therapist_id)
        return a->slot.therapist_id < b->slot.therapist_id ? -1 : 1;
    if (a->slot.clinic_id != b->slot.clinic_id)
        return a->slot.clinic_id < b->slot.clinic_id ? -1 : 1;
    return (a->slot.room > b->slot.room) - (a->slot.room < b->slot.room);
}

static int candidate_qsort_compare(const void *a, const void *b)
{
    return candidate_compare(a, b);
}

/* The kept candidates.  Bounded: a heap with the worst kept one at the
 * root, so a new slot only has to beat the root to get in. */
struct ranking {
    struct candidate *items;
    size_t count;
    size_t capacity;
    bool bounded;
};

static void candidate_swap(struct candidate *a, struct candidate *b)
{
    struct candidate t = *a;
    *a = *b;
    *b = t;
}

static void ranking_add(struct ranking *r, const struct candidate *c)
{
    if (!r->bounded || r->count < r->capacity) {
        if (r->count >= r->capacity)
            return; /* cannot happen: capacity is an upper bound */
        size_t i = r->count++;
        r->items[i] = *c;
        while (r->bounded && i > 0) {
            size_t parent = (i - 1) / 2;
            if (candidate_compare(&r->items[parent], &r->items[i]) >= 0)
                break;
            candidate_swap(&r->items[parent], &r->items[i]);
            i = parent;
        }
        return;
    }
    if (candidate_compare(c, &r->items[0]) >= 0)
        return;
    r->items[0] = *c;
    for (size_t i = 0;;) {
        size_t worst = i, left = 2 * i + 1, right = left + 1;
        if (left < r->count && candidate_compare(&r->items[left], &r->items[worst]) > 0)
            worst = left;
        if (right < r->count && candidate_compare(&r->items[right], &r->items[worst]) > 0)
            worst = right;
        if (worst == i)
            break;
        candidate_swap(&r->items[i], &r->items[worst]);
        i = worst;
    }
}

/* ---- slots_find ------------------------------------------------------- */

struct finder {
    const struct slot_query *query;
    const struct clinic_rooms *rooms;
    size_t room_count;
    const struct lane_entry *by_therapist;
    size_t therapist_entries;
    const struct lane_entry *by_room;
    size_t room_entries;
    /* Room lanes of every clinic offering the service, in clinic_ids order,
     * rooms 1..n each.  Their cursors sit at the day being walked: shifts
     * come day by day, so they only move forward. */
    struct lane *room_days;
    struct lane *room_lanes; /* working copies for one shift */
    struct ranking ranking;
};

/* One bit per grid time of a day: "this therapist already has a slot
 * starting here" (two clinics, or overlapping rota rules, on one day). */
#define GRID_WORDS ((FD_MINUTES_PER_DAY + 63) / 64)

struct therapist_day {
    int64_t therapist_id;
    fd_day day;
    int64_t load;
    struct day_windows windows;
    uint64_t offered[GRID_WORDS];
};

static int shift_pointer_compare(const void *a, const void *b)
{
    const struct shift *x = *(const struct shift *const *)a;
    const struct shift *y = *(const struct shift *const *)b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->therapist_id != y->therapist_id)
        return x->therapist_id < y->therapist_id ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->clinic_id > y->clinic_id) - (x->clinic_id < y->clinic_id);
}

/* Busy minutes of the therapist on the day: appointments starting that
 * day, buffers included, cut at midnight. */
static int64_t finder_day_load(const struct finder *f, int64_t therapist_id, fd_day day)
{
    fd_time day_start = time_make(day, 0), day_end = time_make(day + 1, 0);
    int64_t load = 0;
    size_t i = lane_lower_bound(f->by_therapist, f->therapist_entries, therapist_id, 0, day_start);
    for (; i < f->therapist_entries; i++) {
        const struct lane_entry *e = &f->by_therapist[i];
        if (e->key != therapist_id || e->start >= day_end)
            break;
        load += (e->until < day_end ? e->until : day_end) - e->start;
    }
    return load;
}

static void finder_start_day(const struct finder *f, struct therapist_day *td,
                             const struct shift *shift)
{
    td->therapist_id = shift->therapist_id;
    td->day = shift->day;
    td->load = finder_day_load(f, shift->therapist_id, shift->day);
    day_windows_load(&td->windows, f->query->prefer, date_weekday(shift->day));
    memset(td->offered, 0, sizeof td->offered);
}

/* Opens one lane per room of every clinic offering the service. */
static void finder_open_room_days(struct finder *f)
{
    size_t n = 0;
    for (size_t k = 0; k < f->query->clinic_count; k++) {
        int64_t clinic = f->query->clinic_ids[k];
        int total = slots_room_count(f->rooms, f->room_count, clinic);
        for (int room = 1; room <= total; room++)
            f->room_days[n++] = lane_open(f->by_room, f->room_entries, clinic, room, INT64_MIN);
    }
}

/* The room lanes of a clinic, and how many rooms it has. */
static struct lane *finder_room_days(const struct finder *f, int64_t clinic_id, int *total)
{
    size_t offset = 0;
    for (size_t k = 0; k < f->query->clinic_count; k++) {
        int rooms = slots_room_count(f->rooms, f->room_count, f->query->clinic_ids[k]);
        if (f->query->clinic_ids[k] == clinic_id) {
            *total = rooms;
            return f->room_days + offset;
        }
        offset += (size_t)rooms;
    }
    *total = 0;
    return f->room_days;
}

/* First grid minute of the shift at or after not_before, or -1. */
static int shift_first_grid_minute(const struct shift *shift, const struct slot_query *q)
{
    fd_time day_start = time_make(shift->day, 0);
    fd_time earliest = time_make(shift->day, shift->start);
    if (earliest < q->not_before)
        earliest = q->not_before;
    fd_time minute = earliest - day_start;
    if (minute >= FD_MINUTES_PER_DAY)
        return -1;
    minute = (minute + q->step - 1) / q->step * q->step;
    return (int)minute;
}

static void finder_walk_shift(struct finder *f, struct therapist_day *td, const struct shift *shift)
{
    const struct slot_query *q = f->query;
    int first = shift_first_grid_minute(shift, q);
    if (first < 0 || first + q->minutes > shift->end)
        return;
    fd_time day_start = time_make(shift->day, 0);
    fd_time probe_start = day_start + first;
    int room_total = 0;
    struct lane *room_days = finder_room_days(f, shift->clinic_id, &room_total);

    struct lane therapist =
        lane_open(f->by_therapist, f->therapist_entries, shift->therapist_id, 0, probe_start);
    for (int r = 0; r < room_total; r++) {
        lane_skip_to(&room_days[r], day_start);
        f->room_lanes[r] = room_days[r];
    }

    bool previous = q->previous_therapist != 0 && q->previous_therapist == shift->therapist_id;
    for (int minute = first; minute + q->minutes <= shift->end; minute += q->step) {
        size_t grid = (size_t)(minute / q->step);
        uint64_t bit = (uint64_t)1 << (grid % 64);
        if (td->offered[grid / 64] & bit)
            continue;
        if (day_windows_excludes(&td->windows, minute, minute + q->minutes))
            continue;
        fd_time start = day_start + minute;
        fd_time until = start + q->minutes + q->buffer;
        if (!lane_is_free(&therapist, start, until))
            continue;
        int room = 0;
        for (int r = 0; r < room_total && !room; r++)
            if (lane_is_free(&f->room_lanes[r], start, until))
                room = r + 1;
        if (!room)
            continue;

        struct candidate c = {
            .slot = {shift->therapist_id, shift->clinic_id, room, start, start + q->minutes,
                     day_windows_prefers(&td->windows, minute, minute + q->minutes)},
            .previous = previous,
            .day_load = td->load,
        };
        ranking_add(&f->ranking, &c);
        td->offered[grid / 64] |= bit;
    }
}

static int query_check(const struct shift_list *shifts, const struct busy *busy, size_t busy_count,
                       const struct clinic_rooms *rooms, size_t room_count,
                       const struct slot_query *q, struct fd_error *err)
{
    if (!shifts || !q || (shifts->count && !shifts->items) || (busy_count && !busy) ||
        (room_count && !rooms) || (q->clinic_count && !q->clinic_ids))
        return fd_fail(err, FD_ERR_SOFTWARE, "slots: missing input");
    if (q->minutes <= 0 || q->minutes > FD_MINUTES_PER_DAY)
        return fd_fail(err, FD_ERR_DATA, "slots: service length %d minutes is not 1..1440",
                       q->minutes);
    if (q->buffer < 0 || q->buffer > FD_MINUTES_PER_DAY)
        return fd_fail(err, FD_ERR_DATA, "slots: buffer %d minutes is not 0..1440", q->buffer);
    if (q->step <= 0 || q->step > FD_MINUTES_PER_DAY)
        return fd_fail(err, FD_ERR_DATA, "slots: slot step %d minutes is not 1..1440", q->step);
    return 0;
}

/* Can this shift hold the service at all?  Adds its grid size to *bound
 * and the clinic's rooms to *max_rooms when it can. */
static bool shift_is_candidate(const struct shift *s, const struct clinic_rooms *rooms,
                               size_t room_count, const struct slot_query *q, size_t *bound,
                               int *max_rooms)
{
    if (q->therapist_id && s->therapist_id != q->therapist_id)
        return false;
    if (s->start < 0 || s->end > FD_MINUTES_PER_DAY || s->end - s->start < q->minutes)
        return false;
    if (time_make(s->day, s->end - q->minutes) < q->not_before)
        return false;
    if (!query_offers_clinic(q, s->clinic_id))
        return false;
    int total = slots_room_count(rooms, room_count, s->clinic_id);
    if (total <= 0)
        return false;
    if (total > *max_rooms)
        *max_rooms = total;
    *bound += (size_t)((s->end - s->start - q->minutes) / q->step + 1);
    return true;
}

/* Copies the busy intervals that matter into the two indexes: those that
 * touch the days [from, to) of the candidate shifts (so a caller handing in
 * more history than needed pays a linear scan, not a sort), for the
 * therapist asked for and the clinics offering the service. */
static void finder_fill_indexes(struct lane_entry *entries, const struct busy *busy,
                                size_t busy_count, const struct clinic_rooms *rooms,
                                size_t room_count, const struct slot_query *q, fd_time from,
                                fd_time to, size_t *therapist_entries, size_t *room_entries)
{
    size_t t = 0;
    for (size_t i = 0; i < busy_count; i++) {
        const struct busy *b = &busy[i];
        if (b->until <= b->start || b->until <= from || b->start >= to ||
            (q->therapist_id && b->therapist_id != q->therapist_id))
            continue;
        entries[t++] = (struct lane_entry){b->therapist_id, 0, b->start, b->until, b->until};
    }
    size_t r = 0;
    struct lane_entry *by_room = entries + t;
    for (size_t i = 0; i < busy_count; i++) {
        const struct busy *b = &busy[i];
        if (b->until <= b->start || b->until <= from || b->start >= to || b->room < 1 ||
            !query_offers_clinic(q, b->clinic_id) ||
            b->room > slots_room_count(rooms, room_count, b->clinic_id))
            continue;
        by_room[r++] = (struct lane_entry){b->clinic_id, b->room, b->start, b->until, b->until};
    }
    lane_index_prepare(entries, t);
    lane_index_prepare(by_room, r);
    *therapist_entries = t;
    *room_entries = r;
}

int slots_find(const struct shift_list *shifts, const struct busy *busy, size_t busy_count,
               const struct clinic_rooms *rooms, size_t room_count, const struct slot_query *query,
               struct slot **out, size_t *count, struct fd_error *err)
{
    if (out)
        *out = NULL;
    if (count)
        *count = 0;
    if (!out || !count)
        return fd_fail(err, FD_ERR_SOFTWARE, "slots: missing input");
    int rc = query_check(shifts, busy, busy_count, rooms, room_count, query, err);
    if (rc < 0)
        return rc;

    const struct shift **order = NULL;
    struct lane_entry *entries = NULL;
    struct therapist_day day_state; /* ~2 KB: the current therapist's day */
    struct therapist_day *td = &day_state;
    struct finder f = {.query = query, .rooms = rooms, .room_count = room_count};
    size_t shift_count = 0, bound = 0;
    int max_rooms = 0;

    if (shifts->count) {
        order = malloc(shifts->count * sizeof(const struct shift *));
        if (!order)
            goto out_of_memory;
    }
    for (size_t i = 0; i < shifts->count; i++)
        if (shift_is_candidate(&shifts->items[i], rooms, room_count, query, &bound, &max_rooms))
            order[shift_count++] = &shifts->items[i];
    if (shift_count == 0)
        goto done;
    fd_sort(order, shift_count, sizeof(const struct shift *), shift_pointer_compare);

    entries = calloc(2 * busy_count + 1, sizeof *entries);
    size_t room_lanes = 0;
    for (size_t k = 0; k < query->clinic_count; k++)
        room_lanes += (size_t)slots_room_count(rooms, room_count, query->clinic_ids[k]);
    f.room_days = calloc(room_lanes + (size_t)max_rooms, sizeof *f.room_days);
    f.room_lanes = f.room_days + room_lanes;
    f.ranking.bounded = query->limit > 0 && query->limit < bound;
    f.ranking.capacity = f.ranking.bounded ? query->limit : bound;
    f.ranking.items = malloc(f.ranking.capacity * sizeof *f.ranking.items);
    if (!entries || !f.room_days || !f.ranking.items)
        goto out_of_memory;
    /* probes reach at most a day past the last shift day plus the buffer */
    fd_time from = time_make(order[0]->day, 0);
    fd_time to = time_make(order[shift_count - 1]->day + 1, 0) + query->buffer;
    finder_fill_indexes(entries, busy, busy_count, rooms, room_count, query, from, to,
                        &f.therapist_entries, &f.room_entries);
    f.by_therapist = entries;
    f.by_room = entries + f.therapist_entries;
    finder_open_room_days(&f);

    for (size_t i = 0; i < shift_count; i++) {
        const struct shift *s = order[i];
        if (i == 0 || s->day != td->day || s->therapist_id != td->therapist_id)
            finder_start_day(&f, td, s);
        finder_walk_shift(&f, td, s);
    }

    if (f.ranking.count) {
        fd_sort(f.ranking.items, f.ranking.count, sizeof *f.ranking.items, candidate_qsort_compare);
        *out = malloc(f.ranking.count * sizeof **out);
        if (!*out)
            goto out_of_memory;
        for (size_t i = 0; i < f.ranking.count; i++)
            (*out)[i] = f.ranking.items[i].slot;
        *count = f.ranking.count;
    }

done:
    free(order);
    free(entries);
    free(f.room_days);
    free(f.ranking.items);
    return 0;

out_of_memory:
    free(order);
    free(entries);
    free(f.room_days);
    free(f.ranking.items);
    return fd_fail(err, FD_ERR_SOFTWARE, "slots: out of memory");
}
