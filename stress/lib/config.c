// SPDX-License-Identifier: GPL-2.0
/*
 * Options of the stress workloads (see config.h): the option table, the
 * defaults of each workload, and the checks between options.
 */
#include <stddef.h>
#include <string.h>

#include "config.h"
#include "memfd_kind.h"
#include "thp.h"
#include "util.h"
#include "wire.h"

/* Counts are bounded so that products of them stay far from overflow. */
#define MAX_COUNT	(1ULL << 32)
#define MAX_CYCLES	KEXEC_MAX_CYCLES

static const char *const corrupt_names[CORRUPT_COUNT + 1] = {
	[CORRUPT_DATA] = "data",
	[CORRUPT_SIZE] = "size",
	[CORRUPT_SEAL] = "seal",
	[CORRUPT_HOLE] = "hole",
	[CORRUPT_MISSING] = "missing",
	[CORRUPT_STATE] = "state",
};

const char *corrupt_kind_name(uint32_t k)
{
	return k < CORRUPT_COUNT ? corrupt_names[k] : "unknown";
}

static const char *const fault_names[FAULT_MODES + 1] = {
	[FAULT_NONE] = "none",
	[FAULT_NTH] = "nth",
	[FAULT_RANDOM] = "random",
};

const char *fault_mode_name(uint32_t m)
{
	return m < FAULT_MODES ? fault_names[m] : "unknown";
}

/* The most worker processes one agent hands sessions to. */
#define MAX_WORKERS	64

#define CFG(f) offsetof(struct stress_config, f)

static const struct opt stress_opts[] = {
	{ "sessions", OPT_U64, CFG(sessions), 1, MAX_COUNT, NULL, "N",
	  "sessions per cycle" },
	{ "files", OPT_U64, CFG(files), 0, MAX_COUNT, NULL, "N",
	  "memfds per session" },
	{ "pages", OPT_U64, CFG(pages), 0, MAX_COUNT, NULL, "N",
	  "pages per memfd" },
	{ "cycles", OPT_U64, CFG(cycles), 1, MAX_CYCLES, NULL, "N",
	  "kexec cycles" },
	{ "seed", OPT_U64, CFG(seed), 0, UINT64_MAX, NULL, "N",
	  "content seed" },
	{ "mix", OPT_KINDS, CFG(kinds), 0, 0, NULL, "KINDS",
	  "memfd kinds, comma-separated, taken in turn by token:\nplain empty unaligned sparse large sealed, or all" },
	{ "large-mb", OPT_U64, CFG(large_mb), 1, 65536, NULL, "N",
	  "large memfds hold N MiB and a page: large folios and a\nbase page in one file, where the shmem THP policy allows" },
	{ "shmem-thp", OPT_CHOICE, CFG(shmem_thp), 0, 0, thp_policy_names,
	  "P", "shmem THP policy of each cycle, set in the guest: cycle\n(odd cycles within_size, even never), never, within_size,\nalways, or kernel (leave it)" },
	{ "corrupt", OPT_U64, CFG(corrupt_cycle), 0, MAX_CYCLES, NULL, "C",
	  "self-check: corrupt one file before kexec C (0: off);\nverification must fail and name it" },
	{ "corrupt-kind", OPT_CHOICE, CFG(corrupt_kind), 0, 0, corrupt_names,
	  "K", "data (a byte flipped after preserve); size, seal, hole\n(the file preserved unlike its spec); missing (left out);\nstate (a byte of our state session flipped)" },
	{ "profile", OPT_FLAG, CFG(profile), 0, 0, NULL, NULL,
	  "record per phase the kernel functions that take the time\n(ftrace function profiler on LUO, KHO and memfd functions);\nmetric lines say profile=1: the profiler's own cost is in them" },
	{ "hold", OPT_FLAG, CFG(hold), 0, 0, NULL, NULL,
	  "after preserve, a child holds the sessions and this process\nexits: the caller kexecs (LAVA)" },
	{ "workers", OPT_U64, CFG(workers), 0, MAX_WORKERS, NULL, "N",
	  "an agent opens /dev/liveupdate, creates and retrieves the\nsessions and hands them over a Unix socket to N worker\nprocesses, which populate, preserve, retrieve and verify\nconcurrently (0: one process does everything)" },
	{ "churn", OPT_U64, CFG(churn), 0, 100, NULL, "PCT",
	  "before each kexec close PCT% of the sessions in a seeded\nrandom order and create new ones in their place; preserves\nare interleaved across sessions" },
	{ "faults", OPT_CHOICE, CFG(faults), 0, 0, fault_names, "M",
	  "make allocations fail in LUO calls (a checking kernel):\nnth (/proc/thread-self/fail-nth stepped through each\nstepped call's allocation sites), random (failslab and\nfail_page_alloc at --fault-rate, on our LUO calls only)" },
	{ "fault-rate", OPT_U64, CFG(fault_rate), 1, 100, NULL, "PCT",
	  "--faults random: the share of allocations failed" },
	{ "abort", OPT_FLAG, CFG(abort), 0, 0, NULL, NULL,
	  "the first kexec of each cycle fails in freeze (the checking\nkernel's fail_luo_freeze); the sessions must stay usable and\nthe next kexec carry everything" },
	KEXEC_KERNEL_OPT(CFG(kexec)),
	KEXEC_INITRD_OPT(CFG(kexec)),
	{ NULL },
};

/* What differs between the workloads; the rest is shared. */
static const struct {
	const char *workload;
	uint64_t sessions, files, pages;
	uint32_t kinds;
} workload_defaults[] = {
	{ "stress-files", 2, 100, 2, KIND_MASK_ALL },
	{ "stress-sessions", 1000, 2, 1, 1u << KIND_PLAIN },
};

int config_defaults(struct stress_config *cfg, const char *workload)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(workload_defaults); i++)
		if (!strcmp(workload, workload_defaults[i].workload))
			break;
	if (i == ARRAY_SIZE(workload_defaults))
		return -1;
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->workload, sizeof(cfg->workload), "%s", workload);
	cfg->sessions = workload_defaults[i].sessions;
	cfg->files = workload_defaults[i].files;
	cfg->pages = workload_defaults[i].pages;
	cfg->kinds = workload_defaults[i].kinds;
	cfg->cycles = 3;
	cfg->seed = 1;
	cfg->large_mb = 2;
	cfg->shmem_thp = THP_CYCLE;
	cfg->corrupt_kind = CORRUPT_DATA;
	cfg->fault_rate = 5;
	kexec_target_defaults(&cfg->kexec);
	return 0;
}

const char *config_workload(size_t i)
{
	return i < ARRAY_SIZE(workload_defaults) ?
	       workload_defaults[i].workload : NULL;
}

const char *config_workloads(void)
{
	static char names[ARRAY_SIZE(workload_defaults) * STRESS_NAME_LEN];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(workload_defaults) && n < sizeof(names); i++)
		n += snprintf(names + n, sizeof(names) - n, "%s%s", i ? " " : "",
			      workload_defaults[i].workload);
	return names;
}

static int check(const struct stress_config *cfg)
{
	const uint32_t no_data = (1u << KIND_PLAIN) | (1u << KIND_EMPTY) |
				 (1u << KIND_SEALED);

	if (cfg->corrupt_cycle && (cfg->workers || cfg->churn || cfg->faults)) {
		fprintf(stderr, WIRE_ERROR "--corrupt runs alone: not with --workers, --churn or --faults\n");
		return -1;
	}
	if ((cfg->hold || cfg->profile) &&
	    (cfg->workers || cfg->churn || cfg->faults || cfg->abort)) {
		fprintf(stderr, WIRE_ERROR "--%s runs alone: not with --workers, --churn, --faults or --abort\n",
			cfg->hold ? "hold" : "profile");
		return -1;
	}
	if (cfg->corrupt_cycle > cfg->cycles) {
		fprintf(stderr, WIRE_ERROR "--corrupt %llu is past --cycles %llu\n",
			(unsigned long long)cfg->corrupt_cycle,
			(unsigned long long)cfg->cycles);
		return -1;
	}
	if (cfg->corrupt_cycle && !cfg->files) {
		fprintf(stderr, WIRE_ERROR "--corrupt needs --files above 0\n");
		return -1;
	}
	if (cfg->corrupt_cycle && cfg->corrupt_kind == CORRUPT_HOLE &&
	    !(cfg->kinds & (1u << KIND_SPARSE))) {
		fprintf(stderr, WIRE_ERROR "--corrupt-kind hole needs sparse in --mix\n");
		return -1;
	}
	/* plain and sealed files hold data only with --pages above 0 */
	if (cfg->corrupt_cycle && cfg->corrupt_kind == CORRUPT_DATA &&
	    !cfg->pages && !(cfg->kinds & ~no_data)) {
		fprintf(stderr, WIRE_ERROR "--corrupt-kind data needs files with data (--pages above 0)\n");
		return -1;
	}
	return 0;
}

int config_parse(struct stress_config *cfg, const char *workload, int argc,
		 char **argv)
{
	struct stress_config defaults;
	char head[128];
	int ret;

	if (config_defaults(cfg, workload)) {
		fprintf(stderr, WIRE_ERROR "unknown workload '%s' (known: %s)\n",
			workload, config_workloads());
		return -1;
	}
	defaults = *cfg;
	snprintf(head, sizeof(head), "Usage: %s [options]\n"
		 "Preserve memfds in LUO sessions, kexec, verify every byte.\n\n",
		 workload);
	ret = opts_parse_help(stress_opts, cfg, &defaults, head, argc, argv);
	return ret ? ret : check(cfg);
}

void config_print(const struct stress_config *cfg, FILE *f)
{
	fprintf(f, "workload=%s\n", cfg->workload);
	opts_print(stress_opts, cfg, f);
}
