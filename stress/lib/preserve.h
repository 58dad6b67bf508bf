/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The preserve side of one cycle (preserve.c). Private to stress/lib.
 */
#ifndef LUO_STRESS_PRESERVE_H
#define LUO_STRESS_PRESERVE_H

#include "run.h"

/*
 * Create, populate and preserve the set for the next kexec, measuring
 * its coverage. Returns 0, or -1 after a FAIL line.
 */
int preserve_cycle(struct run *r);

/*
 * Build file @t of session @s (@name, content slot @s) as @spec into
 * r->fds[t]. Returns 0, or -1 after a FAIL line.
 */
int preserve_build_one(struct run *r, uint64_t s, const char *name,
		       uint64_t t, struct memfd_spec *spec);

#endif
