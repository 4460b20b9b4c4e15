/*
 * backup.h: copies of the whole store taken while others work, checked
 * and audited, and a copy brought back in place of the store with the
 * retention removals made since it was taken applied again.
 */
#ifndef EHC_BACKUP_H
#define EHC_BACKUP_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a backup holds, as its checks found it. */
struct ehc_backup_info {
	int		 schema;	/* its schema version */
	int64_t		 cases;
	int64_t		 records;	/* audit records, all intact */
	int64_t		 last;		/* the id of the last one, or 0 */
	char		 head[65];	/* its MAC (64 zeros for none) */
};

struct ehc_backup;

/*
 * Copy the store of db to a temporary file beside path (mode 0600, see
 * outfile.h) with SQLite's online backup, in one read transaction of
 * its own: writers carry on meanwhile, and the copy is the store as it
 * was when the copy began.  The copy is then checked (PRAGMA
 * integrity_check, and its audit chain verified as ehc_audit_verify()
 * does, with the store's audit key, which is not copied: see ehc(5))
 * and stands alone: one file, no write-ahead log.  db must have no
 * transaction open.  On EHC_OK *out is the pending backup: record it
 * and put it in place with ehc_backup_commit(), or drop it with
 * ehc_backup_free(); on failure *out is NULL and nothing is left
 * behind.  Returns EHC_OK, EHC_EINVAL (path is not a usable name: empty,
 * a control character, the store itself or one of its files; or the
 * copy failed its checks: the message says which), EHC_ECREATE (the
 * file cannot be created there, or path names a directory or device),
 * EHC_EKEY (the store's audit key is missing, damaged or not its own),
 * EHC_EBUSY, EHC_EIO or EHC_ENOMEM.
 */
EHC_API int ehc_backup_copy(struct ehc_backup **out, struct ehc_db *db,
    const char *path);

/* What the pending backup b holds; borrowed, valid until b is freed. */
EHC_API const struct ehc_backup_info *ehc_backup_info(
    const struct ehc_backup *b);

/*
 * Record the backup in the store's audit log ("backup to 'PATH': N
 * audit records, head H") and rename the copy over path, in one write
 * transaction of its own: either both happen or neither.  Returns
 * EHC_OK; EHC_EBUSY, with b kept so that it may be tried again (after
 * the busy timeout of db: ehc_db_set_busy_timeout()); or EHC_EIO,
 * after which only ehc_backup_free() may be called on b.
 */
EHC_API int ehc_backup_commit(struct ehc_backup *b);

/* Release b; a copy not committed is removed.  NULL is allowed. */
EHC_API void ehc_backup_free(struct ehc_backup *b);

/* What ehc_restore() found and did. */
struct ehc_restore_info {
	struct ehc_backup_info	 backup;	/* the file, as checked */
	int64_t			 replaced;	/* the store's audit records */
	int64_t			 reapplied;	/* cases removed again */
};

/*
 * Bring back the backup at path in place of the store of db.  The file
 * is checked first, on a private copy beside the store, never changed
 * itself: it must be an ehc store (EHC_EINVAL if not), of a schema
 * version no newer than this libehc's (EHC_ESCHEMA; an older one is
 * brought up to date, a log older than schema 12 keyed with the
 * store's key), pass PRAGMA integrity_check and have an intact audit
 * chain under the store's audit key (EHC_EINVAL), and be an earlier
 * state of this store: its audit log made with the store's key and the
 * start of the store's (EHC_EINVAL for a backup of another store, or
 * one taken before an earlier restore; a store with no audit record
 * yet, as ehc_db_open() creates one, takes any made with its key).
 * Then, with the store's write lock held to the end, each case that a
 * retention run removed from the store after the backup was taken
 * (audit records "retention" after the backup's last) is removed from
 * the copy again, its audit details cleared as ehc_retention_remove()
 * clears them, the restore is audited in it, and the copy replaces
 * the store's contents in one transaction that readers see whole.  db
 * must have no transaction open, and its file stays where and what mode
 * it is.
 * path may not be the store itself (EHC_EINVAL).
 * Returns EHC_OK, EHC_ENOINPUT (path missing or unreadable), EHC_EINVAL,
 * EHC_ESCHEMA, EHC_EKEY (the store's audit key is missing, damaged or
 * not its own), EHC_EBUSY (another ehc held the store's write lock past
 * the busy timeout: nothing changed), EHC_ECREATE (no private copy can
 * be made beside the store), EHC_EIO or EHC_ENOMEM; on failure the
 * store is as it was.  *out is filled on EHC_OK.
 */
EHC_API int ehc_restore(struct ehc_restore_info *out, struct ehc_db *db,
    const char *path);

#ifdef __cplusplus
}
#endif
#endif
