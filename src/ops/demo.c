/*
 * The demo clinic: a realistic fortnight either side of "now", so that
 * every pane has something true to show, and — on request — a long,
 * deterministic synthetic history for benchmarks.
 *
 * Everything comes from a small fixed-seed generator, so the same --now
 * always builds the same clinic.  Appointments are placed inside the
 * therapists' expanded shifts and go through the same insert (and the same
 * overlap triggers) as a receptionist's booking; only the "not in the past"
 * check is skipped, since history is the point.
 */
#include "ops_internal.h"

#include <frontdesk/prefer.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct demo_therapist {
    const char *handle, *name, *email;
};

static const struct demo_therapist THERAPISTS[] = {
    {"prim", "Primrose Okafor", "prim@example.org"},  {"jose", "José Núñez", "jose@example.org"},
    {"zoe", "Zoë Clarke", "zoe@example.org"},         {"ahmed", "Ahmed Khan", "ahmed@example.org"},
    {"mei", "Mei Lin 林美", "mei@example.org"},       {"sam", "Sam Taylor", "sam@example.org"},
    {"olivia", "Olivia Brown", "olivia@example.org"},
};

struct demo_rule {
    const char *handle, *clinic, *pattern, *days, *from, *to;
};

static const struct demo_rule RULES[] = {
    {"prim", "Low Cost Clinic", "weekly", "mon,thu", "08:30", "14:30"},
    {"prim", "Low Cost Clinic", "monthly", "1st sun", "10:00", "16:00"},
    {"jose", "Clinic", "weekly", "mon,tue,wed", "09:00", "17:00"},
    {"zoe", "Clinic", "weekly", "wed,thu,fri", "12:00", "20:00"},
    {"ahmed", "Clinic", "weekly", "mon,tue,wed,thu,fri", "08:00", "13:00"},
    {"mei", "Clinic", "weekly", "tue,thu,sat", "09:00", "15:00"},
    {"mei", "Low Cost Clinic", "weekly", "fri", "14:00", "19:00"},
    {"sam", "Low Cost Clinic", "weekly", "tue,wed,fri", "08:30", "13:30"},
    {"olivia", "Clinic", "weekly", "mon,thu,fri", "13:00", "19:00"},
};

static const char *const FIRST_NAMES[] = {
    "Alice",   "Ben",  "Chloé", "Dev",   "Emma",  "Farid",  "Grace", "Hannah",
    "Ivan",    "Jess", "Kofi",  "Laura", "Marek", "Nina",   "Owen",  "Priya",
    "Quentin", "Rosa", "Søren", "Tom",   "Uma",   "Viktor", "Wen",   "Xavier",
    "Yusuf",   "Zara", "Björn", "Anaïs", "Luca",  "Siobhán"};
static const char *const LAST_NAMES[] = {
    "Smith", "Jones", "Patel", "Williams", "Brown", "Nowak",    "García", "O'Brien", "Müller",
    "Chen",  "Evans", "Ahmed", "Dubois",   "Rossi", "Kowalski", "Taylor", "Murphy",  "Singh"};

static const char *const PREFERENCES[] = {"mon am, thu 12:00-14:00",
                                          "weekday evenings",
                                          "any sat",
                                          "tue-thu pm",
                                          "not fri",
                                          "mornings",
                                          "after 16:00",
                                          "",
                                          "wed, fri am",
                                          "weekends"};

/* A small fixed-seed generator (xorshift): the same seed, the same clinic. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static unsigned pick(uint32_t *state, unsigned n)
{
    return next_random(state) % n;
}

struct demo {
    struct fd_context *ctx;
    long synthetic;
    uint32_t seed;
    int64_t therapist_ids[sizeof THERAPISTS / sizeof THERAPISTS[0]];
    int64_t *clients;
    size_t client_count;
};

static void client_identity(unsigned index, char *name, size_t name_size, char *email,
                            size_t email_size, char *phone, size_t phone_size)
{
    const char *first = FIRST_NAMES[index % (sizeof FIRST_NAMES / sizeof FIRST_NAMES[0])];
    const char *last = LAST_NAMES[(index / 7 + index) % (sizeof LAST_NAMES / sizeof LAST_NAMES[0])];
    snprintf(name, name_size, "%s %s", first, last);
    snprintf(email, email_size, "client%u@example.com", index + 1);
    snprintf(phone, phone_size, "07700 9%05u", index % 100000);
}

static int add_people(struct demo *demo, struct fd_error *err)
{
    struct fd_context *ctx = demo->ctx;
    for (size_t i = 0; i < sizeof THERAPISTS / sizeof THERAPISTS[0]; i++) {
        struct fd_therapist t = {.active = true};
        text_copy(t.handle, sizeof t.handle, THERAPISTS[i].handle);
        text_copy(t.name, sizeof t.name, THERAPISTS[i].name);
        text_copy(t.email, sizeof t.email, THERAPISTS[i].email);
        int rc = store_therapist_insert(ops_store(ctx), &t, err);
        if (rc < 0)
            return rc;
        demo->therapist_ids[i] = t.id;
    }
    for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++) {
        const struct demo_rule *r = &RULES[i];
        struct rota_rule rule = {.valid_from = FD_DAY_NONE, .valid_until = FD_DAY_NONE};
        struct fd_therapist t;
        int rc = store_therapist_find(ops_store(ctx), r->handle, &t, err);
        if (rc < 0)
            return rc;
        rule.therapist_id = t.id;
        rule.clinic_id = config_find_clinic(&ctx->config, r->clinic)
                             ? config_find_clinic(&ctx->config, r->clinic)->id
                             : 0;
        if (!rule.clinic_id)
            return fd_fail(err, FD_ERR_CONFIG, "the demo needs a clinic named \"%s\" in the config",
                           r->clinic);
        if (strcmp(r->pattern, "weekly") == 0) {
            rule.pattern = ROTA_WEEKLY;
            rc = rota_parse_weekdays(r->days, &rule.weekdays, err);
        } else {
            rule.pattern = ROTA_MONTHLY;
            rc = rota_parse_monthly(r->days, &rule.nth, &rule.weekday, err);
        }
        time_parse_hm(r->from, &rule.start);
        time_parse_hm(r->to, &rule.end);
        if (rc == 0)
            rc = store_rule_insert(ops_store(ctx), &rule, err);
        if (rc < 0)
            return rc;
    }
    demo->client_count = 60;
    demo->clients = calloc(demo->client_count, sizeof *demo->clients);
    if (!demo->clients)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (unsigned i = 0; i < demo->client_count; i++) {
        char name[FD_NAME_SIZE], email[FD_EMAIL_SIZE], phone[FD_PHONE_SIZE];
        client_identity(i, name, sizeof name, email, sizeof email, phone, sizeof phone);
        int rc =
            store_client_find_or_create(ops_store(ctx), name, email, phone, &demo->clients[i], err);
        if (rc < 0)
            return rc;
    }
    /* Olivia is away for two days next week: time off shows on the rota. */
    struct time_off off = {.therapist_id = demo->therapist_ids[6],
                           .from = time_make(time_day(ctx->now) + 8, 0),
                           .to = time_make(time_day(ctx->now) + 10, 0)};
    return store_time_off_insert(ops_store(ctx), &off, "Course", err);
}

/* Services offered at a clinic, in config order. */
static size_t services_at(const struct fd_config *config, const struct fd_clinic *clinic,
                          const struct fd_service **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < config->service_count && n < max; i++)
        if (config_service_offered_at(&config->services[i], clinic->name))
            out[n++] = &config->services[i];
    return n;
}

/* A confirmation still to go sits in the outbox; a failed one failed
 * there, with the mail system's answer. */
static int owe_confirmation(struct fd_context *ctx, const struct fd_appointment *a,
                            struct fd_error *err)
{
    struct fd_outbox_message m = {
        .kind = MESSAGE_KIND_CONFIRMATION, .client_id = a->client_id, .appointment_id = a->id};
    int rc = ops_queue_message(ctx, &m, err);
    if (rc < 0 || a->confirmation != CONFIRMATION_FAILED)
        return rc;
    static const char WHY[] = "sendmail exited with status 75: mail server busy, try later";
    rc = store_outbox_claim(ops_store(ctx), m.id, ctx->now, CONTACT_EMAIL, "", NULL, err);
    if (rc == 0)
        rc = store_outbox_finish(ops_store(ctx), m.id, false, ctx->now, WHY, err);
    if (rc == 0)
        rc = store_appointment_set_confirmation(ops_store(ctx), a->id, CONFIRMATION_FAILED,
                                                ctx->now, "email", WHY, err);
    return rc;
}

/* Fills one day's shifts with appointments, about `fill` percent of the
 * time; `*budget` counts down and stops early when it reaches zero. */
static int fill_day(struct demo *demo, fd_day day, unsigned fill, long *budget,
                    struct fd_error *err)
{
    struct fd_context *ctx = demo->ctx;
    struct shift_list shifts = {0};
    int rc = ops_shifts(ctx, day, day, 0, &shifts, err);
    for (size_t s = 0; rc == 0 && s < shifts.count && *budget != 0; s++) {
        const struct shift *shift = &shifts.items[s];
        const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, shift->clinic_id);
        const struct fd_service *services[16];
        size_t service_count = clinic ? services_at(&ctx->config, clinic, services, 16) : 0;
        int minute = shift->start;
        while (rc == 0 && service_count && *budget != 0) {
            const struct fd_service *service = services[pick(&demo->seed, (unsigned)service_count)];
            if (minute + service->minutes > shift->end)
                break;
            if (pick(&demo->seed, 100) >= fill) {
                minute += 30;
                continue;
            }
            struct fd_appointment a = {0};
            a.therapist_id = shift->therapist_id;
            a.clinic_id = shift->clinic_id;
            a.client_id = demo->clients[pick(&demo->seed, (unsigned)demo->client_count)];
            text_copy(a.service, sizeof a.service, service->name);
            a.minutes = service->minutes;
            a.price_pence = service->price_pence;
            a.buffer = service->buffer;
            a.start = time_make(day, minute);
            a.end = a.start + service->minutes;
            a.created = a.start - (fd_time)7 * FD_MINUTES_PER_DAY;
            bool past = a.end <= ctx->now;
            unsigned roll = pick(&demo->seed, 100);
            a.status = past ? (roll < 4 ? APPOINTMENT_NO_SHOW : APPOINTMENT_COMPLETED)
                            : (roll < 5 ? APPOINTMENT_CANCELLED : APPOINTMENT_BOOKED);
            /* Most confirmations went out when booked; the recent few wait. */
            unsigned sent_roll = pick(&demo->seed, 100);
            a.confirmation = past || sent_roll >= 16
                                 ? CONFIRMATION_SENT
                                 : (sent_roll < 12 ? CONFIRMATION_UNSENT : CONFIRMATION_FAILED);
            /* Rooms: the first one free.  Rooms at a clinic are few, so
             * trying each in turn against the triggers is cheap. */
            for (a.room = 1; a.room <= clinic->rooms; a.room++) {
                rc = store_appointment_insert(ops_store(ctx), &a, err);
                if (rc == 0 || err->code != FD_ERR_RULE)
                    break;
            }
            if (rc == -FD_ERR_RULE) {
                rc = 0; /* no room free: leave the gap */
            } else if (rc == 0 && *budget > 0) {
                (*budget)--;
            }
            if (rc == 0 && a.id && a.status == APPOINTMENT_BOOKED &&
                a.confirmation != CONFIRMATION_SENT)
                rc = owe_confirmation(ctx, &a, err);
            minute += service->minutes + service->buffer;
            minute += (minute % ctx->config.slot_step)
                          ? ctx->config.slot_step - minute % ctx->config.slot_step
                          : 0;
        }
    }
    shift_list_free(&shifts);
    return rc;
}

static int add_requests(struct demo *demo, struct fd_error *err)
{
    struct fd_context *ctx = demo->ctx;
    /* Received from nine days ago until this morning: the older ones are
     * overdue, some are due today, the newest are due later. */
    static const int HOURS_AGO[] = {216, 170, 122, 98, 75, 52, 30, 27, 6, 3, 1};
    for (size_t i = 0; i < sizeof HOURS_AGO / sizeof HOURS_AGO[0]; i++) {
        struct fd_request r = {0};
        char name[FD_NAME_SIZE], email[FD_EMAIL_SIZE], phone[FD_PHONE_SIZE];
        client_identity((unsigned)(100 + i * 3), name, sizeof name, email, sizeof email, phone,
                        sizeof phone);
        text_copy(r.name, sizeof r.name, name);
        text_copy(r.email, sizeof r.email, email);
        text_copy(r.phone, sizeof r.phone, i % 2 ? phone : "");
        const struct fd_service *service = &ctx->config.services[i % ctx->config.service_count];
        text_copy(r.service, sizeof r.service, service->name);
        const char *prefer = PREFERENCES[i % (sizeof PREFERENCES / sizeof PREFERENCES[0])];
        struct prefer parsed;
        if (prefer_parse(prefer, ctx->config.opens, ctx->config.closes, &parsed, err) < 0)
            return -err->code;
        text_copy(r.prefer, sizeof r.prefer, prefer);
        prefer_encode(&parsed, r.prefer_windows, sizeof r.prefer_windows);
        if (i % 4 == 1)
            r.therapist_id = demo->therapist_ids[i % 7];
        r.received = ctx->now - (fd_time)HOURS_AGO[i] * 60;
        r.due = calendar_due(&ctx->config.calendar, r.received, ctx->config.request_reply_days);
        text_copy(r.source, sizeof r.source, REQUEST_SOURCES[i % REQUEST_SOURCE_COUNT]);
        snprintf(r.message, sizeof r.message, "%s",
                 i % 3 == 0 ? "Sore shoulder after marathon training." : "");
        int rc = ops_store_request(ctx, &r, NULL, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int add_waitlist_and_messages(struct demo *demo, struct fd_error *err)
{
    struct fd_context *ctx = demo->ctx;
    for (unsigned i = 0; i < 4; i++) {
        struct fd_waitlist_entry e = {0};
        e.client_id = demo->clients[((size_t)i * 11) % demo->client_count];
        const struct fd_service *service = &ctx->config.services[i % ctx->config.service_count];
        text_copy(e.service, sizeof e.service, service->name);
        const char *prefer =
            PREFERENCES[((size_t)i * 3) % (sizeof PREFERENCES / sizeof PREFERENCES[0])];
        struct prefer parsed;
        if (prefer_parse(prefer, ctx->config.opens, ctx->config.closes, &parsed, err) < 0)
            return -err->code;
        text_copy(e.prefer, sizeof e.prefer, prefer);
        prefer_encode(&parsed, e.prefer_windows, sizeof e.prefer_windows);
        e.added = ctx->now - (fd_time)(10 - i) * FD_MINUTES_PER_DAY;
        int rc = store_waitlist_insert(ops_store(ctx), &e, err);
        if (rc < 0)
            return rc;
    }
    static const char *const TEXTS[] = {
        "Do you have parking near the Low Cost Clinic?",
        "Can I pay by card on the day?",
        "I need to move my Thursday appointment, please call me.",
    };
    for (unsigned i = 0; i < 3; i++) {
        struct fd_message m = {0};
        char phone[FD_PHONE_SIZE];
        client_identity(200 + i, m.name, sizeof m.name, m.email, sizeof m.email, phone,
                        sizeof phone);
        text_copy(m.text, sizeof m.text, TEXTS[i]);
        m.received = ctx->now - (fd_time)(i + 1) * 200;
        int rc = store_message_insert(ops_store(ctx), &m, NULL, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int demo_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct demo *demo = arg;
    int rc = add_people(demo, err);
    fd_day today = time_day(ctx->now);
    if (rc == 0 && demo->synthetic > 0) {
        /* History ends where the demo fortnight begins; it grows back in
         * time until N appointments are placed. */
        long budget = demo->synthetic;
        fd_day day = today - 15;
        /* About 18 a day fit the demo rota: a million reach back some 150
         * years, so the bound is only a guard against an endless loop. */
        while (rc == 0 && budget > 0 && day > today - 365250) {
            rc = fill_day(demo, day, 100, &budget, err);
            day--;
        }
    }
    long unlimited = -1;
    for (fd_day day = today - 14; rc == 0 && day <= today + 14; day++)
        rc = fill_day(demo, day, day < today ? 75 : (day == today ? 70 : 45), &unlimited, err);
    if (rc == 0)
        rc = add_requests(demo, err);
    if (rc == 0)
        rc = add_waitlist_and_messages(demo, err);
    if (rc == 0)
        rc = ops_audit(ctx, "database", 0, err, "demo clinic created");
    return rc;
}

int ops_demo(struct fd_context *ctx, long synthetic, struct fd_error *err)
{
    struct fd_therapist *existing = NULL;
    size_t count = 0;
    int rc = store_therapist_list(ops_store(ctx), &existing, &count, err);
    free(existing);
    if (rc < 0)
        return rc;
    if (count > 0)
        return fd_fail(err, FD_ERR_RULE, "%s already holds a clinic; %s", ctx->database_label,
                       ops_database_is_file(ctx->database_path)
                           ? "use --force to replace it"
                           : "the demo goes into an empty database");
    struct demo demo = {.ctx = ctx, .synthetic = synthetic, .seed = 2463534242u};
    rc = store_bulk_load_begin(ops_store(ctx), 64, err);
    if (rc == 0)
        rc = ops_run_final(ctx, demo_step, &demo, err);
    free(demo.clients);
    return rc;
}
