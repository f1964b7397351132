/*
 * The schema on PostgreSQL: the same migrations as schema.c, step for
 * step, building the same tables with the same columns, and enforcing the
 * same rules in PostgreSQL's own way.  A schema version is recorded by
 * the engine (db_pg.c), not here.
 *
 * Types: every SQLite INTEGER is a bigint (SQLite's integers are 64-bit),
 * every TEXT a text, and a TEXT COLLATE NOCASE a citext, so that a
 * therapist's handle and a client's email compare, sort and stay unique
 * without regard to case, as they do on SQLite.  Ids are numbered as
 * SQLite numbers them (NEXT_ID, and KEEP_IDS for AUTOINCREMENT).  Tables
 * whose names begin frontdesk_ are the engine's own bookkeeping, as
 * sqlite_ tables are SQLite's (frontdesk_mark: db_pg.c).
 *
 * No double booking: where SQLite has overlap triggers, an appointment
 * here carries two exclusion constraints (btree_gist) over the half-open
 * range [start, busy_until) of every appointment not cancelled: one per
 * therapist, one per room of a clinic.  Their names end in _busy; the
 * engine turns a violation (SQLSTATE 23P01) into the same "that slot was
 * just taken" as SQLite's trigger.  A room the clinic does not have and a
 * change of state the table of moves does not allow are refused by
 * plpgsql triggers raising the same "frontdesk: …" texts as SQLite's.
 *
 * instr() is SQLite's, given here so that the store's queries read the
 * same on both engines.
 */
#include <stddef.h>

#include "schema.h"

/* SQLite gives a row without an id the table's largest id plus one (an
 * INTEGER PRIMARY KEY); so does this trigger, so that ids run on without
 * the gaps a sequence leaves after a refused insert, and both engines
 * number alike.  Writers hold the write lock, so two never pick the same
 * id; the primary key refuses it if a program without the lock tries. */
#define NEXT_ID(table)                                                                             \
    "CREATE FUNCTION " table "_next_id() RETURNS trigger LANGUAGE plpgsql AS $$"                   \
    " BEGIN"                                                                                       \
    "  IF NEW.id IS NULL THEN"                                                                     \
    "   NEW.id := coalesce((SELECT max(id) FROM " table "), 0) + 1;"                               \
    "  END IF;"                                                                                    \
    "  RETURN NEW;"                                                                                \
    " END $$;"                                                                                     \
    "CREATE TRIGGER " table "_id BEFORE INSERT ON " table " FOR EACH ROW EXECUTE FUNCTION " table  \
    "_next_id();"

static const char *const MIGRATION_1[] = {
    "CREATE EXTENSION IF NOT EXISTS btree_gist;"
    "CREATE EXTENSION IF NOT EXISTS citext;"
    "CREATE FUNCTION instr(haystack text, needle text) RETURNS integer"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT strpos(haystack, needle)';",

    "CREATE TABLE clinic ("
    "  id bigint PRIMARY KEY,"
    "  name text NOT NULL UNIQUE,"
    "  rooms bigint NOT NULL CHECK (rooms >= 1));",

    "CREATE TABLE therapist ("
    "  id bigint PRIMARY KEY,"
    "  handle citext NOT NULL UNIQUE,"
    "  name text NOT NULL,"
    "  email text,"
    "  active bigint NOT NULL DEFAULT 1);",

    "CREATE TABLE shift_rule ("
    "  id bigint PRIMARY KEY,"
    "  therapist_id bigint NOT NULL REFERENCES therapist(id),"
    "  clinic_id bigint NOT NULL REFERENCES clinic(id),"
    "  pattern text NOT NULL CHECK (pattern IN ('weekly', 'monthly', 'once')),"
    "  weekdays bigint NOT NULL DEFAULT 0,"
    "  nth bigint NOT NULL DEFAULT 0,"
    "  weekday bigint NOT NULL DEFAULT 0,"
    "  once_day bigint,"
    "  start_minute bigint NOT NULL,"
    "  end_minute bigint NOT NULL,"
    "  valid_from bigint,"
    "  valid_until bigint,"
    "  CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute));"
    "CREATE INDEX shift_rule_therapist ON shift_rule(therapist_id);",

    "CREATE TABLE time_off ("
    "  id bigint PRIMARY KEY,"
    "  therapist_id bigint NOT NULL REFERENCES therapist(id),"
    "  from_time bigint NOT NULL,"
    "  to_time bigint NOT NULL,"
    "  reason text,"
    "  CHECK (from_time < to_time));"
    "CREATE INDEX time_off_therapist ON time_off(therapist_id, from_time);",

    "CREATE TABLE client ("
    "  id bigint PRIMARY KEY,"
    "  name text NOT NULL,"
    "  email citext,"
    "  phone text,"
    "  notes text,"
    "  created bigint NOT NULL);"
    "CREATE INDEX client_email ON client(email);"
    "CREATE INDEX client_phone ON client(phone);",

    "CREATE TABLE request ("
    "  id bigint PRIMARY KEY,"
    "  client_id bigint REFERENCES client(id),"
    "  name text NOT NULL,"
    "  email text NOT NULL,"
    "  phone text,"
    "  service text NOT NULL,"
    "  prefer text NOT NULL DEFAULT '',"
    "  prefer_windows text NOT NULL DEFAULT '',"
    "  therapist_id bigint REFERENCES therapist(id),"
    "  received bigint NOT NULL,"
    "  due bigint NOT NULL,"
    "  source text NOT NULL CHECK (source IN ('web', 'phone', 'email', 'walk-in')),"
    "  status text NOT NULL DEFAULT 'pending'"
    "    CHECK (status IN ('pending', 'booked', 'declined', 'withdrawn')),"
    "  message text,"
    "  reason text,"
    "  answered bigint,"
    "  import_key text UNIQUE);"
    "CREATE INDEX request_status_due ON request(status, due);",

    /* The guarantee against double booking (SPEC §1 rule 2). */
    "CREATE TABLE appointment ("
    "  id bigint PRIMARY KEY,"
    "  therapist_id bigint NOT NULL REFERENCES therapist(id),"
    "  clinic_id bigint NOT NULL REFERENCES clinic(id),"
    "  room bigint NOT NULL,"
    "  client_id bigint NOT NULL REFERENCES client(id),"
    "  request_id bigint REFERENCES request(id),"
    "  waitlist_id bigint,"
    "  service text NOT NULL,"
    "  minutes bigint NOT NULL,"
    "  price_pence bigint NOT NULL,"
    "  buffer bigint NOT NULL DEFAULT 0,"
    "  start bigint NOT NULL,"
    "  \"end\" bigint NOT NULL,"
    "  busy_until bigint NOT NULL,"
    "  status text NOT NULL DEFAULT 'booked' CONSTRAINT appointment_status_check"
    "    CHECK (status IN ('booked', 'cancelled', 'completed', 'no-show')),"
    "  confirmation text NOT NULL DEFAULT 'unsent'"
    "    CHECK (confirmation IN ('unsent', 'sent', 'failed')),"
    "  confirmation_at bigint,"
    "  confirmation_via text,"
    "  confirmation_error text,"
    "  forced bigint NOT NULL DEFAULT 0,"
    "  created bigint NOT NULL,"
    "  cancel_reason text,"
    "  CHECK (start < \"end\" AND \"end\" <= busy_until AND busy_until - start <= 1440),"
    "  CONSTRAINT appointment_therapist_busy EXCLUDE USING gist"
    "    (therapist_id WITH =, int8range(start, busy_until) WITH &&)"
    "    WHERE (status <> 'cancelled'),"
    "  CONSTRAINT appointment_room_busy EXCLUDE USING gist"
    "    (clinic_id WITH =, room WITH =, int8range(start, busy_until) WITH &&)"
    "    WHERE (status <> 'cancelled'));"
    "CREATE INDEX appointment_start ON appointment(start);"
    "CREATE INDEX appointment_therapist ON appointment(therapist_id, start);"
    "CREATE INDEX appointment_room ON appointment(clinic_id, room, start);"
    "CREATE INDEX appointment_client ON appointment(client_id, start);"
    "CREATE INDEX appointment_queue ON appointment(confirmation) WHERE confirmation <> 'sent';",

    "CREATE FUNCTION frontdesk_room_check() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF NEW.status <> 'cancelled' AND (NEW.room < 1"
    "      OR NEW.room > (SELECT rooms FROM clinic WHERE id = NEW.clinic_id)) THEN"
    "   RAISE EXCEPTION 'frontdesk: room out of range' USING ERRCODE = 'check_violation';"
    "  END IF;"
    "  RETURN NEW;"
    " END $$;"
    "CREATE TRIGGER appointment_insert_check BEFORE INSERT ON appointment"
    " FOR EACH ROW EXECUTE FUNCTION frontdesk_room_check();"
    "CREATE TRIGGER appointment_update_check"
    " BEFORE UPDATE OF therapist_id, clinic_id, room, start, busy_until, status ON appointment"
    " FOR EACH ROW EXECUTE FUNCTION frontdesk_room_check();",

    "CREATE TABLE waitlist ("
    "  id bigint PRIMARY KEY,"
    "  client_id bigint NOT NULL REFERENCES client(id),"
    "  service text NOT NULL,"
    "  clinic_id bigint REFERENCES clinic(id),"
    "  therapist_id bigint REFERENCES therapist(id),"
    "  prefer text NOT NULL DEFAULT '',"
    "  prefer_windows text NOT NULL DEFAULT '',"
    "  added bigint NOT NULL,"
    "  request_id bigint REFERENCES request(id),"
    "  status text NOT NULL DEFAULT 'waiting'"
    "    CHECK (status IN ('waiting', 'offered', 'booked', 'removed')));"
    "CREATE INDEX waitlist_status ON waitlist(status, added);",

    "CREATE TABLE message ("
    "  id bigint PRIMARY KEY,"
    "  name text NOT NULL,"
    "  email text NOT NULL,"
    "  text text NOT NULL,"
    "  received bigint NOT NULL,"
    "  handled bigint);",

    "CREATE TABLE audit ("
    "  id bigint PRIMARY KEY,"
    "  at bigint NOT NULL,"
    "  who text NOT NULL,"
    "  what text NOT NULL,"
    "  entity text NOT NULL,"
    "  entity_id bigint);",

    NEXT_ID("clinic") NEXT_ID("therapist") NEXT_ID("shift_rule") NEXT_ID("time_off")
        NEXT_ID("client") NEXT_ID("request") NEXT_ID("appointment") NEXT_ID("waitlist")
            NEXT_ID("message") NEXT_ID("audit"),
    NULL};

/* Contact messages imported from a file, found again on a second import. */
static const char *const MIGRATION_2[] = {
    "ALTER TABLE message ADD COLUMN import_key text;"
    "CREATE UNIQUE INDEX message_import_key ON message(import_key);",
    NULL};

/* Who is who: as schema.c's migration 3 (the store fills the keys and the
 * links after it). */
static const char *const MIGRATION_3[] = {
    "ALTER TABLE client ADD COLUMN name_key text;"
    "ALTER TABLE client ADD COLUMN phone_key text;"
    "CREATE INDEX client_identity ON client(email, name_key);"
    "CREATE INDEX client_phone_identity ON client(phone_key, name_key);"
    "CREATE INDEX request_client ON request(client_id);"
    "CREATE INDEX waitlist_client ON waitlist(client_id);",
    "ALTER TABLE request ADD COLUMN prefer_ok bigint NOT NULL DEFAULT 1;",
    "ALTER TABLE shift_rule ADD COLUMN superseded_by bigint REFERENCES shift_rule(id);", NULL};

/* The appointment's life, as schema.c's migration 4.  SQLite rebuilds the
 * table to change its CHECK; here the constraint is swapped and the new
 * columns appended, in the order SQLite's rebuilt table has them.  The
 * table of moves is filled by the store after this script; one trigger
 * function serves every state column, told the machine and the column,
 * and lets any move pass while an undo puts a change back (its undo row
 * marked applying, inside the undo's own transaction). */
#define MOVE_TRIGGER(name, table, column, machine)                                                 \
    "CREATE TRIGGER " name " BEFORE UPDATE OF " column " ON " table                                \
    " FOR EACH ROW EXECUTE FUNCTION frontdesk_state_move('" machine "', '" column "');"

static const char *const MIGRATION_4[] = {
    "ALTER TABLE appointment DROP CONSTRAINT appointment_status_check;"
    "ALTER TABLE appointment ADD CONSTRAINT appointment_status_check"
    "  CHECK (status IN ('booked', 'arrived', 'completed', 'cancelled', 'no-show'));"
    "ALTER TABLE appointment"
    "  ADD COLUMN series_id bigint,"
    "  ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('client', 'clinic')),"
    "  ADD COLUMN cancelled_at bigint,"
    "  ADD COLUMN late bigint NOT NULL DEFAULT 0,"
    "  ADD COLUMN fee_pence bigint NOT NULL DEFAULT 0 CHECK (fee_pence >= 0),"
    "  ADD COLUMN fee_note text,"
    "  ADD COLUMN outcome_at bigint,"
    "  ADD COLUMN list_price_pence bigint,"
    "  ADD COLUMN offer text;"
    "CREATE INDEX appointment_series ON appointment(series_id) WHERE series_id IS NOT NULL;"
    "CREATE INDEX appointment_open ON appointment(start) WHERE status IN ('booked', 'arrived');"
    "CREATE TABLE setting (name text PRIMARY KEY, value bigint NOT NULL);",
    "CREATE TABLE undo ("
    "  id bigint PRIMARY KEY,"
    "  at bigint NOT NULL,"
    "  who text NOT NULL,"
    "  kind text NOT NULL,"
    "  summary text NOT NULL,"
    "  data text NOT NULL,"
    "  audit_from bigint NOT NULL,"
    "  audit_to bigint NOT NULL,"
    "  undone_at bigint,"
    "  applying bigint NOT NULL DEFAULT 0);"
    "CREATE INDEX undo_who ON undo(who, id);",
    "CREATE TABLE state_move ("
    "  machine text NOT NULL,"
    "  from_state text NOT NULL,"
    "  to_state text NOT NULL,"
    "  PRIMARY KEY (machine, from_state, to_state));",
    "CREATE FUNCTION frontdesk_state_move() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE"
    "  old_state text := to_jsonb(OLD) ->> TG_ARGV[1];"
    "  new_state text := to_jsonb(NEW) ->> TG_ARGV[1];"
    " BEGIN"
    "  IF old_state <> new_state AND NOT EXISTS (SELECT 1 FROM state_move"
    "      WHERE machine = TG_ARGV[0] AND from_state = old_state AND to_state = new_state)"
    "    AND NOT EXISTS (SELECT 1 FROM undo WHERE applying = 1) THEN"
    "   RAISE EXCEPTION 'frontdesk: transition %', TG_ARGV[0]"
    "    USING ERRCODE = 'check_violation';"
    "  END IF;"
    "  RETURN NEW;"
    " END $$;",
    MOVE_TRIGGER("appointment_status_move", "appointment", "status", "appointment"),
    MOVE_TRIGGER("appointment_confirmation_move", "appointment", "confirmation", "confirmation"),
    MOVE_TRIGGER("request_status_move", "request", "status", "request"),
    MOVE_TRIGGER("waitlist_status_move", "waitlist", "status", "waitlist"),
    "CREATE TABLE note ("
    "  id bigint PRIMARY KEY,"
    "  client_id bigint REFERENCES client(id),"
    "  appointment_id bigint REFERENCES appointment(id),"
    "  at bigint NOT NULL,"
    "  who text NOT NULL,"
    "  text text NOT NULL,"
    "  CHECK ((client_id IS NULL) <> (appointment_id IS NULL)));"
    "CREATE INDEX note_client ON note(client_id);"
    "CREATE INDEX note_appointment ON note(appointment_id);"
    "CREATE INDEX audit_entity ON audit(entity, entity_id, id);",
    NEXT_ID("note") NEXT_ID("undo"),
    NULL};

/* Messages and offers: as schema.c's migration 5. */
static const char *const MIGRATION_5[] = {
    "ALTER TABLE client ADD COLUMN contact text NOT NULL DEFAULT 'email'"
    " CHECK (contact IN ('email', 'sms'));"
    "ALTER TABLE client ADD COLUMN no_reminders_at bigint;"
    "ALTER TABLE appointment ADD COLUMN scheduled_at bigint;"
    "ALTER TABLE appointment ADD COLUMN client_confirmed_at bigint;"
    "ALTER TABLE waitlist ADD COLUMN notified_at bigint;"
    "ALTER TABLE message ADD COLUMN phone text;"
    "ALTER TABLE request ADD COLUMN answer_sent_at bigint;"
    "UPDATE appointment SET scheduled_at = created;"
    "UPDATE request SET answer_sent_at = answered WHERE answered IS NOT NULL"
    " AND status IN ('booked', 'declined');",
    "CREATE TABLE subscription ("
    "  id bigint PRIMARY KEY,"
    "  client_id bigint NOT NULL REFERENCES client(id),"
    "  list text NOT NULL,"
    "  frequency text,"
    "  source text NOT NULL CHECK (source IN ('web', 'desk')),"
    "  subscribed_at bigint NOT NULL,"
    "  unsubscribed_at bigint,"
    "  import_key text);"
    "CREATE UNIQUE INDEX subscription_current ON subscription(client_id, list)"
    " WHERE unsubscribed_at IS NULL;"
    "CREATE INDEX subscription_list ON subscription(list, subscribed_at);"
    "CREATE UNIQUE INDEX subscription_import_key ON subscription(import_key);",
    "CREATE TABLE outbox ("
    "  id bigint PRIMARY KEY,"
    "  kind text NOT NULL CHECK (kind IN ('confirmation', 'change', 'cancellation', 'decline',"
    "    'waitlist', 'offer', 'taken', 'reminder', 'correction', 'notify', 'welcome')),"
    "  client_id bigint NOT NULL REFERENCES client(id),"
    "  appointment_id bigint REFERENCES appointment(id),"
    "  request_id bigint REFERENCES request(id),"
    "  waitlist_id bigint REFERENCES waitlist(id),"
    "  subscription_id bigint REFERENCES subscription(id),"
    "  for_start bigint,"
    "  old_start bigint,"
    "  therapist_id bigint REFERENCES therapist(id),"
    "  clinic_id bigint REFERENCES clinic(id),"
    "  service text,"
    "  details text,"
    "  reply_code text,"
    "  state text NOT NULL DEFAULT 'queued'"
    "    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'void')),"
    "  due bigint NOT NULL,"
    "  created bigint NOT NULL,"
    "  channel text CHECK (channel IN ('email', 'sms')),"
    "  recipient text,"
    "  claimed_at bigint,"
    "  sent_at bigint,"
    "  attempts bigint NOT NULL DEFAULT 0,"
    "  error text,"
    "  voided_at bigint);"
    "CREATE INDEX outbox_queue ON outbox(due) WHERE state IN ('queued', 'failed', 'sending');"
    "CREATE INDEX outbox_appointment ON outbox(appointment_id) WHERE appointment_id IS NOT NULL;"
    "CREATE INDEX outbox_request ON outbox(request_id) WHERE request_id IS NOT NULL;"
    "CREATE INDEX outbox_waitlist ON outbox(waitlist_id) WHERE waitlist_id IS NOT NULL;"
    "CREATE INDEX outbox_client ON outbox(client_id, id);"
    "CREATE INDEX outbox_code ON outbox(reply_code) WHERE reply_code IS NOT NULL;"
    "CREATE UNIQUE INDEX outbox_one_reminder ON outbox(appointment_id, for_start)"
    " WHERE kind = 'reminder' AND state <> 'void';",
    MOVE_TRIGGER("outbox_state_move", "outbox", "state", "outbox"),
    NEXT_ID("subscription") NEXT_ID("outbox"),
    NULL};

/* Ids never given out twice, as schema.c's migration 6 (AUTOINCREMENT):
 * a row deleted with the highest id leaves that id in frontdesk_ids
 * (SQLite's sqlite_sequence), and a new row's id is one past the highest
 * id there is or was.  Only a delete writes there (an undo, a merge: rare),
 * so an insert costs one look-up more, and a refused insert gives out
 * nothing, so ids still run on without gaps.  The tables whose ids SQLite
 * reuses (clinic, audit, undo) keep NEXT_ID. */
#define KEEP_IDS(table)                                                                            \
    "CREATE OR REPLACE FUNCTION " table "_next_id() RETURNS trigger LANGUAGE plpgsql AS $$"        \
    " BEGIN"                                                                                       \
    "  IF NEW.id IS NULL THEN"                                                                     \
    "   NEW.id := greatest(coalesce((SELECT max(id) FROM " table "), 0),"                          \
    "    coalesce((SELECT last FROM frontdesk_ids WHERE name = '" table "'), 0)) + 1;"             \
    "  END IF;"                                                                                    \
    "  RETURN NEW;"                                                                                \
    " END $$;"                                                                                     \
    "CREATE TRIGGER " table "_gone AFTER DELETE ON " table                                         \
    " FOR EACH ROW EXECUTE FUNCTION frontdesk_id_gone('" table "');"

static const char *const MIGRATION_6[] = {
    "CREATE TABLE frontdesk_ids (name text PRIMARY KEY, last bigint NOT NULL);"
    "CREATE FUNCTION frontdesk_id_gone() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  INSERT INTO frontdesk_ids(name, last) VALUES (TG_ARGV[0], OLD.id)"
    "   ON CONFLICT (name) DO UPDATE SET last = greatest(frontdesk_ids.last, excluded.last);"
    "  RETURN OLD;"
    " END $$;",
    KEEP_IDS("appointment") KEEP_IDS("note") KEEP_IDS("subscription") KEEP_IDS("outbox"),
    KEEP_IDS("client") KEEP_IDS("request") KEEP_IDS("waitlist") KEEP_IDS("message"),
    KEEP_IDS("shift_rule") KEEP_IDS("time_off") KEEP_IDS("therapist"), NULL};

/* Sites moved in, as schema.c's migration 7. */
static const char *const MIGRATION_7[] = {"CREATE TABLE migrated ("
                                          "  site text NOT NULL,"
                                          "  tbl text NOT NULL,"
                                          "  old_id bigint NOT NULL,"
                                          "  new_id bigint NOT NULL,"
                                          "  PRIMARY KEY (site, tbl, old_id));",
                                          NULL};

/* SQLite's checks of a request's source and status were made faster;
 * PostgreSQL's are fast as written.  client_email is client_identity's
 * first column already. */
static const char *const MIGRATION_8[] = {"DROP INDEX client_email;", NULL};

const char *const *const SCHEMA_PG_MIGRATIONS[] = {MIGRATION_1, MIGRATION_2, MIGRATION_3,
                                                   MIGRATION_4, MIGRATION_5, MIGRATION_6,
                                                   MIGRATION_7, MIGRATION_8};
_Static_assert(sizeof SCHEMA_PG_MIGRATIONS / sizeof SCHEMA_PG_MIGRATIONS[0] == SCHEMA_LATEST,
               "PostgreSQL has a migration for every one of SQLite's");
