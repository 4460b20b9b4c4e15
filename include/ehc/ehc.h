/*
 * ehc.h: the umbrella header of libehc, the statutory EHC casework library.
 */
#ifndef EHC_EHC_H
#define EHC_EHC_H

#include <ehc/version.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/csv.h>
#include <ehc/db.h>
#include <ehc/calendar.h>
#include <ehc/config.h>
#include <ehc/case.h>
#include <ehc/clock.h>
#include <ehc/dispute.h>
#include <ehc/transfer.h>
#include <ehc/money.h>
#include <ehc/placement.h>
#include <ehc/plan.h>
#include <ehc/letter.h>
#include <ehc/sen2.h>
#include <ehc/report.h>
#include <ehc/demo.h>
#include <ehc/audit.h>
#include <ehc/export.h>
#include <ehc/retention.h>

#endif
