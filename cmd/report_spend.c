/*
 * report_spend.c: ehc report spend: committed spend for a financial
 * year by month, need, setting type, officer, provider or kind, with the
 * spend to date and the forecast to 31 March.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "cmd.h"
#include "print.h"
#include "report_spend.h"

enum spend_format { SPEND_TEXT, SPEND_JSON, SPEND_CSV, SPEND_XLSX };

struct spend {
	enum spend_format	 format;
	int			 fy;
	cJSON			*arr;
	struct ehc_outfile	*of;		/* the workbook's file */
	lxw_workbook		*wb;
	int			 quiet;		/* stderr while it is open */
	lxw_worksheet		*ws;
	lxw_format		*money, *bold;
	int			 row;
	int64_t			 total[12], to_date, forecast;
};

static void
pounds(int64_t pence, char *buf, size_t len)
{
	snprintf(buf, len, "%s%lld.%02lld", pence < 0 ? "-" : "",
	    (long long)(llabs(pence) / 100), (long long)(llabs(pence) % 100));
}

static int
spend_row(const struct ehc_spend_row *r, void *payload)
{
	struct spend *s = payload;
	char a[40], b[40], key[16];
	cJSON *o, *months;
	int m;

	for (m = 0; m < 12; m++)
		s->total[m] += r->month[m];
	s->to_date += r->to_date;
	s->forecast += r->forecast;
	switch (s->format) {
	case SPEND_JSON:
		if ((o = cJSON_CreateObject()) == NULL ||
		    !cJSON_AddItemToArray(s->arr, o) ||
		    json_str(o, "key", r->key) == NULL ||
		    (months = cJSON_AddObjectToObject(o, "months")) == NULL)
			return EHC_ENOMEM;
		for (m = 0; m < 12; m++) {
			snprintf(key, sizeof(key), "%04d-%02d", m < 9 ? s->fy :
			    s->fy + 1, m < 9 ? m + 4 : m - 8);
			if (cJSON_AddNumberToObject(months, key,
			    (double)r->month[m]) == NULL)
				return EHC_ENOMEM;
		}
		if (cJSON_AddNumberToObject(o, "to_date_pence",
		    (double)r->to_date) == NULL ||
		    cJSON_AddNumberToObject(o, "forecast_pence",
		    (double)r->forecast) == NULL)
			return EHC_ENOMEM;
		break;
	case SPEND_CSV:
		ehc_csv_field(stdout, r->key, 0);
		for (m = 0; m < 12; m++) {
			pounds(r->month[m], a, sizeof(a));
			ehc_csv_field(stdout, a, 0);
		}
		pounds(r->to_date, a, sizeof(a));
		pounds(r->forecast, b, sizeof(b));
		ehc_csv_field(stdout, a, 0);
		ehc_csv_field(stdout, b, 1);
		break;
	case SPEND_XLSX:
		s->row++;
		worksheet_write_string(s->ws, (lxw_row_t)s->row, 0, r->key,
		    NULL);
		for (m = 0; m < 12; m++)
			worksheet_write_number(s->ws, (lxw_row_t)s->row,
			    (lxw_col_t)(m + 1), (double)r->month[m] / 100,
			    s->money);
		worksheet_write_number(s->ws, (lxw_row_t)s->row, 13,
		    (double)r->to_date / 100, s->money);
		worksheet_write_number(s->ws, (lxw_row_t)s->row, 14,
		    (double)r->forecast / 100, s->money);
		break;
	default:
		ehc_money_format(a, sizeof(a), r->to_date);
		ehc_money_format(b, sizeof(b), r->forecast);
		printf("%-24s %16s %16s\n", r->key, a, b);
		break;
	}
	return 0;
}

static void
header_row(struct spend *s, FILE *fp)
{
	char key[16];
	int m;

	if (s->format == SPEND_CSV) {
		ehc_csv_field(fp, "group", 0);
		for (m = 0; m < 12; m++) {
			snprintf(key, sizeof(key), "%04d-%02d", m < 9 ? s->fy :
			    s->fy + 1, m < 9 ? m + 4 : m - 8);
			ehc_csv_field(fp, key, 0);
		}
		ehc_csv_field(fp, "to_date", 0);
		ehc_csv_field(fp, "forecast", 1);
	} else if (s->format == SPEND_TEXT)
		printf("%-24s %16s %16s\n", "", "to date", "forecast");
}

static int
write_xlsx_head(struct spend *s, const char *by)
{
	char key[16];
	int m;

	s->ws = workbook_add_worksheet(s->wb, "Spend");
	s->money = workbook_add_format(s->wb);
	s->bold = workbook_add_format(s->wb);
	if (s->ws == NULL || s->money == NULL || s->bold == NULL)
		return -1;
	format_set_num_format(s->money, "\302\243#,##0.00");
	format_set_bold(s->bold);
	worksheet_write_string(s->ws, 0, 0, by, s->bold);
	for (m = 0; m < 12; m++) {
		snprintf(key, sizeof(key), "%04d-%02d", m < 9 ? s->fy :
		    s->fy + 1, m < 9 ? m + 4 : m - 8);
		worksheet_write_string(s->ws, 0, (lxw_col_t)(m + 1), key,
		    s->bold);
	}
	worksheet_write_string(s->ws, 0, 13, "to date", s->bold);
	worksheet_write_string(s->ws, 0, 14, "forecast", s->bold);
	worksheet_set_column(s->ws, 0, 0, 24, NULL);
	worksheet_set_column(s->ws, 1, 14, 13, NULL);
	worksheet_freeze_panes(s->ws, 1, 1);
	return 0;
}

/* A column chart of each month's committed spend across all groups. */
static void
write_xlsx_chart(struct spend *s)
{
	lxw_worksheet *ws = workbook_add_worksheet(s->wb, "Chart data");
	lxw_chart *chart;
	lxw_chart_series *series;
	char key[16];
	int m;

	if (ws == NULL)
		return;
	worksheet_write_string(ws, 0, 0, "month", s->bold);
	worksheet_write_string(ws, 0, 1, "committed", s->bold);
	for (m = 0; m < 12; m++) {
		snprintf(key, sizeof(key), "%04d-%02d", m < 9 ? s->fy :
		    s->fy + 1, m < 9 ? m + 4 : m - 8);
		worksheet_write_string(ws, (lxw_row_t)(m + 1), 0, key, NULL);
		worksheet_write_number(ws, (lxw_row_t)(m + 1), 1,
		    (double)s->total[m] / 100, s->money);
	}
	if ((chart = workbook_add_chart(s->wb, LXW_CHART_COLUMN)) == NULL)
		return;
	series = chart_add_series(chart, "='Chart data'!$A$2:$A$13",
	    "='Chart data'!$B$2:$B$13");
	if (series != NULL)
		chart_series_set_name(series, "Committed spend");
	chart_title_set_name(chart, "Committed spend by month");
	chart_axis_set_num_format(chart->y_axis, "\302\243#,##0");
	worksheet_insert_chart(s->ws, (lxw_row_t)(s->row + 2), 1, chart);
}

int
report_spend(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "year",	required_argument,	NULL,	'y' },
		{ "by",		required_argument,	NULL,	'g' },
		{ "csv",	no_argument,		NULL,	'c' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "xlsx",	required_argument,	NULL,	'x' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct spend s;
	const char *by = "month", *path = NULL;
	char a[40], b[40];
	long year = 0;
	int ch, rc, nformats = 0;
	lxw_error err;

	memset(&s, 0, sizeof(s));
	while ((ch = getopt_long(argc, argv, ":y:g:cjx:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'y':
			if ((rc = cli_number(cli, usage_report, "--year",
			    optarg, 2100, &year)) != 0)
				return rc;
			break;
		case 'g': by = optarg; break;
		case 'c': s.format = SPEND_CSV; nformats++; break;
		case 'j': s.format = SPEND_JSON; nformats++; break;
		case 'x': s.format = SPEND_XLSX; path = optarg; nformats++;
			break;
		case 'h': return cli_help(usage_report);
		default: return cli_bad_option(cli, usage_report, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage_report, "report spend takes no "
		    "operands");
	if (year == 0)
		return cli_usage(cli, usage_report, "--year (the year the "
		    "financial year starts) is required");
	if (nformats > 1)
		return cli_usage(cli, usage_report, "--csv, --json and --xlsx "
		    "cannot be used together");
	s.fy = (int)year;
	if (s.format == SPEND_JSON && (s.arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	if (s.format == SPEND_XLSX) {
		s.quiet = cli_stderr_off();
		if ((rc = ehc_outfile_open(&s.of, path)) != EHC_OK) {
			cli_stderr_on(s.quiet);
			rc = cli_error(cli, cli_exit_code(rc), "%s",
			    ehc_outfile_errmsg(s.of));
			ehc_outfile_free(s.of);
			return rc;
		}
		if ((s.wb = workbook_new(ehc_outfile_tmppath(s.of))) == NULL ||
		    write_xlsx_head(&s, by) != 0) {
			workbook_close(s.wb);
			cli_stderr_on(s.quiet);
			ehc_outfile_free(s.of);
			return cli_error(cli, EHC_EXIT_CANTCREAT, "cannot create "
			    "'%s'", path);
		}
	}
	header_row(&s, stdout);
	rc = ehc_spend_report(cli->db, s.fy, by, spend_row, &s);
	if (rc != EHC_OK) {
		cJSON_Delete(s.arr);
		if (s.wb != NULL) {
			workbook_close(s.wb);
			cli_stderr_on(s.quiet);
		}
		ehc_outfile_free(s.of);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	switch (s.format) {
	case SPEND_JSON:
		return json_print(cli, s.arr);
	case SPEND_XLSX:
		write_xlsx_chart(&s);
		err = workbook_close(s.wb);
		cli_stderr_on(s.quiet);
		/* As the other workbooks: a file not made, or not written. */
		if (err != LXW_NO_ERROR) {
			ehc_outfile_free(s.of);
			return cli_error(cli, err == LXW_ERROR_CREATING_XLSX_FILE ?
			    EHC_EXIT_CANTCREAT : EHC_EXIT_IOERR, "cannot write "
			    "'%s': %s", path, lxw_strerror(err));
		}
		if ((rc = ehc_outfile_commit(s.of)) != EHC_OK)
			rc = cli_error(cli, cli_exit_code(rc), "%s",
			    ehc_outfile_errmsg(s.of));
		ehc_outfile_free(s.of);
		return rc == EHC_OK ? EHC_EXIT_OK : rc;
	case SPEND_TEXT:
		ehc_money_format(a, sizeof(a), s.to_date);
		ehc_money_format(b, sizeof(b), s.forecast);
		printf("%-24s %16s %16s\n", "total", a, b);
		return EHC_EXIT_OK;
	default:
		return EHC_EXIT_OK;
	}
}
