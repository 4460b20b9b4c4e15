/*
 * cmd_config.c: ehc config: the authority's settings (its LA number and
 * the designated officers reported in the SEN2 header).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_config[] =
    "ehc config [-h] [name [value]]\n"
    "ehc config role [-h] [-n] [login role]\n"
    "ehc config officer [-h] id [-n name] [-t title] [-p phone] "
    "[-e email]";

struct lookup {
	const char	*name;		/* NULL: print all */
	int		 found;
};

static int
config_one(const char *name, const char *value, void *payload)
{
	struct lookup *l = payload;

	if (l->name == NULL)
		printf("%s=%s\n", name, value);
	else if (strcmp(l->name, name) == 0) {
		printf("%s\n", value);
		l->found = 1;
	}
	return 0;
}

static int
role_one(const char *login, const char *role, void *payload)
{
	(void)payload;
	printf("%s %s\n", login, role);
	return 0;
}

/* ehc config role [-n] [login role]: a team's roles (ehc-config(1)). */
static int
config_role(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "names",	no_argument,	NULL,	'n' },
		{ "help",	no_argument,	NULL,	'h' },
		{ NULL,		0,		NULL,	0 }
	};
	int ch, rc, names = 0;

	while ((ch = getopt_long(argc, argv, ":hn", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n': names = 1; break;
		case 'h': return cli_help(usage_config);
		default: return cli_bad_option(cli, usage_config, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 3) {
		rc = ehc_role_set(cli->db, argv[1], argv[2], names);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	if (argc != 1 || names)
		return cli_usage(cli, usage_config, "give a login and a role, "
		    "or nothing to list the roles");
	rc = ehc_role_foreach(cli->db, role_one, NULL);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

static int
officer_one(const struct ehc_officer *o, void *payload)
{
	(void)payload;
	printf("id:     %s\nname:   %s\ntitle:  %s\nphone:  %s\n"
	    "email:  %s\ncases:  %lld open\n", o->id, o->name ? o->name : "-",
	    o->title ? o->title : "-", o->phone ? o->phone : "-",
	    o->email ? o->email : "-", (long long)o->open_cases);
	return 0;
}

/* ehc config officer ID [options]: set the profile, or show it. */
static int
config_officer(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name",	required_argument,	NULL,	'n' },
		{ "title",	required_argument,	NULL,	't' },
		{ "phone",	required_argument,	NULL,	'p' },
		{ "email",	required_argument,	NULL,	'e' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_officer_in in = EHC_OFFICER_IN_INIT;
	int ch, rc, set = 0;

	while ((ch = getopt_long(argc, argv, ":n:t:p:e:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'n': in.name = optarg; set = 1; break;
		case 't': in.title = optarg; set = 1; break;
		case 'p': in.phone = optarg; set = 1; break;
		case 'e': in.email = optarg; set = 1; break;
		case 'h': return cli_help(usage_config);
		default: return cli_bad_option(cli, usage_config, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		return cli_usage(cli, usage_config, "name the officer: ehc "
		    "config officer ID");
	if (set)
		rc = ehc_officer_set(cli->db, argv[1], &in);
	else
		rc = ehc_officer_get(cli->db, argv[1], officer_one, NULL);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

/* Only a setting there is may be suggested. */
static int
known(const char *name)
{
	const char *const *n;

	for (n = ehc_config_names(); *n != NULL; n++)
		if (strcmp(*n, name) == 0)
			return 1;
	return 0;
}

int
cmd_config(struct cli *cli, int argc, char **argv)
{
	struct lookup l = { NULL, 0 };
	char group[EHC_GROUP_LEN];
	int ch, rc;

	/* The subcommands have options of their own. */
	if (argc > 1 && strcmp(argv[1], "role") == 0)
		return config_role(cli, argc, argv);
	if (argc > 1 && strcmp(argv[1], "officer") == 0)
		return config_officer(cli, argc, argv);
	if ((ch = cli_only_help(cli, usage_config, argc, argv)) >= 0)
		return ch;
	argc -= optind;
	argv += optind;
	if (argc > 2)
		return cli_usage(cli, usage_config, "give a name, or a name and "
		    "a value");
	if (argc == 2 && strcmp(argv[0], "audit_key") == 0)
		return cli_usage(cli, usage_config, "the audit key's file is "
		    "not kept in the store, where whoever can change the store "
		    "could change it; name it with EHC_AUDIT_KEY");
	if (argc == 2) {
		rc = ehc_config_set(cli->db, argv[0], argv[1]);
		return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	}
	l.name = argc == 1 ? argv[0] : NULL;
	if ((rc = ehc_config_foreach(cli->db, config_one, &l)) != EHC_OK)
		return cli_fail(cli, rc);
	/* Where the key is, though not a setting: ehc(5), ehc-audit(1). */
	config_one("audit_key", ehc_audit_key_file(cli->db), &l);
	if ((rc = ehc_team_group(group, sizeof(group), cli->db)) != EHC_OK)
		return cli_fail(cli, rc);
	if (*group != '\0')
		config_one("team", group, &l);
	if (l.name != NULL && !l.found && !known(l.name))
		return cli_error(cli, EHC_EXIT_DATAERR, "unknown setting "
		    "'%.20s'; use lea, dmo, dco, dsco, authority, "
		    "infant-junior or retention_max (an officer is named by "
		    "'ehc case assign')", l.name);
	if (l.name != NULL && !l.found)
		return cli_error(cli, EHC_EXIT_NOTFOUND, "'%.20s' is not set; "
		    "set it with 'ehc config %.20s VALUE'", l.name, l.name);
	return EHC_EXIT_OK;
}
