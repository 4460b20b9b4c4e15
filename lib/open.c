/*
 * open.c: opening a store, the one entry point above every layer.  The
 * store opens the connection and brings the schema up to date; each
 * layer above it that has work to do when a store opens is called from
 * here, so that no layer ever calls one above it (README).
 */
#include "internal.h"

int
ehc_db_open(struct ehc_db **out, const char *path, unsigned flags)
{
	int rc;

	if ((rc = ehc__store_open(out, path, flags)) != EHC_OK)
		return rc;
	/* A new store starts with the bank holidays ehc ships (calendar). */
	if ((rc = ehc__schema_migrate(*out, ehc__holidays_seed)) != EHC_OK)
		return rc;
	/* Deadlines derived by an older clock are derived again (clock). */
	if (!(flags & EHC_DB_READONLY))
		return ehc__clock_check_version(*out);
	return EHC_OK;
}
