/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --churn (churn.c): which sessions a cycle closes before its kexec,
 * and in what order, from the run's seed and the cycle alone, so the
 * kernel after the kexec knows them without being told.
 */
#ifndef LUO_STRESS_CHURN_H
#define LUO_STRESS_CHURN_H

#include <stdint.h>

#include "config.h"

/* Sessions --churn closes and replaces in one cycle (0: no churn). */
uint64_t churn_count(const struct stress_config *c);

/*
 * The seeded order of @cycle's @c->sessions sessions into @order: a
 * permutation of 0..sessions-1, its first churn_count() the closed ones.
 */
void churn_order(const struct stress_config *c, uint64_t cycle,
		 uint64_t *order);

#endif
