#!/bin/sh
# make demo: a fresh store in a temporary place filled by `ehc demo` with
# an authority the size of Northumberland (7,500 requests over six years,
# about 4,000 plans), then what the team sees: the morning's due list,
# one case with every date explained, the 20-week timeliness report, and
# last one officer's morning list with the actions leading to each date.
# Usage: demo.sh EHC.  EHC_TODAY, when set, is the day the caseload runs
# up to; otherwise today.
set -eu
ehc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d "${TMPDIR:-/tmp}/ehc-demo.XXXXXX")
EHC_DB=$dir/ehc.db EHC_USER=demo
export EHC_DB EHC_USER
today=${EHC_TODAY:-$(date +%Y-%m-%d)}
year=$(( ${today%%-*} - 1 ))

echo "== ehc demo --cases 7500 (as of $today): a synthetic caseload"
"$ehc" init
"$ehc" demo --cases 7500 --seed 1

echo
echo "== ehc due: overdue, and due within 14 days (the first 20 of" \
    "$("$ehc" due | wc -l))"
"$ehc" due | head -n 20
echo "   ... and by officer:"
"$ehc" due --csv | awk -F, 'NR > 1 { print $8 }' | sort | uniq -c |
    awk '{ n = $1; $1 = ""; printf "   %-16s %4d\n", substr($0, 2), n }'

# A plan with a history: an exception, reviews, amendments and a phase
# transfer, when the store has one.
ref=$(sqlite3 "$EHC_DB" "SELECT c.ref FROM cases c WHERE c.cease_date IS
    NULL AND EXISTS (SELECT 1 FROM exception e WHERE e.case_id = c.id)
    AND EXISTS (SELECT 1 FROM phase_transfer p WHERE p.case_id = c.id)
    AND (SELECT count(*) FROM review r WHERE r.case_id = c.id) >= 2
    ORDER BY c.id LIMIT 1" 2>/dev/null || true)
ref=${ref:-EHC-000042}
echo
echo "== ehc case show $ref --explain"
"$ehc" case show "$ref" --explain

echo
echo "== ehc report timeliness --year $year"
"$ehc" report timeliness --year "$year"

# Last, what one officer reads first thing: their morning list, the
# actions that lead to each statutory date as well as the dates, as
# cron mails it (examples/ehc-due.cron).
officer=$("$ehc" officer list | awk -F'\t' '$4 > max { max = $4; o = $1 }
    END { print o }')
echo
echo "== ehc due --officer \"$officer\": one officer's morning list," \
    "with the actions (the first 25 of $("$ehc" due --officer "$officer" |
    wc -l))"
"$ehc" due --officer "$officer" | head -n 25

echo
echo "The demo store is $EHC_DB; try: EHC_DB=$EHC_DB $ehc case list | less"
