/*
 * db.h: the case store.  One handle is one SQLite connection; every
 * command runs inside one transaction begun and ended by the caller.
 */
#ifndef EHC_DB_H
#define EHC_DB_H

#include <stdint.h>
#include <ehc/common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ehc_db;

enum ehc_db_open_flags {
	EHC_DB_CREATE = 1 << 0,		/* create the store if missing */
	EHC_DB_READONLY = 1 << 1	/* never write */
};

enum ehc_txn {
	EHC_TXN_READ = 0,	/* a consistent snapshot */
	EHC_TXN_WRITE = 1,	/* BEGIN IMMEDIATE */
	/*
	 * A write of a whole caseload (an import): into a store with no
	 * cases, and no other handle open on it, it is written with a
	 * rollback journal, which writes each page once where the
	 * write-ahead log writes it twice; WAL is back after the commit
	 * or rollback (and on every open).  Into a store with no cases,
	 * its references (foreign keys) are checked once, by
	 * ehc_db_commit(), not row by row: one that refers to nothing
	 * fails the commit.  Otherwise as EHC_TXN_WRITE.
	 */
	EHC_TXN_BULK = 2
};

/*
 * Open (and with EHC_DB_CREATE create, mode 0600) the store at path and
 * bring its schema up to date, with the audit key kept beside it (see
 * ehc_audit_key_path()).  *out is set even on failure so that the
 * message can be read with ehc_db_errmsg(); close it with ehc_db_close().
 * Returns EHC_OK, EHC_ENOSTORE (missing without EHC_DB_CREATE, or a
 * file that is not an ehc store: another program's database, an empty
 * file, not SQLite at all), EHC_ESCHEMA (written by a newer ehc, or
 * needs an upgrade and EHC_DB_READONLY was given), EHC_EBUSY, EHC_EIO
 * (cannot be read, or damaged), EHC_ECREATE (the audit key cannot be
 * created), EHC_EINVAL (an old store's audit chain is broken, so it is
 * not keyed: see ehc(5)), EHC_EKEY (the audit key is damaged while the
 * chain is keyed) or EHC_ENOMEM.  An existing
 * empty file becomes a store only with EHC_DB_CREATE.  A handle may be
 * used by one thread at a time; threads that work at once open a handle
 * each.
 */
EHC_API int ehc_db_open(struct ehc_db **out, const char *path,
    unsigned flags);

#define EHC_DB_OPTIONS_VERSION 1

/*
 * How to open a store; start from EHC_DB_OPTIONS_INIT.  audit_key names
 * the audit key's file when it is not where ehc_audit_key_path() puts
 * it (a team installation keeps it away from the store).
 */
struct ehc_db_options {
	unsigned int	 version;	/* EHC_DB_OPTIONS_VERSION */
	unsigned int	 flags;		/* enum ehc_db_open_flags */
	const char	*audit_key;	/* NULL: ehc_audit_key_path() */
};

#define EHC_DB_OPTIONS_INIT { EHC_DB_OPTIONS_VERSION, 0, NULL }

/*
 * ehc_db_open() with options; returns as it does, and EHC_EINVAL when
 * opts is NULL or of an unknown version.
 */
EHC_API int ehc_db_open_with(struct ehc_db **out, const char *path,
    const struct ehc_db_options *opts);

/* Close the store, rolling back any open transaction.  NULL is allowed. */
EHC_API void ehc_db_close(struct ehc_db *db);

/* Begin the command's transaction.  Returns EHC_OK or EHC_EBUSY. */
EHC_API int ehc_db_begin(struct ehc_db *db, enum ehc_txn kind);

/* Commit it.  Returns EHC_OK, EHC_EBUSY or EHC_EIO. */
EHC_API int ehc_db_commit(struct ehc_db *db);

/*
 * Whether the transaction last committed on this handle changed the
 * store, or a restore (ehc_restore()) replaced it (a caller that fails
 * to report a change must not say that nothing happened).
 */
EHC_API int ehc_db_wrote(const struct ehc_db *db);

/* Roll back; safe to call when no transaction is open. */
EHC_API void ehc_db_rollback(struct ehc_db *db);

/*
 * The last detailed message on this handle (owned by the handle, valid
 * until the next call on it); "" when there is none.
 */
EHC_API const char *ehc_db_errmsg(const struct ehc_db *db);

/*
 * Who is acting, for the audit log; the string is copied.  Returns
 * EHC_OK, EHC_EINVAL (empty, longer than 100 characters, or not text:
 * see ehc(5)) or EHC_ENOMEM.
 */
EHC_API int ehc_db_set_user(struct ehc_db *db, const char *user);

/* The day ehc treats as today (events after it are refused). */
EHC_API void ehc_db_set_today(struct ehc_db *db, int32_t day);
EHC_API int32_t ehc_db_today(const struct ehc_db *db);

/* Busy timeout in milliseconds (default 5000). */
EHC_API void ehc_db_set_busy_timeout(struct ehc_db *db, int ms);

/* Schema version this libehc writes. */
EHC_API int ehc_db_schema_version(void);

#ifdef __cplusplus
}
#endif
#endif
