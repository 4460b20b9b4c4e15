/*
 * check_markdown.c: unit tests for lib/base/markdown.c: each block and
 * inline form as HTML; links only to the web, mail and telephones; raw
 * HTML escaped; deep nesting, unfinished forms and random text give
 * balanced HTML and never a crash.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The HTML of md, with headings shifted by shift; free() it. */
static char *
html(const char *md, int shift)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ehc__markdown_html(fp, md, shift), EHC_OK);
	fclose(fp);
	return buf;
}

static void
same(const char *md, const char *want)
{
	char *got = html(md, 2);

	ck_assert_msg(strcmp(got, want) == 0, "%s\ngave\n%s\nnot\n%s", md, got,
	    want);
	free(got);
}

START_TEST(blocks)
{
	same("", "");
	same("a\nb", "<p>a\nb</p>\n");
	same("a  \nb\\\nc", "<p>a<br>\nb<br>\nc</p>\n");
	same("# T #", "<h3>T</h3>\n");
	same("###### Deep", "<h6>Deep</h6>\n");
	same("T\n===\n\nU\n---", "<h3>T</h3>\n<h4>U</h4>\n");
	same("a\n\n***\nb", "<p>a</p>\n<hr>\n<p>b</p>\n");
	same("> q\n> r\nlazy\n\nout", "<blockquote>\n<p>q\nr\nlazy</p>\n"
	    "</blockquote>\n<p>out</p>\n");
	same("> > in", "<blockquote>\n<blockquote>\n<p>in</p>\n"
	    "</blockquote>\n</blockquote>\n");
	same("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	same("3. a\n4. b", "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n"
	    "</ol>\n");
	same("- a\n\n- b", "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n"
	    "</li>\n</ul>\n");
	same("- a\n  - b\n- c", "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n"
	    "<li>c</li>\n</ul>\n");
	same("- a\n* b", "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n"
	    "</ul>\n");
	same("```c\n<x>\n```\nafter", "<pre><code>&lt;x&gt;\n</code></pre>\n"
	    "<p>after</p>\n");
	same("| a | b |\n|:-|-:|\n| 1 | 2 \\| 3 |", "<table class=\"text\">\n"
	    "<thead>\n<tr><th scope=\"col\" style=\"text-align: left\">a</th>"
	    "<th scope=\"col\" style=\"text-align: right\">b</th></tr>\n"
	    "</thead>\n<tbody>\n<tr><td style=\"text-align: left\">1</td>"
	    "<td style=\"text-align: right\">2 | 3</td></tr>\n</tbody>\n"
	    "</table>\n");
	same("    indented", "<p>indented</p>\n");
}
END_TEST

START_TEST(inlines)
{
	same("*a* _b_ **c** __d__ ***e*** ~~f~~",
	    "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> "
	    "<strong><em>e</em></strong> <del>f</del></p>\n");
	same("snake_case_name and 2 * 3 * 4",
	    "<p>snake_case_name and 2 * 3 * 4</p>\n");
	same("`a <b> *c*`", "<p><code>a &lt;b&gt; *c*</code></p>\n");
	same("\\*not\\* \\<b\\>", "<p>*not* &lt;b&gt;</p>\n");
	same("[x](https://e.org/a_(b) \"t\")",
	    "<p><a href=\"https://e.org/a_(b)\">x</a></p>\n");
	same("[x](mailto:a@b.org) [y](tel:+441234) [z](#top) [w](/p)",
	    "<p><a href=\"mailto:a@b.org\">x</a> <a href=\"tel:+441234\">y</a> "
	    "<a href=\"#top\">z</a> <a href=\"/p\">w</a></p>\n");
	same("<https://e.org?a=1&b=2> <a@b.org>",
	    "<p><a href=\"https://e.org?a=1&amp;b=2\">https://e.org?a=1&amp;b=2"
	    "</a> <a href=\"mailto:a@b.org\">a@b.org</a></p>\n");
	same("![a photo of *me*](me.png)", "<p>a photo of <em>me</em></p>\n");
}
END_TEST

START_TEST(unsafe)
{
	same("[x](javascript:alert(1)) [y](JavaScript:a) [z](data:text/html,x)"
	    " [w](vbscript:q)", "<p>x y z w</p>\n");
	same("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/"
	    "script&gt;</p>\n");
	same("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n");
	same("[\"><b>](https://e.org/\"onclick=\"x)",
	    "<p><a href=\"https://e.org/&quot;onclick=&quot;x\">&quot;&gt;"
	    "&lt;b&gt;</a></p>\n");
}
END_TEST

/* How often s occurs in h. */
static int
count(const char *h, const char *s)
{
	int n = 0;

	while ((h = strstr(h, s)) != NULL) {
		n++;
		h += strlen(s);
	}
	return n;
}

static void
balanced(const char *md)
{
	static const char *const tags[] = { "p", "ul", "ol", "li",
	    "blockquote", "em", "strong", "code", "a", "table", "tr", "del",
	    "pre", NULL };
	const char *const *t;
	char open[32], shut[32], *out = html(md, 2);

	for (t = tags; *t != NULL; t++) {
		snprintf(open, sizeof(open), "<%s>", *t);
		snprintf(shut, sizeof(shut), "</%s>", *t);
		/* Tags with attributes open as "<a " or "<ol ". */
		ck_assert_msg(count(out, open) + (strcmp(*t, "a") == 0 ||
		    strcmp(*t, "ol") == 0 || strcmp(*t, "table") == 0 ?
		    count(out, strcmp(*t, "a") == 0 ? "<a " : strcmp(*t,
		    "ol") == 0 ? "<ol " : "<table ") : 0) == count(out, shut),
		    "<%s> unbalanced in\n%s\nfrom\n%s", *t, out, md);
	}
	ck_assert_ptr_null(strstr(out, "<script"));
	free(out);
}

START_TEST(unfinished_and_deep)
{
	char *deep = malloc(5001);
	int i;

	balanced("**a");
	balanced("*a **b* c**");
	balanced("[a](b");
	balanced("`a");
	balanced("| a |\n|---|\n");
	balanced("- a\n  > b\n  > - c\n- d");
	balanced("```\nnever closed");
	for (i = 0; i < 5000; i++)
		deep[i] = i % 2 ? ' ' : '>';
	deep[5000] = '\0';
	balanced(deep);
	for (i = 0; i < 5000; i++)
		deep[i] = "- "[i % 2];
	balanced(deep);
	free(deep);
}
END_TEST

START_TEST(random_text)
{
	static const char alphabet[] = "ab *_~`[]()<>!#|-:\\\n>1.\t@";
	char md[200];
	unsigned int seed = 1;
	int i, j, n;

	for (i = 0; i < 3000; i++) {
		seed = seed * 1103515245 + 12345;
		n = (int)(seed >> 16) % (int)sizeof(md);
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			md[j] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		md[n] = '\0';
		balanced(md);
	}
}
END_TEST

static Suite *
markdown_suite(void)
{
	Suite *s = suite_create("markdown");
	TCase *tc = tcase_create("markdown");

	tcase_add_test(tc, blocks);
	tcase_add_test(tc, inlines);
	tcase_add_test(tc, unsafe);
	tcase_add_test(tc, unfinished_and_deep);
	tcase_add_test(tc, random_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(markdown_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
