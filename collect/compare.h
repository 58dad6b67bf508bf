/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The comparison of two sweeps inside luo-aggregate, shared by its
 * parts: the sweeps as read (sweeps.c), the signed-rank statistics
 * (signed_rank.c), the noise and the rule's power (noise.c), the rule
 * and --compare (compare.c), --cycles-for and --simulate
 * (sensitivity.c).
 */
#ifndef LUO_COLLECT_COMPARE_H
#define LUO_COLLECT_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h"

#define FAMILY_ALPHA	0.05	/* false alarms over all phases compared */
#define POWER		0.80	/* of "detectable" and --cycles-for */
#define VALUE_FLOOR	0.0005	/* ms, half the resolution: log() defined */
#define SEED		0x6c756f2d73747273ULL

struct obs {
	long cycle;
	double v;		/* ms, at least VALUE_FLOOR */
};

struct side {
	struct obs *o;
	size_t n, cap;
};

/* A point: the workload's size; its blocks as NEW counts them if it ran. */
struct cpoint {
	char sessions[24], files[24], pages[24], blocks[24];
	double nblocks;
	struct side s[2];	/* BASE, NEW */
};

struct cphase {
	char board[64], page_size[16], phase[32], method[32];
	struct cpoint *pt;
	size_t npt, cap;
};

struct phases {
	struct cphase *ph;
	size_t n, cap;
};

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

struct tpoint;

/* A phase decided: its points in both sweeps, the test and the verdict. */
struct decision {
	size_t np;		/* points in both */
	struct cpoint **pt;
	struct tpoint *t;
	double stat, lo, hi;	/* Hodges-Lehmann, 95% interval (log) */
	double p_slow, p_fast, min, detectable;
	size_t nb, nn, pairs;
	const char *verdict;
};

/* sweeps.c */
void add_obs(struct side *s, long cycle, double v);
void load_metrics(const char *path, int side, struct phases *all);
void sort_phases(struct phases *all);
void free_phases(struct phases *all);
uint64_t phase_seed(const struct cphase *ph);

/* signed_rank.c */
void signed_rank(const double *d, size_t n, double *up, double *down);
double hodges_lehmann(const double *d, size_t n, double tail,
		      double *lo, double *hi, struct rng *r);

/* noise.c */
/*
 * Index of @cycle among the *@n cycle numbers @cyc, appended (*@n grown
 * by one) when it is not there yet; @cyc has room for it.
 */
size_t cycle_slot(long *cyc, size_t *n, long cycle);
void twoway_fit(struct twoway *w, struct cpoint **pt, size_t np, int side);
void twoway_free(struct twoway *w);
void noise_init(struct noise *nz, struct twoway *w, size_t nw);
void noise_free(struct noise *nz);
double noise_b(const struct noise *nz, long c);
void design_add(struct design *g, size_t point, long cycle, int has);
void design_full(struct design *g, size_t np, size_t n);
double power(const struct design *g, const struct noise *nz,
	     double delta, double alpha, double min);
double detectable(const struct design *g, const struct noise *nz,
		  double alpha, double min);

/* compare.c */
double min_effect(const char *method);
void decide(struct cphase *ph, double alpha, int want_detectable,
	    struct decision *d);
void decision_free(struct decision *d);
void put(const char *fmt, double x);

#endif
