// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the deterministic content generator and checker.
 */
#include <stdint.h>
#include <string.h>

#include "kselftest_harness.h"

#include "content.h"

#define PAGE 4096

TEST(fill_then_check_matches)
{
	struct content_key k = { .seed = 1, .cycle = 2, .session = 3,
				 .token = 4 };
	static uint8_t buf[PAGE];
	uint8_t want, got;

	content_fill(buf, sizeof(buf), content_page_seed(&k, 5));
	ASSERT_EQ(-1, content_check(buf, sizeof(buf),
				    content_page_seed(&k, 5), &want, &got));
}

TEST(flipped_byte_is_located)
{
	struct content_key k = { .seed = 9 };
	static uint8_t buf[PAGE];
	uint8_t want = 0, got = 0, orig;
	long offsets[] = { 0, 1, 7, 8, 2049, PAGE - 1 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		content_fill(buf, sizeof(buf), content_page_seed(&k, 0));
		orig = buf[offsets[i]];
		buf[offsets[i]] ^= 0x5a;
		ASSERT_EQ(offsets[i],
			  content_check(buf, sizeof(buf),
					content_page_seed(&k, 0), &want, &got));
		ASSERT_EQ(orig, want);
		ASSERT_EQ(orig ^ 0x5a, got);
	}
}

TEST(every_key_field_changes_content)
{
	struct content_key a = { .seed = 1, .cycle = 1, .session = 1,
				 .token = 1 };
	struct content_key b;
	uint64_t base = content_page_seed(&a, 0);

	b = a; b.seed++;
	ASSERT_NE(base, content_page_seed(&b, 0));
	b = a; b.cycle++;
	ASSERT_NE(base, content_page_seed(&b, 0));
	b = a; b.session++;
	ASSERT_NE(base, content_page_seed(&b, 0));
	b = a; b.token++;
	ASSERT_NE(base, content_page_seed(&b, 0));
	ASSERT_NE(base, content_page_seed(&a, 1));
	ASSERT_EQ(base, content_page_seed(&a, 0));
}

TEST(odd_length_tail)
{
	uint8_t buf[13], want, got;

	content_fill(buf, sizeof(buf), 42);
	ASSERT_EQ(-1, content_check(buf, sizeof(buf), 42, &want, &got));
	buf[12] ^= 1;
	ASSERT_EQ(12, content_check(buf, sizeof(buf), 42, &want, &got));
}

TEST(page_is_not_constant)
{
	static uint8_t buf[PAGE];
	size_t i, same = 0;

	content_fill(buf, sizeof(buf), 7);
	for (i = 1; i < sizeof(buf); i++)
		same += buf[i] == buf[i - 1];
	/* a random stream repeats a byte about 1 in 256 times */
	ASSERT_LT(same, 64);
}

TEST_HARNESS_MAIN
