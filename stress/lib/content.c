// SPDX-License-Identifier: GPL-2.0
/*
 * Deterministic memfd content generator and checker (see content.h).
 * splitmix64 mixes the key into a page seed; xorshift64* expands it.
 */
#include <string.h>

#include "content.h"

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t content_page_seed(const struct content_key *key, uint64_t page)
{
	uint64_t h = mix64(key->seed);

	h = mix64(h ^ key->cycle);
	h = mix64(h ^ key->session);
	h = mix64(h ^ key->token);
	h = mix64(h ^ page);
	/* xorshift must never start from zero */
	return h ? h : 1;
}

static uint64_t next_word(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

void content_fill(void *buf, size_t len, uint64_t page_seed)
{
	unsigned char *p = buf;
	uint64_t s = page_seed, w;
	size_t off;

	for (off = 0; off + sizeof(w) <= len; off += sizeof(w)) {
		w = next_word(&s);
		memcpy(p + off, &w, sizeof(w));
	}
	if (off < len) {
		w = next_word(&s);
		memcpy(p + off, &w, len - off);
	}
}

long content_check(const void *buf, size_t len, uint64_t page_seed,
		   uint8_t *want, uint8_t *got)
{
	const uint8_t *p = buf;
	uint8_t exp[sizeof(uint64_t)];
	uint64_t s = page_seed, w;
	size_t off, n, i;

	for (off = 0; off < len; off += sizeof(w)) {
		w = next_word(&s);
		memcpy(exp, &w, sizeof(w));
		n = len - off < sizeof(w) ? len - off : sizeof(w);
		if (!memcmp(p + off, exp, n))
			continue;
		for (i = 0; i < n; i++) {
			if (p[off + i] != exp[i]) {
				*want = exp[i];
				*got = p[off + i];
				return (long)(off + i);
			}
		}
	}
	return -1;
}
