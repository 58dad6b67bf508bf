/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a comparison pairs NEW's cycles with BASE's (pairing.c): two
 * sweeps by cycle number at each point; an interleaved comparison
 * (scripts/compare.sh) by the order of the runs in time, run k of BASE
 * at a point with run k of NEW there, and within them cycle by cycle.
 * A unit of the test is a key: pair * PAIRING_KEY + cycle.
 */
#ifndef LUO_COLLECT_PAIRING_H
#define LUO_COLLECT_PAIRING_H

#include <stddef.h>

#include "sweeps.h"

#define PAIRING_KEY	100000L		/* cycles per run, at most */

/*
 * How NEW's units pair with BASE's: @interleaved, by pair of runs in
 * time; @all, when set, the phases whose control (sweeps.h) each
 * phase's time is divided by, cycle by cycle (an interleaved
 * comparison measures its phases against the machine control).
 */
struct pairing {
	int interleaved;
	const struct phases *all;
};

/*
 * Whether @all is an interleaved comparison: every point both sides
 * ran has two or more runs on each side, each with its start time, and
 * the two sides' runs overlap in time.
 */
int pairing_interleaved(const struct phases *all);
/*
 * The distinct runs of @s into @runs (room for @s->n), in their order
 * in time (then of appearance); returns how many.
 */
size_t pairing_runs(const struct side *s, long *runs);

/* A point's units: per key, each side's log time (NAN: it lacks it). */
struct units {
	size_t n;
	long *key;
	double *y[2];		/* a key seen twice on a side: the median */
};

/*
 * Whether @ph's values are measured against the control under @pg: an
 * interleaved comparison's phases timed on the guest's clock around its
 * own work (methods user, kretprobe, printk_marker), which follow the
 * machine as the control does. The boot's clock and the host's serial
 * timestamps (clock_boottime, host_serial) span firmware, decompression,
 * timer waits and QEMU's own work, and follow it much less: divided by
 * the control, they would take on its noise and its imbalance between
 * the sides.
 */
int pairing_against_control(const struct pairing *pg, const struct cphase *ph);
/*
 * The units of @pt of @ph under @pg (pairing_units_free): against the
 * control (pairing_against_control), each value less the log of its
 * cycle's control (a value without one is left out).
 */
void pairing_units(const struct pairing *pg, const struct cphase *ph,
		   const struct cpoint *pt, struct units *u);
/* The log ratios NEW / BASE of @u's units both sides have, into @d. */
size_t pairing_diffs(const struct units *u, double *d);
void pairing_units_free(struct units *u);

#endif
