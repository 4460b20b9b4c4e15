/*
 * sen2.h: the DfE SEN2 person-level return: export as nine CSV tables or
 * one XLSX workbook, and import of a caseload from the same nine tables.
 */
#ifndef EHC_SEN2_H
#define EHC_SEN2_H

#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif
#endif
