#!/bin/bash
# The README's walkthrough runs as written: its example block (the one
# that sets EHC_DB), on a store in a folder that does not exist yet,
# every command succeeding; so a change to the README keeps it true.
. "$(dirname "$0")/lib.sh"

unset EHC_DB EHC_TODAY EHC_USER
block=$(awk '/^```sh$/ { on = 1; n = 0; next } /^```$/ { if (on && keep)
    exit; on = 0; next } on { if ($0 ~ /^export EHC_DB=/) keep = 1;
    print }' "$EHC_SRCDIR/README.md" | sed '/^export EHC_DB=/,$!d')
test_expect "the README has the example block" \
    "$(printf '%s\n' "$block" | head -1 | cut -d' ' -f1-2)" \
    "export EHC_DB=/srv/ehc/ehc.db"
mkdir bin && ln -s "$EHC" bin/ehc
# The store where the README puts it, under this test's folder.
script=$(printf '%s\n' "$block" | sed "s|/srv/ehc/|$TEST_DIR/srv/ehc/|")
test_desc "every command of the block succeeds (bash -e), in order"
# The SEN2 return's checks find nothing to say but what was written.
ehc_check 0 "~book-review-meeting .*book the annual review meeting for \
Amira Khan" "ehc report: sen2 written: 0 errors, 0 queries; see the \
Validation sheet
ehc report: sen2 written: 0 errors, 0 queries; see 'ehc report sen2 \
--check'" -- env PATH="$TEST_DIR/bin:/usr/bin:/bin" bash -e -o pipefail \
    -c "$script"
test_expect "ehc init made the store's folder, 0700, and the store 0600" \
    "$(stat -c %a srv/ehc srv/ehc/ehc.db)" "700
600"
test_expect "the review booked in the diary was held" \
    "$(sqlite3 srv/ehc/ehc.db 'SELECT kind, date, held FROM booking')" \
    "review|2027-04-20|2027-04-20"
test_expect "the calendar and the workbook were written" \
    "$(ls jbloggs.ics reviews.xlsx)" "jbloggs.ics
reviews.xlsx"

test_done
