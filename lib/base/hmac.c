/*
 * hmac.c: HMAC-SHA-256 (RFC 2104), keying the audit chain (audit.c).
 * The key's inner and outer pads are hashed once, into a struct
 * ehc__hmac kept for the store's life; each MAC starts from a copy, so
 * a short record costs two SHA-256 blocks more than its own hash.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void
ehc__hmac_key(struct ehc__hmac *k, const void *key, size_t len)
{
	unsigned char block[64], pad[64];
	int i;

	memset(block, 0, sizeof(block));
	/* A key longer than a block is hashed first (RFC 2104, 2). */
	if (len > sizeof(block)) {
		ehc__sha256_init(&k->inner);
		ehc__sha256_update(&k->inner, key, len);
		ehc__sha256_final(&k->inner, block);
	} else if (len > 0)
		memcpy(block, key, len);
	for (i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x36;
	ehc__sha256_init(&k->inner);
	ehc__sha256_update(&k->inner, pad, sizeof(pad));
	for (i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x5c;
	ehc__sha256_init(&k->outer);
	ehc__sha256_update(&k->outer, pad, sizeof(pad));
	memset(block, 0, sizeof(block));
	memset(pad, 0, sizeof(pad));
}

void
ehc__hmac_update(struct ehc__hmac *c, const void *data, size_t len)
{
	ehc__sha256_update(&c->inner, data, len);
}

void
ehc__hmac_field(struct ehc__hmac *c, const void *data, size_t len)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu:", len);
	ehc__hmac_update(c, n, strlen(n));
	ehc__hmac_update(c, data, len);
}

void
ehc__hmac_final(struct ehc__hmac *c, unsigned char out[32])
{
	unsigned char md[32];

	ehc__sha256_final(&c->inner, md);
	ehc__sha256_update(&c->outer, md, sizeof(md));
	ehc__sha256_final(&c->outer, out);
	memset(md, 0, sizeof(md));
}

void
ehc__hmac_hex_final(struct ehc__hmac *c, char out[EHC__SHA256_HEX])
{
	unsigned char md[32];

	ehc__hmac_final(c, md);
	ehc__hex(out, md, sizeof(md));
}
