/*
 * fixture.c: the unit tests' fixtures (see fixture.h): temporary
 * directories, stores made for a test or copied from one made once per
 * suite, and small helpers.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"
#include "fixture.h"

char		*tmpdir;
char		*dbpath;
struct ehc_db	*db;

/* The suite's template store, and the process that made it. */
static char	*template_dir;
static char	*template_path;
static pid_t	 template_owner;

char *
fixture_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((dir = malloc(strlen(tmp) + 24)) == NULL)
		return NULL;
	sprintf(dir, "%s/ehc-unit.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *
fixture_path(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (p != NULL)
		sprintf(p, "%s/%s", dir, name);
	return p;
}

void
fixture_rmtree(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char *p;

	if (dir == NULL || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((p = fixture_path(dir, e->d_name)) != NULL) {
			unlink(p);
			free(p);
		}
	}
	closedir(d);
	rmdir(dir);
}

long long
fixture_sql_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* A SQL function for the plain chain of schemas 3 to 12. */
static void
sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char hex[EHC__SHA256_HEX];

	(void)argc;
	ehc__sha256_hex(sqlite3_value_text(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

void
fixture_as_schema_12(const char *path, const char *tamper)
{
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_create_function(h, "ehc_sha256", 1,
	    SQLITE_UTF8, NULL, sql_sha256, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, FIXTURE_UNDO_AFTER_13 "DROP TABLE "
	    "seal; DROP TABLE history; ALTER TABLE audit DROP COLUMN "
	    "digest; ALTER TABLE audit RENAME COLUMN prev_mac TO "
	    "prev_hash; ALTER TABLE audit RENAME COLUMN mac TO hash; "
	    "DELETE FROM setting WHERE key = "
	    "'audit_key_id'; PRAGMA user_version = 12", NULL, NULL, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, ehc__schema_sql(3)[2], NULL, NULL,
	    NULL), SQLITE_OK);
	if (tamper != NULL)
		ck_assert_int_eq(sqlite3_exec(h, tamper, NULL, NULL, NULL),
		    SQLITE_OK);
	sqlite3_close(h);
}

int
fixture_entries(const char *dir)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int32_t
D(const char *s)
{
	int32_t day = 0;

	fixture_assert(ehc_date_parse(&day, s) == EHC_OK, "cannot parse %s", s);
	return day;
}

/*
 * Check forks each test from the runner, and a forked test inherits the
 * runner's exit handlers: only the process that made the template
 * removes it.
 */
static void
template_remove(void)
{
	if (template_dir != NULL && getpid() == template_owner)
		fixture_rmtree(template_dir);
}

void
fixture_template_setup(void)
{
	struct ehc_db *h = NULL;
	struct stat sb;
	char *wal;
	int rc;

	if (template_path != NULL)
		return;
	template_dir = fixture_tmpdir();
	ck_assert_ptr_nonnull(template_dir);
	template_owner = getpid();
	atexit(template_remove);
	template_path = fixture_path(template_dir, "template.db");
	ck_assert_ptr_nonnull(template_path);
	rc = ehc_db_open(&h, template_path, EHC_DB_CREATE);
	ck_assert_msg(rc == EHC_OK, "cannot create the template store: %s",
	    ehc_db_errmsg(h));
	ehc_db_close(h);
	/* Closed, the store is one file: its WAL is checkpointed away. */
	wal = fixture_path(template_dir, "template.db-wal");
	ck_assert_ptr_nonnull(wal);
	ck_assert_msg(stat(wal, &sb) == -1, "%s is left after closing", wal);
	free(wal);
}

/* Copy the file at from to to, which must not exist, mode 0600. */
static void
copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n, done, w;
	int in, out;

	ck_assert_msg((in = open(from, O_RDONLY | O_CLOEXEC)) != -1,
	    "%s: %s", from, strerror(errno));
	ck_assert_msg((out = open(to, O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0600)) != -1, "%s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		ck_assert_msg(n > 0 || errno == EINTR, "reading %s: %s",
		    from, strerror(errno));
		for (done = 0; n > 0 && done < n; done += w) {
			w = write(out, buf + done, (size_t)(n - done));
			ck_assert_msg(w > 0 || errno == EINTR, "writing %s: %s",
			    to, strerror(errno));
			if (w < 0)
				w = 0;
		}
	}
	close(in);
	ck_assert_int_eq(close(out), 0);
}

/* Copy the template and its audit key beside path, which is new. */
static void
template_copy(const char *path)
{
	char from[4096], to[4096];

	ck_assert_msg(template_path != NULL, "no template store: add "
	    "fixture_template_setup as an unchecked fixture");
	copy_file(template_path, path);
	ck_assert_int_eq(ehc_audit_key_path(from, sizeof(from),
	    template_path), EHC_OK);
	ck_assert_int_eq(ehc_audit_key_path(to, sizeof(to), path), EHC_OK);
	copy_file(from, to);
}

struct ehc_db *
fixture_store_open(const char *name)
{
	struct ehc_db *h = NULL;
	char *path = fixture_path(tmpdir, name);
	int rc;

	ck_assert_ptr_nonnull(path);
	if (template_path != NULL)
		template_copy(path);
	rc = ehc_db_open(&h, path, EHC_DB_CREATE);
	ck_assert_msg(rc == EHC_OK, "cannot open %s: %s", path,
	    ehc_db_errmsg(h));
	free(path);
	return h;
}

void
fixture_dir_setup(void)
{
	tmpdir = fixture_tmpdir();
	ck_assert_ptr_nonnull(tmpdir);
	dbpath = fixture_path(tmpdir, "ehc.db");
	ck_assert_ptr_nonnull(dbpath);
	db = NULL;
}

void
fixture_new_store_setup(void)
{
	int rc;

	fixture_dir_setup();
	rc = ehc_db_open(&db, dbpath, EHC_DB_CREATE);
	ck_assert_msg(rc == EHC_OK, "cannot create %s: %s", dbpath,
	    ehc_db_errmsg(db));
}

void
fixture_copy_store_setup(void)
{
	int rc;

	fixture_dir_setup();
	template_copy(dbpath);
	rc = ehc_db_open(&db, dbpath, EHC_DB_CREATE);
	ck_assert_msg(rc == EHC_OK, "cannot open %s: %s", dbpath,
	    ehc_db_errmsg(db));
}

void
fixture_teardown(void)
{
	ehc_db_close(db);
	db = NULL;
	fixture_rmtree(tmpdir);
	free(dbpath);
	free(tmpdir);
	dbpath = tmpdir = NULL;
}
