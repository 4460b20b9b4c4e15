/*
 * audit.h: the tamper-evident audit log: its key, checking the chain
 * and the cases' seals against it, and reading one case's records.
 */
#ifndef EHC_AUDIT_H
#define EHC_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>
#include <ehc/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The audit log.  Every write appends a record (who, when, which case,
 * what).  Each record carries the MAC of the one before it and its own,
 * an HMAC-SHA-256 under a key kept in a file outside the store, so that
 * a record changed, removed or inserted by someone who can write the
 * store but has not the key breaks the chain there.  After each write
 * the case it touched is sealed: a keyed digest of all its rows, tied to
 * its last audit record, so that a change made to a case's rows outside
 * ehc is found too (ehc_audit_verify_with(), deep).  See ehc(5) for the
 * exact MAC input, and ehc-audit(1) for what this does and does not
 * protect against.
 */

/*
 * Where the audit key of the store at store_path is kept unless the
 * caller names another file (struct ehc_db_options): the one place that
 * decides it.  Writes the path to out, which has out_len bytes (at least
 * strlen(store_path) + 5).  Returns EHC_OK, or EHC_EINVAL when out is
 * too small (out is then "" if it has room for that).
 */
EHC_API int ehc_audit_key_path(char *out, size_t out_len,
    const char *store_path);

/* The audit key file this handle uses; owned by the handle. */
EHC_API const char *ehc_audit_key_file(const struct ehc_db *db);

/* What a walk of the chain found first. */
enum ehc_audit_fault {
	EHC_AUDIT_INTACT = 0,	/* every record links to the one before */
	EHC_AUDIT_ALTERED,	/* record's content no longer matches */
	EHC_AUDIT_REMOVED,	/* one or more records before it are gone */
	EHC_AUDIT_INSERTED,	/* record was not appended by ehc */
	EHC_AUDIT_CUT,		/* the log no longer reaches the anchor */
	EHC_AUDIT_CASE		/* a case's rows no longer match its seal */
};

/* The result of ehc_audit_verify(). */
struct ehc_audit_check {
	int64_t			 records;	/* intact records */
	enum ehc_audit_fault	 fault;
	int64_t			 record;	/* the one fault names */
	char			 head[65];	/* last good MAC */
	int64_t			 cases;		/* cases checked (deep) */
	int64_t			 case_id;	/* EHC_AUDIT_CASE: which */
};

#define EHC_AUDIT_OPTIONS_VERSION 1

/*
 * What to check besides the chain; start from EHC_AUDIT_OPTIONS_INIT.
 * An anchor is the record count and head MAC that ehc_audit_verify()
 * gave earlier and was kept outside the store: with one, the record it
 * names must still be there with that MAC, so cutting records off the
 * end of the log (all of them, even) is found.  deep also checks every
 * case's rows against its seal.
 */
struct ehc_audit_options {
	unsigned int	 version;	/* EHC_AUDIT_OPTIONS_VERSION */
	int64_t		 anchor_records; /* with anchor_head */
	const char	*anchor_head;	/* NULL: no anchor */
	int		 deep;
};

#define EHC_AUDIT_OPTIONS_INIT { EHC_AUDIT_OPTIONS_VERSION, 0, NULL, 0 }

/*
 * Walk the whole chain in order and fill *out.  Returns EHC_OK when it
 * is intact, EHC_EINVAL when it is not (the message on the handle names
 * the first bad record: "audit record 17 was altered", "audit records
 * were removed before record 17" or "an audit record was inserted at
 * 17"), EHC_EKEY when the store's audit key is missing or is not the
 * key the chain was made with, or a store error.  Removing the newest
 * records cannot be detected from the chain alone: keep out->records
 * and out->head elsewhere and give them to ehc_audit_verify_with().
 */
EHC_API int ehc_audit_verify(struct ehc_audit_check *out, struct ehc_db *db);

/*
 * ehc_audit_verify() with an anchor and the deep check (opts).  Returns
 * as it does, and EHC_EINVAL when the log does not reach the anchor
 * ("the audit log was cut: record 17 ...", EHC_AUDIT_CUT) or when a
 * case's rows do not match its seal ("EHC-000002's note rows were
 * changed outside ehc ...", EHC_AUDIT_CASE), or when opts is NULL or of
 * an unknown version.
 */
EHC_API int ehc_audit_verify_with(struct ehc_audit_check *out,
    struct ehc_db *db, const struct ehc_audit_options *opts);

/*
 * Call cb for each audit record of one case, in the order they were
 * written (its chronology).  The entry's strings are borrowed for the
 * callback's duration; text is NULL for a detail removed with the case
 * (retention).  A non-zero return from cb stops and is returned.
 * Returns EHC_OK or a store error.
 */
EHC_API int ehc_audit_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
