/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report's own figures: where the time goes, the kernel functions
 * of each phase (profile lines, report_stats.c) and of the handover gap
 * (program counter samples, handover_stats.c), what measuring them cost,
 * and the headline chart's restore time per cycle (report_stats.c). The
 * report prints these CSVs and computes nothing.
 */
#ifndef LUO_COLLECT_REPORT_STATS_H
#define LUO_COLLECT_REPORT_STATS_H

#include <stddef.h>

#define REPORT_KEY_LEN		256

/*
 * A table of values under keys of up to three strings, in the order the
 * keys first came: @v the values, @w a second value of each (or unused).
 */
struct cell {
	char key[3][REPORT_KEY_LEN];
	double *v, *w;
	size_t n, cap;
};

struct cells {
	struct cell *c;
	size_t n, cap;
};

/* The cell of @a, @b, @c ("" for a key not used), made when missing. */
struct cell *report_cell_of(struct cells *t, const char *a, const char *b,
			    const char *c);
/* The cell of @a, @b, @c, or NULL. */
struct cell *report_cell_find(const struct cells *t, const char *a,
			      const char *b, const char *c);
/* Add @v (and @w) to @cl. */
void report_cell_add(struct cell *cl, double v, double w);
/* Free @t's values and cells. */
void report_cells_free(struct cells *t);

/* The name of run directory @dir (its last part), as luo-collect's run_id. */
void report_run_name(const char *dir, char *out);

/* The facts of a sweep the tables are made from (metrics.csv, agg.csv). */
struct sweep_facts {
	struct cells xs;	/* run: its point's x (agg.csv's x_blocks) */
	struct cells with;	/* run, phase: passed values, profiled runs */
	struct cells without;	/* run, phase: passed values, the others */
	struct cells gap;	/* run, cycle: passed blackout_handover ms */
};

/* Read luo-collect's @metrics and luo-aggregate's @agg into @sf. */
void report_facts_read(struct sweep_facts *sf, const char *metrics,
		       const char *agg);

/* Free what report_facts_read() allocated. */
void report_facts_free(struct sweep_facts *sf);

/*
 * Print where a phase's time goes. @fn: phase, function, run keys; @v
 * ms, @w hits, per cycle. @phase_time: run, phase keys; the phase's ms.
 * Per phase, the @top functions at the largest point with their share
 * of the phase and the growth exponents of their time and hits.
 */
void report_functions(const struct cells *fn, const struct cells *xs,
		      const struct cells *phase_time, size_t top);

/* --profile PROFILE METRICS AGG */
int report_profile(const char *profile, const char *metrics, const char *agg);
/* --profile-cost METRICS AGG */
int report_profile_cost(const char *metrics, const char *agg);
/*
 * Each passed cycle's restore time of luo-collect's @metrics into @out:
 * its deserialize + retrieve ms (cycles with both) as the cell of keys
 * point (its columns joined by a unit separator), run id, cycle; of the
 * runs agg.csv is of (unprofiled ones, or the profiled ones when there
 * are no others). Returns whether those are the profiled runs.
 */
int report_restore_cycles(struct cells *out, const char *metrics);
/*
 * --restore METRICS AGG: per point of @agg, each passed cycle's
 * deserialize + retrieve (report_restore_cycles()), their median, min
 * and max.
 */
int report_restore(const char *metrics, const char *agg);

#endif
