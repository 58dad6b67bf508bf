// SPDX-License-Identifier: GPL-2.0
/*
 * Serialization block model (see blocks.h). Entry and header sizes are
 * those of include/linux/kho/abi/luo.h and block.h for each ABI version.
 */
#include <string.h>

#include "blocks.h"
#include "util.h"

static const struct luo_abi luo_abis[] = {
	{
		.name = "luo-v5",
		.header = 16,
		.file_entry = 64,
		.session_entry = 80,
		.block_pages = 1,
		.max_blocks = 10000,
	},
};

const struct luo_abi *luo_abi_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(luo_abis); i++)
		if (name && !strcmp(luo_abis[i].name, name))
			return &luo_abis[i];
	return NULL;
}

unsigned long entries_per_block(const struct luo_abi *abi, size_t page_size,
				size_t entry_size)
{
	size_t bytes = abi->block_pages * page_size;

	if (bytes <= abi->header || !entry_size)
		return 0;
	return (bytes - abi->header) / entry_size;
}

unsigned long blocks_max_entries(const struct luo_abi *abi, size_t page_size,
				 size_t entry_size)
{
	return abi->max_blocks * entries_per_block(abi, page_size, entry_size);
}

static unsigned long div_up(unsigned long n, unsigned long d)
{
	return (n + d - 1) / d;
}

int blocks_add(const struct luo_abi *abi, size_t page_size,
	       unsigned long sessions, unsigned long files,
	       struct block_count *b)
{
	unsigned long fpb, spb;

	fpb = entries_per_block(abi, page_size, abi->file_entry);
	spb = entries_per_block(abi, page_size, abi->session_entry);
	if (!fpb || !spb)
		return -1;
	b->sessions += sessions;
	b->file_blocks += sessions * div_up(files, fpb);
	b->session_blocks = div_up(b->sessions, spb);
	b->total = b->session_blocks + b->file_blocks;
	return 0;
}
