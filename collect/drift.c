// SPDX-License-Identifier: GPL-2.0
/*
 * The machine's drift, from the control phase (see drift.h).
 *
 * What moves the control is the machine: the host's load under TCG,
 * its frequency, its neighbours. The control's move is drift when its
 * 95% interval lies clear of 1 and beyond DRIFT_MIN:
 *   - NEW against BASE: the Hodges-Lehmann ratio of the control's
 *     paired units, with its exact signed-rank interval;
 *   - in an interleaved comparison, the late pairs of runs against the
 *     early ones: the ratio of the medians of the runs' control (both
 *     sides together), with a seeded bootstrap interval.
 * Two sweeps that drifted apart get no verdict: the drift fell on one
 * side only, and the machine slows the phases unevenly (1.2x to 1.6x
 * under one load), so no one factor takes it out. An interleaved
 * comparison corrects, by its design and by a measure: each pair's two
 * runs are next to each other in time, so a drift falls on both sides
 * alike, and every phase's time is divided by the control of its own
 * cycle (pairing.c), which takes out what the machine did to that
 * cycle as far as the phase follows the machine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"
#include "mem.h"
#include "signed_rank.h"
#include "stats.h"
#include "text.h"

#define DRIFT_DRAWS	2000	/* bootstrap draws of late / early */

const struct drift *drift_of(const struct drifts *ds, const struct cphase *ph)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (!strcmp(ds->d[i].board, ph->board) &&
		    !strcmp(ds->d[i].page_size, ph->page_size))
			return &ds->d[i];
	return NULL;
}

/* The drift of @ph's board and page size, added when new. */
static struct drift *group_of(struct drifts *ds, const struct cphase *ph)
{
	struct drift *g = (struct drift *)drift_of(ds, ph);

	if (g)
		return g;
	MEM_GROW(ds->d, ds->n, ds->cap);
	g = &ds->d[ds->n++];
	memset(g, 0, sizeof(*g));
	TEXT_COPY(g->board, ph->board);
	TEXT_COPY(g->page_size, ph->page_size);
	g->between = g->b_lo = g->b_hi = NAN;
	g->late = g->l_lo = g->l_hi = NAN;
	g->action = "unseen";
	return g;
}

/* Drift: the log ratio @est beyond DRIFT_MIN, its interval clear of 0. */
static int drifted(double est, double lo, double hi)
{
	return (lo > 0 || hi < 0) && fabs(est) > log1p(DRIFT_MIN);
}

/* A run's log control, the median of its cycles; NAN when it has none. */
static double run_level(const struct side *s, long run, double *w)
{
	size_t i, k = 0;

	for (i = 0; i < s->n; i++)
		if (s->o[i].run == run)
			w[k++] = log(s->o[i].v);
	return k ? stats_median(w, k) : NAN;
}

/* NEW / BASE: the Hodges-Lehmann ratio of the control's paired units. */
static void between(struct drift *g, const struct pairing *pg,
		    const struct cphase *ph)
{
	size_t p, most = 1, n = 0;
	struct units u;
	double *d, lo, hi, est;

	for (p = 0; p < ph->npt; p++)
		most += ph->pt[p].s[0].n + ph->pt[p].s[1].n;
	d = mem_need(calloc(most, sizeof(double)));
	for (p = 0; p < ph->npt; p++) {
		pairing_units(pg, ph, &ph->pt[p], &u);
		n += pairing_diffs(&u, d + n);
		pairing_units_free(&u);
	}
	if (n) {
		est = signed_rank_hodges_lehmann(d, n, 0.025, &lo, &hi, NULL);
		g->between = exp(est);
		g->b_lo = exp(lo);
		g->b_hi = exp(hi);
		g->drifted_between = drifted(est, lo, hi);
	}
	free(d);
}

/* @n values drawn from @v with replacement: their median. */
static double draw_median(const double *v, size_t n, double *w,
			  struct rng *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		w[i] = v[stats_rng_below(r, n)];
	return stats_median(w, n);
}

/* Interleaved: the late pairs' control against the early pairs'. */
static void over_time(struct drift *g, const struct cphase *ph)
{
	size_t p, most = 1, ne = 0, nl = 0, k, n[2], b, pairs;
	double *early, *late, *w, *draws, est, lo, hi;
	struct rng r;
	int side;

	for (p = 0; p < ph->npt; p++)
		most += ph->pt[p].s[0].n + ph->pt[p].s[1].n;
	early = mem_need(calloc(most, sizeof(double)));
	late = mem_need(calloc(most, sizeof(double)));
	w = mem_need(calloc(most, sizeof(double)));
	for (p = 0; p < ph->npt; p++) {
		const struct cpoint *pt = &ph->pt[p];
		long *runs[2];

		if (!pt->s[0].n || !pt->s[1].n)
			continue;
		for (side = 0; side < 2; side++) {
			runs[side] = mem_need(calloc(pt->s[side].n + 1, sizeof(long)));
			n[side] = pairing_runs(&pt->s[side], runs[side]);
		}
		pairs = n[0] < n[1] ? n[0] : n[1];
		for (side = 0; side < 2; side++)
			for (k = 0; k < pairs; k++) {
				double y = run_level(&pt->s[side], runs[side][k], w);

				if (isnan(y))
					continue;
				if (2 * k + 1 < pairs)
					early[ne++] = y;
				else if (2 * k + 1 > pairs)
					late[nl++] = y;
			}
		free(runs[0]);
		free(runs[1]);
	}
	if (ne >= 2 && nl >= 2) {
		draws = mem_need(calloc(DRIFT_DRAWS, sizeof(double)));
		stats_rng_seed(&r, stats_hash_str(STATS_SEED, g->board));
		for (b = 0; b < DRIFT_DRAWS; b++)
			draws[b] = draw_median(late, nl, w, &r) -
				   draw_median(early, ne, w, &r);
		qsort(draws, DRIFT_DRAWS, sizeof(double), stats_cmp_double);
		lo = stats_percentile(draws, DRIFT_DRAWS, 0.025);
		hi = stats_percentile(draws, DRIFT_DRAWS, 0.975);
		est = stats_median(late, nl) - stats_median(early, ne);
		g->late = exp(est);
		g->l_lo = exp(lo);
		g->l_hi = exp(hi);
		g->drifted_time = drifted(est, lo, hi);
		free(draws);
	}
	free(early);
	free(late);
	free(w);
}

/* What the comparison does about @g's drift, and the line that says it. */
static void decide(struct drift *g, int interleaved)
{
	char *s = g->said;
	size_t z = sizeof(g->said);

	g->interleaved = interleaved;
	if (!g->control) {
		g->action = "unseen";
		snprintf(s, z, "%s/%s: no machine control in both sides' runs: drift cannot be seen (runs made before the control phase)",
			 g->board, g->page_size);
	} else if (!interleaved) {
		g->action = g->drifted_between ? "withheld" : "none";
		snprintf(s, z, g->drifted_between ?
			 "%s/%s: the machine drifted: the control ran %.2fx (%.2f-%.2f) in NEW against BASE; the sweeps were not interleaved, so the drift fell on one side and cannot be told from the kernel: verdict withheld (scripts/compare.sh runs both interleaved)" :
			 "%s/%s: machine control steady: NEW against BASE %.2fx (%.2f-%.2f); the sweeps were not interleaved",
			 g->board, g->page_size, g->between, g->b_lo, g->b_hi);
	} else if (g->drifted_time || g->drifted_between) {
		g->action = "corrected";
		snprintf(s, z, "%s/%s: the machine drifted: the control ran %.2fx (%.2f-%.2f) in the late pairs of runs against the early ones, and %.2fx (%.2f-%.2f) in NEW against BASE; corrected by the interleaved pairs and the control of every cycle",
			 g->board, g->page_size, g->late, g->l_lo, g->l_hi,
			 g->between, g->b_lo, g->b_hi);
	} else {
		g->action = "none";
		snprintf(s, z, "%s/%s: machine control steady: late pairs of runs against early %.2fx (%.2f-%.2f), NEW against BASE %.2fx (%.2f-%.2f)",
			 g->board, g->page_size, g->late, g->l_lo, g->l_hi,
			 g->between, g->b_lo, g->b_hi);
	}
}

void drift_assess(struct phases *all, const struct pairing *pg,
		  struct drifts *out)
{
	size_t i, p;

	for (i = 0; i < all->n; i++) {
		struct cphase *ph = &all->ph[i];
		struct drift *g = group_of(out, ph);

		if (!sweeps_is_control(ph))
			continue;
		for (p = 0; p < ph->npt; p++)
			if (ph->pt[p].s[0].n && ph->pt[p].s[1].n)
				g->control = 1;
		if (!g->control)
			continue;
		between(g, pg, ph);
		if (pg->interleaved)
			over_time(g, ph);
	}
	for (i = 0; i < out->n; i++)
		decide(&out->d[i], pg->interleaved);
}

static void put(FILE *f, const char *fmt, double v)
{
	if (isnan(v))
		fputc(',', f);
	else
		fprintf(f, fmt, v);
}

void drift_print_csv(const struct drifts *ds, FILE *f)
{
	size_t i;

	fputs("board,page_size,paired_by,control,between,between_lo,between_hi,late_early,late_early_lo,late_early_hi,drift_between,drift_over_time,action,said\n",
	      f);
	for (i = 0; i < ds->n; i++) {
		const struct drift *g = &ds->d[i];

		fprintf(f, "%s,%s,%s,%d", g->board, g->page_size,
			g->interleaved ? "time" : "cycle", g->control);
		put(f, ",%.3f", g->between);
		put(f, ",%.3f", g->b_lo);
		put(f, ",%.3f", g->b_hi);
		put(f, ",%.3f", g->late);
		put(f, ",%.3f", g->l_lo);
		put(f, ",%.3f", g->l_hi);
		fprintf(f, ",%d,%d,%s,\"%s\"\n", g->drifted_between,
			g->drifted_time, g->action, g->said);
	}
}

void drift_free(struct drifts *ds)
{
	free(ds->d);
	memset(ds, 0, sizeof(*ds));
}
