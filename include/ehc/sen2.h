/*
 * sen2.h: the DfE SEN2 person-level return: export as nine CSV tables or
 * one XLSX workbook, validation findings, and import of a caseload from
 * the same nine tables.
 *
 * The return for year Y describes activity from 1 January Y-1 up to the
 * census day in January Y (requests received, decisions, plans issued and
 * ceased, withdrawals) and the cases open at the census day: requests and
 * assessments under way and plans in force.  Every value is taken as it
 * stood at the census day; later events are ignored.
 *
 * Tables and columns are those of sen2-return.md section 4, in that
 * order: sen2_header, sen2_person, sen2_requests, sen2_assessment,
 * sen2_namedplan, sen2_plandetail, sen2_activeplans,
 * sen2_placementdetail and sen2_senneed.  PersonID is ehc's person id and
 * RequestsID its case id.  CSV files are UTF-8 with RFC 4180 quoting
 * (fields are quoted only when they must be) and CRLF line ends.
 *
 * Authority-wide values come from the setting table: "lea" (3-digit LA
 * number, default 000), "dmo", "dco", "dsco" (Y, N or R), "sen2-serial"
 * (default 001), "sen2-datetime" (default the census day at 00:00:00) and
 * "census:YYYY" (a census day for a year ehc does not know).
 */
#ifndef EHC_SEN2_H
#define EHC_SEN2_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The census (reference) day of the return for year, from the published
 * dates (2022 to 2027) or a "census:YYYY" setting; EHC_NO_DATE (see
 * date.h) when neither knows the year.
 */
EHC_API int32_t ehc_sen2_census(struct ehc_db *db, int year);

/*
 * Write the return for year as the nine CSV files in dir, creating dir
 * (mode 0700) when it is missing; the files are created mode 0600 and
 * replace any already there.  Returns EHC_OK, EHC_EINVAL (no census day
 * for year), EHC_ECREATE (dir or a file cannot be created), EHC_EIO (a
 * write failed), EHC_ENOMEM or a store error; the message is on the
 * handle.
 */
EHC_API int ehc_sen2_export_csv(struct ehc_db *db, int year,
    const char *dir);

/*
 * Write the return for year as one workbook at path: the nine tables as
 * sheets (Header, Person, Requests, Assessments, Named Plan, Plan Detail,
 * Active Plan, Placement Detail, SEN Need) with real date cells, a bold
 * frozen header row and filters, then Validation (the findings) and
 * About (authority, year, census day, counts).  Returns as
 * ehc_sen2_export_csv(); EHC_ECREATE when path cannot be created.
 */
EHC_API int ehc_sen2_export_xlsx(struct ehc_db *db, int year,
    const char *path);

/* One validation finding; strings are borrowed for the callback. */
struct ehc_sen2_finding {
	const char	*rule;		/* "ehc-001" ... (ehc-derived rules) */
	const char	*severity;	/* "error" or "query" */
	const char	*table;		/* sheet name: "Person", ... */
	const char	*person;	/* PersonID, or "" */
	const char	*request;	/* RequestsID, or "" */
	const char	*field;		/* column name, or "" */
	const char	*value;		/* the value found, or "" */
	const char	*message;
};

/*
 * Check the return for year against the rules ehc can apply (the DfE's
 * own rule list is not published in a usable form; ours paraphrase the
 * guide, see ehc-report(1)) and call cb for each finding, in table
 * order.  A non-zero return from cb stops and is returned.  Returns
 * EHC_OK, EHC_EINVAL (no census day), EHC_ENOMEM or a store error.
 */
EHC_API int ehc_sen2_validate(struct ehc_db *db, int year,
    int (*cb)(const struct ehc_sen2_finding *, void *), void *payload);

/* What an import added. */
struct ehc_sen2_counts {
	int	people;
	int	cases;
};

/*
 * Load a caseload from the nine CSV files in dir (columns found by
 * their header names; extra columns are ignored).  Every file is read
 * and checked before anything is written; the caller owns the
 * transaction and rolls it back on failure.  Each problem is reported
 * as "FILE:LINE:COLUMN: reason".  Historic plans (outcome H) become
 * cases with no request date.  Returns EHC_OK, EHC_ENOINPUT (dir or a
 * file missing or unreadable), EHC_EINVAL (malformed CSV, an impossible
 * date, an unknown code, a broken reference between tables), EHC_ENOMEM
 * or a store error.  What was added is written to *out (out may be
 * NULL).
 */
EHC_API int ehc_sen2_import_counted(struct ehc_sen2_counts *out,
    struct ehc_db *db, const char *dir);

/* ehc_sen2_import_counted() without the counts. */
EHC_API int ehc_sen2_import(struct ehc_db *db, const char *dir);

#ifdef __cplusplus
}
#endif
#endif
