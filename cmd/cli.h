/*
 * cli.h: what every ehc command shares: the context, exit statuses and
 * the helpers that print a diagnostic and return an exit status.
 */
#ifndef EHC_CLI_H
#define EHC_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <ehc/ehc.h>

enum cli_exit {
	EHC_EXIT_OK = 0,
	EHC_EXIT_NOTFOUND = 1,		/* the named record does not exist */
	EHC_EXIT_RETURN_ERRORS = 3,	/* a SEN2 return written has errors */
	EHC_EXIT_COMMITTED = 4,		/* committed; the output failed */
	EHC_EXIT_USAGE = 64,		/* bad option or operand */
	EHC_EXIT_DATAERR = 65,		/* invalid data, step not allowed */
	EHC_EXIT_NOINPUT = 66,		/* missing input file or store */
	EHC_EXIT_SOFTWARE = 70,		/* internal error */
	EHC_EXIT_CANTCREAT = 73,	/* cannot create an output file */
	EHC_EXIT_IOERR = 74,		/* I/O error */
	EHC_EXIT_TEMPFAIL = 75,		/* store busy: retry */
	EHC_EXIT_NOPERM = 77,		/* the user's role does not allow it */
	EHC_EXIT_CONFIG = 78		/* store newer than this ehc */
};

struct cli {
	struct ehc_db	*db;
	const char	*dbpath;
	const char	*name;		/* "ehc decide", for messages */
	const char	*user;
	int		 user_option;	/* given with -u, not EHC_USER */
	int		 user_given;	/* by -u or EHC_USER */
	const char	*login;		/* whose role counts (ehc-config(1)) */
	int		 team;		/* a team's store (ehc-init(1)) */
	int		 team_priv;	/* opened with the setgid group */
	int32_t		 today;
	int32_t		 real_today;	/* the clock's, whatever today is */
	enum {
		TODAY_CLOCK,		/* today is the real date */
		TODAY_OPTION,		/* --today */
		TODAY_ENV		/* EHC_TODAY */
	}		 today_from;
	int		 busy_ms;	/* the store's busy timeout */
	int		 committed;
	/*
	 * What a committed command did and what it prints, for the message
	 * when standard output then fails (cli_done()).
	 */
	char		 done[160];
	const char	*output;
	/* The command's words, for the synopsis line a usage error quotes. */
	int		 argc;
	char		**argv;
};

/*
 * An environment variable; none in a setgid ehc, whose user could
 * otherwise point it where the group can write (secure_getenv()).
 */
const char *cli_getenv(const char *name);
/*
 * The login of the real user ID, which no variable or option changes:
 * who acts in a team's store.  An ID with no passwd entry is "uid:N".
 */
const char *cli_login(void);
/*
 * An option as its command's --help describes it: the forms and the
 * first sentence of its entry in the manual page (tools/options.py
 * writes cli_options[] from the pages; NULLs end it).
 */
struct cli_option {
	const char	*command;
	const char	*forms;		/* "-e, --explain" */
	const char	*text;
};
extern const struct cli_option cli_options[];

/* The exit status for a library status. */
int	cli_exit_code(int status);

/* Print "NAME: message" and return the exit status for status. */
int	cli_fail(struct cli *cli, int status);
/* Print one formatted diagnostic line and return code. */
int	cli_error(struct cli *cli, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * A usage error on one line: what is wrong, then the synopsis line of
 * the form used (the one whose words the command's operands name).
 */
int	cli_usage(struct cli *cli, const char *usage, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The unknown-option or missing-argument message getopt would give. */
int	cli_bad_option(struct cli *cli, const char *usage, int ch,
	    char **argv);
/*
 * Print the usage for --help on stdout, then each option with its one
 * line of description, and return 0.
 */
int	cli_help(const char *usage);
/*
 * For a command whose only option is -h/--help: parse argv, and return
 * its exit status when that was the help or a bad option, else -1 with
 * optind at the first operand.
 */
int	cli_only_help(struct cli *cli, const char *usage, int argc,
	    char **argv);

/* Commit the command's transaction before printing its result. */
int	cli_commit(struct cli *cli);
/*
 * Say, once committed, what was done ("EHC-000003 was created") and what
 * is printed ("its reference"), for the line that says so when the
 * output cannot be written (exit 4).
 */
void	cli_done(struct cli *cli, const char *output, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * Flush standard output; if it fails, say so and return 4 when the
 * command changed the store, 74 when not; else return status.
 */
int	cli_flush(struct cli *cli, int status);

/*
 * libxlsxwriter prints its own "[ERROR]" lines on stderr: around a
 * workbook, stderr goes nowhere (cli_stderr_off() returns what to give
 * cli_stderr_on() after), so that a failure is one line of ehc's.
 */
int	cli_stderr_off(void);
void	cli_stderr_on(int saved);

/* Reset getopt before a command parses its own options. */
void	cli_getopt_reset(void);

/* Parse a date option; on failure print the message and return 65. */
int	cli_date(struct cli *cli, const char *what, const char *s,
	    int32_t *out);
/* Look a case up; on failure print and return the exit status. */
int	cli_case(struct cli *cli, const char *ref, int64_t *id);
/* Parse a non-negative number; on failure print and return 64. */
int	cli_number(struct cli *cli, const char *usage, const char *what,
	    const char *s, long max, long *out);

#endif
