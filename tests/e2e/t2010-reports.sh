#!/bin/bash
# Management reports as tables: annual reviews, phase transfers, advice
# and the caseload, on a small caseload whose figures are counted by hand.
. "$(dirname "$0")/lib.sh"

# cell REPORT ARGS... -- KEY COLUMN: one number from the JSON report;
# KEY is the row's key columns joined by " / ".
cell() {
	local args=()
	while [ "$1" != "--" ]; do args+=("$1"); shift; done
	shift
	ehc report "${args[@]}" --json | python3 -c '
import json, sys
key, col = sys.argv[1], sys.argv[2]
doc = json.load(sys.stdin)
keys = [c["key"] for c in doc["columns"]
        if c["type"] in ("text", "month")]
print([r[col] for r in doc["rows"]
       if " / ".join(r[k] for k in keys) == key] or "<none>")' "$1" "$2"
}
plan() {	# plan FORENAME RECEIVED FINAL OFFICER
	local c
	c=$(ehc request new --forename "$1" --surname Test --dob 2012-05-01 \
	    --received "$2" --officer "$4")
	ehc decide "$c" assess --date "$2"
	ehc decide "$c" issue --date "$2"
	ehc draft "$c" issue --date "$2"
	ehc draft "$c" final --date "$3" --force --reason "test" >/dev/null
	echo "$c"
}

export EHC_TODAY=2026-06-15
ehc init
a=$(plan Ann 2024-12-02 2025-03-15 jbloggs)	# review due 2026-03-14
b=$(plan Bob 2024-10-07 2025-01-20 jbloggs)	# review due 2026-01-19
c=$(plan Cat 2025-02-24 2025-06-01 asmith)	# review due 2026-05-31
ehc review "$a" phase-transfer --date 2026-09-01 --kind school
ehc review "$a" meeting --date 2026-02-10
ehc review "$a" decide amend --date 2026-03-09	# within 4 weeks
ehc amend "$a" propose --date 2026-03-09
ehc amend "$a" final --date 2026-04-20		# after 14 February: late
ehc review "$b" meeting --date 2026-01-05
ehc review "$b" decide maintain --date 2026-02-20	# 6 weeks: not within 4
r=$(ehc request new --forename Dan --surname Test --dob 2018-01-01 \
    --received 2026-04-01 --officer asmith)
ehc decide "$r" assess --date 2026-04-20
ehc advice "$r" request psychological --date 2026-04-21 --from EPS >/dev/null
ehc advice "$r" request medical --date 2026-04-21 --from CCG >/dev/null
ehc advice "$r" receive A2 --date 2026-05-20		# within 6 weeks
ehc advice "$r" reuse educational --date 2026-04-22 --from School >/dev/null

test_expect "January: one meeting" "$(cell reviews -y 2026 -- 2026-01 meetings)" "[1]"
test_expect "January: not decided within 4 weeks" \
    "$(cell reviews -y 2026 -- 2026-01 decided_within_4_weeks)" "[0]"
test_expect "January: one maintained" "$(cell reviews -y 2026 -- 2026-01 maintain)" "[1]"
test_expect "January: one review due, late" \
    "$(cell reviews -y 2026 -- 2026-01 late)" "[1]"
test_expect "February: decided within 4 weeks" \
    "$(cell reviews -y 2026 -- 2026-02 decided_within_4_weeks)" "[1]"
test_expect "March: the review due was on time" \
    "$(cell reviews -y 2026 -- 2026-03 on_time)" "[1]"
test_expect "May: the review due is overdue" \
    "$(cell reviews -y 2026 -- 2026-05 overdue)" "[1]"
test_expect "phase transfer to school: late" \
    "$(cell phase-transfers -y 2026 -- school late)" "[1]"
test_expect "EPS advice overdue" \
    "$(cell advice -y 2026 -- 'EPS / psychological' overdue)" "[1]"
test_expect "CCG advice within 6 weeks" \
    "$(cell advice -y 2026 -- 'CCG / medical' within_6_weeks)" "[1]"
test_expect "re-used advice counted apart" \
    "$(cell advice -y 2026 -- 'School / educational' reused)" "[1]"
test_expect "jbloggs holds two plans" \
    "$(cell caseload -- 'officer / jbloggs' plans)" "[2]"
test_expect "asmith holds a plan and a request" \
    "$(cell caseload -- 'officer / asmith' plans)$(cell caseload -- \
    'officer / asmith' open_requests)" "[1][1]"
test_expect "on 2025-02-01 asmith had nothing" \
    "$(cell caseload --date 2025-02-01 -- 'officer / asmith' plans)" "<none>"
test_desc "text report"
ehc_check 0 "~^officer +jbloggs +2 +0$" "" -- "$EHC" report caseload
test_desc "CSV report"
ehc_check 0 "~^month,meetings,decided,decided_within_4_weeks," "" -- \
    "$EHC" report reviews --year 2026 --csv
test_desc "XLSX report"
ehc_check 0 "" "" -- "$EHC" report advice --year 2026 --xlsx advice.xlsx
test_expect "the workbook opens" "$(/usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("advice.xlsx").active
print(ws["A1"].value, ws["B1"].value, ws.freeze_panes,
      ws.auto_filter.ref is not None)')" "Provider Type C2 True"
ehc_refuse 64 "a caseload for a year" -- "$EHC" report caseload --year 2026
ehc_refuse 64 "reviews without a year" -- "$EHC" report reviews
ehc_refuse 64 "an unknown report" -- "$EHC" report gossip --year 2026
test_done
