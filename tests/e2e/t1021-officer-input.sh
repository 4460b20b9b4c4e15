#!/bin/bash
# t1021-officer-input: input as an officer types it (issue 17, point 10):
# dates as D/M/YYYY without leading zeros, notes of several lines kept as
# typed and shown indented (escaped in JSON, kept by export and import),
# and top-up paid by the term.
. "$(dirname "$0")/lib.sh"

ehc init
c=$(ehc request new --forename Amira --surname Khan --dob 12/9/2016 \
    --received 5/1/2026 --source parent --officer jbloggs)

test_desc "5/1/2026 is 5 January 2026 (D/M/YYYY)"
ehc_check 0 "~received: +2026-01-05" "" -- ehc case show "$c"
test_desc "12/9/2016 is 12 September 2016"
ehc_check 0 "~born: +2016-09-12" "" -- ehc case show "$c"
ehc_refuse 65 "13/13/2026 (no month 13)" -- \
    ehc note "$c" --date 13/13/2026 --kind call --message x
test_desc "the message says which forms are accepted"
ehc_check 65 "" "~write YYYY-MM-DD \\(or D/M/YYYY\\)" -- \
    ehc note "$c" --date 2026/1/5 --kind call --message x

note=$(printf 'Mum rang about transport.\nAgreed to ask the school.\n\tFollow up Friday.')
test_desc "a note of several lines is stored"
ehc_check 0 "" "" -- ehc note "$c" --date 2/3/2026 --kind call \
    --message "$note"
test_desc "note --list shows its later lines indented under the first"
ehc_check 0 "$(printf '2026-03-02\tcall\ttester\tMum rang about transport.\n\t\t\tAgreed to ask the school.\n\t\t\t\tFollow up Friday.')" "" \
    -- ehc note "$c" --list
test_desc "case show indents the note's later lines"
ehc_check 0 "~^                         Agreed to ask the school\\.$" "" -- \
    ehc case show "$c"
test_desc "case history keeps one record a line, the rest indented"
ehc_check 0 "~^					Agreed to ask the school\\.$" "" -- \
    ehc case history "$c"
# note_is STORE: "ok" when case 1's first note in STORE is $note.
note_is() {
	EHC_DB=$1 ehc case show 1 --json | python3 -c '
import json, sys
n = json.load(sys.stdin)["notes"][0]["text"]
print("ok" if n == sys.argv[1] else repr(n))' "$note"
}
test_desc "case show --json holds the note as typed"
ehc_check 0 "ok" "" -- note_is "$EHC_DB"
ehc export "$c" >case.json
EHC_DB=$PWD/other.db ehc init
EHC_DB=$PWD/other.db ehc import case case.json >/dev/null
test_desc "the exported note imports again, as typed"
ehc_check 0 "ok" "" -- note_is "$PWD/other.db"
ehc_refuse 65 "a carriage return in a note" -- \
    ehc note "$c" --date 2/3/2026 --kind call --message "$(printf 'a\rb')"
ehc_refuse 65 "a line break in a one-line field" -- \
    ehc case edit "$c" --surname "$(printf 'Khan\nSmith')"

test_desc "top-up by the term"
ehc_check 0 "1" "" -- ehc money "$c" add top-up --amount 1,200 \
    --per term --start 1/9/2025 --band C
test_desc "money list says a term"
ehc_check 0 "~£1,200\\.00 a term" "" -- ehc money "$c" list
# Three terms a year: 3,600 a year, 300 a month.
test_desc "the spend report counts three terms a year, a quarter a month"
ehc_check 0 "~^Sep 2025 +£300\\.00 +£300\\.00$" "" -- \
    ehc report spend --year 2025
ehc_refuse 65 "--per fortnight" -- ehc money "$c" add top-up --amount 1 \
    --per fortnight --start 1/9/2025

test_done
