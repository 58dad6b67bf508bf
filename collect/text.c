// SPDX-License-Identifier: GPL-2.0
/*
 * Text helpers of the collectors (see text.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *text_after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) ? NULL : s + n;
}

int text_kv_get(const char *s, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = s;

	while ((p = strstr(p, key))) {
		if ((p == s || p[-1] == ' ') && p[klen] == '=') {
			p += klen + 1;
			n = strcspn(p, " ");
			if (!n || n >= size)
				return -1;
			memcpy(out, p, n);
			out[n] = 0;
			return 0;
		}
		p += klen;
	}
	return -1;
}

/* Check that [s, end) is [-]digits[.digits] (dot only if @dot). */
static int numeric(const char *s, const char *end, int dot)
{
	int digits = 0, dots = 0;

	if (s < end && *s == '-')
		s++;
	for (; s < end; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s == '.' && dot && !dots)
			dots++;
		else
			return 0;
	}
	return digits > 0;
}

/*
 * Copy [s, end) (to the NUL when @end is NULL) into @buf when it is a
 * number of that shape; 0, or -1.
 */
static int numeric_copy(const char *s, const char *end, int dot, char *buf,
			size_t size)
{
	size_t n;

	if (!end)
		end = s + strlen(s);
	n = end - s;
	if (!numeric(s, end, dot) || n >= size)
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return 0;
}

int text_parse_long(const char *s, const char *end, long *out)
{
	char buf[32];

	if (numeric_copy(s, end, 0, buf, sizeof(buf)))
		return -1;
	errno = 0;
	*out = strtol(buf, NULL, 10);
	return errno ? -1 : 0;
}

int text_parse_double(const char *s, const char *end, double *out)
{
	char buf[64];

	if (numeric_copy(s, end, 1, buf, sizeof(buf)))
		return -1;
	*out = strtod(buf, NULL);
	return 0;
}

int text_ktap_result(const char *line, struct ktap_result *r)
{
	const char *p, *num, *name, *end;
	size_t n;

	memset(r, 0, sizeof(*r));
	p = text_after(line, "ok ");
	r->ok = !!p;
	if (!p)
		p = text_after(line, "not ok ");
	if (!p)
		return -1;
	num = p;
	p += strspn(p, "0123456789");
	if (*p != ' ' || text_parse_long(num, p, &r->number))
		return -1;
	name = p + 1;
	end = strstr(name, " #");
	if (!end)
		end = name + strlen(name);
	n = end - name;
	if (!n)
		return -1;
	if (n >= sizeof(r->name))
		n = sizeof(r->name) - 1;
	memcpy(r->name, name, n);
	r->name[n] = 0;
	r->skip = *end && !!strstr(end, "# SKIP");
	return 0;
}
