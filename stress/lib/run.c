// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers the cycle engine's parts share (see run.h): progress
 * lines, profiler phase marks, and what each file of a cycle must be.
 */
#include <stdio.h>

#include "kselftest.h"

#include "run.h"
#include "wire.h"

/* --profile: what ran until now belongs to phase @p (PHASE_COUNT: none) */
void run_profile_mark(struct run *r, enum phase p)
{
	if (r->kp)
		kprofile_mark(r->kp, p);
}

/* A WIRE_PROGRESS_CYCLE line when the throttle says one is due. */
void run_progress(struct run *r, const char *what, uint64_t s,
		  uint64_t t)
{
	const struct stress_config *c = &r->st.cfg;

	if (!progress_due(&r->progress))
		return;
	ksft_print_msg(WIRE_PROGRESS_CYCLE_MSG "%llu: %s, session %llu of %llu, file %llu of %llu\n",
		       (unsigned long long)r->st.cycle, what,
		       (unsigned long long)s + 1,
		       (unsigned long long)c->sessions,
		       (unsigned long long)t,
		       (unsigned long long)c->files);
}

/* What file @token of every session in this cycle must be. */
void run_spec_of(const struct run *r, uint64_t token,
		 struct memfd_spec *spec)
{
	plan_spec(&r->st.cfg, r->page_size, token, spec);
}

/* The identity of file @token of session @s (@name) in this cycle. */
void run_id_of(const struct run *r, uint64_t s, const char *name,
	       uint64_t token, struct file_id *id)
{
	id->seed = r->st.cfg.seed;
	id->cycle = r->st.cycle;
	id->session = s;
	id->name = name;
	id->token = token;
}
