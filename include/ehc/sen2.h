/*
 * sen2.h: the DfE SEN2 person-level return: the XML message COLLECT
 * loads, the same tables as nine CSV files or one XLSX workbook for
 * checking, validation findings, and import of a caseload from the XML
 * message or the nine CSV files.
 *
 * The return for year Y is made as on its census day C in January Y,
 * from the dated facts in the store, so that it comes out the same
 * whenever it is made: the activity of the collection period (requests
 * received and decided, assessments finished, plans issued and ceased
 * from 1 January Y-1 to C) and the cases open at C, each item as it
 * stood at C (sen2-return.md section 1.6).  The needs, the settings
 * named in the plan and the personal budgets are those in force at C
 * (a ceased plan's, at its end); the placements attended are those of
 * the period, a leaving date after C left blank; a decision before the
 * period is reported as H, without its date.
 *
 * What each year's return holds (its items, code lists, XML element
 * order and validation rules) is ehc's description of that year, 2024
 * to 2027; a later year is made as 2027.  The tables and columns of the
 * CSV files and the workbook are those of sen2-return.md section 4 for
 * every year (an item a year does not have is left blank): sen2_header,
 * sen2_person, sen2_requests, sen2_assessment, sen2_namedplan,
 * sen2_plandetail, sen2_activeplans, sen2_placementdetail and
 * sen2_senneed.  PersonID is ehc's person id and RequestsID its case id.
 * CSV files are UTF-8 with RFC 4180 quoting (fields are quoted only
 * when they must be) and CRLF line ends.
 *
 * Authority-wide values come from the setting table: "lea" (3-digit LA
 * number, default 000), "dmo", "dco", "dsco" (Y, N or R), "census:YYYY"
 * (a census day for a year ehc does not know) and "sen2-serial:YYYY"
 * (the SerialNo of the last XML message written for the year).
 */
#ifndef EHC_SEN2_H
#define EHC_SEN2_H

#include <stdint.h>
#include <stdio.h>
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

#define EHC_SEN2_OPTIONS_VERSION 1

/* Which return to make; start from EHC_SEN2_OPTIONS_INIT. */
struct ehc_sen2_options {
	unsigned int	 version;	/* EHC_SEN2_OPTIONS_VERSION */
	int		 year;		/* the census year, e.g. 2026 */
	/*
	 * The header's DateTime, "YYYY-MM-DDTHH:MM:SS", for output that can
	 * be made again byte for byte; NULL: the time of writing.
	 */
	const char	*datetime;
};

#define EHC_SEN2_OPTIONS_INIT { EHC_SEN2_OPTIONS_VERSION, 0, NULL }

/* What was written, and what the year's checks found in it. */
struct ehc_sen2_summary {
	int		 errors;	/* findings COLLECT would refuse */
	int		 queries;	/* findings COLLECT would query */
	int		 serial;	/* the header's SerialNo */
	long		 persons, requests, plans;	/* rows written */
};

/*
 * Write the XML message of the return to fp, UTF-8, each block in the
 * element order of the year's specification, streamed as the caseload
 * is read.  It carries the next SerialNo for the year, which is recorded
 * in the store (and audited) in the caller's transaction: the caller
 * commits it once the file is complete, so that a resubmission gets the
 * next serial.  The return is written whatever the checks find; the
 * counts go to *out (out may be NULL).  Returns EHC_OK, EHC_EINVAL (no
 * census day or description for the year, a malformed datetime, an
 * unknown opt->version, a handle masked for an analyst, whose copy of
 * the return names no child), EHC_EIO (a write to fp failed), EHC_ENOMEM or a
 * store error; the message is on the handle.
 */
EHC_API int ehc_sen2_export_xml(struct ehc_sen2_summary *out,
    struct ehc_db *db, const struct ehc_sen2_options *opt, FILE *fp);

/*
 * Write the return as the nine CSV files in dir, creating dir (mode
 * 0700) when it is missing; the files are created mode 0600 and replace
 * any already there.  The header carries the SerialNo of the last XML
 * message written for the year (001 before the first) and changes
 * nothing in the store.  Returns as ehc_sen2_export_xml(), and
 * EHC_ECREATE when dir or a file cannot be created.
 */
EHC_API int ehc_sen2_export_csv(struct ehc_sen2_summary *out,
    struct ehc_db *db, const struct ehc_sen2_options *opt, const char *dir);

/*
 * Write the return as one workbook at path: the nine tables as sheets
 * (Header, Person, Requests, Assessments, Named Plan, Plan Detail,
 * Active Plan, Placement Detail, SEN Need) with real date cells, a bold
 * frozen header row and filters, then Validation (the findings) and
 * About (authority, year, census day, counts).  Returns as
 * ehc_sen2_export_csv().
 */
EHC_API int ehc_sen2_export_xlsx(struct ehc_sen2_summary *out,
    struct ehc_db *db, const struct ehc_sen2_options *opt,
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
 * Check the return for year against the year's rules (ehc's own ids:
 * the DfE's own rule list is not published in a usable form; ours
 * paraphrase the guide, see ehc-report(1)) and call cb for each finding,
 * in table order.  A non-zero return from cb stops and is returned.
 * Returns EHC_OK, EHC_EINVAL (no census day or description), EHC_ENOMEM
 * or a store error.
 */
EHC_API int ehc_sen2_validate(struct ehc_db *db, int year,
    int (*cb)(const struct ehc_sen2_finding *, void *), void *payload);

/* What an import added. */
struct ehc_sen2_counts {
	int	people;
	int	cases;
};

/*
 * Load a caseload from a SEN2 return: path names the XML message (a
 * file) or a directory holding the nine CSV files (columns found by
 * their header names; extra columns are ignored).  All or nothing: the
 * caller owns the transaction and rolls it back on failure, and the
 * nine CSV files are read and checked before anything is written.  Each
 * problem is reported as "FILE:LINE:COLUMN: reason".  What the return
 * says as on its census day becomes dated history: needs, named
 * settings and personal budgets from the plan's start, a transfer in
 * from the start of the collection period.  Historic plans (outcome H)
 * become cases with no request date.  Returns EHC_OK, EHC_ENOINPUT
 * (path, or a CSV file, missing or unreadable), EHC_EINVAL (malformed
 * CSV or XML, an impossible date, an unknown code, a broken reference
 * between tables), EHC_ENOMEM or a store error.  What was added is
 * written to *out (out may be NULL).
 */
EHC_API int ehc_sen2_import_counted(struct ehc_sen2_counts *out,
    struct ehc_db *db, const char *path);

/* ehc_sen2_import_counted() without the counts. */
EHC_API int ehc_sen2_import(struct ehc_db *db, const char *path);

#ifdef __cplusplus
}
#endif
#endif
