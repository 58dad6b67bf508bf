/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest memory a workload needs: the one formula, each term named
 * for what it pays for (guest_size.c says why each is the size it is).
 * luo-workload prints it; the QEMU runner and the LAVA generator size
 * their guests from that output and nothing else.
 */
#ifndef LUO_STRESS_GUEST_SIZE_H
#define LUO_STRESS_GUEST_SIZE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What one cycle holds in the guest at its peak. */
struct guest_load {
	uint64_t sessions;	/* sessions preserved at once */
	uint64_t files;		/* memfds preserved at once, all sessions */
	uint64_t data_files;	/* those of them that hold data */
	uint64_t data_bytes;	/* their data, whole pages */
	size_t page_size;
	uint64_t workers;	/* worker processes beside the agent */
	uint32_t checking;	/* a checking kernel (KASAN, kmemleak, ...) */
};

struct guest_size {
	uint64_t kernel_mib;		/* kernel, KHO scratch, initramfs */
	uint64_t data_mib;		/* one copy of the preserved data */
	uint64_t data_copies;		/* copies of it at the peak */
	uint64_t file_objects_mib;	/* kernel objects of every memfd */
	uint64_t session_objects_mib;	/* kernel objects of every session */
	uint64_t board_mib;		/* the board's own need (MEMORY_MB) */
	uint64_t workers_mib;		/* the worker processes */
	uint64_t checking_mib;		/* the checkers' own memory */
	uint64_t total_mib;		/* what the guest gets */
};

/*
 * Size the guest for @load on a board whose kernel needs @board_mib for
 * itself (0: ours), the workload's terms on top.
 */
void guest_size(const struct guest_load *load, uint64_t board_mib,
		struct guest_size *g);

/* "guest_mib=" and one "guest_<term>_mib=" line per term. */
void guest_size_print(const struct guest_size *g, FILE *f);

#endif
