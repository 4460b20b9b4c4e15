/*
 * outcome.c: progress against the outcomes of section E, recorded at
 * each annual review, so that the service can show what its plans
 * achieve (ehc review CASE progress; ehc report outcomes).
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const progresses[] = { "achieved", "partly", "not",
    NULL };

int
ehc_outcome_progress(struct ehc_db *db, int64_t id, const char *outcome,
    const char *progress, int32_t date, const char *note)
{
	struct case_state cs;
	sqlite3_stmt *st;
	char ref[16], detail[128];
	int32_t meeting = EHC_NO_DATE;
	int rc, known = 0, i, section, seq;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if (ehc__plan_parse_ref(outcome, &section, &seq) == -1 ||
	    section != ehc_plan_section_parse("E"))
		return ehc__db_fail(db, EHC_EINVAL, "'%.20s' is not an outcome; "
		    "name one of section E, such as E1 (see 'ehc draft CASE "
		    "show')", outcome);
	/* As the plan shows it, and as it is kept. */
	snprintf(ref, sizeof(ref), "E%d", seq);
	for (i = 0; progresses[i] != NULL; i++)
		known |= progress != NULL && strcmp(progress, progresses[i]) == 0;
	if (!known)
		return ehc__db_fail(db, EHC_EINVAL, "progress must be achieved, "
		    "partly or not");
	if ((rc = ehc__check_text(db, "the note", note, 2000, 0)) != EHC_OK)
		return rc;
	if (cs.final_date == EHC_NO_DATE || cs.cease_date != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case has no plan in "
		    "force; progress is recorded at the plan's reviews");
	if ((rc = ehc__db_cached(db, &st, "SELECT EXISTS (SELECT 1 FROM "
	    "plan_item WHERE case_id = ?1 AND section = 'E' AND seq = ?2 AND "
	    "removed = 0), (SELECT max(meeting) FROM review WHERE case_id = ?1 "
	    "AND meeting <= ?3)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, seq);
	ehc__bind_date(st, 3, date);
	known = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		known = sqlite3_column_int(st, 0);
		meeting = ehc__column_date(st, 1);
	}
	sqlite3_reset(st);
	if (!known)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the plan has no outcome "
		    "%s; see 'ehc draft CASE show'", ref);
	if (meeting == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no review meeting on or "
		    "before that date; record 'ehc review CASE meeting' first");
	if ((rc = ehc__check_event_date(db, "the progress", date, meeting,
	    "the review meeting")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO outcome_progress("
	    "case_id, outcome, date, progress, note) VALUES (?1, ?2, ?3, ?4, "
	    "?5)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	ehc__bind_date(st, 3, date);
	sqlite3_bind_text(st, 4, progress, -1, SQLITE_STATIC);
	ehc__bind_text(st, 5, note);
	rc = ehc__db_step_done(db, st, "recording progress");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "outcome=%s progress=%s", ref,
	    progress);
	return ehc__step_done(db, id, "outcome progress", date, detail);
}
