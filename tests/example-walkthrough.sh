#!/bin/bash
# examples/walkthrough.sh runs as documented and leaves the cases it says.
. "$(dirname "$0")/e2e/lib.sh"

test_desc "the walkthrough runs"
ehc_check 0 "*" "" -- "$EHC_SRCDIR/examples/walkthrough.sh" "$EHC"
export EHC_TODAY=2026-05-20
test_expect "four cases" "$(ehc case list | wc -l | tr -d ' ')" 4
test_expect "the first reached its final plan" \
    "$(ehc case show EHC-000001 --json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["stage"])')" plan
test_done
