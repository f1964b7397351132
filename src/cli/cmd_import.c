/*
 * `frontdesk import requests|messages FILE.csv`: booking requests or
 * contact-form messages from a website export or a spreadsheet.  The work
 * is ops_import_file(); this file
 * parses the options, draws a progress bar on a terminal for long files,
 * and prints the summary and one `frontdesk: FILE:LINE: …` line per bad
 * row on stderr.
 */
#include "cli_internal.h"

#include <frontdesk/import.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Files smaller than this import too quickly for a bar to be worth it. */
#define PROGRESS_MIN_BYTES (1024L * 1024L)
#define PROGRESS_WIDTH     40

struct progress_bar {
    int drawn_percent; /* -1: nothing on screen */
    int drawn_length;  /* characters to blank out when done */
};

static void progress_draw(void *data, long done, long total)
{
    struct progress_bar *bar = data;
    if (total < PROGRESS_MIN_BYTES)
        return;
    int percent = done >= total ? 100 : (int)(done * 100 / total);
    if (percent == bar->drawn_percent)
        return;
    char filled[PROGRESS_WIDTH + 1];
    int cells = percent * PROGRESS_WIDTH / 100;
    memset(filled, '#', (size_t)cells);
    memset(filled + cells, '.', (size_t)(PROGRESS_WIDTH - cells));
    filled[PROGRESS_WIDTH] = '\0';
    bar->drawn_length = fprintf(stderr, "\rImporting [%s] %3d%%", filled, percent);
    fflush(stderr);
    bar->drawn_percent = percent;
}

static void progress_clear(struct progress_bar *bar)
{
    if (bar->drawn_percent < 0)
        return;
    fprintf(stderr, "\r%*s\r", bar->drawn_length, "");
    fflush(stderr);
    bar->drawn_percent = -1;
}

static const char *plural(long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static int run_import(struct cli_call *call, const struct import_kind *kind, const char *one,
                      const char *many)
{
    const char *path;
    struct import_options options = {0};
    const struct cli_option cli_options[] = {{"skip-invalid", 0, NULL, &options.skip_invalid},
                                             {"dry-run", 0, NULL, &options.dry_run},
                                             {0}};
    int rc = cli_parse(call, cli_options, &path, 1, 1);
    if (rc < 0)
        return rc;
    struct progress_bar bar = {.drawn_percent = -1};
    if (isatty(STDERR_FILENO)) {
        options.progress = progress_draw;
        options.progress_data = &bar;
    }
    /* Too big for the stack of a small thread, and allocated once. */
    struct import_result *result = malloc(sizeof *result);
    if (!result)
        return fd_fail(&call->err, FD_ERR_SOFTWARE, "out of memory");
    rc = ops_import_file(&call->ctx, kind, path, &options, result, &call->err);
    progress_clear(&bar);

    for (size_t i = 0; i < result->problem_count; i++)
        fprintf(stderr, "frontdesk: %s\n", result->problems[i]);
    long unlisted = result->bad_rows - (long)result->problem_count;
    if (unlisted > 0)
        fprintf(stderr, "frontdesk: %s: and %ld more bad %s\n", path, unlisted,
                plural(unlisted, "row", "rows"));

    if (rc == 0) {
        printf("%s %ld %s (%ld already there)\n", options.dry_run ? "Would import" : "Imported",
               result->imported, plural(result->imported, one, many), result->already);
        if (options.skip_invalid)
            printf("%s %ld bad %s\n", options.dry_run ? "Would skip" : "Skipped", result->bad_rows,
                   plural(result->bad_rows, "row", "rows"));
        if (result->prefer_not_understood)
            printf("%ld of them %s preferred times that were not understood: kept as written and "
                   "listed by 'frontdesk attention'\n",
                   result->prefer_not_understood,
                   result->prefer_not_understood == 1 ? "has" : "have");
    } else if (rc == -FD_ERR_DATA && !result->file_error && result->bad_rows == 1) {
        /* The row's own line says what was wrong and where; a refused
         * command changes nothing, so no summary is needed. */
        rc = FD_ERR_DATA;
    }
    free(result);
    return rc;
}

static int cmd_import_requests(struct cli_call *call)
{
    return run_import(call, &IMPORT_REQUESTS, "request", "requests");
}

static int cmd_import_messages(struct cli_call *call)
{
    return run_import(call, &IMPORT_MESSAGES, "message", "messages");
}

static int cmd_import_subscribers(struct cli_call *call)
{
    return run_import(call, &IMPORT_SUBSCRIBERS, "subscriber", "subscribers");
}

const struct cli_command CLI_IMPORT_COMMANDS[] = {
    {"import requests", cmd_import_requests, DB_OPEN, "FILE.csv [--skip-invalid] [--dry-run]",
     "import booking requests from a CSV file, all or none",
     "  FILE.csv        UTF-8 CSV (RFC 4180 quoting); its first line names the columns,\n"
     "                  in any order: received, name, email, phone, service, prefer,\n"
     "                  therapist, message (name, email and service are required).\n"
     "                  \"-\" reads standard input.\n"
     "  --skip-invalid  import the good rows and report each bad one\n"
     "  --dry-run       check the file and say what would be imported, changing nothing\n"
     "\n"
     "Each row is checked like 'request add'; a bad row is reported as FILE:LINE: with the\n"
     "line where the row starts.  Rows imported before (the same values) are not added again.\n"
     "\n"
     "Exit status: 0 imported; 65 the file is not valid CSV, its header is wrong, or a row\n"
     "is bad (nothing is imported); 66 the file cannot be read.  With --skip-invalid the\n"
     "exit status is 0 when at least one row is good (or the file has no rows), and 65\n"
     "only when the file is refused or every row is bad.\n"},
    {"import messages", cmd_import_messages, DB_OPEN, "FILE.csv [--skip-invalid] [--dry-run]",
     "import contact-form messages from a CSV file, all or none",
     "  FILE.csv        UTF-8 CSV (RFC 4180 quoting); its first line names the columns,\n"
     "                  in any order: received, name, email, text (name, email and text\n"
     "                  are required; text may span lines).  \"-\" reads standard input.\n"
     "  --skip-invalid  import the good rows and report each bad one\n"
     "  --dry-run       check the file and say what would be imported, changing nothing\n"
     "\n"
     "Rows are checked like 'message add' and reported as FILE:LINE: when bad; messages\n"
     "imported before are not added again.  Exit status as for 'import requests'.\n"},
    {"import subscribers", cmd_import_subscribers, DB_OPEN, "FILE.csv [--skip-invalid] [--dry-run]",
     "import mailing-list sign-ups (the web form's export), all or none",
     "  FILE.csv        UTF-8 CSV (RFC 4180 quoting); its first line names the columns,\n"
     "                  in any order: name, email, list, frequency, subscribed, source\n"
     "                  (name, email and list are required; subscribed is\n"
     "                  \"YYYY-MM-DD HH:MM\", source web (the default) or desk).\n"
     "  --skip-invalid  import the good rows and report each bad one\n"
     "  --dry-run       check the file and say what would be imported, changing nothing\n"
     "\n"
     "Rows are checked like 'subscribe' and reported as FILE:LINE: when bad.  A sign-up\n"
     "already current (imported before, or made at the desk) is not added again, and\n"
     "imported sign-ups get no welcome message.  Exit status as for 'import requests'.\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
