// SPDX-License-Identifier: GPL-2.0
/*
 * luo-aggregate's CSV reading and writing (see csv.h): lines split with
 * their quoted fields, columns found by header name, values ordered as
 * numbers where they are numbers, numbers written as the CSVs want them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"

int csv_split(char *line, char **f)
{
	char *p = line, *w;
	int n = 0;

	line[strcspn(line, "\r\n")] = 0;
	while (n < CSV_FIELDS_MAX) {
		f[n++] = p;
		if (*p == '"') {
			w = p;
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				*w++ = *p;
			}
			if (*p == '"')
				p++;
			*w = 0;
			if (*p != ',')
				return *p ? -1 : n;
			p++;
			continue;
		}
		w = strchr(p, ',');
		if (!w)
			return n;
		*w = 0;
		p = w + 1;
	}
	return -1;
}

int csv_col(char **hdr, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(hdr[i], name))
			return i;
	return -1;
}

const char *const csv_variant_cols[CSV_VARIANTS] = {
	"workers", "churn", "faults",
};

void csv_opt_cols(char **hdr, int n, const char *const *names,
		  size_t count, int *cols)
{
	size_t i;

	for (i = 0; i < count; i++)
		cols[i] = csv_col(hdr, n, names[i]);
}

const char *csv_opt(char **f, int col)
{
	return col < 0 ? "" : f[col];
}

int csv_row_profiled(char **f, int cprof)
{
	return cprof >= 0 && !strcmp(f[cprof], "1");
}

FILE *csv_open(const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "luo-aggregate: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	return f;
}

int csv_read_header(FILE *f, const char *path, char *buf, char **hdr)
{
	int n;

	if (!fgets(buf, CSV_LINE_MAX, f)) {
		fprintf(stderr, "luo-aggregate: %s: empty file\n", path);
		exit(3);
	}
	n = csv_split(buf, hdr);
	if (n < 2) {
		fprintf(stderr, "luo-aggregate: %s: no CSV header\n", path);
		exit(3);
	}
	return n;
}

int csv_need_col(char **hdr, int n, const char *name, const char *path)
{
	int c = csv_col(hdr, n, name);

	if (c < 0) {
		fprintf(stderr, "luo-aggregate: %s: no column %s\n", path, name);
		exit(3);
	}
	return c;
}

void csv_need_cols(char **hdr, int n, const char *const *names,
		   size_t count, int *cols, const char *path)
{
	size_t i;

	for (i = 0; i < count; i++)
		cols[i] = csv_need_col(hdr, n, names[i], path);
}

int csv_cmp_value(const char *a, const char *b)
{
	double x, y;

	if (!text_parse_double(a, NULL, &x) && !text_parse_double(b, NULL, &y))
		return x < y ? -1 : x > y;
	return strcmp(a, b);
}

void csv_put(const char *fmt, double x)
{
	if (isnan(x))
		printf(",");
	else if (isinf(x))
		printf(",inf");
	else
		printf(fmt, x);
}

void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
