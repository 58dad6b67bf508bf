/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the stress library, named as in the kernel.
 */
#ifndef LUO_STRESS_UTIL_H
#define LUO_STRESS_UTIL_H

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif
