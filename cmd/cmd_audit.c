/*
 * cmd_audit.c: ehc audit verify | ehc audit CASE: check the audit chain,
 * or print one case's chronology from the audit log.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_audit[] =
    "ehc audit verify [-h] [-j]\n"
    "ehc audit [-h] [-j] case";

static int
audit_verify(struct cli *cli, int json)
{
	struct ehc_audit_check chk;
	cJSON *o;
	int rc;

	if ((rc = ehc_audit_verify(&chk, cli->db)) != EHC_OK)
		return cli_fail(cli, rc);
	if (!json) {
		/* The stated format, "N records", even for one. */
		printf("%lld records, chain intact\n", (long long)chk.records);
		return EHC_EXIT_OK;
	}
	if ((o = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(o, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    cJSON_AddNumberToObject(o, "records", (double)chk.records)
	    == NULL ||
	    cJSON_AddBoolToObject(o, "intact", 1) == NULL ||
	    json_str(o, "head", chk.head) == NULL) {
		cJSON_Delete(o);
		o = NULL;
	}
	return json_print(cli, o);
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
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	int ch, json = 0;

	while ((ch = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_audit);
		default: return cli_bad_option(cli, usage_audit, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_audit, "name a case, or 'verify' "
		    "to check the whole audit log");
	if (strcmp(argv[0], "verify") == 0)
		return audit_verify(cli, json);
	return audit_case(cli, argv[0], json);
}
