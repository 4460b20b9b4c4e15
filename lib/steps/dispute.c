/*
 * dispute.c: ceasing plans, mediation, appeals, Tribunal orders and
 * transfers between authorities.  The dates themselves come from the
 * rules added here and are computed by clock.c.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static int
live_plan(struct ehc_db *db, int64_t id, struct case_state *cs)
{
	int rc;

	if ((rc = ehc__case_state(db, id, cs)) != EHC_OK)
		return rc;
	if (cs->final_date == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case has no plan; "
		    "this step applies once the final plan is issued");
	if (cs->cease_date != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the plan has ceased; "
		    "nothing more can be recorded on it");
	return EHC_OK;
}

/* Read one date column of the case's latest row of a table. */
static int
latest(struct ehc_db *db, const char *sql, int64_t id, int64_t *row,
    int32_t *d1, int32_t *d2, int32_t *d3)
{
	sqlite3_stmt *st;
	int rc;

	*row = 0;
	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		*d1 = ehc__column_date(st, 1);
		*d2 = ehc__column_date(st, 2);
		*d3 = ehc__column_date(st, 3);
	}
	sqlite3_reset(st);
	return EHC_OK;
}

#define CESSATION_SQL "SELECT id, proposed, decided, appeal_lodged, " \
	"appeal_ended FROM cessation WHERE case_id = ?1 ORDER BY id DESC " \
	"LIMIT 1"

int
ehc_cease_propose(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	int rc;

	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the proposal to cease", date,
	    cs.final_date, "the plan's issue")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT INTO cessation(case_id, proposed) "
	    "VALUES (?1, ?2)", id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "cease propose", date, NULL);
}

int
ehc_cease_decide(struct ehc_db *db, int64_t id, int32_t date,
    const char *reason)
{
	struct case_state cs;
	int64_t row;
	int32_t proposed = EHC_NO_DATE, decided = EHC_NO_DATE, x;
	char extra[32];
	int rc;

	if (reason == NULL || strlen(reason) != 1 || reason[0] < '1' ||
	    reason[0] > '9')
		return ehc__db_fail(db, EHC_EINVAL, "the reason is a SEN2 "
		    "CeaseReason code from 1 to 9 (see ehc-cease(1))");
	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = latest(db, "SELECT id, proposed, decided, NULL FROM "
	    "cessation WHERE case_id = ?1 ORDER BY id DESC LIMIT 1", id, &row,
	    &proposed, &decided, &x)) != EHC_OK)
		return rc;
	if (row != 0 && decided != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the decision to cease has "
		    "already been sent; record the appeal or the end");
	if ((rc = ehc__check_event_date(db, "the decision to cease", date,
	    row ? proposed : cs.final_date, row ? "the proposal" :
	    "the plan's issue")) != EHC_OK)
		return rc;
	if (row != 0)
		rc = ehc__exec(db, "UPDATE cessation SET decided = ?2, "
		    "reason = ?4 WHERE id = ?1", row, date, EHC_NO_DATE, reason,
		    NULL);
	else
		rc = ehc__exec(db, "INSERT INTO cessation(case_id, decided, "
		    "reason) VALUES (?1, ?2, ?4)", id, date, EHC_NO_DATE,
		    reason, NULL);
	if (rc != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "reason=%s", reason);
	return ehc__step_done(db, id, "cease decide", date, extra);
}

static int
decided_cessation(struct ehc_db *db, int64_t id, int64_t *row,
    int32_t *decided, int32_t *lodged, int32_t *ended)
{
	int32_t proposed;
	sqlite3_stmt *st;
	int rc;

	*row = 0;
	if ((rc = ehc__db_cached(db, &st, CESSATION_SQL)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		proposed = ehc__column_date(st, 1);
		(void)proposed;
		*decided = ehc__column_date(st, 2);
		*lodged = ehc__column_date(st, 3);
		*ended = ehc__column_date(st, 4);
	}
	sqlite3_reset(st);
	if (*row == 0 || *decided == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no decision to cease has "
		    "been sent; record 'ehc cease CASE decide' first");
	return EHC_OK;
}

int
ehc_cease_appeal(struct ehc_db *db, int64_t id, int32_t date, int ended)
{
	struct case_state cs;
	int64_t row;
	int32_t decided, lodged, end;
	int rc;

	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = decided_cessation(db, id, &row, &decided, &lodged, &end))
	    != EHC_OK)
		return rc;
	if (!ended && lodged != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "an appeal is already "
		    "recorded");
	if (ended && (lodged == EHC_NO_DATE || end != EHC_NO_DATE))
		return ehc__db_fail(db, EHC_ESTATE, "there is no appeal "
		    "awaiting its decision");
	if ((rc = ehc__check_event_date(db, ended ? "the appeal decision" :
	    "the appeal", date, ended ? lodged : decided, ended ?
	    "the appeal" : "the decision to cease")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, ended ? "UPDATE cessation SET appeal_ended "
	    "= ?2 WHERE id = ?1" : "UPDATE cessation SET appeal_lodged = ?2 "
	    "WHERE id = ?1", row, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, ended ? "cease appeal-decided" : "cease appeal",
	    date, NULL);
}

int
ehc_cease_end(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int64_t row;
	int32_t decided, lodged, ended, window = EHC_NO_DATE;
	char w[EHC_DATE_LEN], reason[8] = "";
	int rc, forced = force_reason != NULL && *force_reason != '\0';

	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = decided_cessation(db, id, &row, &decided, &lodged, &ended))
	    != EHC_OK)
		return rc;
	if ((rc = ehc__check_event_date(db, "the end of the plan", date,
	    decided, "the decision to cease")) != EHC_OK)
		return rc;
	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT due FROM deadline WHERE "
	    "case_id = ?1 AND rule_id = 'cease-appeal' ORDER BY seq DESC "
	    "LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		window = ehc__column_date(st, 0);
	sqlite3_reset(st);
	if (!forced && lodged != EHC_NO_DATE && ended == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "an appeal against the "
		    "decision to cease is undecided; the plan is maintained "
		    "until it is (s45(4))");
	if (!forced && lodged == EHC_NO_DATE && window != EHC_NO_DATE &&
	    date <= window) {
		ehc_date_format(w, sizeof(w), window);
		return ehc__db_fail(db, EHC_ESTATE, "the family may appeal "
		    "until %s; the plan is maintained until then (s45(4)), or "
		    "use --force with --reason", w);
	}
	if (forced && (rc = ehc__check_text(db, "the reason", force_reason,
	    2000, 1)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT reason FROM cessation "
	    "WHERE id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, row);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(reason, sizeof(reason), "%s",
		    sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if ((rc = ehc__exec(db, "UPDATE cases SET cease_date = ?2, "
	    "cease_reason = ?4 WHERE id = ?1", id, date, EHC_NO_DATE, reason,
	    NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "cease end", date, forced ? "forced" : NULL);
}

static const char *const abouts[] = {
	"no-assess", "no-issue", "content", "no-amend", "cease", NULL
};

int
ehc_dispute_notice(struct ehc_db *db, int64_t id, const char *about,
    int32_t date)
{
	struct case_state cs;
	const char *const *p;
	char extra[48];
	int rc;

	for (p = abouts; *p != NULL && strcmp(*p, about) != 0; p++)
		;
	if (*p == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown decision "
		    "'%.20s'; use no-assess, no-issue, content, no-amend or "
		    "cease", about);
	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the decision notice", date,
	    cs.received != EHC_NO_DATE ? cs.received : cs.final_date,
	    "the case's start")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT INTO dispute(case_id, about, notice) "
	    "VALUES (?1, ?4, ?2)", id, date, EHC_NO_DATE, about, NULL))
	    != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "about=%s", about);
	return ehc__step_done(db, id, "dispute notice", date, extra);
}

int
ehc_dispute_step(struct ehc_db *db, int64_t id, const char *step,
    int32_t date)
{
	static const struct {
		const char	*step;
		const char	*sql;
	} steps[] = {
		{ "contact", "UPDATE dispute SET contact = ?2 WHERE id = ?1" },
		{ "mediation", "UPDATE dispute SET mediation = ?2 "
		    "WHERE id = ?1" },
		{ "mediated", "UPDATE dispute SET mediated = ?2 WHERE id = ?1" },
		{ "certificate", "UPDATE dispute SET certificate = ?2 "
		    "WHERE id = ?1" },
		{ "appeal", "UPDATE dispute SET appeal = ?2 WHERE id = ?1" },
		{ "decided", "UPDATE dispute SET decided = ?2 WHERE id = ?1" },
	};
	struct case_state cs;
	int64_t row;
	int32_t notice = EHC_NO_DATE, x, y;
	char extra[48];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(steps[i].step, step) == 0)
			break;
	if (i == sizeof(steps) / sizeof(steps[0]))
		return ehc__db_fail(db, EHC_EINVAL, "unknown dispute step "
		    "'%.20s'; use contact, mediation, mediated, certificate, "
		    "appeal or decided", step);
	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = latest(db, "SELECT id, notice, NULL, NULL FROM dispute "
	    "WHERE case_id = ?1 ORDER BY id DESC LIMIT 1", id, &row, &notice,
	    &x, &y)) != EHC_OK)
		return rc;
	if (row == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no appealable decision is "
		    "recorded; record 'ehc dispute CASE notice' first");
	if ((rc = ehc__check_event_date(db, "the step", date, notice,
	    "the decision notice")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, steps[i].sql, row, date, EHC_NO_DATE, NULL,
	    NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "step=%s", step);
	return ehc__step_done(db, id, "dispute step", date, extra);
}

static const char *const order_kinds[] = {
	"assess", "make-plan", "amend", "name-school", "continue", NULL
};

int
ehc_tribunal_order(struct ehc_db *db, int64_t id, const char *kind,
    int32_t made)
{
	struct case_state cs;
	const char *const *p;
	char extra[48];
	int rc;

	for (p = order_kinds; *p != NULL && strcmp(*p, kind) != 0; p++)
		;
	if (*p == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown order '%.20s'; use "
		    "assess, make-plan, amend, name-school or continue", kind);
	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the order", made, cs.received !=
	    EHC_NO_DATE ? cs.received : cs.final_date, "the case's start"))
	    != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "INSERT INTO tribunal_order(case_id, kind, "
	    "made) VALUES (?1, ?4, ?2)", id, made, EHC_NO_DATE, kind, NULL))
	    != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "order=%s", kind);
	return ehc__step_done(db, id, "tribunal order", made, extra);
}

int
ehc_tribunal_comply(struct ehc_db *db, int64_t id, const char *step,
    int32_t date)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int64_t order = 0;
	int32_t made = EHC_NO_DATE;
	char extra[48];
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	/* The latest order that has this step among its rules. */
	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT d.subject_order, o.made "
	    "FROM (SELECT CAST(substr(subject, 1, instr(subject, ':') - 1) AS "
	    "INTEGER) AS subject_order, substr(subject, instr(subject, ':') + "
	    "1) AS step FROM deadline WHERE case_id = ?1 AND rule = "
	    "'tribunal-order') d JOIN tribunal_order o ON o.id = "
	    "d.subject_order WHERE d.step = ?2 ORDER BY o.id DESC LIMIT 1"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		order = sqlite3_column_int64(st, 0);
		made = ehc__column_date(st, 1);
	}
	sqlite3_reset(st);
	if (order == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no Tribunal order on this "
		    "case has a step '%.30s'; see 'ehc case show'", step);
	if ((rc = ehc__check_event_date(db, "compliance", date, made,
	    "the order")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT OR REPLACE INTO "
	    "order_step(order_id, step, done) VALUES (?1, ?2, ?3)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, order);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	ehc__bind_date(st, 3, date);
	rc = ehc__db_step_done(db, st, "recording compliance");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "step=%s", step);
	return ehc__step_done(db, id, "tribunal comply", date, extra);
}

static int
check_la(struct ehc_db *db, const char *la)
{
	if (la == NULL || strlen(la) != 3 || la[0] < '0' || la[0] > '9' ||
	    la[1] < '0' || la[1] > '9' || la[2] < '0' || la[2] > '9')
		return ehc__db_fail(db, EHC_EINVAL, "an authority is its "
		    "3-digit DfE LA number, e.g. 929");
	return EHC_OK;
}

int
ehc_transfer_out(struct ehc_db *db, int64_t id, const char *to_la,
    int32_t move, int32_t aware)
{
	struct case_state cs;
	char extra[32];
	int rc;

	if ((rc = check_la(db, to_la)) != EHC_OK ||
	    (rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	/* Before a plan, the move closes the request (SEN2 Exported). */
	if (cs.final_date == EHC_NO_DATE)
		return ehc__request_moved(db, id, to_la, move, aware);
	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the day the authority learned "
	    "of the move", aware, cs.final_date, "the plan's issue"))
	    != EHC_OK)
		return rc;
	if (move < aware)
		return ehc__db_fail(db, EHC_EINVAL, "the move is dated before "
		    "the authority learned of it; check the dates");
	if ((rc = ehc__exec(db, "INSERT INTO la_transfer(case_id, direction, "
	    "other_la, move, aware) VALUES (?1, 'out', ?4, ?2, ?3)", id, move,
	    aware, to_la, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "to=%s", to_la);
	return ehc__step_done(db, id, "transfer out", aware, extra);
}

int
ehc_transfer_sent(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	int64_t row;
	int32_t move = EHC_NO_DATE, aware = EHC_NO_DATE, x;
	int rc;

	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = latest(db, "SELECT id, move, aware, NULL FROM la_transfer "
	    "WHERE case_id = ?1 AND direction = 'out' AND transferred IS NULL "
	    "ORDER BY id DESC LIMIT 1", id, &row, &move, &aware, &x))
	    != EHC_OK)
		return rc;
	if (row == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no move is recorded; "
		    "record 'ehc transfer CASE out' first");
	if ((rc = ehc__check_event_date(db, "the transfer", date, aware,
	    "the day the authority learned of the move")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE la_transfer SET transferred = ?2 "
	    "WHERE id = ?1", row, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK ||
	    (rc = ehc__exec(db, "UPDATE cases SET cease_date = ?2, "
	    "cease_reason = '5' WHERE id = ?1", id, date, EHC_NO_DATE, NULL,
	    NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "transfer sent", date, NULL);
}

int
ehc_transfer_in(char *ref_out, size_t ref_len, struct ehc_db *db,
    const struct ehc_transfer_in *in)
{
	struct ehc_request_in req = EHC_REQUEST_IN_INIT;
	int64_t person, id;
	char ref[EHC_REF_LEN], extra[32];
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK ||
	    (rc = ehc__check_version(db, "struct ehc_transfer_in",
	    in == NULL ? NULL : &in->version, EHC_TRANSFER_IN_VERSION))
	    != EHC_OK)
		return rc;
	if ((rc = ehc__check_text(db, "the forename", in->forename, 100, 1))
	    != EHC_OK ||
	    (rc = ehc__check_text(db, "the surname", in->surname, 100, 1))
	    != EHC_OK ||
	    (rc = ehc__check_text(db, "the officer", in->officer, 100, 0))
	    != EHC_OK || (rc = check_la(db, in->from_la)) != EHC_OK)
		return rc;
	if (in->upn != NULL && !ehc_upn_valid(in->upn))
		return ehc__db_fail(db, EHC_EINVAL, "'%.13s' is not a valid "
		    "UPN (13 characters whose first letter checks the rest)",
		    in->upn);
	if (in->sex != NULL && strcmp(in->sex, "M") != 0 &&
	    strcmp(in->sex, "F") != 0)
		return ehc__db_fail(db, EHC_EINVAL, "sex must be M or F");
	if ((rc = ehc__check_event_date(db, "the plan's issue", in->issued,
	    in->dob, "the date of birth")) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the transfer", in->transferred,
	    in->issued, "the plan's issue")) != EHC_OK)
		return rc;
	if (in->reviewed != EHC_NO_DATE && (in->reviewed < in->issued ||
	    in->reviewed > in->transferred))
		return ehc__db_fail(db, EHC_EINVAL, "the last review is dated "
		    "outside the plan's issue and its transfer");
	req.forename = in->forename;
	req.surname = in->surname;
	req.dob = in->dob;
	req.received = EHC_NO_DATE;
	req.sex = in->sex;
	req.upn = in->upn;
	req.officer = in->officer;
	if ((rc = ehc__person_add(db, &req, &person)) != EHC_OK ||
	    (rc = ehc__case_insert(db, person, &req, &id, ref)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET assess = 'H', issue = 'H', "
	    "final_date = ?2, transfer_la = ?4 WHERE id = ?1", id, in->issued,
	    EHC_NO_DATE, in->from_la, NULL)) != EHC_OK ||
	    (rc = ehc__exec(db, "INSERT INTO la_transfer(case_id, direction, "
	    "other_la, transferred, reviewed) VALUES (?1, 'in', ?4, ?2, ?3)",
	    id, in->transferred, in->reviewed, in->from_la, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "from=%s", in->from_la);
	if ((rc = ehc__step_done(db, id, "transfer in", in->transferred, extra))
	    != EHC_OK)
		return rc;
	snprintf(ref_out, ref_len, "%s", ref);
	return EHC_OK;
}

int
ehc_transfer_notified(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	int64_t row;
	int32_t transferred = EHC_NO_DATE, x, y;
	int rc;

	if ((rc = live_plan(db, id, &cs)) != EHC_OK ||
	    (rc = latest(db, "SELECT id, transferred, NULL, NULL FROM "
	    "la_transfer WHERE case_id = ?1 AND direction = 'in' ORDER BY id "
	    "DESC LIMIT 1", id, &row, &transferred, &x, &y)) != EHC_OK)
		return rc;
	if (row == 0)
		return ehc__db_fail(db, EHC_ESTATE, "the plan was not "
		    "transferred in");
	if ((rc = ehc__check_event_date(db, "the notice", date, transferred,
	    "the transfer")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE la_transfer SET notified = ?2 WHERE "
	    "id = ?1", row, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "transfer notified", date, NULL);
}
