#!/bin/bash
# ehc export: one case as one JSON document; and, once 'ehc import case'
# is wired, the same document loaded into a fresh store and exported
# again unchanged (but for the reference and the import's own audit
# record).
. "$(dirname "$0")/lib.sh"

ehc_refuse 66 "export with no store" -- "$EHC" export EHC-000001
ehc init
ehc request new -f Amira -s Khan -b 2016-09-12 -r 2025-01-06 \
    --upn C929000000017 --officer jbloggs --source parent >/dev/null
ehc decide EHC-000001 assess --date 2025-02-10
ehc advice EHC-000001 request psychological --date 2025-02-11 \
    --from "EP service" >/dev/null
ehc advice EHC-000001 receive A1 --date 2025-03-20
ehc exception EHC-000001 advice absence --date 2025-03-01 --advice A1 \
    >/dev/null 2>&1 || true
ehc decide EHC-000001 issue --date 2025-04-01
ehc draft EHC-000001 need add -t "Needs help with speech" >/dev/null
ehc draft EHC-000001 outcome add -t "Speaks in short sentences" -n B1 \
    >/dev/null
ehc draft EHC-000001 provision add -t "Speech and language therapy" \
    -a "30 minutes" -e weekly -b "NHS SLT" -n B1 -o E1 >/dev/null
ehc draft EHC-000001 issue --date 2025-04-10 2>/dev/null
ehc draft EHC-000001 final --date 2025-05-20 2>/dev/null
ehc note EHC-000001 -d 2025-05-21 -k letter -m "Final plan sent to family"
ehc case need EHC-000001 ASD
ehc placement EHC-000001 named -u 122345 >/dev/null
ehc money EHC-000001 add top-up -a 4500 -p year -s 2025-09-01 >/dev/null
ehc request new -f Leo -s Marsh -b 2013-02-01 -r 2026-01-06 >/dev/null

before=$(store_digest)
test_desc "export prints one JSON object on one line"
ehc_check 0 '~^\{"format_version":2,"case":"EHC-000001","authority":null,"person":\{"forename":"Amira",.*\}$' \
    "" -- "$EHC" export EHC-000001
test_expect "export changes nothing" "$(store_digest)" "$before"
test_expect "--json gives the same document" \
    "$(ehc export --json EHC-000001 | sha256sum)" \
    "$(ehc export EHC-000001 | sha256sum)"
ehc export EHC-000001 >one.json
test_expect "the document holds the whole case" \
    "$(python3 - one.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["person"]["upn"], d["record"]["officer"], len(d["advice"]),
      d["advice"][0]["provider"], len(d["notes"]), d["needs"][0]["type"],
      len(d["plan_items"]), d["plan_items"][2]["links"],
      len(d["plan_versions"]), d["funding"][0]["pence"],
      len(d["plan_details"]), len(d["deadlines"]) > 3,
      [c["action"] for c in d["chronology"]][:3])
PY
)" "C929000000017 jbloggs 1 EP service 1 ASD 3 [{'section': 'B', 'seq': 1}, {'section': 'E', 'seq': 1}] 2 450000 1 True ['request new', 'decide assess', 'advice request']"
test_expect "the other case is not in it" "$(grep -c Leo one.json)" 0
ehc_refuse 1 "a case that does not exist" -- "$EHC" export EHC-000099
ehc_refuse 64 "no case" -- "$EHC" export
ehc_refuse 64 "two cases" -- "$EHC" export EHC-000001 EHC-000002
ehc_refuse 64 "an unknown option" -- "$EHC" export --xml EHC-000001

# The round trip needs 'ehc import case FILE'.
if "$EHC" import --help 2>/dev/null | grep -q "import case"; then
	mkdir other
	test_desc "import case into a fresh store prints the new reference"
	ehc_check 0 "EHC-000001" "" -- env EHC_DB=other/ehc.db sh -c \
	    '"$EHC" init && "$EHC" import case one.json'
	EHC_DB=other/ehc.db ehc export EHC-000001 >two.json
	test_expect "exported again, the case is unchanged; its chronology \
is the sender's history, marked as theirs" \
	    "$(python3 - one.json two.json <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sent = [(c["at"], c["user"], c["action"], c["detail"]) for c in a["chronology"]]
kept = [(h["at"], h["user"], h["action"], h["detail"]) for h in b["history"]]
marked = {(h["source"], h["imported_by"]) for h in b["history"]}
own = [(c["action"], c["detail"]) for c in b["chronology"]]
for d in (a, b):
    for k in ("case", "chronology", "history"):
        del d[k]
print(a == b, sent == kept, marked, own)
PY
)" "True True {(None, 'tester')} [('case import', 'from=EHC-000001 history=$(python3 -c 'import json
print(len(json.load(open("one.json"))["chronology"]))')')]"
	test_desc "the imported store's chain is intact"
	ehc_check 0 "~records, chain intact" "" -- env EHC_DB=other/ehc.db \
	    "$EHC" audit verify
	# A file written before format_version was ehc's one version key.
	python3 -c 'import json
d = json.load(open("one.json"))
del d["format_version"]
print(json.dumps(dict([("format", "ehc-case"), ("format_version", 1)] +
                      list(d.items()))))' >old.json
	mkdir old
	test_desc "a case file in the old form is still read"
	ehc_check 0 "EHC-000001" "" -- env EHC_DB=old/ehc.db sh -c \
	    '"$EHC" init && "$EHC" import case old.json'
	sed 's/"format_version":2/"format_version":3/' one.json >bad.json
	ehc_refuse 65 "a case file of a later version" -- \
	    "$EHC" import case bad.json
	printf '{"format_version":2}' >bad.json
	ehc_refuse 65 "a file with no person" -- "$EHC" import case bad.json
	printf 'not json' >bad.json
	ehc_refuse 65 "a file that is not JSON" -- "$EHC" import case bad.json
	ehc_refuse 66 "a file that is not there" -- "$EHC" import case \
	    missing.json
else
	test_ok "# SKIP round trip: 'ehc import case' is not wired yet"
fi

test_done
