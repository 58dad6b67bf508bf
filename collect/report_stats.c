// SPDX-License-Identifier: GPL-2.0
/*
 * The report's tables of where a phase's time goes (see report_stats.h):
 * the facts of a sweep they need, the functions table (top functions,
 * shares, growth exponents) and the profile's two modes.
 *   --profile PROFILE METRICS AGG   per phase, the 8 functions with the
 *                                   most time at the largest point
 *   --profile-cost METRICS AGG      per phase, profiled runs' medians
 *                                   over unprofiled runs' of the same x
 * Every input is read by its header's column names, never by position.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "report_stats.h"
#include "stats.h"
#include "text.h"

static int same_key(const struct cell *cl, const char *a, const char *b,
		    const char *c)
{
	return !strcmp(cl->key[0], a) && !strcmp(cl->key[1], b) &&
	       !strcmp(cl->key[2], c);
}

struct cell *cell_find(const struct cells *t, const char *a, const char *b,
		       const char *c)
{
	size_t i;

	/* from the newest: rows come grouped, their cell is near the end */
	for (i = t->n; i-- > 0;)
		if (same_key(&t->c[i], a, b, c))
			return &t->c[i];
	return NULL;
}

struct cell *cell_of(struct cells *t, const char *a, const char *b,
		     const char *c)
{
	struct cell *cl = cell_find(t, a, b, c);

	if (cl)
		return cl;
	GROW(t->c, t->n, t->cap);
	cl = &t->c[t->n++];
	memset(cl, 0, sizeof(*cl));
	snprintf(cl->key[0], KEY_LEN, "%s", a);
	snprintf(cl->key[1], KEY_LEN, "%s", b);
	snprintf(cl->key[2], KEY_LEN, "%s", c);
	return cl;
}

void cell_add(struct cell *cl, double v, double w)
{
	if (cl->n >= cl->cap) {
		cl->cap = cl->cap ? 2 * cl->cap : 4;
		cl->v = need_mem(realloc(cl->v, cl->cap * sizeof(*cl->v)));
		cl->w = need_mem(realloc(cl->w, cl->cap * sizeof(*cl->w)));
	}
	cl->v[cl->n] = v;
	cl->w[cl->n++] = w;
}

double median_of(const double *v, size_t n)
{
	double *tmp, m;

	if (!n)
		return 0;
	tmp = need_mem(malloc(n * sizeof(*tmp)));
	memcpy(tmp, v, n * sizeof(*tmp));
	m = median(tmp, n);
	free(tmp);
	return m;
}

/* The columns of a point in both metrics.csv and agg.csv. */
static const char *const point_cols[] = {
	"board", "page_size", "sessions", "files", "pages", "blocks",
	"kernel_blocks",
};
#define NPOINT ARRAY_SIZE(point_cols)

/* A point's columns of row @f, joined by a unit separator, into @key. */
static void point_key(char **f, const int *pc, char *key)
{
	size_t i, len = 0;

	key[0] = 0;
	for (i = 0; i < NPOINT && len < KEY_LEN; i++)
		len += snprintf(key + len, KEY_LEN - len, "%s\x1f", f[pc[i]]);
}

/* agg.csv: the x of each point, key: point_key, value: x_blocks. */
static void read_x(struct cells *x_at, const char *path)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN], key[KEY_LEN];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	FILE *in = open_or_die(path);
	int nh = read_header(in, path, hbuf, hdr), pc[NPOINT], cx;
	struct cell *cl;
	size_t i;
	double x;

	for (i = 0; i < NPOINT; i++)
		pc[i] = need_col(hdr, nh, point_cols[i], path);
	cx = need_col(hdr, nh, "x_blocks", path);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh || parse_double(f[cx], NULL, &x))
			continue;
		point_key(f, pc, key);
		cl = cell_of(x_at, key, "", "");
		if (!cl->n)
			cell_add(cl, x, 0);
	}
	fclose(in);
}

void sweep_facts_read(struct sweep_facts *sf, const char *metrics,
		      const char *agg)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN], key[KEY_LEN];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	struct cells x_at = { 0 };
	struct cell *cl, *at;
	int nh, pc[NPOINT], crun, cph, cst, cval, ccyc, cprof, cbl;
	size_t i;
	FILE *in;
	double v;

	memset(sf, 0, sizeof(*sf));
	if (agg)
		read_x(&x_at, agg);
	in = open_or_die(metrics);
	nh = read_header(in, metrics, hbuf, hdr);
	for (i = 0; i < NPOINT; i++)
		pc[i] = need_col(hdr, nh, point_cols[i], metrics);
	crun = need_col(hdr, nh, "run_id", metrics);
	cph = need_col(hdr, nh, "phase", metrics);
	cst = need_col(hdr, nh, "status", metrics);
	cval = need_col(hdr, nh, "value", metrics);
	ccyc = need_col(hdr, nh, "cycle", metrics);
	cbl = need_col(hdr, nh, "blocks", metrics);
	cprof = col(hdr, nh, "profile");
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh)
			continue;
		/* a run's x: its first row with blocks whose point agg has */
		if (agg && !cell_find(&sf->xs, f[crun], "", "") &&
		    *f[cbl] && strcmp(f[cbl], "-1")) {
			point_key(f, pc, key);
			at = cell_find(&x_at, key, "", "");
			if (at)
				cell_add(cell_of(&sf->xs, f[crun], "", ""),
					 at->v[0], 0);
		}
		if (strcmp(f[cst], "pass") || parse_double(f[cval], NULL, &v))
			continue;
		cl = cell_of(row_profiled(f, cprof) ? &sf->with : &sf->without,
			     f[crun], f[cph], "");
		cell_add(cl, v, 0);
		if (!strcmp(f[cph], "blackout_handover")) {
			/* one value a cycle: the last row of it counts */
			cl = cell_of(&sf->gap, f[crun], f[ccyc], "");
			cl->n = 0;
			cell_add(cl, v, 0);
		}
	}
	fclose(in);
	for (i = 0; i < x_at.n; i++) {
		free(x_at.c[i].v);
		free(x_at.c[i].w);
	}
	free(x_at.c);
}

/* x of run @run in @xs, or NULL when its point has none. */
static const double *x_of(const struct cells *xs, const char *run)
{
	const struct cell *cl = cell_find(xs, run, "", "");

	return cl ? &cl->v[0] : NULL;
}

/*
 * Least-squares slope of log y on log x of the @n points with x and y
 * above 0; 0 and *@ok 0 under 3 such points or with one x only.
 */
static double log_slope(const double *x, const double *y, size_t n, int *ok)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0;
	size_t i, k = 0;

	*ok = 0;
	for (i = 0; i < n; i++) {
		if (x[i] <= 0 || y[i] <= 0)
			continue;
		mx += log(x[i]);
		my += log(y[i]);
		k++;
	}
	if (k < 3)
		return 0;
	mx /= k;
	my /= k;
	for (i = 0; i < n; i++)
		if (x[i] > 0 && y[i] > 0)
			sxx += pow(log(x[i]) - mx, 2);
	if (sxx <= 0)
		return 0;
	for (i = 0; i < n; i++)
		if (x[i] > 0 && y[i] > 0)
			sxy += (log(x[i]) - mx) * (log(y[i]) - my);
	*ok = 1;
	return sxy / sxx;
}

void report_put_field(const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A function of a phase, ranked by its median ms at the largest point. */
struct ranked {
	const char *func;
	double ms;	/* median ms at the largest point, 0 when absent */
	size_t order;	/* first seen: the order of equal ones */
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->ms != y->ms)
		return x->ms > y->ms ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The exponent of @v (or @w when @hits) of @func's runs over their x. */
static void put_exponent(const struct cells *fn, const struct cells *xs,
			 const char *phase, const char *func, int hits)
{
	double *x = need_mem(calloc(fn->n + 1, sizeof(*x)));
	double *y = need_mem(calloc(fn->n + 1, sizeof(*y)));
	const double *rx;
	size_t i, n = 0;
	double e;
	int ok;

	for (i = 0; i < fn->n; i++) {
		const struct cell *cl = &fn->c[i];

		if (strcmp(cl->key[0], phase) || strcmp(cl->key[1], func))
			continue;
		rx = x_of(xs, cl->key[2]);
		if (!rx)
			continue;
		x[n] = *rx;
		y[n++] = median_of(hits ? cl->w : cl->v, cl->n);
	}
	e = log_slope(x, y, n, &ok);
	if (ok)
		printf("%.2f", e);
	free(x);
	free(y);
}

/* One phase's rows of the functions table. */
static void phase_functions(const struct cells *fn, const struct cells *xs,
			    const struct cells *phase_time, const char *phase,
			    size_t top)
{
	struct ranked *rk = need_mem(calloc(fn->n + 1, sizeof(*rk)));
	const struct cell *cl, *at, *tc;
	const char *big = NULL;
	const double *rx, *bx = NULL;
	size_t i, j, nr = 0;
	double total = 0;

	/* the largest point: the first run id of the largest x */
	for (i = 0; i < fn->n; i++) {
		cl = &fn->c[i];
		rx = x_of(xs, cl->key[2]);
		if (strcmp(cl->key[0], phase) || !rx)
			continue;
		if (!big || *rx > *bx || (*rx == *bx && strcmp(cl->key[2], big) < 0)) {
			big = cl->key[2];
			bx = rx;
		}
	}
	if (!big)
		goto out;
	tc = cell_find(phase_time, big, phase, "");
	if (tc)
		total = median_of(tc->v, tc->n);
	for (i = 0; i < fn->n; i++) {
		cl = &fn->c[i];
		if (strcmp(cl->key[0], phase))
			continue;
		for (j = 0; j < nr; j++)
			if (!strcmp(rk[j].func, cl->key[1]))
				break;
		if (j < nr)
			continue;
		at = cell_find(fn, phase, cl->key[1], big);
		rk[nr].func = cl->key[1];
		rk[nr].ms = at ? median_of(at->v, at->n) : 0;
		rk[nr].order = nr;
		nr++;
	}
	qsort(rk, nr, sizeof(*rk), cmp_ranked);
	for (i = 0; i < nr && i < top; i++) {
		if (!cell_find(fn, phase, rk[i].func, big))
			continue;
		report_put_field(phase);
		putchar(',');
		report_put_field(rk[i].func);
		putchar(',');
		report_put_field(big);
		printf(",%.3f,", rk[i].ms);
		if (total)
			printf("%.0f", 100 * rk[i].ms / total);
		putchar(',');
		put_exponent(fn, xs, phase, rk[i].func, 0);
		putchar(',');
		put_exponent(fn, xs, phase, rk[i].func, 1);
		putchar('\n');
	}
out:
	free(rk);
}

void functions_table(const struct cells *fn, const struct cells *xs,
		     const struct cells *phase_time, size_t top)
{
	const char **ph = need_mem(calloc(fn->n + 1, sizeof(*ph)));
	size_t i, n = 0;

	printf("phase,function,largest_point,ms,share_pct,time_exponent,hits_exponent\n");
	for (i = 0; i < fn->n; i++)
		ph[n++] = fn->c[i].key[0];
	qsort(ph, n, sizeof(*ph), cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(ph[i], ph[i - 1]))
			phase_functions(fn, xs, phase_time, ph[i], top);
	free(ph);
}

void cells_free(struct cells *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->c[i].v);
		free(t->c[i].w);
	}
	free(t->c);
	memset(t, 0, sizeof(*t));
}

void sweep_facts_free(struct sweep_facts *sf)
{
	cells_free(&sf->xs);
	cells_free(&sf->with);
	cells_free(&sf->without);
	cells_free(&sf->gap);
}

int profile_functions(const char *profile, const char *metrics,
		      const char *agg)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	struct sweep_facts sf;
	struct cells fn = { 0 };
	int nh, crun, cph, cfn, chits, cus, bad = 0;
	double us, hits;
	FILE *in;

	sweep_facts_read(&sf, metrics, agg);
	in = open_or_die(profile);
	nh = read_header(in, profile, hbuf, hdr);
	crun = need_col(hdr, nh, "run_id", profile);
	cph = need_col(hdr, nh, "phase", profile);
	cfn = need_col(hdr, nh, "function", profile);
	chits = need_col(hdr, nh, "hits", profile);
	cus = need_col(hdr, nh, "total_us", profile);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh ||
		    parse_double(f[cus], NULL, &us) ||
		    parse_double(f[chits], NULL, &hits)) {
			bad++;
			continue;
		}
		cell_add(cell_of(&fn, f[cph], f[cfn], f[crun]), us / 1000, hits);
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			profile, bad);
	/* a phase's time: its median over the profiled run's cycles */
	functions_table(&fn, &sf.xs, &sf.with, 8);
	cells_free(&fn);
	sweep_facts_free(&sf);
	return 0;
}

/*
 * One phase's profiler cost: each profiled run's median over the median
 * of the unprofiled runs' medians at its x. Returns the ratios' count.
 */
static size_t phase_cost(const struct sweep_facts *sf, const char *phase,
			 double *ratio)
{
	size_t i, j, n = 0, np;
	double *r = need_mem(calloc(sf->with.n + 1, sizeof(*r)));
	double *peer = need_mem(calloc(sf->without.n + 1, sizeof(*peer)));
	const double *x, *x2;
	double t, v;

	for (i = 0; i < sf->with.n; i++) {
		const struct cell *cl = &sf->with.c[i];

		x = x_of(&sf->xs, cl->key[0]);
		if (strcmp(cl->key[1], phase) || !x)
			continue;
		for (np = 0, j = 0; j < sf->without.n; j++) {
			const struct cell *o = &sf->without.c[j];

			x2 = x_of(&sf->xs, o->key[0]);
			if (strcmp(o->key[1], phase) || !x2 || *x2 != *x)
				continue;
			v = median_of(o->v, o->n);
			if (v)
				peer[np++] = v;
		}
		t = median_of(cl->v, cl->n);
		if (np && t)
			r[n++] = t / median_of(peer, np);
	}
	if (n)
		*ratio = median_of(r, n);
	free(r);
	free(peer);
	return n;
}

int profile_cost(const char *metrics, const char *agg)
{
	struct sweep_facts sf;
	const char **ph;
	size_t i, n, k;
	double ratio;

	sweep_facts_read(&sf, metrics, agg);
	ph = need_mem(calloc(sf.with.n + 1, sizeof(*ph)));
	for (n = 0; n < sf.with.n; n++)
		ph[n] = sf.with.c[n].key[1];
	qsort(ph, n, sizeof(*ph), cmp_str);
	printf("phase,points,profiled_over_unprofiled\n");
	for (i = 0; i < n; i++) {
		if (i && !strcmp(ph[i], ph[i - 1]))
			continue;
		k = phase_cost(&sf, ph[i], &ratio);
		if (k) {
			report_put_field(ph[i]);
			printf(",%zu,%.2f\n", k, ratio);
		}
	}
	free(ph);
	sweep_facts_free(&sf);
	return 0;
}
