/*
 * xlsx_load.c: libxlsxwriter, loaded only when a workbook is made, for
 * the library (the SEN2 workbook) and the program (report workbooks)
 * alike: both call libxlsxwriter's functions by their own names and link
 * this in its stead.
 *
 * Linking libxlsxwriter brings libcrypto with it, and relocating the two
 * costs every run of ehc about 1.4 ms: more than the rest of `ehc case
 * show`.  Only the XLSX writers need them, so ehc opens the library the
 * first time one starts a workbook.  The functions below have the
 * library's own names and prototypes (from its header), so the writers
 * call them exactly as documented.
 */
#include <stdio.h>

#include <xlsxwriter.h>

#ifndef EHC_XLSXWRITER_SONAME
#define EHC_XLSXWRITER_SONAME "libxlsxwriter.so.4"
#endif

/* Returning functions: R(type, name, params, args, on failure). */
#define XLSX_RETURNING							\
	R(lxw_workbook *, workbook_new, (const char *f), (f), NULL)	\
	R(lxw_workbook *, workbook_new_opt, (const char *f,		\
	    lxw_workbook_options *o), (f, o), NULL)			\
	R(lxw_error, workbook_close, (lxw_workbook *wb), (wb),		\
	    LXW_ERROR_MEMORY_MALLOC_FAILED)				\
	R(lxw_format *, workbook_add_format, (lxw_workbook *wb), (wb),	\
	    NULL)							\
	R(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *wb,	\
	    const char *name), (wb, name), NULL)			\
	R(lxw_chart *, workbook_add_chart, (lxw_workbook *wb,		\
	    uint8_t type), (wb, type), NULL)				\
	R(lxw_chartsheet *, workbook_add_chartsheet, (lxw_workbook *wb,	\
	    const char *name), (wb, name), NULL)			\
	R(lxw_error, chartsheet_set_chart, (lxw_chartsheet *cs,	\
	    lxw_chart *ch), (cs, ch), LXW_ERROR_MEMORY_MALLOC_FAILED)	\
	R(lxw_error, worksheet_repeat_rows, (lxw_worksheet *ws,	\
	    lxw_row_t r1, lxw_row_t r2), (ws, r1, r2),			\
	    LXW_ERROR_MEMORY_MALLOC_FAILED)				\
	R(lxw_error, worksheet_set_header, (lxw_worksheet *ws,		\
	    const char *s), (ws, s), LXW_ERROR_MEMORY_MALLOC_FAILED)	\
	R(lxw_error, worksheet_set_footer, (lxw_worksheet *ws,		\
	    const char *s), (ws, s), LXW_ERROR_MEMORY_MALLOC_FAILED)	\
	R(lxw_error, worksheet_write_string, (lxw_worksheet *ws,	\
	    lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f),	\
	    (ws, r, c, s, f), LXW_ERROR_MEMORY_MALLOC_FAILED)		\
	R(lxw_error, worksheet_write_number, (lxw_worksheet *ws,	\
	    lxw_row_t r, lxw_col_t c, double n, lxw_format *f),	\
	    (ws, r, c, n, f), LXW_ERROR_MEMORY_MALLOC_FAILED)		\
	R(lxw_error, worksheet_write_datetime, (lxw_worksheet *ws,	\
	    lxw_row_t r, lxw_col_t c, lxw_datetime *d, lxw_format *f),	\
	    (ws, r, c, d, f), LXW_ERROR_MEMORY_MALLOC_FAILED)		\
	R(lxw_error, worksheet_write_blank, (lxw_worksheet *ws,	\
	    lxw_row_t r, lxw_col_t c, lxw_format *f), (ws, r, c, f),	\
	    LXW_ERROR_MEMORY_MALLOC_FAILED)				\
	R(lxw_error, worksheet_set_column, (lxw_worksheet *ws,		\
	    lxw_col_t c1, lxw_col_t c2, double w, lxw_format *f),	\
	    (ws, c1, c2, w, f), LXW_ERROR_MEMORY_MALLOC_FAILED)	\
	R(lxw_error, worksheet_set_row, (lxw_worksheet *ws, lxw_row_t r,\
	    double h, lxw_format *f), (ws, r, h, f),			\
	    LXW_ERROR_MEMORY_MALLOC_FAILED)				\
	R(lxw_error, worksheet_autofilter, (lxw_worksheet *ws,		\
	    lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2),	\
	    (ws, r1, c1, r2, c2), LXW_ERROR_MEMORY_MALLOC_FAILED)	\
	R(lxw_error, worksheet_insert_chart, (lxw_worksheet *ws,	\
	    lxw_row_t r, lxw_col_t c, lxw_chart *ch), (ws, r, c, ch),	\
	    LXW_ERROR_MEMORY_MALLOC_FAILED)				\
	R(lxw_chart_series *, chart_add_series, (lxw_chart *ch,	\
	    const char *cats, const char *vals), (ch, cats, vals), NULL)\
	R(char *, lxw_strerror, (lxw_error e), (e), not_loaded)

/* Functions with no result: V(name, params, args). */
#define XLSX_VOID							\
	V(format_set_bold, (lxw_format *f), (f))			\
	V(format_set_num_format, (lxw_format *f, const char *s), (f, s))\
	V(format_set_text_wrap, (lxw_format *f), (f))			\
	V(format_set_align, (lxw_format *f, uint8_t a), (f, a))		\
	V(format_set_bottom, (lxw_format *f, uint8_t s), (f, s))	\
	V(format_set_top, (lxw_format *f, uint8_t s), (f, s))		\
	V(worksheet_set_landscape, (lxw_worksheet *ws), (ws))		\
	V(worksheet_set_paper, (lxw_worksheet *ws, uint8_t p), (ws, p))	\
	V(worksheet_fit_to_pages, (lxw_worksheet *ws, uint16_t w,	\
	    uint16_t h), (ws, w, h))					\
	V(worksheet_gridlines, (lxw_worksheet *ws, uint8_t o), (ws, o))	\
	V(chartsheet_set_landscape, (lxw_chartsheet *cs), (cs))		\
	V(chartsheet_set_paper, (lxw_chartsheet *cs, uint8_t p),	\
	    (cs, p))							\
	V(chart_axis_set_min, (lxw_chart_axis *a, double v), (a, v))	\
	V(chart_axis_set_max, (lxw_chart_axis *a, double v), (a, v))	\
	V(chart_legend_set_position, (lxw_chart *ch, uint8_t p),	\
	    (ch, p))							\
	V(worksheet_freeze_panes, (lxw_worksheet *ws, lxw_row_t r,	\
	    lxw_col_t c), (ws, r, c))					\
	V(chart_series_set_name, (lxw_chart_series *s, const char *n),	\
	    (s, n))							\
	V(chart_series_set_values, (lxw_chart_series *s,		\
	    const char *sh, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,	\
	    lxw_col_t c2), (s, sh, r1, c1, r2, c2))			\
	V(chart_series_set_categories, (lxw_chart_series *s,		\
	    const char *sh, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,	\
	    lxw_col_t c2), (s, sh, r1, c1, r2, c2))			\
	V(chart_title_set_name, (lxw_chart *ch, const char *n), (ch, n))\
	V(chart_axis_set_num_format, (lxw_chart_axis *a, const char *s),\
	    (a, s))

static char not_loaded[] = "the XLSX library (libxlsxwriter) could not "
    "be loaded";

#define STAND_IN_RETURNING	XLSX_RETURNING
#define STAND_IN_VOID		XLSX_VOID
#define STAND_IN_SONAME		EHC_XLSXWRITER_SONAME
#include "stand_in.h"
