// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line and our cycle parameter in it (see cmdline.h).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdline.h"
#include "wire.h"

int cmdline_read(char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	if ((size_t)n == size - 1)
		return -E2BIG;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return 0;
}

/* The start of the word at or after @s, "" at the end. */
static const char *word_start(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* The end of the word at @s: a space outside double quotes (next_arg()). */
static const char *word_end(const char *s)
{
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && isspace((unsigned char)*s))
			break;
	}
	return s;
}

/* Whether the word @s..@e ends the kernel's words. */
static int is_dashes(const char *s, const char *e)
{
	return e - s == 2 && s[0] == '-' && s[1] == '-';
}

/* Whether the word at @s is our parameter. */
static int is_cycle(const char *s)
{
	return !strncmp(s, WIRE_CMDLINE_CYCLE, strlen(WIRE_CMDLINE_CYCLE));
}

int cmdline_cycle(const char *cmdline, uint64_t *cycle)
{
	const char *s, *e, *v;
	unsigned long long n;
	int ret = -ENOENT;
	char *end;

	for (s = word_start(cmdline); *s; s = word_start(e)) {
		e = word_end(s);
		if (is_dashes(s, e))
			break;
		if (!is_cycle(s))
			continue;
		v = s + strlen(WIRE_CMDLINE_CYCLE);
		errno = 0;
		n = strtoull(v, &end, 10);
		if (!isdigit((unsigned char)*v) || errno || end != e) {
			ret = -EINVAL;
			continue;
		}
		*cycle = n;
		ret = 0;
	}
	return ret;
}

/* Append @len bytes of @s to @out (@n used of @size), a space first. */
static int append(char *out, size_t size, size_t *n, const char *s,
		  size_t len)
{
	size_t sep = *n ? 1 : 0;

	if (*n + sep + len >= size)
		return -E2BIG;
	if (sep)
		out[(*n)++] = ' ';
	memcpy(out + *n, s, len);
	*n += len;
	out[*n] = 0;
	return 0;
}

int cmdline_set_cycle(const char *cmdline, uint64_t cycle, char *out,
		      size_t size)
{
	const char *s, *e, *rest = NULL;
	char ours[64];
	size_t n = 0;

	if (!size)
		return -E2BIG;
	out[0] = 0;
	for (s = word_start(cmdline); *s; s = word_start(e)) {
		e = word_end(s);
		if (is_dashes(s, e)) {
			rest = s;
			break;
		}
		if (!is_cycle(s) && append(out, size, &n, s, e - s))
			return -E2BIG;
	}
	snprintf(ours, sizeof(ours), WIRE_CMDLINE_CYCLE "%llu",
		 (unsigned long long)cycle);
	if (append(out, size, &n, ours, strlen(ours)))
		return -E2BIG;
	if (rest && append(out, size, &n, rest, strlen(rest)))
		return -E2BIG;
	return 0;
}
