/*
 * money.c: placements, top-up funding, personal budgets and spend.
 */
#include "internal.h"

/* Schema version 5: money (filled by the money work). */
const char *const ehc__schema_v5_money[] = {
	"SELECT 1",
	NULL
};
