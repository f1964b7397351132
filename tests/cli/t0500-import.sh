# Importing booking requests from CSV: the website export comes in, every
# bad row is named by file and line, nothing half-imported, and importing
# the same file twice adds nothing twice.  The malformed files and what each
# must say live in tests/cli/csv/expected.txt.
. "$TESTS/cli/lib.sh"
CSV="$TESTS/cli/csv"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Núñez"

# Every line of stderr is a "frontdesk: " line.
expect_error_lines() {
    if [ "$(grep -vc '^frontdesk: ' "$WORK/err")" -eq 0 ] &&
        [ "$(wc -l <"$WORK/err")" -eq "$1" ]; then
        pass
    else
        fail "stderr is not $1 'frontdesk: ' line(s)"
    fi
}
requests() { sql "SELECT count(*) FROM request"; }

# Every malformed file is refused, names its line, and changes nothing.
before=$(snapshot)
tab=$(printf '\t')
checked=0
while IFS="$tab" read -r file want message; do
    case "$file" in '#'* | '') continue ;; esac
    scenario "$file is refused"
    # Run from the folder so that messages name the file as given.
    run sh -c 'cd "$1" && shift && "$@"' sh "$CSV" "$FRONTDESK" --db "$DB" --now "$NOW" \
        import requests "$file"
    expect_status "$want"
    expect_err "frontdesk: $message"
    expect_no_out "Imported"
    expect_equal "$(snapshot)" "$before"
    checked=$((checked + 1))
done <"$CSV/expected.txt"
scenario "the table of malformed files is not empty"
[ "$checked" -ge 30 ] && pass || fail "only $checked malformed files checked"

scenario "one bad row is one error line"
run fd import requests "$CSV/bad-email.csv"
expect_status 65
expect_one_error_line
expect_err "$CSV/bad-email.csv:3: email: \"bob@\" is not an email address"

scenario "several bad rows are each reported, then a summary"
run fd import requests "$CSV/several-bad-rows.csv"
expect_status 65
expect_error_lines 3
expect_err "several-bad-rows.csv: 2 bad rows; nothing imported (--skip-invalid imports the 2 good ones)"

scenario "a row whose preferred times cannot be read is imported, flagged, never refused"
run fd import requests "$CSV/bad-prefer.csv"
expect_status 0
expect_out "Imported 1 request (0 already there)"
expect_out "1 of them has preferred times that were not understood"
expect_equal "$(sql "SELECT prefer, prefer_ok FROM request WHERE email = 'ann@example.com'")" \
    "mon am, tursday|0"
sql "DELETE FROM request WHERE email = 'ann@example.com'"

scenario "a quoted file with columns in an unusual order imports field by field"
run fd import requests "$CSV/good-quoted.csv"
expect_status 0
expect_out "Imported 3 requests (0 already there)"
expect_equal "$(requests)" 3
expect_equal "$(sql "SELECT r.name, r.phone, r.service, r.prefer, t.handle, r.received, r.source, r.status
    FROM request r JOIN therapist t ON t.id = r.therapist_id WHERE r.email = 'siobhan@example.com'")" \
    "O'Brien, Siobhán|+447700900123|Sports massage 60|mon am, thu|prim|$((NOW_MINUTES - 4 * 1440 - 45))|web|pending"
expect_equal "$(sql "SELECT message FROM request WHERE email = 'siobhan@example.com'")" \
    "$(printf 'Sore shoulder, left side.\nCan you fit me in "soon"?')"
expect_equal "$(sql "SELECT name, coalesce(phone, '-'), service, prefer, therapist_id IS NULL,
    received, coalesce(message, '-') FROM request WHERE email = 'zoe@example.com'")" \
    "Zoë Adams|-|Deep tissue 90||1|$((NOW_MINUTES - 16 * 60))|-"
# Spaces around a value are trimmed; an empty `received` means now; the
# service is stored as the config spells it.
expect_equal "$(sql "SELECT r.name, r.phone, r.service, r.prefer, t.handle, r.received
    FROM request r JOIN therapist t ON t.id = r.therapist_id WHERE r.email = 'ravi@example.com'")" \
    "Ravi Patel|+442079460000|Low cost massage 45|any sat|jose|$NOW_MINUTES"
# The import key: a hash of the row as written, after the digits of
# `received` when there is one (rows in time order get neighbouring keys).
expect_equal "$(sql "SELECT email FROM request WHERE import_key LIKE 'csv:202611200915:%'
    AND length(import_key) = 49")" siobhan@example.com
expect_equal "$(sql "SELECT email FROM request WHERE import_key LIKE 'csv:%'
    AND import_key NOT LIKE 'csv:%:%' AND length(import_key) = 36")" ravi@example.com
expect_equal "$(sql "SELECT what FROM audit ORDER BY id DESC LIMIT 1")" \
    "imported 3 requests from $CSV/good-quoted.csv (0 already there, 0 bad rows skipped)"

scenario "a spreadsheet's file with a BOM, CRLF line ends and wide characters imports"
run fd import requests "$CSV/good-bom-crlf.csv"
expect_status 0
expect_out "Imported 2 requests (0 already there)"
expect_equal "$(sql "SELECT name FROM request WHERE email = 'jose.n@example.com'")" \
    "José Núñez-Ŵright"
expect_equal "$(sql "SELECT message FROM request WHERE email = 'jose.n@example.com'")" \
    "$(printf 'Two lines\nhere')"
expect_equal "$(sql "SELECT name, message FROM request WHERE email = 'taro@example.jp'")" \
    "山田太郎|こんにちは 👋"
run fd request list
expect_out "山田太郎"

scenario "importing the same files again adds nothing twice, even another day"
before=$(sql "SELECT id FROM request ORDER BY id")
run "$FRONTDESK" --db "$DB" --now "2026-11-25 16:00" import requests "$CSV/good-quoted.csv"
expect_status 0
expect_out "Imported 0 requests (3 already there)"
run fd import requests "$CSV/good-bom-crlf.csv"
expect_out "Imported 0 requests (2 already there)"
expect_equal "$(sql "SELECT id FROM request ORDER BY id")" "$before"

scenario "the same rows with their columns in another order are recognised too"
printf 'name,email,service\nAnn Lee,ann@example.com,Sports massage 60\n' >"$WORK/a.csv"
printf 'service , EMAIL,name\r\n"Sports massage 60",ann@example.com,  Ann Lee\r\n' >"$WORK/b.csv"
run fd import requests "$WORK/a.csv"
expect_out "Imported 1 request (0 already there)"
run fd import requests "$WORK/b.csv"
expect_out "Imported 0 requests (1 already there)"

scenario "a file read from standard input"
run fd import requests - <"$WORK/a.csv"
expect_status 0
expect_out "Imported 0 requests (1 already there)"

scenario "a dry run checks and counts but changes nothing"
before=$(snapshot)
run fd import requests --dry-run "$CSV/mixed.csv" --skip-invalid
expect_status 0
expect_out "Would import 3 requests (0 already there)"
expect_out "Would skip 3 bad rows"
expect_equal "$(snapshot)" "$before"

scenario "a mixed file is refused whole without --skip-invalid"
run fd import requests "$CSV/mixed.csv"
expect_status 65
expect_error_lines 4
expect_err "mixed.csv:4: email: \"bad@\" is not an email address"
expect_err "mixed.csv: 3 bad rows; nothing imported (--skip-invalid imports the 3 good ones)"
expect_equal "$(snapshot)" "$before"

scenario "--skip-invalid imports the good rows and reports each bad one by line"
run fd import requests "$CSV/mixed.csv" --skip-invalid
expect_status 0
expect_out "Imported 3 requests (0 already there)"
expect_out "Skipped 3 bad rows"
expect_error_lines 3
expect_err "frontdesk: $CSV/mixed.csv:4: email: \"bad@\" is not an email address"
expect_err "frontdesk: $CSV/mixed.csv:7: service: no service is named \"Reiki\""
expect_err "frontdesk: $CSV/mixed.csv:9: the row has 2 fields but the header names 4"
expect_equal "$(sql "SELECT message FROM request WHERE email = 'one@example.com'")" \
    "$(printf 'multi\nline')"
expect_equal "$(sql "SELECT count(*) FROM request WHERE name IN ('Bad Email', 'Bad Service', 'Short')")" 0
expect_equal "$(sql "SELECT what FROM audit ORDER BY id DESC LIMIT 1")" \
    "imported 3 requests from $CSV/mixed.csv (0 already there, 3 bad rows skipped)"

scenario "--skip-invalid still refuses a file where every row is bad"
before=$(snapshot)
run fd import requests "$CSV/several-bad-rows.csv" --skip-invalid
expect_status 0
expect_out "Imported 2 requests (0 already there)"
run fd import requests "$CSV/bad-email.csv" --skip-invalid
expect_status 0
expect_out "Skipped 1 bad row"
printf 'name,email,service\nX,x@,Reiki\nY,y@,Reiki\n' >"$WORK/all-bad.csv"
before=$(snapshot)
run fd import requests "$WORK/all-bad.csv" --skip-invalid
expect_status 65
expect_err "none of the 2 rows is valid; nothing imported"
expect_equal "$(snapshot)" "$before"

scenario "--skip-invalid does not rescue a file that is not valid CSV"
run fd import requests "$CSV/unterminated-quote.csv" --skip-invalid
expect_status 65
expect_one_error_line
expect_err "unterminated-quote.csv:3: a quote opened in this row is never closed"
expect_equal "$(snapshot)" "$before"

scenario "a quote left open in a long file is caught without reading it all into memory"
{
    printf 'name,email,service,message\nAnn Lee,ann@example.com,Sports massage 60,"oops\n'
    i=0
    while [ $i -lt 2000 ]; do
        printf 'Client %d,client%d@example.com,Sports massage 60,a message of some length\n' $i $i
        i=$((i + 1))
    done
} >"$WORK/open-quote.csv"
run fd import requests "$WORK/open-quote.csv"
expect_status 65
expect_err "open-quote.csv:2: this row runs past 65536 bytes; is a quote left open?"
expect_equal "$(snapshot)" "$before"

scenario "a CR LF split between two 64 KiB reads still counts as one line"
# The file is read 65,536 bytes at a time: put one row's CR at the last
# byte of the first read and its LF at the first byte of the second.
awk 'BEGIN {
    printf "name,email,service\r\n"; pos = 20; i = 0
    while (pos < 65536 - 122) {
        row = sprintf("Client %05d,c%05d@example.com,Sports massage 60", i, i); i++
        printf "%s\r\n", row; pos += length(row) + 2
    }
    name = sprintf("Client %05d ", i)
    while (length(name) + length(sprintf(",c%05d@example.com,Sports massage 60", i)) < 65535 - pos)
        name = name "x"
    printf "%s,c%05d@example.com,Sports massage 60\r\n", name, i; i++
    printf "Bad Row,bad@,Sports massage 60\r\n"
    print i + 2 >"/dev/stderr"
}' >"$WORK/boundary.csv" 2>"$WORK/boundary.line"
expect_equal "$(od -An -c -j 65535 -N 2 "$WORK/boundary.csv" | tr -d ' ')" '\r\n'
run fd import requests "$WORK/boundary.csv"
expect_status 65
expect_one_error_line
expect_err "boundary.csv:$(cat "$WORK/boundary.line"): email: \"bad@\""

scenario "on a terminal a long file shows a progress bar, cleared at the end"
if command -v script >/dev/null 2>&1; then
    awk 'BEGIN { print "name,email,service,message"
        for (i = 1; i <= 9000; i++)
            printf "Client %d,c%d@example.com,Sports massage 60,%s\n", i, i,
                "a message long enough to make the file pass one mebibyte row after row"
    }' >"$WORK/progress.csv"
    script -qec "\"$FRONTDESK\" --db \"$DB\" --now \"$NOW\" import requests --dry-run \
        \"$WORK/progress.csv\"" /dev/null >"$WORK/out" 2>"$WORK/err"
    expect_out "Importing ["
    expect_out "100%"
    expect_out "Would import 9000 requests (0 already there)"
    # The last line is the summary alone: the bar was blanked out first.
    expect_equal "$(tr '\r' '\n' <"$WORK/out" | grep -v '^ *$' | tail -n 1 | tr -d '\n')" \
        "Would import 9000 requests (0 already there)"
    run fd import requests --dry-run "$WORK/progress.csv"
    expect_no_out "Importing"
    [ -s "$WORK/err" ] && fail "a progress bar off a terminal" || pass
fi

scenario "past fifty bad rows the rest are counted, not listed"
awk 'BEGIN { print "name,email,service"; for (i = 1; i <= 60; i++) print "Bad " i ",bad" i "@,Sports massage 60" }' >"$WORK/sixty.csv"
run fd import requests "$WORK/sixty.csv"
expect_status 65
expect_error_lines 52
expect_err "sixty.csv:51: email: \"bad50@\""
expect_err "sixty.csv: and 10 more bad rows"
expect_err "sixty.csv: 60 bad rows; nothing imported"

scenario "a missing file or a folder is exit 66, naming it"
run fd import requests "$WORK/nosuch.csv"
expect_status 66
expect_one_error_line
expect_err "$WORK/nosuch.csv: No such file or directory"
run fd import requests "$WORK"
expect_status 66
expect_err "is a folder"
if [ "$(id -u)" -ne 0 ]; then
    cp "$WORK/a.csv" "$WORK/locked.csv" && chmod 000 "$WORK/locked.csv"
    run fd import requests "$WORK/locked.csv"
    expect_status 66
    expect_err "locked.csv: Permission denied"
fi

scenario "usage errors and help"
run fd import requests
expect_status 64
run fd import requests a.csv b.csv
expect_status 64
run fd import requests --help
expect_status 0
expect_out "--skip-invalid"
expect_out "Exit status"

# On PostgreSQL each row is a few round trips to the server, ten times
# SQLite's time: a fifth of the rows shows the same (bench/ times the
# engine).
rows=100000
[ "$ENGINE" = pg ] && rows=20000
scenario "$rows rows import in one go, with no progress bar off a terminal"
awk -v rows=$rows 'BEGIN {
    print "received,name,email,phone,service,prefer,therapist,message"
    for (i = 1; i <= rows; i++)
        printf "2026-11-%02d %02d:%02d,Client %d,client%d@example.com,07700 %06d,Sports massage 60,\"mon am, thu\",%s,\"Row %d, with a comma\"\n",
            1 + i % 20, 8 + i % 10, i % 60, i, i, i, (i % 3 ? "" : "prim"), i
}' >"$WORK/big.csv"
count=$(requests)
run fd import requests "$WORK/big.csv"
expect_status 0
expect_out "Imported $rows requests (0 already there)"
[ -s "$WORK/err" ] && fail "stderr is not empty" || pass
expect_equal "$(requests)" $((count + rows))
expect_equal "$(sql "SELECT count(*) FROM request WHERE therapist_id IS NOT NULL AND name LIKE 'Client %'")" $((rows / 3))
run fd import requests "$WORK/big.csv"
expect_out "Imported 0 requests ($rows already there)"

finish
