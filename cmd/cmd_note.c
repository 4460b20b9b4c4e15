/*
 * cmd_note.c: ehc note: the communication log of a case.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "print.h"

const char usage_note[] =
    "ehc note [-h] case -d date -k kind -m text\n"
    "ehc note [-h] case -l";

static int
print_note(const struct ehc_entry *e, void *payload)
{
	char d[EHC_DATE_LEN];

	(void)payload;
	printf("%s\t%s\t%s\t", ehc_date_format(d, sizeof(d), e->date),
	    e->kind, e->author);
	print_lines(e->text, "\t\t\t");
	putchar('\n');
	return 0;
}

int
cmd_note(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "kind",	required_argument,	NULL,	'k' },
		{ "message",	required_argument,	NULL,	'm' },
		{ "list",	no_argument,		NULL,	'l' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *kind = NULL, *text = NULL;
	int64_t id;
	int32_t day;
	int ch, rc, list = 0;

	while ((ch = getopt_long(argc, argv, ":d:k:m:lh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'k': kind = optarg; break;
		case 'm': text = optarg; break;
		case 'l': list = 1; break;
		case 'h': return cli_help(usage_note);
		default: return cli_bad_option(cli, usage_note, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_note, "name one case");
	if ((rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (list) {
		rc = ehc_note_foreach(cli->db, id, print_note, NULL);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (date == NULL || kind == NULL || text == NULL)
		return cli_usage(cli, usage_note, "--date, --kind and "
		    "--message are required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0)
		return rc;
	rc = ehc_note_add(cli->db, id, day, kind, text);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
