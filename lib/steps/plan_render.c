/*
 * plan_render.c: a plan as plain text, Markdown, a printable and
 * accessible HTML document, or the JSON document versions are stored as.
 * Section text is Markdown, which the HTML renders in full (markdown.c)
 * with everything else escaped.  Dates are in words, as in the letters.
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static const char *const pfa_labels[][2] = {
	{ "employment", "employment and higher education" },
	{ "independent-living", "independent living" },
	{ "community", "friends, relationships and the community" },
	{ "health", "good health" },
};

static const char *
pfa_label(const char *theme)
{
	size_t i;

	for (i = 0; i < sizeof(pfa_labels) / sizeof(pfa_labels[0]); i++)
		if (strcmp(theme, pfa_labels[i][0]) == 0)
			return pfa_labels[i][1];
	return theme;
}

int
ehc_plan_format_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "text") == 0)
		return EHC_PLAN_TEXT;
	if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		return EHC_PLAN_MARKDOWN;
	if (strcmp(s, "html") == 0)
		return EHC_PLAN_HTML;
	if (strcmp(s, "json") == 0)
		return EHC_PLAN_JSON;
	return -1;
}

/* "Draft plan served 20 April 2026 (version 1)", or the working copy. */
static void
status_line(const struct ehc_plan *plan, char *buf, size_t len)
{
	char d[EHC_DATE_WORDS_LEN] = "";
	const char *what;

	if (plan->version == 0 || plan->kind == NULL) {
		snprintf(buf, len, "Working copy: not issued");
		return;
	}
	if (plan->date != EHC_NO_DATE)
		ehc_date_words(d, sizeof(d), plan->date, 0);
	if (strcmp(plan->kind, "draft") == 0)
		what = "Draft plan served";
	else if (strcmp(plan->kind, "final") == 0)
		what = "Final plan issued";
	else if (strcmp(plan->kind, "proposed") == 0)
		what = "Proposed amendments sent";
	else
		what = "Amended plan issued";
	snprintf(buf, len, "%s %s (version %d)", what, d, plan->version);
}

static int
is_draft(const struct ehc_plan *plan)
{
	return plan->kind != NULL && (strcmp(plan->kind, "draft") == 0);
}

/* What an empty section says. */
static const char *
empty_text(const struct ehc_plan *plan, int section)
{
	if (section == EHC_PLAN_I && is_draft(plan))
		return "Not named in a draft plan (Children and Families "
		    "Act 2014 s38(5)).";
	return "Nothing recorded.";
}

/* Iterate over the items of one section. */
#define FOR_ITEMS(plan, sec, it) \
	for ((it) = (plan)->items; (it) < (plan)->items + (plan)->nitems; \
	    (it)++) \
		if ((it)->section == (sec))

static int
section_has_items(const struct ehc_plan *plan, int section)
{
	const struct ehc_plan_item *it;

	FOR_ITEMS(plan, section, it)
		return 1;
	return 0;
}

/* Write the item's links as "B1, E2". */
static void
links_text(const struct ehc_plan_item *it, FILE *fp)
{
	size_t i;

	for (i = 0; i < it->nlinks; i++)
		fprintf(fp, "%s%s", i ? ", " : "", it->links[i]);
}

/* Text. */

int
ehc__plan_section_text(const struct ehc_plan *plan, int section, FILE *fp)
{
	const struct ehc_plan_item *it;
	const char *text = plan->text[section] ? plan->text[section] : "";
	int items = section_has_items(plan, section);

	if (ehc__plan_blank(text) && !items) {
		fprintf(fp, "%s\n", empty_text(plan, section));
		return ferror(fp) ? EHC_EIO : EHC_OK;
	}
	if (!ehc__plan_blank(text))
		fprintf(fp, "%s\n", text);
	if (!ehc__plan_blank(text) && items)
		fputc('\n', fp);
	FOR_ITEMS(plan, section, it) {
		fprintf(fp, "%-5s %s\n", it->ref, it->text);
		if (ehc_plan_section_kind(section) == EHC_PLAN_PROVISION) {
			fprintf(fp, "      Amount: %s\n", it->amount ?
			    it->amount : "(not given)");
			fprintf(fp, "      Frequency: %s\n", it->frequency ?
			    it->frequency : "(not given)");
			fprintf(fp, "      Provided by: %s\n", it->by ? it->by :
			    "(not given)");
		}
		if (it->nlinks > 0) {
			fprintf(fp, "      %s: ", ehc_plan_section_kind(section)
			    == EHC_PLAN_OUTCOME ? "Needs" : "Serves");
			links_text(it, fp);
			fputc('\n', fp);
		}
		if (it->pfa != NULL)
			fprintf(fp, "      Preparing for adulthood: %s\n",
			    pfa_label(it->pfa));
	}
	return ferror(fp) ? EHC_EIO : EHC_OK;
}

static void
person_fields(const struct ehc_plan *plan, char *dob, char *status,
    size_t slen)
{
	ehc_date_words(dob, EHC_DATE_WORDS_LEN, plan->dob, 0);
	status_line(plan, status, slen);
}

static int
render_text(const struct ehc_plan *plan, FILE *fp)
{
	char dob[EHC_DATE_WORDS_LEN], status[96];
	int s, rc;

	person_fields(plan, dob, status, sizeof(status));
	fprintf(fp, "Education, Health and Care Plan\n\n");
	fprintf(fp, "Name: %s %s\n", plan->forename ? plan->forename : "",
	    plan->surname ? plan->surname : "");
	fprintf(fp, "Date of birth: %s\n", dob);
	fprintf(fp, "Case: %s\n", plan->case_ref ? plan->case_ref : "");
	fprintf(fp, "Status: %s\n", status);
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++) {
		fprintf(fp, "\nSection %s: %s\n\n", ehc_plan_section_name(s),
		    ehc_plan_section_title(s));
		if ((rc = ehc__plan_section_text(plan, s, fp)) != EHC_OK)
			return rc;
	}
	return ferror(fp) ? EHC_EIO : EHC_OK;
}

/* Markdown. */

/* Escape text for a Markdown table cell or inline span. */
static void
md_inline(const char *s, FILE *fp)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (strchr("\\`*_[]<>|#", *s) != NULL)
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

/* Section text: authored Markdown, with its headings moved below ours. */
static void
md_text(const char *text, FILE *fp)
{
	const char *p = text, *nl;
	size_t len;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[0] == '#')
			fputs("##", fp);
		fwrite(p, 1, len, fp);
		fputc('\n', fp);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void
md_items(const struct ehc_plan *plan, int section, FILE *fp)
{
	const struct ehc_plan_item *it;
	int kind = ehc_plan_section_kind(section);

	if (kind == EHC_PLAN_NEED)
		fprintf(fp, "| Need | Description |\n|---|---|\n");
	else if (kind == EHC_PLAN_OUTCOME)
		fprintf(fp, "| Outcome | Description | Needs | Preparing for "
		    "adulthood |\n|---|---|---|---|\n");
	else
		fprintf(fp, "| Provision | Description | Amount | Frequency | "
		    "Provided by | Serves | Preparing for adulthood |\n"
		    "|---|---|---|---|---|---|---|\n");
	FOR_ITEMS(plan, section, it) {
		fprintf(fp, "| %s | ", it->ref);
		md_inline(it->text, fp);
		if (kind == EHC_PLAN_PROVISION) {
			fputs(" | ", fp);
			md_inline(it->amount ? it->amount : "not given", fp);
			fputs(" | ", fp);
			md_inline(it->frequency ? it->frequency : "not given",
			    fp);
			fputs(" | ", fp);
			md_inline(it->by ? it->by : "not given", fp);
		}
		if (kind != EHC_PLAN_NEED) {
			fputs(" | ", fp);
			links_text(it, fp);
			fputs(" | ", fp);
			if (it->pfa != NULL)
				md_inline(pfa_label(it->pfa), fp);
		}
		fputs(" |\n", fp);
	}
}

static int
render_markdown(const struct ehc_plan *plan, FILE *fp)
{
	char dob[EHC_DATE_WORDS_LEN], status[96];
	int s, items, blank;

	person_fields(plan, dob, status, sizeof(status));
	fprintf(fp, "# Education, Health and Care Plan\n\n- **Name:** ");
	md_inline(plan->forename, fp);
	fputc(' ', fp);
	md_inline(plan->surname, fp);
	fprintf(fp, "\n- **Date of birth:** %s\n- **Case:** ", dob);
	md_inline(plan->case_ref, fp);
	fprintf(fp, "\n- **Status:** %s\n", status);
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++) {
		fprintf(fp, "\n## Section %s: %s\n\n", ehc_plan_section_name(s),
		    ehc_plan_section_title(s));
		items = section_has_items(plan, s);
		blank = ehc__plan_blank(plan->text[s]);
		if (blank && !items)
			fprintf(fp, "*%s*\n", empty_text(plan, s));
		if (!blank)
			md_text(plan->text[s], fp);
		if (!blank && items)
			fputc('\n', fp);
		if (items)
			md_items(plan, s, fp);
	}
	return ferror(fp) ? EHC_EIO : EHC_OK;
}

/* HTML. */

static void
html_escape(const char *s, FILE *fp)
{
	if (s != NULL)
		ehc__html_escape(fp, s, strlen(s));
}

static void
html_cell(const char *s, const char *missing, FILE *fp)
{
	fputs("<td>", fp);
	if (s != NULL)
		html_escape(s, fp);
	else
		fprintf(fp, "<span class=\"missing\">%s</span>", missing);
	fputs("</td>", fp);
}

static void
html_items(const struct ehc_plan *plan, int section, FILE *fp)
{
	const struct ehc_plan_item *it;
	const char *name = ehc_plan_section_name(section);
	int kind = ehc_plan_section_kind(section);
	size_t i;

	fprintf(fp, "<table>\n<caption>%s in section %s</caption>\n<thead>\n"
	    "<tr>", kind == EHC_PLAN_NEED ? "Needs" : kind == EHC_PLAN_OUTCOME ?
	    "Outcomes" : "Provision", name);
	fprintf(fp, "<th scope=\"col\">%s</th><th scope=\"col\">"
	    "Description</th>", kind == EHC_PLAN_NEED ? "Need" :
	    kind == EHC_PLAN_OUTCOME ? "Outcome" : "Provision");
	if (kind == EHC_PLAN_PROVISION)
		fputs("<th scope=\"col\">Amount</th><th scope=\"col\">"
		    "Frequency</th><th scope=\"col\">Provided by</th>", fp);
	if (kind != EHC_PLAN_NEED)
		fprintf(fp, "<th scope=\"col\">%s</th><th scope=\"col\">"
		    "Preparing for adulthood</th>", kind == EHC_PLAN_OUTCOME ?
		    "Needs" : "Serves");
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	FOR_ITEMS(plan, section, it) {
		fputs("<tr><th scope=\"row\">", fp);
		html_escape(it->ref, fp);
		fputs("</th>", fp);
		html_cell(it->text, "", fp);
		if (kind == EHC_PLAN_PROVISION) {
			html_cell(it->amount, "not given", fp);
			html_cell(it->frequency, "not given", fp);
			html_cell(it->by, "not given", fp);
		}
		if (kind != EHC_PLAN_NEED) {
			fputs("<td>", fp);
			for (i = 0; i < it->nlinks; i++) {
				fputs(i ? ", " : "", fp);
				html_escape(it->links[i], fp);
			}
			fputs("</td>", fp);
			html_cell(it->pfa ? pfa_label(it->pfa) : "", "", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static const char html_style[] =
    "body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt;\n"
    "  line-height: 1.5; color: #0b0c0c; background: #ffffff;\n"
    "  max-width: 52em; margin: 1em auto; padding: 0 1em;\n"
    "  overflow-wrap: break-word; }\n"
    "h1 { font-size: 1.8em; margin-bottom: 0.2em; }\n"
    "h2 { font-size: 1.35em; border-bottom: 2px solid #0b0c0c;\n"
    "  margin-top: 1.6em; }\n"
    "h3, h4, h5, h6 { font-size: 1.1em; }\n"
    "table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }\n"
    "caption { text-align: left; font-weight: bold; padding: 0.3em 0; }\n"
    "th, td { border: 1px solid #505a5f; padding: 0.3em 0.5em;\n"
    "  text-align: left; vertical-align: top; }\n"
    "thead th { background: #f3f2f1; }\n"
    ".status { font-weight: bold; font-size: 1.1em; }\n"
    ".empty, .missing { font-style: italic; color: #505a5f; }\n"
    ".skip-link { position: absolute; left: -9999em; }\n"
    ".skip-link:focus { position: static; }\n"
    "a { color: #1d70b8; }\n"
    "a:focus { outline: 3px solid #ffdd00; }\n"
    "@media print {\n"
    "  @page { size: A4; margin: 2cm 1.8cm; }\n"
    "  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }\n"
    "  nav, .skip-link { display: none; }\n"
    "  h1, h2, h3, h4, h5, h6, caption { break-after: avoid;\n"
    "    page-break-after: avoid; }\n"
    "  tr, th, td, li { break-inside: avoid; page-break-inside: avoid; }\n"
    "  thead { display: table-header-group; }\n"
    "  thead th { background: none; }\n"
    "  a { color: inherit; text-decoration: none; }\n"
    "}\n";

static void
section_id(int s, char *buf, size_t len)
{
	const char *name = ehc_plan_section_name(s);

	snprintf(buf, len, "section-%c%s", name[0] - 'A' + 'a', name + 1);
}

static int
render_html(const struct ehc_plan *plan, FILE *fp)
{
	char dob[EHC_DATE_WORDS_LEN], status[96], id[16];
	int s, items, blank;

	person_fields(plan, dob, status, sizeof(status));
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Education, Health and Care Plan: ", fp);
	html_escape(plan->forename, fp);
	fputc(' ', fp);
	html_escape(plan->surname, fp);
	fputs(" (", fp);
	html_escape(plan->case_ref, fp);
	fprintf(fp, ")</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    html_style);
	fputs("<a class=\"skip-link\" href=\"#plan\">Skip to the plan</a>\n"
	    "<header>\n<h1>Education, Health and Care Plan</h1>\n", fp);
	fprintf(fp, "<p class=\"status\">%s</p>\n", status);
	fputs("<table>\n<caption>The child or young person</caption>\n"
	    "<tbody>\n<tr><th scope=\"row\">Name</th><td>", fp);
	html_escape(plan->forename, fp);
	fputc(' ', fp);
	html_escape(plan->surname, fp);
	fprintf(fp, "</td></tr>\n<tr><th scope=\"row\">Date of birth</th>"
	    "<td>%s</td></tr>\n<tr><th scope=\"row\">Case reference</th><td>",
	    dob);
	html_escape(plan->case_ref, fp);
	fputs("</td></tr>\n</tbody>\n</table>\n</header>\n", fp);
	fputs("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">"
	    "Contents</h2>\n<ol>\n", fp);
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++) {
		section_id(s, id, sizeof(id));
		fprintf(fp, "<li><a href=\"#%s\">Section %s: %s</a></li>\n", id,
		    ehc_plan_section_name(s), ehc_plan_section_title(s));
	}
	fputs("</ol>\n</nav>\n<main id=\"plan\">\n", fp);
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++) {
		section_id(s, id, sizeof(id));
		fprintf(fp, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n"
		    "<h2 id=\"%s-h\">Section %s: %s</h2>\n", id, id, id,
		    ehc_plan_section_name(s), ehc_plan_section_title(s));
		items = section_has_items(plan, s);
		blank = ehc__plan_blank(plan->text[s]);
		if (blank && !items)
			fprintf(fp, "<p class=\"empty\">%s</p>\n",
			    empty_text(plan, s));
		if (!blank && ehc__markdown_html(fp, plan->text[s], 2) ==
		    EHC_ENOMEM)
			return EHC_ENOMEM;
		if (items)
			html_items(plan, s, fp);
		fputs("</section>\n", fp);
	}
	fputs("</main>\n<footer>\n<p>", fp);
	fputs(status, fp);
	fputs(". Case ", fp);
	html_escape(plan->case_ref, fp);
	fputs(".</p>\n</footer>\n</body>\n</html>\n", fp);
	return ferror(fp) ? EHC_EIO : EHC_OK;
}

/* JSON. */

static cJSON *
add_str(cJSON *o, const char *key, const char *s)
{
	return s != NULL ? cJSON_AddStringToObject(o, key, s) :
	    cJSON_AddNullToObject(o, key);
}

static cJSON *
add_date(cJSON *o, const char *key, int32_t day)
{
	char d[EHC_DATE_LEN];

	if (day == EHC_NO_DATE)
		return cJSON_AddNullToObject(o, key);
	ehc_date_format(d, sizeof(d), day);
	return cJSON_AddStringToObject(o, key, d);
}

static cJSON *
item_json(const struct ehc_plan_item *it)
{
	cJSON *o, *links;
	size_t i;

	if ((o = cJSON_CreateObject()) == NULL)
		return NULL;
	if (add_str(o, "ref", it->ref) == NULL ||
	    cJSON_AddNumberToObject(o, "seq", it->seq) == NULL ||
	    add_str(o, "text", it->text) == NULL ||
	    add_str(o, "amount", it->amount) == NULL ||
	    add_str(o, "frequency", it->frequency) == NULL ||
	    add_str(o, "by", it->by) == NULL ||
	    add_str(o, "pfa", it->pfa) == NULL ||
	    (links = cJSON_AddArrayToObject(o, "links")) == NULL)
		goto fail;
	for (i = 0; i < it->nlinks; i++) {
		cJSON *l = cJSON_CreateString(it->links[i]);

		if (l == NULL || !cJSON_AddItemToArray(links, l)) {
			cJSON_Delete(l);
			goto fail;
		}
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

int
ehc__plan_json(const struct ehc_plan *plan, char **out)
{
	const struct ehc_plan_item *it;
	cJSON *doc, *secs, *sec, *items, *o;
	char *s;
	int i;

	*out = NULL;
	if ((doc = cJSON_CreateObject()) == NULL)
		return EHC_ENOMEM;
	if (cJSON_AddNumberToObject(doc, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    add_str(doc, "case", plan->case_ref) == NULL ||
	    add_str(doc, "forename", plan->forename) == NULL ||
	    add_str(doc, "surname", plan->surname) == NULL ||
	    add_date(doc, "dob", plan->dob) == NULL ||
	    (plan->version > 0 ? cJSON_AddNumberToObject(doc, "version",
	    plan->version) : cJSON_AddNullToObject(doc, "version")) == NULL ||
	    add_str(doc, "kind", plan->version > 0 ? plan->kind : NULL) ==
	    NULL ||
	    add_date(doc, "date", plan->version > 0 ? plan->date :
	    EHC_NO_DATE) == NULL ||
	    (secs = cJSON_AddArrayToObject(doc, "sections")) == NULL)
		goto fail;
	for (i = 0; i < EHC_PLAN_NSECTIONS; i++) {
		if ((sec = cJSON_CreateObject()) == NULL)
			goto fail;
		if (!cJSON_AddItemToArray(secs, sec)) {
			cJSON_Delete(sec);
			goto fail;
		}
		if (add_str(sec, "section", ehc_plan_section_name(i)) == NULL ||
		    add_str(sec, "title", ehc_plan_section_title(i)) == NULL ||
		    add_str(sec, "text", plan->text[i] ? plan->text[i] : "") ==
		    NULL ||
		    (items = cJSON_AddArrayToObject(sec, "items")) == NULL)
			goto fail;
		FOR_ITEMS(plan, i, it) {
			if ((o = item_json(it)) == NULL)
				goto fail;
			if (!cJSON_AddItemToArray(items, o)) {
				cJSON_Delete(o);
				goto fail;
			}
		}
	}
	s = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (s == NULL)
		return EHC_ENOMEM;
	/* Hand back malloc() memory, whatever allocator cJSON uses. */
	*out = strdup(s);
	cJSON_free(s);
	return *out != NULL ? EHC_OK : EHC_ENOMEM;
fail:
	cJSON_Delete(doc);
	return EHC_ENOMEM;
}

static int
render_json(const struct ehc_plan *plan, FILE *fp)
{
	char *s;
	int rc;

	if ((rc = ehc__plan_json(plan, &s)) != EHC_OK)
		return rc;
	fputs(s, fp);
	fputc('\n', fp);
	free(s);
	return ferror(fp) ? EHC_EIO : EHC_OK;
}

int
ehc_plan_render(FILE *fp, const struct ehc_plan *plan,
    enum ehc_plan_format format)
{
	switch (format) {
	case EHC_PLAN_TEXT:	return render_text(plan, fp);
	case EHC_PLAN_MARKDOWN:	return render_markdown(plan, fp);
	case EHC_PLAN_HTML:	return render_html(plan, fp);
	case EHC_PLAN_JSON:	return render_json(plan, fp);
	default:		return EHC_EINVAL;
	}
}

/* Lines, for the diff. */

void
ehc__plan_lines_free(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int
ehc__plan_section_lines(const struct ehc_plan *plan, int section,
    char ***lines_out, size_t *n_out)
{
	char *buf = NULL, **lines = NULL, **nl, *p, *e;
	size_t size = 0, n = 0, cap = 0;
	FILE *fp;
	int rc;

	*lines_out = NULL;
	*n_out = 0;
	if ((fp = open_memstream(&buf, &size)) == NULL)
		return EHC_ENOMEM;
	rc = ehc__plan_section_text(plan, section, fp);
	if (fclose(fp) != 0 || rc != EHC_OK) {
		free(buf);
		return EHC_ENOMEM;
	}
	for (p = buf; *p != '\0'; p = e + (*e == '\n')) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nl = realloc(lines, cap * sizeof(*nl))) == NULL)
				goto oom;
			lines = nl;
		}
		if ((lines[n] = strndup(p, (size_t)(e - p))) == NULL)
			goto oom;
		n++;
	}
	free(buf);
	*lines_out = lines;
	*n_out = n;
	return EHC_OK;
oom:
	free(buf);
	ehc__plan_lines_free(lines, n);
	return EHC_ENOMEM;
}
