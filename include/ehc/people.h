/*
 * people.h: the people around a case (the family, the young person and
 * the professionals, with how to reach them), whom its letters go to,
 * its safeguarding concerns and its Continuing Health Care record.
 *
 * Each mutator checks its input with the store's validator, audits what
 * it did, and returns EHC_OK, EHC_ENOTFOUND (no such case, contact or
 * concern), EHC_EINVAL (a value fails validation, or a date is after
 * today or before what it follows), EHC_ESTATE (the step is out of
 * order) or a store error; the message is on the handle.  The caller
 * owns the transaction.
 */
#ifndef EHC_PEOPLE_H
#define EHC_PEOPLE_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_CONTACT_IN_VERSION 1

/*
 * A person involved with the case; start from EHC_CONTACT_IN_INIT.
 * role is parent, carer, young-person, ep (educational psychologist),
 * health, social-worker, senco, key-worker or other.  pr: the person has
 * parental responsibility (parents and carers only).  address may run
 * over several lines (LF); the rest are one line each.
 */
struct ehc_contact_in {
	unsigned int	 version;	/* EHC_CONTACT_IN_VERSION */
	const char	*role;		/* required */
	const char	*name;		/* required */
	int		 pr;
	const char	*organisation;	/* service or school */
	const char	*address;
	const char	*phone;
	const char	*email;
	const char	*language;	/* preferred, if not English */
	const char	*format;	/* preferred: large print, Braille... */
};

#define EHC_CONTACT_IN_INIT { EHC_CONTACT_IN_VERSION, NULL, NULL, 0, NULL, \
	NULL, NULL, NULL, NULL, NULL }

/* A contact as read back; its strings are borrowed (see foreach). */
struct ehc_contact {
	int64_t		 id;
	const char	*role;
	const char	*name;
	int		 pr;
	const char	*organisation, *address, *phone, *email;
	const char	*language, *format;	/* NULL when not given */
	int32_t		 removed;	/* EHC_NO_DATE while involved */
};

/*
 * Add a contact to case_id; its number is written to *id_out.
 * EHC_EINVAL for an unknown role, parental responsibility given to a
 * professional or the young person, or a field the validator refuses.
 */
EHC_API int ehc_contact_add(int64_t *id_out, struct ehc_db *db,
    int64_t case_id, const struct ehc_contact_in *in);

/*
 * Record that contact contact_id of case_id is no longer involved from
 * date; it is kept in the record.  EHC_ENOTFOUND when the case has no
 * such contact, EHC_ESTATE when it was removed already.
 */
EHC_API int ehc_contact_remove(struct ehc_db *db, int64_t case_id,
    int64_t contact_id, int32_t date);

/*
 * Call cb for each contact of case_id (removed ones too), family first
 * (the young person, then parents and carers), then professionals, each
 * in the order added.  The strings are valid only during the call.  A
 * non-zero return from cb stops the walk and is returned.
 */
EHC_API int ehc_contact_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_contact *, void *), void *payload);

/*
 * Whom the case's letters are addressed to on day on: after compulsory
 * school age ends (ehc_school_age_end()) the young person, else the
 * parents and carers with parental responsibility still involved.
 * Writes their names ("Jane Khan and Ali Khan") to out (out_len bytes,
 * cut to fit) and the first one's address, or "" for none, to address
 * (address_len bytes; address NULL when not wanted).  With no such
 * contact recorded, the young person's forename or "parent or carer".
 * Returns EHC_OK, EHC_EINVAL (an output buffer of no bytes),
 * EHC_ENOTFOUND or a store error.
 */
EHC_API int ehc_contact_addressee(char *out, size_t out_len, char *address,
    size_t address_len, struct ehc_db *db, int64_t case_id, int32_t on);

/*
 * A safeguarding concern: raised on date by raised_by (the acting user
 * when NULL) with a short restricted note (at most 500 characters, lines
 * allowed; shown by the case's own view and its export to another
 * authority only, never in lists, reports or letters).  It is open
 * until closed, and the case carries the safeguarding flag while one
 * is open.  Its number is written to *id_out.
 */
EHC_API int ehc_concern_raise(int64_t *id_out, struct ehc_db *db,
    int64_t case_id, int32_t date, const char *raised_by, const char *note);

/*
 * Close concern concern_id (0: every open one) of case_id on date;
 * the flag is cleared when none is left open (a flag set with no
 * concern recorded, by ehc_case_flag() or an import, is cleared by 0).
 * EHC_ENOTFOUND for no such concern, EHC_ESTATE when there is nothing
 * open to close.
 */
EHC_API int ehc_concern_close(struct ehc_db *db, int64_t case_id,
    int64_t concern_id, int32_t date);

/* A concern as read back; strings borrowed for the callback. */
struct ehc_concern {
	int64_t		 id;
	int32_t		 raised;
	const char	*raised_by;
	const char	*note;		/* NULL when none */
	int32_t		 closed;	/* EHC_NO_DATE while open */
};

/* Call cb for each concern of case_id, oldest first; as foreach above. */
EHC_API int ehc_concern_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_concern *, void *), void *payload);

/*
 * Continuing Health Care: the referral to the integrated care board on
 * date (step "referred"), then its decision ("eligible" or
 * "not-eligible") on date.  An eligible decision sets the case's chc
 * flag; not-eligible clears it.  EHC_ESTATE for a decision before any
 * referral, a second referral, or a second decision.
 */
EHC_API int ehc_chc_record(struct ehc_db *db, int64_t case_id,
    const char *step, int32_t date);

/* The case's CHC record: EHC_NO_DATE and NULL where there is none. */
struct ehc_chc {
	int32_t		 referred;
	const char	*outcome;	/* static: "eligible", "not-eligible" */
	int32_t		 decided;
};

/* Read case_id's CHC record into *out.  EHC_OK or a store error. */
EHC_API int ehc_chc_get(struct ehc_chc *out, struct ehc_db *db,
    int64_t case_id);

#ifdef __cplusplus
}
#endif
#endif
