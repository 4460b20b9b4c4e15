/*
 * placement.c: settings named in the plan and settings attended, and
 * the authority's configuration for the SEN2 header (config.h).
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s), i;

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
word_in(const char *list, const char *s)
{
	return s != NULL && ehc__sen2_code(list, s);
}

static int
validate(struct ehc_db *db, const struct ehc_placement_in *in)
{
	int given = (in->urn != NULL) + (in->ukprn != NULL) +
	    (in->setting != NULL);

	if (given != 1)
		return ehc__db_fail(db, EHC_EINVAL, "give exactly one of a URN, "
		    "a UKPRN or a setting code");
	if (in->urn != NULL && !all_digits(in->urn, 1, 6))
		return ehc__db_fail(db, EHC_EINVAL, "a URN has up to 6 digits");
	if (in->ukprn != NULL && !all_digits(in->ukprn, 8, 8))
		return ehc__db_fail(db, EHC_EINVAL, "a UKPRN has 8 digits");
	if (in->setting != NULL && !word_in(ehc__sen2_list(in->attends ?
	    "SENSettingAttended" : "SENSettingNamed", 0), in->setting))
		return ehc__db_fail(db, EHC_EINVAL, "unknown setting '%.8s'; "
		    "use OLA, OPA, EHE, EYP or OTH%s", in->setting,
		    in->attends ? ", or NEET, NIEC or NIEO" : "");
	if (in->rank != 1 && in->rank != 2)
		return ehc__db_fail(db, EHC_EINVAL, "the rank is 1 (primary) "
		    "or 2 (secondary)");
	if ((in->sen_unit || in->resourced) && in->urn == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "an SEN unit or resourced "
		    "provision is in a school: give its URN");
	if (in->res != NULL && !word_in(ehc__sen2_list("Res", 0), in->res))
		return ehc__db_fail(db, EHC_EINVAL, "residential is A (38 to "
		    "51 weeks) or B (52 weeks)");
	if (in->wbp != NULL && !word_in(ehc__sen2_list("WBP", 0), in->wbp))
		return ehc__db_fail(db, EHC_EINVAL, "work-based learning is A "
		    "(apprenticeship), T (traineeship) or S (supported "
		    "internship)");
	if (in->attends && in->entry == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "an attended setting needs "
		    "the date the child started there");
	if (in->leaving != EHC_NO_DATE && in->entry != EHC_NO_DATE &&
	    in->leaving < in->entry)
		return ehc__db_fail(db, EHC_EINVAL, "the leaving date is before "
		    "the start; check the dates");
	return ehc__check_text(db, "the setting detail", in->other, 200, 0);
}

/*
 * A setting named in the plan is in force from its start (given, or
 * ehc__default_from()) to its end; naming another of the same rank
 * ends the one in force the day before, so that the SEN2 return of any
 * census day finds the setting named then.  *from gets the start.
 */
static int
name_setting(struct ehc_db *db, int64_t case_id,
    const struct ehc_placement_in *in, const struct case_state *cs,
    int32_t *from)
{
	static const char last_sql[] = "SELECT max(start), count(*) FROM "
	    "plan_detail WHERE case_id = ?1 AND placement_rank = ?2";
	sqlite3_stmt *st;
	int32_t latest = EHC_NO_DATE;
	char d[EHC_DATE_LEN];
	int rc, any = 0;

	if ((rc = ehc__db_cached(db, &st, last_sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, in->rank);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		latest = ehc__column_date(st, 0);
		any = sqlite3_column_int(st, 1) > 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ehc__db_error(db, rc, "reading the named settings");
	*from = in->entry != EHC_NO_DATE ? in->entry :
	    ehc__default_from(db, cs, !any);
	if ((rc = ehc__check_event_date(db, "the setting's start", *from,
	    EHC_NO_DATE, NULL)) != EHC_OK)
		return rc;
	if (latest != EHC_NO_DATE && *from < latest) {
		ehc_date_format(d, sizeof(d), latest);
		return ehc__db_fail(db, EHC_EINVAL, "the setting of rank %d "
		    "named last is in force from %s; name the next one from "
		    "then on", in->rank, d);
	}
	/* One named the same day is replaced; the one before it ends. */
	if ((rc = ehc__exec(db, "DELETE FROM plan_detail WHERE case_id = ?1 "
	    "AND placement_rank = CAST(?4 AS INTEGER) AND start = ?2", case_id,
	    *from, EHC_NO_DATE, in->rank == 1 ? "1" : "2", NULL)) != EHC_OK)
		return rc;
	return ehc__exec(db, "UPDATE plan_detail SET end = ?3 WHERE case_id = "
	    "?1 AND placement_rank = CAST(?4 AS INTEGER) AND (end IS NULL OR "
	    "end >= ?3)", case_id, EHC_NO_DATE, *from - 1,
	    in->rank == 1 ? "1" : "2", NULL);
}

int
ehc_placement_add(int *seq_out, struct ehc_db *db, int64_t case_id,
    const struct ehc_placement_in *in)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int32_t from = in != NULL ? in->entry : EHC_NO_DATE;
	char extra[64];
	int rc;

	if ((rc = ehc__check_version(db, "struct ehc_placement_in",
	    in == NULL ? NULL : &in->version, EHC_PLACEMENT_IN_VERSION))
	    != EHC_OK || (rc = ehc__case_state(db, case_id, &cs)) != EHC_OK ||
	    (rc = validate(db, in)) != EHC_OK)
		return rc;
	if (in->attends && (rc = ehc__check_event_date(db, "the start",
	    in->entry, EHC_NO_DATE, NULL)) != EHC_OK)
		return rc;
	if (!in->attends && (rc = name_setting(db, case_id, in, &cs, &from))
	    != EHC_OK)
		return rc;
	if (in->leaving != EHC_NO_DATE && in->leaving < from)
		return ehc__db_fail(db, EHC_EINVAL, "the end is before the "
		    "start; check the dates");
	if ((rc = ehc__db_cached(db, &st, in->attends ?
	    "INSERT INTO placement(case_id, seq, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, entry, leaving, sen_unit, "
	    "resourced, res, wbp) VALUES (?1, (SELECT coalesce(max(seq), 0) + "
	    "1 FROM placement WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10, ?11, ?12) RETURNING seq" :
	    "INSERT INTO plan_detail(case_id, seq, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, start, end, sen_unit, "
	    "resourced, res, wbp) VALUES (?1, (SELECT coalesce(max(seq), 0) + "
	    "1 FROM plan_detail WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10, ?11, ?12) RETURNING seq")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	ehc__bind_text(st, 2, in->urn);
	ehc__bind_text(st, 3, in->ukprn);
	ehc__bind_text(st, 4, in->setting);
	ehc__bind_text(st, 5, in->other);
	sqlite3_bind_int(st, 6, in->rank);
	ehc__bind_date(st, 7, from);
	ehc__bind_date(st, 8, in->leaving);
	sqlite3_bind_int(st, 9, in->sen_unit != 0);
	sqlite3_bind_int(st, 10, in->resourced != 0);
	ehc__bind_text(st, 11, in->res);
	ehc__bind_text(st, 12, in->wbp);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = ehc__db_error(db, rc, "recording a placement");
		sqlite3_reset(st);
		return rc;
	}
	*seq_out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	snprintf(extra, sizeof(extra), "%s=%d rank=%d", in->attends ?
	    "attends" : "named", *seq_out, in->rank);
	return ehc__audit(db, case_id, "placement", extra);
}

int
ehc_placement_leave(struct ehc_db *db, int64_t case_id, int seq,
    int32_t date)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int32_t entry = EHC_NO_DATE;
	char extra[64], d[EHC_DATE_LEN];
	int rc, found = 0;

	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT entry FROM placement WHERE "
	    "case_id = ?1 AND seq = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, seq);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		entry = ehc__column_date(st, 0);
	}
	sqlite3_reset(st);
	if (!found)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the case has no attended "
		    "setting %d; see 'ehc placement CASE list'", seq);
	if ((rc = ehc__check_event_date(db, "the leaving date", date, entry,
	    "the start")) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "UPDATE placement SET leaving = ?3 "
	    "WHERE case_id = ?1 AND seq = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, seq);
	ehc__bind_date(st, 3, date);
	rc = ehc__db_step_done(db, st, "recording a leaving date");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	ehc_date_format(d, sizeof(d), date);
	snprintf(extra, sizeof(extra), "date=%s leaves=%d", d, seq);
	return ehc__audit(db, case_id, "placement leave", extra);
}

int
ehc_placement_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_placement *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_placement p;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT 0, seq, placement_rank, "
	    "sen_unit, resourced, urn, ukprn, sen_setting, sen_setting_other, "
	    "res, wbp, start, end FROM plan_detail WHERE case_id = ?1 "
	    "UNION ALL SELECT 1, seq, placement_rank, sen_unit, resourced, "
	    "urn, ukprn, sen_setting, sen_setting_other, res, wbp, entry, "
	    "leaving FROM placement WHERE case_id = ?1 ORDER BY 1, 2"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.attends = sqlite3_column_int(st, 0);
		p.seq = sqlite3_column_int(st, 1);
		p.rank = sqlite3_column_int(st, 2);
		p.sen_unit = sqlite3_column_int(st, 3);
		p.resourced = sqlite3_column_int(st, 4);
		p.urn = (const char *)sqlite3_column_text(st, 5);
		p.ukprn = (const char *)sqlite3_column_text(st, 6);
		p.setting = (const char *)sqlite3_column_text(st, 7);
		p.other = (const char *)sqlite3_column_text(st, 8);
		p.res = (const char *)sqlite3_column_text(st, 9);
		p.wbp = (const char *)sqlite3_column_text(st, 10);
		p.entry = ehc__column_date(st, 11);
		p.leaving = ehc__column_date(st, 12);
		if ((rc = cb(&p, payload)) != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

static const char *const config_names[] = {
	"lea", "dmo", "dco", "dsco", "authority", "infant-junior",
	"retention_max", NULL
};

const char *const *
ehc_config_names(void)
{
	return config_names;
}

int
ehc_config_set(struct ehc_db *db, const char *name, const char *value)
{
	char extra[160];
	int rc;

	if (strcmp(name, "lea") == 0) {
		if (!all_digits(value, 3, 3))
			return ehc__db_fail(db, EHC_EINVAL, "lea is the 3-digit "
			    "DfE LA number, such as 929");
	} else if (strcmp(name, "dmo") == 0 || strcmp(name, "dco") == 0 ||
	    strcmp(name, "dsco") == 0) {
		if (!word_in("Y N R", value))
			return ehc__db_fail(db, EHC_EINVAL, "%s is Y (in post), "
			    "N (not) or R (recruitment in progress)", name);
	} else if (strcmp(name, "retention_max") == 0) {
		if (!all_digits(value, 1, 3) || atoi(value) < 1 ||
		    atoi(value) > 100)
			return ehc__db_fail(db, EHC_EINVAL, "retention_max is "
			    "the share of the cases, 1 to 100 per cent, that one "
			    "'ehc retention --apply' may remove unless forced");
	} else if (strcmp(name, "authority") == 0) {
		if ((rc = ehc__check_text(db, "the authority's name", value,
		    100, 1)) != EHC_OK)
			return rc;
	} else if (strcmp(name, "infant-junior") == 0) {
		if (!word_in("Y N", value))
			return ehc__db_fail(db, EHC_EINVAL, "infant-junior is "
			    "Y (the authority has infant and junior schools, "
			    "so year 2 to 3 is a phase transfer) or N");
	} else
		return ehc__db_fail(db, EHC_EINVAL, "unknown setting '%.20s'; "
		    "use lea, dmo, dco, dsco, authority, infant-junior or "
		    "retention_max", name);
	if ((rc = ehc__exec(db, "INSERT OR REPLACE INTO setting(key, value) "
	    "VALUES (?4, ?5)", 0, EHC_NO_DATE, EHC_NO_DATE, name, value))
	    != EHC_OK)
		return rc;
	/* The transfers derived from dates of birth follow it. */
	if (strcmp(name, "infant-junior") == 0 &&
	    (rc = ehc_clock_refresh_all(db)) != EHC_OK)
		return rc;
	snprintf(extra, sizeof(extra), "%s=%s", name, value);
	return ehc__audit(db, 0, "config", extra);
}

int
ehc_config_foreach(struct ehc_db *db,
    int (*cb)(const char *, const char *, void *), void *payload)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT key, value FROM setting "
	    "WHERE key IN ('lea', 'dmo', 'dco', 'dsco', 'authority', "
	    "'infant-junior', 'retention_max') ORDER BY key")) != EHC_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), payload)) != 0)
			break;
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}
