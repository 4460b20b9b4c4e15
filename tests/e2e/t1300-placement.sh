#!/bin/bash
# ehc placement and ehc config: what the SEN2 return needs beyond the
# workflow: settings named and attended, the authority's header fields.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-01-10
ehc init
c=$(ehc request new --forename Ann --surname Lee --dob 2014-05-01 \
    --received 2025-03-03 --upn C929000000017 --sex F --ethnicity WBRI)
ehc decide "$c" assess --date 2025-04-01
ehc decide "$c" issue --date 2025-06-01
ehc draft "$c" issue --date 2025-06-02
ehc draft "$c" final --date 2025-07-14
ehc case need "$c" SLCN
test_desc "naming a school prints the row's number"
ehc_check 0 "1" "" -- "$EHC" placement "$c" named --urn 101478
test_desc "naming another of the same rank adds it"
ehc_check 0 "2" "" -- "$EHC" placement "$c" named --urn 101479 --sen-unit
test_expect "the first, named from the plan's start, ends the day before" \
    "$(ehc placement "$c" list | grep '^named' | cut -f2,4,5)" \
    "1	URN 101478	2025-07-14 to 2026-01-09
2	URN 101479 (SEN unit)	2026-01-10 to now"
test_desc "the setting attended"
ehc_check 0 "1" "" -- "$EHC" placement "$c" attends --urn 101479 \
    --from 2025-09-03 --sen-unit
test_expect "list as JSON" "$(ehc placement "$c" list --json | python3 -c '
import json, sys
print([(p["kind"], p["urn"], p["sen_unit"], p["entry"], p["leaving"])
       for p in json.load(sys.stdin)])')" \
    "[('named', '101478', False, '2025-07-14', '2026-01-09'), \
('named', '101479', True, '2026-01-10', None), \
('attends', '101479', True, '2025-09-03', None)]"
ehc_refuse 65 "a setting named before the last one's start" -- \
    "$EHC" placement "$c" named --urn 101470 --from 2026-01-01
ehc_refuse 65 "a setting named from after today" -- \
    "$EHC" placement "$c" named --urn 101470 --from 2026-02-01
ehc_refuse 65 "a URN and a setting code together" -- \
    "$EHC" placement "$c" named --urn 101478 --setting EHE
ehc_refuse 65 "NEET named in a plan" -- \
    "$EHC" placement "$c" named --setting NEET
ehc_refuse 65 "a seven-digit URN" -- \
    "$EHC" placement "$c" named --urn 1014789
ehc_refuse 65 "an SEN unit without a URN" -- \
    "$EHC" placement "$c" named --setting OLA --sen-unit
ehc_refuse 65 "attending with no start" -- \
    "$EHC" placement "$c" attends --ukprn 10001234
ehc_refuse 1 "leaving a setting never attended" -- \
    "$EHC" placement "$c" leave 9 --date 2026-01-01
ehc_check 0 "" "" -- "$EHC" placement "$c" leave 1 --date 2026-01-09

ehc_refuse 65 "an LA number that is not three digits" -- \
    "$EHC" config lea 92
ehc_refuse 65 "a designated officer answer not Y, N or R" -- \
    "$EHC" config dmo maybe
ehc_refuse 1 "asking for a setting never set" -- "$EHC" config lea
for kv in "lea 929" "dmo N" "dco Y" "dsco R"; do
	ehc config $kv
done
ehc_check 0 "929" "" -- "$EHC" config lea
ehc_check 0 "dco=Y
dmo=N
dsco=R
lea=929
audit_key=$EHC_DB.key" "" -- "$EHC" config
test_desc "where the audit key is, and EHC_AUDIT_KEY moves it"
ehc_check 0 "$TEST_DIR/elsewhere.key" "" -- env \
    EHC_AUDIT_KEY="$TEST_DIR/elsewhere.key" "$EHC" config audit_key
ehc_refuse 64 "the audit key's place set in the store" -- "$EHC" config \
    audit_key /tmp/mine.key
ehc report sen2 --year 2026 --csv out >/dev/null
test_expect "the header carries the settings" \
    "$(sed -n 2p out/sen2_header.csv | cut -d, -f5,10-12 | tr -d '\r')" \
    "929,N,Y,R"
test_expect "the plan detail carries the named school" \
    "$(sed -n 2p out/sen2_plandetail.csv | cut -d, -f4,9 | tr -d '\r')" \
    "101479,1"
test_done
