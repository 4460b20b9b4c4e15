/*
 * audit.c: the audit log.  Every write appends who acted, when, on which
 * case and what changed.
 */
#include "internal.h"

#include <stdio.h>
#include <time.h>

int
ehc__audit(struct ehc_db *db, int64_t case_id, const char *action,
    const char *detail)
{
	sqlite3_stmt *st;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO audit(at, user, "
	    "case_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, db->user ? db->user : "unknown", -1,
	    SQLITE_STATIC);
	if (case_id > 0)
		sqlite3_bind_int64(st, 3, case_id);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	ehc__bind_text(st, 5, detail);
	rc = ehc__db_step_done(db, st, "writing the audit log");
	sqlite3_reset(st);
	return rc;
}


int
ehc__step_done(struct ehc_db *db, int64_t case_id, const char *action,
    int32_t date, const char *extra)
{
	char detail[2100], d[EHC_DATE_LEN];
	int rc;

	if (date != EHC_NO_DATE) {
		ehc_date_format(date, d);
		snprintf(detail, sizeof(detail), "date=%s%s%s", d,
		    extra ? " " : "", extra ? extra : "");
	} else
		snprintf(detail, sizeof(detail), "%s", extra ? extra : "");
	if ((rc = ehc__audit(db, case_id, action, detail)) != EHC_OK)
		return rc;
	return ehc__clock_refresh(db, case_id);
}

int
ehc__exec(struct ehc_db *db, const char *sql, int64_t id, int32_t d1,
    int32_t d2, const char *t1, const char *t2)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ehc__bind_date(st, 2, d1);
	ehc__bind_date(st, 3, d2);
	ehc__bind_text(st, 4, t1);
	ehc__bind_text(st, 5, t2);
	rc = ehc__db_step_done(db, st, "updating the store");
	sqlite3_finalize(st);
	return rc;
}

/* Schema version 3: the audit chain (filled by the audit work). */
const char *const ehc__schema_v3_audit[] = {
	"SELECT 1",
	NULL
};
