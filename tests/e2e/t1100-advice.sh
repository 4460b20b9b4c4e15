#!/bin/bash
# ehc advice: requests with their 6-week clock from the adviser's
# receipt (reg 8), re-used advice (reg 6(4)), receipt, the chase list.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-06-30
ehc init
c=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-02 --officer jbloggs)
ehc_refuse 65 "advice before the decision to assess" -- \
    "$EHC" advice "$c" request psychological --date 2026-03-10
ehc decide "$c" assess --date 2026-04-10
test_desc "advice request prints the advice reference"
ehc_check 0 "A1" "" -- "$EHC" advice "$c" request psychological \
    --date 2026-04-15 --from "Educational Psychology Service"
test_desc "the clock starts when the adviser received the request"
ehc_check 0 "A2" "" -- "$EHC" advice "$c" request medical --date 2026-04-15 \
    --received-by 2026-04-17 --from "Community paediatrics"
test_desc "existing advice re-used under reg 6(4)"
ehc_check 0 "A3" "" -- "$EHC" advice "$c" reuse educational \
    --date 2026-04-16 --from "Head teacher's report of March 2026"
ehc_refuse 65 "re-used advice names its source" -- \
    "$EHC" advice "$c" reuse social-care --date 2026-04-16
json=$(ehc advice list "$c" --json)
test_expect "EP advice due 6 weeks after 2026-04-15" "$(printf '%s' "$json" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["due"])')" \
    2026-05-27
test_expect "medical advice due 6 weeks after receipt on 2026-04-17" \
    "$(printf '%s' "$json" | python3 -c \
    'import json,sys; print([a["due"] for a in json.load(sys.stdin) if a["advice"] == "A2"][0])')" \
    2026-05-29
test_expect "re-used advice has no clock" "$(printf '%s' "$json" |
    python3 -c 'import json,sys; print([a["status"] for a in json.load(sys.stdin) if a["advice"] == "A3"][0])')" \
    reused
test_desc "the chase list groups overdue advice by provider"
ehc_check 0 "~^Educational Psychology Service" "" -- \
    "$EHC" advice list --overdue
test_expect "two overdue in the chase list" \
    "$(ehc advice list --overdue | grep -c "$c")" 2
ehc_check 0 "" "" -- "$EHC" advice "$c" receive A1 --date 2026-06-01
ehc_refuse 65 "receiving advice twice" -- \
    "$EHC" advice "$c" receive A1 --date 2026-06-02
ehc_refuse 1 "receiving advice that was never asked for" -- \
    "$EHC" advice "$c" receive A9 --date 2026-06-02
ehc_refuse 65 "receiving advice before it was asked for" -- \
    "$EHC" advice "$c" receive A2 --date 2026-04-01
test_expect "late advice is late" "$(ehc advice list "$c" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"])')" \
    late
test_expect "one left on the chase list" \
    "$(ehc advice list --overdue | grep -c "$c")" 1
ehc_refuse 65 "an unknown advice type" -- \
    "$EHC" advice "$c" request astrology --date 2026-04-20
ehc_refuse 64 "advice without --date" -- \
    "$EHC" advice "$c" request medical
ehc_refuse 64 "an unknown advice verb" -- \
    "$EHC" advice "$c" demand medical --date 2026-04-20
test_done
