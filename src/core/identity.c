/*
 * Identity keys (identity.h).  Case folding covers what names at a UK
 * clinic hold: ASCII, Latin-1 (é, ß, ñ …) and Latin Extended-A (ł, š, ő …),
 * where upper and lower case sit side by side.  Anything else is compared
 * as written, which errs on the side of two clients rather than one.
 */
#include <frontdesk/identity.h>
#include <frontdesk/sms.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Decodes one UTF-8 character at s (length in *used); invalid bytes are
 * returned as themselves, one at a time. */
static unsigned decode(const unsigned char *s, size_t *used)
{
    if (s[0] < 0x80 || (s[0] & 0xE0) != 0xC0 || (s[1] & 0xC0) != 0x80) {
        *used = 1;
        return s[0];
    }
    *used = 2;
    return ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
}

static unsigned fold(unsigned c)
{
    if (c < 0x80)
        return (unsigned)tolower((int)c);
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    /* Latin Extended-A pairs upper (even) with lower (odd), except the run
     * U+0139..U+0148 and U+0179..U+017E, where the upper case is odd. */
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;
    if (c >= 0x100 && c <= 0x17F && c != 0x138 && c != 0x149 && c != 0x17F)
        return (c & 1) ? c : c + 1;
    return c;
}

/* Appends the UTF-8 form of c to out at *length, if it fits. */
static void put(char *out, size_t size, size_t *length, unsigned c)
{
    if (c < 0x80) {
        if (*length + 1 < size)
            out[(*length)++] = (char)c;
    } else if (c < 0x800 && *length + 2 < size) {
        out[(*length)++] = (char)(0xC0 | (c >> 6));
        out[(*length)++] = (char)(0x80 | (c & 0x3F));
    }
}

void identity_name_key(const char *name, char *out, size_t size)
{
    size_t length = 0;
    bool space = false;
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    if (size == 0)
        return;
    while (*p) {
        if (isspace(*p)) {
            space = length > 0;
            p++;
            continue;
        }
        if (space)
            put(out, size, &length, ' ');
        space = false;
        size_t used;
        unsigned c = decode(p, &used);
        if (used == 1 && c >= 0x80) {
            if (length + 1 < size)
                out[length++] = (char)c; /* not a two-byte character: kept */
        } else {
            put(out, size, &length, fold(c));
        }
        p += used;
    }
    out[length] = '\0';
}

void identity_email_key(const char *email, char *out, size_t size)
{
    identity_name_key(email, out, size);
}

void identity_phone_key(const char *phone, char *out, size_t size)
{
    size_t length = 0;
    if (size == 0)
        return;
    /* A number as the network knows it (+447700900123), however typed;
     * what cannot be read as one keeps its digits. */
    char e164[SMS_PHONE_SIZE];
    if (phone && sms_phone_normalize(phone, e164, sizeof e164, NULL) == 0) {
        snprintf(out, size, "%s", e164);
        return;
    }
    for (const char *p = phone ? phone : ""; *p && length + 1 < size; p++)
        if (isdigit((unsigned char)*p) || (*p == '+' && length == 0))
            out[length++] = *p;
    out[length] = '\0';
}

bool identity_same_person(const char *name_a, const char *email_a, const char *name_b,
                          const char *email_b)
{
    char a[256], b[256];
    identity_email_key(email_a, a, sizeof a);
    identity_email_key(email_b, b, sizeof b);
    if (!a[0] || strcmp(a, b) != 0)
        return false;
    identity_name_key(name_a, a, sizeof a);
    identity_name_key(name_b, b, sizeof b);
    return a[0] && strcmp(a, b) == 0;
}
