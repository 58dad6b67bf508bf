// SPDX-License-Identifier: GPL-2.0
/*
 * The log parser of luo-collect (see collect.h). It recognises:
 *   "# metric: cycle=N phase=P value=V unit=U method=M <labels>"
 *   "# kexec: cycle N of M"            workload, just before reboot()
 *   "[ t] luo-stress: kexec cycle=N"   kernel log marker of that reboot
 *   "[ t] kexec_core: Starting new kernel"
 *   "luo-stress-init: start", "luo-stress-init: done rc=N"
 *   KTAP results by test name (the cycle is verified when the test named
 *   "verify" passes), "# FAIL ...", "error: ..." and kernel trouble
 *   (WARNING:, BUG:, Oops, panics, OOM kills, LUO/KHO errors).
 * It derives freeze (printk, marker to "Starting new kernel") and
 * blackout (host clock, "# kexec:" line to the next init start).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "text.h"

/* The lines it recognises, as the programs print them. */
#define METRIC_PREFIX	"# metric: "
#define KEXEC_PREFIX	"# kexec: cycle "	/* workload, before reboot() */
#define MARKER_PREFIX	"luo-stress: kexec cycle="	/* kernel log marker */
#define NEW_KERNEL	"Starting new kernel"
#define INIT_START	"luo-stress-init: start"
#define INIT_DONE	"luo-stress-init: done rc="
#define VERIFY_TEST	"verify"	/* KTAP test proving a cycle restored */
#define PROGRAM_ERROR	"error: "	/* a program refusing its options */

static const char *const preserve_side[] = {
	"create", "populate", "preserve", "kexec_load", NULL,
};

/*
 * The kprobe events the runner puts on the kernel command line
 * (scripts/board.sh, LUO_KPROBE_EVENTS), as tp_printk prints them.
 */
static const struct {
	const char *event;
	enum mark mark;
	int in_kexec;		/* belongs to the kexec under way */
} kprobe_marks[] = {
	{ "luo_reboot_in: (", MARK_REBOOT_IN, 1 },
	{ "luo_reboot_out: (", MARK_REBOOT_OUT, 1 },
	{ "luo_deser_in: (", MARK_DESER_IN, 0 },
	{ "luo_deser_out: (", MARK_DESER_OUT, 0 },
};

static const char *const kernel_trouble[] = {
	"WARNING:", "BUG:", "Oops", "Kernel panic", "general protection fault",
	"invoked oom-killer", "Out of memory:", "kernel BUG", NULL,
};

void collect_init(struct collect *c, const struct collect_sink *sink)
{
	memset(c, 0, sizeof(*c));
	c->sink = *sink;
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
}

static void emit(struct collect *c, struct collect_cycle *cy)
{
	const char *status;
	struct collect_row st;
	int i;

	derive(cy);
	status = cy->failed ? "fail" : cy->restored ? "pass" : "incomplete";
	if (cy->failed) {
		c->failed_cycles++;
	} else if (!cy->restored) {
		c->incomplete_cycles++;
		snprintf(cy->msg, sizeof(cy->msg),
			 "log ends before cycle %ld was verified", cy->cycle);
	}
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

static void fail(struct collect *c, long cycle, const char *msg)
{
	struct collect_cycle *cy = slot(c, cycle);
	char *dst = cy ? cy->msg : c->final_msg;
	size_t n = cy ? sizeof(cy->msg) : sizeof(c->final_msg);

	if (cy)
		cy->failed = 1;
	else
		c->done_rc = c->done_rc ? c->done_rc : -1;
	if (!dst[0])
		snprintf(dst, n, "%s", msg);
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
	if (kv_get(text, "cycle", cyc, sizeof(cyc)) ||
	    parse_long(cyc, NULL, &cycle) ||
	    kv_get(text, "phase", r.phase, sizeof(r.phase)) ||
	    kv_get(text, "value", r.value, sizeof(r.value)) ||
	    parse_double(r.value, NULL, &value) ||
	    kv_get(text, "unit", r.unit, sizeof(r.unit)) ||
	    kv_get(text, "method", r.method, sizeof(r.method)) || !labels ||
	    strlen(labels + 1) >= sizeof(r.labels) ||
	    kv_get(labels, "file_blocks", blocks, sizeof(blocks)) ||
	    parse_long(blocks, NULL, &nblocks)) {
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

	return parse_long(s, s + strcspn(s, " "), &n) ? 0 : n;
}

static void kernel_line(struct collect *c, double pk, const char *k)
{
	char msg[COLLECT_MSG_MAX];
	const char *p;
	size_t i;

	p = strstr(k, MARKER_PREFIX);
	if (p) {
		c->pending_kexec = leading_number(after(p, MARKER_PREFIX));
		set_mark(slot(c, c->pending_kexec), MARK_KEXEC_PRINTK, pk);
		return;
	}
	if (strstr(k, NEW_KERNEL) && c->pending_kexec) {
		set_mark(slot(c, c->pending_kexec), MARK_START_PRINTK, pk);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(kprobe_marks); i++) {
		if (!strstr(k, kprobe_marks[i].event))
			continue;
		/* freeze runs in the kexec under way, if one is */
		set_mark(slot(c, kprobe_marks[i].in_kexec && c->pending_kexec ?
			      c->pending_kexec : c->current),
			 kprobe_marks[i].mark, pk);
		return;
	}
	for (i = 0; kernel_trouble[i]; i++) {
		if (strstr(k, kernel_trouble[i])) {
			snprintf(msg, sizeof(msg), "kernel: %s", k);
			fail(c, c->current, msg);
			return;
		}
	}
	if ((after(k, "liveupdate") || after(k, "luo") ||
	     after(k, "KHO") || after(k, "kexec_handover")) &&
	    (strcasestr(k, "fail") || strcasestr(k, "error") ||
	     strcasestr(k, "disabl"))) {
		snprintf(msg, sizeof(msg), "kernel: %s", k);
		fail(c, c->current, msg);
	}
}

/* "# kexec: cycle N of M": the workload is about to reboot into N. */
static void kexec_line(struct collect *c, double host, const char *v)
{
	long n = leading_number(v);

	if (host >= 0)
		set_mark(slot(c, n), MARK_KEXEC_HOST, host);
	c->current = n;
}

/* Init started in a new kernel: the pending kexec's cycle is restored. */
static void init_start(struct collect *c, double host)
{
	c->kernels++;
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
	struct collect_cycle *cy;

	if (!kr->ok) {
		fail(c, c->current, t);
	} else if (!kr->skip && !strcmp(kr->name, VERIFY_TEST)) {
		cy = slot(c, c->current);
		if (cy)
			cy->restored = 1;
	}
}

static void text_line(struct collect *c, double host, const char *t)
{
	struct ktap_result kr;
	const char *v;

	if (after(t, METRIC_PREFIX)) {
		metric_line(c, t);
		return;
	}
	v = after(t, KEXEC_PREFIX);
	if (v) {
		kexec_line(c, host, v);
		return;
	}
	if (after(t, INIT_START)) {
		init_start(c, host);
		return;
	}
	v = after(t, INIT_DONE);
	if (v) {
		init_done(c, t, v);
		return;
	}
	if (!ktap_result(t, &kr)) {
		ktap_line(c, t, &kr);
		return;
	}
	if (after(t, "# FAIL") || after(t, "Bail out!"))
		fail(c, c->current, t);
	else if (after(t, PROGRAM_ERROR) && !c->final_msg[0])
		/* the program's own reason, ahead of init's "done rc=" */
		snprintf(c->final_msg, sizeof(c->final_msg), "%s", t);
}

/*
 * A kernel line "[ 12.345678] message" at @s: its printk time into @t
 * and the message, or NULL when @s does not start with one.
 */
static const char *printk_line(const char *s, double *t)
{
	const char *p = after(s, "["), *q;

	if (!p)
		return NULL;
	p += strspn(p, " ");
	q = strchr(p, ']');
	if (!q || parse_double(p, q, t))
		return NULL;
	return after(q, "] ");
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

	if (text[0] == '[') {
		msg = printk_line(text, &pk);
		if (msg)
			kernel_line(c, pk, msg);
		else
			c->malformed++;
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

void collect_serial_line(struct collect *c, const char *line, size_t len)
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
	if (!sep || parse_double(buf, sep, &host)) {
		c->malformed++;
		return;
	}
	dispatch(c, host, sep + 1);
}

int collect_finish(struct collect *c)
{
	flush_below(c, 0);
	c->ended = 1;
	if (c->failed_cycles || c->done_rc)
		return 1;
	if (c->incomplete_cycles || !c->done_seen)
		return 2;
	return 0;
}
