#!/bin/bash
# Every management report in every format, each opened by the client its
# readers use: Python's json and csv, and openpyxl for the workbook (the
# widths, filters, frozen headings, total row, print set-up and charts),
# on the synthetic caseload of 'ehc demo' (tests/e2e/check_report.py).
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-06-15
ehc init
ehc demo -n 300 -s 18 >/dev/null
# An outcome reviewed this year, for the outcomes report.
c=$(ehc request new --forename Ann --surname Test --dob 2016-01-05 \
    --received 2025-01-06 --officer "Hermione Llewellyn-Fothergill")
ehc decide "$c" assess --date 2025-02-10
ehc decide "$c" issue --date 2025-04-01
ehc case need "$c" ASD --rank 1 >/dev/null
ehc draft "$c" outcome add --text "Reads simple sentences" >/dev/null
ehc draft "$c" issue --date 2025-04-02 2>/dev/null
ehc draft "$c" final --date 2025-05-20 2>/dev/null
ehc review "$c" meeting --date 2026-03-02
ehc review "$c" progress E1 achieved --date 2026-03-02

for r in timeliness reviews phase-transfers phase-cohort advice outcomes requests \
    caseload spend; do
	case $r in
	caseload) args=() ;;
	spend) args=(--year 2026 --by provider) ;;
	*) args=(--year 2026) ;;
	esac
	case $r in
	timeliness|reviews|spend) chart=chart ;;
	*) chart= ;;
	esac
	ehc report "$r" "${args[@]}" --json >"$r.json"
	ehc report "$r" "${args[@]}" --csv >"$r.csv"
	ehc report "$r" "${args[@]}" >"$r.txt"
	test_desc "$r: the workbook is written and nothing printed"
	ehc_check 0 "" "" -- "$EHC" report "$r" "${args[@]}" --xlsx "$r.xlsx"
	/usr/bin/python3 "$EHC_SRCDIR/tests/e2e/check_report.py" "$r" \
	    "$r.json" "$r.csv" "$r.txt" "$r.xlsx" $chart >"$r.check" 2>&1
	for f in json csv text xlsx; do
		test_expect "$r: $f" "$(grep "^$f " "$r.check" ||
		    cat "$r.check")" "$f ok"
	done
done

test_expect "-T and -O write any format to a file" \
    "$(ehc report reviews -y 2026 -T json -O r.json; ehc report reviews \
    -y 2026 -T xlsx -O r.xlsx; python3 -c '
import json; print(json.load(open("r.json"))["report"])'; head -c 2 r.xlsx)" \
    "reviews
PK"
test_expect "the workbook's chart sheet follows the table" "$(/usr/bin/python3 -c '
import openpyxl
wb = openpyxl.load_workbook("spend.xlsx")
print(wb.sheetnames, wb.chartsheets[0].pageSetup.orientation)')" \
    "['Spend', 'Chart'] landscape"
ehc_refuse 64 "a calendar of a report" -- "$EHC" report reviews -y 2026 -T ics
ehc_refuse 64 "a workbook without a file" -- \
    "$EHC" report reviews -y 2026 -T xlsx
ehc_refuse 64 "--by for a report that has none" -- \
    "$EHC" report reviews -y 2026 --by need
ehc_refuse 65 "an unknown grouping" -- "$EHC" report spend -y 2026 --by colour
ehc_refuse 64 "two formats" -- "$EHC" report advice -y 2026 -j -c
test_done
