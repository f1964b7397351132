/*
 * Benchmark: the desk's everyday changes on a big database, timed in the
 * process (no program start), each the whole operation with its
 * transaction and its sync to disk.
 *
 *   bench_ops DB "YYYY-MM-DD HH:MM" book|move|series|remind [ITERATIONS]
 *
 * book: one appointment at a time in the first free slot the suggestions
 * offer (the finding is not timed, ops_book() is).
 * move: books one, then moves it to the best other free time, again and
 * again (ops_move() timed).
 * series: twelve weekly sessions booked at once, all or nothing, far
 * enough ahead to be free (ops_book_series() timed).
 * remind: finding the reminders due now (ops_reminders_due()).
 * Works on DB, which it changes: give it a copy.  Prints one Markdown
 * table row on stdout.
 */
#include <frontdesk/outbox.h>
#include <frontdesk/ops.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    fprintf(stderr, "bench_ops: %s: %s\n", doing, err->message);
    exit(1);
}

static int use_clinic_zone(const struct fd_config *config, struct fd_error *err)
{
    (void)err;
    setenv("TZ", config->timezone, 1);
    tzset();
    return 0;
}

static void print_row(const char *what, double *samples, int n)
{
    qsort(samples, (size_t)n, sizeof *samples, compare_doubles);
    double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    double p95 = samples[(int)(n * 0.95) < n ? (int)(n * 0.95) : n - 1];
    printf("| %s | %d | %.2f | %.2f | %.2f |\n", what, n, median, p95, samples[n - 1]);
}

static void bench_book(struct fd_context *ctx, int iterations)
{
    struct fd_error err = {0};
    struct request_input in = {
        .name = "Bench Booker", .email = "booker@bench.example", .service = "Sports massage 60"};
    struct fd_request request;
    if (ops_request_add(ctx, &in, &request, &err) < 0)
        die("adding a request", &err);
    const struct fd_service *service = config_find_service(&ctx->config, in.service);
    double *samples = calloc((size_t)iterations, sizeof *samples);
    int done = 0;
    for (int i = 0; i < iterations; i++) {
        struct slot *slots = NULL;
        size_t count = 0;
        if (ops_request_suggest(ctx, request.id, 1, &slots, &count, &err) < 0)
            die("finding a free slot", &err);
        if (count == 0)
            break;
        struct booking booking = {.name = in.name,
                                  .email = in.email,
                                  .service = service,
                                  .therapist_id = slots[0].therapist_id,
                                  .clinic = config_clinic_by_id(&ctx->config, slots[0].clinic_id),
                                  .start = slots[0].start};
        free(slots);
        struct fd_appointment out;
        double start = now_ms();
        if (ops_book(ctx, &booking, &out, NULL, &err) < 0)
            die("booking", &err);
        samples[done++] = now_ms() - start;
    }
    if (done == 0) {
        fprintf(stderr, "bench_ops: no free slot to book\n");
        exit(1);
    }
    print_row("book", samples, done);
    free(samples);
}

static void bench_move(struct fd_context *ctx, int iterations)
{
    struct fd_error err = {0};
    struct request_input in = {
        .name = "Bench Mover", .email = "mover@bench.example", .service = "Sports massage 60"};
    struct fd_request request;
    if (ops_request_add(ctx, &in, &request, &err) < 0)
        die("adding a request", &err);
    struct slot *slots = NULL;
    size_t count = 0;
    if (ops_request_suggest(ctx, request.id, 1, &slots, &count, &err) < 0 || count == 0)
        die("finding a free slot", &err);
    struct booking booking = {.request_id = request.id,
                              .therapist_id = slots[0].therapist_id,
                              .clinic = config_clinic_by_id(&ctx->config, slots[0].clinic_id),
                              .start = slots[0].start};
    free(slots);
    struct fd_appointment booked;
    if (ops_book(ctx, &booking, &booked, NULL, &err) < 0)
        die("booking", &err);
    double *samples = calloc((size_t)iterations, sizeof *samples);
    int done = 0;
    for (int i = 0; i < iterations; i++) {
        if (ops_appointment_suggest(ctx, booked.id, 1, &slots, &count, &err) < 0)
            die("finding a time to move to", &err);
        if (count == 0)
            break;
        struct move move = {.appointment_id = booked.id,
                            .start = slots[0].start,
                            .therapist_id = slots[0].therapist_id,
                            .clinic = config_clinic_by_id(&ctx->config, slots[0].clinic_id)};
        free(slots);
        double start = now_ms();
        if (ops_move(ctx, &move, NULL, NULL, NULL, &err) < 0)
            die("moving", &err);
        samples[done++] = now_ms() - start;
    }
    if (done == 0)
        die("moving", &(struct fd_error){.message = "no free time to move to"});
    print_row("move", samples, done);
    free(samples);
}

static void bench_series(struct fd_context *ctx, int iterations)
{
    struct fd_error err = {0};
    const struct fd_service *service = config_find_service(&ctx->config, "Sports massage 60");
    double *samples = calloc((size_t)iterations, sizeof *samples);
    int done = 0;
    /* A year ahead, each series on a day of its own: free whatever the
     * demo booked. */
    fd_day day = time_day(ctx->now) + 365;
    for (int i = 0; i < iterations && day < time_day(ctx->now) + 365 * 3; day++) {
        struct shift_list shifts = {0};
        if (ops_shifts(ctx, day, day, 0, &shifts, &err) < 0)
            die("reading the rota", &err);
        for (size_t s = 0; s < shifts.count && i < iterations; s++) {
            const struct shift *shift = &shifts.items[s];
            const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, shift->clinic_id);
            if (!clinic || !config_service_offered_at(service, clinic->name))
                continue;
            struct booking booking = {.name = "Bench Runner",
                                      .email = "runner@bench.example",
                                      .service = service,
                                      .therapist_id = shift->therapist_id,
                                      .clinic = clinic,
                                      .start = time_make(day, shift->start)};
            struct repeat repeat = {.every_weeks = 1, .count = 12, .until = FD_DAY_NONE};
            struct series_result result;
            double start = now_ms();
            int rc = ops_book_series(ctx, &booking, &repeat, &result, &err);
            double took = now_ms() - start;
            series_result_free(&result);
            if (rc == 0) {
                samples[done++] = took;
                i++;
            }
        }
        shift_list_free(&shifts);
    }
    if (done == 0)
        die("booking a series", &(struct fd_error){.message = "no free week found"});
    print_row("series of 12", samples, done);
    free(samples);
}

static void bench_remind(struct fd_context *ctx, int iterations)
{
    struct fd_error err = {0};
    double *samples = calloc((size_t)iterations, sizeof *samples);
    size_t due = 0;
    for (int i = 0; i < iterations; i++) {
        double start = now_ms();
        if (ops_reminders_due(ctx, &due, &err) < 0)
            die("finding the reminders due", &err);
        samples[i] = now_ms() - start;
    }
    char what[64];
    snprintf(what, sizeof what, "reminders due (%zu)", due);
    print_row(what, samples, iterations);
    free(samples);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr,
                "usage: bench_ops DB \"YYYY-MM-DD HH:MM\" book|move|series|remind [ITERATIONS]\n");
        return 64;
    }
    int iterations = argc > 4 ? atoi(argv[4]) : 200;
    if (iterations < 1)
        iterations = 1;
    struct fd_context ctx;
    struct fd_error err = {0};
    struct fd_open_options options = {
        .database = argv[1], .now = argv[2], .prepare_process = use_clinic_zone};
    if (ops_open(&ctx, &options, &err) < 0)
        die("opening the database", &err);
    if (strcmp(argv[3], "book") == 0) {
        bench_book(&ctx, iterations);
    } else if (strcmp(argv[3], "move") == 0) {
        bench_move(&ctx, iterations);
    } else if (strcmp(argv[3], "series") == 0) {
        bench_series(&ctx, iterations);
    } else if (strcmp(argv[3], "remind") == 0) {
        bench_remind(&ctx, iterations);
    } else {
        fprintf(stderr, "bench_ops: unknown benchmark \"%s\"\n", argv[3]);
        ops_close(&ctx);
        return 64;
    }
    ops_close(&ctx);
    return 0;
}
