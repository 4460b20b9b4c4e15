/*
 * cmd_holidays.c: ehc holidays: load GOV.UK's bank-holidays.json, which
 * replaces the England and Wales bank holidays shipped with ehc.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

const char usage_holidays[] = "ehc holidays [-h] load file";

int
cmd_holidays(struct cli *cli, int argc, char **argv)
{
	int ch, rc;

	if ((ch = cli_only_help(cli, usage_holidays, argc, argv)) >= 0)
		return ch;
	argc -= optind;
	argv += optind;
	if (argc != 2 || strcmp(argv[0], "load") != 0)
		return cli_usage(cli, usage_holidays, "give 'load' and a file");
	if ((rc = ehc_db_load_holidays(cli->db, argv[1])) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}
