/*
 * validate.c: checks shared by every write: text with no control
 * characters, well-formed UTF-8 and of sane length, and event dates that
 * are neither in the future nor before the event they follow; and the
 * checks of the public API's conventions (input struct versions, the
 * size of output buffers).
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

/* Well-formed UTF-8: no stray, overlong or surrogate sequences. */
int
ehc__utf8_ok(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned cp;
	int n, i;

	while (*s != '\0') {
		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			n = 1;
			cp = *s & 0x1f;
		} else if ((*s & 0xf0) == 0xe0) {
			n = 2;
			cp = *s & 0x0f;
		} else if ((*s & 0xf8) == 0xf0) {
			n = 3;
			cp = *s & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
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
	if (!ehc__utf8_ok(s))
		return ehc__db_fail(db, EHC_EINVAL, "%s is not valid UTF-8; "
		    "write it in UTF-8", what);
	return EHC_OK;
}

int
ehc__check_version(struct ehc_db *db, const char *what,
    const unsigned int *version, unsigned int want)
{
	if (version == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "no %s given", what);
	if (*version != want)
		return ehc__db_fail(db, EHC_EINVAL, "unknown %s version %u "
		    "(this libehc knows %u); start from its _INIT macro",
		    what, *version, want);
	return EHC_OK;
}

int
ehc__check_out(struct ehc_db *db, char *out, size_t out_len, size_t need)
{
	if (out != NULL && out_len > 0)
		out[0] = '\0';
	if (out == NULL || out_len < need)
		return ehc__db_fail(db, EHC_EINVAL, "an output buffer of %zu "
		    "bytes is too small: it needs %zu", out == NULL ? 0 :
		    out_len, need);
	return EHC_OK;
}

int
ehc__check_event_date(struct ehc_db *db, const char *what, int32_t day,
    int32_t not_before, const char *before_what)
{
	char d[EHC_DATE_LEN], t[EHC_DATE_LEN];

	ehc_date_format(d, sizeof(d), day);
	if (db->today != EHC_NO_DATE && day > db->today) {
		ehc_date_format(t, sizeof(t), db->today);
		return ehc__db_fail(db, EHC_EINVAL, "%s %s is after today "
		    "(%s); record events once they have happened", what, d, t);
	}
	if (not_before != EHC_NO_DATE && day < not_before) {
		ehc_date_format(t, sizeof(t), not_before);
		return ehc__db_fail(db, EHC_EINVAL, "%s %s is before %s "
		    "(%s); check the date", what, d, before_what, t);
	}
	return EHC_OK;
}
