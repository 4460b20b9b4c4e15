/*
 * cmd_money.c: ehc money: what one case's plan costs: placements, top-up
 * funding, personal budgets and direct payments, indicative budgets.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_money[] =
    "ehc money [-h] case add kind -a amount -p per -s date [-e date] "
    "[-P provider] [-t type] [-y payer] [-c covers] [-D] [-O] [-b band]\n"
    "ehc money [-h] case list [-j]\n"
    "ehc money [-h] case end|paid|reviewed id -d date";

struct money_view {
	cJSON	*arr;
};

static int
money_one(const struct ehc_funding *f, void *payload)
{
	struct money_view *v = payload;
	char amount[40], s[EHC_DATE_LEN], e[EHC_DATE_LEN];
	cJSON *o;

	if (v->arr == NULL) {
		ehc_money_format(amount, sizeof(amount), f->pence);
		printf("%lld\t%s\t%s a %s\t%s to %s\t%s%s%s%s\n",
		    (long long)f->id, f->kind, amount, f->per,
		    ehc_date_format(s, sizeof(s), f->start),
		    f->end != EHC_NO_DATE ? ehc_date_format(e, sizeof(e),
		    f->end) : "open", f->provider ? f->provider : "-",
		    f->covers ? "\tcovers " : "", f->covers ? f->covers : "",
		    f->direct_payment ? " by direct payment" : f->organised ?
		    " by organised arrangements" : "");
		return 0;
	}
	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(v->arr, o) ||
	    cJSON_AddNumberToObject(o, "id", (double)f->id) == NULL ||
	    json_str(o, "kind", f->kind) == NULL ||
	    cJSON_AddNumberToObject(o, "pence", (double)f->pence) == NULL ||
	    json_str(o, "per", f->per) == NULL ||
	    json_date(o, "start", f->start) == NULL ||
	    json_date(o, "end", f->end) == NULL ||
	    json_str(o, "provider", f->provider) == NULL ||
	    json_str(o, "setting_type", f->setting_type) == NULL ||
	    json_str(o, "payer", f->payer) == NULL ||
	    json_str(o, "covers", f->covers) == NULL ||
	    cJSON_AddBoolToObject(o, "direct_payment", f->direct_payment)
	    == NULL ||
	    cJSON_AddBoolToObject(o, "organised", f->organised) == NULL ||
	    json_str(o, "band", f->band) == NULL ||
	    json_date(o, "first_payment", f->first_payment) == NULL ||
	    json_date(o, "reviewed", f->reviewed) == NULL)
		return EHC_ENOMEM;
	return 0;
}

int
cmd_money(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "amount",	required_argument,	NULL,	'a' },
		{ "per",	required_argument,	NULL,	'p' },
		{ "start",	required_argument,	NULL,	's' },
		{ "end",	required_argument,	NULL,	'e' },
		{ "provider",	required_argument,	NULL,	'P' },
		{ "type",	required_argument,	NULL,	't' },
		{ "payer",	required_argument,	NULL,	'y' },
		{ "covers",	required_argument,	NULL,	'c' },
		{ "direct-payment", no_argument,	NULL,	'D' },
		{ "organised",	no_argument,		NULL,	'O' },
		{ "band",	required_argument,	NULL,	'b' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_funding_in in = EHC_FUNDING_IN_INIT;
	struct money_view v = { NULL };
	const char *amount = NULL, *start = NULL, *end = NULL, *date = NULL;
	const char *verb;
	char *stop;
	int64_t id, fid;
	int32_t day;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":a:p:s:e:P:t:y:c:DOb:d:jh",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': amount = optarg; break;
		case 'p': in.per = optarg; break;
		case 's': start = optarg; break;
		case 'e': end = optarg; break;
		case 'P': in.provider = optarg; break;
		case 't': in.setting_type = optarg; break;
		case 'y': in.payer = optarg; break;
		case 'c': in.covers = optarg; break;
		case 'D': in.direct_payment = 1; break;
		case 'O': in.organised = 1; break;
		case 'b': in.band = optarg; break;
		case 'd': date = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_money);
		default: return cli_bad_option(cli, usage_money, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		return cli_usage(cli, usage_money, "name the case and add, "
		    "list, end, paid or reviewed");
	verb = argv[1];
	if (strcmp(verb, "list") == 0) {
		if (argc != 2)
			return cli_usage(cli, usage_money, "list takes only "
			    "the case");
		if ((rc = cli_case(cli, argv[0], &id)) != 0)
			return rc;
		if (json && (v.arr = cJSON_CreateArray()) == NULL)
			return cli_error(cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
		if ((rc = ehc_money_foreach(cli->db, id, money_one, &v))
		    != EHC_OK) {
			cJSON_Delete(v.arr);
			return rc == EHC_ENOMEM ? cli_error(cli,
			    EHC_EXIT_SOFTWARE, "out of memory") :
			    cli_fail(cli, rc);
		}
		return json ? json_print(cli, v.arr) : EHC_EXIT_OK;
	}
	if (strcmp(verb, "add") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_money, "add takes the kind");
		if (amount == NULL || in.per == NULL || start == NULL)
			return cli_usage(cli, usage_money, "--amount, --per and "
			    "--start are required");
		in.kind = argv[2];
		if (ehc_money_parse(&in.pence, amount) != EHC_OK)
			return cli_error(cli, EHC_EXIT_DATAERR, "'%.30s' is not "
			    "an amount of money; write pounds and pence such "
			    "as 1234.56", amount);
		if ((rc = cli_date(cli, "--start", start, &in.start)) != 0 ||
		    (end != NULL && (rc = cli_date(cli, "--end", end,
		    &in.end)) != 0) ||
		    (rc = cli_case(cli, argv[0], &id)) != 0)
			return rc;
		if ((rc = ehc_money_add(&fid, cli->db, id, &in)) != EHC_OK)
			return cli_fail(cli, rc);
		if ((rc = cli_commit(cli)) != 0)
			return rc;
		cli_done(cli, "its number", "funding %lld was added to %s",
		    (long long)fid, argv[0]);
		printf("%lld\n", (long long)fid);
		return EHC_EXIT_OK;
	}
	if (strcmp(verb, "end") != 0 && strcmp(verb, "paid") != 0 &&
	    strcmp(verb, "reviewed") != 0)
		return cli_usage(cli, usage_money, "unknown subcommand "
		    "'%.30s'", verb);
	if (argc != 3)
		return cli_usage(cli, usage_money, "%s takes the funding "
		    "number", verb);
	if (date == NULL)
		return cli_usage(cli, usage_money, "--date is required");
	errno = 0;
	fid = strtoll(argv[2], &stop, 10);
	if (errno != 0 || *stop != '\0' || fid <= 0)
		return cli_usage(cli, usage_money, "'%.20s' is not a funding "
		    "number", argv[2]);
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	if (strcmp(verb, "end") == 0)
		rc = ehc_money_end(cli->db, id, fid, day);
	else
		rc = ehc_money_direct_payment(cli->db, id, fid, day,
		    verb[0] == 'r');
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
