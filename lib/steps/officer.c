/*
 * officer.c: the officers' profiles: a name, a title and how to reach
 * them, kept by the login their cases are assigned to.  The list is
 * every officer with a profile or a case, with their open cases.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define ID_MAX_LEN 100

#define OFFICER_SQL \
	"SELECT o.id, f.name, f.title, f.phone, f.email, (SELECT count(*) " \
	"FROM cases c WHERE c.officer = o.id AND c.cease_date IS NULL AND " \
	"c.withdrawn IS NULL AND coalesce(c.assess, '') <> 'N' AND " \
	"coalesce(c.issue, '') <> 'N') FROM (SELECT id FROM officer UNION " \
	"SELECT officer FROM cases WHERE officer IS NOT NULL) o LEFT JOIN " \
	"officer f ON f.id = o.id "

int
ehc_officer_set(struct ehc_db *db, const char *id,
    const struct ehc_officer_in *in)
{
	char detail[600];
	size_t n;
	int rc;

	if (in == NULL || in->version != EHC_OFFICER_IN_VERSION)
		return ehc__db_fail(db, EHC_EINVAL, "unknown ehc_officer_in "
		    "version");
	if ((rc = ehc__check_text(db, "the officer", id, ID_MAX_LEN, 1))
	    != EHC_OK ||
	    (in->name != NULL && (rc = ehc__check_text(db, "the name",
	    in->name, 100, 1)) != EHC_OK) ||
	    (in->title != NULL && (rc = ehc__check_text(db, "the title",
	    in->title, 100, 0)) != EHC_OK) ||
	    (in->phone != NULL && (rc = ehc__check_text(db, "the phone "
	    "number", in->phone, 40, 0)) != EHC_OK) ||
	    (in->email != NULL && (rc = ehc__check_text(db, "the email "
	    "address", in->email, 254, 0)) != EHC_OK))
		return rc;
	if (in->email != NULL && *in->email != '\0' &&
	    (strchr(in->email, '@') == NULL || strchr(in->email, ' ') != NULL))
		return ehc__db_fail(db, EHC_EINVAL, "the email address needs "
		    "an @ and no spaces, such as claire.dodd@example.gov.uk");
	if ((rc = ehc__exec(db, "INSERT INTO officer(id, name) SELECT ?4, ?5 "
	    "WHERE ?5 IS NOT NULL ON CONFLICT(id) DO UPDATE SET name = "
	    "excluded.name", 0, EHC_NO_DATE, EHC_NO_DATE, id, in->name))
	    != EHC_OK)
		return rc;
	if (in->name == NULL && (rc = ehc__exec(db, "UPDATE officer SET id = "
	    "id WHERE id = ?4", 0, EHC_NO_DATE, EHC_NO_DATE, id, NULL)) !=
	    EHC_OK)
		return rc;
	if (in->name == NULL && sqlite3_changes(db->h) == 0)
		return ehc__db_fail(db, EHC_EINVAL, "officer '%s' has no "
		    "profile yet; give the name too (--name)", id);
	/* "" clears a field; NULL keeps it. */
	if ((in->title != NULL && (rc = ehc__exec(db, "UPDATE officer SET "
	    "title = ?5 WHERE id = ?4", 0, EHC_NO_DATE, EHC_NO_DATE, id,
	    in->title)) != EHC_OK) ||
	    (in->phone != NULL && (rc = ehc__exec(db, "UPDATE officer SET "
	    "phone = ?5 WHERE id = ?4", 0, EHC_NO_DATE, EHC_NO_DATE, id,
	    in->phone)) != EHC_OK) ||
	    (in->email != NULL && (rc = ehc__exec(db, "UPDATE officer SET "
	    "email = ?5 WHERE id = ?4", 0, EHC_NO_DATE, EHC_NO_DATE, id,
	    in->email)) != EHC_OK))
		return rc;
	n = (size_t)snprintf(detail, sizeof(detail), "officer=%s", id);
	if (in->name != NULL && n < sizeof(detail))
		n += (size_t)snprintf(detail + n, sizeof(detail) - n,
		    " name=%s", in->name);
	if (in->title != NULL && n < sizeof(detail))
		n += (size_t)snprintf(detail + n, sizeof(detail) - n,
		    " title=%s", in->title);
	if (in->phone != NULL && n < sizeof(detail))
		n += (size_t)snprintf(detail + n, sizeof(detail) - n,
		    " phone=%s", in->phone);
	if (in->email != NULL && n < sizeof(detail))
		snprintf(detail + n, sizeof(detail) - n, " email=%s",
		    in->email);
	return ehc__audit(db, 0, "officer profile", detail);
}

static int
each(struct ehc_db *db, sqlite3_stmt *st,
    int (*cb)(const struct ehc_officer *, void *), void *payload, int *n)
{
	struct ehc_officer o;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		o.id = (const char *)sqlite3_column_text(st, 0);
		o.name = (const char *)sqlite3_column_text(st, 1);
		o.title = (const char *)sqlite3_column_text(st, 2);
		o.phone = (const char *)sqlite3_column_text(st, 3);
		o.email = (const char *)sqlite3_column_text(st, 4);
		o.open_cases = sqlite3_column_int64(st, 5);
		(*n)++;
		if ((rc = cb(&o, payload)) != 0)
			return rc;
	}
	return rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading the officers");
}

int
ehc_officer_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_officer *, void *), void *payload)
{
	sqlite3_stmt *st;
	int n, rc;

	if ((rc = ehc__db_prepare(db, &st, OFFICER_SQL "ORDER BY o.id"))
	    != EHC_OK)
		return rc;
	rc = each(db, st, cb, payload, &n);
	sqlite3_finalize(st);
	return rc;
}

int
ehc_officer_get(struct ehc_db *db, const char *id,
    int (*cb)(const struct ehc_officer *, void *), void *payload)
{
	sqlite3_stmt *st;
	int n, rc;

	if ((rc = ehc__db_prepare(db, &st, OFFICER_SQL "WHERE o.id = ?1"))
	    != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, id);
	rc = each(db, st, cb, payload, &n);
	sqlite3_finalize(st);
	if (rc == EHC_OK && n == 0)
		return ehc__db_fail(db, EHC_ENOTFOUND, "no officer '%s' has a "
		    "profile or a case; see ehc officer list", id);
	return rc;
}

struct signer {
	char	*out;
	size_t	 len;
};

static int
sign(const struct ehc_officer *o, void *payload)
{
	struct signer *s = payload;

	snprintf(s->out, s->len, "%s%s%s%s%s", o->name ? o->name : o->id,
	    o->title ? ", " : "", o->title ? o->title : "",
	    o->phone ? ", " : "", o->phone ? o->phone : "");
	return 0;
}

int
ehc_officer_signature(char *out, size_t len, struct ehc_db *db,
    const char *id)
{
	struct signer s = { out, len };
	int rc;

	if (len == 0)
		return ehc__db_fail(db, EHC_EINVAL, "no room for a signature");
	snprintf(out, len, "%s", id != NULL ? id : "the SEND team");
	if (id == NULL)
		return EHC_OK;
	rc = ehc_officer_get(db, id, sign, &s);
	return rc == EHC_ENOTFOUND ? EHC_OK : rc;
}
