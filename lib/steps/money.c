/*
 * money.c: placements, top-up funding, personal budgets and the spend
 * they add up to.  Amounts are integer pence throughout.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {
	"placement", "top-up", "personal-budget", "indicative", NULL
};
static const char *const pers[] = {
	"year", "term", "month", "week", "once", NULL
};
static const char *const setting_types[] = {
	"mainstream", "special", "independent", "post-16", "alternative",
	"early-years", "other", NULL
};
static const char *const payers[] = {
	"education", "health", "social-care", NULL
};

static int
one_of(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (s != NULL && strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int
ehc_money_parse(int64_t *out, const char *s)
{
	int64_t pounds = 0, pence = 0;
	int digits = 0, decimals = -1;

	if (s == NULL)
		return EHC_EINVAL;
	if (strncmp(s, "\302\243", 2) == 0)	/* a pound sign in UTF-8 */
		s += 2;
	for (; *s != '\0'; s++) {
		if (*s == ',' && decimals < 0 && digits > 0)
			continue;
		if (*s == '.' && decimals < 0 && digits > 0) {
			decimals = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return EHC_EINVAL;
		if (decimals >= 0) {
			if (++decimals > 2)
				return EHC_EINVAL;
			pence = pence * 10 + (*s - '0');
		} else {
			if (++digits > 10)	/* under £10 billion */
				return EHC_EINVAL;
			pounds = pounds * 10 + (*s - '0');
		}
	}
	if (digits == 0 || decimals == 0)
		return EHC_EINVAL;
	if (decimals == 1)
		pence *= 10;
	*out = pounds * 100 + pence;
	return EHC_OK;
}

char *
ehc_money_format(char *out, size_t out_len, int64_t pence)
{
	char digits[32], grouped[48];
	int n, i, j, lead, w;
	int neg = pence < 0;

	if (out_len == 0)
		return out;
	if (neg)
		pence = -pence;
	n = snprintf(digits, sizeof(digits), "%lld",
	    (long long)(pence / 100));
	lead = n % 3 == 0 ? 3 : n % 3;
	for (i = 0, j = 0; i < n; i++) {
		if (i > 0 && (i - lead) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	w = snprintf(out, out_len, "%s\302\243%s.%02lld", neg ? "-" : "",
	    grouped, (long long)(pence % 100));
	if (w < 0 || (size_t)w >= out_len)
		out[0] = '\0';
	return out;
}

/* num / den rounded to the nearest integer, halves up; num >= 0. */
static int64_t
div_round(int64_t num, int64_t den)
{
	return (2 * num + den) / (2 * den);
}

int64_t
ehc_money_in_month(int64_t pence, const char *per, int32_t start,
    int32_t end, int year, int month, int32_t until)
{
	int32_t first = ehc_date_from_ymd(year, month, 1);
	int32_t last = ehc_date_add_months(first, 1) - 1;
	int32_t from = start > first ? start : first;
	int32_t to = end != EHC_NO_DATE && end < last ? end : last;
	int64_t dim = last - first + 1, active;

	if (until != EHC_NO_DATE && until < to)
		to = until;
	if (to < from)
		return 0;
	active = to - from + 1;
	if (strcmp(per, "once") == 0)
		return start >= first && start <= to ? pence : 0;
	if (strcmp(per, "week") == 0)
		return div_round(pence * active, 7);
	if (strcmp(per, "month") == 0)
		return div_round(pence * active, dim);
	/* Three terms to the school year, spread over its months. */
	if (strcmp(per, "term") == 0)
		return div_round(3 * pence * active, 12 * dim);
	return div_round(pence * active, 12 * dim);	/* year */
}

/* Audit a funding step and refresh the case's deadlines. */
static int
funding_done(struct ehc_db *db, int64_t case_id, const char *action,
    int64_t fid, int32_t date)
{
	char extra[32];

	snprintf(extra, sizeof(extra), "funding=%lld", (long long)fid);
	return ehc__step_done(db, case_id, action, date, extra);
}

int
ehc_money_add(int64_t *id_out, struct ehc_db *db, int64_t case_id,
    const struct ehc_funding_in *in)
{
	struct case_state cs;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__check_version(db, "struct ehc_funding_in",
	    in == NULL ? NULL : &in->version, EHC_FUNDING_IN_VERSION))
	    != EHC_OK || (rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if (!one_of(kinds, in->kind))
		return ehc__db_fail(db, EHC_EINVAL, "unknown kind '%.30s'; use "
		    "placement, top-up, personal-budget or indicative",
		    in->kind ? in->kind : "");
	if (!one_of(pers, in->per))
		return ehc__db_fail(db, EHC_EINVAL, "unknown period '%.20s'; "
		    "use year, term, month, week or once",
		    in->per ? in->per : "");
	if (in->setting_type != NULL && !one_of(setting_types,
	    in->setting_type))
		return ehc__db_fail(db, EHC_EINVAL, "unknown setting type "
		    "'%.30s'; use mainstream, special, independent, post-16, "
		    "alternative, early-years or other", in->setting_type);
	if (in->payer != NULL && !one_of(payers, in->payer))
		return ehc__db_fail(db, EHC_EINVAL, "unknown payer '%.30s'; use "
		    "education, health or social-care", in->payer);
	if (in->covers != NULL && !one_of(payers, in->covers))
		return ehc__db_fail(db, EHC_EINVAL, "a personal budget covers "
		    "education, health or social-care");
	if (strcmp(in->kind, "personal-budget") != 0 && (in->covers != NULL ||
	    in->direct_payment || in->organised))
		return ehc__db_fail(db, EHC_EINVAL, "only a personal budget "
		    "covers something, is paid as a direct payment or has "
		    "organised arrangements");
	if (strcmp(in->kind, "personal-budget") == 0 && in->covers == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "say what the personal "
		    "budget covers with --covers");
	if ((rc = ehc__check_text(db, "the provider", in->provider, 200, 0))
	    != EHC_OK ||
	    (rc = ehc__check_text(db, "the band", in->band, 40, 0)) != EHC_OK)
		return rc;
	if (in->pence < 0 || in->start == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "an amount and a start date "
		    "are required");
	if (in->end != EHC_NO_DATE && in->end < in->start)
		return ehc__db_fail(db, EHC_EINVAL, "the end is before the "
		    "start; check the dates");
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO funding(case_id, kind, "
	    "pence, per, start, end, provider, setting_type, payer, covers, "
	    "direct_payment, band, organised) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, in->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, in->pence);
	sqlite3_bind_text(st, 4, in->per, -1, SQLITE_STATIC);
	ehc__bind_date(st, 5, in->start);
	ehc__bind_date(st, 6, in->end);
	ehc__bind_text(st, 7, in->provider);
	ehc__bind_text(st, 8, in->setting_type);
	ehc__bind_text(st, 9, in->payer);
	ehc__bind_text(st, 10, in->covers);
	sqlite3_bind_int(st, 11, in->direct_payment != 0);
	ehc__bind_text(st, 12, in->band);
	sqlite3_bind_int(st, 13, in->organised != 0);
	rc = ehc__db_step_done(db, st, "recording funding");
	sqlite3_reset(st);
	if (rc != EHC_OK)
		return rc;
	*id_out = sqlite3_last_insert_rowid(db->h);
	return funding_done(db, case_id, "money add", *id_out, in->start);
}

/* The start and first payment of one of the case's commitments. */
static int
funding_of(struct ehc_db *db, int64_t case_id, int64_t id, int32_t *start,
    int32_t *first, int *dp)
{
	sqlite3_stmt *st;
	int rc;

	*start = *first = EHC_NO_DATE;
	*dp = 0;
	if ((rc = ehc__db_cached(db, &st, "SELECT start, first_payment, "
	    "direct_payment FROM funding WHERE id = ?1 AND case_id = ?2"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*start = ehc__column_date(st, 0);
		*first = ehc__column_date(st, 1);
		*dp = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the case has no funding "
		    "%lld; see 'ehc money CASE list'", (long long)id);
	return EHC_OK;
}

int
ehc_money_end(struct ehc_db *db, int64_t case_id, int64_t id, int32_t end)
{
	int32_t start, first;
	int dp, rc;

	if ((rc = funding_of(db, case_id, id, &start, &first, &dp)) != EHC_OK)
		return rc;
	if (end < start)
		return ehc__db_fail(db, EHC_EINVAL, "the end is before the "
		    "start; check the date");
	if ((rc = ehc__exec(db, "UPDATE funding SET end = ?2 WHERE id = ?1", id,
	    end, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return funding_done(db, case_id, "money end", id, end);
}

int
ehc_money_direct_payment(struct ehc_db *db, int64_t case_id, int64_t id,
    int32_t date, int reviewed)
{
	int32_t start, first;
	int dp, rc;

	if ((rc = funding_of(db, case_id, id, &start, &first, &dp)) != EHC_OK)
		return rc;
	if (!dp)
		return ehc__db_fail(db, EHC_ESTATE, "funding %lld is not a "
		    "direct payment", (long long)id);
	if (reviewed && first == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "no first payment is "
		    "recorded; record 'ehc money CASE paid' first");
	if (!reviewed && first != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the first payment is "
		    "already recorded");
	if ((rc = ehc__check_event_date(db, reviewed ? "the review" :
	    "the first payment", date, reviewed ? first : start,
	    reviewed ? "the first payment" : "the budget's start")) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, reviewed ? "UPDATE funding SET reviewed = ?2 "
	    "WHERE id = ?1" : "UPDATE funding SET first_payment = ?2 "
	    "WHERE id = ?1", id, date, EHC_NO_DATE, NULL, NULL)) != EHC_OK)
		return rc;
	return funding_done(db, case_id, reviewed ? "money dp-review" :
	    "money first-payment", id, date);
}

#define FUNDING_COLUMNS \
	"SELECT f.id, c.ref, f.kind, f.per, f.provider, f.setting_type, " \
	"f.payer, f.covers, f.band, f.pence, f.start, f.end, " \
	"f.first_payment, f.reviewed, f.direct_payment, f.organised "

static void
read_funding(sqlite3_stmt *st, struct ehc_funding *f)
{
	f->id = sqlite3_column_int64(st, 0);
	f->case_ref = (const char *)sqlite3_column_text(st, 1);
	f->kind = (const char *)sqlite3_column_text(st, 2);
	f->per = (const char *)sqlite3_column_text(st, 3);
	f->provider = (const char *)sqlite3_column_text(st, 4);
	f->setting_type = (const char *)sqlite3_column_text(st, 5);
	f->payer = (const char *)sqlite3_column_text(st, 6);
	f->covers = (const char *)sqlite3_column_text(st, 7);
	f->band = (const char *)sqlite3_column_text(st, 8);
	f->pence = sqlite3_column_int64(st, 9);
	f->start = ehc__column_date(st, 10);
	f->end = ehc__column_date(st, 11);
	f->first_payment = ehc__column_date(st, 12);
	f->reviewed = ehc__column_date(st, 13);
	f->direct_payment = sqlite3_column_int(st, 14);
	f->organised = sqlite3_column_int(st, 15);
}

int
ehc_money_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_funding *, void *), void *payload)
{
	sqlite3_stmt *st;
	struct ehc_funding f;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, FUNDING_COLUMNS "FROM funding f "
	    "JOIN cases c ON c.id = f.case_id WHERE f.case_id = ?1 "
	    "ORDER BY f.id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_funding(st, &f);
		if ((rc = cb(&f, payload)) != 0)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = EHC_OK;
	sqlite3_finalize(st);
	return rc;
}

struct group {
	char			*key;
	struct ehc_spend_row	 row;
};

static int
cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->key,
	    ((const struct group *)b)->key);
}

int
ehc_spend_report(struct ehc_db *db, int fy, const char *by,
    int (*cb)(const struct ehc_spend_row *, void *), void *payload)
{
	static const char *const bys[] = { "month", "need", "setting",
	    "officer", "provider", "kind", NULL };
	struct group *groups = NULL, *g, *grown;
	struct ehc_funding f;
	sqlite3_stmt *st;
	size_t n = 0, cap = 0, i;
	const char *key;
	char month_key[12][8];
	int32_t fy_start, fy_end, until;
	int rc, m, y, mo;

	if (by == NULL || !one_of(bys, by))
		return ehc__db_fail(db, EHC_EINVAL, "spend is grouped by month, "
		    "need, setting, officer, provider or kind");
	if (fy < 2000 || fy > 2100)
		return ehc__db_fail(db, EHC_EINVAL, "the financial year is the "
		    "year it starts, e.g. 2025 for April 2025 to March 2026");
	fy_start = ehc_date_from_ymd(fy, 4, 1);
	fy_end = ehc_date_from_ymd(fy + 1, 3, 31);
	if ((rc = ehc__db_prepare(db, &st, FUNDING_COLUMNS ", coalesce(("
	    "SELECT type FROM need WHERE case_id = c.id AND rank = 1 AND "
	    "end IS NULL), "
	    "'not recorded'), coalesce(c.officer, 'unassigned') "
	    "FROM funding f JOIN cases c ON c.id = f.case_id "
	    "WHERE f.kind <> 'indicative' AND f.start <= ?2 AND "
	    "(f.end IS NULL OR f.end >= ?1)")) != EHC_OK)
		return rc;
	ehc__bind_date(st, 1, fy_start);
	ehc__bind_date(st, 2, fy_end);
	for (m = 0; m < 12; m++)
		snprintf(month_key[m], sizeof(month_key[m]), "%04d-%02d",
		    m < 9 ? fy : fy + 1, m < 9 ? m + 4 : m - 8);
	/* Month rows exist even when nothing is committed in them. */
	if (strcmp(by, "month") == 0) {
		cap = 12;
		if ((groups = calloc(cap, sizeof(*groups))) == NULL) {
			sqlite3_finalize(st);
			return EHC_ENOMEM;
		}
		for (n = 0; n < 12; n++)
			if ((groups[n].key = strdup(month_key[n])) == NULL) {
				rc = EHC_ENOMEM;
				goto out;
			}
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_funding(st, &f);
		if (strcmp(by, "need") == 0)
			key = (const char *)sqlite3_column_text(st, 16);
		else if (strcmp(by, "officer") == 0)
			key = (const char *)sqlite3_column_text(st, 17);
		else if (strcmp(by, "setting") == 0)
			key = f.setting_type ? f.setting_type : "not recorded";
		else if (strcmp(by, "provider") == 0)
			key = f.provider ? f.provider : "not recorded";
		else
			key = f.kind;
		for (m = 0; m < 12; m++) {
			y = m < 9 ? fy : fy + 1;
			mo = m < 9 ? m + 4 : m - 8;
			if (strcmp(by, "month") == 0)
				key = month_key[m];
			for (g = groups, i = 0; i < n; i++, g++)
				if (strcmp(g->key, key) == 0)
					break;
			if (i == n) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					grown = realloc(groups, cap *
					    sizeof(*groups));
					if (grown == NULL) {
						rc = EHC_ENOMEM;
						goto out;
					}
					groups = grown;
				}
				memset(&groups[n], 0, sizeof(groups[n]));
				if ((groups[n].key = strdup(key)) == NULL) {
					rc = EHC_ENOMEM;
					goto out;
				}
				g = &groups[n++];
			}
			until = db->today;
			g->row.month[m] += ehc_money_in_month(f.pence, f.per,
			    f.start, f.end, y, mo, EHC_NO_DATE);
			if (until != EHC_NO_DATE)
				g->row.to_date += ehc_money_in_month(f.pence,
				    f.per, f.start, f.end, y, mo, until);
		}
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading funding");
		goto out;
	}
	/* No funding at all: no groups, and qsort() takes no NULL. */
	if (n > 1)
		qsort(groups, n, sizeof(*groups), cmp_group);
	for (rc = EHC_OK, i = 0; i < n && rc == EHC_OK; i++) {
		groups[i].row.key = groups[i].key;
		for (m = 0; m < 12; m++)
			groups[i].row.forecast += groups[i].row.month[m];
		rc = cb(&groups[i].row, payload);
	}
out:
	sqlite3_finalize(st);
	for (i = 0; i < n; i++)
		free(groups[i].key);
	free(groups);
	return rc;
}
