/*
 * transfer.h: a plan moving between authorities (reg 15): sent to the
 * family's new authority, or received from their old one.  Like case.h,
 * each function checks the step, writes, audits and refreshes the
 * case's deadlines; the caller owns the transaction.  Returns EHC_OK,
 * EHC_ENOTFOUND, EHC_EINVAL, EHC_ESTATE or a store error, with the
 * message on the handle.
 */
#ifndef EHC_TRANSFER_H
#define EHC_TRANSFER_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The family is moving to another authority (reg 15(2)): the plan must
 * be transferred on the day of the move, or within 15 working days of
 * learning of it when told less than 15 working days before.  Before a
 * plan is issued there is nothing to transfer: the request closes on
 * the day of the move, which must have happened (SEN2 reports it as
 * Exported to to_la).
 */
EHC_API int ehc_transfer_out(struct ehc_db *db, int64_t id,
    const char *to_la, int32_t move, int32_t aware);

/* The plan was sent to the new authority: it ceases here (reason 5). */
EHC_API int ehc_transfer_sent(struct ehc_db *db, int64_t id, int32_t date);

#define EHC_TRANSFER_IN_VERSION 1

/*
 * A plan transferred in (reg 15(3)): it keeps its issue date.  Start
 * from EHC_TRANSFER_IN_INIT, which leaves every field NULL or
 * EHC_NO_DATE.
 */
struct ehc_transfer_in {
	unsigned int	 version;	/* EHC_TRANSFER_IN_VERSION */
	const char	*forename, *surname, *sex, *upn, *officer;
	int32_t		 dob;
	const char	*from_la;	/* 3-digit LA number */
	int32_t		 transferred;	/* the transfer date */
	int32_t		 issued;	/* the plan's original issue date */
	int32_t		 reviewed;	/* last review decision, or none */
};

#define EHC_TRANSFER_IN_INIT { EHC_TRANSFER_IN_VERSION, NULL, NULL, NULL, \
	NULL, NULL, EHC_NO_DATE, NULL, EHC_NO_DATE, EHC_NO_DATE, EHC_NO_DATE }

/*
 * Record a plan transferred in as a new case, whose reference is
 * written to ref_out, which has ref_len bytes (at least EHC_REF_LEN).
 * Also EHC_EINVAL when ref_len is smaller or in->version is unknown.
 */
EHC_API int ehc_transfer_in(char *ref_out, size_t ref_len,
    struct ehc_db *db, const struct ehc_transfer_in *in);

/* The new authority's reg 15(4) notice to the family was sent. */
EHC_API int ehc_transfer_notified(struct ehc_db *db, int64_t id,
    int32_t date);

#ifdef __cplusplus
}
#endif
#endif
