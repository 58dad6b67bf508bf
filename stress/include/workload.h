/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cycle engine shared by every workload: in each kernel it retrieves
 * and verifies what the previous kernel preserved, finishes it, preserves
 * a fresh set and kexecs, until the configured cycles are done.
 */
#ifndef LUO_STRESS_WORKLOAD_H
#define LUO_STRESS_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct workload {
	const char *name;	/* its defaults are config_defaults(name) */
	/* name of session @index of a cycle */
	void (*session_name)(char *buf, size_t size, uint64_t index);
};

/*
 * Run one kernel's stage of @w, parsing @argv in the first kernel.
 * Returns a kselftest exit code; on success before the last cycle it
 * does not return (the machine kexecs).
 */
int workload_main(const struct workload *w, int argc, char **argv);

#endif
