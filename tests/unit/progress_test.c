// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the progress throttle (stress/lib/progress.c) on a clock
 * the test moves: a line is due only after PROGRESS_NS, and the clock is
 * read once every PROGRESS_CHECK_EVERY items.
 */
#include "kselftest_harness.h"

#include "progress.h"

static uint64_t fake_ns;
static unsigned long reads;

static uint64_t fake_clock(void)
{
	reads++;
	return fake_ns;
}

TEST(due_after_interval)
{
	struct progress p;
	unsigned long i, due = 0;

	fake_ns = 1000;
	reads = 0;
	progress_init(&p, fake_clock);
	for (i = 0; i < 10 * PROGRESS_CHECK_EVERY; i++)
		due += progress_due(&p);
	ASSERT_EQ(0, due);		/* no time passed */
	ASSERT_EQ(1 + 10, reads);	/* init, then every CHECK_EVERY */
	fake_ns += PROGRESS_NS;
	for (i = 0; i < PROGRESS_CHECK_EVERY; i++)
		due += progress_due(&p);
	ASSERT_EQ(1, due);
	for (i = 0; i < 4 * PROGRESS_CHECK_EVERY; i++)
		due += progress_due(&p);
	ASSERT_EQ(1, due);		/* not again until the next interval */
	fake_ns += PROGRESS_NS - 1;
	for (i = 0; i < PROGRESS_CHECK_EVERY; i++)
		due += progress_due(&p);
	ASSERT_EQ(1, due);
	fake_ns += 1;
	for (i = 0; i < PROGRESS_CHECK_EVERY; i++)
		due += progress_due(&p);
	ASSERT_EQ(2, due);
}

TEST_HARNESS_MAIN
