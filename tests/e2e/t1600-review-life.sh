#!/bin/bash
# A plan's life after it is issued: three annual reviews, amendments, a
# phase transfer and a cessation, with every date checked against the
# rules (statutory-rules.md sections 4, 5.1, 5.3 and 9; dates computed by
# hand from the "Decisions for ehc" table).
. "$(dirname "$0")/lib.sh"

# dl CASE RULE N: the due, done, status and warning fields of the Nth
# deadline with that rule, one a line: one ehc and one python3 for all
# four.
dl() {
	ehc case show "$1" --json | python3 -c '
import json, sys
rule, n = sys.argv[1], int(sys.argv[2])
d = [x for x in json.load(sys.stdin)["deadlines"] if x["rule"] == rule]
for field in ("due", "done", "status", "warning"):
    v = d[n - 1][field] if len(d) >= n else "<missing>"
    print("null" if v is None else v)' "$2" "$3"
}
# expect CASE RULE N DUE DONE STATUS [WARNING]
expect() {
	local c=$1 r=$2 n=$3 due done status warning
	{
		IFS= read -r due
		IFS= read -r done
		IFS= read -r status
		IFS= read -r warning
	} < <(dl "$c" "$r" "$n")
	test_expect "$r #$n due" "$due" "$4"
	test_expect "$r #$n done" "$done" "$5"
	test_expect "$r #$n status" "$status" "$6"
	[ $# -lt 7 ] || test_expect "$r #$n warning" "$warning" "$7"
}

export EHC_TODAY=2026-10-01
ehc init
c=$(ehc request new --forename Sam --surname Reed --dob 2010-03-01 \
    --received 2023-01-09 --source parent --officer jbloggs)
ehc decide "$c" assess --date 2023-02-10
ehc decide "$c" issue --date 2023-04-20
ehc draft "$c" issue --date 2023-04-24
ehc_check 0 "" "" -- "$EHC" draft "$c" final --date 2023-05-22

# Review 1: anchored on the first issue, 2023-05-22 + 12 months - 1 day.
ehc review "$c" meeting --date 2024-04-15
ehc review "$c" report --date 2024-04-26
ehc_check 0 "" "" -- "$EHC" review "$c" decide maintain --date 2024-05-10
expect "$c" annual-review 1 2024-05-21 2024-05-10 met
expect "$c" review-report 1 2024-04-29 2024-04-26 met
expect "$c" review-decision 1 2024-05-13 2024-05-10 met

# Review 2: anchored on the decision of 2024-05-10; an amendment follows.
ehc review "$c" meeting --date 2025-03-03
ehc review "$c" decide amend --date 2025-03-28
ehc amend "$c" propose --date 2025-03-28
ehc_refuse 65 "finalising amendments inside the 15 days" -- \
    "$EHC" amend "$c" final --date 2025-04-11
ehc_check 0 "" "" -- "$EHC" amend "$c" final --date 2025-05-20
expect "$c" annual-review 2 2025-05-09 2025-03-28 met
# The report of the meeting never came: missed, so overdue, not void.
expect "$c" review-report 2 2025-03-17 null overdue
expect "$c" review-decision 2 2025-03-31 2025-03-28 met
expect "$c" amend-representations 1 2025-04-11 2025-04-11 met
# notice + 8 weeks (05-23) is earlier than meeting + 12 weeks (05-26)
expect "$c" amended-plan 1 2025-05-23 2025-05-20 met

# Review 3 in the year of a move to a post-16 institution (reg 18(1)(a)).
ehc_check 0 "" "" -- "$EHC" review "$c" phase-transfer --date 2026-09-01 \
    --kind post-16
ehc review "$c" meeting --date 2026-01-12
ehc review "$c" decide amend --date 2026-02-20
ehc amend "$c" propose --date 2026-02-20
ehc amend "$c" final --date 2026-03-25
expect "$c" annual-review 3 2026-03-27 2026-02-20 met
expect "$c" review-decision 3 2026-02-09 2026-02-20 late
expect "$c" phase-transfer 1 2026-03-30 2026-03-25 met
# meeting + 12 weeks (04-06, Easter Monday) is earlier than notice + 8 weeks
expect "$c" amended-plan 2 2026-04-06 2026-03-25 met 2026-04-02
expect "$c" annual-review 4 2027-02-19 null open

# Ceasing: the plan is kept until the appeal window closes (s45(4)).
ehc cease "$c" propose --date 2026-06-01
ehc_check 0 "" "" -- "$EHC" cease "$c" decide --date 2026-06-15 --code 4
# 2026-06-15 + 2 months falls in August: the first working day after
# 31 August (itself a bank holiday) is 1 September (HESC rule 12).
# Today (2026-10-01) the window has closed: the plan can now end.  The
# window was the family's: it has lapsed, nobody is overdue.
expect "$c" appeal 1 2026-09-01 null lapsed
ehc_refuse 65 "ending the plan inside the appeal window" -- \
    "$EHC" cease "$c" end --date 2026-08-20
ehc_check 0 "" "" -- "$EHC" cease "$c" end --date 2026-09-02
expect "$c" appeal 1 2026-09-01 2026-09-01 met
expect "$c" annual-review 4 2027-02-19 null void
ehc_refuse 65 "a review after the plan ceased" -- \
    "$EHC" review "$c" meeting --date 2026-09-20
test_expect "due is quiet once the plan has ceased" \
    "$(ehc due --within 365)" ""
test_done
