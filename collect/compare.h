/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The comparison rule of two sweeps and luo-aggregate --compare
 * (compare.c): a phase decided slower, faster or the same from its
 * paired cycles.
 */
#ifndef LUO_COLLECT_COMPARE_H
#define LUO_COLLECT_COMPARE_H

#include <stddef.h>

#include "pairing.h"
#include "sweeps.h"

#define COMPARE_FAMILY_ALPHA	0.05	/* false alarms over all phases compared */
#define COMPARE_WITHHELD	4	/* exit status: the machine drifted */
#define COMPARE_TAIL		0.025	/* each tail of ratio_lo, ratio_hi: 95% */

struct tpoint;

/* A phase decided: its points in both sweeps, the test and the verdict. */
struct decision {
	size_t np;		/* points in both */
	struct cpoint **pt;
	struct tpoint *t;
	double stat, lo, hi;	/* Hodges-Lehmann, its interval (log) */
	double tail;		/* each tail of the interval */
	double p_slow, p_fast, min, detectable;
	double sd[2];		/* each side's pooled ± %stddev */
	size_t nb, nn, pairs;
	const char *verdict;
};

/* The smallest change that counts for clock @method. */
double compare_min_effect(const char *method);
/*
 * Decide @ph at @alpha into @d (compare_decision_free), its units
 * paired under @pg (NULL: by cycle number), its interval of confidence
 * 1 - 2 @tail, with what the rule could detect when @want_detectable.
 */
void compare_decide(struct cphase *ph, const struct pairing *pg,
		    double alpha, double tail, int want_detectable,
		    struct decision *d);
void compare_decision_free(struct decision *d);
/*
 * --compare BASE NEW [--drift PATH] [--tail T]: compare.csv on stdout,
 * its intervals of confidence 1 - 2 @tail, the machine control's drift
 * into PATH; exit status 1 when a phase is slower, COMPARE_WITHHELD
 * when none is and the drift withheld the verdict.
 */
int compare_sweeps(const char *base_path, const char *new_path,
		   const char *drift_path, double tail);

#endif
