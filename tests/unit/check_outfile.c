/*
 * check_outfile.c: unit tests for lib/base/outfile.c: a file is written
 * whole or not at all, mode 0600 whatever the umask or the old file's
 * mode; the target is untouched until the commit; a target that is not
 * a regular file is refused and left alone.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ehc/ehc.h>
#include <ehc/outfile.h>

#include "fixture.h"

/* The whole content of path, or NULL; free() it. */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	buf = calloc(1, 4096);
	n = fread(buf, 1, 4095, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	ck_assert_int_eq(chmod(path, mode), 0);
}

/* How many entries tmpdir has, "." and ".." left out. */
static int
entries(void)
{
	return fixture_entries(tmpdir);
}

START_TEST(new_file_is_private)
{
	struct ehc_outfile *f;
	struct stat sb;
	char *path = fixture_path(tmpdir, "out.csv"), *text;
	mode_t old = umask(0);

	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_OK);
	fputs("a,b\r\n", ehc_outfile_fp(f));
	/* Nothing under the final name until the commit. */
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(ehc_outfile_commit(f), EHC_OK);
	ehc_outfile_free(f);
	umask(old);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	text = slurp(path);
	ck_assert_str_eq(text, "a,b\r\n");
	ck_assert_int_eq(entries(), 1);
	free(text);
	free(path);
}
END_TEST

START_TEST(replaces_old_file_private)
{
	struct ehc_outfile *f;
	struct stat sb;
	char *path = fixture_path(tmpdir, "report.xlsx"), *text;

	put(path, "old report", 0644);
	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_OK);
	fputs("new report", ehc_outfile_fp(f));
	text = slurp(path);
	ck_assert_str_eq(text, "old report");
	free(text);
	ck_assert_int_eq(ehc_outfile_commit(f), EHC_OK);
	ehc_outfile_free(f);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	text = slurp(path);
	ck_assert_str_eq(text, "new report");
	free(text);
	free(path);
}
END_TEST

START_TEST(abandoned_leaves_target)
{
	struct ehc_outfile *f;
	char *path = fixture_path(tmpdir, "report.xlsx"), *text;

	put(path, "old report", 0600);
	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_OK);
	fputs("half a rep", ehc_outfile_fp(f));
	ehc_outfile_free(f);
	text = slurp(path);
	ck_assert_str_eq(text, "old report");
	ck_assert_int_eq(entries(), 1);
	free(text);
	free(path);
}
END_TEST

START_TEST(written_by_name)
{
	struct ehc_outfile *f;
	FILE *fp;
	char *path = fixture_path(tmpdir, "book.xlsx"), *text;

	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_OK);
	/* As libxlsxwriter does: its own stream on the temporary name. */
	fp = fopen(ehc_outfile_tmppath(f), "wb");
	ck_assert_ptr_nonnull(fp);
	fputs("PK", fp);
	fclose(fp);
	ck_assert_int_eq(ehc_outfile_commit(f), EHC_OK);
	ehc_outfile_free(f);
	text = slurp(path);
	ck_assert_str_eq(text, "PK");
	free(text);
	free(path);
}
END_TEST

START_TEST(refuses_what_is_not_a_file)
{
	struct ehc_outfile *f;
	char *dir = fixture_path(tmpdir, "sub"), *fifo, *link, *target;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(ehc_outfile_open(&f, dir), EHC_ECREATE);
	ck_assert_ptr_nonnull(strstr(ehc_outfile_errmsg(f),
	    "not a regular file"));
	ehc_outfile_free(f);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(ehc_outfile_open(&f, "/dev/null"), EHC_ECREATE);
	ehc_outfile_free(f);
	fifo = fixture_path(tmpdir, "fifo");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(ehc_outfile_open(&f, fifo), EHC_ECREATE);
	ehc_outfile_free(f);
	target = fixture_path(tmpdir, "target");
	put(target, "kept", 0600);
	link = fixture_path(tmpdir, "link");
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(ehc_outfile_open(&f, link), EHC_ECREATE);
	ehc_outfile_free(f);
	/* fifo, target and link: nothing added, nothing removed. */
	ck_assert_int_eq(entries(), 3);
	unlink(fifo);
	unlink(link);
	free(fifo);
	free(link);
	free(target);
	free(dir);
}
END_TEST

START_TEST(no_such_directory)
{
	struct ehc_outfile *f;
	char *path = fixture_path(tmpdir, "nowhere/out.xml");

	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_ECREATE);
	ck_assert_ptr_nonnull(strstr(ehc_outfile_errmsg(f),
	    "No such file or directory"));
	ehc_outfile_free(f);
	ck_assert_int_eq(ehc_outfile_open(&f, ""), EHC_ECREATE);
	ehc_outfile_free(f);
	free(path);
}
END_TEST

/* Writes past limit bytes fail (EFBIG) from now on, in this test's fork. */
static void
limit_files(rlim_t limit)
{
	struct rlimit rl = { limit, limit };

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

/* A file that cannot be written whole is EHC_EIO; the old one stays. */
START_TEST(failed_write_leaves_target)
{
	struct ehc_outfile *f;
	char *path = fixture_path(tmpdir, "report.csv"), *text;
	int i;

	put(path, "last year\n", 0644);
	ck_assert_int_eq(ehc_outfile_open(&f, path), EHC_OK);
	limit_files(16384);
	for (i = 0; i < 2000; i++)
		fprintf(ehc_outfile_fp(f), "row %d of a long report\n", i);
	ck_assert_int_eq(ehc_outfile_commit(f), EHC_EIO);
	ck_assert_ptr_nonnull(strstr(ehc_outfile_errmsg(f), "too large"));
	ehc_outfile_free(f);
	text = slurp(path);
	ck_assert_str_eq(text, "last year\n");
	ck_assert_int_eq(entries(), 1);
	free(text);
	free(path);
}
END_TEST

/*
 * A workbook libehc writes (the SEN2 return) that cannot be written is
 * EHC_EIO (not EHC_ECREATE, which is for one that cannot be made at
 * all), and leaves nothing.  The program's own workbooks (cmd/out_xlsx.c)
 * are tested so from the command line (t3023-hostile-files).
 */
START_TEST(failed_workbook_is_eio)
{
	struct ehc_sen2_options opt = EHC_SEN2_OPTIONS_INIT;
	struct ehc_sen2_summary sum;
	char *path = fixture_path(tmpdir, "sen2.xlsx");

	opt.year = 2026;
	limit_files(1024);
	/* libxlsxwriter says why on stderr, as ehc's CLI stops it doing. */
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	ck_assert_int_eq(ehc_sen2_export_xlsx(&sum, db, &opt, path),
	    EHC_EIO);
	ck_assert_int_eq(access(path, F_OK), -1);
	free(path);
}
END_TEST

static Suite *
outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *tc = tcase_create("outfile");

	tcase_add_checked_fixture(tc, fixture_dir_setup, fixture_teardown);
	tcase_add_test(tc, new_file_is_private);
	tcase_add_test(tc, replaces_old_file_private);
	tcase_add_test(tc, abandoned_leaves_target);
	tcase_add_test(tc, written_by_name);
	tcase_add_test(tc, refuses_what_is_not_a_file);
	tcase_add_test(tc, no_such_directory);
	tcase_add_test(tc, failed_write_leaves_target);
	suite_add_tcase(s, tc);
	tc = tcase_create("workbook");
	tcase_add_checked_fixture(tc, fixture_new_store_setup,
	    fixture_teardown);
	tcase_add_test(tc, failed_workbook_is_eio);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(outfile_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
