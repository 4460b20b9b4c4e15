/*
 * cmd.h: the ehc commands.
 *
 * Adding a command:
 *  1. write cmd/cmd_<verb>.c with cmd_<verb>() and its usage string;
 *  2. declare both here;
 *  3. add a row to cmds[] in cmd/ehc.c, with the roles that may run it
 *     (and a row of sub_roles[] for a subcommand that needs others);
 *  4. add the file to cmd/meson.build;
 *  5. write man/ehc-<verb>.1 whose SYNOPSIS matches the usage string;
 *  6. write tests/e2e/tNNNN-<verb>.sh;
 *  7. mention the command in man/ehc.1.
 */
#ifndef EHC_CMD_H
#define EHC_CMD_H

#include "cli.h"

enum cmd_flags {
	CMD_NO_DB = 1 << 0,	/* help, version */
	CMD_WRITE = 1 << 1,	/* BEGIN IMMEDIATE; else a read snapshot */
	CMD_CREATE = 1 << 2,	/* may create the store (init) */
	CMD_OWN_TXN = 1 << 3,	/* no transaction: the command takes its own */
	CMD_BULK = 1 << 4	/* with CMD_WRITE: a whole caseload (EHC_TXN_BULK) */
};

/*
 * The roles that may run a command in a team's store (ehc-config(1));
 * admin may run every one, and in a person's store the person is admin.
 */
#define R_ADMIN		0u
#define R_WORK		(EHC_ROLE_OFFICER | EHC_ROLE_MANAGER)
#define R_MANAGE	EHC_ROLE_MANAGER
#define R_REPORT	(EHC_ROLE_MANAGER | EHC_ROLE_ANALYST)
#define R_ANYONE	(~0u)		/* even a login with no role */

struct cmd {
	const char	*name;
	int		(*fn)(struct cli *, int, char **);
	const char	*usage;
	unsigned int	 flags;
	unsigned int	 roles;		/* R_*: who may run it */
	const char	*summary;
};

#define CMD(verb) \
	int cmd_##verb(struct cli *, int, char **); \
	extern const char usage_##verb[]

CMD(init);
CMD(request);
CMD(decide);
CMD(advice);
CMD(draft);
CMD(exception);
CMD(case);
CMD(note);
CMD(due);
CMD(review);
CMD(amend);
CMD(reassess);
CMD(rules);
CMD(holidays);
CMD(report);
CMD(import);
CMD(cease);
CMD(dispute);
CMD(transfer);
CMD(money);
CMD(placement);
CMD(config);
CMD(officer);
CMD(audit);
CMD(export);
CMD(retention);
CMD(demo);
CMD(backup);
CMD(restore);

#undef CMD

/*
 * The end of a command that changes one case: with json, commit and print
 * the case as 'ehc case show --json' does.
 */
int	case_after_step(struct cli *cli, int rc, int64_t id, int json);

/*
 * The people, concerns, CHC record and decisions of a case
 * (case_people.c), for 'ehc case': contact's own options and
 * subcommands; a safeguarding concern raised or closed; a CHC step; the
 * contacts listed; and their part of 'case show' (text, or added to its
 * JSON object: EHC_ENOMEM or a library status).
 */
struct cJSON;
int	case_contact(struct cli *cli, int argc, char **argv);
int	case_concern(struct cli *cli, int64_t id, int clear, const char *date,
	    const char *by, const char *note);
int	case_chc(struct cli *cli, int64_t id, const char *step,
	    const char *date);
int	people_list(struct cli *cli, int64_t id, int json);
int	people_show_text(struct cli *cli, int64_t id);
int	people_show_json(struct cli *cli, int64_t id, struct cJSON *o);

#endif
