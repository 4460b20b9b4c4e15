/*
 * plan_letter.c: letters to families and panel papers, filled from
 * replaceable templates.  A template is plain text with {{field}}
 * placeholders; every date comes from the case or from the deadlines the
 * statutory clock computed, never worked out here.  A template that
 * names an unknown field, or a field the case has no value for yet, is
 * refused before anything is written.  Every date is in words; the
 * filled-in letter is laid out again (letter_layout.c), as text or HTML.
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

extern const unsigned char ehc__template_draft[];
extern const unsigned char ehc__template_final[];
extern const unsigned char ehc__template_no_assess[];
extern const unsigned char ehc__template_no_issue[];
extern const unsigned char ehc__template_panel[];

static const char *const letter_names[] = {
	"draft", "final", "no-assess", "no-issue", "panel", NULL
};

const char *const *
ehc_letter_names(void)
{
	return letter_names;
}

const char *
ehc_letter_template(const char *name)
{
	if (name == NULL)
		return NULL;
	if (strcmp(name, "draft") == 0)
		return (const char *)ehc__template_draft;
	if (strcmp(name, "final") == 0)
		return (const char *)ehc__template_final;
	if (strcmp(name, "no-assess") == 0)
		return (const char *)ehc__template_no_assess;
	if (strcmp(name, "no-issue") == 0)
		return (const char *)ehc__template_no_issue;
	if (strcmp(name, "panel") == 0)
		return (const char *)ehc__template_panel;
	return NULL;
}

enum field {
	F_TODAY, F_CASE, F_NAME, F_FORENAME, F_SURNAME, F_ADDRESSEE, F_DOB,
	F_AGE, F_SCHOOL_YEAR, F_OFFICER, F_RECEIVED, F_STAGE,
	F_DECISION_DATE, F_REASONS, F_DRAFT_SERVED, F_REPRESENTATIONS_UNTIL,
	F_FINAL_PLAN_DUE, F_FINAL_ISSUED, F_ANNUAL_REVIEW_DUE, F_APPEAL_BY,
	F_MEDIATION_CONTACT_BY, F_DEADLINES, F_NEEDS, F_OUTCOMES,
	F_PROVISION, F_PLAN_CHECK,
	NFIELDS
};

/* Each field's name, and what to do when the case has no value. */
static const struct {
	const char	*name;
	const char	*missing;
} fields[NFIELDS] = {
	[F_TODAY] = { "today", NULL },
	[F_CASE] = { "case", NULL },
	[F_NAME] = { "name", NULL },
	[F_FORENAME] = { "forename", NULL },
	[F_SURNAME] = { "surname", NULL },
	[F_ADDRESSEE] = { "addressee", NULL },
	[F_DOB] = { "dob", NULL },
	[F_AGE] = { "age", NULL },
	[F_SCHOOL_YEAR] = { "school_year", NULL },
	[F_OFFICER] = { "officer", NULL },
	[F_RECEIVED] = { "received", "the case has no request date (a plan "
	    "transferred or imported)" },
	[F_STAGE] = { "stage", NULL },
	[F_DECISION_DATE] = { "decision_date", "the case has no decision "
	    "not to assess or not to issue; record it with 'ehc decide'" },
	[F_REASONS] = { "reasons", "no reasons are recorded with the "
	    "decision; give them with 'ehc decide CASE ... --reason'" },
	[F_DRAFT_SERVED] = { "draft_served", "the draft plan has not been "
	    "served; record it with 'ehc draft CASE issue'" },
	[F_REPRESENTATIONS_UNTIL] = { "representations_until", "the draft "
	    "plan has not been served; record it with 'ehc draft CASE "
	    "issue'" },
	[F_FINAL_PLAN_DUE] = { "final_plan_due", "the case has no final-plan "
	    "deadline" },
	[F_FINAL_ISSUED] = { "final_issued", "the final plan has not been "
	    "issued; record it with 'ehc draft CASE final'" },
	[F_ANNUAL_REVIEW_DUE] = { "annual_review_due", "the plan has no "
	    "annual review date; it has one once the final plan is issued" },
	[F_APPEAL_BY] = { "appeal_by", "no appealable decision notice is "
	    "recorded, so the clock has no appeal date; record the letter "
	    "with 'ehc dispute CASE notice -a ABOUT -d DATE' first" },
	[F_MEDIATION_CONTACT_BY] = { "mediation_contact_by", "no appealable "
	    "decision notice is recorded, so the clock has no mediation "
	    "date; record the letter with 'ehc dispute CASE notice -a ABOUT "
	    "-d DATE' first" },
	[F_DEADLINES] = { "deadlines", NULL },
	[F_NEEDS] = { "needs", NULL },
	[F_OUTCOMES] = { "outcomes", NULL },
	[F_PROVISION] = { "provision", NULL },
	[F_PLAN_CHECK] = { "plan_check", NULL },
};

/* "1 June 2026", malloc'd; NULL for no date or out of memory. */
static char *
long_date(int32_t day)
{
	char buf[EHC_DATE_WORDS_LEN];

	if (day == EHC_NO_DATE)
		return NULL;
	return strdup(ehc_date_words(buf, sizeof(buf), day, 0));
}

struct values {
	char	*v[NFIELDS];
	int	 oom;
};

static void
set(struct values *vals, enum field f, char *s)
{
	free(vals->v[f]);
	vals->v[f] = s;
}

static void
set_str(struct values *vals, enum field f, const char *s)
{
	char *d = NULL;

	if (s != NULL && *s != '\0' && (d = strdup(s)) == NULL)
		vals->oom = 1;
	set(vals, f, d);
}

static void
set_date(struct values *vals, enum field f, int32_t day)
{
	char *d = long_date(day);

	if (day != EHC_NO_DATE && d == NULL)
		vals->oom = 1;
	set(vals, f, d);
}

/* The dates the clock computed, and the deadline list. */
struct clock_dates {
	int32_t	 representations, final_plan, annual_review, appeal;
	int32_t	 mediation;
	FILE	*list;
};

static int
take_deadline(const struct ehc_deadline *d, void *payload)
{
	struct clock_dates *c = payload;
	char due[EHC_DATE_WORDS_LEN];

	if (strcmp(d->status, "void") == 0)
		return 0;
	/* In words, as every other date of a letter or paper. */
	ehc_date_words(due, sizeof(due), d->due, 0);
	fprintf(c->list, "  %-24s %-17s  %s%s\n", d->rule, due, d->status,
	    d->advisory ? " (the family's date)" : "");
	if (strcmp(d->rule, "draft-representations") == 0)
		c->representations = d->due;
	else if (strcmp(d->rule, "final-plan") == 0)
		c->final_plan = d->due;
	else if (strcmp(d->rule, "annual-review") == 0 &&
	    c->annual_review == EHC_NO_DATE)
		c->annual_review = d->due;
	/* The latest notice's dates: the list is in order of due date. */
	else if (strcmp(d->rule, "appeal") == 0)
		c->appeal = d->due;
	else if (strcmp(d->rule, "mediation-contact") == 0)
		c->mediation = d->due;
	return 0;
}

/* Close a memory stream into a field; "None recorded." when empty. */
static void
set_stream(struct values *vals, enum field f, FILE *fp, char **bufp,
    size_t *lenp)
{
	char *buf;
	size_t len;

	/* The stream sets *bufp and *lenp only when it is closed. */
	if (fclose(fp) != 0 || (buf = *bufp) == NULL) {
		free(*bufp);
		*bufp = NULL;
		vals->oom = 1;
		return;
	}
	*bufp = NULL;
	len = *lenp;
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len == 0) {
		free(buf);
		set_str(vals, f, "None recorded.");
		return;
	}
	set(vals, f, buf);
}

static int
check_line(const struct ehc_plan_problem *p, void *payload)
{
	FILE *fp = payload;

	/* A list, so that the layout wraps each problem. */
	if (p->item != NULL)
		fprintf(fp, "- %s: %s: %s\n", p->item, p->rule, p->message);
	else if (p->line > 0)
		fprintf(fp, "- %s:%d: %s: %s\n", p->section, p->line, p->rule,
		    p->message);
	else
		fprintf(fp, "- %s: %s: %s\n", p->section, p->rule, p->message);
	return 0;
}

/* The working copy's items of one kind, one a line. */
static void
items_field(struct values *vals, enum field f, const struct ehc_plan *plan,
    int kind)
{
	const struct ehc_plan_item *it;
	char *buf = NULL;
	size_t len = 0, i, j;
	FILE *fp;

	if ((fp = open_memstream(&buf, &len)) == NULL) {
		vals->oom = 1;
		return;
	}
	for (i = 0; i < plan->nitems; i++) {
		it = &plan->items[i];
		if (ehc_plan_section_kind(it->section) != kind)
			continue;
		/* A list, so that the layout wraps each item. */
		fprintf(fp, "- %s: %s", it->ref, it->text);
		if (kind == EHC_PLAN_PROVISION)
			fprintf(fp, "; %s, %s, by %s", it->amount ? it->amount :
			    "amount not given", it->frequency ? it->frequency :
			    "frequency not given", it->by ? it->by :
			    "provider not given");
		for (j = 0; j < it->nlinks; j++)
			fprintf(fp, "%s%s", j ? ", " : " (serves ",
			    it->links[j]);
		fprintf(fp, "%s\n", it->nlinks ? ")" : "");
	}
	set_stream(vals, f, fp, &buf, &len);
}

static const char *
school_year_text(int year, char *buf, size_t len)
{
	if (year < 0)
		snprintf(buf, len, "below school age");
	else if (year == 0)
		snprintf(buf, len, "reception");
	else if (year <= 13)
		snprintf(buf, len, "year %d", year);
	else
		snprintf(buf, len, "beyond year 13");
	return buf;
}

static int
gather(struct values *vals, struct ehc_db *db, int64_t case_id)
{
	struct ehc_case c;
	struct ehc_plan plan;
	struct clock_dates cd;
	char buf[160], *list = NULL;
	size_t len = 0;
	int32_t today = ehc_db_today(db);
	int rc, year, n = 0;
	FILE *fp;

	if ((rc = ehc_case_get(&c, db, case_id)) != EHC_OK)
		return rc;
	if ((rc = ehc_plan_load(&plan, db, case_id, 0)) != EHC_OK) {
		ehc_case_release(&c);
		return rc;
	}
	set_date(vals, F_TODAY, today);
	set_str(vals, F_CASE, c.ref);
	snprintf(buf, sizeof(buf), "%s %s", c.forename, c.surname);
	set_str(vals, F_NAME, buf);
	set_str(vals, F_FORENAME, c.forename);
	set_str(vals, F_SURNAME, c.surname);
	set_date(vals, F_DOB, c.dob);
	year = ehc_plan_school_year(c.dob, today);
	/*
	 * The people recorded with parental responsibility, or the young
	 * person once compulsory school age has ended (people.c).
	 */
	if ((rc = ehc_contact_addressee(buf, sizeof(buf), NULL, 0, db,
	    case_id, today)) != EHC_OK)
		goto out;
	set_str(vals, F_ADDRESSEE, buf);
	snprintf(buf, sizeof(buf), "%d", ehc_date_age(c.dob, today));
	set_str(vals, F_AGE, buf);
	set_str(vals, F_SCHOOL_YEAR, school_year_text(year, buf, sizeof(buf)));
	if ((rc = ehc_officer_signature(buf, sizeof(buf), db, c.officer)) !=
	    EHC_OK)
		goto out;
	set_str(vals, F_OFFICER, buf);
	set_date(vals, F_RECEIVED, c.received);
	set_str(vals, F_STAGE, c.stage);
	if (c.assess != NULL && strcmp(c.assess, "N") == 0)
		set_date(vals, F_DECISION_DATE, c.assess_date);
	else if (c.issue != NULL && strcmp(c.issue, "N") == 0)
		set_date(vals, F_DECISION_DATE, c.issue_date);
	set_str(vals, F_REASONS, c.reason);
	set_date(vals, F_DRAFT_SERVED, c.draft_date);
	set_date(vals, F_FINAL_ISSUED, c.final_date);
	cd.representations = cd.final_plan = cd.annual_review = EHC_NO_DATE;
	cd.appeal = cd.mediation = EHC_NO_DATE;
	if ((cd.list = open_memstream(&list, &len)) == NULL) {
		vals->oom = 1;
		goto out;
	}
	rc = ehc_deadline_foreach(db, case_id, take_deadline, &cd);
	set_stream(vals, F_DEADLINES, cd.list, &list, &len);
	if (rc != EHC_OK)
		goto out;
	if (c.draft_date != EHC_NO_DATE)
		set_date(vals, F_REPRESENTATIONS_UNTIL, cd.representations);
	set_date(vals, F_FINAL_PLAN_DUE, cd.final_plan);
	set_date(vals, F_ANNUAL_REVIEW_DUE, cd.annual_review);
	set_date(vals, F_APPEAL_BY, cd.appeal);
	set_date(vals, F_MEDIATION_CONTACT_BY, cd.mediation);
	items_field(vals, F_NEEDS, &plan, EHC_PLAN_NEED);
	items_field(vals, F_OUTCOMES, &plan, EHC_PLAN_OUTCOME);
	items_field(vals, F_PROVISION, &plan, EHC_PLAN_PROVISION);
	if ((fp = open_memstream(&list, &len)) == NULL) {
		vals->oom = 1;
		goto out;
	}
	ehc_plan_check(&n, &plan, c.draft_date == EHC_NO_DATE &&
	    c.final_date == EHC_NO_DATE ? EHC_PLAN_STAGE_DRAFT :
	    EHC_PLAN_STAGE_FINAL, today, NULL, NULL);
	if (n == 0)
		fprintf(fp, "The plan is fit to issue.\n");
	else {
		fprintf(fp, "%d problem%s:\n\n", n, n == 1 ? "" : "s");
		ehc_plan_check(NULL, &plan, c.draft_date == EHC_NO_DATE &&
		    c.final_date == EHC_NO_DATE ? EHC_PLAN_STAGE_DRAFT :
		    EHC_PLAN_STAGE_FINAL, today, check_line, fp);
	}
	set_stream(vals, F_PLAN_CHECK, fp, &list, &len);
out:
	ehc_plan_release(&plan);
	ehc_case_release(&c);
	if (rc == EHC_OK && vals->oom)
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	return rc;
}

/* The line of tmpl that p is on, from 1. */
static int
line_of(const char *tmpl, const char *p)
{
	int line = 1;

	for (; tmpl < p; tmpl++)
		if (*tmpl == '\n')
			line++;
	return line;
}

/*
 * Find the next placeholder at or after p: its start, the field and the
 * text after it.  Returns 0 when there is none, 1 when found, -1 for a
 * malformed or unknown one, described in bad.
 */
static int
next_field(const char *tmpl, const char *p, const char **start, int *field,
    const char **after, char *bad, size_t badlen)
{
	const char *s, *e, *n0, *n1, *q;
	size_t len;
	int i;

	if ((s = strstr(p, "{{")) == NULL)
		return 0;
	e = strstr(s + 2, "}}");
	for (q = s + 2; e != NULL && q < e; q++)
		if (*q == '\n' || *q == '{')
			e = NULL;
	if (e == NULL) {
		snprintf(bad, badlen, "an unclosed {{ on line %d",
		    line_of(tmpl, s));
		return -1;
	}
	for (n0 = s + 2; n0 < e && *n0 == ' '; n0++)
		;
	for (n1 = e; n1 > n0 && n1[-1] == ' '; n1--)
		;
	len = (size_t)(n1 - n0);
	for (i = 0; i < NFIELDS; i++)
		if (strlen(fields[i].name) == len &&
		    strncmp(fields[i].name, n0, len) == 0)
			break;
	if (i == NFIELDS) {
		snprintf(bad, badlen, "an unknown field {{%.*s}} on line %d",
		    (int)(len > 40 ? 40 : len), n0, line_of(tmpl, s));
		return -1;
	}
	*start = s;
	*field = i;
	*after = e + 2;
	return 1;
}

int
ehc_letter_render(FILE *fp, struct ehc_db *db, int64_t case_id,
    const char *tmpl, enum ehc_letter_format format)
{
	struct values vals;
	const char *p, *start, *after;
	char bad[96], title[256], *text = NULL;
	size_t len = 0;
	int rc, f, found;
	FILE *out;

	if (format != EHC_LETTER_TEXT && format != EHC_LETTER_HTML)
		return ehc__db_fail(db, EHC_EINVAL, "unknown letter format");
	if (tmpl == NULL || strlen(tmpl) > EHC_PLAN_TEXT_MAX)
		return ehc__db_fail(db, EHC_EINVAL, "the template is empty or "
		    "longer than %d bytes", EHC_PLAN_TEXT_MAX);
	memset(&vals, 0, sizeof(vals));
	if ((rc = gather(&vals, db, case_id)) != EHC_OK)
		goto out;
	/* Check every placeholder before writing anything. */
	for (p = tmpl; (found = next_field(tmpl, p, &start, &f, &after,
	    bad, sizeof(bad))) != 0; p = after) {
		if (found < 0) {
			rc = ehc__db_fail(db, EHC_EINVAL, "the template has %s; "
			    "see ehc-draft(1) for the fields", bad);
			goto out;
		}
		if (vals.v[f] == NULL) {
			rc = ehc__db_fail(db, EHC_EINVAL, "the letter needs "
			    "{{%s}}, but %s", fields[f].name,
			    fields[f].missing ? fields[f].missing :
			    "it has no value");
			goto out;
		}
	}
	/* Filled in, then laid out again now the lines' lengths are known. */
	if ((out = open_memstream(&text, &len)) == NULL) {
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		goto out;
	}
	for (p = tmpl; next_field(tmpl, p, &start, &f, &after, bad,
	    sizeof(bad)) > 0; p = after) {
		fwrite(p, 1, (size_t)(start - p), out);
		fputs(vals.v[f], out);
	}
	fputs(p, out);
	if (fclose(out) != 0 || text == NULL) {
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(title, sizeof(title), "%.200s (%.40s)", vals.v[F_NAME],
	    vals.v[F_CASE]);
	rc = ehc__letter_layout(fp, text, format == EHC_LETTER_HTML, title);
out:
	for (f = 0; f < NFIELDS; f++)
		free(vals.v[f]);
	free(text);
	return rc;
}
