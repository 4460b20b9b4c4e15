/*
 * check_people.c: the people around a case and whom letters go to, its
 * safeguarding concerns, its CHC record (lib/steps/people.c), and the
 * decisions kept with their reasons, a refusal reconsidered
 * (lib/steps/case.c).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "fixture.h"

static int64_t child;		/* born 2016-09-12 */

static void
setup(void)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	char ref[EHC_REF_LEN];

	fixture_copy_store_setup();
	ehc_db_set_today(db, D("2026-03-02"));
	ehc_db_set_user(db, "cdodd");
	in.forename = "Amira";
	in.surname = "Khan";
	in.dob = D("2016-09-12");
	in.received = D("2026-01-05");
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&child, db, ref), EHC_OK);
}

static int64_t
add(const char *role, const char *name, int pr)
{
	struct ehc_contact_in in = EHC_CONTACT_IN_INIT;
	int64_t id = 0;

	in.role = role;
	in.name = name;
	in.pr = pr;
	ck_assert_msg(ehc_contact_add(&id, db, child, &in) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	return id;
}

static int
count_contact(const struct ehc_contact *c, void *payload)
{
	int *n = payload;

	(void)c;
	(*n)++;
	return 0;
}

START_TEST(contacts_added_and_refused)
{
	struct ehc_contact_in in = EHC_CONTACT_IN_INIT;
	int64_t id;
	int n = 0;

	ck_assert_int_eq(add("parent", "Jane Khan", 1), 1);
	ck_assert_int_eq(add("ep", "Dr Sam Reed", 0), 2);
	in.role = "ep";
	in.name = "X";
	in.pr = 1;
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_EINVAL);
	in.role = "uncle";
	in.pr = 0;
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_EINVAL);
	in.role = "parent";
	in.email = "no at sign";
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_EINVAL);
	in.email = NULL;
	in.address = "1 High Street\nMorpeth";
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_OK);
	in.name = "Bad\nName";
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_EINVAL);
	in.version = 99;
	ck_assert_int_eq(ehc_contact_add(&id, db, child, &in), EHC_EINVAL);
	ck_assert_int_eq(ehc_contact_add(&id, db, 999, &in), EHC_EINVAL);
	in.version = EHC_CONTACT_IN_VERSION;
	in.name = "Y";
	ck_assert_int_eq(ehc_contact_add(&id, db, 999, &in), EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_contact_foreach(db, child, count_contact, &n),
	    EHC_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(ehc_contact_remove(db, child, 2, D("2026-03-01")),
	    EHC_OK);
	ck_assert_int_eq(ehc_contact_remove(db, child, 2, D("2026-03-01")),
	    EHC_ESTATE);
	ck_assert_int_eq(ehc_contact_remove(db, child, 9, D("2026-03-01")),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_contact_remove(db, child, 1, D("2026-04-01")),
	    EHC_EINVAL);
}
END_TEST

START_TEST(letters_go_to_who_has_the_rights)
{
	char to[100], addr[100];

	ck_assert_int_eq(ehc_contact_addressee(to, sizeof(to), addr,
	    sizeof(addr), db, child, D("2026-03-02")), EHC_OK);
	ck_assert_str_eq(to, "parent or carer");
	ck_assert_str_eq(addr, "");
	add("carer", "Ali Khan", 0);
	add("parent", "Jane Khan", 1);
	add("parent", "Sam Khan", 1);
	add("young-person", "Amira Khan", 0);
	ck_assert_int_eq(ehc_contact_addressee(to, sizeof(to), NULL, 0, db,
	    child, D("2026-03-02")), EHC_OK);
	ck_assert_str_eq(to, "Jane Khan and Sam Khan");
	/* Compulsory school age ends on the last Friday of June 2033. */
	ck_assert_int_eq(ehc_school_age_end(D("2016-09-12")), D("2033-06-24"));
	ck_assert_int_eq(ehc_contact_addressee(to, sizeof(to), NULL, 0, db,
	    child, D("2033-06-24")), EHC_OK);
	ck_assert_str_eq(to, "Jane Khan and Sam Khan");
	ck_assert_int_eq(ehc_contact_addressee(to, sizeof(to), NULL, 0, db,
	    child, D("2033-06-25")), EHC_OK);
	ck_assert_str_eq(to, "Amira Khan");
	/* Cut to fit, never past the buffer. */
	ck_assert_int_eq(ehc_contact_addressee(to, 8, NULL, 0, db, child,
	    D("2026-03-02")), EHC_OK);
	ck_assert_str_eq(to, "Jane Kh");
	ck_assert_int_eq(ehc_contact_addressee(to, 0, NULL, 0, db, child,
	    D("2026-03-02")), EHC_EINVAL);
}
END_TEST

static int
flagged(void)
{
	struct ehc_case c;
	int v;

	ck_assert_int_eq(ehc_case_get(&c, db, child), EHC_OK);
	v = c.safeguarding + 2 * c.chc;
	ehc_case_release(&c);
	return v;
}

START_TEST(concerns_open_and_close)
{
	int64_t a, b;

	ck_assert_int_eq(ehc_concern_close(db, child, 0, D("2026-03-02")),
	    EHC_ESTATE);
	ck_assert_int_eq(ehc_concern_raise(&a, db, child, D("2026-02-20"),
	    NULL, "Disclosure at school.\nMASH referral."), EHC_OK);
	ck_assert_int_eq(flagged(), 1);
	ck_assert_int_eq(ehc_concern_raise(&b, db, child, D("2026-02-25"),
	    "DSL", NULL), EHC_OK);
	ck_assert_int_eq(ehc_concern_raise(&b, db, child, D("2026-03-09"),
	    "DSL", NULL), EHC_EINVAL);
	ck_assert_int_eq(ehc_concern_close(db, child, a, D("2026-02-19")),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_concern_close(db, child, a, D("2026-03-01")),
	    EHC_OK);
	/* One is still open: the flag stays. */
	ck_assert_int_eq(flagged(), 1);
	ck_assert_int_eq(ehc_concern_close(db, child, a, D("2026-03-01")),
	    EHC_ESTATE);
	ck_assert_int_eq(ehc_concern_close(db, child, 77, D("2026-03-01")),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_concern_close(db, child, 0, D("2026-03-02")),
	    EHC_OK);
	ck_assert_int_eq(flagged(), 0);
	/* A flag set with no concern recorded (an import) still clears. */
	ck_assert_int_eq(ehc_case_flag(db, child, "safeguarding", 1), EHC_OK);
	ck_assert_int_eq(flagged(), 1);
	ck_assert_int_eq(ehc_concern_close(db, child, 0, D("2026-03-02")),
	    EHC_OK);
	ck_assert_int_eq(flagged(), 0);
	ck_assert_int_eq(ehc_concern_close(db, child, 0, D("2026-03-02")),
	    EHC_ESTATE);
}
END_TEST

START_TEST(chc_referred_then_decided)
{
	struct ehc_chc h;

	ck_assert_int_eq(ehc_chc_record(db, child, "eligible",
	    D("2026-02-01")), EHC_ESTATE);
	ck_assert_int_eq(ehc_chc_record(db, child, "soon", D("2026-02-01")),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_chc_record(db, child, "referred",
	    D("2026-02-01")), EHC_OK);
	ck_assert_int_eq(ehc_chc_record(db, child, "referred",
	    D("2026-02-02")), EHC_ESTATE);
	ck_assert_int_eq(ehc_chc_record(db, child, "eligible",
	    D("2026-01-31")), EHC_EINVAL);
	ck_assert_int_eq(ehc_chc_record(db, child, "eligible",
	    D("2026-02-20")), EHC_OK);
	ck_assert_int_eq(flagged(), 2);
	ck_assert_int_eq(ehc_chc_record(db, child, "not-eligible",
	    D("2026-02-21")), EHC_ESTATE);
	ck_assert_int_eq(ehc_chc_get(&h, db, child), EHC_OK);
	ck_assert_int_eq(h.referred, D("2026-02-01"));
	ck_assert_str_eq(h.outcome, "eligible");
	ck_assert_int_eq(h.decided, D("2026-02-20"));
}
END_TEST

struct seen {
	char	text[400];
};

static int
note_decision(const struct ehc_decision_rec *r, void *payload)
{
	struct seen *s = payload;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%s%s:%s:%s:%s:%s",
	    len ? "|" : "", r->step, r->outcome, r->reason ? r->reason : "-",
	    r->support ? r->support : "-", r->reconsider ? r->reconsider :
	    "-");
	return 0;
}

START_TEST(refusal_reconsidered_keeps_the_first)
{
	struct ehc_decide_in in = EHC_DECIDE_IN_INIT;
	struct seen s = { "" };

	in.decision = EHC_DECIDE_NO_ASSESS;
	in.date = D("2026-02-10");
	in.reason = "met at SEN support";
	in.support = "SALT in school";
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_OK);
	in.decision = EHC_DECIDE_ASSESS;
	in.date = D("2026-02-20");
	in.support = NULL;
	in.reason = "new evidence";
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_ESTATE);
	in.reconsider = "whim";
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_EINVAL);
	in.reconsider = "tribunal";
	in.reason = NULL;
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_EINVAL);
	in.reason = "ordered to assess";
	in.date = D("2026-02-09");
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_EINVAL);
	in.date = D("2026-02-20");
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_OK);
	/* Not refused now: nothing to reconsider. */
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_ESTATE);
	in.reconsider = NULL;
	in.decision = EHC_DECIDE_ISSUE;
	in.support = "x";
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_EINVAL);
	ck_assert_int_eq(ehc_decision_foreach(db, child, note_decision, &s),
	    EHC_OK);
	ck_assert_str_eq(s.text, "assess:N:met at SEN support:SALT in "
	    "school:-|assess:Y:ordered to assess:-:tribunal");
}
END_TEST

START_TEST(decisions_before_they_were_kept)
{
	struct ehc_decide_in in = EHC_DECIDE_IN_INIT;
	struct seen s = { "" };

	/* A refusal as a store before the decision table holds it. */
	ck_assert_int_eq(ehc_decide(db, child, EHC_DECIDE_NO_ASSESS,
	    D("2026-02-10"), "old reason"), EHC_OK);
	ck_assert_int_eq(ehc__db_exec(db, "DELETE FROM decision"), EHC_OK);
	ck_assert_int_eq(ehc_decision_foreach(db, child, note_decision, &s),
	    EHC_OK);
	ck_assert_str_eq(s.text, "assess:N:old reason:-:-");
	in.decision = EHC_DECIDE_ASSESS;
	in.date = D("2026-02-20");
	in.reason = "mediation agreed";
	in.reconsider = "mediation";
	ck_assert_int_eq(ehc_decide_with(db, child, &in), EHC_OK);
	s.text[0] = '\0';
	ck_assert_int_eq(ehc_decision_foreach(db, child, note_decision, &s),
	    EHC_OK);
	ck_assert_str_eq(s.text, "assess:N:old reason:-:-|"
	    "assess:Y:mediation agreed:-:mediation");
}
END_TEST

static Suite *
people_suite(void)
{
	Suite *s = suite_create("people");
	TCase *tc = tcase_create("people");

	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, fixture_teardown);
	tcase_add_test(tc, contacts_added_and_refused);
	tcase_add_test(tc, letters_go_to_who_has_the_rights);
	tcase_add_test(tc, concerns_open_and_close);
	tcase_add_test(tc, chc_referred_then_decided);
	tcase_add_test(tc, refusal_reconsidered_keeps_the_first);
	tcase_add_test(tc, decisions_before_they_were_kept);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(people_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
