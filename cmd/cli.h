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
	EHC_EXIT_USAGE = 64,		/* bad option or operand */
	EHC_EXIT_DATAERR = 65,		/* invalid data, step not allowed */
	EHC_EXIT_NOINPUT = 66,		/* missing input file or store */
	EHC_EXIT_SOFTWARE = 70,		/* internal error */
	EHC_EXIT_CANTCREAT = 73,	/* cannot create an output file */
	EHC_EXIT_IOERR = 74,		/* I/O error */
	EHC_EXIT_TEMPFAIL = 75,		/* store busy: retry */
	EHC_EXIT_CONFIG = 78		/* store newer than this ehc */
};

struct cli {
	struct ehc_db	*db;
	const char	*dbpath;
	const char	*name;		/* "ehc decide", for messages */
	const char	*user;
	int32_t		 today;
	int		 busy_ms;	/* the store's busy timeout */
	int		 committed;
};

/* The exit status for a library status. */
int	cli_exit_code(int status);

/* Print "NAME: message" and return the exit status for status. */
int	cli_fail(struct cli *cli, int status);
/* Print one formatted diagnostic line and return code. */
int	cli_error(struct cli *cli, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A usage error on one line: what is wrong, then the synopsis. */
int	cli_usage(struct cli *cli, const char *usage, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The unknown-option or missing-argument message getopt would give. */
int	cli_bad_option(struct cli *cli, const char *usage, int ch,
	    char **argv);
/* Print the usage for --help on stdout and return 0. */
int	cli_help(const char *usage);

/* Commit the command's transaction before printing its result. */
int	cli_commit(struct cli *cli);

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
