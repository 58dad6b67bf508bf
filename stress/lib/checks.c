// SPDX-License-Identifier: GPL-2.0
/*
 * A cycle's checks against the kernel's own view (see checks.h).
 */
#include <stdio.h>

#include "checks.h"
#include "coverage.h"
#include "kselftest.h"
#include "plan.h"
#include "thp.h"
#include "wire.h"

enum check check_blocks(const char *side, uint64_t cycle,
			const struct kblocks *kb, const struct kblock_count *k,
			const struct block_count *model,
			const struct kblock_count *carried)
{
	if (!k) {
		ksft_print_msg(WIRE_BLOCKS_MSG "cycle=%llu side=%s model only (%s) model_session_blocks=%lu model_file_blocks=%lu\n",
			       (unsigned long long)cycle, side, kb->why,
			       model->session_blocks, model->file_blocks);
		return CHECK_SKIP;
	}
	ksft_print_msg(WIRE_BLOCKS_MSG "cycle=%llu side=%s session_blocks=%ld file_blocks=%ld model_session_blocks=%lu model_file_blocks=%lu\n",
		       (unsigned long long)cycle, side, k->session_blocks,
		       k->file_blocks, model->session_blocks,
		       model->file_blocks);
	if (k->session_blocks != (long)model->session_blocks ||
	    k->file_blocks != (long)model->file_blocks) {
		ksft_print_msg(WIRE_FAIL_MSG "blocks: cycle=%llu the kernel %s session_blocks=%ld file_blocks=%ld, the model says session_blocks=%lu file_blocks=%lu\n",
			       (unsigned long long)cycle, side,
			       k->session_blocks, k->file_blocks,
			       model->session_blocks, model->file_blocks);
		return CHECK_FAIL;
	}
	if (carried && carried->session_blocks >= 0 &&
	    (k->session_blocks != carried->session_blocks ||
	     k->file_blocks != carried->file_blocks)) {
		ksft_print_msg(WIRE_FAIL_MSG "blocks: cycle=%llu the kernel %s session_blocks=%ld file_blocks=%ld, the previous kernel allocated session_blocks=%ld file_blocks=%ld\n",
			       (unsigned long long)cycle, side,
			       k->session_blocks, k->file_blocks,
			       carried->session_blocks, carried->file_blocks);
		return CHECK_FAIL;
	}
	return CHECK_PASS;
}

enum check check_coverage(const struct stress_config *cfg, size_t page_size,
			  uint64_t files_per_block, uint32_t seen,
			  int measured, char *why, size_t size)
{
	uint32_t asked = plan_shapes(cfg, page_size, thp_pmd_size(),
				     files_per_block);
	char a[160], s[160], m[160], mix[64];

	shapes_format(asked, a, sizeof(a));
	shapes_format(seen, s, sizeof(s));
	ksft_print_msg(WIRE_COVERAGE_MSG "run asked=%s seen=%s\n", *a ? a : "none",
		       *s ? s : "none");
	if (!measured) {
		snprintf(why, size, "coverage could not be measured");
		return CHECK_SKIP;
	}
	if (!(asked & ~seen))
		return CHECK_PASS;
	shapes_format(asked & ~seen, m, sizeof(m));
	kinds_format(cfg->kinds, mix, sizeof(mix));
	ksft_print_msg(WIRE_FAIL_MSG "coverage: missing %s: asked for by --mix %s --files %llu --pages %llu --large-mb %llu --shmem-thp %s over %llu cycles, never preserved\n",
		       m, mix, (unsigned long long)cfg->files,
		       (unsigned long long)cfg->pages,
		       (unsigned long long)cfg->large_mb,
		       thp_policy_names[cfg->shmem_thp],
		       (unsigned long long)cfg->cycles);
	return CHECK_FAIL;
}
