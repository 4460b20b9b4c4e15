/*
 * team.h: a store shared by a team (ehc-init(1) --team): the group that
 * owns it, and the role of each login in it.  A store that is not a
 * team's is one person's, who holds every role.
 */
#ifndef EHC_TEAM_H
#define EHC_TEAM_H

#include <stddef.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The roles, as bits so that a command can allow several. */
enum ehc_role {
	EHC_ROLE_OFFICER = 1 << 0,	/* works cases */
	EHC_ROLE_MANAGER = 1 << 1,	/* also reassigns, every report */
	EHC_ROLE_ANALYST = 1 << 2,	/* reports and exports, masked */
	EHC_ROLE_ADMIN = 1 << 3,	/* settings, retention, restore */
	EHC_ROLE_NAMES = 1 << 4		/* not a role: an analyst sees names */
};

/* Long enough for any login ehc_role_foreach() gives, and its NUL. */
#define EHC_GROUP_LEN	101

/*
 * The group the store is shared with, written to out (out_len bytes, at
 * least EHC_GROUP_LEN), or "" when the store is one person's.  Returns
 * EHC_OK, EHC_EINVAL when out_len is too small, or a store error.
 */
EHC_API int ehc_team_group(char *out, size_t out_len, struct ehc_db *db);

/*
 * Make the store a team's: shared with group (a group name or number,
 * as text), with admin (a login) holding the admin role.  Audited.  The
 * caller owns the transaction; the files' owners and modes are the
 * caller's to set (ehc-init(1)).  Returns EHC_OK, EHC_EINVAL (group or
 * admin fails validation), or a store error.
 */
EHC_API int ehc_team_set(struct ehc_db *db, const char *group,
    const char *admin);

/*
 * The role named name ("officer", "manager", "analyst", "admin") in
 * *out.  Returns EHC_OK or EHC_EINVAL.
 */
EHC_API int ehc_role_parse(unsigned *out, const char *name);

/*
 * The name of the lowest role in the set roles, "" for none; a static
 * string.
 */
EHC_API const char *ehc_role_name(unsigned roles);

/* Long enough for every role's name, as ehc_role_names() joins them. */
#define EHC_ROLES_LEN	40

/*
 * The names of the roles in the set roles, in order, joined as in
 * "manager, analyst or admin", in out (out_len bytes, at least
 * EHC_ROLES_LEN).  Returns EHC_OK, or EHC_EINVAL when out_len is too
 * small.
 */
EHC_API int ehc_role_names(char *out, size_t out_len, unsigned roles);

/*
 * The role of login in *out: in a team's store what ehc_role_set() gave
 * it, 0 when none, with EHC_ROLE_NAMES added for an analyst allowed to
 * see names; in one person's store EHC_ROLE_ADMIN, whoever asks.
 * Returns EHC_OK or a store error.
 */
EHC_API int ehc_role_get(unsigned *out, struct ehc_db *db,
    const char *login);

/*
 * Give login the role named role, or with role "none" take its role
 * away; with names non-zero, an analyst is allowed to see the children's
 * names (other roles always are).  Audited; the caller owns the
 * transaction.  Returns EHC_OK,
 * EHC_EINVAL (an unknown role, a login that fails validation, or the
 * store is not a team's), EHC_ESTATE (the last admin would go), or a
 * store error.
 */
EHC_API int ehc_role_set(struct ehc_db *db, const char *login,
    const char *role, int names);

/*
 * Call cb with each login that has a role and the role's name ("analyst
 * names" for an analyst allowed to see names), in login order; a
 * non-zero return from cb stops and is returned.
 */
EHC_API int ehc_role_foreach(struct ehc_db *db,
    int (*cb)(const char *login, const char *role, void *), void *payload);

/*
 * Record in the audit log that the handle's user was refused action
 * (such as "retention --apply"), which needs one of roles.  The caller
 * owns the (write) transaction.  Returns EHC_OK or a store error.
 */
EHC_API int ehc_role_refused(struct ehc_db *db, const char *action,
    unsigned roles);

/*
 * With masked non-zero, what the handle exports (ehc_case_export_json(),
 * the SEN2 return) leaves out the child's names, address, date of birth
 * and pupil numbers, and an export its free text (notes, reasons, the
 * plan, the audit's details), which may name the child: for an analyst.
 */
EHC_API void ehc_db_set_masked(struct ehc_db *db, int masked);

#ifdef __cplusplus
}
#endif
#endif
