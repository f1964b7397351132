/*
 * The unit tests' shared helpers (helpers.h): one copy of each, built into
 * a small library that every tests/unit/test_*.c program links.  They fail
 * the running test rather than return an error, since a failure here means
 * the test could not even set up its story.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "helpers.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fd_day day_of(const char *text)
{
    fd_day day = FD_DAY_NONE;
    if (date_parse(text, &day) < 0)
        fail_msg("test bug: \"%s\" is not a date", text);
    return day;
}

int minute_of(const char *text)
{
    int minute = -1;
    if (time_parse_hm(text, &minute) < 0)
        fail_msg("test bug: \"%s\" is not a time", text);
    return minute;
}

fd_time moment(const char *text)
{
    fd_time t = 0;
    if (datetime_parse(text, &t) < 0)
        fail_msg("test bug: \"%s\" is not a date and time", text);
    return t;
}

char *read_whole_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        fail_msg("cannot read %s: %s", path, strerror(errno));
    char *text = malloc(1);
    assert_non_null(text);
    size_t length = 0;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        char *grown = realloc(text, length + got + 1);
        assert_non_null(grown);
        text = grown;
        memcpy(text + length, chunk, got);
        length += got;
    }
    fclose(file);
    text[length] = '\0';
    return text;
}

char *read_data_file(const char *relative, char *path, size_t path_size)
{
    const char *data_dir = getenv("FRONTDESK_DATA_DIR");
    if (!data_dir || !*data_dir)
        data_dir = FD_DATA_DIR;
    snprintf(path, path_size, "%s/%s", data_dir, relative);
    return read_whole_file(path);
}

void fixture_folder_create(char folder[FIXTURE_FOLDER_SIZE], const char *name)
{
    snprintf(folder, FIXTURE_FOLDER_SIZE, "/tmp/frontdesk-%s-XXXXXX", name);
    if (!mkdtemp(folder))
        fail_msg("cannot make a folder %s: %s", folder, strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700); /* a test may have made it unreadable */
    return remove(path);
}

void fixture_folder_remove(const char *folder)
{
    nftw(folder, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void fixture_config_load(const char *text, struct fd_config *config)
{
    struct fd_error err = {0};
    if (config_load_text(text, "test config", config, &err) != 0)
        fail_msg("test bug: the config does not load: %s", err.message);
}

bool fixture_engine_is_pg(void)
{
    const char *engine = getenv("FRONTDESK_TEST_ENGINE");
    return engine && strcmp(engine, "pg") == 0;
}

void fixture_sqlite_only(const char *why)
{
    if (!fixture_engine_is_pg())
        return;
    printf("skipped on PostgreSQL: %s\n", why);
    skip();
}

void fixture_pg_only(const char *why)
{
    if (fixture_engine_is_pg())
        return;
    printf("skipped on SQLite: %s\n", why);
    skip();
}

/* A value from the test server's state file: NAME=VALUE lines. */
static void read_pg_state(const char *name, char *out, size_t size)
{
    const char *state = getenv("FRONTDESK_TEST_PG");
    FILE *file = state ? fopen(state, "r") : NULL;
    if (!file)
        fail_msg("FRONTDESK_TEST_PG: no test server's state file (%s)", state ? state : "unset");
    char line[512];
    size_t length = strlen(name);
    out[0] = '\0';
    while (fgets(line, sizeof line, file))
        if (strncmp(line, name, length) == 0 && line[length] == '=') {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, size, "%s", line + length + 1);
        }
    fclose(file);
    if (!out[0])
        fail_msg("the test server's state file has no %s", name);
}

void fixture_database_target(const char *path_in_folder, char path[FIXTURE_PATH_SIZE])
{
    if (!fixture_engine_is_pg()) {
        snprintf(path, FIXTURE_PATH_SIZE, "%s", path_in_folder);
        return;
    }
    static int made;
    char bin[256], socket[256], name[64], command[1024];
    read_pg_state("PG_BIN", bin, sizeof bin);
    read_pg_state("PG_SOCKET", socket, sizeof socket);
    snprintf(name, sizeof name, "unit_%ld_%d", (long)getpid(), ++made);
    snprintf(command, sizeof command, "'%s/createdb' -S file_copy -h '%s' %s", bin, socket, name);
    if (system(command) != 0)
        fail_msg("%s failed", command);
    if (snprintf(path, FIXTURE_PATH_SIZE, "postgresql:///%.63s?host=%.80s", name, socket) >=
        FIXTURE_PATH_SIZE)
        fail_msg("the test server's socket path is too long: %s", socket);
}

struct fd_store *fixture_store_open(const char *path, bool read_only)
{
    struct fd_store *store = NULL;
    struct fd_error err = {0};
    /* A writing desk may create the database; a reader never writes. */
    struct store_open_options options = {.read_only = read_only, .create = !read_only};
    if (store_open(path, &options, &store, &err) != 0)
        fail_msg("store_open(%s) failed: %s", path, err.message);
    return store;
}

struct fd_store *fixture_store_create(const char *name, const char *config_text,
                                      struct fd_config *config, char folder[FIXTURE_FOLDER_SIZE],
                                      char path[FIXTURE_PATH_SIZE])
{
    fixture_folder_create(folder, name);
    char file[FIXTURE_PATH_SIZE];
    snprintf(file, sizeof file, "%s/clinic.db", folder);
    fixture_database_target(file, path);
    fixture_config_load(config_text, config);
    struct fd_store *store = fixture_store_open(path, false);
    struct fd_error err = {0};
    if (store_sync_clinics(store, config, &err) != 0)
        fail_msg("store_sync_clinics failed: %s", err.message);
    return store;
}

void fixture_store_destroy(struct fd_store *store, struct fd_config *config, const char *folder)
{
    store_close(store);
    config_free(config);
    fixture_folder_remove(folder);
}

int64_t fixture_therapist_add(struct fd_store *store, const char *handle, const char *name)
{
    struct fd_therapist therapist = {.active = true};
    snprintf(therapist.handle, sizeof therapist.handle, "%s", handle);
    snprintf(therapist.name, sizeof therapist.name, "%s", name);
    struct fd_error err = {0};
    if (store_therapist_insert(store, &therapist, &err) != 0)
        fail_msg("adding %s failed: %s", handle, err.message);
    return therapist.id;
}
