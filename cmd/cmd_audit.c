/* Placeholder: ehc audit (being written). */
#include "cmd.h"

const char usage_audit[] = "ehc audit [-h]";

int
cmd_audit(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
