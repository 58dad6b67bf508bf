/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cycle engine's own state and the helpers its parts share (run.c):
 * the engine (workload.c), the preserve side (preserve.h) and the
 * restore side (restore.h). The engine alone prints KTAP results: the
 * kselftest counters are per translation unit. Private to stress/lib.
 */
#ifndef LUO_STRESS_RUN_H
#define LUO_STRESS_RUN_H

#include <stdint.h>

#include "coverage.h"
#include "kblocks.h"
#include "kprofile.h"
#include "memfd_file.h"
#include "metrics.h"
#include "plan.h"
#include "progress.h"
#include "state.h"
#include "workload.h"

/* The KTAP tests of one kernel, in the order they are reported. */
enum test_id {
	T_RETRIEVE,
	T_VERIFY,
	T_FINISH,
	T_BLOCKS_RESTORED,	/* kernel's restored blocks = model's */
	T_PRESERVE,
	T_KEXEC_LOAD,
	T_BLOCKS_ALLOCATED,	/* kernel's allocated blocks = model's */
	T_COVERAGE,		/* the run preserved every shape it asked */
	T_COUNT,
};

struct run {
	const struct workload *w;
	struct stress_state st;
	struct metric_labels labels;
	unsigned long page_size;
	unsigned char *page;	/* one page of scratch */
	int luo_fd;
	int *session_fds;	/* held open until the kexec */
	int *fds;		/* per-session memfd scratch */
	struct progress progress;
	int corrupt;		/* the self-check corrupts a file this cycle */
	struct corruption cor;	/* which one */
	struct kblocks kb;	/* the kernel's block counts; kb.abi the model's */
	int model_ok;		/* the block model has kb.abi at page_size */
	struct block_count model;	/* its blocks of one cycle */
	struct coverage cov;	/* this cycle's preserved shapes */
	struct kprofile *kp;	/* --profile: the kernel functions per phase */
	char why_no_profile[160];
	uint64_t *order;	/* churn: the cycle's sessions, closed first */
	uint64_t order_cycle;	/* the cycle @order is of */
};

/* A WIRE_PROGRESS_CYCLE line when the throttle says one is due. */
void run_progress(struct run *r, const char *what, uint64_t s, uint64_t t);

/* --profile: what ran until now belongs to phase @p (PHASE_COUNT: none) */
void run_profile_mark(struct run *r, enum phase p);

/* What file @token of every session in this cycle must be. */
void run_spec_of(const struct run *r, uint64_t token, struct memfd_spec *spec);

/* The identity of file @token of session @s (@name) in this cycle. */
void run_id_of(const struct run *r, uint64_t s, const char *name,
	       uint64_t token, struct file_id *id);

#endif
