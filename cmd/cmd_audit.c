/*
 * cmd_audit.c: ehc audit verify | head | CASE: check the audit chain
 * (against an anchor kept elsewhere, and the cases' rows against their
 * seals), print the anchor to keep, or print one case's chronology.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_audit[] =
    "ehc audit verify [-h] [-d] [-j] [-H anchor]\n"
    "ehc audit head [-h] [-j]\n"
    "ehc audit [-h] [-j] case";

/* "N:MAC", as 'ehc audit head' prints it. */
static int
parse_anchor(struct cli *cli, const char *s, struct ehc_audit_options *o)
{
	const char *colon = strchr(s, ':');
	char *end;
	long long n;

	errno = 0;
	n = colon != NULL ? strtoll(s, &end, 10) : -1;
	if (colon == NULL || errno != 0 || end != colon || n < 0 ||
	    *s < '0' || *s > '9' || strlen(colon + 1) != 64 ||
	    strspn(colon + 1, "0123456789abcdef") != 64)
		return cli_usage(cli, usage_audit, "--head takes the anchor "
		    "'ehc audit head' printed: the record count, a colon and "
		    "64 hex digits");
	o->anchor_records = n;
	o->anchor_head = colon + 1;
	return EHC_EXIT_OK;
}

static int
audit_verify(struct cli *cli, int json, int head,
    const struct ehc_audit_options *o)
{
	struct ehc_audit_check chk;
	cJSON *j;
	int rc;

	if ((rc = ehc_audit_verify_with(&chk, cli->db, o)) != EHC_OK)
		return cli_fail(cli, rc);
	if (!json) {
		if (head)
			printf("%lld:%s\n", (long long)chk.records, chk.head);
		else {
			/* The stated format, "N records", even for one. */
			printf("%lld records, chain intact", (long long)
			    chk.records);
			if (o->anchor_head != NULL)
				printf(", anchored at record %lld",
				    (long long)o->anchor_records);
			if (o->deep)
				printf(", %lld cases as sealed",
				    (long long)chk.cases);
			printf("\n");
		}
		return EHC_EXIT_OK;
	}
	if ((j = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(j, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    cJSON_AddNumberToObject(j, "records", (double)chk.records)
	    == NULL ||
	    (!head && cJSON_AddBoolToObject(j, "intact", 1) == NULL) ||
	    json_str(j, "head", chk.head) == NULL ||
	    (!head && (o->deep ? cJSON_AddNumberToObject(j, "cases",
	    (double)chk.cases) : cJSON_AddNullToObject(j, "cases")) == NULL)) {
		cJSON_Delete(j);
		j = NULL;
	}
	return json_print(cli, j);
}

static int
text_entry(const struct ehc_entry *e, void *payload)
{
	(void)payload;
	printf("%s\t%s\t%s\t%s\n", e->at, e->author, e->kind,
	    e->text ? e->text : "");
	return 0;
}

static int
json_entry(const struct ehc_entry *e, void *payload)
{
	cJSON *o, *arr = payload;

	if ((o = cJSON_CreateObject()) == NULL)
		return EHC_ENOMEM;
	if (!cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return EHC_ENOMEM;
	}
	if (json_str(o, "at", e->at) == NULL ||
	    json_str(o, "user", e->author) == NULL ||
	    json_str(o, "action", e->kind) == NULL ||
	    json_str(o, "detail", e->text) == NULL)
		return EHC_ENOMEM;
	return 0;
}

static int
audit_case(struct cli *cli, const char *ref, int json)
{
	cJSON *arr = NULL;
	int64_t id;
	int rc;

	if ((rc = cli_case(cli, ref, &id)) != 0)
		return rc;
	if (json && (arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	rc = ehc_audit_foreach(cli->db, id, json ? json_entry : text_entry,
	    arr);
	if (rc != EHC_OK) {
		cJSON_Delete(arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json ? json_print(cli, arr) : EHC_EXIT_OK;
}

int
cmd_audit(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "deep",	no_argument,		NULL,	'd' },
		{ "head",	required_argument,	NULL,	'H' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	const char *anchor = NULL;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":dH:jh", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': o.deep = 1; break;
		case 'H': anchor = optarg; break;
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_audit);
		default: return cli_bad_option(cli, usage_audit, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_audit, "name a case, or 'verify' "
		    "to check the whole audit log, or 'head' for its anchor");
	if (strcmp(argv[0], "verify") != 0 && (o.deep || anchor != NULL))
		return cli_usage(cli, usage_audit, "--deep and --head go with "
		    "verify");
	if (anchor != NULL && (rc = parse_anchor(cli, anchor, &o)) != 0)
		return rc;
	if (strcmp(argv[0], "verify") == 0 || strcmp(argv[0], "head") == 0)
		return audit_verify(cli, json, argv[0][0] == 'h', &o);
	return audit_case(cli, argv[0], json);
}
