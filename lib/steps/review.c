/*
 * review.c: the life of a plan after it is issued: annual reviews
 * (s44, reg 20), amendments (reg 22) and phase transfers (reg 18).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

struct review_state {
	int64_t		 id;		/* 0: no review yet */
	int32_t		 meeting, report, decided;
	char		 outcome;
};

struct amend_state {
	int64_t		 id;		/* 0: none open */
	int32_t		 proposed;
};

static int
plan_case(struct ehc_db *db, int64_t id, struct case_state *cs)
{
	int rc;

	if ((rc = ehc__case_state(db, id, cs)) != EHC_OK)
		return rc;
	if (cs->final_date == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case has no final "
		    "plan yet; reviews and amendments follow 'ehc draft CASE "
		    "final'");
	if (cs->cease_date != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the plan has ceased; "
		    "nothing more can be recorded on it");
	return EHC_OK;
}

static int
last_review(struct ehc_db *db, int64_t id, struct review_state *rs)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	memset(rs, 0, sizeof(*rs));
	if ((rc = ehc__db_cached(db, &st, "SELECT id, meeting, report, "
	    "decided, outcome FROM review WHERE case_id = ?1 "
	    "ORDER BY meeting DESC, id DESC LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		rs->id = sqlite3_column_int64(st, 0);
		rs->meeting = ehc__column_date(st, 1);
		rs->report = ehc__column_date(st, 2);
		rs->decided = ehc__column_date(st, 3);
		s = (const char *)sqlite3_column_text(st, 4);
		rs->outcome = s ? s[0] : 0;
	}
	sqlite3_reset(st);
	return EHC_OK;
}

static int
open_amendment(struct ehc_db *db, int64_t id, struct amend_state *as)
{
	sqlite3_stmt *st;
	int rc;

	memset(as, 0, sizeof(*as));
	if ((rc = ehc__db_cached(db, &st, "SELECT id, proposed FROM "
	    "amendment WHERE case_id = ?1 AND final IS NULL AND "
	    "not_amended IS NULL ORDER BY id DESC LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		as->id = sqlite3_column_int64(st, 0);
		as->proposed = ehc__column_date(st, 1);
	}
	sqlite3_reset(st);
	return EHC_OK;
}

int
ehc_review_meeting(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	struct review_state rs;
	int rc;

	if ((rc = plan_case(db, id, &cs)) != EHC_OK ||
	    (rc = last_review(db, id, &rs)) != EHC_OK)
		return rc;
	if (rs.id != 0 && rs.decided == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the review whose meeting "
		    "was held on a earlier date has no decision yet; record "
		    "'ehc review CASE decide' first");
	if ((rc = ehc__check_event_date(db, "the review meeting", date,
	    rs.id != 0 ? rs.decided : cs.final_date, rs.id != 0 ?
	    "the last review decision" : "the plan's issue")) != EHC_OK)
		return rc;
	/* Reg 21 governs reviews of those not at a school or institution. */
	if ((rc = ehc__exec(db, "INSERT INTO review(case_id, meeting, not_in_school) "
	    "SELECT ?1, ?2, not_in_school FROM cases WHERE id = ?1", id, date, EHC_NO_DATE,
	    NULL, NULL)) != EHC_OK ||
	    (rc = ehc__booking_held(db, id, "review", date)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "review meeting", date, NULL);
}

int
ehc_review_report(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	struct review_state rs;
	int rc;

	if ((rc = plan_case(db, id, &cs)) != EHC_OK ||
	    (rc = last_review(db, id, &rs)) != EHC_OK)
		return rc;
	if (rs.id == 0 || rs.report != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "there is no review meeting "
		    "awaiting its report; record 'ehc review CASE meeting' "
		    "first");
	if ((rc = ehc__check_event_date(db, "the review report", date,
	    rs.meeting, "the meeting")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE review SET report = ?2 WHERE id = ?1",
	    rs.id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "review report", date, NULL);
}

int
ehc_review_decide(struct ehc_db *db, int64_t id, const char *outcome,
    int32_t date)
{
	struct case_state cs;
	struct review_state rs;
	const char *code;
	char extra[32];
	int rc;

	if (strcmp(outcome, "maintain") == 0)
		code = "M";
	else if (strcmp(outcome, "amend") == 0)
		code = "A";
	else if (strcmp(outcome, "cease") == 0)
		code = "C";
	else
		return ehc__db_fail(db, EHC_EINVAL, "unknown review decision "
		    "'%.20s'; use maintain, amend or cease", outcome);
	if ((rc = plan_case(db, id, &cs)) != EHC_OK ||
	    (rc = last_review(db, id, &rs)) != EHC_OK)
		return rc;
	if (rs.id == 0 || rs.decided != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "there is no review meeting "
		    "awaiting a decision; record 'ehc review CASE meeting' "
		    "first");
	if ((rc = ehc__check_event_date(db, "the review decision", date,
	    rs.meeting, "the meeting")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE review SET decided = ?2, outcome = ?4 "
	    "WHERE id = ?1", rs.id, date, EHC_NO_DATE, code, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "outcome=%s", outcome);
	return ehc__step_done(db, id, "review decide", date, extra);
}

/*
 * Whether a transfer of kind on day fits the child's year group: into
 * school up to year 11, from year 11 to a post-16 institution, and
 * between post-16 institutions only for a young person.
 */
static int
check_kind(struct ehc_db *db, int64_t id, int32_t transfer, const char *kind)
{
	char td[EHC_DATE_LEN], group[16];
	int32_t dob;
	int rc, offset, year, age;

	if ((rc = ehc__case_age(db, id, &dob, &offset)) != EHC_OK ||
	    dob == EHC_NO_DATE)
		return rc;
	/* The year group of the school year the transfer falls in. */
	year = ehc__school_year(dob, transfer) + offset;
	age = ehc_date_age(dob, transfer);
	ehc_date_format(td, sizeof(td), transfer);
	if (strcmp(kind, "school") == 0 && year >= 0 && year <= 11)
		return EHC_OK;
	if (strcmp(kind, "post-16") == 0 && year == 12)
		return EHC_OK;
	if (strcmp(kind, "post-16-move") == 0 && year >= 12)
		return EHC_OK;
	if (year < 0)
		snprintf(group, sizeof(group), "early years");
	else if (year == 0)
		snprintf(group, sizeof(group), "reception");
	else
		snprintf(group, sizeof(group), "year %d", year);
	return ehc__db_fail(db, EHC_EINVAL, "a %s transfer does not fit the "
	    "child's year group: on %s they are %d, in %s (school: up to year "
	    "11; post-16: into year 12; post-16-move: from year 12); for a "
	    "child educated out of year group, record 'ehc case year-group' "
	    "first", kind, td, age, group);
}

int
ehc_phase_transfer(struct ehc_db *db, int64_t id, int32_t transfer,
    const char *kind)
{
	struct case_state cs;
	char extra[48];
	int rc;

	if (strcmp(kind, "school") != 0 && strcmp(kind, "post-16") != 0 &&
	    strcmp(kind, "post-16-move") != 0)
		return ehc__db_fail(db, EHC_EINVAL, "unknown transfer kind "
		    "'%.20s'; use school, post-16 or post-16-move", kind);
	if ((rc = plan_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (transfer <= cs.final_date)
		return ehc__db_fail(db, EHC_EINVAL, "the transfer is dated "
		    "before the plan was issued; give the date the child "
		    "moves to the next phase");
	if ((rc = check_kind(db, id, transfer, kind)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT INTO phase_transfer(case_id, transfer, "
	    "kind) VALUES (?1, ?2, ?4)", id, transfer, EHC_NO_DATE, kind, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "kind=%s", kind);
	return ehc__step_done(db, id, "review phase-transfer", transfer, extra);
}

int
ehc_amend_propose(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	struct review_state rs;
	struct amend_state as;
	sqlite3_stmt *st;
	int64_t review_id = 0;
	int rc;

	if ((rc = plan_case(db, id, &cs)) != EHC_OK ||
	    (rc = last_review(db, id, &rs)) != EHC_OK ||
	    (rc = open_amendment(db, id, &as)) != EHC_OK)
		return rc;
	if (as.id != 0)
		return ehc__db_fail(db, EHC_ESTATE, "an amendment is already "
		    "under way; finish it with 'ehc amend CASE final' or "
		    "'ehc amend CASE cancel'");
	/* Amendments that follow a review's decision to amend belong to it. */
	if (rs.id != 0 && rs.outcome == 'A') {
		if ((rc = ehc__db_cached(db, &st, "SELECT count(*) FROM "
		    "amendment WHERE review_id = ?1")) != EHC_OK)
			return rc;
		sqlite3_bind_int64(st, 1, rs.id);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 0)
			review_id = rs.id;
		sqlite3_reset(st);
	}
	if ((rc = ehc__check_event_date(db, "the amendment notice", date,
	    review_id ? rs.meeting : cs.final_date, review_id ?
	    "the review meeting" : "the plan's issue")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO amendment(case_id, "
	    "review_id, proposed) VALUES (?1, ?2, ?3)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (review_id)
		sqlite3_bind_int64(st, 2, review_id);
	ehc__bind_date(st, 3, date);
	rc = ehc__db_step_done(db, st, "recording an amendment");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, "amend propose", date, NULL))
	    != EHC_OK)
		return rc;
	return ehc_plan_version_create(NULL, db, id, EHC_PLAN_PROPOSED, date);
}

static int
close_amendment(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason, int cancel)
{
	struct case_state cs;
	struct amend_state as;
	int rc, forced;

	if ((rc = plan_case(db, id, &cs)) != EHC_OK ||
	    (rc = open_amendment(db, id, &as)) != EHC_OK)
		return rc;
	if (as.id == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no amendment is under way; "
		    "propose one with 'ehc amend CASE propose' first");
	if ((rc = ehc__check_event_date(db, cancel ? "the decision not to "
	    "amend" : "the amended plan", date, as.proposed,
	    "the amendment notice")) != EHC_OK)
		return rc;
	if (!cancel && (rc = ehc__step_window(&forced, db,
	    "amend-representations", as.proposed, date, force_reason,
	    "proposed amendments")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, cancel ? "UPDATE amendment SET not_amended = ?2 "
	    "WHERE id = ?1" : "UPDATE amendment SET final = ?2 WHERE id = ?1",
	    as.id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, cancel ? "amend cancel" :
	    "amend final", date, NULL)) != EHC_OK || cancel)
		return rc;
	return ehc_plan_version_create(NULL, db, id, EHC_PLAN_AMENDED, date);
}

int
ehc_amend_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason)
{
	return close_amendment(db, id, date, force_reason, 0);
}

int
ehc_amend_cancel(struct ehc_db *db, int64_t id, int32_t date)
{
	return close_amendment(db, id, date, NULL, 1);
}
