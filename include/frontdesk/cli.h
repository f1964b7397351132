/*
 * The command line: global options, subcommands, text and JSON output,
 * exit codes.  main() parses the globals and either runs a subcommand here
 * or opens the interface.
 */
#ifndef FRONTDESK_CLI_H
#define FRONTDESK_CLI_H

#include <frontdesk/error.h>
#include <frontdesk/ops.h>

#include <stdbool.h>

struct cli_globals {
    const char *database;  /* --db */
    const char *config;    /* --config */
    const char *now;       /* --now */
    const char *site;      /* --site: the clinic this desk is at */
    const char *therapist; /* --therapist before any subcommand: read-only view */
    bool help;
    bool version;
    int argc;    /* what is left: the subcommand and its arguments */
    char **argv; /* owned (the array, not the strings) */
    /* main's process-wide set-up, passed on to every database it opens. */
    int (*prepare_process)(const struct fd_config *config, struct fd_error *err);
};

/* Takes --db, --config, --now and --site from anywhere on the line (before a
 * lone "--"), and --help, --version and --therapist when they come before
 * the subcommand.  Returns 0 or -FD_ERR_USAGE. */
int cli_parse_globals(int argc, char **argv, struct cli_globals *out, struct fd_error *err);
void cli_globals_free(struct cli_globals *globals);

/* The options for opening the database that the globals give. */
struct fd_open_options cli_open_options(const struct cli_globals *globals);

/* Runs the subcommand in globals->argv; returns the exit code. */
int cli_run(const struct cli_globals *globals);
/* Prints the general help (stdout). */
void cli_print_usage(void);
/* Prints "frontdesk: message" on stderr and returns the exit code. */
int cli_report(const struct fd_error *err);

#endif
