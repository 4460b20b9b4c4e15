#!/bin/bash
# Killed mid-write: large writes are started and killed with SIGKILL.
# Each time the store must pass 'PRAGMA integrity_check', the audit chain
# must hold, and the command's work must be all there or not there at
# all:
#  - ehc import sen2 of a generated return (one transaction of a few
#    thousand rows): no cases, or every case and its one audit record;
#  - a loop of 'ehc request new' (one transaction each): as many cases as
#    'request new' audit records;
#  - ehc init (creating the schema): the next command works.
#
# Nothing here depends on the machine's speed.  A kill at a random moment
# may land before the commit or after it, and either is right; where a
# kill must land inside the transaction, the test makes ehc wait there
# for it (the first import below).  The random kills are spread over the
# whole of the command: round i of N is killed at a random moment of the
# i-th N-th of the time the command takes, so that N = 40 covers it as
# evenly as a hundred kills at random over all of it would.  CRASH_ROUNDS
# (default 40) sets the number of imports killed.
. "$(dirname "$0")/lib.sh"

rounds=${CRASH_ROUNDS:-40}
cases=${CRASH_CASES:-500}

# A SEN2 return to import, made from a synthetic caseload.
EHC_DB=$TEST_DIR/source.db ehc init
EHC_DB=$TEST_DIR/source.db ehc demo -n "$cases" -s 5 >/dev/null
EHC_DB=$TEST_DIR/source.db ehc report sen2 --year 2026 --csv ret
ehc init
cp "$EHC_DB" empty.db
imported=$(ehc import sen2 ret | sed -n 's/.*people, \([0-9]*\) cases*$/\1/p')

# The sqlite3 shell, waiting for locks as ehc does.
sq() { sq_out=$(sqlite3 -cmd '.timeout 10000' -separator ' ' "$@"); }

# state ACTION: "cases audits integrity" of the store, in one call: the
# number of cases, of audit records of ACTION, and the integrity check.
state() {
	sq "$EHC_DB" "SELECT (SELECT count(*) FROM cases), (SELECT count(*)
	    FROM audit WHERE action = '$1'), (SELECT group_concat(
	    integrity_check, ' ') FROM pragma_integrity_check)"
	echo "$sq_out"
}

sq "$EHC_DB" 'SELECT count(*) FROM cases'
test_expect "the return imports whole when left alone" "$sq_out" "$imported"
[ "${imported:-0}" -gt 100 ] || test_fail "the return has too few cases"

# now_ms: milliseconds, without starting a process.
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# span COMMAND...: how long COMMAND takes, in milliseconds, plus 20.
span() {
	local start
	start=$(now_ms)
	"$@" >/dev/null 2>&1
	echo $(($(now_ms) - start + 20))
}

# slice I N SPAN: a random moment of the I-th N-th of SPAN milliseconds.
slice() { echo $((($1 - 1) * $3 / $2 + RANDOM % ($3 / $2 + 1))); }

# kill_after MS COMMAND...: start COMMAND in its own process group and
# SIGKILL the group after MS milliseconds (if it is still running).
# Returns once every process of the group has exited, and so let go of
# its locks: each holds the write end of the pipe the command
# substitution reads, which ends only when the last of them has gone.
kill_after() {
	local ms=$1
	shift
	: "$(
		setsid "$@" 3>&1 >/dev/null 2>&1 &
		sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
		kill -KILL -- "-$!" 2>/dev/null
		wait "$!"
	)"
}

# intact ACTION: the store is sound, its audit chain holds, and ACTION's
# work is all there or not there at all, as "none" or "whole"; anything
# else is printed as a diagnostic.
intact() {
	local n a integrity
	read -r n a integrity <<<"$(state "$1")"
	if [ "$integrity" != ok ] || ! "$EHC" audit verify >/dev/null 2>&1
	then
		echo "the store is damaged: $integrity"
	elif [ "$n" = 0 ] && [ "$a" = 0 ]; then
		echo none
	elif [ "$n" = "$imported" ] && [ "$a" = 1 ]; then
		echo whole
	else
		echo "$n cases and $a audit records"
	fi
}

# The import reads each file twice: all nine, to check them, before it
# writes a row, then each in turn as it writes (lib/sen2_import.c).  With
# sen2_senneed.csv a FIFO, the second opening of it waits for a writer
# inside the transaction, after the people, cases, plans and placements
# are written: the kill lands there for certain.  Once ehc has ended,
# however it ends, its watcher drains the FIFO, so that no open here can
# wait for ever.
mkdir held
cp ret/*.csv held/
rm held/sen2_senneed.csv
mkfifo held/sen2_senneed.csv
rm -f "$EHC_DB-wal" "$EHC_DB-shm"
cp empty.db "$EHC_DB"
exec {events}< <(
	"$EHC" import sen2 held >/dev/null 2>&1 &
	echo "$!"
	wait "$!"
	echo ended
	exec cat <>held/sen2_senneed.csv >/dev/null
)
watcher=$!
read -r pid <&"$events"
cat ret/sen2_senneed.csv >held/sen2_senneed.csv
exec {fifo}>held/sen2_senneed.csv
if read -r -t 0 <&"$events"; then
	test_fail "an import killed inside its transaction" \
	    "ehc did not open sen2_senneed.csv a second time"
else
	kill -KILL "$pid"
	read -r line <&"$events"	# "ended": ehc is gone
	test_expect "an import killed inside its transaction: nothing of it" \
	    "$(intact 'import sen2')" none
fi
exec {fifo}>&- {events}<&-
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null

# Imports killed at random moments all the way through.
span=$(rm -f "$EHC_DB-wal" "$EHC_DB-shm"; cp empty.db "$EHC_DB";
    span "$EHC" import sen2 ret)
bad=0 whole=0 none=0
for i in $(seq 1 "$rounds"); do
	rm -f "$EHC_DB-wal" "$EHC_DB-shm"
	cp empty.db "$EHC_DB"
	kill_after "$(slice "$i" "$rounds" "$span")" "$EHC" import sen2 ret
	result=$(intact 'import sen2')
	case $result in
	none) none=$((none + 1)) ;;
	whole) whole=$((whole + 1)) ;;
	*) bad=$((bad + 1))
	   echo "# round $i: $result after the kill" ;;
	esac
done
test_expect "$rounds imports killed: each store intact, all or nothing" \
    "$bad" 0
echo "# $none rolled back, $whole committed (either is right)"

# A loop of commands, killed in the middle; each command all or nothing.
cp empty.db "$EHC_DB"
rm -f "$EHC_DB-wal" "$EHC_DB-shm"
loop='for i in $(seq 1 400); do "$EHC" request new -f Kim -s Lee \
    -b 2015-01-01 -r 2026-01-05 || exit; "$EHC" case flag "$i" chc ||
    exit; done'
bad=0
for i in $(seq 1 20); do
	kill_after "$(slice "$i" 20 300)" bash -c "$loop"
	verified=yes
	"$EHC" audit verify >/dev/null 2>&1 || verified=no
	# Counted, then cleared for the next loop, in one call.
	sq "$EHC_DB" "SELECT (SELECT count(*) FROM cases), (SELECT count(*)
	    FROM audit WHERE action = 'request new'), (SELECT count(*) FROM
	    cases WHERE chc = 1), (SELECT count(*) FROM audit WHERE action =
	    'case flag'), (SELECT group_concat(integrity_check, ' ') FROM
	    pragma_integrity_check); DELETE FROM deadline; DELETE FROM cases;
	    DELETE FROM person; DELETE FROM audit"
	read -r n a f c integrity <<<"$sq_out"
	if [ "$verified" != yes ] || [ "$integrity" != ok ] ||
	    [ "$n" != "$a" ] || [ "$f" != "$c" ]; then
		bad=$((bad + 1))
		echo "# loop $i: $n cases, $a request audits, $f flagged," \
		    "$c flag audits, integrity $integrity, chain $verified"
	fi
done
test_expect "20 loops of commands killed: every command all or nothing" \
    "$bad" 0

# Creating the store, killed part way.
sq empty.db 'PRAGMA user_version'
version=$sq_out
span=$(rm -f "$EHC_DB" "$EHC_DB-wal" "$EHC_DB-shm"; span "$EHC" init)
bad=0
for i in $(seq 1 10); do
	rm -f "$EHC_DB" "$EHC_DB-wal" "$EHC_DB-shm"
	kill_after "$(slice "$i" 10 "$span")" "$EHC" init
	if ! "$EHC" init >/dev/null 2>&1 && ! "$EHC" case list >/dev/null; then
		bad=$((bad + 1))
		echo "# init $i: the store cannot be used after the kill"
		continue
	fi
	sq "$EHC_DB" "SELECT (SELECT user_version FROM pragma_user_version),
	    (SELECT group_concat(integrity_check, ' ') FROM
	    pragma_integrity_check)"
	read -r v integrity <<<"$sq_out"
	if [ "$integrity" != ok ] || [ "$v" != "$version" ] ||
	    ! "$EHC" audit verify >/dev/null 2>&1; then
		bad=$((bad + 1))
		echo "# init $i: the schema is incomplete ($v, $integrity)"
	fi
done
test_expect "10 kills of ehc init: the store is whole afterwards" "$bad" 0

test_done
