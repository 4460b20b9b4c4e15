/*
 * clock.c: the statutory clock.  derive_range() derives every deadline
 * of a range of cases (often one) from their events and the rules table
 * and stores them, or only explains them; the readers add what depends
 * on today (status, days left) and on the calendar (the weekend and
 * bank-holiday warning).
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPLAIN_LEN 1024
#define RULES_MAX 64

/* The units of rule.unit, in the order of units[]. */
enum {
	U_WEEKS, U_DAYS, U_DAYS_BEGINNING, U_MONTHS, U_PERIOD_MONTHS,
	U_WORKING_DAYS, U_BEFORE_DATE
};

static const char *const units[] = {
	"weeks", "days", "days-beginning-with", "months", "period-months",
	"working-days-beginning-with", "before-date"
};

struct rule_row {
	char	 id[40];
	char	 rule[32];
	char	 regulation[160];
	char	 trigger[120];
	int	 amount;
	int	 unit;		/* U_... */
	int	 fixed_month, fixed_day;	/* before-date: MM-DD */
	char	 note[400];
	int	 tribunal;	/* HESC rule 12 moves the date */
	int	 advisory;
};

/*
 * The tables a case's deadlines come from, each read by a cursor over a
 * range of cases in case order: deriving a whole import or caseload
 * reads each table once instead of querying it again for every case.
 * Column 0 is always the case id.
 */
enum {
	C_CASE, C_TRANSFER_IN, C_EXCEPTION, C_ADVICE, C_REVIEW, C_AMENDMENT,
	C_PHASE, C_CESSATION, C_TRANSFER, C_DISPUTE, C_FUNDING, C_ORDER,
	NCURSORS
};

static const char *const cursor_sql[NCURSORS] = {
	[C_CASE] = "SELECT c.id, p.dob, " CASE_STATE_COLUMNS " FROM cases c "
	    "JOIN person p ON p.id = c.person_id WHERE c.id BETWEEN ?1 AND ?2 "
	    "ORDER BY c.id",
	/* The first transfer in: reg 15's later review date. */
	[C_TRANSFER_IN] = "SELECT case_id, transferred, reviewed FROM "
	    "la_transfer WHERE case_id BETWEEN ?1 AND ?2 AND direction = 'in' "
	    "ORDER BY case_id, id",
	[C_EXCEPTION] = "SELECT case_id, step, coalesce(advice_id, 0), limb "
	    "FROM exception WHERE case_id BETWEEN ?1 AND ?2 "
	    "ORDER BY case_id, id",
	[C_ADVICE] = "SELECT case_id, id, seq, received_by, received FROM "
	    "advice WHERE case_id BETWEEN ?1 AND ?2 AND reused = 0 "
	    "ORDER BY case_id, seq",
	[C_REVIEW] = "SELECT case_id, id, meeting, report, decided, "
	    "not_in_school FROM review WHERE case_id BETWEEN ?1 AND ?2 "
	    "ORDER BY case_id, meeting, id",
	[C_AMENDMENT] = "SELECT case_id, coalesce(review_id, 0), proposed, "
	    "final, not_amended FROM amendment WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id, proposed, id",
	/*
	 * A phase transfer is done by the first amended plan finalised, or
	 * the first review decision to maintain, in the 12 months before it.
	 */
	[C_PHASE] = "SELECT p.case_id, p.transfer, p.kind, "
	    "(SELECT min(d) FROM (SELECT a.final AS d FROM amendment a "
	    "WHERE a.case_id = p.case_id AND a.final IS NOT NULL UNION ALL "
	    "SELECT v.decided FROM review v WHERE v.case_id = p.case_id AND "
	    "v.outcome = 'M') WHERE d >= date(p.transfer, '-12 months') AND "
	    "d <= p.transfer) FROM phase_transfer p WHERE p.case_id BETWEEN "
	    "?1 AND ?2 ORDER BY p.case_id, p.transfer, p.id",
	[C_CESSATION] = "SELECT case_id, decided, appeal_lodged FROM "
	    "cessation WHERE case_id BETWEEN ?1 AND ?2 AND decided IS NOT "
	    "NULL ORDER BY case_id, id",
	[C_TRANSFER] = "SELECT case_id, direction = 'out', move, aware, "
	    "transferred, notified FROM la_transfer WHERE case_id BETWEEN ?1 "
	    "AND ?2 ORDER BY case_id, id",
	[C_DISPUTE] = "SELECT case_id, notice, contact, mediation, mediated, "
	    "certificate, appeal FROM dispute WHERE case_id BETWEEN ?1 AND ?2 "
	    "ORDER BY case_id, id",
	[C_FUNDING] = "SELECT case_id, id, first_payment, reviewed FROM "
	    "funding WHERE case_id BETWEEN ?1 AND ?2 AND first_payment IS NOT "
	    "NULL ORDER BY case_id, id",
	[C_ORDER] = "SELECT o.case_id, o.id, o.kind, o.made, (SELECT "
	    "min(done) FROM order_step s WHERE s.order_id = o.id AND s.step "
	    "IN ('no-plan', 'final')) FROM tribunal_order o WHERE o.case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY o.case_id, o.id",
};

/* Cases derived per set of cursors: bounds the sorts behind them. */
#define RANGE_CASES 512
/*
 * Deriving at least this many cases, and at least as many as the store
 * held before them, drops the index of open deadlines and builds it again
 * afterwards: their due dates come in no order, and keeping the index
 * up to date row by row took a third of the time of storing them.
 */
#define BULK_CASES 4096

/* A case's exceptions and amendments, which are looked up repeatedly. */
struct exception_row {
	char	 step[24];
	int64_t	 advice_id;
	char	 limb[40];
};

struct amendment_row {
	int64_t	 review_id;
	int32_t	 proposed, final, not_amended;
};

static const struct ehc__insert deadline_insert = {
	"INSERT INTO deadline(case_id, seq, rule, rule_id, subject, due, done, "
	"void, exception, advisory) VALUES ", 10, "storing a deadline"
};

struct refresh {
	struct ehc_db	*db;
	int64_t		 case_id;
	struct ehc__batch *out;		/* the deadlines being stored */
	int		 seq;
	struct rule_row	*rules;		/* the handle's cache */
	int		 nrules;
	int32_t		 ceased;
	int32_t		 dob;
	int32_t		 transferred_in;	/* reg 15: plan came in */
	int32_t		 reviewed_before;	/* its last review there */
	sqlite3_stmt	*cur[NCURSORS];
	int		 on[NCURSORS];		/* cur[i] is on a row */
	int		 err;			/* a cursor failed */
	struct exception_row *exc;
	int		 nexc, excap;
	struct amendment_row *amd;
	int		 namd, amdcap;
	/*
	 * Explaining, not storing: each deadline's explanation, by seq.
	 * The explanations are not stored (they are most of a deadline's
	 * size); `case show --explain` derives them again, in the same
	 * order, so seq matches the stored row.
	 */
	int		 explaining;
	char		**explained;
	int		 nexplained;
};

static void
copy_col(char *dst, size_t len, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, len, "%s", s ? s : "");
}

/* The rules table, read once per handle: it does not change in a run. */
static int
load_rules(struct refresh *r)
{
	sqlite3_stmt *st;
	struct rule_row *rows, *row;
	int rc, n = 0;

	if (r->db->rules != NULL) {
		r->rules = r->db->rules;
		r->nrules = r->db->nrules;
		return EHC_OK;
	}
	if ((rows = calloc(RULES_MAX, sizeof(*rows))) == NULL)
		return EHC_ENOMEM;
	if ((rc = ehc__db_prepare(r->db, &st, "SELECT id, rule, regulation, "
	    "trigger, amount, unit, fixed, note, calendar = 'tribunal', "
	    "advisory FROM rule")) != EHC_OK) {
		free(rows);
		return rc;
	}
	while (sqlite3_step(st) == SQLITE_ROW && n < RULES_MAX) {
		row = &rows[n++];
		copy_col(row->id, sizeof(row->id), st, 0);
		copy_col(row->rule, sizeof(row->rule), st, 1);
		copy_col(row->regulation, sizeof(row->regulation), st, 2);
		copy_col(row->trigger, sizeof(row->trigger), st, 3);
		row->amount = sqlite3_column_int(st, 4);
		/* The schema allows no other unit. */
		for (row->unit = U_WEEKS; row->unit < U_BEFORE_DATE &&
		    strcmp(units[row->unit], (const char *)
		    sqlite3_column_text(st, 5)) != 0; row->unit++)
			;
		if (sqlite3_column_type(st, 6) == SQLITE_NULL ||
		    sscanf((const char *)sqlite3_column_text(st, 6), "%d-%d",
		    &row->fixed_month, &row->fixed_day) != 2)
			row->fixed_month = row->fixed_day = 1;
		copy_col(row->note, sizeof(row->note), st, 7);
		row->tribunal = sqlite3_column_int(st, 8);
		row->advisory = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	r->db->rules = r->rules = rows;
	r->db->nrules = r->nrules = n;
	return EHC_OK;
}

static const struct rule_row *
rule(struct refresh *r, const char *id)
{
	int i;

	for (i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].id, id) == 0)
			return &r->rules[i];
	return NULL;
}

/*
 * HESC rule 12: an act due on a non-working day is in time on the next
 * working day; an appeal deadline falling from 25 December to 1 January
 * or in August moves to the first working day after 1 January or after
 * 31 August.
 */
static int32_t
tribunal_day(struct ehc_db *db, int32_t due, char *why, size_t len)
{
	int y, m, d;
	int32_t moved = due;

	ehc_date_to_ymd(&y, &m, &d, due);
	if ((m == 12 && d >= 25) || (m == 1 && d == 1)) {
		moved = ehc_db_add_working_days(db,
		    ehc_date_from_ymd(m == 12 ? y + 1 : y, 1, 2), 0);
		snprintf(why, len, "falls from 25 December to 1 January, so "
		    "the first working day after 1 January");
	} else if (m == 8) {
		moved = ehc_db_add_working_days(db, ehc_date_from_ymd(y, 9, 1),
		    0);
		snprintf(why, len, "falls in August, so the first working day "
		    "after 31 August");
	} else if (!ehc_db_is_working_day(db, due)) {
		moved = ehc_db_add_working_days(db, due, 0);
		snprintf(why, len, "falls on a non-working day, so the next "
		    "working day");
	} else
		why[0] = '\0';
	return moved;
}

/* How apply() reached due from t; see there. */
static void
explain_rule(const struct rule_row *ru, int32_t t, const char *label,
    int32_t anchor, int32_t due, int32_t moved, const char *why,
    char *explain, size_t len)
{
	char ts[EHC_DATE_LEN], ds[EHC_DATE_LEN], as[EHC_DATE_LEN];
	int y, m, d;
	size_t n;
	ehc_date_format(ts, sizeof(ts), t);
	ehc_date_format(ds, sizeof(ds), due);
	switch (ru->unit) {
	case U_WEEKS:
		n = (size_t)snprintf(explain, len, "%s (%s) + %d weeks (%d "
		    "days) = %s", ts, label, ru->amount, 7 * ru->amount, ds);
		break;
	case U_DAYS:
		n = (size_t)snprintf(explain, len, "%s (%s) + %d days = %s",
		    ts, label, ru->amount, ds);
		break;
	case U_DAYS_BEGINNING:
		n = (size_t)snprintf(explain, len, "%d days beginning with %s "
		    "(%s) counts that day as day 1: %s + %d = %s", ru->amount,
		    ts, label, ts, ru->amount - 1, ds);
		break;
	case U_MONTHS:
		n = (size_t)snprintf(explain, len, "%s (%s) %+d calendar "
		    "months (a missing day becomes the month's last) = %s", ts,
		    label, ru->amount, ds);
		break;
	case U_PERIOD_MONTHS:
		ehc_date_format(as, sizeof(as), anchor);
		n = (size_t)snprintf(explain, len, "the %d-month period "
		    "starting with %s (%s)%s%s ends on %s + %d months - 1 day "
		    "= %s", ru->amount, ts, label, anchor != t ?
		    ", clamped to " : "", anchor != t ? as : "", as,
		    ru->amount, ds);
		break;
	case U_WORKING_DAYS:
		n = (size_t)snprintf(explain, len, "%d working days beginning "
		    "with %s (%s), without weekends and bank holidays: %s",
		    ru->amount, ts, label, ds);
		break;
	default:	/* U_BEFORE_DATE */
		ehc_date_to_ymd(&y, &m, &d, t);
		n = (size_t)snprintf(explain, len, "before %02d-%02d of the "
		    "transfer year %d (%s on %s): the last day is %s",
		    ru->fixed_month, ru->fixed_day, y, label, ts, ds);
		break;
	}
	if (moved != due && n < len) {
		ehc_date_format(ds, sizeof(ds), moved);
		n += (size_t)snprintf(explain + n, len - n, "; it %s (HESC rule "
		    "12): %s", why, ds);
	}
	if (n < len)
		snprintf(explain + n, len - n, "; %s%s%s", ru->regulation,
		    ru->note[0] ? "; " : "", ru->note);
}

/*
 * Apply a rule to its trigger day, writing how into explain when the
 * deadlines are being explained.  Every unit is the strict, earliest
 * reading of statutory-rules.md section 1.
 */
static int32_t
apply(const struct refresh *r, const struct rule_row *ru, int32_t t,
    const char *label, char *explain, size_t len)
{
	struct ehc_db *db = r->db;
	int32_t due, anchor = t, moved;
	char why[96] = "";
	int y, m, d;

	switch (ru->unit) {
	case U_WEEKS:
		due = t + 7 * ru->amount;
		break;
	case U_DAYS:
		due = t + ru->amount;
		break;
	case U_DAYS_BEGINNING:
		due = t + ru->amount - 1;
		break;
	case U_MONTHS:
		due = ehc_date_add_months(t, ru->amount);
		break;
	case U_PERIOD_MONTHS:
		ehc_date_to_ymd(&y, &m, &d, t);
		anchor = (m == 2 && d == 29) ? t - 1 : t;
		due = ehc_date_add_months(anchor, ru->amount) - 1;
		break;
	case U_WORKING_DAYS:
		due = ehc_db_add_working_days(db, t, ru->amount - 1);
		break;
	default:	/* U_BEFORE_DATE */
		ehc_date_to_ymd(&y, &m, &d, t);
		due = ehc_date_from_ymd(y, ru->fixed_month, ru->fixed_day) - 1;
		break;
	}
	moved = ru->tribunal ? tribunal_day(db, due, why, sizeof(why)) : due;
	if (r->explaining)
		explain_rule(ru, t, label, anchor, due, moved, why, explain,
		    len);
	return moved;
}

struct dl {
	const char	*rule_id;
	const char	*subject;
	const char	*exception;
	int32_t		 due, done;
	int		 is_void;
	char		 explain[EXPLAIN_LEN];
};

/* Not a memset: the explanation is a kilobyte, and most are not made. */
static void
dl_init(struct dl *d, const char *rule_id)
{
	d->rule_id = rule_id;
	d->subject = d->exception = NULL;
	d->due = d->done = EHC_NO_DATE;
	d->is_void = 0;
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

static int
store(struct refresh *r, const struct dl *d)
{
	const struct rule_row *ru = rule(r, d->rule_id);
	struct ehc__batch *b = r->out;
	char **more;

	if (r->explaining) {
		if ((more = realloc(r->explained, (size_t)(r->nexplained + 1) *
		    sizeof(*more))) == NULL)
			return EHC_ENOMEM;
		r->explained = more;
		if ((more[r->nexplained] = strdup(d->explain)) == NULL)
			return EHC_ENOMEM;
		r->nexplained++;
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

/* Compute a deadline from rule id and trigger, then store it. */
static int
add(struct refresh *r, const char *rule_id, int32_t trigger,
    const char *label, int32_t done, int is_void, const char *subject,
    const char *exception)
{
	const struct rule_row *ru = rule(r, rule_id);
	struct dl d;

	if (ru == NULL)
		return ehc__db_fail(r->db, EHC_ERROR, "the rules table has no "
		    "rule '%s'", rule_id);
	dl_init(&d, rule_id);
	d.subject = subject;
	d.exception = exception;
	d.due = apply(r, ru, trigger, label, d.explain,
	    sizeof(d.explain));
	d.done = done;
	d.is_void = is_void;
	return store(r, &d);
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
	void *more;

	r->nexc = r->namd = 0;
	for (st = r->cur[C_EXCEPTION]; at(r, C_EXCEPTION);
	    cursor_next(r, C_EXCEPTION)) {
		if (r->nexc == r->excap) {
			if ((more = realloc(r->exc, (size_t)(r->excap + 8) *
			    sizeof(*r->exc))) == NULL)
				return EHC_ENOMEM;
			r->exc = more;
			r->excap += 8;
		}
		copy_col(r->exc[r->nexc].step, sizeof(r->exc->step), st, 1);
		r->exc[r->nexc].advice_id = sqlite3_column_int64(st, 2);
		copy_col(r->exc[r->nexc].limb, sizeof(r->exc->limb), st, 3);
		r->nexc++;
	}
	for (st = r->cur[C_AMENDMENT]; at(r, C_AMENDMENT);
	    cursor_next(r, C_AMENDMENT)) {
		if (r->namd == r->amdcap) {
			if ((more = realloc(r->amd, (size_t)(r->amdcap + 8) *
			    sizeof(*r->amd))) == NULL)
				return EHC_ENOMEM;
			r->amd = more;
			r->amdcap += 8;
		}
		r->amd[r->namd].review_id = sqlite3_column_int64(st, 1);
		r->amd[r->namd].proposed = ehc__column_date(st, 2);
		r->amd[r->namd].final = ehc__column_date(st, 3);
		r->amd[r->namd].not_amended = ehc__column_date(st, 4);
		r->namd++;
	}
	return r->err;
}

/* The exception recorded for a step (and advice), if any. */
static const char *
exception_for(const struct refresh *r, const char *step, int64_t advice_id)
{
	int i;

	for (i = 0; i < r->nexc; i++)
		if (strcmp(r->exc[i].step, step) == 0 &&
		    r->exc[i].advice_id == advice_id)
			return r->exc[i].limb;
	return NULL;
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
	if ((rc = add(r, "decide-assess", cs->received, "request received",
	    cs->assess_date, withdrawn, NULL, exception_for(r,
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
	    cs->issue_date, withdrawn || refused, NULL, exception_for(r,
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

/* The representation window and final date of one amendment. */
static int
amendment(struct refresh *r, int32_t proposed, int32_t final,
    int32_t not_amended, int32_t meeting)
{
	const struct rule_row *ru;
	struct dl d;
	char more[EXPLAIN_LEN];
	int32_t closed = final != EHC_NO_DATE ? final : not_amended, longstop;
	int rc;

	if ((rc = add(r, "amend-representations", proposed,
	    "amendment notice served", closed == EHC_NO_DATE ? EHC_NO_DATE :
	    min_date(closed, proposed + 14), 0, NULL, NULL)) != EHC_OK)
		return rc;
	dl_init(&d, "amended-plan");
	d.due = apply(r, rule(r, "amended-plan"), proposed,
	    "amendment notice sent", d.explain, sizeof(d.explain));
	d.done = closed;
	if (meeting != EHC_NO_DATE &&
	    (ru = rule(r, "amended-plan-long-stop")) != NULL) {
		longstop = apply(r, ru, meeting, "review meeting", more,
		    sizeof(more));
		if (longstop < d.due) {
			d.due = longstop;
			d.rule_id = "amended-plan-long-stop";
		}
		explain_add(r, &d, "; long-stop: %s; the earlier date "
		    "applies", more);
	}
	return store(r, &d);
}

/* The 12-month review date, or reg 15(5)'s later one after a transfer. */
static int
annual(struct refresh *r, int32_t anchor, const char *label, int32_t done)
{
	const struct rule_row *ru = rule(r, "annual-review"), *tr;
	struct dl d;
	char more[EXPLAIN_LEN], meet[EHC_DATE_LEN], invite[EHC_DATE_LEN];
	char clear[EHC_DATE_LEN];
	int32_t later;

	dl_init(&d, "annual-review");
	d.due = apply(r, ru, anchor, label, d.explain, sizeof(d.explain));
	d.done = done;
	if (r->transferred_in != EHC_NO_DATE && anchor <= r->transferred_in &&
	    (tr = rule(r, "transfer-review")) != NULL) {
		later = apply(r, tr, r->transferred_in, "plan transferred "
		    "in", more, sizeof(more));
		if (later > d.due) {
			d.due = later;
			d.rule_id = "transfer-review";
		}
		explain_add(r, &d, "; after the transfer: %s; the later date "
		    "applies", more);
	}
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

static int
reviews(struct refresh *r, const struct case_state *cs)
{
	sqlite3_stmt *st = r->cur[C_REVIEW];
	int32_t anchor = cs->final_date, meeting, decided, open_meeting;
	char label[96], ds[EHC_DATE_LEN];
	int open_review = 0, reg21, rc = EHC_OK;

	snprintf(label, sizeof(label), "plan first issued");
	if (r->reviewed_before != EHC_NO_DATE) {
		anchor = r->reviewed_before;
		snprintf(label, sizeof(label), "last review decision before "
		    "the transfer");
	}
	open_meeting = EHC_NO_DATE;
	for (; rc == EHC_OK && at(r, C_REVIEW); cursor_next(r, C_REVIEW)) {
		meeting = ehc__column_date(st, 2);
		decided = ehc__column_date(st, 4);
		reg21 = sqlite3_column_int(st, 5);
		if ((rc = annual(r, anchor, label, decided)) != EHC_OK ||
		    (rc = add(r, reg21 ? "review-report-21" : "review-report",
		    meeting, "review meeting", ehc__column_date(st, 3),
		    decided != EHC_NO_DATE, NULL, NULL)) != EHC_OK ||
		    (rc = add(r, reg21 ? "review-decision-21" :
		    "review-decision", meeting, "review meeting", decided, 0,
		    NULL, NULL)) != EHC_OK ||
		    (rc = amendments(r, sqlite3_column_int64(st, 1), meeting))
		    != EHC_OK)
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
	if (rc == EHC_OK && r->dob != EHC_NO_DATE &&
	    ehc_date_age(r->dob, anchor) >= 16)
		rc = add(r, "age-25", r->dob, "date of birth", EHC_NO_DATE, 0,
		    NULL, NULL);
	if (rc == EHC_OK)
		rc = amendments(r, 0, EHC_NO_DATE);
	return rc;
}

/* The window in which the family may appeal a decision to cease. */
static int
cessations(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_CESSATION];
	struct dl d;
	int32_t decided, lodged;
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_CESSATION);
	    cursor_next(r, C_CESSATION)) {
		decided = ehc__column_date(st, 1);
		lodged = ehc__column_date(st, 2);
		dl_init(&d, "cease-appeal");
		d.due = apply(r, rule(r, "cease-appeal"), decided,
		    "decision to cease sent", d.explain, sizeof(d.explain));
		/* The window closes with an appeal, or at its end. */
		d.done = lodged != EHC_NO_DATE ? lodged :
		    min_date(r->ceased, d.due);
		if (lodged == EHC_NO_DATE && r->ceased == EHC_NO_DATE)
			d.done = EHC_NO_DATE;
		rc = store(r, &d);
	}
	return rc;
}

static int
disputes(struct refresh *r)
{
	const struct rule_row *ru;
	sqlite3_stmt *st = r->cur[C_DISPUTE];
	struct dl d;
	char more[EXPLAIN_LEN];
	int32_t notice, cert, mediation, mediated, later;
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_DISPUTE); cursor_next(r, C_DISPUTE)) {
		notice = ehc__column_date(st, 1);
		mediation = ehc__column_date(st, 3);
		mediated = ehc__column_date(st, 4);
		cert = ehc__column_date(st, 5);
		if ((rc = add(r, "mediation-contact", notice, "decision notice "
		    "sent", ehc__column_date(st, 2), 0, NULL, NULL)) != EHC_OK)
			break;
		if (mediation != EHC_NO_DATE && (rc = add(r,
		    "mediation-arrange", mediation, "family asked for "
		    "mediation", mediated, 0, NULL, NULL)) != EHC_OK)
			break;
		if (mediated != EHC_NO_DATE && (rc = add(r,
		    "mediation-certificate", mediated + 1, "the day after the "
		    "mediation", cert, 0, NULL, NULL)) != EHC_OK)
			break;
		dl_init(&d, "appeal");
		d.due = apply(r, rule(r, "appeal"), notice, "decision "
		    "notice sent", d.explain, sizeof(d.explain));
		d.done = ehc__column_date(st, 6);
		if (cert != EHC_NO_DATE &&
		    (ru = rule(r, "appeal-certificate")) != NULL) {
			later = apply(r, ru, cert, "mediation certificate "
			    "issued", more, sizeof(more));
			if (later > d.due) {
				d.due = later;
				d.rule_id = "appeal-certificate";
			}
			explain_add(r, &d, "; or %s; the later date applies",
			    more);
		}
		rc = store(r, &d);
	}
	return rc;
}

/* Each order's steps under reg 44, by kind. */
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
};

static int
orders(struct refresh *r)
{
	sqlite3_stmt *st = r->cur[C_ORDER], *sd;
	char subject[48];
	int32_t made, done, closed;
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
		made = ehc__column_date(st, 3);
		closed = ehc__column_date(st, 4);
		for (i = 0; rc == EHC_OK &&
		    i < sizeof(order_steps) / sizeof(order_steps[0]); i++) {
			if (strcmp(order_steps[i].kind,
			    (const char *)sqlite3_column_text(st, 2)) != 0)
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
			rc = add(r, order_steps[i].rule_id, made, "order made",
			    done, closed != EHC_NO_DATE, subject, NULL);
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
		dl_init(&d, "transfer-out");
		d.done = ehc__column_date(st, 4);
		if (notice >= 15) {
			d.due = move;
			ehc_date_format(ms, sizeof(ms), move);
			ehc_date_format(as, sizeof(as), aware);
			explain_add(r, &d, "aware on %s, %d "
			    "working days before the move: transfer on the day "
			    "of the move, %s; SEND Regulations 2014 reg 15(2)",
			    as, notice, ms);
		} else
			d.due = apply(r, rule(r, "transfer-out"), aware,
			    "the authority learned of the move", d.explain,
			    sizeof(d.explain));
		rc = store(r, &d);
	}
	return rc;
}

/* Direct payments: the first review 3 months after the first payment. */
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

static int
phase_transfers(struct refresh *r)
{
	const struct rule_row *ru;
	sqlite3_stmt *st = r->cur[C_PHASE];
	struct dl d;
	char id[48], notice[EHC_DATE_LEN], meet[EHC_DATE_LEN];
	int rc = EHC_OK;

	for (; rc == EHC_OK && at(r, C_PHASE); cursor_next(r, C_PHASE)) {
		snprintf(id, sizeof(id), "phase-transfer-%s",
		    sqlite3_column_text(st, 2));
		if ((ru = rule(r, id)) == NULL) {
			rc = ehc__db_fail(r->db, EHC_ERROR, "the rules table "
			    "has no rule '%s'", id);
			break;
		}
		dl_init(&d, id);
		d.due = apply(r, ru, ehc__column_date(st, 1),
		    "transfer date", d.explain, sizeof(d.explain));
		d.done = ehc__column_date(st, 3);
		/*
		 * Back-planning: amendments proposed 8 weeks before (reg
		 * 22(3)), after a review meeting 4 weeks before that.
		 */
		if (r->explaining) {
			ehc_date_format(notice, sizeof(notice), d.due - 56);
			ehc_date_format(meet, sizeof(meet), d.due - 84);
			explain_add(r, &d, "; to meet it, propose the "
			    "amendments by %s (8 weeks before) after a review "
			    "meeting by %s (4 weeks before that)", notice,
			    meet);
		}
		rc = store(r, &d);
	}
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
	ehc__case_state_read(st, 2, cs);
	r->ceased = cs->cease_date;
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
	    (rc = phase_transfers(r)) != EHC_OK ||
	    (rc = cessations(r)) != EHC_OK ||
	    (rc = transfers(r)) != EHC_OK))
		return rc;
	if ((rc = disputes(r)) != EHC_OK ||
	    (rc = direct_payments(r)) != EHC_OK ||
	    (rc = orders(r)) != EHC_OK)
		return rc;
	return r->err;
}

/*
 * Derive the deadlines of cases lo to hi (those that exist): store them,
 * or only explain them (one case).  Counts the cases in *found.
 */
/*
 * The text of the index of open deadlines, when the range is a bulk one
 * (see BULK_CASES) and the index was dropped to be made again from it.
 */
static int
bulk_begin(struct refresh *r, int64_t lo, int64_t hi, char **index_sql)
{
	sqlite3_stmt *st;
	int rc;

	*index_sql = NULL;
	if (r->explaining || hi - lo + 1 < BULK_CASES || hi - lo + 1 < lo - 1)
		return EHC_OK;
	if ((rc = ehc__db_prepare(r->db, &st, "SELECT sql FROM sqlite_schema "
	    "WHERE type = 'index' AND name = 'deadline_open'")) != EHC_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW && (*index_sql = strdup((const char *)
	    sqlite3_column_text(st, 0))) == NULL)
		rc = EHC_ENOMEM;
	sqlite3_finalize(st);
	if (rc != EHC_OK || *index_sql == NULL)
		return rc;
	/* A statement still reading keeps the index: then row by row. */
	if (((rc = sqlite3_exec(r->db->h, "DROP INDEX deadline_open", NULL,
	    NULL, NULL)) & 0xff) == SQLITE_LOCKED) {
		free(*index_sql);
		*index_sql = NULL;
		return EHC_OK;
	}
	return rc == SQLITE_OK ? EHC_OK : ehc__db_error(r->db, rc,
	    "updating the store");
}

static int
derive_range(struct refresh *r, int64_t lo, int64_t hi, int64_t *found)
{
	struct ehc_db *db = r->db;
	sqlite3_stmt *del = NULL;
	char *index_sql;
	int64_t a, b;
	int rc;

	*found = 0;
	if ((rc = load_rules(r)) != EHC_OK ||
	    (rc = bulk_begin(r, lo, hi, &index_sql)) != EHC_OK)
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
	if (rc == EHC_OK && index_sql != NULL)
		rc = ehc__db_exec(db, index_sql);
out:
	ehc__batch_close(r->out);
	r->out = NULL;
	free(index_sql);
	free(r->exc);
	free(r->amd);
	r->exc = NULL;
	r->amd = NULL;
	r->nexc = r->excap = r->namd = r->amdcap = 0;
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
	r->explained = NULL;
	r->nexplained = 0;
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
 * deadlines were made by another version are recomputed on open.
 */
#define CLOCK_VERSION "7"

int
ehc__clock_check_version(struct ehc_db *db)
{
	sqlite3_stmt *st;
	int rc, stale = 1;

	if ((rc = ehc__db_prepare(db, &st, "SELECT value = ?1 FROM setting "
	    "WHERE key = 'clock_version'")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, CLOCK_VERSION, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		stale = !sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!stale)
		return EHC_OK;
	if ((rc = ehc_db_begin(db, EHC_TXN_WRITE)) != EHC_OK)
		return rc;
	if ((rc = ehc_clock_refresh_all(db)) != EHC_OK ||
	    (rc = ehc__db_exec(db, "INSERT OR REPLACE INTO setting(key, "
	    "value) VALUES ('clock_version', '" CLOCK_VERSION "')"))
	    != EHC_OK) {
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

static const char *
status_of(int32_t due, int32_t done, int is_void, int32_t today)
{
	if (done != EHC_NO_DATE)
		return done <= due ? "met" : "late";
	if (is_void)
		return "void";
	return today != EHC_NO_DATE && today > due ? "overdue" : "open";
}

static int
is_review_rule(const char *rule)
{
	return strcmp(rule, "annual-review") == 0 ||
	    strcmp(rule, "review-decision") == 0 ||
	    strcmp(rule, "amended-plan") == 0 ||
	    strcmp(rule, "phase-transfer") == 0;
}

#define DEADLINE_SELECT \
	"SELECT d.rule, d.rule_id, r.regulation, d.subject, d.exception, " \
	"d.seq, d.due, d.done, d.void, c.ref, c.officer, " \
	"c.safeguarding | (c.looked_after << 1) | (c.chc << 2), d.advisory "
#define DEADLINE_COLUMNS DEADLINE_SELECT \
	"FROM deadline d JOIN cases c ON c.id = d.case_id " \
	"JOIN rule r ON r.id = d.rule_id "

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
	d.regulation = (const char *)sqlite3_column_text(st, 2);
	d.subject = (const char *)sqlite3_column_text(st, 3);
	d.exception = (const char *)sqlite3_column_text(st, 4);
	seq = sqlite3_column_int(st, 5);
	if (ex != NULL && seq >= 1 && seq <= ex->nexplained)
		d.explain = ex->explained[seq - 1];
	d.due = ehc__column_date(st, 6);
	d.done = ehc__column_date(st, 7);
	d.status = status_of(d.due, d.done, sqlite3_column_int(st, 8),
	    db->today);
	d.case_ref = (const char *)sqlite3_column_text(st, 9);
	d.officer = (const char *)sqlite3_column_text(st, 10);
	d.flags = sqlite3_column_int(st, 11);
	d.advisory = sqlite3_column_int(st, 12);
	d.warning = ehc_db_is_working_day(db, d.due) ? EHC_NO_DATE :
	    ehc_db_working_day_before(db, d.due);
	d.days = db->today == EHC_NO_DATE ? 0 : d.due - db->today;
	if (effective_used != NULL && !*effective_used &&
	    d.due == effective && d.done == EHC_NO_DATE &&
	    strcmp(d.status, "void") != 0 && is_review_rule(d.rule)) {
		d.effective = 1;
		*effective_used = 1;
	}
	return cb(&d, payload);
}

int
ehc_deadline_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	sqlite3_stmt *st = NULL;
	struct refresh ex;
	int64_t found;
	int32_t effective = EHC_NO_DATE;
	int used = 0, rc;

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
	if ((rc = ehc__db_prepare(db, &st, DEADLINE_COLUMNS
	    "WHERE d.case_id = ?1 ORDER BY d.due, d.seq")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = emit(db, st, effective, &used, &ex, cb, payload))
		    != 0)
			break;
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	else if (rc > 0)
		rc = ehc__db_error(db, rc, "reading deadlines");
	sqlite3_finalize(st);
out:
	explained_free(&ex);
	return rc;
}

int
ehc_due_foreach(struct ehc_db *db, int within, const char *officer,
    int (*cb)(const struct ehc_deadline *, void *), void *payload)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__clock_settle(db)) != EHC_OK)
		return rc;
	/*
	 * The caseload's list reads the open deadlines by date; an officer's
	 * reads that officer's cases first (CROSS JOIN fixes the order), so
	 * it costs the officer's caseload, not the country's.
	 */
	if ((rc = ehc__db_prepare(db, &st, officer == NULL ? DEADLINE_COLUMNS
	    "WHERE d.done IS NULL AND d.void = 0 AND d.advisory = 0 AND "
	    "d.due <= ?1 ORDER BY d.due, c.id, d.seq" : DEADLINE_SELECT
	    "FROM cases c CROSS JOIN deadline d ON d.case_id = c.id "
	    "JOIN rule r ON r.id = d.rule_id WHERE c.officer = ?2 AND "
	    "d.done IS NULL AND d.void = 0 AND d.advisory = 0 AND "
	    "d.due <= ?1 ORDER BY d.due, c.id, d.seq")) != EHC_OK)
		return rc;
	ehc__bind_date(st, 1, db->today + within);
	ehc__bind_text(st, 2, officer);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = emit(db, st, EHC_NO_DATE, NULL, NULL, cb,
		    payload)) != 0)
			break;
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	else if (rc > 0)
		rc = ehc__db_error(db, rc, "reading deadlines");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_rule_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_rule *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_rule ru;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT id, rule, regulation, "
	    "trigger, amount, unit, fixed, exceptions, note FROM rule "
	    "ORDER BY rowid")) != EHC_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ru.id = (const char *)sqlite3_column_text(st, 0);
		ru.rule = (const char *)sqlite3_column_text(st, 1);
		ru.regulation = (const char *)sqlite3_column_text(st, 2);
		ru.trigger = (const char *)sqlite3_column_text(st, 3);
		ru.amount = sqlite3_column_int(st, 4);
		ru.unit = (const char *)sqlite3_column_text(st, 5);
		ru.fixed = (const char *)sqlite3_column_text(st, 6);
		ru.exceptions = (const char *)sqlite3_column_text(st, 7);
		ru.note = (const char *)sqlite3_column_text(st, 8);
		if ((rc = cb(&ru, payload)) != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}
