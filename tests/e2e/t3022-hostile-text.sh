#!/bin/bash
# Hostile text and hostile files (issue 14): the one validator at every
# door (options, the environment, CSV, JSON): valid UTF-8, no NUL, no C0
# or C1 control, no bidirectional control, a length limit, no repeated
# JSON key; a spreadsheet formula written to CSV as text; and exit
# statuses that say what happened: a file that is not a store, a store
# that is damaged, an empty file never turned into a store, a report
# that cannot be written.
. "$(dirname "$0")/lib.sh"

ehc init
ehc request new -f Amira -s Khan -b 2016-09-12 -r 2026-01-05 -x F \
    --upn C929000000017 >/dev/null
ehc decide EHC-000001 assess --date 2026-01-20

# --- 9. One validator for every text that enters -----------------------

esc=$(printf 'jo\033[31m')
ehc_refuse 64 "-u with an ANSI escape" -- "$EHC" -u "$esc" case flag \
    EHC-000001 chc
test_desc "said once, without the escape"
ehc_check 64 "" "ehc case: --user: the user name contains a control \
character; remove it" -- "$EHC" -u "$esc" case show EHC-000001
ehc_refuse 65 "EHC_USER with a line break (forged lines in 'audit CASE')" \
    -- env EHC_USER="$(printf 'jo\n2026-01-01T00:00:00Z\tboss\tdecide')" \
    "$EHC" case flag EHC-000001 chc
ehc_refuse 65 "EHC_USER with a byte that is not UTF-8" -- \
    env EHC_USER="$(printf 'jo\377')" "$EHC" case flag EHC-000001 chc
ehc_refuse 65 "EHC_USER of 100 KB" -- \
    env EHC_USER="$(head -c 100000 /dev/zero | tr '\0' x)" "$EHC" case \
    flag EHC-000001 chc
ehc_refuse 64 "-u of 101 characters" -- "$EHC" -u "$(head -c 101 \
    /dev/zero | tr '\0' x)" case list
ehc_refuse 65 "EHC_USER with U+009B (a C1 escape)" -- \
    env EHC_USER="$(printf 'jo\302\233')" "$EHC" case flag EHC-000001 chc
ehc_refuse 65 "EHC_USER with U+202E (right-to-left override)" -- \
    env EHC_USER="$(printf 'jo\342\200\256eco')" "$EHC" case flag \
    EHC-000001 chc
test_desc "none of it reached the audit log"
ehc_check 0 "~^[0-9T:Z-]+	tester	request new	.*
[0-9T:Z-]+	tester	decide assess	date=2026-01-20$" "" -- "$EHC" audit \
    EHC-000001
for c in '\302\233' '\302\200' '\302\237' '\342\200\252' '\342\200\256' \
    '\342\201\246' '\342\201\251'; do
	ehc_refuse 65 "a surname with $c" -- "$EHC" request new -f Ada \
	    -s "$(printf "Love${c}lace")" -b 2015-01-01 -r 2026-01-05
done
ehc_refuse 65 "a note with U+202E" -- "$EHC" note EHC-000001 \
    -d 2026-01-22 -k call -m "$(printf 'called \342\200\256 back')"
test_desc "a name that is ordinary UTF-8 is fine"
ehc_check 0 "EHC-000002" "" -- "$EHC" request new -f "Zoë" -s "Ó Néill" \
    -b 2015-01-01 -r 2026-01-05

# JSON: "Jo\u0000nes" would be cut to "Jo"; a key given twice would be
# taken first-wins; C1 and bidi controls passed import case.  The case
# has no UPN, so that nothing else in it is refused.
ehc export "$(ehc case list | grep 'Zoë' | cut -f1)" |
    sed 's/"surname":"Ó Néill"/"surname":"Khan"/' >good.json
jsonbad() {
	python3 - good.json "$1" <<'PY'
import json, sys
s = open(sys.argv[1]).read()
rule = sys.argv[2]
if rule == "nul":
    s = s.replace('"surname":"Khan"', '"surname":"Kh\\u0000an"')
elif rule == "twice":
    s = s.replace('"surname":"Khan"', '"surname":"Khan","surname":"Smith"')
elif rule == "twice-deep":
    s = s.replace('"action":"request new"',
                  '"action":"request new","action":"x"', 1)
elif rule == "c1":
    s = s.replace('"surname":"Khan"', '"surname":"Kh\\u009ban"')
elif rule == "bidi":
    s = s.replace('"surname":"Khan"', '"surname":"Kh\\u202ean"')
elif rule == "raw-nul":
    s = s.replace('"surname":"Khan"', '"surname":"Kh\0an"')
assert s != open(sys.argv[1]).read()
sys.stdout.write(s)
PY
}
for rule in nul twice twice-deep c1 bidi raw-nul; do
	jsonbad $rule >bad-$rule.json
	ehc_refuse 65 "a case file: $rule" -- "$EHC" import case \
	    bad-$rule.json
done
test_desc "\\u0000 is named, not cut at"
ehc_check 65 "" "~^ehc import: the case file holds \\\\u0000 \(a NUL\) at \
byte [0-9]+; no text may hold one$" -- "$EHC" import case bad-nul.json
test_desc "a key given twice is named"
ehc_check 65 "" "ehc import: the case file repeats the key 'surname' in \
one object; give each key once" -- "$EHC" import case bad-twice.json
printf '{"england-and-wales":{"division":"x","events":[{"title":"Day\\u0000",
"date":"2026-01-01"}]}}' >hol.json
ehc_refuse 65 "a bank-holidays file with \\u0000" -- "$EHC" holidays load \
    hol.json

# CSV: a SEN2 return with a NUL, or bytes that are not UTF-8, in a name.
ehc report sen2 --year 2026 --csv ret >/dev/null
mkdir other
EHC_DB=$TEST_DIR/other/ehc.db ehc init
csvbad() {
	rm -rf bad && cp -r ret bad &&
	python3 - bad/sen2_person.csv "$1" <<'PY'
import sys
p, rule = sys.argv[1], sys.argv[2]
b = open(p, "rb").read()
new = {"nul": b"Kh\0an", "ff": b"Kh\xffan", "c1": b"Kh\xc2\x9ban"}[rule]
assert b"Khan" in b
open(p, "wb").write(b.replace(b"Khan", new))
PY
}
for rule in nul ff c1; do
	csvbad $rule
	ehc_refuse 65 "a SEN2 return with a name holding $rule" -- env \
	    EHC_DB="$TEST_DIR/other/ehc.db" "$EHC" import sen2 bad
done
csvbad nul
test_desc "the NUL is named where it is, not cut at"
ehc_check 65 "" "~^ehc import: .*sen2_person.csv:2:[0-9]+: the field \
holds a NUL byte, which no text may; remove it$" -- env \
    EHC_DB="$TEST_DIR/other/ehc.db" "$EHC" import sen2 bad
csvbad ff
test_desc "bytes that are not UTF-8 are named"
ehc_check 65 "" "~^ehc import: .*sen2_person.csv:2:[0-9]+: Surname is \
not valid UTF-8" -- env EHC_DB="$TEST_DIR/other/ehc.db" "$EHC" import \
    sen2 bad

# --- 10. Spreadsheet formulas are written as text ----------------------

link='=HYPERLINK("http://x","click")'
calc="=cmd|' /C calc'!A0"
ehc request new -f Ann -s "$link" -b 2015-01-01 -r 2026-01-05 \
    -o "@SUM(1+1)" >/dev/null
ehc decide EHC-000003 assess --date 2026-01-06
ehc advice EHC-000003 request psychological --date 2026-01-07 \
    --from "$calc" >/dev/null
ehc request new -f Bea -s "'=quoted" -b 2015-01-01 -r 2026-01-05 \
    -o "+44 20 7946 0000" >/dev/null
test_desc "due --csv: an officer a formula would be is text; -14 stays"
ehc_check 0 "EHC-000004,decide-assess,,2026-02-16,overdue,-14,,'+44 20 \
7946 0000,,,,SEND Regulations 2014 reg 5(1) (and reg 4(1)),deadline,Bea \
'=quoted,,,false
EHC-000003,advice,A1,2026-02-18,overdue,-12,,'@SUM(1+1),,,,SEND \
Regulations 2014 reg 8(1),deadline,\"Ann =HYPERLINK(\"\"http://x\"\",\"\"click\
\"\")\",,,false" "" -- sh -c '"$EHC" due --csv | tr -d "\r" |
    grep -E "^EHC-00000[34],(decide-assess|advice),"'
test_desc "the advice report: the provider is text"
ehc_check 0 "~'=cmd\|' /C calc'!A0" "" -- "$EHC" report advice \
    --year 2026 --csv
test_desc "the caseload report: the officer's group is text"
ehc_check 0 "officer,'+44 20 7946 0000,0,1
officer,'@SUM(1+1),0,1" "" -- sh -c '"$EHC" report caseload --csv |
    tr -d "\r" | grep "^officer,'"'"'"'
rm -rf ret && ehc report sen2 --year 2026 --csv ret >/dev/null
test_expect "the SEN2 return: the surname is text, quoted as CSV needs" \
    "$(grep -o "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"\|''=quoted" \
    ret/sen2_person.csv)" "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"
''=quoted"
test_expect "read by Python's csv, as a spreadsheet reads it" \
    "$(python3 -c 'import csv, sys
for r in csv.DictReader(open("ret/sen2_person.csv", newline="")):
    if r["Forename"] in ("Ann", "Bea"):
        print(r["Surname"])')" "'$link
''=quoted"
rm -rf other && mkdir other && EHC_DB=$TEST_DIR/other/ehc.db ehc init
EHC_DB=$TEST_DIR/other/ehc.db ehc import sen2 ret >/dev/null
test_expect "ehc import sen2 takes the quote off again, exactly" \
    "$(EHC_DB=$TEST_DIR/other/ehc.db ehc case list | cut -f3 |
    grep -e Ann -e Bea)" "Ann $link
Bea '=quoted"
ehc report sen2 --year 2026 --xlsx ret.xlsx >/dev/null
test_expect "XLSX writes it as a string, not a formula (openpyxl)" \
    "$(python3 - ret.xlsx "$link" <<'PY'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("=HYPER"):
                print(ws.title, c.data_type, c.value == sys.argv[2])
PY
)" "Person s True"
ehc due --xlsx due.xlsx
test_expect "so does every other workbook: the due list's officers" \
    "$(python3 - due.xlsx <<'PY'
import sys
from openpyxl import load_workbook
for row in load_workbook(sys.argv[1]).active.iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value[:1] in "@+":
            print(c.data_type, c.value)
PY
)" "s @SUM(1+1)
s +44 20 7946 0000
s @SUM(1+1)"

# --- 11. Exit statuses tell the truth ----------------------------------

head -c 4096 /dev/urandom >noise.db
ehc_refuse 66 "a file that is not SQLite at all" -- env \
    EHC_DB="$TEST_DIR/noise.db" "$EHC" due
test_desc "said as what it is, not 'newer'"
ehc_check 66 "" "ehc due: '$TEST_DIR/noise.db' is not an ehc store (not \
an SQLite database); name the ehc store with --db" -- env \
    EHC_DB="$TEST_DIR/noise.db" "$EHC" due
sqlite3 other.sqlite "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
ehc_refuse 66 "another program's SQLite database" -- env \
    EHC_DB="$TEST_DIR/other.sqlite" "$EHC" due
cp "$EHC_DB" damaged.db
cp "$EHC_DB.key" damaged.db.key
sqlite3 damaged.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
printf 'scribbled over!scribbled over!!' | dd of=damaged.db bs=1 seek=100 \
    conv=notrunc 2>/dev/null
test_desc "a damaged store is said to be damaged, 74"
ehc_check 74 "" "~^ehc due: opening the store: the store is damaged \
\(.*\); restore it from a backup$" -- env EHC_DB="$TEST_DIR/damaged.db" \
    "$EHC" due
: >empty.db
chmod 644 empty.db
test_desc "EHC_DB=empty-file ehc due: not a store, and not made one"
ehc_check 66 "" "ehc due: '$TEST_DIR/empty.db' is an empty file, not an \
ehc store; name the store with --db, or make this one with 'ehc init'" \
    -- env EHC_DB="$TEST_DIR/empty.db" "$EHC" due
test_expect "the empty file is left empty, its mode as it was" \
    "$(stat -c '%s %a' empty.db; ls -A | grep -c '^empty.db.')" "0 644
0"
test_desc "report sen2 --check > /dev/full: 74, not 65"
ehc_check 74 "" "ehc report: cannot write the output: No space left on \
device" -- sh -c '"$EHC" report sen2 --year 2026 --check >/dev/full'

test_done
