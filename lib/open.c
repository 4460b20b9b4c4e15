/*
 * open.c: opening a store, the one entry point above every layer.  The
 * store opens the connection, finds its audit key and brings the schema
 * up to date; each layer above it that has work to do when a store
 * opens is called from here, so that no layer ever calls one above it
 * (README).
 */
#include "internal.h"

#include <stdlib.h>

int
ehc_db_open_with(struct ehc_db **out, const char *path,
    const struct ehc_db_options *opts)
{
	int rc;

	if (opts == NULL || opts->version != EHC_DB_OPTIONS_VERSION) {
		if ((*out = calloc(1, sizeof(**out))) == NULL)
			return EHC_ENOMEM;
		return ehc__check_version(*out, "struct ehc_db_options",
		    opts == NULL ? NULL : &opts->version,
		    EHC_DB_OPTIONS_VERSION);
	}
	if ((rc = ehc__store_open(out, path, opts->flags)) != EHC_OK ||
	    (rc = ehc__key_open(*out, path, opts->audit_key)) != EHC_OK)
		return rc;
	/* A new store starts with the bank holidays ehc ships (calendar). */
	if ((rc = ehc__schema_migrate(*out, ehc__holidays_seed)) != EHC_OK ||
	    (rc = ehc__key_check(*out)) != EHC_OK)
		return rc;
	/* Deadlines derived by an older clock are derived again (clock). */
	if (!(opts->flags & EHC_DB_READONLY))
		return ehc__clock_check_version(*out);
	return EHC_OK;
}

int
ehc_db_open(struct ehc_db **out, const char *path, unsigned flags)
{
	struct ehc_db_options o = EHC_DB_OPTIONS_INIT;

	o.flags = flags;
	return ehc_db_open_with(out, path, &o);
}
