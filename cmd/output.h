/*
 * output.h: the one output layer of the ehc program.  A command that
 * prints a list or a report describes its columns (struct ehc_column:
 * a key for programs, a heading for people, a type), opens an output
 * with the format the user chose, and hands it one row at a time; the
 * layer writes text, CSV, JSON, an XLSX workbook or, for dated items,
 * iCalendar.  One option parser serves every such command:
 *
 *   -T, --format text|csv|json|xlsx|ics   the format
 *   -O, --output file                     write to file, not stdout
 *   -c, --csv   -j, --json                short for -T csv, -T json
 *   -x, --xlsx file                       short for -T xlsx -O file
 *   -i, --ics                             short for -T ics (ehc due)
 *
 * Adding a format is adding a backend (out_*.c) and its name here;
 * adding a report is a row of the library's table and one line of
 * cmd_report.c's.
 */
#ifndef EHC_OUTPUT_H
#define EHC_OUTPUT_H

#include <getopt.h>
#include <stdint.h>

#include "cli.h"

enum out_format { OUT_TEXT, OUT_CSV, OUT_JSON, OUT_XLSX, OUT_ICS };

/* What the command line asked for. */
struct out_opts {
	enum out_format	 format;
	const char	*path;		/* NULL: standard output */
	int		 nformats;	/* formats named: at most one */
};

#define OUT_OPTS_INIT	{ OUT_TEXT, NULL, 0 }

/* The options of out_option(), for getopt_long(). */
#define OUT_GETOPT	"T:O:cjx:"
#define OUT_LONGOPTS \
	{ "format",	required_argument,	NULL,	'T' }, \
	{ "output",	required_argument,	NULL,	'O' }, \
	{ "csv",	no_argument,		NULL,	'c' }, \
	{ "json",	no_argument,		NULL,	'j' }, \
	{ "xlsx",	required_argument,	NULL,	'x' }
#define OUT_CASES	case 'T': case 'O': case 'c': case 'j': case 'x'

/*
 * Take one of the options above (or 'i', --ics).  Returns 0, or prints
 * the usage error and returns its exit status.
 */
int	out_option(struct cli *cli, const char *usage, struct out_opts *o,
	    int ch, const char *arg);

/* One value of a row, read as its column's type says. */
struct out_val {
	const char		*s;	/* text, month "YYYY-MM"; NULL: none */
	double			 n;	/* count, money (pence), percent, */
					/* decimal; NaN: none */
	int32_t			 day;	/* date; EHC_NO_DATE: none */
	const char *const	*list;	/* list, NULL-terminated; NULL: none */
};

/* Set the n values of a row to none. */
void	out_vals_clear(struct out_val *v, int n);

/* A parameter of a report, printed in its JSON document. */
struct out_param {
	const char		*key;
	enum ehc_column_type	 type;	/* text, count or date */
	struct out_val		 v;
};

/*
 * A chart for the workbook, on a sheet of its own: a column chart of
 * the series columns, a bar per row; or, with across, of the total row
 * across the columns flagged EHC_COL_DETAIL (spend by month).
 */
struct out_chart {
	const char	*title;
#define OUT_SERIES	4
	const char	*series[OUT_SERIES];	/* column keys; NULL ends */
	int		 across;
};

/* An iCalendar event, filled from a row by the command. */
struct out_event {
	char		 uid[160];	/* stable while the item lives */
	int32_t		 day;		/* an all-day event on this day */
	char		 summary[256];
	char		 description[1024];	/* lines: "\n" between */
	char		 categories[128];	/* comma-separated */
	int64_t		 sequence;	/* grows whenever the item changes */
	int64_t		 modified;	/* when it last did; seconds, UTC */
};

enum out_spec_flags {
	/*
	 * A list of records, printed as it is read: JSON is an array, text
	 * a line a record (no headings) with the columns padded to widths.
	 * Otherwise a report: JSON is one document with format_version,
	 * text a table with headings aligned to its content.
	 */
	OUT_LIST = 1 << 0
};

/* What the command prints. */
struct out_spec {
	const char		*name;		/* "due", "reviews" */
	const char		*title;		/* the sheet: 31 bytes */
	/* Printed above: the title and what it is for; NULL: title. */
	const char		*caption;
	const struct ehc_column	*cols;
	int			 ncols;
	int			 nkeys;		/* leading key columns */
	unsigned int		 flags;		/* enum out_spec_flags */
	const int		*widths;	/* OUT_LIST text widths */
	const struct out_param	*params;	/* for the JSON document */
	int			 nparams;
	const struct out_chart	*chart;		/* NULL: none */
	/* iCalendar: fill ev from a row; NULL: no iCalendar. */
	int			(*event)(struct out_event *ev,
				    const struct out_val *row, void *payload);
	void			*payload;
};

struct out;

/*
 * Open the output: check the options against what the command offers
 * (one format; a workbook needs a file; iCalendar needs events), open
 * the file, begin.  Returns 0, or prints and returns the exit status.
 */
int	out_open(struct out **out, struct cli *cli, const char *usage,
	    const struct out_opts *opts, const struct out_spec *spec);
/* One row: spec->ncols values.  Returns 0 or an exit status. */
int	out_row(struct out *o, const struct out_val *row);
/* The total row, after the others.  Returns 0 or an exit status. */
int	out_total(struct out *o, const struct out_val *row);
/*
 * Finish: end the document, commit the file.  Frees o.  Returns 0 or
 * the exit status (it has printed why).
 */
int	out_close(struct out *o);
/* Abandon an output after a failure: nothing is committed.  NULL ok. */
void	out_free(struct out *o);

/* The enum ehc_column_type's name: "text", "money" ... */
const char *out_type_name(enum ehc_column_type type);

#endif
