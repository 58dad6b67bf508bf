// SPDX-License-Identifier: GPL-2.0
/*
 * Injected faults in LUO calls (see faults.h): the kernel's knobs,
 * fail-nth stepping and make-it-fail calls, each injection said and
 * counted, each result checked against what the uapi documents.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"

#include "faults.h"
#include "util.h"
#include "wire.h"

#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define MAKE_IT_FAIL	"/proc/thread-self/make-it-fail"
#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define FAIL_PAGE	"/sys/kernel/debug/fail_page_alloc/"

/* Steps past this many fault sites in one call: the run says so. */
#define NTH_MAX		512

static const char *const call_names[FC_COUNT] = {
	[FC_CREATE_SESSION] = "create_session",
	[FC_PRESERVE_FD] = "preserve_fd",
	[FC_RETRIEVE_SESSION] = "retrieve_session",
	[FC_RETRIEVE_FD] = "retrieve_fd",
	[FC_FINISH] = "finish",
	[FC_FREEZE] = "freeze",
};

/* The errnos of fault_err, and the uapi's list (liveupdate.h). */
static const int fault_errnos[FE_OTHER] = {
	[FE_ENOMEM] = ENOMEM, [FE_EINVAL] = EINVAL, [FE_ENOENT] = ENOENT,
	[FE_EOVERFLOW] = EOVERFLOW, [FE_EOPNOTSUPP] = EOPNOTSUPP,
	[FE_ENOSPC] = ENOSPC,	/* counted by name, not documented */
};

/*
 * Errnos outside the uapi's list that a kernel is known to return for an
 * injected allocation failure: findings, said on each injection and in
 * the note, not failures of the run. Each names the call, the errno and
 * the kernel line that comes with it.
 */
static const struct {
	enum fault_call fc;
	int err;
	const char *kernel;
} known_errnos[] = {
	/* 7.3.4 memfd_luo_retrieve(): memfd_alloc_file() -> shmem inode */
	{ FC_RETRIEVE_FD, ENOSPC, "memfd_luo: failed to setup file: -ENOSPC" },
};

static const char *known_errno(enum fault_call fc, int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known_errnos); i++)
		if (known_errnos[i].fc == fc && known_errnos[i].err == err)
			return known_errnos[i].kernel;
	return NULL;
}

const char *fault_call_name(enum fault_call fc)
{
	return fc < FC_COUNT ? call_names[fc] : "unknown";
}

static enum fault_err err_of(int err)
{
	int i;

	for (i = 0; i < FE_OTHER; i++)
		if (fault_errnos[i] == err)
			return i;
	return FE_OTHER;
}

int fault_errno_documented(int err)
{
	enum fault_err e = err_of(err);

	return e != FE_OTHER && e != FE_ENOSPC;
}

/* A knob @name of @dir set to @v; 0 or -1 with @why. */
static int knob(const char *dir, const char *name, const char *v,
		char *why, size_t size)
{
	char path[128];
	int ret;

	snprintf(path, sizeof(path), "%s%s", dir, name);
	ret = write_file(path, v, 0);
	if (ret)
		snprintf(why, size, "%s: %s (not a checking kernel? DEBUG=1)",
			 path, strerror(-ret));
	return ret ? -1 : 0;
}

int faults_setup(const struct stress_config *c, char *why, size_t size)
{
	static const char *const dirs[] = { FAILSLAB, FAIL_PAGE };
	char rate[16];
	size_t i;
	int random = c->faults == FAULT_RANDOM;

	if (access(FAIL_NTH, W_OK)) {
		snprintf(why, size, "%s: %s (not a checking kernel? DEBUG=1)",
			 FAIL_NTH, strerror(errno));
		return -1;
	}
	snprintf(rate, sizeof(rate), "%llu",
		 random ? (unsigned long long)c->fault_rate : 0ULL);
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		/*
		 * LUO allocates with GFP_KERNEL, which both ignore by
		 * default; fail_page_alloc ignores order 0 too
		 */
		if (knob(dirs[i], "ignore-gfp-wait", "N", why, size) ||
		    knob(dirs[i], "probability", rate, why, size) ||
		    knob(dirs[i], "interval", "1", why, size) ||
		    knob(dirs[i], "times", "-1", why, size) ||
		    knob(dirs[i], "space", "0", why, size) ||
		    /* random: only tasks with make-it-fail, our calls */
		    knob(dirs[i], "task-filter", "Y", why, size) ||
		    /* a stack per injection names the site it reached */
		    knob(dirs[i], "verbose", random ? "1" : "2", why, size))
			return -1;
	}
	return knob(FAIL_PAGE, "min-order", "0", why, size);
}

/*
 * This thread's fail-nth and make-it-fail, kept open: opening one while
 * a fault is armed would take a fault of our own (getname), and leave
 * make-it-fail set when its reset failed so. A forked worker opens its
 * own (/proc/thread-self names the opener).
 */
enum thread_knob { KNOB_NTH, KNOB_MAKE_IT_FAIL, KNOBS };

static int knob_fd(enum thread_knob k)
{
	static const char *const paths[KNOBS] = { FAIL_NTH, MAKE_IT_FAIL };
	static pid_t owner[KNOBS];
	static int fd[KNOBS] = { -1, -1 };

	if (fd[k] >= 0 && owner[k] == getpid())
		return fd[k];
	if (fd[k] >= 0)
		close(fd[k]);
	fd[k] = open(paths[k], O_RDWR);
	owner[k] = getpid();
	return fd[k];
}

static int set_thread(enum thread_knob k, unsigned int v)
{
	char buf[16];
	int fd = knob_fd(k), n;

	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf), "%u", v);
	return pwrite(fd, buf, n, 0) == n ? 0 : -errno;
}

/* fail-nth as read back: 0 when the fault was consumed. */
static long read_nth(void)
{
	char buf[16] = "";
	ssize_t n = pread(knob_fd(KNOB_NTH), buf, sizeof(buf) - 1, 0);

	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

static void say(const struct stress_config *c, enum fault_call fc,
		const struct fault_where *w, unsigned int nth, int ret)
{
	const char *e = ret < 0 ? strerrorname_np(-ret) : "ok";

	ksft_print_msg(WIRE_FAULT_MSG "cycle=%llu call=%s mode=%s nth=%u result=%s worker=%d session=%s token=%lld\n",
		       (unsigned long long)w->cycle, fault_call_name(fc),
		       fault_mode_name(c->faults), nth, e ? e : "unknown",
		       w->worker, w->session ? w->session : "-", w->token);
}

/* Count an injected call's result; 0, or -1 after a FAIL line. */
static int account(const struct stress_config *c, enum fault_call fc,
		   const struct fault_where *w, struct fault_stats *st,
		   unsigned int nth, int ret)
{
	const char *name = ret < 0 ? strerrorname_np(-ret) : NULL;
	const char *known;

	st->injected[fc]++;
	say(c, fc, w, nth, ret);
	if (ret >= 0)
		return 0;
	st->failed[fc]++;
	st->err[fc][err_of(-ret)]++;
	if (fault_errno_documented(-ret))
		return 0;
	known = known_errno(fc, -ret);
	if (known) {
		ksft_print_msg(WIRE_FAULTS_MSG "cycle=%llu finding: call=%s returned %s, not an errno LUO's uapi documents, for an injected allocation failure (known: \"%s\")\n",
			       (unsigned long long)w->cycle,
			       fault_call_name(fc), name ? name : "unknown",
			       known);
		return 0;
	}
	ksft_print_msg(WIRE_FAIL_MSG "fault: cycle=%llu call=%s session=%s token=%lld: an injected fault returned %s, an errno LUO's uapi does not document\n",
		       (unsigned long long)w->cycle, fault_call_name(fc),
		       w->session ? w->session : "-", w->token,
		       name ? name : "unknown");
	st->bad++;
	return -1;
}

/* One stepper per call in this process: the next fault site to fail. */
static struct {
	unsigned int nth;	/* 0: not stepping */
} steppers[FC_COUNT];

void fault_restart(enum fault_call fc)
{
	steppers[fc].nth = 1;
}

/* A retrieve caches its first error: retrying it proves nothing. */
static int retried_call(enum fault_call fc)
{
	return fc != FC_RETRIEVE_FD;
}

/* One call with fail-nth @nth; *@consumed when the fault was injected. */
static int nth_call(unsigned int nth, int *consumed, fault_fn fn, void *arg)
{
	long left;
	int ret;

	if (set_thread(KNOB_NTH, nth))
		return fn(arg);
	/* nothing between the call and the read-back: both are syscalls */
	ret = fn(arg);
	left = read_nth();
	set_thread(KNOB_NTH, 0);
	*consumed = left == 0;
	return ret;
}

int fault_step(const struct stress_config *c, enum fault_call fc,
	       const struct fault_where *w, struct fault_stats *st,
	       int *injected, fault_fn fn, void *arg)
{
	int ret, consumed, failed;

	*injected = 0;
	if (c->faults == FAULT_RANDOM) {
		set_thread(KNOB_MAKE_IT_FAIL, 1);
		ret = fn(arg);
		set_thread(KNOB_MAKE_IT_FAIL, 0);
		/* a failure with make-it-fail set is taken as injected */
		if (ret >= 0)
			return ret;
		*injected = 1;
		if (account(c, fc, w, st, 0, ret) || !retried_call(fc))
			return ret;
		ret = fn(arg);	/* the retry, clean: it must succeed */
		st->retried[fc] += ret >= 0;
		return ret;
	}
	if (c->faults != FAULT_NTH || !steppers[fc].nth)
		return fn(arg);
	for (failed = 0;; failed |= ret < 0) {
		consumed = 0;
		ret = nth_call(steppers[fc].nth, &consumed, fn, arg);
		/* a call that failed as injected, and succeeded when retried */
		st->retried[fc] += failed && ret >= 0;
		if (!consumed) {
			/* past the call's last fault site: stepping is done */
			steppers[fc].nth = 0;
			return ret;
		}
		*injected = 1;
		if (account(c, fc, w, st, steppers[fc].nth, ret))
			return ret;
		if (++steppers[fc].nth > NTH_MAX) {
			steppers[fc].nth = 0;
			ksft_print_msg(WIRE_FAIL_MSG "fault: cycle=%llu call=%s: still consuming faults after %d steps\n",
				       (unsigned long long)w->cycle,
				       fault_call_name(fc), NTH_MAX);
			st->bad++;
			return ret;
		}
		/* done despite the fault (the next call steps on), or lost */
		if (ret >= 0 || !retried_call(fc))
			return ret;
	}
}

void fault_stats_add(struct fault_stats *a, const struct fault_stats *b)
{
	int i, j;

	for (i = 0; i < FC_COUNT; i++) {
		a->injected[i] += b->injected[i];
		a->failed[i] += b->failed[i];
		a->retried[i] += b->retried[i];
		for (j = 0; j < FE_COUNT; j++)
			a->err[i][j] += b->err[i][j];
	}
	a->bad += b->bad;
}

uint64_t fault_stats_injected(const struct fault_stats *st)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < FC_COUNT; i++)
		n += st->injected[i];
	return n;
}

void fault_stats_print(const struct fault_stats *st, uint64_t cycle)
{
	char errs[160];
	size_t n;
	int i, j;

	for (i = 0; i < FC_COUNT; i++) {
		if (!st->injected[i])
			continue;
		errs[0] = 0;
		n = 0;
		for (j = 0; j < FE_COUNT && n < sizeof(errs); j++)
			if (st->err[i][j])
				n += snprintf(errs + n, sizeof(errs) - n,
					      "%s%s:%llu", n ? "," : "",
					      j == FE_OTHER ? "other" :
					      strerrorname_np(fault_errnos[j]),
					      (unsigned long long)st->err[i][j]);
		ksft_print_msg(WIRE_FAULTS_MSG "cycle=%llu call=%s injected=%llu failed=%llu errnos=%s retried=%llu\n",
			       (unsigned long long)cycle, fault_call_name(i),
			       (unsigned long long)st->injected[i],
			       (unsigned long long)st->failed[i],
			       errs[0] ? errs : "-",
			       (unsigned long long)st->retried[i]);
	}
}
