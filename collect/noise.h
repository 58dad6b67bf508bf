/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A phase's noise and what the comparison rule detects under it
 * (noise.c): log times fitted as point level plus cycle number effect
 * (twoway), the residuals of one or both sides pooled (noise), and the
 * rule's power over a design of cells, simulated from those residuals.
 */
#ifndef LUO_COLLECT_NOISE_H
#define LUO_COLLECT_NOISE_H

#include <stddef.h>

#include "sweeps.h"

#define NOISE_POWER	0.80	/* of "detectable" and --cycles-for */

/*
 * Log times of one side after the point's level and the cycle number's
 * effect (the first kexec, the shmem THP policy of odd and even cycles):
 * y = a[point] + b[cycle] + residual, fitted by backfitting. Without
 * degrees of freedom left for the cycles, the point's level only.
 */
struct twoway {
	size_t np, nc;
	long *cyc;		/* cycle numbers */
	double *a, *b;		/* point levels, cycle effects */
	double *res;		/* residuals scaled to the noise's variance */
	size_t nres;
	double ss;
	long df;
};

/*
 * The measured noise of a phase: the cycle numbers' effects and the
 * residuals of one or both sides' fits, pooled.
 */
struct noise {
	size_t nc, nres;
	long *cyc;
	double *b, *res;
	double sd;		/* of a residual; NAN when unknown */
};

/* A cell: a point's cycle number, and which sides ran it (1 BASE, 2 NEW). */
struct cell {
	size_t point;
	long cycle;
	int has;
};

/* The cells of a comparison, point by point. */
struct design {
	size_t np, n, cap, pairs;
	struct cell *c;
};

/*
 * Index of @cycle among the *@n cycle numbers @cyc, appended (*@n grown
 * by one) when it is not there yet; @cyc has room for it.
 */
size_t noise_cycle_slot(long *cyc, size_t *n, long cycle);
/* Fit @side of the @np points @pt into @w (noise_twoway_free). */
void noise_twoway_fit(struct twoway *w, struct cpoint **pt, size_t np,
		      int side);
void noise_twoway_free(struct twoway *w);
/* The noise of the @nw fits @w pooled, those with degrees of freedom. */
void noise_init(struct noise *nz, struct twoway *w, size_t nw);
void noise_free(struct noise *nz);
/* The effect of cycle number @c under @nz (see noise.c). */
double noise_b(const struct noise *nz, long c);
/* A cell of @g: @point's @cycle, run by BASE (@has 1), NEW (2) or both. */
void noise_design_add(struct design *g, size_t point, long cycle, int has);
/* @g: @np points with cycles 1 .. @n on both sides. */
void noise_design_full(struct design *g, size_t np, size_t n);
/* How often the rule flags NEW slower by exp(@delta) under @nz. */
double noise_power(const struct design *g, const struct noise *nz,
		   double delta, double alpha, double min);
/*
 * The smallest change the rule flags with probability NOISE_POWER:
 * infinite when no change would do, NAN when the noise is unknown.
 */
double noise_detectable(const struct design *g, const struct noise *nz,
			double alpha, double min);

#endif
