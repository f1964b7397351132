/*
 * Email messages, as text: filling a template's ${placeholders}, encoding
 * header words (RFC 2047), addresses and dates for headers (RFC 5322),
 * putting a whole message together, and splitting the configured sendmail
 * command line into the words of its argv.  Pure: no I/O, no clock, no
 * environment, so every rule here can be tested with a table.
 *
 * Messages use LF line ends: `sendmail -t` expects local text and turns
 * them into CRLF on the wire.
 */
#ifndef FRONTDESK_MESSAGE_H
#define FRONTDESK_MESSAGE_H

#include <frontdesk/date.h>
#include <frontdesk/error.h>

#include <stddef.h>

/* A placeholder of a template: `${name}` is replaced by value.  A field
 * with a NULL name stands for nothing: a table of placeholders can keep
 * its shape while a template knows only some of them. */
struct message_field {
    const char *name;
    const char *value;
};

/* Replaces every ${name} of template_text with the value of the field of
 * that name; a "$" not followed by "{" is kept as it is.  Allocates *out
 * (free with free()).  An unknown placeholder, an empty "${}" or a "${"
 * with no "}" on its line is -FD_ERR_CONFIG naming source, the line (when
 * the template has several) and the placeholder. */
int message_render(const char *template_text, const char *source,
                   const struct message_field *fields, size_t count, char **out,
                   struct fd_error *err);

/* A header value: as it is when it is printable ASCII, otherwise RFC 2047
 * encoded words (=?UTF-8?B?...?=) of at most 64 characters, short enough
 * for a line of 76 after "Subject: ", separated by spaces and never
 * splitting a character.  Control characters (a newline that could start
 * a forged header) become spaces first.  Allocates; NULL when out of
 * memory. */
char *message_encode_header(const char *text);

/* "Name <address>" for a To or From header: the name quoted when it holds
 * a special character, encoded when it is not ASCII; only the address when
 * the name is empty.  Allocates; NULL when out of memory. */
char *message_format_address(const char *name, const char *address);

/* Splits "Front desk <desk@example.org>" (or a bare address) into its
 * display name, without quotes, and its address.  -1 when there is no
 * address (no "@", or an unclosed "<"). */
int message_parse_address(const char *text, char *name, size_t name_size, char *address,
                          size_t address_size);

/* The RFC 5322 date of a wall-clock moment whose zone is utc_offset
 * minutes east of UTC: "Tue, 24 Nov 2026 10:00:00 +0000". */
#define MESSAGE_DATE_SIZE 40
void message_format_date(fd_time local, int utc_offset, char out[MESSAGE_DATE_SIZE]);
/* The date as a client reads it: "Monday 30 November 2026". */
#define MESSAGE_LONG_DATE_SIZE 32
void message_long_date(fd_day day, char out[MESSAGE_LONG_DATE_SIZE]);

/* The headers of one message; from and to are already formatted
 * addresses, the subject is plain UTF-8 text (it is encoded here). */
struct message_envelope {
    const char *from;
    const char *to;
    const char *subject;
    const char *date;
    const char *message_id; /* with its angle brackets */
};
/* The whole message: headers folded at spaces (no line holding an encoded
 * word passes 76 columns, no other line 78 unless one word is longer), MIME
 * headers for 8-bit UTF-8 plain text, a blank line and the body with LF
 * line ends and a final newline.  Allocates *out.  -FD_ERR_SOFTWARE when
 * out of memory. */
int message_compose(const struct message_envelope *envelope, const char *body, char **out,
                    struct fd_error *err);

/* Splits a command line into words at spaces and tabs.  "Double quotes"
 * keep spaces inside a word, and within them \" and \\ stand for " and \.
 * Nothing else is special: no shell ever sees the line, so ; | $( ) and
 * the like are plain characters of a word.  Allocates a NULL-terminated
 * array (free with message_argv_free()).  An unclosed quote or a line with
 * no words is -FD_ERR_CONFIG naming `option`. */
int message_split_command(const char *command, const char *option, char ***out,
                          struct fd_error *err);
void message_argv_free(char **argv);

#endif
