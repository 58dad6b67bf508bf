// SPDX-License-Identifier: GPL-2.0
/*
 * luo-limits options (see limits_config.h): the table and the defaults.
 */
#include <stddef.h>
#include <string.h>

#include "limits_config.h"
#include "opts.h"

static const char *const what_names[] = {
	[LIMITS_BOTH] = "both",
	[LIMITS_FILES] = "files",
	[LIMITS_SESSIONS] = "sessions",
	NULL,
};

#define LIM(f) offsetof(struct limits_config, f)

static const struct opt limits_opts[] = {
	{ "what", OPT_CHOICE, LIM(what), 0, 0, what_names, "W",
	  "which ceilings to search" },
	{ "max", OPT_U64, LIM(max), 1, 1ULL << 32, NULL, "N",
	  "stop a search after N" },
	{ "budget", OPT_U64, LIM(budget_s), 1, 86400, NULL, "S",
	  "stop a search after S seconds" },
	{ "nofile", OPT_U64, LIM(nofile), 0, 1ULL << 31, NULL, "N",
	  "RLIMIT_NOFILE to run with (0: fs.nr_open)" },
	{ NULL },
};

static void defaults(struct limits_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->what = LIMITS_BOTH;
	cfg->max = 1000000;
	cfg->budget_s = 300;
}

int limits_parse(struct limits_config *cfg, int argc, char **argv)
{
	struct limits_config d;

	defaults(&d);
	*cfg = d;
	return opts_parse_help(limits_opts, cfg, &d,
			       "Usage: luo-limits [options]\n"
			       "Grow LUO state until the kernel refuses; report the ceilings.\n\n",
			       argc, argv);
}

void limits_print(const struct limits_config *cfg, FILE *f)
{
	fprintf(f, "workload=luo-limits\n");
	opts_print(limits_opts, cfg, f);
}
