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

/* splitmix64: small, fast, and the same sequence on every machine. */
struct rng {
	uint64_t s;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n). */
size_t rng_below(struct rng *r, size_t n);

/* FNV-1a of @s mixed into @h: seeds derived from names. */
uint64_t hash_str(uint64_t h, const char *s);

double norm_cdf(double x);
/* x with norm_cdf(x) = p, 0 < p < 1. */
double norm_quantile(double p);
/* P(T <= t) for Student's t with @df degrees of freedom. */
double t_cdf(double t, double df);
/* t with t_cdf(t, df) = p, 0 < p < 1. */
double t_quantile(double p, double df);

/* Median of @n values; @v is reordered. */
double median(double *v, size_t n);
/* The @q quantile (0..1) of @n values sorted ascending. */
double percentile(const double *sorted, size_t n, double q);
int cmp_double(const void *a, const void *b);

#endif
