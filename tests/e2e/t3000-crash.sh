#!/bin/bash
# Killed mid-write: over a hundred times, a large write is started and
# killed with SIGKILL after a random short delay.  Each time the store
# must pass 'PRAGMA integrity_check', the audit chain must hold, and the
# command's work must be all there or not there at all:
#  - ehc import sen2 of a generated return (one transaction of a few
#    thousand rows): no cases, or every case and its one audit record;
#  - a loop of 'ehc request new' (one transaction each): as many cases as
#    'request new' audit records;
#  - ehc init (creating the schema): the next command works.
# CRASH_ROUNDS (default 100) sets the number of imports killed.
. "$(dirname "$0")/lib.sh"

rounds=${CRASH_ROUNDS:-100}
cases=${CRASH_CASES:-500}

# A SEN2 return to import, made from a synthetic caseload.
EHC_DB=$TEST_DIR/source.db ehc init
EHC_DB=$TEST_DIR/source.db ehc demo -n "$cases" -s 5 >/dev/null
EHC_DB=$TEST_DIR/source.db ehc report sen2 --year 2026 --csv ret
ehc init
cp "$EHC_DB" empty.db
imported=$(ehc import sen2 ret | sed -n 's/.*people, \([0-9]*\) cases*$/\1/p')
test_expect "the return imports whole when left alone" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM cases')" "$imported"
[ "${imported:-0}" -gt 100 ] || test_fail "the return has too few cases"
# How long a whole import takes, so kills land all the way through it.
start=$(date +%s%N)
cp empty.db "$EHC_DB"
ehc import sen2 ret >/dev/null
span=$(( ($(date +%s%N) - start) / 1000000 + 20 ))

# kill_after MS COMMAND...: start COMMAND in its own process group and
# SIGKILL the group after MS milliseconds (if it is still running).
kill_after() {
	local ms=$1 pid
	shift
	setsid "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Until the whole group is gone, its locks may still be held.
	while kill -0 -- "-$pid" 2>/dev/null; do
		sleep 0.01
	done
}

# The sqlite3 shell, waiting for locks as ehc does.
sq() { sqlite3 -cmd '.timeout 10000' "$@"; }

intact() {
	[ "$(sq "$EHC_DB" 'PRAGMA integrity_check')" = ok ] &&
	    "$EHC" audit verify >/dev/null 2>&1
}

bad=0 whole=0 none=0
for i in $(seq 1 "$rounds"); do
	rm -f "$EHC_DB-wal" "$EHC_DB-shm"
	cp empty.db "$EHC_DB"
	kill_after $((RANDOM % span)) "$EHC" import sen2 ret
	n=$(sq "$EHC_DB" 'SELECT count(*) FROM cases')
	a=$(sq "$EHC_DB" "SELECT count(*) FROM audit WHERE action =
	    'import sen2'")
	if ! intact; then
		bad=$((bad + 1))
		echo "# round $i: the store is damaged"
	elif [ "$n" = 0 ] && [ "$a" = 0 ]; then
		none=$((none + 1))
	elif [ "$n" = "$imported" ] && [ "$a" = 1 ]; then
		whole=$((whole + 1))
	else
		bad=$((bad + 1))
		echo "# round $i: $n cases and $a audit records after the kill"
	fi
done
test_expect "$rounds imports killed: each store intact, all or nothing" \
    "$bad" 0
echo "# $none rolled back, $whole committed"
test_expect "some kills landed before the commit" "$([ "$none" -gt 0 ] &&
    echo yes)" yes

# A loop of commands, killed in the middle; each command all or nothing.
cp empty.db "$EHC_DB"
rm -f "$EHC_DB-wal" "$EHC_DB-shm"
loop='for i in $(seq 1 400); do "$EHC" request new -f Kim -s Lee \
    -b 2015-01-01 -r 2026-01-05 || exit; "$EHC" case flag "$i" chc ||
    exit; done'
bad=0
for i in $(seq 1 20); do
	kill_after $((RANDOM % 300)) bash -c "$loop"
	n=$(sq "$EHC_DB" 'SELECT count(*) FROM cases')
	a=$(sq "$EHC_DB" "SELECT count(*) FROM audit WHERE action =
	    'request new'")
	f=$(sq "$EHC_DB" 'SELECT count(*) FROM cases WHERE chc = 1')
	c=$(sq "$EHC_DB" "SELECT count(*) FROM audit WHERE action =
	    'case flag'")
	if ! intact || [ "$n" != "$a" ] || [ "$f" != "$c" ]; then
		bad=$((bad + 1))
		echo "# loop $i: $n cases, $a request audits, $f flagged, $c flag audits"
	fi
	# Start the next loop from the cases there are.
	sq "$EHC_DB" "DELETE FROM deadline; DELETE FROM cases;
	    DELETE FROM person; DELETE FROM audit"
done
test_expect "20 loops of commands killed: every command all or nothing" \
    "$bad" 0

# Creating the store, killed part way.
bad=0
for i in $(seq 1 10); do
	rm -f "$EHC_DB" "$EHC_DB-wal" "$EHC_DB-shm"
	kill_after $((RANDOM % 40)) "$EHC" init
	if ! "$EHC" init >/dev/null 2>&1 && ! "$EHC" case list >/dev/null; then
		bad=$((bad + 1))
		echo "# init $i: the store cannot be used after the kill"
	elif ! intact || [ "$(sq "$EHC_DB" 'PRAGMA user_version')" != \
	    "$(sq empty.db 'PRAGMA user_version')" ]; then
		bad=$((bad + 1))
		echo "# init $i: the schema is incomplete"
	fi
done
test_expect "10 kills of ehc init: the store is whole afterwards" "$bad" 0

test_done
