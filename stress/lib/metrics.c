// SPDX-License-Identifier: GPL-2.0
/*
 * Metric lines: KTAP diagnostics of key=value pairs (see docs/metrics.md).
 */
#include <stdio.h>

#include "metrics.h"
#include "wire.h"

static const char *const phase_names[PHASE_COUNT] = {
	[PHASE_CREATE] = "create",
	[PHASE_POPULATE] = "populate",
	[PHASE_PRESERVE] = "preserve",
	[PHASE_KEXEC_LOAD] = "kexec_load",
	[PHASE_BOOT_TO_INIT] = "boot_to_init",
	[PHASE_LUO_OPEN] = "luo_open",
	[PHASE_RETRIEVE] = "retrieve",
	[PHASE_VERIFY] = "verify",
	[PHASE_FINISH] = "finish",
	[PHASE_CONTROL] = "control",
};

const char *phase_name(enum phase p)
{
	return p < PHASE_COUNT ? phase_names[p] : "unknown";
}

void metric_print(const struct metric_labels *l, enum phase p, uint64_t ns,
		  const char *method)
{
	printf(WIRE_METRIC "cycle=%llu phase=%s value=%llu.%03llu unit=ms method=%s sessions=%llu files=%llu pages=%llu page_size=%lu abi=%s blocks=%ld session_blocks=%ld file_blocks=%ld kernel_blocks=%ld kernel_session_blocks=%ld kernel_file_blocks=%ld profile=%u workers=%llu churn=%llu faults=%s\n",
	       (unsigned long long)l->cycle, phase_name(p),
	       (unsigned long long)(ns / 1000000),
	       (unsigned long long)(ns / 1000 % 1000), method,
	       (unsigned long long)l->sessions,
	       (unsigned long long)l->files, (unsigned long long)l->pages,
	       l->page_size, l->abi, l->blocks, l->session_blocks,
	       l->file_blocks, l->kernel_blocks, l->kernel_session_blocks,
	       l->kernel_file_blocks, l->profile,
	       (unsigned long long)l->workers, (unsigned long long)l->churn,
	       l->faults ? l->faults : "none");
	fflush(stdout);
}
