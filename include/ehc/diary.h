/*
 * diary.h: what is booked for a case before it happens: a review
 * meeting, a planning meeting, a panel, advice expected.  A booking is
 * in ehc due, its calendar and the case until it is held; recording the
 * review meeting (ehc_review_meeting()) marks the review booking held.
 */
#ifndef EHC_DIARY_H
#define EHC_DIARY_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_BOOKING_IN_VERSION 1

/*
 * A booking; start from EHC_BOOKING_IN_INIT, which books a review
 * meeting and leaves every other field NULL or EHC_NO_DATE.
 */
struct ehc_booking_in {
	unsigned int	 version;	/* EHC_BOOKING_IN_VERSION */
	const char	*kind;		/* review, planning, panel or advice */
	int32_t		 date;		/* today or later */
	const char	*time;		/* "HH:MM", or NULL */
	const char	*place;		/* or NULL */
	const char	*invite;	/* who is invited, or NULL */
};

#define EHC_BOOKING_IN_INIT { EHC_BOOKING_IN_VERSION, "review", \
	EHC_NO_DATE, NULL, NULL, NULL }

/*
 * Book in->kind for case_id on in->date.  A booking of the same kind
 * not yet held is moved to the new date, time and place instead.  A
 * review needs a plan in force.  Returns EHC_OK; EHC_ENOTFOUND for an
 * unknown case; EHC_ESTATE for a review of a case without a plan in
 * force; EHC_EINVAL for a date before today, a time that is not HH:MM,
 * text the validator refuses or an unknown kind or version.
 */
EHC_API int ehc_book(struct ehc_db *db, int64_t case_id,
    const struct ehc_booking_in *in);

#ifdef __cplusplus
}
#endif
#endif
