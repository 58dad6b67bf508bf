// SPDX-License-Identifier: GPL-2.0
/*
 * The ftrace function profiler around a phase (see kprofile.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kprofile.h"
#include "kselftest.h"
#include "ktrace.h"
#include "util.h"
#include "wire.h"

#define TOP_FUNCS	20	/* lines printed per phase */

/* LUO, KHO and memfd preservation, and the shmem pinning LUO calls */
static const char *const filters[] = {
	"luo_*", "kho_*", "liveupdate_*", "memfd_luo_*", "memfd_pin_folios",
};

int kprofile_start(struct kprofile *kp)
{
	size_t i;
	int err;

	memset(kp, 0, sizeof(*kp));
	if (ktrace_mount(kp->why, sizeof(kp->why)))
		return -1;
	if (access(TRACEFS "/function_profile_enabled", W_OK)) {
		snprintf(kp->why, sizeof(kp->why),
			 "no function profiler in this kernel (CONFIG_FUNCTION_PROFILER)");
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(filters); i++) {
		err = write_file(TRACEFS "/set_ftrace_filter", filters[i],
				 i > 0);
		if (err) {
			snprintf(kp->why, sizeof(kp->why),
				 "set_ftrace_filter %s: %s", filters[i],
				 strerror(-err));
			return -1;
		}
	}
	/* off then on: enabling resets every count */
	write_file(TRACEFS "/function_profile_enabled", "0", 0);
	err = write_file(TRACEFS "/function_profile_enabled", "1", 0);
	if (err) {
		snprintf(kp->why, sizeof(kp->why), "function_profile_enabled: %s",
			 strerror(-err));
		return -1;
	}
	kp->ready = 1;
	return 0;
}

/* Add @hits and @us of @name to @f (@n entries); returns the new count. */
static int add(struct kprofile_func *f, int n, const char *name,
	       unsigned long long hits, double us)
{
	int i;

	for (i = 0; i < n && strcmp(f[i].name, name); i++)
		;
	if (i == n) {
		if (n == KPROFILE_FUNCS)
			return n;
		snprintf(f[n++].name, sizeof(f[0].name), "%s", name);
	}
	f[i].hits += hits;
	f[i].us += us;
	return n;
}

/* The profiler's totals now, every CPU summed, into @f; their count. */
static int totals(struct kprofile_func *f)
{
	char path[300], line[256], name[64], unit[8];
	unsigned long long hits;
	struct dirent *d;
	int n = 0;
	double t;
	DIR *dir;
	FILE *in;

	memset(f, 0, KPROFILE_FUNCS * sizeof(*f));
	dir = opendir(TRACEFS "/trace_stat");
	while (dir && (d = readdir(dir))) {
		if (strncmp(d->d_name, "function", 8))
			continue;
		snprintf(path, sizeof(path), TRACEFS "/trace_stat/%s",
			 d->d_name);
		in = fopen(path, "r");
		while (in && fgets(line, sizeof(line), in)) {
			/* "  luo_preserve_file  20000  1649355 us  82.4 us ..." */
			if (sscanf(line, " %63s %llu %lf %7s", name, &hits, &t,
				   unit) != 4)
				continue;
			if (!strcmp(unit, "ms"))
				t *= 1000;
			else if (!strcmp(unit, "s"))
				t *= 1000000;
			n = add(f, n, name, hits, t);
		}
		if (in)
			fclose(in);
	}
	if (dir)
		closedir(dir);
	return n;
}

void kprofile_mark(struct kprofile *kp, enum phase p)
{
	struct kprofile_func now[KPROFILE_FUNCS];
	int n, i, j;

	if (!kp->ready)
		return;
	n = totals(now);
	for (i = 0; p < PHASE_COUNT && i < n; i++) {
		unsigned long long hits = now[i].hits;
		double us = now[i].us;

		for (j = 0; j < kp->nlast; j++) {
			if (!strcmp(kp->last[j].name, now[i].name)) {
				hits -= kp->last[j].hits;
				us -= kp->last[j].us;
				break;
			}
		}
		if (hits)
			kp->nphase[p] = add(kp->phase[p], kp->nphase[p],
					    now[i].name, hits, us);
	}
	memcpy(kp->last, now, sizeof(now));
	kp->nlast = n;
}

static int by_time(const void *a, const void *b)
{
	const struct kprofile_func *x = a, *y = b;

	return x->us < y->us ? 1 : x->us > y->us ? -1 : 0;
}

void kprofile_report(struct kprofile *kp, uint64_t restore_cycle,
		     uint64_t preserve_cycle)
{
	enum phase p;
	uint64_t cycle;
	int i;

	if (!kp->ready)
		return;
	write_file(TRACEFS "/function_profile_enabled", "0", 0);
	for (p = 0; p < PHASE_COUNT; p++) {
		struct kprofile_func *f = kp->phase[p];

		cycle = p <= PHASE_KEXEC_LOAD ? preserve_cycle : restore_cycle;
		qsort(f, kp->nphase[p], sizeof(*f), by_time);
		for (i = 0; i < kp->nphase[p] && i < TOP_FUNCS; i++)
			ksft_print_msg(WIRE_PROFILE_MSG "cycle=%llu phase=%s function=%s hits=%llu total_us=%.3f\n",
				       (unsigned long long)cycle, phase_name(p),
				       f[i].name, f[i].hits, f[i].us);
	}
	kp->ready = 0;
}
