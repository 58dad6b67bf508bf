/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-aggregate's CSV helpers (csv.c): a line split into its fields
 * (quoted ones too), a header read and its columns found by name, two
 * fields' values ordered, and a number written the way every CSV of
 * luo-aggregate writes it. Every input is read by column name through
 * these, never by position.
 */
#ifndef LUO_COLLECT_CSV_H
#define LUO_COLLECT_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_FIELDS_MAX	64	/* fields of a line, at most */
#define CSV_LINE_MAX	8192	/* bytes of a line, its newline included */

/*
 * Split a CSV line in place; handles quoted fields. Returns the field
 * count, or -1 when text follows a closing quote or the fields are more
 * than CSV_FIELDS_MAX.
 */
int csv_split(char *line, char **f);
/* Index of column @name in header @hdr of @n fields, or -1. */
int csv_col(char **hdr, int n, const char *name);
/*
 * Whether row @f of a luo-collect CSV is of a profiled run (PROFILE=1),
 * whose times carry the profiler's cost; @cprof is the index of its
 * "profile" column, or -1.
 */
int csv_row_profiled(char **f, int cprof);
/* @path opened for reading, or exit 3 saying why not. */
FILE *csv_open(const char *path);
/* Read the header of @f into @hdr; exits 3 on a bad file. */
int csv_read_header(FILE *f, const char *path, char *buf, char **hdr);
/* Column @name of header @hdr, or exit 3 naming what is missing. */
int csv_need_col(char **hdr, int n, const char *name, const char *path);
/* Columns @names[0..@count) into @cols, as csv_need_col() finds each. */
void csv_need_cols(char **hdr, int n, const char *const *names,
		   size_t count, int *cols, const char *path);
/*
 * The metric labels that make a workload's variant (workers, churn,
 * faults): runs that differ in them are never grouped together. Columns
 * of luo-collect's CSV since they were added, absent from older CSVs
 * (and empty in the rows of older logs).
 */
#define CSV_VARIANTS	3
extern const char *const csv_variant_cols[CSV_VARIANTS];
/* Columns @names[0..@count) of @hdr into @cols, -1 for each it lacks. */
void csv_opt_cols(char **hdr, int n, const char *const *names,
		  size_t count, int *cols);
/* Field @col of row @f, "" when @col is -1 (a column the CSV lacks). */
const char *csv_opt(char **f, int col);
/* Numeric order for numbers, text order otherwise. */
int csv_cmp_value(const char *a, const char *b);
/*
 * Print @x by @fmt (which starts with its field's comma): a bare comma
 * when it is unknown (NAN), ",inf" when it is unbounded.
 */
void csv_put(const char *fmt, double x);
/* @s as one CSV field on @f, quoted when it holds a comma, quote or newline. */
void csv_field(FILE *f, const char *s);

#endif
