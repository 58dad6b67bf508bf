// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate: statistics over luo-collect CSV for the charts and the
 * report.
 *   luo-aggregate CSV...          median, min, max and n per board, page
 *                                 size, phase and point (passed cycles)
 *   luo-aggregate --fit AGG       growth exponent per board, page size and
 *                                 phase: slope of log(median) on
 *                                 log(blocks) with its 95% interval, R^2,
 *                                 intercept, and the local exponent of
 *                                 the two largest points (3 points at least)
 *   luo-aggregate --squad CSV...  the same samples as SQUAD's metrics
 *                                 JSON, {"phase/point": [values]}
 *   luo-aggregate --compare BASE NEW [--drift DRIFT]
 *   luo-aggregate --cycles-for CHANGE METRICS
 *   luo-aggregate --simulate CHANGE SWEEPS METRICS
 *                                 two sweeps' metrics.csv compared, phase
 *                                 by phase, with a stated false-alarm
 *                                 rate; the cycles a sensitivity needs;
 *                                 the rule tried on simulated sweeps with
 *                                 a sweep's noise (compare.c,
 *                                 sensitivity.c)
 *   luo-aggregate --profile PROFILE METRICS AGG
 *   luo-aggregate --profile-cost METRICS AGG
 *   luo-aggregate --restore METRICS AGG
 *   luo-aggregate --handover MARKS METRICS AGG RUN-DIR...
 *   luo-aggregate --handover-cost METRICS RUN-DIR...
 *                                 where the time goes and what measuring
 *                                 it cost, and a cycle's restore time
 *                                 (deserialize + retrieve), for the report
 *                                 (report_stats.c, handover_stats.c)
 *   luo-aggregate --matrix METRICS [RUN-DIR...]
 *                                 the transitions between kernels, one
 *                                 row per kernel left and kernel entered
 *                                 (matrix_stats.c)
 * This file is main() and the first three modes; every input is read by
 * its header's column names (csv.c), never by position.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "csv.h"
#include "handover_stats.h"
#include "matrix_stats.h"
#include "mem.h"
#include "report_stats.h"
#include "sensitivity.h"
#include "stats.h"
#include "text.h"

/* The columns a group of samples shares: its key. */
enum key {
	KEY_BOARD,
	KEY_PAGE_SIZE,
	KEY_PHASE,
	KEY_SESSIONS,
	KEY_FILES,
	KEY_PAGES,
	KEY_BLOCKS,
	KEY_KERNEL_BLOCKS,
	KEY_VARIANT,	/* csv_variant_cols: absent from older CSVs */
	NKEYS = KEY_VARIANT + CSV_VARIANTS
};

/* Their names in the CSVs, in the order of the statistics' columns. */
static const char *const key_cols[KEY_VARIANT] = {
	[KEY_BOARD] = "board",
	[KEY_PAGE_SIZE] = "page_size",
	[KEY_PHASE] = "phase",
	[KEY_SESSIONS] = "sessions",
	[KEY_FILES] = "files",
	[KEY_PAGES] = "pages",
	[KEY_BLOCKS] = "blocks",
	[KEY_KERNEL_BLOCKS] = "kernel_blocks",
	/* [KEY_VARIANT...]: csv_variant_cols, set by key_col() */
};

/* The name of key @k. */
static const char *key_col(int k)
{
	return k < KEY_VARIANT ? key_cols[k] : csv_variant_cols[k - KEY_VARIANT];
}

/*
 * Groups sort by phase, board, page size, then the point's numbers,
 * then its variant.
 */
static const int key_order[NKEYS] = {
	KEY_PHASE, KEY_BOARD, KEY_PAGE_SIZE, KEY_BLOCKS, KEY_KERNEL_BLOCKS,
	KEY_SESSIONS, KEY_FILES, KEY_PAGES, KEY_VARIANT, KEY_VARIANT + 1,
	KEY_VARIANT + 2,
};

struct group {
	char key[NKEYS][64];	/* values of key_cols */
	double *v;
	size_t n, cap;
};

static struct group *groups;
static size_t ngroups, capgroups;

static struct group *group_of(char key[NKEYS][64])
{
	size_t i;

	for (i = 0; i < ngroups; i++)
		if (!memcmp(groups[i].key, key, sizeof(groups[i].key)))
			return &groups[i];
	MEM_GROW(groups, ngroups, capgroups);
	memset(&groups[ngroups], 0, sizeof(*groups));
	memcpy(groups[ngroups].key, key, sizeof(groups[ngroups].key));
	return &groups[ngroups++];
}

static void add(struct group *g, double v)
{
	MEM_GROW(g->v, g->n, g->cap);
	g->v[g->n++] = v;
}

/* Groups in key_order. */
static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int i, c;

	for (i = 0; i < NKEYS; i++) {
		c = csv_cmp_value(x->key[key_order[i]], y->key[key_order[i]]);
		if (c)
			return c;
	}
	return 0;
}

/*
 * Group the passed rows of the luo-collect CSVs @argv by key_cols,
 * profiled rows too when @profiled. Returns the profiled rows left out.
 */
static long load_rows(int argc, char **argv, int profiled)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX], key[NKEYS][64];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	int nh, n, i, k, kc[NKEYS], cv, cs, cprof, bad = 0;
	long left_out = 0;
	double v;
	FILE *in;

	for (i = 0; i < argc; i++) {
		in = csv_open(argv[i]);
		nh = csv_read_header(in, argv[i], hbuf, hdr);
		csv_need_cols(hdr, nh, key_cols, KEY_VARIANT, kc, argv[i]);
		csv_opt_cols(hdr, nh, csv_variant_cols, CSV_VARIANTS,
			     kc + KEY_VARIANT);
		cv = csv_need_col(hdr, nh, "value", argv[i]);
		cs = csv_need_col(hdr, nh, "status", argv[i]);
		/* profiled runs (PROFILE=1) carry the profiler's cost: left out */
		cprof = csv_col(hdr, nh, "profile");
		while (fgets(buf, sizeof(buf), in)) {
			n = csv_split(buf, f);
			if (n != nh) {
				bad++;
				continue;
			}
			if (strcmp(f[cs], "pass") || !*f[cv])
				continue;
			if (!profiled && csv_row_profiled(f, cprof)) {
				left_out++;
				continue;
			}
			if (text_parse_double(f[cv], NULL, &v)) {
				bad++;
				continue;
			}
			memset(key, 0, sizeof(key));
			for (k = 0; k < NKEYS; k++)
				snprintf(key[k], sizeof(key[k]), "%s",
					 csv_opt(f, kc[k]));
			add(group_of(key), v);
		}
		fclose(in);
	}
	if (bad)
		fprintf(stderr, "luo-aggregate: %d malformed rows skipped\n", bad);
	return left_out;
}

/*
 * The groups of @argv: unprofiled runs, or the profiled ones when there
 * are no others (their times then include the profiler's cost).
 */
static void load_groups(int argc, char **argv)
{
	if (load_rows(argc, argv, 0) && !ngroups) {
		fprintf(stderr, "luo-aggregate: only profiled runs: their times include the profiler's cost\n");
		load_rows(argc, argv, 1);
	}
	qsort(groups, ngroups, sizeof(*groups), cmp_group);
}

/*
 * The x of a point, on the report's charts and in the fit: the kernel's
 * block count where it counted (@kernel_blocks >= 0), else the model's
 * (@blocks). Returns the chosen one's text; *@kernel says which.
 */
static const char *point_x(const char *blocks, const char *kernel_blocks,
			   int *kernel)
{
	double kb;

	*kernel = !text_parse_double(kernel_blocks, NULL, &kb) && kb >= 0;
	return *kernel ? kernel_blocks : blocks;
}

static int stats(int argc, char **argv)
{
	size_t g;
	const char *x;
	int k, kernel;

	load_groups(argc, argv);
	for (k = 0; k < NKEYS; k++)
		printf("%s,", key_col(k));
	printf("n,median,min,max,x_blocks,x_from\n");
	for (g = 0; g < ngroups; g++) {
		struct group *gr = &groups[g];
		double med;

		/* sorted for min and max; stats_median() then moves nothing */
		qsort(gr->v, gr->n, sizeof(double), stats_cmp_double);
		med = stats_median(gr->v, gr->n);
		for (k = 0; k < NKEYS; k++)
			printf("%s,", gr->key[k]);
		x = point_x(gr->key[KEY_BLOCKS], gr->key[KEY_KERNEL_BLOCKS],
			    &kernel);
		printf("%zu,%.3f,%.3f,%.3f,%s,%s\n", gr->n, med, gr->v[0],
		       gr->v[gr->n - 1], x, kernel ? "kernel" : "model");
	}
	return 0;
}

/*
 * SQUAD's metrics file: {"suite/name": [values]}, suite the phase, name
 * the board, page size and point, values every passed cycle's (ms).
 */
static int squad(int argc, char **argv)
{
	size_t g, i;

	load_groups(argc, argv);
	printf("{");
	for (g = 0; g < ngroups; g++) {
		char (*k)[64] = groups[g].key;
		int v;

		printf("%s\n  \"%s/%s-%s-s%s-f%s-p%s", g ? "," : "",
		       k[KEY_PHASE], k[KEY_BOARD], k[KEY_PAGE_SIZE],
		       k[KEY_SESSIONS], k[KEY_FILES], k[KEY_PAGES]);
		/* a variant's: -w<workers>-c<churn>-<faults>, where set */
		for (v = 0; v < CSV_VARIANTS; v++)
			if (k[KEY_VARIANT + v][0])
				printf("-%s%s", v == 0 ? "w" : v == 1 ? "c" : "",
				       k[KEY_VARIANT + v]);
		printf("\": [");
		for (i = 0; i < groups[g].n; i++)
			printf("%s%.3f", i ? ", " : "", groups[g].v[i]);
		printf("]");
	}
	printf("\n}\n");
	return 0;
}

struct agg_row {
	char board[64], page_size[16], phase[32];
	char variant[CSV_VARIANTS][24];	/* csv_variant_cols, "" unset */
	double x, median;	/* blocks: the kernel's where counted */
	int kernel;		/* x is the kernel's count */
};

/* Read an aggregate CSV; returns rows (caller frees), count in @n. */
static struct agg_row *read_agg(const char *path, size_t *n)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	struct agg_row *rows = NULL, *r;
	size_t cap = 0;
	FILE *in = csv_open(path);
	int nh = csv_read_header(in, path, hbuf, hdr);
	int cb, cp, cph, cbl, ckb, cmed, cv[CSV_VARIANTS], v, bad = 0;

	csv_opt_cols(hdr, nh, csv_variant_cols, CSV_VARIANTS, cv);
	cb = csv_need_col(hdr, nh, "board", path);
	cp = csv_need_col(hdr, nh, "page_size", path);
	cph = csv_need_col(hdr, nh, "phase", path);
	cbl = csv_need_col(hdr, nh, "blocks", path);
	ckb = csv_need_col(hdr, nh, "kernel_blocks", path);
	cmed = csv_need_col(hdr, nh, "median", path);
	*n = 0;
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh) {
			bad++;
			continue;
		}
		MEM_GROW(rows, *n, cap);
		r = &rows[*n];
		snprintf(r->board, sizeof(r->board), "%s", f[cb]);
		snprintf(r->page_size, sizeof(r->page_size), "%s", f[cp]);
		snprintf(r->phase, sizeof(r->phase), "%s", f[cph]);
		for (v = 0; v < CSV_VARIANTS; v++)
			TEXT_COPY(r->variant[v], csv_opt(f, cv[v]));
		if (text_parse_double(f[cbl], NULL, &r->x) ||
		    text_parse_double(f[cmed], NULL, &r->median)) {
			bad++;
			continue;
		}
		/*
		 * x by point_x, as stats() wrote x_blocks; the text it picks
		 * parses (blocks checked above, kernel_blocks in point_x)
		 */
		text_parse_double(point_x(f[cbl], f[ckb], &r->kernel), NULL, &r->x);
		(*n)++;
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			path, bad);
	return rows;
}

/* Rows of one fit: same board, page size, phase and variant as @r. */
static int same_series(const struct agg_row *r, const struct agg_row *s)
{
	return !strcmp(r->board, s->board) &&
	       !strcmp(r->page_size, s->page_size) &&
	       !strcmp(r->phase, s->phase) &&
	       !strcmp(r->variant[0], s->variant[0]) &&
	       !strcmp(r->variant[1], s->variant[1]) &&
	       !strcmp(r->variant[2], s->variant[2]);
}

static int cmp_x(const void *a, const void *b)
{
	const struct agg_row *x = a, *y = b;

	return x->x < y->x ? -1 : x->x > y->x;
}

/*
 * One series' fit: least squares of log(median) on log(blocks), the
 * slope's 95% interval from Student's t with k - 2 degrees of freedom,
 * and the local exponent of the two largest block counts (log ratio of
 * their medians over log ratio of their blocks; points at one block count
 * are taken together by their geometric mean).
 */
static void fit_series(struct agg_row *s, size_t n)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, sse, slope, icpt;
	double r2, half, se, lx[2] = { 0, 0 }, ly[2] = { 0, 0 }, last = 0;
	size_t i, k = 0, distinct = 0, kernel = 0, cnt[2] = { 0, 0 };
	const char *note = "";
	int top = 0;

	qsort(s, n, sizeof(*s), cmp_x);
	for (i = 0; i < n; i++) {
		double x, y;

		if (s[i].x <= 0 || s[i].median <= 0)
			continue;
		x = log(s[i].x);
		y = log(s[i].median);
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
		syy += y * y;
		distinct += !k || s[i].x != last;
		last = s[i].x;
		kernel += s[i].kernel;
		k++;
	}
	/* the two largest block counts, from the top down */
	for (i = n; i-- > 0;) {
		if (s[i].x <= 0 || s[i].median <= 0)
			continue;
		if (cnt[top] && s[i].x != last && ++top == 2)
			break;
		last = s[i].x;
		lx[top] = log(s[i].x);
		ly[top] += log(s[i].median);
		cnt[top]++;
	}
	printf("%s,%s,%s,%s,%s,%s,%zu", s[0].board, s[0].page_size,
	       s[0].phase, s[0].variant[0], s[0].variant[1], s[0].variant[2],
	       k);
	if (k < 3 || distinct < 3) {
		printf(",,,,,,,too few points\n");
		return;
	}
	slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
	icpt = (sy - slope * sx) / k;
	sse = syy - icpt * sy - slope * sxy;
	if (sse < 0)
		sse = 0;
	se = sqrt(sse / (k - 2) / (sxx - sx * sx / k));
	half = stats_t_quantile(0.975, k - 2) * se;
	r2 = k * syy - sy * sy > 0 ?
	     pow(k * sxy - sx * sy, 2) / ((k * sxx - sx * sx) * (k * syy - sy * sy)) : 1;
	if (!kernel)
		note = "blocks from the model (the kernel did not count)";
	else if (kernel < k)
		note = "blocks counted by the kernel where it could, else the model";
	printf(",%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%s\n", slope, slope - half,
	       slope + half, r2,
	       (ly[0] / cnt[0] - ly[1] / cnt[1]) / (lx[0] - lx[1]),
	       icpt, note);
}

static int fit(const char *path)
{
	size_t n, i, j, m;
	struct agg_row *r = read_agg(path, &n), *s;
	char *done = mem_need(calloc(n + 1, 1));

	s = mem_need(calloc(n + 1, sizeof(*s)));
	printf("board,page_size,phase,%s,%s,%s,points,exponent,exponent_lo,exponent_hi,r2,local_exponent,intercept,note\n",
	       csv_variant_cols[0], csv_variant_cols[1], csv_variant_cols[2]);
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (m = 0, j = i; j < n; j++) {
			if (!same_series(&r[i], &r[j]))
				continue;
			done[j] = 1;
			s[m++] = r[j];
		}
		fit_series(s, m);
	}
	free(s);
	free(done);
	free(r);
	return 0;
}

/* --compare BASE NEW [--drift PATH] [--tail T] */
static int compare_main(int argc, char **argv)
{
	const char *drift = NULL;
	double tail = COMPARE_TAIL;
	int i;

	for (i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--drift")) {
			drift = argv[i + 1];
		} else if (!strcmp(argv[i], "--tail")) {
			if (text_parse_double(argv[i + 1], NULL, &tail) ||
			    !(tail > 0 && tail < 0.5)) {
				fprintf(stderr, "luo-aggregate: --tail '%s': give each tail of the interval, above 0 and below 0.5 (0.025: 95%%)\n",
					argv[i + 1]);
				exit(3);
			}
		} else {
			break;
		}
	}
	if (i != argc) {
		fprintf(stderr, "luo-aggregate: --compare BASE NEW [--drift PATH] [--tail T]: '%s' is not one of them\n",
			argv[i]);
		exit(3);
	}
	return compare_sweeps(argv[0], argv[1], drift, tail);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		printf("Usage: luo-aggregate CSV... | --squad CSV... | --fit AGG |\n"
		       "       --compare BASE-METRICS NEW-METRICS [--drift DRIFT-CSV] [--tail T] |\n"
		       "       --cycles-for CHANGE METRICS [METRICS2] |\n"
		       "       --simulate CHANGE SWEEPS [--cycles N] METRICS [METRICS2] |\n"
		       "       --profile PROFILE METRICS AGG | --profile-cost METRICS AGG |\n"
		       "       --restore METRICS AGG |\n"
		       "       --handover MARKS METRICS AGG RUN-DIR... |\n"
		       "       --handover-cost METRICS RUN-DIR... |\n"
		       "       --matrix METRICS [RUN-DIR...]\n"
		       "METRICS: luo-collect's metrics.csv of a sweep (METRICS2: another sweep\n"
		       "of the same kernel, its noise pooled); AGG: this program's agg.csv;\n"
		       "PROFILE, MARKS: luo-collect --profile's, --marks' CSV; RUN-DIR: a run\n"
		       "with handover-samples.txt (--matrix: with run.txt's kernel table);\n"
		       "CHANGE: a fraction, 0.25 for 25%%; T: each tail of compare.csv's\n"
		       "intervals (default 0.025: 95%%). See docs/metrics.md.\n");
		return 0;
	}
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "--cycles-for"))
		return sens_cycles_for(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if (argc >= 5 && !strcmp(argv[1], "--simulate")) {
		char *cycles = NULL;
		int i = 4;

		if (argc >= i + 2 && !strcmp(argv[i], "--cycles")) {
			cycles = argv[i + 1];
			i += 2;
		}
		if (argc - i == 1 || argc - i == 2)
			return sens_simulate(argv[2], argv[3], cycles, argv[i],
					argc - i == 2 ? argv[i + 1] : NULL);
	}
	if (argc >= 3 && !strcmp(argv[1], "--squad"))
		return squad(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "--fit"))
		return fit(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "--compare"))
		return compare_main(argc - 2, argv + 2);
	if (argc == 5 && !strcmp(argv[1], "--profile"))
		return report_profile(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "--profile-cost"))
		return report_profile_cost(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "--restore"))
		return report_restore(argv[2], argv[3]);
	if (argc >= 6 && !strcmp(argv[1], "--handover"))
		return handover_functions(argv[2], argv[3], argv[4], argc - 5,
					  argv + 5);
	if (argc >= 4 && !strcmp(argv[1], "--handover-cost"))
		return handover_cost(argv[2], argc - 3, argv + 3);
	if (argc >= 3 && !strcmp(argv[1], "--matrix"))
		return matrix_stats(argv[2], argc - 3, argv + 3);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "luo-aggregate: bad arguments (see --help)\n");
		return 3;
	}
	return stats(argc - 1, argv + 1);
}
