/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-collect's log parser (parse.c): turns the logs of a run
 * (host-timestamped serial log, printk timestamps, KTAP and "# metric:"
 * lines) into tidy rows, one per run, cycle and phase. The parser is a
 * streaming state machine fed one line at a time, with memory bounded by
 * a few cycles of rows.
 */
#ifndef LUO_COLLECT_PARSE_H
#define LUO_COLLECT_PARSE_H

#include <stdio.h>

#include "checks.h"
#include "kernels.h"

#define COLLECT_LINE_MAX	4096	/* longer lines are cut to this */
#define COLLECT_LABEL_MAX	384
#define COLLECT_MSG_MAX		384
#define COLLECT_ROWS_MAX	32	/* rows per cycle */
#define COLLECT_CYCLES		4	/* cycles held before they are flushed */
#define COLLECT_KERNELS		(COLLECT_CYCLES + 2)	/* kernels' facts held */
#define COLLECT_RELEASE_MAX	KERNELS_STR
#define COLLECT_FRAMES		3	/* a report's frames a message names */
#define COLLECT_REPORT_LINES	300	/* a report's lines, at most */
#define COLLECT_FLBS		8	/* test FLBs followed */
#define COLLECT_SITES		32	/* fault sites counted */
#define COLLECT_RAN		8	/* checkers seen running */
/* The message of a run whose log ends and no line said why. */
#define COLLECT_NO_END		"log ends before the run finished"

struct collect_row {
	char phase[32];
	char value[32];
	char unit[8];
	char method[24];
	char labels[COLLECT_LABEL_MAX];	/* "sessions=... file_blocks=..." */
};

/* Moments of a cycle seen in the log, on the clock each was read from. */
enum mark {
	MARK_KEXEC_PRINTK,	/* printk: our "kexec cycle=" marker */
	MARK_START_PRINTK,	/* printk: "Starting new kernel" */
	MARK_KEXEC_HOST,	/* host: the workload's "# kexec:" line */
	MARK_INIT_HOST,		/* host: init starting in the next kernel */
	MARK_REBOOT_IN,		/* printk: liveupdate_reboot() entered */
	MARK_REBOOT_OUT,	/* printk: ... returned */
	MARK_DESER_IN,		/* printk: luo_session_deserialize() entered */
	MARK_DESER_OUT,		/* printk: ... returned */
	MARK_START_HOST,	/* host: "Starting new kernel" */
	MARK_CLOCK_HOST,	/* host: the new kernel's clock started */
	MARK_COUNT,
};

/* A mark read on the host's clock and its key in a cycle's "marks" record. */
struct collect_host_mark {
	enum mark mark;
	const char *key;
};

/*
 * The host times of a cycle's kexec, in the order of the "marks" record
 * and of luo-collect --marks' columns; ended by a NULL key.
 */
extern const struct collect_host_mark parse_host_marks[];

struct collect_cycle {
	long cycle;		/* 0: slot unused */
	int nrows;
	struct collect_row rows[COLLECT_ROWS_MAX];
	int failed;
	int restored;		/* the verify result of this cycle was seen */
	char msg[COLLECT_MSG_MAX];
	char cause[16];		/* why it failed: see docs/metrics.md */
	/* derivation inputs: seconds of each mark, and which were seen */
	double mark[MARK_COUNT];
	unsigned int seen;	/* bit per enum mark */
	/*
	 * The transition from kernel cycle - 1 to kernel cycle, filled when
	 * the cycle goes out (docs/metrics.md, "Cross-kernel runs").
	 */
	char from_kernel[COLLECT_RELEASE_MAX];
	char to_kernel[COLLECT_RELEASE_MAX];
	char kho_from[COLLECT_RELEASE_MAX];	/* WIRE_KHO_EXEC_FROM "R" */
	/* their KERNELS entries, where the table planned those releases */
	char from_entry[KERNELS_ENTRY], to_entry[KERNELS_ENTRY];
	const char *direction, *expected, *outcome;
	int entered;		/* the new kernel printed a line */
	int declined;		/* declined as its kernels design: passed */
	/* what the log said of it, as it came */
	int hard;		/* a failure no designed decline excuses */
	char hard_cause[16];	/* the first of those */
	const char *stopped;	/* the log ended in it: hang or guest-died */
	int design_panic;	/* LUO's designed panic on state it refuses */
	char handover[16];	/* the workload's WIRE_HANDOVER outcome= */
	char detail[COLLECT_MSG_MAX];	/* the line that says what it did */
	int detail_kernel;	/* ... and it is the kernel's own */
};

/* Where rows go: a callback so CSV, metric lines and tests share one parser. */
struct collect_sink {
	void (*row)(void *ctx, const struct collect_cycle *c,
		    const struct collect_row *r, const char *status);
	/*
	 * A "# coverage:" or "# profile:" line (@kind "coverage" or
	 * "profile") of @cycle, or a cycle's host-clock marks ("marks"):
	 * its key=value text.
	 */
	void (*record)(void *ctx, const char *kind, long cycle, const char *kv);
	/* Any console line of the workload's (not the kernel's): its text. */
	void (*text)(void *ctx, const char *text);
	/*
	 * An item of the kernel's checks (luo-collect --checks, its kinds
	 * in docs/metrics.md, "Kernel checks") of @cycle, -1 the run's.
	 */
	void (*check)(void *ctx, long cycle, const char *kind,
		      const char *name, long count, const char *detail);
	void *ctx;
};

/*
 * A report of the kernel's (a checker's, or a WARNING under fault
 * injection) being read, from its first line to its end, and the
 * message it gave its cycle, which it completes with the frames of its
 * stack trace while that message is still the cycle's.
 */
struct collect_report {
	int open;
	const struct checks_header *h;	/* NULL: a WARNING under injection */
	int known;		/* on the known list: counted, not failed */
	long lines;
	struct checks_trace trace;
	char first[COLLECT_MSG_MAX];	/* its first line */
	char frames[COLLECT_FRAMES][CHECKS_FRAME_MAX];
	int nframes;
	long cycle;		/* the cycle it failed, 0: none */
	char pre[32];		/* "cycle N: " */
	char phase[32];
	char call[64];		/* under injection: the call, else "" */
	char site[CHECKS_FRAME_MAX];	/* ... the injection's LUO frame */
	char msg[COLLECT_MSG_MAX];	/* the message it gave */
};

/* A test FLB of lib/tests/liveupdate.c, in this kernel and the run. */
struct collect_flb {
	char compat[48];
	int live;		/* preserved here, not unpreserved since */
	int carried;		/* live in the kernel the last kexec left */
	int found, finished;	/* here */
	long preserved_n, found_n, finished_n, errors_n;	/* the run's */
};

/* A count by name, of the run (fault sites, checkers seen running). */
struct collect_tally {
	char name[CHECKS_FRAME_MAX];
	long count;
	char detail[COLLECT_MSG_MAX];
};

/* Where the run is, from the last line that moved it on. */
struct collect_where {
	long cycle;
	const char *phase;	/* a phase name of docs/metrics.md */
	char mark[96];		/* the line that put it there, said short */
	int open_call;		/* a kernel function entered, not returned */
};

struct collect {
	struct collect_sink sink;
	struct collect_cycle cycles[COLLECT_CYCLES];
	long current;		/* cycle that kernel messages belong to */
	long pending_kexec;	/* cycle whose kexec is under way */
	long kernels;		/* kernels seen starting init */
	long lines, malformed;
	long failed_cycles, incomplete_cycles;
	int done_seen, done_rc;
	int ended;
	char final_msg[COLLECT_MSG_MAX];
	char final_cause[16];
	struct collect_where where;
	long watchdog_s;	/* the runner's watchdog stopped it (hang) */
	/* run.txt's kernel table (set after parse_init), NULL: none */
	const struct kernels *table;
	/*
	 * The kernel whose lines come now: the kexec it came up from (0:
	 * the first), told by its printk clock starting again.
	 */
	long kernel;
	double last_pk;		/* printk time of the last kernel line */
	long klines;		/* kernel lines seen */
	int kexec_started;	/* this kernel printed WIRE_NEW_KERNEL */
	int init_started;	/* our init started in this kernel */
	int booting;		/* the pending kexec's kernel is up */
	char klast[160];	/* this kernel's last line */
	/* the facts of the last few kernels, by the kexec each came from */
	struct collect_kernel {
		long id;	/* that cycle + 1; 0: unused */
		char release[COLLECT_RELEASE_MAX];	/* WIRE_KERNEL's */
		char version[COLLECT_RELEASE_MAX];	/* WIRE_LINUX_VERSION's */
		char kho_from[COLLECT_RELEASE_MAX];	/* WIRE_KHO_EXEC_FROM's */
	} kernel_facts[COLLECT_KERNELS];
	long last_cycle;	/* the last cycle that went out */
	long declined_cycle;	/* the last that declined as designed */
	int declined;		/* the run ended in such a decline: complete */
	/*
	 * The kernel's checkers (docs/metrics.md, "Kernel checks"): the
	 * known reports (set after parse_init, NULL: none), the report
	 * being read, a WARNING: line until the next line says whose it
	 * is, and the faults injected in this kernel and not yet
	 * accounted for by the workload's WIRE_FAULT line
	 */
	const struct checks_known *known;
	struct collect_report report;
	int warning;
	int warning_soft;
	char warning_line[COLLECT_MSG_MAX];
	long injections;
	double inj_pk;		/* printk time of the last injection, -1 none */
	struct checks_trace inj_trace;	/* the last injection's stack */
	int inj_reading;
	long inj_lines;
	char inj_site[CHECKS_FRAME_MAX];
	struct {		/* the kmemleak scan being read */
		int open;
		long cycle, leaks, luo;
		char scan[24];
		int leak;	/* an "unreferenced object" block */
		int luo_at;	/* ... with a LUO frame: frames kept */
		char object[COLLECT_MSG_MAX];
		char frames[COLLECT_FRAMES][CHECKS_FRAME_MAX];
	} kml;
	struct collect_flb flb[COLLECT_FLBS];
	int nflb;
	int flb_registered;	/* this kernel registered test FLBs */
	long flb_kexec;		/* the kexec whose FLBs this kernel checks */
	struct collect_tally sites[COLLECT_SITES];
	struct collect_tally ran[COLLECT_RAN];
	struct collect_tally expected;	/* LUO/KHO errors under injection */
};

void parse_init(struct collect *c, const struct collect_sink *sink);

/*
 * The kernel that ran @phase of cycle @cy: 0 the kernel it left (the
 * preserve side and the reboot), 1 the one it entered.
 */
int parse_phase_entered(const struct collect_cycle *cy, const char *phase);

/*
 * Feed one line of a host-timestamped serial log: "<seconds> <text>".
 * @line need not be NUL-terminated beyond @len; it is not kept.
 */
void parse_serial_line(struct collect *c, const char *line, size_t len);

/*
 * End of input: flush every cycle still held, marking those that never
 * completed "incomplete" and naming where the run stopped (cycle, phase,
 * the line that put it there; a hang when @c->watchdog_s was set).
 * Returns 0 when the run completed and passed (a run that ended in a
 * decline its kernels design, @c->declined, is complete), 1 when a cycle
 * failed, 2 when the log is incomplete.
 */
int parse_finish(struct collect *c);

/*
 * A run that failed before any cycle went out (in its first kernel's
 * boot, or before it had a log: the runner's reason): its one row, the
 * status row of cycle 0 with @status, @cause and @msg, and the kernels
 * of kexec 1, the one it was to make. parse_finish() calls it for a
 * run that did not pass and sent no cycle out.
 */
void parse_run_status(struct collect *c, const char *status,
		      const char *cause, const char *msg);

#endif
