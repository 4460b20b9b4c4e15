/*
 * sen2_export.c: the SEN2 person-level return.  The caseload is read
 * once, case by case.  Each row is made as text cells, exactly as it
 * will be written, and goes straight into its CSV file or its sheet of
 * the workbook; then the case's rows are checked and dropped.  The files,
 * the workbook and the validation findings are all made from the same
 * cells, so they cannot disagree, and memory does not grow with the
 * caseload.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

/* Column types: text, date (YYYY-MM-DD), integer. */
struct column {
	const char	*name;
	char		 type;
};

static const struct column header_cols[] = {
	{ "Collection", 's' }, { "Year", 'n' }, { "ReferenceDate", 'd' },
	{ "SourceLevel", 's' }, { "LEA", 's' }, { "SoftwareCode", 's' },
	{ "Release", 's' }, { "SerialNo", 's' }, { "DateTime", 's' },
	{ "DMO", 's' }, { "DCO", 's' }, { "DSCO", 's' },
};
static const struct column person_cols[] = {
	{ "PersonID", 'n' }, { "Surname", 's' }, { "Forename", 's' },
	{ "PersonBirthDate", 'd' }, { "Sex", 's' }, { "Ethnicity", 's' },
	{ "PostCode", 's' }, { "UPN", 's' }, { "UniqueLearnerNumber", 's' },
	{ "UPNunknown", 's' },
};
static const struct column requests_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' }, { "ReceivedDate", 'd' },
	{ "RequestSource", 'n' }, { "RYA", 'n' }, { "RequestOutcomeDate", 'd' },
	{ "RequestOutcome", 's' }, { "RequestMediation", 'n' },
	{ "RequestTribunal", 'n' }, { "Exported", 's' },
};
static const struct column assessment_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' },
	{ "AssessmentOutcome", 's' }, { "AssessmentOutcomeDate", 'd' },
	{ "AssessmentMediation", 'n' }, { "AssessmentTribunal", 'n' },
	{ "OtherMediation", 'n' }, { "OtherTribunal", 'n' }, { "Week20", 'n' },
};
static const struct column namedplan_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' }, { "StartDate", 'd' },
	{ "PlanRes", 's' }, { "PlanWBP", 's' }, { "PB", 'n' }, { "OA", 'n' },
	{ "DP", 's' }, { "CeaseDate", 'd' }, { "CeaseReason", 'n' },
};
static const struct column plandetail_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' }, { "PlanDetailSeq", 'n' },
	{ "URN", 's' }, { "UKPRN", 's' }, { "SENSetting", 's' },
	{ "SENSettingOther", 's' }, { "PlacementRank", 'n' },
	{ "SENunitIndicator", 'n' }, { "ResourcedProvisionIndicator", 'n' },
};
static const struct column activeplans_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' }, { "TransferLA", 's' },
	{ "ReviewMeeting", 'd' }, { "LastReview", 'd' },
	{ "ReviewOutcome", 's' }, { "ReviewDraft", 'd' },
	{ "PhaseTransferDueDate", 'd' }, { "PhaseTransferFinalDate", 'd' },
};
static const struct column placement_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' },
	{ "PlacementDetailSeq", 'n' }, { "URN", 's' }, { "UKPRN", 's' },
	{ "SENSetting", 's' }, { "SENSettingOther", 's' },
	{ "PlacementRank", 'n' }, { "EntryDate", 'd' }, { "LeavingDate", 'd' },
	{ "SENunitIndicator", 'n' }, { "ResourcedProvisionIndicator", 'n' },
	{ "Res", 's' }, { "WBP", 's' },
};
static const struct column senneed_cols[] = {
	{ "PersonID", 'n' }, { "RequestsID", 'n' }, { "SENtype", 's' },
	{ "SENtypeRank", 'n' },
};

enum {
	T_HEADER, T_PERSON, T_REQUESTS, T_ASSESSMENT, T_NAMEDPLAN,
	T_PLANDETAIL, T_ACTIVEPLANS, T_PLACEMENT, T_SENNEED, NTABLES
};

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct table_def {
	const char		*file;
	const char		*sheet;
	const struct column	*cols;
	int			 ncols;
} defs[NTABLES] = {
	{ "sen2_header", "Header", header_cols, NCOLS(header_cols) },
	{ "sen2_person", "Person", person_cols, NCOLS(person_cols) },
	{ "sen2_requests", "Requests", requests_cols, NCOLS(requests_cols) },
	{ "sen2_assessment", "Assessments", assessment_cols,
	    NCOLS(assessment_cols) },
	{ "sen2_namedplan", "Named Plan", namedplan_cols,
	    NCOLS(namedplan_cols) },
	{ "sen2_plandetail", "Plan Detail", plandetail_cols,
	    NCOLS(plandetail_cols) },
	{ "sen2_activeplans", "Active Plan", activeplans_cols,
	    NCOLS(activeplans_cols) },
	{ "sen2_placementdetail", "Placement Detail", placement_cols,
	    NCOLS(placement_cols) },
	{ "sen2_senneed", "SEN Need", senneed_cols, NCOLS(senneed_cols) },
};

/* The published census days (sen2-return.md section 1.1). */
static const struct {
	int	year, month, day;
} census_days[] = {
	{ 2022, 1, 20 }, { 2023, 1, 19 }, { 2024, 1, 18 }, { 2025, 1, 16 },
	{ 2026, 1, 15 }, { 2027, 1, 21 },
};

/* The widest table's column count, which sizes per-row arrays. */
#define MAXCOLS 14
_Static_assert(NCOLS(header_cols) <= MAXCOLS &&
    NCOLS(person_cols) <= MAXCOLS && NCOLS(requests_cols) <= MAXCOLS &&
    NCOLS(assessment_cols) <= MAXCOLS && NCOLS(namedplan_cols) <= MAXCOLS &&
    NCOLS(plandetail_cols) <= MAXCOLS &&
    NCOLS(activeplans_cols) <= MAXCOLS &&
    NCOLS(placement_cols) <= MAXCOLS && NCOLS(senneed_cols) <= MAXCOLS,
    "a table has more than MAXCOLS columns");

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
	TO_CSV,		/* the nine files; findings are not wanted */
	TO_XLSX		/* the sheets, findings on Validation */
};

struct sen2 {
	struct ehc_db	*db;
	int		 year;
	int32_t		 census, start;
	enum sink	 sink;
	struct table	 t[NTABLES];
	FILE		*fp[NTABLES];	/* TO_CSV: of[]'s streams */
	struct ehc_outfile *of[NTABLES];
	struct xlsx	*x;		/* TO_XLSX */
	char		*smem;		/* TO_NOWHERE: the findings so far, */
	size_t		 slen, scap;	/* each field ending in NUL, */
	FILE		*spool;		/* or in a file once they are many */
	size_t		 nfinds;
	int		 nerrors, nqueries;
	sqlite3_stmt	*st_pd, *st_pl, *st_need, *st_review, *st_draft,
			*st_pt, *st_ex, *st_cases;
};

static void	emit_row(struct sen2 *, int, const char *const *);
static void	emit_finding(struct sen2 *, const char *const *);

static void
sen2_release(struct sen2 *s)
{
	sqlite3_stmt **st[] = { &s->st_pd, &s->st_pl, &s->st_need,
	    &s->st_review, &s->st_draft, &s->st_pt, &s->st_ex, &s->st_cases };
	size_t i;
	int t;

	for (t = 0; t < NTABLES; t++) {
		free(s->t[t].text);
		free(s->t[t].cells);
	}
	free(s->smem);
	if (s->spool != NULL)
		fclose(s->spool);
	/* Cached statements stay with the handle; only let go of them. */
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (*st[i] != NULL)
			sqlite3_reset(*st[i]);
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
 * blank.
 */
static int
row_add(struct sen2 *s, int t, const char *const *v)
{
	struct table *tb = &s->t[t];
	size_t nc = (size_t)defs[t].ncols, need = 0, len, i, *cells;
	char *text;

	for (i = 0; i < nc; i++)
		need += (v[i] ? strlen(v[i]) : 0) + 1;
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
		len = v[i] ? strlen(v[i]) : 0;
		cells[i] = tb->tlen;
		memcpy(tb->text + tb->tlen, v[i] ? v[i] : "", len + 1);
		tb->tlen += len + 1;
	}
	tb->nrows++;
	emit_row(s, t, v);
	return EHC_OK;
}

/* A cell by column name ("" when the table has no such column). */
static const char *
cell(const struct sen2 *s, int t, size_t row, const char *col)
{
	int c;

	for (c = 0; c < defs[t].ncols; c++)
		if (strcmp(defs[t].cols[c].name, col) == 0)
			return s->t[t].text + s->t[t].cells[row *
			    (size_t)defs[t].ncols + (size_t)c];
	return "";
}

static int32_t
cell_date(const struct sen2 *s, int t, size_t row, const char *col)
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

static int
finding(struct sen2 *s, const char *rule, int error, int t, size_t row,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/*
 * Record a finding about a row (row of table t) and one of its fields:
 * straight onto the Validation sheet, or into the spool that
 * ehc_sen2_validate() plays back once the whole return has been read.
 * Returns EHC_OK, or for the spool EHC_ENOMEM or EHC_EIO.
 */
static int
finding(struct sen2 *s, const char *rule, int error, int t, size_t row,
    const char *field, const char *fmt, ...)
{
	char msg[400];
	const char *v[8];
	va_list ap;
	int i, rc;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v[0] = rule;
	v[1] = error ? "error" : "query";
	v[2] = defs[t].sheet;
	v[3] = t == T_HEADER ? "" : cell(s, t, row, "PersonID");
	v[4] = t == T_HEADER ? "" : cell(s, t, row, "RequestsID");
	v[5] = field ? field : "";
	v[6] = field ? cell(s, t, row, field) : "";
	v[7] = msg;
	if (s->sink == TO_NOWHERE) {
		for (i = 0; i < 8; i++)
			if ((rc = spool_put(s, v[i])) != EHC_OK)
				return rc;
	} else
		emit_finding(s, v);
	s->nfinds++;
	if (error)
		s->nerrors++;
	else
		s->nqueries++;
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
	size_t i;

	snprintf(key, sizeof(key), "census:%d", year);
	if (setting(db, key, val, sizeof(val)) == 1 &&
	    ehc_date_parse(&d, val) == EHC_OK)
		return d;
	for (i = 0; i < sizeof(census_days) / sizeof(census_days[0]); i++)
		if (census_days[i].year == year)
			return ehc_date_from_ymd(year, census_days[i].month,
			    census_days[i].day);
	return EHC_NO_DATE;
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
	char year[8], ref[EHC_DATE_LEN], lea[16], serial[16], dt[32];
	char dmo[8], dco[8], dsco[8];
	const char *v[NCOLS(header_cols)];

	snprintf(year, sizeof(year), "%d", s->year);
	ehc_date_format(ref, sizeof(ref), s->census);
	if (setting(s->db, "lea", lea, sizeof(lea)) != 1 || lea[0] == '\0')
		snprintf(lea, sizeof(lea), "000");
	if (setting(s->db, "sen2-serial", serial, sizeof(serial)) != 1 ||
	    serial[0] == '\0')
		snprintf(serial, sizeof(serial), "001");
	if (setting(s->db, "sen2-datetime", dt, sizeof(dt)) != 1 ||
	    dt[0] == '\0')
		snprintf(dt, sizeof(dt), "%sT00:00:00", ref);
	setting(s->db, "dmo", dmo, sizeof(dmo));
	setting(s->db, "dco", dco, sizeof(dco));
	setting(s->db, "dsco", dsco, sizeof(dsco));
	v[0] = "SEN2";
	v[1] = year;
	v[2] = ref;
	v[3] = "L";
	v[4] = lea;
	v[5] = "ehc";
	v[6] = EHC_VERSION_STRING;
	v[7] = serial;
	v[8] = dt;
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
	C_PLAN_RES, C_PLAN_WBP, C_PB, C_OA, C_DP, C_REQ_MED, C_REQ_TRIB,
	C_ASS_MED, C_ASS_TRIB, C_OTHER_MED, C_OTHER_TRIB
};

/*
 * Mediation and appeals count from the case's own flags (set by an
 * import) or from a dispute recorded on it before the census day; an
 * appeal against ceasing is the cessation's record.
 */
static const char cases_sql[] =
    "SELECT c.id, c.person_id, p.surname, p.forename, p.dob, p.sex, "
    "p.ethnicity, p.postcode, p.upn, p.uln, p.upn_unknown, c.received, "
    "c.source, c.rya, c.withdrawn, c.assess, c.assess_date, c.issue, "
    "c.issue_date, c.final_date, c.transfer_la, c.exported, c.cease_date, "
    "c.cease_reason, c.plan_res, c.plan_wbp, c.pb, c.oa, c.dp, "
    "max(c.request_mediation, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about = 'no-assess' AND d.mediated <= ?1)), "
    "max(c.request_tribunal, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about = 'no-assess' AND d.appeal <= ?1)), "
    "max(c.assessment_mediation, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about = 'no-issue' AND d.mediated <= ?1)), "
    "max(c.assessment_tribunal, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about = 'no-issue' AND d.appeal <= ?1)), "
    "max(c.other_mediation, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about IN ('content', 'no-amend', 'cease') "
    "  AND d.mediated <= ?1)), "
    "max(c.other_tribunal, EXISTS (SELECT 1 FROM dispute d WHERE "
    "  d.case_id = c.id AND d.about IN ('content', 'no-amend', 'cease') "
    "  AND d.appeal <= ?1), EXISTS (SELECT 1 FROM cessation x WHERE "
    "  x.case_id = c.id AND x.appeal_lodged <= ?1)) "
    "FROM cases c JOIN person p ON p.id = c.person_id "
    "ORDER BY c.person_id, c.id";

/* Where one case's rows are, for the checks that span tables. */
struct case_rows {
	size_t	 person, request;
	long	 assessment, namedplan, activeplans;	/* -1: none */
	size_t	 pd0, pd1, pl0, pl1, nd0, nd1;		/* [first, end) */
};

static int	validate_person(struct sen2 *, size_t);
static int	validate_case(struct sen2 *, const struct case_rows *);

/* The per-case queries, prepared once per handle and reset per case. */
static const char pd_sql[] =
    "SELECT seq, urn, ukprn, sen_setting, sen_setting_other, "
    "placement_rank, sen_unit, resourced FROM plan_detail "
    "WHERE case_id = ?1 ORDER BY seq";
static const char pl_sql[] =
    "SELECT seq, urn, ukprn, sen_setting, sen_setting_other, "
    "placement_rank, entry, leaving, sen_unit, resourced, res, wbp "
    "FROM placement WHERE case_id = ?1 ORDER BY seq";
static const char need_sql[] =
    "SELECT type, rank FROM need WHERE case_id = ?1 ORDER BY rank";
static const char review_sql[] =
    "SELECT id, meeting, decided, outcome FROM review "
    "WHERE case_id = ?1 AND meeting <= ?2 "
    "ORDER BY meeting DESC, id DESC LIMIT 1";
static const char draft_sql[] =
    "SELECT min(proposed) FROM amendment "
    "WHERE review_id = ?1 AND proposed <= ?2";
/* Transfers recorded, not those the clock derives from birth dates. */
static const char pt_sql[] =
    "SELECT due, done FROM deadline WHERE case_id = ?1 AND "
    "rule = 'phase-transfer' AND due >= ?2 AND subject IN ('school', "
    "'post-16', 'post-16-move') ORDER BY due, seq LIMIT 1";
static const char ex_sql[] =
    "SELECT count(*) FROM exception WHERE case_id = ?1 AND "
    "step = 'final-plan'";

static int
prepare_case_statements(struct sen2 *s)
{
	int rc;

	if ((rc = ehc__db_cached(s->db, &s->st_pd, pd_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_pl, pl_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_need, need_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_review, review_sql))
	    != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_draft, draft_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_pt, pt_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_ex, ex_sql)) != EHC_OK ||
	    (rc = ehc__db_cached(s->db, &s->st_cases, cases_sql)) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
step_error(struct sen2 *s, int rc)
{
	return ehc__db_error(s->db, rc, "reading the caseload");
}

/* The plan's named settings, placements and needs. */
static int
build_children(struct sen2 *s, int64_t id, const char *pid, const char *rid,
    int active, struct case_rows *cr)
{
	const char *v[14];
	int rc, i;

	cr->pd0 = s->t[T_PLANDETAIL].nrows;
	sqlite3_reset(s->st_pd);
	sqlite3_bind_int64(s->st_pd, 1, id);
	while ((rc = sqlite3_step(s->st_pd)) == SQLITE_ROW) {
		v[0] = pid;
		v[1] = rid;
		for (i = 0; i < 8; i++)
			v[2 + i] = col_text(s->st_pd, i);
		if ((rc = row_add(s, T_PLANDETAIL, v)) != EHC_OK)
			return rc;
	}
	if (rc != SQLITE_DONE)
		return step_error(s, rc);
	cr->pd1 = s->t[T_PLANDETAIL].nrows;
	cr->pl0 = cr->pl1 = s->t[T_PLACEMENT].nrows;
	cr->nd0 = cr->nd1 = s->t[T_SENNEED].nrows;
	if (!active)
		return EHC_OK;
	sqlite3_reset(s->st_pl);
	sqlite3_bind_int64(s->st_pl, 1, id);
	while ((rc = sqlite3_step(s->st_pl)) == SQLITE_ROW) {
		v[0] = pid;
		v[1] = rid;
		for (i = 0; i < 12; i++)
			v[2 + i] = col_text(s->st_pl, i);
		if ((rc = row_add(s, T_PLACEMENT, v)) != EHC_OK)
			return rc;
	}
	if (rc != SQLITE_DONE)
		return step_error(s, rc);
	cr->pl1 = s->t[T_PLACEMENT].nrows;
	sqlite3_reset(s->st_need);
	sqlite3_bind_int64(s->st_need, 1, id);
	while ((rc = sqlite3_step(s->st_need)) == SQLITE_ROW) {
		v[0] = pid;
		v[1] = rid;
		v[2] = col_text(s->st_need, 0);
		v[3] = col_text(s->st_need, 1);
		if ((rc = row_add(s, T_SENNEED, v)) != EHC_OK)
			return rc;
	}
	if (rc != SQLITE_DONE)
		return step_error(s, rc);
	cr->nd1 = s->t[T_SENNEED].nrows;
	return EHC_OK;
}

/* The latest review on or before census, its draft and the transfer. */
static int
build_active(struct sen2 *s, sqlite3_stmt *c, const char *pid,
    const char *rid)
{
	char meeting[EHC_DATE_LEN] = "", last[EHC_DATE_LEN] = "";
	char draft[EHC_DATE_LEN] = "", due[EHC_DATE_LEN] = "";
	char done[EHC_DATE_LEN] = "", census[EHC_DATE_LEN], start[EHC_DATE_LEN];
	char outcome[4] = "";
	const char *v[NCOLS(activeplans_cols)];
	int64_t id = sqlite3_column_int64(c, C_ID), review = 0;
	int32_t d;
	int rc;

	ehc_date_format(census, sizeof(census), s->census);
	ehc_date_format(start, sizeof(start), s->start);
	sqlite3_reset(s->st_review);
	sqlite3_bind_int64(s->st_review, 1, id);
	sqlite3_bind_text(s->st_review, 2, census, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s->st_review)) == SQLITE_ROW) {
		review = sqlite3_column_int64(s->st_review, 0);
		ehc_date_format(meeting, sizeof(meeting),
		    ehc__column_date(s->st_review, 1));
		d = ehc__column_date(s->st_review, 2);
		if (d != EHC_NO_DATE && d <= s->census) {
			ehc_date_format(last, sizeof(last), d);
			snprintf(outcome, sizeof(outcome), "%s",
			    col_text(s->st_review, 3));
		}
	} else if (rc != SQLITE_DONE)
		return step_error(s, rc);
	if (review != 0) {
		sqlite3_reset(s->st_draft);
		sqlite3_bind_int64(s->st_draft, 1, review);
		sqlite3_bind_text(s->st_draft, 2, census, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(s->st_draft)) == SQLITE_ROW)
			ehc_date_format(draft, sizeof(draft),
			    ehc__column_date(s->st_draft, 0));
		else if (rc != SQLITE_DONE)
			return step_error(s, rc);
	}
	sqlite3_reset(s->st_pt);
	sqlite3_bind_int64(s->st_pt, 1, id);
	sqlite3_bind_text(s->st_pt, 2, start, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s->st_pt)) == SQLITE_ROW) {
		ehc_date_format(due, sizeof(due),
		    ehc__column_date(s->st_pt, 0));
		d = ehc__column_date(s->st_pt, 1);
		if (d != EHC_NO_DATE && d <= s->census)
			ehc_date_format(done, sizeof(done), d);
	} else if (rc != SQLITE_DONE)
		return step_error(s, rc);
	v[0] = pid;
	v[1] = rid;
	v[2] = col_text(c, C_TRANSFER_LA);
	v[3] = meeting;
	v[4] = last;
	v[5] = outcome;
	v[6] = draft;
	v[7] = due;
	v[8] = done;
	return row_add(s, T_ACTIVEPLANS, v);
}

static int
week20(struct sen2 *s, int64_t id, int *out)
{
	int rc;

	*out = 0;
	sqlite3_reset(s->st_ex);
	sqlite3_bind_int64(s->st_ex, 1, id);
	if ((rc = sqlite3_step(s->st_ex)) != SQLITE_ROW)
		return step_error(s, rc);
	*out = sqlite3_column_int(s->st_ex, 0) > 0;
	return EHC_OK;
}

/* One case's rows, when the case belongs in the return. */
static int
build_case(struct sen2 *s, sqlite3_stmt *c, int64_t *last_person)
{
	int32_t received = ehc__column_date(c, C_RECEIVED);
	int32_t withdrawn = ehc__column_date(c, C_WITHDRAWN);
	int32_t assess_date = ehc__column_date(c, C_ASSESS_DATE);
	int32_t issue_date = ehc__column_date(c, C_ISSUE_DATE);
	int32_t final = ehc__column_date(c, C_FINAL);
	int32_t cease = ehc__column_date(c, C_CEASE);
	char assess = col_text(c, C_ASSESS)[0], issue = col_text(c, C_ISSUE)[0];
	int64_t id = sqlite3_column_int64(c, C_ID);
	int64_t person = sqlite3_column_int64(c, C_PERSON);
	char pid[24], rid[24], rdate[EHC_DATE_LEN], odate[EHC_DATE_LEN];
	char adate[EHC_DATE_LEN], start[EHC_DATE_LEN], cdate[EHC_DATE_LEN];
	char dob[EHC_DATE_LEN];
	const char *v[14], *rout, *aout, *w20;
	int32_t rod = EHC_NO_DATE, aod = EHC_NO_DATE;
	struct case_rows cr;
	int rc, ex, t;

#define LE(d) ((d) != EHC_NO_DATE && (d) <= s->census)
#define IN(d) (LE(d) && (d) >= s->start)
	int with = LE(withdrawn), refused = assess == 'N' && LE(assess_date);
	int not_issued = issue == 'N' && LE(issue_date);
	int planned = LE(final), ceased = LE(cease);
	int active = planned && !ceased;
	int open = !with && !refused && !not_issued && !ceased;

	if (!LE(received) && !planned)
		return EHC_OK;		/* nothing had happened by census */
	if (!open && !IN(received) && !IN(assess_date) && !IN(issue_date) &&
	    !IN(final) && !IN(withdrawn) && !IN(cease))
		return EHC_OK;		/* over before the period began */
	/* The previous case's rows have been written and checked. */
	for (t = T_REQUESTS; t < NTABLES; t++)
		rows_clear(s, t);
	memset(&cr, 0, sizeof(cr));
	cr.assessment = cr.namedplan = cr.activeplans = -1;
	snprintf(pid, sizeof(pid), "%lld", (long long)person);
	snprintf(rid, sizeof(rid), "%lld", (long long)id);
	if (person != *last_person) {
		v[0] = pid;
		v[1] = col_text(c, C_SURNAME);
		v[2] = col_text(c, C_FORENAME);
		v[3] = ehc_date_format(dob, sizeof(dob),
		    ehc__column_date(c, C_DOB));
		v[4] = col_text(c, C_SEX);
		v[5] = col_text(c, C_ETHNICITY);
		v[6] = col_text(c, C_POSTCODE);
		v[7] = col_text(c, C_UPN);
		v[8] = col_text(c, C_ULN);
		v[9] = col_text(c, C_UPN_UNKNOWN);
		rows_clear(s, T_PERSON);
		if ((rc = row_add(s, T_PERSON, v)) != EHC_OK ||
		    (s->sink != TO_CSV && (rc = validate_person(s, 0))
		    != EHC_OK))
			return rc;
		*last_person = person;
	}
	cr.person = s->t[T_PERSON].nrows - 1;

	/* Module 2: the request, as it stood at census. */
	if (assess == 'H')
		rout = "H";
	else if ((assess == 'Y' || assess == 'N') && LE(assess_date)) {
		rout = assess == 'Y' ? "Y" : "N";
		rod = assess_date;
	} else if (with) {
		rout = "W";
		rod = withdrawn;
	} else
		rout = "A";
	v[0] = pid;
	v[1] = rid;
	v[2] = ehc_date_format(rdate, sizeof(rdate), received);
	v[3] = source_code(col_text(c, C_SOURCE));
	v[4] = assess == 'H' && received == EHC_NO_DATE ? "" :
	    col_text(c, C_RYA);
	v[5] = ehc_date_format(odate, sizeof(odate), rod);
	v[6] = rout;
	v[7] = col_text(c, C_REQ_MED);
	v[8] = col_text(c, C_REQ_TRIB);
	v[9] = col_text(c, C_EXPORTED);
	if ((rc = row_add(s, T_REQUESTS, v)) != EHC_OK)
		return rc;
	cr.request = s->t[T_REQUESTS].nrows - 1;

	/* Module 3: the assessment, for requests that led to one. */
	if (*rout == 'Y' || *rout == 'H') {
		w20 = "";
		if (issue == 'H')
			aout = "H";
		else if (planned) {
			aout = "Y";
			aod = final;
			if ((rc = week20(s, id, &ex)) != EHC_OK)
				return rc;
			w20 = ex ? "1" : "0";
		} else if (not_issued) {
			aout = "N";
			aod = issue_date;
		} else if (with)
			aout = "W";
		else
			aout = "A";
		v[0] = pid;
		v[1] = rid;
		v[2] = aout;
		v[3] = ehc_date_format(adate, sizeof(adate), aod);
		v[4] = col_text(c, C_ASS_MED);
		v[5] = col_text(c, C_ASS_TRIB);
		v[6] = col_text(c, C_OTHER_MED);
		v[7] = col_text(c, C_OTHER_TRIB);
		v[8] = w20;
		if ((rc = row_add(s, T_ASSESSMENT, v)) != EHC_OK)
			return rc;
		cr.assessment = (long)s->t[T_ASSESSMENT].nrows - 1;
	}

	/* Module 4: the plan, issued by census (ceased ones included). */
	cr.pd0 = cr.pd1 = s->t[T_PLANDETAIL].nrows;
	cr.pl0 = cr.pl1 = s->t[T_PLACEMENT].nrows;
	cr.nd0 = cr.nd1 = s->t[T_SENNEED].nrows;
	if (planned) {
		v[0] = pid;
		v[1] = rid;
		v[2] = ehc_date_format(start, sizeof(start), final);
		v[3] = col_text(c, C_PLAN_RES);
		v[4] = col_text(c, C_PLAN_WBP);
		v[5] = col_text(c, C_PB);
		v[6] = col_text(c, C_OA);
		v[7] = col_text(c, C_DP);
		v[8] = ehc_date_format(cdate, sizeof(cdate),
		    ceased ? cease : EHC_NO_DATE);
		v[9] = ceased ? col_text(c, C_CEASE_REASON) : "";
		if ((rc = row_add(s, T_NAMEDPLAN, v)) != EHC_OK)
			return rc;
		cr.namedplan = (long)s->t[T_NAMEDPLAN].nrows - 1;
		/* Module 5: plans in force at census. */
		if (active) {
			if ((rc = build_active(s, c, pid, rid)) != EHC_OK)
				return rc;
			cr.activeplans = (long)s->t[T_ACTIVEPLANS].nrows - 1;
		}
		if ((rc = build_children(s, id, pid, rid, active, &cr))
		    != EHC_OK)
			return rc;
	}
#undef LE
#undef IN
	return s->sink == TO_CSV ? EHC_OK : validate_case(s, &cr);
}

static int validate_header(struct sen2 *s);

/*
 * Start on the return for year, its rows and findings to go to sink.
 * Only the census day is looked up, so that a year ehc cannot report
 * on fails before any output is created.
 */
static int
sen2_init(struct sen2 *s, struct ehc_db *db, int year, enum sink sink)
{
	memset(s, 0, sizeof(*s));
	s->db = db;
	s->year = year;
	s->sink = sink;
	if (year < 1900 || year > 2199 ||
	    (s->census = ehc_sen2_census(db, year)) == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "ehc knows no census day "
		    "for %d (it knows 2022 to 2027); record one as the setting "
		    "'census:%d'", year, year);
	s->start = ehc_date_from_ymd(year - 1, 1, 1);
	return EHC_OK;
}

/*
 * Make the return: the header, then the cases one at a time, each
 * case's rows written out and checked before the next is read.
 */
static int
sen2_build(struct sen2 *s)
{
	char census[EHC_DATE_LEN];
	int64_t last_person = -1;
	int rc;

	if ((rc = build_header(s)) != EHC_OK ||
	    (s->sink != TO_CSV && (rc = validate_header(s)) != EHC_OK) ||
	    (rc = prepare_case_statements(s)) != EHC_OK)
		goto out;
	sqlite3_bind_text(s->st_cases, 1, ehc_date_format(census,
	    sizeof(census), s->census), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s->st_cases)) == SQLITE_ROW)
		if ((rc = build_case(s, s->st_cases, &last_person)) != EHC_OK)
			goto out;
	rc = rc == SQLITE_DONE ? EHC_OK : step_error(s, rc);
out:
	if (rc == EHC_ENOMEM)
		ehc__db_fail(s->db, rc, "out of memory building the SEN2 "
		    "return");
	return rc;
}

/*
 * Validation.  Rule ids are ehc's own (the DfE rule list is not
 * available); each paraphrases a rule of the guide as summarised in
 * sen2-return.md section 1.5.
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

/* The coded columns, with their lists and whether they are required. */
static const struct {
	int		 table;
	const char	*col;
	const char	*codes;
	int		 required;
} coded[] = {
	{ T_HEADER, "DMO", "Y N R", 1 },
	{ T_HEADER, "DCO", "Y N R", 1 },
	{ T_HEADER, "DSCO", "Y N R", 0 },
	{ T_PERSON, "Sex", "M F", 1 },
	{ T_PERSON, "UPNunknown", "UN1 UN2 UN3 UN5 UN8 UN9 UN10", 0 },
	{ T_REQUESTS, "RequestSource", "1 2 3 4 5", 0 },
	{ T_REQUESTS, "RYA", "0 1", 0 },
	{ T_REQUESTS, "RequestOutcome", "Y N A W H", 1 },
	{ T_REQUESTS, "RequestMediation", "0 1", 0 },
	{ T_REQUESTS, "RequestTribunal", "0 1", 0 },
	{ T_ASSESSMENT, "AssessmentOutcome", "Y N A W H", 1 },
	{ T_ASSESSMENT, "AssessmentMediation", "0 1", 0 },
	{ T_ASSESSMENT, "AssessmentTribunal", "0 1", 0 },
	{ T_ASSESSMENT, "OtherMediation", "0 1", 0 },
	{ T_ASSESSMENT, "OtherTribunal", "0 1", 0 },
	{ T_ASSESSMENT, "Week20", "0 1", 0 },
	{ T_NAMEDPLAN, "PlanRes", ehc__sen2_res, 0 },
	{ T_NAMEDPLAN, "PlanWBP", ehc__sen2_wbp, 0 },
	{ T_NAMEDPLAN, "PB", "0 1", 1 },
	{ T_NAMEDPLAN, "OA", "0 1", 0 },
	{ T_NAMEDPLAN, "DP", "E S H I", 0 },
	{ T_NAMEDPLAN, "CeaseReason", "1 2 3 4 5 6 7 8 9", 0 },
	{ T_PLANDETAIL, "SENSetting", ehc__sen2_settings_named, 0 },
	{ T_PLANDETAIL, "PlacementRank", "1 2", 1 },
	{ T_PLANDETAIL, "SENunitIndicator", "0 1", 0 },
	{ T_PLANDETAIL, "ResourcedProvisionIndicator", "0 1", 0 },
	{ T_ACTIVEPLANS, "ReviewOutcome", "M A C", 0 },
	{ T_PLACEMENT, "SENSetting", ehc__sen2_settings_attended, 0 },
	{ T_PLACEMENT, "PlacementRank", "1 2", 1 },
	{ T_PLACEMENT, "SENunitIndicator", "0 1", 0 },
	{ T_PLACEMENT, "ResourcedProvisionIndicator", "0 1", 0 },
	{ T_PLACEMENT, "Res", ehc__sen2_res, 0 },
	{ T_PLACEMENT, "WBP", ehc__sen2_wbp, 0 },
	{ T_SENNEED, "SENtype", ehc__sen2_sen_types, 1 },
	{ T_SENNEED, "SENtypeRank", "1 2", 1 },
};

/* ehc-001/ehc-002: required codes present, every code from its list. */
static int
check_codes(struct sen2 *s, int t, size_t row)
{
	const char *v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(coded) / sizeof(coded[0]); i++) {
		if (coded[i].table != t)
			continue;
		v = cell(s, t, row, coded[i].col);
		if (*v == '\0') {
			if (coded[i].required && (rc = finding(s, "ehc-001", 1,
			    t, row, coded[i].col, "%s is required",
			    coded[i].col)) != EHC_OK)
				return rc;
		} else if (!ehc__sen2_code(coded[i].codes, v) &&
		    (rc = finding(s, "ehc-002", 1, t, row, coded[i].col,
		    "'%s' is not a %s code (%s)", v, coded[i].col,
		    coded[i].codes)) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

/* ehc-003: an event dated after the census day or before the birth. */
static int
check_dates(struct sen2 *s, int t, size_t row, int32_t dob)
{
	static const char *const events[] = {
		"ReceivedDate", "RequestOutcomeDate", "AssessmentOutcomeDate",
		"StartDate", "CeaseDate", "ReviewMeeting", "LastReview",
		"ReviewDraft", "PhaseTransferFinalDate", "EntryDate", NULL
	};
	const char *const *e;
	int32_t d;
	int rc;

	for (e = events; *e != NULL; e++) {
		if ((d = cell_date(s, t, row, *e)) == EHC_NO_DATE)
			continue;
		if (d > s->census && (rc = finding(s, "ehc-003", 1, t, row, *e,
		    "%s is after the census day", *e)) != EHC_OK)
			return rc;
		if (dob != EHC_NO_DATE && d < dob && (rc = finding(s,
		    "ehc-004", 1, t, row, *e, "%s is before the date of birth",
		    *e)) != EHC_OK)
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
	    (rc = finding(s, "ehc-005", 1, T_HEADER, 0, "LEA", "LEA is not "
	    "a 3-digit LA number; record it as the setting 'lea'")) != EHC_OK)
		return rc;
	if (!is_digits(cell(s, T_HEADER, 0, "SerialNo"), 3, 3) &&
	    (rc = finding(s, "ehc-005", 1, T_HEADER, 0, "SerialNo",
	    "SerialNo has 3 digits")) != EHC_OK)
		return rc;
	if ((rc = check_codes(s, T_HEADER, 0)) != EHC_OK)
		return rc;
	if (s->year >= 2026 && *cell(s, T_HEADER, 0, "DSCO") == '\0' &&
	    (rc = finding(s, "ehc-001", 1, T_HEADER, 0, "DSCO", "DSCO is "
	    "required from 2026; record it as the setting 'dsco'")) != EHC_OK)
		return rc;
	return EHC_OK;
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
	const char *eth = cell(s, T_PERSON, r, "Ethnicity");
	const char *pc = cell(s, T_PERSON, r, "PostCode");
	int rc;

	if ((rc = check_codes(s, T_PERSON, r)) != EHC_OK)
		return rc;
	if (*cell(s, T_PERSON, r, "Surname") == '\0' &&
	    (rc = finding(s, "ehc-001", 1, T_PERSON, r, "Surname",
	    "Surname is required")) != EHC_OK)
		return rc;
	if (*cell(s, T_PERSON, r, "Forename") == '\0' &&
	    (rc = finding(s, "ehc-001", 1, T_PERSON, r, "Forename",
	    "Forename is required")) != EHC_OK)
		return rc;
	if (*eth == '\0') {
		if ((rc = finding(s, "ehc-001", 1, T_PERSON, r, "Ethnicity",
		    "Ethnicity is required (NOBT when not yet obtained)"))
		    != EHC_OK)
			return rc;
	} else if (!ehc__sen2_code(ehc__sen2_ethnicities, eth) &&
	    (rc = finding(s, "ehc-002", 1, T_PERSON, r, "Ethnicity", "'%s' "
	    "is not a CBDS ethnicity code", eth)) != EHC_OK)
		return rc;
	if (*upn != '\0' && !ehc_upn_valid(upn) && (rc = finding(s,
	    "ehc-010", 1, T_PERSON, r, "UPN", "the UPN is not 13 characters "
	    "with a valid check letter")) != EHC_OK)
		return rc;
	if (*uln != '\0' && !is_digits(uln, 10, 10) && (rc = finding(s,
	    "ehc-011", 1, T_PERSON, r, "UniqueLearnerNumber", "a ULN has 10 "
	    "digits")) != EHC_OK)
		return rc;
	if (*upn == '\0' && *uln == '\0' && *unk == '\0' && (rc = finding(s,
	    "ehc-012", 1, T_PERSON, r, "UPNunknown", "no UPN or ULN, and no "
	    "UPNunknown reason")) != EHC_OK)
		return rc;
	/* An analyst's copy (ehc_db_set_masked()) does not quote it. */
	if (*pc != '\0' && !postcode_ok(pc) && (rc = finding(s, "ehc-013", 0,
	    T_PERSON, r, "PostCode", "'%s' does not look like a UK postcode",
	    s->db->masked ? "..." : pc)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/* ehc-050..: exactly one of URN, UKPRN and SENSetting; indicators. */
static int
check_setting(struct sen2 *s, int t, size_t r)
{
	const char *urn = cell(s, t, r, "URN"), *ukprn = cell(s, t, r, "UKPRN");
	const char *set = cell(s, t, r, "SENSetting");
	const char *unit = cell(s, t, r, "SENunitIndicator");
	const char *rp = cell(s, t, r, "ResourcedProvisionIndicator");
	int n = (*urn != '\0') + (*ukprn != '\0') + (*set != '\0'), rc;

	if ((rc = check_codes(s, t, r)) != EHC_OK)
		return rc;
	if (n != 1 && (rc = finding(s, "ehc-050", 1, t, r, n ? "URN" :
	    "SENSetting", n ? "give only one of URN, UKPRN and SENSetting" :
	    "no URN, UKPRN or SENSetting names the setting")) != EHC_OK)
		return rc;
	if (*urn != '\0' && !is_digits(urn, 1, 6) && (rc = finding(s,
	    "ehc-051", 1, t, r, "URN", "a URN has up to 6 digits")) != EHC_OK)
		return rc;
	if (*ukprn != '\0' && !is_digits(ukprn, 8, 8) && (rc = finding(s,
	    "ehc-051", 1, t, r, "UKPRN", "a UKPRN has 8 digits")) != EHC_OK)
		return rc;
	if ((strcmp(set, "OTH") == 0 || strcmp(set, "NIEO") == 0) &&
	    (rc = finding(s, "ehc-052", 0, t, r, "SENSetting", "COLLECT "
	    "queries the setting '%s'; name the setting where possible", set))
	    != EHC_OK)
		return rc;
	if (*urn == '\0' && ((*unit != '\0' && strcmp(unit, "0") != 0) ||
	    (*rp != '\0' && strcmp(rp, "0") != 0)) && (rc = finding(s,
	    "ehc-053", 1, t, r, "SENunitIndicator", "an SEN unit or "
	    "resourced provision needs the school's URN")) != EHC_OK)
		return rc;
	if (*urn != '\0' && (*unit == '\0' || *rp == '\0') && (rc = finding(s,
	    "ehc-053", 0, t, r, *unit == '\0' ? "SENunitIndicator" :
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
	int32_t rec = cell_date(s, T_REQUESTS, r, "ReceivedDate");
	int32_t od = cell_date(s, T_REQUESTS, r, "RequestOutcomeDate");
	int h = strcmp(out, "H") == 0, rc;

	if ((rc = check_codes(s, T_REQUESTS, r)) != EHC_OK ||
	    (rc = check_dates(s, T_REQUESTS, r, dob)) != EHC_OK)
		return rc;
	if (!h && rec == EHC_NO_DATE && (rc = finding(s, "ehc-020", 1,
	    T_REQUESTS, r, "ReceivedDate", "ReceivedDate is required unless "
	    "RequestOutcome is H")) != EHC_OK)
		return rc;
	if (!h && *cell(s, T_REQUESTS, r, "RYA") == '\0' && (rc = finding(s,
	    "ehc-020", 1, T_REQUESTS, r, "RYA", "RYA is required unless "
	    "RequestOutcome is H")) != EHC_OK)
		return rc;
	if (!h && *cell(s, T_REQUESTS, r, "RequestSource") == '\0' &&
	    (rc = finding(s, "ehc-021", s->year >= 2026, T_REQUESTS, r,
	    "RequestSource", "RequestSource is %s; record who made the "
	    "request", s->year >= 2026 ? "required from 2026" : "expected"))
	    != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_REQUESTS, r, "RequestSource"), "5") == 0 &&
	    (rc = finding(s, "ehc-022", 0, T_REQUESTS, r, "RequestSource",
	    "COLLECT queries high use of 'other' (5)")) != EHC_OK)
		return rc;
	if (strchr("YNW", *out) != NULL && *out != '\0' && od == EHC_NO_DATE &&
	    (rc = finding(s, "ehc-023", 1, T_REQUESTS, r, "RequestOutcomeDate",
	    "RequestOutcome %s needs RequestOutcomeDate", out)) != EHC_OK)
		return rc;
	if (strcmp(out, "A") == 0 && od != EHC_NO_DATE && (rc = finding(s,
	    "ehc-023", 1, T_REQUESTS, r, "RequestOutcomeDate", "a request "
	    "not yet decided has no RequestOutcomeDate")) != EHC_OK)
		return rc;
	if (od != EHC_NO_DATE && rec != EHC_NO_DATE && od < rec &&
	    (rc = finding(s, "ehc-023", 1, T_REQUESTS, r, "RequestOutcomeDate",
	    "the decision is dated before the request was received"))
	    != EHC_OK)
		return rc;
	if ((*out == 'Y' || h) && cr->assessment < 0 && (rc = finding(s,
	    "ehc-024", 1, T_REQUESTS, r, "RequestOutcome", "RequestOutcome %s "
	    "needs an Assessments row", out)) != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_REQUESTS, r, "RequestTribunal"), "1") == 0 &&
	    strcmp(out, "N") != 0 && (rc = finding(s, "ehc-025", 0,
	    T_REQUESTS, r, "RequestTribunal", "an appeal about the decision "
	    "to assess follows a decision not to assess")) != EHC_OK)
		return rc;
	if (h && cr->namedplan < 0 && cr->assessment < 0 && (rc = finding(s,
	    "ehc-024", 1, T_REQUESTS, r, "RequestOutcome", "a historic request "
	    "has no plan")) != EHC_OK)
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
	int rc, decided = *out == 'Y' || *out == 'N';

	if ((rc = check_codes(s, T_ASSESSMENT, r)) != EHC_OK ||
	    (rc = check_dates(s, T_ASSESSMENT, r, dob)) != EHC_OK)
		return rc;
	if (decided && d == EHC_NO_DATE && (rc = finding(s, "ehc-030", 1,
	    T_ASSESSMENT, r, "AssessmentOutcomeDate", "AssessmentOutcome %s "
	    "needs AssessmentOutcomeDate", out)) != EHC_OK)
		return rc;
	if (d != EHC_NO_DATE && ((rec != EHC_NO_DATE && d < rec) ||
	    (od != EHC_NO_DATE && d < od)) && (rc = finding(s, "ehc-030", 1,
	    T_ASSESSMENT, r, "AssessmentOutcomeDate", "the outcome is dated "
	    "before the request or the decision to assess")) != EHC_OK)
		return rc;
	if ((*out == 'Y' || *out == 'H') && cr->namedplan < 0 &&
	    (rc = finding(s, "ehc-031", 1, T_ASSESSMENT, r,
	    "AssessmentOutcome", "AssessmentOutcome %s needs a Named Plan "
	    "row", out)) != EHC_OK)
		return rc;
	if ((*out == 'A' || *out == 'W' || *out == 'N') && cr->namedplan >= 0
	    && (rc = finding(s, "ehc-031", 1, T_ASSESSMENT, r,
	    "AssessmentOutcome", "AssessmentOutcome %s has no named plan",
	    out)) != EHC_OK)
		return rc;
	if (*out == 'Y' && *cell(s, T_ASSESSMENT, r, "Week20") == '\0' &&
	    (rc = finding(s, "ehc-032", 1, T_ASSESSMENT, r, "Week20",
	    "Week20 is required for a plan issued")) != EHC_OK)
		return rc;
	if (strcmp(cell(s, T_ASSESSMENT, r, "AssessmentTribunal"), "1") == 0 &&
	    *out != 'N' && (rc = finding(s, "ehc-025", 0, T_ASSESSMENT, r,
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
	int rc;

	if ((rc = check_codes(s, T_NAMEDPLAN, r)) != EHC_OK ||
	    (rc = check_dates(s, T_NAMEDPLAN, r, dob)) != EHC_OK)
		return rc;
	if ((cease == EHC_NO_DATE) != (*reason == '\0') && (rc = finding(s,
	    "ehc-040", 1, T_NAMEDPLAN, r, cease == EHC_NO_DATE ? "CeaseDate" :
	    "CeaseReason", "CeaseDate and CeaseReason go together")) != EHC_OK)
		return rc;
	if (cease != EHC_NO_DATE && start != EHC_NO_DATE && cease < start &&
	    (rc = finding(s, "ehc-040", 1, T_NAMEDPLAN, r, "CeaseDate",
	    "the plan ceased before it started")) != EHC_OK)
		return rc;
	if (strcmp(reason, "9") == 0 && (rc = finding(s, "ehc-041", 0,
	    T_NAMEDPLAN, r, "CeaseReason", "COLLECT queries high use of "
	    "'other' (9)")) != EHC_OK)
		return rc;
	if (strcmp(pb, "1") != 0 && (*cell(s, T_NAMEDPLAN, r, "OA") != '\0' ||
	    *cell(s, T_NAMEDPLAN, r, "DP") != '\0') && (rc = finding(s,
	    "ehc-042", 1, T_NAMEDPLAN, r, "PB", "OA and DP apply only with a "
	    "personal budget (PB = 1)")) != EHC_OK)
		return rc;
	if (dob != EHC_NO_DATE && start != EHC_NO_DATE &&
	    ehc_date_age(dob, start) >= 25 && (rc = finding(s, "ehc-043", 1,
	    T_NAMEDPLAN, r, "StartDate", "the plan starts after the 25th "
	    "birthday")) != EHC_OK)
		return rc;
	if (cr->pd1 - cr->pd0 > 2 && (rc = finding(s, "ehc-044", 1,
	    T_NAMEDPLAN, r, NULL, "%zu Plan Detail rows; a plan names at "
	    "most two settings", cr->pd1 - cr->pd0)) != EHC_OK)
		return rc;
	for (i = cr->pd0; i < cr->pd1; i++)
		if ((rc = check_setting(s, T_PLANDETAIL, i)) != EHC_OK)
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
	int rc, primary = 0, ranks[3] = { 0, 0, 0 }, rank;

	if ((rc = check_codes(s, T_ACTIVEPLANS, r)) != EHC_OK ||
	    (rc = check_dates(s, T_ACTIVEPLANS, r, dob)) != EHC_OK)
		return rc;
	if (meeting == EHC_NO_DATE && (*out != '\0' || last != EHC_NO_DATE) &&
	    (rc = finding(s, "ehc-060", 1, T_ACTIVEPLANS, r, "ReviewMeeting",
	    "a review decision needs the review meeting's date")) != EHC_OK)
		return rc;
	if (meeting != EHC_NO_DATE && last != EHC_NO_DATE && last < meeting &&
	    (rc = finding(s, "ehc-060", 1, T_ACTIVEPLANS, r, "LastReview",
	    "the decision is dated before the review meeting")) != EHC_OK)
		return rc;
	if ((*out == '\0') != (last == EHC_NO_DATE) && (rc = finding(s,
	    "ehc-060", 1, T_ACTIVEPLANS, r, *out ? "LastReview" :
	    "ReviewOutcome", "LastReview and ReviewOutcome go together"))
	    != EHC_OK)
		return rc;
	if (draft != EHC_NO_DATE && (strcmp(out, "A") != 0 || (meeting !=
	    EHC_NO_DATE && draft < meeting)) && (rc = finding(s, "ehc-061", 1,
	    T_ACTIVEPLANS, r, "ReviewDraft", "a draft amended plan follows a "
	    "decision to amend (ReviewOutcome A), after the meeting"))
	    != EHC_OK)
		return rc;
	if (due != EHC_NO_DATE && fin != EHC_NO_DATE && fin > due &&
	    (rc = finding(s, "ehc-062", 0, T_ACTIVEPLANS, r,
	    "PhaseTransferFinalDate", "the amended plan for the phase "
	    "transfer was issued after its due date")) != EHC_OK)
		return rc;
	anchor = last != EHC_NO_DATE ? last : start;
	if (anchor != EHC_NO_DATE && ehc_date_add_months(anchor, 12) <=
	    s->census && (meeting == EHC_NO_DATE ||
	    ehc_date_add_months(meeting, 12) <= s->census) && (rc = finding(s,
	    "ehc-063", 0, T_ACTIVEPLANS, r, "ReviewMeeting", "no review "
	    "meeting in the 12 months before the census day")) != EHC_OK)
		return rc;
	if (cr->pl0 == cr->pl1 && (rc = finding(s, "ehc-064", 1,
	    T_ACTIVEPLANS, r, NULL, "a plan in force has no Placement Detail "
	    "row")) != EHC_OK)
		return rc;
	for (i = cr->pl0; i < cr->pl1; i++) {
		if ((rc = check_setting(s, T_PLACEMENT, i)) != EHC_OK ||
		    (rc = check_dates(s, T_PLACEMENT, i, dob)) != EHC_OK)
			return rc;
		entry = cell_date(s, T_PLACEMENT, i, "EntryDate");
		leaving = cell_date(s, T_PLACEMENT, i, "LeavingDate");
		if (entry == EHC_NO_DATE && (rc = finding(s, "ehc-001", 1,
		    T_PLACEMENT, i, "EntryDate", "EntryDate is required"))
		    != EHC_OK)
			return rc;
		if (entry != EHC_NO_DATE && leaving != EHC_NO_DATE &&
		    leaving < entry && (rc = finding(s, "ehc-065", 1,
		    T_PLACEMENT, i, "LeavingDate", "the placement ends before "
		    "it starts")) != EHC_OK)
			return rc;
		if (strcmp(cell(s, T_PLACEMENT, i, "PlacementRank"), "1")
		    == 0 && (entry == EHC_NO_DATE || entry <= s->census) &&
		    (leaving == EHC_NO_DATE || leaving > s->census))
			primary = 1;
	}
	if (cr->pl0 != cr->pl1 && !primary && (rc = finding(s, "ehc-066", 0,
	    T_ACTIVEPLANS, r, NULL, "no primary placement (rank 1) at the "
	    "census day")) != EHC_OK)
		return rc;
	for (i = cr->nd0; i < cr->nd1; i++) {
		if ((rc = check_codes(s, T_SENNEED, i)) != EHC_OK)
			return rc;
		rank = atoi(cell(s, T_SENNEED, i, "SENtypeRank"));
		if (rank == 1 || rank == 2)
			ranks[rank]++;
	}
	if (ranks[1] == 0 && (rc = finding(s, "ehc-070", 1, T_ACTIVEPLANS, r,
	    NULL, "a plan in force needs a primary need (SENtypeRank 1)"))
	    != EHC_OK)
		return rc;
	if ((cr->nd1 - cr->nd0 > 2 || ranks[1] > 1 || ranks[2] > 1) &&
	    (rc = finding(s, "ehc-071", 1, T_ACTIVEPLANS, r, NULL, "at most "
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
	struct ehc_sen2_finding f;
	const char **field[8] = { &f.rule, &f.severity, &f.table, &f.person,
	    &f.request, &f.field, &f.value, &f.message };
	char *buf[8] = { NULL };
	size_t len[8] = { 0 }, off = 0, i;
	struct sen2 s;
	int rc, j;

	if ((rc = sen2_init(&s, db, year, TO_NOWHERE)) != EHC_OK ||
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

static int
csv_path(struct sen2 *s, char *path, size_t len, const char *dir, int t)
{
	if (snprintf(path, len, "%s/%s.csv", dir, defs[t].file) >= (int)len)
		return ehc__db_fail(s->db, EHC_ECREATE, "cannot create files "
		    "in '%.200s': the path is too long", dir);
	return EHC_OK;
}

/* Create table t's file and write its header line. */
static int
csv_open(struct sen2 *s, const char *dir, int t)
{
	const char *heads[MAXCOLS];
	char path[4096];
	int c, rc;

	if ((rc = csv_path(s, path, sizeof(path), dir, t)) != EHC_OK)
		return rc;
	if ((rc = ehc__outfile_open(s->db, &s->of[t], path)) != EHC_OK)
		return rc;
	s->fp[t] = ehc_outfile_fp(s->of[t]);
	/* Nine files are written at once; fewer, larger writes. */
	setvbuf(s->fp[t], NULL, _IOFBF, 64 * 1024);
	for (c = 0; c < defs[t].ncols; c++)
		heads[c] = defs[t].cols[c].name;
	csv_record(s->fp[t], heads, defs[t].ncols);
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
ehc_sen2_export_csv(struct ehc_db *db, int year, const char *dir)
{
	struct sen2 s;
	int rc, t;

	if ((rc = sen2_init(&s, db, year, TO_CSV)) != EHC_OK)
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
	static const char *const personal[] = { "Surname", "Forename",
	    "PersonBirthDate", "PostCode", "UPN", "UniqueLearnerNumber" };
	struct table *tb = &s->t[t];
	const char *masked[MAXCOLS];
	char types[MAXCOLS];
	size_t i;
	int c;

	/* For an analyst (ehc_db_set_masked()), the child is not named. */
	if (s->db->masked && t == T_PERSON) {
		for (c = 0; c < defs[t].ncols; c++) {
			masked[c] = v[c];
			for (i = 0; i < sizeof(personal) / sizeof(*personal);
			    i++)
				if (strcmp(defs[t].cols[c].name,
				    personal[i]) == 0)
					masked[c] = NULL;
		}
		v = masked;
	}
	switch (s->sink) {
	case TO_CSV:
		csv_record(s->fp[t], v, defs[t].ncols);
		break;
	case TO_XLSX:
		for (c = 0; c < defs[t].ncols; c++)
			types[c] = defs[t].cols[c].type;
		xlsx_row(s->x, s->x->ws[t], tb->written + 1, types,
		    defs[t].ncols, v, tb->width);
		break;
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
	char buf[64], start[EHC_DATE_LEN], census[EHC_DATE_LEN];
	time_t now = time(NULL);
	struct tm tm;
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
	xlsx_cell(x, ws, row++, 1, 'd', ehc_date_format(census,
	    sizeof(census), s->census));
	snprintf(buf, sizeof(buf), "%s to %s", ehc_date_format(start,
	    sizeof(start), s->start), census);
	worksheet_write_string(ws, row, 0, "Activity reported", NULL);
	worksheet_write_string(ws, row++, 1, buf, NULL);
	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	worksheet_write_string(ws, row, 0, "Generated", NULL);
	worksheet_write_string(ws, row++, 1, buf, NULL);
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
ehc_sen2_export_xlsx(struct ehc_db *db, int year, const char *path)
{
	lxw_workbook_options opts;
	const char *heads[MAXCOLS];
	struct sen2 s;
	struct xlsx x;
	struct ehc_outfile *of = NULL;
	lxw_error err;
	int rc, t, c;

	memset(&x, 0, sizeof(x));
	if ((rc = sen2_init(&s, db, year, TO_XLSX)) != EHC_OK)
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
		for (c = 0; c < defs[t].ncols; c++)
			heads[c] = defs[t].cols[c].name;
		x.ws[t] = xlsx_sheet_start(&x, defs[t].sheet, heads,
		    defs[t].ncols);
	}
	x.ws[NTABLES] = xlsx_sheet_start(&x, "Validation", vheads, 8);
	s.x = &x;
	if ((rc = sen2_build(&s)) != EHC_OK) {
		workbook_close(x.wb);
		goto out;
	}
	for (t = 0; t < NTABLES; t++) {
		for (c = 0; c < defs[t].ncols; c++)
			heads[c] = defs[t].cols[c].name;
		xlsx_sheet_end(x.ws[t], heads, defs[t].ncols, s.t[t].width,
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
	}
out:
	ehc_outfile_free(of);
	sen2_release(&s);
	return rc;
}
