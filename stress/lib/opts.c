// SPDX-License-Identifier: GPL-2.0
/*
 * Table-driven options (see opts.h): the parser, --help and the resolved
 * "name=value" listing all walk the same table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "memfd_kind.h"
#include "opts.h"
#include "util.h"
#include "wire.h"

#define OPTS_MAX 32

int opt_u64(const char *name, const char *s, uint64_t min, uint64_t max,
	    uint64_t *out)
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
		fprintf(stderr, WIRE_ERROR "--%s %s out of range %llu..%llu\n",
			name, s, (unsigned long long)min,
			(unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	fprintf(stderr, WIRE_ERROR "--%s needs a number, got '%s'\n", name,
		s ? s : "");
	return -1;
}

static void *field(void *cfg, const struct opt *o)
{
	return (char *)cfg + o->off;
}

static const void *cfield(const void *cfg, const struct opt *o)
{
	return (const char *)cfg + o->off;
}

/* "a, b or c" of an OPT_CHOICE, for its error line. */
static void choices_text(const struct opt *o, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = 0;
	for (i = 0; o->choices[i] && n < size; i++)
		n += snprintf(buf + n, size - n, "%s%s",
			      !i ? "" : o->choices[i + 1] ? ", " : " or ",
			      o->choices[i]);
}

/* An OPT_PATHS list: each path non-empty, the whole within its buffer. */
static int set_paths(const struct opt *o, void *cfg, const char *arg)
{
	const char *p;

	if (strlen(arg) >= OPT_PATHS_LEN) {
		fprintf(stderr, WIRE_ERROR "--%s longer than %d\n", o->name,
			OPT_PATHS_LEN - 1);
		return -1;
	}
	/* a path ends at each comma and at the end: none may be empty */
	for (p = arg; ; p++) {
		if ((*p == ',' || !*p) && (p == arg || p[-1] == ',')) {
			fprintf(stderr, WIRE_ERROR "--%s '%s': an empty path in the list\n",
				o->name, arg);
			return -1;
		}
		if (!*p)
			break;
	}
	snprintf(field(cfg, o), OPT_PATHS_LEN, "%s", arg);
	return 0;
}

size_t opt_paths_count(const char *list)
{
	size_t n = 1;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

int opt_paths_pick(const char *list, uint64_t i, char *buf, size_t size)
{
	size_t len;

	for (i %= opt_paths_count(list); i; i--)
		list = strchr(list, ',') + 1;
	len = strcspn(list, ",");
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(buf, list, len);
	buf[len] = 0;
	return 0;
}

static int set_value(const struct opt *o, void *cfg, const char *arg)
{
	char names[128];
	uint32_t i;

	switch (o->type) {
	case OPT_U64:
		return opt_u64(o->name, arg, o->min, o->max, field(cfg, o));
	case OPT_FLAG:
		*(uint32_t *)field(cfg, o) = 1;
		return 0;
	case OPT_CHOICE:
		for (i = 0; o->choices[i]; i++) {
			if (!strcmp(arg, o->choices[i])) {
				*(uint32_t *)field(cfg, o) = i;
				return 0;
			}
		}
		choices_text(o, names, sizeof(names));
		fprintf(stderr, WIRE_ERROR "--%s must be %s, got '%s'\n", o->name,
			names, arg);
		return -1;
	case OPT_KINDS:
		if (!kinds_parse(arg, field(cfg, o)))
			return 0;
		kinds_format(KIND_MASK_ALL, names, sizeof(names));
		fprintf(stderr, WIRE_ERROR "--%s: unknown kind in '%s' (%s, or all)\n",
			o->name, arg, names);
		return -1;
	case OPT_PATH:
		if (!*arg || strlen(arg) >= OPT_PATH_LEN) {
			fprintf(stderr, WIRE_ERROR "--%s path empty or longer than %d\n",
				o->name, OPT_PATH_LEN - 1);
			return -1;
		}
		snprintf(field(cfg, o), OPT_PATH_LEN, "%s", arg);
		return 0;
	case OPT_PATHS:
		return set_paths(o, cfg, arg);
	}
	return -1;
}

int opts_parse(const struct opt *opts, void *cfg, int argc, char **argv,
	       int *rest)
{
	struct option lo[OPTS_MAX + 2];
	int n, c, idx;

	for (n = 0; opts[n].name && n < OPTS_MAX; n++)
		lo[n] = (struct option){ opts[n].name,
			opts[n].type == OPT_FLAG ? no_argument :
			required_argument, NULL, n };
	lo[n++] = (struct option){ "help", no_argument, NULL, OPTS_MAX };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, rest ? "+" : "", lo, &idx)) != -1) {
		if (c == OPTS_MAX)
			return 1;
		if (c > OPTS_MAX) {	/* '?': unknown, or its argument missing */
			fprintf(stderr, WIRE_ERROR "unknown or incomplete option '%s' (see --help)\n",
				argv[optind - 1]);
			return -1;
		}
		if (set_value(&opts[c], cfg, optarg))
			return -1;
	}
	if (rest) {
		*rest = optind;
	} else if (optind < argc) {
		fprintf(stderr, WIRE_ERROR "unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return -1;
	}
	return 0;
}

int opts_parse_help(const struct opt *opts, void *cfg, const void *defaults,
		    const char *head, int argc, char **argv)
{
	int ret = opts_parse(opts, cfg, argc, argv, NULL);

	if (ret > 0) {
		fputs(head, stdout);
		opts_usage(opts, defaults, stdout);
	}
	return ret;
}

/* The value of @o in @cfg as text. */
static void value_text(const struct opt *o, const void *cfg, char *buf,
		       size_t size)
{
	const void *v = cfield(cfg, o);

	switch (o->type) {
	case OPT_U64:
		snprintf(buf, size, "%llu",
			 (unsigned long long)*(const uint64_t *)v);
		break;
	case OPT_FLAG:
		snprintf(buf, size, "%u", *(const uint32_t *)v);
		break;
	case OPT_CHOICE:
		snprintf(buf, size, "%s", o->choices[*(const uint32_t *)v]);
		break;
	case OPT_KINDS:
		kinds_format(*(const uint32_t *)v, buf, size);
		break;
	case OPT_PATH:
	case OPT_PATHS:
		snprintf(buf, size, "%s", (const char *)v);
		break;
	}
}

void opts_usage(const struct opt *opts, const void *defaults, FILE *f)
{
	char left[40], def[OPT_PATHS_LEN];
	const char *line, *nl;
	int i;

	for (i = 0; opts[i].name; i++) {
		const struct opt *o = &opts[i];

		snprintf(left, sizeof(left), "--%s%s%s", o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		value_text(o, defaults, def, sizeof(def));
		/* the help's lines, the first beside the option */
		for (line = o->help; (nl = strchr(line, '\n')); line = nl + 1) {
			fprintf(f, "  %-18s%.*s\n", left, (int)(nl - line), line);
			left[0] = 0;
		}
		fprintf(f, "  %-18s%s", left, line);
		if (o->type == OPT_FLAG)
			fputc('\n', f);
		else if (o->type == OPT_U64 && o->max != UINT64_MAX)
			fprintf(f, " (%llu..%llu, default %s)\n",
				(unsigned long long)o->min,
				(unsigned long long)o->max, def);
		else
			fprintf(f, " (default %s)\n", *def ? def : "none");
	}
	fprintf(f, "  %-18s%s\n", "--help", "this text");
}

void opts_print(const struct opt *opts, const void *cfg, FILE *f)
{
	char v[OPT_PATHS_LEN];
	int i;

	for (i = 0; opts[i].name; i++) {
		value_text(&opts[i], cfg, v, sizeof(v));
		fprintf(f, "%s=%s\n", opts[i].name, v);
	}
}
