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
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ NULL,		0,		NULL,	0 }
	};
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h': return cli_help(usage_holidays);
		default: return cli_bad_option(cli, usage_holidays, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || strcmp(argv[0], "load") != 0)
		return cli_usage(cli, usage_holidays, "give 'load' and a file");
	if ((rc = ehc_db_load_holidays(cli->db, argv[1])) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}
