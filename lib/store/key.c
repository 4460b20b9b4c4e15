/*
 * key.c: the audit key.  The audit chain (audit.c) and the cases' seals
 * (seal.c) are HMACs under a secret of 32 random bytes kept in a file
 * outside the store, written as 64 hex digits and a newline, mode 0600.
 * Whoever can write the store but cannot read this file cannot make a
 * record or a seal that verifies.  The store keeps only the key's id
 * (an HMAC of a fixed text under it), to tell the right key from
 * another.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_BYTES 32

int
ehc_audit_key_path(char *out, size_t out_len, const char *store_path)
{
	size_t need;

	if (out != NULL && out_len > 0)
		out[0] = '\0';
	if (store_path == NULL)
		return EHC_EINVAL;
	need = strlen(store_path) + sizeof(".key");
	if (out == NULL || out_len < need)
		return EHC_EINVAL;
	snprintf(out, out_len, "%s.key", store_path);
	return EHC_OK;
}

const char *
ehc_audit_key_file(const struct ehc_db *db)
{
	return db->key_path != NULL ? db->key_path : "";
}

static int
unhex(unsigned char *out, const char *hex, size_t n)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		hi = hex[2 * i];
		lo = hex[2 * i + 1];
		hi = hi >= '0' && hi <= '9' ? hi - '0' :
		    hi >= 'a' && hi <= 'f' ? hi - 'a' + 10 : -1;
		lo = lo >= '0' && lo <= '9' ? lo - '0' :
		    lo >= 'a' && lo <= 'f' ? lo - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* Prepare the key and its id. */
static void
use_key(struct ehc_db *db, const unsigned char *key)
{
	struct ehc__hmac c;
	char id[EHC__SHA256_HEX];

	ehc__hmac_key(&db->mac, key, KEY_BYTES);
	c = db->mac;
	ehc__hmac_update(&c, "ehc-audit-key-id", 16);
	ehc__hmac_hex_final(&c, id);
	memcpy(db->key_id, id, 16);
	db->key_id[16] = '\0';
	db->key_state = KEY_OK;
}

/*
 * Read the key file: EHC_OK, EHC_ENOINPUT when there is none, EHC_EKEY
 * when it cannot be read or is not a key.
 */
static int
read_key(struct ehc_db *db)
{
	unsigned char key[KEY_BYTES];
	char buf[2 * KEY_BYTES + 3];
	struct stat sb;
	ssize_t n;
	int fd;

	if ((fd = open(db->key_path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return EHC_ENOINPUT;
		return ehc__db_fail(db, EHC_EKEY, "cannot read the audit key "
		    "'%.300s': %s", db->key_path, strerror(errno));
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return ehc__db_fail(db, EHC_EKEY, "the audit key '%.300s' is "
		    "not a regular file", db->key_path);
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 2 * KEY_BYTES || n > 2 * KEY_BYTES + 1 ||
	    (n == 2 * KEY_BYTES + 1 && buf[2 * KEY_BYTES] != '\n') ||
	    unhex(key, buf, KEY_BYTES) == -1)
		return ehc__db_fail(db, EHC_EKEY, "the audit key '%.300s' is "
		    "damaged (not 64 hex digits); restore it from a backup",
		    db->key_path);
	use_key(db, key);
	memset(key, 0, sizeof(key));
	memset(buf, 0, sizeof(buf));
	return EHC_OK;
}

int
ehc__key_open(struct ehc_db *db, const char *store_path, const char *path)
{
	size_t len;
	int rc;

	free(db->key_path);
	db->key_state = KEY_NONE;
	if (path != NULL && *path != '\0')
		db->key_path = strdup(path);
	else {
		len = strlen(store_path) + sizeof(".key");
		if ((db->key_path = malloc(len)) != NULL)
			ehc_audit_key_path(db->key_path, len, store_path);
	}
	if (db->key_path == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	/* A missing key is said when it is needed: readers do without. */
	rc = read_key(db);
	if (rc == EHC_ENOINPUT)
		rc = EHC_OK;
	/* A damaged key stops writes and checks, not the store's readers. */
	if (rc == EHC_EKEY)
		rc = EHC_OK;
	return rc;
}

int
ehc__key_create(struct ehc_db *db)
{
	struct ehc_outfile *f;
	unsigned char key[KEY_BYTES];
	char hex[2 * KEY_BYTES + 1];
	size_t got = 0;
	ssize_t n;
	int rc;

	if ((rc = read_key(db)) != EHC_ENOINPUT)
		return rc;
	while (got < sizeof(key)) {
		n = getrandom(key + got, sizeof(key) - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return ehc__db_fail(db, EHC_ERROR, "no random bytes for "
			    "the audit key: %s", strerror(errno));
		got += (size_t)n;
	}
	ehc__hex(hex, key, sizeof(key));
	if ((rc = ehc_outfile_open(&f, db->key_path)) == EHC_OK) {
		fprintf(ehc_outfile_fp(f), "%s\n", hex);
		/* Two ehc making a store at once: the first key stays. */
		rc = ehc_outfile_commit_new(f);
	}
	if (rc != EHC_OK && rc != EHC_EEXISTS)
		rc = ehc__db_fail(db, rc == EHC_ENOMEM ? rc : EHC_ECREATE,
		    "cannot create the audit key: %s", ehc_outfile_errmsg(f));
	ehc_outfile_free(f);
	memset(key, 0, sizeof(key));
	memset(hex, 0, sizeof(hex));
	if (rc != EHC_OK && rc != EHC_EEXISTS)
		return rc;
	return read_key(db);
}

int
ehc__key_share(struct ehc_db *to, const struct ehc_db *from)
{
	free(to->key_path);
	to->key_path = NULL;
	to->key_state = KEY_NONE;
	if (from->key_path != NULL &&
	    (to->key_path = strdup(from->key_path)) == NULL)
		return ehc__db_fail(to, EHC_ENOMEM, "out of memory");
	/* A key that was read is a key, whatever store it belongs to. */
	if (from->key_state != KEY_NONE) {
		to->mac = from->mac;
		memcpy(to->key_id, from->key_id, sizeof(to->key_id));
		to->key_state = KEY_OK;
	}
	return EHC_OK;
}

int
ehc__key_check(struct ehc_db *db)
{
	char id[64];
	int rc;

	if (db->key_state != KEY_OK)
		return EHC_OK;
	/* The id of the key the store was chained with, if kept. */
	if ((rc = ehc__setting(db, "audit_key_id", id, sizeof(id))) != EHC_OK)
		return rc;
	/* With no id kept, a wrong key shows as every record altered. */
	if (*id != '\0' && strcmp(id, db->key_id) != 0)
		db->key_state = KEY_WRONG;
	return EHC_OK;
}

int
ehc__key_ready(struct ehc_db *db)
{
	int rc;

	if (db->key_state == KEY_NONE) {
		/* Say why: missing, unreadable or damaged. */
		if ((rc = read_key(db)) == EHC_ENOINPUT)
			return ehc__db_fail(db, EHC_EKEY, "no audit key at "
			    "'%.300s': the audit log cannot be written or "
			    "checked without it; restore it from a backup",
			    db->key_path);
		if (rc != EHC_OK || (rc = ehc__key_check(db)) != EHC_OK)
			return rc;
	}
	if (db->key_state == KEY_WRONG)
		return ehc__db_fail(db, EHC_EKEY, "the audit key '%.300s' is "
		    "not the key this store's audit log was made with; name "
		    "the store's own key", db->key_path);
	return EHC_OK;
}
