#!/bin/bash
# Hostile, against the files ehc writes (issue 14): each is written
# beside its name and renamed over it only when whole, so a failed or
# killed write leaves what was there; a target that is not a regular
# file is refused and left; a new file is mode 0600 whatever the umask
# or the old file's mode; and a workbook that cannot be written says so
# in one line of ehc's, not libxlsxwriter's.
#
# A write is made to fail, or the writer killed, at a point that does
# not depend on timing: a file-size limit (ulimit -f) that the largest
# file crosses, with SIGXFSZ ignored (the write fails) or not (the
# process is killed there).
. "$(dirname "$0")/lib.sh"

ehc init
# Enough cases that the workbook and the largest CSV pass 40 KiB, and
# the store's own files (its 32 KiB -shm) do not need to.
ehc demo -n 1200 >/dev/null 2>&1
ehc report sen2 --year 2026 --csv whole >/dev/null
limit=40

# over_limit COMMAND...: COMMAND with files limited to $limit KiB; a
# write past it fails (EFBIG).
over_limit() { (trap '' XFSZ; ulimit -f $limit; exec "$@"); }
# killed_at_limit COMMAND...: the same, but killed by SIGXFSZ there.
killed_at_limit() { (trap - XFSZ; ulimit -c 0; ulimit -f $limit; exec "$@"); }

test_expect "the largest CSV and the workbook do pass the limit" \
    "$(( $(stat -c %s whole/sen2_person.csv) > limit * 1024 ))" 1

# --- A failed --xlsx leaves the report that was there ------------------

printf 'last year\n' >report.xlsx
chmod 644 report.xlsx
test_desc "a workbook that cannot be written: one line of ehc's, 74"
ehc_check 74 "" "ehc report: cannot write 'report.xlsx': Zip generic \
error ZIP_ERRNO while creating the xlsx file." -- over_limit "$EHC" \
    report sen2 --year 2026 --xlsx report.xlsx
test_expect "and the report that was there is as it was" \
    "$(cat report.xlsx; stat -c %a report.xlsx)" "last year
644"
test_expect "with nothing else left beside it" "$(ls -A | grep -c \
    'report\.xlsx\.')" 0

# --- A target that is not a regular file is refused and left -----------

# A full-device node of our own when we may make one (as root): the
# system's /dev/full is never put at risk by an ehc that removes it.
if mknod "$TEST_DIR/full" c 1 7 2>/dev/null; then
	dev=$TEST_DIR/full
else
	dev=/dev/full
fi
test_desc "--xlsx naming a device is refused, 73"
ehc_check 73 "" "ehc report: '$dev' is not a regular file; name a new \
file or an existing one to replace" -- "$EHC" report sen2 --year 2026 \
    --xlsx "$dev"
test_expect "and the device is still there" "$(stat -c %F "$dev")" \
    "character special file"
mkdir adir
ehc_refuse 73 "--xlsx naming a directory" -- "$EHC" report caseload \
    --xlsx adir
test_expect "which is left" "$(stat -c %F adir)" "directory"
ln -s report.xlsx link.xlsx
ehc_refuse 73 "--xlsx naming a symbolic link" -- "$EHC" report caseload \
    --xlsx link.xlsx
test_expect "which is left, and what it names" \
    "$(readlink link.xlsx; cat report.xlsx)" "report.xlsx
last year"

# --- A killed report leaves no truncated file under a final name -------

mkdir out
printf 'last year\n' >out/sen2_person.csv
chmod 644 out/sen2_person.csv
killed_at_limit "$EHC" report sen2 --year 2026 --csv out >/dev/null 2>&1
test_expect "report sen2 --csv killed at the limit (SIGXFSZ, 128 + 25)" \
    "$?" 153
test_expect "every file under a final name is whole, or last year's" \
    "$(for f in out/sen2_*.csv; do
	cmp -s "$f" "whole/${f#out/}" && echo whole ||
	    { [ "$(cat "$f")" = "last year" ] && echo "last year"; } ||
	    echo "TRUNCATED $f"
    done | sort | uniq -c | sed 's/^ *//')" "1 last year"

# --- New files are 0600 whatever the umask or the old file's mode -------

(umask 022; "$EHC" report sen2 --year 2026 --csv fresh >/dev/null)
test_expect "the nine CSV files, made under umask 022" \
    "$(stat -c %a fresh/*.csv | sort -u)" 600
(umask 022; "$EHC" report sen2 --year 2026 --csv out >/dev/null)
test_expect "sen2_person.csv, written over last year's 0644 file" \
    "$(stat -c %a out/sen2_person.csv; cmp -s out/sen2_person.csv \
    whole/sen2_person.csv && echo whole)" "600
whole"
for r in caseload "reviews --year 2025" "spend --year 2025" \
    "advice --year 2025" "timeliness --year 2025"; do
	f=${r%% *}.xlsx
	printf 'old\n' >"$f"
	chmod 644 "$f"
	(umask 022; "$EHC" report $r --xlsx "$f" >/dev/null)
	test_expect "the $r workbook, over an old 0644 file" \
	    "$(stat -c %a "$f"; head -c 2 "$f")" "600
PK"
done
test_expect "the store and its audit key, made under umask 022" \
    "$(mkdir made && cd made && (umask 022; EHC_DB=$PWD/s.db "$EHC" init) &&
    stat -c %a s.db s.db.key)" "600
600"

test_done
