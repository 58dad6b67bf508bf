/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's drift over a comparison, read from the control phase
 * (drift.c): the same guest work every cycle, with no LUO call, so what
 * moves it is the machine. Per board and page size: how far NEW's
 * control moved from BASE's, and in an interleaved comparison from the
 * early pairs of runs to the late ones; and what the comparison does
 * about it (docs/metrics.md, "The machine
 * control").
 */
#ifndef LUO_COLLECT_DRIFT_H
#define LUO_COLLECT_DRIFT_H

#include <stdio.h>

#include "pairing.h"
#include "sweeps.h"

#define DRIFT_MIN	0.10	/* the control's move that is drift */

struct drift {
	char board[64], page_size[16];
	int control;		/* both sides timed the control */
	int interleaved;	/* units paired by time, not cycle number */
	double between, b_lo, b_hi;	/* NEW / BASE control, 95% */
	double late, l_lo, l_hi;	/* late / early pairs; NAN: sweeps */
	int drifted_between, drifted_time;
	/* none, corrected (interleaved), withheld, unseen (no control) */
	const char *action;
	char said[2048];	/* one line for a person */
};

struct drifts {
	struct drift *d;
	size_t n, cap;
};

/*
 * The drift of every board and page size of @all, paired under @pg,
 * into @out (drift_free).
 */
void drift_assess(struct phases *all, const struct pairing *pg,
		  struct drifts *out);
/* The drift of @ph's board and page size, or NULL. */
const struct drift *drift_of(const struct drifts *ds,
			     const struct cphase *ph);
/* drift.csv: a row per board and page size. */
void drift_print_csv(const struct drifts *ds, FILE *f);
void drift_free(struct drifts *ds);

#endif
