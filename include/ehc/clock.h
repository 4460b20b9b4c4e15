/*
 * clock.h: the statutory clock.  Every deadline of a case comes from the
 * rules table (rules as data, each with its regulation); the library
 * recomputes them whenever the case changes.
 */
#ifndef EHC_CLOCK_H
#define EHC_CLOCK_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One deadline; strings are borrowed for the callback's duration. */
struct ehc_deadline {
	const char	*case_ref;
	const char	*officer;
	const char	*rule;		/* decide-assess, advice, ... */
	const char	*rule_id;	/* the rules-table row it came from */
	const char	*regulation;
	const char	*subject;	/* advice reference etc., or NULL */
	const char	*exception;	/* limb relied on, or NULL */
	const char	*explain;	/* how the date was computed */
	const char	*status;	/* open, overdue, met, late, void */
	int32_t		 due;
	int32_t		 done;		/* EHC_NO_DATE when not done */
	int32_t		 warning;	/* last working day before, or none */
	int		 days;		/* due minus today */
	int		 effective;	/* the earliest live review date */
	int		 flags;		/* EHC_FLAG_* of the case */
	int		 advisory;	/* a reminder, never a breach */
};

enum ehc_case_flags {
	EHC_FLAG_SAFEGUARDING = 1 << 0,
	EHC_FLAG_LOOKED_AFTER = 1 << 1,
	EHC_FLAG_CHC = 1 << 2
};

/*
 * Call cb for each deadline of a case in order of due date, ties in the
 * order the steps happen.  Returns EHC_OK, a store error, or cb's
 * non-zero return.
 */
EHC_API int ehc_deadline_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_deadline *, void *), void *payload);

/*
 * Call cb for everything overdue, and everything open and due within
 * `within` days of today, across the caseload (or one officer's), in
 * order of due date.
 */
EHC_API int ehc_due_foreach(struct ehc_db *db, int within,
    const char *officer, int (*cb)(const struct ehc_deadline *, void *),
    void *payload);

/* One statutory rule as stored. */
struct ehc_rule {
	const char	*id;
	const char	*rule;
	const char	*regulation;
	const char	*trigger;
	int		 amount;
	const char	*unit;
	const char	*fixed;
	const char	*exceptions;
	const char	*note;
};

EHC_API int ehc_rule_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_rule *, void *), void *payload);

/* Recompute every case's deadlines (after the rules change). */
EHC_API int ehc_clock_refresh_all(struct ehc_db *db);

#ifdef __cplusplus
}
#endif
#endif
