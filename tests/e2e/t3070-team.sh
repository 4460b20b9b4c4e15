#!/bin/bash
# Team mode (ehc-init(1)): a store shared through a group, a setgid copy
# of ehc, and two other users run by setpriv with user IDs that have no
# passwd entry.  Each is recorded by their real user ID whatever
# EHC_USER or -u say; neither can open the store or its key but through
# ehc; the analyst sees no child's name; the officer cannot run
# retention (77, audited).  The privilege is used only to open the
# store: a file the group can read and the user cannot is not imported,
# output is not written where only the group can write, and a store
# outside a team's directory is opened with the user's own rights.
. "$(dirname "$0")/lib.sh"

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}
[ "$(id -u)" = 0 ] || skip_all "not root: cannot change user with setpriv"
command -v setpriv >/dev/null || skip_all "no setpriv (util-linux)"
case $(findmnt -no OPTIONS -T "$TEST_DIR" 2>/dev/null) in
*nosuid*) skip_all "$TEST_DIR is on a nosuid file system" ;;
esac
# The users must reach the scratch directory.
d=$TEST_DIR
while [ "$d" != / ]; do
	d=$(dirname "$d")
	[ $(( 0$(stat -c %a "$d") & 1 )) = 1 ] ||
	    skip_all "other users cannot enter $d"
done

G=64123 OFFICER=64101 ANALYST=64102 NAMES=64103 ADMIN=64104
mkdir "$TEST_DIR/solo"
chmod 755 "$TEST_DIR"
mkdir "$TEST_DIR/store"
STORE=$TEST_DIR/store/ehc.db
TEAM=$TEST_DIR/ehc
as() { local u=$1; shift; setpriv --reuid "$u" --regid "$u" --clear-groups \
    "$@"; }
officer() { as $OFFICER env EHC_USER=mallory "$TEAM" --db "$STORE" \
    -t 2026-03-02 "$@"; }
analyst() { as $ANALYST env EHC_USER=mallory "$TEAM" --db "$STORE" \
    -t 2026-03-02 "$@"; }
root_ehc() { "$EHC" --db "$STORE" "$@"; }
audit_users() { sqlite3 "$STORE" "SELECT user || '|' || action FROM audit \
    WHERE action = '$1' ORDER BY id"; }

test_desc "init --team shares a store of its own directory with the group"
ehc_check 0 "" "" -- root_ehc init --team $G
test_expect "the directory is the group's, 2770; the store 0660; the key 0640" \
    "$(stat -c '%a %g' "$TEST_DIR/store" "$STORE" "$STORE.key")" \
    "2770 $G
660 $G
640 $G"
test_desc "init --team refuses a directory that holds other files"
ehc_check 64 "" "~holds other files than the store" -- \
    "$EHC" --db "$TEST_DIR/x.db" init --team $G
cp "$EHC" "$TEAM" && chown root:$G "$TEAM" && chmod 2755 "$TEAM"

test_desc "root, its admin, gives the roles"
ehc_check 0 "" "" -- root_ehc config role uid:$OFFICER officer
root_ehc config role uid:$ANALYST analyst
root_ehc config role -n uid:$NAMES analyst
root_ehc config role uid:$ADMIN admin
test_desc "and lists them"
ehc_check 0 "root admin
uid:$OFFICER officer
uid:$ANALYST analyst
uid:$NAMES analyst names
uid:$ADMIN admin" "" -- root_ehc config role
"$EHC" --db "$TEST_DIR/solo/ehc.db" init --team $G
test_desc "the last admin cannot give up the role"
ehc_check 65 "" "~only admin" -- "$EHC" --db "$TEST_DIR/solo/ehc.db" \
    config role root officer

test_desc "the officer records a request through the setgid ehc"
ehc_check 0 "EHC-000001" "" -- officer request new --forename Amira \
    --surname Khan --dob 2016-09-12 --received 2026-01-05 --source parent \
    --officer uid:$OFFICER
test_desc "and with -u acts for another"
ehc_check 0 "" "" -- officer -u eve note EHC-000001 -d 2026-03-01 -k call \
    -m "rang the school"
test_desc "the analyst cannot record a request"
ehc_check 77 "" "~^ehc request: 'ehc request' needs the officer, manager or \
admin role, and uid:$ANALYST is an analyst" -- analyst request new \
    --forename Jo --surname Bloggs --dob 2016-01-01 --received 2026-01-05 \
    --source parent
test_expect "each is recorded by the real user ID, whatever EHC_USER says" \
    "$(audit_users 'request new')" "uid:$OFFICER|request new"
test_expect "and -u is recorded beside it as acting for" \
    "$(audit_users note)" "uid:$OFFICER (for eve)|note"

for who in $OFFICER $ANALYST; do
	test_desc "uid $who cannot open the store with sqlite3"
	ehc_check 1 "" "~unable to open database" -- as $who sqlite3 "$STORE" \
	    "SELECT count(*) FROM audit"
	test_desc "uid $who cannot read the store or the audit key"
	ehc_check 1 "" "~Permission denied" -- as $who cat "$STORE" \
	    "$STORE.key"
done

test_desc "the officer cannot run retention"
ehc_check 77 "" "~^ehc retention: 'ehc retention' needs the admin role, and \
uid:$OFFICER is an officer" -- officer retention
test_expect "and the refusal is audited under the officer's name" \
    "$(audit_users refused)" "uid:$ANALYST|refused
uid:$OFFICER|refused"
test_desc "the officer runs the management reports"
ehc_check 0 "*" "" -- officer report caseload -c
test_desc "but not the SEN2 return"
ehc_check 77 "" "~'ehc report sen2' needs the manager, analyst or admin \
role" -- officer report sen2 -y 2026 -k
test_desc "nor reassign a case, which a manager does"
ehc_check 77 "" "~^ehc case: 'ehc case assign' needs the manager or admin \
role" -- officer case assign EHC-000001 uid:$ANALYST
test_desc "the analyst cannot show a case"
ehc_check 77 "" "~needs the officer, manager or admin role" -- \
    analyst case show EHC-000001
out=$(analyst export EHC-000001)
test_expect "the analyst's export names no child" \
    "$(printf '%s' "$out" | python3 -c 'import json, sys
t = sys.stdin.read()
p = json.loads(t)["person"]
print(p["forename"], p["surname"], p["dob"], p["upn"], "Khan" in t)')" \
    "None None None None False"
mkdir "$TEST_DIR/sen2"
chown $ANALYST "$TEST_DIR/sen2"
test_desc "and the analyst's SEN2 return neither"
ehc_check 0 "" "*" -- analyst report sen2 -y 2026 -c "$TEST_DIR/sen2"
test_expect "its person rows have no name or date of birth" \
    "$(python3 -c 'import csv, glob, sys
for f in glob.glob(sys.argv[1] + "/*erson*"):
    for r in csv.DictReader(open(f)):
        print(r["Surname"] or "-", r["Forename"] or "-",
            r["PersonBirthDate"] or "-")' "$TEST_DIR/sen2")" "- - -"
test_desc "nor the analyst's SEN2 workbook"
ehc_check 0 "" "*" -- analyst report sen2 -y 2026 -x "$TEST_DIR/sen2/r.xlsx"
test_expect "whose cells hold no name" \
    "$(python3 -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(any(c in ("Khan", "Amira") for ws in wb.worksheets
    for r in ws.iter_rows(values_only=True) for c in r))' \
    "$TEST_DIR/sen2/r.xlsx")" "False"
test_expect "which the officer's export does" \
    "$(officer export EHC-000001 | python3 -c 'import json, sys
print(json.load(sys.stdin)["person"]["surname"])')" "Khan"
test_expect "and an analyst allowed to see names" \
    "$(as $NAMES "$TEAM" --db "$STORE" export EHC-000001 | python3 -c '
import json, sys
print(json.load(sys.stdin)["person"]["surname"])')" "Khan"

mkdir "$TEST_DIR/admin"
chown $ADMIN "$TEST_DIR/admin"
test_desc "an admin takes a backup through the setgid ehc"
ehc_check 0 "*" "" -- as $ADMIN "$TEAM" --db "$STORE" backup \
    "$TEST_DIR/admin/b.db"
test_expect "which is the admin's own, mode 0600" \
    "$(stat -c '%a %u' "$TEST_DIR/admin/b.db")" "600 $ADMIN"
test_desc "the officer cannot"
ehc_check 77 "" "~needs the admin role" -- officer backup "$TEST_DIR/o.db"

# The privilege opens the store and nothing else.
root_ehc export EHC-000001 >"$TEST_DIR/group.json"
chown root:$G "$TEST_DIR/group.json"
chmod 640 "$TEST_DIR/group.json"
test_desc "a file the group may read is not imported for the officer"
ehc_check 66 "" "~group.json" -- officer import case "$TEST_DIR/group.json"
cp "$TEST_DIR/group.json" "$TEST_DIR/root.json"
chown root:root "$TEST_DIR/root.json"
chmod 600 "$TEST_DIR/root.json"
test_desc "nor a file root alone may read"
ehc_check 66 "" "~root.json" -- officer import case "$TEST_DIR/root.json"
test_desc "root imports the group's file (it is a case)"
ehc_check 0 "EHC-000002" "" -- root_ehc import case "$TEST_DIR/group.json"
mkdir "$TEST_DIR/out"
chown root:$G "$TEST_DIR/out"
chmod 2770 "$TEST_DIR/out"
test_desc "output is not written where the group alone may write"
ehc_check 73 "" "*" -- officer due -c -O "$TEST_DIR/out/due.csv"
mkdir "$TEST_DIR/near"
chown root:$G "$TEST_DIR/near"
chmod 770 "$TEST_DIR/near"
cp -p "$STORE" "$STORE.key" "$TEST_DIR/near/"
test_desc "a store in a group directory without the setgid bit is the user's"
ehc_check 74 "" "~cannot open" -- as $OFFICER "$TEAM" \
    --db "$TEST_DIR/near/ehc.db" case list
test_desc "EHC_DB does not name the store for the setgid ehc"
ehc_check 66 "" "~no store at" -- as $OFFICER env EHC_DB="$STORE" "$TEAM" \
    case list
test_desc "root restores the admin's backup into the team's store"
ehc_check 0 "*" "*" -- "$TEAM" --db "$STORE" restore "$TEST_DIR/admin/b.db"
test_expect "which keeps its group and modes" \
    "$(stat -c '%a %g' "$TEST_DIR/store" "$STORE" "$STORE.key")" \
    "2770 $G
660 $G
640 $G"
test_desc "and the officer works on"
ehc_check 0 "~^EHC-000001" "" -- officer case list
test_desc "the team's audit log verifies after it all"
ehc_check 0 "~chain intact" "" -- root_ehc audit verify

test_done
