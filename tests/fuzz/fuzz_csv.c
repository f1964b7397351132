/*
 * libFuzzer target for the CSV importer (SPEC §5: no crash on any input).
 * Each input is imported twice, all-or-none and with skip_invalid, into a
 * database made once per process in a temporary folder, with the built-in
 * config and two therapists.  Both runs are dry runs, so every row is
 * checked and inserted but the transaction rolls back and the database
 * never grows.  The counts must add up and a refusal must say why; a
 * broken promise traps, so the fuzzer reports it like a crash.
 */
#include <frontdesk/import.h>
#include <frontdesk/ops.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct fd_context context;
static struct import_result result;

static void check(bool promise)
{
    if (!promise)
        __builtin_trap();
}

static void remove_folder(void)
{
    char path[4200];
    ops_close(&context);
    const char *folder = getenv("FUZZ_CSV_FOLDER");
    if (!folder)
        return;
    static const char *const files[] = {"fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "fuzz.db-journal"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, files[i]);
        unlink(path);
    }
    rmdir(folder);
}

static void set_up(void)
{
    static char folder[] = "/tmp/fuzz-csv.XXXXXX";
    check(mkdtemp(folder) != NULL);
    setenv("FUZZ_CSV_FOLDER", folder, 1);
    /* The built-in config: no user's config file is read. */
    unsetenv("FRONTDESK_CONFIG");
    setenv("XDG_CONFIG_HOME", folder, 1);
    setenv("FRONTDESK_DATA_DIR", FD_DATA_DIR, 0);
    char database[sizeof folder + 16];
    snprintf(database, sizeof database, "%s/fuzz.db", folder);
    struct fd_open_options options = {
        .database = database, .now = "2026-11-24 10:00", .create = true};
    struct fd_error err = {0};
    check(ops_open(&context, &options, &err) == 0);
    check(ops_therapist_add(&context, "prim", "Primrose Okafor", NULL, NULL, &err) == 0);
    check(ops_therapist_add(&context, "jose", "José Núñez", NULL, NULL, &err) == 0);
    /* One row stored for real, so that inputs can meet "already there". */
    static const char seed[] = "name,email,service\nAnn Lee,ann@example.com,Sports massage 60\n";
    FILE *in = fmemopen((void *)seed, sizeof seed - 1, "r");
    check(in != NULL);
    check(ops_import(&context, &IMPORT_REQUESTS, in, "seed.csv", NULL, &result, &err) == 0);
    check(result.imported == 1);
    fclose(in);
    atexit(remove_folder);
}

static void import(const uint8_t *data, size_t size, bool skip_invalid)
{
    /* fmemopen refuses an empty buffer on some C libraries: give it one
     * byte and a size of zero through a scratch copy. */
    char empty = '\0';
    FILE *in = fmemopen(size ? (void *)data : &empty, size ? size : 1, "r");
    if (!in)
        return;
    if (size == 0)
        fseek(in, 0, SEEK_END);
    struct import_options options = {.skip_invalid = skip_invalid, .dry_run = true};
    struct fd_error err = {0};
    int rc = ops_import(&context, &IMPORT_REQUESTS, in, "fuzz.csv", &options, &result, &err);
    fclose(in);

    check(result.problem_count <= IMPORT_MAX_PROBLEMS);
    check(result.problem_count <= (size_t)result.bad_rows);
    check(result.imported >= 0 && result.already >= 0 && result.bad_rows <= result.rows);
    for (size_t i = 0; i < result.problem_count; i++)
        check(strncmp(result.problems[i], "fuzz.csv:", 9) == 0 &&
              strlen(result.problems[i]) < IMPORT_PROBLEM_SIZE);
    if (rc == 0) {
        check(err.code == 0);
        check(!result.file_error);
        check(result.imported + result.already + result.bad_rows == result.rows);
        check(skip_invalid || result.bad_rows == 0);
        check(result.rows == 0 || result.bad_rows < result.rows);
    } else {
        check(err.code == -rc && err.message[0] != '\0');
        check(rc == -FD_ERR_DATA || rc == -FD_ERR_IO);
        check(result.imported == 0 && result.already == 0);
        if (result.file_error)
            check(strncmp(err.message, "fuzz.csv:", 9) == 0);
        else
            check(result.bad_rows > 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        set_up();
        ready = true;
    }
    import(data, size, false);
    import(data, size, true);
    return 0;
}
