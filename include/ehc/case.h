/*
 * case.h: the statutory workflow of one case, from the request for an
 * EHC needs assessment to the final plan and through its reviews and
 * amendments, and the case, its advice and its notes read back.  Every
 * step writes, checks itself against the case's state first, audits
 * what it did and refreshes the case's deadlines; the caller owns the
 * transaction.
 *
 * Dates are day numbers (see date.h).  Each mutator returns EHC_OK,
 * EHC_ENOTFOUND (no such case or advice), EHC_EINVAL (a value fails
 * validation, or an event is dated after today or before the event it
 * follows), EHC_ESTATE (the step is out of order) or a store error; the
 * message is on the handle.
 */
#ifndef EHC_CASE_H
#define EHC_CASE_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Room for a case reference such as "EHC-000123" or an advice "A12". */
#define EHC_REF_LEN 32

#define EHC_REQUEST_IN_VERSION 2

/*
 * A new request and the child or young person it is about; start from
 * EHC_REQUEST_IN_INIT, which leaves every field NULL, 0 or EHC_NO_DATE.
 */
struct ehc_request_in {
	unsigned int	 version;	/* EHC_REQUEST_IN_VERSION */
	const char	*forename;	/* required */
	const char	*surname;	/* required */
	int32_t		 dob;		/* required */
	int32_t		 received;	/* required */
	const char	*source;	/* parent, young-person, school, ... */
	const char	*sex;		/* M or F */
	const char	*ethnicity;	/* CBDS code */
	const char	*postcode;
	const char	*upn;		/* validated with its check letter */
	const char	*uln;		/* 10 digits */
	const char	*setting;	/* URN or UKPRN attended */
	const char	*officer;
	/* Version 2: */
	const char	*upn_unknown;	/* SEN2 reason: UN1, UN2, ... */
	int		 rya;		/* made in relevant youth
					   accommodation (SEN2 RYA) */
};

#define EHC_REQUEST_IN_INIT { EHC_REQUEST_IN_VERSION, NULL, NULL, \
	EHC_NO_DATE, EHC_NO_DATE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
	NULL, NULL, 0 }

/*
 * Record a request; the new case's reference is written to ref_out,
 * which has ref_len bytes (at least EHC_REF_LEN).  One child is one
 * person: a UPN or ULN already recorded for a child whose name, date of
 * birth or sex differ is refused (EHC_EINVAL, both shown), and a
 * request for a child who has an open request (not withdrawn, refused
 * or ended in a plan) is refused (EHC_ESTATE).  Also EHC_EINVAL when
 * ref_len is smaller or in->version is unknown.
 */
EHC_API int ehc_request_create(char *ref_out, size_t ref_len,
    struct ehc_db *db, const struct ehc_request_in *in);

/*
 * ehc_request_create() for the child of the case same_person_as: the
 * request is theirs, and in's forename, surname, date of birth, sex,
 * ethnicity, postcode, UPN and ULN are not used (correct theirs with
 * ehc_case_edit()).  Also EHC_ENOTFOUND when there is no such case.
 */
EHC_API int ehc_request_create_for(char *ref_out, size_t ref_len,
    struct ehc_db *db, const struct ehc_request_in *in,
    int64_t same_person_as);

#define EHC_CASE_EDIT_VERSION 1

/*
 * Corrections to a case's child and setting; start from
 * EHC_CASE_EDIT_INIT, which changes nothing.  A string NULL leaves the
 * field as it is and "" clears it (not the names); dob EHC_NO_DATE
 * leaves it.
 */
struct ehc_case_edit {
	unsigned int	 version;	/* EHC_CASE_EDIT_VERSION */
	const char	*forename;
	const char	*surname;
	int32_t		 dob;
	const char	*sex;		/* M or F */
	const char	*ethnicity;	/* CBDS code */
	const char	*upn;
	const char	*uln;
	const char	*upn_unknown;	/* SEN2 reason: UN1 ... UN10 */
	const char	*postcode;
	const char	*setting;	/* URN or UKPRN attended */
	/* Why a date of birth moving a deadline already met is right. */
	const char	*force_reason;
};

#define EHC_CASE_EDIT_INIT { EHC_CASE_EDIT_VERSION, NULL, NULL, \
	EHC_NO_DATE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/*
 * Correct a case's child (and so every case of theirs) or its setting,
 * checked as a request is.  Each case the change touches is audited
 * with the old and new values ("case edit"), and its deadlines derived
 * again.  Returns EHC_OK (also when nothing differs: nothing is
 * written), EHC_ENOTFOUND, EHC_EINVAL (a value fails the request's
 * checks; a UPN or ULN of another child; e->version unknown) or
 * EHC_ESTATE (the new date of birth moves a deadline already met, and
 * no force_reason is given).
 */
EHC_API int ehc_case_edit(struct ehc_db *db, int64_t id,
    const struct ehc_case_edit *e);

/*
 * Find a case by reference (or bare number) and write its id to
 * *id_out.  EHC_ENOTFOUND if none.
 */
EHC_API int ehc_case_lookup(int64_t *id_out, struct ehc_db *db,
    const char *ref);

/* Withdraw the request: every open deadline becomes void. */
EHC_API int ehc_request_withdraw(struct ehc_db *db, int64_t id,
    int32_t date, const char *reason);

enum ehc_decision {
	EHC_DECIDE_ASSESS,
	EHC_DECIDE_NO_ASSESS,
	EHC_DECIDE_ISSUE,
	EHC_DECIDE_NO_ISSUE
};

/* Parse "assess", "no-assess", "issue", "no-issue"; -1 if unknown. */
EHC_API int ehc_decision_parse(const char *s);

EHC_API int ehc_decide(struct ehc_db *db, int64_t id,
    enum ehc_decision decision, int32_t date, const char *reason);

#define EHC_DECIDE_IN_VERSION 1

/*
 * A decision with what goes with it; start from EHC_DECIDE_IN_INIT.
 * support: with a refusal, the support offered instead (SEN support in
 * the setting, say).  reconsider: "mediation", "tribunal" or "evidence"
 * (new evidence): the decision replaces a refusal of the same question
 * made before, which stays in the record; it needs a reason.
 */
struct ehc_decide_in {
	unsigned int		 version;	/* EHC_DECIDE_IN_VERSION */
	enum ehc_decision	 decision;
	int32_t			 date;
	const char		*reason;
	const char		*support;
	const char		*reconsider;
};

#define EHC_DECIDE_IN_INIT { EHC_DECIDE_IN_VERSION, EHC_DECIDE_ASSESS, \
	EHC_NO_DATE, NULL, NULL, NULL }

/*
 * Record a decision as ehc_decide() does, with the support offered
 * instead of a refusal, or reconsidering a refusal.  A reconsidered
 * decision keeps the statutory dates the first one met; the clock's
 * later dates still run from the request.  Returns as ehc_decide(), and
 * EHC_ESTATE to reconsider a question not refused; EHC_EINVAL for an
 * unknown ground, a reconsideration without a reason, or support with a
 * decision that is not a refusal.
 */
EHC_API int ehc_decide_with(struct ehc_db *db, int64_t id,
    const struct ehc_decide_in *in);

/* A decision as read back; strings borrowed for the callback. */
struct ehc_decision_rec {
	const char	*step;		/* "assess" or "issue" */
	const char	*outcome;	/* "Y", "N" or "H" (historical) */
	int32_t		 date;
	const char	*reason, *support, *reconsider;	/* or NULL */
};

/*
 * Call cb for each decision on case id, in the order made, the refusals
 * later reconsidered too.  A non-zero return from cb stops the walk and
 * is returned; else EHC_OK or a store error.
 */
EHC_API int ehc_decision_foreach(struct ehc_db *db, int64_t id,
    int (*cb)(const struct ehc_decision_rec *, void *), void *payload);

/* Whether type names a kind of advice under reg 6(1). */
EHC_API int ehc_advice_type_valid(const char *type);
/* The advice types, NULL-terminated. */
EHC_API const char *const *ehc_advice_types(void);

/*
 * Request advice; received_by is the day the adviser received the
 * request (EHC_NO_DATE: the day it was sent).  The advice reference is
 * written to ref_out, which has ref_len bytes (at least EHC_REF_LEN;
 * EHC_EINVAL when it is smaller).
 */
EHC_API int ehc_advice_request(char *ref_out, size_t ref_len,
    struct ehc_db *db, int64_t id, const char *type, int32_t sent,
    int32_t received_by, const char *provider);

/*
 * Record existing advice re-used under reg 6(4) instead of asking again;
 * its reference is written to ref_out as by ehc_advice_request().
 */
EHC_API int ehc_advice_reuse(char *ref_out, size_t ref_len,
    struct ehc_db *db, int64_t id, const char *type, int32_t date,
    const char *provider);

EHC_API int ehc_advice_receive(struct ehc_db *db, int64_t id,
    const char *advice_ref, int32_t date);

/* Serve the draft plan (reg 13(1)). */
EHC_API int ehc_draft_issue(struct ehc_db *db, int64_t id, int32_t date);

/*
 * Issue the final plan.  Inside the representation window it is refused
 * unless force_reason records why (the family has responded).
 */
EHC_API int ehc_draft_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason);

/*
 * Record an exception to a time limit: step is decide-assess,
 * decide-issue, final-plan or advice (then advice_ref names which);
 * limb is one the step's regulation allows.
 */
EHC_API int ehc_exception_record(struct ehc_db *db, int64_t id,
    const char *step, const char *limb, int32_t date, const char *note,
    const char *advice_ref);

/* Annual reviews (s44, reg 20). */
EHC_API int ehc_review_meeting(struct ehc_db *db, int64_t id, int32_t date);
EHC_API int ehc_review_report(struct ehc_db *db, int64_t id, int32_t date);
/* outcome: "maintain", "amend" or "cease". */
EHC_API int ehc_review_decide(struct ehc_db *db, int64_t id,
    const char *outcome, int32_t date);
/* kind: "school", "post-16" or "post-16-move" (reg 18). */
EHC_API int ehc_phase_transfer(struct ehc_db *db, int64_t id,
    int32_t transfer, const char *kind);

/* Amendments (reg 22). */
EHC_API int ehc_amend_propose(struct ehc_db *db, int64_t id, int32_t date);
EHC_API int ehc_amend_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason);
EHC_API int ehc_amend_cancel(struct ehc_db *db, int64_t id, int32_t date);

/*
 * Re-assessment of a plan in force (CFA s44(2)-(3), regs 24-27).  A
 * request, from requester "parent", "young-person", "school" or
 * "health"; one at a time.
 */
EHC_API int ehc_reassess_request(struct ehc_db *db, int64_t id,
    int32_t date, const char *requester);
/*
 * The decision on the request, notified on date: assess non-zero to
 * re-assess.  Without a request, the authority's own decision to
 * re-assess (s44(3)); refusing needs a request, and a health body's
 * request cannot be refused (s44(2)).
 */
EHC_API int ehc_reassess_decide(struct ehc_db *db, int64_t id, int assess,
    int32_t date);
/* The draft plan after re-assessment served (reg 27(2), reg 13(1)). */
EHC_API int ehc_reassess_draft(struct ehc_db *db, int64_t id, int32_t date);
/*
 * The plan amended or replaced after re-assessment: refused before the
 * draft, and inside its 15 days unless force_reason says why.
 */
EHC_API int ehc_reassess_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason);

/* Give the case to another officer (covering an absent colleague). */
EHC_API int ehc_case_assign(struct ehc_db *db, int64_t id,
    const char *officer);

/*
 * flag: "safeguarding", "looked-after", "chc" (continuing health care to
 * consider) or "not-in-school" (reviews then follow reg 21).
 */
EHC_API int ehc_case_flag(struct ehc_db *db, int64_t id, const char *flag,
    int on);

/*
 * The national curriculum year group the child is in on day on (0 for
 * reception), for a child educated out of the year group of their age;
 * the year group of their age puts them back in it.  The phase transfers
 * derived from the date of birth, and the check of a recorded transfer's
 * kind, follow it.  EHC_EINVAL for a year more than 3 from that of the
 * child's age, or no day.
 */
EHC_API int ehc_case_year_group(struct ehc_db *db, int64_t id, int year,
    int32_t on);

/*
 * Record the primary (rank 1) or secondary (rank 2) SEN2 need type in
 * force from the day from (EHC_NO_DATE: the plan's start for the first
 * need of its rank on a plan, else today).  The need it replaces ends
 * the day before, as does the same type at the other rank; the history
 * is kept for the SEN2 return of any census day.  A need already in
 * force is left as it is.  Also EHC_EINVAL for a day after today or
 * before the latest change of need.
 */
EHC_API int ehc_case_need_at(struct ehc_db *db, int64_t id,
    const char *type, int rank, int32_t from);
/* ehc_case_need_at() from the default day. */
EHC_API int ehc_case_need(struct ehc_db *db, int64_t id, const char *type,
    int rank);

/* A communication: kind call, meeting, letter, email, visit or other. */
EHC_API int ehc_note_add(struct ehc_db *db, int64_t id, int32_t date,
    const char *kind, const char *text);

/* Validate a UPN (13 characters, check letter); 1 when valid. */
EHC_API int ehc_upn_valid(const char *upn);

/* One case as read for display; owned by the caller, see release. */
struct ehc_case {
	int64_t		 id;
	char		*ref;
	char		*forename, *surname;
	int32_t		 dob;
	char		*sex, *ethnicity, *postcode, *upn, *uln;
	int32_t		 received;
	char		*source, *officer, *setting;
	int		 safeguarding, looked_after, chc;
	char		*stage;		/* requested, assessing, ... */
	char		*assess, *issue; /* Y, N, H or NULL */
	int32_t		 assess_date, issue_date, draft_date, final_date;
	int32_t		 withdrawn, cease_date;
	char		*reason;
	/*
	 * For a child educated out of year group (ehc_case_year_group()),
	 * the years above (+) or below (-) the year group of their age
	 * (ehc_plan_school_year()); 0 in it.
	 */
	int		 year_offset;
};

/* Read a case.  Returns EHC_OK or EHC_ENOTFOUND. */
EHC_API int ehc_case_get(struct ehc_case *out, struct ehc_db *db,
    int64_t id);
EHC_API void ehc_case_release(struct ehc_case *c);

/*
 * Call cb for each case (of one officer when officer is not NULL) in
 * reference order; a non-zero return from cb stops and is returned.
 */
EHC_API int ehc_case_foreach(struct ehc_db *db, const char *officer,
    int (*cb)(const struct ehc_case *, void *), void *payload);

/* Advice as read; strings are borrowed for the callback's duration. */
struct ehc_advice {
	const char	*case_ref;
	const char	*officer;
	const char	*ref;
	const char	*type;
	const char	*provider;
	int32_t		 requested, received_by, due, received;
	int		 reused;
	const char	*status;	/* open, overdue, met, late, reused */
	/* Whom it is about, for the chase list a provider is sent. */
	const char	*forename, *surname;
	int32_t		 dob;
	const char	*adviser;	/* the person asked, or NULL */
};

/*
 * Name the person asked for advice advice_ref of case id (the adviser
 * within the provider), or clear it with NULL or "".  Returns EHC_OK,
 * EHC_ENOTFOUND (no such case or advice), EHC_EINVAL (the name) or a
 * store error.
 */
EHC_API int ehc_advice_adviser(struct ehc_db *db, int64_t id,
    const char *advice_ref, const char *adviser);

/*
 * Call cb for the advice of one case (case_id > 0) or of all cases,
 * ordered by provider then due date; overdue_only keeps only advice past
 * its due date and not yet received (a chase list).
 */
EHC_API int ehc_advice_foreach(struct ehc_db *db, int64_t case_id,
    int overdue_only, int (*cb)(const struct ehc_advice *, void *),
    void *payload);

/* A communication or an event in the case's chronology. */
struct ehc_entry {
	int32_t		 date;
	const char	*kind;		/* call, letter, ... or the action */
	const char	*author;
	const char	*text;
	const char	*at;		/* when recorded, RFC 3339 */
};

/* The notes of a case in date order. */
EHC_API int ehc_note_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_entry *, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
