/*
 * report.c: the timeliness measures of the DfE's statistics (20 weeks to
 * the final plan, 6 weeks to the decision whether to assess, 16 weeks to
 * a decision not to issue), by month, for a calendar year.  The report
 * table made of them is in report_table.c.
 */
#include "internal.h"

#include <string.h>

/* DfE's band for the longest waits: a reporting band, not a rule. */
#define WEEKS_52 364

static struct ehc_timeliness_row *
month_of(struct ehc_timeliness *out, int32_t day)
{
	int y, m, d;

	ehc_date_to_ymd(&y, &m, &d, day);
	return &out->months[m - 1];
}

/* Add one plan issued after days to a row; within: the 20 weeks. */
static void
add_issued(struct ehc_timeliness_row *r, int32_t days, int within,
    int exception)
{
	r->issued++;
	r->issued_20 += days <= within;
	r->issued_over_52 += days > WEEKS_52;
	r->issued_days += days;
	if (exception)
		return;
	r->issued_ex++;
	r->issued_20_ex += days <= within;
	r->issued_over_52_ex += days > WEEKS_52;
	r->issued_days_ex += days;
}

int
ehc_report_timeliness(struct ehc_timeliness *out, struct ehc_db *db,
    int year)
{
	sqlite3_stmt *st = NULL;
	char from[EHC_DATE_LEN], to[EHC_DATE_LEN];
	int32_t received, day, days;
	/* The periods of regs 13(2), 5(1) and 10(1), from the registry. */
	int weeks20 = ehc__rule_days("final-plan");
	int weeks6 = ehc__rule_days("decide-assess");
	int weeks16 = ehc__rule_days("decide-issue");
	int i, rc, ex;

	memset(out, 0, sizeof(*out));
	if (year < 1900 || year > 2199)
		return ehc__db_fail(db, EHC_EINVAL, "the year %d is out of "
		    "range; give a calendar year such as 2025", year);
	out->year = year;
	for (i = 0; i < 12; i++)
		out->months[i].month = i + 1;
	ehc_date_format(from, sizeof(from), ehc_date_from_ymd(year, 1, 1));
	ehc_date_format(to, sizeof(to), ehc_date_from_ymd(year, 12, 31));

	/* 20 weeks: plans first issued in the year after a request. */
	if ((rc = ehc__db_prepare(db, &st, "SELECT c.received, c.final_date, "
	    "EXISTS (SELECT 1 FROM exception e WHERE e.case_id = c.id AND "
	    "e.step = 'final-plan') FROM cases c WHERE c.final_date BETWEEN "
	    "?1 AND ?2 AND c.received IS NOT NULL AND coalesce(c.issue, '') "
	    "<> 'H'")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		received = ehc__column_date(st, 0);
		day = ehc__column_date(st, 1);
		ex = sqlite3_column_int(st, 2);
		if (received == EHC_NO_DATE || day == EHC_NO_DATE)
			continue;
		days = day - received;
		add_issued(month_of(out, day), days, weeks20, ex);
		add_issued(&out->total, days, weeks20, ex);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading plans issued");

	/* 6 weeks: decisions whether to assess, either way. */
	if ((rc = ehc__db_prepare(db, &st, "SELECT received, assess_date "
	    "FROM cases WHERE assess IN ('Y', 'N') AND assess_date BETWEEN "
	    "?1 AND ?2 AND received IS NOT NULL")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		received = ehc__column_date(st, 0);
		day = ehc__column_date(st, 1);
		if (received == EHC_NO_DATE || day == EHC_NO_DATE)
			continue;
		month_of(out, day)->assess++;
		out->total.assess++;
		if (day - received <= weeks6) {
			month_of(out, day)->assess_6++;
			out->total.assess_6++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading decisions to assess");

	/* 16 weeks: decisions not to issue a plan. */
	if ((rc = ehc__db_prepare(db, &st, "SELECT received, issue_date "
	    "FROM cases WHERE issue = 'N' AND issue_date BETWEEN ?1 AND ?2 "
	    "AND received IS NOT NULL")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		received = ehc__column_date(st, 0);
		day = ehc__column_date(st, 1);
		if (received == EHC_NO_DATE || day == EHC_NO_DATE)
			continue;
		month_of(out, day)->no_issue++;
		out->total.no_issue++;
		if (day - received <= weeks16) {
			month_of(out, day)->no_issue_16++;
			out->total.no_issue_16++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading decisions not to issue");
	return EHC_OK;
}
