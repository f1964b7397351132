/*
 * Confirmations (SPEC §1 rule 8; see confirm.h): the queue, the rendered
 * message, sending through sendmail, and marking by hand.
 *
 * Sending runs in three steps so that no desk waits on the mail system:
 * render every message first (a broken template stops everything before a
 * single message leaves), then for each appointment pipe its message to
 * sendmail with no transaction open, then record what happened in a short
 * transaction of its own.  Running sendmail itself is sendmail.c's job.
 */
#include "ops_internal.h"
#include <frontdesk/sort.h>

#include <frontdesk/confirm.h>
#include <frontdesk/message.h>
#include <frontdesk/program.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the queue -------------------------------------------------------- */

static int state_rank(enum confirmation_state confirmation)
{
    if (confirmation == CONFIRMATION_FAILED)
        return 0;
    return confirmation == CONFIRMATION_UNSENT ? 1 : 2;
}

/* Failed first (someone must act on them), then unsent, then sent; each
 * by start, then therapist, then id, so the order never wobbles. */
static int compare_queue(const void *left, const void *right)
{
    const struct fd_appointment *a = left, *b = right;
    int rank = state_rank(a->confirmation) - state_rank(b->confirmation);
    if (rank)
        return rank;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    int handle = strcmp(a->therapist, b->therapist);
    if (handle)
        return handle;
    return a->id < b->id ? -1 : a->id > b->id;
}

int ops_confirmations(struct fd_context *ctx, bool all, struct fd_appointment **out, size_t *count,
                      struct fd_error *err)
{
    struct fd_appointment_filter filter = {
        .from = ctx->now, .to = INT64_MAX, .confirmation_queue = !all};
    int rc = store_appointment_list(ops_store(ctx), &filter, out, count, err);
    if (rc < 0)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++)
        if ((*out)[i].status == APPOINTMENT_BOOKED)
            (*out)[kept++] = (*out)[i];
    *count = kept;
    fd_sort(*out, kept, sizeof **out, compare_queue);
    return 0;
}

/* ---- rendering -------------------------------------------------------- */

/* The body template: a file of data/templates/, named by the config. */
struct body_template {
    char *text;
    char path[1024];
};

static int load_body(const struct fd_config *config, struct body_template *body,
                     struct fd_error *err)
{
    int rc = config_read_template("body", config->templates[MESSAGE_KIND_CONFIRMATION].body,
                                  &body->text, body->path, sizeof body->path, err);
    if (rc < 0) {
        char why[sizeof err->message];
        text_copy(why, sizeof why, err->message);
        return fd_fail(err, -rc, "%s: template confirmation: %s", config->source, why);
    }
    return 0;
}

/* Minutes east of UTC of a wall-clock moment in the clinic's zone (TZ is
 * the clinic's, set by ops_open). */
static int utc_offset_of(fd_time local)
{
    int year, month, mday, minute = time_minute(local);
    date_to_civil(time_day(local), &year, &month, &mday);
    struct tm tm = {.tm_year = year - 1900,
                    .tm_mon = month - 1,
                    .tm_mday = mday,
                    .tm_hour = minute / 60,
                    .tm_min = minute % 60,
                    .tm_isdst = -1};
    if (mktime(&tm) == (time_t)-1)
        return 0;
    return (int)(tm.tm_gmtoff / 60);
}

/* A stored address can predate today's checks: look before sending.  The
 * error names the client, not the appointment: callers add that. */
static int check_recipient(const struct fd_appointment *a, struct fd_error *err)
{
    if (!a->client_email[0])
        return fd_fail(err, FD_ERR_RULE, "%s has no email address; mark it sent by phone",
                       a->client);
    if (!text_is_email(a->client_email))
        return fd_fail(err, FD_ERR_RULE,
                       "\"%s\" is not an email address; correct it or mark it sent by phone",
                       a->client_email);
    return 0;
}

static int render_with(struct fd_context *ctx, const struct fd_appointment *a,
                       const struct body_template *body, char **out, struct fd_error *err)
{
    *out = NULL;
    int rc = check_recipient(a, err);
    if (rc < 0)
        return rc;
    const struct fd_config *config = &ctx->config;
    char sender_name[FD_NAME_SIZE], sender[FD_EMAIL_SIZE];
    if (message_parse_address(config->from, sender_name, sizeof sender_name, sender,
                              sizeof sender) < 0)
        return fd_fail(err, FD_ERR_CONFIG, "%s: from: \"%s\" is not an email address",
                       config->source, config->from);

    char first[FD_NAME_SIZE], date[MESSAGE_LONG_DATE_SIZE], start[FD_HM_LEN], end[FD_HM_LEN];
    char minutes[16], price[16], id[24];
    text_first_name(a->client, first, sizeof first);
    message_long_date(time_day(a->start), date);
    time_format_hm(time_minute(a->start), start);
    time_format_hm(time_day(a->end) > time_day(a->start) ? FD_MINUTES_PER_DAY : time_minute(a->end),
                   end);
    snprintf(minutes, sizeof minutes, "%d", a->minutes);
    config_format_price(a->price_pence, price, sizeof price);
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    struct message_field fields[PLACEHOLDER_COUNT];
    config_template_fields(MESSAGE_KIND_CONFIRMATION, fields);
    fields[PLACEHOLDER_CLIENT].value = a->client;
    fields[PLACEHOLDER_FIRST_NAME].value = first;
    fields[PLACEHOLDER_DATE].value = date;
    fields[PLACEHOLDER_TIME].value = start;
    fields[PLACEHOLDER_END].value = end;
    fields[PLACEHOLDER_THERAPIST].value = a->therapist_name;
    fields[PLACEHOLDER_CLINIC].value = a->clinic;
    fields[PLACEHOLDER_SERVICE].value = a->service;
    fields[PLACEHOLDER_MINUTES].value = minutes;
    fields[PLACEHOLDER_PRICE].value = price;
    /* No offer is applied at booking yet: the price is the list price. */
    fields[PLACEHOLDER_LIST_PRICE].value = price;
    fields[PLACEHOLDER_CLINIC_NAME].value = config->clinic_name;
    fields[PLACEHOLDER_ID].value = id;
    size_t field_count = PLACEHOLDER_COUNT;

    char subject_source[600];
    snprintf(subject_source, sizeof subject_source, "%s: template confirmation: subject",
             config->source);
    char *subject = NULL, *text = NULL, *from = NULL, *to = NULL, *message = NULL;
    rc = message_render(config->templates[MESSAGE_KIND_CONFIRMATION].subject, subject_source,
                        fields, field_count, &subject, err);
    if (rc == 0)
        rc = message_render(body->text, body->path, fields, field_count, &text, err);
    if (rc == 0) {
        from = message_format_address(sender_name, sender);
        to = message_format_address(a->client, a->client_email);
        if (!from || !to)
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    if (rc == 0) {
        char when[MESSAGE_DATE_SIZE], message_id[FD_EMAIL_SIZE + 64];
        int year, month, mday, minute = time_minute(ctx->now);
        date_to_civil(time_day(ctx->now), &year, &month, &mday);
        message_format_date(ctx->now, utc_offset_of(ctx->now), when);
        snprintf(message_id, sizeof message_id, "<appointment-%lld.%04d%02d%02d%02d%02d@%s>",
                 (long long)a->id, year, month, mday, minute / 60, minute % 60,
                 strchr(sender, '@') + 1);
        struct message_envelope envelope = {
            .from = from, .to = to, .subject = subject, .date = when, .message_id = message_id};
        rc = message_compose(&envelope, text, &message, err);
    }
    free(subject);
    free(text);
    free(from);
    free(to);
    *out = message;
    return rc;
}

int ops_confirmation_render(struct fd_context *ctx, const struct fd_appointment *appointment,
                            char **out, struct fd_error *err)
{
    struct body_template body;
    *out = NULL;
    int rc = load_body(&ctx->config, &body, err);
    if (rc == 0)
        rc = render_with(ctx, appointment, &body, out, err);
    free(body.text);
    return rc;
}

/* ---- recording -------------------------------------------------------- */

struct record_plan {
    const struct fd_appointment *appointment;
    bool sent;
    const char *via;
    const char *error;
};

static int record_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    const struct record_plan *plan = arg;
    const struct fd_appointment *a = plan->appointment;
    /* Read again inside the transaction: another desk may have sent it
     * while this one was talking to sendmail; a failure then changes
     * nothing but the audit log. */
    struct fd_appointment now;
    int rc = store_appointment_get(ops_store(ctx), a->id, &now, err);
    if (rc < 0)
        return rc;
    enum confirmation_state to = plan->sent ? CONFIRMATION_SENT : CONFIRMATION_FAILED;
    if (plan->sent || now.confirmation != CONFIRMATION_SENT) {
        rc = state_check(MACHINE_CONFIRMATION, a->id, (int)now.confirmation, (int)to, err);
        if (rc == 0)
            rc = store_appointment_set_confirmation(ops_store(ctx), a->id, to, ctx->now, plan->via,
                                                    plan->sent ? NULL : plan->error, err);
        if (rc < 0)
            return rc;
    }
    if (!plan->sent)
        return ops_audit(ctx, "appointment", a->id, err, "confirmation to %s failed: %s",
                         a->client_email, plan->error);
    if (strcmp(plan->via, "email") == 0)
        return ops_audit(ctx, "appointment", a->id, err, "confirmation emailed to %s",
                         a->client_email);
    return ops_audit(ctx, "appointment", a->id, err, "confirmation given %s%s",
                     strcmp(plan->via, "phone") == 0 ? "by " : "", plan->via);
}

/* ---- sending ---------------------------------------------------------- */

void confirmation_report_free(struct confirmation_report *report)
{
    for (size_t i = 0; report->items && i < report->count; i++)
        free(report->items[i].message);
    free(report->items);
    memset(report, 0, sizeof *report);
}

/* The appointments to send: the one named (booked, still to come) or the
 * queue. */
static int gather(struct fd_context *ctx, int64_t id, struct fd_appointment **out, size_t *count,
                  struct fd_error *err)
{
    if (id == 0)
        return ops_confirmations(ctx, false, out, count, err);
    *out = calloc(1, sizeof **out);
    *count = 0;
    if (!*out)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    int rc = store_appointment_get(ops_store(ctx), id, *out, err);
    if (rc == 0 && (*out)->status != APPOINTMENT_BOOKED)
        rc = fd_fail(err, FD_ERR_RULE,
                     "appointment %lld is %s; only booked appointments are "
                     "confirmed",
                     (long long)id, state_name(MACHINE_APPOINTMENT, (int)(*out)->status));
    if (rc == 0 && (*out)->start < ctx->now) {
        char when[FD_DATETIME_LEN];
        datetime_format((*out)->start, when);
        rc = fd_fail(err, FD_ERR_RULE, "appointment %lld was at %s, in the past", (long long)id,
                     when);
    }
    if (rc < 0) {
        free(*out);
        *out = NULL;
        return rc;
    }
    *count = 1;
    return 0;
}

/* Renders every message before any is sent: a bad template stops here. */
static int render_all(struct fd_context *ctx, struct fd_appointment *appointments, size_t count,
                      struct confirmation_report *report, struct fd_error *err)
{
    struct body_template body;
    int rc = load_body(&ctx->config, &body, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        struct confirmation_result *r = &report->items[report->count++];
        r->appointment = appointments[i];
        struct fd_error why = {0};
        rc = render_with(ctx, &r->appointment, &body, &r->message, &why);
        if (rc == -FD_ERR_RULE) {
            r->outcome = SEND_UNSENDABLE;
            text_copy(r->error, sizeof r->error, why.message);
            report->failed++;
            rc = 0;
        } else if (rc < 0) {
            *err = why;
        }
    }
    free(body.text);
    return rc;
}

/* A run of sends: the options, where it is, and whether to stop. */
struct send_run {
    const struct send_options *options;
    size_t done, total;
    bool stop;
};

/* Keeps the caller's screen alive while a program runs. */
static void send_tick(void *data)
{
    struct send_run *run = data;
    if (run->options->progress &&
        !run->options->progress(run->options->progress_data, run->done, run->total))
        run->stop = true;
}

/* Sends one rendered message and records the outcome. */
static int deliver(struct fd_context *ctx, char **argv, bool again, struct confirmation_result *r,
                   struct confirmation_report *report, struct send_run *run, struct fd_error *err)
{
    /* Another desk may have sent or cancelled it since the queue was read. */
    struct fd_appointment fresh;
    int rc = store_appointment_get(ops_store(ctx), r->appointment.id, &fresh, err);
    if (rc < 0)
        return rc;
    if (fresh.status != APPOINTMENT_BOOKED || (!again && fresh.confirmation == CONFIRMATION_SENT)) {
        r->outcome = SEND_SKIPPED;
        snprintf(r->error, sizeof r->error, "%s meanwhile",
                 fresh.status != APPOINTMENT_BOOKED
                     ? state_name(MACHINE_APPOINTMENT, (int)fresh.status)
                     : "sent");
        report->skipped++;
        return 0;
    }
    struct program_call call = {.argv = argv,
                                .input = r->message,
                                .timeout_seconds = ctx->config.sendmail_timeout,
                                .name = "sendmail",
                                .tick = send_tick,
                                .tick_data = run};
    bool sent = program_run(&call, r->error, sizeof r->error);
    struct record_plan plan = {&r->appointment, sent, "email", r->error};
    rc = ops_run(ctx, record_step, &plan, err);
    if (rc < 0) {
        char why[sizeof err->message];
        text_copy(why, sizeof why, err->message);
        return fd_fail(err, -rc,
                       "the confirmation of appointment %lld %s, but that could not be "
                       "recorded: %s",
                       (long long)r->appointment.id, sent ? "was sent" : "failed", why);
    }
    r->outcome = sent ? SEND_SENT : SEND_FAILED;
    if (sent) {
        r->error[0] = '\0';
        report->sent++;
    } else {
        report->failed++;
    }
    return 0;
}

int ops_confirm_send(struct fd_context *ctx, int64_t id, const struct send_options *options,
                     struct confirmation_report *report, struct fd_error *err)
{
    static const struct send_options DEFAULTS = {0};
    if (!options)
        options = &DEFAULTS;
    memset(report, 0, sizeof *report);
    char **argv = NULL;
    int rc = message_split_command(ctx->config.sendmail, "sendmail", &argv, err);
    struct fd_appointment *appointments = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = gather(ctx, id, &appointments, &count, err);
    if (rc == 0 && count > 0) {
        report->items = calloc(count, sizeof *report->items);
        if (!report->items) {
            free(appointments);
            message_argv_free(argv);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
    }
    if (rc == 0)
        rc = render_all(ctx, appointments, count, report, err);
    free(appointments);
    struct send_run run = {.options = options, .total = report->count};
    for (size_t i = 0; rc == 0 && i < report->count && !run.stop; i++) {
        struct confirmation_result *r = &report->items[i];
        run.done = i;
        send_tick(&run);
        if (run.stop)
            break; /* asked to stop before this one began */
        if (r->outcome == SEND_UNSENDABLE)
            continue;
        if (options->dry_run) {
            r->outcome = SEND_SENT;
            report->sent++;
        } else {
            rc = deliver(ctx, argv, id != 0, r, report, &run, err);
        }
    }
    report->stopped = run.stop;
    message_argv_free(argv);
    if (rc < 0 || report->failed == 0)
        return rc;
    if (id != 0)
        return report->items[0].outcome == SEND_UNSENDABLE
                   ? fd_fail(err, FD_ERR_RULE, "appointment %lld: %s", (long long)id,
                             report->items[0].error)
                   : fd_fail(err, FD_ERR_RULE, "confirmation of appointment %lld failed: %s",
                             (long long)id, report->items[0].error);
    return fd_fail(err, FD_ERR_RULE, "%zu of %zu confirmations %s; they stay in the queue",
                   report->failed, report->count,
                   options->dry_run ? "cannot be sent" : "were not sent");
}

/* ---- by hand ---------------------------------------------------------- */

struct mark_plan {
    int64_t id;
    const char *via;
    struct fd_appointment *out;
};

static int mark_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct mark_plan *plan = arg;
    int rc = store_appointment_get(ops_store(ctx), plan->id, plan->out, err);
    if (rc < 0)
        return rc;
    if (plan->out->status != APPOINTMENT_BOOKED)
        return fd_fail(
            err, FD_ERR_RULE, "appointment %lld is %s; only booked appointments are confirmed",
            (long long)plan->id, state_name(MACHINE_APPOINTMENT, (int)plan->out->status));
    struct record_plan record = {plan->out, true, plan->via, NULL};
    rc = record_step(ctx, &record, err);
    if (rc == 0)
        rc = store_appointment_get(ops_store(ctx), plan->id, plan->out, err);
    return rc;
}

int ops_confirm_mark_sent(struct fd_context *ctx, int64_t id, const char *via,
                          struct fd_appointment *out, struct fd_error *err)
{
    if (!via)
        via = "phone";
    if (strcmp(via, "phone") != 0 && strcmp(via, "in-person") != 0)
        return fd_fail(err, FD_ERR_USAGE, "--by: \"%s\" is not phone or in-person", via);
    struct fd_appointment scratch;
    struct mark_plan plan = {id, via, out ? out : &scratch};
    return ops_run(ctx, mark_step, &plan, err);
}
