/*
 * plan_sections.c: what a plan is made of: its sections A to K, their
 * titles and kinds, the kinds of version, and item references ("B3",
 * "H1.2").  Plain data that every plan module reads.
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const section_names[EHC_PLAN_NSECTIONS] = {
	"A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"
};

static const char *const section_titles[EHC_PLAN_NSECTIONS] = {
	"The views, interests and aspirations of the child or young person "
	    "and their parents",
	"Special educational needs",
	"Health care needs related to special educational needs",
	"Social care needs related to special educational needs or a "
	    "disability",
	"Outcomes sought",
	"Special educational provision",
	"Health care provision",
	"Social care provision under section 2 of the Chronically Sick and "
	    "Disabled Persons Act 1970",
	"Other social care provision",
	"The school or other institution, and its type",
	"Personal budget, including direct payments",
	"Advice and information gathered during the assessment"
};

static const char *const kind_names[] = {
	"draft", "final", "proposed", "amended"
};

const char *
ehc_plan_section_name(int section)
{
	if (section < 0 || section >= EHC_PLAN_NSECTIONS)
		return NULL;
	return section_names[section];
}

const char *
ehc_plan_section_title(int section)
{
	if (section < 0 || section >= EHC_PLAN_NSECTIONS)
		return NULL;
	return section_titles[section];
}

int
ehc_plan_section_parse(const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < EHC_PLAN_NSECTIONS; i++)
		if (strcasecmp(s, section_names[i]) == 0)
			return i;
	return -1;
}

int
ehc_plan_section_kind(int section)
{
	switch (section) {
	case EHC_PLAN_B:
	case EHC_PLAN_C:
	case EHC_PLAN_D:
		return EHC_PLAN_NEED;
	case EHC_PLAN_E:
		return EHC_PLAN_OUTCOME;
	case EHC_PLAN_F:
	case EHC_PLAN_G:
	case EHC_PLAN_H1:
	case EHC_PLAN_H2:
		return EHC_PLAN_PROVISION;
	default:
		return EHC_PLAN_NONE;
	}
}

const char *
ehc_plan_kind_name(int kind)
{
	if (kind < EHC_PLAN_DRAFT || kind > EHC_PLAN_AMENDED)
		return NULL;
	return kind_names[kind];
}

int
ehc__plan_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

/* "B3", or "H1.3" where a bare number would run into the name. */
void
ehc__plan_format_ref(char *out, int section, int seq)
{
	const char *name = section_names[section];

	snprintf(out, EHC_PLAN_REF_LEN, "%s%s%d", name,
	    name[1] != '\0' ? "." : "", seq);
}

/* An item reference: "B3", "b.3", "H1.2" (plan_internal.h). */
int
ehc__plan_parse_ref(const char *s, int *section, int *seq)
{
	char name[3];
	const char *p;
	long n;
	char *end;

	if (s == NULL || s[0] == '\0')
		return -1;
	if ((s[0] == 'H' || s[0] == 'h') && (s[1] == '1' || s[1] == '2')) {
		if (s[2] != '.')
			return -1;
		name[0] = 'H';
		name[1] = s[1];
		name[2] = '\0';
		p = s + 3;
	} else {
		name[0] = s[0];
		name[1] = '\0';
		p = s + 1;
		if (*p == '.')
			p++;
	}
	if (*p < '1' || *p > '9')
		return -1;
	n = strtol(p, &end, 10);
	if (*end != '\0' || n < 1 || n > 99999)
		return -1;
	if ((*section = ehc_plan_section_parse(name)) < 0 ||
	    ehc_plan_section_kind(*section) == EHC_PLAN_NONE)
		return -1;
	*seq = (int)n;
	return 0;
}
