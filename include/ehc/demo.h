/*
 * demo.h: a realistic synthetic caseload, for demonstrations, training
 * and benchmarks.  Every case is built through the public workflow
 * functions (case.h, dispute.h), so it obeys the same rules as real work
 * and carries the same audit trail and deadlines.
 */
#ifndef EHC_DEMO_H
#define EHC_DEMO_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_DEMO_OPTIONS_VERSION 1

/* How to build the caseload; start from EHC_DEMO_OPTIONS_INIT. */
struct ehc_demo_options {
	unsigned int	 version;	/* EHC_DEMO_OPTIONS_VERSION */
	int64_t		 cases;		/* requests to generate, >= 1 */
	uint64_t	 seed;		/* same seed and today: same store */
	/*
	 * Called now and then with the cases done so far and the total;
	 * a non-zero return stops the build and is returned.  May be NULL.
	 */
	int		(*progress)(int64_t done, int64_t total, void *payload);
	void		*payload;
};

/* 1000 cases from seed 1, no progress callback. */
#define EHC_DEMO_OPTIONS_INIT { EHC_DEMO_OPTIONS_VERSION, 1000, 1, NULL, NULL }

/* The most cases one build makes. */
#define EHC_DEMO_MAX_CASES 2000000

/* What was built, counted as it was generated. */
struct ehc_demo_summary {
	int64_t		 cases;		/* requests recorded */
	int64_t		 withdrawn;
	int64_t		 refused;	/* decided not to assess */
	int64_t		 assessed;	/* decided to assess */
	int64_t		 not_issued;	/* assessed, decided not to issue */
	int64_t		 plans;		/* final plans issued */
	int64_t		 within_20;	/* of which within 20 weeks */
	int64_t		 week20_exceptions;
	int64_t		 within_20_ex;	/* within 20 weeks, no exception */
	int64_t		 ceased;	/* plans ended (incl. transfers out) */
	int64_t		 reviews;	/* review meetings held */
	int64_t		 reviews_decided;
	int64_t		 decided_4_weeks; /* decision within 4 weeks */
	int64_t		 amended;	/* reviews decided amend */
	int64_t		 maintained;
	int64_t		 phase_transfers;
	int64_t		 calls;		/* library calls made */
};

/*
 * Fill an empty store with opts->cases requests received over the six
 * years before the handle's today, each followed through the workflow
 * as far as today allows, with the national and Northumberland
 * distributions of docs/sen2-return.md section 2: about two thirds
 * assessed, 95% of those issued, under half of plans within 20 weeks,
 * annual reviews, amendments, cessations and phase transfers.  The
 * result depends only on the seed, the number of cases and today.
 *
 * The caller owns the transaction (one BEGIN IMMEDIATE around the whole
 * build is much the fastest).  The handle's today is used and left as
 * it was.  What was built is written to *out (out may be NULL).
 *
 * Returns EHC_OK; EHC_EINVAL (opts out of range or of an unknown
 * version, or today not set);
 * EHC_ESTATE (the store already holds cases: demo data is never mixed
 * with real records); a store error; or the progress callback's
 * non-zero return.  The message is on the handle.
 */
EHC_API int ehc_demo_build(struct ehc_demo_summary *out, struct ehc_db *db,
    const struct ehc_demo_options *opts);

#ifdef __cplusplus
}
#endif
#endif
