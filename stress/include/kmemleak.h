/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmemleak scans (a checking kernel, CONFIG_DEBUG_KMEMLEAK): scan, print
 * what it reports as WIRE_KMEMLEAK lines for luo-collect to judge, and
 * clear, so the next scan reports only what is new.
 */
#ifndef LUO_STRESS_KMEMLEAK_H
#define LUO_STRESS_KMEMLEAK_H

#include <stdint.h>

/* Is kmemleak there (and on)? */
int kmemleak_available(void);

/*
 * Scan once objects are old enough for kmemleak to report, print the
 * report of cycle @cycle at scan @when (after-preserve, after-finish,
 * end), clear.
 * Returns the leaks reported, or -1 (said) when it could not scan.
 */
int kmemleak_scan(uint64_t cycle, const char *when);

#endif
