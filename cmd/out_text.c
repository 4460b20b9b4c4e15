/*
 * out_text.c: text for people.  A list is a line a record, printed as it
 * is read, with the record's key, a tab, then the other fields two
 * spaces apart and padded to the command's widths (so awk and cut
 * work).  A report is a table: headings wrapped above columns as wide
 * as their content, counts and amounts on the right, then its total.
 */
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"

#define HEADING_WIDTH	9	/* a column's width for its heading */

struct text {
	char	**cells;	/* the table's cells, a row after another */
	int	  nrows, cap;	/* rows kept, the total among them */
	int	  total;	/* the last row kept is the total */
};

static int
is_number(const struct ehc_column *c)
{
	return c->type != EHC_COL_TEXT && c->type != EHC_COL_MONTH &&
	    c->type != EHC_COL_DATE && c->type != EHC_COL_LIST;
}

/* Pad s to width: on the left for numbers. */
static void
put_padded(FILE *fp, const char *s, int width, int right)
{
	int pad = width - (int)out_width(s);

	if (right)
		fprintf(fp, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(fp, "%s%*s", s, pad > 0 ? pad : 0, "");
}

/* A line without the spaces padding its end. */
static void
put_line(FILE *fp, char *line)
{
	size_t n = strlen(line);

	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	fprintf(fp, "%s\n", line);
}

static int
text_begin(struct out *o)
{
	if ((o->spec->flags & OUT_LIST) == 0 &&
	    (o->state = calloc(1, sizeof(struct text))) == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	return 0;
}

/* Whether a list's text shows the field. */
static int
shown(const struct ehc_column *c, const struct out_val *v)
{
	return !(c->flags & EHC_COL_DETAIL) &&
	    !((c->flags & EHC_COL_SPARSE) && out_none(c, v));
}

/* A record of a list, printed now; the last field is not padded. */
static int
list_row(struct out *o, const struct out_val *row)
{
	const struct out_spec *sp = o->spec;
	char cell[OUT_CELL_LEN];
	int c, last = -1;

	for (c = 0; c < sp->ncols; c++)
		if (shown(&sp->cols[c], &row[c]))
			last = c;
	for (c = 0; c <= last; c++) {
		if (!shown(&sp->cols[c], &row[c]))
			continue;
		if (c > 0)
			fputs(c == 1 ? "\t" : "  ", o->fp);
		out_cell(cell, sizeof(cell), &sp->cols[c], &row[c], 1);
		put_padded(o->fp, cell, sp->widths != NULL && c < last ?
		    sp->widths[c] : 0, is_number(&sp->cols[c]));
	}
	fputc('\n', o->fp);
	return 0;
}

static int
text_row(struct out *o, const struct out_val *row, int total)
{
	struct text *t = o->state;
	const struct out_spec *sp = o->spec;
	char cell[OUT_CELL_LEN], **grown;
	int c;

	if (sp->flags & OUT_LIST)
		return list_row(o, row);
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		grown = realloc(t->cells, (size_t)t->cap * (size_t)sp->ncols *
		    sizeof(*grown));
		if (grown == NULL)
			return cli_error(o->cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
		t->cells = grown;
	}
	for (c = 0; c < sp->ncols; c++) {
		if (total && c == 0)
			snprintf(cell, sizeof(cell), "Total");
		else if (total && c < sp->nkeys)
			cell[0] = '\0';
		else
			out_cell(cell, sizeof(cell), &sp->cols[c], &row[c], 1);
		if ((t->cells[t->nrows * sp->ncols + c] = strdup(cell)) ==
		    NULL) {
			while (--c >= 0)
				free(t->cells[t->nrows * sp->ncols + c]);
			return cli_error(o->cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
		}
	}
	t->nrows++;
	t->total = total;
	return 0;
}

enum line_kind { L_HEADING, L_RULE, L_ROW };

/* One line of the table: heading line n, a rule, or row n. */
static int
table_line(struct out *o, const int *width, int lines, enum line_kind kind,
    int n)
{
	struct text *t = o->state;
	const struct out_spec *sp = o->spec;
	const struct ehc_column *col;
	char buf[OUT_CELL_LEN], *line = NULL;
	size_t len;
	FILE *fp;
	int c, k;

	if ((fp = open_memstream(&line, &len)) == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	for (c = 0; c < sp->ncols; c++) {
		col = &sp->cols[c];
		if (col->flags & EHC_COL_DETAIL)
			continue;
		if (c > 0)
			fputs("  ", fp);
		switch (kind) {
		case L_HEADING:
			/* Headings sit at the foot of their space. */
			k = out_heading_line(col->heading, width[c], 0, buf,
			    sizeof(buf));
			k = n - (lines - k);
			if (k >= 0)
				out_heading_line(col->heading, width[c], k, buf,
				    sizeof(buf));
			else
				buf[0] = '\0';
			put_padded(fp, buf, width[c], is_number(col));
			break;
		case L_RULE:
			memset(buf, '-', (size_t)width[c]);
			buf[width[c]] = '\0';
			fputs(buf, fp);
			break;
		default:
			put_padded(fp, t->cells[n * sp->ncols + c], width[c],
			    is_number(col));
		}
	}
	if (fclose(fp) != 0 || line == NULL) {
		free(line);
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	}
	put_line(o->fp, line);
	free(line);
	return 0;
}

static int
text_end(struct out *o)
{
	struct text *t = o->state;
	const struct out_spec *sp = o->spec;
	int width[EHC_TABLE_MAX_COLS] = { 0 }, c, r, lines = 1, n, rc = 0;
	char buf[OUT_CELL_LEN];

	if ((sp->flags & OUT_LIST) || t->nrows == 0)
		return 0;
	for (c = 0; c < sp->ncols; c++) {
		/* Wide enough that headings take few lines. */
		width[c] = (int)out_width(sp->cols[c].heading);
		if (width[c] > HEADING_WIDTH)
			width[c] = HEADING_WIDTH;
		if ((int)out_longest_word(sp->cols[c].heading) > width[c])
			width[c] = (int)out_longest_word(sp->cols[c].heading);
		for (r = 0; r < t->nrows; r++)
			if ((int)out_width(t->cells[r * sp->ncols + c]) >
			    width[c])
				width[c] = (int)out_width(t->cells[r *
				    sp->ncols + c]);
		n = out_heading_line(sp->cols[c].heading, width[c], 0, buf,
		    sizeof(buf));
		if (n > lines)
			lines = n;
	}
	for (n = 0; rc == 0 && n < lines; n++)
		rc = table_line(o, width, lines, L_HEADING, n);
	if (rc == 0)
		rc = table_line(o, width, lines, L_RULE, 0);
	for (r = 0; rc == 0 && r < t->nrows; r++) {
		if (t->total && r == t->nrows - 1 && r > 0)
			rc = table_line(o, width, lines, L_RULE, 0);
		if (rc == 0)
			rc = table_line(o, width, lines, L_ROW, r);
	}
	return rc;
}

static void
text_release(struct out *o)
{
	struct text *t = o->state;
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * o->spec->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
	o->state = NULL;
}

const struct out_backend out_text = {
	text_begin, text_row, text_end, text_release
};
