/*
 * report.h: management reports (timeliness).
 *
 * The timeliness measures follow the DfE's published statistics
 * (sen2-return.md section 2.5), for one calendar year:
 *  - 20 weeks: plans first issued in the year after a request (historic
 *    and transferred-in plans have no request and are left out); on time
 *    when issued no more than 140 days after the request was received.
 *    "Excluding exceptions" drops plans with an exception recorded for
 *    the final-plan step from both the count and the on-time count.
 *  - 6 weeks: decisions whether to assess (either way) made in the year;
 *    on time within 42 days of the request.
 *  - 16 weeks: decisions not to issue a plan made in the year; on time
 *    within 112 days of the request.
 * Each event counts in the month it happened.
 */
#ifndef EHC_REPORT_H
#define EHC_REPORT_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The measures for one month, or for the whole year. */
struct ehc_timeliness_row {
	int		month;		/* 1 to 12; 0 for the year */
	int		issued;		/* plans issued */
	int		issued_20;	/* ... within 20 weeks */
	int		issued_over_52;	/* ... after more than 52 weeks */
	int64_t		issued_days;	/* sum of request-to-issue days */
	int		issued_ex;	/* plans issued, no exception */
	int		issued_20_ex;	/* ... within 20 weeks */
	int		issued_over_52_ex;
	int64_t		issued_days_ex;
	int		assess;		/* decisions whether to assess */
	int		assess_6;	/* ... within 6 weeks */
	int		no_issue;	/* decisions not to issue */
	int		no_issue_16;	/* ... within 16 weeks */
};

/* The report for one calendar year; plain data the caller owns. */
struct ehc_timeliness {
	int				 year;
	struct ehc_timeliness_row	 months[12];
	struct ehc_timeliness_row	 total;
};

/*
 * Compute the timeliness measures for a calendar year (1900 to 2199).
 * Returns EHC_OK, EHC_EINVAL (year out of range) or a store error.
 */
EHC_API int ehc_report_timeliness(struct ehc_timeliness *out,
    struct ehc_db *db, int year);

/*
 * Write the report as a workbook at path: one sheet by month with the
 * totals, the percentages and a chart of the 20-week measure.  Returns
 * EHC_OK, EHC_EINVAL, EHC_ECREATE (path cannot be created), EHC_EIO or
 * a store error.
 */
EHC_API int ehc_report_timeliness_xlsx(struct ehc_db *db, int year,
    const char *path);


/*
 * A management report as a table of counts: a key column, then up to
 * EHC_TABLE_MAX_COLS - 1 numbers per row.  Owned by the caller; free it
 * with ehc_table_free().
 */
#define EHC_TABLE_MAX_COLS 16

struct ehc_table_row {
	char		 key[96];
	int64_t		 v[EHC_TABLE_MAX_COLS - 1];
};

struct ehc_table {
	const char		*title;
	int			 ncols;		/* the key column included */
	const char		*cols[EHC_TABLE_MAX_COLS];
	int			 nrows;
	struct ehc_table_row	*rows;
};

/*
 * Build a report: "reviews" (annual reviews by month of year: meetings,
 * decisions within 4 weeks, outcomes, reviews due and their timeliness,
 * review reports within 2 weeks, late and not received),
 * "phase-transfers" (due in year, recorded or derived from the date of
 * birth: by kind, then one row per case and kind), "advice" (requested
 * in year, by provider and type), "caseload" (on day `on`: plans and open
 * requests by officer, primary need, age band and setting) or "outcomes"
 * (each outcome's latest progress recorded in year, in all and by the
 * case's primary need).  Returns
 * EHC_OK, EHC_EINVAL (unknown report) or a store error.
 */
EHC_API int ehc_report_table(struct ehc_table **out, struct ehc_db *db,
    const char *name, int year, int32_t on);

EHC_API void ehc_table_free(struct ehc_table *t);

/*
 * Write a table as an XLSX workbook: a bold frozen header row, filters,
 * column widths; the file is made whole or not at all (outfile.h).
 * Returns EHC_OK, EHC_ECREATE or EHC_EIO.
 */
EHC_API int ehc_table_write_xlsx(const struct ehc_table *t,
    const char *path);

#ifdef __cplusplus
}
#endif
#endif
