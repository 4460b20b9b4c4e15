#!/bin/bash
# Many officers at once: 8 processes each run N mixed commands (writes
# and reads) against one store with EHC_BUSY_TIMEOUT=10000.  Every
# command must succeed in the end, nothing may be lost, and the audit log
# must count every write.  N is EHC_CONCURRENCY_N, default 60 so that CI
# stays quick; the reliability issue asks for 500 (EHC_CONCURRENCY_N=500).
#
# Exit 75 means "busy past the timeout: retry" (ehc(1)), and a worker
# does just that, as a script should.  Without the retry the test would
# depend on the machine's speed: on a loaded machine (or under the
# sanitizers) SQLite's busy handler, which polls, can let one process
# miss the lock for the whole timeout while the others take turns, and a
# correct ehc would fail the test.  The retry checks more, not less: a
# command that gave up must have waited the whole timeout and written
# nothing (the audit log counts only the writes that exited 0).
. "$(dirname "$0")/lib.sh"

n=${EHC_CONCURRENCY_N:-60}
workers=8
retries=10
export EHC_BUSY_TIMEOUT=10000
ehc init

# ms: milliseconds since the epoch, without starting a process.
ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

# worker W: N commands in a cycle of six writes and two reads, each
# logged as "status milliseconds kind" once it is done; a command that
# exits 75 is retried (up to $retries times) and each such attempt is
# logged in retried.W.
worker() {
	local w=$1 i=0 ref="" start status kind try
	local -a cmd
	while [ "$i" -lt "$n" ]; do
		kind=write
		case $((i % 8)) in
		0) cmd=(request new -f "Worker$w" -s "Case$i" -b 2015-01-01
		    -r 2026-01-05 -o "officer$w") ;;
		1) cmd=(decide "$ref" assess --date 2026-01-20) ;;
		2) cmd=(advice "$ref" request educational --date 2026-01-21) ;;
		3) kind=read; cmd=(case show "$ref" --json) ;;
		4) cmd=(note "$ref" -d 2026-01-22 -k call -m "call $w.$i") ;;
		5) cmd=(advice "$ref" receive A1 --date 2026-02-10) ;;
		6) kind=read; cmd=(due --json --officer "officer$w") ;;
		7) cmd=(case flag "$ref" looked-after) ;;
		esac
		try=0
		while :; do
			start=$(ms)
			out=$("$EHC" "${cmd[@]}" 2>"try-err.$w")
			status=$?
			[ "$status" = 75 ] && [ "$try" -lt "$retries" ] ||
			    break
			try=$((try + 1))
			echo "$status $(($(ms) - start)) $kind" "${cmd[0]}" \
			    "${cmd[2]}" >>"retried.$w"
			cat "try-err.$w" >>"retried-err.$w"
		done
		echo "$status $(($(ms) - start)) $kind" "${cmd[0]}" \
		    "${cmd[2]}" >>"log.$w"
		[ -s "try-err.$w" ] && cat "try-err.$w" >>"err.$w"
		if [ $((i % 8)) = 0 ]; then
			if [ "$status" = 0 ]; then
				ref=$out
				echo "$ref" >>"refs.$w"
			else
				# Without the case the rest of the cycle fails.
				i=$((i + 8 - 1))
			fi
		fi
		i=$((i + 1))
	done
}

for w in $(seq 1 "$workers"); do
	worker "$w" &
done
wait

cat log.* >all.log
total=$(wc -l <all.log)
test_expect "every command ran" "$total" $((workers * n))
test_expect "every command exited 0 (75 only after the full timeout)" \
    "$(awk '$1 != 0 && !($1 == 75 && $2 >= 10000)' all.log | head -5)" ""
test_expect "nothing on stderr" "$(cat err.* 2>/dev/null | head -5)" ""
cat retried.* >retried.log 2>/dev/null
test_expect "a command retried had waited the full timeout for exit 75" \
    "$(awk '!($1 == 75 && $2 >= 10000)' retried.log | head -5)" ""
test_expect "and said the store was busy" \
    "$(cat retried-err.* 2>/dev/null | grep -v '^ehc [a-z ]*: .*busy' |
    head -5)" ""
writes=$(awk '$1 == 0 && $3 == "write"' all.log | wc -l)
requests=$(awk '$1 == 0 && $4 == "request"' all.log | wc -l)
test_expect "every case created is there" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM cases')" "$requests"
test_expect "the references are all different" \
    "$(cat refs.* | sort | uniq -d)" ""
test_expect "the audit log counts every write" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM audit')" "$writes"
test_expect "every note is there" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM note')" \
    "$(awk '$1 == 0 && $4 == "note"' all.log | wc -l)"
test_expect "every advice received" \
    "$(sqlite3 "$EHC_DB" 'SELECT count(*) FROM advice WHERE received IS
    NOT NULL')" \
    "$(awk '$1 == 0 && $4 == "advice" && $5 == "receive"' all.log | wc -l)"
test_expect "the store is intact" \
    "$(sqlite3 "$EHC_DB" 'PRAGMA integrity_check')" ok
test_desc "the audit chain is intact"
ehc_check 0 "$writes records, chain intact" "" -- "$EHC" audit verify
echo "# $total commands, $writes writes, $(wc -l <retried.log) retried;" \
    "slowest $(sort -k2 -n all.log | tail -1 | cut -d' ' -f2) ms"

test_done
