/*
 * plan.h: the content of an EHC plan, sections A to K (CFA 2014 s37,
 * SEND Regulations 2014 reg 12), its immutable issued versions, the
 * checker that says whether it is fit to issue, its rendering as text,
 * Markdown, printable HTML and JSON, and progress against its outcomes.
 *
 * A case has one working copy of its plan, which officers edit, and a
 * numbered series of versions: a snapshot of the working copy taken
 * each time a draft, a final plan, proposed amendments or an amended
 * plan is issued.  Versions are never changed or deleted (the store
 * refuses it); they go only with the whole case.
 *
 * Each section has free text (Markdown, no control characters other
 * than newline and tab).  Sections B, C and D also hold needs, E holds
 * outcomes and F, G, H1 and H2 hold provision, as numbered items with
 * references such as "B1", "E2", "F3" or "H1.2" that never change once
 * given, even when an item is removed.
 */
#ifndef EHC_PLAN_H
#define EHC_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The sections of a plan, in the order reg 12(1) gives them. */
enum ehc_plan_section {
	EHC_PLAN_A, EHC_PLAN_B, EHC_PLAN_C, EHC_PLAN_D, EHC_PLAN_E,
	EHC_PLAN_F, EHC_PLAN_G, EHC_PLAN_H1, EHC_PLAN_H2, EHC_PLAN_I,
	EHC_PLAN_J, EHC_PLAN_K,
	EHC_PLAN_NSECTIONS
};

/* What the items of a section are. */
enum ehc_plan_item_kind {
	EHC_PLAN_NONE = -1,	/* the section holds text only */
	EHC_PLAN_NEED,		/* B, C, D */
	EHC_PLAN_OUTCOME,	/* E */
	EHC_PLAN_PROVISION	/* F, G, H1, H2 */
};

/* Room for an item reference such as "H2.12" and its NUL. */
#define EHC_PLAN_REF_LEN 16
/* Longest section text, in bytes. */
#define EHC_PLAN_TEXT_MAX 65536
/* Longest item text, and longest amount, frequency or provider. */
#define EHC_PLAN_ITEM_MAX 2000
#define EHC_PLAN_FIELD_MAX 200
/* Most needs and outcomes one item may be linked to. */
#define EHC_PLAN_LINKS_MAX 32

/* "A" ... "K" ("H1", "H2"); NULL when section is out of range. */
EHC_API const char *ehc_plan_section_name(int section);
/* The section's heading, e.g. "Special educational provision". */
EHC_API const char *ehc_plan_section_title(int section);
/* Parse "F" or "h1" into a section; -1 when it names none. */
EHC_API int ehc_plan_section_parse(const char *s);
/* The kind of item a section holds (EHC_PLAN_NONE for A, I, J, K). */
EHC_API int ehc_plan_section_kind(int section);

/* One need, outcome or provision, as read. */
struct ehc_plan_item {
	int		 section;
	int		 seq;			/* the number in its section */
	char		 ref[EHC_PLAN_REF_LEN];	/* "B1", "H1.2" */
	char		*text;
	char		*amount;	/* provision: how much; NULL if unset */
	char		*frequency;	/* provision: how often */
	char		*by;		/* provision: who delivers it */
	char		*pfa;		/* preparation-for-adulthood theme */
	char		**links;	/* needs and outcomes served */
	size_t		 nlinks;
};

/*
 * A plan as read: the working copy (version 0) or an issued version.
 * Owned by the caller; free with ehc_plan_release().
 */
struct ehc_plan {
	char		*case_ref;
	char		*forename, *surname;
	int32_t		 dob;
	int		 version;	/* 0: the working copy */
	char		*kind;		/* draft, final, proposed, amended;
					   NULL for the working copy */
	int32_t		 date;		/* the version's date, or EHC_NO_DATE */
	char		*text[EHC_PLAN_NSECTIONS];	/* never NULL */
	struct ehc_plan_item *items;	/* in section then number order */
	size_t		 nitems;
};

/*
 * Read a case's working copy (version 0) or one of its versions into
 * out.  Returns EHC_OK, EHC_ENOTFOUND (no such case or version),
 * EHC_ENOMEM or a store error.  On failure out is left empty but may
 * still be released.
 */
EHC_API int ehc_plan_load(struct ehc_plan *out, struct ehc_db *db,
    int64_t case_id, int version);
/* Free what a plan holds; the struct itself is the caller's. */
EHC_API void ehc_plan_release(struct ehc_plan *plan);
/* Whether a plan has no text and no items at all. */
EHC_API int ehc_plan_is_empty(const struct ehc_plan *plan);

/*
 * Replace a section's text in the working copy; "" or NULL empties it.
 * Returns EHC_OK, EHC_EINVAL (no such section; control characters,
 * invalid UTF-8 or longer than EHC_PLAN_TEXT_MAX), EHC_ENOTFOUND (no
 * such case), EHC_ESTATE (withdrawn request or ceased plan) or a store
 * error.  Audited.
 */
EHC_API int ehc_plan_section_set(struct ehc_db *db, int64_t case_id,
    int section, const char *text);

#define EHC_PLAN_ITEM_IN_VERSION 1

/*
 * An item to add, or the changes to make to one; start from
 * EHC_PLAN_ITEM_IN_INIT.  For ehc_plan_item_add text is required;
 * amount, frequency and by are for provision only.  For
 * ehc_plan_item_edit a NULL field is left as it is and "" clears it
 * (text cannot be cleared); links replaces the item's links when it is
 * not NULL.  Links name needs (for outcomes and provision) or outcomes
 * (for provision) by reference.
 */
struct ehc_plan_item_in {
	unsigned int		 version;	/* EHC_PLAN_ITEM_IN_VERSION */
	const char		*text;
	const char		*amount;
	const char		*frequency;
	const char		*by;
	const char		*pfa;
	const char *const	*links;
	size_t			 nlinks;
};

#define EHC_PLAN_ITEM_IN_INIT { EHC_PLAN_ITEM_IN_VERSION, NULL, NULL, NULL, \
	NULL, NULL, NULL, 0 }

/*
 * Add a need (B, C, D), outcome (E) or provision (F, G, H1, H2) to the
 * working copy; its reference is written to ref_out (which may be
 * NULL), which has ref_len bytes (at least EHC_PLAN_REF_LEN).  Returns
 * EHC_OK, EHC_EINVAL (ref_len too small, an unknown in->version, the
 * section holds no items, a field fails validation, a field given that
 * the kind of item does not have, a link that names no need or
 * outcome, an unknown theme), EHC_ENOTFOUND (no such case), EHC_ESTATE
 * or a store error.  Audited.
 */
EHC_API int ehc_plan_item_add(char *ref_out, size_t ref_len,
    struct ehc_db *db, int64_t case_id, int section,
    const struct ehc_plan_item_in *in);

/*
 * Change an item named by reference.  Returns what ehc_plan_item_add
 * does, and EHC_ENOTFOUND when no item has that reference.  Audited.
 */
EHC_API int ehc_plan_item_edit(struct ehc_db *db, int64_t case_id,
    const char *ref, const struct ehc_plan_item_in *in);

/*
 * Remove an item from the working copy, with its links.  Its reference
 * is not given again.  Returns EHC_OK, EHC_ENOTFOUND, EHC_ESTATE or a
 * store error.  Audited.
 */
EHC_API int ehc_plan_item_remove(struct ehc_db *db, int64_t case_id,
    const char *ref);

/* Why a version was taken. */
enum ehc_plan_kind {
	EHC_PLAN_DRAFT,		/* draft plan served (reg 13(1)) */
	EHC_PLAN_FINAL,		/* final plan issued (reg 13(2)) */
	EHC_PLAN_PROPOSED,	/* proposed amendments sent (reg 22(2)) */
	EHC_PLAN_AMENDED	/* amended plan issued (reg 22(3)) */
};

/* "draft", "final", "proposed", "amended"; NULL when out of range. */
EHC_API const char *ehc_plan_kind_name(int kind);

/*
 * Snapshot the working copy as the case's next version, dated date, and
 * write its number to *number_out (number_out may be NULL).  Call it in
 * the same transaction as the workflow step that issued the plan.
 * Returns EHC_OK, EHC_EINVAL (unknown kind), EHC_ENOTFOUND, EHC_ENOMEM
 * or a store error.  Audited.
 */
EHC_API int ehc_plan_version_create(int *number_out, struct ehc_db *db,
    int64_t case_id, enum ehc_plan_kind kind, int32_t date);

/*
 * Take any version that the case's workflow steps have issued but that
 * was not snapshotted (a draft, final plan, proposal or amended plan
 * recorded by a caller that did not call ehc_plan_version_create).
 * Call it before changing the working copy.  The number taken, or 0, is
 * written to *created_out (created_out may be NULL).  Returns EHC_OK,
 * EHC_ENOTFOUND or a store error.
 */
EHC_API int ehc_plan_sync(int *created_out, struct ehc_db *db,
    int64_t case_id);

/* One version, as listed; strings are borrowed for the callback. */
struct ehc_plan_version {
	int		 number;
	const char	*kind;
	int32_t		 date;
	const char	*user;		/* who issued it */
	const char	*created;	/* when it was stored, RFC 3339 */
};

/*
 * Call cb for each version of a case, oldest first; a non-zero return
 * from cb stops and is returned.  Returns EHC_OK, EHC_ENOTFOUND or a
 * store error.
 */
EHC_API int ehc_plan_version_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_plan_version *, void *), void *payload);

/*
 * Write the number of the case's latest version, 0 when it has none, to
 * *number_out.  Returns EHC_OK or a store error.
 */
EHC_API int ehc_plan_version_latest(int *number_out, struct ehc_db *db,
    int64_t case_id);

/* Output formats. */
enum ehc_plan_format {
	EHC_PLAN_TEXT,
	EHC_PLAN_MARKDOWN,
	EHC_PLAN_HTML,		/* a whole printable, accessible document */
	EHC_PLAN_JSON		/* the document versions are stored as */
};

/* Parse "text", "markdown" ("md"), "html" or "json"; -1 if unknown. */
EHC_API int ehc_plan_format_parse(const char *s);

/*
 * Write the plan to fp.  Returns EHC_OK, EHC_EINVAL (unknown format),
 * EHC_ENOMEM or EHC_EIO (fp reported a write error).
 */
EHC_API int ehc_plan_render(FILE *fp, const struct ehc_plan *plan,
    enum ehc_plan_format format);

/* What the plan is being checked as fit to issue as. */
enum ehc_plan_stage {
	EHC_PLAN_STAGE_DRAFT,	/* section I must be blank (s38(5)) */
	EHC_PLAN_STAGE_FINAL	/* section I must name the setting */
};

/*
 * One problem found by the checker; strings are borrowed for the
 * callback.  line is the line of the section's text (from 1), or 0 when
 * the problem is with an item (item is its reference) or the whole
 * section.
 */
struct ehc_plan_problem {
	const char	*section;	/* "F" */
	int		 line;
	const char	*item;		/* "F2" or NULL */
	const char	*rule;		/* e.g. "vague", "no-amount" */
	const char	*message;
};

/*
 * Check a plan against reg 12 and the Code of Practice: empty statutory
 * sections; vague or unquantified provision; provision with no amount,
 * frequency or provider; needs with no provision and provision serving
 * no need or outcome; no preparation for adulthood from year 9 (the
 * school year is worked out from the date of birth on day on); section
 * I filled in a draft.  cb is called for each problem in section order;
 * a non-zero return stops and is returned.  The number of problems is
 * written to *count_out (count_out may be NULL).  Returns EHC_OK,
 * EHC_ENOMEM or cb's value.
 */
EHC_API int ehc_plan_check(int *count_out, const struct ehc_plan *plan,
    enum ehc_plan_stage stage, int32_t on,
    int (*cb)(const struct ehc_plan_problem *, void *), void *payload);

/*
 * The National Curriculum year a child born on dob is in on day on,
 * by age: 0 for reception, 9 for year 9 (the year in which most pupils
 * reach 14), negative before reception.
 */
EHC_API int ehc_plan_school_year(int32_t dob, int32_t on);

/*
 * Compare two plans section by section, as their text renderings.  For
 * each section that differs cb is called first with op '@' and line the
 * section's heading, then for each line with op ' ' (context), '-'
 * (only in a) or '+' (only in b); context lines are limited to context
 * either side of a change (a negative context keeps them all), and a
 * gap in the context is reported as op '~' with line "...".  A non-zero
 * return from cb stops and is returned.  The number of sections that
 * differ is written to *changed_out (changed_out may be NULL).  Returns
 * EHC_OK, EHC_ENOMEM or cb's value.
 */
EHC_API int ehc_plan_diff(int *changed_out, const struct ehc_plan *a,
    const struct ehc_plan *b, int context, int (*cb)(int section, char op,
    const char *line, void *payload), void *payload);

/*
 * Progress against an outcome of section E (outcome "E1", "E2", ...) at
 * a review: progress is "achieved", "partly" or "not"; date is on or
 * after the latest review meeting before it; note may be NULL.  The
 * outcomes report (ehc_report_table "outcomes") adds them up.  Returns
 * EHC_OK, EHC_EINVAL, EHC_ENOTFOUND (no such case or outcome),
 * EHC_ESTATE (no plan in force, or no review meeting yet) or a store
 * error.
 */
EHC_API int ehc_outcome_progress(struct ehc_db *db, int64_t case_id,
    const char *outcome, const char *progress, int32_t date,
    const char *note);

#ifdef __cplusplus
}
#endif
#endif
