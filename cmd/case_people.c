/*
 * case_people.c: the people around a case (ehc case contact), its
 * safeguarding concerns (ehc case flag CASE safeguarding), its
 * Continuing Health Care record (ehc case chc), and their part of
 * 'ehc case show' with the decisions made on the case.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

/* ehc case contact CASE add ROLE NAME [options] | list | remove ID -d D */
int
case_contact(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pr",		no_argument,		NULL,	'P' },
		{ "organisation", required_argument,	NULL,	'O' },
		{ "address",	required_argument,	NULL,	'a' },
		{ "phone",	required_argument,	NULL,	't' },
		{ "email",	required_argument,	NULL,	'm' },
		{ "language",	required_argument,	NULL,	'g' },
		{ "format",	required_argument,	NULL,	'F' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_contact_in in = EHC_CONTACT_IN_INIT;
	const char *date = NULL, *verb;
	int64_t id, cid;
	int32_t day;
	long n;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":PO:a:t:m:g:F:d:jh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'P': in.pr = 1; break;
		case 'O': in.organisation = optarg; break;
		case 'a': in.address = optarg; break;
		case 't': in.phone = optarg; break;
		case 'm': in.email = optarg; break;
		case 'g': in.language = optarg; break;
		case 'F': in.format = optarg; break;
		case 'd': date = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_case);
		default: return cli_bad_option(cli, usage_case, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	/* argv[0] is "contact". */
	if (argc < 3)
		return cli_usage(cli, usage_case, "name the case and add, list "
		    "or remove");
	verb = argv[2];
	if (strcmp(verb, "list") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_case, "contact list takes "
			    "only the case");
		if ((rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		return people_list(cli, id, json);
	}
	if (strcmp(verb, "remove") == 0) {
		if (argc != 4 || date == NULL)
			return cli_usage(cli, usage_case, "contact remove "
			    "takes the contact's number and --date");
		if ((rc = cli_number(cli, usage_case, "the contact's number",
		    argv[3], 1000000000L, &n)) != 0 ||
		    (rc = cli_date(cli, "--date", date, &day)) != 0 ||
		    (rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		rc = ehc_contact_remove(cli->db, id, n, day);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (strcmp(verb, "add") != 0)
		return cli_usage(cli, usage_case, "unknown contact subcommand "
		    "'%.30s'; use add, list or remove", verb);
	if (argc != 5)
		return cli_usage(cli, usage_case, "contact add takes the role "
		    "and the name");
	in.role = argv[3];
	in.name = argv[4];
	if ((rc = cli_case(cli, argv[1], &id)) != 0)
		return rc;
	if ((rc = ehc_contact_add(&cid, cli->db, id, &in)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	cli_done(cli, "its number", "contact %lld was added", (long long)cid);
	printf("%lld\n", (long long)cid);
	return EHC_EXIT_OK;
}

/*
 * ehc case flag CASE safeguarding [-c] [-d date] [-b by] [-n note]: a
 * concern raised (or, with -c, every open one closed), dated today
 * unless -d says otherwise.
 */
int
case_concern(struct cli *cli, int64_t id, int clear, const char *date,
    const char *by, const char *note)
{
	int32_t day = cli->today;
	int64_t cid;
	int rc;

	if (date != NULL && (rc = cli_date(cli, "--date", date, &day)) != 0)
		return rc;
	if (clear) {
		if (by != NULL || note != NULL)
			return cli_usage(cli, usage_case, "--by and --note go "
			    "with a concern raised, not closed");
		rc = ehc_concern_close(cli->db, id, 0, day);
	} else
		rc = ehc_concern_raise(&cid, cli->db, id, day, by, note);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

/* ehc case chc CASE referred|eligible|not-eligible -d date */
int
case_chc(struct cli *cli, int64_t id, const char *step, const char *date)
{
	int32_t day;
	int rc;

	if (date == NULL)
		return cli_usage(cli, usage_case, "--date is required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0)
		return rc;
	rc = ehc_chc_record(cli->db, id, step, day);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

static cJSON *
contact_json(const struct ehc_contact *c)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL ||
	    cJSON_AddNumberToObject(o, "id", (double)c->id) == NULL ||
	    json_str(o, "role", c->role) == NULL ||
	    json_str(o, "name", c->name) == NULL ||
	    cJSON_AddBoolToObject(o, "pr", c->pr) == NULL ||
	    json_str(o, "organisation", c->organisation) == NULL ||
	    json_str(o, "address", c->address) == NULL ||
	    json_str(o, "phone", c->phone) == NULL ||
	    json_str(o, "email", c->email) == NULL ||
	    json_str(o, "language", c->language) == NULL ||
	    json_str(o, "format", c->format) == NULL ||
	    json_date(o, "removed", c->removed) == NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int
json_add_contact(const struct ehc_contact *c, void *payload)
{
	cJSON *o = contact_json(c);

	if (o == NULL || !cJSON_AddItemToArray(payload, o)) {
		cJSON_Delete(o);
		return EHC_ENOMEM;
	}
	return 0;
}

/* One contact a line, tab-separated; the address's lines indented. */
static int
text_contact_row(const struct ehc_contact *c, void *payload)
{
	char d[EHC_DATE_LEN];

	(void)payload;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t",
	    (long long)c->id, c->role, c->name, c->pr ? "pr" : "-",
	    or_dash(c->organisation), or_dash(c->phone), or_dash(c->email),
	    or_dash(c->language), or_dash(c->format),
	    c->removed != EHC_NO_DATE ? ehc_date_format(d, sizeof(d),
	    c->removed) : "-");
	print_lines(or_dash(c->address), "\t\t\t\t\t\t\t\t\t\t\t");
	putchar('\n');
	return 0;
}

int
people_list(struct cli *cli, int64_t id, int json)
{
	cJSON *arr = NULL;
	int rc;

	if (json && (arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	rc = ehc_contact_foreach(cli->db, id, json ? json_add_contact :
	    text_contact_row, arr);
	if (rc != EHC_OK) {
		cJSON_Delete(arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json ? json_print(cli, arr) : EHC_EXIT_OK;
}

/* 'case show': who is involved, how to reach them. */
static int
text_contact(const struct ehc_contact *c, void *payload)
{
	const char *indent = "                                ";

	(void)payload;
	if (c->removed != EHC_NO_DATE)
		return 0;
	printf("  %-3lld %-14s %s%s%s%s\n", (long long)c->id, c->role,
	    c->name, c->pr ? " (parental responsibility)" : "",
	    c->organisation ? ", " : "", c->organisation ? c->organisation :
	    "");
	if (c->phone != NULL || c->email != NULL)
		printf("%s%s%s%s\n", indent, c->phone ? c->phone : "",
		    c->phone && c->email ? "  " : "", c->email ? c->email : "");
	if (c->address != NULL) {
		fputs(indent, stdout);
		print_lines(c->address, indent);
		putchar('\n');
	}
	if (c->language != NULL || c->format != NULL)
		printf("%sprefers %s%s%s\n", indent, c->language ?
		    c->language : "", c->language && c->format ? ", " : "",
		    c->format ? c->format : "");
	return 0;
}

static int
text_concern(const struct ehc_concern *c, void *payload)
{
	char d1[EHC_DATE_LEN], d2[EHC_DATE_LEN];

	(void)payload;
	printf("  %-3lld raised %s by %s, %s%s", (long long)c->id,
	    ehc_date_format(d1, sizeof(d1), c->raised), c->raised_by,
	    c->closed == EHC_NO_DATE ? "open" : "closed ",
	    c->closed == EHC_NO_DATE ? "" : ehc_date_format(d2, sizeof(d2),
	    c->closed));
	if (c->note != NULL) {
		fputs(": ", stdout);
		print_lines(c->note, "      ");
	}
	putchar('\n');
	return 0;
}

static const char *
decision_word(const struct ehc_decision_rec *r)
{
	int yes = strcmp(r->outcome, "Y") == 0;

	if (strcmp(r->outcome, "H") == 0)
		return strcmp(r->step, "assess") == 0 ? "assess (historical)" :
		    "issue (historical)";
	if (strcmp(r->step, "assess") == 0)
		return yes ? "assess" : "no-assess";
	return yes ? "issue" : "no-issue";
}

static int
text_decision(const struct ehc_decision_rec *r, void *payload)
{
	char d[EHC_DATE_LEN];

	(void)payload;
	printf("  %-10s  %-10s", r->date != EHC_NO_DATE ?
	    ehc_date_format(d, sizeof(d), r->date) : "-", decision_word(r));
	if (r->reconsider != NULL)
		printf("  reconsidered (%s)", r->reconsider);
	if (r->reason != NULL) {
		fputs("  reason: ", stdout);
		print_lines(r->reason, "      ");
	}
	if (r->support != NULL) {
		fputs("\n              support offered instead: ", stdout);
		print_lines(r->support, "      ");
	}
	putchar('\n');
	return 0;
}

int
people_show_text(struct cli *cli, int64_t id)
{
	struct ehc_chc chc;
	char d1[EHC_DATE_LEN], d2[EHC_DATE_LEN];
	int rc;

	printf("\npeople:\n");
	if ((rc = ehc_contact_foreach(cli->db, id, text_contact, NULL))
	    != EHC_OK)
		return rc;
	printf("\ndecisions:\n");
	if ((rc = ehc_decision_foreach(cli->db, id, text_decision, NULL))
	    != EHC_OK)
		return rc;
	printf("\nsafeguarding:\n");
	if ((rc = ehc_concern_foreach(cli->db, id, text_concern, NULL))
	    != EHC_OK ||
	    (rc = ehc_chc_get(&chc, cli->db, id)) != EHC_OK)
		return rc;
	if (chc.referred != EHC_NO_DATE)
		printf("\ncontinuing health care:\n  referred %s%s%s%s%s\n",
		    ehc_date_format(d1, sizeof(d1), chc.referred),
		    chc.outcome ? ", " : ", not yet decided",
		    chc.outcome ? chc.outcome : "",
		    chc.outcome ? " on " : "",
		    chc.outcome ? ehc_date_format(d2, sizeof(d2),
		    chc.decided) : "");
	return EHC_OK;
}

static int
json_add_concern(const struct ehc_concern *c, void *payload)
{
	cJSON *o;

	if ((o = json_item(payload)) == NULL)
		return EHC_ENOMEM;
	if (cJSON_AddNumberToObject(o, "id", (double)c->id) == NULL ||
	    json_date(o, "raised", c->raised) == NULL ||
	    json_str(o, "raised_by", c->raised_by) == NULL ||
	    json_str(o, "note", c->note) == NULL ||
	    json_date(o, "closed", c->closed) == NULL)
		return EHC_ENOMEM;
	return 0;
}

static int
json_add_decision(const struct ehc_decision_rec *r, void *payload)
{
	cJSON *o;

	if ((o = json_item(payload)) == NULL)
		return EHC_ENOMEM;
	if (json_str(o, "decision", decision_word(r)) == NULL ||
	    json_str(o, "step", r->step) == NULL ||
	    json_str(o, "outcome", r->outcome) == NULL ||
	    json_date(o, "date", r->date) == NULL ||
	    json_str(o, "reason", r->reason) == NULL ||
	    json_str(o, "support", r->support) == NULL ||
	    json_str(o, "reconsidered", r->reconsider) == NULL)
		return EHC_ENOMEM;
	return 0;
}

int
people_show_json(struct cli *cli, int64_t id, cJSON *o)
{
	struct ehc_chc chc;
	cJSON *arr, *c;
	int rc;

	if ((arr = cJSON_AddArrayToObject(o, "contacts")) == NULL)
		return EHC_ENOMEM;
	if ((rc = ehc_contact_foreach(cli->db, id, json_add_contact, arr))
	    != EHC_OK)
		return rc;
	if ((arr = cJSON_AddArrayToObject(o, "decisions")) == NULL)
		return EHC_ENOMEM;
	if ((rc = ehc_decision_foreach(cli->db, id, json_add_decision, arr))
	    != EHC_OK)
		return rc;
	if ((arr = cJSON_AddArrayToObject(o, "concerns")) == NULL)
		return EHC_ENOMEM;
	if ((rc = ehc_concern_foreach(cli->db, id, json_add_concern, arr))
	    != EHC_OK ||
	    (rc = ehc_chc_get(&chc, cli->db, id)) != EHC_OK)
		return rc;
	if (chc.referred == EHC_NO_DATE)
		return cJSON_AddNullToObject(o, "chc") == NULL ? EHC_ENOMEM :
		    EHC_OK;
	if ((c = cJSON_AddObjectToObject(o, "chc")) == NULL ||
	    json_date(c, "referred", chc.referred) == NULL ||
	    json_str(c, "outcome", chc.outcome) == NULL ||
	    json_date(c, "decided", chc.decided) == NULL)
		return EHC_ENOMEM;
	return EHC_OK;
}
