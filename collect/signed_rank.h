/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wilcoxon's signed-rank test and Hodges and Lehmann's estimate of
 * paired log ratios (signed_rank.c), the statistics of luo-aggregate's
 * comparison rule.
 */
#ifndef LUO_COLLECT_SIGNED_RANK_H
#define LUO_COLLECT_SIGNED_RANK_H

#include <stddef.h>

#include "stats.h"

/*
 * One-sided p-values of the signed-rank test of the @n log ratios @d:
 * @up for NEW slower, @down for faster.
 */
void signed_rank_test(const double *d, size_t n, double *up, double *down);
/*
 * The Hodges-Lehmann estimate of @d's center; with @lo and @hi its
 * interval of confidence 1 - 2 @tail; with @r, drawn when the Walsh
 * averages are many.
 */
double signed_rank_hodges_lehmann(const double *d, size_t n, double tail,
				  double *lo, double *hi, struct rng *r);

#endif
