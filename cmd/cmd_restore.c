/*
 * cmd_restore.c: ehc restore FILE: a backup brought back in place of the
 * store, once checked, with the retention removals made since it was
 * taken applied again; prints what it brought back.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "print.h"

const char usage_restore[] = "ehc restore [-h] [-j] file";

static int
print_json(struct cli *cli, const char *file,
    const struct ehc_restore_info *r)
{
	cJSON *o;

	if ((o = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(o, "format_version", EHC_JSON_FORMAT_VERSION)
	    == NULL ||
	    json_str(o, "file", file) == NULL ||
	    cJSON_AddNumberToObject(o, "schema", r->backup.schema) == NULL ||
	    cJSON_AddNumberToObject(o, "cases", (double)r->backup.cases)
	    == NULL ||
	    cJSON_AddNumberToObject(o, "audit_records",
	    (double)r->backup.records) == NULL ||
	    json_str(o, "audit_head", r->backup.head) == NULL ||
	    cJSON_AddNumberToObject(o, "records_replaced",
	    (double)r->replaced) == NULL ||
	    cJSON_AddNumberToObject(o, "removed_again",
	    (double)r->reapplied) == NULL) {
		cJSON_Delete(o);
		o = NULL;
	}
	return json_print(cli, o);
}

int
cmd_restore(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,		NULL,	'j' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_restore_info r;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_restore);
		default: return cli_bad_option(cli, usage_restore, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_restore, "name one backup file to "
		    "restore");
	if ((rc = ehc_restore(&r, cli->db, argv[0])) != EHC_OK)
		return cli_fail(cli, rc);
	/* Done, whatever becomes of what it prints (exit 4 then). */
	cli->committed = 1;
	cli_done(cli, "what it brought back", "'%s' was restored", argv[0]);
	if (json)
		return print_json(cli, argv[0], &r);
	printf("file: %s\nschema: %d\ncases: %lld\naudit records: %lld\n"
	    "audit head: %s\nrecords replaced: %lld\nremoved again: %lld\n",
	    argv[0], r.backup.schema, (long long)r.backup.cases,
	    (long long)r.backup.records, r.backup.head,
	    (long long)r.replaced, (long long)r.reapplied);
	return EHC_EXIT_OK;
}
