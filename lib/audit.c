/*
 * audit.c: the audit log.  Every write appends who acted, when, on which
 * case and what changed.
 */
#include "internal.h"

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

/* Schema version 3: the audit chain (filled by the audit work). */
const char *const ehc__schema_v3_audit[] = {
	"SELECT 1",
	NULL
};
