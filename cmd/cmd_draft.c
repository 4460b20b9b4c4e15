/*
 * cmd_draft.c: ehc draft: serve the draft plan, issue the final plan.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_draft[] =
    "ehc draft [-h] case issue|final -d date [-F -R reason]";

int
cmd_draft(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *reason = NULL;
	int64_t id;
	int32_t day;
	int ch, rc, force = 0;

	while ((ch = getopt_long(argc, argv, ":d:FR:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'h': return cli_help(usage_draft);
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || (strcmp(argv[1], "issue") != 0 &&
	    strcmp(argv[1], "final") != 0))
		return cli_usage(cli, usage_draft, "name the case, then issue "
		    "or final");
	if (date == NULL)
		return cli_usage(cli, usage_draft, "--date is required");
	if (force && reason == NULL)
		return cli_usage(cli, usage_draft, "--force needs --reason");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(argv[1], "issue") == 0)
		rc = ehc_draft_issue(cli->db, id, day);
	else
		rc = ehc_draft_final(cli->db, id, day, force ? reason : NULL);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
