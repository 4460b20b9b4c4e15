/*
 * case_state.c: the workflow state of a case (received, decisions, the
 * draft and final plan, ceased), read for the clock and for the step
 * checks above it.
 */
#include "internal.h"

/* The columns CASE_STATE_COLUMNS names, from column col on. */
void
ehc__case_state_read(sqlite3_stmt *st, int col, struct case_state *out)
{
	const char *s;

	out->received = ehc__column_date(st, col);
	out->withdrawn = ehc__column_date(st, col + 1);
	s = (const char *)sqlite3_column_text(st, col + 2);
	out->assess = s ? s[0] : 0;
	out->assess_date = ehc__column_date(st, col + 3);
	s = (const char *)sqlite3_column_text(st, col + 4);
	out->issue = s ? s[0] : 0;
	out->issue_date = ehc__column_date(st, col + 5);
	out->draft_date = ehc__column_date(st, col + 6);
	out->final_date = ehc__column_date(st, col + 7);
	out->cease_date = ehc__column_date(st, col + 8);
}

int
ehc__case_age(struct ehc_db *db, int64_t id, int32_t *dob, int *year_offset)
{
	sqlite3_stmt *st;
	int rc;

	*dob = EHC_NO_DATE;
	*year_offset = 0;
	if ((rc = ehc__db_cached(db, &st, "SELECT p.dob, c.year_offset FROM "
	    "cases c JOIN person p ON p.id = c.person_id WHERE c.id = ?1"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*dob = ehc__column_date(st, 0);
		*year_offset = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return EHC_OK;
}

int
ehc__case_state(struct ehc_db *db, int64_t id, struct case_state *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT " CASE_STATE_COLUMNS
	    " FROM cases WHERE id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? ehc__db_fail(db, EHC_ENOTFOUND,
		    "no such case") : ehc__db_error(db, rc, "reading a case");
		sqlite3_reset(st);
		return rc;
	}
	out->id = id;
	ehc__case_state_read(st, 0, out);
	sqlite3_reset(st);
	return EHC_OK;
}
