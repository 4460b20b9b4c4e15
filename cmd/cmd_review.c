/*
 * cmd_review.c: ehc review: annual review meetings, reports, decisions,
 * progress against the plan's outcomes and coming phase transfers.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_review[] =
    "ehc review [-h] [-j] case meeting|report -d date\n"
    "ehc review [-h] [-j] case decide maintain|amend|cease -d date\n"
    "ehc review [-h] [-j] case progress outcome achieved|partly|not "
    "-d date [-m note]\n"
    "ehc review [-h] [-j] case phase-transfer -d date -k school|post-16|"
    "post-16-move";

int
cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "kind",	required_argument,	NULL,	'k' },
		{ "note",	required_argument,	NULL,	'm' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *kind = NULL, *note = NULL, *verb;
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, want;

	while ((ch = getopt_long(argc, argv, ":d:k:m:jh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'k': kind = optarg; break;
		case 'm': note = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_review);
		default: return cli_bad_option(cli, usage_review, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		return cli_usage(cli, usage_review, "name the case and the "
		    "step");
	verb = argv[1];
	want = strcmp(verb, "decide") == 0 ? 3 :
	    strcmp(verb, "progress") == 0 ? 4 : 2;
	if (strcmp(verb, "meeting") != 0 && strcmp(verb, "report") != 0 &&
	    strcmp(verb, "decide") != 0 && strcmp(verb, "progress") != 0 &&
	    strcmp(verb, "phase-transfer") != 0)
		return cli_usage(cli, usage_review, "unknown step '%.30s'",
		    verb);
	if (argc != want)
		return cli_usage(cli, usage_review, "wrong number of operands "
		    "for review %s", verb);
	if (date == NULL)
		return cli_usage(cli, usage_review, "--date is required");
	if (strcmp(verb, "phase-transfer") == 0 && kind == NULL)
		return cli_usage(cli, usage_review, "--kind is required");
	if (note != NULL && strcmp(verb, "progress") != 0)
		return cli_usage(cli, usage_review, "--note goes with "
		    "progress");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "meeting") == 0)
		rc = ehc_review_meeting(cli->db, id, day);
	else if (strcmp(verb, "report") == 0)
		rc = ehc_review_report(cli->db, id, day);
	else if (strcmp(verb, "decide") == 0)
		rc = ehc_review_decide(cli->db, id, argv[2], day);
	else if (strcmp(verb, "progress") == 0)
		rc = ehc_outcome_progress(cli->db, id, argv[2], argv[3], day,
		    note);
	else
		rc = ehc_phase_transfer(cli->db, id, day, kind);
	return case_after_step(cli, rc, id, json);
}
