#!/bin/sh
# make demo: a fresh store in a temporary place, a few cases walked
# through the statutory clock, then what an officer sees each morning.
# Usage: demo.sh EHC
set -eu
ehc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ehc-demo.XXXXXX")
EHC_DB=$dir/ehc.db EHC_USER=demo
export EHC_DB EHC_USER
"$here/walkthrough.sh" "$ehc" >/dev/null
EHC_TODAY=2026-05-20
export EHC_TODAY
echo "== ehc due (as of $EHC_TODAY): overdue, and due within 14 days"
"$ehc" due
echo
echo "== ehc case show EHC-000002 --explain"
"$ehc" case show EHC-000002 --explain
echo
echo "== ehc advice list --overdue (the chase list, by provider)"
"$ehc" advice list --overdue
echo
echo "The demo store is $EHC_DB; try: EHC_DB=$EHC_DB $ehc case list"
