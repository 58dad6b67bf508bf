/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a phase's kernel time goes: the ftrace function profiler,
 * limited to LUO, KHO and memfd preservation functions
 * (set_ftrace_filter), left on across one kernel's phases; its totals
 * are read at each phase boundary and the differences kept per phase
 * (phases alternate per session, and turning the profiler on and off
 * stops the machine). Each function that ran in a phase prints:
 *   WIRE_PROFILE_CYCLE "N phase=P function=F hits=H total_us=T"
 * Times include the functions a function calls. Freeze runs inside
 * reboot(), after the last moment userspace can read the profiler, so it
 * has none.
 */
#ifndef LUO_STRESS_KPROFILE_H
#define LUO_STRESS_KPROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

#define KPROFILE_FUNCS	256

struct kprofile_func {
	char name[64];
	unsigned long long hits;
	double us;
};

struct kprofile {
	int ready;
	char why[160];
	struct kprofile_func last[KPROFILE_FUNCS];	/* totals at the last mark */
	int nlast;
	struct kprofile_func phase[PHASE_COUNT][KPROFILE_FUNCS];
	int nphase[PHASE_COUNT];
};

/*
 * Limit the profiler to LUO's functions and start it (its counts from
 * zero). 0, or -1 with kp->why set.
 */
int kprofile_start(struct kprofile *kp);

/*
 * A phase boundary: what ran since the last mark was @p's (or nobody's
 * when @p is PHASE_COUNT).
 */
void kprofile_mark(struct kprofile *kp, enum phase p);

/* Stop, and print every phase's functions, the most time first. */
void kprofile_report(struct kprofile *kp, uint64_t restore_cycle,
		     uint64_t preserve_cycle);

#endif
