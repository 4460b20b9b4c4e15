#!/bin/bash
# The restore drill: ehc backup of a demo store while another process is
# writing to it, changes and a retention run after the backup, then ehc
# restore: the data come back as they were, the cases retention removed
# stay removed, the audit chain verifies and every file is mode 0600.
# And every way a backup or a restore is refused.  No sleeps: the writer
# holds the write lock until the test releases it, and the backup says
# on standard error when it starts to wait for it.
. "$(dirname "$0")/lib.sh"

ehc init
ehc demo -n 40 -s 7 >/dev/null
# Cases past date of birth + 31 years, as a historic import would hold
# them; the third is under a legal hold when the backup is taken.
EHC_TODAY=2005-06-01 ehc request new -f Old -s Person -b 1990-06-01 \
    -r 2005-05-01 >/dev/null
EHC_TODAY=2010-06-01 ehc request new -f Leap -s Year -b 1992-02-29 \
    -r 2010-01-05 >/dev/null
EHC_TODAY=2010-06-01 ehc request new -f Held -s Back -b 1991-01-01 \
    -r 2010-01-05 >/dev/null
ehc retention hold EHC-000043

# writer_begin SQL: another process takes the store's write lock, runs
# SQL and holds the transaction open until writer_end commits it.
writer_begin() {
	local line=""
	mkfifo "$TEST_DIR/.w-in" "$TEST_DIR/.w-out" || return 1
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute(sys.argv[2])
print("writing", flush=True)
sys.stdin.readline()
c.execute("COMMIT")
c.close()' "$EHC_DB" "$1" <"$TEST_DIR/.w-in" >"$TEST_DIR/.w-out" &
	writer=$!
	exec {w_in}>"$TEST_DIR/.w-in" {w_out}<"$TEST_DIR/.w-out"
	read -r line <&"$w_out"
	[ "$line" = writing ]
}
writer_end() {
	(echo commit >&"$w_in") 2>/dev/null
	exec {w_in}>&- {w_out}<&-
	wait "$writer"
	rm -f "$TEST_DIR/.w-in" "$TEST_DIR/.w-out"
}

mode() { stat -c %a "$1"; }
# The files in the test directory but the harness's own.
files() { ls -A "$TEST_DIR" | grep -v -e '^\.stderr$' | tr '\n' ' '; }

officer=$(sqlite3 "$EHC_DB" 'SELECT officer FROM cases WHERE id = 4')
test_expect "the demo case has an officer" "$([ -n "$officer" ] && echo yes)" yes

# --- The backup, while another process is in the middle of a write.
writer_begin "UPDATE cases SET officer = 'Written During' WHERE id = 4"
test_expect "the other writer holds the write lock" "$?" 0
mkfifo backup.err
"$EHC" backup b1.db >backup.out 2>backup.err &
backup=$!
exec {b_err}<backup.err
read -r waiting <&"$b_err"
test_expect "the backup copies and checks, then says it waits to record" \
    "$waiting" "ehc backup: another ehc is writing to the store; waiting to record the backup"
test_expect "meanwhile the copy is a temporary file beside the target" \
    "$(ls -A | grep -c '^\.b1\.db\.')$([ -e b1.db ] && echo ' b1.db')" 1
writer_end
wait "$backup"
test_expect "once the writer commits, the backup is recorded and exits 0" \
    "$? $(cat <&"$b_err")$(cat backup.out)" "0 "
exec {b_err}<&-
rm -f backup.err backup.out
test_expect "the backup is mode 0600" "$(mode b1.db)" 600
test_expect "and one file, with no write-ahead log" \
    "$(sqlite3 b1.db 'PRAGMA journal_mode')$(ls -A | grep -c '^b1\.db-')" \
    delete0
test_expect "it passes SQLite's integrity check" \
    "$(sqlite3 b1.db 'PRAGMA integrity_check')" ok
test_expect "it holds the store as it was before the other write" \
    "$(sqlite3 b1.db 'SELECT officer FROM cases WHERE id = 4')" "$officer"
test_expect "which the store now holds" \
    "$(sqlite3 "$EHC_DB" 'SELECT officer FROM cases WHERE id = 4')" \
    "Written During"
records=$(sqlite3 b1.db 'SELECT count(*) FROM audit')
head=$(sqlite3 b1.db 'SELECT mac FROM audit ORDER BY id DESC LIMIT 1')
test_expect "the store's audit log records the backup and its last MAC" \
    "$(sqlite3 "$EHC_DB" "SELECT user || ' ' || action || ' ' || detail
    FROM audit ORDER BY id DESC LIMIT 1")" \
    "tester backup to 'b1.db': $records audit records, head $head"
test_desc "the store's audit chain is intact"
ehc_check 0 "$((records + 1)) records, chain intact" "" -- "$EHC" audit verify

# --- Refused backups leave no file and the store as it was.
hold_write_lock
EHC_BUSY_TIMEOUT=0 ehc_refuse 75 "a backup that cannot be recorded" -- \
    "$EHC" backup b2.db
release_write_lock
test_expect "and is not kept" "$(files)" "b1.db ehc.db ehc.db.key "
mkdir adir
ehc_refuse 73 "a backup over a directory" -- "$EHC" backup adir
ehc_refuse 73 "a backup into a missing directory" -- "$EHC" backup \
    nodir/b.db
ehc_refuse 65 "a backup name with a control character" -- "$EHC" backup \
    "$(printf 'b\tc.db')"
ehc_refuse 65 "a backup over the store itself" -- "$EHC" backup \
    "$EHC_DB"
ehc_refuse 65 "a backup over the store's own log" -- "$EHC" backup \
    "$EHC_DB-wal"
ehc_refuse 64 "a backup with no file" -- "$EHC" backup
ehc_refuse 64 "a backup to two files" -- "$EHC" backup x.db y.db
ehc_refuse 64 "a backup with an unknown option" -- "$EHC" backup -x b.db
rmdir adir
test_expect "none of them left a file" "$(files)" "b1.db ehc.db ehc.db.key "

# --- Work after the backup: a new case, a note, a retention run.
new=$(ehc request new -f After -s Backup -b 2017-01-01 -r 2026-02-02)
ehc note EHC-000005 -d 2026-03-01 -k call -m "After the backup"
ehc retention release EHC-000043
test_desc "retention removes the three old cases, by the real date"
ehc_check 0 "EHC-000041	1990-06-01	2021-06-01	removed
EHC-000042	1992-02-29	2023-02-28	removed
EHC-000043	1991-01-01	2022-01-01	removed" "" -- env -u EHC_TODAY "$EHC" \
    retention --apply --yes

# --- Refused restores change nothing and leave no private copy.
hold_write_lock
EHC_BUSY_TIMEOUT=0 ehc_refuse 75 "a restore while another writes" -- \
    "$EHC" restore b1.db
release_write_lock
ehc_refuse 66 "a restore of a missing file" -- "$EHC" restore none.db
printf 'not a store\n' >text.db
ehc_refuse 65 "a restore of a file that is not a database" -- \
    "$EHC" restore text.db
sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
ehc_refuse 65 "a restore of another program's database" -- \
    "$EHC" restore other.db
cp b1.db newer.db
sqlite3 newer.db "PRAGMA user_version = 9999"
ehc_refuse 78 "a restore of a backup from a newer ehc" -- \
    "$EHC" restore newer.db
cp b1.db tampered.db
sqlite3 tampered.db "UPDATE audit SET detail = 'date=2026-01-01' WHERE
    id = 7"
ehc_refuse 65 "a restore of a backup whose audit log was altered" -- \
    "$EHC" restore tampered.db
test_desc "which says where the chain breaks"
ehc_check 65 "" "ehc restore: the audit log of 'tampered.db' is broken at record 7 (altered)" -- \
    "$EHC" restore tampered.db
cp b1.db damaged.db
dd if=/dev/zero of=damaged.db bs=4096 seek=2 count=1 conv=notrunc \
    2>/dev/null
ehc_refuse 65 "a restore of a damaged backup" -- "$EHC" restore damaged.db
EHC_DB=$TEST_DIR/elsewhere.db ehc init
EHC_DB=$TEST_DIR/elsewhere.db ehc request new -f Other -s Store \
    -b 2015-01-01 -r 2026-01-05 >/dev/null
EHC_DB=$TEST_DIR/elsewhere.db ehc backup elsewhere-b.db
ehc_refuse 65 "a restore of another store's backup" -- "$EHC" restore \
    elsewhere-b.db
ehc_refuse 65 "a restore from the store itself" -- "$EHC" restore \
    "$EHC_DB"
ehc_refuse 64 "a restore with no file" -- "$EHC" restore
ehc_refuse 64 "a restore of two files" -- "$EHC" restore b1.db b1.db
rm -f text.db other.db newer.db tampered.db damaged.db elsewhere*
test_expect "none of them left a private copy" "$(files)" "b1.db ehc.db ehc.db.key "

# --- The restore.
before=$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM audit')
test_desc "the restore brings the backup back and removes three again"
ehc_check 0 "file: b1.db
schema: $(sqlite3 b1.db 'PRAGMA user_version')
cases: 43
audit records: $records
audit head: $head
records replaced: $before
removed again: 3" "" -- "$EHC" restore b1.db
test_expect "the store is still mode 0600, the backup untouched" \
    "$(mode "$EHC_DB") $(mode b1.db) $(sqlite3 b1.db \
    'SELECT count(*) FROM audit')" "600 600 $records"
test_expect "and no private copy is left" "$(files)" "b1.db ehc.db ehc.db.key "
test_expect "the write made during the backup is gone" \
    "$(sqlite3 "$EHC_DB" 'SELECT officer FROM cases WHERE id = 4')" \
    "$officer"
ehc_refuse 1 "the case made after the backup is gone" -- \
    "$EHC" case show "$new"
test_expect "and the note" \
    "$(sqlite3 "$EHC_DB" "SELECT count(*) FROM note WHERE text =
    'After the backup'")" 0
test_expect "the cases retention removed stay removed" \
    "$(ehc case list | cut -f1 | grep -c -e EHC-000041 -e EHC-000042 \
    -e EHC-000043)" 0
test_expect "with their people" \
    "$(sqlite3 "$EHC_DB" "SELECT count(*) FROM person WHERE forename IN
    ('Old', 'Leap', 'Held')")" 0
test_expect "the demo cases are back" "$(ehc case list | wc -l)" 40
test_expect "each removal is audited again, then the restore" \
    "$(sqlite3 "$EHC_DB" "SELECT action || ': ' || detail FROM audit
    WHERE id > $records ORDER BY id" | sed 's/head [0-9a-f]*/head H/g')" \
    "retention: removed case EHC-000041 again after a restore
retention: removed case EHC-000042 again after a restore
retention: removed case EHC-000043 again after a restore
restore: from 'b1.db': $records audit records, head H; replaced $before records, head H; 3 cases removed again by retention"
test_desc "the audit chain verifies"
ehc_check 0 "$((records + 4)) records, chain intact" "" -- "$EHC" audit verify
test_expect "the store passes SQLite's integrity check" \
    "$(sqlite3 "$EHC_DB" 'PRAGMA integrity_check')" ok
test_desc "ehc works on the restored store"
ehc_check 0 "~^officer: +$officer$" "" -- "$EHC" case show EHC-000004

# A restore of the same backup again: the removals are reapplied again.
test_desc "the same backup restores again, as JSON"
ehc_check 0 '~^\{"format_version":2,"file":"b1.db","schema":[0-9]+,"cases":43,"audit_records":'"$records"',"audit_head":"'"$head"'","records_replaced":'"$((records + 4))"',"removed_again":3\}$' \
    "" -- "$EHC" restore --json b1.db
test_desc "a restore that cannot print what it did says it was done, 4"
ehc_check 4 "" "ehc restore: 'b1.db' was restored, but what it brought \
back could not be written: No space left on device" -- sh -c \
    '"$EHC" restore b1.db >/dev/full'
test_desc "and verifies"
ehc_check 0 "$((records + 4)) records, chain intact" "" -- "$EHC" audit verify

# A backup taken before a restore is of another history.
ehc backup b2.db
ehc request new -f Later -s Case -b 2016-01-01 -r 2026-02-02 >/dev/null
ehc restore b1.db >/dev/null
ehc_refuse 65 "a backup from before an earlier restore" -- \
    "$EHC" restore b2.db

# Into a new store there is nothing to compare with or reapply, but the
# backup is checked with the new store's key: the key does not travel
# with a backup, so a new store for it is made with the store's key.
EHC_DB=$TEST_DIR/own.db ehc init
EHC_DB=$TEST_DIR/own.db ehc_refuse 65 \
    "a restore into a new store made with a new key" -- "$EHC" restore b1.db
test_desc "which says so"
ehc_check 65 "" "ehc restore: 'b1.db' is not an earlier state of this \
store: its audit log was made with another audit key than the store's \
('$TEST_DIR/own.db.key'); restore it into a new store made with its own \
key" -- env EHC_DB="$TEST_DIR/own.db" "$EHC" restore b1.db
install -m 600 "$EHC_DB.key" new.db.key
EHC_DB=$TEST_DIR/new.db ehc init
test_desc "a backup restores into a new store made with the store's key"
ehc_check 0 "~removed again: 0$" "" -- env EHC_DB="$TEST_DIR/new.db" \
    "$EHC" restore b1.db
test_expect "which holds the backup's cases" \
    "$(EHC_DB=$TEST_DIR/new.db ehc case list | wc -l)" 43
test_expect "mode 0600" "$(mode new.db)" 600
test_desc "and whose audit log and cases verify"
ehc_check 0 "~^$((records + 1)) records, chain intact, [0-9]+ cases as \
sealed$" "" -- env EHC_DB="$TEST_DIR/new.db" "$EHC" audit verify --deep

test_done
