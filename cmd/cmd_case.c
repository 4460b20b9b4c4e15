/*
 * cmd_case.c: ehc case show|list|assign|flag|need|year-group|history|
 * edit; contact and chc are in case_people.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_case[] =
    "ehc case show [-h] case [-e] [-j]\n"
    "ehc case list [-h] [-j] [-o officer]\n"
    "ehc case assign [-h] case officer\n"
    "ehc case flag [-h] case safeguarding|looked-after|chc|not-in-school "
    "[-c] [-d date] [-b by] [-n note]\n"
    "ehc case contact [-h] case add role name [-P] [-O organisation] "
    "[-a address] [-t phone] [-m email] [-g language] [-F format]\n"
    "ehc case contact [-h] case list [-j]\n"
    "ehc case contact [-h] case remove id -d date\n"
    "ehc case chc [-h] case referred|eligible|not-eligible -d date\n"
    "ehc case need [-h] case type [-r rank] [-d date]\n"
    "ehc case year-group [-h] case R|year\n"
    "ehc case history [-h] case\n"
    "ehc case edit [-h] case [-f forename] [-s surname] [-b dob] [-x sex] "
    "[-e ethnicity] [-U upn] [-L uln] [-u reason] [-p postcode] "
    "[-l setting] [-F -R reason]";

int	case_show(struct cli *, int64_t, int, int);
int	case_list(struct cli *, const char *, int, int);

struct view {
	int	 explain;
	cJSON	*arr;
	cJSON	*reminders;	/* advisory dates, kept apart in JSON */
	int32_t	 today;
};

static int
text_deadline(const struct ehc_deadline *d, void *payload)
{
	struct view *v = payload;
	char due[EHC_DATE_LEN], done[EHC_DATE_LEN], warn[EHC_DATE_LEN];
	char label[48];

	snprintf(label, sizeof(label), "%s%s%s%s", d->advisory ? "(" : "",
	    d->rule, d->subject ? " " : "", d->subject ? d->subject : "");
	if (d->advisory)
		strncat(label, ")", sizeof(label) - strlen(label) - 1);
	printf("  %-24s %-10s  %-10s  %-8s%s%s%s%s%s\n", label,
	    ehc_date_format(due, sizeof(due), d->due),
	    d->done != EHC_NO_DATE ?
	    ehc_date_format(done, sizeof(done), d->done) : "-", d->status,
	    d->warning != EHC_NO_DATE ? "  warn " : "",
	    ehc_date_format(warn, sizeof(warn), d->warning),
	    d->effective ? "  effective" : "",
	    d->exception ? "  exception: " : "",
	    d->exception ? d->exception : "");
	if (v->explain) {
		printf("      %s\n", d->explain);
		if (d->warning != EHC_NO_DATE)
			printf("      %s is not a working day; the date does "
			    "not move, so act by %s\n", due, warn);
		if (d->exception != NULL)
			printf("      exception recorded (%s): the date stands; "
			    "timeliness is reported with and without "
			    "exceptions\n", d->exception);
	}
	return 0;
}

static int
json_add_deadline(const struct ehc_deadline *d, void *payload)
{
	struct view *v = payload;
	cJSON *o = json_deadline(d, 0, v->explain);

	if (o == NULL || !cJSON_AddItemToArray(d->advisory ? v->reminders :
	    v->arr, o)) {
		cJSON_Delete(o);
		return EHC_ENOMEM;
	}
	return 0;
}

/* An action or a booking: what to do (or what is booked) and when. */
static int
text_action(const struct ehc_deadline *d, void *payload)
{
	char due[EHC_DATE_LEN];

	(void)payload;
	printf("  %-24s %-10s  %-8s  %s\n", d->rule, ehc_date_format(due,
	    sizeof(due), d->due), d->status, d->what);
	return 0;
}

static int
json_add_action(const struct ehc_deadline *d, void *payload)
{
	cJSON *o, *arr = payload;

	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(arr, o) ||
	    json_str(o, "kind", d->kind) == NULL ||
	    json_str(o, "rule", d->rule) == NULL ||
	    json_str(o, "subject", d->subject) == NULL ||
	    json_date(o, "due", d->due) == NULL ||
	    json_date(o, "done", d->done) == NULL ||
	    json_str(o, "status", d->status) == NULL ||
	    json_str(o, "action", d->what) == NULL ||
	    json_str(o, "protects", d->protects) == NULL ||
	    json_date(o, "protects_due", d->protects_due) == NULL)
		return EHC_ENOMEM;
	return 0;
}

static int
json_add_note(const struct ehc_entry *e, void *payload)
{
	cJSON *o, *arr = payload;

	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(arr, o) ||
	    json_date(o, "date", e->date) == NULL ||
	    json_str(o, "kind", e->kind) == NULL ||
	    json_str(o, "author", e->author) == NULL ||
	    json_str(o, "text", e->text) == NULL)
		return EHC_ENOMEM;
	return 0;
}

static int
text_note(const struct ehc_entry *e, void *payload)
{
	char d[EHC_DATE_LEN];

	(void)payload;
	printf("  %s  %-8s %s: ", ehc_date_format(d, sizeof(d), e->date),
	    e->kind, e->author);
	print_lines(e->text, "                         ");
	putchar('\n');
	return 0;
}

static int
case_flags(const struct ehc_case *c)
{
	return (c->safeguarding ? EHC_FLAG_SAFEGUARDING : 0) |
	    (c->looked_after ? EHC_FLAG_LOOKED_AFTER : 0) |
	    (c->chc ? EHC_FLAG_CHC : 0);
}

/* A national curriculum year as the schools say it: R for reception. */
static const char *
year_name(int year, char *buf, size_t len)
{
	if (year == 0)
		snprintf(buf, len, "R");
	else if (year < 0)
		snprintf(buf, len, "early years");
	else
		snprintf(buf, len, "%d", year);
	return buf;
}

/*
 * The year group of a child educated out of year group, as recorded
 * (text, or the JSON fields into o): today's, and their age's.
 */
static int
year_group(const struct ehc_case *c, int32_t today, cJSON *o)
{
	char y[16], a[16];
	int age = ehc_plan_school_year(c->dob, today);

	if (o != NULL)
		return (c->year_offset == 0 ? cJSON_AddNullToObject(o,
		    "year_group") : cJSON_AddNumberToObject(o, "year_group",
		    age + c->year_offset)) == NULL ||
		    cJSON_AddNumberToObject(o, "year_offset",
		    c->year_offset) == NULL ? EHC_ENOMEM : EHC_OK;
	if (c->year_offset != 0)
		printf("year:      %s, out of year group (%d %s year %s of "
		    "their age)\n", year_name(age + c->year_offset, y,
		    sizeof(y)), abs(c->year_offset), c->year_offset < 0 ?
		    "below" : "above", year_name(age, a, sizeof(a)));
	return EHC_OK;
}

/* The case's details as JSON, its year group as on today. */
static cJSON *
case_json(const struct ehc_case *c, int32_t today)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	if (cJSON_AddNumberToObject(o, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    json_str(o, "case", c->ref) == NULL ||
	    json_str(o, "forename", c->forename) == NULL ||
	    json_str(o, "surname", c->surname) == NULL ||
	    json_date(o, "dob", c->dob) == NULL ||
	    json_str(o, "sex", c->sex) == NULL ||
	    json_str(o, "ethnicity", c->ethnicity) == NULL ||
	    json_str(o, "postcode", c->postcode) == NULL ||
	    json_str(o, "upn", c->upn) == NULL ||
	    json_str(o, "uln", c->uln) == NULL ||
	    json_str(o, "setting", c->setting) == NULL ||
	    json_str(o, "officer", c->officer) == NULL ||
	    json_flags(o, "flags", case_flags(c)) == NULL ||
	    json_str(o, "stage", c->stage) == NULL ||
	    json_date(o, "received", c->received) == NULL ||
	    json_str(o, "source", c->source) == NULL ||
	    json_date(o, "assess_decided", c->assess_date) == NULL ||
	    json_date(o, "issue_decided", c->issue_date) == NULL ||
	    json_date(o, "draft_issued", c->draft_date) == NULL ||
	    json_date(o, "final_issued", c->final_date) == NULL ||
	    json_date(o, "withdrawn", c->withdrawn) == NULL ||
	    json_date(o, "ceased", c->cease_date) == NULL ||
	    year_group(c, today, o) != EHC_OK) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int
case_show(struct cli *cli, int64_t id, int json, int explain)
{
	struct ehc_case c;
	struct view v = { explain, NULL, NULL, cli->today };
	char d1[EHC_DATE_LEN], fl[64];
	cJSON *o = NULL, *notes, *actions;
	int rc;

	if ((rc = ehc_case_get(&c, cli->db, id)) != EHC_OK)
		return cli_fail(cli, rc);
	if (json) {
		if ((o = case_json(&c, cli->today)) == NULL ||
		    (v.arr = cJSON_AddArrayToObject(o, "deadlines")) == NULL ||
		    (v.reminders = cJSON_AddArrayToObject(o, "reminders"))
		    == NULL ||
		    (actions = cJSON_AddArrayToObject(o, "actions")) == NULL ||
		    (notes = cJSON_AddArrayToObject(o, "notes")) == NULL)
			rc = EHC_ENOMEM;
		if (rc == EHC_OK)
			rc = ehc_deadline_foreach(cli->db, id,
			    json_add_deadline, &v);
		if (rc == EHC_OK)
			rc = ehc_action_foreach(cli->db, id, json_add_action,
			    actions);
		if (rc == EHC_OK)
			rc = ehc_note_foreach(cli->db, id, json_add_note,
			    notes);
		if (rc == EHC_OK)
			rc = people_show_json(cli, id, o);
		ehc_case_release(&c);
		if (rc != EHC_OK) {
			cJSON_Delete(o);
			return rc == EHC_ENOMEM ? cli_error(cli,
			    EHC_EXIT_SOFTWARE, "out of memory") :
			    cli_fail(cli, rc);
		}
		return json_print(cli, o);
	}
	printf("case:      %s\n", c.ref);
	printf("name:      %s %s\n", c.forename, c.surname);
	printf("born:      %s (age %d)\n",
	    ehc_date_format(d1, sizeof(d1), c.dob),
	    ehc_date_age(c.dob, cli->today));
	year_group(&c, cli->today, NULL);
	if (c.upn != NULL)
		printf("upn:       %s\n", c.upn);
	printf("stage:     %s\n", c.stage);
	printf("officer:   %s\n", c.officer ? c.officer : "(unassigned)");
	if (*flags_text(case_flags(&c), fl, sizeof(fl)) != '\0')
		printf("flags:     %s\n", fl);
	if (c.received != EHC_NO_DATE)
		printf("received:  %s%s%s%s\n",
		    ehc_date_format(d1, sizeof(d1), c.received),
		    c.source ? " (from " : "", c.source ? c.source : "",
		    c.source ? ")" : "");
	printf("\ndeadlines:\n");
	rc = ehc_deadline_foreach(cli->db, id, text_deadline, &v);
	if (rc == EHC_OK)
		rc = people_show_text(cli, id);
	if (rc == EHC_OK) {
		printf("\nactions and diary:\n");
		rc = ehc_action_foreach(cli->db, id, text_action, NULL);
	}
	if (rc == EHC_OK) {
		printf("\nnotes:\n");
		rc = ehc_note_foreach(cli->db, id, text_note, NULL);
	}
	ehc_case_release(&c);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

static int
list_one(const struct ehc_case *c, void *payload)
{
	struct view *v = payload;
	char d[EHC_DATE_LEN], fl[64];
	cJSON *o;

	/* 'request list': requests still open, before any plan. */
	if (v->explain && strcmp(c->stage, "requested") != 0 &&
	    strcmp(c->stage, "assessing") != 0 &&
	    strcmp(c->stage, "drafting") != 0 && strcmp(c->stage, "draft") != 0)
		return 0;
	if (v->arr != NULL) {
		if ((o = case_json(c, v->today)) == NULL ||
		    !cJSON_AddItemToArray(v->arr, o)) {
			cJSON_Delete(o);
			return EHC_ENOMEM;
		}
		return 0;
	}
	printf("%s\t%s\t%s %s\t%s\t%s\t%s\n", c->ref, c->stage, c->forename,
	    c->surname, ehc_date_format(d, sizeof(d), c->received),
	    c->officer ? c->officer : "-",
	    flags_text(case_flags(c), fl, sizeof(fl)));
	return 0;
}

/* requests_only: the open requests (no plan yet), for 'request list'. */
int
case_list(struct cli *cli, const char *officer, int json, int requests_only)
{
	struct view v = { requests_only, NULL, NULL, cli->today };
	int rc;

	if (json && (v.arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	rc = ehc_case_foreach(cli->db, officer, list_one, &v);
	if (rc != EHC_OK) {
		cJSON_Delete(v.arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json ? json_print(cli, v.arr) : EHC_EXIT_OK;
}

/*
 * The chronology: every recorded step and every note, by event date,
 * each with when it was recorded (a note's from its audit record, whose
 * detail is "date=D kind=K": a note row takes the first such one).
 */
struct chrono {
	struct chrono_row {
		char	 date[EHC_DATE_LEN];
		char	 at[24];	/* recorded, UTC; "" none */
		int	 order;
		int	 hidden;	/* a note's audit record */
		char	*line;
	}	*rows;
	size_t	 n, cap;
};

static int
chrono_add(struct chrono *c, const char *date, const char *at,
    const char *who, const char *what, const char *detail)
{
	struct chrono_row *r;
	size_t len, i;
	char key[64];

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if ((r = realloc(c->rows, c->cap * sizeof(*r))) == NULL)
			return EHC_ENOMEM;
		c->rows = r;
	}
	r = &c->rows[c->n];
	snprintf(r->date, sizeof(r->date), "%s", date);
	snprintf(r->at, sizeof(r->at), "%.20s", at != NULL ? at : "");
	r->order = (int)c->n;
	r->hidden = at != NULL && strcmp(what, "note") == 0;
	if (at == NULL) {
		snprintf(key, sizeof(key), "date=%s kind=%s", date, what + 5);
		for (i = 0; i < c->n; i++)
			if (c->rows[i].hidden && c->rows[i].line != NULL &&
			    strcmp(c->rows[i].line, key) == 0) {
				snprintf(r->at, sizeof(r->at), "%s",
				    c->rows[i].at);
				c->rows[i].hidden = 2;	/* used */
				free(c->rows[i].line);
				c->rows[i].line = NULL;
				break;
			}
	}
	if (r->hidden) {
		if ((r->line = strdup(detail)) == NULL)
			return EHC_ENOMEM;
		c->n++;
		return 0;
	}
	len = strlen(who) + strlen(what) + strlen(detail) + 8;
	if ((r->line = malloc(len)) == NULL)
		return EHC_ENOMEM;
	snprintf(r->line, len, "%s\t%s\t%s", who, what, detail);
	c->n++;
	return 0;
}

static int
chrono_audit(const struct ehc_entry *e, void *payload)
{
	const char *d = e->text ? strstr(e->text, "date=") : NULL;
	char date[EHC_DATE_LEN];

	/* The event's own date when the step had one, else when recorded. */
	snprintf(date, sizeof(date), "%.10s", d ? d + 5 : e->at);
	/* A note is kept only for when: its text comes from the log. */
	return chrono_add(payload, date, e->at, e->author, e->kind,
	    e->text ? e->text : "");
}

static int
chrono_note(const struct ehc_entry *e, void *payload)
{
	char date[EHC_DATE_LEN], what[32];

	snprintf(what, sizeof(what), "note %s", e->kind);
	return chrono_add(payload, ehc_date_format(date, sizeof(date),
	    e->date), NULL, e->author, what, e->text);
}

static int
chrono_cmp(const void *a, const void *b)
{
	const struct chrono_row *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	return c != 0 ? c : x->order - y->order;
}

static int
case_history(struct cli *cli, int64_t id)
{
	struct chrono c = { NULL, 0, 0 };
	size_t i;
	int rc;

	rc = ehc_audit_foreach(cli->db, id, chrono_audit, &c);
	if (rc == EHC_OK)
		rc = ehc_note_foreach(cli->db, id, chrono_note, &c);
	if (rc == EHC_OK) {
		qsort(c.rows, c.n, sizeof(*c.rows), chrono_cmp);
		for (i = 0; i < c.n; i++) {
			if (c.rows[i].hidden)
				continue;
			printf("%s\t%s\t", c.rows[i].date,
			    c.rows[i].at[0] ? c.rows[i].at : "-");
			print_lines(c.rows[i].line, "\t\t\t\t\t");
			putchar('\n');
		}
	}
	for (i = 0; i < c.n; i++)
		free(c.rows[i].line);
	free(c.rows);
	if (rc == EHC_ENOMEM)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

/* ehc case edit CASE --field value ...: corrections, audited. */
static int
case_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "forename",	required_argument,	NULL,	'f' },
		{ "surname",	required_argument,	NULL,	's' },
		{ "dob",	required_argument,	NULL,	'b' },
		{ "sex",	required_argument,	NULL,	'x' },
		{ "ethnicity",	required_argument,	NULL,	'e' },
		{ "upn",	required_argument,	NULL,	'U' },
		{ "uln",	required_argument,	NULL,	'L' },
		{ "upn-unknown", required_argument,	NULL,	'u' },
		{ "postcode",	required_argument,	NULL,	'p' },
		{ "setting",	required_argument,	NULL,	'l' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_case_edit e = EHC_CASE_EDIT_INIT;
	const char *dob = NULL, *reason = NULL;
	int64_t id;
	int ch, rc, force = 0, any = 0;

	while ((ch = getopt_long(argc, argv, ":f:s:b:x:e:U:L:u:p:l:FR:h",
	    longopts, NULL)) != -1) {
		any += ch != 'F' && ch != 'R';
		switch (ch) {
		case 'f': e.forename = optarg; break;
		case 's': e.surname = optarg; break;
		case 'b': dob = optarg; break;
		case 'x': e.sex = optarg; break;
		case 'e': e.ethnicity = optarg; break;
		case 'U': e.upn = optarg; break;
		case 'L': e.uln = optarg; break;
		case 'u': e.upn_unknown = optarg; break;
		case 'p': e.postcode = optarg; break;
		case 'l': e.setting = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'h': return cli_help(usage_case);
		default: return cli_bad_option(cli, usage_case, ch, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage(cli, usage_case, "case edit takes one case");
	if (any == 0)
		return cli_usage(cli, usage_case, "give the fields to correct, "
		    "such as --surname or --dob");
	if (force != (reason != NULL))
		return cli_usage(cli, usage_case, "--force and --reason go "
		    "together");
	e.force_reason = reason;
	if ((dob != NULL && (rc = cli_date(cli, "--dob", dob, &e.dob)) != 0) ||
	    (rc = cli_case(cli, argv[optind + 1], &id)) != 0)
		return rc;
	if ((rc = ehc_case_edit(cli->db, id, &e)) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

int
case_after_step(struct cli *cli, int rc, int64_t id, int json)
{
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if (!json)
		return EHC_EXIT_OK;
	/* Print only what was committed. */
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	return case_show(cli, id, 1, 0);
}

int
cmd_case(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by",		required_argument,	NULL,	'b' },
		{ "clear",	no_argument,		NULL,	'c' },
		{ "date",	required_argument,	NULL,	'd' },
		{ "explain",	no_argument,		NULL,	'e' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "note",	required_argument,	NULL,	'n' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "rank",	required_argument,	NULL,	'r' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *officer = NULL, *verb, *date = NULL, *by = NULL;
	const char *note = NULL;
	int32_t from = EHC_NO_DATE;
	int64_t id;
	long rank = 1, year;
	int ch, rc, json = 0, explain = 0, clear = 0;

	/* edit has options of its own: parsed before the others are. */
	if (argc > 1 && strcmp(argv[1], "edit") == 0)
		return case_edit(cli, argc, argv);
	if (argc > 1 && strcmp(argv[1], "contact") == 0)
		return case_contact(cli, argc, argv);
	while ((ch = getopt_long(argc, argv, ":b:cd:ejn:o:r:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'r':
			if ((rc = cli_number(cli, usage_case, "--rank", optarg,
			    2, &rank)) != 0)
				return rc;
			break;
		case 'b': by = optarg; break;
		case 'c': clear = 1; break;
		case 'd': date = optarg; break;
		case 'e': explain = 1; break;
		case 'j': json = 1; break;
		case 'n': note = optarg; break;
		case 'o': officer = optarg; break;
		case 'h': return cli_help(usage_case);
		default: return cli_bad_option(cli, usage_case, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cli_usage(cli, usage_case, "name a subcommand: show, "
		    "list, assign, flag, contact, chc, need, year-group, "
		    "history or edit");
	verb = argv[0];
	if (strcmp(verb, "list") == 0) {
		if (argc != 1)
			return cli_usage(cli, usage_case, "case list takes no "
			    "operands");
		return case_list(cli, officer, json, 0);
	}
	if (strcmp(verb, "show") == 0 || strcmp(verb, "history") == 0) {
		if (argc != 2)
			return cli_usage(cli, usage_case, "name one case");
		if ((rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		if (verb[0] == 's')
			return case_show(cli, id, json, explain);
		return case_history(cli, id);
	}
	if (strcmp(verb, "need") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_case, "name the case and "
			    "the need");
		if ((date != NULL && (rc = cli_date(cli, "--date", date,
		    &from)) != 0) || (rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		rc = ehc_case_need_at(cli->db, id, argv[2], (int)rank, from);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (strcmp(verb, "year-group") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_case, "name the case and "
			    "the year group (R, or 1 to 14)");
		if (strcmp(argv[2], "R") == 0 || strcmp(argv[2], "r") == 0)
			year = 0;
		else if ((rc = cli_number(cli, usage_case, "the year group",
		    argv[2], 14, &year)) != 0)
			return rc;
		if ((rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		rc = ehc_case_year_group(cli->db, id, (int)year,
		    ehc_db_today(cli->db));
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (strcmp(verb, "chc") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_case, "name the case and "
			    "the step: referred, eligible or not-eligible");
		if ((rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		return case_chc(cli, id, argv[2], date);
	}
	if (strcmp(verb, "assign") == 0 || strcmp(verb, "flag") == 0) {
		if (argc != 3)
			return cli_usage(cli, usage_case, "name the case and "
			    "the %s", verb[0] == 'a' ? "officer" : "flag");
		/* A safeguarding concern is a record, not only a flag. */
		if (verb[0] == 'f' && strcmp(argv[2], "safeguarding") != 0 &&
		    (date != NULL || by != NULL || note != NULL))
			return cli_usage(cli, usage_case, "--date, --by and "
			    "--note go with the safeguarding flag");
		if ((rc = cli_case(cli, argv[1], &id)) != 0)
			return rc;
		if (verb[0] == 'f' && strcmp(argv[2], "safeguarding") == 0)
			return case_concern(cli, id, clear, date, by, note);
		rc = verb[0] == 'a' ? ehc_case_assign(cli->db, id, argv[2]) :
		    ehc_case_flag(cli->db, id, argv[2], !clear);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	return cli_usage(cli, usage_case, "unknown subcommand '%.30s'", verb);
}
