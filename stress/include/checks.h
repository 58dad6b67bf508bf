/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cycle's checks against the kernel's own view, beside the data checks
 * of memfd_file.c: the serialization blocks the kernel counted against
 * the block model, and the shapes the run covered against those the
 * workload asked for. Each prints its "# blocks:" or "# coverage:" line
 * and, when it fails, a "# FAIL" line naming both sides.
 */
#ifndef LUO_STRESS_CHECKS_H
#define LUO_STRESS_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "blocks.h"
#include "config.h"
#include "kblocks.h"

/* A check's verdict: CHECK_SKIP carries a reason. */
enum check { CHECK_PASS, CHECK_FAIL, CHECK_SKIP };

/*
 * The blocks of cycle @cycle, @side "allocated" or "restored": the
 * kernel's count @k (NULL when it could not count, kb->why says why)
 * against @model. With @carried (the allocated count the previous kernel
 * handed over, or NULL) the restored count must equal it too.
 */
enum check check_blocks(const char *side, uint64_t cycle,
			const struct kblocks *kb, const struct kblock_count *k,
			const struct block_count *model,
			const struct kblock_count *carried);

/*
 * The shapes a run of @cfg asked for against @seen, all cycles. Returns
 * CHECK_SKIP with @why when coverage could not be measured.
 */
enum check check_coverage(const struct stress_config *cfg, size_t page_size,
			  uint64_t files_per_block, uint32_t seen,
			  int measured, char *why, size_t size);

#endif
