/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-side helpers: kernel log markers, packing the running initramfs
 * so the next kernel gets the same one, kexec_file_load and reboot.
 */
#ifndef LUO_STRESS_BOOT_H
#define LUO_STRESS_BOOT_H

/* Write "luo-stress: <msg>" to /dev/kmsg, so it gets a printk timestamp. */
void kmsg_marker(const char *msg);

/*
 * Write a newc cpio of the tree at @root to @out, skipping the
 * directories named in @skip (NULL terminated, relative to @root, kept as
 * empty directories). Adds /dev/console. Returns 0 or -errno.
 */
int cpio_pack_tree(const char *root, const char *out,
		   const char *const *skip);

/* kexec_file_load() @kernel and @initrd with the running command line. */
int kexec_load_next(const char *kernel, const char *initrd);

/* Reboot into the loaded kernel. Returns only on failure, with -errno. */
int kexec_reboot(void);

#endif
