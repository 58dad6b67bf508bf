// SPDX-License-Identifier: GPL-2.0
/*
 * LAVA job logs as luo-collect input: each log line is a mapping
 * {"dt": "<UTC time>", "lvl": "...", "msg": ...}. "target" lines carry the
 * board's console text and the time the dispatcher read it; they are fed
 * to the serial parser as "<epoch seconds> <text>". The job's own result
 * ({"case": "job", "definition": "lava", "result": ...}) stands for the
 * end of the run that init's "done" line marks in QEMU logs.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lava.h"
#include "parse.h"
#include "text.h"

/* "2026-11-25T13:20:44.664489" (fraction optional) to epoch seconds */
static int parse_dt(const char *s, double *out)
{
	struct tm tm;
	char *end;
	double frac = 0;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end)
		return -1;
	if (*end == '.' && text_parse_double(end, end + strcspn(end, "\""), &frac))
		return -1;
	*out = (double)timegm(&tm) + frac;
	return 0;
}

/* Decode the JSON string starting after its opening quote into @out. */
static int json_string(const char *p, char *out, size_t size)
{
	size_t n = 0;
	unsigned int u;

	for (; *p && *p != '"'; p++) {
		char ch = *p;

		if (ch == '\\') {
			p++;
			switch (*p) {
			case 'n': case 'r': case 't': case 'b': case 'f':
				ch = ' ';
				break;
			case 'u':
				if (sscanf(p + 1, "%4x", &u) != 1)
					return -1;
				p += 4;
				ch = u < 0x80 ? (char)u : '?';
				break;
			case 0:
				return -1;
			default:
				ch = *p;	/* \" \\ \/ */
			}
		}
		if (n + 1 < size)
			out[n++] = ch;
	}
	out[n] = 0;
	return *p == '"' ? 0 : -1;
}

/* The value of "@key": in the JSON mapping @s, from its first byte. */
static const char *json_value(const char *s, const char *key)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(s, pat);
	return p ? text_after(p, pat) : NULL;
}

void lava_line(struct collect *c, const char *line, size_t len)
{
	char buf[COLLECT_LINE_MAX], text[COLLECT_LINE_MAX];
	char out[COLLECT_LINE_MAX + 32];
	const char *dt, *lvl, *msg, *s;
	double t;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = 0;
	dt = json_value(buf, "dt");
	lvl = json_value(buf, "lvl");
	msg = json_value(buf, "msg");
	if (dt)
		dt = text_after(dt, "\"");	/* the date is a JSON string */
	if (!dt || !lvl || !msg || parse_dt(dt, &t)) {
		c->malformed++;
		return;
	}
	if (text_after(lvl, "\"results\"")) {
		if (strstr(msg, "\"case\": \"job\"") &&
		    strstr(msg, "\"definition\": \"lava\"")) {
			c->done_seen = 1;
			if (!strstr(msg, "\"result\": \"pass\"")) {
				c->done_rc = 1;
				snprintf(c->final_msg, sizeof(c->final_msg),
					 "LAVA job result: not pass");
			}
		}
		return;
	}
	/* console text: level "target", message a JSON string */
	s = text_after(msg, "\"");
	if (!text_after(lvl, "\"target\"") || !s)
		return;
	if (json_string(s, text, sizeof(text))) {
		c->malformed++;
		return;
	}
	snprintf(out, sizeof(out), "%.6f %s", t, text);
	parse_serial_line(c, out, strlen(out));
}
