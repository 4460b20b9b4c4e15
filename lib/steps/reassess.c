/*
 * reassess.c: re-assessment of a plan in force (CFA s44(2)-(3), regs
 * 24-27): the request, the decision within 15 days, the draft with its
 * 15 days for representations and the plan within 14 weeks of the
 * decision.  The dates come from the registry (rules.c) by way of the
 * clock.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The case's latest re-assessment. */
struct reassess_row {
	int64_t		 id;		/* 0: none */
	int32_t		 requested, decided, draft, final;
	char		 outcome;	/* 'Y', 'N' or 0 */
	char		 requester[16];
};

static int
latest(struct ehc_db *db, int64_t id, struct reassess_row *r)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = ehc__db_cached(db, &st, "SELECT id, requested, decided, "
	    "outcome, draft, final, requester FROM reassessment WHERE "
	    "case_id = ?1 ORDER BY id DESC LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->requested = ehc__column_date(st, 1);
		r->decided = ehc__column_date(st, 2);
		s = (const char *)sqlite3_column_text(st, 3);
		r->outcome = s ? s[0] : 0;
		r->draft = ehc__column_date(st, 4);
		r->final = ehc__column_date(st, 5);
		s = (const char *)sqlite3_column_text(st, 6);
		snprintf(r->requester, sizeof(r->requester), "%s", s ? s : "");
	}
	sqlite3_reset(st);
	return EHC_OK;
}

/* A plan in force, and its latest re-assessment. */
static int
plan_in_force(struct ehc_db *db, int64_t id, struct case_state *cs,
    struct reassess_row *r)
{
	int rc;

	if ((rc = ehc__case_state(db, id, cs)) != EHC_OK)
		return rc;
	if (cs->final_date == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case has no plan; a "
		    "re-assessment is of a plan in force");
	if (cs->cease_date != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the plan has ceased; "
		    "nothing more can be recorded on it");
	return latest(db, id, r);
}

/* Whether the re-assessment is still under way. */
static int
open_reassessment(const struct reassess_row *r)
{
	return r->id != 0 && (r->decided == EHC_NO_DATE ||
	    (r->outcome == 'Y' && r->final == EHC_NO_DATE));
}

int
ehc_reassess_request(struct ehc_db *db, int64_t id, int32_t date,
    const char *requester)
{
	static const char *const requesters[] = {
		"parent", "young-person", "school", "health", NULL
	};
	const char *const *p;
	struct case_state cs;
	struct reassess_row r;
	char extra[48];
	int rc;

	for (p = requesters; *p != NULL && (requester == NULL ||
	    strcmp(*p, requester) != 0); p++)
		;
	if (*p == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown requester "
		    "'%.20s'; use parent, young-person, school or health",
		    requester ? requester : "");
	if ((rc = plan_in_force(db, id, &cs, &r)) != EHC_OK)
		return rc;
	if (open_reassessment(&r))
		return ehc__db_fail(db, EHC_ESTATE, "a re-assessment is "
		    "already under way; record its decision or its plan first");
	if ((rc = ehc__check_event_date(db, "the request", date, r.id != 0 &&
	    r.final != EHC_NO_DATE ? r.final : cs.final_date, r.id != 0 &&
	    r.final != EHC_NO_DATE ? "the last re-assessment's plan" :
	    "the plan's issue")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT INTO reassessment(case_id, requested, "
	    "requester) VALUES (?1, ?2, ?4)", id, date, EHC_NO_DATE, requester,
	    NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "requester=%s", requester);
	return ehc__step_done(db, id, "reassess request", date, extra);
}

int
ehc_reassess_decide(struct ehc_db *db, int64_t id, int assess, int32_t date)
{
	struct case_state cs;
	struct reassess_row r;
	int pending, rc;

	if ((rc = plan_in_force(db, id, &cs, &r)) != EHC_OK)
		return rc;
	pending = r.id != 0 && r.decided == EHC_NO_DATE;
	if (!pending && open_reassessment(&r))
		return ehc__db_fail(db, EHC_ESTATE, "a re-assessment is "
		    "already under way; record its plan first");
	if (!pending && !assess)
		return ehc__db_fail(db, EHC_ESTATE, "there is no request to "
		    "refuse; record 'ehc reassess CASE request' first");
	/* The health body's request binds the authority (s44(2)). */
	if (pending && !assess && strcmp(r.requester, "health") == 0)
		return ehc__db_fail(db, EHC_ESTATE, "the authority must "
		    "re-assess when the health commissioning body asks "
		    "(Children and Families Act 2014 s44(2)); decide assess");
	if ((rc = ehc__check_event_date(db, "the decision", date, pending ?
	    r.requested : r.id != 0 && r.final != EHC_NO_DATE ? r.final :
	    cs.final_date, pending ? "the request" : "the plan's issue"))
	    != EHC_OK)
		return rc;
	/* Without a request: the authority's own decision (s44(3)). */
	if (pending)
		rc = ehc__exec(db, "UPDATE reassessment SET decided = ?2, "
		    "outcome = ?4 WHERE id = ?1", r.id, date, EHC_NO_DATE,
		    assess ? "Y" : "N", NULL);
	else
		rc = ehc__exec(db, "INSERT INTO reassessment(case_id, decided, "
		    "outcome) VALUES (?1, ?2, 'Y')", id, date, EHC_NO_DATE,
		    NULL, NULL);
	if (rc != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "reassess decide", date, assess ?
	    "outcome=assess" : "outcome=no-assess");
}

/* The re-assessment whose plan is awaited. */
static int
assessing(struct ehc_db *db, int64_t id, struct case_state *cs,
    struct reassess_row *r)
{
	int rc;

	if ((rc = plan_in_force(db, id, cs, r)) != EHC_OK)
		return rc;
	if (r->id == 0 || r->outcome != 'Y' || r->final != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no re-assessment is under "
		    "way; record 'ehc reassess CASE decide assess' first");
	return EHC_OK;
}

int
ehc_reassess_draft(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	struct reassess_row r;
	int rc;

	if ((rc = assessing(db, id, &cs, &r)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the draft", date, r.decided,
	    "the decision to re-assess")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE reassessment SET draft = ?2 WHERE "
	    "id = ?1", r.id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, r.draft != EHC_NO_DATE ?
	    "reassess redraft" : "reassess draft", date, NULL);
}

int
ehc_reassess_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason)
{
	struct case_state cs;
	struct reassess_row r;
	int rc, forced;

	if ((rc = assessing(db, id, &cs, &r)) != EHC_OK)
		return rc;
	/* Reg 27(2) applies reg 13(1): the draft and its 15 days first. */
	if (r.draft == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no draft has been served; "
		    "the family has 15 days on it first (reg 27(2)); record "
		    "'ehc reassess CASE draft' first");
	if ((rc = ehc__check_event_date(db, "the plan", date, r.draft,
	    "the draft")) != EHC_OK ||
	    (rc = ehc__step_window(&forced, db, "reassess-representations",
	    r.draft, date, force_reason, "draft plan")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE reassessment SET final = ?2, "
	    "final_forced = ?4 WHERE id = ?1", r.id, date, EHC_NO_DATE,
	    forced ? force_reason : NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "reassess final", date, forced ?
	    "forced" : NULL);
}
