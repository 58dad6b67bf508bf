// SPDX-License-Identifier: GPL-2.0
/*
 * The handover gap's functions and the sampling's cost, from the program
 * counter samples boards/handover-sample.py wrote in each run directory
 * (handover-samples.txt, read by its "# columns:" line's names):
 *   --handover MARKS METRICS AGG RUN-DIR...
 *                 the 10 functions with the most samples in the gap
 *                 (start_host to clock_host of luo-collect --marks) of
 *                 the sampled cycles at the largest point: each one's
 *                 share of the samples times the gap's median length
 *   --handover-cost METRICS RUN-DIR...
 *                 per run, its sampled cycles' median gap over that of
 *                 the unsampled cycles two later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "mem.h"
#include "handover_stats.h"
#include "report_stats.h"
#include "stats.h"
#include "text.h"

#define SAMPLES_FILE	"handover-samples.txt"
#define MAX_COLS	16

/* One program counter sample. */
struct sample {
	double t;		/* host seconds */
	long cycle;
	char func[REPORT_KEY_LEN];
};

/* One run's samples file. */
struct samples {
	char run[REPORT_KEY_LEN];	/* the run directory's name: its run_id */
	long *sampled;		/* the cycles sampled, in the file's order */
	size_t nsampled, capsampled;
	struct sample *at;	/* the samples, in the file's order */
	size_t n, cap;
};

static void bad_file(const char *path, long line, const char *what)
{
	fprintf(stderr, "luo-aggregate: %s:%ld: %s\n", path, line, what);
	exit(3);
}

/*
 * Split @line into @n fields at single spaces, the last field taking the
 * rest of the line (a function may be "outside the kernel"). Returns the
 * fields found.
 */
static int split_spaces(char *line, char **f, int n)
{
	int k = 0;

	line[strcspn(line, "\r\n")] = 0;
	while (k < n) {
		f[k++] = line;
		if (k == n)
			break;
		line = strchr(line, ' ');
		if (!line)
			break;
		*line++ = 0;
	}
	return k;
}

static void read_samples(const char *dir, struct samples *s)
{
	char path[CSV_LINE_MAX], buf[CSV_LINE_MAX], names[CSV_LINE_MAX];
	char *cols[MAX_COLS], *f[MAX_COLS], num[32];
	int ncols = 0, ct = -1, cc = -1, cf = -1, i;
	const char *p;
	long lineno = 0, cycle;
	double t;
	FILE *in;

	memset(s, 0, sizeof(*s));
	report_run_name(dir, s->run);
	snprintf(path, sizeof(path), "%s/%s", dir, SAMPLES_FILE);
	in = csv_open(path);
	while (fgets(buf, sizeof(buf), in)) {
		lineno++;
		buf[strcspn(buf, "\r\n")] = 0;
		p = text_after(buf, "# columns: ");
		if (p) {
			snprintf(names, sizeof(names), "%s", p);
			ncols = split_spaces(names, cols, MAX_COLS);
			for (i = 0; i < ncols; i++) {
				if (!strcmp(cols[i], "host_s"))
					ct = i;
				else if (!strcmp(cols[i], "cycle"))
					cc = i;
				else if (!strcmp(cols[i], "function"))
					cf = i;
			}
			if (ct < 0 || cc < 0 || cf < 0)
				bad_file(path, lineno, "no host_s, cycle or function in '# columns:'");
			continue;
		}
		p = text_after(buf, "# sampled ");
		if (p) {
			if (text_kv_get(p, "cycle", num, sizeof(num)) ||
			    text_parse_long(num, NULL, &cycle))
				bad_file(path, lineno, "no cycle=N");
			MEM_GROW(s->sampled, s->nsampled, s->capsampled);
			s->sampled[s->nsampled++] = cycle;
			continue;
		}
		if (buf[0] == '#')
			continue;
		if (!ncols)
			bad_file(path, lineno, "a sample before the '# columns:' line");
		if (split_spaces(buf, f, ncols) != ncols ||
		    text_parse_double(f[ct], NULL, &t) ||
		    text_parse_long(f[cc], NULL, &cycle))
			bad_file(path, lineno, "not a sample of the '# columns:' named");
		MEM_GROW(s->at, s->n, s->cap);
		s->at[s->n].t = t;
		s->at[s->n].cycle = cycle;
		snprintf(s->at[s->n++].func, REPORT_KEY_LEN, "%s", f[cf]);
	}
	fclose(in);
}

static void samples_free(struct samples *s)
{
	free(s->at);
	free(s->sampled);
}

/* The gap's ms of @run's cycle @cycle, or NULL. */
static const double *gap_of(const struct sweep_facts *sf, const char *run,
			    long cycle)
{
	char num[32];
	const struct cell *cl;

	snprintf(num, sizeof(num), "%ld", cycle);
	cl = report_cell_find(&sf->gap, run, num, "");
	return cl ? &cl->v[0] : NULL;
}

/* luo-collect --marks: run, cycle: start_host (v) and clock_host (w). */
static void read_marks(struct cells *marks, const char *path)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	FILE *in = csv_open(path);
	int nh = csv_read_header(in, path, hbuf, hdr);
	int crun = csv_need_col(hdr, nh, "run_id", path);
	int ccyc = csv_need_col(hdr, nh, "cycle", path);
	int cs = csv_need_col(hdr, nh, "start_host", path);
	int cc = csv_need_col(hdr, nh, "clock_host", path);
	struct cell *cl;
	double lo, hi;

	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh)
			continue;
		/* a cycle's last row counts; one without both marks, none */
		cl = report_cell_of(marks, f[crun], f[ccyc], "");
		cl->n = 0;
		if (!text_parse_double(f[cs], NULL, &lo) &&
		    !text_parse_double(f[cc], NULL, &hi))
			report_cell_add(cl, lo, hi);
	}
	fclose(in);
}

/*
 * Run @s's functions of the gap into @fn and the gap's median into
 * @times: every sampled cycle's samples between its start_host and
 * clock_host, pooled; a function's ms its share of them times the
 * median gap.
 */
static void gap_functions(const struct samples *s, const struct cells *marks,
			  const struct sweep_facts *sf, struct cells *fn,
			  struct cells *times)
{
	struct cells counts = { 0 };
	double *gaps = mem_need(calloc(s->nsampled + 1, sizeof(*gaps)));
	const struct cell *m;
	const double *g;
	size_t i, j, ngaps = 0, total = 0;
	char num[32];
	double med;

	for (i = 0; i < s->nsampled; i++) {
		snprintf(num, sizeof(num), "%ld", s->sampled[i]);
		m = report_cell_find(marks, s->run, num, "");
		g = gap_of(sf, s->run, s->sampled[i]);
		if (!m || !m->n || !g)
			continue;
		gaps[ngaps++] = *g;
		for (j = 0; j < s->n; j++) {
			const struct sample *a = &s->at[j];
			struct cell *cnt;

			if (a->cycle != s->sampled[i] || a->t < m->v[0] ||
			    a->t > m->w[0])
				continue;
			cnt = report_cell_of(&counts, a->func, "", "");
			if (!cnt->n)
				report_cell_add(cnt, 0, 0);
			cnt->v[0]++;
			total++;
		}
	}
	if (ngaps && total) {
		med = stats_median_copy(gaps, ngaps);
		report_cell_add(report_cell_of(times, s->run, "handover", ""), med, 0);
		for (i = 0; i < counts.n; i++)
			report_cell_add(report_cell_of(fn, "handover", counts.c[i].key[0],
					 s->run),
				 counts.c[i].v[0] / total * med,
				 counts.c[i].v[0]);
	}
	report_cells_free(&counts);
	free(gaps);
}

int handover_functions(const char *marks_path, const char *metrics,
		       const char *agg, int nruns, char **runs)
{
	struct cells marks = { 0 }, fn = { 0 }, times = { 0 };
	struct sweep_facts sf;
	struct samples s;
	int i;

	report_facts_read(&sf, metrics, agg);
	read_marks(&marks, marks_path);
	for (i = 0; i < nruns; i++) {
		read_samples(runs[i], &s);
		gap_functions(&s, &marks, &sf, &fn, &times);
		samples_free(&s);
	}
	report_functions(&fn, &sf.xs, &times, 10);
	report_cells_free(&marks);
	report_cells_free(&fn);
	report_cells_free(&times);
	report_facts_free(&sf);
	return 0;
}

static int was_sampled(const struct samples *s, long cycle)
{
	size_t i;

	for (i = 0; i < s->nsampled; i++)
		if (s->sampled[i] == cycle)
			return 1;
	return 0;
}

int handover_cost(const char *metrics, int nruns, char **runs)
{
	struct sweep_facts sf;
	struct samples s;
	const double *on, *off;
	double *a, *b, ma, mb;
	size_t i, n;
	int r;

	report_facts_read(&sf, metrics, NULL);
	/* a bad file refused before the first line of output */
	for (r = 0; r < nruns; r++) {
		read_samples(runs[r], &s);
		samples_free(&s);
	}
	printf("point,pairs,sampled_ms,unsampled_ms,ratio\n");
	for (r = 0; r < nruns; r++) {
		read_samples(runs[r], &s);
		a = mem_need(calloc(s.nsampled + 1, sizeof(*a)));
		b = mem_need(calloc(s.nsampled + 1, sizeof(*b)));
		/*
		 * a sampled cycle against the unsampled one two later, which
		 * runs alike (the shmem THP policy alternates cycle by cycle)
		 */
		for (n = 0, i = 0; i < s.nsampled; i++) {
			on = gap_of(&sf, s.run, s.sampled[i]);
			off = gap_of(&sf, s.run, s.sampled[i] + 2);
			if (!on || !off || was_sampled(&s, s.sampled[i] + 2))
				continue;
			a[n] = *on;
			b[n++] = *off;
		}
		if (n) {
			ma = stats_median_copy(a, n);
			mb = stats_median_copy(b, n);
			csv_field(stdout, s.run);
			printf(",%zu,%.1f,%.1f,", n, ma, mb);
			if (mb)
				printf("%.2f", ma / mb);
			putchar('\n');
		}
		free(a);
		free(b);
		samples_free(&s);
	}
	report_facts_free(&sf);
	return 0;
}
