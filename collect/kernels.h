/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernels of a cross-kernel run (kernels.c): run.txt's kernel table
 * (kernels=N, kernel.I.*, expect.I.J), the outcome a transition between
 * two of them is expected to have, whether an outcome meets that
 * expectation, the direction of a transition from its two releases,
 * and how a message names a kernel.
 * docs/metrics.md ("Cross-kernel runs") has the rules.
 */
#ifndef LUO_COLLECT_KERNELS_H
#define LUO_COLLECT_KERNELS_H

#include <stddef.h>

#define KERNELS_MAX	16	/* kernels of one run */
#define KERNELS_STR	64	/* a release or an ABI string, cut to fit */
#define KERNELS_ENTRY	256	/* a KERNELS entry (a path, a patch), cut */

struct kernels_entry {
	char entry[KERNELS_ENTRY];	/* as KERNELS gave it */
	char release[KERNELS_STR];	/* uname -r */
	char page_size[24];
	char luo[KERNELS_STR];		/* the ABI strings: luo-v5, ... */
	char memfd[KERNELS_STR];
	char kho[KERNELS_STR];
};

struct kernels {
	int n;				/* kernels=N; 0: the run has no table */
	int max_index;			/* the highest index a key named, or -1 */
	struct kernels_entry k[KERNELS_MAX];
	char expect[KERNELS_MAX][KERNELS_MAX][16];	/* expect.I.J, "" none */
};

void kernels_init(struct kernels *t);

/*
 * A line of run.txt: 1 when it is a key of the table (and taken), 0 when
 * it is none, -1 when it is one with a bad index or value (why in @err).
 */
int kernels_line(struct kernels *t, const char *line, char *err,
		 size_t size);

/* After the last line: -1 (why in @err) when a key named no kernel of N. */
int kernels_check(const struct kernels *t, char *err, size_t size);

/* The index of the kernel kexec @cycle boots (0: the first), or -1. */
int kernels_index(const struct kernels *t, long cycle);

/*
 * The expected outcome of kexec @cycle, from kernel (cycle - 1) mod N
 * into cycle mod N: expect.I.J, else derived from their page sizes and
 * ABI strings; "carried" for a run without a table.
 */
const char *kernels_expected(const struct kernels *t, long cycle);

/*
 * The KERNELS entry of the kernel kexec @cycle booted (0: the first),
 * when @release is the one the table planned for it; "" when not, or
 * without a table.
 */
const char *kernels_entry_of(const struct kernels *t, long cycle,
			     const char *release);

/*
 * A kernel as messages name it, into @buf: "release [entry]" when
 * another kernel of the table (another entry) has its @release, else
 * the release alone (also when @entry is ""); "?" when @release is "".
 */
void kernels_name(const struct kernels *t, const char *release,
		  const char *entry, char *buf, size_t size);

/* An outcome the kernels design as a decline: no-state, panic, refused. */
int kernels_is_decline(const char *outcome);

/* Whether outcome @got meets expectation @expected. */
int kernels_accepts(const char *expected, const char *got);

/*
 * upgrade, rollback, same or lateral, from the numeric part of two
 * releases; "" when either is unknown.
 */
const char *kernels_direction(const char *from, const char *to);

#endif
