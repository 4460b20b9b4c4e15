/*
 * fixture.h: the fixtures and helpers every Check unit test shares.
 *
 * A test of a pure function needs no fixture at all.  For the others,
 * each checked fixture (tcase_add_checked_fixture) gives the test a fresh
 * directory, tmpdir, and fixture_teardown removes it after the test:
 *
 *  - fixture_dir_setup: the directory only, for tests that make their
 *    own files and stores;
 *  - fixture_new_store_setup: also a store at dbpath, created in the
 *    test by ehc_db_open(..., EHC_DB_CREATE), for tests of creating one;
 *  - fixture_copy_store_setup: also a store at dbpath, opened with
 *    ehc_db_open, that is a copy of the one fixture_template_setup made
 *    once for the whole suite.  Add fixture_template_setup to the test
 *    case as an unchecked fixture (tcase_add_unchecked_fixture): it runs
 *    in the runner's process, before the tests are forked.
 *
 * Creating a store runs every migration and seeds the rules and the bank
 * holidays: most of a short test's time, and half a second under the
 * sanitizers.  Copying a file of a few hundred kilobytes is not, so a
 * suite of many tests stays fast on a loaded machine.  The copy is still
 * a real file in WAL mode, opened by the real open path (style.md 13).
 */
#ifndef EHC_TEST_FIXTURE_H
#define EHC_TEST_FIXTURE_H

#include <stdint.h>

#include <check.h>

#include <ehc/ehc.h>

/* What the checked fixtures give the test that runs. */
extern char		*tmpdir;	/* a fresh directory */
extern char		*dbpath;	/* tmpdir/ehc.db */
extern struct ehc_db	*db;		/* the store at dbpath, or NULL */

void	 fixture_dir_setup(void);
void	 fixture_new_store_setup(void);
void	 fixture_copy_store_setup(void);
/* Closes db if it is open and removes tmpdir. */
void	 fixture_teardown(void);

/*
 * Creates the suite's template store, once per process; it is removed
 * when the process that made it exits.
 */
void	 fixture_template_setup(void);

/*
 * Opens another store, tmpdir/NAME: a copy of the template when the
 * suite has one, else a new store.  Fails the test if it cannot.
 */
struct ehc_db *fixture_store_open(const char *name);

/* A new directory under $TMPDIR (or /tmp); free() the result. */
char	*fixture_tmpdir(void);
/* Remove dir and the files in it (one level). */
void	 fixture_rmtree(const char *dir);
/* dir/name; free() the result. */
char	*fixture_path(const char *dir, const char *name);

/*
 * One integer from a query on a separate, plain SQLite connection to the
 * store at path (read-only); -1 when it returns no row.
 */
long long fixture_sql_int(const char *path, const char *sql);
/*
 * What the migrations after schema 13 (the keyed log) added, undone
 * (the funding table built again for --per term takes the old rows as
 * they are).  Each migration that adds a table adds its DROP here.
 */
#define FIXTURE_UNDO_AFTER_13 "DROP TABLE role; DROP TABLE officer; " \
	"DROP TABLE booking; DROP TABLE contact; DROP TABLE concern; " \
	"DROP TABLE chc; DROP TABLE decision; ALTER TABLE advice DROP " \
	"COLUMN adviser; DROP INDEX person_uln; ALTER TABLE cases DROP " \
	"COLUMN imported_as_of; "

/*
 * Make the store at path (no handle open on it) as schema 12 left it:
 * no audit key id, no seals, no history, the audit chain plain SHA-256
 * (migration 3's statement); tamper, when not NULL, then runs.  Its key
 * file is left as it is.
 */
void	 fixture_as_schema_12(const char *path, const char *tamper);
/* How many entries dir has, "." and ".." left out. */
int	 fixture_entries(const char *dir);

/* The day number of a date written YYYY-MM-DD; fails the test if bad. */
int32_t	 D(const char *s);

#define ck_assert_date_eq(day, expect) do {				\
	char got_[EHC_DATE_LEN];					\
	ehc_date_format(got_, sizeof(got_), (day));			\
	ck_assert_str_eq(got_, (expect));				\
} while (0)

/*
 * fixture_assert(EXPR, FORMAT, ...): fails the test as ck_assert_msg
 * does, for loops over many thousands of values.  Check records every
 * passing ck_assert (a write to its message file), which makes such a
 * loop take seconds; this records only a failure.
 */
#define fixture_assert(expr, ...) do {					\
	if (!(expr))							\
		ck_abort_msg(__VA_ARGS__);				\
} while (0)

#endif
