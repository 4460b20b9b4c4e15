/*
 * date.h: civil dates as day numbers, and the calendar arithmetic the
 * statutory clocks need (days, weeks, months with month-end clamping).
 */
#ifndef EHC_DATE_H
#define EHC_DATE_H

#include <stddef.h>
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
 * Parse an ISO 8601 date (YYYY-MM-DD) or a UK date (D/M/YYYY, the day
 * and month of one or two digits: 5/6/2026 or 05/06/2026) into a
 * day number (days since 1970-01-01) written to *out.  Years 1900 to
 * 2199 only.  Returns EHC_OK, or EHC_EINVAL for anything else or an
 * impossible date (*out is then left as it was).
 */
EHC_API int ehc_date_parse(int32_t *out, const char *s);

/*
 * Write the day as YYYY-MM-DD into out, which has out_len bytes
 * (EHC_DATE_LEN are enough), and return out, so that the call can stand
 * where the string is used.  EHC_NO_DATE is written as "", and so is any
 * day when out_len is less than EHC_DATE_LEN (nothing at all when
 * out_len is 0).
 */
EHC_API char *ehc_date_format(char *out, size_t out_len, int32_t day);

/* Room for any day in words: "Wednesday 30 September 2026". */
#define EHC_DATE_WORDS_LEN 32

/*
 * Write the day in words, as letters give it, into out, which has
 * out_len bytes (EHC_DATE_WORDS_LEN are enough), and return out: "4 March
 * 2015", or with weekday "Wednesday 4 March 2015".  EHC_NO_DATE, or too
 * small a buffer, gives "".
 */
EHC_API char *ehc_date_words(char *out, size_t out_len, int32_t day,
    int weekday);

/* Whether y-m-d names a real day of the proleptic Gregorian calendar. */
EHC_API int ehc_date_valid(int y, int m, int d);

/* The day number of a valid y-m-d. */
EHC_API int32_t ehc_date_from_ymd(int y, int m, int d);

/* Split a day number into year, month (1-12) and day (1-31). */
EHC_API void ehc_date_to_ymd(int *y_out, int *m_out, int *d_out,
    int32_t day);

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
