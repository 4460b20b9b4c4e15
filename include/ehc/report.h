/*
 * report.h: management reports (timeliness, caseload).
 */
#ifndef EHC_REPORT_H
#define EHC_REPORT_H

#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif
#endif
