/*
 * check_sen2.c: unit tests for the SEN2 return: the year tables
 * (lib/base/sen2_spec.c) hang together, the dated needs and named
 * settings the return reads (lib/steps), and the XML message
 * (lib/returns/sen2_export.c, sen2_xml.c): its serial, its options,
 * and the same message read back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "fixture.h"

/* ---- The year tables ---------------------------------------------------- */

START_TEST(years)
{
	const struct ehc__sen2_year *y;
	int year;

	ck_assert_ptr_null(ehc__sen2_year(2023));
	ck_assert_int_eq(ehc__sen2_first_year(), 2024);
	ck_assert_int_eq(ehc__sen2_last_year(), 2027);
	for (year = 2024; year <= 2027; year++) {
		ck_assert_ptr_nonnull(y = ehc__sen2_year(year));
		ck_assert_int_eq(y->year, year);
	}
	/* A later year is made as the last one described. */
	ck_assert_int_eq(ehc__sen2_year(2031)->year, 2027);
	ck_assert_date_eq(ehc__sen2_census_day(2026), "2026-01-15");
	ck_assert_date_eq(ehc__sen2_census_day(2027), "2027-01-21");
	ck_assert_date_eq(ehc__sen2_census_day(2022), "2022-01-20");
	ck_assert_int_eq(ehc__sen2_census_day(2031), EHC_NO_DATE);
}
END_TEST

/* Every entry of every year's order names an item, a group or a block. */
START_TEST(orders_consistent)
{
	const struct ehc__sen2_year *y;
	const char *const *p;
	int year, t, c, k, depth, seen[EHC__SEN2_MAXCOLS];

	for (year = 2024; year <= 2027; year++) {
		y = ehc__sen2_year(year);
		for (t = 0; t < EHC__SEN2_NTABLES; t++) {
			depth = 0;
			memset(seen, 0, sizeof(seen));
			for (p = y->xml[t]; *p != NULL; p++) {
				if (**p == '+')
					depth++;
				else if (**p == '-')
					ck_assert_int_ge(--depth, 0);
				else if (**p == '@') {
					for (k = 0; k < EHC__SEN2_NTABLES; k++)
						if (strcmp(ehc__sen2_tables[k].
						    element, *p + 1) == 0)
							break;
					ck_assert_msg(k < EHC__SEN2_NTABLES,
					    "%d: no block %s", year, *p);
				} else {
					c = ehc__sen2_column(t, *p);
					ck_assert_msg(c >= 0, "%d: %s has no "
					    "item %s", year,
					    ehc__sen2_tables[t].element, *p);
					ck_assert(!ehc__sen2_tables[t].
					    items[c].key);
					ck_assert_int_eq(seen[c]++, 0);
				}
			}
			ck_assert_int_eq(depth, 0);
		}
	}
	/* The latest year has every item; a code list for every code. */
	y = ehc__sen2_year(2027);
	for (t = 0; t < EHC__SEN2_NTABLES; t++)
		for (c = 0; c < ehc__sen2_tables[t].nitems; c++) {
			const struct ehc__sen2_item *it =
			    &ehc__sen2_tables[t].items[c];

			ck_assert_msg(ehc__sen2_in_year(y, t, it->name),
			    "2027 has no %s", it->name);
			if (it->list != NULL)
				ck_assert_ptr_nonnull(ehc__sen2_list(it->list,
				    2027));
		}
}
END_TEST

START_TEST(year_changes)
{
	const struct ehc__sen2_year *y24 = ehc__sen2_year(2024);
	const struct ehc__sen2_year *y25 = ehc__sen2_year(2025);
	const struct ehc__sen2_year *y26 = ehc__sen2_year(2026);
	const char *const *p;
	int i, j;

	/* RequestSource and DSCO arrive in 2025, compulsory in 2026. */
	ck_assert(!ehc__sen2_in_year(y24, EHC__SEN2_REQUESTS,
	    "RequestSource"));
	ck_assert(ehc__sen2_in_year(y25, EHC__SEN2_REQUESTS,
	    "RequestSource"));
	ck_assert(!ehc__sen2_in_year(y24, EHC__SEN2_HEADER, "DSCO"));
	ck_assert_ptr_null(ehc__sen2_list("RequestSource", 2024));
	ck_assert_str_eq(ehc__sen2_list("RequestSource", 2025), "1 2 3 4 5");
	ck_assert_int_eq(ehc__sen2_severity(y24, EHC__R_SOURCE), 0);
	ck_assert_int_eq(ehc__sen2_severity(y25, EHC__R_SOURCE), 'Q');
	ck_assert_int_eq(ehc__sen2_severity(y26, EHC__R_SOURCE), 'E');
	ck_assert_int_eq(ehc__sen2_severity(y26, EHC__R_NO_REVIEW), 'Q');
	/* 2026 moves LastReview to the end of ActivePlans. */
	for (p = y26->xml[EHC__SEN2_ACTIVEPLANS]; p[1] != NULL; p++)
		;
	ck_assert_str_eq(*p, "LastReview");
	for (p = y25->xml[EHC__SEN2_ACTIVEPLANS]; p[1] != NULL; p++)
		;
	ck_assert_str_eq(*p, "PhaseTransferFinalDate");
	/* Each rule has its own id. */
	for (i = 0; i < EHC__R_NRULES; i++)
		for (j = i + 1; j < EHC__R_NRULES; j++)
			ck_assert_str_ne(ehc__sen2_rules[i].id,
			    ehc__sen2_rules[j].id);
}
END_TEST

START_TEST(codes_and_times)
{
	ck_assert(ehc__sen2_code(ehc__sen2_list("SENtype", 0), "DS"));
	ck_assert(!ehc__sen2_code(ehc__sen2_list("SENtype", 0), "NSA"));
	ck_assert(!ehc__sen2_code(ehc__sen2_list("SENtype", 0), "AS"));
	ck_assert(ehc__sen2_code(ehc__sen2_list("UPNunknown", 0), "UN10"));
	ck_assert(!ehc__sen2_code(ehc__sen2_list("UPNunknown", 0), "UN1 "));
	ck_assert(!ehc__sen2_code(NULL, "UN1"));
	ck_assert(ehc__sen2_datetime_ok("2026-02-01T09:30:00"));
	ck_assert(ehc__sen2_datetime_ok("2024-02-29T23:59:59"));
	ck_assert(!ehc__sen2_datetime_ok("2026-02-30T09:30:00"));
	ck_assert(!ehc__sen2_datetime_ok("2026-02-01T24:00:00"));
	ck_assert(!ehc__sen2_datetime_ok("2026-02-01T09:60:00"));
	ck_assert(!ehc__sen2_datetime_ok("2026-02-01 09:30:00"));
	ck_assert(!ehc__sen2_datetime_ok("2026-02-01T09:30"));
	ck_assert(ehc_upn_valid("C929000000017"));
	ck_assert(!ehc_upn_valid("D929000000017"));
}
END_TEST

/* ---- Dated facts and the message --------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A case of the child upn (NULL: a new child) with a plan issued on
 * 2025-01-27; its id.
 */
static int64_t
plan_of(const char *upn)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	char ref[EHC_REF_LEN];
	int64_t id;

	ehc_db_set_today(db, D("2026-01-15"));
	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	in.forename = "Amira";
	in.surname = "Khan";
	in.dob = D("2016-09-12");
	in.received = D("2024-09-02");
	in.source = "parent";
	in.sex = "F";
	in.ethnicity = "APKN";
	in.upn = upn;
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);
	ck_assert_int_eq(ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2024-10-10"), NULL), EHC_OK);
	ck_assert_int_eq(ehc_decide(db, id, EHC_DECIDE_ISSUE, D("2024-12-20"),
	    NULL), EHC_OK);
	ck_assert_int_eq(ehc_draft_issue(db, id, D("2025-01-02")), EHC_OK);
	ck_assert_int_eq(ehc_draft_final(db, id, D("2025-01-27"), NULL),
	    EHC_OK);
	return id;
}

static int64_t
plan(void)
{
	return plan_of("C929000000017");
}

/* One row of a query as text. */
static char *
text(const char *sql)
{
	sqlite3_stmt *st;
	char *s;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = strdup(sqlite3_column_text(st, 0) ?
	    (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return s;
}

START_TEST(need_history)
{
	int64_t id = plan();
	char *s;

	/* The first need is in force from the plan's start. */
	ck_assert_int_eq(ehc_case_need(db, id, "ASD", 1), EHC_OK);
	ck_assert_int_eq(ehc_case_need(db, id, "SLCN", 2), EHC_OK);
	/* A need already in force changes nothing. */
	ck_assert_int_eq(ehc_case_need(db, id, "ASD", 1), EHC_OK);
	ehc_db_set_today(db, D("2026-06-01"));
	ck_assert_int_eq(ehc_case_need_at(db, id, "SLCN", 1, D("2026-05-01")),
	    EHC_OK);
	s = text("SELECT group_concat(type || rank || ' ' || start || ' ' || "
	    "coalesce(end, '-'), ', ') FROM (SELECT * FROM need ORDER BY id)");
	/* SLCN moves up: the primary ASD and the secondary SLCN end. */
	ck_assert_str_eq(s, "ASD1 2025-01-27 2026-04-30, SLCN2 2025-01-27 "
	    "2026-04-30, SLCN1 2026-05-01 -");
	free(s);
	ck_assert_int_eq(ehc_case_need_at(db, id, "MLD", 1, D("2026-04-30")),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_case_need_at(db, id, "MLD", 1, D("2026-06-02")),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_case_need_at(db, id, "XYZ", 1, EHC_NO_DATE),
	    EHC_EINVAL);
	/* A change on the day a need started replaces it. */
	ck_assert_int_eq(ehc_case_need_at(db, id, "MLD", 1, D("2026-05-01")),
	    EHC_OK);
	s = text("SELECT group_concat(type, ',') FROM need WHERE end IS NULL");
	ck_assert_str_eq(s, "MLD");
	free(s);
}
END_TEST

START_TEST(named_setting_history)
{
	struct ehc_placement_in in = EHC_PLACEMENT_IN_INIT;
	int64_t id = plan();
	int seq;
	char *s;

	in.urn = "100001";
	in.res = "A";
	ck_assert_int_eq(ehc_placement_add(&seq, db, id, &in), EHC_OK);
	in.urn = "100002";
	in.res = NULL;
	in.wbp = "S";
	in.entry = D("2025-09-01");
	ck_assert_int_eq(ehc_placement_add(&seq, db, id, &in), EHC_OK);
	ck_assert_int_eq(seq, 2);
	s = text("SELECT group_concat(urn || ' ' || start || ' ' || "
	    "coalesce(end, '-') || ' ' || coalesce(res, '-') || "
	    "coalesce(wbp, '-'), ', ') FROM (SELECT * FROM plan_detail "
	    "ORDER BY seq)");
	ck_assert_str_eq(s, "100001 2025-01-27 2025-08-31 A-, 100002 "
	    "2025-09-01 - -S");
	free(s);
	in.entry = D("2025-08-01");
	ck_assert_int_eq(ehc_placement_add(&seq, db, id, &in), EHC_EINVAL);
}
END_TEST

/*
 * The 2026 return's table file (sen2_NAME.csv) with PersonID left out of
 * each row, rows sorted, the header dropped; free() it.
 */
static char *
return_rows(const char *name)
{
	struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
	struct ehc_sen2_summary sum;
	char path[1024], line[512], *rows[256], *out;
	size_t n = 0, i, len = 1;
	FILE *fp;

	opt.year = 2026;
	snprintf(path, sizeof(path), "%s/ret", tmpdir);
	ck_assert_int_eq(ehc_sen2_export_csv(&sum, db, &opt, path), EHC_OK);
	snprintf(path, sizeof(path), "%s/ret/sen2_%s.csv", tmpdir, name);
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
	while (fgets(line, sizeof(line), fp) != NULL) {
		ck_assert_uint_lt(n, 256);
		ck_assert_ptr_nonnull(strchr(line, ','));
		rows[n] = strdup(strchr(line, ',') + 1);
		len += strlen(rows[n++]);
	}
	fclose(fp);
	qsort(rows, n, sizeof(*rows), cmp_str);
	ck_assert_ptr_nonnull(out = calloc(1, len));
	for (i = 0; i < n; i++) {
		strcat(out, rows[i]);
		free(rows[i]);
	}
	return out;
}

/*
 * The return reads each table in case order and searches again when
 * the cases, walked child by child, go back or jump ahead: each case
 * keeps its own needs and settings when children's requests interleave.
 */
START_TEST(requests_interleaved)
{
	static const char *const types[] = { "ASD", "SLCN", "MLD", "SEMH",
	    "HI" };
	struct ehc_placement_in in = EHC_PLACEMENT_IN_INIT;
	char urn[8], *needs, *named, *after;
	int64_t id;
	int i, seq;

	for (i = 0; i < 40; i++) {
		id = plan_of(NULL);
		ck_assert_int_eq(ehc_case_need(db, id, types[i % 5], 1),
		    EHC_OK);
		snprintf(urn, sizeof(urn), "1%05d", i);
		in.urn = urn;
		ck_assert_int_eq(ehc_placement_add(&seq, db, id, &in),
		    EHC_OK);
	}
	needs = return_rows("senneed");
	named = return_rows("plandetail");
	ck_assert_uint_gt(strlen(needs), 40 * 8);
	/* The first child's later requests: far ahead, then back. */
	ck_assert_int_eq(sqlite3_exec(db->h, "UPDATE cases SET person_id = "
	    "(SELECT person_id FROM cases ORDER BY id LIMIT 1) WHERE id IN "
	    "(SELECT id FROM cases ORDER BY id LIMIT -1 OFFSET 20) AND "
	    "id % 3 = 0", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_gt(sqlite3_changes(db->h), 4);
	after = return_rows("senneed");
	ck_assert_str_eq(after, needs);
	free(after);
	after = return_rows("plandetail");
	ck_assert_str_eq(after, named);
	free(after);
	free(needs);
	free(named);
}
END_TEST

/* The message for year written to a string; free() it. */
static char *
message(struct ehc_sen2_summary *sum, int year, int want)
{
	struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	opt.year = year;
	opt.datetime = "2026-02-01T09:30:00";
	ck_assert_int_eq(ehc_sen2_export_xml(sum, db, &opt, fp), want);
	fclose(fp);
	return buf;
}

START_TEST(message_serial)
{
	struct ehc_sen2_options bad = EHC_SEN2_OPTIONS_INIT;
	struct ehc_sen2_summary sum;
	int64_t id = plan();
	int64_t fid;
	struct ehc_funding_in f = EHC_FUNDING_IN_INIT;
	char *one, *two, *s;

	ck_assert_int_eq(ehc_case_need(db, id, "ASD", 1), EHC_OK);
	f.kind = "personal-budget";
	f.pence = 30000;
	f.per = "month";
	f.start = D("2025-03-01");
	f.covers = "social-care";
	f.direct_payment = 1;
	f.organised = 1;
	ck_assert_int_eq(ehc_money_add(&fid, db, id, &f), EHC_OK);
	one = message(&sum, 2026, EHC_OK);
	ck_assert_int_eq(sum.serial, 1);
	ck_assert_int_eq(sum.persons, 1);
	ck_assert_int_eq(sum.plans, 1);
	ck_assert_ptr_nonnull(strstr(one, "<SerialNo>001</SerialNo>"));
	ck_assert_ptr_nonnull(strstr(one, "<RequestOutcome>H</"
	    "RequestOutcome>"));
	ck_assert_ptr_nonnull(strstr(one, "<PB>1</PB>\n"
	    "            <OA>1</OA>\n            <DP>S</DP>"));
	s = text("SELECT value FROM setting WHERE key = 'sen2-serial:2026'");
	ck_assert_str_eq(s, "001");
	free(s);
	two = message(&sum, 2026, EHC_OK);
	ck_assert_int_eq(sum.serial, 2);
	ck_assert_ptr_nonnull(strstr(two, "<SerialNo>002</SerialNo>"));
	/* The 2025 return counts its own serials. */
	free(message(&sum, 2025, EHC_OK));
	ck_assert_int_eq(sum.serial, 1);
	bad.version = 99;
	bad.year = 2026;
	ck_assert_int_eq(ehc_sen2_export_xml(&sum, db, &bad, stdout),
	    EHC_EINVAL);
	bad.version = EHC_SEN2_OPTIONS_VERSION;
	bad.datetime = "yesterday";
	ck_assert_int_eq(ehc_sen2_export_xml(&sum, db, &bad, stdout),
	    EHC_EINVAL);
	free(one);
	free(two);
}
END_TEST

START_TEST(message_read_back)
{
	struct ehc_sen2_counts n;
	struct ehc_sen2_summary sum;
	struct ehc_db *other;
	char *path = fixture_path(tmpdir, "r.xml"), *one, *s;
	FILE *fp;
	int64_t id = plan();

	ck_assert_int_eq(ehc_case_need(db, id, "ASD", 1), EHC_OK);
	one = message(&sum, 2026, EHC_OK);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs(one, fp);
	fclose(fp);
	other = fixture_store_open("other.db");
	ehc_db_set_today(other, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_begin(other, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_sen2_import_counted(&n, other, path), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(other), EHC_OK);
	ck_assert_int_eq(n.people, 1);
	ck_assert_int_eq(n.cases, 1);
	ehc_db_close(db);
	db = other;
	s = text("SELECT type || ' ' || rank || ' ' || start FROM need");
	ck_assert_str_eq(s, "ASD 1 2025-01-27");
	free(s);
	s = text("SELECT value FROM setting WHERE key = 'sen2-serial:2026'");
	ck_assert_str_eq(s, "001");
	free(s);
	free(one);
	free(path);
}
END_TEST

static Suite *
sen2_suite(void)
{
	Suite *s = suite_create("sen2");
	TCase *spec = tcase_create("spec"), *tc = tcase_create("return");

	tcase_add_test(spec, years);
	tcase_add_test(spec, orders_consistent);
	tcase_add_test(spec, year_changes);
	tcase_add_test(spec, codes_and_times);
	suite_add_tcase(s, spec);
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, need_history);
	tcase_add_test(tc, named_setting_history);
	tcase_add_test(tc, message_serial);
	tcase_add_test(tc, message_read_back);
	tcase_add_test(tc, requests_interleaved);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sen2_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
