/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Model of LUO's serialization blocks (kernel/liveupdate/kho_block.c):
 * how many blocks a set of sessions and files takes, derived from the
 * page size and the LUO ABI version, never hard-coded per board.
 */
#ifndef LUO_STRESS_BLOCKS_H
#define LUO_STRESS_BLOCKS_H

#include <stddef.h>

struct luo_abi {
	const char *name;	/* LUO_ABI_COMPATIBLE of the kernel */
	size_t header;		/* struct kho_block_header_ser */
	size_t file_entry;	/* struct luo_file_ser */
	size_t session_entry;	/* struct luo_session_ser */
	size_t block_pages;	/* pages per block */
	unsigned long max_blocks; /* KHO_MAX_BLOCKS per block set */
};

struct block_count {
	unsigned long sessions;		/* sessions counted so far */
	unsigned long session_blocks;
	unsigned long file_blocks;
	unsigned long total;
};

/* The ABI description named @name, or NULL when the model lacks it. */
const struct luo_abi *luo_abi_find(const char *name);

/* Entries of @entry_size that one block of @abi holds at @page_size. */
unsigned long entries_per_block(const struct luo_abi *abi, size_t page_size,
				size_t entry_size);

/*
 * Entries of @entry_size that a block set of KHO_MAX_BLOCKS blocks holds:
 * the model's ceiling of files per session or of sessions.
 */
unsigned long blocks_max_entries(const struct luo_abi *abi, size_t page_size,
				 size_t entry_size);

/*
 * Add @sessions sessions of @files files each to @b (zeroed to start).
 * Sessions share one block set; each session has its own file blocks.
 * Returns 0, or -1 when the page size leaves no room for one entry.
 */
int blocks_add(const struct luo_abi *abi, size_t page_size,
	       unsigned long sessions, unsigned long files,
	       struct block_count *b);

#endif
