// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of workload option parsing: defaults, limits, bad input.
 */
#include <stdio.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "config.h"

#define ARGV(...) ((char *[]){ "prog", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "prog", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(cfg, ...) config_parse(cfg, "stress-files", ARGC(__VA_ARGS__), \
				     ARGV(__VA_ARGS__))

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

	ASSERT_EQ(0, config_parse(&c, "stress-files", 1, argv));
	ASSERT_EQ(2, c.sessions);
	ASSERT_EQ(200, c.files);
	ASSERT_EQ(2, c.pages);
	ASSERT_EQ(3, c.cycles);
	ASSERT_EQ(0, c.corrupt_cycle);
	ASSERT_STREQ("/boot/kernel", c.kernel);
	ASSERT_STREQ("stress-files", c.workload);
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
