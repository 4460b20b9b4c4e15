#!/bin/bash
# Re-assessment of a plan in force (CFA s44(2)-(3), regs 24-27;
# statutory-rules.md 5.2): the decision within 15 days of a request
# (receipt + 14), the plan within 14 weeks of the decision, the draft's
# 15 days, reg 27(3) exceptions, and every step out of order refused.
. "$(dirname "$0")/lib.sh"

# field CASE ARRAY RULE FIELD [N]: the FIELD of the Nth deadline with
# that rule in the case's JSON ARRAY (deadlines or reminders).
field() {
	ehc case show "$1" --json | python3 -c '
import json, sys
arr, rule, field, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
d = [x for x in json.load(sys.stdin)[arr] if x["rule"] == rule]
v = d[n - 1][field] if len(d) >= n else "<missing>"
print("null" if v is None else v)' "$2" "$3" "$4" "${5:-1}"
}

export EHC_TODAY=2026-03-02
ehc init
c=$(ehc request new --forename Ava --surname Shaw --dob 2014-05-01 \
    --received 2024-09-02)
ehc decide "$c" assess --date 2024-10-01
ehc decide "$c" issue --date 2024-12-02
ehc draft "$c" issue --date 2024-12-09
ehc draft "$c" final --date 2025-01-13

ehc_refuse 65 "a decision with no request" -- \
    "$EHC" reassess "$c" decide no-assess --date 2026-03-02
ehc_refuse 65 "a draft with no re-assessment" -- \
    "$EHC" reassess "$c" draft --date 2026-03-02
ehc_refuse 65 "an unknown requester" -- \
    "$EHC" reassess "$c" request --date 2026-03-02 --by neighbour
ehc_refuse 65 "a request dated after today" -- \
    "$EHC" reassess "$c" request --date 2026-03-03 --by parent
ehc_refuse 64 "a request without --by" -- \
    "$EHC" reassess "$c" request --date 2026-03-02
ehc_refuse 64 "--by with another step" -- \
    "$EHC" reassess "$c" draft --date 2026-03-02 --by parent
ehc_refuse 64 "decide without an outcome" -- \
    "$EHC" reassess "$c" decide --date 2026-03-02
ehc_refuse 1 "a case that does not exist" -- \
    "$EHC" reassess EHC-000099 request --date 2026-03-02 --by parent

ehc_check 0 "" "" -- "$EHC" reassess "$c" request --date 2026-03-02 \
    --by parent
test_expect "decision due 15 days beginning with the request" \
    "$(field "$c" deadlines reassess-decision due)" 2026-03-16
test_desc "--explain shows the other reading"
ehc_check 0 "~receipt \\+ 15" "" -- "$EHC" case show "$c" --explain
ehc_refuse 65 "a second request while one is under way" -- \
    "$EHC" reassess "$c" request --date 2026-03-02 --by school

export EHC_TODAY=2026-03-20
ehc_check 0 "" "" -- "$EHC" reassess "$c" decide assess --date 2026-03-20
test_expect "a late decision" \
    "$(field "$c" deadlines reassess-decision status)" late
test_expect "the plan due 14 weeks after the decision" \
    "$(field "$c" deadlines reassess-plan due)" 2026-06-26
ehc_refuse 65 "the plan before a draft" -- \
    "$EHC" reassess "$c" final --date 2026-03-20

export EHC_TODAY=2026-05-04
ehc_check 0 "" "" -- "$EHC" exception "$c" reassess-plan absence \
    --date 2026-05-04 --note "abroad for 5 weeks"
ehc_refuse 65 "an advice-only exception for the plan" -- \
    "$EHC" exception "$c" reassess-plan missed-appointment --date 2026-05-04
ehc_check 0 "" "" -- "$EHC" reassess "$c" draft --date 2026-05-04
test_expect "representations for 15 days beginning with the draft" \
    "$(field "$c" deadlines reassess-representations due)" 2026-05-18
export EHC_TODAY=2026-05-18
ehc_refuse 65 "finalising inside the 15 days" -- \
    "$EHC" reassess "$c" final --date 2026-05-18
ehc_refuse 64 "--force without --reason" -- \
    "$EHC" reassess "$c" final --date 2026-05-18 --force
test_desc "finalising early when the family has responded (JSON)"
ehc_check 0 '~"rule":"reassess-plan".*"status":"met"' "" -- \
    "$EHC" reassess "$c" final --date 2026-05-18 --force \
    --reason "the family agreed the draft" --json
test_expect "the exception stays with the plan's date" \
    "$(field "$c" deadlines reassess-plan exception)" absence

# The health body's request cannot be refused (s44(2)); the authority's
# own decision needs no request (s44(3)).
export EHC_TODAY=2026-06-01
ehc reassess "$c" request --date 2026-06-01 --by health
ehc_refuse 65 "refusing the health body's request" -- \
    "$EHC" reassess "$c" decide no-assess --date 2026-06-01
ehc_check 0 "" "" -- "$EHC" reassess "$c" decide assess --date 2026-06-01
test_expect "a second re-assessment has its own plan date" \
    "$(field "$c" deadlines reassess-plan due 2)" 2026-09-07
test_expect "reassess-decision is in ehc rules with its regulation" \
    "$(ehc rules | awk -F'\t' '$1 == "reassess-decision" { print $2 }')" \
    "SEND Regulations 2014 reg 25(1); Children and Families Act 2014 s44(2)"
test_done
