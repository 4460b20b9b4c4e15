/*
 * cmd_exception.c: ehc exception: record that an exception in regs 5(4),
 * 8(2), 10(4) or 13(3) applies to a step.  The due date does not move.
 */
#include <getopt.h>

#include "cmd.h"

const char usage_exception[] =
    "ehc exception [-h] case step limb -d date [-a advice] [-n note]";

int
cmd_exception(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "advice",	required_argument,	NULL,	'a' },
		{ "note",	required_argument,	NULL,	'n' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *advice = NULL, *note = NULL;
	int64_t id;
	int32_t day;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":d:a:n:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'a': advice = optarg; break;
		case 'n': note = optarg; break;
		case 'h': return cli_help(usage_exception);
		default: return cli_bad_option(cli, usage_exception, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 3)
		return cli_usage(cli, usage_exception, "name the case, the step "
		    "and the limb");
	if (date == NULL)
		return cli_usage(cli, usage_exception, "--date is required");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = cli_case(cli, argv[0], &id)) != 0)
		return rc;
	rc = ehc_exception_record(cli->db, id, argv[1], argv[2], day, note,
	    advice);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}
