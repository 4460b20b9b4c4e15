#!/bin/bash
# The rest of a dispute (statutory-rules.md 5.3, 7.1-7.3): a mediation
# certificate extends the window to appeal a decision to cease and one
# appeal protects the plan whichever command records it (CFA s45(4));
# mediation declined (reg 34) and agreed (reg 42); the authority's
# response (HESC r.21); an unopposed appeal (reg 45); the family's
# windows lapse; every step out of order refused.
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
# count CASE RULE: how many deadlines and reminders carry the rule.
count() {
	ehc case show "$1" --json | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(sum(x["rule"] == sys.argv[1] for x in j["deadlines"] + j["reminders"]))' \
	    "$2"
}
plan() {	# plan: a plan issued 2025-06-02
	plan_issued Leo Park 2012-02-01
}

export EHC_TODAY=2026-07-15
ehc init
# A decision to cease on 2026-07-15, disputed; a certificate on 10-01
# moves the appeal to 11-01 (a Sunday), so Monday 11-02 (rule 12).
a=$(plan)
ehc cease "$a" decide --date 2026-07-15 --code 2
ehc_check 0 "" "" -- "$EHC" dispute "$a" notice --about cease \
    --date 2026-07-15
export EHC_TODAY=2026-10-01
ehc dispute "$a" contact --date 2026-07-20
ehc_check 0 "" "" -- "$EHC" dispute "$a" certificate --date 2026-10-01
test_expect "one appeal window, extended by the certificate" \
    "$(count "$a" appeal) $(field "$a" deadlines appeal due)" "1 2026-11-02"
export EHC_TODAY=2026-10-15
ehc_refuse 65 "ending the plan inside the extended window" -- \
    "$EHC" cease "$a" end --date 2026-10-15
export EHC_TODAY=2026-11-03
ehc_check 0 "" "" -- "$EHC" cease "$a" end --date 2026-11-03

# An appeal recorded on the dispute protects the plan as cease appeal
# does: one record.
export EHC_TODAY=2026-07-15
b=$(plan)
ehc cease "$b" decide --date 2026-07-15 --code 2
ehc dispute "$b" notice --about cease --date 2026-07-15
export EHC_TODAY=2026-08-03
ehc_check 0 "" "" -- "$EHC" dispute "$b" appeal --date 2026-08-03
export EHC_TODAY=2026-10-15
ehc_refuse 65 "ending the plan while the appeal is undecided" -- \
    "$EHC" cease "$b" end --date 2026-10-15
ehc_refuse 65 "the same appeal recorded again by cease" -- \
    "$EHC" cease "$b" appeal --date 2026-10-15
test_expect "the window is met by the appeal" \
    "$(field "$b" deadlines appeal status)" met
ehc_check 0 "" "" -- "$EHC" cease "$b" appeal-decided --date 2026-10-15
ehc_refuse 65 "the decision recorded again on the dispute" -- \
    "$EHC" dispute "$b" decided --date 2026-10-15
ehc_check 0 "" "" -- "$EHC" cease "$b" end --date 2026-10-15

# The family's windows lapse: shown so, never overdue, not in ehc due.
export EHC_TODAY=2026-06-10
c=$(ehc request new --forename Mia --surname Cole --dob 2015-01-01 \
    --received 2026-05-01)
ehc decide "$c" no-assess --date 2026-06-10
ehc dispute "$c" notice --about no-assess --date 2026-06-10
ehc_refuse 65 "mediation held before it was asked for" -- \
    "$EHC" dispute "$c" mediated --date 2026-06-10
ehc_refuse 65 "an agreement before any mediation" -- \
    "$EHC" dispute "$c" agreement --date 2026-06-10
ehc_refuse 65 "a response before an appeal" -- \
    "$EHC" dispute "$c" response --date 2026-06-10
ehc_refuse 65 "an unopposed appeal before an appeal" -- \
    "$EHC" dispute "$c" unopposed --date 2026-06-10
export EHC_TODAY=2026-06-12
# Told on Friday 06-12: the certificate within 3 working days, 06-17.
ehc_check 0 "" "" -- "$EHC" dispute "$c" declined --date 2026-06-12
test_expect "certificate within 3 working days of being told" \
    "$(field "$c" reminders mediation-certificate due)" 2026-06-17
ehc_refuse 65 "asking for mediation after declining it" -- \
    "$EHC" dispute "$c" mediation --date 2026-06-12
ehc_refuse 65 "declining twice" -- \
    "$EHC" dispute "$c" declined --date 2026-06-12
export EHC_TODAY=2026-09-02
test_expect "the appeal window has lapsed" \
    "$(field "$c" reminders appeal status)" lapsed
test_expect "and the mediation contact date" \
    "$(field "$c" reminders mediation-contact status)" lapsed
test_desc "case show says lapsed, not overdue"
ehc_check 0 "~\\(appeal\\) +2026-09-01 +- +lapsed" "" -- \
    "$EHC" case show "$c"
test_expect "ehc due lists none of them" "$(ehc due --within 0)" ""

# The authority's response and an unopposed appeal.
ehc dispute "$c" appeal --date 2026-08-28
test_expect "response within 30 working days of the appeal" \
    "$(field "$c" deadlines tribunal-response due)" 2026-10-12
ehc_check 0 "" "" -- "$EHC" dispute "$c" received --date 2026-09-02
test_expect "from receipt once recorded" \
    "$(field "$c" deadlines tribunal-response due)" 2026-10-14
test_desc "--explain shows the 6 weeks beside it"
ehc_check 0 "~6 weeks: 2026-10-14" "" -- "$EHC" case show "$c" --explain
ehc_check 0 "" "" -- "$EHC" dispute "$c" unopposed --date 2026-09-02
test_expect "unopposed: notify the assessment within 2 weeks" \
    "$(field "$c" deadlines unopposed-appeal due 1:notify)" 2026-09-16
test_expect "unopposed: the final plan within 14 weeks" \
    "$(field "$c" deadlines unopposed-appeal due 1:final)" 2026-12-09
test_expect "no response due once conceded" \
    "$(field "$c" deadlines tribunal-response status)" void
ehc_refuse 65 "conceding twice" -- \
    "$EHC" dispute "$c" unopposed --date 2026-09-02
ehc_check 0 "" "" -- "$EHC" dispute "$c" comply notify --date 2026-09-02
test_expect "complied" \
    "$(field "$c" deadlines unopposed-appeal status 1:notify)" met

# Mediation and its agreement (reg 42).
export EHC_TODAY=2026-07-01
d=$(plan)
ehc dispute "$d" notice --about content --date 2026-06-01
ehc dispute "$d" mediation --date 2026-06-02
ehc dispute "$d" mediated --date 2026-06-30
ehc_check 0 "" "" -- "$EHC" dispute "$d" agreement --date 2026-06-30
test_expect "the authority acts within 2 weeks" \
    "$(field "$d" deadlines mediation-agreement due)" 2026-07-14
ehc_refuse 65 "the health body's notice of the authority's agreement" -- \
    "$EHC" dispute "$d" health-told --date 2026-07-01
ehc_check 0 "" "" -- "$EHC" dispute "$d" agreement-done --date 2026-07-01
test_expect "done" "$(field "$d" deadlines mediation-agreement status)" met
e=$(plan)
ehc dispute "$e" notice --about content --date 2026-06-01
ehc dispute "$e" mediation --date 2026-06-02
ehc dispute "$e" mediated --date 2026-06-30
ehc_check 0 "" "" -- "$EHC" dispute "$e" health-agreement --date 2026-06-30
test_expect "the health body tells the authority within 1 week" \
    "$(field "$e" reminders mediation-agreement-health due)" 2026-07-07
test_expect "the new rules are in ehc rules with their regulations" \
    "$(ehc rules --json | python3 -c '
import json, sys
r = {x["id"]: x for x in json.load(sys.stdin)}
for i in ("cease-appeal-certificate", "mediation-certificate-declined",
          "mediation-agreement", "tribunal-response", "unopposed-amend"):
    print(i, r[i]["regulation"].split(" ")[0], r[i]["binds"])')" \
    "cease-appeal-certificate Tribunal family
mediation-certificate-declined SEND mediator
mediation-agreement SEND authority
tribunal-response Tribunal authority
unopposed-amend SEND authority"
test_done
