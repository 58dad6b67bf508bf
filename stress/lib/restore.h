/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The restore side of one cycle (restore.c). Private to stress/lib.
 */
#ifndef LUO_STRESS_RESTORE_H
#define LUO_STRESS_RESTORE_H

#include <stdint.h>

#include "metrics.h"
#include "run.h"

/* What restore_cycle() found, for the engine to report. */
struct restore_result {
	int bad_retrieve;	/* sessions or files not retrieved */
	int bad_verify;		/* files unlike their spec */
	int bad_finish;		/* sessions LUO did not finish */
	uint64_t ns[PHASE_COUNT];	/* retrieve, verify, finish */
};

/*
 * Retrieve, verify and finish the previous kernel's sessions: FAIL lines
 * name each mismatch; the engine prints the KTAP results and metrics.
 */
struct restore_result restore_cycle(struct run *r);

#endif
