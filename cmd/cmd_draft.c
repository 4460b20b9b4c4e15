/*
 * cmd_draft.c: ehc draft: serve the draft plan and issue the final plan;
 * write the plan's sections, needs, outcomes and provision; show it,
 * check it, list its issued versions and compare them; print letters and
 * panel papers.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "print.h"

const char usage_draft[] =
    "ehc draft [-h] case issue|final -d date [-F -R reason]\n"
    "ehc draft case section name -f file | -t text\n"
    "ehc draft case need add [-s section] -t text\n"
    "ehc draft case outcome add -t text [-n need] [-p theme]\n"
    "ehc draft case provision add [-s section] -t text [-a amount] "
    "[-b by] [-e frequency] [-n need] [-o outcome] [-p theme]\n"
    "ehc draft case need|outcome|provision edit ref [-a amount] [-b by] "
    "[-e frequency] [-n need] [-o outcome] [-p theme] [-t text]\n"
    "ehc draft case need|outcome|provision rm ref\n"
    "ehc draft case show [-T format] [version]\n"
    "ehc draft case check [-j] [-S stage]\n"
    "ehc draft case log [-j]\n"
    "ehc draft case diff [-w] [version [version]]\n"
    "ehc draft case letter [-f file] [-T format] [name]";

/* Context lines either side of a change in 'diff'. */
#define DIFF_CONTEXT 3

/* Look the case up and take any version a workflow step has issued. */
static int
open_case(struct cli *cli, const char *ref, int64_t *id)
{
	int rc;

	if ((rc = cli_case(cli, ref, id)) != 0)
		return rc;
	if ((rc = ehc_plan_sync(NULL, cli->db, *id)) != EHC_OK)
		return cli_fail(cli, rc);
	return EHC_EXIT_OK;
}

/* The stage a plan is checked as when none is named. */
static int
default_stage(struct cli *cli, int64_t id, int *stage)
{
	struct ehc_case c;
	int rc;

	if ((rc = ehc_case_get(&c, cli->db, id)) != EHC_OK)
		return cli_fail(cli, rc);
	*stage = c.draft_date == EHC_NO_DATE && c.final_date == EHC_NO_DATE ?
	    EHC_PLAN_STAGE_DRAFT : EHC_PLAN_STAGE_FINAL;
	ehc_case_release(&c);
	return EHC_EXIT_OK;
}

/*
 * After a draft or final plan has been issued: warn (on stderr, the
 * command still succeeds) when the plan has content and fails the
 * check.
 */
static void
warn_unfit(struct cli *cli, const char *ref, int64_t id, int stage)
{
	struct ehc_plan plan;
	int n = 0;

	if (ehc_plan_load(&plan, cli->db, id, 0) != EHC_OK)
		return;
	if (!ehc_plan_is_empty(&plan) && ehc_plan_check(&n, &plan,
	    stage, cli->today, NULL, NULL) == EHC_OK && n > 0)
		fprintf(stderr, "%s: warning: the %s plan has %d problem%s and "
		    "is not fit to issue; see 'ehc draft %s check'\n",
		    cli->name, stage == EHC_PLAN_STAGE_DRAFT ? "draft" :
		    "final", n, n == 1 ? "" : "s", ref);
	ehc_plan_release(&plan);
}

/* ehc draft case issue|final: the workflow steps. */
static int
draft_step(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "reason",	required_argument,	NULL,	'R' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *date = NULL, *reason = NULL;
	int64_t id;
	int32_t day;
	int ch, rc, force = 0, issue;

	while ((ch = getopt_long(argc, argv, ":d:FR:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'd': date = optarg; break;
		case 'F': force = 1; break;
		case 'R': reason = optarg; break;
		case 'h': return cli_help(usage_draft);
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || (strcmp(argv[1], "issue") != 0 &&
	    strcmp(argv[1], "final") != 0))
		return cli_usage(cli, usage_draft, "name the case, then issue, "
		    "final, section, need, outcome, provision, show, check, "
		    "log, diff or letter");
	if (date == NULL)
		return cli_usage(cli, usage_draft, "--date is required");
	if (force && reason == NULL)
		return cli_usage(cli, usage_draft, "--force needs --reason");
	if ((rc = cli_date(cli, "--date", date, &day)) != 0 ||
	    (rc = open_case(cli, argv[0], &id)) != 0)
		return rc;
	issue = strcmp(argv[1], "issue") == 0;
	if (issue)
		rc = ehc_draft_issue(cli->db, id, day);
	else
		rc = ehc_draft_final(cli->db, id, day, force ? reason : NULL);
	if (rc != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		return rc;
	warn_unfit(cli, argv[0], id, issue ? EHC_PLAN_STAGE_DRAFT :
	    EHC_PLAN_STAGE_FINAL);
	return EHC_EXIT_OK;
}

/*
 * Read a whole text file (or stdin for "-") into *out: at most
 * EHC_PLAN_TEXT_MAX bytes, no NUL bytes; CRLF line ends and a UTF-8
 * byte-order mark are dropped.
 */
static int
read_text(struct cli *cli, const char *path, char **out)
{
	FILE *fp;
	char *buf, *r, *w;
	size_t len = 0, n, cap = EHC_PLAN_TEXT_MAX * 2 + 2;
	int err;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		return cli_error(cli, EHC_EXIT_NOINPUT, "cannot open '%.200s': "
		    "%s", path, strerror(errno));
	if ((buf = malloc(cap + 1)) == NULL) {
		if (fp != stdin)
			fclose(fp);
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	}
	while ((n = fread(buf + len, 1, cap - len, fp)) > 0 && len < cap)
		len += n;
	err = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (err) {
		free(buf);
		return cli_error(cli, EHC_EXIT_IOERR, "cannot read '%.200s'",
		    path);
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		free(buf);
		return cli_error(cli, EHC_EXIT_DATAERR, "'%.200s' contains a "
		    "NUL byte; give a text file", path);
	}
	r = buf;
	if ((unsigned char)r[0] == 0xef && (unsigned char)r[1] == 0xbb &&
	    (unsigned char)r[2] == 0xbf)
		r += 3;
	for (w = buf; *r != '\0'; r++)
		if (!(r[0] == '\r' && r[1] == '\n'))
			*w++ = *r;
	*w = '\0';
	if ((size_t)(w - buf) > EHC_PLAN_TEXT_MAX) {
		free(buf);
		return cli_error(cli, EHC_EXIT_DATAERR, "'%.200s' is longer "
		    "than %d bytes; shorten the section", path,
		    EHC_PLAN_TEXT_MAX);
	}
	*out = buf;
	return EHC_EXIT_OK;
}

/* ehc draft case section name -f file | -t text */
static int
draft_section(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file",	required_argument,	NULL,	'f' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "text",	required_argument,	NULL,	't' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *file = NULL, *text = NULL;
	char *buf = NULL;
	int64_t id;
	int ch, rc, section;

	while ((ch = getopt_long(argc, argv, ":f:ht:", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'f': file = optarg; break;
		case 'h': return cli_help(usage_draft);
		case 't': text = optarg; break;
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_usage(cli, usage_draft, "name one section: A, B, C, "
		    "D, E, F, G, H1, H2, I, J or K");
	if ((section = ehc_plan_section_parse(argv[0])) < 0)
		return cli_usage(cli, usage_draft, "'%.20s' is not a section; "
		    "name A, B, C, D, E, F, G, H1, H2, I, J or K", argv[0]);
	if ((file == NULL) == (text == NULL))
		return cli_usage(cli, usage_draft, "give the section's text "
		    "with one of --file or --text");
	if ((rc = open_case(cli, ref, &id)) != 0)
		return rc;
	if (file != NULL) {
		if ((rc = read_text(cli, file, &buf)) != 0)
			return rc;
		text = buf;
	}
	rc = ehc_plan_section_set(cli->db, id, section, text);
	free(buf);
	return rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
}

/* Collect --need and --outcome values (comma-separated lists too). */
struct links {
	char		*buf[EHC_PLAN_LINKS_MAX];
	const char	*refs[EHC_PLAN_LINKS_MAX];
	size_t		 n;
	int		 given;
};

static int
add_links(struct cli *cli, struct links *l, const char *arg, int need)
{
	const char *p = arg, *e;
	size_t len;

	l->given = 1;
	for (;;) {
		e = strchr(p, ',');
		len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || len >= EHC_PLAN_REF_LEN || (need &&
		    strchr("BCDbcd", p[0]) == NULL) || (!need &&
		    p[0] != 'E' && p[0] != 'e'))
			return cli_usage(cli, usage_draft, "--%s names %s, "
			    "such as %s, not '%.*s'", need ? "need" : "outcome",
			    need ? "a need in B, C or D" : "an outcome in E",
			    need ? "B1" : "E1", (int)(len > 20 ? 20 : len), p);
		if (l->n == EHC_PLAN_LINKS_MAX)
			return cli_usage(cli, usage_draft, "at most %d needs "
			    "and outcomes per item", EHC_PLAN_LINKS_MAX);
		if ((l->buf[l->n] = strndup(p, len)) == NULL)
			return cli_error(cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
		l->refs[l->n] = l->buf[l->n];
		l->n++;
		if (e == NULL)
			return EHC_EXIT_OK;
		p = e + 1;
	}
}

/* The kind of item a reference names, from its section letter. */
static int
ref_kind(const char *ref)
{
	char name[3] = { ref[0], '\0', '\0' };

	if ((ref[0] == 'H' || ref[0] == 'h') && ref[1] != '\0')
		name[1] = ref[1];
	return ehc_plan_section_kind(ehc_plan_section_parse(name));
}

static void
links_release(struct links *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->buf[i]);
}

/* ehc draft case need|outcome|provision add|edit|rm ... */
static int
draft_item(struct cli *cli, const char *ref, int kind, int argc,
    char **argv)
{
	static const struct option longopts[] = {
		{ "amount",	required_argument,	NULL,	'a' },
		{ "by",		required_argument,	NULL,	'b' },
		{ "frequency",	required_argument,	NULL,	'e' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "need",	required_argument,	NULL,	'n' },
		{ "outcome",	required_argument,	NULL,	'o' },
		{ "pfa",	required_argument,	NULL,	'p' },
		{ "section",	required_argument,	NULL,	's' },
		{ "text",	required_argument,	NULL,	't' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_plan_item_in in = EHC_PLAN_ITEM_IN_INIT;
	struct links links;
	const char *section_arg = NULL, *verb;
	char newref[EHC_PLAN_REF_LEN];
	int64_t id;
	int ch, rc, section, sk;

	memset(&links, 0, sizeof(links));
	while ((ch = getopt_long(argc, argv, ":a:b:e:hn:o:p:s:t:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a': in.amount = optarg; break;
		case 'b': in.by = optarg; break;
		case 'e': in.frequency = optarg; break;
		case 'h': rc = cli_help(usage_draft); goto out;
		case 'n':
		case 'o':
			if ((rc = add_links(cli, &links, optarg, ch == 'n'))
			    != 0)
				goto out;
			break;
		case 'p': in.pfa = optarg; break;
		case 's': section_arg = optarg; break;
		case 't': in.text = optarg; break;
		default:
			rc = cli_bad_option(cli, usage_draft, ch, argv);
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	verb = argc > 0 ? argv[0] : "";
	if (links.given) {
		in.links = links.refs;
		in.nlinks = links.n;
	}
	rc = EHC_EXIT_USAGE;
	if (strcmp(verb, "add") == 0 && argc == 1) {
		section = kind == EHC_PLAN_NEED ? EHC_PLAN_B : kind ==
		    EHC_PLAN_OUTCOME ? EHC_PLAN_E : EHC_PLAN_F;
		if (section_arg != NULL) {
			section = ehc_plan_section_parse(section_arg);
			sk = ehc_plan_section_kind(section);
			if (sk != kind) {
				rc = cli_usage(cli, usage_draft, "%s goes in "
				    "section %s, not '%.20s'", kind ==
				    EHC_PLAN_NEED ? "a need" : kind ==
				    EHC_PLAN_OUTCOME ? "an outcome" :
				    "provision", kind == EHC_PLAN_NEED ?
				    "B, C or D" : kind == EHC_PLAN_OUTCOME ?
				    "E" : "F, G, H1 or H2", section_arg);
				goto out;
			}
		}
		if (in.text == NULL) {
			rc = cli_usage(cli, usage_draft, "--text is required");
			goto out;
		}
		if ((rc = open_case(cli, ref, &id)) != 0)
			goto out;
		if ((rc = ehc_plan_item_add(newref, sizeof(newref), cli->db,
		    id, section, &in)) != EHC_OK) {
			rc = cli_fail(cli, rc);
			goto out;
		}
		if ((rc = cli_commit(cli)) == 0)
			printf("%s\n", newref);
	} else if ((strcmp(verb, "edit") == 0 || strcmp(verb, "rm") == 0) &&
	    argc == 2) {
		if (section_arg != NULL) {
			rc = cli_usage(cli, usage_draft, "an item keeps its "
			    "section; remove it and add it again to move it");
			goto out;
		}
		if (ref_kind(argv[1]) != kind) {
			rc = cli_usage(cli, usage_draft, "'%.20s' is not %s "
			    "reference", argv[1], kind == EHC_PLAN_NEED ?
			    "a need (B, C, D)" : kind == EHC_PLAN_OUTCOME ?
			    "an outcome (E)" :
			    "a provision (F, G, H1.n, H2.n)");
			goto out;
		}
		if (strcmp(verb, "rm") == 0 && (in.text || in.amount ||
		    in.by || in.frequency || in.pfa || links.given)) {
			rc = cli_usage(cli, usage_draft, "rm takes no options");
			goto out;
		}
		if ((rc = open_case(cli, ref, &id)) != 0)
			goto out;
		if (strcmp(verb, "rm") == 0)
			rc = ehc_plan_item_remove(cli->db, id, argv[1]);
		else
			rc = ehc_plan_item_edit(cli->db, id, argv[1], &in);
		rc = rc == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	} else
		rc = cli_usage(cli, usage_draft, "say add, edit REF or rm REF");
out:
	links_release(&links);
	return rc;
}

static int
draft_need(struct cli *cli, const char *ref, int argc, char **argv)
{
	return draft_item(cli, ref, EHC_PLAN_NEED, argc, argv);
}

static int
draft_outcome(struct cli *cli, const char *ref, int argc, char **argv)
{
	return draft_item(cli, ref, EHC_PLAN_OUTCOME, argc, argv);
}

static int
draft_provision(struct cli *cli, const char *ref, int argc, char **argv)
{
	return draft_item(cli, ref, EHC_PLAN_PROVISION, argc, argv);
}

/*
 * A version operand: a number (or vN), "latest" for the newest version,
 * "working" for the working copy (0).
 */
static int
parse_version(struct cli *cli, int64_t id, const char *s, int *out)
{
	long n;
	int rc;

	if (strcmp(s, "working") == 0) {
		*out = 0;
		return EHC_EXIT_OK;
	}
	if (strcmp(s, "latest") == 0) {
		if ((rc = ehc_plan_version_latest(out, cli->db, id)) != EHC_OK)
			return cli_fail(cli, rc);
		if (*out == 0)
			return cli_error(cli, EHC_EXIT_NOTFOUND, "the plan has "
			    "no issued version yet; it gets one when the "
			    "draft is issued");
		return EHC_EXIT_OK;
	}
	if (s[0] == 'v' || s[0] == 'V')
		s++;
	if (s[0] == '\0' || s[0] == '-' || s[0] == '+')
		return cli_usage(cli, usage_draft, "a version is a number, "
		    "latest or working");
	if ((rc = cli_number(cli, usage_draft, "a version", s, 1000000, &n))
	    != 0)
		return rc;
	if (n == 0)
		return cli_usage(cli, usage_draft, "versions count from 1; "
		    "say working for the working copy");
	*out = (int)n;
	return EHC_EXIT_OK;
}

/* ehc draft case show [-T format] [version] */
static int
draft_show(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format",	required_argument,	NULL,	'T' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_plan plan;
	int64_t id;
	int ch, rc, format = EHC_PLAN_TEXT, version = 0;

	while ((ch = getopt_long(argc, argv, ":T:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'T':
			if ((format = ehc_plan_format_parse(optarg)) < 0)
				return cli_usage(cli, usage_draft, "--format "
				    "is text, markdown, html or json");
			break;
		case 'h': return cli_help(usage_draft);
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return cli_usage(cli, usage_draft, "show takes at most one "
		    "version");
	if ((rc = open_case(cli, ref, &id)) != 0 ||
	    (argc == 1 && (rc = parse_version(cli, id, argv[0], &version))
	    != 0))
		return rc;
	if ((rc = ehc_plan_load(&plan, cli->db, id, version)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) == 0 && (rc = ehc_plan_render(stdout,
	    &plan, format)) != EHC_OK)
		rc = cli_error(cli, cli_exit_code(rc), "cannot write the plan");
	ehc_plan_release(&plan);
	return rc;
}

struct check_out {
	cJSON	*arr;
	int	 oom;
};

static int
print_problem(const struct ehc_plan_problem *p, void *payload)
{
	struct check_out *o = payload;
	cJSON *j;

	if (o->arr == NULL) {
		if (p->item != NULL)
			printf("%s: %s: %s\n", p->item, p->rule, p->message);
		else if (p->line > 0)
			printf("%s:%d: %s: %s\n", p->section, p->line, p->rule,
			    p->message);
		else
			printf("%s: %s: %s\n", p->section, p->rule, p->message);
		return 0;
	}
	if ((j = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(o->arr, j)) {
		cJSON_Delete(j);
		o->oom = 1;
		return 1;
	}
	if (json_str(j, "section", p->section) == NULL ||
	    (p->line > 0 ? cJSON_AddNumberToObject(j, "line", p->line) :
	    cJSON_AddNullToObject(j, "line")) == NULL ||
	    json_str(j, "item", p->item) == NULL ||
	    json_str(j, "rule", p->rule) == NULL ||
	    json_str(j, "message", p->message) == NULL) {
		o->oom = 1;
		return 1;
	}
	return 0;
}

/* ehc draft case check [-j] [-S stage] */
static int
draft_check(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL,	'h' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "stage",	required_argument,	NULL,	'S' },
		{ NULL,		0,			NULL,	0 }
	};
	struct check_out out = { NULL, 0 };
	struct ehc_plan plan;
	cJSON *doc = NULL;
	const char *stage_arg = NULL;
	int64_t id;
	int ch, rc, json = 0, stage = EHC_PLAN_STAGE_DRAFT, n = 0;

	while ((ch = getopt_long(argc, argv, ":hjS:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h': return cli_help(usage_draft);
		case 'j': json = 1; break;
		case 'S': stage_arg = optarg; break;
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	if (argc != 0)
		return cli_usage(cli, usage_draft, "check takes no operands");
	if (stage_arg != NULL && strcmp(stage_arg, "draft") != 0 &&
	    strcmp(stage_arg, "final") != 0)
		return cli_usage(cli, usage_draft, "--stage is draft or final");
	if ((rc = open_case(cli, ref, &id)) != 0)
		return rc;
	if (stage_arg != NULL)
		stage = strcmp(stage_arg, "draft") == 0 ?
		    EHC_PLAN_STAGE_DRAFT : EHC_PLAN_STAGE_FINAL;
	else if ((rc = default_stage(cli, id, &stage)) != 0)
		return rc;
	if ((rc = ehc_plan_load(&plan, cli->db, id, 0)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = cli_commit(cli)) != 0)
		goto done;
	/* Count first, so that "fit" can come before the list. */
	ehc_plan_check(&n, &plan, stage, cli->today, NULL, NULL);
	if (json && ((doc = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(doc, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    json_str(doc, "case", plan.case_ref) == NULL ||
	    json_str(doc, "stage", stage == EHC_PLAN_STAGE_DRAFT ? "draft" :
	    "final") == NULL ||
	    cJSON_AddBoolToObject(doc, "fit", n == 0) == NULL ||
	    (out.arr = cJSON_AddArrayToObject(doc, "problems")) == NULL)) {
		rc = cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
		goto done;
	}
	ehc_plan_check(NULL, &plan, stage, cli->today, print_problem, &out);
	if (json) {
		if (out.oom) {
			rc = cli_error(cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
			goto done;
		}
		rc = json_print(cli, doc);
		doc = NULL;
		if (rc != 0)
			goto done;
	}
	if (n > 0) {
		fprintf(stderr, "%s: the plan is not fit to issue as a %s "
		    "plan: %d problem%s\n", cli->name, stage ==
		    EHC_PLAN_STAGE_DRAFT ? "draft" : "final", n, n == 1 ? "" :
		    "s");
		rc = EHC_EXIT_DATAERR;
	}
done:
	cJSON_Delete(doc);
	ehc_plan_release(&plan);
	return rc;
}

static int
log_text(const struct ehc_plan_version *v, void *payload)
{
	char d[EHC_DATE_LEN];

	(void)payload;
	printf("%d\t%s\t%s\t%s\t%s\n", v->number, v->kind, ehc_date_format(d,
	    sizeof(d), v->date), v->user, v->created);
	return 0;
}

static int
log_json(const struct ehc_plan_version *v, void *payload)
{
	cJSON *o, *arr = payload;

	if ((o = cJSON_CreateObject()) == NULL ||
	    !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return EHC_ENOMEM;
	}
	if (cJSON_AddNumberToObject(o, "version", v->number) == NULL ||
	    json_str(o, "kind", v->kind) == NULL ||
	    json_date(o, "date", v->date) == NULL ||
	    json_str(o, "user", v->user) == NULL ||
	    json_str(o, "created", v->created) == NULL)
		return EHC_ENOMEM;
	return 0;
}

/* ehc draft case log [-j] */
static int
draft_log(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL,	'h' },
		{ "json",	no_argument,		NULL,	'j' },
		{ NULL,		0,			NULL,	0 }
	};
	cJSON *arr = NULL;
	int64_t id;
	int ch, rc, json = 0;

	while ((ch = getopt_long(argc, argv, ":hj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h': return cli_help(usage_draft);
		case 'j': json = 1; break;
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	if (argc - optind != 0)
		return cli_usage(cli, usage_draft, "log takes no operands");
	if ((rc = open_case(cli, ref, &id)) != 0 ||
	    (rc = cli_commit(cli)) != 0)
		return rc;
	if (!json)
		return (rc = ehc_plan_version_foreach(cli->db, id, log_text,
		    NULL)) == EHC_OK ? EHC_EXIT_OK : cli_fail(cli, rc);
	if ((arr = cJSON_CreateArray()) == NULL)
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	if ((rc = ehc_plan_version_foreach(cli->db, id, log_json, arr))
	    != EHC_OK) {
		cJSON_Delete(arr);
		return rc == EHC_ENOMEM ? cli_error(cli, EHC_EXIT_SOFTWARE,
		    "out of memory") : cli_fail(cli, rc);
	}
	return json_print(cli, arr);
}

struct diff_out {
	const char	*from, *to;
	int		 headed;
	int		 working;
};

/*
 * The Tribunal's working-document style: each changed section whole,
 * what is taken out struck through and what is put in in bold
 * (Markdown's ~~ and **), so that the family and the Tribunal read the
 * plan as amended with the amendments in view.
 */
static int
print_working(int section, char op, const char *line,
    struct diff_out *d)
{
	int indent;

	(void)section;
	if (!d->headed) {
		printf("Changes from %s to %s: taken out ~~struck through~~, "
		    "put in **in bold**.\n", d->from, d->to);
		d->headed = 1;
	}
	if (op == '@')
		printf("\n## %s\n\n", line);
	else if (*line == '\0' || op == ' ')
		printf("%s\n", line);
	else {
		/* The marks go round the words, not the indent. */
		indent = (int)strspn(line, " ");
		printf("%.*s%s%s%s\n", indent, line, op == '-' ? "~~" : "**",
		    line + indent, op == '-' ? "~~" : "**");
	}
	return 0;
}

static int
print_diff(int section, char op, const char *line, void *payload)
{
	struct diff_out *d = payload;

	if (d->working)
		return print_working(section, op, line, d);
	if (!d->headed) {
		printf("--- %s\n+++ %s\n", d->from, d->to);
		d->headed = 1;
	}
	if (op == '@')
		printf("@@ %s @@\n", line);
	else if (op == '~')
		printf(" ...\n");
	else
		printf("%c%s\n", op, line);
	return 0;
}

static void
describe(const struct ehc_plan *p, char *buf, size_t len)
{
	char d[EHC_DATE_LEN];

	if (p->version == 0)
		snprintf(buf, len, "working copy");
	else
		snprintf(buf, len, "version %d (%s, %s)", p->version, p->kind,
		    ehc_date_format(d, sizeof(d), p->date));
}

/* ehc draft case diff [-w] [version [version]] */
static int
draft_diff(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "working",	no_argument,		NULL,	'w' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	struct ehc_plan a, b;
	struct diff_out out;
	char from[64], to[64];
	int64_t id;
	int ch, rc, va = 0, vb = 0, working = 0;

	while ((ch = getopt_long(argc, argv, ":hw", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w': working = 1; break;
		case 'h': return cli_help(usage_draft);
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 2)
		return cli_usage(cli, usage_draft, "diff compares two versions "
		    "at most");
	if ((rc = open_case(cli, ref, &id)) != 0 ||
	    (rc = parse_version(cli, id, argc > 0 ? argv[0] : "latest", &va))
	    != 0 ||
	    (argc > 1 && (rc = parse_version(cli, id, argv[1], &vb)) != 0))
		return rc;
	if ((rc = ehc_plan_load(&a, cli->db, id, va)) != EHC_OK)
		return cli_fail(cli, rc);
	if ((rc = ehc_plan_load(&b, cli->db, id, vb)) != EHC_OK) {
		ehc_plan_release(&a);
		return cli_fail(cli, rc);
	}
	if ((rc = cli_commit(cli)) == 0) {
		describe(&a, from, sizeof(from));
		describe(&b, to, sizeof(to));
		out.from = from;
		out.to = to;
		out.headed = 0;
		out.working = working;
		if (ehc_plan_diff(NULL, &a, &b,
		    working ? -1 : DIFF_CONTEXT, print_diff, &out)
		    != EHC_OK)
			rc = cli_error(cli, EHC_EXIT_SOFTWARE,
			    "out of memory");
	}
	ehc_plan_release(&a);
	ehc_plan_release(&b);
	return rc;
}

/*
 * The template for letter name: $EHC_TEMPLATES/name.txt when there is
 * one, else the built-in one.  *buf is set when it was read from a file.
 */
static int
find_template(struct cli *cli, const char *name, const char **tmpl,
    char **buf)
{
	const char *dir = cli_getenv("EHC_TEMPLATES");
	char path[4096];
	FILE *fp;

	*buf = NULL;
	*tmpl = ehc_letter_template(name);
	if (dir == NULL || *dir == '\0')
		return EHC_EXIT_OK;
	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	if ((fp = fopen(path, "r")) == NULL)
		return EHC_EXIT_OK;
	fclose(fp);
	if (read_text(cli, path, buf) != 0)
		return EHC_EXIT_NOINPUT;
	*tmpl = *buf;
	return EHC_EXIT_OK;
}

/* ehc draft case letter [-f file] [-T format] [name] */
static int
draft_letter(struct cli *cli, const char *ref, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file",	required_argument,	NULL,	'f' },
		{ "format",	required_argument,	NULL,	'T' },
		{ "help",	no_argument,		NULL,	'h' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *const *n;
	const char *file = NULL, *tmpl = NULL;
	enum ehc_letter_format format = EHC_LETTER_TEXT;
	char *buf = NULL, *out = NULL;
	size_t len = 0;
	int64_t id;
	int ch, rc;
	FILE *fp;

	while ((ch = getopt_long(argc, argv, ":f:T:h", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'f': file = optarg; break;
		case 'T':
			if (strcmp(optarg, "text") == 0)
				format = EHC_LETTER_TEXT;
			else if (strcmp(optarg, "html") == 0)
				format = EHC_LETTER_HTML;
			else
				return cli_usage(cli, usage_draft, "a letter's "
				    "--format is text or html");
			break;
		case 'h': return cli_help(usage_draft);
		default: return cli_bad_option(cli, usage_draft, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (file == NULL) == (argc == 0))
		return cli_usage(cli, usage_draft, "name a letter (draft, "
		    "final, no-assess, no-issue or panel) or give a template "
		    "with --file");
	if (argc == 1) {
		for (n = ehc_letter_names(); *n != NULL; n++)
			if (strcmp(*n, argv[0]) == 0)
				break;
		if (*n == NULL)
			return cli_usage(cli, usage_draft, "'%.20s' is not a "
			    "letter; name draft, final, no-assess, no-issue "
			    "or panel", argv[0]);
	}
	if ((rc = open_case(cli, ref, &id)) != 0)
		return rc;
	if (file != NULL)
		rc = read_text(cli, file, &buf);
	else
		rc = find_template(cli, argv[0], &tmpl, &buf);
	if (rc != 0)
		return rc;
	if (buf != NULL)
		tmpl = buf;
	if ((fp = open_memstream(&out, &len)) == NULL) {
		free(buf);
		return cli_error(cli, EHC_EXIT_SOFTWARE, "out of memory");
	}
	rc = ehc_letter_render(fp, cli->db, id, tmpl, format);
	if (fclose(fp) != 0 && rc == EHC_OK)
		rc = EHC_ENOMEM;
	free(buf);
	if (rc != EHC_OK) {
		free(out);
		return cli_fail(cli, rc);
	}
	if ((rc = cli_commit(cli)) == 0)
		fputs(out, stdout);
	free(out);
	return rc;
}

static const struct {
	const char	*name;
	int		(*fn)(struct cli *, const char *, int, char **);
} actions[] = {
	{ "section",	draft_section },
	{ "need",	draft_need },
	{ "outcome",	draft_outcome },
	{ "provision",	draft_provision },
	{ "show",	draft_show },
	{ "check",	draft_check },
	{ "log",	draft_log },
	{ "diff",	draft_diff },
	{ "letter",	draft_letter },
};

int
cmd_draft(struct cli *cli, int argc, char **argv)
{
	size_t i;

	/*
	 * "ehc draft CASE ACTION [option ...]": each action parses its own
	 * options.  Anything else is the issue|final form, whose options
	 * may also come before the case.
	 */
	if (argc >= 3 && argv[1][0] != '-')
		for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
			if (strcmp(argv[2], actions[i].name) == 0) {
				cli_getopt_reset();
				return actions[i].fn(cli, argv[1], argc - 2,
				    argv + 2);
			}
	return draft_step(cli, argc, argv);
}
