/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP results the kselftest helpers do not print: a SKIP that keeps
 * its test's name ("ok 3 verify # SKIP first kernel"), so result
 * trackers and kunit.py follow a test whether it ran or not.
 */
#ifndef LUO_STRESS_KTAP_H
#define LUO_STRESS_KTAP_H

#include <stdarg.h>
#include <stdio.h>

#include "kselftest.h"

static inline __printf(2, 3) void ktap_test_skip(const char *name,
						 const char *why, ...)
{
	va_list args;

	ksft_inc_xskip_cnt();
	printf("ok %u %s # SKIP ", ksft_test_num(), name);
	va_start(args, why);
	vprintf(why, args);
	va_end(args);
	putchar('\n');
}

#endif
