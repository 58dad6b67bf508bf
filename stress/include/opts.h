/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven command-line options: one table per program names each
 * option, its type, its field in the program's config struct, its range
 * and its help line. The same table parses the command line (every
 * number range-checked, one-line errors), prints --help with the
 * defaults taken from a default config, and prints a resolved config as
 * "name=value" lines for the host tools that size guests.
 */
#ifndef LUO_STRESS_OPTS_H
#define LUO_STRESS_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum opt_type {
	OPT_U64,	/* uint64_t, within min..max */
	OPT_FLAG,	/* uint32_t, set to 1 by the option */
	OPT_CHOICE,	/* uint32_t index into choices */
	OPT_KINDS,	/* uint32_t memfd kind mask (memfd_kind.h) */
	OPT_PATH,	/* char[OPT_PATH_LEN] */
	OPT_PATHS,	/* char[OPT_PATHS_LEN]: paths, comma-separated */
};

#define OPT_PATH_LEN 128
/* 16 of the runner's kernels (WIRE_GUEST_KERNEL ".NN") take 255 */
#define OPT_PATHS_LEN 512

struct opt {
	const char *name;	/* --name */
	enum opt_type type;
	size_t off;		/* offsetof() the field in the config */
	uint64_t min, max;	/* OPT_U64 range */
	const char *const *choices;	/* OPT_CHOICE names, NULL-terminated */
	const char *arg;	/* what the argument is, for --help */
	const char *help;	/* one line; a second after '\n' */
};

/*
 * Parse @argv into @cfg, which holds the defaults on entry. With @rest
 * NULL every argument must be an option; otherwise parsing stops at the
 * first argument that is not one, and @rest gets its index. Returns 0,
 * 1 when --help was asked for (nothing printed), or -1 after printing a
 * one-line error to stderr.
 */
int opts_parse(const struct opt *opts, void *cfg, int argc, char **argv,
	       int *rest);

/*
 * opts_parse() of every argument of @argv into @cfg; when --help was
 * asked for, @head and opts_usage() with @defaults are printed. Returns
 * as opts_parse().
 */
int opts_parse_help(const struct opt *opts, void *cfg, const void *defaults,
		    const char *head, int argc, char **argv);

/* The option list of --help, each with its default from @defaults. */
void opts_usage(const struct opt *opts, const void *defaults, FILE *f);

/* Every option of @cfg as a "name=value" line. */
void opts_print(const struct opt *opts, const void *cfg, FILE *f);

/*
 * The one number parser: @s as a decimal (or 0x) number within
 * @min..@max, for option --@name. Returns 0, or -1 after printing
 * "error: --NAME ..." to stderr.
 */
int opt_u64(const char *name, const char *s, uint64_t min, uint64_t max,
	    uint64_t *out);

/* How many paths the OPT_PATHS list @list holds (none empty, see opts.c). */
size_t opt_paths_count(const char *list);

/*
 * Path @i modulo their number of the OPT_PATHS list @list into @buf.
 * Returns 0, or -ENAMETOOLONG when it does not fit in @size.
 */
int opt_paths_pick(const char *list, uint64_t i, char *buf, size_t size);

#endif
