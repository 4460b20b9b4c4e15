/*
 * out_impl.h: what the output layer's backends (out_*.c) share; the
 * commands use output.h only.
 */
#ifndef EHC_OUT_IMPL_H
#define EHC_OUT_IMPL_H

#include <stdio.h>

#include "output.h"

struct out_backend {
	int	(*begin)(struct out *);
	/* A row, or with total the total row. */
	int	(*row)(struct out *, const struct out_val *, int total);
	int	(*end)(struct out *);
	/* Release the backend's state; after end, or instead of it. */
	void	(*release)(struct out *);
};

struct out {
	struct cli		*cli;
	const struct out_spec	*spec;
	const struct out_backend *be;
	enum out_format		 format;
	const char		*path;	/* NULL: standard output */
	FILE			*fp;	/* where text formats write */
	struct ehc_outfile	*of;	/* the file, when there is one */
	void			*state;	/* the backend's */
	long			 nrows;
};

extern const struct out_backend out_text, out_csv, out_json, out_xlsx,
    out_ics;

/*
 * A value as text into buf, and return it: for people (human: "£1,234.50",
 * "Mar 2026", "-" for none) or for programs (CSV: "1234.50", "2026-03",
 * "" for none).
 */
const char *out_cell(char *buf, size_t len, const struct ehc_column *c,
	    const struct out_val *v, int human);

/* Whether v has no value for its column. */
int	out_none(const struct ehc_column *c, const struct out_val *v);

/* The number of characters (not bytes) of a UTF-8 string. */
size_t	out_width(const char *s);

/* The characters of the longest word of s. */
size_t	out_longest_word(const char *s);

/*
 * Line `line` (from 0) of heading h wrapped at width characters, into
 * buf (which may be NULL); returns how many lines the heading takes.
 */
int	out_heading_line(const char *h, int width, int line, char *buf,
	    size_t len);

/* "Mar 2026" for "2026-03"; the month number, or 0 if s is no month. */
int	out_month(const char *s, int *year);

#define OUT_CELL_LEN	256

#endif
