/*
 * step.c: what every workflow step ends with.  A step has written its
 * rows; it is audited and the case's deadlines are derived again.
 */
#include "internal.h"

#include <stdio.h>

int
ehc__step_done(struct ehc_db *db, int64_t case_id, const char *action,
    int32_t date, const char *extra)
{
	char detail[2100], d[EHC_DATE_LEN];
	int rc;

	if (date != EHC_NO_DATE) {
		ehc_date_format(d, sizeof(d), date);
		snprintf(detail, sizeof(detail), "date=%s%s%s", d,
		    extra ? " " : "", extra ? extra : "");
	} else
		snprintf(detail, sizeof(detail), "%s", extra ? extra : "");
	if ((rc = ehc__audit(db, case_id, action, detail)) != EHC_OK)
		return rc;
	return ehc__clock_refresh(db, case_id);
}

int
ehc__step_window(int *forced, struct ehc_db *db, const char *rule_id,
    int32_t served, int32_t date, const char *force_reason, const char *what)
{
	const struct ehc__rule *ru = ehc__rule(rule_id);
	char last[EHC_DATE_LEN], first[EHC_DATE_LEN];
	int32_t end;

	if (ru == NULL)
		return ehc__db_fail(db, EHC_ERROR, "the rule registry has no "
		    "rule '%s'", rule_id);
	end = ehc__rule_due(db, ru, served, NULL, NULL, 0);
	*forced = date <= end;
	if (!*forced)
		return EHC_OK;
	if (force_reason != NULL && *force_reason != '\0')
		return ehc__check_text(db, "the reason", force_reason, 2000, 1);
	ehc_date_format(last, sizeof(last), end);
	ehc_date_format(first, sizeof(first), end + 1);
	return ehc__db_fail(db, EHC_ESTATE, "the family may make "
	    "representations on the %s until %s (%s); finalise on or after "
	    "%s, or with --force and --reason if they have responded", what,
	    last, ru->regulation, first);
}
