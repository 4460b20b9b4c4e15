/*
 * check_clock.c: unit tests for the statutory clock (lib/clock.c) driven
 * through the workflow (lib/case.c, lib/review.c).  Every date asserted
 * here comes from docs/statutory-rules.md: the "Decisions for ehc" table,
 * section 1 and the worked examples of section 9 (numbered as there).
 *
 * Each step runs in its own write transaction, as the command line does.
 * A refused step is followed by a COMMIT, not a rollback, so that a step
 * that wrote before refusing would show up in the store dump.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include <ehc/common.h>
#include <ehc/date.h>
#include <ehc/db.h>
#include <ehc/case.h>
#include <ehc/dispute.h>
#include <ehc/clock.h>
#include <ehc/money.h>
#include <ehc/config.h>
#include <ehc/report.h>

#include "internal.h"	/* struct ehc_db: the handle's own connection */
#include "fixture.h"

/*
 * The child's date of birth.  By default (setup) one whose phase
 * transfers are all before the plans these tests make (the last, into
 * year 12, in September 2024), so that only the tests about them see
 * them.
 */
static const char *born;

static void
setup(void)
{
	born = "2008-05-05";
	fixture_copy_store_setup();
	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
}

static char	*deadlines_text(void);

/*
 * Every test also checks that deriving all cases at once, as an import
 * or a new clock version does (one cursor per table over a range of
 * cases), stores exactly what deriving each case after its own steps
 * stored.
 */
static void
teardown(void)
{
	char *before = deadlines_text(), *after;
	int rc;

	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	rc = ehc_clock_refresh_all(db);
	ck_assert_msg(rc == EHC_OK, "refresh all: %s", ehc_db_errmsg(db));
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	after = deadlines_text();
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	fixture_teardown();
}

/* Set the day ehc treats as today. */
static void
at(const char *day)
{
	ehc_db_set_today(db, D(day));
}

static const char *
fmt(int32_t day, char *buf)
{
	if (day == EHC_NO_DATE)
		snprintf(buf, EHC_DATE_LEN, "none");
	else
		ehc_date_format(buf, EHC_DATE_LEN, day);
	return buf;
}

/* ---- the store, read with plain SQLite ---- */

static long long
sql_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static char *
sql_text(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

struct buf {
	char	*s;
	size_t	 len, cap;
};

static void
buf_add(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static int
dump_row(void *p, int n, char **vals, char **cols)
{
	struct buf *b = p;
	int i;

	for (i = 0; i < n; i++) {
		buf_add(b, cols[i]);
		buf_add(b, "=");
		buf_add(b, vals[i] ? vals[i] : "NULL");
		buf_add(b, i + 1 < n ? "|" : "\n");
	}
	return 0;
}

/* Every row of every table, as text; free() the result. */
static char *
dump_store(void)
{
	struct buf b = { NULL, 0, 0 };
	sqlite3 *h;
	sqlite3_stmt *st;
	char sql[256];

	buf_add(&b, "");
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema "
	    "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	    "ORDER BY name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		buf_add(&b, "## ");
		buf_add(&b, name);
		buf_add(&b, "\n");
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", name);
		ck_assert_int_eq(sqlite3_exec(h, sql, dump_row, &b, NULL),
		    SQLITE_OK);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return b.s;
}

/* The stored deadlines of every case, as text; free() the result. */
static char *
deadlines_text(void)
{
	struct buf b = { NULL, 0, 0 };
	sqlite3 *h;

	buf_add(&b, "");
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "SELECT * FROM deadline ORDER BY "
	    "case_id, seq", dump_row, &b, NULL), SQLITE_OK);
	sqlite3_close(h);
	return b.s;
}

static long long
audit_count(void)
{
	return sql_int("SELECT count(*) FROM audit");
}

static void
begin_write(void)
{
	ck_assert_msg(ehc_db_begin(db, EHC_TXN_WRITE) == EHC_OK, "begin: %s",
	    ehc_db_errmsg(db));
}

static int
end_write(int rc)
{
	ck_assert_msg(ehc_db_commit(db) == EHC_OK, "commit: %s",
	    ehc_db_errmsg(db));
	return rc;
}

/* Run a write in its own transaction; COMMIT whatever it returned. */
#define TXN(expr) (begin_write(), end_write(expr))

/*
 * The write added exactly n audit rows, the first of them `action`
 * (steps that issue a plan also audit the plan version they keep).
 */
static void
check_audit(int line, const char *expr, long long before, int n,
    const char *action)
{
	char sql[128], *first;
	long long after = audit_count();

	ck_assert_msg(after == before + n, "line %d: %s added %lld audit rows, "
	    "expected %d", line, expr, after - before, n);
	snprintf(sql, sizeof(sql), "SELECT action FROM audit ORDER BY id "
	    "LIMIT 1 OFFSET %lld", before);
	first = sql_text(sql);
	ck_assert_msg(first != NULL && strcmp(first, action) == 0, "line %d: "
	    "%s audited as '%s', expected '%s'", line, expr,
	    first ? first : "", action);
	free(first);
}

/* A write that must succeed and add `n` audit rows, the first `action`. */
#define OK_AUDITED(n, action, expr) do {				\
	long long n0_ = audit_count();					\
	int rc_ = TXN(expr);						\
	ck_assert_msg(rc_ == EHC_OK, "line %d: %s returned %d (%s): %s",	\
	    __LINE__, #expr, rc_, ehc_strerror(rc_), ehc_db_errmsg(db));	\
	check_audit(__LINE__, #expr, n0_, (n), (action));		\
} while (0)

/* A step: one audit row. */
#define OK_STEP(action, expr) OK_AUDITED(1, action, expr)
/* A step that issues a plan: its row and the plan version's. */
#define OK_ISSUE(action, expr) OK_AUDITED(2, action, expr)

/* A write that must be refused with `status` and change nothing. */
#define REFUSE(status, expr) do {					\
	char *before_ = dump_store();					\
	long long n0_ = audit_count();					\
	int rc_ = TXN(expr);						\
	char *after_ = dump_store();					\
	ck_assert_msg(rc_ == (status), "line %d: %s returned %d (%s), "	\
	    "expected %s", __LINE__, #expr, rc_, ehc_strerror(rc_),	\
	    #status);							\
	ck_assert_msg(strcmp(before_, after_) == 0, "line %d: refused %s "	\
	    "changed the store", __LINE__, #expr);			\
	ck_assert_msg(audit_count() == n0_, "line %d: refused %s added "	\
	    "an audit row", __LINE__, #expr);				\
	ck_assert_msg(ehc_db_errmsg(db)[0] != '\0', "line %d: %s left no "	\
	    "message", __LINE__, #expr);				\
	free(before_);							\
	free(after_);							\
} while (0)

/* ---- deadlines as read through ehc_deadline_foreach ---- */

#define MAX_DL 64

struct got {
	char	 rule[40], rule_id[48], subject[48], exception[48];
	char	 status[16], explain[1200];
	int32_t	 due, done, warning;
	int	 days, effective, advisory;
};

static struct got dls[MAX_DL];
static int ndl;

static void
copy(char *dst, size_t len, const char *s)
{
	snprintf(dst, len, "%s", s ? s : "");
}

static int
collect(const struct ehc_deadline *d, void *payload)
{
	struct got *g;

	(void)payload;
	ck_assert_int_lt(ndl, MAX_DL);
	g = &dls[ndl++];
	copy(g->rule, sizeof(g->rule), d->rule);
	copy(g->rule_id, sizeof(g->rule_id), d->rule_id);
	copy(g->subject, sizeof(g->subject), d->subject);
	copy(g->exception, sizeof(g->exception), d->exception);
	copy(g->status, sizeof(g->status), d->status);
	copy(g->explain, sizeof(g->explain), d->explain);
	g->due = d->due;
	g->done = d->done;
	g->warning = d->warning;
	g->days = d->days;
	g->effective = d->effective;
	g->advisory = d->advisory;
	return 0;
}

static void
load(int64_t id)
{
	ndl = 0;
	ck_assert_msg(ehc_deadline_foreach(db, id, collect, NULL) == EHC_OK,
	    "reading deadlines: %s", ehc_db_errmsg(db));
}

static int
count_rule(int64_t id, const char *rule)
{
	int i, n = 0;

	load(id);
	for (i = 0; i < ndl; i++)
		n += strcmp(dls[i].rule, rule) == 0;
	return n;
}

/*
 * The nth (from 1, in due-date order) deadline of a rule, optionally for
 * one subject (an advice reference); fails the test if there is none.
 */
static const struct got *
find(int line, int64_t id, const char *rule, const char *subject, int n)
{
	int i;

	load(id);
	for (i = 0; i < ndl; i++)
		if (strcmp(dls[i].rule, rule) == 0 && (subject == NULL ||
		    strcmp(dls[i].subject, subject) == 0) && --n == 0)
			return &dls[i];
	ck_abort_msg("line %d: no deadline %s%s%s", line, rule,
	    subject ? " for " : "", subject ? subject : "");
	return NULL;
}

/*
 * Assert due, done, status and the weekend/bank-holiday warning of a
 * deadline; NULL for done or warning means there must be none.
 */
static const struct got *
expect(int line, int64_t id, const char *rule, const char *subject, int n,
    const char *due, const char *done, const char *status,
    const char *warning)
{
	const struct got *g = find(line, id, rule, subject, n);
	char a[EHC_DATE_LEN], b[EHC_DATE_LEN], c[EHC_DATE_LEN];

	fmt(g->due, a);
	fmt(g->done, b);
	fmt(g->warning, c);
	ck_assert_msg(strcmp(a, due) == 0, "line %d: %s #%d due %s, expected "
	    "%s (%s)", line, rule, n, a, due, g->explain);
	ck_assert_msg(strcmp(b, done ? done : "none") == 0, "line %d: %s #%d "
	    "done %s, expected %s", line, rule, n, b, done ? done : "none");
	ck_assert_msg(strcmp(g->status, status) == 0, "line %d: %s #%d status "
	    "%s, expected %s", line, rule, n, g->status, status);
	ck_assert_msg(strcmp(c, warning ? warning : "none") == 0, "line %d: "
	    "%s #%d (due %s) warning %s, expected %s", line, rule, n, a, c,
	    warning ? warning : "none");
	return g;
}

#define EXPECT(id, rule, n, due, done, status, warning)			\
	expect(__LINE__, (id), (rule), NULL, (n), (due), (done), (status),	\
	    (warning))
#define EXPECT_ADVICE(id, ref, due, done, status, warning)		\
	expect(__LINE__, (id), "advice", (ref), 1, (due), (done), (status),	\
	    (warning))
#define FIND(id, rule, n) find(__LINE__, (id), (rule), NULL, (n))

#define ck_assert_contains(hay, needle)					\
	ck_assert_msg(strstr((hay), (needle)) != NULL, "'%s' does not "	\
	    "contain '%s'", (hay), (needle))

/* ---- building cases ---- */


static void
request_in(struct ehc_request_in *in, const char *received)
{
	*in = (struct ehc_request_in)EHC_REQUEST_IN_INIT;
	in->forename = "Sam";
	in->surname = "Reed";
	in->dob = D(born);
	in->received = D(received);
	in->source = "parent";
	in->officer = "jbloggs";
}

/* Record a request received on a day (today must allow it). */
static int64_t
new_request(const char *received)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN] = "";
	int64_t id = 0;

	request_in(&in, received);
	OK_STEP("request new", ehc_request_create(ref, sizeof(ref), db, &in));
	ck_assert_str_ne(ref, "");
	ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

/*
 * A case whose plan was first issued on `final`: received 100 days
 * before, with each step in between.  Leaves today at `final`.
 */
static int64_t
make_plan(const char *final)
{
	int32_t f = D(final), r = f - 100;
	char rs[EHC_DATE_LEN];
	int64_t id;

	at(final);
	id = new_request(fmt(r, rs));
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS, r + 30,
	    NULL));
	OK_STEP("decide issue", ehc_decide(db, id, EHC_DECIDE_ISSUE, r + 70,
	    NULL));
	OK_ISSUE("draft issue", ehc_draft_issue(db, id, r + 75));
	OK_ISSUE("draft final", ehc_draft_final(db, id, f, NULL));
	return id;
}

/* ---- worked example 1: request received Mon 2026-03-02 ---- */

START_TEST(ex1_request_monday)
{
	const struct got *g;
	int64_t id;

	at("2026-03-02");
	id = new_request("2026-03-02");
	load(id);
	ck_assert_int_eq(ndl, 3);
	/* 6 weeks = +42 d, 16 weeks = +112 d, 20 weeks = +140 d. */
	g = EXPECT(id, "decide-assess", 1, "2026-04-13", NULL, "open", NULL);
	ck_assert_int_eq(g->days, 42);
	ck_assert_int_eq(g->advisory, 0);
	ck_assert_contains(g->explain, "2026-04-13");
	g = EXPECT(id, "decide-issue", 1, "2026-06-22", NULL, "open", NULL);
	ck_assert_int_eq(g->days, 112);
	g = EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "open", NULL);
	ck_assert_int_eq(g->days, 140);

	/* Met when the action is on or before the due date. */
	at("2026-04-13");
	EXPECT(id, "decide-assess", 1, "2026-04-13", NULL, "open", NULL);
	at("2026-04-14");
	g = EXPECT(id, "decide-assess", 1, "2026-04-13", NULL, "overdue",
	    NULL);
	ck_assert_int_eq(g->days, -1);
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), "Evidence of needs"));
	EXPECT(id, "decide-assess", 1, "2026-04-13", "2026-04-13", "met",
	    NULL);
	at("2026-06-23");
	EXPECT(id, "decide-issue", 1, "2026-06-22", NULL, "overdue", NULL);
	OK_STEP("decide issue", ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-06-23"), NULL));
	EXPECT(id, "decide-issue", 1, "2026-06-22", "2026-06-23", "late",
	    NULL);
	EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "open", NULL);
}
END_TEST

/* ---- worked example 2: request arrives by email Sat 2026-03-07 ---- */

START_TEST(ex2_request_saturday)
{
	int64_t id;

	at("2026-03-07");
	id = new_request("2026-03-07");
	/* No roll-forward; a warning on the last working day before. */
	EXPECT(id, "decide-assess", 1, "2026-04-18", NULL, "open",
	    "2026-04-17");
	EXPECT(id, "decide-issue", 1, "2026-06-27", NULL, "open",
	    "2026-06-26");
	EXPECT(id, "final-plan", 1, "2026-07-25", NULL, "open", "2026-07-24");
}
END_TEST

/* ---- 2026-12-28 is a bank holiday (Boxing Day substitute) ---- */

START_TEST(bank_holiday_warning)
{
	int64_t id;

	at("2026-11-16");
	id = new_request("2026-11-16");
	/* 2026-11-16 + 42 = Mon 2026-12-28: warn on Thu 2026-12-24. */
	EXPECT(id, "decide-assess", 1, "2026-12-28", NULL, "open",
	    "2026-12-24");
	EXPECT(id, "decide-issue", 1, "2027-03-08", NULL, "open", NULL);
	EXPECT(id, "final-plan", 1, "2027-04-05", NULL, "open", NULL);
}
END_TEST

/* ---- worked example 6: the adviser receives the request Wed 04-15 ---- */

START_TEST(ex6_advice)
{
	char a1[EHC_REF_LEN] = "", a2[EHC_REF_LEN] = "";
	int64_t id;

	at("2026-04-15");
	id = new_request("2026-03-02");
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), NULL));
	/* Sent on the 14th, received by the EP service on the 15th. */
	OK_STEP("advice request", ehc_advice_request(a1, sizeof(a1), db, id,
	    "psychological", D("2026-04-14"), D("2026-04-15"), "EP service"));
	ck_assert_str_eq(a1, "A1");
	/* Received defaults to the date sent. */
	OK_STEP("advice request", ehc_advice_request(a2, sizeof(a2), db, id,
	    "medical", D("2026-04-13"), EHC_NO_DATE, "Community paediatrics"));
	ck_assert_str_eq(a2, "A2");
	ck_assert_int_eq(count_rule(id, "advice"), 2);
	/* reg 8: +42 d from the body's receipt. */
	EXPECT_ADVICE(id, "A1", "2026-05-27", NULL, "open", NULL);
	/* 2026-04-13 + 42 = Mon 2026-05-25, the spring bank holiday. */
	EXPECT_ADVICE(id, "A2", "2026-05-25", NULL, "open", "2026-05-22");

	at("2026-05-27");
	EXPECT_ADVICE(id, "A2", "2026-05-25", NULL, "overdue", "2026-05-22");
	OK_STEP("advice receive", ehc_advice_receive(db, id, "A1",
	    D("2026-05-27")));
	EXPECT_ADVICE(id, "A1", "2026-05-27", "2026-05-27", "met", NULL);
	REFUSE(EHC_ESTATE, ehc_advice_receive(db, id, "A1", D("2026-05-27")));
	at("2026-05-28");
	OK_STEP("advice receive", ehc_advice_receive(db, id, "2",
	    D("2026-05-28")));
	EXPECT_ADVICE(id, "A2", "2026-05-25", "2026-05-28", "late",
	    "2026-05-22");
	/* The assessment clocks are not moved by advice. */
	EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "open", NULL);
}
END_TEST

/* ---- worked example 7: draft plan served Mon 2026-06-08 ---- */

static int64_t
drafted(void)
{
	int64_t id;

	at("2026-06-08");
	id = new_request("2026-03-02");
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), NULL));
	OK_STEP("decide issue", ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-06-01"), NULL));
	OK_ISSUE("draft issue", ehc_draft_issue(db, id, D("2026-06-08")));
	return id;
}

START_TEST(ex7_draft)
{
	int64_t id = drafted();

	/* 15 days beginning with the service day: last day served + 14. */
	EXPECT(id, "draft-representations", 1, "2026-06-22", NULL, "open",
	    NULL);
	at("2026-06-22");
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-06-22"), NULL));
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-06-22"), ""));
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-06-09"), NULL));
	/* The earliest finalisation is 2026-06-23. */
	at("2026-06-23");
	OK_ISSUE("draft final", ehc_draft_final(db, id, D("2026-06-23"),
	    NULL));
	EXPECT(id, "draft-representations", 1, "2026-06-22", "2026-06-22",
	    "met", NULL);
	EXPECT(id, "final-plan", 1, "2026-07-20", "2026-06-23", "met", NULL);
	EXPECT(id, "decide-issue", 1, "2026-06-22", "2026-06-01", "met",
	    NULL);
}
END_TEST

/* Finalising inside the window needs a reason (the family responded). */
START_TEST(ex7_draft_forced)
{
	int64_t id = drafted();

	at("2026-06-15");
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-06-15"), NULL));
	REFUSE(EHC_EINVAL, ehc_draft_final(db, id, D("2026-06-15"),
	    "agreed\x01"));
	OK_ISSUE("draft final", ehc_draft_final(db, id, D("2026-06-15"),
	    "Parent replied on 2026-06-12 with no representations"));
	EXPECT(id, "draft-representations", 1, "2026-06-22", "2026-06-15",
	    "met", NULL);
	EXPECT(id, "final-plan", 1, "2026-07-20", "2026-06-15", "met", NULL);
	ck_assert_int_eq(sql_int("SELECT final_forced IS NOT NULL FROM cases"),
	    1);
}
END_TEST

/* ---- worked example 10: plan first issued Sat 2025-03-15 ---- */

START_TEST(ex10_first_review)
{
	const struct got *g;
	int64_t id = make_plan("2025-03-15");

	at("2025-03-16");
	ck_assert_int_eq(count_rule(id, "annual-review"), 1);
	/* (2025-03-15 + 12 months) - 1 day = Sat 2026-03-14: warn Fri. */
	g = EXPECT(id, "annual-review", 1, "2026-03-14", NULL, "open",
	    "2026-03-13");
	ck_assert_int_eq(g->effective, 1);
	ck_assert_int_eq(g->advisory, 0);
	/* Latest meeting for the full 4-week decision; invitations. */
	ck_assert_contains(g->explain, "2026-02-14");
	ck_assert_contains(g->explain, "2026-01-31");
	ck_assert_contains(g->explain, "2026-01-30");
	at("2026-03-14");
	EXPECT(id, "annual-review", 1, "2026-03-14", NULL, "open",
	    "2026-03-13");
	at("2026-03-15");
	EXPECT(id, "annual-review", 1, "2026-03-14", NULL, "overdue",
	    "2026-03-13");
}
END_TEST

/* ---- disputes, Tribunal orders and transfers: examples 22, 26, 28 ---- */

/* A write that must succeed, whatever it audits. */
#define OK(expr) do {							\
	int rc_ = TXN(expr);						\
	ck_assert_msg(rc_ == EHC_OK, "line %d: %s returned %d: %s",	\
	    __LINE__, #expr, rc_, ehc_db_errmsg(db));			\
} while (0)

/* Example 22: refusal to assess dated Wed 2026-06-10, no mediation. */
START_TEST(ex22_mediation_and_appeal)
{
	int64_t id;

	at("2026-06-10");
	id = new_request("2026-05-01");
	OK(ehc_decide(db, id, EHC_DECIDE_NO_ASSESS, D("2026-06-10"),
	    "Needs met at SEN support"));
	OK(ehc_dispute_notice(db, id, "no-assess", D("2026-06-10")));
	/* + 2 months; the appeal's last day is in August: 1 September. */
	EXPECT(id, "mediation-contact", 1, "2026-08-10", NULL, "open", NULL);
	EXPECT(id, "appeal", 1, "2026-09-01", NULL, "open", NULL);
	/* A later certificate: the appeal runs to certificate + 1 month. */
	at("2026-10-20");
	OK(ehc_dispute_step(db, id, "contact", D("2026-07-01")));
	OK(ehc_dispute_step(db, id, "certificate", D("2026-10-20")));
	EXPECT(id, "appeal", 1, "2026-11-20", NULL, "open", NULL);
}
END_TEST

/* The open deadlines, in due date order; free() the result. */
static char *
open_deadlines(void)
{
	return sql_text("SELECT group_concat(due || ' ' || case_id, ',') "
	    "FROM (SELECT due, case_id FROM deadline WHERE done IS NULL AND "
	    "void = 0 AND advisory = 0 ORDER BY due, case_id, seq)");
}

/*
 * More cases than one range of the clock's cursors, with events on some
 * and not on their neighbours: each case's deadlines come from its own
 * events only (the teardown derives them all again in ranges).
 */
START_TEST(ranges_keep_cases_apart)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN], *before, *after, *check;
	sqlite3_stmt *reading;
	int64_t id;
	int i, disputes = 0, exceptions = 0;

	at("2026-06-10");
	request_in(&in, "2026-05-01");
	begin_write();		/* one transaction: 4,100 would be slow */
	for (i = 0; i < 4100; i++) {
		ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), db, &in),
		    EHC_OK);
		ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);
		if (i % 7 == 3) {
			ck_assert_int_eq(ehc_decide(db, id,
			    EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL),
			    EHC_OK);
			ck_assert_int_eq(ehc_dispute_notice(db, id,
			    "no-assess", D("2026-06-10")), EHC_OK);
			disputes++;
		} else if (i % 11 == 5) {
			ck_assert_int_eq(ehc_exception_record(db, id,
			    "decide-assess", "school-closure",
			    D("2026-06-10"), NULL, NULL), EHC_OK);
			exceptions++;
		}
	}
	end_write(EHC_OK);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM deadline WHERE "
	    "rule_id = 'appeal'"), disputes);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM deadline WHERE "
	    "exception IS NOT NULL"), exceptions);
	ck_assert_int_eq(sql_int("SELECT count(DISTINCT case_id) FROM "
	    "deadline"), 4100);
	before = open_deadlines();
	OK(ehc_clock_refresh_all(db));
	after = open_deadlines();
	ck_assert_ptr_nonnull(before);
	ck_assert_str_eq(after, before);
	free(after);
	/* And with a statement still reading. */
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT id FROM cases",
	    -1, &reading, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(reading), SQLITE_ROW);
	OK(ehc_clock_refresh_all(db));
	sqlite3_finalize(reading);
	after = open_deadlines();
	ck_assert_str_eq(after, before);
	check = sql_text("PRAGMA integrity_check");
	ck_assert_str_eq(check, "ok");
	free(check);
	free(before);
	free(after);
}
END_TEST

/* Example 26: orders dated Mon 2026-10-12 (reg 44). */
START_TEST(ex26_tribunal_orders)
{
	int64_t id;

	at("2026-10-12");
	id = new_request("2026-05-01");
	OK(ehc_decide(db, id, EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL));
	OK(ehc_tribunal_order(db, id, "assess", D("2026-10-12")));
	OK(ehc_tribunal_order(db, id, "make-plan", D("2026-10-12")));
	OK(ehc_tribunal_order(db, id, "name-school", D("2026-10-12")));
	expect(__LINE__, id, "tribunal-order", "1:notify", 1, "2026-10-26",
	    NULL, "open", NULL);
	expect(__LINE__, id, "tribunal-order", "1:no-plan", 1, "2026-12-21",
	    NULL, "open", NULL);
	expect(__LINE__, id, "tribunal-order", "1:final", 1, "2027-01-18",
	    NULL, "open", NULL);
	expect(__LINE__, id, "tribunal-order", "2:draft", 1, "2026-11-16",
	    NULL, "open", NULL);
	/* The Boxing Day substitute holiday: no roll-forward, warn the 24th. */
	expect(__LINE__, id, "tribunal-order", "2:final", 1, "2026-12-28",
	    NULL, "open", "2026-12-24");
	expect(__LINE__, id, "tribunal-order", "3:school", 1, "2026-10-26",
	    NULL, "open", NULL);
	at("2026-10-20");
	OK(ehc_tribunal_comply(db, id, "notify", D("2026-10-20")));
	expect(__LINE__, id, "tribunal-order", "1:notify", 1, "2026-10-26",
	    "2026-10-20", "met", NULL);
}
END_TEST

/* Example 28: moving away; and the new authority's side. */
START_TEST(ex28_transfers)
{
	struct ehc_transfer_in in;
	char ref[EHC_REF_LEN] = "";
	int64_t late, early, moved;

	late = make_plan("2024-05-01");
	early = make_plan("2024-05-01");
	/* Learned Mon 03-02 of a move on Fri 03-13: 15 working days. */
	at("2026-03-02");
	OK(ehc_transfer_out(db, late, "888", D("2026-03-13"),
	    D("2026-03-02")));
	EXPECT(late, "transfer-out", 1, "2026-03-20", NULL, "open", NULL);
	/* Learned 19 working days before: on the day of the move. */
	OK(ehc_transfer_out(db, early, "888", D("2026-03-02"),
	    D("2026-02-02")));
	EXPECT(early, "transfer-out", 1, "2026-03-02", NULL, "open", NULL);
	/* In: last reviewed Tue 2025-06-10, transferred 2026-03-20. */
	at("2026-03-25");
	in = (struct ehc_transfer_in)EHC_TRANSFER_IN_INIT;
	in.forename = "Kit";
	in.surname = "Moss";
	in.dob = D("2014-01-01");
	in.from_la = "888";
	in.transferred = D("2026-03-20");
	in.issued = D("2023-05-01");
	in.reviewed = D("2025-06-10");
	OK(ehc_transfer_in(ref, sizeof(ref), db, &in));
	ck_assert_int_eq(ehc_case_lookup(&moved, db, ref), EHC_OK);
	EXPECT(moved, "transfer-notice", 1, "2026-05-01", NULL, "open", NULL);
	/* The later of 2026-06-09 (12 months) and 2026-06-19 (+3 months). */
	EXPECT(moved, "annual-review", 1, "2026-06-19", NULL, "open", NULL);
}
END_TEST

/* ---- leap years: 29 February anchors clamp to 28 February first ---- */

START_TEST(leap_first_issue)
{
	int64_t id = make_plan("2024-02-29");

	/* 2024-02-28 + 12 months - 1 day = 2025-02-27 (Thu). */
	EXPECT(id, "annual-review", 1, "2025-02-27", NULL, "open", NULL);
}
END_TEST

START_TEST(leap_review_decision)
{
	int64_t id = make_plan("2023-03-01");

	/* 2023-03-01 + 12 months - 1 day = 2024-02-29. */
	EXPECT(id, "annual-review", 1, "2024-02-29", NULL, "open", NULL);
	at("2024-02-01");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2024-02-01")));
	at("2024-02-29");
	OK_STEP("review decide", ehc_review_decide(db, id, "maintain",
	    D("2024-02-29")));
	EXPECT(id, "annual-review", 1, "2024-02-29", "2024-02-29", "met",
	    NULL);
	/* The next period starts with the decision of 2024-02-29. */
	EXPECT(id, "annual-review", 2, "2025-02-27", NULL, "open", NULL);
	EXPECT(id, "review-decision", 1, "2024-02-29", "2024-02-29", "met",
	    NULL);
}
END_TEST

/* ---- worked example 15: review meeting Tue 2026-11-03 ---- */

START_TEST(ex15_review_and_amendment)
{
	const struct got *g;
	int64_t id = make_plan("2025-12-02");

	at("2026-11-03");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-11-03")));
	/* The review, decision included, is due by 2025-12-02 + 12 m - 1 d. */
	g = EXPECT(id, "annual-review", 1, "2026-12-01", NULL, "open", NULL);
	ck_assert_contains(g->explain, "2026-11-03");	/* latest meeting */
	ck_assert_contains(g->explain, "2026-10-20");	/* invitations */
	ck_assert_contains(g->explain, "2026-10-19");	/* clear days */
	EXPECT(id, "review-report", 1, "2026-11-17", NULL, "open", NULL);
	EXPECT(id, "review-decision", 1, "2026-12-01", NULL, "open", NULL);

	at("2026-11-17");
	OK_STEP("review report", ehc_review_report(db, id, D("2026-11-17")));
	EXPECT(id, "review-report", 1, "2026-11-17", "2026-11-17", "met",
	    NULL);
	at("2026-12-01");
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2026-12-01")));
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2026-12-01")));
	EXPECT(id, "review-decision", 1, "2026-12-01", "2026-12-01", "met",
	    NULL);
	EXPECT(id, "annual-review", 1, "2026-12-01", "2026-12-01", "met",
	    NULL);
	EXPECT(id, "amend-representations", 1, "2026-12-15", NULL, "open",
	    NULL);
	/* notice + 56 d = meeting + 84 d (Devon long-stop) = 2027-01-26. */
	g = EXPECT(id, "amended-plan", 1, "2027-01-26", NULL, "open", NULL);
	ck_assert_contains(g->explain, "long-stop");
	/* The next review runs from the decision of 2026-12-01. */
	EXPECT(id, "annual-review", 2, "2027-11-30", NULL, "open", NULL);

	/* Representations run to 2026-12-15: no final amended plan yet. */
	at("2026-12-15");
	REFUSE(EHC_ESTATE, ehc_amend_final(db, id, D("2026-12-15"), NULL));
	at("2027-01-26");
	OK_ISSUE("amend final", ehc_amend_final(db, id, D("2027-01-26"),
	    NULL));
	EXPECT(id, "amend-representations", 1, "2026-12-15", "2026-12-15",
	    "met", NULL);
	EXPECT(id, "amended-plan", 1, "2027-01-26", "2027-01-26", "met",
	    NULL);
}
END_TEST

/* A late notice after a review: the Devon long-stop is the earlier date. */
START_TEST(ex15_long_stop)
{
	const struct got *g;
	int64_t id = make_plan("2025-12-02");

	at("2026-11-03");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-11-03")));
	at("2026-12-10");
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2026-12-10")));
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2026-12-10")));
	EXPECT(id, "review-decision", 1, "2026-12-01", "2026-12-10", "late",
	    NULL);
	EXPECT(id, "amend-representations", 1, "2026-12-24", NULL, "open",
	    NULL);
	/* min(2026-12-10 + 56 = 2027-02-04, 2026-11-03 + 84 = 2027-01-26) */
	g = EXPECT(id, "amended-plan", 1, "2027-01-26", NULL, "open", NULL);
	ck_assert_str_eq(g->rule_id, "amended-plan-long-stop");
}
END_TEST

/* ---- worked example 16: phase transfer Y6 to Y7, September 2027 ---- */

START_TEST(ex16_phase_transfer_school)
{
	const struct got *g;
	int64_t id;

	born = "2015-10-14";	/* in year 6 in 2026/27 */
	id = make_plan("2026-03-23");

	at("2026-10-01");
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2027-09-01"), "school"));
	/* "Before 15 February 2027": Sun 2027-02-14, warning Fri 02-12. */
	g = EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_int_eq(g->effective, 1);
	/* Back-planning: notice by 02-14 - 56 d, meeting 28 d before. */
	ck_assert_contains(g->explain, "propose the amendments by 2026-12-20");
	ck_assert_contains(g->explain, "review meeting by 2026-11-22");
	g = EXPECT(id, "annual-review", 1, "2027-03-22", NULL, "open", NULL);
	ck_assert_int_eq(g->effective, 0);
}
END_TEST

/* ---- worked example 17: review meeting Wed 2027-01-20 ---- */

static int64_t
transferring(void)
{
	int64_t id;

	born = "2015-10-14";	/* in year 6 in 2026/27 */
	id = make_plan("2026-03-23");

	at("2026-10-01");
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2027-09-01"), "school"));
	return id;
}

START_TEST(ex17_phase_transfer_meeting)
{
	const struct got *g;
	int64_t id = transferring();

	at("2027-01-20");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2027-01-20")));
	/* The 4-week decision (02-17) is after the phase date (02-14). */
	g = EXPECT(id, "review-decision", 1, "2027-02-17", NULL, "open",
	    NULL);
	ck_assert_int_eq(g->effective, 0);
	g = EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_int_eq(g->effective, 1);

	at("2027-01-27");
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2027-01-27")));
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2027-01-27")));
	EXPECT(id, "amend-representations", 1, "2027-02-10", NULL, "open",
	    NULL);
	g = EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_int_eq(g->effective, 1);
	at("2027-02-12");
	OK_ISSUE("amend final", ehc_amend_final(db, id, D("2027-02-12"),
	    NULL));
	EXPECT(id, "phase-transfer", 1, "2027-02-14", "2027-02-12", "met",
	    "2027-02-12");
	EXPECT(id, "amend-representations", 1, "2027-02-10", "2027-02-10",
	    "met", NULL);
	EXPECT(id, "review-decision", 1, "2027-02-17", "2027-01-27", "met",
	    NULL);
}
END_TEST

/* The meeting held Mon 2027-03-01: reg 18 is breached from 2027-02-15. */
START_TEST(ex17_phase_transfer_breach)
{
	int64_t id = transferring();

	at("2027-02-14");
	EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	at("2027-02-15");
	EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "overdue",
	    "2027-02-12");
	at("2027-03-01");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2027-03-01")));
	EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "overdue",
	    "2027-02-12");
	at("2027-03-10");
	OK_STEP("review decide", ehc_review_decide(db, id, "maintain",
	    D("2027-03-10")));
	EXPECT(id, "phase-transfer", 1, "2027-02-14", "2027-03-10", "late",
	    "2027-02-12");
}
END_TEST

/* ---- worked example 19: secondary school to FE, September 2026 ---- */

START_TEST(ex19_phase_transfer_post16)
{
	int64_t id;

	born = "2010-03-01";	/* in year 11 in 2025/26 */
	id = make_plan("2025-03-15");

	at("2025-06-01");
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2026-09-01"), "post-16"));
	/* "Before 31 March 2026": Mon 2026-03-30. */
	EXPECT(id, "phase-transfer", 1, "2026-03-30", NULL, "open", NULL);
}
END_TEST

/* Post-16 to post-16: transfer - 5 months, clamped to the month end. */
START_TEST(phase_transfer_post16_move)
{
	int64_t id;

	born = "2009-03-01";	/* in year 13 in 2026/27 */
	id = make_plan("2026-03-23");

	at("2026-10-01");
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2027-07-31"), "post-16-move"));
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2028-07-31"), "post-16-move"));
	ck_assert_int_eq(count_rule(id, "phase-transfer"), 2);
	/* 31 July 2027 - 5 months = Sun 28 February 2027: warn Fri 02-26. */
	EXPECT(id, "phase-transfer", 1, "2027-02-28", NULL, "open",
	    "2027-02-26");
	/* 31 July 2028 - 5 months = Tue 29 February 2028. */
	EXPECT(id, "phase-transfer", 2, "2028-02-29", NULL, "open", NULL);
}
END_TEST

/* ---- worked example 21: amendments proposed Sat 2025-12-20 ---- */

START_TEST(ex21_amendment_christmas)
{
	int64_t id;

	born = "2015-05-05";	/* in year 6 in 2025/26 */
	id = make_plan("2025-06-02");

	at("2025-12-20");
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2025-12-20")));
	/* Christmas is not excluded. */
	EXPECT(id, "amend-representations", 1, "2026-01-03", NULL, "open",
	    "2026-01-02");
	EXPECT(id, "amended-plan", 1, "2026-02-14", NULL, "open",
	    "2026-02-13");
	/* A September 2026 phase transfer falls on the same day. */
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2026-09-01"), "school"));
	EXPECT(id, "phase-transfer", 1, "2026-02-14", NULL, "open",
	    "2026-02-13");
	at("2026-02-13");
	OK_ISSUE("amend final", ehc_amend_final(db, id, D("2026-02-13"),
	    NULL));
	EXPECT(id, "amended-plan", 1, "2026-02-14", "2026-02-13", "met",
	    "2026-02-13");
	EXPECT(id, "phase-transfer", 1, "2026-02-14", "2026-02-13", "met",
	    "2026-02-13");
}
END_TEST

/* The 2026 equivalent: amendments proposed Sun 2026-12-20. */
START_TEST(ex21_amendment_christmas_2026)
{
	int64_t id = make_plan("2026-06-01");

	at("2026-12-20");
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2026-12-20")));
	/* Sun 2027-01-03; Fri 01-01 is a bank holiday: warn Thu 12-31. */
	EXPECT(id, "amend-representations", 1, "2027-01-03", NULL, "open",
	    "2026-12-31");
	EXPECT(id, "amended-plan", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	at("2027-01-03");
	REFUSE(EHC_ESTATE, ehc_amend_final(db, id, D("2027-01-03"), NULL));
	OK_ISSUE("amend final", ehc_amend_final(db, id, D("2027-01-03"),
	    "Family agreed the amendments at a meeting"));
	EXPECT(id, "amended-plan", 1, "2027-02-14", "2027-01-03", "met",
	    "2027-02-12");
}
END_TEST

/* ---- refusals ---- */

START_TEST(refuse_out_of_order)
{
	char ref[EHC_REF_LEN];
	int64_t id;

	at("2026-06-01");
	id = new_request("2026-03-02");
	/* Nothing can follow a request but the decision whether to assess. */
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-04-13"), NULL));
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_NO_ISSUE,
	    D("2026-04-13"), NULL));
	REFUSE(EHC_ESTATE, ehc_advice_request(ref, sizeof(ref), db,
	    id, "psychological", D("2026-04-14"), EHC_NO_DATE, "EP service"));
	REFUSE(EHC_ESTATE, ehc_draft_issue(db, id, D("2026-05-01")));
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-05-20"), NULL));
	REFUSE(EHC_ESTATE, ehc_review_meeting(db, id, D("2026-05-01")));
	REFUSE(EHC_ESTATE, ehc_review_report(db, id, D("2026-05-01")));
	REFUSE(EHC_ESTATE, ehc_review_decide(db, id, "maintain",
	    D("2026-05-01")));
	REFUSE(EHC_ESTATE, ehc_amend_propose(db, id, D("2026-05-01")));
	REFUSE(EHC_ESTATE, ehc_amend_final(db, id, D("2026-05-20"), NULL));
	REFUSE(EHC_ESTATE, ehc_amend_cancel(db, id, D("2026-05-20")));
	REFUSE(EHC_ESTATE, ehc_phase_transfer(db, id, D("2027-09-01"),
	    "school"));

	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), NULL));
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-14"), NULL));
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_NO_ASSESS,
	    D("2026-04-14"), NULL));
	REFUSE(EHC_ESTATE, ehc_draft_issue(db, id, D("2026-05-01")));
	OK_STEP("decide issue", ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-05-20"), NULL));
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_NO_ISSUE,
	    D("2026-05-21"), NULL));
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-05-25"), NULL));
	OK_ISSUE("draft issue", ehc_draft_issue(db, id, D("2026-05-22")));
	at("2026-06-10");
	OK_ISSUE("draft final", ehc_draft_final(db, id, D("2026-06-10"),
	    NULL));

	/* The plan is final: the assessment steps are over. */
	REFUSE(EHC_ESTATE, ehc_draft_issue(db, id, D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_draft_final(db, id, D("2026-06-10"), NULL));
	REFUSE(EHC_ESTATE, ehc_request_withdraw(db, id, D("2026-06-10"),
	    NULL));
	REFUSE(EHC_ESTATE, ehc_advice_request(ref, sizeof(ref), db,
	    id, "educational", D("2026-06-10"), EHC_NO_DATE, "School"));
	REFUSE(EHC_ESTATE, ehc_review_report(db, id, D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_review_decide(db, id, "maintain",
	    D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_amend_final(db, id, D("2026-06-10"), NULL));

	at("2027-05-01");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2027-05-01")));
	REFUSE(EHC_ESTATE, ehc_review_meeting(db, id, D("2027-05-01")));
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2027-05-01")));
	REFUSE(EHC_ESTATE, ehc_review_decide(db, id, "maintain",
	    D("2027-05-01")));
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2027-05-01")));
	REFUSE(EHC_ESTATE, ehc_amend_propose(db, id, D("2027-05-01")));
}
END_TEST

START_TEST(refuse_after_withdrawal)
{
	char ref[EHC_REF_LEN];
	int64_t id;

	at("2026-03-10");
	id = new_request("2026-03-02");
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-03-05"), NULL));
	OK_STEP("request withdraw", ehc_request_withdraw(db, id,
	    D("2026-03-10"), "The family moved away"));
	/* Every open deadline becomes void; what was done stays done. */
	EXPECT(id, "decide-assess", 1, "2026-04-13", "2026-03-05", "met",
	    NULL);
	EXPECT(id, "decide-issue", 1, "2026-06-22", NULL, "void", NULL);
	EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "void", NULL);
	at("2026-08-01");
	EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "void", NULL);

	REFUSE(EHC_ESTATE, ehc_request_withdraw(db, id, D("2026-03-11"),
	    NULL));
	REFUSE(EHC_ESTATE, ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-03-11"), NULL));
	REFUSE(EHC_ESTATE, ehc_advice_request(ref, sizeof(ref), db,
	    id, "educational", D("2026-03-11"), EHC_NO_DATE, "School"));
	REFUSE(EHC_ESTATE, ehc_draft_issue(db, id, D("2026-03-11")));
}
END_TEST

START_TEST(refuse_dates)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN], a1[EHC_REF_LEN];
	int64_t id;

	at("2026-04-01");
	/* The request itself. */
	request_in(&in, "2026-04-02");		/* after today */
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.dob = D("2026-04-02");		/* born after today */
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2008-01-01");		/* before the birth */
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.dob = D("2001-03-02");		/* 25 on the day it arrived */
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	in.dob = D("2001-03-03");		/* 24: allowed */
	OK_STEP("request new", ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.received = EHC_NO_DATE;
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.dob = EHC_NO_DATE;
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));

	id = new_request("2026-03-02");
	/* Events after today, or before the request. */
	REFUSE(EHC_EINVAL, ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-02"), NULL));
	REFUSE(EHC_EINVAL, ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-03-01"), NULL));
	REFUSE(EHC_EINVAL, ehc_decide(db, id, EHC_DECIDE_NO_ASSESS,
	    D("2026-03-01"), NULL));
	REFUSE(EHC_EINVAL, ehc_request_withdraw(db, id, D("2026-03-01"),
	    NULL));
	REFUSE(EHC_EINVAL, ehc_request_withdraw(db, id, D("2026-04-02"),
	    NULL));
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-03-30"), NULL));

	/* Advice: not before the decision to assess, receipt not before. */
	REFUSE(EHC_EINVAL, ehc_advice_request(a1, sizeof(a1), db,
	    id, "psychological", D("2026-03-29"), EHC_NO_DATE, "EP service"));
	REFUSE(EHC_EINVAL, ehc_advice_request(a1, sizeof(a1), db,
	    id, "psychological", D("2026-04-02"), EHC_NO_DATE, "EP service"));
	REFUSE(EHC_EINVAL, ehc_advice_request(a1, sizeof(a1), db, id,
	    "psychological", D("2026-03-31"), D("2026-03-30"), "EP service"));
	REFUSE(EHC_EINVAL, ehc_advice_request(a1, sizeof(a1), db, id,
	    "psychological", D("2026-03-31"), D("2026-04-05"), "EP service"));
	OK_STEP("advice request", ehc_advice_request(a1, sizeof(a1), db,
	    id, "psychological", D("2026-03-31"), EHC_NO_DATE, "EP service"));
	REFUSE(EHC_EINVAL, ehc_advice_receive(db, id, a1, D("2026-03-30")));
	REFUSE(EHC_EINVAL, ehc_advice_receive(db, id, a1, D("2026-04-02")));
	REFUSE(EHC_ENOTFOUND, ehc_advice_receive(db, id, "A9",
	    D("2026-04-01")));
	REFUSE(EHC_ENOTFOUND, ehc_advice_receive(db, id, "nonsense",
	    D("2026-04-01")));

	/* The decision to issue follows the decision to assess. */
	REFUSE(EHC_EINVAL, ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-03-29"), NULL));
	OK_STEP("decide issue", ehc_decide(db, id, EHC_DECIDE_ISSUE,
	    D("2026-04-01"), NULL));
	REFUSE(EHC_EINVAL, ehc_draft_issue(db, id, D("2026-03-31")));
	at("2026-04-10");
	OK_ISSUE("draft issue", ehc_draft_issue(db, id, D("2026-04-02")));
	REFUSE(EHC_EINVAL, ehc_draft_final(db, id, D("2026-04-01"),
	    "A reason"));
	at("2026-04-20");
	REFUSE(EHC_EINVAL, ehc_draft_final(db, id, D("2026-04-21"), NULL));
	OK_ISSUE("draft final", ehc_draft_final(db, id, D("2026-04-20"),
	    NULL));

	/* Reviews. */
	REFUSE(EHC_EINVAL, ehc_review_meeting(db, id, D("2026-04-19")));
	REFUSE(EHC_EINVAL, ehc_review_meeting(db, id, D("2026-04-21")));
	REFUSE(EHC_EINVAL, ehc_phase_transfer(db, id, D("2026-04-19"),
	    "school"));
	REFUSE(EHC_EINVAL, ehc_phase_transfer(db, id, D("2027-09-01"),
	    "primary"));
	at("2027-03-01");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2027-03-01")));
	REFUSE(EHC_EINVAL, ehc_review_report(db, id, D("2027-02-28")));
	REFUSE(EHC_EINVAL, ehc_review_decide(db, id, "maintain",
	    D("2027-02-28")));
	REFUSE(EHC_EINVAL, ehc_review_decide(db, id, "maintain",
	    D("2027-03-02")));
	REFUSE(EHC_EINVAL, ehc_review_decide(db, id, "perhaps",
	    D("2027-03-01")));
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2027-03-01")));
	/* An amendment notice after a review is not before its meeting. */
	REFUSE(EHC_EINVAL, ehc_amend_propose(db, id, D("2027-02-28")));
	REFUSE(EHC_EINVAL, ehc_amend_propose(db, id, D("2027-03-02")));
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2027-03-01")));
	at("2027-04-01");
	REFUSE(EHC_EINVAL, ehc_amend_final(db, id, D("2027-02-28"),
	    "A reason"));
	REFUSE(EHC_EINVAL, ehc_amend_final(db, id, D("2027-04-02"), NULL));
	/* Inside the window a reason is needed, and it is checked. */
	REFUSE(EHC_EINVAL, ehc_amend_final(db, id, D("2027-03-10"),
	    "bad\nreason"));
}
END_TEST

START_TEST(refuse_advice_type)
{
	const char *const *types = ehc_advice_types();
	char ref[EHC_REF_LEN];
	int64_t id;
	int i;

	at("2026-04-15");
	id = new_request("2026-03-02");
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), NULL));
	REFUSE(EHC_EINVAL, ehc_advice_request(ref, sizeof(ref), db,
	    id, "astrology", D("2026-04-14"), EHC_NO_DATE, "Someone"));
	REFUSE(EHC_EINVAL, ehc_advice_request(ref, sizeof(ref), db,
	    id, "", D("2026-04-14"), EHC_NO_DATE, "Someone"));
	REFUSE(EHC_EINVAL, ehc_advice_request(ref, sizeof(ref), db,
	    id, "Psychological", D("2026-04-14"), EHC_NO_DATE, "Someone"));
	REFUSE(EHC_EINVAL, ehc_advice_request(ref, sizeof(ref), db,
	    id, NULL, D("2026-04-14"), EHC_NO_DATE, "Someone"));
	REFUSE(EHC_EINVAL, ehc_advice_reuse(ref, sizeof(ref), db,
	    id, "astrology", D("2026-04-14"), "Someone"));
	ck_assert(!ehc_advice_type_valid("astrology"));
	ck_assert(!ehc_advice_type_valid(NULL));
	ck_assert(ehc_advice_type_valid("psychological"));
	/* Every listed type is accepted (reg 6(1)(a)-(h)). */
	ck_assert_ptr_nonnull(types);
	for (i = 0; types[i] != NULL; i++) {
		ck_assert(ehc_advice_type_valid(types[i]));
		OK_STEP("advice request", ehc_advice_request(ref, sizeof(ref),
		    db, id, types[i], D("2026-04-14"), EHC_NO_DATE,
		    "An adviser"));
	}
	ck_assert_int_ge(i, 6);
	ck_assert_int_eq(count_rule(id, "advice"), i);
	/* Re-used advice (reg 6(4)) has no clock. */
	OK_STEP("advice reuse", ehc_advice_reuse(ref, sizeof(ref), db, id,
	    "educational", D("2026-04-15"), "School report of March 2026"));
	ck_assert_int_eq(count_rule(id, "advice"), i);
}
END_TEST

START_TEST(refuse_control_characters)
{
	static const char *const bad[] = {
		"Sam\x01", "Sa\nm", "Sam\r", "\tSam", "Sam\x1b[31m", "Sam\x7f",
	};
	struct ehc_request_in in;
	char ref[EHC_REF_LEN], longname[120];
	size_t i;
	int64_t id;

	at("2026-03-02");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		request_in(&in, "2026-03-02");
		in.forename = bad[i];
		REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db,
		    &in));
		request_in(&in, "2026-03-02");
		in.surname = bad[i];
		REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db,
		    &in));
		request_in(&in, "2026-03-02");
		in.officer = bad[i];
		REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db,
		    &in));
	}
	/* Names are required and of sane length. */
	request_in(&in, "2026-03-02");
	in.forename = "";
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.surname = NULL;
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	request_in(&in, "2026-03-02");
	in.surname = longname;
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	/* Other fields are checked too. */
	request_in(&in, "2026-03-02");
	in.sex = "X";
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.source = "neighbour";
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.uln = "12345";
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.upn = "A820200101001";	/* wrong check letter */
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	request_in(&in, "2026-03-02");
	in.postcode = "EX1\n1AA";
	REFUSE(EHC_EINVAL, ehc_request_create(ref, sizeof(ref), db, &in));
	/* Letters outside ASCII are not control characters. */
	request_in(&in, "2026-03-02");
	in.forename = "Zo\xc3\xab";
	in.surname = "O'Brien-Sm\xc3\xadth";
	in.upn = "U820200101001";
	in.uln = "1234567890";
	in.sex = "F";
	OK_STEP("request new", ehc_request_create(ref, sizeof(ref), db, &in));
	ck_assert_int_eq(ehc_case_lookup(&id, db, ref), EHC_OK);

	/* Free text on later steps. */
	REFUSE(EHC_EINVAL, ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-03-02"), "reason\x01"));
	REFUSE(EHC_EINVAL, ehc_request_withdraw(db, id, D("2026-03-02"),
	    "moved\naway"));
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-03-02"), NULL));
	REFUSE(EHC_EINVAL, ehc_advice_request(ref, sizeof(ref), db, id,
	    "psychological", D("2026-03-02"), EHC_NO_DATE, "EP\x01service"));
}
END_TEST

START_TEST(exceptions)
{
	const struct got *g;
	char a1[EHC_REF_LEN];
	int64_t id;

	at("2026-04-20");
	id = new_request("2026-03-02");
	OK_STEP("decide assess", ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2026-04-13"), NULL));
	OK_STEP("advice request", ehc_advice_request(a1, sizeof(a1), db, id,
	    "psychological", D("2026-04-14"), D("2026-04-15"), "EP service"));

	/* reg 13(3) via reg 10(4) has no missed-appointment limb. */
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "final-plan",
	    "missed-appointment", D("2026-04-20"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "decide-issue",
	    "missed-appointment", D("2026-04-20"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "decide-assess",
	    "missed-appointment", D("2026-04-20"), NULL, NULL));
	/* reg 8(2) has no closure limbs. */
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "advice",
	    "school-closure", D("2026-04-20"), NULL, a1));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "advice",
	    "early-years-closure", D("2026-04-20"), NULL, a1));
	/* Unknown steps and limbs; advice without its reference. */
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "draft",
	    "absence", D("2026-04-20"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "final-plan",
	    "summer-holiday", D("2026-04-20"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "advice",
	    "missed-appointment", D("2026-04-20"), NULL, NULL));
	REFUSE(EHC_ENOTFOUND, ehc_exception_record(db, id, "advice",
	    "missed-appointment", D("2026-04-20"), NULL, "A7"));
	/* Dates: not after today, not before the request or the advice. */
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "final-plan",
	    "school-closure", D("2026-04-21"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "final-plan",
	    "school-closure", D("2026-03-01"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "advice",
	    "missed-appointment", D("2026-04-13"), NULL, a1));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "final-plan",
	    "absence", D("2026-04-20"), "note\x01", NULL));

	/* Allowed limbs are recorded and never move the due date. */
	OK_STEP("exception", ehc_exception_record(db, id, "advice",
	    "missed-appointment", D("2026-04-20"), "Missed the EP visit", a1));
	g = EXPECT_ADVICE(id, "A1", "2026-05-27", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "missed-appointment");
	OK_STEP("exception", ehc_exception_record(db, id, "final-plan",
	    "school-closure", D("2026-04-20"), "Closed for refurbishment",
	    NULL));
	g = EXPECT(id, "final-plan", 1, "2026-07-20", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "school-closure");
	OK_STEP("exception", ehc_exception_record(db, id, "decide-assess",
	    "personal-circumstances", D("2026-04-13"), NULL, NULL));
	g = EXPECT(id, "decide-assess", 1, "2026-04-13", "2026-04-13", "met",
	    NULL);
	ck_assert_str_eq(g->exception, "personal-circumstances");
	g = EXPECT(id, "decide-issue", 1, "2026-06-22", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "");
}
END_TEST

/* ---- the audit trail ---- */

static int
count_entry(const struct ehc_entry *e, void *payload)
{
	(void)e;
	++*(int *)payload;
	return 0;
}

/* ---- the five faults of issue 16, each failing on the clock before ---- */

/* One rule of the registry, as ehc rules lists it. */
struct find_rule {
	const char	*id;
	char		 unit[32];
	int		 found;
};

static int
find_rule_cb(const struct ehc_rule *ru, void *payload)
{
	struct find_rule *f = payload;

	if (strcmp(ru->id, f->id) != 0)
		return 0;
	f->found = 1;
	snprintf(f->unit, sizeof(f->unit), "%s", ru->unit);
	return 0;
}

/* The deadlines ehc due lists with a rule, as "case rule due" lines. */
struct due_list {
	const char	*rule;
	char		 text[512];
};

static int
due_cb(const struct ehc_deadline *d, void *payload)
{
	struct due_list *l = payload;
	char due[EHC_DATE_LEN];
	size_t n = strlen(l->text);

	if (l->rule == NULL || strcmp(d->rule, l->rule) == 0)
		snprintf(l->text + n, sizeof(l->text) - n, "%s %s %s %s\n",
		    d->case_ref, d->rule, ehc_date_format(due, sizeof(due),
		    d->due), d->status);
	return 0;
}

static const char *
due_list(struct due_list *l, const char *rule, int within)
{
	l->rule = rule;
	l->text[0] = '\0';
	ck_assert_int_eq(ehc_due_foreach(db, within, NULL, due_cb, l), EHC_OK);
	return l->text;
}

/*
 * Fault 1: the first direct-payment review is due within 3 months of
 * the first payment: + 3 months - 1 day (statutory-rules.md 8.1), a
 * period like the 12-month one.
 */
START_TEST(fault1_direct_payment_review)
{
	struct ehc_funding_in in = EHC_FUNDING_IN_INIT;
	struct find_rule fr = { "direct-payment-review", "", 0 };
	const struct got *g;
	int64_t id = make_plan("2026-03-02"), fid = 0;

	at("2026-09-07");
	in.kind = "personal-budget";
	in.pence = 50000;
	in.per = "month";
	in.start = D("2026-09-01");
	in.covers = "education";
	in.direct_payment = 1;
	OK(ehc_money_add(&fid, db, id, &in));
	OK(ehc_money_direct_payment(db, id, fid, D("2026-09-07"), 0));
	/* 2026-09-07 + 3 months - 1 day: Sun 2026-12-06; act by Fri 12-04. */
	g = EXPECT(id, "direct-payment-review", 1, "2026-12-06", NULL, "open",
	    "2026-12-04");
	ck_assert_contains(g->explain, "+ 3 months - 1 day");
	ck_assert_int_eq(ehc_rule_foreach(db, find_rule_cb, &fr), EHC_OK);
	ck_assert_int_eq(fr.found, 1);
	ck_assert_str_eq(fr.unit, "period-months");
}
END_TEST

/* A plan, and a decision to cease it sent on 2026-07-15. */
static int64_t
ceasing(void)
{
	int64_t id = make_plan("2025-06-02");

	at("2026-07-15");
	OK(ehc_cease_decide(db, id, D("2026-07-15"), "2"));
	OK(ehc_dispute_notice(db, id, "cease", D("2026-07-15")));
	return id;
}

/*
 * Fault 2: a mediation certificate extends the window to appeal a
 * decision to cease, and the plan is kept through it (CFA s45(4); HESC
 * r.20: 1 month from the certificate if later).
 */
START_TEST(fault2_certificate_extends_cease_window)
{
	const struct got *g;
	int64_t id = ceasing();

	at("2026-10-01");
	OK(ehc_dispute_step(db, id, "contact", D("2026-07-20")));
	OK(ehc_dispute_step(db, id, "certificate", D("2026-10-01")));
	at("2026-10-15");
	REFUSE(EHC_ESTATE, ehc_cease_end(db, id, D("2026-10-15"), NULL));
	/* 07-15 + 2 months = 09-15; certificate + 1 month: Sun 11-01: 11-02. */
	ck_assert_int_eq(count_rule(id, "appeal"), 1);
	g = EXPECT(id, "appeal", 1, "2026-11-02", NULL, "open", NULL);
	ck_assert_str_eq(g->rule_id, "cease-appeal-certificate");
	at("2026-11-02");
	REFUSE(EHC_ESTATE, ehc_cease_end(db, id, D("2026-11-02"), NULL));
	at("2026-11-03");
	OK_STEP("cease end", ehc_cease_end(db, id, D("2026-11-03"), NULL));
}
END_TEST

/*
 * Fault 3: an appeal recorded on the dispute about ceasing protects the
 * plan as one recorded with cease appeal does: it is one record.
 */
START_TEST(fault3_dispute_appeal_protects_plan)
{
	int64_t id = ceasing();

	at("2026-08-01");
	OK(ehc_dispute_step(db, id, "appeal", D("2026-08-01")));
	at("2026-10-15");
	REFUSE(EHC_ESTATE, ehc_cease_end(db, id, D("2026-10-15"), NULL));
	/* The same appeal, whichever command records it. */
	REFUSE(EHC_ESTATE, ehc_cease_appeal(db, id, D("2026-10-15"), 0));
	ck_assert_int_eq(count_rule(id, "appeal"), 1);
	EXPECT(id, "appeal", 1, "2026-09-15", "2026-08-01", "met", NULL);
	OK(ehc_cease_appeal(db, id, D("2026-10-15"), 1));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, id, "decided",
	    D("2026-10-15")));
	OK_STEP("cease end", ehc_cease_end(db, id, D("2026-10-15"), NULL));
}
END_TEST

/*
 * Fault 4: a decision to amend starts the 12-week long-stop from the
 * meeting, whether or not an amendment notice follows (Devon).
 */
START_TEST(fault4_amend_without_notice)
{
	struct due_list l;
	const struct got *g;
	int64_t id = make_plan("2025-06-02");

	at("2026-01-05");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-01-05")));
	at("2026-02-02");
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2026-02-02")));
	at("2026-12-01");
	/* 2026-01-05 + 12 weeks = 2026-03-30. */
	g = EXPECT(id, "amended-plan", 1, "2026-03-30", NULL, "overdue", NULL);
	ck_assert_str_eq(g->rule_id, "amended-plan-long-stop");
	ck_assert_str_eq(due_list(&l, "amended-plan", 0),
	    "EHC-000001 amended-plan 2026-03-30 overdue\n");
}
END_TEST

/*
 * Fault 5: the proposed amendments go with the decision, by the meeting
 * + 4 weeks: a notice sent later makes the decision late.
 */
START_TEST(fault5_late_amendment_notice)
{
	int64_t id = make_plan("2025-06-02");

	at("2026-01-05");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-01-05")));
	at("2026-02-02");
	OK_STEP("review decide", ehc_review_decide(db, id, "amend",
	    D("2026-02-02")));
	/* Decided on the last day, with no notice yet: met so far. */
	EXPECT(id, "review-decision", 1, "2026-02-02", "2026-02-02", "met",
	    NULL);
	at("2026-02-16");
	OK_ISSUE("amend propose", ehc_amend_propose(db, id, D("2026-02-16")));
	EXPECT(id, "review-decision", 1, "2026-02-02", "2026-02-16", "late",
	    NULL);
}
END_TEST

/* ---- the "also" items of issue 16 ---- */

/* A review report never received is missed: overdue, then late. */
START_TEST(also_missed_report)
{
	struct ehc_report_params p = EHC_REPORT_PARAMS_INIT;
	struct ehc_table *t = NULL;
	int64_t id = make_plan("2025-06-02");
	int i, row = -1;

	at("2026-03-02");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-03-02")));
	at("2026-03-20");
	OK_STEP("review decide", ehc_review_decide(db, id, "maintain",
	    D("2026-03-20")));
	EXPECT(id, "review-report", 1, "2026-03-16", NULL, "overdue", NULL);
	/* The reviews report counts it as not received. */
	p.year = 2026;
	p.on = D("2026-03-20");
	ck_assert_int_eq(ehc_report_table(&t, db, "reviews", &p), EHC_OK);
	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].key[0], "2026-03") == 0)
			row = i;
	ck_assert_int_ge(row, 0);
	ck_assert_str_eq(t->cols[14].key, "reports_not_received");
	ck_assert_int_eq(t->rows[row].v[14], 1);
	ehc_table_free(t);
	OK_STEP("review report", ehc_review_report(db, id, D("2026-03-20")));
	EXPECT(id, "review-report", 1, "2026-03-16", "2026-03-20", "late",
	    NULL);
}
END_TEST

/*
 * The actions: each due its lead time (the registry's) before the date it
 * protects, listed from then until done.  A plan issued 2026-05-18: the
 * review is due 2027-05-17, its latest meeting 2027-04-19.
 */
START_TEST(actions_lead_times)
{
	struct ehc_booking_in in = EHC_BOOKING_IN_INIT;
	const struct ehc__action *a;
	struct due_list l;
	int64_t id = make_plan("2026-05-18");
	int i, n;

	a = ehc__actions(&n);
	for (i = 0; i < n; i++)
		ck_assert_msg(ehc__rule(a[i].id) == NULL && a[i].lead > 0,
		    "action %s", a[i].id);
	at("2027-02-01");
	ck_assert_str_eq(due_list(&l, NULL, 6), "");
	ck_assert_str_eq(due_list(&l, NULL, 7), "EHC-000001 "
	    "book-review-meeting 2027-02-08 open\n");
	at("2027-04-06");
	ck_assert_str_eq(due_list(&l, NULL, 0), "EHC-000001 "
	    "book-review-meeting 2027-02-08 overdue\nEHC-000001 invite-review "
	    "2027-04-05 overdue\n");
	/* Booked: the invitations from the booked day; no booking action. */
	in.date = D("2027-04-28");
	OK_STEP("booking", ehc_book(db, id, &in));
	ck_assert_str_eq(due_list(&l, NULL, 14), "EHC-000001 invite-review "
	    "2027-04-14 open\n");
	ck_assert_str_eq(due_list(&l, NULL, 22), "EHC-000001 invite-review "
	    "2027-04-14 open\nEHC-000001 review 2027-04-28 open\n");
	/* Held: the booking and the review's actions are done. */
	at("2027-04-28");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2027-04-28")));
	ck_assert_int_eq(sql_int("SELECT count(*) FROM booking WHERE held = "
	    "'2027-04-28'"), 1);
	ck_assert_str_eq(due_list(&l, "invite-review", 0), "");
	ck_assert_str_eq(due_list(&l, "review", 60), "");
}
END_TEST

/*
 * ehc due's order on one day (the list is sorted outside memory): by
 * case, and in a case the registry's first action, then the bookings in
 * the order they were made.
 */
START_TEST(actions_order_on_a_day)
{
	struct ehc_booking_in in = EHC_BOOKING_IN_INIT;
	struct due_list l;
	int64_t id = make_plan("2026-05-18");

	make_plan("2026-05-18");
	at("2027-02-01");
	in.date = D("2027-02-08");
	in.kind = "panel";
	OK_STEP("booking", ehc_book(db, id, &in));
	in.kind = "advice";
	OK_STEP("booking", ehc_book(db, id, &in));
	ck_assert_str_eq(due_list(&l, NULL, 7), "EHC-000001 "
	    "book-review-meeting 2027-02-08 open\nEHC-000001 panel 2027-02-08 "
	    "open\nEHC-000001 advice 2027-02-08 open\nEHC-000002 "
	    "book-review-meeting 2027-02-08 open\n");
}
END_TEST

/* A booking is for today or later; a review needs a plan in force. */
START_TEST(actions_booking_refused)
{
	struct ehc_booking_in in = EHC_BOOKING_IN_INIT;
	int64_t id = make_plan("2026-05-18"), req;

	at("2026-06-01");
	in.date = D("2026-05-31");
	REFUSE(EHC_EINVAL, ehc_book(db, id, &in));
	in.date = D("2026-06-10");
	in.time = "9:30";
	REFUSE(EHC_EINVAL, ehc_book(db, id, &in));
	in.time = NULL;
	in.kind = "party";
	REFUSE(EHC_EINVAL, ehc_book(db, id, &in));
	req = new_request("2026-06-01");
	in.kind = "review";
	REFUSE(EHC_ESTATE, ehc_book(db, req, &in));
	in.kind = "panel";
	OK_STEP("booking", ehc_book(db, req, &in));
}
END_TEST

static int
officer_cb(const struct ehc_officer *o, void *payload)
{
	char *buf = payload;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%s|%s|%s|%lld\n", o->id, o->name ?
	    o->name : "-", o->email ? o->email : "-",
	    (long long)o->open_cases);
	return 0;
}

/* Officers: a profile or a case makes one; ehc due knows no other. */
START_TEST(officer_profiles)
{
	struct ehc_officer_in in = EHC_OFFICER_IN_INIT;
	struct due_list l;
	char buf[256] = "";
	int64_t id;

	at("2026-06-01");
	id = new_request("2026-06-01");
	OK(ehc_case_assign(db, id, "asmith"));
	in.email = "x@example.gov.uk";
	REFUSE(EHC_EINVAL, ehc_officer_set(db, "cdodd", &in));
	in.name = "Claire Dodd";
	in.email = "claire";
	REFUSE(EHC_EINVAL, ehc_officer_set(db, "cdodd", &in));
	in.email = "claire.dodd@example.gov.uk";
	OK_STEP("officer profile", ehc_officer_set(db, "cdodd", &in));
	OK(ehc_officer_foreach(db, officer_cb, buf));
	ck_assert_str_eq(buf, "asmith|-|-|1\ncdodd|Claire Dodd|"
	    "claire.dodd@example.gov.uk|0\n");
	ck_assert_int_eq(ehc_due_foreach(db, 14, "nosuch", due_cb, &l),
	    EHC_ENOTFOUND);
	ck_assert_int_eq(ehc_due_foreach(db, 14, "cdodd", due_cb, &l),
	    EHC_OK);
}
END_TEST

/*
 * The family's windows lapse: after them, nobody is overdue, and ehc due
 * lists none of them.
 */
START_TEST(also_family_lapses)
{
	struct due_list l;
	int64_t id = ceasing();

	at("2026-09-16");
	EXPECT(id, "appeal", 1, "2026-09-15", NULL, "lapsed", NULL);
	FIND(id, "mediation-contact", 1);
	ck_assert_str_eq(dls[0].status, "lapsed");
	EXPECT(id, "mediation-contact", 1, "2026-09-15", NULL, "lapsed",
	    NULL);
	ck_assert_str_eq(due_list(&l, NULL, 0), "EHC-000001 "
	    "book-review-meeting 2026-02-23 overdue\nEHC-000001 invite-review "
	    "2026-04-20 overdue\nEHC-000001 annual-review 2026-06-01 "
	    "overdue\n");
	/* The family's window closed: the plan may end now. */
	OK_STEP("cease end", ehc_cease_end(db, id, D("2026-09-16"), NULL));
}
END_TEST

/* A transfer's kind must fit the child's year group. */
START_TEST(also_phase_kind)
{
	int64_t id;

	born = "2016-01-10";	/* 10, in year 6, on 2026-09-01 */
	id = make_plan("2025-06-02");
	at("2026-06-01");
	REFUSE(EHC_EINVAL, ehc_phase_transfer(db, id, D("2026-09-01"),
	    "post-16"));
	ck_assert_contains(ehc_db_errmsg(db), "they are 10, in year 6");
	REFUSE(EHC_EINVAL, ehc_phase_transfer(db, id, D("2026-09-01"),
	    "post-16-move"));
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2026-09-01"), "school"));
}
END_TEST

/*
 * A child educated a year below their age group: the transfer into year
 * 12 follows, derived and recorded.
 */
START_TEST(also_year_group)
{
	int64_t id;

	born = "2010-10-01";	/* year 11 in 2026/27 by age */
	id = make_plan("2026-04-01");
	at("2026-10-01");
	EXPECT(id, "phase-transfer", 1, "2027-03-30", NULL, "open", NULL);
	REFUSE(EHC_EINVAL, ehc_case_year_group(db, id, 6, D("2026-10-01")));
	OK_STEP("case year-group", ehc_case_year_group(db, id, 10,
	    D("2026-10-01")));
	EXPECT(id, "phase-transfer", 1, "2028-03-30", NULL, "open", NULL);
	REFUSE(EHC_EINVAL, ehc_phase_transfer(db, id, D("2027-09-01"),
	    "post-16"));
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2028-09-01"), "post-16"));
	ck_assert_int_eq(count_rule(id, "phase-transfer"), 1);
}
END_TEST

/* ---- phase transfers derived from the date of birth (reg 18) ---- */

/* The issue's child: born 2015-10-14, in year 6 when seen 2026-09-10. */
START_TEST(derived_phase_year6)
{
	struct ehc_report_params p = EHC_REPORT_PARAMS_INIT;
	struct ehc_table *t = NULL;
	const struct got *g;
	int64_t id;
	int i, found = 0;

	born = "2015-10-14";
	id = make_plan("2025-06-02");
	at("2026-09-10");
	g = EXPECT(id, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_str_eq(g->subject, "Y6-Y7");
	/* Worked example 16's back-planning. */
	ck_assert_contains(g->explain, "propose the amendments by 2026-12-20");
	ck_assert_contains(g->explain, "review meeting by 2026-11-22 "
	    "(practically 2026-11-20)");
	ck_assert_contains(g->explain, "derived from the date of birth");
	/* Then into year 12, before 31 March 2032. */
	EXPECT(id, "phase-transfer", 2, "2032-03-30", NULL, "open", NULL);
	/* The whole cohort is listed, one row per case. */
	p.year = 2027;
	p.on = D("2026-09-10");
	ck_assert_int_eq(ehc_report_table(&t, db, "phase-cohort", &p),
	    EHC_OK);
	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].key[0], "EHC-000001") == 0 &&
		    strcmp(t->rows[i].key[1], "Y6-Y7") == 0 &&
		    t->rows[i].v[2] == 1 && t->rows[i].v[6] == 1)
			found++;
	ck_assert_int_eq(found, 1);
	ehc_table_free(t);
	/* A decision to maintain in the 12 months before meets it. */
	at("2026-11-20");
	OK_STEP("review meeting", ehc_review_meeting(db, id, D("2026-11-20")));
	OK_STEP("review decide", ehc_review_decide(db, id, "maintain",
	    D("2026-11-20")));
	EXPECT(id, "phase-transfer", 1, "2027-02-14", "2026-11-20", "met",
	    "2027-02-12");
	/* A transfer recorded replaces the one derived up to its date. */
	OK_STEP("review phase-transfer", ehc_phase_transfer(db, id,
	    D("2027-09-06"), "school"));
	ck_assert_int_eq(count_rule(id, "phase-transfer"), 2);
	g = EXPECT(id, "phase-transfer", 1, "2027-02-14", "2026-11-20", "met",
	    "2027-02-12");
	ck_assert_str_eq(g->subject, "school");
}
END_TEST

/*
 * A plan first issued in the 12 months before the transfer names the
 * next phase itself: it meets the transfer's date.
 */
START_TEST(derived_phase_new_plan)
{
	int64_t id;

	born = "2015-10-14";
	id = make_plan("2026-11-02");
	EXPECT(id, "phase-transfer", 1, "2027-02-14", "2026-11-02", "met",
	    "2027-02-12");
}
END_TEST

/* Early years to reception, and year 2 to 3 where the authority says. */
START_TEST(derived_phase_infant_junior)
{
	const struct got *g;
	int64_t young, infant;

	born = "2022-10-14";	/* reception from September 2027 */
	young = make_plan("2026-01-05");
	born = "2019-10-14";	/* year 2 in 2026/27 */
	infant = make_plan("2026-01-05");
	g = EXPECT(young, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_str_eq(g->subject, "EY-R");
	g = EXPECT(infant, "phase-transfer", 1, "2031-02-14", NULL, "open",
	    NULL);
	ck_assert_str_eq(g->subject, "Y6-Y7");
	OK_AUDITED(1, "config", ehc_config_set(db, "infant-junior", "Y"));
	g = EXPECT(infant, "phase-transfer", 1, "2027-02-14", NULL, "open",
	    "2027-02-12");
	ck_assert_str_eq(g->subject, "Y2-Y3");
	REFUSE(EHC_EINVAL, ehc_config_set(db, "infant-junior", "maybe"));
}
END_TEST

/* ---- re-assessment (CFA s44(2)-(3), regs 24-27) ---- */

START_TEST(reassessment)
{
	const struct got *g;
	int64_t id = make_plan("2025-06-02");

	at("2026-03-02");
	REFUSE(EHC_ESTATE, ehc_reassess_decide(db, id, 0, D("2026-03-02")));
	REFUSE(EHC_ESTATE, ehc_reassess_draft(db, id, D("2026-03-02")));
	REFUSE(EHC_EINVAL, ehc_reassess_request(db, id, D("2026-03-02"),
	    "neighbour"));
	OK_STEP("reassess request", ehc_reassess_request(db, id,
	    D("2026-03-02"), "parent"));
	REFUSE(EHC_ESTATE, ehc_reassess_request(db, id, D("2026-03-02"),
	    "school"));
	/* 15 days beginning with the day of receipt: Mon 2026-03-16. */
	g = EXPECT(id, "reassess-decision", 1, "2026-03-16", NULL, "open",
	    NULL);
	ck_assert_contains(g->explain, "receipt + 15");
	at("2026-03-10");
	OK_STEP("reassess decide", ehc_reassess_decide(db, id, 1,
	    D("2026-03-10")));
	EXPECT(id, "reassess-decision", 1, "2026-03-16", "2026-03-10", "met",
	    NULL);
	/* 14 weeks from the notice of the decision: 2026-06-16. */
	EXPECT(id, "reassess-plan", 1, "2026-06-16", NULL, "open", NULL);
	REFUSE(EHC_ESTATE, ehc_reassess_final(db, id, D("2026-03-10"), NULL));
	at("2026-05-01");
	OK_STEP("exception", ehc_exception_record(db, id, "reassess-plan",
	    "absence", D("2026-05-01"), NULL, NULL));
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "reassess-plan",
	    "missed-appointment", D("2026-05-01"), NULL, NULL));
	OK_STEP("reassess draft", ehc_reassess_draft(db, id, D("2026-05-01")));
	EXPECT(id, "reassess-representations", 1, "2026-05-15", NULL, "open",
	    NULL);
	at("2026-05-15");
	REFUSE(EHC_ESTATE, ehc_reassess_final(db, id, D("2026-05-15"), NULL));
	at("2026-05-20");
	OK_STEP("reassess final", ehc_reassess_final(db, id, D("2026-05-20"),
	    NULL));
	g = EXPECT(id, "reassess-plan", 1, "2026-06-16", "2026-05-20", "met",
	    NULL);
	ck_assert_str_eq(g->exception, "absence");
	/* The authority's own decision (s44(3)); a health body's request. */
	at("2026-07-01");
	OK_STEP("reassess decide", ehc_reassess_decide(db, id, 1,
	    D("2026-07-01")));
	g = EXPECT(id, "reassess-plan", 2, "2026-10-07", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "");
	at("2026-07-02");
	OK_STEP("exception", ehc_exception_record(db, id, "reassess-plan",
	    "personal-circumstances", D("2026-07-02"), NULL, NULL));
	g = EXPECT(id, "reassess-plan", 2, "2026-10-07", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "personal-circumstances");
	g = FIND(id, "reassess-plan", 1);
	ck_assert_str_eq(g->exception, "absence");
	ck_assert_int_eq(count_rule(id, "reassess-decision"), 1);
	REFUSE(EHC_ESTATE, ehc_reassess_request(db, id, D("2026-07-01"),
	    "health"));
}
END_TEST

START_TEST(reassessment_health)
{
	int64_t id = make_plan("2025-06-02");

	at("2026-03-02");
	OK_STEP("reassess request", ehc_reassess_request(db, id,
	    D("2026-03-02"), "health"));
	REFUSE(EHC_ESTATE, ehc_reassess_decide(db, id, 0, D("2026-03-02")));
	OK_STEP("reassess decide", ehc_reassess_decide(db, id, 1,
	    D("2026-03-02")));
}
END_TEST

/* ---- mediation, appeals and the Tribunal (regs 34, 42, 45; r.21) ---- */

START_TEST(mediation_declined_and_agreement)
{
	int64_t a, b;

	at("2026-06-10");
	a = new_request("2026-05-01");
	OK(ehc_decide(db, a, EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL));
	OK(ehc_dispute_notice(db, a, "no-assess", D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, a, "mediated",
	    D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, a, "agreement",
	    D("2026-06-10")));
	at("2026-06-12");
	/* Told on Fri 06-12: 3 working days after, Wed 06-17. */
	OK(ehc_dispute_step(db, a, "declined", D("2026-06-12")));
	EXPECT(a, "mediation-certificate", 1, "2026-06-17", NULL, "open",
	    NULL);
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, a, "mediation",
	    D("2026-06-12")));
	at("2026-06-19");
	EXPECT(a, "mediation-certificate", 1, "2026-06-17", NULL, "overdue",
	    NULL);

	b = new_request("2026-05-01");
	OK(ehc_decide(db, b, EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL));
	OK(ehc_dispute_notice(db, b, "no-assess", D("2026-06-10")));
	OK(ehc_dispute_step(db, b, "mediation", D("2026-06-12")));
	at("2026-07-01");
	OK(ehc_dispute_step(db, b, "mediated", D("2026-07-01")));
	OK(ehc_dispute_step(db, b, "agreement", D("2026-07-01")));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, b, "health-told",
	    D("2026-07-01")));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, b, "agreement",
	    D("2026-07-01")));
	/* The authority acts within 2 weeks (reg 42). */
	EXPECT(b, "mediation-agreement", 1, "2026-07-15", NULL, "open", NULL);
	at("2026-07-14");
	OK(ehc_dispute_step(db, b, "agreement-done", D("2026-07-14")));
	EXPECT(b, "mediation-agreement", 1, "2026-07-15", "2026-07-14", "met",
	    NULL);
}
END_TEST

/*
 * An agreement about what could be appealed runs as the Tribunal's order
 * it stands for, from its date (reg 42(2)): here an assessment after a
 * refusal to assess.  No 2-week duty (reg 42(3)) comes with it.
 */
START_TEST(mediation_agreement_appealable)
{
	const struct got *g;
	int64_t id;

	at("2026-06-10");
	id = new_request("2026-05-01");
	OK(ehc_decide(db, id, EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL));
	OK(ehc_dispute_notice(db, id, "no-assess", D("2026-06-10")));
	at("2026-07-01");
	OK(ehc_dispute_step(db, id, "mediation", D("2026-06-12")));
	REFUSE(EHC_ESTATE, ehc_dispute_agreement(db, id, "assess",
	    D("2026-07-01")));
	OK(ehc_dispute_step(db, id, "mediated", D("2026-07-01")));
	/* Only what an appeal of a refusal to assess could bring. */
	REFUSE(EHC_EINVAL, ehc_dispute_agreement(db, id, "amend",
	    D("2026-07-01")));
	ck_assert_contains(ehc_db_errmsg(db), "assess, not 'amend'");
	REFUSE(EHC_EINVAL, ehc_dispute_agreement(db, id, "assess\n",
	    D("2026-07-01")));
	OK_STEP("dispute step", ehc_dispute_agreement(db, id, "assess",
	    D("2026-07-01")));
	g = EXPECT(id, "agreement-order", 1, "2026-07-15", NULL, "open",
	    NULL);
	ck_assert_str_eq(g->rule_id, "agreement-assess-notify");
	ck_assert_contains(g->explain, "as if ordered by the Tribunal (reg "
	    "42(2))");
	ck_assert_contains(g->explain, "reg 44(2)(b)");
	EXPECT(id, "agreement-order", 2, "2026-09-09", NULL, "open", NULL);
	EXPECT(id, "agreement-order", 3, "2026-10-07", NULL, "open", NULL);
	ck_assert_int_eq(count_rule(id, "mediation-agreement"), 0);
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, id, "agreement-done",
	    D("2026-07-01")));
	REFUSE(EHC_ESTATE, ehc_dispute_agreement(db, id, "assess",
	    D("2026-07-01")));
	at("2026-07-10");
	OK(ehc_tribunal_comply(db, id, "notify", D("2026-07-10")));
	EXPECT(id, "agreement-order", 1, "2026-07-15", "2026-07-10", "met",
	    NULL);
	/* Once the final plan is sent, the decision not to issue is void. */
	at("2026-10-01");
	OK(ehc_tribunal_comply(db, id, "final", D("2026-10-01")));
	EXPECT(id, "agreement-order", 2, "2026-09-09", NULL, "void", NULL);
}
END_TEST

START_TEST(mediation_health_agreement)
{
	int64_t id = make_plan("2025-06-02");

	at("2026-07-01");
	OK(ehc_dispute_notice(db, id, "content", D("2026-06-01")));
	OK(ehc_dispute_step(db, id, "mediation", D("2026-06-02")));
	OK(ehc_dispute_step(db, id, "mediated", D("2026-06-30")));
	OK(ehc_dispute_step(db, id, "health-agreement", D("2026-06-30")));
	/* The health body tells the authority within 1 week. */
	EXPECT(id, "mediation-agreement-health", 1, "2026-07-07", NULL,
	    "open", NULL);
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, id, "agreement-done",
	    D("2026-07-01")));
	OK(ehc_dispute_step(db, id, "health-told", D("2026-07-01")));
	EXPECT(id, "mediation-agreement-health", 1, "2026-07-07",
	    "2026-07-01", "met", NULL);
}
END_TEST

/*
 * The authority's response: 30 working days after receiving the appeal
 * (HESC r.21), Christmas and the new year's bank holidays left out; the
 * 6 weeks GOV.UK gives shown beside it.
 */
START_TEST(tribunal_response)
{
	const struct got *g;
	int64_t id = make_plan("2025-06-02");

	at("2026-12-01");
	OK(ehc_dispute_notice(db, id, "content", D("2026-09-14")));
	REFUSE(EHC_ESTATE, ehc_dispute_step(db, id, "received",
	    D("2026-11-30")));
	OK(ehc_dispute_step(db, id, "appeal", D("2026-11-25")));
	/* Until received is recorded, from the day it was lodged. */
	EXPECT(id, "tribunal-response", 1, "2027-01-11", NULL, "open", NULL);
	OK(ehc_dispute_step(db, id, "received", D("2026-12-01")));
	g = EXPECT(id, "tribunal-response", 1, "2027-01-15", NULL, "open",
	    NULL);
	ck_assert_contains(g->explain, "6 weeks: 2027-01-12");
	ck_assert_contains(g->explain, "HESC) Rules 2008 r.21");
	at("2027-01-14");
	OK(ehc_dispute_step(db, id, "response", D("2027-01-14")));
	EXPECT(id, "tribunal-response", 1, "2027-01-15", "2027-01-14", "met",
	    NULL);
	REFUSE(EHC_ESTATE, ehc_dispute_unopposed(db, id, D("2027-01-14")));
}
END_TEST

/* Unopposed appeals (reg 45 as substituted in 2015). */
START_TEST(unopposed_appeal)
{
	int64_t id, old;

	at("2026-09-01");
	id = new_request("2026-05-01");
	OK(ehc_decide(db, id, EHC_DECIDE_NO_ASSESS, D("2026-06-10"), NULL));
	OK(ehc_dispute_notice(db, id, "no-assess", D("2026-06-10")));
	REFUSE(EHC_ESTATE, ehc_dispute_unopposed(db, id, D("2026-09-01")));
	OK(ehc_dispute_step(db, id, "appeal", D("2026-08-01")));
	OK(ehc_dispute_unopposed(db, id, D("2026-09-01")));
	expect(__LINE__, id, "unopposed-appeal", "1:notify", 1, "2026-09-15",
	    NULL, "open", NULL);
	expect(__LINE__, id, "unopposed-appeal", "1:no-plan", 1, "2026-11-10",
	    NULL, "open", NULL);
	expect(__LINE__, id, "unopposed-appeal", "1:final", 1, "2026-12-08",
	    NULL, "open", NULL);
	/* Conceded: no response is due, and no second concession. */
	EXPECT(id, "tribunal-response", 1, "2026-09-14", NULL, "void", NULL);
	REFUSE(EHC_ESTATE, ehc_dispute_unopposed(db, id, D("2026-09-01")));
	at("2026-09-10");
	OK(ehc_tribunal_comply(db, id, "notify", D("2026-09-10")));
	expect(__LINE__, id, "unopposed-appeal", "1:notify", 1, "2026-09-15",
	    "2026-09-10", "met", NULL);
	/* Before 23 March 2015 the substituted reg 45 did not apply. */
	at("2015-03-20");
	old = new_request("2014-11-03");
	OK(ehc_decide(db, old, EHC_DECIDE_NO_ASSESS, D("2014-12-01"), NULL));
	OK(ehc_dispute_notice(db, old, "no-assess", D("2014-12-01")));
	OK(ehc_dispute_step(db, old, "appeal", D("2015-01-05")));
	REFUSE(EHC_EINVAL, ehc_dispute_unopposed(db, old, D("2015-03-20")));
}
END_TEST

/* ---- ages: compulsory school age, 25 and 26 (s83, s46, reg 46) ---- */

START_TEST(ages)
{
	const struct got *g;
	int64_t id;

	/* The last Friday in June of the school year of the 16th birthday. */
	ck_assert_int_eq(ehc_school_age_end(D("2010-05-04")), D("2026-06-26"));
	ck_assert_int_eq(ehc_school_age_end(D("2010-08-31")), D("2026-06-26"));
	ck_assert_int_eq(ehc_school_age_end(D("2010-09-01")), D("2027-06-25"));
	ck_assert_int_eq(ehc_school_age_end(EHC_NO_DATE), EHC_NO_DATE);
	born = "2001-08-15";
	id = make_plan("2024-06-03");
	at("2026-08-20");
	g = EXPECT(id, "school-age-end", 1, "2017-06-30", NULL, "lapsed",
	    NULL);
	ck_assert_int_eq(g->advisory, 1);
	EXPECT(id, "age-25", 1, "2026-08-15", NULL, "lapsed", "2026-08-14");
	/* The academic year of the 25th birthday ends on 31 July 2027. */
	g = EXPECT(id, "age-25-year-end", 1, "2027-07-31", NULL, "open",
	    "2027-07-30");
	ck_assert_contains(g->explain, "reg 46");
	EXPECT(id, "age-26-limit", 1, "2027-08-14", NULL, "open",
	    "2027-08-13");
}
END_TEST

/*
 * The age dates for every plan in force, however young the child and
 * however long ago the last review; derived when read, never stored.
 */
START_TEST(ages_every_plan)
{
	const struct got *g;
	int64_t young, old;

	born = "2015-10-14";
	young = make_plan("2025-06-02");
	at("2026-09-10");
	EXPECT(young, "age-25", 1, "2040-10-14", NULL, "open", "2040-10-12");
	g = EXPECT(young, "age-25-year-end", 1, "2041-07-31", NULL, "open",
	    NULL);
	ck_assert_contains(g->explain, "reached on 2040-10-14");
	ck_assert_int_eq(g->advisory, 1);
	EXPECT(young, "age-26-limit", 1, "2041-10-13", NULL, "open",
	    "2041-10-11");
	/* A plan of 2015 never reviewed since, the young person now 17. */
	born = "2009-05-01";
	old = make_plan("2015-06-01");
	at("2026-09-10");
	EXPECT(old, "age-25", 1, "2034-05-01", NULL, "open", NULL);
	EXPECT(old, "age-25-year-end", 1, "2034-07-31", NULL, "open", NULL);
	EXPECT(old, "age-26-limit", 1, "2035-04-30", NULL, "open", NULL);
	/* In date order among the stored ones, whatever their seq. */
	load(old);
	ck_assert_str_eq(dls[ndl - 1].rule, "age-26-limit");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM deadline WHERE rule_id "
	    "IN ('school-age-end', 'age-25', 'age-25-year-end', "
	    "'age-26-limit')"), 0);
	/* A plan that has ceased keeps them, void. */
	OK_STEP("cease decide", ehc_cease_decide(db, old, D("2026-09-01"),
	    "1"));
	at("2026-12-01");
	OK_STEP("cease end", ehc_cease_end(db, old, D("2026-12-01"), NULL));
	EXPECT(old, "age-25", 1, "2034-05-01", NULL, "void", NULL);
}
END_TEST

/* ---- the coronavirus exception: deadlines 2020-05-01 to 2020-09-25 ---- */

START_TEST(coronavirus_exception)
{
	const struct got *g;
	int64_t id, now;

	at("2020-06-01");
	id = new_request("2020-03-02");
	/* The 6 weeks ended 2020-04-13: before the exception began. */
	REFUSE(EHC_EINVAL, ehc_exception_record(db, id, "decide-assess",
	    "coronavirus", D("2020-06-01"), NULL, NULL));
	ck_assert_contains(ehc_db_errmsg(db), "2020-05-01 to 2020-09-25");
	OK_STEP("exception", ehc_exception_record(db, id, "final-plan",
	    "coronavirus", D("2020-06-01"), NULL, NULL));
	g = EXPECT(id, "final-plan", 1, "2020-07-20", NULL, "open", NULL);
	ck_assert_str_eq(g->exception, "coronavirus");
	at("2026-04-01");
	now = new_request("2026-03-02");
	REFUSE(EHC_EINVAL, ehc_exception_record(db, now, "final-plan",
	    "coronavirus", D("2026-04-01"), NULL, NULL));
}
END_TEST

/* ---- the registry ---- */

struct registry_check {
	int	 n, limbs;
	char	 ids[4096];
};

static int
registry_cb(const struct ehc_rule *ru, void *payload)
{
	struct registry_check *c = payload;
	char word[40];
	const char *p;
	int n;

	c->n++;
	ck_assert_msg(ru->regulation[0] != '\0', "%s has no regulation",
	    ru->id);
	ck_assert_msg(ru->trigger[0] != '\0', "%s has no trigger", ru->id);
	ck_assert_msg(ru->note[0] != '\0', "%s has no reading", ru->id);
	ck_assert_msg(strstr(" authority family health adviser school "
	    "mediator none ", ru->binds) != NULL, "%s binds '%s'", ru->id,
	    ru->binds);
	snprintf(word, sizeof(word), " %s ", ru->id);
	ck_assert_msg(strstr(c->ids, word) == NULL, "%s twice", ru->id);
	strncat(c->ids, word + 1, sizeof(c->ids) - strlen(c->ids) - 1);
	c->limbs += strcmp(ru->unit, "exception") == 0;
	/* Each exception a rule allows is one of the registry's limbs. */
	for (p = ru->exceptions; sscanf(p, "%39s%n", word, &n) == 1; p += n)
		ck_assert_msg(strstr(" school-closure early-years-closure "
		    "personal-circumstances absence missed-appointment "
		    "coronavirus ", word) != NULL, "%s allows '%s'", ru->id,
		    word);
	return 0;
}

START_TEST(registry)
{
	struct registry_check c;
	static const char *const added[] = {
		"cease-appeal-certificate", "mediation-certificate-declined",
		"mediation-agreement", "mediation-agreement-health",
		"tribunal-response", "unopposed-assess-notify",
		"unopposed-amend", "unopposed-plan-final", "unopposed-continue",
		"reassess-decision", "reassess-representations",
		"reassess-plan", "school-age-end", "age-25-year-end",
		"age-26-limit", "coronavirus", "agreement-assess-notify",
		"agreement-amend", "agreement-continue"
	};
	size_t i;
	char sql[128];

	memset(&c, 0, sizeof(c));
	c.ids[0] = ' ';
	ck_assert_int_eq(ehc_rule_foreach(NULL, registry_cb, &c), EHC_OK);
	for (i = 0; i < sizeof(added) / sizeof(added[0]); i++) {
		snprintf(sql, sizeof(sql), " %s ", added[i]);
		ck_assert_msg(strstr(c.ids, sql) != NULL, "no rule %s",
		    added[i]);
	}
	ck_assert_int_eq(c.limbs, 6);
	/* The store's rule table is the registry's copy, row for row. */
	ck_assert_int_eq(sql_int("SELECT count(*) FROM rule"), c.n);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM rule WHERE id = "
	    "'direct-payment-review' AND unit = 'period-months' AND "
	    "binds = 'authority'"), 1);
}
END_TEST

START_TEST(audit_every_write)
{
	char *s;
	int64_t id;
	int n = 0;

	/*
	 * OK_STEP checks the rows per write; here, what they say: five
	 * steps, and the two plan versions the draft and final plan keep.
	 */
	id = make_plan("2026-03-23");
	ck_assert_int_eq(sql_int("SELECT count(*) FROM audit WHERE case_id "
	    "IS NOT NULL"), 7);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM audit WHERE action = "
	    "'plan version'"), 2);
	s = sql_text("SELECT detail FROM audit WHERE action = 'request new'");
	ck_assert_ptr_nonnull(s);
	ck_assert_contains(s, "2025-12-13");
	free(s);
	s = sql_text("SELECT user FROM audit ORDER BY id DESC LIMIT 1");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "tester");
	free(s);
	ck_assert_int_eq(sql_int("SELECT count(DISTINCT case_id) FROM audit "
	    "WHERE case_id IS NOT NULL"), 1);
	ck_assert_int_eq(ehc_audit_foreach(db, id, count_entry, &n), EHC_OK);
	ck_assert_int_eq(n, 7);
}
END_TEST

/* ---- UPN check letters ---- */

static char
upn_letter(const char *body)	/* the 12 characters after the letter */
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int i, sum = 0, v;

	for (i = 0; i < 12; i++) {
		if (body[i] >= '0' && body[i] <= '9')
			v = body[i] - '0';
		else
			v = (int)(strchr(letters, body[i]) - letters);
		sum += v * (i + 2);
	}
	return letters[sum % 23];
}

START_TEST(upn)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	static const char *const bodies[] = {
		"820200101001", "938614501234", "000000000000", "999999999999",
		"20120011999A", "20120011999Z", "123456789012",
	};
	char upn[14];
	size_t i, j;

	/* Worked by hand (and by the rule in the brief). */
	ck_assert_int_eq(ehc_upn_valid("U820200101001"), 1);
	ck_assert_int_eq(ehc_upn_valid("H938614501234"), 1);
	ck_assert_int_eq(ehc_upn_valid("L20120011999A"), 1);	/* temporary */
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		upn[0] = upn_letter(bodies[i]);
		memcpy(upn + 1, bodies[i], 13);
		ck_assert_msg(ehc_upn_valid(upn) == 1, "%s refused", upn);
		/* Every other letter is wrong. */
		for (j = 0; letters[j] != '\0'; j++) {
			if (letters[j] == upn_letter(bodies[i]))
				continue;
			upn[0] = letters[j];
			ck_assert_msg(ehc_upn_valid(upn) == 0, "%s accepted",
			    upn);
		}
	}
	ck_assert_int_eq(ehc_upn_valid("A820200101001"), 0);
	ck_assert_int_eq(ehc_upn_valid("u820200101001"), 0);
	ck_assert_int_eq(ehc_upn_valid("U82020010100"), 0);	/* 12 */
	ck_assert_int_eq(ehc_upn_valid("U8202001010011"), 0);	/* 14 */
	ck_assert_int_eq(ehc_upn_valid("U82020O101001"), 0);	/* letter O */
	ck_assert_int_eq(ehc_upn_valid("U82020 101001"), 0);
	ck_assert_int_eq(ehc_upn_valid("U82020010100I"), 0);	/* no I */
	ck_assert_int_eq(ehc_upn_valid("8820200101001"), 0);
	ck_assert_int_eq(ehc_upn_valid(""), 0);
	ck_assert_int_eq(ehc_upn_valid(NULL), 0);
}
END_TEST

static Suite *
clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc;

	tc = tcase_create("assessment");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ex1_request_monday);
	tcase_add_test(tc, ex2_request_saturday);
	tcase_add_test(tc, bank_holiday_warning);
	tcase_add_test(tc, ex6_advice);
	tcase_add_test(tc, ex7_draft);
	tcase_add_test(tc, ex7_draft_forced);
	suite_add_tcase(s, tc);

	tc = tcase_create("review");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ex10_first_review);
	tcase_add_test(tc, leap_first_issue);
	tcase_add_test(tc, leap_review_decision);
	tcase_add_test(tc, ex15_review_and_amendment);
	tcase_add_test(tc, ex15_long_stop);
	tcase_add_test(tc, ex16_phase_transfer_school);
	tcase_add_test(tc, ex17_phase_transfer_meeting);
	tcase_add_test(tc, ex17_phase_transfer_breach);
	tcase_add_test(tc, ex19_phase_transfer_post16);
	tcase_add_test(tc, phase_transfer_post16_move);
	tcase_add_test(tc, ex21_amendment_christmas);
	tcase_add_test(tc, ex21_amendment_christmas_2026);
	suite_add_tcase(s, tc);

	tc = tcase_create("disputes");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ex22_mediation_and_appeal);
	tcase_add_test(tc, ex26_tribunal_orders);
	tcase_add_test(tc, ex28_transfers);
	tcase_add_test(tc, ranges_keep_cases_apart);
	suite_add_tcase(s, tc);

	tc = tcase_create("refusals");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, refuse_out_of_order);
	tcase_add_test(tc, refuse_after_withdrawal);
	tcase_add_test(tc, refuse_dates);
	tcase_add_test(tc, refuse_advice_type);
	tcase_add_test(tc, refuse_control_characters);
	tcase_add_test(tc, exceptions);
	suite_add_tcase(s, tc);

	tc = tcase_create("faults");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fault1_direct_payment_review);
	tcase_add_test(tc, fault2_certificate_extends_cease_window);
	tcase_add_test(tc, fault3_dispute_appeal_protects_plan);
	tcase_add_test(tc, fault4_amend_without_notice);
	tcase_add_test(tc, fault5_late_amendment_notice);
	suite_add_tcase(s, tc);

	tc = tcase_create("also");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, also_missed_report);
	tcase_add_test(tc, also_family_lapses);
	tcase_add_test(tc, actions_lead_times);
	tcase_add_test(tc, actions_booking_refused);
	tcase_add_test(tc, actions_order_on_a_day);
	tcase_add_test(tc, officer_profiles);
	tcase_add_test(tc, also_phase_kind);
	tcase_add_test(tc, also_year_group);
	tcase_add_test(tc, derived_phase_year6);
	tcase_add_test(tc, derived_phase_new_plan);
	tcase_add_test(tc, derived_phase_infant_junior);
	suite_add_tcase(s, tc);

	tc = tcase_create("steps");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reassessment);
	tcase_add_test(tc, reassessment_health);
	tcase_add_test(tc, mediation_declined_and_agreement);
	tcase_add_test(tc, mediation_agreement_appealable);
	tcase_add_test(tc, mediation_health_agreement);
	tcase_add_test(tc, tribunal_response);
	tcase_add_test(tc, unopposed_appeal);
	tcase_add_test(tc, ages);
	tcase_add_test(tc, ages_every_plan);
	tcase_add_test(tc, coronavirus_exception);
	tcase_add_test(tc, registry);
	suite_add_tcase(s, tc);

	tc = tcase_create("audit");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, audit_every_write);
	tcase_add_test(tc, upn);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(clock_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
