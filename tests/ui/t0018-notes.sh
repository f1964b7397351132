# Notes for treatment plans: w on the Day pane writes one on the
# appointment or on its client, and Enter's details show both with the
# appointment's history.  A therapist's own view shows the notes of their
# own clients (those with an appointment with them) and never anyone
# else's, nor any contact details or history.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Silva"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given fd book --name "Cara Diaz" --email cara@example.com --service "Low cost massage 45" \
    --therapist prim --at "2026-11-26 09:00"
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-26 10:00"
ann=$(sql "SELECT client_id FROM appointment WHERE id = 2")
given fd note add --client "$ann" "Ann: old shoulder injury, keep it gentle"

scenario "w writes a note on the appointment"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys Right Right
expect_screen "Thursday 2026-11-26"
# Columns: jose, prim; the cursor starts at 08:30.
keys l Down Down
expect_screen "09:00 Cara Diaz"
keys w
expect_screen "Note: #1 Cara Diaz"
expect_screen "◀ this appointment (#1) ▶"
keys Tab "left calf tight, check orthotics" Enter
expect_screen "Note added to #1; Enter shows it."
expect_equal "$(sql "SELECT appointment_id || '|' || text FROM note WHERE appointment_id IS NOT NULL")" \
    "1|left calf tight, check orthotics"

scenario "an empty note is refused in the form, and Esc leaves it"
keys w
expect_screen "Note: #1 Cara Diaz"
keys Right Enter
expect_screen "Note: required"
keys Escape
expect_screen "No note added."

scenario "w with the client chosen writes a note on Cara herself"
keys w Right
expect_screen "◀ the client (Cara Diaz) ▶"
keys Tab "prefers firm pressure" Enter
expect_screen "Note added to Cara Diaz (client #1)"

scenario "Enter shows both notes, and the history"
keys Enter
expect_screen "Appointment #1"
expect_screen "on this appointment:"
expect_screen "left calf tight, check orthotics"
expect_screen "on the client:"
expect_screen "prefers firm pressure"
expect_screen "History:"
expect_screen "note added: left calf tight"
expect_not_screen "old shoulder injury"
keys Escape
keys q
expect_exited

scenario "prim's own view shows her client's notes, with no contact details or history"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only: prim"
keys Right Right
expect_screen "Thursday 2026-11-26"
keys Down Down Enter
expect_screen "Appointment #1"
expect_screen "left calf tight, check orthotics"
expect_screen "prefers firm pressure"
expect_not_screen "cara@example.com"
expect_not_screen "History:"
keys Escape
keys / "Cara" Enter
expect_screen "Cara Diaz"
keys Enter
expect_screen "Appointments with prim:"
expect_screen "prefers firm pressure"
keys Escape Escape

scenario "prim's view never shows the notes of a client who is not hers"
keys / "Ann" Enter
expect_screen "Ann Lee"
keys Enter
expect_screen "Appointments with prim:"
expect_screen "No appointments yet."
expect_not_screen "old shoulder injury"
expect_not_screen "Notes:"
keys Escape Escape q
expect_exited

scenario "jose's view shows Ann's notes: she is his client"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist jose
expect_screen "read-only: jose"
keys / "Ann" Enter
expect_screen "Ann Lee"
keys Enter
expect_screen "Appointments with jose:"
expect_screen "old shoulder injury"
expect_not_screen "prefers firm pressure"
keys Escape Escape q
expect_exited
finish
