#!/bin/bash
# t1510-plan-check: 'ehc draft CASE check' on fixture plans: one good plan
# that passes, and one bad plan per rule, each named with its section and
# line or item; exit 0 when fit to issue, 65 when not.  'ehc draft CASE
# issue' warns on stderr, and still succeeds, when the check fails.
. "$(dirname "$0")/lib.sh"
ehc init

# new_case DOB: a new case for a child born DOB; prints its reference.
new_case() {
	ehc request new --forename Alex --surname Smith --dob "$1" \
	    --received 2025-10-01
}

# good_plan CASE: a plan fit to issue as a final plan, with preparation
# for adulthood (the child is in year 9).
good_plan() {
	local c=$1
	ehc draft "$c" section A --text "Alex wants to work with trains." &&
	ehc draft "$c" section B --text "Alex has a language disorder." &&
	ehc draft "$c" section C --text "No health care needs identified." &&
	ehc draft "$c" section D --text "No social care needs identified." &&
	ehc draft "$c" section E --text "Outcomes for key stage 4." &&
	ehc draft "$c" section G --text "None." &&
	ehc draft "$c" section H1 --text "None." &&
	ehc draft "$c" section H2 --text "None." &&
	ehc draft "$c" section I --text "Oak School, maintained special school" &&
	ehc draft "$c" section J --text "No personal budget requested." &&
	ehc draft "$c" section K --text "Educational psychology advice." &&
	ehc draft "$c" need add --text "Difficulty with expressive language" \
	    >/dev/null &&
	ehc draft "$c" outcome add --text "Alex will order his own lunch" \
	    --need B1 --pfa independent-living >/dev/null &&
	ehc draft "$c" provision add --section F --text "Speech and language \
therapy, individual" --amount "45 minutes" --frequency weekly \
	    --by "speech and language therapist" --need B1 --outcome E1 \
	    >/dev/null
}

# A good plan passes as a final plan, in text and in JSON.
good=$(new_case 2012-05-01)
if good_plan "$good"; then
	test_ok "the good fixture plan is written"
else
	test_fail "the good fixture plan is written"
fi
test_desc "a good plan is fit to issue as a final plan"
ehc_check 0 "" "" -- ehc draft "$good" check --stage final
test_desc "check --json on a good plan"
ehc_check 0 "{\"format_version\":2,\"case\":\"$good\",\"stage\":\"final\",\"fit\":true,\
\"problems\":[]}" "" -- ehc draft "$good" check --stage final --json

# The store as it is now, with the good plan its only case, is where each
# bad plan starts: a copy of it, rather than the fourteen commands of
# good_plan again for every rule; the audit key goes with it.
cp "$EHC_DB" good.db
cp "$EHC_DB.key" good.db.key
nbad=0

# bad RULE EXPECT-STDOUT COMMAND...: a good plan changed by COMMAND (run
# with the case appended after the first word) fails with exactly the one
# problem expected.
bad() {
	local what=$1 want=$2 c=$good
	local -x EHC_DB=$TEST_DIR/bad$((++nbad)).db
	shift 2
	cp good.db "$EHC_DB" && cp good.db.key "$EHC_DB.key" ||
	    test_fail "$what: fixture"
	"$@" "$c" >/dev/null || test_fail "$what: changing the plan"
	test_desc "$what"
	ehc_check 65 "$want" "ehc draft: the plan is not fit to issue as a \
${STAGE:-final} plan: ${N:-1} problem$([ "${N:-1}" = 1 ] || echo s)" \
	    -- ehc draft "$c" check --stage "${STAGE:-final}"
}

# Helpers that take the case last.
set_section() { ehc draft "$3" section "$1" --text "$2"; }
add_prov() { local c=${!#}; ehc draft "$c" provision "${@:1:$#-1}"; }

bad "missing section" \
    "~^K: empty-section: section K \(Advice and information gathered \
during the assessment\) is empty; write it with 'ehc draft EHC-[0-9]+ \
section K --file FILE'$" set_section K ""

bad "vague wording in a line of section text" \
    "~^G:2: vague: vague wording \('access to', 'as required'\)" \
    set_section G "Care plan held by the nurse.
Access to a quiet room as required."

bad "support with no amount in section text" \
    "~^H2:1: vague: vague wording \('support' with no amount\)" \
    set_section H2 "Support from a social worker."

bad "vague provision item" \
    "~^F2: vague: vague wording \('opportunities', 'regular'\)" \
    add_prov add --text "Opportunities for regular group work" \
    --amount "30 minutes" --frequency weekly --by "teacher" --need B1

bad "provision with no amount" \
    "~^F2: no-amount: F2 does not say how much" \
    add_prov add --text "Phonics programme" --frequency daily \
    --by "teaching assistant" --need B1

bad "provision whose amount is not a quantity" \
    "~^F2: unquantified: the amount of F2, 'some sessions', is not a" \
    add_prov add --text "Phonics programme" --amount "some sessions" \
    --frequency daily --by "teaching assistant" --need B1

bad "provision with no frequency" \
    "~^F2: no-frequency: F2 does not say how often" \
    add_prov add --text "Phonics programme" --amount "20 minutes" \
    --by "teaching assistant" --need B1

bad "provision with no provider" \
    "~^F2: no-provider: F2 does not say who delivers it" \
    add_prov add --text "Phonics programme" --amount "20 minutes" \
    --frequency daily --need B1

bad "provision serving no need or outcome" \
    "~^F2: unlinked: F2 serves no need or outcome" \
    add_prov add --text "Phonics programme" --amount "20 minutes" \
    --frequency daily --by "teaching assistant"

add_need() { ehc draft "$2" need add --section C --text "$1"; }
bad "a need with no provision" \
    "~^C1: unmet-need: no provision meets need C1" \
    add_need "Epilepsy affects attention"

no_pfa() { ehc draft "$1" outcome edit E1 --pfa "" \
    --text "Alex will read a timetable"; }
bad "no preparation for adulthood in year 9" \
    "~^F: no-pfa: no preparation for adulthood: born 1 May 2012, in year 9" \
    no_pfa

# A need is met through an outcome that provision serves.
c=$(new_case 2012-05-01)
good_plan "$c" && ehc draft "$c" provision edit F1 --outcome E1
test_desc "a need met through an outcome is met"
ehc_check 0 "" "" -- ehc draft "$c" check --stage final

young=$(new_case 2015-05-01)
good_plan "$young" && no_pfa "$young" >/dev/null
test_desc "no preparation for adulthood is fine in year 6"
ehc_check 0 "" "" -- ehc draft "$young" check --stage final

# Removing the only provision also leaves need B1 unmet.
no_items() { ehc draft "$1" provision rm F1; }
N=2 bad "section F with no provision" \
    "~^F: empty-section: section F" no_items
bad_items() { ehc draft "$1" section F --text "See the annex." &&
    ehc draft "$1" provision rm F1; }
N=2 bad "section F with text but no provision items" \
    "~^F: no-items: section F has text but no provision items" bad_items

STAGE=draft bad "section I filled in a draft" \
    "~^I:1: section-i-in-draft: a draft plan must not name a school" true

# The stage follows the case: before the draft is served, a draft.
fresh=$(new_case 2012-05-01)
good_plan "$fresh" && ehc draft "$fresh" section I --text "" >/dev/null
test_desc "with section I blank the plan is fit to issue as a draft"
ehc_check 0 "" "" -- ehc draft "$fresh" check
test_desc "but not as a final plan"
ehc_check 65 "~^I: empty-section: section I" "~not fit to issue as a final \
plan: 1 problem$" -- ehc draft "$fresh" check --stage final

# JSON names section, line, item, rule and message.
c=$(new_case 2012-05-01)
good_plan "$c" && set_section G "None.
Regular visits." "$c" >/dev/null
test_desc "check --json names the section and line"
ehc_check 65 "{\"format_version\":2,\"case\":\"$c\",\"stage\":\"final\",\"fit\":false,\
\"problems\":[{\"section\":\"G\",\"line\":2,\"item\":null,\"rule\":\"vague\",\
\"message\":\"vague wording ('regular'): say exactly what will be provided, \
how much, how often and by whom\"}]}" "~1 problem$" \
    -- ehc draft "$c" check --stage final --json

# Many problems at once, in section order.
c=$(new_case 2012-05-01)
ehc draft "$c" provision add --text "Access to support" >/dev/null
out=$(ehc draft "$c" check 2>/dev/null | awk -F': ' '{ print $1 ": " $2 }' |
    tr '\n' ' ')
test_expect "a bare plan lists every problem in section order" "$out" \
    "A: empty-section B: empty-section C: empty-section D: empty-section \
E: empty-section F1: vague F1: no-amount F1: no-frequency F1: no-provider \
F1: unlinked F: no-pfa G: empty-section H1: empty-section H2: empty-section \
J: empty-section K: empty-section "
test_desc "and counts them on stderr"
ehc_check 65 "*" "ehc draft: the plan is not fit to issue as a draft plan: \
16 problems" -- ehc draft "$c" check

# Issuing warns but succeeds; with no content there is no warning.
c=$(new_case 2012-05-01)
ehc decide "$c" assess --date 2025-10-20 &&
    ehc decide "$c" issue --date 2026-01-10 &&
    ehc draft "$c" provision add --text "Access to support" >/dev/null
test_desc "issuing a draft that fails the check warns on stderr"
ehc_check 0 "" "ehc draft: warning: the draft plan has 16 problems and is \
not fit to issue; see 'ehc draft $c check'" \
    -- ehc draft "$c" issue --date 2026-02-01
out=$(ehc draft "$c" log | cut -f1-4)
test_expect "the draft was issued and kept as version 1" "$out" \
    "1	draft	2026-02-01	tester"

c=$(new_case 2012-05-01)
ehc decide "$c" assess --date 2025-10-20 &&
    ehc decide "$c" issue --date 2026-01-10
test_desc "issuing with no plan content prints nothing"
ehc_check 0 "" "" -- ehc draft "$c" issue --date 2026-02-01

c=$(new_case 2012-05-01)
ehc decide "$c" assess --date 2025-10-20 &&
    ehc decide "$c" issue --date 2026-01-10 && good_plan "$c" &&
    ehc draft "$c" section I --text "" >/dev/null
test_desc "issuing a draft that passes prints nothing"
ehc_check 0 "" "" -- ehc draft "$c" issue --date 2026-02-01
ehc draft "$c" section I --text "Oak School, maintained special school"
test_desc "the check after the draft is for the final plan"
ehc_check 0 "" "" -- ehc draft "$c" check
test_desc "finalising a plan that passes prints nothing"
ehc_check 0 "" "" -- ehc draft "$c" final --date 2026-02-20

test_desc "check: an unknown stage is a usage error"
ehc_check 64 "" "~^ehc draft: --stage is draft or final; usage: " \
    -- ehc draft "$c" check --stage maybe
ehc_refuse 1 "check of a case that does not exist" \
    -- ehc draft EHC-999999 check

test_done
