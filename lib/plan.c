/*
 * plan.c: plan content, sections A to K, and immutable versions.
 */
#include "internal.h"

/* Schema version 4: plan content (filled by the plan-content work). */
const char *const ehc__schema_v4_plan[] = {
	"SELECT 1",
	NULL
};
