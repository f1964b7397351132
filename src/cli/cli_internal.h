/* What the command files share: the command table entry, option parsing,
 * and output helpers for tables and JSON. */
#ifndef FRONTDESK_CLI_INTERNAL_H
#define FRONTDESK_CLI_INTERNAL_H

#include <frontdesk/cli.h>
#include <frontdesk/export.h>
#include <frontdesk/ops.h>

#include <jansson.h>
#include <stdio.h>

struct cli_call {
    const struct cli_globals *globals;
    const struct cli_command *command;
    int argc; /* the command's own arguments, after its name */
    char **argv;
    struct fd_context ctx; /* opened by cli_parse() once the options are good */
    bool opened;
    struct fd_error err;
    /* Therapists, read on first need to show handles (cli_therapist_handle). */
    struct fd_therapist *therapists;
    size_t therapist_count;
    bool therapists_loaded;
};

/* How a command opens the database: to change it, to create it, only to
 * read it (so that it works on a file the user may read but not write),
 * or not at all. */
enum cli_database { DB_OPEN, DB_CREATE, DB_READ, DB_NONE };

struct cli_command {
    const char *name; /* "rota add" */
    int (*run)(struct cli_call *call);
    enum cli_database database;
    const char *usage;   /* the argument synopsis */
    const char *summary; /* one line for the command list */
    const char *help;    /* options, one per line, for --help */
};

/* Command tables, one per command file, each ending with a NULL name. */
extern const struct cli_command CLI_SETUP_COMMANDS[];       /* cmd_setup.c */
extern const struct cli_command CLI_ROTA_COMMANDS[];        /* cmd_rota.c */
extern const struct cli_command CLI_BOOK_COMMANDS[];        /* cmd_book.c */
extern const struct cli_command CLI_REQUEST_COMMANDS[];     /* cmd_request.c */
extern const struct cli_command CLI_CONFIRM_COMMANDS[];     /* cmd_confirm.c */
extern const struct cli_command CLI_WAITLIST_COMMANDS[];    /* cmd_waitlist.c */
extern const struct cli_command CLI_IMPORT_COMMANDS[];      /* cmd_import.c */
extern const struct cli_command CLI_EXPORT_COMMANDS[];      /* cmd_export.c */
extern const struct cli_command CLI_REPORT_COMMANDS[];      /* cmd_report.c */
extern const struct cli_command CLI_CLIENT_COMMANDS[];      /* cmd_client.c */
extern const struct cli_command CLI_ATTENTION_COMMANDS[];   /* cmd_attention.c */
extern const struct cli_command CLI_APPOINTMENT_COMMANDS[]; /* cmd_appointment.c */
extern const struct cli_command CLI_NOTE_COMMANDS[];        /* cmd_note.c */
extern const struct cli_command CLI_OUTBOX_COMMANDS[];      /* cmd_outbox.c */
extern const struct cli_command CLI_LIST_COMMANDS[];        /* cmd_lists.c */

/* An option a command accepts.  Values are stored in the pointed-to
 * variables: `text` for options with a value, `flag` for switches. */
struct cli_option {
    const char *name; /* without the dashes */
    char short_name;  /* 0: none */
    const char **text;
    bool *flag;
};

/* What cli_parse() returns (negated) when it printed the command's help:
 * the command stops, and the program exits 0. */
#define CLI_HELP_SHOWN 1000

/* Parses call->argv against options; positional arguments go to
 * positionals (at most max, at least min).  Usage errors fill call->err.
 * --help (or -h) anywhere an option may stand prints the command's help
 * instead.  Once the arguments are good it opens the database the way the
 * command's table row says, so a usage error or --help never needs one. */
int cli_parse(struct cli_call *call, const struct cli_option *options, const char **positionals,
              int min, int max);

/* cli_parse() for commands whose one argument is an id (named `what` in
 * errors), parsed into *id. */
int cli_parse_with_id(struct cli_call *call, const struct cli_option *options, const char *what,
                      int64_t *id);

/* Prints a command's usage, summary and options (stdout). */
void cli_print_command_help(const struct cli_command *command);

/* Strict value parsers that name the option in their errors. */
int cli_parse_day(struct cli_call *call, const char *option, const char *text, fd_day *out);
int cli_parse_time(struct cli_call *call, const char *option, const char *text, fd_time *out);
int cli_parse_minute(struct cli_call *call, const char *option, const char *text, int *out);
int cli_parse_id(struct cli_call *call, const char *what, const char *text, int64_t *out);
/* --from and --to (either may be NULL) into range; an end not given is
 * FD_DAY_NONE (ops_range_resolve() fills it). */
int cli_parse_range(struct cli_call *call, const char *from, const char *to,
                    struct fd_day_range *range);
/* "2026-11-01 to 2026-11-30" */
void cli_format_range(const struct fd_day_range *range, char *out, size_t size);
int cli_parse_count(struct cli_call *call, const char *option, const char *text, long low,
                    long high, long *out);

/* Output. */
void cli_print_json(json_t *document); /* steals the reference */
json_t *cli_json_appointment(const struct fd_appointment *a);
/* "#12 2026-12-03 10:00-11:00 Sports massage 60 with prim at Main (room 1)
 * for Ann Lee" */
void cli_print_appointment_line(const struct fd_appointment *a);
/* Reports a refused booking or move (one line on stderr), and prints the
 * nearest free times when it was refused for the time; returns the exit
 * code. */
int cli_report_refusal(struct cli_call *call, const struct booking_refusal *refusal);
json_t *cli_json_shift(const struct fd_context *ctx, const struct shift *shift, const char *handle);
/* How many terminal columns text takes (UTF-8 aware). */
int cli_text_width(const char *text);
/* Prints text padded or cut to `width` terminal columns (UTF-8 aware). */
void cli_print_cell(FILE *out, const char *text, int width);
/* The handle of a therapist id ("?" when unknown). */
const char *cli_therapist_handle(struct cli_call *call, int64_t id);

/* Suggestions and waitlist entries, shared by several commands. */
int cli_print_slots(struct cli_call *call, const struct slot *slots, size_t count, bool json);
/* `… suggest ID [--limit N] [--json]` for whatever source finds the slots;
 * note (may be NULL) prints a line above the table. */
typedef int (*slot_source)(struct fd_context *ctx, int64_t id, size_t limit, struct slot **out,
                           size_t *count, struct fd_error *err);
int cli_suggest(struct cli_call *call, slot_source source,
                void (*note)(struct cli_call *call, int64_t id));
json_t *cli_json_waitlist_entry(const struct fd_waitlist_entry *entry);
void cli_print_waitlist_entry(const struct fd_waitlist_entry *entry);
/* What a send run did, one line per message ("sent #12 to …"; by the
 * appointment's number with by_appointment), or with dry_run every
 * message in full. */
struct send_report;
void cli_print_send_report(const struct send_report *report, bool dry_run, bool by_appointment);
/* Notes, as listed under an appointment or a client, and as JSON. */
void cli_print_note(const struct fd_note *note);
json_t *cli_json_notes(const struct fd_note *notes, size_t count);
/* After a cancellation or a move: the waiting clients the freed time
 * suits. */
void cli_print_waitlist_matches(struct cli_call *call, const struct fd_appointment *freed);

/* Commands. */
int cmd_init(struct cli_call *call);
int cmd_demo(struct cli_call *call);
int cmd_migrate(struct cli_call *call);
int cmd_therapist_add(struct cli_call *call);
int cmd_therapist_list(struct cli_call *call);
int cmd_rota_add(struct cli_call *call);
int cmd_rota_off(struct cli_call *call);
int cmd_rota_list(struct cli_call *call);
int cmd_rota_remove(struct cli_call *call);
int cmd_rota_show(struct cli_call *call);
int cmd_book(struct cli_call *call);
int cmd_cancel(struct cli_call *call);
int cmd_day(struct cli_call *call);
int cmd_audit(struct cli_call *call);

#endif
