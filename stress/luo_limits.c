// SPDX-License-Identifier: GPL-2.0
/*
 * luo-limits: grow one session's files, and separately the number of
 * sessions, until the kernel refuses (or a count or time budget ends the
 * search), then report the ceiling, the errno, which call failed, the
 * block count there and which resource stopped it. No kexec.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kselftest.h"

#include "blocks.h"
#include "luo_dev.h"
#include "metrics.h"

#ifndef LUO_ABI
#define LUO_ABI "unknown"
#endif

struct limits_opts {
	int files;		/* search the files-per-session ceiling */
	int sessions;		/* search the sessions ceiling */
	unsigned long max;	/* stop after this many */
	unsigned long budget_s;	/* stop after this many seconds */
	unsigned long nofile;	/* RLIMIT_NOFILE to use, 0: as high as allowed */
};

struct outcome {
	unsigned long count;	/* successful before the refusal */
	int err;		/* errno of the refusal, 0 if none */
	const char *call;	/* the call that failed */
	const char *stopped;	/* "refused", "max" or "budget" */
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

static void set_nofile(const struct limits_opts *o)
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
	ksft_print_msg("RLIMIT_NOFILE=%llu\n", (unsigned long long)rl.rlim_cur);
}

static int out_of_budget(const struct limits_opts *o, uint64_t start,
			 unsigned long n, struct outcome *out)
{
	if (n >= o->max) {
		out->stopped = "max";
		return 1;
	}
	if ((n & 1023) == 0 && now_ns() - start > o->budget_s * 1000000000ULL) {
		out->stopped = "budget";
		return 1;
	}
	return 0;
}

static void show_progress(const char *what, unsigned long n, uint64_t start,
			  uint64_t *last)
{
	uint64_t now = now_ns();

	if (now - *last < 5000000000ULL)
		return;
	*last = now;
	ksft_print_msg("progress: %s %lu after %llu s\n", what, n,
		       (unsigned long long)((now - start) / 1000000000ULL));
}

/* One session, empty memfds preserved until refused. */
static void grow_files(int dev, const struct limits_opts *o,
		       struct outcome *out)
{
	uint64_t start = now_ns(), last = start;
	unsigned long n;
	int sfd, fd, ret;

	memset(out, 0, sizeof(*out));
	out->stopped = "refused";
	sfd = luo_create_session(dev, "luo-limits-files");
	if (sfd < 0) {
		out->err = -sfd;
		out->call = "create_session";
		return;
	}
	for (n = 0; !out_of_budget(o, start, n, out); n++) {
		show_progress("files", n, start, &last);
		fd = memfd_create("luo-limits", 0);
		if (fd < 0) {
			out->err = errno;
			out->call = "memfd_create";
			break;
		}
		ret = luo_preserve_fd(sfd, fd, n);
		close(fd);	/* LUO keeps its own reference */
		if (ret) {
			out->err = -ret;
			out->call = "preserve_fd";
			break;
		}
	}
	out->count = n;
	out->ns = now_ns() - start;
	close(sfd);		/* unpreserves everything */
}

/* Sessions with no files until refused; their fds stay open. */
static void grow_sessions(int dev, const struct limits_opts *o,
			  struct outcome *out)
{
	uint64_t start = now_ns(), last = start;
	unsigned long n, i, cap = 1024;
	int *fds = malloc(cap * sizeof(int));
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	int fd;

	memset(out, 0, sizeof(*out));
	out->stopped = "refused";
	for (n = 0; fds && !out_of_budget(o, start, n, out); n++) {
		show_progress("sessions", n, start, &last);
		if (n == cap) {
			int *more = realloc(fds, 2 * cap * sizeof(int));

			if (!more) {
				out->err = ENOMEM;
				out->call = "realloc";
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

static void report(const char *what, const struct outcome *out)
{
	const struct luo_abi *abi = luo_abi_find(LUO_ABI);
	unsigned long ps = sysconf(_SC_PAGESIZE);
	struct block_count b = { 0 };
	int files = !strcmp(what, "files");
	long blocks = -1, model_cap = -1;

	if (abi) {
		if (files) {
			blocks_add(abi, ps, 1, out->count, &b);
			blocks = b.file_blocks;
			model_cap = abi->max_blocks *
				    entries_per_block(abi, ps, abi->file_entry);
		} else {
			blocks_add(abi, ps, out->count, 0, &b);
			blocks = b.session_blocks;
			model_cap = abi->max_blocks *
				    entries_per_block(abi, ps, abi->session_entry);
		}
	}
	ksft_print_msg("limit: what=%s ceiling=%lu stopped=%s errno=%s call=%s resource=%s blocks=%ld model_cap=%ld page_size=%lu abi=%s elapsed_ms=%llu\n",
		       what, out->count, out->stopped,
		       out->err ? strerrorname_np(out->err) : "none",
		       out->call ? out->call : "none", resource_of(out),
		       blocks, model_cap, ps, LUO_ABI,
		       (unsigned long long)(out->ns / 1000000));
	if (!strcmp(out->stopped, "refused"))
		ksft_test_result_pass("%s_ceiling\n", what);
	else
		ksft_test_result_skip("%s_ceiling # not refused before the %s limit (%lu)\n",
				      what, out->stopped, out->count);
}

static void usage(void)
{
	printf("Usage: luo-limits [options]\n"
	       "Grow LUO state until the kernel refuses; report the ceilings.\n\n"
	       "  --what W      files, sessions or both (default both)\n"
	       "  --max N       stop a search after N (default 1000000)\n"
	       "  --budget S    stop a search after S seconds (default 300)\n"
	       "  --nofile N    RLIMIT_NOFILE to run with (default fs.nr_open)\n"
	       "  --help        this text\n");
}

static int parse_ul(const char *opt, const char *s, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (!*s || *s == '-' || *end || errno) {
		fprintf(stderr, "error: --%s needs a number, got '%s'\n", opt,
			s);
		return -1;
	}
	return 0;
}

static int parse(int argc, char **argv, struct limits_opts *o)
{
	static const struct option opts[] = {
		{ "what", required_argument, NULL, 'w' },
		{ "max", required_argument, NULL, 'm' },
		{ "budget", required_argument, NULL, 'b' },
		{ "nofile", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct limits_opts){ 1, 1, 1000000, 300, 0 };
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			o->files = !strcmp(optarg, "files") ||
				   !strcmp(optarg, "both");
			o->sessions = !strcmp(optarg, "sessions") ||
				      !strcmp(optarg, "both");
			if (!o->files && !o->sessions) {
				fprintf(stderr, "error: --what must be files, sessions or both\n");
				return -1;
			}
			break;
		case 'm':
			if (parse_ul("max", optarg, &o->max))
				return -1;
			break;
		case 'b':
			if (parse_ul("budget", optarg, &o->budget_s))
				return -1;
			break;
		case 'n':
			if (parse_ul("nofile", optarg, &o->nofile))
				return -1;
			break;
		case 'h':
			usage();
			return 1;
		default:
			fprintf(stderr, "error: unknown or incomplete option '%s' (see --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "error: unexpected argument '%s'\n",
			argv[optind]);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct limits_opts o;
	struct outcome out;
	int dev, ret;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret > 0 ? KSFT_PASS : KSFT_FAIL;
	ksft_print_header();
	dev = luo_open();
	if (dev < 0)
		ksft_exit_skip("cannot open %s: %s\n", LUO_DEVICE,
			       strerror(-dev));
	ksft_set_plan(o.files + o.sessions);
	set_nofile(&o);
	if (o.files) {
		grow_files(dev, &o, &out);
		report("files", &out);
	}
	if (o.sessions) {
		grow_sessions(dev, &o, &out);
		report("sessions", &out);
	}
	close(dev);
	ksft_finished();
}
