// SPDX-License-Identifier: GPL-2.0
/*
 * Progress throttle (see progress.h).
 */
#include "progress.h"

void progress_init(struct progress *p, uint64_t (*clock)(void))
{
	p->clock = clock;
	p->items = 0;
	p->last_ns = clock();
}

int progress_due(struct progress *p)
{
	uint64_t now;

	if (p->items++ % PROGRESS_CHECK_EVERY)
		return 0;
	now = p->clock();
	if (now - p->last_ns < PROGRESS_NS)
		return 0;
	p->last_ns = now;
	return 1;
}
