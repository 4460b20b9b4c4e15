/*
 * report_spend.h: ehc report spend, called from ehc report.
 */
#ifndef EHC_REPORT_SPEND_H
#define EHC_REPORT_SPEND_H

#include "cli.h"

int	report_spend(struct cli *cli, int argc, char **argv);

#endif
