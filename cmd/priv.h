/*
 * priv.h: the privilege of a setgid ehc (ehc-init(1), TEAM MODE): the
 * group that owns a team's store, used only to open it.
 */
#ifndef EHC_PRIV_H
#define EHC_PRIV_H

/*
 * First thing in main(): when started setgid, put the group aside (the
 * saved set-group-ID keeps it) so that nothing runs with it by chance.
 * Returns 0, or -1 with errno.
 */
int	priv_start(void);
/* Whether priv_start() put a group aside that is not yet dropped. */
int	priv_held(void);
/*
 * Whether path is a team's store of that group: a regular file of the
 * group, in a directory of the group that others cannot enter, with the
 * setgid bit.  Checked with the user's own rights before any use.
 */
int	priv_team_store(const char *path);
/* Take the group up again (to open the store); 0 or -1 with errno. */
int	priv_raise(void);
/*
 * Drop the group for good, every one of the real, effective and saved
 * IDs, and check that it cannot be taken up again.  0, or -1.
 */
int	priv_drop(void);

#endif
