/*
 * sen2_import.c: load a caseload from a SEN2 return: the nine CSV
 * tables ehc_sen2_export_csv() writes, or the XML message of
 * ehc_sen2_export_xml() (sen2_xml.c reads it into the same records).
 * All nine files are parsed with libcsv in strict mode and checked
 * before the first row is written, so bad input leaves the store as it
 * was; the caller's transaction makes the writes all or nothing.  Every
 * problem is reported as FILE:LINE:COLUMN: reason, with COLUMN the
 * field's position in the file.
 *
 * What the return says as on its census day becomes dated history: the
 * needs and the settings named in a plan are in force from the plan's
 * start, and PB, OA and DP become personal budgets from then
 * (sen2_export.c reads them back for any census day).
 *
 * The files are streamed, never held whole: a first pass reads each in
 * fixed-size chunks and checks it row by row, keeping only a fixed-width
 * record per person and per request for the checks across files, on
 * temporary files behind caches of fixed size (see struct tape); a
 * second pass reads the files that carry rows again and writes them,
 * 32 rows to a statement (store/batch.c).  The problem reported is
 * the one the checks meet first in the order documented at RANK_HEADER
 * below.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

enum {
	F_HEADER = EHC__SEN2_HEADER, F_PERSON = EHC__SEN2_PERSON,
	F_REQUESTS = EHC__SEN2_REQUESTS, F_ASSESSMENT = EHC__SEN2_ASSESSMENT,
	F_NAMEDPLAN = EHC__SEN2_NAMEDPLAN, F_PLANDETAIL = EHC__SEN2_PLANDETAIL,
	F_ACTIVEPLANS = EHC__SEN2_ACTIVEPLANS,
	F_PLACEMENT = EHC__SEN2_PLACEMENT,
	F_SENNEED = EHC__SEN2_SENNEED, NFILES = EHC__SEN2_NTABLES
};
#define MAX_COLS EHC__SEN2_MAXCOLS

/* Column positions within each table's items (sen2_spec.c). */
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

#define CHUNK		65536	/* bytes read and parsed at a time */
#define NO_ERROR	1000	/* rank of "no pending problem" */

/* A CSV file is read to check it, to write it, or for its pairs again. */
enum { PASS_CHECK = 1, PASS_WRITE, PASS_PAIRS };

/*
 * The order in which the old all-in-memory import ran its checks: the
 * first problem in this order is the one reported, although the files
 * are read one after the other in their own order (the active plans are
 * read before the placements and needs but were checked after them).
 */
enum {
	RANK_HEADER = 0,
	RANK_PERSON = 10, RANK_UPN_TWICE, RANK_UPN_STORED, RANK_PERSON_TWICE,
	RANK_REQUEST = 20, RANK_REQUEST_TWICE,
	RANK_ASSESSMENT = 30,
	RANK_PLAN = 40, RANK_OUTCOMES,
	RANK_PLANDETAIL = 50, RANK_PLACEMENT, RANK_SENNEED,
	RANK_PLANDETAIL_TWICE, RANK_PLACEMENT_TWICE, RANK_SENNEED_TWICE,
	RANK_ACTIVE = 60
};

static const int file_rank[NFILES] = {
	RANK_HEADER, RANK_PERSON, RANK_REQUEST, RANK_ASSESSMENT, RANK_PLAN,
	RANK_PLANDETAIL, RANK_ACTIVE, RANK_PLACEMENT, RANK_SENNEED
};


/* The file being read: libcsv's callbacks fill cur. */
struct file {
	char		 path[4096];
	int		 file, pass;
	struct ehc__sen2_rec	 cur;
	int		 hdr_nf;	/* fields in the header row */
	size_t		 nrecs;		/* records so far, header included */
	int		 line, last_end, nomem;
	int		 serr;		/* a structural problem, in smsg */
	char		 smsg[ERRMSG_LEN];
};

/*
 * A request and what the other files say about it, in fixed width: the
 * import keeps one of these per request and one struct person per
 * person, on tapes (below), and nothing else that grows with the
 * caseload.
 */
#define KEY_LEN		65	/* PersonID and RequestsID: 64 characters */

struct req {
	char		 key[KEY_LEN];	/* RequestsID */
	char		 rout, aout, res, wbp, dp, reason, oa, outcome;
	char		 transfer[4];
	uint32_t	 person;	/* index into persons */
	int64_t		 apos;		/* where its assessment is; 0: none */
	int32_t		 received, rod, aod, start, cease;
	int32_t		 meeting, last, draft, due, fin;
	unsigned	 n:1, v:1, pb:1, amed:1, atrib:1, omed:1, otrib:1,
			 week20:1, exported:1, pd:1, resput:1;
};

struct person {
	char		 key[KEY_LEN];	/* PersonID */
	int32_t		 dob;
	int64_t		 id;
};

/*
 * A tape: fixed-width records numbered from 0, kept in an unlinked
 * temporary file behind a small direct-mapped cache of blocks, so that
 * memory stays the same however many records there are.  The files of
 * a return list their rows in key order, so records are mostly met in
 * order and the cache mostly hits.  A record is found by its key: the
 * one after the last found, then a binary search while the keys have
 * come in increasing order, or else the index in the scratch database.
 */
#define TAPE_BLOCK	65536
#define TAPE_SLOTS	32	/* 2 MB of cache per tape */

struct tape {
	FILE		*fp;
	size_t		 size;		/* of a record */
	size_t		 per;		/* records in a block */
	size_t		 n;		/* records */
	char		*mem;		/* TAPE_SLOTS blocks, then a scratch */
	int64_t		 tag[TAPE_SLOTS];	/* block held + 1; 0: none */
	unsigned char	 dirty[TAPE_SLOTS];
	size_t		 last;		/* the record last found */
	int		 sorted;	/* keys so far in increasing order */
};

enum { T_PERSON, T_REQUEST, NTAPES };

/* Statements on the scratch database, indexes into imp.xs. */
enum { X_FIND0, X_FIND1, X_ADD0, X_ADD1, X_UPN_ADD, X_UPN_LINE, X_PAIR_ADD,
    X_UPN_CLEAR, X_PAIR_CLEAR, NXSTMTS };

/* The tables written, each through a batch: indexes into imp.out. */
enum { W_PERSON, W_CASE, W_PLANDETAIL, W_PLACEMENT, W_NEED, W_EXCEPTION,
    W_REVIEW, W_PHASE, W_AMENDMENT, W_FUNDING, NWRITES };

/* The rows of a plan's history (both kinds of amendment in one batch). */
enum { H_EXCEPTION, H_REVIEW, H_REVIEW_AMENDMENT, H_PHASE, H_AMENDMENT };

/* Indexes set aside while a new store is filled (write_setup()). */
static const char *const aside_indexes[] = { "person_upn", "person_uln",
	"cases_officer" };
#define NASIDE (sizeof(aside_indexes) / sizeof(aside_indexes[0]))

struct imp {
	struct ehc_db	*db;
	char		*aside[NASIDE];	/* their text, to make them again */
	const char	*dir;
	int		 xml;		/* dir names the XML message */
	int64_t		 xml_person, xml_request;	/* written so far */
	/* The rows of the table being checked, for a person's message. */
	struct ehc__sen2_rec *xml_rows;
	size_t		 xml_row;
	/* The return's year and its code lists, once the header is read. */
	int		 year;
	int32_t		 refdate, period;	/* census day, period start */
	const char	*codes[NFILES][MAX_COLS];
	struct file	 f;
	int		 idx[NFILES][MAX_COLS];	/* field of each column */
	char		*chunk;
	struct ehc__sen2_rec	*now;		/* the record being checked */
	/* The header file: its first data row, and how many rows. */
	struct ehc__sen2_rec	 hdr;
	size_t		 hdr_nrecs;
	int64_t		 hdr_line0, hdr_line2;
	/* The fixed-width state per person and request. */
	struct tape	 tape[NTAPES];
	size_t		 npersons, nreqs;
	/*
	 * A private scratch database, in a temporary file: the keys of a
	 * tape whose keys came out of order, the UPNs, and the (request,
	 * seq) pairs of the file being checked.
	 */
	sqlite3		*x;
	sqlite3_stmt	*xs[NXSTMTS];
	int		 tape_errno;	/* why a temporary file failed */
	/* The first problem found so far, by rank. */
	int		 vrank;
	char		 vmsg[ERRMSG_LEN];
	int		 fatal;		/* a non-validation error, in errmsg */
	/*
	 * Candidates for the checks the old import made after sorting: a
	 * key (and second key) seen twice, at dline, first seen at dline2;
	 * a PersonID seen twice; the smallest UPN the store already holds.
	 */
	char		 dkey[72], dkey2[72];
	int64_t		 dline, dline2;
	int		 dfound;
	/*
	 * The values of key column k met so far for the request of the
	 * plan rows being checked, while the file lists its rows in
	 * request order (note_unique()); once one comes out of order, the
	 * file is read again and each pair looked up in the scratch.
	 */
	uint64_t	 run_seen[64];		/* by value (see pair_code()) */
	size_t		 run_req;
	int		 run_on, run_unsorted;
	char		 pkey[72];
	int64_t		 pline;
	int		 pfound;
	char		 skey[16], sref[EHC_REF_LEN + 16];
	int64_t		 sline;
	int		 sfound;
	int		 store_upns;	/* whether the store has any UPN */
	/* Writing. */
	int64_t		 case_base;	/* request i becomes case base + i + 1 */
	int64_t		 person_base;	/* and person i person base + i + 1 */
	int64_t		 review_last;	/* the id of the last review */
	char		 created[24];	/* when the cases were made */
	size_t		 nwritten;	/* rows of the file being written */
	sqlite3_stmt	*upn;		/* a UPN already in the store */
	struct ehc__batch *out[NWRITES];
};

/* Record the problem just put on the handle if it comes first. */
static int
pending(struct imp *im, int rank, int rc)
{
	if (rc == EHC_EINVAL && rank < im->vrank) {
		im->vrank = rank;
		memcpy(im->vmsg, im->db->errmsg, sizeof(im->vmsg));
	}
	return rc;
}

/*
 * Where field k of the record being read is: its line in a CSV file,
 * or its XML position (sen2_xml.c).
 */
static int64_t
here(const struct imp *im, int file, int k)
{
	(void)file;
	if (im->xml && im->now->pos != NULL && k >= 0 && k < im->now->nf)
		return im->now->pos[k];
	return im->now->line;
}

/* The line of a position, for a message. */
static long
line_of(const struct imp *im, int64_t at)
{
	return im->xml ? (long)(at >> 32) : (long)at;
}

/*
 * Report a problem at a position (here()) and the field k (a column of
 * the file's table, or -1) of a CSV line.
 */
static int
bad_at(struct imp *im, int file, int64_t at, int k, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
bad_at(struct imp *im, int file, int64_t at, int k, const char *fmt, ...)
{
	char path[4096], msg[300], *p;
	long line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* What the message quotes from the file stays on one line. */
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (im->xml) {
		snprintf(path, sizeof(path), "%s", im->dir);
		ehc__sen2_xml_where(im->dir, at, &line, &col);
	} else {
		snprintf(path, sizeof(path), "%s/%s.csv", im->dir,
		    ehc__sen2_tables[file].file);
		line = (long)at;
		col = k >= 0 ? im->idx[file][k] + 1 : 1;
	}
	return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%ld:%ld: %s", path,
	    line, col, msg);
}

/* Report a problem at the record being checked. */
#define bad(im, file, k, ...) \
	bad_at((im), (file), here((im), (file), (k)), (k), __VA_ARGS__)

static const char *
fld(const struct imp *im, int file, int k)
{
	return im->now->buf + im->now->off[im->idx[file][k]];
}

/*
 * Memory.
 */


static int
rec_copy(struct ehc__sen2_rec *dst, const struct ehc__sen2_rec *src)
{
	size_t oc = (size_t)dst->offcap;

	if (ehc__grow((void **)&dst->buf, &dst->cap, src->len ? src->len : 1, 1)
	    == -1 || ehc__grow((void **)&dst->off, &oc, (size_t)src->nf + 1,
	    sizeof(*dst->off)) == -1)
		return -1;
	dst->offcap = (int)oc;
	if (src->len > 0)
		memcpy(dst->buf, src->buf, src->len);
	memcpy(dst->off, src->off, (size_t)src->nf * sizeof(*dst->off));
	dst->len = src->len;
	dst->nf = src->nf;
	dst->line = src->line;
	if (src->pos != NULL) {
		size_t pc = (size_t)dst->poscap;

		if (ehc__grow((void **)&dst->pos, &pc, (size_t)src->nf + 1,
		    sizeof(*dst->pos)) == -1)
			return -1;
		dst->poscap = (int)pc;
		memcpy(dst->pos, src->pos, (size_t)src->nf *
		    sizeof(*dst->pos));
	}
	return 0;
}

/*
 * Tapes.
 */

static int
tape_init(struct tape *t, size_t size)
{
	memset(t, 0, sizeof(*t));
	t->size = size;
	t->per = TAPE_BLOCK / size;
	t->sorted = 1;
	if ((t->mem = malloc((size_t)TAPE_SLOTS * TAPE_BLOCK + size)) == NULL)
		return -1;
	return 0;
}

static void
tape_release(struct tape *t)
{
	if (t->fp != NULL)
		fclose(t->fp);
	free(t->mem);
	memset(t, 0, sizeof(*t));
}

/* Write back the block in slot s; -1 on an I/O error (errno). */
static int
tape_flush(struct tape *t, size_t s)
{
	off_t at = (off_t)(t->tag[s] - 1) * TAPE_BLOCK;

	if (!t->dirty[s])
		return 0;
	if (t->fp == NULL && (t->fp = tmpfile()) == NULL)
		return -1;
	if (pwrite(fileno(t->fp), t->mem + s * TAPE_BLOCK, TAPE_BLOCK, at)
	    != TAPE_BLOCK)
		return -1;
	t->dirty[s] = 0;
	return 0;
}

/*
 * Record i of a tape (i <= t->n), to change when write is set.  The
 * pointer holds until the next call on the same tape.  When a temporary
 * file fails, the import stops with EHC_EIO and a scratch record is
 * returned meanwhile.
 */
static void *
tape_at(struct imp *im, int which, size_t i, int write)
{
	struct tape *t = &im->tape[which];
	int64_t b = (int64_t)(i / t->per) + 1;
	size_t s = (size_t)(b - 1) % TAPE_SLOTS;
	char *blk = t->mem + s * TAPE_BLOCK;
	ssize_t got;

	if (t->tag[s] != b) {
		if (tape_flush(t, s) == -1)
			goto fail;
		got = 0;
		if (t->fp != NULL && (got = pread(fileno(t->fp), blk,
		    TAPE_BLOCK, (off_t)(b - 1) * TAPE_BLOCK)) == -1)
			goto fail;
		memset(blk + got, 0, TAPE_BLOCK - (size_t)got);
		t->tag[s] = b;
	}
	if (write)
		t->dirty[s] = 1;
	return blk + (i % t->per) * t->size;
fail:
	if (im->tape_errno == 0)
		im->tape_errno = errno ? errno : EIO;
	im->fatal = EHC_EIO;
	t->tag[s] = 0;
	t->dirty[s] = 0;
	memset(t->mem + (size_t)TAPE_SLOTS * TAPE_BLOCK, 0, t->size);
	return t->mem + (size_t)TAPE_SLOTS * TAPE_BLOCK;
}

/* The key of record i: both kinds of record start with it. */
static const char *
tape_key(struct imp *im, int which, size_t i)
{
	return tape_at(im, which, i, 0);
}

/* Keys as the tapes order them: shorter first, so 9 before 10. */
static int
keycmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

/* The put on the handle for a failed temporary file, or rc. */
static int
tape_fail(struct imp *im, int rc)
{
	if (im->tape_errno != 0)
		return ehc__db_fail(im->db, EHC_EIO, "cannot use a temporary "
		    "file: %s", strerror(im->tape_errno));
	return rc;
}

/*
 * The scratch database (ehc__scratch_open()): private to the import,
 * with a bounded cache.
 */
static const char *const scratch_sql[NXSTMTS] = {
	[X_FIND0] = "SELECT i FROM k0 WHERE key = ?1",
	[X_FIND1] = "SELECT i FROM k1 WHERE key = ?1",
	[X_ADD0] = "INSERT INTO k0(key, i) VALUES (?1, ?2)",
	[X_ADD1] = "INSERT INTO k1(key, i) VALUES (?1, ?2)",
	[X_UPN_ADD] = "INSERT OR IGNORE INTO upn(k, line) VALUES (?1, ?2)",
	[X_UPN_LINE] = "SELECT line FROM upn WHERE k = ?1",
	[X_PAIR_ADD] = "INSERT OR IGNORE INTO pair(k) VALUES (?1)",
	[X_UPN_CLEAR] = "DELETE FROM upn",
	[X_PAIR_CLEAR] = "DELETE FROM pair",
};

static int
scratch_open(struct imp *im)
{
	int i, r;

	if ((r = ehc__scratch_open(im->db, &im->x, "PRAGMA cache_size = -4096; "
	    "CREATE TABLE k0(key TEXT PRIMARY KEY, i INTEGER) WITHOUT ROWID; "
	    "CREATE TABLE k1(key TEXT PRIMARY KEY, i INTEGER) WITHOUT ROWID; "
	    "CREATE TABLE upn(k INTEGER PRIMARY KEY, line INTEGER); "
	    "CREATE TABLE pair(k INTEGER PRIMARY KEY)")) != EHC_OK)
		return r;
	for (i = 0; i < NXSTMTS; i++)
		if ((r = sqlite3_prepare_v2(im->x, scratch_sql[i], -1,
		    &im->xs[i], NULL)) != SQLITE_OK)
			return ehc__db_fail(im->db, r == SQLITE_NOMEM ?
			    EHC_ENOMEM : EHC_EIO, "cannot open a scratch "
			    "database: %s", sqlite3_errmsg(im->x));
	return EHC_OK;
}

/* Run scratch statement w with ?1 = a and ?2 = b (when given). */
static int
scratch_run(struct imp *im, int w, const char *text, int64_t a, int64_t b,
    int nargs, int64_t *out)
{
	sqlite3_stmt *st = im->xs[w];
	int r;

	if (text != NULL)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else if (nargs > 0)
		sqlite3_bind_int64(st, 1, a);
	if (nargs > 1)
		sqlite3_bind_int64(st, 2, b);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && out != NULL)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (r == SQLITE_ROW || r == SQLITE_DONE)
		return r == SQLITE_ROW ? 1 : 0;
	return ehc__db_fail(im->db, r == SQLITE_NOMEM ? EHC_ENOMEM : EHC_EIO,
	    "scratch database: %s", sqlite3_errmsg(im->x)) - 1000;
}

/* Negative scratch_run() results are an EHC status - 1000. */
#define SCRATCH_RC(r)	((r) + 1000)

/* The index of the person (or request) with this key, or -1. */
static long
find_key(struct imp *im, int persons, const char *key)
{
	int which = persons ? T_PERSON : T_REQUEST;
	struct tape *t = &im->tape[which];
	size_t i, lo, hi, step;
	int64_t at;
	int c, r;

	for (i = t->last; i < t->n && i <= t->last + 1; i++)
		if (strcmp(tape_key(im, which, i), key) == 0) {
			t->last = i;
			return (long)i;
		}
	if (t->sorted) {
		/* A key after the last is new: the common case. */
		if (t->n == 0 ||
		    keycmp(tape_key(im, which, t->n - 1), key) < 0)
			return -1;
		lo = 0;
		hi = t->n;
		/*
		 * The files list their rows in key order, so the key is
		 * mostly a little after the last found: gallop forward from
		 * it, reading the tape near it rather than all over.
		 */
		if (t->last < t->n &&
		    keycmp(tape_key(im, which, t->last), key) < 0) {
			lo = t->last + 1;
			for (step = 1; lo + step - 1 < t->n; step *= 2) {
				if (keycmp(tape_key(im, which, lo + step - 1),
				    key) >= 0) {
					hi = lo + step;
					break;
				}
				lo += step;
			}
		}
		while (lo < hi) {
			i = lo + (hi - lo) / 2;
			if ((c = keycmp(tape_key(im, which, i), key)) == 0) {
				t->last = i;
				return (long)i;
			}
			if (c < 0)
				lo = i + 1;
			else
				hi = i;
		}
		return -1;
	}
	if ((r = scratch_run(im, persons ? X_FIND0 : X_FIND1, key, 0, 0, 1,
	    &at)) < 0) {
		im->fatal = SCRATCH_RC(r);
		return -1;
	}
	if (r == 0)
		return -1;
	t->last = (size_t)at;
	return (long)at;
}

/* Index key under record i of a tape. */
static int
index_key(struct imp *im, int which, const char *key, size_t i)
{
	int r;

	r = scratch_run(im, which == T_PERSON ? X_ADD0 : X_ADD1, key,
	    0, (int64_t)i, 2, NULL);
	return r < 0 ? SCRATCH_RC(r) : EHC_OK;
}

/*
 * Add a record (its key new: the caller looked for it).  Once a key
 * comes out of order, the keys so far go to the scratch index, and
 * every key after them.
 */
static int
add_rec(struct imp *im, int which, const void *rec)
{
	struct tape *t = &im->tape[which];
	const char *key = rec;
	char prev[KEY_LEN];
	size_t i;
	int rc;

	if (t->sorted && t->n > 0) {
		snprintf(prev, sizeof(prev), "%s", tape_key(im, which,
		    t->n - 1));
		if (keycmp(prev, key) >= 0) {
			t->sorted = 0;
			for (i = 0; i < t->n; i++) {
				snprintf(prev, sizeof(prev), "%s",
				    tape_key(im, which, i));
				if ((rc = index_key(im, which, prev, i))
				    != EHC_OK)
					return rc;
			}
		}
	}
	if (!t->sorted && (rc = index_key(im, which, key, t->n)) != EHC_OK)
		return rc;
	memcpy(tape_at(im, which, t->n, 1), rec, t->size);
	t->n++;
	if (im->tape_errno != 0)
		return tape_fail(im, EHC_EIO);
	return EHC_OK;
}

/*
 * Field checks.  Each returns EHC_OK or the EHC_EINVAL of bad().
 */

static const char *
colname(int file, int k)
{
	return ehc__sen2_tables[file].items[k].name;
}

/* A date, optionally required; events may not be after today. */
static int
get_date(struct imp *im, int file, int k, int required, int event,
    int32_t *out)
{
	const char *v = fld(im, file, k);
	char t[EHC_DATE_LEN];

	*out = EHC_NO_DATE;
	if (*v == '\0') {
		if (required)
			return bad(im, file, k, "%s is required",
			    colname(file, k));
		return EHC_OK;
	}
	if (strlen(v) != 10 || v[4] != '-' || ehc_date_parse(out, v)
	    != EHC_OK)
		return bad(im, file, k, "%s '%.20s' is not a real date "
		    "(write YYYY-MM-DD)", colname(file, k), v);
	if (event && im->db->today != EHC_NO_DATE && *out > im->db->today) {
		ehc_date_format(t, sizeof(t), im->db->today);
		return bad(im, file, k, "%s %s is after today (%s)",
		    colname(file, k), v, t);
	}
	return EHC_OK;
}

/* A code from the list the return's year gives the column. */
static int
get_code(struct imp *im, int file, int k, int required)
{
	const char *v = fld(im, file, k), *codes = im->codes[file][k];

	if (*v == '\0') {
		if (required)
			return bad(im, file, k, "%s is required (%s)",
			    colname(file, k), codes);
		return EHC_OK;
	}
	if (!ehc__sen2_code(codes, v))
		return bad(im, file, k, "'%.20s' is not a %s code; use one "
		    "of %s", v, colname(file, k), codes);
	return EHC_OK;
}

static int
get_text(struct imp *im, int file, int k, size_t max, int required)
{
	const char *v = fld(im, file, k), *fault;

	if (*v == '\0' && required)
		return bad(im, file, k, "%s is required", colname(file, k));
	if ((fault = ehc__text_fault(v, strlen(v), max, 0)) != NULL)
		return bad(im, file, k, "%s %s", colname(file, k), fault);
	return EHC_OK;
}

/* Digits only, between min and max of them. */
static int
get_digits(struct imp *im, int file, int k, size_t min, size_t max,
    int required)
{
	const char *v = fld(im, file, k), *p;
	size_t n = strlen(v);

	if (n == 0) {
		if (required)
			return bad(im, file, k, "%s is required",
			    colname(file, k));
		return EHC_OK;
	}
	for (p = v; *p >= '0' && *p <= '9'; p++)
		;
	if (*p != '\0' || n < min || n > max) {
		if (min == max)
			return bad(im, file, k, "%s '%.20s' is not %zu "
			    "digits", colname(file, k), v, min);
		return bad(im, file, k, "%s '%.20s' is not %zu to %zu "
		    "digits", colname(file, k), v, min, max);
	}
	return EHC_OK;
}

/* Letters, digits and spaces only (postcodes, LA numbers). */
static int
get_word(struct imp *im, int file, int k, size_t max)
{
	const char *v = fld(im, file, k), *p;

	if (strlen(v) > max)
		return bad(im, file, k, "%s '%.20s' is longer than %zu "
		    "characters", colname(file, k), v, max);
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == ' '))
			return bad(im, file, k, "%s '%.20s' may hold only "
			    "letters, digits and spaces", colname(file, k), v);
	return EHC_OK;
}

/* A flag column as 0 or 1 (blank is 0). */
static int
flag(const struct imp *im, int file, int k)
{
	return strcmp(fld(im, file, k), "1") == 0;
}

/*
 * Keys.  PersonID and RequestsID are the return's own identifiers;
 * they link the tables and are replaced by ehc's ids.  A key seen twice
 * is reported as the old import did after sorting: the smallest such
 * key, at its second row.
 */
static void
twice(struct imp *im, const char *key, const char *key2, int64_t line,
    int64_t line2)
{
	int c = 0;

	if (im->dfound) {
		c = strcmp(key, im->dkey);
		if (c == 0 && key2 != NULL)
			c = strcmp(key2, im->dkey2);
		if (c >= 0)
			return;
	}
	im->dfound = 1;
	snprintf(im->dkey, sizeof(im->dkey), "%s", key);
	snprintf(im->dkey2, sizeof(im->dkey2), "%s", key2 ? key2 : "");
	im->dline = line;
	im->dline2 = line2;
}

/*
 * The request a child row belongs to, and its index; its PersonID must
 * agree.  *out holds until the next use of the requests' tape.
 */
static int
child_of(struct imp *im, int file, struct req **out, size_t *idx)
{
	const char *pk = fld(im, file, K_PERSON);
	const char *rk = fld(im, file, K_REQUEST);
	const char *owner;
	long i;

	if (*rk == '\0')
		return bad(im, file, K_REQUEST, "RequestsID is required");
	if ((i = find_key(im, 0, rk)) < 0) {
		if (im->fatal)
			return im->fatal;
		return bad(im, file, K_REQUEST, "no request '%.40s' in "
		    "sen2_requests.csv", rk);
	}
	*out = tape_at(im, T_REQUEST, (size_t)i, 1);
	if (idx != NULL)
		*idx = (size_t)i;
	owner = tape_key(im, T_PERSON, (*out)->person);
	if (strcmp(owner, pk) != 0)
		return bad(im, file, K_PERSON, "request '%.40s' belongs to "
		    "person '%.40s', not '%.40s'", rk, owner, pk);
	return EHC_OK;
}

/*
 * The tables, checked row by row as they are read.
 */

/*
 * Each column's code list as the return's year has it, or the latest
 * ehc knows when the year has none.
 */
static void
set_codes(struct imp *im)
{
	const struct ehc__sen2_item *it;
	int f, k;

	for (f = 0; f < NFILES; f++)
		for (k = 0; k < ehc__sen2_tables[f].nitems; k++) {
			it = &ehc__sen2_tables[f].items[k];
			if (it->list == NULL)
				continue;
			if ((im->codes[f][k] = ehc__sen2_list(it->list,
			    im->year)) == NULL)
				im->codes[f][k] = ehc__sen2_list(it->list, 0);
		}
}

static int
check_header(struct imp *im)
{
	int rc;

	if (im->hdr_nrecs != 2)
		return bad_at(im, F_HEADER, im->hdr_nrecs > 2 ? im->hdr_line2 :
		    im->hdr_line0, -1, "the header table has exactly one row "
		    "(it has %zu)", im->hdr_nrecs - 1);
	im->now = &im->hdr;
	if (strcmp(fld(im, F_HEADER, H_COLLECTION), "SEN2") != 0)
		return bad(im, F_HEADER, H_COLLECTION, "Collection is "
		    "'%.20s', not SEN2", fld(im, F_HEADER, H_COLLECTION));
	if ((rc = get_digits(im, F_HEADER, H_YEAR, 4, 4, 1)) != EHC_OK)
		return rc;
	im->year = atoi(fld(im, F_HEADER, H_YEAR));
	im->period = ehc_date_from_ymd(im->year - 1, 1, 1);
	if (ehc__sen2_year(im->year) == NULL)
		return bad(im, F_HEADER, H_YEAR, "ehc reads the SEN2 return "
		    "from %d on; this one is for %d", ehc__sen2_first_year(),
		    im->year);
	set_codes(im);
	if ((rc = get_date(im, F_HEADER, H_REFDATE, 1, 0, &im->refdate))
	    != EHC_OK ||
	    (rc = get_digits(im, F_HEADER, H_LEA, 3, 3, 0)) != EHC_OK ||
	    (rc = get_digits(im, F_HEADER, H_SERIAL, 1, 3, 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, H_DMO, 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, H_DCO, 0)) != EHC_OK ||
	    (rc = get_code(im, F_HEADER, H_DSCO, 0)) != EHC_OK)
		return rc;
	if (*fld(im, F_HEADER, H_DATETIME) != '\0' &&
	    !ehc__sen2_datetime_ok(fld(im, F_HEADER, H_DATETIME)))
		return bad(im, F_HEADER, H_DATETIME, "DateTime '%.30s' is not "
		    "YYYY-MM-DDTHH:MM:SS", fld(im, F_HEADER, H_DATETIME));
	return EHC_OK;
}

/* A valid UPN as a number: its letters and digits, losslessly. */
static uint64_t
upn_key(const char *upn)
{
	uint64_t k = 0;
	int i;

	for (i = 1; i < 12; i++)
		k = k * 10 + (uint64_t)(upn[i] - '0');
	return (k << 16) | ((uint64_t)(unsigned char)upn[0] << 8) |
	    (unsigned char)upn[12];
}

/*
 * A UPN names one child: refuse two people with one UPN in the return,
 * or a child the store already holds (importing a return twice).  Both
 * are reported for the smallest such UPN.
 */
static int
check_upn(struct imp *im, const char *upn)
{
	sqlite3_stmt *st = im->upn;
	const char *ref;
	int64_t first;
	int r;

	if ((r = scratch_run(im, X_UPN_ADD, NULL, (int64_t)upn_key(upn),
	    here(im, F_PERSON, P_UPN), 2, NULL)) < 0)
		return SCRATCH_RC(r);
	if (sqlite3_changes(im->x) == 0) {
		int64_t at = 0;

		if ((r = scratch_run(im, X_UPN_LINE, NULL,
		    (int64_t)upn_key(upn), 0, 1, &at)) < 0)
			return SCRATCH_RC(r);
		first = at;
		/* upn_key() is exact: this UPN is on an earlier line. */
		if (!im->dfound || strcmp(upn, im->dkey) < 0) {
			im->dfound = 1;
			snprintf(im->dkey, sizeof(im->dkey), "%s", upn);
			im->dline = here(im, F_PERSON, P_UPN);
			im->dline2 = first;
		}
		return EHC_OK;
	}
	if (!im->store_upns || (im->sfound && strcmp(upn, im->skey) >= 0))
		return EHC_OK;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, upn, -1, SQLITE_STATIC);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		ref = (const char *)sqlite3_column_text(st, 0);
		im->sfound = 1;
		snprintf(im->sref, sizeof(im->sref), "%s", ref ? ref :
		    "no case");
		snprintf(im->skey, sizeof(im->skey), "%s", upn);
		im->sline = here(im, F_PERSON, P_UPN);
	} else if (r != SQLITE_DONE) {
		r = ehc__db_error(im->db, r, "looking up a UPN");
		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return EHC_OK;
}

static int
row_person(struct imp *im)
{
	struct person p;
	const char *upn, *uln;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = get_text(im, F_PERSON, P_ID, 64, 1)) != EHC_OK ||
	    (rc = get_text(im, F_PERSON, P_SURNAME, 100, 1)) != EHC_OK ||
	    (rc = get_text(im, F_PERSON, P_FORENAME, 100, 1)) != EHC_OK ||
	    (rc = get_date(im, F_PERSON, P_DOB, 1, 1, &p.dob)) != EHC_OK ||
	    (rc = get_code(im, F_PERSON, P_SEX, 0)) != EHC_OK ||
	    (rc = get_code(im, F_PERSON, P_ETHNICITY, 0)) != EHC_OK ||
	    (rc = get_word(im, F_PERSON, P_POSTCODE, 8)) != EHC_OK ||
	    (rc = get_code(im, F_PERSON, P_UNKNOWN, 0)) != EHC_OK)
		return rc;
	upn = fld(im, F_PERSON, P_UPN);
	uln = fld(im, F_PERSON, P_ULN);
	if (*upn != '\0' && !ehc_upn_valid(upn))
		return bad(im, F_PERSON, P_UPN, "'%.20s' is not a valid UPN "
		    "(13 characters whose first letter checks the rest)", upn);
	if (*uln != '\0' && (rc = get_digits(im, F_PERSON, P_ULN, 10, 10, 0))
	    != EHC_OK)
		return rc;
	if (*upn != '\0' && (rc = check_upn(im, upn)) != EHC_OK)
		return rc;
	/* A PersonID seen twice is reported after the UPN checks. */
	if (find_key(im, 1, fld(im, F_PERSON, P_ID)) >= 0 || im->fatal) {
		if (im->fatal)
			return im->fatal;
		if (!im->pfound || strcmp(fld(im, F_PERSON, P_ID),
		    im->pkey) < 0) {
			im->pfound = 1;
			snprintf(im->pkey, sizeof(im->pkey), "%s",
			    fld(im, F_PERSON, P_ID));
			im->pline = here(im, F_PERSON, P_ID);
		}
		return EHC_OK;
	}
	snprintf(p.key, sizeof(p.key), "%s", fld(im, F_PERSON, P_ID));
	if ((rc = add_rec(im, T_PERSON, &p)) != EHC_OK)
		return rc;
	im->npersons++;
	return EHC_OK;
}

/*
 * After the last person (or, in an XML message, after each): the checks
 * the old import made sorted.  The UPNs seen are kept for the next
 * person when keep is set.
 */
static int
end_persons(struct imp *im, int keep)
{
	int r;

	if (im->vrank <= RANK_PERSON)
		;
	else if (im->dfound)
		pending(im, RANK_UPN_TWICE, bad_at(im, F_PERSON, im->dline,
		    P_UPN, "UPN %s is also the UPN of the person on line %ld",
		    im->dkey, line_of(im, im->dline2)));
	else if (im->sfound)
		pending(im, RANK_UPN_STORED, bad_at(im, F_PERSON, im->sline,
		    P_UPN, "the store already holds UPN %s (%s); a return is "
		    "imported once", im->skey, im->sref));
	else if (im->pfound)
		pending(im, RANK_PERSON_TWICE, bad_at(im, F_PERSON, im->pline,
		    P_ID, "PersonID '%.40s' appears twice", im->pkey));
	im->dfound = im->sfound = im->pfound = 0;
	if (!keep && (r = scratch_run(im, X_UPN_CLEAR, NULL, 0, 0, 0, NULL))
	    < 0)
		return SCRATCH_RC(r);
	return EHC_OK;
}

static int
row_request(struct imp *im)
{
	struct req q;
	const char *rk;
	long pi;
	int rc;

	memset(&q, 0, sizeof(q));
	if ((rc = get_text(im, F_REQUESTS, K_PERSON, 64, 1)) != EHC_OK ||
	    (rc = get_text(im, F_REQUESTS, K_REQUEST, 64, 1)) != EHC_OK)
		return rc;
	if ((pi = find_key(im, 1, fld(im, F_REQUESTS, K_PERSON))) < 0 &&
	    im->fatal)
		return im->fatal;
	if (pi < 0)
		return bad(im, F_REQUESTS, K_PERSON, "no person '%.40s' in "
		    "sen2_person.csv", fld(im, F_REQUESTS, K_PERSON));
	q.person = (uint32_t)pi;
	if ((rc = get_code(im, F_REQUESTS, R_OUTCOME, 1))
	    != EHC_OK ||
	    (rc = get_date(im, F_REQUESTS, R_RECEIVED, 0, 1, &q.received))
	    != EHC_OK ||
	    (rc = get_code(im, F_REQUESTS, R_SOURCE, 0))
	    != EHC_OK ||
	    (rc = get_code(im, F_REQUESTS, R_RYA, 0)) != EHC_OK ||
	    (rc = get_date(im, F_REQUESTS, R_OUTDATE, 0, 1, &q.rod))
	    != EHC_OK ||
	    (rc = get_code(im, F_REQUESTS, R_MED, 0)) != EHC_OK ||
	    (rc = get_code(im, F_REQUESTS, R_TRIB, 0)) != EHC_OK ||
	    (rc = get_digits(im, F_REQUESTS, R_EXPORTED, 3, 3, 0)) != EHC_OK)
		return rc;
	q.rout = fld(im, F_REQUESTS, R_OUTCOME)[0];
	q.exported = *fld(im, F_REQUESTS, R_EXPORTED) != '\0';
	if (q.rout != 'H' && q.received == EHC_NO_DATE)
		return bad(im, F_REQUESTS, R_RECEIVED, "ReceivedDate is "
		    "required unless RequestOutcome is H");
	if (q.received != EHC_NO_DATE &&
	    q.received < ((struct person *)tape_at(im, T_PERSON, q.person,
	    0))->dob)
		return bad(im, F_REQUESTS, R_RECEIVED, "the request is dated "
		    "before the date of birth");
	/* W has none, but one given dates the withdrawal. */
	if ((q.rout == 'Y' || q.rout == 'N') && q.rod == EHC_NO_DATE)
		return bad(im, F_REQUESTS, R_OUTDATE, "RequestOutcome %c "
		    "needs RequestOutcomeDate", q.rout);
	if (q.rout == 'A' && q.rod != EHC_NO_DATE)
		return bad(im, F_REQUESTS, R_OUTDATE, "a request not yet "
		    "decided (A) has no RequestOutcomeDate");
	if (q.rod != EHC_NO_DATE && q.received != EHC_NO_DATE &&
	    q.rod < q.received)
		return bad(im, F_REQUESTS, R_OUTDATE, "the decision is dated "
		    "before the request was received");
	rk = fld(im, F_REQUESTS, K_REQUEST);
	if (find_key(im, 0, rk) >= 0 || im->fatal) {
		if (im->fatal)
			return im->fatal;
		twice(im, rk, NULL, here(im, F_REQUESTS, K_REQUEST), 0);
		return EHC_OK;
	}
	q.aod = q.start = q.cease = EHC_NO_DATE;
	q.meeting = q.last = q.draft = q.due = q.fin = EHC_NO_DATE;
	snprintf(q.key, sizeof(q.key), "%s", rk);
	if ((rc = add_rec(im, T_REQUEST, &q)) != EHC_OK)
		return rc;
	im->nreqs++;
	return EHC_OK;
}

static void
end_requests(struct imp *im)
{
	if (im->vrank > RANK_REQUEST && im->dfound)
		pending(im, RANK_REQUEST_TWICE, bad_at(im, F_REQUESTS,
		    im->dline, K_REQUEST, "RequestsID '%.40s' appears twice",
		    im->dkey));
	im->dfound = 0;
}

static int
row_assessment(struct imp *im)
{
	struct req *q = NULL;
	int rc;

	if ((rc = child_of(im, F_ASSESSMENT, &q, NULL)) != EHC_OK)
		return rc;
	if (q->apos != 0)
		return bad(im, F_ASSESSMENT, K_REQUEST, "a second assessment "
		    "for request '%.40s'", q->key);
	q->apos = here(im, F_ASSESSMENT, A_OUTCOME);
	if ((rc = get_code(im, F_ASSESSMENT, A_OUTCOME, 1))
	    != EHC_OK ||
	    (rc = get_date(im, F_ASSESSMENT, A_DATE, 0, 1, &q->aod))
	    != EHC_OK ||
	    (rc = get_code(im, F_ASSESSMENT, A_MED, 0)) != EHC_OK ||
	    (rc = get_code(im, F_ASSESSMENT, A_TRIB, 0)) != EHC_OK ||
	    (rc = get_code(im, F_ASSESSMENT, A_OMED, 0)) != EHC_OK ||
	    (rc = get_code(im, F_ASSESSMENT, A_OTRIB, 0)) != EHC_OK ||
	    (rc = get_code(im, F_ASSESSMENT, A_WEEK20, 0)) != EHC_OK)
		return rc;
	q->aout = fld(im, F_ASSESSMENT, A_OUTCOME)[0];
	q->amed = flag(im, F_ASSESSMENT, A_MED);
	q->atrib = flag(im, F_ASSESSMENT, A_TRIB);
	q->omed = flag(im, F_ASSESSMENT, A_OMED);
	q->otrib = flag(im, F_ASSESSMENT, A_OTRIB);
	q->week20 = flag(im, F_ASSESSMENT, A_WEEK20);
	if (q->rout != 'Y' && q->rout != 'H')
		return bad(im, F_ASSESSMENT, K_REQUEST, "request '%.40s' has "
		    "RequestOutcome %c; only Y and H lead to an assessment",
		    q->key, q->rout);
	if (q->exported)
		return bad(im, F_ASSESSMENT, K_REQUEST, "request '%.40s' was "
		    "exported: nothing further is reported for it", q->key);
	/* Y without a date: decided, the plan not yet issued. */
	if (q->aout == 'N' && q->aod == EHC_NO_DATE)
		return bad(im, F_ASSESSMENT, A_DATE, "AssessmentOutcome N "
		    "needs AssessmentOutcomeDate");
	if (q->aod != EHC_NO_DATE && ((q->rod != EHC_NO_DATE &&
	    q->aod < q->rod) || (q->received != EHC_NO_DATE &&
	    q->aod < q->received)))
		return bad(im, F_ASSESSMENT, A_DATE, "the outcome is dated "
		    "before the request or the decision to assess");
	return EHC_OK;
}

/* A one-character code column (checked), or 0 when blank. */
static char
code1(const struct imp *im, int file, int k)
{
	return fld(im, file, k)[0];
}

static int
row_plan(struct imp *im)
{
	struct req *q = NULL;
	int rc;

	if ((rc = child_of(im, F_NAMEDPLAN, &q, NULL)) != EHC_OK)
		return rc;
	if (q->n)
		return bad(im, F_NAMEDPLAN, K_REQUEST, "a second named plan "
		    "for request '%.40s'", q->key);
	q->n = 1;
	if ((rc = get_date(im, F_NAMEDPLAN, N_START, 1, 1, &q->start))
	    != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_RES, 0)) != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_WBP, 0)) != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_PB, 0)) != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_OA, 0)) != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_DP, 0)) != EHC_OK ||
	    (rc = get_date(im, F_NAMEDPLAN, N_CEASE, 0, 1, &q->cease))
	    != EHC_OK ||
	    (rc = get_code(im, F_NAMEDPLAN, N_REASON, 0))
	    != EHC_OK)
		return rc;
	q->res = code1(im, F_NAMEDPLAN, N_RES);
	q->wbp = code1(im, F_NAMEDPLAN, N_WBP);
	q->pb = flag(im, F_NAMEDPLAN, N_PB);
	q->oa = code1(im, F_NAMEDPLAN, N_OA);
	q->dp = code1(im, F_NAMEDPLAN, N_DP);
	q->reason = code1(im, F_NAMEDPLAN, N_REASON);
	if (q->rout != 'Y' && q->rout != 'H')
		return bad(im, F_NAMEDPLAN, K_REQUEST, "request '%.40s' has "
		    "RequestOutcome %c; a plan follows Y or H",
		    q->key, q->rout);
	if (q->apos != 0 && q->aout != 'Y' && q->aout != 'H')
		return bad(im, F_NAMEDPLAN, K_REQUEST, "request '%.40s' has "
		    "AssessmentOutcome %c; a plan follows Y or H",
		    q->key, q->aout);
	if (q->apos != 0 && q->aout == 'Y' && q->aod == EHC_NO_DATE)
		return bad(im, F_NAMEDPLAN, K_REQUEST, "request '%.40s' has a "
		    "plan but no AssessmentOutcomeDate, the day it was issued",
		    q->key);
	if (q->exported)
		return bad(im, F_NAMEDPLAN, K_REQUEST, "request '%.40s' was "
		    "exported: nothing further is reported for it", q->key);
	if (q->start < ((struct person *)tape_at(im, T_PERSON, q->person,
	    0))->dob)
		return bad(im, F_NAMEDPLAN, N_START, "the plan starts before "
		    "the date of birth");
	if (q->cease != EHC_NO_DATE && q->cease < q->start)
		return bad(im, F_NAMEDPLAN, N_CEASE, "the plan ceased before "
		    "it started");
	return EHC_OK;
}

/*
 * Requests (from number from on) whose assessment says H or W need what
 * only a plan gives.
 */
static void
check_outcomes(struct imp *im, size_t from)
{
	size_t i;

	if (im->vrank <= RANK_OUTCOMES)
		return;
	for (i = from; i < im->nreqs; i++) {
		struct req *q = tape_at(im, T_REQUEST, i, 0);

		if (im->fatal)
			return;
		if (q->apos != 0 && q->aout == 'H' && !q->n) {
			pending(im, RANK_OUTCOMES, bad_at(im, F_ASSESSMENT,
			    q->apos, A_OUTCOME, "a historic assessment (H) "
			    "needs its named plan"));
			return;
		}
		if (q->apos != 0 && q->aout == 'W' && q->aod == EHC_NO_DATE &&
		    q->rod == EHC_NO_DATE && q->received == EHC_NO_DATE) {
			pending(im, RANK_OUTCOMES, bad_at(im, F_ASSESSMENT,
			    q->apos, A_DATE, "the withdrawal cannot be dated; "
			    "give AssessmentOutcomeDate"));
			return;
		}
	}
}

/* A setting in PlanDetail or PlacementDetail, and its sequence number. */
static int
check_setting(struct imp *im, int file, int seq, int urn)
{
	int rc;

	if ((rc = get_digits(im, file, seq, 1, 3, 1)) != EHC_OK ||
	    (rc = get_digits(im, file, urn, 1, 6, 0)) != EHC_OK ||
	    (rc = get_digits(im, file, urn + 1, 8, 8, 0)) != EHC_OK ||
	    (rc = get_code(im, file, urn + 2, 0)) != EHC_OK ||
	    (rc = get_text(im, file, urn + 3, 200, 0)) != EHC_OK ||
	    (rc = get_code(im, file, urn + 4, 1)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/* Key column k's value (1 to 3 digits, checked) as a number below 4096. */
static unsigned
pair_code(const char *v)
{
	unsigned code = 0;
	size_t n = strlen(v), i;

	for (i = 0; i < n; i++)
		code = code * 10 + (unsigned)(v[i] - '0');
	return code | (unsigned)n << 10;
}

/*
 * No two rows of a table for one request share key column k (1 to 3
 * digits, checked).  A file that lists each request's rows together,
 * in request order (as ehc writes them), needs only the values of the
 * request at hand; any other order, every (request, value) pair, which
 * a second reading of the file looks up in the scratch (PASS_PAIRS).
 */
static int
note_unique(struct imp *im, int file, const struct req *q, size_t qi, int k)
{
	const char *v = fld(im, file, k);
	const struct ehc__sen2_rec *o;
	unsigned code = pair_code(v);
	uint64_t bit = (uint64_t)1 << (code & 63);
	size_t i;
	int r;

	/* A person's rows in a message are all at hand: no index needed. */
	if (im->xml) {
		for (i = 0; i < im->xml_row; i++) {
			o = &im->xml_rows[i];
			if (strcmp(o->buf + o->off[K_REQUEST], q->key) == 0 &&
			    strcmp(o->buf + o->off[k], v) == 0) {
				twice(im, q->key, v, here(im, file, k), 0);
				break;
			}
		}
		return EHC_OK;
	}
	if (im->f.pass == PASS_CHECK) {
		if (im->run_unsorted)
			return EHC_OK;
		if (!im->run_on || qi > im->run_req) {
			memset(im->run_seen, 0, sizeof(im->run_seen));
			im->run_req = qi;
			im->run_on = 1;
		} else if (qi < im->run_req) {
			im->run_unsorted = 1;
			return EHC_OK;
		}
		if (im->run_seen[code >> 6] & bit)
			twice(im, q->key, v, here(im, file, k), 0);
		im->run_seen[code >> 6] |= bit;
		return EHC_OK;
	}
	if ((r = scratch_run(im, X_PAIR_ADD, NULL, (int64_t)((qi << 12) |
	    code), 0, 1, NULL)) < 0)
		return SCRATCH_RC(r);
	if (sqlite3_changes(im->x) == 0)
		twice(im, q->key, v, here(im, file, k), 0);
	return EHC_OK;
}

static int
row_plandetail(struct imp *im)
{
	const int file = F_PLANDETAIL;
	struct req *q = NULL;
	size_t qi = 0;
	int rc;

	if ((rc = child_of(im, file, &q, &qi)) != EHC_OK ||
	    (rc = check_setting(im, file, D_SEQ, D_URN)) != EHC_OK ||
	    (rc = get_code(im, file, D_UNIT, 0)) != EHC_OK ||
	    (rc = get_code(im, file, D_RP, 0)) != EHC_OK)
		return rc;
	if (!q->n)
		return bad(im, file, K_REQUEST, "request '%.40s' has no row "
		    "in sen2_namedplan.csv", q->key);
	q->pd = 1;
	return note_unique(im, file, q, qi, D_SEQ);
}

static int
row_placement(struct imp *im)
{
	const int file = F_PLACEMENT;
	int32_t entry, leaving;
	struct req *q = NULL;
	size_t qi = 0;
	int rc;

	if ((rc = child_of(im, file, &q, &qi)) != EHC_OK ||
	    (rc = check_setting(im, file, L_SEQ, L_URN)) != EHC_OK ||
	    (rc = get_date(im, file, L_ENTRY, 0, 0, &entry)) != EHC_OK ||
	    (rc = get_date(im, file, L_LEAVING, 0, 0, &leaving))
	    != EHC_OK ||
	    (rc = get_code(im, file, L_UNIT, 0)) != EHC_OK ||
	    (rc = get_code(im, file, L_RP, 0)) != EHC_OK ||
	    (rc = get_code(im, file, L_RES, 0)) != EHC_OK ||
	    (rc = get_code(im, file, L_WBP, 0)) != EHC_OK)
		return rc;
	if (!q->n)
		return bad(im, file, K_REQUEST, "request '%.40s' has no row "
		    "in sen2_namedplan.csv", q->key);
	if (entry != EHC_NO_DATE && leaving != EHC_NO_DATE && leaving < entry)
		return bad(im, file, L_LEAVING, "the placement ends before it "
		    "starts");
	return note_unique(im, file, q, qi, L_SEQ);
}

static int
row_senneed(struct imp *im)
{
	const int file = F_SENNEED;
	struct req *q = NULL;
	size_t qi = 0;
	int rc;

	if ((rc = child_of(im, file, &q, &qi)) != EHC_OK ||
	    (rc = get_code(im, file, S_TYPE, 1)) != EHC_OK ||
	    (rc = get_code(im, file, S_RANK, 1)) != EHC_OK)
		return rc;
	if (!q->n)
		return bad(im, file, K_REQUEST, "request '%.40s' has no row "
		    "in sen2_namedplan.csv", q->key);
	return note_unique(im, file, q, qi, S_RANK);
}

static int read_file(struct imp *, int, int);

/*
 * After a table of plan rows: a sequence number used twice.  Rows out
 * of request order are read again for their pairs, unless a problem
 * that comes first is already found: every row problem of the plan
 * tables does, so the rows read again all passed their checks.
 */
static int
end_plan_rows(struct imp *im, int file, int k, int rank)
{
	int r;

	if (!im->xml && im->run_unsorted && rank < im->vrank &&
	    (r = read_file(im, file, PASS_PAIRS)) != EHC_OK)
		return r;
	im->run_on = im->run_unsorted = 0;
	if (im->dfound && rank < im->vrank)
		pending(im, rank, bad_at(im, file, im->dline, k, "%s %s "
		    "appears twice for request '%.40s'", colname(file, k),
		    im->dkey2, im->dkey));
	im->dfound = 0;
	if (!im->xml && (r = scratch_run(im, X_PAIR_CLEAR, NULL, 0, 0, 0,
	    NULL)) < 0)
		return SCRATCH_RC(r);
	return EHC_OK;
}

static int
row_active(struct imp *im)
{
	struct req *q = NULL;
	int32_t meeting, last, draft, due, fin;
	const char *outcome;
	int rc;

	if ((rc = child_of(im, F_ACTIVEPLANS, &q, NULL)) != EHC_OK)
		return rc;
	if (q->v)
		return bad(im, F_ACTIVEPLANS, K_REQUEST, "a second active plan "
		    "for request '%.40s'", q->key);
	q->v = 1;
	if ((rc = get_word(im, F_ACTIVEPLANS, V_TRANSFER, 3)) != EHC_OK ||
	    (rc = get_date(im, F_ACTIVEPLANS, V_MEETING, 0, 1, &meeting))
	    != EHC_OK ||
	    (rc = get_date(im, F_ACTIVEPLANS, V_LAST, 0, 1, &last))
	    != EHC_OK ||
	    (rc = get_code(im, F_ACTIVEPLANS, V_OUTCOME, 0))
	    != EHC_OK ||
	    (rc = get_date(im, F_ACTIVEPLANS, V_DRAFT, 0, 1, &draft))
	    != EHC_OK ||
	    (rc = get_date(im, F_ACTIVEPLANS, V_PTDUE, 0, 0, &due))
	    != EHC_OK ||
	    (rc = get_date(im, F_ACTIVEPLANS, V_PTFINAL, 0, 1, &fin))
	    != EHC_OK)
		return rc;
	outcome = fld(im, F_ACTIVEPLANS, V_OUTCOME);
	snprintf(q->transfer, sizeof(q->transfer), "%s",
	    fld(im, F_ACTIVEPLANS, V_TRANSFER));
	q->meeting = meeting;
	q->last = last;
	q->draft = draft;
	q->due = due;
	q->fin = fin;
	q->outcome = outcome[0];
	if (!q->n)
		return bad(im, F_ACTIVEPLANS, K_REQUEST, "request '%.40s' has "
		    "no row in sen2_namedplan.csv", q->key);
	if (meeting == EHC_NO_DATE && (last != EHC_NO_DATE ||
	    draft != EHC_NO_DATE || *outcome != '\0'))
		return bad(im, F_ACTIVEPLANS, V_MEETING, "a review decision or "
		    "draft needs the ReviewMeeting date");
	if (*outcome != '\0' && last == EHC_NO_DATE)
		return bad(im, F_ACTIVEPLANS, V_LAST, "ReviewOutcome needs "
		    "LastReview, the date of the decision");
	if (last != EHC_NO_DATE && last < meeting)
		return bad(im, F_ACTIVEPLANS, V_LAST, "the decision is dated "
		    "before the review meeting");
	if (draft != EHC_NO_DATE && draft < meeting)
		return bad(im, F_ACTIVEPLANS, V_DRAFT, "the draft is dated "
		    "before the review meeting");
	return EHC_OK;
}

/*
 * Writing, once every file has been read and checked: the persons and
 * requests files and the three files of plan rows are read a second
 * time, and each row is written as it is read.
 */

static const struct ehc__insert write_sql[NWRITES] = {
	[W_PERSON] = { "INSERT INTO person(id, forename, surname, dob, sex, "
	    "ethnicity, postcode, upn, uln, upn_unknown) VALUES ", 10,
	    "adding a person" },
	[W_CASE] = { "INSERT INTO cases(id, ref, person_id, received, source, "
	    "rya, withdrawn, assess, assess_date, issue, issue_date, "
	    "final_date, transfer_la, exported, cease_date, cease_reason, "
	    "plan_res, plan_wbp, pb, oa, dp, request_mediation, "
	    "request_tribunal, assessment_mediation, assessment_tribunal, "
	    "other_mediation, other_tribunal, created, imported_as_of) "
	    "VALUES ", 29,
	    "adding a case" },
	[W_PLANDETAIL] = { "INSERT INTO plan_detail(case_id, seq, urn, ukprn, "
	    "sen_setting, sen_setting_other, placement_rank, sen_unit, "
	    "resourced, start, res, wbp) VALUES ", 12,
	    "adding a plan's details" },
	[W_PLACEMENT] = { "INSERT INTO placement(case_id, seq, urn, ukprn, "
	    "sen_setting, sen_setting_other, placement_rank, entry, leaving, "
	    "sen_unit, resourced, res, wbp) VALUES ", 13,
	    "adding a plan's details" },
	[W_NEED] = { "INSERT INTO need(case_id, type, rank, start) VALUES ", 4,
	    "adding a plan's details" },
	[W_EXCEPTION] = { "INSERT INTO exception(case_id, step, limb, date, "
	    "note) VALUES ", 5, "adding a plan's history" },
	[W_REVIEW] = { "INSERT INTO review(id, case_id, meeting, decided, "
	    "outcome) VALUES ", 5, "adding a plan's history" },
	[W_PHASE] = { "INSERT INTO phase_transfer(case_id, transfer, kind) "
	    "VALUES ", 3, "adding a plan's history" },
	[W_AMENDMENT] = { "INSERT INTO amendment(case_id, review_id, "
	    "proposed, final) VALUES ", 4, "adding a plan's history" },
	[W_FUNDING] = { "INSERT INTO funding(case_id, kind, pence, per, "
	    "start, covers, direct_payment, organised) VALUES ", 8,
	    "adding a personal budget" },
};

/*
 * A setting from the header, unless blank; a serial number only when
 * higher than the one kept (numbers compare as numbers).
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
	    "excluded.value WHERE ?1 NOT LIKE 'sen2-serial:%' OR "
	    "CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = ehc__db_step_done(im->db, st, "recording a setting");
	sqlite3_finalize(st);
	return rc;
}

/*
 * The return's SerialNo, so that the next XML message ehc writes for
 * its year carries the next one (an authority changing supplier
 * resubmits after the old supplier's return).
 */
static int
put_serial(struct imp *im, const char *serial)
{
	char key[32], val[16];

	if (*serial == '\0')
		return EHC_OK;
	snprintf(key, sizeof(key), "sen2-serial:%d", im->year);
	snprintf(val, sizeof(val), "%03d", atoi(serial));
	return put_setting(im, key, val);
}

/* A file changed between reading and writing. */
static int
changed(struct imp *im)
{
	return ehc__db_fail(im->db, EHC_EIO, "'%.300s' changed during the "
	    "import", im->f.path);
}

/* The person record being read, the i-th of the return. */
static int
write_person(struct imp *im, size_t i)
{
	struct ehc__batch *b = im->out[W_PERSON];
	struct person *p;

	if (i >= im->npersons)
		return changed(im);
	p = tape_at(im, T_PERSON, i, 1);
	if (strcmp(p->key, fld(im, F_PERSON, P_ID)) != 0)
		return changed(im);
	p->id = im->person_base + (int64_t)i + 1;
	ehc__batch_int(b, 0, p->id);
	ehc__batch_text(b, 1, fld(im, F_PERSON, P_FORENAME));
	ehc__batch_text(b, 2, fld(im, F_PERSON, P_SURNAME));
	ehc__batch_date(b, 3, p->dob);
	ehc__batch_text(b, 4, fld(im, F_PERSON, P_SEX));
	ehc__batch_text(b, 5, fld(im, F_PERSON, P_ETHNICITY));
	ehc__batch_text(b, 6, fld(im, F_PERSON, P_POSTCODE));
	ehc__batch_text(b, 7, fld(im, F_PERSON, P_UPN));
	ehc__batch_text(b, 8, fld(im, F_PERSON, P_ULN));
	ehc__batch_text(b, 9, fld(im, F_PERSON, P_UNKNOWN));
	return ehc__batch_row(b);
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

/* The store's view of one request: the workflow columns of cases. */
struct state {
	const char	*assess, *issue;
	int32_t		 assess_date, issue_date, final, withdrawn;
};

/* The first of the dates given (to EHC_NO_DATE) that is known. */
static int32_t
known(int32_t a, int32_t b, int32_t c, int32_t d)
{
	return a != EHC_NO_DATE ? a : b != EHC_NO_DATE ? b :
	    c != EHC_NO_DATE ? c : d;
}

/*
 * A request that closed without a date the return gives (withdrawn,
 * or the child moved away) closed in the collection period, or the
 * return would not hold it: on the first day known in it.
 */
static int32_t
closed(const struct imp *im, int32_t day)
{
	return day != EHC_NO_DATE && day < im->period ? im->period : day;
}

/*
 * The case's state from what the return says as on its census day;
 * a date the return does not give is the best one it implies (the
 * request's decision, its receipt, else the census day).
 */
static void
derive(const struct imp *im, const struct req *q, struct state *s)
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
		s->withdrawn = closed(im, known(q->rod, q->received,
		    im->refdate, EHC_NO_DATE));
		break;
	case 'H':
		s->assess = "H";
		break;
	}
	if (q->apos != 0) {
		switch (q->aout) {
		case 'Y':
			s->issue = "Y";
			/* Without a date: decided, not issued by census. */
			if (q->aod != EHC_NO_DATE)
				s->final = s->issue_date = q->aod;
			else
				s->issue_date = known(q->rod, q->received,
				    im->refdate, EHC_NO_DATE);
			break;
		case 'N':
			s->issue = "N";
			s->issue_date = q->aod;
			break;
		case 'W':
			s->withdrawn = closed(im, known(q->aod, q->rod,
			    q->received, im->refdate));
			break;
		case 'H':
			s->issue = "H";
			s->final = q->start;
			break;
		}
	} else if (q->n) {
		/* A plan reported without its assessment row. */
		s->issue = q->rout == 'H' ? "H" : "Y";
		s->final = q->start;
		if (q->rout != 'H')
			s->issue_date = q->start;
	}
	/* Moved away: the request closed, dated as best it can be. */
	if (q->exported && s->withdrawn == EHC_NO_DATE &&
	    s->final == EHC_NO_DATE && q->rout != 'N')
		s->withdrawn = closed(im, known(q->rod, q->received,
		    im->refdate, EHC_NO_DATE));
}

/* A one-character code, or NULL for none. */
static void
put_code(struct ehc__batch *b, int col, char c)
{
	char s[2];

	s[0] = c;
	s[1] = '\0';
	ehc__batch_text(b, col, s);
}

/* The request record being read, the i-th of the return. */
static int
write_case(struct imp *im, size_t i)
{
	struct ehc__batch *b = im->out[W_CASE];
	struct state s;
	struct req *q = NULL;
	char ref[EHC_REF_LEN];
	int64_t id;

	if (i >= im->nreqs)
		return changed(im);
	q = tape_at(im, T_REQUEST, i, 0);
	if (strcmp(q->key, fld(im, F_REQUESTS, K_REQUEST)) != 0)
		return changed(im);
	id = im->case_base + (int64_t)i + 1;
	snprintf(ref, sizeof(ref), "EHC-%06lld", (long long)id);
	derive(im, q, &s);
	ehc__batch_int(b, 0, id);
	ehc__batch_text(b, 1, ref);
	ehc__batch_int(b, 2, ((struct person *)tape_at(im, T_PERSON,
	    q->person, 0))->id);
	ehc__batch_date(b, 3, q->received);
	ehc__batch_text(b, 4, source_word(fld(im, F_REQUESTS, R_SOURCE)));
	ehc__batch_int(b, 5, flag(im, F_REQUESTS, R_RYA));
	ehc__batch_date(b, 6, s.withdrawn);
	ehc__batch_text(b, 7, s.assess);
	ehc__batch_date(b, 8, s.assess_date);
	ehc__batch_text(b, 9, s.issue);
	ehc__batch_date(b, 10, s.issue_date);
	ehc__batch_date(b, 11, s.final);
	ehc__batch_text(b, 12, q->v ? q->transfer : NULL);
	ehc__batch_text(b, 13, fld(im, F_REQUESTS, R_EXPORTED));
	ehc__batch_date(b, 14, q->n ? q->cease : EHC_NO_DATE);
	put_code(b, 15, q->reason);
	/* A plan naming settings has its PlanRes and PlanWBP on them. */
	put_code(b, 16, q->pd ? 0 : q->res);
	put_code(b, 17, q->pd ? 0 : q->wbp);
	/* Personal budgets are money records (write_history()). */
	ehc__batch_int(b, 18, 0);
	ehc__batch_text(b, 19, NULL);
	ehc__batch_text(b, 20, NULL);
	ehc__batch_int(b, 21, flag(im, F_REQUESTS, R_MED));
	ehc__batch_int(b, 22, flag(im, F_REQUESTS, R_TRIB));
	ehc__batch_int(b, 23, q->amed);
	ehc__batch_int(b, 24, q->atrib);
	ehc__batch_int(b, 25, q->omed);
	ehc__batch_int(b, 26, q->otrib);
	ehc__batch_text(b, 27, im->created);
	ehc__batch_date(b, 28, im->refdate);
	return ehc__batch_row(b);
}

/*
 * A row of a plan's named settings, placements or needs: the case, the
 * columns from the file, and what the history adds (in force from the
 * plan's start; the plan's PlanRes and PlanWBP on its first setting).
 */
static int
write_plan_row(struct imp *im, int file)
{
	static const struct {
		int	w, first, n;
	} how[NFILES] = {
		[F_PLANDETAIL] = { W_PLANDETAIL, D_SEQ, 8 },
		[F_PLACEMENT] = { W_PLACEMENT, L_SEQ, 12 },
		[F_SENNEED] = { W_NEED, S_TYPE, 2 },
	};
	struct ehc__batch *b = im->out[how[file].w];
	struct req *q;
	long i;
	int k;

	if ((i = find_key(im, 0, fld(im, file, K_REQUEST))) < 0)
		return im->fatal ? im->fatal : changed(im);
	/* Integer columns go as text; STRICT tables convert them. */
	ehc__batch_int(b, 0, im->case_base + i + 1);
	for (k = 0; k < how[file].n; k++)
		ehc__batch_text(b, k + 1, fld(im, file, how[file].first + k));
	if (file == F_PLACEMENT)
		return ehc__batch_row(b);
	q = tape_at(im, T_REQUEST, (size_t)i, 1);
	ehc__batch_date(b, how[file].n + 1, q->start);
	if (file == F_PLANDETAIL) {
		put_code(b, 10, q->resput ? 0 : q->res);
		put_code(b, 11, q->resput ? 0 : q->wbp);
		q->resput = 1;
	}
	return ehc__batch_row(b);
}

/*
 * The personal budgets the plan's PB, OA and DP say were in force:
 * from the plan's start, paid directly for what DP covers (I: education
 * and social care), organised arrangements as OA says.
 */
static int
write_budgets(struct imp *im, int64_t id, const struct req *q)
{
	struct ehc__batch *b = im->out[W_FUNDING];
	const char *covers = q->dp == 'E' ? "education" : q->dp == 'S' ?
	    "social-care" : q->dp == 'H' ? "health" : q->dp == 'I' ?
	    "education" : NULL;
	int rc, two = q->dp == 'I';

	do {
		ehc__batch_int(b, 0, id);
		ehc__batch_text(b, 1, "personal-budget");
		ehc__batch_int(b, 2, 0);
		ehc__batch_text(b, 3, "year");
		ehc__batch_date(b, 4, q->start);
		ehc__batch_text(b, 5, covers);
		ehc__batch_int(b, 6, covers != NULL);
		ehc__batch_int(b, 7, q->oa == '1');
		if ((rc = ehc__batch_row(b)) != EHC_OK)
			return rc;
		covers = "social-care";
	} while (two--);
	return EHC_OK;
}

/* A row of a plan's history: the case, then the columns given. */
static int
history_row(struct imp *im, int kind, int64_t id, int32_t d1, int32_t d2,
    const char *text)
{
	struct ehc__batch *b;

	switch (kind) {
	case H_EXCEPTION:
		b = im->out[W_EXCEPTION];
		ehc__batch_int(b, 0, id);
		ehc__batch_text(b, 1, "final-plan");
		ehc__batch_text(b, 2, "personal-circumstances");
		ehc__batch_date(b, 3, d1);
		ehc__batch_text(b, 4, text);
		break;
	case H_REVIEW:
		/* Numbered here: its amendment refers to it. */
		b = im->out[W_REVIEW];
		ehc__batch_int(b, 0, ++im->review_last);
		ehc__batch_int(b, 1, id);
		ehc__batch_date(b, 2, d1);
		ehc__batch_date(b, 3, d2);
		ehc__batch_text(b, 4, text);
		break;
	case H_PHASE:
		b = im->out[W_PHASE];
		ehc__batch_int(b, 0, id);
		ehc__batch_date(b, 1, d1);
		ehc__batch_text(b, 2, text);
		break;
	default:	/* an amendment, after a review or not */
		b = im->out[W_AMENDMENT];
		ehc__batch_int(b, 0, id);
		if (kind == H_REVIEW_AMENDMENT)
			ehc__batch_int(b, 1, im->review_last);
		ehc__batch_date(b, 2, d1);
		ehc__batch_date(b, 3, d2);
		break;
	}
	return ehc__batch_row(b);
}

/*
 * A phase transfer is stored by its transfer date and kind, from which
 * the clock derives the due date; recover them from the due date when
 * the rules allow (14 February: school; 30 March: post-16; otherwise five
 * months before a post-16 move).  Transfers are taken to happen on
 * 1 September.
 */
static int
write_phase_transfer(struct imp *im, int64_t id, int32_t due, int32_t fin,
    int32_t final)
{
	const char *kind;
	int32_t transfer;
	int y, m, d;
	int rc;

	ehc_date_to_ymd(&y, &m, &d, due);
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
	if ((rc = history_row(im, H_PHASE, id, transfer, EHC_NO_DATE, kind))
	    != EHC_OK)
		return rc;
	/* The amended plan that met it, when it falls in the clock's window. */
	if (fin != EHC_NO_DATE && fin <= transfer &&
	    fin >= ehc_date_add_months(transfer, -12))
		rc = history_row(im, H_AMENDMENT, id, fin, fin, NULL);
	return rc;
}

static int
write_history(struct imp *im)
{
	struct state s;
	size_t i;
	int64_t id;
	int rc = EHC_OK;

	for (i = 0; i < im->nreqs && rc == EHC_OK; i++) {
		struct req *q = tape_at(im, T_REQUEST, i, 0);
		int32_t dob = ((struct person *)tape_at(im, T_PERSON,
		    q->person, 0))->dob;

		if (im->fatal)
			return tape_fail(im, im->fatal);
		id = im->case_base + (int64_t)i + 1;
		derive(im, q, &s);
		if (q->n && q->pb && (rc = write_budgets(im, id, q)) != EHC_OK)
			break;
		if (q->apos != 0 && q->week20 && (rc = history_row(im,
		    H_EXCEPTION, id, s.final != EHC_NO_DATE ? s.final :
		    q->aod != EHC_NO_DATE ? q->aod : dob,
		    EHC_NO_DATE, "imported from SEN2 Week20")) != EHC_OK)
			break;
		if (!q->v)
			continue;
		if (q->meeting != EHC_NO_DATE) {
			char outcome[2] = { q->outcome, '\0' };

			if ((rc = history_row(im, H_REVIEW, id, q->meeting,
			    q->last, outcome)) != EHC_OK)
				break;
			if (q->draft != EHC_NO_DATE && (rc = history_row(im,
			    H_REVIEW_AMENDMENT, id, q->draft, EHC_NO_DATE,
			    NULL)) != EHC_OK)
				break;
		}
		if (q->due != EHC_NO_DATE && (rc = write_phase_transfer(im, id,
		    q->due, q->fin, s.final)) != EHC_OK)
			break;
	}
	return rc;
}

/*
 * Reading.  The text is read in chunks and fed to libcsv one line at a
 * time so that the line of every record, and of every error, is known.
 */

static void
on_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	struct file *f = &im->f;
	struct ehc__sen2_rec *r = &f->cur;
	size_t oc = (size_t)r->offcap, i;
	char *p;

	if (f->nomem)
		return;
	if (ehc__grow((void **)&r->off, &oc, (size_t)r->nf + 1, sizeof(*r->off))
	    == -1 || ehc__grow((void **)&r->buf, &r->cap, r->len + len + 1, 1)
	    == -1) {
		f->nomem = 1;
		return;
	}
	r->offcap = (int)oc;
	p = r->buf + r->len;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	/* A NUL would cut the value short where it is read: refuse it. */
	if (memchr(p, '\0', len) != NULL && !f->serr) {
		f->serr = 1;
		snprintf(f->smsg, sizeof(f->smsg), "%.300s:%lld:%d: the field "
		    "holds a NUL byte, which no text may; remove it", f->path,
		    (long long)(r->nf == 0 ? f->line : r->line), r->nf + 1);
	}
	/* The quote ehc's CSV writer puts before a formula-like value. */
	if (ehc__csv_guarded(p)) {
		memmove(p, p + 1, len);
		len--;
	}
	if (r->nf == 0) {
		r->line = f->line;
		for (i = 0; i < len; i++)
			if (p[i] == '\n')
				r->line--;
	}
	r->off[r->nf++] = r->len;
	r->len += len + 1;
}

/* Each table's row check (first pass). */
static int (*const check[NFILES])(struct imp *) = {
	NULL, row_person, row_request, row_assessment, row_plan,
	row_plandetail, row_active, row_placement, row_senneed
};

/* The key column of each table of plan rows (note_unique()). */
static const int pair_key[NFILES] = {
	[F_PLANDETAIL] = D_SEQ, [F_PLACEMENT] = L_SEQ, [F_SENNEED] = S_RANK
};

/* Check a data row, write it, or note its pair again (PASS_PAIRS). */
static void
on_record(struct imp *im)
{
	struct file *f = &im->f;
	struct req *q = NULL;
	size_t qi = 0;
	int rc = EHC_OK;

	im->now = &f->cur;
	if (f->pass == PASS_PAIRS) {
		/* Every row passed child_of() when checked. */
		if ((rc = child_of(im, f->file, &q, &qi)) == EHC_OK)
			rc = note_unique(im, f->file, q, qi,
			    pair_key[f->file]);
		else if (rc == EHC_EINVAL)
			rc = changed(im);
	} else if (f->pass == PASS_CHECK) {
		if (f->file == F_HEADER) {
			if (f->nrecs == 1 && rec_copy(&im->hdr, &f->cur) == -1)
				f->nomem = 1;
			if (f->nrecs == 2)
				im->hdr_line2 = f->cur.line;
			return;
		}
		if (file_rank[f->file] >= im->vrank)
			return;
		rc = check[f->file](im);
		if (rc == EHC_EINVAL) {
			pending(im, file_rank[f->file], rc);
			return;
		}
	} else {
		switch (f->file) {
		case F_PERSON:
			rc = write_person(im, im->nwritten++);
			break;
		case F_REQUESTS:
			rc = write_case(im, im->nwritten++);
			break;
		case F_PLANDETAIL:
		case F_PLACEMENT:
		case F_SENNEED:
			rc = write_plan_row(im, f->file);
			break;
		}
	}
	if (rc != EHC_OK)
		im->fatal = rc;
}

static void
on_row(int c, void *data)
{
	struct imp *im = data;
	struct file *f = &im->f;
	struct ehc__sen2_rec *r = &f->cur;
	int i, k;

	(void)c;
	f->last_end = f->line;
	if (f->nomem || im->fatal)
		goto done;
	if (f->nrecs == 0) {
		/* Find each column by its name in the header row. */
		f->hdr_nf = r->nf;
		if (f->file == F_HEADER)
			im->hdr_line0 = r->line;
		for (k = 0; k < ehc__sen2_tables[f->file].nitems && !f->serr;
		    k++) {
			for (i = 0; i < r->nf; i++)
				if (strcmp(r->buf + r->off[i],
				    colname(f->file, k)) == 0)
					break;
			if (i == r->nf) {
				f->serr = 1;
				snprintf(f->smsg, sizeof(f->smsg), "%.300s:%ld:"
				    "%d: the header has no column '%s'",
				    f->path, (long)r->line, r->nf + 1,
				    colname(f->file, k));
			}
			im->idx[f->file][k] = i;
		}
	} else if (!f->serr) {
		if (r->nf != f->hdr_nf) {
			f->serr = 1;
			snprintf(f->smsg, sizeof(f->smsg), "%.300s:%ld:%d: %d "
			    "fields where the header has %d", f->path,
			    (long)r->line,
			    r->nf < f->hdr_nf ? r->nf + 1 : f->hdr_nf + 1,
			    r->nf, f->hdr_nf);
		} else
			on_record(im);
	}
done:
	f->nrecs++;
	r->len = 0;
	r->nf = 0;
	r->line = 0;
}

/* Read one file, checking, writing or noting pairs (PASS_*) row by row. */
static int
read_file(struct imp *im, int file, int pass)
{
	struct file *f = &im->f;
	struct csv_parser p;
	FILE *fp;
	char *s, *nl, *end;
	size_t got, seg, done;
	int rc = EHC_OK, first = 1, err;

	f->file = file;
	f->pass = pass;
	f->nrecs = 0;
	f->line = 1;
	f->last_end = 0;
	f->nomem = f->serr = 0;
	f->cur.len = 0;
	f->cur.nf = 0;
	f->cur.line = 0;
	snprintf(f->path, sizeof(f->path), "%s/%s.csv", im->dir,
	    ehc__sen2_tables[file].file);
	if ((fp = fopen(f->path, "rb")) == NULL)
		return ehc__db_fail(im->db, EHC_ENOINPUT, "cannot read "
		    "'%.300s': %s; a SEN2 return is nine CSV files (see "
		    "ehc-import(1))", f->path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0) {
		fclose(fp);
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	}
	while (rc == EHC_OK && (got = fread(im->chunk, 1, CHUNK, fp)) > 0) {
		s = im->chunk;
		end = s + got;
		if (first && got >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;		/* a byte-order mark from Excel */
		first = 0;
		while (s < end) {
			nl = memchr(s, '\n', (size_t)(end - s));
			seg = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
			done = csv_parse(&p, s, seg, on_field, on_row, im);
			if (done != seg) {
				err = csv_error(&p);
				rc = err == CSV_ENOMEM || err == CSV_ETOOBIG ?
				    ehc__db_fail(im->db, EHC_ENOMEM, "out of "
				    "memory reading '%.300s'", f->path) :
				    ehc__db_fail(im->db, EHC_EINVAL, "%.300s:"
				    "%d:%d: malformed CSV: a quote inside an "
				    "unquoted field, or text after a closing "
				    "quote", f->path, f->line, f->cur.nf + 1);
				break;
			}
			if (f->nomem || im->fatal)
				break;
			s += seg;
			if (nl != NULL)
				f->line++;
		}
		if (f->nomem || im->fatal)
			break;
	}
	if (rc == EHC_OK && ferror(fp))
		rc = ehc__db_fail(im->db, EHC_ENOINPUT, "cannot read "
		    "'%.300s': %s", f->path, strerror(errno));
	if (rc == EHC_OK && !f->nomem && !im->fatal &&
	    csv_fini(&p, on_field, on_row, im) != 0)
		rc = ehc__db_fail(im->db, EHC_EINVAL, "%.300s:%ld:%d: "
		    "malformed CSV: a quoted field is not closed before the "
		    "end of the file", f->path, f->cur.nf > 0 ?
		    (long)f->cur.line : (long)f->last_end + 1, f->cur.nf + 1);
	csv_free(&p);
	fclose(fp);
	if (rc != EHC_OK)
		return rc;
	if (im->fatal)
		return tape_fail(im, im->fatal);
	if (f->nomem)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory reading "
		    "'%.300s'", f->path);
	if (f->nrecs == 0)
		return ehc__db_fail(im->db, EHC_EINVAL, "%.300s:1:1: the file "
		    "is empty; it needs a header row naming its columns",
		    f->path);
	if (f->serr)
		return ehc__db_fail(im->db, EHC_EINVAL, "%s", f->smsg);
	return EHC_OK;
}

/* Ready to check: the UPNs the store holds, for a return read twice. */
static int
start_checks(struct imp *im)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(im->db, &st, "SELECT EXISTS (SELECT 1 FROM "
	    "person WHERE upn IS NOT NULL)")) != EHC_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		im->store_upns = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (im->store_upns && (rc = ehc__db_prepare(im->db, &im->upn,
	    "SELECT c.ref FROM person p LEFT JOIN cases c ON c.person_id = "
	    "p.id WHERE p.upn = ?1 ORDER BY c.id LIMIT 1")) != EHC_OK)
		return rc;
	return EHC_OK;
}

/*
 * After the rows of a table (all of a CSV file, or one person's in an
 * XML message, keep set): the checks across its rows; requests from
 * number from on.
 */
static int
end_table(struct imp *im, int file, size_t from, int keep)
{
	switch (file) {
	case F_HEADER:
		if (RANK_HEADER < im->vrank)
			pending(im, RANK_HEADER, check_header(im));
		return EHC_OK;
	case F_PERSON:
		return end_persons(im, keep);
	case F_REQUESTS:
		end_requests(im);
		return EHC_OK;
	case F_NAMEDPLAN:
		check_outcomes(im, from);
		return EHC_OK;
	case F_PLANDETAIL:
		return end_plan_rows(im, F_PLANDETAIL, D_SEQ,
		    RANK_PLANDETAIL_TWICE);
	case F_PLACEMENT:
		return end_plan_rows(im, F_PLACEMENT, L_SEQ,
		    RANK_PLACEMENT_TWICE);
	case F_SENNEED:
		return end_plan_rows(im, F_SENNEED, S_RANK,
		    RANK_SENNEED_TWICE);
	}
	return EHC_OK;
}

/* The first problem found, if any, as the import's failure. */
static int
problem(struct imp *im)
{
	if (im->fatal)
		return tape_fail(im, im->fatal);
	if (im->vrank != NO_ERROR) {
		memcpy(im->db->errmsg, im->vmsg, sizeof(im->vmsg));
		return EHC_EINVAL;
	}
	return EHC_OK;
}

/* Read and check every file, in order; nothing is written. */
static int
check_all(struct imp *im)
{
	int rc, file;

	for (file = 0; file < NFILES; file++) {
		if ((rc = read_file(im, file, PASS_CHECK)) != EHC_OK)
			return rc;
		if (file == F_HEADER)
			im->hdr_nrecs = im->f.nrecs;
		if ((rc = end_table(im, file, 0, 0)) != EHC_OK)
			return rc;
		if (im->fatal)
			return tape_fail(im, im->fatal);
	}
	return problem(im);
}

/*
 * The ids the rows will take after those in the store (cases.id is
 * AUTOINCREMENT: after any case ever made), and the time they are made.
 */
static int
bases(struct imp *im)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(im->db, &st, "SELECT max(coalesce((SELECT "
	    "seq FROM sqlite_sequence WHERE name = 'cases'), 0), "
	    "coalesce((SELECT max(id) FROM cases), 0)), "
	    "coalesce((SELECT max(id) FROM person), 0), "
	    "coalesce((SELECT max(id) FROM review), 0), "
	    "strftime('%Y-%m-%dT%H:%M:%SZ')")) != EHC_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		im->case_base = sqlite3_column_int64(st, 0);
		im->person_base = sqlite3_column_int64(st, 1);
		im->review_last = sqlite3_column_int64(st, 2);
		snprintf(im->created, sizeof(im->created), "%s",
		    sqlite3_column_text(st, 3));
		rc = EHC_OK;
	} else
		rc = ehc__db_error(im->db, rc, "reading the next ids");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Once the header is checked: the authority's settings, the ids, and
 * the batches, each written after the rows its rows refer to.
 */
static int
write_setup(struct imp *im)
{
	static const int parent[NWRITES] = {
		[W_PERSON] = -1, [W_CASE] = W_PERSON,
		[W_PLANDETAIL] = W_CASE, [W_PLACEMENT] = W_CASE,
		[W_NEED] = W_CASE, [W_EXCEPTION] = W_CASE, [W_REVIEW] = W_CASE,
		[W_PHASE] = W_CASE, [W_AMENDMENT] = W_REVIEW,
		[W_FUNDING] = W_CASE,
	};
	int rc, w;

	im->now = &im->hdr;
	if ((rc = put_setting(im, "lea", fld(im, F_HEADER, H_LEA))) != EHC_OK ||
	    (rc = put_setting(im, "dmo", fld(im, F_HEADER, H_DMO))) != EHC_OK ||
	    (rc = put_setting(im, "dco", fld(im, F_HEADER, H_DCO))) != EHC_OK ||
	    (rc = put_setting(im, "dsco", fld(im, F_HEADER, H_DSCO)))
	    != EHC_OK ||
	    (rc = put_serial(im, fld(im, F_HEADER, H_SERIAL))) != EHC_OK ||
	    (rc = bases(im)) != EHC_OK)
		return rc;
	/*
	 * Into a store with nobody in it yet, the indexes by UPN, ULN and
	 * officer are made at the end: kept row by row, each row writes a
	 * page at random, and a batch's pages outgrow the memory SQLite
	 * keeps a statement's undo in (64 KiB), after which every write
	 * of the import's undo is a system call.  The UPNs are checked in
	 * the scratch database meanwhile (check_upn()).
	 */
	for (w = 0; im->person_base == 0 && w < (int)NASIDE; w++)
		if ((rc = ehc__index_set_aside(im->db, aside_indexes[w],
		    &im->aside[w])) != EHC_OK)
			return rc;
	for (w = 0; w < NWRITES; w++)
		if ((rc = ehc__batch_open(im->db, &write_sql[w], &im->out[w]))
		    != EHC_OK)
			return rc;
	for (w = 0; w < NWRITES; w++)
		if (parent[w] >= 0)
			ehc__batch_after(im->out[w], im->out[parent[w]]);
	return EHC_OK;
}

/* The rows that follow from the rest, then everything flushed. */
static int
write_finish(struct imp *im)
{
	int rc, w;

	if ((rc = write_history(im)) != EHC_OK)
		return rc;
	for (w = 0; w < NWRITES; w++)
		if ((rc = ehc__batch_flush(im->out[w])) != EHC_OK)
			return rc;
	for (w = 0; w < (int)NASIDE; w++)
		if (im->aside[w] != NULL) {
			rc = ehc__db_exec(im->db, im->aside[w]);
			free(im->aside[w]);
			im->aside[w] = NULL;
			if (rc != EHC_OK)
				return rc;
		}
	if (im->nreqs > 0 && (rc = ehc__clock_refresh_range(im->db,
	    im->case_base + 1, im->case_base + (int64_t)im->nreqs)) != EHC_OK)
		return rc;
	return EHC_OK;
}

/* The nine CSV files' rows, read again and written. */
static int
write_all(struct imp *im)
{
	static const int files[] = { F_PERSON, F_REQUESTS, F_PLANDETAIL,
	    F_PLACEMENT, F_SENNEED };
	size_t i;
	int rc, w;

	if ((rc = write_setup(im)) != EHC_OK)
		return rc;
	/* Each file's rows are all written before the rows that refer to them. */
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		im->nwritten = 0;
		if ((rc = read_file(im, files[i], PASS_WRITE)) != EHC_OK)
			return rc;
		if ((files[i] == F_PERSON && im->nwritten != im->npersons) ||
		    (files[i] == F_REQUESTS && im->nwritten != im->nreqs))
			return changed(im);
		for (w = 0; w < NWRITES; w++)
			if ((rc = ehc__batch_flush(im->out[w])) != EHC_OK)
				return rc;
	}
	return write_finish(im);
}

/*
 * The XML message, read once (sen2_xml.c): the header is checked and
 * the writing set up, then each person's rows are checked and, when all
 * is well, written; the first person with a problem stops the import,
 * and the caller's transaction undoes what was written.
 */
static int
xml_header(void *payload, struct ehc__sen2_rec *r)
{
	struct imp *im = payload;
	int rc;

	if (rec_copy(&im->hdr, r) == -1)
		return ehc__db_fail(im->db, EHC_ENOMEM, "out of memory");
	im->hdr_nrecs = 2;
	im->hdr_line0 = r->line;
	if ((rc = end_table(im, F_HEADER, 0, 1)) != EHC_OK ||
	    (rc = problem(im)) != EHC_OK)
		return rc;
	return write_setup(im);
}

static int
xml_person(void *payload, struct ehc__sen2_rec *const *recs, const size_t *n)
{
	struct imp *im = payload;
	size_t from = im->nreqs, i;
	int rc, f;

	for (f = F_PERSON; f < NFILES; f++) {
		im->xml_rows = recs[f];
		for (i = 0; i < n[f]; i++) {
			im->now = &recs[f][i];
			im->xml_row = i;
			if (file_rank[f] >= im->vrank)
				break;
			if ((rc = check[f](im)) == EHC_EINVAL)
				pending(im, file_rank[f], rc);
			else if (rc != EHC_OK)
				return rc;
			if (im->fatal)
				return tape_fail(im, im->fatal);
		}
		if ((rc = end_table(im, f, from, 1)) != EHC_OK)
			return rc;
	}
	if ((rc = problem(im)) != EHC_OK)
		return rc;
	for (f = F_PERSON; f < NFILES; f++)
		for (i = 0; i < n[f]; i++) {
			im->now = &recs[f][i];
			if (f == F_PERSON)
				rc = write_person(im, (size_t)im->xml_person++);
			else if (f == F_REQUESTS)
				rc = write_case(im, (size_t)im->xml_request++);
			else if (f == F_PLANDETAIL || f == F_PLACEMENT ||
			    f == F_SENNEED)
				rc = write_plan_row(im, f);
			if (rc != EHC_OK)
				return rc;
		}
	return EHC_OK;
}

static int
import_xml(struct imp *im)
{
	static const struct ehc__sen2_xml_cb cb = { xml_header, xml_person };
	int rc, f, k;

	/* The reader gives each row's fields in the table's order. */
	for (f = 0; f < NFILES; f++)
		for (k = 0; k < MAX_COLS; k++)
			im->idx[f][k] = k;

	if ((rc = ehc__sen2_xml_read(im->db, im->dir, &cb, im)) != EHC_OK)
		return rc;
	return write_finish(im);
}

static void
imp_release(struct imp *im)
{
	int i;

	sqlite3_finalize(im->upn);
	for (i = 0; i < (int)NASIDE; i++)
		free(im->aside[i]);
	for (i = 0; i < NWRITES; i++)
		ehc__batch_close(im->out[i]);
	ehc__sen2_rec_release(&im->f.cur);
	ehc__sen2_rec_release(&im->hdr);
	free(im->chunk);
	for (i = 0; i < NTAPES; i++)
		tape_release(&im->tape[i]);
	for (i = 0; i < NXSTMTS; i++)
		sqlite3_finalize(im->xs[i]);
	sqlite3_close(im->x);
}

int
ehc_sen2_import_counted(struct ehc_sen2_counts *out, struct ehc_db *db,
    const char *path)
{
	struct imp im;
	struct stat sb;
	char detail[64];
	int rc, file;

	memset(&im, 0, sizeof(im));
	im.db = db;
	im.dir = path;
	im.vrank = NO_ERROR;
	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (stat(path, &sb) == -1)
		return ehc__db_fail(db, EHC_ENOINPUT, "no file or directory "
		    "'%.300s'; name the XML message or the directory holding "
		    "the nine sen2_*.csv files", path);
	im.xml = !S_ISDIR(sb.st_mode);
	/* Missing files first: they are the commonest mistake. */
	for (file = 0; !im.xml && file < NFILES; file++) {
		char csv[4096];

		snprintf(csv, sizeof(csv), "%s/%s.csv", path,
		    ehc__sen2_tables[file].file);
		if (stat(csv, &sb) == -1)
			return ehc__db_fail(db, EHC_ENOINPUT, "no file "
			    "'%.300s'; a SEN2 return is the nine files "
			    "sen2_header.csv ... sen2_senneed.csv", csv);
	}
	if ((im.chunk = malloc(CHUNK)) == NULL ||
	    tape_init(&im.tape[T_PERSON], sizeof(struct person)) == -1 ||
	    tape_init(&im.tape[T_REQUEST], sizeof(struct req)) == -1) {
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = scratch_open(&im)) != EHC_OK ||
	    (rc = start_checks(&im)) != EHC_OK)
		goto out;
	/* A CSV folder is read and checked before the first row is written. */
	if (im.xml)
		rc = import_xml(&im);
	else if ((rc = check_all(&im)) == EHC_OK)
		rc = write_all(&im);
	if (rc != EHC_OK)
		goto out;
	snprintf(detail, sizeof(detail), "cases=%zu", im.nreqs);
	if ((rc = ehc__audit(db, 0, "import sen2", detail)) != EHC_OK ||
	    (im.nreqs > 0 && (rc = ehc__seal_range(db, im.case_base + 1,
	    im.case_base + (int64_t)im.nreqs)) != EHC_OK))
		goto out;
	if (out != NULL) {
		out->people = (int)im.npersons;
		out->cases = (int)im.nreqs;
	}
out:
	imp_release(&im);
	return rc;
}

int
ehc_sen2_import(struct ehc_db *db, const char *path)
{
	return ehc_sen2_import_counted(NULL, db, path);
}
