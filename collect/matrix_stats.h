/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transitions between kernels of a cross-kernel run or a matrix of
 * runs (matrix_stats.c): luo-collect's cycles grouped by the kernel they
 * left and the kernel they entered, for the report's grid. The report
 * prints this CSV and computes nothing.
 */
#ifndef LUO_COLLECT_MATRIX_STATS_H
#define LUO_COLLECT_MATRIX_STATS_H

/*
 * --matrix METRICS [RUN-DIR...]: matrix.csv, one row per (from_kernel,
 * to_kernel) of @metrics' cycles; the runs' run.txt kernel tables place
 * the cycles that name no kernel (a run that never reached one) and
 * order the kernels.
 */
int matrix_stats(const char *metrics, int nruns, char **runs);

#endif
