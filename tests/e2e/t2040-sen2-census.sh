#!/bin/bash
# t2040-sen2-census: the SEN2 return is made as on its census day.  The
# return for 2026 made on the census day and the one made a year later,
# after the needs, the settings named and attended, the personal budget
# and the decisions have changed, are the same file; the 2027 return
# shows the changes.  Personal budgets recorded with 'ehc money' give
# PB, OA and DP; decisions before the collection period are H.
. "$(dirname "$0")/lib.sh"

dt="--datetime 2026-02-01T09:30:00"
xsd=$EHC_SRCDIR/tests/data/sen2-2026.xsd

export EHC_TODAY=2026-01-15
ehc init >/dev/null
for kv in "lea 929" "dmo N" "dco Y" "dsco Y"; do
	ehc config $kv
done
# P: assessed before the period (H), the plan issued in it (Y).
p=$(ehc request new --forename Amira --surname Khan --dob 2016-09-12 \
    --received 2024-09-02 --source parent --upn C929000000017 --sex F \
    --ethnicity APKN --postcode "NE61 1AA")
ehc decide "$p" assess --date 2024-10-10
ehc decide "$p" issue --date 2024-12-20
ehc draft "$p" issue --date 2025-01-02
ehc draft "$p" final --date 2025-01-27
ehc case need "$p" ASD
ehc case need "$p" SLCN --rank 2
ehc placement "$p" named --urn 100001 >/dev/null
ehc placement "$p" attends --urn 100001 --from 2025-01-27 >/dev/null
b=$(ehc money "$p" add personal-budget --amount 300 --per month \
    --start 2025-03-01 --covers social-care --direct-payment)
# S: a request undecided on the census day.
s=$(ehc request new --forename Pat --surname Shaw --dob 2015-08-08 \
    --received 2025-11-03 --source school --upn N929090000001 --sex M \
    --ethnicity WBRI)

test_desc "the 2026 return as CSV on the census day"
ehc_check 0 "" "~ 0 errors" -- "$EHC" report sen2 --year 2026 --csv c1 $dt
test_desc "the 2026 return as XML on the census day"
ehc_check 0 "" "~ 0 errors" -- "$EHC" report sen2 --year 2026 --xml x1.xml $dt
test_expect "the message is valid against the 2026 schema" \
    "$(xmllint --noout --schema "$xsd" x1.xml 2>&1)" "x1.xml validates"
test_expect "decided to assess before the period: H, no date" \
    "$(csv_rows c1/sen2_requests.csv RequestsID ReceivedDate RequestOutcome \
    RequestOutcomeDate)" \
    "1|2024-09-02|H|
2|2025-11-03|A|"
test_expect "the plan issued in the period: Y with its date" \
    "$(csv_rows c1/sen2_assessment.csv AssessmentOutcome AssessmentOutcomeDate \
    Week20)" "Y|2025-01-27|0"
test_expect "the personal budget recorded with ehc money: PB 1, DP S" \
    "$(csv_rows c1/sen2_namedplan.csv StartDate PB OA DP)" "2025-01-27|1|0|S"
test_expect "the needs in force" "$(csv_rows c1/sen2_senneed.csv SENtype \
    SENtypeRank)" "ASD|1
SLCN|2"
test_expect "the setting named" "$(csv_rows c1/sen2_plandetail.csv URN \
    PlacementRank)" "100001|1"
test_expect "the setting attended" "$(csv_rows c1/sen2_placementdetail.csv \
    URN EntryDate LeavingDate)" "100001|2025-01-27|"

# A year later, after changes, the 2026 return is the same.
export EHC_TODAY=2027-01-20
ehc case need "$p" SEMH --date 2026-05-01
ehc case need "$p" MLD --rank 2 --date 2026-05-01
ehc placement "$p" leave 1 --date 2026-07-20
ehc placement "$p" named --urn 100002 --from 2026-09-01 >/dev/null
ehc placement "$p" attends --urn 100002 --from 2026-09-01 >/dev/null
ehc money "$p" end "$b" --date 2026-06-30
ehc review "$p" meeting --date 2026-01-20
ehc review "$p" decide maintain --date 2026-02-03
ehc decide "$s" no-assess --date 2026-02-10
ehc request new --forename Rae --surname Voss --dob 2012-10-10 \
    --received 2026-02-02 --upn-unknown UN3 >/dev/null

test_desc "the 2026 return as CSV a year later"
ehc_check 0 "" "*" -- "$EHC" report sen2 --year 2026 --csv c2 $dt
n=0
for t in header person requests assessment namedplan plandetail \
    activeplans placementdetail senneed; do
	cmp -s "c1/sen2_$t.csv" "c2/sen2_$t.csv" && n=$((n + 1))
done
test_expect "all nine files byte for byte as on the census day" "$n" 9
test_desc "the 2026 XML a year later"
ehc_check 0 "" "*" -- "$EHC" report sen2 --year 2026 --xml x2.xml $dt
test_expect "the same message but for its serial" \
    "$(diff x1.xml x2.xml | grep '^[<>]' | tr -d ' ')" \
    "<<SerialNo>001</SerialNo>
><SerialNo>002</SerialNo>"

# The 2027 return has the changes.
test_desc "the 2027 return"
ehc_check 0 "" "*" -- "$EHC" report sen2 --year 2027 --csv c27 $dt
test_expect "2027: the needs changed in May 2026" \
    "$(csv_rows c27/sen2_senneed.csv RequestsID SENtype SENtypeRank)" \
    "1|SEMH|1
1|MLD|2"
test_expect "2027: the setting named from September" \
    "$(csv_rows c27/sen2_plandetail.csv URN)" "100002"
test_expect "2027: both settings attended in the period, with the dates" \
    "$(csv_rows c27/sen2_placementdetail.csv PlacementDetailSeq URN EntryDate \
    LeavingDate)" "1|100001|2025-01-27|2026-07-20
2|100002|2026-09-01|"
test_expect "2027: the personal budget ended in June: PB 0" \
    "$(csv_rows c27/sen2_namedplan.csv PB OA DP)" "0||"
test_expect "2027: the plan issued before the period is H" \
    "$(csv_rows c27/sen2_assessment.csv AssessmentOutcome \
    AssessmentOutcomeDate)" "H|"
test_expect "2027: the review decided after the census day of 2026" \
    "$(csv_rows c27/sen2_activeplans.csv ReviewMeeting LastReview \
    ReviewOutcome)" "2026-01-20|2026-02-03|M"
test_expect "2027: the refusal; the request after the census day is in" \
    "$(csv_rows c27/sen2_requests.csv RequestsID RequestOutcome \
    RequestOutcomeDate)" "1|H|
2|N|2026-02-10
3|A|"
test_expect "the history is kept, not overwritten" \
    "$(sqlite3 "$EHC_DB" "SELECT type || ' ' || rank || ' ' || start || \
    ' ' || coalesce(end, '-') FROM need ORDER BY id")" \
    "ASD 1 2025-01-27 2026-04-30
SLCN 2 2025-01-27 2026-04-30
SEMH 1 2026-05-01 -
MLD 2 2026-05-01 -"

# Organised arrangements, and direct payments covering more than one
# thing (DP I).
ehc money "$p" add personal-budget --amount 100 --per month \
    --start 2026-09-01 --covers education --direct-payment --organised \
    >/dev/null
ehc money "$p" add personal-budget --amount 50 --per month \
    --start 2026-10-01 --covers health --direct-payment >/dev/null
ehc report sen2 --year 2027 --csv c27b $dt 2>/dev/null
test_expect "two budgets in force: PB 1, OA 1, DP I" \
    "$(csv_rows c27b/sen2_namedplan.csv PB OA DP)" "1|1|I"
ehc_refuse 65 "organised arrangements on a placement" -- \
    "$EHC" money "$p" add placement --amount 10 --per year \
    --start 2026-09-01 --organised
ehc_refuse 65 "a need dated before the last change" -- \
    "$EHC" case need "$p" DS --date 2026-04-01
ehc_refuse 65 "a need dated after today" -- \
    "$EHC" case need "$p" DS --date 2027-02-01

test_done
