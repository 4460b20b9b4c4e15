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

/*
 * The items, sorted in a scratch database (a temporary file with a
 * bounded cache), so that the caseload's list takes the same memory
 * however long it is.  On a day the deadlines come first, by case and
 * the order of the steps; then the actions and bookings, by case, then
 * by the registry's order with a booking after the first action, then
 * by the deadline an action leads to, or the booking's id.
 */
struct ehc__items {
	struct ehc_db		*db;
	int			 due;		/* for ehc due: open ones */
	int32_t			 horizon;
	sqlite3			*x;
	sqlite3_stmt		*add, *next;
	struct ehc_deadline	 d;		/* the current item */
	char			 what[640];
};

enum { DEADLINE, ACTION, BOOKING };

static const char scratch_sql[] = "PRAGMA cache_size = -2048; "
    "CREATE TABLE item ("
    "  day INTEGER NOT NULL,"		/* due, act by, or booked for */
    "  kind INTEGER NOT NULL,"		/* DEADLINE, ACTION, BOOKING */
    "  case_id INTEGER NOT NULL,"
    "  ord INTEGER NOT NULL,"		/* an action's in the registry */
    "  k1 INTEGER NOT NULL,"		/* seq; protected day; booking id */
    "  k2 INTEGER NOT NULL,"		/* an action's deadline's seq */
    "  ref TEXT, officer TEXT, flags INTEGER, child TEXT,"
    "  rule TEXT,"			/* a deadline's, a booking's kind */
    "  rule_id TEXT, subject TEXT, exception TEXT, effective INTEGER,"
    "  held INTEGER, time TEXT, place TEXT, invite TEXT)";

/* The columns the queries below share: the case and the child. */
#define CASE_COLUMNS "c.id, c.ref, c.officer, c.safeguarding | " \
	"(c.looked_after << 1) | (c.chc << 2), p.forename || ' ' || p.surname "

/* A failure of the scratch database, SQLite's rc. */
static int
sort_fail(struct ehc__items *it, int rc)
{
	return ehc__db_fail(it->db, rc == SQLITE_NOMEM ? EHC_ENOMEM : EHC_EIO,
	    "cannot sort the actions: %s", sqlite3_errmsg(it->x));
}

/*
 * Add an item for the case of the row's first columns (CASE_COLUMNS);
 * the caller has bound what else it has, ?11 on.
 */
static int
add(struct ehc__items *it, sqlite3_stmt *st, int32_t day, int kind,
    int ord, int64_t k1, int64_t k2)
{
	sqlite3_stmt *a = it->add;
	int c, rc;

	sqlite3_bind_int(a, 1, day);
	sqlite3_bind_int(a, 2, kind);
	sqlite3_bind_int64(a, 3, sqlite3_column_int64(st, 0));
	sqlite3_bind_int(a, 4, ord);
	sqlite3_bind_int64(a, 5, k1);
	sqlite3_bind_int64(a, 6, k2);
	for (c = 1; c <= 4; c++)
		sqlite3_bind_value(a, 6 + c, sqlite3_column_value(st, c));
	rc = sqlite3_step(a);
	sqlite3_reset(a);
	sqlite3_clear_bindings(a);
	return rc == SQLITE_DONE ? EHC_OK : sort_fail(it, rc);
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
 * done (act_by()), read only for the rules whose actions ask; for ehc
 * due, also the open deadlines up to the horizon (?2) and whether each
 * is the one case show marks effective, the earliest open review date
 * (ties in step order).  Case by case (CROSS JOIN fixes the order), so
 * that the caseload's list reads each table's pages in order once, and
 * an officer's costs their caseload.
 */
#define ACTION_SELECT "SELECT " CASE_COLUMNS ", d.rule, d.subject, d.due, " \
	"CASE WHEN d.rule IN ('annual-review', 'phase-transfer') THEN " \
	"EXISTS (SELECT 1 FROM review r WHERE r.case_id = d.case_id AND " \
	"r.decided IS NULL) END, CASE d.rule WHEN 'phase-transfer' THEN " \
	"(SELECT max(r.meeting) FROM review r WHERE r.case_id = d.case_id) " \
	"END, CASE d.rule WHEN 'phase-transfer' THEN (SELECT " \
	"max(a.proposed) FROM amendment a WHERE a.case_id = d.case_id) END, " \
	"CASE d.rule WHEN 'annual-review' THEN (SELECT min(b.date) FROM " \
	"booking b WHERE b.case_id = d.case_id AND b.kind = 'review' AND " \
	"b.held IS NULL) END, c.draft_date, d.seq, d.rule_id, d.exception, " \
	"CASE WHEN d.due <= ?2 THEN d.seq IS (SELECT e.seq FROM deadline e " \
	"WHERE e.case_id = d.case_id AND e.done IS NULL AND e.void = 0 AND " \
	"e.advisory = 0 AND e.rule IN ('annual-review', 'review-decision', " \
	"'amended-plan', 'phase-transfer') ORDER BY e.due, e.seq LIMIT 1) " \
	"END FROM cases c CROSS JOIN deadline d ON d.case_id = c.id JOIN " \
	"person p ON p.id = c.person_id WHERE d.done IS NULL AND d.void = 0 " \
	"AND d.advisory = 0 AND "
#define ACTION_RULES "d.rule IN ('annual-review', 'phase-transfer', " \
	"'advice', 'final-plan')"
#define DUE_WHERE "(d.due <= ?2 OR (d.due <= ?1 AND " ACTION_RULES "))"

/*
 * The deadline on the row, for ehc due, unless it has lapsed: not the
 * authority's to do.
 */
static int
deadline(struct ehc__items *it, sqlite3_stmt *st)
{
	const struct ehc__rule *ru;
	int32_t due = ehc__column_date(st, 7), today = it->db->today;

	ru = ehc__rule((const char *)sqlite3_column_text(st, 14));
	if (today != EHC_NO_DATE && today > due && ru != NULL &&
	    ehc__rule_lapses(ru))
		return EHC_OK;
	sqlite3_bind_value(it->add, 11, sqlite3_column_value(st, 5));
	sqlite3_bind_value(it->add, 12, sqlite3_column_value(st, 14));
	sqlite3_bind_value(it->add, 13, sqlite3_column_value(st, 6));
	sqlite3_bind_value(it->add, 14, sqlite3_column_value(st, 15));
	sqlite3_bind_int(it->add, 15, sqlite3_column_int(st, 16));
	return add(it, st, due, DEADLINE, 0, sqlite3_column_int64(st, 13), 0);
}

static int
actions(struct ehc__items *it, int64_t case_id, const char *officer)
{
	static const char *const sql[] = {
		ACTION_SELECT DUE_WHERE,
		ACTION_SELECT "c.id = ?4 AND " ACTION_RULES,
		ACTION_SELECT "c.officer = ?3 AND " DUE_WHERE,
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
	ehc__bind_date(st, 2, it->due ? it->horizon : EHC_NO_DATE);
	ehc__bind_text(st, 3, officer);
	sqlite3_bind_int64(st, 4, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = EHC_OK;
		if (it->due && ehc__column_date(st, 7) <= it->horizon)
			rc = deadline(it, st);
		rule = (const char *)sqlite3_column_text(st, 5);
		for (i = 0; rc == EHC_OK && i < n; i++) {
			if (strcmp(all[i].rule, rule) != 0 || (act =
			    act_by(st, &all[i])) == EHC_NO_DATE ||
			    (it->due && act > it->horizon))
				continue;
			sqlite3_bind_value(it->add, 13,
			    sqlite3_column_value(st, 6));
			rc = add(it, st, act, ACTION, i,
			    ehc__column_date(st, 7), sqlite3_column_int64(st,
			    13));
		}
		if (rc != EHC_OK)
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return EHC_OK;
	return rc > 0 ? ehc__db_error(it->db, rc, "reading actions") : rc;
}

static int
bookings(struct ehc__items *it, int64_t case_id, const char *officer)
{
	static const char sql[] = "SELECT " CASE_COLUMNS ", b.kind, b.date, "
	    "b.time, b.place, b.invite, b.held, b.id FROM booking b JOIN "
	    "cases c ON c.id = b.case_id JOIN person p ON p.id = c.person_id "
	    "WHERE (?2 = 0 OR c.id = ?2) AND (?3 IS NULL OR c.officer = ?3) "
	    "AND (?1 IS NULL OR (b.held IS NULL AND b.date <= ?1 AND (b.kind "
	    "= 'review' OR b.date >= ?4)))";
	sqlite3_stmt *st;
	int32_t held;
	int c, rc;

	if ((rc = ehc__db_prepare(it->db, &st, sql)) != EHC_OK)
		return rc;
	ehc__bind_date(st, 1, it->due ? it->horizon : EHC_NO_DATE);
	sqlite3_bind_int64(st, 2, case_id);
	ehc__bind_text(st, 3, officer);
	ehc__bind_date(st, 4, it->db->today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_bind_value(it->add, 11, sqlite3_column_value(st, 5));
		if ((held = ehc__column_date(st, 10)) != EHC_NO_DATE)
			sqlite3_bind_int(it->add, 16, held);
		for (c = 7; c <= 9; c++)
			sqlite3_bind_value(it->add, 10 + c,
			    sqlite3_column_value(st, c));
		if ((rc = add(it, st, ehc__column_date(st, 6), BOOKING, 0,
		    sqlite3_column_int64(st, 11), 0)) != EHC_OK)
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return EHC_OK;
	return rc > 0 ? ehc__db_error(it->db, rc, "reading the diary") : rc;
}

int
ehc__items_open(struct ehc__items **out, struct ehc_db *db, int64_t case_id,
    const char *officer, int due, int32_t horizon)
{
	struct ehc__items *it;
	int rc;

	if ((*out = it = calloc(1, sizeof(*it))) == NULL)
		return EHC_ENOMEM;
	it->db = db;
	it->due = due;
	it->horizon = horizon;
	if ((rc = ehc__scratch_open(db, &it->x, scratch_sql)) != EHC_OK)
		return rc;
	if ((rc = sqlite3_prepare_v2(it->x, "INSERT INTO item VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
	    "?16, ?17, ?18, ?19)", -1, &it->add, NULL)) != SQLITE_OK)
		return sort_fail(it, rc);
	if ((rc = actions(it, case_id, officer)) != EHC_OK ||
	    (rc = bookings(it, case_id, officer)) != EHC_OK)
		return rc;
	if ((rc = sqlite3_prepare_v2(it->x, "SELECT day, kind, ord, k1, ref, "
	    "officer, flags, child, rule, rule_id, subject, exception, "
	    "effective, held, time, place, invite FROM item ORDER BY day, "
	    "kind > 0, case_id, ord, kind, k1, k2", -1,
	    &it->next, NULL)) != SQLITE_OK)
		return sort_fail(it, rc);
	return EHC_OK;
}

static const char *
text_or_null(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	return s != NULL && *s != '\0' ? s : NULL;
}

/* A deadline on the row of the sorted items, as case show has it. */
static void
deadline_at(struct ehc__items *it, sqlite3_stmt *st)
{
	struct ehc_deadline *d = &it->d;
	const struct ehc__rule *ru;

	d->kind = "deadline";
	d->officer = (const char *)sqlite3_column_text(st, 5);
	d->child = (const char *)sqlite3_column_text(st, 7);
	d->rule = (const char *)sqlite3_column_text(st, 8);
	d->rule_id = (const char *)sqlite3_column_text(st, 9);
	ru = ehc__rule(d->rule_id);
	d->regulation = ru != NULL ? ru->regulation : "";
	d->subject = (const char *)sqlite3_column_text(st, 10);
	d->exception = (const char *)sqlite3_column_text(st, 11);
	d->effective = sqlite3_column_int(st, 12);
}

/* The action on the row of the sorted items, in words. */
static void
action_at(struct ehc__items *it, sqlite3_stmt *st)
{
	struct ehc_deadline *d = &it->d;
	const struct ehc__action *a;
	char ds[EHC_DATE_LEN];
	int n;

	a = &ehc__actions(&n)[sqlite3_column_int(st, 2)];
	d->kind = "action";
	d->rule = d->rule_id = a->id;
	d->protects = a->rule;
	d->protects_due = sqlite3_column_int(st, 3);
	ehc_date_format(ds, sizeof(ds), d->protects_due);
	snprintf(it->what, sizeof(it->what), "%s for %s: %s%s%s due %s; %s",
	    a->what, d->child, a->rule, d->subject ? " " : "", d->subject ?
	    d->subject : "", ds, a->why);
}

/*
 * The booking on the row, in words: "review meeting for X at 10:00,
 * Y; invited: Z".
 */
static void
booking_at(struct ehc__items *it, sqlite3_stmt *st)
{
	struct ehc_deadline *d = &it->d;
	const char *time = (const char *)sqlite3_column_text(st, 14);
	const char *place = (const char *)sqlite3_column_text(st, 15);
	const char *invite = (const char *)sqlite3_column_text(st, 16);

	d->kind = "booking";
	d->rule = d->rule_id = (const char *)sqlite3_column_text(st, 8);
	if (sqlite3_column_type(st, 13) != SQLITE_NULL)
		d->done = sqlite3_column_int(st, 13);
	snprintf(it->what, sizeof(it->what), "%s for %s%s%s%s%s%s%s",
	    strcmp(d->rule, "review") == 0 ? "review meeting" :
	    strcmp(d->rule, "planning") == 0 ? "planning meeting" :
	    strcmp(d->rule, "panel") == 0 ? "panel" : "advice expected",
	    d->child, time ? " at " : "", time ? time : "",
	    place ? ", " : "", place ? place : "", invite ? "; invited: " : "",
	    invite ? invite : "");
}

int
ehc__items_next(struct ehc__items *it, const struct ehc_deadline **out)
{
	struct ehc_deadline *d = &it->d;
	sqlite3_stmt *st = it->next;
	int32_t today = it->db->today;
	int kind, rc;

	*out = NULL;
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return EHC_OK;
	if (rc != SQLITE_ROW)
		return sort_fail(it, rc);
	memset(d, 0, sizeof(*d));
	d->due = sqlite3_column_int(st, 0);
	d->done = d->protects_due = EHC_NO_DATE;
	d->case_ref = (const char *)sqlite3_column_text(st, 4);
	d->flags = sqlite3_column_int(st, 6);
	if ((kind = sqlite3_column_int(st, 1)) == DEADLINE)
		deadline_at(it, st);
	else {
		d->officer = text_or_null(st, 5);
		d->child = (const char *)sqlite3_column_text(st, 7);
		if (d->child == NULL)
			d->child = "";
		d->subject = text_or_null(st, 10);
		d->regulation = "";
		d->what = it->what;
		if (kind == BOOKING)
			booking_at(it, st);
		else
			action_at(it, st);
	}
	/*
	 * Only a review meeting is recorded when held; the other bookings
	 * are past once their day is.
	 */
	d->status = d->done != EHC_NO_DATE ? "held" : today != EHC_NO_DATE &&
	    d->due < today ? (kind == BOOKING && strcmp(d->rule, "review") !=
	    0 ? "past" : "overdue") : "open";
	d->days = today == EHC_NO_DATE ? 0 : d->due - today;
	d->warning = ehc_db_is_working_day(it->db, d->due) ? EHC_NO_DATE :
	    ehc_db_working_day_before(it->db, d->due);
	*out = d;
	return EHC_OK;
}

void
ehc__items_close(struct ehc__items *it)
{
	if (it == NULL)
		return;
	sqlite3_finalize(it->add);
	sqlite3_finalize(it->next);
	sqlite3_close(it->x);
	free(it);
}
