/*
 * Preparing the config's text for libconfuse, in one pass that keeps every
 * line where it is.
 *
 * libconfuse 3.3 counts lines wrongly after a comment: each "#" or "//"
 * comment adds two lines that are not there, however long it is and
 * wherever it stands, and each block comment one, however many lines it
 * spans; nothing else is miscounted.  So an error below a comment named
 * the wrong line.  It also refuses a comment between "=" and a value or
 * inside a list, reporting the comment's first word as an unexpected
 * token.  The pass turns every comment into spaces, keeping the newlines
 * of a block comment, so libconfuse never sees one: lines come out right,
 * and a comment is welcome wherever a space is.  Carriage returns outside
 * quotes become spaces too: libconfuse reads "15\r" as a word, not a
 * number, so a file saved with CRLF line ends could not set a number.
 *
 * libconfuse also replaces ${NAME} inside double-quoted strings with the
 * environment variable NAME, which would silently empty the template
 * placeholders (${date}, ${time}) of the spec's own example.  The config
 * has no use for environment variables, so every ${ inside a double-quoted
 * string is escaped as \${; single-quoted strings are left alone.
 *
 * The same pass finds what libconfuse quietly accepts when the file ends
 * too soon: a section never closed (a lost last "}") or a comment never
 * closed, which swallows the rest of the file.  *unclosed is then the
 * outermost '{' or the comment's opening, with its line.  To agree with
 * libconfuse's lexer, "//" and "/" "*" open comments only where a token
 * starts, "#" anywhere outside quotes, and an unquoted ${NAME} is one token
 * up to the next '}'.
 *
 * libconfuse keeps, for a section, only the line of its closing "}", while
 * a mistake in a section as a whole (an unknown template kind, an offer
 * with no discount) is best reported at its title.  The pass notes the line
 * of each top-level "{" that opens a section rather than a list (a list's
 * follows "="): the line of what stands just before it, the title.
 */
#include "config_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_word_char(char c)
{
    return c && !strchr(" #\"'\t\n\r={}()+,*", c);
}

/* A comment's character as libconfuse will see it. */
static char blanked(char c)
{
    return c == '\n' ? '\n' : ' ';
}

/* Appends line to sections; false when out of memory. */
static bool add_section_line(struct section_lines *sections, size_t *capacity, int line)
{
    if (sections->count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 16;
        int *lines = realloc(sections->lines, grown * sizeof *lines);
        if (!lines)
            return false;
        sections->lines = lines;
        *capacity = grown;
    }
    sections->lines[sections->count++] = line;
    return true;
}

char *config_prepare_text(const char *text, struct unclosed *unclosed,
                          struct section_lines *sections)
{
    *sections = (struct section_lines){NULL, 0};
    size_t section_capacity = 0;
    size_t length = strlen(text), dollars = 0;
    for (size_t i = 0; i + 1 < length; i++)
        dollars += text[i] == '$' && text[i + 1] == '{';
    char *out = malloc(length + dollars + 1), *o = out;
    if (!out)
        return NULL;
    enum { CODE, DOUBLE, SINGLE, LINE_COMMENT, BLOCK_COMMENT } state = CODE;
    int line = 1, depth = 0, brace_line = 0, comment_line = 0;
    /* The last character that is neither blank nor comment, and its line. */
    char last = '\0';
    int last_line = 1;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        char c = *p;
        const char *end;
        switch (state) {
        case CODE:
            if (c == '"') {
                state = DOUBLE;
            } else if (c == '\'') {
                state = SINGLE;
            } else if (c == '#' || (!in_word && c == '/' && p[1] == '/')) {
                state = LINE_COMMENT;
                c = ' ';
            } else if (!in_word && c == '/' && p[1] == '*') {
                *o++ = ' ';
                p++; /* the '*' must not also close the comment */
                c = ' ';
                state = BLOCK_COMMENT;
                comment_line = line;
            } else if (!in_word && c == '$' && p[1] == '{' && (end = strchr(p + 2, '}'))) {
                for (; p < end; p++) {
                    line += *p == '\n';
                    *o++ = *p;
                }
                c = *p;
            } else if (c == '\r') {
                c = ' ';
            } else if (c == '{') {
                if (depth++ == 0) {
                    brace_line = line;
                    if (last != '=' && !add_section_line(sections, &section_capacity, last_line)) {
                        free(out);
                        free(sections->lines);
                        *sections = (struct section_lines){NULL, 0};
                        return NULL;
                    }
                }
            } else if (c == '}' && depth > 0) {
                depth--;
            }
            in_word = state == CODE && is_word_char(c);
            break;
        case DOUBLE:
        case SINGLE:
            if (c == '\\' && p[1]) {
                *o++ = *p++;
                c = *p;
            } else if ((state == DOUBLE && c == '"') || (state == SINGLE && c == '\'')) {
                state = CODE;
            } else if (state == DOUBLE && c == '$' && p[1] == '{') {
                *o++ = '\\';
            }
            break;
        case LINE_COMMENT:
            if (c == '\n')
                state = CODE;
            c = blanked(c);
            break;
        case BLOCK_COMMENT:
            if (c == '*' && p[1] == '/') {
                *o++ = ' ';
                p++;
                state = CODE;
            }
            c = blanked(c);
            break;
        }
        if (!strchr(" \t\r\n", c)) {
            last = c;
            last_line = line;
        }
        line += c == '\n';
        *o++ = c;
    }
    *o = '\0';
    *unclosed = (struct unclosed){0, NULL};
    if (state == BLOCK_COMMENT)
        *unclosed = (struct unclosed){comment_line, "comment is never closed (a '*/' is missing)"};
    else if (depth > 0)
        *unclosed = (struct unclosed){brace_line, "'{' is never closed (a '}' is missing)"};
    return out;
}
