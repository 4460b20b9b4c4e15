/*
 * fuzz_date.c: ehc_date_parse() on any bytes.  Whatever it accepts must
 * format back to a date that parses to the same day.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ehc/ehc.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[EHC_DATE_LEN];
	int32_t day, again;
	int y, m, d;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ehc_date_parse(&day, s) == EHC_OK) {
		ehc_date_format(buf, sizeof(buf), day);
		if (ehc_date_parse(&again, buf) != EHC_OK || again != day)
			abort();
		ehc_date_to_ymd(&y, &m, &d, day);
		if (!ehc_date_valid(y, m, d) || y < 1900 || y > 2199)
			abort();
		(void)ehc_date_add_months(day, 12 * 31);
		(void)ehc_date_weekday(day);
	}
	free(s);
	return 0;
}
