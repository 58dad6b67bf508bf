// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the guest memory formula (stress/lib/guest_size.c): the
 * total is its named terms, each grows with what it pays for, and the
 * board's floor wins when it is larger.
 */
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "guest_size.h"

static uint64_t sum(const struct guest_size *g)
{
	return g->kernel_mib + g->data_copies * g->data_mib +
	       g->file_objects_mib + g->session_objects_mib;
}

TEST(terms)
{
	struct guest_load none = { .page_size = 4096 }, l;
	struct guest_size g0, g;

	guest_size(&none, 0, &g0);
	ASSERT_EQ(g0.kernel_mib, g0.total_mib);
	ASSERT_EQ(0, g0.data_mib);

	l = (struct guest_load){ .sessions = 10000, .files = 20000,
				 .data_files = 20000,
				 .data_bytes = 20000ULL * 4096,
				 .page_size = 4096 };
	guest_size(&l, 0, &g);
	ASSERT_EQ(sum(&g), g.total_mib);
	ASSERT_GT(g.data_mib, 0);
	ASSERT_GT(g.file_objects_mib, 0);
	ASSERT_GT(g.session_objects_mib, 0);
	/* twice the sessions: only the session term grows */
	l.sessions *= 2;
	guest_size(&l, 0, &g0);
	ASSERT_GT(g0.session_objects_mib, g.session_objects_mib);
	ASSERT_EQ(g.file_objects_mib, g0.file_objects_mib);
	ASSERT_EQ(g.data_mib, g0.data_mib);
}

/* A board that needs more for itself gets the workload on top. */
TEST(board_need_below_the_workload)
{
	struct guest_load l = { .sessions = 1, .files = 20000,
				.data_files = 20000,
				.data_bytes = 20000ULL * 65536,
				.page_size = 65536 };
	struct guest_size g, g0;

	guest_size(&l, 0, &g0);
	guest_size(&l, 8192, &g);
	ASSERT_EQ(8192, g.kernel_mib);
	ASSERT_EQ(sum(&g), g.total_mib);
	ASSERT_EQ(g0.total_mib - g0.kernel_mib + 8192, g.total_mib);
	/* a 64K page per file for LUO's header, beside its objects */
	ASSERT_GE(g.file_objects_mib, 20000ULL * 65536 >> 20);
}

TEST(print)
{
	struct guest_load l = { .sessions = 2, .files = 4, .page_size = 4096 };
	struct guest_size g;
	char buf[512], want[64];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	guest_size(&l, 0, &g);
	guest_size_print(&g, f);
	fclose(f);
	snprintf(want, sizeof(want), "guest_mib=%llu\n",
		 (unsigned long long)g.total_mib);
	ASSERT_EQ(0, strncmp(buf, want, strlen(want)));
	ASSERT_NE(NULL, strstr(buf, "guest_data_copies="));
}

/* workers and a checking kernel add their own terms, nothing else */
TEST(workers_checking)
{
	struct guest_load l = { .sessions = 4, .files = 80, .data_files = 80,
				.data_bytes = 80ULL * 8192,
				.page_size = 4096 };
	struct guest_size g0, g;

	guest_size(&l, 0, &g0);
	ASSERT_EQ(0, g0.workers_mib);
	ASSERT_EQ(0, g0.checking_mib);
	l.workers = 4;
	guest_size(&l, 0, &g);
	ASSERT_GT(g.workers_mib, 0);
	ASSERT_EQ(g0.total_mib + g.workers_mib, g.total_mib);
	l.checking = 1;
	guest_size(&l, 0, &g0);
	/* the checkers' share grows with what the rest holds */
	ASSERT_GT(g0.checking_mib, g.total_mib / 3);
	ASSERT_EQ(g.total_mib + g0.checking_mib, g0.total_mib);
}

TEST_HARNESS_MAIN
