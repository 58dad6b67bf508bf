// SPDX-License-Identifier: GPL-2.0
/*
 * Wilcoxon's signed-rank test and Hodges and Lehmann's estimate of
 * paired log ratios, the statistics of luo-aggregate's comparison
 * rule: exact p-values up to EXACT_PAIRS pairs, the normal
 * approximation beyond.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "signed_rank.h"
#include "stats.h"

#define EXACT_PAIRS	50	/* exact signed-rank p-values up to */
#define WALSH_MAX	2000	/* Walsh averages a simulation draws at most */

/*
 * Null distribution of the signed-rank sum of @n differences whose
 * ranks, doubled so that the midranks of ties are integers, are @r2:
 * each difference positive or negative alike (BASE and NEW labels of a
 * pair swapped or not). Returns P(W = w) for w = 0 .. sum(r2).
 */
static double *signed_rank_dist(const int *r2, size_t n, size_t *top)
{
	size_t i, w, cur = 0;
	double *dist;

	for (i = 0, *top = 0; i < n; i++)
		*top += r2[i];
	dist = mem_need(calloc(*top + 1, sizeof(double)));
	dist[0] = 1;
	for (i = 0; i < n; i++) {
		size_t r = r2[i];

		for (w = cur + r + 1; w-- > 0;)
			dist[w] = 0.5 * (w <= cur ? dist[w] : 0) +
				  0.5 * (w >= r ? dist[w - r] : 0);
		cur += r;
	}
	return dist;
}

static int cmp_abs(const void *a, const void *b)
{
	double x = fabs(*(const double *)a), y = fabs(*(const double *)b);

	return x < y ? -1 : x > y;
}

/* The null distribution of @n untied ranks, each kept once made. */
static const double *untied_dist(size_t n, size_t *top)
{
	static double *cache[EXACT_PAIRS + 1];
	size_t i;
	int *r2;

	*top = n * (n + 1);
	if (cache[n])
		return cache[n];
	r2 = mem_need(calloc(n + 1, sizeof(int)));
	for (i = 0; i < n; i++)
		r2[i] = 2 * (i + 1);
	cache[n] = signed_rank_dist(r2, n, top);
	free(r2);
	return cache[n];
}

/*
 * One-sided p-values of Wilcoxon's signed-rank test of @n paired log
 * ratios @d: @up for NEW slower, @down for faster. Exact (the
 * distribution over every swap of the pairs' labels) up to EXACT_PAIRS
 * pairs, the normal approximation beyond; zeros are left out, ties get
 * midranks.
 */
void signed_rank_test(const double *d, size_t n, double *up, double *down)
{
	double *x = mem_need(calloc(n + 1, sizeof(*x)));
	int *r2 = mem_need(calloc(n + 1, sizeof(int)));
	size_t i, j, k, m = 0, top, w = 0;
	double mean = 0, var = 0, *own = NULL;
	const double *dist;
	int ties = 0;

	for (i = 0; i < n; i++)
		if (fabs(d[i]) > 1e-12)
			x[m++] = d[i];
	qsort(x, m, sizeof(*x), cmp_abs);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && fabs(x[j]) - fabs(x[i]) <=
		     1e-9 * fabs(x[i]); j++)
			;
		ties |= j - i > 1;
		for (k = i; k < j; k++) {
			r2[k] = i + j + 1;	/* twice the midrank, from 1 */
			w += x[k] > 0 ? r2[k] : 0;
			mean += r2[k] / 2.0;
			var += r2[k] * (double)r2[k] / 4;
		}
	}
	*up = *down = 1;
	if (m > EXACT_PAIRS) {
		/* continuity: half a step of the doubled sum without ties */
		*up = 1 - stats_norm_cdf((w - mean - 1) / sqrt(var));
		*down = stats_norm_cdf((w - mean + 1) / sqrt(var));
	} else if (m) {
		dist = ties ? (own = signed_rank_dist(r2, m, &top)) :
		       untied_dist(m, &top);
		for (*up = *down = 0, k = 0; k <= top; k++) {
			if (k >= w)
				*up += dist[k];
			if (k <= w)
				*down += dist[k];
		}
		free(own);
	}
	free(x);
	free(r2);
}

/* The @k-th smallest of @n values (from 0), by Wirth's selection. */
static double select_k(double *v, size_t n, size_t k)
{
	long l = 0, r = (long)n - 1, i, j, kk = (long)k;

	while (l < r) {
		double x = v[kk];

		i = l;
		j = r;
		do {
			while (v[i] < x)
				i++;
			while (x < v[j])
				j--;
			if (i <= j) {
				double t = v[i];

				v[i++] = v[j];
				v[j--] = t;
			}
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			r = j;
	}
	return v[kk];
}

/*
 * Hodges and Lehmann's estimate of the center of @n paired log ratios:
 * the median of the averages of every two of them (each with itself
 * too), the estimate that goes with the signed-rank test: one cycle
 * far off moves it little. With @lo and @hi, also its interval of
 * confidence 1 - 2 @tail (-inf, inf when the pairs are too few): the
 * Walsh averages the signed-rank distribution puts at its tails. With
 * @r and over WALSH_MAX averages, the median of WALSH_MAX drawn ones.
 */
double signed_rank_hodges_lehmann(const double *d, size_t n, double tail,
				  double *lo, double *hi, struct rng *r)
{
	size_t m = n * (n + 1) / 2, i, j, k = 0, top, c;
	double *w, mid;

	if (!n) {
		if (lo) {
			*lo = -INFINITY;
			*hi = INFINITY;
		}
		return NAN;
	}
	if (r && m > WALSH_MAX) {
		w = mem_need(calloc(WALSH_MAX, sizeof(double)));
		for (k = 0; k < WALSH_MAX; k++) {
			i = stats_rng_below(r, n);
			j = stats_rng_below(r, n);
			w[k] = (d[i] + d[j]) / 2;
		}
		mid = select_k(w, WALSH_MAX, WALSH_MAX / 2);
		free(w);
		return mid;
	}
	w = mem_need(calloc(m, sizeof(double)));
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			w[k++] = (d[i] + d[j]) / 2;
	mid = m % 2 ? select_k(w, m, m / 2) :
	      (select_k(w, m, m / 2 - 1) + select_k(w, m, m / 2)) / 2;
	if (lo) {
		/* c: the most Walsh averages left out below, P(W < c) <= tail */
		if (n > EXACT_PAIRS) {
			double sd = sqrt(n * (n + 1.0) * (2 * n + 1) / 24);

			c = (size_t)fmax(0, floor(m / 2.0 -
						  stats_norm_quantile(1 - tail) * sd));
		} else {
			const double *dist = untied_dist(n, &top);
			double below = 0;

			for (c = 0; below + dist[2 * c] <= tail; c++)
				below += dist[2 * c];
		}
		*lo = c ? select_k(w, m, c - 1) : -INFINITY;
		*hi = c ? select_k(w, m, m - c) : INFINITY;
	}
	free(w);
	return mid;
}
