// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate --compare: is NEW slower than BASE, phase by phase,
 * beyond what the cycles' noise explains.
 *
 * The rule (docs/metrics.md, "Comparing two kernels"), per board, page
 * size and phase: each unit of NEW is paired with BASE's (pairing.c: an
 * interleaved comparison's runs by their order in time and cycle, each
 * value against its cycle's machine control; two sweeps' cycles by
 * number); the one-sided p-values come from the exact permutation test
 * that swaps the labels of each pair, on the signed ranks of their log
 * ratios (Wilcoxon's signed-rank test), and the effect is their
 * Hodges-Lehmann ratio. A phase is slower when p < 0.05 / (phases
 * compared, the control not among them) and the ratio exceeds the
 * method's minimum effect; a point only under a phase decided so. Two
 * sweeps whose control drifted apart get no verdict (drift.c).
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
#include "drift.h"
#include "noise.h"
#include "pairing.h"
#include "signed_rank.h"
#include "stats.h"
#include "sweeps.h"
#include "text.h"

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

/* A point as the test sees it: its units, each side's value per unit. */
struct tpoint {
	struct units u;
	double med[2];		/* median ms of each side, every cycle */
	double sd[2];		/* each side's standard deviation, % of mean */
};

static double side_median(const struct side *s, double *w)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		w[i] = s->o[i].v;
	return stats_median(w, s->n);
}

/* The standard deviation of @s's values, as a percentage of their mean. */
static double side_sd_pct(const struct side *s)
{
	double m = 0, ss = 0;
	size_t i;

	if (s->n < 2)
		return NAN;
	for (i = 0; i < s->n; i++)
		m += s->o[i].v;
	m /= s->n;
	for (i = 0; i < s->n; i++)
		ss += (s->o[i].v - m) * (s->o[i].v - m);
	return m > 0 ? 100 * sqrt(ss / (s->n - 1)) / m : NAN;
}

static void tpoint_init(struct tpoint *t, const struct pairing *pg,
			const struct cphase *ph, const struct cpoint *pt)
{
	double *w = mem_need(calloc(pt->s[0].n + pt->s[1].n + 1, sizeof(double)));
	int side;

	memset(t, 0, sizeof(*t));
	pairing_units(pg, ph, pt, &t->u);
	for (side = 0; side < 2; side++) {
		t->med[side] = side_median(&pt->s[side], w);
		t->sd[side] = side_sd_pct(&pt->s[side]);
	}
	free(w);
}

static void tpoint_free(struct tpoint *t)
{
	pairing_units_free(&t->u);
}

/*
 * The phase's "± %stddev" of each side: the root mean square of its
 * points' (a point's size sets its level, not its spread).
 */
static void pooled_sd(struct decision *d)
{
	size_t p, n[2] = { 0, 0 };
	double ss[2] = { 0, 0 };
	int side;

	for (p = 0; p < d->np; p++)
		for (side = 0; side < 2; side++)
			if (!isnan(d->t[p].sd[side])) {
				ss[side] += d->t[p].sd[side] * d->t[p].sd[side];
				n[side]++;
			}
	for (side = 0; side < 2; side++)
		d->sd[side] = n[side] ? sqrt(ss[side] / n[side]) : NAN;
}

/*
 * Decide @ph at @alpha: slower when the signed-rank test of the paired
 * units says so at @alpha and their Hodges-Lehmann ratio clears the
 * method's minimum effect. Units pair under @pg (NULL: by cycle
 * number). @d keeps the points for the caller (decision_free).
 */
void compare_decide(struct cphase *ph, const struct pairing *pg,
		    double alpha, double tail, int want_detectable,
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
	d->tail = tail;
	d->p_slow = d->p_fast = 1;
	d->detectable = NAN;
	d->stat = d->lo = d->hi = NAN;
	d->sd[0] = d->sd[1] = NAN;
	if (!d->np)
		return;
	d->t = mem_need(calloc(d->np, sizeof(*d->t)));
	for (p = 0; p < d->np; p++) {
		tpoint_init(&d->t[p], pg, ph, d->pt[p]);
		d->nb += d->pt[p]->s[0].n;
		d->nn += d->pt[p]->s[1].n;
		most += d->t[p].u.n;
	}
	pooled_sd(d);
	pairs = mem_need(calloc(most + 1, sizeof(double)));
	for (p = 0; p < d->np; p++)
		n += pairing_diffs(&d->t[p].u, pairs + n);
	d->pairs = n;
	signed_rank_test(pairs, n, &d->p_slow, &d->p_fast);
	if (n)
		d->stat = signed_rank_hodges_lehmann(pairs, n, tail, &d->lo,
						     &d->hi, NULL);
	free(pairs);
	if (!n)
		return;
	if (want_detectable) {
		noise_twoway_fit(&w[0], d->pt, d->np, 0);
		noise_twoway_fit(&w[1], d->pt, d->np, 1);
		noise_init(&nz, w, 2);
		memset(&g, 0, sizeof(g));
		for (p = 0; p < d->np; p++)
			for (c = 0; c < d->t[p].u.n; c++)
				noise_design_add(&g, p,
						 d->t[p].u.key[c] % PAIRING_KEY,
						 (isnan(d->t[p].u.y[0][c]) ? 0 : 1) |
						 (isnan(d->t[p].u.y[1][c]) ? 0 : 2));
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
 * A point's verdict: only a phase decided slower (or faster) flags its
 * points, those whose own ratio clears the minimum effect. A point of a
 * phase that is not flagged is never flagged, so points add no false
 * alarm to the phases' rate; the point's interval is information (with
 * 3 cycles no interval of a point can lie clear of 1).
 */
static const char *point_verdict(const struct decision *d, double ratio)
{
	if (!strcmp(d->verdict, "slower") && ratio > 1 + d->min)
		return "slower";
	if (!strcmp(d->verdict, "faster") && ratio < 1 / (1 + d->min))
		return "faster";
	if (!strcmp(d->verdict, "withheld") || !strcmp(d->verdict, "control"))
		return d->verdict;
	return "same";
}

/* %change, and each side's ± %stddev, of a row (kernel test robot's). */
static void robot_cells(double ratio, const double sd[2])
{
	csv_put(",%.1f", 100 * (ratio - 1));
	csv_put(",%.1f", sd[0]);
	csv_put(",%.1f", sd[1]);
}

static void compare_rows(struct cphase *ph, const struct pairing *pg,
			 struct decision *d)
{
	double lo = NAN, hi = NAN, up, down, est = NAN, *pairs;
	size_t p, n;

	printf("%s,%s,%s,%s,all,all,all,all,%zu,%zu,,", ph->board,
	       ph->page_size, ph->phase, ph->method, d->nb, d->nn);
	csv_put(",%.3f", exp(d->stat));
	csv_put(",%.3f", exp(d->lo));
	csv_put(",%.3f", exp(d->hi));
	csv_put(",%.3g", d->stat >= 0 ? d->p_slow : d->p_fast);
	csv_put(",%.2f", d->min);
	csv_put(",%.3f", d->detectable);
	printf(",%s,%zu", d->verdict, d->pairs);
	robot_cells(exp(d->stat), d->sd);
	printf(",%s,%s,all,all,all\n", pg && pg->interleaved ? "time" : "cycle",
	       pairing_against_control(pg, ph) ? "control" : "measured");
	/* each point by the phase's own statistic, on its units alone */
	for (p = 0; p < d->np; p++) {
		struct cpoint *pt = d->pt[p];
		struct tpoint *t = &d->t[p];

		pairs = mem_need(calloc(t->u.n + 1, sizeof(double)));
		n = pairing_diffs(&t->u, pairs);
		signed_rank_test(pairs, n, &up, &down);
		if (n)
			est = signed_rank_hodges_lehmann(pairs, n, d->tail, &lo,
							 &hi, NULL);
		free(pairs);
		printf("%s,%s,%s,%s,%s,%s,%s,%s,%zu,%zu", ph->board,
		       ph->page_size, ph->phase, ph->method, pt->sessions,
		       pt->files, pt->pages, pt->blocks, pt->s[0].n, pt->s[1].n);
		csv_put(",%.3f", t->med[0]);
		csv_put(",%.3f", t->med[1]);
		csv_put(",%.3f", exp(est));
		csv_put(",%.3f", exp(lo));
		csv_put(",%.3f", exp(hi));
		csv_put(",%.3g", est >= 0 ? up : down);
		csv_put(",%.2f", d->min);
		printf(",,%s,%zu",
		       point_verdict(d, exp(est)), n);
		robot_cells(exp(est), t->sd);
		printf(",%s,%s,%s,%s,%s\n",
		       pg && pg->interleaved ? "time" : "cycle",
		       pairing_against_control(pg, ph) ? "control" : "measured",
		       pt->variant[0], pt->variant[1], pt->variant[2]);
	}
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

int compare_sweeps(const char *base_path, const char *new_path,
		   const char *drift_path, double tail)
{
	struct pairing pg = { 0, NULL };
	struct phases all = { 0 };
	struct drifts dr = { 0 };
	size_t i, k = 0;
	int slower = 0, withheld = 0;
	double alpha;
	FILE *df;

	sweeps_load(base_path, 0, &all);
	sweeps_load(new_path, 1, &all);
	sweeps_sort(&all);
	pg.interleaved = pairing_interleaved(&all);
	/* interleaved: every phase against its cycle's control (drift.c) */
	if (pg.interleaved)
		pg.all = &all;
	drift_assess(&all, &pg, &dr);
	for (i = 0; i < all.n; i++)
		if (!sweeps_is_control(&all.ph[i]))
			k += comparable(&all.ph[i], 0);
	if (!k) {
		fprintf(stderr, "luo-aggregate: %s and %s share no phase at a common point\n",
			base_path, new_path);
		exit(3);
	}
	alpha = COMPARE_FAMILY_ALPHA / k;
	printf("board,page_size,phase,method,sessions,files,pages,blocks,base_n,new_n,base_median,new_median,ratio,ratio_lo,ratio_hi,p_value,min_effect,detectable,verdict,pairs,change_pct,base_stddev_pct,new_stddev_pct,paired_by,against,%s,%s,%s\n",
	       csv_variant_cols[0], csv_variant_cols[1], csv_variant_cols[2]);
	for (i = 0; i < all.n; i++) {
		const struct drift *g = drift_of(&dr, &all.ph[i]);
		struct decision d;

		if (!comparable(&all.ph[i], 1))
			continue;
		compare_decide(&all.ph[i], &pg, alpha, tail,
			       !sweeps_is_control(&all.ph[i]), &d);
		if (sweeps_is_control(&all.ph[i]))
			d.verdict = "control";
		else if (g && !strcmp(g->action, "withheld"))
			d.verdict = "withheld";
		slower += !strcmp(d.verdict, "slower");
		withheld |= !strcmp(d.verdict, "withheld");
		compare_rows(&all.ph[i], &pg, &d);
		compare_decision_free(&d);
	}
	for (i = 0; i < dr.n; i++)
		fprintf(stderr, "luo-aggregate: %s\n", dr.d[i].said);
	fprintf(stderr, "luo-aggregate: %d phases slower beyond noise (%zu compared, each at p < %.2g: family-wise false-alarm rate %.2f)%s\n",
		slower, k, alpha, COMPARE_FAMILY_ALPHA,
		withheld ? "; verdict withheld: the machine drifted" : "");
	if (drift_path) {
		df = fopen(drift_path, "w");
		if (!df) {
			perror(drift_path);
			exit(3);
		}
		drift_print_csv(&dr, df);
		if (fclose(df)) {
			perror(drift_path);
			exit(3);
		}
	}
	drift_free(&dr);
	sweeps_free(&all);
	if (slower)
		return 1;
	return withheld ? COMPARE_WITHHELD : 0;
}
