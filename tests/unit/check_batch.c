/*
 * check_batch.c: unit tests for lib/batch.c, rows inserted several to a
 * statement: every row arrives whole and in order whatever the count,
 * a column a row does not set is NULL, a batch's parent is written
 * first, and a failure is reported.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "internal.h"
#include "fixture.h"

static const struct ehc__insert parent_insert = {
	"INSERT INTO temp.parent(id, name, born) VALUES ", 3, "adding a parent"
};
static const struct ehc__insert child_insert = {
	"INSERT INTO temp.child(parent_id, n) VALUES ", 2, "adding a child"
};

/* A copy of the suite's store, two temporary tables, a transaction. */
static void
setup(void)
{
	fixture_copy_store_setup();
	ck_assert_int_eq(ehc__db_exec(db, "CREATE TEMP TABLE parent ("
	    "id INTEGER PRIMARY KEY, name TEXT, born TEXT, "
	    "CHECK (name IS NULL OR name <> 'bad')); "
	    "CREATE TEMP TABLE child (parent_id INTEGER NOT NULL "
	    "REFERENCES parent(id), n INTEGER)"), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
}

static void
teardown(void)
{
	ehc_db_rollback(db);
	fixture_teardown();
}

/* One integer from a query on the handle. */
static long long
count(const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* n parents: id i + 1, name "p<i>" (none for every third), a date. */
static void
write_parents(struct ehc__batch *b, int n)
{
	char name[16];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		ehc__batch_int(b, 0, i + 1);
		if (i % 3 != 2)
			ehc__batch_text(b, 1, name);
		ehc__batch_date(b, 2, i % 2 ? EHC_NO_DATE : 20000 + i);
		ck_assert_int_eq(ehc__batch_row(b), EHC_OK);
	}
	ck_assert_int_eq(ehc__batch_flush(b), EHC_OK);
}

START_TEST(every_count)
{
	enum { R = EHC__BATCH_ROWS };
	static const int counts[] = { 0, 1, R - 1, R, R + 1, 2 * R + 8 };
	struct ehc__batch *b;
	size_t k;
	int n;

	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		n = counts[k];
		ck_assert_int_eq(ehc__db_exec(db, "DELETE FROM temp.parent"),
		    EHC_OK);
		ck_assert_int_eq(ehc__batch_open(db, &parent_insert, &b),
		    EHC_OK);
		write_parents(b, n);
		ehc__batch_close(b);
		ck_assert_int_eq(count("SELECT count(*) FROM temp.parent"), n);
		/* Each row as given: names, unset names NULL, dates. */
		ck_assert_int_eq(count("SELECT count(*) FROM temp.parent WHERE "
		    "name IS (CASE WHEN (id - 1) % 3 = 2 THEN NULL ELSE 'p' || "
		    "(id - 1) END)"), n);
		ck_assert_int_eq(count("SELECT count(*) FROM temp.parent WHERE "
		    "born IS (CASE WHEN id % 2 = 0 THEN NULL ELSE "
		    "date((20000 + id - 1) * 86400, 'unixepoch') END)"), n);
	}
}
END_TEST

/* A child batch written before its parent's would break the key. */
START_TEST(parent_first)
{
	struct ehc__batch *parent, *child;
	int i;

	/* The handle enforces foreign keys (db.c). */
	ck_assert_int_eq(ehc__batch_open(db, &parent_insert, &parent), EHC_OK);
	ck_assert_int_eq(ehc__batch_open(db, &child_insert, &child), EHC_OK);
	ehc__batch_after(child, parent);
	for (i = 0; i < EHC__BATCH_ROWS + 4; i++) {
		ehc__batch_int(parent, 0, i + 1);
		ck_assert_int_eq(ehc__batch_row(parent), EHC_OK);
		ehc__batch_int(child, 0, i + 1);
		ehc__batch_int(child, 1, i);
		ck_assert_int_eq(ehc__batch_row(child), EHC_OK);
	}
	/* The child's flush writes the parent's last four rows first. */
	ck_assert_int_eq(ehc__batch_flush(child), EHC_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM temp.parent"),
	    EHC__BATCH_ROWS + 4);
	ck_assert_int_eq(count("SELECT count(*) FROM temp.child c JOIN "
	    "temp.parent p ON p.id = c.parent_id AND c.n = p.id - 1"),
	    EHC__BATCH_ROWS + 4);
	ehc__batch_close(child);
	ehc__batch_close(parent);
}
END_TEST

/* A row the table refuses fails the write, with the batch's words. */
START_TEST(failure_reported)
{
	struct ehc__batch *b;
	int i, rc = EHC_OK;

	ck_assert_int_eq(ehc__batch_open(db, &parent_insert, &b), EHC_OK);
	for (i = 0; i < EHC__BATCH_ROWS && rc == EHC_OK; i++) {
		ehc__batch_int(b, 0, i + 1);
		ehc__batch_text(b, 1, i == 9 ? "bad" : "good");
		rc = ehc__batch_row(b);
	}
	ck_assert_int_ne(rc, EHC_OK);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "adding a parent"));
	ehc__batch_close(b);
	/* One of a few left over, written one at a time, fails too. */
	ck_assert_int_eq(ehc__batch_open(db, &parent_insert, &b), EHC_OK);
	ehc__batch_int(b, 0, 100);
	ehc__batch_text(b, 1, "bad");
	ck_assert_int_eq(ehc__batch_row(b), EHC_OK);
	ck_assert_int_ne(ehc__batch_flush(b), EHC_OK);
	ehc__batch_close(b);
	ck_assert_int_eq(count("SELECT count(*) FROM temp.parent WHERE id = "
	    "100"), 0);
}
END_TEST

static Suite *
batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("batch");

	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_count);
	tcase_add_test(tc, parent_first);
	tcase_add_test(tc, failure_reported);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(batch_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
