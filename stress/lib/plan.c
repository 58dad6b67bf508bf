// SPDX-License-Identifier: GPL-2.0
/*
 * The cycle engine's plan (see plan.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "coverage.h"
#include "plan.h"
#include "thp.h"

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
		return 1;	/* any file: other size or seals, left out */
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

int plan_corrupt_spec(const struct stress_config *cfg, size_t page_size,
		      struct memfd_spec *spec)
{
	switch (cfg->corrupt_kind) {
	case CORRUPT_SIZE:
		spec->size++;
		spec->pages = (spec->size + page_size - 1) / page_size;
		return 1;
	case CORRUPT_SEAL:
		spec->seals ^= F_SEAL_GROW;
		return 1;
	case CORRUPT_HOLE:
		spec->kind = KIND_PLAIN;	/* data in every page */
		return 1;
	}
	return 0;
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

/* Data pages of a file of @spec; @contiguous: the longest run of them. */
static uint64_t data_pages(const struct memfd_spec *spec, uint64_t *contiguous)
{
	uint64_t pg, n = 0, run = 0;

	*contiguous = 0;
	for (pg = 0; pg < spec->pages; pg++) {
		if (spec_page_is_hole(spec, pg)) {
			run = 0;
			continue;
		}
		n++;
		if (++run > *contiguous)
			*contiguous = run;
	}
	return n;
}

uint32_t plan_shapes(const struct stress_config *cfg, size_t page_size,
		     uint64_t pmd_size, uint64_t files_per_block)
{
	int large = thp_some_large(cfg->shmem_thp, cfg->cycles);
	int small = thp_some_small(cfg->shmem_thp, cfg->cycles);
	uint32_t shapes = 0;
	struct memfd_spec spec;
	uint64_t t, pages, run;

	if (!cfg->files)
		return 0;
	for (t = 0; t < cfg->files && t < KIND_COUNT; t++) {
		plan_spec(cfg, page_size, t, &spec);
		pages = data_pages(&spec, &run);
		if (small && pages >= 2)
			shapes |= 1u << SHAPE_SMALL_FOLIOS;
		/*
		 * Large folios are sure only in the large kind: smaller
		 * files may be below the kernel's smallest folio size.
		 */
		if (large && spec.kind == KIND_LARGE && run >= 2)
			shapes |= 1u << SHAPE_LARGE_FOLIO;
		if (large && spec.kind == KIND_LARGE && pmd_size &&
		    spec.size >= pmd_size)
			shapes |= 1u << SHAPE_PMD_FOLIO;
		/* within the size, the page past the MiBs is a base page */
		if (spec.kind == KIND_LARGE && (cfg->shmem_thp == THP_CYCLE ||
						cfg->shmem_thp == THP_WITHIN_SIZE))
			shapes |= 1u << SHAPE_MIXED;
		if (spec.size % page_size)
			shapes |= 1u << SHAPE_UNALIGNED;
		if (pages < spec.pages)
			shapes |= 1u << SHAPE_HOLE;
		if (spec.seals & ~F_SEAL_SEAL)
			shapes |= 1u << SHAPE_SEALED;
	}
	if (files_per_block && cfg->files > files_per_block)
		shapes |= 1u << SHAPE_MULTI_BLOCK;
	return shapes;
}
