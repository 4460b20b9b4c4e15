/*
 * seal.c: the seals of the cases.  The audit chain proves what ehc did;
 * a seal proves that a case's rows are still what ehc left them.  After
 * every audited write to a case (and every import), the case is sealed:
 * one HMAC under the audit key over the case, its last audit record and
 * every row it has in every table, in a fixed order.  The deep check
 * (ehc audit verify --deep) computes it again: a row changed, added or
 * removed outside ehc, or a seal copied back from an earlier state, no
 * longer matches.  With the MAC, a seal keeps a short fingerprint of
 * each table's rows (FNV-1a over 8 bytes at a time, no secret: it only
 * names the table that differs, the MAC is what proves it), as
 * "table=fingerprint".  Seals made before ehc 19's schema took it a
 * byte at a time, as "table:fingerprint": the MAC is the same, and for
 * them a difference is reported without the table.
 *
 * A row is digested as its columns' names and values, leaving out
 * NULL, 0 and '' so that a column added later with such a default
 * changes no seal.  Deadlines are derived, not sealed.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every table that holds a case's rows, and how to read them: the case
 * first, then the row, in an order an index gives for a range of cases.
 * The unit tests check that each table linked to a case is here.
 */
static const struct part {
	const char	*table;
	const char	*sql;
} parts[] = {
	{ "person", "SELECT c.id, p.* FROM cases c JOIN person p ON p.id = "
	    "c.person_id WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id" },
	{ "cases", "SELECT id, * FROM cases WHERE id BETWEEN ?1 AND ?2 "
	    "ORDER BY id" },
	{ "advice", "SELECT case_id, * FROM advice WHERE case_id BETWEEN ?1 "
	    "AND ?2 ORDER BY case_id, seq" },
	{ "exception", "SELECT case_id, * FROM exception WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "review", "SELECT case_id, * FROM review WHERE case_id BETWEEN ?1 "
	    "AND ?2 ORDER BY case_id, id" },
	{ "amendment", "SELECT case_id, * FROM amendment WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "phase_transfer", "SELECT case_id, * FROM phase_transfer WHERE "
	    "case_id BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "note", "SELECT case_id, * FROM note WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id, id" },
	{ "need", "SELECT case_id, * FROM need WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id, id" },
	{ "placement", "SELECT case_id, * FROM placement WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, seq" },
	{ "plan_detail", "SELECT case_id, * FROM plan_detail WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, seq" },
	{ "cessation", "SELECT case_id, * FROM cessation WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "reassessment", "SELECT case_id, * FROM reassessment WHERE "
	    "case_id BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "dispute", "SELECT case_id, * FROM dispute WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "tribunal_order", "SELECT case_id, * FROM tribunal_order WHERE "
	    "case_id BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "order_step", "SELECT o.case_id, s.* FROM tribunal_order o JOIN "
	    "order_step s ON s.order_id = o.id WHERE o.case_id BETWEEN ?1 AND "
	    "?2 ORDER BY o.case_id, o.id, s.step" },
	{ "la_transfer", "SELECT case_id, * FROM la_transfer WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "funding", "SELECT case_id, * FROM funding WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "plan_section", "SELECT case_id, * FROM plan_section WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, section" },
	{ "plan_item", "SELECT case_id, * FROM plan_item WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, section, seq" },
	{ "plan_link", "SELECT i.case_id, l.* FROM plan_item i JOIN "
	    "plan_link l ON l.item_id = i.id WHERE i.case_id BETWEEN ?1 AND "
	    "?2 ORDER BY i.case_id, i.section, i.seq, l.target_id" },
	{ "outcome_progress", "SELECT case_id, * FROM outcome_progress WHERE "
	    "case_id BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
	{ "plan_version", "SELECT case_id, * FROM plan_version WHERE "
	    "case_id BETWEEN ?1 AND ?2 ORDER BY case_id, number" },
	{ "history", "SELECT case_id, * FROM history WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "booking", "SELECT case_id, * FROM booking WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "contact", "SELECT case_id, * FROM contact WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "concern", "SELECT case_id, * FROM concern WHERE case_id BETWEEN "
	    "?1 AND ?2 ORDER BY case_id, id" },
	{ "chc", "SELECT case_id, * FROM chc WHERE case_id BETWEEN ?1 AND "
	    "?2 ORDER BY case_id" },
	{ "decision", "SELECT case_id, * FROM decision WHERE case_id "
	    "BETWEEN ?1 AND ?2 ORDER BY case_id, id" },
};

#define NPARTS ((int)(sizeof(parts) / sizeof(parts[0])))
/* "table:" and 8 hex digits and a space, for each table. */
#define LIST_LEN (NPARTS * 32)

int
ehc__seal_covers(const char *table)
{
	int i;

	for (i = 0; i < NPARTS; i++)
		if (strcmp(parts[i].table, table) == 0)
			return 1;
	return 0;
}

/*
 * What a case's rows are fed to: the keyed MAC of the whole case and the
 * fingerprint of the table being read.
 */
struct sealer {
	struct ehc__hmac	 mac;
	uint64_t		 fnv;
	uint64_t		 word;		/* the bytes of a word begun */
	size_t			 nword;
	size_t			 n;		/* bytes in buf */
	unsigned char		 buf[2048];	/* fed a row at a time */
};

#define FNV_BASIS	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static void
feed_now(struct sealer *z, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = z->fnv, w;

	ehc__hmac_update(&z->mac, data, len);
	/* Whole words, however the bytes come: the same bytes, one value. */
	for (; len > 0 && z->nword > 0; len--) {
		z->word |= (uint64_t)*p++ << (8 * z->nword);
		if (++z->nword == 8) {
			h = (h ^ z->word) * FNV_PRIME;
			z->word = z->nword = 0;
		}
	}
	for (; len >= 8; len -= 8, p += 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * FNV_PRIME;
	}
	for (; len > 0; len--)
		z->word |= (uint64_t)*p++ << (8 * z->nword++);
	z->fnv = h;
}

/* The fingerprint of what was fed since the last, in 32 bits. */
static uint32_t
fingerprint(struct sealer *z)
{
	uint64_t h = z->fnv;

	if (z->nword > 0)
		h = (h ^ z->word ^ (uint64_t)z->nword << 59) * FNV_PRIME;
	z->fnv = FNV_BASIS;
	z->word = z->nword = 0;
	return (uint32_t)((h ^ h >> 32) & 0xffffffff);
}

static void
feed_flush(struct sealer *z)
{
	if (z->n > 0)
		feed_now(z, z->buf, z->n);
	z->n = 0;
}

/* Bytes gathered and fed by the buffer full: a row is many small parts. */
static void
feed(struct sealer *z, const void *data, size_t len)
{
	if (z->n + len > sizeof(z->buf)) {
		feed_flush(z);
		if (len > sizeof(z->buf)) {
			feed_now(z, data, len);
			return;
		}
	}
	memcpy(z->buf + z->n, data, len);
	z->n += len;
}

/* Decimal digits of v, without printf: this runs for every column. */
static size_t
digits(char *buf, uint64_t v)
{
	char tmp[24];
	size_t n = 0, i;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* A field as "<len>:<bytes>", as ehc__hmac_field() puts one. */
static void
feed_field(struct sealer *z, const void *data, size_t len)
{
	char n[24];
	size_t k = digits(n, len);

	n[k++] = ':';
	feed(z, n, k);
	feed(z, data, len);
}

/*
 * One row, from column 1 on (column 0 is the case); name[i] is column
 * i's name as a field ("<len>:<name>"), made once for the scan, and
 * namelen[i] its length.
 */
static void
digest_row(struct sealer *z, sqlite3_stmt *st, char *const *name,
    const size_t *namelen)
{
	sqlite3_value *val;
	const void *v;
	char num[32], type;
	int i, n = sqlite3_column_count(st);
	sqlite3_int64 x;
	size_t len;

	/*
	 * Each column's value taken once: the sqlite3_column_*() calls each
	 * check the statement again, and a row is read a column at a time.
	 */
	for (i = 1; i < n; i++) {
		val = sqlite3_column_value(st, i);
		switch (sqlite3_value_type(val)) {
		case SQLITE_INTEGER:
			if ((x = sqlite3_value_int64(val)) == 0)
				continue;
			len = 0;
			if (x < 0)
				num[len++] = '-';
			len += digits(num + len, x < 0 ? 0 - (uint64_t)x :
			    (uint64_t)x);
			type = 'i';
			v = num;
			break;
		case SQLITE_FLOAT:
			snprintf(num, sizeof(num), "%.17g",
			    sqlite3_value_double(val));
			type = 'f';
			v = num;
			len = strlen(num);
			break;
		case SQLITE_TEXT:
		case SQLITE_BLOB:
			type = sqlite3_value_type(val) == SQLITE_TEXT ? 't' :
			    'b';
			v = sqlite3_value_blob(val);
			if ((len = (size_t)sqlite3_value_bytes(val)) == 0)
				continue;
			break;
		default:
			continue;
		}
		feed(z, name[i], namelen[i]);
		feed_field(z, &type, 1);
		feed_field(z, v, len);
	}
	feed(z, "\n", 1);
}

/* The parts' statements for cases lo to hi, each on its first row. */
struct scan {
	sqlite3_stmt	*st[NPARTS];
	int		 row[NPARTS];	/* 1 while on a row */
	char		**name[NPARTS];	/* each column's name as a field */
	size_t		*namelen[NPARTS];	/* and its length */
	int		 ncols[NPARTS];		/* how many were named */
	sqlite3_stmt	*cases;		/* id, last audit record */
};

static int
scan_step(struct ehc_db *db, struct scan *s, int i)
{
	int rc = sqlite3_step(s->st[i]);

	s->row[i] = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading a case to seal");
	return EHC_OK;
}

static void
scan_close(struct scan *s)
{
	int i;

	for (i = 0; i < NPARTS; i++) {
		if (s->st[i] != NULL)
			sqlite3_reset(s->st[i]);
		free(s->name[i]);
	}
	if (s->cases != NULL)
		sqlite3_reset(s->cases);
}

/* 1 if the store has the table, 0 if not, or a (negative) status. */
static int
table_exists(struct ehc_db *db, const char *table)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT 1 FROM sqlite_schema "
	    "WHERE type = 'table' AND name = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ehc__db_error(db, rc, "reading the schema");
}

/*
 * The names of part i's columns as fields, in one block with their list
 * and their lengths.
 */
static int
name_fields(struct ehc_db *db, struct scan *s, int i)
{
	int k, n = sqlite3_column_count(s->st[i]);
	size_t size = (size_t)n * (sizeof(char *) + sizeof(size_t)), at;
	const char *name;
	char *p;

	for (k = 0; k < n; k++)
		size += strlen(sqlite3_column_name(s->st[i], k)) + 24;
	free(s->name[i]);
	if ((s->name[i] = malloc(size)) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	s->ncols[i] = n;
	s->namelen[i] = (size_t *)(s->name[i] + n);
	p = (char *)(s->namelen[i] + n);
	for (k = 0; k < n; k++) {
		name = sqlite3_column_name(s->st[i], k);
		s->name[i][k] = p;
		at = digits(p, strlen(name));
		p[at++] = ':';
		memcpy(p + at, name, strlen(name) + 1);
		s->namelen[i][k] = at + strlen(name);
		p += at + strlen(name) + 1;
	}
	return EHC_OK;
}

static int
scan_open(struct ehc_db *db, struct scan *s, int64_t lo, int64_t hi)
{
	int i, rc;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < NPARTS; i++) {
		/*
		 * A table a later migration adds has no rows yet when an
		 * earlier one seals (schema 13): it is left out, as a table
		 * with no rows of the case is.
		 */
		if ((rc = table_exists(db, parts[i].table)) < 0)
			goto fail;
		if (rc == 0)
			continue;
		if ((rc = ehc__db_cached(db, &s->st[i], parts[i].sql))
		    != EHC_OK)
			goto fail;
		sqlite3_bind_int64(s->st[i], 1, lo);
		sqlite3_bind_int64(s->st[i], 2, hi);
		/*
		 * Named once stepped: a statement cached before a migration
		 * added a column is prepared again by its first step, and
		 * only then counts the column ("SELECT *").
		 */
		if ((rc = scan_step(db, s, i)) != EHC_OK ||
		    (rc = name_fields(db, s, i)) != EHC_OK)
			goto fail;
	}
	if ((rc = ehc__db_cached(db, &s->cases, "SELECT c.id, (SELECT "
	    "max(a.id) FROM audit a WHERE a.case_id = c.id) FROM cases c "
	    "WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id")) != EHC_OK)
		goto fail;
	sqlite3_bind_int64(s->cases, 1, lo);
	sqlite3_bind_int64(s->cases, 2, hi);
	return EHC_OK;
fail:
	scan_close(s);
	return rc;
}

/* "table=fingerprint", 8 hex digits, after a space if not first. */
static size_t
list_add(char *out, int first, const char *table, uint32_t v)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0, t = strlen(table);
	int k;

	if (!first)
		out[n++] = ' ';
	memcpy(out + n, table, t);
	n += t;
	out[n++] = '=';
	for (k = 7; k >= 0; k--)
		out[n++] = hex[(v >> (4 * k)) & 0xf];
	out[n] = '\0';
	return n;
}

/*
 * The seal of case id with its last audit record audit_id: the MAC to
 * mac, and "table:fingerprint ..." for the tables with rows to list,
 * read from the scan (which moves past them).
 */
static int
digest_case(struct ehc_db *db, struct scan *s, int64_t id, int64_t audit_id,
    char mac[EHC__SHA256_HEX], char *list)
{
	struct sealer z;
	char num[24];
	size_t len = 0;
	int i, rc, any;

	list[0] = '\0';
	z.mac = db->mac;
	z.n = z.nword = 0;
	z.word = 0;
	z.fnv = FNV_BASIS;
	feed_field(&z, "ehc-seal", 8);
	feed_field(&z, num, digits(num, (uint64_t)id));
	feed_field(&z, num, digits(num, (uint64_t)audit_id));
	for (i = 0; i < NPARTS; i++) {
		/* Rows of a case not in cases: skipped, the check says so. */
		while (s->row[i] && sqlite3_column_int64(s->st[i], 0) < id)
			if ((rc = scan_step(db, s, i)) != EHC_OK)
				return rc;
		/* Most parts have no row of the case: nothing to feed. */
		if (!s->row[i] || sqlite3_column_int64(s->st[i], 0) != id)
			continue;
		if (sqlite3_column_count(s->st[i]) != s->ncols[i] &&
		    (rc = name_fields(db, s, i)) != EHC_OK)
			return rc;
		feed_flush(&z);
		(void)fingerprint(&z);
		for (any = 0; s->row[i] &&
		    sqlite3_column_int64(s->st[i], 0) == id; any = 1) {
			if (!any)
				feed_field(&z, parts[i].table,
				    strlen(parts[i].table));
			digest_row(&z, s->st[i], s->name[i], s->namelen[i]);
			if ((rc = scan_step(db, s, i)) != EHC_OK)
				return rc;
		}
		feed_flush(&z);
		if (any)
			len += list_add(list + len, len == 0, parts[i].table,
			    fingerprint(&z));
	}
	ehc__hmac_hex_final(&z.mac, mac);
	return EHC_OK;
}

/* A case's seal, replacing the one before; several to a statement. */
static const struct ehc__insert seal_insert = {
	"REPLACE INTO seal(case_id, audit_id, tables, mac) VALUES ", 4,
	"sealing a case"
};

int
ehc__seal_range(struct ehc_db *db, int64_t lo, int64_t hi)
{
	struct scan s;
	struct ehc__batch *out = NULL;
	char list[LIST_LEN], mac[EHC__SHA256_HEX];
	int64_t id, audit_id;
	int rc;

	if ((rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	if ((rc = ehc__batch_open(db, &seal_insert, &out)) != EHC_OK)
		return rc;
	if ((rc = scan_open(db, &s, lo, hi)) != EHC_OK) {
		ehc__batch_close(out);
		return rc;
	}
	while ((rc = sqlite3_step(s.cases)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s.cases, 0);
		audit_id = sqlite3_column_int64(s.cases, 1);
		if ((rc = digest_case(db, &s, id, audit_id, mac, list))
		    != EHC_OK)
			goto out;
		ehc__batch_int(out, 0, id);
		ehc__batch_int(out, 1, audit_id);
		ehc__batch_text(out, 2, list);
		ehc__batch_text(out, 3, mac);
		if ((rc = ehc__batch_row(out)) != EHC_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? ehc__batch_flush(out) : ehc__db_error(db,
	    rc, "reading the cases to seal");
out:
	scan_close(&s);
	ehc__batch_close(out);
	return rc;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Seal the cases marked, each run of consecutive ids in one scan. */
static int
flush(struct ehc_db *db)
{
	size_t i, j;
	int rc = EHC_OK;

	db->before_commit = NULL;
	if (db->nseal == 0)
		return EHC_OK;
	qsort(db->seal_pending, db->nseal, sizeof(*db->seal_pending), cmp_id);
	for (i = 0; rc == EHC_OK && i < db->nseal; i = j) {
		for (j = i + 1; j < db->nseal &&
		    db->seal_pending[j] <= db->seal_pending[j - 1] + 1; j++)
			;
		rc = ehc__seal_range(db, db->seal_pending[i],
		    db->seal_pending[j - 1]);
	}
	db->nseal = 0;
	return rc;
}

int
ehc__seal_mark(struct ehc_db *db, int64_t case_id)
{
	int64_t *p;

	/* With no transaction, each statement commits: seal at once. */
	if (sqlite3_get_autocommit(db->h))
		return ehc__seal_range(db, case_id, case_id);
	if (db->nseal > 0 && db->seal_pending[db->nseal - 1] == case_id)
		return EHC_OK;
	if (db->nseal == db->seal_cap) {
		db->seal_cap = db->seal_cap ? 2 * db->seal_cap : 16;
		if ((p = realloc(db->seal_pending, db->seal_cap *
		    sizeof(*p))) == NULL)
			return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		db->seal_pending = p;
	}
	db->seal_pending[db->nseal++] = case_id;
	db->before_commit = flush;
	return EHC_OK;
}

/*
 * The check.  Three scans in case order: the cases (with their rows),
 * the seals, and the cases the audit log names with its last record of
 * each.  Every problem is counted; the first is described.
 */
struct check {
	struct ehc_db	*db;
	int64_t		 problems;
	int64_t		 first_case, last_case;
	char		 first[ERRMSG_LEN];
};

static void
problem(struct check *k, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
problem(struct check *k, int64_t id, const char *fmt, ...)
{
	va_list ap;

	/* A case removed outside ehc is one problem, however it shows. */
	if (k->problems > 0 && id == k->last_case)
		return;
	k->last_case = id;
	if (k->problems++ > 0)
		return;
	k->first_case = id;
	va_start(ap, fmt);
	vsnprintf(k->first, sizeof(k->first), fmt, ap);
	va_end(ap);
}

/*
 * The first "table:digest" of list a that list b lacks: its table to
 * out, and 1; 0 when b has all of a's.
 */
static int
first_missing(const char *a, const char *b, char *out, size_t len)
{
	const char *g;
	char tok[48];
	size_t n;

	for (; (n = strcspn(a, " ")) > 0; a += n, a += strspn(a, " ")) {
		snprintf(tok, sizeof(tok), "%.*s", (int)n, a);
		g = strstr(b, tok);
		if (g == NULL || (g != b && g[-1] != ' ') ||
		    (g[n] != '\0' && g[n] != ' ')) {
			snprintf(out, len, "%.*s", (int)strcspn(tok, "="), tok);
			return 1;
		}
	}
	return 0;
}

/* The first table whose digest differs between two lists. */
static void
which_table(const char *want, const char *got, char *out, size_t len)
{
	/* A table in one list and not the other, or with another digest. */
	if (!first_missing(want, got, out, len) &&
	    !first_missing(got, want, out, len))
		snprintf(out, len, "cases");
}

/*
 * Judge case id against its seal (NULL: none), given its last audit
 * record and the MAC and list its rows give under the seal's record.
 */
static void
check_case(struct check *k, int64_t id, int64_t last, sqlite3_stmt *seal,
    const char *mac, const char *list)
{
	const char *tables, *sealed;
	char table[32];
	int64_t audit_id;

	if (seal == NULL) {
		problem(k, id, "EHC-%06lld has no seal: it was added outside "
		    "ehc", (long long)id);
		return;
	}
	audit_id = sqlite3_column_int64(seal, 1);
	tables = (const char *)sqlite3_column_text(seal, 2);
	sealed = (const char *)sqlite3_column_text(seal, 3);
	if (audit_id < last) {
		problem(k, id, "EHC-%06lld's rows are as sealed at audit record "
		    "%lld, not as its last record %lld left them: they were "
		    "put back outside ehc", (long long)id, (long long)audit_id,
		    (long long)last);
		return;
	}
	if (sealed != NULL && strcmp(mac, sealed) == 0)
		return;
	/* The fingerprints name the table (not an older seal's: see top). */
	if (tables != NULL && strchr(tables, '=') != NULL &&
	    strcmp(tables, list) != 0) {
		which_table(tables, list, table, sizeof(table));
		problem(k, id, "EHC-%06lld's %s rows were changed outside ehc "
		    "after audit record %lld", (long long)id, table,
		    (long long)audit_id);
	} else
		problem(k, id, "the seal of EHC-%06lld, or the rows it seals, "
		    "were altered outside ehc", (long long)id);
}

int
ehc__seal_check(struct ehc_db *db, int64_t *cases, int64_t *bad_case)
{
	struct check k;
	struct scan s;
	sqlite3_stmt *seals = NULL, *named = NULL;
	char list[LIST_LEN], mac[EHC__SHA256_HEX];
	int64_t id, sid, nid, last;
	int rc, srow, nrow, sealed;

	*cases = 0;
	*bad_case = 0;
	memset(&k, 0, sizeof(k));
	k.db = db;
	if ((rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	if ((rc = scan_open(db, &s, 1, INT64_MAX)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_prepare(db, &seals, "SELECT case_id, audit_id, "
	    "tables, mac FROM seal ORDER BY case_id")) != EHC_OK ||
	    (rc = ehc__db_prepare(db, &named, "SELECT m.case_id, m.id, "
	    "a.action FROM (SELECT case_id, max(id) AS id FROM audit WHERE "
	    "case_id IS NOT NULL GROUP BY case_id) m JOIN audit a ON a.id = "
	    "m.id ORDER BY m.case_id")) != EHC_OK)
		goto out;
	srow = sqlite3_step(seals) == SQLITE_ROW;
	nrow = sqlite3_step(named) == SQLITE_ROW;
	for (;;) {
		rc = sqlite3_step(s.cases);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = ehc__db_error(db, rc, "reading the cases");
			goto out;
		}
		id = rc == SQLITE_ROW ? sqlite3_column_int64(s.cases, 0) :
		    INT64_MAX;
		/* Seals and audited cases with no case: removed outside. */
		while (srow && (sid = sqlite3_column_int64(seals, 0)) < id) {
			problem(&k, sid, "EHC-%06lld was removed outside ehc "
			    "(its seal is left)", (long long)sid);
			srow = sqlite3_step(seals) == SQLITE_ROW;
		}
		while (nrow && (nid = sqlite3_column_int64(named, 0)) < id) {
			if (strcmp((const char *)sqlite3_column_text(named, 2),
			    "retention") != 0)
				problem(&k, nid, "EHC-%06lld was removed outside "
				    "ehc (audit record %lld names it)",
				    (long long)nid,
				    (long long)sqlite3_column_int64(named, 1));
			nrow = sqlite3_step(named) == SQLITE_ROW;
		}
		if (id == INT64_MAX)
			break;
		last = 0;
		if (nrow && sqlite3_column_int64(named, 0) == id) {
			last = sqlite3_column_int64(named, 1);
			nrow = sqlite3_step(named) == SQLITE_ROW;
		}
		/* The MAC is made again under the record the seal names. */
		sealed = srow && sqlite3_column_int64(seals, 0) == id;
		if ((rc = digest_case(db, &s, id, sealed ?
		    sqlite3_column_int64(seals, 1) : 0, mac, list)) != EHC_OK)
			goto out;
		check_case(&k, id, last, sealed ? seals : NULL, mac, list);
		if (sealed)
			srow = sqlite3_step(seals) == SQLITE_ROW;
		(*cases)++;
	}
	rc = EHC_OK;
	if (k.problems > 0) {
		*bad_case = k.first_case;
		if (k.problems > 1)
			rc = ehc__db_fail(db, EHC_EINVAL, "%s (and %lld more "
			    "cases differ); keep this store for investigation "
			    "and restore from a backup", k.first,
			    (long long)(k.problems - 1));
		else
			rc = ehc__db_fail(db, EHC_EINVAL, "%s; keep this store "
			    "for investigation and restore from a backup",
			    k.first);
	}
out:
	sqlite3_finalize(seals);
	sqlite3_finalize(named);
	scan_close(&s);
	return rc;
}
