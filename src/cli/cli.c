/*
 * The command line's front door: global options, the command table, help,
 * and dispatch.  Each command is a row of a command table; the general help
 * and each command's --help are generated from that table, so they cannot
 * drift from what the program accepts.
 */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

/* Each command file owns its rows; the groups are listed here in the order
 * the general help shows them. */
// clang-format off
static const struct cli_command *const GROUPS[] = {
    CLI_SETUP_COMMANDS,
    CLI_ROTA_COMMANDS,
    CLI_BOOK_COMMANDS,
    CLI_APPOINTMENT_COMMANDS,
    CLI_NOTE_COMMANDS,
    CLI_ATTENTION_COMMANDS,
    CLI_CLIENT_COMMANDS,
    CLI_REQUEST_COMMANDS,
    CLI_CONFIRM_COMMANDS,
    CLI_OUTBOX_COMMANDS,
    CLI_WAITLIST_COMMANDS,
    CLI_LIST_COMMANDS,
    CLI_IMPORT_COMMANDS,
    CLI_EXPORT_COMMANDS,
    CLI_REPORT_COMMANDS,
    NULL,
};
// clang-format on

/* Declares c and walks it over every command of every group. */
// NOLINTBEGIN(bugprone-macro-parentheses): c is the name being declared, not an expression
#define FOR_EACH_COMMAND(c)                                                                        \
    for (const struct cli_command *const *group_ = GROUPS; *group_; group_++)                      \
        for (const struct cli_command *c = *group_; c->name; c++)
// NOLINTEND(bugprone-macro-parentheses)

int cli_report(const struct fd_error *err)
{
    fprintf(stderr, "frontdesk: %s\n", err->message[0] ? err->message : "failed");
    return err->code ? err->code : FD_ERR_SOFTWARE;
}

void cli_print_usage(void)
{
    printf("usage: frontdesk [--db FILE|URI] [--config FILE] [--now \"YYYY-MM-DD HH:MM\"] "
           "[--site NAME] [COMMAND ...]\n"
           "       frontdesk --therapist HANDLE      read-only view of a therapist's day\n"
           "\n"
           "With no command, frontdesk opens the interface.\n\nCommands:\n");
    FOR_EACH_COMMAND(c)
    printf("  %-22s %s\n", c->name, c->summary);
    printf("\nGlobal options:\n"
           "  --db FILE|URI    the database: an SQLite file, or postgresql://… (default: the\n"
           "                   config's, or $XDG_DATA_HOME/frontdesk/frontdesk.db)\n"
           "  --config FILE    the config (default: $FRONTDESK_CONFIG, or "
           "$XDG_CONFIG_HOME/frontdesk/frontdesk.conf)\n"
           "  --now \"D HH:MM\"  use this as the current time\n"
           "  --site NAME      the clinic this desk is at (default: the config's site)\n"
           "  --help, --version\n"
           "\n'frontdesk COMMAND --help' describes a command.  Exit status: 0 done, 1 refused by "
           "a rule,\n64 usage, 65 bad data, 66 missing file, 70 internal error, 74 cannot write, "
           "75 database busy,\n78 bad config.\n");
}

void cli_print_command_help(const struct cli_command *command)
{
    printf("usage: frontdesk %s %s\n\n%s.\n", command->name, command->usage, command->summary);
    if (command->help && *command->help)
        printf("\n%s", command->help);
}

/* Takes an option with a value: "--db X" or "--db=X".  Returns how many
 * arguments it used (0: not this option). */
static int take_value(int argc, char **argv, int i, const char *name, const char **out,
                      struct fd_error *err, int *rc)
{
    size_t length = strlen(name);
    if (strncmp(argv[i], name, length) != 0)
        return 0;
    if (argv[i][length] == '=') {
        *out = argv[i] + length + 1;
        return 1;
    }
    if (argv[i][length] != '\0')
        return 0;
    if (i + 1 >= argc) {
        *rc = fd_fail(err, FD_ERR_USAGE, "%s needs a value", name);
        return 1;
    }
    *out = argv[i + 1];
    return 2;
}

int cli_parse_globals(int argc, char **argv, struct cli_globals *out, struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->argv = calloc((size_t)argc + 1, sizeof *out->argv);
    if (!out->argv)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    bool before_command = true, after_dashes = false;
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        int used = 0;
        if (!after_dashes) {
            if (strcmp(argv[i], "--") == 0) {
                after_dashes = true;
                out->argv[out->argc++] = argv[i];
                continue;
            }
            used = take_value(argc, argv, i, "--db", &out->database, err, &rc);
            if (!used)
                used = take_value(argc, argv, i, "--config", &out->config, err, &rc);
            if (!used)
                used = take_value(argc, argv, i, "--now", &out->now, err, &rc);
            if (!used)
                used = take_value(argc, argv, i, "--site", &out->site, err, &rc);
            if (!used && before_command) {
                used = take_value(argc, argv, i, "--therapist", &out->therapist, err, &rc);
                if (!used && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
                    out->help = true;
                    used = 1;
                }
                if (!used && strcmp(argv[i], "--version") == 0) {
                    out->version = true;
                    used = 1;
                }
            }
        }
        if (used) {
            i += used - 1;
            continue;
        }
        if (before_command && argv[i][0] == '-' && !after_dashes) {
            rc = fd_fail(err, FD_ERR_USAGE, "unknown option %s (see frontdesk --help)", argv[i]);
            break;
        }
        before_command = false;
        out->argv[out->argc++] = argv[i];
    }
    if (rc < 0)
        cli_globals_free(out);
    return rc;
}

void cli_globals_free(struct cli_globals *globals)
{
    free(globals->argv);
    globals->argv = NULL;
    globals->argc = 0;
}

struct fd_open_options cli_open_options(const struct cli_globals *globals)
{
    return (struct fd_open_options){.config_path = globals->config,
                                    .database = globals->database,
                                    .now = globals->now,
                                    .site = globals->site,
                                    .prepare_process = globals->prepare_process};
}

/* How many words of argv a command's name takes up, or 0 when its name is
 * not the start of argv. */
static int name_words(const char *name, int argc, char **argv)
{
    int words = 0;
    while (*name) {
        size_t length = strcspn(name, " ");
        if (words >= argc || strlen(argv[words]) != length ||
            strncmp(argv[words], name, length) != 0)
            return 0;
        words++;
        name += length;
        name += *name == ' ';
    }
    return words;
}

/* Finds the command named by the first words: the longest name that
 * matches, so that "rota off list" is not "rota off" for a therapist
 * called "list". */
static const struct cli_command *find_command(int argc, char **argv, int *words)
{
    const struct cli_command *found = NULL;
    *words = 0;
    FOR_EACH_COMMAND(c)
    {
        int n = name_words(c->name, argc, argv);
        if (n > *words) {
            *words = n;
            found = c;
        }
    }
    return found;
}

static int explain_unknown(int argc, char **argv)
{
    /* A known group with an unknown or missing verb: list the verbs. */
    size_t length = strlen(argv[0]);
    bool group = false;
    FOR_EACH_COMMAND(c)
    if (strncmp(c->name, argv[0], length) == 0 && c->name[length] == ' ')
        group = true;
    if (!group) {
        fprintf(stderr, "frontdesk: unknown command \"%s\" (see frontdesk --help)\n", argv[0]);
        return FD_ERR_USAGE;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("The %s commands ('frontdesk %s COMMAND --help' describes one):\n", argv[0],
               argv[0]);
        FOR_EACH_COMMAND(c)
        if (strncmp(c->name, argv[0], length) == 0 && c->name[length] == ' ')
            printf("  frontdesk %s %s\n      %s\n", c->name, c->usage, c->summary);
        return 0;
    }
    if (argc >= 2)
        fprintf(stderr, "frontdesk: %s: unknown command \"%s\"; one of:", argv[0], argv[1]);
    else
        fprintf(stderr, "frontdesk: %s: name a command; one of:", argv[0]);
    FOR_EACH_COMMAND(c)
    if (strncmp(c->name, argv[0], length) == 0 && c->name[length] == ' ')
        fprintf(stderr, " %s", c->name + length + 1);
    fputc('\n', stderr);
    return FD_ERR_USAGE;
}

int cli_run(const struct cli_globals *globals)
{
    int words = 0;
    const struct cli_command *command = find_command(globals->argc, globals->argv, &words);
    if (!command)
        return explain_unknown(globals->argc, globals->argv);
    struct cli_call call = {.globals = globals,
                            .command = command,
                            .argc = globals->argc - words,
                            .argv = globals->argv + words};
    int rc = command->run(&call);
    if (call.opened)
        ops_close(&call.ctx);
    free(call.therapists);
    if (rc == -CLI_HELP_SHOWN)
        return 0;
    if (rc < 0)
        return cli_report(&call.err);
    return rc;
}
