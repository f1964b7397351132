/*
 * Benchmark: slot suggestions for a request (SPEC §5: 20 therapists, 21
 * days, under 5 ms).
 *
 * Works on a copy of a `frontdesk demo --appointments N` database, which
 * it changes: the demo has 7 therapists, so this adds 13 more with their
 * own rota rules and books about half of their time over the horizon
 * (fixed seed), then adds a few requests and times ops_request_suggest()
 * on each — the whole operation the Requests pane and `request suggest`
 * run: reading the request, the client's previous therapist, expanding
 * the rota over the horizon, reading the busy intervals and ranking.  A
 * last row times slots_find() alone on data read once, to tell the search
 * from the reading.
 *
 *   bench_suggest DB CONFIG "YYYY-MM-DD HH:MM" [ITERATIONS]
 *
 * Prints Markdown table rows (see print_header) on stdout.
 */
#include <frontdesk/ops.h>
#include <frontdesk/store.h>

#include "../src/ops/ops_internal.h"
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXTRA_THERAPISTS 13
#define WARMUP           20

struct extra_rule {
    const char *clinic;
    const char *days;
    const char *from, *to;
};

/* Varied weeks, mostly at the three-room clinic like a real team. */
static const struct extra_rule EXTRA_RULES[] = {
    {"Clinic", "mon,tue,wed,thu,fri", "08:00", "16:00"},
    {"Clinic", "mon,wed,fri", "12:00", "20:00"},
    {"Clinic", "tue,thu,sat", "09:00", "17:00"},
    {"Low Cost Clinic", "mon,tue,wed", "08:30", "14:30"},
    {"Clinic", "wed,thu,fri,sat", "10:00", "18:00"},
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *doing, const struct fd_error *err)
{
    fprintf(stderr, "bench_suggest: %s: %s\n", doing, err->message);
    exit(1);
}

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* 13 therapists with rota rules, through the same operations the command
 * line uses. */
static void add_therapists(struct fd_context *ctx)
{
    struct fd_error err = {0};
    for (int i = 0; i < EXTRA_THERAPISTS; i++) {
        char handle[16], name[64];
        snprintf(handle, sizeof handle, "bench%02d", i + 1);
        snprintf(name, sizeof name, "Bench Therapist %d", i + 1);
        struct fd_therapist t;
        if (ops_therapist_add(ctx, handle, name, NULL, &t, &err) < 0)
            die("adding a therapist", &err);
        const struct extra_rule *r = &EXTRA_RULES[i % (sizeof EXTRA_RULES / sizeof *EXTRA_RULES)];
        struct rota_rule rule = {
            .pattern = ROTA_WEEKLY, .valid_from = FD_DAY_NONE, .valid_until = FD_DAY_NONE};
        if (rota_parse_weekdays(r->days, &rule.weekdays, &err) < 0 ||
            time_parse_hm(r->from, &rule.start) < 0 || time_parse_hm(r->to, &rule.end) < 0)
            die("a rota rule", &err);
        rule.therapist_id = t.id;
        rule.clinic_id = config_find_clinic(&ctx->config, r->clinic)->id;
        if (ops_rota_add(ctx, &rule, &err) < 0)
            die("adding a rota rule", &err);
    }
}

/* Books roughly half of the new therapists' time over the horizon, in one
 * transaction; the schema's triggers refuse what overlaps. */
static void book_half(struct fd_context *ctx)
{
    struct fd_error err = {0};
    fd_day first = time_day(ctx->now), last = first + ctx->config.suggest_horizon_days;
    struct shift_list shifts = {0};
    if (ops_shifts(ctx, first, last, 0, &shifts, &err) < 0)
        die("expanding the rota", &err);
    if (store_begin(ops_store(ctx), NULL, NULL, &err) < 0)
        die("starting the bookings", &err);
    int64_t client_id;
    if (store_client_find_or_create(ops_store(ctx), "Bench Client", "bench@example.com", NULL,
                                    &client_id, &err) < 0)
        die("adding a client", &err);
    const struct fd_service *service = config_find_service(&ctx->config, "Sports massage 60");
    const struct fd_service *low = config_find_service(&ctx->config, "Low cost massage 45");
    if (!service || !low) {
        fprintf(stderr, "bench_suggest: the config lacks the demo services\n");
        exit(1);
    }
    uint32_t seed = 12345u;
    for (size_t i = 0; i < shifts.count; i++) {
        const struct shift *s = &shifts.items[i];
        const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, s->clinic_id);
        const struct fd_service *sv =
            clinic && config_service_offered_at(service, clinic->name) ? service : low;
        for (int minute = s->start; minute + sv->minutes <= s->end;
             minute += sv->minutes + sv->buffer) {
            if (next_random(&seed) % 2)
                continue;
            struct fd_appointment a = {.therapist_id = s->therapist_id,
                                       .clinic_id = s->clinic_id,
                                       .client_id = client_id,
                                       .minutes = sv->minutes,
                                       .price_pence = sv->price_pence,
                                       .buffer = sv->buffer,
                                       .start = time_make(s->day, minute),
                                       .created = ctx->now};
            a.end = a.start + sv->minutes;
            text_copy(a.service, sizeof a.service, sv->name);
            for (a.room = 1; clinic && a.room <= clinic->rooms; a.room++)
                if (store_appointment_insert(ops_store(ctx), &a, &err) == 0 ||
                    err.code != FD_ERR_RULE)
                    break;
        }
    }
    if (store_commit(ops_store(ctx), &err) < 0)
        die("committing the bookings", &err);
    shift_list_free(&shifts);
}

static int64_t add_request(struct fd_context *ctx, const char *service, const char *prefer,
                           const char *therapist)
{
    struct fd_error err = {0};
    struct request_input in = {.name = "Bench Request",
                               .email = "client7@example.com", /* a demo client: has history */
                               .service = service,
                               .prefer = prefer,
                               .therapist = therapist};
    struct fd_request out;
    if (ops_request_add(ctx, &in, &out, &err) < 0)
        die("adding a request", &err);
    return out.id;
}

struct timing {
    double median, p95, max;
    size_t results;
};

static void summarise(double *samples, int n, size_t results, struct timing *out)
{
    qsort(samples, (size_t)n, sizeof *samples, compare_doubles);
    out->median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    out->p95 = samples[(int)(n * 0.95) < n ? (int)(n * 0.95) : n - 1];
    out->max = samples[n - 1];
    out->results = results;
}

static void time_suggest(struct fd_context *ctx, int64_t request_id, size_t limit, int iterations,
                         struct timing *out)
{
    double *samples = malloc((size_t)iterations * sizeof *samples);
    struct fd_error err = {0};
    size_t count = 0;
    for (int i = -WARMUP; i < iterations; i++) {
        struct slot *slots = NULL;
        double start = now_ms();
        if (ops_request_suggest(ctx, request_id, limit, &slots, &count, &err) < 0)
            die("suggesting", &err);
        double took = now_ms() - start;
        free(slots);
        if (i >= 0)
            samples[i] = took;
    }
    summarise(samples, iterations, count, out);
    free(samples);
}

/* slots_find alone, on shifts and busy intervals read once. */
static void time_slots_find(struct fd_context *ctx, int iterations, struct timing *out)
{
    struct fd_error err = {0};
    const struct fd_service *service = config_find_service(&ctx->config, "Sports massage 60");
    int64_t clinic_ids[32];
    struct clinic_rooms rooms[32];
    size_t clinic_count = 0, room_count = 0;
    for (size_t i = 0; i < ctx->config.clinic_count && i < 32; i++) {
        const struct fd_clinic *clinic = &ctx->config.clinics[i];
        rooms[room_count++] = (struct clinic_rooms){clinic->id, clinic->rooms};
        if (config_service_offered_at(service, clinic->name))
            clinic_ids[clinic_count++] = clinic->id;
    }
    struct prefer prefer;
    if (prefer_parse("weekday evenings, any sat", ctx->config.opens, ctx->config.closes, &prefer,
                     &err) < 0)
        die("parsing preferences", &err);
    fd_day first = time_day(ctx->now), last = first + ctx->config.suggest_horizon_days;
    struct shift_list shifts = {0};
    struct busy *busy = NULL;
    size_t busy_count = 0;
    if (ops_shifts(ctx, first, last, 0, &shifts, &err) < 0 ||
        store_busy_list(ops_store(ctx), time_make(first, 0), time_make(last + 1, 0), &busy,
                        &busy_count, &err) < 0)
        die("reading shifts and bookings", &err);
    struct slot_query query = {.minutes = service->minutes,
                               .buffer = service->buffer,
                               .step = ctx->config.slot_step,
                               .clinic_ids = clinic_ids,
                               .clinic_count = clinic_count,
                               .not_before = ctx->now,
                               .prefer = &prefer,
                               .limit = 10};
    double *samples = malloc((size_t)iterations * sizeof *samples);
    size_t count = 0;
    for (int i = -WARMUP; i < iterations; i++) {
        struct slot *slots = NULL;
        double start = now_ms();
        if (slots_find(&shifts, busy, busy_count, rooms, room_count, &query, &slots, &count, &err) <
            0)
            die("slots_find", &err);
        double took = now_ms() - start;
        free(slots);
        if (i >= 0)
            samples[i] = took;
    }
    summarise(samples, iterations, count, out);
    free(samples);
    free(busy);
    shift_list_free(&shifts);
}

static void print_row(const char *what, size_t therapists, size_t shifts, const struct timing *t)
{
    printf("| %s | %zu | %zu | %zu | %.3f | %.3f | %.3f | %s |\n", what, therapists, shifts,
           t->results, t->median, t->p95, t->max, t->median < 5.0 ? "yes" : "**no**");
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_suggest DB CONFIG \"YYYY-MM-DD HH:MM\" [ITERATIONS]\n");
        return 64;
    }
    int iterations = argc > 4 ? atoi(argv[4]) : 1000;
    if (iterations < 1)
        iterations = 1;
    struct fd_context ctx;
    struct fd_error err = {0};
    struct fd_open_options options = {.config_path = argv[2], .database = argv[1], .now = argv[3]};
    if (ops_open(&ctx, &options, &err) < 0)
        die("opening the database", &err);

    struct fd_therapist *therapists = NULL;
    size_t therapist_count = 0;
    if (store_therapist_list(ops_store(&ctx), &therapists, &therapist_count, &err) < 0)
        die("listing therapists", &err);
    free(therapists);
    if (therapist_count < 7 + EXTRA_THERAPISTS) {
        add_therapists(&ctx);
        book_half(&ctx);
        therapist_count += EXTRA_THERAPISTS;
    }
    fd_day first = time_day(ctx.now);
    struct shift_list shifts = {0};
    if (ops_shifts(&ctx, first, first + ctx.config.suggest_horizon_days, 0, &shifts, &err) < 0)
        die("expanding the rota", &err);
    size_t shift_count = shifts.count;
    shift_list_free(&shifts);

    int64_t evenings = add_request(&ctx, "Sports massage 60", "weekday evenings, any sat", NULL);
    int64_t one = add_request(&ctx, "Deep tissue 90", "mon am, thu 12:00-14:00", "bench05");
    int64_t any = add_request(&ctx, "Sports massage 30", "", NULL);
    int64_t low = add_request(&ctx, "Low cost massage 45", "not fri", NULL);

    struct timing t;
    time_suggest(&ctx, evenings, 10, iterations, &t);
    print_row("request suggest, \"weekday evenings, any sat\", top 10", therapist_count,
              shift_count, &t);
    time_suggest(&ctx, evenings, 0, iterations, &t);
    print_row("request suggest, \"weekday evenings, any sat\", every slot", therapist_count,
              shift_count, &t);
    time_suggest(&ctx, one, 10, iterations, &t);
    print_row("request suggest, one therapist, \"mon am, thu 12:00-14:00\"", therapist_count,
              shift_count, &t);
    time_suggest(&ctx, any, 10, iterations, &t);
    print_row("request suggest, no preference, 30 min", therapist_count, shift_count, &t);
    time_suggest(&ctx, low, 10, iterations, &t);
    print_row("request suggest, \"not fri\", Low Cost Clinic", therapist_count, shift_count, &t);
    time_slots_find(&ctx, iterations, &t);
    print_row("slots_find alone (search and ranking, no reading)", therapist_count, shift_count,
              &t);
    ops_close(&ctx);
    return 0;
}
