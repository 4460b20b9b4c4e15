/*
 * markdown.c: Markdown as the plan's sections are written, to HTML that
 * is safe to print whatever the text says.  Blocks: paragraphs (a line
 * ending in two spaces or a backslash breaks), ATX and setext headings,
 * block quotes, bulleted and numbered lists (nested by indenting), fenced
 * code, thematic breaks and pipe tables.  Inline: emphasis, strong and
 * struck text, code, links and autolinks (web, mail and telephone only),
 * backslash escapes; an image shows as its description.  Raw HTML is
 * text: every <, >, & and quote is escaped.  Indented code blocks are
 * not taken, so that text indented by accident reads as text.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH	16	/* quotes and lists inside each other */

struct line {
	const char	*s;
	size_t		 n;
};

struct md {
	FILE	*fp;
	int	 shift;		/* levels under the page's own headings */
	int	 depth;
};

static int	blocks(struct md *, const struct line *, size_t, int);
static void	inline_text(struct md *, const char *, size_t);

void
ehc__html_escape(FILE *fp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&':	fputs("&amp;", fp); break;
		case '<':	fputs("&lt;", fp); break;
		case '>':	fputs("&gt;", fp); break;
		case '"':	fputs("&quot;", fp); break;
		case '\'':	fputs("&#39;", fp); break;
		default:	fputc(s[i], fp);
		}
}

/* Leading spaces, a tab counting as four. */
static size_t
indent(const struct line *l)
{
	size_t i, w = 0;

	for (i = 0; i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'); i++)
		w += l->s[i] == '\t' ? 4 : 1;
	return w;
}

/* The line without its first `cols` columns of indentation. */
static struct line
dedent(const struct line *l, size_t cols)
{
	struct line r = *l;
	size_t w = 0;

	while (r.n > 0 && w < cols && (r.s[0] == ' ' || r.s[0] == '\t')) {
		w += r.s[0] == '\t' ? 4 : 1;
		r.s++;
		r.n--;
	}
	return r;
}

/* The line from column cols on, whatever the columns before hold. */
static struct line
skip_cols(const struct line *l, size_t cols)
{
	struct line r = *l;
	size_t w = 0;

	while (r.n > 0 && w < cols) {
		w += r.s[0] == '\t' ? 4 : 1;
		r.s++;
		r.n--;
	}
	return r;
}

static int
blank(const struct line *l)
{
	return indent(l) == 0 ? l->n == 0 : dedent(l, 99).n == 0;
}

/* "# Title": the level, and the title's text in *text. */
static int
heading(const struct line *l, struct line *text)
{
	struct line t;
	int level = 0;

	if (indent(l) > 3)
		return 0;
	t = dedent(l, 3);
	while ((size_t)level < t.n && t.s[level] == '#')
		level++;
	if (level == 0 || level > 6 || ((size_t)level < t.n &&
	    t.s[level] != ' ' && t.s[level] != '\t'))
		return 0;
	text->s = t.s + level;
	text->n = t.n - (size_t)level;
	while (text->n > 0 && (text->s[0] == ' ' || text->s[0] == '\t')) {
		text->s++;
		text->n--;
	}
	/* A closing run of #s is not part of the title. */
	while (text->n > 0 && (text->s[text->n - 1] == ' ' ||
	    text->s[text->n - 1] == '#'))
		text->n--;
	return level;
}

/* Three or more of one of -*_, and nothing else but spaces. */
static int
rule(const struct line *l)
{
	size_t i, k = 0;
	char c = 0;

	if (indent(l) > 3)
		return 0;
	for (i = 0; i < l->n; i++) {
		if (l->s[i] == ' ' || l->s[i] == '\t')
			continue;
		if (c == 0 && strchr("-*_", l->s[i]) != NULL)
			c = l->s[i];
		if (l->s[i] != c)
			return 0;
		k++;
	}
	return k >= 3;
}

/* "```" or "~~~": the fence's length, 0 if the line is none. */
static size_t
fence(const struct line *l, char *c)
{
	struct line t = dedent(l, 3);
	size_t k = 0;

	if (indent(l) > 3 || t.n < 3 || (t.s[0] != '`' && t.s[0] != '~'))
		return 0;
	while (k < t.n && t.s[k] == t.s[0])
		k++;
	if (k < 3)
		return 0;
	*c = t.s[0];
	return k;
}

static int
quote(const struct line *l)
{
	struct line t = dedent(l, 3);

	return indent(l) <= 3 && t.n > 0 && t.s[0] == '>';
}

/* The line inside a quote: without "> " or ">". */
static struct line
unquote(const struct line *l)
{
	struct line t = dedent(l, 3);

	t.s++;
	t.n--;
	if (t.n > 0 && t.s[0] == ' ') {
		t.s++;
		t.n--;
	}
	return t;
}

/*
 * A list item's marker: "- ", "* ", "+ ", "1. " or "1) ".  Returns the
 * column its text starts at (0: no marker); *ordered, *start and *bullet
 * describe it.
 */
static size_t
marker(const struct line *l, int *ordered, long *start, char *bullet)
{
	struct line t = dedent(l, 3);
	size_t lead = indent(l), k = 0;

	if (lead > 3)
		return 0;
	if (t.n >= 1 && strchr("-*+", t.s[0]) != NULL &&
	    (t.n == 1 || t.s[1] == ' ' || t.s[1] == '\t')) {
		*ordered = 0;
		*bullet = t.s[0];
		k = 1;
	} else {
		while (k < t.n && k < 9 && isdigit((unsigned char)t.s[k]))
			k++;
		if (k == 0 || k >= t.n || (t.s[k] != '.' && t.s[k] != ')') ||
		    (k + 1 < t.n && t.s[k + 1] != ' ' && t.s[k + 1] != '\t'))
			return 0;
		*ordered = 1;
		*bullet = t.s[k];
		*start = strtol(t.s, NULL, 10);
		k++;
	}
	/* The text starts after the marker and one space. */
	return lead + k + (k < t.n ? 1 : 0);
}

/* The cells of a table row, between unescaped pipes. */
static size_t
cells(const struct line *l, struct line *out, size_t max)
{
	struct line t = dedent(l, 99);
	size_t i, n = 0, from;
	int code = 0;

	while (t.n > 0 && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t'))
		t.n--;
	if (t.n > 0 && t.s[0] == '|') {
		t.s++;
		t.n--;
	}
	if (t.n > 0 && t.s[t.n - 1] == '|' && (t.n < 2 ||
	    t.s[t.n - 2] != '\\'))
		t.n--;
	for (i = from = 0; i <= t.n; i++) {
		if (i < t.n && t.s[i] == '\\') {
			i++;
			continue;
		}
		if (i < t.n && t.s[i] == '`')
			code = !code;
		if (i < t.n && (t.s[i] != '|' || code))
			continue;
		if (n < max) {
			out[n].s = t.s + from;
			out[n].n = i - from;
			while (out[n].n > 0 && out[n].s[0] == ' ') {
				out[n].s++;
				out[n].n--;
			}
			while (out[n].n > 0 && out[n].s[out[n].n - 1] == ' ')
				out[n].n--;
		}
		n++;
		from = i + 1;
	}
	return n;
}

#define MAX_CELLS 32

/* "|---|:--:|": each cell's alignment ('l', 'c', 'r' or 0). */
static size_t
delimiter_row(const struct line *l, char *align)
{
	struct line c[MAX_CELLS];
	size_t n, i, j;

	if (memchr(l->s, '-', l->n) == NULL || (n = cells(l, c,
	    MAX_CELLS)) == 0 || n > MAX_CELLS)
		return 0;
	for (i = 0; i < n; i++) {
		if (c[i].n == 0)
			return 0;
		for (j = 0; j < c[i].n; j++)
			if (c[i].s[j] != '-' && !(c[i].s[j] == ':' &&
			    (j == 0 || j == c[i].n - 1)))
				return 0;
		align[i] = c[i].s[0] == ':' ? (c[i].s[c[i].n - 1] == ':' ?
		    'c' : 'l') : c[i].s[c[i].n - 1] == ':' ? 'r' : 0;
	}
	return n;
}

/* Whether lines i and i+1 begin a table: a row of n cells and its rule. */
static int
table_start(const struct line *l, size_t nl, size_t i, char *align)
{
	struct line c[MAX_CELLS];
	size_t n;

	if (i + 1 >= nl || memchr(l[i].s, '|', l[i].n) == NULL ||
	    (n = delimiter_row(&l[i + 1], align)) == 0)
		return 0;
	return cells(&l[i], c, MAX_CELLS) == n;
}

/* Whether a line starts a block other than a paragraph's next line. */
static int
interrupts(const struct line *l, size_t nl, size_t i)
{
	struct line t;
	long start = 1;
	int ordered = 0;
	char c, align[MAX_CELLS];

	return blank(&l[i]) || heading(&l[i], &t) || rule(&l[i]) ||
	    fence(&l[i], &c) || quote(&l[i]) ||
	    (marker(&l[i], &ordered, &start, &c) > 0 && (!ordered ||
	    start == 1)) || table_start(l, nl, i, align);
}

/* A line of =s (1) or of -s (2) under a paragraph makes it a heading. */
static int
underline(const struct line *l)
{
	struct line t = dedent(l, 3);

	while (t.n > 0 && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t'))
		t.n--;
	if (indent(l) > 3 || t.n == 0 || (t.s[0] != '=' && t.s[0] != '-'))
		return 0;
	if (strspn(t.s, t.s[0] == '=' ? "=" : "-") < t.n)
		return 0;
	return t.s[0] == '=' ? 1 : 2;
}

static void
open_heading(struct md *m, int level, const struct line *text)
{
	level += m->shift;
	if (level > 6)
		level = 6;
	fprintf(m->fp, "<h%d>", level);
	inline_text(m, text->s, text->n);
	fprintf(m->fp, "</h%d>\n", level);
}

/* A heading of one or more lines, underlined. */
static int
setext(struct md *m, const struct line *l, size_t n, int level)
{
	size_t i;

	level += m->shift;
	if (level > 6)
		level = 6;
	fprintf(m->fp, "<h%d>", level);
	for (i = 0; i < n; i++) {
		struct line t = dedent(&l[i], 99);

		if (i > 0)
			fputc(' ', m->fp);
		while (t.n > 0 && t.s[t.n - 1] == ' ')
			t.n--;
		inline_text(m, t.s, t.n);
	}
	fprintf(m->fp, "</h%d>\n", level);
	return EHC_OK;
}

/* A paragraph's lines, joined; a hard break is a backslash and newline. */
static int
paragraph(struct md *m, const struct line *l, size_t n, int tight)
{
	char *buf, *p;
	size_t i, len = 0, k;

	for (i = 0; i < n; i++)
		len += l[i].n + 2;
	if ((buf = p = malloc(len + 1)) == NULL)
		return EHC_ENOMEM;
	for (i = 0; i < n; i++) {
		struct line t = dedent(&l[i], 99);

		k = t.n;
		while (k > 0 && (t.s[k - 1] == ' ' || t.s[k - 1] == '\t'))
			k--;
		memcpy(p, t.s, k);
		p += k;
		if (i + 1 < n) {
			if (t.n - k >= 2 && (k == 0 || p[-1] != '\\'))
				*p++ = '\\';
			*p++ = '\n';
		}
	}
	*p = '\0';
	fputs(tight ? "" : "<p>", m->fp);
	inline_text(m, buf, (size_t)(p - buf));
	fputs(tight ? "" : "</p>\n", m->fp);
	free(buf);
	return EHC_OK;
}

static void
table_row(struct md *m, const struct line *l, const char *align, size_t n,
    int head)
{
	struct line c[MAX_CELLS];
	size_t got = cells(l, c, MAX_CELLS), i;

	fputs("<tr>", m->fp);
	for (i = 0; i < n; i++) {
		fprintf(m->fp, "<%s%s%s%s>", head ? "th scope=\"col\"" : "td",
		    align[i] ? " style=\"text-align: " : "",
		    align[i] == 'l' ? "left" : align[i] == 'c' ? "center" :
		    align[i] == 'r' ? "right" : "", align[i] ? "\"" : "");
		if (i < got)
			inline_text(m, c[i].s, c[i].n);
		fprintf(m->fp, "</%s>", head ? "th" : "td");
	}
	fputs("</tr>\n", m->fp);
}

/* A table from line i; returns the lines it takes. */
static size_t
table(struct md *m, const struct line *l, size_t nl, size_t i)
{
	char align[MAX_CELLS];
	size_t n = delimiter_row(&l[i + 1], align), j;

	fputs("<table class=\"text\">\n<thead>\n", m->fp);
	table_row(m, &l[i], align, n, 1);
	fputs("</thead>\n<tbody>\n", m->fp);
	for (j = i + 2; j < nl && !blank(&l[j]) &&
	    memchr(l[j].s, '|', l[j].n) != NULL; j++)
		table_row(m, &l[j], align, n, 0);
	fputs("</tbody>\n</table>\n", m->fp);
	return j - i;
}

/* A fenced code block from line i; returns the lines it takes. */
static size_t
code(struct md *m, const struct line *l, size_t nl, size_t i)
{
	char c, d;
	size_t k = fence(&l[i], &c), j, cols = indent(&l[i]);
	struct line t;

	fputs("<pre><code>", m->fp);
	for (j = i + 1; j < nl; j++) {
		if (fence(&l[j], &d) >= k && d == c &&
		    dedent(&l[j], 3).n == fence(&l[j], &d)) {
			j++;
			break;
		}
		t = dedent(&l[j], cols);
		ehc__html_escape(m->fp, t.s, t.n);
		fputc('\n', m->fp);
	}
	fputs("</code></pre>\n", m->fp);
	return j - i;
}

/* A block quote from line i; returns the lines it takes. */
static size_t
block_quote(struct md *m, const struct line *l, size_t nl, size_t i,
    int *rc)
{
	struct line *in;
	size_t j, n = 0;

	for (j = i; j < nl; j++) {
		/* A line that is not quoted continues the quote's text. */
		if (!quote(&l[j]) && (j == i || blank(&l[j]) ||
		    blank(&l[j - 1]) || interrupts(l, nl, j)))
			break;
		n++;
	}
	if ((in = calloc(n, sizeof(*in))) == NULL) {
		*rc = EHC_ENOMEM;
		return n;
	}
	for (j = 0; j < n; j++)
		in[j] = quote(&l[i + j]) ? unquote(&l[i + j]) : l[i + j];
	fputs("<blockquote>\n", m->fp);
	*rc = blocks(m, in, n, 0);
	fputs("</blockquote>\n", m->fp);
	free(in);
	return n;
}

/* A list from line i: items while they follow; returns the lines. */
static size_t
list(struct md *m, const struct line *l, size_t nl, size_t i, int *rc)
{
	struct line *in;
	size_t j, n, col, c2, item, ni;
	long start = 1, s2;
	int ordered, o2, tight = 1, gap = 0;
	char bullet, b2;

	col = marker(&l[i], &ordered, &start, &bullet);
	/* How far it goes, and whether a blank line separates anything. */
	for (j = i + 1; j < nl; j++) {
		if (blank(&l[j])) {
			gap = 1;
			continue;
		}
		c2 = marker(&l[j], &o2, &s2, &b2);
		if (c2 > 0 && indent(&l[j]) < col) {
			if (o2 != ordered || b2 != bullet)
				break;
			tight = tight && !gap;
			gap = 0;
			continue;
		}
		if (indent(&l[j]) >= col || (!gap && !interrupts(l, nl, j))) {
			tight = tight && !gap;
			gap = 0;
			continue;
		}
		break;
	}
	while (j > i && blank(&l[j - 1]))
		j--;
	n = j - i;
	if ((in = calloc(n, sizeof(*in))) == NULL) {
		*rc = EHC_ENOMEM;
		return n;
	}
	if (!ordered)
		fputs("<ul>\n", m->fp);
	else if (start != 1)
		fprintf(m->fp, "<ol start=\"%ld\">\n", start);
	else
		fputs("<ol>\n", m->fp);
	for (item = i; item < j && *rc == EHC_OK; item += ni) {
		col = marker(&l[item], &o2, &s2, &b2);
		in[0] = skip_cols(&l[item], col);
		for (ni = 1; item + ni < j; ni++) {
			if (!blank(&l[item + ni]) && indent(&l[item + ni]) <
			    col && marker(&l[item + ni], &o2, &s2, &b2) > 0)
				break;
			in[ni] = indent(&l[item + ni]) >= col ?
			    dedent(&l[item + ni], col) : l[item + ni];
		}
		fputs("<li>", m->fp);
		if (!tight)
			fputc('\n', m->fp);
		*rc = blocks(m, in, ni, tight);
		fputs("</li>\n", m->fp);
	}
	fputs(ordered ? "</ol>\n" : "</ul>\n", m->fp);
	free(in);
	return n;
}

static int
blocks(struct md *m, const struct line *l, size_t nl, int tight)
{
	struct line text;
	size_t i = 0, j;
	long start;
	int level, ordered, rc = EHC_OK;
	char c, align[MAX_CELLS];

	if (++m->depth > MAX_DEPTH) {
		/* Deeper than any plan needs: the rest as paragraphs. */
		m->depth--;
		return paragraph(m, l, nl, tight);
	}
	while (i < nl && rc == EHC_OK) {
		if (blank(&l[i]))
			i++;
		else if (fence(&l[i], &c))
			i += code(m, l, nl, i);
		else if ((level = heading(&l[i], &text)) > 0) {
			open_heading(m, level, &text);
			i++;
		} else if (rule(&l[i])) {
			fputs("<hr>\n", m->fp);
			i++;
		} else if (quote(&l[i]))
			i += block_quote(m, l, nl, i, &rc);
		else if (marker(&l[i], &ordered, &start, &c) > 0)
			i += list(m, l, nl, i, &rc);
		else if (table_start(l, nl, i, align))
			i += table(m, l, nl, i);
		else {
			for (j = i + 1; j < nl && !interrupts(l, nl, j) &&
			    !underline(&l[j]); j++)
				;
			/* A line of = or - under text makes it a heading. */
			if (j < nl && (level = underline(&l[j])) > 0) {
				rc = setext(m, l + i, j - i, level);
				i = j + 1;
				continue;
			}
			rc = paragraph(m, l + i, j - i, tight);
			i = j;
		}
	}
	m->depth--;
	return rc;
}

/* Inline. */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int
is_alnum(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* A run of c at s[i], its length. */
static size_t
run(const char *s, size_t n, size_t i, char c)
{
	size_t r = 0;

	while (i + r < n && s[i + r] == c)
		r++;
	return r;
}

/* Where the code span opened by k backticks at i closes, or 0. */
static size_t
code_end(const char *s, size_t n, size_t i, size_t k)
{
	size_t j = i + k, r;

	while (j < n) {
		if (s[j] != '`') {
			j++;
			continue;
		}
		if ((r = run(s, n, j, '`')) == k)
			return j;
		j += r;
	}
	return 0;
}

/* Where a run of at least k c's closes emphasis opened before from. */
static size_t
closer(const char *s, size_t n, size_t from, char c, size_t k)
{
	size_t j, r, e;

	for (j = from; j < n; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] == '`') {
			r = run(s, n, j, '`');
			if ((e = code_end(s, n, j, r)) > 0)
				j = e;
			j += r - 1;
			continue;
		}
		if (s[j] != c)
			continue;
		r = run(s, n, j, c);
		if (r >= k && j > from && !is_space(s[j - 1]) && (c != '_' ||
		    j + r >= n || !is_alnum(s[j + r])))
			return j;
		j += r - 1;
	}
	return 0;
}

/* Whether a link may point there: the web, mail, a telephone, or here. */
static int
safe_url(const char *u, size_t n)
{
	size_t i;

	for (i = 0; i < n && strchr(":/?#", u[i]) == NULL; i++)
		;
	if (i == n || u[i] != ':')
		return 1;		/* relative */
	return (i == 4 && strncasecmp(u, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(u, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(u, "mailto", 6) == 0) ||
	    (i == 3 && strncasecmp(u, "tel", 3) == 0);
}

/*
 * "[label](url "title")" at s[i]: the label and the url; returns the
 * length, 0 if it is not one.
 */
static size_t
link(const char *s, size_t n, size_t i, struct line *label,
    struct line *url)
{
	size_t j, depth = 0, e;
	int paren = 0;

	for (j = i + 1; j < n; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] == '`' && (e = code_end(s, n, j, run(s, n, j, '`')))
		    > 0) {
			j = e + run(s, n, e, '`') - 1;
			continue;
		}
		if (s[j] == '[')
			depth++;
		else if (s[j] == ']' && depth-- == 0)
			break;
	}
	if (j + 1 >= n || s[j + 1] != '(')
		return 0;
	label->s = s + i + 1;
	label->n = j - i - 1;
	for (j += 2; j < n && is_space(s[j]); j++)
		;
	url->s = s + j;
	if (j < n && s[j] == '<') {
		url->s++;
		for (j++; j < n && s[j] != '>' && s[j] != '\n'; j++)
			;
		if (j >= n || s[j] != '>')
			return 0;
		url->n = (size_t)(s + j - url->s);
		j++;
	} else {
		for (; j < n && !is_space(s[j]) && (s[j] != ')' || paren > 0);
		    j++)
			paren += s[j] == '(' ? 1 : s[j] == ')' ? -1 : 0;
		url->n = (size_t)(s + j - url->s);
	}
	for (; j < n && is_space(s[j]); j++)
		;
	/* A title, which a printed plan does not show. */
	if (j < n && (s[j] == '"' || s[j] == '\'')) {
		e = s[j];
		for (j++; j < n && s[j] != (char)e; j++)
			;
		for (j++; j < n && is_space(s[j]); j++)
			;
	}
	return j < n && s[j] == ')' ? j + 1 - i : 0;
}

/* "<https://...>" or "<name@example.org>" at s[i]; its length or 0. */
static size_t
autolink(struct md *m, const char *s, size_t n, size_t i)
{
	size_t j;
	const char *at;

	for (j = i + 1; j < n && s[j] != '>' && s[j] != '<' && !is_space(s[j]);
	    j++)
		;
	if (j >= n || s[j] != '>' || j == i + 1)
		return 0;
	at = memchr(s + i + 1, '@', j - i - 1);
	if (memchr(s + i + 1, ':', j - i - 1) != NULL) {
		if (!safe_url(s + i + 1, j - i - 1))
			return 0;
		fputs("<a href=\"", m->fp);
	} else if (at != NULL)
		fputs("<a href=\"mailto:", m->fp);
	else
		return 0;
	ehc__html_escape(m->fp, s + i + 1, j - i - 1);
	fputs("\">", m->fp);
	ehc__html_escape(m->fp, s + i + 1, j - i - 1);
	fputs("</a>", m->fp);
	return j + 1 - i;
}

static void
inline_text(struct md *m, const char *s, size_t n)
{
	static const char *const open[] = { "", "<em>", "<strong>",
	    "<strong><em>" };
	static const char *const shut[] = { "", "</em>", "</strong>",
	    "</em></strong>" };
	struct line label, url;
	size_t i = 0, k, e, len;
	char c;

	while (i < n) {
		c = s[i];
		if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
			fputs("<br>\n", m->fp);
			i += 2;
		} else if (c == '\\' && i + 1 < n && s[i + 1] > 0x20 &&
		    s[i + 1] < 0x7f && !isalnum((unsigned char)s[i + 1])) {
			ehc__html_escape(m->fp, s + i + 1, 1);
			i += 2;
		} else if (c == '`') {
			k = run(s, n, i, '`');
			if ((e = code_end(s, n, i, k)) == 0) {
				ehc__html_escape(m->fp, s + i, k);
				i += k;
				continue;
			}
			fputs("<code>", m->fp);
			/* One space either side is padding. */
			if (e - i - k >= 2 && s[i + k] == ' ' &&
			    s[e - 1] == ' ')
				ehc__html_escape(m->fp, s + i + k + 1,
				    e - i - k - 2);
			else
				ehc__html_escape(m->fp, s + i + k, e - i - k);
			fputs("</code>", m->fp);
			i = e + k;
		} else if (c == '!' && i + 1 < n && s[i + 1] == '[' &&
		    (len = link(s, n, i + 1, &label, &url)) > 0) {
			/* An image: its description, not a fetch from afar. */
			inline_text(m, label.s, label.n);
			i += 1 + len;
		} else if (c == '[' && (len = link(s, n, i, &label, &url)) >
		    0) {
			if (safe_url(url.s, url.n)) {
				fputs("<a href=\"", m->fp);
				ehc__html_escape(m->fp, url.s, url.n);
				fputs("\">", m->fp);
				inline_text(m, label.s, label.n);
				fputs("</a>", m->fp);
			} else
				inline_text(m, label.s, label.n);
			i += len;
		} else if (c == '<' && (len = autolink(m, s, n, i)) > 0)
			i += len;
		else if ((c == '*' || c == '_' || c == '~') &&
		    (k = run(s, n, i, c)) > 0 && i + k < n &&
		    !is_space(s[i + k]) && (c != '_' || i == 0 ||
		    !is_alnum(s[i - 1])) && (c != '~' || k == 2)) {
			if (k > 3)
				k = 3;
			e = closer(s, n, i + k, c, k);
			if (e == 0) {
				/* Try one fewer; the first is text. */
				ehc__html_escape(m->fp, s + i, 1);
				i++;
				continue;
			}
			fputs(c == '~' ? "<del>" : open[k], m->fp);
			inline_text(m, s + i + k, e - i - k);
			fputs(c == '~' ? "</del>" : shut[k], m->fp);
			i = e + k;
		} else {
			ehc__html_escape(m->fp, s + i, 1);
			i++;
		}
	}
}

int
ehc__markdown_html(FILE *fp, const char *md, int shift)
{
	struct md m = { fp, shift, 0 };
	struct line *l;
	const char *p, *nl;
	size_t n = 0, i;
	int rc;

	for (p = md; *p != '\0'; p = nl + 1, n++)
		if ((nl = strchr(p, '\n')) == NULL) {
			n++;
			break;
		}
	if (n == 0)
		return EHC_OK;
	if ((l = calloc(n, sizeof(*l))) == NULL)
		return EHC_ENOMEM;
	for (p = md, i = 0; i < n; i++) {
		nl = strchr(p, '\n');
		l[i].s = p;
		l[i].n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (l[i].n > 0 && p[l[i].n - 1] == '\r')
			l[i].n--;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	rc = blocks(&m, l, n, 0);
	free(l);
	if (rc == EHC_OK && ferror(fp))
		rc = EHC_EIO;
	return rc;
}
