/*
 * audit.h: the tamper-evident audit log: checking the chain, and reading
 * one case's records.
 */
#ifndef EHC_AUDIT_H
#define EHC_AUDIT_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>
#include <ehc/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The audit log.  Every write appends a record (who, when, which case,
 * what); each record carries the SHA-256 of the one before it and its
 * own, so a record changed, removed or inserted outside ehc breaks the
 * chain there.  See ehc(5) for the exact hash input.
 */

/* What a walk of the chain found first. */
enum ehc_audit_fault {
	EHC_AUDIT_INTACT = 0,	/* every record links to the one before */
	EHC_AUDIT_ALTERED,	/* record's content no longer matches */
	EHC_AUDIT_REMOVED,	/* one or more records before it are gone */
	EHC_AUDIT_INSERTED	/* record was not appended by ehc */
};

/* The result of ehc_audit_verify(). */
struct ehc_audit_check {
	int64_t			 records;	/* intact records */
	enum ehc_audit_fault	 fault;
	int64_t			 record;	/* the one fault names */
	char			 head[65];	/* last good hash */
};

/*
 * Walk the whole chain in order and fill *out.  Returns EHC_OK when it
 * is intact, EHC_EINVAL when it is not (the message on the handle names
 * the first bad record: "audit record 17 was altered", "an audit record
 * was removed before 17" or "an audit record was inserted at 17"), or a
 * store error.  Removing the newest records cannot be detected from the
 * chain alone: keep out->head somewhere else to detect that.
 */
EHC_API int ehc_audit_verify(struct ehc_audit_check *out, struct ehc_db *db);

/*
 * Call cb for each audit record of one case, in the order they were
 * written (its chronology).  The entry's strings are borrowed for the
 * callback's duration.  A non-zero return from cb stops and is
 * returned.  Returns EHC_OK or a store error.
 */
EHC_API int ehc_audit_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
