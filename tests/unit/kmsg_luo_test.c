// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the kernel's LUO/KHO lines (stress/lib/kmsg_luo.c): which
 * /dev/kmsg records count and how they are quoted. The records carry the
 * lines of tests/fixtures/qemu-arm64-64k-kho-scratch/serial.log (a 64K
 * kernel that could not reserve KHO's scratch, so LUO disabled itself),
 * in /dev/kmsg's format ("PRIO,SEQ,USEC,FLAGS;text"), with the level of
 * the printk that prints each in the 7.3 source (pr_err 3, pr_warn 4,
 * pr_info 6).
 */
#include <string.h>

#include "kselftest_harness.h"

#include "kmsg_luo.h"

static const char *const scratch_boot[] = {
	"6,0,0,-;Booting Linux on physical CPU 0x0000000000 [0x000f0510]\n",
	"3,41,0,-;KHO: Failed to reserve lowmem scratch buffer\n",
	"4,42,0,-;KHO: Failed to reserve scratch area, disabling kexec handover\n",
	"6,310,62732,-;rcu: Hierarchical SRCU implementation.\n",
	"4,313,63917,-;luo: Disabling liveupdate because KHO is disabled\n",
	"6,320,70640,-;EFI services will not be available.\n",
	/* our init's marker: a user's write, facility 1 */
	"12,400,90000,-;luo-stress: kexec cycle=1\n",
};

static void feed(struct kmsg_luo *k, const char *const *rec, int n)
{
	int i;

	for (i = 0; i < n; i++)
		kmsg_luo_add(k, rec[i]);
}

TEST(last_two_warnings_joined)
{
	struct kmsg_luo k = { .n = 0 };
	char buf[2 * KMSG_LUO_LEN + 4];

	feed(&k, scratch_boot, ARRAY_SIZE(scratch_boot));
	ASSERT_EQ(3, k.n);
	kmsg_luo_format(&k, buf, sizeof(buf));
	ASSERT_STREQ("KHO: Failed to reserve scratch area, disabling kexec handover | luo: Disabling liveupdate because KHO is disabled",
		     buf);
}

TEST(none_and_one)
{
	struct kmsg_luo k = { .n = 0 };
	char buf[64] = "x";

	kmsg_luo_format(&k, buf, sizeof(buf));
	ASSERT_STREQ("", buf);
	ASSERT_EQ(1, kmsg_luo_add(&k, scratch_boot[1]));
	kmsg_luo_format(&k, buf, sizeof(buf));
	ASSERT_STREQ("KHO: Failed to reserve lowmem scratch buffer", buf);
}

TEST(what_does_not_count)
{
	struct kmsg_luo k = { .n = 0 };

	/* info, not a warning */
	ASSERT_EQ(0, kmsg_luo_add(&k, "6,50,395360,-;KHO: exec from: 7.3.4 (count 1)\n"));
	ASSERT_EQ(0, kmsg_luo_add(&k, "6,51,396000,-;luo: Retrieved live update data, liveupdate number: 1\n"));
	/* a kprobe event of ours is not a "luo:" line */
	ASSERT_EQ(0, kmsg_luo_add(&k, "4,60,800000,-;luo_deser_in: (luo_session_deserialize+0x4/0x1b0)\n"));
	/* a user's write, however urgent and worded */
	ASSERT_EQ(0, kmsg_luo_add(&k, "11,61,800001,-;luo: a user said so\n"));
	/* not a record */
	ASSERT_EQ(0, kmsg_luo_add(&k, "luo: no header\n"));
	ASSERT_EQ(0, kmsg_luo_add(&k, ",1,2,-;luo: no priority\n"));
	ASSERT_EQ(0, k.n);
}

TEST(every_prefix_and_level)
{
	struct kmsg_luo k = { .n = 0 };

	ASSERT_EQ(1, kmsg_luo_add(&k, "4,1,1,-;luo: LUO state is incompatible with 'luo-v5'\n"));
	ASSERT_EQ(1, kmsg_luo_add(&k, "3,2,2,-;memfd_luo: failed to add seals: -EINVAL\n"));
	ASSERT_EQ(1, kmsg_luo_add(&k, "0,3,3,-;liveupdate: emergency\n"));
	ASSERT_EQ(1, kmsg_luo_add(&k, "4,4,4,-,caller=T1;KHO: setup: handover FDT (0x1) is incompatible with 'kho-v4': -22\n"));
	ASSERT_EQ(0, kmsg_luo_add(&k, "5,5,5,-;luo: notice only\n"));
	ASSERT_EQ(4, k.n);
}

TEST(quotes_made_single_and_text_ends_at_its_line)
{
	struct kmsg_luo k = { .n = 0 };
	char buf[2 * KMSG_LUO_LEN + 4], lng[2 * KMSG_LUO_LEN];

	kmsg_luo_add(&k, "4,1,1,-;luo: said \"no\"\n SUBSYSTEM=x\n DEVICE=+y\n");
	kmsg_luo_format(&k, buf, sizeof(buf));
	ASSERT_STREQ("luo: said 'no'", buf);
	/* a long line is cut to what is quoted */
	memset(lng, 'a', sizeof(lng));
	memcpy(lng, "4,2,2,-;KHO: ", 13);
	lng[sizeof(lng) - 1] = 0;
	ASSERT_EQ(1, kmsg_luo_add(&k, lng));
	ASSERT_EQ(KMSG_LUO_LEN - 1, strlen(k.line[1]));
	/* a short buffer holds the start */
	kmsg_luo_format(&k, buf, 10);
	ASSERT_STREQ("luo: said", buf);
}

TEST_HARNESS_MAIN
