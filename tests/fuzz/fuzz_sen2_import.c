/*
 * fuzz_sen2_import.c: ehc_sen2_import() on any bytes.  The input is cut
 * at NUL bytes into the nine CSV files of a return, in the order below
 * (missing ones are empty); the import may refuse, but must not crash.
 */
#include <stdint.h>

#include "fuzz_store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {
	"sen2_header.csv", "sen2_person.csv", "sen2_requests.csv",
	"sen2_assessment.csv", "sen2_namedplan.csv", "sen2_plandetail.csv",
	"sen2_activeplans.csv", "sen2_placementdetail.csv",
	"sen2_senneed.csv"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_db *db = fuzz_begin();
	char path[160];
	const uint8_t *p = data, *end = data + size, *nul;
	FILE *fp;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir, files[i]);
		if ((fp = fopen(path, "wb")) == NULL)
			abort();
		if (p < end) {
			nul = memchr(p, '\0', (size_t)(end - p));
			if (nul == NULL)
				nul = end;
			fwrite(p, 1, (size_t)(nul - p), fp);
			p = nul < end ? nul + 1 : end;
		}
		if (fclose(fp) != 0)
			abort();
	}
	(void)ehc_sen2_import(db, fuzz_dir);
	fuzz_end(db);
	return 0;
}
