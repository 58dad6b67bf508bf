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
#include "memfd_kind.h"

#define DEF_CYCLES	3
#define DEF_SEED	1
#define DEF_LARGE_MB	4
#define MAX_COUNT	(1ULL << 32)

static const char *const corrupt_names[CORRUPT_COUNT] = {
	[CORRUPT_DATA] = "data",
	[CORRUPT_SIZE] = "size",
	[CORRUPT_SEAL] = "seal",
	[CORRUPT_HOLE] = "hole",
};

const char *corrupt_kind_name(uint32_t k)
{
	return k < CORRUPT_COUNT ? corrupt_names[k] : "unknown";
}

void config_usage(const struct config_defaults *d)
{
	printf("Usage: %s [options]\n"
	       "Preserve memfds in LUO sessions, kexec, verify every byte.\n\n"
	       "  --sessions N      sessions per cycle (default %llu)\n"
	       "  --files N         memfds per session (default %llu)\n"
	       "  --pages N         pages per memfd (default %llu)\n"
	       "  --cycles N        kexec cycles, 1 or more (default %d)\n"
	       "  --seed N          content seed (default %d)\n"
	       "  --mix KINDS       memfd kinds, comma-separated, taken in turn by\n"
	       "                    token: plain empty unaligned sparse large sealed,\n"
	       "                    or all (default plain)\n"
	       "  --large-mb N      size of large memfds in MiB (default %d)\n"
	       "  --corrupt C       self-check: corrupt one file before kexec C;\n"
	       "                    verification must fail and name it\n"
	       "  --corrupt-kind K  data, size, seal or hole (default data)\n"
	       "  --hold            after preserve, a child holds the sessions and\n"
	       "                    this process exits: the caller kexecs (LAVA)\n"
	       "  --kernel PATH     image for kexec (default /boot/kernel)\n"
	       "  --initrd PATH     initramfs for kexec (default /run/luo-stress/initrd.cpio)\n"
	       "  --help            this text\n",
	       d->workload, (unsigned long long)d->sessions,
	       (unsigned long long)d->files, (unsigned long long)d->pages,
	       DEF_CYCLES, DEF_SEED, DEF_LARGE_MB);
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

static int parse_corrupt_kind(const char *s, uint32_t *out)
{
	uint32_t k;

	for (k = 0; k < CORRUPT_COUNT; k++) {
		if (!strcmp(s, corrupt_names[k])) {
			*out = k;
			return 0;
		}
	}
	fprintf(stderr, "error: --corrupt-kind must be data, size, seal or hole, got '%s'\n",
		s);
	return -1;
}

static int check(const struct stress_config *cfg)
{
	if (cfg->corrupt_cycle > cfg->cycles) {
		fprintf(stderr, "error: --corrupt %llu is past --cycles %llu\n",
			(unsigned long long)cfg->corrupt_cycle,
			(unsigned long long)cfg->cycles);
		return -1;
	}
	if (cfg->corrupt_cycle && !cfg->files) {
		fprintf(stderr, "error: --corrupt needs --files above 0\n");
		return -1;
	}
	if (cfg->corrupt_cycle && cfg->corrupt_kind == CORRUPT_HOLE &&
	    !(cfg->kinds & (1u << KIND_SPARSE))) {
		fprintf(stderr, "error: --corrupt-kind hole needs sparse in --mix\n");
		return -1;
	}
	if (cfg->corrupt_cycle && cfg->corrupt_kind == CORRUPT_DATA &&
	    !cfg->pages && !(cfg->kinds & ~((1u << KIND_PLAIN) |
					   (1u << KIND_EMPTY) |
					   (1u << KIND_SEALED)))) {
		fprintf(stderr, "error: --corrupt-kind data needs files with data (--pages above 0)\n");
		return -1;
	}
	return 0;
}

int config_parse(struct stress_config *cfg, const struct config_defaults *d,
		 int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sessions", required_argument, NULL, 's' },
		{ "files", required_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'p' },
		{ "cycles", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 'S' },
		{ "mix", required_argument, NULL, 'm' },
		{ "large-mb", required_argument, NULL, 'L' },
		{ "corrupt", required_argument, NULL, 'X' },
		{ "corrupt-kind", required_argument, NULL, 'K' },
		{ "hold", no_argument, NULL, 'H' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, idx, err = 0;

	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->workload, sizeof(cfg->workload), "%s", d->workload);
	cfg->sessions = d->sessions;
	cfg->files = d->files;
	cfg->pages = d->pages;
	cfg->cycles = DEF_CYCLES;
	cfg->seed = DEF_SEED;
	cfg->kinds = 1u << KIND_PLAIN;
	cfg->large_mb = DEF_LARGE_MB;
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
		case 'm':
			err = kinds_parse(optarg, &cfg->kinds);
			if (err)
				fprintf(stderr, "error: --mix: unknown kind in '%s' (plain empty unaligned sparse large sealed all)\n",
					optarg);
			break;
		case 'L':
			err = parse_u64("large-mb", optarg, 1, 65536,
					&cfg->large_mb);
			break;
		case 'X':
			err = parse_u64("corrupt", optarg, 1, 100000,
					&cfg->corrupt_cycle);
			break;
		case 'K':
			err = parse_corrupt_kind(optarg, &cfg->corrupt_kind);
			break;
		case 'H':
			cfg->hold = 1;
			break;
		case 'k':
			err = copy_path("kernel", optarg, cfg->kernel);
			break;
		case 'i':
			err = copy_path("initrd", optarg, cfg->initrd);
			break;
		case 'h':
			config_usage(d);
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
	return check(cfg);
}
