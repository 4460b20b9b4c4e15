/*
 * report.c: management reports.  The timeliness measures of the DfE's
 * statistics (20 weeks to the final plan, 6 weeks to the decision
 * whether to assess, 16 weeks to a decision not to issue), by month, for
 * a calendar year.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

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

static void
put_pct(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int num, int den,
    lxw_format *fmt)
{
	if (den > 0)
		worksheet_write_number(ws, row, col, (double)num / den, fmt);
}

static void
put_row(lxw_worksheet *ws, lxw_row_t row, const char *label,
    const struct ehc_timeliness_row *r, lxw_format *pct, lxw_format *one,
    lxw_format *bold)
{
	worksheet_write_string(ws, row, 0, label, bold);
	worksheet_write_number(ws, row, 1, r->issued, bold);
	worksheet_write_number(ws, row, 2, r->issued_20, bold);
	put_pct(ws, row, 3, r->issued_20, r->issued, pct);
	worksheet_write_number(ws, row, 4, r->issued_ex, bold);
	worksheet_write_number(ws, row, 5, r->issued_20_ex, bold);
	put_pct(ws, row, 6, r->issued_20_ex, r->issued_ex, pct);
	worksheet_write_number(ws, row, 7, r->issued_over_52, bold);
	if (r->issued > 0)
		worksheet_write_number(ws, row, 8,
		    (double)r->issued_days / 7.0 / r->issued, one);
	worksheet_write_number(ws, row, 9, r->assess, bold);
	worksheet_write_number(ws, row, 10, r->assess_6, bold);
	put_pct(ws, row, 11, r->assess_6, r->assess, pct);
	worksheet_write_number(ws, row, 12, r->no_issue, bold);
	worksheet_write_number(ws, row, 13, r->no_issue_16, bold);
	put_pct(ws, row, 14, r->no_issue_16, r->no_issue, pct);
}

int
ehc_report_timeliness_xlsx(struct ehc_db *db, int year, const char *path)
{
	static const char *const heads[] = { "Month", "Plans issued",
	    "Within 20 weeks", "% within 20 weeks",
	    "Plans issued (excl. exceptions)",
	    "Within 20 weeks (excl. exceptions)",
	    "% within 20 weeks (excl. exceptions)", "Over 52 weeks",
	    "Mean weeks to issue", "Decisions whether to assess",
	    "Within 6 weeks", "% within 6 weeks",
	    "Decisions not to issue", "Within 16 weeks",
	    "% within 16 weeks" };
	static const char *const names[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	struct ehc_timeliness t;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *pct, *one, *wrap;
	lxw_chart *chart;
	lxw_chart_series *series;
	lxw_error err;
	struct ehc_outfile *of;
	char title[64];
	int rc, i;

	if ((rc = ehc_report_timeliness(&t, db, year)) != EHC_OK)
		return rc;
	if ((rc = ehc__outfile_open(db, &of, path)) != EHC_OK)
		return rc;
	if ((wb = workbook_new(ehc_outfile_tmppath(of))) == NULL ||
	    (ws = workbook_add_worksheet(wb, "Timeliness")) == NULL) {
		if (wb != NULL)
			workbook_close(wb);
		ehc_outfile_free(of);
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory starting "
		    "the workbook");
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	wrap = workbook_add_format(wb);
	format_set_bold(wrap);
	format_set_text_wrap(wrap);
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	one = workbook_add_format(wb);
	format_set_num_format(one, "0.0");
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, 14, 14, NULL);
	worksheet_set_row(ws, 0, 48, NULL);
	for (i = 0; i < 15; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, heads[i], wrap);
	worksheet_freeze_panes(ws, 1, 1);
	for (i = 0; i < 12; i++)
		put_row(ws, (lxw_row_t)(i + 1), names[i], &t.months[i], pct,
		    one, NULL);
	snprintf(title, sizeof(title), "%d", year);
	put_row(ws, 13, title, &t.total, pct, one, bold);
	/* The 20-week measure by month, as a chart beside the table. */
	if ((chart = workbook_add_chart(wb, LXW_CHART_COLUMN)) != NULL) {
		series = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(series, "Timeliness", 1, 0, 12, 0);
		chart_series_set_values(series, "Timeliness", 1, 3, 12, 3);
		chart_series_set_name(series, "% within 20 weeks");
		series = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(series, "Timeliness", 1, 0, 12, 0);
		chart_series_set_values(series, "Timeliness", 1, 6, 12, 6);
		chart_series_set_name(series,
		    "% within 20 weeks (excl. exceptions)");
		snprintf(title, sizeof(title), "Plans issued within 20 weeks, "
		    "%d", year);
		chart_title_set_name(chart, title);
		chart_axis_set_num_format(chart->y_axis, "0%");
		worksheet_insert_chart(ws, 15, 0, chart);
	}
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		ehc_outfile_free(of);
		return ehc__db_fail(db, err == LXW_ERROR_CREATING_XLSX_FILE ?
		    EHC_ECREATE : EHC_EIO, "cannot write '%.300s': %s", path,
		    lxw_strerror(err));
	}
	return ehc__outfile_commit(db, of);
}
