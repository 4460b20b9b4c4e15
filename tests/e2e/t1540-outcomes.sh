#!/bin/bash
# Progress against the outcomes of section E at each review, and the
# outcomes report across the caseload, on three plans whose figures are
# counted by hand; the refusals leave the store as it was; an export
# carries the progress and its import recreates it.
. "$(dirname "$0")/lib.sh"

# cell YEAR NEED COLUMN: one number from the JSON outcomes report; the
# need "all plans" is its total.
cell() {
	ehc report outcomes --year "$1" --json | python3 -c '
import json, sys
key, col = sys.argv[1], sys.argv[2]
doc = json.load(sys.stdin)
if key == "all plans":
    print([doc["total"][col]])
else:
    print([r[col] for r in doc["rows"] if r["need"] == key] or "<none>")
' "$2" "$3"
}
# plan FORENAME NEED OUTCOMES...: a final plan issued 2025-05-20 whose
# primary need is NEED, with one outcome of section E per argument.
plan() {
	local c n o
	c=$(ehc request new --forename "$1" --surname Test --dob 2016-01-05 \
	    --received 2025-01-06)
	n=$2
	shift 2
	ehc decide "$c" assess --date 2025-02-10
	ehc decide "$c" issue --date 2025-04-01
	ehc case need "$c" "$n" --rank 1 >/dev/null
	for o in "$@"; do
		ehc draft "$c" outcome add --text "$o" >/dev/null
	done
	ehc draft "$c" issue --date 2025-04-02 2>/dev/null
	ehc draft "$c" final --date 2025-05-20 2>/dev/null
	echo "$c"
}

export EHC_TODAY=2026-11-20
ehc init
a=$(plan Ann ASD "Reads simple sentences" "Joins in at playtime")
b=$(plan Bob SEMH "Stays in class all morning" "Names three feelings" \
    "Walks to school")
c=$(plan Cat ASD "Dresses without help")

ehc review "$a" meeting --date 2026-03-02
test_desc "progress prints nothing"
ehc_check 0 "" "" -- "$EHC" review "$a" progress E1 achieved \
    --date 2026-03-02
ehc review "$a" progress e.2 partly --date 2026-03-05 \
    --note "plays alongside, not yet with"
ehc review "$b" meeting --date 2025-12-01
ehc review "$b" progress E1 not --date 2025-12-01	# last year's
ehc review "$b" decide maintain --date 2025-12-10
ehc review "$b" meeting --date 2026-06-01
ehc review "$b" progress E1 partly --date 2026-06-01
ehc review "$b" progress E2 not --date 2026-06-01
ehc review "$b" progress E2 achieved --date 2026-06-03	# the latest
ehc review "$c" meeting --date 2026-05-11
ehc review "$c" progress E1 not --date 2026-05-11
test_desc "--json prints the case after the step"
ehc_check 0 '~"case":"EHC-000003"' "" -- "$EHC" review "$c" progress E1 \
    not --date 2026-05-12 --json

# 2026: Ann E1 achieved, E2 partly; Bob E1 partly, E2 achieved (latest);
# Cat E1 not (counted once).  Bob's E3 has no progress: not reviewed.
test_expect "2026: outcomes reviewed" "$(cell 2026 'all plans' \
    outcomes_reviewed)" "[5]"
test_expect "2026: achieved" "$(cell 2026 'all plans' achieved)" "[2]"
test_expect "2026: partly achieved" "$(cell 2026 'all plans' \
    partly_achieved)" "[2]"
test_expect "2026: not achieved" "$(cell 2026 'all plans' \
    not_achieved)" "[1]"
test_expect "2026: ASD reviewed" "$(cell 2026 ASD \
    outcomes_reviewed)" "[3]"
test_expect "2026: ASD not achieved" "$(cell 2026 ASD \
    not_achieved)" "[1]"
test_expect "2026: SEMH achieved" "$(cell 2026 SEMH achieved)" \
    "[1]"
test_expect "2025: Bob's E1 only" "$(cell 2025 'all plans' \
    not_achieved)" "[1]"
test_desc "the text report"
ehc_check 0 "Primary     Outcomes               Partly        Not
need        reviewed  Achieved   achieved   achieved
---------  ---------  --------  ---------  ---------
SEMH               1         0          0          1
---------  ---------  --------  ---------  ---------
Total              1         0          0          1" "" -- \
    "$EHC" report outcomes --year 2025
test_desc "the CSV report"
ehc_check 0 '~^need,outcomes_reviewed,achieved,partly_achieved,not_achieved' \
    "" -- "$EHC" report outcomes --year 2026 --csv
ehc_check 0 "" "" -- "$EHC" report outcomes --year 2026 --xlsx out.xlsx
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	test_expect "the workbook reads back" "$(/usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("out.xlsx").active
print([c.value for c in ws[ws.max_row]])')" "['Total', 5, 2, 2, 1]"
fi

ehc_refuse 65 "an unknown progress" -- \
    "$EHC" review "$a" progress E1 maybe --date 2026-03-02
ehc_refuse 1 "an outcome the plan does not have" -- \
    "$EHC" review "$a" progress E3 achieved --date 2026-03-02
ehc_refuse 65 "not an outcome reference" -- \
    "$EHC" review "$a" progress F1 achieved --date 2026-03-02
ehc_refuse 65 "before any review meeting" -- \
    "$EHC" review "$a" progress E1 achieved --date 2026-03-01
ehc_refuse 65 "a date after today" -- \
    "$EHC" review "$a" progress E1 achieved --date 2026-12-01
ehc_refuse 65 "control characters in the note" -- \
    "$EHC" review "$a" progress E1 achieved --date 2026-03-02 \
    --note "$(printf 'a\033b')"
ehc_refuse 64 "a missing progress" -- \
    "$EHC" review "$a" progress E1 --date 2026-03-02
ehc_refuse 64 "--note without progress" -- \
    "$EHC" review "$a" meeting --date 2026-11-01 --note "x"
d=$(ehc request new --forename Dan --surname Test --dob 2016-01-05 \
    --received 2026-01-05)
ehc_refuse 65 "no plan in force" -- \
    "$EHC" review "$d" progress E1 achieved --date 2026-03-02

# The progress travels with the case.
ehc export "$a" --json >a.json
test_expect "the export carries the progress" "$(python3 -c '
import json
print([(p["outcome"], p["progress"], p["note"]) for p in
       json.load(open("a.json"))["outcome_progress"]])')" \
    "[('E1', 'achieved', None), ('E2', 'partly', 'plays alongside, not yet with')]"
EHC_DB=other.db ehc init
r=$(EHC_DB=other.db ehc import case a.json)
EHC_DB=other.db ehc export "$r" --json >b.json
test_expect "its import recreates it" "$(python3 -c '
import json
a, b = (json.load(open(f))["outcome_progress"] for f in ("a.json", "b.json"))
print(a == b)')" True

test_done
