/*
 * people.c: the people around a case and how to reach them, whom its
 * letters go to, its safeguarding concerns and its Continuing Health
 * Care record.
 */
#include "internal.h"

#include <ehc/people.h>
#include <stdio.h>
#include <string.h>

#define NAME_LEN	100
#define FIELD_LEN	200
#define ADDRESS_LEN	500
#define CONCERN_LEN	500

static const char *const roles[] = {
	"parent", "carer", "young-person", "ep", "health", "social-worker",
	"senco", "key-worker", "other", NULL
};

static int
one_of(const char *const *list, const char *s)
{
	for (; s != NULL && *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
family(const char *role)
{
	return strcmp(role, "parent") == 0 || strcmp(role, "carer") == 0;
}

/* The case must exist: people and concerns outlive its plan. */
static int
live_case(struct ehc_db *db, int64_t case_id)
{
	struct case_state cs;

	return ehc__case_state(db, case_id, &cs);
}

static int
check_contact(struct ehc_db *db, const struct ehc_contact_in *in)
{
	int rc;

	if (!one_of(roles, in->role))
		return ehc__db_fail(db, EHC_EINVAL, "unknown role '%.30s'; use "
		    "parent, carer, young-person, ep, health, social-worker, "
		    "senco, key-worker or other", in->role ? in->role : "");
	if (in->pr && !family(in->role))
		return ehc__db_fail(db, EHC_EINVAL, "only a parent or carer "
		    "has parental responsibility; leave out --pr");
	if ((rc = ehc__check_text(db, "the name", in->name, NAME_LEN, 1))
	    != EHC_OK ||
	    (rc = ehc__check_text(db, "the organisation", in->organisation,
	    FIELD_LEN, 0)) != EHC_OK ||
	    (rc = ehc__check_textn(db, "the address", in->address,
	    in->address ? strlen(in->address) : 0, ADDRESS_LEN,
	    EHC__TEXT_LINES)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the phone number", in->phone,
	    FIELD_LEN, 0)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the email address", in->email,
	    FIELD_LEN, 0)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the language", in->language,
	    FIELD_LEN, 0)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the format", in->format, FIELD_LEN,
	    0)) != EHC_OK)
		return rc;
	if (in->email != NULL && *in->email != '\0' &&
	    (strchr(in->email, '@') == NULL || strchr(in->email, ' ') != NULL))
		return ehc__db_fail(db, EHC_EINVAL, "'%.60s' is not an email "
		    "address", in->email);
	return EHC_OK;
}

int
ehc_contact_add(int64_t *id_out, struct ehc_db *db, int64_t case_id,
    const struct ehc_contact_in *in)
{
	static const char sql[] = "INSERT INTO contact(case_id, role, name, "
	    "pr, organisation, address, phone, email, language, format) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *st;
	char extra[64];
	int64_t id;
	int rc;

	if ((rc = ehc__check_version(db, "struct ehc_contact_in",
	    in == NULL ? NULL : &in->version, EHC_CONTACT_IN_VERSION))
	    != EHC_OK ||
	    (rc = live_case(db, case_id)) != EHC_OK ||
	    (rc = check_contact(db, in)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	ehc__bind_text(st, 2, in->role);
	ehc__bind_text(st, 3, in->name);
	sqlite3_bind_int(st, 4, in->pr != 0);
	ehc__bind_text(st, 5, in->organisation);
	ehc__bind_text(st, 6, in->address);
	ehc__bind_text(st, 7, in->phone);
	ehc__bind_text(st, 8, in->email);
	ehc__bind_text(st, 9, in->language);
	ehc__bind_text(st, 10, in->format);
	rc = ehc__db_step_done(db, st, "adding a contact");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	id = sqlite3_last_insert_rowid(db->h);
	/* The audit names the role, not the person. */
	snprintf(extra, sizeof(extra), "contact=%lld role=%s", (long long)id,
	    in->role);
	if ((rc = ehc__audit(db, case_id, "case contact add", extra))
	    != EHC_OK)
		return rc;
	if (id_out != NULL)
		*id_out = id;
	return EHC_OK;
}

int
ehc_contact_remove(struct ehc_db *db, int64_t case_id, int64_t contact_id,
    int32_t date)
{
	sqlite3_stmt *st;
	char extra[48];
	int rc, found, removed;

	if ((rc = live_case(db, case_id)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the date", date, EHC_NO_DATE,
	    NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT removed IS NOT NULL FROM "
	    "contact WHERE id = ?1 AND case_id = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, contact_id);
	sqlite3_bind_int64(st, 2, case_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	removed = found && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!found)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the case has no "
		    "contact %lld; see 'ehc case contact CASE list'",
		    (long long)contact_id);
	if (removed)
		return ehc__db_fail(db, EHC_ESTATE, "contact %lld is already "
		    "removed", (long long)contact_id);
	if ((rc = ehc__exec(db, "UPDATE contact SET removed = ?2 WHERE id = "
	    "?1", contact_id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "contact=%lld", (long long)contact_id);
	return ehc__step_done(db, case_id, "case contact remove", date, extra);
}

static const char contact_sql[] = "SELECT id, role, name, pr, "
    "organisation, address, phone, email, language, format, removed "
    "FROM contact WHERE case_id = ?1 ORDER BY CASE role WHEN "
    "'young-person' THEN 0 WHEN 'parent' THEN 1 WHEN 'carer' THEN 1 "
    "ELSE 2 END, id";

static const char *
text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int
ehc_contact_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_contact *, void *), void *payload)
{
	struct ehc_contact c;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, contact_sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		c.role = text(st, 1);
		c.name = text(st, 2);
		c.pr = sqlite3_column_int(st, 3);
		c.organisation = text(st, 4);
		c.address = text(st, 5);
		c.phone = text(st, 6);
		c.email = text(st, 7);
		c.language = text(st, 8);
		c.format = text(st, 9);
		c.removed = ehc__column_date(st, 10);
		if ((rc = cb(&c, payload)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading contacts");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_contact_addressee(char *out, size_t out_len, char *address,
    size_t address_len, struct ehc_db *db, int64_t case_id, int32_t on)
{
	sqlite3_stmt *st;
	int32_t dob;
	int rc, adult, n = 0, offset;
	size_t len;
	const char *forename = NULL;

	if ((rc = ehc__check_out(db, out, out_len, 1)) != EHC_OK ||
	    (address != NULL && (rc = ehc__check_out(db, address, address_len,
	    1)) != EHC_OK) ||
	    (rc = ehc__case_age(db, case_id, &dob, &offset)) != EHC_OK)
		return rc;
	*out = '\0';
	if (address != NULL)
		*address = '\0';
	/* Rights pass to the young person after compulsory school age. */
	adult = dob != EHC_NO_DATE && on > ehc_school_age_end(dob);
	if ((rc = ehc__db_prepare(db, &st, "SELECT c.name, c.address FROM "
	    "contact c WHERE c.case_id = ?1 AND c.removed IS NULL AND "
	    "(CASE WHEN ?2 THEN c.role = 'young-person' ELSE c.pr = 1 END) "
	    "ORDER BY c.id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, adult);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		len = strlen(out);
		snprintf(out + len, out_len - len, "%s%s", n++ ? " and " : "",
		    text(st, 0));
		if (n == 1 && address != NULL && text(st, 1) != NULL)
			snprintf(address, address_len, "%s", text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading contacts");
	if (n > 0)
		return EHC_OK;
	if (adult) {
		if ((rc = ehc__db_prepare(db, &st, "SELECT p.forename FROM "
		    "cases c JOIN person p ON p.id = c.person_id WHERE c.id = "
		    "?1")) != EHC_OK)
			return rc;
		sqlite3_bind_int64(st, 1, case_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			forename = text(st, 0);
		snprintf(out, out_len, "%s", forename ? forename :
		    "young person");
		sqlite3_finalize(st);
	} else
		snprintf(out, out_len, "parent or carer");
	return EHC_OK;
}

/* Set the case's flag as its open concerns (or CHC outcome) say. */
static int
set_flag(struct ehc_db *db, int64_t case_id, const char *sql)
{
	return ehc__exec(db, sql, case_id, EHC_NO_DATE, EHC_NO_DATE, NULL,
	    NULL);
}

int
ehc_concern_raise(int64_t *id_out, struct ehc_db *db, int64_t case_id,
    int32_t date, const char *raised_by, const char *note)
{
	static const char sql[] = "INSERT INTO concern(case_id, raised, "
	    "raised_by, note) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	char extra[48];
	int64_t id;
	int rc;

	if (raised_by == NULL)
		raised_by = db->user ? db->user : "unknown";
	if ((rc = live_case(db, case_id)) != EHC_OK ||
	    (rc = ehc__check_text(db, "who raised the concern", raised_by,
	    NAME_LEN, 1)) != EHC_OK ||
	    (rc = ehc__check_textn(db, "the concern's note", note,
	    note ? strlen(note) : 0, CONCERN_LEN, EHC__TEXT_LINES))
	    != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the concern", date, EHC_NO_DATE,
	    NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	ehc__bind_date(st, 2, date);
	ehc__bind_text(st, 3, raised_by);
	ehc__bind_text(st, 4, note);
	rc = ehc__db_step_done(db, st, "recording a concern");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	id = sqlite3_last_insert_rowid(db->h);
	if ((rc = set_flag(db, case_id, "UPDATE cases SET safeguarding = 1 "
	    "WHERE id = ?1")) != EHC_OK)
		return rc;
	/* The note is restricted: the audit says only that there is one. */
	snprintf(extra, sizeof(extra), "concern=%lld", (long long)id);
	if ((rc = ehc__step_done(db, case_id, "case concern raise", date,
	    extra)) != EHC_OK)
		return rc;
	if (id_out != NULL)
		*id_out = id;
	return EHC_OK;
}

static int
flag_set(struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st;
	int on = 0;

	if (ehc__db_cached(db, &st, "SELECT safeguarding FROM cases WHERE "
	    "id = ?1") != EHC_OK)
		return 0;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		on = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return on;
}

static int
clear_old_flag(struct ehc_db *db, int64_t case_id, int32_t date)
{
	int rc;

	if ((rc = ehc__check_event_date(db, "the closing", date, EHC_NO_DATE,
	    NULL)) != EHC_OK ||
	    (rc = set_flag(db, case_id, "UPDATE cases SET safeguarding = 0 "
	    "WHERE id = ?1")) != EHC_OK)
		return rc;
	return ehc__step_done(db, case_id, "case concern close", date,
	    "concern=none");
}

int
ehc_concern_close(struct ehc_db *db, int64_t case_id, int64_t concern_id,
    int32_t date)
{
	sqlite3_stmt *st;
	char extra[48];
	int32_t raised = EHC_NO_DATE;
	int rc, open = 0, found = 0;

	if ((rc = live_case(db, case_id)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT max(raised), "
	    "count(closed IS NULL OR NULL), count(*) FROM concern WHERE "
	    "case_id = ?1 AND (?2 = 0 OR id = ?2) AND (?2 <> 0 OR closed IS "
	    "NULL)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, concern_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		raised = ehc__column_date(st, 0);
		open = sqlite3_column_int(st, 1);
		found = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (concern_id != 0 && !found)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the case has no "
		    "concern %lld; see 'ehc case show CASE'",
		    (long long)concern_id);
	/* A flag set before concerns were kept, or by an import, clears. */
	if (open == 0 && concern_id == 0 && flag_set(db, case_id))
		return clear_old_flag(db, case_id, date);
	if (open == 0)
		return ehc__db_fail(db, EHC_ESTATE, "no open safeguarding "
		    "concern to close");
	if ((rc = ehc__check_event_date(db, "the closing", date, raised,
	    "the concern was raised")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "UPDATE concern SET closed = ?3 "
	    "WHERE case_id = ?1 AND closed IS NULL AND (?2 = 0 OR id = ?2)"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, concern_id);
	ehc__bind_date(st, 3, date);
	rc = ehc__db_step_done(db, st, "closing a concern");
	sqlite3_reset(st);
	if (rc != EHC_OK ||
	    (rc = set_flag(db, case_id, "UPDATE cases SET safeguarding = "
	    "EXISTS (SELECT 1 FROM concern WHERE case_id = ?1 AND closed IS "
	    "NULL) WHERE id = ?1")) != EHC_OK)
		return rc;
	if (concern_id == 0)
		snprintf(extra, sizeof(extra), "concern=all");
	else
		snprintf(extra, sizeof(extra), "concern=%lld",
		    (long long)concern_id);
	return ehc__step_done(db, case_id, "case concern close", date, extra);
}

int
ehc_concern_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_concern *, void *), void *payload)
{
	struct ehc_concern c;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT id, raised, raised_by, "
	    "note, closed FROM concern WHERE case_id = ?1 ORDER BY raised, "
	    "id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		c.raised = ehc__column_date(st, 1);
		c.raised_by = text(st, 2);
		c.note = text(st, 3);
		c.closed = ehc__column_date(st, 4);
		if ((rc = cb(&c, payload)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading concerns");
	sqlite3_finalize(st);
	return rc;
}

int
ehc_chc_get(struct ehc_chc *out, struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st;
	const char *o;
	int rc;

	out->referred = out->decided = EHC_NO_DATE;
	out->outcome = NULL;
	if ((rc = ehc__db_cached(db, &st, "SELECT referred, outcome, decided "
	    "FROM chc WHERE case_id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->referred = ehc__column_date(st, 0);
		o = text(st, 1);
		out->outcome = o == NULL ? NULL : strcmp(o, "eligible") == 0 ?
		    "eligible" : "not-eligible";
		out->decided = ehc__column_date(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading the CHC record");
	return EHC_OK;
}

int
ehc_chc_record(struct ehc_db *db, int64_t case_id, const char *step,
    int32_t date)
{
	struct ehc_chc c;
	int rc, referral;

	if (step == NULL || (strcmp(step, "referred") != 0 &&
	    strcmp(step, "eligible") != 0 &&
	    strcmp(step, "not-eligible") != 0))
		return ehc__db_fail(db, EHC_EINVAL, "unknown CHC step '%.30s'; "
		    "use referred, eligible or not-eligible", step ? step : "");
	if ((rc = live_case(db, case_id)) != EHC_OK ||
	    (rc = ehc_chc_get(&c, db, case_id)) != EHC_OK)
		return rc;
	referral = strcmp(step, "referred") == 0;
	if (referral && c.referred != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case was referred for "
		    "Continuing Health Care already");
	if (!referral && c.referred == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the case has not been "
		    "referred for Continuing Health Care; record 'ehc case "
		    "chc CASE referred' first");
	if (!referral && c.outcome != NULL)
		return ehc__db_fail(db, EHC_ESTATE, "the CHC referral has been "
		    "decided already (%s)", c.outcome);
	if ((rc = ehc__check_event_date(db, "the CHC step", date,
	    referral ? EHC_NO_DATE : c.referred, "the referral")) != EHC_OK)
		return rc;
	if (referral)
		rc = ehc__exec(db, "INSERT INTO chc(case_id, referred) VALUES "
		    "(?1, ?2)", case_id, date, EHC_NO_DATE, NULL, NULL);
	else if ((rc = ehc__exec(db, "UPDATE chc SET outcome = ?4, decided = "
	    "?2 WHERE case_id = ?1", case_id, date, EHC_NO_DATE, step, NULL))
	    == EHC_OK)
		rc = ehc__exec(db, "UPDATE cases SET chc = (?4 = 'eligible') "
		    "WHERE id = ?1", case_id, EHC_NO_DATE, EHC_NO_DATE, step,
		    NULL);
	if (rc != EHC_OK)
		return rc;
	return ehc__step_done(db, case_id, referral ? "case chc referred" :
	    "case chc decided", date, referral ? NULL : step);
}
