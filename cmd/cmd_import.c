/*
 * cmd_import.c: ehc import sen2 FILE|DIR: load a caseload from a SEN2
 * return, the XML message or the nine CSV files, all or nothing; ehc
 * import case FILE: one case exported by 'ehc export'.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_import[] =
    "ehc import sen2 [-h] file|dir\n"
    "ehc import case [-h] file";

static int
import_sen2(struct cli *cli, int argc, char **argv)
{
	struct ehc_sen2_counts n;
	int ch, rc;

	if ((ch = cli_only_help(cli, usage_import, argc, argv)) >= 0)
		return ch;
	if (argc - optind != 2)
		return cli_usage(cli, usage_import, "import sen2 takes one "
		    "XML message or one directory of CSV files");
	if ((rc = ehc_sen2_import_counted(&n, cli->db, argv[optind + 1]))
	    != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	cli_done(cli, "the count", "%d %s and %d %s imported", n.people,
	    n.people == 1 ? "person" : "people", n.cases, n.cases == 1 ?
	    "case was" : "cases were");
	printf("imported %d %s, %d %s\n", n.people, n.people == 1 ?
	    "person" : "people", n.cases, n.cases == 1 ? "case" : "cases");
	return EHC_EXIT_OK;
}

/* One case exported by 'ehc export', from this or another authority. */
static int
import_case(struct cli *cli, int argc, char **argv)
{
	char ref[EHC_REF_LEN];
	int ch, rc;

	if ((ch = cli_only_help(cli, usage_import, argc, argv)) >= 0)
		return ch;
	if (argc - optind != 2)
		return cli_usage(cli, usage_import, "import case takes one "
		    "file");
	if ((rc = ehc_case_import_file(ref, sizeof(ref), cli->db,
	    argv[optind + 1])) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	cli_done(cli, "its reference", "%s was imported", ref);
	printf("%s\n", ref);
	return EHC_EXIT_OK;
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : NULL;

	if (what == NULL || what[0] == '-') {
		if (what != NULL && (strcmp(what, "-h") == 0 ||
		    strcmp(what, "--help") == 0))
			return cli_help(usage_import);
		return cli_usage(cli, usage_import, "name what to import: "
		    "sen2 or case");
	}
	if (strcmp(what, "sen2") == 0)
		return import_sen2(cli, argc, argv);
	if (strcmp(what, "case") == 0)
		return import_case(cli, argc, argv);
	return cli_usage(cli, usage_import, "unknown import '%.30s'; use "
	    "sen2 or case", what);
}
