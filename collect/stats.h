/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The statistics luo-aggregate decides with: a seeded random number
 * generator (every result reproducible), the normal and Student t
 * distributions, medians and percentiles.
 */
#ifndef LUO_COLLECT_STATS_H
#define LUO_COLLECT_STATS_H

#include <stddef.h>
#include <stdint.h>

/* The seed every simulation and bootstrap of luo-aggregate derives from. */
#define STATS_SEED	0x6c756f2d73747273ULL

/* splitmix64: small, fast, and the same sequence on every machine. */
struct rng {
	uint64_t s;
};

void stats_rng_seed(struct rng *r, uint64_t seed);
/* Uniform in [0, n). */
size_t stats_rng_below(struct rng *r, size_t n);

/* FNV-1a of @s mixed into @h: seeds derived from names. */
uint64_t stats_hash_str(uint64_t h, const char *s);

double stats_norm_cdf(double x);
/* x with stats_norm_cdf(x) = p, 0 < p < 1. */
double stats_norm_quantile(double p);
/* t with P(T <= t) = p, 0 < p < 1, for Student's t with @df degrees. */
double stats_t_quantile(double p, double df);

/* Median of @n values; @v is reordered. */
double stats_median(double *v, size_t n);
/* The @q quantile (0..1) of @n values sorted ascending. */
double stats_percentile(const double *sorted, size_t n, double q);
/* qsort() order of doubles, ascending. */
int stats_cmp_double(const void *a, const void *b);

/* Median of @n values (0 for none), @v left as it was. */
double stats_median_copy(const double *v, size_t n);

#endif
