/*
 * cmd_advice.c: ehc advice: request advice (reg 6), record advice re-used
 * under reg 6(4), receive it, and list it (a chase list with --overdue).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_advice[] =
    "ehc advice [-h] case request type -d date [-b date] [-f from]\n"
    "ehc advice [-h] case reuse type -d date -f from\n"
    "ehc advice [-h] case receive advice -d date\n"
    "ehc advice [-h] list [case] [-j] [-O]";

struct list_state {
	int		 json;
	cJSON		*arr;
	char		 provider[256];	/* the group heading printed last */
	int		 any;
};

static int
print_advice(const struct ehc_advice *a, void *payload)
{
	struct list_state *ls = payload;
	char r[EHC_DATE_LEN], d[EHC_DATE_LEN], g[EHC_DATE_LEN];
	const char *prov = a->provider ? a->provider : "(no provider)";
	cJSON *o;

	if (ls->json) {
		if ((o = cJSON_CreateObject()) == NULL ||
		    !cJSON_AddItemToArray(ls->arr, o) ||
		    json_str(o, "case", a->case_ref) == NULL ||
		    json_str(o, "advice", a->ref) == NULL ||
		    json_str(o, "type", a->type) == NULL ||
		    json_str(o, "provider", a->provider) == NULL ||
		    json_date(o, "requested", a->requested) == NULL ||
		    json_date(o, "received_by", a->received_by) == NULL ||
		    json_date(o, "due", a->reused ? EHC_NO_DATE : a->due)
		    == NULL ||
		    json_date(o, "received", a->received) == NULL ||
		    json_str(o, "status", a->status) == NULL ||
		    json_str(o, "officer", a->officer) == NULL)
			return EHC_ENOMEM;
		return 0;
	}
	/* Group the chase list by provider, as it is sent to each. */
	if (!ls->any || strcmp(ls->provider, prov) != 0) {
		printf("%s%s\n", ls->any ? "\n" : "", prov);
		snprintf(ls->provider, sizeof(ls->provider), "%s", prov);
	}
	ls->any = 1;
	printf("  %s\t%s\t%s\trequested %s\tdue %s\t%s%s%s\n", a->case_ref,
	    a->ref, a->type, ehc_date_format(r, sizeof(r), a->requested),
	    a->reused ? "-" : ehc_date_format(d, sizeof(d), a->due), a->status,
	    a->received != EHC_NO_DATE && !a->reused ? " " : "",
	    a->received != EHC_NO_DATE && !a->reused ?
	    ehc_date_format(g, sizeof(g), a->received) : "");
	return 0;
}

static int
advice_list(struct cli *cli, int argc, char **argv, int json, int overdue)
{
	struct list_state ls;
	int64_t id = 0;
	int rc;

	memset(&ls, 0, sizeof(ls));
	ls.json = json;
	if (argc > 2)
		return cli_usage(cli, usage_advice, "advice list takes at most "
		    "one case");
	if (argc == 2 && (rc = cli_case(cli, argv[1], &id)) != 0)
		return rc;
	if (json && (ls.arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	rc = ehc_advice_foreach(cli->db, id, overdue, print_advice, &ls);
	if (rc != EHC_OK) {
		cJSON_Delete(ls.arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json ? json_print(cli, ls.arr) : EHC_EXIT_OK;
}

int
cmd_advice(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "received-by", required_argument,	NULL,	'b' },
		{ "from",	required_argument,	NULL,	'f' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "overdue",	no_argument,		NULL,	'O' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *by = NULL, *from = NULL, *verb;
	char ref[EHC_REF_LEN];
	int64_t id;
	int32_t day, byday = EHC_NO_DATE;
	int ch, rc, json = 0, overdue = 0;

	while ((ch = getopt_long(argc, argv, ":d:b:f:jOh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'b': by = optarg; break;
		case 'f': from = optarg; break;
		case 'j': json = 1; break;
		case 'O': overdue = 1; break;
		case 'h': return cli_help(usage_advice);
		default: return cli_bad_option(cli, usage_advice, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return advice_list(cli, argc, argv, json, overdue);
	if (argc != 3)
		return cli_usage(cli, usage_advice, "name the case, request, "
		    "reuse or receive, and the advice");
	verb = argv[1];
	if (strcmp(verb, "request") != 0 && strcmp(verb, "reuse") != 0 &&
	    strcmp(verb, "receive") != 0)
		return cli_usage(cli, usage_advice, "unknown subcommand "
		    "'%.30s'", verb);
	if (date == NULL)
		return cli_usage(cli, usage_advice, "--date is required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (by != NULL && (rc = cli_date(cli, "--received-by", by, &byday))
	    != 0) || (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "receive") == 0) {
		rc = ehc_advice_receive(cli->db, id, argv[2], day);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (strcmp(verb, "request") == 0)
		rc = ehc_advice_request(ref, sizeof(ref), cli->db, id, argv[2],
		    day, byday, from);
	else
		rc = ehc_advice_reuse(ref, sizeof(ref), cli->db, id, argv[2],
		    day, from);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	printf("%s\n", ref);
	return EHC_EXIT_OK;
}
