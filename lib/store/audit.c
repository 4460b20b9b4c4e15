/*
 * audit.c: the audit log.  Every write appends who acted, when, on which
 * case and what changed.  The records form a chain keyed with the audit
 * key (key.c): each stores the previous record's MAC and its own,
 *
 *	HMAC-SHA-256(key, "ehc-audit-2" F(prev) F(at) F(user) F(case)
 *	    F(action) F(digest))
 *
 * where F(x) is x's length in decimal, a colon and x; case is "" for
 * none; digest is "" for no detail, else HMAC-SHA-256(key,
 * "ehc-detail" F(detail)) as hex, which the digest column keeps once the
 * detail itself is removed with its case (retention).  The first
 * record's prev is 64 zeros.  Without the key, a record cannot be
 * altered, removed or inserted without breaking the chain at that
 * record, which ehc_audit_verify() names; an anchor kept elsewhere finds
 * records cut off the end.  Record ids are not in the MAC: renumbering
 * after a removal shows as the removal it is.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char genesis[EHC__SHA256_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The columns every walk of the log reads, in order. */
#define AUDIT_COLUMNS "id, at, user, case_id, action, detail, digest, " \
	"prev_mac, mac"

/* The keyed digest of a detail (the MAC covers this, not the text). */
static void
detail_digest(struct ehc_db *db, const char *detail,
    char out[EHC__SHA256_HEX])
{
	struct ehc__hmac c = db->mac;

	ehc__hmac_field(&c, "ehc-detail", 10);
	ehc__hmac_field(&c, detail, strlen(detail));
	ehc__hmac_hex_final(&c, out);
}

static void
record_mac(struct ehc_db *db, const char *prev, const char *at,
    const char *user, int64_t case_id, const char *action,
    const char *digest, char out[EHC__SHA256_HEX])
{
	struct ehc__hmac c = db->mac;
	char num[32] = "";

	if (case_id > 0)
		snprintf(num, sizeof(num), "%lld", (long long)case_id);
	ehc__hmac_field(&c, "ehc-audit-2", 11);
	ehc__hmac_field(&c, prev, strlen(prev));
	ehc__hmac_field(&c, at, strlen(at));
	ehc__hmac_field(&c, user, strlen(user));
	ehc__hmac_field(&c, num, strlen(num));
	ehc__hmac_field(&c, action, strlen(action));
	ehc__hmac_field(&c, digest, strlen(digest));
	ehc__hmac_hex_final(&c, out);
}

int
ehc_db_set_user(struct ehc_db *db, const char *user)
{
	char *copy;
	int rc;

	/* It is printed and written into every record: text like any. */
	if ((rc = ehc__check_text(db, "the user name", user, 100, 1))
	    != EHC_OK)
		return rc;
	if ((copy = strdup(user)) == NULL)
		return EHC_ENOMEM;
	free(db->user);
	db->user = copy;
	return EHC_OK;
}

int
ehc__audit(struct ehc_db *db, int64_t case_id, const char *action,
    const char *detail)
{
	static const char last_sql[] = "SELECT id, mac FROM audit "
	    "ORDER BY id DESC LIMIT 1";
	static const char insert_sql[] = "INSERT INTO audit(id, at, user, "
	    "case_id, action, detail, prev_mac, mac) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st;
	char prev[EHC__SHA256_HEX], mac[EHC__SHA256_HEX], at[32];
	char digest[EHC__SHA256_HEX] = "";
	const char *h, *user = db->user ? db->user : "unknown";
	time_t now = time(NULL);
	struct tm tm;
	int64_t id = 1;
	int rc;

	if ((rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	if (case_id < 0)
		case_id = 0;
	if (detail != NULL && *detail == '\0')
		detail = NULL;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The previous record: read and appended under the same lock. */
	if ((rc = ehc__db_cached(db, &st, last_sql)) != EHC_OK)
		return rc;
	memcpy(prev, genesis, sizeof(prev));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		h = (const char *)sqlite3_column_text(st, 1);
		/* A record with no MAC is caught by verify; chain on. */
		if (h != NULL)
			snprintf(prev, sizeof(prev), "%s", h);
	} else if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the audit log");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	if (detail != NULL)
		detail_digest(db, detail, digest);
	record_mac(db, prev, at, user, case_id, action, digest, mac);
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
	sqlite3_bind_text(st, 8, mac, -1, SQLITE_STATIC);
	rc = ehc__db_step_done(db, st, "writing the audit log");
	sqlite3_reset(st);
	if (rc == EHC_OK && case_id > 0)
		rc = ehc__seal_mark(db, case_id);
	return rc;
}

/*
 * The MAC a record should carry after prev, and the plain SHA-256 hash
 * of the chain before it was keyed (schema 3 to 10), which the rekeying
 * checks before it replaces it.  st reads AUDIT_COLUMNS.
 */
static void
keyed_mac(struct ehc_db *db, sqlite3_stmt *st, const char *prev,
    char out[EHC__SHA256_HEX])
{
	const char *detail = (const char *)sqlite3_column_text(st, 5);
	const char *digest = (const char *)sqlite3_column_text(st, 6);
	const char *at = (const char *)sqlite3_column_text(st, 1);
	const char *user = (const char *)sqlite3_column_text(st, 2);
	const char *action = (const char *)sqlite3_column_text(st, 4);
	char d[EHC__SHA256_HEX] = "";

	/* A detail there is what counts; a digest only stands for one gone. */
	if (detail != NULL)
		detail_digest(db, detail, d);
	else if (digest != NULL)
		snprintf(d, sizeof(d), "%s", digest);
	record_mac(db, prev, at ? at : "", user ? user : "",
	    sqlite3_column_int64(st, 3), action ? action : "", d, out);
}

static void
plain_hash(struct ehc_db *db, sqlite3_stmt *st, const char *prev,
    char out[EHC__SHA256_HEX])
{
	const char *s;
	struct ehc__sha256 c;
	char num[32];
	int i;

	(void)db;
	ehc__sha256_init(&c);
	ehc__sha256_update(&c, prev, strlen(prev));
	snprintf(num, sizeof(num), "\n%lld\n",
	    (long long)sqlite3_column_int64(st, 0));
	ehc__sha256_update(&c, num, strlen(num));
	/* at, user, case_id (or ""), action, detail: joined by newlines. */
	for (i = 1; i <= 5; i++) {
		if ((s = (const char *)sqlite3_column_text(st, i)) != NULL)
			ehc__sha256_update(&c, s, strlen(s));
		if (i < 5)
			ehc__sha256_update(&c, "\n", 1);
	}
	ehc__sha256_hex_final(&c, out);
}

typedef void (*link_fn)(struct ehc_db *, sqlite3_stmt *, const char *,
    char *);

/* One record as the walk sees it. */
struct link {
	int64_t		 id;
	int		 has_prev, has_mac, self_ok;
	char		 prev[EHC__SHA256_HEX];
	char		 mac[EHC__SHA256_HEX];
};

static int
is_hex64(const char *s)
{
	return s != NULL && strlen(s) == 64 && strspn(s,
	    "0123456789abcdef") == 64;
}

static void
read_link(struct ehc_db *db, sqlite3_stmt *st, link_fn fn, struct link *l)
{
	const char *prev = (const char *)sqlite3_column_text(st, 7);
	const char *mac = (const char *)sqlite3_column_text(st, 8);
	char want[EHC__SHA256_HEX];

	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(st, 0);
	l->has_prev = is_hex64(prev);
	l->has_mac = is_hex64(mac);
	if (l->has_prev)
		memcpy(l->prev, prev, sizeof(l->prev));
	if (l->has_mac)
		memcpy(l->mac, mac, sizeof(l->mac));
	if (!l->has_prev || !l->has_mac)
		return;
	fn(db, st, l->prev, want);
	l->self_ok = strcmp(want, l->mac) == 0;
}

/*
 * Judge record r, given the MAC the chain expects as its prev, the id
 * of the last good record (0 at the start) and the record after r
 * (NULL at the end).  keyed: r's MAC cannot have been made again by
 * whoever changed the store.  Returns the fault and sets *where.
 */
static enum ehc_audit_fault
judge(const struct link *r, const char *expected, int64_t last_id,
    const struct link *next, int keyed, int64_t *where)
{
	*where = r->id;
	if (r->has_prev && strcmp(r->prev, expected) == 0)
		return r->self_ok ? EHC_AUDIT_INTACT : EHC_AUDIT_ALTERED;
	/* The next record follows on from the last good one: r is extra. */
	if (next != NULL && next->has_prev &&
	    strcmp(next->prev, expected) == 0)
		return EHC_AUDIT_INSERTED;
	/* ehc writes both MACs on every record it appends. */
	if (!r->has_prev || !r->has_mac)
		return EHC_AUDIT_INSERTED;
	/* A genuine record after a gap, renumbered or not. */
	if (keyed)
		return r->self_ok ? EHC_AUDIT_REMOVED : EHC_AUDIT_ALTERED;
	if (r->id != last_id + 1 || last_id == 0)
		return EHC_AUDIT_REMOVED;
	if (!r->self_ok)
		return EHC_AUDIT_ALTERED;
	/* r is whole but the record before it was rewritten, hash and all. */
	*where = last_id;
	return EHC_AUDIT_ALTERED;
}

/* What a walk found, beyond struct ehc_audit_check. */
struct walk {
	link_fn		 fn;
	int64_t		 anchor_records;	/* -1: none */
	const char	*anchor_head;
	int		 anchor_seen;
};

static int
walk(struct ehc_db *db, struct walk *w, struct ehc_audit_check *out)
{
	sqlite3_stmt *st;
	struct link l[2], *r = NULL, *n;
	char expected[EHC__SHA256_HEX];
	enum ehc_audit_fault fault = EHC_AUDIT_INTACT;
	int64_t last_id = 0, where = 0;
	int rc, cur = 0;

	memcpy(expected, genesis, sizeof(expected));
	if (w->anchor_records == 0)
		w->anchor_seen = strcmp(w->anchor_head, genesis) == 0 ? 1 : -1;
	if ((rc = ehc__db_prepare(db, &st, "SELECT " AUDIT_COLUMNS " FROM "
	    "audit ORDER BY id")) != EHC_OK)
		return rc;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			n = &l[cur];
			cur = !cur;
			read_link(db, st, w->fn, n);
		} else if (rc == SQLITE_DONE)
			n = NULL;
		else {
			rc = ehc__db_error(db, rc, "reading the audit log");
			goto out;
		}
		if (r != NULL) {
			fault = judge(r, expected, last_id, n,
			    w->fn == keyed_mac, &where);
			if (fault != EHC_AUDIT_INTACT)
				break;
			memcpy(expected, r->mac, sizeof(expected));
			last_id = r->id;
			if (++out->records == w->anchor_records)
				w->anchor_seen = strcmp(r->mac,
				    w->anchor_head) == 0 ? 1 : -1;
		}
		if (n == NULL)
			break;
		r = n;
	}
	rc = EHC_OK;
	memcpy(out->head, expected, sizeof(out->head));
	out->fault = fault;
	out->record = where;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The message for a fault of the chain. */
static int
chain_fail(struct ehc_db *db, const struct ehc_audit_check *c)
{
	static const char advice[] = "the audit log has been tampered with: "
	    "keep this store for investigation and restore from a backup";

	switch (c->fault) {
	case EHC_AUDIT_ALTERED:
		return ehc__db_fail(db, EHC_EINVAL, "audit record %lld was "
		    "altered; %s", (long long)c->record, advice);
	case EHC_AUDIT_REMOVED:
		return ehc__db_fail(db, EHC_EINVAL, "an audit record was "
		    "removed before %lld; %s", (long long)c->record, advice);
	case EHC_AUDIT_INSERTED:
		return ehc__db_fail(db, EHC_EINVAL, "an audit record was "
		    "inserted at %lld; %s", (long long)c->record, advice);
	default:
		return EHC_OK;
	}
}

int
ehc_audit_verify_with(struct ehc_audit_check *out, struct ehc_db *db,
    const struct ehc_audit_options *opts)
{
	struct walk w = { keyed_mac, -1, NULL, 1 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ehc__check_version(db, "struct ehc_audit_options",
	    opts == NULL ? NULL : &opts->version, EHC_AUDIT_OPTIONS_VERSION))
	    != EHC_OK)
		return rc;
	if (opts->anchor_head != NULL) {
		if (opts->anchor_records < 0 || !is_hex64(opts->anchor_head))
			return ehc__db_fail(db, EHC_EINVAL, "an anchor is a "
			    "record count and a MAC of 64 hex digits, as "
			    "'ehc audit head' prints them");
		w.anchor_records = opts->anchor_records;
		w.anchor_head = opts->anchor_head;
		w.anchor_seen = 0;
	}
	if ((rc = ehc__key_ready(db)) != EHC_OK ||
	    (rc = walk(db, &w, out)) != EHC_OK)
		return rc;
	if (out->fault != EHC_AUDIT_INTACT)
		return chain_fail(db, out);
	if (w.anchor_seen == 0) {
		out->fault = EHC_AUDIT_CUT;
		out->record = out->records;
		return ehc__db_fail(db, EHC_EINVAL, "the audit log was cut: "
		    "it ends at record %lld, but the anchor names record %lld; "
		    "keep this store for investigation and restore from a "
		    "backup", (long long)out->records,
		    (long long)w.anchor_records);
	}
	if (w.anchor_seen < 0) {
		out->fault = EHC_AUDIT_CUT;
		out->record = w.anchor_records;
		return ehc__db_fail(db, EHC_EINVAL, "the audit log was cut and "
		    "written again: record %lld is not the one anchored; keep "
		    "this store for investigation and restore from a backup",
		    (long long)w.anchor_records);
	}
	if (opts->deep && (rc = ehc__seal_check(db, &out->cases,
	    &out->case_id)) != EHC_OK) {
		if (rc == EHC_EINVAL)
			out->fault = EHC_AUDIT_CASE;
		return rc;
	}
	return EHC_OK;
}

int
ehc_audit_verify(struct ehc_audit_check *out, struct ehc_db *db)
{
	const struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;

	return ehc_audit_verify_with(out, db, &o);
}

int
ehc__audit_scrub(struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st, *up;
	char digest[EHC__SHA256_HEX];
	int rc;

	if ((rc = ehc__key_ready(db)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_prepare(db, &st, "SELECT id, detail FROM audit "
	    "WHERE case_id = ?1 AND detail IS NOT NULL ORDER BY id"))
	    != EHC_OK)
		return rc;
	if ((rc = ehc__db_prepare(db, &up, "UPDATE audit SET digest = ?2, "
	    "detail = NULL WHERE id = ?1")) != EHC_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_int64(st, 1, case_id);
	/* Each update changes a row already read: the scan goes on by id. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		detail_digest(db, (const char *)sqlite3_column_text(st, 1),
		    digest);
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_text(up, 2, digest, -1, SQLITE_STATIC);
		if ((rc = ehc__db_step_done(db, up, "clearing the audit "
		    "log")) != EHC_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading the audit log");
out:
	sqlite3_finalize(up);
	sqlite3_finalize(st);
	return rc;
}

/* Chain every record again under the key, a thousand at a time. */
static int
rechain(struct ehc_db *db, int64_t *records)
{
	sqlite3_stmt *st, *up;
	char prev[EHC__SHA256_HEX], mac[EHC__SHA256_HEX];
	struct {
		int64_t	 id;
		char	 prev[EHC__SHA256_HEX], mac[EHC__SHA256_HEX];
	} *batch;
	int64_t after = 0;
	int rc, n, i;

	if ((batch = calloc(1000, sizeof(*batch))) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	if ((rc = ehc__db_prepare(db, &st, "SELECT " AUDIT_COLUMNS " FROM "
	    "audit WHERE id > ?1 ORDER BY id LIMIT 1000")) != EHC_OK) {
		free(batch);
		return rc;
	}
	if ((rc = ehc__db_prepare(db, &up, "UPDATE audit SET prev_mac = ?2, "
	    "mac = ?3 WHERE id = ?1")) != EHC_OK)
		goto out;
	memcpy(prev, genesis, sizeof(prev));
	for (;;) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, after);
		for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
			keyed_mac(db, st, prev, mac);
			batch[n].id = sqlite3_column_int64(st, 0);
			memcpy(batch[n].prev, prev, sizeof(prev));
			memcpy(batch[n].mac, mac, sizeof(mac));
			memcpy(prev, mac, sizeof(prev));
		}
		if (rc != SQLITE_DONE) {
			rc = ehc__db_error(db, rc, "reading the audit log");
			goto out;
		}
		sqlite3_reset(st);
		for (i = 0; i < n; i++) {
			sqlite3_reset(up);
			sqlite3_bind_int64(up, 1, batch[i].id);
			sqlite3_bind_text(up, 2, batch[i].prev, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(up, 3, batch[i].mac, -1,
			    SQLITE_STATIC);
			if ((rc = ehc__db_step_done(db, up, "keying the audit "
			    "log")) != EHC_OK)
				goto out;
		}
		*records += n;
		if (n < 1000)
			break;
		after = batch[n - 1].id;
	}
	rc = EHC_OK;
out:
	sqlite3_finalize(up);
	sqlite3_finalize(st);
	free(batch);
	return rc;
}

int
ehc__audit_rekey(struct ehc_db *db)
{
	struct walk w = { plain_hash, -1, NULL, 1 };
	struct ehc_audit_check c;
	char detail[64];
	int64_t n = 0;
	int rc;

	/* The old chain must hold: keying it must not launder a change. */
	memset(&c, 0, sizeof(c));
	if ((rc = walk(db, &w, &c)) != EHC_OK)
		return rc;
	if (c.fault != EHC_AUDIT_INTACT) {
		char why[ERRMSG_LEN];

		chain_fail(db, &c);
		snprintf(why, sizeof(why), "%s", ehc_db_errmsg(db));
		return ehc__db_fail(db, EHC_EINVAL, "the store's audit log "
		    "cannot be keyed: %s", why);
	}
	if ((rc = ehc__key_create(db)) != EHC_OK ||
	    (rc = rechain(db, &n)) != EHC_OK ||
	    (rc = ehc__exec(db, "INSERT OR REPLACE INTO setting(key, value) "
	    "VALUES ('audit_key_id', ?4)", 0, EHC_NO_DATE, EHC_NO_DATE,
	    db->key_id, NULL)) != EHC_OK)
		return rc;
	if (n > 0) {
		snprintf(detail, sizeof(detail), "records=%lld", (long long)n);
		if ((rc = ehc__audit(db, 0, "audit rekey", detail)) != EHC_OK)
			return rc;
	}
	return ehc__seal_range(db, 1, INT64_MAX);
}
