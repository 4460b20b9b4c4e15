/*
 * csv.h: writing CSV as RFC 4180 describes it, the way every CSV file
 * and report of ehc is written: a field is quoted only when it has to
 * be, and records end with CRLF.
 */
#ifndef EHC_CSV_H
#define EHC_CSV_H

#include <stdio.h>
#include <ehc/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Write one field to fp, then a comma, or CRLF when last is non-zero
 * (the record's last field).  s NULL is written as an empty field.  A
 * field that a spreadsheet would take for a formula (starting, past any
 * single quotes, with '=', '+', '-', '@', tab or CR, and not a plain
 * number such as -12.5) gets a single quote before it, which ehc's SEN2
 * import takes off again (see ehc(5)).  A field holding a comma, a
 * double quote, CR or LF is written in double quotes, each double quote
 * in it doubled; any other is written as it is.  Write errors are left
 * on fp for ferror().
 */
EHC_API void ehc_csv_field(FILE *fp, const char *s, int last);

#ifdef __cplusplus
}
#endif
#endif
