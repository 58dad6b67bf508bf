/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deterministic memfd content: every page's bytes derive from
 * (seed, cycle, session, token, page), so the next kernel can regenerate
 * and compare them without keeping a copy.
 */
#ifndef LUO_STRESS_CONTENT_H
#define LUO_STRESS_CONTENT_H

#include <stddef.h>
#include <stdint.h>

struct content_key {
	uint64_t seed;
	uint64_t cycle;
	uint64_t session;
	uint64_t token;
};

/* Seed of one page's byte stream. */
uint64_t content_page_seed(const struct content_key *key, uint64_t page);

/* Fill @len bytes of @buf with the stream of @page_seed. */
void content_fill(void *buf, size_t len, uint64_t page_seed);

/*
 * Compare @len bytes of @buf with the stream of @page_seed. Returns the
 * offset of the first differing byte, or -1 when all match; on a mismatch
 * the expected and found bytes are stored in @want and @got.
 */
long content_check(const void *buf, size_t len, uint64_t page_seed,
		   uint8_t *want, uint8_t *got);

#endif
