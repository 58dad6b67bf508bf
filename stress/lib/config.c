// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line options shared by the stress workloads (see config.h).
 * Every number is checked: no silent truncation, no negative counts.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define DEF_SESSIONS	2
#define DEF_FILES	200
#define DEF_PAGES	2
#define DEF_CYCLES	3
#define DEF_SEED	1
#define MAX_COUNT	(1ULL << 32)

void config_usage(const char *workload)
{
	printf("Usage: %s [options]\n"
	       "Preserve memfds in LUO sessions, kexec, verify every byte.\n\n"
	       "  --sessions N   sessions per cycle (default %d)\n"
	       "  --files N      memfds per session (default %d)\n"
	       "  --pages N      pages per memfd (default %d)\n"
	       "  --cycles N     kexec cycles, 1 or more (default %d)\n"
	       "  --seed N       content seed (default %d)\n"
	       "  --corrupt C    self-check: corrupt one preserved byte before\n"
	       "                 kexec number C; verification must fail\n"
	       "  --kernel PATH  image for kexec (default /boot/kernel)\n"
	       "  --initrd PATH  initramfs for kexec (default /run/luo-stress/initrd.cpio)\n"
	       "  --help         this text\n",
	       workload, DEF_SESSIONS, DEF_FILES, DEF_PAGES, DEF_CYCLES,
	       DEF_SEED);
}

static int parse_u64(const char *opt, const char *s, uint64_t min,
		     uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-' || *s == '+')
		goto bad;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		goto bad;
	if (v < min || v > max) {
		fprintf(stderr, "error: --%s %s out of range %llu..%llu\n",
			opt, s, (unsigned long long)min,
			(unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	fprintf(stderr, "error: --%s needs a number, got '%s'\n", opt,
		s ? s : "");
	return -1;
}

static int copy_path(const char *opt, const char *s, char *dst)
{
	if (!*s || strlen(s) >= STRESS_PATH_LEN) {
		fprintf(stderr, "error: --%s path empty or longer than %d\n",
			opt, STRESS_PATH_LEN - 1);
		return -1;
	}
	snprintf(dst, STRESS_PATH_LEN, "%s", s);
	return 0;
}

int config_parse(struct stress_config *cfg, const char *workload,
		 int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sessions", required_argument, NULL, 's' },
		{ "files", required_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'p' },
		{ "cycles", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 'S' },
		{ "corrupt", required_argument, NULL, 'X' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, idx, err = 0;

	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->workload, sizeof(cfg->workload), "%s", workload);
	cfg->sessions = DEF_SESSIONS;
	cfg->files = DEF_FILES;
	cfg->pages = DEF_PAGES;
	cfg->cycles = DEF_CYCLES;
	cfg->seed = DEF_SEED;
	snprintf(cfg->kernel, sizeof(cfg->kernel), "/boot/kernel");
	snprintf(cfg->initrd, sizeof(cfg->initrd),
		 "/run/luo-stress/initrd.cpio");

	optind = 1;
	opterr = 0;
	while (!err && (c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		switch (c) {
		case 's':
			err = parse_u64("sessions", optarg, 1, MAX_COUNT,
					&cfg->sessions);
			break;
		case 'f':
			err = parse_u64("files", optarg, 0, MAX_COUNT,
					&cfg->files);
			break;
		case 'p':
			err = parse_u64("pages", optarg, 0, MAX_COUNT,
					&cfg->pages);
			break;
		case 'c':
			err = parse_u64("cycles", optarg, 1, 100000,
					&cfg->cycles);
			break;
		case 'S':
			err = parse_u64("seed", optarg, 0, UINT64_MAX,
					&cfg->seed);
			break;
		case 'X':
			err = parse_u64("corrupt", optarg, 1, 100000,
					&cfg->corrupt_cycle);
			break;
		case 'k':
			err = copy_path("kernel", optarg, cfg->kernel);
			break;
		case 'i':
			err = copy_path("initrd", optarg, cfg->initrd);
			break;
		case 'h':
			config_usage(workload);
			return 1;
		default:
			fprintf(stderr, "error: unknown or incomplete option '%s' (see --help)\n",
				argv[optind - 1]);
			return -1;
		}
	}
	if (err)
		return -1;
	if (optind < argc) {
		fprintf(stderr, "error: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return -1;
	}
	if (cfg->corrupt_cycle > cfg->cycles) {
		fprintf(stderr, "error: --corrupt %llu is past --cycles %llu\n",
			(unsigned long long)cfg->corrupt_cycle,
			(unsigned long long)cfg->cycles);
		return -1;
	}
	if (cfg->corrupt_cycle && (!cfg->files || !cfg->pages)) {
		fprintf(stderr, "error: --corrupt needs --files and --pages above 0\n");
		return -1;
	}
	return 0;
}
