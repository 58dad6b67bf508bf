// SPDX-License-Identifier: GPL-2.0
/*
 * The log parser of luo-collect (see collect.h). It recognises:
 *   "# metric: cycle=N phase=P value=V unit=U method=M <labels>"
 *   "# kexec: cycle N of M"            workload, just before reboot()
 *   "[ t] luo-stress: kexec cycle=N"   kernel log marker of that reboot
 *   "[ t] kexec_core: Starting new kernel"
 *   "luo-stress-init: start", "luo-stress-init: done rc=N"
 *   KTAP "ok 2 verify", "not ok ...", "# FAIL ..." and kernel trouble
 *   (WARNING:, BUG:, Oops, panics, OOM kills, LUO/KHO errors).
 * It derives freeze (printk, marker to "Starting new kernel") and
 * blackout (host clock, "# kexec:" line to the next init start).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"

static const char *const preserve_side[] = {
	"create", "populate", "preserve", "kexec_load", NULL,
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

/*
 * Add a row for the interval @from..@to (seconds) when both ends were
 * seen in order. Returns 1 when the row was added.
 */
static int add_interval(struct collect_cycle *cy, const char *phase,
			const char *method, int seen, double from, double to)
{
	struct collect_row r;

	if (!seen || to < from)
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
	int marks = cy->have_kexec_printk && cy->have_start_printk;

	add_interval(cy, "reboot", "printk_marker", marks, cy->kexec_printk,
		     cy->start_printk);
	/* without kprobe events the whole reboot bounds the freeze */
	if (!add_interval(cy, "freeze", "kretprobe",
			  cy->have_reboot_in && cy->have_reboot_out,
			  cy->reboot_in, cy->reboot_out))
		add_interval(cy, "freeze", "printk_marker", marks,
			     cy->kexec_printk, cy->start_printk);
	add_interval(cy, "deserialize", "kretprobe",
		     cy->have_deser_in && cy->have_deser_out, cy->deser_in,
		     cy->deser_out);
	add_interval(cy, "blackout", "host_serial",
		     cy->have_kexec_host && cy->have_init_host, cy->kexec_host,
		     cy->init_host);
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

/* Value of @key in "k=v k=v" @s into @out; 0 when found. */
static int field(const char *s, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = s;

	while ((p = strstr(p, key))) {
		if ((p == s || p[-1] == ' ') && p[klen] == '=') {
			p += klen + 1;
			n = strcspn(p, " ");
			if (!n || n >= size)
				return -1;
			memcpy(out, p, n);
			out[n] = 0;
			return 0;
		}
		p += klen;
	}
	return -1;
}

static int is_number(const char *s, int allow_dot)
{
	int digits = 0, dots = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s == '.' && allow_dot && !dots)
			dots++;
		else if (!(*s == '-' && allow_dot == 2))
			return 0;
	}
	return digits > 0;
}

static void metric_line(struct collect *c, const char *text)
{
	struct collect_row r;
	char cyc[24], blocks[24];
	const char *labels;
	long cycle;
	int i;

	memset(&r, 0, sizeof(r));
	labels = strstr(text, " sessions=");
	if (field(text, "cycle", cyc, sizeof(cyc)) || !is_number(cyc, 0) ||
	    field(text, "phase", r.phase, sizeof(r.phase)) ||
	    field(text, "value", r.value, sizeof(r.value)) ||
	    !is_number(r.value, 1) ||
	    field(text, "unit", r.unit, sizeof(r.unit)) ||
	    field(text, "method", r.method, sizeof(r.method)) || !labels ||
	    strlen(labels + 1) >= sizeof(r.labels) ||
	    field(labels, "file_blocks", blocks, sizeof(blocks)) ||
	    !is_number(blocks, 2)) {
		c->malformed++;
		return;
	}
	snprintf(r.labels, sizeof(r.labels), "%s", labels + 1);
	cycle = atol(cyc);
	if (cycle <= 0 || cycle > 1000000) {
		c->malformed++;
		return;
	}
	for (i = 0; preserve_side[i]; i++)
		if (!strcmp(r.phase, preserve_side[i]))
			c->current = cycle;
	add_row(slot(c, cycle), &r);
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void kernel_line(struct collect *c, double pk, const char *k)
{
	struct collect_cycle *cy;
	const char *p;
	char msg[COLLECT_MSG_MAX];
	int i;

	p = strstr(k, "luo-stress: kexec cycle=");
	if (p) {
		c->pending_kexec = atol(p + 24);
		cy = slot(c, c->pending_kexec);
		if (cy) {
			cy->kexec_printk = pk;
			cy->have_kexec_printk = 1;
		}
		return;
	}
	if (strstr(k, "Starting new kernel") && c->pending_kexec) {
		cy = slot(c, c->pending_kexec);
		if (cy) {
			cy->start_printk = pk;
			cy->have_start_printk = 1;
		}
		return;
	}
	/* kprobe events printed by tp_printk (see boards/run-qemu.sh) */
	cy = slot(c, c->pending_kexec ? c->pending_kexec : c->current);
	if (cy && strstr(k, "luo_reboot_in: (")) {
		cy->reboot_in = pk;
		cy->have_reboot_in = 1;
		return;
	}
	if (cy && strstr(k, "luo_reboot_out: (")) {
		cy->reboot_out = pk;
		cy->have_reboot_out = 1;
		return;
	}
	cy = slot(c, c->current);
	if (cy && strstr(k, "luo_deser_in: (")) {
		cy->deser_in = pk;
		cy->have_deser_in = 1;
		return;
	}
	if (cy && strstr(k, "luo_deser_out: (")) {
		cy->deser_out = pk;
		cy->have_deser_out = 1;
		return;
	}
	for (i = 0; kernel_trouble[i]; i++) {
		if (strstr(k, kernel_trouble[i])) {
			snprintf(msg, sizeof(msg), "kernel: %s", k);
			fail(c, c->current, msg);
			return;
		}
	}
	if ((starts(k, "liveupdate") || starts(k, "luo") ||
	     starts(k, "KHO") || starts(k, "kexec_handover")) &&
	    (strcasestr(k, "fail") || strcasestr(k, "error") ||
	     strcasestr(k, "disabl"))) {
		snprintf(msg, sizeof(msg), "kernel: %s", k);
		fail(c, c->current, msg);
	}
}

static void text_line(struct collect *c, double host, const char *t)
{
	struct collect_cycle *cy;
	long n;

	if (starts(t, "# metric: ")) {
		metric_line(c, t);
	} else if (starts(t, "# kexec: cycle ")) {
		n = atol(t + 15);
		cy = slot(c, n);
		if (cy && host >= 0) {
			cy->kexec_host = host;
			cy->have_kexec_host = 1;
		}
		c->current = n;
	} else if (starts(t, "luo-stress-init: start")) {
		c->kernels++;
		if (c->pending_kexec) {
			cy = slot(c, c->pending_kexec);
			if (cy) {
				cy->init_host = host;
				cy->have_init_host = 1;
			}
			c->current = c->pending_kexec;
			c->pending_kexec = 0;
			/* earlier cycles are complete: out they go */
			flush_below(c, c->current);
		}
	} else if (starts(t, "luo-stress-init: done rc=")) {
		c->done_seen = 1;
		if (atol(t + 25) && !c->done_rc)
			c->done_rc = atol(t + 25);
		if (atol(t + 25) && !c->final_msg[0])
			snprintf(c->final_msg, sizeof(c->final_msg), "%s", t);
	} else if (starts(t, "ok 2 verify")) {
		cy = slot(c, c->current);
		if (cy)
			cy->restored = 1;
	} else if (starts(t, "# FAIL") || starts(t, "not ok ") ||
		   starts(t, "Bail out!")) {
		fail(c, c->current, t);
	}
}

/*
 * Where a kernel line "[ 12.345678] " starts inside @t (not at 0): the
 * console interleaves printk output into a user line that has not
 * written its newline yet. Returns the offset or 0.
 */
static size_t printk_inside(const char *t)
{
	const char *p = t + 1, *q;

	while ((p = strchr(p, '['))) {
		q = p + 1;
		while (*q == ' ')
			q++;
		if (isdigit((unsigned char)*q)) {
			while (isdigit((unsigned char)*q))
				q++;
			if (*q == '.' && isdigit((unsigned char)q[1])) {
				q++;
				while (isdigit((unsigned char)*q))
					q++;
				if (q[0] == ']' && q[1] == ' ')
					return p - t;
			}
		}
		p++;
	}
	return 0;
}

static void dispatch(struct collect *c, double host, char *text)
{
	double pk;
	char *end;
	size_t at;

	/*
	 * "[ seconds.micros] text" is the kernel's; a "[" not followed by
	 * such a time is console text, e.g. "[6n" (a terminal query whose
	 * ESC a LAVA server strips from the log it stores).
	 */
	pk = text[0] == '[' ? strtod(text + 1, &end) : 0;
	if (text[0] == '[' && end > text + 1 &&
	    memchr(text + 1, '.', end - (text + 1))) {
		end = strchr(text, ']');
		if (!end || end[1] != ' ') {
			c->malformed++;
			return;
		}
		kernel_line(c, pk, end + 2);
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
	char buf[COLLECT_LINE_MAX], *end;
	double host;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = 0;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = 0;
	c->lines++;
	host = strtod(buf, &end);
	if (end == buf || *end != ' ') {
		c->malformed++;
		return;
	}
	dispatch(c, host, end + 1);
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
