/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text helpers of the collectors, one of each: prefixes, "key=value"
 * fields, numbers and KTAP result lines. Every parser of luo-collect and
 * luo-aggregate goes through these, never through offsets into a line.
 */
#ifndef LUO_COLLECT_TEXT_H
#define LUO_COLLECT_TEXT_H

#include <stddef.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* @src into the char array @dst, cut to its size (needs stdio.h). */
#define TEXT_COPY(dst, src) snprintf(dst, sizeof(dst), "%s", src)

/* The text after @prefix when @s starts with it, else NULL. */
const char *text_after(const char *s, const char *prefix);

/*
 * The value of @key in space-separated "k=v" pairs @s, copied to @out.
 * Returns 0, or -1 when the key is missing, empty or longer than @size.
 */
int text_kv_get(const char *s, const char *key, char *out, size_t size);

/*
 * The one number parser: all of @s (up to @end, or its NUL when @end is
 * NULL) is a decimal number. text_parse_long takes an optional minus sign and
 * digits; text_parse_double also one decimal point. Return 0 or -1.
 */
int text_parse_long(const char *s, const char *end, long *out);
int text_parse_double(const char *s, const char *end, double *out);

/* A KTAP result line: "ok N name", "not ok N name # SKIP why". */
struct ktap_result {
	int ok;			/* "ok" rather than "not ok" */
	int skip;		/* directive SKIP */
	long number;
	char name[64];		/* the test's name, cut to fit */
};

/* Parse @line as a KTAP result; 0, or -1 when it is not one. */
int text_ktap_result(const char *line, struct ktap_result *r);

#endif
