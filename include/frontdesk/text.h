/*
 * Small checks on text typed by people or read from files: email and phone
 * shapes, UTF-8 validity, display width of UTF-8 text.  Pure.
 */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>

/* Why text is not an address mail can be sent to, as a short phrase that
 * reads after the address in quotes ("has no @", "has a space", ...); NULL
 * for a plausible address: local@domain.tld, ASCII, no spaces or control
 * characters.  The shape is checked first, so an address of the right
 * shape whose only fault is a character beyond ASCII gets exactly
 * TEXT_EMAIL_NOT_ASCII (that pointer): such mail cannot leave from here,
 * though the address is not malformed. */
const char *text_email_problem(const char *text);
extern const char TEXT_EMAIL_NOT_ASCII[];
/* text_email_problem(text) == NULL. */
bool text_is_email(const char *text);
/* 0 for a plausible address; otherwise fails with code and a message
 * naming field: `FIELD: "x" is not an email address (has no @)` for a
 * malformed one, `FIELD: "zoë@example.com" has non-ASCII characters; ...`
 * for one that is not ASCII. */
int text_check_email(const char *field, const char *text, int code, struct fd_error *err);
/* Digits with optional + ( ) - . and spaces, 6 to 20 digits. */
bool text_is_phone(const char *text);
/* Well-formed UTF-8 with no control characters other than tab/newline
 * (newline only when allow_newline). */
bool text_is_clean_utf8(const char *text, size_t length, bool allow_newline);
/* Copies src into dst (size bytes) without splitting a UTF-8 character. */
void text_copy(char *dst, size_t size, const char *src);
/* Copies with leading and trailing white space removed. */
void text_copy_trimmed(char *dst, size_t size, const char *src);
/* The first word of a name ("Ana María López" → "Ana"). */
void text_first_name(const char *name, char *out, size_t size);

#endif
