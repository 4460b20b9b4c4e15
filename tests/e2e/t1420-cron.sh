#!/bin/bash
# The crontab of examples/ehc-due.cron, run as cron runs it, against the
# demo store, with a sendmail that keeps each message: every officer with
# work due and an address gets one mail, to their own address, holding
# their own list and nobody else's.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2026-12-01
ehc init
ehc demo --cases 600 --seed 1 >/dev/null
# The officers with no address are skipped: clear one.
ehc config officer "Mark Tait" --email ""

mkdir bin mail
cat >bin/sendmail <<'SH'
#!/bin/sh
# Keep the message; -t: the recipients are in its headers.
[ "$1" = -t ] || { echo "sendmail: expected -t" >&2; exit 64; }
n=$(ls "$MAILDIR" | wc -l)
cat >"$MAILDIR/$((n + 1)).eml"
SH
chmod +x bin/sendmail
ln -s "$EHC" bin/ehc

line=$(grep -E '^[0-9*]' "$EHC_SRCDIR/examples/ehc-due.cron")
cmd=$(printf '%s\n' "$line" | sed -E 's/^([^ ]+ +){5}//')
test_desc "the crontab's line runs under sh, as cron runs it"
ehc_check 0 "" "" -- env MAILDIR="$TEST_DIR/mail" \
    PATH="$TEST_DIR/bin:/usr/bin:/bin" sh -c "$cmd"

# Who should have mail: an address, and something due.
want=$(ehc officer list | while IFS='	' read -r id name email n; do
	[ "$email" = - ] && continue
	[ -n "$(ehc due --officer "$id")" ] && echo "$name <$email>"
done | sort)
got=$(grep -h '^To: ' mail/*.eml | sed 's/^To: //' | sort)
test_expect "one mail for each officer with work due and an address" \
    "$got" "$want"
test_expect "twelve officers in the demo, eleven with an address" \
    "$(ehc officer list | wc -l) $(ehc officer list | cut -f3 |
    grep -c @)" "12 11"
test_expect "the officer without an address gets none" \
    "$(grep -l 'Mark Tait' mail/*.eml | wc -l | tr -d ' ')" 0
m=$(grep -l '^To: Claire Dodd <claire.dodd@example.gov.uk>$' mail/*.eml)
test_expect "Claire Dodd's mail goes to her address" \
    "$(printf '%s\n' "$m" | wc -l | tr -d ' ')" 1
test_expect "its subject names her" \
    "$(grep '^Subject:' "$m")" "Subject: ehc: work due for Claire Dodd"
test_expect "its body is her morning list, as ehc due prints it" \
    "$(sed '1,/^$/d' "$m")" "$(ehc due --officer "Claire Dodd")"
test_expect "every line of it is one of her cases" \
    "$(sed '1,/^$/d' "$m" | grep -vc '  Claire Dodd  ')" 0
test_expect "her list has actions, not only statutory dates" \
    "$(sed '1,/^$/d' "$m" | grep -c -e '	book-review-meeting ' \
    -e '	draft-plan ' -e '	invite-review ' | awk '{ print ($1 > 0) }')" 1
test_desc "a mistyped officer is an error, not an empty list"
ehc_check 1 "" "ehc due: no officer 'Claire dodd' has a profile or a \
case; see ehc officer list" -- "$EHC" due --officer "Claire dodd"

test_done
