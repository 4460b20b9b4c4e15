/*
 * diary.c: bookings, the diary of what is to happen for a case.  Unlike
 * the events of the other steps, a booking is for today or later; it is
 * held when the event it books is recorded (review.c marks the review
 * meeting's).
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>

static int
kind_ok(const char *kind)
{
	return kind != NULL && (strcmp(kind, "review") == 0 ||
	    strcmp(kind, "planning") == 0 || strcmp(kind, "panel") == 0 ||
	    strcmp(kind, "advice") == 0);
}

/* "HH:MM" on the 24-hour clock. */
static int
time_ok(const char *t)
{
	return strlen(t) == 5 && isdigit((unsigned char)t[0]) &&
	    isdigit((unsigned char)t[1]) && t[2] == ':' &&
	    isdigit((unsigned char)t[3]) && isdigit((unsigned char)t[4]) &&
	    (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

static int
check(struct ehc_db *db, int64_t case_id, const struct ehc_booking_in *in)
{
	struct case_state cs;
	char d[EHC_DATE_LEN], t[EHC_DATE_LEN];
	int rc;

	if (in == NULL || in->version != EHC_BOOKING_IN_VERSION)
		return ehc__db_fail(db, EHC_EINVAL, "unknown ehc_booking_in "
		    "version");
	if (!kind_ok(in->kind))
		return ehc__db_fail(db, EHC_EINVAL, "a booking is of a review, "
		    "planning, panel or advice");
	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if (strcmp(in->kind, "review") == 0 && (cs.final_date ==
	    EHC_NO_DATE || cs.cease_date != EHC_NO_DATE))
		return ehc__db_fail(db, EHC_ESTATE, "the case has no plan in "
		    "force to review; a review meeting is booked once the "
		    "final plan is issued");
	if (in->date == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "a booking needs a date");
	if (db->today != EHC_NO_DATE && in->date < db->today)
		return ehc__db_fail(db, EHC_EINVAL, "the booking's date %s is "
		    "before today (%s); a meeting that happened is recorded, "
		    "not booked (ehc review CASE meeting)", ehc_date_format(d,
		    sizeof(d), in->date), ehc_date_format(t, sizeof(t),
		    db->today));
	if (in->time != NULL && !time_ok(in->time))
		return ehc__db_fail(db, EHC_EINVAL, "the time is HH:MM on the "
		    "24-hour clock, such as 09:30");
	if ((in->place != NULL && (rc = ehc__check_text(db, "the place",
	    in->place, 200, 0)) != EHC_OK) ||
	    (in->invite != NULL && (rc = ehc__check_text(db, "who is "
	    "invited", in->invite, 1000, 0)) != EHC_OK))
		return rc;
	return EHC_OK;
}

int
ehc_book(struct ehc_db *db, int64_t case_id, const struct ehc_booking_in *in)
{
	sqlite3_stmt *st;
	char detail[1400], d[EHC_DATE_LEN];
	int rc;

	if ((rc = check(db, case_id, in)) != EHC_OK)
		return rc;
	/* The booking not yet held is moved; else a new one. */
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO booking(id, case_id, "
	    "kind, date, time, place, invite, booked) VALUES ((SELECT id FROM "
	    "booking WHERE case_id = ?1 AND kind = ?2 AND held IS NULL), ?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET date = "
	    "excluded.date, time = excluded.time, place = excluded.place, "
	    "invite = excluded.invite, booked = excluded.booked")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	ehc__bind_text(st, 2, in->kind);
	ehc__bind_date(st, 3, in->date);
	ehc__bind_text(st, 4, in->time);
	ehc__bind_text(st, 5, in->place);
	ehc__bind_text(st, 6, in->invite);
	ehc__bind_date(st, 7, db->today != EHC_NO_DATE ? db->today :
	    in->date);
	rc = ehc__db_step_done(db, st, "booking");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "kind=%s on=%s%s%s%s%s%s%s",
	    in->kind, ehc_date_format(d, sizeof(d), in->date),
	    in->time ? " time=" : "", in->time ? in->time : "",
	    in->place ? " place=" : "", in->place ? in->place : "",
	    in->invite ? " invite=" : "", in->invite ? in->invite : "");
	return ehc__step_done(db, case_id, "booking", db->today, detail);
}

int
ehc__booking_held(struct ehc_db *db, int64_t case_id, const char *kind,
    int32_t date)
{
	return ehc__exec(db, "UPDATE booking SET held = ?2 WHERE id = (SELECT "
	    "id FROM booking WHERE case_id = ?1 AND kind = ?4 AND held IS "
	    "NULL)", case_id, date, EHC_NO_DATE, kind, NULL);
}
