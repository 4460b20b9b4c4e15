/*
 * retention.h: how long a case is kept.  A case may be disposed of once
 * the child or young person is years old (DOB + years; 31 is the IRMS
 * toolkit's figure), unless it is under a legal hold.
 */
#ifndef EHC_RETENTION_H
#define EHC_RETENTION_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The default retention period in years, and the range allowed. */
#define EHC_RETENTION_YEARS 31
#define EHC_RETENTION_MIN_YEARS 26	/* a plan can run to 26 (s46) */
#define EHC_RETENTION_MAX_YEARS 120

/*
 * The share of the store's cases, in per cent, that one disposal run may
 * remove unless forced, when the setting retention_max (ehc_config_set())
 * does not say otherwise: more is most likely a wrong date or period.
 */
#define EHC_RETENTION_MAX_SHARE 10

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
 * How many cases the store holds (*cases) and the share of them, in per
 * cent, that one disposal run may remove unless forced (*percent: the
 * setting retention_max, or EHC_RETENTION_MAX_SHARE).  Returns EHC_OK
 * or a store error.
 */
EHC_API int ehc_retention_limit(struct ehc_db *db, int64_t *cases,
    int *percent);

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
