/*
 * audit.h: the records: the tamper-evident audit log, one case exported
 * as JSON and imported again, and retention with legal holds.
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

/* Free memory that libehc returned through an output parameter. */
EHC_API void ehc_free(void *p);

/*
 * Export one case (id from ehc_case_lookup()) as one JSON object: the
 * person, the case, its advice, exceptions, reviews, amendments, phase
 * transfers, notes, needs, placements, plan details, cessations,
 * disputes, Tribunal orders, transfers, funding, deadlines and its
 * chronology (the audit records), format described in ehc(5).  On
 * EHC_OK *out is a NUL-terminated string (no trailing newline) owned by
 * the caller, to be released with ehc_free().  Returns EHC_OK,
 * EHC_ENOTFOUND, EHC_ENOMEM or a store error.
 */
EHC_API int ehc_case_export_json(struct ehc_db *db, int64_t id, char **out);

/*
 * Recreate a case from len bytes of JSON in the format that
 * ehc_case_export_json() writes, under a new reference, which is
 * written to ref_out (EHC_REF_LEN bytes).  Every field is checked before
 * anything is written; the chronology is carried over as it was (its
 * times and users) and one more audit record notes the import; the
 * deadlines are recomputed.  A person with the same UPN and the same
 * name and date of birth is reused.  The caller owns the transaction:
 * on failure nothing of the case remains once it rolls back (the
 * function itself undoes what it wrote through a savepoint).  Returns
 * EHC_OK, EHC_EINVAL (not JSON, not that format, or a field fails
 * validation: the message names the field, such as "advice[1].type"),
 * EHC_ENOMEM or a store error.
 */
EHC_API int ehc_case_import_json(struct ehc_db *db, const char *json,
    size_t len, char *ref_out);

/*
 * ehc_case_import_json() on the contents of the file at path (at most
 * 64 MiB).  Returns as that function does, and EHC_ENOINPUT when the
 * file is missing or unreadable, EHC_EIO when reading it fails.
 */
EHC_API int ehc_case_import_file(struct ehc_db *db, const char *path,
    char *ref_out);

/*
 * Retention.  A case may be disposed of once the child or young person
 * is years old (DOB + years; 31 is the IRMS toolkit's figure), unless it
 * is under a legal hold.
 */

/* The default retention period in years, and the range allowed. */
#define EHC_RETENTION_YEARS 31
#define EHC_RETENTION_MIN_YEARS 26	/* a plan can run to 26 (s46) */
#define EHC_RETENTION_MAX_YEARS 120

/* A case past its retention date; strings borrowed for the callback. */
struct ehc_retention_case {
	int64_t		 id;
	const char	*ref;
	int32_t		 dob;
	int32_t		 until;		/* dob + years */
	int		 legal_hold;
};

/*
 * Call cb for each case whose retention date (DOB + years, 29 February
 * becoming 28 February) is on or before today, in reference order.  A
 * non-zero return from cb stops and is returned.  Returns EHC_OK,
 * EHC_EINVAL (years outside the range above) or a store error.
 */
EHC_API int ehc_retention_foreach(struct ehc_db *db, int years,
    int (*cb)(const struct ehc_retention_case *, void *), void *payload);

/*
 * Remove one case and every row that belongs to it (its person too when
 * no other case refers to them), overwriting the freed space, and audit
 * "retention: removed case REF" with no personal data.  The case's
 * earlier audit records stay: they hold no names, and the chain needs
 * them.  Returns EHC_OK, EHC_ENOTFOUND, EHC_ESTATE (under a legal hold)
 * or a store error.
 */
EHC_API int ehc_retention_remove(struct ehc_db *db, int64_t id);

/*
 * Place (on = 1) or lift (on = 0) a legal hold on a case; audited.
 * Returns EHC_OK, EHC_ENOTFOUND, EHC_ESTATE (already so) or a store
 * error.
 */
EHC_API int ehc_retention_hold(struct ehc_db *db, int64_t id, int on);

#ifdef __cplusplus
}
#endif
#endif
