/*
 * report_table.c: the management reports as tables of typed columns.
 * Each report is a row of reports[] below: its columns, and either the
 * aggregate queries that fill it or the function that does.  Adding a
 * report is adding a row there; how it is printed is the caller's.
 */
#include "internal.h"

#include <ctype.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum report_flags {
	R_TOTAL = 1 << 0,	/* a total row, the sum of the others */
	R_MONTHS = 1 << 1,	/* one row for every month of the year */
	R_YEAR = 1 << 2		/* needs params->year */
};

struct report_def {
	const char		*name;
	const char		*title;
	int			 nkeys;
	unsigned int		 flags;
	/*
	 * Queries whose rows are (key..., column, count), with ?1 the year,
	 * ?2 the day (today, or the caseload's), ?3 and ?4 the 4 weeks of a
	 * review decision and the 6 weeks of advice (as "+N days", from the
	 * rule registry); or a function.
	 */
	const char *const	*sql;
	int			(*build)(struct ehc_db *, struct ehc_table *,
				    const struct ehc_report_params *);
	struct ehc_column	 cols[EHC_TABLE_MAX_COLS];
};

#define COL(key, heading, type)	{ key, heading, EHC_COL_##type, 0 }

void
ehc_table_free(struct ehc_table *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	free(t->total);
	free(t);
}

/* A new row with these keys and every value 0; NULL on no memory. */
static struct ehc_table_row *
row_add(struct ehc_table *t, const char *const *key, int *cap)
{
	struct ehc_table_row *grown, *r;
	int k;

	if (t->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		grown = realloc(t->rows, (size_t)*cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		t->rows = grown;
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	for (k = 0; k < t->nkeys; k++)
		snprintf(r->key[k], sizeof(r->key[k]), "%s", key[k]);
	return r;
}

/* The row with these keys, added when new. */
static struct ehc_table_row *
row_for(struct ehc_table *t, const char *const *key, int *cap)
{
	int i, k;

	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < t->nkeys; k++)
			if (strcmp(t->rows[i].key[k], key[k]) != 0)
				break;
		if (k == t->nkeys)
			return &t->rows[i];
	}
	return row_add(t, key, cap);
}

/* Bind parameter idx, if the query has it, to "+N days". */
static void
days_param(sqlite3_stmt *st, int idx, const char *rule_id)
{
	char modifier[24];

	if (sqlite3_bind_parameter_count(st) < idx)
		return;
	snprintf(modifier, sizeof(modifier), "%+d days",
	    ehc__rule_days(rule_id));
	sqlite3_bind_text(st, idx, modifier, -1, SQLITE_TRANSIENT);
}

/* Add each (key..., column, count) row of a query into the table. */
static int
accumulate(struct ehc_db *db, struct ehc_table *t, int *cap,
    const char *sql, int year, int32_t on)
{
	struct ehc_table_row *r;
	const char *key[EHC_TABLE_MAX_KEYS];
	sqlite3_stmt *st;
	int rc, col, k;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int(st, 1, year);
	ehc__bind_date(st, 2, on);
	/* The periods the queries compare with, from the registry. */
	days_param(st, 3, "review-decision");
	days_param(st, 4, "advice");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < t->nkeys; k++)
			if ((key[k] = (const char *)sqlite3_column_text(st, k))
			    == NULL)
				key[k] = "not recorded";
		col = sqlite3_column_int(st, t->nkeys);
		if (col < t->nkeys || col >= t->ncols)
			continue;
		if ((r = row_for(t, key, cap)) == NULL) {
			sqlite3_finalize(st);
			return EHC_ENOMEM;
		}
		r->v[col] += (double)sqlite3_column_int64(st, t->nkeys + 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "building a report");
}

/* Keys that start with a number sort by it: the age band 5-10 first. */
static int
cmp_key(const char *a, const char *b)
{
	long x, y;

	if (isdigit((unsigned char)a[0]) && isdigit((unsigned char)b[0]) &&
	    (x = strtol(a, NULL, 10)) != (y = strtol(b, NULL, 10)))
		return x < y ? -1 : 1;
	return strcmp(a, b);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct ehc_table_row *x = a, *y = b;
	int c = cmp_key(x->key[0], y->key[0]);

	return c != 0 ? c : cmp_key(x->key[1], y->key[1]);
}

/* A percentage, or NaN for a share of nothing. */
static double
pct(double num, double den)
{
	return den > 0 ? 100.0 * num / den : NAN;
}

/* Timeliness: the measures of report.c, a row a month. */
static void
timeliness_row(struct ehc_table_row *r, const struct ehc_timeliness_row *m)
{
	r->v[1] = m->issued;
	r->v[2] = m->issued_20;
	r->v[3] = pct(m->issued_20, m->issued);
	r->v[4] = m->issued_ex;
	r->v[5] = m->issued_20_ex;
	r->v[6] = pct(m->issued_20_ex, m->issued_ex);
	r->v[7] = m->issued_over_52;
	r->v[8] = m->issued > 0 ? (double)m->issued_days / 7.0 / m->issued :
	    NAN;
	r->v[9] = m->assess;
	r->v[10] = m->assess_6;
	r->v[11] = pct(m->assess_6, m->assess);
	r->v[12] = m->no_issue;
	r->v[13] = m->no_issue_16;
	r->v[14] = pct(m->no_issue_16, m->no_issue);
}

static int
build_timeliness(struct ehc_db *db, struct ehc_table *t,
    const struct ehc_report_params *p)
{
	struct ehc_timeliness tl;
	int i, rc;

	if ((rc = ehc_report_timeliness(&tl, db, p->year)) != EHC_OK)
		return rc;
	for (i = 0; i < 12; i++)
		timeliness_row(&t->rows[i], &tl.months[i]);
	if ((t->total = calloc(1, sizeof(*t->total))) == NULL)
		return EHC_ENOMEM;
	timeliness_row(t->total, &tl.total);
	return EHC_OK;
}

/* Spend: a column a month of the financial year, then the totals. */
struct spend {
	struct ehc_table	*t;
	int			 cap;
};

static int
spend_row(const struct ehc_spend_row *s, void *payload)
{
	struct spend *sp = payload;
	struct ehc_table_row *r;
	int m;

	if ((r = row_add(sp->t, &s->key, &sp->cap)) == NULL)
		return EHC_ENOMEM;
	for (m = 0; m < 12; m++)
		r->v[1 + m] = (double)s->month[m];
	r->v[13] = (double)s->to_date;
	r->v[14] = (double)s->forecast;
	return 0;
}

static int
build_spend(struct ehc_db *db, struct ehc_table *t,
    const struct ehc_report_params *p)
{
	static const char *const bys[][2] = { { "month", "Month" },
	    { "need", "Primary need" }, { "setting", "Setting type" },
	    { "officer", "Officer" }, { "provider", "Provider" },
	    { "kind", "Kind" } };
	static const char *const mon[] = { "jan", "feb", "mar", "apr", "may",
	    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	static const char *const Mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct spend sp = { t, 0 };
	struct ehc_column *c;
	const char *by = p->by != NULL ? p->by : "month";
	size_t i;
	int m, mo, y;

	c = &t->cols[0];
	snprintf(c->key, sizeof(c->key), "%s", by);
	snprintf(c->heading, sizeof(c->heading), "%s", by);
	c->type = strcmp(by, "month") == 0 ? EHC_COL_MONTH : EHC_COL_TEXT;
	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++)
		if (strcmp(by, bys[i][0]) == 0)
			snprintf(c->heading, sizeof(c->heading), "%s",
			    bys[i][1]);
	for (m = 0; m < 12; m++) {
		c = &t->cols[1 + m];
		mo = (m + 3) % 12;
		y = m < 9 ? p->year : p->year + 1;
		snprintf(c->key, sizeof(c->key), "%s_%04d", mon[mo], y);
		snprintf(c->heading, sizeof(c->heading), "%s %04d", Mon[mo],
		    y);
		c->type = EHC_COL_MONEY;
		c->flags = EHC_COL_DETAIL;
	}
	t->cols[13] = (struct ehc_column)COL("to_date", "To date", MONEY);
	t->cols[14] = (struct ehc_column)COL("forecast", "Forecast", MONEY);
	t->ncols = 15;
	return ehc_spend_report(db, p->year, by, spend_row, &sp);
}

/* Reviews by the month of the meeting, or of the review's due date. */
static const char *const reviews_sql[] = {
	"SELECT substr(meeting, 1, 7), 1, count(*) FROM review "
	"WHERE CAST(substr(meeting, 1, 4) AS INTEGER) = ?1 GROUP BY 1",
	"SELECT substr(meeting, 1, 7), 2, count(decided) FROM review "
	"WHERE CAST(substr(meeting, 1, 4) AS INTEGER) = ?1 GROUP BY 1",
	"SELECT substr(meeting, 1, 7), 3, count(*) FROM review "
	"WHERE CAST(substr(meeting, 1, 4) AS INTEGER) = ?1 AND "
	"decided <= date(meeting, ?3) GROUP BY 1",
	"SELECT substr(meeting, 1, 7), CASE outcome WHEN 'M' THEN 4 WHEN 'A' "
	"THEN 5 WHEN 'C' THEN 6 END, count(*) FROM review "
	"WHERE CAST(substr(meeting, 1, 4) AS INTEGER) = ?1 AND outcome IS "
	"NOT NULL GROUP BY 1, 2",
	"SELECT substr(due, 1, 7), CASE WHEN done IS NULL AND due < ?2 THEN 10 "
	"WHEN done IS NULL THEN 11 WHEN done <= due THEN 8 ELSE 9 END, "
	"count(*) FROM deadline WHERE rule = 'annual-review' AND void = 0 AND "
	"CAST(substr(due, 1, 4) AS INTEGER) = ?1 GROUP BY 1, 2",
	"SELECT substr(due, 1, 7), 7, count(*) FROM deadline "
	"WHERE rule = 'annual-review' AND void = 0 AND "
	"CAST(substr(due, 1, 4) AS INTEGER) = ?1 GROUP BY 1",
	/* Review reports: one never received stays overdue (missed). */
	"SELECT substr(due, 1, 7), CASE WHEN done IS NULL AND due < ?2 THEN 14 "
	"WHEN done IS NULL THEN 0 WHEN done <= due THEN 12 ELSE 13 END, "
	"count(*) FROM deadline WHERE rule = 'review-report' AND void = 0 "
	"AND CAST(substr(due, 1, 4) AS INTEGER) = ?1 GROUP BY 1, 2",
	NULL
};

/*
 * Phase transfers due in the year, recorded or derived from the date of
 * birth, by kind (the deadline's subject: school, post-16,
 * post-16-move, or the derived EY-R, Y2-Y3, Y6-Y7, Y11-Y12); and the
 * whole cohort, one row per case and kind.
 */
#define PHASE_DUE "FROM deadline d JOIN cases c ON c.id = d.case_id " \
	"WHERE d.rule = 'phase-transfer' AND d.void = 0 AND " \
	"CAST(substr(d.due, 1, 4) AS INTEGER) = ?1 "

static const char *const phase_sql[] = {
	"SELECT d.subject, 1, count(*) " PHASE_DUE "GROUP BY 1",
	"SELECT d.subject, CASE WHEN d.done IS NULL AND d.due < ?2 THEN 4 "
	"WHEN d.done IS NULL THEN 5 WHEN d.done <= d.due THEN 2 ELSE 3 END, "
	"count(*) " PHASE_DUE "GROUP BY 1, 2",
	NULL
};

static const char *const phase_cohort_sql[] = {
	"SELECT c.ref, d.subject, 2, count(*) " PHASE_DUE "GROUP BY 1, 2",
	"SELECT c.ref, d.subject, CASE WHEN d.done IS NULL AND d.due < ?2 "
	"THEN 5 WHEN d.done IS NULL THEN 6 WHEN d.done <= d.due THEN 3 "
	"ELSE 4 END, count(*) " PHASE_DUE "GROUP BY 1, 2, 3",
	NULL
};

static const char *const advice_sql[] = {
	"SELECT provider, type, CASE WHEN reused THEN 7 WHEN received IS NULL "
	"AND date(received_by, ?4) < ?2 THEN 5 WHEN received IS NULL "
	"THEN 6 WHEN received <= date(received_by, ?4) THEN 3 "
	"ELSE 4 END, count(*) FROM advice "
	"WHERE CAST(substr(requested, 1, 4) AS INTEGER) = ?1 GROUP BY 1, 2, 3",
	"SELECT provider, type, 2, count(*) FROM advice WHERE reused = 0 AND "
	"CAST(substr(requested, 1, 4) AS INTEGER) = ?1 GROUP BY 1, 2",
	NULL
};

/* Plans live on day ?2 (column 2) and requests open on it (column 3). */
#define LIVE_PLAN "c.final_date <= ?2 AND (c.cease_date IS NULL OR " \
	"c.cease_date > ?2)"
#define OPEN_REQUEST "c.received <= ?2 AND (c.final_date IS NULL OR " \
	"c.final_date > ?2) AND (c.withdrawn IS NULL OR c.withdrawn > ?2) " \
	"AND NOT (coalesce(c.assess, '') = 'N' AND c.assess_date <= ?2) AND " \
	"NOT (coalesce(c.issue, '') = 'N' AND c.issue_date <= ?2)"
#define AGE "((strftime('%Y', ?2) - strftime('%Y', p.dob)) - " \
	"(strftime('%m-%d', ?2) < strftime('%m-%d', p.dob)))"
#define AGE_BAND "CASE WHEN " AGE " < 5 THEN '0-4' WHEN " AGE " < 11 " \
	"THEN '5-10' WHEN " AGE " < 16 THEN '11-15' WHEN " AGE " < 20 " \
	"THEN '16-19' ELSE '20-25' END"
#define SETTING "coalesce((SELECT coalesce(sen_setting, CASE WHEN urn IS " \
	"NOT NULL THEN 'school (URN)' ELSE 'college or provider (UKPRN)' " \
	"END) FROM placement WHERE case_id = c.id AND placement_rank = 1 " \
	"AND (leaving IS NULL OR leaving > ?2) ORDER BY seq DESC LIMIT 1), " \
	"'not recorded')"
#define CASELOAD(by, keyexpr) \
	"SELECT '" by "', " keyexpr ", CASE WHEN " LIVE_PLAN " THEN 2 " \
	"ELSE 3 END, count(*) FROM cases c JOIN person p ON " \
	"p.id = c.person_id WHERE ?1 = ?1 AND ((" LIVE_PLAN ") OR (" \
	OPEN_REQUEST ")) GROUP BY 1, 2, 3"

static const char *const caseload_sql[] = {
	CASELOAD("officer", "coalesce(c.officer, 'unassigned')"),
	CASELOAD("need", "coalesce((SELECT type FROM need WHERE "
	    "case_id = c.id AND rank = 1 AND start <= ?2 AND (end IS NULL OR "
	    "end >= ?2)), 'not recorded')"),
	CASELOAD("age", AGE_BAND),
	CASELOAD("setting", SETTING),
	NULL
};

/*
 * Each outcome's latest progress recorded in year ?1, by the case's
 * primary need; column 1 counts the outcomes reviewed.
 */
#define LATEST_PROGRESS "(SELECT o.case_id, o.progress FROM " \
	"outcome_progress o WHERE CAST(substr(o.date, 1, 4) AS INTEGER) = " \
	"?1 AND o.id = (SELECT max(x.id) FROM outcome_progress x WHERE " \
	"x.case_id = o.case_id AND x.outcome = o.outcome AND " \
	"CAST(substr(x.date, 1, 4) AS INTEGER) = ?1)) l"
#define NEED_OF_CASE "coalesce((SELECT type FROM need WHERE " \
	"case_id = l.case_id AND rank = 1 AND end IS NULL), 'not recorded')"

static const char *const outcomes_sql[] = {
	"SELECT " NEED_OF_CASE ", 1, count(*) FROM " LATEST_PROGRESS
	" WHERE ?2 = ?2 GROUP BY 1",
	"SELECT " NEED_OF_CASE ", CASE l.progress WHEN 'achieved' THEN 2 "
	"WHEN 'partly' THEN 3 ELSE 4 END, count(*) FROM " LATEST_PROGRESS
	" GROUP BY 1, 2",
	NULL
};

/* Requests received in the year, by month and by who made them. */
#define RECEIVED_IN_YEAR "FROM cases WHERE received IS NOT NULL AND " \
	"CAST(substr(received, 1, 4) AS INTEGER) = ?1 AND ?2 = ?2 "

static const char *const requests_sql[] = {
	"SELECT substr(received, 1, 7), 1, count(*) " RECEIVED_IN_YEAR
	"GROUP BY 1",
	"SELECT substr(received, 1, 7), CASE source WHEN 'parent' THEN 2 "
	"WHEN 'young-person' THEN 3 WHEN 'school' THEN 4 WHEN 'health' "
	"THEN 5 WHEN 'social-care' THEN 6 WHEN 'other' THEN 7 ELSE 8 END, "
	"count(*) " RECEIVED_IN_YEAR "GROUP BY 1, 2",
	NULL
};

static const struct report_def reports[] = {
	{ "timeliness", "Timeliness", 1, R_MONTHS | R_YEAR, NULL,
	    build_timeliness,
	    { COL("month", "Month", MONTH),
	    COL("plans_issued", "Plans issued", COUNT),
	    COL("within_20_weeks", "Within 20 weeks", COUNT),
	    COL("pc_within_20_weeks", "% within 20 weeks", PERCENT),
	    COL("plans_issued_ex", "Plans issued (excl. exceptions)", COUNT),
	    COL("within_20_weeks_ex", "Within 20 weeks (excl. exceptions)",
	    COUNT),
	    COL("pc_within_20_weeks_ex",
	    "% within 20 weeks (excl. exceptions)", PERCENT),
	    COL("over_52_weeks", "Over 52 weeks", COUNT),
	    COL("mean_weeks", "Mean weeks to issue", DECIMAL),
	    COL("assess_decisions", "Decisions whether to assess", COUNT),
	    COL("within_6_weeks", "Within 6 weeks", COUNT),
	    COL("pc_within_6_weeks", "% within 6 weeks", PERCENT),
	    COL("no_issue_decisions", "Decisions not to issue", COUNT),
	    COL("within_16_weeks", "Within 16 weeks", COUNT),
	    COL("pc_within_16_weeks", "% within 16 weeks", PERCENT) } },
	{ "reviews", "Annual reviews", 1, R_TOTAL | R_MONTHS | R_YEAR,
	    reviews_sql, NULL,
	    { COL("month", "Month", MONTH),
	    COL("meetings", "Meetings", COUNT),
	    COL("decided", "Decided", COUNT),
	    COL("decided_within_4_weeks", "Decided within 4 weeks", COUNT),
	    COL("maintain", "Maintain", COUNT),
	    COL("amend", "Amend", COUNT),
	    COL("cease", "Cease", COUNT),
	    COL("reviews_due", "Reviews due", COUNT),
	    COL("on_time", "On time", COUNT),
	    COL("late", "Late", COUNT),
	    COL("overdue", "Overdue", COUNT),
	    COL("not_yet_due", "Not yet due", COUNT),
	    COL("reports_within_2_weeks", "Reports within 2 weeks", COUNT),
	    COL("reports_late", "Reports late", COUNT),
	    COL("reports_not_received", "Reports not received", COUNT) } },
	{ "phase-transfers", "Phase transfers", 1, R_TOTAL | R_YEAR,
	    phase_sql, NULL,
	    { COL("kind", "Kind", TEXT),
	    COL("due", "Due", COUNT),
	    COL("on_time", "On time", COUNT),
	    COL("late", "Late", COUNT),
	    COL("overdue", "Overdue", COUNT),
	    COL("not_yet_due", "Not yet due", COUNT) } },
	{ "phase-cohort", "Phase transfers by child", 2, R_TOTAL | R_YEAR,
	    phase_cohort_sql, NULL,
	    { COL("case", "Case", TEXT),
	    COL("kind", "Kind", TEXT),
	    COL("due", "Due", COUNT),
	    COL("on_time", "On time", COUNT),
	    COL("late", "Late", COUNT),
	    COL("overdue", "Overdue", COUNT),
	    COL("not_yet_due", "Not yet due", COUNT) } },
	{ "advice", "Advice requested", 2, R_TOTAL | R_YEAR, advice_sql, NULL,
	    { COL("provider", "Provider", TEXT),
	    COL("type", "Type", TEXT),
	    COL("requested", "Requested", COUNT),
	    COL("within_6_weeks", "Within 6 weeks", COUNT),
	    COL("late", "Late", COUNT),
	    COL("overdue", "Overdue", COUNT),
	    COL("not_yet_due", "Not yet due", COUNT),
	    COL("reused", "Re-used", COUNT) } },
	{ "caseload", "Caseload", 2, 0, caseload_sql, NULL,
	    { COL("by", "By", TEXT),
	    COL("group", "Group", TEXT),
	    COL("plans", "Plans", COUNT),
	    COL("open_requests", "Open requests", COUNT) } },
	{ "outcomes", "Outcomes", 1, R_TOTAL | R_YEAR, outcomes_sql, NULL,
	    { COL("need", "Primary need", TEXT),
	    COL("outcomes_reviewed", "Outcomes reviewed", COUNT),
	    COL("achieved", "Achieved", COUNT),
	    COL("partly_achieved", "Partly achieved", COUNT),
	    COL("not_achieved", "Not achieved", COUNT) } },
	{ "requests", "Requests for assessment", 1,
	    R_TOTAL | R_MONTHS | R_YEAR, requests_sql, NULL,
	    { COL("month", "Month", MONTH),
	    COL("requests", "Requests", COUNT),
	    COL("parent", "From a parent", COUNT),
	    COL("young_person", "From the young person", COUNT),
	    COL("school", "From a school", COUNT),
	    COL("health", "From health", COUNT),
	    COL("social_care", "From social care", COUNT),
	    COL("other", "From others", COUNT),
	    COL("not_recorded", "Not recorded", COUNT) } },
	{ "spend", "Spend", 1, R_TOTAL, NULL, build_spend, { { "", "", 0,
	    0 } } },
};

/* The sum of every count and amount. */
static int
add_total(struct ehc_table *t)
{
	int r, c;

	if ((t->total = calloc(1, sizeof(*t->total))) == NULL)
		return EHC_ENOMEM;
	for (c = t->nkeys; c < t->ncols; c++) {
		if (t->cols[c].type != EHC_COL_COUNT &&
		    t->cols[c].type != EHC_COL_MONEY) {
			t->total->v[c] = NAN;
			continue;
		}
		for (r = 0; r < t->nrows; r++)
			t->total->v[c] += t->rows[r].v[c];
	}
	return EHC_OK;
}

static int
fill(struct ehc_db *db, struct ehc_table *t, const struct report_def *def,
    const struct ehc_report_params *p)
{
	const char *const *sql;
	char month[8];
	const char *key[EHC_TABLE_MAX_KEYS] = { month, "" };
	int32_t on = p->on != EHC_NO_DATE ? p->on : ehc_db_today(db);
	int cap = 0, m, rc = EHC_OK;

	if (def->flags & R_MONTHS)
		for (m = 1; m <= 12; m++) {
			snprintf(month, sizeof(month), "%04d-%02d", p->year, m);
			if (row_add(t, key, &cap) == NULL)
				return EHC_ENOMEM;
		}
	if (def->build != NULL)
		rc = def->build(db, t, p);
	for (sql = def->sql; rc == EHC_OK && sql != NULL && *sql != NULL;
	    sql++)
		rc = accumulate(db, t, &cap, *sql, p->year, on);
	if (rc != EHC_OK)
		return rc;
	if (t->nrows > 0)
		qsort(t->rows, (size_t)t->nrows, sizeof(t->rows[0]), cmp_row);
	return (def->flags & R_TOTAL) ? add_total(t) : EHC_OK;
}

int
ehc_report_table(struct ehc_table **out, struct ehc_db *db,
    const char *name, const struct ehc_report_params *p)
{
	const struct report_def *def = NULL;
	struct ehc_table *t;
	size_t i;
	int rc;

	*out = NULL;
	if (p == NULL || p->version != EHC_REPORT_PARAMS_VERSION)
		return ehc__db_fail(db, EHC_EINVAL, "unknown report "
		    "parameters version");
	for (i = 0; name != NULL && i < sizeof(reports) / sizeof(reports[0]);
	    i++)
		if (strcmp(reports[i].name, name) == 0)
			def = &reports[i];
	if (def == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown report '%.30s'",
		    name ? name : "");
	if ((def->flags & R_YEAR) && (p->year < 1900 || p->year > 2199))
		return ehc__db_fail(db, EHC_EINVAL, "the year %d is out of "
		    "range; give a calendar year such as 2026", p->year);
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	t->name = def->name;
	t->title = def->title;
	t->nkeys = def->nkeys;
	for (t->ncols = 0; t->ncols < EHC_TABLE_MAX_COLS &&
	    def->cols[t->ncols].key[0] != '\0'; t->ncols++)
		t->cols[t->ncols] = def->cols[t->ncols];
	if ((rc = fill(db, t, def, p)) != EHC_OK) {
		ehc_table_free(t);
		return rc == EHC_ENOMEM ? ehc__db_fail(db, rc, "out of memory")
		    : rc;
	}
	*out = t;
	return EHC_OK;
}
