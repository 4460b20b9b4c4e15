/*
 * action.c: the work that leads to the statutory dates, and the diary.
 * An action of the registry (rules.c) is due its lead time before an
 * open deadline, and goes when what it asks for is done: the meeting
 * booked or held, the draft served, the amendments proposed.  A booking
 * (a meeting, a panel, advice expected) is open until it is held; a
 * review meeting is held when recorded, the others once their day has
 * passed.  Both
 * are read from the stored deadlines and events, never stored.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct ehc__item {
	struct ehc_deadline	 d;
	int64_t			 case_id;
	int			 order;		/* ties: the registry's order */
	char			 case_ref[32], rule[40], subject[16];
	char			 officer[128], child[256], what[640];
	char			 status[8];
};

struct items {
	struct ehc_db		*db;
	int			 due;		/* for ehc due: open ones */
	int32_t			 horizon;
	struct ehc__item	*list;
	int			 n, cap;
};

/* The columns the queries below share: the case and the child. */
#define CASE_COLUMNS "c.id, c.ref, c.officer, c.safeguarding | " \
	"(c.looked_after << 1) | (c.chc << 2), p.forename || ' ' || p.surname "

static void
copy(char *dst, size_t len, const unsigned char *s)
{
	snprintf(dst, len, "%s", s != NULL ? (const char *)s : "");
}

/* A new item for the case of the row's first columns, or NULL. */
static struct ehc__item *
item_new(struct items *it, sqlite3_stmt *st, const char *kind)
{
	struct ehc__item *x;
	size_t cap;

	if (it->n == it->cap) {
		cap = it->cap ? 2 * (size_t)it->cap : 16;
		if ((x = realloc(it->list, cap * sizeof(*x))) == NULL)
			return NULL;
		it->list = x;
		it->cap = (int)cap;
	}
	x = &it->list[it->n++];
	memset(x, 0, sizeof(*x));
	x->case_id = sqlite3_column_int64(st, 0);
	copy(x->case_ref, sizeof(x->case_ref), sqlite3_column_text(st, 1));
	copy(x->officer, sizeof(x->officer), sqlite3_column_text(st, 2));
	x->d.flags = sqlite3_column_int(st, 3);
	copy(x->child, sizeof(x->child), sqlite3_column_text(st, 4));
	x->d.kind = kind;
	x->d.due = x->d.done = x->d.warning = x->d.protects_due = EHC_NO_DATE;
	return x;
}

static void
set_status(const struct items *it, struct ehc__item *x, const char *status)
{
	int32_t today = it->db->today;

	if (status == NULL)
		status = today != EHC_NO_DATE && x->d.due < today ? "overdue" :
		    "open";
	snprintf(x->status, sizeof(x->status), "%s", status);
	x->d.days = today == EHC_NO_DATE ? 0 : x->d.due - today;
	x->d.warning = ehc_db_is_working_day(it->db, x->d.due) ? EHC_NO_DATE :
	    ehc_db_working_day_before(it->db, x->d.due);
}

/*
 * The action a of the deadline on the row, due on act, unless ehc due
 * asks only for those up to its horizon.
 */
static int
action(struct items *it, sqlite3_stmt *st, const struct ehc__action *a,
    int order, int32_t act)
{
	struct ehc__item *x;
	char ds[EHC_DATE_LEN];

	if (it->due && act > it->horizon)
		return EHC_OK;
	if ((x = item_new(it, st, "action")) == NULL)
		return EHC_ENOMEM;
	x->order = order;
	x->d.due = act;
	snprintf(x->rule, sizeof(x->rule), "%s", a->id);
	copy(x->subject, sizeof(x->subject), sqlite3_column_text(st, 6));
	x->d.protects = a->rule;
	x->d.protects_due = ehc__column_date(st, 7);
	ehc_date_format(ds, sizeof(ds), x->d.protects_due);
	snprintf(x->what, sizeof(x->what), "%s for %s: %s%s%s due %s; %s",
	    a->what, x->child, a->rule, x->subject[0] ? " " : "", x->subject,
	    ds, a->why);
	set_status(it, x, NULL);
	return EHC_OK;
}

/*
 * Whether action a is still to do, and from when, for the deadline on
 * the row: columns 8 on say whether a review is open, the last meeting
 * and amendment, the next review booked and the draft plan.
 */
static int32_t
act_by(sqlite3_stmt *st, const struct ehc__action *a)
{
	int32_t due = ehc__column_date(st, 7);
	int open_review = sqlite3_column_int(st, 8);
	int32_t met = ehc__column_date(st, 9), proposed =
	    ehc__column_date(st, 10), booked = ehc__column_date(st, 11);
	int drafted = sqlite3_column_type(st, 12) != SQLITE_NULL;
	int32_t year = ehc_date_add_months(due, -12);

	if (strcmp(a->id, "book-review-meeting") == 0)
		return open_review || booked != EHC_NO_DATE ? EHC_NO_DATE :
		    due - a->lead;
	if (strcmp(a->id, "invite-review") == 0)
		return open_review ? EHC_NO_DATE : booked != EHC_NO_DATE ?
		    booked - 14 : due - a->lead;
	if (strcmp(a->id, "phase-review-meeting") == 0)
		return open_review || (met != EHC_NO_DATE && met >= year) ?
		    EHC_NO_DATE : due - a->lead;
	if (strcmp(a->id, "propose-phase-amendments") == 0)
		return proposed != EHC_NO_DATE && proposed >= year ?
		    EHC_NO_DATE : due - a->lead;
	if (strcmp(a->id, "draft-plan") == 0)
		return drafted ? EHC_NO_DATE : due - a->lead;
	return due - a->lead;
}

/*
 * The open deadlines actions lead to, with what says whether each is
 * done (act_by()); the caseload's by date, a case's or an officer's
 * from the case (CROSS JOIN fixes the order), so that one officer's
 * list costs their caseload.
 */
#define ACTION_SELECT "SELECT " CASE_COLUMNS ", d.rule, d.subject, d.due, " \
	"EXISTS (SELECT 1 FROM review r WHERE r.case_id = d.case_id AND " \
	"r.decided IS NULL), (SELECT max(r.meeting) FROM review r WHERE " \
	"r.case_id = d.case_id), (SELECT max(a.proposed) FROM amendment a " \
	"WHERE a.case_id = d.case_id), (SELECT min(b.date) FROM booking b " \
	"WHERE b.case_id = d.case_id AND b.kind = 'review' AND b.held IS " \
	"NULL), c.draft_date "
#define ACTION_FROM_CASE "FROM cases c CROSS JOIN deadline d ON d.case_id " \
	"= c.id JOIN person p ON p.id = c.person_id WHERE "
#define ACTION_WHERE "d.done IS NULL AND d.void = 0 AND d.advisory = 0 " \
	"AND d.rule IN ('annual-review', 'phase-transfer', 'advice', " \
	"'final-plan') AND (?1 IS NULL OR d.due <= ?1) ORDER BY d.due, c.id, " \
	"d.seq"

static int
actions(struct items *it, int64_t case_id, const char *officer)
{
	static const char *const sql[] = {
		ACTION_SELECT "FROM deadline d JOIN cases c ON c.id = "
		    "d.case_id JOIN person p ON p.id = c.person_id WHERE "
		    ACTION_WHERE,
		ACTION_SELECT ACTION_FROM_CASE "c.id = ?2 AND " ACTION_WHERE,
		ACTION_SELECT ACTION_FROM_CASE "c.officer = ?3 AND "
		    ACTION_WHERE,
	};
	const struct ehc__action *all;
	sqlite3_stmt *st;
	const char *rule;
	int32_t act;
	int i, n, lead = 0, rc;

	all = ehc__actions(&n);
	for (i = 0; i < n; i++)
		if (all[i].lead > lead)
			lead = all[i].lead;
	if ((rc = ehc__db_prepare(it->db, &st, sql[case_id != 0 ? 1 :
	    officer != NULL ? 2 : 0])) != EHC_OK)
		return rc;
	ehc__bind_date(st, 1, it->due ? it->horizon + lead : EHC_NO_DATE);
	sqlite3_bind_int64(st, 2, case_id);
	ehc__bind_text(st, 3, officer);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rule = (const char *)sqlite3_column_text(st, 5);
		for (i = 0, rc = EHC_OK; rc == EHC_OK && i < n; i++)
			if (strcmp(all[i].rule, rule) == 0 && (act =
			    act_by(st, &all[i])) != EHC_NO_DATE)
				rc = action(it, st, &all[i], i, act);
		if (rc != EHC_OK)
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return EHC_OK;
	return rc > 0 ? ehc__db_error(it->db, rc, "reading actions") : rc;
}

/* What is booked, in words: "review meeting 10:00 at X; invited: Y". */
static void
booked(struct ehc__item *x, sqlite3_stmt *st)
{
	const char *time = (const char *)sqlite3_column_text(st, 7);
	const char *place = (const char *)sqlite3_column_text(st, 8);
	const char *invite = (const char *)sqlite3_column_text(st, 9);
	const char *words = strcmp(x->rule, "review") == 0 ? "review meeting" :
	    strcmp(x->rule, "planning") == 0 ? "planning meeting" :
	    strcmp(x->rule, "panel") == 0 ? "panel" : "advice expected";

	snprintf(x->what, sizeof(x->what), "%s for %s%s%s%s%s%s%s", words,
	    x->child, time ? " at " : "", time ? time : "",
	    place ? ", " : "", place ? place : "", invite ? "; invited: " : "",
	    invite ? invite : "");
}

static int
bookings(struct items *it, int64_t case_id, const char *officer)
{
	static const char sql[] = "SELECT " CASE_COLUMNS ", b.kind, b.date, "
	    "b.time, b.place, b.invite, b.held FROM booking b JOIN cases c ON "
	    "c.id = b.case_id JOIN person p ON p.id = c.person_id WHERE (?2 = "
	    "0 OR c.id = ?2) AND (?3 IS NULL OR c.officer = ?3) AND (?1 IS "
	    "NULL OR (b.held IS NULL AND b.date <= ?1 AND (b.kind = 'review' "
	    "OR b.date >= ?4))) ORDER BY b.date, b.id";
	struct ehc__item *x;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(it->db, &st, sql)) != EHC_OK)
		return rc;
	ehc__bind_date(st, 1, it->due ? it->horizon : EHC_NO_DATE);
	sqlite3_bind_int64(st, 2, case_id);
	ehc__bind_text(st, 3, officer);
	ehc__bind_date(st, 4, it->db->today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((x = item_new(it, st, "booking")) == NULL) {
			rc = EHC_ENOMEM;
			break;
		}
		copy(x->rule, sizeof(x->rule), sqlite3_column_text(st, 5));
		x->d.due = ehc__column_date(st, 6);
		x->d.done = ehc__column_date(st, 10);
		booked(x, st);
		/*
		 * Only a review meeting is recorded when held; the others
		 * are past once their day is.
		 */
		set_status(it, x, x->d.done != EHC_NO_DATE ? "held" :
		    strcmp(x->rule, "review") != 0 && it->db->today !=
		    EHC_NO_DATE && x->d.due < it->db->today ? "past" : NULL);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return EHC_OK;
	return rc > 0 ? ehc__db_error(it->db, rc, "reading the diary") : rc;
}

static int
by_date(const void *pa, const void *pb)
{
	const struct ehc__item *a = pa, *b = pb;

	if (a->d.due != b->d.due)
		return a->d.due < b->d.due ? -1 : 1;
	if (a->case_id != b->case_id)
		return a->case_id < b->case_id ? -1 : 1;
	return a->order - b->order;
}

int
ehc__items(struct ehc_db *db, int64_t case_id, const char *officer,
    int due, int32_t horizon, struct ehc__item **out, int *n)
{
	struct items it = { db, due, horizon, NULL, 0, 0 };
	struct ehc__item *x;
	int i, rc;

	if ((rc = actions(&it, case_id, officer)) == EHC_OK)
		rc = bookings(&it, case_id, officer);
	if (rc != EHC_OK) {
		free(it.list);
		return rc;
	}
	if (it.n > 1)
		qsort(it.list, (size_t)it.n, sizeof(*it.list), by_date);
	/* The strings, now that the list no longer moves. */
	for (i = 0; i < it.n; i++) {
		x = &it.list[i];
		x->d.case_ref = x->case_ref;
		x->d.officer = x->officer[0] ? x->officer : NULL;
		x->d.child = x->child;
		x->d.rule = x->d.rule_id = x->rule;
		x->d.subject = x->subject[0] ? x->subject : NULL;
		x->d.what = x->what;
		x->d.status = x->status;
		x->d.regulation = "";
	}
	*out = it.list;
	*n = it.n;
	return EHC_OK;
}

const struct ehc_deadline *
ehc__item_at(const struct ehc__item *list, int i)
{
	return &list[i].d;
}

void
ehc__items_free(struct ehc__item *list)
{
	free(list);
}
