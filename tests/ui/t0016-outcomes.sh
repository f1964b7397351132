# What became of an appointment, recorded on the Day pane: a arrived, c
# completed, N no-show (asked first, naming the fee the config sets), each
# marked on its row; a client's cancellation inside late_cancel_hours says
# it is late and what fee is due, and stays marked where it was; f waives
# or changes a fee with a reason.  Marks read the same with NO_COLOR, and
# the therapist's own view refuses every one of these keys.
. "$TESTS/ui/lib.sh"
early() { "$FRONTDESK" --db "$DB" --now "2026-11-16 10:00" "$@"; }
given early init
config="$XDG_CONFIG_HOME/frontdesk/frontdesk.conf"
given sed -i 's/^no_show_fee .*/no_show_fee = "50%"/; s/^late_cancel_fee .*/late_cancel_fee = "20.00"/' \
    "$config"
given fd therapist add jose --name "José Silva"
given fd therapist add mei --name "Mei Lin"
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given fd rota add mei --clinic "Clinic" --weekly tue --from 09:00 --to 17:00
# Booked the week before: today (Tuesday, 10:00) two have started.
given early book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 09:00"
given early book --name "Bob Hart" --email bob@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 11:30"
given early book --name "Cy Noshow" --email cy@example.com --service "Sports massage 60" \
    --therapist mei --at "2026-11-24 09:00"
given early book --name "Dee Late" --email dee@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 14:00"
status_of() { sql "SELECT status FROM appointment WHERE id = $1"; }
fee_of() { sql "SELECT fee_pence FROM appointment WHERE id = $1"; }

scenario "a marks Ann arrived, c completed, each on her row"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
# The cursor starts at now (10:00) in jose's column.
keys Up Up Up Up a
expect_screen "#1 Ann Lee (09:00): arrived."
expect_screen "◆ 09:00 Ann Lee"
expect_screen "◆ arrived"
expect_equal "$(status_of 1)" "arrived"
keys c
expect_screen "#1 Ann Lee (09:00): completed."
expect_screen "✔ 09:00 Ann Lee"
expect_equal "$(status_of 1)" "completed"

scenario "completing an appointment before its start is refused, naming why"
keys Down Down Down Down Down Down Down Down Down Down
expect_screen "11:30 Bob Hart"
keys c
expect_screen "it cannot be completed before it starts"
expect_equal "$(status_of 2)" "booked"

scenario "N asks first and names the no-show fee; n records nothing"
keys l Up Up Up Up Up Up Up Up Up Up N
expect_screen "Record #3, Cy Noshow at 09:00, as a no-show? A fee of £27.50 will be due. (y/n)"
keys n
expect_screen "Nothing recorded."
expect_equal "$(status_of 3)" "booked"

scenario "N then y records the no-show and its fee"
keys N
expect_screen "as a no-show?"
keys y
expect_screen "#3 Cy Noshow (09:00): no-show. A fee of £27.50 is due (f waives or changes it)."
expect_screen "✗ 09:00 Cy Noshow"
expect_equal "$(status_of 3) $(fee_of 3)" "no-show 2750"

scenario "f waives the fee, and asks for a reason first"
keys f
expect_screen "Fee of #3 Cy Noshow: £27.50, ✗ no-show"
keys Enter
# The focus went to the field that needs filling.
expect_screen "Reason: required"
keys "bus strike" Enter
expect_screen "#3 Cy Noshow: fee waived (bus strike)."
expect_equal "$(fee_of 3)" "0"
keys Enter
expect_screen "Status:   no-show at 2026-11-24 10:00"
expect_screen "Fee:      £0.00 (waived (was 27.50): bus strike)"
keys Escape

scenario "a client's late cancellation says so, with the fee, and stays on the row"
keys h
for row in $(seq 1 20); do keys Down; done
expect_screen "14:00 Dee Late"
keys x
expect_screen "Cancel #4, Dee Late at 14:00"
keys y
expect_screen "Cancelled #4. Late (inside 24 h): fee £20.00 due; f waives or changes it."
expect_screen "✗ 14:00 Dee Late: late cancel"
expect_equal "$(status_of 4) $(fee_of 4)" "cancelled 2000"
keys Enter
expect_screen "Status:   cancelled at 2026-11-24 10:00 by the client, late"
expect_screen "Fee:      £20.00"
keys Escape

scenario "f changes the late fee to another amount"
keys f
expect_screen "Fee of #4 Dee Late: £20.00, ✗ late cancel"
keys Right Down C-u "ten" Down "agreed on the phone"
expect_screen "an amount, like 20.00"
keys Up C-u "10.00" Enter
expect_screen "#4 Dee Late: fee now £10.00 (agreed on the phone)."
expect_equal "$(fee_of 4)" "1000"

scenario "f on an appointment that owes nothing says so"
for row in $(seq 1 10); do keys Up; done
expect_screen "11:30 Bob Hart"
keys f
expect_screen "#2 is booked: only a no-show or a late cancellation owes a fee."
keys q
expect_exited

scenario "NO_COLOR still shows every outcome as a mark"
start env NO_COLOR=1 "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
# From 09:30 down: the blocks' third lines say what became of them.
expect_screen "✔ completed"
expect_screen "✗ no-show"
expect_screen "✗ 14:00 Dee Late: late cancel"
keys q
expect_exited

scenario "the therapist's own view shows the marks and refuses every outcome key"
before=$(sql "SELECT group_concat(status || fee_pence) FROM appointment")
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist jose
expect_screen "read-only: jose"
keys Home
expect_screen "✔ 09:00 Ann Lee"
for key in a c N f w x m; do
    keys "$key"
    expect_screen "Read-only view: nothing can be changed here."
    keys Escape
done
expect_equal "$(sql "SELECT group_concat(status || fee_pence) FROM appointment")" "$before"
keys q
expect_exited
finish
