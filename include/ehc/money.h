/*
 * money.h: what a plan costs.  Placements, top-up funding, personal
 * budgets (direct payments or organised arrangements) and indicative
 * budgets, each an amount per period over dates, in whole pence: money
 * is never a floating-point number here.
 */
#ifndef EHC_MONEY_H
#define EHC_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_FUNDING_IN_VERSION 2

/*
 * A commitment to record; start from EHC_FUNDING_IN_INIT, which leaves
 * every field NULL, 0 or EHC_NO_DATE.
 */
struct ehc_funding_in {
	unsigned int	 version;	/* EHC_FUNDING_IN_VERSION */
	const char	*kind;		/* placement, top-up, personal-budget,
					   indicative */
	int64_t		 pence;		/* for one period */
	const char	*per;		/* year, term, month, week, once */
	int32_t		 start;
	int32_t		 end;		/* last day, or EHC_NO_DATE */
	const char	*provider;	/* who is paid */
	const char	*setting_type;	/* mainstream, special, independent,
					   post-16, alternative, early-years,
					   other */
	const char	*payer;		/* education, health or social-care */
	const char	*covers;	/* personal budgets: education,
					   social-care or health */
	int		 direct_payment; /* a personal budget paid directly */
	const char	*band;		/* top-up band */
	/* Version 2: */
	int		 organised;	/* a personal budget with organised
					   arrangements (SEN2 OA) */
};

#define EHC_FUNDING_IN_INIT { EHC_FUNDING_IN_VERSION, NULL, 0, NULL, \
	EHC_NO_DATE, EHC_NO_DATE, NULL, NULL, NULL, NULL, 0, NULL, 0 }

/*
 * Record a commitment; its number (for end and paid) goes to *id_out.
 * EHC_EINVAL also when in->version is unknown.  The personal budgets in
 * force on a census day give the SEN2 return its PB, OA and DP: PB 1
 * for any, OA 1 when one has organised arrangements, DP the cover of
 * those paid directly (E, S or H; I for more than one).
 */
EHC_API int ehc_money_add(int64_t *id_out, struct ehc_db *db,
    int64_t case_id, const struct ehc_funding_in *in);

/* End a commitment on a day (its last day). */
EHC_API int ehc_money_end(struct ehc_db *db, int64_t case_id, int64_t id,
    int32_t end);

/*
 * The first direct payment was made: the first review is due within 3
 * months, by the payment + 3 months - 1 day (Personal Budgets
 * Regulations 2014 reg 11), then at each annual review.  With reviewed
 * set, records that review instead.
 */
EHC_API int ehc_money_direct_payment(struct ehc_db *db, int64_t case_id,
    int64_t id, int32_t date, int reviewed);

/* A commitment as read; strings borrowed for the callback. */
struct ehc_funding {
	int64_t		 id;
	const char	*case_ref;
	const char	*kind, *per, *provider, *setting_type, *payer;
	const char	*covers, *band;
	int64_t		 pence;
	int32_t		 start, end, first_payment, reviewed;
	int		 direct_payment, organised;
};

EHC_API int ehc_money_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_funding *, void *), void *payload);

/*
 * Parse "1234", "1234.5", "1,234.56" or "£1,234.56" into pence, written
 * to *out.  Returns EHC_OK or EHC_EINVAL (*out is then left as it was).
 */
EHC_API int ehc_money_parse(int64_t *out, const char *s);

/* Room for any amount ehc_money_format() writes, and its NUL. */
#define EHC_MONEY_LEN 32

/*
 * Write pence as "£1,234.56" ("-£12.50" when negative; the pound sign
 * in UTF-8) into out, which has out_len bytes (EHC_MONEY_LEN are
 * enough), and return out.  When the amount does not fit, out is ""
 * (nothing at all is written when out_len is 0).
 */
EHC_API char *ehc_money_format(char *out, size_t out_len, int64_t pence);

/*
 * What one commitment costs in one calendar month, up to and including
 * day `until` (EHC_NO_DATE: the whole month).  A yearly amount is a
 * twelfth a month, a termly one a quarter (three terms a year); part
 * months are pro rata by days; rounded to the nearest penny, halves up.
 */
EHC_API int64_t ehc_money_in_month(int64_t pence, const char *per,
    int32_t start, int32_t end, int year, int month, int32_t until);

/* One row of the spend report for a financial year (April to March). */
struct ehc_spend_row {
	const char	*key;		/* month, need, setting, ... */
	int64_t		 month[12];	/* April first */
	int64_t		 to_date;	/* to today, inclusive */
	int64_t		 forecast;	/* the whole year as committed */
};

/*
 * Committed spend for the financial year starting 1 April of fy, grouped
 * by "need" (primary need), "setting" (setting type), "officer",
 * "provider" or "kind"; cb gets one row per group, in key order.
 */
EHC_API int ehc_spend_report(struct ehc_db *db, int fy, const char *by,
    int (*cb)(const struct ehc_spend_row *, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
