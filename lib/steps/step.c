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
