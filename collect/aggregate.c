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
 *                                 "slower" beyond the spread seen in BASE
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct group {
	char key[256];		/* board,page_size,phase,sessions,files,pages,blocks */
	double *v;
	size_t n, cap;
};

static struct group *groups;
static size_t ngroups, capgroups;

static struct group *group_of(const char *key)
{
	size_t i;

	for (i = 0; i < ngroups; i++)
		if (!strcmp(groups[i].key, key))
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
	snprintf(groups[ngroups].key, sizeof(groups[ngroups].key), "%s", key);
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

static const char *const key_cols[] = {
	"board", "page_size", "phase", "sessions", "files", "pages", "blocks",
	NULL,
};

/* Group the passed rows of the luo-collect CSVs @argv by key_cols. */
static void load_groups(int argc, char **argv)
{
	char hbuf[LINE_MAX_LEN], buf[LINE_MAX_LEN], key[256];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS], *end;
	int nh, n, i, k, kc[8], cv, cs, bad = 0;
	long line;
	double v;
	FILE *in;

	for (i = 0; i < argc; i++) {
		in = open_or_die(argv[i]);
		nh = read_header(in, argv[i], hbuf, hdr);
		for (k = 0; key_cols[k]; k++) {
			kc[k] = col(hdr, nh, key_cols[k]);
			if (kc[k] < 0) {
				fprintf(stderr, "luo-aggregate: %s: no column %s\n",
					argv[i], key_cols[k]);
				exit(3);
			}
		}
		cv = col(hdr, nh, "value");
		cs = col(hdr, nh, "status");
		if (cv < 0 || cs < 0) {
			fprintf(stderr, "luo-aggregate: %s: no value or status column\n",
				argv[i]);
			exit(3);
		}
		for (line = 2; fgets(buf, sizeof(buf), in); line++) {
			n = csv_split(buf, f);
			if (n != nh) {
				bad++;
				continue;
			}
			if (strcmp(f[cs], "pass") || !*f[cv])
				continue;
			v = strtod(f[cv], &end);
			if (*end || end == f[cv]) {
				bad++;
				continue;
			}
			key[0] = 0;
			for (k = 0; key_cols[k]; k++)
				snprintf(key + strlen(key), sizeof(key) - strlen(key),
					 "%s%s", k ? "," : "", f[kc[k]]);
			add(group_of(key), v);
		}
		fclose(in);
	}
	if (bad)
		fprintf(stderr, "luo-aggregate: %d malformed rows skipped\n", bad);
}

static int stats(int argc, char **argv)
{
	size_t g;

	load_groups(argc, argv);
	printf("board,page_size,phase,sessions,files,pages,blocks,n,median,min,max\n");
	for (g = 0; g < ngroups; g++) {
		struct group *gr = &groups[g];
		double med;

		qsort(gr->v, gr->n, sizeof(double), cmp_double);
		med = gr->n % 2 ? gr->v[gr->n / 2] :
		      (gr->v[gr->n / 2 - 1] + gr->v[gr->n / 2]) / 2;
		printf("%s,%zu,%.3f,%.3f,%.3f\n", gr->key, gr->n, med,
		       gr->v[0], gr->v[gr->n - 1]);
	}
	return 0;
}

/*
 * SQUAD's metrics file: {"suite/name": [values]}, suite the phase, name
 * the board, page size and point, values every passed cycle's (ms).
 */
static int squad(int argc, char **argv)
{
	char *f[MAX_FIELDS], key[256];
	size_t g, i;

	load_groups(argc, argv);
	printf("{");
	for (g = 0; g < ngroups; g++) {
		snprintf(key, sizeof(key), "%s", groups[g].key);
		if (csv_split(key, f) != 7)
			continue;
		printf("%s\n  \"%s/%s-%s-s%s-f%s-p%s\": [", g ? "," : "", f[2],
		       f[0], f[1], f[3], f[4], f[5]);
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

	if (nh != 11 || col(hdr, nh, "median") != 8) {
		fprintf(stderr, "luo-aggregate: %s: not an aggregate CSV\n", path);
		exit(3);
	}
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
		snprintf(rows[*n].board, sizeof(rows[*n].board), "%s", f[0]);
		snprintf(rows[*n].page_size, sizeof(rows[*n].page_size), "%s",
			 f[1]);
		snprintf(rows[*n].phase, sizeof(rows[*n].phase), "%s", f[2]);
		snprintf(rows[*n].point, sizeof(rows[*n].point), "%s,%s,%s,%s",
			 f[3], f[4], f[5], f[6]);
		rows[*n].blocks = atof(f[6]);
		rows[*n].median = atof(f[8]);
		rows[*n].min = atof(f[9]);
		rows[*n].max = atof(f[10]);
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
	return 0;
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
