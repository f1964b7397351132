/*
 * Output helpers: JSON documents (jansson) with the field names of SPEC §2,
 * and table cells padded by terminal columns rather than bytes, so that
 * accented and wide names line up.
 */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void cli_print_json(json_t *document)
{
    if (!document)
        return;
    /* Into memory, then out in one write: jansson writing to a stream
     * does it a token at a time, which costs more than the query. */
    char *text = json_dumps(document, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text) {
        fputs(text, stdout);
        fputc('\n', stdout);
        free(text);
    }
    json_decref(document);
}

static json_t *json_hm(int minute)
{
    char text[FD_HM_LEN];
    time_format_hm(minute, text);
    return json_string(text);
}

static json_t *json_money(int pence)
{
    char text[32];
    config_format_price(pence, text, sizeof text);
    return json_string(text);
}

static json_t *json_date(fd_day day)
{
    char text[FD_DATE_LEN];
    date_format(day, text);
    return json_string(text);
}

json_t *cli_json_appointment(const struct fd_appointment *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "date", json_date(time_day(a->start)));
    json_object_set_new(o, "start", json_hm(time_minute(a->start)));
    json_object_set_new(
        o, "end",
        json_hm(time_day(a->end) > time_day(a->start) ? FD_MINUTES_PER_DAY : time_minute(a->end)));
    json_object_set_new(o, "therapist", json_string(a->therapist));
    json_object_set_new(o, "clinic", json_string(a->clinic));
    json_object_set_new(o, "room", json_integer(a->room));
    json_object_set_new(o, "service", json_string(a->service));
    json_object_set_new(o, "client", json_string(a->client));
    json_object_set_new(o, "status", json_string(state_name(MACHINE_APPOINTMENT, (int)a->status)));
    json_object_set_new(o, "confirmation",
                        json_string(state_name(MACHINE_CONFIRMATION, (int)a->confirmation)));
    json_object_set_new(o, "series_id", a->series_id ? json_integer(a->series_id) : json_null());
    json_object_set_new(o, "price", json_money(a->price_pence));
    json_object_set_new(o, "list_price",
                        json_money(a->list_price_pence ? a->list_price_pence : a->price_pence));
    json_object_set_new(o, "offer", a->offer[0] ? json_string(a->offer) : json_null());
    if (a->status == APPOINTMENT_CANCELLED) {
        json_object_set_new(
            o, "cancelled_by",
            json_string(a->cancelled_by == CANCELLED_BY_CLINIC ? "clinic" : "client"));
        json_object_set_new(o, "late", json_boolean(a->late));
        json_object_set_new(o, "cancel_reason",
                            a->cancel_reason[0] ? json_string(a->cancel_reason) : json_null());
    }
    json_object_set_new(o, "fee", json_money(a->fee_pence));
    if (a->fee_note[0])
        json_object_set_new(o, "fee_note", json_string(a->fee_note));
    return o;
}

void cli_print_appointment_line(const struct fd_appointment *a)
{
    char date[FD_DATE_LEN], from[FD_HM_LEN], to[FD_HM_LEN];
    date_format(time_day(a->start), date);
    time_format_hm(time_minute(a->start), from);
    time_format_hm(time_minute(a->end), to);
    printf("#%lld %s %s-%s %s with %s at %s (room %d) for %s\n", (long long)a->id, date, from, to,
           a->service, a->therapist, a->clinic, a->room, a->client);
}

int cli_report_refusal(struct cli_call *call, const struct booking_refusal *refusal)
{
    /* The error is one line on stderr; the times instead are output. */
    int code = cli_report(&call->err);
    if (!refusal->about_time || !refusal->alternative_count)
        return code;
    printf("Nearest free times:\n");
    for (size_t i = 0; i < refusal->alternative_count; i++) {
        const struct slot *s = &refusal->alternatives[i];
        char when[FD_DATETIME_LEN];
        datetime_format(s->start, when);
        const struct fd_clinic *clinic = config_clinic_by_id(&call->ctx.config, s->clinic_id);
        printf("  %s %s  %s at %s\n", date_weekday_name(date_weekday(time_day(s->start))), when,
               cli_therapist_handle(call, s->therapist_id), clinic ? clinic->name : "?");
    }
    return code;
}

json_t *cli_json_shift(const struct fd_context *ctx, const struct shift *shift, const char *handle)
{
    const struct fd_clinic *clinic = config_clinic_by_id(&ctx->config, shift->clinic_id);
    json_t *o = json_object();
    json_object_set_new(o, "therapist", json_string(handle));
    json_object_set_new(o, "clinic", json_string(clinic ? clinic->name : "?"));
    json_object_set_new(o, "date", json_date(shift->day));
    json_object_set_new(o, "start", json_hm(shift->start));
    json_object_set_new(o, "end", json_hm(shift->end));
    return o;
}

int cli_text_width(const char *text)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int width = 0;
    for (const char *p = text; *p;) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, strlen(p), &state);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            memset(&state, 0, sizeof state);
            n = 1;
            wc = L'?';
        }
        int w = wcwidth(wc);
        width += w < 0 ? 1 : w;
        p += n;
    }
    return width;
}

void cli_print_cell(FILE *out, const char *text, int width)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    const char *p = text;
    int used = 0;
    while (*p) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, strlen(p), &state);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            memset(&state, 0, sizeof state);
            wc = L'?';
            n = 1;
        }
        int w = wcwidth(wc);
        if (w < 0)
            w = 1;
        if (used + w > width)
            break;
        fwrite(p, 1, n, out);
        used += w;
        p += n;
    }
    for (; used < width; used++)
        fputc(' ', out);
}

/* Handles are looked up in the list read once per command. */
const char *cli_therapist_handle(struct cli_call *call, int64_t id)
{
    if (!call->therapists_loaded) {
        call->therapists_loaded = true;
        struct fd_error ignored;
        if (ops_therapist_list(&call->ctx, &call->therapists, &call->therapist_count, &ignored) < 0)
            call->therapist_count = 0;
    }
    return ops_therapist_handle(call->therapists, call->therapist_count, id);
}
