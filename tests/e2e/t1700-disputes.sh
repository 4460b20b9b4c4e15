#!/bin/bash
# Mediation, appeals, Tribunal orders and transfers between authorities
# (statutory-rules.md sections 5.5, 7 and worked examples 22, 26, 28).
. "$(dirname "$0")/lib.sh"

# field CASE ARRAY RULE FIELD [SUBJECT]
field() {
	ehc case show "$1" --json | python3 -c '
import json, sys
arr, rule, field, subject = sys.argv[1:5]
d = [x for x in json.load(sys.stdin)[arr] if x["rule"] == rule
     and (subject == "" or x["subject"] == subject)]
v = d[0][field] if d else "<missing>"
print("null" if v is None else v)' "$2" "$3" "$4" "${5:-}"
}

export EHC_TODAY=2026-12-01
ehc init
# Example 22: refusal to assess sent Wed 2026-06-10, no mediation.
c=$(ehc request new --forename Ann --surname Lee --dob 2015-01-01 \
    --received 2026-05-01)
ehc decide "$c" no-assess --date 2026-06-10
ehc_check 0 "" "" -- "$EHC" dispute "$c" notice --about no-assess \
    --date 2026-06-10
test_expect "mediation adviser contact by 2026-08-10" \
    "$(field "$c" reminders mediation-contact due)" 2026-08-10
test_expect "appeal in August moves past the bank holiday" \
    "$(field "$c" reminders appeal due)" 2026-09-01
# A certificate issued later extends the appeal deadline to cert + 1 month.
ehc dispute "$c" contact --date 2026-07-01
ehc dispute "$c" certificate --date 2026-10-20
test_expect "appeal one month after a later certificate" \
    "$(field "$c" reminders appeal due)" 2026-11-20

# Example 26: orders dated Mon 2026-10-12 (reg 44).
ehc_check 0 "" "" -- "$EHC" dispute "$c" order assess --date 2026-10-12
ehc dispute "$c" order make-plan --date 2026-10-12
ehc dispute "$c" order name-school --date 2026-10-12
test_expect "order: notify within 2 weeks" \
    "$(field "$c" deadlines tribunal-order due 1:notify)" 2026-10-26
test_expect "order: no-plan decision within 10 weeks" \
    "$(field "$c" deadlines tribunal-order due 1:no-plan)" 2026-12-21
test_expect "order: final plan within 14 weeks" \
    "$(field "$c" deadlines tribunal-order due 1:final)" 2027-01-18
test_expect "order: draft within 5 weeks" \
    "$(field "$c" deadlines tribunal-order due 2:draft)" 2026-11-16
test_expect "order: final within 11 weeks" \
    "$(field "$c" deadlines tribunal-order due 2:final)" 2026-12-28
test_expect "2026-12-28 is a bank holiday: warn on the 24th" \
    "$(field "$c" deadlines tribunal-order warning 2:final)" 2026-12-24
test_expect "order: school named within 2 weeks" \
    "$(field "$c" deadlines tribunal-order due 3:school)" 2026-10-26
ehc_check 0 "" "" -- "$EHC" dispute "$c" comply notify --date 2026-10-20
test_expect "complied step is met" \
    "$(field "$c" deadlines tribunal-order status 1:notify)" met
test_desc "--json prints the case after the step"
ehc_check 0 '~^\{"format_version":2,"case":"EHC-000001".*"deadlines":\[' "" -- \
    "$EHC" dispute "$c" comply school --date 2026-10-21 --json
ehc_refuse 65 "complying with a step no order has" -- \
    "$EHC" dispute "$c" comply teleport --date 2026-10-20
ehc_refuse 65 "an unknown order" -- \
    "$EHC" dispute "$c" order banish --date 2026-10-20

# Example 28: the old authority learns on Mon 2026-03-02 of a move on
# Fri 2026-03-13: fewer than 15 working days, so 15 working days
# beginning with 03-02.
export EHC_TODAY=2026-03-25
p=$(ehc request new --forename Eve --surname Moss --dob 2014-01-01 \
    --received 2024-01-08)
ehc decide "$p" assess --date 2024-02-01
ehc decide "$p" issue --date 2024-04-01
ehc draft "$p" issue --date 2024-04-02
ehc draft "$p" final --date 2024-05-01
ehc_check 0 "" "" -- "$EHC" transfer "$p" out --to 888 --move 2026-03-13 \
    --date 2026-03-02
test_expect "transfer within 15 working days" \
    "$(field "$p" deadlines transfer-out due)" 2026-03-20
# Learned on 2026-02-02: enough notice, so on the day of the move.
q=$(ehc request new --forename Ivy --surname Moss --dob 2014-01-01 \
    --received 2024-01-08)
ehc decide "$q" assess --date 2024-02-01
ehc decide "$q" issue --date 2024-04-01
ehc draft "$q" issue --date 2024-04-02
ehc draft "$q" final --date 2024-05-01
ehc transfer "$q" out --to 888 --move 2026-03-02 --date 2026-02-02
test_expect "transfer on the day of the move" \
    "$(field "$q" deadlines transfer-out due)" 2026-03-02
ehc_check 0 "" "" -- "$EHC" transfer "$q" sent --date 2026-03-02
test_expect "sent on the day: met" \
    "$(field "$q" deadlines transfer-out status)" met
ehc_refuse 65 "a review after the plan left" -- \
    "$EHC" review "$q" meeting --date 2026-03-20
# The new authority: plan last reviewed 2025-06-10, transferred 2026-03-20.
t=$(ehc transfer in --forename Kit --surname Moss --dob 2014-01-01 \
    --from 888 --date 2026-03-20 --issued 2023-05-01 --reviewed 2025-06-10)
test_expect "transfer-in prints a reference" "${t:0:4}" "EHC-"
test_expect "reg 15(4) notice within 6 weeks" \
    "$(field "$t" deadlines transfer-notice due)" 2026-05-01
test_expect "review by the later of 2026-06-09 and 2026-06-19" \
    "$(field "$t" deadlines annual-review due)" 2026-06-19
ehc_refuse 65 "a transfer from an authority that is not a number" -- \
    "$EHC" transfer in --forename Kit --surname Moss --dob 2014-01-01 \
    --from London --date 2026-03-20 --issued 2023-05-01
ehc_refuse 64 "a transfer in without its issue date" -- \
    "$EHC" transfer in --forename Kit --surname Moss --dob 2014-01-01 \
    --from 888 --date 2026-03-20
test_done
