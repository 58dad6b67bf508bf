// SPDX-License-Identifier: GPL-2.0
/*
 * The two sweeps luo-aggregate compares: luo-collect's metrics.csv of
 * BASE and NEW, read by column name into phases (board, page size,
 * phase, method) and their points (sessions, files, pages), each with
 * the passed cycles of both sides.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "mem.h"
#include "stats.h"
#include "sweeps.h"
#include "text.h"

void sweeps_add_obs(struct side *s, long cycle, double v)
{
	MEM_GROW(s->o, s->n, s->cap);
	s->o[s->n].cycle = cycle;
	s->o[s->n].v = v < SWEEPS_VALUE_FLOOR ? SWEEPS_VALUE_FLOOR : v;
	s->o[s->n].run = 0;
	s->o[s->n].started = NAN;
	s->n++;
}

/* The columns of luo-collect's CSV a sweep is read from. */
enum col {
	COL_BOARD,
	COL_PAGE_SIZE,
	COL_PHASE,
	COL_METHOD,
	COL_SESSIONS,
	COL_FILES,
	COL_PAGES,
	COL_BLOCKS,
	COL_CYCLE,
	COL_VALUE,
	COL_STATUS,
	COL_RUN,
	NCOLS
};

static const char *const col_names[NCOLS] = {
	[COL_BOARD] = "board",
	[COL_PAGE_SIZE] = "page_size",
	[COL_PHASE] = "phase",
	[COL_METHOD] = "method",
	[COL_SESSIONS] = "sessions",
	[COL_FILES] = "files",
	[COL_PAGES] = "pages",
	[COL_BLOCKS] = "blocks",
	[COL_CYCLE] = "cycle",
	[COL_VALUE] = "value",
	[COL_STATUS] = "status",
	[COL_RUN] = "run_id",
};

/* The runs of one CSV in their order of appearance: their index. */
struct run_names {
	char (*id)[128];
	size_t n, cap;
};

static long run_index(struct run_names *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->id[i], id))
			return i;
	MEM_GROW(r->id, r->n, r->cap);
	snprintf(r->id[r->n], sizeof(r->id[0]), "%s", id);
	return r->n++;
}

/* The phase of row @f (its columns at @c, by enum col), added when new. */
static struct cphase *phase_of(struct phases *all, char **f, const int *c)
{
	struct cphase *ph;
	size_t i;

	for (i = 0; i < all->n; i++) {
		ph = &all->ph[i];
		if (!strcmp(ph->board, f[c[COL_BOARD]]) &&
		    !strcmp(ph->page_size, f[c[COL_PAGE_SIZE]]) &&
		    !strcmp(ph->phase, f[c[COL_PHASE]]) &&
		    !strcmp(ph->method, f[c[COL_METHOD]]))
			return ph;
	}
	MEM_GROW(all->ph, all->n, all->cap);
	ph = &all->ph[all->n++];
	memset(ph, 0, sizeof(*ph));
	TEXT_COPY(ph->board, f[c[COL_BOARD]]);
	TEXT_COPY(ph->page_size, f[c[COL_PAGE_SIZE]]);
	TEXT_COPY(ph->phase, f[c[COL_PHASE]]);
	TEXT_COPY(ph->method, f[c[COL_METHOD]]);
	return ph;
}

/* Whether row @f (variant columns at @cv) is of point @pt's variant. */
static int same_variant(const struct cpoint *pt, char **f, const int *cv)
{
	int v;

	for (v = 0; v < CSV_VARIANTS; v++)
		if (strcmp(pt->variant[v], csv_opt(f, cv[v])))
			return 0;
	return 1;
}

/*
 * The point of @ph at the row's sessions, files, pages and variant
 * (@cv): two kernels of another ABI may need other blocks for the same
 * workload.
 */
static struct cpoint *point_of(struct cphase *ph, char **f, const int *c,
			       const int *cv, int side)
{
	struct cpoint *pt = NULL;
	size_t i;
	int v;

	for (i = 0; i < ph->npt && !pt; i++)
		if (!strcmp(ph->pt[i].sessions, f[c[COL_SESSIONS]]) &&
		    !strcmp(ph->pt[i].files, f[c[COL_FILES]]) &&
		    !strcmp(ph->pt[i].pages, f[c[COL_PAGES]]) &&
		    same_variant(&ph->pt[i], f, cv))
			pt = &ph->pt[i];
	if (!pt) {
		MEM_GROW(ph->pt, ph->npt, ph->cap);
		pt = &ph->pt[ph->npt++];
		memset(pt, 0, sizeof(*pt));
		TEXT_COPY(pt->sessions, f[c[COL_SESSIONS]]);
		TEXT_COPY(pt->files, f[c[COL_FILES]]);
		TEXT_COPY(pt->pages, f[c[COL_PAGES]]);
		for (v = 0; v < CSV_VARIANTS; v++)
			TEXT_COPY(pt->variant[v], csv_opt(f, cv[v]));
	}
	if (!*pt->blocks || side == 1) {
		TEXT_COPY(pt->blocks, f[c[COL_BLOCKS]]);
		if (text_parse_double(pt->blocks, NULL, &pt->nblocks))
			pt->nblocks = -1;
	}
	return pt;
}

void sweeps_load(const char *path, int side, struct phases *all)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	int c[NCOLS], cv[CSV_VARIANTS], nh, cprof, cstart, bad = 0, rows = 0;
	struct run_names runs = { 0 };
	FILE *in = csv_open(path);
	struct side *s;
	long cycle;
	double v, t;

	nh = csv_read_header(in, path, hbuf, hdr);
	csv_need_cols(hdr, nh, col_names, NCOLS, c, path);
	csv_opt_cols(hdr, nh, csv_variant_cols, CSV_VARIANTS, cv);
	/* profiled runs (PROFILE=1) carry the profiler's cost: left out */
	cprof = csv_col(hdr, nh, "profile");
	/* when each run started: a comparison pairs runs by their order */
	cstart = csv_col(hdr, nh, "started");
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh) {
			bad++;
			continue;
		}
		if (strcmp(f[c[COL_STATUS]], "pass") || !*f[c[COL_VALUE]] ||
		    csv_row_profiled(f, cprof))
			continue;
		if (text_parse_double(f[c[COL_VALUE]], NULL, &v) ||
		    text_parse_long(f[c[COL_CYCLE]], NULL, &cycle)) {
			bad++;
			continue;
		}
		s = &point_of(phase_of(all, f, c), f, c, cv, side)->s[side];
		sweeps_add_obs(s, cycle, v);
		s->o[s->n - 1].run = run_index(&runs, f[c[COL_RUN]]);
		if (cstart >= 0 && !text_parse_double(f[cstart], NULL, &t))
			s->o[s->n - 1].started = t;
		rows++;
	}
	free(runs.id);
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

void sweeps_free(struct phases *all)
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
		c = csv_cmp_value(x->page_size, y->page_size);
	return c ? c : strcmp(x->method, y->method);
}

static int cmp_point(const void *a, const void *b)
{
	const struct cpoint *x = a, *y = b;
	int c = x->nblocks < y->nblocks ? -1 : x->nblocks > y->nblocks, v;

	if (!c)
		c = csv_cmp_value(x->sessions, y->sessions);
	if (!c)
		c = csv_cmp_value(x->files, y->files);
	if (!c)
		c = csv_cmp_value(x->pages, y->pages);
	for (v = 0; !c && v < CSV_VARIANTS; v++)
		c = csv_cmp_value(x->variant[v], y->variant[v]);
	return c;
}

void sweeps_sort(struct phases *all)
{
	size_t i;

	qsort(all->ph, all->n, sizeof(*all->ph), cmp_phase);
	for (i = 0; i < all->n; i++)
		qsort(all->ph[i].pt, all->ph[i].npt, sizeof(*all->ph[i].pt),
		      cmp_point);
}

int sweeps_is_control(const struct cphase *ph)
{
	return !strcmp(ph->phase, SWEEPS_CONTROL);
}

uint64_t sweeps_phase_seed(const struct cphase *ph)
{
	uint64_t h = stats_hash_str(STATS_SEED, ph->board);

	h = stats_hash_str(h, ph->page_size);
	h = stats_hash_str(h, ph->phase);
	return stats_hash_str(h, ph->method);
}
