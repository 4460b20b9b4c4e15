/*
 * cmd_request.c: ehc request new|list|withdraw|show.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_request[] =
    "ehc request new [-h] -f forename -s surname -b dob -r date "
    "[-S source] [-U upn] [-L uln] [-x sex] [-e ethnicity] [-p postcode] "
    "[-l setting] [-o officer] [-u reason] [-Y]\n"
    "ehc request new [-h] -P case -r date [-S source] [-l setting] "
    "[-o officer] [-Y]\n"
    "ehc request list [-h] [-j] [-o officer]\n"
    "ehc request withdraw [-h] case -d date [-R reason]\n"
    "ehc request show [-h] case [-e] [-j]";

int	case_show(struct cli *, int64_t, int, int);
int	case_list(struct cli *, const char *, int, int);

static int
request_new(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "forename",	required_argument,	NULL,	'f' },
		{ "surname",	required_argument,	NULL,	's' },
		{ "dob",	required_argument,	NULL,	'b' },
		{ "received",	required_argument,	NULL,	'r' },
		{ "source",	required_argument,	NULL,	'S' },
		{ "upn",	required_argument,	NULL,	'U' },
		{ "uln",	required_argument,	NULL,	'L' },
		{ "sex",	required_argument,	NULL,	'x' },
		{ "ethnicity",	required_argument,	NULL,	'e' },
		{ "postcode",	required_argument,	NULL,	'p' },
		{ "setting",	required_argument,	NULL,	'l' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "upn-unknown", required_argument,	NULL,	'u' },
		{ "rya",	no_argument,		NULL,	'Y' },
		{ "person",	required_argument,	NULL,	'P' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	const char *dob = NULL, *received = NULL, *person = NULL;
	char ref[EHC_REF_LEN];
	int64_t same = 0;
	int ch, rc, details = 0;

	while ((ch = getopt_long(argc, argv, ":f:s:b:r:S:U:L:x:e:p:l:o:u:YP:h",
	    longopts, NULL)) != -1) {
		details += strchr("fsbULxepu", ch) != NULL;
		switch (ch) {
		case 'f': in.forename = optarg; break;
		case 's': in.surname = optarg; break;
		case 'b': dob = optarg; break;
		case 'r': received = optarg; break;
		case 'S': in.source = optarg; break;
		case 'U': in.upn = optarg; break;
		case 'L': in.uln = optarg; break;
		case 'x': in.sex = optarg; break;
		case 'e': in.ethnicity = optarg; break;
		case 'p': in.postcode = optarg; break;
		case 'l': in.setting = optarg; break;
		case 'o': in.officer = optarg; break;
		case 'u': in.upn_unknown = optarg; break;
		case 'Y': in.rya = 1; break;
		case 'P': person = optarg; break;
		case 'h': return cli_help(usage_request);
		default: return cli_bad_option(cli, usage_request, ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, usage_request, "request new takes no "
		    "operands");
	if (person == NULL && (in.forename == NULL || in.surname == NULL ||
	    dob == NULL || received == NULL))
		return cli_usage(cli, usage_request, "--forename, --surname, "
		    "--dob and --received are required");
	if (person != NULL && received == NULL)
		return cli_usage(cli, usage_request, "--received is required");
	if ((dob != NULL && (rc = cli_date(cli, "--dob", dob, &in.dob)) != 0) ||
	    (rc = cli_date(cli, "--received", received, &in.received)) != 0 ||
	    (person != NULL && (rc = cli_case(cli, person, &same)) != 0))
		return rc;
	if ((rc = ehc_request_create_for(ref, sizeof(ref), cli->db, &in,
	    same)) != EHC_OK)
		return cli_fail(cli, rc);
	/* The child's recorded details stand; say so if others were given. */
	if (same > 0 && details > 0)
		fprintf(stderr, "%s: note: %s is for %s's child, whose recorded "
		    "details stand; correct them with 'ehc case edit'\n",
		    cli->name, ref, person);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	cli_done(cli, "its reference", "%s was created", ref);
	printf("%s\n", ref);
	return EHC_EXIT_OK;
}

static int
request_withdraw(struct cli *cli, int argc, char **argv)
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
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":d:R:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'R': reason = optarg; break;
		case 'h': return cli_help(usage_request);
		default: return cli_bad_option(cli, usage_request, ch, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage(cli, usage_request, "request withdraw takes "
		    "one case");
	if (date == NULL)
		return cli_usage(cli, usage_request, "--date is required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[optind + 1], &id)) != 0)
		return rc;
	if ((rc = ehc_request_withdraw(cli->db, id, day, reason)) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

static int
request_view(struct cli *cli, int argc, char **argv, int list)
{
	static const struct option longopts[] = {
		{ "explain",	no_argument,		NULL,	'e' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *officer = NULL;
	int ch, rc, json = 0, explain = 0;
	int64_t id;

	while ((ch = getopt_long(argc, argv, list ? ":jo:h" : ":ejh",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'e': explain = 1; break;
		case 'j': json = 1; break;
		case 'o': officer = optarg; break;
		case 'h': return cli_help(usage_request);
		default: return cli_bad_option(cli, usage_request, ch, argv);
		}
	}
	if (list) {
		if (argc - optind != 1)
			return cli_usage(cli, usage_request, "request list "
			    "takes no operands");
		return case_list(cli, officer, json, 1);
	}
	if (argc - optind != 2)
		return cli_usage(cli, usage_request, "request show takes one "
		    "case");
	if ((rc = cli_case(cli, argv[optind + 1], &id)) != 0)
		return rc;
	return case_show(cli, id, json, explain);
}

int
cmd_request(struct cli *cli, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : NULL;

	if (verb == NULL || verb[0] == '-') {
		if (verb != NULL && (strcmp(verb, "-h") == 0 ||
		    strcmp(verb, "--help") == 0))
			return cli_help(usage_request);
		return cli_usage(cli, usage_request, "name a subcommand: new, "
		    "list, withdraw or show");
	}
	if (strcmp(verb, "new") == 0)
		return request_new(cli, argc, argv);
	if (strcmp(verb, "withdraw") == 0)
		return request_withdraw(cli, argc, argv);
	if (strcmp(verb, "list") == 0)
		return request_view(cli, argc, argv, 1);
	if (strcmp(verb, "show") == 0)
		return request_view(cli, argc, argv, 0);
	return cli_usage(cli, usage_request, "unknown subcommand '%.30s'",
	    verb);
}
