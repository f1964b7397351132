/*
 * libFuzzer target for the preferred-times parser (SPEC §5: no crash on any
 * input).  Each input is tried as text a client typed, which must
 * parse into sane windows that survive storage and can be matched, or be
 * refused with a message; and as a stored value, which must decode only if
 * it is exactly what the encoder would write.  The same text in capitals
 * must mean the same windows, as clients type "MON AM" too.  A broken
 * promise traps, so the fuzzer reports it like a crash.
 */
#include <frontdesk/error.h>
#include <frontdesk/prefer.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OPENS  (8 * 60 + 30)
#define CLOSES (18 * 60)
/* Room for 64 windows of "w=127,1440,1440,1;". */
#define ENCODED_MAX 2048

static void check(bool promise)
{
    if (!promise)
        __builtin_trap();
}

static bool windows_equal(const struct prefer *a, const struct prefer *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        const struct prefer_window *x = &a->windows[i], *y = &b->windows[i];
        if (x->weekdays != y->weekdays || x->start != y->start || x->end != y->end ||
            x->exclude != y->exclude)
            return false;
    }
    return true;
}

static void fuzz_parsed_text(const char *text)
{
    struct prefer prefer, back;
    struct fd_error err = {0};
    if (prefer_parse(text, OPENS, CLOSES, &prefer, &err) != 0) {
        check(err.code == FD_ERR_DATA && err.message[0] != '\0' && prefer.count == 0);
        check(strlen(err.message) < sizeof err.message - 1);
        return;
    }
    check(prefer.count <= PREFER_MAX_WINDOWS);
    for (size_t i = 0; i < prefer.count; i++) {
        const struct prefer_window *w = &prefer.windows[i];
        check(w->weekdays != 0 && w->weekdays <= 0x7F);
        check(0 <= w->start && w->start < w->end && w->end <= 1440);
    }
    char stored[ENCODED_MAX], again[ENCODED_MAX];
    prefer_encode(&prefer, stored, sizeof stored);
    check(prefer_decode(stored, &back) == 0 && windows_equal(&prefer, &back));
    prefer_encode(&back, again, sizeof again);
    check(strcmp(stored, again) == 0);

    bool any_include = false;
    for (size_t i = 0; i < prefer.count; i++)
        any_include = any_include || !prefer.windows[i].exclude;
    for (int day = 0; day < 7; day++) {
        for (int start = 0; start < 1440; start += 45) {
            int end = start + 60 > 1440 ? 1440 : start + 60;
            bool excluded = false;
            for (size_t i = 0; i < prefer.count; i++) {
                const struct prefer_window *w = &prefer.windows[i];
                excluded = excluded || (w->exclude && (w->weekdays & (1u << day)) &&
                                        w->start < end && start < w->end);
            }
            /* Excluded time never suits; with only "not" clauses the rest does. */
            bool match = prefer_matches(&prefer, day, start, end);
            if (excluded)
                check(!match);
            else if (!any_include)
                check(match);
        }
        for (size_t i = 0; i < prefer.count; i++) {
            const struct prefer_window *w = &prefer.windows[i];
            bool excluded = false;
            for (size_t j = 0; j < prefer.count; j++) {
                const struct prefer_window *x = &prefer.windows[j];
                excluded = excluded || (x->exclude && (x->weekdays & (1u << day)) &&
                                        x->start < w->end && w->start < x->end);
            }
            /* A window the client asked for suits, unless a "not" cuts into it. */
            if (!w->exclude && (w->weekdays & (1u << day)))
                check(prefer_matches(&prefer, day, w->start, w->end) == !excluded);
        }
    }
    check(!prefer_matches(&prefer, 7, 600, 660) || prefer.count == 0);
}

/* Case never matters: capitals parse to the same windows, or fail alike. */
static void fuzz_capitals(const char *text, size_t size)
{
    char *upper = malloc(size + 1);
    if (!upper)
        return;
    for (size_t i = 0; i <= size; i++)
        upper[i] = (char)toupper((unsigned char)text[i]);
    struct prefer lower_windows, upper_windows;
    struct fd_error err = {0};
    int lower_rc = prefer_parse(text, OPENS, CLOSES, &lower_windows, &err);
    int upper_rc = prefer_parse(upper, OPENS, CLOSES, &upper_windows, &err);
    check(lower_rc == upper_rc && windows_equal(&lower_windows, &upper_windows));
    free(upper);
}

static void fuzz_stored_value(const char *text)
{
    struct prefer prefer;
    if (prefer_decode(text, &prefer) != 0) {
        check(prefer.count == 0);
        return;
    }
    /* The stored form is canonical: what decodes re-encodes byte for byte. */
    char again[ENCODED_MAX];
    prefer_encode(&prefer, again, sizeof again);
    check(strcmp(text, again) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    fuzz_parsed_text(text);
    fuzz_capitals(text, size);
    fuzz_stored_value(text);
    free(text);
    return 0;
}
