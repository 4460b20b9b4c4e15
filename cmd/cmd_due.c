/*
 * cmd_due.c: ehc due: everything overdue, and everything due within a
 * window, across the caseload or for one officer, through the output
 * layer: text (quiet when nothing is due, so that cron mails nothing),
 * CSV, JSON, a workbook or a calendar.  A column is a line of cols[]
 * and a value in due_row().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "output.h"
#include "print.h"

const char usage_due[] =
    "ehc due [-h] [-w days] [-o officer] [-T format] [-O file] "
    "[-c | -i | -j | -x file]\n"
    "ehc due [-h] -t [-w days] [-T format] [-O file] [-c | -j | -x file]";

enum {
	C_CASE, C_RULE, C_SUBJECT, C_DUE, C_STATUS, C_DAYS, C_WARNING,
	C_OFFICER, C_FLAGS, C_EXCEPTION, C_ACTION, C_REGULATION, C_KIND,
	C_CHILD, C_PROTECTS, C_PROTECTS_DUE, C_EFFECTIVE, NCOLS
};

#define COL(key, heading, type, flags) \
	{ key, heading, EHC_COL_##type, flags }

static const struct ehc_column cols[NCOLS] = {
	[C_CASE] = COL("case", "Case", TEXT, 0),
	[C_RULE] = COL("rule", "Deadline", TEXT, 0),
	[C_SUBJECT] = COL("subject", "Subject", TEXT, 0),
	[C_DUE] = COL("due", "Due", DATE, 0),
	[C_STATUS] = COL("status", "Status", TEXT, 0),
	[C_DAYS] = COL("days", "Days", COUNT, 0),
	[C_WARNING] = COL("warning", "Act by", DATE, 0),
	[C_OFFICER] = COL("officer", "Officer", TEXT, 0),
	[C_FLAGS] = COL("flags", "Flags", LIST, 0),
	[C_EXCEPTION] = COL("exception", "Exception", TEXT, EHC_COL_SPARSE),
	[C_ACTION] = COL("action", "To do", TEXT, EHC_COL_SPARSE),
	[C_REGULATION] = COL("regulation", "Regulation", TEXT,
	    EHC_COL_DETAIL),
	[C_KIND] = COL("kind", "Kind", TEXT, EHC_COL_DETAIL),
	[C_CHILD] = COL("child", "Child", TEXT, EHC_COL_DETAIL),
	[C_PROTECTS] = COL("protects", "Protects", TEXT, EHC_COL_DETAIL),
	[C_PROTECTS_DUE] = COL("protects_due", "Statutory date", DATE,
	    EHC_COL_DETAIL),
	[C_EFFECTIVE] = COL("effective", "Effective", BOOL, EHC_COL_DETAIL),
};

/* Text: the fields padded so that the lines line up. */
static const int widths[NCOLS] = {
	[C_RULE] = 22, [C_SUBJECT] = 7, [C_DUE] = 10, [C_STATUS] = 8,
	[C_DAYS] = 5, [C_WARNING] = 10
};

struct due {
	struct cli	*cli;
	struct out	*out;
};

static int
due_row(const struct ehc_deadline *d, void *payload)
{
	struct due *st = payload;
	struct out_val v[NCOLS];
	const char *flags[4];

	out_vals_clear(v, NCOLS);
	v[C_CASE].s = d->case_ref;
	v[C_RULE].s = d->rule;
	v[C_SUBJECT].s = d->subject;
	v[C_DUE].day = d->due;
	v[C_STATUS].s = d->status;
	v[C_DAYS].n = d->days;
	v[C_WARNING].day = d->warning;
	v[C_OFFICER].s = d->officer;
	v[C_FLAGS].list = flag_words(d->flags, flags);
	v[C_EXCEPTION].s = d->exception;
	v[C_ACTION].s = d->what;
	v[C_REGULATION].s = d->regulation != NULL && *d->regulation ?
	    d->regulation : NULL;
	v[C_KIND].s = d->kind;
	v[C_CHILD].s = d->child;
	v[C_PROTECTS].s = d->protects;
	v[C_PROTECTS_DUE].day = d->protects_due;
	if (strcmp(d->kind, "deadline") == 0)
		v[C_EFFECTIVE].n = d->effective;
	return out_row(st->out, v);
}

/* How often a case has changed, and when it last did. */
struct changes {
	int64_t	n;
	int64_t	last;		/* seconds since 1970, UTC */
};

static int
count_change(const struct ehc_entry *e, void *payload)
{
	struct changes *ch = payload;
	int y, mo, d, h, mi, s;
	int64_t t;

	ch->n++;
	if (e->at != NULL && sscanf(e->at, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo,
	    &d, &h, &mi, &s) == 6 && ehc_date_valid(y, mo, d)) {
		t = (int64_t)ehc_date_from_ymd(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + s;
		if (t > ch->last)
			ch->last = t;
	}
	return 0;
}

/* Why a day is not a working day. */
static const char *
not_working(int32_t day)
{
	return ehc_date_weekday(day) >= 5 ? "a weekend" : "a bank holiday";
}

/*
 * The deadline as a calendar event, on the day to act by: the due date,
 * or the last working day before it when the due date is not one (the
 * summary then says so).  SEQUENCE is twice the case's recorded changes
 * (its audit records), plus one once the deadline is overdue: it grows
 * when the case changes (a date moved) and when the deadline passes.
 */
static int
due_event(struct out_event *ev, const struct out_val *v, void *payload)
{
	struct due *st = payload;
	struct changes ch = { 0, 0 };
	char due[EHC_DATE_WORDS_LEN], act[EHC_DATE_WORDS_LEN], when[48];
	const char *const *w;
	int64_t id, overdue;
	int rc;

	if ((rc = ehc_case_lookup(&id, st->cli->db, v[C_CASE].s)) != EHC_OK ||
	    (rc = ehc_audit_foreach(st->cli->db, id, count_change, &ch)) !=
	    EHC_OK)
		return cli_fail(st->cli, rc);
	overdue = strcmp(v[C_STATUS].s, "overdue") == 0;
	ev->sequence = 2 * ch.n + overdue;
	ev->modified = ch.last;
	/* It became overdue at the start of the day after it was due. */
	if (overdue && (int64_t)(v[C_DUE].day + 1) * 86400 > ev->modified)
		ev->modified = (int64_t)(v[C_DUE].day + 1) * 86400;
	snprintf(ev->uid, sizeof(ev->uid), "%s-%s%s%s@ehc", v[C_CASE].s,
	    v[C_RULE].s, v[C_SUBJECT].s ? "-" : "", v[C_SUBJECT].s ?
	    v[C_SUBJECT].s : "");
	ehc_date_words(due, sizeof(due), v[C_DUE].day, 1);
	ehc_date_words(act, sizeof(act), v[C_WARNING].day, 1);
	ev->day = v[C_WARNING].day != EHC_NO_DATE ? v[C_WARNING].day :
	    v[C_DUE].day;
	if (v[C_DAYS].n < 0)
		snprintf(when, sizeof(when), "%.0f day%s ago", -v[C_DAYS].n,
		    v[C_DAYS].n == -1 ? "" : "s");
	else if (v[C_DAYS].n > 0)
		snprintf(when, sizeof(when), "in %.0f day%s", v[C_DAYS].n,
		    v[C_DAYS].n == 1 ? "" : "s");
	else
		snprintf(when, sizeof(when), "today");
	snprintf(ev->summary, sizeof(ev->summary), "%s %s%s%s (%s): due %s%s%s"
	    "%s%s%s", v[C_CASE].s, v[C_RULE].s, v[C_SUBJECT].s ? " " : "",
	    v[C_SUBJECT].s ? v[C_SUBJECT].s : "", v[C_STATUS].s, due,
	    v[C_WARNING].day != EHC_NO_DATE ? " (" : "",
	    v[C_WARNING].day != EHC_NO_DATE ? not_working(v[C_DUE].day) : "",
	    v[C_WARNING].day != EHC_NO_DATE ? ": act by " : "",
	    v[C_WARNING].day != EHC_NO_DATE ? act : "",
	    v[C_WARNING].day != EHC_NO_DATE ? ")" : "");
	snprintf(ev->description, sizeof(ev->description),
	    "Case: %s\nDeadline: %s%s%s\nStatutory date: %s%s%s (%s)\n"
	    "%s%s%sStatus: %s\nOfficer: %s\nRegulation: %s",
	    v[C_CASE].s, v[C_RULE].s, v[C_SUBJECT].s ? " " : "",
	    v[C_SUBJECT].s ? v[C_SUBJECT].s : "", due,
	    v[C_WARNING].day != EHC_NO_DATE ? ", " : "",
	    v[C_WARNING].day != EHC_NO_DATE ? not_working(v[C_DUE].day) : "",
	    when, v[C_WARNING].day != EHC_NO_DATE ? "Act by: " : "",
	    v[C_WARNING].day != EHC_NO_DATE ? act : "",
	    v[C_WARNING].day != EHC_NO_DATE ? ", the last working day "
	    "before it\n" : "", v[C_STATUS].s, v[C_OFFICER].s ?
	    v[C_OFFICER].s : "unassigned", v[C_REGULATION].s ?
	    v[C_REGULATION].s : "");
	/*
	 * An action or a booking: what to do, in the summary too; its
	 * date is the day to act or booked, not a statutory one.
	 */
	if (v[C_ACTION].s != NULL) {
		snprintf(ev->summary, sizeof(ev->summary), "%s %s (%s): %s",
		    v[C_CASE].s, v[C_RULE].s, v[C_STATUS].s, v[C_ACTION].s);
		ehc_date_words(act, sizeof(act), v[C_PROTECTS_DUE].day, 1);
		snprintf(ev->description, sizeof(ev->description),
		    "Case: %s\n%s: %s\n%s%s%s%s%sTo do: %s\nStatus: %s\n"
		    "Officer: %s", v[C_CASE].s, v[C_PROTECTS].s ? "Act by" :
		    "Booked for", due, v[C_PROTECTS].s ? "Protects: " : "",
		    v[C_PROTECTS].s ? v[C_PROTECTS].s : "",
		    v[C_PROTECTS].s ? ", due " : "", v[C_PROTECTS].s ? act :
		    "", v[C_PROTECTS].s ? "\n" : "", v[C_ACTION].s,
		    v[C_STATUS].s, v[C_OFFICER].s ? v[C_OFFICER].s :
		    "unassigned");
	}
	snprintf(ev->categories, sizeof(ev->categories), "%s", v[C_STATUS].s);
	for (w = v[C_FLAGS].list; w != NULL && *w != NULL; w++)
		snprintf(ev->categories + strlen(ev->categories),
		    sizeof(ev->categories) - strlen(ev->categories), ",%s", *w);
	return 0;
}

/* The team's view: a row an officer, what they have due, counted. */
enum { T_OFFICER, T_OVERDUE, T_DUE, T_ACTIONS, T_BOOKED, T_TOTAL, NTEAM };

static const struct ehc_column team_cols[NTEAM] = {
	[T_OFFICER] = COL("officer", "Officer", TEXT, 0),
	[T_OVERDUE] = COL("overdue", "Overdue", COUNT, 0),
	[T_DUE] = COL("due", "Due in the window", COUNT, 0),
	[T_ACTIONS] = COL("actions", "Of which actions", COUNT, 0),
	[T_BOOKED] = COL("booked", "Booked", COUNT, 0),
	[T_TOTAL] = COL("total", "Total", COUNT, 0),
};

struct team_row {
	char	officer[128];
	double	n[NTEAM];
};

struct team {
	struct team_row	*rows;
	int		 n, cap;
};

static int
team_count(const struct ehc_deadline *d, void *payload)
{
	struct team *t = payload;
	struct team_row *r;
	const char *who = d->officer != NULL ? d->officer : "(unassigned)";
	int i;

	for (i = 0; i < t->n && strcmp(t->rows[i].officer, who) != 0; i++)
		;
	if (i == t->n) {
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 16;
			if ((r = realloc(t->rows, (size_t)t->cap *
			    sizeof(*r))) == NULL)
				return EHC_ENOMEM;
			t->rows = r;
		}
		memset(&t->rows[i], 0, sizeof(t->rows[i]));
		snprintf(t->rows[i].officer, sizeof(t->rows[i].officer), "%s",
		    who);
		t->n++;
	}
	r = &t->rows[i];
	r->n[strcmp(d->status, "overdue") == 0 ? T_OVERDUE : T_DUE]++;
	if (strcmp(d->kind, "action") == 0)
		r->n[T_ACTIONS]++;
	else if (strcmp(d->kind, "booking") == 0)
		r->n[T_BOOKED]++;
	r->n[T_TOTAL]++;
	return 0;
}

static int
by_officer(const void *a, const void *b)
{
	return strcmp(((const struct team_row *)a)->officer,
	    ((const struct team_row *)b)->officer);
}

/* ehc due --team: the counts, an officer a row, through the one layer. */
static int
due_team(struct cli *cli, int within, const struct out_opts *oo)
{
	struct out_spec spec;
	struct out_val v[NTEAM];
	struct team t = { NULL, 0, 0 };
	struct out *out;
	double total[NTEAM] = { 0 };
	int i, c, rc;

	rc = ehc_due_foreach(cli->db, within, NULL, team_count, &t);
	if (rc != EHC_OK) {
		free(t.rows);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	qsort(t.rows, (size_t)t.n, sizeof(*t.rows), by_officer);
	memset(&spec, 0, sizeof(spec));
	spec.name = "due-team";
	spec.title = "Due by officer";
	spec.caption = "Due and overdue, by officer";
	spec.cols = team_cols;
	spec.ncols = NTEAM;
	spec.nkeys = 1;
	if ((rc = out_open(&out, cli, usage_due, oo, &spec)) != 0) {
		free(t.rows);
		return rc;
	}
	for (i = 0; rc == 0 && i < t.n; i++) {
		out_vals_clear(v, NTEAM);
		for (c = 0; c < NTEAM; c++) {
			if (c != T_OFFICER)
				v[c].n = t.rows[i].n[c];
			total[c] += t.rows[i].n[c];
		}
		v[T_OFFICER].s = t.rows[i].officer;
		rc = out_row(out, v);
	}
	out_vals_clear(v, NTEAM);
	for (c = 0; c < NTEAM; c++)
		if (c != T_OFFICER)
			v[c].n = total[c];
	free(t.rows);
	if (rc == 0 && t.n > 0)
		rc = out_total(out, v);
	if (rc != 0) {
		out_free(out);
		return rc;
	}
	return out_close(out);
}

int
cmd_due(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "within",	required_argument,	NULL,	'w' },
		{ "officer",	required_argument,	NULL,	'o' },
		{ "team",	no_argument,		NULL,	't' },
		OUT_LONGOPTS,
		{ "ics",	no_argument,		NULL,	'i' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct out_opts oo = OUT_OPTS_INIT;
	struct out_spec spec;
	struct due st;
	const char *officer = NULL;
	char caption[160];
	long within = 14;
	int ch, rc, team = 0;

	while ((ch = getopt_long(argc, argv, ":w:o:t" OUT_GETOPT "ih",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'w':
			if ((rc = cli_number(cli, usage_due, "--within",
			    optarg, 3660, &within)) != 0)
				return rc;
			break;
		case 'o': officer = optarg; break;
		case 't': team = 1; break;
		OUT_CASES:
		case 'i':
			if ((rc = out_option(cli, usage_due, &oo, ch, optarg))
			    != 0)
				return rc;
			break;
		case 'h': return cli_help(usage_due);
		default: return cli_bad_option(cli, usage_due, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_due, "due takes no operands");
	if (team && (officer != NULL || oo.format == OUT_ICS))
		return cli_usage(cli, usage_due, "--team counts every "
		    "officer's list: no --officer, no calendar");
	if (team)
		return due_team(cli, (int)within, &oo);
	memset(&spec, 0, sizeof(spec));
	spec.name = "due";
	spec.title = "Due";
	snprintf(caption, sizeof(caption), "Due and overdue%s%.100s",
	    officer != NULL ? ": " : "", officer != NULL ? officer : "");
	spec.caption = caption;
	spec.cols = cols;
	spec.ncols = NCOLS;
	spec.nkeys = 1;
	spec.flags = OUT_LIST;
	spec.widths = widths;
	spec.event = due_event;
	spec.payload = &st;
	st.cli = cli;
	if ((rc = out_open(&st.out, cli, usage_due, &oo, &spec)) != 0)
		return rc;
	rc = ehc_due_foreach(cli->db, (int)within, officer, due_row, &st);
	if (rc != EHC_OK) {
		out_free(st.out);
		/* A positive status: the output layer said what went wrong. */
		return rc > 0 ? rc : rc == EHC_ENOMEM ? cli_error(cli,
		    EHC_EXIT_SOFTWARE, "out of memory") : cli_fail(cli, rc);
	}
	return out_close(st.out);
}
