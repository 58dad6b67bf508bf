// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate --cycles-for and --simulate: how many cycles a sweep
 * needs for the comparison rule to catch a change of a given size, from
 * one or two sweeps' measured noise, and how often the rule flags a
 * simulated pair of sweeps with that change. Seeded: the same input
 * gives the same output.
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
#include "sensitivity.h"
#include "stats.h"
#include "sweeps.h"
#include "text.h"

#define SENS_MAX_CYCLES	100	/* --cycles-for gives up beyond */
#define STR_(x)		#x
#define STR(x)		STR_(x)

static double parse_fraction(const char *s, const char *what)
{
	double x;

	if (text_parse_double(s, NULL, &x) || x <= 0 || x > 100) {
		fprintf(stderr, "luo-aggregate: %s '%s': give a fraction such as 0.25\n",
			what, s);
		exit(3);
	}
	return x;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Points of @ph's @side and the median number of cycles at them. */
static size_t sweep_points(struct cphase *ph, int side, struct cpoint **pt,
			   size_t *cyc)
{
	size_t p, np = 0, *n = mem_need(calloc(ph->npt + 1, sizeof(size_t)));

	for (p = 0; p < ph->npt; p++)
		if (ph->pt[p].s[side].n)
			pt[np++] = &ph->pt[p];
	for (p = 0; p < np; p++)
		n[p] = pt[p]->s[side].n;
	qsort(n, np, sizeof(size_t), cmp_size);
	*cyc = np ? n[np / 2] : 0;
	free(n);
	return np;
}

/*
 * The noise of @ph in the sweep loaded as side 0, pooled with the second
 * sweep of the same kernel loaded as side 1 if there is one; its points
 * (side 0's) in @pt, their median cycles in @now.
 */
static size_t sweep_noise(struct cphase *ph, struct cpoint **pt, size_t *now,
			  struct twoway *w, struct noise *nz)
{
	struct cpoint **pt1 = mem_need(calloc(ph->npt + 1, sizeof(*pt1)));
	size_t np = sweep_points(ph, 0, pt, now), np1, n1;

	np1 = sweep_points(ph, 1, pt1, &n1);
	noise_twoway_fit(&w[0], pt, np, 0);
	noise_twoway_fit(&w[1], pt1, np1, 1);
	noise_init(nz, w, 2);
	free(pt1);
	return np;
}

/* Whether two sweeps of @np points and @n cycles catch exp(@delta). */
static int enough(const struct noise *nz, size_t np, size_t n, double delta,
		  double alpha, double min)
{
	struct design g;
	int ok;

	noise_design_full(&g, np, n);
	ok = g.pairs * log(2) > -log(alpha) &&
	     noise_power(&g, nz, delta, alpha, min) >= NOISE_POWER;
	free(g.c);
	return ok;
}

/* What two sweeps of @np points and @n cycles each detect. */
static double detectable_n(const struct noise *nz, size_t np, size_t n,
			   double alpha, double min)
{
	struct design g;
	double x;

	noise_design_full(&g, np, n);
	x = noise_detectable(&g, nz, alpha, min);
	free(g.c);
	return x;
}

/*
 * The fewest cycles per point with which two sweeps of @np points, with
 * noise @nz, catch a change of exp(@delta); SENS_MAX_CYCLES + 1 if none.
 */
static size_t cycles_needed(const struct noise *nz, size_t np, double delta,
			    double alpha, double min)
{
	size_t lo = 0, hi = 1;

	while (!enough(nz, np, hi, delta, alpha, min)) {
		lo = hi;
		if (hi == SENS_MAX_CYCLES)
			return SENS_MAX_CYCLES + 1;
		hi = 2 * hi > SENS_MAX_CYCLES ? SENS_MAX_CYCLES : 2 * hi;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (enough(nz, np, mid, delta, alpha, min))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

int sens_cycles_for(const char *change_arg, const char *path, const char *path2)
{
	double change = parse_fraction(change_arg, "CHANGE"), alpha;
	struct phases all = { 0 };
	const char *sep = "";
	size_t i, j, *need;

	sweeps_load(path, 0, &all);
	if (path2)
		sweeps_load(path2, 1, &all);
	sweeps_sort(&all);
	alpha = COMPARE_FAMILY_ALPHA / all.n;
	need = mem_need(calloc(all.n, sizeof(size_t)));
	printf("board,page_size,phase,method,points,cycles_now,noise,min_effect,detectable_now,change,cycles,note\n");
	for (i = 0; i < all.n; i++) {
		struct cphase *ph = &all.ph[i];
		struct cpoint **pt = mem_need(calloc(ph->npt + 1, sizeof(*pt)));
		double min = compare_min_effect(ph->method);
		size_t np, now, n = SENS_MAX_CYCLES + 1;
		const char *note = "";
		struct twoway w[2];
		struct noise nz;

		np = sweep_noise(ph, pt, &now, w, &nz);
		if (change > min && !isnan(nz.sd))
			n = cycles_needed(&nz, np, log1p(change), alpha, min);
		if (change <= min)
			note = "at or below the minimum effect";
		else if (isnan(nz.sd))
			note = "noise unknown (one cycle per point)";
		else if (n > SENS_MAX_CYCLES)
			note = "more than " STR(SENS_MAX_CYCLES) " cycles";
		printf("%s,%s,%s,%s,%zu,%zu", ph->board, ph->page_size,
		       ph->phase, ph->method, np, now);
		csv_put(",%.3f", nz.sd);
		csv_put(",%.2f", min);
		csv_put(",%.3f", detectable_n(&nz, np, now, alpha, min));
		csv_put(",%.2f", change);
		if (*note)
			printf(",,%s\n", note);
		else
			printf(",%zu,\n", n);
		need[i] = *note ? SENS_MAX_CYCLES + 1 : n;
		noise_free(&nz);
		noise_twoway_free(&w[0]);
		noise_twoway_free(&w[1]);
		free(pt);
	}
	/* one line, the phases by the cycles they need */
	fprintf(stderr, "luo-aggregate: cycles per point to detect %g%%:",
		change * 100);
	for (j = 1; j <= SENS_MAX_CYCLES + 1; j++) {
		int first = 1;

		for (i = 0; i < all.n; i++) {
			if (need[i] != j)
				continue;
			if (first && j > SENS_MAX_CYCLES)
				fprintf(stderr, "%s none (see the note):", sep);
			else if (first)
				fprintf(stderr, "%s %zu", sep, j);
			fprintf(stderr, " %s", all.ph[i].phase);
			sep = ";";
			first = 0;
		}
	}
	fprintf(stderr, "\n");
	free(need);
	sweeps_free(&all);
	return 0;
}

/* --- simulation --- */

/* A phase of the noise sweep and the pair of sweeps generated from it. */
struct simphase {
	struct cpoint **pt;	/* the sweep's points */
	size_t np, cycles;
	struct twoway w[2];	/* its levels (side 0), ... */
	struct noise nz;	/* ... its cycle effects and residuals */
	struct cphase syn;	/* generated: BASE side 0, NEW side 1 */
	size_t ncyc;		/* cycles 1 .. ncyc per point; 0: the sweep's */
	long flagged, pflagged, sims;
};

/* The cycle numbers simulated at point @p into @c; how many. */
static size_t sim_cycles(const struct simphase *s, size_t p, long *c)
{
	size_t i;

	if (s->ncyc) {
		for (i = 0; i < s->ncyc; i++)
			c[i] = i + 1;
		return s->ncyc;
	}
	for (i = 0; i < s->pt[p]->s[0].n; i++)
		c[i] = s->pt[p]->s[0].o[i].cycle;
	return i;
}

/*
 * One side of a sweep like the noise sweep: its levels and cycle effects,
 * residuals drawn from the measured ones, times @factor.
 */
static void generate(struct simphase *s, int side, double factor,
		     struct rng *r)
{
	size_t p, i, n;
	long *c;

	for (p = 0; p < s->np; p++) {
		struct side *out = &s->syn.pt[p].s[side];

		c = mem_need(calloc(s->ncyc + s->pt[p]->s[0].n + 1,
				    sizeof(long)));
		n = sim_cycles(s, p, c);
		out->n = 0;
		for (i = 0; i < n; i++) {
			double y = s->w[0].a[p] + noise_b(&s->nz, c[i]) +
				   s->nz.res[stats_rng_below(r, s->nz.nres)];

			sweeps_add_obs(out, c[i], exp(y) * factor);
		}
		free(c);
	}
}

static void simphase_init(struct simphase *s, struct cphase *ph)
{
	size_t p;

	memset(s, 0, sizeof(*s));
	s->pt = mem_need(calloc(ph->npt + 1, sizeof(*s->pt)));
	s->np = sweep_noise(ph, s->pt, &s->cycles, s->w, &s->nz);
	s->syn = *ph;
	s->syn.npt = s->np;
	s->syn.cap = s->np;
	s->syn.pt = mem_need(calloc(s->np + 1, sizeof(*s->syn.pt)));
	for (p = 0; p < s->np; p++) {
		s->syn.pt[p] = *s->pt[p];
		memset(s->syn.pt[p].s, 0, sizeof(s->syn.pt[p].s));
	}
}

static void simphase_free(struct simphase *s)
{
	size_t p;

	for (p = 0; p < s->np; p++) {
		free(s->syn.pt[p].s[0].o);
		free(s->syn.pt[p].s[1].o);
	}
	free(s->syn.pt);
	free(s->pt);
	noise_free(&s->nz);
	noise_twoway_free(&s->w[0]);
	noise_twoway_free(&s->w[1]);
}

/* What two sweeps like @s's source detect, its own cycles on both sides. */
static double simphase_detectable(struct simphase *s, double alpha,
				  double min)
{
	struct design g = { 0 };
	size_t p, i, n;
	double x;
	long *c;

	for (p = 0; p < s->np; p++) {
		c = mem_need(calloc(s->ncyc + s->pt[p]->s[0].n + 1,
				    sizeof(long)));
		n = sim_cycles(s, p, c);
		for (i = 0; i < n; i++)
			noise_design_add(&g, p, c[i], 3);
		free(c);
	}
	x = noise_detectable(&g, &s->nz, alpha, min);
	free(g.c);
	return x;
}

int sens_simulate(const char *change_arg, const char *sweeps_arg,
		  const char *cycles_arg, const char *path, const char *path2)
{
	struct phases all = { 0 };
	long sweeps, i, total = 0, family = 0, pfamily = 0, ncyc = 0;
	double change = 0, alpha;
	struct simphase *s;
	size_t j, x, rounds;
	struct rng r;

	if (strcmp(change_arg, "0"))
		change = parse_fraction(change_arg, "CHANGE");
	if (text_parse_long(sweeps_arg, NULL, &sweeps) || sweeps < 1 ||
	    sweeps > 1000000) {
		fprintf(stderr, "luo-aggregate: SWEEPS '%s': give a count, 1 to 1000000\n",
			sweeps_arg);
		exit(3);
	}
	if (cycles_arg && (text_parse_long(cycles_arg, NULL, &ncyc) || ncyc < 1 ||
			   ncyc > SENS_MAX_CYCLES)) {
		fprintf(stderr, "luo-aggregate: --cycles '%s': give a count, 1 to %d\n",
			cycles_arg, SENS_MAX_CYCLES);
		exit(3);
	}
	sweeps_load(path, 0, &all);
	if (path2)
		sweeps_load(path2, 1, &all);
	sweeps_sort(&all);
	alpha = COMPARE_FAMILY_ALPHA / all.n;
	s = mem_need(calloc(all.n, sizeof(*s)));
	for (j = 0; j < all.n; j++) {
		simphase_init(&s[j], &all.ph[j]);
		s[j].ncyc = ncyc;
		if (ncyc)
			s[j].cycles = ncyc;
	}
	stats_rng_seed(&r, STATS_SEED ^ 0x5eed);
	/* null: every round alike; a change: each phase changed in turn */
	rounds = change > 0 ? all.n : 1;
	for (x = 0; x < rounds; x++) {
		if (change > 0 && isnan(s[x].nz.sd))
			continue;
		for (i = 0; i < sweeps; i++) {
			int any = 0, pany = 0;

			for (j = 0; j < all.n; j++) {
				int target = change > 0 && j == x, fl;
				struct decision d;

				if (isnan(s[j].nz.sd))
					continue;
				generate(&s[j], 0, 1, &r);
				generate(&s[j], 1, target ? 1 + change : 1, &r);
				compare_decide(&s[j].syn, NULL, alpha,
					       COMPARE_TAIL, 0, &d);
				fl = !strcmp(d.verdict, "slower");
				if (target || change == 0) {
					s[j].flagged += fl;
					s[j].pflagged += d.p_slow < alpha;
					s[j].sims++;
				}
				if (!target) {
					any |= fl;
					pany |= d.p_slow < alpha;
				}
				compare_decision_free(&d);
			}
			family += any;
			pfamily += pany;
			total++;
		}
	}
	printf("board,page_size,phase,method,points,cycles,noise,detectable,change,sweeps,flagged,rate,p_rate\n");
	for (j = 0; j < all.n; j++) {
		struct cphase *ph = &all.ph[j];

		printf("%s,%s,%s,%s,%zu,%zu", ph->board, ph->page_size,
		       ph->phase, ph->method, s[j].np, s[j].cycles);
		csv_put(",%.3f", s[j].nz.sd);
		csv_put(",%.3f",
			simphase_detectable(&s[j], alpha,
					    compare_min_effect(ph->method)));
		printf(",%.2f,%ld,%ld", change, s[j].sims, s[j].flagged);
		csv_put(",%.4f", s[j].sims ? (double)s[j].flagged / s[j].sims : NAN);
		csv_put(",%.4f", s[j].sims ? (double)s[j].pflagged / s[j].sims : NAN);
		printf("\n");
	}
	/* the family: any phase flagged that was not changed */
	printf("all,all,all,all,,,,,%.2f,%ld,%ld", change, total, family);
	csv_put(",%.4f", total ? (double)family / total : NAN);
	csv_put(",%.4f", total ? (double)pfamily / total : NAN);
	printf("\n");
	for (j = 0; j < all.n; j++)
		simphase_free(&s[j]);
	free(s);
	sweeps_free(&all);
	return 0;
}
