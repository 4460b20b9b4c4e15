/*
 * export.h: one case as one JSON document, for a transfer to another
 * authority or a subject access request, and that document loaded back
 * as a new case.
 */
#ifndef EHC_EXPORT_H
#define EHC_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>
#include <ehc/case.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Export one case (id from ehc_case_lookup()) as one JSON object: the
 * person, the case, its advice, exceptions, reviews, amendments, phase
 * transfers, notes, needs, placements, plan details, cessations,
 * disputes, Tribunal orders, transfers, funding, deadlines and its
 * chronology (this store's audit records of it, all of them) and the
 * history other authorities sent with it, format described in ehc(5).
 * On
 * EHC_OK *out is a NUL-terminated string (no trailing newline) owned by
 * the caller, to be released with ehc_free(); on failure it is NULL.
 * Returns EHC_OK,
 * EHC_ENOTFOUND, EHC_ENOMEM or a store error.
 */
EHC_API int ehc_case_export_json(char **out, struct ehc_db *db,
    int64_t id);

/*
 * Export the child of case id with all their cases: one JSON object,
 * {"format":"ehc-person","format_version":1,"cases":[...]}, each case
 * as ehc_case_export_json() writes it (for a subject access request).
 * *out as there.  Returns EHC_OK, EHC_ENOTFOUND, EHC_ENOMEM or a store
 * error.
 */
EHC_API int ehc_person_export_json(char **out, struct ehc_db *db,
    int64_t id);

/*
 * Recreate a case from len bytes of JSON in the format that
 * ehc_case_export_json() writes, under a new reference, which is
 * written to ref_out, which has ref_len bytes (at least EHC_REF_LEN;
 * EHC_EINVAL when it is smaller).  Every field is checked before
 * anything is written (and the JSON: no NUL, no key repeated in an
 * object).  The file's chronology is the sending authority's record: it
 * is kept as the case's history, marked with the authority the file
 * names, when and by whom it was imported, never written into this
 * store's audit log; the file's own history is kept as it came.  One
 * audit record notes the import; the deadlines are recomputed.  A
 * person with the same UPN and the same name and date of birth is
 * reused.  The caller owns the transaction:
 * on failure nothing of the case remains once it rolls back (the
 * function itself undoes what it wrote through a savepoint).  Returns
 * EHC_OK, EHC_EINVAL (not JSON, not that format, or a field fails
 * validation: the message names the field, such as "advice[1].type"),
 * EHC_ENOMEM or a store error.
 */
EHC_API int ehc_case_import_json(char *ref_out, size_t ref_len,
    struct ehc_db *db, const char *json, size_t len);

/*
 * ehc_case_import_json() on the contents of the file at path (at most
 * 64 MiB).  Returns as that function does, and EHC_ENOINPUT when the
 * file is missing or unreadable, EHC_EIO when reading it fails.
 */
EHC_API int ehc_case_import_file(char *ref_out, size_t ref_len,
    struct ehc_db *db, const char *path);

#ifdef __cplusplus
}
#endif
#endif
