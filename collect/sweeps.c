// SPDX-License-Identifier: GPL-2.0
/*
 * The two sweeps luo-aggregate compares: luo-collect's metrics.csv of
 * BASE and NEW, read by column name into phases (board, page size,
 * phase, method) and their points (sessions, files, pages), each with
 * the passed cycles of both sides.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "compare.h"
#include "stats.h"
#include "text.h"

void add_obs(struct side *s, long cycle, double v)
{
	GROW(s->o, s->n, s->cap);
	s->o[s->n].cycle = cycle;
	s->o[s->n].v = v < VALUE_FLOOR ? VALUE_FLOOR : v;
	s->n++;
}

#define COPY(dst, src) snprintf(dst, sizeof(dst), "%s", src)

static struct cphase *phase_of(struct phases *all, char **f, const int *c)
{
	struct cphase *ph;
	size_t i;

	for (i = 0; i < all->n; i++) {
		ph = &all->ph[i];
		if (!strcmp(ph->board, f[c[0]]) &&
		    !strcmp(ph->page_size, f[c[1]]) &&
		    !strcmp(ph->phase, f[c[2]]) && !strcmp(ph->method, f[c[3]]))
			return ph;
	}
	GROW(all->ph, all->n, all->cap);
	ph = &all->ph[all->n++];
	memset(ph, 0, sizeof(*ph));
	COPY(ph->board, f[c[0]]);
	COPY(ph->page_size, f[c[1]]);
	COPY(ph->phase, f[c[2]]);
	COPY(ph->method, f[c[3]]);
	return ph;
}

/*
 * The point of @ph at the row's sessions, files and pages: two kernels
 * of another ABI may need other blocks for the same workload.
 */
static struct cpoint *point_of(struct cphase *ph, char **f, const int *c,
			       int side)
{
	struct cpoint *pt = NULL;
	size_t i;

	for (i = 0; i < ph->npt && !pt; i++)
		if (!strcmp(ph->pt[i].sessions, f[c[4]]) &&
		    !strcmp(ph->pt[i].files, f[c[5]]) &&
		    !strcmp(ph->pt[i].pages, f[c[6]]))
			pt = &ph->pt[i];
	if (!pt) {
		GROW(ph->pt, ph->npt, ph->cap);
		pt = &ph->pt[ph->npt++];
		memset(pt, 0, sizeof(*pt));
		COPY(pt->sessions, f[c[4]]);
		COPY(pt->files, f[c[5]]);
		COPY(pt->pages, f[c[6]]);
	}
	if (!*pt->blocks || side == 1) {
		COPY(pt->blocks, f[c[7]]);
		if (text_parse_double(pt->blocks, NULL, &pt->nblocks))
			pt->nblocks = -1;
	}
	return pt;
}

/* The passed cycles' values of luo-collect's CSV @path, as @side. */
void load_metrics(const char *path, int side, struct phases *all)
{
	static const char *const names[] = {
		"board", "page_size", "phase", "method", "sessions", "files",
		"pages", "blocks", "cycle", "value", "status",
	};
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	int c[ARRAY_SIZE(names)], nh, k, cprof, bad = 0, rows = 0;
	FILE *in = open_or_die(path);
	long cycle;
	double v;

	nh = read_header(in, path, hbuf, hdr);
	for (k = 0; k < (int)ARRAY_SIZE(names); k++)
		c[k] = need_col(hdr, nh, names[k], path);
	/* profiled runs (PROFILE=1) carry the profiler's cost: left out */
	cprof = col(hdr, nh, "profile");
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh) {
			bad++;
			continue;
		}
		if (strcmp(f[c[10]], "pass") || !*f[c[9]] ||
		    row_profiled(f, cprof))
			continue;
		if (text_parse_double(f[c[9]], NULL, &v) ||
		    text_parse_long(f[c[8]], NULL, &cycle)) {
			bad++;
			continue;
		}
		add_obs(&point_of(phase_of(all, f, c), f, c, side)->s[side],
			cycle, v);
		rows++;
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			path, bad);
	if (!rows) {
		fprintf(stderr, "luo-aggregate: %s: no passed cycle with a value\n",
			path);
		exit(3);
	}
}

void free_phases(struct phases *all)
{
	size_t i, j;

	for (i = 0; i < all->n; i++) {
		for (j = 0; j < all->ph[i].npt; j++) {
			free(all->ph[i].pt[j].s[0].o);
			free(all->ph[i].pt[j].s[1].o);
		}
		free(all->ph[i].pt);
	}
	free(all->ph);
}

static int cmp_phase(const void *a, const void *b)
{
	const struct cphase *x = a, *y = b;
	int c = strcmp(x->phase, y->phase);

	if (!c)
		c = strcmp(x->board, y->board);
	if (!c)
		c = cmp_value(x->page_size, y->page_size);
	return c ? c : strcmp(x->method, y->method);
}

static int cmp_point(const void *a, const void *b)
{
	const struct cpoint *x = a, *y = b;
	int c = x->nblocks < y->nblocks ? -1 : x->nblocks > y->nblocks;

	if (!c)
		c = cmp_value(x->sessions, y->sessions);
	if (!c)
		c = cmp_value(x->files, y->files);
	return c ? c : cmp_value(x->pages, y->pages);
}

void sort_phases(struct phases *all)
{
	size_t i;

	qsort(all->ph, all->n, sizeof(*all->ph), cmp_phase);
	for (i = 0; i < all->n; i++)
		qsort(all->ph[i].pt, all->ph[i].npt, sizeof(*all->ph[i].pt),
		      cmp_point);
}

uint64_t phase_seed(const struct cphase *ph)
{
	uint64_t h = hash_str(SEED, ph->board);

	h = hash_str(h, ph->page_size);
	h = hash_str(h, ph->phase);
	return hash_str(h, ph->method);
}
