/*
 * cmd_advice.c: ehc advice: request advice (reg 6), record advice re-used
 * under reg 6(4), receive it, and list it (a chase list with --overdue,
 * grouped by provider as it is sent to each: text, CSV through the
 * output layer, or a letter to each provider).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "output.h"
#include "print.h"

const char usage_advice[] =
    "ehc advice [-h] case request type -d date [-b date] [-f from] "
    "[-a adviser]\n"
    "ehc advice [-h] case reuse type -d date -f from\n"
    "ehc advice [-h] case receive advice -d date\n"
    "ehc advice [-h] list [case] [-O] [-o officer] [-j | -c | -L]";

enum { LIST_TEXT, LIST_JSON, LIST_CSV, LIST_LETTER };

enum {
	C_PROVIDER, C_ADVISER, C_CASE, C_ADVICE, C_FORENAME, C_SURNAME,
	C_DOB, C_TYPE, C_REQUESTED, C_DUE, C_STATUS, C_OFFICER, NCOLS
};

#define COL(key, heading, type) { key, heading, EHC_COL_##type, 0 }

static const struct ehc_column cols[NCOLS] = {
	[C_PROVIDER] = COL("provider", "Provider", TEXT),
	[C_ADVISER] = COL("adviser", "Adviser", TEXT),
	[C_CASE] = COL("case", "Case", TEXT),
	[C_ADVICE] = COL("advice", "Advice", TEXT),
	[C_FORENAME] = COL("forename", "Forename", TEXT),
	[C_SURNAME] = COL("surname", "Surname", TEXT),
	[C_DOB] = COL("dob", "Date of birth", DATE),
	[C_TYPE] = COL("type", "Advice asked for", TEXT),
	[C_REQUESTED] = COL("requested", "Requested", DATE),
	[C_DUE] = COL("due", "Due", DATE),
	[C_STATUS] = COL("status", "Status", TEXT),
	[C_OFFICER] = COL("officer", "Officer", TEXT),
};

struct list_state {
	struct cli	*cli;
	int		 mode;		/* LIST_* */
	const char	*officer;	/* only this officer's cases */
	cJSON		*arr;
	struct out	*out;
	char		 provider[256];	/* the group heading printed last */
	int		 any;
};

/* The letter that goes to a provider with its part of the chase list. */
static void
letter_head(const struct ehc_advice *a, const char *prov, struct cli *cli)
{
	char today[EHC_DATE_LEN];

	printf("%s\n\nTo: %s\n\nDear %s,\n\n", ehc_date_format(today,
	    sizeof(today), cli->today), prov, a->adviser ? a->adviser :
	    "colleague");
	printf("Requests for advice for an EHC needs assessment\n\n"
	    "We asked you for advice for the children and young people "
	    "below.\nThe law gives 6 weeks from your receipt of a request "
	    "(SEND Regulations\n2014, regulation 8(1)), and these are "
	    "past that date.  Please send the\nadvice as soon as you can, "
	    "or tell us when it will come.\n\n");
}

/* Signed by the officer whose list it is, else by whoever prints it. */
static void
letter_foot(struct cli *cli, const char *officer)
{
	char who[400];

	if (ehc_officer_signature(who, sizeof(who), cli->db, officer ?
	    officer : cli->login) != EHC_OK)
		snprintf(who, sizeof(who), "%s", officer ? officer :
		    cli->login);
	printf("\nYours sincerely,\n\n%s\nSEND team\n\f\n", who);
}

static int
print_advice(const struct ehc_advice *a, void *payload)
{
	struct list_state *ls = payload;
	char r[EHC_DATE_LEN], d[EHC_DATE_LEN], g[EHC_DATE_LEN];
	char b[EHC_DATE_LEN];
	const char *prov = a->provider ? a->provider : "(no provider)";
	struct out_val v[NCOLS];
	cJSON *o;

	if (ls->officer != NULL && (a->officer == NULL ||
	    strcmp(a->officer, ls->officer) != 0))
		return 0;
	if (ls->mode == LIST_JSON) {
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
		    json_str(o, "officer", a->officer) == NULL ||
		    json_str(o, "adviser", a->adviser) == NULL ||
		    json_str(o, "forename", a->forename) == NULL ||
		    json_str(o, "surname", a->surname) == NULL ||
		    json_date(o, "dob", a->dob) == NULL)
			return EHC_ENOMEM;
		return 0;
	}
	if (ls->mode == LIST_CSV) {
		out_vals_clear(v, NCOLS);
		v[C_PROVIDER].s = a->provider;
		v[C_ADVISER].s = a->adviser;
		v[C_CASE].s = a->case_ref;
		v[C_ADVICE].s = a->ref;
		v[C_FORENAME].s = a->forename;
		v[C_SURNAME].s = a->surname;
		v[C_DOB].day = a->dob;
		v[C_TYPE].s = a->type;
		v[C_REQUESTED].day = a->requested;
		v[C_DUE].day = a->reused ? EHC_NO_DATE : a->due;
		v[C_STATUS].s = a->status;
		v[C_OFFICER].s = a->officer;
		/* An exit status, not a library one: kept apart below. */
		return out_row(ls->out, v) != 0 ? 1 : 0;
	}
	/* Group the chase list by provider, as it is sent to each. */
	if (!ls->any || strcmp(ls->provider, prov) != 0) {
		if (ls->mode == LIST_LETTER) {
			if (ls->any)
				letter_foot(ls->cli, ls->officer);
			letter_head(a, prov, ls->cli);
		} else
			printf("%s%s\n", ls->any ? "\n" : "", prov);
		snprintf(ls->provider, sizeof(ls->provider), "%s", prov);
	}
	ls->any = 1;
	if (ls->mode == LIST_LETTER) {
		printf("- %s %s, born %s (our reference %s %s)\n  %s "
		    "advice, requested %s, due %s\n", a->forename, a->surname,
		    ehc_date_format(b, sizeof(b), a->dob), a->case_ref, a->ref,
		    a->type, ehc_date_format(r, sizeof(r), a->requested),
		    a->reused ? "-" : ehc_date_format(d, sizeof(d), a->due));
		return 0;
	}
	printf("  %s\t%s\t%s %s\tborn %s\t%s\trequested %s\tdue %s\t%s%s%s"
	    "%s%s\n", a->case_ref, a->ref, a->forename, a->surname,
	    ehc_date_format(b, sizeof(b), a->dob), a->type,
	    ehc_date_format(r, sizeof(r), a->requested),
	    a->reused ? "-" : ehc_date_format(d, sizeof(d), a->due), a->status,
	    a->received != EHC_NO_DATE && !a->reused ? " " : "",
	    a->received != EHC_NO_DATE && !a->reused ?
	    ehc_date_format(g, sizeof(g), a->received) : "",
	    a->adviser ? "\tto " : "", a->adviser ? a->adviser : "");
	return 0;
}

static int
stop(const struct ehc_case *c, void *payload)
{
	(void)c;
	(void)payload;
	return 1;
}

/* A typo must not look like "nothing to chase": an officer with cases. */
static int
known_officer(struct cli *cli, const char *officer)
{
	int rc = ehc_case_foreach(cli->db, officer, stop, NULL);

	if (rc == 1)
		return 0;
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	return cli_error(cli, EHC_EXIT_NOTFOUND, "no case has the officer "
	    "'%.40s'; see 'ehc case list'", officer);
}

static int
advice_list(struct cli *cli, int argc, char **argv, int mode, int overdue,
    const char *officer)
{
	static const struct out_spec spec = {
		"advice", "Advice", "Advice requested, by provider", cols,
		NCOLS, 0, OUT_LIST, NULL, NULL, 0, NULL, NULL, NULL
	};
	struct out_opts opts = OUT_OPTS_INIT;
	struct list_state ls;
	int64_t id = 0;
	int rc;

	memset(&ls, 0, sizeof(ls));
	ls.cli = cli;
	ls.mode = mode;
	ls.officer = officer;
	if (argc > 2)
		return cli_usage(cli, usage_advice, "advice list takes at most "
		    "one case");
	if (argc == 2 && (rc = cli_case(cli, argv[1], &id)) != 0)
		return rc;
	if (officer != NULL && (rc = known_officer(cli, officer)) != 0)
		return rc;
	if (mode == LIST_JSON && (ls.arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	if (mode == LIST_CSV) {
		opts.format = OUT_CSV;
		if ((rc = out_open(&ls.out, cli, usage_advice, &opts, &spec))
		    != 0)
			return rc;
	}
	rc = ehc_advice_foreach(cli->db, id, overdue, print_advice, &ls);
	if (rc == 1) {
		/* out_row() failed and said why. */
		out_free(ls.out);
		return EHC_EXIT_IOERR;
	}
	if (rc != EHC_OK) {
		cJSON_Delete(ls.arr);
		out_free(ls.out);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	if (mode == LIST_LETTER && ls.any)
		letter_foot(cli, ls.officer);
	if (mode == LIST_CSV)
		return out_close(ls.out);
	return mode == LIST_JSON ? json_print(cli, ls.arr) : EHC_EXIT_OK;
}

int
cmd_advice(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "adviser",	required_argument,	NULL,	'a' },
		{ "received-by", required_argument,	NULL,	'b' },
		{ "csv",	no_argument,		NULL,	'c' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "from",	required_argument,	NULL,	'f' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "letter",	no_argument,		NULL,	'L' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "overdue",	no_argument,		NULL,	'O' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *by = NULL, *from = NULL, *verb;
	const char *adviser = NULL, *officer = NULL;
	char ref[EHC_REF_LEN];
	int64_t id;
	int32_t day, byday = EHC_NO_DATE;
	int ch, rc, mode = LIST_TEXT, modes = 0, overdue = 0;

	while ((ch = getopt_long(argc, argv, ":a:b:cd:f:jLo:Oh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a': adviser = optarg; break;
		case 'b': by = optarg; break;
		case 'c': mode = LIST_CSV; modes++; break;
		case 'd': date = optarg; break;
		case 'f': from = optarg; break;
		case 'j': mode = LIST_JSON; modes++; break;
		case 'L': mode = LIST_LETTER; modes++; break;
		case 'o': officer = optarg; break;
		case 'O': overdue = 1; break;
		case 'h': return cli_help(usage_advice);
		default: return cli_bad_option(cli, usage_advice, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc >= 1 && strcmp(argv[0], "list") == 0) {
		if (modes > 1)
			return cli_usage(cli, usage_advice, "--json, --csv and "
			    "--letter cannot be used together");
		/* A letter chases: it lists only what is overdue. */
		return advice_list(cli, argc, argv, mode, overdue ||
		    mode == LIST_LETTER, officer);
	}
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
	if (adviser != NULL && strcmp(verb, "request") != 0)
		return cli_usage(cli, usage_advice, "--adviser goes with "
		    "request");
	if (strcmp(verb, "request") == 0) {
		rc = ehc_advice_request(ref, sizeof(ref), cli->db, id, argv[2],
		    day, byday, from);
		if (rc == EHC_OK && adviser != NULL)
			rc = ehc_advice_adviser(cli->db, id, ref, adviser);
	} else
		rc = ehc_advice_reuse(ref, sizeof(ref), cli->db, id, argv[2],
		    day, from);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	printf("%s\n", ref);
	return EHC_EXIT_OK;
}
