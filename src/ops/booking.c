/*
 * Booking one appointment, or a series of repeating sessions (SPEC §1
 * rules 2 and 3).
 *
 * The checks of slot_check.c run inside the same write transaction as the
 * insert, so they see exactly what the insert will see.  The schema's
 * triggers are the final word on overlaps: if another desk slipped
 * something past these checks, the insert itself fails with "that slot was
 * just taken", and the nearest free times are offered instead.
 *
 * A series is one transaction too: every session is checked and inserted,
 * and one that cannot be booked rolls all of them back, unless the desk
 * asked to skip the clashes.  Each session keeps the same local time,
 * whatever the clocks do in between.
 */
#include "ops_internal.h"

#include <frontdesk/offer.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct book_plan {
    const struct booking *in;
    struct slot_plan slot;
    char name[FD_NAME_SIZE];
    char email[FD_EMAIL_SIZE];
    char phone[FD_PHONE_SIZE];
    char service_name[FD_SERVICE_SIZE];
    int64_t client_id;   /* found or created inside the transaction */
    int64_t series_id;   /* 0: a single appointment */
    bool source_checked; /* the request or waitlist entry is still open */
};

/* Inside the transaction: the request or waitlist entry being booked is
 * still open (another desk may have booked it a moment ago). */
static int check_source_still_open(struct fd_context *ctx, const struct booking *in,
                                   struct fd_error *err)
{
    if (in->request_id) {
        struct fd_request request;
        int rc = store_request_get(ops_store(ctx), in->request_id, &request, err);
        return rc < 0 ? rc
                      : state_check(MACHINE_REQUEST, in->request_id, (int)request.status,
                                    REQUEST_BOOKED, err);
    }
    if (in->waitlist_id) {
        struct fd_waitlist_entry entry;
        int rc = store_waitlist_get(ops_store(ctx), in->waitlist_id, &entry, err);
        return rc < 0 ? rc
                      : state_check(MACHINE_WAITLIST, in->waitlist_id, (int)entry.status,
                                    WAITLIST_BOOKED, err);
    }
    return 0;
}

/* The price of a session at start for the client (0: not known yet): the
 * service's, less the best offer it qualifies for (offer.h), or the one
 * named by hand. */
static int price_session(struct fd_context *ctx, const struct booking *in,
                         const struct fd_service *service, int64_t client_id, fd_time start,
                         struct price_quote *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->price_pence = service->price_pence;
    if (in->no_offer)
        return 0;
    const struct fd_offer *offer = NULL;
    int price = service->price_pence;
    if (in->offer && *in->offer) {
        offer = config_find_offer(&ctx->config, in->offer);
        if (!offer)
            return fd_fail(err, FD_ERR_USAGE, "--offer: no offer is named \"%s\" in the config",
                           in->offer);
        price -= offer_discount_pence(offer, price);
    } else {
        struct fd_subscription *subs = NULL;
        size_t count = 0;
        struct subscription_filter filter = {.client_id = client_id, .with_former = true};
        int rc = client_id ? store_subscriptions(ops_store(ctx), &filter, &subs, &count, err) : 0;
        if (rc < 0)
            return rc;
        /* A list left by now is not one the client is on. */
        struct offer_subscription on[32];
        size_t on_count = 0;
        for (size_t i = 0; i < count && on_count < 32; i++)
            if (!subs[i].unsubscribed_at || subs[i].unsubscribed_at > ctx->now)
                on[on_count++] = (struct offer_subscription){subs[i].list, subs[i].subscribed_at};
        struct offer_booking booking = {.day = time_day(start),
                                        .service = service->name,
                                        .price_pence = service->price_pence,
                                        .has_earlier_session =
                                            client_id &&
                                            store_client_has_sessions(ops_store(ctx), client_id),
                                        .made_at = ctx->now,
                                        .subscriptions = on,
                                        .subscription_count = on_count};
        offer = offer_choose(ctx->config.offers, ctx->config.offer_count, &booking, &price);
        free(subs);
    }
    if (offer) {
        out->price_pence = price < 0 ? 0 : price;
        out->list_price_pence = service->price_pence;
        text_copy(out->offer, sizeof out->offer, offer->name);
    }
    return 0;
}

/* Books one session at start (inside the transaction): the checks, the
 * client, the insert, the audit line.  The first session of a booking
 * also answers its request or waitlist entry. */
static int book_one(struct fd_context *ctx, struct book_plan *plan, fd_time start,
                    struct fd_appointment *a, struct fd_error *err)
{
    const struct booking *in = plan->in;
    int rc = ops_slot_check(ctx, &plan->slot, start, in->clinic, err);
    if (rc == 0 && !plan->client_id) {
        rc = store_client_find_or_create(ops_store(ctx), plan->name, plan->email, plan->phone,
                                         &plan->client_id, err);
        if (rc == 0)
            rc = ops_apply_contact(ctx, plan->client_id, in->contact, err);
        /* Texts need a number. */
        struct fd_client client;
        if (rc == 0 && in->contact && strcmp(in->contact, "sms") == 0 &&
            (rc = store_client_get(ops_store(ctx), plan->client_id, &client, err)) == 0 &&
            !client.phone[0])
            rc = fd_fail(err, FD_ERR_USAGE,
                         "--contact sms: %s has no phone number to text; give "
                         "--phone",
                         client.name);
    }
    bool first = !plan->source_checked;
    if (rc == 0 && first)
        rc = check_source_still_open(ctx, in, err);
    if (rc < 0)
        return rc;
    plan->source_checked = true;

    memset(a, 0, sizeof *a);
    a->therapist_id = plan->slot.therapist.id;
    a->clinic_id = plan->slot.clinic->id;
    a->room = plan->slot.room;
    a->client_id = plan->client_id;
    a->request_id = first ? in->request_id : 0;
    a->waitlist_id = first ? in->waitlist_id : 0;
    a->series_id = plan->series_id;
    text_copy(a->service, sizeof a->service, plan->slot.service->name);
    a->minutes = plan->slot.service->minutes;
    struct price_quote quote;
    rc = price_session(ctx, in, plan->slot.service, plan->client_id, start, &quote, err);
    if (rc < 0)
        return rc;
    a->price_pence = quote.price_pence;
    a->list_price_pence = quote.list_price_pence;
    text_copy(a->offer, sizeof a->offer, quote.offer);
    a->buffer = plan->slot.service->buffer;
    a->start = start;
    a->end = plan->slot.end;
    a->forced = in->force;
    a->created = ctx->now;
    rc = store_appointment_insert(ops_store(ctx), a, err);
    if (rc < 0 && store_slot_was_taken(ops_store(ctx)))
        plan->slot.about_time = true;
    char when[FD_DATETIME_LEN], offer[FD_NAME_SIZE + 64] = "";
    datetime_format(start, when);
    if (quote.offer[0]) {
        char price[16];
        config_format_price(quote.price_pence, price, sizeof price);
        snprintf(offer, sizeof offer, " at %s with the offer %s%s", price, quote.offer,
                 in->offer && *in->offer ? ", applied by hand" : "");
    }
    if (rc == 0)
        rc = ops_audit(ctx, "appointment", a->id, err, "booked %s with %s at %s, %s%s%s%s",
                       plan->slot.service->name, plan->slot.therapist.handle,
                       plan->slot.clinic->name, when, offer,
                       plan->series_id ? " (one of a series)" : "",
                       in->force ? " (rota check overridden with --force)" : "");
    /* The client's confirmation: one for a series, sent with its first
     * session, listing the others. */
    struct fd_outbox_message confirmation = {.kind = MESSAGE_KIND_CONFIRMATION,
                                             .client_id = plan->client_id,
                                             .appointment_id = a->id,
                                             .request_id = first ? in->request_id : 0};
    if (rc == 0 && first)
        rc = ops_queue_message(ctx, &confirmation, err);
    if (rc == 0 && first && in->request_id)
        rc = store_request_set_status(ops_store(ctx), in->request_id, REQUEST_BOOKED, NULL,
                                      ctx->now, plan->client_id, err);
    if (rc == 0 && first && in->waitlist_id)
        rc = store_waitlist_set_status(ops_store(ctx), in->waitlist_id, WAITLIST_BOOKED, err);
    /* Offers of other slots still to go to that entry go no more. */
    if (rc == 0 && first && in->waitlist_id)
        rc = ops_void_entry_messages(ctx, in->waitlist_id, KIND_BIT(MESSAGE_KIND_OFFER), err);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), a->id, a, err);
    return rc;
}

static int validate_client(struct book_plan *plan, const struct booking *in, struct fd_error *err)
{
    text_copy_trimmed(plan->name, sizeof plan->name, in->name);
    text_copy_trimmed(plan->email, sizeof plan->email, in->email);
    text_copy_trimmed(plan->phone, sizeof plan->phone, in->phone);
    if (!plan->name[0])
        return fd_fail(err, FD_ERR_USAGE, "--name: the client's name is required");
    if (!text_is_clean_utf8(plan->name, strlen(plan->name), false))
        return fd_fail(err, FD_ERR_DATA, "--name: not valid UTF-8 text");
    if (!plan->email[0] && !plan->phone[0])
        return fd_fail(err, FD_ERR_USAGE, "--email: the client's email (or --phone) is required");
    if (plan->email[0] && text_check_email("--email", plan->email, FD_ERR_DATA, err) < 0)
        return -FD_ERR_DATA;
    enum contact_channel contact;
    int rc = ops_parse_contact("--contact", in->contact, &contact, err);
    /* A number typed now is checked; one a request or entry brought was
     * checked when it came (or predates the check). */
    if (rc == 0 && !in->request_id && !in->waitlist_id)
        rc = ops_check_phone("--phone", plan->phone, sizeof plan->phone, err);
    return rc;
}

/* A booking of a request or waitlist entry takes the client and service
 * from it; the copy lives in plan so the caller's booking is untouched. */
static int fill_from_source(struct fd_context *ctx, struct book_plan *plan,
                            struct booking *effective, struct fd_error *err)
{
    if (effective->request_id) {
        struct fd_request request;
        int rc = store_request_get(ops_store(ctx), effective->request_id, &request, err);
        if (rc < 0)
            return rc;
        rc = state_check(MACHINE_REQUEST, effective->request_id, (int)request.status,
                         REQUEST_BOOKED, err);
        if (rc < 0)
            return rc;
        text_copy(plan->name, sizeof plan->name, request.name);
        text_copy(plan->email, sizeof plan->email, request.email);
        text_copy(plan->phone, sizeof plan->phone, request.phone);
        text_copy(plan->service_name, sizeof plan->service_name, request.service);
    } else if (effective->waitlist_id) {
        struct fd_waitlist_entry entry;
        int rc = store_waitlist_get(ops_store(ctx), effective->waitlist_id, &entry, err);
        if (rc < 0)
            return rc;
        rc = state_check(MACHINE_WAITLIST, effective->waitlist_id, (int)entry.status,
                         WAITLIST_BOOKED, err);
        if (rc < 0)
            return rc;
        if (!entry.service[0])
            return fd_fail(err, FD_ERR_RULE,
                           "waitlist entry %lld is on the opening waitlist: there is no service "
                           "to book (tell them with 'waitlist notify')",
                           (long long)entry.id);
        struct fd_client client;
        rc = store_client_get(ops_store(ctx), entry.client_id, &client, err);
        if (rc < 0)
            return rc;
        text_copy(plan->name, sizeof plan->name, client.name);
        text_copy(plan->email, sizeof plan->email, client.email);
        text_copy(plan->phone, sizeof plan->phone, client.phone);
        text_copy(plan->service_name, sizeof plan->service_name, entry.service);
    } else {
        return 0;
    }
    effective->name = plan->name;
    effective->email = plan->email;
    effective->phone = plan->phone;
    effective->service = config_find_service(&ctx->config, plan->service_name);
    if (!effective->service)
        return fd_fail(err, FD_ERR_CONFIG,
                       "the service \"%s\" is no longer in the config; decline or rebook it",
                       plan->service_name);
    return 0;
}

/* What every booking needs before its transaction: the client and
 * service (from the request or entry if one is booked), the therapist. */
static int prepare(struct fd_context *ctx, struct book_plan *plan, struct booking *effective,
                   struct fd_error *err)
{
    plan->in = effective;
    int rc = fill_from_source(ctx, plan, effective, err);
    if (rc == 0)
        rc = validate_client(plan, effective, err);
    if (rc < 0)
        return rc;
    /* A desk at one site books for that site unless told otherwise. */
    if (!effective->clinic)
        effective->clinic = config_site(&ctx->config);
    plan->slot.service = effective->service;
    plan->slot.force = effective->force;
    plan->slot.named = effective->clinic;
    plan->slot.clinic = effective->clinic;
    return ops_slot_prepare(ctx, &plan->slot, effective->therapist_id, err);
}

struct single {
    struct book_plan *plan;
    struct fd_appointment *out;
};

static int book_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct single *single = arg;
    return book_one(ctx, single->plan, single->plan->in->start, single->out, err);
}

int ops_book(struct fd_context *ctx, const struct booking *booking, struct fd_appointment *out,
             struct booking_refusal *refusal, struct fd_error *err)
{
    if (refusal)
        memset(refusal, 0, sizeof *refusal);
    struct booking effective = *booking;
    struct book_plan plan = {0};
    int rc = prepare(ctx, &plan, &effective, err);
    if (rc == 0)
        rc = ops_slot_check_time(ctx, &plan.slot, effective.start, err);
    if (rc == 0) {
        struct single single = {&plan, out};
        rc = ops_run(ctx, book_step, &single, err);
    }
    if (rc < 0) {
        plan.slot.start = effective.start;
        ops_slot_refused(ctx, &plan.slot, refusal);
    }
    return rc;
}

int ops_book_within(struct fd_context *ctx, const struct booking *booking,
                    struct fd_appointment *out, bool *about_time, struct fd_error *err)
{
    struct booking effective = *booking;
    struct book_plan plan = {0};
    int rc = prepare(ctx, &plan, &effective, err);
    if (rc == 0)
        rc = ops_slot_check_time(ctx, &plan.slot, effective.start, err);
    if (rc == 0)
        rc = book_one(ctx, &plan, effective.start, out, err);
    *about_time = rc < 0 && plan.slot.about_time;
    return rc;
}

int ops_booking_price(struct fd_context *ctx, const struct booking *booking,
                      struct price_quote *out, struct fd_error *err)
{
    struct booking effective = *booking;
    struct book_plan plan = {0};
    int rc = fill_from_source(ctx, &plan, &effective, err);
    if (rc == 0 && !effective.service)
        rc = fd_fail(err, FD_ERR_USAGE, "--service: name the service to book");
    if (rc < 0)
        return rc;
    int64_t client_id = 0;
    if (effective.name && *effective.name)
        rc = store_client_find(ops_store(ctx), effective.name, effective.email, effective.phone,
                               &client_id, err);
    return rc < 0 ? rc
                  : price_session(ctx, &effective, effective.service, client_id, effective.start,
                                  out, err);
}

/* ---- series ---- */

int ops_parse_every(const char *text)
{
    if (!text)
        return -1;
    if (strcmp(text, "1w") == 0)
        return 1;
    if (strcmp(text, "2w") == 0)
        return 2;
    if (strcmp(text, "4w") == 0)
        return 4;
    return -1;
}

struct series_plan {
    struct book_plan plan;
    const struct repeat *repeat;
    fd_time starts[FD_SERIES_MAX];
    size_t count;
    struct series_result *out;
};

/* The sessions' starts: the same wall-clock time every so many weeks. */
static int series_starts(const struct booking *in, const struct repeat *repeat,
                         struct series_plan *series, struct fd_error *err)
{
    if (repeat->every_weeks != 1 && repeat->every_weeks != 2 && repeat->every_weeks != 4)
        return fd_fail(err, FD_ERR_USAGE, "--every: give 1w, 2w or 4w");
    if ((repeat->count > 0) == (repeat->until != FD_DAY_NONE))
        return fd_fail(err, FD_ERR_USAGE, "--every: give --count N or --until DATE (one of them)");
    if (repeat->count < 0 || repeat->count > FD_SERIES_MAX)
        return fd_fail(err, FD_ERR_USAGE, "--count: give 1 to %d sessions", FD_SERIES_MAX);
    fd_day day = time_day(in->start);
    int minute = time_minute(in->start);
    if (repeat->until != FD_DAY_NONE && repeat->until < day)
        return fd_fail(err, FD_ERR_USAGE, "--until: the series starts after it");
    series->count = 0;
    for (int k = 0; series->count < FD_SERIES_MAX; k++) {
        fd_day d = day + (fd_day)k * 7 * repeat->every_weeks;
        if (repeat->count ? k >= repeat->count : d > repeat->until)
            break;
        series->starts[series->count++] = time_make(d, minute);
    }
    if (repeat->until != FD_DAY_NONE &&
        day + (fd_day)series->count * 7 * repeat->every_weeks <= repeat->until)
        return fd_fail(err, FD_ERR_USAGE, "--until: a series holds at most %d sessions",
                       FD_SERIES_MAX);
    return 0;
}

static int add_clash(struct series_result *out, fd_time start, const char *why,
                     struct fd_error *err)
{
    struct series_clash *grown = realloc(out->clashes, (out->clash_count + 1) * sizeof *grown);
    if (!grown)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    out->clashes = grown;
    struct series_clash *clash = &grown[out->clash_count++];
    memset(clash, 0, sizeof *clash);
    clash->start = start;
    text_copy(clash->why, sizeof clash->why, why);
    return 0;
}

/* Every session checked and inserted; a clash is noted and the others
 * still tried, so that the desk sees every clash at once. */
static int series_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct series_plan *series = arg;
    struct series_result *out = series->out;
    int rc = store_appointment_next_series(ops_store(ctx), &series->plan.series_id, err);
    if (rc < 0)
        return rc;
    out->series_id = series->plan.series_id;
    out->booked = calloc(series->count, sizeof *out->booked);
    if (!out->booked)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; i < series->count; i++) {
        struct fd_error why = {0};
        rc = ops_slot_check_time(ctx, &series->plan.slot, series->starts[i], &why);
        if (rc == 0)
            rc = book_one(ctx, &series->plan, series->starts[i], &out->booked[out->booked_count],
                          &why);
        if (rc == 0) {
            out->booked_count++;
            continue;
        }
        if (!series->plan.slot.about_time) {
            *err = why;
            return rc; /* not about one session's time: the whole series fails */
        }
        rc = add_clash(out, series->starts[i], why.message, err);
        if (rc < 0)
            return rc;
    }
    if (out->clash_count == series->count)
        return fd_fail(err, FD_ERR_RULE,
                       "none of the %zu sessions can be booked; nothing was booked", series->count);
    if (out->clash_count && !series->repeat->skip_clashes)
        return fd_fail(err, FD_ERR_RULE,
                       "%zu of the %zu sessions cannot be booked, so nothing was booked; "
                       "--skip-clashes books the rest",
                       out->clash_count, series->count);
    return ops_audit(ctx, "appointment", out->booked[0].id, err,
                     "booked a series of %zu session%s every %d week%s (series %lld)%s",
                     out->booked_count, out->booked_count == 1 ? "" : "s",
                     series->repeat->every_weeks, series->repeat->every_weeks == 1 ? "" : "s",
                     (long long)out->series_id, out->clash_count ? ", clashes skipped" : "");
}

/* Each clash gets the free time nearest it that day, for the desk to
 * offer instead. */
static void offer_alternatives(struct fd_context *ctx, struct series_plan *series)
{
    for (size_t i = 0; series->plan.in && i < series->out->clash_count; i++) {
        struct series_clash *clash = &series->out->clashes[i];
        struct slot_plan at = series->plan.slot;
        at.start = clash->start;
        at.named = series->plan.in->clinic;
        size_t found = 0;
        ops_nearest_slots(ctx, &at, &clash->alternative, 1, &found);
        clash->has_alternative =
            found == 1 && time_day(clash->alternative.start) == time_day(clash->start);
    }
}

int ops_book_series(struct fd_context *ctx, const struct booking *booking,
                    const struct repeat *repeat, struct series_result *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    struct booking effective = *booking;
    struct series_plan *series = calloc(1, sizeof *series);
    if (!series)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    series->repeat = repeat;
    series->out = out;
    int rc = series_starts(booking, repeat, series, err);
    if (rc == 0)
        rc = prepare(ctx, &series->plan, &effective, err);
    if (rc == 0)
        rc = ops_run(ctx, series_step, series, err);
    if (rc < 0) {
        /* Rolled back: nothing is booked, whatever the step had counted. */
        out->booked_count = 0;
        out->series_id = 0;
    }
    offer_alternatives(ctx, series);
    free(series);
    return rc;
}

void series_result_free(struct series_result *result)
{
    free(result->booked);
    free(result->clashes);
    memset(result, 0, sizeof *result);
}
