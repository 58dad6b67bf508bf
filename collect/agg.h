/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-aggregate's parts: CSV reading by header name (aggregate.c) and
 * the entry points of the comparison of two sweeps, its sensitivity and
 * its simulation (compare.c, sensitivity.c; their shared parts in
 * compare.h).
 */
#ifndef LUO_COLLECT_AGG_H
#define LUO_COLLECT_AGG_H

#include <stdio.h>
#include <stdlib.h>

#define MAX_FIELDS	32
#define LINE_MAX_LEN	8192

/* Split a CSV line in place; handles quoted fields. Returns field count. */
int csv_split(char *line, char **f);
/* Index of column @name in header @hdr of @n fields, or -1. */
int col(char **hdr, int n, const char *name);
/*
 * Whether row @f of a luo-collect CSV is of a profiled run (PROFILE=1),
 * whose times carry the profiler's cost; @cprof is the index of its
 * "profile" column, or -1.
 */
int row_profiled(char **f, int cprof);
FILE *open_or_die(const char *path);
/* Read the header of @f into @hdr; exits 3 on a bad file. */
int read_header(FILE *f, const char *path, char *buf, char **hdr);
/* Column @name of header @hdr, or exit 3 naming what is missing. */
int need_col(char **hdr, int n, const char *name, const char *path);
/* Numeric order for numbers, text order otherwise. */
int cmp_value(const char *a, const char *b);
/* Exit 3 with "luo-aggregate: " and @msg when @p is NULL. */
void *need_mem(void *p);

/* Room in array @a of @cap elements for its element @n. */
#define GROW(a, n, cap)							\
	do {								\
		if ((n) >= (cap)) {					\
			(cap) = (cap) ? 2 * (cap) : 16;			\
			(a) = need_mem(realloc((a), (cap) * sizeof(*(a)))); \
		}							\
	} while (0)

/* --compare BASE NEW: exit status 1 when a phase is slower. */
int compare(const char *base_path, const char *new_path);
/* --cycles-for CHANGE METRICS [METRICS2] */
int cycles_for(const char *change, const char *path, const char *path2);
/* --simulate CHANGE SWEEPS [--cycles N] METRICS [METRICS2] */
int simulate(const char *change, const char *sweeps, const char *cycles,
	     const char *path, const char *path2);

#endif
