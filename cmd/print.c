/*
 * print.c: JSON helpers for the records commands print (cases,
 * deadlines, notes) and the case's flags as words.
 */
#include <stdlib.h>
#include <string.h>

#include "print.h"

cJSON *
json_date(cJSON *obj, const char *key, int32_t day)
{
	char buf[EHC_DATE_LEN];

	if (day == EHC_NO_DATE)
		return cJSON_AddNullToObject(obj, key);
	ehc_date_format(buf, sizeof(buf), day);
	return cJSON_AddStringToObject(obj, key, buf);
}

cJSON *
json_str(cJSON *obj, const char *key, const char *s)
{
	if (s == NULL)
		return cJSON_AddNullToObject(obj, key);
	return cJSON_AddStringToObject(obj, key, s);
}

int
json_print(struct cli *cli, cJSON *doc)
{
	char *s;

	if (doc == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	s = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (s == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	puts(s);
	cJSON_free(s);
	return EHC_EXIT_OK;
}

const char **
flag_words(int flags, const char **words)
{
	int n = 0;

	if (flags & EHC_FLAG_SAFEGUARDING)
		words[n++] = "safeguarding";
	if (flags & EHC_FLAG_LOOKED_AFTER)
		words[n++] = "looked-after";
	if (flags & EHC_FLAG_CHC)
		words[n++] = "chc";
	words[n] = NULL;
	return words;
}

const char *
flags_text(int flags, char *buf, size_t len)
{
	const char *words[4], **w;

	buf[0] = '\0';
	for (w = flag_words(flags, words); *w != NULL; w++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
		    w == words ? "" : ",", *w);
	return buf;
}

cJSON *
json_flags(cJSON *obj, const char *key, int flags)
{
	const char *words[4], **w;
	cJSON *arr, *s;

	if ((arr = cJSON_AddArrayToObject(obj, key)) == NULL)
		return NULL;
	for (w = flag_words(flags, words); *w != NULL; w++)
		if ((s = cJSON_CreateString(*w)) == NULL ||
		    !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			return NULL;
		}
	return arr;
}

cJSON *
json_words(cJSON *obj, const char *key, const char *words)
{
	const char *p = words != NULL ? words : "";
	cJSON *arr, *s;
	char *w;
	size_t n;

	if ((arr = cJSON_AddArrayToObject(obj, key)) == NULL)
		return NULL;
	while (*(p += strspn(p, " ")) != '\0') {
		n = strcspn(p, " ");
		if ((w = strndup(p, n)) == NULL)
			return NULL;
		s = cJSON_CreateString(w);
		free(w);
		if (s == NULL || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			return NULL;
		}
		p += n;
	}
	return arr;
}

cJSON *
json_deadline(const struct ehc_deadline *d, int with_case, int explain)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	if (with_case && (json_str(o, "case", d->case_ref) == NULL ||
	    json_str(o, "officer", d->officer) == NULL))
		goto fail;
	if (json_str(o, "rule", d->rule) == NULL ||
	    json_date(o, "due", d->due) == NULL ||
	    json_date(o, "done", d->done) == NULL ||
	    json_str(o, "status", d->status) == NULL ||
	    json_date(o, "warning", d->warning) == NULL ||
	    cJSON_AddNumberToObject(o, "days", d->days) == NULL ||
	    json_str(o, "subject", d->subject) == NULL ||
	    json_str(o, "exception", d->exception) == NULL ||
	    json_str(o, "regulation", d->regulation) == NULL ||
	    cJSON_AddBoolToObject(o, "effective", d->effective) == NULL)
		goto fail;
	if (with_case && json_flags(o, "flags", d->flags) == NULL)
		goto fail;
	if (explain && json_str(o, "explain", d->explain) == NULL)
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

void
print_lines(const char *text, const char *indent)
{
	const char *nl;

	for (; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
		printf("%.*s\n%s", (int)(nl - text), text, indent);
	fputs(text, stdout);
}

cJSON *
json_item(cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		o = NULL;
	}
	return o;
}
