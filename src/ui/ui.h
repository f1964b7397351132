/* The interface's entry point, called by main() when no subcommand is given. */
#ifndef FRONTDESK_UI_H
#define FRONTDESK_UI_H

#include <frontdesk/cli.h>

/* Opens the database and runs the interface until the user quits; returns
 * the exit code. */
int ui_main(const struct cli_globals *globals);

#endif
