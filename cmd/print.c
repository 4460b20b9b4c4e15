/*
 * print.c: JSON output helpers.
 */
#include <stdlib.h>

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

const char *
flags_text(int flags, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s",
	    flags & EHC_FLAG_SAFEGUARDING ? "safeguarding" : "",
	    (flags & EHC_FLAG_SAFEGUARDING) && (flags & ~1) ? "," : "",
	    flags & EHC_FLAG_LOOKED_AFTER ? "looked-after" : "",
	    (flags & EHC_FLAG_LOOKED_AFTER) && (flags & EHC_FLAG_CHC) ?
	    "," : "",
	    flags & EHC_FLAG_CHC ? "chc" : "");
	return buf;
}

cJSON *
json_deadline(const struct ehc_deadline *d, int with_case, int explain)
{
	cJSON *o = cJSON_CreateObject();
	char fl[64];

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
	if (with_case && json_str(o, "flags", *flags_text(d->flags, fl,
	    sizeof(fl)) ? fl : NULL) == NULL)
		goto fail;
	if (explain && json_str(o, "explain", d->explain) == NULL)
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}
