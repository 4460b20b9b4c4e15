#!/bin/bash
# ehc retention: the dry run lists cases past date of birth + 31 years;
# --apply removes them from every table, by the real date, and audits it
# without personal data, clearing the details of the case's earlier
# audit records; a legal hold keeps a case.
. "$(dirname "$0")/lib.sh"

ehc init
# Requests made long ago, as a historic import would hold them.
EHC_TODAY=2005-06-01 ehc request new -f Old -s Person -b 1990-06-01 \
    -r 2005-05-01 --upn C929000000017 >/dev/null		# 1: 2021-06-01
EHC_TODAY=2005-06-01 ehc decide EHC-000001 assess --date 2005-05-20
EHC_TODAY=2005-06-01 ehc note EHC-000001 -d 2005-05-21 -k call \
    -m "Spoke to Mrs Person about the assessment"
EHC_TODAY=2010-06-01 ehc request new -f Leap -s Year -b 1992-02-29 \
    -r 2010-01-05 >/dev/null					# 2: 2023-02-28
EHC_TODAY=2010-06-01 ehc request new -f Held -s Back -b 1991-01-01 \
    -r 2010-01-05 >/dev/null					# 3: 2022-01-01
ehc request new -f Young -s Child -b 2016-09-12 -r 2026-01-05 >/dev/null
EHC_TODAY=2012-06-01 ehc request new -f Almost -s There -b 1995-03-03 \
    -r 2012-01-05 >/dev/null					# 5: 2026-03-03

test_desc "the dry run lists cases past DOB + 31 years"
ehc_check 0 "EHC-000001	1990-06-01	2021-06-01
EHC-000002	1992-02-29	2023-02-28
EHC-000003	1991-01-01	2022-01-01" "" -- "$EHC" retention
test_desc "the next day, one more"
ehc_check 0 "~EHC-000005	1995-03-03	2026-03-03$" "" -- \
    "$EHC" --today 2026-03-03 retention
test_desc "--years sets the period"
ehc_check 0 "EHC-000001	1990-06-01	2025-06-01
EHC-000003	1991-01-01	2026-01-01" "" -- "$EHC" retention --years 35
test_desc "the dry run as JSON"
ehc_check 0 '~^\[\{"case":"EHC-000001","dob":"1990-06-01","retention":"2021-06-01","legal_hold":false,"removed":false\},' \
    "" -- "$EHC" retention --json

test_desc "a legal hold"
ehc_check 0 "" "" -- "$EHC" retention hold EHC-000003
ehc_refuse 65 "holding twice" -- "$EHC" retention hold EHC-000003
ehc_refuse 65 "releasing a case not held" -- "$EHC" retention release \
    EHC-000002
ehc_refuse 1 "holding a case that does not exist" -- "$EHC" retention \
    hold EHC-000099
ehc_refuse 64 "hold with no case" -- "$EHC" retention hold
ehc_refuse 64 "an unknown subcommand" -- "$EHC" retention purge
ehc_refuse 64 "--apply with hold" -- "$EHC" retention hold --apply \
    EHC-000001
ehc_refuse 64 "a period shorter than a plan can last" -- "$EHC" retention \
    --years 25
ehc_refuse 64 "a period that is not a number" -- "$EHC" retention \
    --years many
ehc_refuse 64 "an unknown option" -- "$EHC" retention --force
test_desc "held cases are marked in the list"
ehc_check 0 "~EHC-000003	1991-01-01	2022-01-01	legal-hold" "" -- \
    "$EHC" retention

sqlite3 "$EHC_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
test_expect "the store file holds the note before disposal" \
    "$(grep -c -a -e 'Mrs Person' "$EHC_DB")" 1
before=$(store_digest)
ehc retention >/dev/null
test_expect "the dry run changes nothing" "$(store_digest)" "$before"

# Disposal runs by the real date only (t3021-hostile-records.sh has the
# refusals): by now every case above but the young one is due, three of
# five, more than the 10% one run may remove unless forced.
apply() { env -u EHC_TODAY "$EHC" retention --apply --yes --force "$@"; }
test_desc "--apply removes what is due, keeps what is held and says so"
ehc_check 0 "EHC-000001	1990-06-01	2021-06-01	removed
EHC-000002	1992-02-29	2023-02-28	removed
EHC-000003	1991-01-01	2022-01-01	legal-hold
EHC-000005	1995-03-03	2026-03-03	removed" \
    "ehc retention: kept EHC-000003: it is under a legal hold" -- apply
test_expect "the cases are gone" "$(ehc case list | cut -f1 | tr '\n' ' ')" \
    "EHC-000003 EHC-000004 "
test_expect "and every row that was theirs" \
    "$(sqlite3 "$EHC_DB" "SELECT
    (SELECT count(*) FROM person WHERE forename IN ('Old', 'Leap')) +
    (SELECT count(*) FROM note) + (SELECT count(*) FROM deadline WHERE
    case_id IN (1, 2)) + (SELECT count(*) FROM cases WHERE id IN (1, 2))")" 0
test_expect "one audit record per case removed, with no personal data" \
    "$(sqlite3 "$EHC_DB" "SELECT case_id || ' ' || action || ': ' || detail
    FROM audit WHERE action = 'retention' ORDER BY id")" \
    "1 retention: removed case EHC-000001
2 retention: removed case EHC-000002
5 retention: removed case EHC-000005"
test_expect "the removed cases' other records keep what was done, not \
the details" \
    "$(sqlite3 "$EHC_DB" "SELECT group_concat(case_id || ' ' || action || ' '
    || coalesce(detail, '-') || ' ' || (digest IS NOT NULL), ',') FROM audit
    WHERE case_id = 1")" \
    "1 request new - 1,1 decide assess - 1,1 note - 1,1 retention removed case EHC-000001 0"
test_expect "no name, date of birth or detail is left in the store file" \
    "$(sqlite3 "$EHC_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    grep -c -a -e 'Mrs Person' -e '1990-06-01' -e 'date=2005-05-20' \
    "$EHC_DB")" 0
test_desc "the audit chain and the seals hold after disposal"
ehc_check 0 "~records, chain intact, 2 cases as sealed" "" -- \
    "$EHC" audit verify --deep
test_desc "nothing left to do"
ehc_check 0 "EHC-000003	1991-01-01	2022-01-01	legal-hold" \
    "ehc retention: kept EHC-000003: it is under a legal hold" -- apply
test_desc "released, the held case goes too"
ehc_check 0 "" "" -- "$EHC" retention release EHC-000003
test_desc "and is removed"
ehc_check 0 "EHC-000003	1991-01-01	2022-01-01	removed" "" -- apply
test_expect "the hold and the release are in the log" \
    "$(sqlite3 "$EHC_DB" "SELECT group_concat(action, ',') FROM audit
    WHERE case_id = 3 AND action LIKE 'retention%'")" \
    "retention hold,retention release,retention"

# A new case may be given a disposed-of case's number; it must not
# inherit that case's history.
ehc request new -f New -s Child -b 2017-01-01 -r 2026-02-02 >/dev/null
id=$(ehc case list | tail -1 | cut -f1)
test_expect "a new case starts with its own history only" \
    "$(ehc audit "$id" | cut -f3)" "request new"
test_desc "the chain still holds"
ehc_check 0 "~records, chain intact" "" -- "$EHC" audit verify

test_done
