// SPDX-License-Identifier: GPL-2.0
/*
 * The kernels of a cross-kernel run (see kernels.h): the kernel table
 * the runner writes to run.txt, read line by line, and the rules that
 * say what a transition between two of its kernels should do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"
#include "text.h"

/* What expect.I.J may say: an outcome, or a class of them. */
static const char *const expectations[] = {
	"carried", "no-state", "panic", "refused", "declined", "unknown",
};

/* What the kernels design as a decline (docs/metrics.md). */
static const char *const declines[] = { "no-state", "panic", "refused" };

#define UNKNOWN	"unknown"

void kernels_init(struct kernels *t)
{
	memset(t, 0, sizeof(*t));
	t->max_index = -1;
}

/* The index "I" that starts @s, ended by @end; -1 when it is none. */
static int index_of(const char *s, const char **end)
{
	const char *e = s + strspn(s, "0123456789");
	long i;

	if (e == s || e - s > 4 || text_parse_long(s, e, &i))
		return -1;
	*end = e;
	return (int)i;
}

static int bad(char *err, size_t size, const char *line, const char *why)
{
	snprintf(err, size, "run.txt: %s: %s", line, why);
	return -1;
}

static int set_str(char *dst, size_t size, const char *v)
{
	snprintf(dst, size, "%s", v);
	return 1;
}

/* kernel.I.KEY=VALUE, @s after "kernel." */
static int kernel_key(struct kernels *t, const char *line, const char *s,
		      char *err, size_t size)
{
	static const struct {
		const char *key;
		size_t off, size;
	} keys[] = {
#define KEY(k) { #k "=", offsetof(struct kernels_entry, k), \
		 sizeof(((struct kernels_entry *)0)->k) }
		KEY(entry), KEY(release), KEY(page_size), KEY(luo),
		KEY(memfd), KEY(kho),
#undef KEY
	};
	const char *v;
	size_t j;
	int i = index_of(s, &s);

	if (i < 0 || *s != '.')
		return bad(err, size, line, "kernel.I: I is not a number");
	if (i >= KERNELS_MAX)
		return bad(err, size, line, "more kernels than luo-collect holds (16)");
	if (i > t->max_index)
		t->max_index = i;
	for (j = 0; j < ARRAY_SIZE(keys); j++) {
		v = text_after(s + 1, keys[j].key);
		if (v)
			return set_str((char *)&t->k[i] + keys[j].off,
				       keys[j].size, v);
	}
	return 1;	/* dir=, board=: not the collector's */
}

/* expect.I.J=OUTCOME, @s after "expect." */
static int expect_key(struct kernels *t, const char *line, const char *s,
		      char *err, size_t size)
{
	int i = index_of(s, &s), j = -1;
	size_t k;

	if (i >= 0 && *s == '.')
		j = index_of(s + 1, &s);
	if (i < 0 || j < 0 || *s != '=')
		return bad(err, size, line, "expect.I.J: I and J are not numbers");
	if (i >= KERNELS_MAX || j >= KERNELS_MAX)
		return bad(err, size, line, "more kernels than luo-collect holds (16)");
	for (k = 0; k < ARRAY_SIZE(expectations); k++)
		if (!strcmp(s + 1, expectations[k]))
			break;
	if (k == ARRAY_SIZE(expectations))
		return bad(err, size, line,
			   "not an outcome (carried, no-state, panic, refused, declined, unknown)");
	if (i > t->max_index)
		t->max_index = i;
	if (j > t->max_index)
		t->max_index = j;
	return set_str(t->expect[i][j], sizeof(t->expect[i][j]), s + 1);
}

int kernels_line(struct kernels *t, const char *line, char *err,
		 size_t size)
{
	const char *v;
	long n;

	v = text_after(line, "kernels=");
	if (v) {
		if (text_parse_long(v, NULL, &n) || n < 1 || n > KERNELS_MAX)
			return bad(err, size, line, "N is not 1..16");
		t->n = (int)n;
		return 1;
	}
	v = text_after(line, "kernel.");
	if (v)
		return kernel_key(t, line, v, err, size);
	v = text_after(line, "expect.");
	if (v)
		return expect_key(t, line, v, err, size);
	return 0;
}

int kernels_check(const struct kernels *t, char *err, size_t size)
{
	if (t->max_index >= 0 && t->max_index >= t->n) {
		snprintf(err, size, "run.txt: kernel %d named, but kernels=%d",
			 t->max_index, t->n);
		return -1;
	}
	return 0;
}

int kernels_index(const struct kernels *t, long cycle)
{
	if (!t || t->n < 1 || cycle < 0)
		return -1;
	return (int)(cycle % t->n);
}

const char *kernels_entry_of(const struct kernels *t, long cycle,
			     const char *release)
{
	int i = kernels_index(t, cycle);

	if (i < 0 || strcmp(release, t->k[i].release))
		return "";
	return t->k[i].entry;
}

void kernels_name(const struct kernels *t, const char *release,
		  const char *entry, char *buf, size_t size)
{
	int i, same = 0;

	/* another kernel of that release: another entry */
	for (i = 0; t && i < t->n; i++)
		same += !strcmp(t->k[i].release, release) &&
			strcmp(t->k[i].entry, entry);
	if (!release[0])
		snprintf(buf, size, "?");
	else if (same && entry[0])
		snprintf(buf, size, "%s [%s]", release, entry);
	else
		snprintf(buf, size, "%s", release);
}

/* Compare two ABI strings: 0 equal, 1 different, -1 either unknown. */
static int abi_cmp(const char *a, const char *b)
{
	if (!a[0] || !b[0] || !strcmp(a, UNKNOWN) || !strcmp(b, UNKNOWN))
		return -1;
	return strcmp(a, b) != 0;
}

const char *kernels_expected(const struct kernels *t, long cycle)
{
	const struct kernels_entry *a, *b;
	const struct {
		size_t off;
		const char *differ;
	} rules[] = {
		/* in this order: the first that differs decides */
		{ offsetof(struct kernels_entry, page_size), "declined" },
		{ offsetof(struct kernels_entry, kho), "no-state" },
		{ offsetof(struct kernels_entry, luo), "panic" },
		{ offsetof(struct kernels_entry, memfd), "refused" },
	};
	int i = kernels_index(t, cycle - 1), j = kernels_index(t, cycle);
	size_t r;
	int d;

	if (i < 0 || j < 0 || cycle < 1)
		return "carried";
	if (t->expect[i][j][0])
		return t->expect[i][j];
	a = &t->k[i];
	b = &t->k[j];
	for (r = 0; r < ARRAY_SIZE(rules); r++) {
		d = abi_cmp((const char *)a + rules[r].off,
			    (const char *)b + rules[r].off);
		/* unknown: this one may differ, and decide */
		if (d < 0)
			return UNKNOWN;
		if (d)
			return rules[r].differ;
	}
	return "carried";
}

int kernels_is_decline(const char *outcome)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(declines); i++)
		if (!strcmp(outcome, declines[i]))
			return 1;
	return 0;
}

int kernels_accepts(const char *expected, const char *got)
{
	if (!got[0])
		return 0;
	if (!strcmp(expected, got))
		return 1;
	if (!strcmp(expected, "declined"))
		return kernels_is_decline(got);
	if (!strcmp(expected, UNKNOWN))
		return kernels_is_decline(got) || !strcmp(got, "carried");
	return 0;
}

/*
 * Compare the numeric parts of two releases ("7.3.4" of "7.3.4-memfd"),
 * number by number, a missing one 0: <0, 0 or >0.
 */
static int version_cmp(const char *a, const char *b)
{
	unsigned long x, y;
	char *ea, *eb;

	for (;;) {
		x = *a >= '0' && *a <= '9' ? strtoul(a, &ea, 10) : 0;
		y = *b >= '0' && *b <= '9' ? strtoul(b, &eb, 10) : 0;
		if (x != y)
			return x < y ? -1 : 1;
		a = *a >= '0' && *a <= '9' ? ea : a;
		b = *b >= '0' && *b <= '9' ? eb : b;
		/* a number goes on only past a dot and a digit */
		a = a[0] == '.' && a[1] >= '0' && a[1] <= '9' ? a + 1 : "";
		b = b[0] == '.' && b[1] >= '0' && b[1] <= '9' ? b + 1 : "";
		if (!*a && !*b)
			return 0;
	}
}

const char *kernels_direction(const char *from, const char *to)
{
	int d;

	if (!from[0] || !to[0])
		return "";
	if (!strcmp(from, to))
		return "same";
	d = version_cmp(from, to);
	return d < 0 ? "upgrade" : d > 0 ? "rollback" : "lateral";
}
