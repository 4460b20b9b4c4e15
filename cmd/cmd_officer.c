/*
 * cmd_officer.c: ehc officer list: every officer with a profile or a
 * case, a line each, the fields separated by tabs so that a script can
 * read names with spaces in them (IFS=<tab> read -r id name email n).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_officer[] = "ehc officer [-h] list";

/* A field as a line holds it: "-" for none, never a tab or newline. */
static const char *
field(const char *s)
{
	return s == NULL || *s == '\0' ? "-" : s;
}

static int
officer_line(const struct ehc_officer *o, void *payload)
{
	(void)payload;
	printf("%s\t%s\t%s\t%lld\n", o->id, field(o->name), field(o->email),
	    (long long)o->open_cases);
	return 0;
}

int
cmd_officer(struct cli *cli, int argc, char **argv)
{
	int ch, rc;

	if ((ch = cli_only_help(cli, usage_officer, argc, argv)) >= 0)
		return ch;
	argc -= optind;
	argv += optind;
	if (argc != 1 || strcmp(argv[0], "list") != 0)
		return cli_usage(cli, usage_officer, argc == 0 ? "name the "
		    "step: list" : "unknown step '%.30s'", argv[0]);
	rc = ehc_officer_foreach(cli->db, officer_line, NULL);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
