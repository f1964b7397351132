/* `frontdesk note add|list`: notes on clients and appointments. */
#include "cli_internal.h"

#include <stdlib.h>

/* --client ID and --appointment ID, either or neither. */
static int parse_about(struct cli_call *call, const char *client, const char *appointment,
                       int64_t *client_id, int64_t *appointment_id)
{
    *client_id = *appointment_id = 0;
    if (client && appointment)
        return fd_fail(&call->err, FD_ERR_USAGE, "note: give --client or --appointment, not both");
    if (client)
        return cli_parse_id(call, "--client", client, client_id);
    if (appointment)
        return cli_parse_id(call, "--appointment", appointment, appointment_id);
    return 0;
}

static int cmd_note_add(struct cli_call *call)
{
    const char *client = NULL, *appointment = NULL, *text = NULL;
    const struct cli_option options[] = {
        {"client", 0, &client, NULL}, {"appointment", 0, &appointment, NULL}, {0}};
    int rc = cli_parse(call, options, &text, 1, 1);
    int64_t client_id = 0, appointment_id = 0;
    if (rc == 0)
        rc = parse_about(call, client, appointment, &client_id, &appointment_id);
    if (rc == 0 && !client && !appointment)
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "note add: say what it is about with --client ID or --appointment ID");
    struct fd_note note = {0};
    if (rc == 0)
        rc = ops_note_add(&call->ctx, client_id, appointment_id, text, &note, &call->err);
    if (rc < 0)
        return rc;
    printf("Note %lld added to %s %lld\n", (long long)note.id, client_id ? "client" : "appointment",
           (long long)(client_id ? client_id : appointment_id));
    return 0;
}

static int cmd_note_list(struct cli_call *call)
{
    const char *client = NULL, *appointment = NULL;
    bool json = false;
    const struct cli_option options[] = {{"client", 0, &client, NULL},
                                         {"appointment", 0, &appointment, NULL},
                                         {"json", 0, NULL, &json},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    int64_t client_id = 0, appointment_id = 0;
    if (rc == 0)
        rc = parse_about(call, client, appointment, &client_id, &appointment_id);
    struct fd_note *notes = NULL;
    size_t count = 0;
    if (rc == 0)
        rc = ops_notes(&call->ctx, client_id, appointment_id, &notes, &count, &call->err);
    if (rc < 0)
        return rc;
    if (json) {
        cli_print_json(cli_json_notes(notes, count));
    } else if (count == 0) {
        printf("No notes.\n");
    } else {
        int64_t shown = -1;
        for (size_t i = 0; i < count; i++) {
            if (notes[i].about_client_id != shown)
                printf("%s (client %lld)\n", notes[i].client, (long long)notes[i].about_client_id);
            shown = notes[i].about_client_id;
            cli_print_note(&notes[i]);
        }
    }
    free(notes);
    return 0;
}

const struct cli_command CLI_NOTE_COMMANDS[] = {
    {"note add", cmd_note_add, DB_OPEN, "(--client ID | --appointment ID) TEXT",
     "add a note to a client or an appointment (\"left calf tight, check orthotics\")", ""},
    {"note list", cmd_note_list, DB_READ, "[--client ID | --appointment ID] [--json]",
     "notes on a client (and their appointments), on an appointment, or all", ""},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
