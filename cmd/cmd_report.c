/* Placeholder until the SEN2 work lands: ehc report. */
#include <string.h>

#include "cmd.h"
#include "report_spend.h"

const char usage_report[] = "ehc report sen2 [-h] -y year (-c dir | -x file | -k)";

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "spend") == 0)
		return report_spend(cli, argc, argv);
	return cli_error(cli, EHC_EXIT_SOFTWARE, "not yet");
}
