/*
 * plan_check.c: whether a plan is fit to issue.  The rules come from
 * reg 12 and the Code of Practice 9.61-9.69 (statutory-rules.md section
 * 3): every section present; provision specific and quantified (the
 * Upper Tribunal rejects "support", "access to", "opportunities"), with
 * how much, how often and who delivers it; each need met by provision
 * and each provision serving a need or outcome; preparation for
 * adulthood from year 9 (reg 12(3)); section I blank in a draft (s38(5)).
 */
#include "internal.h"
#include "plan_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct check {
	const struct ehc_plan	*plan;
	int			 (*cb)(const struct ehc_plan_problem *, void *);
	void			*payload;
	int			 count;
	int			 stop;		/* cb's non-zero return */
};

static void
report(struct check *c, int section, int line, const char *item,
    const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
report(struct check *c, int section, int line, const char *item,
    const char *rule, const char *fmt, ...)
{
	struct ehc_plan_problem p;
	char msg[768];
	va_list ap;

	if (c->stop)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p.section = ehc_plan_section_name(section);
	p.line = line;
	p.item = item;
	p.rule = rule;
	p.message = msg;
	c->count++;
	if (c->cb != NULL)
		c->stop = c->cb(&p, c->payload);
}

/*
 * Words and phrases that promise nothing.  Matched as whole words,
 * ignoring case.
 */
static const char *const vague_phrases[] = {
	"access to", "opportunity", "opportunities", "regular", "regularly",
	"as required", "as needed", "as necessary", "as appropriate",
	"where appropriate", "where necessary", "when needed",
	"when required", "if required", "if needed", "up to",
	"may benefit", "would benefit", "as and when", NULL
};

static const char *const number_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty",
	"forty", "forty-five", "sixty", "ninety", "half", "quarter", "once",
	"twice", "full-time", "full time", "whole", "every", NULL
};

/* Phrases that show preparation-for-adulthood content. */
static const char *const pfa_phrases[] = {
	"adulthood", "independent living", "living independently",
	"employment", "supported internship", "travel training",
	"independent travel", "further education", "apprenticeship",
	"higher education", NULL
};

static int
word_char(int ch)
{
	return isalnum((unsigned char)ch) || ch == '\'';
}

/* Whether phrase occurs in s[0, n) as whole words, ignoring case. */
static int
has_phrase(const char *s, size_t n, const char *phrase)
{
	size_t pl = strlen(phrase), i, j;

	if (pl > n)
		return 0;
	for (i = 0; i + pl <= n; i++) {
		if (i > 0 && word_char(s[i - 1]))
			continue;
		for (j = 0; j < pl; j++)
			if (tolower((unsigned char)s[i + j]) !=
			    tolower((unsigned char)phrase[j]))
				break;
		if (j == pl && (i + pl == n || !word_char(s[i + pl])))
			return 1;
	}
	return 0;
}

/* Whether s[0, n) says how much: a digit or a number word. */
static int
has_quantity(const char *s, size_t n)
{
	const char *const *w;
	size_t i;

	for (i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]))
			return 1;
	for (w = number_words; *w != NULL; w++)
		if (has_phrase(s, n, *w))
			return 1;
	return 0;
}

/*
 * The vague phrases in s[0, n) as "'access to', 'regular'" in buf;
 * "support" counts when quantified is 0.  Returns how many.
 */
static int
vague_in(const char *s, size_t n, int quantified, char *buf, size_t len)
{
	const char *const *v;
	size_t used = 0;
	int found = 0;

	buf[0] = '\0';
	for (v = vague_phrases; *v != NULL; v++) {
		if (!has_phrase(s, n, *v))
			continue;
		used += (size_t)snprintf(buf + used, used < len ? len - used :
		    0, "%s'%s'", found ? ", " : "", *v);
		found++;
	}
	if (!quantified && (has_phrase(s, n, "support") ||
	    has_phrase(s, n, "supported") || has_phrase(s, n, "supporting"))) {
		used += (size_t)snprintf(buf + used, used < len ? len - used :
		    0, "%s'support' with no amount", found ? ", " : "");
		found++;
	}
	return found;
}

static const char vague_advice[] = "say exactly what will be provided, "
    "how much, how often and by whom";

/* The narrative text of a provision section, line by line. */
static void
check_text_lines(struct check *c, int section)
{
	const char *text = c->plan->text[section], *p, *nl;
	char found[256];
	size_t len;
	int line = 0;

	for (p = text; p != NULL && *p != '\0'; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (vague_in(p, len, has_quantity(p, len), found,
		    sizeof(found)) > 0)
			report(c, section, line, NULL, "vague", "vague wording "
			    "(%s): %s", found, vague_advice);
	}
}

static int
section_items(const struct ehc_plan *plan, int section)
{
	size_t i;
	int n = 0;

	for (i = 0; i < plan->nitems; i++)
		if (plan->items[i].section == section)
			n++;
	return n;
}

static const struct ehc_plan_item *
find_item(const struct ehc_plan *plan, const char *ref)
{
	size_t i;

	for (i = 0; i < plan->nitems; i++)
		if (strcmp(plan->items[i].ref, ref) == 0)
			return &plan->items[i];
	return NULL;
}

static int
links_to(const struct ehc_plan_item *it, const char *ref)
{
	size_t i;

	for (i = 0; i < it->nlinks; i++)
		if (strcmp(it->links[i], ref) == 0)
			return 1;
	return 0;
}

/* Whether some provision serves need, directly or through an outcome. */
static int
need_met(const struct ehc_plan *plan, const struct ehc_plan_item *need)
{
	const struct ehc_plan_item *it, *o;
	size_t i, j;

	for (i = 0; i < plan->nitems; i++) {
		it = &plan->items[i];
		if (ehc_plan_section_kind(it->section) != EHC_PLAN_PROVISION)
			continue;
		for (j = 0; j < it->nlinks; j++) {
			if (strcmp(it->links[j], need->ref) == 0)
				return 1;
			o = find_item(plan, it->links[j]);
			if (o != NULL && ehc_plan_section_kind(o->section) ==
			    EHC_PLAN_OUTCOME && links_to(o, need->ref))
				return 1;
		}
	}
	return 0;
}

static void
check_provision(struct check *c, const struct ehc_plan_item *it)
{
	char found[512], buf[224];
	int quantified, n;

	quantified = it->amount != NULL && has_quantity(it->amount,
	    strlen(it->amount));
	n = vague_in(it->text, strlen(it->text), quantified, found,
	    sizeof(found));
	if (it->frequency != NULL && vague_in(it->frequency,
	    strlen(it->frequency), 1, buf, sizeof(buf)) > 0) {
		size_t used = strlen(found);

		snprintf(found + used, sizeof(found) - used, "%s%s in the "
		    "frequency", n ? ", " : "", buf);
		n++;
	}
	if (it->amount != NULL && vague_in(it->amount, strlen(it->amount), 1,
	    buf, sizeof(buf)) > 0) {
		size_t used = strlen(found);

		snprintf(found + used, sizeof(found) - used, "%s%s in the "
		    "amount", n ? ", " : "", buf);
		n++;
	}
	if (n > 0)
		report(c, it->section, 0, it->ref, "vague", "vague wording "
		    "(%s): %s", found, vague_advice);
	if (it->amount == NULL)
		report(c, it->section, 0, it->ref, "no-amount", "%s does not "
		    "say how much (hours, minutes, sessions, staffing ratio); "
		    "give it with --amount", it->ref);
	else if (!quantified)
		report(c, it->section, 0, it->ref, "unquantified", "the amount "
		    "of %s, '%.60s', is not a quantity; give a number of "
		    "hours, minutes or sessions", it->ref, it->amount);
	if (it->frequency == NULL)
		report(c, it->section, 0, it->ref, "no-frequency", "%s does "
		    "not say how often (daily, weekly, each half term); give it "
		    "with --frequency", it->ref);
	if (it->by == NULL)
		report(c, it->section, 0, it->ref, "no-provider", "%s does not "
		    "say who delivers it (a role and its qualification or "
		    "expertise); give it with --by", it->ref);
	if (it->nlinks == 0)
		report(c, it->section, 0, it->ref, "unlinked", "%s serves no "
		    "need or outcome; link it with --need or --outcome",
		    it->ref);
}

/* Whether the plan has content about preparing for adulthood. */
static int
has_pfa(const struct ehc_plan *plan)
{
	const char *const *w;
	const char *t;
	size_t i;
	int s;

	for (i = 0; i < plan->nitems; i++) {
		if (plan->items[i].pfa != NULL)
			return 1;
		if (ehc_plan_section_kind(plan->items[i].section) ==
		    EHC_PLAN_NEED)
			continue;
		t = plan->items[i].text;
		for (w = pfa_phrases; *w != NULL; w++)
			if (has_phrase(t, strlen(t), *w))
				return 1;
	}
	for (s = EHC_PLAN_E; s <= EHC_PLAN_H2; s++) {
		t = plan->text[s];
		for (w = pfa_phrases; t != NULL && *w != NULL; w++)
			if (has_phrase(t, strlen(t), *w))
				return 1;
	}
	return 0;
}

int
ehc_plan_school_year(int32_t dob, int32_t on)
{
	return ehc__school_year(dob, on);
}

static const char *const empty_hint[EHC_PLAN_NSECTIONS] = {
	"", "", " (write 'No health care needs identified' if there are none)",
	" (write 'No social care needs identified' if there are none)",
	"", "", " (write 'None' if no health care provision is needed)",
	" (write 'None' if there is none)", " (write 'None' if there is none)",
	"", " (write 'No personal budget requested' if so)", ""
};

static void
check_section(struct check *c, int s, enum ehc_plan_stage stage)
{
	const struct ehc_plan *plan = c->plan;
	const struct ehc_plan_item *it;
	const char *name = ehc_plan_section_name(s), *t;
	int kind = ehc_plan_section_kind(s), n = section_items(plan, s);
	int blank = ehc__plan_blank(plan->text[s]), line;
	size_t i;

	if (s == EHC_PLAN_I && stage == EHC_PLAN_STAGE_DRAFT) {
		if (blank)
			return;
		/* The first line with something on it. */
		for (line = 1, t = plan->text[s]; *t == '\n' || *t == ' ' ||
		    *t == '\t'; t++)
			if (*t == '\n')
				line++;
		report(c, s, line, NULL, "section-i-in-draft", "a draft plan "
		    "must not name a school or other institution or a type "
		    "of one (Children and Families Act 2014 s38(5)); empty "
		    "section I with 'ehc draft %s section I --text \"\"' and "
		    "fill it in for the final plan", plan->case_ref);
		return;
	}
	if (blank && n == 0) {
		report(c, s, 0, NULL, "empty-section", "section %s (%s) is "
		    "empty; write it with 'ehc draft %s section %s --file "
		    "FILE'%s", name, ehc_plan_section_title(s), plan->case_ref,
		    name, empty_hint[s]);
		return;
	}
	if (kind == EHC_PLAN_PROVISION)
		check_text_lines(c, s);
	if (n == 0 && (s == EHC_PLAN_B || s == EHC_PLAN_E || s == EHC_PLAN_F))
		report(c, s, 0, NULL, "no-items", "section %s has text but no "
		    "%s; add each with 'ehc draft %s %s add' so that %s",
		    name, s == EHC_PLAN_B ? "needs" : s == EHC_PLAN_E ?
		    "outcomes" : "provision items", plan->case_ref,
		    s == EHC_PLAN_B ? "need" : s == EHC_PLAN_E ? "outcome" :
		    "provision", s == EHC_PLAN_F ? "each can be checked for "
		    "amount, frequency and provider" : "provision can be "
		    "linked to it");
	for (i = 0; i < plan->nitems; i++) {
		it = &plan->items[i];
		if (it->section != s)
			continue;
		if (kind == EHC_PLAN_NEED && !need_met(plan, it))
			report(c, s, 0, it->ref, "unmet-need", "no provision "
			    "meets need %s; link provision to it with --need "
			    "%s, or to an outcome that serves it", it->ref,
			    it->ref);
		else if (kind == EHC_PLAN_PROVISION)
			check_provision(c, it);
	}
}

int
ehc_plan_check(int *count_out, const struct ehc_plan *plan,
    enum ehc_plan_stage stage, int32_t on,
    int (*cb)(const struct ehc_plan_problem *, void *), void *payload)
{
	struct check c;
	char d[EHC_DATE_WORDS_LEN];
	int s, year;

	memset(&c, 0, sizeof(c));
	c.plan = plan;
	c.cb = cb;
	c.payload = payload;
	for (s = 0; s < EHC_PLAN_NSECTIONS && !c.stop; s++) {
		check_section(&c, s, stage);
		/* Preparation for adulthood is provision: report it with F. */
		if (s != EHC_PLAN_F || plan->dob == EHC_NO_DATE ||
		    on == EHC_NO_DATE)
			continue;
		year = ehc_plan_school_year(plan->dob, on);
		if (year >= 9 && !has_pfa(plan)) {
			ehc_date_words(d, sizeof(d), plan->dob, 0);
			report(&c, EHC_PLAN_F, 0, NULL, "no-pfa", "no "
			    "preparation for adulthood: born %s, in year %d "
			    "or its equivalent, so the plan must include "
			    "provision to prepare for adulthood and "
			    "independent living (reg 12(3)); tag outcomes and "
			    "provision with --pfa employment, "
			    "independent-living, community or health", d,
			    year);
		}
	}
	if (count_out != NULL)
		*count_out = c.count;
	return c.stop;
}
