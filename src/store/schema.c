/*
 * The schema and its migrations.  Each entry of MIGRATIONS moves the
 * database up one PRAGMA user_version; a database is migrated inside one
 * transaction, so a crash mid-way leaves it at the old version.
 *
 * Times are integers: minutes since 1970-01-01 00:00 in the clinic's
 * wall-clock time (see date.h); days are day numbers.  Overlap triggers
 * bound their search with "start > NEW.start - 1440", which the CHECK on
 * appointment length (at most a day including the buffer) makes exact, so
 * each check is a short index range scan however long the history grows.
 * A migration is a NULL-terminated list of scripts (C limits string length).
 */
#include <stddef.h>

#include "schema.h"

static const char *const MIGRATION_1[] = {
    "CREATE TABLE clinic ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  rooms INTEGER NOT NULL CHECK (rooms >= 1));",

    "CREATE TABLE therapist ("
    "  id INTEGER PRIMARY KEY,"
    "  handle TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  name TEXT NOT NULL,"
    "  email TEXT,"
    "  active INTEGER NOT NULL DEFAULT 1);",

    "CREATE TABLE shift_rule ("
    "  id INTEGER PRIMARY KEY,"
    "  therapist_id INTEGER NOT NULL REFERENCES therapist(id),"
    "  clinic_id INTEGER NOT NULL REFERENCES clinic(id),"
    "  pattern TEXT NOT NULL CHECK (pattern IN ('weekly', 'monthly', 'once')),"
    "  weekdays INTEGER NOT NULL DEFAULT 0,"
    "  nth INTEGER NOT NULL DEFAULT 0,"
    "  weekday INTEGER NOT NULL DEFAULT 0,"
    "  once_day INTEGER,"
    "  start_minute INTEGER NOT NULL,"
    "  end_minute INTEGER NOT NULL,"
    "  valid_from INTEGER,"
    "  valid_until INTEGER,"
    "  CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute));"
    "CREATE INDEX shift_rule_therapist ON shift_rule(therapist_id);",

    "CREATE TABLE time_off ("
    "  id INTEGER PRIMARY KEY,"
    "  therapist_id INTEGER NOT NULL REFERENCES therapist(id),"
    "  from_time INTEGER NOT NULL,"
    "  to_time INTEGER NOT NULL,"
    "  reason TEXT,"
    "  CHECK (from_time < to_time));"
    "CREATE INDEX time_off_therapist ON time_off(therapist_id, from_time);",

    "CREATE TABLE client ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  email TEXT COLLATE NOCASE,"
    "  phone TEXT,"
    "  notes TEXT,"
    "  created INTEGER NOT NULL);"
    "CREATE INDEX client_email ON client(email);"
    "CREATE INDEX client_phone ON client(phone);",

    "CREATE TABLE request ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER REFERENCES client(id),"
    "  name TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  phone TEXT,"
    "  service TEXT NOT NULL,"
    "  prefer TEXT NOT NULL DEFAULT '',"
    "  prefer_windows TEXT NOT NULL DEFAULT '',"
    "  therapist_id INTEGER REFERENCES therapist(id),"
    "  received INTEGER NOT NULL,"
    "  due INTEGER NOT NULL,"
    "  source TEXT NOT NULL CHECK (source IN ('web', 'phone', 'email', 'walk-in')),"
    "  status TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (status IN ('pending', 'booked', 'declined', 'withdrawn')),"
    "  message TEXT,"
    "  reason TEXT,"
    "  answered INTEGER,"
    "  import_key TEXT UNIQUE);"
    "CREATE INDEX request_status_due ON request(status, due);",

    "CREATE TABLE appointment ("
    "  id INTEGER PRIMARY KEY,"
    "  therapist_id INTEGER NOT NULL REFERENCES therapist(id),"
    "  clinic_id INTEGER NOT NULL REFERENCES clinic(id),"
    "  room INTEGER NOT NULL,"
    "  client_id INTEGER NOT NULL REFERENCES client(id),"
    "  request_id INTEGER REFERENCES request(id),"
    "  waitlist_id INTEGER,"
    "  service TEXT NOT NULL,"
    "  minutes INTEGER NOT NULL,"
    "  price_pence INTEGER NOT NULL,"
    "  buffer INTEGER NOT NULL DEFAULT 0,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  busy_until INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'booked'"
    "    CHECK (status IN ('booked', 'cancelled', 'completed', 'no-show')),"
    "  confirmation TEXT NOT NULL DEFAULT 'unsent'"
    "    CHECK (confirmation IN ('unsent', 'sent', 'failed')),"
    "  confirmation_at INTEGER,"
    "  confirmation_via TEXT,"
    "  confirmation_error TEXT,"
    "  forced INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  cancel_reason TEXT,"
    "  CHECK (start < end AND end <= busy_until AND busy_until - start <= 1440));"
    "CREATE INDEX appointment_start ON appointment(start);"
    "CREATE INDEX appointment_therapist ON appointment(therapist_id, start);"
    "CREATE INDEX appointment_room ON appointment(clinic_id, room, start);"
    "CREATE INDEX appointment_client ON appointment(client_id, start);"
    "CREATE INDEX appointment_queue ON appointment(confirmation) WHERE confirmation <> 'sent';",

    /* The guarantee against double booking (SPEC §1 rule 2). */
    "CREATE TRIGGER appointment_insert_check BEFORE INSERT ON appointment"
    " WHEN NEW.status <> 'cancelled' BEGIN"
    "  SELECT RAISE(ABORT, 'frontdesk: room out of range')"
    "   WHERE NEW.room < 1 OR NEW.room > (SELECT rooms FROM clinic WHERE id = NEW.clinic_id);"
    "  SELECT RAISE(ABORT, 'frontdesk: therapist busy') WHERE EXISTS ("
    "   SELECT 1 FROM appointment a WHERE a.therapist_id = NEW.therapist_id"
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"
    "  SELECT RAISE(ABORT, 'frontdesk: room busy') WHERE EXISTS ("
    "   SELECT 1 FROM appointment a WHERE a.clinic_id = NEW.clinic_id AND a.room = NEW.room"
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"
    " END;",
    "CREATE TRIGGER appointment_update_check"
    " BEFORE UPDATE OF therapist_id, clinic_id, room, start, busy_until, status ON appointment"
    " WHEN NEW.status <> 'cancelled' BEGIN"
    "  SELECT RAISE(ABORT, 'frontdesk: room out of range')"
    "   WHERE NEW.room < 1 OR NEW.room > (SELECT rooms FROM clinic WHERE id = NEW.clinic_id);"
    "  SELECT RAISE(ABORT, 'frontdesk: therapist busy') WHERE EXISTS ("
    "   SELECT 1 FROM appointment a WHERE a.therapist_id = NEW.therapist_id AND a.id <> NEW.id"
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"
    "  SELECT RAISE(ABORT, 'frontdesk: room busy') WHERE EXISTS ("
    "   SELECT 1 FROM appointment a WHERE a.clinic_id = NEW.clinic_id AND a.room = NEW.room"
    "    AND a.id <> NEW.id AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"
    " END;",

    "CREATE TABLE waitlist ("
    "  id INTEGER PRIMARY KEY,"
    "  client_id INTEGER NOT NULL REFERENCES client(id),"
    "  service TEXT NOT NULL,"
    "  clinic_id INTEGER REFERENCES clinic(id),"
    "  therapist_id INTEGER REFERENCES therapist(id),"
    "  prefer TEXT NOT NULL DEFAULT '',"
    "  prefer_windows TEXT NOT NULL DEFAULT '',"
    "  added INTEGER NOT NULL,"
    "  request_id INTEGER REFERENCES request(id),"
    "  status TEXT NOT NULL DEFAULT 'waiting'"
    "    CHECK (status IN ('waiting', 'offered', 'booked', 'removed')));"
    "CREATE INDEX waitlist_status ON waitlist(status, added);",

    "CREATE TABLE message ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  received INTEGER NOT NULL,"
    "  handled INTEGER);",

    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  who TEXT NOT NULL,"
    "  what TEXT NOT NULL,"
    "  entity TEXT NOT NULL,"
    "  entity_id INTEGER);",
    NULL};

/* Contact messages imported from a file, found again on a second import. */
static const char *const MIGRATION_2[] = {
    "ALTER TABLE message ADD COLUMN import_key TEXT;"
    "CREATE UNIQUE INDEX message_import_key ON message(import_key);",
    NULL};

/* Who is who (identity.h): the keys identity compares, indexed; every
 * request tied to its client, so that finding a person finds their
 * requests; preferences that could not be read, kept and flagged; rota
 * rules edited from a date keep their id, their old version a row of its
 * own.  The keys and the links are filled in by the store after this
 * script (store.c). */
static const char *const MIGRATION_3[] = {
    "ALTER TABLE client ADD COLUMN name_key TEXT;"
    "ALTER TABLE client ADD COLUMN phone_key TEXT;"
    "CREATE INDEX client_identity ON client(email, name_key);"
    "CREATE INDEX client_phone_identity ON client(phone_key, name_key);"
    "CREATE INDEX request_client ON request(client_id);"
    "CREATE INDEX waitlist_client ON waitlist(client_id);",
    "ALTER TABLE request ADD COLUMN prefer_ok INTEGER NOT NULL DEFAULT 1;",
    "ALTER TABLE shift_rule ADD COLUMN superseded_by INTEGER REFERENCES shift_rule(id);", NULL};

/* The appointment's life: arrived joins the states (the table is rebuilt,
 * since its CHECK must change); who cancelled and when, whether late, the
 * fee owed; a series of repeating sessions; the price an offer took off.
 * One table of allowed moves between states, filled from state.c by the
 * store after this script, which triggers consult on every change of
 * state; notes; and the record of each change a desk may undo.  Settings
 * the program keeps: outcomes_from, the moment outcomes began to be
 * recorded (appointments before it never had one to record). */
#define OVERLAP_TRIGGERS                                                                           \
    "CREATE TRIGGER appointment_insert_check BEFORE INSERT ON appointment"                         \
    " WHEN NEW.status <> 'cancelled' BEGIN"                                                        \
    "  SELECT RAISE(ABORT, 'frontdesk: room out of range')"                                        \
    "   WHERE NEW.room < 1 OR NEW.room > (SELECT rooms FROM clinic WHERE id = NEW.clinic_id);"     \
    "  SELECT RAISE(ABORT, 'frontdesk: therapist busy') WHERE EXISTS ("                            \
    "   SELECT 1 FROM appointment a WHERE a.therapist_id = NEW.therapist_id"                       \
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"                              \
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"                               \
    "  SELECT RAISE(ABORT, 'frontdesk: room busy') WHERE EXISTS ("                                 \
    "   SELECT 1 FROM appointment a WHERE a.clinic_id = NEW.clinic_id AND a.room = NEW.room"       \
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"                              \
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"                               \
    " END;"                                                                                        \
    "CREATE TRIGGER appointment_update_check"                                                      \
    " BEFORE UPDATE OF therapist_id, clinic_id, room, start, busy_until, status ON appointment"    \
    " WHEN NEW.status <> 'cancelled' BEGIN"                                                        \
    "  SELECT RAISE(ABORT, 'frontdesk: room out of range')"                                        \
    "   WHERE NEW.room < 1 OR NEW.room > (SELECT rooms FROM clinic WHERE id = NEW.clinic_id);"     \
    "  SELECT RAISE(ABORT, 'frontdesk: therapist busy') WHERE EXISTS ("                            \
    "   SELECT 1 FROM appointment a WHERE a.therapist_id = NEW.therapist_id AND a.id <> NEW.id"    \
    "    AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"                              \
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"                               \
    "  SELECT RAISE(ABORT, 'frontdesk: room busy') WHERE EXISTS ("                                 \
    "   SELECT 1 FROM appointment a WHERE a.clinic_id = NEW.clinic_id AND a.room = NEW.room"       \
    "    AND a.id <> NEW.id AND a.start > NEW.start - 1440 AND a.start < NEW.busy_until"           \
    "    AND a.busy_until > NEW.start AND a.status <> 'cancelled');"                               \
    " END;"

/* A trigger refusing a change of a state column that the table of moves
 * does not allow, except while an undo puts a change back (its row in the
 * undo table is marked applying, inside the undo's own transaction). */
#define MOVE_TRIGGER(name, table, column, machine)                                                 \
    "CREATE TRIGGER " name " BEFORE UPDATE OF " column " ON " table " WHEN OLD." column            \
    " <> NEW." column " AND NOT EXISTS (SELECT 1 FROM state_move"                                  \
    " WHERE machine = '" machine "' AND from_state = OLD." column " AND to_state = NEW." column    \
    ") AND NOT EXISTS (SELECT 1 FROM undo WHERE applying = 1)"                                     \
    " BEGIN SELECT RAISE(ABORT, 'frontdesk: transition " machine "'); END;"

static const char *const MIGRATION_4[] = {
    "CREATE TABLE appointment_life ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  therapist_id INTEGER NOT NULL REFERENCES therapist(id),"
    "  clinic_id INTEGER NOT NULL REFERENCES clinic(id),"
    "  room INTEGER NOT NULL,"
    "  client_id INTEGER NOT NULL REFERENCES client(id),"
    "  request_id INTEGER REFERENCES request(id),"
    "  waitlist_id INTEGER,"
    "  service TEXT NOT NULL,"
    "  minutes INTEGER NOT NULL,"
    "  price_pence INTEGER NOT NULL,"
    "  buffer INTEGER NOT NULL DEFAULT 0,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  busy_until INTEGER NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'booked'"
    "    CHECK (status IN ('booked', 'arrived', 'completed', 'cancelled', 'no-show')),"
    "  confirmation TEXT NOT NULL DEFAULT 'unsent'"
    "    CHECK (confirmation IN ('unsent', 'sent', 'failed')),"
    "  confirmation_at INTEGER,"
    "  confirmation_via TEXT,"
    "  confirmation_error TEXT,"
    "  forced INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  cancel_reason TEXT,"
    "  series_id INTEGER,"
    "  cancelled_by TEXT CHECK (cancelled_by IN ('client', 'clinic')),"
    "  cancelled_at INTEGER,"
    "  late INTEGER NOT NULL DEFAULT 0,"
    "  fee_pence INTEGER NOT NULL DEFAULT 0 CHECK (fee_pence >= 0),"
    "  fee_note TEXT,"
    "  outcome_at INTEGER,"
    "  list_price_pence INTEGER,"
    "  offer TEXT,"
    "  CHECK (start < \"end\" AND \"end\" <= busy_until AND busy_until - start <= 1440));"
    "INSERT INTO appointment_life(id, therapist_id, clinic_id, room, client_id, request_id,"
    " waitlist_id, service, minutes, price_pence, buffer, start, \"end\", busy_until, status,"
    " confirmation, confirmation_at, confirmation_via, confirmation_error, forced, created,"
    " cancel_reason)"
    " SELECT id, therapist_id, clinic_id, room, client_id, request_id, waitlist_id, service,"
    " minutes, price_pence, buffer, start, \"end\", busy_until, status, confirmation,"
    " confirmation_at, confirmation_via, confirmation_error, forced, created, cancel_reason"
    " FROM appointment;"
    "DROP TABLE appointment;"
    "ALTER TABLE appointment_life RENAME TO appointment;"
    "CREATE INDEX appointment_start ON appointment(start);"
    "CREATE INDEX appointment_therapist ON appointment(therapist_id, start);"
    "CREATE INDEX appointment_room ON appointment(clinic_id, room, start);"
    "CREATE INDEX appointment_client ON appointment(client_id, start);"
    "CREATE INDEX appointment_queue ON appointment(confirmation) WHERE confirmation <> 'sent';"
    "CREATE INDEX appointment_series ON appointment(series_id) WHERE series_id IS NOT NULL;"
    "CREATE INDEX appointment_open ON appointment(start) WHERE status IN ('booked', 'arrived');"
    "CREATE TABLE setting (name TEXT PRIMARY KEY, value INTEGER NOT NULL);",
    OVERLAP_TRIGGERS,
    "CREATE TABLE undo ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  who TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  data TEXT NOT NULL,"
    "  audit_from INTEGER NOT NULL,"
    "  audit_to INTEGER NOT NULL,"
    "  undone_at INTEGER,"
    "  applying INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX undo_who ON undo(who, id);",
    "CREATE TABLE state_move ("
    "  machine TEXT NOT NULL,"
    "  from_state TEXT NOT NULL,"
    "  to_state TEXT NOT NULL,"
    "  PRIMARY KEY (machine, from_state, to_state));",
    MOVE_TRIGGER("appointment_status_move", "appointment", "status", "appointment"),
    MOVE_TRIGGER("appointment_confirmation_move", "appointment", "confirmation", "confirmation"),
    MOVE_TRIGGER("request_status_move", "request", "status", "request"),
    MOVE_TRIGGER("waitlist_status_move", "waitlist", "status", "waitlist"),
    "CREATE TABLE note ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  client_id INTEGER REFERENCES client(id),"
    "  appointment_id INTEGER REFERENCES appointment(id),"
    "  at INTEGER NOT NULL,"
    "  who TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  CHECK ((client_id IS NULL) <> (appointment_id IS NULL)));"
    "CREATE INDEX note_client ON note(client_id);"
    "CREATE INDEX note_appointment ON note(appointment_id);"
    "CREATE INDEX audit_entity ON audit(entity, entity_id, id);",
    NULL};

/* Messages and offers: every message the clinic owes a client is a row of
 * the outbox (kind, the record it is about, its state, when it is due,
 * and once tried the channel and recipient it went to); a reminder is
 * planned at most once per appointment and start.  Clients choose email
 * or text and may opt out of reminders; an appointment remembers when it
 * was last booked or moved (a reminder whose moment had passed by then is
 * not sent) and when the client confirmed by text.  Consent to mailing
 * lists, with when and where from.  A waitlist entry with no service ('')
 * waits for the clinic to open; notified_at marks the one notice.  A
 * request is answered for the reply promise when its answer was sent
 * (answer_sent_at; before this version, when it was answered). */
static const char *const MIGRATION_5[] = {
    "ALTER TABLE client ADD COLUMN contact TEXT NOT NULL DEFAULT 'email'"
    " CHECK (contact IN ('email', 'sms'));"
    "ALTER TABLE client ADD COLUMN no_reminders_at INTEGER;"
    "ALTER TABLE appointment ADD COLUMN scheduled_at INTEGER;"
    "ALTER TABLE appointment ADD COLUMN client_confirmed_at INTEGER;"
    "ALTER TABLE waitlist ADD COLUMN notified_at INTEGER;"
    "ALTER TABLE message ADD COLUMN phone TEXT;"
    "ALTER TABLE request ADD COLUMN answer_sent_at INTEGER;"
    "UPDATE appointment SET scheduled_at = created;"
    "UPDATE request SET answer_sent_at = answered WHERE answered IS NOT NULL"
    " AND status IN ('booked', 'declined');",
    "CREATE TABLE subscription ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  client_id INTEGER NOT NULL REFERENCES client(id),"
    "  list TEXT NOT NULL,"
    "  frequency TEXT,"
    "  source TEXT NOT NULL CHECK (source IN ('web', 'desk')),"
    "  subscribed_at INTEGER NOT NULL,"
    "  unsubscribed_at INTEGER,"
    "  import_key TEXT);"
    "CREATE UNIQUE INDEX subscription_current ON subscription(client_id, list)"
    " WHERE unsubscribed_at IS NULL;"
    "CREATE INDEX subscription_list ON subscription(list, subscribed_at);"
    "CREATE UNIQUE INDEX subscription_import_key ON subscription(import_key);",
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'change', 'cancellation', 'decline',"
    "    'waitlist', 'offer', 'taken', 'reminder', 'correction', 'notify', 'welcome')),"
    "  client_id INTEGER NOT NULL REFERENCES client(id),"
    "  appointment_id INTEGER REFERENCES appointment(id),"
    "  request_id INTEGER REFERENCES request(id),"
    "  waitlist_id INTEGER REFERENCES waitlist(id),"
    "  subscription_id INTEGER REFERENCES subscription(id),"
    "  for_start INTEGER,"
    "  old_start INTEGER,"
    "  therapist_id INTEGER REFERENCES therapist(id),"
    "  clinic_id INTEGER REFERENCES clinic(id),"
    "  service TEXT,"
    "  details TEXT,"
    "  reply_code TEXT,"
    "  state TEXT NOT NULL DEFAULT 'queued'"
    "    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'void')),"
    "  due INTEGER NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  channel TEXT CHECK (channel IN ('email', 'sms')),"
    "  recipient TEXT,"
    "  claimed_at INTEGER,"
    "  sent_at INTEGER,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  error TEXT,"
    "  voided_at INTEGER);"
    "CREATE INDEX outbox_queue ON outbox(due) WHERE state IN ('queued', 'failed', 'sending');"
    "CREATE INDEX outbox_appointment ON outbox(appointment_id) WHERE appointment_id IS NOT NULL;"
    "CREATE INDEX outbox_request ON outbox(request_id) WHERE request_id IS NOT NULL;"
    "CREATE INDEX outbox_waitlist ON outbox(waitlist_id) WHERE waitlist_id IS NOT NULL;"
    "CREATE INDEX outbox_client ON outbox(client_id, id);"
    "CREATE INDEX outbox_code ON outbox(reply_code) WHERE reply_code IS NOT NULL;"
    "CREATE UNIQUE INDEX outbox_one_reminder ON outbox(appointment_id, for_start)"
    " WHERE kind = 'reminder' AND state <> 'void';",
    MOVE_TRIGGER("outbox_state_move", "outbox", "state", "outbox"), NULL};

/* Ids never given out twice: an undo deletes what a change added, and the
 * next row must not take over its id (and with it the audit log's lines
 * about it).  The tables made before are rebuilt in C, after this script
 * (store.c), on an engine whose ids are not from a sequence. */
static const char *const MIGRATION_6[] = {NULL};

/* Sites moved in (frontdesk migrate): each row copied from a site's own
 * database, by the site, its table and its id there, and the id it has
 * here, so that copying the same site again copies only what is new. */
static const char *const MIGRATION_7[] = {"CREATE TABLE migrated ("
                                          "  site TEXT NOT NULL,"
                                          "  tbl TEXT NOT NULL,"
                                          "  old_id INTEGER NOT NULL,"
                                          "  new_id INTEGER NOT NULL,"
                                          "  PRIMARY KEY (site, tbl, old_id));",
                                          NULL};

/* Faster bulk imports.  SQLite checks "x IN (a, b, c)" through a
 * temporary table built on every insert, a third of a second per 100,000
 * requests: the request table's two such checks are written as ORs (the
 * table rebuilt the usual way, its id sequence kept).  client_email is
 * client_identity's first column already. */
static const char *const MIGRATION_8[] = {
    "DROP INDEX client_email;",
    "CREATE TABLE request_rebuilt ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  client_id INTEGER REFERENCES client(id),"
    "  name TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  phone TEXT,"
    "  service TEXT NOT NULL,"
    "  prefer TEXT NOT NULL DEFAULT '',"
    "  prefer_windows TEXT NOT NULL DEFAULT '',"
    "  therapist_id INTEGER REFERENCES therapist(id),"
    "  received INTEGER NOT NULL,"
    "  due INTEGER NOT NULL,"
    "  source TEXT NOT NULL CHECK (source = 'web' OR source = 'phone' OR source = 'email'"
    "    OR source = 'walk-in'),"
    "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'booked'"
    "    OR status = 'declined' OR status = 'withdrawn'),"
    "  message TEXT,"
    "  reason TEXT,"
    "  answered INTEGER,"
    "  import_key TEXT UNIQUE,"
    "  prefer_ok INTEGER NOT NULL DEFAULT 1,"
    "  answer_sent_at INTEGER);"
    "INSERT INTO request_rebuilt SELECT * FROM request;"
    /* Ids given out before and since deleted are not given out again. */
    "INSERT INTO sqlite_sequence(name, seq) SELECT 'request_rebuilt', 0"
    "  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'request_rebuilt');"
    "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence"
    "  WHERE name = 'request'), 0)) WHERE name = 'request_rebuilt';"
    "DROP TABLE request;"
    "ALTER TABLE request_rebuilt RENAME TO request;"
    "CREATE INDEX request_status_due ON request(status, due);"
    "CREATE INDEX request_client ON request(client_id);",
    MOVE_TRIGGER("request_status_move", "request", "status", "request"), NULL};

const char *const *const SCHEMA_MIGRATIONS[] = {MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4,
                                                MIGRATION_5, MIGRATION_6, MIGRATION_7, MIGRATION_8};
_Static_assert(sizeof SCHEMA_MIGRATIONS / sizeof SCHEMA_MIGRATIONS[0] == SCHEMA_LATEST,
               "SCHEMA_LATEST counts SQLite's migrations");
const int SCHEMA_VERSION = SCHEMA_LATEST;
