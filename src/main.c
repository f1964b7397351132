/*
 * Entry point: process-wide set-up (locale, the clinic's time zone), the
 * global options, and the choice between a subcommand and the interface.
 */
#include <frontdesk/cli.h>
#include <frontdesk/ops.h>

#include "ui/ui.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Names with accents and wide characters need a UTF-8 locale to be
 * measured; fall back to C.UTF-8 when the environment gives none. */
static void use_utf8_locale(void)
{
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

/* The clinic's wall clock is the only clock the program reads: once the
 * config is known, the process runs in the clinic's zone. */
static int use_clinic_zone(const struct fd_config *config, struct fd_error *err)
{
    (void)err;
    setenv("TZ", config->timezone, 1);
    tzset();
    return 0;
}

/* The copies hide_passwords() made, freed at exit. */
static char *argument_copies[8];

/* A database server's address given with its password (user:PASSWORD@ or
 * password=…, as --db or migrate's --to) would show in ps for as long as
 * the program runs, to every user of the machine.  Each such argument is
 * copied for the program to use, and in the original, which is what ps
 * reads, the address is overwritten with itself less the password.  (A
 * password file is the better place for it: see docs/postgresql.md.) */
static void hide_passwords(int argc, char **argv)
{
    size_t copies = 0;
    for (int i = 1; i < argc && copies < sizeof argument_copies / sizeof *argument_copies; i++) {
        char *target = argv[i];
        char *equals = strchr(target, '=');
        if (target[0] == '-' && equals)
            target = equals + 1; /* --db=postgresql://… */
        if (strncmp(target, "postgres", 8) != 0 || !strstr(target, "://"))
            continue;
        char shown[4096];
        ops_database_label(target, shown, sizeof shown);
        size_t length = strlen(target), shown_length = strlen(shown);
        if (strcmp(shown, target) == 0 || shown_length > length)
            continue;
        char *copy = strdup(argv[i]);
        if (!copy)
            return;
        argument_copies[copies++] = copy;
        argv[i] = copy;
        memcpy(target, shown, shown_length);
        memset(target + shown_length, 0, length - shown_length);
    }
}

static void free_argument_copies(void)
{
    for (size_t i = 0; i < sizeof argument_copies / sizeof *argument_copies; i++) {
        free(argument_copies[i]);
        argument_copies[i] = NULL;
    }
}

int main(int argc, char **argv)
{
    use_utf8_locale();
    hide_passwords(argc, argv);
    struct cli_globals globals;
    struct fd_error err = {0};
    if (cli_parse_globals(argc, argv, &globals, &err) < 0) {
        free_argument_copies();
        return cli_report(&err);
    }
    globals.prepare_process = use_clinic_zone;
    int rc;
    if (globals.version) {
        printf("frontdesk %s\n", FD_VERSION);
        rc = 0;
    } else if (globals.help) {
        cli_print_usage();
        rc = 0;
    } else if (globals.argc == 0) {
        struct fd_open_options options = cli_open_options(&globals);
        rc = ui_main(&options, globals.therapist, &err);
        rc = rc < 0 ? cli_report(&err) : 0;
    } else {
        rc = cli_run(&globals);
    }
    cli_globals_free(&globals);
    free_argument_copies();
    return rc;
}
