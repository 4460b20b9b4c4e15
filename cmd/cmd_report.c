/* Placeholder until the SEN2 work lands: ehc report. */
#include "cmd.h"

const char usage_report[] = "ehc report sen2 [-h] -y year (-c dir | -x file | -k)";

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
