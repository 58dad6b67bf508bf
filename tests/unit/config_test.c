// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of workload option parsing (the table in config.c, the
 * parser in opts.c): defaults, limits, bad input, the resolved listing,
 * the --kernel list and the entry each kexec loads, and the options of
 * luo-limits and luo-kexec.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "config.h"
#include "kexec_config.h"
#include "limits_config.h"
#include "memfd_kind.h"

#define ARGV(...) ((char *[]){ "prog", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "prog", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(cfg, ...) config_parse(cfg, "stress-files", ARGC(__VA_ARGS__), \
				     ARGV(__VA_ARGS__))

/* Silence the one-line errors the parser prints on purpose. */
static void quiet(void)
{
	freopen("/dev/null", "w", stderr);
}

/* No options: exactly the workload's defaults, each workload its own. */
TEST(defaults)
{
	struct stress_config c, d, s;
	char prog[] = "prog";
	char *argv[2];

	argv[0] = prog;
	argv[1] = NULL;

	ASSERT_EQ(0, config_defaults(&d, "stress-files"));
	ASSERT_EQ(0, config_parse(&c, "stress-files", 1, argv));
	ASSERT_EQ(0, memcmp(&c, &d, sizeof(c)));
	ASSERT_STREQ("stress-files", c.workload);
	ASSERT_EQ(0, c.corrupt_cycle);
	ASSERT_EQ(0, c.hold);
	ASSERT_NE(0, c.sessions);
	ASSERT_NE(0, c.cycles);
	ASSERT_NE(0, c.kinds);
	ASSERT_EQ(0, config_defaults(&s, "stress-sessions"));
	ASSERT_GT(s.sessions, d.sessions);
	ASSERT_LT(s.files, d.files);
	quiet();
	ASSERT_EQ(-1, config_defaults(&c, "stress-bogus"));
	ASSERT_EQ(-1, config_parse(&c, "stress-bogus", 1, argv));
}

/* The resolved listing names every option with its value. */
TEST(print_resolved)
{
	struct stress_config c;
	char buf[2048];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	ASSERT_EQ(0, PARSE(&c, "--files", "7", "--mix", "sparse,large",
			   "--corrupt-kind", "seal", "--hold"));
	config_print(&c, f);
	fclose(f);
	ASSERT_NE(NULL, strstr(buf, "workload=stress-files\n"));
	ASSERT_NE(NULL, strstr(buf, "\nfiles=7\n"));
	ASSERT_NE(NULL, strstr(buf, "\nmix=sparse,large\n"));
	ASSERT_NE(NULL, strstr(buf, "\ncorrupt-kind=seal\n"));
	ASSERT_NE(NULL, strstr(buf, "\nhold=1\n"));
	ASSERT_NE(NULL, strstr(buf, "\nkernel=/boot/kernel\n"));
}

/* An error names the option and the value, as the board prints it. */
TEST(error_lines)
{
	struct stress_config c;
	char buf[512];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	FILE *saved = stderr;

	stderr = f;
	ASSERT_EQ(-1, PARSE(&c, "--sessions", "0"));
	ASSERT_EQ(-1, PARSE(&c, "--corrupt-kind", "zap"));
	stderr = saved;
	fclose(f);
	ASSERT_NE(NULL, strstr(buf, "error: --sessions 0 out of range 1..4294967296\n"));
	ASSERT_NE(NULL, strstr(buf, "error: --corrupt-kind must be data, size, seal, hole, missing or state, got 'zap'\n"));
}

TEST(limits_options)
{
	struct limits_config l;

	ASSERT_EQ(0, limits_parse(&l, 1, ARGV(NULL)));
	ASSERT_TRUE(limits_files(&l) && limits_sessions(&l));
	ASSERT_EQ(0, limits_parse(&l, ARGC("--what", "files", "--max", "5"),
				  ARGV("--what", "files", "--max", "5")));
	ASSERT_TRUE(limits_files(&l) && !limits_sessions(&l));
	ASSERT_EQ(5, l.max);
	quiet();
	ASSERT_EQ(-1, limits_parse(&l, ARGC("--what", "blocks"),
				   ARGV("--what", "blocks")));
	ASSERT_EQ(-1, limits_parse(&l, ARGC("--budget", "0"),
				   ARGV("--budget", "0")));
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
	ASSERT_EQ(-1, PARSE(&c, "--mix", "plain", "--corrupt", "1",
			    "--corrupt-kind", "hole"));
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
	ASSERT_STREQ("/x.cpio", c.kexec.initrd);
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
	ASSERT_EQ(-1, PARSE(&c, "--mix", "plain", "--corrupt", "1", "--pages",
			    "0"));
}

/* --kernel takes a list; kexec C loads entry C mod N, entry 0 booted */
TEST(kernel_list)
{
	static const char *const two[] = {
		"/boot/kernel.0", "/boot/kernel.1",
	};
	struct stress_config c;
	char img[OPT_PATHS_LEN];
	uint64_t cycle;

	ASSERT_EQ(0, PARSE(&c, "--kernel", "/boot/kernel.0,/boot/kernel.1"));
	ASSERT_STREQ("/boot/kernel.0,/boot/kernel.1", c.kexec.kernel);
	ASSERT_EQ(2, opt_paths_count(c.kexec.kernel));
	/* KERNELS="7.2 7.3" CYCLES=4: 7.2 -> 7.3 -> 7.2 -> 7.3 -> 7.2 */
	for (cycle = 1; cycle <= 4; cycle++) {
		ASSERT_EQ(0, opt_paths_pick(c.kexec.kernel, cycle, img,
					    sizeof(img)));
		ASSERT_STREQ(two[cycle % 2], img);
	}
	ASSERT_EQ(0, opt_paths_pick("a,bb,ccc", 5, img, sizeof(img)));
	ASSERT_STREQ("ccc", img);
	ASSERT_EQ(0, opt_paths_pick("a,bb,ccc", 100000, img, sizeof(img)));
	ASSERT_STREQ("bb", img);
	ASSERT_EQ(-ENAMETOOLONG, opt_paths_pick("a,bb,ccc", 2, img, 3));
	/* one path: every kexec, as before lists */
	ASSERT_EQ(0, config_parse(&c, "stress-files", 1, ARGV(NULL)));
	ASSERT_STREQ("/boot/kernel", c.kexec.kernel);
	for (cycle = 1; cycle <= 3; cycle++) {
		ASSERT_EQ(0, opt_paths_pick(c.kexec.kernel, cycle, img,
					    sizeof(img)));
		ASSERT_STREQ("/boot/kernel", img);
	}
}

/* 16 kernels of the runner fit; an empty entry or a longer list does not */
TEST(kernel_list_limits)
{
	char list[OPT_PATHS_LEN + 16], img[OPT_PATHS_LEN];
	struct stress_config c;
	size_t n = 0;
	int i;

	for (i = 0; i < 16; i++)
		n += snprintf(list + n, sizeof(list) - n, "%s/boot/kernel.%d",
			      i ? "," : "", i);
	ASSERT_EQ(0, PARSE(&c, "--kernel", list));
	ASSERT_EQ(16, opt_paths_count(c.kexec.kernel));
	ASSERT_EQ(0, opt_paths_pick(c.kexec.kernel, 15, img, sizeof(img)));
	ASSERT_STREQ("/boot/kernel.15", img);
	memset(list, 'k', OPT_PATHS_LEN);
	list[OPT_PATHS_LEN] = 0;
	quiet();
	ASSERT_EQ(-1, PARSE(&c, "--kernel", list));
	ASSERT_EQ(-1, PARSE(&c, "--kernel", ""));
	ASSERT_EQ(-1, PARSE(&c, "--kernel", ","));
	ASSERT_EQ(-1, PARSE(&c, "--kernel", "/a,"));
	ASSERT_EQ(-1, PARSE(&c, "--kernel", ",/a"));
	ASSERT_EQ(-1, PARSE(&c, "--kernel", "/a,,/b"));
}

/* luo-kexec: the engine's kexec options and defaults, its own cycles */
TEST(kexec_options)
{
	struct stress_config s;
	struct kexec_config k;
	char buf[1024];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	ASSERT_EQ(0, kexec_config_parse(&k, 1, ARGV(NULL)));
	ASSERT_EQ(1, k.cycles);
	ASSERT_EQ(0, config_defaults(&s, "stress-files"));
	ASSERT_STREQ(s.kexec.kernel, k.kexec.kernel);
	ASSERT_STREQ(s.kexec.initrd, k.kexec.initrd);
	ASSERT_EQ(0, kexec_config_parse(&k, ARGC("--cycles", "4", "--kernel",
						 "/k0,/k1", "--initrd", "/i"),
					ARGV("--cycles", "4", "--kernel",
					     "/k0,/k1", "--initrd", "/i")));
	kexec_config_print(&k, f);
	fclose(f);
	ASSERT_STREQ("workload=luo-kexec\ncycles=4\nkernel=/k0,/k1\ninitrd=/i\n",
		     buf);
	quiet();
	ASSERT_EQ(-1, kexec_config_parse(&k, ARGC("--cycles", "0"),
					 ARGV("--cycles", "0")));
	ASSERT_EQ(-1, kexec_config_parse(&k, ARGC("--sessions", "1"),
					 ARGV("--sessions", "1")));
	ASSERT_EQ(-1, kexec_config_parse(&k, ARGC("--kernel", "/a,"),
					 ARGV("--kernel", "/a,")));
}

TEST(help_is_not_an_error)
{
	struct stress_config c;

	freopen("/dev/null", "w", stdout);
	ASSERT_EQ(1, PARSE(&c, "--help"));
}

TEST_HARNESS_MAIN
