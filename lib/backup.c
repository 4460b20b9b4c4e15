/*
 * backup.c: backups and restores (backup.h).  Both work through
 * connections of their own beside the caller's, and a restore opens the
 * backup as a store (schema, clock) and applies retention to it, so this
 * file sits at the top with open.c.
 *
 * A backup is SQLite's online backup of the caller's connection into a
 * temporary file beside the target, in one step and so one read
 * transaction: in WAL mode writers carry on.  The copy is switched to a
 * rollback journal so that it is a single file, checked, and renamed
 * into place in the write transaction that audits it.
 *
 * A restore never opens the user's file with SQLite: its bytes go to a
 * private file beside the store, which is checked and brought up to
 * date, then backed up over the store's own connection.  The backup's
 * first step takes the store's write lock and keeps it to the end; under
 * it a third connection reads which cases retention removed after the
 * backup was taken, and they are removed from the private copy through
 * the connection the backup reads, so that SQLite carries the change
 * into what it copies.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_MAX_LEN 4096	/* the longest file name taken */

struct ehc_backup {
	struct ehc_db		*db;
	struct ehc_outfile	*file;	/* the copy, until committed */
	char			*path;
	struct ehc_backup_info	 info;
};

/* The first column of the first row of sql (no parameters), or 0. */
static int
query_int64(struct ehc_db *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? EHC_OK :
	    ehc__db_error(db, rc, "reading the store");
	sqlite3_finalize(st);
	return rc;
}

/* PRAGMA integrity_check on c; EHC_EINVAL naming what, unless "ok". */
static int
check_integrity(struct ehc_db *c, const char *what)
{
	sqlite3_stmt *st;
	const char *res;
	int rc;

	if ((rc = ehc__db_prepare(c, &st, "PRAGMA integrity_check(1)"))
	    != EHC_OK)
		return rc == EHC_ENOSTORE ? ehc__db_fail(c, EHC_EINVAL, "%s is "
		    "not an ehc store: %s", what, sqlite3_errmsg(c->h)) : rc;
	rc = sqlite3_step(st);
	res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) :
	    NULL;
	if (rc != SQLITE_ROW)
		rc = ehc__db_fail(c, EHC_EINVAL, "%s is not an ehc store: %s",
		    what, sqlite3_errmsg(c->h));
	else if (res == NULL || strcmp(res, "ok") != 0)
		rc = ehc__db_fail(c, EHC_EINVAL, "%s fails SQLite's integrity "
		    "check (%.200s)", what, res ? res : "no answer");
	else
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

/*
 * The audit chain of the copy c, verified with the audit key of the
 * store db.  The key does not travel with a backup: it stays where the
 * store's is, outside any store file, and is never replaced, so every
 * backup of a store is checked and restored with the store's own key
 * (ehc(5)).  A copy whose log was made with another key is of another
 * store.
 */
static int
verify_chain(struct ehc_db *c, struct ehc_db *db, const char *what,
    struct ehc_audit_check *out)
{
	static const char *const faults[] = {
		[EHC_AUDIT_INTACT] = "intact",
		[EHC_AUDIT_ALTERED] = "altered",
		[EHC_AUDIT_REMOVED] = "a record removed before it",
		[EHC_AUDIT_INSERTED] = "inserted"
	};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ehc__key_share(c, db)) != EHC_OK ||
	    (rc = ehc__key_check(c)) != EHC_OK)
		return rc;
	if (c->key_state == KEY_WRONG)
		return ehc__db_fail(c, EHC_EINVAL, "%s is not an earlier state "
		    "of this store: its audit log was made with another audit "
		    "key than the store's ('%.300s'); restore it into a new "
		    "store made with its own key", what, c->key_path);
	if ((rc = ehc_audit_verify(out, c)) == EHC_EINVAL)
		return ehc__db_fail(c, EHC_EINVAL, "the audit log of %s is "
		    "broken at record %lld (%s)", what,
		    (long long)out->record, faults[out->fault]);
	return rc;
}

/* What the checked store c holds; the message on c names what. */
static int
read_info(struct ehc_db *c, struct ehc_db *db, const char *what,
    struct ehc_backup_info *out)
{
	struct ehc_audit_check chk;
	int64_t v;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = verify_chain(c, db, what, &chk)) != EHC_OK ||
	    (rc = query_int64(c, "PRAGMA user_version", &v)) != EHC_OK ||
	    (rc = query_int64(c, "SELECT count(*) FROM cases", &out->cases))
	    != EHC_OK ||
	    (rc = query_int64(c, "SELECT max(id) FROM audit", &out->last))
	    != EHC_OK)
		return rc;
	out->schema = (int)v;
	out->records = chk.records;
	memcpy(out->head, chk.head, sizeof(out->head));
	return EHC_OK;
}

/*
 * EHC_EINVAL when path is the store of db or one of its own files:
 * writing a backup there, or restoring from there, would replace the
 * store under everyone who has it open.
 */
static int
not_the_store(struct ehc_db *db, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm",
	    "-journal" };
	const char *store = sqlite3_db_filename(db->h, "main");
	char name[PATH_MAX_LEN + 16];
	struct stat a, b;
	size_t i;

	if (stat(path, &a) != 0)
		return EHC_OK;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", store, suffixes[i]);
		if (stat(name, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return ehc__db_fail(db, EHC_EINVAL, "'%s' is the store "
			    "itself, or one of its files; name a backup file "
			    "of its own", path);
	}
	return EHC_OK;
}

/* A failure on the handle c (a copy) told on db, and c closed. */
static int
fail_on(struct ehc_db *db, struct ehc_db *c, int rc)
{
	rc = ehc__db_fail(db, rc, "%s", ehc_db_errmsg(c));
	ehc_db_close(c);
	return rc;
}

int
ehc_backup_copy(struct ehc_backup **out, struct ehc_db *db,
    const char *path)
{
	struct ehc_backup *b;
	struct ehc_db *c = NULL;
	sqlite3_backup *bk;
	sqlite3 *t = NULL;
	const char *tmp;
	char what[PATH_MAX_LEN + 32];
	int rc, done;

	*out = NULL;
	if ((rc = ehc__check_text(db, "the backup file name", path,
	    PATH_MAX_LEN, 1)) != EHC_OK ||
	    (rc = not_the_store(db, path)) != EHC_OK ||
	    (rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    (b->path = strdup(path)) == NULL) {
		free(b);
		return EHC_ENOMEM;
	}
	b->db = db;
	if ((rc = ehc__outfile_open(db, &b->file, path)) != EHC_OK)
		goto fail;
	tmp = ehc_outfile_tmppath(b->file);
	/* No journal while it is written: a copy that fails is dropped. */
	if (sqlite3_open_v2(tmp, &t, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK ||
	    sqlite3_exec(t, "PRAGMA journal_mode = OFF", NULL, NULL, NULL)
	    != SQLITE_OK) {
		rc = ehc__db_fail(db, EHC_EIO, "cannot write '%s': %s", path,
		    t ? sqlite3_errmsg(t) : "out of memory");
		goto fail;
	}
	if ((bk = sqlite3_backup_init(t, "main", db->h, "main")) == NULL) {
		rc = ehc__db_fail(db, EHC_ERROR, "cannot copy the store: %s",
		    sqlite3_errmsg(t));
		goto fail;
	}
	/* All of it in one step: one read transaction, one snapshot. */
	done = sqlite3_backup_step(bk, -1);
	rc = sqlite3_backup_finish(bk);
	if (done != SQLITE_DONE) {
		if ((done & 0xff) == SQLITE_BUSY || (done & 0xff) ==
		    SQLITE_LOCKED)
			rc = ehc__db_error(db, done, "copying the store");
		else
			rc = ehc__db_fail(db, EHC_EIO, "cannot write '%s': %s",
			    path, sqlite3_errstr(done));
		goto fail;
	}
	/* One file, as a store that no one has open. */
	if (rc != SQLITE_OK || sqlite3_exec(t, "PRAGMA journal_mode = DELETE",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_close(t) != SQLITE_OK) {
		rc = ehc__db_fail(db, EHC_EIO, "cannot write '%s': %s", path,
		    sqlite3_errmsg(t));
		goto fail;
	}
	t = NULL;
	/* Checked as a restore will check it. */
	snprintf(what, sizeof(what), "the copy of the store for '%s'", path);
	if ((rc = ehc__store_open(&c, tmp, EHC_DB_READONLY)) != EHC_OK ||
	    (rc = check_integrity(c, what)) != EHC_OK ||
	    (rc = read_info(c, db, what, &b->info)) != EHC_OK) {
		rc = fail_on(db, c, rc);
		goto fail;
	}
	ehc_db_close(c);
	*out = b;
	return EHC_OK;
fail:
	sqlite3_close(t);
	ehc_backup_free(b);
	return rc;
}

const struct ehc_backup_info *
ehc_backup_info(const struct ehc_backup *b)
{
	return &b->info;
}

int
ehc_backup_commit(struct ehc_backup *b)
{
	char *detail, msg[ERRMSG_LEN];
	size_t n;
	int rc;

	if (b->file == NULL)
		return ehc__db_fail(b->db, EHC_EIO, "the backup to '%s' failed "
		    "before; take it again", b->path);
	if ((rc = ehc_db_begin(b->db, EHC_TXN_WRITE)) != EHC_OK)
		return rc != EHC_EBUSY ? rc : ehc__db_fail(b->db, rc, "another "
		    "ehc kept the store locked, so the backup could not be "
		    "recorded in the audit log and was not kept; try again");
	n = strlen(b->path) + 128;
	if ((detail = malloc(n)) == NULL) {
		ehc_db_rollback(b->db);
		return EHC_ENOMEM;
	}
	snprintf(detail, n, "to '%s': %lld audit records, head %s", b->path,
	    (long long)b->info.records, b->info.head);
	rc = ehc__audit(b->db, 0, "backup", detail);
	free(detail);
	if (rc == EHC_OK) {
		rc = ehc__outfile_commit(b->db, b->file);
		b->file = NULL;
	}
	if (rc != EHC_OK) {
		ehc_db_rollback(b->db);
		return rc;
	}
	if ((rc = ehc_db_commit(b->db)) != EHC_OK) {
		/* A backup the audit log does not know of is not kept. */
		snprintf(msg, sizeof(msg), "%s", ehc_db_errmsg(b->db));
		(void)unlink(b->path);
		return ehc__db_fail(b->db, rc, "%s; the backup was not "
		    "recorded, so '%s' is removed", msg, b->path);
	}
	return EHC_OK;
}

void
ehc_backup_free(struct ehc_backup *b)
{
	if (b == NULL)
		return;
	ehc_outfile_free(b->file);
	free(b->path);
	free(b);
}

/*
 * Whether the user of db may restore over its store.  HOOK(roles):
 * restoring will be for admins only; the check goes here, which every
 * restore passes before it reads or changes anything.
 */
static int
may_restore(struct ehc_db *db)
{
	(void)db;
	return EHC_OK;
}

/* The bytes of the file at path into fp; flushed. */
static int
copy_file(struct ehc_db *db, FILE *fp, const char *path)
{
	char buf[65536];
	struct stat sb;
	ssize_t n;
	int fd, rc = EHC_OK;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return ehc__db_fail(db, EHC_ENOINPUT, "cannot read '%s': %s",
		    path, strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return ehc__db_fail(db, EHC_ENOINPUT, "'%s' is not a file; "
		    "name a backup that 'ehc backup' wrote", path);
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n) {
			n = 0;
			rc = ehc__db_fail(db, EHC_EIO, "cannot copy '%s' "
			    "beside the store: %s", path, strerror(errno));
			break;
		}
	if (n == -1)
		rc = ehc__db_fail(db, EHC_EIO, "cannot read '%s': %s", path,
		    strerror(errno));
	close(fd);
	if (rc == EHC_OK && fflush(fp) != 0)
		rc = ehc__db_fail(db, EHC_EIO, "cannot copy '%s' beside the "
		    "store: %s", path, strerror(errno));
	return rc;
}

/*
 * The backup p as it was taken, its log ending at record last: keying
 * the log of an older schema (12) added a record after it, and the
 * store, keyed when it was upgraded, is compared with it there.  Once
 * keyed, that record's MAC is the store's for the same record.
 */
static int
as_taken(struct ehc_db *p, int64_t last, struct ehc_backup_info *info)
{
	sqlite3_stmt *st;
	const unsigned char *mac;
	int rc;

	if (last >= info->last)
		return EHC_OK;
	if ((rc = ehc__db_prepare(p, &st, "SELECT count(*), (SELECT mac FROM "
	    "audit WHERE id = ?1) FROM audit WHERE id <= ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, last);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		info->records = sqlite3_column_int64(st, 0);
		info->last = last;
		memset(info->head, '0', sizeof(info->head) - 1);
		info->head[sizeof(info->head) - 1] = '\0';
		if ((mac = sqlite3_column_text(st, 1)) != NULL)
			snprintf(info->head, sizeof(info->head), "%s", mac);
		rc = EHC_OK;
	} else
		rc = ehc__db_error(p, rc, "reading the audit log");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Open the private copy tmp of the backup at path as a store, check it
 * and bring it up to date: *p is the handle, closed by the caller.
 */
static int
open_backup(struct ehc_db *db, struct ehc_db **p, const char *tmp,
    const char *path, struct ehc_backup_info *info)
{
	char what[PATH_MAX_LEN + 8];
	int64_t app, version, taken;
	int rc;

	snprintf(what, sizeof(what), "'%s'", path);
	if ((rc = ehc__store_open(p, tmp, 0)) == EHC_ENOSTORE)
		return ehc__db_fail(db, EHC_EINVAL, "%s is not an ehc store "
		    "(not an SQLite database)", what);
	if (rc != EHC_OK)
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(*p));
	(*p)->today = db->today;
	if ((rc = ehc_db_set_user(*p, db->user ? db->user : "unknown"))
	    != EHC_OK ||
	    (rc = check_integrity(*p, what)) != EHC_OK ||
	    (rc = query_int64(*p, "PRAGMA application_id", &app)) != EHC_OK ||
	    (rc = query_int64(*p, "PRAGMA user_version", &version)) != EHC_OK)
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(*p));
	if (app != EHC_APPLICATION_ID)
		return ehc__db_fail(db, EHC_EINVAL, "%s is an SQLite database "
		    "but not an ehc store", what);
	if (version > ehc__schema_latest())
		return ehc__db_fail(db, EHC_ESCHEMA, "%s was written by a "
		    "newer ehc (schema %lld, this ehc knows %d); restore it "
		    "with that ehc", what, (long long)version,
		    ehc__schema_latest());
	/*
	 * An older backup is brought up to date as ehc_db_open() would,
	 * under the store's key.
	 */
	if ((rc = query_int64(*p, "SELECT max(id) FROM audit", &taken))
	    != EHC_OK ||
	    (rc = ehc__key_share(*p, db)) != EHC_OK ||
	    (rc = ehc__schema_migrate(*p, NULL)) != EHC_OK ||
	    (rc = ehc__clock_check_version(*p)) != EHC_OK ||
	    (rc = read_info(*p, db, what, info)) != EHC_OK ||
	    (rc = as_taken(*p, taken, info)) != EHC_OK)
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(*p));
	return EHC_OK;
}

/*
 * Under the store's write lock, with r a reader of the store: check that
 * the backup p is an earlier state of it, remove from p again each case
 * retention removed from the store after the backup, and audit the
 * restore in p.
 */
static int
reapply(struct ehc_db *db, struct ehc_db *r, struct ehc_db *p,
    const char *path, struct ehc_restore_info *out)
{
	const struct ehc_backup_info *b = &out->backup;
	char head[EHC__SHA256_HEX] = "", *detail;
	sqlite3_stmt *st;
	size_t n;
	int rc, same;

	if ((rc = ehc__db_prepare(r, &st, "SELECT count(*), (SELECT mac "
	    "FROM audit ORDER BY id DESC LIMIT 1), (SELECT mac = ?2 FROM "
	    "audit WHERE id = ?1) FROM audit")) != EHC_OK)
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(r));
	sqlite3_bind_int64(st, 1, b->last);
	sqlite3_bind_text(st, 2, b->head, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = ehc__db_error(db, rc, "reading the store's audit log");
		sqlite3_finalize(st);
		return rc;
	}
	out->replaced = sqlite3_column_int64(st, 0);
	if (sqlite3_column_text(st, 1) != NULL)
		snprintf(head, sizeof(head), "%s", sqlite3_column_text(st, 1));
	/* A store with no audit record has had nothing written to it. */
	same = b->last == 0 || out->replaced == 0 ||
	    sqlite3_column_int(st, 2) == 1;
	sqlite3_finalize(st);
	if (!same)
		return ehc__db_fail(db, EHC_EINVAL, "'%s' is not an earlier "
		    "state of this store (its audit log is not the start of "
		    "the store's): it is a backup of another store, or from "
		    "before an earlier restore; to restore it all the same, "
		    "restore it into a new store", path);
	if ((rc = ehc__db_prepare(r, &st, "SELECT case_id FROM audit WHERE "
	    "id > ?1 AND action = 'retention' AND case_id IS NOT NULL ORDER "
	    "BY id")) != EHC_OK)
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(r));
	sqlite3_bind_int64(st, 1, b->last);
	if ((rc = ehc_db_begin(p, EHC_TXN_WRITE)) != EHC_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = ehc__retention_reapply(p, sqlite3_column_int64(st, 0));
		if (rc == EHC_OK)
			out->reapplied++;
		else if (rc != EHC_ENOTFOUND)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(r, rc, "reading the store's audit log");
		rc = ehc__db_fail(p, rc, "%s", ehc_db_errmsg(r));
		goto out;
	}
	n = strlen(path) + 256;
	if ((detail = malloc(n)) == NULL) {
		rc = EHC_ENOMEM;
		goto out;
	}
	snprintf(detail, n, "from '%s': %lld audit records, head %s; "
	    "replaced %lld records, head %s; %lld cases removed again by "
	    "retention", path, (long long)b->records, b->head,
	    (long long)out->replaced, *head ? head : "none",
	    (long long)out->reapplied);
	rc = ehc__audit(p, 0, "restore", detail);
	free(detail);
	if (rc == EHC_OK)
		rc = ehc_db_commit(p);
out:
	sqlite3_finalize(st);
	if (rc != EHC_OK) {
		ehc_db_rollback(p);
		return ehc__db_fail(db, rc, "%s", ehc_db_errmsg(p));
	}
	return EHC_OK;
}

/* Remove the private copy's own files; the outfile removes the copy. */
static void
remove_private(const char *tmp)
{
	char name[PATH_MAX_LEN + 16];

	snprintf(name, sizeof(name), "%s-wal", tmp);
	(void)unlink(name);
	snprintf(name, sizeof(name), "%s-shm", tmp);
	(void)unlink(name);
}

int
ehc_restore(struct ehc_restore_info *out, struct ehc_db *db,
    const char *path)
{
	struct ehc_outfile *work = NULL;
	struct ehc_db *p = NULL, *r = NULL;
	sqlite3_backup *bk = NULL;
	const char *store;
	int rc, step;

	memset(out, 0, sizeof(*out));
	db->wrote = 0;
	if ((rc = may_restore(db)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the backup file name", path,
	    PATH_MAX_LEN, 1)) != EHC_OK ||
	    (rc = not_the_store(db, path)) != EHC_OK ||
	    (rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	store = sqlite3_db_filename(db->h, "main");
	if ((rc = ehc__outfile_open(db, &work, store)) != EHC_OK)
		return rc;
	if ((rc = copy_file(db, ehc_outfile_fp(work), path)) != EHC_OK ||
	    (rc = open_backup(db, &p, ehc_outfile_tmppath(work), path,
	    &out->backup)) != EHC_OK)
		goto out;
	/* The first page copied takes the store's write lock, kept. */
	if ((bk = sqlite3_backup_init(db->h, "main", p->h, "main")) == NULL) {
		rc = ehc__db_fail(db, EHC_ERROR, "cannot restore: %s",
		    sqlite3_errmsg(db->h));
		goto out;
	}
	step = sqlite3_backup_step(bk, 1);
	if (step != SQLITE_OK && step != SQLITE_DONE) {
		rc = ehc__db_error(db, step, "restoring");
		goto out;
	}
	if ((rc = ehc__store_open(&r, store, EHC_DB_READONLY)) != EHC_OK) {
		rc = ehc__db_fail(db, rc, "%s", ehc_db_errmsg(r));
		goto out;
	}
	if ((rc = reapply(db, r, p, path, out)) != EHC_OK)
		goto out;
	if ((step = sqlite3_backup_step(bk, -1)) != SQLITE_DONE) {
		rc = ehc__db_error(db, step, "restoring");
		goto out;
	}
	step = sqlite3_backup_finish(bk);
	bk = NULL;
	if (step != SQLITE_OK)
		rc = ehc__db_error(db, step, "restoring");
	/* What this handle read from the store it replaced. */
	db->holidays_loaded = 0;
	db->wrote = rc == EHC_OK;
out:
	/* Unfinished, the store's transaction is rolled back. */
	if (bk != NULL)
		sqlite3_backup_finish(bk);
	ehc_db_close(r);
	ehc_db_close(p);
	if (work != NULL)
		remove_private(ehc_outfile_tmppath(work));
	ehc_outfile_free(work);
	return rc;
}
