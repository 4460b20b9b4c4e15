/*
 * officer.h: the officers who hold cases: who they are and how to reach
 * them, for letters and for the morning list cron mails each of them.
 * An officer is the login cases are assigned to (ehc_case_assign()).
 */
#ifndef EHC_OFFICER_H
#define EHC_OFFICER_H

#include <stddef.h>
#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EHC_OFFICER_IN_VERSION 1

/*
 * A profile's fields to set; start from EHC_OFFICER_IN_INIT, which
 * leaves them all NULL: a NULL field keeps what the profile had.
 */
struct ehc_officer_in {
	unsigned int	 version;	/* EHC_OFFICER_IN_VERSION */
	const char	*name;		/* "Claire Dodd"; required at first */
	const char	*title;		/* "SEND Officer" */
	const char	*phone;
	const char	*email;
};

#define EHC_OFFICER_IN_INIT { EHC_OFFICER_IN_VERSION, NULL, NULL, NULL, \
	NULL }

/*
 * Create or change the profile of officer id.  Returns EHC_OK, or
 * EHC_EINVAL for a new profile without a name, an email without an @
 * or with a space, text the validator refuses or an unknown version.
 */
EHC_API int ehc_officer_set(struct ehc_db *db, const char *id,
    const struct ehc_officer_in *in);

/* An officer as read; strings borrowed for the callback, NULL if unset. */
struct ehc_officer {
	const char	*id;
	const char	*name, *title, *phone, *email;
	int64_t		 open_cases;	/* not ceased, withdrawn or refused */
};

/*
 * Call cb for each officer with a profile or a case, in order of id.
 * Returns EHC_OK, a store error, or cb's non-zero return.
 */
EHC_API int ehc_officer_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_officer *, void *), void *payload);

/*
 * The profile of officer id into cb (once).  Returns EHC_OK, or
 * EHC_ENOTFOUND when the officer has neither a profile nor a case.
 */
EHC_API int ehc_officer_get(struct ehc_db *db, const char *id,
    int (*cb)(const struct ehc_officer *, void *), void *payload);

/*
 * How a letter signs for officer id, written to out (len bytes): the
 * profile's "Claire Dodd, SEND Officer, 01670 622000", the login when the
 * officer has no profile, "the SEND team" when id is NULL.  Returns
 * EHC_OK, EHC_EINVAL when len is 0, or a store error.
 */
EHC_API int ehc_officer_signature(char *out, size_t len, struct ehc_db *db,
    const char *id);

#ifdef __cplusplus
}
#endif
#endif
