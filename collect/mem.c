// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate's one answer to a failed allocation (see mem.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "mem.h"

void *mem_need(void *p)
{
	if (!p) {
		fprintf(stderr, "luo-aggregate: out of memory\n");
		exit(3);
	}
	return p;
}
