/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine control (control.c): a fixed piece of CPU and memory work
 * that makes no LUO call, timed every cycle as the phase "control", so
 * that a comparison can tell the machine slowing down from a kernel
 * change (docs/metrics.md, "The machine control").
 */
#ifndef LUO_STRESS_CONTROL_H
#define LUO_STRESS_CONTROL_H

#include <stdint.h>

#define CONTROL_MIB	8	/* the buffer the work writes and reads */
#define CONTROL_PASSES	2	/* each pass writes and sums all of it */
#define CONTROL_REPS	7	/* repetitions; the median one is timed */

/* The last pass's sum: seen outside, so the compiler keeps the work. */
extern uint64_t control_sum;

/*
 * Run the control work. Returns the median repetition's time in
 * nanoseconds, or 0 when its buffer could not be mapped (with @why set).
 */
uint64_t control_run(const char **why);

#endif
