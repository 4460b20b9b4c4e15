/*
 * clock.c: the statutory clock.  derive_range() derives every deadline
 * of a range of cases (often one) from their events and the rule
 * registry (rules.c) and stores them, or only explains them; the
 * readers add what depends on today (status, days left) and on the
 * calendar (the weekend and bank-holiday warning).
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPLAIN_LEN 1024

/*
 * The tables a case's deadlines come from, each read by a cursor over a
 * range of cases in case order: deriving a whole import or caseload
 * reads each table once instead of querying it again for every case.
 * Column 0 is always the case id.
 */
enum {
	C_CASE, C_TRANSFER_IN, C_EXCEPTION, C_ADVICE, C_REVIEW, C_AMENDMENT,
	C_PHASE, C_CESSATION, C_TRANSFER, C_DISPUTE, C_FUNDING, C_ORDER,
	C_REASSESS, NCURSORS
};

static const char *const cursor_sql[NCURSORS] = {
	[C_CASE] = "SELECT c.id, p.dob, c.year_offset, c.imported_as_of, "
	    CASE_STATE_COLUMNS " FROM cases c JOIN person p ON p.id = "
	    "c.person_id WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id",
	/* The first transfer in: reg 15's later review date. */
	[C_TRANSFER_IN] = "SELECT case_id, transferred, reviewed FROM "
	    "la_transfer WHERE case_id BETWEEN ?1 AND ?2 AND direction = 'in' "
	    "ORDER BY case_id, id",
	[C_EXCEPTION] = "SELECT case_id, step, coalesce(advice_id, 0), limb, "
	    "date FROM exception WHERE case_id BETWEEN ?1 AND ?2 "
	    "ORDER BY case_id, id",
	[C_ADVICE] = "SELECT case_id, id, seq, received_by, received FROM "
	    "advice WHERE case_id BETWEEN ?1 AND ?2 AND reused = 0 "
	    "ORDER BY case_id, seq",
	[C_REVIEW] = "SELECT case_id, id, meeting, report, decided, "
	    "not_in_school, outcome FROM review WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id, meeting, id",
	[C_AMENDMENT] = "SELECT case_id, coalesce(review_id, 0), proposed, "
	    "final, not_amended FROM amendment WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id, proposed, id",
	[C_PHASE] = "SELECT case_id, transfer, kind FROM phase_transfer "
	    "WHERE case_id BETWEEN ?1 AND ?2 ORDER BY case_id, transfer, id",
	[C_CESSATION] = "SELECT c.case_id, c.decided, c.appeal_lodged, "
	    "(SELECT max(d.certificate) FROM dispute d WHERE d.case_id = "
	    "c.case_id AND " EHC__CEASE_OF("d") " = c.id) FROM cessation c "
	    "WHERE c.case_id BETWEEN ?1 AND ?2 AND c.decided IS NOT NULL "
	    "ORDER BY c.case_id, c.id",
	[C_TRANSFER] = "SELECT case_id, direction = 'out', move, aware, "
	    "transferred, notified FROM la_transfer WHERE case_id BETWEEN ?1 "
	    "AND ?2 ORDER BY case_id, id",
	[C_DISPUTE] = "SELECT d.case_id, d.notice, d.contact, d.mediation, "
	    "d.mediated, d.certificate, coalesce(x.appeal_lodged, d.appeal), "
	    "coalesce(x.appeal_ended, d.decided), x.id IS NOT NULL, "
	    "d.declined, d.agreement, d.health_only, d.agreement_done, "
	    "d.health_told, d.received, d.response, EXISTS (SELECT 1 FROM "
	    "tribunal_order o WHERE o.case_id = d.case_id AND o.made = "
	    "d.agreement AND o.kind LIKE 'agreed-%') FROM dispute d LEFT JOIN "
	    "cessation x ON x.id = " EHC__CEASE_OF("d") " WHERE d.case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY d.case_id, d.id",
	[C_FUNDING] = "SELECT case_id, id, first_payment, reviewed FROM "
	    "funding WHERE case_id BETWEEN ?1 AND ?2 AND first_payment IS NOT "
	    "NULL ORDER BY case_id, id",
	[C_ORDER] = "SELECT o.case_id, o.id, o.kind, o.made, (SELECT "
	    "min(done) FROM order_step s WHERE s.order_id = o.id AND s.step "
	    "IN ('no-plan', 'final')) FROM tribunal_order o WHERE o.case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY o.case_id, o.id",
	/* With the next one's decision, where its exceptions begin. */
	[C_REASSESS] = "SELECT r.case_id, r.id, r.requested, r.decided, "
	    "r.outcome, r.draft, r.final, (SELECT min(n.decided) FROM "
	    "reassessment n WHERE n.case_id = r.case_id AND n.id > r.id) FROM "
	    "reassessment r WHERE r.case_id BETWEEN ?1 AND ?2 ORDER BY "
	    "r.case_id, r.id",
};

/* Cases derived per set of cursors: bounds the sorts behind them. */
#define RANGE_CASES 512
/* A case's exceptions and amendments, which are looked up repeatedly. */
struct exception_row {
	char	 step[24];
	int64_t	 advice_id;
	char	 limb[40];
	int32_t	 date;
};

struct amendment_row {
	int64_t	 review_id;
	int32_t	 proposed, final, not_amended;
};

static const struct ehc__insert deadline_insert = {
	"INSERT INTO deadline(case_id, seq, rule, rule_id, subject, due, done, "
	"void, exception, advisory) VALUES ", 10, "storing a deadline"
};

/* A deadline derived when read, never stored: the ages. */
struct unstored {
	int			 seq;
	const struct ehc__rule	*ru;
	int32_t			 due;
	int			 is_void;
};

struct refresh {
	struct ehc_db	*db;
	int64_t		 case_id;
	struct ehc__batch *out;		/* the deadlines being stored */
	int		 seq;
	int32_t		 ceased;
	int32_t		 dob;
	int		 year_offset;		/* educated out of year group */
	int		 infant_junior;		/* the authority's setting */
	int32_t		 transferred_in;	/* reg 15: plan came in */
	int32_t		 reviewed_before;	/* its last review there */
	int32_t		 issued;		/* the plan's first issue */
	int32_t		 first_review;		/* the first meeting */
	int32_t		 imported_as_of;	/* its return's census day */
	sqlite3_stmt	*cur[NCURSORS];
	int		 on[NCURSORS];		/* cur[i] is on a row */
	int		 err;			/* a cursor failed */
	struct exception_row *exc;
	int		 nexc, excap;
	struct amendment_row *amd;
	int		 namd, amdcap;
	int32_t		*kept;			/* decisions to maintain */
	int		 nkept, keptcap;
	/*
	 * Explaining, not storing: each deadline's explanation, by seq.
	 * The explanations are not stored (they are most of a deadline's
	 * size); `case show --explain` derives them again, in the same
	 * order, so seq matches the stored row.
	 */
	int		 explaining;
	char		**explained;
	int		 nexplained;
	/* Of those, the ones never stored (see ehc__rule_unstored()). */
	struct unstored	*uns;
	int		 nuns, unscap;
};

static void
copy_col(char *dst, size_t len, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", s ? s : "");
}

/*
 * The rule's due date from t, explained into explain when the
 * deadlines are being explained.
 */
static int32_t
apply(const struct refresh *r, const struct ehc__rule *ru, int32_t t,
    const char *label, char *explain, size_t len)
{
	return ehc__rule_due(r->db, ru, t, label, r->explaining ? explain :
	    NULL, len);
}

struct dl {
	const char	*rule_id;
	const char	*subject;
	const char	*exception;
	int32_t		 due, done;
	int		 is_void;
	int		 recorded;	/* a row of the case says it is due */
	char		 explain[EXPLAIN_LEN];
};

/* Not a memset: the explanation is a kilobyte, and most are not made. */
static void
dl_init(struct dl *d, const char *rule_id)
{
	d->rule_id = rule_id;
	d->subject = d->exception = NULL;
	d->due = d->done = EHC_NO_DATE;
	d->is_void = d->recorded = 0;
	d->explain[0] = '\0';
}

/* Add to a deadline's explanation, when one is being made. */
static void __attribute__((format(printf, 3, 4)))
explain_add(const struct refresh *r, struct dl *d, const char *fmt, ...)
{
	size_t n = strlen(d->explain);
	va_list ap;

	if (!r->explaining)
		return;
	va_start(ap, fmt);
	vsnprintf(d->explain + n, sizeof(d->explain) - n, fmt, ap);
	va_end(ap);
}

/*
 * A list with room for one more element (it grows by 8), or NULL when
 * there is no memory, the list then as it was.
 */
static void *
grow(void *list, int n, int *cap, size_t size)
{
	void *more;

	if (n < *cap)
		return list;
	if ((more = realloc(list, (size_t)(*cap + 8) * size)) != NULL)
		*cap += 8;
	return more;
}

/*
 * Whether a deadline of a case imported from a SEN2 return fell due by
 * the return's census day with nothing in the return to say whether it
 * was met: the return is all the store knows of that time, and it has
 * no item for this step.  Such a deadline is void, not overdue.  (A
 * window of the family's, or a date to note, only lapses anyway.)
 */
static int
before_import(struct refresh *r, struct dl *d, const struct ehc__rule *ru)
{
	char day[EHC_DATE_LEN];

	if (r->imported_as_of == EHC_NO_DATE || d->due == EHC_NO_DATE ||
	    d->due > r->imported_as_of || d->done != EHC_NO_DATE ||
	    d->is_void || d->recorded || ehc__rule_in_sen2(ru) ||
	    ehc__rule_lapses(ru))
		return 0;
	explain_add(r, d, "; void: due by %s, the census day of the SEN2 "
	    "return the case was imported from, which does not show this "
	    "step", ehc_date_format(day, sizeof(day), r->imported_as_of));
	return 1;
}

static int
store(struct refresh *r, struct dl *d)
{
	const struct ehc__rule *ru = ehc__rule(d->rule_id);
	struct ehc__batch *b = r->out;
	struct unstored *u;
	char **more;

	if (ru == NULL)
		return ehc__db_fail(r->db, EHC_ERROR, "the rule registry has "
		    "no rule '%s'", d->rule_id);
	if (before_import(r, d, ru))
		d->is_void = 1;
	if (r->explaining) {
		if ((more = realloc(r->explained, (size_t)(r->nexplained + 1) *
		    sizeof(*more))) == NULL)
			return EHC_ENOMEM;
		r->explained = more;
		if ((more[r->nexplained] = strdup(d->explain)) == NULL)
			return EHC_ENOMEM;
		r->nexplained++;
		if (!ehc__rule_unstored(ru))
			return EHC_OK;
		if ((u = grow(r->uns, r->nuns, &r->unscap, sizeof(*u))) == NULL)
			return EHC_ENOMEM;
		r->uns = u;
		u = &r->uns[r->nuns++];
		u->seq = r->nexplained;
		u->ru = ru;
		u->due = d->due;
		u->is_void = d->is_void || r->ceased != EHC_NO_DATE;
		return EHC_OK;
	}
	/* Its number is taken all the same: seq matches the explanation. */
	if (ehc__rule_unstored(ru)) {
		r->seq++;
		return EHC_OK;
	}
	ehc__batch_int(b, 0, r->case_id);
	ehc__batch_int(b, 1, ++r->seq);
	ehc__batch_text(b, 2, ru->rule);
	ehc__batch_text(b, 3, ru->id);
	ehc__batch_text(b, 4, d->subject);
	ehc__batch_date(b, 5, d->due);
	ehc__batch_date(b, 6, d->done);
	ehc__batch_int(b, 7, d->done == EHC_NO_DATE && (d->is_void ||
	    r->ceased != EHC_NO_DATE));
	ehc__batch_text(b, 8, d->exception);
	ehc__batch_int(b, 9, ru->advisory);
	return ehc__batch_row(b);
}

/*
 * Start a deadline of rule_id from trigger; NULL (and the message on
 * the handle) for a rule the registry does not have.
 */
static const struct ehc__rule *
begin(struct refresh *r, struct dl *d, const char *rule_id, int32_t trigger,
    const char *label)
{
	const struct ehc__rule *ru = ehc__rule(rule_id);

	dl_init(d, rule_id);
	if (ru == NULL) {
		ehc__db_fail(r->db, EHC_ERROR, "the rule registry has no rule "
		    "'%s'", rule_id);
		return NULL;
	}
	d->due = apply(r, ru, trigger, label, d->explain, sizeof(d->explain));
	return ru;
}

/* Compute a deadline from rule id and trigger, then store it. */
static int
add(struct refresh *r, const char *rule_id, int32_t trigger,
    const char *label, int32_t done, int is_void, const char *subject,
    const char *exception)
{
	const struct ehc__rule *ru;
	struct dl d;

	if ((ru = begin(r, &d, rule_id, trigger, label)) == NULL)
		return EHC_ERROR;
	/* A rule not in force on its trigger day makes no deadline. */
	if (!ehc__rule_valid(ru, trigger))
		return EHC_OK;
	d.subject = subject;
	d.exception = exception;
	d.done = done;
	d.is_void = is_void;
	return store(r, &d);
}

/*
 * A second reading of the same deadline (a later trigger that extends
 * it, or an earlier one that cuts it short): the date that applies, and
 * its rule, replace the first when later (later = 1) or earlier.
 */
static void
also(struct refresh *r, struct dl *d, const char *rule_id, int32_t trigger,
    const char *label, int later)
{
	const struct ehc__rule *ru = ehc__rule(rule_id);
	char more[EXPLAIN_LEN];
	int32_t due;

	if (ru == NULL)
		return;
	due = apply(r, ru, trigger, label, more, sizeof(more));
	if (later ? due > d->due : due < d->due) {
		d->due = due;
		d->rule_id = ru->id;
	}
	explain_add(r, d, "; %s: %s; the %s date applies", later ? "or" :
	    "long-stop", more, later ? "later" : "earlier");
}

static int32_t
min_date(int32_t a, int32_t b)
{
	if (a == EHC_NO_DATE)
		return b;
	if (b == EHC_NO_DATE)
		return a;
	return a < b ? a : b;
}

static int32_t
max_date(int32_t a, int32_t b)
{
	if (a == EHC_NO_DATE)
		return b;
	if (b == EHC_NO_DATE)
		return a;
	return a > b ? a : b;
}

/* Step cursor c; a failure is kept in r->err and ends the cursor. */
static void
cursor_next(struct refresh *r, int c)
{
	int rc = sqlite3_step(r->cur[c]);

	r->on[c] = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && r->err == EHC_OK)
		r->err = ehc__db_error(r->db, rc, "reading a case's events");
}

/* Whether cursor c is on a row of the current case, skipping earlier. */
static int
at(struct refresh *r, int c)
{
	while (r->on[c] && sqlite3_column_int64(r->cur[c], 0) < r->case_id)
		cursor_next(r, c);
	return r->on[c] && sqlite3_column_int64(r->cur[c], 0) == r->case_id;
}

static int
cursors_open(struct refresh *r, int64_t lo, int64_t hi)
{
	int c, rc;

	for (c = 0; c < NCURSORS; c++) {
		if ((rc = ehc__db_cached(r->db, &r->cur[c], cursor_sql[c]))
		    != EHC_OK)
			return rc;
		sqlite3_bind_int64(r->cur[c], 1, lo);
		sqlite3_bind_int64(r->cur[c], 2, hi);
		cursor_next(r, c);
	}
	return r->err;
}

static void
cursors_close(struct refresh *r)
{
	int c;

	for (c = 0; c < NCURSORS; c++)
		if (r->cur[c] != NULL) {
			sqlite3_reset(r->cur[c]);
			r->cur[c] = NULL;
			r->on[c] = 0;
		}
}

/* Read the case's exceptions and amendments into their arrays. */
static int
load_lists(struct refresh *r)
{
	sqlite3_stmt *st;
	struct exception_row *e;
	struct amendment_row *a;
	void *more;

	r->nexc = r->namd = r->nkept = 0;
	for (st = r->cur[C_EXCEPTION]; at(r, C_EXCEPTION);
	    cursor_next(r, C_EXCEPTION)) {
		if ((more = grow(r->exc, r->nexc, &r->excap,
		    sizeof(*r->exc))) == NULL)
			return EHC_ENOMEM;
		r->exc = more;
		e = &r->exc[r->nexc++];
		copy_col(e->step, sizeof(e->step), st, 1);
		e->advice_id = sqlite3_column_int64(st, 2);
		copy_col(e->limb, sizeof(e->limb), st, 3);
		e->date = ehc__column_date(st, 4);
	}
	for (st = r->cur[C_AMENDMENT]; at(r, C_AMENDMENT);
	    cursor_next(r, C_AMENDMENT)) {
		if ((more = grow(r->amd, r->namd, &r->amdcap,
		    sizeof(*r->amd))) == NULL)
			return EHC_ENOMEM;
		r->amd = more;
		a = &r->amd[r->namd++];
		a->review_id = sqlite3_column_int64(st, 1);
		a->proposed = ehc__column_date(st, 2);
		a->final = ehc__column_date(st, 3);
		a->not_amended = ehc__column_date(st, 4);
	}
	return r->err;
}

/*
 * The exception recorded for a step (and advice), if any; with after
 * and before, only one dated from after to the day before before
 * (EHC_NO_DATE: open).
 */
static const char *
exception_in(const struct refresh *r, const char *step, int64_t advice_id,
    int32_t after, int32_t before)
{
	int i;

	for (i = 0; i < r->nexc; i++)
		if (strcmp(r->exc[i].step, step) == 0 &&
		    r->exc[i].advice_id == advice_id &&
		    (after == EHC_NO_DATE || r->exc[i].date >= after) &&
		    (before == EHC_NO_DATE || r->exc[i].date < before))
			return r->exc[i].limb;
	return NULL;
}

static const char *
exception_for(const struct refresh *r, const char *step, int64_t advice_id)
{
	return exception_in(r, step, advice_id, EHC_NO_DATE, EHC_NO_DATE);
}

static int
assessment(struct refresh *r, const struct case_state *cs)
{
	sqlite3_stmt *st = r->cur[C_ADVICE];
	char subject[16];
	int withdrawn = cs->withdrawn != EHC_NO_DATE;
	int refused = cs->assess == 'N', not_issued = cs->issue == 'N';
	int over = withdrawn || refused || not_issued ||
	    cs->final_date != EHC_NO_DATE;
	int32_t done;
	int rc;

	if (cs->received == EHC_NO_DATE)
		return EHC_OK;
	/*
	 * A decision recorded as historic (SEN2 code H, imported) was made
	 * on a day nobody knows: its deadline is void, not overdue.
	 */
	if ((rc = add(r, "decide-assess", cs->received, "request received",
	    cs->assess_date, withdrawn || (cs->assess == 'H' &&
	    cs->assess_date == EHC_NO_DATE), NULL, exception_for(r,
	    "decide-assess", 0))) != EHC_OK)
		return rc;
	for (; rc == EHC_OK && at(r, C_ADVICE); cursor_next(r, C_ADVICE)) {
		snprintf(subject, sizeof(subject), "A%d",
		    sqlite3_column_int(st, 2));
		rc = add(r, "advice", ehc__column_date(st, 3),
		    "adviser received the request", ehc__column_date(st, 4),
		    over, subject, exception_for(r, "advice",
		    sqlite3_column_int64(st, 1)));
	}
	if (rc != EHC_OK)
		return rc;
	if ((rc = add(r, "decide-issue", cs->received, "request received",
	    cs->issue_date, withdrawn || refused || (cs->issue == 'H' &&
	    cs->issue_date == EHC_NO_DATE), NULL, exception_for(r,
	    "decide-issue", 0))) != EHC_OK)
		return rc;
	if (cs->draft_date != EHC_NO_DATE) {
		done = cs->final_date == EHC_NO_DATE ? EHC_NO_DATE :
		    min_date(cs->final_date, cs->draft_date + 14);
		if ((rc = add(r, "draft-representations", cs->draft_date,
		    "draft plan served", done, withdrawn, NULL, NULL))
		    != EHC_OK)
			return rc;
	}
	return add(r, "final-plan", cs->received, "request received",
	    cs->final_date, withdrawn || refused || not_issued, NULL,
	    exception_for(r, "final-plan", 0));
}

/*
 * The representation window and final date of one amendment; after a
 * review, the Devon long-stop from its meeting cuts the final date
 * short.
 */
static int
amendment(struct refresh *r, int32_t proposed, int32_t final,
    int32_t not_amended, int32_t meeting)
{
	struct dl d;
	int32_t closed = final != EHC_NO_DATE ? final : not_amended;
	int rc;

	if ((rc = add(r, "amend-representations", proposed,
	    "amendment notice served", closed == EHC_NO_DATE ? EHC_NO_DATE :
	    min_date(closed, proposed + 14), 0, NULL, NULL)) != EHC_OK)
		return rc;
	if (begin(r, &d, "amended-plan", proposed, "amendment notice sent") ==
	    NULL)
		return EHC_ERROR;
	d.done = closed;
	if (meeting != EHC_NO_DATE)
		also(r, &d, "amended-plan-long-stop", meeting,
		    "review meeting", 0);
	return store(r, &d);
}

/* The 12-month review date, or reg 15(5)'s later one after a transfer. */
static int
annual(struct refresh *r, int32_t anchor, const char *label, int32_t done)
{
	struct dl d;
	char meet[EHC_DATE_LEN], invite[EHC_DATE_LEN], clear[EHC_DATE_LEN];

	if (begin(r, &d, "annual-review", anchor, label) == NULL)
		return EHC_ERROR;
	d.done = done;
	if (r->transferred_in != EHC_NO_DATE && anchor <= r->transferred_in)
		also(r, &d, "transfer-review", r->transferred_in,
		    "plan transferred in", 1);
	/* Back-planning, so that the decision letter is in time too. */
	if (r->explaining) {
		ehc_date_format(meet, sizeof(meet), d.due - 28);
		ehc_date_format(invite, sizeof(invite), d.due - 42);
		ehc_date_format(clear, sizeof(clear), d.due - 43);
		explain_add(r, &d, "; latest meeting for a full 4-week "
		    "decision %s; invitations and advice at least 2 weeks "
		    "before it, by %s (clear-days reading %s)", meet, invite,
		    clear);
	}
	return store(r, &d);
}

/* The first amendment proposed after a review, or NULL. */
static const struct amendment_row *
first_amendment(const struct refresh *r, int64_t review_id)
{
	int i;

	for (i = 0; i < r->namd; i++)
		if (r->amd[i].review_id == review_id)
			return &r->amd[i];
	return NULL;
}

/* The amendments of one review (0: of none), in order. */
static int
amendments(struct refresh *r, int64_t review_id, int32_t meeting)
{
	const struct amendment_row *a;
	int i, rc = EHC_OK;

	for (i = 0; rc == EHC_OK && i < r->namd; i++) {
		a = &r->amd[i];
		if (a->review_id == review_id)
			rc = amendment(r, a->proposed, a->final,
			    a->not_amended, meeting);
	}
	return rc;
}

/*
 * A review decision to amend with no amendment notice yet: the amended
 * plan is still due within 12 weeks of the meeting (Devon).
 */
static int
amend_without_notice(struct refresh *r, int32_t meeting, int32_t decided)
{
	struct dl d;
	char ds[EHC_DATE_LEN];

	if (begin(r, &d, "amended-plan-long-stop", meeting, "review meeting")
	    == NULL)
		return EHC_ERROR;
	ehc_date_format(ds, sizeof(ds), decided);
	explain_add(r, &d, "; decided to amend on %s and no amendment notice "
	    "sent yet: the long-stop runs all the same", ds);
	return store(r, &d);
}

/* A decision to maintain the plan, which can meet a phase transfer. */
static int
keep(struct refresh *r, int32_t decided)
{
	int32_t *more;

	if ((more = grow(r->kept, r->nkept, &r->keptcap,
	    sizeof(*r->kept))) == NULL)
		return EHC_ENOMEM;
	r->kept = more;
	r->kept[r->nkept++] = decided;
	return EHC_OK;
}

/* One review: its report, its decision and the amendments after it. */
static int
review(struct refresh *r, sqlite3_stmt *st)
{
	const struct amendment_row *a;
	const char *outcome = (const char *)sqlite3_column_text(st, 6);
	struct dl d;
	char ds[EHC_DATE_LEN];
	int64_t id = sqlite3_column_int64(st, 1);
	int32_t meeting = ehc__column_date(st, 2);
	int32_t decided = ehc__column_date(st, 4);
	int reg21 = sqlite3_column_int(st, 5), amend;
	int rc;

	amend = outcome != NULL && outcome[0] == 'A';
	if (outcome != NULL && outcome[0] == 'M' && (rc = keep(r, decided))
	    != EHC_OK)
		return rc;
	/* A report never received stays overdue: it was missed. */
	if ((rc = add(r, reg21 ? "review-report-21" : "review-report",
	    meeting, "review meeting", ehc__column_date(st, 3), 0, NULL,
	    NULL)) != EHC_OK)
		return rc;
	if (begin(r, &d, reg21 ? "review-decision-21" : "review-decision",
	    meeting, "review meeting") == NULL)
		return EHC_ERROR;
	d.done = decided;
	/* Devon: the proposed amendments go with the decision. */
	a = amend ? first_amendment(r, id) : NULL;
	if (a != NULL && decided != EHC_NO_DATE && a->proposed > decided) {
		d.done = a->proposed;
		ehc_date_format(ds, sizeof(ds), a->proposed);
		explain_add(r, &d, "; the proposed amendments went on %s, "
		    "after the decision: the decision is complete then", ds);
	}
	if ((rc = store(r, &d)) != EHC_OK)
		return rc;
	if (amend && a == NULL)
		return amend_without_notice(r, meeting, decided);
	return amendments(r, id, meeting);
}

static int
reviews(struct refresh *r, const struct case_state *cs)
{
	sqlite3_stmt *st = r->cur[C_REVIEW];
	int32_t anchor = cs->final_date, meeting, decided, open_meeting;
	char label[96], ds[EHC_DATE_LEN];
	int open_review = 0, rc = EHC_OK;

	snprintf(label, sizeof(label), "plan first issued");
	if (r->reviewed_before != EHC_NO_DATE) {
		anchor = r->reviewed_before;
		snprintf(label, sizeof(label), "last review decision before "
		    "the transfer");
	}
	open_meeting = r->first_review = EHC_NO_DATE;
	for (; rc == EHC_OK && at(r, C_REVIEW); cursor_next(r, C_REVIEW)) {
		meeting = ehc__column_date(st, 2);
		decided = ehc__column_date(st, 4);
		if (r->first_review == EHC_NO_DATE)
			r->first_review = meeting;
		if ((rc = annual(r, anchor, label, decided)) != EHC_OK ||
		    (rc = review(r, st)) != EHC_OK)
			break;
		open_review = decided == EHC_NO_DATE;
		open_meeting = open_review ? meeting : EHC_NO_DATE;
		if (!open_review) {
			anchor = decided;
			ehc_date_format(ds, sizeof(ds), meeting);
			snprintf(label, sizeof(label), "decision after the "
			    "review meeting of %s", ds);
		}
	}
	if (rc == EHC_OK && !open_review)
		rc = annual(r, anchor, label, EHC_NO_DATE);
	/* Guidance: review the plans of children under 5 every 6 months. */
	if (rc == EHC_OK && r->dob != EHC_NO_DATE &&
	    ehc_date_age(r->dob, ehc_date_add_months(anchor, 6)) < 5)
		rc = add(r, "under-5-review", anchor, label, open_meeting, 0,
		    NULL, NULL);
	if (rc == EHC_OK)
		rc = amendments(r, 0, EHC_NO_DATE);
	return rc;
}

/*
 * The dates that come with age (s83, s46) for every plan in force,
 * whatever its age: compulsory school age ends, the 25th birthday, the
 * end of that academic year and the day before the 26th birthday.  They
 * depend on the date of birth alone, never on the reviews or on today.
 */
static int
ages(struct refresh *r)
{
	static const char *const dates[] = {
		"school-age-end", "age-25", "age-25-year-end", "age-26-limit"
	};
	size_t i;
	int rc = EHC_OK;

	if (r->dob == EHC_NO_DATE)
		return EHC_OK;
	for (i = 0; rc == EHC_OK && i < sizeof(dates) / sizeof(dates[0]); i++)
		rc = add(r, dates[i], r->dob, "date of birth", EHC_NO_DATE, 0,
		    NULL, NULL);
	return rc;
}

/* The window in which the family may appeal a decision to cease. */
static int
cessations(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_CESSATION];
	struct dl d;
	int32_t decided, lodged, cert;
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_CESSATION);
	    cursor_next(r, C_CESSATION)) {
		decided = ehc__column_date(st, 1);
		lodged = ehc__column_date(st, 2);
		cert = ehc__column_date(st, 3);
		if (begin(r, &d, "cease-appeal", decided, "decision to cease "
		    "sent") == NULL)
			return EHC_ERROR;
		/* A mediation certificate can extend it (HESC r.20). */
		if (cert != EHC_NO_DATE)
			also(r, &d, "cease-appeal-certificate", cert,
			    "mediation certificate issued", 1);
		/* The window closes with an appeal, or at its end. */
		d.done = lodged != EHC_NO_DATE ? lodged :
		    min_date(r->ceased, d.due);
		if (lodged == EHC_NO_DATE && r->ceased == EHC_NO_DATE)
			d.done = EHC_NO_DATE;
		rc = store(r, &d);
	}
	return rc;
}

/* The dispute cursor's columns. */
enum {
	D_NOTICE = 1, D_CONTACT, D_MEDIATION, D_MEDIATED, D_CERTIFICATE,
	D_APPEAL, D_DECIDED, D_CEASE, D_DECLINED, D_AGREEMENT, D_HEALTH_ONLY,
	D_AGREEMENT_DONE, D_HEALTH_TOLD, D_RECEIVED, D_RESPONSE, D_APPEALABLE
};

/*
 * After mediation: the agreement's follow-up (reg 42).  One about what
 * could be appealed runs as the order it stands for (orders()).
 */
static int
agreement(struct refresh *r, sqlite3_stmt *st)
{
	int32_t agreed = ehc__column_date(st, D_AGREEMENT);

	if (agreed == EHC_NO_DATE || sqlite3_column_int(st, D_APPEALABLE))
		return EHC_OK;
	if (sqlite3_column_int(st, D_HEALTH_ONLY))
		return add(r, "mediation-agreement-health", agreed,
		    "mediation agreement without the authority",
		    ehc__column_date(st, D_HEALTH_TOLD), 0, NULL, NULL);
	return add(r, "mediation-agreement", agreed, "mediation agreement",
	    ehc__column_date(st, D_AGREEMENT_DONE), 0, NULL, NULL);
}

/* The authority's response to an appeal (HESC r.21). */
static int
response(struct refresh *r, sqlite3_stmt *st, int32_t lodged,
    int32_t decided)
{
	struct dl d;
	int32_t received = ehc__column_date(st, D_RECEIVED);
	int32_t sent = ehc__column_date(st, D_RESPONSE), t;
	char six[EHC_DATE_LEN];

	if (lodged == EHC_NO_DATE)
		return EHC_OK;
	t = received != EHC_NO_DATE ? received : lodged;
	if (begin(r, &d, "tribunal-response", t, received != EHC_NO_DATE ?
	    "appeal received" : "appeal lodged, not yet recorded as "
	    "received") == NULL)
		return EHC_ERROR;
	d.done = sent;
	/* Conceded or decided first: no response is due any more. */
	d.is_void = decided != EHC_NO_DATE && (sent == EHC_NO_DATE ||
	    decided < sent);
	if (d.is_void)
		d.done = EHC_NO_DATE;
	ehc_date_format(six, sizeof(six), t + 42);
	explain_add(r, &d, " (6 weeks: %s)", six);
	return store(r, &d);
}

static int
disputes(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_DISPUTE];
	struct dl d;
	int32_t notice, cert, mediation, mediated, declined, lodged, decided;
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_DISPUTE); cursor_next(r, C_DISPUTE)) {
		notice = ehc__column_date(st, D_NOTICE);
		mediation = ehc__column_date(st, D_MEDIATION);
		mediated = ehc__column_date(st, D_MEDIATED);
		cert = ehc__column_date(st, D_CERTIFICATE);
		declined = ehc__column_date(st, D_DECLINED);
		lodged = ehc__column_date(st, D_APPEAL);
		decided = ehc__column_date(st, D_DECIDED);
		if ((rc = add(r, "mediation-contact", notice, "decision notice "
		    "sent", ehc__column_date(st, D_CONTACT), 0, NULL, NULL))
		    != EHC_OK)
			break;
		if (declined != EHC_NO_DATE && (rc = add(r,
		    "mediation-certificate-declined", declined, "the adviser "
		    "was told mediation is not wanted", cert, 0, NULL, NULL))
		    != EHC_OK)
			break;
		if (mediation != EHC_NO_DATE && (rc = add(r,
		    "mediation-arrange", mediation, "family asked for "
		    "mediation", mediated, 0, NULL, NULL)) != EHC_OK)
			break;
		if (mediated != EHC_NO_DATE && (rc = add(r,
		    "mediation-certificate", mediated, "mediation held", cert,
		    0, NULL, NULL)) != EHC_OK)
			break;
		if ((rc = agreement(r, st)) != EHC_OK)
			break;
		/* About ceasing: the cessation's window is the appeal's. */
		if (!sqlite3_column_int(st, D_CEASE)) {
			if (begin(r, &d, "appeal", notice, "decision notice "
			    "sent") == NULL)
				return EHC_ERROR;
			d.done = lodged;
			if (cert != EHC_NO_DATE)
				also(r, &d, "appeal-certificate", cert,
				    "mediation certificate issued", 1);
			if ((rc = store(r, &d)) != EHC_OK)
				break;
		}
		rc = response(r, st, lodged, decided);
	}
	return rc;
}

/*
 * Each order's steps under reg 44, an unopposed appeal's (reg 45) and a
 * mediation agreement's about what could be appealed (reg 42(2)).
 */
static const struct {
	const char	*kind;
	const char	*rule_id;
	const char	*step;
} order_steps[] = {
	{ "assess", "order-assess-notify", "notify" },
	{ "assess", "order-assess-no-plan", "no-plan" },
	{ "assess", "order-assess-final", "final" },
	{ "make-plan", "order-plan-draft", "draft" },
	{ "make-plan", "order-plan-final", "final" },
	{ "amend", "order-amend", "amend" },
	{ "name-school", "order-school", "school" },
	{ "continue", "order-continue", "continue" },
	{ "unopposed-assess", "unopposed-assess-notify", "notify" },
	{ "unopposed-assess", "unopposed-assess-no-plan", "no-plan" },
	{ "unopposed-assess", "unopposed-assess-final", "final" },
	{ "unopposed-plan", "unopposed-plan-draft", "draft" },
	{ "unopposed-plan", "unopposed-plan-final", "final" },
	{ "unopposed-amend", "unopposed-amend", "amend" },
	{ "unopposed-continue", "unopposed-continue", "continue" },
	{ "agreed-assess", "agreement-assess-notify", "notify" },
	{ "agreed-assess", "agreement-assess-no-plan", "no-plan" },
	{ "agreed-assess", "agreement-assess-final", "final" },
	{ "agreed-make-plan", "agreement-plan-draft", "draft" },
	{ "agreed-make-plan", "agreement-plan-final", "final" },
	{ "agreed-amend", "agreement-amend", "amend" },
	{ "agreed-name-school", "agreement-school", "school" },
	{ "agreed-continue", "agreement-continue", "continue" },
};

static int
orders(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_ORDER], *sd;
	char subject[48];
	int32_t made, done, closed;
	const char *kind;
	int64_t oid;
	size_t i;
	int rc = EHC_OK;

	if (!at(r, C_ORDER))
		return r->err;
	if ((rc = ehc__db_cached(r->db, &sd, "SELECT done FROM order_step "
	    "WHERE order_id = ?1 AND step = ?2")) != EHC_OK)
		return rc;
	for (; rc == EHC_OK && at(r, C_ORDER); cursor_next(r, C_ORDER)) {
		oid = sqlite3_column_int64(st, 1);
		kind = (const char *)sqlite3_column_text(st, 2);
		made = ehc__column_date(st, 3);
		closed = ehc__column_date(st, 4);
		for (i = 0; rc == EHC_OK &&
		    i < sizeof(order_steps) / sizeof(order_steps[0]); i++) {
			if (strcmp(order_steps[i].kind, kind) != 0)
				continue;
			sqlite3_reset(sd);
			sqlite3_bind_int64(sd, 1, oid);
			sqlite3_bind_text(sd, 2, order_steps[i].step, -1,
			    SQLITE_STATIC);
			done = sqlite3_step(sd) == SQLITE_ROW ?
			    ehc__column_date(sd, 0) : EHC_NO_DATE;
			snprintf(subject, sizeof(subject), "%lld:%s",
			    (long long)oid, order_steps[i].step);
			/* After an assessment one of the two ends happens. */
			rc = add(r, order_steps[i].rule_id, made,
			    strncmp(kind, "agreed-", 7) == 0 ? "mediation "
			    "agreement, as if ordered by the Tribunal" :
			    "order made", done, closed != EHC_NO_DATE, subject,
			    NULL);
		}
	}
	sqlite3_reset(sd);
	return rc;
}

static int
transfers(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_TRANSFER];
	struct dl d;
	char ms[EHC_DATE_LEN], as[EHC_DATE_LEN];
	int32_t move, aware, day;
	int notice, rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_TRANSFER); cursor_next(r, C_TRANSFER)) {
		if (!sqlite3_column_int(st, 1)) {
			rc = add(r, "transfer-notice", ehc__column_date(st, 4),
			    "plan transferred in", ehc__column_date(st, 5), 0,
			    NULL, NULL);
			continue;
		}
		move = ehc__column_date(st, 2);
		aware = ehc__column_date(st, 3);
		for (notice = 0, day = aware; day < move; day++)
			notice += ehc_db_is_working_day(r->db, day);
		if (begin(r, &d, "transfer-out", aware, "the authority learned "
		    "of the move") == NULL)
			return EHC_ERROR;
		d.done = ehc__column_date(st, 4);
		if (notice >= 15) {
			d.due = move;
			ehc_date_format(ms, sizeof(ms), move);
			ehc_date_format(as, sizeof(as), aware);
			d.explain[0] = '\0';
			explain_add(r, &d, "aware on %s, %d working days "
			    "before the move: transfer on the day of the move, "
			    "%s; SEND Regulations 2014 reg 15(2)", as, notice,
			    ms);
		}
		rc = store(r, &d);
	}
	return rc;
}

/* Direct payments: the first review within 3 months of the first. */
static int
direct_payments(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_FUNDING];
	char subject[24];
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_FUNDING); cursor_next(r, C_FUNDING)) {
		snprintf(subject, sizeof(subject), "F%lld",
		    (long long)sqlite3_column_int64(st, 1));
		rc = add(r, "direct-payment-review", ehc__column_date(st, 2),
		    "first direct payment", ehc__column_date(st, 3), 0,
		    subject, NULL);
	}
	return rc;
}

/*
 * Re-assessment (regs 24-27): the decision within 15 days of a request,
 * then the draft's representations and the plan within 14 weeks of the
 * decision to re-assess.  An exception belongs to the re-assessment
 * decided last before it was recorded.
 */
static int
reassessments(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_REASSESS];
	const char *outcome;
	char subject[24];
	int32_t requested, decided, draft, final, next;
	int64_t id;
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_REASSESS);
	    cursor_next(r, C_REASSESS)) {
		id = sqlite3_column_int64(st, 1);
		requested = ehc__column_date(st, 2);
		decided = ehc__column_date(st, 3);
		outcome = (const char *)sqlite3_column_text(st, 4);
		draft = ehc__column_date(st, 5);
		final = ehc__column_date(st, 6);
		snprintf(subject, sizeof(subject), "R%lld", (long long)id);
		if (requested != EHC_NO_DATE && (rc = add(r,
		    "reassess-decision", requested, "request received",
		    decided, 0, subject, NULL)) != EHC_OK)
			break;
		if (outcome == NULL || outcome[0] != 'Y')
			continue;
		if (draft != EHC_NO_DATE && (rc = add(r,
		    "reassess-representations", draft, "draft plan served",
		    final == EHC_NO_DATE ? EHC_NO_DATE : min_date(final,
		    draft + 14), 0, subject, NULL)) != EHC_OK)
			break;
		next = ehc__column_date(st, 7);
		rc = add(r, "reassess-plan", decided, requested != EHC_NO_DATE ?
		    "decision to re-assess notified" : "the authority's own "
		    "decision to re-assess", final, 0, subject, exception_in(r,
		    "reassess-plan", 0, decided, next));
	}
	return rc;
}

/*
 * A phase transfer is done by the first amended plan finalised, or the
 * first review decision to maintain, in the 12 months before it; or by
 * the plan itself, when it was first issued in them (it names the next
 * phase).
 */
static int32_t
phase_done(const struct refresh *r, int32_t transfer)
{
	int32_t from = ehc_date_add_months(transfer, -12), done = EHC_NO_DATE;
	int i;

	if (r->issued >= from && r->issued <= transfer)
		done = r->issued;
	for (i = 0; i < r->namd; i++)
		if (r->amd[i].final != EHC_NO_DATE &&
		    r->amd[i].final >= from && r->amd[i].final <= transfer)
			done = min_date(done, r->amd[i].final);
	for (i = 0; i < r->nkept; i++)
		if (r->kept[i] != EHC_NO_DATE && r->kept[i] >= from &&
		    r->kept[i] <= transfer)
			done = min_date(done, r->kept[i]);
	return done;
}

/* "D", or "D (practically the working day before)" for a closed day. */
static const char *
practically(struct ehc_db *db, int32_t day, char *buf, size_t len)
{
	char a[EHC_DATE_LEN], b[EHC_DATE_LEN];

	ehc_date_format(a, sizeof(a), day);
	if (ehc_db_is_working_day(db, day))
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s (practically %s)", a, ehc_date_format(b,
		    sizeof(b), ehc_db_working_day_before(db, day)));
	return buf;
}

/*
 * Back-planning from a phase-transfer date: the amendment notice 8
 * weeks before it (reg 22(3)), after a review meeting 4 weeks before
 * that (reg 20(10)).
 */
static void
back_plan(struct refresh *r, struct dl *d)
{
	char notice[48], meet[48];

	if (!r->explaining)
		return;
	explain_add(r, d, "; to meet it, propose the amendments by %s (8 "
	    "weeks before) after a review meeting by %s (4 weeks before that)",
	    practically(r->db, d->due - 56, notice, sizeof(notice)),
	    practically(r->db, d->due - 84, meet, sizeof(meet)));
}

/* The moves reg 18 names, derived from the national curriculum year. */
static const struct stage {
	int		 into;		/* year group entered; reception 0 */
	const char	*subject;
	const char	*rule_id;
	int		 infant_junior;	/* where the authority has them */
} stages[] = {
	{ 0, "EY-R", "phase-transfer-school", 0 },
	{ 3, "Y2-Y3", "phase-transfer-school", 1 },
	{ 7, "Y6-Y7", "phase-transfer-school", 0 },
	{ 12, "Y11-Y12", "phase-transfer-post-16", 0 },
};

/*
 * The transfers of a plan in force derived from the date of birth, from
 * where ehc's record of the plan begins (its issue, or for a plan made
 * elsewhere its transfer in or first review).  A transfer recorded by
 * an officer replaces those derived for the same kind of move up to its
 * date; latest[0] and latest[1] are the latest recorded school and
 * post-16 transfers.
 */
static int
derived_transfers(struct refresh *r, const struct case_state *cs,
    const int32_t latest[2])
{
	const struct stage *sg;
	struct dl d;
	char ds[EHC_DATE_LEN], out_of_year[128] = "";
	int32_t horizon = cs->final_date, transfer;
	int y, m, dd, year0, post16;
	size_t i;
	int rc;

	if (r->dob == EHC_NO_DATE)
		return EHC_OK;
	if (cs->received == EHC_NO_DATE)
		horizon = max_date(horizon, r->transferred_in != EHC_NO_DATE ?
		    r->transferred_in : r->first_review);
	ehc_date_to_ymd(&y, &m, &dd, r->dob);
	/* The year group in the school year starting 1 September y. */
	year0 = ehc__school_year(r->dob, ehc_date_from_ymd(y, 9, 1)) +
	    r->year_offset;
	if (r->year_offset != 0)
		snprintf(out_of_year, sizeof(out_of_year), ", by the year "
		    "group recorded for a child educated out of year group, %d "
		    "%s that of their age", abs(r->year_offset),
		    r->year_offset < 0 ? "below" : "above");
	for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		sg = &stages[i];
		post16 = sg->into == 12;
		if (sg->infant_junior && !r->infant_junior)
			continue;
		transfer = ehc_date_from_ymd(y + sg->into - year0, 9, 1);
		if (latest[post16] != EHC_NO_DATE && transfer <= latest[post16])
			continue;
		if (begin(r, &d, sg->rule_id, transfer, "transfer date") ==
		    NULL)
			return EHC_ERROR;
		if (d.due < horizon || (r->ceased != EHC_NO_DATE &&
		    d.due > r->ceased))
			continue;
		d.subject = sg->subject;
		d.done = phase_done(r, transfer);
		ehc_date_format(ds, sizeof(ds), transfer);
		explain_add(r, &d, "; the move %s is derived from the date of "
		    "birth: year %d starts on %s%s", sg->subject, sg->into, ds,
		    out_of_year);
		back_plan(r, &d);
		if ((rc = store(r, &d)) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

static int
phase_transfers(struct refresh *r, const struct case_state *cs)
{
	sqlite3_stmt *st = r->cur[C_PHASE];
	struct dl d;
	char id[48];
	const char *kind;
	int32_t transfer, latest[2] = { EHC_NO_DATE, EHC_NO_DATE };
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_PHASE); cursor_next(r, C_PHASE)) {
		transfer = ehc__column_date(st, 1);
		kind = (const char *)sqlite3_column_text(st, 2);
		snprintf(id, sizeof(id), "phase-transfer-%s", kind);
		if (begin(r, &d, id, transfer, "transfer date") == NULL)
			return EHC_ERROR;
		/* The registry's id names the kind: a static string. */
		d.rule_id = ehc__rule(id)->id;
		d.subject = ehc__rule(id)->id + strlen("phase-transfer-");
		d.done = phase_done(r, transfer);
		d.recorded = 1;
		if (strcmp(kind, "school") == 0)
			latest[0] = max_date(latest[0], transfer);
		else if (strcmp(kind, "post-16") == 0)
			latest[1] = max_date(latest[1], transfer);
		back_plan(r, &d);
		rc = store(r, &d);
	}
	if (rc == EHC_OK)
		rc = derived_transfers(r, cs, latest);
	return rc;
}

/* The case the case cursor is on, as the clock needs it. */
static void
case_row(struct refresh *r, struct case_state *cs)
{
	sqlite3_stmt *st = r->cur[C_CASE];

	memset(cs, 0, sizeof(*cs));
	cs->id = r->case_id = sqlite3_column_int64(st, 0);
	r->dob = ehc__column_date(st, 1);
	r->year_offset = sqlite3_column_int(st, 2);
	r->imported_as_of = ehc__column_date(st, 3);
	ehc__case_state_read(st, 4, cs);
	r->ceased = cs->cease_date;
	r->issued = cs->final_date;
	r->first_review = EHC_NO_DATE;
	r->transferred_in = r->reviewed_before = EHC_NO_DATE;
	if (at(r, C_TRANSFER_IN)) {
		r->transferred_in = ehc__column_date(r->cur[C_TRANSFER_IN], 1);
		r->reviewed_before = ehc__column_date(r->cur[C_TRANSFER_IN], 2);
	}
}

/* Derive the deadlines of the case the case cursor is on. */
static int
derive_case(struct refresh *r)
{
	struct case_state cs;
	int rc;

	case_row(r, &cs);
	r->seq = 0;
	if ((rc = load_lists(r)) != EHC_OK ||
	    (rc = assessment(r, &cs)) != EHC_OK)
		return rc;
	if (cs.final_date != EHC_NO_DATE &&
	    ((rc = reviews(r, &cs)) != EHC_OK ||
	    (rc = phase_transfers(r, &cs)) != EHC_OK ||
	    (rc = cessations(r)) != EHC_OK ||
	    (rc = transfers(r)) != EHC_OK ||
	    (rc = reassessments(r)) != EHC_OK ||
	    (rc = ages(r)) != EHC_OK))
		return rc;
	if ((rc = disputes(r)) != EHC_OK ||
	    (rc = direct_payments(r)) != EHC_OK ||
	    (rc = orders(r)) != EHC_OK)
		return rc;
	return r->err;
}

/* The authority's setting for infant and junior schools (Y2 to Y3). */
static int
read_settings(struct refresh *r)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(r->db, &st, "SELECT value = 'Y' FROM setting "
	    "WHERE key = 'infant-junior'")) != EHC_OK)
		return rc;
	r->infant_junior = sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return EHC_OK;
}

/*
 * Derive the deadlines of cases lo to hi (those that exist): store them,
 * or only explain them (one case).  Counts the cases in *found.
 */
static int
derive_range(struct refresh *r, int64_t lo, int64_t hi, int64_t *found)
{
	struct ehc_db *db = r->db;
	sqlite3_stmt *del = NULL;
	int64_t a, b;
	int rc;

	*found = 0;
	if ((rc = read_settings(r)) != EHC_OK)
		return rc;
	if (!r->explaining && ((rc = ehc__db_cached(db, &del, "DELETE FROM "
	    "deadline WHERE case_id BETWEEN ?1 AND ?2")) != EHC_OK ||
	    (rc = ehc__batch_open(db, &deadline_insert, &r->out)) != EHC_OK))
		goto out;
	for (a = lo; rc == EHC_OK && a <= hi; a = b + 1) {
		b = hi - a < RANGE_CASES ? hi : a + RANGE_CASES - 1;
		if (del != NULL) {
			sqlite3_bind_int64(del, 1, a);
			sqlite3_bind_int64(del, 2, b);
			rc = ehc__db_step_done(db, del, "clearing deadlines");
			sqlite3_reset(del);
		}
		if (rc == EHC_OK)
			rc = cursors_open(r, a, b);
		for (; rc == EHC_OK && r->on[C_CASE];
		    cursor_next(r, C_CASE)) {
			rc = derive_case(r);
			++*found;
		}
		if (rc == EHC_OK)
			rc = r->err;
		cursors_close(r);
	}
	if (rc == EHC_OK && r->out != NULL)
		rc = ehc__batch_flush(r->out);
out:
	ehc__batch_close(r->out);
	r->out = NULL;
	free(r->exc);
	free(r->amd);
	free(r->kept);
	r->exc = NULL;
	r->amd = NULL;
	r->kept = NULL;
	r->nexc = r->excap = r->namd = r->amdcap = r->nkept = r->keptcap = 0;
	return rc;
}

static int
refresh_range(struct ehc_db *db, int64_t lo, int64_t hi, int64_t *found)
{
	struct refresh r;

	memset(&r, 0, sizeof(r));
	r.db = db;
	return derive_range(&r, lo, hi, found);
}

static int
refresh_now(struct ehc_db *db, int64_t case_id)
{
	int64_t found;
	int rc;

	if ((rc = refresh_range(db, case_id, case_id, &found)) == EHC_OK &&
	    found == 0)
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
	return rc;
}

int
ehc__clock_refresh_range(struct ehc_db *db, int64_t lo, int64_t hi)
{
	int64_t found;
	int rc;

	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	return refresh_range(db, lo, hi, &found);
}

static void
explained_free(struct refresh *r)
{
	int i;

	for (i = 0; i < r->nexplained; i++)
		free(r->explained[i]);
	free(r->explained);
	free(r->uns);
	r->explained = NULL;
	r->uns = NULL;
	r->nexplained = r->nuns = r->unscap = 0;
}

/*
 * Deferred, the refreshes wait as a range of case ids, which grows while
 * cases are touched in order (a generator building case after case) and
 * is derived in one go when anything else is touched or read.
 */
int
ehc__clock_refresh(struct ehc_db *db, int64_t case_id)
{
	int rc;

	if (!db->defer)
		return refresh_now(db, case_id);
	if (db->pending_lo != 0 && case_id >= db->pending_lo &&
	    case_id <= db->pending_hi + 1) {
		if (case_id > db->pending_hi)
			db->pending_hi = case_id;
		return EHC_OK;
	}
	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	db->pending_lo = db->pending_hi = case_id;
	return EHC_OK;
}

int
ehc__clock_settle(struct ehc_db *db)
{
	int64_t lo = db->pending_lo, hi = db->pending_hi, found;

	if (lo == 0)
		return EHC_OK;
	db->pending_lo = db->pending_hi = 0;
	return lo == hi ? refresh_now(db, lo) : refresh_range(db, lo, hi,
	    &found);
}

int
ehc__clock_defer(struct ehc_db *db, int on)
{
	int rc = ehc__clock_settle(db);

	db->defer = on;
	return rc;
}

/*
 * Bump when the way deadlines are derived changes: stores whose stored
 * deadlines were made by another version, or by another registry (its
 * digest follows the version), are derived again on open, and their
 * copy of the registry, the rule table, is written again.
 */
#define CLOCK_VERSION "11"

int
ehc__clock_check_version(struct ehc_db *db)
{
	sqlite3_stmt *st;
	char key[sizeof(CLOCK_VERSION) + 1 + EHC__SHA256_HEX];
	int rc, stale = 1;

	ehc__rules_digest(key + snprintf(key, sizeof(key), "%s-",
	    CLOCK_VERSION));
	if ((rc = ehc__db_prepare(db, &st, "SELECT value = ?1 FROM setting "
	    "WHERE key = 'clock_version'")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		stale = !sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!stale)
		return EHC_OK;
	if ((rc = ehc_db_begin(db, EHC_TXN_WRITE)) != EHC_OK)
		return rc;
	if ((rc = ehc__rules_store(db)) != EHC_OK ||
	    (rc = ehc_clock_refresh_all(db)) != EHC_OK ||
	    (rc = ehc__exec(db, "INSERT OR REPLACE INTO setting(key, value) "
	    "VALUES ('clock_version', ?4)", 0, EHC_NO_DATE, EHC_NO_DATE, key,
	    NULL)) != EHC_OK) {
		ehc_db_rollback(db);
		return rc;
	}
	return ehc_db_commit(db);
}

int
ehc_clock_refresh_all(struct ehc_db *db)
{
	sqlite3_stmt *st;
	int64_t lo = 0, hi = -1;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT min(id), max(id) FROM "
	    "cases")) != EHC_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ehc__db_error(db, rc, "reading the cases");
	return ehc__clock_refresh_range(db, lo, hi);
}

/*
 * A deadline not done after its date is overdue, unless it is not the
 * authority's to meet (the family's windows, dates to note): lapsed.
 */
static const char *
status_of(const struct ehc__rule *ru, int32_t due, int32_t done, int is_void,
    int32_t today)
{
	if (done != EHC_NO_DATE)
		return done <= due ? "met" : "late";
	if (is_void)
		return "void";
	if (today == EHC_NO_DATE || today <= due)
		return "open";
	return ru != NULL && ehc__rule_lapses(ru) ? "lapsed" : "overdue";
}

static int
is_review_rule(const char *rule)
{
	return strcmp(rule, "annual-review") == 0 ||
	    strcmp(rule, "review-decision") == 0 ||
	    strcmp(rule, "amended-plan") == 0 ||
	    strcmp(rule, "phase-transfer") == 0;
}

#define CASE_FLAGS "c.safeguarding | (c.looked_after << 1) | (c.chc << 2)"
#define CHILD_NAME "(SELECT p.forename || ' ' || p.surname FROM person p " \
	"WHERE p.id = c.person_id)"
#define DEADLINE_SELECT \
	"SELECT d.rule, d.rule_id, d.subject, d.exception, " \
	"d.seq, d.due, d.done, d.void, c.ref, c.officer, " CASE_FLAGS ", " \
	"d.advisory, " CHILD_NAME " "
#define DEADLINE_COLUMNS DEADLINE_SELECT \
	"FROM deadline d JOIN cases c ON c.id = d.case_id "

/*
 * Complete a deadline from its rule, dates and whether it is void, and
 * pass it to cb; the first open review date equal to effective is the
 * one that governs.
 */
static int
finish(struct ehc_db *db, struct ehc_deadline *d, int is_void,
    int32_t effective, int *effective_used,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	const struct ehc__rule *ru = ehc__rule(d->rule_id);

	d->regulation = ru != NULL ? ru->regulation : "";
	d->status = status_of(ru, d->due, d->done, is_void, db->today);
	d->kind = "deadline";
	d->protects_due = EHC_NO_DATE;
	d->warning = ehc_db_is_working_day(db, d->due) ? EHC_NO_DATE :
	    ehc_db_working_day_before(db, d->due);
	d->days = db->today == EHC_NO_DATE ? 0 : d->due - db->today;
	if (effective_used != NULL && !*effective_used &&
	    d->due == effective && d->done == EHC_NO_DATE &&
	    strcmp(d->status, "void") != 0 && is_review_rule(d->rule)) {
		d->effective = 1;
		*effective_used = 1;
	}
	return cb(d, payload);
}

/* Pass one deadline row to cb (see finish()). */
static int
emit(struct ehc_db *db, sqlite3_stmt *st, int32_t effective,
    int *effective_used, const struct refresh *ex,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	struct ehc_deadline d;
	int seq;

	memset(&d, 0, sizeof(d));
	d.rule = (const char *)sqlite3_column_text(st, 0);
	d.rule_id = (const char *)sqlite3_column_text(st, 1);
	d.subject = (const char *)sqlite3_column_text(st, 2);
	d.exception = (const char *)sqlite3_column_text(st, 3);
	seq = sqlite3_column_int(st, 4);
	if (seq >= 1 && seq <= ex->nexplained)
		d.explain = ex->explained[seq - 1];
	d.due = ehc__column_date(st, 5);
	d.done = ehc__column_date(st, 6);
	d.case_ref = (const char *)sqlite3_column_text(st, 8);
	d.officer = (const char *)sqlite3_column_text(st, 9);
	d.flags = sqlite3_column_int(st, 10);
	d.advisory = sqlite3_column_int(st, 11);
	d.child = (const char *)sqlite3_column_text(st, 12);
	return finish(db, &d, sqlite3_column_int(st, 7), effective,
	    effective_used, cb, payload);
}

/* A deadline derived but not stored, for the case cs is on. */
static int
emit_unstored(struct ehc_db *db, const struct unstored *u, sqlite3_stmt *cs,
    const struct refresh *ex, int (*cb)(const struct ehc_deadline *, void *),
    void *payload)
{
	struct ehc_deadline d;

	memset(&d, 0, sizeof(d));
	d.rule = u->ru->rule;
	d.rule_id = u->ru->id;
	d.explain = ex->explained[u->seq - 1];
	d.due = u->due;
	d.done = EHC_NO_DATE;
	d.advisory = u->ru->advisory;
	d.case_ref = (const char *)sqlite3_column_text(cs, 0);
	d.officer = (const char *)sqlite3_column_text(cs, 1);
	d.flags = sqlite3_column_int(cs, 2);
	d.child = (const char *)sqlite3_column_text(cs, 3);
	return finish(db, &d, u->is_void, EHC_NO_DATE, NULL, cb, payload);
}

/* Whether unstored deadline u comes before the row of due and seq. */
static int
unstored_before(const struct unstored *u, int32_t due, int seq)
{
	return u->due < due || (u->due == due && u->seq < seq);
}

static int
unstored_cmp(const void *a, const void *b)
{
	const struct unstored *x = a, *y = b;

	return unstored_before(x, y->due, y->seq) ? -1 :
	    unstored_before(y, x->due, x->seq);
}

int
ehc_deadline_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	sqlite3_stmt *st = NULL, *cs = NULL;
	struct refresh ex;
	int64_t found;
	int32_t effective = EHC_NO_DATE;
	int used = 0, k = 0, rc;

	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	/* The explanations, derived again; an unknown case has none. */
	memset(&ex, 0, sizeof(ex));
	ex.db = db;
	ex.explaining = 1;
	if ((rc = derive_range(&ex, case_id, case_id, &found)) != EHC_OK)
		goto out;
	if ((rc = ehc__db_prepare(db, &st, "SELECT min(due) FROM deadline "
	    "WHERE case_id = ?1 AND done IS NULL AND void = 0 AND advisory = 0 "
	    "AND rule IN "
	    "('annual-review', 'review-decision', 'amended-plan', "
	    "'phase-transfer')")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		effective = ehc__column_date(st, 0);
	sqlite3_finalize(st);
	/* The unstored ones merged in, by date; the case's details. */
	if (ex.nuns > 0) {
		qsort(ex.uns, (size_t)ex.nuns, sizeof(*ex.uns), unstored_cmp);
		if ((rc = ehc__db_prepare(db, &cs, "SELECT c.ref, c.officer, "
		    CASE_FLAGS ", " CHILD_NAME " FROM cases c WHERE c.id = ?1"))
		    != EHC_OK)
			goto out;
		sqlite3_bind_int64(cs, 1, case_id);
		if ((rc = sqlite3_step(cs)) != SQLITE_ROW) {
			rc = ehc__db_error(db, rc, "reading the case");
			goto out;
		}
	}
	if ((rc = ehc__db_prepare(db, &st, DEADLINE_COLUMNS
	    "WHERE d.case_id = ?1 ORDER BY d.due, d.seq")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (; k < ex.nuns && unstored_before(&ex.uns[k],
		    ehc__column_date(st, 5), sqlite3_column_int(st, 4)); k++)
			if ((rc = emit_unstored(db, &ex.uns[k], cs, &ex, cb,
			    payload)) != 0)
				goto out;
		if ((rc = emit(db, st, effective, &used, &ex, cb, payload))
		    != 0)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading deadlines");
		goto out;
	}
	for (rc = EHC_OK; rc == EHC_OK && k < ex.nuns; k++)
		rc = emit_unstored(db, &ex.uns[k], cs, &ex, cb, payload);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(cs);
	explained_free(&ex);
	return rc;
}

/*
 * An officer ehc knows: one with a profile or a case.  A name mistyped
 * must not look like "nothing due".
 */
static int
officer_known(struct ehc_db *db, const char *officer)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT EXISTS (SELECT 1 FROM "
	    "officer WHERE id = ?1) OR EXISTS (SELECT 1 FROM cases WHERE "
	    "officer = ?1)")) != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, officer);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) ? EHC_OK : ehc__db_fail(db,
		    EHC_ENOTFOUND, "no officer '%s' has a profile or a case; "
		    "see ehc officer list", officer);
	else
		rc = ehc__db_error(db, rc, "reading the officers");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_due_foreach(struct ehc_db *db, int within, const char *officer,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	struct ehc__items *items = NULL;
	const struct ehc_deadline *x;
	int rc;

	if ((rc = ehc__clock_settle(db)) == EHC_OK && (officer == NULL ||
	    (rc = officer_known(db, officer)) == EHC_OK) &&
	    (rc = ehc__items_open(&items, db, 0, officer, 1, db->today +
	    within)) == EHC_OK)
		while ((rc = ehc__items_next(items, &x)) == EHC_OK &&
		    x != NULL && (rc = cb(x, payload)) == 0)
			;
	ehc__items_close(items);
	return rc;
}

int
ehc_action_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	struct ehc__items *items = NULL;
	const struct ehc_deadline *x;
	int rc;

	if ((rc = ehc__clock_settle(db)) == EHC_OK &&
	    (rc = ehc__items_open(&items, db, case_id, NULL, 0, EHC_NO_DATE))
	    == EHC_OK)
		while ((rc = ehc__items_next(items, &x)) == EHC_OK &&
		    x != NULL && (rc = cb(x, payload)) == 0)
			;
	ehc__items_close(items);
	return rc;
}
