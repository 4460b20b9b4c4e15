/*
 * validate.c: checks shared by every write: text with no control
 * characters and of sane length, and event dates that are neither in the
 * future nor before the event they follow.
 */
#include "internal.h"

#include <string.h>

int
ehc__text_ok(const char *s, size_t max)
{
	const unsigned char *p;

	if (strlen(s) > max)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int
ehc__check_text(struct ehc_db *db, const char *what, const char *s,
    size_t max, int required)
{
	if (s == NULL || *s == '\0') {
		if (required)
			return ehc__db_fail(db, EHC_EINVAL, "%s is empty; give "
			    "a value", what);
		return EHC_OK;
	}
	if (strlen(s) > max)
		return ehc__db_fail(db, EHC_EINVAL, "%s is longer than %zu "
		    "characters; shorten it", what, max);
	if (!ehc__text_ok(s, max))
		return ehc__db_fail(db, EHC_EINVAL, "%s contains a control "
		    "character; remove it", what);
	return EHC_OK;
}

int
ehc__check_event_date(struct ehc_db *db, const char *what, int32_t day,
    int32_t not_before, const char *before_what)
{
	char d[EHC_DATE_LEN], t[EHC_DATE_LEN];

	ehc_date_format(day, d);
	if (db->today != EHC_NO_DATE && day > db->today) {
		ehc_date_format(db->today, t);
		return ehc__db_fail(db, EHC_EINVAL, "%s %s is after today "
		    "(%s); record events once they have happened", what, d, t);
	}
	if (not_before != EHC_NO_DATE && day < not_before) {
		ehc_date_format(not_before, t);
		return ehc__db_fail(db, EHC_EINVAL, "%s %s is before %s "
		    "(%s); check the date", what, d, before_what, t);
	}
	return EHC_OK;
}
