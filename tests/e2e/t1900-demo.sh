#!/bin/bash
# t1900-demo: ehc demo builds the same synthetic caseload for the same seed
# and today, with figures near those of docs/sen2-return.md section 2
# (loose bounds: 300 cases are a small sample), and refuses bad arguments.
. "$(dirname "$0")/lib.sh"

a=$TEST_DIR/a.db
b=$TEST_DIR/b.db
c=$TEST_DIR/c.db
for s in "$a" "$b" "$c"; do
	EHC_DB=$s ehc init
done

test_desc "demo --cases 300 --seed 7 builds and prints a summary"
ehc_check 0 "~^cases	300" "" -- "$EHC" --db "$a" demo --cases 300 --seed 7
test_desc "the same again in a second store"
ehc_check 0 "~^cases	300" "" -- "$EHC" --db "$b" demo -n 300 -s 7
EHC_DB=$c ehc demo -n 300 -s 8 >/dev/null

test_expect "same seed: same case list" \
    "$(EHC_DB=$a ehc case list --json | sha256sum)" \
    "$(EHC_DB=$b ehc case list --json | sha256sum)"
test_expect "same seed: same due list" \
    "$(EHC_DB=$a ehc due --json | sha256sum)" \
    "$(EHC_DB=$b ehc due --json | sha256sum)"
test_expect "same seed: same deadlines for a case" \
    "$(EHC_DB=$a ehc case show EHC-000042 --json | sha256sum)" \
    "$(EHC_DB=$b ehc case show EHC-000042 --json | sha256sum)"
if [ "$(EHC_DB=$a ehc case list --json | sha256sum)" != \
    "$(EHC_DB=$c ehc case list --json | sha256sum)" ]; then
	test_ok "another seed: another caseload"
else
	test_fail "another seed: another caseload"
fi
test_expect "there is something due" \
    "$(EHC_DB=$a ehc due --json | python3 -c \
    'import json,sys; print(len(json.load(sys.stdin)) > 0)')" True

# The figures, from what ehc itself reports about the store.
EHC_DB=$a ehc case list --json >cases.json
for ref in $(python3 -c '
import json
for c in json.load(open("cases.json")):
    if c["final_issued"]:
        print(c["case"])'); do
	EHC_DB=$a ehc case show "$ref" --json
done >plans.jsonl
python3 - "$EHC_TODAY" >checks.txt <<'PY'
import datetime, json, sys
D = datetime.date.fromisoformat
today = D(sys.argv[1])
cases = json.load(open("cases.json"))
plans = [json.loads(l) for l in open("plans.jsonl")]

def share(part, whole):
    return 100.0 * part / whole if whole else -1.0

def check(name, value, lo, hi):
    ok = lo <= value <= hi
    print("%s %s: %.1f (bounds %s to %s)" % ("ok" if ok else "FAIL", name,
                                              value, lo, hi))

def upn_ok(u):
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    if u is None:
        return True
    if len(u) != 13 or not u[1:].isdigit():
        return False
    return u[0] == letters[sum(int(u[i]) * (i + 1) for i in range(1, 13)) % 23]

check("cases", len(cases), 300, 300)
days = [(today - D(c["received"])).days for c in cases]
check("oldest request, years before today", max(days) / 365.25, 4.5, 6.01)
check("newest request, days before today", min(days), 0, 60)
check("requests in the last 3 years, %", share(sum(d < 3 * 365 for d in days),
      len(cases)), 55, 80)
check("male, %", share(sum(c["sex"] == "M" for c in cases), len(cases)),
      58, 82)
ages = [(D(c["received"]) - D(c["dob"])).days / 365.25 for c in cases]
check("aged 5-15 at request, %", share(sum(5 <= a < 16 for a in ages),
      len(ages)), 60, 90)
check("every UPN has its check letter", all(upn_ok(c["upn"]) for c in cases),
      1, 1)
decided = [c for c in cases if c["assess_decided"]]
assessed = [c for c in decided if c["stage"] != "not-assessed"]
check("assessed, % of decided", share(len(assessed), len(decided)), 55, 85)
check("decided within 6 weeks, %", share(sum(
      (D(c["assess_decided"]) - D(c["received"])).days <= 42
      for c in decided), len(decided)), 75, 100)
ended = [c for c in assessed if c["stage"] in ("plan", "ceased", "not-issued")]
issued = [c for c in cases if c["final_issued"]]
check("issued, % of finished assessments", share(len(issued), len(ended)),
      85, 100)
weeks = [(D(c["final_issued"]) - D(c["received"])).days for c in issued]
check("plans issued within 20 weeks, %", share(sum(w <= 140 for w in weeks),
      len(weeks)), 30, 65)
check("plans issued after a year, %", share(sum(w > 364 for w in weeks),
      len(weeks)), 0, 15)
check("plans ended, %", share(sum(c["stage"] == "ceased" for c in cases),
      len(issued)), 2, 30)
finals = [d for p in plans for d in p["deadlines"] if d["rule"] == "final-plan"]
check("Week20 exceptions, % of plans", share(sum(d["exception"] is not None
      for d in finals), len(finals)), 0, 15)
decisions = [d for p in plans for d in p["deadlines"]
             if d["rule"] == "review-decision" and d["done"]]
check("review decisions", len(decisions), 50, 2000)
check("review decisions within 4 weeks, %", share(sum(
      d["status"] == "met" for d in decisions), len(decisions)), 10, 60)
check("phase transfers", sum(d["rule"] == "phase-transfer"
      for p in plans for d in p["deadlines"]), 5, 1000)
PY
while IFS= read -r line; do
	case $line in
	"ok "*) test_ok "${line#ok }" ;;
	*) test_fail "${line#FAIL }" ;;
	esac
done <checks.txt
[ -s checks.txt ] || test_fail "the figures were computed"

# Usage errors: 64, nothing written: the store they name is the one
# whose digest ehc_refuse compares.
export EHC_DB=$c
ehc_refuse 64 "demo without --cases" -- "$EHC" demo
ehc_refuse 64 "demo --cases 0" -- "$EHC" demo --cases 0
ehc_refuse 64 "demo --cases -5" -- "$EHC" demo --cases -5
ehc_refuse 64 "demo --cases abc" -- "$EHC" demo --cases abc
ehc_refuse 64 "demo --cases too many" -- "$EHC" demo -n 99999999
ehc_refuse 64 "demo --seed x" -- "$EHC" demo -n 10 --seed x
ehc_refuse 64 "demo with an operand" -- "$EHC" demo -n 10 extra
ehc_refuse 64 "demo --bogus" -- "$EHC" demo -n 10 --bogus
ehc_refuse 64 "demo --cases without a value" -- "$EHC" demo -n
# Never beside real records.
ehc_refuse 65 "demo into a store with cases" -- "$EHC" demo -n 10
test_expect "the refusals compared the store they named" \
    "$(store_digest | grep -c .)" 1
test_desc "demo --help"
ehc_check 0 "~^usage: ehc demo \[-h\] -n cases \[-s seed\]$" "" -- \
    "$EHC" demo --help
ehc_refuse 66 "demo without a store" -- "$EHC" --db "$TEST_DIR/none.db" \
    demo -n 10
test_expect "and made none" "$(ls "$TEST_DIR/none.db" 2>/dev/null)" ""

# The demo's SEN2 returns have no errors, and their XML messages are
# valid against the schemas written from docs/sen2-return.md.
export EHC_DB=$TEST_DIR/d.db EHC_TODAY=2027-03-01
ehc init
ehc demo -n 300 -s 7 >/dev/null
for y in 2026 2027; do
	test_desc "the demo's $y return has no errors"
	ehc_check 0 "~query" "" -- "$EHC" report sen2 --year "$y" --check
done
for y in 2025 2026 2027; do
	xsd=$EHC_SRCDIR/tests/data/sen2-$((y < 2026 ? 2025 : 2026)).xsd
	test_desc "the demo's $y message"
	ehc_check 0 "" "~ 0 errors" -- "$EHC" report sen2 --year "$y" \
	    --xml "r$y.xml"
	test_expect "the demo's $y message is valid against $(basename "$xsd")" \
	    "$(xmllint --noout --schema "$xsd" "r$y.xml" 2>&1)" \
	    "r$y.xml validates"
done

test_done
