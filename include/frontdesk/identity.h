/*
 * Who is who: the rule that decides when a booking, a request or a
 * waitlist entry belongs to a client already known.
 *
 * The same client again only when the email and the name both match,
 * ignoring case and extra spaces.  A phone number never identifies anyone
 * on its own, and a shared address (a family) is several people.  With no
 * email given, the phone and the name together identify.  Pure.
 */
#ifndef FRONTDESK_IDENTITY_H
#define FRONTDESK_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

/* The form of a name that identity compares: white space trimmed and
 * collapsed to single spaces, letters folded to lower case (ASCII and the
 * Latin letters of Western and Central European names). */
void identity_name_key(const char *name, char *out, size_t size);

/* The form of an email address that identity compares: trimmed, lower
 * case. */
void identity_email_key(const char *email, char *out, size_t size);

/* The form of a phone number that identity compares: the number as the
 * network knows it, however typed ("07700 900123" and "+44 7700 900123"
 * are both "+447700900123", sms.h); what is not a number it can read
 * keeps its digits, with a leading + ("555-0100" → "5550100"). */
void identity_phone_key(const char *phone, char *out, size_t size);

/* Do the two name keys and email keys name the same person? */
bool identity_same_person(const char *name_a, const char *email_a, const char *name_b,
                          const char *email_b);

#endif
