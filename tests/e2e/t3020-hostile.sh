#!/bin/bash
# Hostile input: well over a hundred bad values across the commands, each
# refused with the right exit status (64 usage, 65 invalid data, 1 no
# such case, 66 missing store or file), nothing on stdout, one line on
# stderr and the store exactly as it was (ehc_refuse checks all four).
. "$(dirname "$0")/lib.sh"

ehc init
ehc request new -f Amira -s Khan -b 2016-09-12 -r 2026-01-05 >/dev/null
ehc decide EHC-000001 assess --date 2026-01-20
ehc advice EHC-000001 request psychological --date 2026-01-21 >/dev/null
ehc request new -f Leo -s Marsh -b 2013-02-01 -r 2025-01-06 >/dev/null
ehc decide EHC-000002 assess --date 2025-02-01
ehc decide EHC-000002 issue --date 2025-04-01
ehc draft EHC-000002 issue --date 2025-04-10 2>/dev/null
ehc draft EHC-000002 final --date 2025-05-20 2>/dev/null

new() { "$EHC" request new "$@"; }
ok_new=(-f Ada -s Lovelace -b 2015-01-01 -r 2026-01-05)
long() { head -c "$1" /dev/zero | tr '\0' "${2:-x}"; }

# Dates.
for d in 2026-02-30 2026-13-01 2026-00-10 2025-02-29 31/02/2026 \
    2026-1-5 26-01-05 2026/01/05 yesterday "" " 2026-01-05" \
    "2026-01-05 " 2026-01-05T00:00 1899-12-31 2200-01-01 -1 0 \
    20260105 "2026-01-0５" "2026-01-05' OR 1=1"; do
	ehc_refuse 65 "received '$d'" -- new -f A -s B -b 2015-01-01 -r "$d"
done
ehc_refuse 65 "a date after today" -- new -f A -s B -b 2015-01-01 \
    -r 2026-03-03
ehc_refuse 65 "a birth after today" -- new -f A -s B -b 2026-03-03 \
    -r 2026-03-02
ehc_refuse 65 "a request before the birth" -- new -f A -s B -b 2015-01-01 \
    -r 2014-12-31
ehc_refuse 65 "a request at 25" -- new -f A -s B -b 2000-01-01 \
    -r 2025-01-01
ehc_refuse 65 "a decision before the request" -- "$EHC" decide \
    EHC-000001 issue --date 2025-12-31
ehc_refuse 65 "an advice receipt before its request" -- "$EHC" advice \
    EHC-000001 receive A1 --date 2026-01-20
ehc_refuse 64 "--today that is not a date" -- "$EHC" --today 2026-02-30 \
    case list
ehc_refuse 64 "EHC_TODAY that is not a date" -- env EHC_TODAY=soon \
    "$EHC" case list

# Codes and words.
ehc_refuse 65 "an unknown source" -- new "${ok_new[@]}" -S alien
ehc_refuse 65 "a source with SQL in it" -- new "${ok_new[@]}" \
    -S "parent' OR '1'='1"
ehc_refuse 65 "sex X" -- new "${ok_new[@]}" -x X
ehc_refuse 65 "sex in lower case" -- new "${ok_new[@]}" -x f
ehc_refuse 65 "an ethnicity with punctuation" -- new "${ok_new[@]}" \
    -e "WBR;"
ehc_refuse 65 "an ethnicity too long" -- new "${ok_new[@]}" -e WBRIT
ehc_refuse 65 "a postcode with a quote" -- new "${ok_new[@]}" -p "NE1' 1AA"
ehc_refuse 65 "a setting with SQL" -- new "${ok_new[@]}" -l "1;DROP"
ehc_refuse 64 "an unknown decision" -- "$EHC" decide EHC-000001 maybe \
    --date 2026-01-20
ehc_refuse 65 "an unknown advice type" -- "$EHC" advice EHC-000001 \
    request astrology --date 2026-01-22
ehc_refuse 65 "an advice type with SQL" -- "$EHC" advice EHC-000001 \
    request "medical'; DELETE FROM advice; --" --date 2026-01-22
ehc_refuse 65 "an unknown exception limb" -- "$EHC" exception EHC-000001 \
    decide-assess bogus --date 2026-01-22
ehc_refuse 65 "a limb the step does not allow" -- "$EHC" exception \
    EHC-000001 advice school-closure --date 2026-01-22 --advice A1
ehc_refuse 65 "an unknown step" -- "$EHC" exception EHC-000001 teatime \
    absence --date 2026-01-22
ehc_refuse 65 "an unknown note kind" -- "$EHC" note EHC-000001 \
    -d 2026-01-22 -k tweet -m hello
ehc_refuse 65 "an unknown need" -- "$EHC" case need EHC-000001 XYZ
ehc_refuse 65 "a need in lower case" -- "$EHC" case need EHC-000001 asd
ehc_refuse 64 "a need rank of 3" -- "$EHC" case need EHC-000001 ASD -r 3
ehc_refuse 65 "an unknown flag" -- "$EHC" case flag EHC-000001 vip
ehc_refuse 65 "an unknown review outcome" -- "$EHC" review EHC-000002 \
    decide perhaps --date 2026-01-10
ehc_refuse 65 "money of minus five pounds" -- "$EHC" money EHC-000002 \
    add top-up -a -5 -p year -s 2026-01-01
ehc_refuse 65 "money in exponent form" -- "$EHC" money EHC-000002 add \
    top-up -a 1e9 -p year -s 2026-01-01
ehc_refuse 65 "money with three decimals" -- "$EHC" money EHC-000002 add \
    top-up -a 10.001 -p year -s 2026-01-01
ehc_refuse 65 "money per fortnight" -- "$EHC" money EHC-000002 add \
    top-up -a 10 -p fortnight -s 2026-01-01
ehc_refuse 65 "a URN of seven digits" -- "$EHC" placement EHC-000002 \
    named -u 1234567
ehc_refuse 65 "a UKPRN of seven digits" -- "$EHC" placement EHC-000002 \
    named -k 1234567
ehc_refuse 65 "an unknown setting code" -- "$EHC" placement EHC-000002 \
    named -s "OLA OR 1"

# UPNs and ULNs.
for upn in A929000000017 C92900000001 C9290000000177 c929000000017 \
    "C929 00000017" C92900000001I "C92900000001$(printf '\xc3\xa9')" \
    "' OR 1=1 --  "; do
	ehc_refuse 65 "UPN '$upn'" -- new "${ok_new[@]}" -U "$upn"
done
for uln in 123456789 12345678901 123456789O "12345 67890"; do
	ehc_refuse 65 "ULN '$uln'" -- new "${ok_new[@]}" -L "$uln"
done

# Lengths.
ehc_refuse 65 "a forename of 101 characters" -- new -f "$(long 101)" \
    -s B -b 2015-01-01 -r 2026-01-05
ehc_refuse 65 "a surname of 100000 characters" -- new -f A \
    -s "$(long 100000)" -b 2015-01-01 -r 2026-01-05
ehc_refuse 65 "an officer of 101 characters" -- new "${ok_new[@]}" \
    -o "$(long 101)"
ehc_refuse 65 "an empty forename" -- new -f "" -s B -b 2015-01-01 \
    -r 2026-01-05
ehc_refuse 65 "a note of 2001 characters" -- "$EHC" note EHC-000001 \
    -d 2026-01-22 -k call -m "$(long 2001)"
ehc_refuse 65 "a note of 120000 characters" -- "$EHC" note EHC-000001 \
    -d 2026-01-22 -k call -m "$(long 120000 y)"
ehc_refuse 65 "an empty note" -- "$EHC" note EHC-000001 -d 2026-01-22 \
    -k call -m ""
ehc_refuse 65 "a withdrawal reason of 2001 characters" -- "$EHC" request \
    withdraw EHC-000001 --date 2026-02-01 --reason "$(long 2001)"
ehc_refuse 65 "a provider of 101 characters" -- "$EHC" advice EHC-000001 \
    request medical --date 2026-01-22 --from "$(long 101)"
ehc_refuse 65 "an officer of 100000 characters" -- "$EHC" case assign \
    EHC-000001 "$(long 100000)"

# Control characters and bytes that are not UTF-8.
for c in '\n' '\r' '\t' '\001' '\033' '\177' '\033[2J' '\xff' '\xc0\xaf' \
    '\xed\xa0\x80'; do
	bad=$(printf "Ada${c}x")
	ehc_refuse 65 "a forename holding $c" -- new -f "$bad" -s B \
	    -b 2015-01-01 -r 2026-01-05
done
# A note keeps its line breaks (ehc-note(1)); a carriage return is not one.
ehc_refuse 65 "a note with a carriage return" -- "$EHC" note EHC-000001 \
    -d 2026-01-22 -k call -m "$(printf 'one\rtwo')"
ehc_refuse 65 "an officer with an escape" -- "$EHC" case assign \
    EHC-000001 "$(printf 'jo\033[31m')"
ehc_refuse 65 "a reason with a NUL-like byte" -- "$EHC" request withdraw \
    EHC-000001 --date 2026-02-01 --reason "$(printf 'a\001b')"
ehc_refuse 65 "a plan need with a control character" -- "$EHC" draft \
    EHC-000002 need add -t "$(printf 'a\001b')"

# Cases that do not exist, however they are named.
for ref in EHC-999999 EHC-000000 0 "1 OR 1=1" \
    "EHC-000001; DROP TABLE cases" "EHC-00000１" "EHC-" "1e3" \
    "$(long 5000 9)" "../../etc/passwd"; do
	ehc_refuse 1 "case '${ref:0:40}'" -- "$EHC" case show "$ref"
done
ehc_refuse 64 "a case named like an option" -- "$EHC" case show -1
ehc_refuse 1 "deciding a case that does not exist" -- "$EHC" decide \
    EHC-000099 assess --date 2026-01-20
ehc_refuse 1 "advice that does not exist" -- "$EHC" advice EHC-000001 \
    receive A9 --date 2026-01-22
ehc_refuse 1 "advice named with SQL" -- "$EHC" advice EHC-000001 \
    receive "A1' OR '1'='1" --date 2026-01-22
ehc_refuse 1 "a note on a case that does not exist" -- "$EHC" note \
    EHC-000099 -d 2026-01-22 -k call -m hi
ehc_refuse 1 "exporting a case that does not exist" -- "$EHC" export \
    EHC-000099
ehc_refuse 1 "the chronology of a case that does not exist" -- "$EHC" \
    audit EHC-000099
ehc_refuse 1 "holding a case that does not exist" -- "$EHC" retention \
    hold EHC-000099

# Usage.
ehc_refuse 64 "an unknown command" -- "$EHC" frobnicate
ehc_refuse 64 "a command name with SQL" -- "$EHC" "case; DROP TABLE cases"
ehc_refuse 64 "an unknown global option" -- "$EHC" --frobnicate case list
ehc_refuse 64 "a global option without its value" -- "$EHC" case list \
    --officer
ehc_refuse 64 "an unknown option" -- "$EHC" case show EHC-000001 --bogus
ehc_refuse 64 "a missing --received" -- new -f A -s B -b 2015-01-01
ehc_refuse 64 "an extra operand" -- new "${ok_new[@]}" extra
ehc_refuse 64 "no subcommand" -- "$EHC" request
ehc_refuse 64 "an unknown subcommand" -- "$EHC" case explode EHC-000001
ehc_refuse 64 "decide with no date" -- "$EHC" decide EHC-000001 issue
ehc_refuse 64 "due --within -1" -- "$EHC" due --within -1
ehc_refuse 64 "due --within beyond range" -- "$EHC" due --within \
    99999999999999999999
ehc_refuse 64 "a report for the year 1800" -- "$EHC" report sen2 \
    --year 1800 --csv out
ehc_refuse 64 "retention --years 10" -- "$EHC" retention --years 10
ehc_refuse 64 "retention --years with SQL" -- "$EHC" retention --years \
    "31; DROP TABLE cases"
ehc_refuse 64 "audit with two operands" -- "$EHC" audit verify now
ehc_refuse 64 "export with no case" -- "$EHC" export

# Missing stores and files.
ehc_refuse 66 "a store that does not exist" -- "$EHC" --db \
    "$TEST_DIR/none/ehc.db" case list
ehc_refuse 66 "EHC_DB naming nothing" -- env EHC_DB="$TEST_DIR/no.db" \
    "$EHC" due
ehc_refuse 66 "a SEN2 directory that does not exist" -- "$EHC" import \
    sen2 "$TEST_DIR/nowhere"
ehc_refuse 66 "a holidays file that does not exist" -- "$EHC" holidays \
    load "$TEST_DIR/nowhere.json"

# Bad case files, once 'ehc import case' is wired.
if "$EHC" import --help 2>/dev/null | grep -q "import case"; then
	ehc export EHC-000002 >good.json
	ehc_refuse 66 "a case file that does not exist" -- "$EHC" import \
	    case "$TEST_DIR/nothing.json"
	i=0
	for doc in '' 'null' '[]' '{' 'not json' '{"format":"ehc-case"}' \
	    '{"format":"ehc-case","format_version":99}' \
	    "$(sed 's/"dob":"2013-02-01"/"dob":"2013-02-31"/' good.json)" \
	    "$(sed 's/"forename":"Leo"/"forename":"Leo\\u0001"/' good.json)" \
	    "$(sed 's/"format_version":[0-9]*,/&"x":1,/' good.json)" \
	    "$(sed 's/"source":null/"source":"alien"/' good.json)" \
	    "$(sed 's/"rya":false/"rya":"false"/' good.json)" \
	    "$(cat good.json)trailing"; do
		i=$((i + 1))
		printf '%s' "$doc" >"bad$i.json"
		ehc_refuse 65 "case file $i" -- "$EHC" import case "bad$i.json"
	done
fi

test_done
