/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cycle engine shared by every workload: in each kernel it retrieves
 * and verifies what the previous kernel preserved, finishes it, preserves
 * a fresh set and kexecs, until the configured cycles are done.
 */
#ifndef LUO_STRESS_WORKLOAD_H
#define LUO_STRESS_WORKLOAD_H

#include "config.h"

/* Session name for session @index of a workload. */
typedef void (*session_name_fn)(char *buf, size_t size, uint64_t index);

struct workload {
	const char *name;
	session_name_fn session_name;
};

/*
 * Run one kernel's stage of @w, parsing @argv in the first kernel.
 * Returns a kselftest exit code; on success before the last cycle it
 * does not return (the machine kexecs).
 */
int workload_main(const struct workload *w, int argc, char **argv);

#endif
