/*
 * report_table.c: ehc report reviews|phase-transfers|advice|caseload:
 * the management reports that are tables of counts, as text, JSON, CSV
 * or an XLSX workbook.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"
#include "report_spend.h"

static void
print_text(const struct ehc_table *t)
{
	int r, c;

	printf("%-40s", t->cols[0]);
	for (c = 1; c < t->ncols; c++)
		printf(" %*s", (int)(strlen(t->cols[c]) < 8 ? 8 :
		    strlen(t->cols[c])), t->cols[c]);
	putchar('\n');
	for (r = 0; r < t->nrows; r++) {
		printf("%-40s", t->rows[r].key);
		for (c = 1; c < t->ncols; c++)
			printf(" %*lld", (int)(strlen(t->cols[c]) < 8 ? 8 :
			    strlen(t->cols[c])), (long long)t->rows[r].v[c - 1]);
		putchar('\n');
	}
}

static void
print_csv(const struct ehc_table *t)
{
	char n[24];
	int r, c;

	for (c = 0; c < t->ncols; c++)
		ehc_csv_field(stdout, t->cols[c], c == t->ncols - 1);
	for (r = 0; r < t->nrows; r++) {
		ehc_csv_field(stdout, t->rows[r].key, t->ncols == 1);
		for (c = 1; c < t->ncols; c++) {
			snprintf(n, sizeof(n), "%lld",
			    (long long)t->rows[r].v[c - 1]);
			ehc_csv_field(stdout, n, c == t->ncols - 1);
		}
	}
}

static cJSON *
table_json(const struct ehc_table *t)
{
	cJSON *arr = cJSON_CreateArray(), *o;
	int r, c;

	for (r = 0; arr != NULL && r < t->nrows; r++) {
		if ((o = cJSON_CreateObject()) == NULL ||
		    !cJSON_AddItemToArray(arr, o) ||
		    json_str(o, t->cols[0], t->rows[r].key) == NULL) {
			cJSON_Delete(arr);
			return NULL;
		}
		for (c = 1; c < t->ncols; c++)
			if (cJSON_AddNumberToObject(o, t->cols[c],
			    (double)t->rows[r].v[c - 1]) == NULL) {
				cJSON_Delete(arr);
				return NULL;
			}
	}
	return arr;
}

int
report_table(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "csv",	no_argument,		NULL,	'c' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "xlsx",	required_argument,	NULL,	'x' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *name = argv[1], *path = NULL, *date = NULL;
	struct ehc_table *t;
	int32_t on = cli->today;
	long year = 0;
	int ch, rc, csv = 0, json = 0, nformats = 0;
	int caseload = strcmp(name, "caseload") == 0;

	while ((ch = getopt_long(argc, argv, ":y:d:cjx:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'y':
			if ((rc = cli_number(cli, usage_report, "--year",
			    optarg, 2199, &year)) != 0)
				return rc;
			break;
		case 'd': date = optarg; break;
		case 'c': csv = 1; nformats++; break;
		case 'j': json = 1; nformats++; break;
		case 'x': path = optarg; nformats++; break;
		case 'h': return cli_help(usage_report);
		default: return cli_bad_option(cli, usage_report, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage_report, "report %s takes no "
		    "operands", name);
	if (nformats > 1)
		return cli_usage(cli, usage_report, "--csv, --json and --xlsx "
		    "cannot be used together");
	if (caseload ? year != 0 : date != NULL)
		return cli_usage(cli, usage_report, caseload ? "the caseload is "
		    "on a --date, not for a --year" : "--date is for the "
		    "caseload; give --year");
	if (!caseload && year < 1900)
		return cli_usage(cli, usage_report, "--year is required, e.g. "
		    "2026");
	if (date != NULL && (rc = cli_date(cli, "--date", date, &on)) != 0)
		return rc;
	if ((rc = ehc_report_table(&t, cli->db, name, (int)year, on))
	    != EHC_OK)
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	if (path != NULL) {
		int saved = cli_stderr_off();

		rc = ehc_table_write_xlsx(t, path);
		cli_stderr_on(saved);
		ehc_table_free(t);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_error(cli,
		    cli_exit_code(rc), "cannot %s '%s'", rc == EHC_EIO ?
		    "write" : "create", path);
	}
	if (json) {
		rc = json_print(cli, table_json(t));
		ehc_table_free(t);
		return rc;
	}
	if (csv)
		print_csv(t);
	else
		print_text(t);
	ehc_table_free(t);
	return EHC_EXIT_OK;
}
