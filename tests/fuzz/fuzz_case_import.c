/*
 * fuzz_case_import.c: ehc_case_import_json() on any bytes.  It may
 * refuse, but must not crash; what it accepts must export again.
 */
#include <stdint.h>

#include "fuzz_store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_db *db = fuzz_begin();
	char ref[EHC_REF_LEN], *out;
	int64_t id;

	if (ehc_case_import_json(ref, sizeof(ref), db, (const char *)data,
	    size) == EHC_OK) {
		if (ehc_case_lookup(&id, db, ref) != EHC_OK ||
		    ehc_case_export_json(&out, db, id) != EHC_OK)
			abort();
		ehc_free(out);
	}
	fuzz_end(db);
	return 0;
}
