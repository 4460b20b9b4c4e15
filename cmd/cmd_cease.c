/*
 * cmd_cease.c: ehc cease: ceasing to maintain a plan (s45, reg 31), with
 * the plan kept live until the appeal window and any appeal end.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_cease[] =
    "ehc cease [-h] [-j] case propose|appeal|appeal-decided -d date\n"
    "ehc cease [-h] [-j] case decide -d date -c code\n"
    "ehc cease [-h] [-j] case end -d date [-F -R reason]";

int
cmd_cease(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "code",	required_argument,	NULL,	'c' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *code = NULL, *date = NULL, *reason = NULL, *verb;
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, force = 0;

	while ((ch = getopt_long(argc, argv, ":c:d:FR:jh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'c': code = optarg; break;
		case 'd': date = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_cease);
		default: return cli_bad_option(cli, usage_cease, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		return cli_usage(cli, usage_cease, "name the case and the step");
	verb = argv[1];
	if (strcmp(verb, "propose") != 0 && strcmp(verb, "decide") != 0 &&
	    strcmp(verb, "appeal") != 0 && strcmp(verb, "appeal-decided") != 0
	    && strcmp(verb, "end") != 0)
		return cli_usage(cli, usage_cease, "unknown step '%.30s'", verb);
	if (date == NULL)
		return cli_usage(cli, usage_cease, "--date is required");
	if (strcmp(verb, "decide") == 0 && code == NULL)
		return cli_usage(cli, usage_cease, "--code (the SEN2 cease "
		    "reason, 1 to 9) is required");
	if (force && reason == NULL)
		return cli_usage(cli, usage_cease, "--force needs --reason");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "propose") == 0)
		rc = ehc_cease_propose(cli->db, id, day);
	else if (strcmp(verb, "decide") == 0)
		rc = ehc_cease_decide(cli->db, id, day, code);
	else if (strcmp(verb, "end") == 0)
		rc = ehc_cease_end(cli->db, id, day, force ? reason : NULL);
	else
		rc = ehc_cease_appeal(cli->db, id, day, verb[6] == '-');
	return case_after_step(cli, rc, id, json);
}
