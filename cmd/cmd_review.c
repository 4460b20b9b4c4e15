/*
 * cmd_review.c: ehc review: annual review meetings, reports, decisions,
 * progress against the plan's outcomes and coming phase transfers.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_review[] =
    "ehc review [-h] [-j] case meeting|report -d date\n"
    "ehc review [-h] [-j] case decide maintain|amend|cease -d date\n"
    "ehc review [-h] [-j] case progress outcome achieved|partly|not "
    "-d date [-m note]\n"
    "ehc review [-h] [-j] case phase-transfer -d date -k school|post-16|"
    "post-16-move\n"
    "ehc review [-h] [-j] case book -d date [-k review|planning|panel|"
    "advice] [-T time] [-p place] [-i who ...]";

/* Who is invited, from each --invite, "; " between them. */
static int
add_invite(struct cli *cli, char *buf, size_t len, const char *who)
{
	size_t n = strlen(buf);

	if ((size_t)snprintf(buf + n, len - n, "%s%s", n ? "; " : "", who) >=
	    len - n)
		return cli_usage(cli, usage_review, "too many invited: at most "
		    "%zu characters in all", len - 1);
	return 0;
}

static int
book(struct cli *cli, int64_t id, int32_t day, const char *kind,
    const char *time, const char *place, const char *invite, int json)
{
	struct ehc_booking_in in = EHC_BOOKING_IN_INIT;

	if (kind != NULL)
		in.kind = kind;
	in.date = day;
	in.time = time;
	in.place = place;
	in.invite = *invite ? invite : NULL;
	return case_after_step(cli, ehc_book(cli->db, id, &in), id, json);
}

int
cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "kind",	required_argument,	NULL,	'k' },
		{ "note",	required_argument,	NULL,	'm' },
		{ "time",	required_argument,	NULL,	'T' },
		{ "place",	required_argument,	NULL,	'p' },
		{ "invite",	required_argument,	NULL,	'i' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *kind = NULL, *note = NULL, *verb;
	const char *time = NULL, *place = NULL;
	char invite[1001] = "";
	int64_t id;
	int32_t day;
	int ch, rc, json = 0, want, booking;

	while ((ch = getopt_long(argc, argv, ":d:k:m:T:p:i:jh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'k': kind = optarg; break;
		case 'm': note = optarg; break;
		case 'T': time = optarg; break;
		case 'p': place = optarg; break;
		case 'i':
			if ((rc = add_invite(cli, invite, sizeof(invite),
			    optarg)) != 0)
				return rc;
			break;
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
	    strcmp(verb, "phase-transfer") != 0 && strcmp(verb, "book") != 0)
		return cli_usage(cli, usage_review, "unknown step '%.30s'",
		    verb);
	booking = strcmp(verb, "book") == 0;
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
	if (!booking && (time != NULL || place != NULL || *invite))
		return cli_usage(cli, usage_review, "--time, --place and "
		    "--invite go with book");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (booking)
		return book(cli, id, day, kind, time, place, invite, json);
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
