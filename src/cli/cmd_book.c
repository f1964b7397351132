/* `frontdesk book`, `cancel`, `day` and `audit`. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

/* A series: what was booked, and each session that could not be (with
 * the nearest free time that day). */
static void print_clash(struct cli_call *call, const struct series_clash *clash)
{
    char when[FD_DATETIME_LEN];
    datetime_format(clash->start, when);
    printf("  %s %s: %s", date_weekday_name(date_weekday(time_day(clash->start))), when,
           clash->why);
    if (clash->has_alternative) {
        char instead[FD_HM_LEN];
        time_format_hm(time_minute(clash->alternative.start), instead);
        printf("; nearest free: %s with %s", instead,
               cli_therapist_handle(call, clash->alternative.therapist_id));
    } else {
        printf("; nothing else free that day");
    }
    putchar('\n');
}

static json_t *series_json(struct cli_call *call, const struct series_result *series)
{
    json_t *booked = json_array(), *skipped = json_array();
    for (size_t i = 0; i < series->booked_count; i++)
        json_array_append_new(booked, cli_json_appointment(&series->booked[i]));
    for (size_t i = 0; i < series->clash_count; i++) {
        const struct series_clash *clash = &series->clashes[i];
        char when[FD_DATETIME_LEN];
        datetime_format(clash->start, when);
        json_t *o = json_pack("{s:s, s:s}", "at", when, "why", clash->why);
        if (clash->has_alternative) {
            char instead[FD_DATETIME_LEN];
            datetime_format(clash->alternative.start, instead);
            json_object_set_new(
                o, "nearest_free",
                json_pack("{s:s, s:s}", "at", instead, "therapist",
                          cli_therapist_handle(call, clash->alternative.therapist_id)));
        }
        json_array_append_new(skipped, o);
    }
    json_t *o = json_object();
    json_object_set_new(o, "series_id",
                        series->series_id ? json_integer(series->series_id) : json_null());
    json_object_set_new(o, "booked", booked);
    json_object_set_new(o, "skipped", skipped);
    return o;
}

static int book_series(struct cli_call *call, const struct booking *booking,
                       const struct repeat *repeat, bool json)
{
    struct series_result series = {0};
    int rc = ops_book_series(&call->ctx, booking, repeat, &series, &call->err);
    if (rc < 0) {
        int code = cli_report(&call->err);
        if (series.clash_count)
            printf("Sessions that cannot be booked:\n");
        for (size_t i = 0; i < series.clash_count; i++)
            print_clash(call, &series.clashes[i]);
        series_result_free(&series);
        return code;
    }
    if (json) {
        cli_print_json(series_json(call, &series));
    } else {
        printf("Booked series %lld: %zu session%s\n", (long long)series.series_id,
               series.booked_count, series.booked_count == 1 ? "" : "s");
        for (size_t i = 0; i < series.booked_count; i++) {
            printf("  ");
            cli_print_appointment_line(&series.booked[i]);
        }
        if (series.clash_count)
            printf("Skipped %zu session%s:\n", series.clash_count,
                   series.clash_count == 1 ? "" : "s");
        for (size_t i = 0; i < series.clash_count; i++)
            print_clash(call, &series.clashes[i]);
    }
    series_result_free(&series);
    return 0;
}

/* --every, --count, --until and --skip-clashes into *repeat; false when
 * none was given (a single booking). */
static int parse_repeat(struct cli_call *call, const char *every, const char *count,
                        const char *until, bool skip, struct repeat *repeat, bool *wanted)
{
    *wanted = every || count || until || skip;
    if (!*wanted)
        return 0;
    if (!every)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "book: %s repeats a booking; say how often with --every 1w|2w|4w",
                       count   ? "--count"
                       : until ? "--until"
                               : "--skip-clashes");
    repeat->every_weeks = ops_parse_every(every);
    if (repeat->every_weeks < 0)
        return fd_fail(&call->err, FD_ERR_USAGE, "--every: \"%s\" is not 1w, 2w or 4w", every);
    if (!count == !until)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "book: --every needs --count N or --until DATE (one of them)");
    repeat->until = FD_DAY_NONE;
    repeat->skip_clashes = skip;
    long n = 0;
    if (count) {
        int rc = cli_parse_count(call, "--count", count, 1, FD_SERIES_MAX, &n);
        repeat->count = (int)n;
        return rc;
    }
    return cli_parse_day(call, "--until", until, &repeat->until);
}

int cmd_book(struct cli_call *call)
{
    const char *request = NULL, *waitlist = NULL, *name = NULL, *email = NULL, *phone = NULL;
    const char *service = NULL, *therapist = NULL, *at = NULL, *clinic = NULL;
    const char *every = NULL, *count = NULL, *until = NULL, *contact = NULL, *offer = NULL;
    bool force = false, skip = false, json = false, no_offer = false;
    const struct cli_option options[] = {{"request", 0, &request, NULL},
                                         {"waitlist", 0, &waitlist, NULL},
                                         {"name", 0, &name, NULL},
                                         {"email", 0, &email, NULL},
                                         {"phone", 0, &phone, NULL},
                                         {"service", 0, &service, NULL},
                                         {"contact", 0, &contact, NULL},
                                         {"therapist", 0, &therapist, NULL},
                                         {"at", 0, &at, NULL},
                                         {"clinic", 0, &clinic, NULL},
                                         {"force", 0, NULL, &force},
                                         {"every", 0, &every, NULL},
                                         {"count", 0, &count, NULL},
                                         {"until", 0, &until, NULL},
                                         {"skip-clashes", 0, NULL, &skip},
                                         {"json", 0, NULL, &json},
                                         {"offer", 0, &offer, NULL},
                                         {"no-offer", 0, NULL, &no_offer},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    if (rc < 0)
        return rc;
    if (offer && no_offer)
        return fd_fail(&call->err, FD_ERR_USAGE, "book: give --offer or --no-offer, not both");
    struct booking booking = {.offer = offer,
                              .no_offer = no_offer,
                              .name = name,
                              .email = email,
                              .phone = phone,
                              .contact = contact,
                              .force = force};
    if (request && waitlist)
        return fd_fail(&call->err, FD_ERR_USAGE, "book: give --request or --waitlist, not both");
    if ((request || waitlist) && (name || email || phone || service))
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "book: the client and service come from the %s; leave out --name, "
                       "--email, --phone and --service",
                       request ? "request" : "waitlist entry");
    if (!therapist || !at)
        return fd_fail(&call->err, FD_ERR_USAGE, "book: %s is required",
                       !therapist ? "--therapist" : "--at");
    if (!request && !waitlist && !service)
        return fd_fail(&call->err, FD_ERR_USAGE, "book: --service is required");
    struct repeat repeat = {0};
    bool repeated = false;
    rc = parse_repeat(call, every, count, until, skip, &repeat, &repeated);
    if (rc == 0 && request)
        rc = cli_parse_id(call, "--request", request, &booking.request_id);
    if (rc == 0 && waitlist)
        rc = cli_parse_id(call, "--waitlist", waitlist, &booking.waitlist_id);
    if (rc == 0)
        rc = cli_parse_time(call, "--at", at, &booking.start);
    struct fd_names names = {.therapist = therapist, .clinic = clinic, .service = service};
    struct fd_ids ids = {0};
    if (rc == 0)
        rc = ops_resolve_names(&call->ctx, &names, &ids, &call->err);
    if (rc < 0)
        return rc;
    booking.therapist_id = ids.therapist_id;
    booking.clinic = ids.clinic;
    booking.service = ids.service;
    if (repeated)
        return book_series(call, &booking, &repeat, json);
    struct fd_appointment appointment = {0};
    struct booking_refusal refusal = {0};
    rc = ops_book(&call->ctx, &booking, &appointment, &refusal, &call->err);
    if (rc < 0)
        return cli_report_refusal(call, &refusal);
    if (json) {
        cli_print_json(cli_json_appointment(&appointment));
    } else {
        printf("Booked ");
        cli_print_appointment_line(&appointment);
    }
    return 0;
}

/* The freed slot may suit someone waiting (SPEC §1 rule 7). */
void cli_print_waitlist_matches(struct cli_call *call, const struct fd_appointment *freed)
{
    struct fd_waitlist_entry *matches = NULL;
    size_t count = 0;
    if (ops_waitlist_matches(&call->ctx, freed, &matches, &count, &call->err) < 0) {
        fprintf(stderr, "frontdesk: done, but the waitlist could not be read: %s\n",
                call->err.message);
        return;
    }
    if (count) {
        printf("The freed slot suits %zu waiting client%s (oldest first; book with 'frontdesk "
               "book --waitlist ID'):\n",
               count, count == 1 ? "" : "s");
        for (size_t i = 0; i < count; i++)
            cli_print_waitlist_entry(&matches[i]);
    }
    free(matches);
}

static void print_cancelled(const struct fd_appointment *a)
{
    printf("Cancelled ");
    cli_print_appointment_line(a);
    if (a->late && a->fee_pence) {
        char fee[32];
        config_format_price(a->fee_pence, fee, sizeof fee);
        printf("  A late cancellation: a fee of %s is due (waive or change it with "
               "'frontdesk fee %lld').\n",
               fee, (long long)a->id);
    } else if (a->late) {
        printf("  A late cancellation (the config sets no fee for one: late_cancel_fee).\n");
    }
}

int cmd_cancel(struct cli_call *call)
{
    const char *reason = NULL, *by = NULL;
    bool following = false, json = false;
    const struct cli_option options[] = {{"reason", 0, &reason, NULL},
                                         {"by", 0, &by, NULL},
                                         {"following", 0, NULL, &following},
                                         {"json", 0, NULL, &json},
                                         {0}};
    int64_t id = 0;
    int rc = cli_parse_with_id(call, options, "APPOINTMENT_ID", &id);
    struct cancellation cancellation = {CANCELLED_BY_CLIENT, reason};
    if (rc == 0 && by && strcmp(by, "clinic") == 0)
        cancellation.by = CANCELLED_BY_CLINIC;
    else if (rc == 0 && by && strcmp(by, "client") != 0)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--by: \"%s\" is not client or clinic", by);
    if (rc < 0)
        return rc;
    struct fd_appointment one = {0}, *list = &one;
    size_t count = 1;
    if (following)
        rc = ops_cancel_following(&call->ctx, id, &cancellation, &list, &count, &call->err);
    else
        rc = ops_cancel(&call->ctx, id, &cancellation, &one, &call->err);
    if (rc != 0)
        return rc;
    if (json) {
        json_t *document = following ? json_array() : cli_json_appointment(&list[0]);
        for (size_t i = 0; following && i < count; i++)
            json_array_append_new(document, cli_json_appointment(&list[i]));
        cli_print_json(document);
    }
    for (size_t i = 0; !json && i < count; i++)
        print_cancelled(&list[i]);
    for (size_t i = 0; !json && i < count; i++)
        cli_print_waitlist_matches(call, &list[i]);
    if (list != &one)
        free(list);
    return 0;
}

static json_t *day_json(const struct fd_context *ctx, const struct day_view *view)
{
    char date[FD_DATE_LEN];
    date_format(view->day, date);
    json_t *therapists = json_array();
    for (size_t c = 0; c < view->count; c++) {
        const struct day_column *column = &view->columns[c];
        json_t *shifts = json_array(), *appointments = json_array(), *free_list = json_array();
        for (size_t i = 0; i < column->shift_count; i++)
            json_array_append_new(
                shifts, cli_json_shift(ctx, &column->shifts[i], column->therapist.handle));
        for (size_t i = 0; i < column->appointment_count; i++) {
            json_t *a = cli_json_appointment(&column->appointments[i]);
            json_object_set_new(a, "outside_rota",
                                json_boolean(column->appointments[i].outside_rota));
            json_array_append_new(appointments, a);
        }
        json_t *time_off = json_array();
        for (size_t i = 0; i < column->time_off_count; i++) {
            const struct fd_time_off_record *r = &column->time_off[i];
            char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN];
            datetime_format(r->off.from, from);
            datetime_format(r->off.to, to);
            json_array_append_new(time_off,
                                  json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)r->off.id,
                                            "from", from, "to", to, "reason", r->reason));
        }
        for (size_t i = 0; i < column->free_count; i++) {
            char a[FD_HM_LEN], b[FD_HM_LEN];
            time_format_hm(time_minute(column->free[i].start), a);
            time_format_hm(column->free[i].end - time_make(view->day, 0) >= FD_MINUTES_PER_DAY
                               ? FD_MINUTES_PER_DAY
                               : time_minute(column->free[i].end),
                           b);
            json_array_append_new(free_list, json_pack("{s:s, s:s}", "start", a, "end", b));
        }
        json_array_append_new(therapists,
                              json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "therapist",
                                        column->therapist.handle, "name", column->therapist.name,
                                        "shifts", shifts, "time_off", time_off, "appointments",
                                        appointments, "free", free_list));
    }
    json_t *o = json_pack("{s:s, s:o}", "date", date, "therapists", therapists);
    json_object_set_new(o, "closed", json_boolean(view->closure != NULL));
    /* The site the day is of, or null: every site. */
    json_object_set_new(o, "site", ctx->config.site ? json_string(ctx->config.site) : json_null());
    return o;
}

/* Day sheet: one block per therapist, fits 80 columns, prints cleanly. */
static void day_text(const struct fd_context *ctx, const struct day_view *view)
{
    char date[FD_DATE_LEN];
    date_format(view->day, date);
    static const char *const LONG_NAMES[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
    /* A desk at one site prints that site's sheet, and says so. */
    printf("%s %s  %s%s%s%s\n", LONG_NAMES[date_weekday(view->day)], date, ctx->config.clinic_name,
           ctx->config.site ? ", " : "", ctx->config.site ? ctx->config.site : "",
           view->closure ? "  (closed)" : "");
    if (view->count == 0)
        printf("\nNobody is on shift and nothing is booked.\n");
    for (size_t c = 0; c < view->count; c++) {
        const struct day_column *column = &view->columns[c];
        printf("\n%s  %s\n", column->therapist.handle, column->therapist.name);
        for (size_t i = 0; i < column->shift_count; i++) {
            char a[FD_HM_LEN], b[FD_HM_LEN];
            const struct fd_clinic *clinic =
                config_clinic_by_id(&ctx->config, column->shifts[i].clinic_id);
            time_format_hm(column->shifts[i].start, a);
            time_format_hm(column->shifts[i].end, b);
            printf("  shift %s-%s  %s\n", a, b, clinic ? clinic->name : "?");
        }
        for (size_t i = 0; i < column->time_off_count; i++) {
            const struct fd_time_off_record *r = &column->time_off[i];
            char a[FD_HM_LEN], b[FD_HM_LEN];
            fd_time from =
                r->off.from > time_make(view->day, 0) ? r->off.from : time_make(view->day, 0);
            fd_time to =
                r->off.to < time_make(view->day + 1, 0) ? r->off.to : time_make(view->day + 1, 0);
            time_format_hm(time_minute(from), a);
            time_format_hm(to - time_make(view->day, 0) >= FD_MINUTES_PER_DAY ? FD_MINUTES_PER_DAY
                                                                              : time_minute(to),
                           b);
            printf("  off   %s-%s  %s\n", a, b, r->reason[0] ? r->reason : "time off");
        }
        /* Appointments and free gaps interleaved by time. */
        size_t ai = 0, fi = 0;
        while (ai < column->appointment_count || fi < column->free_count) {
            bool take_free = ai >= column->appointment_count ||
                             (fi < column->free_count &&
                              column->free[fi].start < column->appointments[ai].start);
            char a[FD_HM_LEN], b[FD_HM_LEN];
            if (take_free) {
                time_format_hm(time_minute(column->free[fi].start), a);
                time_format_hm(time_minute(column->free[fi].end), b);
                printf("  %s-%s  free\n", a, b);
                fi++;
                continue;
            }
            const struct fd_appointment *x = &column->appointments[ai++];
            time_format_hm(time_minute(x->start), a);
            time_format_hm(time_minute(x->end), b);
            printf("  %s-%s  ", a, b);
            cli_print_cell(stdout, x->client, 22);
            putchar(' ');
            cli_print_cell(stdout, x->service, 20);
            printf(" %-7s #%lld%s\n", state_name(MACHINE_CONFIRMATION, (int)x->confirmation),
                   (long long)x->id, x->outside_rota ? "  OUTSIDE THE ROTA" : "");
        }
    }
}

int cmd_day(struct cli_call *call)
{
    const char *date = NULL, *handle = NULL;
    bool json = false;
    const struct cli_option options[] = {
        {"date", 0, &date, NULL}, {"therapist", 0, &handle, NULL}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    fd_day day = time_day(call->ctx.now);
    if (rc == 0 && date)
        rc = cli_parse_day(call, "--date", date, &day);
    struct fd_ids ids = {0};
    if (rc == 0 && handle)
        rc = ops_resolve_names(&call->ctx, &(struct fd_names){.therapist = handle}, &ids,
                               &call->err);
    struct day_view view;
    if (rc == 0)
        rc = ops_day(&call->ctx, day, ids.therapist_id, &view, &call->err);
    if (rc != 0)
        return rc;
    if (json)
        cli_print_json(day_json(&call->ctx, &view));
    else
        day_text(&call->ctx, &view);
    day_view_free(&view);
    return 0;
}

int cmd_audit(struct cli_call *call)
{
    const char *limit_text = NULL;
    bool json = false;
    const struct cli_option options[] = {
        {"limit", 0, &limit_text, NULL}, {"json", 0, NULL, &json}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    long limit = 20;
    if (rc == 0 && limit_text)
        rc = cli_parse_count(call, "--limit", limit_text, 1, 100000, &limit);
    struct fd_audit_entry *entries = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_audit_list(&call->ctx, (size_t)limit, &entries, &count, &call->err);
    if (rc < 0)
        return rc;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < count; i++) {
        char at[FD_DATETIME_LEN];
        datetime_format(entries[i].at, at);
        if (json)
            json_array_append_new(
                list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)entries[i].id,
                                "at", at, "who", entries[i].who, "what", entries[i].what, "entity",
                                entries[i].entity, "entity_id", (json_int_t)entries[i].entity_id));
        else
            printf("%s  %-10s %s %s #%lld\n", at, entries[i].who, entries[i].what,
                   entries[i].entity, (long long)entries[i].entity_id);
    }
    if (json)
        cli_print_json(list);
    free(entries);
    return 0;
}

const struct cli_command CLI_BOOK_COMMANDS[] = {
    {"book", cmd_book, DB_OPEN,
     "(--request ID | --waitlist ID | --name N --email E [--phone P] [--contact email|sms] "
     "--service S) --therapist H "
     "--at \"D HH:MM\" [--clinic C] [--force] [--every 1w|2w|4w (--count N | --until D) "
     "[--skip-clashes]] [--json]",
     "book an appointment, or a series of repeating sessions",
     "  --request ID    book a booking request: the client and service come from it\n"
     "  --waitlist ID   book a waitlist entry: likewise\n"
     "  --clinic C      the clinic (default: where the therapist's shift is)\n"
     "  --contact email|sms  how the client wants to hear from the clinic (kept for them)\n"
     "  --force         book outside the therapist's shifts (recorded in the audit log);\n"
     "                  with no shift that day, --clinic says where\n"
     "  --every 1w|2w|4w  repeat weekly, fortnightly or four-weekly at the same local time\n"
     "  --count N       that many sessions in all (at most 52)\n"
     "  --until D       sessions up to and including day D\n"
     "  --skip-clashes  book the sessions that fit and list those skipped; without it a\n"
     "                  series is all or nothing\n"
     "  --json          print what was booked as JSON (with the series id)\n"
     "  --no-offer      decline the offer the booking would get by itself\n"
     "  --offer NAME    apply an offer of the config by hand, whatever its conditions\n"
     "                  (recorded in the audit log)\n"
     "The best single offer the client qualifies for applies by itself (offers never stack).\n"
     "A time that cannot be booked is refused with the nearest free times.\n"},
    {"cancel", cmd_cancel, DB_OPEN,
     "APPOINTMENT_ID [--by client|clinic] [--reason TEXT] [--following] [--json]",
     "cancel an appointment",
     "  --by client   the client cancelled (the default): a request it came from is withdrawn;\n"
     "                less than late_cancel_hours before the start it is late, and owes\n"
     "                late_cancel_fee\n"
     "  --by clinic   the clinic cancels: a request it came from is open again, due anew\n"
     "  --following   also cancel the later sessions of its series that are still booked\n"},
    {"day", cmd_day, DB_READ, "[--date D] [--therapist H] [--json]",
     "shifts, appointments and free gaps of a day", ""},
    {"audit", cmd_audit, DB_READ, "[--limit N] [--json]",
     "show the latest changes and who made them", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
