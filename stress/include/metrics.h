/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Phase timing and the "# metric:" lines the collectors parse; the line
 * format is documented in docs/metrics.md.
 */
#ifndef LUO_STRESS_METRICS_H
#define LUO_STRESS_METRICS_H

#include <stdint.h>
#include <time.h>

enum phase {
	PHASE_CREATE,		/* create the cycle's sessions */
	PHASE_POPULATE,		/* create and fill the memfds */
	PHASE_PRESERVE,		/* LIVEUPDATE_SESSION_PRESERVE_FD, all files */
	PHASE_KEXEC_LOAD,	/* kexec_file_load of the next kernel */
	PHASE_BOOT_TO_INIT,	/* new kernel start to /init */
	PHASE_LUO_OPEN,		/* first open of /dev/liveupdate (deserialize) */
	PHASE_RETRIEVE,		/* RETRIEVE_SESSION and RETRIEVE_FD, all */
	PHASE_VERIFY,		/* read back and compare every byte */
	PHASE_FINISH,		/* SESSION_FINISH, all sessions */
	PHASE_CONTROL,		/* the machine control, no LUO call (control.h) */
	PHASE_COUNT,
};

struct metric_labels {
	uint64_t cycle;
	uint64_t sessions;
	uint64_t files;
	uint64_t pages;
	unsigned long page_size;
	const char *abi;
	long blocks;		/* -1 when the block model lacks the ABI */
	long session_blocks;
	long file_blocks;
	/* as the kernel counted them (kblocks.h), -1 when it could not */
	long kernel_blocks;
	long kernel_session_blocks;
	long kernel_file_blocks;
	uint32_t profile;	/* the function profiler ran (its cost is in) */
	uint64_t workers;	/* worker processes, 0: one process */
	uint64_t churn;		/* % of sessions closed and replaced */
	const char *faults;	/* fault injection mode, "none" */
};

const char *phase_name(enum phase p);

static inline uint64_t clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static inline uint64_t now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/* Print one metric line for phase @p lasting @ns nanoseconds. */
void metric_print(const struct metric_labels *l, enum phase p, uint64_t ns,
		  const char *method);

#endif
