/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the handover gap goes, for the report: the kernel functions the
 * program counter samples of handover-samples.txt fall in, and what the
 * sampling cost (handover_stats.c). The report prints these CSVs.
 */
#ifndef LUO_COLLECT_HANDOVER_STATS_H
#define LUO_COLLECT_HANDOVER_STATS_H

/* --handover MARKS METRICS AGG RUN-DIR... */
int handover_functions(const char *marks, const char *metrics,
		       const char *agg, int nruns, char **runs);
/* --handover-cost METRICS RUN-DIR... */
int handover_cost(const char *metrics, int nruns, char **runs);

#endif
