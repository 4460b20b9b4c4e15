/*
 * check_backup.c: unit tests for lib/backup.c: a backup taken while
 * another connection is in the middle of a write holds the store as it
 * was, and waits for that writer only to be recorded; a backup dropped
 * leaves nothing; a restore reapplies the retention removals made since
 * the backup, whatever hold the backup shows, refuses while another
 * writes, and changes nothing then.  Backups are checked and restored
 * with the store's audit key, and one taken before the store's log was
 * keyed is keyed with it as it comes back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"
#include "fixture.h"

/* A connection of another writer, in a write transaction that ran sql. */
static sqlite3 *
writer(const char *sql)
{
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	return h;
}

static void
writer_end(sqlite3 *h)
{
	ck_assert_int_eq(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
}

/* A new case: born dob, received on received; its id. */
static int64_t
add_case(const char *dob, const char *received)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	char ref[EHC_REF_LEN];
	int64_t id;

	in.forename = "Sam";
	in.surname = "Reed";
	in.dob = D(dob);
	in.received = D(received);
	in.source = "parent";
	ehc_db_set_today(db, D(received));
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ehc_db_set_today(db, D("2026-03-02"));
	return id;
}

START_TEST(backup_while_another_writes)
{
	const struct ehc_backup_info *info;
	struct ehc_backup *b;
	struct stat sb;
	char *path = fixture_path(tmpdir, "b.db");
	sqlite3 *w;

	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	add_case("2015-01-01", "2026-02-02");
	w = writer("UPDATE cases SET officer = 'during'");
	/* The copy needs no lock: it reads the store as it was. */
	ck_assert_int_eq(ehc_backup_copy(&b, db, path), EHC_OK);
	info = ehc_backup_info(b);
	ck_assert_int_eq(info->cases, 1);
	ck_assert_int_eq(info->schema, ehc_db_schema_version());
	ck_assert_int_eq(info->records, fixture_sql_int(dbpath,
	    "SELECT count(*) FROM audit"));
	ck_assert_int_eq(info->last, info->records);
	ck_assert_int_eq(stat(path, &sb), -1);
	/* Recording it does, and waits for the writer. */
	ehc_db_set_busy_timeout(db, 0);
	ck_assert_int_eq(ehc_backup_commit(b), EHC_EBUSY);
	ck_assert_int_eq(stat(path, &sb), -1);
	writer_end(w);
	ck_assert_int_eq(ehc_backup_commit(b), EHC_OK);
	ehc_backup_free(b);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0600);
	ck_assert_int_eq(fixture_sql_int(path, "SELECT count(*) FROM cases "
	    "WHERE officer IS NULL"), 1);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM cases "
	    "WHERE officer = 'during'"), 1);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit "
	    "WHERE action = 'backup' AND id = (SELECT max(id) FROM audit)"), 1);
	/* No transaction is left open on the caller's handle. */
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	free(path);
}
END_TEST

START_TEST(backup_dropped_leaves_nothing)
{
	struct ehc_backup *b;
	char *path = fixture_path(tmpdir, "b.db");
	int n = fixture_entries(tmpdir);

	ck_assert_int_eq(ehc_backup_copy(&b, db, path), EHC_OK);
	ck_assert_int_eq(fixture_entries(tmpdir), n + 1);
	ehc_backup_free(b);
	ck_assert_int_eq(fixture_entries(tmpdir), n);
	ck_assert_int_eq(ehc_backup_copy(&b, db, ""), EHC_EINVAL);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(fixture_entries(tmpdir), n);
	free(path);
}
END_TEST

/* The store's audit chain and every case's seal hold. */
static void
deep_verify(void)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;

	o.deep = 1;
	ck_assert_msg(ehc_audit_verify_with(&chk, db, &o) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
}

/* Back up to path and record it. */
static void
backup(const char *path)
{
	struct ehc_backup *b;

	ck_assert_int_eq(ehc_backup_copy(&b, db, path), EHC_OK);
	ck_assert_int_eq(ehc_backup_commit(b), EHC_OK);
	ehc_backup_free(b);
}

START_TEST(restore_reapplies_retention)
{
	struct ehc_restore_info r;
	char *path = fixture_path(tmpdir, "b.db");
	int64_t old, held, young, later;
	long long records;

	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	old = add_case("1990-06-01", "2005-05-01");
	held = add_case("1991-01-01", "2010-01-05");
	young = add_case("2016-09-12", "2026-01-05");
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_retention_hold(db, held, 1), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	backup(path);
	records = fixture_sql_int(path, "SELECT count(*) FROM audit");
	/* After the backup: the hold lifted, both removed, a new case. */
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_retention_hold(db, held, 0), EHC_OK);
	ck_assert_int_eq(ehc_retention_remove(db, old), EHC_OK);
	ck_assert_int_eq(ehc_retention_remove(db, held), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	later = add_case("2017-01-01", "2026-02-02");

	ck_assert_int_eq(ehc_restore(&r, db, path), EHC_OK);
	ck_assert_int_eq(r.backup.cases, 3);
	ck_assert_int_eq(r.backup.records, records);
	ck_assert_int_eq(r.reapplied, 2);
	ck_assert_int_eq(r.replaced, records + 5);
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	/* The handle reads the restored store. */
	ck_assert_int_eq(ehc_case_lookup(&later, db, "EHC-000004"),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_case_lookup(&old, db, "EHC-000001"),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_case_lookup(&held, db, "EHC-000002"),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_case_lookup(&young, db, "EHC-000003"), EHC_OK);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit"),
	    records + 3);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit "
	    "WHERE id > (SELECT max(id) FROM audit) - 3 AND action = "
	    "'retention' AND user = 'tester'"), 2);
	/* Removed again, their audit details go again (the digests stay). */
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit "
	    "WHERE case_id IN (1, 2) AND action <> 'retention' AND detail IS "
	    "NOT NULL"), 0);
	ck_assert_int_gt(fixture_sql_int(dbpath, "SELECT count(*) FROM audit "
	    "WHERE case_id IN (1, 2) AND digest IS NOT NULL"), 0);
	deep_verify();
	free(path);
}
END_TEST

/* A backup whose log was made with another audit key is another's. */
START_TEST(restore_refuses_other_key)
{
	struct ehc_restore_info r;
	struct ehc_db *mine = db;
	char *other = fixture_path(tmpdir, "fresh.db");
	char *path = fixture_path(tmpdir, "b.db");
	long long records = fixture_sql_int(dbpath, "SELECT count(*) FROM "
	    "audit");
	int n;

	ck_assert_int_eq(ehc_db_open(&db, other, EHC_DB_CREATE), EHC_OK);
	ck_assert_int_eq(ehc_db_set_user(db, "someone else"), EHC_OK);
	add_case("2016-01-01", "2026-02-02");
	backup(path);
	ehc_db_close(db);
	db = mine;
	n = fixture_entries(tmpdir);
	ck_assert_int_eq(ehc_restore(&r, db, path), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "made with another "
	    "audit key"));
	ck_assert_int_eq(fixture_entries(tmpdir), n);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit"),
	    records);
	free(other);
	free(path);
}
END_TEST

/* Without the store's key a copy cannot be checked: none is taken. */
START_TEST(backup_needs_key)
{
	struct ehc_backup *b;
	char *path = fixture_path(tmpdir, "b.db");
	char *key = fixture_path(tmpdir, "ehc.db.key");
	int n;

	ehc_db_close(db);
	ck_assert_int_eq(unlink(key), 0);
	ck_assert_int_eq(ehc_db_open(&db, dbpath, 0), EHC_OK);
	n = fixture_entries(tmpdir);
	ck_assert_int_eq(ehc_backup_copy(&b, db, path), EHC_EKEY);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "no audit key"));
	ck_assert_int_eq(fixture_entries(tmpdir), n);
	free(key);
	free(path);
}
END_TEST

/*
 * A backup taken before the store's log was keyed (schema 12) comes back
 * keyed with the store's key, matched with the store where it ends.
 */
START_TEST(restore_before_keying)
{
	struct ehc_restore_info r;
	char *path = fixture_path(tmpdir, "b.db");
	int64_t old, young;
	long long records;

	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	old = add_case("1990-06-01", "2005-05-01");
	young = add_case("2016-09-12", "2026-01-05");
	backup(path);
	fixture_as_schema_12(path, NULL);
	records = fixture_sql_int(path, "SELECT count(*) FROM audit");
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_retention_remove(db, old), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);

	ck_assert_msg(ehc_restore(&r, db, path) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	ck_assert_int_eq(r.backup.schema, ehc_db_schema_version());
	ck_assert_int_eq(r.backup.records, records);
	ck_assert_int_eq(r.backup.last, records);
	ck_assert_int_eq(r.reapplied, 1);
	ck_assert_int_eq(ehc_case_lookup(&old, db, "EHC-000001"),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_case_lookup(&young, db, "EHC-000002"), EHC_OK);
	/* Its records, the keying, the removal again and the restore. */
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit"),
	    records + 3);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit "
	    "WHERE action = 'audit rekey'"), 1);
	deep_verify();
	free(path);
}
END_TEST

START_TEST(restore_refused_while_another_writes)
{
	struct ehc_restore_info r;
	char *path = fixture_path(tmpdir, "b.db");
	long long records;
	sqlite3 *w;
	int n;

	add_case("2015-01-01", "2026-02-02");
	backup(path);
	add_case("2015-01-01", "2026-02-02");
	records = fixture_sql_int(dbpath, "SELECT count(*) FROM audit");
	n = fixture_entries(tmpdir);
	w = writer("UPDATE cases SET officer = 'during'");
	ehc_db_set_busy_timeout(db, 0);
	ck_assert_int_eq(ehc_restore(&r, db, path), EHC_EBUSY);
	ck_assert_str_ne(ehc_db_errmsg(db), "");
	writer_end(w);
	/* Nothing changed, and the private copy is gone. */
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM audit"),
	    records);
	ck_assert_int_eq(fixture_sql_int(dbpath, "SELECT count(*) FROM cases"),
	    2);
	ck_assert_int_eq(fixture_entries(tmpdir), n);
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	free(path);
}
END_TEST

START_TEST(restore_refuses_another_store)
{
	struct ehc_restore_info r;
	struct ehc_db *mine = db;
	char *path = fixture_path(tmpdir, "b.db");

	add_case("2015-01-01", "2026-02-02");
	db = fixture_store_open("other.db");
	ck_assert_int_eq(ehc_db_set_user(db, "someone else"), EHC_OK);
	add_case("2016-01-01", "2026-02-02");
	backup(path);
	ehc_db_close(db);
	db = mine;
	ck_assert_int_eq(ehc_restore(&r, db, path), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "not an earlier "
	    "state"));
	ck_assert_int_eq(ehc_restore(&r, db, "/nonexistent/b.db"),
	    EHC_ENOINPUT);
	free(path);
}
END_TEST

static Suite *
backup_suite(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("backup");

	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, backup_while_another_writes);
	tcase_add_test(tc, backup_dropped_leaves_nothing);
	tcase_add_test(tc, restore_reapplies_retention);
	tcase_add_test(tc, restore_refused_while_another_writes);
	tcase_add_test(tc, restore_refuses_another_store);
	tcase_add_test(tc, restore_refuses_other_key);
	tcase_add_test(tc, backup_needs_key);
	tcase_add_test(tc, restore_before_keying);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(backup_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
