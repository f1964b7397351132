/*
 * Finding a client (/): type part of a name, email or phone; pick one of
 * the matches; see their appointments, past and to come.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show_history(struct ui *ui, const struct fd_client *client)
{
    struct fd_appointment_filter filter = {
        .from = 0, .to = INT64_MAX, .client_id = client->id, .include_cancelled = true};
    struct fd_appointment *list = NULL;
    size_t count = 0;
    struct fd_error err = {0};
    if (ops_appointments(&ui->ctx, &filter, &list, &count, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    size_t size = 512 + count * 160;
    char *text = malloc(size);
    if (!text) {
        free(list);
        return;
    }
    size_t used =
        (size_t)snprintf(text, size, "%s  %s  %s\n\n", client->name, client->email, client->phone);
    if (count == 0)
        used += (size_t)snprintf(text + used, size - used, "No appointments yet.\n");
    for (size_t i = 0; i < count && used < size; i++) {
        char when[FD_DATETIME_LEN];
        datetime_format(list[i].start, when);
        used +=
            (size_t)snprintf(text + used, size - used, "#%-6lld %s  %-10s %-22s %-16s %s%s\n",
                             (long long)list[i].id, when, list[i].therapist, list[i].service,
                             list[i].clinic, state_name(MACHINE_APPOINTMENT, (int)list[i].status),
                             list[i].start >= ui->ctx.now ? "" : " (past)");
    }
    ui_show_text(ui, "Client", text);
    free(text);
    free(list);
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
    if (!ui_prompt(ui, "Find a client (name, email or phone): ", query, sizeof query) || !query[0])
        return;
    struct pick pick = {0};
    struct fd_error err = {0};
    if (ops_client_search(&ui->ctx, query, 200, &pick.clients, &pick.count, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
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
