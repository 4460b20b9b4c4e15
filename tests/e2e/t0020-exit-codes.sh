#!/bin/bash
# Every row of the exit status table (ehc(1)).
. "$(dirname "$0")/lib.sh"

ehc init
c=$(ehc request new --forename A --surname B --dob 2015-01-01 \
    --received 2026-03-02)
test_desc "0: success"
ehc_check 0 "*" "" -- "$EHC" case show "$c"
ehc_refuse 1 "1: no such case" -- "$EHC" case show EHC-000042
ehc_refuse 64 "64: usage" -- "$EHC" case show
ehc_refuse 65 "65: invalid data" -- "$EHC" decide "$c" assess \
    --date 2026-02-30
ehc_refuse 66 "66: no store" -- env EHC_DB="$PWD/none/x.db" "$EHC" due
mkdir ro && chmod 500 ro
if [ "$(id -u)" != 0 ]; then
	test_desc "73: cannot create the output"
	ehc_check 73 "" "~cannot" -- "$EHC" report sen2 --year 2026 \
	    --csv ro/out
else
	test_desc "73: cannot create the output (a file where a directory goes)"
	: >blocker
	ehc_check 73 "" "*" -- "$EHC" report sen2 --year 2026 --csv blocker/x
fi
test_desc "74: writing stdout to a full device"
ehc_check 74 "" "~cannot write" -- sh -c "'$EHC' case show '$c' >/dev/full"
# 75: another process holds the write lock, for certain, until the
# command has given up waiting for it.
if hold_write_lock; then
	ehc_refuse 75 "75: store busy past the timeout" -- \
	    env EHC_BUSY_TIMEOUT=100 "$EHC" decide "$c" assess --date 2026-03-02
	release_write_lock
else
	test_fail "75: store busy past the timeout" "the lock was not taken"
fi
test_desc "the same command succeeds once the lock is gone"
ehc_check 0 "" "" -- "$EHC" decide "$c" assess --date 2026-03-02
cp "$EHC_DB" newer.db
sqlite3 newer.db "PRAGMA user_version = 999"
ehc_refuse 78 "78: a store written by a newer ehc" -- \
    env EHC_DB="$PWD/newer.db" "$EHC" case show "$c"
test_done
