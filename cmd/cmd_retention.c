/*
 * cmd_retention.c: ehc retention [--apply] [--years N]: the cases kept
 * past the retention period (date of birth + 31 years by default), and
 * with --apply their disposal; ehc retention hold|release CASE: the
 * legal hold that keeps a case whatever its age.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_retention[] =
    "ehc retention [-h] [-a] [-j] [-y years]\n"
    "ehc retention hold [-h] case\n"
    "ehc retention release [-h] case";

struct due {
	int64_t	 id;
	char	 ref[EHC_REF_LEN];
	int32_t	 dob, until;
	int	 hold;
	int	 removed;
};

struct list {
	struct due	*v;
	size_t		 n, cap;
};

static int
collect(const struct ehc_retention_case *r, void *payload)
{
	struct list *l = payload;
	struct due *d;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		if ((d = realloc(l->v, l->cap * sizeof(*d))) == NULL)
			return EHC_ENOMEM;
		l->v = d;
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->id = r->id;
	snprintf(d->ref, sizeof(d->ref), "%s", r->ref);
	d->dob = r->dob;
	d->until = r->until;
	d->hold = r->legal_hold;
	return 0;
}

static int
print_list(struct cli *cli, const struct list *l, int apply, int json)
{
	char d1[EHC_DATE_LEN], d2[EHC_DATE_LEN];
	cJSON *arr = NULL, *o;
	size_t i;

	if (json && (arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < l->n; i++) {
		const struct due *d = &l->v[i];

		if (json) {
			if ((o = cJSON_CreateObject()) != NULL &&
			    !cJSON_AddItemToArray(arr, o)) {
				cJSON_Delete(o);
				o = NULL;
			}
			if (o == NULL ||
			    json_str(o, "case", d->ref) == NULL ||
			    json_date(o, "dob", d->dob) == NULL ||
			    json_date(o, "retention", d->until) == NULL ||
			    cJSON_AddBoolToObject(o, "legal_hold", d->hold)
			    == NULL ||
			    cJSON_AddBoolToObject(o, "removed", d->removed)
			    == NULL) {
				cJSON_Delete(arr);
				return cli_error(cli, EHC_EXIT_SOFTWARE,
				    "out of memory");
			}
			continue;
		}
		printf("%s\t%s\t%s%s\n", d->ref,
		    ehc_date_format(d1, sizeof(d1), d->dob),
		    ehc_date_format(d2, sizeof(d2), d->until),
		    d->hold ? "\tlegal-hold" : apply ? "\tremoved" : "");
	}
	if (apply)
		for (i = 0; i < l->n; i++)
			if (l->v[i].hold)
				fprintf(stderr, "%s: kept %s: it is under a "
				    "legal hold\n", cli->name, l->v[i].ref);
	return json ? json_print(cli, arr) : EHC_EXIT_OK;
}

static int
retention_list(struct cli *cli, int apply, int json, int years)
{
	struct list l = { NULL, 0, 0 };
	size_t i;
	int rc;

	rc = ehc_retention_foreach(cli->db, years, collect, &l);
	for (i = 0; rc == EHC_OK && apply && i < l.n; i++)
		if (!l.v[i].hold) {
			rc = ehc_retention_remove(cli->db, l.v[i].id);
			l.v[i].removed = rc == EHC_OK;
		}
	if (rc != EHC_OK) {
		free(l.v);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	/* Report only what was committed. */
	if (apply && (rc = cli_commit(cli)) != 0) {
		free(l.v);
		return rc;
	}
	rc = print_list(cli, &l, apply, json);
	free(l.v);
	return rc;
}

int
cmd_retention(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "apply",	no_argument,		NULL,	'a' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "years",	required_argument,	NULL,	'y' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	long years = EHC_RETENTION_YEARS;
	int64_t id;
	int ch, rc, apply = 0, json = 0, listopts = 0;

	while ((ch = getopt_long(argc, argv, ":ajy:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'a':
			apply = listopts = 1;
			break;
		case 'j':
			json = listopts = 1;
			break;
		case 'y':
			listopts = 1;
			if ((rc = cli_number(cli, usage_retention, "--years",
			    optarg, EHC_RETENTION_MAX_YEARS, &years)) != 0)
				return rc;
			if (years < EHC_RETENTION_MIN_YEARS)
				return cli_usage(cli, usage_retention,
				    "--years must be at least %d: a plan can "
				    "last until the day before the 26th "
				    "birthday", EHC_RETENTION_MIN_YEARS);
			break;
		case 'h':
			return cli_help(usage_retention);
		default:
			return cli_bad_option(cli, usage_retention, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return retention_list(cli, apply, json, (int)years);
	if (strcmp(argv[0], "hold") != 0 && strcmp(argv[0], "release") != 0)
		return cli_usage(cli, usage_retention, "unknown subcommand "
		    "'%.30s'; use hold or release, or no operand to list",
		    argv[0]);
	if (listopts)
		return cli_usage(cli, usage_retention, "--apply, --json and "
		    "--years go with the list, not with %s", argv[0]);
	if (argc != 2)
		return cli_usage(cli, usage_retention, "%s takes one case",
		    argv[0]);
	if ((rc = cli_case(cli, argv[1], &id)) != 0)
		return rc;
	if ((rc = ehc_retention_hold(cli->db, id, argv[0][0] == 'h'))
	    != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}
