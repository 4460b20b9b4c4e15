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

static int
validate_request(struct ehc_db *db, const struct ehc_request_in *in)
{
	int rc;
	const char *p;

	if ((rc = ehc__check_text(db, "the forename", in->forename,
	    NAME_MAX_LEN, 1)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the surname", in->surname,
	    NAME_MAX_LEN, 1)) != EHC_OK ||
	    (rc = ehc__check_text(db, "the officer", in->officer,
	    NAME_MAX_LEN, 0)) != EHC_OK ||
	    (rc = check_code(db, "the postcode", in->postcode, 8)) != EHC_OK ||
	    (rc = check_code(db, "the ethnicity code", in->ethnicity, 4))
	    != EHC_OK ||
	    (rc = check_code(db, "the setting", in->setting, 8)) != EHC_OK)
		return rc;
	if (in->ethnicity != NULL && !ehc__sen2_code(ehc__sen2_ethnicities,
	    in->ethnicity))
		return ehc__db_fail(db, EHC_EINVAL, "unknown ethnicity code "
		    "'%.8s'; use a CBDS code such as WBRI, or REFU or NOBT",
		    in->ethnicity);
	if (in->source != NULL && !in_list(sources, in->source))
		return ehc__db_fail(db, EHC_EINVAL, "unknown request source "
		    "'%.20s'; use parent, young-person, school, health, "
		    "social-care or other", in->source);
	if (in->sex != NULL && strcmp(in->sex, "M") != 0 &&
	    strcmp(in->sex, "F") != 0)
		return ehc__db_fail(db, EHC_EINVAL, "sex must be M or F");
	if (in->upn != NULL && !ehc_upn_valid(in->upn))
		return ehc__db_fail(db, EHC_EINVAL, "'%.13s' is not a valid "
		    "UPN (13 characters whose first letter checks the rest)",
		    in->upn);
	if (in->uln != NULL) {
		for (p = in->uln; isdigit((unsigned char)*p); p++)
			;
		if (*p != '\0' || strlen(in->uln) != 10)
			return ehc__db_fail(db, EHC_EINVAL, "a ULN has 10 "
			    "digits");
	}
	if (in->dob == EHC_NO_DATE || in->received == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the date of birth and "
		    "the date received are required");
	if (in->dob > db->today && db->today != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the date of birth is "
		    "after today; check it");
	if (ehc_date_age(in->dob, in->received) >= 25)
		return ehc__db_fail(db, EHC_EINVAL, "the young person was 25 "
		    "or over when the request arrived; a request can be made "
		    "only before the 25th birthday");
	return ehc__check_event_date(db, "the request date", in->received,
	    in->dob, "the date of birth");
}

int
ehc__person_add(struct ehc_db *db, const struct ehc_request_in *in,
    int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (in->upn != NULL) {
		if ((rc = ehc__db_cached(db, &st, "SELECT id FROM person "
		    "WHERE upn = ?1")) != EHC_OK)
			return rc;
		sqlite3_bind_text(st, 1, in->upn, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			return EHC_OK;
		}
		sqlite3_reset(st);
	}
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO person(forename, "
	    "surname, dob, sex, ethnicity, postcode, upn, uln) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")) != EHC_OK)
		return rc;
	ehc__bind_text(st, 1, in->forename);
	ehc__bind_text(st, 2, in->surname);
	ehc__bind_date(st, 3, in->dob);
	ehc__bind_text(st, 4, in->sex);
	ehc__bind_text(st, 5, in->ethnicity);
	ehc__bind_text(st, 6, in->postcode);
	ehc__bind_text(st, 7, in->upn);
	ehc__bind_text(st, 8, in->uln);
	rc = ehc__db_step_done(db, st, "adding a person");
	sqlite3_reset(st);
	*out = sqlite3_last_insert_rowid(db->h);
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
	    "received, source, officer, setting, created) VALUES ("
	    "'new', ?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ'))"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	ehc__bind_date(st, 2, in->received);
	ehc__bind_text(st, 3, in->source);
	ehc__bind_text(st, 4, in->officer);
	ehc__bind_text(st, 5, in->setting);
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
ehc_request_create(char *ref_out, size_t ref_len, struct ehc_db *db,
    const struct ehc_request_in *in)
{
	int64_t person, id;
	char ref[EHC_REF_LEN];
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK ||
	    (rc = ehc__check_version(db, "struct ehc_request_in",
	    in == NULL ? NULL : &in->version, EHC_REQUEST_IN_VERSION))
	    != EHC_OK || (rc = validate_request(db, in)) != EHC_OK)
		return rc;
	if ((rc = ehc__person_add(db, in, &person)) != EHC_OK ||
	    (rc = ehc__case_insert(db, person, in, &id, ref)) != EHC_OK)
		return rc;
	if ((rc = ehc__step_done(db, id, "request new", in->received, NULL))
	    != EHC_OK)
		return rc;
	snprintf(ref_out, ref_len, "%s", ref);
	return EHC_OK;
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
	static const char *const actions[] = { "decide assess",
	    "decide no-assess", "decide issue", "decide no-issue" };
	struct case_state cs;
	int assess, rc;

	if ((rc = open_case(db, id, &cs)) != EHC_OK)
		return rc;
	if ((rc = ehc__check_text(db, "the reason", reason, TEXT_MAX_LEN, 0))
	    != EHC_OK)
		return rc;
	assess = decision == EHC_DECIDE_ASSESS ||
	    decision == EHC_DECIDE_NO_ASSESS;
	if (assess) {
		if (cs.assess != 0)
			return state_fail(db, "whether to assess has already "
			    "been decided", "see 'ehc case show'");
		if ((rc = ehc__check_event_date(db, "the decision", date,
		    cs.received, "the request")) != EHC_OK)
			return rc;
		rc = ehc__exec(db, "UPDATE cases SET assess = ?4, "
		    "assess_date = ?2, reason = coalesce(?5, reason) "
		    "WHERE id = ?1", id, date, EHC_NO_DATE,
		    decision == EHC_DECIDE_ASSESS ? "Y" : "N", reason);
	} else {
		if (cs.assess != 'Y')
			return state_fail(db, "the authority has not decided "
			    "to assess", "record 'ehc decide CASE assess' "
			    "first");
		if (cs.issue != 0)
			return state_fail(db, "whether to issue a plan has "
			    "already been decided", "see 'ehc case show'");
		if ((rc = ehc__check_event_date(db, "the decision", date,
		    cs.assess_date, "the decision to assess")) != EHC_OK)
			return rc;
		rc = ehc__exec(db, "UPDATE cases SET issue = ?4, "
		    "issue_date = ?2, reason = coalesce(?5, reason) "
		    "WHERE id = ?1", id, date, EHC_NO_DATE,
		    decision == EHC_DECIDE_ISSUE ? "Y" : "N", reason);
	}
	if (rc != EHC_OK)
		return rc;
	return ehc__step_done(db, id, actions[decision], date, NULL);
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
	if ((rc = ehc__check_text(db, "the note", text, TEXT_MAX_LEN, 1))
	    != EHC_OK ||
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

int
ehc_case_need(struct ehc_db *db, int64_t id, const char *type, int rank)
{
	struct case_state cs;
	sqlite3_stmt *st;
	char extra[32];
	int rc;

	if ((rc = ehc__case_state(db, id, &cs)) != EHC_OK)
		return rc;
	if (type == NULL || !ehc__sen2_code(ehc__sen2_sen_types, type))
		return ehc__db_fail(db, EHC_EINVAL, "unknown need '%.10s'; use a "
		    "SEN2 type: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, "
		    "PD, ASD, DS or OTH", type ? type : "");
	if (rank != 1 && rank != 2)
		return ehc__db_fail(db, EHC_EINVAL, "the rank is 1 (primary) "
		    "or 2 (secondary)");
	if ((rc = ehc__db_cached(db, &st, "INSERT OR REPLACE INTO need("
	    "case_id, type, rank) VALUES (?1, ?2, ?3)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, rank);
	rc = ehc__db_step_done(db, st, "recording a need");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "need=%s rank=%d", type, rank);
	return ehc__audit(db, id, "case need", extra);
}
