#!/bin/bash
# A mediation agreement about what could be appealed runs as the order
# it stands for (reg 42(2); statutory-rules.md 7.1), with refusals; the
# age-25 dates of every plan in force (s46, reg 46); a year group out of
# age shown by case show.
. "$(dirname "$0")/lib.sh"

# field CASE ARRAY RULE FIELD [SUBJECT]
field() {
	ehc case show "$1" --json | python3 -c '
import json, sys
arr, rule, field, subject = sys.argv[1:5]
d = [x for x in json.load(sys.stdin)[arr] if x["rule"] == rule
     and (subject == "" or (x["subject"] or "").endswith(subject))]
v = d[0][field] if d else "<missing>"
print("null" if v is None else v)' "$2" "$3" "$4" "${5:-}"
}
plan() {	# plan FORENAME DOB: a plan issued 2025-06-02
	plan_issued "$1" Park "$2" --officer jbloggs
}

export EHC_TODAY=2026-07-01
ehc init
a=$(plan Leo 2012-02-01)
ehc dispute "$a" notice --about content --date 2026-06-01
ehc dispute "$a" mediation --date 2026-06-02
ehc_refuse 65 "an agreement before the mediation" -- \
    "$EHC" dispute "$a" agreement --appealable amend --date 2026-06-30
ehc dispute "$a" mediated --date 2026-06-30
ehc_refuse 64 "--appealable with another step" -- \
    "$EHC" dispute "$a" mediated --appealable amend --date 2026-06-30
ehc_refuse 64 "--appealable with nothing ordered" -- \
    "$EHC" dispute "$a" agreement --appealable "" --date 2026-06-30
ehc_refuse 64 "--appealable without its order" -- \
    "$EHC" dispute "$a" agreement --date 2026-06-30 --appealable
test_desc "an order no appeal about the contents could bring"
ehc_check 65 "" "~about the plan's contents can stand only for .*amend or name-school, not 'assess'" -- \
    "$EHC" dispute "$a" agreement -A assess --date 2026-06-30
ehc_refuse 65 "an order that is not one" -- \
    "$EHC" dispute "$a" agreement -A "$(printf 'amend\tx')" --date 2026-06-30
ehc_check 0 "" "" -- "$EHC" dispute "$a" agreement --appealable amend \
    --date 2026-06-30
test_expect "the amended plan within 5 weeks, as if ordered" \
    "$(field "$a" deadlines agreement-order due :amend)" 2026-08-04
test_expect "no 2-week duty besides" \
    "$(field "$a" deadlines mediation-agreement due)" "<missing>"
test_desc "--explain: as if ordered by the Tribunal, reg 42(2)"
ehc_check 0 "~2026-06-30 \\(mediation agreement, as if ordered by the Tribunal\\) \\+ 5 weeks.*reg 42\\(2\\), applying reg 44\\(2\\)\\(e\\)" "" -- \
    "$EHC" case show "$a" --explain
ehc_refuse 65 "a second agreement" -- \
    "$EHC" dispute "$a" agreement -A amend --date 2026-06-30
ehc_refuse 65 "agreement-done for an agreement run as an order" -- \
    "$EHC" dispute "$a" agreement-done --date 2026-07-01
ehc_check 0 "" "" -- "$EHC" dispute "$a" comply amend --date 2026-07-01
test_expect "complied with" \
    "$(field "$a" deadlines agreement-order status :amend)" met
test_expect "ehc rules lists it with its regulation" \
    "$(ehc rules --json | python3 -c '
import json, sys
r = {x["id"]: x for x in json.load(sys.stdin)}
for i in ("agreement-assess-notify", "agreement-amend",
          "agreement-continue", "mediation-agreement"):
    print(i, r[i]["rule"], r[i]["regulation"])')" \
    "agreement-assess-notify agreement-order SEND Regulations 2014 reg 42(2), applying reg 44(2)(b)
agreement-amend agreement-order SEND Regulations 2014 reg 42(2), applying reg 44(2)(e)
agreement-continue agreement-order SEND Regulations 2014 reg 42(2), applying reg 44(2)(g)
mediation-agreement mediation-agreement SEND Regulations 2014 reg 42(3)"
# A refusal to issue a plan: the draft in 5 weeks and the plan in 11.
b=$(ehc request new --forename Mia --surname Park --dob 2014-03-03 \
    --received 2026-01-05)
ehc decide "$b" assess --date 2026-02-10
ehc decide "$b" no-issue --date 2026-04-20 --reason "needs met at school"
ehc dispute "$b" notice --about no-issue --date 2026-04-20
ehc dispute "$b" mediation --date 2026-04-22
ehc dispute "$b" mediated --date 2026-05-20
ehc_check 0 "" "" -- "$EHC" dispute "$b" agreement -A make-plan \
    --date 2026-05-20
test_expect "the draft and the final plan" \
    "$(field "$b" deadlines agreement-order due :draft) \
$(field "$b" deadlines agreement-order due :final)" "2026-06-24 2026-08-05"
# Exported and imported, the agreement's order comes back.
ehc export "$b" >b.json
test_expect "the export carries the order" "$(python3 -c '
import json, sys
print([o["kind"] for o in json.load(open("b.json"))["tribunal_orders"]])')" \
    "['agreed-make-plan']"

# The age-25 dates for every plan in force, however young the child.
export EHC_TODAY=2026-09-10
c=$(plan Ada 2015-10-14)
test_expect "a 10-year-old's age-25 dates" \
    "$(field "$c" reminders age-25 due) \
$(field "$c" reminders age-25-year-end due) \
$(field "$c" reminders age-26-limit due)" "2040-10-14 2041-07-31 2041-10-13"
test_desc "case show lists them, after the phase transfers"
ehc_check 0 "~\\(age-25-year-end\\) +2041-07-31 +- +open" "" -- \
    "$EHC" case show "$c"
test_desc "--explain: the end of the academic year of the 25th birthday"
ehc_check 0 "~the age of 25 is reached on 2040-10-14; the academic year it falls in ends on 31 July: 2041-07-31" "" -- \
    "$EHC" case show "$c" --explain
test_expect "none of the age dates takes a row in the store" \
    "$(sqlite3 "$EHC_DB" "SELECT count(*) FROM deadline WHERE rule_id IN
    ('school-age-end', 'age-25', 'age-25-year-end', 'age-26-limit')")" 0

# A year group out of age: shown, and named in the phase transfers.
test_expect "no year line in the year group of their age" \
    "$(ehc case show "$c" | grep -c '^year:')" 0
ehc_check 0 "" "" -- "$EHC" case year-group "$c" 5
test_desc "case show says the year group"
ehc_check 0 "~year: +5, out of year group \\(1 below year 6 of their age\\)" \
    "" -- "$EHC" case show "$c"
test_expect "and --json" "$(ehc case show "$c" --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(j["year_group"], j["year_offset"])')" "5 -1"
test_desc "--explain: the transfers use the recorded year group"
ehc_check 0 "~the move Y6-Y7 is derived from the date of birth: year 7 starts on 2028-09-01, by the year group recorded for a child educated out of year group, 1 below that of their age" \
    "" -- "$EHC" case show "$c" --explain
ehc_check 0 "" "" -- "$EHC" case year-group "$c" 6
test_expect "back in the year group of their age" \
    "$(ehc case show "$c" --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(j["year_group"], j["year_offset"])')" "None 0"
test_done
