/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cycle engine's plan, as pure functions of the run config: what
 * each file is, which file the self-check corrupts and how, and how many
 * bytes of data a cycle preserves. No LUO calls here, so the host unit
 * tests and luo-workload use the very code the board runs.
 */
#ifndef LUO_STRESS_PLAN_H
#define LUO_STRESS_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "blocks.h"
#include "config.h"
#include "memfd_kind.h"

/* The self-check's target: one file, and for data the byte it flips. */
struct corruption {
	uint64_t session;	/* index */
	uint64_t token;
	uint64_t offset;	/* CORRUPT_DATA: byte of page 0 flipped */
};

/* What file @token of every session of a cycle of @cfg must be. */
void plan_spec(const struct stress_config *cfg, size_t page_size,
	       uint64_t token, struct memfd_spec *spec);

/*
 * The file the self-check corrupts, chosen from the seed among the files
 * whose kind can show @cfg->corrupt_kind. Returns 0, or -1 when no file
 * of the run's kinds can.
 */
int plan_corruption(const struct stress_config *cfg, size_t page_size,
		    struct corruption *c);

/*
 * Make @spec the file a build-time corruption (size, seal, hole) builds
 * instead: a file unlike the spec the next kernel checks it against.
 * Returns 1, or 0 when @cfg's corruption is not made at build time
 * (@spec unchanged).
 */
int plan_corrupt_spec(const struct stress_config *cfg, size_t page_size,
		      struct memfd_spec *spec);

/* Bytes of memfd data one cycle preserves, whole pages, all sessions. */
uint64_t plan_data_bytes(const struct stress_config *cfg, size_t page_size);

/*
 * Serialization blocks one cycle takes by the block model: the
 * workload's sessions and files plus the state session (one file) that
 * is serialized beside them. Returns 0, or -1 when @abi leaves no room
 * for an entry in a block of @page_size.
 */
int plan_blocks(const struct stress_config *cfg, size_t page_size,
		const struct luo_abi *abi, struct block_count *b);

/*
 * The shapes (enum shape, coverage.h) a whole run of @cfg asks for, as
 * a mask: those its kinds, sizes and shmem THP policies must produce.
 * @pmd_size is the kernel's (0: no THP), @files_per_block the block
 * model's file entries per block.
 */
uint32_t plan_shapes(const struct stress_config *cfg, size_t page_size,
		     uint64_t pmd_size, uint64_t files_per_block);

#endif
