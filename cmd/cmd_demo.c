/*
 * cmd_demo.c: ehc demo: fill a new store with a realistic synthetic
 * caseload (see ehc_demo_build()), then print what was built.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

const char usage_demo[] = "ehc demo [-h] -n cases [-s seed]";

/* The progress line, on a terminal only. */
static int
progress(int64_t done, int64_t total, void *payload)
{
	(void)payload;
	fprintf(stderr, "\rehc demo: %lld of %lld cases", (long long)done,
	    (long long)total);
	if (done == total)
		fputc('\n', stderr);
	return 0;
}

static double
pct(int64_t part, int64_t whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

static void
print_summary(const struct ehc_demo_summary *s)
{
	int64_t ex_plans = s->plans - s->week20_exceptions;

	printf("cases\t%lld\n", (long long)s->cases);
	printf("withdrawn\t%lld\n", (long long)s->withdrawn);
	printf("not assessed\t%lld\n", (long long)s->refused);
	printf("assessed\t%lld\t%.1f%% of cases\n", (long long)s->assessed,
	    pct(s->assessed, s->cases));
	printf("not issued\t%lld\n", (long long)s->not_issued);
	printf("plans issued\t%lld\t%.1f%% of assessments decided\n",
	    (long long)s->plans, pct(s->plans, s->plans + s->not_issued));
	printf("within 20 weeks\t%lld\t%.1f%% (%.1f%% without exceptions)\n",
	    (long long)s->within_20, pct(s->within_20, s->plans),
	    pct(s->within_20_ex, ex_plans));
	printf("week 20 exceptions\t%lld\t%.1f%%\n",
	    (long long)s->week20_exceptions,
	    pct(s->week20_exceptions, s->plans));
	printf("plans ended\t%lld\n", (long long)s->ceased);
	printf("review meetings\t%lld\n", (long long)s->reviews);
	printf("review decisions\t%lld\t%.1f%% within 4 weeks\n",
	    (long long)s->reviews_decided,
	    pct(s->decided_4_weeks, s->reviews_decided));
	printf("amend\t%lld\t%.1f%%\n", (long long)s->amended,
	    pct(s->amended, s->reviews_decided));
	printf("maintain\t%lld\t%.1f%%\n", (long long)s->maintained,
	    pct(s->maintained, s->reviews_decided));
	printf("phase transfers\t%lld\n", (long long)s->phase_transfers);
	printf("library calls\t%lld\n", (long long)s->calls);
}

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cases",	required_argument,	NULL,	'n' },
		{ "seed",	required_argument,	NULL,	's' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_demo_options opts = EHC_DEMO_OPTIONS_INIT;
	struct ehc_demo_summary sum;
	long cases = -1, seed = 1;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, ":n:s:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'n':
			if ((rc = cli_number(cli, usage_demo, "--cases",
			    optarg, EHC_DEMO_MAX_CASES, &cases)) != 0)
				return rc;
			break;
		case 's':
			if ((rc = cli_number(cli, usage_demo, "--seed",
			    optarg, 2147483647L, &seed)) != 0)
				return rc;
			break;
		case 'h':
			return cli_help(usage_demo);
		default:
			return cli_bad_option(cli, usage_demo, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_demo, "demo takes no operands");
	if (cases < 0)
		return cli_usage(cli, usage_demo, "--cases is required");
	if (cases == 0)
		return cli_usage(cli, usage_demo, "--cases must be at least 1");
	opts.cases = cases;
	opts.seed = (uint64_t)seed;
	if (isatty(STDERR_FILENO))
		opts.progress = progress;
	if ((rc = ehc_demo_build(&sum, cli->db, &opts)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	print_summary(&sum);
	return EHC_EXIT_OK;
}
