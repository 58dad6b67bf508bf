// SPDX-License-Identifier: GPL-2.0
/*
 * The report's tables of where a phase's time goes (see report_stats.h):
 * the facts of a sweep they need, the functions table (top functions,
 * shares, growth exponents) and the profile's two modes; and the
 * headline chart's restore time.
 *   --profile PROFILE METRICS AGG   per phase, the 8 functions with the
 *                                   most time at the largest point
 *   --profile-cost METRICS AGG      per phase, profiled runs' medians
 *                                   over unprofiled runs' of the same x
 *   --restore METRICS AGG           per point, the median, min and max
 *                                   of its cycles' deserialize + retrieve
 * Every input is read by its header's column names, never by position.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "mem.h"
#include "report_stats.h"
#include "stats.h"
#include "text.h"

static int same_key(const struct cell *cl, const char *a, const char *b,
		    const char *c)
{
	return !strcmp(cl->key[0], a) && !strcmp(cl->key[1], b) &&
	       !strcmp(cl->key[2], c);
}

struct cell *report_cell_find(const struct cells *t, const char *a, const char *b,
		       const char *c)
{
	size_t i;

	/* from the newest: rows come grouped, their cell is near the end */
	for (i = t->n; i-- > 0;)
		if (same_key(&t->c[i], a, b, c))
			return &t->c[i];
	return NULL;
}

struct cell *report_cell_of(struct cells *t, const char *a, const char *b,
		     const char *c)
{
	struct cell *cl = report_cell_find(t, a, b, c);

	if (cl)
		return cl;
	MEM_GROW(t->c, t->n, t->cap);
	cl = &t->c[t->n++];
	memset(cl, 0, sizeof(*cl));
	snprintf(cl->key[0], REPORT_KEY_LEN, "%s", a);
	snprintf(cl->key[1], REPORT_KEY_LEN, "%s", b);
	snprintf(cl->key[2], REPORT_KEY_LEN, "%s", c);
	return cl;
}

void report_cell_add(struct cell *cl, double v, double w)
{
	if (cl->n >= cl->cap) {
		cl->cap = cl->cap ? 2 * cl->cap : 4;
		cl->v = mem_need(realloc(cl->v, cl->cap * sizeof(*cl->v)));
		cl->w = mem_need(realloc(cl->w, cl->cap * sizeof(*cl->w)));
	}
	cl->v[cl->n] = v;
	cl->w[cl->n++] = w;
}

void report_run_name(const char *dir, char *out)
{
	size_t len = strlen(dir);
	const char *base;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	base = dir + len;
	while (base > dir && base[-1] != '/')
		base--;
	snprintf(out, REPORT_KEY_LEN, "%.*s", (int)(dir + len - base), base);
}

/*
 * The columns of a point in both metrics.csv and agg.csv, then its
 * variant's (csv_variant_cols), which older CSVs lack.
 */
static const char *const point_cols[] = {
	"board", "page_size", "sessions", "files", "pages", "blocks",
	"kernel_blocks",
};
#define NPOINT ARRAY_SIZE(point_cols)
#define NPOINT_ALL (NPOINT + CSV_VARIANTS)

/* The point's columns of @hdr into @pc (NPOINT_ALL of them). */
static void point_cols_find(char **hdr, int nh, int *pc, const char *path)
{
	csv_need_cols(hdr, nh, point_cols, NPOINT, pc, path);
	csv_opt_cols(hdr, nh, csv_variant_cols, CSV_VARIANTS, pc + NPOINT);
}

/* A point's columns of row @f, joined by a unit separator, into @key. */
static void point_key(char **f, const int *pc, char *key)
{
	size_t i, len = 0;

	key[0] = 0;
	for (i = 0; i < NPOINT_ALL && len < REPORT_KEY_LEN; i++)
		len += snprintf(key + len, REPORT_KEY_LEN - len, "%s\x1f",
				csv_opt(f, pc[i]));
}

/* The columns of metrics.csv the figures read, besides a point's. */
enum metrics_col { MC_RUN, MC_PHASE, MC_STATUS, MC_VALUE, MC_CYCLE, MC_BLOCKS,
		   NMC };
static const char *const metrics_col_names[NMC] = {
	[MC_RUN] = "run_id", [MC_PHASE] = "phase", [MC_STATUS] = "status",
	[MC_VALUE] = "value", [MC_CYCLE] = "cycle", [MC_BLOCKS] = "blocks",
};

/* Where metrics.csv's columns are: a point's, the others, profile's. */
struct metrics_cols {
	int point[NPOINT_ALL];
	int c[NMC];
	int prof;	/* -1: no such column */
};

static void metrics_cols_find(struct metrics_cols *mc, char **hdr, int nh,
			      const char *path)
{
	point_cols_find(hdr, nh, mc->point, path);
	csv_need_cols(hdr, nh, metrics_col_names, NMC, mc->c, path);
	mc->prof = csv_col(hdr, nh, "profile");
}

/* agg.csv: the x of each point, key: point_key, value: x_blocks. */
static void read_x(struct cells *x_at, const char *path)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX], key[REPORT_KEY_LEN];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	FILE *in = csv_open(path);
	int nh = csv_read_header(in, path, hbuf, hdr), pc[NPOINT_ALL], cx;
	struct cell *cl;
	double x;

	point_cols_find(hdr, nh, pc, path);
	cx = csv_need_col(hdr, nh, "x_blocks", path);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh || text_parse_double(f[cx], NULL, &x))
			continue;
		point_key(f, pc, key);
		cl = report_cell_of(x_at, key, "", "");
		if (!cl->n)
			report_cell_add(cl, x, 0);
	}
	fclose(in);
}

void report_facts_read(struct sweep_facts *sf, const char *metrics,
		      const char *agg)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX], key[REPORT_KEY_LEN];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	struct cells x_at = { 0 };
	struct cell *cl, *at;
	struct metrics_cols mc;
	int nh;
	FILE *in;
	double v;

	memset(sf, 0, sizeof(*sf));
	if (agg)
		read_x(&x_at, agg);
	in = csv_open(metrics);
	nh = csv_read_header(in, metrics, hbuf, hdr);
	metrics_cols_find(&mc, hdr, nh, metrics);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh)
			continue;
		/* a run's x: its first row with blocks whose point agg has */
		if (agg && !report_cell_find(&sf->xs, f[mc.c[MC_RUN]], "", "") &&
		    *f[mc.c[MC_BLOCKS]] && strcmp(f[mc.c[MC_BLOCKS]], "-1")) {
			point_key(f, mc.point, key);
			at = report_cell_find(&x_at, key, "", "");
			if (at)
				report_cell_add(report_cell_of(&sf->xs, f[mc.c[MC_RUN]], "", ""),
					 at->v[0], 0);
		}
		if (strcmp(f[mc.c[MC_STATUS]], "pass") ||
		    text_parse_double(f[mc.c[MC_VALUE]], NULL, &v))
			continue;
		cl = report_cell_of(csv_row_profiled(f, mc.prof) ? &sf->with : &sf->without,
			     f[mc.c[MC_RUN]], f[mc.c[MC_PHASE]], "");
		report_cell_add(cl, v, 0);
		if (!strcmp(f[mc.c[MC_PHASE]], "blackout_handover")) {
			/* one value a cycle: the last row of it counts */
			cl = report_cell_of(&sf->gap, f[mc.c[MC_RUN]], f[mc.c[MC_CYCLE]], "");
			cl->n = 0;
			report_cell_add(cl, v, 0);
		}
	}
	fclose(in);
	report_cells_free(&x_at);
}

/* x of run @run in @xs, or NULL when its point has none. */
static const double *x_of(const struct cells *xs, const char *run)
{
	const struct cell *cl = report_cell_find(xs, run, "", "");

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
	double *x = mem_need(calloc(fn->n + 1, sizeof(*x)));
	double *y = mem_need(calloc(fn->n + 1, sizeof(*y)));
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
		y[n++] = stats_median_copy(hits ? cl->w : cl->v, cl->n);
	}
	e = log_slope(x, y, n, &ok);
	if (ok)
		printf("%.2f", e);
	free(x);
	free(y);
}

/* The columns of luo-collect --profile's CSV that --profile reads. */
enum profile_col { PC_RUN, PC_PHASE, PC_FUNCTION, PC_HITS, PC_US, NPC };
static const char *const profile_col_names[NPC] = {
	[PC_RUN] = "run_id", [PC_PHASE] = "phase", [PC_FUNCTION] = "function",
	[PC_HITS] = "hits", [PC_US] = "total_us",
};

/* One phase's rows of the functions table. */
static void phase_functions(const struct cells *fn, const struct cells *xs,
			    const struct cells *phase_time, const char *phase,
			    size_t top)
{
	struct ranked *rk = mem_need(calloc(fn->n + 1, sizeof(*rk)));
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
	tc = report_cell_find(phase_time, big, phase, "");
	if (tc)
		total = stats_median_copy(tc->v, tc->n);
	for (i = 0; i < fn->n; i++) {
		cl = &fn->c[i];
		if (strcmp(cl->key[0], phase))
			continue;
		for (j = 0; j < nr; j++)
			if (!strcmp(rk[j].func, cl->key[1]))
				break;
		if (j < nr)
			continue;
		at = report_cell_find(fn, phase, cl->key[1], big);
		rk[nr].func = cl->key[1];
		rk[nr].ms = at ? stats_median_copy(at->v, at->n) : 0;
		rk[nr].order = nr;
		nr++;
	}
	qsort(rk, nr, sizeof(*rk), cmp_ranked);
	for (i = 0; i < nr && i < top; i++) {
		if (!report_cell_find(fn, phase, rk[i].func, big))
			continue;
		csv_field(stdout, phase);
		putchar(',');
		csv_field(stdout, rk[i].func);
		putchar(',');
		csv_field(stdout, big);
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

void report_functions(const struct cells *fn, const struct cells *xs,
		     const struct cells *phase_time, size_t top)
{
	const char **ph = mem_need(calloc(fn->n + 1, sizeof(*ph)));
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

void report_cells_free(struct cells *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->c[i].v);
		free(t->c[i].w);
	}
	free(t->c);
	memset(t, 0, sizeof(*t));
}

void report_facts_free(struct sweep_facts *sf)
{
	report_cells_free(&sf->xs);
	report_cells_free(&sf->with);
	report_cells_free(&sf->without);
	report_cells_free(&sf->gap);
}

int report_profile(const char *profile, const char *metrics,
		      const char *agg)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	struct sweep_facts sf;
	struct cells fn = { 0 };
	int nh, c[NPC], bad = 0;
	double us, hits;
	FILE *in;

	report_facts_read(&sf, metrics, agg);
	in = csv_open(profile);
	nh = csv_read_header(in, profile, hbuf, hdr);
	csv_need_cols(hdr, nh, profile_col_names, NPC, c, profile);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh ||
		    text_parse_double(f[c[PC_US]], NULL, &us) ||
		    text_parse_double(f[c[PC_HITS]], NULL, &hits)) {
			bad++;
			continue;
		}
		report_cell_add(report_cell_of(&fn, f[c[PC_PHASE]], f[c[PC_FUNCTION]], f[c[PC_RUN]]), us / 1000, hits);
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			profile, bad);
	/* a phase's time: its median over the profiled run's cycles */
	report_functions(&fn, &sf.xs, &sf.with, 8);
	report_cells_free(&fn);
	report_facts_free(&sf);
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
	double *r = mem_need(calloc(sf->with.n + 1, sizeof(*r)));
	double *peer = mem_need(calloc(sf->without.n + 1, sizeof(*peer)));
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
			v = stats_median_copy(o->v, o->n);
			if (v)
				peer[np++] = v;
		}
		t = stats_median_copy(cl->v, cl->n);
		if (np && t)
			r[n++] = t / stats_median_copy(peer, np);
	}
	if (n)
		*ratio = stats_median_copy(r, n);
	free(r);
	free(peer);
	return n;
}

int report_profile_cost(const char *metrics, const char *agg)
{
	struct sweep_facts sf;
	const char **ph;
	size_t i, n, k;
	double ratio;

	report_facts_read(&sf, metrics, agg);
	ph = mem_need(calloc(sf.with.n + 1, sizeof(*ph)));
	for (n = 0; n < sf.with.n; n++)
		ph[n] = sf.with.c[n].key[1];
	qsort(ph, n, sizeof(*ph), cmp_str);
	printf("phase,points,profiled_over_unprofiled\n");
	for (i = 0; i < n; i++) {
		if (i && !strcmp(ph[i], ph[i - 1]))
			continue;
		k = phase_cost(&sf, ph[i], &ratio);
		if (k) {
			csv_field(stdout, ph[i]);
			printf(",%zu,%.2f\n", k, ratio);
		}
	}
	free(ph);
	report_facts_free(&sf);
	return 0;
}

/* Whether @v holds a value: a cycle's phase not yet seen is NAN. */
static int known(double v)
{
	return !isnan(v);
}

/*
 * metrics.csv's passed deserialize and retrieve rows into @pair[0]
 * (unprofiled runs) and @pair[1] (profiled), keys: point, run, cycle;
 * v deserialize, w retrieve ms (the last row of a cycle counts). Returns
 * whether any passed row of any phase is of an unprofiled run.
 */
static int read_restore(struct cells pair[2], const char *metrics)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX], key[REPORT_KEY_LEN];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	struct metrics_cols mc;
	int nh, prof;
	int unprofiled = 0, bad = 0;
	struct cell *cl;
	FILE *in = csv_open(metrics);
	double v;

	nh = csv_read_header(in, metrics, hbuf, hdr);
	metrics_cols_find(&mc, hdr, nh, metrics);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh) {
			bad++;
			continue;
		}
		if (strcmp(f[mc.c[MC_STATUS]], "pass") ||
		    text_parse_double(f[mc.c[MC_VALUE]], NULL, &v))
			continue;
		prof = csv_row_profiled(f, mc.prof);
		unprofiled |= !prof;
		if (strcmp(f[mc.c[MC_PHASE]], "deserialize") &&
		    strcmp(f[mc.c[MC_PHASE]], "retrieve"))
			continue;
		point_key(f, mc.point, key);
		cl = report_cell_of(&pair[prof], key, f[mc.c[MC_RUN]],
				    f[mc.c[MC_CYCLE]]);
		if (!cl->n)
			report_cell_add(cl, NAN, NAN);
		if (!strcmp(f[mc.c[MC_PHASE]], "deserialize"))
			cl->v[0] = v;
		else
			cl->w[0] = v;
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			metrics, bad);
	return unprofiled;
}

int report_restore_cycles(struct cells *out, const char *metrics)
{
	struct cells pair[2] = { { 0 }, { 0 } };
	int prof = !read_restore(pair, metrics);
	struct cell *cl;
	size_t i;

	for (i = 0; i < pair[prof].n; i++) {
		cl = &pair[prof].c[i];
		if (known(cl->v[0]) && known(cl->w[0]))
			report_cell_add(report_cell_of(out, cl->key[0], cl->key[1],
						       cl->key[2]),
					cl->v[0] + cl->w[0], 0);
	}
	report_cells_free(&pair[0]);
	report_cells_free(&pair[1]);
	return prof;
}

int report_restore(const char *metrics, const char *agg)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX], key[REPORT_KEY_LEN];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	struct cells cycles = { 0 }, sums = { 0 };
	int nh, pc[NPOINT_ALL], cph, cx, cfrom;
	struct cell *cl;
	size_t i;
	FILE *in;

	report_restore_cycles(&cycles, metrics);
	for (i = 0; i < cycles.n; i++)
		report_cell_add(report_cell_of(&sums, cycles.c[i].key[0], "", ""),
				cycles.c[i].v[0], 0);
	in = csv_open(agg);
	nh = csv_read_header(in, agg, hbuf, hdr);
	point_cols_find(hdr, nh, pc, agg);
	cph = csv_need_col(hdr, nh, "phase", agg);
	cx = csv_need_col(hdr, nh, "x_blocks", agg);
	cfrom = csv_need_col(hdr, nh, "x_from", agg);
	for (i = 0; i < NPOINT; i++)
		printf("%s,", point_cols[i]);
	for (i = 0; i < CSV_VARIANTS; i++)
		printf("%s,", csv_variant_cols[i]);
	printf("n,median,min,max,x_blocks,x_from\n");
	/* agg.csv's points in its order: each has one deserialize row */
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh || strcmp(f[cph], "deserialize"))
			continue;
		point_key(f, pc, key);
		cl = report_cell_find(&sums, key, "", "");
		if (!cl)
			continue;
		/* sorted for min and max; stats_median() then moves nothing */
		qsort(cl->v, cl->n, sizeof(double), stats_cmp_double);
		for (i = 0; i < NPOINT_ALL; i++) {
			csv_field(stdout, csv_opt(f, pc[i]));
			putchar(',');
		}
		printf("%zu,%.3f,%.3f,%.3f,", cl->n, stats_median(cl->v, cl->n),
		       cl->v[0], cl->v[cl->n - 1]);
		csv_field(stdout, f[cx]);
		putchar(',');
		csv_field(stdout, f[cfrom]);
		putchar('\n');
	}
	fclose(in);
	report_cells_free(&cycles);
	report_cells_free(&sums);
	return 0;
}
