/*
 * cmd_reassess.c: ehc reassess: re-assessment of a plan in force (CFA
 * s44(2)-(3), regs 24-27): the request, the decision, the draft and the
 * plan.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_reassess[] =
    "ehc reassess [-h] [-j] case request -d date -b requester\n"
    "ehc reassess [-h] [-j] case decide assess|no-assess -d date\n"
    "ehc reassess [-h] [-j] case draft|final -d date [-F -R reason]";

int
cmd_reassess(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by",		required_argument,	NULL,	'b' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *by = NULL, *date = NULL, *reason = NULL, *verb;
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, force = 0, want;

	while ((ch = getopt_long(argc, argv, ":b:d:FR:jh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'b': by = optarg; break;
		case 'd': date = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_reassess);
		default: return cli_bad_option(cli, usage_reassess, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		return cli_usage(cli, usage_reassess, "name the case and the "
		    "step: request, decide, draft or final");
	verb = argv[1];
	if (strcmp(verb, "request") != 0 && strcmp(verb, "decide") != 0 &&
	    strcmp(verb, "draft") != 0 && strcmp(verb, "final") != 0)
		return cli_usage(cli, usage_reassess, "unknown step '%.30s'",
		    verb);
	want = strcmp(verb, "decide") == 0 ? 3 : 2;
	if (argc != want)
		return cli_usage(cli, usage_reassess, "wrong number of "
		    "operands for reassess %s", verb);
	if (want == 3 && strcmp(argv[2], "assess") != 0 &&
	    strcmp(argv[2], "no-assess") != 0)
		return cli_usage(cli, usage_reassess, "decide assess or "
		    "no-assess");
	if (date == NULL)
		return cli_usage(cli, usage_reassess, "--date is required");
	if ((by == NULL) != (strcmp(verb, "request") != 0))
		return cli_usage(cli, usage_reassess, "--by goes with request, "
		    "and request needs it");
	if (force && strcmp(verb, "final") != 0)
		return cli_usage(cli, usage_reassess, "--force goes with "
		    "final");
	if (force && reason == NULL)
		return cli_usage(cli, usage_reassess, "--force needs --reason");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "request") == 0)
		rc = ehc_reassess_request(cli->db, id, day, by);
	else if (strcmp(verb, "decide") == 0)
		rc = ehc_reassess_decide(cli->db, id,
		    strcmp(argv[2], "assess") == 0, day);
	else if (strcmp(verb, "draft") == 0)
		rc = ehc_reassess_draft(cli->db, id, day);
	else
		rc = ehc_reassess_final(cli->db, id, day, force ? reason :
		    NULL);
	return case_after_step(cli, rc, id, json);
}
