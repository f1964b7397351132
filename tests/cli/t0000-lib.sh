# The test library itself (tests/test-lib.sh through tests/cli/lib.sh): a
# step that fails stops its scenario, is reported once with the command's
# output, and the script goes on with the next scenario and fails at the
# end; a setup command that fails stops the script.  Each story is a small
# script written to $WORK and run as a test script of its own.
. "$TESTS/cli/lib.sh"

# nested NAME: writes stdin to $WORK/NAME.sh, to run after the library.
nested() {
    {
        printf '. "$TESTS/cli/lib.sh"\n'
        cat
    } >"$WORK/$1.sh"
}

nested one-failure <<EOF
scenario "the first step fails"
run sh -c 'echo "what it printed"; echo "what it complained" >&2; exit 3'
expect_status 0
run touch "$WORK/skipped-run"
expect_out "never looked for"
[ -e "$WORK/not-there" ] && pass || fail "an inline check after the failure"

scenario "the next scenario runs anyway"
run touch "$WORK/second-run"
expect_status 0
expect_equal "\$(ls "$WORK/second-run")" "$WORK/second-run"
finish
EOF

scenario "a failing step is reported once, with the scenario, the step and the output"
run sh "$WORK/one-failure.sh"
expect_status 1
expect_equal "$(grep -c '^FAIL' "$WORK/out")" "1"
expect_out 'FAIL: scenario "the first step fails", step 2 (expect_status): exit status 3, expected 0'
expect_out "after: sh -c"
expect_out "what it printed"
expect_out "what it complained"

scenario "the rest of that scenario is skipped, and the next one runs and passes"
expect_equal "$([ -e "$WORK/skipped-run" ] && echo ran || echo skipped)" "skipped"
expect_equal "$([ -e "$WORK/second-run" ] && echo ran || echo skipped)" "ran"
expect_out "scenarios: 1 passed, 1 failed; 3 steps skipped (2 checks passed)"
expect_no_out "never looked for"

nested setup-fails <<EOF
given fd init
given fd rota add nobody --clinic Clinic --weekly mon --from 09:00 --to 10:00
scenario "stands on the rule that was never added"
run touch "$WORK/after-setup"
expect_status 0
finish
EOF

scenario "a setup command that fails stops the script, saying which and why"
run sh "$WORK/setup-fails.sh"
expect_status 1
expect_out "FAIL: setup failed: fd rota add nobody --clinic Clinic --weekly mon --from 09:00 --to 10:00"
expect_out "exit status 65"
expect_out 'no therapist has the handle "nobody"'
expect_out "scenarios: 0 passed, 1 failed; 0 steps skipped"
expect_equal "$([ -e "$WORK/after-setup" ] && echo ran || echo stopped)" "stopped"

nested no-finish <<EOF
scenario "passes, but the script never says finish"
expect_equal 1 1
EOF

scenario "a script that stops before finish fails"
run sh "$WORK/no-finish.sh"
expect_status 1
expect_out "FAIL: the script stopped before finish"

finish
