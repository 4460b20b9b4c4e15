/*
 * out_xlsx.c: an XLSX workbook a manager can read and print, through
 * libxlsxwriter (opened when the first workbook is made: compat/).
 * One sheet: plain-English headings, wrapped, above columns wide enough
 * for their content; real numbers, amounts, percentages and dates with
 * their formats; a filter on every column; the header row frozen and
 * repeated on every printed page, landscape A4, fitted to the page's
 * width; the total in bold below the rows.  A chart, when the report
 * has one, on a sheet of its own, its value axis from zero.  Text is
 * written as strings, never as formulas, whatever it starts with.
 * libxlsxwriter's own "[ERROR]" lines are kept off stderr while it makes
 * and writes the workbook (cli_stderr_off()), never while ehc may speak:
 * a failure is one line of ehc's, exit 73 when the file cannot be made,
 * 74 when it cannot be written.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "out_impl.h"

#define NTYPES		(EHC_COL_BOOL + 1)
#define MAX_WIDTH	100	/* characters; longer text wraps */
#define LINE_HEIGHT	15	/* points, Calibri 11 */

struct xlsx {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*head;
	lxw_format	*fmt[NTYPES][2];	/* by type; [1]: the total */
	double		 width[EHC_TABLE_MAX_COLS];
	lxw_row_t	 row;			/* the last row written */
	int		 total;			/* row holds the total */
};

static const char *const num_formats[NTYPES] = {
	[EHC_COL_MONTH] = "mmm yyyy",
	[EHC_COL_DATE] = "d mmm yyyy",
	[EHC_COL_COUNT] = "#,##0",
	[EHC_COL_MONEY] = "\302\243#,##0.00",
	[EHC_COL_PERCENT] = "0.0%",
	[EHC_COL_DECIMAL] = "0.0",
};

static int
oom(struct out *o)
{
	return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory starting "
	    "the workbook");
}

static int
xlsx_begin(struct out *o)
{
	const struct out_spec *sp = o->spec;
	struct xlsx *x;
	int t, b, c, quiet;

	if ((x = o->state = calloc(1, sizeof(*x))) == NULL)
		return oom(o);
	/* libxlsxwriter writes the file by name: the outfile's own. */
	quiet = cli_stderr_off();
	if ((x->wb = workbook_new(ehc_outfile_tmppath(o->of))) != NULL &&
	    (x->ws = workbook_add_worksheet(x->wb, sp->title)) != NULL)
		x->head = workbook_add_format(x->wb);
	cli_stderr_on(quiet);
	if (x->head == NULL)
		return cli_error(o->cli, EHC_EXIT_CANTCREAT, "cannot create "
		    "'%s'", o->path);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_BOTTOM);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	for (t = 0; t < NTYPES; t++)
		for (b = 0; b < 2; b++) {
			if ((x->fmt[t][b] = workbook_add_format(x->wb)) == NULL)
				return oom(o);
			if (num_formats[t] != NULL)
				format_set_num_format(x->fmt[t][b],
				    num_formats[t]);
			if (b) {
				format_set_bold(x->fmt[t][b]);
				format_set_top(x->fmt[t][b], LXW_BORDER_THIN);
			}
		}
	for (c = 0; c < sp->ncols; c++) {
		worksheet_write_string(x->ws, 0, (lxw_col_t)c,
		    sp->cols[c].heading, x->head);
		/* Bold headings are wider than the body text. */
		x->width[c] = 1.1 *
		    (double)out_longest_word(sp->cols[c].heading);
	}
	return 0;
}

/* How wide a value shows, in characters. */
static double
shown_width(const struct ehc_column *c, const struct out_val *v)
{
	char buf[OUT_CELL_LEN];
	size_t digits;

	if (out_none(c, v))
		return 0;
	switch (c->type) {
	case EHC_COL_MONTH:	return 8;		/* Mar 2026 */
	case EHC_COL_DATE:	return 11;		/* 14 Mar 2026 */
	case EHC_COL_COUNT:
		digits = strlen(out_cell(buf, sizeof(buf), c, v, 1));
		return (double)(digits + (digits - 1) / 3);
	case EHC_COL_PERCENT:
		return (double)strlen(out_cell(buf, sizeof(buf), c, v, 1)) + 1;
	default:
		return (double)out_width(out_cell(buf, sizeof(buf), c, v, 1));
	}
}

static void
write_cell(struct xlsx *x, lxw_row_t r, lxw_col_t col,
    const struct ehc_column *c, const struct out_val *v, lxw_format *f)
{
	lxw_datetime dt;
	char buf[OUT_CELL_LEN];
	int y, m, d;

	memset(&dt, 0, sizeof(dt));
	if (out_none(c, v)) {
		worksheet_write_blank(x->ws, r, col, f);
		return;
	}
	switch (c->type) {
	case EHC_COL_MONTH:
		if ((m = out_month(v->s, &y)) == 0)
			break;
		dt.year = y;
		dt.month = m;
		dt.day = 1;
		worksheet_write_datetime(x->ws, r, col, &dt, f);
		return;
	case EHC_COL_DATE:
		ehc_date_to_ymd(&y, &m, &d, v->day);
		dt.year = y;
		dt.month = m;
		dt.day = d;
		worksheet_write_datetime(x->ws, r, col, &dt, f);
		return;
	case EHC_COL_COUNT:
	case EHC_COL_DECIMAL:
		worksheet_write_number(x->ws, r, col, v->n, f);
		return;
	case EHC_COL_MONEY:
		worksheet_write_number(x->ws, r, col, v->n / 100.0, f);
		return;
	case EHC_COL_PERCENT:
		worksheet_write_number(x->ws, r, col, v->n / 100.0, f);
		return;
	default:
		break;
	}
	worksheet_write_string(x->ws, r, col, out_cell(buf, sizeof(buf), c,
	    v, 1), f);
}

static int
xlsx_row(struct out *o, const struct out_val *row, int total)
{
	const struct out_spec *sp = o->spec;
	struct xlsx *x = o->state;
	const struct ehc_column *c;
	double w;
	int i;

	x->row++;
	x->total = total;
	for (i = 0; i < sp->ncols; i++) {
		c = &sp->cols[i];
		if (total && i < sp->nkeys) {
			worksheet_write_string(x->ws, x->row, (lxw_col_t)i,
			    i == 0 ? "Total" : "", x->fmt[EHC_COL_TEXT][1]);
			continue;
		}
		write_cell(x, x->row, (lxw_col_t)i, c, &row[i],
		    x->fmt[c->type][total]);
		/* Bold figures are wider. */
		w = shown_width(c, &row[i]) * (total ? 1.1 : 1);
		if (w > x->width[i])
			x->width[i] = w;
	}
	return 0;
}

/* A series: its categories and values, as ranges of the sheet. */
static void
chart_series(lxw_chart *chart, const char *sheet, const char *name,
    lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, lxw_row_t vr1,
    lxw_col_t vc1, lxw_row_t vr2, lxw_col_t vc2)
{
	lxw_chart_series *s;

	if ((s = chart_add_series(chart, NULL, NULL)) == NULL)
		return;
	chart_series_set_categories(s, sheet, r1, c1, r2, c2);
	chart_series_set_values(s, sheet, vr1, vc1, vr2, vc2);
	chart_series_set_name(s, name);
}

/* The chart, on a sheet of its own so that it prints on its own page. */
static void
add_chart(struct out *o)
{
	const struct out_spec *sp = o->spec;
	const struct out_chart *ch = sp->chart;
	struct xlsx *x = o->state;
	lxw_chartsheet *cs;
	lxw_chart *chart;
	lxw_row_t last = x->row - (lxw_row_t)(x->total != 0);
	enum ehc_column_type type = EHC_COL_COUNT;
	int i, c, first = -1, end = -1;

	if (last < 1 || (chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN))
	    == NULL)
		return;
	if (ch->across) {
		/* One column a month: the total across them. */
		for (c = 0; c < sp->ncols; c++)
			if (sp->cols[c].flags & EHC_COL_DETAIL) {
				if (first < 0)
					first = c;
				end = c;
				type = sp->cols[c].type;
			}
		if (first < 0 || !x->total)
			return;
		chart_series(chart, sp->title, "Total", 0, (lxw_col_t)first, 0,
		    (lxw_col_t)end, x->row, (lxw_col_t)first, x->row,
		    (lxw_col_t)end);
	} else
		for (i = 0; i < OUT_SERIES && ch->series[i] != NULL; i++)
			for (c = 0; c < sp->ncols; c++)
				if (strcmp(sp->cols[c].key, ch->series[i]) ==
				    0) {
					chart_series(chart, sp->title,
					    sp->cols[c].heading, 1, 0, last, 0,
					    1, (lxw_col_t)c, last,
					    (lxw_col_t)c);
					type = sp->cols[c].type;
				}
	chart_title_set_name(chart, ch->title);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_min(chart->y_axis, 0);
	if (type == EHC_COL_PERCENT) {
		chart_axis_set_max(chart->y_axis, 1);
		chart_axis_set_num_format(chart->y_axis, "0%");
	} else if (type == EHC_COL_MONEY)
		chart_axis_set_num_format(chart->y_axis, "\302\243#,##0");
	if ((cs = workbook_add_chartsheet(x->wb, "Chart")) == NULL)
		return;
	chartsheet_set_chart(cs, chart);
	chartsheet_set_landscape(cs);
	chartsheet_set_paper(cs, 9);		/* A4 */
}

/* Widths, filter, panes and the page, once every row is in. */
static void
finish_sheet(struct out *o)
{
	const struct out_spec *sp = o->spec;
	struct xlsx *x = o->state;
	lxw_row_t last = x->row - (lxw_row_t)(x->total != 0);
	char header[128];
	double w;
	int c, lines = 1, n;

	for (c = 0; c < sp->ncols; c++) {
		w = x->width[c] > MAX_WIDTH ? MAX_WIDTH : x->width[c];
		/* A character's margin either side. */
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w + 2,
		    NULL);
		if ((n = out_heading_line(sp->cols[c].heading, (int)(w + 1),
		    0, NULL, 0)) > lines)
			lines = n;
	}
	worksheet_set_row(x->ws, 0, LINE_HEIGHT * lines + 3, NULL);
	worksheet_freeze_panes(x->ws, 1, (lxw_col_t)sp->nkeys);
	worksheet_autofilter(x->ws, 0, 0, last, (lxw_col_t)(sp->ncols - 1));
	worksheet_set_landscape(x->ws);
	worksheet_set_paper(x->ws, 9);		/* A4 */
	worksheet_fit_to_pages(x->ws, 1, 0);	/* as wide as a page */
	worksheet_repeat_rows(x->ws, 0, 0);
	worksheet_gridlines(x->ws, LXW_SHOW_ALL_GRIDLINES);
	snprintf(header, sizeof(header), "&L&\"-,Bold\"%s&R&D",
	    sp->caption != NULL ? sp->caption : sp->title);
	worksheet_set_header(x->ws, header);
	worksheet_set_footer(x->ws, "&CPage &P of &N");
}

static int
xlsx_end(struct out *o)
{
	struct xlsx *x = o->state;
	lxw_error err;
	int quiet;

	quiet = cli_stderr_off();
	finish_sheet(o);
	if (o->spec->chart != NULL)
		add_chart(o);
	err = workbook_close(x->wb);
	x->wb = NULL;
	cli_stderr_on(quiet);
	/* A file not made, or not written. */
	if (err != LXW_NO_ERROR)
		return cli_error(o->cli, err == LXW_ERROR_CREATING_XLSX_FILE ?
		    EHC_EXIT_CANTCREAT : EHC_EXIT_IOERR, "cannot write "
		    "'%s': %s", o->path, lxw_strerror(err));
	return 0;
}

static void
xlsx_release(struct out *o)
{
	struct xlsx *x = o->state;
	int quiet;

	/* Closing writes the temporary file, which the outfile removes. */
	if (x != NULL && x->wb != NULL) {
		quiet = cli_stderr_off();
		workbook_close(x->wb);
		cli_stderr_on(quiet);
	}
	free(x);
	o->state = NULL;
}

const struct out_backend out_xlsx = {
	xlsx_begin, xlsx_row, xlsx_end, xlsx_release
};
