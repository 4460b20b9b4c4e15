/*
 * holidays.c: loading GOV.UK's bank-holidays file is a step of its own:
 * the calendar stores the new holidays, every case's working-day and
 * Tribunal dates are derived again, and the load is audited.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

int
ehc_db_load_holidays(struct ehc_db *db, const char *path)
{
	FILE *fp;
	char *buf = NULL;
	long len;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL)
		return ehc__db_fail(db, EHC_ENOINPUT, "cannot read '%s'",
		    path);
	if (fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
	    len > 4 * 1024 * 1024 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
		fclose(fp);
		free(buf);
		return ehc__db_fail(db, EHC_EINVAL, "cannot read '%s' as a "
		    "bank-holidays file of at most 4 MiB", path);
	}
	fclose(fp);
	rc = ehc__holidays_from_json(db, buf, (size_t)len);
	free(buf);
	/* Working-day and Tribunal dates depend on the holidays. */
	if (rc == EHC_OK)
		rc = ehc_clock_refresh_all(db);
	if (rc == EHC_OK)
		rc = ehc__audit(db, 0, "holidays load", NULL);
	return rc;
}
