/*
 * dispute.c: ceasing plans, mediation, appeals, Tribunal orders and
 * transfers between authorities.  The dates themselves come from the
 * rules added here and are computed by clock.c.
 */
#include "internal.h"

#include <stddef.h>
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
	/* The window, extended by a later mediation certificate. */
	if ((rc = ehc__db_cached(db, &st, "SELECT due FROM deadline WHERE "
	    "case_id = ?1 AND rule_id IN ('cease-appeal', "
	    "'cease-appeal-certificate') ORDER BY seq DESC LIMIT 1")) != EHC_OK)
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

/* The case's latest dispute, with its appeal wherever it is kept. */
struct dispute_row {
	int64_t		 id;
	int64_t		 cease;		/* the cessation it belongs to, or 0 */
	char		 about[16];
	int32_t		 notice, contact, mediation, mediated, certificate;
	int32_t		 appeal, decided, declined, agreement, agreement_done;
	int32_t		 health_told, received, response;
	int		 health_only;
};

static int
latest_dispute(struct ehc_db *db, int64_t id, struct dispute_row *d)
{
	sqlite3_stmt *st;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = ehc__db_cached(db, &st, "SELECT d.id, coalesce(x.id, 0), "
	    "d.about, d.notice, d.contact, d.mediation, d.mediated, "
	    "d.certificate, coalesce(x.appeal_lodged, d.appeal), "
	    "coalesce(x.appeal_ended, d.decided), d.declined, d.agreement, "
	    "d.agreement_done, d.health_told, d.received, d.response, "
	    "d.health_only FROM dispute d LEFT JOIN cessation x ON x.id = "
	    EHC__CEASE_OF("d") " WHERE d.case_id = ?1 ORDER BY d.id DESC "
	    "LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->id = sqlite3_column_int64(st, 0);
		d->cease = sqlite3_column_int64(st, 1);
		snprintf(d->about, sizeof(d->about), "%s",
		    sqlite3_column_text(st, 2));
		d->notice = ehc__column_date(st, 3);
		d->contact = ehc__column_date(st, 4);
		d->mediation = ehc__column_date(st, 5);
		d->mediated = ehc__column_date(st, 6);
		d->certificate = ehc__column_date(st, 7);
		d->appeal = ehc__column_date(st, 8);
		d->decided = ehc__column_date(st, 9);
		d->declined = ehc__column_date(st, 10);
		d->agreement = ehc__column_date(st, 11);
		d->agreement_done = ehc__column_date(st, 12);
		d->health_told = ehc__column_date(st, 13);
		d->received = ehc__column_date(st, 14);
		d->response = ehc__column_date(st, 15);
		d->health_only = sqlite3_column_int(st, 16);
	}
	sqlite3_reset(st);
	if (d->id == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no appealable decision is "
		    "recorded; record 'ehc dispute CASE notice' first");
	return EHC_OK;
}

/*
 * The steps of a dispute: the column each records, the event it must
 * follow (its date the earliest allowed) and, when that has not
 * happened, why it is refused.  A step already recorded is recorded
 * again only where a correction makes sense (the earlier columns).
 */
enum { AFTER_NOTICE, AFTER_MEDIATION, AFTER_MEDIATED, AFTER_AGREEMENT,
    AFTER_HEALTH_AGREEMENT, AFTER_APPEAL, AFTER_RECEIVED };

static const struct {
	const char	*step;
	const char	*column;
	int		 after;
	int		 once;		/* refused when already recorded */
} dispute_steps[] = {
	{ "contact", "contact", AFTER_NOTICE, 0 },
	{ "declined", "declined", AFTER_NOTICE, 1 },
	{ "mediation", "mediation", AFTER_NOTICE, 1 },
	{ "mediated", "mediated", AFTER_MEDIATION, 1 },
	{ "certificate", "certificate", AFTER_NOTICE, 0 },
	{ "agreement", "agreement", AFTER_MEDIATED, 1 },
	{ "health-agreement", "agreement", AFTER_MEDIATED, 1 },
	{ "agreement-done", "agreement_done", AFTER_AGREEMENT, 1 },
	{ "health-told", "health_told", AFTER_HEALTH_AGREEMENT, 1 },
	{ "appeal", "appeal", AFTER_NOTICE, 1 },
	{ "received", "received", AFTER_APPEAL, 1 },
	{ "response", "response", AFTER_RECEIVED, 1 },
	{ "decided", "decided", AFTER_APPEAL, 1 },
};

#define NDISPUTE_STEPS (sizeof(dispute_steps) / sizeof(dispute_steps[0]))

/* The date a step must follow, or a refusal when it has not happened. */
static int
step_after(struct ehc_db *db, const struct dispute_row *d, int after,
    int32_t *day, const char **what)
{
	switch (after) {
	case AFTER_MEDIATION:
		*day = d->mediation;
		*what = "the request for mediation";
		break;
	case AFTER_MEDIATED:
		*day = d->mediated;
		*what = "the mediation";
		break;
	case AFTER_AGREEMENT:
		*day = d->health_only ? EHC_NO_DATE : d->agreement;
		*what = "the mediation agreement";
		break;
	case AFTER_HEALTH_AGREEMENT:
		*day = d->health_only ? d->agreement : EHC_NO_DATE;
		*what = "a mediation agreement without the authority";
		break;
	case AFTER_APPEAL:
		*day = d->appeal;
		*what = "the appeal";
		break;
	case AFTER_RECEIVED:
		*day = d->received != EHC_NO_DATE ? d->received : d->appeal;
		*what = "the appeal";
		break;
	default:
		*day = d->notice;
		*what = "the decision notice";
		break;
	}
	if (*day == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the dispute has no record "
		    "of %s yet; record that first", *what);
	return EHC_OK;
}

/* The column's value on the dispute as read, for the 'once' check. */
static int32_t
step_value(const struct dispute_row *d, const char *column)
{
	static const struct {
		const char	*column;
		size_t		 offset;
	} cols[] = {
		{ "contact", offsetof(struct dispute_row, contact) },
		{ "declined", offsetof(struct dispute_row, declined) },
		{ "mediation", offsetof(struct dispute_row, mediation) },
		{ "mediated", offsetof(struct dispute_row, mediated) },
		{ "certificate", offsetof(struct dispute_row, certificate) },
		{ "agreement", offsetof(struct dispute_row, agreement) },
		{ "agreement_done", offsetof(struct dispute_row,
		    agreement_done) },
		{ "health_told", offsetof(struct dispute_row, health_told) },
		{ "appeal", offsetof(struct dispute_row, appeal) },
		{ "received", offsetof(struct dispute_row, received) },
		{ "response", offsetof(struct dispute_row, response) },
		{ "decided", offsetof(struct dispute_row, decided) },
	};
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (strcmp(cols[i].column, column) == 0)
			return *(const int32_t *)(const void *)
			    ((const char *)d + cols[i].offset);
	return EHC_NO_DATE;
}

/* Write one column of the dispute, or of the cessation it belongs to. */
static int
write_step(struct ehc_db *db, const struct dispute_row *d, const char *step,
    int32_t date)
{
	static const struct {
		const char	*step;
		const char	*sql;
	} sql[] = {
		{ "contact", "UPDATE dispute SET contact = ?2 WHERE id = ?1" },
		{ "declined", "UPDATE dispute SET declined = ?2 "
		    "WHERE id = ?1" },
		{ "mediation", "UPDATE dispute SET mediation = ?2 "
		    "WHERE id = ?1" },
		{ "mediated", "UPDATE dispute SET mediated = ?2 WHERE id = ?1" },
		{ "certificate", "UPDATE dispute SET certificate = ?2 "
		    "WHERE id = ?1" },
		{ "agreement", "UPDATE dispute SET agreement = ?2, "
		    "health_only = 0 WHERE id = ?1" },
		{ "health-agreement", "UPDATE dispute SET agreement = ?2, "
		    "health_only = 1 WHERE id = ?1" },
		{ "agreement-done", "UPDATE dispute SET agreement_done = ?2 "
		    "WHERE id = ?1" },
		{ "health-told", "UPDATE dispute SET health_told = ?2 "
		    "WHERE id = ?1" },
		{ "appeal", "UPDATE dispute SET appeal = ?2 WHERE id = ?1" },
		{ "received", "UPDATE dispute SET received = ?2 "
		    "WHERE id = ?1" },
		{ "response", "UPDATE dispute SET response = ?2 "
		    "WHERE id = ?1" },
		{ "decided", "UPDATE dispute SET decided = ?2 WHERE id = ?1" },
	};
	size_t i;

	/* An appeal against ceasing is the cessation's: one record. */
	if (d->cease != 0 && strcmp(step, "appeal") == 0)
		return ehc__exec(db, "UPDATE cessation SET appeal_lodged = ?2 "
		    "WHERE id = ?1", d->cease, date, EHC_NO_DATE, NULL, NULL);
	if (d->cease != 0 && strcmp(step, "decided") == 0)
		return ehc__exec(db, "UPDATE cessation SET appeal_ended = ?2 "
		    "WHERE id = ?1", d->cease, date, EHC_NO_DATE, NULL, NULL);
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (strcmp(sql[i].step, step) == 0)
			return ehc__exec(db, sql[i].sql, d->id, date,
			    EHC_NO_DATE, NULL, NULL);
	return ehc__db_fail(db, EHC_ERROR, "no way to record '%s'", step);
}

/*
 * What an agreement may stand for, as an order of the Tribunal (reg
 * 42(2)): the orders that would answer an appeal of the dispute's kind.
 */
static const struct {
	const char	*about;
	const char	*kinds[2];	/* the order kinds, or one and NULL */
	const char	*what;
} agreed_orders[] = {
	{ "no-assess", { "assess", NULL }, "a refusal to assess" },
	{ "no-issue", { "make-plan", NULL }, "a refusal to issue a plan" },
	{ "content", { "amend", "name-school" }, "the plan's contents" },
	{ "no-amend", { "amend", NULL }, "a refusal to amend" },
	{ "cease", { "continue", NULL }, "a decision to cease" },
};

/*
 * The order an appealable agreement stands for, "agreed-KIND" into out;
 * EHC_EINVAL for a kind no appeal of the dispute could have ordered.
 */
static int
agreed_kind(struct ehc_db *db, const struct dispute_row *d,
    const char *kind, char *out, size_t len)
{
	const char *const *k;
	size_t i;
	int rc;

	if ((rc = ehc__check_text(db, "the order", kind, 20, 1)) != EHC_OK)
		return rc;
	for (i = 0; i < sizeof(agreed_orders) / sizeof(agreed_orders[0]); i++)
		if (strcmp(agreed_orders[i].about, d->about) == 0)
			break;
	if (i == sizeof(agreed_orders) / sizeof(agreed_orders[0]))
		return ehc__db_fail(db, EHC_ERROR, "no orders for a dispute "
		    "about '%s'", d->about);
	k = agreed_orders[i].kinds;
	if (strcmp(kind, k[0]) != 0 && (k[1] == NULL || strcmp(kind, k[1]) != 0))
		return ehc__db_fail(db, EHC_EINVAL, "an agreement about %s "
		    "can stand only for the order an appeal of it could bring, "
		    "%s%s%s, not '%.20s'", agreed_orders[i].what, k[0],
		    k[1] != NULL ? " or " : "", k[1] != NULL ? k[1] : "", kind);
	snprintf(out, len, "agreed-%s", kind);
	return EHC_OK;
}

/* Whether the dispute's agreement covers appealable matters. */
static int
agreement_appealable(struct ehc_db *db, int64_t id,
    const struct dispute_row *d, int *yes)
{
	sqlite3_stmt *st;
	int rc;

	*yes = 0;
	if ((rc = ehc__db_cached(db, &st, "SELECT 1 FROM tribunal_order "
	    "WHERE case_id = ?1 AND made = ?2 AND kind LIKE 'agreed-%'"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ehc__bind_date(st, 2, d->agreement);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*yes = 1;
	else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return ehc__db_error(db, rc, "reading the agreement");
	}
	sqlite3_reset(st);
	return EHC_OK;
}

/*
 * A step of the latest dispute; for an agreement covering appealable
 * matters, order is the kind of order it stands for.
 */
static int
dispute_step(struct ehc_db *db, int64_t id, const char *step, int32_t date,
    const char *order)
{
	struct case_state cs;
	struct dispute_row d;
	const char *what;
	int32_t after;
	char extra[48], kind[24];
	size_t i;
	int rc, appealable;

	for (i = 0; i < NDISPUTE_STEPS; i++)
		if (strcmp(dispute_steps[i].step, step) == 0)
			break;
	if (i == NDISPUTE_STEPS)
		return ehc__db_fail(db, EHC_EINVAL, "unknown dispute step "
		    "'%.20s'; use contact, declined, mediation, mediated, "
		    "certificate, agreement, health-agreement, agreement-done, "
		    "health-told, appeal, received, response or decided", step);
	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = latest_dispute(db, id, &d)) != EHC_OK ||
	    (rc = step_after(db, &d, dispute_steps[i].after, &after, &what))
	    != EHC_OK)
		return rc;
	if (dispute_steps[i].once &&
	    step_value(&d, dispute_steps[i].column) != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the %s step is already "
		    "recorded on this dispute", step);
	/* The family either asks for mediation or declines it (reg 34). */
	if ((strcmp(step, "declined") == 0 && d.mediation != EHC_NO_DATE) ||
	    (strcmp(step, "mediation") == 0 && d.declined != EHC_NO_DATE))
		return ehc__db_fail(db, EHC_ESTATE, "the family has already "
		    "%s mediation", d.declined != EHC_NO_DATE ? "declined" :
		    "asked for");
	if (strcmp(step, "response") == 0 && d.decided != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the appeal is already "
		    "decided or conceded; no response is due");
	if (order != NULL && (rc = agreed_kind(db, &d, order, kind,
	    sizeof(kind))) != EHC_OK)
		return rc;
	if (strcmp(step, "agreement-done") == 0) {
		if ((rc = agreement_appealable(db, id, &d, &appealable))
		    != EHC_OK)
			return rc;
		if (appealable)
			return ehc__db_fail(db, EHC_ESTATE, "the agreement "
			    "covers appealable matters, due as if ordered (reg "
			    "42(2)); record each step with 'ehc dispute CASE "
			    "comply STEP'");
	}
	if ((rc = ehc__check_event_date(db, "the step", date, after, what))
	    != EHC_OK)
		return rc;
	if ((rc = write_step(db, &d, step, date)) != EHC_OK)
		return rc;
	/* The agreement's duties run as an order's, from its date. */
	if (order != NULL && (rc = ehc__exec(db, "INSERT INTO "
	    "tribunal_order(case_id, kind, made) VALUES (?1, ?4, ?2)", id,
	    date, EHC_NO_DATE, kind, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "step=%s%s%s", step, order != NULL ?
	    " order=" : "", order != NULL ? order : "");
	return ehc__step_done(db, id, "dispute step", date, extra);
}

int
ehc_dispute_step(struct ehc_db *db, int64_t id, const char *step,
    int32_t date)
{
	return dispute_step(db, id, step, date, NULL);
}

int
ehc_dispute_agreement(struct ehc_db *db, int64_t id, const char *order,
    int32_t date)
{
	return dispute_step(db, id, "agreement", date, order != NULL &&
	    *order != '\0' ? order : NULL);
}

/* What the authority must do once it will not oppose an appeal. */
static const char *
unopposed_kind(const char *about)
{
	if (strcmp(about, "no-assess") == 0)
		return "unopposed-assess";
	if (strcmp(about, "no-issue") == 0)
		return "unopposed-plan";
	if (strcmp(about, "cease") == 0)
		return "unopposed-continue";
	return "unopposed-amend";	/* content, no-amend */
}

int
ehc_dispute_unopposed(struct ehc_db *db, int64_t id, int32_t date)
{
	const struct ehc__rule *ru = ehc__rule("unopposed-amend");
	struct case_state cs;
	struct dispute_row d;
	const char *kind;
	char extra[48];
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = latest_dispute(db, id, &d)) != EHC_OK)
		return rc;
	if (d.appeal == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no appeal is recorded; "
		    "record 'ehc dispute CASE appeal' first");
	if (d.decided != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the appeal is already "
		    "decided or conceded");
	if (d.response != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the authority has sent "
		    "its response; an appeal is unopposed only before it (reg "
		    "45); record the Tribunal's order instead");
	if ((rc = ehc__check_event_date(db, "the notice not to oppose", date,
	    d.received != EHC_NO_DATE ? d.received : d.appeal, "the appeal"))
	    != EHC_OK)
		return rc;
	if (ru != NULL && !ehc__rule_valid(ru, date))
		return ehc__db_fail(db, EHC_EINVAL, "%s applies from %s; "
		    "record an earlier concession as the Tribunal's order",
		    ru->regulation, ru->valid_from);
	kind = unopposed_kind(d.about);
	/* Treated as decided for the family (reg 45), with duties to run. */
	if ((rc = ehc__exec(db, "INSERT INTO tribunal_order(case_id, kind, "
	    "made) VALUES (?1, ?4, ?2)", id, date, EHC_NO_DATE, kind, NULL))
	    != EHC_OK ||
	    (rc = write_step(db, &d, "decided", date)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "order=%s", kind);
	return ehc__step_done(db, id, "dispute unopposed", date, extra);
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
	    "1) AS step FROM deadline WHERE case_id = ?1 AND rule IN "
	    "('tribunal-order', 'unopposed-appeal', 'agreement-order')) d "
	    "JOIN tribunal_order o "
	    "ON o.id = d.subject_order WHERE d.step = ?2 ORDER BY o.id DESC "
	    "LIMIT 1"))
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
