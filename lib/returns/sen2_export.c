/*
 * sen2_export.c: the SEN2 person-level return, made as on its census
 * day.  The caseload is read once, case by case; each case's rows are
 * derived from the facts in force on the census day (sen2.h), made as
 * text cells exactly as they will be written, and go straight into
 * their CSV file, their sheet of the workbook or the case's part of the
 * XML message; then the case's rows are checked and dropped.  Every
 * form and the validation findings are made from the same cells, so
 * they cannot disagree, and memory does not grow with the caseload.
 * What each year's return holds comes from the year's description
 * (base/sen2_spec.c).
 */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xlsxwriter.h>

#define NTABLES		EHC__SEN2_NTABLES
#define MAXCOLS		EHC__SEN2_MAXCOLS
#define T_HEADER	EHC__SEN2_HEADER
#define T_PERSON	EHC__SEN2_PERSON
#define T_REQUESTS	EHC__SEN2_REQUESTS
#define T_ASSESSMENT	EHC__SEN2_ASSESSMENT
#define T_NAMEDPLAN	EHC__SEN2_NAMEDPLAN
#define T_PLANDETAIL	EHC__SEN2_PLANDETAIL
#define T_ACTIVEPLANS	EHC__SEN2_ACTIVEPLANS
#define T_PLACEMENT	EHC__SEN2_PLACEMENT
#define T_SENNEED	EHC__SEN2_SENNEED

#define defs		ehc__sen2_tables

/*
 * The rows of a table that the checks can still look at: the current
 * case's own rows, the current person's row (kept while the person's
 * cases follow one another) and the header's.  Every row is written out
 * as soon as it is made, so what is held never grows with the caseload.
 * Cells are offsets into one text buffer that is reused case after case.
 */
struct table {
	char	*text;
	size_t	 tlen, tcap;
	size_t	*cells;		/* nrows * ncols offsets into text */
	size_t	 nrows, cap;
	size_t	 written;	/* rows written out so far, in all */
	size_t	 width[MAXCOLS];	/* XLSX: longest value per column */
};

struct xlsx {
	lxw_workbook	*wb;
	lxw_format	*bold, *date;
	lxw_worksheet	*ws[NTABLES + 1];	/* the tables, Validation */
	size_t		 vwidth[8];		/* Validation's columns */
};

/* Where the rows and the findings go. */
enum sink {
	TO_NOWHERE,	/* --check: findings only */
	TO_CSV,		/* the nine files; findings counted */
	TO_XLSX,	/* the sheets, findings on Validation */
	TO_XML		/* the message; findings counted */
};

/* The tables read by cursor (see cursor_sql). */
enum {
	K_DISPUTE, K_TRANSFER, K_CESSATION, K_PLANDETAIL, K_PLACEMENT, K_NEED,
	K_BUDGET, K_REVIEW, K_AMENDMENT, K_PHASE, K_EXCEPTION, NCURSORS
};

struct cursor {
	sqlite3_stmt	*st;
	int		 on;		/* on a row */
	int64_t		 last;		/* the case last asked for; 0: none */
};

/* A row of one case held to be put in order, its cells NUL-separated. */
struct held {
	int64_t		 rank, seq;
	char		*text;
};

/* column()'s answers. */
#define NMEMO 128
struct column_memo {
	const char	*name;
	int		 table, col;
};

struct sen2 {
	struct ehc_db	*db;
	int		 year;
	const struct ehc__sen2_year *y;
	int32_t		 census, start;
	char		 census_s[EHC_DATE_LEN], start_s[EHC_DATE_LEN];
	enum sink	 sink;
	char		 datetime[24];	/* the header's DateTime */
	int		 serial;	/* the header's SerialNo */
	/* The year's view of each column: part of the return, code list. */
	unsigned char	 in_year[NTABLES][MAXCOLS];
	const char	*codes[NTABLES][MAXCOLS];
	struct table	 t[NTABLES];
	FILE		*fp[NTABLES];	/* TO_CSV: of[]'s streams */
	struct ehc_outfile *of[NTABLES];
	struct xlsx	*x;		/* TO_XLSX */
	FILE		*xml;		/* TO_XML */
	int		 person_open;	/* TO_XML: a <Person> to close */
	char		*smem;		/* TO_NOWHERE: the findings so far, */
	size_t		 slen, scap;	/* each field ending in NUL, */
	FILE		*spool;		/* or in a file once they are many */
	size_t		 nfinds;
	int		 nerrors, nqueries;
	sqlite3_stmt	*st_cases;	/* the caseload */
	struct cursor	 cur[NCURSORS];	/* the tables, in case order */
	int		 err;		/* a cursor failed */
	struct held	*held;		/* a case's named settings */
	size_t		 nheld, heldcap;
	char		*covers;	/* budget(): the first DP cover */
	size_t		 coverscap;
	struct column_memo memo[NMEMO];
};

/* Where one case's rows are, for the checks and the XML blocks. */
struct case_rows {
	size_t	 person, request;
	long	 assessment, namedplan, activeplans;	/* -1: none */
	size_t	 pd0, pd1, pl0, pl1, nd0, nd1;		/* [first, end) */
};

static void	emit_row(struct sen2 *, int, const char *const *);
static void	emit_finding(struct sen2 *, const char *const *);
static int	xml_start(struct sen2 *);
static int	xml_case(struct sen2 *, const struct case_rows *, int);
static int	validate_header(struct sen2 *);
static int	validate_person(struct sen2 *, size_t);
static int	validate_case(struct sen2 *, const struct case_rows *);

/* Cached statements stay with the handle; only let go of them. */
static void
cursors_close(struct sen2 *s)
{
	int c;

	if (s->st_cases != NULL)
		sqlite3_reset(s->st_cases);
	s->st_cases = NULL;
	for (c = 0; c < NCURSORS; c++) {
		if (s->cur[c].st != NULL)
			sqlite3_reset(s->cur[c].st);
		s->cur[c].st = NULL;
	}
}

static void
sen2_release(struct sen2 *s)
{
	size_t i;
	int t;

	for (t = 0; t < NTABLES; t++) {
		free(s->t[t].text);
		free(s->t[t].cells);
	}
	free(s->smem);
	if (s->spool != NULL)
		fclose(s->spool);
	for (i = 0; i < s->nheld; i++)
		free(s->held[i].text);
	free(s->held);
	free(s->covers);
	cursors_close(s);
}

/* Forget the rows held for table t (they have been written out). */
static void
rows_clear(struct sen2 *s, int t)
{
	s->t[t].nrows = 0;
	s->t[t].tlen = 0;
}

/*
 * Add a row and write it out; v has the table's column count, NULL for
 * blank.  An item the year's return does not have is left blank.
 */
static int
row_add(struct sen2 *s, int t, const char *const *v)
{
	struct table *tb = &s->t[t];
	size_t nc = (size_t)defs[t].nitems, need = 0, len, i, *cells;
	const char *w[MAXCOLS];
	char *text;

	for (i = 0; i < nc; i++) {
		w[i] = s->in_year[t][i] && v[i] != NULL ? v[i] : "";
		need += strlen(w[i]) + 1;
	}
	if (tb->nrows == tb->cap) {
		size_t cap = tb->cap ? tb->cap * 2 : 16;

		if ((cells = realloc(tb->cells, cap * nc * sizeof(*cells)))
		    == NULL)
			return EHC_ENOMEM;
		tb->cells = cells;
		tb->cap = cap;
	}
	if (tb->tcap - tb->tlen < need) {
		size_t cap = tb->tcap ? tb->tcap : 1024;

		while (cap - tb->tlen < need)
			cap *= 2;
		if ((text = realloc(tb->text, cap)) == NULL)
			return EHC_ENOMEM;
		tb->text = text;
		tb->tcap = cap;
	}
	cells = tb->cells + tb->nrows * nc;
	for (i = 0; i < nc; i++) {
		len = strlen(w[i]);
		cells[i] = tb->tlen;
		memcpy(tb->text + tb->tlen, w[i], len + 1);
		tb->tlen += len + 1;
	}
	tb->nrows++;
	emit_row(s, t, w);
	return EHC_OK;
}

/* A cell by column number. */
static const char *
cell_at(const struct sen2 *s, int t, size_t row, int c)
{
	return s->t[t].text + s->t[t].cells[row * (size_t)defs[t].nitems +
	    (size_t)c];
}

/*
 * A column's number by its name, or -1.  The checks name columns many
 * times a row, by literals: the answer is remembered by where the name
 * is, and a remembered answer is compared again, so any name will do.
 */
static int
column(struct sen2 *s, int t, const char *name)
{
	struct column_memo *m = &s->memo[((uintptr_t)name >> 3 ^
	    (uintptr_t)t) % NMEMO];

	if (m->name != name || m->table != t || m->col < 0 ||
	    strcmp(defs[t].items[m->col].name, name) != 0) {
		m->name = name;
		m->table = t;
		if ((m->col = ehc__sen2_column(t, name)) < 0)
			return -1;
	}
	return m->col;
}

/* A cell by column name ("" when the table has no such column). */
static const char *
cell(struct sen2 *s, int t, size_t row, const char *col)
{
	int c = column(s, t, col);

	return c < 0 ? "" : cell_at(s, t, row, c);
}

static int32_t
cell_date(struct sen2 *s, int t, size_t row, const char *col)
{
	int32_t d;

	if (ehc_date_parse(&d, cell(s, t, row, col)) != EHC_OK)
		return EHC_NO_DATE;
	return d;
}

/* Findings kept in memory for ehc_sen2_validate() before a file. */
#define SPOOL_MEM (256 * 1024)

/*
 * Keep a field of a finding, NUL included, until the whole return has
 * been read.  Most stores have few findings and never touch the disk;
 * past SPOOL_MEM they go to a temporary file, so that memory stays
 * bounded however many there are.
 */
static int
spool_put(struct sen2 *s, const char *p)
{
	size_t n = strlen(p) + 1, cap;
	char *mem;

	if (s->spool == NULL && s->slen + n > SPOOL_MEM) {
		if ((s->spool = tmpfile()) == NULL)
			return ehc__db_fail(s->db, EHC_EIO, "cannot create a "
			    "temporary file for the findings: %s",
			    strerror(errno));
		fwrite(s->smem, 1, s->slen, s->spool);
		free(s->smem);
		s->smem = NULL;
		s->slen = s->scap = 0;
	}
	if (s->spool != NULL) {
		/* Errors are seen by ferror() before the play-back. */
		fwrite(p, 1, n, s->spool);
		return EHC_OK;
	}
	if (s->slen + n > s->scap) {
		for (cap = s->scap ? s->scap : 4096; cap < s->slen + n; )
			cap *= 2;
		if ((mem = realloc(s->smem, cap)) == NULL)
			return EHC_ENOMEM;
		s->smem = mem;
		s->scap = cap;
	}
	memcpy(s->smem + s->slen, p, n);
	s->slen += n;
	return EHC_OK;
}

/* Whether a Person item names the child: an analyst's copy leaves it out. */
static int
personal(const char *item)
{
	static const char *const names[] = { "Surname", "Forename",
	    "PersonBirthDate", "PostCode", "UPN", "UniqueLearnerNumber" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(item, names[i]) == 0)
			return 1;
	return 0;
}

static int
finding(struct sen2 *s, int rule, int t, size_t row, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Record a finding of rule about a row (row of table t) and one of its
 * fields, with the severity the year gives the rule (none: the rule is
 * off that year): straight onto the Validation sheet, or into the spool
 * that ehc_sen2_validate() plays back once the whole return has been
 * read, or only counted.  Returns EHC_OK, or for the spool EHC_ENOMEM
 * or EHC_EIO.
 */
static int
finding(struct sen2 *s, int rule, int t, size_t row, const char *field,
    const char *fmt, ...)
{
	char msg[400];
	const char *v[8];
	char sev = ehc__sen2_severity(s->y, rule);
	va_list ap;
	int i, rc;

	if (sev == 0)
		return EHC_OK;
	if (sev == 'E')
		s->nerrors++;
	else
		s->nqueries++;
	if (s->sink == TO_CSV || s->sink == TO_XML)
		return EHC_OK;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v[0] = ehc__sen2_rules[rule].id;
	v[1] = sev == 'E' ? "error" : "query";
	v[2] = defs[t].sheet;
	v[3] = t == T_HEADER ? "" : cell(s, t, row, "PersonID");
	v[4] = t == T_HEADER ? "" : cell(s, t, row, "RequestsID");
	v[5] = field ? field : "";
	v[6] = field == NULL || (s->db->masked && t == T_PERSON &&
	    personal(field)) ? "" : cell(s, t, row, field);
	v[7] = msg;
	if (s->sink == TO_NOWHERE) {
		for (i = 0; i < 8; i++)
			if ((rc = spool_put(s, v[i])) != EHC_OK)
				return rc;
	} else
		emit_finding(s, v);
	s->nfinds++;
	return EHC_OK;
}

static int
setting(struct ehc_db *db, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *st;
	int found = 0;

	buf[0] = '\0';
	if (ehc__db_prepare(db, &st, "SELECT value FROM setting WHERE "
	    "key = ?1") != EHC_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, len, "%s", sqlite3_column_text(st, 0) ?
		    (const char *)sqlite3_column_text(st, 0) : "");
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

int32_t
ehc_sen2_census(struct ehc_db *db, int year)
{
	char key[32], val[64];
	int32_t d;

	snprintf(key, sizeof(key), "census:%d", year);
	if (setting(db, key, val, sizeof(val)) == 1 &&
	    ehc_date_parse(&d, val) == EHC_OK)
		return d;
	return ehc__sen2_census_day(year);
}

/* The SerialNo of the last XML message written for the year, or 0. */
static int
last_serial(struct ehc_db *db, int year)
{
	char key[32], val[16];

	snprintf(key, sizeof(key), "sen2-serial:%d", year);
	if (setting(db, key, val, sizeof(val)) != 1)
		return 0;
	return atoi(val);
}

static const char *
col_text(sqlite3_stmt *st, int col)
{
	const char *p = (const char *)sqlite3_column_text(st, col);

	return p ? p : "";
}

/* The SEN2 RequestSource code of ehc's source word. */
static const char *
source_code(const char *src)
{
	static const struct {
		const char	*word, *code;
	} map[] = {
		{ "parent", "1" }, { "young-person", "1" }, { "school", "2" },
		{ "health", "3" }, { "social-care", "4" }, { "other", "5" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].word, src) == 0)
			return map[i].code;
	return "";
}

static int
build_header(struct sen2 *s)
{
	char year[8], lea[16], serial[16], dmo[8], dco[8], dsco[8];
	const char *v[MAXCOLS];

	snprintf(year, sizeof(year), "%d", s->year);
	if (setting(s->db, "lea", lea, sizeof(lea)) != 1 || lea[0] == '\0')
		snprintf(lea, sizeof(lea), "000");
	snprintf(serial, sizeof(serial), "%03d", s->serial);
	setting(s->db, "dmo", dmo, sizeof(dmo));
	setting(s->db, "dco", dco, sizeof(dco));
	setting(s->db, "dsco", dsco, sizeof(dsco));
	v[0] = "SEN2";
	v[1] = year;
	v[2] = s->census_s;
	v[3] = "L";
	v[4] = lea;
	v[5] = "ehc";
	v[6] = EHC_VERSION_STRING;
	v[7] = serial;
	v[8] = s->datetime;
	v[9] = dmo;
	v[10] = dco;
	v[11] = dsco;
	return row_add(s, T_HEADER, v);
}

/* The case columns read for the return. */
enum {
	C_ID, C_PERSON, C_SURNAME, C_FORENAME, C_DOB, C_SEX, C_ETHNICITY,
	C_POSTCODE, C_UPN, C_ULN, C_UPN_UNKNOWN, C_RECEIVED, C_SOURCE, C_RYA,
	C_WITHDRAWN, C_ASSESS, C_ASSESS_DATE, C_ISSUE, C_ISSUE_DATE,
	C_FINAL, C_TRANSFER_LA, C_EXPORTED, C_CEASE, C_CEASE_REASON,
	C_PLAN_RES, C_PLAN_WBP, C_REQ_MED, C_REQ_TRIB, C_ASS_MED, C_ASS_TRIB,
	C_OTHER_MED, C_OTHER_TRIB
};

/* The caseload, each person's cases together. */
static const char cases_sql[] =
    "SELECT c.id, c.person_id, p.surname, p.forename, p.dob, p.sex, "
    "p.ethnicity, p.postcode, p.upn, p.uln, p.upn_unknown, c.received, "
    "c.source, c.rya, c.withdrawn, c.assess, c.assess_date, c.issue, "
    "c.issue_date, c.final_date, c.transfer_la, c.exported, c.cease_date, "
    "c.cease_reason, c.plan_res, c.plan_wbp, c.request_mediation, "
    "c.request_tribunal, c.assessment_mediation, c.assessment_tribunal, "
    "c.other_mediation, c.other_tribunal "
    "FROM cases c JOIN person p ON p.id = c.person_id "
    "ORDER BY c.person_id, c.id";

/*
 * The tables a case's rows come from, each read by a cursor in case
 * order, column 0 the case id: the return reads each table once, in its
 * index's order, instead of looking each case up in eight tables (see
 * seek()).  ?1 is the first case, ?2 the census day, ?3 the start of
 * the collection period.  What depends on the case's own day (a ceased
 * plan's last day), and any order but the index's, is decided in C
 * among the few rows of one case.
 */

static const char *const cursor_sql[NCURSORS] = {
	/* Mediation and appeals recorded by the census day. */
	[K_DISPUTE] = "SELECT case_id, about, mediated <= ?2, appeal <= ?2 "
	    "FROM dispute WHERE case_id >= ?1 ORDER BY case_id, id",
	/* Plans transferred in: whether in the period. */
	[K_TRANSFER] = "SELECT case_id, transferred BETWEEN ?3 AND ?2 FROM "
	    "la_transfer WHERE case_id >= ?1 AND direction = 'in' "
	    "ORDER BY case_id, id",
	/* An appeal against ceasing is the cessation's record. */
	[K_CESSATION] = "SELECT case_id FROM cessation WHERE case_id >= ?1 "
	    "AND appeal_lodged <= ?2 ORDER BY case_id, id",
	/* The settings named, in force on the plan's day (C). */
	[K_PLANDETAIL] = "SELECT case_id, coalesce(start, ''), end, "
	    "placement_rank, seq, urn, ukprn, sen_setting, sen_setting_other, "
	    "placement_rank, sen_unit, resourced, res, wbp FROM plan_detail "
	    "WHERE case_id >= ?1 ORDER BY case_id, seq",
	/* Those attended in the period; a later leaving not yet known. */
	[K_PLACEMENT] = "SELECT case_id, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, entry, CASE WHEN leaving <= ?2 "
	    "THEN leaving END, sen_unit, resourced, res, wbp FROM placement "
	    "WHERE case_id >= ?1 AND (entry IS NULL OR entry <= ?2) AND "
	    "(leaving IS NULL OR leaving >= ?3) ORDER BY case_id, seq",
	[K_NEED] = "SELECT case_id, type, rank FROM need WHERE case_id >= ?1 "
	    "AND start <= ?2 AND (end IS NULL OR end >= ?2) "
	    "ORDER BY case_id, rank, id",
	/* The personal budgets, in force on the plan's day (C). */
	[K_BUDGET] = "SELECT case_id, start, end, organised, "
	    "direct_payment = 1, coalesce(covers, '') FROM funding "
	    "WHERE case_id >= ?1 AND kind = 'personal-budget' "
	    "ORDER BY case_id, id",
	[K_REVIEW] = "SELECT case_id, id, meeting, decided, outcome FROM "
	    "review WHERE case_id >= ?1 AND meeting <= ?2 ORDER BY case_id, id",
	[K_AMENDMENT] = "SELECT case_id, review_id, proposed FROM amendment "
	    "WHERE case_id >= ?1 AND proposed <= ?2 ORDER BY case_id, id",
	/* Transfers recorded, not those the clock derives from birth dates. */
	[K_PHASE] = "SELECT case_id, due, done FROM deadline WHERE case_id >= "
	    "?1 AND rule = 'phase-transfer' AND due >= ?3 AND (subject = "
	    "'school' OR subject = 'post-16' OR subject = 'post-16-move') "
	    "ORDER BY case_id, seq",
	[K_EXCEPTION] = "SELECT case_id FROM exception WHERE case_id >= ?1 "
	    "AND step = 'final-plan' AND date <= ?2 ORDER BY case_id, id",
};

/*
 * A case at most this far past the one a cursor was last asked for is
 * reached by stepping over the rows between; a case further on, or
 * behind, by a new search.
 */
#define SEEK_GAP 16

static int
step_error(struct sen2 *s, int rc)
{
	return ehc__db_error(s->db, rc, "reading the caseload");
}

static int
prepare_cursors(struct sen2 *s)
{
	sqlite3_stmt *st;
	int c, rc;

	if ((rc = ehc__db_cached(s->db, &s->st_cases, cases_sql)) != EHC_OK)
		return rc;
	for (c = 0; c < NCURSORS; c++) {
		if ((rc = ehc__db_cached(s->db, &s->cur[c].st, cursor_sql[c]))
		    != EHC_OK)
			return rc;
		st = s->cur[c].st;
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_text(st, 2, s->census_s, -1,
			    SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(st) >= 3)
			sqlite3_bind_text(st, 3, s->start_s, -1,
			    SQLITE_STATIC);
	}
	return EHC_OK;
}

/* Step a cursor; a failure is kept in s->err and ends the cursor. */
static void
cursor_step(struct sen2 *s, struct cursor *k)
{
	int rc = sqlite3_step(k->st);

	k->on = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && s->err == EHC_OK)
		s->err = step_error(s, rc);
}

/*
 * Put cursor c on case id's first row: whether it has one.  The cases
 * come in person order, which is case order where each child has one
 * request; a child's later request, and the case after it, are found by
 * a search each, as a lookup of that case alone would be.
 */
static int
seek(struct sen2 *s, int c, int64_t id)
{
	struct cursor *k = &s->cur[c];

	if (k->last == 0 || id <= k->last || id - k->last > SEEK_GAP) {
		sqlite3_reset(k->st);
		sqlite3_bind_int64(k->st, 1, id);
		cursor_step(s, k);
	}
	k->last = id;
	while (k->on && sqlite3_column_int64(k->st, 0) < id)
		cursor_step(s, k);
	return k->on && sqlite3_column_int64(k->st, 0) == id;
}

/* Step cursor c: whether it is still on case id. */
static int
next(struct sen2 *s, int c, int64_t id)
{
	struct cursor *k = &s->cur[c];

	cursor_step(s, k);
	return k->on && sqlite3_column_int64(k->st, 0) == id;
}

/* Whether the text day (NULL: none) is on or before asof. */
static int
by(const char *day, const char *asof)
{
	return day != NULL && strcmp(day, asof) <= 0;
}

/* Whether the row's start and end (NULL: open) hold day asof. */
static int
in_force(sqlite3_stmt *st, int col, const char *asof)
{
	const char *end = (const char *)sqlite3_column_text(st, col + 1);

	return by((const char *)sqlite3_column_text(st, col), asof) &&
	    (end == NULL || strcmp(end, asof) >= 0);
}

static void
held_clear(struct sen2 *s)
{
	size_t i;

	for (i = 0; i < s->nheld; i++)
		free(s->held[i].text);
	s->nheld = 0;
}

/* Hold the cursor's row, columns [col, col + n), to be ordered later. */
static int
held_add(struct sen2 *s, sqlite3_stmt *st, int col, int n, int64_t rank,
    int64_t seq)
{
	struct held *h;
	size_t len = 0, l;
	char *p;
	int i;

	if (s->nheld == s->heldcap) {
		l = s->heldcap ? s->heldcap * 2 : 8;
		if ((h = realloc(s->held, l * sizeof(*h))) == NULL)
			return EHC_ENOMEM;
		s->held = h;
		s->heldcap = l;
	}
	for (i = 0; i < n; i++)
		len += strlen(col_text(st, col + i)) + 1;
	if ((p = malloc(len)) == NULL)
		return EHC_ENOMEM;
	h = &s->held[s->nheld++];
	h->rank = rank;
	h->seq = seq;
	h->text = p;
	for (i = 0; i < n; i++) {
		l = strlen(col_text(st, col + i)) + 1;
		memcpy(p, col_text(st, col + i), l);
		p += l;
	}
	return EHC_OK;
}

/*
 * The settings the plan named on day asof, numbered from 1 in rank
 * order; the first residential or work-based one gives the plan's
 * PlanRes and PlanWBP (res and wbp, which have room for a code).
 */
static int
build_plandetail(struct sen2 *s, int64_t id, const char *pid,
    const char *rid, const char *asof, char *res, char *wbp,
    struct case_rows *cr)
{
	sqlite3_stmt *st = s->cur[K_PLANDETAIL].st;
	const char *v[MAXCOLS];
	struct held h;
	char seq[24], *p;
	size_t i, j;
	int rc, on;

	held_clear(s);
	cr->pd0 = s->t[T_PLANDETAIL].nrows;
	for (on = seek(s, K_PLANDETAIL, id); on;
	    on = next(s, K_PLANDETAIL, id))
		if (in_force(st, 1, asof) && (rc = held_add(s, st, 5, 9,
		    sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4)))
		    != EHC_OK)
			return rc;
	if (s->err != EHC_OK)
		return s->err;
	/* Rank order, then the order they were named in. */
	for (i = 1; i < s->nheld; i++)
		for (j = i; j > 0 && (s->held[j - 1].rank > s->held[j].rank ||
		    (s->held[j - 1].rank == s->held[j].rank &&
		    s->held[j - 1].seq > s->held[j].seq)); j--) {
			h = s->held[j];
			s->held[j] = s->held[j - 1];
			s->held[j - 1] = h;
		}
	for (i = 0; i < s->nheld; i++) {
		snprintf(seq, sizeof(seq), "%zu", i + 1);
		v[0] = pid;
		v[1] = rid;
		v[2] = seq;
		for (j = 0, p = s->held[i].text; j < 9; j++, p += strlen(p) + 1)
			v[3 + j] = p;
		if (*res == '\0')
			snprintf(res, 2, "%s", v[10]);
		if (*wbp == '\0')
			snprintf(wbp, 2, "%s", v[11]);
		if ((rc = row_add(s, T_PLANDETAIL, v)) != EHC_OK)
			return rc;
	}
	cr->pd1 = s->t[T_PLANDETAIL].nrows;
	return EHC_OK;
}

/* The placements of the period and the needs in force at census. */
static int
build_attended(struct sen2 *s, int64_t id, const char *pid, const char *rid,
    struct case_rows *cr)
{
	sqlite3_stmt *pl = s->cur[K_PLACEMENT].st, *nd = s->cur[K_NEED].st;
	const char *v[MAXCOLS];
	char seq[16];
	int rc, i, n = 0, on;

	cr->pl0 = s->t[T_PLACEMENT].nrows;
	for (on = seek(s, K_PLACEMENT, id); on; on = next(s, K_PLACEMENT, id)) {
		snprintf(seq, sizeof(seq), "%d", ++n);
		v[0] = pid;
		v[1] = rid;
		v[2] = seq;
		for (i = 0; i < 11; i++)
			v[3 + i] = col_text(pl, 1 + i);
		if ((rc = row_add(s, T_PLACEMENT, v)) != EHC_OK)
			return rc;
	}
	cr->pl1 = s->t[T_PLACEMENT].nrows;
	cr->nd0 = s->t[T_SENNEED].nrows;
	for (on = seek(s, K_NEED, id); on; on = next(s, K_NEED, id)) {
		v[0] = pid;
		v[1] = rid;
		v[2] = col_text(nd, 1);
		v[3] = col_text(nd, 2);
		if ((rc = row_add(s, T_SENNEED, v)) != EHC_OK)
			return rc;
	}
	cr->nd1 = s->t[T_SENNEED].nrows;
	return s->err;
}

/* The SEN2 DP code of what a personal budget covers. */
static const char *
dp_code(const char *covers)
{
	if (strcmp(covers, "education") == 0)
		return "E";
	if (strcmp(covers, "social-care") == 0)
		return "S";
	if (strcmp(covers, "health") == 0)
		return "H";
	return "";
}

/*
 * PB, OA and DP from the personal budgets in force on asof: any budget
 * makes PB 1; OA says whether one has organised arrangements; DP is the
 * cover of those paid directly, I when they cover more than one thing.
 */
static int
budget(struct sen2 *s, int64_t id, const char *asof, const char **pb,
    const char **oa, const char **dp)
{
	sqlite3_stmt *st = s->cur[K_BUDGET].st;
	const char *covers;
	int64_t organised = 0;
	size_t len, cap;
	char *p;
	int on, n = 0, ncovers = 0;

	for (on = seek(s, K_BUDGET, id); on; on = next(s, K_BUDGET, id)) {
		if (!in_force(st, 1, asof))
			continue;
		if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    sqlite3_column_int64(st, 3) > organised)
			organised = sqlite3_column_int64(st, 3);
		n++;
		if (sqlite3_column_int(st, 4) != 1)
			continue;
		/* Only whether the direct payments cover one thing. */
		covers = col_text(st, 5);
		if (ncovers == 1 && strcmp(covers, s->covers) != 0)
			ncovers = 2;
		if (ncovers > 0)
			continue;
		if ((len = strlen(covers) + 1) > s->coverscap) {
			for (cap = 32; cap < len; cap *= 2)
				;
			if ((p = realloc(s->covers, cap)) == NULL)
				return EHC_ENOMEM;
			s->covers = p;
			s->coverscap = cap;
		}
		memcpy(s->covers, covers, len);
		ncovers = 1;
	}
	*pb = n ? "1" : "0";
	*oa = n == 0 ? "" : organised ? "1" : "0";
	*dp = n == 0 ? "" : ncovers > 1 ? "I" : ncovers == 1 ?
	    dp_code(s->covers) : "";
	return s->err;
}

/* Copy a text cell into a small buffer. */
static void
copy_text(char *dst, size_t len, sqlite3_stmt *st, int col)
{
	snprintf(dst, len, "%s", col_text(st, col));
}

/* The latest review on or before census, its draft and the transfer. */
static int
build_active(struct sen2 *s, sqlite3_stmt *c, const char *pid,
    const char *rid)
{
	char meeting[EHC_DATE_LEN] = "", last[EHC_DATE_LEN] = "";
	char draft[EHC_DATE_LEN] = "", due[EHC_DATE_LEN] = "";
	char done[EHC_DATE_LEN] = "", outcome[4] = "";
	char best[32] = "", first[32] = "";
	const char *v[MAXCOLS];
	sqlite3_stmt *st;
	int64_t id = sqlite3_column_int64(c, C_ID), review = 0;
	int32_t decided = EHC_NO_DATE, d;
	int on, transfers = 0, in_period = 0;

	/* The latest meeting; of two on one day, the later recorded. */
	st = s->cur[K_REVIEW].st;
	for (on = seek(s, K_REVIEW, id); on; on = next(s, K_REVIEW, id)) {
		if (review != 0 && strcmp(col_text(st, 2), best) < 0)
			continue;
		review = sqlite3_column_int64(st, 1);
		copy_text(best, sizeof(best), st, 2);
		ehc_date_format(meeting, sizeof(meeting),
		    ehc__column_date(st, 2));
		decided = ehc__column_date(st, 3);
		copy_text(outcome, sizeof(outcome), st, 4);
	}
	if (decided != EHC_NO_DATE && decided <= s->census)
		ehc_date_format(last, sizeof(last), decided);
	else
		outcome[0] = '\0';
	/* Its draft: the first amendment proposed after it. */
	st = s->cur[K_AMENDMENT].st;
	if (review != 0) {
		for (on = seek(s, K_AMENDMENT, id); on;
		    on = next(s, K_AMENDMENT, id))
			if (sqlite3_column_int64(st, 1) == review &&
			    (*first == '\0' || strcmp(col_text(st, 2), first)
			    < 0))
				copy_text(first, sizeof(first), st, 2);
		if (*first != '\0' && ehc_date_parse(&d, first) == EHC_OK)
			ehc_date_format(draft, sizeof(draft), d);
	}
	/* The first transfer between phases due in the period or later. */
	st = s->cur[K_PHASE].st;
	*best = '\0';
	for (on = seek(s, K_PHASE, id); on; on = next(s, K_PHASE, id)) {
		if (*best != '\0' && strcmp(col_text(st, 1), best) >= 0)
			continue;
		copy_text(best, sizeof(best), st, 1);
		ehc_date_format(due, sizeof(due), ehc__column_date(st, 1));
		d = ehc__column_date(st, 2);
		ehc_date_format(done, sizeof(done), d != EHC_NO_DATE &&
		    d <= s->census ? d : EHC_NO_DATE);
	}
	/*
	 * A plan transferred in is reported with its authority when the
	 * transfer fell in the period, or when only an import (undated)
	 * says where from.
	 */
	st = s->cur[K_TRANSFER].st;
	for (on = seek(s, K_TRANSFER, id); on; on = next(s, K_TRANSFER, id)) {
		transfers++;
		in_period |= sqlite3_column_int(st, 1) == 1;
	}
	if (s->err != EHC_OK)
		return s->err;
	v[0] = pid;
	v[1] = rid;
	v[2] = transfers == 0 || in_period ? col_text(c, C_TRANSFER_LA) : "";
	v[3] = meeting;
	v[4] = last;
	v[5] = outcome;
	v[6] = draft;
	v[7] = due;
	v[8] = done;
	return row_add(s, T_ACTIVEPLANS, v);
}

/* Whether the 20-week limit met an exception on the way to the plan. */
static int
week20(struct sen2 *s, int64_t id, int *out)
{
	*out = seek(s, K_EXCEPTION, id);
	return s->err;
}

/* The person's row, when a new person's cases begin. */
static int
build_person(struct sen2 *s, sqlite3_stmt *c, const char *pid)
{
	const char *v[MAXCOLS];
	char dob[EHC_DATE_LEN];
	int rc;

	v[0] = pid;
	v[1] = col_text(c, C_SURNAME);
	v[2] = col_text(c, C_FORENAME);
	v[3] = ehc_date_format(dob, sizeof(dob), ehc__column_date(c, C_DOB));
	v[4] = col_text(c, C_SEX);
	v[5] = col_text(c, C_ETHNICITY);
	v[6] = col_text(c, C_POSTCODE);
	v[7] = col_text(c, C_UPN);
	v[8] = col_text(c, C_ULN);
	v[9] = col_text(c, C_UPN_UNKNOWN);
	rows_clear(s, T_PERSON);
	if ((rc = row_add(s, T_PERSON, v)) != EHC_OK)
		return rc;
	return validate_person(s, 0);
}

/* A case as it stood on the census day (see sen2.h). */
struct state {
	int32_t	 received, withdrawn, assess_date, issue_date, final, cease;
	char	 assess, issue;
	int	 with, exported, refused, not_issued, planned, ceased, active;
	int	 open;
	/* RequestMediation ... OtherTribunal: the case's or a dispute's. */
	char	 disputed[6][24];
};

static int
le(const struct sen2 *s, int32_t d)
{
	return d != EHC_NO_DATE && d <= s->census;
}

static int
in_period(const struct sen2 *s, int32_t d)
{
	return le(s, d) && d >= s->start;
}

static void
state_at_census(const struct sen2 *s, sqlite3_stmt *c, struct state *k)
{
	k->received = ehc__column_date(c, C_RECEIVED);
	k->withdrawn = ehc__column_date(c, C_WITHDRAWN);
	k->assess_date = ehc__column_date(c, C_ASSESS_DATE);
	k->issue_date = ehc__column_date(c, C_ISSUE_DATE);
	k->final = ehc__column_date(c, C_FINAL);
	k->cease = ehc__column_date(c, C_CEASE);
	k->assess = col_text(c, C_ASSESS)[0];
	k->issue = col_text(c, C_ISSUE)[0];
	k->with = le(s, k->withdrawn);
	k->exported = k->with && *col_text(c, C_EXPORTED) != '\0';
	k->refused = k->assess == 'N' && le(s, k->assess_date);
	k->not_issued = k->issue == 'N' && le(s, k->issue_date);
	k->planned = le(s, k->final);
	k->ceased = le(s, k->cease);
	k->active = k->planned && !k->ceased;
	k->open = !k->with && !k->refused && !k->not_issued && !k->ceased;
}

/*
 * Mediation and appeals count from the case's own flags (set by an
 * import) or from a dispute recorded on it by the census day; an appeal
 * against ceasing is the cessation's record.
 */
static int
disputes_at_census(struct sen2 *s, sqlite3_stmt *c, int64_t id,
    struct state *k)
{
	static const int col[6] = { C_REQ_MED, C_REQ_TRIB, C_ASS_MED,
	    C_ASS_TRIB, C_OTHER_MED, C_OTHER_TRIB };
	sqlite3_stmt *st = s->cur[K_DISPUTE].st;
	const char *about;
	int64_t v;
	int seen[6] = { 0 }, i, on;

	for (on = seek(s, K_DISPUTE, id); on; on = next(s, K_DISPUTE, id)) {
		about = col_text(st, 1);
		if (strcmp(about, "no-assess") == 0)
			i = 0;
		else if (strcmp(about, "no-issue") == 0)
			i = 2;
		else if (strcmp(about, "content") == 0 ||
		    strcmp(about, "no-amend") == 0 ||
		    strcmp(about, "cease") == 0)
			i = 4;
		else
			continue;
		seen[i] |= sqlite3_column_int(st, 2) == 1;
		seen[i + 1] |= sqlite3_column_int(st, 3) == 1;
	}
	seen[5] |= seek(s, K_CESSATION, id);
	for (i = 0; i < 6; i++) {
		v = sqlite3_column_int64(c, col[i]);
		snprintf(k->disputed[i], sizeof(k->disputed[i]), "%lld",
		    (long long)(v > seen[i] ? v : seen[i]));
	}
	return s->err;
}

/*
 * Whether the case belongs in the return: something had happened by the
 * census day, and it is open then or something happened in the period.
 */
static int
included(const struct sen2 *s, const struct state *k)
{
	if (!le(s, k->received) && !k->planned)
		return 0;
	return k->open || in_period(s, k->received) ||
	    in_period(s, k->assess_date) || in_period(s, k->issue_date) ||
	    in_period(s, k->final) || in_period(s, k->withdrawn) ||
	    in_period(s, k->cease);
}

/* Module 2: the request, as it stood at census. */
static int
build_request(struct sen2 *s, sqlite3_stmt *c, const struct state *k,
    const char *pid, const char *rid, const char **rout)
{
	char rdate[EHC_DATE_LEN], odate[EHC_DATE_LEN];
	const char *v[MAXCOLS];
	int32_t rod = EHC_NO_DATE;

	/* A decision to assess before the period is historic: no date. */
	if (k->assess == 'H' || (k->assess == 'Y' && le(s, k->assess_date) &&
	    k->assess_date < s->start))
		*rout = "H";
	else if ((k->assess == 'Y' || k->assess == 'N') &&
	    le(s, k->assess_date)) {
		*rout = k->assess == 'Y' ? "Y" : "N";
		rod = k->assess_date;
	} else if (k->with)
		*rout = "W";
	else
		*rout = "A";
	v[0] = pid;
	v[1] = rid;
	v[2] = ehc_date_format(rdate, sizeof(rdate), k->received);
	v[3] = source_code(col_text(c, C_SOURCE));
	v[4] = **rout == 'H' && k->received == EHC_NO_DATE ? "" :
	    col_text(c, C_RYA);
	v[5] = ehc_date_format(odate, sizeof(odate), rod);
	v[6] = *rout;
	v[7] = k->disputed[0];
	v[8] = k->disputed[1];
	v[9] = k->exported ? col_text(c, C_EXPORTED) : "";
	return row_add(s, T_REQUESTS, v);
}

/* Module 3: the assessment, for requests that led to one. */
static int
build_assessment(struct sen2 *s, sqlite3_stmt *c, const struct state *k,
    const char *pid, const char *rid)
{
	char adate[EHC_DATE_LEN];
	const char *v[MAXCOLS], *aout, *w20 = "";
	int32_t aod = EHC_NO_DATE;
	int rc, ex;

	if (k->issue == 'H' || (k->planned && k->final < s->start))
		aout = "H";	/* transferred in, or issued before */
	else if (k->planned) {
		aout = "Y";
		aod = k->final;
		if ((rc = week20(s, sqlite3_column_int64(c, C_ID), &ex))
		    != EHC_OK)
			return rc;
		w20 = ex ? "1" : "0";
	} else if (k->issue == 'Y' && le(s, k->issue_date))
		aout = "Y";	/* to be issued: no date yet */
	else if (k->not_issued) {
		aout = "N";
		aod = k->issue_date;
	} else if (k->with)
		aout = "W";
	else
		aout = "A";
	v[0] = pid;
	v[1] = rid;
	v[2] = aout;
	v[3] = ehc_date_format(adate, sizeof(adate), aod);
	v[4] = k->disputed[2];
	v[5] = k->disputed[3];
	v[6] = k->disputed[4];
	v[7] = k->disputed[5];
	v[8] = w20;
	return row_add(s, T_ASSESSMENT, v);
}

/* Module 4: the plan, as at census or as it ended. */
static int
build_plan(struct sen2 *s, sqlite3_stmt *c, const struct state *k,
    const char *pid, const char *rid, struct case_rows *cr)
{
	char start[EHC_DATE_LEN], cdate[EHC_DATE_LEN], asof[EHC_DATE_LEN];
	char res[2] = "", wbp[2] = "";
	const char *v[MAXCOLS], *pb, *oa, *dp;
	int64_t id = sqlite3_column_int64(c, C_ID);
	int rc;

	ehc_date_format(asof, sizeof(asof), k->ceased ? k->cease : s->census);
	if ((rc = build_plandetail(s, id, pid, rid, asof, res, wbp, cr))
	    != EHC_OK || (rc = budget(s, id, asof, &pb, &oa, &dp)) != EHC_OK)
		return rc;
	v[0] = pid;
	v[1] = rid;
	v[2] = ehc_date_format(start, sizeof(start), k->final);
	v[3] = *res != '\0' ? res : col_text(c, C_PLAN_RES);
	v[4] = *wbp != '\0' ? wbp : col_text(c, C_PLAN_WBP);
	v[5] = pb;
	v[6] = oa;
	v[7] = dp;
	v[8] = ehc_date_format(cdate, sizeof(cdate), k->ceased ? k->cease :
	    EHC_NO_DATE);
	v[9] = k->ceased ? col_text(c, C_CEASE_REASON) : "";
	return row_add(s, T_NAMEDPLAN, v);
}

/* One case's rows, when the case belongs in the return. */
static int
build_case(struct sen2 *s, sqlite3_stmt *c, int64_t *last_person)
{
	int64_t id = sqlite3_column_int64(c, C_ID);
	int64_t person = sqlite3_column_int64(c, C_PERSON);
	char pid[24], rid[24];
	const char *rout;
	struct case_rows cr;
	struct state k;
	int rc, t, new_person = 0;

	state_at_census(s, c, &k);
	if (!included(s, &k))
		return EHC_OK;
	if ((rc = disputes_at_census(s, c, id, &k)) != EHC_OK)
		return rc;
	/* The previous case's rows have been written and checked. */
	for (t = T_REQUESTS; t < NTABLES; t++)
		rows_clear(s, t);
	memset(&cr, 0, sizeof(cr));
	cr.assessment = cr.namedplan = cr.activeplans = -1;
	snprintf(pid, sizeof(pid), "%lld", (long long)person);
	snprintf(rid, sizeof(rid), "%lld", (long long)id);
	if (person != *last_person) {
		if ((rc = build_person(s, c, pid)) != EHC_OK)
			return rc;
		*last_person = person;
		new_person = 1;
	}
	cr.person = s->t[T_PERSON].nrows - 1;
	if ((rc = build_request(s, c, &k, pid, rid, &rout)) != EHC_OK)
		return rc;
	cr.request = s->t[T_REQUESTS].nrows - 1;
	/* Nothing further once the child has moved away. */
	if ((*rout == 'Y' || *rout == 'H') && !k.exported) {
		if ((rc = build_assessment(s, c, &k, pid, rid)) != EHC_OK)
			return rc;
		cr.assessment = (long)s->t[T_ASSESSMENT].nrows - 1;
	}
	cr.pd0 = cr.pd1 = s->t[T_PLANDETAIL].nrows;
	cr.pl0 = cr.pl1 = s->t[T_PLACEMENT].nrows;
	cr.nd0 = cr.nd1 = s->t[T_SENNEED].nrows;
	if (k.planned && !k.exported) {
		if ((rc = build_plan(s, c, &k, pid, rid, &cr)) != EHC_OK)
			return rc;
		cr.namedplan = (long)s->t[T_NAMEDPLAN].nrows - 1;
		/* Module 5: plans in force at census. */
		if (k.active) {
			if ((rc = build_active(s, c, pid, rid)) != EHC_OK ||
			    (rc = build_attended(s, id, pid, rid, &cr))
			    != EHC_OK)
				return rc;
			cr.activeplans = (long)s->t[T_ACTIVEPLANS].nrows - 1;
		}
	}
	if (s->sink == TO_XML && (rc = xml_case(s, &cr, new_person))
	    != EHC_OK)
		return rc;
	return validate_case(s, &cr);
}

/*
 * Start on the return for opt, its rows and findings to go to sink.
 * Only the year and the census day are looked up, so that a year ehc
 * cannot report on fails before any output is created.
 */
static int
sen2_init(struct sen2 *s, struct ehc_db *db,
    const struct ehc_sen2_options *opt, enum sink sink)
{
	const struct ehc__sen2_item *it;
	time_t now;
	struct tm tm;
	int rc, t, i;

	memset(s, 0, sizeof(*s));
	s->db = db;
	s->sink = sink;
	if ((rc = ehc__check_version(db, "struct ehc_sen2_options",
	    opt == NULL ? NULL : &opt->version, EHC_SEN2_OPTIONS_VERSION))
	    != EHC_OK)
		return rc;
	s->year = opt->year;
	if (s->year < 1900 || s->year > 2199 ||
	    (s->census = ehc_sen2_census(db, s->year)) == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "ehc knows no census day "
		    "for %d (it knows 2022 to 2027); record one as the setting "
		    "'census:%d'", s->year, s->year);
	if ((s->y = ehc__sen2_year(s->year)) == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "ehc describes the SEN2 "
		    "return from %d; %d is before the person-level return ehc "
		    "makes", ehc__sen2_first_year(), s->year);
	s->start = ehc_date_from_ymd(s->year - 1, 1, 1);
	ehc_date_format(s->census_s, sizeof(s->census_s), s->census);
	ehc_date_format(s->start_s, sizeof(s->start_s), s->start);
	if (opt->datetime != NULL) {
		if (!ehc__sen2_datetime_ok(opt->datetime))
			return ehc__db_fail(db, EHC_EINVAL, "the date and time "
			    "'%.30s' is not YYYY-MM-DDTHH:MM:SS",
			    opt->datetime);
		snprintf(s->datetime, sizeof(s->datetime), "%s",
		    opt->datetime);
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
		strftime(s->datetime, sizeof(s->datetime),
		    "%Y-%m-%dT%H:%M:%S", &tm);
	}
	for (t = 0; t < NTABLES; t++)
		for (i = 0; i < defs[t].nitems; i++) {
			it = &defs[t].items[i];
			s->in_year[t][i] = ehc__sen2_in_year(s->y, t, it->name);
			s->codes[t][i] = it->list != NULL ?
			    ehc__sen2_list(it->list, s->y->year) : NULL;
		}
	s->serial = last_serial(db, s->year);
	if (sink == TO_XML)
		s->serial++;
	else if (s->serial == 0)
		s->serial = 1;
	if (s->serial > 999)
		return ehc__db_fail(db, EHC_EINVAL, "999 returns have been "
		    "written for %d; SerialNo has 3 digits", s->year);
	return EHC_OK;
}

/*
 * Make the return: the header, then the cases one at a time, each
 * case's rows written out and checked before the next is read.
 */
static int
sen2_build(struct sen2 *s)
{
	int64_t last_person = -1;
	int rc;

	if ((rc = build_header(s)) != EHC_OK ||
	    (rc = validate_header(s)) != EHC_OK ||
	    (s->sink == TO_XML && (rc = xml_start(s)) != EHC_OK) ||
	    (rc = prepare_cursors(s)) != EHC_OK)
		goto out;
	while ((rc = sqlite3_step(s->st_cases)) == SQLITE_ROW)
		if ((rc = build_case(s, s->st_cases, &last_person)) != EHC_OK)
			goto out;
	rc = rc == SQLITE_DONE ? EHC_OK : step_error(s, rc);
out:
	cursors_close(s);
	if (rc == EHC_ENOMEM)
		ehc__db_fail(s->db, rc, "out of memory building the SEN2 "
		    "return");
	return rc;
}

/*
 * Validation.  Each rule is checked where its table's rows are made;
 * the year says how severe it is (sen2_spec.c).
 */

static int
is_digits(const char *p, size_t min, size_t max)
{
	size_t n = strlen(p), i;

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/*
 * Every item the year requires of each row is there, and every code is
 * from the year's list.
 */
static int
check_items(struct sen2 *s, int t, size_t row)
{
	const struct ehc__sen2_item *it;
	const char *v;
	int i, rc;

	for (i = 0; i < defs[t].nitems; i++) {
		it = &defs[t].items[i];
		if (!s->in_year[t][i])
			continue;
		v = cell_at(s, t, row, i);
		if (*v == '\0') {
			if (it->required != 0 && it->required <= s->y->year &&
			    (rc = finding(s, EHC__R_REQUIRED, t, row, it->name,
			    "%s is required", it->name)) != EHC_OK)
				return rc;
		} else if (s->codes[t][i] != NULL &&
		    !ehc__sen2_code(s->codes[t][i], v) &&
		    (rc = finding(s, EHC__R_CODE, t, row, it->name, "'%s' is "
		    "not a %s code in %d (%s)", v, it->name, s->y->year,
		    s->codes[t][i])) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

/* An event dated after the census day or before the birth. */
static int
check_dates(struct sen2 *s, int t, size_t row, int32_t dob)
{
	static const char *const events[] = {
		"ReceivedDate", "RequestOutcomeDate", "AssessmentOutcomeDate",
		"StartDate", "CeaseDate", "ReviewMeeting", "LastReview",
		"ReviewDraft", "PhaseTransferFinalDate", "EntryDate",
		"LeavingDate", NULL
	};
	const char *const *e;
	int32_t d;
	int rc;

	for (e = events; *e != NULL; e++) {
		if ((d = cell_date(s, t, row, *e)) == EHC_NO_DATE)
			continue;
		if (d > s->census && (rc = finding(s, EHC__R_AFTER_CENSUS, t,
		    row, *e, "%s is after the census day", *e)) != EHC_OK)
			return rc;
		if (dob != EHC_NO_DATE && d < dob && (rc = finding(s,
		    EHC__R_BEFORE_BIRTH, t, row, *e, "%s is before the date of "
		    "birth", *e)) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

static int
validate_header(struct sen2 *s)
{
	const char *lea = cell(s, T_HEADER, 0, "LEA");
	int rc;

	if ((!is_digits(lea, 3, 3) || strcmp(lea, "000") == 0) &&
	    (rc = finding(s, EHC__R_HEADER, T_HEADER, 0, "LEA", "LEA is not "
	    "a 3-digit LA number; record it with 'ehc config lea'")) != EHC_OK)
		return rc;
	if (!is_digits(cell(s, T_HEADER, 0, "SerialNo"), 3, 3) &&
	    (rc = finding(s, EHC__R_HEADER, T_HEADER, 0, "SerialNo",
	    "SerialNo has 3 digits")) != EHC_OK)
		return rc;
	return check_items(s, T_HEADER, 0);
}

static int
postcode_ok(const char *p)
{
	size_t n = strlen(p), i;
	const char *sp = strchr(p, ' ');

	/* Outward code 2-4 characters, a space, inward digit + 2 letters. */
	if (sp == NULL || sp - p < 2 || sp - p > 4 || n - (size_t)(sp - p)
	    != 4)
		return 0;
	if (!(p[0] >= 'A' && p[0] <= 'Z'))
		return 0;
	for (i = 1; i < (size_t)(sp - p); i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' &&
		    p[i] <= '9')))
			return 0;
	return sp[1] >= '0' && sp[1] <= '9' && sp[2] >= 'A' && sp[2] <= 'Z' &&
	    sp[3] >= 'A' && sp[3] <= 'Z';
}

static int
validate_person(struct sen2 *s, size_t r)
{
	const char *upn = cell(s, T_PERSON, r, "UPN");
	const char *uln = cell(s, T_PERSON, r, "UniqueLearnerNumber");
	const char *unk = cell(s, T_PERSON, r, "UPNunknown");
	const char *pc = cell(s, T_PERSON, r, "PostCode");
	int rc;

	if ((rc = check_items(s, T_PERSON, r)) != EHC_OK)
		return rc;
	if (*upn != '\0' && !ehc_upn_valid(upn) && (rc = finding(s,
	    EHC__R_UPN, T_PERSON, r, "UPN", "the UPN is not 13 characters "
	    "with a valid check letter")) != EHC_OK)
		return rc;
	if (*uln != '\0' && !is_digits(uln, 10, 10) && (rc = finding(s,
	    EHC__R_ULN, T_PERSON, r, "UniqueLearnerNumber", "a ULN has 10 "
	    "digits")) != EHC_OK)
		return rc;
	if (*upn == '\0' && *uln == '\0' && *unk == '\0' && (rc = finding(s,
	    EHC__R_NO_ID, T_PERSON, r, "UPNunknown", "no UPN or ULN, and no "
	    "UPNunknown reason; record the reason with 'ehc request new "
	    "--upn-unknown'")) != EHC_OK)
		return rc;
	/* An analyst's copy (ehc_db_set_masked()) does not quote it. */
	if (*pc != '\0' && !postcode_ok(pc) && (rc = finding(s,
	    EHC__R_POSTCODE, T_PERSON, r, "PostCode", "'%s' does not look "
	    "like a UK postcode", s->db->masked ? "..." : pc)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/* Exactly one of URN, UKPRN and SENSetting; the indicators. */
static int
check_setting(struct sen2 *s, int t, size_t r)
{
	const char *urn = cell(s, t, r, "URN"), *ukprn = cell(s, t, r, "UKPRN");
	const char *set = cell(s, t, r, "SENSetting");
	const char *unit = cell(s, t, r, "SENunitIndicator");
	const char *rp = cell(s, t, r, "ResourcedProvisionIndicator");
	int n = (*urn != '\0') + (*ukprn != '\0') + (*set != '\0'), rc;

	if ((rc = check_items(s, t, r)) != EHC_OK)
		return rc;
	if (n != 1 && (rc = finding(s, EHC__R_SETTING, t, r, n ? "URN" :
	    "SENSetting", n ? "give only one of URN, UKPRN and SENSetting" :
	    "no URN, UKPRN or SENSetting names the setting")) != EHC_OK)
		return rc;
	if (*urn != '\0' && !is_digits(urn, 1, 6) && (rc = finding(s,
	    EHC__R_URN, t, r, "URN", "a URN has up to 6 digits")) != EHC_OK)
		return rc;
	if (*ukprn != '\0' && !is_digits(ukprn, 8, 8) && (rc = finding(s,
	    EHC__R_URN, t, r, "UKPRN", "a UKPRN has 8 digits")) != EHC_OK)
		return rc;
	if ((strcmp(set, "OTH") == 0 || strcmp(set, "NIEO") == 0) &&
	    (rc = finding(s, EHC__R_SETTING_OTHER, t, r, "SENSetting",
	    "COLLECT queries the setting '%s'; name the setting where "
	    "possible", set)) != EHC_OK)
		return rc;
	if (*urn == '\0' && ((*unit != '\0' && strcmp(unit, "0") != 0) ||
	    (*rp != '\0' && strcmp(rp, "0") != 0)) && (rc = finding(s,
	    EHC__R_UNIT_URN, t, r, "SENunitIndicator", "an SEN unit or "
	    "resourced provision needs the school's URN")) != EHC_OK)
		return rc;
	if (*urn != '\0' && (*unit == '\0' || *rp == '\0') && (rc = finding(s,
	    EHC__R_UNIT_SAID, t, r, *unit == '\0' ? "SENunitIndicator" :
	    "ResourcedProvisionIndicator", "a school placement says whether "
	    "it is in an SEN unit or resourced provision")) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
check_requests(struct sen2 *s, const struct case_rows *cr, int32_t dob)
{
	size_t r = cr->request;
	const char *out = cell(s, T_REQUESTS, r, "RequestOutcome");
	const char *exported = cell(s, T_REQUESTS, r, "Exported");
	int32_t rec = cell_date(s, T_REQUESTS, r, "ReceivedDate");
	int32_t od = cell_date(s, T_REQUESTS, r, "RequestOutcomeDate");
	int h = strcmp(out, "H") == 0, decided = *out == 'Y' || *out == 'N';
	int rc;

	if ((rc = check_items(s, T_REQUESTS, r)) != EHC_OK ||
	    (rc = check_dates(s, T_REQUESTS, r, dob)) != EHC_OK)
		return rc;
	if (!h && rec == EHC_NO_DATE && (rc = finding(s, EHC__R_RECEIVED,
	    T_REQUESTS, r, "ReceivedDate", "ReceivedDate is required unless "
	    "RequestOutcome is H")) != EHC_OK)
		return rc;
	if (!h && *cell(s, T_REQUESTS, r, "RYA") == '\0' && (rc = finding(s,
	    EHC__R_RECEIVED, T_REQUESTS, r, "RYA", "RYA is required unless "
	    "RequestOutcome is H")) != EHC_OK)
		return rc;
	if (!h && s->in_year[T_REQUESTS][ehc__sen2_column(T_REQUESTS,
	    "RequestSource")] && *cell(s, T_REQUESTS, r, "RequestSource") ==
	    '\0' && (rc = finding(s, EHC__R_SOURCE, T_REQUESTS, r,
	    "RequestSource", "RequestSource is missing; record who made the "
	    "request")) != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_REQUESTS, r, "RequestSource"), "5") == 0 &&
	    (rc = finding(s, EHC__R_SOURCE_OTHER, T_REQUESTS, r,
	    "RequestSource", "COLLECT queries high use of 'other' (5)"))
	    != EHC_OK)
		return rc;
	if (decided && od == EHC_NO_DATE && (rc = finding(s,
	    EHC__R_REQUEST_DATE, T_REQUESTS, r, "RequestOutcomeDate",
	    "RequestOutcome %s needs RequestOutcomeDate", out)) != EHC_OK)
		return rc;
	if (!decided && *out != '\0' && od != EHC_NO_DATE && (rc = finding(s,
	    EHC__R_REQUEST_DATE, T_REQUESTS, r, "RequestOutcomeDate",
	    "RequestOutcome %s has no RequestOutcomeDate", out)) != EHC_OK)
		return rc;
	if (od != EHC_NO_DATE && rec != EHC_NO_DATE && od < rec &&
	    (rc = finding(s, EHC__R_REQUEST_DATE, T_REQUESTS, r,
	    "RequestOutcomeDate", "the decision is dated before the request "
	    "was received")) != EHC_OK)
		return rc;
	if ((*out == 'Y' || h) && *exported == '\0' && cr->assessment < 0 &&
	    (rc = finding(s, EHC__R_REQUEST_ASSESS, T_REQUESTS, r,
	    "RequestOutcome", "RequestOutcome %s needs an Assessments row",
	    out)) != EHC_OK)
		return rc;
	if (*exported != '\0' && (!is_digits(exported, 3, 3) ||
	    cr->assessment >= 0) && (rc = finding(s, EHC__R_EXPORTED,
	    T_REQUESTS, r, "Exported", "Exported is the new authority's "
	    "3-digit LA number, and the exporting authority reports nothing "
	    "further")) != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_REQUESTS, r, "RequestTribunal"), "1") == 0 &&
	    strcmp(out, "N") != 0 && (rc = finding(s, EHC__R_TRIBUNAL,
	    T_REQUESTS, r, "RequestTribunal", "an appeal about the decision "
	    "to assess follows a decision not to assess")) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
check_assessment(struct sen2 *s, const struct case_rows *cr, int32_t dob)
{
	size_t r = (size_t)cr->assessment;
	const char *out = cell(s, T_ASSESSMENT, r, "AssessmentOutcome");
	int32_t d = cell_date(s, T_ASSESSMENT, r, "AssessmentOutcomeDate");
	int32_t rec = cell_date(s, T_REQUESTS, cr->request, "ReceivedDate");
	int32_t od = cell_date(s, T_REQUESTS, cr->request,
	    "RequestOutcomeDate");
	int rc;

	if ((rc = check_items(s, T_ASSESSMENT, r)) != EHC_OK ||
	    (rc = check_dates(s, T_ASSESSMENT, r, dob)) != EHC_OK)
		return rc;
	/* Y without a date: decided, the plan not issued by census. */
	if (((*out == 'Y' && cr->namedplan >= 0) || *out == 'N') &&
	    d == EHC_NO_DATE && (rc = finding(s, EHC__R_ASSESS_DATE,
	    T_ASSESSMENT, r, "AssessmentOutcomeDate", "AssessmentOutcome %s "
	    "needs AssessmentOutcomeDate", out)) != EHC_OK)
		return rc;
	if (*out != 'Y' && *out != 'N' && d != EHC_NO_DATE && (rc = finding(s,
	    EHC__R_ASSESS_DATE, T_ASSESSMENT, r, "AssessmentOutcomeDate",
	    "AssessmentOutcome %s has no AssessmentOutcomeDate", out))
	    != EHC_OK)
		return rc;
	if (d != EHC_NO_DATE && ((rec != EHC_NO_DATE && d < rec) ||
	    (od != EHC_NO_DATE && d < od)) && (rc = finding(s,
	    EHC__R_ASSESS_DATE, T_ASSESSMENT, r, "AssessmentOutcomeDate",
	    "the outcome is dated before the request or the decision to "
	    "assess")) != EHC_OK)
		return rc;
	if (((*out == 'Y' && d != EHC_NO_DATE) || *out == 'H') &&
	    cr->namedplan < 0 && (rc = finding(s, EHC__R_ASSESS_PLAN,
	    T_ASSESSMENT, r, "AssessmentOutcome", "AssessmentOutcome %s "
	    "needs a Named Plan row", out)) != EHC_OK)
		return rc;
	if ((*out == 'A' || *out == 'W' || *out == 'N') && cr->namedplan >= 0
	    && (rc = finding(s, EHC__R_ASSESS_PLAN, T_ASSESSMENT, r,
	    "AssessmentOutcome", "AssessmentOutcome %s has no named plan",
	    out)) != EHC_OK)
		return rc;
	if (*out == 'Y' && d != EHC_NO_DATE &&
	    *cell(s, T_ASSESSMENT, r, "Week20") == '\0' && (rc = finding(s,
	    EHC__R_WEEK20, T_ASSESSMENT, r, "Week20", "Week20 is required for "
	    "a plan issued")) != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_ASSESSMENT, r, "AssessmentTribunal"), "1") == 0 &&
	    *out != 'N' && (rc = finding(s, EHC__R_TRIBUNAL, T_ASSESSMENT, r,
	    "AssessmentTribunal", "an appeal about the decision to issue "
	    "follows a decision not to issue")) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
check_plan(struct sen2 *s, const struct case_rows *cr, int32_t dob)
{
	size_t r = (size_t)cr->namedplan, i;
	int32_t start = cell_date(s, T_NAMEDPLAN, r, "StartDate");
	int32_t cease = cell_date(s, T_NAMEDPLAN, r, "CeaseDate");
	const char *reason = cell(s, T_NAMEDPLAN, r, "CeaseReason");
	const char *pb = cell(s, T_NAMEDPLAN, r, "PB");
	int rc, ranks[3] = { 0, 0, 0 }, rank;

	if ((rc = check_items(s, T_NAMEDPLAN, r)) != EHC_OK ||
	    (rc = check_dates(s, T_NAMEDPLAN, r, dob)) != EHC_OK)
		return rc;
	if ((cease == EHC_NO_DATE) != (*reason == '\0') && (rc = finding(s,
	    EHC__R_CEASE, T_NAMEDPLAN, r, cease == EHC_NO_DATE ? "CeaseDate" :
	    "CeaseReason", "CeaseDate and CeaseReason go together")) != EHC_OK)
		return rc;
	if (cease != EHC_NO_DATE && start != EHC_NO_DATE && cease < start &&
	    (rc = finding(s, EHC__R_CEASE, T_NAMEDPLAN, r, "CeaseDate",
	    "the plan ceased before it started")) != EHC_OK)
		return rc;
	if (strcmp(reason, "9") == 0 && (rc = finding(s, EHC__R_CEASE_OTHER,
	    T_NAMEDPLAN, r, "CeaseReason", "COLLECT queries high use of "
	    "'other' (9)")) != EHC_OK)
		return rc;
	if (strcmp(pb, "1") != 0 && (*cell(s, T_NAMEDPLAN, r, "OA") != '\0' ||
	    *cell(s, T_NAMEDPLAN, r, "DP") != '\0') && (rc = finding(s,
	    EHC__R_BUDGET, T_NAMEDPLAN, r, "PB", "OA and DP apply only with a "
	    "personal budget (PB = 1)")) != EHC_OK)
		return rc;
	if (dob != EHC_NO_DATE && start != EHC_NO_DATE &&
	    ehc_date_age(dob, start) >= 25 && (rc = finding(s, EHC__R_AGE,
	    T_NAMEDPLAN, r, "StartDate", "the plan starts after the 25th "
	    "birthday")) != EHC_OK)
		return rc;
	for (i = cr->pd0; i < cr->pd1; i++) {
		if ((rc = check_setting(s, T_PLANDETAIL, i)) != EHC_OK)
			return rc;
		rank = atoi(cell(s, T_PLANDETAIL, i, "PlacementRank"));
		if (rank == 1 || rank == 2)
			ranks[rank]++;
	}
	if ((cr->pd1 - cr->pd0 > 2 || ranks[1] > 1 || ranks[2] > 1) &&
	    (rc = finding(s, EHC__R_PLANDETAIL, T_NAMEDPLAN, r, NULL, "%zu "
	    "Plan Detail rows; a plan names at most two settings, one of each "
	    "rank", cr->pd1 - cr->pd0)) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
check_active(struct sen2 *s, const struct case_rows *cr, int32_t dob)
{
	size_t r = (size_t)cr->activeplans, i;
	int32_t meeting = cell_date(s, T_ACTIVEPLANS, r, "ReviewMeeting");
	int32_t last = cell_date(s, T_ACTIVEPLANS, r, "LastReview");
	int32_t draft = cell_date(s, T_ACTIVEPLANS, r, "ReviewDraft");
	int32_t due = cell_date(s, T_ACTIVEPLANS, r, "PhaseTransferDueDate");
	int32_t fin = cell_date(s, T_ACTIVEPLANS, r, "PhaseTransferFinalDate");
	int32_t start = cell_date(s, T_NAMEDPLAN, (size_t)cr->namedplan,
	    "StartDate"), entry, leaving, anchor;
	const char *out = cell(s, T_ACTIVEPLANS, r, "ReviewOutcome");
	const char *tla = cell(s, T_ACTIVEPLANS, r, "TransferLA");
	int rc, primary = 0, ranks[3] = { 0, 0, 0 }, rank;

	if ((rc = check_items(s, T_ACTIVEPLANS, r)) != EHC_OK ||
	    (rc = check_dates(s, T_ACTIVEPLANS, r, dob)) != EHC_OK)
		return rc;
	if (*tla != '\0' && !is_digits(tla, 3, 3) && (rc = finding(s,
	    EHC__R_TRANSFER_LA, T_ACTIVEPLANS, r, "TransferLA", "TransferLA "
	    "is the 3-digit number of the authority the plan came from"))
	    != EHC_OK)
		return rc;
	if (meeting == EHC_NO_DATE && (*out != '\0' || last != EHC_NO_DATE) &&
	    (rc = finding(s, EHC__R_REVIEW, T_ACTIVEPLANS, r, "ReviewMeeting",
	    "a review decision needs the review meeting's date")) != EHC_OK)
		return rc;
	if (meeting != EHC_NO_DATE && last != EHC_NO_DATE && last < meeting &&
	    (rc = finding(s, EHC__R_REVIEW, T_ACTIVEPLANS, r, "LastReview",
	    "the decision is dated before the review meeting")) != EHC_OK)
		return rc;
	if ((*out == '\0') != (last == EHC_NO_DATE) && (rc = finding(s,
	    EHC__R_REVIEW, T_ACTIVEPLANS, r, *out ? "LastReview" :
	    "ReviewOutcome", "LastReview and ReviewOutcome go together"))
	    != EHC_OK)
		return rc;
	if (draft != EHC_NO_DATE && (strcmp(out, "A") != 0 || (meeting !=
	    EHC_NO_DATE && draft < meeting)) && (rc = finding(s, EHC__R_DRAFT,
	    T_ACTIVEPLANS, r, "ReviewDraft", "a draft amended plan follows a "
	    "decision to amend (ReviewOutcome A), after the meeting"))
	    != EHC_OK)
		return rc;
	if (due != EHC_NO_DATE && fin != EHC_NO_DATE && fin > due &&
	    (rc = finding(s, EHC__R_TRANSFER_LATE, T_ACTIVEPLANS, r,
	    "PhaseTransferFinalDate", "the amended plan for the phase "
	    "transfer was issued after its due date")) != EHC_OK)
		return rc;
	anchor = last != EHC_NO_DATE ? last : start;
	if (anchor != EHC_NO_DATE && ehc_date_add_months(anchor, 12) <=
	    s->census && (meeting == EHC_NO_DATE ||
	    ehc_date_add_months(meeting, 12) <= s->census) && (rc = finding(s,
	    EHC__R_NO_REVIEW, T_ACTIVEPLANS, r, "ReviewMeeting", "no review "
	    "meeting in the 12 months before the census day")) != EHC_OK)
		return rc;
	if (cr->pl0 == cr->pl1 && (rc = finding(s, EHC__R_NO_PLACEMENT,
	    T_ACTIVEPLANS, r, NULL, "a plan in force has no Placement Detail "
	    "row")) != EHC_OK)
		return rc;
	for (i = cr->pl0; i < cr->pl1; i++) {
		if ((rc = check_setting(s, T_PLACEMENT, i)) != EHC_OK ||
		    (rc = check_dates(s, T_PLACEMENT, i, dob)) != EHC_OK)
			return rc;
		entry = cell_date(s, T_PLACEMENT, i, "EntryDate");
		leaving = cell_date(s, T_PLACEMENT, i, "LeavingDate");
		if (entry != EHC_NO_DATE && leaving != EHC_NO_DATE &&
		    leaving < entry && (rc = finding(s, EHC__R_LEAVING,
		    T_PLACEMENT, i, "LeavingDate", "the placement ends before "
		    "it starts")) != EHC_OK)
			return rc;
		if (strcmp(cell(s, T_PLACEMENT, i, "PlacementRank"), "1")
		    == 0 && (entry == EHC_NO_DATE || entry <= s->census) &&
		    (leaving == EHC_NO_DATE || leaving >= s->census))
			primary = 1;
	}
	if (cr->pl0 != cr->pl1 && !primary && (rc = finding(s,
	    EHC__R_NO_PRIMARY, T_ACTIVEPLANS, r, NULL, "no primary placement "
	    "(rank 1) at the census day")) != EHC_OK)
		return rc;
	for (i = cr->nd0; i < cr->nd1; i++) {
		if ((rc = check_items(s, T_SENNEED, i)) != EHC_OK)
			return rc;
		rank = atoi(cell(s, T_SENNEED, i, "SENtypeRank"));
		if (rank == 1 || rank == 2)
			ranks[rank]++;
	}
	if (ranks[1] == 0 && (rc = finding(s, EHC__R_PRIMARY_NEED,
	    T_ACTIVEPLANS, r, NULL, "a plan in force needs a primary need "
	    "(SENtypeRank 1); record it with 'ehc case need'")) != EHC_OK)
		return rc;
	if ((cr->nd1 - cr->nd0 > 2 || ranks[1] > 1 || ranks[2] > 1) &&
	    (rc = finding(s, EHC__R_NEEDS, T_ACTIVEPLANS, r, NULL, "at most "
	    "one primary and one secondary need")) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
validate_case(struct sen2 *s, const struct case_rows *cr)
{
	int32_t dob = cell_date(s, T_PERSON, cr->person, "PersonBirthDate");
	int rc;

	if ((rc = check_requests(s, cr, dob)) != EHC_OK)
		return rc;
	if (cr->assessment >= 0 && (rc = check_assessment(s, cr, dob))
	    != EHC_OK)
		return rc;
	if (cr->namedplan >= 0 && (rc = check_plan(s, cr, dob)) != EHC_OK)
		return rc;
	if (cr->activeplans >= 0 && (rc = check_active(s, cr, dob)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/*
 * Check the return and hand each finding to cb.  The findings are
 * spooled while the caseload is read and only played back once all of
 * it has been, so that a caller printing them prints nothing when
 * reading fails half way.
 */
int
ehc_sen2_validate(struct ehc_db *db, int year,
    int (*cb)(const struct ehc_sen2_finding *, void *), void *payload)
{
	struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
	struct ehc_sen2_finding f;
	const char **field[8] = { &f.rule, &f.severity, &f.table, &f.person,
	    &f.request, &f.field, &f.value, &f.message };
	char *buf[8] = { NULL };
	size_t len[8] = { 0 }, off = 0, i;
	struct sen2 s;
	int rc, j;

	opt.year = year;
	if ((rc = sen2_init(&s, db, &opt, TO_NOWHERE)) != EHC_OK ||
	    (rc = sen2_build(&s)) != EHC_OK)
		goto out;
	errno = 0;
	if (s.spool != NULL && (fflush(s.spool) != 0 || ferror(s.spool) ||
	    fseek(s.spool, 0, SEEK_SET) != 0)) {
		rc = ehc__db_fail(db, EHC_EIO, "cannot write the findings to "
		    "a temporary file: %s", strerror(errno ? errno : EIO));
		goto out;
	}
	for (i = 0; i < s.nfinds && rc == EHC_OK; i++) {
		for (j = 0; j < 8; j++) {
			if (s.spool == NULL) {
				*field[j] = s.smem + off;
				off += strlen(s.smem + off) + 1;
				continue;
			}
			if (getdelim(&buf[j], &len[j], '\0', s.spool) == -1) {
				rc = ehc__db_fail(db, !feof(s.spool) &&
				    errno == ENOMEM ? EHC_ENOMEM : EHC_EIO,
				    "cannot read the findings back: %s",
				    feof(s.spool) ? "the temporary file is "
				    "short" : strerror(errno));
				goto out;
			}
			*field[j] = buf[j];
		}
		rc = cb(&f, payload);
	}
out:
	for (j = 0; j < 8; j++)
		free(buf[j]);
	sen2_release(&s);
	return rc;
}

/*
 * Output.
 */

static void
summarise(struct ehc_sen2_summary *out, const struct sen2 *s)
{
	if (out == NULL)
		return;
	memset(out, 0, sizeof(*out));
	out->errors = s->nerrors;
	out->queries = s->nqueries;
	out->serial = s->serial;
	out->persons = (long)s->t[T_PERSON].written;
	out->requests = (long)s->t[T_REQUESTS].written;
	out->plans = (long)s->t[T_NAMEDPLAN].written;
}

/* mkdir -p, mode 0700 for what it creates. */
static int
make_dirs(const char *dir)
{
	char path[4096], *p;
	struct stat sb;

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = path + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(path, 0700) == -1 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -1;
	if (stat(path, &sb) == -1)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* One CSV record: fields separated by commas, ended by CRLF. */
static void
csv_record(FILE *fp, const char *const *v, int n)
{
	int c;

	for (c = 0; c < n; c++)
		ehc_csv_field(fp, v[c], c == n - 1);
}

/* Create table t's file and write its header line. */
static int
csv_open(struct sen2 *s, const char *dir, int t)
{
	const char *heads[MAXCOLS];
	char path[4096];
	int c, rc;

	if (snprintf(path, sizeof(path), "%s/%s.csv", dir, defs[t].file) >=
	    (int)sizeof(path))
		return ehc__db_fail(s->db, EHC_ECREATE, "cannot create files "
		    "in '%.200s': the path is too long", dir);
	if ((rc = ehc__outfile_open(s->db, &s->of[t], path)) != EHC_OK)
		return rc;
	s->fp[t] = ehc_outfile_fp(s->of[t]);
	/* Nine files are written at once; fewer, larger writes. */
	setvbuf(s->fp[t], NULL, _IOFBF, 64 * 1024);
	for (c = 0; c < defs[t].nitems; c++)
		heads[c] = defs[t].items[c].name;
	csv_record(s->fp[t], heads, defs[t].nitems);
	return EHC_OK;
}

/*
 * Put the nine files in place once all are written (outfile.h); after a
 * failure, drop them all, so that no return cut short is left looking
 * complete.
 */
static int
csv_close(struct sen2 *s, int rc)
{
	int t;

	for (t = 0; t < NTABLES; t++) {
		if (s->of[t] == NULL)
			continue;
		if (rc == EHC_OK)
			rc = ehc__outfile_commit(s->db, s->of[t]);
		else
			ehc_outfile_free(s->of[t]);
		s->of[t] = NULL;
		s->fp[t] = NULL;
	}
	return rc;
}

int
ehc_sen2_export_csv(struct ehc_sen2_summary *out, struct ehc_db *db,
    const struct ehc_sen2_options *opt, const char *dir)
{
	struct sen2 s;
	int rc, t;

	if ((rc = sen2_init(&s, db, opt, TO_CSV)) != EHC_OK)
		goto out;
	if (make_dirs(dir) == -1) {
		rc = ehc__db_fail(db, EHC_ECREATE, "cannot create the "
		    "directory '%.300s': %s", dir, strerror(errno));
		goto out;
	}
	for (t = 0; t < NTABLES && rc == EHC_OK; t++)
		rc = csv_open(&s, dir, t);
	if (rc == EHC_OK)
		rc = sen2_build(&s);
	rc = csv_close(&s, rc);
	if (rc == EHC_OK)
		summarise(out, &s);
out:
	sen2_release(&s);
	return rc;
}

/*
 * XML.  Each block is written in the element order of the year's
 * specification, an item only when it has a value; the text is
 * escaped, and anything that is not UTF-8 XML may hold (which the
 * store's checks keep out) becomes U+FFFD rather than a malformed file.
 */

static void
xml_text(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n, i, ok;

	while (*p != '\0') {
		if (*p == '&')
			fputs("&amp;", fp);
		else if (*p == '<')
			fputs("&lt;", fp);
		else if (*p == '>')
			fputs("&gt;", fp);
		else if (*p >= 0x20 && *p < 0x7f)
			putc(*p, fp);
		else if (*p == '\t' || *p == '\n')
			putc(*p, fp);
		else if (*p >= 0xc2 && *p <= 0xf4) {
			n = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : 1;
			for (ok = 1, i = 1; i <= n; i++)
				if ((p[i] & 0xc0) != 0x80)
					ok = 0;
			if (ok) {
				fwrite(p, 1, (size_t)n + 1, fp);
				p += n + 1;
				continue;
			}
			fputs("\xef\xbf\xbd", fp);
		} else
			fputs("\xef\xbf\xbd", fp);
		p++;
	}
}

static void
xml_indent(FILE *fp, int depth)
{
	while (depth-- > 0)
		fputs("  ", fp);
}

static void
xml_item(FILE *fp, int depth, const char *name, const char *value)
{
	xml_indent(fp, depth);
	fprintf(fp, "<%s>", name);
	xml_text(fp, value);
	fprintf(fp, "</%s>\n", name);
}

/* The rows of child table t that belong to the case, as [*lo, *hi). */
static void
child_rows(const struct case_rows *cr, int t, size_t *lo, size_t *hi)
{
	long one = -1;

	*lo = *hi = 0;
	switch (t) {
	case T_REQUESTS:
		*lo = cr->request;
		*hi = cr->request + 1;
		return;
	case T_ASSESSMENT:
		one = cr->assessment;
		break;
	case T_NAMEDPLAN:
		one = cr->namedplan;
		break;
	case T_ACTIVEPLANS:
		one = cr->activeplans;
		break;
	case T_PLANDETAIL:
		*lo = cr->pd0;
		*hi = cr->pd1;
		return;
	case T_PLACEMENT:
		*lo = cr->pl0;
		*hi = cr->pl1;
		return;
	case T_SENNEED:
		*lo = cr->nd0;
		*hi = cr->nd1;
		return;
	}
	if (one >= 0) {
		*lo = (size_t)one;
		*hi = *lo + 1;
	}
}

/*
 * The part of a block from the element order's entry *i: items, groups
 * and children, until the end or until the child table stop (the
 * person's requests, which come case by case).
 */
static void
xml_body(struct sen2 *s, int t, size_t row, const struct case_rows *cr,
    int depth, const char *const **i, int stop)
{
	const char *const *p, *groups[4];
	const char *v;
	size_t lo, hi, k;
	int c, child, ngroups = 0;

	for (p = *i; *p != NULL; p++) {
		if (**p == '+' && ngroups < 4) {
			xml_indent(s->xml, depth++);
			fprintf(s->xml, "<%s>\n", *p + 1);
			groups[ngroups++] = *p + 1;
		} else if (**p == '-' && ngroups > 0) {
			xml_indent(s->xml, --depth);
			fprintf(s->xml, "</%s>\n", groups[--ngroups]);
		} else if (**p == '@') {
			if ((child = ehc__sen2_table(*p + 1)) == stop)
				break;
			child_rows(cr, child, &lo, &hi);
			for (k = lo; k < hi; k++) {
				const char *const *j = s->y->xml[child];

				xml_indent(s->xml, depth);
				fprintf(s->xml, "<%s>\n", defs[child].element);
				xml_body(s, child, k, cr, depth + 1, &j, -1);
				xml_indent(s->xml, depth);
				fprintf(s->xml, "</%s>\n", defs[child].element);
			}
		} else if ((c = ehc__sen2_column(t, *p)) >= 0 &&
		    *(v = cell_at(s, t, row, c)) != '\0')
			xml_item(s->xml, depth, *p, v);
	}
	*i = p;
}

/* The message's start and its header, once the header row is made. */
static int
xml_start(struct sen2 *s)
{
	const char *const *p = s->y->xml[T_HEADER];

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n"
	    "  <Header>\n", s->xml);
	xml_body(s, T_HEADER, 0, NULL, 2, &p, -1);
	fputs("  </Header>\n  <Persons>\n", s->xml);
	return EHC_OK;
}

/* The end of a person's block: what follows the requests, if anything. */
static void
xml_close_person(struct sen2 *s)
{
	const char *const *p = s->y->xml[T_PERSON];

	if (!s->person_open)
		return;
	while (*p != NULL && !(**p == '@' && ehc__sen2_table(*p + 1) ==
	    T_REQUESTS))
		p++;
	if (*p != NULL) {
		p++;
		xml_body(s, T_PERSON, 0, NULL, 3, &p, -1);
	}
	fputs("    </Person>\n", s->xml);
	s->person_open = 0;
}

/* One case: its person's block when it starts one, then the request. */
static int
xml_case(struct sen2 *s, const struct case_rows *cr, int new_person)
{
	const char *const *p = s->y->xml[T_PERSON];
	const char *const *q = s->y->xml[T_REQUESTS];

	if (new_person) {
		xml_close_person(s);
		fputs("    <Person>\n", s->xml);
		xml_body(s, T_PERSON, cr->person, cr, 3, &p, T_REQUESTS);
		s->person_open = 1;
	}
	fputs("      <Requests>\n", s->xml);
	xml_body(s, T_REQUESTS, cr->request, cr, 4, &q, -1);
	fputs("      </Requests>\n", s->xml);
	if (ferror(s->xml))
		return ehc__db_fail(s->db, EHC_EIO, "cannot write the XML "
		    "message: %s", strerror(errno ? errno : EIO));
	return EHC_OK;
}

/* Record that the year's return with this serial has been written. */
static int
record_serial(struct sen2 *s)
{
	char key[32], val[16], detail[96];
	int rc;

	snprintf(key, sizeof(key), "sen2-serial:%d", s->year);
	snprintf(val, sizeof(val), "%03d", s->serial);
	if ((rc = ehc__exec(s->db, "INSERT INTO setting(key, value) VALUES "
	    "(?4, ?5) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	    0, EHC_NO_DATE, EHC_NO_DATE, key, val)) != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "year=%d serial=%s errors=%d "
	    "queries=%d", s->year, val, s->nerrors, s->nqueries);
	return ehc__audit(s->db, 0, "report sen2 xml", detail);
}

int
ehc_sen2_export_xml(struct ehc_sen2_summary *out, struct ehc_db *db,
    const struct ehc_sen2_options *opt, FILE *fp)
{
	struct sen2 s;
	int rc;

	/* The message is for DfE and names every child. */
	if (db->masked)
		return ehc__db_fail(db, EHC_EINVAL, "the XML message names "
		    "every child, which an analyst's role does not allow; use "
		    "--csv or --xlsx, or ask a manager to write it");
	if ((rc = sen2_init(&s, db, opt, TO_XML)) != EHC_OK)
		goto out;
	s.xml = fp;
	errno = 0;
	if ((rc = sen2_build(&s)) != EHC_OK)
		goto out;
	xml_close_person(&s);
	fputs("  </Persons>\n</Message>\n", fp);
	if (fflush(fp) != 0 || ferror(fp)) {
		rc = ehc__db_fail(db, EHC_EIO, "cannot write the XML message: "
		    "%s", strerror(errno ? errno : EIO));
		goto out;
	}
	if ((rc = record_serial(&s)) != EHC_OK)
		goto out;
	summarise(out, &s);
out:
	sen2_release(&s);
	return rc;
}

/* Write one cell by its column type; blanks stay empty. */
static void
xlsx_cell(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    char type, const char *v)
{
	lxw_datetime dt;
	int32_t d;
	int y, m, dd;

	if (*v == '\0')
		return;
	if (type == 'd' && ehc_date_parse(&d, v) == EHC_OK) {
		ehc_date_to_ymd(&y, &m, &dd, d);
		memset(&dt, 0, sizeof(dt));
		dt.year = y;
		dt.month = m;
		dt.day = dd;
		worksheet_write_datetime(ws, row, col, &dt, x->date);
	} else if (type == 'n' && is_digits(v, 1, 15))
		worksheet_write_number(ws, row, col, strtod(v, NULL), NULL);
	else
		worksheet_write_string(ws, row, col, v, NULL);
}

/*
 * A row of a sheet, written in constant-memory mode: rows must come in
 * order within a sheet, and do, as each sheet's rows are made in order.
 * The longest value of each column is kept for the column widths.
 */
static void
xlsx_row(struct xlsx *x, lxw_worksheet *ws, size_t row, const char *types,
    int ncols, const char *const *v, size_t *width)
{
	const char *p;
	size_t len;
	int c;

	for (c = 0; c < ncols; c++) {
		p = v[c] != NULL ? v[c] : "";
		len = types[c] == 'd' ? 10 : strlen(p);
		if (len > width[c])
			width[c] = len;
		if (ws != NULL)
			xlsx_cell(x, ws, (lxw_row_t)row, (lxw_col_t)c,
			    types[c], p);
	}
}

/* A sheet with its bold header row. */
static lxw_worksheet *
xlsx_sheet_start(struct xlsx *x, const char *name, const char *const *heads,
    int ncols)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	int c;

	if (ws != NULL)
		for (c = 0; c < ncols; c++)
			worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c],
			    x->bold);
	return ws;
}

/*
 * Once its rows are written: size the columns to the longest value
 * (within reason), freeze the header row and filter every row.
 */
static void
xlsx_sheet_end(lxw_worksheet *ws, const char *const *heads, int ncols,
    const size_t *width, size_t nrows)
{
	size_t w;
	int c;

	if (ws == NULL)
		return;
	for (c = 0; c < ncols; c++) {
		w = strlen(heads[c]);
		if (width[c] > w)
			w = width[c];
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    (double)(w > 60 ? 60 : w) + 2, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows,
	    (lxw_col_t)(ncols - 1));
}

static const char *const vheads[] = { "Rule", "Severity", "Table",
    "PersonID", "RequestsID", "Field", "Value", "Message" };
static const char vtypes[] = "sssnnsss";

/* Hand a row just made to where the return is going. */
static void
emit_row(struct sen2 *s, int t, const char *const *v)
{
	struct table *tb = &s->t[t];
	const char *masked[MAXCOLS];
	char types[MAXCOLS];
	int c;

	/* For an analyst (ehc_db_set_masked()), the child is not named. */
	if (s->db->masked && t == T_PERSON) {
		for (c = 0; c < defs[t].nitems; c++)
			masked[c] = personal(defs[t].items[c].name) ? NULL :
			    v[c];
		v = masked;
	}
	switch (s->sink) {
	case TO_CSV:
		csv_record(s->fp[t], v, defs[t].nitems);
		break;
	case TO_XLSX:
		for (c = 0; c < defs[t].nitems; c++)
			types[c] = defs[t].items[c].cell;
		xlsx_row(s->x, s->x->ws[t], tb->written + 1, types,
		    defs[t].nitems, v, tb->width);
		break;
	case TO_XML:
	case TO_NOWHERE:
		break;
	}
	tb->written++;
}

/* A finding onto the Validation sheet. */
static void
emit_finding(struct sen2 *s, const char *const *v)
{
	if (s->sink == TO_XLSX)
		xlsx_row(s->x, s->x->ws[NTABLES], s->nfinds + 1, vtypes, 8, v,
		    s->x->vwidth);
}

static void
xlsx_about(struct xlsx *x, struct sen2 *s)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "About");
	char buf[64];
	lxw_row_t row = 0;
	int t;

	if (ws == NULL)
		return;
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_write_string(ws, row, 0, "Item", x->bold);
	worksheet_write_string(ws, row++, 1, "Value", x->bold);
	worksheet_write_string(ws, row, 0, "Return", NULL);
	worksheet_write_string(ws, row++, 1, "SEN2 person-level", NULL);
	worksheet_write_string(ws, row, 0, "Local authority (LEA)", NULL);
	worksheet_write_string(ws, row++, 1, cell(s, T_HEADER, 0, "LEA"),
	    NULL);
	worksheet_write_string(ws, row, 0, "Collection year", NULL);
	worksheet_write_number(ws, row++, 1, s->year, NULL);
	worksheet_write_string(ws, row, 0, "Census date", NULL);
	xlsx_cell(x, ws, row++, 1, 'd', s->census_s);
	snprintf(buf, sizeof(buf), "%s to %s", s->start_s, s->census_s);
	worksheet_write_string(ws, row, 0, "Activity reported", NULL);
	worksheet_write_string(ws, row++, 1, buf, NULL);
	worksheet_write_string(ws, row, 0, "Generated", NULL);
	worksheet_write_string(ws, row++, 1, s->datetime, NULL);
	worksheet_write_string(ws, row, 0, "Software", NULL);
	worksheet_write_string(ws, row++, 1, "ehc " EHC_VERSION_STRING, NULL);
	for (t = 0; t < NTABLES; t++) {
		snprintf(buf, sizeof(buf), "Rows: %s", defs[t].sheet);
		worksheet_write_string(ws, row, 0, buf, NULL);
		worksheet_write_number(ws, row++, 1, (double)s->t[t].written,
		    NULL);
	}
	worksheet_write_string(ws, row, 0, "Validation errors", NULL);
	worksheet_write_number(ws, row++, 1, s->nerrors, NULL);
	worksheet_write_string(ws, row, 0, "Validation queries", NULL);
	worksheet_write_number(ws, row++, 1, s->nqueries, NULL);
	worksheet_write_string(ws, row, 0, "Validation rules", NULL);
	worksheet_write_string(ws, row, 1, "ehc-derived (see ehc-report(1)); "
	    "not the DfE's rule list", NULL);
}

/*
 * The workbook is written in libxlsxwriter's constant-memory mode, each
 * sheet's rows going to its own temporary file as they are made; what
 * needs the whole return (column widths, the filter's range, the About
 * sheet's counts) is added at the end.
 */
int
ehc_sen2_export_xlsx(struct ehc_sen2_summary *out, struct ehc_db *db,
    const struct ehc_sen2_options *opt, const char *path)
{
	lxw_workbook_options opts;
	const char *heads[MAXCOLS];
	struct sen2 s;
	struct xlsx x;
	struct ehc_outfile *of = NULL;
	lxw_error err;
	int rc, t, c;

	memset(&x, 0, sizeof(x));
	if ((rc = sen2_init(&s, db, opt, TO_XLSX)) != EHC_OK)
		goto out;
	/* Fail early; the workbook is written beside its final name. */
	if ((rc = ehc__outfile_open(db, &of, path)) != EHC_OK)
		goto out;
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = LXW_TRUE;
	if ((x.wb = workbook_new_opt(ehc_outfile_tmppath(of), &opts)) ==
	    NULL) {
		rc = ehc__db_fail(db, EHC_ECREATE, "cannot start the workbook "
		    "'%.300s' (out of memory or no temporary directory)", path);
		goto out;
	}
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.date = workbook_add_format(x.wb);
	format_set_num_format(x.date, "yyyy-mm-dd");
	for (t = 0; t < NTABLES; t++) {
		for (c = 0; c < defs[t].nitems; c++)
			heads[c] = defs[t].items[c].name;
		x.ws[t] = xlsx_sheet_start(&x, defs[t].sheet, heads,
		    defs[t].nitems);
	}
	x.ws[NTABLES] = xlsx_sheet_start(&x, "Validation", vheads, 8);
	s.x = &x;
	if ((rc = sen2_build(&s)) != EHC_OK) {
		workbook_close(x.wb);
		goto out;
	}
	for (t = 0; t < NTABLES; t++) {
		for (c = 0; c < defs[t].nitems; c++)
			heads[c] = defs[t].items[c].name;
		xlsx_sheet_end(x.ws[t], heads, defs[t].nitems, s.t[t].width,
		    s.t[t].written);
	}
	xlsx_sheet_end(x.ws[NTABLES], vheads, 8, x.vwidth, s.nfinds);
	xlsx_about(&x, &s);
	if ((err = workbook_close(x.wb)) != LXW_NO_ERROR)
		rc = ehc__db_fail(db, err == LXW_ERROR_CREATING_XLSX_FILE ?
		    EHC_ECREATE : EHC_EIO, "cannot write '%.300s': %s", path,
		    lxw_strerror(err));
	else {
		rc = ehc__outfile_commit(db, of);
		of = NULL;
		if (rc == EHC_OK)
			summarise(out, &s);
	}
out:
	ehc_outfile_free(of);
	sen2_release(&s);
	return rc;
}
