#!/bin/bash
# Many officers at once: 8 processes each run N mixed commands (writes
# and reads) against one store with EHC_BUSY_TIMEOUT=10000.  Every
# command must exit 0 (75 is allowed only for a command that waited the
# whole timeout), nothing may be lost, and the audit log must count
# every write.  N is EHC_CONCURRENCY_N, default 60 so that CI stays
# quick; the reliability issue asks for 500 (EHC_CONCURRENCY_N=500).
. "$(dirname "$0")/lib.sh"

n=${EHC_CONCURRENCY_N:-60}
workers=8
export EHC_BUSY_TIMEOUT=10000
ehc init

# worker W: N commands in a cycle of six writes and two reads, each
# logged as "status milliseconds kind".
worker() {
	local w=$1 i=0 ref="" start status kind
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
		start=$(date +%s%N)
		out=$("$EHC" "${cmd[@]}" 2>>"err.$w")
		status=$?
		echo "$status $(( ($(date +%s%N) - start) / 1000000 )) $kind" \
		    "${cmd[0]}" "${cmd[2]}" >>"log.$w"
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
test_expect "nothing on stderr" "$(cat err.* | head -5)" ""
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
echo "# $total commands, $writes writes; slowest $(sort -k2 -n all.log |
    tail -1 | cut -d' ' -f2) ms"

test_done
