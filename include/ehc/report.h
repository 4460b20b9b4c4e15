/*
 * report.h: the management reports, each a table of typed columns that
 * the caller prints as it likes (ehc prints text, CSV, JSON or a
 * workbook from the same table).
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
#include <ehc/date.h>
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

/* What a column holds, and so how it is printed. */
enum ehc_column_type {
	EHC_COL_TEXT = 1,	/* words */
	EHC_COL_MONTH,		/* a month, "YYYY-MM" */
	EHC_COL_DATE,		/* a day, "YYYY-MM-DD" */
	EHC_COL_COUNT,		/* a whole number */
	EHC_COL_MONEY,		/* an amount in pence */
	EHC_COL_PERCENT,	/* a percentage, 0 to 100 */
	EHC_COL_DECIMAL,	/* a measure shown to one decimal place */
	EHC_COL_LIST,		/* a list of words */
	EHC_COL_BOOL		/* yes or no */
};

enum ehc_column_flags {
	EHC_COL_DETAIL = 1 << 0,	/* a breakdown a short view may leave out */
	EHC_COL_SPARSE = 1 << 1	/* text lists show it only with a value */
};

/* One column: its key for programs and its heading for people. */
struct ehc_column {
	char			 key[32];	/* snake_case */
	char			 heading[48];	/* plain English */
	enum ehc_column_type	 type;
	unsigned int		 flags;		/* enum ehc_column_flags */
};

#define EHC_TABLE_MAX_COLS	24
#define EHC_TABLE_MAX_KEYS	2
#define EHC_TABLE_KEY_LEN	96

/*
 * One row: the text of the key columns (the first nkeys columns, of type
 * text or month), then the value of every other column i in v[i], NaN
 * when there is none (a percentage of nothing).  A count, an amount in
 * pence or a percentage is exact in a double.
 */
struct ehc_table_row {
	char		 key[EHC_TABLE_MAX_KEYS][EHC_TABLE_KEY_LEN];
	double		 v[EHC_TABLE_MAX_COLS];
};

/*
 * A report as a table, in the order its rows are read; total, when the
 * report has one, sums the rows (its percentages are of the sums).
 * Owned by the caller; free it with ehc_table_free().
 */
struct ehc_table {
	const char		*name;		/* "reviews": static */
	const char		*title;		/* "Annual reviews": static */
	int			 ncols;		/* the key columns included */
	int			 nkeys;
	struct ehc_column	 cols[EHC_TABLE_MAX_COLS];
	int			 nrows;
	struct ehc_table_row	*rows;
	struct ehc_table_row	*total;		/* NULL: no total */
};

/* What a report is for; unused fields are ignored. */
struct ehc_report_params {
	unsigned int	 version;
	int		 year;	/* calendar year; spend: the April it starts */
	int32_t		 on;	/* caseload: the day; EHC_NO_DATE for today */
	const char	*by;	/* spend: month, need, setting, officer, */
				/* provider or kind; NULL for month */
};

#define EHC_REPORT_PARAMS_VERSION 1
#define EHC_REPORT_PARAMS_INIT \
	{ EHC_REPORT_PARAMS_VERSION, 0, EHC_NO_DATE, NULL }

/*
 * Build a report into a new table:
 *  - "timeliness": the measures above, by month, with the year's total;
 *  - "reviews": annual reviews by month of year: meetings, decisions
 *    within 4 weeks, outcomes, reviews due and their timeliness, review
 *    reports within 2 weeks, late and not received;
 *  - "phase-transfers": due in year, recorded or derived from the date
 *    of birth: by kind, then one row per case and kind;
 *  - "advice": requested in year, by provider and type;
 *  - "caseload": on day `on`, plans and open requests by officer,
 *    primary need, age band and setting;
 *  - "outcomes": each outcome's latest progress recorded in year, by the
 *    case's primary need, with all plans as the total;
 *  - "requests": requests for assessment received in year, by month and
 *    by who made them;
 *  - "spend": committed spend in the financial year starting in April of
 *    year, by month and to date, grouped by `by`.
 * Returns EHC_OK, EHC_EINVAL (unknown report, params version, year or
 * grouping: the message says which), EHC_ENOMEM or a store error.
 */
EHC_API int ehc_report_table(struct ehc_table **out, struct ehc_db *db,
    const char *name, const struct ehc_report_params *params);

/* Free a table from ehc_report_table(); NULL is allowed. */
EHC_API void ehc_table_free(struct ehc_table *t);

#ifdef __cplusplus
}
#endif
#endif
