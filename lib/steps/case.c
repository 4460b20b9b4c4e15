/*
 * case.c: the assessment workflow, from the request to the final plan.
 * Each step checks the case's state, stores the event, audits it and
 * refreshes the case's deadlines.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 100
#define TEXT_MAX_LEN 2000

static const char *const sources[] = {
	"parent", "young-person", "school", "health", "social-care", "other",
	NULL
};

static const char *const advice_types[] = {
	"parent", "educational", "medical", "psychological", "social-care",
	"preparation-for-adulthood", "vision-hearing", "other", NULL
};

static int
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

const char *const *
ehc_advice_types(void)
{
	return advice_types;
}

int
ehc_advice_type_valid(const char *type)
{
	return type != NULL && in_list(advice_types, type);
}

static int
check_code(struct ehc_db *db, const char *what, const char *s,
    size_t maxlen)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return EHC_OK;
	if (strlen(s) > maxlen)
		return ehc__db_fail(db, EHC_EINVAL, "%s '%.20s' is too long",
		    what, s);
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != ' ')
			return ehc__db_fail(db, EHC_EINVAL, "%s may hold only "
			    "letters, digits and spaces", what);
	return EHC_OK;
}

/*
 * The child's or young person's details, however they are recorded (a
 * request, a correction): each field is checked only when given, except
 * the names, which a person always has.  Returns EHC_OK or EHC_EINVAL
 * with the message on the handle.
 */
int
ehc__person_check(struct ehc_db *db, const struct ehc__person *p)
{
	const char *unknown = ehc__sen2_list("UPNunknown", 0);
	const char *q;
	int rc;

	if ((rc = ehc__check_text(db, "the forename", p->forename,
	    NAME_MAX_LEN, 1)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the surname", p->surname,
	    NAME_MAX_LEN, 1)) != EHC_OK ||
	    (rc = check_code(db, "the postcode", p->postcode, 8)) != EHC_OK ||
	    (rc = check_code(db, "the ethnicity code", p->ethnicity, 4))
	    != EHC_OK ||
	    (rc = check_code(db, "the UPN-unknown reason", p->upn_unknown, 4))
	    != EHC_OK)
		return rc;
	if (p->ethnicity != NULL && !ehc__sen2_code(ehc__sen2_list(
	    "Ethnicity", 0), p->ethnicity))
		return ehc__db_fail(db, EHC_EINVAL, "unknown ethnicity code "
		    "'%.8s'; use a CBDS code such as WBRI, or REFU or NOBT",
		    p->ethnicity);
	if (p->sex != NULL && strcmp(p->sex, "M") != 0 &&
	    strcmp(p->sex, "F") != 0)
		return ehc__db_fail(db, EHC_EINVAL, "sex must be M or F");
	if (p->upn != NULL && !ehc_upn_valid(p->upn))
		return ehc__db_fail(db, EHC_EINVAL, "'%.13s' is not a valid "
		    "UPN (13 characters whose first letter checks the rest)",
		    p->upn);
	if (p->uln != NULL) {
		for (q = p->uln; isdigit((unsigned char)*q); q++)
			;
		if (*q != '\0' || strlen(p->uln) != 10)
			return ehc__db_fail(db, EHC_EINVAL, "a ULN has 10 "
			    "digits");
	}
	if (p->upn_unknown != NULL && !ehc__sen2_code(unknown,
	    p->upn_unknown))
		return ehc__db_fail(db, EHC_EINVAL, "unknown UPN-unknown "
		    "reason '%.8s'; use one of %s (see ehc-request(1))",
		    p->upn_unknown, unknown);
	if (p->upn_unknown != NULL && (p->upn != NULL || p->uln != NULL))
		return ehc__db_fail(db, EHC_EINVAL, "a UPN-unknown reason is "
		    "for a child with no UPN or ULN; give one or the other");
	if (p->dob != EHC_NO_DATE && db->today != EHC_NO_DATE &&
	    p->dob > db->today)
		return ehc__db_fail(db, EHC_EINVAL, "the date of birth is "
		    "after today; check it");
	return EHC_OK;
}

/*
 * A child's details and the setting attended, as a request enters them
 * and as 'ehc case edit' corrects them: one set of checks for both.
 * NULL is a value not given; dob EHC_NO_DATE likewise.
 */
struct details {
	const char	*forename, *surname;
	int32_t		 dob;
	const char	*sex, *ethnicity, *postcode, *upn, *uln, *upn_unknown;
	const char	*setting;
};

/* A field given a value: "" clears a field, which needs no check. */
static const char *
given(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

static int
check_details(struct ehc_db *db, const struct details *d)
{
	struct ehc__person p;
	int rc;

	p.forename = d->forename;
	p.surname = d->surname;
	p.dob = d->dob;
	p.sex = given(d->sex);
	p.ethnicity = given(d->ethnicity);
	p.postcode = given(d->postcode);
	p.upn = given(d->upn);
	p.uln = given(d->uln);
	p.upn_unknown = given(d->upn_unknown);
	if ((rc = ehc__person_check(db, &p)) != EHC_OK ||
	    (rc = check_code(db, "the setting", d->setting, 8)) != EHC_OK)
		return rc;
	if (d->dob == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the date of birth is "
		    "required");
	return EHC_OK;
}

/* The request's date against the child's date of birth. */
static int
check_received(struct ehc_db *db, int32_t dob, int32_t received)
{
	if (received == EHC_NO_DATE)
		return EHC_OK;
	if (ehc_date_age(dob, received) >= 25)
		return ehc__db_fail(db, EHC_EINVAL, "the young person was 25 "
		    "or over when the request arrived; a request can be made "
		    "only before the 25th birthday");
	return ehc__check_event_date(db, "the request date", received, dob,
	    "the date of birth");
}

static int
validate_request(struct ehc_db *db, const struct ehc_request_in *in,
    int for_person)
{
	struct details d;
	int rc;

	if ((rc = ehc__check_text(db, "the officer", in->officer,
	    NAME_MAX_LEN, 0)) != EHC_OK ||
	    (rc = check_code(db, "the setting", in->setting, 8)) != EHC_OK)
		return rc;
	if (in->source != NULL && !in_list(sources, in->source))
		return ehc__db_fail(db, EHC_EINVAL, "unknown request source "
		    "'%.20s'; use parent, young-person, school, health, "
		    "social-care or other", in->source);
	if (in->received == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the date received is "
		    "required");
	/* A request for a known person: their recorded details stand. */
	if (for_person)
		return ehc__check_event_date(db, "the request date",
		    in->received, EHC_NO_DATE, NULL);
	memset(&d, 0, sizeof(d));
	d.forename = in->forename;
	d.surname = in->surname;
	d.dob = in->dob;
	d.sex = in->sex;
	d.ethnicity = in->ethnicity;
	d.postcode = in->postcode;
	d.upn = in->upn;
	d.uln = in->uln;
	d.upn_unknown = in->upn_unknown;
	d.setting = in->setting;
	if ((rc = check_details(db, &d)) != EHC_OK)
		return rc;
	return check_received(db, in->dob, in->received);
}

/* A person's details as a message shows them: "Amira Khan, born ...". */
static void
who(char *out, size_t len, const char *forename, const char *surname,
    const char *dob, const char *sex)
{
	snprintf(out, len, "%.100s %.100s, born %.10s%s%s", forename, surname,
	    dob, sex != NULL ? ", " : "", sex != NULL ? sex : "");
}

/*
 * The person a UPN or ULN already names, if any (*out 0 if none); a
 * request for someone else under it is refused, showing both.
 */
static int
find_person(struct ehc_db *db, const struct ehc_request_in *in,
    int64_t *out)
{
	static const char sql[] = "SELECT p.id, p.forename, p.surname, "
	    "p.dob, p.sex, (SELECT max(c.ref) FROM cases c WHERE c.person_id "
	    "= p.id), p.upn = ?1 FROM person p WHERE p.upn = ?1 OR p.uln = ?2 "
	    "ORDER BY p.id";
	sqlite3_stmt *st;
	char have[256], given[256], d[EHC_DATE_LEN];
	const char *sex;
	int rc, same;

	*out = 0;
	if ((in->upn == NULL || *in->upn == '\0') &&
	    (in->uln == NULL || *in->uln == '\0'))
		return EHC_OK;
	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, in->upn);
	ehc__bind_text(st, 2, in->uln);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*out != 0 && *out != sqlite3_column_int64(st, 0)) {
			rc = ehc__db_fail(db, EHC_EINVAL, "the UPN and the ULN "
			    "belong to two different children in this store; "
			    "check them");
			goto out;
		}
		*out = sqlite3_column_int64(st, 0);
		sex = (const char *)sqlite3_column_text(st, 4);
		same = strcmp((const char *)sqlite3_column_text(st, 1),
		    in->forename) == 0 &&
		    strcmp((const char *)sqlite3_column_text(st, 2),
		    in->surname) == 0 &&
		    ehc__column_date(st, 3) == in->dob &&
		    (sex == NULL || in->sex == NULL || strcmp(sex, in->sex) == 0);
		if (same)
			continue;
		who(have, sizeof(have), (const char *)sqlite3_column_text(st,
		    1), (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3), sex);
		who(given, sizeof(given), in->forename, in->surname,
		    ehc_date_format(d, sizeof(d), in->dob), in->sex);
		rc = ehc__db_fail(db, EHC_EINVAL, "%s %.13s is %s's child (%s), "
		    "not %s; correct the details, or add the request to that "
		    "child with --person %s", sqlite3_column_int(st, 6) ?
		    "UPN" : "ULN", sqlite3_column_int(st, 6) ? in->upn :
		    in->uln, sqlite3_column_text(st, 5), have, given,
		    sqlite3_column_text(st, 5));
		goto out;
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "finding the person");
out:
	sqlite3_reset(st);
	return rc;
}

int
ehc__person_add(struct ehc_db *db, const struct ehc_request_in *in,
    int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	/* One child is one person: the same UPN or ULN, the same details. */
	if ((rc = find_person(db, in, out)) != EHC_OK || *out != 0)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO person(forename, "
	    "surname, dob, sex, ethnicity, postcode, upn, uln, upn_unknown) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")) != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, in->forename);
	ehc__bind_text(st, 2, in->surname);
	ehc__bind_date(st, 3, in->dob);
	ehc__bind_text(st, 4, in->sex);
	ehc__bind_text(st, 5, in->ethnicity);
	ehc__bind_text(st, 6, in->postcode);
	ehc__bind_text(st, 7, in->upn);
	ehc__bind_text(st, 8, in->uln);
	ehc__bind_text(st, 9, in->upn_unknown);
	rc = ehc__db_step_done(db, st, "adding a person");
	sqlite3_reset(st);
	*out = sqlite3_last_insert_rowid(db->h);
	return rc;
}

/* A second open request for one child would run two 20-week clocks. */
static int
no_open_request(struct ehc_db *db, int64_t person)
{
	sqlite3_stmt *st;
	char d[EHC_DATE_LEN];
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT ref, received FROM cases "
	    "WHERE person_id = ?1 AND received IS NOT NULL AND withdrawn IS "
	    "NULL AND final_date IS NULL AND cease_date IS NULL AND "
	    "coalesce(assess, '') <> 'N' AND coalesce(issue, '') <> 'N' "
	    "ORDER BY id LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = ehc__db_fail(db, EHC_ESTATE, "%s is an open request for "
		    "this child (received %s); record the steps on it, or "
		    "withdraw it first", sqlite3_column_text(st, 0),
		    ehc_date_format(d, sizeof(d), ehc__column_date(st, 1)));
	else
		rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
		    "reading the child's requests");
	sqlite3_reset(st);
	return rc;
}

int
ehc__case_insert(struct ehc_db *db, int64_t person,
    const struct ehc_request_in *in, int64_t *id_out, char *ref_out)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "INSERT INTO cases(ref, person_id, "
	    "received, source, officer, setting, rya, created) VALUES ("
	    "'new', ?1, ?2, ?3, ?4, ?5, ?6, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ'))")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	ehc__bind_date(st, 2, in->received);
	ehc__bind_text(st, 3, in->source);
	ehc__bind_text(st, 4, in->officer);
	ehc__bind_text(st, 5, in->setting);
	sqlite3_bind_int(st, 6, in->rya != 0);
	rc = ehc__db_step_done(db, st, "recording the case");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	id = sqlite3_last_insert_rowid(db->h);
	snprintf(ref_out, EHC_REF_LEN, "EHC-%06lld", (long long)id);
	*id_out = id;
	return ehc__exec(db, "UPDATE cases SET ref = ?4 WHERE id = ?1", id,
	    EHC_NO_DATE, EHC_NO_DATE, ref_out, NULL);
}

int
ehc_request_create_for(char *ref_out, size_t ref_len, struct ehc_db *db,
    const struct ehc_request_in *in, int64_t same_person_as)
{
	int64_t person, id;
	char ref[EHC_REF_LEN];
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK ||
	    (rc = ehc__check_version(db, "struct ehc_request_in",
	    in == NULL ? NULL : &in->version, EHC_REQUEST_IN_VERSION))
	    != EHC_OK ||
	    (rc = validate_request(db, in, same_person_as > 0)) != EHC_OK)
		return rc;
	if (same_person_as > 0) {
		struct case_state cs;
		sqlite3_stmt *st;
		int32_t dob = EHC_NO_DATE;

		if ((rc = ehc__case_state(db, same_person_as, &cs)) != EHC_OK ||
		    (rc = ehc__db_cached(db, &st, "SELECT c.person_id, p.dob "
		    "FROM cases c JOIN person p ON p.id = c.person_id WHERE "
		    "c.id = ?1")) != EHC_OK)
			return rc;
		sqlite3_bind_int64(st, 1, same_person_as);
		person = 0;
		if (sqlite3_step(st) == SQLITE_ROW) {
			person = sqlite3_column_int64(st, 0);
			dob = ehc__column_date(st, 1);
		}
		sqlite3_reset(st);
		if ((rc = check_received(db, dob, in->received)) != EHC_OK)
			return rc;
	} else if ((rc = ehc__person_add(db, in, &person)) != EHC_OK)
		return rc;
	if ((rc = no_open_request(db, person)) != EHC_OK ||
	    (rc = ehc__case_insert(db, person, in, &id, ref)) != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, "request new", in->received, NULL))
	    != EHC_OK)
		return rc;
	snprintf(ref_out, ref_len, "%s", ref);
	return EHC_OK;
}

int
ehc_request_create(char *ref_out, size_t ref_len, struct ehc_db *db,
    const struct ehc_request_in *in)
{
	return ehc_request_create_for(ref_out, ref_len, db, in, 0);
}

int
ehc_case_lookup(int64_t *id_out, struct ehc_db *db, const char *ref)
{
	sqlite3_stmt *st;
	const char *p = ref;
	char *end;
	long long n;
	int rc;

	if (ref == NULL || *ref == '\0')
		return ehc__db_fail(db, EHC_ENOTFOUND, "no case named");
	if (strncasecmp(p, "EHC-", 4) == 0)
		p += 4;
	n = strtoll(p, &end, 10);
	if (!isdigit((unsigned char)*p) || *end != '\0' || n <= 0)
		return ehc__db_fail(db, EHC_ENOTFOUND, "no case '%.40s'; case "
		    "references look like EHC-000123 (see 'ehc case list')",
		    ref);
	if ((rc = ehc__db_cached(db, &st, "SELECT id FROM cases WHERE id = ?1"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, n);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ehc__db_fail(db, EHC_ENOTFOUND, "no case '%.40s'; see "
		    "'ehc case list'", ref);
	*id_out = n;
	return EHC_OK;
}

static int
state_fail(struct ehc_db *db, const char *fmt, const char *hint)
{
	return ehc__db_fail(db, EHC_ESTATE, "%s; %s", fmt, hint);
}

/* The checks every assessment step shares. */
static int
open_case(struct ehc_db *db, int64_t id, struct case_state *cs)
{
	int rc;

	if ((rc = ehc__case_state(db, id, cs)) != EHC_OK)
		return rc;
	if (cs->withdrawn != EHC_NO_DATE)
		return state_fail(db, "the request was withdrawn",
		    "nothing more can be recorded on it");
	if (cs->cease_date != EHC_NO_DATE)
		return state_fail(db, "the plan has ceased",
		    "nothing more can be recorded on it");
	return EHC_OK;
}

int
ehc_request_withdraw(struct ehc_db *db, int64_t id, int32_t date,
    const char *reason)
{
	struct case_state cs;
	int rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (cs.final_date != EHC_NO_DATE)
		return state_fail(db, "a plan has been issued",
		    "cease the plan instead of withdrawing the request");
	if ((rc = ehc__check_text(db, "the reason", reason, TEXT_MAX_LEN, 0))
	    != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the withdrawal", date,
	    cs.received, "the request")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET withdrawn = ?2, "
	    "reason = coalesce(?4, reason) WHERE id = ?1", id, date, EHC_NO_DATE, reason,
	    NULL)) != EHC_OK)
		return rc;
	return ehc__step_done(db, id, "request withdraw", date, NULL);
}

/*
 * The child moved to another authority before the plan was made: the
 * request closes on the day of the move, which SEN2 reports as Exported
 * with the new authority's number.
 */
int
ehc__request_moved(struct ehc_db *db, int64_t id, const char *to_la,
    int32_t move, int32_t aware)
{
	struct case_state cs;
	char extra[32];
	int rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (cs.final_date != EHC_NO_DATE)
		return state_fail(db, "a plan has been issued", "the plan "
		    "itself transfers");
	if (cs.assess == 'N' || cs.issue == 'N')
		return state_fail(db, "the request has been decided", "nothing "
		    "is left open to close");
	if (aware != EHC_NO_DATE && move < aware)
		return ehc__db_fail(db, EHC_EINVAL, "the move is dated before "
		    "the authority learned of it; check the dates");
	if ((rc = ehc__check_event_date(db, "the move", move, cs.received,
	    "the request")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET withdrawn = ?2, "
	    "exported = ?4 WHERE id = ?1", id, move, EHC_NO_DATE, to_la, NULL))
	    != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "to=%s", to_la);
	return ehc__step_done(db, id, "request moved", move, extra);
}

int
ehc_decision_parse(const char *s)
{
	if (strcmp(s, "assess") == 0)
		return EHC_DECIDE_ASSESS;
	if (strcmp(s, "no-assess") == 0)
		return EHC_DECIDE_NO_ASSESS;
	if (strcmp(s, "issue") == 0)
		return EHC_DECIDE_ISSUE;
	if (strcmp(s, "no-issue") == 0)
		return EHC_DECIDE_NO_ISSUE;
	return -1;
}

int
ehc_decide(struct ehc_db *db, int64_t id, enum ehc_decision decision,
    int32_t date, const char *reason)
{
	struct ehc_decide_in in = EHC_DECIDE_IN_INIT;

	in.decision = decision;
	in.date = date;
	in.reason = reason;
	return ehc_decide_with(db, id, &in);
}

static const char *const grounds[] = {
	"mediation", "tribunal", "evidence", NULL
};

/*
 * A decision made before decisions were kept is in the case row only:
 * before it is reconsidered (and the row changes), it is kept.
 */
static int
keep_first_decision(struct ehc_db *db, int64_t id, const char *step)
{
	return ehc__exec(db, "INSERT INTO decision(case_id, step, outcome, "
	    "date, reason) SELECT id, ?4, CASE ?4 WHEN 'assess' THEN assess "
	    "ELSE issue END, CASE ?4 WHEN 'assess' THEN assess_date ELSE "
	    "issue_date END, reason FROM cases WHERE id = ?1", id,
	    EHC_NO_DATE, EHC_NO_DATE, step, NULL);
}

/* Keep a decision in the record. */
static int
keep_decision(struct ehc_db *db, int64_t id, const char *step,
    const struct ehc_decide_in *in, int refused)
{
	static const char sql[] = "INSERT INTO decision(case_id, step, "
	    "outcome, date, reason, support, reconsider) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ehc__bind_text(st, 2, step);
	ehc__bind_text(st, 3, refused ? "N" : "Y");
	ehc__bind_date(st, 4, in->date);
	ehc__bind_text(st, 5, in->reason);
	ehc__bind_text(st, 6, in->support);
	ehc__bind_text(st, 7, in->reconsider);
	rc = ehc__db_step_done(db, st, "recording a decision");
	sqlite3_reset(st);
	return rc;
}

/* Whether the decision table has the case's decision on step. */
static int
decision_kept(struct ehc_db *db, int64_t id, const char *step, int *kept)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT EXISTS (SELECT 1 FROM "
	    "decision WHERE case_id = ?1 AND step = ?2)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*kept = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? EHC_OK : ehc__db_error(db, rc,
	    "reading decisions");
}

int
ehc_decide_with(struct ehc_db *db, int64_t id, const struct ehc_decide_in *in)
{
	static const char *const actions[] = { "decide assess",
	    "decide no-assess", "decide issue", "decide no-issue" };
	struct case_state cs;
	const char *step;
	char extra[2048];
	int assess, refused, kept, rc;
	char was;
	int32_t was_date;

	if ((rc = ehc__check_version(db, "struct ehc_decide_in",
	    in == NULL ? NULL : &in->version, EHC_DECIDE_IN_VERSION))
	    != EHC_OK)
		return rc;
	if ((int)in->decision < EHC_DECIDE_ASSESS ||
	    in->decision > EHC_DECIDE_NO_ISSUE)
		return ehc__db_fail(db, EHC_EINVAL, "unknown decision %d",
		    (int)in->decision);
	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if ((rc = ehc__check_text(db, "the reason", in->reason, TEXT_MAX_LEN,
	    0)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the support offered", in->support,
	    TEXT_MAX_LEN, 0)) != EHC_OK)
		return rc;
	assess = in->decision == EHC_DECIDE_ASSESS ||
	    in->decision == EHC_DECIDE_NO_ASSESS;
	refused = in->decision == EHC_DECIDE_NO_ASSESS ||
	    in->decision == EHC_DECIDE_NO_ISSUE;
	step = assess ? "assess" : "issue";
	was = assess ? cs.assess : cs.issue;
	was_date = assess ? cs.assess_date : cs.issue_date;
	if (in->support != NULL && *in->support != '\0' && !refused)
		return ehc__db_fail(db, EHC_EINVAL, "the support offered "
		    "instead goes with a refusal (no-assess or no-issue)");
	if (in->reconsider != NULL) {
		if (!in_list(grounds, in->reconsider))
			return ehc__db_fail(db, EHC_EINVAL, "unknown ground "
			    "'%.30s' to reconsider; use mediation, tribunal or "
			    "evidence", in->reconsider);
		if (in->reason == NULL || *in->reason == '\0')
			return ehc__db_fail(db, EHC_EINVAL, "say why the "
			    "decision is reconsidered with --reason");
		if (was != 'N')
			return state_fail(db, assess ? "the case has no "
			    "refusal to assess to reconsider" : "the case has "
			    "no refusal to issue a plan to reconsider",
			    "see 'ehc case show'");
		if ((rc = ehc__check_event_date(db, "the decision", in->date,
		    was_date, "the decision it reconsiders")) != EHC_OK ||
		    (rc = decision_kept(db, id, step, &kept)) != EHC_OK ||
		    (!kept && (rc = keep_first_decision(db, id, step))
		    != EHC_OK))
			return rc;
		/* The first decision's date stands: it met the time limit. */
		rc = ehc__exec(db, assess ? "UPDATE cases SET assess = ?4, "
		    "reason = coalesce(?5, reason) WHERE id = ?1" :
		    "UPDATE cases SET issue = ?4, reason = coalesce(?5, "
		    "reason) WHERE id = ?1", id, EHC_NO_DATE, EHC_NO_DATE,
		    refused ? "N" : "Y", in->reason);
	} else if (assess) {
		if (cs.assess != 0)
			return state_fail(db, "whether to assess has already "
			    "been decided", cs.assess == 'N' ? "to change a "
			    "refusal, reconsider it with --reconsider" :
			    "see 'ehc case show'");
		if ((rc = ehc__check_event_date(db, "the decision", in->date,
		    cs.received, "the request")) != EHC_OK)
			return rc;
		rc = ehc__exec(db, "UPDATE cases SET assess = ?4, "
		    "assess_date = ?2, reason = coalesce(?5, reason) "
		    "WHERE id = ?1", id, in->date, EHC_NO_DATE,
		    refused ? "N" : "Y", in->reason);
	} else {
		if (cs.assess != 'Y')
			return state_fail(db, "the authority has not decided "
			    "to assess", "record 'ehc decide CASE assess' "
			    "first");
		if (cs.issue != 0)
			return state_fail(db, "whether to issue a plan has "
			    "already been decided", cs.issue == 'N' ? "to "
			    "change a refusal, reconsider it with "
			    "--reconsider" :
			    "see 'ehc case show'");
		if ((rc = ehc__check_event_date(db, "the decision", in->date,
		    cs.assess_date, "the decision to assess")) != EHC_OK)
			return rc;
		rc = ehc__exec(db, "UPDATE cases SET issue = ?4, "
		    "issue_date = ?2, reason = coalesce(?5, reason) "
		    "WHERE id = ?1", id, in->date, EHC_NO_DATE,
		    refused ? "N" : "Y", in->reason);
	}
	if (rc != EHC_OK ||
	    (rc = keep_decision(db, id, step, in, refused)) != EHC_OK)
		return rc;
	/* The chronology shows what was decided and why. */
	snprintf(extra, sizeof(extra), "%s%s%s%s%s%s", in->reconsider ?
	    "reconsidered=" : "", in->reconsider ? in->reconsider : "",
	    in->reason ? (in->reconsider ? " reason=" : "reason=") : "",
	    in->reason ? in->reason : "", in->support ? " support=" : "",
	    in->support ? in->support : "");
	return ehc__step_done(db, id, actions[in->decision], in->date,
	    *extra ? extra : NULL);
}

int
ehc_decision_foreach(struct ehc_db *db, int64_t id,
    int (*cb)(const struct ehc_decision_rec *, void *), void *payload)
{
	/* Decisions made before they were kept: from the case row. */
	static const char sql[] = "SELECT step, outcome, date, reason, "
	    "support, reconsider, 1, id FROM decision WHERE case_id = ?1 "
	    "UNION ALL SELECT 'assess', assess, assess_date, CASE WHEN "
	    "issue IS NULL AND withdrawn IS NULL THEN reason END, NULL, NULL, "
	    "0, 0 FROM cases c WHERE id = ?1 AND assess IS NOT NULL AND NOT "
	    "EXISTS (SELECT 1 FROM decision d WHERE d.case_id = ?1 AND "
	    "d.step = 'assess') "
	    "UNION ALL SELECT 'issue', issue, issue_date, CASE WHEN "
	    "withdrawn IS NULL THEN reason END, NULL, NULL, 0, 1 FROM cases "
	    "c WHERE id = ?1 AND issue IS NOT NULL AND NOT EXISTS (SELECT 1 "
	    "FROM decision d WHERE d.case_id = ?1 AND d.step = 'issue') "
	    "ORDER BY 3, 7, 8";
	struct ehc_decision_rec r;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.step = (const char *)sqlite3_column_text(st, 0);
		r.outcome = (const char *)sqlite3_column_text(st, 1);
		r.date = ehc__column_date(st, 2);
		r.reason = (const char *)sqlite3_column_text(st, 3);
		r.support = (const char *)sqlite3_column_text(st, 4);
		r.reconsider = (const char *)sqlite3_column_text(st, 5);
		if ((rc = cb(&r, payload)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading decisions");
	sqlite3_finalize(st);
	return rc;
}

/* Find advice by reference ("A3" or "3") within a case. */
static int
advice_lookup(struct ehc_db *db, int64_t id, const char *ref,
    int64_t *aid, int32_t *requested, int32_t *received)
{
	sqlite3_stmt *st;
	const char *p = ref;
	char *end;
	long n;
	int rc;

	if (p != NULL && (*p == 'A' || *p == 'a'))
		p++;
	n = p ? strtol(p, &end, 10) : 0;
	if (p == NULL || !isdigit((unsigned char)*p) || *end != '\0')
		return ehc__db_fail(db, EHC_ENOTFOUND, "no advice '%.20s' on "
		    "this case; advice references look like A1 (see 'ehc "
		    "advice list CASE')", ref ? ref : "");
	if ((rc = ehc__db_cached(db, &st, "SELECT id, requested, received "
	    "FROM advice WHERE case_id = ?1 AND seq = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, n);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return ehc__db_fail(db, EHC_ENOTFOUND, "no advice '%.20s' on "
		    "this case; see 'ehc advice list CASE'", ref);
	}
	*aid = sqlite3_column_int64(st, 0);
	*requested = ehc__column_date(st, 1);
	*received = ehc__column_date(st, 2);
	sqlite3_reset(st);
	return EHC_OK;
}

static int
add_advice(struct ehc_db *db, int64_t id, const char *type, int32_t sent,
    int32_t received_by, const char *provider, int reused, char *ref_out)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int64_t seq;
	int rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (!ehc_advice_type_valid(type))
		return ehc__db_fail(db, EHC_EINVAL, "unknown advice type "
		    "'%.30s'; use parent, educational, medical, psychological, "
		    "social-care, preparation-for-adulthood, vision-hearing or "
		    "other", type ? type : "");
	if (cs.assess != 'Y')
		return state_fail(db, "the authority has not decided to assess",
		    "record 'ehc decide CASE assess' first");
	if (cs.final_date != EHC_NO_DATE || cs.issue == 'N')
		return state_fail(db, "the assessment is over",
		    "advice can be sought only during the assessment");
	if ((rc = ehc__check_text(db, "the adviser", provider, NAME_MAX_LEN,
	    reused)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the advice request", sent,
	    cs.assess_date, "the decision to assess")) != EHC_OK)
		return rc;
	if (received_by == EHC_NO_DATE)
		received_by = sent;
	if ((rc = ehc__check_event_date(db, "the adviser's receipt",
	    received_by, sent, "the request for advice")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO advice(case_id, seq, "
	    "type, provider, requested, received_by, received, reused) "
	    "VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM advice "
	    "WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7) RETURNING seq"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	ehc__bind_text(st, 3, provider);
	ehc__bind_date(st, 4, sent);
	ehc__bind_date(st, 5, received_by);
	ehc__bind_date(st, 6, reused ? sent : EHC_NO_DATE);
	sqlite3_bind_int(st, 7, reused);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = ehc__db_error(db, rc, "recording advice");
		sqlite3_reset(st);
		return rc;
	}
	seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(ref_out, EHC_REF_LEN, "A%lld", (long long)seq);
	{
		char extra[128];

		snprintf(extra, sizeof(extra), "advice=%s type=%s", ref_out,
		    type);
		return ehc__step_done(db, id, reused ? "advice reuse" :
		    "advice request", sent, extra);
	}
}

int
ehc_advice_request(char *ref_out, size_t ref_len, struct ehc_db *db,
    int64_t id, const char *type, int32_t sent, int32_t received_by,
    const char *provider)
{
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK)
		return rc;
	return add_advice(db, id, type, sent, received_by, provider, 0,
	    ref_out);
}

int
ehc_advice_reuse(char *ref_out, size_t ref_len, struct ehc_db *db,
    int64_t id, const char *type, int32_t date, const char *provider)
{
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK)
		return rc;
	return add_advice(db, id, type, date, EHC_NO_DATE, provider, 1,
	    ref_out);
}

int
ehc_advice_adviser(struct ehc_db *db, int64_t id, const char *advice_ref,
    const char *adviser)
{
	struct case_state cs;
	int64_t aid;
	int32_t requested, received;
	char extra[64];
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = advice_lookup(db, id, advice_ref, &aid, &requested,
	    &received)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the adviser", adviser, 100, 0))
	    != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE advice SET adviser = ?4 WHERE id = "
	    "?1", aid, EHC_NO_DATE, EHC_NO_DATE, adviser, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "advice=%.20s", advice_ref);
	return ehc__audit(db, id, "advice adviser", extra);
}

int
ehc_advice_receive(struct ehc_db *db, int64_t id, const char *advice_ref,
    int32_t date)
{
	struct case_state cs;
	int64_t aid;
	int32_t requested, received;
	char extra[64];
	int rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK ||
	    (rc = advice_lookup(db, id, advice_ref, &aid, &requested,
	    &received)) != EHC_OK)
		return rc;
	if (received != EHC_NO_DATE)
		return state_fail(db, "that advice has already been received",
		    "see 'ehc advice list CASE'");
	if ((rc = ehc__check_event_date(db, "the advice", date, requested,
	    "its request")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE advice SET received = ?2 WHERE id = ?1",
	    aid, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "advice=A%s", advice_ref +
	    (advice_ref[0] == 'A' || advice_ref[0] == 'a'));
	return ehc__step_done(db, id, "advice receive", date, extra);
}

int
ehc_draft_issue(struct ehc_db *db, int64_t id, int32_t date)
{
	struct case_state cs;
	int rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (cs.issue != 'Y')
		return state_fail(db, "the authority has not decided to issue "
		    "a plan", "record 'ehc decide CASE issue' first");
	if (cs.final_date != EHC_NO_DATE)
		return state_fail(db, "the final plan has been issued",
		    "amend it with 'ehc amend' instead");
	if ((rc = ehc__check_event_date(db, "the draft plan", date,
	    cs.draft_date != EHC_NO_DATE ? cs.draft_date : cs.issue_date,
	    cs.draft_date != EHC_NO_DATE ? "the earlier draft" :
	    "the decision to issue")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET draft_date = ?2 WHERE id = ?1",
	    id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, cs.draft_date != EHC_NO_DATE ?
	    "draft reissue" : "draft issue", date, NULL)) != EHC_OK)
		return rc;
	/* What was served is kept, unchangeable, as a version. */
	return ehc_plan_version_create(NULL, db, id, EHC_PLAN_DRAFT, date);
}

int
ehc_draft_final(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason)
{
	struct case_state cs;
	int rc, forced;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if (cs.draft_date == EHC_NO_DATE)
		return state_fail(db, "no draft plan has been issued",
		    "issue one with 'ehc draft CASE issue' first");
	if (cs.final_date != EHC_NO_DATE)
		return state_fail(db, "the final plan has already been issued",
		    "amend it with 'ehc amend' instead");
	if ((rc = ehc__check_event_date(db, "the final plan", date,
	    cs.draft_date, "the draft")) != EHC_OK ||
	    (rc = ehc__step_window(&forced, db, "draft-representations",
	    cs.draft_date, date, force_reason, "draft plan")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET final_date = ?2, "
	    "final_forced = ?4 WHERE id = ?1", id, date, EHC_NO_DATE,
	    forced ? force_reason : NULL, NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, "draft final", date, NULL)) != EHC_OK)
		return rc;
	return ehc_plan_version_create(NULL, db, id, EHC_PLAN_FINAL, date);
}

/*
 * Whether the rule for step allows limb, an exception the registry
 * lists, writing the rule's regulation to regulation.
 */
static int
limb_allowed(const char *step, const char *limb, char *regulation,
    size_t len)
{
	const struct ehc__rule *ru = ehc__rule(step);
	const char *p;
	size_t n = strlen(limb);
	int ok = 0;

	if (ru == NULL)
		return 0;
	for (p = ru->exceptions; (p = strstr(p, limb)) != NULL; p += n)
		if ((p == ru->exceptions || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			ok = 1;
	snprintf(regulation, len, "%s", ru->regulation);
	return ok;
}

/*
 * An exception valid only for some deadlines (the coronavirus one):
 * refused unless the step's latest deadline falls in its dates.
 */
static int
limb_in_time(struct ehc_db *db, int64_t id, const struct ehc__rule *limb,
    const char *step, const char *subject)
{
	sqlite3_stmt *st;
	char due[EHC_DATE_LEN] = "";
	int32_t day = EHC_NO_DATE;
	int rc;

	if (limb->valid_from[0] == '\0' && limb->valid_to[0] == '\0')
		return EHC_OK;
	if ((rc = ehc__clock_settle(db)) != EHC_OK ||
	    (rc = ehc__db_cached(db, &st, "SELECT due FROM deadline WHERE "
	    "case_id = ?1 AND rule_id = ?2 AND coalesce(subject, '') = "
	    "coalesce(?3, subject, '') ORDER BY seq DESC LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	ehc__bind_text(st, 3, subject);
	if (sqlite3_step(st) == SQLITE_ROW)
		day = ehc__column_date(st, 0);
	sqlite3_reset(st);
	if (day != EHC_NO_DATE && ehc__rule_valid(limb, day))
		return EHC_OK;
	return ehc__db_fail(db, EHC_EINVAL, "the %s exception applies only to "
	    "deadlines falling from %s to %s (%s); this %s deadline is %s",
	    limb->id, limb->valid_from, limb->valid_to, limb->regulation, step,
	    day == EHC_NO_DATE ? "not set" : ehc_date_format(due, sizeof(due),
	    day));
}

/* The day of the decision to re-assess that is under way. */
static int
reassessing(struct ehc_db *db, int64_t id, int32_t *decided)
{
	sqlite3_stmt *st;
	int rc, yes = 0;

	if ((rc = ehc__db_cached(db, &st, "SELECT decided, outcome = 'Y' "
	    "FROM reassessment WHERE case_id = ?1 ORDER BY id DESC LIMIT 1"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*decided = ehc__column_date(st, 0);
		yes = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (!yes)
		return state_fail(db, "no re-assessment is under way",
		    "record 'ehc reassess CASE decide assess' first");
	return EHC_OK;
}

int
ehc_exception_record(struct ehc_db *db, int64_t id, const char *step,
    const char *limb, int32_t date, const char *note, const char *advice_ref)
{
	const struct ehc__rule *lr;
	struct case_state cs;
	sqlite3_stmt *st;
	int64_t aid = 0;
	int32_t requested = EHC_NO_DATE, received, start;
	char regulation[256] = "", extra[160], subject[16];
	const char *start_what = "the request";
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if (strcmp(step, "decide-assess") != 0 &&
	    strcmp(step, "decide-issue") != 0 &&
	    strcmp(step, "final-plan") != 0 && strcmp(step, "advice") != 0 &&
	    strcmp(step, "reassess-plan") != 0)
		return ehc__db_fail(db, EHC_EINVAL, "unknown step '%.30s'; use "
		    "decide-assess, decide-issue, final-plan, advice or "
		    "reassess-plan", step);
	if ((lr = ehc__rule(limb)) == NULL || lr->unit != EHC__LIMB)
		return ehc__db_fail(db, EHC_EINVAL, "unknown exception "
		    "'%.30s'; use school-closure, early-years-closure, "
		    "personal-circumstances, absence, missed-appointment or "
		    "coronavirus", limb);
	if (!limb_allowed(step, limb, regulation, sizeof(regulation)))
		return ehc__db_fail(db, EHC_EINVAL, "the %s exception does not "
		    "apply to %s (%s)", limb, step, regulation);
	if ((rc = ehc__check_text(db, "the note", note, TEXT_MAX_LEN, 0))
	    != EHC_OK)
		return rc;
	start = cs.received;
	subject[0] = '\0';
	if (strcmp(step, "advice") == 0) {
		if (advice_ref == NULL)
			return ehc__db_fail(db, EHC_EINVAL, "an advice "
			    "exception names the advice; add --advice A1");
		if ((rc = advice_lookup(db, id, advice_ref, &aid, &requested,
		    &received)) != EHC_OK)
			return rc;
		start = requested;
		start_what = "the advice request";
		/* The deadline's subject, as A1 whatever was typed. */
		snprintf(subject, sizeof(subject), "A%ld", strtol(advice_ref +
		    (*advice_ref == 'A' || *advice_ref == 'a'), NULL, 10));
	} else if (strcmp(step, "reassess-plan") == 0) {
		if ((rc = reassessing(db, id, &start)) != EHC_OK)
			return rc;
		start_what = "the decision to re-assess";
	} else if (cs.received == EHC_NO_DATE)
		return state_fail(db, "the case has no request date",
		    "exceptions apply to the assessment clocks");
	if ((rc = ehc__check_event_date(db, "the exception", date, start,
	    start_what)) != EHC_OK ||
	    (rc = limb_in_time(db, id, lr, step, subject[0] ? subject :
	    NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO exception(case_id, "
	    "step, limb, advice_id, date, note) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, limb, -1, SQLITE_STATIC);
	if (aid > 0)
		sqlite3_bind_int64(st, 4, aid);
	ehc__bind_date(st, 5, date);
	ehc__bind_text(st, 6, note);
	rc = ehc__db_step_done(db, st, "recording an exception");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "step=%s limb=%s", step, limb);
	return ehc__step_done(db, id, "exception", date, extra);
}

int
ehc_case_assign(struct ehc_db *db, int64_t id, const char *officer)
{
	struct case_state cs;
	char extra[NAME_MAX_LEN + 16];
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the officer", officer, NAME_MAX_LEN,
	    1)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE cases SET officer = ?4 WHERE id = ?1",
	    id, EHC_NO_DATE, EHC_NO_DATE, officer, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "officer=%s", officer);
	return ehc__audit(db, id, "case assign", extra);
}

int
ehc_case_flag(struct ehc_db *db, int64_t id, const char *flag, int on)
{
	struct case_state cs;
	const char *sql;
	char extra[64];
	int rc;

	if (strcmp(flag, "safeguarding") == 0)
		sql = "UPDATE cases SET safeguarding = ?4 WHERE id = ?1";
	else if (strcmp(flag, "looked-after") == 0)
		sql = "UPDATE cases SET looked_after = ?4 WHERE id = ?1";
	else if (strcmp(flag, "chc") == 0)
		sql = "UPDATE cases SET chc = ?4 WHERE id = ?1";
	else if (strcmp(flag, "not-in-school") == 0)
		sql = "UPDATE cases SET not_in_school = ?4 WHERE id = ?1";
	else
		return ehc__db_fail(db, EHC_EINVAL, "unknown flag '%.30s'; use "
		    "safeguarding, looked-after, chc or not-in-school", flag);
	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, sql, id, EHC_NO_DATE, EHC_NO_DATE, on ? "1" : "0", NULL))
	    != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "%s=%d", flag, on);
	return ehc__audit(db, id, "case flag", extra);
}

int
ehc_case_year_group(struct ehc_db *db, int64_t id, int year, int32_t on)
{
	struct case_state cs;
	char extra[48], value[8];
	int32_t dob;
	int rc, offset;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK ||
	    (rc = ehc__case_age(db, id, &dob, &offset)) != EHC_OK)
		return rc;
	if (on == EHC_NO_DATE || dob == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the year group needs the "
		    "day it applies on");
	/* Years below (-) or above (+) the year group of the child's age. */
	offset = year - ehc__school_year(dob, on);
	if (year < 0 || year > 14 || offset < -3 || offset > 3)
		return ehc__db_fail(db, EHC_EINVAL, "year %d is more than 3 "
		    "years from the year group of the child's age (%d); give "
		    "the national curriculum year, R for reception", year,
		    ehc__school_year(dob, on));
	snprintf(value, sizeof(value), "%d", offset);
	if ((rc = ehc__exec(db, "UPDATE cases SET year_offset = ?4 WHERE "
	    "id = ?1", id, EHC_NO_DATE, EHC_NO_DATE, value, NULL)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "year=%d offset=%d", year, offset);
	return ehc__step_done(db, id, "case year-group", on, extra);
}

static const char *const note_kinds[] = {
	"call", "meeting", "letter", "email", "visit", "other", NULL
};

int
ehc_note_add(struct ehc_db *db, int64_t id, int32_t date, const char *kind,
    const char *text)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if (kind == NULL || !in_list(note_kinds, kind))
		return ehc__db_fail(db, EHC_EINVAL, "unknown note kind '%.20s'; "
		    "use call, meeting, letter, email, visit or other",
		    kind ? kind : "");
	/* A note keeps its line breaks as typed (EHC__TEXT_LINES). */
	if ((rc = ehc__check_textn(db, "the note", text, text ? strlen(text) :
	    0, TEXT_MAX_LEN, EHC__TEXT_REQUIRED | EHC__TEXT_LINES)) != EHC_OK ||
	    (rc = ehc__check_event_date(db, "the note", date, EHC_NO_DATE,
	    NULL)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO note(case_id, date, "
	    "kind, author, text) VALUES (?1, ?2, ?3, ?4, ?5)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ehc__bind_date(st, 2, date);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, db->user ? db->user : "unknown", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
	rc = ehc__db_step_done(db, st, "adding a note");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	{
		char d[EHC_DATE_LEN], detail[64];

		ehc_date_format(d, sizeof(d), date);
		snprintf(detail, sizeof(detail), "date=%s kind=%s", d, kind);
		return ehc__audit(db, id, "note", detail);
	}
}

/*
 * The day a need or a named setting recorded without one takes effect:
 * the plan's start for the first of its rank on a plan, else today.
 */
int32_t
ehc__default_from(struct ehc_db *db, const struct case_state *cs, int first)
{
	if (first && cs->final_date != EHC_NO_DATE)
		return cs->final_date;
	return db->today;
}

/*
 * Close the need in force at rank (and any need of the same type at the
 * other rank: a need is primary or secondary, not both) on the day
 * before from; one that starts on from itself is replaced.
 */
static int
close_needs(struct ehc_db *db, int64_t id, const char *type, int rank,
    int32_t from)
{
	static const char del[] = "DELETE FROM need WHERE case_id = ?1 AND "
	    "end IS NULL AND start = ?2 AND (rank = CAST(?4 AS INTEGER) OR "
	    "type = ?5)";
	static const char upd[] = "UPDATE need SET end = ?3 WHERE case_id = ?1 "
	    "AND end IS NULL AND (rank = CAST(?4 AS INTEGER) OR type = ?5)";
	const char *r = rank == 1 ? "1" : "2";
	int rc;

	if ((rc = ehc__exec(db, del, id, from, EHC_NO_DATE, r, type))
	    != EHC_OK)
		return rc;
	return ehc__exec(db, upd, id, EHC_NO_DATE, from - 1, r, type);
}

int
ehc_case_need_at(struct ehc_db *db, int64_t id, const char *type, int rank,
    int32_t from)
{
	struct case_state cs;
	sqlite3_stmt *st;
	char extra[64], d[EHC_DATE_LEN];
	int32_t latest = EHC_NO_DATE;
	int rc, same = 0, any = 0;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if (type == NULL || !ehc__sen2_code(ehc__sen2_list("SENtype", 0),
	    type))
		return ehc__db_fail(db, EHC_EINVAL, "unknown need '%.10s'; use a "
		    "SEN2 type: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, "
		    "PD, ASD, DS or OTH", type ? type : "");
	if (rank != 1 && rank != 2)
		return ehc__db_fail(db, EHC_EINVAL, "the rank is 1 (primary) "
		    "or 2 (secondary)");
	/* The need in force at this rank, and the latest start of any. */
	if ((rc = ehc__db_cached(db, &st, "SELECT max(start), "
	    "sum(end IS NULL AND rank = ?2 AND type = ?3), "
	    "sum(rank = ?2) FROM need WHERE case_id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, rank);
	sqlite3_bind_text(st, 3, type, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		latest = ehc__column_date(st, 0);
		same = sqlite3_column_int(st, 1) > 0;
		any = sqlite3_column_int(st, 2) > 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ehc__db_error(db, rc, "reading the needs");
	if (from == EHC_NO_DATE)
		from = ehc__default_from(db, &cs, !any);
	if ((rc = ehc__check_event_date(db, "the need", from, EHC_NO_DATE,
	    NULL)) != EHC_OK)
		return rc;
	if (same)
		return EHC_OK;		/* already in force: nothing changes */
	if (latest != EHC_NO_DATE && from < latest) {
		ehc_date_format(d, sizeof(d), latest);
		return ehc__db_fail(db, EHC_EINVAL, "the needs recorded last "
		    "took effect on %s; a change takes effect on or after it",
		    d);
	}
	if ((rc = close_needs(db, id, type, rank, from)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO need(case_id, type, "
	    "rank, start) VALUES (?1, ?2, ?3, ?4)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, rank);
	ehc__bind_date(st, 4, from);
	rc = ehc__db_step_done(db, st, "recording a need");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "need=%s rank=%d from=%s", type, rank,
	    ehc_date_format(d, sizeof(d), from));
	return ehc__audit(db, id, "case need", extra);
}

int
ehc_case_need(struct ehc_db *db, int64_t id, const char *type, int rank)
{
	return ehc_case_need_at(db, id, type, rank, EHC_NO_DATE);
}

/*
 * Correcting a case's child or setting.  The child's details are the
 * person's, shared by all their cases: each is audited and derived
 * again.  A new date of birth may move age-based deadlines; one already
 * met is not moved without a reason.
 */

/* A field's old and new value differ ("" and NULL are the same). */
static int
differs(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/* Add "NAME 'OLD' to 'NEW'" to an audit detail. */
static void
change(char *buf, size_t len, const char *name, const char *old,
    const char *new)
{
	size_t n = strlen(buf);

	if (differs(old, new) && n < len)
		snprintf(buf + n, len - n, "%s%s '%s' to '%s'", n > 0 ? "; " :
		    "", name, old != NULL ? old : "", new != NULL ? new : "");
}

/* The child and setting as recorded; strings owned by the result. */
struct recorded {
	int64_t		 person;
	int32_t		 received;
	struct details	 d;
	char		*s[9];
};

static void
recorded_free(struct recorded *r)
{
	size_t i;

	for (i = 0; i < sizeof(r->s) / sizeof(r->s[0]); i++)
		free(r->s[i]);
}

static int
read_recorded(struct ehc_db *db, int64_t id, struct recorded *r)
{
	sqlite3_stmt *st;
	const char **f[9];
	const char *v;
	int rc, i;

	memset(r, 0, sizeof(*r));
	f[0] = &r->d.forename;
	f[1] = &r->d.surname;
	f[2] = &r->d.sex;
	f[3] = &r->d.ethnicity;
	f[4] = &r->d.postcode;
	f[5] = &r->d.upn;
	f[6] = &r->d.uln;
	f[7] = &r->d.upn_unknown;
	f[8] = &r->d.setting;
	if ((rc = ehc__db_prepare(db, &st, "SELECT p.forename, p.surname, "
	    "p.sex, p.ethnicity, p.postcode, p.upn, p.uln, p.upn_unknown, "
	    "c.setting, p.id, p.dob, c.received FROM cases c JOIN person p "
	    "ON p.id = c.person_id WHERE c.id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? ehc__db_fail(db, EHC_ENOTFOUND,
		    "no such case") : ehc__db_error(db, rc, "reading a case");
		sqlite3_finalize(st);
		return rc;
	}
	for (i = 0, rc = EHC_OK; i < 9; i++) {
		v = (const char *)sqlite3_column_text(st, i);
		if (v != NULL && (r->s[i] = strdup(v)) == NULL)
			rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		*f[i] = r->s[i];
	}
	r->person = sqlite3_column_int64(st, 9);
	r->d.dob = ehc__column_date(st, 10);
	r->received = ehc__column_date(st, 11);
	sqlite3_finalize(st);
	return rc;
}

/* A UPN or ULN may name one child only. */
static int
unique_id(struct ehc_db *db, const char *what, const char *sql,
    const char *value, int64_t person)
{
	sqlite3_stmt *st;
	int rc;

	if (value == NULL || *value == '\0')
		return EHC_OK;
	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, person);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = ehc__db_fail(db, EHC_EINVAL, "%s %.13s is already %s's "
		    "child's; one child is one person", what, value,
		    sqlite3_column_text(st, 0));
	else
		rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
		    "finding the person");
	sqlite3_finalize(st);
	return rc;
}

/* The deadlines met on the person's cases, to see whether any moves. */
struct met {
	int64_t	 case_id;
	char	 rule[48], subject[48];
	int32_t	 due, done;
};

static int
met_deadlines(struct ehc_db *db, int64_t person, struct met **out,
    size_t *n)
{
	sqlite3_stmt *st;
	struct met *m = NULL, *p;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = ehc__db_prepare(db, &st, "SELECT d.case_id, d.rule_id, "
	    "coalesce(d.subject, ''), d.due, d.done FROM deadline d JOIN "
	    "cases c ON c.id = d.case_id WHERE c.person_id = ?1 AND d.done IS "
	    "NOT NULL AND d.void = 0 ORDER BY d.case_id, d.seq")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			if ((p = realloc(m, cap * sizeof(*m))) == NULL) {
				free(m);
				sqlite3_finalize(st);
				return ehc__db_fail(db, EHC_ENOMEM, "out of "
				    "memory");
			}
			m = p;
		}
		p = &m[(*n)++];
		p->case_id = sqlite3_column_int64(st, 0);
		snprintf(p->rule, sizeof(p->rule), "%s",
		    sqlite3_column_text(st, 1));
		snprintf(p->subject, sizeof(p->subject), "%s",
		    sqlite3_column_text(st, 2));
		p->due = ehc__column_date(st, 3);
		p->done = ehc__column_date(st, 4);
	}
	sqlite3_finalize(st);
	*out = m;
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading the deadlines");
	return EHC_OK;
}

/* The first met deadline whose due date is not what it was, or NULL. */
static const struct met *
moved(struct ehc_db *db, const struct met *m, size_t n, int32_t *now)
{
	sqlite3_stmt *st;
	size_t i;
	int found;

	if (ehc__db_prepare(db, &st, "SELECT due FROM deadline WHERE case_id "
	    "= ?1 AND rule_id = ?2 AND coalesce(subject, '') = ?3 AND done = "
	    "?4 AND void = 0") != EHC_OK)
		return NULL;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, m[i].case_id);
		sqlite3_bind_text(st, 2, m[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, m[i].subject, -1, SQLITE_STATIC);
		ehc__bind_date(st, 4, m[i].done);
		found = sqlite3_step(st) == SQLITE_ROW;
		*now = found ? ehc__column_date(st, 0) : EHC_NO_DATE;
		if (!found || *now != m[i].due) {
			sqlite3_finalize(st);
			return &m[i];
		}
	}
	sqlite3_finalize(st);
	return NULL;
}

/* The cases of a person, for auditing and deriving each. */
static int
person_cases(struct ehc_db *db, int64_t person, int64_t **out, size_t *n)
{
	sqlite3_stmt *st;
	int64_t *v = NULL, *p;
	size_t cap = 0;
	int rc;

	*n = 0;
	if ((rc = ehc__db_prepare(db, &st, "SELECT id FROM cases WHERE "
	    "person_id = ?1 ORDER BY id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			if ((p = realloc(v, cap * sizeof(*v))) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = p;
		}
		v[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	*out = v;
	if (rc == SQLITE_NOMEM)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	return rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading the child's cases");
}

/* e's value for a field: unchanged (NULL), cleared ("") or new. */
static const char *
edited(const char *given, const char *old)
{
	if (given == NULL)
		return old;
	return *given == '\0' ? NULL : given;
}

/* Write the new details, derive again, and see what moved; then audit. */
static int
apply_edit(struct ehc_db *db, int64_t id, const struct recorded *r,
    const struct details *nd, const char *reason, const char *who_detail,
    const char *setting_detail)
{
	const struct met *mv;
	struct met *m = NULL;
	int64_t *cases = NULL;
	size_t nm = 0, nc = 0, i;
	char detail[2400], d1[EHC_DATE_LEN], d2[EHC_DATE_LEN], d3[EHC_DATE_LEN];
	int32_t now;
	sqlite3_stmt *st;
	int rc;

	if ((rc = person_cases(db, r->person, &cases, &nc)) != EHC_OK ||
	    (nd->dob != r->d.dob &&
	    (rc = met_deadlines(db, r->person, &m, &nm)) != EHC_OK))
		goto out;
	if ((rc = ehc__db_prepare(db, &st, "UPDATE person SET forename = ?2, "
	    "surname = ?3, dob = ?4, sex = ?5, ethnicity = ?6, postcode = ?7, "
	    "upn = ?8, uln = ?9, upn_unknown = ?10 WHERE id = ?1")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, r->person);
	ehc__bind_text(st, 2, nd->forename);
	ehc__bind_text(st, 3, nd->surname);
	ehc__bind_date(st, 4, nd->dob);
	ehc__bind_text(st, 5, nd->sex);
	ehc__bind_text(st, 6, nd->ethnicity);
	ehc__bind_text(st, 7, nd->postcode);
	ehc__bind_text(st, 8, nd->upn);
	ehc__bind_text(st, 9, nd->uln);
	ehc__bind_text(st, 10, nd->upn_unknown);
	rc = ehc__db_step_done(db, st, "correcting the child's details");
	sqlite3_finalize(st);
	if (rc != EHC_OK || (rc = ehc__exec(db, "UPDATE cases SET setting = "
	    "?4 WHERE id = ?1", id, EHC_NO_DATE, EHC_NO_DATE, nd->setting,
	    NULL)) != EHC_OK)
		goto out;
	for (i = 0; nm > 0 && i < nc; i++)
		if ((rc = ehc__clock_refresh(db, cases[i])) != EHC_OK)
			goto out;
	if (nm > 0 && reason == NULL &&
	    (mv = moved(db, m, nm, &now)) != NULL) {
		rc = ehc__db_fail(db, EHC_ESTATE, "the new date of birth "
		    "moves the %s deadline of EHC-%06lld, met on %s, from %s "
		    "to %s; give --force and --reason if it is right",
		    mv->rule, (long long)mv->case_id, ehc_date_format(d1,
		    sizeof(d1), mv->done), ehc_date_format(d2, sizeof(d2),
		    mv->due), now == EHC_NO_DATE ? "none" :
		    ehc_date_format(d3, sizeof(d3), now));
		goto out;
	}
	for (i = 0; i < nc; i++) {
		snprintf(detail, sizeof(detail), "%s%s%s%s%s%s", who_detail,
		    *who_detail && cases[i] == id && *setting_detail ? "; " :
		    "", cases[i] == id ? setting_detail : "",
		    reason != NULL ? "; reason '" : "", reason != NULL ?
		    reason : "", reason != NULL ? "'" : "");
		if (*detail == '\0' || *detail == ';')
			continue;
		if ((rc = ehc__step_done(db, cases[i], "case edit",
		    EHC_NO_DATE, detail)) != EHC_OK)
			goto out;
	}
out:
	free(m);
	free(cases);
	return rc;
}

int
ehc_case_edit(struct ehc_db *db, int64_t id, const struct ehc_case_edit *e)
{
	struct recorded r;
	struct details nd;
	char who_detail[1400] = "", setting_detail[64] = "";
	char d1[EHC_DATE_LEN], d2[EHC_DATE_LEN];
	int rc;

	if ((rc = ehc__check_version(db, "struct ehc_case_edit",
	    e == NULL ? NULL : &e->version, EHC_CASE_EDIT_VERSION)) != EHC_OK)
		return rc;
	if ((rc = read_recorded(db, id, &r)) != EHC_OK)
		goto out;
	nd = r.d;
	nd.forename = edited(e->forename, r.d.forename);
	nd.surname = edited(e->surname, r.d.surname);
	if (e->dob != EHC_NO_DATE)
		nd.dob = e->dob;
	nd.sex = edited(e->sex, r.d.sex);
	nd.ethnicity = edited(e->ethnicity, r.d.ethnicity);
	nd.upn = edited(e->upn, r.d.upn);
	nd.uln = edited(e->uln, r.d.uln);
	nd.upn_unknown = edited(e->upn_unknown, r.d.upn_unknown);
	nd.postcode = edited(e->postcode, r.d.postcode);
	nd.setting = edited(e->setting, r.d.setting);
	/* A UPN given replaces the reason it was unknown, and back. */
	if (e->upn != NULL && *e->upn != '\0' && e->upn_unknown == NULL)
		nd.upn_unknown = NULL;
	if (e->upn_unknown != NULL && *e->upn_unknown != '\0' &&
	    e->upn == NULL)
		nd.upn = NULL;
	if ((rc = check_details(db, &nd)) != EHC_OK ||
	    (rc = check_received(db, nd.dob, r.received)) != EHC_OK ||
	    (e->force_reason != NULL && (rc = ehc__check_text(db,
	    "the reason", e->force_reason, TEXT_MAX_LEN, 1)) != EHC_OK) ||
	    (differs(nd.upn, r.d.upn) && (rc = unique_id(db, "UPN",
	    "SELECT (SELECT max(c.ref) FROM cases c WHERE c.person_id = "
	    "p.id) FROM person p WHERE p.upn = ?1 AND p.id <> ?2", nd.upn,
	    r.person)) != EHC_OK) ||
	    (differs(nd.uln, r.d.uln) && (rc = unique_id(db, "ULN",
	    "SELECT (SELECT max(c.ref) FROM cases c WHERE c.person_id = "
	    "p.id) FROM person p WHERE p.uln = ?1 AND p.id <> ?2", nd.uln,
	    r.person)) != EHC_OK))
		goto out;
	change(who_detail, sizeof(who_detail), "forename", r.d.forename,
	    nd.forename);
	change(who_detail, sizeof(who_detail), "surname", r.d.surname,
	    nd.surname);
	change(who_detail, sizeof(who_detail), "dob", ehc_date_format(d1,
	    sizeof(d1), r.d.dob), ehc_date_format(d2, sizeof(d2), nd.dob));
	change(who_detail, sizeof(who_detail), "sex", r.d.sex, nd.sex);
	change(who_detail, sizeof(who_detail), "ethnicity", r.d.ethnicity,
	    nd.ethnicity);
	change(who_detail, sizeof(who_detail), "upn", r.d.upn, nd.upn);
	change(who_detail, sizeof(who_detail), "uln", r.d.uln, nd.uln);
	change(who_detail, sizeof(who_detail), "upn-unknown",
	    r.d.upn_unknown, nd.upn_unknown);
	change(who_detail, sizeof(who_detail), "postcode", r.d.postcode,
	    nd.postcode);
	change(setting_detail, sizeof(setting_detail), "setting",
	    r.d.setting, nd.setting);
	/* Nothing differs: nothing to write or audit. */
	if (*who_detail == '\0' && *setting_detail == '\0')
		goto out;
	if ((rc = ehc__db_exec(db, "SAVEPOINT ehc_case_edit")) != EHC_OK)
		goto out;
	rc = apply_edit(db, id, &r, &nd, e->force_reason, who_detail,
	    setting_detail);
	if (rc != EHC_OK)
		sqlite3_exec(db->h, "ROLLBACK TO ehc_case_edit", NULL, NULL,
		    NULL);
	sqlite3_exec(db->h, "RELEASE ehc_case_edit", NULL, NULL, NULL);
out:
	recorded_free(&r);
	return rc;
}
