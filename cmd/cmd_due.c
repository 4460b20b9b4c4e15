/*
 * cmd_due.c: ehc due: everything overdue, and everything due within a
 * window, across the caseload or for one officer.  Quiet when nothing is
 * due, so that cron mails nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_due[] =
    "ehc due [-h] [-w days] [-o officer] [-c | -i | -j]";

enum due_format { DUE_TEXT, DUE_JSON, DUE_CSV, DUE_ICS };

struct due_state {
	enum due_format	 format;
	int		 n;
};

static void
ics_text(const char *s)
{
	/* RFC 5545 TEXT escaping. */
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ',' || *s == ';' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

static int
due_one(const struct ehc_deadline *d, void *payload)
{
	struct due_state *st = payload;
	char due[EHC_DATE_LEN], warn[EHC_DATE_LEN], days[16], fl[64], *js;
	cJSON *o;

	st->n++;
	switch (st->format) {
	case DUE_JSON:
		/* One element at a time: memory stays flat with the list. */
		o = json_deadline(d, 1, 0);
		js = o != NULL ? cJSON_PrintUnformatted(o) : NULL;
		cJSON_Delete(o);
		if (js == NULL)
			return EHC_ENOMEM;
		putchar(st->n == 1 ? '[' : ',');
		fputs(js, stdout);
		cJSON_free(js);
		break;
	case DUE_CSV:
		if (st->n == 1)
			fputs("case,rule,subject,due,status,days,warning,"
			    "officer,flags\r\n", stdout);
		snprintf(days, sizeof(days), "%d", d->days);
		ehc_csv_field(stdout, d->case_ref, 0);
		ehc_csv_field(stdout, d->rule, 0);
		ehc_csv_field(stdout, d->subject, 0);
		ehc_csv_field(stdout, ehc_date_format(due, sizeof(due),
		    d->due), 0);
		ehc_csv_field(stdout, d->status, 0);
		ehc_csv_field(stdout, days, 0);
		ehc_csv_field(stdout, ehc_date_format(warn, sizeof(warn),
		    d->warning), 0);
		ehc_csv_field(stdout, d->officer, 0);
		ehc_csv_field(stdout, flags_text(d->flags, fl, sizeof(fl)), 1);
		break;
	case DUE_ICS:
		if (st->n == 1)
			fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
			    "PRODID:-//ehc//ehc due//EN\r\n", stdout);
		ehc_date_format(due, sizeof(due), d->due);
		printf("BEGIN:VEVENT\r\nUID:%s-%s%s%s@ehc\r\n", d->case_ref,
		    d->rule, d->subject ? "-" : "", d->subject ?
		    d->subject : "");
		printf("DTSTAMP:%.4s%.2s%.2sT000000Z\r\n", due, due + 5,
		    due + 8);
		printf("DTSTART;VALUE=DATE:%.4s%.2s%.2s\r\n", due, due + 5,
		    due + 8);
		fputs("SUMMARY:", stdout);
		ics_text(d->case_ref);
		fputs(" ", stdout);
		ics_text(d->rule);
		printf(" (%s)\r\nDESCRIPTION:", d->status);
		ics_text(d->regulation);
		fputs("\r\nEND:VEVENT\r\n", stdout);
		break;
	default:
		printf("%s\t%-22s %s  %-8s %5d  %s%s%s%s%s%s\n", d->case_ref,
		    d->rule, ehc_date_format(due, sizeof(due), d->due),
		    d->status, d->days,
		    d->officer ? d->officer : "-",
		    d->subject ? "  " : "", d->subject ? d->subject : "",
		    d->flags ? "  [" : "",
		    d->flags ? flags_text(d->flags, fl, sizeof(fl)) : "",
		    d->flags ? "]" : "");
		break;
	}
	return 0;
}

int
cmd_due(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "within",	required_argument,	NULL,	'w' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "csv",	no_argument,		NULL,	'c' },
		{ "ics",	no_argument,		NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct due_state st;
	const char *officer = NULL;
	long within = 14;
	int ch, rc, nformats = 0;

	memset(&st, 0, sizeof(st));
	while ((ch = getopt_long(argc, argv, ":w:o:cijh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'w':
			if ((rc = cli_number(cli, usage_due, "--within",
			    optarg, 3660, &within)) != 0)
				return rc;
			break;
		case 'o': officer = optarg; break;
		case 'c': st.format = DUE_CSV; nformats++; break;
		case 'i': st.format = DUE_ICS; nformats++; break;
		case 'j': st.format = DUE_JSON; nformats++; break;
		case 'h': return cli_help(usage_due);
		default: return cli_bad_option(cli, usage_due, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_due, "due takes no operands");
	if (nformats > 1)
		return cli_usage(cli, usage_due, "--csv, --ics and --json "
		    "cannot be used together");
	rc = ehc_due_foreach(cli->db, (int)within, officer, due_one, &st);
	if (rc != EHC_OK)
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	if (st.format == DUE_JSON)
		fputs(st.n == 0 ? "[]\n" : "]\n", stdout);
	if (st.format == DUE_ICS && st.n > 0)
		fputs("END:VCALENDAR\r\n", stdout);
	return EHC_EXIT_OK;
}
