/*
 * cmd_report.c: ehc report.  The SEN2 return as CSV files or a
 * workbook, or its validation findings; and the management reports,
 * each a table the library builds (ehc_report_table()) and the output
 * layer prints as text, CSV, JSON or a workbook.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "output.h"

const char usage_report[] =
    "ehc report sen2 [-h] -y year (-X file | -c dir | -x file | -k) "
    "[-E] [-D datetime]\n"
    "ehc report name [-h] [-y year] [-d date] [-g by] [-T format] "
    "[-O file] [-c | -j | -x file]";

static int
parse_year(struct cli *cli, const char *s, long *out)
{
	int rc;

	if ((rc = cli_number(cli, usage_report, "--year", s, 2199, out)) != 0)
		return rc;
	if (*out < 1900)
		return cli_usage(cli, usage_report, "--year must be a year "
		    "such as 2026");
	return EHC_EXIT_OK;
}

struct check {
	int	errors;
};

static int
print_finding(const struct ehc_sen2_finding *f, void *payload)
{
	struct check *c = payload;

	if (strcmp(f->severity, "error") == 0)
		c->errors++;
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f->rule, f->severity, f->table,
	    f->person, f->field, f->value, f->message);
	return 0;
}

/*
 * The one line every writing form prints: what the year's checks found
 * in what was written, and where to see them.
 */
static void
summary_line(struct cli *cli, const struct ehc_sen2_summary *sum,
    const char *where)
{
	fprintf(stderr, "%s: sen2 written: %d error%s, %d quer%s; see %s\n",
	    cli->name, sum->errors, sum->errors == 1 ? "" : "s",
	    sum->queries, sum->queries == 1 ? "y" : "ies", where);
}

/*
 * The XML message, for submission.  It records its SerialNo in the
 * store, so it runs in a write transaction, committed once the message
 * is complete and before it is put in place: a message that could not
 * be put in place (status 4) has used its serial, and the next gets the
 * next.  A return with errors is written all the same; the status says
 * so (3) unless allow_errors.
 */
static int
sen2_xml(struct cli *cli, const struct ehc_sen2_options *opt,
    const char *file, int allow_errors)
{
	struct ehc_sen2_summary sum;
	struct ehc_outfile *of = NULL;
	int rc;

	ehc_db_rollback(cli->db);
	if ((rc = ehc_db_begin(cli->db, EHC_TXN_WRITE)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = ehc_outfile_open(&of, file)) != EHC_OK) {
		rc = cli_error(cli, cli_exit_code(rc), "%s",
		    ehc_outfile_errmsg(of));
		ehc_outfile_free(of);
		return rc;
	}
	if ((rc = ehc_sen2_export_xml(&sum, cli->db, opt,
	    ehc_outfile_fp(of))) != EHC_OK) {
		ehc_outfile_free(of);
		return cli_fail(cli, rc);
	}
	if ((rc = cli_commit(cli)) != 0) {
		ehc_outfile_free(of);
		return rc;
	}
	if (ehc_outfile_commit(of) != EHC_OK) {
		rc = cli_error(cli, EHC_EXIT_COMMITTED, "serial %03d was "
		    "recorded but the message could not be written: %s",
		    sum.serial, ehc_outfile_errmsg(of));
		ehc_outfile_free(of);
		return rc;
	}
	ehc_outfile_free(of);
	summary_line(cli, &sum, "'ehc report sen2 --check'");
	return sum.errors > 0 && !allow_errors ? EHC_EXIT_RETURN_ERRORS :
	    EHC_EXIT_OK;
}

static int
report_sen2(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "xml",	required_argument,	NULL,	'X' },
		{ "csv",	required_argument,	NULL,	'c' },
		{ "xlsx",	required_argument,	NULL,	'x' },
		{ "check",	no_argument,		NULL,	'k' },
		{ "allow-errors", no_argument,		NULL,	'E' },
		{ "datetime",	required_argument,	NULL,	'D' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
	struct ehc_sen2_summary sum;
	const char *dir = NULL, *file = NULL, *xml = NULL;
	struct check c;
	long year = 0;
	int ch, rc, check = 0, allow = 0, forms;

	while ((ch = getopt_long(argc, argv, ":y:X:c:x:kED:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'y':
			if ((rc = parse_year(cli, optarg, &year)) != 0)
				return rc;
			break;
		case 'X': xml = optarg; break;
		case 'c': dir = optarg; break;
		case 'x': file = optarg; break;
		case 'k': check = 1; break;
		case 'E': allow = 1; break;
		case 'D': opt.datetime = optarg; break;
		case 'h': return cli_help(usage_report);
		default: return cli_bad_option(cli, usage_report, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage_report, "report sen2 takes no "
		    "operands");
	if (year == 0)
		return cli_usage(cli, usage_report, "--year (the return's "
		    "year, e.g. 2026 for the January 2026 census) is required");
	forms = (xml != NULL) + (dir != NULL) + (file != NULL) + check;
	if (forms > 1)
		return cli_usage(cli, usage_report, "give one of --xml, --csv, "
		    "--xlsx and --check");
	if (forms == 0)
		return cli_usage(cli, usage_report, "give --xml FILE, --csv "
		    "DIR, --xlsx FILE or --check");
	if (allow && xml == NULL)
		return cli_usage(cli, usage_report, "--allow-errors goes with "
		    "--xml");
	opt.year = (int)year;
	if (check) {
		c.errors = 0;
		if ((rc = ehc_sen2_validate(cli->db, (int)year, print_finding,
		    &c)) != EHC_OK)
			return cli_fail(cli, rc);
		return c.errors > 0 ? EHC_EXIT_DATAERR : EHC_EXIT_OK;
	}
	if (xml != NULL)
		return sen2_xml(cli, &opt, xml, allow);
	if (dir != NULL)
		rc = ehc_sen2_export_csv(&sum, cli->db, &opt, dir);
	else {
		int saved = cli_stderr_off();

		rc = ehc_sen2_export_xlsx(&sum, cli->db, &opt, file);
		cli_stderr_on(saved);
	}
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	/* The checking forms: written, with what the checks found. */
	summary_line(cli, &sum, dir != NULL ? "'ehc report sen2 --check'" :
	    "the Validation sheet");
	return EHC_EXIT_OK;
}

enum takes {
	T_YEAR = 1 << 0,	/* -y: a calendar year; spend: April's */
	T_DATE = 1 << 1,	/* -d: a day, today by default */
	T_BY = 1 << 2		/* -g: spend's grouping */
};

static const struct out_chart timeliness_chart = {
	"Plans issued within 20 weeks",
	{ "pc_within_20_weeks", "pc_within_20_weeks_ex", NULL }, 0
};
static const struct out_chart reviews_chart = {
	"Annual reviews due", { "on_time", "late", "overdue" }, 0
};
static const struct out_chart spend_chart = {
	"Committed spend by month", { NULL }, 1
};

/*
 * The management reports: the library's table of each (report_table.c)
 * has its columns and rows; a line here says what it takes and its
 * chart.
 */
static const struct report {
	const char		*name;
	unsigned int		 takes;
	const struct out_chart	*chart;
} reports[] = {
	{ "timeliness",		T_YEAR,		&timeliness_chart },
	{ "reviews",		T_YEAR,		&reviews_chart },
	{ "phase-transfers",	T_YEAR,		NULL },
	{ "phase-cohort",	T_YEAR,		NULL },
	{ "advice",		T_YEAR,		NULL },
	{ "outcomes",		T_YEAR,		NULL },
	{ "requests",		T_YEAR,		NULL },
	{ "caseload",		T_DATE,		NULL },
	{ "spend",		T_YEAR | T_BY,	&spend_chart },
};

#define NREPORTS (sizeof(reports) / sizeof(reports[0]))

static const char names[] = "sen2, timeliness, reviews, phase-transfers, "
    "phase-cohort, advice, outcomes, requests, caseload or spend";

/* A row of the table as the output layer takes it. */
static void
to_values(struct out_val *v, const struct ehc_table *t,
    const struct ehc_table_row *r)
{
	int c;

	for (c = 0; c < t->ncols; c++) {
		v[c].s = c < t->nkeys ? r->key[c] : NULL;
		v[c].n = c < t->nkeys ? NAN : r->v[c];
		v[c].day = EHC_NO_DATE;
		v[c].list = NULL;
	}
}

static int
print_table(struct cli *cli, const char *usage, const struct report *rep,
    const struct out_opts *oo, const struct ehc_table *t,
    const struct ehc_report_params *p)
{
	struct out_val v[EHC_TABLE_MAX_COLS];
	struct out_param params[2];
	struct out_spec spec;
	struct out_chart chart;
	struct out *o;
	char caption[192], title[96], day[EHC_DATE_LEN];
	int r, rc;

	memset(&spec, 0, sizeof(spec));
	memset(params, 0, sizeof(params));
	spec.name = t->name;
	spec.title = t->title;
	spec.cols = t->cols;
	spec.ncols = t->ncols;
	spec.nkeys = t->nkeys;
	spec.params = params;
	if (rep->takes & T_DATE) {
		params[0].key = "date";
		params[0].type = EHC_COL_DATE;
		params[0].v.day = p->on;
		snprintf(caption, sizeof(caption), "%s on %s", t->title,
		    ehc_date_format(day, sizeof(day), p->on));
	} else {
		params[0].key = "year";
		params[0].type = EHC_COL_COUNT;
		params[0].v.n = p->year;
		snprintf(caption, sizeof(caption), "%s, %d", t->title,
		    p->year);
	}
	spec.nparams = 1;
	if (rep->takes & T_BY) {
		params[1].key = "by";
		params[1].type = EHC_COL_TEXT;
		params[1].v.s = p->by;
		spec.nparams = 2;
		snprintf(caption, sizeof(caption), "%s, %d-%02d, by %s",
		    t->title, p->year, (p->year + 1) % 100, p->by);
	}
	spec.caption = caption;
	if (rep->chart != NULL) {
		chart = *rep->chart;
		snprintf(title, sizeof(title), "%.60s, %d", chart.title,
		    p->year);
		chart.title = title;
		spec.chart = &chart;
	}
	if ((rc = out_open(&o, cli, usage, oo, &spec)) != 0)
		return rc;
	for (r = 0; rc == 0 && r < t->nrows; r++) {
		to_values(v, t, &t->rows[r]);
		rc = out_row(o, v);
	}
	if (rc == 0 && t->total != NULL) {
		to_values(v, t, t->total);
		rc = out_total(o, v);
	}
	if (rc != 0) {
		out_free(o);
		return rc;
	}
	return out_close(o);
}

static int
report_table(struct cli *cli, const struct report *rep, int argc,
    char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "by",		required_argument,	NULL,	'g' },
		OUT_LONGOPTS,
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_report_params p = EHC_REPORT_PARAMS_INIT;
	struct out_opts oo = OUT_OPTS_INIT;
	struct ehc_table *t;
	/* The synopsis line of these reports, for usage errors. */
	const char *usage = strchr(usage_report, '\n') + 1;
	const char *date = NULL;
	long year = 0;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":y:d:g:" OUT_GETOPT "h",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'y':
			if ((rc = parse_year(cli, optarg, &year)) != 0)
				return rc;
			break;
		case 'd': date = optarg; break;
		case 'g': p.by = optarg; break;
		OUT_CASES:
			if ((rc = out_option(cli, usage, &oo, ch,
			    optarg)) != 0)
				return rc;
			break;
		case 'h': return cli_help(usage_report);
		default: return cli_bad_option(cli, usage, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage, "report %s takes no "
		    "operands", rep->name);
	if ((rep->takes & T_YEAR) && year == 0)
		return cli_usage(cli, usage, "report %s needs --year, "
		    "e.g. --year 2026%s", rep->name, (rep->takes & T_BY) ?
		    " for April 2026 to March 2027" : "");
	if (!(rep->takes & T_YEAR) && year != 0)
		return cli_usage(cli, usage, "report %s is on a --date, "
		    "not for a --year", rep->name);
	if (!(rep->takes & T_DATE) && date != NULL)
		return cli_usage(cli, usage, "--date is for the "
		    "caseload; report %s takes --year", rep->name);
	if (!(rep->takes & T_BY) && p.by != NULL)
		return cli_usage(cli, usage, "--by is for the spend "
		    "report");
	if (p.by == NULL && (rep->takes & T_BY))
		p.by = "month";
	p.year = (int)year;
	p.on = cli->today;
	if (date != NULL && (rc = cli_date(cli, "--date", date, &p.on)) != 0)
		return rc;
	if ((rc = ehc_report_table(&t, cli->db, rep->name, &p)) != EHC_OK)
		return cli_fail(cli, rc);
	rc = print_table(cli, usage, rep, &oo, t, &p);
	ehc_table_free(t);
	return rc;
}

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL;
	size_t i;

	if (verb == NULL || verb[0] == '-') {
		if (verb != NULL && (strcmp(verb, "-h") == 0 ||
		    strcmp(verb, "--help") == 0))
			return cli_help(usage_report);
		return cli_usage(cli, usage_report, "name a report: %s", names);
	}
	if (strcmp(verb, "sen2") == 0)
		return report_sen2(cli, argc, argv);
	for (i = 0; i < NREPORTS; i++)
		if (strcmp(verb, reports[i].name) == 0)
			return report_table(cli, &reports[i], argc, argv);
	return cli_usage(cli, usage_report, "unknown report '%.30s'; use %s",
	    verb, names);
}
