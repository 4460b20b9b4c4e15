/*
 * print.h: output shared by the commands: JSON through cJSON (kept out
 * of the public headers), and the deadline and case views.
 */
#ifndef EHC_PRINT_H
#define EHC_PRINT_H

#include <stdio.h>
#include <cjson/cJSON.h>

#include "cli.h"

/* Add a date (or null) to a JSON object; NULL on out of memory. */
cJSON	*json_date(cJSON *obj, const char *key, int32_t day);
/* Add a string (or null). */
cJSON	*json_str(cJSON *obj, const char *key, const char *s);
/* A new object at the end of the array arr; NULL on out of memory. */
cJSON	*json_item(cJSON *arr);
/* Print a JSON document and free it; returns an exit status. */
int	 json_print(struct cli *cli, cJSON *doc);

/* A deadline as a JSON object (for case show and due). */
cJSON	*json_deadline(const struct ehc_deadline *d, int with_case,
	    int explain);

/*
 * The case's flags (EHC_FLAG_*) as words into words[4], NULL after the
 * last: "safeguarding", "looked-after", "chc".  Returns words.
 */
const char **flag_words(int flags, const char **words);
/* The flags as text: "safeguarding,looked-after", "" for none. */
const char *flags_text(int flags, char *buf, size_t len);
/* Add the flags to a JSON object as an array of words. */
cJSON	*json_flags(cJSON *obj, const char *key, int flags);
/* Add space-separated words (NULL for none) as an array of strings. */
cJSON	*json_words(cJSON *obj, const char *key, const char *words);

/*
 * Print text whose line breaks (a note of several lines) continue on
 * lines indented by indent, so that every record still starts a line.
 */
void	 print_lines(const char *text, const char *indent);

#endif
