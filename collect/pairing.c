// SPDX-License-Identifier: GPL-2.0
/*
 * The units a comparison pairs (see pairing.h): cycle numbers of two
 * sweeps, or the runs of an interleaved comparison in their order in
 * time, cycle by cycle within a pair of runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "noise.h"
#include "pairing.h"
#include "stats.h"
#include "text.h"

/* The start of @run on @s (NAN unknown). */
static double run_started(const struct side *s, long run)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->o[i].run == run)
			return s->o[i].started;
	return NAN;
}

size_t pairing_runs(const struct side *s, long *runs)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < n && runs[j] != s->o[i].run; j++)
			;
		if (j == n)
			runs[n++] = s->o[i].run;
	}
	/* insertion sort by start time; unknown times keep their order */
	for (i = 1; i < n; i++) {
		long r = runs[i];
		double t = run_started(s, r);

		for (j = i; j > 0 && !isnan(t) &&
		     !(run_started(s, runs[j - 1]) <= t); j--)
			runs[j] = runs[j - 1];
		runs[j] = r;
	}
	return n;
}

/* The index of @run in @runs, or -1. */
static long rank_of(const long *runs, size_t n, long run)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (runs[i] == run)
			return i;
	return -1;
}

/* Both sides' runs of @pt have start times; their counts into @n. */
static int point_timed(const struct cpoint *pt, size_t n[2])
{
	size_t i;
	int side;

	for (side = 0; side < 2; side++) {
		long *runs = mem_need(calloc(pt->s[side].n + 1, sizeof(long)));

		n[side] = pairing_runs(&pt->s[side], runs);
		free(runs);
		for (i = 0; i < pt->s[side].n; i++)
			if (isnan(pt->s[side].o[i].started))
				return 0;
	}
	return 1;
}

int pairing_interleaved(const struct phases *all)
{
	double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
	size_t i, p, k, n[2], common = 0;
	int side;

	for (i = 0; i < all->n; i++)
		for (p = 0; p < all->ph[i].npt; p++) {
			const struct cpoint *pt = &all->ph[i].pt[p];

			if (!pt->s[0].n || !pt->s[1].n)
				continue;
			if (!point_timed(pt, n) || n[0] < 2 || n[1] < 2)
				return 0;
			common++;
			for (side = 0; side < 2; side++)
				for (k = 0; k < pt->s[side].n; k++) {
					double t = pt->s[side].o[k].started;

					lo[side] = t < lo[side] ? t : lo[side];
					hi[side] = t > hi[side] ? t : hi[side];
				}
		}
	return common && lo[1] < hi[0] && lo[0] < hi[1];
}

/*
 * The unit key of each value of @pt on each side into @key[side] (room
 * for its values): its cycle number without @pg or for two sweeps, else
 * pair by time * PAIRING_KEY + cycle; -1 for a value of no pair (a run
 * without its partner).
 */
static void unit_keys(const struct pairing *pg, const struct cpoint *pt,
		      long *key[2])
{
	long *runs[2];
	size_t i, n[2], pairs;
	int side;

	if (!pg || !pg->interleaved) {
		for (side = 0; side < 2; side++)
			for (i = 0; i < pt->s[side].n; i++)
				key[side][i] = pt->s[side].o[i].cycle;
		return;
	}
	for (side = 0; side < 2; side++) {
		runs[side] = mem_need(calloc(pt->s[side].n + 1, sizeof(long)));
		n[side] = pairing_runs(&pt->s[side], runs[side]);
	}
	pairs = n[0] < n[1] ? n[0] : n[1];
	for (side = 0; side < 2; side++) {
		const struct side *s = &pt->s[side];

		for (i = 0; i < s->n; i++) {
			long pair = rank_of(runs[side], n[side], s->o[i].run);

			key[side][i] = pair >= 0 && pair < (long)pairs &&
				       s->o[i].cycle < PAIRING_KEY ?
				       pair * PAIRING_KEY + s->o[i].cycle : -1;
		}
		free(runs[side]);
	}
}

/* The control phase of @ph's board and page size in @all, or NULL. */
static const struct cphase *control_of(const struct phases *all,
				       const struct cphase *ph)
{
	size_t i;

	for (i = 0; all && i < all->n; i++)
		if (sweeps_is_control(&all->ph[i]) &&
		    !strcmp(all->ph[i].board, ph->board) &&
		    !strcmp(all->ph[i].page_size, ph->page_size))
			return &all->ph[i];
	return NULL;
}

/* The control value of run @run's cycle @cycle at @pt's size, or NAN. */
static double control_at(const struct cphase *ctl, const struct cpoint *pt,
			 int side, long run, long cycle)
{
	size_t p, i;

	for (p = 0; ctl && p < ctl->npt; p++) {
		const struct cpoint *c = &ctl->pt[p];

		if (strcmp(c->sessions, pt->sessions) ||
		    strcmp(c->files, pt->files) || strcmp(c->pages, pt->pages) ||
		    memcmp(c->variant, pt->variant, sizeof(c->variant)))
			continue;
		for (i = 0; i < c->s[side].n; i++)
			if (c->s[side].o[i].run == run &&
			    c->s[side].o[i].cycle == cycle)
				return c->s[side].o[i].v;
	}
	return NAN;
}

int pairing_against_control(const struct pairing *pg, const struct cphase *ph)
{
	static const char *const guest_clock[] = {
		"user", "kretprobe", "printk_marker",
	};
	size_t i;

	if (!pg || !pg->all || sweeps_is_control(ph) ||
	    !control_of(pg->all, ph))
		return 0;
	for (i = 0; i < ARRAY_SIZE(guest_clock); i++)
		if (!strcmp(ph->method, guest_clock[i]))
			return 1;
	return 0;
}

void pairing_units(const struct pairing *pg, const struct cphase *ph,
		   const struct cpoint *pt, struct units *u)
{
	const struct cphase *ctl = NULL;
	size_t most = pt->s[0].n + pt->s[1].n, i, c, k;
	long *key[2];
	double *w, *ref[2];
	int side;

	memset(u, 0, sizeof(*u));
	u->key = mem_need(calloc(most + 1, sizeof(long)));
	u->y[0] = mem_need(calloc(most + 1, sizeof(double)));
	u->y[1] = mem_need(calloc(most + 1, sizeof(double)));
	w = mem_need(calloc(most + 1, sizeof(double)));
	if (pairing_against_control(pg, ph))
		ctl = control_of(pg->all, ph);
	for (side = 0; side < 2; side++) {
		key[side] = mem_need(calloc(pt->s[side].n + 1, sizeof(long)));
		ref[side] = mem_need(calloc(pt->s[side].n + 1, sizeof(double)));
	}
	unit_keys(pg, pt, key);
	for (side = 0; side < 2; side++) {
		const struct side *s = &pt->s[side];

		for (i = 0; i < s->n; i++) {
			/* measured against its cycle's control, or as it is */
			ref[side][i] = ctl ? control_at(ctl, pt, side, s->o[i].run,
							s->o[i].cycle) : 1;
			if (isnan(ref[side][i]))
				key[side][i] = -1;
			if (key[side][i] >= 0)
				noise_cycle_slot(u->key, &u->n, key[side][i]);
		}
	}
	for (side = 0; side < 2; side++)
		for (c = 0; c < u->n; c++) {
			for (i = k = 0; i < pt->s[side].n; i++)
				if (key[side][i] == u->key[c])
					w[k++] = pt->s[side].o[i].v / ref[side][i];
			u->y[side][c] = k ? log(stats_median(w, k)) : NAN;
		}
	for (side = 0; side < 2; side++) {
		free(key[side]);
		free(ref[side]);
	}
	free(w);
}

size_t pairing_diffs(const struct units *u, double *d)
{
	size_t c, n = 0;

	for (c = 0; c < u->n; c++)
		if (!isnan(u->y[0][c]) && !isnan(u->y[1][c]))
			d[n++] = u->y[1][c] - u->y[0][c];
	return n;
}

void pairing_units_free(struct units *u)
{
	free(u->key);
	free(u->y[0]);
	free(u->y[1]);
	memset(u, 0, sizeof(*u));
}
