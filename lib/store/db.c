/*
 * db.c: opening the store, transactions, and the one place where SQLite
 * result codes become ehc status codes.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
ehc__db_fail(struct ehc_db *db, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof(db->errmsg), fmt, ap);
	va_end(ap);
	return status;
}

int
ehc__db_error(struct ehc_db *db, int rc, const char *context)
{
	int status;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		status = EHC_EBUSY;
		break;
	case SQLITE_NOMEM:
		status = EHC_ENOMEM;
		break;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		status = EHC_EIO;
		break;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			status = EHC_EEXISTS;
		else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			status = EHC_ENOTFOUND;
		else
			status = EHC_EINVAL;
		break;
	case SQLITE_NOTADB:
		return ehc__db_fail(db, EHC_ENOSTORE, "%s: the file is not an "
		    "SQLite database, so not an ehc store; name the ehc store "
		    "with --db", context);
	case SQLITE_CORRUPT:
		return ehc__db_fail(db, EHC_EIO, "%s: the store is damaged "
		    "(%s); restore it from a backup", context,
		    sqlite3_errmsg(db->h));
	default:
		status = EHC_ERROR;
	}
	if (status == EHC_EBUSY)
		return ehc__db_fail(db, status, "%s: the store is busy "
		    "(another ehc is writing); try again", context);
	return ehc__db_fail(db, status, "%s: %s", context,
	    sqlite3_errmsg(db->h));
}

int
ehc__db_prepare(struct ehc_db *db, sqlite3_stmt **out, const char *sql)
{
	int rc;

	rc = sqlite3_prepare_v3(db->h, sql, -1, 0, out, NULL);
	if (rc != SQLITE_OK)
		return ehc__db_error(db, rc, "preparing a statement");
	return EHC_OK;
}

int
ehc__db_cached_as(struct ehc_db *db, sqlite3_stmt **out, const void *key,
    const char *sql)
{
	int i, rc;

	*out = NULL;
	for (i = 0; i < db->nstmts; i++)
		if (db->stmts[i].key == key) {
			sqlite3_reset(db->stmts[i].st);
			sqlite3_clear_bindings(db->stmts[i].st);
			*out = db->stmts[i].st;
			return EHC_OK;
		}
	if (sql == NULL)
		return EHC_OK;
	if (db->nstmts == STMT_CACHE_MAX)
		return ehc__db_fail(db, EHC_ERROR, "statement cache full");
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, out,
	    NULL);
	if (rc != SQLITE_OK)
		return ehc__db_error(db, rc, "preparing a statement");
	db->stmts[db->nstmts].key = key;
	db->stmts[db->nstmts++].st = *out;
	return EHC_OK;
}

int
ehc__db_cached(struct ehc_db *db, sqlite3_stmt **out, const char *sql)
{
	return ehc__db_cached_as(db, out, sql, sql);
}

int
ehc__db_exec(struct ehc_db *db, const char *sql)
{
	int rc;

	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return ehc__db_error(db, rc, "updating the store");
	return EHC_OK;
}

/*
 * A scratch database on a temporary file SQLite deletes on close, with no
 * journal and in one transaction never committed, since it is thrown
 * away.
 */
int
ehc__scratch_open(struct ehc_db *db, sqlite3 **out, const char *sql)
{
	int r;

	if ((r = sqlite3_open_v2("", out, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE, NULL)) == SQLITE_OK &&
	    (r = sqlite3_exec(*out, "PRAGMA journal_mode = OFF; "
	    "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE",
	    NULL, NULL, NULL)) == SQLITE_OK &&
	    (r = sqlite3_exec(*out, sql, NULL, NULL, NULL)) == SQLITE_OK &&
	    (r = sqlite3_exec(*out, "BEGIN", NULL, NULL, NULL)) == SQLITE_OK)
		return EHC_OK;
	return ehc__db_fail(db, r == SQLITE_NOMEM ? EHC_ENOMEM : EHC_EIO,
	    "cannot open a scratch database: %s", *out != NULL ?
	    sqlite3_errmsg(*out) : sqlite3_errstr(r));
}

/*
 * Drop index name for the rest of a bulk write, which is faster made
 * again at its end, from *sql (the caller's to run and free), than kept
 * row by row.  *sql is NULL when there is no such index, or when a
 * statement still reading keeps it: then it stays.
 */
int
ehc__index_set_aside(struct ehc_db *db, const char *name, char **sql)
{
	sqlite3_stmt *st;
	char drop[96];
	int rc;

	*sql = NULL;
	if ((rc = ehc__db_prepare(db, &st, "SELECT sql FROM sqlite_schema "
	    "WHERE type = 'index' AND name = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && (*sql = strdup((const char *)
	    sqlite3_column_text(st, 0))) == NULL)
		rc = EHC_ENOMEM;
	sqlite3_finalize(st);
	if (rc != EHC_OK || *sql == NULL)
		return rc;
	snprintf(drop, sizeof(drop), "DROP INDEX \"%s\"", name);
	if (((rc = sqlite3_exec(db->h, drop, NULL, NULL, NULL)) & 0xff) ==
	    SQLITE_LOCKED) {
		free(*sql);
		*sql = NULL;
		return EHC_OK;
	}
	if (rc == SQLITE_OK)
		return EHC_OK;
	free(*sql);
	*sql = NULL;
	return ehc__db_error(db, rc, "updating the store");
}

int
ehc__db_step_done(struct ehc_db *db, sqlite3_stmt *st, const char *ctx)
{
	int rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return ehc__db_error(db, rc, ctx);
	return EHC_OK;
}

int
ehc__exec(struct ehc_db *db, const char *sql, int64_t id, int32_t d1,
    int32_t d2, const char *t1, const char *t2)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ehc__bind_date(st, 2, d1);
	ehc__bind_date(st, 3, d2);
	ehc__bind_text(st, 4, t1);
	ehc__bind_text(st, 5, t2);
	rc = ehc__db_step_done(db, st, "updating the store");
	sqlite3_reset(st);
	return rc;
}

int
ehc__setting(struct ehc_db *db, const char *key, char *out, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	out[0] = '\0';
	if ((rc = ehc__db_prepare(db, &st, "SELECT value FROM setting WHERE "
	    "key = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, len, "%s", sqlite3_column_text(st, 0));
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? EHC_OK :
	    ehc__db_error(db, rc, "reading a setting");
	sqlite3_finalize(st);
	return rc;
}

int
ehc__bind_date(sqlite3_stmt *st, int idx, int32_t day)
{
	char buf[EHC_DATE_LEN];

	if (day == EHC_NO_DATE)
		return sqlite3_bind_null(st, idx);
	ehc_date_format(buf, sizeof(buf), day);
	return sqlite3_bind_text(st, idx, buf, -1, SQLITE_TRANSIENT);
}

int32_t
ehc__column_date(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	int32_t day;

	if (s == NULL || ehc_date_parse(&day, s) != EHC_OK)
		return EHC_NO_DATE;
	return day;
}

int
ehc__bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

/* Create the file ourselves so that it is born mode 0600. */
static int
create_private(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1)
		return errno == EEXIST ? 0 : -1;
	close(fd);
	return 0;
}

int
ehc__store_open(struct ehc_db **out, const char *path, unsigned flags)
{
	struct ehc_db *db;
	struct stat sb;
	int rc, oflags, existed;

	*out = db = calloc(1, sizeof(*db));
	if (db == NULL)
		return EHC_ENOMEM;
	db->today = EHC_NO_DATE;
	existed = stat(path, &sb) == 0;
	/* A store that is there but out of reach is not missing. */
	if (!existed && errno != ENOENT && errno != ENOTDIR)
		return ehc__db_fail(db, EHC_EIO, "cannot open '%s': %s", path,
		    strerror(errno));
	if (!existed) {
		if (!(flags & EHC_DB_CREATE))
			return ehc__db_fail(db, EHC_ENOSTORE,
			    "no store at '%s'; create it with 'ehc init' or "
			    "name another with --db", path);
		if (create_private(path) == -1)
			return ehc__db_fail(db, EHC_EIO,
			    "cannot create '%s': %s", path, strerror(errno));
		db->created = 1;
	} else if (S_ISREG(sb.st_mode) && sb.st_size == 0 &&
	    !(flags & EHC_DB_CREATE))
		/* SQLite would make it a store; only 'ehc init' may. */
		return ehc__db_fail(db, EHC_ENOSTORE, "'%s' is an empty file, "
		    "not an ehc store; name the store with --db, or make this "
		    "one with 'ehc init'", path);
	oflags = (flags & EHC_DB_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	/* A handle is used by one thread at a time: no mutex per call. */
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return ehc__db_fail(db, EHC_EIO, "cannot open '%s': %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if ((rc = ehc__db_exec(db, "PRAGMA foreign_keys = ON")) != EHC_OK)
		return rc;
	if (!(flags & EHC_DB_READONLY)) {
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL);
		if (rc != SQLITE_OK) {
			rc = ehc__db_error(db, rc, "opening the store");
			if (rc == EHC_ENOSTORE || rc == EHC_ERROR)
				return ehc__db_fail(db, EHC_ENOSTORE,
				    "'%s' is not an ehc store (not an SQLite "
				    "database); name the ehc store with --db",
				    path);
			return rc;
		}
	}
	return ehc__db_exec(db, "PRAGMA synchronous = NORMAL");
}

void
ehc_db_close(struct ehc_db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->nstmts; i++)
		sqlite3_finalize(db->stmts[i].st);
	free(db->seal_pending);
	free(db->key_path);
	if (db->h != NULL) {
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(db->h);
	}
	free(db->user);
	free(db);
}

/*
 * Back to WAL and foreign keys checked row by row after a bulk write;
 * the next open tries again if it fails.
 */
static void
bulk_end(struct ehc_db *db)
{
	if (db->bulk)
		(void)sqlite3_exec(db->h, "PRAGMA journal_mode = WAL; PRAGMA "
		    "synchronous = NORMAL", NULL, NULL, NULL);
	if (db->keys_later)
		(void)sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL,
		    NULL, NULL);
	db->bulk = db->keys_later = 0;
}

/*
 * A bulk write's references, checked once before it commits rather
 * than row by row: SQLite looks up the parent of every row it inserts,
 * a third of the cost of writing a deadline.
 */
static int
bulk_keys(struct ehc_db *db)
{
	char table[64];
	int rc;

	if (!db->keys_later)
		return EHC_OK;
	if ((rc = ehc__references_check(db->h, table, sizeof(table))) ==
	    SQLITE_CONSTRAINT_FOREIGNKEY)
		return ehc__db_fail(db, EHC_ERROR, "a row written to %s refers "
		    "to a row that is not there (a fault in ehc); nothing was "
		    "written", table);
	return rc == SQLITE_OK ? EHC_OK : ehc__db_error(db, rc,
	    "checking the store's references");
}

/*
 * Leave WAL for a bulk write into a store with no cases (see
 * EHC_TXN_BULK).  SQLite refuses the change while another handle has the
 * store open; the write then goes through the log as any other.  A
 * rollback journal is safe on power loss only with synchronous FULL.
 */
static void
bulk_journal(struct ehc_db *db)
{
	sqlite3_stmt *st;
	int empty, rc;

	if (ehc__db_prepare(db, &st, "SELECT NOT EXISTS (SELECT 1 FROM "
	    "cases)") != EHC_OK)
		return;
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!empty)
		return;
	/* Outside a transaction, or SQLite ignores it: see references.c. */
	if (ehc__db_exec(db, "PRAGMA foreign_keys = OFF") == EHC_OK)
		db->keys_later = 1;
	if (ehc__db_prepare(db, &st, "PRAGMA journal_mode = DELETE") != EHC_OK)
		return;
	rc = sqlite3_step(st) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "delete") == 0;
	sqlite3_finalize(st);
	db->bulk = rc;
	if (rc && ehc__db_exec(db, "PRAGMA synchronous = FULL") != EHC_OK)
		bulk_end(db);
}

int
ehc_db_begin(struct ehc_db *db, enum ehc_txn kind)
{
	int rc;

	db->changes_at_begin = sqlite3_total_changes64(db->h);
	db->wrote = 0;
	if (kind == EHC_TXN_BULK)
		bulk_journal(db);
	rc = ehc__db_exec(db, kind == EHC_TXN_READ ? "BEGIN" :
	    "BEGIN IMMEDIATE");
	if (rc != EHC_OK)
		bulk_end(db);
	return rc;
}

int
ehc_db_wrote(const struct ehc_db *db)
{
	return db != NULL && db->wrote;
}

int
ehc_db_commit(struct ehc_db *db)
{
	int rc;

	/* What must be written with the commit (the cases' seals). */
	if ((db->before_commit != NULL &&
	    (rc = db->before_commit(db)) != EHC_OK) ||
	    (rc = bulk_keys(db)) != EHC_OK) {
		ehc_db_rollback(db);
		return rc;
	}
	rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = ehc__db_error(db, rc, "committing");
		ehc_db_rollback(db);
		return rc;
	}
	db->wrote = sqlite3_total_changes64(db->h) != db->changes_at_begin;
	bulk_end(db);
	return EHC_OK;
}

void
ehc_db_rollback(struct ehc_db *db)
{
	if (db != NULL && db->h != NULL && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	/* What was read inside the transaction may be gone. */
	if (db != NULL) {
		if (db->h != NULL)
			bulk_end(db);
		db->holidays_loaded = 0;
		db->nseal = 0;
		db->before_commit = NULL;
	}
}

const char *
ehc_db_errmsg(const struct ehc_db *db)
{
	return db == NULL ? "out of memory" : db->errmsg;
}

void
ehc_db_set_today(struct ehc_db *db, int32_t day)
{
	db->today = day;
}

int32_t
ehc_db_today(const struct ehc_db *db)
{
	return db->today;
}

void
ehc_db_set_busy_timeout(struct ehc_db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

int
ehc__outfile_open(struct ehc_db *db, struct ehc_outfile **out,
    const char *path)
{
	int rc;

	if ((rc = ehc_outfile_open(out, path)) == EHC_OK)
		return EHC_OK;
	rc = ehc__db_fail(db, rc, "%s", ehc_outfile_errmsg(*out));
	ehc_outfile_free(*out);
	*out = NULL;
	return rc;
}

int
ehc__outfile_commit(struct ehc_db *db, struct ehc_outfile *f)
{
	int rc;

	if ((rc = ehc_outfile_commit(f)) != EHC_OK)
		rc = ehc__db_fail(db, rc, "%s", ehc_outfile_errmsg(f));
	ehc_outfile_free(f);
	return rc;
}
