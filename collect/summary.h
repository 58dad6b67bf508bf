/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-cycle summary of a run (luo-collect --summary, summary.txt):
 * a cycle x phase table of the metric values, in a cross-kernel run each
 * cycle's kernels and outcome, the kernel's block lines,
 * the all-kinds coverage per cycle and the run's coverage verdict.
 */
#ifndef LUO_COLLECT_SUMMARY_H
#define LUO_COLLECT_SUMMARY_H

#include <stdio.h>

struct summary;

struct summary *summary_new(void);
void summary_free(struct summary *s);

/* A metric of the run: @value of @phase in @cycle (later ones win). */
void summary_metric(struct summary *s, long cycle, const char *phase,
		    const char *value);

/* A WIRE_COVERAGE_CYCLE line of @cycle: its key=value text @kv. */
void summary_coverage(struct summary *s, long cycle, const char *kv);

/*
 * The transition of @cycle in a cross-kernel run: its kernels'
 * releases, direction, expected and real outcome ("" when unknown).
 */
void summary_kernels(struct summary *s, long cycle, const char *from,
		     const char *to, const char *direction,
		     const char *expected, const char *outcome);

/* A console line of the workload's: the block and run coverage lines. */
void summary_text(struct summary *s, const char *text);

/* Print the summary (nothing for a run without any of it). */
void summary_print(const struct summary *s, FILE *out);

#endif
