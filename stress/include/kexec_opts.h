/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options of a kexec, written once for every program that kexecs
 * (the workloads of config.c, luo-kexec of kexec_config.c): the kernels
 * the kexecs load in turn and the initramfs, their defaults, their rows
 * of an option table. Header only: the host's luo-workload parses them
 * too.
 */
#ifndef LUO_STRESS_KEXEC_OPTS_H
#define LUO_STRESS_KEXEC_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "opts.h"
#include "wire.h"

/* the most kexec cycles a run may ask for */
#define KEXEC_MAX_CYCLES 100000

struct kexec_target {
	char kernel[OPT_PATHS_LEN];	/* images: kexec c loads c mod N */
	char initrd[OPT_PATH_LEN];	/* the initramfs of every kexec */
};

static inline void kexec_target_defaults(struct kexec_target *t)
{
	snprintf(t->kernel, sizeof(t->kernel), "%s", WIRE_GUEST_KERNEL);
	snprintf(t->initrd, sizeof(t->initrd), "%s", WIRE_GUEST_NEXT_INITRD);
}

/*
 * The option rows of the struct kexec_target at offset @off of a config:
 * KEXEC_KERNEL_OPT(off), KEXEC_INITRD_OPT(off).
 */
#define KEXEC_KERNEL_OPT(off) {						\
	"kernel", OPT_PATHS, (off) + offsetof(struct kexec_target, kernel),\
	0, 0, NULL, "PATHS",						\
	"images for kexec, comma-separated: kexec C (from 1) loads\n"	\
	"image C mod N, counted from 0 (the booted kernel's); one\n"	\
	"image: every kexec" }
#define KEXEC_INITRD_OPT(off) {						\
	"initrd", OPT_PATH, (off) + offsetof(struct kexec_target, initrd),\
	0, 0, NULL, "PATH", "initramfs for kexec" }

#endif
