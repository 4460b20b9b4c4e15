/*
 * check_validate.c: unit tests for the one validator of text that
 * enters ehc (lib/store/validate.c) and the CSV writer's guard against
 * formulas and the SEN2 import's taking it off (lib/base/csv.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"
#include "fixture.h"

/* What ehc__text_fault() says of s (strlen), or "ok". */
static const char *
fault(const char *s, size_t max, unsigned flags)
{
	const char *f = ehc__text_fault(s, strlen(s), max, flags);

	return f != NULL ? f : "ok";
}

START_TEST(text_faults)
{
	static const struct {
		const char	*s;
		unsigned	 flags;
		const char	*want;
	} cases[] = {
		{ "Amira Khan", 0, "ok" },
		{ "Zo\xc3\xab \xc3\x93 N\xc3\xa9ill", 0, "ok" },
		{ "\xf0\x9f\x98\x80", 0, "ok" },		/* U+1F600 */
		{ "\xe2\x80\xa9", 0, "ok" },		/* U+2029, not bidi */
		{ "a\tb", 0, "contains a control character" },
		{ "a\tb", EHC__TEXT_TABS, "ok" },
		{ "a\nb", 0, "contains a line break" },
		{ "a\nb", EHC__TEXT_TABS, "contains a line break" },
		{ "a\nb\tc", EHC__TEXT_LINES, "ok" },
		{ "a\r\nb", EHC__TEXT_LINES, "contains a control character" },
		{ "\x1b[31m", 0, "contains a control character" },
		{ "a\x7f", 0, "contains a control character" },
		{ "a\xc2\x80", 0, "contains a control character" },
		{ "a\xc2\x9b" "31m", 0, "contains a control character" },
		{ "a\xc2\x9f", 0, "contains a control character" },
		{ "a\xc2\xa0", 0, "ok" },			/* U+00A0 */
		{ "a\xe2\x80\xaa", 0, "contains a bidirectional text "
		    "control" },
		{ "a\xe2\x80\xae", 0, "contains a bidirectional text "
		    "control" },
		{ "a\xe2\x81\xa6", 0, "contains a bidirectional text "
		    "control" },
		{ "a\xe2\x81\xa9", 0, "contains a bidirectional text "
		    "control" },
		{ "a\xe2\x81\xaa", 0, "ok" },		/* U+206A */
		{ "\xff", 0, "is not valid UTF-8" },
		{ "\xc0\xaf", 0, "is not valid UTF-8" },	/* overlong */
		{ "\xed\xa0\x80", 0, "is not valid UTF-8" },	/* surrogate */
		{ "\xf4\x90\x80\x80", 0, "is not valid UTF-8" },
		{ "\xe2\x80", 0, "is not valid UTF-8" },	/* cut short */
		{ "abcde", 0, "is too long" },		/* max 4 below */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(strcmp(fault(cases[i].s, i + 1 ==
		    sizeof(cases) / sizeof(cases[0]) ? 4 : 100,
		    cases[i].flags), cases[i].want) == 0, "case %zu: got '%s'",
		    i, fault(cases[i].s, 100, cases[i].flags));
	/* The limit counts characters, not bytes. */
	ck_assert_str_eq(fault("\xc3\xa9\xc3\xa9\xc3\xa9", 3, 0), "ok");
	ck_assert_str_eq(fault("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, 0),
	    "is too long");
	/* A NUL inside the given length is never cut at. */
	ck_assert_str_eq(ehc__text_fault("Jo\0nes", 6, 100, 0),
	    "contains a NUL byte");
}
END_TEST

START_TEST(check_text_messages)
{
	ck_assert_int_eq(ehc__check_text(db, "the surname", "Khan", 100, 1),
	    EHC_OK);
	ck_assert_int_eq(ehc__check_text(db, "the surname", "", 100, 1),
	    EHC_EINVAL);
	ck_assert_str_eq(ehc_db_errmsg(db), "the surname is empty; give a "
	    "value");
	ck_assert_int_eq(ehc__check_text(db, "the surname", NULL, 100, 0),
	    EHC_OK);
	ck_assert_int_eq(ehc__check_text(db, "the surname", "K\xe2\x80\xaeh",
	    100, 1), EHC_EINVAL);
	ck_assert_str_eq(ehc_db_errmsg(db), "the surname contains a "
	    "bidirectional text control; remove it");
	ck_assert_int_eq(ehc__check_text(db, "the surname", "Kh\xff", 100,
	    1), EHC_EINVAL);
	ck_assert_str_eq(ehc_db_errmsg(db), "the surname is not valid UTF-8; "
	    "remove it or write the text in UTF-8");
	ck_assert_int_eq(ehc__check_text(db, "the surname", "Khan", 3, 1),
	    EHC_EINVAL);
	ck_assert_str_eq(ehc_db_errmsg(db), "the surname is longer than 3 "
	    "characters; shorten it");
	/* The user name is text like any other. */
	ck_assert_int_eq(ehc_db_set_user(db, "jo\n2026"), EHC_EINVAL);
	ck_assert_int_eq(ehc_db_set_user(db, "jbloggs"), EHC_OK);
}
END_TEST

/* ehc__check_json() on text, and on the document cJSON made of it. */
static int
json(const char *text)
{
	cJSON *doc = cJSON_Parse(text);
	int rc;

	rc = ehc__check_json(db, "the file", text, strlen(text), doc);
	cJSON_Delete(doc);
	return rc;
}

START_TEST(json_checks)
{
	ck_assert_int_eq(json("{\"a\":\"Jones\",\"b\":[{\"c\":1},{\"c\":2}]}"),
	    EHC_OK);
	ck_assert_int_eq(json("{\"a\":\"Jo\\u0000nes\"}"), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "at byte 8"));
	ck_assert_int_eq(json("{\"a\":\"Jo\\U0000nes\"}"), EHC_OK);
	/* An escaped backslash then "u0000" is text, not a NUL. */
	ck_assert_int_eq(json("{\"a\":\"Jo\\\\u0000nes\"}"), EHC_OK);
	ck_assert_int_eq(json("{\"a\":\"Jo\\\\\\u0000nes\"}"), EHC_EINVAL);
	ck_assert_int_eq(json("{\"a\":1,\"a\":2}"), EHC_EINVAL);
	ck_assert_str_eq(ehc_db_errmsg(db), "the file repeats the key 'a' in "
	    "one object; give each key once");
	ck_assert_int_eq(json("[{\"x\":{\"y\":1,\"z\":2,\"y\":3}}]"),
	    EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "'y'"));
	/* The same key in two objects is no repeat. */
	ck_assert_int_eq(json("[{\"a\":1},{\"a\":1}]"), EHC_OK);
	ck_assert_int_eq(ehc__check_json(db, "the file", "{\"a\":\"J\0\"}",
	    10, NULL), EHC_EINVAL);
}
END_TEST

/* The field ehc_csv_field() writes for s, without its comma. */
static char *
csv(const char *s)
{
	static char buf[256];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	ck_assert_ptr_nonnull(fp);
	ehc_csv_field(fp, s, 0);
	fclose(fp);
	buf[strlen(buf) - 1] = '\0';
	return buf;
}

START_TEST(csv_formulas)
{
	static const struct {
		const char	*value, *field;
	} cases[] = {
		{ "=HYPERLINK(\"http://x\",\"click\")",
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"" },
		{ "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
		{ "+44 20 7946 0000", "'+44 20 7946 0000" },
		{ "-x", "'-x" },
		{ "@SUM(1)", "'@SUM(1)" },
		{ "\tx", "'\tx" },
		{ "\rx", "\"'\rx\"" },
		{ "-5", "-5" },
		{ "-12.50", "-12.50" },
		{ "+3", "+3" },
		{ "-", "'-" },
		{ "2026-01-05", "2026-01-05" },
		{ "'=x", "''=x" },
		{ "''=x", "'''=x" },
		{ "'-5", "'-5" },
		{ "'plain", "'plain" },
		{ "Khan", "Khan" },
		{ "", "" },
	};
	const char *f;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		f = csv(cases[i].value);
		ck_assert_msg(strcmp(f, cases[i].field) == 0, "%s: got %s",
		    cases[i].value, f);
		/* Read back (unquoted as a CSV reader would), it is exact. */
		if (*f == '"')
			continue;
		ck_assert_msg(strcmp(ehc__csv_guarded(f) ? f + 1 : f,
		    cases[i].value) == 0, "%s comes back as %s",
		    cases[i].value, f);
	}
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_test(tc, text_faults);
	tcase_add_test(tc, csv_formulas);
	suite_add_tcase(s, tc);
	tc = tcase_create("store");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, check_text_messages);
	tcase_add_test(tc, json_checks);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(validate_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
