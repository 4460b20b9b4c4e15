/*
 * cmd_rules.c: ehc rules: the statutory rules ehc applies, from its
 * registry, with every field.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "print.h"

const char usage_rules[] = "ehc rules [-h] [-j]";

/* A text field, "-" when empty. */
static const char *
dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

static int
rule_text(const struct ehc_rule *r)
{
	char period[48], valid[32];

	if (r->fixed != NULL)
		snprintf(period, sizeof(period), "%s %s", r->unit, r->fixed);
	else if (r->unit[0] == 'e')	/* an exception: no period */
		snprintf(period, sizeof(period), "%s", r->unit);
	else
		snprintf(period, sizeof(period), "%d %s", r->amount, r->unit);
	snprintf(valid, sizeof(valid), "%s..%s", r->valid_from ?
	    r->valid_from : "", r->valid_to ? r->valid_to : "");
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r->id,
	    r->regulation, period, r->trigger, r->rule, r->binds,
	    r->valid_from || r->valid_to ? valid : "-", dash(r->blocks),
	    dash(r->exceptions), r->calendar, r->lead, dash(r->note),
	    dash(r->alternative));
	return 0;
}

static int
rule_one(const struct ehc_rule *r, void *payload)
{
	cJSON *o, *arr = payload;

	if (arr == NULL)
		return rule_text(r);
	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(arr, o) ||
	    json_str(o, "id", r->id) == NULL ||
	    json_str(o, "rule", r->rule) == NULL ||
	    json_str(o, "regulation", r->regulation) == NULL ||
	    json_str(o, "trigger", r->trigger) == NULL ||
	    cJSON_AddNumberToObject(o, "amount", r->amount) == NULL ||
	    json_str(o, "unit", r->unit) == NULL ||
	    json_str(o, "fixed", r->fixed) == NULL ||
	    json_words(o, "exceptions", r->exceptions) == NULL ||
	    json_str(o, "note", r->note) == NULL ||
	    json_str(o, "alternative", r->alternative) == NULL ||
	    json_str(o, "valid_from", r->valid_from) == NULL ||
	    json_str(o, "valid_to", r->valid_to) == NULL ||
	    json_str(o, "binds", r->binds) == NULL ||
	    json_words(o, "blocks", r->blocks) == NULL ||
	    json_str(o, "calendar", r->calendar) == NULL ||
	    cJSON_AddBoolToObject(o, "advisory", r->advisory) == NULL ||
	    cJSON_AddNumberToObject(o, "lead_days", r->lead) == NULL)
		return EHC_ENOMEM;
	return 0;
}

int
cmd_rules(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,	NULL,	'j' },
		{ "help",	no_argument,	NULL,	'h' },
		{ NULL,		0,		NULL,	0 }
	};
	cJSON *arr = NULL;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'h': return cli_help(usage_rules);
		default: return cli_bad_option(cli, usage_rules, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_rules, "rules takes no operands");
	if (json && (arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	if ((rc = ehc_rule_foreach(cli->db, rule_one, arr)) != EHC_OK) {
		cJSON_Delete(arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json ? json_print(cli, arr) : EHC_EXIT_OK;
}
