/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's tracing, from the board programs: kprobe events made at
 * run time in tracefs, hist triggers on them (counted in the kernel, no
 * console line per hit), and the parser of a hist file. The events stay
 * disabled; only their triggers run, so tp_printk prints nothing.
 */
#ifndef LUO_STRESS_KTRACE_H
#define LUO_STRESS_KTRACE_H

#include <stddef.h>
#include <stdint.h>

#define KTRACE_FIELDS	4	/* keys and values of one hist row */

/* One row of a hist file: "{ k1: v, k2: v } hitcount: n  val: n". */
struct hist_row {
	int n;				/* fields in use */
	char name[KTRACE_FIELDS][24];
	int64_t value[KTRACE_FIELDS];
	int64_t hitcount;
};

/* Where tracefs is, once ktrace_mount() succeeded. */
#define TRACEFS		"/sys/kernel/tracing"

/*
 * Mount tracefs at TRACEFS unless it is there. Returns 0, or -1 with the
 * reason in @why.
 */
int ktrace_mount(char *why, size_t size);

/*
 * Define kprobe event @def ("p:group/name symbol args...") and attach
 * hist trigger @trigger to it. Returns 0, or -1 with the reason in @why.
 */
int ktrace_hist_probe(const char *def, const char *trigger, char *why,
		      size_t size);

/* The value of field @name in @r, or @def when it has none. */
int64_t hist_field(const struct hist_row *r, const char *name, int64_t def);

/*
 * Read the hist file of event @group/@name into @rows. Returns the row
 * count or -1 with the reason in @why.
 */
int ktrace_hist_read(const char *group, const char *name,
		     struct hist_row *rows, int max, char *why, size_t size);

#endif
