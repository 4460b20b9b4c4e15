/*
 * output.c: the output layer's front: the one option parser, opening
 * and closing an output, and the values as text that every backend
 * (out_text.c, out_csv.c, out_json.c, out_xlsx.c, out_ics.c) shares.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out_impl.h"

static const struct {
	const char		*name;
	enum out_format		 format;
	const struct out_backend *be;
} formats[] = {
	{ "text",	OUT_TEXT,	&out_text },
	{ "csv",	OUT_CSV,	&out_csv },
	{ "json",	OUT_JSON,	&out_json },
	{ "xlsx",	OUT_XLSX,	&out_xlsx },
	{ "ics",	OUT_ICS,	&out_ics },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int
out_option(struct cli *cli, const char *usage, struct out_opts *o, int ch,
    const char *arg)
{
	size_t i;

	switch (ch) {
	case 'T':
		for (i = 0; i < NFORMATS; i++)
			if (strcmp(arg, formats[i].name) == 0)
				break;
		if (i == NFORMATS)
			return cli_usage(cli, usage, "--format is text, csv, "
			    "json, xlsx or ics, not '%.20s'", arg);
		o->format = formats[i].format;
		break;
	case 'O':
		o->path = arg;
		return 0;
	case 'c': o->format = OUT_CSV; break;
	case 'j': o->format = OUT_JSON; break;
	case 'i': o->format = OUT_ICS; break;
	case 'x':
		o->format = OUT_XLSX;
		o->path = arg;
		break;
	default:
		return cli_usage(cli, usage, "unknown option '-%c'", ch);
	}
	o->nformats++;
	return 0;
}

/* The options asked for something this command cannot give: say so. */
static int
check(struct cli *cli, const char *usage, const struct out_opts *opts,
    const struct out_spec *spec)
{
	if (opts->nformats > 1)
		return cli_usage(cli, usage, "give one format: --format, "
		    "--csv, --json, --xlsx and --ics cannot be used together");
	if (opts->format == OUT_ICS && spec->event == NULL)
		return cli_usage(cli, usage, "iCalendar is for dated lists "
		    "such as 'ehc due'; use text, csv, json or xlsx");
	if (opts->format == OUT_XLSX && opts->path == NULL)
		return cli_usage(cli, usage, "a workbook is written to a "
		    "file: give --xlsx FILE (or --output FILE)");
	return 0;
}

int
out_open(struct out **out, struct cli *cli, const char *usage,
    const struct out_opts *opts, const struct out_spec *spec)
{
	struct out *o;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = check(cli, usage, opts, spec)) != 0)
		return rc;
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	o->cli = cli;
	o->spec = spec;
	o->format = opts->format;
	o->path = opts->path;
	o->fp = stdout;
	for (i = 0; i < NFORMATS; i++)
		if (formats[i].format == opts->format)
			o->be = formats[i].be;
	/* Made whole beside its name, or not at all (outfile.h). */
	if (o->path != NULL) {
		if ((rc = ehc_outfile_open(&o->of, o->path)) != EHC_OK) {
			rc = cli_error(cli, cli_exit_code(rc), "%s",
			    ehc_outfile_errmsg(o->of));
			out_free(o);
			return rc;
		}
		o->fp = ehc_outfile_fp(o->of);
	}
	if ((rc = o->be->begin(o)) != 0) {
		out_free(o);
		return rc;
	}
	*out = o;
	return 0;
}

int
out_row(struct out *o, const struct out_val *row)
{
	o->nrows++;
	return o->be->row(o, row, 0);
}

int
out_total(struct out *o, const struct out_val *row)
{
	return o->be->row(o, row, 1);
}

int
out_close(struct out *o)
{
	int rc;

	if ((rc = o->be->end(o)) == 0 && o->of != NULL &&
	    (rc = ehc_outfile_commit(o->of)) != EHC_OK)
		rc = cli_error(o->cli, cli_exit_code(rc), "%s",
		    ehc_outfile_errmsg(o->of));
	out_free(o);
	return rc;
}

void
out_free(struct out *o)
{
	if (o == NULL)
		return;
	if (o->be != NULL && o->be->release != NULL)
		o->be->release(o);
	ehc_outfile_free(o->of);
	free(o);
}

const char *
out_type_name(enum ehc_column_type type)
{
	switch (type) {
	case EHC_COL_MONTH:	return "month";
	case EHC_COL_DATE:	return "date";
	case EHC_COL_COUNT:	return "count";
	case EHC_COL_MONEY:	return "money";
	case EHC_COL_PERCENT:	return "percent";
	case EHC_COL_DECIMAL:	return "decimal";
	case EHC_COL_LIST:	return "list";
	case EHC_COL_BOOL:	return "bool";
	default:		return "text";
	}
}

int
out_none(const struct ehc_column *c, const struct out_val *v)
{
	switch (c->type) {
	case EHC_COL_TEXT:
	case EHC_COL_MONTH:	return v->s == NULL;
	case EHC_COL_DATE:	return v->day == EHC_NO_DATE;
	case EHC_COL_LIST:	return v->list == NULL || v->list[0] == NULL;
	default:		return isnan(v->n);
	}
}

/* The characters of the first len bytes of s. */
static size_t
out_width_n(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len && s[i] != '\0'; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

size_t
out_width(const char *s)
{
	return out_width_n(s, strlen(s));
}

size_t
out_longest_word(const char *s)
{
	size_t best = 0, n;

	while (*s != '\0') {
		n = strcspn(s, " ");
		if (out_width_n(s, n) > best)
			best = out_width_n(s, n);
		s += n;
		s += strspn(s, " ");
	}
	return best;
}

int
out_heading_line(const char *h, int width, int line, char *buf, size_t len)
{
	int n = 0, used, w;
	size_t k;

	if (buf != NULL)
		buf[0] = '\0';
	while (*h != '\0') {
		used = 0;
		/* Words while they fit, and at least one. */
		while (*h != '\0') {
			k = strcspn(h, " ");
			w = (int)out_width_n(h, k);
			if (used > 0 && used + 1 + w > width)
				break;
			if (n == line && buf != NULL)
				snprintf(buf + strlen(buf), len - strlen(buf),
				    "%s%.*s", used > 0 ? " " : "", (int)k, h);
			used += (used > 0) + w;
			h += k;
			h += strspn(h, " ");
		}
		n++;
	}
	return n;
}

int
out_month(const char *s, int *year)
{
	int m;

	if (s == NULL || strlen(s) != 7 || s[4] != '-' ||
	    sscanf(s, "%4d-%2d", year, &m) != 2 || m < 1 || m > 12)
		return 0;
	return m;
}

const char *
out_cell(char *buf, size_t len, const struct ehc_column *c,
    const struct out_val *v, int human)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const char *const *w;
	size_t used;
	int64_t pence;
	int y, m;

	if (out_none(c, v)) {
		snprintf(buf, len, "%s", human ? "-" : "");
		return buf;
	}
	switch (c->type) {
	case EHC_COL_MONTH:
		if (human && (m = out_month(v->s, &y)) > 0)
			snprintf(buf, len, "%s %04d", mon[m - 1], y);
		else
			snprintf(buf, len, "%s", v->s);
		break;
	case EHC_COL_DATE:
		ehc_date_format(buf, len, v->day);
		break;
	case EHC_COL_COUNT:
		snprintf(buf, len, "%.0f", v->n);
		break;
	case EHC_COL_BOOL:
		snprintf(buf, len, "%s", v->n != 0 ? human ? "yes" : "true" :
		    human ? "no" : "false");
		break;
	case EHC_COL_MONEY:
		pence = (int64_t)v->n;		/* whole pence */
		if (human)
			ehc_money_format(buf, len, pence);
		else
			snprintf(buf, len, "%s%lld.%02lld", pence < 0 ? "-" :
			    "", (long long)(llabs(pence) / 100),
			    (long long)(llabs(pence) % 100));
		break;
	case EHC_COL_PERCENT:
	case EHC_COL_DECIMAL:
		snprintf(buf, len, "%.1f", v->n);
		break;
	case EHC_COL_LIST:
		buf[0] = '\0';
		for (w = v->list, used = 0; *w != NULL && used < len; w++)
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
			    w == v->list ? "" : ",", *w);
		break;
	default:
		snprintf(buf, len, "%s", v->s);
		break;
	}
	return buf;
}

void
out_vals_clear(struct out_val *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		v[i].s = NULL;
		v[i].n = NAN;
		v[i].day = EHC_NO_DATE;
		v[i].list = NULL;
	}
}
