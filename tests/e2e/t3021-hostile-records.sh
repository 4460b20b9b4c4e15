#!/bin/bash
# Hostile, against the records themselves (issue 14): nobody can make
# ehc silently lose, merge or forge them.  Disposal only by the real
# date, confirmed and limited; an audit chain that whoever can write the
# store cannot forge, cut or edit around; an imported chronology kept as
# the sender's evidence; a change never reported as failed once made;
# one child one person; corrections with history; nothing personal left
# behind by disposal.  Each check is the issue's own reproduction.
. "$(dirname "$0")/lib.sh"

ehc init
# A caseload of twelve (EHC-000001 to 12): hundreds of audit records.
ehc demo -n 12 >/dev/null 2>&1

# ehc_committed ERR -- COMMAND...: the command made its change but could
# not print (stdout is the full device): exit 4, nothing on stdout, the
# one line ERR.
ehc_committed() {
	local err=$1
	shift
	[ "$1" = "--" ] && shift
	ehc_check 4 "" "$err" -- sh -c '"$@" >/dev/full' sh "$@"
}

# --- 1. Disposal by the real date only, confirmed, limited --------------

# Three requests made long ago (EHC-000013 to 15), one of today's: the
# three are past DOB + 31 years whatever the real date, and more than
# 10% of the store's sixteen cases.
for n in 1 2 3; do
	EHC_TODAY=2000-06-01 ehc request new -f Old$n -s Person \
	    -b 1950-01-0$n -r 1960-01-05 >/dev/null
done
ehc request new -f Young -s Child -b 2016-09-12 -r 2026-01-05 >/dev/null
EHC_TODAY=2000-06-01 ehc case need EHC-000013 ASD -r 2
EHC_TODAY=2000-06-01 ehc note EHC-000013 -d 2000-05-01 -k call \
    -m "Mrs Person rang about the assessment"
EHC_TODAY=2000-06-01 ehc request withdraw EHC-000014 --date 2000-05-02 \
    --reason "family moved to Leeds"

ehc_refuse 64 "-t 2199-12-31 retention --apply (the issue's)" -- \
    "$EHC" -t 2199-12-31 retention --apply
ehc_refuse 64 "--today with --apply, even with --yes --force" -- \
    "$EHC" --today 2199-12-31 retention --apply --yes --force
ehc_refuse 78 "a forgotten EHC_TODAY with --apply" -- \
    env EHC_TODAY=2199-12-31 "$EHC" retention --apply --yes --force
test_desc "EHC_TODAY refused with one line saying why"
ehc_check 78 "" "ehc retention: EHC_TODAY is set, and records are \
removed by the real date only; unset it to apply the retention period" \
    -- env EHC_TODAY=2199-12-31 "$EHC" retention --apply --yes
ehc_refuse 64 "--apply with no --yes and no terminal" -- \
    env -u EHC_TODAY "$EHC" retention --apply
test_desc "it says how many and what to add"
ehc_check 64 "" "~^ehc retention: --apply would remove 3 cases \
\(listed by 'ehc retention'\); add --yes to remove them" -- \
    env -u EHC_TODAY "$EHC" retention --apply --force </dev/null
ehc_refuse 64 "three of sixteen cases at once, more than 10%" -- \
    env -u EHC_TODAY "$EHC" retention --apply --yes
test_desc "the limit says the numbers and how to go past it"
ehc_check 64 "" "~^ehc retention: --apply would remove 3 of the store's \
16 cases, more than the 10% one run may \(ehc config retention_max\); \
check the date and the period, and add --force if it is right; usage: " \
    -- env -u EHC_TODAY "$EHC" retention --apply --yes
ehc_refuse 65 "a limit of 0%" -- "$EHC" config retention_max 0
ehc_refuse 65 "a limit of 101%" -- "$EHC" config retention_max 101
ehc_refuse 64 "--yes without --apply" -- "$EHC" retention --yes
ehc_refuse 64 "--force without --apply" -- "$EHC" retention --force

# At a terminal, the number of cases typed back confirms; anything else
# does not.  A pty stands for the terminal: stdin and stderr on it,
# stdout to a file; the answer is written once the prompt is read.
at_terminal() {
	python3 - "$@" <<'PY'
import os, subprocess, sys
answer, argv = sys.argv[1].encode(), sys.argv[2:]
master, slave = os.openpty()
env = dict(os.environ)
env.pop("EHC_TODAY", None)
with open("tty.out", "wb") as out:
    p = subprocess.Popen(argv, stdin=slave, stdout=out, stderr=slave,
                         env=env)
    os.close(slave)
    seen = b""
    while b"to confirm: " not in seen:
        chunk = os.read(master, 4096)
        if not chunk:
            break
        seen += chunk
    os.write(master, answer + b"\n")
    try:
        while os.read(master, 4096):
            pass
    except OSError:
        pass
    status = p.wait()
sys.stdout.write(open("tty.out").read())
sys.exit(status)
PY
}
ehc config retention_max 100
before=$(store_digest)
test_desc "at a terminal, a wrong answer removes nothing"
ehc_check 64 "" "" -- at_terminal 2 "$EHC" retention --apply
test_expect "and the store is as it was" "$(store_digest)" "$before"
test_desc "at a terminal, the number typed back removes them"
ehc_check 0 "EHC-000013	1950-01-01	1981-01-01	removed
EHC-000014	1950-01-02	1981-01-02	removed
EHC-000015	1950-01-03	1981-01-03	removed" "" -- at_terminal 3 "$EHC" \
    retention --apply

# --- 8. Disposal leaves no special-category data behind ----------------

test_expect "a removed case's audit keeps action, time and user only" \
    "$(sqlite3 "$EHC_DB" "SELECT group_concat(action || '/' ||
    coalesce(detail, '-') || '/' || (user = 'tester') || '/' ||
    (at <> ''), ' ') FROM audit WHERE case_id = 13")" \
    "request new/-/1/1 case need/-/1/1 note/-/1/1 retention/removed case EHC-000013/1/1"
test_expect "its details, cease and exception reasons are gone from the \
file" "$(sqlite3 "$EHC_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    grep -c -a -e 'Mrs Person' -e 'Leeds' -e 'Old1' -e 'Old2' \
    "$EHC_DB")" 0
test_expect "and no removed case's detail is in the audit log" \
    "$(sqlite3 "$EHC_DB" "SELECT count(*) FROM audit WHERE case_id IN
    (13, 14, 15) AND detail IS NOT NULL AND action <> 'retention'")" 0
test_desc "and the chain and the seals still hold"
ehc_check 0 "~^[0-9]+ records, chain intact, 13 cases as sealed$" "" -- \
    "$EHC" audit verify --deep

# --- 3. An audit chain that cannot be forged, cut or edited around -----

test_expect "ehc init made the key beside the store, mode 0600" \
    "$(stat -c '%a %s' "$EHC_DB.key")" "600 65"
test_desc "ehc config shows where the key is"
ehc_check 0 "$EHC_DB.key" "" -- "$EHC" config audit_key
test_expect "the key is not in the store" \
    "$(sqlite3 "$EHC_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    grep -c -a -F "$(cut -c1-32 "$EHC_DB.key")" "$EHC_DB")" 0

anchor=$(ehc audit head)
test_expect "audit head prints the count and the head MAC" \
    "$(printf '%s\n' "$anchor" | grep -cE '^[0-9]+:[0-9a-f]{64}$')" 1
test_desc "verify against the anchor"
ehc_check 0 "~^[0-9]+ records, chain intact, anchored at record \
${anchor%%:*}$" "" -- "$EHC" audit verify --head "$anchor"
cp "$EHC_DB" pristine.db
restore() { cp pristine.db "$EHC_DB"; rm -f "$EHC_DB-wal" "$EHC_DB-shm"; }

# The issue's "short script": a row edited and the chain computed again
# as it used to be made, plain SHA-256, without the key.
python3 - "$EHC_DB" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE audit SET detail = 'date=2026-01-01' WHERE id = 9")
prev = c.execute("SELECT mac FROM audit WHERE id = 8").fetchone()[0]
for i, at, user, case, action, detail in c.execute(
        "SELECT id, at, user, case_id, action, detail FROM audit "
        "WHERE id >= 9 ORDER BY id").fetchall():
    h = hashlib.sha256(("%s\n%d\n%s\n%s\n%s\n%s\n%s" % (prev, i, at, user,
        case or "", action, detail or "")).encode()).hexdigest()
    c.execute("UPDATE audit SET prev_mac = ?, mac = ? WHERE id = ?",
              (prev, h, i))
    prev = h
c.commit()
PY
ehc_refuse 65 "a row edited and the chain made again without the key" -- \
    "$EHC" audit verify
test_desc "the edited row is named"
ehc_check 65 "" "~^ehc audit: audit record 9 was altered; the audit log \
has been tampered with: keep this store for investigation and restore \
from a backup$" -- "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "DELETE FROM audit WHERE id BETWEEN 20 AND 120;
    UPDATE audit SET id = id - 101 WHERE id > 120"
test_desc "101 rows deleted and the rest renumbered"
ehc_check 65 "" "~^ehc audit: an audit record was removed before 20; " \
    -- "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "UPDATE audit SET at = '2019-01-01T00:00:00Z'
    WHERE id = 30"
test_desc "a record back-dated"
ehc_check 65 "" "~^ehc audit: audit record 30 was altered; " -- \
    "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "INSERT INTO audit(at, user, case_id, action, detail,
    prev_mac, mac) SELECT '2019-01-01T00:00:00Z', 'mallory', 5,
    'decide no-assess', 'date=2019-01-01', mac, mac FROM audit WHERE id =
    (SELECT max(id) FROM audit)"
test_desc "a record added, back-dated"
ehc_check 65 "" "~^ehc audit: audit record [0-9]+ was altered; " -- \
    "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "DELETE FROM audit"
test_desc "DELETE FROM audit leaves an intact, empty chain"
ehc_check 0 "0 records, chain intact" "" -- "$EHC" audit verify
test_desc "which the anchor shows was cut"
ehc_check 65 "" "ehc audit: the audit log was cut: it ends at record 0, \
but the anchor names record ${anchor%%:*}; keep this store for \
investigation and restore from a backup" -- \
    "$EHC" audit verify --head "$anchor"
restore

sqlite3 "$EHC_DB" "DELETE FROM audit WHERE id > ${anchor%%:*} - 2"
ehc case flag EHC-000006 chc
ehc case flag EHC-000006 chc --clear
test_desc "the last records cut and the log written on"
ehc_check 65 "" "~^ehc audit: the audit log was cut and written again: \
record ${anchor%%:*} is not the one anchored; " -- \
    "$EHC" audit verify --head "$anchor"
restore

sqlite3 "$EHC_DB" "UPDATE person SET forename = 'Mallory' WHERE id =
    (SELECT person_id FROM cases WHERE id = 5)"
ehc_refuse 65 "a case row edited outside ehc, --deep" -- \
    "$EHC" audit verify --deep
test_desc "the case and the table are named"
ehc_check 65 "" "~^ehc audit: EHC-000005's person rows were changed \
outside ehc after audit record [0-9]+; keep this store" -- \
    "$EHC" audit verify --deep
restore
sqlite3 "$EHC_DB" "DELETE FROM note WHERE id = (SELECT min(id) FROM note)"
test_desc "a note deleted outside ehc, --deep"
ehc_check 65 "" "~^ehc audit: EHC-[0-9]{6}'s note rows were changed \
outside ehc" -- "$EHC" audit verify --deep
restore
test_desc "restored, everything holds"
ehc_check 0 "~chain intact, anchored at record [0-9]+, 13 cases as \
sealed$" "" -- "$EHC" audit verify --deep --head "$anchor"

ehc_refuse 64 "an anchor that is not one" -- "$EHC" audit verify \
    --head 12:zz
ehc_refuse 64 "--deep with a case" -- "$EHC" audit --deep EHC-000005
mv "$EHC_DB.key" away.key
ehc_refuse 78 "verify with the key gone" -- "$EHC" audit verify
ehc_refuse 78 "a write with the key gone" -- "$EHC" case flag EHC-000005 \
    chc
test_desc "reading needs no key"
ehc_check 0 "~^EHC-000005	" "" -- "$EHC" case list
test_desc "EHC_AUDIT_KEY names it elsewhere"
ehc_check 0 "~chain intact" "" -- env EHC_AUDIT_KEY="$TEST_DIR/away.key" \
    "$EHC" audit verify
printf '%064d\n' 7 >"$EHC_DB.key"
ehc_refuse 78 "another key" -- "$EHC" audit verify
test_desc "named as not the store's"
ehc_check 78 "" "~^ehc audit: the audit key '.*' is not the key this \
store's audit log was made with" -- "$EHC" audit verify
mv away.key "$EHC_DB.key"

# --- 4. An imported chronology is the sender's evidence ----------------

ehc export EHC-000005 >sent.json
python3 - sent.json forged.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = len(d["chronology"])
d["chronology"][n // 2:n // 2] = [
    {"at": "2199-12-31T00:00:00Z", "user": "mallory", "action": "retention",
     "detail": "removed case EHC-000005"},
    {"at": "2199-12-31T00:00:01Z", "user": "mallory",
     "action": "decide no-assess", "detail": None}]
json.dump(d, open(sys.argv[2], "w"))
PY
sent=$(python3 -c 'import json; print(len(json.load(open("forged.json"))["chronology"]))')
new=$(ehc import case forged.json)
test_expect "the import is this store's only record of the new case" \
    "$(ehc audit "$new" | cut -f3-)" "case import	from=EHC-000005 \
authority=929 history=$sent"
test_expect "nothing of the file is in this store's audit log" \
    "$(sqlite3 "$EHC_DB" "SELECT count(*) FROM audit WHERE user =
    'mallory' OR at LIKE '2199%'")" 0
test_expect "the chronology is kept whole, as the sender's, marked" \
    "$(ehc export "$new" | python3 -c 'import json, sys
d = json.load(sys.stdin)
h = d["history"]
print(len(h), sorted({(x["source"], x["imported_by"]) for x in h}),
      [x["action"] for x in h].count("retention"))')" \
    "$sent [('929', 'tester')] 1"
test_desc "and the chain and seals hold"
ehc_check 0 "~chain intact, 14 cases as sealed$" "" -- "$EHC" audit \
    verify --deep

# --- 5. A change made is never reported as failed ----------------------

test_desc "request new > /dev/full: committed, exit 4"
ehc_committed "ehc request: EHC-000018 was created, but its reference \
could not be written: No space left on device" -- "$EHC" request new \
    -f Amira -s Khan -b 2016-09-12 -x F -r 2026-01-05 --upn C929000000017
test_expect "and the case is there, once" \
    "$(ehc case list | grep -c 'Amira Khan')" 1
ehc_refuse 65 "the retry, which made a duplicate" -- "$EHC" request new \
    -f Amira -s Khan -b 2016-09-12 -x F -r 2026-01-05 --upn C929000000017
test_desc "money add > /dev/full"
ehc_committed "~^ehc money: funding [0-9]+ was added to EHC-000018, but \
its number could not be written: No space left on device$" -- "$EHC" \
    money EHC-000018 add top-up -a 4500 -p year -s 2026-01-05
test_desc "import case > /dev/full"
ehc_committed "ehc import: EHC-000019 was imported, but its reference \
could not be written: No space left on device" -- "$EHC" import case \
    sent.json
ehc report sen2 --year 2026 --csv ret >/dev/null
for s in one two; do mkdir $s; EHC_DB=$TEST_DIR/$s/ehc.db ehc init; done
counts=$(EHC_DB=$TEST_DIR/one/ehc.db ehc import sen2 ret |
    sed -E 's/^imported ([0-9]+) (people|person), ([0-9]+) .*/\1 \2 and \3/')
test_desc "import sen2 > /dev/full"
ehc_committed "ehc import: $counts cases were imported, but the count \
could not be written: No space left on device" -- env \
    EHC_DB="$TEST_DIR/two/ehc.db" "$EHC" import sen2 ret
test_desc "retention --apply > /dev/full"
EHC_TODAY=2000-06-01 ehc request new -f Old4 -s Person -b 1950-02-01 \
    -r 1960-01-05 >/dev/null
ehc_committed "ehc retention: 1 case was removed, but the list could \
not be written: No space left on device" -- env -u EHC_TODAY "$EHC" \
    retention --apply --yes
test_desc "a read that cannot print is 74, not 4"
ehc_check 74 "" "ehc case: cannot write the output: No space left on \
device" -- sh -c '"$EHC" case show EHC-000018 >/dev/full'

# --- 6. One child is one person ----------------------------------------

before=$(store_digest)
test_desc "a second, different child under the same UPN: both shown"
ehc_check 65 "" "ehc request: UPN C929000000017 is EHC-000018's child \
(Amira Khan, born 2016-09-12, F), not Leo Marsh, born 2013-02-01, M; \
correct the details, or add the request to that child with --person \
EHC-000018" -- "$EHC" request new -f Leo -s Marsh -b 2013-02-01 -x M \
    -r 2026-01-06 --upn C929000000017
test_expect "and nothing changed" "$(store_digest)" "$before"
ehc_refuse 65 "the same UPN, another name only" -- "$EHC" request new \
    -f Amyra -s Khan -b 2016-09-12 -r 2026-01-06 --upn C929000000017
ehc case edit EHC-000018 --uln 1234567890
ehc_refuse 65 "a ULN another child has" -- "$EHC" request new -f Leo \
    -s Marsh -b 2013-02-01 -r 2026-01-06 --uln 1234567890
ehc_refuse 65 "a second open request for the same child" -- "$EHC" request \
    new --person EHC-000018 -r 2026-01-07
ehc request withdraw EHC-000018 --date 2026-01-20
test_desc "withdrawn, a new request for the child is theirs"
ehc_check 0 "EHC-000021" "" -- "$EHC" request new -f Amira -s Khan \
    -b 2016-09-12 -x F -r 2026-02-01 --upn C929000000017
test_expect "one person, two requests" \
    "$(sqlite3 "$EHC_DB" "SELECT count(DISTINCT person_id) || ' ' ||
    count(*) FROM cases WHERE id IN (18, 21)")" "1 2"
ehc request withdraw EHC-000021 --date 2026-02-02
test_desc "--person attaches; the recorded details stand, and it says so"
ehc_check 0 "EHC-000022" "ehc request: note: EHC-000022 is for \
EHC-000018's child, whose recorded details stand; correct them with 'ehc \
case edit'" -- "$EHC" request new --person EHC-000018 -f Amyra -s Khan \
    -b 2016-09-12 -r 2026-02-03
test_expect "ehc export --person: the child and all their requests" \
    "$(ehc export --person EHC-000021 | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(d["format_version"], [c["case"] for c in d["cases"]],
      {c["person"]["forename"] for c in d["cases"]})')" \
    "2 ['EHC-000018', 'EHC-000021', 'EHC-000022'] {'Amira'}"
ehc_refuse 1 "export --person of no case" -- "$EHC" export --person \
    EHC-000099

# --- 7. Details corrected, with history --------------------------------

test_desc "case edit: the name and the date of birth"
ehc_check 0 "" "" -- "$EHC" case edit EHC-000022 --forename Amyra \
    --dob 2016-09-21 --postcode "NE1 1AA"
test_expect "every case of the child has it, old and new, in its history" \
    "$(for c in EHC-000018 EHC-000021 EHC-000022; do ehc case history $c |
    grep "forename 'Amira'" | cut -f3-; done)" "tester	case edit	forename \
'Amira' to 'Amyra'; dob '2016-09-12' to '2016-09-21'; postcode '' to \
'NE1 1AA'
tester	case edit	forename 'Amira' to 'Amyra'; dob '2016-09-12' to \
'2016-09-21'; postcode '' to 'NE1 1AA'
tester	case edit	forename 'Amira' to 'Amyra'; dob '2016-09-12' to \
'2016-09-21'; postcode '' to 'NE1 1AA'"
test_expect "and the case shows it" \
    "$(ehc case show EHC-000018 | sed -n 2,3p)" \
    "name:      Amyra Khan
born:      2016-09-21 (age 9)"
ehc_refuse 65 "a UPN that is not one, as on entry" -- "$EHC" case edit \
    EHC-000022 --upn C929000000018
ehc_refuse 65 "a name with an escape, as on entry" -- "$EHC" case edit \
    EHC-000022 --surname "$(printf 'K\033[2Jhan')"
ehc_refuse 65 "an empty forename" -- "$EHC" case edit EHC-000022 \
    --forename ""
ehc_refuse 65 "a date of birth after the request" -- "$EHC" case edit \
    EHC-000022 --dob 2026-02-10
ehc_refuse 65 "a UPN and why it is unknown" -- "$EHC" case edit \
    EHC-000022 --upn-unknown UN2 --upn C929000000017
ehc_refuse 65 "an unknown reason for no UPN" -- "$EHC" case edit \
    EHC-000022 --upn-unknown UN4
ehc_refuse 65 "another child's UPN" -- "$EHC" case edit EHC-000005 \
    --upn C929000000017
ehc_refuse 64 "--force without --reason" -- "$EHC" case edit EHC-000022 \
    --dob 2016-09-22 --force
ehc_refuse 64 "nothing to correct" -- "$EHC" case edit EHC-000022
ehc_refuse 1 "a case that does not exist" -- "$EHC" case edit EHC-000099 \
    --surname X
# A child under 5 whose under-5 review was met: a date of birth that
# makes them older moves it.
EHC_TODAY=2025-07-01
c=$(ehc request new -f Tiny -s Tot -b 2022-06-01 -r 2024-09-02)
ehc decide "$c" assess --date 2024-09-20
ehc decide "$c" issue --date 2024-12-01
ehc draft "$c" issue --date 2024-12-02 2>/dev/null
ehc draft "$c" final --date 2025-01-06 2>/dev/null
ehc review "$c" meeting --date 2025-06-20
before=$(store_digest)
test_desc "a date of birth that moves a deadline already met"
ehc_check 65 "" "ehc case: the new date of birth moves the under-5-review \
deadline of $c, met on 2025-06-20, from 2025-07-06 to none; give --force \
and --reason if it is right" -- "$EHC" case edit "$c" --dob 2018-06-01
test_expect "refused, nothing changed" "$(store_digest)" "$before"
test_desc "with --force and --reason it is changed"
ehc_check 0 "" "" -- "$EHC" case edit "$c" --dob 2018-06-01 --force \
    --reason "birth certificate seen"
test_expect "and the reason is in its history" \
    "$(ehc case history "$c" | tail -1 | cut -f4-)" "case edit	dob \
'2022-06-01' to '2018-06-01'; reason 'birth certificate seen'"
EHC_TODAY=2026-03-02
test_desc "after it all, the chain and every case hold"
ehc_check 0 "~chain intact, [0-9]+ cases as sealed$" "" -- "$EHC" audit \
    verify --deep

test_done
