/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Injected faults in LUO calls (--faults), with their ledger: the
 * kernel's fault injection made to fail allocations of one call, the
 * call's result checked (a documented errno, a retry that succeeds once
 * injection stops), every injection said as a WIRE_FAULT line and
 * counted per call (WIRE_FAULTS). Needs a checking kernel
 * (CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC and
 * their debugfs knobs).
 */
#ifndef LUO_STRESS_FAULTS_H
#define LUO_STRESS_FAULTS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* The LUO calls faults are injected into. */
enum fault_call {
	FC_CREATE_SESSION,
	FC_PRESERVE_FD,
	FC_RETRIEVE_SESSION,
	FC_RETRIEVE_FD,
	FC_FINISH,
	FC_FREEZE,		/* --abort: the handler's freeze in reboot() */
	FC_COUNT,
};

/* The errnos an injected call returned, counted by name. */
enum fault_err {
	FE_ENOMEM,
	FE_EINVAL,
	FE_ENOENT,
	FE_EOVERFLOW,
	FE_EOPNOTSUPP,
	FE_ENOSPC,
	FE_OTHER,		/* undocumented: fails the run */
	FE_COUNT,
};

/* One cycle's injections, of one process or summed over the workers. */
struct fault_stats {
	uint64_t injected[FC_COUNT];	/* calls a fault was injected into */
	uint64_t failed[FC_COUNT];	/* of them, calls that failed */
	uint64_t retried[FC_COUNT];	/* retries that succeeded */
	uint64_t err[FC_COUNT][FE_COUNT];
	uint64_t bad;			/* wrong results: FAIL lines printed */
};

/* Where a call is made, for its WIRE_FAULT line. */
struct fault_where {
	uint64_t cycle;
	int worker;		/* -1: the agent (or the one process) */
	const char *session;
	long long token;	/* -1: a session call */
};

const char *fault_call_name(enum fault_call fc);

/*
 * Set the kernel's knobs for @c's mode (failslab, fail_page_alloc:
 * sleeping allocations and order 0 included; random: the rate, the task
 * filter). Returns 0, or -1 with @why (not a checking kernel).
 */
int faults_setup(const struct stress_config *c, char *why, size_t size);

/* A LUO call: 0 or a descriptor, or -errno. */
typedef int (*fault_fn)(void *arg);

/* Start stepping call @fc from its first fault site (nth mode). */
void fault_restart(enum fault_call fc);

/*
 * Call @fn(@arg), call @fc at @w, under @c's mode. nth: while @fc is
 * being stepped (fault_restart()), each call gets fail-nth at the next
 * fault site; a call that fails is retried at the site after, one that
 * succeeds with its fault injected leaves the next site to the next
 * call; the first call that consumes no fault ends the stepping. A
 * retrieve is never retried (LUO caches its first error). random: the
 * call with make-it-fail set, retried clean after a failure. *@injected
 * says whether a fault went into the call. Returns its last result.
 */
int fault_step(const struct stress_config *c, enum fault_call fc,
	       const struct fault_where *w, struct fault_stats *st,
	       int *injected, fault_fn fn, void *arg);

/* Add @b into @a. */
void fault_stats_add(struct fault_stats *a, const struct fault_stats *b);

/* WIRE_FAULTS lines of @st for @cycle, the calls with injections. */
void fault_stats_print(const struct fault_stats *st, uint64_t cycle);

/* Injections in @st, every call. */
uint64_t fault_stats_injected(const struct fault_stats *st);

/* Is @err (positive) an errno LUO's uapi documents? */
int fault_errno_documented(int err);

#endif
