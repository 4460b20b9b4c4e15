/*
 * common.h: status codes, export macros and the release of memory that
 * libehc hands out, shared by every libehc header.
 */
#ifndef EHC_COMMON_H
#define EHC_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define EHC_API __attribute__((visibility("default")))
#else
#define EHC_API
#endif

/*
 * The version of the JSON that ehc writes, given as format_version in
 * every JSON object it prints or exports (ehc(5)): renaming or removing
 * a key, or changing what a value means, changes it.
 */
#define EHC_JSON_FORMAT_VERSION 2

/* Success is 0; expected failures are small negative numbers. */
enum ehc_status {
	EHC_OK = 0,
	EHC_ERROR = -1,		/* unexpected; see ehc_db_errmsg() */
	EHC_ENOMEM = -2,
	EHC_EINVAL = -3,	/* a value fails validation */
	EHC_ENOTFOUND = -4,	/* a named record does not exist */
	EHC_EEXISTS = -5,	/* a uniqueness rule is violated */
	EHC_ESTATE = -6,	/* the case's state does not allow the step */
	EHC_EBUSY = -7,		/* the store stayed locked past the timeout */
	EHC_ESCHEMA = -8,	/* the store was written by a newer ehc */
	EHC_EIO = -9,		/* file or store I/O failed */
	EHC_ENOSTORE = -10,	/* the store does not exist */
	EHC_ECREATE = -11,	/* an output file cannot be created */
	EHC_ENOINPUT = -12,	/* an input file is missing or unreadable */
	EHC_EKEY = -13		/* the audit key is missing, damaged or not */
				/* the store's own */
};

/* A static description of a status code; never NULL. */
EHC_API const char *ehc_strerror(int status);

/*
 * Free memory that libehc returned through an output parameter and
 * documents as released here (such as the JSON of
 * ehc_case_export_json()).  NULL is allowed.  Never free such memory
 * with free(): libehc may use another allocator.
 */
EHC_API void ehc_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
