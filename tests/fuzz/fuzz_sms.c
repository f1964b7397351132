/*
 * libFuzzer target for text messages (sms.h).  The first two bytes of an
 * input choose the segment limit and the buffer size for sms_fit; the rest
 * is text, tried as a message to measure and cut, as a phone number typed
 * on a form, and as a client's reply.  The promises checked: a non-empty
 * text is at least one segment; a cut text fits its limit and its buffer,
 * is a prefix of the text with an ellipsis, and is valid UTF-8 when the
 * text was; a number is refused with a reason or normalised to "+" and 8
 * to 15 digits that normalise to themselves; a reply's code is four digits
 * found in the text; reply codes are four digits.  A broken promise traps,
 * so the fuzzer reports it like a crash.
 */
#include <frontdesk/error.h>
#include <frontdesk/sms.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(bool promise)
{
    if (!promise)
        __builtin_trap();
}

/* Well-formed UTF-8 by the table of Unicode §3.9 (an independent reading
 * of the rule sms.c decodes by). */
static bool is_utf8(const unsigned char *s, size_t length)
{
    size_t i = 0;
    while (i < length) {
        unsigned c = s[i];
        size_t extra = c < 0x80    ? 0
                       : c < 0xC2  ? 4
                       : c <= 0xDF ? 1
                       : c <= 0xEF ? 2
                       : c <= 0xF4 ? 3
                                   : 4;
        if (extra == 4)
            return false;
        /* The second byte's range is narrower after E0, ED, F0 and F4. */
        unsigned low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        if (length - i <= extra)
            return false;
        for (size_t k = 1; k <= extra; k++) {
            if (s[i + k] < (k == 1 ? low : 0x80) || s[i + k] > (k == 1 ? high : 0xBF))
                return false;
        }
        i += extra + 1;
    }
    return true;
}

static void fuzz_length(const char *text, int max_segments, size_t size)
{
    struct sms_measure m;
    size_t length = strlen(text);
    sms_measure(text, &m);
    if (length == 0) {
        check(m.segments == 0 && m.units == 0);
    } else {
        int single = m.gsm7 ? 160 : 70, per = m.gsm7 ? 153 : 67;
        check(m.segments >= 1 && m.units >= 1 && m.segments <= m.units);
        check(m.units <= single ? m.segments == 1 : (long)m.segments * per >= m.units);
        check(m.gsm7 ? (size_t)m.units <= 2 * length : (size_t)m.units <= length);
    }

    char *out = malloc(size);
    if (!out)
        return;
    int rc = sms_fit(text, max_segments, out, size);
    check(rc == 0 || rc == 1);
    size_t kept = strlen(out);
    check(kept < size);
    struct sms_measure fitted;
    sms_measure(out, &fitted);
    check(fitted.segments <= max_segments);
    if (is_utf8((const unsigned char *)text, length))
        check(is_utf8((const unsigned char *)out, kept));
    if (rc == 0) {
        check(strcmp(out, text) == 0);
    } else if (kept > 0) {
        /* A prefix of the text, not ending in a space, and the ellipsis. */
        check(kept >= 3 && kept - 3 < length && memcmp(out, text, kept - 3) == 0);
        check(strcmp(out + kept - 3, "...") == 0 || strcmp(out + kept - 3, "…") == 0);
        check(kept == 3 || out[kept - 4] != ' ');
    } else {
        check(size < 4);
    }
    free(out);
}

static bool is_e164(const char *s)
{
    size_t digits = strspn(s + 1, "0123456789");
    return s[0] == '+' && s[1 + digits] == '\0' && digits >= 8 && digits <= 15;
}

static void fuzz_phone(const char *text)
{
    char e164[SMS_PHONE_SIZE], again[SMS_PHONE_SIZE];
    struct fd_error err = {0};
    int rc = sms_phone_normalize(text, e164, sizeof e164, &err);
    if (rc != 0) {
        check(rc == -FD_ERR_DATA && err.code == FD_ERR_DATA && e164[0] == '\0');
        check(err.message[0] != '\0' && strlen(err.message) < sizeof err.message - 1);
        return;
    }
    check(is_e164(e164));
    check(sms_phone_normalize(e164, again, sizeof again, &err) == 0 && strcmp(again, e164) == 0);
    if (strncmp(e164, "+44", 3) != 0)
        check(sms_phone_is_mobile(e164));
    else
        check(strlen(e164) == 13);
}

static void fuzz_reply(const char *text)
{
    static const char LETTERS[] = {'C', 'X', 'Y'};
    struct sms_reply reply;
    sms_parse_reply(text, &reply);
    check(reply.kind >= SMS_REPLY_CONFIRM && reply.kind <= SMS_REPLY_OTHER);
    if (reply.kind > SMS_REPLY_TAKE) {
        check(reply.code[0] == '\0');
        return;
    }
    check(strlen(reply.code) == 4 && strspn(reply.code, "0123456789") == 4);
    check(strstr(text, reply.code) != NULL);
    /* The reply written plainly reads the same. */
    char plain[8] = {LETTERS[reply.kind], ' '};
    memcpy(plain + 2, reply.code, 5);
    struct sms_reply back;
    sms_parse_reply(plain, &back);
    check(back.kind == reply.kind && strcmp(back.code, reply.code) == 0);
}

static void fuzz_code(const uint8_t *data, size_t size)
{
    uint32_t seed = 0;
    memcpy(&seed, data, size < sizeof seed ? size : sizeof seed);
    char code[5], next[5];
    sms_reply_code(seed, code);
    sms_reply_code(seed + 1, next);
    check(strlen(code) == 4 && strspn(code, "0123456789") == 4);
    check(strcmp(code, next) != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int max_segments = 1 + data[0] % 4;
    char *text = malloc(size - 1);
    if (!text)
        return 0;
    memcpy(text, data + 2, size - 2);
    text[size - 2] = '\0';
    /* A small buffer half the time, else room to spare. */
    size_t room = data[1] < 128 ? (size_t)data[1] + 1 : strlen(text) + 8;
    fuzz_length(text, max_segments, room);
    fuzz_phone(text);
    fuzz_reply(text);
    fuzz_code(data, size);
    free(text);
    return 0;
}
