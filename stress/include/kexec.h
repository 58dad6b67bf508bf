/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel log markers, kexec_file_load() of the next kernel and the kexec
 * reboot itself (kexec.c).
 */
#ifndef LUO_STRESS_KEXEC_H
#define LUO_STRESS_KEXEC_H

#include <stdint.h>

/* Write WIRE_KMSG_TAG "<msg>" to /dev/kmsg, so it gets a printk timestamp. */
void kmsg_marker(const char *msg);

/*
 * kexec_file_load() the kernel of kexec @cycle: image @cycle mod N of the
 * comma-separated @kernels (opt_paths_pick()), @initrd, and the running
 * command line with WIRE_CMDLINE_CYCLE set to @cycle, so the next kernel
 * knows which it is. Says which image it loaded; on failure a WIRE_FAIL
 * line naming it. Returns 0 or -errno.
 */
int kexec_load_next(const char *kernels, const char *initrd, uint64_t cycle);

/*
 * The last words before kexec @cycle of @cycles: the WIRE_KEXEC line
 * (@note after "N of M"), flushed, then the kernel log marker
 * WIRE_MARKER, for the collector's reboot and blackout phases.
 */
void kexec_announce(uint64_t cycle, uint64_t cycles, const char *note);

/*
 * Reboot into the loaded kernel. Returns only on failure, -errno, after
 * a WIRE_FAIL line.
 */
int kexec_reboot(void);

#endif
