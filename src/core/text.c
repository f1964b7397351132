/* Checks on text typed by people or read from files (see text.h). */
#include <frontdesk/text.h>

#include <ctype.h>
#include <string.h>

const char TEXT_EMAIL_NOT_ASCII[] =
    "has non-ASCII characters; mail to such addresses cannot be delivered from here";

/* Characters that end or quote an address in a header, never part of one. */
#define NOT_IN_ADDRESSES "<>,;\"()\\"

static const char *domain_problem(const char *domain)
{
    const char *dot = strrchr(domain, '.');
    if (!*domain)
        return "has nothing after the @";
    if (!dot)
        return "has no dot after the @ (as in example.com)";
    if (dot == domain || dot[1] == '\0')
        return "has a dot in the wrong place after the @";
    if (strstr(domain, ".."))
        return "has two dots in a row after the @";
    return NULL;
}

const char *text_email_problem(const char *text)
{
    if (!text || !*text)
        return "is empty";
    if (strlen(text) >= 255)
        return "is too long (an address has at most 254 characters)";
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == ' ' || *p == '\t')
            return "has a space";
        if (*p < 0x20 || *p == 0x7F)
            return "has a control character";
        if (strchr(NOT_IN_ADDRESSES, *p))
            return "has a character no address has (one of < > , ; \" ( ) \\)";
        ascii = ascii && *p < 0x80;
    }
    const char *at = strchr(text, '@');
    if (!at)
        return "has no @";
    if (at == text)
        return "has nothing before the @";
    if (strchr(at + 1, '@'))
        return "has more than one @";
    const char *problem = domain_problem(at + 1);
    if (problem)
        return problem;
    return ascii ? NULL : TEXT_EMAIL_NOT_ASCII;
}

bool text_is_email(const char *text)
{
    return text_email_problem(text) == NULL;
}

int text_check_email(const char *field, const char *text, int code, struct fd_error *err)
{
    const char *problem = text_email_problem(text);
    if (!problem)
        return 0;
    if (problem == TEXT_EMAIL_NOT_ASCII)
        return fd_fail(err, code, "%s: \"%s\" %s", field, text, problem);
    return fd_fail(err, code, "%s: \"%s\" is not an email address (%s)", field, text ? text : "",
                   problem);
}

bool text_is_phone(const char *text)
{
    if (!text)
        return false;
    int digits = 0;
    for (const char *p = text; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!strchr("+()-. ", *p))
            return false;
    }
    return digits >= 6 && digits <= 20;
}

bool text_is_clean_utf8(const char *text, size_t length, bool allow_newline)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + length;
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && !(allow_newline && (c == '\n' || c == '\r'))) ||
                c == 0x7F)
                return false;
            p++;
            continue;
        }
        int extra;
        unsigned int code;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((extra == 2 && code < 0x800) || (extra == 3 && (code < 0x10000 || code > 0x10FFFF)) ||
            (code >= 0xD800 && code <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

void text_copy(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return;
    size_t length = src ? strlen(src) : 0;
    if (length >= size) {
        length = size - 1;
        while (length > 0 && ((unsigned char)src[length] & 0xC0) == 0x80)
            length--;
    }
    if (length)
        memmove(dst, src, length); /* dst may overlap src */
    dst[length] = '\0';
}

void text_copy_trimmed(char *dst, size_t size, const char *src)
{
    if (!src) {
        text_copy(dst, size, "");
        return;
    }
    while (isspace((unsigned char)*src))
        src++;
    text_copy(dst, size, src);
    size_t length = strlen(dst);
    while (length > 0 && isspace((unsigned char)dst[length - 1]))
        dst[--length] = '\0';
}

void text_first_name(const char *name, char *out, size_t size)
{
    text_copy_trimmed(out, size, name);
    char *space = strpbrk(out, " \t");
    if (space)
        *space = '\0';
}
