/*
 * fixture.h: helpers for the Check unit tests: a fresh temporary
 * directory per test.
 */
#ifndef EHC_TEST_FIXTURE_H
#define EHC_TEST_FIXTURE_H

/* A new directory under $TMPDIR (or /tmp); free() the result. */
char	*fixture_tmpdir(void);
/* Remove dir and the files in it (one level). */
void	 fixture_rmtree(const char *dir);
/* dir/name; free() the result. */
char	*fixture_path(const char *dir, const char *name);

#endif
