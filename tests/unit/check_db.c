/*
 * check_db.c: unit tests for lib/db.c, lib/schema.c and lib/holiday.c:
 * opening and creating the store, schema versions, transactions and the
 * busy timeout, and the England and Wales working-day calendar.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"	/* struct ehc_db: the handle's own connection */
#include "fixture.h"

/* One integer from a query on a separate, plain SQLite connection. */
static long long
sql_int(const char *path, const char *sql)
{
	return fixture_sql_int(path, sql);
}

/* One text value from a query on a connection; the result is static. */
static const char *
conn_text(sqlite3 *h, const char *sql)
{
	static char buf[256];
	sqlite3_stmt *st;

	buf[0] = '\0';
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
}

/* ---- opening and creating ---- */

START_TEST(create_private_file)
{
	struct stat sb;

	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	ck_assert_msg((sb.st_mode & 07777) == 0600, "mode %o, expected 0600",
	    (unsigned)(sb.st_mode & 07777));
}
END_TEST

/* A umask that would allow more must not widen the mode. */
START_TEST(create_private_despite_umask)
{
	struct ehc_db *other;
	struct stat sb;
	char *p = fixture_path(tmpdir, "open.db");
	mode_t old = umask(0);

	ck_assert_int_eq(ehc_db_open(&other, p, EHC_DB_CREATE), EHC_OK);
	umask(old);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_msg((sb.st_mode & 07777) == 0600, "mode %o, expected 0600",
	    (unsigned)(sb.st_mode & 07777));
	ehc_db_close(other);
	free(p);
}
END_TEST

START_TEST(create_schema_version)
{
	ck_assert_int_gt(ehc_db_schema_version(), 0);
	ck_assert_int_eq(sql_int(dbpath, "PRAGMA user_version"),
	    ehc_db_schema_version());
	ck_assert_int_eq(sql_int(dbpath, "PRAGMA application_id"),
	    0x45484321);
}
END_TEST

START_TEST(create_wal_and_foreign_keys)
{
	sqlite3 *h;

	/* The handle's own connection. */
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
	ck_assert_str_eq(conn_text(db->h, "PRAGMA foreign_keys"), "1");
	/* WAL is a property of the file: a new connection sees it too. */
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_str_eq(conn_text(h, "PRAGMA journal_mode"), "wal");
	sqlite3_close(h);
}
END_TEST

START_TEST(create_sound)
{
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_str_eq(conn_text(h, "PRAGMA integrity_check"), "ok");
	ck_assert_str_eq(conn_text(h, "PRAGMA foreign_key_check"), "");
	sqlite3_close(h);
	/* The rules and the bank holidays are seeded. */
	ck_assert_int_gt(sql_int(dbpath, "SELECT count(*) FROM rule"), 10);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM holiday "
	    "WHERE date = '2026-12-28'"), 1);
}
END_TEST

/* Opening again (and read-only) works and changes nothing. */
START_TEST(reopen)
{
	struct ehc_db *again;

	ehc_db_close(db);
	db = NULL;
	ck_assert_int_eq(ehc_db_open(&again, dbpath, 0), EHC_OK);
	ehc_db_close(again);
	ck_assert_int_eq(ehc_db_open(&again, dbpath, EHC_DB_READONLY),
	    EHC_OK);
	ck_assert_int_eq(ehc_db_begin(again, EHC_TXN_READ), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(again), EHC_OK);
	ehc_db_close(again);
	ck_assert_int_eq(sql_int(dbpath, "PRAGMA user_version"),
	    ehc_db_schema_version());
}
END_TEST

START_TEST(missing_without_create)
{
	struct ehc_db *other = NULL;
	struct stat sb;
	char *p = fixture_path(tmpdir, "missing.db");

	ck_assert_int_eq(ehc_db_open(&other, p, 0), EHC_ENOSTORE);
	ck_assert_ptr_nonnull(other);
	ck_assert_str_ne(ehc_db_errmsg(other), "");
	ehc_db_close(other);
	ck_assert_int_eq(ehc_db_open(&other, p, EHC_DB_READONLY),
	    EHC_ENOSTORE);
	ehc_db_close(other);
	/* Nothing was created. */
	ck_assert_int_eq(stat(p, &sb), -1);
	free(p);
}
END_TEST

START_TEST(newer_schema_refused)
{
	struct ehc_db *other = NULL;
	sqlite3 *h;
	char sql[64];
	int newer = ehc_db_schema_version() + 1;

	ehc_db_close(db);
	db = NULL;
	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", newer);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	ck_assert_int_eq(ehc_db_open(&other, dbpath, 0), EHC_ESCHEMA);
	ck_assert_ptr_nonnull(other);
	ck_assert_str_ne(ehc_db_errmsg(other), "");
	ehc_db_close(other);
	ck_assert_int_eq(ehc_db_open(&other, dbpath, EHC_DB_CREATE),
	    EHC_ESCHEMA);
	ehc_db_close(other);
	ck_assert_int_eq(ehc_db_open(&other, dbpath, EHC_DB_READONLY),
	    EHC_ESCHEMA);
	ehc_db_close(other);
	/* The newer store is left as it was. */
	ck_assert_int_eq(sql_int(dbpath, "PRAGMA user_version"), newer);
}
END_TEST

/* Every deadline as text; free() the result. */
static char *
deadlines(void)
{
	sqlite3 *h;
	char *s;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	s = strdup(conn_text(h, "SELECT group_concat(case_id || ' ' || seq || "
	    "' ' || rule_id || ' ' || due || ' ' || coalesce(done, '-'), ',') "
	    "FROM (SELECT * FROM deadline ORDER BY case_id, seq)"));
	sqlite3_close(h);
	ck_assert_ptr_nonnull(s);
	return s;
}

/*
 * A store of schema 8 is upgraded in place.  Schema 9 writes CHECK (x IN
 * (...)) as comparisons: the rows are kept and what the old check
 * refused is still refused.  Schema 10 moves the deadlines to a table
 * WITHOUT ROWID: they are all there after.
 */
START_TEST(upgrade_from_8)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN], *before, *as_8, *after;
	sqlite3 *h;
	char sql[512];
	long long cookie;

	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE sql LIKE '%CHECK (% IN (%'"), 0);
	/* A case, and so deadlines, to carry across. */
	ehc_db_set_today(db, D("2026-03-02"));
	in = (struct ehc_request_in)EHC_REQUEST_IN_INIT;
	in.forename = "Sam";
	in.surname = "Reed";
	in.dob = D("2015-05-05");
	in.received = D("2026-02-02");
	in.source = "parent";
	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	before = deadlines();
	ck_assert_str_ne(before, "");
	ehc_db_close(db);
	db = NULL;
	/* Schema 8's text for person, and a person under it. */
	cookie = sql_int(dbpath, "PRAGMA schema_version");
	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA writable_schema = ON; "
	    "UPDATE sqlite_schema SET sql = replace(sql, "
	    "'CHECK (sex = ''M'' OR sex = ''F'')', "
	    "'CHECK (sex IN (''M'', ''F''))') WHERE name = 'person'; "
	    "PRAGMA schema_version = %lld; PRAGMA writable_schema = OFF; "
	    "PRAGMA user_version = 8", cookie + 1);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	/* Schema 8's deadlines: a rowid table. */
	ck_assert_int_eq(sqlite3_exec(h, "CREATE TABLE deadline_8 ("
	    "case_id INTEGER NOT NULL REFERENCES cases(id), seq INTEGER NOT "
	    "NULL, rule TEXT NOT NULL, rule_id TEXT NOT NULL, subject TEXT, "
	    "due TEXT NOT NULL, done TEXT, void INTEGER NOT NULL DEFAULT 0, "
	    "exception TEXT, advisory INTEGER NOT NULL DEFAULT 0, PRIMARY KEY "
	    "(case_id, seq)) STRICT; INSERT INTO deadline_8 SELECT * FROM "
	    "deadline; DROP TABLE deadline; ALTER TABLE deadline_8 RENAME TO "
	    "deadline; CREATE INDEX deadline_open ON deadline(due) WHERE done "
	    "IS NULL AND void = 0 AND advisory = 0", NULL, NULL, NULL),
	    SQLITE_OK);
	/* Without what schema 11 added. */
	ck_assert_int_eq(sqlite3_exec(h, "DROP TABLE reassessment; "
	    "ALTER TABLE cases DROP COLUMN year_offset; "
	    "ALTER TABLE dispute DROP COLUMN declined; "
	    "ALTER TABLE dispute DROP COLUMN agreement; "
	    "ALTER TABLE dispute DROP COLUMN health_only; "
	    "ALTER TABLE dispute DROP COLUMN agreement_done; "
	    "ALTER TABLE dispute DROP COLUMN health_told; "
	    "ALTER TABLE dispute DROP COLUMN received; "
	    "ALTER TABLE dispute DROP COLUMN response", NULL, NULL, NULL),
	    SQLITE_OK);
	/* Schema 8's needs, named settings and funding (schema 12's undone). */
	ck_assert_int_eq(sqlite3_exec(h, "DROP TABLE need; CREATE TABLE need ("
	    "case_id INTEGER NOT NULL REFERENCES cases(id), type TEXT NOT "
	    "NULL, rank INTEGER NOT NULL CHECK (rank = 1 OR rank = 2), "
	    "PRIMARY KEY (case_id, rank)) STRICT; ALTER TABLE plan_detail "
	    "DROP COLUMN start; ALTER TABLE plan_detail DROP COLUMN end; "
	    "ALTER TABLE plan_detail DROP COLUMN res; ALTER TABLE plan_detail "
	    "DROP COLUMN wbp; ALTER TABLE funding DROP COLUMN organised",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO person(forename, "
	    "surname, dob, sex) VALUES ('A', 'B', '2015-01-01', 'F')", NULL,
	    NULL, NULL), SQLITE_OK);
	/*
	 * Schema 13 undone too, with an empty log (check_audit.c tests the
	 * keying of a log that has records), and the roles of schema 14.
	 */
	ck_assert_int_eq(sqlite3_exec(h, FIXTURE_UNDO_AFTER_13 "DROP TABLE "
	    "seal; DROP TABLE history; DELETE FROM audit; ALTER TABLE audit "
	    "DROP COLUMN digest; ALTER TABLE audit RENAME COLUMN prev_mac "
	    "TO prev_hash; ALTER TABLE audit RENAME COLUMN mac TO hash",
	    NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE sql LIKE '%CHECK (sex IN (%'"), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'deadline' AND sql LIKE '%WITHOUT ROWID'"), 0);
	as_8 = deadlines();
	ck_assert_str_eq(as_8, before);
	free(as_8);

	ck_assert_int_eq(ehc_db_open(&db, dbpath, 0), EHC_OK);
	ck_assert_int_eq(sql_int(dbpath, "PRAGMA user_version"),
	    ehc_db_schema_version());
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE sql LIKE '%CHECK (% IN (%'"), 0);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'person' AND sql LIKE "
	    "'%CHECK (sex = ''M'' OR sex = ''F'')%'"), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM person"), 2);
	after = deadlines();
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'deadline' AND sql LIKE '%WITHOUT ROWID'"), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'deadline_open'"), 0);
	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	ck_assert_str_eq(conn_text(h, "PRAGMA integrity_check"), "ok");
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO person(forename, "
	    "surname, dob, sex) VALUES ('A', 'B', '2015-01-01', 'X')", NULL,
	    NULL, NULL), SQLITE_CONSTRAINT);
	ck_assert_int_eq(sqlite3_extended_errcode(h),
	    SQLITE_CONSTRAINT_CHECK);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO person(forename, "
	    "surname, dob, sex) VALUES ('A', 'B', '2015-01-01', NULL)", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}
END_TEST

/*
 * Another program's SQLite database is "not an ehc store": it is refused
 * and left untouched, never migrated into one.
 */
START_TEST(foreign_sqlite_refused)
{
	struct ehc_db *other = NULL;
	sqlite3 *h;
	char *p = fixture_path(tmpdir, "other.sqlite");

	ck_assert_int_eq(sqlite3_open(p, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "CREATE TABLE notes(x TEXT); "
	    "INSERT INTO notes VALUES ('keep me')", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(ehc_db_open(&other, p, 0), EHC_ENOSTORE);
	ehc_db_close(other);
	ck_assert_int_eq(sql_int(p, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'cases'"), 0);
	ck_assert_int_eq(sql_int(p, "PRAGMA user_version"), 0);
	free(p);
}
END_TEST

START_TEST(not_a_store_refused)
{
	struct ehc_db *other = NULL;
	char *p = fixture_path(tmpdir, "notes.txt");
	char text[4096];

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	write_file(p, text);
	ck_assert_int_eq(ehc_db_open(&other, p, 0), EHC_ENOSTORE);
	ck_assert_str_ne(ehc_db_errmsg(other), "");
	ehc_db_close(other);
	free(p);
}
END_TEST

START_TEST(close_null_and_idle_rollback)
{
	ehc_db_close(NULL);
	ehc_db_rollback(db);	/* no transaction open: harmless */
	ehc_db_rollback(NULL);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ehc_db_rollback(db);
	ehc_db_rollback(db);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_READ), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
}
END_TEST

START_TEST(user_and_today)
{
	ck_assert_int_eq(ehc_db_set_user(db, "jbloggs"), EHC_OK);
	ck_assert_int_eq(ehc_db_set_user(db, "asmith"), EHC_OK);
	ck_assert_int_eq(ehc_db_today(db), EHC_NO_DATE);
	ehc_db_set_today(db, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_today(db), D("2026-03-02"));
}
END_TEST

START_TEST(strerror_all)
{
	static const int codes[] = { EHC_OK, EHC_ERROR, EHC_ENOMEM,
	    EHC_EINVAL, EHC_ENOTFOUND, EHC_EEXISTS, EHC_ESTATE, EHC_EBUSY,
	    EHC_ESCHEMA, EHC_EIO, EHC_ENOSTORE, EHC_ECREATE, EHC_ENOINPUT,
	    12345 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ck_assert_ptr_nonnull(ehc_strerror(codes[i]));
		ck_assert_str_ne(ehc_strerror(codes[i]), "");
	}
	ck_assert_str_ne(ehc_strerror(EHC_EBUSY), ehc_strerror(EHC_ESCHEMA));
}
END_TEST

/* ---- busy: BEGIN IMMEDIATE on one handle blocks another ---- */

START_TEST(busy_write)
{
	struct ehc_db *b = NULL;

	ck_assert_int_eq(ehc_db_open(&b, dbpath, 0), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ehc_db_set_busy_timeout(b, 0);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_EBUSY);
	ck_assert_str_ne(ehc_db_errmsg(b), "");
	/* A short wait is still refused while A holds the lock. */
	ehc_db_set_busy_timeout(b, 50);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_EBUSY);
	/* WAL: a reader is never blocked by the writer. */
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_READ), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(b), EHC_OK);
	/* Once A is done, B may write. */
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ehc_db_set_busy_timeout(b, 0);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(b), EHC_OK);
	ehc_db_close(b);
}
END_TEST

/* Closing a handle with an open transaction releases its lock. */
START_TEST(busy_released_on_close)
{
	struct ehc_db *b = NULL;

	ck_assert_int_eq(ehc_db_open(&b, dbpath, 0), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_OK);
	ehc_db_set_busy_timeout(db, 0);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_EBUSY);
	ehc_db_close(b);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
}
END_TEST

/* A store being written by another handle still opens (WAL readers). */
START_TEST(open_while_writing)
{
	struct ehc_db *b = NULL;

	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_db_open(&b, dbpath, 0), EHC_OK);
	ehc_db_close(b);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
}
END_TEST

/*
 * A bulk write into a store with no cases takes a rollback journal,
 * which writes each page once; WAL is back after it, either way.
 */
START_TEST(bulk_journal_then_wal)
{
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "delete");
	ck_assert_str_eq(conn_text(db->h, "PRAGMA synchronous"), "2");
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
	ck_assert_str_eq(conn_text(db->h, "PRAGMA synchronous"), "1");
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ehc_db_rollback(db);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
}
END_TEST

/*
 * A bulk write checks its references once, at its commit: a row that
 * refers to nothing undoes the whole write, and afterwards every row is
 * checked as it is written again, by statements prepared during the
 * bulk write too.
 */
START_TEST(bulk_keys_at_commit)
{
	static const char orphan[] = "INSERT INTO need(case_id, type, rank, "
	    "start) VALUES (424242, 'ASD', 1, '2026-01-05')";

	sqlite3_stmt *st;

	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA foreign_keys"), "0");
	/* Prepared now, with the keys off, and kept by the handle. */
	ck_assert_int_eq(ehc__db_cached(db, &st, orphan), EHC_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
	ck_assert_int_eq(ehc_db_commit(db), EHC_ERROR);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "need refers to a "
	    "row that is not there"));
	ck_assert_str_eq(conn_text(db->h, "PRAGMA foreign_keys"), "1");
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM need"), 0);

	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA foreign_keys"), "1");
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc__db_exec(db, orphan), EHC_ENOTFOUND);
	/* The statement prepared during the bulk write checks them too. */
	ck_assert_int_eq(ehc__db_cached(db, &st, orphan), EHC_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_CONSTRAINT_FOREIGNKEY);
	sqlite3_reset(st);
	ehc_db_rollback(db);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM need"), 0);
}
END_TEST

/*
 * The check at a bulk write's commit reads a parent's ids as a span
 * when they have no gap: a child value past either end, or at a gap
 * (looked up row by row then), is found; values inside it are not.
 */
static int
bulk_with(const char *const *sql)
{
	int rc;

	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_int_eq(ehc__db_exec(db, "INSERT INTO person(id, forename, "
	    "surname, dob) VALUES (1, 'Amy', 'Shaw', '2015-03-01'); INSERT "
	    "INTO cases(id, ref, person_id, created) VALUES (1, 'EHC-1', 1, "
	    "'x'), (2, 'EHC-2', 1, 'x'), (3, 'EHC-3', 1, 'x'); INSERT INTO "
	    "review(id, case_id, meeting) VALUES (7, 1, '2026-01-05'), "
	    "(8, 3, '2026-01-06')"), EHC_OK);
	for (; *sql != NULL; sql++)
		ck_assert_int_eq(ehc__db_exec(db, *sql), EHC_OK);
	if ((rc = ehc_db_commit(db)) == EHC_OK) {
		ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
		ck_assert_int_eq(ehc__db_exec(db, "DELETE FROM amendment; "
		    "DELETE FROM need; DELETE FROM review; DELETE FROM cases; "
		    "DELETE FROM person"), EHC_OK);
		ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	}
	return rc;
}

START_TEST(bulk_keys_by_span)
{
	static const char need[] = "INSERT INTO need(case_id, type, rank, "
	    "start) VALUES ";
	char a[160], b[160], c[160], d[160], e[160];
	const char *inside[] = { a, b, NULL }, *above[] = { c, NULL },
	    *below[] = { d, NULL }, *gap[] = { "DELETE FROM cases WHERE id = 2",
	    e, NULL }, *gap_ok[] = { "DELETE FROM cases WHERE id = 2", a,
	    NULL }, *review[] = { "INSERT INTO amendment(case_id, review_id, "
	    "proposed) VALUES (1, 9, '2026-02-01')", NULL };

	snprintf(a, sizeof(a), "%s(1, 'ASD', 1, '2026-01-05'), (3, 'ASD', 1, "
	    "'2026-01-05')", need);
	snprintf(b, sizeof(b), "INSERT INTO amendment(case_id, review_id, "
	    "proposed) VALUES (1, 7, '2026-02-01'), (2, 8, '2026-02-01')");
	snprintf(c, sizeof(c), "%s(4, 'ASD', 1, '2026-01-05')", need);
	snprintf(d, sizeof(d), "%s(0, 'ASD', 1, '2026-01-05')", need);
	snprintf(e, sizeof(e), "%s(2, 'ASD', 1, '2026-01-05')", need);
	ck_assert_int_eq(bulk_with(inside), EHC_OK);
	ck_assert_int_eq(bulk_with(above), EHC_ERROR);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "need refers to a "
	    "row that is not there"));
	ck_assert_int_eq(bulk_with(below), EHC_ERROR);
	ck_assert_int_eq(bulk_with(gap), EHC_ERROR);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "need refers"));
	ck_assert_int_eq(bulk_with(gap_ok), EHC_OK);
	ck_assert_int_eq(bulk_with(review), EHC_ERROR);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "amendment refers"));
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM cases"), 0);
}
END_TEST

/* A store with cases, or open elsewhere, keeps its log for readers. */
START_TEST(bulk_keeps_wal_for_others)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	struct ehc_db *b = NULL;
	char ref[EHC_REF_LEN];

	ck_assert_int_eq(ehc_db_open(&b, dbpath, 0), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
	/* Still the one writer. */
	ehc_db_set_busy_timeout(b, 0);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_EBUSY);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ehc_db_close(b);

	in.forename = "Amy";
	in.surname = "Shaw";
	in.dob = D("2015-03-01");
	in.received = D("2026-01-05");
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
	    EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_BULK), EHC_OK);
	ck_assert_str_eq(conn_text(db->h, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
}
END_TEST

/* ---- the working-day calendar (statutory-rules.md section 9) ---- */

START_TEST(working_day)
{
	/* 2026-12-28 is the Boxing Day substitute bank holiday. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-29")), 1);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-25")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-24")), 1);
	/* Weekends. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-07")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-08")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-07-25")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-02-14")), 0);
	/* Ordinary weekdays. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-02")), 1);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-06")), 1);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-30")), 1);
	/* The other 2026 and 2027 bank holidays of section 9. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-01-01")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-04-03")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-04-06")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-05-04")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-05-25")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-08-31")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-01-01")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-03-26")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-03-29")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-05-03")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-05-31")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-08-30")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-12-27")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2027-12-28")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2025-08-25")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2025-12-26")), 0);
}
END_TEST

static const struct {
	const char	*day;
	const char	*before;
} before[] = {
	{ "2026-12-29", "2026-12-24" },	/* over Christmas and 28 Dec */
	{ "2026-12-28", "2026-12-24" },
	{ "2027-02-14", "2027-02-12" },	/* Sunday: the Friday */
	{ "2026-07-25", "2026-07-24" },	/* Saturday: the Friday */
	{ "2026-04-18", "2026-04-17" },
	{ "2026-06-27", "2026-06-26" },
	{ "2026-03-14", "2026-03-13" },
	{ "2026-04-07", "2026-04-02" },	/* over Easter */
	{ "2026-03-03", "2026-03-02" },	/* strictly before */
	{ "2026-03-02", "2026-02-27" },
	{ "2027-01-03", "2026-12-31" },	/* over New Year's Day */
	{ "2026-09-01", "2026-08-28" },	/* over the August bank holiday */
};

START_TEST(working_day_before)
{
	char buf[EHC_DATE_LEN];

	ehc_date_format(buf, sizeof(buf),
	    ehc_db_working_day_before(db, D(before[_i].day)));
	ck_assert_msg(strcmp(buf, before[_i].before) == 0, "the working day "
	    "before %s: got %s, expected %s", before[_i].day, buf,
	    before[_i].before);
}
END_TEST

static const struct {
	const char	*day;
	int		 n;
	const char	*result;
} added[] = {
	/* Example 28: 15 working days beginning with Mon 2026-03-02. */
	{ "2026-03-02", 14, "2026-03-20" },
	{ "2026-03-02", 0, "2026-03-02" },
	{ "2026-03-07", 0, "2026-03-09" },	/* Saturday: the Monday */
	{ "2026-12-28", 0, "2026-12-29" },	/* bank holiday: the next */
	{ "2026-12-24", 1, "2026-12-29" },
	{ "2026-12-24", 3, "2026-12-31" },
	{ "2026-12-24", 4, "2027-01-04" },
	{ "2026-08-28", 1, "2026-09-01" },
	{ "2026-08-31", 0, "2026-09-01" },	/* example 22 */
	{ "2026-04-02", 1, "2026-04-07" },
	{ "2026-03-06", 1, "2026-03-09" },
	{ "2026-03-02", 5, "2026-03-09" },
	{ "2026-02-02", 18, "2026-02-26" },
};

START_TEST(add_working_days)
{
	char buf[EHC_DATE_LEN];

	ehc_date_format(buf, sizeof(buf),
	    ehc_db_add_working_days(db, D(added[_i].day), added[_i].n));
	ck_assert_msg(strcmp(buf, added[_i].result) == 0, "%s + %d working "
	    "days: got %s, expected %s", added[_i].day, added[_i].n, buf,
	    added[_i].result);
}
END_TEST

/* ---- loading a GOV.UK bank-holidays file ---- */

static const char good_holidays[] =
    "{\"england-and-wales\": {\"division\": \"england-and-wales\", "
    "\"events\": [{\"title\": \"Test day\", \"date\": \"2026-03-04\", "
    "\"notes\": \"\", \"bunting\": true}]}, "
    "\"scotland\": {\"division\": \"scotland\", \"events\": [{\"title\": "
    "\"St Andrew's Day\", \"date\": \"2026-11-30\", \"notes\": \"\", "
    "\"bunting\": true}]}}";

START_TEST(load_holidays)
{
	char *p = fixture_path(tmpdir, "bank-holidays.json");
	long long audits = sql_int(dbpath, "SELECT count(*) FROM audit");

	write_file(p, good_holidays);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 0);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_db_load_holidays(db, p), EHC_OK);
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	/* The file replaces the calendar; only England and Wales counts. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-04")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 1);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-11-30")), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM holiday"), 1);
	/* Audited. */
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM audit"),
	    audits + 1);
	free(p);
}
END_TEST

static const char *const bad_holidays[] = {
	"this is not JSON",
	"{}",
	"[]",
	"{\"scotland\": {\"events\": [{\"title\": \"x\", \"date\": "
	    "\"2026-11-30\"}]}}",
	"{\"england-and-wales\": {\"events\": []}}",
	"{\"england-and-wales\": {\"events\": \"2026-03-04\"}}",
	"{\"england-and-wales\": {\"events\": [{\"title\": \"x\", "
	    "\"date\": \"2026-02-30\"}]}}",
	"{\"england-and-wales\": {\"events\": [{\"title\": \"x\", "
	    "\"date\": \"04/03/2026x\"}]}}",
	"{\"england-and-wales\": {\"events\": [{\"date\": \"2026-03-04\"}]}}",
	"{\"england-and-wales\": {\"events\": [{\"title\": \"x\", "
	    "\"date\": 20260304}]}}",
	"",
};

START_TEST(load_bad_holidays)
{
	char *p = fixture_path(tmpdir, "bad.json");
	long long audits = sql_int(dbpath, "SELECT count(*) FROM audit");

	write_file(p, bad_holidays[_i]);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_msg(ehc_db_load_holidays(db, p) == EHC_EINVAL,
	    "bad file %d was not refused with EHC_EINVAL", _i);
	ck_assert_str_ne(ehc_db_errmsg(db), "");
	ehc_db_rollback(db);
	/* The calendar is unchanged. */
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-04")), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM holiday "
	    "WHERE date = '2026-12-28'"), 1);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM audit"),
	    audits);
	free(p);
}
END_TEST

START_TEST(load_missing_holidays)
{
	char *p = fixture_path(tmpdir, "no-such-file.json");

	ck_assert_int_eq(ehc_db_load_holidays(db, p), EHC_ENOINPUT);
	ck_assert_str_ne(ehc_db_errmsg(db), "");
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 0);
	free(p);
	/* A directory is not a readable file either. */
	ck_assert_int_ne(ehc_db_load_holidays(db, tmpdir), EHC_OK);
}
END_TEST

/*
 * A load that is rolled back leaves the working-day calendar as the
 * store has it: the handle must not keep using the discarded holidays.
 */
START_TEST(load_holidays_rolled_back)
{
	char *p = fixture_path(tmpdir, "bank-holidays.json");

	write_file(p, good_holidays);
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_int_eq(ehc_db_load_holidays(db, p), EHC_OK);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-04")), 0);
	ehc_db_rollback(db);
	ck_assert_int_eq(sql_int(dbpath, "SELECT count(*) FROM holiday "
	    "WHERE date = '2026-12-28'"), 1);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-12-28")), 0);
	ck_assert_int_eq(ehc_db_is_working_day(db, D("2026-03-04")), 1);
	free(p);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc;

	/* What creating a store makes: each test creates its own. */
	tc = tcase_create("create");
	tcase_add_checked_fixture(tc, fixture_new_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, create_private_file);
	tcase_add_test(tc, create_schema_version);
	tcase_add_test(tc, create_wal_and_foreign_keys);
	tcase_add_test(tc, create_sound);
	suite_add_tcase(s, tc);

	/* Tests that make their own files and stores, or need none. */
	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, fixture_dir_setup, fixture_teardown);
	tcase_add_test(tc, create_private_despite_umask);
	tcase_add_test(tc, missing_without_create);
	tcase_add_test(tc, not_a_store_refused);
	tcase_add_test(tc, foreign_sqlite_refused);
	tcase_add_test(tc, strerror_all);
	suite_add_tcase(s, tc);

	/* The rest: a copy of a store made once for the suite. */
	tc = tcase_create("open");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, reopen);
	tcase_add_test(tc, upgrade_from_8);
	tcase_add_test(tc, newer_schema_refused);
	tcase_add_test(tc, close_null_and_idle_rollback);
	tcase_add_test(tc, user_and_today);
	suite_add_tcase(s, tc);

	tc = tcase_create("busy");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, busy_write);
	tcase_add_test(tc, busy_released_on_close);
	tcase_add_test(tc, open_while_writing);
	tcase_add_test(tc, bulk_journal_then_wal);
	tcase_add_test(tc, bulk_keys_at_commit);
	tcase_add_test(tc, bulk_keys_by_span);
	tcase_add_test(tc, bulk_keeps_wal_for_others);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, working_day);
	tcase_add_loop_test(tc, working_day_before, 0,
	    (int)(sizeof(before) / sizeof(before[0])));
	tcase_add_loop_test(tc, add_working_days, 0,
	    (int)(sizeof(added) / sizeof(added[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("holidays");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, fixture_copy_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, load_holidays);
	tcase_add_loop_test(tc, load_bad_holidays, 0,
	    (int)(sizeof(bad_holidays) / sizeof(bad_holidays[0])));
	tcase_add_test(tc, load_missing_holidays);
	tcase_add_test(tc, load_holidays_rolled_back);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(db_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
