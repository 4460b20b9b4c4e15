#!/bin/sh
# Walk a few cases through the statutory assessment, from request to final
# plan, with the dates an officer would record.  Usage: walkthrough.sh EHC
# (EHC_DB names the store; it is created if missing).
set -eu
ehc=${1:-ehc}

at() { EHC_TODAY=$1; export EHC_TODAY; }

at 2026-03-02
"$ehc" init
# A request from a parent, on time at every step.
a=$("$ehc" request new --forename Amira --surname Khan --dob 2016-09-12 \
    --received 2026-01-05 --source parent --officer jbloggs \
    --upn C929000000017)
"$ehc" decide "$a" assess --date 2026-02-10 --reason "evidence of SLCN"
ep=$("$ehc" advice "$a" request psychological --date 2026-02-11 \
    --from "Educational Psychology Service")
"$ehc" advice "$a" request educational --date 2026-02-11 --from "Head teacher"
"$ehc" advice "$a" reuse medical --date 2026-02-12 \
    --from "Community paediatrics (report of 2025-11-20)"
"$ehc" note "$a" --date 2026-02-20 --kind call --message "Mum asked about timescales"
at 2026-05-20
"$ehc" advice "$a" receive "$ep" --date 2026-03-20
"$ehc" advice "$a" receive A2 --date 2026-03-18
"$ehc" decide "$a" issue --date 2026-04-14
"$ehc" draft "$a" issue --date 2026-04-20
"$ehc" draft "$a" final --date 2026-05-18

# A school's request where the EP is late and the family goes abroad.
at 2026-05-20
b=$("$ehc" request new --forename Leo --surname Marsh --dob 2013-02-01 \
    --received 2026-02-02 --source school --officer asmith)
"$ehc" decide "$b" assess --date 2026-03-16
ep=$("$ehc" advice "$b" request psychological --date 2026-03-17 \
    --from "Educational Psychology Service")
"$ehc" exception "$b" final-plan absence --date 2026-04-01 \
    --note "family abroad 2026-04-01 to 2026-05-10"
"$ehc" case flag "$b" safeguarding

# A request refused, with the appeal-rights reminder on the decision.
c=$("$ehc" request new --forename Ruby --surname Hall --dob 2019-04-30 \
    --received 2026-04-13 --source parent --officer jbloggs)
"$ehc" decide "$c" no-assess --date 2026-05-11 \
    --reason "needs met at SEN support"

# A new request still at the first decision.
"$ehc" request new --forename Noah --surname Price --dob 2017-11-03 \
    --received 2026-05-05 --source health --officer asmith >/dev/null
