/*
 * `frontdesk export ics|csv`.
 *
 * Exports go to stdout, or with -o FILE to a temporary file (mode 0600) in
 * FILE's folder that is renamed over FILE only once it is complete, so a
 * phone calendar or a spreadsheet never reads half a file.
 */
#include "cli_internal.h"

#include <frontdesk/export.h>
#include <frontdesk/lists.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- shared pieces ---- */

/* Where an export goes: stdout, or a temporary file renamed into place. */
struct output {
    FILE *file;
    const char *path; /* NULL: stdout */
    char *temporary;
};

static int output_open(struct cli_call *call, const char *path, struct output *out)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->file = stdout;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return fd_fail(&call->err, FD_ERR_USAGE, "-o: \"%s\" names a folder; name a file", path);
    /* The folder as written ("" for the root, "." for none). */
    int folder_length = slash ? (int)(slash - path) : 1;
    const char *folder = slash ? path : ".";
    size_t size = strlen(path) + 32;
    out->temporary = malloc(size);
    if (!out->temporary)
        return fd_fail(&call->err, FD_ERR_SOFTWARE, "out of memory");
    snprintf(out->temporary, size, "%.*s/.%s.XXXXXX", folder_length, folder, base);
    int fd = mkstemp(out->temporary); /* mode 0600 */
    if (fd < 0 || !(out->file = fdopen(fd, "w"))) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
            unlink(out->temporary);
        }
        free(out->temporary);
        out->temporary = NULL;
        if (saved == ENOENT || saved == ENOTDIR)
            return fd_fail(&call->err, FD_ERR_IO, "-o: %s: the folder %.*s does not exist", path,
                           folder_length ? folder_length : 1, folder_length ? folder : "/");
        return fd_fail(&call->err, FD_ERR_IO, "-o: cannot write %s in the folder %.*s: %s", base,
                       folder_length ? folder_length : 1, folder_length ? folder : "/",
                       strerror(saved));
    }
    out->path = path; /* only now is there a temporary file for output_close */
    return 0;
}

/* Completes the output when rc is 0 (the file replaces FILE), or throws the
 * temporary file away.  Returns rc, or the error of finishing. */
static int output_close(struct cli_call *call, struct output *out, int rc)
{
    if (!out->path) {
        if (fflush(stdout) != 0 && rc == 0)
            rc = fd_fail(&call->err, FD_ERR_IO, "writing to stdout: %s", strerror(errno));
        return rc;
    }
    if (rc == 0 && (fflush(out->file) != 0 || fsync(fileno(out->file)) != 0))
        rc = fd_fail(&call->err, FD_ERR_IO, "-o: writing %s: %s", out->path, strerror(errno));
    if (fclose(out->file) != 0 && rc == 0)
        rc = fd_fail(&call->err, FD_ERR_IO, "-o: writing %s: %s", out->path, strerror(errno));
    if (rc == 0 && rename(out->temporary, out->path) != 0)
        rc =
            fd_fail(&call->err, FD_ERR_IO, "-o: cannot replace %s: %s", out->path, strerror(errno));
    if (rc < 0)
        unlink(out->temporary);
    free(out->temporary);
    out->temporary = NULL;
    return rc;
}

/* ---- exports ---- */

static int cmd_export_ics(struct cli_call *call)
{
    const char *therapist = NULL, *from = NULL, *to = NULL, *path = NULL;
    const struct cli_option options[] = {{"therapist", 0, &therapist, NULL},
                                         {"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},
                                         {"output", 'o', &path, NULL},
                                         {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    struct fd_day_range range;
    if (rc == 0)
        rc = cli_parse_range(call, from, to, &range);
    /* The therapist is looked up before any file is made, so a typo
     * leaves nothing behind. */
    struct fd_therapist found = {0};
    snprintf(found.handle, sizeof found.handle, "the whole clinic");
    if (rc == 0 && therapist)
        rc = ops_therapist_find(&call->ctx, therapist, &found, &call->err);
    struct output output;
    if (rc == 0)
        rc = output_open(call, path, &output);
    if (rc != 0)
        return rc;
    size_t count = 0;
    rc = ops_export_ics(&call->ctx, found.id, &range, output.file, &count, &call->err);
    rc = output_close(call, &output, rc);
    if (rc == 0 && output.path) {
        char dates[32];
        cli_format_range(&range, dates, sizeof dates);
        printf("Wrote %zu appointment%s of %s (%s) to %s\n", count, count == 1 ? "" : "s",
               found.handle, dates, output.path);
    }
    return rc;
}

/* Current subscribers only: someone who left is never exported. */
static int export_subscribers(struct cli_call *call, const char *from, const char *to,
                              const char *list, const char *path)
{
    if (from || to)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "export csv subscribers: --from and --to are for appointments");
    struct output output;
    int rc = output_open(call, path, &output);
    if (rc != 0)
        return rc;
    size_t count = 0;
    rc = ops_export_subscribers(&call->ctx, list, output.file, &count, &call->err);
    rc = output_close(call, &output, rc);
    if (rc == 0 && output.path)
        printf("Wrote %zu subscriber%s to %s\n", count, count == 1 ? "" : "s", output.path);
    return rc;
}

static int cmd_export_csv(struct cli_call *call)
{
    const char *what = NULL, *from = NULL, *to = NULL, *path = NULL, *list = NULL;
    const struct cli_option options[] = {{"from", 0, &from, NULL},
                                         {"to", 0, &to, NULL},
                                         {"output", 'o', &path, NULL},
                                         {"list", 0, &list, NULL},
                                         {0}};
    int rc = cli_parse(call, options, &what, 1, 1);
    if (rc == 0 && strcmp(what, "subscribers") == 0)
        return export_subscribers(call, from, to, list, path);
    if (rc == 0 && strcmp(what, "appointments") != 0)
        rc =
            fd_fail(&call->err, FD_ERR_USAGE,
                    "export csv: \"%s\" cannot be exported; appointments or subscribers can", what);
    if (rc == 0 && list)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--list: only subscribers are exported by list");
    struct fd_day_range range;
    if (rc == 0)
        rc = cli_parse_range(call, from, to, &range);
    struct output output;
    if (rc == 0)
        rc = output_open(call, path, &output);
    if (rc != 0)
        return rc;
    size_t count = 0;
    rc = ops_export_csv(&call->ctx, &range, output.file, &count, &call->err);
    rc = output_close(call, &output, rc);
    if (rc == 0 && output.path) {
        char dates[32];
        cli_format_range(&range, dates, sizeof dates);
        printf("Wrote %zu appointment%s (%s) to %s\n", count, count == 1 ? "" : "s", dates,
               output.path);
    }
    return rc;
}

const struct cli_command CLI_EXPORT_COMMANDS[] = {
    {"export ics", cmd_export_ics, DB_READ, "[--therapist H] [--from D --to D] [-o FILE]",
     "a therapist's calendar feed for their phone (iCalendar), or the whole clinic's",
     "  --therapist H   whose appointments (default: every therapist's, each event naming\n"
     "                  whose it is)\n"
     "  --from, --to D  days to include (default: 30 days back to 90 days ahead)\n"
     "  -o FILE         write FILE (replaced whole, private to you) instead of stdout\n"
     "Exporting again updates the events a calendar holds; cancelled appointments\n"
     "stay in the feed, marked cancelled.  Clients appear by first name only.\n"},
    {"export csv", cmd_export_csv, DB_READ,
     "appointments [--from D --to D] [-o FILE] | subscribers [--list L] [-o FILE]",
     "appointments as CSV for a spreadsheet, or subscribers for a newsletter tool",
     "  --from, --to D  days to include (default: 30 days back to 90 days ahead)\n"
     "  -o FILE         write FILE (replaced whole, private to you) instead of stdout\n"
     "  --list L        subscribers: only those of one list (default: every list)\n"
     "Columns: " EXPORT_CSV_HEADER "\n"
     "Subscribers' columns: " SUBSCRIBERS_CSV_HEADER " (current subscribers only).\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
