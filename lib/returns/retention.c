/*
 * retention.c: records kept past the retention period (date of birth +
 * 31 years by default, the IRMS toolkit's figure), their disposal, and
 * the legal hold that stops it (statutory-rules.md 8.3).
 *
 * Disposal removes the case's rows from every table with secure_delete
 * on, so the freed pages are overwritten.  The case's audit records stay,
 * as the chain needs every record, but only what proves what was done
 * (time, user, action): their details (a need, a reason, an old name)
 * go, leaving the keyed digests the chain holds instead.  One more
 * record says what went.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every table holding a case's rows, children before parents; ?1 is
 * the case.  The unit tests check that each table with a foreign key to
 * cases is here.
 */
static const struct {
	const char	*table;
	const char	*sql;
} removals[] = {
	{ "order_step", "DELETE FROM order_step WHERE order_id IN (SELECT "
	    "id FROM tribunal_order WHERE case_id = ?1)" },
	{ "tribunal_order", "DELETE FROM tribunal_order WHERE case_id = ?1" },
	{ "dispute", "DELETE FROM dispute WHERE case_id = ?1" },
	{ "reassessment", "DELETE FROM reassessment WHERE case_id = ?1" },
	{ "cessation", "DELETE FROM cessation WHERE case_id = ?1" },
	{ "la_transfer", "DELETE FROM la_transfer WHERE case_id = ?1" },
	{ "funding", "DELETE FROM funding WHERE case_id = ?1" },
	{ "deadline", "DELETE FROM deadline WHERE case_id = ?1" },
	{ "need", "DELETE FROM need WHERE case_id = ?1" },
	{ "placement", "DELETE FROM placement WHERE case_id = ?1" },
	{ "plan_detail", "DELETE FROM plan_detail WHERE case_id = ?1" },
	{ "note", "DELETE FROM note WHERE case_id = ?1" },
	{ "booking", "DELETE FROM booking WHERE case_id = ?1" },
	{ "phase_transfer", "DELETE FROM phase_transfer WHERE case_id = ?1" },
	{ "amendment", "DELETE FROM amendment WHERE case_id = ?1" },
	{ "review", "DELETE FROM review WHERE case_id = ?1" },
	{ "exception", "DELETE FROM exception WHERE case_id = ?1" },
	{ "advice", "DELETE FROM advice WHERE case_id = ?1" },
	{ "contact", "DELETE FROM contact WHERE case_id = ?1" },
	{ "concern", "DELETE FROM concern WHERE case_id = ?1" },
	{ "chc", "DELETE FROM chc WHERE case_id = ?1" },
	{ "decision", "DELETE FROM decision WHERE case_id = ?1" },
	{ "history", "DELETE FROM history WHERE case_id = ?1" },
	{ "seal", "DELETE FROM seal WHERE case_id = ?1" },
};

#define NREMOVALS ((int)(sizeof(removals) / sizeof(removals[0])))

int
ehc__retention_covers(const char *table)
{
	int i;

	for (i = 0; i < NREMOVALS; i++)
		if (strcmp(removals[i].table, table) == 0)
			return 1;
	return strcmp(table, "cases") == 0 || strcmp(table, "person") == 0;
}

int
ehc_retention_foreach(struct ehc_db *db, int years,
    int (*cb)(const struct ehc_retention_case *, void *), void *payload)
{
	struct ehc_retention_case r;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (years < EHC_RETENTION_MIN_YEARS || years > EHC_RETENTION_MAX_YEARS)
		return ehc__db_fail(db, EHC_EINVAL, "a retention period of %d "
		    "years is outside %d to %d (a plan can last until the day "
		    "before the 26th birthday)", years,
		    EHC_RETENTION_MIN_YEARS, EHC_RETENTION_MAX_YEARS);
	if (db->today == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "retention needs today's "
		    "date; set it with ehc_db_set_today()");
	if ((rc = ehc__db_prepare(db, &st, "SELECT c.id, c.ref, p.dob, "
	    "c.legal_hold FROM cases c JOIN person p ON p.id = c.person_id "
	    "ORDER BY c.id")) != EHC_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.ref = (const char *)sqlite3_column_text(st, 1);
		r.dob = ehc__column_date(st, 2);
		r.legal_hold = sqlite3_column_int(st, 3);
		if (r.dob == EHC_NO_DATE)
			continue;
		r.until = ehc_date_add_months(r.dob, 12 * years);
		if (r.until > db->today)
			continue;
		if ((stop = cb(&r, payload)) != 0)
			break;
	}
	if (stop != 0)
		rc = stop;
	else if (rc == SQLITE_DONE)
		rc = EHC_OK;
	else
		rc = ehc__db_error(db, rc, "reading the cases");
	sqlite3_finalize(st);
	return rc;
}

/* The case's reference, hold and person; EHC_ENOTFOUND if none. */
static int
case_hold(struct ehc_db *db, int64_t id, char *ref, int *hold,
    int64_t *person)
{
	sqlite3_stmt *st;
	int rc;

	*hold = 0;
	*person = 0;
	if ((rc = ehc__db_prepare(db, &st, "SELECT ref, legal_hold, "
	    "person_id FROM cases WHERE id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(ref, EHC_REF_LEN, "%s", sqlite3_column_text(st, 0));
		*hold = sqlite3_column_int(st, 1);
		*person = sqlite3_column_int64(st, 2);
		rc = EHC_OK;
	} else if (rc == SQLITE_DONE)
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
	else
		rc = ehc__db_error(db, rc, "reading a case");
	sqlite3_finalize(st);
	return rc;
}

static int
run(struct ehc_db *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	rc = ehc__db_step_done(db, st, "removing a case");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Remove case id and its rows, and audit it: "removed case REF", and
 * when again, that a restore had brought it back.  Again, the case is
 * removed whatever hold it shows: the store that removed it first had
 * lifted the hold before.
 */
static int
dispose(struct ehc_db *db, int64_t id, int again)
{
	char ref[EHC_REF_LEN], detail[96];
	int64_t person;
	int rc, hold, i;

	if ((rc = case_hold(db, id, ref, &hold, &person)) != EHC_OK)
		return rc;
	if (hold && !again)
		return ehc__db_fail(db, EHC_ESTATE, "%s is under a legal hold; "
		    "lift it with 'ehc retention release %s' first", ref, ref);
	/* Overwrite what is deleted instead of leaving it in free pages. */
	if ((rc = ehc__db_exec(db, "PRAGMA secure_delete = ON")) != EHC_OK)
		return rc;
	for (i = 0; i < NREMOVALS; i++)
		if ((rc = run(db, removals[i].sql, id, 0)) != EHC_OK)
			return rc;
	rc = run(db, "DELETE FROM cases WHERE id = ?1", id, 0);
	if (rc == EHC_ENOTFOUND)	/* a foreign key: a table not listed */
		return ehc__db_fail(db, EHC_ERROR, "%s still has rows in a "
		    "table that retention does not know; nothing was removed "
		    "(a bug: report it)", ref);
	if (rc != EHC_OK ||
	    (rc = run(db, "DELETE FROM person WHERE id = ?1 AND NOT EXISTS "
	    "(SELECT 1 FROM cases WHERE person_id = ?1)", person, 0))
	    != EHC_OK)
		return rc;
	/* The case's audit records keep what they did, not what it was. */
	if ((rc = ehc__audit_scrub(db, id)) != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "removed case %s%s", ref, again ?
	    " again after a restore" : "");
	return ehc__audit(db, id, "retention", detail);
}

int
ehc_retention_remove(struct ehc_db *db, int64_t id)
{
	return dispose(db, id, 0);
}

int
ehc__retention_reapply(struct ehc_db *db, int64_t id)
{
	return dispose(db, id, 1);
}

int
ehc_retention_limit(struct ehc_db *db, int64_t *cases, int *percent)
{
	sqlite3_stmt *st;
	int rc;

	*cases = 0;
	*percent = EHC_RETENTION_MAX_SHARE;
	if ((rc = ehc__db_prepare(db, &st, "SELECT (SELECT count(*) FROM "
	    "cases), (SELECT value FROM setting WHERE key = "
	    "'retention_max')")) != EHC_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*cases = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			*percent = atoi((const char *)sqlite3_column_text(st,
			    1));
		rc = EHC_OK;
	} else
		rc = ehc__db_error(db, rc, "reading the cases");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_retention_hold(struct ehc_db *db, int64_t id, int on)
{
	char ref[EHC_REF_LEN];
	int64_t person;
	int rc, hold;

	if ((rc = case_hold(db, id, ref, &hold, &person)) != EHC_OK)
		return rc;
	if (hold == (on != 0))
		return ehc__db_fail(db, EHC_ESTATE, on ? "%s is already under "
		    "a legal hold" : "%s is not under a legal hold", ref);
	if ((rc = run(db, "UPDATE cases SET legal_hold = ?2 WHERE id = ?1",
	    id, on != 0)) != EHC_OK)
		return rc;
	return ehc__audit(db, id, on ? "retention hold" : "retention release",
	    NULL);
}
