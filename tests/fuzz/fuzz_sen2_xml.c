/*
 * fuzz_sen2_xml.c: ehc_sen2_import() of an XML message made of any
 * bytes; the import may refuse, but must not crash, and a refusal is
 * undone by the transaction (fuzz_end() rolls it back).
 */
#include <stdint.h>

#include "fuzz_store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_db *db = fuzz_begin();
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/ret.xml", fuzz_dir);
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	if (fclose(fp) != 0)
		abort();
	(void)ehc_sen2_import(db, path);
	fuzz_end(db);
	return 0;
}
