#!/bin/bash
# The assessment clocks (statutory-rules.md worked examples 1, 2, 6, 7),
# the representation window, exceptions and --explain.
. "$(dirname "$0")/lib.sh"

dl() {
	ehc case show "$1" --json | python3 -c '
import json, sys
rule, field = sys.argv[1], sys.argv[2]
d = [x for x in json.load(sys.stdin)["deadlines"] if x["rule"] == rule]
v = d[0][field] if d else "<missing>"
print("null" if v is None else v)' "$2" "$3"
}

export EHC_TODAY=2026-08-31
ehc init
# Example 1: Mon 2026-03-02.
c=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-02)
test_expect "6 weeks" "$(dl "$c" decide-assess due)" 2026-04-13
test_expect "16 weeks" "$(dl "$c" decide-issue due)" 2026-06-22
test_expect "20 weeks" "$(dl "$c" final-plan due)" 2026-07-20
test_expect "overdue when not done" "$(dl "$c" decide-assess status)" overdue
# Example 2: Sat 2026-03-07: dates fall on Saturdays, warnings on Fridays.
s=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-07)
test_expect "Saturday 6 weeks" "$(dl "$s" decide-assess due)" 2026-04-18
test_expect "Friday warning" "$(dl "$s" decide-assess warning)" 2026-04-17
test_expect "Saturday 16 weeks" "$(dl "$s" decide-issue due)" 2026-06-27
test_expect "Saturday 20 weeks" "$(dl "$s" final-plan due)" 2026-07-25
test_expect "Friday warning for the plan" "$(dl "$s" final-plan warning)" \
    2026-07-24

# Steps out of order.
ehc_refuse 65 "issuing before deciding to assess" -- \
    "$EHC" decide "$c" issue --date 2026-03-10
ehc_refuse 65 "a draft before deciding to issue" -- \
    "$EHC" draft "$c" issue --date 2026-03-10
ehc_refuse 65 "a final plan with no draft" -- \
    "$EHC" draft "$c" final --date 2026-03-10
ehc_refuse 64 "an unknown decision" -- \
    "$EHC" decide "$c" perhaps --date 2026-03-10
ehc_check 0 "" "" -- "$EHC" decide "$c" assess --date 2026-04-10 \
    --reason "evidence of need"
ehc_refuse 65 "deciding to assess twice" -- \
    "$EHC" decide "$c" no-assess --date 2026-04-11
ehc_refuse 65 "deciding to issue before deciding to assess" -- \
    "$EHC" decide "$c" issue --date 2026-04-01
ehc decide "$c" issue --date 2026-06-05
# Example 7: draft served Mon 2026-06-08.
ehc_check 0 "" "" -- "$EHC" draft "$c" issue --date 2026-06-08
test_expect "last day for representations" \
    "$(dl "$c" draft-representations due)" 2026-06-22
ehc_refuse 65 "finalising on day 15 of the window" -- \
    "$EHC" draft "$c" final --date 2026-06-22
ehc_refuse 64 "--force without a reason" -- \
    "$EHC" draft "$c" final --date 2026-06-22 --force
test_desc "finalising early when the family has responded"
ehc_check 0 "" "" -- "$EHC" draft "$c" final --date 2026-06-20 --force \
    --reason "parents replied on 2026-06-19 agreeing the draft"
test_expect "final plan met" "$(dl "$c" final-plan status)" met
test_expect "draft window closed by the final plan" \
    "$(dl "$c" draft-representations done)" 2026-06-20

# Exceptions: recorded, never move the date.
e=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-06-01)
ehc decide "$e" assess --date 2026-07-10
ehc advice "$e" request educational --date 2026-07-17 --from "Head" >/dev/null
test_desc "a school-closure exception on the final plan"
ehc_check 0 "" "" -- "$EHC" exception "$e" final-plan school-closure \
    --date 2026-07-17 --note "school closed 2026-07-23 to 2026-09-03"
test_expect "the 20-week date stands" "$(dl "$e" final-plan due)" 2026-10-19
test_expect "the exception is shown" "$(dl "$e" final-plan exception)" \
    school-closure
ehc_refuse 65 "missed-appointment is for advice only" -- \
    "$EHC" exception "$e" final-plan missed-appointment --date 2026-07-20
ehc_refuse 65 "school-closure does not apply to advice" -- \
    "$EHC" exception "$e" advice school-closure --date 2026-07-20 --advice A1
test_desc "missed-appointment on advice (reg 8(2)(c))"
ehc_check 0 "" "" -- "$EHC" exception "$e" advice missed-appointment \
    --date 2026-07-28 --advice A1
ehc_refuse 65 "an unknown limb" -- \
    "$EHC" exception "$e" final-plan weather --date 2026-07-20
ehc_refuse 65 "an unknown step" -- \
    "$EHC" exception "$e" lunch absence --date 2026-07-20
test_desc "--explain gives the arithmetic and the regulation"
ehc_check 0 "~2026-06-01 \(request received\) \+ 20 weeks \(140 days\) = 2026-10-19; SEND Regulations 2014 reg 13\(2\)" \
    "" -- "$EHC" case show "$e" --explain
test_expect "--json --explain carries explain" "$(ehc case show "$e" \
    --json --explain | python3 -c 'import json,sys; print(all("explain" in d for d in json.load(sys.stdin)["deadlines"]))')" True

# A refusal voids the later clocks; withdrawal voids the open ones.
n=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-02)
ehc decide "$n" no-assess --date 2026-04-01
test_expect "refused: final plan void" "$(dl "$n" final-plan status)" void
w=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-02)
ehc request withdraw "$w" --date 2026-03-20
test_expect "withdrawn: decision void" "$(dl "$w" decide-assess status)" void
test_done
