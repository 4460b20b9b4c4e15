/*
 * outfile.c: files written whole or not at all (outfile.h).  The
 * temporary file is made by mkstemp() beside the target, so that it is
 * born mode 0600 whatever the umask and the rename stays within one
 * file system; the directory is synced after the rename so that the new
 * name survives a crash.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ehc_outfile {
	char	*path;		/* the target */
	char	*tmp;		/* the temporary file, NULL once gone */
	FILE	*fp;
	char	 errmsg[512];
};

static int
fail(struct ehc_outfile *f, int status, const char *fmt, const char *path,
    int err)
{
	snprintf(f->errmsg, sizeof(f->errmsg), fmt, path, strerror(err));
	return status;
}

/* The directory part of path, "." when there is none; NULL on no memory. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	if ((d = malloc((size_t)(slash - path) + 1)) == NULL)
		return NULL;
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

int
ehc_outfile_open(struct ehc_outfile **out, const char *path)
{
	struct ehc_outfile *f;
	struct stat sb;
	const char *base;
	char *dir;
	size_t n;
	int fd;

	if ((*out = f = calloc(1, sizeof(*f))) == NULL)
		return EHC_ENOMEM;
	if (path == NULL || *path == '\0') {
		snprintf(f->errmsg, sizeof(f->errmsg), "no file name given");
		return EHC_ECREATE;
	}
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		snprintf(f->errmsg, sizeof(f->errmsg), "'%.400s' is not a "
		    "regular file; name a new file or an existing one to "
		    "replace", path);
		return EHC_ECREATE;
	}
	base = strrchr(path, '/');
	base = base == NULL ? path : base + 1;
	if (*base == '\0') {
		snprintf(f->errmsg, sizeof(f->errmsg), "'%.400s' names a "
		    "directory; name a file", path);
		return EHC_ECREATE;
	}
	if ((dir = dir_of(path)) == NULL || (f->path = strdup(path)) == NULL) {
		free(dir);
		return EHC_ENOMEM;
	}
	/* DIR/.BASE.XXXXXX: hidden, and beside the target. */
	n = strlen(dir) + strlen(base) + 10;
	if ((f->tmp = malloc(n)) == NULL) {
		free(dir);
		return EHC_ENOMEM;
	}
	snprintf(f->tmp, n, "%s/.%s.XXXXXX", dir, base);
	free(dir);
	if ((fd = mkstemp(f->tmp)) == -1) {
		free(f->tmp);
		f->tmp = NULL;
		return fail(f, EHC_ECREATE, "cannot create '%.400s': %s", path,
		    errno);
	}
	if ((f->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return fail(f, EHC_ENOMEM, "cannot write '%.400s': %s", path,
		    errno);
	}
	return EHC_OK;
}

FILE *
ehc_outfile_fp(struct ehc_outfile *f)
{
	return f->fp;
}

const char *
ehc_outfile_tmppath(const struct ehc_outfile *f)
{
	return f->tmp;
}

/* Sync the file at path (written by name, perhaps by another library). */
static int
sync_path(const char *path)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Flush, sync and put in place: over the target, or only where none is. */
static int
finish(struct ehc_outfile *f, int replace)
{
	char *dir;
	int bad, err;

	if (f->tmp == NULL)
		return fail(f, EHC_EIO, "cannot write '%.400s': %s", f->path,
		    EBADF);
	if (f->fp != NULL) {
		errno = 0;
		bad = fflush(f->fp) != 0 || ferror(f->fp);
		err = errno;
		if (fclose(f->fp) != 0 && !bad) {
			bad = 1;
			err = errno;
		}
		f->fp = NULL;
		if (bad)
			return fail(f, EHC_EIO, "cannot write '%.400s': %s",
			    f->path, err != 0 ? err : EIO);
	}
	if (sync_path(f->tmp) == -1)
		return fail(f, EHC_EIO, "cannot write '%.400s': %s", f->path,
		    errno);
	if (replace ? rename(f->tmp, f->path) == -1 :
	    link(f->tmp, f->path) == -1) {
		err = errno;
		if (err == EEXIST)
			return fail(f, EHC_EEXISTS, "'%.400s' exists: %s",
			    f->path, err);
		return fail(f, EHC_EIO, "cannot write '%.400s': %s", f->path,
		    err);
	}
	if (!replace)
		unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	/* The new name on disk too; a directory that cannot sync is no harm. */
	if ((dir = dir_of(f->path)) != NULL) {
		(void)sync_path(dir);
		free(dir);
	}
	return EHC_OK;
}

int
ehc_outfile_commit(struct ehc_outfile *f)
{
	return finish(f, 1);
}

int
ehc_outfile_commit_new(struct ehc_outfile *f)
{
	return finish(f, 0);
}

const char *
ehc_outfile_errmsg(const struct ehc_outfile *f)
{
	return f == NULL ? "out of memory" : f->errmsg;
}

void
ehc_outfile_free(struct ehc_outfile *f)
{
	if (f == NULL)
		return;
	if (f->fp != NULL)
		fclose(f->fp);
	if (f->tmp != NULL)
		unlink(f->tmp);
	free(f->tmp);
	free(f->path);
	free(f);
}
