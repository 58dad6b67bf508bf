// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate: statistics over luo-collect CSV for the charts and the
 * report.
 *   luo-aggregate CSV...          median, min, max and n per board, page
 *                                 size, phase and point (passed cycles)
 *   luo-aggregate --fit AGG       growth exponent per board, page size and
 *                                 phase: slope of log(median) on
 *                                 log(blocks), with R^2
 *   luo-aggregate --squad CSV...  the same samples as SQUAD's metrics
 *                                 JSON, {"phase/point": [values]}
 *   luo-aggregate --compare BASE NEW
 *                                 NEW/BASE per phase and point, flagged
 *                                 "slower" beyond the spread seen in BASE;
 *                                 exit 1 when a point is flagged
 * Every input is read by its header's column names, never by position.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MAX_FIELDS	32
#define LINE_MAX_LEN	8192

/* Split a CSV line in place; handles quoted fields. Returns field count. */
static int csv_split(char *line, char **f)
{
	char *p = line, *w;
	int n = 0;

	line[strcspn(line, "\r\n")] = 0;
	while (n < MAX_FIELDS) {
		f[n++] = p;
		if (*p == '"') {
			w = p;
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				*w++ = *p;
			}
			if (*p == '"')
				p++;
			*w = 0;
			if (*p != ',')
				return *p ? -1 : n;
			p++;
			continue;
		}
		w = strchr(p, ',');
		if (!w)
			return n;
		*w = 0;
		p = w + 1;
	}
	return -1;
}

static int col(char **hdr, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(hdr[i], name))
			return i;
	return -1;
}

/* The columns a group of samples shares, in the order they sort. */
static const char *const key_cols[] = {
	"board", "page_size", "phase", "sessions", "files", "pages", "blocks",
	"kernel_blocks", NULL,
};
#define NKEYS 8

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
	if (ngroups == capgroups) {
		capgroups = capgroups ? 2 * capgroups : 64;
		groups = realloc(groups, capgroups * sizeof(*groups));
		if (!groups) {
			fprintf(stderr, "luo-aggregate: out of memory\n");
			exit(3);
		}
	}
	memset(&groups[ngroups], 0, sizeof(*groups));
	memcpy(groups[ngroups].key, key, sizeof(groups[ngroups].key));
	return &groups[ngroups++];
}

static void add(struct group *g, double v)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->v = realloc(g->v, g->cap * sizeof(double));
		if (!g->v) {
			fprintf(stderr, "luo-aggregate: out of memory\n");
			exit(3);
		}
	}
	g->v[g->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static FILE *open_or_die(const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "luo-aggregate: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	return f;
}

/* Read the header of @f into @hdr; exits on a bad file. */
static int read_header(FILE *f, const char *path, char *buf, char **hdr)
{
	int n;

	if (!fgets(buf, LINE_MAX_LEN, f)) {
		fprintf(stderr, "luo-aggregate: %s: empty file\n", path);
		exit(3);
	}
	n = csv_split(buf, hdr);
	if (n < 2) {
		fprintf(stderr, "luo-aggregate: %s: no CSV header\n", path);
		exit(3);
	}
	return n;
}

/* Column @name of header @hdr, or exit naming what is missing. */
static int need_col(char **hdr, int n, const char *name, const char *path)
{
	int c = col(hdr, n, name);

	if (c < 0) {
		fprintf(stderr, "luo-aggregate: %s: no column %s\n", path, name);
		exit(3);
	}
	return c;
}

/* Numeric order for numbers, text order otherwise. */
static int cmp_value(const char *a, const char *b)
{
	double x, y;

	if (!parse_double(a, NULL, &x) && !parse_double(b, NULL, &y))
		return x < y ? -1 : x > y;
	return strcmp(a, b);
}

/* Groups sort by phase, board, page size, then the point's numbers. */
static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	static const int order[NKEYS] = { 2, 0, 1, 6, 7, 3, 4, 5 };
	int i, c;

	for (i = 0; i < NKEYS; i++) {
		c = cmp_value(x->key[order[i]], y->key[order[i]]);
		if (c)
			return c;
	}
	return 0;
}

/* Group the passed rows of the luo-collect CSVs @argv by key_cols. */
static void load_groups(int argc, char **argv)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN], key[NKEYS][64];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	int nh, n, i, k, kc[NKEYS], cv, cs, bad = 0;
	double v;
	FILE *in;

	for (i = 0; i < argc; i++) {
		in = open_or_die(argv[i]);
		nh = read_header(in, argv[i], hbuf, hdr);
		for (k = 0; key_cols[k]; k++)
			kc[k] = need_col(hdr, nh, key_cols[k], argv[i]);
		cv = need_col(hdr, nh, "value", argv[i]);
		cs = need_col(hdr, nh, "status", argv[i]);
		while (fgets(buf, sizeof(buf), in)) {
			n = csv_split(buf, f);
			if (n != nh) {
				bad++;
				continue;
			}
			if (strcmp(f[cs], "pass") || !*f[cv])
				continue;
			if (parse_double(f[cv], NULL, &v)) {
				bad++;
				continue;
			}
			memset(key, 0, sizeof(key));
			for (k = 0; k < NKEYS; k++)
				snprintf(key[k], sizeof(key[k]), "%s", f[kc[k]]);
			add(group_of(key), v);
		}
		fclose(in);
	}
	if (bad)
		fprintf(stderr, "luo-aggregate: %d malformed rows skipped\n", bad);
	qsort(groups, ngroups, sizeof(*groups), cmp_group);
}

static int stats(int argc, char **argv)
{
	size_t g;

	int k;

	load_groups(argc, argv);
	for (k = 0; key_cols[k]; k++)
		printf("%s,", key_cols[k]);
	printf("n,median,min,max\n");
	for (g = 0; g < ngroups; g++) {
		struct group *gr = &groups[g];
		double med;

		qsort(gr->v, gr->n, sizeof(double), cmp_double);
		med = gr->n % 2 ? gr->v[gr->n / 2] :
		      (gr->v[gr->n / 2 - 1] + gr->v[gr->n / 2]) / 2;
		for (k = 0; k < NKEYS; k++)
			printf("%s,", gr->key[k]);
		printf("%zu,%.3f,%.3f,%.3f\n", gr->n, med, gr->v[0],
		       gr->v[gr->n - 1]);
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

		/* key_cols: board page_size phase sessions files pages */
		printf("%s\n  \"%s/%s-%s-s%s-f%s-p%s\": [", g ? "," : "", k[2],
		       k[0], k[1], k[3], k[4], k[5]);
		for (i = 0; i < groups[g].n; i++)
			printf("%s%.3f", i ? ", " : "", groups[g].v[i]);
		printf("]");
	}
	printf("\n}\n");
	return 0;
}

struct agg_row {
	char board[64], page_size[16], phase[32], point[96];
	double blocks, median, min, max;
};

/* Read an aggregate CSV; returns rows (caller frees), count in @n. */
static struct agg_row *read_agg(const char *path, size_t *n)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	struct agg_row *rows = NULL;
	size_t cap = 0;
	FILE *in = open_or_die(path);
	int nh = read_header(in, path, hbuf, hdr);
	int cb, cp, cph, cs, cf, cpg, cbl, cmed, cmin, cmax;

	cb = need_col(hdr, nh, "board", path);
	cp = need_col(hdr, nh, "page_size", path);
	cph = need_col(hdr, nh, "phase", path);
	cs = need_col(hdr, nh, "sessions", path);
	cf = need_col(hdr, nh, "files", path);
	cpg = need_col(hdr, nh, "pages", path);
	cbl = need_col(hdr, nh, "blocks", path);
	cmed = need_col(hdr, nh, "median", path);
	cmin = need_col(hdr, nh, "min", path);
	cmax = need_col(hdr, nh, "max", path);
	*n = 0;
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			rows = realloc(rows, cap * sizeof(*rows));
			if (!rows)
				exit(3);
		}
		snprintf(rows[*n].board, sizeof(rows[*n].board), "%s", f[cb]);
		snprintf(rows[*n].page_size, sizeof(rows[*n].page_size), "%s",
			 f[cp]);
		snprintf(rows[*n].phase, sizeof(rows[*n].phase), "%s", f[cph]);
		snprintf(rows[*n].point, sizeof(rows[*n].point), "%s,%s,%s,%s",
			 f[cs], f[cf], f[cpg], f[cbl]);
		if (parse_double(f[cbl], NULL, &rows[*n].blocks) ||
		    parse_double(f[cmed], NULL, &rows[*n].median) ||
		    parse_double(f[cmin], NULL, &rows[*n].min) ||
		    parse_double(f[cmax], NULL, &rows[*n].max)) {
			fprintf(stderr, "luo-aggregate: %s: a row with a non-number skipped\n",
				path);
			continue;
		}
		(*n)++;
	}
	fclose(in);
	return rows;
}

static int fit(const char *path)
{
	size_t n, i, j;
	struct agg_row *r = read_agg(path, &n);
	char *done = calloc(n + 1, 1);

	printf("board,page_size,phase,points,exponent,r2\n");
	for (i = 0; i < n; i++) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, x, y;
		double slope, r2, den;
		int k = 0;

		if (done[i])
			continue;
		for (j = i; j < n; j++) {
			if (strcmp(r[i].board, r[j].board) ||
			    strcmp(r[i].page_size, r[j].page_size) ||
			    strcmp(r[i].phase, r[j].phase))
				continue;
			done[j] = 1;
			if (r[j].blocks <= 0 || r[j].median <= 0)
				continue;
			x = log(r[j].blocks);
			y = log(r[j].median);
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
			syy += y * y;
			k++;
		}
		den = k * sxx - sx * sx;
		if (k < 2 || den <= 0) {
			printf("%s,%s,%s,%d,,\n", r[i].board, r[i].page_size,
			       r[i].phase, k);
			continue;
		}
		slope = (k * sxy - sx * sy) / den;
		r2 = (k * syy - sy * sy) > 0 ?
		     pow(k * sxy - sx * sy, 2) / (den * (k * syy - sy * sy)) : 1;
		printf("%s,%s,%s,%d,%.3f,%.3f\n", r[i].board, r[i].page_size,
		       r[i].phase, k, slope, r2);
	}
	free(done);
	free(r);
	return 0;
}

static int compare(const char *base_path, const char *new_path)
{
	size_t nb, nn, i, j;
	struct agg_row *b = read_agg(base_path, &nb);
	struct agg_row *w = read_agg(new_path, &nn);
	int slower = 0;

	printf("board,page_size,phase,sessions,files,pages,blocks,base_median,new_median,ratio,noise,verdict\n");
	for (i = 0; i < nn; i++) {
		for (j = 0; j < nb; j++) {
			double noise, ratio;
			const char *verdict = "same";

			if (strcmp(w[i].board, b[j].board) ||
			    strcmp(w[i].page_size, b[j].page_size) ||
			    strcmp(w[i].phase, b[j].phase) ||
			    strcmp(w[i].point, b[j].point))
				continue;
			if (b[j].median <= 0)
				break;
			/* the spread across cycles in either run is the noise */
			noise = (b[j].max - b[j].min) / b[j].median;
			if (w[i].median > 0 &&
			    (w[i].max - w[i].min) / w[i].median > noise)
				noise = (w[i].max - w[i].min) / w[i].median;
			ratio = w[i].median / b[j].median;
			if (ratio > 1 + noise && w[i].min > b[j].max) {
				verdict = "slower";
				slower++;
			} else if (ratio < 1 - noise && w[i].max < b[j].min) {
				verdict = "faster";
			}
			printf("%s,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%s\n",
			       w[i].board, w[i].page_size, w[i].phase,
			       w[i].point, b[j].median, w[i].median, ratio,
			       noise, verdict);
			break;
		}
	}
	free(b);
	free(w);
	fprintf(stderr, "luo-aggregate: %d phase points slower beyond noise\n",
		slower);
	return slower ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		printf("Usage: luo-aggregate CSV... | --squad CSV... | --fit AGG | --compare BASE-AGG NEW-AGG\n");
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "--squad"))
		return squad(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "--fit"))
		return fit(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--compare"))
		return compare(argv[2], argv[3]);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "luo-aggregate: bad arguments (see --help)\n");
		return 3;
	}
	return stats(argc - 1, argv + 1);
}
