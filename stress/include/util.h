/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the stress library.
 */
#ifndef LUO_STRESS_UTIL_H
#define LUO_STRESS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * Write @text to the kernel's file @path (tracefs, sysfs) in one write,
 * replacing what it holds, or after it with @append. Returns 0 or -errno.
 */
int write_file(const char *path, const char *text, int append);

/*
 * The names of the bits set in @mask (@names[bit], @count of them) into
 * @buf, joined by @sep; "" when none is set.
 */
void names_format(uint32_t mask, const char *const *names, int count,
		  const char *sep, char *buf, size_t size);

#endif
