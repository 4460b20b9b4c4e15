/*
 * ehc.c: main(): global options, the command table, the store and its
 * one transaction per command, and the exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

static const struct cmd cmds[] = {
	{ "init", cmd_init, usage_init, CMD_CREATE | CMD_WRITE,
	    "create the case store" },
	{ "request", cmd_request, usage_request, CMD_WRITE,
	    "record, list and withdraw requests for assessment" },
	{ "decide", cmd_decide, usage_decide, CMD_WRITE,
	    "decide whether to assess and whether to issue a plan" },
	{ "advice", cmd_advice, usage_advice, CMD_WRITE,
	    "request, re-use and receive advice; chase lists" },
	{ "draft", cmd_draft, usage_draft, CMD_WRITE,
	    "issue the draft plan and the final plan" },
	{ "exception", cmd_exception, usage_exception, CMD_WRITE,
	    "record an exception to a time limit" },
	{ "case", cmd_case, usage_case, CMD_WRITE,
	    "show, list, reassign and flag cases" },
	{ "note", cmd_note, usage_note, CMD_WRITE,
	    "log a call, meeting or letter" },
	{ "due", cmd_due, usage_due, 0,
	    "everything due or overdue, for people and cron" },
	{ "review", cmd_review, usage_review, CMD_WRITE,
	    "annual reviews and phase transfers" },
	{ "amend", cmd_amend, usage_amend, CMD_WRITE,
	    "amend a plan" },
	{ "reassess", cmd_reassess, usage_reassess, CMD_WRITE,
	    "re-assess a plan: request, decision, draft and plan" },
	{ "cease", cmd_cease, usage_cease, CMD_WRITE,
	    "cease to maintain a plan, with the appeal window" },
	{ "dispute", cmd_dispute, usage_dispute, CMD_WRITE,
	    "mediation, appeals and Tribunal orders" },
	{ "transfer", cmd_transfer, usage_transfer, CMD_WRITE,
	    "plans moving between local authorities" },
	{ "placement", cmd_placement, usage_placement, CMD_WRITE,
	    "settings named in the plan and settings attended" },
	{ "money", cmd_money, usage_money, CMD_WRITE,
	    "placements, top-up funding and personal budgets" },
	{ "report", cmd_report, usage_report, 0,
	    "the SEN2 return and management reports" },
	{ "import", cmd_import, usage_import, CMD_WRITE,
	    "load a caseload from a SEN2 return" },
	{ "export", cmd_export, usage_export, 0,
	    "one case as JSON, for a transfer or a subject access request" },
	{ "audit", cmd_audit, usage_audit, 0,
	    "verify the audit chain; a case's chronology" },
	{ "retention", cmd_retention, usage_retention, CMD_WRITE,
	    "records past the retention period" },
	{ "backup", cmd_backup, usage_backup, CMD_WRITE | CMD_OWN_TXN,
	    "a checked copy of the store, taken while others work" },
	{ "restore", cmd_restore, usage_restore, CMD_WRITE | CMD_OWN_TXN,
	    "bring a backup back, reapplying retention" },
	{ "demo", cmd_demo, usage_demo, CMD_WRITE,
	    "build a realistic synthetic caseload" },
	{ "config", cmd_config, usage_config, CMD_WRITE,
	    "the authority's settings for the SEN2 return" },
	{ "rules", cmd_rules, usage_rules, 0,
	    "the statutory rules ehc applies" },
	{ "holidays", cmd_holidays, usage_holidays, CMD_WRITE,
	    "load the bank holidays from GOV.UK's file" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const char usage_ehc[] =
    "ehc [-hV] [-d db] [-t date] [-u user] command [argument ...]";

static void
list_commands(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: %s\n\ncommands:\n", usage_ehc);
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "   %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(fp, "\nSee ehc(1) and ehc-COMMAND(1).\n");
}

static const struct cmd *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

/* $XDG_DATA_HOME/ehc/ehc.db, creating the directory for init. */
static char *
default_db(int create)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char dir[4096], *path;

	if (xdg != NULL && *xdg != '\0')
		snprintf(dir, sizeof(dir), "%s/ehc", xdg);
	else if (home != NULL && *home != '\0')
		snprintf(dir, sizeof(dir), "%s/.local/share/ehc", home);
	else
		snprintf(dir, sizeof(dir), "ehc");
	if (create) {
		char parent[4096], *p;

		snprintf(parent, sizeof(parent), "%s", dir);
		for (p = parent + 1; *p != '\0'; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(parent, 0700);
				*p = '/';
			}
		mkdir(parent, 0700);
	}
	if ((path = malloc(strlen(dir) + 8)) != NULL)
		sprintf(path, "%s/ehc.db", dir);
	return path;
}

static const char *
default_user(void)
{
	struct passwd *pw;
	const char *u = getlogin();

	if (u != NULL)
		return u;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return "unknown";
}

static int32_t
local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return ehc_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/*
 * The audit key's file: EHC_AUDIT_KEY, else where libehc keeps it beside
 * the store (ehc_audit_key_path()).  Never a setting in the store:
 * whoever could change the store could then choose its key.
 */
static const char *
audit_key(void)
{
	const char *k = getenv("EHC_AUDIT_KEY");

	return k != NULL && *k != '\0' ? k : NULL;
}

static int
run(struct cli *cli, const struct cmd *cmd, int argc, char **argv)
{
	struct ehc_db_options o = EHC_DB_OPTIONS_INIT;
	const char *timeout = getenv("EHC_BUSY_TIMEOUT");
	struct stat sb;
	unsigned flags = 0;
	int rc, status;

	if (cmd->flags & CMD_CREATE)
		flags |= EHC_DB_CREATE;
	/*
	 * Readers open read-write too when they may, so that an upgraded
	 * ehc brings the schema and the stored deadlines up to date first;
	 * their transaction still only reads.
	 */
	if (!(cmd->flags & CMD_WRITE) && access(cli->dbpath, W_OK) != 0 &&
	    errno != ENOENT)
		flags |= EHC_DB_READONLY;
	/* --help never needs a store. */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help(cmd->usage);
	o.flags = flags;
	o.audit_key = audit_key();
	rc = ehc_db_open_with(&cli->db, cli->dbpath, &o);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if (stat(cli->dbpath, &sb) == 0 && (sb.st_mode & 077) != 0)
		fprintf(stderr, "%s: warning: '%s' can be read by others; "
		    "chmod 600 it\n", cli->name, cli->dbpath);
	cli->busy_ms = timeout != NULL ? atoi(timeout) : 5000;
	ehc_db_set_busy_timeout(cli->db, cli->busy_ms);
	ehc_db_set_today(cli->db, cli->today);
	if ((rc = ehc_db_set_user(cli->db, cli->user)) == EHC_EINVAL)
		return cli_error(cli, cli->user_option ? EHC_EXIT_USAGE :
		    EHC_EXIT_DATAERR, "%s: %s", cli->user_option ? "--user" :
		    "EHC_USER", ehc_db_errmsg(cli->db));
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	/* Backup and restore take transactions of their own. */
	if (cmd->flags & CMD_OWN_TXN)
		return cmd->fn(cli, argc, argv);
	rc = ehc_db_begin(cli->db, (cmd->flags & CMD_WRITE) ?
	    EHC_TXN_WRITE : EHC_TXN_READ);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	status = cmd->fn(cli, argc, argv);
	if (status == EHC_EXIT_OK && !cli->committed)
		status = cli_commit(cli);
	else if (status != EHC_EXIT_OK)
		ehc_db_rollback(cli->db);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db",		required_argument,	NULL,	'd' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "today",	required_argument,	NULL,	't' },
		{ "user",	required_argument,	NULL,	'u' },
		{ "version",	no_argument,		NULL,	'V' },
		{ NULL,		0,			NULL,	0 }
	};
	struct cli cli;
	const struct cmd *cmd;
	const char *today = getenv("EHC_TODAY");
	char *dbpath = NULL, name[64];
	int ch, status, today_option = 0;

	/*
	 * One thread and one handle: SQLite need take no mutex and keep no
	 * memory statistics, which it otherwise does on every allocation.
	 * A statement that writes several rows (the bulk writers' batches)
	 * journals the pages it changes; keep up to 8 MiB of that in memory
	 * rather than on a temporary file from 64 KiB on.
	 */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 8 << 20);
	memset(&cli, 0, sizeof(cli));
	cli.name = "ehc";
	cli.dbpath = getenv("EHC_DB");
	cli.user = getenv("EHC_USER");
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:d:ht:u:V", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd':
			cli.dbpath = optarg;
			break;
		case 'h':
			list_commands(stdout);
			return EHC_EXIT_OK;
		case 't':
			today = optarg;
			today_option = 1;
			break;
		case 'u':
			cli.user = optarg;
			cli.user_option = 1;
			break;
		case 'V':
			printf("ehc %s\n", EHC_VERSION_STRING);
			return EHC_EXIT_OK;
		default:
			return cli_bad_option(&cli, usage_ehc, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		list_commands(stderr);
		return EHC_EXIT_USAGE;
	}
	if ((cmd = find_command(argv[0])) == NULL)
		return cli_usage(&cli, usage_ehc, "'%.40s' is not an ehc "
		    "command (see 'ehc --help')", argv[0]);
	snprintf(name, sizeof(name), "ehc %s", cmd->name);
	cli.name = name;
	argv[0] = name;
	cli.argc = argc;
	cli.argv = argv;
	cli.real_today = local_today();
	if (today != NULL && *today != '\0') {
		if (ehc_date_parse(&cli.today, today) != EHC_OK)
			return cli_error(&cli, EHC_EXIT_USAGE, "--today "
			    "'%.40s' is not a date; write YYYY-MM-DD (or "
			    "D/M/YYYY)", today);
		cli.today_from = today_option ? TODAY_OPTION : TODAY_ENV;
	} else
		cli.today = cli.real_today;
	if (cli.user == NULL || *cli.user == '\0')
		cli.user = default_user();
	if (cli.dbpath == NULL || *cli.dbpath == '\0') {
		dbpath = default_db(cmd->flags & CMD_CREATE);
		cli.dbpath = dbpath;
	}
	cli_getopt_reset();
	status = run(&cli, cmd, argc, argv);
	/*
	 * A report written to a full disk must not exit 0, nor exit with
	 * the status of what it could not say (65 for findings unwritten);
	 * a change made and not reported exits 4, not 74.
	 */
	status = cli_flush(&cli, status);
	ehc_db_close(cli.db);
	free(dbpath);
	return status;
}
