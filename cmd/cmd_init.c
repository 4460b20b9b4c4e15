/*
 * cmd_init.c: ehc init: create the case store (mode 0600) or bring an
 * existing one up to date.
 */
#include <getopt.h>

#include "cmd.h"

const char usage_init[] = "ehc init [-h]";

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ NULL,		0,		NULL,	0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cli_help(usage_init);
		default:
			return cli_bad_option(cli, usage_init, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_init, "init takes no operands");
	return EHC_EXIT_OK;
}
