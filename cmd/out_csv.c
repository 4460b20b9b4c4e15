/*
 * out_csv.c: CSV for programs and spreadsheets, through the one CSV
 * field writer (csv.h): a header of the columns' keys, then a record a
 * row; amounts in pounds without a sign ("1234.50"), months and dates
 * as ISO 8601, nothing for no value; the total last, keyed "total".
 */
#include "out_impl.h"

static int
csv_begin(struct out *o)
{
	const struct out_spec *sp = o->spec;
	int c;

	for (c = 0; c < sp->ncols; c++)
		ehc_csv_field(o->fp, sp->cols[c].key, c == sp->ncols - 1);
	return 0;
}

static int
csv_row(struct out *o, const struct out_val *row, int total)
{
	const struct out_spec *sp = o->spec;
	char cell[OUT_CELL_LEN];
	int c;

	for (c = 0; c < sp->ncols; c++)
		ehc_csv_field(o->fp, !total || c >= sp->nkeys ?
		    out_cell(cell, sizeof(cell), &sp->cols[c], &row[c], 0) :
		    c == 0 ? "total" : NULL, c == sp->ncols - 1);
	return 0;
}

static int
csv_end(struct out *o)
{
	(void)o;
	return 0;
}

const struct out_backend out_csv = { csv_begin, csv_row, csv_end, NULL };
