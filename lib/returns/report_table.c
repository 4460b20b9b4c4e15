/*
 * report_table.c: the management reports that are tables of counts:
 * annual reviews, phase transfers, advice, the caseload and outcomes.  Each is a
 * few aggregate queries over the stored deadlines and events.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

void
ehc_table_free(struct ehc_table *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	free(t);
}

/* The row with this key, added (zeroed) when new; NULL on no memory. */
static struct ehc_table_row *
row_for(struct ehc_table *t, const char *key, int *cap)
{
	struct ehc_table_row *grown;
	int i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return &t->rows[i];
	if (t->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		grown = realloc(t->rows, (size_t)*cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		t->rows = grown;
	}
	memset(&t->rows[t->nrows], 0, sizeof(t->rows[0]));
	snprintf(t->rows[t->nrows].key, sizeof(t->rows[0].key), "%s", key);
	return &t->rows[t->nrows++];
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

/*
 * Run a query whose rows are (key, column index, count) and add each
 * count into the table.
 */
static int
accumulate(struct ehc_db *db, struct ehc_table *t, int *cap,
    const char *sql, int year, int32_t on)
{
	struct ehc_table_row *r;
	sqlite3_stmt *st;
	const char *key;
	int rc, col;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int(st, 1, year);
	ehc__bind_date(st, 2, on);
	/* The periods the queries compare with, from the registry. */
	days_param(st, 3, "review-decision");
	days_param(st, 4, "advice");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		col = sqlite3_column_int(st, 1);
		if (col < 1 || col >= t->ncols)
			continue;
		if ((r = row_for(t, key ? key : "not recorded", cap)) == NULL) {
			sqlite3_finalize(st);
			return EHC_ENOMEM;
		}
		r->v[col - 1] += sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "building a report");
}

static int
cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct ehc_table_row *)a)->key,
	    ((const struct ehc_table_row *)b)->key);
}

/*
 * ?1 is the year, ?2 today (or the caseload day), ?3 and ?4 the 4 weeks
 * of a review decision and the 6 weeks of advice (as "+N days").
 */
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
 * post-16-move, or the derived EY-R, Y2-Y3, Y6-Y7, Y11-Y12), then the
 * whole cohort, one row per case.
 */
#define PHASE_STATUS "CASE WHEN d.done IS NULL AND d.due < ?2 THEN 4 " \
	"WHEN d.done IS NULL THEN 5 WHEN d.done <= d.due THEN 2 ELSE 3 END"
#define PHASE_DUE "FROM deadline d JOIN cases c ON c.id = d.case_id " \
	"WHERE d.rule = 'phase-transfer' AND d.void = 0 AND " \
	"CAST(substr(d.due, 1, 4) AS INTEGER) = ?1 "

static const char *const phase_sql[] = {
	"SELECT d.subject, 1, count(*) " PHASE_DUE "GROUP BY 1",
	"SELECT d.subject, " PHASE_STATUS ", count(*) " PHASE_DUE
	"GROUP BY 1, 2",
	"SELECT c.ref || ' ' || d.subject, 1, count(*) " PHASE_DUE
	"GROUP BY 1",
	"SELECT c.ref || ' ' || d.subject, " PHASE_STATUS ", count(*) "
	PHASE_DUE "GROUP BY 1, 2",
	NULL
};

static const char *const advice_sql[] = {
	"SELECT coalesce(provider, 'not recorded') || ' / ' || type, "
	"CASE WHEN reused THEN 6 WHEN received IS NULL AND "
	"date(received_by, ?4) < ?2 THEN 4 WHEN received IS NULL "
	"THEN 5 WHEN received <= date(received_by, ?4) THEN 2 "
	"ELSE 3 END, count(*) FROM advice "
	"WHERE CAST(substr(requested, 1, 4) AS INTEGER) = ?1 GROUP BY 1, 2",
	"SELECT coalesce(provider, 'not recorded') || ' / ' || type, 1, "
	"count(*) FROM advice WHERE reused = 0 AND "
	"CAST(substr(requested, 1, 4) AS INTEGER) = ?1 GROUP BY 1",
	NULL
};

/* Plans live on day ?2 (column 1) and requests open on it (column 2). */
#define LIVE_PLAN "c.final_date <= ?2 AND (c.cease_date IS NULL OR " \
	"c.cease_date > ?2)"
#define OPEN_REQUEST "c.received <= ?2 AND (c.final_date IS NULL OR " \
	"c.final_date > ?2) AND (c.withdrawn IS NULL OR c.withdrawn > ?2) " \
	"AND NOT (coalesce(c.assess, '') = 'N' AND c.assess_date <= ?2) AND " \
	"NOT (coalesce(c.issue, '') = 'N' AND c.issue_date <= ?2)"
#define AGE_BAND "CASE WHEN (strftime('%Y', ?2) - strftime('%Y', p.dob)) " \
	"- (strftime('%m-%d', ?2) < strftime('%m-%d', p.dob)) < 5 THEN " \
	"'age: under 5' WHEN (strftime('%Y', ?2) - strftime('%Y', p.dob)) - " \
	"(strftime('%m-%d', ?2) < strftime('%m-%d', p.dob)) < 11 THEN " \
	"'age: 5-10' WHEN (strftime('%Y', ?2) - strftime('%Y', p.dob)) - " \
	"(strftime('%m-%d', ?2) < strftime('%m-%d', p.dob)) < 16 THEN " \
	"'age: 11-15' WHEN (strftime('%Y', ?2) - strftime('%Y', p.dob)) - " \
	"(strftime('%m-%d', ?2) < strftime('%m-%d', p.dob)) < 20 THEN " \
	"'age: 16-19' ELSE 'age: 20-25' END"
#define SETTING "'setting: ' || coalesce((SELECT coalesce(sen_setting, " \
	"CASE WHEN urn IS NOT NULL THEN 'school (URN)' ELSE " \
	"'college or provider (UKPRN)' END) FROM placement " \
	"WHERE case_id = c.id AND placement_rank = 1 AND (leaving IS NULL " \
	"OR leaving > ?2) ORDER BY seq DESC LIMIT 1), 'not recorded')"
#define CASELOAD(keyexpr) \
	"SELECT " keyexpr ", CASE WHEN " LIVE_PLAN " THEN 1 ELSE 2 END, " \
	"count(*) FROM cases c JOIN person p ON p.id = c.person_id " \
	"WHERE ?1 = ?1 AND ((" LIVE_PLAN ") OR (" OPEN_REQUEST ")) " \
	"GROUP BY 1, 2"

static const char *const caseload_sql[] = {
	CASELOAD("'officer: ' || coalesce(c.officer, 'unassigned')"),
	CASELOAD("'need: ' || coalesce((SELECT type FROM need WHERE "
	    "case_id = c.id AND rank = 1), 'not recorded')"),
	CASELOAD(AGE_BAND),
	CASELOAD(SETTING),
	NULL
};

/*
 * Each outcome's latest progress recorded in year ?1, by the case's
 * primary need and in all; column 1 counts the outcomes reviewed.
 */
#define LATEST_PROGRESS "(SELECT o.case_id, o.progress FROM " \
	"outcome_progress o WHERE CAST(substr(o.date, 1, 4) AS INTEGER) = " \
	"?1 AND o.id = (SELECT max(x.id) FROM outcome_progress x WHERE " \
	"x.case_id = o.case_id AND x.outcome = o.outcome AND " \
	"CAST(substr(x.date, 1, 4) AS INTEGER) = ?1)) l"
#define PROGRESS_COLUMN "CASE l.progress WHEN 'achieved' THEN 2 " \
	"WHEN 'partly' THEN 3 ELSE 4 END"
#define NEED_OF(id) "'need: ' || coalesce((SELECT type FROM need WHERE " \
	"case_id = " id " AND rank = 1), 'not recorded')"

static const char *const outcomes_sql[] = {
	"SELECT 'all plans', 1, count(*) FROM " LATEST_PROGRESS
	" WHERE ?2 = ?2",
	"SELECT 'all plans', " PROGRESS_COLUMN ", count(*) FROM "
	LATEST_PROGRESS " GROUP BY 2",
	"SELECT " NEED_OF("l.case_id") ", 1, count(*) FROM " LATEST_PROGRESS
	" GROUP BY 1",
	"SELECT " NEED_OF("l.case_id") ", " PROGRESS_COLUMN ", count(*) FROM "
	LATEST_PROGRESS " GROUP BY 1, 2",
	NULL
};

static const struct report_def {
	const char		*name;
	const char		*title;
	const char *const	*sql;
	const char		*cols[EHC_TABLE_MAX_COLS];
} reports[] = {
	{ "reviews", "Annual reviews", reviews_sql,
	    { "month", "meetings", "decided", "decided within 4 weeks",
	    "maintain", "amend", "cease", "reviews due", "on time", "late",
	    "overdue", "not yet due", "reports within 2 weeks",
	    "reports late", "reports not received" } },
	{ "phase-transfers", "Phase transfers", phase_sql,
	    { "kind", "due", "on time", "late", "overdue", "not yet due" } },
	{ "advice", "Advice requested", advice_sql,
	    { "provider / type", "requested", "within 6 weeks", "late",
	    "overdue", "not yet due", "re-used" } },
	{ "caseload", "Caseload", caseload_sql,
	    { "group", "plans", "open requests" } },
	{ "outcomes", "Outcomes", outcomes_sql,
	    { "group", "outcomes reviewed", "achieved", "partly achieved",
	    "not achieved" } },
};

int
ehc_report_table(struct ehc_table **out, struct ehc_db *db,
    const char *name, int year, int32_t on)
{
	const struct report_def *def = NULL;
	const char *const *sql;
	struct ehc_table *t;
	size_t i;
	int cap = 0, rc = EHC_OK;

	*out = NULL;
	for (i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		if (strcmp(reports[i].name, name) == 0)
			def = &reports[i];
	if (def == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown report '%.30s'; use "
		    "reviews, phase-transfers, advice, caseload or outcomes",
		    name);
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return EHC_ENOMEM;
	t->title = def->title;
	for (t->ncols = 0; t->ncols < EHC_TABLE_MAX_COLS &&
	    def->cols[t->ncols] != NULL; t->ncols++)
		t->cols[t->ncols] = def->cols[t->ncols];
	for (sql = def->sql; rc == EHC_OK && *sql != NULL; sql++)
		rc = accumulate(db, t, &cap, *sql, year, on);
	if (rc != EHC_OK) {
		ehc_table_free(t);
		return rc;
	}
	if (t->nrows > 0)
		qsort(t->rows, (size_t)t->nrows, sizeof(t->rows[0]), cmp_row);
	*out = t;
	return EHC_OK;
}

int
ehc_table_write_xlsx(const struct ehc_table *t, const char *path)
{
	lxw_workbook_options opts;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	struct ehc_outfile *of;
	int r, c, rc;

	if ((rc = ehc_outfile_open(&of, path)) != EHC_OK) {
		ehc_outfile_free(of);
		return rc;
	}
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = LXW_TRUE;
	if ((wb = workbook_new_opt(ehc_outfile_tmppath(of), &opts)) == NULL) {
		ehc_outfile_free(of);
		return EHC_ECREATE;
	}
	ws = workbook_add_worksheet(wb, t->title);
	bold = workbook_add_format(wb);
	if (ws == NULL || bold == NULL) {
		workbook_close(wb);
		ehc_outfile_free(of);
		return EHC_ECREATE;
	}
	format_set_bold(bold);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(t->ncols - 1), 14, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	for (c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, t->cols[c], bold);
	for (r = 0; r < t->nrows; r++) {
		worksheet_write_string(ws, (lxw_row_t)(r + 1), 0,
		    t->rows[r].key, NULL);
		for (c = 1; c < t->ncols; c++)
			worksheet_write_number(ws, (lxw_row_t)(r + 1),
			    (lxw_col_t)c, (double)t->rows[r].v[c - 1], NULL);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows,
	    (lxw_col_t)(t->ncols - 1));
	if (workbook_close(wb) != LXW_NO_ERROR) {
		ehc_outfile_free(of);
		return EHC_ECREATE;
	}
	rc = ehc_outfile_commit(of);
	ehc_outfile_free(of);
	return rc;
}
