/*
 * plan_internal.h: what the plan modules (plan_sections.c, plan.c,
 * plan_render.c, plan_check.c, plan_diff.c, outcome.c) share and nothing
 * else sees.  Include it after internal.h.
 */
#ifndef EHC_PLAN_INTERNAL_H
#define EHC_PLAN_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include <ehc/plan.h>

/*
 * Serialise a plan as its JSON document (plan_render.c).  *out is
 * allocated with malloc(); the caller frees it.  Returns EHC_OK or
 * EHC_ENOMEM.
 */
int	ehc__plan_json(const struct ehc_plan *plan, char **out);

/*
 * Write the body of one section as plain text, the form versions are
 * compared in (plan_render.c).  Returns EHC_OK or EHC_EIO.
 */
int	ehc__plan_section_text(const struct ehc_plan *plan, int section,
	    FILE *fp);

/*
 * The body of one section as an array of lines, for the diff
 * (plan_render.c).  Free with ehc__plan_lines_free().  Returns EHC_OK or
 * EHC_ENOMEM.
 */
int	ehc__plan_section_lines(const struct ehc_plan *plan, int section,
	    char ***lines_out, size_t *n_out);
void	ehc__plan_lines_free(char **lines, size_t n);

/* Write an item's reference, "B3" or "H1.3" (plan_sections.c). */
void	ehc__plan_format_ref(char *out, int section, int seq);

/*
 * Parse an item reference: "B3", "b.3", "H1.2" (plan_sections.c).  Returns 0 and
 * fills section and seq, or -1.
 */
int	ehc__plan_parse_ref(const char *s, int *section, int *seq);

/* Whether s is blank: empty or only spaces, tabs and newlines. */
int	ehc__plan_blank(const char *s);

#endif
