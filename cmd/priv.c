/*
 * priv.c: the privilege of a setgid ehc.  The group is taken up only
 * while ehc_db_open_with() opens a team's store, its WAL and SHM files
 * and its audit key, and dropped for good before the command reads or
 * writes anything the user names.
 */
#define _GNU_SOURCE		/* getresgid(), setresgid() */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "priv.h"

static gid_t	group;		/* the setgid group, when held */
static int	held;

int
priv_start(void)
{
	gid_t r, e, s;

	if (getresgid(&r, &e, &s) == -1)
		return -1;
	if (e == r && s == r)
		return 0;
	group = e != r ? e : s;
	held = 1;
	return setresgid((gid_t)-1, r, (gid_t)-1);
}

int
priv_held(void)
{
	return held;
}

int
priv_team_store(const char *path)
{
	char dir[4096];
	struct stat sb;

	if (!held || snprintf(dir, sizeof(dir), "%s", path) >=
	    (int)sizeof(dir))
		return 0;
	if (stat(dirname(dir), &sb) == -1 || !S_ISDIR(sb.st_mode) ||
	    sb.st_gid != group || (sb.st_mode & S_IRWXO) != 0 ||
	    !(sb.st_mode & S_ISGID))
		return 0;
	/* The user cannot enter the directory: look with the group. */
	if (priv_raise() == -1)
		return 0;
	if (lstat(path, &sb) == -1)
		sb.st_mode = 0;
	if (setresgid((gid_t)-1, getgid(), (gid_t)-1) == -1)
		return 0;
	return S_ISREG(sb.st_mode) && sb.st_gid == group &&
	    (sb.st_mode & S_IRWXO) == 0;
}

int
priv_raise(void)
{
	return held ? setresgid((gid_t)-1, group, (gid_t)-1) : 0;
}

int
priv_drop(void)
{
	gid_t r, e, s, g = getgid();

	if (!held)
		return 0;
	if (setresgid(g, g, g) == -1 || getresgid(&r, &e, &s) == -1 ||
	    r != g || e != g || s != g)
		return -1;
	/* Taking it up again must now fail, but for root, who may. */
	if (g != group && geteuid() != 0 && setegid(group) != -1)
		return -1;
	held = 0;
	return 0;
}
