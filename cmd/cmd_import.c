/* Placeholder until the SEN2 work lands: ehc import. */
#include "cmd.h"

const char usage_import[] = "ehc import sen2 [-h] dir";

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
