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

int main(int argc, char **argv)
{
    use_utf8_locale();
    struct cli_globals globals;
    struct fd_error err = {0};
    if (cli_parse_globals(argc, argv, &globals, &err) < 0)
        return cli_report(&err);
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
    return rc;
}
