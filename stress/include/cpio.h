/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packing the running initramfs so the next kernel gets the same one
 * (cpio.c).
 */
#ifndef LUO_STRESS_CPIO_H
#define LUO_STRESS_CPIO_H

/*
 * Write a newc cpio of the tree at @root to @out, skipping the
 * directories named in @skip (NULL terminated, relative to @root, kept as
 * empty directories). Adds /dev/console. Returns 0 or -errno.
 */
int cpio_pack_tree(const char *root, const char *out,
		   const char *const *skip);

#endif
