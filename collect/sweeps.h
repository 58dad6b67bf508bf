/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sweeps luo-aggregate compares (sweeps.c): luo-collect's
 * metrics.csv of each side read into phases (board, page size, phase,
 * method) and their points (sessions, files, pages and the workload's
 * variant: workers, churn, faults), each point with
 * the passed cycles of both sides.
 */
#ifndef LUO_COLLECT_SWEEPS_H
#define LUO_COLLECT_SWEEPS_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"

#define SWEEPS_VALUE_FLOOR	0.0005	/* ms, half the resolution: log() defined */
#define SWEEPS_CONTROL	"control"	/* the machine control's phase */

struct obs {
	long cycle;
	double v;		/* ms, at least SWEEPS_VALUE_FLOOR */
	long run;		/* the run's index in its CSV, from 0 */
	double started;		/* the run's start (host s); NAN unknown */
};

struct side {
	struct obs *o;
	size_t n, cap;
};

/*
 * A point: the workload's size and variant (csv_variant_cols, "" in
 * older CSVs); its blocks as NEW counts them if it ran.
 */
struct cpoint {
	char sessions[24], files[24], pages[24], blocks[24];
	char variant[CSV_VARIANTS][24];
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
 * Add the value @v (ms, raised to SWEEPS_VALUE_FLOOR) of @cycle to @s,
 * of run 0 with no start time.
 */
void sweeps_add_obs(struct side *s, long cycle, double v);
/*
 * The passed cycles' values of luo-collect's CSV @path into @all, as
 * @side (0 BASE, 1 NEW); exits 3 when it holds none.
 */
void sweeps_load(const char *path, int side, struct phases *all);
/* Phases by phase, board, page size and method; points by their blocks. */
void sweeps_sort(struct phases *all);
void sweeps_free(struct phases *all);
/* Whether @ph is the machine control (no LUO call), not a phase compared. */
int sweeps_is_control(const struct cphase *ph);
/* The seed of @ph's simulations: STATS_SEED mixed with its names. */
uint64_t sweeps_phase_seed(const struct cphase *ph);

#endif
