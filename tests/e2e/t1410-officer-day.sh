#!/bin/bash
# A week of an officer's casework on a fresh store, driven by the
# commands of the manual pages: the morning list shows the actions that
# lead to each statutory date early enough to act, the diary takes
# meetings before they happen, and officers are known by profile.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-05-20
ehc init
c=$(ehc request new --forename Amira --surname Khan --dob 2016-09-12 \
    --received 2026-01-05 --source parent --officer cdodd)
ehc decide "$c" assess --date 2026-02-10 --reason "evidence of SLCN"
a=$(ehc advice "$c" request psychological --date 2026-02-11 \
    --from "EP service")
EHC_TODAY=2026-03-20 ehc_check 0 "~	chase-advice            A1       \
2026-03-18  overdue      -2  -           cdodd  -  chase the advice not yet \
received for Amira Khan: advice A1 due 2026-03-25; " "" -- "$EHC" due
test_desc "week 14: the draft plan is an action before the 16 and 20 weeks"
EHC_TODAY=2026-04-01 ehc_check 0 "~^$c	draft-plan              -        \
2026-04-13  open         12  -           cdodd  -  issue the draft plan for \
Amira Khan: final-plan due 2026-05-25; week 14 of the 20" "" -- "$EHC" due
ehc exception "$c" advice personal-circumstances --date 2026-03-19 -a A1
test_desc "text due shows the exception recorded, and the act-by date"
EHC_TODAY=2026-03-20 ehc_check 0 "~	advice                  A1       \
2026-03-25  open          5  -           cdodd  -  personal-circumstances$" \
    "" -- "$EHC" due
ehc advice "$c" receive "$a" --date 2026-03-20
ehc decide "$c" issue --date 2026-04-14
ehc draft "$c" issue --date 2026-04-20
test_expect "the draft served: the action is done" \
    "$(EHC_TODAY=2026-04-21 ehc due --within 60 | grep -c draft-plan)" 0
ehc draft "$c" final --date 2026-05-18

# The annual review is due 2027-05-17; the latest meeting for a full
# 4-week decision is 2027-04-19, booked 10 weeks before (2027-02-08),
# invitations 2 weeks before it (2027-04-05).
json() { ehc due --json | python3 -c 'import json, sys
for r in json.load(sys.stdin):
    print(r["kind"], r["rule"], r["due"], r["status"], r["days"],
          r["protects"], r["protects_due"])'; }
export EHC_TODAY=2027-02-01
test_expect "a week before: book the meeting, with its lead time" \
    "$(json)" "action book-review-meeting 2027-02-08 open 7 annual-review \
2027-05-17"
test_expect "not the review itself, months away" \
    "$(ehc due | grep -c '	annual-review ')" 0
test_expect "the child, for whom the action is" \
    "$(ehc due --json | python3 -c 'import json, sys
print(json.load(sys.stdin)[0]["child"])')" "Amira Khan"
test_desc "--within still works: the review from months away"
ehc_check 0 "~annual-review           -        2027-05-17  open        105" \
    "" -- "$EHC" due --within 120
test_desc "a meeting cannot be recorded before it happens"
ehc_refuse 65 "a future meeting" -- "$EHC" review "$c" meeting \
    --date 2027-04-20
test_desc "but it can be booked"
ehc_check 0 "" "" -- "$EHC" review "$c" book --date 2027-04-20 \
    --time 10:00 --place "Castle School" --invite "Mrs Khan (parent)" \
    --invite "EP service"
test_expect "booked: no booking action; the booking is in the diary" \
    "$(EHC_TODAY=2027-02-10 json)" ""
test_expect "the invitations are 2 weeks before the booked day" \
    "$(EHC_TODAY=2027-04-01 json)" "action invite-review 2027-04-06 open 5 \
annual-review 2027-05-17"
test_expect "the booking is due on its day" \
    "$(EHC_TODAY=2027-04-10 json)" "action invite-review 2027-04-06 overdue \
-4 annual-review 2027-05-17
booking review 2027-04-20 open 10 None None"
test_desc "the booking in text, with time, place and who is invited"
EHC_TODAY=2027-04-10 ehc_check 0 "~^$c	review                  -        \
2027-04-20  open         10  -           cdodd  -  review meeting for Amira \
Khan at 10:00, Castle School; invited: Mrs Khan \(parent\); EP service$" "" \
    -- "$EHC" due
test_expect "in the calendar" \
    "$(EHC_TODAY=2027-04-10 ehc due --ics | python3 -c 'import sys
from icalendar import Calendar
for e in Calendar.from_ical(sys.stdin.read()).walk("VEVENT"):
    print(e.decoded("DTSTART"), str(e["SUMMARY"])[:40])')" \
    "2027-04-06 $c invite-review (overdue): send
2027-04-20 $c review (open): review meeting"
test_expect "the action's event says what it protects" \
    "$(EHC_TODAY=2027-04-10 ehc due --ics | python3 -c 'import sys
from icalendar import Calendar
e = Calendar.from_ical(sys.stdin.read()).walk("VEVENT")[0]
print(str(e["DESCRIPTION"]).split("\n")[1:3])')" \
    "['Act by: Tuesday 6 April 2027', 'Protects: annual-review, due Monday \
17 May 2027']"
test_expect "and in case show --json" \
    "$(EHC_TODAY=2027-04-10 ehc case show "$c" --json | python3 -c '
import json, sys
for a in json.load(sys.stdin)["actions"]:
    if a["kind"] == "booking":
        print(a["rule"], a["due"], a["status"], a["done"])')" \
    "review 2027-04-20 open None"
test_desc "case show lists the diary"
EHC_TODAY=2027-04-10 ehc_check 0 "~  review                   2027-04-20  \
open      review meeting for Amira Khan at 10:00" "" -- "$EHC" case show "$c"
test_desc "a panel date in the diary, for a case with or without a plan"
EHC_TODAY=2027-04-10 ehc_check 0 "" "" -- "$EHC" review "$c" book \
    --date 2027-04-14 --kind panel --place "County Hall"
test_expect "in due until its day, then past" \
    "$(EHC_TODAY=2027-04-14 json | grep panel; EHC_TODAY=2027-04-15 json |
    grep -c panel; EHC_TODAY=2027-04-15 ehc case show "$c" --json |
    python3 -c 'import json, sys
print([a["status"] for a in json.load(sys.stdin)["actions"]
       if a["rule"] == "panel"])')" "booking panel 2027-04-14 open 0 None None
0
['past']"
ehc_refuse 65 "a booking of an unknown kind" -- "$EHC" review "$c" book \
    --date 2027-04-20 --kind party
ehc_refuse 65 "a booking before today" -- "$EHC" review "$c" book \
    --date 2027-01-01
ehc_refuse 65 "a time that is not HH:MM" -- "$EHC" review "$c" book \
    --date 2027-04-20 --time 25:00
ehc_refuse 64 "--place without book" -- "$EHC" review "$c" meeting \
    --date 2027-01-01 --place Here
ehc export "$c" >case.json
EHC_DB=$TEST_DIR/other.db ehc init
test_desc "the diary goes with the case: export, then import elsewhere"
EHC_DB=$TEST_DIR/other.db ehc_check 0 "EHC-000001" "" -- "$EHC" import \
    case case.json
test_expect "with its booking as booked" \
    "$(sqlite3 other.db 'SELECT kind, date, time, place, invite FROM
    booking ORDER BY id')" "review|2027-04-20|10:00|Castle School|Mrs Khan \
(parent); EP service
panel|2027-04-14||County Hall|"
test_desc "moving the meeting keeps one booking"
ehc_check 0 "" "" -- "$EHC" review "$c" book --date 2027-04-22
test_expect "one booking, on the new day" \
    "$(EHC_TODAY=2027-04-10 json | grep 'booking review')" \
    "booking review 2027-04-22 open 12 None None"
export EHC_TODAY=2027-04-22
ehc review "$c" meeting --date 2027-04-22
test_expect "the meeting recorded: the booking is held, the actions done" \
    "$(ehc case show "$c" --json | python3 -c 'import json, sys
for a in json.load(sys.stdin)["actions"]:
    if a["rule"] == "review" or a["rule"].endswith("review"):
        print(a["kind"], a["rule"], a["status"], a["done"])')" \
    "booking review held 2027-04-22"
test_expect "and gone from the morning list" \
    "$(json | grep -c -e booking -e invite-review)" 0

# Phase transfer: year 6 to 7 in September 2028, the amended plan by
# 14 February 2028; the amendments proposed by 20 December 2027.
test_expect "the phase transfer's amendments by 20 December" \
    "$(EHC_TODAY=2027-12-10 json | grep propose)" \
    "action propose-phase-amendments 2027-12-20 open 10 phase-transfer \
2028-02-14"

test_expect "due --json and case show --json agree on effective" \
    "$(EHC_TODAY=2027-12-10 ehc due --within 400 --json | python3 -c '
import json, sys
print([(r["rule"], r["due"]) for r in json.load(sys.stdin)
       if r["effective"]])')" \
    "$(EHC_TODAY=2027-12-10 ehc case show "$c" --json | python3 -c '
import json, sys
print([(r["rule"], r["due"]) for r in json.load(sys.stdin)["deadlines"]
       if r["effective"]])')"

test_desc "case history: the event's date, then when it was recorded"
ehc_check 0 "~^2027-04-22	20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z	tester	\
review meeting	date=2027-04-22$" "" -- "$EHC" case history "$c"
ehc note "$c" -d 2027-04-21 -k call -m "Mrs Khan confirmed"
test_desc "a note too, recorded when its audit record says"
ehc_check 0 "~^2027-04-21	20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z	tester	\
note call	Mrs Khan confirmed$" "" -- "$EHC" case history "$c"

# Officers.
export EHC_TODAY=2027-04-22
test_desc "an officer's profile"
ehc_check 0 "" "" -- "$EHC" config officer cdodd --name "Claire Dodd" \
    --title "SEND Officer" --phone "01670 622000" \
    --email claire.dodd@example.gov.uk
test_desc "shown"
ehc_check 0 "id:     cdodd
name:   Claire Dodd
title:  SEND Officer
phone:  01670 622000
email:  claire.dodd@example.gov.uk
cases:  1 open" "" -- "$EHC" config officer cdodd
test_desc "a letter signs with the officer's profile"
ehc_check 0 "~^Claire Dodd, SEND Officer, 01670 622000$" "" -- \
    "$EHC" draft "$c" letter draft
ehc request new --forename B --surname C --dob 2016-01-01 \
    --received 2027-04-01 --officer asmith >/dev/null
test_desc "ehc officer list: tab-separated, names with spaces whole"
ehc_check 0 "asmith	-	-	1
cdodd	Claire Dodd	claire.dodd@example.gov.uk	1" "" -- "$EHC" officer list
ehc_refuse 65 "a new profile without a name" -- "$EHC" config officer \
    nobody --email x@example.gov.uk
ehc_refuse 65 "an email without an @" -- "$EHC" config officer cdodd \
    --email claire
ehc_refuse 64 "--name without officer" -- "$EHC" config lea --name X
ehc_refuse 1 "an unknown officer's profile" -- "$EHC" config officer nosuch
ehc_refuse 1 "ehc due for an unknown officer" -- "$EHC" due -o nosuch
ehc_refuse 1 "a wrong-case name" -- "$EHC" due -o CDODD
ehc_refuse 64 "ehc officer without list" -- "$EHC" officer

# The manager's view.
test_expect "ehc due --team: an officer a row, with counts and a total" \
    "$(ehc due --team --within 30 --csv | tr -d '\r')" "officer,overdue,\
due,actions,booked,total
asmith,0,1,0,0,1
cdodd,0,3,0,0,3
total,0,4,0,0,4"
ehc_refuse 64 "--team with --officer" -- "$EHC" due --team -o cdodd

# The reports the officer reads.
for dob in 2023-01-01 2010-01-01 2005-01-01 2001-06-01; do
	ehc request new --forename D --surname E --dob $dob \
	    --received 2027-04-01 --officer asmith >/dev/null
done
test_expect "caseload: the age bands in order of age" \
    "$(ehc report caseload --csv | tr -d '\r' | grep '^age,' | cut -d, -f2)" \
    "0-4
5-10
11-15
16-19
20-25"
long="Northumberland County Council Educational Psychology Service (North)"
ehc decide EHC-000003 assess --date 2027-04-05
ehc advice EHC-000003 request psychological --date 2027-04-06 --from "$long" \
    >/dev/null
test_expect "the advice report's column holds a long provider's name" \
    "$(ehc report advice --year 2027 | grep -c "^$long  psychological ")" 1
test_done
