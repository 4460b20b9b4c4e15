/*
 * cmd_export.c: ehc export CASE: everything held about one case as one
 * JSON document, for a transfer to another authority or a subject
 * access request.  'ehc import case FILE' loads it back.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"

const char usage_export[] = "ehc export [-h] [-j] [-p] case";

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,		NULL,	'j' },
		{ "person",	no_argument,		NULL,	'p' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	char *json;
	int64_t id;
	int ch, rc, person = 0;

	while ((ch = getopt_long(argc, argv, ":jph", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': break;	/* JSON is the only format */
		case 'p': person = 1; break;
		case 'h': return cli_help(usage_export);
		default: return cli_bad_option(cli, usage_export, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_export, "name one case");
	if ((rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if ((rc = person ? ehc_person_export_json(&json, cli->db, id) :
	    ehc_case_export_json(&json, cli->db, id)) != EHC_OK)
		return cli_fail(cli, rc);
	printf("%s\n", json);
	ehc_free(json);
	return EHC_EXIT_OK;
}
