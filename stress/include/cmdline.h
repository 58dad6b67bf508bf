/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line: read from /proc/cmdline, and our parameter
 * WIRE_CMDLINE_CYCLE (its value the kexec a kernel came up from) found in
 * it and set in the one the next kexec passes (cmdline.c).
 * Words are read as the kernel reads them: split at spaces outside
 * double quotes, the kernel's own ending at a word "--" (the rest is
 * init's).
 */
#ifndef LUO_STRESS_CMDLINE_H
#define LUO_STRESS_CMDLINE_H

#include <stddef.h>
#include <stdint.h>

/* room for any architecture's COMMAND_LINE_SIZE */
#define CMDLINE_LEN 4096

/*
 * /proc/cmdline into @buf, without its newline. Returns 0 or -errno
 * (-E2BIG when it does not fit).
 */
int cmdline_read(char *buf, size_t size);

/*
 * The cycle WIRE_CMDLINE_CYCLE gives in @cmdline (the last one, as the
 * kernel takes it) into @cycle. Returns 0, -ENOENT when there is none,
 * -EINVAL when its value is not a number.
 */
int cmdline_cycle(const char *cmdline, uint64_t *cycle);

/*
 * @cmdline with WIRE_CMDLINE_CYCLE set to @cycle into @out: every one of
 * it dropped, one added after the kernel's words (before "--"). Returns
 * 0, or -E2BIG when it does not fit in @size.
 */
int cmdline_set_cycle(const char *cmdline, uint64_t cycle, char *out,
		      size_t size);

#endif
