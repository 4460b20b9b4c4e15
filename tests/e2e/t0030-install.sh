#!/bin/bash
# t0030-install: meson install --destdir puts each file in its place
# under the prefix: the program, every manual page, the bash completion,
# libehc with its headers and pkg-config file, and the example crontab;
# a program builds and runs against the installed library; and the
# installed completion completes commands, options, case references and
# officers (read from the store through the installed ehc).
. "$(dirname "$0")/lib.sh"

build=${EHC_BUILDDIR:-$EHC_SRCDIR/build}
root=$TEST_DIR/root
if meson install -C "$build" --no-rebuild --destdir "$root" --quiet \
    >install.log 2>&1; then
	test_ok "meson install --destdir"
else
	test_fail "meson install --destdir" "$(tail -n 5 install.log)"
	test_done
fi

# The directories the build was configured with, under the destdir.
eval "$(meson introspect "$build" --buildoptions | python3 -c '
import json, shlex, sys
for o in json.load(sys.stdin):
    if o["name"] in ("prefix", "bindir", "libdir", "includedir", "datadir",
                     "mandir"):
        print("%s=%s" % (o["name"], shlex.quote(o["value"])))')"
under() { case $1 in /*) echo "$root$1" ;; *) echo "$root$prefix/$1" ;; esac; }
bin=$(under "$bindir")
lib=$(under "$libdir")
inc=$(under "$includedir")
share=$(under "$datadir")
man=$(under "$mandir")
version=$("$EHC" --version)

test_expect "the program, in bindir" "$("$bin/ehc" --version)" "$version"
missing=""
for page in "$EHC_SRCDIR"/man/*.[157]; do
	name=${page##*/}
	[ -f "$man/man${name##*.}/$name" ] || missing="$missing $name"
done
test_expect "every manual page, in mandir/manN" "$missing" ""
missing=""
for h in "$EHC_SRCDIR"/include/ehc/*.h version.h; do
	[ -f "$inc/ehc/${h##*/}" ] || missing="$missing ${h##*/}"
done
test_expect "every public header, in includedir/ehc" "$missing" ""
test_expect "libehc, its soname and its link for the linker" \
    "$(cd "$lib" && ls libehc.so* | tr '\n' ' ')" \
    "libehc.so libehc.so.0.2 libehc.so.0.2.0 "
test_expect "the example crontab, in datadir/doc/ehc/examples" \
    "$(cmp "$EHC_SRCDIR/examples/ehc-due.cron" \
    "$share/doc/ehc/examples/ehc-due.cron" && echo same)" same
completion=$share/bash-completion/completions/ehc
test_expect "the bash completion, in datadir/bash-completion/completions" \
    "$([ -f "$completion" ] && echo yes)" yes

# pkg-config finds libehc where it was installed.
export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root
test_expect "pkg-config knows libehc's version" \
    "$(pkg-config --modversion ehc)" "${version#ehc }"
flags=$(pkg-config --cflags ehc)
test_expect "and its headers" "${flags%% *}" "-I$inc"
cat >prog.c <<'EOF'
#include <stdio.h>
#include <ehc/ehc.h>

int
main(void)
{
	printf("%s %d\n", EHC_VERSION_STRING, ehc_db_schema_version() > 0);
	return 0;
}
EOF
# A sanitizer build's library brings its runtime, which then comes
# second: allowed here, since the program itself is not instrumented.
if cc -std=c99 -o prog prog.c $(pkg-config --cflags --libs ehc) \
    2>cc.err; then
	test_expect "a program built against the installed libehc runs" \
	    "$(LD_LIBRARY_PATH=$lib ASAN_OPTIONS=verify_asan_link_order=0 \
	    ./prog)" "${version#ehc } 1"
else
	test_fail "a program builds against the installed libehc" \
	    "$(head -n 5 cc.err)"
fi

# The completion, in a bash of its own, with the installed ehc.
ehc init
ehc request new -f Ann -s Lee -b 2016-01-01 -r 2026-01-05 \
    -o "Jo Bloggs" >/dev/null
ehc request new -f Ben -s Lee -b 2016-01-01 -r 2026-01-05 \
    -o "Sam Patel" >/dev/null
EHC_DB=$TEST_DIR/other.db ehc init
EHC_DB=$TEST_DIR/other.db ehc request new -f Cat -s Poe -b 2016-01-01 \
    -r 2026-01-05 >/dev/null
EHC_DB=$TEST_DIR/other.db ehc request new -f Dan -s Poe -b 2016-01-01 \
    -r 2026-01-05 >/dev/null
EHC_DB=$TEST_DIR/other.db ehc request new -f Eve -s Poe -b 2016-01-01 \
    -r 2026-01-05 >/dev/null
# complete WORD...: what the completion offers for the last word.
complete_words() {
	PATH=$bin:$PATH bash --norc --noprofile -c '
	. "$1"
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_ehc
	printf "%s\n" "${COMPREPLY[@]}"' complete "$completion" "$@"
}
test_expect "complete -p names the function" \
    "$(bash --norc --noprofile -c '. "$1"; complete -p ehc' x \
    "$completion")" "complete -F _ehc ehc"
test_expect "it completes a command" "$(complete_words ehc ba)" backup
test_expect "and every command that begins so" \
    "$(complete_words ehc re | tr '\n' ' ')" \
    "reassess report request restore retention review "
test_expect "a global option" "$(complete_words ehc --ver)" --version
test_expect "a command's subcommands" \
    "$(complete_words ehc case '' | tr '\n' ' ')" \
    "assign chc contact edit flag history list need show year-group "
test_expect "a command's options" \
    "$(complete_words ehc restore -- | tr '\n' ' ')" "--help --json "
test_expect "the words an operand may be" \
    "$(complete_words ehc decide EHC-000001 '' | tr '\n' ' ')" \
    "assess issue no-assess no-issue "
test_expect "case references from the store" \
    "$(complete_words ehc case show EHC | tr '\n' ' ')" \
    "EHC-000001 EHC-000002 "
test_expect "from the store that --db names" \
    "$(complete_words ehc --db "$TEST_DIR/other.db" decide '' |
    tr '\n' ' ')" "EHC-000001 EHC-000002 EHC-000003 "
test_expect "officers from the store, spaces and all" \
    "$(complete_words ehc case list --officer '')" "Jo Bloggs
Sam Patel"
test_expect "an officer to assign a case to" \
    "$(complete_words ehc case assign EHC-000001 S)" "Sam Patel"

test_done
