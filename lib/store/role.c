/*
 * role.c: a team's store (team.h): the group it is shared with, kept as
 * the setting "team", and each login's role, in the role table.  Only
 * the store decides who holds a role; the program decides what a role
 * may do (cmd/ehc.c's command table).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	"officer", "manager", "analyst", "admin"
};

#define NROLES	((int)(sizeof(names) / sizeof(names[0])))

int
ehc_role_parse(unsigned *out, const char *name)
{
	int i;

	*out = 0;
	for (i = 0; i < NROLES; i++)
		if (name != NULL && strcmp(name, names[i]) == 0) {
			*out = 1u << i;
			return EHC_OK;
		}
	return EHC_EINVAL;
}

const char *
ehc_role_name(unsigned roles)
{
	int i;

	for (i = 0; i < NROLES; i++)
		if (roles & (1u << i))
			return names[i];
	return "";
}

int
ehc_role_names(char *out, size_t out_len, unsigned roles)
{
	size_t n = 0;
	int i;

	if (out == NULL || out_len < EHC_ROLES_LEN) {
		if (out != NULL && out_len > 0)
			*out = '\0';
		return EHC_EINVAL;
	}
	*out = '\0';
	for (i = 0; i < NROLES; i++)
		if (roles & (1u << i))
			n += (size_t)snprintf(out + n, out_len - n, "%s%s",
			    n == 0 ? "" : (roles >> (i + 1)) != 0 ? ", " :
			    " or ", names[i]);
	return EHC_OK;
}

int
ehc_team_group(char *out, size_t out_len, struct ehc_db *db)
{
	int rc;

	if ((rc = ehc__check_out(db, out, out_len, EHC_GROUP_LEN)) != EHC_OK)
		return rc;
	return ehc__setting(db, "team", out, out_len);
}

int
ehc_team_set(struct ehc_db *db, const char *group, const char *admin)
{
	char detail[EHC_GROUP_LEN + 8];
	int rc;

	if ((rc = ehc__check_text(db, "the group", group, EHC_GROUP_LEN - 1,
	    1)) != EHC_OK || (rc = ehc__check_text(db, "the login", admin,
	    EHC_GROUP_LEN - 1, 1)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT OR REPLACE INTO setting(key, value) "
	    "VALUES ('team', ?4)", 0, EHC_NO_DATE, EHC_NO_DATE, group, NULL))
	    != EHC_OK || (rc = ehc__exec(db, "INSERT OR REPLACE INTO "
	    "role(login, role) VALUES (?4, 'admin')", 0, EHC_NO_DATE,
	    EHC_NO_DATE, admin, NULL)) != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "team=%s", group);
	if ((rc = ehc__audit(db, 0, "config", detail)) != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "%s=admin", admin);
	return ehc__audit(db, 0, "role", detail);
}

int
ehc_role_get(unsigned *out, struct ehc_db *db, const char *login)
{
	char group[EHC_GROUP_LEN];
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = ehc_team_group(group, sizeof(group), db)) != EHC_OK)
		return rc;
	if (*group == '\0') {
		*out = EHC_ROLE_ADMIN;
		return EHC_OK;
	}
	if ((rc = ehc__db_prepare(db, &st, "SELECT role, names FROM role "
	    "WHERE login = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ehc_role_parse(out, (const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_int(st, 1) != 0)
			*out |= EHC_ROLE_NAMES;
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? EHC_OK :
	    ehc__db_error(db, rc, "reading the role");
	sqlite3_finalize(st);
	return rc;
}

/* How many logins other than login hold the admin role. */
static int
other_admins(struct ehc_db *db, const char *login, int *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = ehc__db_prepare(db, &st, "SELECT count(*) FROM role WHERE "
	    "role = 'admin' AND login <> ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	rc = rc == SQLITE_ROW ? EHC_OK : ehc__db_error(db, rc,
	    "counting the admins");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_role_set(struct ehc_db *db, const char *login, const char *role,
    int names)
{
	char group[EHC_GROUP_LEN], detail[EHC_GROUP_LEN + 16];
	unsigned r = 0;
	int rc, admins;

	if ((rc = ehc__check_text(db, "the login", login, EHC_GROUP_LEN - 1,
	    1)) != EHC_OK)
		return rc;
	if (strcmp(role, "none") != 0 && ehc_role_parse(&r, role) != EHC_OK)
		return ehc__db_fail(db, EHC_EINVAL, "'%.20s' is not a role; "
		    "use officer, manager, analyst, admin or none", role);
	if ((rc = ehc_team_group(group, sizeof(group), db)) != EHC_OK)
		return rc;
	if (*group == '\0')
		return ehc__db_fail(db, EHC_EINVAL, "this store is one "
		    "person's, who holds every role; share it with a team "
		    "first (ehc init --team GROUP)");
	if (r != EHC_ROLE_ADMIN) {
		if ((rc = other_admins(db, login, &admins)) != EHC_OK)
			return rc;
		if (admins == 0)
			return ehc__db_fail(db, EHC_ESTATE, "'%s' is the "
			    "team's only admin; make another login admin "
			    "first", login);
	}
	names = names != 0 && r == EHC_ROLE_ANALYST;
	rc = r == 0 ? ehc__exec(db, "DELETE FROM role WHERE login = ?4", 0,
	    EHC_NO_DATE, EHC_NO_DATE, login, NULL) : ehc__exec(db,
	    "INSERT OR REPLACE INTO role(login, role, names) VALUES (?4, ?5, "
	    "?1)", names, EHC_NO_DATE, EHC_NO_DATE, login, role);
	if (rc != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "%s=%s%s", login, role,
	    names ? " names" : "");
	return ehc__audit(db, 0, "role", detail);
}

int
ehc_role_foreach(struct ehc_db *db,
    int (*cb)(const char *, const char *, void *), void *payload)
{
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = ehc__db_prepare(db, &st, "SELECT login, role || CASE WHEN "
	    "names THEN ' names' ELSE '' END FROM role ORDER BY login"))
	    != EHC_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), payload)) != 0)
			break;
	rc = stop != 0 ? stop : rc == SQLITE_DONE ? EHC_OK :
	    ehc__db_error(db, rc, "reading the roles");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_role_refused(struct ehc_db *db, const char *action, unsigned roles)
{
	char detail[200], need[EHC_ROLES_LEN];

	ehc_role_names(need, sizeof(need), roles);
	snprintf(detail, sizeof(detail), "%.120s: needs %s", action, need);
	return ehc__audit(db, 0, "refused", detail);
}

void
ehc_db_set_masked(struct ehc_db *db, int masked)
{
	db->masked = masked != 0;
}
