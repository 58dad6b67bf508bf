/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options of luo-kexec, the control that kexecs without LUO: how many
 * kexecs, and the kernels and initramfs they load (the workloads' own
 * options, kexec_opts.h). Parsed by the program on the board and by
 * luo-workload on the host, from the one table in kexec_config.c.
 */
#ifndef LUO_STRESS_KEXEC_CONFIG_H
#define LUO_STRESS_KEXEC_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#include "kexec_opts.h"

#define KEXEC_CONFIG_NAME "luo-kexec"

struct kexec_config {
	uint64_t cycles;		/* kexecs */
	struct kexec_target kexec;	/* what each kexec loads */
};

/*
 * Parse @argv into @cfg, defaults first. Returns 0, 1 when --help was
 * printed, -1 after printing a one-line error to stderr.
 */
int kexec_config_parse(struct kexec_config *cfg, int argc, char **argv);

/* Every option of @cfg as "name=value" lines. */
void kexec_config_print(const struct kexec_config *cfg, FILE *f);

#endif
