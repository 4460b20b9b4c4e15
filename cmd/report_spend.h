/*
 * report_spend.h: the reports ehc report hands on to other files.
 */
#ifndef EHC_REPORT_SPEND_H
#define EHC_REPORT_SPEND_H

#include "cli.h"

int	report_spend(struct cli *cli, int argc, char **argv);
/* ehc report reviews, phase-transfers, advice and caseload. */
int	report_table(struct cli *cli, int argc, char **argv);

#endif
