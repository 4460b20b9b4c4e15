/*
 * cmd_amend.c: ehc amend: propose amendments (reg 22), issue the amended
 * plan, or decide not to amend after all.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_amend[] =
    "ehc amend [-h] [-j] case propose|final|cancel -d date [-F -R reason]";

int
cmd_amend(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *reason = NULL;
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, force = 0;

	while ((ch = getopt_long(argc, argv, ":d:FR:jh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_amend);
		default: return cli_bad_option(cli, usage_amend, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || (strcmp(argv[1], "propose") != 0 &&
	    strcmp(argv[1], "final") != 0 && strcmp(argv[1], "cancel") != 0))
		return cli_usage(cli, usage_amend, "name the case, then "
		    "propose, final or cancel");
	if (date == NULL)
		return cli_usage(cli, usage_amend, "--date is required");
	if (force && reason == NULL)
		return cli_usage(cli, usage_amend, "--force needs --reason");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(argv[1], "propose") == 0)
		rc = ehc_amend_propose(cli->db, id, day);
	else if (strcmp(argv[1], "final") == 0)
		rc = ehc_amend_final(cli->db, id, day, force ? reason : NULL);
	else
		rc = ehc_amend_cancel(cli->db, id, day);
	return case_after_step(cli, rc, id, json);
}
