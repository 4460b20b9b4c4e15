/*
 * letter_layout.c: a letter laid out again once its fields are filled
 * in, so that a date in words or a long name does not leave a ragged
 * paragraph.  The letter's blocks are its runs of lines between blank
 * lines, each one of three kinds:
 *  - a list: every line starts "- " (an item) or with two spaces (the
 *    item goes on); each item is wrapped again, its lines indented;
 *  - kept: a line starts with a space or lines something up with two
 *    spaces in a row ("Case:      EHC-000001", a list of dates); its
 *    lines stay as they are;
 *  - prose: anything else, wrapped again at 72 characters.
 * As text, or as an HTML document to print: paragraphs, lists and the
 * kept blocks as preformatted text that still wraps.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH	72

enum kind { PROSE, LIST, KEPT };

/* The length of the line at s, without its newline. */
static size_t
line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
}

static int
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* What kind of block the lines from s to end are. */
static enum kind
kind_of(const char *s, const char *end)
{
	const char *p, *q;
	size_t n;
	int list = s + 2 <= end && s[0] == '-' && s[1] == ' ';
	int kept = 0;

	for (p = s; p < end; p += n + 1) {
		n = line_len(p, end);
		if (n >= 2 && p[0] == '-' && p[1] == ' ')
			continue;
		if (n >= 2 && p[0] == ' ' && p[1] == ' ' && list)
			continue;
		list = 0;
		if (n > 0 && (p[0] == ' ' || p[0] == '\t'))
			kept = 1;
		/* Two spaces line things up, unless after a sentence. */
		for (q = p; q + 1 < p + n; q++)
			if (q[0] == ' ' && q[1] == ' ' && (q == p ||
			    strchr(".?!", q[-1]) == NULL))
				kept = 1;
	}
	return list ? LIST : kept ? KEPT : PROSE;
}

/* The characters (not bytes) of s[0..n). */
static size_t
chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The words of s to end wrapped at width, lines after the first indented. */
static void
wrap(FILE *fp, const char *s, const char *end, size_t width,
    const char *indent)
{
	size_t used = 0, n, w;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
			s++;
		if (s == end)
			break;
		for (n = 0; s + n < end && s[n] != ' ' && s[n] != '\n' &&
		    s[n] != '\t'; n++)
			;
		w = chars(s, n);
		if (used > 0 && used + 1 + w > width) {
			fprintf(fp, "\n%s", indent);
			used = 0;
		} else if (used > 0) {
			fputc(' ', fp);
			used++;
		}
		fwrite(s, 1, n, fp);
		used += w;
		s += n;
	}
	fputc('\n', fp);
}

/* An item of a list from s: its end, the next item's "- " or end. */
static const char *
item_end(const char *s, const char *end)
{
	const char *p = s;

	for (p += line_len(p, end) + 1; p < end && !(p + 1 < end &&
	    p[0] == '-' && p[1] == ' '); p += line_len(p, end) + 1)
		;
	return p < end ? p : end;
}

static void
block_text(FILE *fp, const char *s, const char *end, enum kind kind)
{
	const char *e;

	switch (kind) {
	case PROSE:
		wrap(fp, s, end, WIDTH, "");
		break;
	case LIST:
		for (; s < end; s = e) {
			e = item_end(s, end);
			fputs("- ", fp);
			wrap(fp, s + 2, e, WIDTH - 2, "  ");
		}
		break;
	default:
		fwrite(s, 1, (size_t)(end - s), fp);
		fputc('\n', fp);
	}
}

/* HTML: the words of s to end, in one line of the source. */
static void
words_html(FILE *fp, const char *s, const char *end)
{
	size_t n;
	int first = 1;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
			s++;
		for (n = 0; s + n < end && s[n] != ' ' && s[n] != '\n' &&
		    s[n] != '\t'; n++)
			;
		if (n == 0)
			break;
		if (!first)
			fputc(' ', fp);
		ehc__html_escape(fp, s, n);
		first = 0;
		s += n;
	}
}

static void
block_html(FILE *fp, const char *s, const char *end, enum kind kind)
{
	const char *e;

	switch (kind) {
	case PROSE:
		fputs("<p>", fp);
		words_html(fp, s, end);
		fputs("</p>\n", fp);
		break;
	case LIST:
		fputs("<ul>\n", fp);
		for (; s < end; s = e) {
			e = item_end(s, end);
			fputs("<li>", fp);
			words_html(fp, s + 2, e);
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n", fp);
		break;
	default:
		fputs("<pre>", fp);
		ehc__html_escape(fp, s, (size_t)(end - s));
		fputs("</pre>\n", fp);
	}
}

static const char letter_style[] =
    "body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt;\n"
    "  line-height: 1.5; color: #0b0c0c; background: #ffffff;\n"
    "  max-width: 40em; margin: 2em auto; padding: 0 1em; }\n"
    "pre { font-family: \"DejaVu Sans Mono\", monospace;\n"
    "  font-size: 10.5pt; white-space: pre-wrap; overflow-wrap: anywhere; }\n"
    "ul { padding-left: 1.5em; }\n"
    "@media print {\n"
    "  @page { size: A4; margin: 2.5cm 2cm; }\n"
    "  body { max-width: none; margin: 0; padding: 0; }\n"
    "  p, li, pre { break-inside: avoid; page-break-inside: avoid; }\n"
    "}\n";

int
ehc__letter_layout(FILE *fp, const char *text, int html, const char *title)
{
	const char *p = text, *end = text + strlen(text), *start;
	size_t n;
	int first = 1;

	if (html) {
		fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", fp);
		ehc__html_escape(fp, title, strlen(title));
		fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
		    "<main>\n", letter_style);
	}
	while (p < end) {
		/* Skip blank lines, then take the block up to the next. */
		n = line_len(p, end);
		if (blank_line(p, n)) {
			p += n + 1;
			continue;
		}
		for (start = p; p < end && !blank_line(p, line_len(p, end));
		    p += line_len(p, end) + 1)
			;
		if (p > end)
			p = end;
		/* Without the newline that ends the block. */
		n = (size_t)(p - start);
		if (n > 0 && start[n - 1] == '\n')
			n--;
		if (html)
			block_html(fp, start, start + n, kind_of(start,
			    start + n));
		else {
			if (!first)
				fputc('\n', fp);
			block_text(fp, start, start + n, kind_of(start,
			    start + n));
		}
		first = 0;
	}
	if (html)
		fputs("</main>\n</body>\n</html>\n", fp);
	return ferror(fp) ? EHC_EIO : EHC_OK;
}
