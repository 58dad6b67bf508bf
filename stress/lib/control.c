// SPDX-License-Identifier: GPL-2.0
/*
 * The machine control: CONTROL_REPS repetitions of CONTROL_PASSES passes
 * over an anonymous mapping of CONTROL_MIB MiB, already faulted in, each
 * pass mixing a xorshift stream into every word and summing it; the
 * median repetition is its time, so that one preemption of the vCPU
 * does not move it. The same work in every cycle of every run and no
 * system call while it is timed: when it slows down, the machine did,
 * not the kernel under test.
 */
#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "control.h"
#include "metrics.h"

uint64_t control_sum;

static uint64_t control_pass(uint64_t *buf, size_t words)
{
	uint64_t t0 = now_ns(), x = 0x9e3779b97f4a7c15ULL, sum = 0;
	size_t i;
	int pass;

	for (pass = 0; pass < CONTROL_PASSES; pass++)
		for (i = 0; i < words; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] ^= x;
			sum += buf[i];
		}
	control_sum = sum;
	return now_ns() - t0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t control_run(const char **why)
{
	size_t i, words = ((size_t)CONTROL_MIB << 20) / sizeof(uint64_t);
	uint64_t t[CONTROL_REPS], *buf;

	buf = mmap(NULL, words * sizeof(*buf), PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		*why = "mmap of the control buffer failed";
		return 0;
	}
	/* the same pages every time: no THP policy in the measurement */
	madvise(buf, words * sizeof(*buf), MADV_NOHUGEPAGE);
	/* untimed: the page faults and the first run of the loop's code */
	for (i = 0; i < words; i++)
		buf[i] = i;
	for (i = 0; i < CONTROL_REPS; i++)
		t[i] = control_pass(buf, words);
	munmap(buf, words * sizeof(*buf));
	qsort(t, CONTROL_REPS, sizeof(t[0]), cmp_u64);
	return t[CONTROL_REPS / 2] ? t[CONTROL_REPS / 2] : 1;
}
