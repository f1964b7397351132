/*
 * Benchmark: the desk's everyday changes on a big database, timed in the
 * process (no program start), each the whole operation with its
 * transaction and its sync to disk.
 *
 *   bench_ops DB "YYYY-MM-DD HH:MM" book [ITERATIONS]
 *
 * book: one appointment at a time in the first free slot the suggestions
 * offer (the finding is not timed, ops_book() is).  Works on DB, which it
 * changes: give it a copy.  Prints one Markdown table row on stdout.
 */
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

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_ops DB \"YYYY-MM-DD HH:MM\" book [ITERATIONS]\n");
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
    } else {
        fprintf(stderr, "bench_ops: unknown benchmark \"%s\"\n", argv[3]);
        ops_close(&ctx);
        return 64;
    }
    ops_close(&ctx);
    return 0;
}
