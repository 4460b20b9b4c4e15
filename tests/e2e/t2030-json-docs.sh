#!/bin/bash
# Every JSON document ehc prints has the keys its manual page lists, in
# that order: the lists follow '.\" json: NAME' in man/ (ehc.5 for the
# documents, ehc-report.1 for each report's columns), read by
# tests/e2e/json_fields.py; and every such list is checked here.
. "$(dirname "$0")/lib.sh"

fields() { /usr/bin/python3 "$EHC_SRCDIR/tests/e2e/json_fields.py" \
    "$EHC_SRCDIR" "$@"; }
checked=""
# doc NAME WHERE COMMAND...: the JSON COMMAND prints, against NAME.
doc() {
	local name=$1 where=$2
	shift 2
	checked="$checked $name"
	test_expect "$name: $*" "$("$@" | fields "$name" "$where")" ok
}

export EHC_TODAY=2026-06-15
ehc init
ehc demo -n 60 -s 4 >/dev/null
EHC_TODAY=2005-06-01 ehc request new -f Old -s Person -b 1990-06-01 \
    -r 2005-05-01 >/dev/null
c=$(ehc request new --forename Ann --surname Test --dob 2016-01-05 \
    --received 2025-01-06 --officer jbloggs)
ehc case flag "$c" safeguarding
ehc decide "$c" assess --date 2025-02-10
ehc advice "$c" request psychological --date 2025-02-11 --from EPS \
    >/dev/null
ehc decide "$c" issue --date 2025-04-01
ehc case need "$c" ASD --rank 1 >/dev/null
ehc draft "$c" outcome add --text "Reads simple sentences" >/dev/null
ehc draft "$c" issue --date 2025-04-02 2>/dev/null
ehc draft "$c" final --date 2025-05-20 2>/dev/null
ehc note "$c" -d 2025-05-21 -k letter -m "Final plan sent"
ehc placement "$c" named -u 122345 >/dev/null
ehc money "$c" add top-up -a 4500 -p year -s 2025-09-01 >/dev/null
ehc case contact "$c" add parent "Jo Test" --pr --phone "01670 000000" \
    >/dev/null

doc case-show "" ehc case show "$c" --json
doc deadline ".deadlines[0]" ehc case show "$c" --json --explain
doc note ".notes[0]" ehc case show "$c" --json
doc contact "[0]" ehc case contact "$c" list --json
test_expect "case list: the case without its arrays" \
    "$(ehc case list --json | python3 -c 'import json, sys
print(" ".join(json.load(sys.stdin)[0]))')" \
    "$(ehc case show "$c" --json | python3 -c 'import json, sys
print(" ".join(k for k in json.load(sys.stdin)
               if k not in ("deadlines", "reminders", "actions", "notes",
                            "contacts", "decisions", "concerns", "chc")))')"
doc due "[0]" ehc due --within 400 --json
doc report "" ehc report reviews --year 2026 --json
for r in timeliness reviews phase-transfers phase-cohort advice outcomes requests spend; do
	doc "report-$r" columns ehc report "$r" --year 2026 --json
done
doc report-caseload columns ehc report caseload --json
doc advice-list "[0]" ehc advice list --json
doc money-list "[0]" ehc money "$c" list --json
doc placement-list "[0]" ehc placement "$c" list --json
doc rules "[0]" ehc rules --json
doc audit-verify "" ehc audit verify --json
doc audit-head "" ehc audit head --json
doc audit-case "[0]" ehc audit --json "$c"
doc retention "[0]" ehc retention --json
doc draft-check "" ehc draft "$c" check --json
doc draft-log "[0]" ehc draft "$c" log --json
doc plan "" ehc draft "$c" show --format json
doc export "" ehc export "$c"
doc export-person "" ehc export --person "$c"
ehc backup "$TEST_DIR/b.db" >/dev/null
doc restore "" ehc restore -j "$TEST_DIR/b.db"

test_expect "every documented JSON document is checked" \
    "$(fields --names | while read -r n; do
	case " $checked " in *" $n "*) ;; *) echo "$n" ;; esac; done)" ""
test_done
