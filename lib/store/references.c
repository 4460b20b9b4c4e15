/*
 * references.c: a bulk write's references, checked once before it
 * commits (db.c turns SQLite's row-by-row check off for it).  PRAGMA
 * foreign_key_check looks up the parent of every row: at England's
 * size, 13 million lookups and a second of the import.  A bulk write
 * fills a store with no cases, so the ids of the parents it writes run
 * without a gap: when a parent's rowids from its least to its greatest
 * are all there, a child value has its parent exactly when it lies
 * between the two, and the child's index finds a value outside them at
 * once.  A reference of any other shape, or into a parent with a gap,
 * is checked by foreign_key_check as before.
 *
 * On the SQLite handle alone, with SQLite's result codes: db.c, which
 * calls it, says what they mean.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* A parent's rowids, once read: lo to hi, n of them. */
struct span {
	char	 table[64];
	int	 gapless;
	int64_t	 lo, hi, n;
};

#define NSPANS 16

/* The one integer a query gives (0 for none), in *out. */
static int
one_int(sqlite3 *h, const char *sql, const char *bind, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if (sql == NULL)
		return SQLITE_NOMEM;
	if ((rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	if (bind != NULL)
		sqlite3_bind_text(st, 1, bind, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Whether column of table holds integers only (INTEGER in a STRICT
 * table), and whether it is the table's rowid under another name (the
 * one INTEGER column of the primary key of a table with rowids), so
 * that its values are distinct integers.
 */
static int
column_kind(sqlite3 *h, const char *table, const char *column,
    int *is_integer, int *is_rowid)
{
	static const char sql[] = "SELECT l.strict, l.wr, c.type = 'INTEGER', "
	    "c.pk = 1 AND (SELECT count(*) FROM pragma_table_info(?1) k WHERE "
	    "k.pk > 0) = 1 FROM pragma_table_list(?1) l, "
	    "pragma_table_info(?1) c WHERE l.schema = 'main' AND c.name = ?2";
	sqlite3_stmt *st;
	int rc;

	*is_integer = *is_rowid = 0;
	if ((rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*is_integer = sqlite3_column_int(st, 0) &&
		    sqlite3_column_int(st, 2);
		*is_rowid = !sqlite3_column_int(st, 1) &&
		    sqlite3_column_int(st, 2) && sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The span of parent's rowids, read once; *out NULL if none is kept. */
static int
span_of(sqlite3 *h, struct span *spans, int *nspans, const char *parent,
    const struct span **out)
{
	static const char *const sql[3] = {
		/* Separately: min() and max() alone read the B-tree's ends. */
		"SELECT min(rowid) FROM \"%w\"", "SELECT max(rowid) FROM \"%w\"",
		"SELECT count(*) FROM \"%w\""
	};
	struct span *s;
	int64_t *v[3];
	char *q;
	int i, rc = SQLITE_OK;

	*out = NULL;
	for (i = 0; i < *nspans; i++)
		if (strcmp(spans[i].table, parent) == 0) {
			*out = &spans[i];
			return SQLITE_OK;
		}
	if (*nspans == NSPANS || strlen(parent) >= sizeof(s->table))
		return SQLITE_OK;
	s = &spans[(*nspans)++];
	snprintf(s->table, sizeof(s->table), "%s", parent);
	v[0] = &s->lo;
	v[1] = &s->hi;
	v[2] = &s->n;
	for (i = 0; rc == SQLITE_OK && i < 3; i++) {
		q = sqlite3_mprintf(sql[i], parent);
		rc = one_int(h, q, NULL, v[i]);
		sqlite3_free(q);
	}
	s->gapless = s->n == 0 || s->hi - s->lo + 1 == s->n;
	*out = s;
	return rc;
}

/* Whether a row of child refers by column to a rowid outside span s. */
static int
outside(sqlite3 *h, const char *child, const char *column,
    const struct span *s, int64_t *found)
{
	char *q;
	int rc;

	if (s->n == 0)
		q = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM \"%w\" WHERE "
		    "\"%w\" IS NOT NULL)", child, column);
	else
		q = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM \"%w\" WHERE "
		    "\"%w\" < %lld OR \"%w\" > %lld)", child, column,
		    (long long)s->lo, column, (long long)s->hi);
	rc = one_int(h, q, NULL, found);
	sqlite3_free(q);
	return rc;
}

/* Whether a row of table refers to no row by any of its references. */
static int
table_broken(sqlite3 *h, const char *table, struct span *spans,
    int *nspans, int64_t *found)
{
	static const char refs[] = "SELECT f.\"table\", f.\"from\", f.\"to\", "
	    "(SELECT count(*) FROM pragma_foreign_key_list(?1) g WHERE g.id = "
	    "f.id) FROM pragma_foreign_key_list(?1) f";
	const struct span *s;
	sqlite3_stmt *st;
	char parent[64], from[64], to[64];
	int rc, step, single, child_int, child_rowid, parent_int, parent_rowid;

	*found = 0;
	if ((rc = sqlite3_prepare_v2(h, refs, -1, &st, NULL)) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	step = SQLITE_DONE;
	while (*found == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(parent, sizeof(parent), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(from, sizeof(from), "%s",
		    (const char *)sqlite3_column_text(st, 1));
		snprintf(to, sizeof(to), "%s",
		    (const char *)sqlite3_column_text(st, 2));
		single = sqlite3_column_int(st, 3) == 1 &&
		    sqlite3_column_type(st, 2) != SQLITE_NULL;
		s = NULL;
		child_int = parent_rowid = 0;
		if (single && ((rc = column_kind(h, table, from, &child_int,
		    &child_rowid)) != SQLITE_OK || (rc = column_kind(h,
		    parent, to, &parent_int, &parent_rowid)) != SQLITE_OK ||
		    (rc = span_of(h, spans, nspans, parent, &s)) !=
		    SQLITE_OK))
			break;
		if (s == NULL || !child_int || !parent_rowid || !s->gapless) {
			/* Every reference of the table, row by row. */
			sqlite3_finalize(st);
			return one_int(h, "SELECT EXISTS (SELECT 1 FROM "
			    "pragma_foreign_key_check(?1))", table, found);
		}
		if ((rc = outside(h, table, from, s, found)) != SQLITE_OK)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}

int
ehc__references_check(sqlite3 *h, char *table, size_t len)
{
	struct span spans[NSPANS];
	sqlite3_stmt *st;
	int64_t found = 0;
	int nspans = 0, rc, step;

	if ((rc = sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", -1,
	    &st, NULL)) != SQLITE_OK)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(table, len, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		if ((rc = table_broken(h, table, spans, &nspans, &found))
		    != SQLITE_OK || found)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if (found)
		return SQLITE_CONSTRAINT_FOREIGNKEY;
	return step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
}
