/*
 * sha256.c: SHA-256 (FIPS 180-4), for the audit chain and the cases'
 * seals.  Dependency-free.  An import seals every case it writes, so on
 * x86-64 processors with the SHA extensions the blocks are hashed by
 * those instructions (several times faster); elsewhere by portable C.
 */
#include "internal.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

/* Process one 64-byte block. */
static void
block_c(struct ehc__sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h, t1, t2, s0, s1;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		s1 = ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25);
		t1 = h + s1 + ((e & f) ^ (~e & g)) + k[i] + w[i];
		s0 = ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22);
		t2 = s0 + ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

#ifdef HAVE_SHA_NI
/*
 * The same block with the SHA extensions (Intel's "SHA extensions"
 * paper, 2013).  The state is kept as the instructions want it: ABEF and
 * CDGH; each sha256rnds2 does two rounds; the message schedule of four
 * words at a time is msg1, a shifted add and msg2.
 */
__attribute__((target("sha,sse4.1")))
static void
block_ni(struct ehc__sha256 *c, const unsigned char *p)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i abef, cdgh, abef0, cdgh0, t, w[4];
	int g;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&c->h[0]),
	    0xb1);					/* CDAB */
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&c->h[4]),
	    0x1b);					/* EFGH */
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);
	abef0 = abef;
	cdgh0 = cdgh;
	for (g = 0; g < 16; g++) {
		if (g < 4)
			w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
			    (const __m128i *)(p + 16 * g)), bswap);
		else
			w[g % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(
			    _mm_sha256msg1_epu32(w[g % 4], w[(g + 1) % 4]),
			    _mm_alignr_epi8(w[(g + 3) % 4], w[(g + 2) % 4], 4)),
			    w[(g + 3) % 4]);
		t = _mm_add_epi32(w[g % 4],
		    _mm_loadu_si128((const __m128i *)&k[4 * g]));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, t);
		abef = _mm_sha256rnds2_epu32(abef, cdgh,
		    _mm_shuffle_epi32(t, 0x0e));
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);
	t = _mm_shuffle_epi32(abef, 0x1b);		/* FEBA */
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);		/* DCHG */
	_mm_storeu_si128((__m128i *)&c->h[0], _mm_blend_epi16(t, cdgh,
	    0xf0));					/* DCBA */
	_mm_storeu_si128((__m128i *)&c->h[4], _mm_alignr_epi8(cdgh, t,
	    8));					/* HGFE */
}

/* SHA (CPUID 7 EBX bit 29), SSSE3 and SSE4.1 (CPUID 1 ECX 9, 19). */
static int
have_sha_ni(void)
{
	unsigned int a, b, cx, d;

	if (!__get_cpuid(1, &a, &b, &cx, &d) || !(cx & (1u << 9)) ||
	    !(cx & (1u << 19)))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &cx, &d) &&
	    (b & (1u << 29)) != 0;
}
#endif

static int use_portable = -1;	/* -1 until the processor is asked */

void
ehc__sha256_portable(int yes)
{
	use_portable = yes ? 1 : -1;
}

static void
block(struct ehc__sha256 *c, const unsigned char *p)
{
#ifdef HAVE_SHA_NI
	if (use_portable < 0)
		use_portable = !have_sha_ni();
	if (!use_portable) {
		block_ni(c, p);
		return;
	}
#endif
	block_c(c, p);
}

void
ehc__sha256_init(struct ehc__sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->nbuf = 0;
}

void
ehc__sha256_update(struct ehc__sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t n;

	c->len += (uint64_t)len;
	if (c->nbuf > 0) {
		n = 64 - c->nbuf < len ? 64 - c->nbuf : len;
		memcpy(c->buf + c->nbuf, p, n);
		c->nbuf += n;
		p += n;
		len -= n;
		if (c->nbuf < 64)
			return;
		block(c, c->buf);
		c->nbuf = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		block(c, p);
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

void
ehc__sha256_final(struct ehc__sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	int i;

	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > 56) {
		memset(c->buf + c->nbuf, 0, 64 - c->nbuf);
		block(c, c->buf);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, 56 - c->nbuf);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	block(c, c->buf);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
	memset(c, 0, sizeof(*c));
}

void
ehc__hex(char *out, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

void
ehc__sha256_hex_final(struct ehc__sha256 *c, char out[EHC__SHA256_HEX])
{
	unsigned char md[32];

	ehc__sha256_final(c, md);
	ehc__hex(out, md, sizeof(md));
}

void
ehc__sha256_hex(const void *data, size_t len, char out[EHC__SHA256_HEX])
{
	struct ehc__sha256 c;

	ehc__sha256_init(&c);
	ehc__sha256_update(&c, data, len);
	ehc__sha256_hex_final(&c, out);
}
