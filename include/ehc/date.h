/*
 * date.h: civil dates as day numbers, and the calendar arithmetic the
 * statutory clocks need (days, weeks, months with month-end clamping).
 */
#ifndef EHC_DATE_H
#define EHC_DATE_H

#include <stdint.h>
#include <ehc/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Room for "YYYY-MM-DD" and its terminating NUL. */
#define EHC_DATE_LEN 11

/* No date (an event that has not happened). */
#define EHC_NO_DATE INT32_MIN

/*
 * Parse an ISO 8601 date (YYYY-MM-DD) or a UK date (DD/MM/YYYY) into a
 * day number (days since 1970-01-01).  Years 1900 to 2199 only.
 * Returns EHC_OK, or EHC_EINVAL for anything else or an impossible date.
 */
EHC_API int ehc_date_parse(const char *s, int32_t *out);

/* Write the day as YYYY-MM-DD into out, which has EHC_DATE_LEN bytes. */
EHC_API void ehc_date_format(int32_t day, char *out);

/* Whether y-m-d names a real day of the proleptic Gregorian calendar. */
EHC_API int ehc_date_valid(int y, int m, int d);

/* The day number of a valid y-m-d. */
EHC_API int32_t ehc_date_from_ymd(int y, int m, int d);

/* Split a day number into year, month (1-12) and day (1-31). */
EHC_API void ehc_date_to_ymd(int32_t day, int *y, int *m, int *d);

/* Day of the week: 0 Monday ... 5 Saturday, 6 Sunday. */
EHC_API int ehc_date_weekday(int32_t day);

/*
 * The corresponding day n calendar months later (n may be negative); a day
 * that does not exist in the target month becomes its last day.
 */
EHC_API int32_t ehc_date_add_months(int32_t day, int n);

/* Age in whole years on a given day. */
EHC_API int ehc_date_age(int32_t dob, int32_t on);

#ifdef __cplusplus
}
#endif
#endif
