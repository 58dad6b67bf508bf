// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate --matrix METRICS [RUN-DIR...]: the transitions between
 * kernels (matrix.csv), one row per pair of the kernel a cycle left
 * (from_kernel) and the one it entered (to_kernel), over every cycle of
 * every run of luo-collect's metrics.csv: how many, whether all passed,
 * what happened to the state against what the two kernels' ABIs say
 * should, the median blackout and restore of the passed ones, and the
 * first failure's message. The columns are defined here (matrix_cols)
 * and documented in docs/metrics.md; every input is read by its
 * header's column names, never by position.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "matrix_stats.h"
#include "mem.h"
#include "report_stats.h"
#include "stats.h"
#include "text.h"

#define KERNEL_LEN	128	/* a kernel's release */
#define WORD_LEN	32	/* an outcome, a direction */
#define MSG_LEN		1024	/* a failed cycle's message */
#define MIXED		"mixed"	/* the pair's cycles differ in it */

/* matrix.csv's columns, in their order: this table is their one owner. */
enum matrix_col {
	MX_FROM, MX_TO, MX_FROM_ENTRY, MX_TO_ENTRY, MX_FROM_ORDER,
	MX_TO_ORDER, MX_WORKLOAD, MX_KARGS, MX_DIRECTION, MX_RUNS, MX_CYCLES,
	MX_VERDICT, MX_OUTCOME, MX_EXPECTED, MX_BLACKOUT, MX_RESTORE,
	MX_MESSAGE, NMX
};
static const char *const matrix_cols[NMX] = {
	[MX_FROM] = "from_kernel", [MX_TO] = "to_kernel",
	[MX_FROM_ENTRY] = "from_entry", [MX_TO_ENTRY] = "to_entry",
	[MX_FROM_ORDER] = "from_order", [MX_TO_ORDER] = "to_order",
	[MX_WORKLOAD] = "workload", [MX_KARGS] = "kernel_args",
	[MX_DIRECTION] = "direction", [MX_RUNS] = "runs",
	[MX_CYCLES] = "cycles", [MX_VERDICT] = "verdict",
	[MX_OUTCOME] = "outcome", [MX_EXPECTED] = "expected",
	[MX_BLACKOUT] = "blackout_median", [MX_RESTORE] = "restore_median",
	[MX_MESSAGE] = "message",
};

/*
 * The columns of metrics.csv it needs (luo-collect's, docs/metrics.md);
 * from_entry and to_entry it reads where they are (in_entry_cols).
 */
enum in_col {
	IN_RUN, IN_CYCLE, IN_PHASE, IN_VALUE, IN_STATUS, IN_MESSAGE, IN_FROM,
	IN_TO, IN_DIRECTION, IN_OUTCOME, IN_EXPECTED, NIN
};
static const char *const in_cols[NIN] = {
	[IN_RUN] = "run_id", [IN_CYCLE] = "cycle", [IN_PHASE] = "phase",
	[IN_VALUE] = "value", [IN_STATUS] = "status",
	[IN_MESSAGE] = "message", [IN_FROM] = "from_kernel",
	[IN_TO] = "to_kernel", [IN_DIRECTION] = "direction",
	[IN_OUTCOME] = "outcome", [IN_EXPECTED] = "expected",
};
static const char *const in_entry_cols[2] = { "from_entry", "to_entry" };

/* A cycle of a run, as its rows of metrics.csv tell it. */
struct mcycle {
	char run[REPORT_KEY_LEN];
	long cycle;
	char from[KERNEL_LEN], to[KERNEL_LEN];	/* releases */
	/* their KERNELS entries, as metrics.csv names them */
	char from_entry[REPORT_KEY_LEN], to_entry[REPORT_KEY_LEN];
	char direction[WORD_LEN], outcome[WORD_LEN], expected[WORD_LEN];
	int rank;		/* its worst row: fail 0, incomplete 1, pass 2 */
	char msg[MSG_LEN];	/* its status row's message */
	double blackout;	/* ms, NAN: none passed */
	double restore;		/* deserialize + retrieve ms, NAN: none */
};

struct mcycles {
	struct mcycle *c;
	size_t n, cap;
};

/*
 * What a run's run.txt says: what ran (workload=, kernel_args=: a
 * matrix's control runs, luo-kexec with or without KHO, are kept apart
 * from its workload's) and its kernel table (kernels=N,
 * kernel.I.release=R, kernel.I.entry=E).
 */
struct plan {
	char run[REPORT_KEY_LEN];
	char what[2][REPORT_KEY_LEN];	/* workload, kernel_args */
	char (*rel)[KERNEL_LEN];
	char (*entry)[REPORT_KEY_LEN];
	size_t n;
};

/*
 * The kernels in the order they first came: a release and, where a
 * table names it, its entry. Two entries of one release (7.3 and
 * 7.3@qemu-arm64-16k: another page size, same uname -r) are two kernels.
 */
struct kernel {
	char rel[KERNEL_LEN];
	char entry[REPORT_KEY_LEN];
};

struct kernels {
	struct kernel *k;
	size_t n, cap;
};

static size_t kernel_of(struct kernels *o, const char *rel, const char *entry)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->k[i].rel, rel) && !strcmp(o->k[i].entry, entry))
			return i;
	MEM_GROW(o->k, o->n, o->cap);
	snprintf(o->k[o->n].rel, KERNEL_LEN, "%s", rel);
	snprintf(o->k[o->n].entry, REPORT_KEY_LEN, "%s", entry);
	return o->n++;
}

/* What ran: runs' workload and kernel_args, in the order first seen. */
struct whats {
	char (*w)[2][REPORT_KEY_LEN];
	size_t n, cap;
};

static size_t what_of(struct whats *ws, const char *workload,
		      const char *kargs)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (!strcmp(ws->w[i][0], workload) && !strcmp(ws->w[i][1], kargs))
			return i;
	MEM_GROW(ws->w, ws->n, ws->cap);
	snprintf(ws->w[ws->n][0], REPORT_KEY_LEN, "%s", workload);
	snprintf(ws->w[ws->n][1], REPORT_KEY_LEN, "%s", kargs);
	return ws->n++;
}

static int rank_of(const char *status)
{
	return !strcmp(status, "pass") ? 2 : !strcmp(status, "incomplete");
}

/* Copy @src into @dst when @dst is still empty. */
#define FILL(dst, src)							\
	do {								\
		if (!*(dst))						\
			TEXT_COPY(dst, src);					\
	} while (0)

/* The cycle @cycle of run @run, made when missing. */
static struct mcycle *cycle_of(struct mcycles *t, const char *run, long cycle)
{
	struct mcycle *c;
	size_t i;

	/* from the newest: a run's rows come together */
	for (i = t->n; i-- > 0;)
		if (t->c[i].cycle == cycle && !strcmp(t->c[i].run, run))
			return &t->c[i];
	MEM_GROW(t->c, t->n, t->cap);
	c = &t->c[t->n++];
	memset(c, 0, sizeof(*c));
	TEXT_COPY(c->run, run);
	c->cycle = cycle;
	c->rank = 2;
	c->blackout = NAN;
	c->restore = NAN;
	return c;
}

/*
 * @dir's run.txt into @p: what ran, and its kernel table (@p->n is 0
 * without one; its kernels join @o). A kernel.I.release past kernels=N,
 * or a gap in the indices, is bad input.
 */
static void read_plan(const char *dir, struct plan *p, struct kernels *o)
{
	char path[4096], line[4096];
	const char *v, *dot;
	long n = 0, i;
	int part = 0, cont;
	size_t k;
	FILE *f;

	memset(p, 0, sizeof(*p));
	report_run_name(dir, p->run);
	snprintf(path, sizeof(path), "%s/run.txt", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		/* the rest of a line longer than the buffer is no key */
		cont = part;
		part = !strchr(line, '\n');
		if (cont)
			continue;
		line[strcspn(line, "\n")] = 0;
		v = text_after(line, "workload=");
		if (v)
			TEXT_COPY(p->what[0], v);
		v = text_after(line, "kernel_args=");
		if (v)
			TEXT_COPY(p->what[1], v);
		v = text_after(line, "kernels=");
		if (v && (text_parse_long(v, NULL, &n) || n < 1 || n > 1000)) {
			fprintf(stderr, "luo-aggregate: %s: bad %s\n", path, line);
			exit(3);
		}
		if (v) {
			p->rel = mem_need(calloc(n, sizeof(*p->rel)));
			p->entry = mem_need(calloc(n, sizeof(*p->entry)));
			continue;
		}
		v = text_after(line, "kernel.");
		dot = v ? strchr(v, '.') : NULL;
		if (!dot || text_parse_long(v, dot, &i) ||
		    (!text_after(dot, ".release=") && !text_after(dot, ".entry=")))
			continue;
		if (!p->rel || i < 0 || i >= n) {
			fprintf(stderr, "luo-aggregate: %s: %s outside kernels=%ld\n",
				path, line, n);
			exit(3);
		}
		if (text_after(dot, ".release="))
			TEXT_COPY(p->rel[i], text_after(dot, ".release="));
		else
			TEXT_COPY(p->entry[i], text_after(dot, ".entry="));
	}
	fclose(f);
	p->n = p->rel ? n : 0;
	for (k = 0; k < p->n; k++) {
		if (!*p->rel[k]) {
			fprintf(stderr, "luo-aggregate: %s: no kernel.%zu.release of kernels=%zu\n",
				path, k, p->n);
			exit(3);
		}
		kernel_of(o, p->rel[k], p->entry[k]);
	}
}

/* The run.txt of run @run among @plans, or NULL. */
static const struct plan *plan_of(const struct plan *plans, int nplans,
				  const char *run)
{
	int i;

	for (i = 0; i < nplans; i++)
		if (!strcmp(plans[i].run, run))
			return &plans[i];
	return NULL;
}

/*
 * A cycle that names no kernel on a side (a run without a row in
 * metrics.csv, a cycle 0, or a metrics.csv that left the kernels out)
 * gets its run's planned pair of kexec max(cycle, 1), releases and
 * entries: kernel (c - 1) mod N to c mod N. Returns 0, or -1 when the
 * run has no table.
 */
static int place(struct mcycle *c, const struct plan *pl)
{
	long k = c->cycle > 1 ? c->cycle : 1;

	if (!pl || !pl->n)
		return -1;
	TEXT_COPY(c->from, pl->rel[(k - 1) % pl->n]);
	TEXT_COPY(c->to, pl->rel[k % pl->n]);
	TEXT_COPY(c->from_entry, pl->entry[(k - 1) % pl->n]);
	TEXT_COPY(c->to_entry, pl->entry[k % pl->n]);
	return 0;
}

/* metrics.csv's cycles into @t: their kernels, status, message, blackout. */
static void read_cycles(const char *path, int profiled, struct mcycles *t)
{
	char hbuf[CSV_LINE_MAX], buf[CSV_LINE_MAX];
	char *hdr[CSV_FIELDS_MAX], *f[CSV_FIELDS_MAX];
	FILE *in = csv_open(path);
	int nh = csv_read_header(in, path, hbuf, hdr), c[NIN], cprof, bad = 0;
	int ce[2];
	struct mcycle *cy;
	long cycle;
	double v;

	csv_need_cols(hdr, nh, in_cols, NIN, c, path);
	cprof = csv_col(hdr, nh, "profile");
	ce[0] = csv_col(hdr, nh, in_entry_cols[0]);
	ce[1] = csv_col(hdr, nh, in_entry_cols[1]);
	while (fgets(buf, sizeof(buf), in)) {
		if (csv_split(buf, f) != nh ||
		    text_parse_long(f[c[IN_CYCLE]], NULL, &cycle)) {
			bad++;
			continue;
		}
		cy = cycle_of(t, f[c[IN_RUN]], cycle);
		FILL(cy->from, f[c[IN_FROM]]);
		FILL(cy->to, f[c[IN_TO]]);
		if (ce[0] >= 0)
			FILL(cy->from_entry, f[ce[0]]);
		if (ce[1] >= 0)
			FILL(cy->to_entry, f[ce[1]]);
		FILL(cy->direction, f[c[IN_DIRECTION]]);
		FILL(cy->outcome, f[c[IN_OUTCOME]]);
		FILL(cy->expected, f[c[IN_EXPECTED]]);
		if (rank_of(f[c[IN_STATUS]]) < cy->rank)
			cy->rank = rank_of(f[c[IN_STATUS]]);
		if (!strcmp(f[c[IN_PHASE]], "status"))
			FILL(cy->msg, f[c[IN_MESSAGE]]);
		/* a passed cycle's blackout, of the runs restore is of */
		if (!strcmp(f[c[IN_PHASE]], "blackout") &&
		    !strcmp(f[c[IN_STATUS]], "pass") &&
		    csv_row_profiled(f, cprof) == profiled &&
		    !text_parse_double(f[c[IN_VALUE]], NULL, &v))
			cy->blackout = v;
	}
	fclose(in);
	if (bad)
		fprintf(stderr, "luo-aggregate: %s: %d malformed rows skipped\n",
			path, bad);
}

/* The cycles' restore times (report_restore_cycles: one owner). */
static void add_restore(struct mcycles *t, const struct cells *rc)
{
	struct mcycle *cy;
	long cycle;
	size_t i;

	for (i = 0; i < rc->n; i++) {
		if (text_parse_long(rc->c[i].key[2], NULL, &cycle))
			continue;
		cy = cycle_of(t, rc->c[i].key[1], cycle);
		cy->restore = rc->c[i].v[0];
	}
}

/*
 * A run of the RUN-DIRs with a kernel table but no row in @metrics (it
 * failed before luo-collect saw a cycle) is a failed cycle 0: placed in
 * its planned first transition, not left out of the grid as not run.
 */
static void silent_runs(struct mcycles *t, const struct plan *plans,
			int nplans, const char *metrics)
{
	struct mcycle *c;
	size_t i;
	int k;

	for (k = 0; k < nplans; k++) {
		for (i = 0; i < t->n && strcmp(t->c[i].run, plans[k].run); i++)
			;
		if (i < t->n || !plans[k].n)
			continue;
		c = cycle_of(t, plans[k].run, 0);
		c->rank = 0;
		snprintf(c->msg, sizeof(c->msg), "run %s: no row in %s (its result.txt says why)",
			 plans[k].run, metrics);
	}
}

/* A pair of kernels, what ran, and its cycles (indices into the cycles). */
struct mpair {
	size_t from, to;	/* their order */
	size_t what;		/* the order of what ran */
	size_t *cy;
	size_t n, cap;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct mpair *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->what < y->what ? -1 : x->what > y->what;
}

/* The text of column @k of cycle @c: a word its rows say. */
static const char *word(const struct mcycle *c, enum matrix_col k)
{
	switch (k) {
	case MX_DIRECTION:
		return c->direction;
	case MX_OUTCOME:
		return c->outcome;
	default:
		return c->expected;
	}
}

/*
 * Column @k's word when every cycle of @p that says one says the same,
 * else MIXED; "" when none does (a cycle that never ran says none).
 */
static const char *agreed(const struct mcycles *t, const struct mpair *p,
			  enum matrix_col k)
{
	const char *first = "", *w;
	size_t i;

	for (i = 0; i < p->n; i++) {
		w = word(&t->c[p->cy[i]], k);
		if (!*w)
			continue;
		if (*first && strcmp(first, w))
			return MIXED;
		first = w;
	}
	return first;
}

/* The median of @p's known restore (or blackout) times; NAN for none. */
static double median_of(const struct mcycles *t, const struct mpair *p,
			int restore)
{
	double *v = mem_need(calloc(p->n + 1, sizeof(*v))), m = NAN, x;
	size_t i, k = 0;

	for (i = 0; i < p->n; i++) {
		x = restore ? t->c[p->cy[i]].restore : t->c[p->cy[i]].blackout;
		if (!isnan(x))
			v[k++] = x;
	}
	if (k)
		m = stats_median(v, k);
	free(v);
	return m;
}

/* @x as "%.3f" into @buf, "" when unknown. */
static const char *ms(char *buf, size_t size, double x)
{
	if (isnan(x))
		buf[0] = 0;
	else
		snprintf(buf, size, "%.3f", x);
	return buf;
}

/*
 * @a and @b are one kexec of one run: a cycle 0 (a run's own row, or
 * one without a row) is the kexec 1 it did not make.
 */
static int same_kexec(const struct mcycle *a, const struct mcycle *b)
{
	return !strcmp(a->run, b->run) &&
		(a->cycle > 1 ? a->cycle : 1) == (b->cycle > 1 ? b->cycle : 1);
}

/* One row of matrix.csv: @p's fields, in matrix_cols' order. */
static void put_pair(const struct mcycles *t, const struct kernels *o,
		     const struct whats *ws, const struct mpair *p)
{
	char num[4][32], bo[32], re[32];
	const struct mcycle *c, *failed = NULL, *said = NULL;
	const char *field[NMX];
	size_t i, j, runs = 0, cycles = 0;
	int pass = 1, k;

	for (i = 0; i < p->n; i++) {
		c = &t->c[p->cy[i]];
		for (j = 0; j < i && strcmp(t->c[p->cy[j]].run, c->run); j++)
			;
		runs += j == i;
		for (j = 0; j < i && !same_kexec(&t->c[p->cy[j]], c); j++)
			;
		cycles += j == i;
		if (!said && *c->msg)
			said = c;
		if (c->rank == 2)
			continue;
		pass = 0;
		/* the first failed cycle, or the first that says why */
		if (!failed || (!*failed->msg && *c->msg))
			failed = c;
	}
	snprintf(num[0], sizeof(num[0]), "%zu", p->from);
	snprintf(num[1], sizeof(num[1]), "%zu", p->to);
	snprintf(num[2], sizeof(num[2]), "%zu", runs);
	snprintf(num[3], sizeof(num[3]), "%zu", cycles);
	field[MX_FROM] = o->k[p->from].rel;
	field[MX_TO] = o->k[p->to].rel;
	field[MX_FROM_ENTRY] = o->k[p->from].entry;
	field[MX_TO_ENTRY] = o->k[p->to].entry;
	field[MX_FROM_ORDER] = num[0];
	field[MX_TO_ORDER] = num[1];
	field[MX_WORKLOAD] = ws->w[p->what][0];
	field[MX_KARGS] = ws->w[p->what][1];
	field[MX_DIRECTION] = agreed(t, p, MX_DIRECTION);
	field[MX_RUNS] = num[2];
	field[MX_CYCLES] = num[3];
	field[MX_VERDICT] = pass ? "pass" : "fail";
	field[MX_OUTCOME] = agreed(t, p, MX_OUTCOME);
	field[MX_EXPECTED] = agreed(t, p, MX_EXPECTED);
	field[MX_BLACKOUT] = ms(bo, sizeof(bo), median_of(t, p, 0));
	field[MX_RESTORE] = ms(re, sizeof(re), median_of(t, p, 1));
	/* all passed: what the first that said anything said (a decline) */
	field[MX_MESSAGE] = failed ? failed->msg : said ? said->msg : "";
	for (k = 0; k < NMX; k++) {
		if (k)
			putchar(',');
		csv_field(stdout, field[k]);
	}
	putchar('\n');
}

int matrix_stats(const char *metrics, int nruns, char **runs)
{
	struct plan *plans = mem_need(calloc(nruns + 1, sizeof(*plans)));
	struct mcycles t = { 0 };
	struct kernels o = { 0 };
	struct whats ws = { 0 };
	const struct plan *pl;
	struct cells rc = { 0 };
	struct mpair *pairs = NULL, *p;
	size_t i, j, np = 0, cap = 0, from, to, what, unplaced = 0;
	char hbuf[CSV_LINE_MAX], *hdr[CSV_FIELDS_MAX];
	int k, nh, cols[NIN];
	FILE *in;

	/* the columns first: a metrics.csv without them is one error */
	in = csv_open(metrics);
	nh = csv_read_header(in, metrics, hbuf, hdr);
	csv_need_cols(hdr, nh, in_cols, NIN, cols, metrics);
	fclose(in);
	for (k = 0; k < nruns; k++)
		read_plan(runs[k], &plans[k], &o);
	read_cycles(metrics, report_restore_cycles(&rc, metrics), &t);
	add_restore(&t, &rc);
	silent_runs(&t, plans, nruns, metrics);
	for (i = 0; i < t.n; i++) {
		struct mcycle *c = &t.c[i];

		pl = plan_of(plans, nruns, c->run);
		if ((!*c->from || !*c->to) && place(c, pl)) {
			unplaced++;
			continue;
		}
		from = kernel_of(&o, c->from, c->from_entry);
		to = kernel_of(&o, c->to, c->to_entry);
		what = what_of(&ws, pl ? pl->what[0] : "", pl ? pl->what[1] : "");
		for (j = 0; j < np; j++)
			if (pairs[j].from == from && pairs[j].to == to &&
			    pairs[j].what == what)
				break;
		if (j == np) {
			MEM_GROW(pairs, np, cap);
			memset(&pairs[np], 0, sizeof(*pairs));
			pairs[np].from = from;
			pairs[np].to = to;
			pairs[np++].what = what;
		}
		p = &pairs[j];
		MEM_GROW(p->cy, p->n, p->cap);
		p->cy[p->n++] = i;
	}
	if (unplaced)
		fprintf(stderr, "luo-aggregate: %s: %zu cycles name no kernel and have no run.txt kernel table: left out\n",
			metrics, unplaced);
	qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (k = 0; k < NMX; k++)
		printf("%s%s", k ? "," : "", matrix_cols[k]);
	putchar('\n');
	for (i = 0; i < np; i++) {
		put_pair(&t, &o, &ws, &pairs[i]);
		free(pairs[i].cy);
	}
	for (k = 0; k < nruns; k++) {
		free(plans[k].rel);
		free(plans[k].entry);
	}
	free(plans);
	free(pairs);
	free(t.c);
	free(o.k);
	free(ws.w);
	report_cells_free(&rc);
	return 0;
}
