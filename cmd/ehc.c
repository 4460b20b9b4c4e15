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
#include "priv.h"

static const struct cmd cmds[] = {
	{ "init", cmd_init, usage_init, CMD_CREATE | CMD_WRITE, R_ADMIN,
	    "create the case store, or share it with a team" },
	{ "request", cmd_request, usage_request, CMD_WRITE, R_WORK,
	    "record, list and withdraw requests for assessment" },
	{ "decide", cmd_decide, usage_decide, CMD_WRITE, R_WORK,
	    "decide whether to assess and whether to issue a plan" },
	{ "advice", cmd_advice, usage_advice, CMD_WRITE, R_WORK,
	    "request, re-use and receive advice; chase lists" },
	{ "draft", cmd_draft, usage_draft, CMD_WRITE, R_WORK,
	    "issue the draft plan and the final plan" },
	{ "exception", cmd_exception, usage_exception, CMD_WRITE, R_WORK,
	    "record an exception to a time limit" },
	{ "case", cmd_case, usage_case, CMD_WRITE, R_WORK,
	    "show, list, reassign and flag cases" },
	{ "note", cmd_note, usage_note, CMD_WRITE, R_WORK,
	    "log a call, meeting or letter" },
	{ "due", cmd_due, usage_due, 0, R_WORK,
	    "everything due or overdue, for people and cron" },
	{ "review", cmd_review, usage_review, CMD_WRITE, R_WORK,
	    "annual reviews and phase transfers" },
	{ "amend", cmd_amend, usage_amend, CMD_WRITE, R_WORK,
	    "amend a plan" },
	{ "reassess", cmd_reassess, usage_reassess, CMD_WRITE, R_WORK,
	    "re-assess a plan: request, decision, draft and plan" },
	{ "cease", cmd_cease, usage_cease, CMD_WRITE, R_WORK,
	    "cease to maintain a plan, with the appeal window" },
	{ "dispute", cmd_dispute, usage_dispute, CMD_WRITE, R_WORK,
	    "mediation, appeals and Tribunal orders" },
	{ "transfer", cmd_transfer, usage_transfer, CMD_WRITE, R_WORK,
	    "plans moving between local authorities" },
	{ "placement", cmd_placement, usage_placement, CMD_WRITE, R_WORK,
	    "settings named in the plan and settings attended" },
	{ "money", cmd_money, usage_money, CMD_WRITE, R_WORK,
	    "placements, top-up funding and personal budgets" },
	{ "report", cmd_report, usage_report, 0, R_WORK | R_REPORT,
	    "the SEN2 return and management reports" },
	{ "import", cmd_import, usage_import, CMD_WRITE | CMD_BULK, R_WORK,
	    "load a caseload from a SEN2 return" },
	{ "export", cmd_export, usage_export, 0, R_WORK | R_REPORT,
	    "one case as JSON, for a transfer or a subject access request" },
	{ "audit", cmd_audit, usage_audit, 0, R_WORK,
	    "verify the audit chain; a case's chronology" },
	{ "retention", cmd_retention, usage_retention, CMD_WRITE, R_ADMIN,
	    "records past the retention period" },
	{ "backup", cmd_backup, usage_backup, CMD_WRITE | CMD_OWN_TXN,
	    R_ADMIN,
	    "a checked copy of the store, taken while others work" },
	{ "restore", cmd_restore, usage_restore, CMD_WRITE | CMD_OWN_TXN,
	    R_ADMIN,
	    "bring a backup back, reapplying retention" },
	{ "demo", cmd_demo, usage_demo, CMD_WRITE | CMD_BULK, R_ADMIN,
	    "build a realistic synthetic caseload" },
	{ "config", cmd_config, usage_config, CMD_WRITE, R_ADMIN,
	    "the authority's settings; a team's roles; the officers' profiles" },
	{ "officer", cmd_officer, usage_officer, 0, R_WORK,
	    "the officers, their email and open cases, for cron" },
	{ "rules", cmd_rules, usage_rules, 0, R_ANYONE,
	    "the statutory rules ehc applies" },
	{ "holidays", cmd_holidays, usage_holidays, CMD_WRITE, R_ADMIN,
	    "load the bank holidays from GOV.UK's file" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* Where a subcommand needs other roles than its command's. */
static const struct {
	const char	*cmd, *sub;
	unsigned	 roles;
} sub_roles[] = {
	{ "case", "assign", R_MANAGE },
	{ "audit", "verify", R_MANAGE },
	{ "audit", "head", R_MANAGE },
	{ "import", "sen2", R_ADMIN },
	{ "report", "sen2", R_REPORT },
};

#define NSUB_ROLES (sizeof(sub_roles) / sizeof(sub_roles[0]))

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

/*
 * Create the folders a store's path needs, each 0700 (only its owner
 * reads the cases), as mkdir -p would.  Returns 0, or -1 with errno and
 * the folder that could not be made in failed.
 */
static int
make_folders(const char *path, char *failed, size_t len)
{
	char dir[4096], *p;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++)
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				snprintf(failed, len, "%s", dir);
				return -1;
			}
			if ((*p = c) == '\0')
				return 0;
		}
}

/* $XDG_DATA_HOME/ehc/ehc.db. */
static char *
default_db(void)
{
	const char *xdg = cli_getenv("XDG_DATA_HOME");
	const char *home = cli_getenv("HOME");
	struct passwd *pw;
	char dir[4096], *path;

	/* A setgid ehc reads no variable: the home in the passwd file. */
	if (home == NULL && (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	if (xdg != NULL && *xdg != '\0')
		snprintf(dir, sizeof(dir), "%s/ehc", xdg);
	else if (home != NULL && *home != '\0')
		snprintf(dir, sizeof(dir), "%s/.local/share/ehc", home);
	else
		snprintf(dir, sizeof(dir), "ehc");
	if ((path = malloc(strlen(dir) + 8)) != NULL)
		sprintf(path, "%s/ehc.db", dir);
	return path;
}

static const char *
default_user(void)
{
	const char *u = getlogin();

	return u != NULL ? u : cli_login();
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
	const char *k = cli_getenv("EHC_AUDIT_KEY");

	return k != NULL && *k != '\0' ? k : NULL;
}

/* The roles that may run cmd with argv, and the subcommand that says. */
static unsigned
needs(const struct cmd *cmd, int argc, char **argv, const char **sub)
{
	size_t i;

	*sub = NULL;
	for (i = 0; i < NSUB_ROLES; i++)
		if (argc > 1 && strcmp(sub_roles[i].cmd, cmd->name) == 0 &&
		    strcmp(sub_roles[i].sub, argv[1]) == 0) {
			*sub = sub_roles[i].sub;
			return sub_roles[i].roles | EHC_ROLE_ADMIN;
		}
	return cmd->roles | EHC_ROLE_ADMIN;
}

/*
 * In a team's store, whether the user's role allows the command; a
 * refusal is audited in a transaction of its own, then exits 77.
 */
static int
check_role(struct cli *cli, const struct cmd *cmd, int argc, char **argv)
{
	const char *sub;
	char what[64], names[EHC_ROLES_LEN];
	unsigned need = needs(cmd, argc, argv, &sub), role;
	int rc;

	if ((rc = ehc_role_get(&role, cli->db, cli->login)) != EHC_OK)
		return cli_fail(cli, rc);
	/* An analyst sees no child's name unless allowed (ehc-config(1)). */
	ehc_db_set_masked(cli->db, role == EHC_ROLE_ANALYST);
	role &= ~(unsigned)EHC_ROLE_NAMES;
	if ((role & need) || need == R_ANYONE)
		return EHC_EXIT_OK;
	snprintf(what, sizeof(what), "ehc %s%s%s", cmd->name, sub ? " " : "",
	    sub ? sub : "");
	if ((rc = ehc_db_begin(cli->db, EHC_TXN_WRITE)) != EHC_OK ||
	    (rc = ehc_role_refused(cli->db, what, need)) != EHC_OK ||
	    (rc = ehc_db_commit(cli->db)) != EHC_OK) {
		ehc_db_rollback(cli->db);
		return cli_fail(cli, rc);
	}
	ehc_role_names(names, sizeof(names), need);
	if (role == 0)
		return cli_error(cli, EHC_EXIT_NOPERM, "'%s' needs the %s "
		    "role, and %s has none in this team's store; an admin "
		    "gives one with 'ehc config role LOGIN ROLE'", what, names,
		    cli->login);
	return cli_error(cli, EHC_EXIT_NOPERM, "'%s' needs the %s role, and "
	    "%s is %s %s; an admin gives roles with 'ehc config role LOGIN "
	    "ROLE'", what, names, cli->login, role == EHC_ROLE_OFFICER ||
	    role == EHC_ROLE_ANALYST || role == EHC_ROLE_ADMIN ? "an" : "a",
	    ehc_role_name(role));
}

/*
 * Who acts: in a team's store the real user, whatever -u or EHC_USER
 * say, which are recorded beside as "acting for"; in a person's store
 * the user they name.
 */
static int
identify(struct cli *cli)
{
	static char acting[256];
	char group[EHC_GROUP_LEN];
	int rc;

	if ((rc = ehc_team_group(group, sizeof(group), cli->db)) != EHC_OK)
		return cli_fail(cli, rc);
	if (*group == '\0' && cli->team_priv)
		return cli_error(cli, EHC_EXIT_CONFIG, "'%s' is in the "
		    "group's directory but not set up for a team; an admin "
		    "sets it up with 'ehc init --team GROUP'", cli->dbpath);
	cli->team = *group != '\0';
	if (!cli->team) {
		cli->login = cli->user;
		return EHC_EXIT_OK;
	}
	cli->login = cli_login();
	if (cli->user_given && strcmp(cli->user, cli->login) != 0) {
		snprintf(acting, sizeof(acting), "%s (for %s)", cli->login,
		    cli->user);
		cli->user = acting;
	} else
		cli->user = cli->login;
	return EHC_EXIT_OK;
}

/*
 * Open the store.  A setgid ehc takes its group up for this alone and
 * drops it for good, checked, before the command reads or writes any
 * file the user names.
 */
static int
open_store(struct cli *cli, const struct cmd *cmd)
{
	struct ehc_db_options o = EHC_DB_OPTIONS_INIT;
	char failed[4096];
	int rc, dropped;

	if (cmd->flags & CMD_CREATE)
		o.flags |= EHC_DB_CREATE;
	/* ehc init makes the store's folder, as the README says. */
	if ((cmd->flags & CMD_CREATE) && make_folders(cli->dbpath, failed,
	    sizeof(failed)) != 0)
		return cli_error(cli, EHC_EXIT_CANTCREAT, "cannot create the "
		    "folder '%s' for the store: %s; create it with 'mkdir -m "
		    "700' as a user who may, or name another store with --db",
		    failed, strerror(errno));
	/*
	 * Readers open read-write too when they may, so that an upgraded
	 * ehc brings the schema and the stored deadlines up to date first;
	 * their transaction still only reads.
	 */
	if (!cli->team_priv && !(cmd->flags & CMD_WRITE) &&
	    access(cli->dbpath, W_OK) != 0 && errno != ENOENT)
		o.flags |= EHC_DB_READONLY;
	/* A team's key is beside its store, where only the group reads. */
	o.audit_key = cli->team_priv ? NULL : audit_key();
	if (cli->team_priv && priv_raise() == -1) {
		rc = errno;
		priv_drop();
		return cli_error(cli, EHC_EXIT_SOFTWARE, "cannot take up the "
		    "group of the team's store: %s", strerror(rc));
	}
	rc = ehc_db_open_with(&cli->db, cli->dbpath, &o);
	dropped = priv_drop();
	if (dropped == -1)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "cannot drop the "
		    "group of the team's store; see ehc-init(1) on how ehc "
		    "is installed");
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

static int
run(struct cli *cli, const struct cmd *cmd, int argc, char **argv)
{
	const char *timeout = cli_getenv("EHC_BUSY_TIMEOUT");
	struct stat sb;
	int rc, status;

	/* --help never needs a store. */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help(cmd->usage);
	if ((status = open_store(cli, cmd)) != EHC_EXIT_OK ||
	    (status = identify(cli)) != EHC_EXIT_OK)
		return status;
	if (stat(cli->dbpath, &sb) == 0 &&
	    (sb.st_mode & (cli->team ? 007 : 077)) != 0)
		fprintf(stderr, "%s: warning: '%s' can be read by others; "
		    "chmod %s it\n", cli->name, cli->dbpath, cli->team ?
		    "660" : "600");
	cli->busy_ms = timeout != NULL ? atoi(timeout) : 5000;
	ehc_db_set_busy_timeout(cli->db, cli->busy_ms);
	ehc_db_set_today(cli->db, cli->today);
	rc = ehc_db_set_user(cli->db, cli->user);
	/* In a team's store the name is the login, unless -u added to it. */
	if (rc == EHC_EINVAL && cli->team && !cli->user_given)
		return cli_error(cli, EHC_EXIT_CONFIG, "your login cannot be "
		    "recorded: %s; ask the administrator for a login of "
		    "plain letters and digits", ehc_db_errmsg(cli->db));
	if (rc == EHC_EINVAL)
		return cli_error(cli, cli->user_option ? EHC_EXIT_USAGE :
		    EHC_EXIT_DATAERR, "%s: %s", cli->user_option ? "--user" :
		    "EHC_USER", ehc_db_errmsg(cli->db));
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if (cli->team && (status = check_role(cli, cmd, argc, argv)) !=
	    EHC_EXIT_OK)
		return status;
	/* Backup and restore take transactions of their own. */
	if (cmd->flags & CMD_OWN_TXN)
		return cmd->fn(cli, argc, argv);
	rc = ehc_db_begin(cli->db, !(cmd->flags & CMD_WRITE) ? EHC_TXN_READ :
	    (cmd->flags & CMD_BULK) ? EHC_TXN_BULK : EHC_TXN_WRITE);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	status = cmd->fn(cli, argc, argv);
	if (status == EHC_EXIT_OK && !cli->committed)
		status = cli_commit(cli);
	else if (status != EHC_EXIT_OK)
		ehc_db_rollback(cli->db);
	return status;
}

/*
 * A setgid ehc keeps its group only for a team's store of that group:
 * the one --db names, else the one where it is installed to look.  For
 * any other store it drops the group at once and is the user's own.
 */
static int
team_store(struct cli *cli, const struct cmd *cmd, int argc, char **argv)
{
	static char dir[4096];
	const char *path = cli->dbpath ? cli->dbpath : EHC_TEAM_STORE;
	int i;

	if (priv_held()) {
		if (priv_team_store(path)) {
			cli->team_priv = 1;
			cli->dbpath = path;
			/* Where SQLite would make its temporary files. */
			unsetenv("SQLITE_TMPDIR");
			unsetenv("TMPDIR");
		} else if (priv_drop() == -1)
			return cli_error(cli, EHC_EXIT_SOFTWARE, "cannot drop "
			    "the group ehc is installed with; see ehc-init(1)");
	}
	/* 'ehc init --team' makes the team's store where ehc looks. */
	for (i = 1; cmd->fn == cmd_init && cli->dbpath == NULL && i < argc;
	    i++)
		if (strncmp(argv[i], "--team", 6) == 0 ||
		    strncmp(argv[i], "-g", 2) == 0) {
			snprintf(dir, sizeof(dir), "%s", EHC_TEAM_STORE);
			*strrchr(dir, '/') = '\0';
			mkdir(dir, 0770);
			cli->dbpath = EHC_TEAM_STORE;
		}
	return EHC_EXIT_OK;
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
	const char *today = cli_getenv("EHC_TODAY");
	char *dbpath = NULL, name[64];
	int ch, status, today_option = 0;

	/*
	 * One thread and one handle: SQLite need take no mutex and keep no
	 * memory statistics, which it otherwise does on every allocation.
	 * Statement journals keep SQLite's default spill (64 KiB): with a
	 * larger one, SQLite 3.40 fails a statement whose journal outgrows
	 * it with "database or disk is full" (dropping the index of open
	 * deadlines of 400,000 cases, when a new clock derives them again).
	 */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	memset(&cli, 0, sizeof(cli));
	cli.name = "ehc";
	if (priv_start() == -1) {
		fprintf(stderr, "ehc: cannot put aside the group ehc is "
		    "installed with: %s\n", strerror(errno));
		return EHC_EXIT_SOFTWARE;
	}
	cli.dbpath = cli_getenv("EHC_DB");
	cli.user = cli_getenv("EHC_USER");
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
	cli.user_given = cli.user != NULL && *cli.user != '\0';
	if (!cli.user_given)
		cli.user = default_user();
	if (cli.dbpath != NULL && *cli.dbpath == '\0')
		cli.dbpath = NULL;
	if ((status = team_store(&cli, cmd, argc, argv)) != EHC_EXIT_OK)
		return status;
	if (cli.dbpath == NULL) {
		dbpath = default_db();
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
