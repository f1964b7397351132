/*
 * Sending the outbox (outbox.h): rendering a message from its kind's
 * template for the channel the client is reached on, and a run that sends
 * the due messages one by one.
 *
 * A run has three steps per message, so that no desk waits on the mail
 * system and no message goes twice: claim it (a short transaction: queued
 * or failed becomes sending, unless another run has it or it no longer
 * applies), run the program with no transaction open, and record what
 * happened (another short transaction: sent or failed, with what follows
 * from it — the appointment's confirmation state, the request answered,
 * the audit line).  Every message is rendered before the first is sent, so
 * a broken template stops a run before anything leaves.
 */
#include "ops_internal.h"

#include <frontdesk/message.h>
#include <frontdesk/outbox.h>
#include <frontdesk/program.h>
#include <frontdesk/sms.h>
#include <frontdesk/sort.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the channel ---- */

/* Whether texts can reach phone (its mobile number into mobile). */
static bool can_text(const struct fd_context *ctx, const char *phone, char mobile[SMS_PHONE_SIZE])
{
    return ctx->config.sms_argv && phone[0] &&
           sms_phone_normalize(phone, mobile, SMS_PHONE_SIZE, NULL) == 0 &&
           sms_phone_is_mobile(mobile);
}

bool ops_reachable(const struct fd_context *ctx, const char *email, const char *phone)
{
    char mobile[SMS_PHONE_SIZE];
    return (email[0] && text_is_email(email)) || can_text(ctx, phone, mobile);
}

/* How the client is reached: the way they prefer when it works, else the
 * other; -FD_ERR_RULE when neither does. */
static int choose_channel(const struct fd_context *ctx, const struct fd_client *client,
                          struct rendered_message *out, struct fd_error *err)
{
    char mobile[SMS_PHONE_SIZE] = "";
    bool sms = can_text(ctx, client->phone, mobile);
    bool email = client->email[0] && text_is_email(client->email);
    if (sms && (client->contact == CONTACT_SMS || !email)) {
        out->channel = CONTACT_SMS;
        text_copy(out->recipient, sizeof out->recipient, mobile);
        return 0;
    }
    if (email) {
        out->channel = CONTACT_EMAIL;
        text_copy(out->recipient, sizeof out->recipient, client->email);
        return 0;
    }
    return fd_fail(err, FD_ERR_RULE,
                   "%s has no email address%s; add one with 'frontdesk client edit %lld', or ring "
                   "them",
                   client->name,
                   ctx->config.sms_argv ? " or mobile number" : " (and texts are not set up)",
                   (long long)client->id);
}

/* ---- the placeholders ---- */

/* The values a message's placeholders take, with room for each. */
struct values {
    struct message_field fields[PLACEHOLDER_COUNT];
    char first[FD_NAME_SIZE], date[MESSAGE_LONG_DATE_SIZE], start[FD_HM_LEN], end[FD_HM_LEN];
    char minutes[16], price[16], list_price[16], id[24];
    char old_date[MESSAGE_LONG_DATE_SIZE], old_time[FD_HM_LEN];
    char therapist[FD_NAME_SIZE], clinic[FD_NAME_SIZE], service[FD_SERVICE_SIZE];
    char offer[FD_NAME_SIZE];
    char *sessions; /* allocated */
};

static void set(struct values *v, enum template_placeholder p, const char *value)
{
    v->fields[p].value = value;
}

/* The time and place: of the appointment, or of the slot offered. */
static void fill_when(struct values *v, fd_time start, int minutes, int price_pence,
                      int list_price_pence)
{
    fd_time end = start + minutes;
    message_long_date(time_day(start), v->date);
    time_format_hm(time_minute(start), v->start);
    time_format_hm(time_day(end) > time_day(start) ? FD_MINUTES_PER_DAY : time_minute(end), v->end);
    snprintf(v->minutes, sizeof v->minutes, "%d", minutes);
    config_format_price(price_pence, v->price, sizeof v->price);
    config_format_price(list_price_pence ? list_price_pence : price_pence, v->list_price,
                        sizeof v->list_price);
    set(v, PLACEHOLDER_DATE, v->date);
    set(v, PLACEHOLDER_TIME, v->start);
    set(v, PLACEHOLDER_END, v->end);
    set(v, PLACEHOLDER_MINUTES, v->minutes);
    set(v, PLACEHOLDER_PRICE, v->price);
    set(v, PLACEHOLDER_LIST_PRICE, v->list_price);
}

/* The other sessions of a series, for the first one's confirmation. */
static int fill_sessions(struct fd_context *ctx, const struct fd_appointment *a,
                         enum contact_channel channel, struct values *v, struct fd_error *err)
{
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct fd_appointment_filter filter = {
        .from = a->start + 1, .to = FD_TIME_MAX, .series_id = a->series_id};
    struct fd_appointment *later = NULL;
    size_t count = 0;
    int rc = store_appointment_list(ops_store(ctx), &filter, &later, &count, err);
    size_t size = 80 + count * 64;
    v->sessions = rc == 0 && count ? calloc(1, size) : NULL;
    size_t used = 0;
    for (size_t i = 0; v->sessions && i < count; i++) {
        char date[MESSAGE_LONG_DATE_SIZE], hm[FD_HM_LEN];
        time_format_hm(time_minute(later[i].start), hm);
        int n;
        if (channel == CONTACT_SMS) {
            /* A text has no room for lines: "Also: 10 Dec 09:00, 17 Dec 09:00." */
            int year, month, mday;
            date_to_civil(time_day(later[i].start), &year, &month, &mday);
            n = snprintf(v->sessions + used, size - used, "%s%d %s %s%s",
                         used ? ", " : " Also: ", mday, MONTHS[month - 1], hm,
                         i + 1 == count ? "." : "");
        } else {
            message_long_date(time_day(later[i].start), date);
            n = snprintf(v->sessions + used, size - used, "%s  %s at %s\n",
                         used ? "" : "\nYour other sessions of this series:\n", date, hm);
        }
        if (n > 0)
            used += (size_t)n;
    }
    free(later);
    return rc;
}

static int fill_appointment(struct fd_context *ctx, const struct fd_outbox_message *m,
                            enum contact_channel channel, struct values *v, struct fd_error *err)
{
    struct fd_appointment a;
    int rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
    if (rc < 0)
        return rc;
    fill_when(v, a.start, a.minutes, a.price_pence, a.list_price_pence);
    text_copy(v->therapist, sizeof v->therapist, a.therapist_name);
    text_copy(v->clinic, sizeof v->clinic, a.clinic);
    text_copy(v->service, sizeof v->service, a.service);
    if (a.offer[0]) {
        char list_price[16];
        config_format_price(a.list_price_pence, list_price, sizeof list_price);
        snprintf(v->offer, sizeof v->offer, " (offer %.60s; list price £%s)", a.offer, list_price);
    }
    snprintf(v->id, sizeof v->id, "%lld", (long long)a.id);
    set(v, PLACEHOLDER_ID, v->id);
    set(v, PLACEHOLDER_OFFER, v->offer);
    if (m->old_start) {
        message_long_date(time_day(m->old_start), v->old_date);
        time_format_hm(time_minute(m->old_start), v->old_time);
        set(v, PLACEHOLDER_OLD_DATE, v->old_date);
        set(v, PLACEHOLDER_OLD_TIME, v->old_time);
    }
    if (m->kind == MESSAGE_KIND_CONFIRMATION && a.series_id)
        rc = fill_sessions(ctx, &a, channel, v, err);
    return rc;
}

/* An offer, or the news that it was taken: the slot itself. */
static int fill_slot(struct fd_context *ctx, const struct fd_outbox_message *m, struct values *v,
                     struct fd_error *err)
{
    const struct fd_service *service = config_find_service(&ctx->config, m->service);
    struct fd_therapist therapist = {0};
    int rc =
        m->therapist_id ? store_therapist_get(ops_store(ctx), m->therapist_id, &therapist, err) : 0;
    if (rc < 0)
        return rc;
    const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, m->clinic_id);
    fill_when(v, m->for_start, service ? service->minutes : 0, service ? service->price_pence : 0,
              0);
    text_copy(v->therapist, sizeof v->therapist, therapist.name);
    text_copy(v->clinic, sizeof v->clinic, clinic ? clinic->name : "");
    text_copy(v->service, sizeof v->service, m->service);
    return 0;
}

static int fill_values(struct fd_context *ctx, const struct fd_outbox_message *m,
                       const struct fd_client *client, enum contact_channel channel,
                       struct values *v, struct fd_error *err)
{
    memset(v, 0, sizeof *v);
    if (m->kind < MESSAGE_KIND_COUNT)
        config_template_fields((enum message_kind)m->kind, v->fields);
    text_first_name(client->name, v->first, sizeof v->first);
    set(v, PLACEHOLDER_CLIENT, client->name);
    set(v, PLACEHOLDER_FIRST_NAME, v->first);
    set(v, PLACEHOLDER_CLINIC_NAME, ctx->config.clinic_name);
    set(v, PLACEHOLDER_REPLY_CODE, m->reply_code);
    set(v, PLACEHOLDER_REASON, m->details);
    set(v, PLACEHOLDER_CORRECTION, m->details);
    int rc = 0;
    if (m->appointment_id)
        rc = fill_appointment(ctx, m, channel, v, err);
    else if (m->for_start)
        rc = fill_slot(ctx, m, v, err);
    else if (m->kind == MESSAGE_KIND_NOTIFY && m->service[0])
        snprintf(v->service, sizeof v->service, " for %.80s", m->service);
    else if (m->kind != MESSAGE_KIND_NOTIFY)
        text_copy(v->service, sizeof v->service, m->service);
    set(v, PLACEHOLDER_THERAPIST, v->therapist);
    set(v, PLACEHOLDER_CLINIC, v->clinic);
    set(v, PLACEHOLDER_SERVICE, v->service);
    set(v, PLACEHOLDER_SESSIONS, v->sessions ? v->sessions : "");
    return rc;
}

/* ---- rendering ---- */

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

/* A template file of the kind, rendered; errors name the kind. */
static int render_file(struct fd_context *ctx, int kind, const char *field, const char *file,
                       const struct values *v, char **out, struct fd_error *err)
{
    char *text = NULL, path[1024];
    int rc = config_read_template(field, file, &text, path, sizeof path, err);
    if (rc == 0)
        rc = message_render(text, path, v->fields, PLACEHOLDER_COUNT, out, err);
    free(text);
    if (rc < 0 && rc != -FD_ERR_SOFTWARE) {
        char why[sizeof err->message];
        text_copy(why, sizeof why, err->message);
        return fd_fail(err, -rc, "%s: template %s: %s", ctx->config.source,
                       ops_message_kind_name(kind), why);
    }
    return rc;
}

/* An email's subject and body file (in data/templates/): a kind's
 * template, or a list's welcome. */
struct email_template {
    const char *subject;
    const char *body;
};

static int render_email(struct fd_context *ctx, const struct fd_outbox_message *m,
                        const struct email_template *template, const struct fd_client *client,
                        const struct values *v, char **out, struct fd_error *err)
{
    const struct fd_config *config = &ctx->config;
    char sender_name[FD_NAME_SIZE], sender[FD_EMAIL_SIZE];
    if (message_parse_address(config->from, sender_name, sizeof sender_name, sender,
                              sizeof sender) < 0)
        return fd_fail(err, FD_ERR_CONFIG, "%s: from: \"%s\" is not an email address",
                       config->source, config->from);
    char subject_source[600];
    snprintf(subject_source, sizeof subject_source, "%s: template %s: subject", config->source,
             ops_message_kind_name(m->kind));
    char *subject = NULL, *body = NULL, *from = NULL, *to = NULL;
    int rc = message_render(template->subject, subject_source, v->fields, PLACEHOLDER_COUNT,
                            &subject, err);
    if (rc == 0)
        rc = render_file(ctx, m->kind, "body", template->body, v, &body, err);
    if (rc == 0) {
        from = message_format_address(sender_name, sender);
        to = message_format_address(client->name, client->email);
        if (!from || !to)
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    if (rc == 0) {
        /* One Message-ID per message, the same on every try: a mail
         * system that saw it once can drop a second copy. */
        char when[MESSAGE_DATE_SIZE], message_id[FD_EMAIL_SIZE + 64];
        message_format_date(ctx->now, utc_offset_of(ctx->now), when);
        snprintf(message_id, sizeof message_id, "<%s-%lld@%s>", ops_message_kind_name(m->kind),
                 (long long)m->id, strchr(sender, '@') + 1);
        struct message_envelope envelope = {
            .from = from, .to = to, .subject = subject, .date = when, .message_id = message_id};
        rc = message_compose(&envelope, body, out, err);
    }
    free(subject);
    free(body);
    free(from);
    free(to);
    return rc;
}

static bool fits(const char *text)
{
    struct sms_measure measure;
    sms_measure(text, &measure);
    return measure.segments <= 2;
}

/* Two segments at most.  The sentence that asks for the client's answer
 * (the one holding the reply code) is kept whole: what comes before it is
 * shortened instead, so a long name in a non-GSM alphabet never cuts the
 * code off. */
static void fit_sms(const char *text, const char *code, char *out, size_t size)
{
    const char *asks = code && *code ? strstr(text, code) : NULL;
    if (fits(text) || !asks) {
        sms_fit(text, 2, out, size);
        return;
    }
    const char *start = asks;
    while (start > text && !(start - text >= 2 && start[-1] == ' ' && strchr(".!?", start[-2])))
        start--;
    size_t keep = (size_t)(start - text);
    while (keep > 0) {
        do
            keep--;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80);
        snprintf(out, size, "%.*s... %s", (int)keep, text, start);
        if (fits(out))
            return;
    }
    sms_fit(start, 2, out, size);
}

/* At most two SMS segments; the file's last newline is not part of it. */
static int render_sms(struct fd_context *ctx, const struct fd_outbox_message *m,
                      const struct values *v, char **out, struct fd_error *err)
{
    char *text = NULL;
    int rc = render_file(ctx, m->kind, "sms", ctx->config.templates[m->kind].sms, v, &text, err);
    if (rc < 0)
        return rc;
    size_t length = strlen(text);
    while (length && (text[length - 1] == '\n' || text[length - 1] == '\r'))
        text[--length] = '\0';
    size_t size = length + 8;
    *out = malloc(size);
    if (!*out) {
        free(text);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    fit_sms(text, m->reply_code, *out, size);
    free(text);
    return 0;
}

/* A list's welcome, by email: the list's own subject, body and gift. */
static int render_welcome(struct fd_context *ctx, const struct fd_outbox_message *m,
                          struct rendered_message *out, struct fd_error *err)
{
    struct fd_subscription s = {0};
    struct fd_client client = {0};
    int rc = store_subscription_get(ops_store(ctx), m->subscription_id, &s, err);
    if (rc == 0)
        rc = store_client_get(ops_store(ctx), m->client_id, &client, err);
    if (rc < 0)
        return rc;
    const struct fd_mailing_list *list = config_find_list(&ctx->config, s.list);
    if (!list || !list->welcome)
        return fd_fail(err, FD_ERR_RULE,
                       "the list \"%s\" has no welcome in the config any more; void message %lld",
                       s.list, (long long)m->id);
    if (!client.email[0] || !text_is_email(client.email))
        return fd_fail(err, FD_ERR_RULE, "%s has no email address for the welcome", client.name);
    out->channel = CONTACT_EMAIL;
    text_copy(out->recipient, sizeof out->recipient, client.email);
    struct values v;
    memset(&v, 0, sizeof v);
    config_welcome_fields(v.fields);
    text_first_name(client.name, v.first, sizeof v.first);
    set(&v, PLACEHOLDER_CLIENT, client.name);
    set(&v, PLACEHOLDER_FIRST_NAME, v.first);
    set(&v, PLACEHOLDER_CLINIC_NAME, ctx->config.clinic_name);
    set(&v, PLACEHOLDER_LIST, list->name);
    set(&v, PLACEHOLDER_FREQUENCY, s.frequency);
    set(&v, PLACEHOLDER_GIFT, list->gift ? list->gift : "");
    struct email_template template = {list->subject, list->welcome};
    return render_email(ctx, m, &template, &client, &v, &out->text, err);
}

int ops_message_render(struct fd_context *ctx, const struct fd_outbox_message *m,
                       struct rendered_message *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    if (m->kind == OUTBOX_KIND_WELCOME)
        return render_welcome(ctx, m, out, err);
    if (m->kind < 0 || m->kind >= MESSAGE_KIND_COUNT)
        return fd_fail(err, FD_ERR_SOFTWARE, "message %lld: no template for a %s", (long long)m->id,
                       ops_message_kind_name(m->kind));
    struct fd_client client;
    int rc = store_client_get(ops_store(ctx), m->client_id, &client, err);
    if (rc == 0)
        rc = choose_channel(ctx, &client, out, err);
    struct values values;
    if (rc == 0)
        rc = fill_values(ctx, m, &client, out->channel, &values, err);
    else
        memset(&values, 0, sizeof values);
    if (rc == 0 && out->channel == CONTACT_SMS)
        rc = render_sms(ctx, m, &values, &out->text, err);
    struct email_template template = {ctx->config.templates[m->kind].subject,
                                      ctx->config.templates[m->kind].body};
    if (rc == 0 && out->channel == CONTACT_EMAIL)
        rc = render_email(ctx, m, &template, &client, &values, &out->text, err);
    free(values.sessions);
    if (rc < 0)
        rendered_message_free(out);
    return rc;
}

void rendered_message_free(struct rendered_message *r)
{
    free(r->text);
    r->text = NULL;
}

/* ---- a run ---- */

void send_report_free(struct send_report *report)
{
    for (size_t i = 0; report->items && i < report->count; i++)
        free(report->items[i].text);
    free(report->items);
    memset(report, 0, sizeof *report);
}

/* Kinds about an appointment that only make sense while it is booked. */
static bool needs_booked(int kind)
{
    return kind == MESSAGE_KIND_CONFIRMATION || kind == MESSAGE_KIND_CHANGE ||
           kind == MESSAGE_KIND_REMINDER;
}

/* Renders every message of the report before any is sent.  A client who
 * cannot be reached is no reason to stop: that one is unsendable. */
static int render_all(struct fd_context *ctx, struct send_report *report, struct fd_error *err)
{
    for (size_t i = 0; i < report->count; i++) {
        struct send_result *r = &report->items[i];
        if (r->message.appointment_id &&
            store_appointment_get(ops_store(ctx), r->message.appointment_id, &r->appointment, err) <
                0)
            return -err->code;
        struct rendered_message rendered;
        struct fd_error why = {0};
        int rc = ops_message_render(ctx, &r->message, &rendered, &why);
        if (rc == -FD_ERR_RULE) {
            r->outcome = SEND_UNSENDABLE;
            text_copy(r->error, sizeof r->error, why.message);
            continue;
        }
        if (rc < 0) {
            *err = why;
            return rc;
        }
        r->channel = rendered.channel;
        text_copy(r->recipient, sizeof r->recipient, rendered.recipient);
        r->text = rendered.text;
    }
    return 0;
}

struct claim_plan {
    struct send_result *r;
    bool claimed;
};

/* Claims the message, or voids it when it no longer applies (its
 * appointment was cancelled or has happened). */
/* Voids a message that no longer applies (unless a run has it already),
 * saying why in the result. */
static int drop(struct fd_context *ctx, struct send_result *r, const char *why,
                struct fd_error *err)
{
    struct fd_outbox_message now;
    int rc = store_outbox_get(ops_store(ctx), r->message.id, &now, err);
    if (rc == 0 && (now.state == OUTBOX_QUEUED || now.state == OUTBOX_FAILED))
        rc = store_outbox_set_state(ops_store(ctx), now.id, OUTBOX_VOID, ctx->now, err);
    text_copy(r->error, sizeof r->error, why);
    return rc;
}

static int claim_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct claim_plan *plan = arg;
    struct send_result *r = plan->r;
    const struct fd_outbox_message *m = &r->message;
    plan->claimed = false;
    if (m->appointment_id && needs_booked(m->kind)) {
        struct fd_appointment a;
        int rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
        if (rc < 0)
            return rc;
        if (a.status != APPOINTMENT_BOOKED || a.start < ctx->now) {
            char why[FD_TEXT_SIZE];
            snprintf(why, sizeof why, "appointment %lld is %s: no longer sent", (long long)a.id,
                     a.status != APPOINTMENT_BOOKED ? state_name(MACHINE_APPOINTMENT, (int)a.status)
                                                    : "past");
            return drop(ctx, r, why, err);
        }
    }
    /* A client who said STOP since the reminder was planned gets none. */
    if (m->kind == MESSAGE_KIND_REMINDER) {
        struct fd_client client;
        int rc = store_client_get(ops_store(ctx), m->client_id, &client, err);
        if (rc < 0)
            return rc;
        if (client.no_reminders_at)
            return drop(ctx, r, "the client opted out of reminders", err);
    }
    int rc =
        store_outbox_claim(ops_store(ctx), m->id, ctx->now, r->channel, r->recipient, NULL, err);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        text_copy(r->error, sizeof r->error, "another desk sent it meanwhile");
        return 0;
    }
    plan->claimed = true;
    return 0;
}

/* What follows from a message sent (or failed): the appointment's
 * confirmation state and the request answered. */
static int follow_on(struct fd_context *ctx, const struct send_result *r, bool sent,
                     struct fd_error *err)
{
    const struct fd_outbox_message *m = &r->message;
    int rc = 0;
    bool confirms = m->kind == MESSAGE_KIND_CONFIRMATION || m->kind == MESSAGE_KIND_CHANGE;
    if (confirms && m->appointment_id) {
        struct fd_appointment a;
        rc = store_appointment_get(ops_store(ctx), m->appointment_id, &a, err);
        enum confirmation_state to = sent ? CONFIRMATION_SENT : CONFIRMATION_FAILED;
        if (rc == 0 && (sent || a.confirmation != CONFIRMATION_SENT))
            rc = store_appointment_set_confirmation(ops_store(ctx), a.id, to, ctx->now,
                                                    r->channel == CONTACT_SMS ? "sms" : "email",
                                                    sent ? NULL : r->error, err);
        /* The first session's confirmation told of the whole series. */
        if (rc == 0 && sent && a.series_id && m->kind == MESSAGE_KIND_CONFIRMATION) {
            struct fd_appointment_filter filter = {
                .from = a.start + 1, .to = FD_TIME_MAX, .series_id = a.series_id};
            struct fd_appointment *later = NULL;
            size_t count = 0;
            rc = store_appointment_list(ops_store(ctx), &filter, &later, &count, err);
            for (size_t i = 0; rc == 0 && i < count; i++)
                if (later[i].status == APPOINTMENT_BOOKED &&
                    later[i].confirmation == CONFIRMATION_UNSENT)
                    rc = store_appointment_set_confirmation(
                        ops_store(ctx), later[i].id, to, ctx->now,
                        r->channel == CONTACT_SMS ? "sms" : "email", NULL, err);
            free(later);
        }
    }
    bool answers = m->kind == MESSAGE_KIND_CONFIRMATION || m->kind == MESSAGE_KIND_DECLINE ||
                   m->kind == MESSAGE_KIND_WAITLIST;
    if (rc == 0 && sent && answers && m->request_id)
        rc = store_request_answer_sent(ops_store(ctx), m->request_id, ctx->now, err);
    return rc;
}

struct record_plan {
    const struct send_result *r;
    bool sent;
};

static int record_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    const struct record_plan *plan = arg;
    const struct send_result *r = plan->r;
    const struct fd_outbox_message *m = &r->message;
    int rc = store_outbox_finish(ops_store(ctx), m->id, plan->sent, ctx->now, r->error, err);
    if (rc == 0)
        rc = follow_on(ctx, r, plan->sent, err);
    const char *kind = ops_message_kind_name(m->kind);
    const char *how = r->channel == CONTACT_SMS ? "texted" : "emailed";
    if (rc == 0 && plan->sent)
        rc = ops_audit(ctx, "outbox", m->id, err, "%s %s to %s (%s)", kind, how, r->recipient,
                       m->client);
    else if (rc == 0)
        rc = ops_audit(ctx, "outbox", m->id, err, "%s to %s failed: %s", kind, m->client, r->error);
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

/* The program that delivers on the result's channel: sendmail -t, or the
 * SMS command with the number as its last argument. */
static bool deliver_by_program(struct fd_context *ctx, struct send_result *r, char **mail_argv,
                               struct send_run *run)
{
    char **argv = mail_argv;
    char **sms_argv = NULL;
    if (r->channel == CONTACT_SMS) {
        size_t words = 0;
        while (ctx->config.sms_argv[words])
            words++;
        sms_argv = calloc(words + 2, sizeof *sms_argv);
        if (!sms_argv) {
            text_copy(r->error, sizeof r->error, "out of memory");
            return false;
        }
        memcpy(sms_argv, ctx->config.sms_argv, words * sizeof *sms_argv);
        sms_argv[words] = r->recipient;
        argv = sms_argv;
    }
    struct program_call call = {.argv = argv,
                                .input = r->text,
                                .timeout_seconds = ctx->config.sendmail_timeout,
                                .name = r->channel == CONTACT_SMS ? "sms_command" : "sendmail",
                                .tick = send_tick,
                                .tick_data = run};
    bool sent = program_run(&call, r->error, sizeof r->error);
    free(sms_argv);
    return sent;
}

/* Claims, sends and records one message. */
static int deliver(struct fd_context *ctx, char **mail_argv, struct send_result *r,
                   struct send_report *report, struct send_run *run, struct fd_error *err)
{
    /* A client out of reach: nothing is tried or recorded; the message
     * waits, and the worklist shows the client. */
    if (r->outcome == SEND_UNSENDABLE) {
        report->failed++;
        return 0;
    }
    struct claim_plan claim = {r, false};
    int rc = ops_run_final(ctx, claim_step, &claim, err);
    if (rc < 0)
        return rc;
    if (!claim.claimed) {
        r->outcome = SEND_SKIPPED;
        report->skipped++;
        return 0;
    }
    bool sent = deliver_by_program(ctx, r, mail_argv, run);
    struct record_plan record = {r, sent};
    rc = ops_run_final(ctx, record_step, &record, err);
    if (rc < 0) {
        char why[sizeof err->message];
        text_copy(why, sizeof why, err->message);
        return fd_fail(err, -rc, "message %lld %s, but that could not be recorded: %s",
                       (long long)r->message.id, sent ? "was sent" : "failed", why);
    }
    if (sent) {
        r->outcome = SEND_SENT;
        r->error[0] = '\0';
        report->sent++;
    } else {
        r->outcome = SEND_FAILED;
        report->failed++;
    }
    return 0;
}

int ops_send_messages(struct fd_context *ctx, struct fd_outbox_message *messages, size_t count,
                      const struct send_options *options, struct send_report *report,
                      struct fd_error *err)
{
    static const struct send_options DEFAULTS = {0};
    if (!options)
        options = &DEFAULTS;
    memset(report, 0, sizeof *report);
    char **mail_argv = NULL;
    int rc = message_split_command(ctx->config.sendmail, "sendmail", &mail_argv, err);
    if (rc < 0)
        return rc;
    if (count) {
        report->items = calloc(count, sizeof *report->items);
        if (!report->items) {
            message_argv_free(mail_argv);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
    }
    for (size_t i = 0; rc == 0 && i < count; i++)
        report->items[report->count++].message = messages[i];
    if (rc == 0)
        rc = render_all(ctx, report, err);
    struct send_run run = {.options = options, .total = report->count};
    for (size_t i = 0; rc == 0 && i < report->count && !run.stop; i++) {
        struct send_result *r = &report->items[i];
        run.done = i;
        send_tick(&run);
        if (run.stop)
            break; /* asked to stop before this one began */
        if (options->dry_run) {
            if (r->outcome == SEND_UNSENDABLE) {
                report->failed++;
            } else {
                r->outcome = SEND_SENT;
                report->sent++;
            }
        } else {
            rc = deliver(ctx, mail_argv, r, report, &run, err);
        }
    }
    report->stopped = run.stop;
    message_argv_free(mail_argv);
    if (rc < 0 || report->failed == 0 || !report->items)
        return rc;
    if (report->count == 1)
        return fd_fail(err, FD_ERR_RULE, "%s %s %lld: %s",
                       ops_message_kind_name(report->items[0].message.kind),
                       options->dry_run ? "cannot be sent: message" : "failed: message",
                       (long long)report->items[0].message.id, report->items[0].error);
    return fd_fail(err, FD_ERR_RULE, "%zu of %zu messages %s; they stay in the queue",
                   report->failed, report->count,
                   options->dry_run ? "cannot be sent" : "were not sent");
}

/* A message about an appointment that has started, or offering a slot
 * that has, comes too late. */
static bool expired(const struct fd_context *ctx, const struct fd_outbox_message *m)
{
    if (m->kind == MESSAGE_KIND_OFFER)
        return m->for_start && m->for_start < ctx->now;
    return needs_booked(m->kind) && m->appointment_start && m->appointment_start < ctx->now;
}

#define EXPIRY_MAX 256
struct expiry {
    int64_t ids[EXPIRY_MAX];
    size_t count;
};

static int expire_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    const struct expiry *expiry = arg;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < expiry->count; i++) {
        struct fd_outbox_message m;
        rc = store_outbox_get(ops_store(ctx), expiry->ids[i], &m, err);
        if (rc < 0 || (m.state != OUTBOX_QUEUED && m.state != OUTBOX_FAILED))
            continue; /* another run dealt with it */
        rc = store_outbox_set_state(ops_store(ctx), m.id, OUTBOX_VOID, ctx->now, err);
        if (rc == 0)
            rc = ops_audit(ctx, "outbox", m.id, err,
                           "voided: appointment %lld started before the %s went",
                           (long long)m.appointment_id, ops_message_kind_name(m.kind));
    }
    return rc;
}

int ops_send(struct fd_context *ctx, const struct send_selection *selection,
             const struct send_options *options, struct send_report *report, struct fd_error *err)
{
    memset(report, 0, sizeof *report);
    struct fd_outbox_message *messages = NULL;
    size_t count = 0;
    int rc = 0;
    if (selection->message_id) {
        messages = calloc(1, sizeof *messages);
        if (!messages)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        rc = store_outbox_get(ops_store(ctx), selection->message_id, messages, err);
        count = rc == 0;
        if (rc == 0 && messages->state != OUTBOX_QUEUED && messages->state != OUTBOX_FAILED)
            rc =
                fd_fail(err, FD_ERR_RULE, "message %lld is %s; only queued or failed ones are sent",
                        (long long)messages->id,
                        ops_outbox_interrupted(ctx, messages)
                            ? "interrupted (retry it first)"
                            : state_name(MACHINE_OUTBOX, (int)messages->state));
    } else {
        struct outbox_filter filter = {.unsent_only = true, .due_by = ctx->now, .kind = -1};
        rc = store_outbox_list(ops_store(ctx), &filter, &messages, &count, err);
        struct expiry expiry = {.count = 0};
        size_t kept = 0;
        for (size_t i = 0; rc == 0 && i < count; i++) {
            const struct fd_outbox_message *m = &messages[i];
            bool wanted = !selection->kinds || (selection->kinds & (1u << m->kind));
            if (!wanted || m->state == OUTBOX_SENDING)
                continue;
            if (!expired(ctx, m))
                messages[kept++] = *m;
            else if (expiry.count < EXPIRY_MAX) /* the rest go with the next run */
                expiry.ids[expiry.count++] = m->id;
        }
        count = kept;
        /* What came too late to tell goes no more (a dry run only leaves
         * it out). */
        if (rc == 0 && expiry.count && !(options && options->dry_run))
            rc = ops_run_final(ctx, expire_step, &expiry, err);
    }
    if (rc == 0)
        rc = ops_send_messages(ctx, messages, count, options, report, err);
    free(messages);
    return rc;
}
