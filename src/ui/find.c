/*
 * Finding a client (/): type part of a name, email or phone; pick one of
 * the matches; see their appointments, past and to come, and their notes.
 */
#include "ui_internal.h"

#include <frontdesk/clients.h>
#include <frontdesk/identity.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything the desk has of a client.  A therapist's own view shows the
 * name and that therapist's appointments with them, never contact
 * details, and the notes only of a client of theirs: one with an
 * appointment with them. */
static void show_history(struct ui *ui, const struct fd_client *client)
{
    struct client_history h;
    struct fd_error err = {0};
    if (ops_client_history(&ui->ctx, client->id, &h, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    struct ui_text t = {0};
    if (ui->read_only)
        ui_text_append(&t, "%s\n\nAppointments with %s:\n", h.client.name, ui->therapist);
    else
        ui_text_append(&t, "%s\nemail  %s\nphone  %s\n", h.client.name,
                       h.client.email[0] ? h.client.email : "-",
                       h.client.phone[0] ? h.client.phone : "-");
    for (size_t i = 0; !ui->read_only && i < h.same_address_count; i++)
        ui_text_append(&t, "%s%s%s", i ? ", " : "also at this address: ", h.same_address[i].name,
                       i + 1 == h.same_address_count ? "\n" : "");
    if (!ui->read_only)
        ui_text_append(&t, "\nAppointments:\n");
    size_t shown = 0;
    for (size_t i = 0; i < h.appointment_count; i++) {
        const struct fd_appointment *a = &h.appointments[i];
        if (ui->read_only && a->therapist_id != ui->therapist_id)
            continue;
        char when[FD_DATETIME_LEN];
        datetime_format(a->start, when);
        ui_text_append(&t, "#%-6lld %s  %-10s %-22s %-16s %s%s\n", (long long)a->id, when,
                       a->therapist, a->service, a->clinic,
                       state_name(MACHINE_APPOINTMENT, (int)a->status),
                       a->start >= ui->ctx.now ? "" : " (past)");
        shown++;
    }
    if (shown == 0)
        ui_text_append(&t, "No appointments yet.\n");
    if (!ui->read_only || shown > 0)
        ui_append_notes(ui, &t, client->id, 0);
    for (size_t i = 0; !ui->read_only && i < h.request_count; i++) {
        const struct fd_request *r = &h.requests[i];
        char received[FD_DATETIME_LEN];
        datetime_format(r->received, received);
        ui_text_append(&t, "%sRequest #%lld %s  %s  %s\n", i ? "" : "\n", (long long)r->id,
                       received, r->service, state_name(MACHINE_REQUEST, (int)r->status));
    }
    for (size_t i = 0; !ui->read_only && i < h.waitlist_count; i++) {
        const struct fd_waitlist_entry *e = &h.waitlist[i];
        ui_text_append(&t, "%sWaitlist #%lld  %s  %s\n", i ? "" : "\n", (long long)e->id,
                       e->service, state_name(MACHINE_WAITLIST, (int)e->status));
    }
    if (t.text)
        ui_show_text(ui, "Client", t.text);
    else
        ui_set_status(ui, true, "out of memory");
    ui_text_free(&t);
    client_history_free(&h);
}

struct pick {
    struct fd_client *clients;
    size_t count;
    struct list_view list;
};

static void pick_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                     bool selected)
{
    struct pick *pick = data;
    const struct fd_client *c = &pick->clients[index];
    char line[FD_NAME_SIZE + FD_EMAIL_SIZE + FD_PHONE_SIZE + 8];
    if (ui->read_only)
        snprintf(line, sizeof line, "%s", c->name);
    else
        snprintf(line, sizeof line, "%s  <%s>  %s", c->name, c->email, c->phone);
    attr_t attr = selected ? ui_attr(ui, COLOR_SELECTED) : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    draw_text(win, y, 1, line, width - 2, attr);
}

static bool pick_draw(struct ui *ui, void *data, WINDOW *win, int height, int width)
{
    struct pick *pick = data;
    list_draw(ui, &pick->list, (int)pick->count, win, 0, 0, height, width, pick_row, pick);
    return false;
}

static enum modal_reply pick_key(struct ui *ui, void *data, struct ui_key key)
{
    struct pick *pick = data;
    int code = ui_key_int(key);
    if (code == '\r' || code == '\n' || code == KEY_ENTER) {
        show_history(ui, &pick->clients[pick->list.selected]);
        return MODAL_USED;
    }
    bool used = list_handle(&pick->list, (int)pick->count, keys_action(code, ui->current));
    return used ? MODAL_USED : MODAL_UNUSED;
}

void ui_find_client(struct ui *ui)
{
    char query[128] = "";
    const char *prompt =
        ui->read_only ? "Find a client (name): " : "Find a client (name, email or phone): ";
    if (!ui_prompt(ui, prompt, query, sizeof query) || !query[0])
        return;
    struct pick pick = {0};
    struct fd_error err = {0};
    if (ops_client_search(&ui->ctx, query, 200, &pick.clients, &pick.count, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    if (ui->read_only) {
        /* A therapist finds people by name only: an email or a phone number
         * typed here must not tell whose it is. */
        char wanted[sizeof query], name[FD_NAME_SIZE];
        identity_name_key(query, wanted, sizeof wanted);
        size_t kept = 0;
        for (size_t i = 0; i < pick.count; i++) {
            identity_name_key(pick.clients[i].name, name, sizeof name);
            if (strstr(name, wanted))
                pick.clients[kept++] = pick.clients[i];
        }
        pick.count = kept;
    }
    if (pick.count == 0) {
        ui_set_status(ui, false, "No client matches \"%s\".", query);
        free(pick.clients);
        return;
    }
    char title[192];
    snprintf(title, sizeof title, "Clients matching \"%s\": Enter shows, Esc closes", query);
    ui_modal_run(
        ui, &(struct modal){.title = title, .draw = pick_draw, .key = pick_key, .data = &pick});
    free(pick.clients);
}
