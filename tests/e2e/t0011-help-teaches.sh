#!/bin/bash
# t0011-help-teaches: --help describes every option the manual page
# documents, one line of description each after the synopsis; a usage
# error quotes the form of the subcommand that was used; the request
# list does what ehc-request(1) says (issue 17, point 8).
. "$(dirname "$0")/lib.sh"

ehc init

test_desc "case --help: the synopsis, then each option with what it does"
ehc_check 0 "~^  -e, --explain +With show: say how each deadline was computed\\.$" \
    "" -- ehc case --help
test_desc "case --help: the synopsis first"
ehc_check 0 "~^usage: ehc case show " "" -- ehc case --help

# Every long option of every page's OPTIONS is in its command's --help.
missing=
for page in "$EHC_SRCDIR"/man/ehc-*.1; do
	name=${page##*/ehc-}
	name=${name%.1}
	help=$(ehc "$name" --help)
	for opt in $(sed -n '/^\.Sh OPTIONS/,/^\.Sh /s/^\.It Fl .*Fl -\([a-z0-9-]*\).*/\1/p' \
	    "$page"); do
		printf '%s\n' "$help" | grep -q -- "^  -.*--$opt\\b" ||
		    missing="$missing $name:--$opt"
	done
done
test_expect "every documented option is described by --help" \
    "${missing:-none}" none

c=$(ehc request new --forename Amira --surname Khan --dob 2016-09-12 \
    --received 2026-01-05 --source parent --officer jbloggs)
test_desc "a case flag error quotes the flag form, not case show"
ehc_check 64 "" "~usage: ehc case flag \\[-h\\] case " -- \
    ehc case flag "$c" safeguarding --frobnicate
test_desc "case need without the need quotes the need form"
ehc_check 64 "" "~usage: ehc case need " -- ehc case need "$c"
test_desc "review decide without --date quotes the decide form"
ehc_check 64 "" "~usage: ehc review \\[-h\\] \\[-j\\] case decide " -- \
    ehc review "$c" decide amend
test_desc "import case without its file quotes the import case form"
ehc_check 64 "" "~usage: ehc import case " -- ehc import case
test_desc "money end without its number quotes the end form"
ehc_check 64 "" "~usage: ehc money \\[-h\\] case end\\|paid" -- \
    ehc money "$c" end
test_desc "ehc case alone names every subcommand"
ehc_check 64 "" "~show, list, assign, flag, contact, chc, need, year-group, history or edit" \
    -- ehc case

# ehc-request(1): list shows the requests still open, not those refused,
# withdrawn or with a plan.
w=$(ehc request new --forename Ben --surname Lee --dob 2016-01-01 \
    --received 2026-01-05 --source parent)
ehc request withdraw "$w" --date 2026-02-01
test_desc "request list shows the open request"
ehc_check 0 "~^$c	requested	Amira Khan" "" -- ehc request list
test_desc "request list leaves out the withdrawn one"
ehc_check 1 "" "" -- sh -c "'$EHC' request list | grep -q '$w'"
test_desc "case list still has it"
ehc_check 0 "~^$w	withdrawn	Ben Lee" "" -- ehc case list

# ehc-note(1): "A note dated after today is refused"; notes are listed
# in date order.
ehc_refuse 65 "a note dated after today" -- ehc note "$c" \
    --date 2026-03-03 --kind call --message "tomorrow"
ehc note "$c" --date 2026-02-20 --kind call --message later
ehc note "$c" --date 2026-01-20 --kind email --message earlier
test_desc "ehc-note(1): notes are listed in date order"
ehc_check 0 "$(printf '2026-01-20\temail\ttester\tearlier\n2026-02-20\tcall\ttester\tlater')" \
    "" -- ehc note "$c" --list
# ehc-case(1): "list ... -o: only the cases of officer".
test_desc "ehc-case(1): case list -o lists only that officer's cases"
ehc_check 0 "~^$c	" "" -- ehc case list -o jbloggs
test_expect "and no case of another officer or none" \
    "$(ehc case list -o jbloggs | wc -l | tr -d ' ')" 1

test_done
