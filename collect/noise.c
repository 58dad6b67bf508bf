// SPDX-License-Identifier: GPL-2.0
/*
 * A phase's noise and what the comparison rule can detect under it:
 * log times fitted as point level plus cycle number effect (twoway),
 * the residuals of both sides pooled (noise), and the rule's power
 * over a design of cells, simulated from the measured residuals
 * (power, detectable). Seeded: the same input gives the same output.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "noise.h"
#include "signed_rank.h"
#include "stats.h"
#include "sweeps.h"

#define SIMS		400	/* simulated pairs of sweeps per power */

size_t noise_cycle_slot(long *cyc, size_t *n, long cycle)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (cyc[i] == cycle)
			return i;
	cyc[(*n)++] = cycle;
	return i;
}

void noise_twoway_fit(struct twoway *w, struct cpoint **pt, size_t np,
		      int side)
{
	size_t p, i, c, n = 0, iter;
	double *sum, *cnt;
	int cycles;

	memset(w, 0, sizeof(*w));
	w->np = np;
	w->a = mem_need(calloc(np + 1, sizeof(double)));
	for (p = 0; p < np; p++)
		n += pt[p]->s[side].n;
	w->cyc = mem_need(calloc(n + 1, sizeof(long)));
	w->b = mem_need(calloc(n + 1, sizeof(double)));
	w->res = mem_need(calloc(n + 1, sizeof(double)));
	for (p = 0; p < np; p++)
		for (i = 0; i < pt[p]->s[side].n; i++)
			noise_cycle_slot(w->cyc, &w->nc, pt[p]->s[side].o[i].cycle);
	/* from here on every cycle number is in: noise_cycle_slot() only finds */
	sum = mem_need(calloc(w->nc + 1, sizeof(double)));
	cnt = mem_need(calloc(w->nc + 1, sizeof(double)));
	cycles = (long)n - (long)np - (long)w->nc + 1 > 0;
	w->df = cycles ? (long)n - (long)np - (long)w->nc + 1 : (long)n - (long)np;
	for (iter = 0; iter < (cycles ? 200 : 1); iter++) {
		for (p = 0; p < np; p++) {
			double s = 0;

			for (i = 0; i < pt[p]->s[side].n; i++) {
				c = noise_cycle_slot(w->cyc, &w->nc, pt[p]->s[side].o[i].cycle);
				s += log(pt[p]->s[side].o[i].v) - w->b[c];
			}
			w->a[p] = s / pt[p]->s[side].n;
		}
		if (!cycles)
			break;
		memset(sum, 0, w->nc * sizeof(double));
		memset(cnt, 0, w->nc * sizeof(double));
		for (p = 0; p < np; p++) {
			for (i = 0; i < pt[p]->s[side].n; i++) {
				c = noise_cycle_slot(w->cyc, &w->nc, pt[p]->s[side].o[i].cycle);
				sum[c] += log(pt[p]->s[side].o[i].v) - w->a[p];
				cnt[c]++;
			}
		}
		for (c = 0; c < w->nc; c++)
			w->b[c] = sum[c] / cnt[c];
	}
	free(sum);
	free(cnt);
	for (p = 0; p < np; p++) {
		for (i = 0; i < pt[p]->s[side].n; i++) {
			double r;

			c = noise_cycle_slot(w->cyc, &w->nc, pt[p]->s[side].o[i].cycle);
			r = log(pt[p]->s[side].o[i].v) - w->a[p] - w->b[c];
			w->ss += r * r;
			w->res[w->nres++] = r;
		}
	}
	for (i = 0; w->df > 0 && i < w->nres; i++)
		w->res[i] *= sqrt((double)w->nres / w->df);
}

void noise_twoway_free(struct twoway *w)
{
	free(w->cyc);
	free(w->a);
	free(w->b);
	free(w->res);
}

void noise_init(struct noise *nz, struct twoway *w, size_t nw)
{
	size_t k, i, c, most = 0;
	double ss = 0, *cnt;
	long df = 0;

	memset(nz, 0, sizeof(*nz));
	for (k = 0; k < nw; k++)
		most += w[k].nc + w[k].nres;
	nz->cyc = mem_need(calloc(most + 1, sizeof(long)));
	nz->b = mem_need(calloc(most + 1, sizeof(double)));
	nz->res = mem_need(calloc(most + 1, sizeof(double)));
	cnt = mem_need(calloc(most + 1, sizeof(double)));
	for (k = 0; k < nw; k++) {
		if (w[k].df <= 0)
			continue;
		ss += w[k].ss;
		df += w[k].df;
		for (i = 0; i < w[k].nres; i++)
			nz->res[nz->nres++] = w[k].res[i];
		for (i = 0; i < w[k].nc; i++) {
			c = noise_cycle_slot(nz->cyc, &nz->nc, w[k].cyc[i]);
			nz->b[c] += w[k].b[i];
			cnt[c]++;
		}
	}
	for (c = 0; c < nz->nc; c++)
		nz->b[c] /= cnt[c];
	free(cnt);
	nz->sd = df > 0 ? sqrt(ss / df) : NAN;
}

void noise_free(struct noise *nz)
{
	free(nz->cyc);
	free(nz->b);
	free(nz->res);
}

/*
 * The effect of cycle @c; a cycle the sweep did not run takes that of
 * its last cycle after the first of the same parity (the shmem THP
 * policy alternates), else its last.
 */
double noise_b(const struct noise *nz, long c)
{
	long best = -1;
	size_t i, at = 0;

	for (i = 0; i < nz->nc; i++) {
		if (nz->cyc[i] == c)
			return nz->b[i];
		if (nz->cyc[i] > best && (nz->cyc[i] - c) % 2 == 0 &&
		    nz->cyc[i] > 1) {
			best = nz->cyc[i];
			at = i;
		}
	}
	if (best < 0) {
		for (i = 0; i < nz->nc; i++)
			if (nz->cyc[i] > best) {
				best = nz->cyc[i];
				at = i;
			}
	}
	return best < 0 ? 0 : nz->b[at];
}

/* --- what the rule can detect --- */

void noise_design_add(struct design *g, size_t point, long cycle, int has)
{
	MEM_GROW(g->c, g->n, g->cap);
	g->c[g->n++] = (struct cell){ point, cycle, has };
	g->pairs += has == 3;
	if (point + 1 > g->np)
		g->np = point + 1;
}

/*
 * How often the rule flags NEW slower when it is by exp(@delta) and
 * otherwise differs from BASE by the noise @nz alone: SIMS pairs of
 * sweeps of design @g, each cycle a residual drawn from the measured
 * ones on top of its point's level and cycle number's effect (which the
 * pairs' ratios cancel). The same draws for every @delta, so that the
 * power grows smoothly with it.
 */
double noise_power(const struct design *g, const struct noise *nz,
		   double delta, double alpha, double min)
{
	double *d = mem_need(calloc(g->n + 1, sizeof(double))), up, down;
	long flagged = 0;
	size_t s, i, nd;
	struct rng r;

	stats_rng_seed(&r, STATS_SEED ^ 0x90e5);
	for (s = 0; s < SIMS; s++) {
		double stat;

		for (i = nd = 0; i < g->n; i++) {
			double base = nz->res[stats_rng_below(&r, nz->nres)];
			double new = nz->res[stats_rng_below(&r, nz->nres)] + delta;

			if (g->c[i].has == 3)
				d[nd++] = new - base;
		}
		stat = signed_rank_hodges_lehmann(d, nd, 0, NULL, NULL, &r);
		signed_rank_test(d, nd, &up, &down);
		flagged += nd && up < alpha && stat > log1p(min);
	}
	free(d);
	return (double)flagged / SIMS;
}

/*
 * The smallest change the rule flags with probability NOISE_POWER, given the
 * noise @nz: infinite when no change would do (too few pairs of cycles
 * for @alpha, or above a thousandfold), NAN when the noise is unknown.
 */
double noise_detectable(const struct design *g, const struct noise *nz,
			double alpha, double min)
{
	double lo = 0, hi = 0.05;
	int i;

	if (isnan(nz->sd) || !nz->nres || !g->np)
		return NAN;
	if (g->pairs * log(2) <= -log(alpha))
		return INFINITY;
	while (noise_power(g, nz, hi, alpha, min) < NOISE_POWER) {
		lo = hi;
		hi *= 2;
		if (hi > log(1000))
			return INFINITY;
	}
	for (i = 0; i < 12; i++) {
		double mid = (lo + hi) / 2;

		if (noise_power(g, nz, mid, alpha, min) >= NOISE_POWER)
			hi = mid;
		else
			lo = mid;
	}
	return expm1(hi);
}

/* @np points with cycles 1 .. @n on both sides. */
void noise_design_full(struct design *g, size_t np, size_t n)
{
	size_t p, c;

	memset(g, 0, sizeof(*g));
	for (p = 0; p < np; p++)
		for (c = 1; c <= n; c++)
			noise_design_add(g, p, c, 3);
}
