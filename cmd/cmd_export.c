/* Placeholder: ehc export (being written). */
#include "cmd.h"

const char usage_export[] = "ehc export [-h]";

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
