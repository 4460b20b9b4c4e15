#!/bin/bash
# ehc request: new, list, show, withdraw; the child's details and the
# refusals of bad input.
. "$(dirname "$0")/lib.sh"

ehc init
test_desc "request new prints the reference alone"
ehc_check 0 "EHC-000001" "" -- "$EHC" request new --forename Amira \
    --surname Khan --dob 2016-09-12 --received 2026-01-05 --source parent \
    --officer jbloggs --upn C929000000017 --sex F --ethnicity APKN \
    --postcode "NE61 1AA" --setting 122345
test_desc "short options work too"
ehc_check 0 "EHC-000002" "" -- "$EHC" request new -f Leo -s Marsh \
    -b 01/02/2013 -r 02/02/2026 -S school -o asmith
test_desc "request list shows open requests with officer"
ehc_check 0 "~^EHC-000001	requested	Amira Khan	2026-01-05	jbloggs" "" -- \
    "$EHC" request list
test_desc "case list for one officer"
ehc_check 0 "~EHC-000002" "" -- "$EHC" case list --officer asmith
test_expect "case list --officer filters" \
    "$(ehc case list --officer asmith | wc -l | tr -d ' ')" 1
test_desc "request show is case show"
ehc_check 0 "~name:      Amira Khan" "" -- "$EHC" request show EHC-000001
test_expect "the UPN is kept" \
    "$(ehc case show EHC-000001 --json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["upn"])')" C929000000017
test_expect "a bare number names a case" \
    "$(ehc case show 2 --json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["case"])')" EHC-000002

test_desc "reassigning a case to a covering officer"
ehc_check 0 "" "" -- "$EHC" case assign EHC-000002 jbloggs
test_expect "the case moved" "$(ehc case list --officer asmith)" ""
test_desc "flags show wherever the case appears"
ehc_check 0 "" "" -- "$EHC" case flag EHC-000002 looked-after
ehc_check 0 "~looked-after" "" -- "$EHC" case list
ehc_check 0 "~flags:     looked-after" "" -- "$EHC" case show EHC-000002
ehc_check 0 "" "" -- "$EHC" case flag EHC-000002 looked-after --clear
test_expect "a cleared flag is gone" \
    "$(ehc case show EHC-000002 | grep -c flags:)" 0

test_desc "withdrawing a request"
ehc_check 0 "" "" -- "$EHC" request withdraw EHC-000002 --date 2026-02-20 \
    --reason "family moved away"
ehc_refuse 65 "withdrawing twice" -- \
    "$EHC" request withdraw EHC-000002 --date 2026-02-21
ehc_refuse 65 "deciding on a withdrawn request" -- \
    "$EHC" decide EHC-000002 assess --date 2026-02-25

ehc_refuse 64 "no subcommand" -- "$EHC" request
ehc_refuse 64 "an unknown subcommand" -- "$EHC" request renew
ehc_refuse 64 "a missing --received" -- "$EHC" request new --forename A \
    --surname B --dob 2015-01-01
ehc_refuse 64 "an option without its value" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received
ehc_refuse 65 "a UPN whose check letter is wrong" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received 2026-01-05 \
    --upn A929000000017
ehc_refuse 65 "a ULN that is not 10 digits" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received 2026-01-05 \
    --uln 12345
ehc_refuse 65 "an unknown source" -- "$EHC" request new --forename A \
    --surname B --dob 2015-01-01 --received 2026-01-05 --source neighbour
ehc_refuse 65 "an unknown sex code" -- "$EHC" request new --forename A \
    --surname B --dob 2015-01-01 --received 2026-01-05 --sex X
ehc_refuse 65 "29 February in a common year" -- "$EHC" request new \
    --forename A --surname B --dob 2015-02-29 --received 2026-01-05
ehc_refuse 65 "a date in American order" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received 01/31/2026
ehc_refuse 65 "a request after the 25th birthday" -- "$EHC" request new \
    --forename A --surname B --dob 2000-01-01 --received 2026-01-05
ehc_refuse 65 "a request before the birth" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received 2014-01-05
ehc_refuse 65 "a request received after today" -- "$EHC" request new \
    --forename A --surname B --dob 2015-01-01 --received 2026-03-03
ehc_refuse 65 "a newline in a surname" -- "$EHC" request new \
    --forename A --surname "$(printf 'B\nC')" --dob 2015-01-01 \
    --received 2026-01-05
ehc_refuse 65 "a 500-character forename" -- "$EHC" request new \
    --forename "$(printf '%0500d' 0)" --surname B --dob 2015-01-01 \
    --received 2026-01-05
ehc_refuse 65 "a date with a newline: one line on stderr" -- \
    "$EHC" request new --forename A --surname B --dob 2015-01-01 \
    --received "$(printf '2026-01-05\n\033[2J')"
test_expect "escape sequences in messages are made visible" \
    "$("$EHC" case show "$(printf 'EHC-\033[2J')" 2>&1 | grep -c "$(printf '\033')")" 0
ehc_refuse 1 "showing an unknown case" -- "$EHC" case show EHC-999999
ehc_refuse 1 "a reference that is not one" -- "$EHC" case show "1; DROP"
test_done
