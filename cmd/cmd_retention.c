/*
 * cmd_retention.c: ehc retention [--apply] [--years N]: the cases kept
 * past the retention period (date of birth + 31 years by default), and
 * with --apply their disposal; ehc retention hold|release CASE: the
 * legal hold that keeps a case whatever its age.
 *
 * Disposal destroys records, so it is never driven by a pretend date:
 * --apply uses the real date and refuses --today and EHC_TODAY; it says
 * what it will remove and needs --yes (or, at a terminal, the number of
 * cases typed back); and a run that would remove more than a set share
 * of the store is refused unless forced.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "print.h"

const char usage_retention[] =
    "ehc retention [-h] [-a] [-f] [-j] [-Y] [-y years]\n"
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

/* What --apply asks for: yes given, or typed back at a terminal. */
static int
confirmed(struct cli *cli, const struct list *l, size_t n, int yes)
{
	char line[32], want[32];
	size_t i;

	if (yes)
		return EHC_EXIT_OK;
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return cli_usage(cli, usage_retention, "--apply would remove "
		    "%zu case%s (listed by 'ehc retention'); add --yes to "
		    "remove %s", n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
	for (i = 0; i < l->n; i++)
		if (!l->v[i].hold)
			fprintf(stderr, "%s\n", l->v[i].ref);
	snprintf(want, sizeof(want), "%zu", n);
	fprintf(stderr, "%s: remove %s %zu case%s and all %s records? Type "
	    "%s to confirm: ", cli->name, n == 1 ? "this" : "these", n,
	    n == 1 ? "" : "s", n == 1 ? "its" : "their", want);
	if (fgets(line, sizeof(line), stdin) == NULL)
		line[0] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strcmp(line, want) != 0)
		return cli_error(cli, EHC_EXIT_USAGE, "not confirmed; nothing "
		    "was removed");
	return EHC_EXIT_OK;
}

/* More than the share one run may remove is refused unless forced. */
static int
within_limit(struct cli *cli, size_t n, int force)
{
	int64_t cases;
	int percent, rc;

	if ((rc = ehc_retention_limit(cli->db, &cases, &percent)) != EHC_OK)
		return cli_fail(cli, rc);
	if (force || (int64_t)n * 100 <= (int64_t)percent * cases)
		return EHC_EXIT_OK;
	return cli_usage(cli, usage_retention, "--apply would remove %zu of "
	    "the store's %lld cases, more than the %d%% one run may (ehc "
	    "config retention_max); check the date and the period, and add "
	    "--force if it is right", n, (long long)cases, percent);
}

static int
retention_list(struct cli *cli, int apply, int json, int years, int yes,
    int force)
{
	struct list l = { NULL, 0, 0 };
	size_t i, n = 0;
	int rc;

	rc = ehc_retention_foreach(cli->db, years, collect, &l);
	for (i = 0; i < l.n; i++)
		n += !l.v[i].hold;
	if (rc == EHC_OK && apply && n > 0 &&
	    ((rc = within_limit(cli, n, force)) != 0 ||
	    (rc = confirmed(cli, &l, n, yes)) != 0)) {
		free(l.v);
		return rc;
	}
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
	if (apply)
		cli_done(cli, "the list", "%zu case%s removed", n, n == 1 ?
		    " was" : "s were");
	rc = print_list(cli, &l, apply, json);
	free(l.v);
	return rc;
}

int
cmd_retention(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "apply",	no_argument,		NULL,	'a' },
		{ "force",	no_argument,		NULL,	'f' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "yes",	no_argument,		NULL,	'Y' },
		{ "years",	required_argument,	NULL,	'y' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	long years = EHC_RETENTION_YEARS;
	int64_t id;
	int ch, rc, apply = 0, json = 0, listopts = 0, yes = 0, force = 0;

	while ((ch = getopt_long(argc, argv, ":afjYy:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'a':
			apply = listopts = 1;
			break;
		case 'f':
			force = listopts = 1;
			break;
		case 'Y':
			yes = listopts = 1;
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
	if (argc == 0) {
		if ((yes || force) && !apply)
			return cli_usage(cli, usage_retention, "--yes and "
			    "--force go with --apply");
		/* Records are destroyed by the real date, never another. */
		if (apply && cli->today_from == TODAY_OPTION)
			return cli_usage(cli, usage_retention, "--today cannot "
			    "be used with --apply: records are removed by the "
			    "real date only");
		if (apply && cli->today_from == TODAY_ENV)
			return cli_error(cli, EHC_EXIT_CONFIG, "EHC_TODAY is "
			    "set, and records are removed by the real date "
			    "only; unset it to apply the retention period");
		if (apply)
			ehc_db_set_today(cli->db, cli->real_today);
		return retention_list(cli, apply, json, (int)years, yes,
		    force);
	}
	if (strcmp(argv[0], "hold") != 0 && strcmp(argv[0], "release") != 0)
		return cli_usage(cli, usage_retention, "unknown subcommand "
		    "'%.30s'; use hold or release, or no operand to list",
		    argv[0]);
	if (listopts)
		return cli_usage(cli, usage_retention, "--apply, --force, "
		    "--json, --yes and --years go with the list, not with %s",
		    argv[0]);
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
