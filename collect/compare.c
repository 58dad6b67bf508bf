// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate --compare: is NEW slower than BASE, phase by phase,
 * beyond what the cycles' noise explains.
 *
 * The rule (docs/metrics.md, "Comparing two sweeps"), per board, page
 * size and phase: each cycle of NEW is paired with BASE's cycle of the
 * same number at the same point; the one-sided p-values come from the
 * exact permutation test that swaps the labels of each pair, on the
 * signed ranks of their log ratios (Wilcoxon's signed-rank test), and
 * the effect is their Hodges-Lehmann ratio. A phase is slower when
 * p < 0.05 / (phases compared) and the ratio exceeds the method's
 * minimum effect.
 * Whatever is simulated (power, intervals) is seeded: the same input
 * gives the same output. Everything is read by column name.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "csv.h"
#include "mem.h"
#include "noise.h"
#include "signed_rank.h"
#include "stats.h"
#include "sweeps.h"
#include "text.h"

#define BOOT_DRAWS	2000	/* bootstrap draws for the intervals */

/*
 * The smallest change that counts, per clock. Under TCG the guest's
 * clocks run at the host's pace, and the host's load drifts between
 * two sweeps: that moves every cycle of a sweep alike, so no cycle
 * statistic can tell it from a change of the kernel. Two sweeps of one
 * kernel, one right after the other, drifted by up to 7% in the guest's
 * own clocks (create 7% at p = 0.003, finish 7%, populate 6%) and by 11%
 * in the printk marker; against a kernel slowed in preserve only,
 * populate moved 9%: the floors stand well above that and below the
 * 25% that must be caught. The host's serial timestamps and the printk
 * marker around the reboot path's console flushing are noisier than the
 * clocks around the work itself.
 */
static const struct {
	const char *method;
	double min;
} min_effects[] = {
	{ "user", 0.15 },
	{ "kretprobe", 0.15 },
	{ "clock_boottime", 0.15 },
	{ "printk_marker", 0.20 },
	{ "host_serial", 0.20 },
};

#define MIN_EFFECT_OTHER 0.20

double compare_min_effect(const char *method)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(min_effects); i++)
		if (!strcmp(min_effects[i].method, method))
			return min_effects[i].min;
	return MIN_EFFECT_OTHER;
}

/* A point as the test sees it: per cycle number, each side's value. */
struct tpoint {
	size_t nc;
	long *cyc;
	double *y[2];		/* log ms per cycle; NAN: the side lacks it */
	double *w;		/* scratch */
	double med[2];		/* median ms of each side, every cycle */
	double d;		/* log(med[1] / med[0]) */
};

static double side_median(const struct side *s, double *w)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		w[i] = s->o[i].v;
	return stats_median(w, s->n);
}

static void tpoint_init(struct tpoint *t, const struct cpoint *pt)
{
	size_t most = pt->s[0].n + pt->s[1].n, i, c, k;
	int side;

	memset(t, 0, sizeof(*t));
	t->cyc = mem_need(calloc(most + 1, sizeof(long)));
	t->y[0] = mem_need(calloc(most + 1, sizeof(double)));
	t->y[1] = mem_need(calloc(most + 1, sizeof(double)));
	t->w = mem_need(calloc(2 * most + 1, sizeof(double)));
	for (side = 0; side < 2; side++)
		for (i = 0; i < pt->s[side].n; i++)
			noise_cycle_slot(t->cyc, &t->nc, pt->s[side].o[i].cycle);
	/* a cycle number seen twice on a side (two runs): their median */
	for (side = 0; side < 2; side++)
		for (c = 0; c < t->nc; c++) {
			for (i = k = 0; i < pt->s[side].n; i++)
				if (pt->s[side].o[i].cycle == t->cyc[c])
					t->w[k++] = pt->s[side].o[i].v;
			t->y[side][c] = k ? log(stats_median(t->w, k)) : NAN;
		}
	for (side = 0; side < 2; side++)
		t->med[side] = side_median(&pt->s[side], t->w);
	t->d = log(t->med[1]) - log(t->med[0]);
}

static void tpoint_free(struct tpoint *t)
{
	free(t->cyc);
	free(t->y[0]);
	free(t->y[1]);
	free(t->w);
}

/* The log ratios NEW / BASE of @t's cycles that both sides ran, into @d. */
static size_t tpoint_pairs(const struct tpoint *t, double *d)
{
	size_t c, n = 0;

	for (c = 0; c < t->nc; c++)
		if (!isnan(t->y[0][c]) && !isnan(t->y[1][c]))
			d[n++] = t->y[1][c] - t->y[0][c];
	return n;
}

/*
 * Decide @ph at @alpha: slower when the signed-rank test of the paired
 * cycles says so at @alpha and their Hodges-Lehmann ratio clears the
 * method's minimum effect. @d keeps the points for the caller
 * (decision_free).
 */
void compare_decide(struct cphase *ph, double alpha, int want_detectable,
		    struct decision *d)
{
	size_t p, c, n = 0, most = 0;
	struct twoway w[2];
	struct design g;
	struct noise nz;
	double *pairs;

	memset(d, 0, sizeof(*d));
	d->pt = mem_need(calloc(ph->npt + 1, sizeof(*d->pt)));
	for (p = 0; p < ph->npt; p++)
		if (ph->pt[p].s[0].n && ph->pt[p].s[1].n)
			d->pt[d->np++] = &ph->pt[p];
	d->min = compare_min_effect(ph->method);
	d->verdict = "same";
	d->p_slow = d->p_fast = 1;
	d->detectable = NAN;
	if (!d->np)
		return;
	d->t = mem_need(calloc(d->np, sizeof(*d->t)));
	for (p = 0; p < d->np; p++) {
		tpoint_init(&d->t[p], d->pt[p]);
		d->nb += d->pt[p]->s[0].n;
		d->nn += d->pt[p]->s[1].n;
		most += d->t[p].nc;
	}
	pairs = mem_need(calloc(most + 1, sizeof(double)));
	for (p = 0; p < d->np; p++)
		n += tpoint_pairs(&d->t[p], pairs + n);
	d->pairs = n;
	signed_rank_test(pairs, n, &d->p_slow, &d->p_fast);
	d->stat = signed_rank_hodges_lehmann(pairs, n, 0.025, &d->lo, &d->hi, NULL);
	free(pairs);
	if (want_detectable) {
		noise_twoway_fit(&w[0], d->pt, d->np, 0);
		noise_twoway_fit(&w[1], d->pt, d->np, 1);
		noise_init(&nz, w, 2);
		memset(&g, 0, sizeof(g));
		for (p = 0; p < d->np; p++)
			for (c = 0; c < d->t[p].nc; c++)
				noise_design_add(&g, p, d->t[p].cyc[c],
						 (isnan(d->t[p].y[0][c]) ? 0 : 1) |
						 (isnan(d->t[p].y[1][c]) ? 0 : 2));
		d->detectable = noise_detectable(&g, &nz, alpha, d->min);
		free(g.c);
		noise_free(&nz);
		noise_twoway_free(&w[0]);
		noise_twoway_free(&w[1]);
	}
	if (d->p_slow < alpha && d->stat > log1p(d->min))
		d->verdict = "slower";
	else if (d->p_fast < alpha && d->stat < -log1p(d->min))
		d->verdict = "faster";
}

void compare_decision_free(struct decision *d)
{
	size_t p;

	for (p = 0; d->t && p < d->np; p++)
		tpoint_free(&d->t[p]);
	free(d->t);
	free(d->pt);
}

/*
 * log(median NEW / median BASE) of a bootstrap draw of @t: its cycle
 * numbers drawn with replacement, each bringing both sides' values
 * along, so that what a cycle number does to both sides stays out of
 * the interval as it stays out of the test.
 */
static double tpoint_boot(struct tpoint *t, struct rng *r)
{
	double *w[2] = { t->w, t->w + t->nc };
	size_t k, n[2], tries;
	int side;

	for (tries = 0; tries < 100; tries++) {
		n[0] = n[1] = 0;
		for (k = 0; k < t->nc; k++) {
			size_t c = stats_rng_below(r, t->nc);

			for (side = 0; side < 2; side++)
				if (!isnan(t->y[side][c]))
					w[side][n[side]++] = exp(t->y[side][c]);
		}
		if (n[0] && n[1])
			return log(stats_median(w[1], n[1]) / stats_median(w[0], n[0]));
	}
	return t->d;		/* no cycle number holds both sides */
}

/* Bootstrap draws of each point's statistic. */
static void bootstrap(struct decision *d, uint64_t seed, double *per_point)
{
	struct rng r;
	size_t b, p;

	stats_rng_seed(&r, seed);
	for (b = 0; b < BOOT_DRAWS; b++)
		for (p = 0; p < d->np; p++)
			per_point[p * BOOT_DRAWS + b] = tpoint_boot(&d->t[p], &r);
}

static void interval(double *draws, double *lo, double *hi)
{
	qsort(draws, BOOT_DRAWS, sizeof(double), stats_cmp_double);
	*lo = exp(stats_percentile(draws, BOOT_DRAWS, 0.025));
	*hi = exp(stats_percentile(draws, BOOT_DRAWS, 0.975));
}

static void compare_rows(struct cphase *ph, struct decision *d)
{
	double *pp = mem_need(malloc(d->np * BOOT_DRAWS * sizeof(double)));
	double lo, hi, up, down;
	size_t p;

	bootstrap(d, sweeps_phase_seed(ph), pp);
	printf("%s,%s,%s,%s,all,all,all,all,%zu,%zu,,", ph->board,
	       ph->page_size, ph->phase, ph->method, d->nb, d->nn);
	csv_put(",%.3f", exp(d->stat));
	csv_put(",%.3f", exp(d->lo));
	csv_put(",%.3f", exp(d->hi));
	csv_put(",%.3g", d->stat >= 0 ? d->p_slow : d->p_fast);
	csv_put(",%.2f", d->min);
	csv_put(",%.3f", d->detectable);
	printf(",%s\n", d->verdict);
	for (p = 0; p < d->np; p++) {
		struct cpoint *pt = d->pt[p];
		struct tpoint *t = &d->t[p];
		double ratio = exp(t->d), *pairs;
		const char *verdict = "same";

		pairs = mem_need(calloc(t->nc + 1, sizeof(double)));
		signed_rank_test(pairs, tpoint_pairs(t, pairs), &up, &down);
		free(pairs);
		interval(pp + p * BOOT_DRAWS, &lo, &hi);
		/* informational: the interval clear of 1, beyond the minimum */
		if (lo > 1 && ratio > 1 + d->min)
			verdict = "slower";
		else if (hi < 1 && ratio < 1 / (1 + d->min))
			verdict = "faster";
		printf("%s,%s,%s,%s,%s,%s,%s,%s,%zu,%zu", ph->board,
		       ph->page_size, ph->phase, ph->method, pt->sessions,
		       pt->files, pt->pages, pt->blocks, pt->s[0].n, pt->s[1].n);
		csv_put(",%.3f", t->med[0]);
		csv_put(",%.3f", t->med[1]);
		csv_put(",%.3f", ratio);
		csv_put(",%.3f", lo);
		csv_put(",%.3f", hi);
		csv_put(",%.3g", t->d >= 0 ? up : down);
		csv_put(",%.2f", d->min);
		printf(",,%s\n", verdict);
	}
	free(pp);
}

/* Whether both sides measured @ph at a common point; says so if not. */
static int comparable(const struct cphase *ph, int quiet)
{
	size_t p;
	int in[2] = { 0, 0 };

	for (p = 0; p < ph->npt; p++) {
		in[0] |= ph->pt[p].s[0].n > 0;
		in[1] |= ph->pt[p].s[1].n > 0;
		if (ph->pt[p].s[0].n && ph->pt[p].s[1].n)
			return 1;
	}
	if (!quiet)
		fprintf(stderr, "luo-aggregate: %s %s/%s (%s) %s: not compared\n",
			ph->phase, ph->board, ph->page_size, ph->method,
			in[0] && in[1] ? "at no common point" :
			in[0] ? "only in BASE" : "only in NEW");
	return 0;
}

int compare_sweeps(const char *base_path, const char *new_path)
{
	struct phases all = { 0 };
	size_t i, k = 0;
	double alpha;
	int slower = 0;

	sweeps_load(base_path, 0, &all);
	sweeps_load(new_path, 1, &all);
	sweeps_sort(&all);
	for (i = 0; i < all.n; i++)
		k += comparable(&all.ph[i], 0);
	if (!k) {
		fprintf(stderr, "luo-aggregate: %s and %s share no phase at a common point\n",
			base_path, new_path);
		exit(3);
	}
	alpha = COMPARE_FAMILY_ALPHA / k;
	printf("board,page_size,phase,method,sessions,files,pages,blocks,base_n,new_n,base_median,new_median,ratio,ratio_lo,ratio_hi,p_value,min_effect,detectable,verdict\n");
	for (i = 0; i < all.n; i++) {
		struct decision d;

		if (!comparable(&all.ph[i], 1))
			continue;
		compare_decide(&all.ph[i], alpha, 1, &d);
		slower += !strcmp(d.verdict, "slower");
		compare_rows(&all.ph[i], &d);
		compare_decision_free(&d);
	}
	sweeps_free(&all);
	fprintf(stderr, "luo-aggregate: %d phases slower beyond noise (%zu compared, each at p < %.2g: family-wise false-alarm rate %.2f)\n",
		slower, k, alpha, COMPARE_FAMILY_ALPHA);
	return slower ? 1 : 0;
}
