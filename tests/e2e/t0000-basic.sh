#!/bin/bash
# The basics: version, usage errors, init and the missing store.
. "$(dirname "$0")/lib.sh"

test_desc "--version prints 'ehc VERSION'"
ehc_check 0 "~^ehc " "" -- "$EHC" --version

test_desc "no command is a usage error (64)"
ehc_check 64 "" "~." -- "$EHC"

ehc_refuse 64 "an unknown command" -- "$EHC" no-such-command

# The store is the owner's alone, whatever the umask says.
umask 022
test_desc "init creates the store"
ehc_check 0 "*" "" -- "$EHC" init
if [ -f "$EHC_DB" ]; then
	test_expect "the store has mode 0600" "$(stat -c %a "$EHC_DB")" 600
else
	test_fail "the store has mode 0600" "no file at $EHC_DB"
fi

test_desc "a second init succeeds (idempotent)"
ehc_check 0 "*" "" -- "$EHC" init
test_expect "the store still has mode 0600" "$(stat -c %a "$EHC_DB")" 600

ehc_refuse 66 "a store in a missing directory" -- \
    "$EHC" --db "$PWD/missing/x.db" due
test_expect "nothing was created for the missing store" \
    "$([ -e "$PWD/missing" ] && echo created || echo absent)" absent

test_done
