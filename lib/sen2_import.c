/*
 * sen2_import.c: load a caseload from the nine CSV tables of a SEN2
 * return (the layout ehc_sen2_export_csv() writes).  All nine files are
 * parsed with libcsv in strict mode and checked before the first row is
 * written, so bad input leaves the store as it was; the caller's
 * transaction makes the writes all or nothing.  Every problem is
 * reported as FILE:LINE:COLUMN: reason, with COLUMN the field's
 * position in the file.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

/* From sen2_export.c: the CBDS ethnicity codes and a list lookup. */

#define MAX_COLS 16

enum {
	F_HEADER, F_PERSON, F_REQUESTS, F_ASSESSMENT, F_NAMEDPLAN,
	F_PLANDETAIL, F_ACTIVEPLANS, F_PLACEMENT, F_SENNEED, NFILES
};

/* Each file's columns, found by name; all must be present. */
static const struct {
	const char	*name;
	const char	*cols[MAX_COLS];
} layout[NFILES] = {
	{ "sen2_header.csv", { "Collection", "Year", "ReferenceDate",
	    "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo",
	    "DateTime", "DMO", "DCO", "DSCO", NULL } },
	{ "sen2_person.csv", { "PersonID", "Surname", "Forename",
	    "PersonBirthDate", "Sex", "Ethnicity", "PostCode", "UPN",
	    "UniqueLearnerNumber", "UPNunknown", NULL } },
	{ "sen2_requests.csv", { "PersonID", "RequestsID", "ReceivedDate",
	    "RequestSource", "RYA", "RequestOutcomeDate", "RequestOutcome",
	    "RequestMediation", "RequestTribunal", "Exported", NULL } },
	{ "sen2_assessment.csv", { "PersonID", "RequestsID",
	    "AssessmentOutcome", "AssessmentOutcomeDate",
	    "AssessmentMediation", "AssessmentTribunal", "OtherMediation",
	    "OtherTribunal", "Week20", NULL } },
	{ "sen2_namedplan.csv", { "PersonID", "RequestsID", "StartDate",
	    "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate",
	    "CeaseReason", NULL } },
	{ "sen2_plandetail.csv", { "PersonID", "RequestsID", "PlanDetailSeq",
	    "URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank",
	    "SENunitIndicator", "ResourcedProvisionIndicator", NULL } },
	{ "sen2_activeplans.csv", { "PersonID", "RequestsID", "TransferLA",
	    "ReviewMeeting", "LastReview", "ReviewOutcome", "ReviewDraft",
	    "PhaseTransferDueDate", "PhaseTransferFinalDate", NULL } },
	{ "sen2_placementdetail.csv", { "PersonID", "RequestsID",
	    "PlacementDetailSeq", "URN", "UKPRN", "SENSetting",
	    "SENSettingOther", "PlacementRank", "EntryDate", "LeavingDate",
	    "SENunitIndicator", "ResourcedProvisionIndicator", "Res", "WBP",
	    NULL } },
	{ "sen2_senneed.csv", { "PersonID", "RequestsID", "SENtype",
	    "SENtypeRank", NULL } },
};

/* Column positions within layout[].cols, per file. */
enum { H_COLLECTION, H_YEAR, H_REFDATE, H_SOURCELEVEL, H_LEA,
    H_SOFTWARE, H_RELEASE, H_SERIAL, H_DATETIME, H_DMO, H_DCO, H_DSCO };
enum { P_ID, P_SURNAME, P_FORENAME, P_DOB, P_SEX, P_ETHNICITY,
    P_POSTCODE, P_UPN, P_ULN, P_UNKNOWN };
enum { K_PERSON, K_REQUEST };	/* every table below Person */
enum { R_RECEIVED = 2, R_SOURCE, R_RYA, R_OUTDATE, R_OUTCOME, R_MED,
    R_TRIB, R_EXPORTED };
enum { A_OUTCOME = 2, A_DATE, A_MED, A_TRIB, A_OMED, A_OTRIB, A_WEEK20 };
enum { N_START = 2, N_RES, N_WBP, N_PB, N_OA, N_DP, N_CEASE, N_REASON };
enum { D_SEQ = 2, D_URN, D_UKPRN, D_SETTING, D_OTHER, D_RANK, D_UNIT,
    D_RP };
enum { V_TRANSFER = 2, V_MEETING, V_LAST, V_OUTCOME, V_DRAFT, V_PTDUE,
    V_PTFINAL };
enum { L_SEQ = 2, L_URN, L_UKPRN, L_SETTING, L_OTHER, L_RANK, L_ENTRY,
    L_LEAVING, L_UNIT, L_RP, L_RES, L_WBP };
enum { S_TYPE = 2, S_RANK };

struct rec {
	int	 line;
	int	 nf;
	char	**f;
};

struct file {
	char		 path[4096];
	const char	*name;
	struct rec	*recs;		/* recs[0] is the header */
	size_t		 nrecs, cap;
	int		 idx[MAX_COLS];	/* field position of each column */
	/* parser state */
	struct rec	 cur;
	int		 curcap;
	int		 line, last_end, nomem;
};

/* A request and the rows that hang from it (0: no such row). */
struct req {
	const char	*key;
	size_t		 rec, person;	/* person: index into persons */
	size_t		 a, n, v;	/* assessment, named plan, active */
	int64_t		 id;
	int32_t		 received, rod, aod, start, cease;
	char		 rout, aout;
};

struct person {
	const char	*key;
	size_t		 rec;
	int32_t		 dob;
	int64_t		 id;
};

/* A key to sort by, with the row or record it came from. */
struct keyidx {
	const char	*key, *key2;
	size_t		 i;
};

struct imp {
	struct ehc_db	*db;
	struct file	 f[NFILES];
	struct person	*persons;
	size_t		 npersons;
	struct req	*reqs;
	size_t		 nreqs;
	struct keyidx	*porder, *rorder;	/* sorted by key */
};

/* Report a problem at a record's field (k: a layout column, or -1). */
static int
bad(struct imp *im, int file, size_t r, int k, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
bad(struct imp *im, int file, size_t r, int k, const char *fmt, ...)
{
	struct file *f = &im->f[file];
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%d:%d: %s", f->path,
	    r < f->nrecs ? f->recs[r].line : 1, k >= 0 ? f->idx[k] + 1 : 1,
	    msg);
}

static const char *
fld(const struct imp *im, int file, size_t r, int k)
{
	return im->f[file].recs[r].f[im->f[file].idx[k]];
}

/*
 * Parsing.  The text is fed to libcsv one line at a time so that the
 * line of every record, and of every error, is known.
 */

static void
on_field(void *s, size_t len, void *data)
{
	struct file *f = data;
	char **nf, *p;
	size_t i;
	int n;

	if (f->nomem)
		return;
	if (f->cur.nf == f->curcap) {
		n = f->curcap ? f->curcap * 2 : 16;
		if ((nf = realloc(f->cur.f, (size_t)n * sizeof(*nf))) == NULL) {
			f->nomem = 1;
			return;
		}
		f->cur.f = nf;
		f->curcap = n;
	}
	if ((p = malloc(len + 1)) == NULL) {
		f->nomem = 1;
		return;
	}
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	if (f->cur.nf == 0) {
		f->cur.line = f->line;
		for (i = 0; i < len; i++)
			if (p[i] == '\n')
				f->cur.line--;
	}
	f->cur.f[f->cur.nf++] = p;
}

static void
on_row(int c, void *data)
{
	struct file *f = data;
	struct rec *r;

	(void)c;
	f->last_end = f->line;
	if (f->nomem)
		return;
	if (f->nrecs == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;

		if ((r = realloc(f->recs, cap * sizeof(*r))) == NULL) {
			f->nomem = 1;
			return;
		}
		f->recs = r;
		f->cap = cap;
	}
	f->recs[f->nrecs++] = f->cur;
	memset(&f->cur, 0, sizeof(f->cur));
	f->curcap = 0;
}

static void
rec_free(struct rec *r)
{
	int i;

	for (i = 0; i < r->nf; i++)
		free(r->f[i]);
	free(r->f);
}

static void
file_release(struct file *f)
{
	size_t i;

	for (i = 0; i < f->nrecs; i++)
		rec_free(&f->recs[i]);
	free(f->recs);
	rec_free(&f->cur);
}

static int
read_all(struct imp *im, const char *path, char **out, size_t *len)
{
	FILE *fp;
	char *buf = NULL, *nb;
	size_t n = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL)
		return ehc__db_fail(im->db, EHC_ENOINPUT, "cannot read "
		    "'%.300s': %s; a SEN2 return is nine CSV files (see "
		    "ehc-import(1))", path, strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return ehc__db_fail(im->db, EHC_ENOMEM,
				    "out of memory reading '%.300s'", path);
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		fclose(fp);
		return ehc__db_fail(im->db, EHC_ENOINPUT, "cannot read "
		    "'%.300s': %s", path, strerror(errno));
	}
	fclose(fp);
	*out = buf;
	*len = n;
	return EHC_OK;
}

static int
parse_file(struct imp *im, int file, const char *dir)
{
	struct file *f = &im->f[file];
	struct csv_parser p;
	char *buf = NULL, *s, *nl, *end;
	size_t len = 0, seg, done;
	int rc, i, k, err;

	f->name = layout[file].name;
	snprintf(f->path, sizeof(f->path), "%s/%s", dir, f->name);
	if ((rc = read_all(im, f->path, &buf, &len)) != EHC_OK)
		return rc;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0) {
		free(buf);
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	}
	s = buf;
	end = buf + len;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s += 3;			/* a byte-order mark from Excel */
	f->line = 1;
	rc = EHC_OK;
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		seg = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		done = csv_parse(&p, s, seg, on_field, on_row, f);
		if (done != seg) {
			err = csv_error(&p);
			rc = err == CSV_ENOMEM || err == CSV_ETOOBIG ?
			    ehc__db_fail(im->db, EHC_ENOMEM, "out of memory "
			    "reading '%.300s'", f->path) :
			    ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%d:%d: "
			    "malformed CSV: a quote inside an unquoted field, "
			    "or text after a closing quote", f->path, f->line,
			    f->cur.nf + 1);
			break;
		}
		if (f->nomem)
			break;
		s += seg;
		if (nl != NULL)
			f->line++;
	}
	if (rc == EHC_OK && !f->nomem &&
	    csv_fini(&p, on_field, on_row, f) != 0)
		rc = ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%d:%d: malformed "
		    "CSV: a quoted field is not closed before the end of the "
		    "file", f->path, f->cur.nf > 0 ? f->cur.line :
		    f->last_end + 1, f->cur.nf + 1);
	csv_free(&p);
	free(buf);
	if (rc == EHC_OK && f->nomem)
		rc = ehc__db_fail(im->db, EHC_ENOMEM, "out of memory reading "
		    "'%.300s'", f->path);
	if (rc != EHC_OK)
		return rc;
	if (f->nrecs == 0)
		return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:1:1: the file "
		    "is empty; it needs a header row naming its columns",
		    f->path);
	/* Find each column by its name in the header row. */
	for (k = 0; layout[file].cols[k] != NULL; k++) {
		for (i = 0; i < f->recs[0].nf; i++)
			if (strcmp(f->recs[0].f[i], layout[file].cols[k]) == 0)
				break;
		if (i == f->recs[0].nf)
			return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%d:%d: "
			    "the header has no column '%s'", f->path,
			    f->recs[0].line, f->recs[0].nf + 1,
			    layout[file].cols[k]);
		f->idx[k] = i;
	}
	for (i = 1; (size_t)i < f->nrecs; i++)
		if (f->recs[i].nf != f->recs[0].nf)
			return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%d:%d: "
			    "%d fields where the header has %d", f->path,
			    f->recs[i].line, f->recs[i].nf < f->recs[0].nf ?
			    f->recs[i].nf + 1 : f->recs[0].nf + 1,
			    f->recs[i].nf, f->recs[0].nf);
	return EHC_OK;
}

/*
 * Field checks.  Each returns EHC_OK or the EHC_EINVAL of bad().
 */

static const char *
colname(int file, int k)
{
	return layout[file].cols[k];
}

/* A date, optionally required; events may not be after today. */
static int
get_date(struct imp *im, int file, size_t r, int k, int required,
    int event, int32_t *out)
{
	const char *v = fld(im, file, r, k);
	char t[EHC_DATE_LEN];

	*out = EHC_NO_DATE;
	if (*v == '\0') {
		if (required)
			return bad(im, file, r, k, "%s is required",
			    colname(file, k));
		return EHC_OK;
	}
	if (strlen(v) != 10 || v[4] != '-' || ehc_date_parse(v, out)
	    != EHC_OK)
		return bad(im, file, r, k, "%s '%.20s' is not a real date "
		    "(write YYYY-MM-DD)", colname(file, k), v);
	if (event && im->db->today != EHC_NO_DATE && *out > im->db->today) {
		ehc_date_format(im->db->today, t);
		return bad(im, file, r, k, "%s %s is after today (%s)",
		    colname(file, k), v, t);
	}
	return EHC_OK;
}

static int
get_code(struct imp *im, int file, size_t r, int k, const char *codes,
    int required)
{
	const char *v = fld(im, file, r, k);

	if (*v == '\0') {
		if (required)
			return bad(im, file, r, k, "%s is required (%s)",
			    colname(file, k), codes);
		return EHC_OK;
	}
	if (!ehc__sen2_code(codes, v))
		return bad(im, file, r, k, "'%.20s' is not a %s code; use one "
		    "of %s", v, colname(file, k), codes);
	return EHC_OK;
}

static int
get_text(struct imp *im, int file, size_t r, int k, size_t max,
    int required)
{
	const char *v = fld(im, file, r, k);

	if (*v == '\0' && required)
		return bad(im, file, r, k, "%s is required", colname(file, k));
	if (strlen(v) > max)
		return bad(im, file, r, k, "%s is longer than %zu characters",
		    colname(file, k), max);
	if (!ehc__text_ok(v, max))
		return bad(im, file, r, k, "%s contains a control character",
		    colname(file, k));
	return EHC_OK;
}

/* Digits only, between min and max of them. */
static int
get_digits(struct imp *im, int file, size_t r, int k, size_t min,
    size_t max, int required)
{
	const char *v = fld(im, file, r, k), *p;
	size_t n = strlen(v);

	if (n == 0) {
		if (required)
			return bad(im, file, r, k, "%s is required",
			    colname(file, k));
		return EHC_OK;
	}
	for (p = v; *p >= '0' && *p <= '9'; p++)
		;
	if (*p != '\0' || n < min || n > max) {
		if (min == max)
			return bad(im, file, r, k, "%s '%.20s' is not %zu "
			    "digits", colname(file, k), v, min);
		return bad(im, file, r, k, "%s '%.20s' is not %zu to %zu "
		    "digits", colname(file, k), v, min, max);
	}
	return EHC_OK;
}

/* Letters, digits and spaces only (postcodes, LA numbers). */
static int
get_word(struct imp *im, int file, size_t r, int k, size_t max)
{
	const char *v = fld(im, file, r, k), *p;

	if (strlen(v) > max)
		return bad(im, file, r, k, "%s '%.20s' is longer than %zu "
		    "characters", colname(file, k), v, max);
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == ' '))
			return bad(im, file, r, k, "%s '%.20s' may hold only "
			    "letters, digits and spaces", colname(file, k), v);
	return EHC_OK;
}

/*
 * Keys.  PersonID and RequestsID are the return's own identifiers;
 * they link the tables and are replaced by ehc's ids.
 */

static int
cmp_keyidx(const void *a, const void *b)
{
	const struct keyidx *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if (x->key2 != NULL && y->key2 != NULL &&
	    (c = strcmp(x->key2, y->key2)) != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Index of the person (or request) with this key, or -1. */
static long
find_key(const struct imp *im, int persons, const char *key)
{
	const struct keyidx *ord = persons ? im->porder : im->rorder;
	size_t lo = 0, hi = persons ? im->npersons : im->nreqs, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(key, ord[mid].key);
		if (c == 0)
			return (long)ord[mid].i;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Sort and refuse a duplicate key (reported at its second row). */
static int
index_keys(struct imp *im, int persons)
{
	size_t n = persons ? im->npersons : im->nreqs, i, ra, rb;
	struct keyidx *ord;
	int file = persons ? F_PERSON : F_REQUESTS;

	if ((ord = calloc(n ? n : 1, sizeof(*ord))) == NULL)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		ord[i].key = persons ? im->persons[i].key : im->reqs[i].key;
		ord[i].i = i;
	}
	qsort(ord, n, sizeof(*ord), cmp_keyidx);
	if (persons)
		im->porder = ord;
	else
		im->rorder = ord;
	for (i = 1; i < n; i++) {
		if (strcmp(ord[i - 1].key, ord[i].key) != 0)
			continue;
		ra = persons ? im->persons[ord[i - 1].i].rec :
		    im->reqs[ord[i - 1].i].rec;
		rb = persons ? im->persons[ord[i].i].rec :
		    im->reqs[ord[i].i].rec;
		return bad(im, file, ra > rb ? ra : rb, persons ? P_ID :
		    K_REQUEST, "%s '%.40s' appears twice", persons ?
		    "PersonID" : "RequestsID", ord[i].key);
	}
	return EHC_OK;
}

/* The request a child row belongs to; its PersonID must agree. */
static int
child_of(struct imp *im, int file, size_t r, struct req **out)
{
	const char *pk = fld(im, file, r, K_PERSON);
	const char *rk = fld(im, file, r, K_REQUEST);
	long i;

	if (*rk == '\0')
		return bad(im, file, r, K_REQUEST, "RequestsID is required");
	if ((i = find_key(im, 0, rk)) < 0)
		return bad(im, file, r, K_REQUEST, "no request '%.40s' in "
		    "sen2_requests.csv", rk);
	*out = &im->reqs[i];
	if (strcmp(im->persons[(*out)->person].key, pk) != 0)
		return bad(im, file, r, K_PERSON, "request '%.40s' belongs to "
		    "person '%.40s', not '%.40s'", rk,
		    im->persons[(*out)->person].key, pk);
	return EHC_OK;
}

/*
 * The tables, checked in order.
 */

static int
check_header(struct imp *im)
{
	struct file *f = &im->f[F_HEADER];
	int32_t d;
	int rc;

	if (f->nrecs != 2)
		return bad(im, F_HEADER, f->nrecs > 2 ? 2 : 0, -1, "the "
		    "header table has exactly one row (it has %zu)",
		    f->nrecs - 1);
	if (strcmp(fld(im, F_HEADER, 1, H_COLLECTION), "SEN2") != 0)
		return bad(im, F_HEADER, 1, H_COLLECTION, "Collection is "
		    "'%.20s', not SEN2", fld(im, F_HEADER, 1, H_COLLECTION));
	if ((rc = get_digits(im, F_HEADER, 1, H_YEAR, 4, 4, 1)) != EHC_OK ||
	    (rc = get_date(im, F_HEADER, 1, H_REFDATE, 1, 0, &d)) != EHC_OK ||
	    (rc = get_digits(im, F_HEADER, 1, H_LEA, 3, 3, 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, 1, H_DMO, "Y N R", 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, 1, H_DCO, "Y N R", 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, 1, H_DSCO, "Y N R", 0)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/*
 * A UPN names one child: refuse two people with one UPN in the return,
 * or a child the store already holds (importing a return twice).
 */
static int
check_upns(struct imp *im)
{
	struct file *f = &im->f[F_PERSON];
	struct keyidx *ord;
	sqlite3_stmt *st;
	size_t i, n = 0;
	int rc = EHC_OK;

	if ((ord = calloc(f->nrecs, sizeof(*ord))) == NULL)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	for (i = 1; i < f->nrecs; i++)
		if (*fld(im, F_PERSON, i, P_UPN) != '\0') {
			ord[n].key = fld(im, F_PERSON, i, P_UPN);
			ord[n++].i = i;
		}
	qsort(ord, n, sizeof(*ord), cmp_keyidx);
	for (i = 1; i < n && rc == EHC_OK; i++)
		if (strcmp(ord[i].key, ord[i - 1].key) == 0)
			rc = bad(im, F_PERSON, ord[i].i, P_UPN, "UPN %s is "
			    "also the UPN of the person on line %d", ord[i].key,
			    f->recs[ord[i - 1].i].line);
	if (rc == EHC_OK && n > 0 && (rc = ehc__db_prepare(im->db, &st,
	    "SELECT c.ref FROM person p LEFT JOIN cases c ON c.person_id = "
	    "p.id WHERE p.upn = ?1 ORDER BY c.id LIMIT 1")) == EHC_OK) {
		for (i = 0; i < n && rc == EHC_OK; i++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, ord[i].key, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				rc = bad(im, F_PERSON, ord[i].i, P_UPN, "the "
				    "store already holds UPN %s (%s); a return "
				    "is imported once", ord[i].key,
				    sqlite3_column_text(st, 0) ?
				    (const char *)sqlite3_column_text(st, 0) :
				    "no case");
		}
		sqlite3_finalize(st);
	}
	free(ord);
	return rc;
}

static int
check_persons(struct imp *im)
{
	struct file *f = &im->f[F_PERSON];
	const char *upn, *uln;
	size_t r;
	int rc;

	if (f->nrecs > 1 && (im->persons = calloc(f->nrecs - 1,
	    sizeof(*im->persons))) == NULL)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	for (r = 1; r < f->nrecs; r++) {
		struct person *p = &im->persons[im->npersons];

		if ((rc = get_text(im, F_PERSON, r, P_ID, 64, 1)) != EHC_OK ||
		    (rc = get_text(im, F_PERSON, r, P_SURNAME, 100, 1))
		    != EHC_OK ||
		    (rc = get_text(im, F_PERSON, r, P_FORENAME, 100, 1))
		    != EHC_OK ||
		    (rc = get_date(im, F_PERSON, r, P_DOB, 1, 1, &p->dob))
		    != EHC_OK ||
		    (rc = get_code(im, F_PERSON, r, P_SEX, "M F", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_PERSON, r, P_ETHNICITY,
		    ehc__sen2_ethnicities, 0)) != EHC_OK ||
		    (rc = get_word(im, F_PERSON, r, P_POSTCODE, 8)) != EHC_OK ||
		    (rc = get_code(im, F_PERSON, r, P_UNKNOWN,
		    "UN1 UN2 UN3 UN5 UN8 UN9 UN10", 0)) != EHC_OK)
			return rc;
		upn = fld(im, F_PERSON, r, P_UPN);
		uln = fld(im, F_PERSON, r, P_ULN);
		if (*upn != '\0' && !ehc_upn_valid(upn))
			return bad(im, F_PERSON, r, P_UPN, "'%.20s' is not a "
			    "valid UPN (13 characters whose first letter "
			    "checks the rest)", upn);
		if (*uln != '\0' && (rc = get_digits(im, F_PERSON, r, P_ULN,
		    10, 10, 0)) != EHC_OK)
			return rc;
		p->key = fld(im, F_PERSON, r, P_ID);
		p->rec = r;
		im->npersons++;
	}
	if ((rc = check_upns(im)) != EHC_OK)
		return rc;
	return index_keys(im, 1);
}

static int
check_requests(struct imp *im)
{
	struct file *f = &im->f[F_REQUESTS];
	const char *out;
	size_t r;
	long pi;
	int rc;

	if (f->nrecs > 1 && (im->reqs = calloc(f->nrecs - 1,
	    sizeof(*im->reqs))) == NULL)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	for (r = 1; r < f->nrecs; r++) {
		struct req *q = &im->reqs[im->nreqs];

		if ((rc = get_text(im, F_REQUESTS, r, K_PERSON, 64, 1))
		    != EHC_OK ||
		    (rc = get_text(im, F_REQUESTS, r, K_REQUEST, 64, 1))
		    != EHC_OK)
			return rc;
		if ((pi = find_key(im, 1, fld(im, F_REQUESTS, r, K_PERSON)))
		    < 0)
			return bad(im, F_REQUESTS, r, K_PERSON, "no person "
			    "'%.40s' in sen2_person.csv",
			    fld(im, F_REQUESTS, r, K_PERSON));
		q->person = (size_t)pi;
		if ((rc = get_code(im, F_REQUESTS, r, R_OUTCOME, "Y N A W H",
		    1)) != EHC_OK ||
		    (rc = get_date(im, F_REQUESTS, r, R_RECEIVED, 0, 1,
		    &q->received)) != EHC_OK ||
		    (rc = get_code(im, F_REQUESTS, r, R_SOURCE, "1 2 3 4 5",
		    0)) != EHC_OK ||
		    (rc = get_code(im, F_REQUESTS, r, R_RYA, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_date(im, F_REQUESTS, r, R_OUTDATE, 0, 1,
		    &q->rod)) != EHC_OK ||
		    (rc = get_code(im, F_REQUESTS, r, R_MED, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_REQUESTS, r, R_TRIB, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_word(im, F_REQUESTS, r, R_EXPORTED, 8))
		    != EHC_OK)
			return rc;
		out = fld(im, F_REQUESTS, r, R_OUTCOME);
		q->rout = out[0];
		if (q->rout != 'H' && q->received == EHC_NO_DATE)
			return bad(im, F_REQUESTS, r, R_RECEIVED,
			    "ReceivedDate "
			    "is required unless RequestOutcome is H");
		if (q->received != EHC_NO_DATE &&
		    q->received < im->persons[q->person].dob)
			return bad(im, F_REQUESTS, r, R_RECEIVED, "the request "
			    "is dated before the date of birth");
		if (strchr("YNW", q->rout) != NULL && q->rod == EHC_NO_DATE)
			return bad(im, F_REQUESTS, r, R_OUTDATE,
			    "RequestOutcome "
			    "%c needs RequestOutcomeDate", q->rout);
		if (q->rout == 'A' && q->rod != EHC_NO_DATE)
			return bad(im, F_REQUESTS, r, R_OUTDATE,
			    "a request not "
			    "yet decided (A) has no RequestOutcomeDate");
		if (q->rod != EHC_NO_DATE && q->received != EHC_NO_DATE &&
		    q->rod < q->received)
			return bad(im, F_REQUESTS, r, R_OUTDATE, "the decision "
			    "is dated before the request was received");
		q->key = fld(im, F_REQUESTS, r, K_REQUEST);
		q->rec = r;
		q->aod = q->start = q->cease = EHC_NO_DATE;
		im->nreqs++;
	}
	return index_keys(im, 0);
}

static int
check_assessments(struct imp *im)
{
	struct file *f = &im->f[F_ASSESSMENT];
	struct req *q;
	size_t r;
	int rc;

	for (r = 1; r < f->nrecs; r++) {
		if ((rc = child_of(im, F_ASSESSMENT, r, &q)) != EHC_OK)
			return rc;
		if (q->a != 0)
			return bad(im, F_ASSESSMENT, r, K_REQUEST, "a second "
			    "assessment for request '%.40s'", q->key);
		q->a = r;
		if ((rc = get_code(im, F_ASSESSMENT, r, A_OUTCOME,
		    "Y N A W H", 1)) != EHC_OK ||
		    (rc = get_date(im, F_ASSESSMENT, r, A_DATE, 0, 1, &q->aod))
		    != EHC_OK ||
		    (rc = get_code(im, F_ASSESSMENT, r, A_MED, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_ASSESSMENT, r, A_TRIB, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_ASSESSMENT, r, A_OMED, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_ASSESSMENT, r, A_OTRIB, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_ASSESSMENT, r, A_WEEK20, "0 1", 0))
		    != EHC_OK)
			return rc;
		q->aout = fld(im, F_ASSESSMENT, r, A_OUTCOME)[0];
		if (q->rout != 'Y' && q->rout != 'H')
			return bad(im, F_ASSESSMENT, r, K_REQUEST, "request "
			    "'%.40s' has RequestOutcome %c; only Y and H lead "
			    "to an assessment", q->key, q->rout);
		if ((q->aout == 'Y' || q->aout == 'N') && q->aod == EHC_NO_DATE)
			return bad(im, F_ASSESSMENT, r, A_DATE,
			    "AssessmentOutcome "
			    "%c needs AssessmentOutcomeDate", q->aout);
		if (q->aod != EHC_NO_DATE && ((q->rod != EHC_NO_DATE &&
		    q->aod < q->rod) || (q->received != EHC_NO_DATE &&
		    q->aod < q->received)))
			return bad(im, F_ASSESSMENT, r, A_DATE,
			    "the outcome is "
			    "dated before the request or the decision to "
			    "assess");
	}
	return EHC_OK;
}

static int
check_plans(struct imp *im)
{
	struct file *f = &im->f[F_NAMEDPLAN];
	struct req *q;
	size_t r;
	int rc;

	for (r = 1; r < f->nrecs; r++) {
		if ((rc = child_of(im, F_NAMEDPLAN, r, &q)) != EHC_OK)
			return rc;
		if (q->n != 0)
			return bad(im, F_NAMEDPLAN, r, K_REQUEST, "a second "
			    "named plan for request '%.40s'", q->key);
		q->n = r;
		if ((rc = get_date(im, F_NAMEDPLAN, r, N_START, 1, 1,
		    &q->start)) != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_RES, "A B", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_WBP, "A T S", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_PB, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_OA, "0 1", 0))
		    != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_DP, "E S H I", 0))
		    != EHC_OK ||
		    (rc = get_date(im, F_NAMEDPLAN, r, N_CEASE, 0, 1,
		    &q->cease)) != EHC_OK ||
		    (rc = get_code(im, F_NAMEDPLAN, r, N_REASON,
		    "1 2 3 4 5 6 7 8 9", 0)) != EHC_OK)
			return rc;
		if (q->rout != 'Y' && q->rout != 'H')
			return bad(im, F_NAMEDPLAN, r, K_REQUEST, "request "
			    "'%.40s' has RequestOutcome %c; a plan follows Y "
			    "or H", q->key, q->rout);
		if (q->a != 0 && q->aout != 'Y' && q->aout != 'H')
			return bad(im, F_NAMEDPLAN, r, K_REQUEST, "request "
			    "'%.40s' has AssessmentOutcome %c; a plan follows "
			    "Y or H", q->key, q->aout);
		if (q->start < im->persons[q->person].dob)
			return bad(im, F_NAMEDPLAN, r, N_START,
			    "the plan starts "
			    "before the date of birth");
		if (q->cease != EHC_NO_DATE && q->cease < q->start)
			return bad(im, F_NAMEDPLAN, r, N_CEASE,
			    "the plan ceased "
			    "before it started");
	}
	return EHC_OK;
}

/* Requests whose assessment says H or W need what only a plan gives. */
static int
check_outcomes(struct imp *im)
{
	size_t i;

	for (i = 0; i < im->nreqs; i++) {
		struct req *q = &im->reqs[i];

		if (q->a != 0 && q->aout == 'H' && q->n == 0)
			return bad(im, F_ASSESSMENT, q->a, A_OUTCOME,
			    "a historic "
			    "assessment (H) needs its plan in "
			    "sen2_namedplan.csv");
		if (q->a != 0 && q->aout == 'W' && q->aod == EHC_NO_DATE &&
		    q->rod == EHC_NO_DATE && q->received == EHC_NO_DATE)
			return bad(im, F_ASSESSMENT, q->a, A_DATE, "the "
			    "withdrawal cannot be dated; give "
			    "AssessmentOutcomeDate");
	}
	return EHC_OK;
}

/* A setting in PlanDetail or PlacementDetail, and its sequence number. */
static int
check_setting(struct imp *im, int file, size_t r, int seq, int urn,
    const char *settings)
{
	int rc;

	if ((rc = get_digits(im, file, r, seq, 1, 3, 1)) != EHC_OK ||
	    (rc = get_digits(im, file, r, urn, 1, 6, 0)) != EHC_OK ||
	    (rc = get_digits(im, file, r, urn + 1, 8, 8, 0)) != EHC_OK ||
	    (rc = get_code(im, file, r, urn + 2, settings, 0)) != EHC_OK ||
	    (rc = get_text(im, file, r, urn + 3, 200, 0)) != EHC_OK ||
	    (rc = get_code(im, file, r, urn + 4, "1 2", 1)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/* No two rows of a table for one request share key column k. */
static int
check_unique(struct imp *im, int file, int k)
{
	struct file *f = &im->f[file];
	size_t n = f->nrecs - 1, i;
	struct keyidx *ord;
	int rc = EHC_OK;

	if (n < 2)
		return EHC_OK;
	if ((ord = calloc(n, sizeof(*ord))) == NULL)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		ord[i].key = fld(im, file, i + 1, K_REQUEST);
		ord[i].key2 = fld(im, file, i + 1, k);
		ord[i].i = i + 1;
	}
	qsort(ord, n, sizeof(*ord), cmp_keyidx);
	for (i = 1; i < n && rc == EHC_OK; i++)
		if (strcmp(ord[i].key, ord[i - 1].key) == 0 &&
		    strcmp(ord[i].key2, ord[i - 1].key2) == 0)
			rc = bad(im, file, ord[i].i, k, "%s %s appears twice "
			    "for request '%.40s'", colname(file, k),
			    ord[i].key2, ord[i].key);
	free(ord);
	return rc;
}

static int
check_plan_rows(struct imp *im)
{
	struct req *q;
	size_t r;
	int rc, file;

	for (r = 1; r < im->f[F_PLANDETAIL].nrecs; r++) {
		file = F_PLANDETAIL;
		if ((rc = child_of(im, file, r, &q)) != EHC_OK ||
		    (rc = check_setting(im, file, r, D_SEQ, D_URN,
		    "OLA OPA EHE EYP OTH")) != EHC_OK ||
		    (rc = get_code(im, file, r, D_UNIT, "0 1", 0)) != EHC_OK ||
		    (rc = get_code(im, file, r, D_RP, "0 1", 0)) != EHC_OK)
			return rc;
		if (q->n == 0)
			return bad(im, file, r, K_REQUEST,
			    "request '%.40s' has "
			    "no row in sen2_namedplan.csv", q->key);
	}
	for (r = 1; r < im->f[F_PLACEMENT].nrecs; r++) {
		int32_t entry, leaving;

		file = F_PLACEMENT;
		if ((rc = child_of(im, file, r, &q)) != EHC_OK ||
		    (rc = check_setting(im, file, r, L_SEQ, L_URN,
		    "OLA OPA EHE EYP OTH NEET NIEC NIEO")) != EHC_OK ||
		    (rc = get_date(im, file, r, L_ENTRY, 0, 0, &entry))
		    != EHC_OK ||
		    (rc = get_date(im, file, r, L_LEAVING, 0, 0, &leaving))
		    != EHC_OK ||
		    (rc = get_code(im, file, r, L_UNIT, "0 1", 0)) != EHC_OK ||
		    (rc = get_code(im, file, r, L_RP, "0 1", 0)) != EHC_OK ||
		    (rc = get_code(im, file, r, L_RES, "A B", 0)) != EHC_OK ||
		    (rc = get_code(im, file, r, L_WBP, "A T S", 0)) != EHC_OK)
			return rc;
		if (q->n == 0)
			return bad(im, file, r, K_REQUEST,
			    "request '%.40s' has "
			    "no row in sen2_namedplan.csv", q->key);
		if (entry != EHC_NO_DATE && leaving != EHC_NO_DATE &&
		    leaving < entry)
			return bad(im, file, r, L_LEAVING, "the placement ends "
			    "before it starts");
	}
	for (r = 1; r < im->f[F_SENNEED].nrecs; r++) {
		file = F_SENNEED;
		if ((rc = child_of(im, file, r, &q)) != EHC_OK ||
		    (rc = get_code(im, file, r, S_TYPE, "SPLD MLD SLD PMLD "
		    "SEMH SLCN HI VI MSI PD ASD DS OTH", 1)) != EHC_OK ||
		    (rc = get_code(im, file, r, S_RANK, "1 2", 1)) != EHC_OK)
			return rc;
		if (q->n == 0)
			return bad(im, file, r, K_REQUEST,
			    "request '%.40s' has "
			    "no row in sen2_namedplan.csv", q->key);
	}
	if ((rc = check_unique(im, F_PLANDETAIL, D_SEQ)) != EHC_OK ||
	    (rc = check_unique(im, F_PLACEMENT, L_SEQ)) != EHC_OK ||
	    (rc = check_unique(im, F_SENNEED, S_RANK)) != EHC_OK)
		return rc;
	return EHC_OK;
}

static int
check_active(struct imp *im)
{
	struct file *f = &im->f[F_ACTIVEPLANS];
	int32_t meeting, last, draft, due, fin;
	struct req *q;
	size_t r;
	int rc;

	for (r = 1; r < f->nrecs; r++) {
		if ((rc = child_of(im, F_ACTIVEPLANS, r, &q)) != EHC_OK)
			return rc;
		if (q->v != 0)
			return bad(im, F_ACTIVEPLANS, r, K_REQUEST, "a second "
			    "active plan for request '%.40s'", q->key);
		q->v = r;
		if ((rc = get_word(im, F_ACTIVEPLANS, r, V_TRANSFER, 3))
		    != EHC_OK ||
		    (rc = get_date(im, F_ACTIVEPLANS, r, V_MEETING, 0, 1,
		    &meeting)) != EHC_OK ||
		    (rc = get_date(im, F_ACTIVEPLANS, r, V_LAST, 0, 1, &last))
		    != EHC_OK ||
		    (rc = get_code(im, F_ACTIVEPLANS, r, V_OUTCOME, "M A C", 0))
		    != EHC_OK ||
		    (rc = get_date(im, F_ACTIVEPLANS, r, V_DRAFT, 0, 1, &draft))
		    != EHC_OK ||
		    (rc = get_date(im, F_ACTIVEPLANS, r, V_PTDUE, 0, 0, &due))
		    != EHC_OK ||
		    (rc = get_date(im, F_ACTIVEPLANS, r, V_PTFINAL, 0, 1, &fin))
		    != EHC_OK)
			return rc;
		if (q->n == 0)
			return bad(im, F_ACTIVEPLANS, r, K_REQUEST, "request "
			    "'%.40s' has no row in sen2_namedplan.csv",
			    q->key);
		if (meeting == EHC_NO_DATE && (last != EHC_NO_DATE ||
		    draft != EHC_NO_DATE ||
		    *fld(im, F_ACTIVEPLANS, r, V_OUTCOME) != '\0'))
			return bad(im, F_ACTIVEPLANS, r, V_MEETING, "a review "
			    "decision or draft needs the ReviewMeeting date");
		if (*fld(im, F_ACTIVEPLANS, r, V_OUTCOME) != '\0' &&
		    last == EHC_NO_DATE)
			return bad(im, F_ACTIVEPLANS, r, V_LAST,
			    "ReviewOutcome "
			    "needs LastReview, the date of the decision");
		if (last != EHC_NO_DATE && last < meeting)
			return bad(im, F_ACTIVEPLANS, r, V_LAST, "the decision "
			    "is dated before the review meeting");
		if (draft != EHC_NO_DATE && draft < meeting)
			return bad(im, F_ACTIVEPLANS, r, V_DRAFT,
			    "the draft is "
			    "dated before the review meeting");
	}
	return EHC_OK;
}

/*
 * Writing.
 */

static int
put_setting(struct imp *im, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	if (*value == '\0')
		return EHC_OK;
	if ((rc = ehc__db_prepare(im->db, &st, "INSERT INTO setting(key, "
	    "value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
	    "excluded.value")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = ehc__db_step_done(im->db, st, "recording a setting");
	sqlite3_finalize(st);
	return rc;
}

static int
write_persons(struct imp *im)
{
	sqlite3_stmt *st;
	size_t i, r;
	int rc = EHC_OK;

	if ((rc = ehc__db_prepare(im->db, &st, "INSERT INTO person(forename, "
	    "surname, dob, sex, ethnicity, postcode, upn, uln, upn_unknown) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")) != EHC_OK)
		return rc;
	for (i = 0; i < im->npersons && rc == EHC_OK; i++) {
		r = im->persons[i].rec;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		ehc__bind_text(st, 1, fld(im, F_PERSON, r, P_FORENAME));
		ehc__bind_text(st, 2, fld(im, F_PERSON, r, P_SURNAME));
		ehc__bind_date(st, 3, im->persons[i].dob);
		ehc__bind_text(st, 4, fld(im, F_PERSON, r, P_SEX));
		ehc__bind_text(st, 5, fld(im, F_PERSON, r, P_ETHNICITY));
		ehc__bind_text(st, 6, fld(im, F_PERSON, r, P_POSTCODE));
		ehc__bind_text(st, 7, fld(im, F_PERSON, r, P_UPN));
		ehc__bind_text(st, 8, fld(im, F_PERSON, r, P_ULN));
		ehc__bind_text(st, 9, fld(im, F_PERSON, r, P_UNKNOWN));
		rc = ehc__db_step_done(im->db, st, "adding a person");
		im->persons[i].id = sqlite3_last_insert_rowid(im->db->h);
	}
	sqlite3_finalize(st);
	return rc;
}

static const char *
source_word(const char *code)
{
	static const char *const words[] = { "parent", "school", "health",
	    "social-care", "other" };

	if (code[0] >= '1' && code[0] <= '5' && code[1] == '\0')
		return words[code[0] - '1'];
	return NULL;
}

/* A flag column as 0 or 1 (blank is 0). */
static int
flag(const struct imp *im, int file, size_t r, int k)
{
	return r != 0 && strcmp(fld(im, file, r, k), "1") == 0;
}

/* The store's view of one request: the workflow columns of cases. */
struct state {
	const char	*assess, *issue;
	int32_t		 assess_date, issue_date, final, withdrawn;
};

static void
derive(const struct req *q, struct state *s)
{
	memset(s, 0, sizeof(*s));
	s->assess_date = s->issue_date = s->final = s->withdrawn = EHC_NO_DATE;
	switch (q->rout) {
	case 'Y':
	case 'N':
		s->assess = q->rout == 'Y' ? "Y" : "N";
		s->assess_date = q->rod;
		break;
	case 'W':
		s->withdrawn = q->rod;
		break;
	case 'H':
		s->assess = "H";
		break;
	}
	if (q->a != 0) {
		switch (q->aout) {
		case 'Y':
			s->issue = "Y";
			s->final = s->issue_date = q->aod;
			break;
		case 'N':
			s->issue = "N";
			s->issue_date = q->aod;
			break;
		case 'W':
			s->withdrawn = q->aod != EHC_NO_DATE ? q->aod :
			    q->rod != EHC_NO_DATE ? q->rod : q->received;
			break;
		case 'H':
			s->issue = "H";
			s->final = q->start;
			break;
		}
	} else if (q->n != 0) {
		/* A plan reported without its assessment row. */
		s->issue = q->rout == 'H' ? "H" : "Y";
		s->final = q->start;
		if (q->rout != 'H')
			s->issue_date = q->start;
	}
}

static int
write_cases(struct imp *im)
{
	sqlite3_stmt *st, *ref;
	struct state s;
	char buf[EHC_REF_LEN];
	size_t i, r, a, n;
	int rc = EHC_OK;

	if ((rc = ehc__db_prepare(im->db, &st, "INSERT INTO cases(ref, "
	    "person_id, received, source, rya, withdrawn, assess, assess_date, "
	    "issue, issue_date, final_date, transfer_la, exported, cease_date, "
	    "cease_reason, plan_res, plan_wbp, pb, oa, dp, request_mediation, "
	    "request_tribunal, assessment_mediation, assessment_tribunal, "
	    "other_mediation, other_tribunal, created) VALUES ('import', ?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
	    "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ'))")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_prepare(im->db, &ref, "UPDATE cases SET ref = ?2 "
	    "WHERE id = ?1")) != EHC_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	for (i = 0; i < im->nreqs && rc == EHC_OK; i++) {
		struct req *q = &im->reqs[i];
		const char *oa;

		r = q->rec;
		a = q->a;
		n = q->n;
		derive(q, &s);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, im->persons[q->person].id);
		ehc__bind_date(st, 2, q->received);
		ehc__bind_text(st, 3, source_word(fld(im, F_REQUESTS, r,
		    R_SOURCE)));
		sqlite3_bind_int(st, 4, flag(im, F_REQUESTS, r, R_RYA));
		ehc__bind_date(st, 5, s.withdrawn);
		ehc__bind_text(st, 6, s.assess);
		ehc__bind_date(st, 7, s.assess_date);
		ehc__bind_text(st, 8, s.issue);
		ehc__bind_date(st, 9, s.issue_date);
		ehc__bind_date(st, 10, s.final);
		ehc__bind_text(st, 11, q->v ? fld(im, F_ACTIVEPLANS, q->v,
		    V_TRANSFER) : NULL);
		ehc__bind_text(st, 12, fld(im, F_REQUESTS, r, R_EXPORTED));
		ehc__bind_date(st, 13, n ? q->cease : EHC_NO_DATE);
		ehc__bind_text(st, 14, n ? fld(im, F_NAMEDPLAN, n, N_REASON) :
		    NULL);
		ehc__bind_text(st, 15, n ? fld(im, F_NAMEDPLAN, n, N_RES) :
		    NULL);
		ehc__bind_text(st, 16, n ? fld(im, F_NAMEDPLAN, n, N_WBP) :
		    NULL);
		sqlite3_bind_int(st, 17, flag(im, F_NAMEDPLAN, n, N_PB));
		oa = n ? fld(im, F_NAMEDPLAN, n, N_OA) : "";
		if (*oa != '\0')
			sqlite3_bind_int(st, 18, oa[0] == '1');
		ehc__bind_text(st, 19, n ? fld(im, F_NAMEDPLAN, n, N_DP) :
		    NULL);
		sqlite3_bind_int(st, 20, flag(im, F_REQUESTS, r, R_MED));
		sqlite3_bind_int(st, 21, flag(im, F_REQUESTS, r, R_TRIB));
		sqlite3_bind_int(st, 22, flag(im, F_ASSESSMENT, a, A_MED));
		sqlite3_bind_int(st, 23, flag(im, F_ASSESSMENT, a, A_TRIB));
		sqlite3_bind_int(st, 24, flag(im, F_ASSESSMENT, a, A_OMED));
		sqlite3_bind_int(st, 25, flag(im, F_ASSESSMENT, a, A_OTRIB));
		if ((rc = ehc__db_step_done(im->db, st, "adding a case"))
		    != EHC_OK)
			break;
		q->id = sqlite3_last_insert_rowid(im->db->h);
		snprintf(buf, sizeof(buf), "EHC-%06lld", (long long)q->id);
		sqlite3_reset(ref);
		sqlite3_bind_int64(ref, 1, q->id);
		sqlite3_bind_text(ref, 2, buf, -1, SQLITE_STATIC);
		rc = ehc__db_step_done(im->db, ref, "naming a case");
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ref);
	return rc;
}

/* Run one statement with a case id and up to eight text values. */
static int
exec_texts(struct ehc_db *db, sqlite3_stmt *st, int64_t id,
    const char *const *v, int nv)
{
	int i;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; i < nv; i++)
		ehc__bind_text(st, i + 2, v[i]);
	return ehc__db_step_done(db, st, "adding a plan's details");
}

static int
write_details(struct imp *im)
{
	sqlite3_stmt *pd = NULL, *pl = NULL, *nd = NULL;
	const char *v[12];
	struct req *q;
	size_t r;
	int rc, k;

	if ((rc = ehc__db_prepare(im->db, &pd, "INSERT INTO plan_detail("
	    "case_id, seq, urn, ukprn, sen_setting, sen_setting_other, "
	    "placement_rank, sen_unit, resourced) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9)")) != EHC_OK ||
	    (rc = ehc__db_prepare(im->db, &pl, "INSERT INTO placement(case_id, "
	    "seq, urn, ukprn, sen_setting, sen_setting_other, placement_rank, "
	    "entry, leaving, sen_unit, resourced, res, wbp) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")) != EHC_OK ||
	    (rc = ehc__db_prepare(im->db, &nd, "INSERT INTO need(case_id, "
	    "type, rank) VALUES (?1, ?2, ?3)")) != EHC_OK)
		goto out;
	/* Integer columns bind as text; STRICT tables convert them. */
	for (r = 1; rc == EHC_OK && r < im->f[F_PLANDETAIL].nrecs; r++) {
		q = &im->reqs[find_key(im, 0, fld(im, F_PLANDETAIL, r,
		    K_REQUEST))];
		for (k = 0; k < 8; k++)
			v[k] = fld(im, F_PLANDETAIL, r, D_SEQ + k);
		rc = exec_texts(im->db, pd, q->id, v, 8);
	}
	for (r = 1; rc == EHC_OK && r < im->f[F_PLACEMENT].nrecs; r++) {
		q = &im->reqs[find_key(im, 0, fld(im, F_PLACEMENT, r,
		    K_REQUEST))];
		for (k = 0; k < 12; k++)
			v[k] = fld(im, F_PLACEMENT, r, L_SEQ + k);
		rc = exec_texts(im->db, pl, q->id, v, 12);
	}
	for (r = 1; rc == EHC_OK && r < im->f[F_SENNEED].nrecs; r++) {
		q = &im->reqs[find_key(im, 0, fld(im, F_SENNEED, r,
		    K_REQUEST))];
		v[0] = fld(im, F_SENNEED, r, S_TYPE);
		v[1] = fld(im, F_SENNEED, r, S_RANK);
		rc = exec_texts(im->db, nd, q->id, v, 2);
	}
out:
	sqlite3_finalize(pd);
	sqlite3_finalize(pl);
	sqlite3_finalize(nd);
	return rc;
}

static int
exec_dates(struct ehc_db *db, const char *sql, int64_t id, int64_t ref,
    int32_t d1, int32_t d2, const char *text)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (ref != 0)
		sqlite3_bind_int64(st, 2, ref);
	ehc__bind_date(st, 3, d1);
	ehc__bind_date(st, 4, d2);
	ehc__bind_text(st, 5, text);
	rc = ehc__db_step_done(db, st, "adding a plan's history");
	sqlite3_finalize(st);
	return rc;
}

/*
 * A phase transfer is stored by its transfer date and kind, from which
 * the clock derives the due date; recover them from the due date when
 * the rules allow (14 February: school; 30 March: post-16; otherwise five
 * months before a post-16 move).  Transfers are taken to happen on
 * 1 September.
 */
static int
write_phase_transfer(struct imp *im, struct req *q, int32_t due,
    int32_t fin, int32_t final)
{
	const char *kind;
	int32_t transfer;
	int y, m, d;
	int rc;

	ehc_date_to_ymd(due, &y, &m, &d);
	if (m == 2 && d == 14) {
		kind = "school";
		transfer = ehc_date_from_ymd(y, 9, 1);
	} else if (m == 3 && d == 30) {
		kind = "post-16";
		transfer = ehc_date_from_ymd(y, 9, 1);
	} else {
		kind = "post-16-move";
		transfer = ehc_date_add_months(due, 5);
		if (ehc_date_add_months(transfer, -5) != due)
			return EHC_OK;
	}
	if (final == EHC_NO_DATE || transfer <= final)
		return EHC_OK;
	if ((rc = exec_dates(im->db, "INSERT INTO phase_transfer(case_id, "
	    "transfer, kind) VALUES (?1, ?3, ?5)", q->id, 0, transfer,
	    EHC_NO_DATE, kind)) != EHC_OK)
		return rc;
	/* The amended plan that met it, when it falls in the clock's window. */
	if (fin != EHC_NO_DATE && fin <= transfer &&
	    fin >= ehc_date_add_months(transfer, -12))
		rc = exec_dates(im->db, "INSERT INTO amendment(case_id, "
		    "proposed, final) VALUES (?1, ?3, ?4)", q->id, 0, fin, fin,
		    NULL);
	return rc;
}

static int32_t
date_or_none(const char *s)
{
	int32_t d;

	return ehc_date_parse(s, &d) == EHC_OK ? d : EHC_NO_DATE;
}

static int
write_history(struct imp *im)
{
	int32_t meeting, last, draft, due, fin;
	struct state s;
	size_t i, v;
	int rc = EHC_OK;

	for (i = 0; i < im->nreqs && rc == EHC_OK; i++) {
		struct req *q = &im->reqs[i];

		derive(q, &s);
		if (q->a != 0 && flag(im, F_ASSESSMENT, q->a, A_WEEK20) &&
		    (rc = exec_dates(im->db, "INSERT INTO exception(case_id, "
		    "step, limb, date, note) VALUES (?1, 'final-plan', "
		    "'personal-circumstances', ?3, ?5)", q->id, 0,
		    s.final != EHC_NO_DATE ? s.final : q->aod != EHC_NO_DATE ?
		    q->aod : im->persons[q->person].dob, EHC_NO_DATE,
		    "imported from SEN2 Week20")) != EHC_OK)
			break;
		if ((v = q->v) == 0)
			continue;
		/* The dates were checked by check_active(). */
		meeting = date_or_none(fld(im, F_ACTIVEPLANS, v, V_MEETING));
		last = date_or_none(fld(im, F_ACTIVEPLANS, v, V_LAST));
		draft = date_or_none(fld(im, F_ACTIVEPLANS, v, V_DRAFT));
		due = date_or_none(fld(im, F_ACTIVEPLANS, v, V_PTDUE));
		fin = date_or_none(fld(im, F_ACTIVEPLANS, v, V_PTFINAL));
		if (meeting != EHC_NO_DATE) {
			if ((rc = exec_dates(im->db, "INSERT INTO review("
			    "case_id, meeting, decided, outcome) VALUES (?1, "
			    "?3, ?4, ?5)", q->id, 0, meeting, last,
			    fld(im, F_ACTIVEPLANS, v, V_OUTCOME))) != EHC_OK)
				break;
			if (draft != EHC_NO_DATE && (rc = exec_dates(im->db,
			    "INSERT INTO amendment(case_id, review_id, "
			    "proposed) VALUES (?1, ?2, ?3)", q->id,
			    sqlite3_last_insert_rowid(im->db->h), draft,
			    EHC_NO_DATE, NULL)) != EHC_OK)
				break;
		}
		if (due != EHC_NO_DATE && (rc = write_phase_transfer(im, q,
		    due, fin, s.final)) != EHC_OK)
			break;
	}
	return rc;
}

static void
imp_release(struct imp *im)
{
	int i;

	for (i = 0; i < NFILES; i++)
		file_release(&im->f[i]);
	free(im->persons);
	free(im->reqs);
	free(im->porder);
	free(im->rorder);
}

int
ehc_sen2_import_counted(struct ehc_sen2_counts *counts, struct ehc_db *db,
    const char *dir)
{
	struct imp im;
	struct stat sb;
	char detail[64];
	size_t i;
	int rc, file;

	memset(&im, 0, sizeof(im));
	im.db = db;
	if (counts != NULL)
		memset(counts, 0, sizeof(*counts));
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return ehc__db_fail(db, EHC_ENOINPUT, "no directory '%.300s'; "
		    "name the directory holding the nine sen2_*.csv files",
		    dir);
	/* Missing files first: they are the commonest mistake. */
	for (file = 0; file < NFILES; file++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", dir, layout[file].name);
		if (stat(path, &sb) == -1)
			return ehc__db_fail(db, EHC_ENOINPUT, "no file "
			    "'%.300s'; a SEN2 return is the nine files "
			    "sen2_header.csv ... sen2_senneed.csv", path);
	}
	for (file = 0; file < NFILES; file++)
		if ((rc = parse_file(&im, file, dir)) != EHC_OK)
			goto out;
	if ((rc = check_header(&im)) != EHC_OK ||
	    (rc = check_persons(&im)) != EHC_OK ||
	    (rc = check_requests(&im)) != EHC_OK ||
	    (rc = check_assessments(&im)) != EHC_OK ||
	    (rc = check_plans(&im)) != EHC_OK ||
	    (rc = check_outcomes(&im)) != EHC_OK ||
	    (rc = check_plan_rows(&im)) != EHC_OK ||
	    (rc = check_active(&im)) != EHC_OK)
		goto out;
	/* Everything is read and checked: write. */
	if ((rc = put_setting(&im, "lea", fld(&im, F_HEADER, 1, H_LEA)))
	    != EHC_OK ||
	    (rc = put_setting(&im, "dmo", fld(&im, F_HEADER, 1, H_DMO)))
	    != EHC_OK ||
	    (rc = put_setting(&im, "dco", fld(&im, F_HEADER, 1, H_DCO)))
	    != EHC_OK ||
	    (rc = put_setting(&im, "dsco", fld(&im, F_HEADER, 1, H_DSCO)))
	    != EHC_OK ||
	    (rc = write_persons(&im)) != EHC_OK ||
	    (rc = write_cases(&im)) != EHC_OK ||
	    (rc = write_details(&im)) != EHC_OK ||
	    (rc = write_history(&im)) != EHC_OK)
		goto out;
	for (i = 0; i < im.nreqs; i++)
		if ((rc = ehc__clock_refresh(db, im.reqs[i].id)) != EHC_OK)
			goto out;
	snprintf(detail, sizeof(detail), "cases=%zu", im.nreqs);
	if ((rc = ehc__audit(db, 0, "import sen2", detail)) != EHC_OK)
		goto out;
	if (counts != NULL) {
		counts->people = (int)im.npersons;
		counts->cases = (int)im.nreqs;
	}
out:
	imp_release(&im);
	return rc;
}

int
ehc_sen2_import(struct ehc_db *db, const char *dir)
{
	return ehc_sen2_import_counted(NULL, db, dir);
}
