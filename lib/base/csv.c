/*
 * csv.c: one CSV field, RFC 4180 quoting, for the SEN2 return and every
 * CSV output of the program.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void
ehc_csv_field(FILE *fp, const char *s, int last)
{
	const char *p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") != NULL) {
		putc('"', fp);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putc('"', fp);
			putc(*p, fp);
		}
		putc('"', fp);
	} else
		fputs(s, fp);
	fputs(last ? "\r\n" : ",", fp);
}
