/*
 * cli.c: diagnostics, exit statuses and small parsing helpers shared by
 * the commands.  Only main() ends the process; these return.
 */
#define _GNU_SOURCE		/* secure_getenv() */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *
cli_getenv(const char *name)
{
	return secure_getenv(name);
}

const char *
cli_login(void)
{
	static char buf[32];
	struct passwd *pw;

	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	snprintf(buf, sizeof(buf), "uid:%lu", (unsigned long)getuid());
	return buf;
}

int
cli_exit_code(int status)
{
	switch (status) {
	case EHC_OK:		return EHC_EXIT_OK;
	case EHC_ENOTFOUND:	return EHC_EXIT_NOTFOUND;
	case EHC_EINVAL:
	case EHC_EEXISTS:
	case EHC_ESTATE:	return EHC_EXIT_DATAERR;
	case EHC_ENOSTORE:
	case EHC_ENOINPUT:	return EHC_EXIT_NOINPUT;
	case EHC_ECREATE:	return EHC_EXIT_CANTCREAT;
	case EHC_EIO:		return EHC_EXIT_IOERR;
	case EHC_EBUSY:		return EHC_EXIT_TEMPFAIL;
	case EHC_ESCHEMA:
	case EHC_EKEY:		return EHC_EXIT_CONFIG;
	default:		return EHC_EXIT_SOFTWARE;
	}
}

/*
 * Write a diagnostic with control characters made visible: the values it
 * quotes came from the user and must not break the one-line message or
 * reach the terminal as escape sequences.  C0 controls and DEL, C1
 * controls (U+0080 to U+009F: U+009B starts an escape) and the
 * bidirectional controls (U+202A to U+202E, U+2066 to U+2069) print as
 * '?'.
 */
static void
put_clean(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f)
			fputc('?', stderr);
		else if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
			fputc('?', stderr);
			s++;
		} else if (s[0] == 0xe2 && ((s[1] == 0x80 && s[2] >= 0xaa &&
		    s[2] <= 0xae) || (s[1] == 0x81 && s[2] >= 0xa6 &&
		    s[2] <= 0xa9))) {
			fputc('?', stderr);
			s += 2;
		} else
			fputc(*s, stderr);
	}
}

static void
vput_clean(const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	put_clean(buf);
}

int
cli_fail(struct cli *cli, int status)
{
	const char *msg = cli->db ? ehc_db_errmsg(cli->db) : "";

	fprintf(stderr, "%s: ", cli->name);
	put_clean(*msg ? msg : ehc_strerror(status));
	fputc('\n', stderr);
	return cli_exit_code(status);
}

int
cli_error(struct cli *cli, int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli->name);
	va_start(ap, fmt);
	vput_clean(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

/* Whether the synopsis line [line, end) has the word w (a|b: a or b). */
static int
has_word(const char *line, const char *end, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	if (n == 0 || *w == '-')
		return 0;
	for (p = line; p + n <= end; p++)
		if (strncmp(p, w, n) == 0 && (p == line ||
		    strchr(" |[", p[-1]) != NULL) && (p + n == end ||
		    strchr(" |]", p[n]) != NULL))
			return 1;
	return 0;
}

/*
 * The synopsis line of the form used: the one that has most of the
 * command's operands as words ("ehc case flag" for 'case 1 flag ...'),
 * the first of equals; its length in *len.
 */
static const char *
usage_form(const struct cli *cli, const char *usage, int *len)
{
	const char *line, *end, *best = usage;
	int i, score, best_score = 0;

	for (line = usage; *line != '\0'; line = *end ? end + 1 : end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		/* Past "ehc NAME", which every line has. */
		score = 0;
		for (i = 1; i < cli->argc; i++)
			score += has_word(line, end, cli->argv[i]);
		if (score > best_score) {
			best = line;
			best_score = score;
		}
	}
	if ((end = strchr(best, '\n')) == NULL)
		end = best + strlen(best);
	*len = (int)(end - best);
	return best;
}

int
cli_usage(struct cli *cli, const char *usage, const char *fmt, ...)
{
	va_list ap;
	const char *form;
	int len;

	fprintf(stderr, "%s: ", cli->name);
	va_start(ap, fmt);
	vput_clean(fmt, ap);
	va_end(ap);
	/* One synopsis line, the form used, to keep the message one line. */
	form = usage_form(cli, usage, &len);
	fprintf(stderr, "; usage: %.*s\n", len, form);
	return EHC_EXIT_USAGE;
}

int
cli_bad_option(struct cli *cli, const char *usage, int ch, char **argv)
{
	const char *opt = argv[optind - 1];

	if (ch == ':')
		return cli_usage(cli, usage, "option '%s' needs a value", opt);
	if (optopt != 0)
		return cli_usage(cli, usage, "unknown option '-%c'", optopt);
	return cli_usage(cli, usage, "unknown option '%s'", opt);
}

/*
 * The options of the command usage is for ("ehc NAME ..."), each on a
 * line, its description wrapped beside it.
 */
static void
help_options(const char *usage)
{
	const struct cli_option *o;
	const char *name = usage + 4, *t, *brk;
	size_t n = strcspn(name, " \n");
	int col, any = 0;

	if (strncmp(usage, "ehc ", 4) != 0)
		return;
	for (o = cli_options; o->command != NULL; o++) {
		if (strlen(o->command) != n ||
		    strncmp(o->command, name, n) != 0)
			continue;
		if (!any++)
			printf("\noptions:\n");
		col = printf("  %s", o->forms);
		for (t = o->text; *t != '\0'; t = brk) {
			/* Wrap at a blank, within 79 columns, at column 30. */
			if (col > 28) {
				printf("\n");
				col = 0;
			}
			printf("%*s", 30 - col, "");
			brk = t + strlen(t);
			if (brk - t > 49) {
				brk = t + 49;
				while (brk > t && *brk != ' ')
					brk--;
				if (brk == t)
					brk = t + strcspn(t, " ");
			}
			printf("%.*s", (int)(brk - t), t);
			while (*brk == ' ')
				brk++;
			col = 79;
		}
		printf("\n");
	}
}

int
cli_help(const char *usage)
{
	const char *p = usage, *nl;

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		printf("%s%.*s\n", p == usage ? "usage: " : "       ",
		    (int)(nl - p), p);
	printf("%s%s\n", p == usage ? "usage: " : "       ", p);
	help_options(usage);
	return EHC_EXIT_OK;
}

int
cli_only_help(struct cli *cli, const char *usage, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1)
		return ch == 'h' ? cli_help(usage) :
		    cli_bad_option(cli, usage, ch, argv);
	return -1;
}

int
cli_commit(struct cli *cli)
{
	int rc;

	if ((rc = ehc_db_commit(cli->db)) != EHC_OK)
		return cli_fail(cli, rc);
	cli->committed = 1;
	return EHC_EXIT_OK;
}

void
cli_done(struct cli *cli, const char *output, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cli->done, sizeof(cli->done), fmt, ap);
	va_end(ap);
	cli->output = output;
}

int
cli_flush(struct cli *cli, int status)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	err = errno != 0 ? errno : EIO;
	/* Never report as failed a change that was made: a retry repeats it. */
	if (cli->committed && ehc_db_wrote(cli->db)) {
		fprintf(stderr, "%s: ", cli->name);
		put_clean(*cli->done != '\0' ? cli->done :
		    "the change was committed");
		fprintf(stderr, ", but %s could not be written: %s\n",
		    cli->output != NULL ? cli->output : "its output",
		    strerror(err));
		return EHC_EXIT_COMMITTED;
	}
	fprintf(stderr, "%s: cannot write the output: %s\n", cli->name,
	    strerror(err));
	return EHC_EXIT_IOERR;
}

int
cli_stderr_off(void)
{
	int saved, null;

	fflush(stderr);
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((saved = dup(STDERR_FILENO)) != -1 &&
	    dup2(null, STDERR_FILENO) == -1) {
		close(saved);
		saved = -1;
	}
	close(null);
	return saved;
}

void
cli_stderr_on(int saved)
{
	if (saved == -1)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

void
cli_getopt_reset(void)
{
	/* glibc reinitialises fully only when optind is 0. */
	optind = 0;
	opterr = 0;
}

int
cli_date(struct cli *cli, const char *what, const char *s, int32_t *out)
{
	if (ehc_date_parse(out, s) != EHC_OK)
		return cli_error(cli, EHC_EXIT_DATAERR, "%s '%.40s' is not a "
		    "date; write YYYY-MM-DD (or D/M/YYYY)", what, s);
	return EHC_EXIT_OK;
}

int
cli_case(struct cli *cli, const char *ref, int64_t *id)
{
	int rc;

	if ((rc = ehc_case_lookup(id, cli->db, ref)) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

int
cli_number(struct cli *cli, const char *usage, const char *what,
    const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > max)
		return cli_usage(cli, usage, "%s must be a number from 0 to "
		    "%ld", what, max);
	*out = v;
	return EHC_EXIT_OK;
}
