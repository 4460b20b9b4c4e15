/*
 * fuzz_holidays.c: the GOV.UK bank-holidays JSON reader behind
 * ehc_db_load_holidays(), on any bytes.
 */
#include <stdint.h>

#include "fuzz_store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_db *db = fuzz_begin();

	if (ehc__holidays_from_json(db, (const char *)data, size) == EHC_OK)
		(void)ehc_db_is_working_day(db, 20000);
	fuzz_end(db);
	return 0;
}
