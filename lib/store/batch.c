/*
 * batch.c: rows inserted several to a statement.  Running an INSERT for
 * one row costs more than the row (cursors opened and closed, constraint
 * counters, halting), so bulk writers keep EHC__BATCH_ROWS rows and write
 * them with one statement, and what is left one row at a time.  Values
 * are copied when given: callers may pass text that does not last.
 *
 * The statement of many rows is INSERT OR FAIL: a row that breaks a
 * constraint stops it with the rows before it kept, where OR ABORT
 * would take them out again.  Every caller fails its command then, and
 * the command's transaction takes them out.  What OR ABORT costs is a
 * statement journal of every page each statement changes, which SQLite
 * moves to a file once one statement's is over 64 KiB, and writes there
 * for every statement after it: at England's size, six gigabytes.
 * (Foreign keys checked row by row keep the journal all the same.)
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct cell {
	int		 type;		/* SQLITE_INTEGER, _TEXT; else NULL */
	int64_t		 i;		/* the integer, or the text's length */
	size_t		 off;		/* of text, in b->text */
};

struct ehc__batch {
	struct ehc_db		*db;
	const struct ehc__insert *ins;
	sqlite3_stmt		*one, *many;
	struct ehc__batch	*parent;	/* written before this one */
	struct cell		*cells;		/* EHC__BATCH_ROWS x ncols */
	int			 nrows;
	char			*text;
	size_t			 len, cap;
	int			 nomem;
};

/*
 * The statement inserting n rows of ins, prepared once per handle: its
 * cache key is an address inside the static description, one for each n.
 */
static int
statement(struct ehc_db *db, const struct ehc__insert *ins, int n,
    sqlite3_stmt **out)
{
	static const char insert[] = "INSERT ", or_fail[] = "INSERT OR FAIL ";
	const void *key = n == 1 ? (const void *)&ins->head :
	    (const void *)&ins->ncols;
	const char *head = ins->head;
	size_t len = sizeof(or_fail) + strlen(head) + (size_t)n *
	    ((size_t)ins->ncols * 3 + 2);
	char *sql, *p;
	int i, k, rc;

	if ((rc = ehc__db_cached_as(db, out, key, NULL)) != EHC_OK ||
	    *out != NULL)
		return rc;
	if ((sql = malloc(len + 1)) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	p = sql;
	if (n > 1 && strncmp(head, insert, strlen(insert)) == 0) {
		memcpy(p, or_fail, strlen(or_fail));
		p += strlen(or_fail);
		head += strlen(insert);
	}
	memcpy(p, head, strlen(head));
	p += strlen(head);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ',';
		*p++ = '(';
		for (k = 0; k < ins->ncols; k++) {
			if (k > 0)
				*p++ = ',';
			*p++ = '?';
		}
		*p++ = ')';
	}
	*p = '\0';
	rc = ehc__db_cached_as(db, out, key, sql);
	free(sql);
	return rc;
}

int
ehc__batch_open(struct ehc_db *db, const struct ehc__insert *ins,
    struct ehc__batch **out)
{
	struct ehc__batch *b;
	int rc;

	*out = NULL;
	if ((b = calloc(1, sizeof(*b))) == NULL || (b->cells =
	    calloc((size_t)EHC__BATCH_ROWS * (size_t)ins->ncols,
	    sizeof(*b->cells))) == NULL) {
		free(b);
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	}
	b->db = db;
	b->ins = ins;
	if ((rc = statement(db, ins, 1, &b->one)) != EHC_OK ||
	    (rc = statement(db, ins, EHC__BATCH_ROWS, &b->many)) != EHC_OK) {
		ehc__batch_close(b);
		return rc;
	}
	*out = b;
	return EHC_OK;
}

void
ehc__batch_after(struct ehc__batch *b, struct ehc__batch *parent)
{
	b->parent = parent;
}

static struct cell *
cell(struct ehc__batch *b, int col)
{
	return &b->cells[b->nrows * b->ins->ncols + col];
}

void
ehc__batch_int(struct ehc__batch *b, int col, int64_t v)
{
	struct cell *c = cell(b, col);

	c->type = SQLITE_INTEGER;
	c->i = v;
}

void
ehc__batch_text(struct ehc__batch *b, int col, const char *s)
{
	struct cell *c = cell(b, col);
	size_t n, cap;
	char *more;

	c->type = SQLITE_NULL;
	if (s == NULL || *s == '\0')
		return;
	n = strlen(s) + 1;
	if (b->len + n > b->cap) {
		cap = (b->len + n) * 2;
		if ((more = realloc(b->text, cap)) == NULL) {
			b->nomem = 1;
			return;
		}
		b->text = more;
		b->cap = cap;
	}
	memcpy(b->text + b->len, s, n);
	c->type = SQLITE_TEXT;
	c->i = (int64_t)n - 1;
	c->off = b->len;
	b->len += n;
}

void
ehc__batch_date(struct ehc__batch *b, int col, int32_t day)
{
	char s[EHC_DATE_LEN];

	if (day == EHC_NO_DATE) {
		cell(b, col)->type = SQLITE_NULL;
		return;
	}
	ehc_date_format(s, sizeof(s), day);
	ehc__batch_text(b, col, s);
}

int
ehc__batch_row(struct ehc__batch *b)
{
	if (++b->nrows == EHC__BATCH_ROWS)
		return ehc__batch_flush(b);
	/* A column the next row does not set is NULL, not this row's. */
	memset(cell(b, 0), 0, (size_t)b->ins->ncols * sizeof(struct cell));
	return EHC_OK;
}

/* Bind the row's cells from parameter first + 1 on. */
static void
bind_row(struct ehc__batch *b, sqlite3_stmt *st, int row, int first)
{
	const struct cell *c = &b->cells[row * b->ins->ncols];
	int k;

	for (k = 0; k < b->ins->ncols; k++, c++)
		if (c->type == SQLITE_INTEGER)
			sqlite3_bind_int64(st, first + k + 1, c->i);
		else if (c->type == SQLITE_TEXT)
			sqlite3_bind_text(st, first + k + 1, b->text + c->off,
			    (int)c->i, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, first + k + 1);
}

int
ehc__batch_flush(struct ehc__batch *b)
{
	int i, rc = EHC_OK;

	if (b->parent != NULL && (rc = ehc__batch_flush(b->parent)) != EHC_OK)
		return rc;
	if (b->nomem)
		return ehc__db_fail(b->db, EHC_ENOMEM, "out of memory");
	if (b->nrows == EHC__BATCH_ROWS) {
		for (i = 0; i < b->nrows; i++)
			bind_row(b, b->many, i, i * b->ins->ncols);
		rc = ehc__db_step_done(b->db, b->many, b->ins->what);
		sqlite3_reset(b->many);
	} else
		for (i = 0; rc == EHC_OK && i < b->nrows; i++) {
			bind_row(b, b->one, i, 0);
			rc = ehc__db_step_done(b->db, b->one, b->ins->what);
			sqlite3_reset(b->one);
		}
	b->nrows = 0;
	b->len = 0;
	memset(b->cells, 0, (size_t)b->ins->ncols * sizeof(struct cell));
	return rc;
}

void
ehc__batch_close(struct ehc__batch *b)
{
	if (b == NULL)
		return;
	/*
	 * Every parameter is bound again before each step; only now do the
	 * (cached) statements let go of the text they point into.
	 */
	if (b->one != NULL)
		sqlite3_clear_bindings(b->one);
	if (b->many != NULL)
		sqlite3_clear_bindings(b->many);
	free(b->cells);
	free(b->text);
	free(b);
}
