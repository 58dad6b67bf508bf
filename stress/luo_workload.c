// SPDX-License-Identifier: GPL-2.0
/*
 * luo-workload: the option parsers of the board programs, built for the
 * host. Resolves a program's command line into the full workload (every
 * default applied, every value checked, with the same one-line errors
 * the board prints) and the guest it needs, as "name=value" lines. The
 * QEMU runner and the LAVA generator read this, and only this, to check
 * options and size guests before anything is built or booted.
 *
 * Usage: luo-workload [--page-size N] [--board-mib N] [--guest-mib N]
 *                     [--fit-host] PROGRAM [program options...]
 *        luo-workload --list
 * --list names the stress workloads, one a line: the one list the sweep,
 * the LAVA generator, its validator and the ramdisk builder read.
 * Exit: 0, or 1 after a one-line error (bad option, guest too large).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "config.h"
#include "guest_size.h"
#include "kexec_config.h"
#include "limits_config.h"
#include "opts.h"
#include "plan.h"
#include "wire.h"

#ifndef LUO_ABI
#define LUO_ABI "unknown"
#endif

/* Host memory left to the host itself and QEMU's own overhead. */
#define HOST_RESERVE_MIB	1024

/* The programs luo-workload knows besides config.c's stress workloads. */
enum { LUO_LIMITS, LUO_API_TEST, LUO_KEXEC, OTHER_COUNT };
static const char *const other_programs[OTHER_COUNT] = {
	[LUO_LIMITS] = "luo-limits",
	[LUO_API_TEST] = "luo-api-test",
	[LUO_KEXEC] = KEXEC_CONFIG_NAME,
};

struct host_opts {
	uint64_t page_size;
	uint64_t board_mib;
	uint64_t guest_mib;	/* the user's own size, 0: ours */
	uint32_t fit_host;
	uint32_t list;
	uint32_t checking;	/* the checking kernel (DEBUG=1) */
};

#define HOST(f) offsetof(struct host_opts, f)

/* The options before PROGRAM; usage() says what they are. */
static const struct opt host_table[] = {
	{ .name = "page-size", .type = OPT_U64, .off = HOST(page_size),
	  .min = 4096, .max = 65536 },
	{ .name = "board-mib", .type = OPT_U64, .off = HOST(board_mib),
	  .min = 0, .max = 1 << 30 },
	{ .name = "guest-mib", .type = OPT_U64, .off = HOST(guest_mib),
	  .min = 1, .max = 1 << 30 },
	{ .name = "fit-host", .type = OPT_FLAG, .off = HOST(fit_host) },
	{ .name = "list", .type = OPT_FLAG, .off = HOST(list) },
	{ .name = "checking", .type = OPT_FLAG, .off = HOST(checking) },
	{ NULL },
};

/* Every program luo-workload knows, space-separated. */
static const char *known_programs(void)
{
	static char names[128];
	size_t n;
	int i;

	n = snprintf(names, sizeof(names), "%s", config_workloads());
	for (i = 0; i < OTHER_COUNT && n < sizeof(names); i++)
		n += snprintf(names + n, sizeof(names) - n, " %s",
			      other_programs[i]);
	return names;
}

static void usage(const struct host_opts *defaults)
{
	printf("Usage: luo-workload [--page-size N] [--board-mib N] [--guest-mib N]\n"
	       "                    [--fit-host] PROGRAM [program options...]\n"
	       "       luo-workload --list\n"
	       "Resolve PROGRAM's options (%s)\n"
	       "into the full workload and the guest memory it needs.\n\n"
	       "  --page-size N   the board's page size (default %llu)\n"
	       "  --board-mib N   what the board's kernel needs for itself (default %llu: ours)\n"
	       "  --guest-mib N   a guest size given by the user, checked, not computed\n"
	       "  --fit-host      refuse a guest larger than this host's available memory\n"
	       "  --list          the stress workloads (kexec cycles), one a line\n",
	       known_programs(), (unsigned long long)defaults->page_size,
	       (unsigned long long)defaults->board_mib);
}

/* MemAvailable of this host in MiB, 0 when unknown. */
static uint64_t host_available_mib(void)
{
	unsigned long long kib = 0;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
			break;
	fclose(f);
	return kib / 1024;
}

static int stress_load(const char *prog, int argc, char **argv,
		       const struct host_opts *h, struct guest_load *load)
{
	const struct luo_abi *abi = luo_abi_find(LUO_ABI);
	struct stress_config cfg;
	struct block_count b;
	int ret;

	ret = config_parse(&cfg, prog, argc, argv);
	if (ret)
		return ret;
	config_print(&cfg, stdout);
	printf("abi=%s\n", LUO_ABI);
	if (!abi)
		printf("blocks=-1\n");
	else if (plan_blocks(&cfg, h->page_size, abi, &b))
		fprintf(stderr, "luo-workload: block model: page size %llu leaves no room for an entry\n",
			(unsigned long long)h->page_size);
	else
		printf("blocks=%lu\nsession_blocks=%lu\nfile_blocks=%lu\n",
		       b.total, b.session_blocks, b.file_blocks);
	load->sessions = cfg.sessions;
	load->files = cfg.sessions * cfg.files;
	load->data_files = load->files;
	load->data_bytes = plan_data_bytes(&cfg, h->page_size);
	load->workers = cfg.workers;
	return 0;
}

/* Where a search of luo-limits ends: --max, or the model's ceiling. */
static uint64_t search_end(const struct limits_config *cfg,
			   const struct luo_abi *abi, uint64_t page_size,
			   int files)
{
	uint64_t cap;

	if (!abi)
		return cfg->max;
	cap = blocks_max_entries(abi, page_size, files ? abi->file_entry :
				 abi->session_entry);
	return cfg->max < cap ? cfg->max : cap;
}

/* luo-limits grows state to LUO's ceiling: size for that ceiling. */
static int limits_load(int argc, char **argv, const struct host_opts *h,
		       struct guest_load *load)
{
	const struct luo_abi *abi = luo_abi_find(LUO_ABI);
	struct limits_config cfg;
	uint64_t files = 0, sessions = 0;
	int ret;

	ret = limits_parse(&cfg, argc, argv);
	if (ret)
		return ret;
	limits_print(&cfg, stdout);
	if (limits_files(&cfg)) {
		files = search_end(&cfg, abi, h->page_size, 1);
		sessions = 1;
	}
	if (limits_sessions(&cfg))
		sessions += search_end(&cfg, abi, h->page_size, 0);
	load->sessions = sessions;
	load->files = files;
	load->data_bytes = 0;
	return 0;
}

/* luo-kexec preserves nothing: the guest is the kernel's own. */
static int kexec_load(int argc, char **argv, struct guest_load *load)
{
	struct kexec_config cfg;
	int ret;

	ret = kexec_config_parse(&cfg, argc, argv);
	if (ret)
		return ret;
	kexec_config_print(&cfg, stdout);
	load->sessions = 0;
	load->files = 0;
	load->data_bytes = 0;
	return 0;
}

/* The options before PROGRAM into @h; @prog gets PROGRAM's index. */
static int parse_host(int argc, char **argv, struct host_opts *h, int *prog)
{
	const struct host_opts defaults = { .page_size = 4096 };
	int ret;

	*h = defaults;
	ret = opts_parse(host_table, h, argc, argv, prog);
	if (ret > 0) {
		usage(&defaults);
		exit(0);
	}
	if (ret)
		return -1;
	if (*prog >= argc && !h->list) {
		fprintf(stderr, "luo-workload: no program given (see --help)\n");
		return -1;
	}
	return 0;
}

/* Refuse a guest this host cannot hold, with the numbers. */
static int fit_host(const char *prog, const struct guest_size *g,
		    uint64_t guest_mib)
{
	uint64_t avail = host_available_mib();

	if (!avail || guest_mib + HOST_RESERVE_MIB <= avail)
		return 0;
	if (guest_mib == g->total_mib)
		fprintf(stderr, WIRE_ERROR "%s needs a guest of %llu MiB (kernel %llu + data %llu x %llu + file objects %llu + session objects %llu), more than this host's %llu MiB available less %d MiB for the host\n",
			prog, (unsigned long long)guest_mib,
			(unsigned long long)g->kernel_mib,
			(unsigned long long)g->data_copies,
			(unsigned long long)g->data_mib,
			(unsigned long long)g->file_objects_mib,
			(unsigned long long)g->session_objects_mib,
			(unsigned long long)avail, HOST_RESERVE_MIB);
	else
		fprintf(stderr, WIRE_ERROR "a guest of %llu MiB is more than this host's %llu MiB available less %d MiB for the host\n",
			(unsigned long long)guest_mib,
			(unsigned long long)avail, HOST_RESERVE_MIB);
	return -1;
}

int main(int argc, char **argv)
{
	struct guest_load load = { 0 };
	struct stress_config known;
	struct host_opts h;
	struct guest_size g;
	const char *prog;
	int ret, i;

	if (parse_host(argc, argv, &h, &i))
		return 1;
	if (h.list) {
		for (i = 0; config_workload(i); i++)
			printf("%s\n", config_workload(i));
		return 0;
	}
	prog = argv[i];
	argc -= i;
	argv += i;
	load.page_size = h.page_size;
	load.checking = h.checking;
	if (!strcmp(prog, other_programs[LUO_LIMITS])) {
		ret = limits_load(argc, argv, &h, &load);
	} else if (!strcmp(prog, other_programs[LUO_KEXEC])) {
		ret = kexec_load(argc, argv, &load);
	} else if (!strcmp(prog, other_programs[LUO_API_TEST])) {
		/* the kselftest harness parses its own options on the board */
		printf("workload=%s\n", prog);
		ret = 0;
	} else if (!config_defaults(&known, prog)) {
		ret = stress_load(prog, argc, argv, &h, &load);
	} else {
		fprintf(stderr, WIRE_ERROR "unknown program '%s' (known: %s)\n",
			prog, known_programs());
		return 1;
	}
	if (ret)
		return ret > 0 ? 0 : 1;
	guest_size(&load, h.board_mib, &g);
	printf("page_size=%llu\n", (unsigned long long)h.page_size);
	guest_size_print(&g, stdout);
	if (h.fit_host && fit_host(prog, &g, h.guest_mib ? h.guest_mib :
				   g.total_mib))
		return 1;
	return 0;
}
