/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-aggregate's memory (mem.c): an allocation that fails ends the
 * program with status 3, so no caller checks for NULL; arrays grow by
 * doubling.
 */
#ifndef LUO_COLLECT_MEM_H
#define LUO_COLLECT_MEM_H

#include <stdlib.h>

/* @p, or exit 3 with "luo-aggregate: out of memory" when it is NULL. */
void *mem_need(void *p);

/* Room in array @a of @cap elements for its element @n. */
#define MEM_GROW(a, n, cap)						\
	do {								\
		if ((n) >= (cap)) {					\
			(cap) = (cap) ? 2 * (cap) : 16;			\
			(a) = mem_need(realloc((a), (cap) * sizeof(*(a)))); \
		}							\
	} while (0)

#endif
