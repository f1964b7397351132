/*
 * Text messages (SMS) as the clinic sends and receives them: phone numbers
 * as people type them turned into E.164, the length of a text in segments
 * (what the carrier bills), a text cut to fit a number of segments, the
 * replies a client texts back ("C 4821", "STOP"), and the 4-digit codes
 * those replies quote.  Pure: no I/O, no clock, no globals.
 *
 * The length rules are those of GSM 03.38.  A text made only of the 7-bit
 * GSM alphabet is sent in septets: 160 in one segment, 153 per segment
 * when several (each carries a header joining them up); the characters of
 * the extension table (^ { } \ [ ] ~ | € and form feed) take two septets.
 * One character outside the alphabet (a curly quote, an emoji, a `) sends
 * the whole text as UCS-2: 70 UTF-16 units in one segment, 67 per segment
 * when several, a character beyond U+FFFF taking two units.  A segment
 * never splits a two-septet character or a surrogate pair, so the units
 * are packed greedily rather than divided.  Bytes that are not UTF-8 count
 * as one UCS-2 unit each (a sender would replace each with U+FFFD).
 */
#ifndef FRONTDESK_SMS_H
#define FRONTDESK_SMS_H

#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- phone numbers ----------------------------------------------------- */

/* Room for the longest E.164 number: "+", 15 digits and the NUL. */
#define SMS_PHONE_SIZE 17

/* Turns a phone number as typed into E.164 in out (size at least
 * SMS_PHONE_SIZE): "+" then 8 to 15 digits.  Spaces, - . / ( ) and Unicode
 * spaces and dashes between the digits are dropped.  UK numbers, written
 * nationally ("07700 900123", "(020) 7946 0000") or internationally
 * ("+44 7700 900123", "+44 (0)7700 900123", "0044 …", "447700900123"),
 * become +44 and the 10 digits after the trunk 0; a number written with
 * + or 00 and another country code is kept as it is.  Anything else is
 * -FD_ERR_DATA with out empty and err saying `"TYPED" is not a phone
 * number (REASON)`, REASON one of: is empty, has letters, has a character
 * that is not a digit, has a + that is not at the start, has no country
 * code…, has too few / too many digits, has N digits after the leading 0
 * (or after +44); UK numbers have 10.  A buffer smaller than
 * SMS_PHONE_SIZE is -FD_ERR_SOFTWARE. */
int sms_phone_normalize(const char *typed, char *out, size_t size, struct fd_error *err);

/* Can the normalised number e164 receive a text, as far as we can tell?
 * UK mobile ranges (+4471–+4475, +4477–+4479 and the Isle of Man's
 * +447624) are; UK landlines, 070 personal numbers and 076 pagers are not.
 * Other countries' numbers are, as nothing here knows their ranges.  False
 * for anything that is not "+" and 8 to 15 digits. */
bool sms_phone_is_mobile(const char *e164);

/* ---- length ------------------------------------------------------------ */

struct sms_measure {
    int segments; /* 0 for an empty text, else at least 1 */
    int units;    /* septets when gsm7, else UTF-16 units */
    bool gsm7;    /* every character is in the GSM 03.38 alphabet */
};

/* How long utf8 (NULL counts as empty) is as a text message. */
void sms_measure(const char *utf8, struct sms_measure *out);

/* Copies utf8 (NULL counts as empty) into out (size bytes).  When it does
 * not fit in max_segments segments, or in size bytes, it is cut after the
 * last whole word that leaves room for an ellipsis (after the last whole
 * character when even the first word does not fit), trailing spaces are
 * dropped and the ellipsis added, and the result is 1; a text that fits is
 * copied unchanged and the result is 0.  The ellipsis is "…" when the kept
 * text is UCS-2 anyway, "..." when it is GSM: "…" is not in the GSM
 * alphabet and would make the whole text UCS-2, halving its room.  A cut
 * never splits a UTF-8 character; bytes that are not UTF-8 are copied as
 * they are.  -FD_ERR_SOFTWARE when out is NULL, size is 0 or max_segments
 * is below 1. */
int sms_fit(const char *utf8, int max_segments, char *out, size_t size);

/* ---- replies ----------------------------------------------------------- */

enum sms_reply_kind {
    SMS_REPLY_CONFIRM, /* "C 4821": the client confirms the appointment */
    SMS_REPLY_CANCEL,  /* "X 4821": the client cancels it */
    SMS_REPLY_TAKE,    /* "Y 4821": the client takes the slot offered */
    SMS_REPLY_STOP,    /* "STOP": no more texts to this number */
    SMS_REPLY_OTHER,   /* anything else: a person reads it */
};

struct sms_reply {
    enum sms_reply_kind kind;
    char code[8]; /* the 4 digits for CONFIRM, CANCEL and TAKE, else "" */
};

/* What a client's text means.  The whole text must be one of the forms:
 * a letter C, X or Y, optional spaces, - : . or #, and exactly 4 digits;
 * or STOP, STOP ALL, STOPALL or UNSUBSCRIBE.  Case does not matter, nor
 * do spaces, newlines or quotes around it, nor . , ! ? ; : after it.
 * Anything else, "C 48", "yes", "Cancel please", is SMS_REPLY_OTHER:
 * guessing at a sentence could cancel an appointment nobody meant to. */
void sms_parse_reply(const char *text, struct sms_reply *out);

/* ---- reply codes ------------------------------------------------------- */

/* The 4-digit code ("0000"–"9999") for seed, written into out with its
 * NUL.  The code is (7919 × seed + 4813) mod 10000, so any 10000
 * consecutive seeds (short of wrapping past UINT32_MAX) give 10000
 * different codes: a store that picks a seed at random and, when the code
 * is already live, tries seed + 1, finds a free code within one try more
 * than there are live codes.  The codes
 * guard against a slip of the thumb, not an attacker, and none is left
 * out for looking like another. */
void sms_reply_code(uint32_t seed, char out[5]);

#endif
