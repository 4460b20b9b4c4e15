/*
 * calendar.h: working days.  The bank holidays of England and Wales are
 * kept in the store (a new store starts with those ehc was built with);
 * a working day is neither a weekend nor a bank holiday.
 */
#ifndef EHC_CALENDAR_H
#define EHC_CALENDAR_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Replace the bank holidays with the England and Wales division of a file
 * in the GOV.UK bank-holidays JSON format.  Returns EHC_OK, EHC_ENOINPUT
 * or EHC_EINVAL (not that format); audited.
 */
EHC_API int ehc_db_load_holidays(struct ehc_db *db, const char *path);

/* Whether day is a working day: not a weekend, not a bank holiday. */
EHC_API int ehc_db_is_working_day(struct ehc_db *db, int32_t day);

/* The last working day strictly before day. */
EHC_API int32_t ehc_db_working_day_before(struct ehc_db *db, int32_t day);

/* Add n working days; n = 0 gives the first working day on or after. */
EHC_API int32_t ehc_db_add_working_days(struct ehc_db *db, int32_t day,
    int n);

#ifdef __cplusplus
}
#endif
#endif
