#!/bin/bash
# Phase transfers the law fixes by age (reg 18; statutory-rules.md 4.5,
# worked example 16), derived from the date of birth for every plan in
# force; a child educated out of year group; the authority's infant and
# junior schools; a recorded kind checked against the year group; the
# cohort report.  Also the ages (s83, s46), the review decision and
# long-stop of Devon (4.3), a missed review report and the coronavirus
# exception (8.2).
. "$(dirname "$0")/lib.sh"

# field CASE ARRAY RULE FIELD [N]
field() {
	ehc case show "$1" --json | python3 -c '
import json, sys
arr, rule, field, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
d = [x for x in json.load(sys.stdin)[arr] if x["rule"] == rule]
v = d[n - 1][field] if len(d) >= n else "<missing>"
print("null" if v is None else v)' "$2" "$3" "$4" "${5:-1}"
}
plan() {	# plan FORENAME DOB: a plan issued 2025-06-02
	plan_issued "$1" Hart "$2" --officer jbloggs
}

export EHC_TODAY=2026-09-10
ehc init
# Born 2015-10-14: in year 6 in 2026/27, nothing recorded.
a=$(plan Ada 2015-10-14)
test_expect "year 6 to 7 derived: by 14 February 2027" \
    "$(field "$a" deadlines phase-transfer due) $(field "$a" deadlines \
    phase-transfer subject) $(field "$a" deadlines phase-transfer warning)" \
    "2027-02-14 Y6-Y7 2027-02-12"
test_desc "--explain gives the back-planning dates"
ehc_check 0 "~propose the amendments by 2026-12-20 .*review meeting by 2026-11-22 \\(practically 2026-11-20\\)" \
    "" -- "$EHC" case show "$a" --explain
test_expect "then year 11 to post-16: by 30 March 2032" \
    "$(field "$a" deadlines phase-transfer due 2)" 2032-03-30
test_expect "compulsory school age ends on the last Friday of June 2032" \
    "$(field "$a" reminders school-age-end due)" 2032-06-25

# A kind that does not fit the year group is refused, saying why.
b=$(plan Ben 2016-01-10)
test_desc "a post-16 transfer for a 10-year-old"
ehc_check 65 "" "~year group: on 2026-09-01 they are 10, in year 6" -- \
    "$EHC" review "$b" phase-transfer --date 2026-09-01 --kind post-16
ehc_refuse 65 "a move between post-16 institutions at 10" -- \
    "$EHC" review "$b" phase-transfer --date 2026-09-01 --kind post-16-move

# Educated a year below: the transfer into year 12 moves a year later.
c=$(plan Cal 2010-10-01)
test_expect "year 11 to 12 by age" \
    "$(field "$c" deadlines phase-transfer due)" 2027-03-30
ehc_refuse 65 "a year group 4 from the child's age" -- \
    "$EHC" case year-group "$c" 6
ehc_refuse 64 "a year group that is not one" -- \
    "$EHC" case year-group "$c" eleven
ehc_check 0 "" "" -- "$EHC" case year-group "$c" 10
test_expect "a year below: by 30 March 2028" \
    "$(field "$c" deadlines phase-transfer due)" 2028-03-30
ehc_check 0 "" "" -- "$EHC" review "$c" phase-transfer --date 2028-09-04 \
    --kind post-16
test_expect "the recorded transfer replaces the derived one" \
    "$(field "$c" deadlines phase-transfer subject) $(field "$c" deadlines \
    phase-transfer due 2)" "post-16 <missing>"

# Infant and junior schools: year 2 to 3 is a transfer too.
d=$(plan Dot 2019-10-14)
test_expect "no year 2 to 3 without infant and junior schools" \
    "$(field "$d" deadlines phase-transfer subject)" Y6-Y7
ehc_refuse 65 "an unknown setting value" -- \
    "$EHC" config infant-junior maybe
ehc_check 0 "" "" -- "$EHC" config infant-junior Y
test_expect "year 2 to 3 by 14 February 2027" \
    "$(field "$d" deadlines phase-transfer due) $(field "$d" deadlines \
    phase-transfer subject)" "2027-02-14 Y2-Y3"
test_expect "ehc config shows it" "$(ehc config infant-junior)" Y

# The cohort report lists every case due a transfer in the year.
test_expect "the cohort: one row per case" "$(ehc report phase-cohort \
    --year 2027 --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)["rows"]
print(" ".join(r["case"] + " " + r["kind"] for r in rows))')" \
    "EHC-000001 Y6-Y7 EHC-000002 Y6-Y7 EHC-000004 Y2-Y3"

# Devon: a decision to amend starts the 12-week long-stop; a notice
# after the 4 weeks makes the decision late.
export EHC_TODAY=2026-12-01
ehc review "$b" meeting --date 2026-01-05
ehc review "$b" decide amend --date 2026-02-02
test_expect "the amended plan is due 12 weeks after the meeting" \
    "$(ehc due --json | python3 -c '
import json, sys
print([(r["case"], r["due"], r["status"]) for r in json.load(sys.stdin)
       if r["rule"] == "amended-plan"])')" \
    "[('EHC-000002', '2026-03-30', 'overdue')]"
ehc amend "$b" propose --date 2026-02-16
test_expect "a notice after meeting + 4 weeks: the decision is late" \
    "$(field "$b" deadlines review-decision status)" late
test_expect "a report never received is overdue, not void" \
    "$(field "$b" deadlines review-report status)" overdue

# Ages: 25, the end of that academic year, the day before 26.
e=$(plan Eve 2001-08-15)
test_expect "the age dates" "$(field "$e" reminders age-25 due) \
$(field "$e" reminders age-25-year-end due) \
$(field "$e" reminders age-26-limit due)" "2026-08-15 2027-07-31 2027-08-14"

# The coronavirus exception only for deadlines from 2020-05-01 to
# 2020-09-25.
export EHC_TODAY=2020-06-01
f=$(ehc request new --forename Fay --surname Hart --dob 2015-01-01 \
    --received 2020-03-02)
ehc_check 0 "" "" -- "$EHC" exception "$f" final-plan coronavirus \
    --date 2020-06-01
test_desc "refused for a deadline before 2020-05-01"
ehc_check 65 "" "~only to deadlines falling from 2020-05-01 to 2020-09-25" -- \
    "$EHC" exception "$f" decide-assess coronavirus --date 2020-06-01
export EHC_TODAY=2026-12-01
ehc_refuse 65 "the coronavirus exception in 2026" -- \
    "$EHC" exception "$a" final-plan coronavirus --date 2026-12-01
test_done
