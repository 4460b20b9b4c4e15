/*
 * cmd_placement.c: ehc placement: the settings named in a plan and the
 * settings a child or young person attends.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_placement[] =
    "ehc placement [-h] case named|attends (-u urn | -k ukprn | "
    "-s setting) [-r rank] [-f date] [-t date] [-o other] [-U] [-R] "
    "[-e res] [-w wbp]\n"
    "ehc placement [-h] case list [-j]\n"
    "ehc placement [-h] case leave seq -d date";

static int
placement_one(const struct ehc_placement *p, void *payload)
{
	char e[EHC_DATE_LEN], l[EHC_DATE_LEN];
	cJSON *o, *arr = payload;

	if (arr == NULL) {
		/* A named setting too is in force from and to a day. */
		printf("%s\t%d\trank %d\t%s %s%s%s\t%s to %s\n",
		    p->attends ? "attends" : "named", p->seq, p->rank,
		    p->urn ? "URN" : p->ukprn ? "UKPRN" : "setting",
		    p->urn ? p->urn : p->ukprn ? p->ukprn : p->setting,
		    p->sen_unit ? " (SEN unit)" : "",
		    p->resourced ? " (resourced provision)" : "",
		    ehc_date_format(e, sizeof(e), p->entry),
		    p->leaving != EHC_NO_DATE ? ehc_date_format(l, sizeof(l),
		    p->leaving) : "now");
		return 0;
	}
	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(arr, o) ||
	    json_str(o, "kind", p->attends ? "attends" : "named") == NULL ||
	    cJSON_AddNumberToObject(o, "seq", p->seq) == NULL ||
	    cJSON_AddNumberToObject(o, "rank", p->rank) == NULL ||
	    json_str(o, "urn", p->urn) == NULL ||
	    json_str(o, "ukprn", p->ukprn) == NULL ||
	    json_str(o, "setting", p->setting) == NULL ||
	    json_str(o, "other", p->other) == NULL ||
	    cJSON_AddBoolToObject(o, "sen_unit", p->sen_unit) == NULL ||
	    cJSON_AddBoolToObject(o, "resourced", p->resourced) == NULL ||
	    json_date(o, "entry", p->entry) == NULL ||
	    json_date(o, "leaving", p->leaving) == NULL ||
	    json_str(o, "res", p->res) == NULL ||
	    json_str(o, "wbp", p->wbp) == NULL)
		return EHC_ENOMEM;
	return 0;
}

int
cmd_placement(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "urn",	required_argument,	NULL,	'u' },
		{ "ukprn",	required_argument,	NULL,	'k' },
		{ "setting",	required_argument,	NULL,	's' },
		{ "rank",	required_argument,	NULL,	'r' },
		{ "from",	required_argument,	NULL,	'f' },
		{ "to",		required_argument,	NULL,	't' },
		{ "other",	required_argument,	NULL,	'o' },
		{ "sen-unit",	no_argument,		NULL,	'U' },
		{ "resourced",	no_argument,		NULL,	'R' },
		{ "res",	required_argument,	NULL,	'e' },
		{ "wbp",	required_argument,	NULL,	'w' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_placement_in in = EHC_PLACEMENT_IN_INIT;
	const char *from = NULL, *to = NULL, *date = NULL, *verb;
	cJSON *arr = NULL;
	int64_t id;
	int32_t day;
	long rank = 1, seq;
	int ch, rc, json = 0, out;

	while ((ch = getopt_long(argc, argv, ":u:k:s:r:f:t:o:URe:w:d:jh",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'u': in.urn = optarg; break;
		case 'k': in.ukprn = optarg; break;
		case 's': in.setting = optarg; break;
		case 'r':
			if ((rc = cli_number(cli, usage_placement, "--rank",
			    optarg, 2, &rank)) != 0)
				return rc;
			break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'o': in.other = optarg; break;
		case 'U': in.sen_unit = 1; break;
		case 'R': in.resourced = 1; break;
		case 'e': in.res = optarg; break;
		case 'w': in.wbp = optarg; break;
		case 'd': date = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_placement);
		default: return cli_bad_option(cli, usage_placement, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		return cli_usage(cli, usage_placement, "name the case and "
		    "named, attends, list or leave");
	verb = argv[1];
	if (strcmp(verb, "list") == 0) {
		if (argc != 2)
			return cli_usage(cli, usage_placement, "list takes only "
			    "the case");
		if ((rc = cli_case(cli, argv[0], &id)) != 0)
			return rc;
		if (json && (arr = cJSON_CreateArray()) == NULL)
			return cli_error(cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
		if ((rc = ehc_placement_foreach(cli->db, id, placement_one,
		    arr)) != EHC_OK) {
			cJSON_Delete(arr);
			return rc == EHC_ENOMEM ? cli_error(cli,
			    EHC_EXIT_SOFTWARE, "out of memory") :
			    cli_fail(cli, rc);
		}
		return json ? json_print(cli, arr) : EHC_EXIT_OK;
	}
	if (strcmp(verb, "leave") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_placement, "leave takes the "
			    "placement number");
		if (date == NULL)
			return cli_usage(cli, usage_placement, "--date is "
			    "required");
		if ((rc = cli_number(cli, usage_placement, "the placement",
		    argv[2], 9999, &seq)) != 0 ||
		    (rc = cli_date(cli, "--date", date, &day)) != 0 ||
		    (rc = cli_case(cli, argv[0], &id)) != 0)
			return rc;
		rc = ehc_placement_leave(cli->db, id, (int)seq, day);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (strcmp(verb, "named") != 0 && strcmp(verb, "attends") != 0)
		return cli_usage(cli, usage_placement, "unknown subcommand "
		    "'%.30s'", verb);
	if (argc != 2)
		return cli_usage(cli, usage_placement, "%s takes only the case",
		    verb);
	in.attends = verb[0] == 'a';
	in.rank = (int)rank;
	if ((from != NULL && (rc = cli_date(cli, "--from", from, &in.entry))
	    != 0) || (to != NULL && (rc = cli_date(cli, "--to", to,
	    &in.leaving)) != 0) || (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if ((rc = ehc_placement_add(&out, cli->db, id, &in)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	printf("%d\n", out);
	return EHC_EXIT_OK;
}
