/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which kernel this is (boot.c): the kexec it came up from, and the
 * WIRE_KERNEL line every program prints first in every kernel, "kernel:
 * cycle=N release=R machine=M page_size=P", that tells the kernels of a
 * run apart.
 */
#ifndef LUO_STRESS_BOOT_H
#define LUO_STRESS_BOOT_H

#include <stdint.h>

/*
 * The kexec this kernel came up from, WIRE_CMDLINE_CYCLE of
 * /proc/cmdline: 0 when it has none (the first kernel), or a value that
 * is not a number (then said on a diagnostic line).
 */
uint64_t boot_cycle(void);

/* Print the WIRE_KERNEL line; returns its cycle, boot_cycle(). */
uint64_t boot_print_kernel(void);

#endif
