/*
 * The Lists pane: the clinic's mailing lists with their subscribers, and
 * the offers of the config.  ←/→ choose which list is shown (or every
 * list); each subscriber shows their name, email, how often they chose,
 * since when and where their consent came from (web or desk).  n
 * subscribes someone (ops_subscribe(), as `subscribe`: consent recorded
 * now, from the desk, a welcome queued when the list has one); r takes
 * the selected subscriber off that list after a question
 * (ops_unsubscribe(): the record of when stays); a shows those who left
 * too.  Below, the offers, read-only: they live in the config, and o
 * shows each in full, its window and conditions.  Whether an offer
 * applies to a booking is never worked out here: the booking form and
 * the slot pickers ask ops_booking_price().
 */
#include "ui_internal.h"

#include <frontdesk/lists.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The offers below the subscribers: at most this many rows of them. */
#define OFFER_ROWS 5
/* The frequencies a list may offer that the form can show. */
#define FREQUENCIES_MAX 16

struct lists_state {
    struct fd_subscription *subscribers;
    size_t count;
    int shown;   /* the config's list shown, or -1: every list */
    bool former; /* those who left too */
    struct list_view list;
    char error[sizeof(struct fd_error){0}.message];
};

static const struct fd_subscription *selected(const struct lists_state *s)
{
    return s->count ? &s->subscribers[s->list.selected] : NULL;
}

static const struct fd_mailing_list *shown_list(const struct ui *ui, const struct lists_state *s)
{
    return s->shown >= 0 && (size_t)s->shown < ui->ctx.config.list_count
               ? &ui->ctx.config.lists[s->shown]
               : NULL;
}

static void lists_load(struct ui *ui, void *state)
{
    struct lists_state *s = state;
    int64_t keep = selected(s) ? selected(s)->id : 0;
    free(s->subscribers);
    s->subscribers = NULL;
    s->count = 0;
    s->error[0] = '\0';
    const struct fd_mailing_list *list = shown_list(ui, s);
    struct fd_error err = {0};
    if (ops_subscribers(&ui->ctx, list ? list->name : NULL, s->former, &s->subscribers, &s->count,
                        &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    for (size_t i = 0; i < s->count; i++)
        if (s->subscribers[i].id == keep)
            s->list.selected = (int)i;
    list_clamp(&s->list, (int)s->count);
}

/* ---- the words for an offer ---- */

/* "10% off" or "£5.00 off". */
static void describe_discount(const struct fd_offer *offer, char *out, size_t size)
{
    if (offer->percent) {
        snprintf(out, size, "%d%% off", offer->percent);
        return;
    }
    char amount[32];
    config_format_price(offer->pence, amount, sizeof amount);
    snprintf(out, size, "£%s off", amount);
}

/* "on now", "to come", "over": the window against today. */
static const char *offer_when(const struct ui *ui, const struct fd_offer *offer)
{
    fd_day today = time_day(ui->ctx.now);
    return today < offer->from ? "to come" : today > offer->to ? "over" : "on now";
}

/* Names joined by ", ". */
static void join_names(char *const *names, size_t count, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? ", " : "", names[i]);
    }
}

/* Who gets it: "first session, subscribers of self-care, Sports massage
 * 60 only", or "anyone, any service". */
static void describe_conditions(const struct fd_offer *offer, char *out, size_t size)
{
    char lists[256], services[256];
    join_names(offer->subscribers_of, offer->subscribers_of_count, lists, sizeof lists);
    join_names(offer->services, offer->service_count, services, sizeof services);
    snprintf(out, size, "%s%s%s%s%s%s", offer->first_session ? "first session, " : "",
             lists[0] ? "subscribers of " : "", lists, lists[0] ? ", " : "",
             offer->first_session || lists[0] ? "" : "anyone, ", services[0] ? "" : "any service");
    if (services[0]) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s only", services);
    }
}

/* One line: "january-first-session  10% off  2027-01-01 to 2027-01-31
 * (to come)  first session, subscribers of self-care, any service". */
static void describe_offer(const struct ui *ui, const struct fd_offer *offer, char *out,
                           size_t size)
{
    char discount[48], from[FD_DATE_LEN], to[FD_DATE_LEN], conditions[640];
    describe_discount(offer, discount, sizeof discount);
    date_format(offer->from, from);
    date_format(offer->to, to);
    describe_conditions(offer, conditions, sizeof conditions);
    snprintf(out, size, "%s  %s  %s to %s (%s)  %s", offer->name, discount, from, to,
             offer_when(ui, offer), conditions);
}

/* o: every offer with its window and conditions in words. */
static void show_offers(struct ui *ui)
{
    const struct fd_config *config = &ui->ctx.config;
    if (!config->offer_count) {
        ui_set_status(ui, false, "The config has no offers (offer \"NAME\" { … } sections).");
        return;
    }
    struct ui_text t = {0};
    for (size_t i = 0; i < config->offer_count; i++) {
        const struct fd_offer *offer = &config->offers[i];
        char discount[48], from[FD_DATE_LEN], to[FD_DATE_LEN], names[256];
        describe_discount(offer, discount, sizeof discount);
        date_format(offer->from, from);
        date_format(offer->to, to);
        ui_text_append(&t, "%s%s (%s)\n", i ? "\n" : "", offer->name, offer_when(ui, offer));
        ui_text_append(&t, "  %s the price of an appointment from %s %s to %s %s\n", discount,
                       date_weekday_name(date_weekday(offer->from)), from,
                       date_weekday_name(date_weekday(offer->to)), to);
        if (offer->first_session)
            ui_text_append(&t, "  only a client's first session (no earlier appointment that was "
                               "not cancelled)\n");
        join_names(offer->subscribers_of, offer->subscribers_of_count, names, sizeof names);
        if (names[0])
            ui_text_append(&t, "  only for those who had joined %s when they booked\n", names);
        join_names(offer->services, offer->service_count, names, sizeof names);
        ui_text_append(&t, "  services: %s\n", names[0] ? names : "any");
    }
    ui_text_append(&t, "\nA booking gets one offer at most, the largest discount; the booking "
                       "form\nshows it and can decline it.  Offers are set in the config: "
                       "changing one\nnever changes a price already booked.\n");
    if (t.text)
        ui_show_text(ui, "Offers", t.text);
    else
        ui_set_status(ui, true, "out of memory");
    ui_text_free(&t);
}

/* ---- drawing ---- */

/* The columns of a subscriber's row, from x = 1: the list (when every
 * list is shown), name and email share what the fixed ones leave. */
struct columns {
    int list, name, email;
};
#define FREQUENCY_WIDTH 10
#define SINCE_WIDTH     18
#define SOURCE_WIDTH    6
#define LEFT_WIDTH      18

static struct columns columns_for(const struct lists_state *s, int width)
{
    int rest =
        width - 2 - FREQUENCY_WIDTH - SINCE_WIDTH - SOURCE_WIDTH - (s->former ? LEFT_WIDTH : 0);
    if (rest < 12)
        rest = 12;
    struct columns c = {.list = s->shown < 0 ? rest * 28 / 100 : 0};
    c.name = (rest - c.list) * 45 / 100;
    c.email = rest - c.list - c.name;
    return c;
}

/* Draws the cells of a row: each in its column, cut to fit. */
static void draw_cells(WINDOW *win, int y, int width, const struct columns *c,
                       const char *const cells[7], attr_t attr)
{
    const int widths[7] = {c->list,     c->name,      c->email,  FREQUENCY_WIDTH,
                           SINCE_WIDTH, SOURCE_WIDTH, LEFT_WIDTH};
    int x = 1;
    for (int i = 0; i < 7 && x < width - 1; i++) {
        if (!widths[i] || !cells[i])
            continue;
        int room = widths[i] - 1 < width - 1 - x ? widths[i] - 1 : width - 1 - x;
        draw_text(win, y, x, cells[i], room, attr);
        x += widths[i];
    }
}

static void subscriber_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                           bool is_selected)
{
    struct lists_state *s = data;
    const struct fd_subscription *sub = &s->subscribers[index];
    char since[FD_DATETIME_LEN], left[FD_DATETIME_LEN] = "";
    datetime_format(sub->subscribed_at, since);
    if (sub->unsubscribed_at)
        datetime_format(sub->unsubscribed_at, left);
    attr_t attr = is_selected            ? ui_attr(ui, COLOR_SELECTED)
                  : sub->unsubscribed_at ? A_DIM
                                         : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    struct columns c = columns_for(s, width);
    const char *const cells[7] = {sub->list,
                                  sub->name,
                                  sub->email,
                                  sub->frequency[0] ? sub->frequency : "-",
                                  since,
                                  sub->source,
                                  s->former ? left : NULL};
    draw_cells(win, y, width, &c, cells, attr);
}

/* "◀ self-care ▶ (weekly, monthly): 2 subscribers" */
static void draw_title(struct ui *ui, const struct lists_state *s, WINDOW *win, int width)
{
    const struct fd_mailing_list *list = shown_list(ui, s);
    char frequencies[256] = "", title[FD_NAME_SIZE + 400];
    if (list)
        join_names(list->frequencies, list->frequency_count, frequencies, sizeof frequencies);
    size_t current = 0;
    for (size_t i = 0; i < s->count; i++)
        current += !s->subscribers[i].unsubscribed_at;
    snprintf(title, sizeof title, "Mailing list ◀ %s ▶%s%s%s: %zu subscriber%s",
             list ? list->name : "every list", frequencies[0] ? " (" : "", frequencies,
             frequencies[0] ? ")" : "", current, current == 1 ? "" : "s");
    if (s->former) {
        size_t used = strlen(title);
        snprintf(title + used, sizeof title - used, ", %zu who left", s->count - current);
    }
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
}

/* The offers from row y (height rows): a heading, then a line each. */
static void draw_offers(struct ui *ui, WINDOW *win, int y, int height, int width)
{
    const struct fd_config *config = &ui->ctx.config;
    if (height < 1)
        return;
    if (!config->offer_count) {
        draw_text(win, y, 1, "Offers: none in the config.", width - 2, A_BOLD);
        return;
    }
    char heading[96];
    snprintf(heading, sizeof heading, "Offers from the config: %zu (o shows them in full)",
             config->offer_count);
    draw_text(win, y++, 1, heading, width - 2, A_BOLD);
    for (size_t i = 0; i < config->offer_count && i + 1 < (size_t)height; i++) {
        char line[1024];
        if (i + 2 == (size_t)height && i + 1 < config->offer_count)
            snprintf(line, sizeof line, "… and %zu more: o shows them all",
                     config->offer_count - i);
        else
            describe_offer(ui, &config->offers[i], line, sizeof line);
        draw_text(win, y++, 1, line, width - 2, A_NORMAL);
    }
}

static void lists_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct lists_state *s = state;
    if (!ui->ctx.config.list_count) {
        draw_text(win, 0, 1, "The config names no mailing lists (list \"NAME\" { } sections).",
                  width - 2, A_BOLD);
        draw_offers(ui, win, 2, height - 2, width);
        return;
    }
    draw_title(ui, s, win, width);
    /* The offers keep a gap, a heading and up to OFFER_ROWS lines at the
     * bottom, giving way to the subscribers on a short screen. */
    size_t offers = ui->ctx.config.offer_count;
    int offer_height = 2 + (int)(offers < OFFER_ROWS ? offers : OFFER_ROWS);
    if (offer_height > (height - 2) / 2)
        offer_height = (height - 2) / 2;
    int list_height = height - 2 - offer_height;
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
    } else if (s->count == 0) {
        draw_text(win, 2, 1, "Nobody has subscribed yet. n subscribes someone.", width - 2,
                  A_NORMAL);
    } else {
        struct columns c = columns_for(s, width);
        const char *const headings[7] = {
            "LIST", "NAME", "EMAIL", "HOW OFTEN", "SINCE", "FROM", s->former ? "LEFT" : NULL};
        draw_cells(win, 1, width, &c, headings, A_BOLD | A_UNDERLINE);
        list_draw(ui, &s->list, (int)s->count, win, 2, 0, list_height, width, subscriber_row, s);
    }
    draw_offers(ui, win, 2 + list_height + 1, offer_height - 1, width);
}

/* ---- subscribing ---- */

enum { S_NAME, S_EMAIL, S_LIST, S_FREQUENCY, S_COUNT };
#define NO_CHOICE "(no choice)"

struct subscribe_form {
    const char **lists;
    const char *frequencies[FREQUENCIES_MAX];
    int frequency_count;
};

/* The How often field offers the frequencies of the list chosen. */
static void offer_frequencies(struct ui *ui, struct form *form, int index)
{
    if (index != S_LIST)
        return;
    struct subscribe_form *data = form->data;
    const struct fd_mailing_list *list =
        config_find_list(&ui->ctx.config, form->fields[S_LIST].value);
    data->frequency_count = 0;
    for (size_t i = 0; list && i < list->frequency_count && i < FREQUENCIES_MAX; i++)
        data->frequencies[data->frequency_count++] = list->frequencies[i];
    if (!data->frequency_count)
        data->frequencies[data->frequency_count++] = NO_CHOICE;
    struct form_field *field = &form->fields[S_FREQUENCY];
    field->choices = data->frequencies;
    field->choice_count = data->frequency_count;
    text_copy(field->value, sizeof field->value, data->frequencies[0]);
}

static bool submit_subscriber(struct ui *ui, struct form *form, void *data, char *message,
                              size_t size)
{
    (void)data;
    const struct form_field *f = form->fields;
    struct subscribe_input in = {
        .name = f[S_NAME].value,
        .email = f[S_EMAIL].value,
        .list = f[S_LIST].value,
        .frequency = strcmp(f[S_FREQUENCY].value, NO_CHOICE) == 0 ? NULL : f[S_FREQUENCY].value,
        .source = "desk",
    };
    struct subscribe_result result;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_subscribe(&ui->ctx, &in, &result, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    const struct fd_subscription *sub = &result.subscription;
    char since[FD_DATETIME_LEN];
    datetime_format(sub->subscribed_at, since);
    if (result.already)
        ui_set_status(ui, false, "%s is already on %s (since %s): nothing changed.", sub->name,
                      sub->list, since);
    else
        ui_set_status(ui, false, "Subscribed %s to %s%s%s, from the desk%s", sub->name, sub->list,
                      sub->frequency[0] ? ", " : "", sub->frequency,
                      result.welcome_id ? "; welcome queued (Outbox 4)." : ".");
    ui->dirty = true;
    return true;
}

static void subscribe_form(struct ui *ui, const struct lists_state *s)
{
    const struct fd_config *config = &ui->ctx.config;
    if (!config->list_count) {
        ui_set_status(ui, true, "The config names no mailing lists to subscribe anyone to.");
        return;
    }
    struct subscribe_form data = {.lists = calloc(config->list_count, sizeof(const char *))};
    if (!data.lists) {
        ui_set_status(ui, true, "out of memory");
        return;
    }
    for (size_t i = 0; i < config->list_count; i++)
        data.lists[i] = config->lists[i].name;
    struct form_field fields[S_COUNT] = {
        [S_NAME] = {FORM_CLIENT_NAME},
        [S_EMAIL] = {FORM_EMAIL},
        [S_LIST] = {.label = "List",
                    .choices = data.lists,
                    .choice_count = (int)config->list_count},
        [S_FREQUENCY] = {.label = "How often", .hint = "the choice the list offers"},
    };
    const struct fd_mailing_list *shown = shown_list(ui, s);
    text_copy(fields[S_LIST].value, FORM_VALUE_SIZE, shown ? shown->name : data.lists[0]);
    struct form form = {.title = "Subscribe: their consent, given at the desk now",
                        .fields = fields,
                        .count = S_COUNT,
                        .submit = submit_subscriber,
                        .data = &data,
                        .changed = offer_frequencies};
    offer_frequencies(ui, &form, S_LIST);
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Nobody subscribed.");
    free(data.lists);
}

/* ---- unsubscribing ---- */

static void unsubscribe(struct ui *ui, const struct lists_state *s)
{
    const struct fd_subscription *shown = selected(s);
    if (!shown) {
        ui_set_status(ui, true, "No subscriber selected.");
        return;
    }
    struct fd_subscription sub = *shown; /* the pane reloads once it changes */
    if (sub.unsubscribed_at) {
        char when[FD_DATETIME_LEN];
        datetime_format(sub.unsubscribed_at, when);
        ui_set_status(ui, true, "%s left %s on %s: there is nothing to take them off.", sub.name,
                      sub.list, when);
        return;
    }
    char question[FD_EMAIL_SIZE + FD_NAME_SIZE + 128];
    snprintf(question, sizeof question,
             "Take %s off %s? The record of their consent is kept. (y/n)", sub.email, sub.list);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Still subscribed.");
        return;
    }
    size_t count = 0;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_unsubscribe(&ui->ctx, sub.email, sub.list, &count, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    ui->dirty = true;
    ui_set_status(ui, false, "Took %s off %s%s; the record of their consent is kept.", sub.email,
                  sub.list, count > 1 ? " (everyone at that address)" : "");
}

/* ---- the keys ---- */

static bool lists_handle(struct ui *ui, void *state, enum action action)
{
    struct lists_state *s = state;
    int lists = (int)ui->ctx.config.list_count;
    switch (action) {
    case ACT_PREV_ITEM:
    case ACT_NEXT_ITEM:
        /* -1 (every list), then each list, round and round. */
        s->shown = (s->shown + 1 + (action == ACT_NEXT_ITEM ? 1 : lists)) % (lists + 1) - 1;
        s->list = (struct list_view){0};
        lists_load(ui, s);
        return true;
    case ACT_SHOW_ALL:
        s->former = !s->former;
        lists_load(ui, s);
        ui_set_status(ui, false, "%s",
                      s->former ? "Showing those who left too (a: current only)."
                                : "Showing current subscribers only.");
        return true;
    case ACT_NEW:
        subscribe_form(ui, s);
        return true;
    case ACT_REMOVE:
        unsubscribe(ui, s);
        return true;
    case ACT_OFFERS:
        show_offers(ui);
        return true;
    default:
        return list_handle(&s->list, (int)s->count, action);
    }
}

static void lists_free(void *state)
{
    struct lists_state *s = state;
    free(s->subscribers);
    free(s);
}

void *pane_lists_new(struct ui *ui)
{
    (void)ui;
    struct lists_state *s = calloc(1, sizeof *s);
    if (s)
        s->shown = -1;
    return s;
}

const struct pane_ops PANE_LISTS_OPS = {
    .title = "Lists",
    .load = lists_load,
    .draw = lists_draw,
    .handle = lists_handle,
    .free = lists_free,
};
