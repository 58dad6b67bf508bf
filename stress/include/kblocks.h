/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serialization blocks as the kernel counts them: hist triggers on the
 * block-set functions of kernel/liveupdate/kho_block.c, told apart by
 * the entry size of their set (session or file entries). Cheap at any
 * scale: one map update per block or block set, no console line.
 *   allocated: blocks the outgoing sets hold in this kernel (added,
 *              less those shrunk or destroyed), read before the kexec;
 *   restored:  blocks the incoming sets held when deserialization
 *              walked them, read after the first open in the new kernel.
 */
#ifndef LUO_STRESS_KBLOCKS_H
#define LUO_STRESS_KBLOCKS_H

#include <stddef.h>

#include "blocks.h"

struct kblocks {
	int ready;		/* the probes are in place */
	char why[192];		/* why not, when not */
	const struct luo_abi *abi;
};

struct kblock_count {
	long session_blocks;
	long file_blocks;
};

/*
 * Put the probes in place: before the first open of /dev/liveupdate,
 * which deserializes. Returns 0, or -1 with kb->why set ("model only").
 */
int kblocks_setup(struct kblocks *kb, const struct luo_abi *abi);

/* Blocks of the outgoing sets now. Returns 0, or -1 with kb->why. */
int kblocks_allocated(struct kblocks *kb, struct kblock_count *c);

/* Blocks the incoming sets held. Returns 0, or -1 with kb->why. */
int kblocks_restored(struct kblocks *kb, struct kblock_count *c);

#endif
