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
ehc_check 0 "~^$old	decide-assess +-  +2026-02-16  overdue +-4  -  +jbloggs  safeguarding$" \
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
    "[('$old', 'decide-assess', '2026-02-16', 'overdue', -4, ['safeguarding'])]"
test_expect "--json keys, in order" "$(ehc due --json | python3 -c '
import json, sys
print(" ".join(json.load(sys.stdin)[0]))')" \
    "case rule subject due status days warning officer flags exception action regulation kind child protects protects_due effective"
test_desc "--csv has a header and one row"
ehc_check 0 "~^case,rule,subject,due,status,days,warning,officer,flags,exception,action,regulation,kind,child,protects,protects_due,effective" \
    "" -- "$EHC" due --csv
test_expect "--csv read by Python's csv" "$(ehc due --csv | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(len(rows), rows[0]["case"], rows[0]["days"], rows[0]["flags"],
      rows[0]["warning"] == "")')" "1 $old -4 safeguarding True"
test_expect "-T csv -O writes the file, mode 0600, and prints nothing" \
    "$(ehc due -T csv -O due.csv; stat -c %a due.csv; head -1 due.csv |
    cut -c1-9)" "600
case,rule"
test_desc "--ics is a calendar"
ehc_check 0 "~BEGIN:VCALENDAR" "" -- "$EHC" due --ics
test_expect "one event" "$(ehc due --ics | grep -c 'BEGIN:VEVENT')" 1
test_expect "an all-day event on the due date" \
    "$(ehc due --ics | grep -c 'DTSTART;VALUE=DATE:20260216')" 1
ehc_refuse 64 "two formats at once" -- "$EHC" due --json --csv
ehc_refuse 64 "--format and --ics" -- "$EHC" due -T json --ics
ehc_refuse 64 "an unknown format" -- "$EHC" due -T pdf
ehc_refuse 64 "a workbook without a file" -- "$EHC" due -T xlsx
ehc_refuse 73 "a file that cannot be created" -- "$EHC" due -O none/due.csv
ehc_refuse 64 "a negative window" -- "$EHC" due --within -3
ehc_refuse 64 "a window that is not a number" -- "$EHC" due --within soon
ehc decide "$old" assess --date 2026-02-10
test_desc "quiet for cron once the work is done"
ehc_check 0 "" "" -- "$EHC" due
test_expect "an empty JSON array" "$(ehc due --json)" "[]"
test_expect "an empty calendar is still a calendar" \
    "$(ehc due --ics | tr -d '\r' | grep -v -e '^PRODID' -e '^X-WR')" \
    "BEGIN:VCALENDAR
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
END:VCALENDAR"

# The calendar as a calendar program reads it (python3-icalendar).  The
# request was received on Saturday 3 January: the 6-week decision falls
# on Saturday 14 February, so the event is on Friday 13 February.
w=$(ehc request new --forename Zoë --surname Brontë --dob 2015-01-01 \
    --received 2026-01-03 \
    --officer "Zoë Brontë-Łukasiewicz, Śląsk and Ærøskøbing Team")
test_desc "text: the act-by date of a due date on a weekend"
EHC_TODAY=2026-02-10 ehc_check 0 "~^$w	decide-assess +-  +2026-02-14  open \
+4  2026-02-13  " "" -- sh -c '"$EHC" due | grep "^$0	"' "$w"
# ics UID-PREFIX: one line of facts about the calendar and that event.
ics() {
	ehc due --within 30 --ics | /usr/bin/python3 -c '
import datetime, icalendar, sys
raw = sys.stdin.buffer.read()
lines = raw.split(b"\r\n")
long = [l for l in lines if len(l) > 75]
for l in lines:
    l.decode("utf-8")           # no character is split by a fold
ev = [e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
      if str(e["UID"]).startswith(sys.argv[1])][0]
now = datetime.datetime.now(datetime.timezone.utc)
stamp = ev["DTSTAMP"].dt
print(len(long), lines[-1] == b"", ev["DTSTART"].dt, ev["DTEND"].dt,
      abs((now - stamp).total_seconds()) < 86400, ev["SEQUENCE"],
      ev["SUMMARY"])' "$1"
}
export EHC_TODAY=2026-02-10
first=$(ics "$w-decide-assess@")
test_expect "folded at 75 octets, on the act-by day, the weekend named" \
    "$(echo "$first" | cut -d' ' -f1-5,7-)" \
    "0 True 2026-02-13 2026-02-14 True $w decide-assess (open): due Saturday 14 February 2026 (a weekend: act by Friday 13 February 2026)"
test_expect "the long description folds" \
    "$(ehc due --within 30 --ics | grep -q '^ ' && echo folded)" folded
seq1=$(echo "$first" | cut -d' ' -f6)
export EHC_TODAY=2026-02-16
seq2=$(ics "$w-decide-assess@" | cut -d' ' -f6)
test_expect "SEQUENCE grows when the deadline turns overdue" \
    "$([ "$seq2" -gt "$seq1" ] && echo grew || echo "$seq1 -> $seq2")" grew
ehc case assign "$w" asmith
seq3=$(ics "$w-decide-assess@" | cut -d' ' -f6)
test_expect "SEQUENCE grows when the case changes" \
    "$([ "$seq3" -gt "$seq2" ] && echo grew || echo "$seq2 -> $seq3")" grew
test_expect "and stays when nothing changed" \
    "$(ics "$w-decide-assess@" | cut -d' ' -f6)" "$seq3"

# The list as a workbook (openpyxl).
ehc_check 0 "" "" -- "$EHC" due --within 30 --xlsx due.xlsx
test_expect "the workbook: a row a deadline, dates, a filter, print set up" \
    "$(/usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("due.xlsx").active
print(ws.max_row, ws["B1"].value, ws["D2"].number_format, ws.auto_filter.ref,
      ws.freeze_panes, ws.page_setup.orientation, ws.print_title_rows)')" \
    "2 Deadline d mmm yyyy A1:Q2 B2 landscape \$1:\$1"
test_done
