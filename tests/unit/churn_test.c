// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of --churn's choice (stress/lib/churn.c): a permutation,
 * the same for the same seed and cycle (both kernels of a kexec compute
 * it), another for another cycle or seed, and the count rounded, at
 * least one session when churn is asked.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "churn.h"

static int is_permutation(const uint64_t *o, uint64_t n)
{
	char *seen = calloc(n, 1);
	uint64_t i;
	int ok = !!seen;

	for (i = 0; ok && i < n; i++) {
		ok = o[i] < n && !seen[o[i]];
		if (ok)
			seen[o[i]] = 1;
	}
	free(seen);
	return ok;
}

TEST(order)
{
	struct stress_config c = { .sessions = 100, .seed = 1, .churn = 25 };
	uint64_t a[100], b[100];

	churn_order(&c, 1, a);
	ASSERT_TRUE(is_permutation(a, 100));
	churn_order(&c, 1, b);
	ASSERT_EQ(0, memcmp(a, b, sizeof(a)));
	churn_order(&c, 2, b);
	ASSERT_TRUE(is_permutation(b, 100));
	ASSERT_NE(0, memcmp(a, b, sizeof(a)));
	c.seed = 2;
	churn_order(&c, 1, b);
	ASSERT_NE(0, memcmp(a, b, sizeof(a)));
	/* not the identity: the closed ones are spread, not the first k */
	churn_order(&c, 1, a);
	for (b[0] = 0, c.sessions = 0; c.sessions < 25; c.sessions++)
		b[0] += a[c.sessions] >= 25;
	ASSERT_GT(b[0], 0);
}

TEST(count)
{
	struct stress_config c = { .sessions = 4, .churn = 0 };

	ASSERT_EQ(0, churn_count(&c));
	c.churn = 25;
	ASSERT_EQ(1, churn_count(&c));
	c.churn = 1;
	ASSERT_EQ(1, churn_count(&c));	/* asked: at least one */
	c.churn = 100;
	ASSERT_EQ(4, churn_count(&c));
	c.sessions = 1000;
	c.churn = 33;
	ASSERT_EQ(330, churn_count(&c));
}

TEST(one_session)
{
	struct stress_config c = { .sessions = 1, .seed = 7, .churn = 50 };
	uint64_t a[1];

	churn_order(&c, 3, a);
	ASSERT_EQ(0, a[0]);
	ASSERT_EQ(1, churn_count(&c));
}

TEST_HARNESS_MAIN
