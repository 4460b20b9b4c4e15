# lib.sh: the harness every end-to-end test sources.  Each test runs the
# real ehc (EHC names it) in a fresh directory with its own store and a
# fixed clock, and prints TAP: "ok N - ..." or "not ok N - ..." with
# diagnostics, then the plan "1..N".  Modelled on git's t/test-lib.sh and
# pkg's atf_check: every check asserts exit status, stdout and stderr.
set -u
if [ -z "${EHC:-}" ] || [ ! -x "$EHC" ]; then
	echo "Bail out! EHC must name the ehc binary (got '${EHC:-}')"
	exit 1
fi
case $EHC in /*) ;; *) EHC=$PWD/$EHC ;; esac
EHC_SRCDIR=${EHC_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ehc-test.XXXXXX")
cd "$TEST_DIR" || exit 1
trap 'rm -rf "$TEST_DIR"' EXIT
export EHC EHC_SRCDIR EHC_DB=$TEST_DIR/ehc.db EHC_USER=tester
# Fixed, whatever the caller's environment says, so output is reproducible;
# a test that wants another day exports EHC_TODAY after sourcing lib.sh.
export EHC_TODAY=2026-03-02 LC_ALL=C TZ=UTC
unset EHC_BUSY_TIMEOUT LANG LANGUAGE
test_count=0
test_failed=0
test_description=""

ehc() { "$EHC" "$@"; }

# python3 is Debian's, which the Makefile installs with python3-openpyxl,
# when there is one, rather than the first in PATH: a version manager's
# shim there (pyenv's is a shell script) can take most of a second to
# start, which adds up over the checks that use python3.
if [ -x /usr/bin/python3 ]; then
	python3() { /usr/bin/python3 "$@"; }
fi

# test_desc TEXT: describes the next ehc_check.
test_desc() { test_description=$1; }

test_ok() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1"
}

# test_fail DESC [DIAGNOSTIC...]
test_fail() {
	local d=$1
	shift
	test_count=$((test_count + 1))
	test_failed=$((test_failed + 1))
	echo "not ok $test_count - $d"
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

# test_expect DESC ACTUAL EXPECTED
test_expect() {
	if [ "$2" = "$3" ]; then
		test_ok "$1"
	else
		test_fail "$1" "expected: $3" "got:      $2"
	fi
}

# matches PATTERN TEXT: "" empty, "*" anything, "~RE" grep -E, else exact.
matches() {
	case $1 in
	"") [ -z "$2" ] ;;
	"*") true ;;
	"~"*) printf '%s\n' "$2" | grep -Eq -- "${1#\~}" ;;
	*) [ "$2" = "$1" ] ;;
	esac
}

# ehc_check STATUS STDOUT STDERR -- COMMAND...
ehc_check() {
	local want_status=$1 want_out=$2 want_err=$3 out err status d
	shift 3
	[ "${1:-}" = "--" ] && shift
	d=${test_description:-$*}
	test_description=""
	out=$("$@" 2>"$TEST_DIR/.stderr")
	status=$?
	err=$(<"$TEST_DIR/.stderr")
	if [ "$status" = "$want_status" ] && matches "$want_out" "$out" &&
	    matches "$want_err" "$err"; then
		test_ok "$d"
	else
		test_fail "$d" "status $status (expected $want_status)" \
		    "stdout: ${out:0:400}" "expected stdout: $want_out" \
		    "stderr: ${err:0:400}" "expected stderr: $want_err"
	fi
}

# store_digest: a digest of the store's schema and rows (sqlite3's
# .sha3sum: one process where .dump | sha256sum took three).
store_digest() {
	[ -f "$EHC_DB" ] && sqlite3 "$EHC_DB" '.sha3sum --schema'
}

# csv_rows FILE COLUMN...: the named columns of a CSV file with a header
# row, one row per line, fields joined by '|', in file order.
csv_rows() {
	python3 - "$@" <<'EOF'
import csv, sys
for x in csv.DictReader(open(sys.argv[1], newline="")):
    print("|".join(x[c] for c in sys.argv[2:]))
EOF
}

# lines TEXT: how many lines TEXT has, as grep -c '' counts them.
lines() {
	local nl=${1//[!$'\n']/}
	[ -z "$1" ] && echo 0 || echo $((${#nl} + 1))
}

# ehc_refuse STATUS DESC -- COMMAND...: the command exits STATUS, prints
# nothing on stdout and one line on stderr, and leaves the store as it was.
ehc_refuse() {
	local want=$1 d=$2 before after out err status lines
	shift 2
	[ "${1:-}" = "--" ] && shift
	before=$(store_digest)
	out=$("$@" 2>"$TEST_DIR/.stderr")
	status=$?
	err=$(<"$TEST_DIR/.stderr")
	after=$(store_digest)
	lines=$(lines "$err")
	if [ "$status" = "$want" ] && [ -z "$out" ] && [ "$lines" = 1 ] &&
	    [ "$before" = "$after" ]; then
		test_ok "$d refused with $want"
	else
		test_fail "$d" "status $status (expected $want)" \
		    "stdout: ${out:0:200}" "stderr ($lines lines): ${err:0:400}" \
		    "store $([ "$before" = "$after" ] && echo unchanged || echo CHANGED)"
	fi
}

# hold_write_lock [STORE]: another process takes the write lock of STORE
# (default $EHC_DB) with BEGIN IMMEDIATE and holds it until
# release_write_lock, however long the test takes: no timing is involved.
# It returns once the lock is held; the helper says so on a FIFO, read
# with a blocking read.  Returns 1 (and the lock is not held) if the
# helper could not take it.  One lock at a time.
hold_write_lock() {
	local store=${1:-$EHC_DB} line=""
	rm -f "$TEST_DIR/.lock-in" "$TEST_DIR/.lock-out"
	mkfifo "$TEST_DIR/.lock-in" "$TEST_DIR/.lock-out" || return 1
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()       # a line from release_write_lock, or EOF
c.execute("ROLLBACK")
c.close()' "$store" <"$TEST_DIR/.lock-in" >"$TEST_DIR/.lock-out" &
	lock_holder=$!
	# Each open waits for the other end: the helper opens them in turn.
	exec {lock_in}>"$TEST_DIR/.lock-in" {lock_out}<"$TEST_DIR/.lock-out"
	read -r line <&"$lock_out"
	if [ "$line" != locked ]; then
		release_write_lock
		return 1
	fi
}

# release_write_lock: the holder rolls back and exits; returns after it
# has, so the lock is free.  The line is written from a subshell: if the
# helper has died, SIGPIPE ends only that.  Closing the FIFO alone would
# do, unless a process started meanwhile still has it open.
release_write_lock() {
	(echo release >&"$lock_in") 2>/dev/null
	exec {lock_in}>&- {lock_out}<&-
	wait "$lock_holder"
	rm -f "$TEST_DIR/.lock-in" "$TEST_DIR/.lock-out"
}

# plan_issued FORENAME SURNAME DOB [OPTION...]: a case whose plan was
# first issued on 2025-06-02 (received 2025-01-06, each step between, the
# options going to 'request new'); prints its reference.
plan_issued() {
	local p forename=$1 surname=$2 dob=$3
	shift 3
	p=$(ehc request new --forename "$forename" --surname "$surname" \
	    --dob "$dob" --received 2025-01-06 "$@") || return
	ehc decide "$p" assess --date 2025-02-10
	ehc decide "$p" issue --date 2025-04-14
	ehc draft "$p" issue --date 2025-04-28
	ehc draft "$p" final --date 2025-06-02
	echo "$p"
}

# test_done: the TAP plan, then exit 1 if anything failed, else 0.
test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ] && exit 0
	exit 1
}
