/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel log markers, kexec_file_load() of the next kernel and the kexec
 * reboot itself (kexec.c).
 */
#ifndef LUO_STRESS_KEXEC_H
#define LUO_STRESS_KEXEC_H

/* Write WIRE_KMSG_TAG "<msg>" to /dev/kmsg, so it gets a printk timestamp. */
void kmsg_marker(const char *msg);

/* kexec_file_load() @kernel and @initrd with the running command line. */
int kexec_load_next(const char *kernel, const char *initrd);

/* Reboot into the loaded kernel. Returns only on failure, with -errno. */
int kexec_reboot(void);

#endif
