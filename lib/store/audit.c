/*
 * audit.c: the audit log.  Every write appends who acted, when, on which
 * case and what changed.  The records form a hash chain: each stores the
 * previous record's hash and its own, the SHA-256 of
 *
 *	prev_hash \n id \n at \n user \n case_id \n action \n detail
 *
 * (NULL as the empty string; the first record's prev_hash is 64 zeros),
 * so that changing, removing or inserting a record breaks the chain at
 * that record and ehc_audit_verify() names it.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char genesis[EHC__SHA256_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The hash of one record, chained from prev. */
static void
record_hash(const char *prev, int64_t id, const char *at, const char *user,
    int has_case, int64_t case_id, const char *action, const char *detail,
    char out[EHC__SHA256_HEX])
{
	struct ehc__sha256 c;
	char num[32];

	ehc__sha256_init(&c);
	ehc__sha256_update(&c, prev, strlen(prev));
	snprintf(num, sizeof(num), "\n%lld\n", (long long)id);
	ehc__sha256_update(&c, num, strlen(num));
	ehc__sha256_update(&c, at, strlen(at));
	ehc__sha256_update(&c, "\n", 1);
	ehc__sha256_update(&c, user, strlen(user));
	if (has_case)
		snprintf(num, sizeof(num), "\n%lld\n", (long long)case_id);
	else
		snprintf(num, sizeof(num), "\n\n");
	ehc__sha256_update(&c, num, strlen(num));
	ehc__sha256_update(&c, action, strlen(action));
	ehc__sha256_update(&c, "\n", 1);
	if (detail != NULL)
		ehc__sha256_update(&c, detail, strlen(detail));
	ehc__sha256_hex_final(&c, out);
}

int
ehc__audit_at(struct ehc_db *db, int64_t case_id, const char *at,
    const char *user, const char *action, const char *detail)
{
	static const char last_sql[] = "SELECT id, hash FROM audit "
	    "ORDER BY id DESC LIMIT 1";
	static const char insert_sql[] = "INSERT INTO audit(id, at, user, "
	    "case_id, action, detail, prev_hash, hash) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st;
	char prev[EHC__SHA256_HEX], hash[EHC__SHA256_HEX];
	const char *h;
	int64_t id = 1;
	int rc;

	if (detail != NULL && *detail == '\0')
		detail = NULL;
	/* The previous record: read and appended under the same lock. */
	if ((rc = ehc__db_cached(db, &st, last_sql)) != EHC_OK)
		return rc;
	memcpy(prev, genesis, sizeof(prev));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		h = (const char *)sqlite3_column_text(st, 1);
		/* A record with no hash is caught by verify; chain on. */
		if (h != NULL)
			snprintf(prev, sizeof(prev), "%s", h);
	} else if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the audit log");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	record_hash(prev, id, at, user, case_id != 0, case_id, action, detail,
	    hash);
	if ((rc = ehc__db_cached(db, &st, insert_sql)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_STATIC);
	if (case_id != 0)
		sqlite3_bind_int64(st, 4, case_id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	ehc__bind_text(st, 6, detail);
	sqlite3_bind_text(st, 7, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	rc = ehc__db_step_done(db, st, "writing the audit log");
	sqlite3_reset(st);
	return rc;
}

int
ehc__audit(struct ehc_db *db, int64_t case_id, const char *action,
    const char *detail)
{
	char at[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return ehc__audit_at(db, case_id > 0 ? case_id : 0, at,
	    db->user ? db->user : "unknown", action, detail);
}

/* One record as the walk sees it. */
struct link {
	int64_t		 id;
	int		 has_prev, has_hash, self_ok;
	char		 prev[EHC__SHA256_HEX];
	char		 hash[EHC__SHA256_HEX];
};

static void
read_link(sqlite3_stmt *st, struct link *l)
{
	const char *at = (const char *)sqlite3_column_text(st, 1);
	const char *user = (const char *)sqlite3_column_text(st, 2);
	const char *action = (const char *)sqlite3_column_text(st, 4);
	const char *detail = (const char *)sqlite3_column_text(st, 5);
	const char *prev = (const char *)sqlite3_column_text(st, 6);
	const char *hash = (const char *)sqlite3_column_text(st, 7);
	char want[EHC__SHA256_HEX];

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->has_prev = prev != NULL && strlen(prev) == 64;
	l->has_hash = hash != NULL && strlen(hash) == 64;
	if (l->has_prev)
		memcpy(l->prev, prev, sizeof(l->prev));
	if (l->has_hash)
		memcpy(l->hash, hash, sizeof(l->hash));
	if (!l->has_prev || !l->has_hash)
		return;
	record_hash(prev, l->id, at ? at : "", user ? user : "",
	    sqlite3_column_type(st, 3) != SQLITE_NULL,
	    sqlite3_column_int64(st, 3), action ? action : "", detail, want);
	l->self_ok = strcmp(want, hash) == 0;
}

/*
 * Judge record r, given the hash the chain expects as its prev_hash, the
 * id of the last good record (0 at the start) and the record after r
 * (NULL at the end).  Returns the fault and sets *where.
 */
static enum ehc_audit_fault
judge(const struct link *r, const char *expected, int64_t last_id,
    const struct link *next, int64_t *where)
{
	*where = r->id;
	if (r->has_prev && strcmp(r->prev, expected) == 0)
		return r->self_ok ? EHC_AUDIT_INTACT : EHC_AUDIT_ALTERED;
	/* The next record follows on from the last good one: r is extra. */
	if (next != NULL && next->has_prev &&
	    strcmp(next->prev, expected) == 0)
		return EHC_AUDIT_INSERTED;
	/* ehc writes both hashes on every record it appends. */
	if (!r->has_prev || !r->has_hash)
		return EHC_AUDIT_INSERTED;
	if (r->id != last_id + 1 || last_id == 0)
		return EHC_AUDIT_REMOVED;
	if (!r->self_ok)
		return EHC_AUDIT_ALTERED;
	/* r is whole but the record before it was rewritten, hash and all. */
	*where = last_id;
	return EHC_AUDIT_ALTERED;
}

int
ehc_audit_verify(struct ehc_audit_check *out, struct ehc_db *db)
{
	sqlite3_stmt *st;
	struct link l[2], *r = NULL, *n;
	char expected[EHC__SHA256_HEX];
	enum ehc_audit_fault fault = EHC_AUDIT_INTACT;
	int64_t last_id = 0, where = 0;
	int rc, cur = 0;

	memset(out, 0, sizeof(*out));
	memcpy(expected, genesis, sizeof(expected));
	if ((rc = ehc__db_prepare(db, &st, "SELECT id, at, user, case_id, "
	    "action, detail, prev_hash, hash FROM audit ORDER BY id"))
	    != EHC_OK)
		return rc;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			n = &l[cur];
			cur = !cur;
			read_link(st, n);
		} else if (rc == SQLITE_DONE)
			n = NULL;
		else {
			rc = ehc__db_error(db, rc, "reading the audit log");
			goto out;
		}
		if (r != NULL) {
			fault = judge(r, expected, last_id, n, &where);
			if (fault != EHC_AUDIT_INTACT)
				break;
			memcpy(expected, r->hash, sizeof(expected));
			last_id = r->id;
			out->records++;
		}
		if (n == NULL)
			break;
		r = n;
	}
	memcpy(out->head, expected, sizeof(out->head));
	out->fault = fault;
	out->record = where;
	switch (fault) {
	case EHC_AUDIT_INTACT:
		rc = EHC_OK;
		break;
	case EHC_AUDIT_ALTERED:
		rc = ehc__db_fail(db, EHC_EINVAL, "audit record %lld was "
		    "altered; the audit log has been tampered with: keep this "
		    "store for investigation and restore from a backup",
		    (long long)where);
		break;
	case EHC_AUDIT_REMOVED:
		rc = ehc__db_fail(db, EHC_EINVAL, "an audit record was "
		    "removed before %lld; the audit log has been tampered "
		    "with: keep this store for investigation and restore from "
		    "a backup", (long long)where);
		break;
	case EHC_AUDIT_INSERTED:
		rc = ehc__db_fail(db, EHC_EINVAL, "an audit record was "
		    "inserted at %lld; the audit log has been tampered with: "
		    "keep this store for investigation and restore from a "
		    "backup", (long long)where);
		break;
	}
out:
	sqlite3_finalize(st);
	return rc;
}
