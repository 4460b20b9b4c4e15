/*
 * check_plan.c: unit tests for lib/plan.c, lib/plan_check.c,
 * lib/plan_render.c and lib/plan_diff.c: the working copy and its
 * validation, immutable versions, the checker's rules, rendering and
 * the diff.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"	/* struct ehc_db: the handle's own connection */
#include "fixture.h"

static int64_t case_id;

/* A copy of the suite's store with one case in it, case_id. */
static void
setup(void)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN];

	fixture_copy_store_setup();
	ehc_db_set_today(db, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_set_user(db, "unit"), EHC_OK);
	in = (struct ehc_request_in)EHC_REQUEST_IN_INIT;
	in.forename = "Alex";
	in.surname = "Smith";
	in.dob = D("2012-05-01");
	in.received = D("2025-10-01");
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&case_id, db, ref), EHC_OK);
}

static struct ehc_plan_item_in
item(const char *text)
{
	struct ehc_plan_item_in in;

	in = (struct ehc_plan_item_in)EHC_PLAN_ITEM_IN_INIT;
	in.text = text;
	return in;
}

/* A plan that passes every rule as a final plan for a year 9 pupil. */
static void
good_plan(void)
{
	static const char *const sections[][2] = {
		{ "A", "Alex wants to work with trains." },
		{ "B", "Alex has a language disorder." },
		{ "C", "No health care needs identified." },
		{ "D", "No social care needs identified." },
		{ "E", "Outcomes for the key stage." },
		{ "G", "None." },
		{ "H1", "None." },
		{ "H2", "None." },
		{ "I", "Oak School, a maintained special school." },
		{ "J", "No personal budget requested." },
		{ "K", "Educational psychology advice, 2026-01-10." },
	};
	struct ehc_plan_item_in in;
	const char *b1[] = { "B1" }, *e1[] = { "E1" };
	char ref[EHC_PLAN_REF_LEN];
	size_t i;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		ck_assert_int_eq(ehc_plan_section_set(db, case_id,
		    ehc_plan_section_parse(sections[i][0]), sections[i][1]),
		    EHC_OK);
	in = item("Difficulty with expressive language");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_OK);
	ck_assert_str_eq(ref, "B1");
	in = item("Alex will order his own lunch at college");
	in.links = b1;
	in.nlinks = 1;
	in.pfa = "independent-living";
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_E, &in), EHC_OK);
	ck_assert_str_eq(ref, "E1");
	in = item("Speech and language therapy, individual sessions");
	in.amount = "45 minutes";
	in.frequency = "weekly";
	in.by = "speech and language therapist (HCPC registered)";
	in.links = e1;
	in.nlinks = 1;
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_F, &in), EHC_OK);
	ck_assert_str_eq(ref, "F1");
}

static int
collect(const struct ehc_plan_problem *p, void *payload)
{
	char *buf = payload;
	size_t used = strlen(buf);

	snprintf(buf + used, 4096 - used, "%s%s|%d|%s|%s;", p->section,
	    "", p->line, p->item ? p->item : "", p->rule);
	return 0;
}

/* Run the checker on the working copy; the problems as "S|line|item|rule;". */
static int
check_working(enum ehc_plan_stage stage, char *buf)
{
	struct ehc_plan plan;
	int n = -1;

	buf[0] = '\0';
	ck_assert_int_eq(ehc_plan_load(&plan, db, case_id, 0), EHC_OK);
	ck_assert_int_eq(ehc_plan_check(&n, &plan, stage,
	    D("2026-03-02"), collect, buf), EHC_OK);
	ehc_plan_release(&plan);
	return n;
}

START_TEST(test_sections)
{
	ck_assert_str_eq(ehc_plan_section_name(EHC_PLAN_H1), "H1");
	ck_assert_ptr_null(ehc_plan_section_name(EHC_PLAN_NSECTIONS));
	ck_assert_int_eq(ehc_plan_section_parse("h2"), EHC_PLAN_H2);
	ck_assert_int_eq(ehc_plan_section_parse("H"), -1);
	ck_assert_int_eq(ehc_plan_section_parse("L"), -1);
	ck_assert_int_eq(ehc_plan_section_kind(EHC_PLAN_C), EHC_PLAN_NEED);
	ck_assert_int_eq(ehc_plan_section_kind(EHC_PLAN_E), EHC_PLAN_OUTCOME);
	ck_assert_int_eq(ehc_plan_section_kind(EHC_PLAN_H2),
	    EHC_PLAN_PROVISION);
	ck_assert_int_eq(ehc_plan_section_kind(EHC_PLAN_I), EHC_PLAN_NONE);
	ck_assert_int_eq(ehc_plan_format_parse("md"), EHC_PLAN_MARKDOWN);
	ck_assert_int_eq(ehc_plan_format_parse("pdf"), -1);
	ck_assert_str_eq(ehc_plan_kind_name(EHC_PLAN_AMENDED), "amended");
}
END_TEST

START_TEST(test_school_year)
{
	/* Year 9 in 2025/26: born 1 September 2011 to 31 August 2012. */
	ck_assert_int_eq(ehc_plan_school_year(D("2012-05-01"),
	    D("2026-03-02")), 9);
	ck_assert_int_eq(ehc_plan_school_year(D("2012-08-31"),
	    D("2025-09-01")), 9);
	ck_assert_int_eq(ehc_plan_school_year(D("2012-09-01"),
	    D("2026-03-02")), 8);
	ck_assert_int_eq(ehc_plan_school_year(D("2011-09-01"),
	    D("2026-08-31")), 9);
	ck_assert_int_eq(ehc_plan_school_year(D("2011-09-01"),
	    D("2026-09-01")), 10);
	ck_assert_int_eq(ehc_plan_school_year(D("2020-09-01"),
	    D("2025-09-01")), 0);
}
END_TEST

START_TEST(test_section_text_validation)
{
	char *big;

	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "line one\n\tindented\n"), EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "bell\a"), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "control"));
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "cr\r\n"), EHC_EINVAL);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "bad \xc3\x28 utf-8"), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "UTF-8"));
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "overlong \xc0\xaf"), EHC_EINVAL);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "caf\xc3\xa9 \xe2\x80\x94 ok"), EHC_OK);
	big = malloc(EHC_PLAN_TEXT_MAX + 2);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', EHC_PLAN_TEXT_MAX + 1);
	big[EHC_PLAN_TEXT_MAX + 1] = '\0';
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A, big),
	    EHC_EINVAL);
	big[EHC_PLAN_TEXT_MAX] = '\0';
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A, big),
	    EHC_OK);
	free(big);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, 99, "x"),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id + 100, EHC_PLAN_A,
	    "x"), EHC_ENOTFOUND);
}
END_TEST

START_TEST(test_items)
{
	struct ehc_plan_item_in in;
	struct ehc_plan plan;
	const char *bad[] = { "F1" }, *none[] = { "B9" }, *b1[] = { "B1" };
	char ref[EHC_PLAN_REF_LEN];

	in = item("A need");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_A, &in), EHC_EINVAL);
	in.amount = "1 hour";
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_EINVAL);
	in = item("");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_EINVAL);
	in = item("two\nlines");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_EINVAL);
	in = item("Need one");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_OK);
	ck_assert_str_eq(ref, "B1");
	in = item("Health provision");
	in.links = none;
	in.nlinks = 1;
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_H1, &in), EHC_EINVAL);
	in.links = b1;
	in.pfa = "astrology";
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_H1, &in), EHC_EINVAL);
	in.pfa = "health";
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_H1, &in), EHC_OK);
	ck_assert_str_eq(ref, "H1.1");
	/* An outcome serves needs, not provision. */
	in = item("Outcome");
	in.links = bad;
	in.nlinks = 1;
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_E, &in), EHC_EINVAL);
	/* Edit: NULL leaves, "" clears; text cannot be cleared. */
	in = item(NULL);
	in.amount = "2 hours";
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "h1.1", &in), EHC_OK);
	in = item("");
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "H1.1", &in),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "H1.9", &in),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "H11", &in),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_plan_load(&plan, db, case_id, 0), EHC_OK);
	ck_assert_int_eq((int)plan.nitems, 2);
	ck_assert_str_eq(plan.items[1].ref, "H1.1");
	ck_assert_str_eq(plan.items[1].amount, "2 hours");
	ck_assert_str_eq(plan.items[1].pfa, "health");
	ck_assert_int_eq((int)plan.items[1].nlinks, 1);
	ck_assert_str_eq(plan.items[1].links[0], "B1");
	ehc_plan_release(&plan);
	/* Removing B1 drops the link; B1 is never given again. */
	ck_assert_int_eq(ehc_plan_item_remove(db, case_id, "B1"), EHC_OK);
	ck_assert_int_eq(ehc_plan_item_remove(db, case_id, "B1"),
	    EHC_ENOTFOUND);
	in = item("Need two");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_B, &in), EHC_OK);
	ck_assert_str_eq(ref, "B2");
	ck_assert_int_eq(ehc_plan_load(&plan, db, case_id, 0), EHC_OK);
	ck_assert_int_eq((int)plan.nitems, 2);
	ck_assert_str_eq(plan.items[0].ref, "B2");
	ck_assert_int_eq((int)plan.items[1].nlinks, 0);
	ehc_plan_release(&plan);
}
END_TEST

START_TEST(test_versions_immutable)
{
	struct ehc_plan v1, v2;
	int n = 0;
	char *err = NULL;

	ck_assert_int_eq(ehc_plan_version_latest(&n, db, case_id), EHC_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "First words."), EHC_OK);
	ck_assert_int_eq(ehc_plan_version_create(&n, db, case_id,
	    EHC_PLAN_DRAFT, D("2026-02-01")), EHC_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "Second words."), EHC_OK);
	ck_assert_int_eq(ehc_plan_version_create(&n, db, case_id,
	    EHC_PLAN_FINAL, D("2026-02-20")), EHC_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(ehc_plan_load(&v1, db, case_id, 1), EHC_OK);
	ck_assert_int_eq(ehc_plan_load(&v2, db, case_id, 2), EHC_OK);
	ck_assert_str_eq(v1.text[EHC_PLAN_A], "First words.");
	ck_assert_str_eq(v1.kind, "draft");
	ck_assert_str_eq(v2.text[EHC_PLAN_A], "Second words.");
	ehc_plan_release(&v1);
	ehc_plan_release(&v2);
	ck_assert_int_eq(ehc_plan_load(&v1, db, case_id, 3), EHC_ENOTFOUND);
	ehc_plan_release(&v1);
	/* The store itself refuses to change or delete a version. */
	ck_assert_int_ne(sqlite3_exec(db->h, "UPDATE plan_version SET "
	    "content = '{}'", NULL, NULL, &err), SQLITE_OK);
	ck_assert_ptr_nonnull(strstr(err, "immutable"));
	sqlite3_free(err);
	err = NULL;
	ck_assert_int_ne(sqlite3_exec(db->h, "DELETE FROM plan_version",
	    NULL, NULL, &err), SQLITE_OK);
	ck_assert_ptr_nonnull(strstr(err, "immutable"));
	sqlite3_free(err);
}
END_TEST

static int
count_lines(int section, char op, const char *line, void *payload)
{
	int *counts = payload;

	(void)section;
	(void)line;
	if (op == '@')
		counts[0]++;
	else if (op == '-')
		counts[1]++;
	else if (op == '+')
		counts[2]++;
	return 0;
}

START_TEST(test_diff)
{
	struct ehc_plan a, b;
	int counts[3] = { 0, 0, 0 }, changed = -1;

	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "one\ntwo\nthree"), EHC_OK);
	ck_assert_int_eq(ehc_plan_load(&a, db, case_id, 0), EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "one\n2\nthree\nfour"), EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_K,
	    "EP advice"), EHC_OK);
	ck_assert_int_eq(ehc_plan_load(&b, db, case_id, 0), EHC_OK);
	ck_assert_int_eq(ehc_plan_diff(&changed, &a, &b, 3, count_lines,
	    counts), EHC_OK);
	ck_assert_int_eq(changed, 2);
	ck_assert_int_eq(counts[0], 2);
	ck_assert_int_eq(counts[1], 2);	/* "two", K's "Nothing recorded." */
	ck_assert_int_eq(counts[2], 3);	/* "2", "four", "EP advice" */
	memset(counts, 0, sizeof(counts));
	ck_assert_int_eq(ehc_plan_diff(&changed, &a, &a, 3, count_lines,
	    counts), EHC_OK);
	ck_assert_int_eq(changed, 0);
	ck_assert_int_eq(counts[0], 0);
	ehc_plan_release(&a);
	ehc_plan_release(&b);
}
END_TEST

START_TEST(test_check_good)
{
	char buf[4096];

	good_plan();
	ck_assert_msg(check_working(EHC_PLAN_STAGE_FINAL, buf) == 0,
	    "problems: %s", buf);
	/* As a draft, section I must be blank. */
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_DRAFT, buf), 1);
	ck_assert_str_eq(buf, "I|1||section-i-in-draft;");
}
END_TEST

START_TEST(test_check_rules)
{
	struct ehc_plan_item_in in;
	const char *b1[] = { "B1" };
	char buf[4096], ref[EHC_PLAN_REF_LEN];

	good_plan();
	/* Vague narrative on line 2 of G; support with no number is vague. */
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_G,
	    "Nursing care plan.\nAccess to a quiet room as required.\n"
	    "Support from the school nurse.\nSupport for 20 minutes daily."),
	    EHC_OK);
	in = item("Regular support with reading");
	in.links = b1;
	in.nlinks = 1;
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_F, &in), EHC_OK);
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_FINAL, buf), 6);
	ck_assert_str_eq(buf, "F|0|F2|vague;F|0|F2|no-amount;"
	    "F|0|F2|no-frequency;F|0|F2|no-provider;G|2||vague;G|3||vague;");
	in = item(NULL);
	in.amount = "some sessions";
	in.frequency = "as required";
	in.by = "teaching assistant";
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "F2", &in), EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_G,
	    "None."), EHC_OK);
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_FINAL, buf), 2);
	ck_assert_str_eq(buf, "F|0|F2|vague;F|0|F2|unquantified;");
	/* An unmet need and unlinked provision. */
	ck_assert_int_eq(ehc_plan_item_remove(db, case_id, "F2"), EHC_OK);
	in = item("A second need");
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_C, &in), EHC_OK);
	in = item("Occupational therapy programme");
	in.amount = "30 minutes";
	in.frequency = "weekly";
	in.by = "occupational therapist";
	ck_assert_int_eq(ehc_plan_item_add(ref, sizeof(ref), db, case_id,
	    EHC_PLAN_G, &in), EHC_OK);
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_FINAL, buf), 2);
	ck_assert_str_eq(buf, "C|0|C1|unmet-need;G|0|G1|unlinked;");
	/* Preparation for adulthood: remove the only tagged outcome. */
	ck_assert_int_eq(ehc_plan_item_remove(db, case_id, "G1"), EHC_OK);
	ck_assert_int_eq(ehc_plan_item_remove(db, case_id, "C1"), EHC_OK);
	in = item(NULL);
	in.pfa = "";
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "E1", &in), EHC_OK);
	in = item("Alex will read a bus timetable");
	ck_assert_int_eq(ehc_plan_item_edit(db, case_id, "E1", &in), EHC_OK);
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_FINAL, buf), 1);
	ck_assert_str_eq(buf, "F|0||no-pfa;");
	/* Empty sections. */
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_K, ""),
	    EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_I, "\n "),
	    EHC_OK);
	ck_assert_int_eq(check_working(EHC_PLAN_STAGE_FINAL, buf), 3);
	ck_assert_str_eq(buf, "F|0||no-pfa;I|0||empty-section;"
	    "K|0||empty-section;");
}
END_TEST

START_TEST(test_render)
{
	struct ehc_plan plan;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	good_plan();
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "<script>alert(1)</script> & **bold**"), EHC_OK);
	ck_assert_int_eq(ehc_plan_load(&plan, db, case_id, 0), EHC_OK);
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ehc_plan_render(fp, &plan, EHC_PLAN_HTML), EHC_OK);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "<html lang=\"en-GB\">"));
	ck_assert_ptr_nonnull(strstr(buf, "@media print"));
	ck_assert_ptr_null(strstr(buf, "<script>"));
	ck_assert_ptr_nonnull(strstr(buf, "&lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(buf, "<strong>bold</strong>"));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(ehc_plan_render(fp, &plan, EHC_PLAN_MARKDOWN),
	    EHC_OK);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "## Section H1: "));
	ck_assert_ptr_nonnull(strstr(buf, "| F1 | Speech and language "));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(ehc_plan_render(fp, &plan, 99), EHC_EINVAL);
	fclose(fp);
	free(buf);
	ehc_plan_release(&plan);
}
END_TEST

START_TEST(test_sync)
{
	int n = -1;

	/* Nothing issued: nothing to take. */
	ck_assert_int_eq(ehc_plan_sync(&n, db, case_id), EHC_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(ehc_decide(db, case_id, EHC_DECIDE_ASSESS,
	    D("2025-10-20"), NULL), EHC_OK);
	ck_assert_int_eq(ehc_decide(db, case_id, EHC_DECIDE_ISSUE,
	    D("2026-01-10"), NULL), EHC_OK);
	ck_assert_int_eq(ehc_plan_section_set(db, case_id, EHC_PLAN_A,
	    "Views."), EHC_OK);
	/* Serving the draft keeps it as a version: nothing left to take. */
	ck_assert_int_eq(ehc_draft_issue(db, case_id, D("2026-02-01")),
	    EHC_OK);
	ck_assert_int_eq(ehc_plan_version_latest(&n, db, case_id), EHC_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ehc_plan_sync(&n, db, case_id), EHC_OK);
	ck_assert_int_eq(n, 0);
}
END_TEST

/* Render a template into a string; the status is returned. */
static int
letter(const char *tmpl, char **out)
{
	size_t len = 0;
	FILE *fp;
	int rc;

	*out = NULL;
	fp = open_memstream(out, &len);
	ck_assert_ptr_nonnull(fp);
	rc = ehc_letter_render(fp, db, case_id, tmpl, EHC_LETTER_TEXT);
	fclose(fp);
	return rc;
}

START_TEST(test_letter)
{
	const char *const *n;
	char *out;

	for (n = ehc_letter_names(); *n != NULL; n++)
		ck_assert_ptr_nonnull(ehc_letter_template(*n));
	ck_assert_ptr_null(ehc_letter_template("eviction"));
	ck_assert_int_eq(letter("{{ name }} born {{dob}}, {{school_year}}, "
	    "on {{today}}", &out), EHC_OK);
	ck_assert_str_eq(out, "Alex Smith born 1 May 2012, year 9, on "
	    "2 March 2026\n");
	free(out);
	/* Nothing is written when a field is unknown or has no value. */
	ck_assert_int_eq(letter("x {{nickname}}", &out), EHC_EINVAL);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "{{nickname}} on "
	    "line 1"));
	free(out);
	ck_assert_int_eq(letter("x\n{{name", &out), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "unclosed {{ on "
	    "line 2"));
	free(out);
	ck_assert_int_eq(letter("{{name}} {{draft_served}}", &out),
	    EHC_EINVAL);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "ehc draft CASE "
	    "issue"));
	free(out);
	ck_assert_int_eq(letter(ehc_letter_template("panel"), &out), EHC_OK);
	ck_assert_ptr_nonnull(strstr(out, "decide-assess"));
	free(out);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, fixture_teardown);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_school_year);
	tcase_add_test(tc, test_section_text_validation);
	tcase_add_test(tc, test_items);
	tcase_add_test(tc, test_versions_immutable);
	tcase_add_test(tc, test_diff);
	tcase_add_test(tc, test_check_good);
	tcase_add_test(tc, test_check_rules);
	tcase_add_test(tc, test_render);
	tcase_add_test(tc, test_sync);
	tcase_add_test(tc, test_letter);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(plan_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
