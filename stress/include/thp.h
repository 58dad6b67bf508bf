/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shmem THP policy of a cycle, set in the guest through sysfs before
 * the cycle's memfds are made, so one run preserves files of base-page
 * folios in some cycles and files of large folios in others.
 */
#ifndef LUO_STRESS_THP_H
#define LUO_STRESS_THP_H

#include <stddef.h>
#include <stdint.h>

/* --shmem-thp: what each cycle runs with */
enum thp_policy {
	THP_CYCLE,		/* odd cycles within_size, even cycles never */
	THP_NEVER,		/* base pages only */
	THP_WITHIN_SIZE,	/* every folio size that fits in the file */
	THP_ALWAYS,		/* every folio size, also past the file's end */
	THP_KERNEL,		/* leave the kernel's own setting */
	THP_COUNT,
};

extern const char *const thp_policy_names[THP_COUNT + 1];

/* The policy cycle @cycle runs with under option @opt (never THP_CYCLE). */
enum thp_policy thp_policy_of(uint32_t opt, uint64_t cycle);

/* Can cycles run with @opt allocate large folios, base pages only? */
int thp_some_large(uint32_t opt, uint64_t cycles);
int thp_some_small(uint32_t opt, uint64_t cycles);

/*
 * Set the shmem THP policy: the top-level shmem_enabled and the one of
 * every folio size. Returns 0, or -1 with the reason in @why.
 */
int thp_apply(enum thp_policy p, char *why, size_t size);

/* PMD size in bytes as the kernel says (hpage_pmd_size), or 0. */
uint64_t thp_pmd_size(void);

#endif
