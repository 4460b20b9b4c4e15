#!/bin/bash
# t2050-sen2-items: every SEN2 item can be recorded by a command and
# reaches the return: the UPN-unknown reason, RYA, PlanRes and PlanWBP
# from the setting named, Exported when the child moves away before a
# plan; and a plan in force without a primary need is an error.
. "$(dirname "$0")/lib.sh"

dt="--datetime 2026-02-01T09:30:00"

export EHC_TODAY=2026-01-15
ehc init >/dev/null
for kv in "lea 929" "dmo N" "dco Y" "dsco Y"; do
	ehc config $kv
done

# UPNunknown and RYA on the request.
test_desc "a request for a child with no UPN says why"
ehc_check 0 "EHC-000001" "" -- "$EHC" request new --forename Ivy \
    --surname Moss --dob 2022-03-03 --received 2025-09-01 --source parent \
    --sex F --ethnicity WBRI --upn-unknown UN1 --rya
ehc_refuse 65 "an unknown UPN-unknown reason" -- "$EHC" request new \
    --forename A --surname B --dob 2020-01-01 --received 2025-09-01 \
    --upn-unknown UN4
ehc_refuse 65 "a UPN-unknown reason with a UPN" -- "$EHC" request new \
    --forename A --surname B --dob 2020-01-01 --received 2025-09-01 \
    --upn C929000000017 --upn-unknown UN2

# PlanRes and PlanWBP from the setting named in the plan.
p=$(ehc request new --forename Leo --surname Marsh --dob 2008-02-01 \
    --received 2025-02-03 --source school --sex M --ethnicity WBRI \
    --upn C929000000017)
ehc decide "$p" assess --date 2025-03-10
ehc decide "$p" issue --date 2025-05-20
ehc draft "$p" issue --date 2025-05-21
ehc draft "$p" final --date 2025-06-23
ehc case need "$p" SLD
test_desc "a residential college named in the plan"
ehc_check 0 "1" "" -- "$EHC" placement "$p" named --ukprn 10012345 \
    --res A --wbp S
ehc placement "$p" attends --ukprn 10012345 --from 2025-06-23 --res A \
    >/dev/null
ehc_refuse 65 "a residential code not A or B" -- \
    "$EHC" placement "$p" named --ukprn 10012345 --res C

# Exported: the family moves away during the assessment.
e=$(ehc request new --forename Ola --surname Reed --dob 2014-07-07 \
    --received 2025-06-02 --source parent --sex F --ethnicity WBRI \
    --upn N929090000001)
ehc decide "$e" assess --date 2025-07-01
ehc_refuse 65 "a move that has not happened yet" -- \
    "$EHC" transfer "$e" out --to 390 --move 2026-02-01 --date 2026-01-10
ehc_refuse 65 "a move to an authority that is not three digits" -- \
    "$EHC" transfer "$e" out --to 39 --move 2025-09-01 --date 2025-08-20
test_desc "the move before a plan closes the request"
ehc_check 0 "" "" -- "$EHC" transfer "$e" out --to 390 --move 2025-09-01 \
    --date 2025-08-20
ehc_refuse 65 "a step on the closed request" -- \
    "$EHC" decide "$e" issue --date 2025-10-01
test_expect "the case's deadlines are void" \
    "$(ehc case show "$e" --json | python3 -c 'import json, sys
print(sorted({d["status"] for d in json.load(sys.stdin)["deadlines"]
              if d["done"] is None}))')" "['void']"

test_desc "the return"
ehc_check 0 "" "~ 0 errors" -- "$EHC" report sen2 --year 2026 --csv out $dt
test_expect "UPNunknown reaches the person row" \
    "$(csv_rows out/sen2_person.csv Surname UPN UPNunknown)" "Moss||UN1
Marsh|C929000000017|
Reed|N929090000001|"
test_expect "RYA and Exported reach the request rows" \
    "$(csv_rows out/sen2_requests.csv RequestsID RYA RequestOutcome \
    RequestOutcomeDate Exported)" "1|1|A||
2|0|Y|2025-03-10|
3|0|Y|2025-07-01|390"
test_expect "nothing further for the request that was exported" \
    "$(csv_rows out/sen2_assessment.csv RequestsID AssessmentOutcome)" "2|Y"
test_expect "PlanRes and PlanWBP from the setting named" \
    "$(csv_rows out/sen2_namedplan.csv PlanRes PlanWBP)" "A|S"
test_expect "the setting attended keeps its own Res" \
    "$(csv_rows out/sen2_placementdetail.csv UKPRN Res WBP)" "10012345|A|"
test_desc "the message for the return"
ehc_check 0 "" "~ 0 errors" -- "$EHC" report sen2 --year 2026 --xml r.xml $dt
test_expect "it is valid against the 2026 schema" \
    "$(xmllint --noout --schema "$EHC_SRCDIR/tests/data/sen2-2026.xsd" \
    r.xml 2>&1)" "r.xml validates"

# A plan in force with no primary need is an error.
n=$(ehc request new --forename Noah --surname Bell --dob 2012-06-06 \
    --received 2025-02-05 --source parent --sex M --ethnicity WBRI \
    --upn-unknown UN2)
ehc decide "$n" assess --date 2025-03-10
ehc decide "$n" issue --date 2025-05-20
ehc draft "$n" issue --date 2025-05-21
ehc draft "$n" final --date 2025-06-23
ehc placement "$n" named --urn 100003 >/dev/null
ehc placement "$n" attends --urn 100003 --from 2025-06-23 --sen-unit \
    >/dev/null
test_desc "--check finds the plan without a primary need"
ehc_check 65 "~^ehc-070	error	Active Plan	4		" "" -- \
    "$EHC" report sen2 --year 2026 --check
test_desc "a second need alone is not a primary one"
ehc case need "$n" HI --rank 2
ehc_check 65 "~^ehc-070	error" "" -- "$EHC" report sen2 --year 2026 --check
ehc case need "$n" SEMH
test_desc "with it the return has no errors"
ehc_check 0 "" "" -- "$EHC" report sen2 --year 2026 --check

test_done
