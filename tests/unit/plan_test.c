// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the cycle engine's plan (stress/lib/plan.c): the spec of
 * every kind, which file the self-check corrupts and how, the data and
 * blocks a cycle takes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>

#include "kselftest_harness.h"

#include "blocks.h"
#include "config.h"
#include "coverage.h"
#include "plan.h"

#define PAGE 4096

#define ARGV(...) ((char *[]){ "prog", ##__VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "prog", ##__VA_ARGS__ }) / sizeof(char *)))
#define CONFIG(cfg, ...) ASSERT_EQ(0, config_parse(cfg, "stress-files", \
		ARGC(__VA_ARGS__), ARGV(__VA_ARGS__)))

/* --mix all: tokens take the kinds in turn, each with its own shape. */
TEST(spec_per_kind)
{
	struct stress_config c;
	struct memfd_spec s;
	uint64_t t;

	CONFIG(&c, "--mix", "all", "--pages", "3", "--large-mb", "2");
	for (t = 0; t < 2 * KIND_COUNT; t++) {
		plan_spec(&c, PAGE, t, &s);
		ASSERT_EQ(t % KIND_COUNT, (uint64_t)s.kind);
		ASSERT_EQ((s.size + PAGE - 1) / PAGE, s.pages);
		switch (s.kind) {
		case KIND_PLAIN:
			ASSERT_EQ(3 * PAGE, s.size);
			ASSERT_EQ(F_SEAL_SEAL, s.seals);
			break;
		case KIND_EMPTY:
			ASSERT_EQ(0, s.size);
			break;
		case KIND_UNALIGNED:
			ASSERT_NE(0, s.size % PAGE);
			ASSERT_GT(s.size, 3 * PAGE);
			break;
		case KIND_SPARSE:
			ASSERT_EQ(3 * PAGE, s.size);
			ASSERT_FALSE(spec_page_is_hole(&s, 0));
			ASSERT_TRUE(spec_page_is_hole(&s, 1));
			break;
		case KIND_LARGE:
			ASSERT_EQ((2 << 20) + PAGE, s.size);
			break;
		case KIND_SEALED:
			ASSERT_TRUE(s.seals & F_SEAL_WRITE);
			ASSERT_TRUE(s.seals & F_SEAL_GROW);
			break;
		default:
			ASSERT_TRUE(0);
		}
	}
}

/* The target is in the seed's session, on a file that can show it. */
TEST(corruption_target)
{
	struct stress_config c;
	struct corruption k;
	struct memfd_spec s;
	char seed[16];
	int i, n;

	for (i = 0; i < CORRUPT_COUNT; i++) {
		for (n = 0; n < 50; n++) {
			snprintf(seed, sizeof(seed), "%d", n);
			CONFIG(&c, "--sessions", "3", "--files", "40",
			       "--mix", "empty,sparse,plain", "--seed", seed,
			       "--corrupt", "1", "--corrupt-kind",
			       (char *)corrupt_kind_name(i));
			ASSERT_EQ(0, plan_corruption(&c, PAGE, &k));
			ASSERT_EQ((uint64_t)n % 3, k.session);
			ASSERT_LT(k.token, 40);
			plan_spec(&c, PAGE, k.token, &s);
			if (c.corrupt_kind == CORRUPT_DATA) {
				ASSERT_NE(0, s.size);
				ASSERT_LT(k.offset, PAGE);
			}
			if (c.corrupt_kind == CORRUPT_HOLE)
				ASSERT_EQ(KIND_SPARSE, s.kind);
		}
	}
}

/* Seeds move the target: not every seed corrupts the same token. */
TEST(corruption_spread)
{
	struct stress_config c;
	struct corruption k;
	uint64_t first = 0, offsets = 0;
	int n, tokens = 0;
	char seed[16];

	for (n = 0; n < 64; n++) {
		snprintf(seed, sizeof(seed), "%d", n);
		CONFIG(&c, "--files", "100", "--mix", "plain", "--seed", seed,
		       "--corrupt", "1");
		ASSERT_EQ(0, plan_corruption(&c, PAGE, &k));
		if (!n)
			first = k.token;
		tokens += k.token != first;
		offsets |= 1ULL << (k.offset % 64);
	}
	ASSERT_GT(tokens, 32);
	ASSERT_GT(__builtin_popcountll(offsets), 16);
}

/* No file of the run's kinds can show the corruption: no target. */
TEST(corruption_impossible)
{
	struct stress_config c;
	struct corruption k;

	CONFIG(&c, "--mix", "empty", "--corrupt", "1");
	ASSERT_EQ(-1, plan_corruption(&c, PAGE, &k));
}

/* Build-time corruptions make a file unlike its spec, one way each. */
TEST(corrupt_spec)
{
	struct stress_config c;
	struct memfd_spec s, bad;

	CONFIG(&c, "--mix", "sparse", "--corrupt", "1", "--corrupt-kind", "size");
	plan_spec(&c, PAGE, 0, &s);
	bad = s;
	ASSERT_EQ(1, plan_corrupt_spec(&c, PAGE, &bad));
	ASSERT_EQ(s.size + 1, bad.size);
	ASSERT_EQ(s.pages + 1, bad.pages);

	CONFIG(&c, "--mix", "sparse", "--corrupt", "1", "--corrupt-kind", "seal");
	bad = s;
	ASSERT_EQ(1, plan_corrupt_spec(&c, PAGE, &bad));
	ASSERT_EQ(s.seals ^ F_SEAL_GROW, bad.seals);
	ASSERT_EQ(s.size, bad.size);

	CONFIG(&c, "--mix", "sparse", "--corrupt", "1", "--corrupt-kind", "hole");
	bad = s;
	ASSERT_EQ(1, plan_corrupt_spec(&c, PAGE, &bad));
	ASSERT_EQ(KIND_PLAIN, bad.kind);
	ASSERT_FALSE(spec_page_is_hole(&bad, 1));

	/* the other corruptions leave the file as its spec */
	CONFIG(&c, "--mix", "sparse", "--corrupt", "1", "--corrupt-kind", "data");
	bad = s;
	ASSERT_EQ(0, plan_corrupt_spec(&c, PAGE, &bad));
	ASSERT_EQ(s.size, bad.size);
	ASSERT_EQ(s.seals, bad.seals);
	ASSERT_EQ(s.kind, bad.kind);
}

/* Data of a cycle: the sum of every file's whole pages. */
TEST(data_bytes)
{
	struct stress_config c;
	struct memfd_spec s;
	uint64_t t, want = 0;

	CONFIG(&c, "--sessions", "3", "--files", "5", "--pages", "2", "--mix",
	       "plain");
	ASSERT_EQ(3 * 5 * 2 * PAGE, plan_data_bytes(&c, PAGE));
	CONFIG(&c, "--sessions", "2", "--files", "13", "--mix", "all",
	       "--large-mb", "1");
	for (t = 0; t < 13; t++) {
		plan_spec(&c, PAGE, t, &s);
		want += s.pages * PAGE;
	}
	ASSERT_EQ(2 * want, plan_data_bytes(&c, PAGE));
	CONFIG(&c, "--files", "0");
	ASSERT_EQ(0, plan_data_bytes(&c, PAGE));
}

/* Blocks of a cycle: the workload's plus the state session's. */
TEST(blocks_with_state_session)
{
	const struct luo_abi *abi = luo_abi_find("luo-v5");
	struct stress_config c;
	struct block_count b, w = { 0 };

	ASSERT_NE(NULL, abi);
	CONFIG(&c, "--sessions", "2", "--files", "200");
	ASSERT_EQ(0, plan_blocks(&c, PAGE, abi, &b));
	ASSERT_EQ(0, blocks_add(abi, PAGE, 2, 200, &w));
	ASSERT_EQ(w.file_blocks + 1, b.file_blocks);
	ASSERT_EQ(b.session_blocks + b.file_blocks, b.total);
	ASSERT_EQ(-1, plan_blocks(&c, 16, abi, &b));
}

/* The shapes a run asks for follow its kinds, sizes and THP policy. */
TEST(shapes_asked)
{
	const uint64_t pmd = 2 << 20, fpb = 63;
	struct stress_config c;
	uint32_t m;

	CONFIG(&c);	/* the defaults ask for every shape */
	m = plan_shapes(&c, PAGE, pmd, fpb);
	ASSERT_EQ((1u << SHAPE_COUNT) - 1, m);
	CONFIG(&c, "--shmem-thp", "never");
	m = plan_shapes(&c, PAGE, pmd, fpb);
	ASSERT_TRUE(m & (1u << SHAPE_SMALL_FOLIOS));
	ASSERT_FALSE(m & (1u << SHAPE_LARGE_FOLIO));
	ASSERT_FALSE(m & (1u << SHAPE_PMD_FOLIO));
	ASSERT_FALSE(m & (1u << SHAPE_MIXED));
	/* one cycle under "cycle" is within_size only: no base-page run */
	CONFIG(&c, "--cycles", "1");
	m = plan_shapes(&c, PAGE, pmd, fpb);
	ASSERT_FALSE(m & (1u << SHAPE_SMALL_FOLIOS));
	ASSERT_TRUE(m & (1u << SHAPE_PMD_FOLIO));
	/* no THP in the kernel: no PMD folio to ask for */
	CONFIG(&c);
	ASSERT_FALSE(plan_shapes(&c, PAGE, 0, fpb) & (1u << SHAPE_PMD_FOLIO));
	/* large files smaller than a PMD */
	CONFIG(&c, "--large-mb", "1");
	ASSERT_FALSE(plan_shapes(&c, PAGE, pmd, fpb) & (1u << SHAPE_PMD_FOLIO));
	CONFIG(&c, "--mix", "plain", "--files", "63");
	m = plan_shapes(&c, PAGE, pmd, fpb);
	ASSERT_EQ(1u << SHAPE_SMALL_FOLIOS, m);
	CONFIG(&c, "--files", "0");
	ASSERT_EQ(0, plan_shapes(&c, PAGE, pmd, fpb));
}

TEST_HARNESS_MAIN
