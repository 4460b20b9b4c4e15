#!/bin/bash
# t1031-people-decisions: a week of an officer's casework on a fresh
# store, with only the commands of the manual pages (issue 17, points 3,
# 5, 6 and 7): the family and professionals around a case and whom the
# letters go to, a refusal to assess with the support offered instead
# and then reconsidered after mediation, a safeguarding concern raised
# and closed, Continuing Health Care referred and decided, and the chase
# list sent to a provider.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-03-02 EHC_USER=cdodd
ehc init
c=$(ehc request new --forename Amira --surname Khan --dob 12/9/2016 \
    --received 5/1/2026 --source parent --officer cdodd)
y=$(ehc request new --forename Theo --surname Bell --dob 2009-03-01 \
    --received 2026-01-12 --source young-person --officer asmith)

# Monday: the family and the professionals.
test_desc "a parent with parental responsibility prints its number"
ehc_check 0 1 "" -- ehc case contact "$c" add parent "Jane Khan" --pr \
    --address "$(printf '1 High Street\nMorpeth\nNE61 1AA')" \
    --phone "01670 000001" --email jane@example.org --language Urdu
test_desc "a carer without it"
ehc_check 0 2 "" -- ehc case contact "$c" add carer "Ali Khan" \
    --format "large print"
test_desc "the educational psychologist"
ehc_check 0 3 "" -- ehc case contact "$c" add ep "Dr Sam Reed" \
    --organisation "Educational Psychology Service" --phone "01670 000002"
ehc_refuse 65 "parental responsibility for a professional" -- \
    ehc case contact "$c" add senco "Pat Lee" --pr
ehc_refuse 65 "an unknown role" -- ehc case contact "$c" add uncle "Bob"
ehc_refuse 65 "an email address that is not one" -- \
    ehc case contact "$c" add parent "Jo" --email "jo at example"
ehc_refuse 1 "contacts of a case that does not exist" -- \
    ehc case contact EHC-000099 list
test_desc "contact list: family first, tab-separated, address indented"
ehc_check 0 "$(printf '1\tparent\tJane Khan\tpr\t-\t01670 000001\tjane@example.org\tUrdu\t-\t-\t1 High Street\n\t\t\t\t\t\t\t\t\t\t\tMorpeth\n\t\t\t\t\t\t\t\t\t\t\tNE61 1AA\n2\tcarer\tAli Khan\t-\t-\t-\t-\t-\tlarge print\t-\t-\n3\tep\tDr Sam Reed\t-\tEducational Psychology Service\t01670 000002\t-\t-\t-\t-\t-')" \
    "" -- ehc case contact "$c" list
test_desc "contact list --json: the address as typed"
ehc_check 0 "1 High Street|Morpeth|NE61 1AA True" "" -- sh -c \
    "'$EHC' case contact '$c' list --json | python3 -c '
import json, sys
c = json.load(sys.stdin)[0]
print(c[\"address\"].replace(chr(10), \"|\"), c[\"pr\"])'"
test_desc "case show lists the people"
ehc_check 0 "~  1   parent +Jane Khan \\(parental responsibility\\)" "" -- \
    ehc case show "$c"
test_desc "the carer stops being involved"
ehc_check 0 "" "" -- ehc case contact "$c" remove 2 --date 2026-03-01
ehc_refuse 65 "removing a contact twice" -- \
    ehc case contact "$c" remove 2 --date 2026-03-01
ehc_refuse 1 "removing a contact the case does not have" -- \
    ehc case contact "$c" remove 9 --date 2026-03-01

# Tuesday: a refusal, with the support offered instead.
test_desc "a refusal to assess with the support offered instead"
ehc_check 0 "" "" -- ehc decide "$c" no-assess --date 2026-02-10 \
    --reason "needs can be met at SEN support" \
    --support "SEN support plan with speech and language therapy"
ehc_refuse 65 "support offered with a decision to assess" -- \
    ehc decide "$y" assess --date 2026-02-10 --support "nothing"
ehc dispute "$c" notice -a no-assess -d 2026-02-10 >/dev/null
test_desc "the refusal letter is addressed to who has parental responsibility"
ehc_check 0 "~Dear Jane Khan," "" -- ehc draft "$c" letter no-assess
ehc_refuse 65 "deciding again without --reconsider" -- \
    ehc decide "$c" assess --date 2026-02-20
ehc_refuse 65 "reconsidering without a reason" -- \
    ehc decide "$c" assess --date 2026-02-20 --reconsider mediation
ehc_refuse 65 "an unknown ground" -- \
    ehc decide "$c" assess --date 2026-02-20 --reconsider whim --reason x
ehc_refuse 65 "reconsidering before the refusal" -- \
    ehc decide "$c" assess --date 2026-02-01 --reconsider mediation \
    --reason x
ehc_refuse 65 "reconsidering what was not refused" -- \
    ehc decide "$y" assess --date 2026-02-20 --reconsider evidence \
    --reason x

# Wednesday: mediation; the refusal is reconsidered.
test_desc "the refusal reconsidered after mediation"
ehc_check 0 "" "" -- ehc decide "$c" assess --date 2026-02-20 \
    --reconsider mediation --reason "new evidence from the EP at mediation"
test_desc "case show keeps both decisions with their reasons"
ehc_check 0 "~2026-02-10  no-assess   reason: needs can be met at SEN support" \
    "" -- ehc case show "$c"
test_desc "case show: the support offered instead"
ehc_check 0 "~support offered instead: SEN support plan with speech" "" -- \
    ehc case show "$c"
test_desc "case show: the reconsidered decision and its ground"
ehc_check 0 "~2026-02-20  assess      reconsidered \\(mediation\\)  reason: new evidence" \
    "" -- ehc case show "$c"
test_desc "the 6-week decision stays met on the first decision's date"
ehc_check 0 "~decide-assess +2026-02-16  2026-02-10  met" "" -- \
    ehc case show "$c"
test_desc "case history has each decision with its reason"
ehc_check 0 "~decide assess	date=2026-02-20 reconsidered=mediation reason=new evidence" \
    "" -- ehc case history "$c"
test_desc "case show --json: the decisions in order"
ehc_check 0 "no-assess:None assess:mediation" "" -- sh -c \
    "'$EHC' case show '$c' --json | python3 -c '
import json, sys
print(\" \".join(\"%s:%s\" % (d[\"decision\"], d[\"reconsidered\"])
    for d in json.load(sys.stdin)[\"decisions\"]))'"
test_desc "the case is being assessed again"
ehc_check 0 "~^stage: +assessing$" "" -- ehc case show "$c"

# Thursday: a safeguarding concern, raised and closed.
test_desc "case flag safeguarding --note raises a concern"
ehc_check 0 "" "" -- ehc case flag "$c" safeguarding --date 2026-02-26 \
    --by "DSL, Oak Primary" --note "$(printf 'Disclosure at school.\nMASH referral made.')"
test_desc "the case carries the flag"
ehc_check 0 "~^flags: +safeguarding$" "" -- ehc case show "$c"
test_desc "case show: the concern with its restricted note, open"
ehc_check 0 "~  1   raised 2026-02-26 by DSL, Oak Primary, open: Disclosure at school\\." \
    "" -- ehc case show "$c"
test_desc "the note is not in the case list"
ehc_check 1 "" "" -- sh -c "'$EHC' case list | grep -q Disclosure"
test_desc "nor in the audit log, which records only that there is one"
ehc_check 0 "~case concern raise	date=2026-02-26 concern=1$" "" -- \
    ehc case history "$c"
ehc_refuse 64 "a note with another flag" -- \
    ehc case flag "$c" looked-after --note x
ehc_refuse 65 "a concern raised in the future" -- \
    ehc case flag "$c" safeguarding --date 2026-03-09
test_desc "-c closes the open concerns and clears the flag"
ehc_check 0 "" "" -- ehc case flag "$c" safeguarding -c --date 2026-03-02
test_desc "the concern is closed, the flag gone"
ehc_check 0 "~raised 2026-02-26 by DSL, Oak Primary, closed 2026-03-02" "" \
    -- ehc case show "$c"
ehc_refuse 65 "closing with nothing open" -- \
    ehc case flag "$c" safeguarding -c

# Friday: Continuing Health Care.
ehc_refuse 65 "a CHC decision before the referral" -- \
    ehc case chc "$c" eligible --date 2026-02-20
test_desc "referred for Continuing Health Care"
ehc_check 0 "" "" -- ehc case chc "$c" referred --date 2026-02-12
ehc_refuse 65 "referred twice" -- ehc case chc "$c" referred --date 2026-02-13
ehc_refuse 64 "a CHC step without --date" -- ehc case chc "$c" eligible
test_desc "found eligible"
ehc_check 0 "" "" -- ehc case chc "$c" eligible --date 2026-02-27
test_desc "case show: the CHC record, and the chc flag"
ehc_check 0 "~referred 2026-02-12, eligible on 2026-02-27" "" -- \
    ehc case show "$c"
test_desc "case show --json: chc"
ehc_check 0 "2026-02-12 eligible 2026-02-27 ['chc']" "" -- sh -c \
    "'$EHC' case show '$c' --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
h = d[\"chc\"]
print(h[\"referred\"], h[\"outcome\"], h[\"decided\"], d[\"flags\"])'"

# Letters go to the young person once compulsory school age has ended.
ehc case contact "$y" add young-person "Theo Bell" >/dev/null
ehc case contact "$y" add parent "Mary Bell" --pr >/dev/null
ehc decide "$y" no-assess --date 2026-02-10 --reason "needs are met"
ehc dispute "$y" notice -a no-assess -d 2026-02-10 >/dev/null
test_desc "past compulsory school age, the letter is to the young person"
ehc_check 0 "~Dear Theo Bell," "" -- ehc draft "$y" letter no-assess

# The chase list, for one officer, grouped by provider.
ehc decide "$y" assess --date 2026-02-11 --reconsider evidence \
    --reason "a diagnosis"
test_desc "advice requested from a named adviser"
ehc_check 0 A1 "" -- ehc advice "$c" request psychological \
    --date 2026-02-20 --from "Educational Psychology Service" \
    --adviser "Dr Sam Reed"
ehc advice "$y" request medical --date 2026-02-12 --from "Northumbria NHS" \
    >/dev/null
# Seven weeks on, the first two are overdue.
export EHC_TODAY=2026-04-20
ehc advice "$c" request educational --date 2026-03-20 --from "Oak Primary" \
    >/dev/null
test_desc "the chase list of one officer: name, birth, advice, when asked"
ehc_check 0 "$(printf 'Educational Psychology Service\n  %s\tA1\tAmira Khan\tborn 2016-09-12\tpsychological\trequested 2026-02-20\tdue 2026-04-03\toverdue\tto Dr Sam Reed' "$c")" \
    "" -- ehc advice list --overdue -o cdodd
test_desc "another officer's chase list has only theirs"
ehc_check 0 "~^Northumbria NHS$" "" -- ehc advice list --overdue -o asmith
ehc_refuse 1 "a chase list for an officer no case has" -- \
    ehc advice list --overdue -o nosuch
test_desc "the chase list as CSV"
ehc_check 0 "Educational Psychology Service,Dr Sam Reed,$c,A1,Amira,Khan,2016-09-12,psychological,2026-02-20,2026-04-03,overdue,cdodd" \
    "" -- sh -c "'$EHC' advice list --overdue -o cdodd --csv | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0][:3] == [\"provider\", \"adviser\", \"case\"], rows[0]
print(\",\".join(rows[1]))'"
test_desc "the chasing letter to the provider"
ehc_check 0 "~Dear Dr Sam Reed," "" -- ehc advice list -o cdodd --letter
test_desc "the letter names the child, the birth date and the request"
ehc_check 0 "~- Amira Khan, born 2016-09-12 \\(our reference $c A1\\)" "" -- \
    ehc advice list -o cdodd --letter
test_desc "the letter leaves out what is not overdue"
ehc_check 1 "" "" -- sh -c "'$EHC' advice list -o cdodd --letter |
    grep -q 'Oak Primary'"
ehc_refuse 64 "--csv with --letter" -- ehc advice list --csv --letter

# The suggestion a user follows is one that exists.
test_desc "config of a setting there is not says which there are"
ehc_check 65 "" "~unknown setting 'officer-name'; use lea, " -- \
    ehc config officer-name

# Exported and imported, the people and decisions travel with the case.
ehc export "$c" >case.json
EHC_DB=$PWD/other.db ehc init
EHC_DB=$PWD/other.db ehc import case case.json >/dev/null
test_desc "an imported case keeps its people, decisions, concerns and CHC"
ehc_check 0 "3 2 1 eligible Dr Sam Reed" "" -- sh -c \
    "EHC_DB=$PWD/other.db '$EHC' case show 1 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d[\"contacts\"]), len(d[\"decisions\"]), len(d[\"concerns\"]),
    d[\"chc\"][\"outcome\"], d[\"contacts\"][2][\"name\"])'"
test_desc "the audit verifies after all of it"
ehc_check 0 "*" "" -- ehc audit verify --deep

test_done
