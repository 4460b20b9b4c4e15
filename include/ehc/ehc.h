/*
 * ehc.h: the umbrella header of libehc, the statutory EHC casework library.
 *
 * The conventions every public header follows:
 *
 * - One subject a header, each compiling on its own; this one includes
 *   them all.  Names begin ehc_ or EHC_; structs are struct ehc_*, with
 *   no typedefs.
 * - A function that can fail returns EHC_OK (0) or a negative EHC_E*
 *   code (common.h); when it has a handle, the detail is on it
 *   (ehc_db_errmsg()).
 * - Output parameters come first, before the handle and the inputs (as
 *   in libgit2), named out, or xxx_out when the name helps: say
 *   ehc_case_lookup(&id, db, "EHC-000001").  A FILE * written to counts
 *   as an output; a path is an input.  An output documented as optional
 *   may be NULL.  A callback's payload comes last.
 * - A char * output buffer is followed by its size in bytes:
 *   (char *out, size_t out_len), or (char *ref_out, size_t ref_len).  A
 *   macro names a size that is always enough (EHC_REF_LEN,
 *   EHC_PLAN_REF_LEN, EHC_DATE_LEN, EHC_MONEY_LEN).  libehc never
 *   writes past out_len and never truncates: given less, a function
 *   sets out to "" (when out_len > 0) and fails with EHC_EINVAL before
 *   it changes anything; the formatters that return out instead of a
 *   status (ehc_date_format(), ehc_money_format()) return "".
 * - An input struct that may grow has an unsigned int version first
 *   and an EHC_<NAME>_INIT initialiser that sets it, every other field
 *   NULL, 0 or EHC_NO_DATE unless its comment says otherwise.  Declare
 *   it as "struct ehc_request_in in = EHC_REQUEST_IN_INIT;" and set the
 *   fields wanted.  A function given a version it does not know fails
 *   with EHC_EINVAL.
 * - Memory: a pointer returned through an output parameter belongs to
 *   the caller, who releases it with the function its comment names
 *   (ehc_free(), ehc_*_release(), ehc_*_free()), never with free().  A
 *   pointer returned as the function's value is borrowed: static, valid
 *   as long as its parent (the handle, the record), or the caller's own
 *   out.  Strings a callback is given are borrowed for the call.
 *   Pointers passed in stay the caller's; libehc copies what it keeps.
 */
#ifndef EHC_EHC_H
#define EHC_EHC_H

#include <ehc/version.h>
#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/csv.h>
#include <ehc/outfile.h>
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
#include <ehc/backup.h>
#include <ehc/team.h>
#include <ehc/diary.h>
#include <ehc/officer.h>
#include <ehc/people.h>

#endif
