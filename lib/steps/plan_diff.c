/*
 * plan_diff.c: what changed between two plans, section by section, as a
 * line diff of each section's plain-text rendering (longest common
 * subsequence; sections are short).
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

/* Above this many cells the diff gives up on alignment. */
#define LCS_MAX_CELLS (16u * 1024u * 1024u)

struct edit {
	char		 op;	/* ' ', '-', '+' */
	const char	*line;
};

/*
 * The edit script turning a[0, n) into b[0, m), in order, into *out
 * (malloc'd).  Returns EHC_OK or EHC_ENOMEM.
 */
static int
edit_script(char **a, size_t n, char **b, size_t m, struct edit **out,
    size_t *nout)
{
	struct edit *e;
	unsigned *t = NULL;
	size_t i, j, k = 0, w = m + 1;

	if ((e = malloc((n + m + 1) * sizeof(*e))) == NULL)
		return EHC_ENOMEM;
	if ((n + 1) * w > LCS_MAX_CELLS) {
		/* Too big to align: all out, all in. */
		for (i = 0; i < n; i++)
			e[k++] = (struct edit){ '-', a[i] };
		for (j = 0; j < m; j++)
			e[k++] = (struct edit){ '+', b[j] };
		goto done;
	}
	if ((t = calloc((n + 1) * w, sizeof(*t))) == NULL) {
		free(e);
		return EHC_ENOMEM;
	}
	/* t[i][j]: the LCS length of a[i..] and b[j..]. */
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			t[i * w + j] = strcmp(a[i], b[j]) == 0 ?
			    t[(i + 1) * w + j + 1] + 1 :
			    (t[(i + 1) * w + j] >= t[i * w + j + 1] ?
			    t[(i + 1) * w + j] : t[i * w + j + 1]);
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && strcmp(a[i], b[j]) == 0) {
			e[k++] = (struct edit){ ' ', a[i] };
			i++;
			j++;
		} else if (j == m || (i < n && t[(i + 1) * w + j] >=
		    t[i * w + j + 1]))
			e[k++] = (struct edit){ '-', a[i++] };
		else
			e[k++] = (struct edit){ '+', b[j++] };
	}
done:
	free(t);
	*out = e;
	*nout = k;
	return EHC_OK;
}

/* Emit one section's script, keeping context lines near a change. */
static int
emit(const struct edit *e, size_t n, int section, int context,
    int (*cb)(int, char, const char *, void *), void *payload)
{
	size_t i, j, last = 0;
	int rc, near, gap = 0, printed = 0;

	for (i = 0; i < n; i++) {
		near = e[i].op != ' ' || context < 0;
		for (j = 1; !near && (int)j <= context; j++)
			near = (i >= j && e[i - j].op != ' ') ||
			    (i + j < n && e[i + j].op != ' ');
		if (!near) {
			gap = 1;
			continue;
		}
		if (gap && printed && i > last + 1 &&
		    (rc = cb(section, '~', "...", payload)) != 0)
			return rc;
		gap = 0;
		if ((rc = cb(section, e[i].op, e[i].line, payload)) != 0)
			return rc;
		printed = 1;
		last = i;
	}
	return 0;
}

int
ehc_plan_diff(int *changed_out, const struct ehc_plan *a,
    const struct ehc_plan *b, int context,
    int (*cb)(int, char, const char *, void *), void *payload)
{
	char **la = NULL, **lb = NULL, heading[160];
	struct edit *e = NULL;
	size_t na = 0, nb = 0, ne, i;
	int s, rc = EHC_OK, changed = 0, same;

	for (s = 0; s < EHC_PLAN_NSECTIONS; s++) {
		if ((rc = ehc__plan_section_lines(a, s, &la, &na)) != EHC_OK ||
		    (rc = ehc__plan_section_lines(b, s, &lb, &nb)) != EHC_OK)
			goto out;
		same = na == nb;
		for (i = 0; same && i < na; i++)
			same = strcmp(la[i], lb[i]) == 0;
		if (!same) {
			changed++;
			if ((rc = edit_script(la, na, lb, nb, &e, &ne))
			    != EHC_OK)
				goto out;
			snprintf(heading, sizeof(heading), "section %s: %s",
			    ehc_plan_section_name(s),
			    ehc_plan_section_title(s));
			if ((rc = cb(s, '@', heading, payload)) != 0 ||
			    (rc = emit(e, ne, s, context, cb, payload)) != 0)
				goto out;
			free(e);
			e = NULL;
		}
		ehc__plan_lines_free(la, na);
		ehc__plan_lines_free(lb, nb);
		la = lb = NULL;
		na = nb = 0;
	}
out:
	free(e);
	ehc__plan_lines_free(la, na);
	ehc__plan_lines_free(lb, nb);
	if (changed_out != NULL)
		*changed_out = changed;
	return rc;
}
