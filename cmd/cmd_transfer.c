/*
 * cmd_transfer.c: ehc transfer: plans moving between authorities
 * (reg 15): out when the family moves away, in when a plan arrives.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_transfer[] =
    "ehc transfer [-h] [-j] case out -t la -m date -d date\n"
    "ehc transfer [-h] [-j] case sent|notified -d date\n"
    "ehc transfer [-h] [-j] in -f forename -s surname -b dob -F la -d date "
    "-i date [-r date] [-U upn] [-x sex] [-o officer]";

int
cmd_transfer(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "forename",	required_argument,	NULL,	'f' },
		{ "surname",	required_argument,	NULL,	's' },
		{ "dob",	required_argument,	NULL,	'b' },
		{ "from",	required_argument,	NULL,	'F' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "issued",	required_argument,	NULL,	'i' },
		{ "reviewed",	required_argument,	NULL,	'r' },
		{ "to",		required_argument,	NULL,	't' },
		{ "move",	required_argument,	NULL,	'm' },
		{ "upn",	required_argument,	NULL,	'U' },
		{ "sex",	required_argument,	NULL,	'x' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_transfer_in in = EHC_TRANSFER_IN_INIT;
	const char *date = NULL, *dob = NULL, *issued = NULL, *reviewed = NULL;
	const char *to = NULL, *move = NULL, *verb;
	char ref[EHC_REF_LEN];
	int64_t id;
	int32_t day, mday;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":f:s:b:F:d:i:r:t:m:U:x:o:jh",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': in.forename = optarg; break;
		case 's': in.surname = optarg; break;
		case 'b': dob = optarg; break;
		case 'F': in.from_la = optarg; break;
		case 'd': date = optarg; break;
		case 'i': issued = optarg; break;
		case 'r': reviewed = optarg; break;
		case 't': to = optarg; break;
		case 'm': move = optarg; break;
		case 'U': in.upn = optarg; break;
		case 'x': in.sex = optarg; break;
		case 'o': in.officer = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_transfer);
		default: return cli_bad_option(cli, usage_transfer, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (date == NULL)
		return cli_usage(cli, usage_transfer, "--date is required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0)
		return rc;
	if (argc == 1 && strcmp(argv[0], "in") == 0) {
		if (in.forename == NULL || in.surname == NULL || dob == NULL ||
		    in.from_la == NULL || issued == NULL)
			return cli_usage(cli, usage_transfer, "--forename, "
			    "--surname, --dob, --from and --issued are "
			    "required");
		in.transferred = day;
		if ((rc = cli_date(cli, "--dob", dob, &in.dob)) != 0 ||
		    (rc = cli_date(cli, "--issued", issued, &in.issued)) != 0 ||
		    (reviewed != NULL && (rc = cli_date(cli, "--reviewed",
		    reviewed, &in.reviewed)) != 0))
			return rc;
		if ((rc = ehc_transfer_in(ref, sizeof(ref), cli->db, &in))
		    != EHC_OK)
			return cli_fail(cli, rc);
		if (json) {
			if ((rc = cli_case(cli, ref, &id)) != 0)
				return rc;
			return case_after_step(cli, EHC_OK, id, 1);
		}
		if ((rc = cli_commit(cli)) != 0)
			return rc;
		printf("%s\n", ref);
		return EHC_EXIT_OK;
	}
	if (argc != 2)
		return cli_usage(cli, usage_transfer, "name the case and the "
		    "step, or 'in'");
	verb = argv[1];
	if (strcmp(verb, "out") != 0 && strcmp(verb, "sent") != 0 &&
	    strcmp(verb, "notified") != 0)
		return cli_usage(cli, usage_transfer, "unknown step '%.30s'",
		    verb);
	if (strcmp(verb, "out") == 0 && (to == NULL || move == NULL))
		return cli_usage(cli, usage_transfer, "--to and --move are "
		    "required");
	if ((rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "out") == 0) {
		if ((rc = cli_date(cli, "--move", move, &mday)) != 0)
			return rc;
		rc = ehc_transfer_out(cli->db, id, to, mday, day);
	} else if (strcmp(verb, "sent") == 0)
		rc = ehc_transfer_sent(cli->db, id, day);
	else
		rc = ehc_transfer_notified(cli->db, id, day);
	return case_after_step(cli, rc, id, json);
}
