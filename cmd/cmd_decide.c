/*
 * cmd_decide.c: ehc decide: whether to assess (reg 5) and whether to
 * issue a plan (reg 10).
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"

const char usage_decide[] =
    "ehc decide [-h] case assess|no-assess|issue|no-issue -d date "
    "[-R reason]";

int
cmd_decide(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *reason = NULL;
	int64_t id;
	int32_t day;
	int ch, rc, decision;

	while ((ch = getopt_long(argc, argv, ":d:R:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'R': reason = optarg; break;
		case 'h': return cli_help(usage_decide);
		default: return cli_bad_option(cli, usage_decide, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		return cli_usage(cli, usage_decide, "name the case and the "
		    "decision");
	if (date == NULL)
		return cli_usage(cli, usage_decide, "--date is required");
	if ((decision = ehc_decision_parse(argv[1])) < 0)
		return cli_usage(cli, usage_decide, "unknown decision '%.30s'",
		    argv[1]);
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	rc = ehc_decide(cli->db, id, (enum ehc_decision)decision, day, reason);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
