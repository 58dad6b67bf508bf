/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run configuration of a stress workload: its defaults (the one place
 * they are written), parsed from the command line in the first kernel,
 * carried across every kexec in the state session. The same parser runs
 * on the host (luo-workload) so a bad option is refused before a boot.
 */
#ifndef LUO_STRESS_CONFIG_H
#define LUO_STRESS_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#include "kexec_opts.h"
#include "opts.h"

#define STRESS_NAME_LEN 32

/* What --corrupt changes in one file, to prove verification catches it. */
enum corrupt_kind {
	CORRUPT_DATA,	/* flip a preserved byte after preserve */
	CORRUPT_SIZE,	/* one byte more than the spec says */
	CORRUPT_SEAL,	/* a seal set other than the spec's */
	CORRUPT_HOLE,	/* data in a page the spec says is a hole */
	CORRUPT_MISSING,	/* one file left out of its session */
	CORRUPT_STATE,	/* a byte of our own state session flipped */
	CORRUPT_COUNT,
};

/* --faults: how allocations are made to fail (faults.h) */
enum fault_mode {
	FAULT_NONE,
	FAULT_NTH,	/* /proc/thread-self/fail-nth, stepped per call */
	FAULT_RANDOM,	/* failslab and fail_page_alloc, task-filtered */
	FAULT_MODES,
};

struct stress_config {
	char workload[STRESS_NAME_LEN];
	uint64_t sessions;	/* sessions per cycle */
	uint64_t files;		/* memfds per session */
	uint64_t pages;		/* pages per memfd */
	uint64_t cycles;	/* kexec reboots */
	uint64_t seed;
	uint64_t corrupt_cycle;	/* self-check: corrupt before this kexec, 0 off */
	uint32_t corrupt_kind;	/* enum corrupt_kind */
	uint32_t kinds;		/* memfd kinds in use, bit mask */
	uint64_t large_mb;	/* size of KIND_LARGE memfds */
	uint32_t shmem_thp;	/* enum thp_policy, per cycle */
	uint32_t hold;		/* keep sessions in a child, no kexec of ours */
	uint32_t profile;	/* record the kernel functions of each phase */
	uint64_t workers;	/* processes the agent hands sessions to, 0 none */
	uint64_t churn;		/* % of sessions closed and replaced per cycle */
	uint32_t faults;	/* enum fault_mode */
	uint64_t fault_rate;	/* FAULT_RANDOM: % of allocations failed */
	uint32_t abort;		/* make each cycle's first freeze fail */
	struct kexec_target kexec;	/* what each kexec loads */
};

/*
 * Fill @cfg with the defaults of @workload (stress-files,
 * stress-sessions). Returns 0, or -1 for an unknown workload.
 */
int config_defaults(struct stress_config *cfg, const char *workload);

/* The workloads config_defaults() knows, space-separated. */
const char *config_workloads(void);

/* Workload @i by name, NULL past the last. */
const char *config_workload(size_t i);

/*
 * Parse @argv into @cfg, defaults of @workload first, then check the
 * options against each other. Returns 0 on success, 1 when --help was
 * printed, -1 after printing a one-line error to stderr.
 */
int config_parse(struct stress_config *cfg, const char *workload, int argc,
		 char **argv);

/* Every option of @cfg as "name=value" lines (the resolved workload). */
void config_print(const struct stress_config *cfg, FILE *f);

const char *corrupt_kind_name(uint32_t k);

const char *fault_mode_name(uint32_t m);

#endif
