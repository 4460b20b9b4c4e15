/*
 * cmd_report.c: ehc report sen2|timeliness|spend.  The SEN2 return as
 * CSV files or a workbook, or its validation findings; the timeliness
 * measures as text, JSON, CSV or a workbook.  The spend report lives in
 * report_spend.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"
#include "report_spend.h"

const char usage_report[] =
    "ehc report sen2 [-h] -y year (-c dir | -x file | -k)\n"
    "ehc report timeliness [-h] -y year [-c | -j | -x file]\n"
    "ehc report spend [-h] -y year [-g by] [-c | -j | -x file]\n"
    "ehc report reviews|phase-transfers|advice|outcomes [-h] -y year "
    "[-c | -j | -x file]\n"
    "ehc report caseload [-h] [-d date] [-c | -j | -x file]";

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

static int
report_sen2(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "csv",	required_argument,	NULL,	'c' },
		{ "xlsx",	required_argument,	NULL,	'x' },
		{ "check",	no_argument,		NULL,	'k' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *dir = NULL, *file = NULL;
	struct check c;
	long year = 0;
	int ch, rc, check = 0;

	while ((ch = getopt_long(argc, argv, ":y:c:x:kh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'y':
			if ((rc = parse_year(cli, optarg, &year)) != 0)
				return rc;
			break;
		case 'c': dir = optarg; break;
		case 'x': file = optarg; break;
		case 'k': check = 1; break;
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
	if (dir != NULL && file != NULL)
		return cli_usage(cli, usage_report, "'--csv' and '--xlsx' "
		    "cannot be used together");
	if (check && (dir != NULL || file != NULL))
		return cli_usage(cli, usage_report, "'--check' and '--%s' "
		    "cannot be used together", dir != NULL ? "csv" : "xlsx");
	if (dir == NULL && file == NULL && !check)
		return cli_usage(cli, usage_report, "give --csv DIR, --xlsx "
		    "FILE or --check");
	if (check) {
		c.errors = 0;
		if ((rc = ehc_sen2_validate(cli->db, (int)year, print_finding,
		    &c)) != EHC_OK)
			return cli_fail(cli, rc);
		return c.errors > 0 ? EHC_EXIT_DATAERR : EHC_EXIT_OK;
	}
	if (dir != NULL)
		rc = ehc_sen2_export_csv(cli->db, (int)year, dir);
	else {
		int saved = cli_stderr_off();

		rc = ehc_sen2_export_xlsx(cli->db, (int)year, file);
		cli_stderr_on(saved);
	}
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

enum format { F_TEXT, F_CSV, F_JSON, F_XLSX };

static double
pct(int num, int den)
{
	return den > 0 ? 100.0 * num / den : 0.0;
}

static void
text_pct(char *buf, size_t len, int num, int den)
{
	if (den > 0)
		snprintf(buf, len, "%.1f", pct(num, den));
	else
		snprintf(buf, len, "-");
}

static void
text_row(const char *label, const struct ehc_timeliness_row *r)
{
	char a[16], b[16], c[16], d[16], w[16];

	text_pct(a, sizeof(a), r->issued_20, r->issued);
	text_pct(b, sizeof(b), r->issued_20_ex, r->issued_ex);
	text_pct(c, sizeof(c), r->assess_6, r->assess);
	text_pct(d, sizeof(d), r->no_issue_16, r->no_issue);
	if (r->issued > 0)
		snprintf(w, sizeof(w), "%.1f",
		    (double)r->issued_days / 7.0 / r->issued);
	else
		snprintf(w, sizeof(w), "-");
	printf("%-8s %6d %6d %6s %6d %6d %6s %6d %6s   %6d %6d %6s   %6d "
	    "%6d %6s\n", label, r->issued, r->issued_20, a, r->issued_ex,
	    r->issued_20_ex, b, r->issued_over_52, w, r->assess, r->assess_6,
	    c, r->no_issue, r->no_issue_16, d);
}

static void
csv_row(const char *label, const struct ehc_timeliness_row *r)
{
	char a[16], b[16], c[16], d[16], w[16];

	/* Percentages and means are blank when nothing was counted. */
	a[0] = b[0] = c[0] = d[0] = w[0] = '\0';
	if (r->issued > 0) {
		snprintf(a, sizeof(a), "%.1f", pct(r->issued_20, r->issued));
		snprintf(w, sizeof(w), "%.1f",
		    (double)r->issued_days / 7.0 / r->issued);
	}
	if (r->issued_ex > 0)
		snprintf(b, sizeof(b), "%.1f", pct(r->issued_20_ex,
		    r->issued_ex));
	if (r->assess > 0)
		snprintf(c, sizeof(c), "%.1f", pct(r->assess_6, r->assess));
	if (r->no_issue > 0)
		snprintf(d, sizeof(d), "%.1f", pct(r->no_issue_16,
		    r->no_issue));
	printf("%s,%d,%d,%s,%d,%d,%s,%d,%s,%d,%d,%s,%d,%d,%s\r\n", label,
	    r->issued, r->issued_20, a, r->issued_ex, r->issued_20_ex, b,
	    r->issued_over_52, w, r->assess, r->assess_6, c, r->no_issue,
	    r->no_issue_16, d);
}

static cJSON *
json_pct(cJSON *o, const char *key, int num, int den)
{
	if (den == 0)
		return cJSON_AddNullToObject(o, key);
	return cJSON_AddNumberToObject(o, key,
	    (double)(long)(pct(num, den) * 10 + 0.5) / 10);
}

static cJSON *
json_row(const char *label, const struct ehc_timeliness_row *r)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	if (cJSON_AddStringToObject(o, "period", label) == NULL ||
	    cJSON_AddNumberToObject(o, "plans_issued", r->issued) == NULL ||
	    cJSON_AddNumberToObject(o, "within_20_weeks", r->issued_20)
	    == NULL ||
	    json_pct(o, "pc_within_20_weeks", r->issued_20, r->issued)
	    == NULL ||
	    cJSON_AddNumberToObject(o, "plans_issued_ex", r->issued_ex)
	    == NULL ||
	    cJSON_AddNumberToObject(o, "within_20_weeks_ex", r->issued_20_ex)
	    == NULL ||
	    json_pct(o, "pc_within_20_weeks_ex", r->issued_20_ex,
	    r->issued_ex) == NULL ||
	    cJSON_AddNumberToObject(o, "over_52_weeks", r->issued_over_52)
	    == NULL ||
	    (r->issued > 0 ? cJSON_AddNumberToObject(o, "mean_weeks",
	    (double)(long)((double)r->issued_days / 7.0 / r->issued * 10 +
	    0.5) / 10) : cJSON_AddNullToObject(o, "mean_weeks")) == NULL ||
	    cJSON_AddNumberToObject(o, "assess_decisions", r->assess) == NULL ||
	    cJSON_AddNumberToObject(o, "within_6_weeks", r->assess_6) == NULL ||
	    json_pct(o, "pc_within_6_weeks", r->assess_6, r->assess) == NULL ||
	    cJSON_AddNumberToObject(o, "no_issue_decisions", r->no_issue)
	    == NULL ||
	    cJSON_AddNumberToObject(o, "within_16_weeks", r->no_issue_16)
	    == NULL ||
	    json_pct(o, "pc_within_16_weeks", r->no_issue_16, r->no_issue)
	    == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int
timeliness_json(struct cli *cli, const struct ehc_timeliness *t)
{
	cJSON *doc = cJSON_CreateObject(), *arr, *row;
	char label[16];
	int i;

	if (doc == NULL ||
	    cJSON_AddNumberToObject(doc, "format", EHC_JSON_FORMAT) == NULL ||
	    cJSON_AddNumberToObject(doc, "year", t->year) == NULL ||
	    (arr = cJSON_AddArrayToObject(doc, "months")) == NULL)
		goto fail;
	for (i = 0; i < 12; i++) {
		snprintf(label, sizeof(label), "%04d-%02d", t->year, i + 1);
		if ((row = json_row(label, &t->months[i])) == NULL)
			goto fail;
		cJSON_AddItemToArray(arr, row);
	}
	snprintf(label, sizeof(label), "%04d", t->year);
	if ((row = json_row(label, &t->total)) == NULL)
		goto fail;
	cJSON_AddItemToObject(doc, "total", row);
	return json_print(cli, doc);
fail:
	cJSON_Delete(doc);
	return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
}

static int
report_timeliness(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "csv",	no_argument,		NULL,	'c' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "xlsx",	required_argument,	NULL,	'x' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_timeliness t;
	enum format fmt = F_TEXT;
	const char *file = NULL;
	char label[16];
	long year = 0;
	int ch, rc, nformats = 0, i;

	while ((ch = getopt_long(argc, argv, ":y:cjx:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'y':
			if ((rc = parse_year(cli, optarg, &year)) != 0)
				return rc;
			break;
		case 'c': fmt = F_CSV; nformats++; break;
		case 'j': fmt = F_JSON; nformats++; break;
		case 'x': fmt = F_XLSX; file = optarg; nformats++; break;
		case 'h': return cli_help(usage_report);
		default: return cli_bad_option(cli, usage_report, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage_report, "report timeliness takes "
		    "no operands");
	if (year == 0)
		return cli_usage(cli, usage_report, "--year (a calendar year) "
		    "is required");
	if (nformats > 1)
		return cli_usage(cli, usage_report, "--csv, --json and --xlsx "
		    "cannot be used together");
	if (fmt == F_XLSX) {
		int saved = cli_stderr_off();

		rc = ehc_report_timeliness_xlsx(cli->db, (int)year, file);
		cli_stderr_on(saved);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if ((rc = ehc_report_timeliness(&t, cli->db, (int)year)) != EHC_OK)
		return cli_fail(cli, rc);
	switch (fmt) {
	case F_JSON:
		return timeliness_json(cli, &t);
	case F_CSV:
		printf("period,plans_issued,within_20_weeks,pc_within_20_weeks,"
		    "plans_issued_ex,within_20_weeks_ex,pc_within_20_weeks_ex,"
		    "over_52_weeks,mean_weeks,assess_decisions,within_6_weeks,"
		    "pc_within_6_weeks,no_issue_decisions,within_16_weeks,"
		    "pc_within_16_weeks\r\n");
		for (i = 0; i < 12; i++) {
			snprintf(label, sizeof(label), "%04d-%02d", t.year,
			    i + 1);
			csv_row(label, &t.months[i]);
		}
		snprintf(label, sizeof(label), "%04d", t.year);
		csv_row(label, &t.total);
		break;
	default:
		printf("%-8s %6s %6s %6s %6s %6s %6s %6s %6s   %6s %6s %6s   "
		    "%6s %6s %6s\n", "month", "issued", "in20wk", "%", "no-exc",
		    "in20wk", "%", ">52wk", "weeks", "assess", "in6wk", "%",
		    "no-iss", "in16wk", "%");
		for (i = 0; i < 12; i++) {
			snprintf(label, sizeof(label), "%04d-%02d", t.year,
			    i + 1);
			text_row(label, &t.months[i]);
		}
		snprintf(label, sizeof(label), "%04d", t.year);
		text_row(label, &t.total);
	}
	return EHC_EXIT_OK;
}

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL;

	if (verb == NULL || verb[0] == '-') {
		if (verb != NULL && (strcmp(verb, "-h") == 0 ||
		    strcmp(verb, "--help") == 0))
			return cli_help(usage_report);
		return cli_usage(cli, usage_report, "name a report: sen2, "
		    "timeliness, spend, reviews, phase-transfers, advice, "
		    "caseload or outcomes");
	}
	if (strcmp(verb, "sen2") == 0)
		return report_sen2(cli, argc, argv);
	if (strcmp(verb, "timeliness") == 0)
		return report_timeliness(cli, argc, argv);
	if (strcmp(verb, "spend") == 0)
		return report_spend(cli, argc, argv);
	if (strcmp(verb, "reviews") == 0 || strcmp(verb, "advice") == 0 ||
	    strcmp(verb, "phase-transfers") == 0 ||
	    strcmp(verb, "caseload") == 0 || strcmp(verb, "outcomes") == 0)
		return report_table(cli, argc, argv);
	return cli_usage(cli, usage_report, "unknown report '%.30s'; use "
	    "sen2, timeliness, spend, reviews, phase-transfers, advice, "
	    "caseload or outcomes", verb);
}
