/*
 * date.c: civil-date arithmetic on day numbers (days since 1970-01-01),
 * using Howard Hinnant's days-from-civil algorithms, which are exact for
 * the proleptic Gregorian calendar.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

int
ehc_date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

int32_t
ehc_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
ehc_date_to_ymd(int *y_out, int *m_out, int *d_out, int32_t day)
{
	int32_t z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d_out = doy - (153 * mp + 2) / 5 + 1;
	*m_out = mp < 10 ? mp + 3 : mp - 9;
	*y_out = yoe + era * 400 + (*m_out <= 2);
}

int
ehc_date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((day + 3) % 7);

	return w < 0 ? w + 7 : w;
}

int32_t
ehc_date_add_months(int32_t day, int n)
{
	int y, m, d, total, dim;

	ehc_date_to_ymd(&y, &m, &d, day);
	total = y * 12 + (m - 1) + n;
	y = total / 12;
	m = total % 12 + 1;
	dim = days_in_month(y, m);
	return ehc_date_from_ymd(y, m, d > dim ? dim : d);
}

int
ehc_date_age(int32_t dob, int32_t on)
{
	int by, bm, bd, y, m, d, age;

	ehc_date_to_ymd(&by, &bm, &bd, dob);
	ehc_date_to_ymd(&y, &m, &d, on);
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

/* Read exactly n digits; returns -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
ehc_date_parse(int32_t *out, const char *s)
{
	const char *slash, *slash2;
	int y, m, d;

	if (s == NULL)
		return EHC_EINVAL;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		y = digits(s, 4);
		m = digits(s + 5, 2);
		d = digits(s + 8, 2);
	} else if ((slash = strchr(s, '/')) != NULL &&
	    (slash2 = strchr(slash + 1, '/')) != NULL &&
	    (slash - s == 1 || slash - s == 2) &&
	    (slash2 - slash == 2 || slash2 - slash == 3) &&
	    strlen(slash2 + 1) == 4) {
		/* D/M/YYYY as officers write it, zero-padded or not. */
		d = digits(s, (int)(slash - s));
		m = digits(slash + 1, (int)(slash2 - slash - 1));
		y = digits(slash2 + 1, 4);
	} else
		return EHC_EINVAL;
	if (y < 0 || m < 0 || d < 0 || !ehc_date_valid(y, m, d))
		return EHC_EINVAL;
	*out = ehc_date_from_ymd(y, m, d);
	return EHC_OK;
}

char *
ehc_date_format(char *out, size_t out_len, int32_t day)
{
	int y, m, d;

	if (out_len == 0)
		return out;
	if (day == EHC_NO_DATE || out_len < EHC_DATE_LEN) {
		out[0] = '\0';
		return out;
	}
	ehc_date_to_ymd(&y, &m, &d, day);
	/* Day numbers come from parsed dates: 1900 <= y <= 2199. */
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return out;
}

char *
ehc_date_words(char *out, size_t out_len, int32_t day, int weekday)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	static const char *const days[] = { "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	int y, m, d;

	if (out_len == 0)
		return out;
	out[0] = '\0';
	if (day == EHC_NO_DATE || out_len < EHC_DATE_WORDS_LEN)
		return out;
	ehc_date_to_ymd(&y, &m, &d, day);
	snprintf(out, out_len, "%s%s%d %s %d", weekday ?
	    days[ehc_date_weekday(day)] : "", weekday ? " " : "", d,
	    months[m - 1], y);
	return out;
}
