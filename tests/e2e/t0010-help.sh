#!/bin/bash
# t0010-help: the manual pages and the usage strings agree.
#
# For every command that 'ehc --help' lists under "commands:":
#  - man/ehc-NAME.1 exists and man/meson.build installs it;
#  - 'ehc NAME --help' exits 0, prints nothing on stderr, and prints the
#    SYNOPSIS of 'mandoc -T ascii man/ehc-NAME.1', line for line, once
#    whitespace is normalised ("usage: " and the indentation stripped,
#    runs of blanks collapsed);
#  - 'ehc NAME --frobnicate' exits 64 with nothing on stdout and exactly
#    one line on stderr.
# And every man/ehc-*.1 page belongs to a command that exists.
#
# Run with EHC=path-to-ehc and EHC_SRCDIR=source root (meson sets both);
# by hand, the defaults are the script's source tree and its build/ehc.
# Uses tests/e2e/lib.sh when it is there, else prints TAP itself.

here=$(cd "$(dirname "$0")" && pwd)
: "${EHC_SRCDIR:=$(cd "$here/../.." && pwd)}"
: "${EHC:=$EHC_SRCDIR/build/ehc}"
export EHC EHC_SRCDIR

if [ -f "$here/lib.sh" ]; then
	# shellcheck source=/dev/null
	. "$here/lib.sh"
fi

# lib.sh's reporting when it has all of it, else plain TAP.
if ! { declare -F test_ok && declare -F test_fail &&
    declare -F test_done; } >/dev/null 2>&1; then
	t0010_n=0
	t0010_failed=0
	test_ok() {
		t0010_n=$((t0010_n + 1))
		echo "ok $t0010_n - $*"
	}
	test_fail() {
		t0010_n=$((t0010_n + 1))
		t0010_failed=$((t0010_failed + 1))
		echo "not ok $t0010_n - $*"
	}
	test_done() {
		echo "1..$t0010_n"
		[ "$t0010_failed" -eq 0 ] && exit 0
		exit 1
	}
fi

# Scratch files in lib.sh's test directory (it removes it), else in our
# own; and a private store unless lib.sh made one.
if [ -n "${TEST_DIR:-}" ] && [ -d "$TEST_DIR" ]; then
	t0010_tmp=$TEST_DIR/t0010
	mkdir -p "$t0010_tmp" || exit 1
else
	t0010_tmp=$(mktemp -d "${TMPDIR:-/tmp}/ehc-t0010.XXXXXX") || exit 1
	trap 'rm -rf "$t0010_tmp"' EXIT
fi
if [ -z "${EHC_DB:-}" ]; then
	EHC_DB=$t0010_tmp/ehc.db
fi
: "${EHC_TODAY:=2026-03-02}"
LC_ALL=C TZ=UTC
export EHC_DB EHC_TODAY LC_ALL TZ

man=$EHC_SRCDIR/man
bs=$(printf '\b')

# Diagnostics, as TAP comments.
say() {
	sed 's/^/# /'
}

# Check one condition: test_check DESCRIPTION COMMAND...
test_check() {
	local desc=$1
	shift
	if "$@"; then
		test_ok "$desc"
	else
		test_fail "$desc"
	fi
}

# The usage lines of 'ehc NAME --help', one synopsis line per line: the
# lines before the first blank one (the options follow it).
norm_help() {
	awk '/^[ \t]*$/ { exit }
	{
		sub(/^usage: /, "")
		gsub(/[ \t]+/, " ")
		sub(/^ /, "")
		sub(/ $/, "")
		print
	}'
}

# The SYNOPSIS of a page, one synopsis line per line: a line indented
# by the section's own indent starts a new one, a deeper one continues
# it (in case the page is ever rendered narrower than its lines).
man_synopsis() {
	mandoc -T ascii -O width=1000 "$1" | sed "s/.$bs//g" | awk '
	/^[^ \t]/ { insec = ($0 == "SYNOPSIS"); next }
	!insec || /^[ \t]*$/ { next }
	{
		match($0, /^ */)
		ind = RLENGTH
		line = substr($0, ind + 1)
		gsub(/[ \t]+/, " ", line)
		sub(/ $/, "", line)
		if (base == 0)
			base = ind
		if (ind <= base) {
			if (cur != "")
				print cur
			cur = line
		} else
			cur = cur " " line
	}
	END { if (cur != "") print cur }'
}

# The commands, as 'ehc --help' lists them.
rc=0
"$EHC" --help >"$t0010_tmp/help.out" 2>"$t0010_tmp/help.err" || rc=$?
cmds=$(awk '/^commands:/ { f = 1; next }
    f && /^[ \t]*$/ { exit }
    f { print $1 }' "$t0010_tmp/help.out")
if [ "$rc" -eq 0 ] && [ -n "$cmds" ]; then
	test_ok "ehc --help lists the commands"
else
	test_fail "ehc --help lists the commands (exit $rc)"
	say <"$t0010_tmp/help.err"
fi

# A store, so that option parsing is reached rather than 'no store'.
rc=0
"$EHC" init >"$t0010_tmp/init.out" 2>"$t0010_tmp/init.err" || rc=$?
if [ "$rc" -eq 0 ]; then
	test_ok "ehc init makes a store to run the commands on"
else
	test_fail "ehc init makes a store to run the commands on (exit $rc)"
	say <"$t0010_tmp/init.err"
fi

have_mandoc=0
command -v mandoc >/dev/null 2>&1 && have_mandoc=1

for name in $cmds; do
	page=$man/ehc-$name.1

	test_check "$name: man/ehc-$name.1 exists" test -f "$page"
	test_check "$name: man/meson.build installs ehc-$name.1" \
	    grep -q "'ehc-$name\.1'" "$man/meson.build"

	rc=0
	"$EHC" "$name" --help >"$t0010_tmp/out" 2>"$t0010_tmp/err" || rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$t0010_tmp/out" ] &&
	    [ ! -s "$t0010_tmp/err" ]; then
		test_ok "$name: --help exits 0 with the usage on stdout only"
	else
		test_fail "$name: --help exits 0 with the usage on stdout only\
 (exit $rc)"
		say <"$t0010_tmp/err"
	fi

	if [ "$have_mandoc" -eq 0 ]; then
		test_ok "$name: --help matches the SYNOPSIS # SKIP no mandoc"
	elif [ ! -f "$page" ]; then
		test_fail "$name: --help matches the SYNOPSIS (no page)"
	else
		norm_help <"$t0010_tmp/out" >"$t0010_tmp/usage"
		man_synopsis "$page" >"$t0010_tmp/synopsis"
		if [ -s "$t0010_tmp/usage" ] &&
		    cmp -s "$t0010_tmp/usage" "$t0010_tmp/synopsis"; then
			test_ok "$name: --help matches the SYNOPSIS"
		else
			test_fail "$name: --help matches the SYNOPSIS"
			diff -u "$t0010_tmp/usage" "$t0010_tmp/synopsis" |
			    sed -e '1s/.*/--- ehc '"$name"' --help/' \
			    -e '2s/.*/+++ ehc-'"$name"'.1 SYNOPSIS/' | say
		fi
	fi

	rc=0
	"$EHC" "$name" --frobnicate >"$t0010_tmp/out" 2>"$t0010_tmp/err" ||
	    rc=$?
	lines=$(wc -l <"$t0010_tmp/err" | tr -d ' ')
	if [ "$rc" -eq 64 ] && [ ! -s "$t0010_tmp/out" ] &&
	    [ "$lines" -eq 1 ]; then
		test_ok "$name: --frobnicate exits 64 with one line on stderr"
	else
		test_fail "$name: --frobnicate exits 64 with one line on stderr\
 (exit $rc, $lines lines)"
		say <"$t0010_tmp/err"
		say <"$t0010_tmp/out"
	fi
done

# No page for a command that does not exist.
cmdlist=" $(printf '%s\n' "$cmds" | tr '\n' ' ')"
stale=
for page in "$man"/ehc-*.1; do
	[ -f "$page" ] || continue
	name=${page##*/ehc-}
	name=${name%.1}
	case "$cmdlist" in
	*" $name "*) ;;
	*) stale="$stale $name" ;;
	esac
done
if [ -z "$stale" ]; then
	test_ok "every man/ehc-*.1 page is a command's"
else
	test_fail "every man/ehc-*.1 page is a command's (not:$stale)"
fi

test_done
