/*
 * placement.h: where a child or young person is placed: the settings
 * named in the plan (section I; SEN2 PlanDetail) and the settings they
 * attend (SEN2 PlacementDetail).
 */
#ifndef EHC_PLACEMENT_H
#define EHC_PLACEMENT_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_PLACEMENT_IN_VERSION 1

/*
 * A setting to record; start from EHC_PLACEMENT_IN_INIT, which leaves
 * rank 1 and every other field NULL, 0 or EHC_NO_DATE.
 */
struct ehc_placement_in {
	unsigned int	 version;	/* EHC_PLACEMENT_IN_VERSION */
	int		 attends;	/* 0: named in the plan; 1: attended */
	const char	*urn;		/* establishment (up to 6 digits) */
	const char	*ukprn;		/* provider (8 digits) */
	const char	*setting;	/* SEN2 SENSetting code */
	const char	*other;		/* SENSettingOther detail */
	int		 rank;		/* 1 primary, 2 secondary */
	/*
	 * Attended: the days the child started and left.  Named: the days
	 * the plan named it from (EHC_NO_DATE: the plan's start for the
	 * first of its rank, else today) and until (none: until another
	 * of the same rank is named).
	 */
	int32_t		 entry, leaving;
	int		 sen_unit, resourced;
	const char	*res;		/* residential: A 38-51, B 52 weeks */
	const char	*wbp;		/* work-based: A, T or S */
};

#define EHC_PLACEMENT_IN_INIT { EHC_PLACEMENT_IN_VERSION, 0, NULL, NULL, \
	NULL, NULL, 1, EHC_NO_DATE, EHC_NO_DATE, 0, 0, NULL, NULL }

/*
 * Record a setting named in the plan or one attended; exactly one of
 * urn, ukprn and setting.  A named setting replaces the one of the same
 * rank from its start: that one ends the day before and is kept, so
 * that the SEN2 return of an earlier census day still finds it (a start
 * before the last named setting's is refused; one on the same day
 * replaces it).  The row's number goes to *seq_out.  Returns EHC_OK,
 * EHC_ENOTFOUND, EHC_EINVAL (also for an unknown in->version, or a start
 * after today) or a store error.
 */
EHC_API int ehc_placement_add(int *seq_out, struct ehc_db *db,
    int64_t case_id, const struct ehc_placement_in *in);

/* The child left an attended setting on date. */
EHC_API int ehc_placement_leave(struct ehc_db *db, int64_t case_id,
    int seq, int32_t date);

struct ehc_placement {
	int		 attends, seq, rank, sen_unit, resourced;
	const char	*urn, *ukprn, *setting, *other, *res, *wbp;
	int32_t		 entry, leaving;
};

EHC_API int ehc_placement_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_placement *, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
