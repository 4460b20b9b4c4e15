/*
 * query.c: reading cases, advice, notes and the audit trail for display.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
dup_col(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s ? strdup(s) : NULL;
}

#define CASE_COLUMNS \
	"SELECT c.id, c.ref, p.forename, p.surname, p.dob, p.sex, " \
	"p.ethnicity, p.postcode, p.upn, p.uln, c.received, c.source, " \
	"c.officer, c.setting, c.safeguarding, c.looked_after, c.chc, " \
	"c.assess, c.issue, c.assess_date, c.issue_date, c.draft_date, " \
	"c.final_date, c.withdrawn, c.cease_date, c.reason, c.year_offset " \
	"FROM cases c JOIN person p ON p.id = c.person_id "

static const char *
stage_of(const struct ehc_case *c)
{
	if (c->withdrawn != EHC_NO_DATE)
		return "withdrawn";
	if (c->cease_date != EHC_NO_DATE)
		return "ceased";
	if (c->final_date != EHC_NO_DATE)
		return "plan";
	if (c->assess != NULL && c->assess[0] == 'N')
		return "not-assessed";
	if (c->issue != NULL && c->issue[0] == 'N')
		return "not-issued";
	if (c->draft_date != EHC_NO_DATE)
		return "draft";
	if (c->issue != NULL)
		return "drafting";
	if (c->assess != NULL)
		return "assessing";
	return "requested";
}

static int
fill(struct ehc_case *c, sqlite3_stmt *st)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->ref = dup_col(st, 1);
	c->forename = dup_col(st, 2);
	c->surname = dup_col(st, 3);
	c->dob = ehc__column_date(st, 4);
	c->sex = dup_col(st, 5);
	c->ethnicity = dup_col(st, 6);
	c->postcode = dup_col(st, 7);
	c->upn = dup_col(st, 8);
	c->uln = dup_col(st, 9);
	c->received = ehc__column_date(st, 10);
	c->source = dup_col(st, 11);
	c->officer = dup_col(st, 12);
	c->setting = dup_col(st, 13);
	c->safeguarding = sqlite3_column_int(st, 14);
	c->looked_after = sqlite3_column_int(st, 15);
	c->chc = sqlite3_column_int(st, 16);
	c->assess = dup_col(st, 17);
	c->issue = dup_col(st, 18);
	c->assess_date = ehc__column_date(st, 19);
	c->issue_date = ehc__column_date(st, 20);
	c->draft_date = ehc__column_date(st, 21);
	c->final_date = ehc__column_date(st, 22);
	c->withdrawn = ehc__column_date(st, 23);
	c->cease_date = ehc__column_date(st, 24);
	c->reason = dup_col(st, 25);
	c->year_offset = sqlite3_column_int(st, 26);
	c->stage = strdup(stage_of(c));
	if (c->ref == NULL || c->stage == NULL) {
		ehc_case_release(c);
		return EHC_ENOMEM;
	}
	return EHC_OK;
}

int
ehc_case_get(struct ehc_case *out, struct ehc_db *db, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ehc__db_prepare(db, &st, CASE_COLUMNS "WHERE c.id = ?1"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = fill(out, st);
	else if (rc == SQLITE_DONE)
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
	else
		rc = ehc__db_error(db, rc, "reading a case");
	sqlite3_finalize(st);
	return rc;
}

void
ehc_case_release(struct ehc_case *c)
{
	if (c == NULL)
		return;
	free(c->ref);
	free(c->forename);
	free(c->surname);
	free(c->sex);
	free(c->ethnicity);
	free(c->postcode);
	free(c->upn);
	free(c->uln);
	free(c->source);
	free(c->officer);
	free(c->setting);
	free(c->stage);
	free(c->assess);
	free(c->issue);
	free(c->reason);
	memset(c, 0, sizeof(*c));
}

int
ehc_case_foreach(struct ehc_db *db, const char *officer,
    int (*cb)(const struct ehc_case *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_case c;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, CASE_COLUMNS
	    "WHERE ?1 IS NULL OR c.officer = ?1 ORDER BY c.id")) != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, officer);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = fill(&c, st)) != EHC_OK)
			break;
		rc = cb(&c, payload);
		ehc_case_release(&c);
		if (rc != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

int
ehc_advice_foreach(struct ehc_db *db, int64_t case_id, int overdue_only,
    int (*cb)(const struct ehc_advice *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_advice a;
	char modifier[24];
	int rc, days;

	if ((rc = ehc__db_prepare(db, &st, "SELECT c.ref, c.officer, a.seq, "
	    "a.type, a.provider, a.requested, a.received_by, a.received, "
	    "a.reused, c.withdrawn IS NOT NULL OR c.assess = 'N' OR "
	    "c.issue = 'N' OR c.final_date IS NOT NULL, p.forename, "
	    "p.surname, p.dob, a.adviser "
	    "FROM advice a JOIN cases c ON c.id = a.case_id "
	    "JOIN person p ON p.id = c.person_id "
	    "WHERE (?1 = 0 OR a.case_id = ?1) AND (?2 = 0 OR (a.received IS "
	    "NULL AND date(a.received_by, ?4) < ?3 AND "
	    "c.withdrawn IS NULL AND c.final_date IS NULL AND "
	    "coalesce(c.issue, '') <> 'N')) "
	    "ORDER BY CASE WHEN ?1 = 0 THEN coalesce(a.provider, '') END, "
	    "a.received_by, c.id, a.seq")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, overdue_only);
	ehc__bind_date(st, 3, db->today);
	/* The adviser's 6 weeks (reg 8), from the registry. */
	days = ehc__rule_days("advice");
	snprintf(modifier, sizeof(modifier), "%+d days", days);
	sqlite3_bind_text(st, 4, modifier, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char ref[16];

		memset(&a, 0, sizeof(a));
		a.case_ref = (const char *)sqlite3_column_text(st, 0);
		a.officer = (const char *)sqlite3_column_text(st, 1);
		snprintf(ref, sizeof(ref), "A%d", sqlite3_column_int(st, 2));
		a.ref = ref;
		a.type = (const char *)sqlite3_column_text(st, 3);
		a.provider = (const char *)sqlite3_column_text(st, 4);
		a.requested = ehc__column_date(st, 5);
		a.received_by = ehc__column_date(st, 6);
		a.received = ehc__column_date(st, 7);
		a.reused = sqlite3_column_int(st, 8);
		a.forename = (const char *)sqlite3_column_text(st, 10);
		a.surname = (const char *)sqlite3_column_text(st, 11);
		a.dob = ehc__column_date(st, 12);
		a.adviser = (const char *)sqlite3_column_text(st, 13);
		a.due = a.received_by + days;
		if (a.reused)
			a.status = "reused";
		else if (a.received != EHC_NO_DATE)
			a.status = a.received <= a.due ? "met" : "late";
		else if (sqlite3_column_int(st, 9))
			a.status = "void";
		else
			a.status = db->today > a.due ? "overdue" : "open";
		if ((rc = cb(&a, payload)) != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

static int
entries(struct ehc_db *db, const char *sql, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_entry e;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.date = ehc__column_date(st, 0);
		e.kind = (const char *)sqlite3_column_text(st, 1);
		e.author = (const char *)sqlite3_column_text(st, 2);
		e.text = (const char *)sqlite3_column_text(st, 3);
		e.at = (const char *)sqlite3_column_text(st, 4);
		if ((rc = cb(&e, payload)) != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

int
ehc_note_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload)
{
	return entries(db, "SELECT date, kind, author, text, NULL FROM note "
	    "WHERE case_id = ?1 ORDER BY date, id", case_id, cb, payload);
}

int
ehc_audit_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload)
{
	/* Case ids are never reused (AUTOINCREMENT): every record counts. */
	return entries(db, "SELECT substr(at, 1, 10), action, user, detail, "
	    "at FROM audit WHERE case_id = ?1 ORDER BY id", case_id, cb,
	    payload);
}
