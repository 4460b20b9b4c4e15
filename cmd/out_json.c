/*
 * out_json.c: JSON, one document ending in a newline (ehc(5)).  A list
 * is an array of objects, printed an element at a time so that memory
 * stays flat; a report is an object: format_version, report, title, its
 * parameters, its columns, then rows and total.  Keys are the columns'
 * keys; amounts are pounds, percentages and measures have one decimal
 * place, dates and months are ISO 8601 strings, lists arrays of strings,
 * no value null.
 */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "out_impl.h"
#include "print.h"

struct json {
	cJSON	*doc;
	cJSON	*rows;
};

/* A number to one decimal place, as the text and CSV show it. */
static double
one_place(double v)
{
	return v < 0 ? -(double)(long long)(-v * 10 + 0.5) / 10 :
	    (double)(long long)(v * 10 + 0.5) / 10;
}

/* Add one value to o under the column's key; NULL on no memory. */
static cJSON *
add_value(cJSON *o, const struct ehc_column *c, const struct out_val *v)
{
	const char *const *w;
	cJSON *arr, *s;

	if (c->type == EHC_COL_LIST) {
		if ((arr = cJSON_AddArrayToObject(o, c->key)) == NULL)
			return NULL;
		for (w = v->list; w != NULL && *w != NULL; w++)
			if ((s = cJSON_CreateString(*w)) == NULL ||
			    !cJSON_AddItemToArray(arr, s)) {
				cJSON_Delete(s);
				return NULL;
			}
		return arr;
	}
	if (out_none(c, v))
		return cJSON_AddNullToObject(o, c->key);
	switch (c->type) {
	case EHC_COL_DATE:
		return json_date(o, c->key, v->day);
	case EHC_COL_COUNT:
		return cJSON_AddNumberToObject(o, c->key, v->n);
	case EHC_COL_BOOL:
		return cJSON_AddBoolToObject(o, c->key, v->n != 0);
	case EHC_COL_MONEY:
		return cJSON_AddNumberToObject(o, c->key, v->n / 100.0);
	case EHC_COL_PERCENT:
	case EHC_COL_DECIMAL:
		return cJSON_AddNumberToObject(o, c->key, one_place(v->n));
	default:
		return cJSON_AddStringToObject(o, c->key, v->s);
	}
}

/* A row as an object; the total's key columns are null. */
static cJSON *
row_object(const struct out_spec *sp, const struct out_val *row, int total)
{
	cJSON *o;
	int c;

	if ((o = cJSON_CreateObject()) == NULL)
		return NULL;
	for (c = 0; c < sp->ncols; c++)
		if ((total && c < sp->nkeys ? cJSON_AddNullToObject(o,
		    sp->cols[c].key) : add_value(o, &sp->cols[c], &row[c])) ==
		    NULL) {
			cJSON_Delete(o);
			return NULL;
		}
	return o;
}

static cJSON *
columns(const struct out_spec *sp)
{
	cJSON *arr, *o;
	int c;

	if ((arr = cJSON_CreateArray()) == NULL)
		return NULL;
	for (c = 0; c < sp->ncols; c++)
		if ((o = cJSON_CreateObject()) == NULL ||
		    !cJSON_AddItemToArray(arr, o) ||
		    cJSON_AddStringToObject(o, "key", sp->cols[c].key) ==
		    NULL || cJSON_AddStringToObject(o, "heading",
		    sp->cols[c].heading) == NULL ||
		    cJSON_AddStringToObject(o, "type",
		    out_type_name(sp->cols[c].type)) == NULL) {
			cJSON_Delete(arr);
			return NULL;
		}
	return arr;
}

static int
json_begin(struct out *o)
{
	const struct out_spec *sp = o->spec;
	struct json *j;
	struct ehc_column pc;
	cJSON *cols;
	int i;

	if (sp->flags & OUT_LIST)
		return 0;
	if ((j = o->state = calloc(1, sizeof(*j))) == NULL ||
	    (j->doc = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(j->doc, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    cJSON_AddStringToObject(j->doc, "report", sp->name) == NULL ||
	    cJSON_AddStringToObject(j->doc, "title", sp->title) == NULL)
		goto oom;
	for (i = 0; i < sp->nparams; i++) {
		snprintf(pc.key, sizeof(pc.key), "%s", sp->params[i].key);
		pc.type = sp->params[i].type;
		if (add_value(j->doc, &pc, &sp->params[i].v) == NULL)
			goto oom;
	}
	if ((cols = columns(sp)) == NULL)
		goto oom;
	cJSON_AddItemToObject(j->doc, "columns", cols);
	if ((j->rows = cJSON_AddArrayToObject(j->doc, "rows")) == NULL)
		goto oom;
	return 0;
oom:
	return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
}

static int
json_row(struct out *o, const struct out_val *row, int total)
{
	struct json *j = o->state;
	cJSON *obj;
	char *s;

	if ((obj = row_object(o->spec, row, total)) == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	if (j != NULL) {
		if (total)
			cJSON_AddItemToObject(j->doc, "total", obj);
		else
			cJSON_AddItemToArray(j->rows, obj);
		return 0;
	}
	s = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (s == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	fputc(o->nrows == 1 ? '[' : ',', o->fp);
	fputs(s, o->fp);
	cJSON_free(s);
	return 0;
}

static int
json_end(struct out *o)
{
	struct json *j = o->state;
	char *s;

	if (j == NULL) {
		fputs(o->nrows == 0 ? "[]\n" : "]\n", o->fp);
		return 0;
	}
	if (cJSON_GetObjectItemCaseSensitive(j->doc, "total") == NULL &&
	    cJSON_AddNullToObject(j->doc, "total") == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	if ((s = cJSON_PrintUnformatted(j->doc)) == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	fprintf(o->fp, "%s\n", s);
	cJSON_free(s);
	return 0;
}

static void
json_release(struct out *o)
{
	struct json *j = o->state;

	if (j != NULL)
		cJSON_Delete(j->doc);
	free(j);
	o->state = NULL;
}

const struct out_backend out_json = {
	json_begin, json_row, json_end, json_release
};
