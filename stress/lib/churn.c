// SPDX-License-Identifier: GPL-2.0
/*
 * --churn (see churn.h): a seeded Fisher-Yates shuffle of the sessions
 * per cycle; the first PCT% of it are closed and replaced.
 */
#include "churn.h"

/* splitmix64's finaliser: a well-mixed 64-bit hash */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

uint64_t churn_count(const struct stress_config *c)
{
	uint64_t k;

	if (!c->churn)
		return 0;
	k = (c->sessions * c->churn + 50) / 100;
	return k ? k : 1;
}

void churn_order(const struct stress_config *c, uint64_t cycle,
		 uint64_t *order)
{
	uint64_t i, j, t, x = mix(c->seed ^ mix(cycle + 0x9e3779b97f4a7c15ULL));

	for (i = 0; i < c->sessions; i++)
		order[i] = i;
	for (i = c->sessions; i > 1; i--) {
		x = mix(x + i);
		j = x % i;
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}
