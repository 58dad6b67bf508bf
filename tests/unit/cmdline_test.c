// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the kernel command line helpers (stress/lib/cmdline.c):
 * the cycle a kernel reads from luo_stress.cycle=, and the command line
 * kexec_load_next() passes with it set, on command lines of the runner's
 * boards.
 */
#include <errno.h>
#include <string.h>

#include "kselftest_harness.h"

#include "cmdline.h"

/* the guest's line of tests/fixtures/cause-kernel-warning (its run.txt) */
#define X86 "console=ttyS0 printk.time=1 liveupdate=on panic=-1 " \
	"kprobe_event=p:luo_reboot_in,liveupdate_reboot;" \
	"r:luo_reboot_out,liveupdate_reboot;" \
	"p:luo_deser_in,luo_session_deserialize;" \
	"r:luo_deser_out,luo_session_deserialize tp_printk " \
	"luo_stress_break=warn_deserialize"

TEST(cycle_absent_is_enoent)
{
	uint64_t c = 7;

	ASSERT_EQ(-ENOENT, cmdline_cycle(X86, &c));
	ASSERT_EQ(7, c);
	ASSERT_EQ(-ENOENT, cmdline_cycle("", &c));
	/* another parameter that merely ends like ours */
	ASSERT_EQ(-ENOENT, cmdline_cycle("xluo_stress.cycle=3", &c));
}

TEST(cycle_found_last_wins)
{
	uint64_t c = 0;

	ASSERT_EQ(0, cmdline_cycle(X86 " luo_stress.cycle=3", &c));
	ASSERT_EQ(3, c);
	ASSERT_EQ(0, cmdline_cycle("luo_stress.cycle=1 a=b luo_stress.cycle=12",
				   &c));
	ASSERT_EQ(12, c);
	ASSERT_EQ(0, cmdline_cycle("\tluo_stress.cycle=5\n", &c));
	ASSERT_EQ(5, c);
}

TEST(cycle_malformed)
{
	uint64_t c = 9;

	ASSERT_EQ(-EINVAL, cmdline_cycle("luo_stress.cycle=", &c));
	ASSERT_EQ(-EINVAL, cmdline_cycle("luo_stress.cycle=2x", &c));
	ASSERT_EQ(-EINVAL, cmdline_cycle("luo_stress.cycle=-1", &c));
	ASSERT_EQ(-EINVAL, cmdline_cycle("luo_stress.cycle=99999999999999999999",
					 &c));
	ASSERT_EQ(9, c);
}

TEST(cycle_inside_quotes_or_after_dashes_is_not_ours)
{
	uint64_t c = 0;

	/* a quoted value holds the text, the word is another parameter */
	ASSERT_EQ(-ENOENT, cmdline_cycle("dyndbg=\"x luo_stress.cycle=4\"", &c));
	/* after "--" the words are init's */
	ASSERT_EQ(-ENOENT, cmdline_cycle("a -- luo_stress.cycle=4", &c));
	ASSERT_EQ(0, cmdline_cycle("luo_stress.cycle=2 -- luo_stress.cycle=4",
				   &c));
	ASSERT_EQ(2, c);
}

TEST(set_appends)
{
	char out[CMDLINE_LEN];
	uint64_t c = 0;

	ASSERT_EQ(0, cmdline_set_cycle(X86, 1, out, sizeof(out)));
	ASSERT_STREQ(X86 " luo_stress.cycle=1", out);
	ASSERT_EQ(0, cmdline_cycle(out, &c));
	ASSERT_EQ(1, c);
	ASSERT_EQ(0, cmdline_set_cycle("", 4, out, sizeof(out)));
	ASSERT_STREQ("luo_stress.cycle=4", out);
}

TEST(set_replaces_every_one)
{
	char out[CMDLINE_LEN];

	ASSERT_EQ(0, cmdline_set_cycle("luo_stress.cycle=1 console=ttyS0 luo_stress.cycle=x",
				       2, out, sizeof(out)));
	ASSERT_STREQ("console=ttyS0 luo_stress.cycle=2", out);
	/* kexec after kexec: the line a kernel got, set again */
	ASSERT_EQ(0, cmdline_set_cycle(X86 " luo_stress.cycle=2", 3, out,
				       sizeof(out)));
	ASSERT_STREQ(X86 " luo_stress.cycle=3", out);
	/* a look-alike stays */
	ASSERT_EQ(0, cmdline_set_cycle("my.luo_stress.cycle=1", 2, out,
				       sizeof(out)));
	ASSERT_STREQ("my.luo_stress.cycle=1 luo_stress.cycle=2", out);
}

TEST(set_keeps_quotes_and_init_args)
{
	char out[CMDLINE_LEN];

	ASSERT_EQ(0, cmdline_set_cycle("a=\"b  c\" luo_stress.cycle=1 -- x  y",
				       5, out, sizeof(out)));
	ASSERT_STREQ("a=\"b  c\" luo_stress.cycle=5 -- x  y", out);
	ASSERT_EQ(0, cmdline_set_cycle("-- luo_stress.cycle=1", 5, out,
				       sizeof(out)));
	ASSERT_STREQ("luo_stress.cycle=5 -- luo_stress.cycle=1", out);
}

TEST(set_too_long)
{
	char out[27];

	ASSERT_EQ(-E2BIG, cmdline_set_cycle("console=ttyS0", 1, out,
					    sizeof(out)));
	ASSERT_EQ(0, cmdline_set_cycle("c=ttyS0", 1, out, sizeof(out)));
	ASSERT_STREQ("c=ttyS0 luo_stress.cycle=1", out);
}

TEST_HARNESS_MAIN
