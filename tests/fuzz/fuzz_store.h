/*
 * fuzz_store.h: what the libFuzzer harnesses share: one store per
 * process in a private temporary directory, and one transaction per
 * input, always rolled back, so every input starts from the same store.
 */
#ifndef EHC_FUZZ_STORE_H
#define EHC_FUZZ_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char fuzz_dir[64];

/* The store, created on first use; a fresh directory per process. */
static struct ehc_db *
fuzz_store(void)
{
	static struct ehc_db *db;
	char path[128];
	int32_t today;

	if (db != NULL)
		return db;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/ehc-fuzz.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/ehc.db", fuzz_dir);
	if (ehc_db_open(&db, path, EHC_DB_CREATE) != EHC_OK)
		abort();
	ehc_date_parse("2026-03-02", &today);
	ehc_db_set_today(db, today);
	ehc_db_set_user(db, "fuzz");
	return db;
}

/* Begin the input's transaction. */
static struct ehc_db *
fuzz_begin(void)
{
	struct ehc_db *db = fuzz_store();

	if (ehc_db_begin(db, EHC_TXN_WRITE) != EHC_OK)
		abort();
	return db;
}

/* Whatever the input did, the store goes back to how it was. */
static void
fuzz_end(struct ehc_db *db)
{
	ehc_db_rollback(db);
	/* The message must always be one printable line. */
	if (strchr(ehc_db_errmsg(db), '\n') != NULL)
		abort();
}

#endif
