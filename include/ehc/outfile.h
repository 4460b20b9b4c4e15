/*
 * outfile.h: the files ehc writes (workbooks, returns, exports), made
 * whole or not at all.  Each is written to a temporary file in the
 * target's own directory, mode 0600, and renamed over the target only
 * once it is complete and on disk; until then the target, if there is
 * one, is untouched.  A target that exists and is not a regular file
 * (a directory, a device, a FIFO, a symbolic link) is refused.
 */
#ifndef EHC_OUTFILE_H
#define EHC_OUTFILE_H

#include <stdio.h>
#include <ehc/common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ehc_outfile;

/*
 * Begin writing the file at path.  *out is set even on failure, so that
 * ehc_outfile_errmsg() can say why; release it with ehc_outfile_free().
 * Returns EHC_OK, EHC_ECREATE (the target is not a regular file, or the
 * temporary file cannot be created: no such directory, no permission)
 * or EHC_ENOMEM.
 */
EHC_API int ehc_outfile_open(struct ehc_outfile **out, const char *path);

/*
 * The stream to write to, owned by f and valid until ehc_outfile_commit()
 * or ehc_outfile_free().
 */
EHC_API FILE *ehc_outfile_fp(struct ehc_outfile *f);

/*
 * The temporary file's path, for a library that writes a file by name
 * (libxlsxwriter); owned by f.  Whoever writes it this way does not use
 * ehc_outfile_fp().
 */
EHC_API const char *ehc_outfile_tmppath(const struct ehc_outfile *f);

/*
 * Finish: flush, check for write errors, sync the file to disk and
 * rename it over the target.  Returns EHC_OK, or EHC_EIO (a write, sync
 * or rename failed; the target is as it was and the temporary file is
 * removed).
 */
EHC_API int ehc_outfile_commit(struct ehc_outfile *f);

/*
 * ehc_outfile_commit(), but only where no file is: a target that exists
 * by then (made meanwhile by another process) is left as it is, and
 * EHC_EEXISTS returned.  For files that must never be replaced (the
 * audit key).
 */
EHC_API int ehc_outfile_commit_new(struct ehc_outfile *f);

/* Why the last call on f failed; "" if none.  Owned by f. */
EHC_API const char *ehc_outfile_errmsg(const struct ehc_outfile *f);

/*
 * Release f; a file not committed is removed and the target left as it
 * was.  NULL is allowed.
 */
EHC_API void ehc_outfile_free(struct ehc_outfile *f);

#ifdef __cplusplus
}
#endif
#endif
