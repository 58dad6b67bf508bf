/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the time goes, for the report: the kernel functions of each
 * phase (profile lines, report_stats.c) and of the handover gap (program
 * counter samples, handover_stats.c), and what measuring them cost. The
 * report prints these CSVs and computes nothing.
 */
#ifndef LUO_COLLECT_REPORT_STATS_H
#define LUO_COLLECT_REPORT_STATS_H

#include <stddef.h>

#define KEY_LEN		256

/*
 * A table of values under keys of up to three strings, in the order the
 * keys first came: @v the values, @w a second value of each (or unused).
 */
struct cell {
	char key[3][KEY_LEN];
	double *v, *w;
	size_t n, cap;
};

struct cells {
	struct cell *c;
	size_t n, cap;
};

/* The cell of @a, @b, @c ("" for a key not used), made when missing. */
struct cell *cell_of(struct cells *t, const char *a, const char *b,
		     const char *c);
/* The cell of @a, @b, @c, or NULL. */
struct cell *cell_find(const struct cells *t, const char *a, const char *b,
		       const char *c);
/* Add @v (and @w) to @cl. */
void cell_add(struct cell *cl, double v, double w);
/* Free @t's values and cells. */
void cells_free(struct cells *t);
/* Median of @n values, @v left as it was. */
double median_of(const double *v, size_t n);

/* The facts of a sweep the tables are made from (metrics.csv, agg.csv). */
struct sweep_facts {
	struct cells xs;	/* run: its point's x (agg.csv's x_blocks) */
	struct cells with;	/* run, phase: passed values, profiled runs */
	struct cells without;	/* run, phase: passed values, the others */
	struct cells gap;	/* run, cycle: passed blackout_handover ms */
};

/* Read luo-collect's @metrics and luo-aggregate's @agg into @sf. */
void sweep_facts_read(struct sweep_facts *sf, const char *metrics,
		      const char *agg);

/* Free what sweep_facts_read() allocated. */
void sweep_facts_free(struct sweep_facts *sf);
/* @s as one CSV field on stdout, quoted when it must be. */
void report_put_field(const char *s);

/*
 * Print where a phase's time goes. @fn: phase, function, run keys; @v
 * ms, @w hits, per cycle. @phase_time: run, phase keys; the phase's ms.
 * Per phase, the @top functions at the largest point with their share
 * of the phase and the growth exponents of their time and hits.
 */
void functions_table(const struct cells *fn, const struct cells *xs,
		     const struct cells *phase_time, size_t top);

/* --profile PROFILE METRICS AGG */
int profile_functions(const char *profile, const char *metrics,
		      const char *agg);
/* --profile-cost METRICS AGG */
int profile_cost(const char *metrics, const char *agg);
/* --handover MARKS METRICS AGG RUN-DIR... */
int handover_functions(const char *marks, const char *metrics,
		       const char *agg, int nruns, char **runs);
/* --handover-cost METRICS RUN-DIR... */
int handover_cost(const char *metrics, int nruns, char **runs);

#endif
