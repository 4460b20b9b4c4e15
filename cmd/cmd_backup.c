/*
 * cmd_backup.c: ehc backup FILE: a copy of the whole store, taken while
 * others work, checked, and recorded in the audit log; silent when it
 * works, so that cron mails nothing.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"

const char usage_backup[] = "ehc backup [-h] file";

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct ehc_backup *b;
	int ch, rc;

	if ((ch = cli_only_help(cli, usage_backup, argc, argv)) >= 0)
		return ch;
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_backup, "name one file to write "
		    "the backup to");
	if ((rc = ehc_backup_copy(&b, cli->db, argv[0])) != EHC_OK)
		return cli_fail(cli, rc);
	/* Recording it needs the write lock: say so rather than hang. */
	ehc_db_set_busy_timeout(cli->db, 0);
	if ((rc = ehc_backup_commit(b)) == EHC_EBUSY && cli->busy_ms > 0) {
		fprintf(stderr, "%s: another ehc is writing to the store; "
		    "waiting to record the backup\n", cli->name);
		ehc_db_set_busy_timeout(cli->db, cli->busy_ms);
		rc = ehc_backup_commit(b);
	}
	ehc_backup_free(b);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
