/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run configuration of a stress workload: parsed from the command line in
 * the first kernel, carried across every kexec in the state session.
 */
#ifndef LUO_STRESS_CONFIG_H
#define LUO_STRESS_CONFIG_H

#include <stdint.h>

#define STRESS_NAME_LEN 32
#define STRESS_PATH_LEN 128

struct stress_config {
	char workload[STRESS_NAME_LEN];
	uint64_t sessions;	/* sessions per cycle */
	uint64_t files;		/* memfds per session */
	uint64_t pages;		/* pages per memfd */
	uint64_t cycles;	/* kexec reboots */
	uint64_t seed;
	uint64_t corrupt_cycle;	/* self-check: corrupt before this kexec, 0 off */
	char kernel[STRESS_PATH_LEN];	/* image the next kexec loads */
	char initrd[STRESS_PATH_LEN];	/* initramfs the next kexec loads */
};

/*
 * Parse @argv into @cfg (defaults first). Returns 0 on success, 1 when
 * --help was printed, -1 after printing a one-line error.
 */
int config_parse(struct stress_config *cfg, const char *workload,
		 int argc, char **argv);

/* Print the option summary for @workload to stdout. */
void config_usage(const char *workload);

#endif
