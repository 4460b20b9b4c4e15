/*
 * fuzz_store.h: what the libFuzzer harnesses share: one store per
 * process in a private temporary directory, and one transaction per
 * input, always rolled back, so every input starts from the same store.
 */
#ifndef EHC_FUZZ_STORE_H
#define EHC_FUZZ_STORE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static char fuzz_dir[64];
static struct ehc_db *fuzz_db;

/* At exit: the store and the files written for it go. */
static void
fuzz_cleanup(void)
{
	struct dirent *e;
	char path[384];
	DIR *d;

	ehc_db_close(fuzz_db);
	if ((d = opendir(fuzz_dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", fuzz_dir,
			    e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(fuzz_dir);
}

/* The store, created on first use; a fresh directory per process. */
static struct ehc_db *
fuzz_store(void)
{
	char path[128];
	int32_t today;

	if (fuzz_db != NULL)
		return fuzz_db;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/ehc-fuzz.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/ehc.db", fuzz_dir);
	if (ehc_db_open(&fuzz_db, path, EHC_DB_CREATE) != EHC_OK)
		abort();
	atexit(fuzz_cleanup);
	ehc_date_parse(&today, "2026-03-02");
	ehc_db_set_today(fuzz_db, today);
	ehc_db_set_user(fuzz_db, "fuzz");
	return fuzz_db;
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
