/*
 * clock.h: the statutory clock.  Every deadline of a case comes from
 * ehc's registry of rules (rules as data, each with its regulation); the
 * library recomputes them whenever the case changes.
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
	const char	*status;	/* open, overdue, lapsed, met, late,
					   void */
	int32_t		 due;
	int32_t		 done;		/* EHC_NO_DATE when not done */
	int32_t		 warning;	/* last working day before, or none */
	int		 days;		/* due minus today */
	int		 effective;	/* the earliest live review date */
	int		 flags;		/* EHC_FLAG_* of the case */
	int		 advisory;	/* a reminder, never a breach */
	/*
	 * "deadline": a statutory date.  "action": the work leading to one
	 * (rule is the action, due its act-by date, protects and
	 * protects_due the deadline); "booking": an entry of the diary
	 * (rule is its kind, status "open", "overdue" (a review meeting
	 * passed and not recorded), "held" or "past" (another kind's day
	 * gone)).
	 */
	const char	*kind;
	const char	*child;		/* forename and surname, or NULL */
	const char	*what;		/* what to do, or what is booked */
	const char	*protects;	/* an action's deadline */
	int32_t		 protects_due;	/* its date, or EHC_NO_DATE */
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
 * order of due date: the statutory deadlines, the actions leading to
 * them (each from its act-by date, the deadline's date less the lead
 * time of the rule registry) and what is booked in the diary.  Returns
 * EHC_OK, EHC_ENOTFOUND for an officer with no profile and no case, a
 * store error or cb's non-zero return.
 */
EHC_API int ehc_due_foreach(struct ehc_db *db, int within,
    const char *officer, int (*cb)(const struct ehc_deadline *, void *),
    void *payload);

/*
 * Call cb for each action leading to an open deadline of a case, and
 * each entry of its diary (held ones too), in order of date.  Returns
 * EHC_OK, a store error, or cb's non-zero return.
 */
EHC_API int ehc_action_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_deadline *, void *), void *payload);

/*
 * One statutory rule of ehc's registry; strings are borrowed for the
 * callback's duration.
 */
struct ehc_rule {
	const char	*id;
	const char	*rule;		/* the name its deadlines carry */
	const char	*regulation;
	const char	*trigger;	/* the event the period runs from */
	int		 amount;
	const char	*unit;		/* weeks, days, ... (ehc-rules(1)) */
	const char	*fixed;		/* MM-DD for before-date, or NULL */
	const char	*exceptions;	/* limbs ehc exception accepts */
	const char	*note;		/* the reading ehc takes */
	const char	*alternative;	/* the other reading, or "" */
	const char	*valid_from;	/* YYYY-MM-DD, or NULL */
	const char	*valid_to;	/* YYYY-MM-DD, or NULL */
	const char	*binds;		/* authority, family, health, ... */
	const char	*blocks;	/* steps it holds back, or "" */
	const char	*calendar;	/* "tribunal": HESC rule 12; "send" */
	int		 advisory;	/* a reminder, never a breach */
	int		 lead;		/* days before the due date to start */
};

/*
 * Call cb for each rule, in the registry's order.  db is not read (the
 * rules are ehc's own) and may be NULL.  Returns EHC_OK or cb's
 * non-zero return.
 */
EHC_API int ehc_rule_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_rule *, void *), void *payload);

/*
 * The day compulsory school age ends for a child born on dob: the last
 * Friday in June of the school year in which the child turns 16.  After
 * it the young person holds the rights, and letters go to them.
 * EHC_NO_DATE for EHC_NO_DATE.
 */
EHC_API int32_t ehc_school_age_end(int32_t dob);

/* Recompute every case's deadlines (after the rules change). */
EHC_API int ehc_clock_refresh_all(struct ehc_db *db);

#ifdef __cplusplus
}
#endif
#endif
