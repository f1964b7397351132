/*
 * Text messages (sms.h).  Two ideas to hold before reading:
 *
 * Length is counted both ways at once.  Walking a text, a tally keeps its
 * septets as GSM and its units as UCS-2, each packed greedily into
 * segments, until the first character outside the GSM alphabet settles
 * which one counts.  sms_fit walks the text once with that tally and asks
 * at every character boundary whether the text so far, plus an ellipsis,
 * would fit; the last place that does, preferring the end of a word, is
 * where it cuts.
 *
 * Phone numbers are read in two steps: first the digits (and a leading +)
 * are picked out of what was typed, refusing letters and stray symbols;
 * then the shape of the digits says what the number is: + or 00 and a
 * country code, a UK number with its trunk 0, or a UK number written as
 * 44 and 10 digits.
 */
#include <frontdesk/sms.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <string.h>

/* ---- UTF-8 and the GSM alphabet --------------------------------------- */

#define NOT_UTF8 (-1L)

enum {
    GSM_SINGLE = 160,   /* septets in a text of one segment */
    GSM_PER_PART = 153, /* septets per segment when several */
    UCS2_SINGLE = 70,   /* UTF-16 units in a text of one segment */
    UCS2_PER_PART = 67, /* UTF-16 units per segment when several */
    ELLIPSIS_BYTES = 3, /* "..." and "…" alike */
};

/* Reads one character at s, its byte length in *length.  A byte that does
 * not start a well-formed sequence (overlong, a surrogate, past U+10FFFF,
 * cut short) is NOT_UTF8, one byte long. */
static long utf8_next(const unsigned char *s, size_t *length)
{
    unsigned c = s[0];
    int extra;
    unsigned long code, least;
    *length = 1;
    if (c < 0x80)
        return (long)c;
    if (c >= 0xC2 && c <= 0xDF)
        extra = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        extra = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        extra = 3;
    else
        return NOT_UTF8;
    code = c & (0x3Fu >> extra);
    least = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) /* the NUL ends the string here too */
            return NOT_UTF8;
        code = (code << 6) | (s[i] & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return NOT_UTF8;
    *length = (size_t)extra + 1;
    return (long)code;
}

/* The letters of GSM 03.38's basic table beyond ASCII (ETSI's glyphs: the
 * capital Ç at 0x09). */
static const unsigned short GSM_BEYOND_ASCII[] = {
    0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF, 0x00E0, 0x00E4, 0x00E5, 0x00E6,
    0x00E8, 0x00E9, 0x00EC, 0x00F1, 0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, 0x0393,
    0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9,
};

/* Septets code takes in GSM 03.38: 1 in the basic table, 2 in the
 * extension table (an escape and the character), 0 when it is not in the
 * alphabet at all. */
static int gsm_septets(long code)
{
    if (code == '\n' || code == '\r')
        return 1;
    if (code == '\f' || code == 0x20AC)
        return 2;
    if (code >= 0x20 && code < 0x7F) {
        if (code == '`')
            return 0;
        return strchr("^{}\\[]~|", (int)code) ? 2 : 1;
    }
    for (size_t i = 0; i < sizeof GSM_BEYOND_ASCII / sizeof GSM_BEYOND_ASCII[0]; i++)
        if (code == GSM_BEYOND_ASCII[i])
            return 1;
    return 0;
}

/* ---- counting segments ------------------------------------------------ */

/* Units packed greedily into segments of `per`, none straddling two. */
struct packing {
    int units;
    int segments;
    int fill; /* units in the last segment */
};

static void packing_add(struct packing *packing, int width, int per)
{
    packing->units += width;
    if (packing->segments == 0 || packing->fill + width > per) {
        packing->segments++;
        packing->fill = width;
    } else {
        packing->fill += width;
    }
}

/* The length of the text read so far, both ways (see the file comment). */
struct tally {
    struct packing gsm, ucs2;
    bool gsm7;
    size_t bytes;
};

#define TALLY_EMPTY ((struct tally){.gsm7 = true})

static void tally_add(struct tally *tally, long code, size_t length)
{
    int septets = code == NOT_UTF8 ? 0 : gsm_septets(code);
    if (septets == 0)
        tally->gsm7 = false;
    else if (tally->gsm7)
        packing_add(&tally->gsm, septets, GSM_PER_PART);
    packing_add(&tally->ucs2, code > 0xFFFF ? 2 : 1, UCS2_PER_PART);
    tally->bytes += length;
}

static struct sms_measure tally_measure(const struct tally *tally)
{
    const struct packing *packing = tally->gsm7 ? &tally->gsm : &tally->ucs2;
    int single = tally->gsm7 ? GSM_SINGLE : UCS2_SINGLE;
    struct sms_measure measure = {.units = packing->units, .gsm7 = tally->gsm7};
    measure.segments = packing->units == 0 ? 0 : packing->units <= single ? 1 : packing->segments;
    return measure;
}

void sms_measure(const char *utf8, struct sms_measure *out)
{
    const unsigned char *text = (const unsigned char *)(utf8 ? utf8 : "");
    struct tally tally = TALLY_EMPTY;
    if (!out)
        return;
    while (text[tally.bytes]) {
        size_t length;
        long code = utf8_next(text + tally.bytes, &length);
        tally_add(&tally, code, length);
    }
    *out = tally_measure(&tally);
}

/* ---- cutting to fit --------------------------------------------------- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Would the text read so far fit, once its ellipsis is added? */
static bool tally_fits_with_ellipsis(struct tally tally, int max_segments, size_t max_bytes)
{
    if (tally.bytes + ELLIPSIS_BYTES > max_bytes)
        return false;
    if (tally.gsm7)
        for (int i = 0; i < 3; i++)
            tally_add(&tally, '.', 1);
    else
        tally_add(&tally, 0x2026, ELLIPSIS_BYTES);
    return tally_measure(&tally).segments <= max_segments;
}

int sms_fit(const char *utf8, int max_segments, char *out, size_t size)
{
    const unsigned char *text = (const unsigned char *)(utf8 ? utf8 : "");
    if (!out || size == 0 || max_segments < 1)
        return -FD_ERR_SOFTWARE;
    struct sms_measure whole;
    sms_measure((const char *)text, &whole);
    size_t length = strlen((const char *)text);
    if (whole.segments <= max_segments && length < size) {
        memcpy(out, text, length + 1);
        return 0;
    }
    if (size - 1 < ELLIPSIS_BYTES) {
        out[0] = '\0';
        return 1;
    }
    /* The longest prefixes that fit, ending a word and ending anywhere;
     * neither ends in a space. */
    struct tally now = TALLY_EMPTY, word = now, anywhere = now;
    bool in_word = false; /* the last character read was not a space */
    while (text[now.bytes] && now.bytes + ELLIPSIS_BYTES <= size - 1) {
        bool space = is_space(text[now.bytes]);
        if (in_word && tally_fits_with_ellipsis(now, max_segments, size - 1)) {
            anywhere = now;
            if (space)
                word = now;
        }
        size_t step;
        long code = utf8_next(text + now.bytes, &step);
        tally_add(&now, code, step);
        in_word = !space;
    }
    const struct tally *cut = word.bytes > 0 ? &word : &anywhere;
    memcpy(out, text, cut->bytes);
    strcpy(out + cut->bytes, cut->gsm7 ? "..." : "…");
    return 1;
}

/* ---- phone numbers ---------------------------------------------------- */

enum {
    DIGITS_KEPT = 24, /* more than any number has: the rest are only counted */
    PHONE_SHOWN = 41, /* bytes of the typed text an error message repeats */
    E164_FEWEST = 8,  /* digits after the + */
    E164_MOST = 15,
    UK_SIGNIFICANT = 10, /* digits after the trunk 0 or +44 */
};

/* The digits picked out of a typed number. */
struct typed_number {
    char digits[DIGITS_KEPT + 1]; /* the first DIGITS_KEPT of them */
    size_t count;                 /* all of them, kept or not */
    bool plus;                    /* it started with + */
};

/* Fails with `"TYPED" is not a phone number (REASON)`. */
static int phone_refuse(struct fd_error *err, const char *typed, const char *reason)
{
    char shown[PHONE_SHOWN];
    text_copy(shown, sizeof shown, typed);
    size_t length = strlen(shown);
    bool cut = length < strlen(typed);
    while (cut && length > 0 && is_space((unsigned char)shown[length - 1]))
        shown[--length] = '\0';
    return fd_fail(err, FD_ERR_DATA, "\"%s%s\" is not a phone number (%s)", shown, cut ? "…" : "",
                   reason);
}

/* "(0)" with optional spaces inside: the trunk 0 some write after a
 * country code.  Its length at p, or 0 when p is not one. */
static size_t trunk_zero_length(const unsigned char *p)
{
    const unsigned char *q = p + 1;
    while (*q == ' ')
        q++;
    if (*q++ != '0')
        return 0;
    while (*q == ' ')
        q++;
    return *q == ')' ? (size_t)(q + 1 - p) : 0;
}

/* A no-break or thin space, or a Unicode hyphen or dash, pasted from a web
 * page or a word processor: its length at p, or 0. */
static size_t unicode_separator_length(const unsigned char *p)
{
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2; /* U+00A0 */
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x90 && p[2] <= 0x93) || p[2] == 0x89 || p[2] == 0xAF))
        return 3; /* U+2010–U+2013, U+2009, U+202F */
    return 0;
}

/* The length of the separator at p (not the NUL), which the digits are
 * read through, or 0: a space, - . / ( ), a pasted Unicode space or dash,
 * or, once digits have begun, the trunk 0 in "(0)". */
static size_t separator_length(const unsigned char *p, bool after_digits)
{
    size_t length;
    if (*p == '(' && after_digits && (length = trunk_zero_length(p)) > 0)
        return length;
    if (is_space(*p) || strchr("-./()", *p))
        return 1;
    return unicode_separator_length(p);
}

/* Picks the digits out of typed; NULL, or the reason it is no number. */
static const char *phone_read(const char *typed, struct typed_number *number)
{
    const unsigned char *p = (const unsigned char *)typed;
    memset(number, 0, sizeof *number);
    while (is_space(*p))
        p++;
    if (!*p)
        return "is empty";
    for (const unsigned char *q = p; *q; q++)
        if ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
            return "has letters";
    while (*p) {
        size_t skip;
        if (*p >= '0' && *p <= '9') {
            if (number->count < DIGITS_KEPT)
                number->digits[number->count] = (char)*p;
            number->count++;
            p++;
        } else if (*p == '+') {
            if (number->plus || number->count > 0)
                return "has a + that is not at the start";
            number->plus = true;
            p++;
        } else if ((skip = separator_length(p, number->count > 0)) > 0) {
            p += skip;
        } else {
            return "has a character that is not a digit";
        }
    }
    return number->count == 0 ? "has no digits" : NULL;
}

/* A UK number from its significant digits (those after the trunk 0 or
 * +44); where says which of the two, for the refusal. */
static int phone_uk(const char *significant, size_t count, const char *where, const char *typed,
                    char *out, struct fd_error *err)
{
    if (count != UK_SIGNIFICANT) {
        char reason[96];
        snprintf(reason, sizeof reason, "has %zu digit%s %s; UK numbers have 10", count,
                 count == 1 ? "" : "s", where);
        return phone_refuse(err, typed, reason);
    }
    if (significant[0] == '0')
        return phone_refuse(err, typed, "has one 0 too many after +44");
    memcpy(out, "+44", 3);
    memcpy(out + 3, significant, UK_SIGNIFICANT);
    out[3 + UK_SIGNIFICANT] = '\0';
    return 0;
}

/* A number written with + or 00: digits holds the country code on. */
static int phone_international(const char *digits, size_t count, const char *typed, char *out,
                               struct fd_error *err)
{
    if (count > 0 && digits[0] == '0')
        return phone_refuse(err, typed, "has no country code after the + or 00");
    if (strncmp(digits, "44", 2) == 0) {
        const char *significant = digits + 2;
        size_t left = count - 2;
        if (significant[0] == '0') { /* "+44 07700 …": the trunk 0 kept by habit */
            significant++;
            left--;
        }
        return phone_uk(significant, left, "after +44", typed, out, err);
    }
    if (count < E164_FEWEST)
        return phone_refuse(err, typed, "has too few digits");
    if (count > E164_MOST)
        return phone_refuse(err, typed, "has too many digits");
    out[0] = '+';
    memcpy(out + 1, digits, count);
    out[1 + count] = '\0';
    return 0;
}

int sms_phone_normalize(const char *typed, char *out, size_t size, struct fd_error *err)
{
    if (!out || size < SMS_PHONE_SIZE)
        return fd_fail(err, FD_ERR_SOFTWARE, "sms_phone_normalize: a buffer of %zu bytes, not %d",
                       size, SMS_PHONE_SIZE);
    out[0] = '\0';
    typed = typed ? typed : "";
    struct typed_number number;
    const char *problem = phone_read(typed, &number);
    if (problem)
        return phone_refuse(err, typed, problem);
    const char *digits = number.digits;
    if (number.plus)
        return phone_international(digits, number.count, typed, out, err);
    if (strncmp(digits, "00", 2) == 0)
        return phone_international(digits + 2, number.count - 2, typed, out, err);
    if (digits[0] == '0')
        return phone_uk(digits + 1, number.count - 1, "after the leading 0", typed, out, err);
    if (number.count == 2 + UK_SIGNIFICANT && strncmp(digits, "44", 2) == 0)
        return phone_uk(digits + 2, UK_SIGNIFICANT, "after 44", typed, out, err);
    if (number.count < E164_FEWEST)
        return phone_refuse(err, typed, "has too few digits");
    if (number.count > E164_MOST)
        return phone_refuse(err, typed, "has too many digits");
    return phone_refuse(err, typed, "has no country code: start it with +, 00 or 0");
}

bool sms_phone_is_mobile(const char *e164)
{
    if (!e164 || e164[0] != '+')
        return false;
    size_t count = strspn(e164 + 1, "0123456789");
    if (e164[1 + count] != '\0' || count < E164_FEWEST || count > E164_MOST)
        return false;
    if (strncmp(e164 + 1, "44", 2) != 0)
        return true;
    const char *significant = e164 + 3;
    if (count != 2 + UK_SIGNIFICANT || significant[0] != '7')
        return false;
    if (significant[1] == '0') /* 070: personal numbers that forward calls */
        return false;
    if (significant[1] == '6') /* 076: pagers, bar the Isle of Man's 07624 */
        return strncmp(significant, "7624", 4) == 0;
    return true;
}

/* ---- replies ---------------------------------------------------------- */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Is text[0..length) word, whatever its case? */
static bool is_word(const char *text, size_t length, const char *word)
{
    if (length != strlen(word))
        return false;
    for (size_t i = 0; i < length; i++)
        if (lower(text[i]) != word[i])
            return false;
    return true;
}

static bool is_stop(const char *text, size_t length)
{
    if (is_word(text, length, "stop") || is_word(text, length, "stopall") ||
        is_word(text, length, "unsubscribe"))
        return true;
    /* "STOP ALL", however many spaces apart */
    size_t gap = 4;
    while (gap < length && is_space((unsigned char)text[gap]))
        gap++;
    return gap > 4 && is_word(text, 4, "stop") && is_word(text + gap, length - gap, "all");
}

void sms_parse_reply(const char *text, struct sms_reply *out)
{
    static const char LETTERS[] = "cxy";
    static const enum sms_reply_kind KINDS[] = {SMS_REPLY_CONFIRM, SMS_REPLY_CANCEL,
                                                SMS_REPLY_TAKE};
    out->kind = SMS_REPLY_OTHER;
    out->code[0] = '\0';
    const char *start = text ? text : "";
    while (is_space((unsigned char)*start) || *start == '"' || *start == '\'')
        start++;
    const char *end = start + strlen(start);
    while (end > start && (is_space((unsigned char)end[-1]) || strchr(".,!?;:\"'", end[-1])))
        end--;
    size_t length = (size_t)(end - start);
    if (is_stop(start, length)) {
        out->kind = SMS_REPLY_STOP;
        return;
    }
    const char *letter = length > 0 ? strchr(LETTERS, lower(start[0])) : NULL;
    if (!letter)
        return;
    const char *code = start + 1;
    while (code < end && (is_space((unsigned char)*code) || strchr("-:.#", *code)))
        code++;
    if (end - code != 4)
        return;
    for (int i = 0; i < 4; i++)
        if (code[i] < '0' || code[i] > '9')
            return;
    out->kind = KINDS[letter - LETTERS];
    memcpy(out->code, code, 4);
    out->code[4] = '\0';
}

/* ---- reply codes ------------------------------------------------------ */

void sms_reply_code(uint32_t seed, char out[5])
{
    /* 7919 is prime to 10000, so seed ↦ code is one-to-one on any 10000
     * consecutive seeds (sms.h). */
    unsigned code = (unsigned)(((uint64_t)seed * 7919u + 4813u) % 10000u);
    for (int i = 3; i >= 0; i--) {
        out[i] = (char)('0' + code % 10);
        code /= 10;
    }
    out[4] = '\0';
}
