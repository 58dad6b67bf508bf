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

/* What --corrupt changes in one file, to prove verification catches it. */
enum corrupt_kind {
	CORRUPT_DATA,	/* flip a preserved byte after preserve */
	CORRUPT_SIZE,	/* one byte more than the spec says */
	CORRUPT_SEAL,	/* a seal set other than the spec's */
	CORRUPT_HOLE,	/* data in a page the spec says is a hole */
	CORRUPT_COUNT,
};

/* A workload's own defaults. */
struct config_defaults {
	const char *workload;
	uint64_t sessions;
	uint64_t files;
	uint64_t pages;
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
	uint32_t hold;		/* keep sessions in a child, no kexec of ours */
	char kernel[STRESS_PATH_LEN];	/* image the next kexec loads */
	char initrd[STRESS_PATH_LEN];	/* initramfs the next kexec loads */
};

/*
 * Parse @argv into @cfg (defaults first). Returns 0 on success, 1 when
 * --help was printed, -1 after printing a one-line error.
 */
int config_parse(struct stress_config *cfg, const struct config_defaults *d,
		 int argc, char **argv);

/* Print the option summary to stdout. */
void config_usage(const struct config_defaults *d);

const char *corrupt_kind_name(uint32_t k);

#endif
