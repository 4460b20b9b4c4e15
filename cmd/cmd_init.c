/*
 * cmd_init.c: ehc init: create the case store (mode 0600) or bring an
 * existing one up to date; with --team, share it with a group
 * (ehc-init(1), TEAM MODE).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

const char usage_init[] = "ehc init [-h] [-g group]";

/* The group's ID from its name or number; -1 when there is none. */
static long
group_id(const char *name)
{
	struct group *gr;
	char *end;
	long id;

	if ((gr = getgrnam(name)) != NULL)
		return (long)gr->gr_gid;
	id = strtol(name, &end, 10);
	return end != name && *end == '\0' && id > 0 ? id : -1;
}

/* Whether name is the store base's, or one of its own files. */
static int
stores(const char *name, const char *base)
{
	static const char *const own[] = { "", "-wal", "-shm", "-journal",
	    ".key" };
	size_t i, n = strlen(base);

	if (strncmp(name, base, n) != 0)
		return 0;
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strcmp(name + n, own[i]) == 0)
			return 1;
	return 0;
}

/*
 * The store's directory becomes the group's, so it must hold the store
 * alone: never /tmp or a home made the group's by mistake.
 */
static int
dir_is_the_stores(const char *dir, const char *store)
{
	const char *base = strrchr(store, '/');
	struct dirent *e;
	DIR *d;
	int ok = 1;

	base = base != NULL ? base + 1 : store;
	if ((d = opendir(dir)) == NULL)
		return 0;
	while (ok && (e = readdir(d)) != NULL)
		ok = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 || stores(e->d_name, base);
	closedir(d);
	return ok;
}

/* Give path to gid with mode; a missing optional file is left. */
static int
give(struct cli *cli, const char *path, long gid, mode_t mode, int optional)
{
	if (chown(path, (uid_t)-1, (gid_t)gid) == 0 && chmod(path, mode) == 0)
		return EHC_EXIT_OK;
	if (optional && errno == ENOENT)
		return EHC_EXIT_OK;
	return cli_error(cli, EHC_EXIT_CANTCREAT, "cannot give '%s' to the "
	    "group: %s; run 'ehc init --team' as root", path,
	    strerror(errno));
}

static int
share(struct cli *cli, const char *group)
{
	static const char *const own[] = { "-wal", "-shm" };
	char dir[4096], key[4096], path[4096], *d;
	const char *k = ehc_audit_key_file(cli->db);
	long gid;
	size_t i;
	int rc, status;

	if ((gid = group_id(group)) == -1)
		return cli_error(cli, EHC_EXIT_USAGE, "there is no group "
		    "'%.40s'; make it first (addgroup --system ehc)", group);
	snprintf(path, sizeof(path), "%s", cli->dbpath);
	d = dirname(path);
	snprintf(dir, sizeof(dir), "%s", d);
	if (ehc_audit_key_path(key, sizeof(key), cli->dbpath) != EHC_OK ||
	    strcmp(key, k) != 0)
		return cli_error(cli, EHC_EXIT_USAGE, "a team's audit key is "
		    "'%s', beside its store, where only the group can read "
		    "it; unset EHC_AUDIT_KEY", key);
	if (!dir_is_the_stores(d, cli->dbpath))
		return cli_error(cli, EHC_EXIT_USAGE, "'%s' holds other files "
		    "than the store: a team's store has a directory of its "
		    "own, which becomes the group's; name one with --db", dir);
	if ((status = give(cli, dir, gid, 02770, 0)) != EHC_EXIT_OK ||
	    (status = give(cli, cli->dbpath, gid, 0660, 0)) != EHC_EXIT_OK ||
	    (status = give(cli, key, gid, 0640, 0)) != EHC_EXIT_OK)
		return status;
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", cli->dbpath, own[i]);
		if ((status = give(cli, path, gid, 0660, 1)) != EHC_EXIT_OK)
			return status;
	}
	/* Whoever shares it is its first admin, by the real user ID. */
	cli->login = cli_login();
	if ((rc = ehc_db_set_user(cli->db, cli->login)) != EHC_OK ||
	    (rc = ehc_team_set(cli->db, group, cli->login)) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "team",	required_argument,	NULL,	'g' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *group = NULL;
	int ch;

	while ((ch = getopt_long(argc, argv, ":g:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g':
			group = optarg;
			break;
		case 'h':
			return cli_help(usage_init);
		default:
			return cli_bad_option(cli, usage_init, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_init, "init takes no operands");
	return group != NULL ? share(cli, group) : EHC_EXIT_OK;
}
