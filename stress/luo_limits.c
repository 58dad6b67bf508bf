// SPDX-License-Identifier: GPL-2.0
/*
 * luo-limits: grow one session's files, and separately the number of
 * sessions, until the kernel refuses (or a count or time budget ends the
 * search), then report the ceiling, the errno, which call failed, the
 * block count there and which resource stopped it. No kexec.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kselftest.h"

#include "blocks.h"
#include "boot.h"
#include "ktap.h"
#include "limits_config.h"
#include "luo_dev.h"
#include "metrics.h"
#include "progress.h"
#include "wire.h"

#ifndef LUO_ABI
#define LUO_ABI "unknown"
#endif

/* Why a search stopped. */
enum stop {
	STOP_REFUSED,	/* LUO (the kernel) refused: its ceiling */
	STOP_NOFILE,	/* our RLIMIT_NOFILE ran out first */
	STOP_FILE_MAX,	/* the system's file table (fs.file-max) ran out */
	STOP_MEMFD,	/* memfd_create failed: not LUO's limit */
	STOP_ALLOC,	/* an allocation of our own failed */
	STOP_MAX,	/* --max reached */
	STOP_BUDGET,	/* --budget seconds spent */
};

static const char *const stop_names[] = {
	[STOP_REFUSED] = "refused",
	[STOP_NOFILE] = "rlimit_nofile",
	[STOP_FILE_MAX] = "file_max",
	[STOP_MEMFD] = "memfd_create",
	[STOP_ALLOC] = "our_allocation",
	[STOP_MAX] = "max",
	[STOP_BUDGET] = "budget",
};

struct outcome {
	unsigned long count;	/* successful before the stop */
	int err;		/* errno of the failed call, 0 if none */
	const char *call;	/* the call that failed */
	enum stop stopped;
	uint64_t ns;
};

static const char *resource_of(const struct outcome *o)
{
	switch (o->err) {
	case 0:
		return "none";
	case ENOSPC:
		return "block_cap";
	case ENOMEM:
		return "memory";
	case EMFILE:
	case ENFILE:
		return "fds";
	default:
		return "other";
	}
}

static unsigned long nofile_limit;	/* RLIMIT_NOFILE we run with */

static void set_nofile(const struct limits_config *o)
{
	struct rlimit rl;
	unsigned long want = o->nofile;
	FILE *f;

	if (!want) {
		f = fopen("/proc/sys/fs/nr_open", "r");
		if (!f || fscanf(f, "%lu", &want) != 1)
			want = 1 << 20;
		if (f)
			fclose(f);
	}
	rl.rlim_cur = want;
	rl.rlim_max = want;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		ksft_print_msg("cannot set RLIMIT_NOFILE to %lu: %s\n", want,
			       strerror(errno));
	getrlimit(RLIMIT_NOFILE, &rl);
	nofile_limit = rl.rlim_cur;
	ksft_print_msg("RLIMIT_NOFILE=%llu\n", (unsigned long long)rl.rlim_cur);
}

static int out_of_budget(const struct limits_config *o, uint64_t start,
			 unsigned long n, struct outcome *out)
{
	if (n >= o->max) {
		out->stopped = STOP_MAX;
		return 1;
	}
	if (n % PROGRESS_CHECK_EVERY == 0 &&
	    now_ns() - start > o->budget_s * 1000000000ULL) {
		out->stopped = STOP_BUDGET;
		return 1;
	}
	return 0;
}

static void show_progress(struct progress *p, const char *what,
			  unsigned long n, uint64_t start)
{
	if (progress_due(p))
		ksft_print_msg(WIRE_PROGRESS_MSG "%s %lu after %llu s\n", what, n,
			       (unsigned long long)((now_ns() - start) /
						    1000000000ULL));
}

/*
 * A LUO call failed with @err: LUO's refusal, unless the errno is a
 * descriptor limit that the new session fd ran into.
 */
static enum stop luo_failure(int err)
{
	if (err == EMFILE)
		return STOP_NOFILE;
	if (err == ENFILE)
		return STOP_FILE_MAX;
	return STOP_REFUSED;
}

/* One session, empty memfds preserved until refused. */
static void grow_files(int dev, const struct limits_config *o,
		       struct outcome *out)
{
	uint64_t start = now_ns();
	struct progress p;
	unsigned long n;
	int sfd, fd, ret;

	memset(out, 0, sizeof(*out));
	progress_init(&p, now_ns);
	sfd = luo_create_session(dev, "luo-limits-files");
	if (sfd < 0) {
		out->err = -sfd;
		out->call = "create_session";
		out->stopped = luo_failure(out->err);
		return;
	}
	for (n = 0; !out_of_budget(o, start, n, out); n++) {
		show_progress(&p, "files", n, start);
		fd = memfd_create("luo-limits", 0);
		if (fd < 0) {
			out->err = errno;
			out->call = "memfd_create";
			out->stopped = STOP_MEMFD;
			break;
		}
		ret = luo_preserve_fd(sfd, fd, n);
		close(fd);	/* LUO keeps its own reference */
		if (ret) {
			out->err = -ret;
			out->call = "preserve_fd";
			out->stopped = luo_failure(out->err);
			break;
		}
	}
	out->count = n;
	out->ns = now_ns() - start;
	close(sfd);		/* unpreserves everything */
}

/* Sessions with no files until refused; their fds stay open. */
static void grow_sessions(int dev, const struct limits_config *o,
			  struct outcome *out)
{
	uint64_t start = now_ns();
	unsigned long n, i, cap = 1024;
	int *fds = malloc(cap * sizeof(int));
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct progress p;
	int fd;

	memset(out, 0, sizeof(*out));
	progress_init(&p, now_ns);
	if (!fds) {
		out->err = ENOMEM;
		out->call = "malloc";
		out->stopped = STOP_ALLOC;
	}
	for (n = 0; fds && !out_of_budget(o, start, n, out); n++) {
		show_progress(&p, "sessions", n, start);
		if (n == cap) {
			int *more = realloc(fds, 2 * cap * sizeof(int));

			if (!more) {
				out->err = ENOMEM;
				out->call = "realloc";
				out->stopped = STOP_ALLOC;
				break;
			}
			fds = more;
			cap *= 2;
		}
		snprintf(name, sizeof(name), "luo-limits-%lu", n);
		fd = luo_create_session(dev, name);
		if (fd < 0) {
			out->err = -fd;
			out->call = "create_session";
			out->stopped = luo_failure(out->err);
			break;
		}
		fds[n] = fd;
	}
	out->count = n;
	out->ns = now_ns() - start;
	for (i = 0; fds && i < n; i++)
		close(fds[i]);
	free(fds);
}

/* The block model's figures at the ceiling; -1 when it cannot say. */
static void model_at(const char *what, unsigned long count, long *blocks,
		     long *cap)
{
	const struct luo_abi *abi = luo_abi_find(LUO_ABI);
	unsigned long ps = sysconf(_SC_PAGESIZE);
	int files = !strcmp(what, "files");
	struct block_count b = { 0 };
	int err;

	*blocks = -1;
	*cap = -1;
	if (!abi) {
		ksft_print_msg(WIRE_BLOCKS_MSG "the block model lacks ABI %s\n",
			       LUO_ABI);
		return;
	}
	err = files ? blocks_add(abi, ps, 1, count, &b) :
		      blocks_add(abi, ps, count, 0, &b);
	if (err) {
		ksft_print_msg(WIRE_BLOCKS_MSG "model error: page size %lu leaves no room for an entry of ABI %s\n",
			       ps, LUO_ABI);
		return;
	}
	*blocks = files ? b.file_blocks : b.session_blocks;
	*cap = blocks_max_entries(abi, ps, files ? abi->file_entry :
				  abi->session_entry);
}

/*
 * A ceiling is LUO's only when LUO refused; a search that our own
 * limits stopped is a SKIP that says which, and a refusal before the
 * first success is a FAIL.
 */
static void report(const char *what, const struct outcome *out)
{
	long blocks, model_cap;
	char name[32];

	snprintf(name, sizeof(name), "%s_ceiling", what);
	model_at(what, out->count, &blocks, &model_cap);
	ksft_print_msg("limit: what=%s ceiling=%lu stopped=%s errno=%s call=%s resource=%s blocks=%ld model_cap=%ld page_size=%ld abi=%s elapsed_ms=%llu\n",
		       what, out->count, stop_names[out->stopped],
		       out->err ? strerrorname_np(out->err) : "none",
		       out->call ? out->call : "none", resource_of(out),
		       blocks, model_cap, sysconf(_SC_PAGESIZE), LUO_ABI,
		       (unsigned long long)(out->ns / 1000000));
	switch (out->stopped) {
	case STOP_REFUSED:
		if (out->count)
			ksft_test_result_pass("%s\n", name);
		else
			ksft_test_result_fail("%s # LUO refused the first one: %s in %s\n",
					      name, strerrorname_np(out->err),
					      out->call);
		break;
	case STOP_NOFILE:
		ktap_test_skip(name, "RLIMIT_NOFILE %lu ran out at %lu, before LUO refused",
			       nofile_limit, out->count);
		break;
	case STOP_FILE_MAX:
		ktap_test_skip(name, "the system file table (fs.file-max) ran out at %lu, before LUO refused",
			       out->count);
		break;
	case STOP_MEMFD:
		ktap_test_skip(name, "memfd_create failed at %lu (%s), before LUO refused",
			       out->count, strerrorname_np(out->err));
		break;
	case STOP_ALLOC:
		ktap_test_skip(name, "our own allocation (%s) failed at %lu, before LUO refused",
			       out->call, out->count);
		break;
	default:
		ktap_test_skip(name, "not refused before the --%s limit (%lu)",
			       stop_names[out->stopped], out->count);
	}
}

int main(int argc, char **argv)
{
	struct limits_config o;
	struct outcome out;
	int dev, ret;

	ret = limits_parse(&o, argc, argv);
	if (ret)
		return ret > 0 ? KSFT_PASS : KSFT_FAIL;
	ksft_print_header();
	boot_print_kernel();
	dev = luo_open();
	if (dev < 0)
		ksft_exit_skip("cannot open %s: %s\n", LUO_DEVICE,
			       strerror(-dev));
	ksft_set_plan(limits_files(&o) + limits_sessions(&o));
	set_nofile(&o);
	if (limits_files(&o)) {
		grow_files(dev, &o, &out);
		report("files", &out);
	}
	if (limits_sessions(&o)) {
		grow_sessions(dev, &o, &out);
		report("sessions", &out);
	}
	close(dev);
	ksft_finished();
}
