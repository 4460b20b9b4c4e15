/*
 * config.h: the authority's own settings, kept in the store: its name,
 * its LA number and the designated officers the SEN2 header reports, and
 * whether it has infant and junior schools (a phase transfer then).
 */
#ifndef EHC_CONFIG_H
#define EHC_CONFIG_H

#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Set one of the authority's settings: "lea" (3-digit LA number),
 * "dmo", "dco" and "dsco" (Y, N or R: designated officers in post, for
 * the SEN2 header), "authority" (its name), "infant-junior" (Y when
 * the authority has infant and junior schools: year 2 to year 3 is then
 * a phase transfer every child's plan is given, N by default) and
 * "retention_max" (the share of the cases, 1 to 100 per cent, one
 * disposal run may remove unless forced: see ehc_retention_limit()).
 */
EHC_API int ehc_config_set(struct ehc_db *db, const char *name,
    const char *value);

/* The names of those settings, NULL-terminated (static). */
EHC_API const char *const *ehc_config_names(void);

/*
 * Call cb for each of those settings that is set, in name order; a
 * non-zero return from cb stops and is returned.
 */
EHC_API int ehc_config_foreach(struct ehc_db *db,
    int (*cb)(const char *name, const char *value, void *), void *payload);

#ifdef __cplusplus
}
#endif
#endif
