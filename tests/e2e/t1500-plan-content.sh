#!/bin/bash
# t1500-plan-content: the plan's sections, needs, outcomes and provision
# ('ehc draft CASE section|need|outcome|provision'); every issued draft,
# final plan, proposal and amended plan kept as an immutable version
# ('log', 'show VERSION'), which neither the store nor ehc lets change;
# 'diff' between versions; text input validated; exit statuses.
. "$(dirname "$0")/lib.sh"
ehc init
c=$(ehc request new --forename Alex --surname Smith --dob 2012-05-01 \
    --received 2025-10-01)
ehc decide "$c" assess --date 2025-10-20
ehc decide "$c" issue --date 2026-01-10

# Sections from a file (CRLF and a byte-order mark are dropped), from
# stdin and from --text.
printf '\xef\xbb\xbfAlex loves trains.\r\nHe wants to drive one.\r\n' >a.md
test_desc "section A from a file"
ehc_check 0 "" "" -- ehc draft "$c" section A --file a.md
test_desc "section B from stdin"
ehc_check 0 "" "" -- sh -c "printf 'Language disorder.\n\n' |
    \"\$EHC\" draft $c section b --file -"
test_desc "section C from --text"
ehc_check 0 "" "" -- ehc draft "$c" section C --text "None identified."

# Items: refs are printed, links and themes kept.
test_desc "need add prints its reference"
ehc_check 0 "B1" "" -- ehc draft "$c" need add --text "Expressive language"
test_desc "a need in section D"
ehc_check 0 "D1" "" -- ehc draft "$c" need add --section D \
    --text "Needs help to make friends"
test_desc "outcome add prints its reference"
ehc_check 0 "E1" "" -- ehc draft "$c" outcome add --text "Alex will \
order lunch independently" --need B1 --pfa independent-living
test_desc "provision add, section F by default"
ehc_check 0 "F1" "" -- ehc draft "$c" provision add --text "Speech and \
language therapy" --amount "45 minutes" --frequency weekly \
    --by "speech and language therapist" --need B1 --outcome E1
test_desc "provision in H1 has a dotted reference"
ehc_check 0 "H1.1" "" -- ehc draft "$c" provision add --section H1 \
    --text "Short breaks" -a "2 nights" -e "each month" -b "Oak House" \
    -n D1
test_desc "provision edit"
ehc_check 0 "" "" -- ehc draft "$c" provision edit F1 --amount "1 hour"
test_desc "provision rm"
ehc_check 0 "" "" -- ehc draft "$c" provision rm H1.1
test_desc "a removed reference is not given again"
ehc_check 0 "H1.2" "" -- ehc draft "$c" provision add -s h1 -t "Short \
breaks" -a "2 nights" -e "each month" -b "Oak House" -n D1

test_desc "show prints the working copy"
ehc_check 0 "~^F1    Speech and language therapy$" "" \
    -- ehc draft "$c" show
out=$(ehc draft "$c" show | sed -n '/^Section E/,/^Section G/p')
test_expect "show: outcomes and provision with their fields" "$out" \
"Section E: Outcomes sought

E1    Alex will order lunch independently
      Needs: B1
      Preparing for adulthood: independent living

Section F: Special educational provision

F1    Speech and language therapy
      Amount: 1 hour
      Frequency: weekly
      Provided by: speech and language therapist
      Serves: B1, E1

Section G: Health care provision"
out=$(ehc draft "$c" show | sed -n '/^Section A/,/^Section C/p')
test_expect "show: file text without CR or BOM" "$out" \
"Section A: The views, interests and aspirations of the child or young \
person and their parents

Alex loves trains.
He wants to drive one.

Section B: Special educational needs

Language disorder.

B1    Expressive language

Section C: Health care needs related to special educational needs"

# Bad input: refused with the store unchanged.
printf 'bell\a\n' >bell.md
ehc_refuse 65 "a control character in section text" \
    -- ehc draft "$c" section A --file bell.md
printf 'nul\0byte\n' >nul.md
ehc_refuse 65 "a NUL byte in section text" \
    -- ehc draft "$c" section A --file nul.md
printf 'bad \xc3\x28 utf-8\n' >bad.md
ehc_refuse 65 "invalid UTF-8 in section text" \
    -- ehc draft "$c" section A --file bad.md
head -c 70000 /dev/zero | tr '\0' x >big.md
ehc_refuse 65 "section text over 64 KiB" \
    -- ehc draft "$c" section A --file big.md
ehc_refuse 66 "a missing file" -- ehc draft "$c" section A --file nope.md
ehc_refuse 64 "an unknown section" -- ehc draft "$c" section L --text x
ehc_refuse 64 "both --file and --text" \
    -- ehc draft "$c" section A --file a.md --text x
ehc_refuse 64 "neither --file nor --text" -- ehc draft "$c" section A
ehc_refuse 65 "a line break in an item" \
    -- ehc draft "$c" need add --text "two
lines"
ehc_refuse 65 "an amount on a need" \
    -- ehc draft "$c" need add --text "x" --amount "1 hour"
ehc_refuse 64 "a need in section F" \
    -- ehc draft "$c" need add --section F --text "x"
ehc_refuse 64 "--need naming an outcome" \
    -- ehc draft "$c" provision add --text "x" --need E1
ehc_refuse 65 "a link to a need that does not exist" \
    -- ehc draft "$c" provision add --text "x" --need B9
ehc_refuse 65 "an unknown theme" \
    -- ehc draft "$c" outcome add --text "x" --pfa astrology
ehc_refuse 1 "editing an item that does not exist" \
    -- ehc draft "$c" provision edit F9 --amount "1 hour"
ehc_refuse 64 "editing a need as provision" \
    -- ehc draft "$c" provision edit B1 --text x
ehc_refuse 64 "add without --text" -- ehc draft "$c" need add
ehc_refuse 64 "an unknown option" -- ehc draft "$c" show --frobnicate
ehc_refuse 64 "an unknown format" -- ehc draft "$c" show --format pdf
ehc_refuse 1 "a case that does not exist" \
    -- ehc draft EHC-999999 section A --text x
ehc_refuse 64 "an unknown action" -- ehc draft "$c" frobnicate
ehc_refuse 1 "no version yet" -- ehc draft "$c" diff
ehc_refuse 1 "a version that does not exist" -- ehc draft "$c" show 7

# Versions: issue and final snapshot the plan.
test_desc "log is empty before the draft"
ehc_check 0 "" "" -- ehc draft "$c" log
ehc draft "$c" issue --date 2026-02-01 2>/dev/null
ehc draft "$c" provision edit F1 --frequency "twice weekly"
ehc draft "$c" section I --text "Oak School, maintained special school"
ehc draft "$c" final --date 2026-02-20 2>/dev/null
out=$(ehc draft "$c" log | cut -f1-4)
test_expect "log lists the draft and the final plan" "$out" \
"1	draft	2026-02-01	tester
2	final	2026-02-20	tester"
test_desc "log --json"
ehc_check 0 "~^\[\{\"version\":1,\"kind\":\"draft\",\"date\":\"2026-02-01\",\
\"user\":\"tester\",\"created\":\"[0-9T:Z-]+\"\},\{\"version\":2," "" \
    -- ehc draft "$c" log --json

test_desc "diff shows what changed, section by section"
ehc_check 0 "--- version 1 (draft, 2026-02-01)
+++ version 2 (final, 2026-02-20)
@@ section F: Special educational provision @@
 F1    Speech and language therapy
       Amount: 1 hour
-      Frequency: weekly
+      Frequency: twice weekly
       Provided by: speech and language therapist
       Serves: B1, E1
@@ section I: The school or other institution, and its type @@
-Not named in a draft plan (Children and Families Act 2014 s38(5)).
+Oak School, maintained special school" "" -- ehc draft "$c" diff 1 v2
test_desc "diff -w: the Tribunal's working-document style, sections whole"
ehc_check 0 "Changes from version 1 (draft, 2026-02-01) to version 2 (final, 2026-02-20): taken out ~~struck through~~, put in **in bold**.

## section F: Special educational provision

F1    Speech and language therapy
      Amount: 1 hour
      ~~Frequency: weekly~~
      **Frequency: twice weekly**
      Provided by: speech and language therapist
      Serves: B1, E1

## section I: The school or other institution, and its type

~~Not named in a draft plan (Children and Families Act 2014 s38(5)).~~
**Oak School, maintained special school**" "" -- ehc draft "$c" diff -w 1 v2
test_desc "diff with no versions named: latest against the working copy"
ehc_check 0 "" "" -- ehc draft "$c" diff
test_desc "diff of a version with itself"
ehc_check 0 "" "" -- ehc draft "$c" diff 2 latest

# Immutable: the CLI changes only the working copy...
v1=$(ehc draft "$c" show 1 --format json)
ehc draft "$c" provision rm F1
ehc draft "$c" section A --text "Rewritten."
test_expect "changing the working copy leaves version 1 as issued" \
    "$(ehc draft "$c" show 1 --format json)" "$v1"
test_desc "diff latest working shows the change"
ehc_check 0 "~^-F1    Speech and language therapy$" "" \
    -- ehc draft "$c" diff latest working
# ...and the store refuses UPDATE and DELETE, whoever asks.
before=$(store_digest)
out=$(sqlite3 "$EHC_DB" "UPDATE plan_version SET content = '{}'" 2>&1)
test_expect "sqlite3 cannot UPDATE a version" "$out" \
    "Error: stepping, plan versions are immutable (19)"
out=$(sqlite3 "$EHC_DB" "PRAGMA foreign_keys = ON;
    DELETE FROM plan_version WHERE number = 1" 2>&1)
test_expect "sqlite3 cannot DELETE a version" "$out" \
    "Error: stepping, plan versions are immutable; they go only with the \
whole case (19)"
test_expect "the store is unchanged" "$(store_digest)" "$before"
test_expect "version 1 still reads back" \
    "$(ehc draft "$c" show 1 --format json)" "$v1"

# Amendments made with 'ehc amend' are kept too.
EHC_TODAY=2026-06-30
ehc draft "$c" provision add --text "Literacy group" -a "30 minutes" \
    -e daily -b "specialist teacher" -n B1 >/dev/null
ehc amend "$c" propose --date 2026-05-01 >/dev/null
ehc draft "$c" provision edit F2 --amount "40 minutes"
ehc amend "$c" final --date 2026-05-20 >/dev/null
out=$(ehc draft "$c" log | cut -f1-3)
test_expect "proposed amendments and the amended plan are versions" "$out" \
"1	draft	2026-02-01
2	final	2026-02-20
3	proposed	2026-05-01
4	amended	2026-05-20"
out=$(ehc draft "$c" diff 3 4 | grep '^[-+]' | grep -v '^[-+][-+]')
test_expect "diff of the proposal and the amended plan" "$out" \
"-      Amount: 30 minutes
+      Amount: 40 minutes"
test_desc "show a version as Markdown"
ehc_check 0 "~^- \*\*Status:\*\* Amended plan issued 20 May 2026 \(version \
4\)$" "" -- ehc draft "$c" show --format markdown 4

# Closed cases cannot change.
w=$(ehc request new --forename W --surname X --dob 2015-01-01 \
    --received 2026-01-05)
ehc request withdraw "$w" --date 2026-02-01
ehc_refuse 65 "a withdrawn request's plan" \
    -- ehc draft "$w" section A --text x

test_desc "--help"
ehc_check 0 "~^usage: ehc draft \[-h\] case issue\|final" "" \
    -- ehc draft "$c" show --help
test_done
