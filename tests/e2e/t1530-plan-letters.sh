#!/bin/bash
# t1530-plan-letters: 'ehc draft CASE letter': the covering letter for a
# draft (last day for representations), decision letters and the final
# plan letter (appeal and mediation dates from the statutory clock), and
# panel papers, from built-in templates or replaceable ones.
. "$(dirname "$0")/lib.sh"
ehc init
export EHC_TODAY=2026-07-01

# A refusal to assess, with reasons, and its decision letter recorded.
r=$(ehc request new --forename Bo --surname Li --dob 2014-01-01 \
    --received 2026-05-01)
ehc decide "$r" no-assess --date 2026-06-01 \
    --reason "The school can meet Bo's needs from its own resources."
ehc_refuse 65 "a decision letter before the notice is recorded" \
    -- ehc draft "$r" letter no-assess
ehc dispute "$r" notice -a no-assess -d 2026-06-01 >/dev/null
ehc draft "$r" letter no-assess >no-assess.txt
test_expect "no-assess: the decision date" \
    "$(grep -c 'On 1 June 2026 we decided' no-assess.txt)" 1
test_expect "no-assess: the reasons" \
    "$(grep -c "^The school can meet Bo's needs" no-assess.txt)" 1
test_expect "no-assess: mediation by the clock's date (2 months)" \
    "$(grep -c 'adviser by 1 August 2026\.' no-assess.txt)" 1
test_expect "no-assess: appeal by the clock's date (August moves it)" \
    "$(grep -c 'You must appeal by 1 September 2026,' no-assess.txt)" 1
test_expect "no-assess: no placeholder left" \
    "$(grep -c '{{' no-assess.txt)" 0

# The draft covering letter and the final plan letter.
c=$(ehc request new --forename Alex --surname Smith --dob 2012-05-01 \
    --received 2025-10-01 --officer "Jo Bloggs")
ehc decide "$c" assess --date 2025-10-20
ehc decide "$c" issue --date 2026-01-10
ehc_refuse 65 "a draft letter before the draft is served" \
    -- ehc draft "$c" letter draft
ehc draft "$c" issue --date 2026-02-01
test_desc "draft letter: the last day for representations is served + 14"
ehc_check 0 "~^Please do so by 15 February 2026\. This gives you at least 15 \
days,$" "" -- ehc draft "$c" letter draft
test_desc "draft letter: the final plan's due date"
ehc_check 0 "~^We must send you the final plan by 18 February 2026\.$" "" \
    -- ehc draft "$c" letter draft
test_desc "draft letter: addressed to the parent"
ehc_check 0 "~^Dear parent or carer,$" "" -- ehc draft "$c" letter draft
test_desc "draft letter: signed by the officer"
ehc_check 0 "~^Jo Bloggs$" "" -- ehc draft "$c" letter draft
ehc draft "$c" final --date 2026-02-20
ehc_refuse 65 "a final letter before the notice is recorded" \
    -- ehc draft "$c" letter final
ehc dispute "$c" notice -a content -d 2026-02-20 >/dev/null
ehc draft "$c" letter final >final.txt
test_expect "final letter: the issue date" \
    "$(grep -c 'issued on 20 February 2026\.' final.txt)" 1
test_expect "final letter: the annual review date" \
    "$(grep -c 'completed by 19 February 2027\.$' final.txt)" 1
test_expect "final letter: mediation by" \
    "$(grep -c 'by 20 April 2026\. If you want mediation' final.txt)" 1
test_expect "final letter: appeal by" \
    "$(grep -c 'You must appeal by 20 April 2026,' final.txt)" 1

# Panel papers summarise the case and the plan.
ehc draft "$c" need add --text "Expressive language" >/dev/null
ehc draft "$c" letter panel >panel.txt
test_expect "panel: name, age and school year" \
    "$(grep -c '^Date of birth:   1 May 2012 (age 14, year 9)$' panel.txt)" 1
test_expect "panel: the needs" \
    "$(grep -c '^- B1: Expressive language$' panel.txt)" 1
test_expect "panel: the deadlines" \
    "$(grep -c '^  final-plan               18 February 2026   late$' panel.txt)" \
    1
test_expect "panel: the plan check" \
    "$(grep -c '^[0-9]* problems:$' panel.txt)" 1
test_expect "panel: every date in words" \
    "$(grep -cE '[0-9]{4}-[0-9]{2}-[0-9]{2}' panel.txt)" 0

# Laid out again once filled in: no line longer than 72 characters but
# the panel's aligned ones, which are kept; prose joined and wrapped.
ehc draft "$r" letter no-issue >no-issue.txt 2>/dev/null
for l in no-assess draft final panel; do
	test_expect "$l: no line over 72 characters outside kept blocks" \
	    "$(python3 - "$l.txt" <<'PY'
import sys
blocks = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
for b in blocks:
    lines = b.split("\n")
    kept = any(l.startswith(" ") and not l.startswith("  ") or
               "  " in l.strip() or l.startswith("  ") and
               not any(x.startswith("- ") for x in lines) for l in lines)
    for l in lines:
        if len(l) > 72 and not kept:
            print(l)
PY
)" ""
done
printf 'Dear {{name}},\n\nOn {{today}}\nwe\nwrote\nthis.\n\n- item for\n  {{name}}\n\nCase:   {{case}}\nBorn:   {{dob}}\n' \
    >wrap.txt
test_desc "prose and list items are joined and wrapped, aligned lines kept"
ehc_check 0 "Dear Alex Smith,

On 1 July 2026 we wrote this.

- item for Alex Smith

Case:   $c
Born:   1 May 2012" "" -- ehc draft "$c" letter --file wrap.txt

# Each letter as an HTML document, valid to html5lib in strict mode.
for l in draft final panel; do
	ehc draft "$c" letter "$l" --format html >"$l.html"
	test_expect "$l: HTML that html5lib parses strictly" "$(python3 -c '
import html5lib, sys
try:
    d = html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb"))
    print("valid", d.find(".//{http://www.w3.org/1999/xhtml}title").text)
except Exception as e:
    print(e)' "$l.html")" "valid Alex Smith ($c)"
done
test_desc "a list in the HTML letter"
ehc_check 0 "~^<li>tell us what you think of the draft and ask for changes" \
    "" -- ehc draft "$c" letter draft --format html
ehc_refuse 64 "a letter as JSON" -- ehc draft "$c" letter draft -T json

# Replaceable templates: a file, or a directory of them.
printf 'To {{name}} ({{case}}): reply by {{representations_until}}.\n' \
    >mine.txt
test_desc "letter --file fills a template"
ehc_check 0 "To Alex Smith ($c): reply by 15 February 2026." "" \
    -- ehc draft "$c" letter --file mine.txt
mkdir tpl
printf 'Our own final letter for {{forename}}.\n' >tpl/final.txt
test_desc "EHC_TEMPLATES replaces a built-in template"
ehc_check 0 "Our own final letter for Alex." "" \
    -- env EHC_TEMPLATES="$TEST_DIR/tpl" "$EHC" draft "$c" letter final
test_desc "EHC_TEMPLATES without that template keeps the built-in one"
ehc_check 0 "~^Please do so by 15 February 2026" "" \
    -- env EHC_TEMPLATES="$TEST_DIR/tpl" "$EHC" draft "$c" letter draft
printf 'Hello {{nickname}}\n' >bad.txt
ehc_refuse 65 "a template with an unknown field" \
    -- ehc draft "$c" letter --file bad.txt
test_desc "the unknown field is named, with its line"
ehc_check 65 "" "~an unknown field \{\{nickname\}\} on line 1;" \
    -- ehc draft "$c" letter --file bad.txt
printf 'Hello {{name\n' >open.txt
ehc_refuse 65 "a template with an unclosed placeholder" \
    -- ehc draft "$c" letter --file open.txt
ehc_refuse 66 "a template file that does not exist" \
    -- ehc draft "$c" letter --file nope.txt
ehc_refuse 64 "an unknown letter" -- ehc draft "$c" letter eviction
ehc_refuse 64 "a letter and --file" \
    -- ehc draft "$c" letter final --file mine.txt
ehc_refuse 64 "neither a letter nor --file" -- ehc draft "$c" letter
ehc_refuse 1 "a letter for a case that does not exist" \
    -- ehc draft EHC-999999 letter panel
test_done
