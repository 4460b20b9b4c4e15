/*
 * check_team.c: unit tests for lib/store/role.c: a person's store gives
 * everyone the admin role and no role can be given in it; a team's
 * store keeps each login's role, keeps its last admin, audits every
 * change and every refusal, and an analyst's export names no child.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"
#include "fixture.h"

/* The role of login. */
static unsigned
role_of(const char *login)
{
	unsigned r = 99;

	ck_assert_int_eq(ehc_role_get(&r, db, login), EHC_OK);
	return r;
}

/* Make the store a team's, with root its admin. */
static void
share(void)
{
	ck_assert_int_eq(ehc_db_set_user(db, "root"), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_team_set(db, "ehc", "root"), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
}

/* The last audit record's action and detail, "action|detail". */
static char *
last_audit(void)
{
	sqlite3_stmt *st;
	char *s;

	ck_assert_int_eq(ehc__db_prepare(db, &st, "SELECT action || '|' || "
	    "detail FROM audit ORDER BY id DESC LIMIT 1"), EHC_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

START_TEST(names_of_roles)
{
	char out[EHC_ROLES_LEN];
	unsigned r;

	ck_assert_int_eq(ehc_role_parse(&r, "manager"), EHC_OK);
	ck_assert_uint_eq(r, EHC_ROLE_MANAGER);
	ck_assert_int_eq(ehc_role_parse(&r, "boss"), EHC_EINVAL);
	ck_assert_uint_eq(r, 0);
	ck_assert_str_eq(ehc_role_name(EHC_ROLE_ANALYST | EHC_ROLE_ADMIN),
	    "analyst");
	ck_assert_str_eq(ehc_role_name(0), "");
	ck_assert_int_eq(ehc_role_names(out, sizeof(out), EHC_ROLE_OFFICER |
	    EHC_ROLE_MANAGER | EHC_ROLE_ANALYST | EHC_ROLE_ADMIN), EHC_OK);
	ck_assert_str_eq(out, "officer, manager, analyst or admin");
	ck_assert_int_eq(ehc_role_names(out, sizeof(out), EHC_ROLE_ADMIN),
	    EHC_OK);
	ck_assert_str_eq(out, "admin");
	ck_assert_int_eq(ehc_role_names(out, 4, EHC_ROLE_ADMIN), EHC_EINVAL);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(person_is_admin)
{
	char group[EHC_GROUP_LEN];

	ck_assert_int_eq(ehc_team_group(group, sizeof(group), db), EHC_OK);
	ck_assert_str_eq(group, "");
	ck_assert_uint_eq(role_of("anyone"), EHC_ROLE_ADMIN);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_role_set(db, "jb", "officer", 0), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "one person's"));
	ehc_db_rollback(db);
}
END_TEST

START_TEST(team_roles)
{
	char group[EHC_GROUP_LEN], *a;

	share();
	ck_assert_int_eq(ehc_team_group(group, sizeof(group), db), EHC_OK);
	ck_assert_str_eq(group, "ehc");
	ck_assert_uint_eq(role_of("root"), EHC_ROLE_ADMIN);
	ck_assert_uint_eq(role_of("stranger"), 0);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_role_set(db, "uid:1001", "officer", 1), EHC_OK);
	ck_assert_int_eq(ehc_role_set(db, "ana", "analyst", 1), EHC_OK);
	ck_assert_int_eq(ehc_role_set(db, "jb", "boss", 0), EHC_EINVAL);
	ck_assert_int_eq(ehc_role_set(db, "root", "officer", 0), EHC_ESTATE);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	/* Names are an analyst's permission; others see them anyway. */
	ck_assert_uint_eq(role_of("uid:1001"), EHC_ROLE_OFFICER);
	ck_assert_uint_eq(role_of("ana"), EHC_ROLE_ANALYST | EHC_ROLE_NAMES);
	a = last_audit();
	ck_assert_str_eq(a, "role|ana=analyst names");
	free(a);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_role_set(db, "ana", "none", 0), EHC_OK);
	ck_assert_int_eq(ehc_role_refused(db, "ehc retention",
	    EHC_ROLE_ADMIN), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ck_assert_uint_eq(role_of("ana"), 0);
	a = last_audit();
	ck_assert_str_eq(a, "refused|ehc retention: needs admin");
	free(a);
}
END_TEST

START_TEST(analyst_export_masked)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	char ref[EHC_REF_LEN], *json;
	int64_t id;

	in.forename = "Amira";
	in.surname = "Khan";
	in.dob = D("2016-09-12");
	in.received = D("2026-01-05");
	in.source = "parent";
	in.postcode = "SW1A 1AA";
	ehc_db_set_today(db, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);
	ck_assert_int_eq(ehc_note_add(db, id, D("2026-03-01"), "call",
	    "rang Amira's mother"), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ehc_db_set_masked(db, 1);
	ck_assert_int_eq(ehc_case_export_json(&json, db, id), EHC_OK);
	ck_assert_ptr_null(strstr(json, "Khan"));
	ck_assert_ptr_null(strstr(json, "Amira"));
	ck_assert_ptr_null(strstr(json, "2016-09-12"));
	ck_assert_ptr_null(strstr(json, "SW1A"));
	ck_assert_ptr_nonnull(strstr(json, "\"surname\":null"));
	/* Free text may name the child: the note's is gone too. */
	ck_assert_ptr_null(strstr(json, "rang Amira"));
	ck_assert_ptr_nonnull(strstr(json, "\"text\":null"));
	ehc_free(json);
	/* The SEN2 message is for DfE: it names every child. */
	{
		struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
		FILE *fp;

		opt.year = 2026;
		ck_assert_ptr_nonnull(fp = tmpfile());
		ck_assert_int_eq(ehc_sen2_export_xml(NULL, db, &opt, fp),
		    EHC_EINVAL);
		ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "analyst"));
		ck_assert_int_eq(ftell(fp), 0);
		fclose(fp);
	}
	ehc_db_set_masked(db, 0);
	ck_assert_int_eq(ehc_case_export_json(&json, db, id), EHC_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"surname\":\"Khan\""));
	ehc_free(json);
}
END_TEST

static Suite *
team_suite(void)
{
	Suite *s = suite_create("team");
	TCase *tc = tcase_create("team");

	tcase_add_test(tc, names_of_roles);
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, person_is_admin);
	tcase_add_test(tc, team_roles);
	tcase_add_test(tc, analyst_export_masked);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(team_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
