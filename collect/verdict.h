/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one verdict of a run (luo-collect --verdict): the log parser's
 * status and reason, then the runner's own reason and LAVA's job health
 * from files of the results directory, then whether the workload said
 * it completed. docs/metrics.md ("The verdict") lists the inputs.
 */
#ifndef LUO_COLLECT_VERDICT_H
#define LUO_COLLECT_VERDICT_H

#include <stddef.h>

/* The runner's reason when it failed before or around QEMU: one line. */
#define VERDICT_RUNNER_ERROR	"runner-error.txt"

/*
 * What the caller read of the run: its log (the workload's console lines
 * through verdict_text(), and whether it had any line) and run.txt.
 */
struct verdict_log {
	int cycles_passed;	/* the WIRE_CYCLES_PASSED line */
	int totals_clean;	/* a WIRE_TOTALS line with fail:0 error:0 */
	int totals_empty;	/* a WIRE_TOTALS line with pass:0 skip:0 */
	int empty;		/* the log has no line */
	int run_txt;		/* the run has a run.txt */
	int declined;		/* it ended in a decline its kernels design */
	char workload[64];	/* its workload= ("" when none) */
};

/* Feed one console line of the workload's (its text, no timestamp). */
void verdict_text(struct verdict_log *v, const char *text);

/*
 * The runner's reason of @dir (VERDICT_RUNNER_ERROR's first line) into
 * @msg; 0, or -1 when the runner left none.
 */
int verdict_runner_error(const char *dir, char *msg, size_t size);

/* The runner's watchdog stopped the run in @dir: after how long, or 0. */
long verdict_watchdog_s(const char *dir);

/*
 * Decide the run in @dir. @status (0 pass, 1 fail, 2 incomplete) and
 * @msg are the log parser's, @lava says the log was a LAVA job's, @log
 * is what the caller read of the run. Writes the reason into @why ("" on a
 * pass) and returns the run's status: 0, 1 or 2.
 */
int verdict_decide(const char *dir, int lava, int status, const char *msg,
		   const struct verdict_log *log, char *why, size_t size);

#endif
