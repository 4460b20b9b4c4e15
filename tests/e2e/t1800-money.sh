#!/bin/bash
# ehc money and ehc report spend: totals computed by hand for a small
# caseload, with part months and a placement that ends mid-year.  A
# yearly amount is a twelfth a month; part months are pro rata by days,
# rounded to the penny.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-01-31
ehc init
new() {
	ehc request new --forename "$1" --surname Test --dob 2014-06-01 \
	    --received 2024-09-02 --officer "$2"
}
a=$(new Ada jbloggs)
b=$(new Ben asmith)
c=$(new Cal asmith)
ehc case need "$a" ASD
ehc case need "$b" SEMH
ehc case need "$c" ASD
test_desc "a placement for the whole year prints its number"
ehc_check 0 "1" "" -- "$EHC" money "$a" add placement --amount 24,000 \
    --per year --start 2025-04-01 --type special --provider "Oak School"
# 6,000 a year from 15 September to 10 February:
# Sep 500 x 16/30 = 266.67; Oct-Jan 4 x 500; Feb 500 x 10/28 = 178.57.
ehc money "$b" add placement --amount 6000.00 --per year \
    --start 2025-09-15 --end 2026-02-10 --type mainstream \
    --provider "Elm Primary" >/dev/null
# 100 a week for April: 100 x 30/7 = 428.57.
ehc money "$b" add top-up --amount 100 --per week --start 2025-04-01 \
    --end 2025-04-30 --band C --provider "Elm Primary" >/dev/null
# 150 a month from 20 November: Nov 150 x 11/30 = 55.00.
f=$(ehc money "$c" add personal-budget --amount 150 --per month \
    --start 2025-11-20 --covers social-care --direct-payment)
ehc money "$c" add indicative --amount 9999 --per once \
    --start 2025-10-01 >/dev/null

# spend BY KEY COLUMN: one amount of the JSON report, in pounds.
spend() {
	ehc report spend --year 2025 --by "$1" --json | python3 -c '
import json, sys
key, col = sys.argv[1], sys.argv[2]
doc = json.load(sys.stdin)
for r in doc["rows"]:
    if r[doc["by"]] == key:
        print("%.2f" % r[col])' "$2" "$3"
}
test_expect "April: 2,000.00 + 428.57" "$(spend month 2025-04 apr_2025)" \
    2428.57
test_expect "September: 2,000.00 + 266.67" \
    "$(spend month 2025-09 sep_2025)" 2266.67
test_expect "November: 2,000 + 500 + 55" "$(spend month 2025-11 nov_2025)" \
    2555.00
test_expect "February: 2,000 + 178.57 + 150" \
    "$(spend month 2026-02 feb_2026)" 2328.57
test_expect "ASD forecast: 24,000 + 655" "$(spend need ASD forecast)" \
    24655.00
test_expect "SEMH forecast: 2,445.24 + 428.57" \
    "$(spend need SEMH forecast)" 2873.81
test_expect "asmith to date: 2,266.67 + 428.57 + 355.00" \
    "$(spend officer asmith to_date)" 3050.24
test_expect "special schools" "$(spend setting special forecast)" \
    24000.00
test_expect "Elm Primary" "$(spend provider 'Elm Primary' forecast)" \
    2873.81
test_expect "the JSON total" "$(ehc report spend --year 2025 --json |
    python3 -c 'import json, sys; t = json.load(sys.stdin)["total"]
print(t["month"], t["to_date"], t["forecast"])')" "None 23050.24 27528.81"
test_desc "the text report ends with the totals"
ehc_check 0 "~Total +£23,050.24 +£27,528.81$" "" -- \
    "$EHC" report spend --year 2025
test_expect "CSV: a header and 12 months, the total last" \
    "$(ehc report spend --year 2025 --csv | sed -n '1p;$p' | tr -d '\r')" \
    "month,apr_2025,may_2025,jun_2025,jul_2025,aug_2025,sep_2025,oct_2025,nov_2025,dec_2025,jan_2026,feb_2026,mar_2026,to_date,forecast
total,2428.57,2000.00,2000.00,2000.00,2000.00,2266.67,2500.00,2555.00,2650.00,2650.00,2328.57,2150.00,23050.24,27528.81"
test_desc "the XLSX workbook"
ehc_check 0 "" "" -- "$EHC" report spend --year 2025 --xlsx spend.xlsx
test_expect "a real workbook with a chart" "$(python3 -c '
import zipfile
z = zipfile.ZipFile("spend.xlsx")
print(any(n.startswith("xl/charts/") for n in z.namelist()))')" True

# Direct payments: the first review within 3 months of the first payment:
# 2025-12-01 + 3 months - 1 day = Sat 2026-02-28, so act by Fri 02-27.
ehc_check 0 "" "" -- "$EHC" money "$c" paid "$f" --date 2025-12-01
test_expect "the review is on the due list" "$(ehc due --within 60 --json |
    python3 -c 'import json,sys; print([(r["rule"], r["due"], r["warning"]) for r in json.load(sys.stdin) if r["rule"] == "direct-payment-review"])')" \
    "[('direct-payment-review', '2026-02-28', '2026-02-27')]"
ehc money "$c" reviewed "$f" --date 2026-01-20
test_expect "and off it once done" \
    "$(ehc due --within 60 | grep -c direct-payment)" 0
ehc_check 0 "" "" -- "$EHC" money "$b" end 2 --date 2026-01-31
test_expect "a list shows the commitments" \
    "$(ehc money "$b" list | wc -l | tr -d ' ')" 2

ehc_refuse 65 "an amount with three decimals" -- "$EHC" money "$a" add \
    placement --amount 1.234 --per year --start 2025-04-01
ehc_refuse 65 "a negative amount" -- "$EHC" money "$a" add placement \
    --amount -5 --per year --start 2025-04-01
ehc_refuse 65 "an unknown period" -- "$EHC" money "$a" add placement \
    --amount 5 --per fortnight --start 2025-04-01
ehc_refuse 65 "an end before the start" -- "$EHC" money "$a" add placement \
    --amount 5 --per year --start 2025-04-01 --end 2025-03-01
ehc_refuse 65 "a direct payment that is not a personal budget" -- \
    "$EHC" money "$a" add placement --amount 5 --per year \
    --start 2025-04-01 --direct-payment
ehc_refuse 65 "a review of a payment never made" -- \
    "$EHC" money "$a" reviewed 1 --date 2026-01-01
ehc_refuse 1 "funding the case does not have" -- \
    "$EHC" money "$a" end 3 --date 2026-01-01
ehc_refuse 64 "money without a verb" -- "$EHC" money "$a"
test_done
