/*
 * csv.c: one CSV field, RFC 4180 quoting, for the SEN2 return and every
 * CSV output of the program, guarded against formula injection: a cell
 * a spreadsheet would run as a formula is written with a single quote
 * before it (the OWASP rule), which the SEN2 import takes off again.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* [+-]digits[.digits]: a number, which a spreadsheet may read as one. */
static int
plain_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return digits > 0 && *s == '\0';
}

/*
 * Whether s, past any single quotes it starts with, starts as a formula
 * would: '=', '+', '-', '@', tab or CR, and is not a plain number.  The
 * quotes are looked past so that the guard comes off exactly: "'=x"
 * written is "''=x", read back "'=x".
 */
static int
formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !plain_number(s);
}

int
ehc__csv_guarded(const char *s)
{
	return s[0] == '\'' && formula(s + 1);
}

void
ehc_csv_field(FILE *fp, const char *s, int last)
{
	const char *p;
	int guard;

	if (s == NULL)
		s = "";
	guard = formula(s);
	if (strpbrk(s, ",\"\r\n") != NULL) {
		putc('"', fp);
		if (guard)
			putc('\'', fp);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putc('"', fp);
			putc(*p, fp);
		}
		putc('"', fp);
	} else {
		if (guard)
			putc('\'', fp);
		fputs(s, fp);
	}
	fputs(last ? "\r\n" : ",", fp);
}
