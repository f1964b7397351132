/*
 * Email messages as text (see message.h): templates, header encoding,
 * addresses, dates, the assembled message and the sendmail command line.
 *
 * Everything builds into a growing buffer that remembers running out of
 * memory, so the code reads as a sequence of appends with one check at the
 * end.  Header values pass through one gate, message_encode_header(), which
 * both encodes non-ASCII text and turns control characters into spaces: a
 * client's name or a service name can never start a header of its own.
 */
#include <frontdesk/message.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a growing buffer ------------------------------------------------- */

struct buffer {
    char *data;
    size_t length;
    size_t capacity;
    bool failed; /* out of memory at some point: the result is unusable */
};

static void buffer_append(struct buffer *b, const char *text, size_t length)
{
    if (b->failed)
        return;
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 256;
        while (b->length + length + 1 > capacity)
            capacity *= 2;
        char *data = realloc(b->data, capacity);
        if (!data) {
            b->failed = true;
            return;
        }
        b->data = data;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, length);
    b->length += length;
    b->data[b->length] = '\0';
}

static void buffer_add(struct buffer *b, const char *text)
{
    buffer_append(b, text, strlen(text));
}

static void buffer_add_char(struct buffer *b, char c)
{
    buffer_append(b, &c, 1);
}

/* The finished text (never NULL unless out of memory), owned by the caller. */
static char *buffer_finish(struct buffer *b)
{
    if (!b->failed && !b->data)
        buffer_append(b, "", 0);
    if (b->failed) {
        free(b->data);
        return NULL;
    }
    return b->data;
}

/* ---- templates -------------------------------------------------------- */

static int line_of(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* "source:3: " or "source: " for a one-line template. */
static void describe_place(const char *text, const char *at, const char *source, char *out,
                           size_t size)
{
    if (strchr(text, '\n'))
        snprintf(out, size, "%s:%d", source, line_of(text, at));
    else
        snprintf(out, size, "%s", source);
}

static const struct message_field *find_field(const struct message_field *fields, size_t count,
                                              const char *name, size_t length)
{
    for (size_t i = 0; i < count; i++)
        if (fields[i].name && strlen(fields[i].name) == length &&
            memcmp(fields[i].name, name, length) == 0)
            return &fields[i];
    return NULL;
}

static void list_fields(const struct message_field *fields, size_t count, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        if (!fields[i].name)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", fields[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int message_render(const char *template_text, const char *source,
                   const struct message_field *fields, size_t count, char **out,
                   struct fd_error *err)
{
    *out = NULL;
    struct buffer b = {0};
    const char *p = template_text;
    while (*p) {
        const char *dollar = strstr(p, "${");
        if (!dollar) {
            buffer_add(&b, p);
            break;
        }
        buffer_append(&b, p, (size_t)(dollar - p));
        const char *name = dollar + 2;
        size_t length = strcspn(name, "}\n");
        char place[256];
        if (name[length] != '}') {
            describe_place(template_text, dollar, source, place, sizeof place);
            free(b.data);
            return fd_fail(err, FD_ERR_CONFIG, "%s: placeholder \"%.*s\" has no closing \"}\"",
                           place, (int)(length + 2 > 40 ? 40 : length + 2), dollar);
        }
        const struct message_field *field = find_field(fields, count, name, length);
        if (!field) {
            char known[256];
            describe_place(template_text, dollar, source, place, sizeof place);
            list_fields(fields, count, known, sizeof known);
            free(b.data);
            if (length == 0)
                return fd_fail(err, FD_ERR_CONFIG, "%s: empty placeholder ${} (known: %s)", place,
                               known);
            return fd_fail(err, FD_ERR_CONFIG, "%s: unknown placeholder ${%.*s} (known: %s)", place,
                           (int)(length > 40 ? 40 : length), name, known);
        }
        buffer_add(&b, field->value ? field->value : "");
        p = name + length + 1;
    }
    *out = buffer_finish(&b);
    return *out ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
}

/* ---- header values ---------------------------------------------------- */

static bool is_printable_ascii(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p >= 0x7F)
            return false;
    return true;
}

/* A copy with control characters (CR and LF above all) made spaces. */
static char *without_controls(const char *text)
{
    char *copy = strdup(text ? text : "");
    if (copy)
        for (unsigned char *p = (unsigned char *)copy; *p; p++)
            if (*p < 0x20 || *p == 0x7F)
                *p = ' ';
    return copy;
}

static void base64_append(struct buffer *b, const unsigned char *bytes, size_t length)
{
    static const char DIGITS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < length; i += 3) {
        unsigned v = (unsigned)bytes[i] << 16;
        if (i + 1 < length)
            v |= (unsigned)bytes[i + 1] << 8;
        if (i + 2 < length)
            v |= bytes[i + 2];
        char quad[4] = {DIGITS[(v >> 18) & 63], DIGITS[(v >> 12) & 63],
                        i + 1 < length ? DIGITS[(v >> 6) & 63] : '=',
                        i + 2 < length ? DIGITS[v & 63] : '='};
        buffer_append(b, quad, 4);
    }
}

/* RFC 2047 allows an encoded word 75 characters, but a header line that
 * carries one only 76.  Words of 39 bytes of text (52 base64 characters
 * between "=?UTF-8?B?" and "?=", 64 in all) fit after the longest header
 * name that carries them, "Subject: " (73 columns), and one to each folded
 * line after it. */
#define ENCODED_WORD_BYTES 39

char *message_encode_header(const char *text)
{
    char *clean = without_controls(text);
    if (!clean || is_printable_ascii(clean))
        return clean;
    struct buffer b = {0};
    const unsigned char *p = (const unsigned char *)clean;
    size_t left = strlen(clean);
    while (left > 0) {
        size_t take = left < ENCODED_WORD_BYTES ? left : ENCODED_WORD_BYTES;
        /* Back off so that a character's continuation bytes stay with it. */
        size_t cut = take;
        while (cut < left && cut > 0 && (p[cut] & 0xC0) == 0x80)
            cut--;
        if (cut > 0)
            take = cut;
        if (b.length)
            buffer_add_char(&b, ' ');
        buffer_add(&b, "=?UTF-8?B?");
        base64_append(&b, p, take);
        buffer_add(&b, "?=");
        p += take;
        left -= take;
    }
    free(clean);
    return buffer_finish(&b);
}

/* RFC 5322 specials: a display name holding one must be quoted. */
static bool needs_quotes(const char *name)
{
    return strpbrk(name, "()<>[]:;@\\,.\"") != NULL;
}

char *message_format_address(const char *name, const char *address)
{
    char *clean = without_controls(name);
    char *bare = without_controls(address);
    struct buffer b = {0};
    if (!clean || !bare) {
        b.failed = true;
    } else if (!*clean || strspn(clean, " ") == strlen(clean)) {
        buffer_add(&b, bare);
    } else {
        if (!is_printable_ascii(clean)) {
            char *encoded = message_encode_header(clean);
            if (encoded)
                buffer_add(&b, encoded);
            else
                b.failed = true;
            free(encoded);
        } else if (needs_quotes(clean)) {
            buffer_add_char(&b, '"');
            for (const char *p = clean; *p; p++) {
                if (*p == '"' || *p == '\\')
                    buffer_add_char(&b, '\\');
                buffer_add_char(&b, *p);
            }
            buffer_add_char(&b, '"');
        } else {
            buffer_add(&b, clean);
        }
        buffer_add(&b, " <");
        buffer_add(&b, bare);
        buffer_add_char(&b, '>');
    }
    free(clean);
    free(bare);
    return buffer_finish(&b);
}

static void copy_trimmed(char *out, size_t size, const char *from, size_t length)
{
    while (length > 0 && (*from == ' ' || *from == '\t')) {
        from++;
        length--;
    }
    while (length > 0 && (from[length - 1] == ' ' || from[length - 1] == '\t'))
        length--;
    if (length >= size)
        length = size - 1;
    memcpy(out, from, length);
    out[length] = '\0';
}

int message_parse_address(const char *text, char *name, size_t name_size, char *address,
                          size_t address_size)
{
    if (name_size == 0 || address_size == 0)
        return -1;
    name[0] = address[0] = '\0';
    const char *open = strrchr(text, '<');
    if (!open) {
        copy_trimmed(address, address_size, text, strlen(text));
    } else {
        const char *close = strchr(open, '>');
        if (!close)
            return -1;
        copy_trimmed(address, address_size, open + 1, (size_t)(close - open - 1));
        copy_trimmed(name, name_size, text, (size_t)(open - text));
        size_t length = strlen(name);
        if (length >= 2 && name[0] == '"' && name[length - 1] == '"') {
            /* "Quoted \"name\"": drop the quotes and the escapes. */
            size_t w = 0;
            for (size_t r = 1; r + 1 < length; r++) {
                if (name[r] == '\\' && r + 2 < length)
                    r++;
                name[w++] = name[r];
            }
            name[w] = '\0';
        }
    }
    const char *at = strchr(address, '@');
    if (!at || at == address || at[1] == '\0' || strpbrk(address, " \t<>"))
        return -1;
    return 0;
}

/* ---- dates ------------------------------------------------------------ */

static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
static const char *const WEEKDAYS[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

void message_format_date(fd_time local, int utc_offset, char out[MESSAGE_DATE_SIZE])
{
    int year, month, mday, minute = time_minute(local);
    date_to_civil(time_day(local), &year, &month, &mday);
    int offset = utc_offset < 0 ? -utc_offset : utc_offset;
    snprintf(out, MESSAGE_DATE_SIZE, "%.3s, %d %.3s %04d %02d:%02d:00 %c%02d%02d",
             WEEKDAYS[date_weekday(time_day(local))], mday, MONTHS[month - 1], year, minute / 60,
             minute % 60, utc_offset < 0 ? '-' : '+', offset / 60 % 100, offset % 60);
}

void message_long_date(fd_day day, char out[MESSAGE_LONG_DATE_SIZE])
{
    int year, month, mday;
    date_to_civil(day, &year, &month, &mday);
    snprintf(out, MESSAGE_LONG_DATE_SIZE, "%s %d %s %d", WEEKDAYS[date_weekday(day)], mday,
             MONTHS[month - 1], year);
}

/* ---- the message ------------------------------------------------------ */

/* Where lines are folded: RFC 5322 asks 78 columns of a header line, RFC
 * 2047 76 of one that carries an encoded word. */
#define FOLD_AT         78
#define FOLD_AT_ENCODED 76

/* "Name: value", folded before a space when a line would pass FOLD_AT
 * columns, or FOLD_AT_ENCODED when the value holds encoded words (a fold is
 * a newline in front of the space, which unfolding removes; between two
 * encoded words a decoder drops the space as well). */
static void add_header(struct buffer *b, const char *name, const char *value)
{
    buffer_add(b, name);
    buffer_add(b, ": ");
    size_t line = strlen(name) + 2;
    size_t fold_at = strstr(value, "=?") ? FOLD_AT_ENCODED : FOLD_AT;
    const char *p = value;
    bool first = true;
    while (*p) {
        size_t spaces = strspn(p, " ");
        size_t word = strcspn(p + spaces, " ");
        if (!first && spaces > 0 && line + spaces + word > fold_at) {
            buffer_add_char(b, '\n');
            line = 0;
        }
        buffer_append(b, p, spaces + word);
        line += spaces + word;
        p += spaces + word;
        first = false;
    }
    buffer_add_char(b, '\n');
}

/* The body with CRLF and lone CR made LF, ending in a newline. */
static void add_body(struct buffer *b, const char *body)
{
    for (const char *p = body; *p; p++) {
        if (*p == '\r') {
            buffer_add_char(b, '\n');
            if (p[1] == '\n')
                p++;
        } else {
            buffer_add_char(b, *p);
        }
    }
    if (b->length == 0 || b->data[b->length - 1] != '\n')
        buffer_add_char(b, '\n');
}

int message_compose(const struct message_envelope *envelope, const char *body, char **out,
                    struct fd_error *err)
{
    *out = NULL;
    struct buffer b = {0};
    char *subject = message_encode_header(envelope->subject);
    char *from = without_controls(envelope->from);
    char *to = without_controls(envelope->to);
    char *date = without_controls(envelope->date);
    char *id = without_controls(envelope->message_id);
    if (!subject || !from || !to || !date || !id) {
        b.failed = true;
    } else {
        add_header(&b, "From", from);
        add_header(&b, "To", to);
        add_header(&b, "Subject", subject);
        add_header(&b, "Date", date);
        add_header(&b, "Message-ID", id);
        add_header(&b, "MIME-Version", "1.0");
        add_header(&b, "Content-Type", "text/plain; charset=UTF-8");
        add_header(&b, "Content-Transfer-Encoding", "8bit");
        buffer_add_char(&b, '\n');
        add_body(&b, body ? body : "");
    }
    free(subject);
    free(from);
    free(to);
    free(date);
    free(id);
    *out = buffer_finish(&b);
    return *out ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
}

/* ---- the sendmail command line ---------------------------------------- */

void message_argv_free(char **argv)
{
    if (!argv)
        return;
    for (char **p = argv; *p; p++)
        free(*p);
    free(argv);
}

/* Appends a finished word to the NULL-terminated array. */
static int push_word(char ***argv, size_t *count, struct buffer *word)
{
    char *text = buffer_finish(word);
    memset(word, 0, sizeof *word);
    char **grown = text ? realloc(*argv, (*count + 2) * sizeof **argv) : NULL;
    if (!grown) {
        free(text);
        return -1;
    }
    *argv = grown;
    grown[(*count)++] = text;
    grown[*count] = NULL;
    return 0;
}

int message_split_command(const char *command, const char *option, char ***out,
                          struct fd_error *err)
{
    *out = NULL;
    char **argv = NULL;
    size_t count = 0;
    struct buffer word = {0};
    bool in_word = false, quoted = false, oom = false;
    const char *p = command ? command : "";
    for (; *p && !oom; p++) {
        char c = *p;
        if (quoted) {
            if (c == '"') {
                quoted = false;
            } else {
                if (c == '\\' && (p[1] == '"' || p[1] == '\\'))
                    c = *++p;
                buffer_add_char(&word, c);
            }
        } else if (c == ' ' || c == '\t') {
            if (in_word)
                oom = push_word(&argv, &count, &word) < 0;
            in_word = false;
        } else if (c == '"') {
            quoted = in_word = true;
        } else {
            buffer_add_char(&word, c);
            in_word = true;
        }
    }
    if (!oom && !quoted && in_word)
        oom = push_word(&argv, &count, &word) < 0;
    free(word.data);
    if (oom || word.failed) {
        message_argv_free(argv);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    if (quoted) {
        message_argv_free(argv);
        return fd_fail(err, FD_ERR_CONFIG, "%s: \"%s\" has a quote that is never closed", option,
                       command);
    }
    if (count == 0) {
        message_argv_free(argv);
        return fd_fail(err, FD_ERR_CONFIG, "%s: the command is empty", option);
    }
    *out = argv;
    return 0;
}
