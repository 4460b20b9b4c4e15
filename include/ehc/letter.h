/*
 * letter.h: letters and panel papers, filled in from a case, its plan and
 * the deadlines the statutory clock computed.
 */
#ifndef EHC_LETTER_H
#define EHC_LETTER_H

#include <stdint.h>
#include <stdio.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The names of the built-in templates, NULL-terminated: "draft" (the
 * covering letter for a draft plan, with the last day for
 * representations), "final" (the final plan letter, with appeal and
 * mediation rights and dates), "no-assess" and "no-issue" (decision
 * letters, with appeal and mediation rights and dates) and "panel" (a
 * case summary for a SEND panel).
 */
EHC_API const char *const *ehc_letter_names(void);

/* The built-in template called name (static text), or NULL. */
EHC_API const char *ehc_letter_template(const char *name);

/* How a letter is written. */
enum ehc_letter_format {
	EHC_LETTER_TEXT,	/* plain text, 72 columns */
	EHC_LETTER_HTML		/* an HTML document to print on A4 */
};

/*
 * Fill a template for a case and write it to fp as format says.  A
 * template is text with {{field}} placeholders: today, case, name,
 * forename, surname,
 * addressee, dob, age, school_year, officer, received, stage,
 * decision_date, reasons, draft_served, representations_until,
 * final_plan_due, final_issued, annual_review_due, appeal_by,
 * mediation_contact_by (dates as "1 June 2026", from the case and the
 * deadlines the statutory clock computed), and deadlines, needs,
 * outcomes, provision and plan_check (lists, one a line).  Once filled
 * in, the letter is laid out again: a paragraph of prose, and each item
 * of a list ("- " lines), is wrapped again at 72 characters; a block
 * with a line that starts with a space, or lines things up with two
 * spaces, is kept as it is.  Nothing is written when the template names
 * an unknown field or one the case has no value for yet.  Returns
 * EHC_OK, EHC_ENOTFOUND (no such case), EHC_EINVAL (the template or the
 * format), EHC_ENOMEM, EHC_EIO (fp failed) or a store error.
 */
EHC_API int ehc_letter_render(FILE *fp, struct ehc_db *db, int64_t case_id,
    const char *tmpl, enum ehc_letter_format format);

#ifdef __cplusplus
}
#endif
#endif
