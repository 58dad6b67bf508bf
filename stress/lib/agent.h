/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The agent and its workers (agent.c): the cycle's two sides when a run
 * has --workers, --churn or --faults. Private to stress/lib.
 */
#ifndef LUO_STRESS_AGENT_H
#define LUO_STRESS_AGENT_H

#include "restore.h"
#include "run.h"

/* Does this run take the agent's way? */
static inline int agent_used(const struct stress_config *c)
{
	return c->workers || c->churn || c->faults;
}

/* Create, populate and preserve the next set; 0 or -1 (FAIL said). */
int agent_preserve_cycle(struct run *r);

/* Retrieve, verify and finish what the previous kernel preserved. */
struct restore_result agent_restore_cycle(struct run *r);

/* The generation of @slot's session in @cycle: 1 when churn replaced it. */
uint32_t agent_gen(const struct run *r, uint64_t cycle, uint64_t slot);

/* The name of @slot's session of generation @gen. */
void agent_session_name(const struct run *r, uint64_t slot, uint32_t gen,
			char *buf, size_t size);

#endif
