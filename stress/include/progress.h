/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one progress throttle: long loops call progress_due() once per
 * item; it reads the clock only every PROGRESS_CHECK_EVERY items and
 * says a "# progress:" line is due at most every PROGRESS_NS. The
 * runner's watchdog counts those lines.
 */
#ifndef LUO_STRESS_PROGRESS_H
#define LUO_STRESS_PROGRESS_H

#include <stdint.h>

#define PROGRESS_NS		(5 * 1000000000ULL)
/* items between clock reads: cheap next to a LUO call per item */
#define PROGRESS_CHECK_EVERY	256

struct progress {
	uint64_t (*clock)(void);	/* nanoseconds */
	uint64_t items;
	uint64_t last_ns;
};

/* Start a throttle on @clock: the first line is due PROGRESS_NS on. */
void progress_init(struct progress *p, uint64_t (*clock)(void));

/* Count one item; 1 when a progress line is due now. */
int progress_due(struct progress *p);

#endif
