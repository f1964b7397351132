/*
 * Entry point: process-wide set-up (locale), the global options, and the
 * choice between a subcommand and the interface.
 */
#include <frontdesk/cli.h>

#include "ui/ui.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Names with accents and wide characters need a UTF-8 locale to be
 * measured; fall back to C.UTF-8 when the environment gives none. */
static void use_utf8_locale(void)
{
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

int main(int argc, char **argv)
{
    use_utf8_locale();
    struct cli_globals globals;
    struct fd_error err = {0};
    if (cli_parse_globals(argc, argv, &globals, &err) < 0)
        return cli_report(&err);
    int rc;
    if (globals.version) {
        printf("frontdesk %s\n", FD_VERSION);
        rc = 0;
    } else if (globals.help) {
        cli_print_usage();
        rc = 0;
    } else if (globals.argc == 0) {
        rc = ui_main(&globals);
    } else {
        rc = cli_run(&globals);
    }
    cli_globals_free(&globals);
    return rc;
}
