/*
 * cmd_config.c: ehc config: the authority's settings (its LA number and
 * the designated officers reported in the SEN2 header).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const char usage_config[] = "ehc config [-h] [name [value]]";

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
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ NULL,		0,		NULL,	0 }
	};
	struct lookup l = { NULL, 0 };
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h': return cli_help(usage_config);
		default: return cli_bad_option(cli, usage_config, ch, argv);
		}
	}
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
