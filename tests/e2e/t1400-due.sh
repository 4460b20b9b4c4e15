#!/bin/bash
# ehc due: overdue work and work due soon, for people, scripts, calendars
# and cron.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-02-20
ehc init
test_desc "nothing due on an empty store prints nothing"
ehc_check 0 "" "" -- "$EHC" due
old=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-01-05 --officer jbloggs)
new=$(ehc request new --forename C --surname D --dob 2015-01-01 \
    --received 2026-02-20 --officer asmith)
ehc case flag "$old" safeguarding
test_desc "the overdue decision, with days and flags"
ehc_check 0 "~^$old	decide-assess +2026-02-16  overdue +-4  jbloggs  \[safeguarding\]$" \
    "" -- "$EHC" due
test_expect "one line due within 14 days" "$(ehc due | wc -l | tr -d ' ')" 1
test_expect "within 60 days adds the new request" \
    "$(ehc due --within 60 | grep -c "$new")" 1
test_expect "--officer keeps one officer's work" \
    "$(ehc due --within 60 --officer asmith | grep -c "$old")" 0
r=$(ehc due --json | python3 -c '
import json, sys
print([(x["case"], x["rule"], x["due"], x["status"], x["days"], x["flags"])
       for x in json.load(sys.stdin)])')
test_expect "--json rows" "$r" \
    "[('$old', 'decide-assess', '2026-02-16', 'overdue', -4, 'safeguarding')]"
test_desc "--csv has a header and one row"
ehc_check 0 "~^case,rule,subject,due,status,days,warning,officer,flags" "" -- \
    "$EHC" due --csv
test_expect "--csv rows" "$(ehc due --csv | wc -l | tr -d ' ')" 2
test_desc "--ics is a calendar"
ehc_check 0 "~BEGIN:VCALENDAR" "" -- "$EHC" due --ics
test_expect "one event" "$(ehc due --ics | grep -c 'BEGIN:VEVENT')" 1
test_expect "an all-day event on the due date" \
    "$(ehc due --ics | grep -c 'DTSTART;VALUE=DATE:20260216')" 1
ehc_refuse 64 "two formats at once" -- "$EHC" due --json --csv
ehc_refuse 64 "a negative window" -- "$EHC" due --within -3
ehc_refuse 64 "a window that is not a number" -- "$EHC" due --within soon
ehc decide "$old" assess --date 2026-02-10
test_desc "quiet for cron once the work is done"
ehc_check 0 "" "" -- "$EHC" due
test_expect "an empty JSON array" "$(ehc due --json)" "[]"
test_done
