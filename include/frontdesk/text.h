/*
 * Small checks on text typed by people or read from files: email and phone
 * shapes, UTF-8 validity, display width of UTF-8 text.  Pure.
 */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A plausible address: local@domain.tld, no spaces or control characters. */
bool text_is_email(const char *text);
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
