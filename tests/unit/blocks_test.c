// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the serialization block model against the luo-v5 layout.
 */
#include "kselftest_harness.h"

#include "blocks.h"

TEST(abi_lookup)
{
	ASSERT_NE(NULL, luo_abi_find("luo-v5"));
	ASSERT_EQ(NULL, luo_abi_find("luo-v999"));
	ASSERT_EQ(NULL, luo_abi_find(NULL));
}

TEST(entries_per_block_by_page_size)
{
	const struct luo_abi *a = luo_abi_find("luo-v5");

	/* (page - 16-byte header) / entry size */
	ASSERT_EQ(63, entries_per_block(a, 4096, a->file_entry));
	ASSERT_EQ(51, entries_per_block(a, 4096, a->session_entry));
	ASSERT_EQ(255, entries_per_block(a, 16384, a->file_entry));
	ASSERT_EQ(204, entries_per_block(a, 16384, a->session_entry));
	ASSERT_EQ(1023, entries_per_block(a, 65536, a->file_entry));
	ASSERT_EQ(819, entries_per_block(a, 65536, a->session_entry));
	ASSERT_EQ(0, entries_per_block(a, 16, a->file_entry));
}

/* KHO_MAX_BLOCKS (10000) blocks of entries: the model's ceilings */
TEST(max_entries_at_block_cap)
{
	const struct luo_abi *a = luo_abi_find("luo-v5");

	ASSERT_EQ(630000, blocks_max_entries(a, 4096, a->file_entry));
	ASSERT_EQ(510000, blocks_max_entries(a, 4096, a->session_entry));
	ASSERT_EQ(0, blocks_max_entries(a, 16, a->file_entry));
}

TEST(file_blocks_round_up_per_session)
{
	const struct luo_abi *a = luo_abi_find("luo-v5");
	struct block_count b = { 0 };

	ASSERT_EQ(0, blocks_add(a, 4096, 2, 200, &b));
	ASSERT_EQ(8, b.file_blocks);	/* 2 x ceil(200 / 63) */
	ASSERT_EQ(1, b.session_blocks);
	ASSERT_EQ(9, b.total);
	ASSERT_EQ(0, blocks_add(a, 4096, 1, 1, &b));	/* state session */
	ASSERT_EQ(9, b.file_blocks);
	ASSERT_EQ(3, b.sessions);
	ASSERT_EQ(10, b.total);
}

TEST(session_blocks_boundary)
{
	const struct luo_abi *a = luo_abi_find("luo-v5");
	struct block_count b = { 0 };

	ASSERT_EQ(0, blocks_add(a, 4096, 51, 0, &b));
	ASSERT_EQ(1, b.session_blocks);
	ASSERT_EQ(0, b.file_blocks);
	ASSERT_EQ(0, blocks_add(a, 4096, 1, 0, &b));
	ASSERT_EQ(2, b.session_blocks);
}

TEST(same_files_fewer_blocks_on_bigger_pages)
{
	const struct luo_abi *a = luo_abi_find("luo-v5");
	struct block_count b4 = { 0 }, b64 = { 0 };

	ASSERT_EQ(0, blocks_add(a, 4096, 1, 20000, &b4));
	ASSERT_EQ(0, blocks_add(a, 65536, 1, 20000, &b64));
	ASSERT_EQ(318, b4.file_blocks);
	ASSERT_EQ(20, b64.file_blocks);
	ASSERT_EQ(-1, blocks_add(a, 8, 1, 1, &b4));
}

TEST_HARNESS_MAIN
