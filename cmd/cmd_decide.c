/*
 * cmd_decide.c: ehc decide: whether to assess (reg 5) and whether to
 * issue a plan (reg 10).
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"

const char usage_decide[] =
    "ehc decide [-h] case assess|no-assess|issue|no-issue -d date "
    "[-R reason] [-s support] [-C ground]";

int
cmd_decide(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reconsider",	required_argument,	NULL,	'C' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "support",	required_argument,	NULL,	's' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_decide_in in = EHC_DECIDE_IN_INIT;
	const char *date = NULL;
	int64_t id;
	int ch, rc, decision;

	while ((ch = getopt_long(argc, argv, ":C:d:R:s:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'C': in.reconsider = optarg; break;
		case 'd': date = optarg; break;
		case 'R': in.reason = optarg; break;
		case 's': in.support = optarg; break;
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
	if ((rc = cli_date(cli, "--date", date, &in.date)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	in.decision = (enum ehc_decision)decision;
	rc = ehc_decide_with(cli->db, id, &in);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
