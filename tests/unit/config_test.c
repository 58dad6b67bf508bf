// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of workload option parsing: defaults, limits, bad input.
 */
#include <stdio.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "config.h"
#include "memfd_kind.h"

#define ARGV(...) ((char *[]){ "prog", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "prog", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(cfg, ...) config_parse(cfg, &files_defaults, ARGC(__VA_ARGS__), \
				     ARGV(__VA_ARGS__))

static const struct config_defaults files_defaults = {
	.workload = "stress-files",
	.sessions = 2,
	.files = 200,
	.pages = 2,
};

/* Silence the one-line errors the parser prints on purpose. */
static void quiet(void)
{
	freopen("/dev/null", "w", stderr);
}

TEST(defaults)
{
	struct stress_config c;
	char prog[] = "prog";
	char *argv[2];

	argv[0] = prog;
	argv[1] = NULL;

	ASSERT_EQ(0, config_parse(&c, &files_defaults, 1, argv));
	ASSERT_EQ(2, c.sessions);
	ASSERT_EQ(200, c.files);
	ASSERT_EQ(2, c.pages);
	ASSERT_EQ(3, c.cycles);
	ASSERT_EQ(0, c.corrupt_cycle);
	ASSERT_STREQ("/boot/kernel", c.kernel);
	ASSERT_STREQ("stress-files", c.workload);
	ASSERT_EQ(1u << KIND_PLAIN, c.kinds);
	ASSERT_EQ(CORRUPT_DATA, c.corrupt_kind);
}

TEST(mix_and_corrupt_kind)
{
	struct stress_config c;

	ASSERT_EQ(0, PARSE(&c, "--mix", "sparse,sealed", "--corrupt", "1",
			   "--corrupt-kind", "hole", "--large-mb", "8"));
	ASSERT_EQ((1u << KIND_SPARSE) | (1u << KIND_SEALED), c.kinds);
	ASSERT_EQ(CORRUPT_HOLE, c.corrupt_kind);
	ASSERT_EQ(8, c.large_mb);
	ASSERT_EQ(0, PARSE(&c, "--mix", "all"));
	ASSERT_EQ(KIND_MASK_ALL, c.kinds);
}

TEST(bad_mix_rejected)
{
	struct stress_config c;

	quiet();
	ASSERT_EQ(-1, PARSE(&c, "--mix", "plain,bogus"));
	ASSERT_EQ(-1, PARSE(&c, "--mix", ""));
	ASSERT_EQ(-1, PARSE(&c, "--mix", "plain,"));
	ASSERT_EQ(-1, PARSE(&c, "--corrupt-kind", "bits"));
	ASSERT_EQ(-1, PARSE(&c, "--corrupt", "1", "--corrupt-kind", "hole"));
	ASSERT_EQ(-1, PARSE(&c, "--large-mb", "0"));
}

TEST(all_options)
{
	struct stress_config c;

	ASSERT_EQ(0, PARSE(&c, "--sessions", "7", "--files=20000", "--pages",
			   "1", "--cycles", "100", "--seed", "0x10",
			   "--corrupt", "2", "--initrd", "/x.cpio"));
	ASSERT_EQ(7, c.sessions);
	ASSERT_EQ(20000, c.files);
	ASSERT_EQ(1, c.pages);
	ASSERT_EQ(100, c.cycles);
	ASSERT_EQ(16, c.seed);
	ASSERT_EQ(2, c.corrupt_cycle);
	ASSERT_STREQ("/x.cpio", c.initrd);
}

TEST(bad_numbers_rejected)
{
	struct stress_config c;

	quiet();
	ASSERT_EQ(-1, PARSE(&c, "--files", "abc"));
	ASSERT_EQ(-1, PARSE(&c, "--files", "-5"));
	ASSERT_EQ(-1, PARSE(&c, "--files", "12x"));
	ASSERT_EQ(-1, PARSE(&c, "--files", ""));
	ASSERT_EQ(-1, PARSE(&c, "--seed", "99999999999999999999999"));
	ASSERT_EQ(-1, PARSE(&c, "--sessions", "0"));
	ASSERT_EQ(-1, PARSE(&c, "--cycles", "0"));
}

TEST(bad_options_rejected)
{
	struct stress_config c;

	quiet();
	ASSERT_EQ(-1, PARSE(&c, "--nope"));
	ASSERT_EQ(-1, PARSE(&c, "--files"));
	ASSERT_EQ(-1, PARSE(&c, "stray"));
	ASSERT_EQ(-1, PARSE(&c, "--corrupt", "4", "--cycles", "3"));
	ASSERT_EQ(-1, PARSE(&c, "--corrupt", "1", "--pages", "0"));
}

TEST(help_is_not_an_error)
{
	struct stress_config c;

	freopen("/dev/null", "w", stdout);
	ASSERT_EQ(1, PARSE(&c, "--help"));
}

TEST_HARNESS_MAIN
