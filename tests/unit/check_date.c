/*
 * check_date.c: unit tests for lib/date.c (parsing, formatting, weekdays,
 * calendar months with month-end clamping, ages), against
 * statutory-rules.md section 1 and the "Dates" row of its decisions table.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ehc/ehc.h>

#include "fixture.h"

/* ---- ehc_date_parse ---- */

START_TEST(parse_iso)
{
	int32_t day = -1;

	ck_assert_int_eq(ehc_date_parse(&day, "1970-01-01"), EHC_OK);
	ck_assert_int_eq(day, 0);
	ck_assert_int_eq(ehc_date_parse(&day, "1970-01-02"), EHC_OK);
	ck_assert_int_eq(day, 1);
	ck_assert_int_eq(ehc_date_parse(&day, "1969-12-31"), EHC_OK);
	ck_assert_int_eq(day, -1);
	ck_assert_int_eq(ehc_date_parse(&day, "2026-03-02"), EHC_OK);
	ck_assert_int_eq(day, ehc_date_from_ymd(2026, 3, 2));
	ck_assert_int_eq(day, 20514);
	ck_assert_int_eq(ehc_date_parse(&day, "1900-01-01"), EHC_OK);
	ck_assert_int_eq(ehc_date_parse(&day, "2199-12-31"), EHC_OK);
}
END_TEST

START_TEST(parse_uk)
{
	int32_t iso = 0, uk = 0;

	ck_assert_int_eq(ehc_date_parse(&uk, "02/03/2026"), EHC_OK);
	ck_assert_int_eq(ehc_date_parse(&iso, "2026-03-02"), EHC_OK);
	ck_assert_int_eq(uk, iso);
	/* DD/MM, never MM/DD: 13/01 is 13 January, 01/13 is refused. */
	ck_assert_int_eq(ehc_date_parse(&uk, "13/01/2026"), EHC_OK);
	ck_assert_date_eq(uk, "2026-01-13");
	ck_assert_int_eq(ehc_date_parse(&uk, "01/13/2026"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "29/02/2024"), EHC_OK);
	ck_assert_date_eq(uk, "2024-02-29");
	ck_assert_int_eq(ehc_date_parse(&uk, "29/02/2023"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "31/04/2026"), EHC_EINVAL);
	/* As officers type it: without the leading zeros. */
	ck_assert_int_eq(ehc_date_parse(&uk, "5/6/2026"), EHC_OK);
	ck_assert_date_eq(uk, "2026-06-05");
	ck_assert_int_eq(ehc_date_parse(&uk, "5/06/2026"), EHC_OK);
	ck_assert_date_eq(uk, "2026-06-05");
	ck_assert_int_eq(ehc_date_parse(&uk, "15/6/2026"), EHC_OK);
	ck_assert_date_eq(uk, "2026-06-15");
	ck_assert_int_eq(ehc_date_parse(&uk, "5/6/26"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "/6/2026"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "005/6/2026"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "5/6/2026/"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&uk, "5/+6/2026"), EHC_EINVAL);
}
END_TEST

START_TEST(parse_leap_day)
{
	int32_t day = 0;

	ck_assert_int_eq(ehc_date_parse(&day, "2024-02-29"), EHC_OK);
	ck_assert_int_eq(day, ehc_date_from_ymd(2024, 2, 29));
	ck_assert_date_eq(day, "2024-02-29");
	ck_assert_int_eq(ehc_date_parse(&day, "2000-02-29"), EHC_OK);
	/* 1900 and 2100 are not leap years (divisible by 100, not 400). */
	ck_assert_int_eq(ehc_date_parse(&day, "1900-02-29"), EHC_EINVAL);
	ck_assert_int_eq(ehc_date_parse(&day, "2100-02-29"), EHC_EINVAL);
}
END_TEST

static const char *const bad_dates[] = {
	"2015-02-30",		/* no 30 February */
	"2023-02-29",		/* 2023 is not a leap year */
	"2024-13-01",		/* no month 13 */
	"next tuesday",
	"2024-1-01",		/* month must have two digits */
	"",
	"2024-00-10",
	"2024-01-00",
	"2024-01-32",
	"2024-04-31",
	"2024/01/01",
	"20240101",
	"2024-01-01 ",
	" 2024-01-01",
	"2024-01-01T00:00",
	"2024-1-1",
	"01-01-2024",
	"+024-01-01",
	"2024-0a-01",
	"1899-12-31",		/* before the supported range */
	"2200-01-01",		/* after it */
	"00/01/2024",
	"32/01/2024",
	"ab/cd/efgh",
};

START_TEST(parse_refused)
{
	const char *s = bad_dates[_i];
	int32_t day = 12345;

	ck_assert_msg(ehc_date_parse(&day, s) == EHC_EINVAL,
	    "'%s' was accepted", s);
}
END_TEST

START_TEST(parse_null)
{
	int32_t day = 0;

	ck_assert_int_eq(ehc_date_parse(&day, NULL), EHC_EINVAL);
}
END_TEST

/* ---- ehc_date_format, ehc_date_valid, ymd conversions ---- */

START_TEST(format_known)
{
	char buf[EHC_DATE_LEN];

	ehc_date_format(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "1970-01-01");
	ehc_date_format(buf, sizeof(buf), -1);
	ck_assert_str_eq(buf, "1969-12-31");
	ehc_date_format(buf, sizeof(buf), ehc_date_from_ymd(1900, 1, 1));
	ck_assert_str_eq(buf, "1900-01-01");
	ehc_date_format(buf, sizeof(buf), ehc_date_from_ymd(2199, 12, 31));
	ck_assert_str_eq(buf, "2199-12-31");
	ehc_date_format(buf, sizeof(buf), ehc_date_from_ymd(2026, 3, 2));
	ck_assert_str_eq(buf, "2026-03-02");
	ck_assert_uint_eq(strlen(buf), EHC_DATE_LEN - 1);
}
END_TEST

/*
 * Every day of the supported range survives format -> parse -> format.
 * 110,000 days: fixture_assert, which records only a failure.
 */
START_TEST(format_round_trip)
{
	int32_t first = ehc_date_from_ymd(1900, 1, 1);
	int32_t last = ehc_date_from_ymd(2199, 12, 31);
	int32_t day, back;
	char buf[EHC_DATE_LEN], uk[EHC_DATE_LEN];
	int y, m, d;

	for (day = first; day <= last; day++) {
		ehc_date_format(buf, sizeof(buf), day);
		fixture_assert(ehc_date_parse(&back, buf) == EHC_OK,
		    "cannot parse formatted %s", buf);
		fixture_assert(back == day, "%s came back as %ld", buf,
		    (long)back);
		ehc_date_to_ymd(&y, &m, &d, day);
		fixture_assert(ehc_date_valid(y, m, d), "%s: %d-%d-%d is not "
		    "valid", buf, y, m, d);
		fixture_assert(ehc_date_from_ymd(y, m, d) == day,
		    "%s: %d-%d-%d is day %ld", buf, y, m, d,
		    (long)ehc_date_from_ymd(y, m, d));
		snprintf(uk, sizeof(uk), "%02d/%02d/%04d", d, m, y);
		fixture_assert(ehc_date_parse(&back, uk) == EHC_OK,
		    "cannot parse %s", uk);
		fixture_assert(back == day, "%s came back as %ld", uk,
		    (long)back);
	}
}
END_TEST

START_TEST(valid_ymd)
{
	ck_assert(ehc_date_valid(2024, 2, 29));
	ck_assert(!ehc_date_valid(2023, 2, 29));
	ck_assert(!ehc_date_valid(2015, 2, 30));
	ck_assert(!ehc_date_valid(2024, 13, 1));
	ck_assert(!ehc_date_valid(2024, 0, 1));
	ck_assert(!ehc_date_valid(2024, 1, 0));
	ck_assert(!ehc_date_valid(2024, 6, 31));
	ck_assert(ehc_date_valid(2024, 12, 31));
	ck_assert(!ehc_date_valid(1899, 12, 31));
	ck_assert(!ehc_date_valid(2200, 1, 1));
}
END_TEST

/* ---- ehc_date_weekday: 0 Monday ... 6 Sunday ---- */

START_TEST(weekday)
{
	ck_assert_int_eq(ehc_date_weekday(D("1970-01-01")), 3);  /* Thu */
	ck_assert_int_eq(ehc_date_weekday(D("1969-12-31")), 2);  /* Wed */
	ck_assert_int_eq(ehc_date_weekday(D("1900-01-01")), 0);  /* Mon */
	ck_assert_int_eq(ehc_date_weekday(D("2026-03-02")), 0);  /* Mon */
	ck_assert_int_eq(ehc_date_weekday(D("2026-03-07")), 5);  /* Sat */
	ck_assert_int_eq(ehc_date_weekday(D("2026-04-15")), 2);  /* Wed */
	ck_assert_int_eq(ehc_date_weekday(D("2026-07-25")), 5);  /* Sat */
	ck_assert_int_eq(ehc_date_weekday(D("2026-11-03")), 1);  /* Tue */
	ck_assert_int_eq(ehc_date_weekday(D("2026-12-28")), 0);  /* Mon */
	ck_assert_int_eq(ehc_date_weekday(D("2027-02-12")), 4);  /* Fri */
	ck_assert_int_eq(ehc_date_weekday(D("2027-02-14")), 6);  /* Sun */
	ck_assert_int_eq(ehc_date_weekday(D("2025-03-15")), 5);  /* Sat */
	ck_assert_int_eq(ehc_date_weekday(D("2024-02-29")), 3);  /* Thu */
}
END_TEST

START_TEST(weekday_cycle)
{
	int32_t first = D("1900-01-01"), day;

	for (day = first; day < first + 7 * 5000; day++)
		fixture_assert(ehc_date_weekday(day) ==
		    (ehc_date_weekday(day - 1) + 1) % 7, "day %ld is weekday "
		    "%d, the day before %d", (long)day, ehc_date_weekday(day),
		    ehc_date_weekday(day - 1));
}
END_TEST

/* ---- ehc_date_add_months: corresponding date, month-end clamping ---- */

static const struct {
	const char	*from;
	int		 n;
	const char	*to;
} months[] = {
	/* statutory-rules.md 1.1: 2026-12-31 + 2 months = 2027-02-28 */
	{ "2026-12-31", 2, "2027-02-28" },
	/* 31 July - 5 months = the end of February (reg 18(2)) */
	{ "2027-07-31", -5, "2027-02-28" },
	{ "2028-07-31", -5, "2028-02-29" },
	{ "2026-07-31", -5, "2026-02-28" },
	/* s44: 2025-03-15 + 12 months = 2026-03-15 (the review is a day before) */
	{ "2025-03-15", 12, "2026-03-15" },
	/* 29 February + 12 months has no 29th: the month's last day */
	{ "2024-02-29", 12, "2025-02-28" },
	{ "2024-02-29", 48, "2028-02-29" },
	{ "2024-02-29", -12, "2023-02-28" },
	{ "2024-01-31", 1, "2024-02-29" },
	{ "2023-01-31", 1, "2023-02-28" },
	{ "2026-01-31", 3, "2026-04-30" },
	{ "2026-03-31", -1, "2026-02-28" },
	{ "2026-10-31", 1, "2026-11-30" },
	{ "2026-06-10", 2, "2026-08-10" },
	{ "2026-01-15", -1, "2025-12-15" },
	{ "2026-01-15", -13, "2024-12-15" },
	{ "2026-12-15", 1, "2027-01-15" },
	{ "2026-11-30", 3, "2027-02-28" },
	{ "2026-05-17", 0, "2026-05-17" },
	{ "2026-08-31", 6, "2027-02-28" },
	{ "2026-03-01", 3, "2026-06-01" },
	{ "2026-02-28", 12, "2027-02-28" },
	{ "1999-12-31", 2, "2000-02-29" },
	{ "2099-12-31", 2, "2100-02-28" },
};

START_TEST(add_months)
{
	char buf[EHC_DATE_LEN];

	ehc_date_format(buf, sizeof(buf),
	    ehc_date_add_months(D(months[_i].from), months[_i].n));
	ck_assert_msg(strcmp(buf, months[_i].to) == 0, "%s %+d months gave "
	    "%s, expected %s", months[_i].from, months[_i].n, buf,
	    months[_i].to);
}
END_TEST

/* ---- ehc_date_age ---- */

START_TEST(age)
{
	ck_assert_int_eq(ehc_date_age(D("2010-03-01"), D("2010-03-01")), 0);
	ck_assert_int_eq(ehc_date_age(D("2010-03-01"), D("2026-02-28")), 15);
	ck_assert_int_eq(ehc_date_age(D("2010-03-01"), D("2026-03-01")), 16);
	ck_assert_int_eq(ehc_date_age(D("2010-03-01"), D("2026-12-31")), 16);
	ck_assert_int_eq(ehc_date_age(D("2001-05-17"), D("2026-05-16")), 24);
	ck_assert_int_eq(ehc_date_age(D("2001-05-17"), D("2026-05-17")), 25);
	ck_assert_int_eq(ehc_date_age(D("2021-09-01"), D("2026-08-31")), 4);
	ck_assert_int_eq(ehc_date_age(D("2021-09-01"), D("2026-09-01")), 5);
	ck_assert_int_eq(ehc_date_age(D("2012-12-31"), D("2013-01-01")), 0);
	ck_assert_int_eq(ehc_date_age(D("2012-12-31"), D("2013-12-31")), 1);
}
END_TEST

/* Born on 29 February: in a common year the birthday is 1 March. */
START_TEST(age_leap_birthday)
{
	ck_assert_int_eq(ehc_date_age(D("2008-02-29"), D("2026-02-28")), 17);
	ck_assert_int_eq(ehc_date_age(D("2008-02-29"), D("2026-03-01")), 18);
	ck_assert_int_eq(ehc_date_age(D("2008-02-29"), D("2028-02-28")), 19);
	ck_assert_int_eq(ehc_date_age(D("2008-02-29"), D("2028-02-29")), 20);
}
END_TEST

/*
 * The store the fixture creates is a real one (style.md section 13).
 * The only test here that needs a store: the date functions are pure.
 */
START_TEST(fixture_store)
{
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(ehc_db_today(db), EHC_NO_DATE);
	ehc_db_set_today(db, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_today(db), D("2026-03-02"));
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, parse_iso);
	tcase_add_test(tc, parse_uk);
	tcase_add_test(tc, parse_leap_day);
	tcase_add_loop_test(tc, parse_refused, 0,
	    (int)(sizeof(bad_dates) / sizeof(bad_dates[0])));
	tcase_add_test(tc, parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, format_known);
	tcase_add_test(tc, format_round_trip);
	tcase_add_test(tc, valid_ymd);
	suite_add_tcase(s, tc);

	tc = tcase_create("weekday");
	tcase_add_test(tc, weekday);
	tcase_add_test(tc, weekday_cycle);
	suite_add_tcase(s, tc);

	tc = tcase_create("months");
	tcase_add_loop_test(tc, add_months, 0,
	    (int)(sizeof(months) / sizeof(months[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("age");
	tcase_add_test(tc, age);
	tcase_add_test(tc, age_leap_birthday);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, fixture_new_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, fixture_store);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(date_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
