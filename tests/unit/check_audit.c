/*
 * check_audit.c: unit tests for lib/sha256.c, lib/audit.c (the audit
 * chain and migration 3), lib/export.c (one case as JSON and back) and
 * lib/retention.c (disposal and legal holds).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "internal.h"
#include "fixture.h"


/* Another store in the test's directory, at today 2026-03-02. */
static struct ehc_db *
open_store(const char *name)
{
	struct ehc_db *h = fixture_store_open(name);

	ehc_db_set_today(h, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_set_user(h, "tester"), EHC_OK);
	return h;
}

/* A copy of the suite's store as db, at today 2026-03-02. */
static void
setup(void)
{
	fixture_copy_store_setup();
	ehc_db_set_today(db, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_set_user(db, "tester"), EHC_OK);
}

static void
sql(struct ehc_db *h, const char *s)
{
	char *err = NULL;

	ck_assert_msg(sqlite3_exec(h->h, s, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", s, err ? err : "");
}

static long long
count(struct ehc_db *h, const char *q)
{
	sqlite3_stmt *st;
	long long n;

	ck_assert_int_eq(sqlite3_prepare_v2(h->h, q, -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A valid UPN: the check letter found by trying each. */
static void
make_upn(char *upn, const char *digits)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int i;

	for (i = 0; letters[i] != '\0'; i++) {
		snprintf(upn, 14, "%c%s", letters[i], digits);
		if (ehc_upn_valid(upn))
			return;
	}
	ck_abort_msg("no check letter for %s", digits);
}

static int64_t
new_request(struct ehc_db *h, const char *forename, const char *dob,
    const char *upn)
{
	struct ehc_request_in in;
	char ref[EHC_REF_LEN];
	int64_t id;

	in = (struct ehc_request_in)EHC_REQUEST_IN_INIT;
	in.forename = forename;
	in.surname = "Tester";
	in.dob = D(dob);
	/* At ten, or in 2020 for the younger ones. */
	in.received = in.dob + 3653 < D("2020-01-06") ? in.dob + 3653 :
	    D("2020-01-06");
	in.upn = upn;
	ck_assert_int_eq(ehc_request_create(ref, sizeof(ref), h, &in), EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&id, h, ref), EHC_OK);
	return id;
}

/*
 * SHA-256: the FIPS 180-2 test vectors (appendix B), and the same
 * digests when the input arrives in awkward pieces.
 */

static const struct {
	const char	*in;
	const char	*md;
} vectors[] = {
	{ "abc", "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1" },
	{ "", "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855" },
};

START_TEST(sha256_vectors)
{
	char hex[EHC__SHA256_HEX];
	size_t i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		ehc__sha256_hex(vectors[i].in, strlen(vectors[i].in), hex);
		ck_assert_str_eq(hex, vectors[i].md);
	}
}
END_TEST

START_TEST(sha256_million_a)
{
	struct ehc__sha256 c;
	char hex[EHC__SHA256_HEX], chunk[1000];
	int i;

	/* FIPS 180-2 B.3: one million 'a', fed in odd-sized pieces. */
	memset(chunk, 'a', sizeof(chunk));
	ehc__sha256_init(&c);
	for (i = 0; i < 1000000 / 997; i++)
		ehc__sha256_update(&c, chunk, 997);
	ehc__sha256_update(&c, chunk, 1000000 % 997);
	ehc__sha256_hex_final(&c, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(sha256_pieces)
{
	struct ehc__sha256 c;
	char buf[300], one[EHC__SHA256_HEX], bytes[EHC__SHA256_HEX];
	size_t n, i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 3);
	/* Every length around the block and padding boundaries. */
	for (n = 0; n < sizeof(buf); n++) {
		ehc__sha256_hex(buf, n, one);
		ehc__sha256_init(&c);
		for (i = 0; i < n; i++)
			ehc__sha256_update(&c, buf + i, 1);
		ehc__sha256_hex_final(&c, bytes);
		ck_assert_str_eq(one, bytes);
	}
}
END_TEST

/*
 * The processor's SHA instructions, where it has them, and portable C
 * give the same digests: the vectors, and every length to four blocks.
 */
START_TEST(sha256_both_ways)
{
	char buf[260], ni[EHC__SHA256_HEX], c[EHC__SHA256_HEX];
	size_t n, i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 131 + 17);
	for (n = 0; n <= sizeof(buf); n++) {
		ehc__sha256_portable(0);
		ehc__sha256_hex(buf, n, ni);
		ehc__sha256_portable(1);
		ehc__sha256_hex(buf, n, c);
		ck_assert_str_eq(ni, c);
	}
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		ehc__sha256_hex(vectors[i].in, strlen(vectors[i].in), c);
		ck_assert_str_eq(c, vectors[i].md);
	}
	ehc__sha256_portable(0);
}
END_TEST

/*
 * HMAC-SHA-256: the test cases of RFC 4231, section 4 (case 5's MAC is
 * truncated to 128 bits), each also fed a byte at a time.
 */

static const struct {
	const char	*key;		/* hex */
	const char	*data;		/* hex */
	const char	*mac;
} hmac_vectors[] = {
	{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ "4a656665", "7768617420646f2079612077616e7420666f72206e6f74686"
	    "96e673f",
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
	    "dddddddddddddddddddddddddddddddddddd",
	    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
	{ "0102030405060708090a0b0c0d0e0f10111213141516171819",
	    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
	    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
	    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
	{ "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
	    "546573742057697468205472756e636174696f6e",
	    "a3b6167473100ee06e0c796c2955552b" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaa",
	    "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
	    "65204b6579202d2048617368204b6579204669727374",
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaa",
	    "5468697320697320612074657374207573696e672061206c6172676572207468"
	    "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
	    "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
	    "647320746f20626520686173686564206265666f7265206265696e6720757365"
	    "642062792074686520484d414320616c676f726974686d2e",
	    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
};

/* Hex to bytes; returns the number of bytes. */
static size_t
unhex(unsigned char *out, const char *hex)
{
	size_t n = 0;
	unsigned v;

	for (; hex[0] != '\0' && hex[1] != '\0'; hex += 2) {
		ck_assert_int_eq(sscanf(hex, "%2x", &v), 1);
		out[n++] = (unsigned char)v;
	}
	return n;
}

START_TEST(hmac_rfc4231)
{
	unsigned char key[200], data[200];
	struct ehc__hmac k, c;
	char hex[EHC__SHA256_HEX], bytes[EHC__SHA256_HEX];
	size_t i, j, klen, dlen;

	for (i = 0; i < sizeof(hmac_vectors) / sizeof(hmac_vectors[0]);
	    i++) {
		klen = unhex(key, hmac_vectors[i].key);
		dlen = unhex(data, hmac_vectors[i].data);
		ehc__hmac_key(&k, key, klen);
		c = k;
		ehc__hmac_update(&c, data, dlen);
		ehc__hmac_hex_final(&c, hex);
		c = k;
		for (j = 0; j < dlen; j++)
			ehc__hmac_update(&c, data + j, 1);
		ehc__hmac_hex_final(&c, bytes);
		ck_assert_str_eq(hex, bytes);
		hex[strlen(hmac_vectors[i].mac)] = '\0';
		ck_assert_msg(strcmp(hex, hmac_vectors[i].mac) == 0,
		    "RFC 4231 test case %zu: got %s", i + 1, hex);
	}
}
END_TEST

/*
 * The audit chain.
 */

static void
some_history(void)
{
	int64_t id = new_request(db, "Amy", "2015-01-01", NULL);

	ck_assert_int_eq(ehc_decide(db, id, EHC_DECIDE_ASSESS,
	    D("2020-02-01"), NULL), EHC_OK);
	ck_assert_int_eq(ehc_note_add(db, id, D("2020-02-02"), "call",
	    "spoke to Mum"), EHC_OK);
	new_request(db, "Ben", "2016-01-01", NULL);
	ck_assert_int_eq(ehc_case_assign(db, id, "Officer Two"), EHC_OK);
}

START_TEST(chain_intact)
{
	struct ehc_audit_check chk;

	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	ck_assert_int_eq(chk.records, 0);
	some_history();
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	ck_assert_int_eq(chk.records, 5);
	ck_assert_int_eq(chk.fault, EHC_AUDIT_INTACT);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE "
	    "mac IS NULL OR prev_mac IS NULL"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit a JOIN audit "
	    "b ON b.id = a.id + 1 WHERE b.prev_mac <> a.mac"), 0);
}
END_TEST

static void
expect_fault(enum ehc_audit_fault fault, int64_t record, const char *words)
{
	struct ehc_audit_check chk;

	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_EINVAL);
	ck_assert_int_eq(chk.fault, fault);
	ck_assert_int_eq(chk.record, record);
	ck_assert_msg(strstr(ehc_db_errmsg(db), words) != NULL,
	    "message '%s' lacks '%s'", ehc_db_errmsg(db), words);
	ck_assert_ptr_null(strchr(ehc_db_errmsg(db), '\n'));
}

START_TEST(chain_altered)
{
	some_history();
	sql(db, "UPDATE audit SET detail = 'date=2020-01-01' WHERE id = 2");
	expect_fault(EHC_AUDIT_ALTERED, 2, "audit record 2 was altered");
}
END_TEST

START_TEST(chain_altered_user)
{
	some_history();
	sql(db, "UPDATE audit SET user = 'someone else' WHERE id = 5");
	expect_fault(EHC_AUDIT_ALTERED, 5, "audit record 5 was altered");
}
END_TEST

START_TEST(chain_rehashed)
{
	sqlite3_stmt *st;
	char in[512], hex[EHC__SHA256_HEX];

	/* Altered and given a fresh hash, with no key: still altered. */
	some_history();
	sql(db, "UPDATE audit SET detail = 'date=2020-01-01' WHERE id = 2");
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT prev_mac || "
	    "char(10) || id || char(10) || at || char(10) || user || "
	    "char(10) || coalesce(case_id, '') || char(10) || action || "
	    "char(10) || coalesce(detail, '') FROM audit WHERE id = 2", -1,
	    &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(in, sizeof(in), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	ehc__sha256_hex(in, strlen(in), hex);
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "UPDATE audit SET mac = "
	    "?1 WHERE id = 2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	expect_fault(EHC_AUDIT_ALTERED, 2, "audit record 2 was altered");
}
END_TEST

START_TEST(chain_removed)
{
	some_history();
	sql(db, "DELETE FROM audit WHERE id = 3");
	expect_fault(EHC_AUDIT_REMOVED, 4, "removed before 4");
}
END_TEST

START_TEST(chain_removed_first)
{
	some_history();
	sql(db, "DELETE FROM audit WHERE id = 1");
	expect_fault(EHC_AUDIT_REMOVED, 2, "removed before 2");
}
END_TEST

START_TEST(chain_inserted_end)
{
	some_history();
	sql(db, "INSERT INTO audit(at, user, case_id, action, detail) VALUES "
	    "('2026-01-01T00:00:00Z', 'mallory', 1, 'decide issue', NULL)");
	expect_fault(EHC_AUDIT_INSERTED, 6, "inserted at 6");
}
END_TEST

START_TEST(chain_inserted_middle)
{
	some_history();
	/* A gap made, then filled with a record that copies a link. */
	sql(db, "UPDATE audit SET id = id + 10 WHERE id >= 3");
	sql(db, "INSERT INTO audit(id, at, user, case_id, action, detail, "
	    "prev_mac, mac) SELECT 3, at, user, case_id, action, 'forged', "
	    "prev_mac, mac FROM audit WHERE id = 2");
	expect_fault(EHC_AUDIT_INSERTED, 3, "inserted at 3");
}
END_TEST

START_TEST(chain_removed_renumbered)
{
	/* Records 2 and 3 gone, the rest moved down: still a gap at 2. */
	some_history();
	sql(db, "DELETE FROM audit WHERE id IN (2, 3)");
	sql(db, "UPDATE audit SET id = id - 2 WHERE id > 3");
	expect_fault(EHC_AUDIT_REMOVED, 2, "removed before 2");
}
END_TEST

START_TEST(chain_other_key)
{
	struct ehc_audit_check chk;
	unsigned char other[32];

	some_history();
	/* Chained under another key: every record fails, the first named. */
	memset(other, 7, sizeof(other));
	ehc__hmac_key(&db->mac, other, sizeof(other));
	expect_fault(EHC_AUDIT_ALTERED, 1, "audit record 1 was altered");
	/* The store knows its key's id: a wrong key is named as such. */
	db->key_state = KEY_WRONG;
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_EKEY);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "not the key"));
	ck_assert_int_eq(ehc__audit(db, 1, "note", NULL), EHC_EKEY);
}
END_TEST

START_TEST(chain_no_key)
{
	struct ehc_audit_check chk;
	struct ehc_db *h;
	char *key = fixture_path(tmpdir, "ehc.db.key");

	some_history();
	ehc_db_close(db);
	db = NULL;
	ck_assert_int_eq(unlink(key), 0);
	/* Readers need no key; writers and checkers do. */
	ck_assert_int_eq(ehc_db_open(&h, dbpath, 0), EHC_OK);
	ck_assert_str_eq(ehc_audit_key_file(h), key);
	ck_assert_int_eq(ehc_audit_verify(&chk, h), EHC_EKEY);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(h), "no audit key at"));
	ck_assert_int_eq(ehc_db_set_user(h, "tester"), EHC_OK);
	ck_assert_int_eq(ehc_case_flag(h, 1, "chc", 1), EHC_EKEY);
	/* Never made again over a keyed store: that would hide the loss. */
	ck_assert_int_eq(access(key, F_OK), -1);
	ehc_db_close(h);
	free(key);
}
END_TEST

/* An anchor kept outside finds records cut off the end. */
START_TEST(chain_anchor)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;
	char head[65];

	some_history();
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	memcpy(head, chk.head, sizeof(head));
	o.anchor_records = chk.records;
	o.anchor_head = head;
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_OK);
	/* Later records are no harm. */
	ck_assert_int_eq(ehc_case_flag(db, 1, "chc", 1), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_OK);
	/* The last two cut: the chain left holds, the anchor does not. */
	sql(db, "DELETE FROM audit WHERE id >= 5");
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_int_eq(chk.fault, EHC_AUDIT_CUT);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "was cut"));
	/* Cut, then written on: the anchored record is another one. */
	ck_assert_int_eq(ehc_case_flag(db, 1, "chc", 0), EHC_OK);
	ck_assert_int_eq(ehc_case_flag(db, 1, "chc", 1), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "record 5 is not"));
	/* Everything gone. */
	sql(db, "DELETE FROM audit");
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "ends at record 0"));
	o.anchor_head = "not hex";
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, NULL), EHC_EINVAL);
}
END_TEST

/* The deep check finds a case's rows changed outside ehc. */
START_TEST(seals_deep)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;

	o.deep = 1;
	some_history();
	ck_assert_msg(ehc_audit_verify_with(&chk, db, &o) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	ck_assert_int_eq(chk.cases, 2);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM seal"), 2);
	sql(db, "UPDATE person SET dob = '2015-01-02' WHERE id = 1");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_int_eq(chk.fault, EHC_AUDIT_CASE);
	ck_assert_int_eq(chk.case_id, 1);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "EHC-000001's person "
	    "rows were changed outside ehc after audit record 5"));
	sql(db, "UPDATE person SET dob = '2015-01-01' WHERE id = 1");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_OK);
	/* A seal made again by hand, without the key. */
	sql(db, "CREATE TABLE keep AS SELECT * FROM seal WHERE case_id = 2;"
	    "UPDATE seal SET mac = CASE WHEN mac LIKE 'a%' THEN 'b' ELSE 'a' "
	    "END || substr(mac, 2) WHERE case_id = 2");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "the seal of "
	    "EHC-000002, or the rows it seals, were altered"));
	sql(db, "DELETE FROM seal WHERE case_id = 2;"
	    "INSERT INTO seal SELECT * FROM keep");
	/* A note added, or taken away. */
	sql(db, "DELETE FROM note");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "note rows"));
}
END_TEST

START_TEST(seals_removed_and_restored)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;

	o.deep = 1;
	some_history();
	/* A seal copied back with the rows it sealed, from before a write. */
	sql(db, "CREATE TABLE old AS SELECT * FROM seal WHERE case_id = 1");
	ck_assert_int_eq(ehc_case_flag(db, 1, "chc", 1), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_OK);
	sql(db, "UPDATE cases SET chc = 0 WHERE id = 1;"
	    "DELETE FROM seal WHERE case_id = 1;"
	    "INSERT INTO seal SELECT * FROM old");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "put back"));
	/* Sealed again as it is; then a case deleted, seal and all. */
	ck_assert_int_eq(ehc__seal_range(db, 1, 1), EHC_OK);
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_OK);
	sql(db, "DELETE FROM deadline WHERE case_id = 2;"
	    "DELETE FROM seal WHERE case_id = 2;"
	    "DELETE FROM cases WHERE id = 2");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "EHC-000002 was "
	    "removed outside ehc"));
	/* A case added outside ehc. */
	sql(db, "INSERT INTO cases(ref, person_id, created) VALUES "
	    "('EHC-000099', 1, '2026-01-01T00:00:00Z')");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, db, &o), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "and 1 more"));
}
END_TEST

/* Every table that holds a case's rows is sealed, but the derived. */
START_TEST(seals_cover_schema)
{
	sqlite3_stmt *t;
	const char *table;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT DISTINCT s.name "
	    "FROM sqlite_schema s, pragma_foreign_key_list(s.name) f WHERE "
	    "s.type = 'table' AND f.\"table\" IN ('cases', 'tribunal_order', "
	    "'plan_item') UNION SELECT 'cases' UNION SELECT 'person'", -1, &t,
	    NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(t, 0);
		if (strcmp(table, "deadline") == 0)
			continue;	/* derived from the rest */
		ck_assert_msg(ehc__seal_covers(table), "lib/store/seal.c does "
		    "not seal %s rows: add it to parts[]", table);
	}
	sqlite3_finalize(t);
}
END_TEST

/* The store as schema 12 left it (fixture.h), without its key. */
static void
as_schema_12(const char *tamper)
{
	char *key = fixture_path(tmpdir, "ehc.db.key");

	ehc_db_close(db);
	db = NULL;
	ck_assert_int_eq(unlink(key), 0);
	free(key);
	fixture_as_schema_12(dbpath, tamper);
}

/*
 * The first seal after a store is made in this process: migration 13
 * seals (with no cases), caching the statements that read each table,
 * and later migrations add columns.  A case with values in those columns
 * (imported from SEN2, or taught out of year group) is sealed over all
 * of them, and verifies.  The columns were named before the statements
 * were prepared again, and the seal read past the names (the fuzzer
 * found it: a heap overflow under ASan).
 */
START_TEST(seal_after_migrations)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;
	struct ehc_db *h;
	char *path = fixture_path(tmpdir, "fresh.db");

	ck_assert_int_eq(ehc_db_open(&h, path, EHC_DB_CREATE), EHC_OK);
	ehc_db_set_today(h, D("2026-03-02"));
	ck_assert_int_eq(ehc_db_set_user(h, "tester"), EHC_OK);
	sql(h, "INSERT INTO person(id, forename, surname, dob) VALUES (1, "
	    "'Ada', 'Tester', '2012-02-29');"
	    "INSERT INTO cases(id, ref, person_id, received, created, "
	    "year_offset, imported_as_of) VALUES (1, 'EHC-000001', 1, "
	    "'2025-01-06', '2026-03-02T09:00:00Z', 1, '2026-01-15')");
	ck_assert_msg(ehc__seal_range(h, 1, 1) == EHC_OK, "%s",
	    ehc_db_errmsg(h));
	ck_assert_int_eq(count(h, "SELECT count(*) FROM seal WHERE case_id = 1 "
	    "AND tables LIKE '%cases=%'"), 1);
	o.deep = 1;
	ck_assert_msg(ehc_audit_verify_with(&chk, h, &o) == EHC_OK, "%s",
	    ehc_db_errmsg(h));
	ck_assert_int_eq(chk.cases, 1);
	/* A value the seal covers, changed outside ehc, is found. */
	sql(h, "UPDATE cases SET imported_as_of = '2026-01-16' WHERE id = 1");
	ck_assert_int_eq(ehc_audit_verify_with(&chk, h, &o), EHC_EINVAL);
	ehc_db_close(h);
	free(path);
}
END_TEST

/* Schema 13 keys a plain chain once, audited, and seals every case. */
START_TEST(migration_keys_chain)
{
	struct ehc_audit_options o = EHC_AUDIT_OPTIONS_INIT;
	struct ehc_audit_check chk;
	struct stat sb;
	char *key = fixture_path(tmpdir, "ehc.db.key");

	some_history();
	as_schema_12(NULL);
	ck_assert_msg(ehc_db_open(&db, dbpath, 0) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	ck_assert_int_eq(stat(key, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(sb.st_size, 65);
	o.deep = 1;
	ck_assert_msg(ehc_audit_verify_with(&chk, db, &o) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	ck_assert_int_eq(chk.records, 6);
	ck_assert_int_eq(chk.cases, 2);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE id = 6 "
	    "AND action = 'audit rekey' AND detail = 'records=5'"), 1);
	free(key);
}
END_TEST

/* A chain broken before the upgrade is never keyed over. */
START_TEST(migration_refuses_broken_chain)
{
	some_history();
	as_schema_12("UPDATE audit SET detail = 'date=2019-01-01' WHERE "
	    "id = 2");
	ck_assert_int_eq(ehc_db_open(&db, dbpath, 0), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "cannot be keyed: "
	    "audit record 2 was altered"));
	ehc_db_close(db);
	db = NULL;
	/* Nothing was changed: still schema 12, and no key made. */
	{
		sqlite3 *h;
		char *key = fixture_path(tmpdir, "ehc.db.key");

		ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(h, "SELECT 1", NULL, NULL, NULL),
		    SQLITE_OK);
		ck_assert_int_eq(access(key, F_OK), -1);
		free(key);
		sqlite3_close(h);
	}
}
END_TEST

/*
 * Export and import.  rich_case() puts a value in every column of every
 * table a case has rows in.
 */

static int64_t
rich_case(struct ehc_db *h)
{
	char upn[14];
	int64_t id;

	make_upn(upn, "123456789012");
	id = new_request(h, "Ada", "2012-02-29", upn);
	ck_assert_int_eq(id, 1);
	sql(h, "UPDATE person SET sex = 'F', ethnicity = 'WBRI', "
	    "postcode = 'AB1 2CD', uln = '1234567890', upn_unknown = 'UN2' "
	    "WHERE id = 1;"
	    "UPDATE cases SET source = 'school', rya = 1, officer = "
	    "'Jo Bloggs', setting = '100001', safeguarding = 1, "
	    "looked_after = 1, chc = 1, not_in_school = 1, assess = 'Y', "
	    "assess_date = '2020-02-01', issue = 'Y', issue_date = "
	    "'2020-04-01', draft_date = '2020-04-10', final_date = "
	    "'2020-05-01', final_forced = 'family agreed', reason = "
	    "'needs are complex', transfer_la = '201', exported = 'N', "
	    "cease_reason = '4', plan_res = 'A', plan_wbp = 'T', pb = 1, "
	    "oa = 1, dp = 'E', request_mediation = 1, request_tribunal = 1, "
	    "assessment_mediation = 1, assessment_tribunal = 1, "
	    "other_mediation = 1, other_tribunal = 1, legal_hold = 1, "
	    "created = '2020-01-06T09:30:00Z', year_offset = 1 WHERE id = 1;"
	    "INSERT INTO advice(case_id, seq, type, provider, requested, "
	    "received_by, received, reused) VALUES (1, 1, 'medical', "
	    "'Dr Who', '2020-02-02', '2020-02-03', '2020-03-01', 0), (1, 2, "
	    "'psychological', 'EP service', '2020-02-02', '2020-02-02', "
	    "NULL, 1);"
	    "INSERT INTO exception(case_id, step, limb, advice_id, date, "
	    "note) VALUES (1, 'advice', 'absence', (SELECT id FROM advice "
	    "WHERE case_id = 1 AND seq = 2), '2020-02-10', 'away'), (1, "
	    "'final-plan', 'school-closure', NULL, '2020-04-15', NULL);"
	    "INSERT INTO review(case_id, meeting, report, outcome, decided, "
	    "not_in_school) VALUES (1, '2021-04-01', '2021-04-10', 'A', "
	    "'2021-04-20', 0), (1, '2022-04-01', NULL, NULL, NULL, 1);"
	    "INSERT INTO amendment(case_id, review_id, proposed, final, "
	    "not_amended) VALUES (1, (SELECT max(id) FROM review), "
	    "'2022-04-20', '2022-06-01', NULL), (1, NULL, '2023-01-10', NULL, "
	    "'2023-02-01');"
	    "INSERT INTO phase_transfer(case_id, transfer, kind) VALUES (1, "
	    "'2026-09-01', 'school');"
	    "INSERT INTO note(case_id, date, kind, author, text) VALUES (1, "
	    "'2020-01-07', 'call', 'tester', 'Mum rang; caf\xc3\xa9 "
	    "\xf0\x9f\x91\x8d \"quoted\" \\ back');"
	    "INSERT INTO need(case_id, type, rank, start, end) VALUES (1, "
	    "'ASD', 1, '2020-05-01', NULL), (1, 'SLCN', 2, '2020-05-01', "
	    "'2021-01-31');"
	    "INSERT INTO placement(case_id, seq, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, entry, leaving, sen_unit, "
	    "resourced, res, wbp) VALUES (1, 1, '100001', '10000001', 'OTH', "
	    "'hospital school', 1, '2020-09-01', '2021-07-20', 1, 0, 'B', "
	    "'S');"
	    "INSERT INTO plan_detail(case_id, seq, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, sen_unit, resourced, start, "
	    "end, res, wbp) VALUES (1, 1, '100002', '10000002', 'OLA', "
	    "'another authority', 2, 0, 1, '2020-05-01', '2021-07-31', 'A', "
	    "'S');");
	sql(h, "INSERT INTO cessation(case_id, proposed, decided, reason, "
	    "appeal_lodged, appeal_ended) VALUES (1, '2024-01-01', "
	    "'2024-02-01', '4', '2024-02-10', '2024-05-01');"
	    "INSERT INTO dispute(case_id, about, notice, contact, mediation, "
	    "mediated, certificate, appeal, decided, declined, agreement, "
	    "health_only, agreement_done, health_told, received, response) "
	    "VALUES (1, 'content', '2020-05-01', '2020-05-10', '2020-05-12', "
	    "'2020-06-01', '2020-06-03', '2020-06-20', '2020-10-01', "
	    "'2020-05-11', '2020-06-02', 1, '2020-06-10', '2020-06-05', "
	    "'2020-06-25', '2020-07-20');"
	    "INSERT INTO reassessment(case_id, requested, requester, decided, "
	    "outcome, draft, final, final_forced) VALUES (1, '2022-09-01', "
	    "'parent', '2022-09-15', 'Y', '2022-12-01', '2022-12-20', "
	    "'family agreed');"
	    "INSERT INTO tribunal_order(case_id, kind, made) VALUES (1, "
	    "'amend', '2020-10-01');"
	    "INSERT INTO order_step(order_id, step, done) VALUES ((SELECT "
	    "max(id) FROM tribunal_order), 'amend', '2020-11-01');"
	    "INSERT INTO la_transfer(case_id, direction, other_la, move, "
	    "aware, transferred, reviewed, notified) VALUES (1, 'in', '202', "
	    "'2019-12-01', '2019-11-01', '2020-01-01', '2019-10-01', "
	    "'2020-01-10');"
	    "INSERT INTO funding(case_id, kind, pence, per, start, end, "
	    "provider, setting_type, payer, covers, direct_payment, band, "
	    "first_payment, reviewed, organised) VALUES (1, "
	    "'personal-budget', 123456789, 'month', '2020-06-01', "
	    "'2021-06-01', 'Agency', 'special', 'health', 'social-care', 1, "
	    "'Band 3', '2020-06-15', '2020-09-15', 1);"
	    "INSERT INTO plan_section(case_id, section, text) VALUES (1, 'A', "
	    "'Line one\nLine two\twith a tab'), (1, 'K', 'advice list');"
	    "INSERT INTO plan_item(case_id, section, seq, text, amount, "
	    "frequency, provider, pfa, removed) VALUES (1, 'B', 1, 'Needs "
	    "help with speech', NULL, NULL, NULL, NULL, 0), (1, 'E', 1, "
	    "'Speaks in sentences', NULL, NULL, NULL, 'community', 0), (1, "
	    "'F', 1, 'Speech therapy', '30 minutes', 'weekly', 'SLT', NULL, "
	    "0), (1, 'F', 2, 'Withdrawn item', NULL, NULL, NULL, NULL, 1);"
	    /* Links back and forward (B1 to E1 is written before E1). */
	    "INSERT INTO plan_link(item_id, target_id) SELECT f.id, t.id "
	    "FROM plan_item f, plan_item t WHERE f.section = 'F' AND f.seq "
	    "= 1 AND t.section IN ('B', 'E');"
	    "INSERT INTO plan_link(item_id, target_id) SELECT f.id, t.id "
	    "FROM plan_item f, plan_item t WHERE f.section = 'B' AND "
	    "t.section = 'E';"
	    "INSERT INTO plan_version(case_id, number, kind, date, "
	    "amendment_id, created, user, content) VALUES (1, 1, 'draft', "
	    "'2020-04-10', NULL, '2020-04-10T10:00:00Z', 'tester', "
	    "'{\"format_version\": 1, \"case\": \"EHC-000001\"}'), (1, 2, "
	    "'proposed', '2023-01-10', (SELECT max(id) FROM amendment), "
	    "'2023-01-10T10:00:00Z', 'tester', '[]');");
	ck_assert_int_eq(ehc__audit(h, id, "decide assess",
	    "date=2020-02-01"), EHC_OK);
	sql(h, "INSERT INTO history(case_id, source, imported, imported_by, "
	    "at, user, action, detail) VALUES (1, '202', "
	    "'2020-01-08T09:00:00Z', 'importer', '2020-01-07T12:00:00Z', "
	    "'someone', 'note', 'date=2020-01-07 kind=call')");
	ck_assert_int_eq(ehc__clock_refresh(h, id), EHC_OK);
	return id;
}

static cJSON *
parsed(const char *s)
{
	cJSON *j = cJSON_Parse(s);

	ck_assert_ptr_nonnull(j);
	return j;
}

static int
nonnull_everywhere(const cJSON *doc, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, key), *o, *f;

	if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(f, v)
			if (cJSON_IsNull(f))
				return 0;
		return 1;
	}
	cJSON_ArrayForEach(o, v)
		cJSON_ArrayForEach(f, o)
			if (!cJSON_IsNull(f))
				return 1;
	return 0;
}

START_TEST(export_shape)
{
	static const char *const keys[] = { "person", "record", "advice",
	    "exceptions", "reviews", "amendments", "phase_transfers", "notes",
	    "needs", "placements", "plan_details", "cessations", "disputes",
	    "reassessments", "tribunal_orders", "la_transfers", "funding",
	    "plan_sections", "plan_items", "plan_versions", "deadlines",
	    "history", "chronology", NULL };
	const char *const *k;
	char *out;
	cJSON *doc, *a;
	int64_t id = rich_case(db);

	ck_assert_int_eq(ehc_case_export_json(&out, db, id), EHC_OK);
	ck_assert_ptr_null(strchr(out, '\n'));
	doc = parsed(out);
	ehc_free(out);
	ck_assert_int_eq(cJSON_GetObjectItem(doc, "format_version")->valueint,
	    EHC_JSON_FORMAT_VERSION);
	ck_assert_ptr_null(cJSON_GetObjectItem(doc, "format"));
	ck_assert_str_eq(cJSON_GetObjectItem(doc, "case")->valuestring,
	    "EHC-000001");
	for (k = keys; *k != NULL; k++) {
		ck_assert_msg(cJSON_GetObjectItem(doc, *k) != NULL, "%s", *k);
		if (strcmp(*k, "person") != 0 && strcmp(*k, "record") != 0)
			ck_assert_msg(cJSON_GetArraySize(cJSON_GetObjectItem(
			    doc, *k)) > 0, "%s is empty", *k);
	}
	ck_assert(nonnull_everywhere(doc, "person"));
	a = cJSON_GetObjectItem(doc, "exceptions");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 0),
	    "advice")->valuestring, "A2");
	a = cJSON_GetObjectItem(doc, "amendments");
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 0),
	    "review")->valueint, 2);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 1),
	    "review")));
	a = cJSON_GetObjectItem(doc, "plan_versions");
	ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 1),
	    "amendment")->valueint, 2);
	a = cJSON_GetObjectItem(doc, "tribunal_orders");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(a, 0), "steps")), 1);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(doc,
	    "record"), "legal_hold")));
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc,
	    "chronology")), 2);
	ck_assert(nonnull_everywhere(doc, "history"));
	ck_assert(nonnull_everywhere(doc, "reassessments"));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(doc, "authority")));
	ck_assert_int_eq(cJSON_GetObjectItem(doc, "format_version")->valueint,
	    2);
	cJSON_Delete(doc);
	ck_assert_int_eq(ehc_case_export_json(&out, db, 99), EHC_ENOTFOUND);
	ck_assert_ptr_null(out);
}
END_TEST

/*
 * What an import did with the sender's records, x exported by the
 * sender and y by the importer: y's history is x's history, then x's
 * chronology marked as from x's authority and imported by "tester"; y's
 * chronology ends with the import.  Both are then taken out of x and y.
 */
static void
carried(cJSON *x, cJSON *y)
{
	cJSON *xh = cJSON_GetObjectItem(x, "history");
	cJSON *xc = cJSON_GetObjectItem(x, "chronology");
	cJSON *yh = cJSON_GetObjectItem(y, "history");
	cJSON *yc = cJSON_GetObjectItem(y, "chronology");
	cJSON *la = cJSON_GetObjectItem(x, "authority"), *e, *f, *last;
	int i = 0, nh = cJSON_GetArraySize(xh);

	ck_assert_int_eq(cJSON_GetArraySize(yh), nh +
	    cJSON_GetArraySize(xc));
	cJSON_ArrayForEach(e, yh) {
		f = i < nh ? cJSON_GetArrayItem(xh, i) :
		    cJSON_GetArrayItem(xc, i - nh);
		ck_assert(cJSON_Compare(cJSON_GetObjectItem(e, "at"),
		    cJSON_GetObjectItem(f, "at"), 1));
		ck_assert(cJSON_Compare(cJSON_GetObjectItem(e, "detail"),
		    cJSON_GetObjectItem(f, "detail"), 1));
		ck_assert_str_eq(cJSON_GetObjectItem(e, "action")->valuestring,
		    cJSON_GetObjectItem(f, "action")->valuestring);
		if (i >= nh) {
			ck_assert(cJSON_Compare(cJSON_GetObjectItem(e,
			    "source"), la, 1));
			ck_assert_str_eq(cJSON_GetObjectItem(e,
			    "imported_by")->valuestring, "tester");
		}
		i++;
	}
	last = cJSON_GetArrayItem(yc, cJSON_GetArraySize(yc) - 1);
	ck_assert_str_eq(cJSON_GetObjectItem(last, "action")->valuestring,
	    "case import");
	cJSON_DeleteItemFromObject(x, "history");
	cJSON_DeleteItemFromObject(x, "chronology");
	cJSON_DeleteItemFromObject(y, "history");
	cJSON_DeleteItemFromObject(y, "chronology");
	cJSON_DeleteItemFromObject(x, "authority");
	cJSON_DeleteItemFromObject(y, "authority");
}

/* Export, import into a fresh store, export again: the same case. */
START_TEST(round_trip)
{
	struct ehc_db *b = open_store("other.db");
	struct ehc_audit_check chk;
	char *one, *two, ref[EHC_REF_LEN];
	cJSON *x, *y, *last;
	int64_t id = rich_case(db), id2;

	ck_assert_int_eq(ehc_case_export_json(&one, db, id), EHC_OK);
	ck_assert_int_eq(ehc_db_begin(b, EHC_TXN_WRITE), EHC_OK);
	ck_assert_msg(ehc_case_import_json(ref, sizeof(ref), b, one,
	    strlen(one)) == EHC_OK, "%s", ehc_db_errmsg(b));
	ck_assert_int_eq(ehc_db_commit(b), EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&id2, b, ref), EHC_OK);
	ck_assert_int_eq(ehc_case_export_json(&two, b, id2), EHC_OK);
	x = parsed(one);
	y = parsed(two);
	cJSON_DeleteItemFromObject(x, "case");
	cJSON_DeleteItemFromObject(y, "case");
	/* The import's own audit record is all the importer's log has. */
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(y,
	    "chronology")), 1);
	last = cJSON_GetArrayItem(cJSON_GetObjectItem(y, "chronology"), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(last, "detail")->valuestring,
	    "from=EHC-000001 history=3");
	carried(x, y);
	if (!cJSON_Compare(x, y, 1)) {
		char *a = cJSON_Print(x), *c = cJSON_Print(y);

		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", a, c);
		free(a);
		free(c);
		ck_abort_msg("the case changed on the way through");
	}
	cJSON_Delete(x);
	cJSON_Delete(y);
	ck_assert_int_eq(ehc_audit_verify(&chk, b), EHC_OK);
	ck_assert_int_eq(chk.records, 1);
	ehc_free(one);
	ehc_free(two);
	ehc_db_close(b);
}
END_TEST

/*
 * Deadline subjects that carry internal ids ("F12" for funding, "3:step"
 * for a Tribunal order) differ between stores; so does the reference.
 */
static void
normalise(cJSON *doc)
{
	cJSON *d, *s;
	const char *p;

	cJSON_DeleteItemFromObject(doc, "case");
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(doc, "deadlines")) {
		s = cJSON_GetObjectItem(d, "subject");
		if (!cJSON_IsString(s))
			continue;
		p = s->valuestring;
		if (*p == 'F')
			p++;
		if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == '\0' || *p == ':')
				cJSON_ReplaceItemInObject(d, "subject",
				    cJSON_CreateString(p));
		}
	}
}

/* Every case of a synthetic caseload survives the trip unchanged. */
START_TEST(demo_round_trip)
{
	struct ehc_demo_options opts = EHC_DEMO_OPTIONS_INIT;
	struct ehc_db *b;
	char *one, *two, ref[EHC_REF_LEN], name[32];
	cJSON *x, *y;
	int64_t id, id2, n;

	opts.cases = 80;
	opts.seed = 11;
	ck_assert_int_eq(ehc_db_begin(db, EHC_TXN_WRITE), EHC_OK);
	ck_assert_msg(ehc_demo_build(NULL, db, &opts) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	ck_assert_int_eq(ehc_db_commit(db), EHC_OK);
	n = count(db, "SELECT max(id) FROM cases");
	for (id = 1; id <= n; id++) {
		ck_assert_int_eq(ehc_case_export_json(&one, db, id), EHC_OK);
		snprintf(name, sizeof(name), "trip%lld.db", (long long)id);
		b = open_store(name);
		ck_assert_msg(ehc_case_import_json(ref, sizeof(ref), b, one,
		    strlen(one)) == EHC_OK, "case %lld: %s", (long long)id,
		    ehc_db_errmsg(b));
		ck_assert_int_eq(ehc_case_lookup(&id2, b, ref), EHC_OK);
		ck_assert_int_eq(ehc_case_export_json(&two, b, id2), EHC_OK);
		ehc_db_close(b);
		x = parsed(one);
		y = parsed(two);
		normalise(x);
		normalise(y);
		carried(x, y);
		if (!cJSON_Compare(x, y, 1)) {
			fprintf(stderr, "case %lld:\n%s\n%s\n", (long long)id,
			    one, two);
			ck_abort_msg("case %lld changed on the way through",
			    (long long)id);
		}
		cJSON_Delete(x);
		cJSON_Delete(y);
		ehc_free(one);
		ehc_free(two);
	}
}
END_TEST

START_TEST(import_same_store)
{
	char *one, ref[EHC_REF_LEN];
	int64_t id = rich_case(db), id2;

	ck_assert_int_eq(ehc_case_export_json(&one, db, id), EHC_OK);
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, one,
	    strlen(one)), EHC_OK);
	ck_assert_str_eq(ref, "EHC-000002");
	ck_assert_int_eq(ehc_case_lookup(&id2, db, ref), EHC_OK);
	/* The same child: the person is shared, not copied. */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM person"), 1);
	ck_assert_int_eq(count(db, "SELECT count(DISTINCT person_id) FROM "
	    "cases"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM plan_link l JOIN "
	    "plan_item i ON i.id = l.item_id WHERE i.case_id = 2"), 3);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM deadline WHERE "
	    "case_id = 2"), count(db, "SELECT count(*) FROM deadline WHERE "
	    "case_id = 1"));
	/* A different child under the same UPN is refused. */
	sql(db, "UPDATE person SET forename = 'Eve'");
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, one,
	    strlen(one)), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "person.upn"));
	ck_assert_int_eq(count(db, "SELECT count(*) FROM cases"), 2);
	ehc_free(one);
}
END_TEST

START_TEST(import_file)
{
	char *one, *path, ref[EHC_REF_LEN];
	FILE *fp;
	int64_t id = rich_case(db);

	ck_assert_int_eq(ehc_case_export_json(&one, db, id), EHC_OK);
	path = fixture_path(tmpdir, "case.json");
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fprintf(fp, "%s\n", one);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(ehc_case_import_file(ref, sizeof(ref), db, path),
	    EHC_OK);
	ck_assert_str_eq(ref, "EHC-000002");
	free(path);
	path = fixture_path(tmpdir, "missing.json");
	ck_assert_int_eq(ehc_case_import_file(ref, sizeof(ref), db, path),
	    EHC_ENOINPUT);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "cannot open"));
	free(path);
	ck_assert_int_eq(ehc_case_import_file(ref, sizeof(ref), db, tmpdir),
	    EHC_ENOINPUT);
	ck_assert_int_eq(ehc_case_import_file(ref, sizeof(ref), db,
	    "/dev/null"), EHC_EINVAL);
	ehc_free(one);
}
END_TEST

/* Replace the value at a path such as "advice.0.type" in a copy. */
static char *
mutate(const char *json, const char *path, cJSON *value)
{
	cJSON *doc = parsed(json), *at = doc, *next;
	char buf[128], *p, *tok, *save = NULL, *out;
	char *last = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok != NULL;
	    tok = strtok_r(NULL, ".", &save)) {
		if (last != NULL) {
			next = cJSON_IsArray(at) ? cJSON_GetArrayItem(at,
			    atoi(last)) : cJSON_GetObjectItem(at, last);
			ck_assert_msg(next != NULL, "no %s in %s", last, path);
			at = next;
		}
		last = tok;
	}
	p = last;
	if (value == NULL) {
		if (cJSON_IsArray(at))
			cJSON_DeleteItemFromArray(at, atoi(p));
		else
			cJSON_DeleteItemFromObject(at, p);
	} else if (cJSON_IsArray(at))
		cJSON_ReplaceItemInArray(at, atoi(p), value);
	else if (cJSON_GetObjectItem(at, p) != NULL)
		cJSON_ReplaceItemInObject(at, p, value);
	else
		cJSON_AddItemToObject(at, p, value);
	out = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	return out;
}

START_TEST(import_refuses)
{
	static const struct {
		const char	*path;
		const char	*json;	/* NULL: delete the field */
		const char	*words;
	} bad[] = {
		{ "format", "\"something\"", "not an ehc case" },
		{ "format_version", "1", "format_version" },
		{ "format_version", "3", "format_version" },
		{ "person", NULL, "person is required" },
		{ "person.forename", "\"\"", "person.forename is required" },
		{ "person.forename", "\"a\\nb\"", "person.forename" },
		{ "person.forename", "42", "person.forename must be a string" },
		{ "person.dob", "\"2012-02-30\"", "person.dob" },
		{ "person.dob", "\"29/02/2012\"", "person.dob" },
		{ "person.dob", "\"2099-01-01\"", "after today" },
		{ "person.upn", "\"A12345678901X\"", "not a valid UPN" },
		{ "person.uln", "\"12345\"", "person.uln" },
		{ "person.sex", "\"X\"", "is not one of M F" },
		{ "person.nickname", "\"Ada\"", "unknown field 'nickname'" },
		{ "record.received", "\"2000-01-01\"", "before the date of "
		    "birth" },
		{ "record.source", "\"DROP TABLE cases\"", "record.source" },
		{ "record.rya", "1", "must be true or false" },
		{ "record.created", "\"2020-01-06 09:30:00\"", "UTC time" },
		{ "record.oa", "2", "from 0 to 1" },
		{ "record.oa", "0.5", "whole number" },
		{ "advice", "{}", "advice must be an array" },
		{ "advice.0", "[]", "advice[0] must be an object" },
		{ "advice.1.seq", "1", "advice[1].seq repeats" },
		{ "advice.0.type", "\"astrology\"", "advice[0].type" },
		{ "exceptions.0.advice", "\"A9\"", "names no advice" },
		{ "amendments.0.review", "3", "number of reviews (2)" },
		{ "plan_versions.1.amendment", "0", "number of amendments" },
		{ "plan_versions.0.content", "\"{not json\"", "not a JSON" },
		{ "plan_items.3.section", "\"A\"", "plan_items[3].section" },
		{ "plan_items.3.seq", "1", "repeats the section and seq" },
		{ "plan_items.2.links.0.seq", "7", "names no item" },
		{ "plan_sections.0.text", "\"bell\\u0007\"", "control" },
		{ "funding.0.pence", "-1", "funding[0].pence" },
		{ "needs.1.rank", "3", "needs[1].rank" },
		{ "tribunal_orders.0.steps.0.done", "null", "is required" },
		{ "chronology.0.at", "\"yesterday\"", "chronology[0].at" },
		{ "deadlines.0.due", "\"soon\"", "deadlines[0].due" },
		{ "surprise", "1", "unknown field 'surprise'" },
	};
	char *one, *two, ref[EHC_REF_LEN];
	long long cases, audits;
	size_t i;
	int64_t id = rich_case(db);

	ck_assert_int_eq(ehc_case_export_json(&one, db, id), EHC_OK);
	cases = count(db, "SELECT count(*) FROM cases");
	audits = count(db, "SELECT count(*) FROM audit");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		two = mutate(one, bad[i].path, bad[i].json ?
		    cJSON_Parse(bad[i].json) : NULL);
		ck_assert_msg(ehc_case_import_json(ref, sizeof(ref), db, two,
		    strlen(two)) == EHC_EINVAL, "%s accepted", bad[i].path);
		ck_assert_msg(strstr(ehc_db_errmsg(db), bad[i].words) != NULL,
		    "%s: message '%s' lacks '%s'", bad[i].path,
		    ehc_db_errmsg(db), bad[i].words);
		ck_assert_ptr_null(strchr(ehc_db_errmsg(db), '\n'));
		free(two);
	}
	/* Bytes that are not UTF-8. */
	two = strdup(one);
	ck_assert_ptr_nonnull(strstr(two, "caf\xc3\xa9"));
	strstr(two, "caf\xc3\xa9")[4] = 'X';
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, two,
	    strlen(two)), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "notes[0].text is "
	    "not valid UTF-8"));
	free(two);
	/* Not JSON at all, trailing rubbish, nothing. */
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db,
	    "{\"format\":", 10), EHC_EINVAL);
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, "[]", 2),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, "", 0),
	    EHC_EINVAL);
	two = malloc(strlen(one) + 3);
	ck_assert_ptr_nonnull(two);
	memcpy(two, one, strlen(one));
	memcpy(two + strlen(one), "{}", 3);
	ck_assert_int_eq(ehc_case_import_json(ref, sizeof(ref), db, two,
	    strlen(two)), EHC_EINVAL);
	ck_assert_ptr_nonnull(strstr(ehc_db_errmsg(db), "more after"));
	free(two);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM cases"), cases);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit"), audits);
	ehc_free(one);
}
END_TEST

/* Every column of every table that holds a case's rows is exported. */
START_TEST(export_covers_schema)
{
	static const char *const structural[] = { "id", "case_id",
	    "person_id", "ref", "order_id", "item_id", "target_id", NULL };
	sqlite3_stmt *t, *c;
	const char *const *s;
	const char *table, *col;
	int linked;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT name FROM "
	    "sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
	    "ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(t, 0);
		if (strcmp(table, "audit") == 0)
			continue;	/* the chronology */
		ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT count(*) "
		    "FROM pragma_foreign_key_list(?1) WHERE \"table\" IN "
		    "('cases', 'tribunal_order', 'plan_item')", -1, &c, NULL),
		    SQLITE_OK);
		sqlite3_bind_text(c, 1, table, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(c), SQLITE_ROW);
		linked = sqlite3_column_int(c, 0) > 0 ||
		    strcmp(table, "cases") == 0 || strcmp(table, "person") == 0;
		sqlite3_finalize(c);
		if (!linked)
			continue;
		ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT name FROM "
		    "pragma_table_info(?1)", -1, &c, NULL), SQLITE_OK);
		sqlite3_bind_text(c, 1, table, -1, SQLITE_STATIC);
		while (sqlite3_step(c) == SQLITE_ROW) {
			col = (const char *)sqlite3_column_text(c, 0);
			for (s = structural; *s != NULL; s++)
				if (strcmp(*s, col) == 0)
					break;
			if (*s != NULL && strcmp(col, "amendment_id") != 0)
				continue;
			ck_assert_msg(ehc__export_covers(table, col),
			    "lib/export.c does not export %s.%s: add it to "
			    "sections[]", table, col);
		}
		sqlite3_finalize(c);
	}
	sqlite3_finalize(t);
}
END_TEST

/* Every table with a foreign key to cases is cleared by retention. */
START_TEST(retention_covers_schema)
{
	sqlite3_stmt *t;
	const char *table;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT DISTINCT s.name, "
	    "f.on_delete FROM sqlite_schema s, pragma_foreign_key_list("
	    "s.name) f WHERE s.type = 'table' AND f.\"table\" = 'cases'", -1,
	    &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		table = (const char *)sqlite3_column_text(t, 0);
		if (strcmp((const char *)sqlite3_column_text(t, 1), "CASCADE")
		    == 0)
			continue;
		ck_assert_msg(ehc__retention_covers(table), "lib/retention.c "
		    "does not remove %s rows: add it to removals[]", table);
	}
	sqlite3_finalize(t);
}
END_TEST

static int
collect(const struct ehc_retention_case *r, void *payload)
{
	char *buf = payload, d[EHC_DATE_LEN];
	size_t n = strlen(buf);

	ehc_date_format(d, sizeof(d), r->until);
	snprintf(buf + n, 512 - n, "%s %s %d;", r->ref, d, r->legal_hold);
	return 0;
}

START_TEST(retention_lists)
{
	char buf[512] = "";

	new_request(db, "Young", "2015-01-01", NULL);
	new_request(db, "Leap", "1992-02-29", NULL);
	new_request(db, "Old", "1990-06-01", NULL);
	new_request(db, "Tomorrow", "1995-03-03", NULL);
	ck_assert_int_eq(ehc_retention_hold(db, 3, 1), EHC_OK);
	ck_assert_int_eq(ehc_retention_foreach(db, 31, collect, buf), EHC_OK);
	ck_assert_str_eq(buf, "EHC-000002 2023-02-28 0;EHC-000003 "
	    "2021-06-01 1;");
	buf[0] = '\0';
	ck_assert_int_eq(ehc_retention_foreach(db, 35, collect, buf), EHC_OK);
	ck_assert_str_eq(buf, "EHC-000003 2025-06-01 1;");
	ck_assert_int_eq(ehc_retention_foreach(db, 25, collect, buf),
	    EHC_EINVAL);
	ck_assert_int_eq(ehc_retention_foreach(db, 121, collect, buf),
	    EHC_EINVAL);
}
END_TEST

START_TEST(retention_removes)
{
	struct ehc_audit_check chk;
	sqlite3_stmt *t;
	char q[160];
	int64_t id = rich_case(db), other;

	other = new_request(db, "Other", "2014-01-01", NULL);
	/* Under a legal hold: refused, nothing gone. */
	ck_assert_int_eq(ehc_retention_remove(db, id), EHC_ESTATE);
	ck_assert_int_eq(ehc_retention_hold(db, id, 1), EHC_ESTATE);
	ck_assert_int_eq(ehc_retention_hold(db, id, 0), EHC_OK);
	ck_assert_int_eq(ehc_retention_hold(db, id, 0), EHC_ESTATE);
	ck_assert_int_eq(ehc_retention_remove(db, 99), EHC_ENOTFOUND);
	ck_assert_msg(ehc_retention_remove(db, id) == EHC_OK, "%s",
	    ehc_db_errmsg(db));
	/* Nothing of the case is left in any table but the audit log. */
	ck_assert_int_eq(sqlite3_prepare_v2(db->h, "SELECT s.name FROM "
	    "sqlite_schema s, pragma_table_info(s.name) c WHERE s.type = "
	    "'table' AND c.name = 'case_id' AND s.name <> 'audit'", -1, &t,
	    NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		snprintf(q, sizeof(q), "SELECT count(*) FROM \"%s\" WHERE "
		    "case_id = 1", sqlite3_column_text(t, 0));
		ck_assert_msg(count(db, q) == 0, "%s", q);
	}
	sqlite3_finalize(t);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM person"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM order_step"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM plan_link"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM pragma_foreign_"
	    "key_check"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE "
	    "action = 'retention' AND detail = 'removed case EHC-000001'"), 1);
	ck_assert_int_eq(ehc_audit_verify(&chk, db), EHC_OK);
	ck_assert_int_eq(ehc_case_lookup(&other, db, "EHC-000001"),
	    EHC_ENOTFOUND);
}
END_TEST

START_TEST(retention_id_reuse_hides_old_history)
{
	char *out;
	cJSON *doc;
	int64_t id = new_request(db, "Old", "1990-06-01", NULL), again;

	ck_assert_int_eq(ehc_retention_remove(db, id), EHC_OK);
	/* SQLite may give the next case the freed id. */
	again = new_request(db, "New", "2015-06-01", NULL);
	ck_assert_int_eq(ehc_case_export_json(&out, db, again), EHC_OK);
	doc = parsed(out);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc,
	    "chronology")), 1);
	cJSON_Delete(doc);
	ehc_free(out);
}
END_TEST

static Suite *
audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc;

	tc = tcase_create("sha256");
	tcase_add_test(tc, sha256_vectors);
	tcase_add_test(tc, sha256_million_a);
	tcase_add_test(tc, sha256_pieces);
	tcase_add_test(tc, sha256_both_ways);
	tcase_add_test(tc, hmac_rfc4231);
	suite_add_tcase(s, tc);

	tc = tcase_create("chain");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, fixture_teardown);
	tcase_add_test(tc, chain_intact);
	tcase_add_test(tc, chain_altered);
	tcase_add_test(tc, chain_altered_user);
	tcase_add_test(tc, chain_rehashed);
	tcase_add_test(tc, chain_removed);
	tcase_add_test(tc, chain_removed_first);
	tcase_add_test(tc, chain_inserted_end);
	tcase_add_test(tc, chain_inserted_middle);
	tcase_add_test(tc, chain_removed_renumbered);
	tcase_add_test(tc, chain_other_key);
	tcase_add_test(tc, chain_no_key);
	tcase_add_test(tc, chain_anchor);
	tcase_add_test(tc, seals_deep);
	tcase_add_test(tc, seals_removed_and_restored);
	tcase_add_test(tc, seals_cover_schema);
	tcase_add_test(tc, migration_keys_chain);
	tcase_add_test(tc, seal_after_migrations);
	tcase_add_test(tc, migration_refuses_broken_chain);
	suite_add_tcase(s, tc);

	tc = tcase_create("export");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, fixture_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, export_shape);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, demo_round_trip);
	tcase_add_test(tc, import_same_store);
	tcase_add_test(tc, import_refuses);
	tcase_add_test(tc, import_file);
	tcase_add_test(tc, export_covers_schema);
	suite_add_tcase(s, tc);

	tc = tcase_create("retention");
	tcase_add_unchecked_fixture(tc, fixture_template_setup, NULL);
	tcase_add_checked_fixture(tc, setup, fixture_teardown);
	tcase_add_test(tc, retention_covers_schema);
	tcase_add_test(tc, retention_lists);
	tcase_add_test(tc, retention_removes);
	tcase_add_test(tc, retention_id_reuse_hides_old_history);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(audit_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
