// SPDX-License-Identifier: GPL-2.0
/*
 * tracefs kprobe events and hist triggers (see ktrace.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ktrace.h"
#include "util.h"

#define HIST_MAX	(64 << 10)

int ktrace_mount(char *why, size_t size)
{
	if (!access(TRACEFS "/kprobe_events", W_OK))
		return 0;
	mkdir(TRACEFS, 0755);
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY) {
		snprintf(why, size, "cannot mount tracefs: %s", strerror(errno));
		return -1;
	}
	if (access(TRACEFS "/kprobe_events", W_OK)) {
		snprintf(why, size, "no kprobe events in this kernel (%s/kprobe_events: %s)",
			 TRACEFS, strerror(errno));
		return -1;
	}
	return 0;
}

int ktrace_hist_probe(const char *def, const char *trigger, char *why,
		      size_t size)
{
	char path[256], event[64];
	const char *sp = strchr(def, ' '), *colon = strchr(def, ':');
	int err;

	if (!sp || !colon || colon > sp || sp - colon - 1 >= (long)sizeof(event)) {
		snprintf(why, size, "bad probe definition '%s'", def);
		return -1;
	}
	snprintf(event, sizeof(event), "%.*s", (int)(sp - colon - 1), colon + 1);
	err = write_file(TRACEFS "/kprobe_events", def, 1);
	if (err) {
		snprintf(why, size, "kprobe '%s' refused: %s", def,
			 strerror(-err));
		return -1;
	}
	snprintf(path, sizeof(path), TRACEFS "/events/%s/trigger", event);
	err = write_file(path, trigger, 0);
	if (err) {
		snprintf(why, size, "hist trigger on %s refused: %s", event,
			 strerror(-err));
		return -1;
	}
	return 0;
}

/* "name: value" at @p into @r; returns the text after it or NULL. */
static const char *field(const char *p, struct hist_row *r, int64_t *out)
{
	const char *colon = strchr(p, ':');
	size_t n;
	char *end;

	if (!colon)
		return NULL;
	n = colon - p;
	while (n && p[n - 1] == ' ')
		n--;
	if (!n || n >= sizeof(r->name[0]))
		return NULL;
	if (out != &r->hitcount) {
		if (r->n == KTRACE_FIELDS)
			return NULL;
		memcpy(r->name[r->n], p, n);
		r->name[r->n][n] = 0;
		out = &r->value[r->n++];
	}
	*out = strtoll(colon + 1, &end, 10);
	return end == colon + 1 ? NULL : end;
}

/* One "{ k: v, k: v } hitcount: n  v: n" line into @r; 0 or -1. */
static int parse_row(const char *line, struct hist_row *r)
{
	const char *p = line + 1, *close = strchr(line, '}');
	int64_t v;

	memset(r, 0, sizeof(*r));
	if (!close)
		return -1;
	while (p < close) {
		p += strspn(p, " ,");
		if (p >= close)
			break;
		p = field(p, r, &v);
		if (!p || p > close)
			return -1;
	}
	p = close + 1;
	for (;;) {
		p += strspn(p, " ");
		if (!*p || *p == '\n')
			return 0;
		if (!strncmp(p, "hitcount:", 9))
			p = field(p, r, &r->hitcount);
		else
			p = field(p, r, &v);
		if (!p)
			return -1;
	}
}

/*
 * Parse hist file text @text into @rows (at most @max). Returns the
 * number of rows, or -1 when a row is not in the hist format.
 */
static int hist_parse(const char *text, struct hist_row *rows, int max)
{
	const char *line = text;
	int n = 0;

	while (line && *line) {
		if (*line == '{') {
			if (n == max || parse_row(line, &rows[n]))
				return -1;
			n++;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return n;
}

int64_t hist_field(const struct hist_row *r, const char *name, int64_t def)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->name[i], name))
			return r->value[i];
	return def;
}

int ktrace_hist_read(const char *group, const char *name,
		     struct hist_row *rows, int max, char *why, size_t size)
{
	char path[256], *text;
	ssize_t n, got = 0;
	int fd, ret;

	snprintf(path, sizeof(path), TRACEFS "/events/%s/%s/hist", group,
		 name);
	fd = open(path, O_RDONLY);
	text = malloc(HIST_MAX);
	if (fd < 0 || !text) {
		snprintf(why, size, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(text);
		return -1;
	}
	while (got < HIST_MAX - 1 &&
	       (n = read(fd, text + got, HIST_MAX - 1 - got)) > 0)
		got += n;
	close(fd);
	text[got] = 0;
	ret = hist_parse(text, rows, max);
	if (ret < 0)
		snprintf(why, size, "%s: not in the hist format", path);
	free(text);
	return ret;
}
