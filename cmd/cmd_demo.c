/* Placeholder: ehc demo (being written). */
#include "cmd.h"

const char usage_demo[] = "ehc demo [-h]";

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
