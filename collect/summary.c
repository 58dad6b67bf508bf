// SPDX-License-Identifier: GPL-2.0
/*
 * The per-cycle summary of a run (see summary.h): metric values in a
 * table, one column per phase in the order phases first appear, one row
 * per cycle from 1 to the highest ("-" where a phase has no value);
 * then, in a cross-kernel run, each cycle's kernels and outcome; then
 * the WIRE_BLOCKS lines, the all-kinds coverage of each cycle and
 * the WIRE_COVERAGE_RUN lines as the workload printed them, WIRE_MSG cut.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "text.h"
#include "wire.h"

#define SUMMARY_PHASES		64	/* columns; more phases are dropped */
#define SUMMARY_CYCLES_MAX	1000000	/* rows; later cycles are dropped */
#define SUMMARY_NAME_MAX	32

/* The coverage columns of the summary, as WIRE_COVERAGE keys. */
static const char *const coverage_keys[] = {
	"files", "one_folio", "multi_folio", "large_folio", "mixed",
	"orders", "sealed", "unaligned", "holes",
};

/* A growing text: NUL-separated strings, or lines. */
struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

struct summary {
	char phases[SUMMARY_PHASES][SUMMARY_NAME_MAX];
	int nphases;
	/* cells[c - 1][p]: offset + 1 of the value in values, 0: none */
	uint32_t (*cells)[SUMMARY_PHASES];
	long ncycles, maxc;
	struct buf values, blocks, coverage, runs, kernels;
};

/* Append @n bytes of @s to @b; returns the offset they start at. */
static size_t buf_add(struct buf *b, const char *s, size_t n)
{
	size_t at = b->len, cap;
	char *p;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return at;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
	return at;
}

struct summary *summary_new(void)
{
	return calloc(1, sizeof(struct summary));
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	free(s->cells);
	free(s->values.p);
	free(s->blocks.p);
	free(s->coverage.p);
	free(s->runs.p);
	free(s->kernels.p);
	free(s);
}

static int phase_index(struct summary *s, const char *phase)
{
	int i;

	for (i = 0; i < s->nphases; i++)
		if (!strcmp(s->phases[i], phase))
			return i;
	if (s->nphases == SUMMARY_PHASES)
		return -1;
	snprintf(s->phases[i], sizeof(s->phases[i]), "%s", phase);
	return s->nphases++;
}

void summary_metric(struct summary *s, long cycle, const char *phase,
		    const char *value)
{
	uint32_t (*cells)[SUMMARY_PHASES];
	long n;
	int p = phase_index(s, phase);
	size_t at;

	if (p < 0 || cycle < 1 || cycle > SUMMARY_CYCLES_MAX)
		return;
	if (cycle > s->ncycles) {
		n = s->ncycles ? s->ncycles : 16;
		while (n < cycle)
			n *= 2;
		cells = realloc(s->cells, n * sizeof(*cells));
		if (!cells)
			return;
		memset(cells + s->ncycles, 0,
		       (n - s->ncycles) * sizeof(*cells));
		s->cells = cells;
		s->ncycles = n;
	}
	at = buf_add(&s->values, value, strlen(value) + 1);
	if (s->values.failed || at >= UINT32_MAX)
		return;
	s->cells[cycle - 1][p] = (uint32_t)at + 1;
	if (cycle > s->maxc)
		s->maxc = cycle;
}

void summary_coverage(struct summary *s, long cycle, const char *kv)
{
	char kind[80], v[ARRAY_SIZE(coverage_keys)][80], line[1024];
	size_t i;

	if (text_kv_get(kv, "kind", kind, sizeof(kind)) || strcmp(kind, "all"))
		return;
	for (i = 0; i < ARRAY_SIZE(coverage_keys); i++)
		if (text_kv_get(kv, coverage_keys[i], v[i], sizeof(v[i])))
			v[i][0] = 0;
	snprintf(line, sizeof(line), "%-6ld %8s %10s %12s %12s %6s %8s %8s %10s %6s\n",
		 cycle, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
	buf_add(&s->coverage, line, strlen(line));
}

void summary_kernels(struct summary *s, long cycle, const char *from,
		     const char *to, const char *direction,
		     const char *expected, const char *outcome)
{
	char line[512], pair[160];

	snprintf(pair, sizeof(pair), "%s -> %s", from[0] ? from : "?",
		 to[0] ? to : "?");
	snprintf(line, sizeof(line), "%-6ld %-40s %-9s %-9s %s\n", cycle, pair,
		 direction[0] ? direction : "-", expected[0] ? expected : "-",
		 outcome[0] ? outcome : "-");
	buf_add(&s->kernels, line, strlen(line));
}

void summary_text(struct summary *s, const char *text)
{
	struct buf *b = NULL;

	if (text_after(text, WIRE_BLOCKS))
		b = &s->blocks;
	else if (text_after(text, WIRE_COVERAGE_RUN))
		b = &s->runs;
	if (!b)
		return;
	text = text_after(text, WIRE_MSG);
	buf_add(b, text, strlen(text));
	buf_add(b, "\n", 1);
}

void summary_print(const struct summary *s, FILE *out)
{
	const uint32_t *row;
	long c;
	int i;

	if (s->nphases) {
		fprintf(out, "%-6s", "cycle");
		for (i = 0; i < s->nphases; i++)
			fprintf(out, " %14s", s->phases[i]);
		fputc('\n', out);
		for (c = 1; c <= s->maxc; c++) {
			row = s->cells[c - 1];
			fprintf(out, "%-6ld", c);
			for (i = 0; i < s->nphases; i++)
				fprintf(out, " %14s",
					row[i] ? s->values.p + row[i] - 1 : "-");
			fputc('\n', out);
		}
		fprintf(out, "(milliseconds; see docs/metrics.md for each phase)\n");
	}
	if (s->kernels.len) {
		fprintf(out, "%-6s %-40s %-9s %-9s %s\n", "cycle", "kernels",
			"direction", "expected", "outcome");
		fputs(s->kernels.p, out);
	}
	if (s->blocks.len)
		fputs(s->blocks.p, out);
	if (s->coverage.len) {
		fprintf(out, "%-6s %8s %10s %12s %12s %6s %8s %8s %10s %6s\n",
			"cycle", "files", "one_folio", "multi_folio",
			"large_folio", "mixed", "orders", "sealed", "unaligned",
			"holes");
		fputs(s->coverage.p, out);
		fprintf(out, "(coverage of all kinds, the kernel's view; coverage.csv per kind)\n");
	}
	if (s->runs.len)
		fputs(s->runs.p, out);
}
