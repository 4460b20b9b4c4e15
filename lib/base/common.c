/*
 * common.c: what common.h declares: the descriptions of the status
 * codes, and the release of memory libehc hands out; and the growing of
 * the arrays libehc makes.
 */
#include "internal.h"

#include <stdlib.h>

const char *
ehc_strerror(int status)
{
	switch (status) {
	case EHC_OK:		return "success";
	case EHC_ENOMEM:	return "out of memory";
	case EHC_EINVAL:	return "invalid value";
	case EHC_ENOTFOUND:	return "no such record";
	case EHC_EEXISTS:	return "already exists";
	case EHC_ESTATE:	return "step not allowed in the case's state";
	case EHC_EBUSY:		return "store busy";
	case EHC_ESCHEMA:	return "store schema not supported";
	case EHC_EIO:		return "input/output error";
	case EHC_ENOSTORE:	return "no store";
	case EHC_ECREATE:	return "cannot create output";
	case EHC_ENOINPUT:	return "missing input";
	case EHC_EKEY:		return "no usable audit key";
	default:		return "internal error";
	}
}

void
ehc_free(void *p)
{
	free(p);
}

int
ehc__grow(void **p, size_t *cap, size_t want, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *np;

	if (want <= *cap)
		return 0;
	while (n < want)
		n *= 2;
	if ((np = realloc(*p, n * size)) == NULL)
		return -1;
	*p = np;
	*cap = n;
	return 0;
}
