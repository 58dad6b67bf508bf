/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options of luo-limits: which ceilings to search and the bounds of the
 * search. Parsed by the program on the board and by luo-workload on the
 * host, from the one table in limits_config.c.
 */
#ifndef LUO_STRESS_LIMITS_CONFIG_H
#define LUO_STRESS_LIMITS_CONFIG_H

#include <stdint.h>
#include <stdio.h>

enum limits_what {
	LIMITS_BOTH,
	LIMITS_FILES,
	LIMITS_SESSIONS,
};

struct limits_config {
	uint32_t what;		/* enum limits_what */
	uint64_t max;		/* stop a search after this many */
	uint64_t budget_s;	/* stop a search after this many seconds */
	uint64_t nofile;	/* RLIMIT_NOFILE to use, 0: fs.nr_open */
};

/*
 * Parse @argv into @cfg, defaults first. Returns 0, 1 when --help was
 * printed, -1 after printing a one-line error to stderr.
 */
int limits_parse(struct limits_config *cfg, int argc, char **argv);

/* Every option of @cfg as "name=value" lines. */
void limits_print(const struct limits_config *cfg, FILE *f);

static inline int limits_files(const struct limits_config *cfg)
{
	return cfg->what != LIMITS_SESSIONS;
}

static inline int limits_sessions(const struct limits_config *cfg)
{
	return cfg->what != LIMITS_FILES;
}

#endif
