/*
 * validate.c: the one validator of every text that enters ehc (options,
 * the environment, CSV, JSON), and the checks every write shares: event
 * dates that are neither in the future nor before the event they follow,
 * and the public API's conventions (input struct versions, the size of
 * output buffers).
 *
 * Text is valid UTF-8 (no stray, overlong or surrogate sequences), has
 * no NUL, no C0 or C1 control character and no bidirectional override
 * or isolate (U+202A to U+202E, U+2066 to U+2069: they make a name read
 * otherwise than it is stored), and is at most a field's length in
 * characters.  Tabs, and line breaks (LF; never CR), only where a field
 * allows them.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

/*
 * The code point at s (n bytes left) and its length in *len; -1 when
 * the bytes are not well-formed UTF-8.
 */
static long
decode(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long cp;
	size_t k, i;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		k = 1;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		k = 2;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		k = 3;
		cp = s[0] & 0x07;
	} else
		return -1;
	if (k >= n)
		return -1;
	for (i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
	    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = k + 1;
	return (long)cp;
}

const char *
ehc__text_fault(const char *str, size_t n, size_t max, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, len, chars = 0;
	long cp;

	/* Four bytes at most to a character: no need to look further. */
	if (n > 4 * max)
		return "is too long";
	for (i = 0; i < n; i += len, chars++) {
		if ((cp = decode(s + i, n - i, &len)) < 0)
			return "is not valid UTF-8";
		if (cp == 0)
			return "contains a NUL byte";
		if ((cp == '\t' && (flags & (EHC__TEXT_TABS |
		    EHC__TEXT_LINES))) ||
		    (cp == '\n' && (flags & EHC__TEXT_LINES)))
			continue;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return (flags & EHC__TEXT_LINES) || cp > 0x0d ||
			    cp < 0x0a ? "contains a control character" :
			    "contains a line break";
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return "contains a bidirectional text control";
	}
	if (chars > max)
		return "is too long";
	return NULL;
}

int
ehc__utf8_ok(const char *s)
{
	size_t i, n = strlen(s), len;

	for (i = 0; i < n; i += len)
		if (decode((const unsigned char *)s + i, n - i, &len) < 0)
			return 0;
	return 1;
}

int
ehc__check_textn(struct ehc_db *db, const char *what, const char *s,
    size_t n, size_t max, unsigned flags)
{
	const char *fault;

	if (s == NULL || n == 0) {
		if (flags & EHC__TEXT_REQUIRED)
			return ehc__db_fail(db, EHC_EINVAL, "%s is empty; give "
			    "a value", what);
		return EHC_OK;
	}
	if ((fault = ehc__text_fault(s, n, max, flags)) == NULL)
		return EHC_OK;
	if (strcmp(fault, "is too long") == 0)
		return ehc__db_fail(db, EHC_EINVAL, "%s is longer than %zu "
		    "characters; shorten it", what, max);
	return ehc__db_fail(db, EHC_EINVAL, "%s %s; remove it%s", what, fault,
	    strcmp(fault, "is not valid UTF-8") == 0 ? " or write the text "
	    "in UTF-8" : "");
}

int
ehc__check_text(struct ehc_db *db, const char *what, const char *s,
    size_t max, int required)
{
	return ehc__check_textn(db, what, s, s == NULL ? 0 : strlen(s), max,
	    required ? EHC__TEXT_REQUIRED : 0);
}

/* Whether an object, or one inside it, repeats a key; the key to *key. */
static int
repeats(const cJSON *v, const char **key)
{
	const cJSON *a, *b;

	for (a = v != NULL ? v->child : NULL; a != NULL; a = a->next) {
		if (cJSON_IsObject(v))
			for (b = a->next; b != NULL; b = b->next)
				if (strcmp(a->string, b->string) == 0) {
					*key = a->string;
					return 1;
				}
		if ((cJSON_IsObject(a) || cJSON_IsArray(a)) &&
		    repeats(a, key))
			return 1;
	}
	return 0;
}

int
ehc__check_json(struct ehc_db *db, const char *what, const char *text,
    size_t n, const void *doc)
{
	const char *key = NULL;
	char q[48];
	size_t i;

	/* cJSON ends a string at "\u0000": "Jo\u0000nes" would be "Jo". */
	for (i = 0; i + 1 < n; i++)
		if (text[i] == '\\') {
			if (i + 5 < n && text[i + 1] == 'u' &&
			    memcmp(text + i + 2, "0000", 4) == 0)
				return ehc__db_fail(db, EHC_EINVAL, "%s holds "
				    "\\u0000 (a NUL) at byte %zu; no text may "
				    "hold one", what, i);
			i++;
		}
	if (memchr(text, '\0', n) != NULL)
		return ehc__db_fail(db, EHC_EINVAL, "%s holds a NUL byte; no "
		    "text may hold one", what);
	/* Taken first-wins, a repeated key would hide what follows it. */
	if (doc != NULL && repeats(doc, &key)) {
		snprintf(q, sizeof(q), "%s", key);
		for (i = 0; q[i] != '\0'; i++)
			if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f)
				q[i] = '?';
		return ehc__db_fail(db, EHC_EINVAL, "%s repeats the key '%s' "
		    "in one object; give each key once", what, q);
	}
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
