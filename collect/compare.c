// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate --compare, --cycles-for and --simulate: is NEW slower
 * than BASE, phase by phase, beyond what the cycles' noise explains, and
 * how many cycles a sweep needs to tell.
 *
 * The rule (docs/metrics.md, "Comparing two sweeps"), per board, page
 * size and phase: each cycle of NEW is paired with BASE's cycle of the
 * same number at the same point; the one-sided p-values come from the
 * exact permutation test that swaps the labels of each pair, on the
 * signed ranks of their log ratios (Wilcoxon's signed-rank test), and
 * the effect is their Hodges-Lehmann ratio. A phase is slower when
 * p < 0.05 / (phases compared) and the ratio exceeds the method's
 * minimum effect.
 * Whatever is simulated (power, intervals) is seeded: the same input
 * gives the same output. Everything is read by column name.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "stats.h"
#include "text.h"

#define FAMILY_ALPHA	0.05	/* false alarms over all phases compared */
#define POWER		0.80	/* of "detectable" and --cycles-for */
#define BOOT_DRAWS	2000	/* bootstrap draws for the intervals */
#define VALUE_FLOOR	0.0005	/* ms, half the resolution: log() defined */
#define MAX_CYCLES	100	/* --cycles-for gives up beyond */
#define EXACT_PAIRS	50	/* exact signed-rank p-values up to */
#define SIMS		400	/* simulated pairs of sweeps per power */
#define WALSH_MAX	2000	/* Walsh averages a simulation draws at most */
#define STR_(x)		#x
#define STR(x)		STR_(x)
#define SEED		0x6c756f2d73747273ULL

/*
 * The smallest change that counts, per clock. Under TCG the guest's
 * clocks run at the host's pace, and the host's load drifts between
 * two sweeps: that moves every cycle of a sweep alike, so no cycle
 * statistic can tell it from a change of the kernel. Two sweeps of one
 * kernel, one right after the other, drifted by up to 7% in the guest's
 * own clocks (create 7% at p = 0.003, finish 7%, populate 6%) and by 11%
 * in the printk marker; against a kernel slowed in preserve only,
 * populate moved 9%: the floors stand well above that and below the
 * 25% that must be caught. The host's serial timestamps and the printk
 * marker around the reboot path's console flushing are noisier than the
 * clocks around the work itself.
 */
static const struct {
	const char *method;
	double min;
} min_effects[] = {
	{ "user", 0.15 },
	{ "kretprobe", 0.15 },
	{ "clock_boottime", 0.15 },
	{ "printk_marker", 0.20 },
	{ "host_serial", 0.20 },
};

#define MIN_EFFECT_OTHER 0.20

static double min_effect(const char *method)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(min_effects); i++)
		if (!strcmp(min_effects[i].method, method))
			return min_effects[i].min;
	return MIN_EFFECT_OTHER;
}

struct obs {
	long cycle;
	double v;		/* ms, at least VALUE_FLOOR */
};

struct side {
	struct obs *o;
	size_t n, cap;
};

/* A point: the workload's size; its blocks as NEW counts them if it ran. */
struct cpoint {
	char sessions[24], files[24], pages[24], blocks[24];
	double nblocks;
	struct side s[2];	/* BASE, NEW */
};

struct cphase {
	char board[64], page_size[16], phase[32], method[32];
	struct cpoint *pt;
	size_t npt, cap;
};

struct phases {
	struct cphase *ph;
	size_t n, cap;
};

void *need_mem(void *p)
{
	if (!p) {
		fprintf(stderr, "luo-aggregate: out of memory\n");
		exit(3);
	}
	return p;
}

/* Room in array @a of @cap elements for its element @n. */
#define GROW(a, n, cap)							\
	do {								\
		if ((n) >= (cap)) {					\
			(cap) = (cap) ? 2 * (cap) : 16;			\
			(a) = need_mem(realloc((a), (cap) * sizeof(*(a)))); \
		}							\
	} while (0)

static void add_obs(struct side *s, long cycle, double v)
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
		if (parse_double(pt->blocks, NULL, &pt->nblocks))
			pt->nblocks = -1;
	}
	return pt;
}

/* The passed cycles' values of luo-collect's CSV @path, as @side. */
static void load_metrics(const char *path, int side, struct phases *all)
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
		    (cprof >= 0 && !strcmp(f[cprof], "1")))
			continue;
		if (parse_double(f[c[9]], NULL, &v) ||
		    parse_long(f[c[8]], NULL, &cycle)) {
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

static void free_phases(struct phases *all)
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

/* Numeric order for numbers, text order otherwise. */
static int cmp_text(const char *a, const char *b)
{
	double x, y;

	if (!parse_double(a, NULL, &x) && !parse_double(b, NULL, &y))
		return x < y ? -1 : x > y;
	return strcmp(a, b);
}

static int cmp_phase(const void *a, const void *b)
{
	const struct cphase *x = a, *y = b;
	int c = strcmp(x->phase, y->phase);

	if (!c)
		c = strcmp(x->board, y->board);
	if (!c)
		c = cmp_text(x->page_size, y->page_size);
	return c ? c : strcmp(x->method, y->method);
}

static int cmp_point(const void *a, const void *b)
{
	const struct cpoint *x = a, *y = b;
	int c = x->nblocks < y->nblocks ? -1 : x->nblocks > y->nblocks;

	if (!c)
		c = cmp_text(x->sessions, y->sessions);
	if (!c)
		c = cmp_text(x->files, y->files);
	return c ? c : cmp_text(x->pages, y->pages);
}

static void sort_phases(struct phases *all)
{
	size_t i;

	qsort(all->ph, all->n, sizeof(*all->ph), cmp_phase);
	for (i = 0; i < all->n; i++)
		qsort(all->ph[i].pt, all->ph[i].npt, sizeof(*all->ph[i].pt),
		      cmp_point);
}

static uint64_t phase_seed(const struct cphase *ph)
{
	uint64_t h = hash_str(SEED, ph->board);

	h = hash_str(h, ph->page_size);
	h = hash_str(h, ph->phase);
	return hash_str(h, ph->method);
}

/* --- the test: signed ranks of paired cycles --- */

/*
 * Null distribution of the signed-rank sum of @n differences whose
 * ranks, doubled so that the midranks of ties are integers, are @r2:
 * each difference positive or negative alike (BASE and NEW labels of a
 * pair swapped or not). Returns P(W = w) for w = 0 .. sum(r2).
 */
static double *signed_rank_dist(const int *r2, size_t n, size_t *top)
{
	size_t i, w, cur = 0;
	double *dist;

	for (i = 0, *top = 0; i < n; i++)
		*top += r2[i];
	dist = need_mem(calloc(*top + 1, sizeof(double)));
	dist[0] = 1;
	for (i = 0; i < n; i++) {
		size_t r = r2[i];

		for (w = cur + r + 1; w-- > 0;)
			dist[w] = 0.5 * (w <= cur ? dist[w] : 0) +
				  0.5 * (w >= r ? dist[w - r] : 0);
		cur += r;
	}
	return dist;
}

static int cmp_abs(const void *a, const void *b)
{
	double x = fabs(*(const double *)a), y = fabs(*(const double *)b);

	return x < y ? -1 : x > y;
}

/* The null distribution of @n untied ranks, each kept once made. */
static const double *untied_dist(size_t n, size_t *top)
{
	static double *cache[EXACT_PAIRS + 1];
	size_t i;
	int *r2;

	*top = n * (n + 1);
	if (cache[n])
		return cache[n];
	r2 = need_mem(calloc(n + 1, sizeof(int)));
	for (i = 0; i < n; i++)
		r2[i] = 2 * (i + 1);
	cache[n] = signed_rank_dist(r2, n, top);
	free(r2);
	return cache[n];
}

/*
 * One-sided p-values of Wilcoxon's signed-rank test of @n paired log
 * ratios @d: @up for NEW slower, @down for faster. Exact (the
 * distribution over every swap of the pairs' labels) up to EXACT_PAIRS
 * pairs, the normal approximation beyond; zeros are left out, ties get
 * midranks.
 */
static void signed_rank(const double *d, size_t n, double *up, double *down)
{
	double *x = need_mem(calloc(n + 1, sizeof(*x)));
	int *r2 = need_mem(calloc(n + 1, sizeof(int)));
	size_t i, j, k, m = 0, top, w = 0;
	double mean = 0, var = 0, *own = NULL;
	const double *dist;
	int ties = 0;

	for (i = 0; i < n; i++)
		if (fabs(d[i]) > 1e-12)
			x[m++] = d[i];
	qsort(x, m, sizeof(*x), cmp_abs);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && fabs(x[j]) - fabs(x[i]) <=
		     1e-9 * fabs(x[i]); j++)
			;
		ties |= j - i > 1;
		for (k = i; k < j; k++) {
			r2[k] = i + j + 1;	/* twice the midrank, from 1 */
			w += x[k] > 0 ? r2[k] : 0;
			mean += r2[k] / 2.0;
			var += r2[k] * (double)r2[k] / 4;
		}
	}
	*up = *down = 1;
	if (m > EXACT_PAIRS) {
		/* continuity: half a step of the doubled sum without ties */
		*up = 1 - norm_cdf((w - mean - 1) / sqrt(var));
		*down = norm_cdf((w - mean + 1) / sqrt(var));
	} else if (m) {
		dist = ties ? (own = signed_rank_dist(r2, m, &top)) :
		       untied_dist(m, &top);
		for (*up = *down = 0, k = 0; k <= top; k++) {
			if (k >= w)
				*up += dist[k];
			if (k <= w)
				*down += dist[k];
		}
		free(own);
	}
	free(x);
	free(r2);
}

/* The @k-th smallest of @n values (from 0), by Wirth's selection. */
static double select_k(double *v, size_t n, size_t k)
{
	long l = 0, r = (long)n - 1, i, j, kk = (long)k;

	while (l < r) {
		double x = v[kk];

		i = l;
		j = r;
		do {
			while (v[i] < x)
				i++;
			while (x < v[j])
				j--;
			if (i <= j) {
				double t = v[i];

				v[i++] = v[j];
				v[j--] = t;
			}
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			r = j;
	}
	return v[kk];
}

/*
 * Hodges and Lehmann's estimate of the center of @n paired log ratios:
 * the median of the averages of every two of them (each with itself
 * too), the estimate that goes with the signed-rank test: one cycle
 * far off moves it little. With @lo and @hi, also its interval of
 * confidence 1 - 2 @tail (-inf, inf when the pairs are too few): the
 * Walsh averages the signed-rank distribution puts at its tails. With
 * @r and over WALSH_MAX averages, the median of WALSH_MAX drawn ones.
 */
static double hodges_lehmann(const double *d, size_t n, double tail,
			     double *lo, double *hi, struct rng *r)
{
	size_t m = n * (n + 1) / 2, i, j, k = 0, top, c;
	double *w, mid;

	if (!n) {
		if (lo) {
			*lo = -INFINITY;
			*hi = INFINITY;
		}
		return NAN;
	}
	if (r && m > WALSH_MAX) {
		w = need_mem(calloc(WALSH_MAX, sizeof(double)));
		for (k = 0; k < WALSH_MAX; k++) {
			i = rng_below(r, n);
			j = rng_below(r, n);
			w[k] = (d[i] + d[j]) / 2;
		}
		mid = select_k(w, WALSH_MAX, WALSH_MAX / 2);
		free(w);
		return mid;
	}
	w = need_mem(calloc(m, sizeof(double)));
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++)
			w[k++] = (d[i] + d[j]) / 2;
	mid = m % 2 ? select_k(w, m, m / 2) :
	      (select_k(w, m, m / 2 - 1) + select_k(w, m, m / 2)) / 2;
	if (lo) {
		/* c: the most Walsh averages left out below, P(W < c) <= tail */
		if (n > EXACT_PAIRS) {
			double sd = sqrt(n * (n + 1.0) * (2 * n + 1) / 24);

			c = (size_t)fmax(0, floor(m / 2.0 -
						  norm_quantile(1 - tail) * sd));
		} else {
			const double *dist = untied_dist(n, &top);
			double below = 0;

			for (c = 0; below + dist[2 * c] <= tail; c++)
				below += dist[2 * c];
		}
		*lo = c ? select_k(w, m, c - 1) : -INFINITY;
		*hi = c ? select_k(w, m, m - c) : INFINITY;
	}
	free(w);
	return mid;
}

/* A point as the test sees it: per cycle number, each side's value. */
struct tpoint {
	size_t nc;
	long *cyc;
	double *y[2];		/* log ms per cycle; NAN: the side lacks it */
	double *w;		/* scratch */
	double d;		/* log(median NEW / median BASE), every cycle */
};

static double side_median(const struct side *s, double *w)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		w[i] = s->o[i].v;
	return median(w, s->n);
}

static void tpoint_init(struct tpoint *t, const struct cpoint *pt)
{
	size_t most = pt->s[0].n + pt->s[1].n, i, c, k;
	int side;

	memset(t, 0, sizeof(*t));
	t->cyc = need_mem(calloc(most + 1, sizeof(long)));
	t->y[0] = need_mem(calloc(most + 1, sizeof(double)));
	t->y[1] = need_mem(calloc(most + 1, sizeof(double)));
	t->w = need_mem(calloc(2 * most + 1, sizeof(double)));
	for (side = 0; side < 2; side++)
		for (i = 0; i < pt->s[side].n; i++) {
			for (c = 0; c < t->nc; c++)
				if (t->cyc[c] == pt->s[side].o[i].cycle)
					break;
			if (c == t->nc)
				t->cyc[t->nc++] = pt->s[side].o[i].cycle;
		}
	/* a cycle number seen twice on a side (two runs): their median */
	for (side = 0; side < 2; side++)
		for (c = 0; c < t->nc; c++) {
			for (i = k = 0; i < pt->s[side].n; i++)
				if (pt->s[side].o[i].cycle == t->cyc[c])
					t->w[k++] = pt->s[side].o[i].v;
			t->y[side][c] = k ? log(median(t->w, k)) : NAN;
		}
	t->d = log(side_median(&pt->s[1], t->w)) -
	       log(side_median(&pt->s[0], t->w));
}

static void tpoint_free(struct tpoint *t)
{
	free(t->cyc);
	free(t->y[0]);
	free(t->y[1]);
	free(t->w);
}

/* The log ratios NEW / BASE of @t's cycles that both sides ran, into @d. */
static size_t tpoint_pairs(const struct tpoint *t, double *d)
{
	size_t c, n = 0;

	for (c = 0; c < t->nc; c++)
		if (!isnan(t->y[0][c]) && !isnan(t->y[1][c]))
			d[n++] = t->y[1][c] - t->y[0][c];
	return n;
}

/* --- noise --- */

/*
 * Log times of one side after the point's level and the cycle number's
 * effect (the first kexec, the shmem THP policy of odd and even cycles):
 * y = a[point] + b[cycle] + residual, fitted by backfitting. Without
 * degrees of freedom left for the cycles, the point's level only.
 */
struct twoway {
	size_t np, nc;
	long *cyc;		/* cycle numbers */
	double *a, *b;		/* point levels, cycle effects */
	double *res;		/* residuals scaled to the noise's variance */
	size_t nres;
	double ss;
	long df;
};

static size_t cycle_index(struct twoway *w, long cycle)
{
	size_t i;

	for (i = 0; i < w->nc; i++)
		if (w->cyc[i] == cycle)
			return i;
	return w->nc;
}

static void twoway_fit(struct twoway *w, struct cpoint **pt, size_t np,
		       int side)
{
	size_t p, i, c, n = 0, iter;
	double *sum, *cnt;
	int cycles;

	memset(w, 0, sizeof(*w));
	w->np = np;
	w->a = need_mem(calloc(np + 1, sizeof(double)));
	for (p = 0; p < np; p++)
		n += pt[p]->s[side].n;
	w->cyc = need_mem(calloc(n + 1, sizeof(long)));
	w->b = need_mem(calloc(n + 1, sizeof(double)));
	w->res = need_mem(calloc(n + 1, sizeof(double)));
	for (p = 0; p < np; p++)
		for (i = 0; i < pt[p]->s[side].n; i++)
			if (cycle_index(w, pt[p]->s[side].o[i].cycle) == w->nc)
				w->cyc[w->nc++] = pt[p]->s[side].o[i].cycle;
	sum = need_mem(calloc(w->nc + 1, sizeof(double)));
	cnt = need_mem(calloc(w->nc + 1, sizeof(double)));
	cycles = (long)n - (long)np - (long)w->nc + 1 > 0;
	w->df = cycles ? (long)n - (long)np - (long)w->nc + 1 : (long)n - (long)np;
	for (iter = 0; iter < (cycles ? 200 : 1); iter++) {
		for (p = 0; p < np; p++) {
			double s = 0;

			for (i = 0; i < pt[p]->s[side].n; i++) {
				c = cycle_index(w, pt[p]->s[side].o[i].cycle);
				s += log(pt[p]->s[side].o[i].v) - w->b[c];
			}
			w->a[p] = s / pt[p]->s[side].n;
		}
		if (!cycles)
			break;
		memset(sum, 0, w->nc * sizeof(double));
		memset(cnt, 0, w->nc * sizeof(double));
		for (p = 0; p < np; p++) {
			for (i = 0; i < pt[p]->s[side].n; i++) {
				c = cycle_index(w, pt[p]->s[side].o[i].cycle);
				sum[c] += log(pt[p]->s[side].o[i].v) - w->a[p];
				cnt[c]++;
			}
		}
		for (c = 0; c < w->nc; c++)
			w->b[c] = sum[c] / cnt[c];
	}
	free(sum);
	free(cnt);
	for (p = 0; p < np; p++) {
		for (i = 0; i < pt[p]->s[side].n; i++) {
			double r;

			c = cycle_index(w, pt[p]->s[side].o[i].cycle);
			r = log(pt[p]->s[side].o[i].v) - w->a[p] - w->b[c];
			w->ss += r * r;
			w->res[w->nres++] = r;
		}
	}
	for (i = 0; w->df > 0 && i < w->nres; i++)
		w->res[i] *= sqrt((double)w->nres / w->df);
}

static void twoway_free(struct twoway *w)
{
	free(w->cyc);
	free(w->a);
	free(w->b);
	free(w->res);
}

/*
 * The measured noise of a phase: the cycle numbers' effects and the
 * residuals of one or both sides' fits, pooled.
 */
struct noise {
	size_t nc, nres;
	long *cyc;
	double *b, *res;
	double sd;		/* of a residual; NAN when unknown */
};

static void noise_init(struct noise *nz, struct twoway *w, size_t nw)
{
	size_t k, i, c, most = 0;
	double ss = 0, *cnt;
	long df = 0;

	memset(nz, 0, sizeof(*nz));
	for (k = 0; k < nw; k++)
		most += w[k].nc + w[k].nres;
	nz->cyc = need_mem(calloc(most + 1, sizeof(long)));
	nz->b = need_mem(calloc(most + 1, sizeof(double)));
	nz->res = need_mem(calloc(most + 1, sizeof(double)));
	cnt = need_mem(calloc(most + 1, sizeof(double)));
	for (k = 0; k < nw; k++) {
		if (w[k].df <= 0)
			continue;
		ss += w[k].ss;
		df += w[k].df;
		for (i = 0; i < w[k].nres; i++)
			nz->res[nz->nres++] = w[k].res[i];
		for (i = 0; i < w[k].nc; i++) {
			for (c = 0; c < nz->nc && nz->cyc[c] != w[k].cyc[i]; c++)
				;
			if (c == nz->nc)
				nz->cyc[nz->nc++] = w[k].cyc[i];
			nz->b[c] += w[k].b[i];
			cnt[c]++;
		}
	}
	for (c = 0; c < nz->nc; c++)
		nz->b[c] /= cnt[c];
	free(cnt);
	nz->sd = df > 0 ? sqrt(ss / df) : NAN;
}

static void noise_free(struct noise *nz)
{
	free(nz->cyc);
	free(nz->b);
	free(nz->res);
}

/*
 * The effect of cycle @c; a cycle the sweep did not run takes that of
 * its last cycle after the first of the same parity (the shmem THP
 * policy alternates), else its last.
 */
static double noise_b(const struct noise *nz, long c)
{
	long best = -1;
	size_t i, at = 0;

	for (i = 0; i < nz->nc; i++) {
		if (nz->cyc[i] == c)
			return nz->b[i];
		if (nz->cyc[i] > best && (nz->cyc[i] - c) % 2 == 0 &&
		    nz->cyc[i] > 1) {
			best = nz->cyc[i];
			at = i;
		}
	}
	if (best < 0) {
		for (i = 0; i < nz->nc; i++)
			if (nz->cyc[i] > best) {
				best = nz->cyc[i];
				at = i;
			}
	}
	return best < 0 ? 0 : nz->b[at];
}

/* --- what the rule can detect --- */

/* A cell: a point's cycle number, and which sides ran it (1 BASE, 2 NEW). */
struct cell {
	size_t point;
	long cycle;
	int has;
};

/* The cells of a comparison, point by point. */
struct design {
	size_t np, n, pairs;
	struct cell *c;
};

static void design_add(struct design *g, size_t point, long cycle, int has)
{
	size_t cap = g->n;

	if (!(g->n & (g->n - 1)))
		g->c = need_mem(realloc(g->c, (cap ? 2 * cap : 1) *
					sizeof(*g->c)));
	g->c[g->n++] = (struct cell){ point, cycle, has };
	g->pairs += has == 3;
	if (point + 1 > g->np)
		g->np = point + 1;
}

/*
 * How often the rule flags NEW slower when it is by exp(@delta) and
 * otherwise differs from BASE by the noise @nz alone: SIMS pairs of
 * sweeps of design @g, each cycle a residual drawn from the measured
 * ones on top of its point's level and cycle number's effect (which the
 * pairs' ratios cancel). The same draws for every @delta, so that the
 * power grows smoothly with it.
 */
static double power(const struct design *g, const struct noise *nz,
		    double delta, double alpha, double min)
{
	double *d = need_mem(calloc(g->n + 1, sizeof(double))), up, down;
	long flagged = 0;
	size_t s, i, nd;
	struct rng r;

	rng_seed(&r, SEED ^ 0x90e5);
	for (s = 0; s < SIMS; s++) {
		double stat;

		for (i = nd = 0; i < g->n; i++) {
			double base = nz->res[rng_below(&r, nz->nres)];
			double new = nz->res[rng_below(&r, nz->nres)] + delta;

			if (g->c[i].has == 3)
				d[nd++] = new - base;
		}
		stat = hodges_lehmann(d, nd, 0, NULL, NULL, &r);
		signed_rank(d, nd, &up, &down);
		flagged += nd && up < alpha && stat > log1p(min);
	}
	free(d);
	return (double)flagged / SIMS;
}

/*
 * The smallest change the rule flags with probability POWER, given the
 * noise @nz: infinite when no change would do (too few pairs of cycles
 * for @alpha, or above a thousandfold), NAN when the noise is unknown.
 */
static double detectable(const struct design *g, const struct noise *nz,
			 double alpha, double min)
{
	double lo = 0, hi = 0.05;
	int i;

	if (isnan(nz->sd) || !nz->nres || !g->np)
		return NAN;
	if (g->pairs * log(2) <= -log(alpha))
		return INFINITY;
	while (power(g, nz, hi, alpha, min) < POWER) {
		lo = hi;
		hi *= 2;
		if (hi > log(1000))
			return INFINITY;
	}
	for (i = 0; i < 12; i++) {
		double mid = (lo + hi) / 2;

		if (power(g, nz, mid, alpha, min) >= POWER)
			hi = mid;
		else
			lo = mid;
	}
	return expm1(hi);
}

/* @np points with cycles 1 .. @n on both sides. */
static void design_full(struct design *g, size_t np, size_t n)
{
	size_t p, c;

	memset(g, 0, sizeof(*g));
	for (p = 0; p < np; p++)
		for (c = 1; c <= n; c++)
			design_add(g, p, c, 3);
}

/* --- the decision --- */

struct decision {
	size_t np;		/* points in both */
	struct cpoint **pt;
	struct tpoint *t;
	double stat, lo, hi;	/* Hodges-Lehmann, 95% interval (log) */
	double p_slow, p_fast, min, detectable;
	size_t nb, nn, pairs;
	const char *verdict;
};

/*
 * Decide @ph at @alpha: slower when the signed-rank test of the paired
 * cycles says so at @alpha and their Hodges-Lehmann ratio clears the
 * method's minimum effect. @d keeps the points for the caller
 * (decision_free).
 */
static void decide(struct cphase *ph, double alpha, int want_detectable,
		   struct decision *d)
{
	size_t p, c, n = 0, most = 0;
	struct twoway w[2];
	struct design g;
	struct noise nz;
	double *pairs;

	memset(d, 0, sizeof(*d));
	d->pt = need_mem(calloc(ph->npt + 1, sizeof(*d->pt)));
	for (p = 0; p < ph->npt; p++)
		if (ph->pt[p].s[0].n && ph->pt[p].s[1].n)
			d->pt[d->np++] = &ph->pt[p];
	d->min = min_effect(ph->method);
	d->verdict = "same";
	d->p_slow = d->p_fast = 1;
	d->detectable = NAN;
	if (!d->np)
		return;
	d->t = need_mem(calloc(d->np, sizeof(*d->t)));
	for (p = 0; p < d->np; p++) {
		tpoint_init(&d->t[p], d->pt[p]);
		d->nb += d->pt[p]->s[0].n;
		d->nn += d->pt[p]->s[1].n;
		most += d->t[p].nc;
	}
	pairs = need_mem(calloc(most + 1, sizeof(double)));
	for (p = 0; p < d->np; p++)
		n += tpoint_pairs(&d->t[p], pairs + n);
	d->pairs = n;
	signed_rank(pairs, n, &d->p_slow, &d->p_fast);
	d->stat = hodges_lehmann(pairs, n, 0.025, &d->lo, &d->hi, NULL);
	free(pairs);
	if (want_detectable) {
		twoway_fit(&w[0], d->pt, d->np, 0);
		twoway_fit(&w[1], d->pt, d->np, 1);
		noise_init(&nz, w, 2);
		memset(&g, 0, sizeof(g));
		for (p = 0; p < d->np; p++)
			for (c = 0; c < d->t[p].nc; c++)
				design_add(&g, p, d->t[p].cyc[c],
					   (isnan(d->t[p].y[0][c]) ? 0 : 1) |
					   (isnan(d->t[p].y[1][c]) ? 0 : 2));
		d->detectable = detectable(&g, &nz, alpha, d->min);
		free(g.c);
		noise_free(&nz);
		twoway_free(&w[0]);
		twoway_free(&w[1]);
	}
	if (!n)
		d->verdict = "same";
	else if (d->p_slow < alpha && d->stat > log1p(d->min))
		d->verdict = "slower";
	else if (d->p_fast < alpha && d->stat < -log1p(d->min))
		d->verdict = "faster";
}

static void decision_free(struct decision *d)
{
	size_t p;

	for (p = 0; d->t && p < d->np; p++)
		tpoint_free(&d->t[p]);
	free(d->t);
	free(d->pt);
}

/* A number for the CSV: empty when unknown, inf when unbounded. */
static void put(const char *fmt, double x)
{
	if (isnan(x))
		printf(",");
	else if (isinf(x))
		printf(",inf");
	else
		printf(fmt, x);
}

/*
 * log(median NEW / median BASE) of a bootstrap draw of @t: its cycle
 * numbers drawn with replacement, each bringing both sides' values
 * along, so that what a cycle number does to both sides stays out of
 * the interval as it stays out of the test.
 */
static double tpoint_boot(struct tpoint *t, struct rng *r)
{
	double *w[2] = { t->w, t->w + t->nc };
	size_t k, n[2], tries;
	int side;

	for (tries = 0; tries < 100; tries++) {
		n[0] = n[1] = 0;
		for (k = 0; k < t->nc; k++) {
			size_t c = rng_below(r, t->nc);

			for (side = 0; side < 2; side++)
				if (!isnan(t->y[side][c]))
					w[side][n[side]++] = exp(t->y[side][c]);
		}
		if (n[0] && n[1])
			return log(median(w[1], n[1]) / median(w[0], n[0]));
	}
	return t->d;		/* no cycle number holds both sides */
}

/* Bootstrap draws of each point's statistic. */
static void bootstrap(struct decision *d, uint64_t seed, double *per_point)
{
	struct rng r;
	size_t b, p;

	rng_seed(&r, seed);
	for (b = 0; b < BOOT_DRAWS; b++)
		for (p = 0; p < d->np; p++)
			per_point[p * BOOT_DRAWS + b] = tpoint_boot(&d->t[p], &r);
}

static void interval(double *draws, double *lo, double *hi)
{
	qsort(draws, BOOT_DRAWS, sizeof(double), cmp_double);
	*lo = exp(percentile(draws, BOOT_DRAWS, 0.025));
	*hi = exp(percentile(draws, BOOT_DRAWS, 0.975));
}

static void compare_rows(struct cphase *ph, struct decision *d)
{
	double *pp = need_mem(malloc(d->np * BOOT_DRAWS * sizeof(double)));
	double lo, hi, up, down;
	size_t p;

	bootstrap(d, phase_seed(ph), pp);
	printf("%s,%s,%s,%s,all,all,all,all,%zu,%zu,,", ph->board,
	       ph->page_size, ph->phase, ph->method, d->nb, d->nn);
	put(",%.3f", exp(d->stat));
	put(",%.3f", exp(d->lo));
	put(",%.3f", exp(d->hi));
	put(",%.3g", d->stat >= 0 ? d->p_slow : d->p_fast);
	put(",%.2f", d->min);
	put(",%.3f", d->detectable);
	printf(",%s\n", d->verdict);
	for (p = 0; p < d->np; p++) {
		struct cpoint *pt = d->pt[p];
		struct tpoint *t = &d->t[p];
		double ratio = exp(t->d), *pairs;
		const char *verdict = "same";

		pairs = need_mem(calloc(t->nc + 1, sizeof(double)));
		signed_rank(pairs, tpoint_pairs(t, pairs), &up, &down);
		free(pairs);
		interval(pp + p * BOOT_DRAWS, &lo, &hi);
		/* informational: the interval clear of 1, beyond the minimum */
		if (lo > 1 && ratio > 1 + d->min)
			verdict = "slower";
		else if (hi < 1 && ratio < 1 / (1 + d->min))
			verdict = "faster";
		printf("%s,%s,%s,%s,%s,%s,%s,%s,%zu,%zu", ph->board,
		       ph->page_size, ph->phase, ph->method, pt->sessions,
		       pt->files, pt->pages, pt->blocks, pt->s[0].n, pt->s[1].n);
		put(",%.3f", side_median(&pt->s[0], t->w));
		put(",%.3f", side_median(&pt->s[1], t->w));
		put(",%.3f", ratio);
		put(",%.3f", lo);
		put(",%.3f", hi);
		put(",%.3g", t->d >= 0 ? up : down);
		put(",%.2f", d->min);
		printf(",,%s\n", verdict);
	}
	free(pp);
}

/* Whether both sides measured @ph at a common point; says so if not. */
static int comparable(const struct cphase *ph, int quiet)
{
	size_t p;
	int in[2] = { 0, 0 };

	for (p = 0; p < ph->npt; p++) {
		in[0] |= ph->pt[p].s[0].n > 0;
		in[1] |= ph->pt[p].s[1].n > 0;
		if (ph->pt[p].s[0].n && ph->pt[p].s[1].n)
			return 1;
	}
	if (!quiet)
		fprintf(stderr, "luo-aggregate: %s %s/%s (%s) %s: not compared\n",
			ph->phase, ph->board, ph->page_size, ph->method,
			in[0] && in[1] ? "at no common point" :
			in[0] ? "only in BASE" : "only in NEW");
	return 0;
}

int compare(const char *base_path, const char *new_path)
{
	struct phases all = { 0 };
	size_t i, k = 0;
	double alpha;
	int slower = 0;

	load_metrics(base_path, 0, &all);
	load_metrics(new_path, 1, &all);
	sort_phases(&all);
	for (i = 0; i < all.n; i++)
		k += comparable(&all.ph[i], 0);
	if (!k) {
		fprintf(stderr, "luo-aggregate: %s and %s share no phase at a common point\n",
			base_path, new_path);
		exit(3);
	}
	alpha = FAMILY_ALPHA / k;
	printf("board,page_size,phase,method,sessions,files,pages,blocks,base_n,new_n,base_median,new_median,ratio,ratio_lo,ratio_hi,p_value,min_effect,detectable,verdict\n");
	for (i = 0; i < all.n; i++) {
		struct decision d;

		if (!comparable(&all.ph[i], 1))
			continue;
		decide(&all.ph[i], alpha, 1, &d);
		slower += !strcmp(d.verdict, "slower");
		compare_rows(&all.ph[i], &d);
		decision_free(&d);
	}
	free_phases(&all);
	fprintf(stderr, "luo-aggregate: %d phases slower beyond noise (%zu compared, each at p < %.2g: family-wise false-alarm rate %.2f)\n",
		slower, k, alpha, FAMILY_ALPHA);
	return slower ? 1 : 0;
}

/* --- sensitivity --- */

static double parse_fraction(const char *s, const char *what)
{
	double x;

	if (parse_double(s, NULL, &x) || x <= 0 || x > 100) {
		fprintf(stderr, "luo-aggregate: %s '%s': give a fraction such as 0.25\n",
			what, s);
		exit(3);
	}
	return x;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Points of @ph's @side and the median number of cycles at them. */
static size_t sweep_points(struct cphase *ph, int side, struct cpoint **pt,
			   size_t *cyc)
{
	size_t p, np = 0, *n = need_mem(calloc(ph->npt + 1, sizeof(size_t)));

	for (p = 0; p < ph->npt; p++)
		if (ph->pt[p].s[side].n)
			pt[np++] = &ph->pt[p];
	for (p = 0; p < np; p++)
		n[p] = pt[p]->s[side].n;
	qsort(n, np, sizeof(size_t), cmp_size);
	*cyc = np ? n[np / 2] : 0;
	free(n);
	return np;
}

/*
 * The noise of @ph in the sweep loaded as side 0, pooled with the second
 * sweep of the same kernel loaded as side 1 if there is one; its points
 * (side 0's) in @pt, their median cycles in @now.
 */
static size_t sweep_noise(struct cphase *ph, struct cpoint **pt, size_t *now,
			  struct twoway *w, struct noise *nz)
{
	struct cpoint **pt1 = need_mem(calloc(ph->npt + 1, sizeof(*pt1)));
	size_t np = sweep_points(ph, 0, pt, now), np1, n1;

	np1 = sweep_points(ph, 1, pt1, &n1);
	twoway_fit(&w[0], pt, np, 0);
	twoway_fit(&w[1], pt1, np1, 1);
	noise_init(nz, w, 2);
	free(pt1);
	return np;
}

/* Whether two sweeps of @np points and @n cycles catch exp(@delta). */
static int enough(const struct noise *nz, size_t np, size_t n, double delta,
		  double alpha, double min)
{
	struct design g;
	int ok;

	design_full(&g, np, n);
	ok = g.pairs * log(2) > -log(alpha) &&
	     power(&g, nz, delta, alpha, min) >= POWER;
	free(g.c);
	return ok;
}

/* What two sweeps of @np points and @n cycles each detect. */
static double detectable_n(const struct noise *nz, size_t np, size_t n,
			   double alpha, double min)
{
	struct design g;
	double x;

	design_full(&g, np, n);
	x = detectable(&g, nz, alpha, min);
	free(g.c);
	return x;
}

/*
 * The fewest cycles per point with which two sweeps of @np points, with
 * noise @nz, catch a change of exp(@delta); MAX_CYCLES + 1 if none.
 */
static size_t cycles_needed(const struct noise *nz, size_t np, double delta,
			    double alpha, double min)
{
	size_t lo = 0, hi = 1;

	while (!enough(nz, np, hi, delta, alpha, min)) {
		lo = hi;
		if (hi == MAX_CYCLES)
			return MAX_CYCLES + 1;
		hi = 2 * hi > MAX_CYCLES ? MAX_CYCLES : 2 * hi;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (enough(nz, np, mid, delta, alpha, min))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

int cycles_for(const char *change_arg, const char *path, const char *path2)
{
	double change = parse_fraction(change_arg, "CHANGE"), alpha;
	struct phases all = { 0 };
	const char *sep = "";
	size_t i, j, *need;

	load_metrics(path, 0, &all);
	if (path2)
		load_metrics(path2, 1, &all);
	sort_phases(&all);
	alpha = FAMILY_ALPHA / all.n;
	need = need_mem(calloc(all.n, sizeof(size_t)));
	printf("board,page_size,phase,method,points,cycles_now,noise,min_effect,detectable_now,change,cycles,note\n");
	for (i = 0; i < all.n; i++) {
		struct cphase *ph = &all.ph[i];
		struct cpoint **pt = need_mem(calloc(ph->npt + 1, sizeof(*pt)));
		double min = min_effect(ph->method);
		size_t np, now, n = MAX_CYCLES + 1;
		const char *note = "";
		struct twoway w[2];
		struct noise nz;

		np = sweep_noise(ph, pt, &now, w, &nz);
		if (change > min && !isnan(nz.sd))
			n = cycles_needed(&nz, np, log1p(change), alpha, min);
		if (change <= min)
			note = "at or below the minimum effect";
		else if (isnan(nz.sd))
			note = "noise unknown (one cycle per point)";
		else if (n > MAX_CYCLES)
			note = "more than " STR(MAX_CYCLES) " cycles";
		printf("%s,%s,%s,%s,%zu,%zu", ph->board, ph->page_size,
		       ph->phase, ph->method, np, now);
		put(",%.3f", nz.sd);
		put(",%.2f", min);
		put(",%.3f", detectable_n(&nz, np, now, alpha, min));
		put(",%.2f", change);
		if (*note)
			printf(",,%s\n", note);
		else
			printf(",%zu,\n", n);
		need[i] = *note ? MAX_CYCLES + 1 : n;
		noise_free(&nz);
		twoway_free(&w[0]);
		twoway_free(&w[1]);
		free(pt);
	}
	/* one line, the phases by the cycles they need */
	fprintf(stderr, "luo-aggregate: cycles per point to detect %g%%:",
		change * 100);
	for (j = 1; j <= MAX_CYCLES + 1; j++) {
		int first = 1;

		for (i = 0; i < all.n; i++) {
			if (need[i] != j)
				continue;
			if (first && j > MAX_CYCLES)
				fprintf(stderr, "%s none (see the note):", sep);
			else if (first)
				fprintf(stderr, "%s %zu", sep, j);
			fprintf(stderr, " %s", all.ph[i].phase);
			sep = ";";
			first = 0;
		}
	}
	fprintf(stderr, "\n");
	free(need);
	free_phases(&all);
	return 0;
}

/* --- simulation --- */

/* A phase of the noise sweep and the pair of sweeps generated from it. */
struct simphase {
	struct cpoint **pt;	/* the sweep's points */
	size_t np, cycles;
	struct twoway w[2];	/* its levels (side 0), ... */
	struct noise nz;	/* ... its cycle effects and residuals */
	struct cphase syn;	/* generated: BASE side 0, NEW side 1 */
	size_t ncyc;		/* cycles 1 .. ncyc per point; 0: the sweep's */
	long flagged, pflagged, sims;
};

/* The cycle numbers simulated at point @p into @c; how many. */
static size_t sim_cycles(const struct simphase *s, size_t p, long *c)
{
	size_t i;

	if (s->ncyc) {
		for (i = 0; i < s->ncyc; i++)
			c[i] = i + 1;
		return s->ncyc;
	}
	for (i = 0; i < s->pt[p]->s[0].n; i++)
		c[i] = s->pt[p]->s[0].o[i].cycle;
	return i;
}

/*
 * One side of a sweep like the noise sweep: its levels and cycle effects,
 * residuals drawn from the measured ones, times @factor.
 */
static void generate(struct simphase *s, int side, double factor,
		     struct rng *r)
{
	size_t p, i, n;
	long *c;

	for (p = 0; p < s->np; p++) {
		struct side *out = &s->syn.pt[p].s[side];

		c = need_mem(calloc(s->ncyc + s->pt[p]->s[0].n + 1,
				    sizeof(long)));
		n = sim_cycles(s, p, c);
		out->n = 0;
		for (i = 0; i < n; i++) {
			double y = s->w[0].a[p] + noise_b(&s->nz, c[i]) +
				   s->nz.res[rng_below(r, s->nz.nres)];

			add_obs(out, c[i], exp(y) * factor);
		}
		free(c);
	}
}

static void simphase_init(struct simphase *s, struct cphase *ph)
{
	size_t p;

	memset(s, 0, sizeof(*s));
	s->pt = need_mem(calloc(ph->npt + 1, sizeof(*s->pt)));
	s->np = sweep_noise(ph, s->pt, &s->cycles, s->w, &s->nz);
	s->syn = *ph;
	s->syn.npt = s->np;
	s->syn.cap = s->np;
	s->syn.pt = need_mem(calloc(s->np + 1, sizeof(*s->syn.pt)));
	for (p = 0; p < s->np; p++) {
		s->syn.pt[p] = *s->pt[p];
		memset(s->syn.pt[p].s, 0, sizeof(s->syn.pt[p].s));
	}
}

static void simphase_free(struct simphase *s)
{
	size_t p;

	for (p = 0; p < s->np; p++) {
		free(s->syn.pt[p].s[0].o);
		free(s->syn.pt[p].s[1].o);
	}
	free(s->syn.pt);
	free(s->pt);
	noise_free(&s->nz);
	twoway_free(&s->w[0]);
	twoway_free(&s->w[1]);
}

/* What two sweeps like @s's source detect, its own cycles on both sides. */
static double simphase_detectable(struct simphase *s, double alpha,
				  double min)
{
	struct design g = { 0 };
	size_t p, i, n;
	double x;
	long *c;

	for (p = 0; p < s->np; p++) {
		c = need_mem(calloc(s->ncyc + s->pt[p]->s[0].n + 1,
				    sizeof(long)));
		n = sim_cycles(s, p, c);
		for (i = 0; i < n; i++)
			design_add(&g, p, c[i], 3);
		free(c);
	}
	x = detectable(&g, &s->nz, alpha, min);
	free(g.c);
	return x;
}

int simulate(const char *change_arg, const char *sweeps_arg,
	     const char *cycles_arg, const char *path, const char *path2)
{
	struct phases all = { 0 };
	long sweeps, i, total = 0, family = 0, pfamily = 0, ncyc = 0;
	double change = 0, alpha;
	struct simphase *s;
	size_t j, x, rounds;
	struct rng r;

	if (strcmp(change_arg, "0"))
		change = parse_fraction(change_arg, "CHANGE");
	if (parse_long(sweeps_arg, NULL, &sweeps) || sweeps < 1 ||
	    sweeps > 1000000) {
		fprintf(stderr, "luo-aggregate: SWEEPS '%s': give a count, 1 to 1000000\n",
			sweeps_arg);
		exit(3);
	}
	if (cycles_arg && (parse_long(cycles_arg, NULL, &ncyc) || ncyc < 1 ||
			   ncyc > MAX_CYCLES)) {
		fprintf(stderr, "luo-aggregate: --cycles '%s': give a count, 1 to %d\n",
			cycles_arg, MAX_CYCLES);
		exit(3);
	}
	load_metrics(path, 0, &all);
	if (path2)
		load_metrics(path2, 1, &all);
	sort_phases(&all);
	alpha = FAMILY_ALPHA / all.n;
	s = need_mem(calloc(all.n, sizeof(*s)));
	for (j = 0; j < all.n; j++) {
		simphase_init(&s[j], &all.ph[j]);
		s[j].ncyc = ncyc;
		if (ncyc)
			s[j].cycles = ncyc;
	}
	rng_seed(&r, SEED ^ 0x5eed);
	/* null: every round alike; a change: each phase changed in turn */
	rounds = change > 0 ? all.n : 1;
	for (x = 0; x < rounds; x++) {
		if (change > 0 && isnan(s[x].nz.sd))
			continue;
		for (i = 0; i < sweeps; i++) {
			int any = 0, pany = 0;

			for (j = 0; j < all.n; j++) {
				int target = change > 0 && j == x, fl;
				struct decision d;

				if (isnan(s[j].nz.sd))
					continue;
				generate(&s[j], 0, 1, &r);
				generate(&s[j], 1, target ? 1 + change : 1, &r);
				decide(&s[j].syn, alpha, 0, &d);
				fl = !strcmp(d.verdict, "slower");
				if (target || change == 0) {
					s[j].flagged += fl;
					s[j].pflagged += d.p_slow < alpha;
					s[j].sims++;
				}
				if (!target) {
					any |= fl;
					pany |= d.p_slow < alpha;
				}
				decision_free(&d);
			}
			family += any;
			pfamily += pany;
			total++;
		}
	}
	printf("board,page_size,phase,method,points,cycles,noise,detectable,change,sweeps,flagged,rate,p_rate\n");
	for (j = 0; j < all.n; j++) {
		struct cphase *ph = &all.ph[j];

		printf("%s,%s,%s,%s,%zu,%zu", ph->board, ph->page_size,
		       ph->phase, ph->method, s[j].np, s[j].cycles);
		put(",%.3f", s[j].nz.sd);
		put(",%.3f", simphase_detectable(&s[j], alpha,
						 min_effect(ph->method)));
		printf(",%.2f,%ld,%ld", change, s[j].sims, s[j].flagged);
		put(",%.4f", s[j].sims ? (double)s[j].flagged / s[j].sims : NAN);
		put(",%.4f", s[j].sims ? (double)s[j].pflagged / s[j].sims : NAN);
		printf("\n");
	}
	/* the family: any phase flagged that was not changed */
	printf("all,all,all,all,,,,,%.2f,%ld,%ld", change, total, family);
	put(",%.4f", total ? (double)family / total : NAN);
	put(",%.4f", total ? (double)pfamily / total : NAN);
	printf("\n");
	for (j = 0; j < all.n; j++)
		simphase_free(&s[j]);
	free(s);
	free_phases(&all);
	return 0;
}
