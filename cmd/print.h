/*
 * print.h: output shared by the commands: JSON through cJSON (kept out
 * of the public headers), and the deadline and case views.
 */
#ifndef EHC_PRINT_H
#define EHC_PRINT_H

#include <stdio.h>
#include <cjson/cJSON.h>

#include "cli.h"

/* The version of the JSON format; see ehc(5). */
#define EHC_JSON_FORMAT 1

/* Add a date (or null) to a JSON object; NULL on out of memory. */
cJSON	*json_date(cJSON *obj, const char *key, int32_t day);
/* Add a string (or null). */
cJSON	*json_str(cJSON *obj, const char *key, const char *s);
/* Print a JSON document and free it; returns an exit status. */
int	 json_print(struct cli *cli, cJSON *doc);

/* A deadline as a JSON object (for case show and due). */
cJSON	*json_deadline(const struct ehc_deadline *d, int with_case,
	    int explain);

/* The case's flags as words: "safeguarding,looked-after". */
const char *flags_text(int flags, char *buf, size_t len);

#endif
