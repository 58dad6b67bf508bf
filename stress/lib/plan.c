// SPDX-License-Identifier: GPL-2.0
/*
 * The cycle engine's plan (see plan.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "plan.h"

/*
 * The seed picks the corrupted session (seed % sessions) and, on another
 * stride, the token the search for a corruptible file starts from, so
 * seeds that pick the same session do not all pick the same token.
 */
#define CORRUPT_TOKEN_STRIDE	7

/*
 * Knuth's multiplicative hash constant (2^32 / golden ratio): spreads
 * consecutive seeds over the bytes of the page whose byte is flipped.
 */
#define KNUTH_HASH_32		2654435761ULL

void plan_spec(const struct stress_config *cfg, size_t page_size,
	       uint64_t token, struct memfd_spec *spec)
{
	memfd_spec_of(kind_of(cfg->kinds, token), cfg->pages, cfg->large_mb,
		      page_size, spec);
}

/* Can a file of @spec show a corruption of @kind? */
static int corruptible(uint32_t kind, const struct memfd_spec *spec)
{
	switch (kind) {
	case CORRUPT_DATA:
		return spec->size > 0;
	case CORRUPT_HOLE:
		return spec->kind == KIND_SPARSE;
	default:
		return 1;	/* any file can get another size or seals */
	}
}

int plan_corruption(const struct stress_config *cfg, size_t page_size,
		    struct corruption *c)
{
	struct memfd_spec spec;
	uint64_t i, t, first_page;

	if (!cfg->files || !cfg->sessions)
		return -1;
	c->session = cfg->seed % cfg->sessions;
	for (i = 0; i < cfg->files; i++) {
		t = (cfg->seed / CORRUPT_TOKEN_STRIDE + i) % cfg->files;
		plan_spec(cfg, page_size, t, &spec);
		if (!corruptible(cfg->corrupt_kind, &spec))
			continue;
		c->token = t;
		first_page = spec.size < page_size ? spec.size : page_size;
		c->offset = first_page ?
			    (cfg->seed * KNUTH_HASH_32) % first_page : 0;
		return 0;
	}
	return -1;
}

void plan_corrupt_spec(const struct stress_config *cfg, size_t page_size,
		       struct memfd_spec *spec)
{
	switch (cfg->corrupt_kind) {
	case CORRUPT_SIZE:
		spec->size++;
		spec->pages = (spec->size + page_size - 1) / page_size;
		break;
	case CORRUPT_SEAL:
		spec->seals ^= F_SEAL_GROW;
		break;
	case CORRUPT_HOLE:
		spec->kind = KIND_PLAIN;	/* data in every page */
		break;
	}
}

uint64_t plan_data_bytes(const struct stress_config *cfg, size_t page_size)
{
	unsigned int kinds = __builtin_popcount(cfg->kinds), k;
	struct memfd_spec spec;
	uint64_t per_session = 0, files;

	if (!kinds)
		return 0;
	/* tokens take the kinds in turn: kind k gets every kinds-th token */
	for (k = 0; k < kinds && k < cfg->files; k++) {
		plan_spec(cfg, page_size, k, &spec);
		files = cfg->files / kinds + (k < cfg->files % kinds);
		per_session += files * spec.pages * page_size;
	}
	return per_session * cfg->sessions;
}

int plan_blocks(const struct stress_config *cfg, size_t page_size,
		const struct luo_abi *abi, struct block_count *b)
{
	*b = (struct block_count){ 0 };
	if (blocks_add(abi, page_size, cfg->sessions, cfg->files, b) ||
	    blocks_add(abi, page_size, 1, 1, b))
		return -1;
	return 0;
}
