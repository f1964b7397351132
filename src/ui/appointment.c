/*
 * What the desk does to one appointment once it is booked, shared by the
 * Day pane and the To do pane: its details (status, fee, series, notes,
 * history), its outcome (arrived, completed, no-show), cancelling it
 * (alone or with the later sessions of its series), its fee, and notes on
 * it or its client.  Each change is one call to ops/, the same as the
 * command line's `arrive`, `cancel`, `fee` and `note add`, so the rules
 * and their refusals are theirs; this file only asks and says.
 *
 * Every function takes the appointment as the pane showed it and works on
 * a copy: the pane may reload (and free what it showed) once the change
 * is made.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- how an appointment looks ---- */

const char *ui_outcome_mark(const struct fd_appointment *a, bool words)
{
    switch (a->status) {
    case APPOINTMENT_ARRIVED:
        return words ? "◆ arrived" : "◆";
    case APPOINTMENT_COMPLETED:
        return words ? "✔ completed" : "✔";
    case APPOINTMENT_NO_SHOW:
        return words ? "✗ no-show" : "✗";
    case APPOINTMENT_CANCELLED:
        if (a->late)
            return words ? "✗ late cancel" : "✗";
        return words ? "cancelled" : "";
    default:
        return "";
    }
}

enum ui_color ui_outcome_color(const struct fd_appointment *a)
{
    switch (a->status) {
    case APPOINTMENT_ARRIVED:
        return COLOR_ARRIVED;
    case APPOINTMENT_COMPLETED:
        return COLOR_COMPLETED;
    case APPOINTMENT_NO_SHOW:
    case APPOINTMENT_CANCELLED:
        return COLOR_NO_SHOW;
    default:
        return a->outside_rota ? COLOR_OFF : COLOR_APPOINTMENT;
    }
}

/* "Thu 2026-11-26 09:00" */
static void describe_when(fd_time start, char *out, size_t size)
{
    char when[FD_DATETIME_LEN];
    datetime_format(start, when);
    snprintf(out, size, "%s %s", date_weekday_name(date_weekday(time_day(start))), when);
}

/* Where the fee can be changed from the pane in view. */
static const char *fee_hint(const struct ui *ui)
{
    return ui->current == PANE_DAY ? "f waives or changes it" : "f on the Day pane changes it";
}

static void format_fee(int pence, char *out, size_t size)
{
    char amount[32];
    config_format_price(pence, amount, size < sizeof amount ? size : sizeof amount);
    snprintf(out, size, "£%s", amount);
}

void ui_price_describe(int price_pence, int list_price_pence, const char *offer, char *out,
                       size_t size)
{
    char price[32], list[32];
    config_format_price(price_pence, price, sizeof price);
    if (!offer || !offer[0]) {
        snprintf(out, size, "%s", price);
        return;
    }
    config_format_price(list_price_pence, list, sizeof list);
    snprintf(out, size, "%s (offer %s; list %s)", price, offer, list);
}

void ui_price_brief(int price_pence, const char *offer, char *out, size_t size)
{
    char price[32];
    config_format_price(price_pence, price, sizeof price);
    snprintf(out, size, "£%s%s", price, offer && offer[0] ? " with an offer" : "");
}

/* ---- details ---- */

void ui_append_notes(struct ui *ui, struct ui_text *t, int64_t client_id, int64_t appointment_id)
{
    struct fd_note *notes = NULL;
    size_t count = 0;
    struct fd_error err = {0};
    if (ops_notes(&ui->ctx, client_id, appointment_id, &notes, &count, &err) < 0) {
        ui_text_append(t, "\nNotes could not be read: %s\n", err.message);
        return;
    }
    ui_text_append(t, "\nNotes:%s\n", count ? "" : " none");
    for (size_t i = 0; i < count; i++) {
        char at[FD_DATETIME_LEN], about[48];
        datetime_format(notes[i].at, at);
        if (!notes[i].appointment_id)
            snprintf(about, sizeof about, "on the client");
        else if (notes[i].appointment_id == appointment_id)
            snprintf(about, sizeof about, "on this appointment");
        else
            snprintf(about, sizeof about, "on #%lld", (long long)notes[i].appointment_id);
        ui_text_append(t, "  %s  %s, %s:\n    %s\n", at, notes[i].who, about, notes[i].text);
    }
    free(notes);
}

static void append_status(struct ui_text *t, const struct fd_appointment *a)
{
    char at[FD_DATETIME_LEN] = "";
    if (a->outcome_at)
        datetime_format(a->outcome_at, at);
    ui_text_append(t, "Status:   %s%s%s", state_name(MACHINE_APPOINTMENT, (int)a->status),
                   at[0] ? " at " : "", at);
    if (a->status == APPOINTMENT_CANCELLED)
        ui_text_append(t, " by the %s%s%s%s",
                       a->cancelled_by == CANCELLED_BY_CLINIC ? "clinic" : "client",
                       a->late ? ", late" : "", a->cancel_reason[0] ? ": " : "", a->cancel_reason);
    ui_text_append(t, "\n");
    if (a->fee_pence || a->fee_note[0] || ops_fee_applies(a)) {
        char fee[40];
        format_fee(a->fee_pence, fee, sizeof fee);
        ui_text_append(t, "Fee:      %s%s%s%s\n", fee, a->fee_note[0] ? " (" : "", a->fee_note,
                       a->fee_note[0] ? ")" : "");
    }
}

/* A therapist's own view shows the client's name, never their contact
 * details, and no history (its lines name addresses messages went to). */
void ui_appointment_show(struct ui *ui, const struct fd_appointment *a)
{
    struct ui_text t = {0};
    char when[64], until[FD_HM_LEN], price[FD_NAME_SIZE + 64];
    describe_when(a->start, when, sizeof when);
    time_format_hm(time_minute(a->end), until);
    ui_price_describe(a->price_pence, a->list_price_pence, a->offer, price, sizeof price);
    if (a->outside_rota)
        ui_text_append(&t, "OUTSIDE THE ROTA: no shift of %s holds it; move or cancel it.\n\n",
                       a->therapist);
    ui_text_append(&t, "When:     %s-%s\n", when, until);
    if (ui->read_only)
        ui_text_append(&t, "Client:   %s\n", a->client);
    else
        ui_text_append(&t, "Client:   %s (#%lld)  %s  %s\n", a->client, (long long)a->client_id,
                       a->client_email, a->client_phone[0] ? a->client_phone : "");
    ui_text_append(&t, "Service:  %s\n", a->service);
    ui_text_append(&t, "Price:    £%s\n", price);
    ui_text_append(&t, "With:     %s at %s, room %d\n", a->therapist, a->clinic, a->room);
    append_status(&t, a);
    if (!ui->read_only)
        ui_text_append(&t, "Message:  %s\n",
                       state_name(MACHINE_CONFIRMATION, (int)a->confirmation));
    if (a->series_id)
        ui_text_append(&t, "Series:   %lld\n", (long long)a->series_id);
    if (a->request_id && !ui->read_only)
        ui_text_append(&t, "Request:  #%lld\n", (long long)a->request_id);
    ui_append_notes(ui, &t, 0, a->id);
    struct fd_audit_entry *history = NULL;
    size_t count = 0;
    struct fd_error err = {0};
    if (!ui->read_only &&
        ops_history(&ui->ctx, "appointment", a->id, &history, &count, &err) == 0) {
        ui_text_append(&t, "\nHistory:\n");
        for (size_t i = 0; i < count; i++) {
            char at[FD_DATETIME_LEN];
            datetime_format(history[i].at, at);
            ui_text_append(&t, "  %s  %s: %s\n", at, history[i].who, history[i].what);
        }
    }
    free(history);
    char title[64];
    snprintf(title, sizeof title, "Appointment #%lld", (long long)a->id);
    if (t.text)
        ui_show_text(ui, title, t.text);
    else
        ui_set_status(ui, true, "out of memory");
    ui_text_free(&t);
}

/* ---- outcomes ---- */

static void appointment_outcome(struct ui *ui, const struct fd_appointment *shown,
                                enum appointment_status outcome)
{
    struct fd_appointment a = *shown;
    char hm[FD_HM_LEN];
    time_format_hm(time_minute(a.start), hm);
    if (outcome == APPOINTMENT_NO_SHOW) {
        /* A no-show owes a fee: a slip of the key should not charge one. */
        char question[320], fee[40] = "";
        int pence = config_fee_pence(&ui->ctx.config.no_show_fee, a.price_pence);
        if (pence > 0)
            format_fee(pence, fee, sizeof fee);
        snprintf(question, sizeof question, "Record #%lld, %s at %s, as a no-show?%s%s%s (y/n)",
                 (long long)a.id, a.client, hm, fee[0] ? " A fee of " : "", fee,
                 fee[0] ? " will be due." : "");
        if (!ui_confirm(ui, question)) {
            ui_set_status(ui, false, "Nothing recorded.");
            return;
        }
    }
    struct fd_appointment after;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_record_outcome(&ui->ctx, a.id, outcome, &after, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    ui->dirty = true;
    if (outcome == APPOINTMENT_NO_SHOW && after.fee_pence) {
        char fee[40];
        format_fee(after.fee_pence, fee, sizeof fee);
        ui_set_status(ui, false, "#%lld %s (%s): no-show. A fee of %s is due (%s).",
                      (long long)after.id, after.client, hm, fee, fee_hint(ui));
        return;
    }
    ui_set_status(ui, false, "#%lld %s (%s): %s.", (long long)after.id, after.client, hm,
                  outcome == APPOINTMENT_ARRIVED     ? "arrived"
                  : outcome == APPOINTMENT_COMPLETED ? "completed"
                                                     : "no-show");
}

/* ---- cancelling ---- */

size_t ui_waitlist_names(struct ui *ui, const struct fd_appointment *freed, size_t freed_count,
                         char *out, size_t size)
{
    out[0] = '\0';
    size_t named = 0;
    int64_t seen[16];
    size_t seen_count = 0;
    for (size_t f = 0; f < freed_count; f++) {
        struct fd_waitlist_entry *matches = NULL;
        size_t count = 0;
        struct fd_error err = {0};
        if (ops_waitlist_matches(&ui->ctx, &freed[f], &matches, &count, &err) < 0)
            count = 0;
        for (size_t i = 0; i < count; i++) {
            bool again = false;
            for (size_t k = 0; k < seen_count; k++)
                again = again || seen[k] == matches[i].id;
            if (again)
                continue;
            if (seen_count < sizeof seen / sizeof seen[0])
                seen[seen_count++] = matches[i].id;
            if (strlen(out) + 40 < size)
                snprintf(out + strlen(out), size - strlen(out), "%s%s (#%lld)", named ? ", " : "",
                         matches[i].name, (long long)matches[i].id);
            named++;
        }
        free(matches);
    }
    return named;
}

/* What the cancellations came to: which were late, and the fees due. */
static void describe_late(const struct ui *ui, const struct fd_appointment *list, size_t count,
                          char *out, size_t size)
{
    int pence = 0;
    size_t late = 0;
    for (size_t i = 0; i < count; i++) {
        late += list[i].late;
        pence += list[i].fee_pence;
    }
    out[0] = '\0';
    if (!late)
        return;
    char fee[40];
    format_fee(pence, fee, sizeof fee);
    if (pence)
        snprintf(out, size, " Late (inside %d h): fee %s due; %s.",
                 ui->ctx.config.late_cancel_hours, fee, fee_hint(ui));
    else
        snprintf(out, size, " Late (inside %d h); the config sets no fee for that.",
                 ui->ctx.config.late_cancel_hours);
}

static void appointment_cancel(struct ui *ui, const struct fd_appointment *shown)
{
    struct fd_appointment a = *shown;
    char question[320], hm[FD_HM_LEN];
    time_format_hm(time_minute(a.start), hm);
    snprintf(question, sizeof question,
             "Cancel #%lld, %s at %s with %s? (y/n) y: the client cancelled, k: the clinic "
             "cancels",
             (long long)a.id, a.client, hm, a.therapist);
    int answer = ui_choose(ui, question, "yYkK");
    if (answer < 0) {
        ui_set_status(ui, false, "Not cancelled.");
        return;
    }
    bool following = false;
    if (a.series_id) {
        snprintf(question, sizeof question,
                 "#%lld is one of series %lld: t this session only, f this and the following "
                 "sessions (Esc: keep them)",
                 (long long)a.id, (long long)a.series_id);
        int which = ui_choose(ui, question, "tTfF");
        if (which < 0) {
            ui_set_status(ui, false, "Not cancelled.");
            return;
        }
        following = which >= 2;
    }
    struct cancellation cancellation = {answer >= 2 ? CANCELLED_BY_CLINIC : CANCELLED_BY_CLIENT,
                                        NULL};
    struct fd_error err = {0};
    struct fd_appointment one, *list = &one;
    size_t count = 1;
    ui_tick_now(ui);
    int rc = following ? ops_cancel_following(&ui->ctx, a.id, &cancellation, &list, &count, &err)
                       : ops_cancel(&ui->ctx, a.id, &cancellation, &one, &err);
    if (rc < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    ui->dirty = true;
    char what[96], late[160], names[192];
    if (following)
        snprintf(what, sizeof what, "Cancelled %zu session%s of series %lld from #%lld.", count,
                 count == 1 ? "" : "s", (long long)a.series_id, (long long)a.id);
    else
        snprintf(what, sizeof what, "Cancelled #%lld.", (long long)a.id);
    describe_late(ui, list, count, late, sizeof late);
    /* SPEC §1 rule 7: name who is waiting for a slot like this one. */
    size_t waiting = ui_waitlist_names(ui, list, count, names, sizeof names);
    if (waiting)
        ui_set_status(ui, false, "%s%s The slot suits %zu waiting: %s. See the Waitlist (5).", what,
                      late, waiting, names);
    else
        ui_set_status(ui, false, "%s%s", what, late);
    if (list != &one)
        free(list);
}

/* ---- fees ---- */

enum { FEE_FIELD_HOW, FEE_FIELD_AMOUNT, FEE_FIELD_REASON, FEE_FIELD_COUNT };
static const char *const FEE_WAYS[] = {"waive it", "change it"};

static bool check_amount(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    if (!field->value[0] || config_parse_price(field->value) >= 0)
        return true;
    snprintf(message, size, "an amount, like 20.00");
    return false;
}

static bool submit_fee(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    const struct fd_appointment *a = data;
    struct form_field *f = form->fields;
    struct fee_change change = {.waive = form_choice_index(&f[FEE_FIELD_HOW]) == 0,
                                .reason = f[FEE_FIELD_REASON].value};
    if (!change.waive && (change.pence = config_parse_price(f[FEE_FIELD_AMOUNT].value)) < 0) {
        snprintf(message, size, "Amount: the fee due instead, like 20.00");
        return false;
    }
    struct fd_appointment after;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_fee_change(&ui->ctx, a->id, &change, &after, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    ui->dirty = true;
    char fee[40];
    format_fee(after.fee_pence, fee, sizeof fee);
    ui_set_status(ui, false, "#%lld %s: fee %s%s (%s).", (long long)after.id, after.client,
                  change.waive ? "waived" : "now ", change.waive ? "" : fee, change.reason);
    return true;
}

static void appointment_fee(struct ui *ui, const struct fd_appointment *shown)
{
    struct fd_appointment a = *shown;
    if (!ops_fee_applies(&a)) {
        ui_set_status(ui, true, "#%lld is %s: only a no-show or a late cancellation owes a fee.",
                      (long long)a.id, state_name(MACHINE_APPOINTMENT, (int)a.status));
        return;
    }
    struct form_field fields[FEE_FIELD_COUNT] = {
        [FEE_FIELD_HOW] = {.label = "Fee", .choices = FEE_WAYS, .choice_count = 2},
        [FEE_FIELD_AMOUNT] = {.label = "Amount",
                              .max = 12,
                              .check = check_amount,
                              .hint = "the fee due instead (when changing it), like 20.00"},
        [FEE_FIELD_REASON] = {.label = "Reason",
                              .check = form_check_required,
                              .hint = "why: it goes to the audit log"},
    };
    text_copy(fields[FEE_FIELD_HOW].value, FORM_VALUE_SIZE, FEE_WAYS[0]);
    config_format_price(a.fee_pence, fields[FEE_FIELD_AMOUNT].value, FORM_VALUE_SIZE);
    char title[FD_NAME_SIZE + 96], fee[40];
    format_fee(a.fee_pence, fee, sizeof fee);
    snprintf(title, sizeof title, "Fee of #%lld %s: %s, %s", (long long)a.id, a.client, fee,
             ui_outcome_mark(&a, true));
    struct form form = {.title = title,
                        .fields = fields,
                        .count = FEE_FIELD_COUNT,
                        .submit = submit_fee,
                        .data = &a};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "The fee is as it was.");
}

/* ---- notes ---- */

enum { NOTE_ABOUT, NOTE_TEXT, NOTE_COUNT };

static bool submit_note(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    const struct fd_appointment *a = data;
    bool on_client = form_choice_index(&form->fields[NOTE_ABOUT]) == 1;
    struct fd_note note;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_note_add(&ui->ctx, on_client ? a->client_id : 0, on_client ? 0 : a->id,
                     form->fields[NOTE_TEXT].value, &note, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    ui->dirty = true;
    if (on_client)
        ui_set_status(ui, false, "Note added to %s (client #%lld); Enter shows it.", a->client,
                      (long long)a->client_id);
    else
        ui_set_status(ui, false, "Note added to #%lld; Enter shows it.", (long long)a->id);
    return true;
}

static void appointment_note(struct ui *ui, const struct fd_appointment *shown)
{
    struct fd_appointment a = *shown;
    char this_one[48], client[FD_NAME_SIZE + 16];
    snprintf(this_one, sizeof this_one, "this appointment (#%lld)", (long long)a.id);
    snprintf(client, sizeof client, "the client (%s)", a.client);
    const char *about[] = {this_one, client};
    struct form_field fields[NOTE_COUNT] = {
        [NOTE_ABOUT] = {.label = "About",
                        .choices = about,
                        .choice_count = 2,
                        .hint = "a client's note shows with every appointment of theirs"},
        [NOTE_TEXT] = {.label = "Note",
                       .check = form_check_required,
                       .hint = "\"left calf tight, check orthotics\""},
    };
    text_copy(fields[NOTE_ABOUT].value, FORM_VALUE_SIZE, about[0]);
    char title[FD_NAME_SIZE + 128], when[64];
    describe_when(a.start, when, sizeof when);
    snprintf(title, sizeof title, "Note: #%lld %s, %s", (long long)a.id, a.client, when);
    struct form form = {
        .title = title, .fields = fields, .count = NOTE_COUNT, .submit = submit_note, .data = &a};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "No note added.");
}

/* ---- the keys ---- */

bool ui_appointment_act(struct ui *ui, const struct fd_appointment *a, enum action action)
{
    switch (action) {
    case ACT_SELECT:
        ui_appointment_show(ui, a);
        return true;
    case ACT_CANCEL_ITEM:
        appointment_cancel(ui, a);
        return true;
    case ACT_MOVE:
        ui_appointment_move(ui, a);
        return true;
    case ACT_ARRIVED:
        appointment_outcome(ui, a, APPOINTMENT_ARRIVED);
        return true;
    case ACT_COMPLETED:
        appointment_outcome(ui, a, APPOINTMENT_COMPLETED);
        return true;
    case ACT_NO_SHOW:
        appointment_outcome(ui, a, APPOINTMENT_NO_SHOW);
        return true;
    case ACT_FEE:
        appointment_fee(ui, a);
        return true;
    case ACT_NOTE:
        appointment_note(ui, a);
        return true;
    default:
        return false;
    }
}
