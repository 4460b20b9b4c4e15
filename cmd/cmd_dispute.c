/*
 * cmd_dispute.c: ehc dispute: appealable decisions, mediation, appeals
 * and compliance with Tribunal orders.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_dispute[] =
    "ehc dispute [-h] [-j] case notice -a about -d date\n"
    "ehc dispute [-h] [-j] case agreement [-A order] -d date\n"
    "ehc dispute [-h] [-j] case contact|declined|mediation|mediated|"
    "certificate|health-agreement|agreement-done|health-told|"
    "appeal|received|response|unopposed|decided -d date\n"
    "ehc dispute [-h] [-j] case order kind -d date\n"
    "ehc dispute [-h] [-j] case comply step -d date";

int
cmd_dispute(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "about",	required_argument,	NULL,	'a' },
		{ "appealable",	required_argument,	NULL,	'A' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *about = NULL, *appealable = NULL, *date = NULL, *verb;
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, want;

	while ((ch = getopt_long(argc, argv, ":a:A:d:jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': about = optarg; break;
		case 'A': appealable = optarg; break;
		case 'd': date = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_dispute);
		default: return cli_bad_option(cli, usage_dispute, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		return cli_usage(cli, usage_dispute, "name the case and the "
		    "step");
	verb = argv[1];
	want = strcmp(verb, "order") == 0 || strcmp(verb, "comply") == 0 ?
	    3 : 2;
	if (argc != want)
		return cli_usage(cli, usage_dispute, "wrong number of operands "
		    "for dispute %.30s", verb);
	if (date == NULL)
		return cli_usage(cli, usage_dispute, "--date is required");
	if (strcmp(verb, "notice") == 0 && about == NULL)
		return cli_usage(cli, usage_dispute, "--about is required");
	if (appealable != NULL && strcmp(verb, "agreement") != 0)
		return cli_usage(cli, usage_dispute, "--appealable goes with "
		    "an agreement only");
	if (appealable != NULL && *appealable == '\0')
		return cli_usage(cli, usage_dispute, "--appealable needs the "
		    "order the agreement stands for: assess, make-plan, amend, "
		    "name-school or continue");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "notice") == 0)
		rc = ehc_dispute_notice(cli->db, id, about, day);
	else if (strcmp(verb, "order") == 0)
		rc = ehc_tribunal_order(cli->db, id, argv[2], day);
	else if (strcmp(verb, "comply") == 0)
		rc = ehc_tribunal_comply(cli->db, id, argv[2], day);
	else if (strcmp(verb, "agreement") == 0)
		rc = ehc_dispute_agreement(cli->db, id, appealable, day);
	else if (strcmp(verb, "unopposed") == 0)
		rc = ehc_dispute_unopposed(cli->db, id, day);
	else
		rc = ehc_dispute_step(cli->db, id, verb, day);
	return case_after_step(cli, rc, id, json);
}
