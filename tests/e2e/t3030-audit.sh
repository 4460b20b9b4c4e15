#!/bin/bash
# ehc audit: the tamper-evident audit chain (verify names the first bad
# record after the store is changed behind ehc's back with sqlite3), a
# case's chronology, and the store's permissions.
. "$(dirname "$0")/lib.sh"

ehc_refuse 66 "verify with no store" -- "$EHC" audit verify
ehc init
test_desc "an empty log is intact"
ehc_check 0 "0 records, chain intact" "" -- "$EHC" audit verify
test_expect "the store is created mode 0600" "$(stat -c %a "$EHC_DB")" 600

ehc request new -f Amira -s Khan -b 2016-09-12 -r 2026-01-05 >/dev/null
ehc request new -f Leo -s Marsh -b 2013-02-01 -r 2026-01-06 >/dev/null
ehc decide EHC-000001 assess --date 2026-01-20
ehc advice EHC-000001 request psychological --date 2026-01-21 >/dev/null
ehc note EHC-000001 -d 2026-01-22 -k call -m "Mum rang about the EP"
ehc case assign EHC-000002 asmith
EHC_USER=cover ehc decide EHC-000002 no-assess --date 2026-02-10

test_desc "every write is in the log and the chain holds"
ehc_check 0 "7 records, chain intact" "" -- "$EHC" audit verify
test_desc "verify --json gives the count and the head hash"
ehc_check 0 '~^\{"format_version":2,"records":7,"intact":true,"head":"[0-9a-f]{64}","cases":null\}$' \
    "" -- "$EHC" audit verify --json
test_expect "each record holds the previous record's MAC" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM audit a JOIN audit b ON
    b.id = a.id + 1 WHERE b.prev_mac = a.mac')" 6

test_desc "a case's chronology: when, who, what"
ehc_check 0 "~^[0-9-]{10}T[0-9:]{8}Z	tester	request new	date=2026-01-06
[0-9-]{10}T[0-9:]{8}Z	tester	case assign	officer=asmith
[0-9-]{10}T[0-9:]{8}Z	cover	decide no-assess	date=2026-02-10$" "" -- \
    "$EHC" audit EHC-000002
test_expect "the chronology as JSON" \
    "$(ehc audit --json EHC-000001 | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(len(d), d[2]["action"], d[2]["user"], d[2]["detail"])')" \
    "4 advice request tester date=2026-01-21 advice=A1 type=psychological"
ehc_refuse 1 "the chronology of a case that does not exist" -- \
    "$EHC" audit EHC-000099
ehc_refuse 64 "no operand" -- "$EHC" audit
ehc_refuse 64 "two operands" -- "$EHC" audit verify EHC-000001
ehc_refuse 64 "an unknown option" -- "$EHC" audit verify --frobnicate

cp "$EHC_DB" pristine.db
restore() { cp pristine.db "$EHC_DB"; rm -f "$EHC_DB-wal" "$EHC_DB-shm"; }

sqlite3 "$EHC_DB" "UPDATE audit SET detail = 'date=2026-01-19' WHERE id = 3"
ehc_refuse 65 "a record altered with sqlite3" -- "$EHC" audit verify
test_desc "the alteration is named"
ehc_check 65 "" "~^ehc audit: audit record 3 was altered; " -- \
    "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "UPDATE audit SET user = 'someone', at = at WHERE id = 7"
test_desc "a changed user is an alteration of the last record"
ehc_check 65 "" "~audit record 7 was altered" -- "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "DELETE FROM audit WHERE id = 4"
test_desc "a record deleted with sqlite3"
ehc_check 65 "" "~^ehc audit: an audit record was removed before 5; " -- \
    "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "DELETE FROM audit WHERE id = 1"
test_desc "the first record deleted"
ehc_check 65 "" "~removed before 2" -- "$EHC" audit verify
restore

sqlite3 "$EHC_DB" "INSERT INTO audit(at, user, case_id, action, detail)
    VALUES ('2026-02-11T09:00:00Z', 'mallory', 2, 'decide assess',
    'date=2026-02-11')"
test_desc "a record inserted with sqlite3"
ehc_check 65 "" "~^ehc audit: an audit record was inserted at 8; " -- \
    "$EHC" audit verify
restore

test_desc "restored from the copy, the chain is intact again"
ehc_check 0 "7 records, chain intact" "" -- "$EHC" audit verify
test_desc "and later writes carry on the chain"
ehc_check 0 "" "" -- "$EHC" case flag EHC-000001 safeguarding
test_desc "verify counts the new record"
ehc_check 0 "8 records, chain intact" "" -- "$EHC" audit verify

# The CLI warns when others may read the store.
chmod 644 "$EHC_DB"
test_desc "a store readable by others draws a warning, and still works"
ehc_check 0 "8 records, chain intact" \
    "ehc audit: warning: '$EHC_DB' can be read by others; chmod 600 it" -- \
    "$EHC" audit verify
chmod 600 "$EHC_DB"
test_desc "no warning once it is private again"
ehc_check 0 "8 records, chain intact" "" -- "$EHC" audit verify

test_done
