// SPDX-License-Identifier: GPL-2.0
/*
 * The log parser of luo-collect (see parse.h). It recognises the
 * lines of the wire format (stress/include/wire.h):
 *   WIRE_METRIC "cycle=N phase=P value=V unit=U method=M <labels>"
 *   WIRE_KEXEC "N of M"               workload, just before reboot()
 *   "[ t] " WIRE_MARKER "N"           kernel log marker of that reboot
 *   "[ t] kexec_core: " WIRE_NEW_KERNEL
 *   WIRE_INIT_START, WIRE_INIT_DONE "N"
 *   WIRE_KERNEL "cycle=N release=R ...", WIRE_HANDOVER "cycle=N outcome=O"
 *   "[ t] " WIRE_LINUX_VERSION "R ...", "[ t] " WIRE_KHO_EXEC_FROM "R ..."
 *   KTAP results by test name (the cycle is verified when the test named
 *   WIRE_VERIFY_TEST passes), WIRE_FAIL "<what>: ...", WIRE_ERROR "..."
 *   and kernel trouble (WARNING:, BUG:, Oops, panics, OOM kills, LUO/KHO
 *   errors); WIRE_PROGRESS_CYCLE and WIRE_COVERAGE_CYCLE lines.
 * It derives freeze (printk, marker to WIRE_NEW_KERNEL) and blackout
 * (host clock, WIRE_KEXEC line to the next init start), gives
 * every failed cycle a cause, and follows the run phase by phase so a
 * run that stops can be said to have stopped where it did. A kernel's
 * lines are told from the last one's by its printk clock starting again;
 * each cycle goes out with the two kernels of its kexec and what the
 * kexec did (its outcome) against what their ABIs say it should.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "kernels.h"
#include "parse.h"
#include "text.h"
#include "wire.h"

/* The lines it recognises, as the programs print them (wire.h). */
#define METRIC_PREFIX	WIRE_METRIC
#define KEXEC_PREFIX	WIRE_KEXEC	/* workload, before reboot() */
#define MARKER_PREFIX	WIRE_MARKER	/* kernel log marker */
#define NEW_KERNEL	WIRE_NEW_KERNEL
#define INIT_START	WIRE_INIT_START
#define INIT_DONE	WIRE_INIT_DONE
#define VERIFY_TEST	WIRE_VERIFY_TEST	/* KTAP test proving a cycle restored */
#define PROGRAM_ERROR	WIRE_ERROR	/* a program refusing its options */
#define PROGRESS_PREFIX	WIRE_PROGRESS_CYCLE
#define COVERAGE_PREFIX	WIRE_COVERAGE_CYCLE
#define PROFILE_PREFIX	WIRE_PROFILE_CYCLE
#define FAIL_PREFIX	WIRE_FAIL

/* The lines handed to the sink whole, as records of their kind. */
static const struct {
	const char *prefix;
	const char *kind;
} record_lines[] = {
	{ COVERAGE_PREFIX, "coverage" }, { PROFILE_PREFIX, "profile" },
};

/* The cause of a FAIL_PREFIX "<what>:" line, by its what. */
static const struct {
	const char *what;
	const char *cause;
} fail_causes[] = {
	{ "data", "data" }, { "size", "size" }, { "seals", "seal" },
	{ "hole", "hole" }, { "retrieve", "missing" }, { "state", "data" },
	{ "blocks", "blocks" }, { "coverage", "coverage" },
	{ "create", "luo-call" }, { "preserve", "luo-call" },
	{ "finish", "luo-call" }, { "fault", "luo-call" },
	{ "faults", "fault-injection" }, { "abort", "luo-call" },
};

/* The phase a passed KTAP test leads into, on the preserve side. */
static const struct {
	const char *test;
	const char *next;
} test_next[] = {
	{ "finish", "populate" }, { "coverage", "populate" },
	{ "preserve", "kexec_load" }, { "kexec_load", "reboot" },
};

/* The cause of a failed KTAP test no FAIL line explained. */
static const struct {
	const char *test;
	const char *cause;
} test_causes[] = {
	{ "verify", "data" }, { "retrieve", "missing" },
	{ "blocks_restored", "blocks" }, { "blocks_allocated", "blocks" },
	{ "coverage", "coverage" }, { "finish", "luo-call" },
	{ "preserve", "luo-call" },
};

/*
 * Kernel trouble: a line holding @text fails its cycle with @cause; the
 * message names it @what.
 */
static const struct {
	const char *text;
	const char *cause;
	const char *what;
} kernel_trouble[] = {
	{ "Kernel panic", "panic", "panic" },
	{ "WARNING:", "kernel-warning", "kernel warning" },
	{ "BUG:", "kernel-warning", "kernel BUG" },
	{ "kernel BUG", "kernel-warning", "kernel BUG" },
	{ "Oops", "kernel-warning", "kernel oops" },
	{ "general protection fault", "kernel-warning", "kernel oops" },
	{ "invoked oom-killer", "kernel-warning", "OOM kill" },
	{ "Out of memory:", "kernel-warning", "OOM kill" },
};

static const char *const preserve_side[] = {
	"control", "create", "populate", "preserve", "kexec_load", NULL,
};

/* The phases the kernel a kexec leaves runs; the new one runs the rest. */
static const char *const left_side[] = {
	"control", "create", "populate", "preserve", "kexec_load", "reboot", "freeze",
	"blackout_reboot",
};

/*
 * The kernels' own lines of a decline they design (a line that starts
 * with @prefix and holds @text): a failure they cause is excused when
 * the cycle declined as its kernels say it should.
 */
static const struct {
	const char *prefix;
	const char *text;
	int panic;		/* LUO's panic on state it refuses */
} design_lines[] = {
	{ "KHO", "is incompatible with", 0 },
	{ "KHO", "disabling KHO revival", 0 },
	{ "", "LUO state is incompatible", 1 },
	{ "", "The incoming tree failed to initialize properly", 1 },
	{ "", "No registered handler for compatible", 0 },
	{ "", "Failed to deserialize files for session", 0 },
	{ "", "File count mismatch", 0 },
};

/*
 * What a failure's cause says the kexec did, for a failure no designed
 * decline excuses (docs/metrics.md, the outcomes).
 */
static const struct {
	const char *cause;
	const char *outcome;
} cause_outcomes[] = {
	{ "panic", "panic-other" }, { "kernel-warning", "warn" },
	{ "checker", "warn" }, { "fault-warning", "warn" }, { "flb", "warn" },
	{ "hang", "hang" }, { "guest-died", "guest-died" },
	{ "data", "carried-corrupt" }, { "size", "carried-corrupt" },
	{ "seal", "carried-corrupt" }, { "hole", "carried-corrupt" },
	{ "missing", "carried-corrupt" },
};

/*
 * Printk clocks of two CPUs may differ this much (s): a step back of
 * less is not a new kernel.
 */
#define CLOCK_SKEW	0.001
/*
 * A LUO/KHO error line within this long (printk time) after a fault the
 * kernel injected is that fault's, wherever the console put it
 */
#define INJECTION_ECHO_S	1.0

/*
 * The kprobe events the runner puts on the kernel command line
 * (wire.h: WIRE_KPROBES), as tp_printk prints them.
 */
static const struct {
	const char *event;
	enum mark mark;
	int in_kexec;		/* belongs to the kexec under way */
	const char *phase;	/* the run is in it from here on */
	const char *says;	/* "<function> entered" or "... returned" */
	int open_call;		/* entered, not returned yet */
} kprobe_marks[] = {
	{ WIRE_KPROBE_REBOOT_IN ": (", MARK_REBOOT_IN, 1, "freeze",
	  WIRE_FN_REBOOT " entered", 1 },
	{ WIRE_KPROBE_REBOOT_OUT ": (", MARK_REBOOT_OUT, 1, "reboot",
	  WIRE_FN_REBOOT " returned", 0 },
	{ WIRE_KPROBE_DESER_IN ": (", MARK_DESER_IN, 0, "deserialize",
	  WIRE_FN_DESER " entered", 1 },
	{ WIRE_KPROBE_DESER_OUT ": (", MARK_DESER_OUT, 0, "retrieve",
	  WIRE_FN_DESER " returned", 0 },
};


void parse_init(struct collect *c, const struct collect_sink *sink)
{
	memset(c, 0, sizeof(*c));
	c->sink = *sink;
	c->report.cycle = -1;	/* no report gave a message */
	c->inj_pk = -1;		/* no fault injected yet */
}

static void add_row(struct collect_cycle *cy, const struct collect_row *r)
{
	if (cy && cy->nrows < COLLECT_ROWS_MAX)
		cy->rows[cy->nrows++] = *r;
}

static void set_mark(struct collect_cycle *cy, enum mark m, double t)
{
	if (!cy)
		return;
	cy->mark[m] = t;
	cy->seen |= 1u << m;
}

/* "cycle N: " or "" before the first kexec. */
static void cycle_prefix(char *buf, size_t size, long cycle)
{
	if (cycle > 0)
		snprintf(buf, size, "cycle %ld: ", cycle);
	else
		buf[0] = 0;
}

/*
 * The facts of the kernel kexec @cycle came up into (0: the first), or
 * NULL when they are no longer held; @make: a place for them, the
 * oldest kernel's given up.
 */
static struct collect_kernel *kernel_facts(struct collect *c, long cycle,
					   int make)
{
	struct collect_kernel *k, *old = NULL;
	int i;

	if (cycle < 0)
		return NULL;
	for (i = 0; i < COLLECT_KERNELS; i++) {
		k = &c->kernel_facts[i];
		if (k->id == cycle + 1)
			return k;
		if (!old || k->id < old->id)
			old = k;
	}
	if (!make)
		return NULL;
	memset(old, 0, sizeof(*old));
	old->id = cycle + 1;
	return old;
}

/* Copy the word that starts @s (up to a space) into @dst. */
static void word(char *dst, size_t size, const char *s)
{
	size_t n = strcspn(s, " ");

	snprintf(dst, size, "%.*s", (int)(n < size ? n : size - 1), s);
}

/*
 * Add a row for the interval from mark @a to mark @b when both were
 * seen, in order. Returns 1 when the row was added.
 */
static int add_interval(struct collect_cycle *cy, const char *phase,
			const char *method, enum mark a, enum mark b)
{
	unsigned int both = (1u << a) | (1u << b);
	double from = cy->mark[a], to = cy->mark[b];
	struct collect_row r;

	if ((cy->seen & both) != both || to < from)
		return 0;
	memset(&r, 0, sizeof(r));
	if (cy->nrows)
		snprintf(r.labels, sizeof(r.labels), "%s", cy->rows[0].labels);
	snprintf(r.phase, sizeof(r.phase), "%s", phase);
	snprintf(r.method, sizeof(r.method), "%s", method);
	snprintf(r.unit, sizeof(r.unit), "%s", "ms");
	snprintf(r.value, sizeof(r.value), "%.3f", (to - from) * 1000);
	add_row(cy, &r);
	return 1;
}

/* Times that come from two log lines: computed once, when the cycle ends. */
static void derive(struct collect_cycle *cy)
{
	add_interval(cy, "reboot", "printk_marker", MARK_KEXEC_PRINTK,
		     MARK_START_PRINTK);
	/* without kprobe events the whole reboot bounds the freeze */
	if (!add_interval(cy, "freeze", "kretprobe", MARK_REBOOT_IN,
			  MARK_REBOOT_OUT))
		add_interval(cy, "freeze", "printk_marker", MARK_KEXEC_PRINTK,
			     MARK_START_PRINTK);
	add_interval(cy, "deserialize", "kretprobe", MARK_DESER_IN,
		     MARK_DESER_OUT);
	add_interval(cy, "blackout", "host_serial", MARK_KEXEC_HOST,
		     MARK_INIT_HOST);
	/* the blackout in three parts that add up to it, all host clock */
	if (add_interval(cy, "blackout_handover", "host_serial",
			 MARK_START_HOST, MARK_CLOCK_HOST)) {
		add_interval(cy, "blackout_reboot", "host_serial",
			     MARK_KEXEC_HOST, MARK_START_HOST);
		add_interval(cy, "blackout_boot", "host_serial",
			     MARK_CLOCK_HOST, MARK_INIT_HOST);
	}
}

const struct collect_host_mark parse_host_marks[] = {
	{ MARK_KEXEC_HOST, "kexec_host" },
	{ MARK_START_HOST, "start_host" },
	{ MARK_CLOCK_HOST, "clock_host" },
	{ MARK_INIT_HOST, "init_host" },
	{ MARK_COUNT, NULL },
};

/* The host times of a cycle's kexec, for tools that cut logs by them. */
static void emit_marks(struct collect *c, const struct collect_cycle *cy)
{
	const struct collect_host_mark *hm;
	char kv[256];
	size_t n = 0;

	if (!c->sink.record)
		return;
	kv[0] = 0;
	for (hm = parse_host_marks; hm->key; hm++)
		if (cy->seen & (1u << hm->mark))
			n += snprintf(kv + n, sizeof(kv) - n, " %s=%.6f",
				      hm->key, cy->mark[hm->mark]);
	c->sink.record(c->sink.ctx, "marks", cy->cycle, kv);
}

/*
 * The release of the kernel kexec @cycle came up into (0: the first)
 * into @dst: its WIRE_KERNEL line's, else its WIRE_LINUX_VERSION line's,
 * else the one the kernel table planned. Returns 1 when the log said
 * it, 0 when not.
 */
static int release_of(struct collect *c, long cycle, char *dst,
		      size_t size)
{
	struct collect_kernel *k = kernel_facts(c, cycle, 0);
	int i = kernels_index(c->table, cycle);
	const char *r = k && k->release[0] ? k->release :
		k && k->version[0] ? k->version : NULL;

	snprintf(dst, size, "%s", r ? r : i >= 0 ? c->table->k[i].release : "");
	return r != NULL;
}

/*
 * What kexec @cy did, from what the log said of it; "" if it never
 * began, or when the program hands no state over (luo-kexec: its kernel
 * says which it is, and no handover line follows).
 */
static const char *outcome_of(struct collect *c,
			      const struct collect_cycle *cy)
{
	struct collect_kernel *k = kernel_facts(c, cy->cycle, 0);
	unsigned int kexec = (1u << MARK_KEXEC_HOST) |
		(1u << MARK_KEXEC_PRINTK) | (1u << MARK_START_PRINTK);
	const char *cause = cy->hard ? cy->hard_cause : cy->stopped;
	size_t i;

	if (!(cy->seen & kexec) && !cy->entered && !cy->handover[0])
		return "";
	if (cy->design_panic)
		return "panic";
	if (!strcmp(cy->handover, "no-state"))
		return "no-state";
	if (!strcmp(cy->handover, "refused"))
		return "refused";
	for (i = 0; cause && i < ARRAY_SIZE(cause_outcomes); i++)
		if (!strcmp(cause, cause_outcomes[i].cause))
			return cause_outcomes[i].outcome;
	if (!strcmp(cy->handover, "carried") ||
	    (cy->restored && !(k && k->release[0])))
		return "carried";
	return "";
}

/* A message that may not fit: cut to @size. */
static void cut_to(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

/* cut_to(), returning the length written (at most @size - 1). */
static size_t cut_to_n(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

/* Fail @cy with @cause and "cycle N: <fmt>", whatever it failed of before. */
static void refail(struct collect_cycle *cy, const char *cause,
		   const char *fmt, ...)
{
	va_list ap;
	int n;

	cy->failed = 1;
	cy->hard = 1;
	cy->declined = 0;
	snprintf(cy->cause, sizeof(cy->cause), "%s", cause);
	snprintf(cy->hard_cause, sizeof(cy->hard_cause), "%s", cause);
	n = snprintf(cy->msg, sizeof(cy->msg), "cycle %ld: ", cy->cycle);
	va_start(ap, fmt);
	vsnprintf(cy->msg + n, sizeof(cy->msg) - n, fmt, ap);
	va_end(ap);
}

/*
 * The kernels booted are the ones the run planned (kernel table, kernel
 * cycle mod N) and KHO says the kexec came from the kernel it left.
 */
static void check_kernels(struct collect *c, struct collect_cycle *cy)
{
	char seen[COLLECT_RELEASE_MAX];
	const char *plan;
	long k;
	int i;

	for (k = cy->cycle == 1 ? 0 : cy->cycle; k <= cy->cycle; k++) {
		i = kernels_index(c->table, k);
		if (i < 0 || !release_of(c, k, seen, sizeof(seen)))
			continue;
		plan = c->table->k[i].release;
		if (plan[0] && strcmp(seen, plan)) {
			refail(cy, "wrong-kernel",
			       "kernel %ld booted %s, the run planned %s (kernel.%d)",
			       k, seen, plan, i);
			return;
		}
	}
	if (cy->kho_from[0] && cy->from_kernel[0] &&
	    strcmp(cy->kho_from, cy->from_kernel))
		refail(cy, "wrong-kernel",
		       "the kernel says exec from %s, the run left %s",
		       cy->kho_from, cy->from_kernel);
}

/*
 * The transition of @cy: its two kernels, direction, expected and real
 * outcome. A decline its kernels design passes it when nothing else
 * failed; an outcome other than expected fails it.
 */
/*
 * The kernels of kexec @kexec into @cy: their releases and entries,
 * what KHO says it came from, the direction and the expected outcome.
 */
static void kexec_kernels(struct collect *c, struct collect_cycle *cy,
			  long kexec)
{
	struct collect_kernel *k = kernel_facts(c, kexec, 0);

	release_of(c, kexec - 1, cy->from_kernel, sizeof(cy->from_kernel));
	release_of(c, kexec, cy->to_kernel, sizeof(cy->to_kernel));
	snprintf(cy->from_entry, sizeof(cy->from_entry), "%s",
		 kernels_entry_of(c->table, kexec - 1, cy->from_kernel));
	snprintf(cy->to_entry, sizeof(cy->to_entry), "%s",
		 kernels_entry_of(c->table, kexec, cy->to_kernel));
	if (k)
		snprintf(cy->kho_from, sizeof(cy->kho_from), "%s", k->kho_from);
	cy->direction = kernels_direction(cy->from_kernel, cy->to_kernel);
	cy->expected = kernels_expected(c->table, kexec);
}

static void transition(struct collect *c, struct collect_cycle *cy)
{
	char said[COLLECT_MSG_MAX], pre[32];
	int accepted, decline;

	kexec_kernels(c, cy, cy->cycle);
	cy->outcome = outcome_of(c, cy);
	accepted = kernels_accepts(cy->expected, cy->outcome);
	decline = kernels_is_decline(cy->outcome);
	/* what said so: the kernel's line, else the workload's */
	cycle_prefix(pre, sizeof(pre), cy->cycle);
	if (cy->detail_kernel || (cy->detail[0] && (accepted || !cy->msg[0])))
		snprintf(said, sizeof(said), "%s", cy->detail);
	else if (cy->msg[0])
		snprintf(said, sizeof(said), "%s", text_after(cy->msg, pre) ?
			 text_after(cy->msg, pre) : cy->msg);
	else
		snprintf(said, sizeof(said), "%s", cy->restored ?
			 "verify passed" : "no line said what happened");
	if (decline && accepted && !cy->hard) {
		cy->failed = 0;
		cy->declined = 1;
		cy->cause[0] = 0;
		cut_to(cy->msg, sizeof(cy->msg), "%s%s", pre, said);
	} else if (cy->outcome[0] && !accepted && !cy->hard &&
		   (decline || (!cy->failed && !cy->cause[0]))) {
		/* a decline not expected, or carried where one was */
		refail(cy, "outcome", "%s", said);
	}
	check_kernels(c, cy);
}

/*
 * The message of @cy, for a run through two or more kernels or a failure
 * of the transition: "cycle N (FROM -> TO): " (cycle 0, a run that failed
 * before its first: "before cycle 1 (FROM -> TO): "), the kernels named
 * as kernels_name() says, then "expected E, got G: " when the outcome
 * is not the expected one, then what the log said.
 */
static void transition_msg(struct collect *c, struct collect_cycle *cy)
{
	char body[COLLECT_MSG_MAX], pre[32], how[64] = "";
	char from[COLLECT_RELEASE_MAX + KERNELS_ENTRY + 4];
	char to[sizeof(from)];
	const char *b = cy->msg;
	int ours = !strcmp(cy->cause, "outcome") ||
		!strcmp(cy->cause, "wrong-kernel");

	/* one kernel: its own kexecs read as they always have */
	if (!cy->msg[0] || ((!c->table || c->table->n < 2) && !ours))
		return;
	cycle_prefix(pre, sizeof(pre), cy->cycle);
	if (text_after(b, pre))
		b = text_after(b, pre);
	snprintf(body, sizeof(body), "%s", b);
	if (cy->declined)
		snprintf(how, sizeof(how), "%s as expected (%s): ",
			 cy->outcome, cy->expected);
	else if (cy->outcome[0] && !kernels_accepts(cy->expected, cy->outcome))
		snprintf(how, sizeof(how), "expected %s, got %s: ",
			 cy->expected, cy->outcome);
	kernels_name(c->table, cy->from_kernel, cy->from_entry, from,
		     sizeof(from));
	kernels_name(c->table, cy->to_kernel, cy->to_entry, to, sizeof(to));
	cut_to(cy->msg, sizeof(cy->msg), "%scycle %ld (%s -> %s): %s%s",
	       cy->cycle ? "" : "before ", cy->cycle ? cy->cycle : 1, from,
	       to, how, body);
}

static void emit(struct collect *c, struct collect_cycle *cy)
{
	const char *status;
	struct collect_row st;
	int i;

	derive(cy);
	emit_marks(c, cy);
	transition(c, cy);
	status = cy->failed ? "fail" :
		cy->restored || cy->declined ? "pass" : "incomplete";
	if (cy->failed) {
		c->failed_cycles++;
	} else if (!cy->restored && !cy->declined) {
		c->incomplete_cycles++;
		if (!cy->msg[0])
			snprintf(cy->msg, sizeof(cy->msg),
				 "log ends before cycle %ld was verified",
				 cy->cycle);
	}
	if (cy->declined)
		c->declined_cycle = cy->cycle;
	c->last_cycle = cy->cycle;
	transition_msg(c, cy);
	for (i = 0; i < cy->nrows; i++)
		c->sink.row(c->sink.ctx, cy, &cy->rows[i], status);
	if (cy->failed || !cy->restored) {
		/* a row that carries the verdict even when no metric came */
		memset(&st, 0, sizeof(st));
		snprintf(st.phase, sizeof(st.phase), "%s", "status");
		if (cy->nrows)
			snprintf(st.labels, sizeof(st.labels), "%s", cy->rows[0].labels);
		c->sink.row(c->sink.ctx, cy, &st, status);
	}
	memset(cy, 0, sizeof(*cy));
}

/* Flush held cycles below @below (all when @below is 0), oldest first. */
static void flush_below(struct collect *c, long below)
{
	struct collect_cycle *min;
	int i;

	for (;;) {
		min = NULL;
		for (i = 0; i < COLLECT_CYCLES; i++)
			if (c->cycles[i].cycle &&
			    (!below || c->cycles[i].cycle < below) &&
			    (!min || c->cycles[i].cycle < min->cycle))
				min = &c->cycles[i];
		if (!min)
			return;
		emit(c, min);
	}
}

static struct collect_cycle *slot(struct collect *c, long cycle)
{
	struct collect_cycle *free_slot = NULL;
	int i;

	if (cycle <= 0)
		return NULL;
	for (i = 0; i < COLLECT_CYCLES; i++) {
		if (c->cycles[i].cycle == cycle)
			return &c->cycles[i];
		if (!c->cycles[i].cycle && !free_slot)
			free_slot = &c->cycles[i];
	}
	if (!free_slot) {
		/* bounded memory: the oldest cycle goes out as it stands */
		struct collect_cycle *min = &c->cycles[0];

		for (i = 1; i < COLLECT_CYCLES; i++)
			if (c->cycles[i].cycle < min->cycle)
				min = &c->cycles[i];
		emit(c, min);
		free_slot = min;
	}
	free_slot->cycle = cycle;
	return free_slot;
}

/* The cycle a failure of @cycle lands in (see fail_as); 0: the run's. */
static long fail_cycle(struct collect *c, long cycle)
{
	return cycle <= 0 && c->where.cycle > 0 ? c->where.cycle :
		cycle > 0 ? cycle : 0;
}

/*
 * Fail @cycle (the run itself when 0) with @msg, first cause kept. A
 * @soft failure is one a designed decline of the cycle excuses; the
 * first failure that is not takes the place of those before it.
 * Returns the cycle it failed (fail_cycle), 0 the run.
 */
static long fail_as(struct collect *c, long cycle, const char *cause,
		    const char *msg, int soft)
{
	struct collect_cycle *cy;
	char *dst, *why;
	size_t n;

	/*
	 * Before its first metric or kexec line the first kernel prepares
	 * the cycle the run is in, when it is in one (as stopped() says)
	 */
	cycle = fail_cycle(c, cycle);
	cy = slot(c, cycle);
	dst = cy ? cy->msg : c->final_msg;
	why = cy ? cy->cause : c->final_cause;
	n = cy ? sizeof(cy->msg) : sizeof(c->final_msg);
	if (cy && !soft && !cy->hard) {
		/* what a decline may excuse gives way to what it cannot */
		if (cy->failed)
			dst[0] = why[0] = 0;
		cy->hard = 1;
		snprintf(cy->hard_cause, sizeof(cy->hard_cause), "%s", cause);
	}
	if (cy)
		cy->failed = 1;
	else
		c->done_rc = c->done_rc ? c->done_rc : -1;
	if (!dst[0])
		snprintf(dst, n, "%s", msg);
	if (!why[0])
		snprintf(why, sizeof(cy->cause), "%s", cause);
	return cy ? cy->cycle : 0;
}

/* The workload said the kernel declined the current cycle's state. */
static int declined(struct collect *c)
{
	int i;

	for (i = 0; i < COLLECT_CYCLES; i++)
		if (c->current > 0 && c->cycles[i].cycle == c->current)
			return kernels_is_decline(c->cycles[i].handover);
	return 0;
}

/*
 * The workload failed in the current cycle: after it said the kernel
 * declined the state (WIRE_HANDOVER no-state or refused), what follows
 * from that decline is soft.
 */
static void workload_fail(struct collect *c, const char *cause,
			  const char *msg)
{
	fail_as(c, c->current, cause, msg, declined(c));
}

/* The run moved on to @phase of @cycle; @mark says which line did it. */
static void move(struct collect *c, long cycle, const char *phase,
		 int open_call, const char *fmt, ...)
{
	va_list ap;

	/*
	 * Never back to an earlier cycle: kernel lines may reach the
	 * console after the workload's own lines that followed them.
	 */
	if (cycle < c->where.cycle)
		return;
	c->where.cycle = cycle;
	c->where.phase = phase;
	c->where.open_call = open_call;
	va_start(ap, fmt);
	vsnprintf(c->where.mark, sizeof(c->where.mark), fmt, ap);
	va_end(ap);
}

static void metric_line(struct collect *c, const char *text)
{
	struct collect_row r;
	char cyc[24], blocks[24];
	const char *labels;
	long cycle, nblocks;
	double value;
	int i;

	memset(&r, 0, sizeof(r));
	/* the labels are what follows the fixed keys, from sessions= on */
	labels = strstr(text, " sessions=");
	if (text_kv_get(text, "cycle", cyc, sizeof(cyc)) ||
	    text_parse_long(cyc, NULL, &cycle) ||
	    text_kv_get(text, "phase", r.phase, sizeof(r.phase)) ||
	    text_kv_get(text, "value", r.value, sizeof(r.value)) ||
	    text_parse_double(r.value, NULL, &value) ||
	    text_kv_get(text, "unit", r.unit, sizeof(r.unit)) ||
	    text_kv_get(text, "method", r.method, sizeof(r.method)) || !labels ||
	    strlen(labels + 1) >= sizeof(r.labels) ||
	    text_kv_get(labels, "file_blocks", blocks, sizeof(blocks)) ||
	    text_parse_long(blocks, NULL, &nblocks)) {
		c->malformed++;
		return;
	}
	snprintf(r.labels, sizeof(r.labels), "%s", labels + 1);
	if (cycle <= 0 || cycle > 1000000) {
		c->malformed++;
		return;
	}
	for (i = 0; preserve_side[i]; i++)
		if (!strcmp(r.phase, preserve_side[i]))
			c->current = cycle;
	add_row(slot(c, cycle), &r);
}

/* The number that starts @s, ended by a space or the end; 0 if none. */
static long leading_number(const char *s)
{
	long n;

	return text_parse_long(s, s + strcspn(s, " "), &n) ? 0 : n;
}

/*
 * Kernel line at printk time @pk: a time lower than the last line's, in
 * a kernel that has started a kexec or our init, is the first line of
 * the next kernel (a kernel's early boot also steps its clock back, to
 * the TSC's, before either). The kernel of the kexec under way, if one
 * is; the handover is over.
 */
static void kernel_clock(struct collect *c, double pk)
{
	struct collect_cycle *cy;

	if (c->klines++ && pk < c->last_pk - CLOCK_SKEW &&
	    (c->kexec_started || c->init_started)) {
		c->kernel = c->pending_kexec ? c->pending_kexec : c->kernel + 1;
		c->kexec_started = 0;
		c->init_started = 0;
		c->booting = c->pending_kexec != 0;
		kernel_facts(c, c->kernel, 1);
		cy = slot(c, c->pending_kexec);
		if (cy)
			cy->entered = 1;
		if (c->where.phase && !strcmp(c->where.phase, "handover"))
			move(c, c->where.cycle, "boot", 0,
			     "the new kernel's first line at %.3f s", pk);
	}
	c->last_pk = pk;
}

/*
 * A line of the kernel that the pending kexec started: the host time
 * its clock started is at most the line's host time less its printk
 * time, and the least of those over its lines is the estimate (early
 * lines wait in the log buffer for the console; later ones come out as
 * they are printed).
 */
static void new_kernel_line(struct collect *c, double host, double pk)
{
	struct collect_cycle *cy = slot(c, c->pending_kexec);
	unsigned int bit = 1u << MARK_CLOCK_HOST;

	if (!cy || !c->booting || !(cy->seen & (1u << MARK_START_HOST)) ||
	    host < 0)
		return;
	if (!(cy->seen & bit) || host - pk < cy->mark[MARK_CLOCK_HOST])
		set_mark(cy, MARK_CLOCK_HOST, host - pk);
}

/*
 * Kernel line @k fails the current cycle with @cause: "<what> in
 * <phase>: <k>", after "cycle N: " once the run is in one.
 */
static void kernel_fail(struct collect *c, const char *cause,
			const char *what, const char *k, int soft)
{
	char msg[COLLECT_MSG_MAX], pre[32];

	cycle_prefix(pre, sizeof(pre), c->where.cycle);
	snprintf(msg, sizeof(msg), "%s%s in %s: %s", pre, what,
		 c->where.phase ? c->where.phase : "boot", k);
	fail_as(c, c->current, cause, msg, soft);
}

/*
 * Kernel line @k is one of a decline the kernels design: kept as what
 * the kexec did, its failures soft. Returns 1 when it is one.
 */
static int design_line(struct collect *c, const char *k)
{
	struct collect_cycle *cy;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(design_lines); i++) {
		if (!text_after(k, design_lines[i].prefix) ||
		    !strstr(k, design_lines[i].text))
			continue;
		cy = slot(c, c->current);
		if (!cy)
			return 0;	/* no kexec yet: no decline */
		if (design_lines[i].panic)
			cy->design_panic = 1;
		if (!cy->detail_kernel)
			snprintf(cy->detail, sizeof(cy->detail), "%s", k);
		cy->detail_kernel = 1;
		return 1;
	}
	return 0;
}

/* The release and KHO's word on where it came from, of this kernel. */
static int kernel_fact(struct collect *c, const char *k)
{
	struct collect_kernel *kf = kernel_facts(c, c->kernel, 1);
	const char *v;

	v = text_after(k, WIRE_LINUX_VERSION);
	if (v) {
		word(kf->version, sizeof(kf->version), v);
		return 1;
	}
	v = text_after(k, WIRE_KHO_EXEC_FROM);
	if (v) {
		word(kf->kho_from, sizeof(kf->kho_from), v);
		return 1;
	}
	return 0;
}

/*
 * The kernel's own checkers (checks.h; docs/metrics.md, "Kernel
 * checks"): their reports fail a cycle with cause checker, a WARNING
 * while a fault injected is open with fault-warning, the test FLBs'
 * errors and lost handovers with flb; what the kernel prints of a fault
 * injected is expected.
 */

/* The cycle @cycle if it is held, else NULL: none is made for it. */
static struct collect_cycle *held(struct collect *c, long cycle)
{
	int i;

	for (i = 0; cycle > 0 && i < COLLECT_CYCLES; i++)
		if (c->cycles[i].cycle == cycle)
			return &c->cycles[i];
	return NULL;
}

static void check_item(struct collect *c, long cycle, const char *kind,
		       const char *name, long count, const char *detail)
{
	if (c->sink.check)
		c->sink.check(c->sink.ctx, cycle, kind, name, count, detail);
}

/* Count @name (@detail kept from its first) in @t of @n entries. */
static void tally(struct collect_tally *t, size_t n, const char *name,
		  const char *detail)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i].count && strcmp(t[i].name, name))
			continue;
		if (!t[i].count++) {
			TEXT_COPY(t[i].name, name);
			TEXT_COPY(t[i].detail, detail);
		}
		return;
	}
}

/*
 * The message of report @r: "cycle N: <what> in <phase>: <first line>
 * | <frames>"; a WARNING under fault injection says "kernel warning in
 * <phase> (fault injected into <call> at <site>)".
 */
static void report_msg(const struct collect_report *r, char *msg,
		       size_t size)
{
	char frames[COLLECT_FRAMES * (CHECKS_FRAME_MAX + 1) + 4] = "";
	char inj[2 * CHECKS_FRAME_MAX] = "";
	size_t n = 0;
	int i;

	for (i = 0; i < r->nframes && n < sizeof(frames); i++)
		n += snprintf(frames + n, sizeof(frames) - n, "%s%s",
			      i ? " " : " | ", r->frames[i]);
	if (!r->h)
		snprintf(inj, sizeof(inj), " (fault injected%s%s%s%s)",
			 r->call[0] ? " into " : "", r->call,
			 r->site[0] ? " at " : "", r->site);
	cut_to(msg, size, "%s%s in %s%s: %s%s", r->pre,
	       r->h ? r->h->what : "kernel warning", r->phase, inj, r->first,
	       frames);
}

/* The message of the last report again, where it is still its cycle's. */
static void report_update(struct collect *c)
{
	struct collect_report *r = &c->report;
	struct collect_cycle *cy = held(c, r->cycle);
	char *dst = cy ? cy->msg : r->cycle == 0 ? c->final_msg : NULL;

	if (!dst || !r->msg[0] || strcmp(dst, r->msg))
		return;
	report_msg(r, r->msg, sizeof(r->msg));
	snprintf(dst, COLLECT_MSG_MAX, "%s", r->msg);
}

/*
 * A report with first line @k begins: @h's, or with @h NULL a WARNING
 * while a fault injected is open. It fails the current cycle (cause
 * checker or fault-warning) unless it is on the known list. A checker's
 * report that begins inside a WARNING's takes over its cycle's message:
 * the checker names the class of the bug, the WARNING only a place.
 */
static void report_open(struct collect *c, const struct checks_header *h,
			const char *k, int soft)
{
	struct collect_report *r = &c->report;
	struct collect_cycle *cy = held(c, r->cycle);
	const char *cause = h ? "checker" : "fault-warning";
	long cycle = fail_cycle(c, c->current);

	if (h && r->open && !r->h && cy && !strcmp(cy->msg, r->msg)) {
		cy->msg[0] = 0;
		cy->cause[0] = 0;
		TEXT_COPY(cy->hard_cause, cause);
	}
	memset(r, 0, sizeof(*r));
	r->open = 1;
	r->h = h;
	r->cycle = -1;
	TEXT_COPY(r->first, k);
	cycle_prefix(r->pre, sizeof(r->pre), c->where.cycle);
	TEXT_COPY(r->phase, c->where.phase ? c->where.phase : "boot");
	TEXT_COPY(r->site, c->inj_site);
	c->inj_reading = 0;
	if (checks_known_has(c->known, k)) {
		r->known = 1;
		check_item(c, cycle, "known", h ? h->cls : "WARNING", 1, k);
		return;
	}
	check_item(c, cycle, h ? "checker" : "fault_warning",
		   h ? h->cls : c->inj_site[0] ? c->inj_site : "other", 1, k);
	report_msg(r, r->msg, sizeof(r->msg));
	r->cycle = fail_as(c, c->current, cause, r->msg, soft);
}

/*
 * Kernel line @k while a report is open: its stack trace's top frames
 * (the checker's own skipped) into the message; the report ends at
 * "---[ end trace", a rule of '=', the end of its trace (KASAN's at
 * its closing rule) or after COLLECT_REPORT_LINES lines. Returns 1
 * when @k is the report's, 0 when it is a line of its own.
 */
static int report_feed(struct collect *c, const char *k)
{
	struct collect_report *r = &c->report;
	char frame[CHECKS_FRAME_MAX], fn[CHECKS_FRAME_MAX];

	if (!r->open)
		return 0;
	if (checks_end_line(k)) {
		r->open = 0;
		return 1;
	}
	if (++r->lines > COLLECT_REPORT_LINES) {
		r->open = 0;
		return 0;
	}
	if (checks_trace_line(&r->trace, k, frame, sizeof(frame), fn,
			      sizeof(fn)) &&
	    r->nframes < COLLECT_FRAMES && !checks_checker_frame(fn)) {
		TEXT_COPY(r->frames[r->nframes], frame);
		r->nframes++;
		report_update(c);
	}
	if (r->trace.state == CHECKS_TRACE_DONE && !(r->h && r->h->until_rule)) {
		r->open = 0;
		/* arm64's trace ends at the first line that is not of it */
		return text_after(k + strspn(k, " "), "</TASK>") != NULL;
	}
	return 1;
}

/*
 * The line after a WARNING: line (@k, NULL at a workload line or the
 * end) says whose the WARNING is: a WARN()'s message that a checker
 * prints (list corruption, DEBUG_LOCKS_WARN_ON) makes it that
 * checker's report, which @k then begins. Otherwise it is the kernel's
 * own: known, a finding under fault injection (fault-warning), or
 * kernel-warning as ever, in the cycle and phase it came in (nothing
 * moved them since).
 */
static void warning_resolve(struct collect *c, const char *k)
{
	const struct checks_header *h = k ? checks_header(k) : NULL;

	if (!c->warning)
		return;
	c->warning = 0;
	if (h && h->after_warning)
		return;
	if (checks_known_has(c->known, c->warning_line))
		check_item(c, fail_cycle(c, c->current), "known", "WARNING", 1,
			   c->warning_line);
	else if (c->injections > 0)
		report_open(c, NULL, c->warning_line, c->warning_soft);
	else
		kernel_fail(c, "kernel-warning", "kernel warning",
			    c->warning_line, c->warning_soft);
}

/*
 * A fault the kernel injects (WIRE_FAULT_INJECTION; with verbose=2 its
 * stack follows): open until the workload's WIRE_FAULT line for it.
 * Its site is the first LUO, KHO or memfd frame of that stack. Returns
 * 1 when @k is the injection's own line.
 */
static int injection_line(struct collect *c, const char *k)
{
	char frame[CHECKS_FRAME_MAX], fn[CHECKS_FRAME_MAX];

	if (strstr(k, WIRE_FAULT_INJECTION)) {
		c->injections++;
		c->inj_pk = c->last_pk;
		memset(&c->inj_trace, 0, sizeof(c->inj_trace));
		c->inj_reading = 1;
		c->inj_lines = 0;
		c->inj_site[0] = 0;
		return 1;
	}
	if (!c->inj_reading)
		return 0;
	c->inj_lines++;
	if (checks_trace_line(&c->inj_trace, k, frame, sizeof(frame), fn,
			      sizeof(fn)) && checks_luo_frame(fn, k)) {
		/* the function, without GCC's ".part.0", ".isra.0", ... */
		fn[strcspn(fn, ".")] = 0;
		TEXT_COPY(c->inj_site, fn);
		tally(c->sites, COLLECT_SITES, fn, frame);
		c->inj_reading = 0;
	} else if (c->inj_trace.state == CHECKS_TRACE_DONE ||
		   c->inj_lines > COLLECT_REPORT_LINES ||
		   (c->inj_trace.state == CHECKS_TRACE_BEFORE &&
		    c->inj_lines > 8)) {
		/* no LUO frame, or no stack (verbose=1) */
		if (c->inj_trace.state != CHECKS_TRACE_BEFORE)
			tally(c->sites, COLLECT_SITES, "other", "");
		c->inj_reading = 0;
	}
	return 0;
}

/* The test FLB of compatible @compat, added when new; NULL: no room. */
static struct collect_flb *flb_of(struct collect *c, const char *compat,
				  size_t n)
{
	struct collect_flb *f;
	int i;

	for (i = 0; i < c->nflb; i++)
		if (strlen(c->flb[i].compat) == n &&
		    !strncmp(c->flb[i].compat, compat, n))
			return &c->flb[i];
	if (c->nflb == COLLECT_FLBS || n >= sizeof(f->compat))
		return NULL;
	f = &c->flb[c->nflb++];
	memset(f, 0, sizeof(*f));
	snprintf(f->compat, sizeof(f->compat), "%.*s", (int)n, compat);
	return f;
}

/*
 * The end of this kernel's program: each test FLB the kernel of the
 * kexec it came up from preserved must have been found here and
 * finished (in a kernel that registered them: one without
 * LIVEUPDATE_TEST prints nothing).
 */
static void flb_check(struct collect *c)
{
	char msg[COLLECT_MSG_MAX];
	long k = c->flb_kexec;
	int i;

	if (k <= 0 || !c->flb_registered)
		return;
	for (i = 0; i < c->nflb; i++) {
		struct collect_flb *f = &c->flb[i];

		if (!f->carried || (f->found && f->finished))
			continue;
		if (!f->found)
			snprintf(msg, sizeof(msg),
				 "cycle %ld: FLB %s: preserved before kexec %ld, not found after it",
				 k, f->compat, k);
		else
			snprintf(msg, sizeof(msg),
				 "cycle %ld: FLB %s: found after kexec %ld, never finished",
				 k, f->compat, k);
		fail_as(c, k, "flb", msg, 1);
	}
}

/* Kexec @kexec leaves this kernel: what it preserved is carried. */
static void flb_kexec(struct collect *c, long kexec)
{
	int i;

	flb_check(c);
	for (i = 0; i < c->nflb; i++) {
		c->flb[i].carried = c->flb[i].live;
		c->flb[i].live = 0;
		c->flb[i].found = 0;
		c->flb[i].finished = 0;
	}
	c->flb_kexec = kexec;
	c->flb_registered = 0;
}

/*
 * A line of lib/tests/liveupdate.c, WIRE_FLB_TEST "<compat>: <what>".
 * Returns 1 when it is one of its test FLB's.
 */
static int flb_line(struct collect *c, const char *k)
{
	const char *v = text_after(k, WIRE_FLB_TEST), *e, *w;
	char msg[COLLECT_MSG_MAX], pre[32];
	struct collect_flb *f;

	if (!v)
		return 0;
	if (checks_ran(k)) {
		c->flb_registered = 1;
		return 0;
	}
	e = strstr(v, ": ");
	if (!e || e == v || memchr(v, ' ', e - v))
		return 0;
	w = e + 1;
	f = flb_of(c, v, e - v);
	if (!f)
		return 0;
	if (text_after(e, WIRE_FLB_PRESERVED)) {
		f->live = 1;
		f->preserved_n++;
	} else if (text_after(w, " unpreserve was triggered")) {
		f->live = 0;
	} else if (text_after(e, WIRE_FLB_FOUND)) {
		f->found = 1;
		f->found_n++;
	} else if (text_after(e, WIRE_FLB_FINISHED)) {
		f->finished = 1;
		f->finished_n++;
	} else if (text_after(w, " ERROR - ")) {
		f->errors_n++;
		cycle_prefix(pre, sizeof(pre), c->where.cycle);
		snprintf(msg, sizeof(msg), "%sFLB %s", pre, v);
		fail_as(c, c->current, "flb", msg, 0);
	} else {
		return 0;
	}
	return 1;
}

/* A new kernel's lines begin: what was open in the last one is over. */
static void checks_new_kernel(struct collect *c)
{
	c->report.open = 0;
	c->inj_reading = 0;
	c->injections = 0;
	c->inj_pk = -1;
	c->inj_site[0] = 0;
}

/*
 * Kernel line @k of the checks: a checker's boot line, a fault
 * injected, a test FLB's line, a line of a report open, or a report's
 * first line. Returns 1 when it is of them and nothing else.
 */
static int checks_line(struct collect *c, const char *k, int soft)
{
	const struct checks_header *h;
	const char *ran = checks_ran(k);

	if (ran)
		tally(c->ran, COLLECT_RAN, ran, k);
	if (flb_line(c, k) || injection_line(c, k))
		return 1;
	h = checks_header(k);
	/* a checker's report inside a WARNING's under injection: its own */
	if (report_feed(c, k) && !(h && !c->report.h)) {
		/* a panic within a report still panics: its cause comes after */
		return !strstr(k, "Kernel panic");
	}
	if (!h)
		return 0;
	report_open(c, h, k, soft);
	return 1;
}

static void kernel_line(struct collect *c, double host, double pk,
			const char *k)
{
	long kernel = c->kernel;
	const char *p;
	size_t i;
	int soft;

	warning_resolve(c, k);
	kernel_clock(c, pk);
	if (c->kernel != kernel)
		checks_new_kernel(c);
	snprintf(c->klast, sizeof(c->klast), "%s", k);
	p = strstr(k, MARKER_PREFIX);
	if (p) {
		c->pending_kexec = leading_number(text_after(p, MARKER_PREFIX));
		set_mark(slot(c, c->pending_kexec), MARK_KEXEC_PRINTK, pk);
		move(c, c->pending_kexec, "reboot", 0,
		     "reboot(LINUX_REBOOT_CMD_KEXEC) at %.3f s", pk);
		return;
	}
	if (strstr(k, NEW_KERNEL))
		c->kexec_started = 1;
	if (strstr(k, NEW_KERNEL) && c->pending_kexec) {
		checks_new_kernel(c);
		flb_kexec(c, c->pending_kexec);
		set_mark(slot(c, c->pending_kexec), MARK_START_PRINTK, pk);
		if (host >= 0)
			set_mark(slot(c, c->pending_kexec), MARK_START_HOST, host);
		move(c, c->pending_kexec, "handover", 0,
		     "'" NEW_KERNEL "' at %.3f s, no line from the new kernel yet",
		     pk);
		return;
	}
	if (c->pending_kexec)
		new_kernel_line(c, host, pk);
	if (kernel_fact(c, k))
		return;
	for (i = 0; i < ARRAY_SIZE(kprobe_marks); i++) {
		long cycle;

		if (!strstr(k, kprobe_marks[i].event))
			continue;
		/* freeze runs in the kexec under way, if one is */
		cycle = kprobe_marks[i].in_kexec && c->pending_kexec ?
			c->pending_kexec : c->current;
		set_mark(slot(c, cycle), kprobe_marks[i].mark, pk);
		move(c, cycle, kprobe_marks[i].phase, kprobe_marks[i].open_call,
		     "%s at %.3f s", kprobe_marks[i].says, pk);
		return;
	}
	soft = design_line(c, k);
	if (checks_line(c, k, soft))
		return;
	for (i = 0; i < ARRAY_SIZE(kernel_trouble); i++) {
		if (!strstr(k, kernel_trouble[i].text))
			continue;
		if (strcmp(kernel_trouble[i].text, "WARNING:")) {
			kernel_fail(c, kernel_trouble[i].cause,
				    kernel_trouble[i].what, k, soft);
			return;
		}
		/* whose it is the next line says (warning_resolve) */
		c->warning = 1;
		c->warning_soft = soft;
		TEXT_COPY(c->warning_line, k);
		return;
	}
	if ((text_after(k, "liveupdate") || text_after(k, "luo") ||
	     text_after(k, "KHO") || text_after(k, "kexec_handover")) &&
	    (strcasestr(k, "fail") || strcasestr(k, "error") ||
	     strcasestr(k, "disabl"))) {
		/*
		 * what the kernel says of a fault injected is expected: while
		 * one is open, or printed right after one (the console can
		 * write the workload's WIRE_FAULT line, which closes it,
		 * before the kernel's lines of the same call)
		 */
		if (c->injections > 0 ||
		    (c->inj_pk >= 0 && pk >= c->inj_pk &&
		     pk - c->inj_pk <= INJECTION_ECHO_S))
			tally(&c->expected, 1, "LUO/KHO error", k);
		else
			kernel_fail(c, "kernel-warning", "LUO/KHO error", k,
				    soft);
	}
}

/* KEXEC_PREFIX "N of M": the workload is about to reboot into N. */
static void kexec_line(struct collect *c, double host, const char *v)
{
	long n = leading_number(v);

	if (host >= 0)
		set_mark(slot(c, n), MARK_KEXEC_HOST, host);
	c->current = n;
	move(c, n, "reboot", 0, "'" KEXEC_PREFIX "%ld', the workload's last line", n);
}

/* Init started in a new kernel: the pending kexec's cycle is restored. */
static void init_start(struct collect *c, double host)
{
	c->kernels++;
	c->init_started = 1;
	c->booting = 0;
	move(c, c->pending_kexec ? c->pending_kexec : c->current, "init", 0,
	     "init started in kernel %ld", c->kernels);
	if (!c->pending_kexec)
		return;
	set_mark(slot(c, c->pending_kexec), MARK_INIT_HOST, host);
	c->current = c->pending_kexec;
	c->pending_kexec = 0;
	/* earlier cycles are complete: out they go */
	flush_below(c, c->current);
}

static void init_done(struct collect *c, const char *t, const char *rc)
{
	long n = leading_number(rc);

	c->done_seen = 1;
	if (n && !c->done_rc)
		c->done_rc = n;
	if (n && !c->final_msg[0])
		snprintf(c->final_msg, sizeof(c->final_msg), "%s", t);
}

/* A failed test fails its cycle; the passed verify test restores it. */
static void ktap_line(struct collect *c, const char *t,
		      const struct ktap_result *kr)
{
	const char *cause = "luo-call";
	struct collect_cycle *cy;
	size_t i;

	if (!kr->ok) {
		for (i = 0; i < ARRAY_SIZE(test_causes); i++)
			if (!strcmp(kr->name, test_causes[i].test))
				cause = test_causes[i].cause;
		workload_fail(c, cause, t);
	} else if (!declined(c)) {
		/* after a decline the program prepares no next cycle */
		for (i = 0; i < ARRAY_SIZE(test_next); i++)
			if (!strcmp(kr->name, test_next[i].test))
				/* kernel N prepares cycle N */
				move(c, c->kernels, test_next[i].next, 0,
				     "'%s' done", kr->name);
	}
	if (kr->ok && !kr->skip && !strcmp(kr->name, VERIFY_TEST)) {
		cy = slot(c, c->current);
		if (cy)
			cy->restored = 1;
	}
}

/* The cause of a FAIL_PREFIX "<what>: ..." line (@v after the prefix). */
static const char *fail_cause(const char *v)
{
	size_t i, n = strcspn(v, ":");

	/*
	 * the kernel refused to load the next image or to reboot into it:
	 * the kernel's failure, not our setup's ("kexec_file_load: no
	 * image ..." is ours: an image missing from the --kernel list)
	 */
	if (text_after(v, "kexec_file_load ") || text_after(v, "reboot(RB_KEXEC):"))
		return "kexec";

	for (i = 0; i < ARRAY_SIZE(fail_causes); i++)
		if (strlen(fail_causes[i].what) == n &&
		    !strncmp(v, fail_causes[i].what, n))
			return fail_causes[i].cause;
	return "infrastructure";	/* our own steps: build, load, reboot */
}

/*
 * A PROGRESS_PREFIX "N: <phase>, ..." line (@v after the prefix): the
 * run moves to cycle N and the phase it names (NULL if none of ours).
 */
static void progress_line(struct collect *c, const char *v)
{
	static const char *const phases[] = {
		"populate", "preserve", "retrieve", "verify",
	};
	const char *what = v + strcspn(v, ": "), *phase = NULL;
	long n;
	size_t i;

	if (text_parse_long(v, what, &n))
		n = 0;
	what += strspn(what, ": ");
	for (i = 0; i < ARRAY_SIZE(phases); i++)
		if (text_after(what, phases[i]))
			phase = phases[i];
	move(c, n, phase, 0, "last progress: %s", *what ? what : v);
}

/*
 * WIRE_KERNEL "cycle=N release=R ...": the kernel kexec N came up into;
 * N 0 (a kexec that did not say) is the kernel whose lines come now.
 */
static void kernel_says(struct collect *c, const char *v)
{
	struct collect_kernel *kf;
	struct collect_cycle *cy;
	char n[24], rel[COLLECT_RELEASE_MAX];
	long cycle = 0;

	if ((!text_kv_get(v, "cycle", n, sizeof(n)) &&
	     text_parse_long(n, NULL, &cycle)) || cycle < 0 ||
	    cycle > 1000000 ||
	    text_kv_get(v, "release", rel, sizeof(rel))) {
		c->malformed++;
		return;
	}
	if (!cycle)
		cycle = c->kernel;
	kf = kernel_facts(c, cycle, 1);
	snprintf(kf->release, sizeof(kf->release), "%s", rel);
	cy = slot(c, cycle);
	if (cy)
		cy->entered = 1;
}

/*
 * WIRE_HANDOVER "cycle=N outcome=O [errno=E kernel="<line>"]" (@t the
 * line, @v after the prefix): what kernel N made of the state.
 */
static void handover_line(struct collect *c, const char *t, const char *v)
{
	struct collect_cycle *cy;
	char n[24], o[16];
	const char *k, *end;
	long cycle;

	if (text_kv_get(v, "cycle", n, sizeof(n)) ||
	    text_parse_long(n, NULL, &cycle) || cycle <= 0 ||
	    cycle > 1000000 || text_kv_get(v, "outcome", o, sizeof(o))) {
		c->malformed++;
		return;
	}
	cy = slot(c, cycle);
	snprintf(cy->handover, sizeof(cy->handover), "%s", o);
	k = strstr(v, " kernel=\"");
	end = k ? strrchr(k, '"') : NULL;
	/* the kernel's own line, else the workload's */
	if (cy->detail_kernel)
		return;
	cy->detail_kernel = k && end > k + 9;
	if (cy->detail_kernel)
		snprintf(cy->detail, sizeof(cy->detail), "%.*s",
			 (int)(end - k - 9), k + 9);
	else
		snprintf(cy->detail, sizeof(cy->detail), "%s", t);
}

/*
 * The kmemleak leak being read ends: one with a LUO, KHO or memfd frame
 * in its backtrace fails its cycle (cause checker), the others are
 * counted only.
 */
static void kmemleak_leak_end(struct collect *c)
{
	char msg[COLLECT_MSG_MAX], pre[32];
	long cycle = c->kml.cycle;
	int i;
	size_t n;

	if (!c->kml.leak)
		return;
	c->kml.leak = 0;
	if (!c->kml.luo_at)
		return;
	c->kml.luo++;
	/* a cycle gone out already: the one the run is in */
	if (cycle <= c->last_cycle)
		cycle = c->current;
	cycle_prefix(pre, sizeof(pre), fail_cycle(c, cycle));
	n = cut_to_n(msg, sizeof(msg), "%skmemleak (%s scan): %s |", pre,
		     c->kml.scan, c->kml.object);
	for (i = 0; i < c->kml.luo_at && n < sizeof(msg); i++)
		n += snprintf(msg + n, sizeof(msg) - n, " %s",
			      c->kml.frames[i]);
	check_item(c, fail_cycle(c, cycle), "checker", "kmemleak", 1,
		   c->kml.object);
	fail_as(c, cycle, "checker", msg, 0);
}

/* The kmemleak scan being read ends: its row of the checks. */
static void kmemleak_end(struct collect *c)
{
	char luo[24];

	if (!c->kml.open)
		return;
	kmemleak_leak_end(c);
	c->kml.open = 0;
	snprintf(luo, sizeof(luo), "%ld", c->kml.luo);
	check_item(c, c->kml.cycle, "kmemleak_scan", c->kml.scan,
		   c->kml.leaks, luo);
}

/*
 * WIRE_KMEMLEAK "cycle=N scan=S leaks=K" (@v after the prefix), then
 * the scan's report, "cycle=N | <line>": "unreferenced object ...",
 * and its backtrace's frames.
 */
static void kmemleak_line(struct collect *c, const char *v)
{
	char n[24], frame[CHECKS_FRAME_MAX], fn[CHECKS_FRAME_MAX];
	const char *line = strstr(v, " | ");
	long cycle, leaks;

	if (text_kv_get(v, "cycle", n, sizeof(n)) ||
	    text_parse_long(n, NULL, &cycle) || cycle < 0 || cycle > 1000000) {
		c->malformed++;
		return;
	}
	if (!line) {
		kmemleak_end(c);
		/* "scan=S unavailable: <why>": no scan to count */
		if (strstr(v, " unavailable: "))
			return;
		if (text_kv_get(v, "scan", c->kml.scan, sizeof(c->kml.scan)) ||
		    text_kv_get(v, "leaks", n, sizeof(n)) ||
		    text_parse_long(n, NULL, &leaks)) {
			c->malformed++;
			return;
		}
		c->kml.open = 1;
		c->kml.cycle = cycle;
		c->kml.leaks = leaks;
		c->kml.luo = 0;
		return;
	}
	line += 3;
	if (!c->kml.open)
		return;
	if (text_after(line, "unreferenced object")) {
		kmemleak_leak_end(c);
		c->kml.leak = 1;
		c->kml.luo_at = 0;
		TEXT_COPY(c->kml.object, line);
		return;
	}
	if (!c->kml.leak || c->kml.luo_at >= COLLECT_FRAMES ||
	    !checks_frame(line, frame, sizeof(frame), fn, sizeof(fn)) ||
	    (!c->kml.luo_at && !checks_luo_frame(fn, line)))
		return;
	TEXT_COPY(c->kml.frames[c->kml.luo_at], frame);
	c->kml.luo_at++;
}

/*
 * WIRE_FAULT "cycle=N call=C ..." (@v after the prefix): the workload
 * says which call the fault was injected into: the injection is over,
 * and a WARNING it caused names that call.
 */
static void fault_line(struct collect *c, const char *v)
{
	struct collect_report *r = &c->report;
	char call[sizeof(r->call)];

	if (c->injections > 0)
		c->injections--;
	if (text_kv_get(v, "call", call, sizeof(call)))
		return;
	if (!r->h && r->cycle >= 0 && !r->call[0]) {
		TEXT_COPY(r->call, call);
		report_update(c);
	}
}

/*
 * WIRE_FAULTS (@v after the prefix): a call's faults of a cycle,
 * "cycle=N call=C injected=K failed=F errnos=E,... retried=R"; or
 * "cycle=N finding: call=C returned E, ... (known: ...)", an errno LUO
 * does not document that is a known finding; or "cycle=N lost=K files
 * ...", the files whose retrieve failed as injected. A row each.
 */
static void faults_line(struct collect *c, const char *v)
{
	char n[24], call[64], inj[24], errnos[COLLECT_MSG_MAX];
	const char *finding = strstr(v, " finding: ");
	long cycle, count;

	if (text_kv_get(v, "cycle", n, sizeof(n)) ||
	    text_parse_long(n, NULL, &cycle)) {
		c->malformed++;
		return;
	}
	if (text_kv_get(v, "call", call, sizeof(call)))
		call[0] = 0;
	if (finding) {
		check_item(c, cycle, "fault_finding", call, 1, finding + 10);
	} else if (!text_kv_get(v, "lost", n, sizeof(n)) &&
		   !text_parse_long(n, NULL, &count)) {
		check_item(c, cycle, "fault_lost", "retrieve_fd", count, "");
	} else if (call[0] && !text_kv_get(v, "injected", inj, sizeof(inj)) &&
		   !text_parse_long(inj, NULL, &count)) {
		if (text_kv_get(v, "errnos", errnos, sizeof(errnos)) ||
		    !strcmp(errnos, "-"))
			errnos[0] = 0;
		check_item(c, cycle, "fault", call, count, errnos);
	} else {
		c->malformed++;
	}
}

/* The run's items of the checks, at its end. */
static void checks_finish(struct collect *c)
{
	char d[COLLECT_MSG_MAX];
	int i;

	for (i = 0; i < COLLECT_RAN && c->ran[i].count; i++)
		check_item(c, -1, "checker_ran", c->ran[i].name,
			   c->ran[i].count, c->ran[i].detail);
	for (i = 0; i < COLLECT_SITES && c->sites[i].count; i++)
		check_item(c, -1, "fault_site", c->sites[i].name,
			   c->sites[i].count, c->sites[i].detail);
	for (i = 0; i < c->nflb; i++) {
		snprintf(d, sizeof(d), "preserved=%ld found=%ld finished=%ld errors=%ld",
			 c->flb[i].preserved_n, c->flb[i].found_n,
			 c->flb[i].finished_n, c->flb[i].errors_n);
		check_item(c, -1, "flb", c->flb[i].compat,
			   c->flb[i].preserved_n, d);
	}
	if (c->expected.count)
		check_item(c, -1, "fault_expected", c->expected.name,
			   c->expected.count, c->expected.detail);
}

static void text_line(struct collect *c, double host, const char *t)
{
	struct ktap_result kr;
	const char *v;
	size_t i;

	warning_resolve(c, NULL);
	if (c->kml.open && !text_after(t, WIRE_KMEMLEAK))
		kmemleak_end(c);
	if (c->sink.text)
		c->sink.text(c->sink.ctx, t);
	if (text_after(t, METRIC_PREFIX)) {
		metric_line(c, t);
		return;
	}
	v = text_after(t, KEXEC_PREFIX);
	if (v) {
		kexec_line(c, host, v);
		return;
	}
	if (text_after(t, INIT_START)) {
		init_start(c, host);
		return;
	}
	v = text_after(t, INIT_DONE);
	if (v) {
		init_done(c, t, v);
		return;
	}
	if (!text_ktap_result(t, &kr)) {
		ktap_line(c, t, &kr);
		return;
	}
	v = text_after(t, PROGRESS_PREFIX);
	if (v) {
		progress_line(c, v);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(record_lines); i++) {
		v = text_after(t, record_lines[i].prefix);
		if (!v)
			continue;
		if (c->sink.record)
			c->sink.record(c->sink.ctx, record_lines[i].kind,
				       leading_number(v), t);
		return;
	}
	v = text_after(t, FAIL_PREFIX);
	if (v) {
		workload_fail(c, fail_cause(v), t);
		return;
	}
	v = text_after(t, WIRE_KMEMLEAK);
	if (v) {
		kmemleak_line(c, v);
		return;
	}
	v = text_after(t, WIRE_FAULT);
	if (v) {
		fault_line(c, v);
		return;
	}
	v = text_after(t, WIRE_FAULTS);
	if (v) {
		faults_line(c, v);
		return;
	}
	v = text_after(t, WIRE_KERNEL);
	if (v) {
		kernel_says(c, v);
		return;
	}
	v = text_after(t, WIRE_HANDOVER);
	if (v) {
		handover_line(c, t, v);
		return;
	}
	if (text_after(t, "Bail out!"))
		workload_fail(c, "infrastructure", t);
	else if (text_after(t, PROGRAM_ERROR) && !c->final_msg[0]) {
		/* the program's own reason, ahead of INIT_DONE */
		snprintf(c->final_msg, sizeof(c->final_msg), "%s", t);
		snprintf(c->final_cause, sizeof(c->final_cause), "infrastructure");
	}
}

/*
 * A kernel line "[ 12.345678] message" at @s: its printk time into @t
 * and the message, or NULL when @s does not start with one.
 */
static const char *printk_line(const char *s, double *t)
{
	const char *p = text_after(s, "["), *q;

	if (!p)
		return NULL;
	p += strspn(p, " ");
	q = strchr(p, ']');
	if (!q || text_parse_double(p, q, t))
		return NULL;
	return text_after(q, "] ");
}

/*
 * Where a kernel line starts inside @t (not at 0): the console
 * interleaves printk output into a user line that has not written its
 * newline yet. Returns the offset or 0.
 */
static size_t printk_inside(const char *t)
{
	const char *p = t;
	double pk;

	while ((p = strchr(p + 1, '[')))
		if (printk_line(p, &pk))
			return p - t;
	return 0;
}

static void dispatch(struct collect *c, double host, char *text)
{
	const char *msg;
	double pk;
	size_t at;

	/*
	 * "[ seconds.micros] text" is the kernel's; a "[" not followed by
	 * such a time is console text, e.g. "[6n" (a terminal query whose
	 * ESC a LAVA server strips from the log it stores).
	 */
	if (text[0] == '[') {
		msg = printk_line(text, &pk);
		if (msg) {
			kernel_line(c, host, pk, msg);
			return;
		}
		text_line(c, host, text);
		return;
	}
	at = printk_inside(text);
	if (at) {
		/* user text first, then the kernel line that broke into it */
		text[at] = 0;
		text_line(c, host, text);
		text[at] = '[';
		dispatch(c, host, text + at);
		return;
	}
	text_line(c, host, text);
}

void parse_serial_line(struct collect *c, const char *line, size_t len)
{
	char buf[COLLECT_LINE_MAX], *sep;
	double host;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = 0;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = 0;
	c->lines++;
	/* "<host seconds> <console text>" */
	sep = strchr(buf, ' ');
	if (!sep || text_parse_double(buf, sep, &host)) {
		c->malformed++;
		return;
	}
	dispatch(c, host, sep + 1);
}

/*
 * The log ended before init's "done" line: say where the run stopped,
 * on the cycle it stopped in.
 */
static void stopped(struct collect *c)
{
	const struct collect_where *w = &c->where;
	long cycle = w->cycle ? w->cycle : c->current;
	struct collect_cycle *cy = slot(c, cycle);
	char *dst = cy ? cy->msg : c->final_msg;
	char *why = cy ? cy->cause : c->final_cause;
	size_t n = cy ? sizeof(cy->msg) : sizeof(c->final_msg);
	const char *phase = w->phase ? w->phase : "boot";
	char pre[32], how[64] = "";
	int in_new = c->table && cy && cycle == c->pending_kexec &&
		(!strcmp(phase, "handover") || !strcmp(phase, "boot"));

	if (cy && !cy->hard)
		cy->stopped = c->watchdog_s ? "hang" : "guest-died";
	if (cy && cy->failed)
		return;		/* a panic, say, already said why */
	cycle_prefix(pre, sizeof(pre), cycle);
	if (c->watchdog_s)
		snprintf(how, sizeof(how), "%s%ld s without progress",
			 in_new ? " (" : "; ", c->watchdog_s);
	if (in_new && !strcmp(phase, "handover"))
		snprintf(dst, n, "%s%s in handover, before the new kernel printed anything%s%s",
			 pre, c->watchdog_s ? "hung" : "guest died", how,
			 how[0] ? ")" : "");
	else if (in_new)
		snprintf(dst, n, "%s%s in boot, after its last line \"%s\"%s%s",
			 pre, c->watchdog_s ? "hung" : "guest died", c->klast,
			 how, how[0] ? ")" : "");
	else
		snprintf(dst, n, "%s%s in %s (%s%s%s)", pre,
		 c->watchdog_s ? "hung" : "guest died", phase,
		 w->mark[0] ? w->mark : "no line of ours yet",
		 w->open_call ? ", not returned" : "", how);
	snprintf(why, sizeof(cy->cause), "%s",
		 c->watchdog_s ? "hang" : "guest-died");
}

void parse_run_status(struct collect *c, const char *status,
		      const char *cause, const char *msg)
{
	struct collect_cycle cy;
	struct collect_row st;

	memset(&cy, 0, sizeof(cy));
	cy.failed = !strcmp(status, "fail");
	snprintf(cy.cause, sizeof(cy.cause), "%s", cause);
	snprintf(cy.msg, sizeof(cy.msg), "%s", msg);
	kexec_kernels(c, &cy, 1);
	cy.outcome = "";	/* kexec 1 never began */
	transition_msg(c, &cy);
	memset(&st, 0, sizeof(st));
	snprintf(st.phase, sizeof(st.phase), "%s", "status");
	c->sink.row(c->sink.ctx, &cy, &st, status);
}

int parse_finish(struct collect *c)
{
	int ret = 0;

	warning_resolve(c, NULL);
	c->report.open = 0;
	kmemleak_end(c);
	if (c->done_seen)
		flb_check(c);
	else
		stopped(c);
	flush_below(c, 0);
	c->ended = 1;
	/* a designed decline ends the run: the program exits 1, or panics */
	c->declined = c->declined_cycle &&
		c->declined_cycle == c->last_cycle;
	if (c->failed_cycles || c->done_rc < 0 ||
	    (c->done_rc && !c->declined))
		ret = 1;
	else if (c->incomplete_cycles || (!c->done_seen && !c->declined))
		ret = 2;
	/* a run whose status no cycle's row carries has a row of its own */
	if ((ret == 1 && !c->failed_cycles) ||
	    (ret == 2 && !c->incomplete_cycles))
		parse_run_status(c, ret == 1 ? "fail" : "incomplete",
				 c->final_cause, c->final_msg[0] ?
				 c->final_msg : COLLECT_NO_END);
	checks_finish(c);
	return ret;
}

int parse_phase_entered(const struct collect_cycle *cy, const char *phase)
{
	size_t i;

	if (!strcmp(phase, "status"))
		return cy->entered;
	for (i = 0; i < ARRAY_SIZE(left_side); i++)
		if (!strcmp(phase, left_side[i]))
			return 0;
	return 1;
}
