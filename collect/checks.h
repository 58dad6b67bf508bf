/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own checkers as its log shows them (checks.c): the line
 * that starts a report and its class (KASAN, UBSAN, lockdep, list
 * corruption, DEBUG_VM, BUG), the lines that end one, a stack trace read
 * frame by frame, the frames that are the checker's own rather than the
 * bug's, a frame of LUO, KHO or memfd, the boot lines that say a checker
 * runs, and the list of known reports (collect/known-reports.txt,
 * luo-collect --known): exact lines, never a class.
 */
#ifndef LUO_COLLECT_CHECKS_H
#define LUO_COLLECT_CHECKS_H

#include <stddef.h>

#define CHECKS_FRAME_MAX	96	/* "function+0xoff/0xsize", cut to fit */
#define CHECKS_KNOWN_MAX	256	/* entries of a known-reports file */
#define CHECKS_KNOWN_LINE	512	/* an entry's length, at most */

/* The first line of a checker's report. */
struct checks_header {
	const char *text;	/* a line holding it starts a report */
	const char *cls;	/* its class: the --checks name */
	const char *what;	/* how a message names it */
	int until_rule;		/* ends at the next rule line, not its trace */
	int after_warning;	/* may come right after a WARNING: line */
};

/* The report a kernel line @k starts, or NULL. */
const struct checks_header *checks_header(const char *k);

/*
 * Whether @k ends any report: the kernel's "---[ end trace" or a rule
 * of '=' (KASAN's, around its report).
 */
int checks_end_line(const char *k);

/* Reading a stack trace ("Call Trace:" on x86, "Call trace:" on arm64). */
struct checks_trace {
	int state;		/* CHECKS_TRACE_* */
	int task, irq;		/* inside <TASK> ... </TASK>, <IRQ> ... </IRQ> */
	int frames;		/* frame lines read */
};

enum { CHECKS_TRACE_BEFORE, CHECKS_TRACE_IN, CHECKS_TRACE_DONE };

/*
 * Feed kernel line @k to @t. Returns 1 when @k is a reliable frame of
 * the trace (not "? "), its "function+0x../0x.." in @frame and its
 * function in @fn; 0 otherwise. @t->state is CHECKS_TRACE_DONE once the
 * trace ended (</TASK>, or on arm64 the first line after its frames
 * that is none).
 */
int checks_trace_line(struct checks_trace *t, const char *k, char *frame,
		      size_t fsize, char *fn, size_t nsize);

/*
 * A stack frame line (kernel trace or kmemleak backtrace): leading
 * blanks, "? " (unreliable: returns 2), "[<address>] " (older
 * kmemleak), then "function+0xoff[/0xsize]". Returns 1 (2) with the
 * frame and function copied, 0 when @k is not a frame.
 */
int checks_frame(const char *k, char *frame, size_t fsize, char *fn,
		 size_t nsize);

/* Whether function @fn is the checker's own (or a lock's): skipped. */
int checks_checker_frame(const char *fn);

/*
 * Whether frame line @k of function @fn is of LUO, KHO or memfd's
 * preservation: luo_*, kho_*, liveupdate_*, memfd_luo*, kexec_handover*
 * (leading underscores aside), or a file under kernel/liveupdate/.
 */
int checks_luo_frame(const char *fn, const char *k);

/* The checker kernel line @k says runs (its boot line), or NULL. */
const char *checks_ran(const char *k);

/* The known reports: exact kernel lines (after the printk time). */
struct checks_known {
	size_t n;
	char line[CHECKS_KNOWN_MAX][CHECKS_KNOWN_LINE];
};

/*
 * Read @path into @kn: lines, '#' comments and blank lines left out.
 * Returns 0, or -1 with @err saying why.
 */
int checks_known_load(struct checks_known *kn, const char *path, char *err,
		      size_t size);

/* Whether @k is one of @kn's lines, exactly (@kn NULL: none). */
int checks_known_has(const struct checks_known *kn, const char *k);

#endif
