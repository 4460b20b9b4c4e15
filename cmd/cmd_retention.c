/* Placeholder: ehc retention (being written). */
#include "cmd.h"

const char usage_retention[] = "ehc retention [-h]";

int
cmd_retention(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
